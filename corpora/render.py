"""Write a report given as blocks to .txt, .docx, .html or .pdf, the way such files occur in the wild.

Blocks (the format ``corpora/synth.py`` produces):

- ``("title", text)`` the document title, ``("h", text)`` a heading, ``("p", text)`` a paragraph;
- ``("table", rows, merges)``: ``rows`` is the full grid of strings (merged cells
  repeated at every covered position) and ``merges`` lists ``(row, col, rowspan,
  colspan)`` regions; a table without merges may omit the third element.

Every format carries the same text, so a test can demand that every parser gives
back the same normalised paragraphs. What differs is what real files add around
it: the .html page has navigation, a breadcrumb, a 索引号 metadata table, share
links and a footer around the article; the .docx has real merged cells (Word's
``gridSpan``/``vMerge``); the .pdf wraps lines, draws ruled tables with spans and
prints ``- N -`` page numbers; the .txt can be GB18030 or Big5 (Big5 needs
traditional script: encoding fails loudly instead of writing ``?``).

Outputs are deterministic (fixed zip timestamps, reportlab ``invariant``) so
regenerating ``corpora/generated/`` only changes files whose content changed.

Usage::

    from corpora.render import render
    render(blocks, "docx", Path("out.docx"), title="…年度报告")
    render(blocks, "txt", Path("out.big5.txt"), encoding="big5", script="traditional")
"""

from __future__ import annotations

import hashlib
import html
import zipfile
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

Block = tuple[Any, ...]
FORMATS = ("txt", "docx", "html", "pdf")
SCRIPTS = ("simplified", "traditional")
# Web pages that say gb2312 are really GB18030 (the superset); this is what sites declare.
_DECLARED_CHARSET = {"gb18030": "gb2312", "big5": "big5", "utf-8": "utf-8", "utf-8-sig": "utf-8"}
_FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
# Characters Big5 lacks, replaced by the Big5 character a Big5 page would print instead. Anything
# else Big5 cannot encode raises: a silent "?" would make a variant differ from its seed unnoticed.
BIG5_SUBSTITUTES = {"\u201e": '"', "\u201f": '"'}


