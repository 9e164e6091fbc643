"""Clean 2021-format reports as PDFs laid out the ways other agencies' tools lay them out.

``corpora/render.py`` draws every PDF the same way (full grid, one font, ``- N -``
footers). Real reports come from WPS, Word, Foxit and web-to-PDF exports, and the
parser has to read them all. Each layout here changes what a PDF parser relies on:

- table rules: a full grid, a 三线表 (horizontal rules only: top, below the header,
  bottom) or no rules at all (columns only by whitespace);
- header cells split over two or three lines (``商业``/``企业``, ``社会``/``公益``/``组织``),
  ``总 计`` with a space, multi-row merged headers;
- row labels wrapped inside a narrow label column, or broken by a hard line break;
- table 三 split across two pages with and without its header rows repeated, with a
  running header (the agency name) and a footer (``- 3 -`` or ``第 3 页 共 8 页``)
  between the two parts;
- a landscape page for table 三, narrow A4 margins, mixed fonts and sizes (an embedded
  黑体-like TrueType font next to the Adobe CID 宋体), bold headings on their own line
  (stroked glyphs, or glyphs printed twice with an offset as WPS does);
- prose broken by hard line breaks mid-sentence (text pasted with its line ends);
- full-width digits (``１２３``), thousands separators, blank cells and ``—``/``/``
  placeholders.

The content comes from :func:`corpora.synth.make_report` (2021 template, numbers
consistent), so a correct parse gives a clean review. ``manifest.json`` lists, per
file, its layout features, the prose paragraphs in reading order and every table
二/三/四 cell as printed together with its true value.

Run: ``python corpora/make_pdf_layouts.py`` (writes ``corpora/pdf_layouts/``).
"""

from __future__ import annotations

import io
import itertools
import json
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # run as a script: the repository root is what imports need
    sys.path.insert(0, str(HERE.parent))

from reportlab.platypus import Flowable  # noqa: E402

from corpora.synth import T3_GROUPS, T4_BLOCKS, T4_COLS, SynthReport, fmt_num, make_report  # noqa: E402

OUT = HERE / "pdf_layouts"
SONG = "STSong-Light"  # Adobe CID font: every reader has it, nothing embedded (宋体/仿宋 stand-in)
HEI = "WQYZenHei"  # an embedded TrueType subset, as Word and WPS write 黑体
HEI_FILE = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
FULLWIDTH = str.maketrans("0123456789,.", "０１２３４５６７８９，．")

Block = tuple[Any, ...]


@dataclass(frozen=True)
class Layout:
    """How one PDF is laid out (see the module docstring for what each option imitates)."""

    name: str
    seed: int
    rules: str = "grid"  # grid | threeline | none
    header_split: int = 0  # 0: labels on one line; 2 or 3: header labels broken over that many lines
    label_wrap: bool = False  # narrow label column plus hard breaks in the longest row labels
    t3_split: str = ""  # "" | repeat | norepeat: force table 三 across a page break
    footer: str = "dash"  # dash ("- 3 -") | of ("第 3 页 共 8 页") | none
    running_header: bool = False  # the agency name above a rule on every page
    landscape_t3: bool = False  # table 三 alone on a landscape page
    margins_mm: float = 25.0
    body_size: float = 12.0
    mixed_fonts: bool = False  # 黑体-like headings and title, 宋体 body, cells in a third size
    bold: str = ""  # "" | stroke | double: headings drawn bold on their own line
    hard_breaks: bool = False  # some paragraphs broken mid-sentence by hard line ends
    digits: str = "plain"  # plain | fullwidth | thousands | fullwidth_thousands
    placeholders: bool = False  # some zero cells printed blank, "—" or "/"
    valign: str = "MIDDLE"
    features: tuple[str, ...] = field(default_factory=tuple)


