#!/usr/bin/env python3
"""Turns the results of bench/run.sh (JMH JSON, statement log, heap probe) into docs/BENCHMARKS.md.

Usage: report.py RESULTS_DIR OUTPUT_MD [SMOKE_RESULTS_DIR] [--svg PATH]
With a third argument, the per-workload tables of a --quick run are appended, marked as not steady state.
The chart of time ratios to raw JDBC goes to PATH, by default benchmark-ratios.svg beside OUTPUT_MD (docs/ when
OUTPUT_MD is docs/BENCHMARKS.md), and the markdown links it.
Every figure printed comes from the files in RESULTS_DIR; nothing is typed in by hand.
"""
import argparse
import json
import math
import os
import statistics
import sys

SYSTEMS = ["jdbc", "alchemist-repo", "alchemist-repo-reflective", "alchemist-session", "alchemist-session-reflective",
           "hibernate-session", "hibernate-stateless", "jdbi", "jooq"]
PEERS = ["hibernate-session", "hibernate-stateless", "jdbi", "jooq"]
# alchemist-repo and alchemist-session run on the mappers alchemist-processor generated (the default);
# REFLECTIVE maps each to the same system with generatedMappers(false).
ALCHEMIST = ["alchemist-repo", "alchemist-session"]
REFLECTIVE = {"alchemist-repo": "alchemist-repo-reflective", "alchemist-session": "alchemist-session-reflective"}
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
# workload -> (alchemist-repo target, alchemist-session target), from issue 14: the generated path, on H2
ISSUE14_DB = "h2"
ISSUE14 = {
    "findById": (1.10, 1.20), "readClass1000": (1.20, 1.40), "readRecord1000": (1.20, 1.40),
    "insertBatch1000": (1.05, 1.10), "loadChangeCommit": (1.10, 1.15),
}
ISSUE14_ALLOC = 1.3  # allocation per op at most this times raw JDBC's


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
            for s in [x for a in ALCHEMIST for x in (a, REFLECTIVE[a])]:
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


def issue14_table(idx, lines):
    """The targets of issue 14: the generated path's ratio to raw JDBC on H2, and its allocation."""
    db = ISSUE14_DB
    rows = []
    for key, _ in WORKLOADS:
        if key not in ISSUE14 or (db, key, "jdbc") not in idx:
            continue
        base = idx[(db, key, "jdbc")]
        for si, s in enumerate(ALCHEMIST):
            r = idx.get((db, key, s))
            if r is None:
                continue
            med, lo, hi = ratio(r, base)
            target = ISSUE14[key][si]
            met = "yes" if med <= target else ("tie with baseline, ratio above target" if overlap(r, base) else "no")
            refl = idx.get((db, key, REFLECTIVE[s]))
            if refl is None:
                vs = "–"
            else:
                rmed = ratio(refl, base)[0]
                vs = "%.2f (%s)" % (rmed, verdict(r, refl))
            if r.alloc is None or base.alloc is None or base.alloc == 0:
                al, al_met = "–", "–"
            else:
                x = r.alloc / base.alloc
                al = "%s (%.2f×)" % (fmt_alloc(r), x)
                al_met = "yes" if x <= ISSUE14_ALLOC else "no"
            rows.append("| %s | %s | %s | ≤ %.2f | %s | %s | %s | %s |" % (
                key, s, fmt_ratio(r, base), target, met, vs, al, al_met))
    if not rows:
        lines.append("_No %s results for the workloads of issue 14 in this run._\n" % db)
        return
    lines.append("| workload | system (generated mappers) | ratio to raw JDBC: median (range over forks) | target "
                 "| target met | reflective path: ratio (generated is …) | allocated per op (× JDBC's) "
                 "| alloc ≤ %.1f× JDBC |" % ISSUE14_ALLOC)
    lines.append("|---|---|---|---|---|---|---|---|")
    lines.extend(rows)
    lines.append("")


# ---------------------------------------------------------------------------------------------------------------
# The chart: hand-written SVG, deterministic (fixed orders, fixed number formats, no timestamps).

