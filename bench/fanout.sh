#!/usr/bin/env bash
# CPU and latency per delivery, Switchboard against the Netty yardstick, one after the other
# in the same run, on loopback (issue 16, goals 2 and 3):
#   bench/fanout.sh [JAR]
# 1. ROUNDS (2) rounds of: each server fresh, 100 clients, 10 senders, 5,000 msg/s of 64-byte
#    lines (500,000 deliveries/s), DURATION (10s) measured after WARMUP (5s). CPU is the
#    server's utime+stime over exactly the measured window, divided by its wall time (the
#    bench tool's --pid; see docs/benchmarks.md).
# 2. The highest rate with p99 < 100 ms and no loss: each server fresh, 100 clients and 10
#    senders at RATES msg/s in turn until a run loses a message or its p99 reaches 100 ms.
# Switchboard runs with its defaults except flood control and the per-address limits (all load
# comes from 127.0.0.1), with SWITCHBOARD_JAVA_OPTS (default: the yardstick's own heap,
# -Xms256m -Xmx1g, so both run on the same JVM settings); the yardstick with its start.sh.
# Output: target/bench/fanout.jsonl; bench/summary.py prints the table. About 6 minutes.
set -uo pipefail
cd "$(dirname "$0")/.."
jar=${1:-$(ls target/switchboard-*.jar | head -1)}
java=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1 || command -v java)
peers=${PEERS:-../shared/peers}
out=target/bench
port=${PORT:-29998} # below the ephemeral range: the other listeners bind port 0
rounds=${ROUNDS:-2}
rates=${RATES:-10000 20000 30000 40000 50000 60000}
jvm=${SWITCHBOARD_JAVA_OPTS:--Xms256m -Xmx1g}
mkdir -p "$out" && : > "$out/fanout.jsonl"
log=$out/fanout.log
: > "$log"

switchboard="$java $jvm -jar $jar --server.port=0 --switchboard.tcp.host=127.0.0.1 --switchboard.tcp.port=$port --switchboard.irc.port=0 \
 --switchboard.udp.port=0 --switchboard.echo.enabled=false --switchboard.client.rate=0 --switchboard.client.byte-rate=0 \
 --switchboard.max-clients-per-ip=0 --switchboard.max-clients-per-ipv4-prefix=0 --switchboard.accept-rate-per-ip=0"
if [ -d "$peers/netty-broadcast" ] && [ ! -f "$out/netty-broadcast/target/netty-broadcast.jar" ]; then
  rm -rf "$out/netty-broadcast" && cp -r "$peers/netty-broadcast" "$out/netty-broadcast"
fi
netty="env JAVA=$java bash $out/netty-broadcast/start.sh $port"

server_pid=
start() { # NAME COMMAND
  bash -c "exec $2" > "$out/fanout-$1.log" 2>&1 &
  for _ in $(seq 1 120); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.5; done
  server_pid=$(pgrep -n -f -- "$port")   # the JVM itself, not a wrapper shell
}
stop() {
  kill "$server_pid" 2>/dev/null; while kill -0 "$server_pid" 2>/dev/null; do sleep 0.2; done
}
bench() { # SERVER SCENARIO OPTIONS...
  server=$1 label=$2; shift 2
  result=$("$java" -jar "$jar" bench "$@" --json --pid "$server_pid" 127.0.0.1 "$port" 2>>"$log" | tail -1)
  printf '{"server":"%s","scenario":"%s","load":"%s","result":%s}\n' "$server" "$label" "$(uptime | sed 's/.*average: //')" \
    "${result:-null}" | tee -a "$out/fanout.jsonl"
}
ok() { # the last result had no loss and p99 < 100 ms
  tail -1 "$out/fanout.jsonl" | python3 -c 'import json,sys; r=json.load(sys.stdin)["result"]; sys.exit(0 if r and r["lossPercent"]==0 and r["p99Ms"]<100 else 1)'
}

for round in $(seq 1 "$rounds"); do
  for server in switchboard netty; do
    start "$server" "${!server}"
    bench "$server" "500k deliveries/s, round $round" --clients 100 --senders 10 --rate 5000 --duration "${DURATION:-10s}" --warmup "${WARMUP:-5s}"
    stop
  done
done
for server in switchboard netty; do
  start "$server" "${!server}"
  for rate in $rates; do
    bench "$server" "highest rate: $rate msg/s" --clients 100 --senders 10 --rate "$rate" --duration 10s --warmup 3s
    ok || break
  done
  stop
done
