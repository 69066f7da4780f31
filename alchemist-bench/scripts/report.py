#!/usr/bin/env python3
"""Turns the results of bench/run.sh (JMH JSON, statement log, heap probe) into docs/BENCHMARKS.md.

Usage: report.py RESULTS_DIR OUTPUT_MD [SMOKE_RESULTS_DIR]
With a third argument, the per-workload tables of a --quick run are appended, marked as not steady state.
Every figure printed comes from the files in RESULTS_DIR; nothing is typed in by hand.
"""
import json
import math
import os
import statistics
import sys

SYSTEMS = ["jdbc", "alchemist-repo", "alchemist-session", "hibernate-session", "hibernate-stateless", "jdbi", "jooq"]
PEERS = ["hibernate-session", "hibernate-stateless", "jdbi", "jooq"]
ALCHEMIST = ["alchemist-repo", "alchemist-session"]
WORKLOADS = [
    ("findById", "findById"), ("findSameIdTwice", "same id found twice in one session"),
    ("readClass100", "read 100 rows (class)"), ("readRecord100", "read 100 rows (record)"),
    ("readClass1000", "read 1,000 rows (class)"), ("readRecord1000", "read 1,000 rows (record)"),
    ("insertOne", "insert one, returning its id"), ("insertBatch1000", "batch insert 1,000 returning ids"),
    ("loadChangeCommit", "update one row: load, change, commit"), ("deleteById", "delete by id"),
    ("stream100k", "stream 100,000 rows"),
]
# workload -> (H2 target, PostgreSQL target), from issue 5
TARGETS = {
    "findById": (1.25, 1.05), "readClass100": (1.20, 1.10), "readRecord100": (1.20, 1.10),
    "readClass1000": (1.20, 1.10), "readRecord1000": (1.20, 1.10), "insertOne": (1.25, 1.05),
    "insertBatch1000": (1.10, 1.05), "loadChangeCommit": (1.30, 1.05),
}