CHART_CLIP = 3.0  # bars taller than this ratio are cut at it, their value written on them
COLORS = {
    "jdbc": "#4d4d4d", "alchemist-repo": "#1f6fb4", "alchemist-repo-reflective": "#9cc3e6",
    "alchemist-session": "#2e8b3e", "alchemist-session-reflective": "#a6d8a8", "hibernate-session": "#c0392b",
    "hibernate-stateless": "#f1948a", "jdbi": "#8e44ad", "jooq": "#d68910",
}
LIGHT = {"alchemist-repo-reflective", "alchemist-session-reflective", "hibernate-stateless"}  # dark text on these
DB_TITLES = {"h2": "H2 2.x in memory", "pg": "PostgreSQL on 127.0.0.1"}


def chart_bar(r, base):
    """(ratio, low, high, how) for one bar: the median ratio of fork means, and its error bar. With two or more
    forks on both sides the bar spans the range over forks (every pair of fork means), as in the tables; with one
    fork it is JMH's score error propagated: ratio ± ratio·sqrt((e_sys/s_sys)² + (e_jdbc/s_jdbc)²)."""
    med, lo, hi = ratio(r, base)
    if len(r.forks) >= 2 and len(base.forks) >= 2:
        return med, lo, hi, "forks"
    if r.error is not None and base.error is not None and r.score > 0 and base.score > 0:
        d = med * math.sqrt((r.error / r.score) ** 2 + (base.error / base.score) ** 2)
        return med, max(med - d, 0.0), med + d, "error"
    return med, med, med, "none"


def chart_data(idx):
    """db -> [(workload, [(system, ratio, low, high, how)])], in WORKLOADS and SYSTEMS order."""
    out = {}
    for db in ["h2", "pg"]:
        groups = []
        for key, _ in WORKLOADS:
            base = idx.get((db, key, "jdbc"))
            if base is None:
                continue
            bars = [(s,) + chart_bar(idx[(db, key, s)], base) for s in SYSTEMS if (db, key, s) in idx]
            groups.append((key, bars))
        if groups:
            out[db] = groups
    return out


def _esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _f(x):
    return ("%.1f" % x).rstrip("0").rstrip(".") if x != int(x) else "%d" % x


