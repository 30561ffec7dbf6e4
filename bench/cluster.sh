#!/usr/bin/env bash
# Two Switchboard nodes on one Redis against one node alone, with the same load:
#   bench/cluster.sh [JAR]
# Starts its own redis-server (Debian package) on a free loopback port and stops it.
# Output: target/bench/cluster.jsonl. About 3 minutes; every run stops by itself.
set -uo pipefail
cd "$(dirname "$0")/.."
jar=${1:-$(ls target/switchboard-*.jar | head -1)}
java=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1 || command -v java)
out=target/bench
mkdir -p "$out" && : > "$out/cluster.jsonl"
redis_port=${REDIS_PORT:-29379}
a=29997 b=29998
redis-server --port $redis_port --bind 127.0.0.1 --save "" --appendonly no > "$out/redis.log" 2>&1 &
redis_pid=$!
trap 'kill $redis_pid 2>/dev/null; kill $(jobs -p) 2>/dev/null' EXIT

node() { # PORT NAME CLUSTER(true|false)
  "$java" -jar "$jar" --server.port=0 --switchboard.tcp.host=127.0.0.1 --switchboard.tcp.port=$1 --switchboard.irc.port=0 \
    --switchboard.udp.port=0 --switchboard.echo.enabled=false --switchboard.client.rate=0 --switchboard.client.byte-rate=0 \
    --switchboard.max-clients-per-ip=0 --switchboard.max-clients-per-ipv4-prefix=0 --switchboard.accept-rate-per-ip=0 \
    --switchboard.cluster.enabled=$3 --switchboard.cluster.node-id=$2 \
    --spring.data.redis.host=127.0.0.1 --spring.data.redis.port=$redis_port > "$out/node-$2.log" 2>&1 &
  echo $!
}
await() { for _ in $(seq 1 120); do (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null && return; sleep 0.5; done; }
await_linked() { until grep -q "Joined the cluster" "$out/node-$1.log"; do sleep 0.2; done; }
# The nodes are started inside $(...), so they are not this shell's children and `wait`
# cannot wait for them: poll until they are gone.
stopped() { for p in "$@"; do while kill -0 "$p" 2>/dev/null; do sleep 0.2; done; done; }
run() { # SETUP RATE PORTS PID
  result=$("$java" -jar "$jar" bench --clients 100 --senders 10 --rate "$2" --duration 10s --warmup 3s --json \
    --pid "$4" 127.0.0.1 "$3" 2>/dev/null | tail -1)
  printf '{"setup":"%s","rate":%d,"result":%s}\n' "$1" "$2" "${result:-null}" | tee -a "$out/cluster.jsonl"
}

pid=$(node $a single false); await $a
for rate in 1000 2000 5000; do run "one node" $rate $a "$pid"; done
kill "$pid"; stopped "$pid"

pa=$(node $a a true); pb=$(node $b b true); await $a; await $b; await_linked a; await_linked b
for rate in 1000 2000 5000; do run "two nodes, one Redis" $rate "$a,$b" "$pa"; done
kill "$pa" "$pb"; stopped "$pa" "$pb"
