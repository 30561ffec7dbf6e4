#!/usr/bin/env bash
# Memory per connection, Switchboard and the Netty yardstick one after the other, on loopback:
#   bench/memory.sh [JAR]
# 1. Idle connections: FROM (1,000) connections held by one generator, then TO - FROM (9,000)
#    more by a second one. Reported: RSS (VmRSS of /proc/PID/status) at FROM and at TO and
#    its growth per connection, (rssTo - rssFrom) / (TO - FROM); how many the server holds
#    (its open files beyond those before the first client); its OS threads; and live heap
#    per connection, the same growth of `jcmd PID GC.class_histogram`'s total (a full GC,
#    then the live objects). Each server and door twice, on a fresh server each time: once
#    for RSS, with no forced GC (a full GC shrinks G1's heap, which would show in the RSS
#    after it), once for the live heap. Doors: Switchboard over TCP, TLS (a PEM bundle of
#    the test certificate) and WebSocket; the yardstick over TCP (all it speaks).
# 2. Active clients (Switchboard; the yardstick has one broadcast group, no rooms): each
#    client sends RATE (10) msg/s of 64-byte lines in a room of its own (--rooms = clients),
#    so it also receives 10 msg/s, its own lines back through the whole path (read,
#    hub, outbox, write). ACTIVE_FROM (100) then ACTIVE (1,000) clients, read in the middle
#    of each measured window; the same two passes (RSS, then the live heap) as above. Room
#    history is off in this scenario only: it is kept per room (bounded by
#    switchboard.history.max-bytes), and with a room per client it would count 200 lines
#    per connection. The runs' latencies include the forced GC of the live-heap pass.
# Switchboard runs with its defaults except flood control and the per-address limits (all
# load comes from 127.0.0.1), max-clients and Tomcat's max-connections (for TO connections),
# every listener on loopback. The generators are separate JVMs from the server (each
# process may open 20,000 files). Every run stops by itself; about 12 minutes at the
# defaults on 2 cores (TLS handshakes take the longest).
# Output: target/bench/memory.jsonl (one JSON object per line), memory-*.log, and the class
# histograms (target/bench/memory-histo-*.txt); bench/summary.py prints the tables.
# Settings (environment): FROM, TO, CONNECT_RATE (2000/s), SETTLE (5 s after all are held),
# DOORS ("tcp tls websocket"), SERVERS ("switchboard netty"), ACTIVE_FROM, ACTIVE, RATE,
# ACTIVE_DOORS ("tcp"; tls and websocket too), WARMUP (5s), DURATION (20s), PORT, HTTP_PORT;
# SWITCHBOARD_JAVA_OPTS (JVM options for Switchboard, none by default: e.g. a fixed heap,
# -Xms512m -Xmx512m, without which RSS follows how far G1 lets the heap float) and
# NETTY_JAVA_OPTS (the yardstick's; its start.sh defaults to -Xms256m -Xmx1g).
set -uo pipefail
cd "$(dirname "$0")/.."
jar=${1:-$(ls target/switchboard-*.jar | head -1)}
java=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1 || command -v java)
jcmd=$(dirname "$java")/jcmd
peers=${PEERS:-../shared/peers}
out=target/bench
results=$out/memory.jsonl
tcp=${PORT:-29997}
http=${HTTP_PORT:-28097}
from=${FROM:-1000}
to=${TO:-10000}
connect_rate=${CONNECT_RATE:-2000}
settle=${SETTLE:-5}
doors=${DOORS:-tcp tls websocket}
servers=${SERVERS:-switchboard netty}
active_from=${ACTIVE_FROM:-100}
active=${ACTIVE:-1000}
rate=${RATE:-10}
active_doors=${ACTIVE_DOORS:-tcp}
warmup=${WARMUP:-5s}
duration=${DURATION:-20s}
mkdir -p "$out" && : > "$results" && rm -f "$out"/memory-*.log "$out"/memory-*.json "$out"/memory-histo-*.txt
[ "$to" -gt "$from" ] && [ "$active" -gt "$active_from" ] || { echo "need TO > FROM and ACTIVE > ACTIVE_FROM" >&2; exit 2; }

tls_dir=$PWD/src/test/resources/tls
# shellcheck disable=SC2206
switchboard=("$java" ${SWITCHBOARD_JAVA_OPTS:-} -jar "$jar" --server.address=127.0.0.1 --server.port="$http"
  --switchboard.tcp.host=127.0.0.1 --switchboard.tcp.port="$tcp" --switchboard.udp.host=127.0.0.1 --switchboard.udp.port=0
  --switchboard.irc.host=127.0.0.1 --switchboard.irc.port=0 --switchboard.echo.host=127.0.0.1 --switchboard.echo.port=0
  --switchboard.client.rate=0 --switchboard.client.byte-rate=0 --switchboard.max-clients-per-ip=0
  --switchboard.max-clients-per-ipv4-prefix=0 --switchboard.accept-rate-per-ip=0 --switchboard.udp.join-rate-per-ip=0
  --switchboard.max-clients=$((to + 1000)) --server.tomcat.max-connections=$((to + 1000)))
