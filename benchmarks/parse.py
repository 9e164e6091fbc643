"""Parsing throughput on one core.

Prints characters/second for txt, docx and html parsing (files found in ``corpora/`` and
``corpora/generated/``; made from seed text on the fly when there are none), and
pages/second for PDFs: a ~20-page text-only PDF generated with reportlab into
``benchmarks/_work/`` and the real 淮安 2024 report (3 of 6 pages hold tables), next
to pdfplumber-only extraction (``extract_text()`` + ``extract_tables()`` on every page)
of the same files. For the real report it also prints pdfplumber's table extraction
alone, which gkreview's whole parse should not exceed.

Then reports/second for whole reports, parse only: 5-page report PDFs with the three
template tables (二/三/四) generated from ``corpora/synth.py`` into
``benchmarks/_work/parse-tables/``, and the audit corpus (~8k-character .docx and
.pdf reports) when ``benchmarks/audit.py`` has built it. The audit targets (issue 7:
≥ 20 PDF reports/s and ≥ 40 .docx reports/s per core with every check on) leave the
parser a fraction of each report's budget, so the parse figures should be far above.
PDF rows also give ms per page and pdfium's own share (loading each page and its text
page), the floor under the parser's own work.

Targets: ≥ 300 pages/s on text-only PDFs; table pages no slower than pdfplumber's own
table extraction. Timings are the CPU time of this process, best of ``--repeat`` runs:
parsing is single-threaded, and on a shared machine wall time would mostly measure the
neighbours' load.

Run: ``python benchmarks/parse.py [--repeat 3]``
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as a script, this folder comes first on sys.path, where sibling benchmarks (numbers.py)
# would shadow standard modules of the same name; the repository root is what imports need.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))

from corpora.make_hostile import seed_paragraphs, text_pdf  # noqa: E402
from corpora.render import render  # noqa: E402
from corpora.synth import make_report  # noqa: E402
from gkreview.loader import parse_bytes  # noqa: E402
from gkreview.parsers import pdf as pdf_parser  # noqa: E402

CORPORA = ROOT / "corpora"
WORK = ROOT / "benchmarks" / "_work"
REPORT = CORPORA / "reports" / "huaian-2024.pdf"
# Folders of files that are meant not to parse.
SKIP_DIRS = {"hostile", "unreadable"}


def one_core() -> str:
    """Pin the process to one CPU so figures compare across machines with more cores."""
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity)"


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    """Least CPU time of ``repeat`` runs (after one warm-up run)."""
    fn()
    times = []
    for _ in range(repeat):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return min(times)


def files_of(suffix: str) -> list[Path]:
    return sorted(p for p in CORPORA.rglob(f"*{suffix}") if not SKIP_DIRS & set(p.relative_to(CORPORA).parts))


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((CORPORA / "seeds").glob("*.txt"))]


def make_docx(text: str) -> bytes:
    import docx

    d = docx.Document()
    for line in seed_paragraphs(text):
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def make_html(text: str) -> bytes:
    from html import escape

    body = "\n".join(f"<p>{escape(line)}</p>" for line in seed_paragraphs(text))
    return f"<!doctype html><html><head><meta charset='utf-8'></head><body>{body}</body></html>".encode()


def inputs(fmt: str) -> tuple[list[tuple[str, bytes]], str]:
    """(name, bytes) of the files to parse in ``fmt`` and where they came from."""
    found = [(str(p.relative_to(CORPORA)), p.read_bytes()) for p in files_of(f".{fmt}")]
    if found:
        return found, f"{len(found)} files in corpora/"
    makers = {"docx": make_docx, "html": make_html}
    made = [(f"seed{i}.{fmt}", makers[fmt](t)) for i, t in enumerate(seed_texts())]
    return made, f"{len(made)} made from seeds"


def text_throughput(fmt: str, repeat: int) -> tuple[str, str, int, float]:
    files, origin = inputs(fmt)
    ok: list[tuple[str, bytes]] = []
    chars = 0
    for name, data in files:
        try:
            chars += len(parse_bytes(data, name).source.text)
            ok.append((name, data))
        except Exception as exc:  # noqa: BLE001 - a benchmark reports unreadable inputs and goes on
            print(f"  skipped {name}: {exc}")
    seconds = best_of(repeat, lambda: [parse_bytes(d, n) for n, d in ok])
    return fmt, origin, chars, seconds


def pdfplumber_all(data: bytes) -> None:
    """The pdfplumber-only baseline: text and tables of every page."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


