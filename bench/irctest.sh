#!/usr/bin/env bash
# The IRC server test suite (irctest, pinned in ../shared/irctest) against the packaged jar's
# IRC door, and against Debian's ngIRCd on the same selection; prints the pass/fail counts per
# module for both. Needs: python3-pytest python3-ecdsa python3-filelock python3-websockets ngircd.
# Usage: bench/irctest.sh [IRCTEST_DIR] (default ../shared/irctest); OUT=DIR keeps the results
# there, SKIP_NGIRCD=1 runs Switchboard alone. Build the jar first (./mvnw package -DskipTests).
# Loopback only; about 1 minute for Switchboard and 8 for ngIRCd.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
irctest=${1:-$here/../shared/irctest}
java=$(ls -d /usr/lib/jvm/temurin-25*/bin/java 2>/dev/null | head -1)
jar=$(ls "$here"/target/switchboard-*.jar | grep -v original | head -1)
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
# The 18 modules of the first comparison, then those issue 28 touched (chmodes is a folder).
modules=(${MODULES:-connection_registration join part messages names who whois list topic quit pingpong cap echo_message isupport lusers help away chathistory kick invite message_tags utf8 sasl chmodes oper kill wallops})
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# irctest's external-server controller expects the server to call itself My.Little.Server.
"$java" -jar "$jar" --server.port=0 --switchboard.tcp.port=0 --switchboard.udp.port=0 \
  --switchboard.echo.enabled=false --switchboard.irc.host=127.0.0.1 --switchboard.irc.port=$port \
  --switchboard.irc.server-name=My.Little.Server --switchboard.history.on-join=0 \
  --switchboard.client.rate=0 --switchboard.client.byte-rate=0 --switchboard.max-clients-per-ip=0 \
  --switchboard.max-clients-per-ipv4-prefix=0 --switchboard.accept-rate-per-ip=0 \
  --switchboard.irc.operators[0].name=operuser --switchboard.irc.operators[0].password='{noop}operpassword' \
  --logging.level.root=WARN > "$out/switchboard.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 300); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.5; done
files=(); for m in "${modules[@]}"; do
  if [ -d "$irctest/irctest/server_tests/$m" ]; then files+=("irctest/server_tests/$m"); else files+=("irctest/server_tests/$m.py"); fi
done
marks="not implementation-specific and not deprecated and not strict and not services"
cd "$irctest"
PYTHONDONTWRITEBYTECODE=1 IRCTEST_SERVER_HOSTNAME=127.0.0.1 IRCTEST_SERVER_PORT=$port \
  timeout 1200 /usr/bin/python3 -m pytest -p no:cacheprovider -q -rf \
  --controller irctest.controllers.external_server -m "$marks" -k "not Passworded" \
  --junitxml="$out/switchboard.xml" "${files[@]}" > "$out/switchboard.txt" 2>&1 || true
kill $server 2>/dev/null || true
if [ -z "${SKIP_NGIRCD:-}" ] && command -v ngircd >/dev/null; then
  PYTHONDONTWRITEBYTECODE=1 timeout 1200 /usr/bin/python3 -m pytest -p no:cacheprovider -q -rf \
    --controller irctest.controllers.ngircd -m "$marks" -k "not Passworded" \
    --junitxml="$out/ngircd.xml" "${files[@]}" > "$out/ngircd.txt" 2>&1 || true
fi
python3 - "$out" "${modules[@]}" <<'PY'
import sys, os, xml.etree.ElementTree as ET
out, modules = sys.argv[1], sys.argv[2:]
def counts(name):
    path = os.path.join(out, name + ".xml")
    result = {m: [0, 0, 0] for m in modules}
    if not os.path.exists(path):
        return None
    for case in ET.parse(path).getroot().iter("testcase"):
        module = case.get("classname", "").split(".")[2] if case.get("classname", "").count(".") >= 2 else "?"
        if module not in result:
            continue
        if case.find("skipped") is not None:
            result[module][2] += 1
        elif case.find("failure") is not None or case.find("error") is not None:
            result[module][1] += 1
        else:
            result[module][0] += 1
    return result
sb, ng = counts("switchboard"), counts("ngircd")
print("| module | Switchboard pass / fail / skip | ngIRCd pass / fail / skip |")
print("|---|---|---|")
total = {"sb": [0, 0, 0], "ng": [0, 0, 0]}
for m in modules:
    a = sb[m] if sb else [0, 0, 0]
    b = ng[m] if ng else [0, 0, 0]
    for i in range(3):
        total["sb"][i] += a[i]; total["ng"][i] += b[i]
    print(f"| {m} | {a[0]} / {a[1]} / {a[2]} | " + (f"{b[0]} / {b[1]} / {b[2]}" if ng else "not run") + " |")
a, b = total["sb"], total["ng"]
print(f"| **all** | **{a[0]} / {a[1]} / {a[2]}** | **{b[0]} / {b[1]} / {b[2]}** |")
print("results in " + out)
PY
