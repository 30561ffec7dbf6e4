#!/usr/bin/env bash
# The WebSocket door against TCP on the same Switchboard, side by side in one run:
#   bench/websocket.sh [JAR]
# 1. 100 clients, 10 senders, 1,000 msg/s (100k deliveries/s): TCP, WebSocket, TCP,
#    WebSocket on one server (ROUNDS=2 pairs; DURATION 10s after WARMUP 5s each).
# 2. Idle connections, WebSocket then TCP, each on a fresh server: the server's OS threads
#    (/proc/PID/status), live Java threads (actuator jvm.threads.live), Tomcat workers and
#    RSS at 0, 1,000 and 5,000 connections; RSS per connection from 1k to 5k.
# 3. 1,000 connections that send half an upgrade request and wait: threads again.
# Output: target/bench/websocket.jsonl (one JSON object per line, with the load average
# when each measurement started) and target/bench/websocket-*.log. About 3 minutes.
# Needs the packaged jar (./mvnw package -DskipTests). Every server it starts is stopped.
set -uo pipefail
cd "$(dirname "$0")/.."
jar=${1:-$(ls target/switchboard-*.jar | head -1)}
java=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1 || command -v java)
jcmd=$(dirname "$java")/jcmd
out=target/bench
results=$out/websocket.jsonl
tcp=${TCP_PORT:-29995}
http=${HTTP_PORT:-28095}
duration=${DURATION:-10s}
warmup=${WARMUP:-5s}
rounds=${ROUNDS:-2}
mkdir -p "$out" && : > "$results" && : > "$out/websocket-bench.log"

server_pid="" holder_pid="" held=""
stop() {
  [ -n "$held" ] && kill "$held" 2>/dev/null && wait "$held" 2>/dev/null
  [ -n "$holder_pid" ] && kill "$holder_pid" 2>/dev/null && wait "$holder_pid" 2>/dev/null
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  held="" holder_pid="" server_pid=""
}
trap stop EXIT
trap 'exit 130' INT TERM

start() { # NAME: a server on loopback with flood control and per-address limits off
  for port in $tcp $http; do # not somebody else's server
    if (echo > /dev/tcp/127.0.0.1/$port) 2>/dev/null; then echo "port $port is taken" >&2; exit 1; fi
  done
  "$java" -jar "$jar" --server.address=127.0.0.1 --server.port=$http \
    --switchboard.tcp.host=127.0.0.1 --switchboard.tcp.port=$tcp --switchboard.irc.port=0 --switchboard.udp.port=0 \
    --switchboard.echo.enabled=false --switchboard.client.rate=0 --switchboard.client.byte-rate=0 \
    --switchboard.max-clients-per-ip=0 --switchboard.max-clients-per-ipv4-prefix=0 \
    --switchboard.accept-rate-per-ip=0 > "$out/websocket-server-$1.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    (echo > /dev/tcp/127.0.0.1/$tcp) 2>/dev/null && (echo > /dev/tcp/127.0.0.1/$http) 2>/dev/null && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.5
  done
  echo "server did not start, see $out/websocket-server-$1.log" >&2
  exit 1
}

load() { cut -d' ' -f1-3 /proc/loadavg; }

target() { # TRANSPORT: the bench arguments that pick it
  if [ "$1" = websocket ]; then echo "--websocket ws://127.0.0.1:$http/ws"; else echo "127.0.0.1 $tcp"; fi
}

# The server's threads and memory now: OS threads, live Java threads (platform; the JVM
# does not count virtual ones), Tomcat's workers and how many of them wait for work (parked
# in the pool's queue, not in a request), RSS in KiB.
snapshot() {
  local os java workers rss
  os=$(awk '/^Threads:/ {print $2}' /proc/"$server_pid"/status)
  rss=$(awk '/^VmRSS:/ {print $2}' /proc/"$server_pid"/status)
  java=$(curl -s "http://127.0.0.1:$http/actuator/metrics/jvm.threads.live" \
    | sed -n 's/.*"value":\([0-9.]*\).*/\1/p' | cut -d. -f1)
  workers=$("$jcmd" "$server_pid" Thread.print 2>/dev/null | awk '
    /^"/ { worker = /^"http-nio-.*-exec-/; if (worker) n++ }
    worker && /TaskQueue\.(take|poll)/ { idle++; worker = 0 }
    END { printf "%d,%d", n, idle }')
  printf '{"osThreads":%d,"javaThreads":%d,"tomcatWorkers":%d,"tomcatWorkersIdle":%d,"rssKiB":%d}' \
    "$os" "${java:-0}" "${workers%,*}" "${workers#*,}" "$rss"
}

