#!/usr/bin/env python3
"""The clients of a node being stopped: N TCP clients on node A that, when A closes them,
reconnect to node B after a delay drawn like the web page's first reconnect (0.5-1 s).

  bench/reconnectors.py A_PORT B_PORT N SECONDS

Connects N clients to A (each moves to room 'restart', away from the bench's room), prints
'ready', then runs for SECONDS and prints one JSON line: when each was accepted by B
(seconds since the first close), the peak accepts per second on B (1 s buckets and a
sliding 100 ms window x 10) and how many never got back.
"""
import asyncio, json, random, sys, time

host = "127.0.0.1"
a_port, b_port, n, seconds = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
closed_at, accepted_at = [], []


async def session(port):
    reader, writer = await asyncio.open_connection(host, port)
    await reader.readline()  # the greeting: admitted
    writer.write(b"/join restart\n")
    await writer.drain()
    return reader, writer


async def client(ready):
    reader, writer = await session(a_port)
    ready.release()
    while await reader.readline():  # until A closes it (FIN)
        pass
    closed_at.append(time.monotonic())
    writer.close()
    await asyncio.sleep(0.5 + random.random() * 0.5)
    while True:
        try:
            reader, writer = await session(b_port)
            accepted_at.append(time.monotonic())
            break
        except OSError:
            await asyncio.sleep(1 + random.random())
    while await reader.readline():
        pass


async def main():
    ready = asyncio.Semaphore(0)
    tasks = [asyncio.create_task(client(ready)) for _ in range(n)]
    for _ in range(n):
        await ready.acquire()
    print("ready", flush=True)
    await asyncio.sleep(seconds)
    start = min(closed_at) if closed_at else 0
    times = sorted(t - start for t in accepted_at)
    buckets = {}
    for t in times:
        buckets[int(t)] = buckets.get(int(t), 0) + 1
    peak_100ms = max((sum(1 for u in times if t <= u < t + 0.1) for t in times), default=0)
    closes = sorted(t - start for t in closed_at)
    print(json.dumps({"clients": n, "closed": len(closed_at), "closeSpanS": round(closes[-1], 2) if closes else None,
                      "acceptedByB": len(times), "peakAcceptsPerS": max(buckets.values(), default=0),
                      "peakAcceptsPer100msX10": peak_100ms * 10,
                      "lastAcceptS": round(times[-1], 2) if times else None}), flush=True)
    for t in tasks:
        t.cancel()


asyncio.run(main())
