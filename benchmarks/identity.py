"""Precision and recall of the identity, announced-structure, timeline and wording rules on the generated set,
and their cost relative to parsing (issue 8, "Done means").

Run: ``python benchmarks/identity.py [-n 240] [--timing 40]``. Prints, per rule id, true
positives, false positives, missed faults, precision and recall; the number of
warnings (and infos) on clean controls; and the time the four check modules add
to parsing a report as .txt and as .docx (ratio, target < 0.20). Times are CPU
time (``time.process_time``) per report; parsing is ``load(path)`` of the report
written as a .txt or .docx file — a report is a file, so reading, decoding and
sniffing it are part of parsing it, as in ``benchmarks/numbers.py`` — and the
checks are timed on the documents parsed from that same file.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from functools import lru_cache
from pathlib import Path

# Run as a script, Python puts benchmarks/ first on sys.path, where benchmarks/numbers.py would shadow the
# standard library's numbers module (imported by decimal): use the repository root instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpora.gen_identity import Case, generate  # noqa: E402
from gkreview.analysis import Context  # noqa: E402
from gkreview.document import Document, Paragraph, Table  # noqa: E402
from gkreview.findings import Finding  # noqa: E402
from gkreview.loader import load, load_text  # noqa: E402
from gkreview.normalize import norm  # noqa: E402

FAMILIES = ("gk.identity.", "gk.announced.", "gk.timeline.", "gk.wording.")
MODULES = ("identity", "announced", "timeline", "wording")


@lru_cache(maxsize=1)
def my_checks() -> list:
    """The four check modules of issue 8 (looked up once: the timing is of the checks, not of the import system)."""
    import importlib

    return [importlib.import_module(f"gkreview.checks.{m}") for m in MODULES]


def run(doc: Document, ctx: Context | None = None) -> list[Finding]:
    """Findings of the four modules on one document."""
    ctx = ctx or Context(doc)
    return [f for mod in my_checks() for f in mod.check(doc, ctx)]


def block_text(doc: Document, f: Finding) -> str:
    """The text a finding points at: its paragraph, or its table row (whole table without a row)."""
    loc = f.location
    if loc.block is None:
        return ""
    b = doc.blocks[loc.block]
    if isinstance(b, Paragraph):
        return b.text
    assert isinstance(b, Table)
    rows = [b.rows[loc.row]] if loc.row is not None else b.rows
    return "\n".join(" | ".join(c.text for c in r) for r in rows)


def evaluate(cases: list[Case]) -> tuple[dict[str, Counter], Counter, list[str]]:
    """Per rule: tp (findings at an injected fault), fp (other findings), faults, found (faults with a finding)."""
    stats: dict[str, Counter] = {}
    clean = Counter()
    examples: list[str] = []
    for case in cases:
        docs = load_text(case.text, path=case.name)
        findings = [(d, f) for d in docs for f in run(d)]
        matched_faults: set[int] = set()
        for d, f in findings:
            st = stats.setdefault(f.rule_id, Counter())
            text = block_text(d, f)
            hit = [k for k, fault in enumerate(case.faults)
                   if fault["rule"] == f.rule_id and (fault["needle"] in text or norm(fault["needle"]) in norm(text))]
            if hit:
                st["tp"] += 1
                matched_faults.update(hit)
            else:
                st["fp"] += 1
                if len(examples) < 25:
                    examples.append(f"FP {case.name} {f.rule_id}: {f.message['zh'][:90]}")
            if case.kind == "clean":
                clean[f.severity.value] += 1
        for k, fault in enumerate(case.faults):
            st = stats.setdefault(fault["rule"], Counter())
            st["faults"] += 1
            if k in matched_faults:
                st["found"] += 1
            elif len(examples) < 50:
                examples.append(f"FN {case.name} {fault['rule']} ({fault['kind']}): {fault['needle'][:60]}")
    return stats, clean, examples


def timing(cases: list[Case]) -> dict[str, float]:
    """Mean CPU milliseconds per report, per format (.txt, .docx): parsing, the shared views, the four modules.

    Each report is written as a file and parsed with ``load(path)``, as a batch run
    parses it (for .txt: reading, decoding and sniffing the bytes are part of the
    parse, as in ``benchmarks/numbers.py``); the checks then run on the documents of
    that file, so each format's ratio compares its own parse with its own checks.
    """
    from corpora.render import render

    clock = time.process_time
    out = {f"{k}_{fmt}": 0.0 for fmt in ("txt", "docx") for k in ("parse", "views", "checks")}
    with tempfile.TemporaryDirectory() as tmp:
        paths: list[tuple[str, Path]] = []
        for c in cases:
            txt = Path(tmp) / f"{c.name}.txt"
            txt.write_text(c.text, encoding="utf-8")
            docx = Path(tmp) / f"{c.name}.docx"
            render(c.blocks, "docx", docx)
            # Alternate which format comes first: a report's new names and labels are judged (and cached) by
            # whichever of its two files is checked first, so neither format carries every first-time cost.
            paths += [("txt", txt), ("docx", docx)] if len(paths) % 4 == 0 else [("docx", docx), ("txt", txt)]
        for _, p in paths[:2]:  # warm-up: gazetteer, OpenCC, rapidfuzz, numpy, both parsers
            for d in load(p):
                run(d)
        for fmt, p in paths:
            t0 = clock()
            docs = load(p)
            t1 = clock()
            ctxs = []
            for d in docs:
                ctx = Context(d)
                ctx.sections  # noqa: B018 - shared views, computed once per document for every check family
                ctx.year  # noqa: B018
                ctxs.append(ctx)
            t2 = clock()
            for d, ctx in zip(docs, ctxs, strict=True):
                run(d, ctx)
            t3 = clock()
            out[f"parse_{fmt}"] += t1 - t0
            out[f"views_{fmt}"] += t2 - t1
            out[f"checks_{fmt}"] += t3 - t2
    return {k: v / len(cases) * 1000 for k, v in out.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=240)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--timing", type=int, default=40, help="cases to time (0: skip timing)")
    ap.add_argument("--show", action="store_true", help="print false positives and missed faults")
    args = ap.parse_args()
    t0 = time.perf_counter()
    cases = generate(args.n, args.seed)
    n_clean = sum(c.kind == "clean" for c in cases)
    print(f"generated {len(cases)} reports ({n_clean} clean controls) in {time.perf_counter() - t0:.1f} s")
    stats, clean, examples = evaluate(cases)
    print(f"{'rule':40s} {'faults':>6s} {'found':>6s} {'tp':>5s} {'fp':>5s} {'precision':>9s} {'recall':>7s}")
    for rule in sorted(stats):
        if not rule.startswith(FAMILIES):
            continue
        s = stats[rule]
        prec = s["tp"] / (s["tp"] + s["fp"]) if s["tp"] + s["fp"] else float("nan")
        rec = s["found"] / s["faults"] if s["faults"] else float("nan")
        print(f"{rule:40s} {s['faults']:6d} {s['found']:6d} {s['tp']:5d} {s['fp']:5d} {prec:9.3f} {rec:7.3f}")
    print(f"clean controls: {clean['warning']} warnings, {clean['info']} infos, {clean['error']} errors")
    if args.show:
        print("\n".join(examples))
    if args.timing:
        # Time reports the evaluation above did not see: per-process caches (template labels, section
        # alignments) then hold only what other reports taught them, as in a worker of a batch run.
        t = timing(generate(args.timing, args.seed + 1))
        for fmt in ("txt", "docx"):
            print(f"mean CPU per .{fmt} report: parse (load of the file) {t[f'parse_{fmt}']:.2f} ms, shared views "
                  f"(sections+year) {t[f'views_{fmt}']:.2f} ms, identity+announced+timeline+wording "
                  f"{t[f'checks_{fmt}']:.2f} ms")
        print(f"time ratio checks/parse: .txt {t['checks_txt'] / t['parse_txt']:.3f}, "
              f".docx {t['checks_docx'] / t['parse_docx']:.3f} (target < 0.20)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