def render_chart(idx, clip=CHART_CLIP):
    """The SVG text of the ratio chart, one panel per database, or None when there is nothing to draw."""
    data = chart_data(idx)
    if not data:
        return None
    systems = [s for s in SYSTEMS if any(b[0] == s for g in data.values() for _, bars in g for b in bars)]
    bar_w, gap, left, right, plot_h = 14, 46, 70, 150, 260
    max_groups = max(len(g) for g in data.values())
    group_w = len(systems) * bar_w + gap
    title = "Time per operation relative to hand-written JDBC: " + ", ".join(DB_TITLES.get(d, d) for d in data)
    width = max(left + right + max_groups * group_w, 860, left + 20 + int(len(title) * 8.6))
    hows = {b[4] for g in data.values() for _, bars in g for b in bars}
    if hows == {"none"}:
        how_text = "no error bars: one fork of one iteration has no JMH score error (a smoke run)"
    elif hows <= {"forks"}:
        how_text = "error bars: range over forks (every pair of fork means), as in the tables"
    elif hows <= {"error", "none"}:
        how_text = ("error bars: JMH score error (99.9%) propagated, "
                    "ratio ± ratio·√((e_sys/s_sys)² + (e_jdbc/s_jdbc)²)")
    else:
        how_text = ("error bars: range over forks where both sides ran 2+ forks, "
                    "else JMH score error (99.9%) propagated")
    legend_rows = (len(systems) + 3) // 4
    header_h = 86 + legend_rows * 18
    panel_h = 40 + plot_h + 60
    height = header_h + panel_h * len(data) + 10
    o = []
    a = o.append
    a('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
      'font-family="sans-serif" font-size="11">' % (width, height, width, height))
    a('<title>Time per operation as a ratio to hand-written JDBC (median of fork means; lower is faster)</title>')
    a('<rect x="0" y="0" width="%d" height="%d" fill="#ffffff"/>' % (width, height))
    a('<text x="%d" y="22" font-size="15" font-weight="bold">%s</text>' % (left, _esc(title)))
    a('<text x="%d" y="40" fill="#333333">Bar = median of fork means divided by raw JDBC\'s (lower is faster); '
      'bars over %s× are cut, their value written on them.</text>' % (left, _f(clip)))
    a('<text x="%d" y="56" fill="#333333">%s.</text>' % (left, _esc(how_text[0].upper() + how_text[1:])))
    # legend
    for i, s in enumerate(systems):
        lx = left + (i % 4) * 200
        ly = 70 + (i // 4) * 18
        a('<g class="legend" data-system="%s"><rect x="%d" y="%d" width="12" height="12" fill="%s"/>'
          '<text x="%d" y="%d">%s</text></g>' % (_esc(s), lx, ly, COLORS.get(s, "#777777"), lx + 16, ly + 10, _esc(s)))
    for pi, db in enumerate(data):
        groups = data[db]
        top = header_h + pi * panel_h + 30
        bottom = top + plot_h
        peak = max([b[3] if b[1] <= clip else b[1] for _, bars in groups for b in bars] + [1.2])
        ymax = min(clip, peak) * 1.08
        step = 0.25 if ymax <= 1.6 else (0.5 if ymax <= 3.5 else 1.0)

        def y(v):
            return bottom - min(v, ymax) / ymax * plot_h
        plot_w = len(groups) * group_w
        a('<g class="panel" data-db="%s">' % _esc(db))
        a('<text x="%d" y="%d" font-size="13" font-weight="bold">%s</text>' % (left, top - 10,
                                                                                _esc(DB_TITLES.get(db, db))))
        t = 0.0
        while t <= ymax + 1e-9:
            a('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#e5e5e5"/>' % (left, y(t), left + plot_w, y(t)))
            a('<text x="%d" y="%.1f" text-anchor="end">%s</text>' % (left - 6, y(t) + 4, "%.2f" % t))
            t += step
        a('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#000000"/>' % (left, top, left, bottom))
        a('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#000000"/>' % (left, bottom, left + plot_w, bottom))
        a('<text x="%d" y="%d" text-anchor="middle" transform="rotate(-90 %d %d)">time ratio to JDBC</text>'
          % (18, (top + bottom) // 2, 18, (top + bottom) // 2))
        for gi, (key, bars) in enumerate(groups):
            gx = left + gi * group_w + gap // 2
            for bi, (s, med, lo, hi, how) in enumerate(bars):
                x = gx + systems.index(s) * bar_w
                clipped = med > clip
                yt = y(ymax if clipped else med)
                a('<rect class="bar" data-db="%s" data-workload="%s" data-system="%s" data-ratio="%.3f" x="%d" '
                  'y="%.1f" width="%d" height="%.1f" fill="%s"><title>%s, %s: %.2f× JDBC (%.2f–%.2f)</title></rect>'
                  % (_esc(db), _esc(key), _esc(s), med, x, yt, bar_w - 2, bottom - yt, COLORS.get(s, "#777777"),
                     _esc(s), _esc(key), med, lo, hi))
                cx = x + (bar_w - 2) / 2
                if clipped:
                    a('<path d="M%.1f %.1f l%d -4 M%.1f %.1f l%d -4" stroke="#ffffff" stroke-width="2"/>'
                      % (x - 1, yt + 10, bar_w, x - 1, yt + 15, bar_w))
                    a('<text class="clipped" x="%.1f" y="%.1f" font-size="9" text-anchor="start" '
                      'transform="rotate(90 %.1f %.1f)" fill="%s">%.2f×</text>'
                      % (cx - 3, yt + 20, cx - 3, yt + 20, "#000000" if s in LIGHT else "#ffffff", med))
                elif hi > lo:
                    a('<path class="errorbar" d="M%.1f %.1f V%.1f M%.1f %.1f h6 M%.1f %.1f h6" stroke="#000000"/>'
                      % (cx, y(hi), y(lo), cx - 3, y(hi), cx - 3, y(lo)))
            a('<text x="%.1f" y="%d" text-anchor="middle">%s</text>' % (gx + len(systems) * bar_w / 2, bottom + 16,
                                                                         _esc(key)))
        a('<line class="baseline" x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#000000" stroke-width="1.5" '
          'stroke-dasharray="6 3"/>' % (left, y(1.0), left + plot_w, y(1.0)))
        a('<text class="baseline-label" x="%d" y="%.1f" fill="#000000">hand-written JDBC (1.0)</text>'
          % (left + plot_w + 6, y(1.0) + 4))
        a('<text x="%d" y="%d" text-anchor="middle">workload</text>' % (left + plot_w // 2, bottom + 36))
        a('</g>')
    a('</svg>')
    return "\n".join(o) + "\n"


def write_chart(idx, svg_path, clip=CHART_CLIP):
    """Writes the chart to svg_path; returns whether there was anything to draw."""
    svg = render_chart(idx, clip)
    if svg is None:
        return False
    d = os.path.dirname(svg_path)
    if d:
        os.makedirs(d, exist_ok=True)
    with open(svg_path, "w", encoding="utf-8") as f:
        f.write(svg)
    return True


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
    # The alchemist context on each mapping path; Hibernate ignores the mappers parameter, so its runs are pooled.
    rows = {}
    for e in entries:
        p = e["params"]
        name = p["system"] if p["system"] != "alchemist" or "mappers" not in p else "alchemist (%s mappers)" % p["mappers"]
        unit, raw = rows.get(name, (e["primaryMetric"]["scoreUnit"], []))
        rows[name] = (unit, raw + [f for f in e["primaryMetric"]["rawData"] if f])
    for name, (unit, raw) in sorted(rows.items(), key=lambda kv: not kv[0].startswith("alchemist")):
        cold = [f[0] for f in raw]
        warm = [x for f in raw for x in f[1:]]
        lines.append("| %s | %s %s | %s | %d |" % (name, num(statistics.median(cold)), unit,
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


SPLICE_BEGIN = "<!-- issue14:begin (written by alchemist-bench/scripts/report.py --splice) -->"
SPLICE_END = "<!-- issue14:end -->"


def issue14_section(idx, env, commands, svg_path, out_md, boot):
    """The issue-14 section: how it was run, the targets table, the chart, both paths side by side, start-up."""
    lines = ["## Generated mappers (issue 14): both paths side by side\n",
             "Written by `bench/run.sh --issue14` on %s: %s CPUs (%s), %s, load average %s at start and %s at end; "
             "%s. Every figure in this section comes from that run's files. The JMH invocations, exactly as run "
             "(each with `-prof gc`):\n" % (env.get("date", "?"), env.get("cpus", "?"), env.get("cpu_model", "?"),
                                             env.get("jdk", "?").strip(), env.get("loadavg_start", "?"),
                                             env.get("loadavg_end", "?"), "PostgreSQL " + env.get("postgresql", "?")),
             "```", commands, "```\n",
             "`alchemist-repo` and `alchemist-session` run on the mappers `alchemist-processor` generated for the "
             "bench models (the systems fail at set-up without them); `alchemist-repo-reflective` and "
             "`alchemist-session-reflective` are the same systems on a context built with `generatedMappers(false)`. "
             "Targets on H2: the generated path's time as a ratio to hand-written JDBC (median of fork means, range "
             "over forks), and its allocation per op at most %.1f× JDBC's.\n" % ISSUE14_ALLOC]
    issue14_table(idx, lines)
    if write_chart(idx, svg_path):
        rel = os.path.relpath(os.path.abspath(svg_path), os.path.dirname(os.path.abspath(out_md)))
        lines.append("![Time per operation as a ratio to hand-written JDBC, per workload and system](%s)\n"
                     % rel.replace(os.sep, "/"))
    for db, title in [("h2", "H2 2.x in memory"), ("pg", "PostgreSQL on 127.0.0.1")]:
        if any(k[0] == db for k in idx):
            lines.append("### %s\n" % title)
            main_tables(idx, db, lines)
    lines.append("### Start-up: 20 models, each path\n")
    bootstrap(boot, lines)
    return "\n".join(lines).rstrip() + "\n"


def splice(out_md, section):
    """Puts {section} between the issue-14 markers of out_md, or after its first section when it has none."""
    with open(out_md, encoding="utf-8") as f:
        text = f.read()
    block = SPLICE_BEGIN + "\n" + section + SPLICE_END
    if SPLICE_BEGIN in text and SPLICE_END in text:
        start = text.index(SPLICE_BEGIN)
        end = text.index(SPLICE_END) + len(SPLICE_END)
        text = text[:start] + block + text[end:]
    else:
        at = text.find("\n## ", text.find("\n## ") + 1)
        text = (text + "\n" + block + "\n") if at < 0 else text[:at + 1] + block + "\n\n" + text[at + 1:]
    with open(out_md, "w", encoding="utf-8") as f:
        f.write(text)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Writes docs/BENCHMARKS.md and its ratio chart from bench/run.sh results.")
    ap.add_argument("results_dir")
    ap.add_argument("output_md")
    ap.add_argument("smoke_dir", nargs="?")
    ap.add_argument("--svg", help="where the ratio chart goes (default: benchmark-ratios.svg beside OUTPUT_MD)")
    ap.add_argument("--splice", action="store_true",
                    help="write only the issue-14 section, between the markers %s and %s of OUTPUT_MD, leaving "
                         "the rest of the file as it is (bench/run.sh --issue14)" % (SPLICE_BEGIN, SPLICE_END))
    args = ap.parse_args(argv)
    res_dir, out_md = args.results_dir, args.output_md
    svg_path = args.svg or os.path.join(os.path.dirname(os.path.abspath(out_md)), "benchmark-ratios.svg")
    env = read_kv(os.path.join(res_dir, "env.txt"))
    entries = load(os.path.join(res_dir, "h2.json")) + load(os.path.join(res_dir, "pg.json"))
    idx = index(entries)
    rerun = index([e for name in sorted(os.listdir(res_dir)) if name.startswith("rerun") and name.endswith(".json")
                   for e in load(os.path.join(res_dir, name))])
    for db, key in {(k[0], k[1]) for k in rerun}:
        for k in [k for k in idx if k[0] == db and k[1] == key]:
            del idx[k]
    idx.update(rerun)
    commands = ""
    if os.path.exists(os.path.join(res_dir, "commands.txt")):
        with open(os.path.join(res_dir, "commands.txt"), encoding="utf-8") as f:
            commands = f.read().strip()
    if args.splice:
        splice(out_md, issue14_section(idx, env, commands, svg_path, out_md,
                                       load(os.path.join(res_dir, "bootstrap.json"))))
        return
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "report-header.md"), encoding="utf-8") as f:
        template = f.read()
    lines = [template.format(**{k: env.get(k, "?") for k in (
        "command", "mode", "date", "cpus", "cpu_model", "memory", "jdk", "postgresql", "h2", "loadavg_start",
        "loadavg_end")}, commands=commands)]
    lines.append("## Targets of issue 14: generated mappers\n")
    lines.append("`alchemist-repo` and `alchemist-session` run on the mappers `alchemist-processor` generated (the "
                 "default; the benchmark fails at set-up without them); `alchemist-repo-reflective` and "
                 "`alchemist-session-reflective` are the same systems on a context built with "
                 "`generatedMappers(false)`. Targets on H2: the generated path's ratio to raw JDBC (median of fork "
                 "means), and its allocation per op at most %.1f× raw JDBC's. The reflective column gives that path's "
                 "ratio and whether the generated one is faster, slower or tied with it.\n" % ISSUE14_ALLOC)
    issue14_table(idx, lines)
    if write_chart(idx, svg_path):
        rel = os.path.relpath(os.path.abspath(svg_path), os.path.dirname(os.path.abspath(out_md)))
        lines.append("![Time per operation as a ratio to hand-written JDBC, per workload and system](%s)\n"
                     % rel.replace(os.sep, "/"))
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
    if args.smoke_dir:
        quick = index(load(os.path.join(args.smoke_dir, "h2.json")) + load(os.path.join(args.smoke_dir, "pg.json")))
        qenv = read_kv(os.path.join(args.smoke_dir, "env.txt"))
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
