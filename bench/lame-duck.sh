#!/usr/bin/env bash
# Rolling restart of one of two nodes on one Redis, lame duck 0s against 10s:
#   bench/lame-duck.sh [JAR]
# 500 bench clients on node B (200 msg/s into their room, measured), 500 reconnecting
# clients on node A (bench/reconnectors.py). A gets SIGTERM about 3 s into the measured 18 s; its
# clients reconnect to B. Reports B's peak accepts per second and the bench clients' p99.
# Output: target/bench/lame-duck.jsonl. About 1.5 minutes; loopback only.
set -uo pipefail
cd "$(dirname "$0")/.."
jar=${1:-$(ls target/switchboard-*.jar | head -1)}
java=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1 || command -v java)
out=target/bench
mkdir -p "$out" && : > "$out/lame-duck.jsonl"
redis_port=${REDIS_PORT:-29389}
a=29987 b=29988
redis-server --port $redis_port --bind 127.0.0.1 --save "" --appendonly no > "$out/redis.log" 2>&1 &
redis_pid=$!
trap 'kill $redis_pid 2>/dev/null; kill $(jobs -p) 2>/dev/null' EXIT

node() { # PORT NAME LAME_DUCK
  "$java" -jar "$jar" --server.port=0 --switchboard.tcp.host=127.0.0.1 --switchboard.tcp.port=$1 --switchboard.irc.port=0 \
    --switchboard.udp.port=0 --switchboard.echo.enabled=false --switchboard.client.rate=0 --switchboard.client.byte-rate=0 \
    --switchboard.max-clients-per-ip=0 --switchboard.max-clients-per-ipv4-prefix=0 --switchboard.accept-rate-per-ip=0 \
    --switchboard.cluster.enabled=true --switchboard.cluster.node-id=$2 --switchboard.shutdown.lame-duck=$3 \
    --spring.data.redis.host=127.0.0.1 --spring.data.redis.port=$redis_port > "$out/node-$2.log" 2>&1 &
  echo $!
}
await() { for _ in $(seq 1 120); do (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null && return; sleep 0.5; done; }
await_linked() { until grep -q "Joined the cluster" "$out/node-$1.log"; do sleep 0.2; done; }
# The nodes are started in $(...) subshells, so not this shell's children: wait would not wait.
await_exit() { while kill -0 "$1" 2>/dev/null; do sleep 0.2; done; }

for lame in 0s 10s; do
  pa=$(node $a a $lame); pb=$(node $b b 0s); await $a; await $b; await_linked a; await_linked b
  coproc RECON { python3 bench/reconnectors.py $a $b 500 26; }
  read -r ready <&"${RECON[0]}"
  "$java" -jar "$jar" bench --clients 500 --senders 50 --rate 200 --duration 18s --warmup 3s --json \
    --pid "$pb" 127.0.0.1 $b > "$out/lame-duck-bench-$lame.txt" 2>&1 &
  bench=$!
  sleep 7 # connect, 3 s warmup, then about 3 s into the measured window (a schedule, not synchronisation)
  kill -TERM "$pa"
  wait "$bench"
  read -r recon <&"${RECON[0]}"
  result=$(tail -1 "$out/lame-duck-bench-$lame.txt")
  printf '{"lameDuck":"%s","reconnects":%s,"bench":%s}\n' "$lame" "${recon:-null}" "${result:-null}" \
    | tee -a "$out/lame-duck.jsonl"
  await_exit "$pa"
  kill "$pb"; await_exit "$pb"
done
