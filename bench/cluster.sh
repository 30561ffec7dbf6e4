#!/usr/bin/env bash
# Two Switchboard nodes on one Redis against one node alone, with the same load:
#   bench/cluster.sh [JAR]
# Starts its own redis-server (Debian package) on a free loopback port and stops it.
# Output: target/bench/cluster.jsonl. About 3 minutes; every run stops by itself.
#
# Three nodes on a Redis Cluster (three masters, three replicas, all on loopback), the
# clients of room k all on node k, and what each node took from Redis against what it sent:
#   bench/cluster.sh --sharded [JAR]
# Output: target/bench/cluster-sharded.jsonl. About 2 minutes.
set -uo pipefail
cd "$(dirname "$0")/.."
sharded=false
if [ "${1:-}" = "--sharded" ]; then sharded=true; shift; fi
jar=${1:-$(ls target/switchboard-*.jar | head -1)}
java=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1 || command -v java)
out=target/bench
mkdir -p "$out"
redis_port=${REDIS_PORT:-29379}
a=29997 b=29998 c=29999

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
# CPU seconds (user + system) the Switchboard nodes of the current setup ($node_pids) used so
# far: sampled around a run, so a cluster's CPU per delivered line counts every node, not
# only the one the bench watches (--pid).
nodes_cpu() { local t=0; for p in $node_pids; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done
  awk -v t="$t" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }'; }
run() { # SETUP RATE PORTS PID [BENCH OPTIONS...]
  local setup=$1 rate=$2 ports=$3 pid=$4; shift 4
  local before; before=$(nodes_cpu)
  result=$("$java" -jar "$jar" bench --clients 100 --senders 10 --rate "$rate" --duration 10s --warmup 3s --json \
    --pid "$pid" "$@" 127.0.0.1 "$ports" 2>/dev/null | tail -1)
  # Over warm-up and measurement (13 s), so per line: nodes_cpu_s / (rate * 100 * 13).
  local used; used=$(awk -v a="$before" -v b="$(nodes_cpu)" 'BEGIN { printf "%.2f", b - a }')
  printf '{"setup":"%s","rate":%d,"nodes_cpu_s":%s,"result":%s}\n' "$setup" "$rate" "$used" "${result:-null}" \
    | tee -a "$results"
}
counter() { # HTTP-PORT METER: a counter of a node, from its Prometheus scrape
  curl -s "http://127.0.0.1:$1/actuator/prometheus" | awk -v m="$2" '$1 ~ "^"m {print $2; exit}'
}

if $sharded; then
  results="$out/cluster-sharded.jsonl"; : > "$results"
  # Below 22768: a cluster node also listens on its port + 10000, which must stay out of the
  # kernel's ephemeral range (32768 and up), where any outgoing connection may hold it.
  ports=(17401 17402 17403 17404 17405 17406)
  pids=()
  for p in "${ports[@]}"; do
    mkdir -p "$out/redis-$p" && rm -f "$out/redis-$p/nodes.conf"
    redis-server --port "$p" --bind 127.0.0.1 --save "" --appendonly no --dir "$out/redis-$p" --cluster-enabled yes \
      --cluster-config-file nodes.conf --cluster-node-timeout 2000 > "$out/redis-$p/redis.log" 2>&1 &
    pids+=($!)
  done
  trap 'kill ${pids[*]} 2>/dev/null; kill $(jobs -p) 2>/dev/null' EXIT
  for p in "${ports[@]}"; do until redis-cli -p "$p" ping 2>/dev/null | grep -q PONG; do sleep 0.2; done; done
  redis-cli --cluster create $(printf '127.0.0.1:%s ' "${ports[@]}") --cluster-replicas 1 --cluster-yes > "$out/redis-create.log"
  for p in "${ports[@]}"; do until redis-cli -p "$p" cluster info | grep -q cluster_state:ok; do sleep 0.2; done; done
  nodes=$(printf '127.0.0.1:%s,' "${ports[@]}"); nodes=${nodes%,}
  node_on_cluster() { # PORT NAME HTTP-PORT
    "$java" -jar "$jar" --server.port=$3 --server.address=127.0.0.1 --switchboard.tcp.host=127.0.0.1 --switchboard.tcp.port=$1 \
      --switchboard.irc.port=0 --switchboard.udp.port=0 --switchboard.echo.enabled=false --switchboard.client.rate=0 \
      --switchboard.client.byte-rate=0 --switchboard.max-clients-per-ip=0 --switchboard.max-clients-per-ipv4-prefix=0 \
      --switchboard.accept-rate-per-ip=0 --switchboard.cluster.enabled=true --switchboard.cluster.node-id=$2 \
      --spring.data.redis.cluster.nodes="$nodes" > "$out/node-$2.log" 2>&1 &
    echo $!
  }
  pa=$(node_on_cluster $a a 28091); pb=$(node_on_cluster $b b 28092); pc=$(node_on_cluster $c c 28093)
  await $a; await $b; await $c; await_linked a; await_linked b; await_linked c
  node_pids="$pa $pb $pc"
  # Client i is on node i mod 3 and in room i mod 3: each room's members all on one node.
  for rate in 1000 2000; do run "three nodes, Redis Cluster, a room per node" $rate "$a,$b,$c" "$pa" --rooms 3; done
  for n in a:28091 b:28092 c:28093; do
    printf '{"node":"%s","published":%s,"received":%s}\n' "${n%%:*}" \
      "$(counter "${n#*:}" switchboard_cluster_published_total)" \
      "$(counter "${n#*:}" switchboard_cluster_received_total)" | tee -a "$results"
  done
  for p in "${ports[@]}"; do printf '{"redis":%s,"keys":%s}\n' "$p" "$(redis-cli -p "$p" dbsize)" | tee -a "$results"; done
  kill "$pa" "$pb" "$pc"; stopped "$pa" "$pb" "$pc"
  exit 0
fi

results="$out/cluster.jsonl"; : > "$results"
redis-server --port $redis_port --bind 127.0.0.1 --save "" --appendonly no > "$out/redis.log" 2>&1 &
redis_pid=$!
trap 'kill $redis_pid 2>/dev/null; kill $(jobs -p) 2>/dev/null' EXIT

pid=$(node $a single false); await $a
node_pids=$pid
for rate in 1000 2000 5000; do run "one node" $rate $a "$pid"; done
kill "$pid"; stopped "$pid"

pa=$(node $a a true); pb=$(node $b b true); await $a; await $b; await_linked a; await_linked b
node_pids="$pa $pb"
for rate in 1000 2000 5000; do run "two nodes, one Redis" $rate "$a,$b" "$pa"; done
kill "$pa" "$pb"; stopped "$pa" "$pb"
