"""Recall and precision per rule of the structure/years/doctype checks on the generated set (issue 4).

Generates ``corpora/generated_sections/`` when it is missing (or with ``--regenerate``),
runs the ``gk.structure``, ``gk.years`` and ``gk.doctype`` check modules on
every document (as ``gkreview.review`` does, without the other families, so the
timing is theirs), and compares the findings with the manifest's expected ``[rule, key]``
pairs (``key``: the section id of a missing-section finding). A finding counts once
per (file, rule, key). Prints a table per rule, the findings on clean controls
(target: 0), the misses and false alarms, and the time per document.

Usage::

    python benchmarks/sections.py [--regenerate] [--formats txt,docx,html,pdf] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as a script, this folder is sys.path[0]; benchmarks/numbers.py would shadow the stdlib module.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))

import gkreview  # noqa: E402
from corpora.gen_sections import FORMATS, OUT, generate  # noqa: E402
from gkreview.analysis import Context  # noqa: E402
from gkreview.checks import doctype, structure, years  # noqa: E402
from gkreview.config import Settings  # noqa: E402

MODULES = (doctype, structure, years)

FAMILIES = ("gk.structure", "gk.years", "gk.doctype")


def keyed(finding: gkreview.Finding) -> tuple[str, str | None]:
    """The comparison key of a finding."""
    key = finding.evidence.get("section") if finding.rule_id == "gk.structure.missing-section" else None
    return finding.rule_id, key


def main() -> int:
    """Run the benchmark; exit 1 when a rule is below the target or a clean control has findings."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--regenerate", action="store_true")
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--target", type=float, default=0.98)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    manifest_path = OUT / "manifest.json"
    stale = not manifest_path.exists() or any(
        not (OUT / e["file"]).exists() for e in json.loads(manifest_path.read_text(encoding="utf-8")))
    if args.regenerate or stale:
        t = time.perf_counter()
        generate(OUT, formats=tuple(args.formats.split(",")))
        print(f"generated in {time.perf_counter() - t:.1f}s")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    settings = Settings(select=FAMILIES)
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    clean_findings: list[str] = []
    problems: list[str] = []
    load_s = review_s = 0.0
    n_docs = 0
    by_format: Counter[str] = Counter()
    for entry in manifest:
        path = OUT / entry["file"]
        t0 = time.perf_counter()
        docs = gkreview.load(path)
        t1 = time.perf_counter()
        got: set[tuple[str, str | None]] = set()
        for doc in docs:
            ctx = Context(doc, settings)
            found = [settings.apply(f) for mod in MODULES for f in mod.check(doc, ctx)]
            got |= {keyed(f) for f in found if f is not None}
            n_docs += 1
        review_s += time.perf_counter() - t1
        load_s += t1 - t0
        expected = {(r, k) for r, k in entry["expected"]}
        for r, _k in got & expected:
            tp[r] += 1
        for r, k in got - expected:
            fp[r] += 1
            problems.append(f"FP {entry['file']}: {r} {k or ''} ({entry['change']})")
            by_format[entry["format"]] += 1
        for r, k in expected - got:
            fn[r] += 1
            problems.append(f"FN {entry['file']}: {r} {k or ''} ({entry['change']})")
            by_format[entry["format"]] += 1
        if not expected and got:
            clean_findings.append(f"{entry['file']}: {sorted(got)}")
    rules = sorted(set(tp) | set(fp) | set(fn))
    print(f"{len(manifest)} files, {n_docs} documents; faults per type: "
          f"{dict(Counter(e['fault'] for e in manifest if not e['fault'].startswith('clean')))}")
    print(f"{'rule':40s} {'TP':>4s} {'FP':>4s} {'FN':>4s} {'precision':>9s} {'recall':>7s}")
    ok = True
    for r in rules:
        p = tp[r] / (tp[r] + fp[r]) if tp[r] + fp[r] else 1.0
        rc = tp[r] / (tp[r] + fn[r]) if tp[r] + fn[r] else 1.0
        ok &= p >= args.target and rc >= args.target
        print(f"{r:40s} {tp[r]:4d} {fp[r]:4d} {fn[r]:4d} {p:9.3f} {rc:7.3f}")
    total_tp, total_fp, total_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    print(f"{'ALL':40s} {total_tp:4d} {total_fp:4d} {total_fn:4d} "
          f"{total_tp / max(1, total_tp + total_fp):9.3f} {total_tp / max(1, total_tp + total_fn):7.3f}")
    n_clean = sum(1 for e in manifest if not e["expected"])
    print(f"clean controls: {n_clean}, with findings: {len(clean_findings)}")
    print(f"errors by format: {dict(by_format)}")
    print(f"load {1000 * load_s / len(manifest):.1f} ms/file, checks {1000 * review_s / max(1, n_docs):.1f} ms/document")
    for line in (problems if args.verbose else problems[:25]):
        print("  " + line)
    return 0 if ok and not clean_findings else 1


if __name__ == "__main__":
    raise SystemExit(main())
