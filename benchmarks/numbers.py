"""Benchmark of the number checker on the generated set (corpora/gen_numbers.py).

Prints, per rule id, recall (injected faults found) and precision (findings that
match an injected fault of that rule), the number of error-severity findings on
clean reports (target 0), and the throughput ratio: number-checker time ÷ parse
time for .txt and .docx reports (target < 0.20). CPU time per report. The number
checker is everything it alone costs: canonical tables (``extract_tables``), the
table checks, the prose checks and the cross-year summary. The shared views it
reads but other families compute anyway in the pipeline (``doc.norm_text``, the
sections, the report year) are timed first, separately, and printed as "shared".

Usage::

    python benchmarks/numbers.py [OUT_DIR] [--per-rule 16] [--formats txt,docx,html,pdf]

Without OUT_DIR the set is written to a temporary folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is named like the stdlib module ``numbers`` (which ``decimal`` imports): run as a script, its own folder
# must not shadow the standard library.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import collections  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from typing import Any  # noqa: E402

from corpora.gen_numbers import ALL_RULES, FORMATS, generate, write  # noqa: E402
from gkreview.analysis import Context  # noqa: E402
from gkreview.checks import crossyear, prose_numbers, tables  # noqa: E402
from gkreview.config import Settings  # noqa: E402
from gkreview.findings import Finding, Severity  # noqa: E402
from gkreview.loader import load  # noqa: E402


def shared_views(doc: Any) -> Context:
    """A fresh context with the views other families compute anyway (joined text, sections, year)."""
    ctx = Context(doc)
    doc.norm_text  # noqa: B018 - computed (and memoised) for its cost
    ctx.sections  # noqa: B018
    ctx.year  # noqa: B018
    return ctx


def number_checks(doc: Any, ctx: Context) -> tuple[list[Finding], dict[str, Any] | None]:
    """The number checker on one document: canonical tables, table and prose checks, cross-year summary."""
    ctx.tables  # noqa: B018 - the canonical tables (extract_tables), timed with the checker
    findings = [*tables.check(doc, ctx), *prose_numbers.check(doc, ctx)]
    return findings, crossyear.summarize(doc, ctx)


def run(out: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    """Load and check every generated file; collect findings and timings per format."""
    results: dict[str, list[Finding]] = {}
    summaries: list[dict[str, Any]] = []
    parse_t: dict[str, float] = collections.defaultdict(float)
    check_t: dict[str, float] = collections.defaultdict(float)
    shared_t: dict[str, float] = collections.defaultdict(float)
    counts: dict[str, int] = collections.Counter()
    clock = time.process_time
    warmed: set[str] = set()
    for entry in manifest["documents"]:  # one untimed report per format: imports, models, OpenCC
        if entry["format"] not in warmed:
            warmed.add(entry["format"])
            for doc in load(out / entry["file"]):
                number_checks(doc, shared_views(doc))
    for entry in manifest["documents"]:
        path = out / entry["file"]
        t0 = clock()
        docs = load(path)
        t1 = clock()
        ctxs = [shared_views(doc) for doc in docs]
        t2 = clock()
        found: list[Finding] = []
        for doc, ctx in zip(docs, ctxs, strict=True):
            fs, summary = number_checks(doc, ctx)
            found.extend(fs)
            if summary is not None:
                summaries.append({**summary, "path": str(path), "segment": doc.segment})
        t3 = clock()
        fmt = entry["format"]
        parse_t[fmt] += t1 - t0
        shared_t[fmt] += t2 - t1
        check_t[fmt] += t3 - t2
        counts[fmt] += 1
        results[str(path)] = found
    for f in crossyear.check_batch(summaries, Settings()):
        results.setdefault(f.location.path or "", []).append(f)
    return {"results": results, "parse": parse_t, "check": check_t, "shared": shared_t, "counts": counts}


def score(out: Path, manifest: dict[str, Any], run_result: dict[str, Any]) -> dict[str, Any]:
    """Recall and precision per rule id; error findings on clean reports."""
    hit: dict[str, int] = collections.Counter()
    total: dict[str, int] = collections.Counter()
    tp: dict[str, int] = collections.Counter()
    fp: dict[str, int] = collections.Counter()
    clean_errors = 0
    misses: list[str] = []
    false: list[str] = []
    for entry in manifest["documents"]:
        found = run_result["results"].get(str(out / entry["file"]), [])
        got = {f.rule_id for f in found}
        for r in entry["expect"]:
            total[r] += 1
            hit[r] += r in got
            if r not in got:
                misses.append(f"{entry['file']}: {r} {entry['faults']}")
        for f in found:
            if f.rule_id in entry["expect"]:
                tp[f.rule_id] += 1
            else:
                fp[f.rule_id] += 1
                false.append(f"{entry['file']}: {f.rule_id} {f.message['en'][:90]}")
                if not entry["expect"] and f.severity == Severity.ERROR:
                    clean_errors += 1
    return {"hit": hit, "total": total, "tp": tp, "fp": fp, "clean_errors": clean_errors, "misses": misses,
            "false": false}


def report(s: dict[str, Any], r: dict[str, Any], manifest: dict[str, Any]) -> None:
    """Print the figures."""
    docs = manifest["documents"]
    print(f"documents: {len(docs)} ({sum(1 for d in docs if not d['expect'])} without faults); "
          f"formats: {dict(r['counts'])}")
    print(f"{'rule id':36s} {'faults':>6s} {'recall':>7s} {'precision':>9s}")
    for rule in ALL_RULES:
        tot, hit, tp, fp = s["total"][rule], s["hit"][rule], s["tp"][rule], s["fp"][rule]
        recall = hit / tot if tot else float("nan")
        precision = tp / (tp + fp) if tp + fp else float("nan")
        print(f"{rule:36s} {tot:6d} {recall:7.2f} {precision:9.2f}")
    print(f"error findings on reports without faults: {s['clean_errors']}")
    for line in s["misses"][:10]:
        print("  missed:", line)
    for line in s["false"][:10]:
        print("  unexpected:", line)
    print("CPU ms per report; number checker = canonical tables + table checks + prose checks + cross-year summary")
    print(f"{'format':6s} {'parse ms':>9s} {'number ms':>10s} {'ratio':>6s} {'shared views ms':>16s}")
    for fmt in FORMATS:
        n = r["counts"].get(fmt, 0)
        if not n:
            continue
        p, c, sh = r["parse"][fmt] / n * 1000, r["check"][fmt] / n * 1000, r["shared"][fmt] / n * 1000
        print(f"{fmt:6s} {p:9.2f} {c:10.2f} {c / p:6.2f} {sh:16.2f}")


def main(argv: list[str] | None = None) -> int:
    """Generate (or reuse) the set, run the checker, print recall/precision and speed."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", type=Path)
    ap.add_argument("--per-rule", type=int, default=16)
    ap.add_argument("--clean", type=int, default=48)
    ap.add_argument("--formats", default=",".join(FORMATS))
    args = ap.parse_args(argv)
    tmp = None
    out = args.out
    if out is None:
        tmp = tempfile.TemporaryDirectory(prefix="gk-numbers-")
        out = Path(tmp.name)
    t0 = time.perf_counter()
    manifest = write(generate(args.per_rule, args.clean), out, tuple(args.formats.split(",")))
    print(f"generated {manifest['n_documents']} files in {time.perf_counter() - t0:.1f} s into {out}")
    r = run(out, manifest)
    report(score(out, manifest, r), r, manifest)
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
