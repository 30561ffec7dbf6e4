#!/usr/bin/env bash
# Runs the performance issue's seven target scenarios against Switchboard and, where the
# scenario applies to them, the peers in ../shared/peers, one server after the other, on
# loopback. Every run stops by itself (about 15 minutes in all on 2 cores).
#   bench/targets.sh [JAR]
# Output: target/bench/targets.jsonl (one line per run) and target/bench/targets.log.
# Switchboard runs with its defaults except flood control and the per-address limits (all
# the load comes from 127.0.0.1) and, for the idle scenario, max-clients.
set -uo pipefail
cd "$(dirname "$0")/.."
jar=${1:-$(ls target/switchboard-*.jar | head -1)}
java=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1 || command -v java)
peers=${PEERS:-../shared/peers}
out=target/bench
port=${PORT:-29999}
mkdir -p "$out" && : > "$out/targets.jsonl"
log=$out/targets.log
: > "$log"

switchboard="$java -jar $jar --server.port=0 --switchboard.tcp.host=127.0.0.1 --switchboard.tcp.port=$port --switchboard.irc.port=0 \
 --switchboard.udp.host=127.0.0.1 --switchboard.udp.port=$port --switchboard.echo.enabled=false \
 --switchboard.client.rate=0 --switchboard.client.byte-rate=0 --switchboard.max-clients-per-ip=0 --switchboard.max-clients-per-ipv4-prefix=0 --switchboard.accept-rate-per-ip=0 \
 --switchboard.udp.join-rate-per-ip=0"
if [ -d "$peers/netty-broadcast" ] && [ ! -f "$out/netty-broadcast/target/netty-broadcast.jar" ]; then
  rm -rf "$out/netty-broadcast" && cp -r "$peers/netty-broadcast" "$out/netty-broadcast"
fi
netty="env JAVA=$java bash $out/netty-broadcast/start.sh $port"
python="bash $peers/py-chat-v6/start.sh $port"
ncat="bash $peers/ncat-chat/start.sh $port"

server_pid=
start() { # NAME COMMAND...
  name=$1; shift
  bash -c "exec $*" > "$out/$name.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && return; sleep 0.5; done
  echo "$name did not start" >&2
}
stop() {
  kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; sleep 1
}
bench() { # TARGET SERVER LABEL OPTIONS...
  target=$1 server=$2 label=$3; shift 3
  result=$("$java" -jar "$jar" bench "$@" --json --pid "$server_pid" 127.0.0.1 "$port" 2>>"$log" | tail -1)
  [ -z "$result" ] && result=null
  printf '{"target":%s,"server":"%s","scenario":"%s","result":%s}\n' "$target" "$server" "$label" "$result" \
    | tee -a "$out/targets.jsonl"
}
p99_ok() { # the last result had zero loss and p99 < 100 ms
  tail -1 "$out/targets.jsonl" | python3 -c 'import json,sys; r=json.load(sys.stdin)["result"]; sys.exit(0 if r and r["lossPercent"]==0 and r["p99Ms"]<100 else 1)'
}
idle() { # SERVER COMMAND N: the server's socket count and RSS while N idle clients are held
  start "$1" "$2"
  # the JVM itself (start's $! can be a wrapper shell): the newest process naming the port
  server_pid=$(pgrep -n -f -- "$port")
  base=$(ls /proc/"$server_pid"/fd | wc -l)
  rss0=$(awk '/VmRSS/ {print $2}' /proc/"$server_pid"/status)
  "$java" -jar "$jar" bench --idle --clients "$3" --duration 10s 127.0.0.1 "$port" >>"$log" 2>&1 &
  generator=$!
  held=0 rss=0
  while kill -0 $generator 2>/dev/null; do   # the most sockets seen held, and RSS then
    now=$(( $(ls /proc/"$server_pid"/fd | wc -l) - base ))
    if [ "$now" -ge "$held" ]; then held=$now; rss=$(awk '/VmRSS/ {print $2}' /proc/"$server_pid"/status); fi
    sleep 0.5
  done
  printf '{"target":4,"server":"%s","scenario":"%s idle","result":{"held":%d,"rssKiB":%d,"rssBeforeKiB":%d}}\n' \
    "$1" "$3" "$held" "$rss" "$rss0" | tee -a "$out/targets.jsonl"
  stop
}

for server in switchboard netty; do
  start "$server" "${!server}"
  bench 1 "$server" "100 clients, 5k msg/s" --clients 100 --senders 10 --rate 5000 --duration 10s --warmup 5s
  # target 2: the highest rate with p99 < 100 ms and no loss
  for rate in 10000 15000 20000 25000 30000 40000 50000 60000; do
    bench 2 "$server" "100 clients, $rate msg/s" --clients 100 --senders 10 --rate $rate --duration 10s --warmup 3s
    p99_ok || break
  done
  stop
done

for server in switchboard netty; do
  start "$server" "${!server}"
  bench 3 "$server" "10000 clients, 1 sender, 50 msg/s" --clients 10000 --senders 1 --rate 50 --duration 10s --warmup 3s
  stop
done

idle switchboard "$switchboard --switchboard.max-clients=20000" 1000
idle switchboard "$switchboard --switchboard.max-clients=20000" 19000
idle netty "$netty" 1000
idle netty "$netty" 19000

for server in switchboard netty python ncat; do
  start "$server" "${!server}"
  extra=()
  [ $server = ncat ] && extra=(--no-echo)
  # 1 KiB lines, so the stalled clients fill kernel buffers and a 1 MB outbox within the run
  bench 5 "$server" "1000 clients, 100 msg/s" --clients 1000 --senders 10 --rate 100 --size 1024 --duration 30s --warmup 3s "${extra[@]}"
  bench 5 "$server" "1000 clients, 100 msg/s, 50 stalled" --clients 1000 --senders 10 --rate 100 --size 1024 --duration 30s --warmup 3s --stalled 50 "${extra[@]}"
  stop
done

start switchboard "$switchboard"
bench 6 switchboard "UDP, 100 members, 1k msg/s" --udp --clients 100 --senders 10 --rate 1000 --duration 10s --warmup 3s
stop

# target 7: from java -jar to the first accepted TCP connection, without and with an AOT cache
aot=$out/aot && rm -rf "$aot" && mkdir -p "$aot"
"$java" -Djarmode=tools -jar "$jar" extract --destination "$aot/app" >/dev/null
"$java" -XX:AOTCacheOutput="$aot/app.aot" -Dspring.context.exit=onRefresh -jar "$aot/app/$(basename "$jar")" \
  --switchboard.tcp.port=0 --switchboard.irc.port=0 --switchboard.udp.port=0 --switchboard.echo.enabled=false --server.port=0 >/dev/null 2>&1
for mode in plain aot; do
  opts=""
  [ $mode = aot ] && opts="-XX:AOTCache=$aot/app.aot"
  for run in 1 2 3; do
    t0=$(date +%s%N)
    bash -c "exec $java $opts -jar $aot/app/$(basename "$jar") --server.port=0 --switchboard.tcp.port=$port --switchboard.irc.port=0 --switchboard.udp.port=0 --switchboard.echo.enabled=false" > "$out/startup.log" 2>&1 &
    server_pid=$!
    until (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; do sleep 0.01; done
    t1=$(date +%s%N)
    printf '{"target":7,"server":"switchboard","scenario":"start-up %s","result":{"run":%d,"ms":%d}}\n' $mode $run $(( (t1 - t0) / 1000000 )) \
      | tee -a "$out/targets.jsonl"
    stop
  done
done