LAYOUTS: tuple[Layout, ...] = (
    Layout("threeline_repeat", seed=3101, rules="threeline", header_split=2, t3_split="repeat", running_header=True,
           hard_breaks=True, bold="stroke",
           features=("三线表", "header split over 2 lines", "table 三 split, header repeated", "running header",
                     "- N - footer", "hard line breaks", "bold headings (stroked)")),
    Layout("norules_of_pages", seed=3102, rules="none", header_split=2, t3_split="norepeat", footer="of",
           running_header=True, digits="thousands", valign="TOP",
           features=("no table rules", "header split over 2 lines", "table 三 split, header not repeated",
                     "第 N 页 共 M 页 footer", "running header", "thousands separators")),
    Layout("grid_landscape_mixed", seed=3103, header_split=3, label_wrap=True, landscape_t3=True, mixed_fonts=True,
           bold="double", body_size=14,
           features=("full grid", "header split over 3 lines", "wrapped row labels", "landscape table 三",
                     "黑体/宋体 mixed fonts and sizes", "bold headings (printed twice)")),
    Layout("grid_split_fullwidth", seed=3104, header_split=2, label_wrap=True, t3_split="norepeat", footer="of",
           running_header=True, digits="fullwidth", placeholders=True,
           features=("full grid", "table 三 split, header not repeated", "第 N 页 共 M 页 footer", "running header",
                     "full-width digits", "blank, — and / placeholders", "wrapped row labels")),
    Layout("grid_narrow_margins", seed=3105, header_split=3, t3_split="repeat", margins_mm=12, body_size=10.5,
           digits="fullwidth_thousands", hard_breaks=True, mixed_fonts=True,
           features=("narrow-margin A4", "small font", "header split over 3 lines", "table 三 split, header repeated",
                     "full-width digits with separators", "hard line breaks", "mixed fonts")),
    Layout("threeline_landscape_wrapped", seed=3106, rules="threeline", label_wrap=True, landscape_t3=True,
           footer="of", digits="thousands", placeholders=True, bold="stroke",
           features=("三线表", "landscape table 三", "wrapped row labels", "第 N 页 共 M 页 footer",
                     "thousands separators", "blank, — and / placeholders", "bold headings (stroked)")),
)


# --------------------------------------------------------------------------- cell texts

_SPLIT_2 = {"商业企业": "商业\n企业", "科研机构": "科研\n机构", "社会公益组织": "社会公\n益组织",
            "法律服务机构": "法律服\n务机构", "总计": "总 计", "法人或其他组织": "法人或其\n他组织",
            "结果维持": "结果\n维持", "结果纠正": "结果\n纠正", "其他结果": "其他\n结果", "尚未审结": "尚未\n审结",
            "本年制发件数": "本年制\n发件数", "本年废止件数": "本年废\n止件数", "现行有效件数": "现行有\n效件数",
            "未经复议直接起诉": "未经复议\n直接起诉"}
_SPLIT_3 = {**_SPLIT_2, "社会公益组织": "社会\n公益\n组织", "法律服务机构": "法律\n服务\n机构",
            "申请人情况": "申请人\n情况", "总计": "总\n计"}
# Row labels broken by a hard line end inside the cell (as typed in Word).
_LABEL_BREAKS = {
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "（二）部分公开（区分处理的，只计\n这一情形，不计其他情形）",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请":
        "1.申请人无正当理由逾期不补正、\n行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请":
        "2.申请人逾期未按收费通知要求缴纳\n费用、行政机关不再处理其政府信息公开申请",
    "一、本年新收政府信息公开申请数量": "一、本年新收政府信息\n公开申请数量",
    "二、上年结转政府信息公开申请数量": "二、上年结转政府信息\n公开申请数量",
}
_PLACEHOLDERS = ("—", "/", "")


def _number_text(v: float | int, style: str) -> str:
    text = fmt_num(v)
    if "thousands" in style:
        text = f"{v:,.2f}" if isinstance(v, float) and not float(v).is_integer() else f"{int(v):,}"
    return text.translate(FULLWIDTH) if style.startswith("fullwidth") else text


def _is_number(text: str) -> bool:
    return bool(text) and text.replace(".", "", 1).replace("-", "", 1).isdigit()