tls_bundle=(--spring.ssl.bundle.pem.bench.keystore.certificate="file:$tls_dir/server.crt"
  --spring.ssl.bundle.pem.bench.keystore.private-key="file:$tls_dir/server.key" --switchboard.tcp.ssl.bundle=bench)
if [[ " $servers " == *" netty "* ]]; then
  if [ ! -d "$peers/netty-broadcast" ]; then
    echo "no Netty yardstick in $peers/netty-broadcast: Switchboard only" >&2
    servers=${servers//netty/}
  elif [ ! -f "$out/netty-broadcast/target/netty-broadcast.jar" ]; then
    # The peers folder is read-only: build the yardstick in a copy under target/.
    rm -rf "$out/netty-broadcast" && cp -r "$peers/netty-broadcast" "$out/netty-broadcast"
    (cd "$out/netty-broadcast" && mvn -q -B package) > "$out/netty-build.log" 2>&1 \
      || { echo "the Netty yardstick did not build, see $out/netty-build.log" >&2; exit 1; }
  fi
fi

server_pid="" holders=()
stop_holders() {
  for pid in "${holders[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  holders=()
}
stop() {
  stop_holders
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  server_pid=""
}
trap stop EXIT
trap 'exit 130' INT TERM

load() { cut -d' ' -f1-3 /proc/loadavg; }
rss() { awk '/^VmRSS:/ {print $2}' /proc/"$server_pid"/status; }
threads() { awk '/^Threads:/ {print $2}' /proc/"$server_pid"/status; }
files() { ls /proc/"$server_pid"/fd 2>/dev/null | wc -l; }
live() { # NAME: the live heap in KiB after a full GC (the class histogram's total), kept in a file
  "$jcmd" "$server_pid" GC.class_histogram > "$out/memory-histo-$1.txt" 2>&1
  awk '/^Total/ {printf "%d", $3 / 1024}' "$out/memory-histo-$1.txt"
}
jvm_options() { # SERVER: its JVM options, for the record
  if [ "$1" = netty ]; then echo "${NETTY_JAVA_OPTS:--Xms256m -Xmx1g}"; else echo "${SWITCHBOARD_JAVA_OPTS:-}"; fi
}
per() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%.2f", (b - a) / n }'; }

start() { # SERVER DOOR [OPTION...]: a fresh server; its pid in $server_pid, its open files in $base
  for port in $tcp $http; do # not somebody else's server
    if (echo > /dev/tcp/127.0.0.1/$port) 2>/dev/null; then echo "port $port is taken" >&2; exit 1; fi
  done
  if [ "$1" = netty ]; then
    # start.sh ends in exec: $! is the yardstick's JVM
    env JAVA="$java" ${NETTY_JAVA_OPTS:+JAVA_OPTS="$NETTY_JAVA_OPTS"} bash "$out/netty-broadcast/start.sh" "$tcp" \
      >> "$out/memory-$1-$2.log" 2>&1 &
  elif [ "$2" = tls ]; then
    "${switchboard[@]}" "${tls_bundle[@]}" "${@:3}" >> "$out/memory-$1-$2.log" 2>&1 &
  else
    "${switchboard[@]}" "${@:3}" >> "$out/memory-$1-$2.log" 2>&1 &
  fi
  server_pid=$!
  for _ in $(seq 1 240); do
    if (echo > /dev/tcp/127.0.0.1/$tcp) 2>/dev/null; then
      { [ "$1" = netty ] || (echo > /dev/tcp/127.0.0.1/$http) 2>/dev/null; } && break
    fi
    kill -0 "$server_pid" 2>/dev/null || { echo "$1 did not start, see $out/memory-$1-$2.log" >&2; exit 1; }
    sleep 0.5
  done
  "$jcmd" "$server_pid" VM.uptime > /dev/null 2>&1 # the attach listener: a thread and a file for good
  sleep 3
  base=$(files)
}

target() { # DOOR: the bench arguments that pick it
  case $1 in
    websocket) echo "--websocket ws://127.0.0.1:$http/ws" ;;
    tls) echo "--tls 127.0.0.1 $tcp" ;;
    *) echo "127.0.0.1 $tcp" ;;
  esac
}

hold() { # DOOR N TOTAL LOG: a generator holding N more idle connections (until killed, at most
  # 20 minutes), returning once the server holds TOTAL, or the generator gave up, or time is up
  # shellcheck disable=SC2046
  "$java" -jar "$jar" bench --idle --clients "$2" --senders 1 --connect-rate "$connect_rate" --duration 1200s \
    $(target "$1") > "$4" 2>&1 &
  holders+=($!)
  local deadline=$((SECONDS + 120 + $2 / 50))
  while [ $(($(files) - base)) -lt "$3" ] && kill -0 "${holders[-1]}" 2>/dev/null && [ $SECONDS -lt $deadline ]; do
    sleep 0.5
  done
  kill -0 "${holders[-1]}" 2>/dev/null || echo "   the generator stopped early, see $4" >&2
  sleep "$settle"
}

held_now() { echo $(($(files) - base)); }