@cache
def _opencc(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def convert_script(text: str, script: str) -> str:
    """Text in the requested script (OpenCC s2tw or t2s; text already in that script stays as it is)."""
    if script not in SCRIPTS:
        raise ValueError(f"unknown script {script!r}; expected one of {SCRIPTS}")
    # s2tw: Taiwan character forms (為, 眾, 群) are those Big5 can encode; OpenCC's s2t gives 爲, 衆, 羣.
    return _opencc("s2tw" if script == "traditional" else "t2s").convert(text)


def convert_blocks(blocks: Sequence[Block], script: str) -> list[Block]:
    """Every string of every block converted to ``script``."""
    out: list[Block] = []
    for b in blocks:
        if b[0] == "table":
            rows = [[convert_script(c, script) for c in row] for row in b[1]]
            out.append(("table", rows, list(b[2]) if len(b) > 2 else []))
        else:
            out.append((b[0], convert_script(b[1], script)))
    return out


def _merges(block: Block) -> list[tuple[int, int, int, int]]:
    return [tuple(m) for m in (block[2] if len(block) > 2 else [])]  # type: ignore[misc]


def covered(block: Block) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    """Grid positions covered by a merge that starts elsewhere → the merge region."""
    out: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for r0, c0, rs, cs in _merges(block):
        for r in range(r0, r0 + rs):
            for c in range(c0, c0 + cs):
                if (r, c) != (r0, c0):
                    out[(r, c)] = (r0, c0, rs, cs)
    return out


def _validate(blocks: Sequence[Block]) -> None:
    for b in blocks:
        if b[0] not in ("title", "h", "p", "table"):
            raise ValueError(f"unknown block kind {b[0]!r}")
        if b[0] == "table":
            width = max((len(r) for r in b[1]), default=0)
            for r0, c0, rs, cs in _merges(b):
                if r0 + rs > len(b[1]) or c0 + cs > width or rs < 1 or cs < 1:
                    raise ValueError(f"merge {(r0, c0, rs, cs)} outside a {len(b[1])}x{width} table")


# --- txt -----------------------------------------------------------------------------------------------------------

def to_text(blocks: Sequence[Block]) -> str:
    """One line per paragraph; table rows as ``a | b | c`` (merged cells repeated), like pasted web tables."""
    lines: list[str] = []
    for b in blocks:
        if b[0] == "table":
            lines.extend(" | ".join(c.replace("\n", " ") for c in row) for row in b[1])
        else:
            lines.append(b[1])
    return "\n".join(lines) + "\n"


def write_txt(blocks: Sequence[Block], path: Path, encoding: str = "utf-8") -> Path:
    """Encode strictly: a character the encoding lacks raises UnicodeEncodeError (no silent ``?``)."""
    path.write_bytes(encode(to_text(blocks), encoding))
    return path


def encode(text: str, encoding: str) -> bytes:
    """Strict encoding, with the documented Big5 substitutions (:data:`BIG5_SUBSTITUTES`)."""
    if encoding.lower().replace("-", "").replace("_", "") in ("big5", "cp950"):
        text = text.translate(str.maketrans(BIG5_SUBSTITUTES))
    return text.encode(encoding, errors="strict")


# --- docx ----------------------------------------------------------------------------------------------------------

def write_docx(blocks: Sequence[Block], path: Path, title: str | None = None) -> Path:
    """A Word file: Title/Heading 1/Normal paragraphs and grid tables with real merged cells."""
    import datetime as dt

    import docx

    document = docx.Document()
    props = document.core_properties
    props.title = title or ""
    props.author = "gkreview corpora"
    props.created = props.modified = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    props.revision = 1
    for b in blocks:
        kind = b[0]
        if kind == "title":
            document.add_paragraph(b[1], style="Title")
        elif kind == "h":
            document.add_paragraph(b[1], style="Heading 1")
        elif kind == "p":
            document.add_paragraph(b[1])
        else:
            _docx_table(document, b)
    document.save(str(path))
    _freeze_zip(path)
    return path


def _docx_table(document: Any, block: Block) -> None:
    rows = block[1]
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    skip = covered(block)
    # One pass over row.cells: table.cell(r, c) rebuilds the whole cell list on every call.
    for r, (row, doc_row) in enumerate(zip(rows, table.rows, strict=True)):
        for c, doc_cell in enumerate(doc_row.cells):
            if (r, c) not in skip and c < len(row) and row[c]:
                doc_cell.text = row[c]
    # Merge after filling: python-docx concatenates the text of merged cells, covered ones are empty.
    for r0, c0, rs, cs in _merges(block):
        table.cell(r0, c0).merge(table.cell(r0 + rs - 1, c0 + cs - 1))


def _freeze_zip(path: Path) -> None:
    """Rewrite a zip with fixed timestamps so identical content gives identical bytes."""
    with zipfile.ZipFile(path) as zin:
        entries = [(info, zin.read(info)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in entries:
            zi = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)


# --- html ----------------------------------------------------------------------------------------------------------

_NAV = ("首页", "政务公开", "政务服务", "互动交流", "走进本地", "专题专栏")
_PAGE_CSS = "body{font-family:SimSun}.main{width:1000px;margin:0 auto}#zoom p{text-indent:2em;line-height:2}"


def to_html(blocks: Sequence[Block], title: str | None = None, charset: str = "utf-8",
            metadata: Mapping[str, str] | None = None) -> str:
    """A government-site article page: the blocks sit in ``div#zoom``, surrounded by page furniture."""
    e = html.escape
    meta = dict(metadata or {})
    body_text = to_text(blocks)
    index_no = meta.get("index_no") or "GK-" + hashlib.sha1(body_text.encode("utf-8")).hexdigest()[:12].upper()
    head_title = f"{title}_政府信息公开" if title else "政府信息公开"
    out = [
        "<!DOCTYPE html>",
        "<html><head>",
        f'<meta http-equiv="Content-Type" content="text/html; charset={e(charset)}">',
        f"<title>{e(head_title)}</title>",
    ]
    if title:
        out.append(f'<meta name="ArticleTitle" content="{e(title)}">')
    if meta.get("published_date"):
        out.append(f'<meta name="PubDate" content="{e(meta["published_date"])}">')
    if meta.get("publisher"):
        out.append(f'<meta name="ContentSource" content="{e(meta["publisher"])}">')
    out += [
        f"<style>{_PAGE_CSS}</style>",
        "<script>var _hmt = _hmt || []; function setFontSize(s){document.getElementById('zoom').style.fontSize=s}"
        "</script>",
        "</head><body>",
        '<div class="header"><div class="top-nav"><ul>'
        + "".join(f'<li><a href="/{i}/">{e(n)}</a></li>' for i, n in enumerate(_NAV)) + "</ul></div></div>",
        '<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; '
        '<a href="/zwgk/ndbg/">政府信息公开年报</a></div>',
        '<div class="main">',
        '<table class="xxgk-info" border="0" cellspacing="0">',
        f"<tr><td>索引号：</td><td>{e(index_no)}</td><td>发布机构：</td><td>{e(meta.get('publisher', ''))}</td></tr>",
        f'<tr><td>名　　称：</td><td colspan="3">{e(title or "")}</td></tr>',
        f"<tr><td>成文日期：</td><td>{e(meta.get('written_date', ''))}</td>"
        f"<td>发布日期：</td><td>{e(meta.get('published_date', ''))}</td></tr>",
        "</table>",
    ]
    if title:
        out.append(f'<h1 class="article-title">{e(title)}</h1>')
    out.append('<div class="article-tools">【字体：<a href="javascript:setFontSize(\'16px\')">大</a> '
               '<a href="javascript:setFontSize(\'14px\')">中</a>】 <a href="javascript:window.print()">打印本页</a>'
               "</div>")
    out.append('<div id="zoom" class="TRS_Editor">')
    for b in blocks:
        out.append(_html_block(b))
    out += [
        "</div>",
        '<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>',
        "</div>",
        '<div class="footer"><p>版权所有：本站 &nbsp; 网站标识码：0000000000</p><p>备案号：京ICP备00000000号</p></div>',
        "</body></html>",
    ]
    return "\n".join(out) + "\n"


def _html_block(b: Block) -> str:
    e = html.escape
    if b[0] == "title":
        return f'<p style="text-align:center"><strong><span style="font-size:22px">{e(b[1])}</span></strong></p>'
    if b[0] == "h":
        return f"<p><strong>{e(b[1])}</strong></p>"
    if b[0] == "p":
        return f"<p>\u3000\u3000{e(b[1])}</p>"
    rows = b[1]
    width = max(len(r) for r in rows)
    skip = covered(b)
    spans = {(r0, c0): (rs, cs) for r0, c0, rs, cs in _merges(b)}
    lines = ['<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">', "<tbody>"]
    for r, row in enumerate(rows):
        cells = []
        for c in range(width):
            if (r, c) in skip:
                continue
            text = row[c] if c < len(row) else ""
            rs, cs = spans.get((r, c), (1, 1))
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            cells.append(f"<td{attrs}>{'<br>'.join(e(part) for part in text.split(chr(10)))}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def write_html(blocks: Sequence[Block], path: Path, title: str | None = None, encoding: str = "utf-8",
               metadata: Mapping[str, str] | None = None) -> Path:
    """Write the page in ``encoding`` (strict), declaring the charset the way sites do."""
    charset = _DECLARED_CHARSET.get(encoding.lower(), encoding)
    path.write_bytes(encode(to_html(blocks, title, charset, metadata), encoding))
    return path


# --- pdf -----------------------------------------------------------------------------------------------------------

def write_pdf(blocks: Sequence[Block], path: Path, title: str | None = None, script: str = "simplified") -> Path:
    """An A4 PDF: CID font, CJK line wrapping, ruled tables with spans, ``- N -`` page numbers in the footer."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = "MSung-Light" if script == "traditional" else "STSong-Light"
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=18, wordWrap="CJK", firstLineIndent=22,
                          spaceAfter=3)
    head = ParagraphStyle("head", parent=body, fontSize=12.5, leading=20, firstLineIndent=0, spaceBefore=6)
    big = ParagraphStyle("title", parent=body, fontSize=17, leading=26, alignment=TA_CENTER, firstLineIndent=0,
                         spaceAfter=10)
    cell = ParagraphStyle("cell", fontName=font, fontSize=7.5, leading=9.5, wordWrap="CJK")
    width = A4[0] - 40 * mm

    def esc(s: str) -> str:
        return html.escape(s, quote=False).replace("\n", "<br/>")

    story: list[Any] = []
    for b in blocks:
        if b[0] == "title":
            story.append(Paragraph(esc(b[1]), big))
        elif b[0] == "h":
            story.append(Paragraph(esc(b[1]), head))
        elif b[0] == "p":
            story.append(Paragraph(esc(b[1]), body))
        else:
            rows = b[1]
            n_cols = max(len(r) for r in rows)
            skip = covered(b)
            data = [[Paragraph(esc(row[c]), cell) if (r, c) not in skip and c < len(row) else ""
                     for c in range(n_cols)] for r, row in enumerate(rows)]
            style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
            style += [("SPAN", (c0, r0), (c0 + cs - 1, r0 + rs - 1)) for r0, c0, rs, cs in _merges(b)]
            story.append(Table(data, colWidths=_col_widths(b, width), style=TableStyle(style)))
            story.append(Spacer(1, 6))

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, 10)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"- {doc.page} -")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=22 * mm,
                            bottomMargin=22 * mm, title=title or "", author="gkreview corpora", invariant=1)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return path


def _col_widths(block: Block, width: float) -> list[float]:
    """Label columns wider than number columns, so long labels wrap into few lines.

    Cells that span several columns do not widen their first column.
    """
    rows = block[1]
    skip = covered(block)
    wide = {(r0, c0) for r0, c0, _, cs in _merges(block) if cs > 1}
    weights = []
    for c in range(max(len(r) for r in rows)):
        lengths = [len(row[c]) for r, row in enumerate(rows)
                   if c < len(row) and (r, c) not in skip and (r, c) not in wide]
        weights.append(min(max(lengths, default=2), 16) + 2)
    total = sum(weights)
    return [width * w / total for w in weights]


# --- entry point ---------------------------------------------------------------------------------------------------

def render(blocks: Sequence[Block], fmt: str, path: Path, *, encoding: str = "utf-8", script: str = "simplified",
           title: str | None = None, metadata: Mapping[str, str] | None = None) -> Path:
    """Write ``blocks`` as ``fmt`` (txt/docx/html/pdf) to ``path`` in ``script``; returns the path.

    ``encoding`` applies to txt and html (strict: Big5 needs ``script="traditional"``);
    ``title`` goes into the file's own metadata (docx core title, the page's
    ``<title>``/ArticleTitle/名称, the PDF info) and, for html, above the article;
    ``metadata`` (``publisher``, ``published_date``, ``written_date``, ``index_no``)
    fills the html metadata table.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {FORMATS}")
    _validate(blocks)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    converted = convert_blocks(blocks, script)
    title = convert_script(title, script) if title else None
    if fmt == "txt":
        return write_txt(converted, path, encoding)
    if fmt == "docx":
        return write_docx(converted, path, title)
    if fmt == "html":
        return write_html(converted, path, title, encoding, metadata)
    return write_pdf(converted, path, title, script)


__all__ = ["BIG5_SUBSTITUTES", "FORMATS", "convert_blocks", "convert_script", "covered", "encode", "render", "to_html", "to_text"]
