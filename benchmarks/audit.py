"""Audit throughput: reports per second per core (txt, docx, pdf), 1→2 job speed-up, memory per worker.

Targets (issue 7, every check on, one core): ≥ 150 reports/s for ~10k-character
.txt reports, ≥ 40 reports/s for .docx, ≥ 20 reports/s for 5-page text-layer PDFs;
speed-up from 1 to 2 jobs ≥ 1.8× (the median ratio of back-to-back pairs of runs, as the
VM's speed drifts). Run: ``python benchmarks/audit.py [--n 300]``.
The generated corpus is cached in ``benchmarks/_work/audit/``.
"""

from __future__ import annotations

import os
import sys

# benchmarks/numbers.py would shadow the standard library's numbers module (statistics, decimal import it)
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]

import argparse  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpora.render import render  # noqa: E402
from corpora.synth import make_report  # noqa: E402
from gkreview.runner import RunOptions, audit  # noqa: E402

WORK = ROOT / "benchmarks" / "_work" / "audit"


def long_report(seed: int, target_chars: int = 10_000, *, prose_only: bool = False) -> list[tuple]:
    """A clean synthetic report of ~target_chars characters of text (tables included, as a txt file holds
    them), padded with composed prose in section 一 (no new figures, so the padded report stays consistent
    and clean: the benchmark times a normal report, not a faulty one). ``prose_only`` counts 3/4 of the
    target in paragraphs and headings alone (the PDF sizes below were chosen that way)."""
    import random

    from corpora.render import to_text
    from corpora.synth import compose_paragraph

    rep = make_report(seed)
    blocks = list(rep.blocks)
    rng = random.Random(seed)
    insert_at = 3 if rep.template == "pre2019" else next(
        i for i, b in enumerate(blocks) if b[0] == "h" and b[1].startswith("二、"))

    def short() -> bool:
        if prose_only:
            return sum(len(b[1]) for b in blocks if b[0] in ("p", "h")) < target_chars * 0.75
        return len(to_text(blocks)) < target_chars

    while short():
        blocks.insert(insert_at, ("p", compose_paragraph(rng, rep.agency.name, rep.year)))
    return blocks


# The PDF target is for 5-page reports: about 6,000–6,500 characters render to 5 A4 pages with
# tables 二/三/四 (10,000 would be 7–8 pages). txt and docx reports are the ~10k-character ones.
PDF_PAGES = 5
PDF_CHARS = (6_500, 6_200, 5_900, 5_600, 5_300)


def _render_pdf(seed: int, path: Path) -> bool:
    """Render report ``seed`` to exactly PDF_PAGES pages (padding shortened until it fits); False if it cannot."""
    import pypdfium2

    for chars in PDF_CHARS:
        render(long_report(seed, chars, prose_only=True), "pdf", path)
        pages = len(pypdfium2.PdfDocument(str(path)))
        if pages == PDF_PAGES:
            return True
        if pages < PDF_PAGES:
            break
    path.unlink()
    return False


def build(fmt: str, n: int) -> Path:
    """Generate (once) n reports in one format (PDFs of exactly 5 pages, in their own folder)."""
    folder = WORK / ("pdf5" if fmt == "pdf" else fmt)
    folder.mkdir(parents=True, exist_ok=True)
    have = len(list(folder.glob(f"*.{fmt}")))
    seed = have + 1 if fmt != "pdf" else 1 + max((int(p.stem[1:]) for p in folder.glob("r*.pdf")), default=-1) + 1
    for i in range(have, n):
        if fmt != "pdf":
            render(long_report(i + 1), fmt, folder / f"r{i:04d}.{fmt}")
            continue
        while not _render_pdf(seed, folder / f"r{seed - 1:04d}.pdf"):  # a report whose tables alone fill 6 pages
            seed += 1
        seed += 1
    return folder