def pdfplumber_tables(data: bytes) -> None:
    """pdfplumber's table extraction alone, on every page."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_tables()


def text_pdf_file() -> Path:
    """A ~20-page text-only report PDF (seed 001, 14 pt, header and page numbers)."""
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / "text-20p.pdf"
    seed = next((CORPORA / "seeds").glob("001_*.txt")).read_text(encoding="utf-8")
    path.write_bytes(text_pdf(seed_paragraphs(seed), title="绵阳市环境保护局2009年政府信息公开工作年度报告",
                              header="绵阳市环境保护局"))
    return path


def pdf_rows(path: Path, repeat: int) -> list[tuple[str, float, float]]:
    """(what, seconds, pages/second) for gkreview and the pdfplumber baselines on one PDF."""
    data = path.read_bytes()
    pages = pdf_parser.parse(data, str(path)).source.page_count or 0
    rows = []
    for what, fn in (
        ("gkreview pdf.parse", lambda: pdf_parser.parse(data, str(path))),
        ("gkreview loader.parse_bytes", lambda: parse_bytes(data, str(path))),
        ("pdfplumber text+tables", lambda: pdfplumber_all(data)),
        ("pdfplumber tables only", lambda: pdfplumber_tables(data)),
    ):
        s = best_of(repeat, fn)
        rows.append((what, s, pages / s))
    return rows


def table_report(seed: int, pages: int = 5) -> list[tuple]:
    """Blocks of a 2021-template report (tables 二/三/四) padded with other reports' overview
    paragraphs until it fills ``pages`` A4 pages."""
    rep = make_report(seed, year=2021 + seed % 4)
    blocks = list(rep.blocks)
    at = next(i for i, b in enumerate(blocks) if b[0] == "h" and b[1].startswith("二、"))
    donor = 1
    # About 1,100 characters of prose fill a page beside the tables' 2.5 pages (11 pt, 18 pt leading).
    while sum(len(b[1]) for b in blocks if b[0] == "p") < 1100 * (pages - 2.5):
        extra = make_report(seed * 1000 + donor, year=rep.year, agency=rep.agency)
        blocks[at:at] = [b for b in extra.blocks[2:8] if b[0] == "p" and len(b[1]) > 30][:2]
        donor += 1
    return blocks


def table_report_pdfs(n: int, pages: int = 5) -> list[Path]:
    """(Once) ``n`` report PDFs of ``pages`` pages holding the three template tables."""
    import pypdfium2 as pdfium

    folder = WORK / "parse-tables"
    folder.mkdir(parents=True, exist_ok=True)
    out: list[Path] = []
    seed = 0
    while len(out) < n and seed < 20 * n:
        seed += 1
        path = folder / f"t{seed:04d}.pdf"
        if not path.exists():
            render(table_report(seed, pages), "pdf", path)
        pdf = pdfium.PdfDocument(str(path))
        if len(pdf) == pages:
            out.append(path)
        pdf.close()
    return out


def pdfium_floor(data: bytes) -> None:
    """What pdfium alone spends on a PDF: load every page and its text page and read the text.

    The parser cannot go below this (glyph boxes for every character are computed while
    the page loads and again for the text page); the rest of its time is its own Python.
    """
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    for i in range(len(pdf)):
        page = pdf[i]
        text = page.get_textpage()
        text.get_text_range()
        text.close()
        page.close()
    pdf.close()


def report_rows(repeat: int) -> list[tuple[str, int, float, float, float | None]]:
    """(what, files, pages or chars per report, seconds per report, pdfium's seconds per report or
    ``None``) for whole-report parsing."""
    rows = []
    sets = [("pdf, 5 pages, tables 二/三/四", table_report_pdfs(20))]
    for fmt in ("pdf", "docx"):
        found = sorted((WORK / "audit" / fmt).glob(f"*.{fmt}"))[:60]
        if found:
            sets.append((f"{fmt}, audit corpus", found))
    for what, paths in sets:
        data = [(str(p), p.read_bytes()) for p in paths]
        results = [parse_bytes(d, n) for n, d in data]
        per = sum((r.source.page_count or len(r.source.text)) for r in results) / len(results)
        s = best_of(repeat, lambda data=data: [parse_bytes(d, n) for n, d in data])
        floor = None
        if what.startswith("pdf"):
            floor = best_of(repeat, lambda data=data: [pdfium_floor(d) for _, d in data]) / len(data)
        rows.append((what, len(data), per, s / len(data), floor))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per figure (best is kept)")
    args = ap.parse_args()
    print(f"gkreview parse benchmark — {one_core()}, best of {args.repeat}\n")

    print(f"{'format':<6} {'inputs':<24} {'chars':>10} {'seconds':>9} {'chars/s':>12}")
    for fmt in ("txt", "docx", "html"):
        fmt, origin, chars, s = text_throughput(fmt, args.repeat)
        print(f"{fmt:<6} {origin:<24} {chars:>10,} {s:>9.3f} {chars / s:>12,.0f}")

    for label, path in (("text-only PDF (generated)", text_pdf_file()), ("real PDF with tables", REPORT)):
        rows = pdf_rows(path, args.repeat)
        n_pages = pdf_parser.parse(path.read_bytes()).source.page_count
        print(f"\n{label}: {path.relative_to(ROOT)} ({n_pages} pages)")
        print(f"  {'parser':<30} {'seconds':>9} {'pages/s':>10} {'vs pdfplumber text+tables':>27}")
        base = next(r for r in rows if r[0] == "pdfplumber text+tables")[2]
        for what, s, pps in rows:
            print(f"  {what:<30} {s:>9.3f} {pps:>10.1f} {pps / base:>26.1f}x")
        ours = rows[0][2]
        tables_only = rows[3][2]
        print(f"  gkreview / pdfplumber-tables-only speed: {ours / tables_only:.2f}x")

    print("\nTargets: text-only PDF ≥ 300 pages/s; real PDF not slower than pdfplumber tables only (≥ 1.0x).")

    print("\nwhole reports, parse only (loader.parse_bytes)")
    print(f"  {'reports':<30} {'files':>5} {'pages|chars':>11} {'ms/report':>10} {'reports/s':>10} {'ms/page':>8}"
          f" {'pdfium ms':>10}")
    for what, n, per, s, floor in report_rows(args.repeat):
        pdf_cols = f" {s * 1000 / per:>8.2f} {floor * 1000:>10.1f}" if floor is not None else ""
        print(f"  {what:<30} {n:>5} {per:>11,.1f} {s * 1000:>10.1f} {1 / s:>10.1f}{pdf_cols}")
    print("  (issue 7 budget with every check on: pdf ≤ 50 ms/report, docx ≤ 25 ms/report; pdfium ms: what")
    print("   pdfium alone spends loading the pages and their text, the floor under the parser's own time)")


if __name__ == "__main__":
    main()
