"""Where the time of one review goes: milliseconds per report for parsing, each shared view and each check.

Reads the audit benchmark's generated corpus (``benchmarks/_work/audit/<fmt>``; run
``python benchmarks/audit.py`` once to build it) and prints, per stage, the mean
milliseconds per report on one core, then the full ``process_file`` time. Use it to
find the stage to speed up; ``benchmarks/audit.py`` gives the end-to-end figures.
Times are CPU time of this process (``time.process_time``), so a busy machine
inflates them less than wall-clock time would.
Run: ``python benchmarks/stages.py txt [--n 80]``.
"""

from __future__ import annotations

import os
import sys

# benchmarks/numbers.py would shadow the standard library's numbers module
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]

import argparse  # noqa: E402
import collections  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from gkreview import worker  # noqa: E402
from gkreview.analysis import Context  # noqa: E402
from gkreview.config import Settings  # noqa: E402
from gkreview.loader import load_bytes  # noqa: E402
from gkreview.parsers.base import Limits  # noqa: E402
from gkreview.pipeline import applies  # noqa: E402
from gkreview.registry import check_modules  # noqa: E402

WORK = Path(__file__).resolve().parent / "_work" / "audit"
VIEWS = ("sections", "doc_type", "year", "tables")


def stage_times(files: list[Path], settings: Settings) -> collections.Counter[str]:
    """Summed seconds per stage over ``files`` (views timed before the checks that share them)."""
    spent: collections.Counter[str] = collections.Counter()

    def timed(name: str, fn):  # type: ignore[no-untyped-def]
        t = time.process_time()
        out = fn()
        spent[name] += time.process_time() - t
        return out

    for f in files:
        data = f.read_bytes()
        docs = timed("parse", lambda data=data, f=f: load_bytes(data, str(f), Limits()))
        for doc in docs:
            ctx = Context(doc, settings)
            for view in VIEWS:
                timed(f"view:{view}", lambda view=view, ctx=ctx: getattr(ctx, view))
            for mod in check_modules():
                if not applies(mod, ctx):
                    continue
                name = mod.__name__.rsplit(".", 1)[-1]
                timed(name, lambda mod=mod, doc=doc, ctx=ctx: list(mod.check(doc, ctx)))
                if hasattr(mod, "summarize"):
                    timed(f"{name}.summarize", lambda mod=mod, doc=doc, ctx=ctx: mod.summarize(doc, ctx))
    return spent


def main() -> None:
    """Print milliseconds per report for every stage."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("format", choices=("txt", "docx", "pdf", "html"))
    ap.add_argument("--n", type=int, default=80, help="reports to time")
    args = ap.parse_args()
    folder = WORK / ("pdf5" if args.format == "pdf" else args.format)  # the 5-page PDFs of benchmarks/audit.py
    files = sorted(folder.glob(f"*.{args.format}"))[: args.n]
    if not files:
        raise SystemExit(f"no .{args.format} files in {folder}: run benchmarks/audit.py first")
    settings = Settings()
    for f in files[:5]:  # warm-up: gazetteer, models, OpenCC
        worker.process_file(str(f), settings)
    spent = stage_times(files, settings)
    t0 = time.process_time()
    for f in files:
        worker.process_file(str(f), settings)
    full = (time.process_time() - t0) / len(files)
    n = len(files)
    for name, seconds in spent.most_common():
        print(f"{name:28s} {1000 * seconds / n:7.2f} ms")
    print(f"{'sum of stages':28s} {1000 * sum(spent.values()) / n:7.2f} ms")
    print(f"{'process_file':28s} {1000 * full:7.2f} ms  ({1 / full:.1f} reports/s per core, CPU time)")


if __name__ == "__main__":
    main()