def _cell_texts(block: Block, layout: Layout, counter: list[int]) -> list[list[str]]:
    """The table's cells as this layout prints them (split headers, wrapped labels, digit style, placeholders)."""
    split = _SPLIT_3 if layout.header_split == 3 else _SPLIT_2 if layout.header_split == 2 else {}
    out: list[list[str]] = []
    for row in block[1]:
        printed = []
        for text in row:
            key = text.replace("/", "")
            if _is_number(text):
                value = float(text) if "." in text else int(text)
                if layout.placeholders and value == 0 and counter[0] % 7 == 3:
                    printed.append(_PLACEHOLDERS[counter[0] // 7 % 3])
                else:
                    printed.append(_number_text(value, layout.digits))
                counter[0] += 1
            elif key in split:
                printed.append(split[key])
            elif layout.label_wrap and text in _LABEL_BREAKS:
                printed.append(_LABEL_BREAKS[text])
            else:
                printed.append(key if text in ("商业/企业", "科研/机构") else text)
        out.append(printed)
    return out


# --------------------------------------------------------------------------- expected values


def _canon_row(key: str) -> str:
    return unicodedata.normalize("NFKC", key)


def expected_cells(report: SynthReport, printed: dict[str, list[list[str]]]) -> dict[str, dict[str, Any]]:
    """Every table 二/三/四 cell: canonical (row, column) → [printed text, true value].

    The printed text is read from the drawn grids at the template positions the
    synth tables use (table 三: 3 label columns then 7 numbers; table 四: row 3).
    """
    v = report.values
    out: dict[str, dict[str, Any]] = {"table2": {}, "table3": {}, "table4": {}}
    t3_cols = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    grid3 = printed["table3"]
    numeric_rows = [r for r in grid3[3:]]
    keys = ["一", "二"]
    for label, leaves in T3_GROUPS:
        g = label[:3]
        keys.extend([g] if not leaves else [f"{g}{i + 1}" for i in range(len(leaves))])
    keys += ["（七）", "四"]
    for key, row in zip(keys, numeric_rows, strict=True):
        for c, col in enumerate(t3_cols):
            out["table3"][f"{_canon_row(key)}/{col}"] = [row[3 + c], v["table3"][key][c]]
    grid4 = printed["table4"]
    for b, block in enumerate(T4_BLOCKS):
        for c, col in enumerate(T4_COLS):
            out["table4"][f"{block}/{col}"] = [grid4[3][5 * b + c], v["table4"][5 * b + c]]
    grid2 = printed["table2"]
    t2 = v["table2"]
    by_label = {row[0]: row for row in grid2}
    for key, cols in (("规章", ("本年制发件数", "本年废止件数", "现行有效件数")),
                      ("行政规范性文件", ("本年制发件数", "本年废止件数", "现行有效件数")),
                      ("行政许可", ("本年处理决定数量",)), ("行政处罚", ("本年处理决定数量",)),
                      ("行政强制", ("本年处理决定数量",)), ("行政事业性收费", ("本年收费金额",))):
        for c, col in enumerate(cols):
            out["table2"][f"{key}/{col}"] = [by_label[key][1 + c], t2[key][c]]
    return out


# --------------------------------------------------------------------------- drawing


def _register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    names = pdfmetrics.getRegisteredFontNames()
    if SONG not in names:
        pdfmetrics.registerFont(UnicodeCIDFont(SONG))
    if HEI not in names:
        pdfmetrics.registerFont(TTFont(HEI, str(HEI_FILE), subfontIndex=0))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


class BoldLine(Flowable):
    """A heading on its own line drawn bold the way office tools fake bold for a font without a bold face."""

    def __init__(self, text: str, font: str, size: float, mode: str, indent: float) -> None:
        super().__init__()
        self.text, self.font, self.size, self.mode, self.indent = text, font, size, mode, indent

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        self.width = avail_w
        return avail_w, self.size * 1.9

    def draw(self) -> None:
        c = self.canv
        y = self.size * 0.55
        if self.mode == "stroke":  # fill + stroke: text render mode 2
            t = c.beginText(self.indent, y)
            t.setFont(self.font, self.size)
            t.setTextRenderMode(2)
            c.setLineWidth(self.size * 0.03)
            t.textOut(self.text)
            c.drawText(t)
        else:  # the same string printed twice, a quarter point apart
            c.setFont(self.font, self.size)
            c.drawString(self.indent, y, self.text)
            c.drawString(self.indent + 0.25, y, self.text)


def _hard_break(text: str, k: int) -> str:
    """The paragraph with hard line ends: one mid-sentence break, or (every third one) a break every
    ``k`` characters, as text pasted with its line ends."""
    if len(text) < 24:
        return _esc(text)
    if k % 3 == 2:
        width = 19 + k % 5
        cuts = [0]
        while cuts[-1] + width < len(text):
            cut = cuts[-1] + width
            while cut < len(text) - 1 and text[cut - 1] in "。；：！？":  # mid-sentence breaks only
                cut += 1
            cuts.append(cut)
        cuts.append(len(text))
        return "<br/>".join(_esc(text[a:b]) for a, b in itertools.pairwise(cuts) if a < b)
    cut = int(len(text) * 0.45)
    while cut < len(text) - 1 and (text[cut - 1] in "，。；：、（）“”" or text[cut] in "，。；：、（）“”"):
        cut += 1
    return _esc(text[:cut]) + "<br/>" + _esc(text[cut:])


def _table_flowable(grid: list[list[str]], merges: Sequence[tuple[int, int, int, int]], n_header: int,
                    layout: Layout, width: float, font: str, size: float, repeat: bool,
                    widths: list[float] | None = None, pad: float = 2) -> Any:
    from reportlab.lib.enums import TA_CENTER, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    head = ParagraphStyle("th", fontName=HEI if layout.mixed_fonts else font, fontSize=size, leading=size * 1.25,
                          alignment=TA_CENTER, wordWrap="CJK")
    label = ParagraphStyle("td", fontName=font, fontSize=size, leading=size * 1.25, alignment=TA_LEFT,
                           wordWrap="CJK")
    num = ParagraphStyle("tn", parent=label, alignment=TA_CENTER)
    covered = {(r + dr, c + dc) for r, c, rs, cs in merges for dr in range(rs) for dc in range(cs) if dr or dc}
    n_cols = max(len(r) for r in grid)
    data = []
    for r, row in enumerate(grid):
        cells: list[Any] = []
        for c in range(n_cols):
            text = row[c] if c < len(row) else ""
            if (r, c) in covered or not text:
                cells.append("")
                continue
            style = head if r < n_header else num if not _is_label(text) else label
            cells.append(Paragraph(_esc(text), style))
        data.append(cells)
    widths = widths or _widths(grid, merges, width, layout.label_wrap)
    style: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), layout.valign),
                                    ("TOPPADDING", (0, 0), (-1, -1), pad),
                                    ("BOTTOMPADDING", (0, 0), (-1, -1), pad + 1)]
    if layout.rules == "grid":
        style.append(("GRID", (0, 0), (-1, -1), 0.5, "black"))
    elif layout.rules == "threeline":
        style += [("LINEABOVE", (0, 0), (-1, 0), 1.5, "black"),
                  ("LINEBELOW", (0, n_header - 1), (-1, n_header - 1), 0.75, "black"),
                  ("LINEBELOW", (0, -1), (-1, -1), 1.5, "black")]
    style += [("SPAN", (c, r), (c + cs - 1, r + rs - 1)) for r, c, rs, cs in merges]
    return Table(data, colWidths=widths, style=TableStyle(style), repeatRows=n_header if repeat else 0)


