"""Tests of report.py on a small synthetic JMH JSON (python3 -m unittest, from this directory)."""
import json
import os
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"


def entry(method, system, forks, db="h2", rows=None, alloc=1000.0, error=None):
    flat = [x for f in forks for x in f]
    score = sum(flat) / len(flat)
    params = {"db": db, "system": system}
    if rows:
        params["rows"] = rows
    return {
        "benchmark": "org.alchemiststack.bench.%s.%s" % ("ReadBenchmark" if method.startswith("read")
                                                         else "CrudBenchmark", method),
        "params": params,
        "primaryMetric": {"score": score, "scoreError": error if error is not None else score * 0.05,
                          "scoreUnit": "us/op", "rawData": forks},
        "secondaryMetrics": {"gc.alloc.rate.norm": {"score": alloc}},
    }


def synthetic():
    out = []
    # two forks: the error bar is the range over forks
    for s, f, a in [("jdbc", 1.0, 1000), ("alchemist-repo", 1.1, 1200), ("alchemist-repo-reflective", 1.3, 1500),
                    ("alchemist-session", 1.3, 1400), ("hibernate-session", 9.0, 9000)]:
        out.append(entry("readClass", s, [[100 * f, 101 * f], [99 * f, 100 * f]], rows="1000", alloc=a))
    # one fork: the error bar is the propagated JMH error
    for s, f in [("jdbc", 1.0), ("alchemist-repo", 1.05), ("alchemist-session-reflective", 1.3), ("jooq", 2.0)]:
        out.append(entry("findById", s, [[10 * f]]))
    out.append(entry("findById", "jdbc", [[50.0]], db="pg"))
    out.append(entry("findById", "jdbi", [[55.0]], db="pg"))
    return out


class ChartTest(unittest.TestCase):
    def setUp(self):
        self.entries = synthetic()
        self.idx = report.index(self.entries)

    def test_one_bar_per_system_and_workload_and_the_baseline(self):
        root = ET.fromstring(report.render_chart(self.idx))
        bars = {(b.get("data-db"), b.get("data-workload"), b.get("data-system"))
                for b in root.iter(SVG + "rect") if b.get("class") == "bar"}
        expected = {(db, w, s) for (db, w, s) in self.idx}
        self.assertEqual(expected, bars)
        self.assertEqual(len(expected), sum(1 for b in root.iter(SVG + "rect") if b.get("class") == "bar"))
        panels = [g for g in root.iter(SVG + "g") if g.get("class") == "panel"]
        self.assertEqual(["h2", "pg"], [p.get("data-db") for p in panels])
        for p in panels:
            self.assertEqual(1, sum(1 for ln in p.iter(SVG + "line") if ln.get("class") == "baseline"))
        labels = [t.text for t in root.iter(SVG + "text") if t.get("class") == "baseline-label"]
        self.assertTrue(labels and all("hand-written JDBC" in t for t in labels))

    def test_tall_bars_are_clipped_with_their_value(self):
        root = ET.fromstring(report.render_chart(self.idx, clip=3.0))
        clipped = [t.text for t in root.iter(SVG + "text") if t.get("class") == "clipped"]
        self.assertEqual(["9.00×"], clipped)

    def test_ratio_and_error_bars(self):
        base = self.idx[("h2", "readClass1000", "jdbc")]
        med, lo, hi, how = report.chart_bar(self.idx[("h2", "readClass1000", "alchemist-repo")], base)
        self.assertAlmostEqual(1.1, med, places=6)
        self.assertEqual("forks", how)
        self.assertLess(lo, med)
        self.assertGreater(hi, med)
        med, lo, hi, how = report.chart_bar(self.idx[("h2", "findById", "jooq")], self.idx[("h2", "findById", "jdbc")])
        self.assertEqual("error", how)
        self.assertAlmostEqual(2.0 * (2 * 0.05 ** 2) ** 0.5, hi - med, places=6)

    def test_deterministic(self):
        self.assertEqual(report.render_chart(self.idx), report.render_chart(report.index(synthetic())))

    def test_report_links_the_chart_and_has_the_issue_14_table(self):
        with tempfile.TemporaryDirectory() as d:
            res = os.path.join(d, "results")
            os.makedirs(res)
            with open(os.path.join(res, "h2.json"), "w") as f:
                json.dump([e for e in self.entries if e["params"]["db"] == "h2"], f)
            with open(os.path.join(res, "pg.json"), "w") as f:
                json.dump([e for e in self.entries if e["params"]["db"] == "pg"], f)
            md = os.path.join(d, "docs", "BENCHMARKS.md")
            os.makedirs(os.path.dirname(md))
            report.main([res, md])
            with open(md, encoding="utf-8") as f:
                text = f.read()
            self.assertTrue(os.path.exists(os.path.join(d, "docs", "benchmark-ratios.svg")))
            self.assertIn("](benchmark-ratios.svg)", text)
            self.assertIn("## Targets of issue 14", text)
            self.assertIn("| readClass1000 | alchemist-repo | 1.10", text)
            self.assertIn("| findById | alchemist-repo | 1.05 tie | ≤ 1.10 | yes |", text)
            other = os.path.join(d, "elsewhere", "chart.svg")
            report.main([res, md, "--svg", other])
            self.assertTrue(os.path.exists(other))
            with open(md, encoding="utf-8") as f:
                self.assertIn("](../elsewhere/chart.svg)", f.read())


if __name__ == "__main__":
    unittest.main()
