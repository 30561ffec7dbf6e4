#!/usr/bin/env python3
"""Attacks from the hardening issue, for bench/hostile.sh: loopback only, bounded, stop by themselves.

  hostile.py burst PORT SENDERS LINES SIZE       each sender puts LINES lines of SIZE bytes on the wire at once
  hostile.py slots PORT ADDRESSES PER_ADDRESS S   open up to PER_ADDRESS connections from each of ADDRESSES
                                                  addresses 127.1.0.N, hold them S seconds, print how many got in
  hostile.py slowloris PORT CONNECTIONS S         each connection trickles one byte every 3 s for S seconds;
                                                  print how many the server cut, and after how long
  hostile.py history PORT CONNECTIONS REPEATS S  fill room hoard with 200 lines of 8,000 bytes (25 fillers from
                                                  127.2.0.N, within flood control), then CONNECTIONS clients of
                                                  127.0.0.1 with 4 KiB receive buffers each ask REPEATS times at once
                                                  for /history 200 and never read; hold S seconds
Prints one JSON line.
"""
import json
import socket
import sys
import threading
import time


def connect(port, source="127.0.0.1"):
    s = socket.socket()
    s.bind((source, 0))
    s.settimeout(10)
    s.connect(("127.0.0.1", port))
    return s


def first_line(s):
    data = b""
    while not data.endswith(b"\n"):
        chunk = s.recv(1)
        if not chunk:
            break
        data += chunk
    return data.decode(errors="replace").rstrip("\n")


def burst(port, senders, lines, size):
    socks = [connect(port) for _ in range(senders)]
    for s in socks:
        first_line(s)
    payload = b"".join((b"%d " % n).ljust(size, b"x") + b"\n" for n in range(lines))
    threads = [threading.Thread(target=s.sendall, args=(payload,)) for s in socks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # the senders never read: they are stuck readers themselves, as in the attack
    time.sleep(15)
    for s in socks:
        s.close()
    return {"attack": "burst", "senders": senders, "lines": lines, "size": size}


def slots(port, addresses, per_address, hold):
    admitted, refused, held = 0, {}, []
    for a in range(1, addresses + 1):
        for _ in range(per_address):
            try:
                s = connect(port, "127.1.0.%d" % a)
                line = first_line(s)
            except OSError as e:
                refused[str(e)] = refused.get(str(e), 0) + 1
                continue
            if line.startswith("* welcome"):
                admitted += 1
                held.append(s)
            else:
                refused[line] = refused.get(line, 0) + 1
                s.close()
    time.sleep(hold)
    for s in held:
        s.close()
    return {"attack": "slots", "addresses": addresses, "perAddress": per_address, "admitted": admitted,
            "refused": refused}


def slowloris(port, connections, hold):
    socks, refused = [], 0
    for i in range(connections):
        # from addresses of their own, so the per-address accept rate does not refuse them
        s = connect(port, "127.2.0.%d" % (i + 1))
        if not first_line(s).startswith("* welcome"):
            refused += 1
            s.close()
            continue
        s.setblocking(False)
        socks.append(s)
    start = time.monotonic()
    cut, last_byte = {}, {}
    while time.monotonic() - start < hold and len(cut) < len(socks):
        now = time.monotonic()
        for i, s in enumerate(socks):
            if i in cut:
                continue
            try:
                data = s.recv(4096)
                if data == b"" or b"ERR" in data:
                    cut[i] = now - start
                    continue
            except BlockingIOError:
                pass
            except OSError:
                cut[i] = now - start
                continue
            if now - last_byte.get(i, -3) >= 3:
                try:
                    s.send(b"x")
                    last_byte[i] = now
                except OSError:
                    cut[i] = now - start
        time.sleep(0.2)
    for s in socks:
        s.close()
    times = sorted(cut.values())
    return {"attack": "slowloris", "connections": len(socks), "refused": refused, "cut": len(cut),
            "cutAfterSeconds": round(times[len(times) // 2], 1) if times else None, "heldSeconds": hold}


def history(port, connections, repeats, hold):
    text = b"h" * 8000
    for f in range(25):  # 8 lines each: within the 64 KB byte burst of every filler
        s = connect(port, "127.2.0.%d" % (f + 1))
        first_line(s)
        s.sendall(b"/join hoard\n" + b"".join(b"%d %s\n" % (f * 8 + n, text) for n in range(8)))
        time.sleep(0.1)
        s.close()
    attackers = []
    for _ in range(connections):
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.bind(("127.0.0.1", 0))
        s.settimeout(10)
        s.connect(("127.0.0.1", port))
        attackers.append(s)
    request = b"/join hoard\n" + b"/history 200\n" * repeats
    for s in attackers:
        s.sendall(request)
    time.sleep(hold)
    for s in attackers:
        s.close()
    return {"attack": "history", "connections": connections, "repeats": repeats, "askedBytes": connections * repeats * 200 * 8000}


if __name__ == "__main__":
    kind, port, *rest = sys.argv[1:]
    args = [int(x) for x in rest]
    result = {"burst": burst, "slots": slots, "slowloris": slowloris, "history": history}[kind](int(port), *args)
    print(json.dumps(result))