def run(folder: Path, jobs: int, n: int) -> dict[str, float]:
    """One audit of the first n files: throughput end to end and without the one-time start-up.

    ``rate`` counts everything a long run pays per report (reviewing every file,
    collecting results, the batch stage) but not the one-time start (worker pool
    and model loading, ~1 s): it is measured from the moment the worker pool
    answers (at once for one job, which reviews in this already warmed process) to
    the end of the batch stage. ``end_to_end`` includes the start as well.
    """
    import gkreview.runner as runner

    files = sorted(folder.iterdir())[:n]
    ready: list[float] = []
    pool_works = runner._pool_works

    def timed_pool_works(pool):  # type: ignore[no-untyped-def]
        ok = pool_works(pool)
        ready.append(time.perf_counter())
        return ok

    runner._pool_works = timed_pool_works
    t0 = time.perf_counter()
    try:
        result = audit(files, options=RunOptions(jobs=jobs))
    finally:
        runner._pool_works = pool_works
    end = time.perf_counter()
    errors = [fr.path for fr in result.files if not fr.ok]
    if errors:
        raise SystemExit(f"unexpected unreadable files: {errors[:3]}")
    start = ready[0] if ready else t0
    return {
        "rate": len(files) / (end - start),
        "end_to_end": len(files) / (end - t0),
        "startup": start - t0,
        "chars": statistics.mean(sum(d.n_chars for d in fr.documents) for fr in result.files),
        "peak": max(fr.peak_rss_mb or 0 for fr in result.files),
        "pages": statistics.mean(fr.page_count or 0 for fr in result.files),
    }


def best(folder: Path, jobs: int, n: int, repeat: int) -> dict[str, float]:
    """The fastest of ``repeat`` runs (as timeit does: slower runs measure the other load on the machine)."""
    return max((run(folder, jobs, n) for _ in range(max(1, repeat))), key=lambda r: r["rate"])


def main() -> None:
    """Print the figures."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=300, help="reports per format (pdf uses n/3)")
    ap.add_argument("--repeat", type=int, default=2,
                    help="runs per configuration; the fastest counts (the shared VM varies ±15%% run to run)")
    args = ap.parse_args()
    print(f"{'format':<6} {'jobs':>4} {'reports':>7} {'reports/s':>10} {'per core':>9} {'end-to-end':>10} "
          f"{'start s':>7} {'chars/rep':>9} {'peak MB':>8} target")
    targets = {"txt": 150, "docx": 40, "pdf": 20}
    one_job: dict[str, float] = {}
    import gkreview.warmup  # noqa: F401 - the one-job run reviews in this process: load models before timing

    for fmt in ("txt", "docx", "pdf"):
        n = args.n if fmt != "pdf" else max(30, args.n // 3)
        folder = build(fmt, n)
        r = best(folder, 1, n, args.repeat)
        one_job[fmt] = r["rate"]
        print(f"{fmt:<6} {1:>4} {n:>7} {r['rate']:>10.1f} {r['rate']:>9.1f} {r['end_to_end']:>10.1f} "
              f"{r['startup']:>7.2f} {r['chars']:>9.0f} {r['peak']:>8.0f} ≥{targets[fmt]}/s/core "
              f"{'(' + format(r['pages'], '.1f') + ' pages) ' if fmt == 'pdf' else ''}"
              f"{'OK' if r['rate'] >= targets[fmt] else 'BELOW'}")
    # The speed-up is measured in back-to-back pairs (one job, then two): the VM's speed drifts by tens of
    # percent over minutes, so a ratio of runs taken far apart measures the drift as much as the code.
    folder = WORK / "txt"
    paired = [(run(folder, 1, args.n), run(folder, 2, args.n)) for _ in range(max(3, args.repeat))]
    ratios = sorted(b["rate"] / a["rate"] for a, b in paired)
    speedup = statistics.median(ratios)
    r2 = max((b for _, b in paired), key=lambda r: r["rate"])
    print(f"{'txt':<6} {2:>4} {args.n:>7} {r2['rate']:>10.1f} {r2['rate'] / 2:>9.1f} {r2['end_to_end']:>10.1f} "
          f"{r2['startup']:>7.2f} {'':>9} {r2['peak']:>8.0f} "
          f"speed-up 1→2 jobs {speedup:.2f}× (target ≥ 1.8×) {'OK' if speedup >= 1.8 else 'BELOW'}")
    print(f"speed-up: median of {len(ratios)} back-to-back pairs (1 job, then 2 jobs): "
          + ", ".join(f"{x:.2f}×" for x in ratios)
          + "; one-job txt in those pairs: " + ", ".join(f"{a['rate']:.1f}" for a, _ in paired) + "/s")
    print("reports/s: from the moment the workers are ready to the end of the batch stage (a long run's rate); "
          "end-to-end adds the one-time start (worker pool, models), shown as 'start s'.")


if __name__ == "__main__":
    main()
