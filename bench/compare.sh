#!/usr/bin/env bash
# Runs the same load scenarios against several chat servers, one after the other, on
# loopback, and writes a table and charts:
#   bench/compare.sh                         Switchboard and the peers in ../shared/peers
#   bench/compare.sh NAME='COMMAND' ...      your own servers; COMMAND runs in the
#                                            foreground and listens on $PORT
# Output: target/bench/results.jsonl, results.md, results-p99.png, results-cpu.png, and
# each server's output in target/bench/NAME.log. DURATION and WARMUP (5s each) per scenario.
# Needs the packaged jar (./mvnw package -DskipTests). Every run stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=$(ls target/switchboard-*.jar | head -1)
java=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1 || command -v java)
peers=${PEERS:-../shared/peers}
out=target/bench
port=${PORT:-29999}
duration=${DURATION:-5s}
warmup=${WARMUP:-5s}
mkdir -p "$out" && : > "$out/results.jsonl"

# name | bench options
scenarios=(
  "100 clients, 2k msg/s|--clients 100 --senders 10 --rate 2000"
  "100 clients, 5k msg/s|--clients 100 --senders 10 --rate 5000"
  "1000 clients, 100 msg/s|--clients 1000 --senders 10 --rate 100"
)

servers=("$@")
if [ ${#servers[@]} -eq 0 ]; then
  servers=("switchboard=$java -jar $jar --server.port=0 --switchboard.tcp.host=127.0.0.1 --switchboard.tcp.port=\$PORT --switchboard.irc.port=0 --switchboard.udp.port=0 --switchboard.echo.enabled=false --switchboard.client.rate=0 --switchboard.client.byte-rate=0 --switchboard.max-clients-per-ip=0 --switchboard.max-clients-per-ipv4-prefix=0 --switchboard.accept-rate-per-ip=0")
  if [ -d "$peers/netty-broadcast" ]; then
    # The peers folder is read-only: build the Netty yardstick in a copy under target/.
    rm -rf "$out/netty-broadcast" && cp -r "$peers/netty-broadcast" "$out/netty-broadcast"
    servers+=("netty=env JAVA=$java bash $out/netty-broadcast/start.sh \$PORT")
  fi
  [ -d "$peers/py-chat-v6" ] && servers+=("py-chat-v6=bash $peers/py-chat-v6/start.sh \$PORT")
  command -v ncat >/dev/null && [ -d "$peers/ncat-chat" ] && servers+=("ncat=bash $peers/ncat-chat/start.sh \$PORT")
fi

for spec in "${servers[@]}"; do
  name=${spec%%=*}
  command=${spec#*=}
  echo "== $name" >&2
  PORT=$port bash -c "exec ${command//\$PORT/$port}" > "$out/$name.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 1; done
  server_pid=$pid   # every start command ends in exec, so this is the server itself
  extra=()
  [ "$name" = ncat ] && extra=(--no-echo)
  for scenario in "${scenarios[@]}"; do
    label=${scenario%%|*}
    # shellcheck disable=SC2086
    result=$("$java" -jar "$jar" bench ${scenario#*|} --duration "$duration" --warmup "$warmup" --json \
      --pid "$server_pid" "${extra[@]}" 127.0.0.1 "$port" 2>/dev/null | tail -1) || result=""
    if [ -n "$result" ]; then
      printf '{"server":"%s","scenario":"%s","result":%s}\n' "$name" "$label" "$result" >> "$out/results.jsonl"
    else
      echo "   $label: no result" >&2
    fi
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  sleep 1
done

"$java" -jar "$jar" bench chart "$out/results.jsonl" "$out/results"
