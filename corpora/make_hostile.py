"""Generate the PDFs that test the PDF parser: hostile files and laid-out text/table PDFs.

Hostile files (written to ``corpora/hostile/`` and committed, so tests read fixed bytes):

- ``truncated.pdf``: the first half of ``reports/huaian-2024.pdf`` (a download cut short);
- ``encrypted.pdf``: a report page protected by a user password;
- ``image_only.pdf``: three pages of drawn shapes and a raster image, no text (a scan);
- ``random.pdf``: ``%PDF-1.7`` followed by random bytes (a file that only looks like a PDF).

The builders :func:`text_pdf` and :func:`table_pdf` lay out report text the way
office software does (justified CJK lines, first-line indents, a running header,
``- N -`` page numbers, a ruled table that breaks across pages with its header
repeated). Tests and ``benchmarks/parse.py`` call them to make PDFs on the fly.

Run: ``python corpora/make_hostile.py``.
"""

from __future__ import annotations

import io
import random
import re
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "hostile"
REPORT = HERE / "reports" / "huaian-2024.pdf"
FONT = "STSong-Light"
_HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")


def _register_font() -> None:
    """The Adobe CID font ships with every PDF reader, so no font file is needed."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _styles(size: float, indent: bool = True, justify: bool = True) -> dict[str, object]:
    """Body text either with first-line indents, or flush left with space between paragraphs."""
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("body", fontName=FONT, fontSize=size, leading=size * 1.6,
                          firstLineIndent=2 * size if indent else 0, spaceBefore=0 if indent else size * 0.8,
                          alignment=TA_JUSTIFY if justify else TA_LEFT, wordWrap="CJK")
    heading = ParagraphStyle("heading", parent=body)
    title = ParagraphStyle("title", parent=body, fontSize=size * 1.5, leading=size * 2.4, firstLineIndent=0,
                           alignment=TA_CENTER, spaceAfter=size)
    return {"body": body, "heading": heading, "title": title}


def _furniture(header: str | None, page_numbers: bool, size: float):
    """A page callback drawing the running header and the ``- N -`` page number."""

    def draw(canvas, doc) -> None:
        canvas.saveState()
        width, height = doc.pagesize
        if header:
            canvas.setFont(FONT, size * 0.75)
            canvas.drawCentredString(width / 2, height - 40, header)
            canvas.line(doc.leftMargin, height - 46, width - doc.rightMargin, height - 46)
        if page_numbers:
            canvas.setFont(FONT, size * 0.8)
            canvas.drawCentredString(width / 2, 36, f"- {doc.page} -")
        canvas.restoreState()

    return draw


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _flowables(paragraphs: Sequence[str], title: str | None, size: float, indent: bool = True,
               justify: bool = True) -> list[object]:
    from reportlab.platypus import Paragraph

    st = _styles(size, indent, justify)
    out: list[object] = []
    if title:
        out.append(Paragraph(_escape(title), st["title"]))
    for text in paragraphs:
        style = st["heading"] if _HEADING_RE.match(text) else st["body"]
        out.append(Paragraph(_escape(text), style))
    return out


def _build(flowables: list[object], header: str | None, page_numbers: bool, size: float) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    _register_font()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=72, rightMargin=72, topMargin=72, bottomMargin=72,
                            title="政府信息公开工作年度报告", author="gkreview corpora",
                            invariant=1)
    cb = _furniture(header, page_numbers, size)
    doc.build(flowables, onFirstPage=cb, onLaterPages=cb)
    return buf.getvalue()


def text_pdf(paragraphs: Sequence[str], title: str | None = None, header: str | None = None,
             page_numbers: bool = True, size: float = 14, indent: bool = True, justify: bool = True) -> bytes:
    """A text-only PDF of CJK paragraphs (justified and indented by default) with optional
    header and page numbers."""
    _register_font()
    return _build(_flowables(paragraphs, title, size, indent, justify), header, page_numbers, size)


def table_pdf(before: Sequence[str], rows: Sequence[Sequence[str]], after: Sequence[str],
              header: str | None = None, repeat_header: bool = True, size: float = 14,
              spans: Sequence[tuple[int, int, int, int]] = (), space_before: float = 0) -> bytes:
    """Paragraphs, a ruled table, paragraphs. The table breaks across pages when it is long or
    when ``space_before`` (points of empty space before it) pushes it to the page bottom.
    ``spans`` are merged cells as (row, col, rowspan, colspan); ``rows`` repeat a merged
    cell's text in every position it covers, and only the top-left copy is drawn."""
    from reportlab.platypus import Spacer, Table, TableStyle

    _register_font()
    covered = {(r + dr, c + dc) for r, c, rs, cs in spans for dr in range(rs) for dc in range(cs)
               if dr or dc}
    data = [[text if (r, c) not in covered else "" for c, text in enumerate(row)] for r, row in enumerate(rows)]
    table = Table(data, repeatRows=1 if repeat_header else 0)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, size * 0.8),
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        *[("SPAN", (c, r), (c + cs - 1, r + rs - 1)) for r, c, rs, cs in spans],
    ]))
    spacer = [Spacer(1, space_before)] if space_before else []
    flow = [*_flowables(before, None, size), *spacer, table, *_flowables(after, None, size)]
    return _build(flow, header, True, size)


def seed_paragraphs(text: str, limit: int | None = None) -> list[str]:
    """Prose lines of a seed file: no table rows, no very short fragments."""
    out = [ln.strip() for ln in text.splitlines()]
    out = [ln for ln in out if len(ln) >= 6 and "|" not in ln and "\t" not in ln]
    return out[:limit] if limit else out


# --------------------------------------------------------------------------- hostile files


def truncated() -> bytes:
    data = REPORT.read_bytes()
    return data[: len(data) // 2]


def encrypted() -> bytes:
    from reportlab.pdfgen import canvas

    _register_font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt="pw", invariant=1)
    c.setFont(FONT, 14)
    c.drawString(72, 760, "某某县人民政府2023年政府信息公开工作年度报告")
    c.drawString(72, 730, "本报告由某某县人民政府办公室编制。")
    c.showPage()
    c.save()
    return buf.getvalue()


def image_only() -> bytes:
    """Pages that carry only a raster image and shapes, like a scanned report."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    rng = random.Random(7)
    img = Image.new("L", (120, 160), 255)
    img.putdata([255 if rng.random() < 0.9 else 0 for _ in range(120 * 160)])
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    for _ in range(3):
        c.drawImage(ImageReader(img), 72, 200, width=450, height=600)
        for k in range(12):
            c.rect(80, 220 + 40 * k, 430, 20, stroke=1, fill=0)
        c.showPage()
    c.save()
    return buf.getvalue()


def random_pdf() -> bytes:
    rng = random.Random(20240101)
    return b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(4096))


HOSTILE = {
    "truncated.pdf": truncated,
    "encrypted.pdf": encrypted,
    "image_only.pdf": image_only,
    "random.pdf": random_pdf,
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, make in HOSTILE.items():
        data = make()
        (OUT / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
