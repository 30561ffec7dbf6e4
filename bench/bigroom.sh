#!/usr/bin/env bash
# One big room, Switchboard against the Netty yardstick, alternating round by round on
# loopback (issue 30):
#   bench/bigroom.sh [JAR]
# MEMBERS (19,000) TCP clients in one room, one of them sending 64-byte lines at each of
# RATES (5 and 25) msg/s, so every line is a fan-out to every member. ROUNDS (3) rounds; in
# each, for each rate, each server fresh, Switchboard then the yardstick: DURATION (15s)
# measured after WARMUP (5s), its lines awaited up to DRAIN (10s) after. The generator is one process of its own (the per-process
# file limit is 20,000 here: 19,000 sockets and a JVM's files fit, not 38,000 beside the
# server), reading the members with READERS (2) selector threads (--readers: a virtual
# thread per member cost the generator more than the servers it measured; with one selector
# thread the yardstick's p50 was 1.5x what it is with two: the generator, not the server,
# set its figures).
# Reported per run: p50/p99 from each line's send to each member (the bench tool's), loss and
# order, the server's CPU over exactly the measured window, its RSS before the clients came,
# once they had connected (nothing sent yet) and at the window's end, and the load average
# (the machine is shared: repeat a round whose load was high).
# Switchboard runs with its defaults except flood control, the per-address limits (the output
# budget per address too: every member comes from 127.0.0.1, and a sixteenth of the heap is
# less than 19,000 outboxes' first 8 KiB chunks) and max-clients, on SWITCHBOARD_JAVA_OPTS (default: the yardstick's own heap, -Xms256m -Xmx1g);
# the yardstick with its start.sh (the same heap by default).
# GENERATOR_JAR: the jar whose bench tool loads the server (default: JAR). BEFORE_JAR: an
# earlier build of Switchboard, run as a third server ("before") in each round.
# Output: target/bench/bigroom.jsonl and a table on stdout. About 9 minutes at the defaults.
set -uo pipefail
cd "$(dirname "$0")/.."
jar=${1:-$(ls target/switchboard-*.jar | head -1)}
generator=${GENERATOR_JAR:-$jar} # e.g. this build's bench tool against an older server
java=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1 || command -v java)
peers=${PEERS:-../shared/peers}
out=target/bench
results=$out/bigroom.jsonl
port=${PORT:-29996} # below the ephemeral range: the other listeners bind port 0
members=${MEMBERS:-19000}
rates=${RATES:-5 25}
rounds=${ROUNDS:-3}
servers=${SERVERS:-switchboard netty}
jvm=${SWITCHBOARD_JAVA_OPTS:--Xms256m -Xmx1g}
mkdir -p "$out" && : > "$results"
log=$out/bigroom.log
: > "$log"

switchboard="$java $jvm -jar $jar --server.port=0 --switchboard.tcp.host=127.0.0.1 --switchboard.tcp.port=$port \
 --switchboard.irc.port=0 --switchboard.udp.port=0 --switchboard.echo.enabled=false --switchboard.client.rate=0 \
 --switchboard.client.byte-rate=0 --switchboard.max-clients-per-ip=0 --switchboard.max-clients-per-ipv4-prefix=0 \
 --switchboard.accept-rate-per-ip=0 --switchboard.client.output-budget-per-address=1GB --switchboard.max-clients=$((members + 1000))"
if [[ " $servers " == *" netty "* ]] && [ ! -f "$out/netty-broadcast/target/netty-broadcast.jar" ]; then
  # The peers folder is read-only: build the yardstick in a copy under target/.
  rm -rf "$out/netty-broadcast" && cp -r "$peers/netty-broadcast" "$out/netty-broadcast" && chmod -R u+w "$out/netty-broadcast"
  (cd "$out/netty-broadcast" && mvn -q -B package) > "$out/netty-build.log" 2>&1 \
    || { echo "the Netty yardstick did not build, see $out/netty-build.log" >&2; exit 1; }
fi
netty="env JAVA=$java bash $out/netty-broadcast/start.sh $port"
# BEFORE_JAR: an earlier build run as a third server, "before", in the same rounds
before=${switchboard/-jar $jar /-jar ${BEFORE_JAR:-$jar} }
[ -n "${BEFORE_JAR:-}" ] && [[ " $servers " != *" before "* ]] && servers="before $servers"

server_pid=
start() { # NAME COMMAND
  if (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is taken" >&2; exit 1; fi
  bash -c "exec $2" > "$out/bigroom-$1.log" 2>&1 &
  for _ in $(seq 1 360); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.5; done
  server_pid=$(pgrep -n -f -- "$port")   # the JVM itself, not a wrapper shell
  sleep 2 # past start-up's own work (Switchboard's one full collection, JIT of the listener)
}
stop() {
  [ -n "$server_pid" ] || return
  kill "$server_pid" 2>/dev/null; while kill -0 "$server_pid" 2>/dev/null; do sleep 0.2; done
  server_pid=
}
trap stop EXIT
trap 'exit 130' INT TERM

bench() { # SERVER RATE ROUND
  local result
  result=$("$java" -jar "$generator" bench --clients "$members" --senders 1 --readers "${READERS:-2}" --rate "$2" --size 64 \
    --duration "${DURATION:-15s}" --warmup "${WARMUP:-5s}" --drain "${DRAIN:-10s}" --json --pid "$server_pid" 127.0.0.1 "$port" 2>>"$log" | tail -1)
  [[ $result == "{"* ]] || result=null
  printf '{"server":"%s","scenario":"%d members, %d msg/s, round %d","members":%d,"rate":%d,"round":%d,"load":"%s","result":%s}\n' \
    "$1" "$members" "$2" "$3" "$members" "$2" "$3" "$(cut -d' ' -f1-3 /proc/loadavg)" "$result" | tee -a "$results"
}

for round in $(seq 1 "$rounds"); do
  for rate in $rates; do
    for server in $servers; do
      echo "== round $round, $rate msg/s, $server (load $(cut -d' ' -f1-3 /proc/loadavg))" >> "$log"
      start "$server" "${!server}"
      bench "$server" "$rate" "$round"
      stop
    done
  done
done

python3 - "$results" <<'EOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
print("| rate | server | round | load | p50 ms | p99 ms | loss % | server CPU | RSS MiB idle -> window | KiB/member idle | KiB/member in fan-out |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for row in rows:
    r = row["result"]
    if not r:
        print(f"| {row['rate']} | {row['server']} | {row['round']} | {row['load']} | failed | | | | | | |")
        continue
    n = row["members"]
    idle = (r["serverRssConnectedMiB"] - r["serverRssBeforeMiB"]) * 1024 / n
    growth = (r["serverRssMiB"] - r["serverRssConnectedMiB"]) * 1024 / n
    print(f"| {row['rate']} | {row['server']} | {row['round']} | {row['load']} | {r['p50Ms']:.0f} | {r['p99Ms']:.0f} | "
          f"{r['lossPercent']:.3f} | {r['serverCpuCores']:.2f} | {r['serverRssConnectedMiB']} -> {r['serverRssMiB']} | "
          f"{idle:.1f} | {growth:.1f} |")
EOF
