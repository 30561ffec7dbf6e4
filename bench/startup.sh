#!/usr/bin/env bash
# Start-up to accepting TCP, Switchboard beside the Netty yardstick in one run:
#   bench/startup.sh [JAR]
# Started in turn, ROUNDS (5) times, and the median, min and max of each reported:
#   jar                 java -jar JAR, as ./switchboard runs it
#   extracted           the jar extracted (java -Djarmode=tools -jar JAR extract), no AOT cache
#   extracted+aot       the same with an AOT cache, made as the Dockerfile makes it: a training
#                       run java -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh
#                       (binds no port), then java -XX:AOTCache=app.aot
#   image               the container image, with podman (--network=host): the Dockerfile's run
#                       stage (JRE, layers, its own AOT training run and ENTRYPOINT) on this
#                       JAR, or IMAGE=name to time an image built elsewhere. The time includes
#                       podman creating the container. Skipped, with the reason, where podman
#                       cannot run (see ../shared/CONTAINER-AND-HELM-TESTING.md)
#   netty               the yardstick (../shared/peers/netty-broadcast, built under target/)
# Time: from just before the process is started until the chat port accepts a TCP connection
# (polled every 5 ms, by one Python process rather than a shell loop that forks); each is
# then stopped with SIGTERM and its exit awaited before the next starts. Switchboard runs with
# its defaults, every listener on loopback (chat on PORT, PORT+1, ..., one port per start; the others on free ports).
# Output: target/bench/startup.jsonl, startup-*.log, and a table on stdout (also from
# bench/summary.py). About 3 minutes at ROUNDS=5 on 2 cores, plus the image build.
set -uo pipefail
cd "$(dirname "$0")/.."
jar=$(realpath "${1:-$(ls target/switchboard-*.jar | head -1)}")
java=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1 || command -v java)
jdk=$(dirname "$(dirname "$(realpath "$java")")")
peers=${PEERS:-../shared/peers}
out=target/bench
work=$out/startup
# Below the ephemeral range (32768-60999 on Linux): a server's other listeners bind port 0 and
# once took the chat port (the echo, first to start) before the chat listener could.
port=${PORT:-29996}
rounds=${ROUNDS:-5}
image=${IMAGE:-}
mkdir -p "$out" && rm -rf "$work" && mkdir -p "$work"

# Each start gets a port of its own ({port}: PORT, PORT+1, ...): a server still stopping (a
# podman container outlives its SIGTERM for a moment) must not answer for the next one.
switchboard_args="--server.address=127.0.0.1 --server.port=0 --switchboard.tcp.host=127.0.0.1 --switchboard.tcp.port={port} \
--switchboard.udp.host=127.0.0.1 --switchboard.udp.port=0 --switchboard.irc.host=127.0.0.1 --switchboard.irc.port=0 \
--switchboard.echo.host=127.0.0.1 --switchboard.echo.port=0"
variants=("jar|$java -jar $jar $switchboard_args")

