"""Speed of the per-document views of issue 4 (document type, sections, year) on 100 txt reports.

The batch audit aims at ~150 reports/s per core with every check on, so the views
every check reads (``ctx.doc_type``, ``ctx.sections``, ``ctx.year``) must cost a few
ms together. This script times, in a fresh process so the figures include it,
importing the package and loading the classifier artefact, then per document:

- ``views``: what one document's :class:`gkreview.analysis.Context` computes —
  ``classify``, ``detect_sections`` and ``report_year`` in a row;
- ``classify``: the document type alone, and how often the model was skipped because
  the rules were decisive; ``classify, model forced``: the same through the model;
- ``rule features``: the domain §5 cues alone.

Per-document memos are emptied before every pass, so each pass starts cold like a new
document would. Documents are 100 synthetic 2019–2024 reports rendered to txt in a
temporary folder (:func:`corpora.synth.make_report` + :func:`corpora.render.render`,
deterministic), or with ``--audit`` the txt files of ``benchmarks/_work/audit/txt``
(written by the audit benchmark; its content changes when that is rerun).
The script only uses the public functions, so it also runs against an older checkout
(``PYTHONPATH=<checkout>/src python benchmarks/doctype.py``) for before/after figures.

Usage::

    python benchmarks/doctype.py [--n 100] [--repeat 3] [--audit]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# Run as a script, this folder is sys.path[0]; benchmarks/numbers.py would shadow the stdlib module.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.append(str(ROOT))

AUDIT_TXT = ROOT / "benchmarks" / "_work" / "audit" / "txt"


def _paths(n: int, tmp: Path, audit: bool) -> list[Path]:
    """n txt reports: synthetic ones rendered afresh (deterministic), or the audit set's with ``--audit``."""
    found = sorted(AUDIT_TXT.glob("*.txt"))[:n] if audit and AUDIT_TXT.is_dir() else []
    if found:
        return found
    from corpora.render import render
    from corpora.synth import make_report

    out = []
    for k in range(n):
        rep = make_report(seed=k, year=2019 + k % 6)
        p = tmp / f"r{k:04d}.txt"
        render(rep.blocks, "txt", p)
        out.append(p)
    return out


def _clear_memos(docs: list[Any]) -> None:
    """Forget per-document results: each document's own memo, or the module memo of older versions."""
    import gkreview.sections

    memo = getattr(gkreview.sections, "_MEMO", None)
    if memo is not None:
        memo.clear()
    for d in docs:
        own = getattr(d, "_memo", None)
        if own is not None:
            own.clear()


def _best(fn: Callable[[Any], object], docs: list[Any], repeat: int) -> float:
    """Best-of-``repeat`` wall time in ms per document, cold per-document memos (the machine is shared)."""
    best = float("inf")
    for _ in range(repeat):
        _clear_memos(docs)
        t = time.perf_counter()
        for d in docs:
            fn(d)
        best = min(best, (time.perf_counter() - t) * 1000 / len(docs))
    return best


def _forced_model(classify: Callable[..., object], docs: list[Any], repeat: int) -> dict[str, float]:
    """Classification always through the model (what a document the rules cannot settle costs)."""
    import inspect

    if "use_rules" not in inspect.signature(classify).parameters:
        return {}  # older versions always ran the model
    return {"classify, model forced": _best(lambda d: classify(d, use_rules=False), docs, repeat)}


def main() -> None:
    """Print import/load time and ms/document of each view."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--audit", action="store_true", help="use benchmarks/_work/audit/txt/*.txt")
    args = ap.parse_args()
    t = time.perf_counter()
    import gkreview
    from gkreview.doctype import classify, load_model, rule_features
    from gkreview.sections import detect_sections
    from gkreview.years import report_year

    t_import = time.perf_counter() - t
    t = time.perf_counter()
    model = load_model()
    t_load = time.perf_counter() - t
    print(f"package: {Path(gkreview.__file__).parent}")
    print(f"import {t_import * 1000:.0f} ms, model load {t_load * 1000:.0f} ms ({'present' if model else 'ABSENT'})")
    with tempfile.TemporaryDirectory() as tmp:
        paths = _paths(args.n, Path(tmp), args.audit)
        docs = [d for p in paths for d in gkreview.load(p)]
    chars = sum(len(d.text) for d in docs) / len(docs)
    print(f"{len(docs)} documents from {len(paths)} txt files, {chars:.0f} chars each on average")
    types = [classify(d) for d in docs]
    print(f"labels: {dict(Counter(x.label for x in types))}; methods: {dict(Counter(x.method for x in types))}")

    def views(d: Any) -> None:
        classify(d)
        detect_sections(d)
        report_year(d)

    figures = {"views (type+sections+year)": _best(views, docs, args.repeat),
               "classify": _best(classify, docs, args.repeat),
               "rule features": _best(rule_features, docs, args.repeat),
               **_forced_model(classify, docs, args.repeat),
               "sections": _best(detect_sections, docs, args.repeat),
               "year": _best(report_year, docs, args.repeat)}
    for name, ms in figures.items():
        print(f"{name:28s} {ms:7.2f} ms/doc")
    total = figures["views (type+sections+year)"]
    print(f"views: {1000 / total:.0f} docs/s on one core for these three views alone")


if __name__ == "__main__":
    main()