def _split_table(grid: list[list[str]], merges: Sequence[tuple[int, int, int, int]], n_header: int, layout: Layout,
                 width: float, font: str, size: float) -> list[Any]:
    """Table 三 in two parts on two pages, cut inside the ``（三）不予公开`` group, as a word processor
    breaks it: merged label cells cut in two (the text stays in the upper piece), the header rows
    repeated on the second page or not, the same column widths on both pages."""
    from reportlab.platypus import PageBreak

    cut = next(r for r, row in enumerate(grid) if row[2].startswith("4.保护第三方"))
    widths = _widths(grid, merges, width, layout.label_wrap)
    top_merges, low_merges = [], []
    for r, c, rs, cs in merges:
        if r + rs <= cut:
            top_merges.append((r, c, rs, cs))
        elif r >= cut:
            low_merges.append((r - cut, c, rs, cs))
        else:
            top_merges.append((r, c, cut - r, cs))
            low_merges.append((0, c, r + rs - cut, cs))
    lower = [list(row) for row in grid[cut:]]
    for r, c, rs, _ in merges:
        if r < cut < r + rs:
            lower[0][c] = ""  # the lower piece of a cut merged cell is printed empty
    head = grid[:n_header] if layout.t3_split == "repeat" else []
    head_merges = [m for m in merges if m[0] < n_header] if head else []
    shift = len(head)
    lower_merges = head_merges + [(r + shift, c, rs, cs) for r, c, rs, cs in low_merges]
    first = _table_flowable(grid[:cut], top_merges, n_header, layout, width, font, size, False, widths)
    second = _table_flowable(head + lower, lower_merges, shift, layout, width, font, size, False, widths)
    return [first, PageBreak(), second]