# the extracted jar, and its AOT cache
echo "== AOT cache: extracting the jar and training" >&2
"$java" -Djarmode=tools -jar "$jar" extract --destination "$work/app" > "$work/extract.log" 2>&1
app=$(realpath "$work/app/$(basename "$jar")")
# shellcheck disable=SC2086
(cd "$work/app" && "$java" -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar "$app" ${switchboard_args//\{port\}/$port}) \
  > "$work/aot-training.log" 2>&1
if [ -f "$work/app/app.aot" ]; then
  variants+=("extracted|$java -jar $app $switchboard_args")
  variants+=("extracted+aot|$java -XX:AOTCache=$(realpath "$work/app/app.aot") -jar $app $switchboard_args")
else
  echo "   no AOT cache was made (see $work/aot-training.log): the jar variants without it only" >&2
fi

# the container image
export CONTAINERS_CONF=${CONTAINERS_CONF:-$PWD/.ci/containers.conf}
made_bases=() made_layers=""
cleanup() { # only what this script made: other builds may share podman's storage
  podman ps -a --format '{{.Names}}' 2>/dev/null | grep "^switchboard-startup-$$-" | xargs -r podman rm -f >/dev/null 2>&1
  [ -z "${IMAGE:-}" ] && [ -n "$image" ] && podman rmi -f "$image" >/dev/null 2>&1
  for base in "${made_bases[@]}"; do podman rmi -f "$base" >/dev/null 2>&1; done
  [ ${#made_bases[@]} -gt 0 ] && podman rmi -f localhost/temurin-standin:25-jdk localhost/temurin-standin:25-jre >/dev/null 2>&1
  [ -n "$made_layers" ] && echo "$made_layers" | xargs -r podman rmi -f >/dev/null 2>&1
}
image_skipped=""
if ! command -v podman >/dev/null 2>&1 || ! podman info >/dev/null 2>&1; then
  image_skipped="podman cannot run on this machine"
elif [ -z "$image" ]; then
  trap cleanup EXIT
  echo "== building the image (the Dockerfile's run stage on this jar)" >&2
  for kind in jdk jre; do
    podman image exists "docker.io/library/eclipse-temurin:25-$kind" || made_bases+=("docker.io/library/eclipse-temurin:25-$kind")
  done
  if [ ${#made_bases[@]} -gt 0 ] && ! bash .ci/container/make-base-images.sh "$jdk" "$work/base-images" > "$work/base-images.log" 2>&1; then
    image_skipped="no stand-in base images (see $work/base-images.log)"
  else
    mkdir -p "$work/image" && cp "$jar" "$work/image/app.jar"
    {
      printf 'FROM eclipse-temurin:25-jdk AS build\nWORKDIR /workspace\nCOPY app.jar ./\n'
      printf 'RUN java -Djarmode=tools -jar app.jar extract --layers --destination extracted\n'
      sed -n '/^FROM eclipse-temurin:25-jre/,$p' Dockerfile
    } > "$work/image/Containerfile"
    image=localhost/switchboard:startup-$$
    dangling=$(podman images -q --filter dangling=true | sort)
    if ! grep -q '^FROM eclipse-temurin:25-jre' "$work/image/Containerfile"; then
      image_skipped="the Dockerfile has no 'FROM eclipse-temurin:25-jre' run stage to reuse" image=""
    elif ! podman build --pull=never --network=none --format docker -t "$image" "$work/image" > "$work/image-build.log" 2>&1; then
      image_skipped="the image did not build (see $work/image-build.log)" image=""
    fi
    made_layers=$(comm -13 <(echo "$dangling") <(podman images -q --filter dangling=true | sort))
  fi
fi
if [ -n "$image_skipped" ]; then
  echo "   image skipped: $image_skipped" >&2
else
  variants+=("image|podman run --rm --pull=never --network=host --name switchboard-startup-$$-{round} \
-e SERVER_ADDRESS=127.0.0.1 -e SERVER_PORT=0 -e SWITCHBOARD_TCP_HOST=127.0.0.1 -e SWITCHBOARD_TCP_PORT={port} \
-e SWITCHBOARD_UDP_HOST=127.0.0.1 -e SWITCHBOARD_UDP_PORT=0 -e SWITCHBOARD_IRC_HOST=127.0.0.1 -e SWITCHBOARD_IRC_PORT=0 \
-e SWITCHBOARD_ECHO_HOST=127.0.0.1 -e SWITCHBOARD_ECHO_PORT=0 $image")
fi

# the yardstick
if [ -d "$peers/netty-broadcast" ]; then
  if [ ! -f "$out/netty-broadcast/target/netty-broadcast.jar" ]; then
    # The peers folder is read-only: build the yardstick in a copy under target/.
    rm -rf "$out/netty-broadcast" && cp -r "$peers/netty-broadcast" "$out/netty-broadcast"
    (cd "$out/netty-broadcast" && mvn -q -B package) > "$out/netty-build.log" 2>&1 || echo "   the yardstick did not build" >&2
  fi
  [ -f "$out/netty-broadcast/target/netty-broadcast.jar" ] \
    && variants+=("netty|env JAVA=$java bash $out/netty-broadcast/start.sh {port}")
else
  echo "   no Netty yardstick in $peers/netty-broadcast" >&2
fi

printf '%s\n' "${variants[@]}" > "$work/variants.txt"
python3 - "$port" "$rounds" "$out" "$work/variants.txt" "$image_skipped" <<'PY'
import json, os, shlex, signal, socket, statistics, subprocess, sys, time

port, rounds, out, skipped = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[5]
variants = [line.split("|", 1) for line in open(sys.argv[4]).read().splitlines() if line]


def accepts(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
        return True
    except OSError:
        return False


def start(name, command, round_, port):
    deadline = time.monotonic() + 30
    while accepts(port):  # somebody else's
        if time.monotonic() > deadline:
            sys.exit(f"port {port} is taken")
        time.sleep(0.1)
    log = open(f"{out}/startup-{name}.log", "ab")
    t0 = time.monotonic()
    process = subprocess.Popen(shlex.split(command.replace("{round}", str(round_)).replace("{port}", str(port))),
                               stdout=log, stderr=log, start_new_session=True)
    ms = None
    while time.monotonic() - t0 < 120:
        if accepts(port):
            ms = round((time.monotonic() - t0) * 1000)
            break
        if process.poll() is not None:
            break
        time.sleep(0.005)
    process.send_signal(signal.SIGTERM)  # podman run passes it on to the container
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    return ms


with open(f"{out}/startup.jsonl", "w") as results:
    starts = 0
    for round_ in range(1, rounds + 1):
        for name, command in variants:
            load = " ".join(open("/proc/loadavg").read().split()[:3])
            ms = start(name, command, round_, port + starts)
            starts += 1
            row = {"what": name, "round": round_, "ms": ms, "load": load}
            print(json.dumps(row), file=sys.stderr)
            results.write(json.dumps(row) + "\n")
            results.flush()
    if skipped:
        results.write(json.dumps({"what": "image", "skipped": skipped}) + "\n")

print("| start-up to accepting TCP | runs | median ms | min ms | max ms |")
print("|---|---|---|---|---|")
rows = [json.loads(line) for line in open(f"{out}/startup.jsonl")]
for name, _ in variants:
    ms = [r["ms"] for r in rows if r["what"] == name and r.get("ms") is not None]
    failed = sum(1 for r in rows if r["what"] == name and "round" in r and r.get("ms") is None)
    if ms:
        print(f"| {name} | {len(ms)}{f' ({failed} failed)' if failed else ''} | {statistics.median(ms):,.0f} | {min(ms):,} | {max(ms):,} |")
if skipped:
    print(f"| image | skipped: {skipped} | | | |")
PY
