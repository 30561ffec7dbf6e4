#!/usr/bin/env python3
"""Markdown tables from bench/targets.sh and bench/cluster.sh results.
usage: bench/summary.py [target/bench]"""
import json
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


print("| target | server | scenario | delivered/s | loss % | misordered | p50 ms | p99 ms | server CPU | RSS MiB | stalled closed |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for row in rows("targets.jsonl"):
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