def _is_label(text: str) -> bool:
    t = text.translate(str.maketrans("０１２３４５６７８９，．", "0123456789,.")).replace(",", "")
    return not (_is_number(t) or text in _PLACEHOLDERS)


def _widths(grid: list[list[str]], merges: Sequence[tuple[int, int, int, int]], width: float,
            narrow_labels: bool) -> list[float]:
    """Label columns wider than number columns; ``narrow_labels`` squeezes them so labels wrap."""
    wide = {(r, c) for r, c, _, cs in merges if cs > 1}
    covered = {(r + dr, c + dc) for r, c, rs, cs in merges for dr in range(rs) for dc in range(cs) if dr or dc}
    weights = []
    for c in range(max(len(r) for r in grid)):
        lengths = [max(len(p) for p in row[c].split("\n")) for r, row in enumerate(grid)
                   if c < len(row) and (r, c) not in covered and (r, c) not in wide]
        cap = 9 if narrow_labels else 16
        weights.append(min(max(lengths, default=2), cap) + 2)
    total = sum(weights)
    return [width * w / total for w in weights]


@dataclass
class _Rendered:
    pdf: bytes
    paragraphs: list[str]
    printed: dict[str, list[list[str]]]


def render_layout(report: SynthReport, layout: Layout) -> _Rendered:
    """Draw ``report`` in ``layout``; return the bytes, the prose paragraphs and the printed table grids."""
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate, Paragraph, Spacer

    _register_fonts()
    size = layout.body_size
    body_font = SONG
    head_font = HEI if layout.mixed_fonts else SONG
    body = ParagraphStyle("body", fontName=body_font, fontSize=size, leading=size * 1.75, firstLineIndent=2 * size,
                          alignment=TA_JUSTIFY, wordWrap="CJK")
    head = ParagraphStyle("head", parent=body, fontName=head_font, fontSize=size + (1 if layout.mixed_fonts else 0),
                          firstLineIndent=2 * size, spaceBefore=size * 0.4)
    title = ParagraphStyle("title", parent=body, fontName=head_font, fontSize=size * 1.6, leading=size * 2.6,
                           alignment=TA_CENTER, firstLineIndent=0, spaceAfter=size * 0.6)
    cell_size = size * (0.72 if layout.mixed_fonts else 0.78)
    margin = layout.margins_mm * mm
    portrait_w = A4[0] - 2 * margin
    land = landscape(A4)
    land_margin = min(margin, 12 * mm)
    paragraphs: list[str] = []
    printed: dict[str, list[list[str]]] = {}
    counter = [0]
    story: list[Any] = []
    table_names = iter(("table2", "table3", "table4"))
    k_para = 0
    blocks = report.blocks
    for i, b in enumerate(blocks):
        kind = b[0]
        if kind == "title":
            story.append(Paragraph(_esc(b[1]), title))
            paragraphs.append(b[1])
        elif kind == "h" or (kind == "p" and len(b[1]) < 12 and b[1].startswith("（")):
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            is_t3_head = nxt is not None and nxt[0] == "table" and len(nxt[1]) > 20
            if is_t3_head and layout.landscape_t3:
                story += [NextPageTemplate("landscape"), PageBreak()]
            elif is_t3_head and layout.t3_split:
                story.append(Spacer(1, 330))  # table 三 starts low on the page: it must break
            if layout.bold:
                story.append(BoldLine(b[1], head_font, head.fontSize, layout.bold, 2 * size))
            else:
                story.append(Paragraph(_esc(b[1]), head))
            paragraphs.append(b[1])
        elif kind == "p":
            text = _hard_break(b[1], k_para) if layout.hard_breaks else _esc(b[1])
            k_para += 1
            story.append(Paragraph(text, body))
            paragraphs.append(b[1])
        else:
            name = next(table_names)
            grid = _cell_texts(b, layout, counter)
            printed[name] = grid
            n_header = {"table2": 1, "table3": 3, "table4": 3}[name]
            on_landscape = name == "table3" and layout.landscape_t3
            w = (land[0] - 2 * land_margin) if on_landscape else portrait_w
            if on_landscape:  # a whole table 三 on one landscape page needs a smaller font
                story.append(_table_flowable(grid, b[2], n_header, layout, w, body_font, 7.5, False, pad=1))
                story += [Spacer(1, size * 0.8), NextPageTemplate("portrait"), PageBreak()]
                continue
            if name == "table3" and layout.t3_split:
                story += _split_table(grid, b[2], n_header, layout, w, body_font, cell_size)
            else:
                story.append(_table_flowable(grid, b[2], n_header, layout, w, body_font, cell_size, False))
            story.append(Spacer(1, size * 0.8))

    def furniture(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        w, h = canvas._pagesize
        m = land_margin if w > h else margin
        if layout.running_header:
            canvas.setFont(SONG, 9)
            canvas.drawCentredString(w / 2, h - m + 14, report.agency.name)
            canvas.setLineWidth(0.5)
            canvas.line(m, h - m + 10, w - m, h - m + 10)
        canvas.restoreState()

    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin, title=report.title, author="gkreview corpora", invariant=1)
    portrait = PageTemplate("portrait", [Frame(margin, margin, portrait_w, A4[1] - 2 * margin, id="p")],
                            onPage=furniture, pagesize=A4)
    wide = PageTemplate("landscape", [Frame(land_margin, land_margin, land[0] - 2 * land_margin,
                                            land[1] - 2 * land_margin, id="l")],
                        onPage=furniture, pagesize=land)
    doc.addPageTemplates([portrait, wide])
    doc.build(story, canvasmaker=_numbered_canvas(layout.footer, margin, land_margin))
    return _Rendered(buf.getvalue(), paragraphs, printed)


