#!/usr/bin/env python3
"""Summarizes GraphBenchmark results (JMH JSON, one file per run) as the Markdown table of docs/BENCHMARKS.md.

    python3 alchemist-bench/scripts/graph_table.py RESULT.json [RESULT.json ...]

For each database and system: each run's score and error (µs/op), the ratio of the mean of the runs' scores to raw
JDBC's, and the bytes allocated per operation when the run had -prof gc. Statements per load come from the set-up
output ("[graph] ..." lines), not from the JSON.
"""
import json
import sys
from collections import defaultdict

ORDER = ["jdbc", "alchemist-repo", "alchemist-session", "hibernate", "jdbi", "jooq"]


def main(paths):
    runs = defaultdict(list)   # (db, system) -> [(score, error)]
    alloc = {}
    for path in paths:
        for r in json.load(open(path)):
            if not r["benchmark"].endswith("GraphBenchmark.loadGraph"):
                continue
            key = (r["params"]["db"], r["params"]["system"])
            m = r["primaryMetric"]
            runs[key].append((m["score"], m["scoreError"]))
            gc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
            if gc:
                alloc[key] = gc["score"]
    for db in sorted({k[0] for k in runs}):
        base = runs.get((db, "jdbc"))
        base_mean = sum(s for s, _ in base) / len(base) if base else None
        print(f"\n{db}\n")
        print("| system | µs/op, each run (± error) | mean | ratio to jdbc | allocated per op |")
        print("|---|---|---|---|---|")
        for system in ORDER + sorted({k[1] for k in runs if k[0] == db} - set(ORDER)):
            rs = runs.get((db, system))
            if not rs:
                continue
            mean = sum(s for s, _ in rs) / len(rs)
            each = " / ".join(f"{s:,.0f} ± {e:,.0f}" for s, e in rs)
            ratio = f"{mean / base_mean:.2f}" if base_mean else "-"
            a = f"{alloc[(db, system)] / 1e6:.2f} MB" if (db, system) in alloc else "-"
            print(f"| {system} | {each} | {mean:,.0f} | {ratio} | {a} |")


if __name__ == "__main__":
    main(sys.argv[1:])