def load(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        text = f.read().strip()
    return json.loads(text) if text else []


def workload_key(entry):
    method = entry["benchmark"].rsplit(".", 1)[1]
    rows = entry.get("params", {}).get("rows")
    return method + rows if rows and method.startswith("read") else method


def fork_means(entry):
    return [statistics.fmean(f) for f in entry["primaryMetric"]["rawData"] if f]


def alloc(entry):
    sec = entry.get("secondaryMetrics", {})
    m = sec.get("gc.alloc.rate.norm", sec.get("\u00b7gc.alloc.rate.norm"))
    return None if m is None else m["score"]


class Result:
    def __init__(self, entry):
        pm = entry["primaryMetric"]
        self.score = pm["score"]
        self.error = pm["scoreError"] if not (isinstance(pm["scoreError"], str) or math.isnan(pm["scoreError"])) else None
        self.unit = pm["scoreUnit"]
        self.forks = fork_means(entry)
        self.alloc = alloc(entry)
        self.n = sum(len(f) for f in pm["rawData"])

    def interval(self):
        return None if self.error is None else (self.score - self.error, self.score + self.error)


def index(entries):
    out = {}
    for e in entries:
        p = e.get("params", {})
        out[(p.get("db"), workload_key(e), p.get("system"))] = Result(e)
    return out


def fmt_time(r):
    err = "" if r.error is None else " ± %s" % num(r.error)
    return "%s%s %s" % (num(r.score), err, r.unit)


def num(x):
    if x is None:
        return "–"
    if abs(x) >= 100:
        return "%.0f" % x
    if abs(x) >= 10:
        return "%.1f" % x
    return "%.2f" % x


def overlap(a, b):
    ia, ib = a.interval(), b.interval()
    if ia is None or ib is None:
        return None
    return ia[0] <= ib[1] and ib[0] <= ia[1]


def ratio(r, base):
    med = statistics.median(r.forks) / statistics.median(base.forks)
    pairs = [x / y for x in r.forks for y in base.forks]
    return med, min(pairs), max(pairs)


def fmt_ratio(r, base):
    med, lo, hi = ratio(r, base)
    text = "%.2f" % med if len(r.forks) * len(base.forks) == 1 else "%.2f (%.2f–%.2f)" % (med, lo, hi)
    tie = overlap(r, base)
    return text + (" tie" if tie and r is not base else "")


def fmt_alloc(r):
    if r.alloc is None:
        return "–"
    return "%s B" % ("{:,.0f}".format(r.alloc))


def verdict(r, other):
    """How r compares with other: faster, slower, or tie when the error bars overlap."""
    t = overlap(r, other)
    if t:
        return "tie"
    if t is None:
        return "faster" if r.score < other.score else "slower"
    return "faster" if r.score < other.score else "slower"


def main_tables(idx, db, lines):
    workloads = [w for w in WORKLOADS if (db, w[0], "jdbc") in idx]
    if not workloads:
        lines.append("_No %s results in this run._\n" % db)
        return
    for key, title in workloads:
        base = idx[(db, key, "jdbc")]
        lines.append("**%s** (%s)\n" % (title, key))
        lines.append("| system | time per op | ratio to raw JDBC: median (range over forks) | allocated per op |")
        lines.append("|---|---|---|---|")
        for s in SYSTEMS:
            r = idx.get((db, key, s))
            if r is None:
                continue
            extra = ""
            if key == "stream100k" and r.alloc is not None:
                extra = " (%.0f B/row)" % (r.alloc / 100000)
            lines.append("| %s | %s | %s | %s%s |" % (s, fmt_time(r), "1.00 (baseline)" if s == "jdbc"
                                                      else fmt_ratio(r, base), fmt_alloc(r), extra))
        lines.append("")


def targets_table(idx, lines):
    lines.append("| workload | db | system | ratio (median) | target | target met | vs Hibernate Session / Stateless / JDBI / jOOQ | alloc ≤ JDBI |")
    lines.append("|---|---|---|---|---|---|---|---|")
    for key, _ in WORKLOADS:
        if key not in TARGETS:
            continue
        for di, db in enumerate(["h2", "pg"]):
            base = idx.get((db, key, "jdbc"))
            if base is None:
                continue
            for s in ALCHEMIST:
                r = idx.get((db, key, s))
                if r is None:
                    continue
                med, lo, hi = ratio(r, base)
                target = TARGETS[key][di]
                met = "yes" if med <= target else ("tie with baseline, ratio above target" if overlap(r, base) else "no")
                vs = " / ".join(verdict(r, idx[(db, key, p)]) if (db, key, p) in idx else "–" for p in PEERS)
                jdbi = idx.get((db, key, "jdbi"))
                al = "–" if jdbi is None or r.alloc is None or jdbi.alloc is None else (
                    "yes" if r.alloc <= jdbi.alloc else "no (%s vs %s)" % (fmt_alloc(r), fmt_alloc(jdbi)))
                lines.append("| %s | %s | %s | %.2f | ≤ %.2f | %s | %s | %s |" % (key, db, s, med, target, met, vs, al))
    lines.append("")


def floor_rows(idx, lines):
    for db in ["h2", "pg"]:
        r = idx.get((db, "selectOne", None))
        if r is not None:
            lines.append("- %s: borrow a pooled connection, `SELECT 1`, return it: %s" % (db, fmt_time(r)))
    lines.append("")


def concurrency(entries, lines):
    if not entries:
        lines.append("_Not run._\n")
        return
    res = {e["params"]["system"]: (Result(e), e["threads"]) for e in entries}
    base = res.get("shared-connection")
    lines.append("| system | threads | time per mixed op (per thread) | ops/s, all threads | ratio to shared connection |")
    lines.append("|---|---|---|---|---|")
    for s in ["shared-connection", "alchemist-session", "jdbc"]:
        if s not in res:
            continue
        r, threads = res[s]
        ops = threads / r.score * 1e6 if r.unit == "us/op" else float("nan")
        lines.append("| %s | %d | %s | %s | %s |" % (s, threads, fmt_time(r), "{:,.0f}".format(ops),
                                                     "1.00" if s == "shared-connection" or base is None
                                                     else fmt_ratio(r, base[0])))
    lines.append("")


def bootstrap(entries, lines):
    if not entries:
        lines.append("_Not run._\n")
        return
    lines.append("| system | cold start: first build in a fresh JVM, median over forks | later builds in the same JVM: median | builds measured |")
    lines.append("|---|---|---|---|")
    for e in entries:
        raw = e["primaryMetric"]["rawData"]
        unit = e["primaryMetric"]["scoreUnit"]
        cold = [f[0] for f in raw if f]
        warm = [x for f in raw for x in f[1:]]
        lines.append("| %s | %s %s | %s | %d |" % (e["params"]["system"], num(statistics.median(cold)), unit,
                                                   (num(statistics.median(warm)) + " " + unit) if warm else "–",
                                                   len(cold) + len(warm)))
    lines.append("")


def statements(path, lines):
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        lines.append("_Not recorded in this run (see statements.log in the results directory)._\n")
        return
    by_op = {}
    for line in open(path, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) == 4:
            by_op.setdefault(parts[1], []).append(parts)
    counts = {}
    for op, rows in by_op.items():
        for system, _, n, _ in rows:
            counts.setdefault(system, {})[op] = n
    ops = list(by_op)
    lines.append("Statement count per operation (BEGIN, COMMIT and ROLLBACK count as statements):\n")
    lines.append("| system | " + " | ".join(ops) + " |")
    lines.append("|---|" + "---|" * len(ops))
    for s in SYSTEMS:
        if s in counts:
            lines.append("| %s | %s |" % (s, " | ".join(counts[s].get(op, "–") for op in ops)))
    lines.append("\nThe statements, in order (`⏎` separates them; `N×` repeats one; long inserts are cut):\n")
    for op in ops:
        lines.append("<details><summary>%s</summary>\n" % op)
        for system, _, n, text in by_op[op]:
            lines.append("- **%s** (%s): `%s`" % (system, n, text.replace("`", "'")))
        lines.append("\n</details>\n")


def heap(path, lines):
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        lines.append("_Not measured in this run._\n")
        return
    lines.append("| db | system | rows | peak live heap growth while streaming | samples |")
    lines.append("|---|---|---|---|---|")
    for line in open(path, encoding="utf-8"):
        p = line.rstrip("\n").split("\t")
        if len(p) >= 5:
            size = p[3] + " KiB" if p[3] else "–"
            lines.append("| %s | %s | %s | %s | %s |" % (p[0], p[1], p[2], size, p[4]))
    lines.append("")


def read_kv(path):
    out = {}
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                out[k] = v
    return out


def main():
    res_dir, out_md = sys.argv[1], sys.argv[2]
    env = read_kv(os.path.join(res_dir, "env.txt"))
    entries = load(os.path.join(res_dir, "h2.json")) + load(os.path.join(res_dir, "pg.json"))
    idx = index(entries)
    rerun = index([e for name in sorted(os.listdir(res_dir)) if name.startswith("rerun") and name.endswith(".json")
                   for e in load(os.path.join(res_dir, name))])
    for db, key in {(k[0], k[1]) for k in rerun}:
        for k in [k for k in idx if k[0] == db and k[1] == key]:
            del idx[k]
    idx.update(rerun)
    commands = open(os.path.join(res_dir, "commands.txt")).read().strip() if os.path.exists(
        os.path.join(res_dir, "commands.txt")) else ""
    template = open(os.path.join(os.path.dirname(__file__), "report-header.md"), encoding="utf-8").read()
    lines = [template.format(**{k: env.get(k, "?") for k in (
        "command", "mode", "date", "cpus", "cpu_model", "memory", "jdk", "postgresql", "h2", "loadavg_start",
        "loadavg_end")}, commands=commands)]
    lines.append("## Targets of issue 5\n")
    lines.append("Ratio = the system's time divided by raw JDBC's in the same run (median of fork means). A ratio whose "
                 "error bars overlap the baseline's is a tie, not a loss or a win; the same rule decides the "
                 "comparisons with the peers.\n")
    targets_table(idx, lines)
    lines.append("## Round-trip floor\n")
    floor_rows(idx, lines)
    for db, title in [("h2", "H2 2.x in memory"), ("pg", "PostgreSQL on 127.0.0.1")]:
        lines.append("## %s\n" % title)
        main_tables(idx, db, lines)
    lines.append("## Concurrency: 16 threads of mixed CRUD on PostgreSQL\n")
    lines.append("One op = insert a row, find it, load-change-commit it, delete it (four units of work).\n")
    concurrency(load(os.path.join(res_dir, "concurrency.json")), lines)
    lines.append("## Start-up: 20 models\n")
    bootstrap(load(os.path.join(res_dir, "bootstrap.json")), lines)
    lines.append("## Peak heap while streaming 100,000 rows\n")
    lines.append("`HeapProbe`, one JVM per system with `-Xmx512m -XX:+UseSerialGC`: every 10,000 rows of the stream it "
                 "forces a full collection and reads the heap in use; the table gives the highest reading minus the "
                 "reading before the stream, i.e. what the stream keeps reachable (one fetch of 1,000 rows, plus "
                 "whatever the system retains). Not timed.\n")
    heap(os.path.join(res_dir, "heap.tsv"), lines)
    lines.append("## Statements sent per operation (PostgreSQL, `log_statement = 'all'` on role `bench_log`)\n")
    statements(os.path.join(res_dir, "statements.tsv"), lines)
    if len(sys.argv) > 3:
        quick = index(load(os.path.join(sys.argv[3], "h2.json")) + load(os.path.join(sys.argv[3], "pg.json")))
        qenv = read_kv(os.path.join(sys.argv[3], "env.txt"))
        lines.append("## Appendix: smoke run of every workload (`%s`, %s)\n" % (qenv.get("command", "?"), qenv.get("date", "?")))
        lines.append("**Not steady state**: one fork, one warm-up iteration of 1 s and one measured iteration of 1 s. "
                     "On H2 the JIT had not settled, so these figures show that every workload runs and what each "
                     "system sends, not how fast it is. They are from a separate, earlier run than the tables above.\n")
        for db, title in [("h2", "H2 (smoke)"), ("pg", "PostgreSQL (smoke)")]:
            lines.append("### %s\n" % title)
            main_tables(quick, db, lines)
    with open(out_md, "w", encoding="utf-8") as f:
        f.write("\n".join(lines).rstrip() + "\n")


if __name__ == "__main__":
    main()
