#!/usr/bin/env bash
# The conversations issue's benchmark: the 500k deliveries/s fan-out (100 clients, 10
# senders, 5,000 msg/s of 64-byte lines) with room history on (the defaults: 200 lines
# per room) against off (switchboard.history.size=0), one server after the other, twice
# each, alternating, so a slow moment of the machine does not land on one side only.
# Loopback only; stops by itself (about 2.5 minutes).
#   bench/history.sh [JAR]
# Output: target/bench/history.jsonl (one line per run) and target/bench/history.log.
set -uo pipefail
cd "$(dirname "$0")/.."
jar=${1:-$(ls target/switchboard-*.jar | head -1)}
java=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1 || command -v java)
out=target/bench
port=${PORT:-29989}
mkdir -p "$out" && : > "$out/history.jsonl"
log=$out/history.log
: > "$log"
if (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "port $port is taken; PORT=... bench/history.sh" >&2
  exit 1
fi

base="$java -jar $jar --server.port=0 --switchboard.tcp.host=127.0.0.1 --switchboard.tcp.port=$port --switchboard.irc.port=0 \
 --switchboard.udp.host=127.0.0.1 --switchboard.udp.port=$port --switchboard.echo.enabled=false \
 --switchboard.websocket.enabled=false --switchboard.client.rate=0 --switchboard.client.byte-rate=0 \
 --switchboard.max-clients-per-ip=0 --switchboard.max-clients-per-ipv4-prefix=0 --switchboard.accept-rate-per-ip=0"
server_pid=
trap 'kill "$server_pid" 2>/dev/null' EXIT
for round in 1 2; do
  for history in on off; do
    size=$([ "$history" = on ] && echo 200 || echo 0)
    bash -c "exec $base --switchboard.history.size=$size" > "$out/history-$history.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 120); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.5; done
    result=$("$java" -jar "$jar" bench --clients 100 --senders 10 --rate 5000 --duration 10s --warmup 5s \
      --json --pid "$server_pid" 127.0.0.1 "$port" 2>>"$log" | tail -1)
    printf '{"round":%d,"history":"%s","load":"%s","result":%s}\n' "$round" "$history" \
      "$(cut -d' ' -f1-3 /proc/loadavg)" "${result:-null}" | tee -a "$out/history.jsonl"
    kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; sleep 1
  done
done