def _numbered_canvas(footer: str, margin: float, land_margin: float) -> Callable[..., Any]:
    """A canvas that prints page numbers once the page count is known (``第 3 页 共 8 页``)."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                if footer != "none":
                    n = self._pageNumber
                    text = f"- {n} -" if footer == "dash" else f"第 {n} 页 共 {total} 页"
                    self.setFont(SONG, 10)
                    w, h = self._pagesize
                    self.drawCentredString(w / 2, (land_margin if w > h else margin) * 0.45, text)
                super().showPage()
            super().save()

    return NumberedCanvas


# --------------------------------------------------------------------------- entry point


def build(layout: Layout) -> tuple[bytes, dict[str, Any]]:
    """The PDF of one layout and its manifest entry."""
    report = make_report(seed=layout.seed, year=2023, template="2021", scale=1500)
    out = render_layout(report, layout)
    entry = {"file": f"{layout.name}.pdf", "layout": {k: v for k, v in asdict(layout).items() if k != "features"},
             "features": list(layout.features), "year": report.year, "agency": report.agency.name,
             "paragraphs": out.paragraphs, "tables": expected_cells(report, out.printed)}
    return out.pdf, entry


def main() -> None:
    OUT.mkdir(exist_ok=True)
    entries = []
    for layout in LAYOUTS:
        data, entry = build(layout)
        (OUT / entry["file"]).write_bytes(data)
        entries.append(entry)
        print(f"{entry['file']}: {len(data):,} bytes")
    manifest = {"about": __doc__.split("\n\n")[0], "files": entries}
    (OUT / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