idle() { # SERVER DOOR
  echo "== idle $1 $2 ($from -> $to connections, load $(load))" >&2
  local la rss0 rss1 rss2 held1 held2 threads1 threads2 live1 live2 held_live
  la=$(load)
  start "$1" "$2" # RSS, no forced GC
  rss0=$(rss)
  hold "$2" "$from" "$from" "$out/memory-holder-$1-$2-from.log"
  rss1=$(rss) held1=$(held_now) threads1=$(threads)
  hold "$2" $((to - from)) "$to" "$out/memory-holder-$1-$2-to.log"
  rss2=$(rss) held2=$(held_now) threads2=$(threads)
  stop
  start "$1" "$2" # the live heap
  hold "$2" "$from" "$from" "$out/memory-holder-$1-$2-from-live.log"
  live1=$(live "$1-$2-$from")
  hold "$2" $((to - from)) "$to" "$out/memory-holder-$1-$2-to-live.log"
  live2=$(live "$1-$2-$to") held_live=$(held_now)
  stop
  printf '{"scenario":"idle","server":"%s","door":"%s","javaOptions":"%s","load":"%s","from":%d,"to":%d,"heldFrom":%d,"held":%d,"heldLive":%d,"rssBaseKiB":%d,"rssFromKiB":%d,"rssToKiB":%d,"rssKiBPerConnection":%s,"liveFromKiB":%d,"liveToKiB":%d,"liveKiBPerConnection":%s,"threadsFrom":%d,"threadsTo":%d}\n' \
    "$1" "$2" "$(jvm_options "$1")" "$la" "$from" "$to" "$held1" "$held2" "$held_live" "$rss0" "$rss1" "$rss2" \
    "$(per "$rss1" "$rss2" $((to - from)))" "${live1:-0}" "${live2:-0}" "$(per "${live1:-0}" "${live2:-0}" $((to - from)))" \
    "$threads1" "$threads2" | tee -a "$results"
}

run_active() { # DOOR N MEASURE(rss|live) LOG: N active clients; in the middle of the measured window
  # the server's RSS or live heap in $a_value, the connections it holds in $a_held; the bench's report in $a_result
  local wait_s
  wait_s=$(awk -v w="${warmup%s}" -v d="${duration%s}" 'BEGIN { printf "%.1f", w + d / 2 }')
  # shellcheck disable=SC2046
  "$java" -jar "$jar" bench --clients "$2" --senders "$2" --rooms "$2" --rate $(($2 * rate)) --warmup "$warmup" \
    --duration "$duration" --connect-rate "$connect_rate" --json --pid "$server_pid" $(target "$1") \
    > "$4.json" 2> "$4" &
  local generator=$!
  for _ in $(seq 1 240); do grep -q "clients connected" "$4" && break; kill -0 $generator 2>/dev/null || break; sleep 0.5; done
  sleep "$wait_s"
  a_held=$(held_now)
  if [ "$3" = rss ]; then a_value=$(rss); else a_value=$(live "active-$1-$2"); fi
  wait $generator
  a_result=$(tail -1 "$4.json")
  [[ $a_result == "{"* ]] || a_result=null
}

active_clients() { # DOOR
  echo "== active switchboard $1 ($active_from -> $active clients at $rate msg/s each, load $(load))" >&2
  local la rss1 rss2 held1 held2 live1 live2 r1 r2 r3 r4
  la=$(load)
  start switchboard "$1" --switchboard.history.size=0 # RSS, no forced GC
  run_active "$1" "$active_from" rss "$out/memory-active-$1-from.log"
  rss1=$a_value held1=$a_held r1=$a_result
  run_active "$1" "$active" rss "$out/memory-active-$1-to.log"
  rss2=$a_value held2=$a_held r2=$a_result
  stop
  start switchboard "$1" --switchboard.history.size=0 # the live heap
  run_active "$1" "$active_from" live "$out/memory-active-$1-from-live.log"
  live1=$a_value r3=$a_result
  run_active "$1" "$active" live "$out/memory-active-$1-to-live.log"
  live2=$a_value r4=$a_result
  stop
  printf '{"scenario":"active","server":"switchboard","door":"%s","javaOptions":"%s","load":"%s","ratePerClient":%d,"from":%d,"to":%d,"heldFrom":%d,"held":%d,"rssFromKiB":%d,"rssToKiB":%d,"rssKiBPerConnection":%s,"liveFromKiB":%d,"liveToKiB":%d,"liveKiBPerConnection":%s,"runs":[%s,%s,%s,%s]}\n' \
    "$1" "$(jvm_options switchboard)" "$la" "$rate" "$active_from" "$active" "$held1" "$held2" "$rss1" "$rss2" \
    "$(per "$rss1" "$rss2" $((active - active_from)))" "${live1:-0}" "${live2:-0}" \
    "$(per "${live1:-0}" "${live2:-0}" $((active - active_from)))" "$r1" "$r2" "$r3" "$r4" | tee -a "$results"
}

for server in $servers; do
  for door in $doors; do
    [ "$server" = netty ] && [ "$door" != tcp ] && continue
    idle "$server" "$door"
  done
done
for door in $active_doors; do
  active_clients "$door"
done
