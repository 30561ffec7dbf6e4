#!/usr/bin/env bash
# Follows the README's quick start as a newcomer would, from a fresh clone: runs the server
# with the README's own command (taken from its first sh block, so this fails when the
# README and the launcher drift apart), waits for the ready line the README quotes, chats
# with nc as the README's transcript does, reads actuator with curl, then stops the server
# with SIGTERM and checks that a connected client was told. Needs the jar `./mvnw verify`
# packaged (copied into the clone: building it again would only repeat that step) and free
# ports 9999, 6667, 9007 and 8080 (SWITCHBOARD_TCP_PORT, SWITCHBOARD_UDP_PORT,
# SWITCHBOARD_IRC_PORT, SWITCHBOARD_ECHO_PORT and SERVER_PORT move them, e.g. on a shared
# machine).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$root/target/quick-start
fail() {
  echo "quick start: $*" >&2
  if [ -f "$work/server.log" ]; then
    echo "--- the server logged:" >&2
    tail -n 40 "$work/server.log" >&2
  fi
  exit 1
}
# Waits up to $1 seconds until the command in the other arguments succeeds.
within() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2 # polling a condition, with a deadline
  done
}

block=$(awk '/^```sh$/ { inside = 1; next } /^```$/ { if (inside) exit } inside' README.md)
run=$(grep -m1 '^\./switchboard' <<<"$block" | sed 's/[[:space:]]*#.*//') ||
  fail "the README's first sh block has no ./switchboard line to run"
grep -q '^\./mvnw verify' <<<"$block" || fail "the README's first sh block no longer says ./mvnw verify"
grep -q '\./mvnw .*verify' .ci/run || fail ".ci/run no longer runs ./mvnw verify, the README's test command"
ready=$(tr -s '\n ' '  ' <README.md | grep -o 'Switchboard ready: [^`]*' | head -n 1)
[ -n "$ready" ] || fail "the README no longer quotes the ready line"
jar=$(ls target/switchboard-*.jar 2>/dev/null | head -n 1)
[ -n "$jar" ] || fail "no target/switchboard-*.jar: run ./mvnw verify (or package) first"

chat=${SWITCHBOARD_TCP_PORT:-9999}
http=${SERVER_PORT:-8080}
rm -rf "$work"
mkdir -p "$work"
git clone -q "$root" "$work/clone"
mkdir -p "$work/clone/target"
cp "$jar" "$work/clone/target/"

cd "$work/clone"
echo "quick start: $run"
# exec form in the launcher: this pid is the JVM's once it runs
$run >"$work/server.log" 2>&1 &
server=$!
trap 'kill -9 $server 2>/dev/null || true; exec 4>&- 2>/dev/null || true' EXIT
within 90 grep -q 'Switchboard ready: ' "$work/server.log" || fail "no ready line within 90 s"
logged=$(grep -o 'Switchboard ready: .*' "$work/server.log" | head -n 1)
if [ -z "${SWITCHBOARD_TCP_PORT:-}${SERVER_PORT:-}${SWITCHBOARD_IRC_PORT:-}${SWITCHBOARD_ECHO_PORT:-}" ] &&
  [ "$logged" != "$ready" ]; then
  fail "the server said \"$logged\", the README says \"$ready\""
fi

# bob stays connected through the stop; alice says hi and leaves
mkfifo "$work/bob.in"
nc localhost "$chat" <"$work/bob.in" >"$work/bob.log" &
bob=$!
exec 4>"$work/bob.in"
echo "/nick bob" >&4
within 20 grep -q '^\* you are now bob' "$work/bob.log" || fail "bob was not named: $(cat "$work/bob.log")"
alice=$(printf '/nick alice\nhi everyone\nquit\n' | timeout 20 nc localhost "$chat") ||
  fail "alice's nc did not end after quit: $alice"
grep -q '^\* welcome to switchboard' <<<"$alice" || fail "alice got no greeting: $alice"
grep -q '^\* bye' <<<"$alice" || fail "alice got no goodbye: $alice"
within 20 grep -q ' alice hi everyone$' "$work/bob.log" || fail "bob did not see alice's line: $(cat "$work/bob.log")"
curl -fsS "localhost:$http/actuator/clients" | grep -q '"nick":"bob"' || fail "actuator's clients does not list bob"

kill -TERM "$server"
within 60 grep -q '^\* server shutting down' "$work/bob.log" || fail "bob was not told the server is shutting down"
exec 4>&- # bob's end of input: nc leaves once the server has closed too
within 20 sh -c "! kill -0 $bob 2>/dev/null" || kill "$bob" 2>/dev/null || true
status=0
wait "$server" || status=$?
# 143: the JVM ended by SIGTERM after its graceful shutdown
[ "$status" = 143 ] || [ "$status" = 0 ] || fail "the server exited with $status after SIGTERM"
echo "quick start: ran \"$run\", chatted with nc, stopped with SIGTERM (exit $status)"
