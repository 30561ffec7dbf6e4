#!/usr/bin/env bash
# The hardening issue's witness: four honest TCP clients chatting at 10 msg/s each (the bench
# tool, 4 clients, 40 msg/s in all) while one attack runs, against a server with default
# settings (admin password set). Loopback only; every run stops by itself (~3 minutes).
#   [SCENARIOS="http scrape burst slots slowloris history"] bench/hostile.sh LABEL [JAR] [BENCH_JAR]
# JAR is the server under test (e.g. an older build, for "before"); BENCH_JAR runs the
# witness and defaults to JAR. Output: one JSON line per scenario in target/bench/hostile.jsonl.
set -uo pipefail
cd "$(dirname "$0")/.."
label=$1
jar=${2:-$(ls target/switchboard-*.jar | head -1)}
bench_jar=${3:-$jar}
java=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1 || command -v java)
out=target/bench
port=${PORT:-29999}
http=${HTTP_PORT:-28080}
scenarios=${SCENARIOS:-http scrape burst slots slowloris history}
mkdir -p "$out"
log=$out/hostile.log

server_pid=
start() { # JVM options in $jvm_opts (empty: the JVM's defaults)
  "$java" ${jvm_opts:-} -jar "$jar" --server.port=$http --switchboard.tcp.host=0.0.0.0 --switchboard.tcp.port=$port --switchboard.irc.port=0 \
    --switchboard.udp.port=0 --switchboard.echo.port=0 --switchboard.admin.password=secret "$@" >>"$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && return; sleep 0.5; done
  echo "server did not start" >&2
}
stop() { kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; sleep 1; }
witness() { # the honest clients, in the background; their JSON goes to $out/witness.json
  "$java" -jar "$bench_jar" bench --clients 4 --senders 4 --rate 40 --size 64 --warmup 1s --duration "$1" \
    --json --pid "$server_pid" 127.0.0.1 "$port" 2>>"$log" | tail -1 > "$out/witness.json" &
  witness_pid=$!
}
slow_consumers() {
  curl -s "http://127.0.0.1:$http/actuator/prometheus" \
    | awk '/^switchboard_connections_closed_total/ && /slow-consumer/ {n+=$2} END {print n+0}'
}
rss_mib() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$server_pid/status" 2>/dev/null || echo null; }
record() { # SCENARIO ATTACK_JSON
  wait "$witness_pid"
  printf '{"label":"%s","scenario":"%s","attack":%s,"slowConsumerCuts":%s,"witness":%s}\n' "$label" "$1" \
    "${2:-null}" "$(slow_consumers)" "$(cat "$out/witness.json" || echo null)" | tee -a "$out/hostile.jsonl"
}

want() { [[ " $scenarios " == *" $1 "* ]]; }

# 1. HTTP: eight parallel curl loops with a wrong password, for the whole witness run
if want http; then
start; witness 20s
sleep 1
timeout 21 bash -c "while :; do seq 400 | xargs -P8 -I{} curl -s -o /dev/null -u admin:x http://127.0.0.1:$http/actuator/health; done"
record http-wrong-password '{"loops":8}'
stop
fi

# 1. HTTP: eight parallel loops of anonymous Prometheus scrapes
if want scrape; then
start; witness 20s
sleep 1
timeout 21 bash -c "while :; do seq 400 | xargs -P8 -I{} curl -s -o /dev/null http://127.0.0.1:$http/actuator/prometheus; done"
record http-scrape '{"loops":8}'
stop
fi

# 2. A legal burst: 20 connections each send 50 lines of 8,190 bytes at once
if want burst; then
start; witness 20s
sleep 3
attack=$(python3 bench/hostile.py burst "$port" 20 50 8190)
record legal-burst "$attack"
stop
fi

# 5. Slots: 160 addresses of one network try 64 connections each and hold them; the witness
# connects while they are held
if want slots; then
start --switchboard.accept-rate-per-ip=0
python3 bench/hostile.py slots "$port" 160 64 25 > "$out/slots.json" &
attacker=$!
sleep 15
witness 8s
wait "$attacker"
record slots "$(cat "$out/slots.json")"
stop
fi

# 5. Slowloris: 50 connections trickle a byte every 3 s
if want slowloris; then
start; witness 20s
attack=$(python3 bench/hostile.py slowloris "$port" 50 21)
record slowloris "$attack"
stop
fi

# III.1. One address asks for history it never reads: 60 connections x 12 x /history 200 of
# 8,000-byte lines (1.1 GB asked), on the Helm chart's heap (614 MiB, fixed)
if want history; then
jvm_opts="-Xms614m -Xmx614m -XX:+UseG1GC"
log_from=$(wc -l < "$log" 2>/dev/null || echo 0)
start; witness 25s
sleep 2
attack=$(python3 bench/hostile.py history "$port" 60 12 20)
alive=$(kill -0 "$server_pid" 2>/dev/null && echo true || echo false)
oom=$(tail -n +$((log_from + 1)) "$log" | grep -c OutOfMemoryError)
record history "${attack%\}},\"serverAlive\":$alive,\"outOfMemoryErrorsInLog\":$oom,\"rssMiB\":$(rss_mib)}"
jvm_opts=
stop
fi