# 1. the same load over TCP and WebSocket, alternating
start load
for round in $(seq 1 "$rounds"); do
  for transport in tcp websocket; do
    echo "== $transport, round $round (load $(load))" >&2
    la=$(load)
    # shellcheck disable=SC2046
    result=$("$java" -jar "$jar" bench --clients 100 --senders 10 --rate 1000 --duration "$duration" \
      --warmup "$warmup" --json --pid "$server_pid" $(target $transport) 2>>"$out/websocket-bench.log" | tail -1)
    printf '{"scenario":"100 clients, 10 senders, 1k msg/s","round":%d,"load":"%s","result":%s}\n' \
      "$round" "$la" "${result:-null}" | tee -a "$results"
  done
done
stop

# 2. idle connections: 0, then 1,000 held by one generator, then 4,000 more by another
hold() { # TRANSPORT N LOG [DURATION]: a generator holding N idle connections in the background
  # (its pid in $held), returning once they are connected
  : > "$3"
  # shellcheck disable=SC2046
  "$java" -jar "$jar" bench --idle --clients "$2" --duration "${4:-300s}" --json --pid "$server_pid" \
    $(target "$1") > "$3.json" 2> "$3" &
  held=$!
  for _ in $(seq 1 240); do
    grep -q "clients connected" "$3" && break
    kill -0 "$held" 2>/dev/null || break
    sleep 0.5
  done
  sleep 5 # as the generator holds its connections before it measures
}
for transport in websocket tcp; do
  start "idle-$transport"
  snapshot > /dev/null # the first jcmd starts the JVM's attach listener, a thread for good
  sleep 5
  echo "== idle $transport (load $(load))" >&2
  la=$(load)
  at0=$(snapshot)
  hold "$transport" 1000 "$out/websocket-holder-1k.log"
  holder_pid=$held
  at1k=$(snapshot)
  hold "$transport" 4000 "$out/websocket-holder-5k.log" 15s
  at5k=$(snapshot)
  wait "$held" # it reports RSS from 1k (when it started) to 5k (after holding 15 s)
  held=""
  result=$(tail -1 "$out/websocket-holder-5k.log.json")
  printf '{"scenario":"idle 1k -> 5k","transport":"%s","load":"%s","at0":%s,"at1k":%s,"at5k":%s,"result":%s}\n' \
    "$transport" "$la" "$at0" "$at1k" "$at5k" "${result:-null}" | tee -a "$results"
  stop
done

# 3. half-sent handshakes: 1,000 connections to the HTTP port that send the start of an
#    upgrade request and then nothing (a slow browser or proxy), held 10 s
start half-open
snapshot > /dev/null
sleep 5
echo "== half-sent handshakes (load $(load))" >&2
la=$(load)
at0=$(snapshot)
python3 - "$http" 1000 10 > "$out/websocket-half-open.log" 2>&1 <<'PY' &
import socket, sys, time
port, n, hold = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
socks = []
for _ in range(n):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(b"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\n" % port)
    socks.append(s)
print("held", len(socks), flush=True)
time.sleep(hold)
PY
held=$!
for _ in $(seq 1 120); do grep -q held "$out/websocket-half-open.log" && break; kill -0 "$held" 2>/dev/null || break; sleep 0.5; done
sleep 3
at1k=$(snapshot)
wait "$held"
held=""
printf '{"scenario":"half-sent handshakes","transport":"http","load":"%s","connections":1000,"at0":%s,"at1k":%s}\n' \
  "$la" "$at0" "$at1k" | tee -a "$results"
stop
