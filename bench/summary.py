#!/usr/bin/env python3
"""Markdown tables from the results of bench/targets.sh, cluster.sh, memory.sh and startup.sh.
usage: bench/summary.py [target/bench]"""
import json
import statistics
import sys
from pathlib import Path

out = Path(sys.argv[1] if len(sys.argv) > 1 else "target/bench")


def rows(name):
    path = out / name
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()] if path.exists() else []


def fmt(r):
    if r is None:
        return "| no result | | | | | | |"
    return (f"| {r['deliveredPerSecond']:,.0f} | {r['lossPercent']:.3f} | {r['orderViolations']} | "
            f"{r['p50Ms']:.2f} | {r['p99Ms']:.2f} | {r['serverCpuCores']:.2f} | {r['serverRssMiB']} |")


targets = rows("targets.jsonl")
if targets:
    print("| target | server | scenario | delivered/s | loss % | misordered | p50 ms | p99 ms | server CPU | RSS MiB | stalled closed |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
for row in targets:
    r = row["result"]
    if row["target"] == 4:
        per = (r["rssKiB"] - r["rssBeforeKiB"]) / max(1, r["held"])
        print(f"| 4 | {row['server']} | {row['scenario']} | {r['held']:,} held | | | | | | "
              f"{r['rssKiB'] // 1024} ({per:.1f} KiB/conn) | |")
    elif row["target"] == 7:
        print(f"| 7 | {row['server']} | {row['scenario']} (run {r['run']}) | {r['ms']} ms to accept | | | | | | | |")
    else:
        stalled = f"{r['stalledClosed']} of {r['stalled']}" if r and r.get("stalled") else ""
        print(f"| {row['target']} | {row['server']} | {row['scenario']} {fmt(r)} {stalled} |")

cluster = rows("cluster.jsonl")
if cluster:
    print()
    print("| setup | msg/s | delivered/s | loss % | misordered | p50 ms | p99 ms | CPU (node A) | RSS MiB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for row in cluster:
        print(f"| {row['setup']} | {row['rate']:,} {fmt(row['result'])}")

DOORS = {"tcp": "TCP", "tls": "TLS", "websocket": "WebSocket"}
memory = rows("memory.jsonl")
idle = [row for row in memory if row["scenario"] == "idle"]
if idle:
    print()
    print("| idle connections | server | held | RSS MiB | RSS per connection KiB | live heap MiB | live heap per connection KiB | OS threads |")
    print("|---|---|---|---|---|---|---|---|")
    for r in idle:
        print(f"| {DOORS.get(r['door'], r['door'])}, {r['from']:,} → {r['to']:,} | {r['server']} | {r['held']:,} of {r['to']:,} | "
              f"{r['rssFromKiB'] / 1024:.0f} → {r['rssToKiB'] / 1024:.0f} | {r['rssKiBPerConnection']:.1f} | "
              f"{r['liveFromKiB'] / 1024:.0f} → {r['liveToKiB'] / 1024:.0f} | {r['liveKiBPerConnection']:.1f} | "
              f"{r['threadsFrom']} → {r['threadsTo']} |")
active = [row for row in memory if row["scenario"] == "active"]
if active:
    print()
    print("| active clients | server | held | RSS MiB | RSS per connection KiB | live heap MiB | live heap per connection KiB | loss % (each run) |")
    print("|---|---|---|---|---|---|---|---|")
    for r in active:
        runs = r["runs"]
        loss = " / ".join("–" if x is None else f"{x['lossPercent']:.3f}" for x in runs)
        print(f"| {DOORS.get(r['door'], r['door'])}, {r['from']:,} → {r['to']:,} at {r['ratePerClient']} msg/s each | {r['server']} | "
              f"{r['held']:,} of {r['to']:,} | {r['rssFromKiB'] / 1024:.0f} → {r['rssToKiB'] / 1024:.0f} | "
              f"{r['rssKiBPerConnection']:.1f} | {r['liveFromKiB'] / 1024:.0f} → {r['liveToKiB'] / 1024:.0f} | "
              f"{r['liveKiBPerConnection']:.1f} | {loss} |")

startup = rows("startup.jsonl")
if startup:
    print()
    print("| start-up to accepting TCP | runs | median ms | min ms | max ms |")
    print("|---|---|---|---|---|")
    for what in dict.fromkeys(row["what"] for row in startup):
        ms = [row["ms"] for row in startup if row["what"] == what and row.get("ms") is not None]
        if ms:
            print(f"| {what} | {len(ms)} | {statistics.median(ms):,.0f} | {min(ms):,} | {max(ms):,} |")
