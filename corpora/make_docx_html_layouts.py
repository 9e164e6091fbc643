"""Clean reports as .docx and .html files laid out the ways Word, WPS and portal CMSs write them.

``corpora/render.py`` writes every .docx with python-docx's default template (typed
``一、`` headings in ``Heading 1``, one grid per template table) and every page with
one ``<table>`` per template table in ``div#zoom``. Real files differ in ways a parser
must survive; each file here exercises several of them:

DOCX (written as raw WordprocessingML, as Word and WPS store it):

- table 三 split into two tables (Word's "split table"), with and without the header
  rows repeated, the split falling inside a vertically merged group label;
- header rows marked "repeat as header row" (``w:tblHeader``);
- a template table nested inside the single cell of a layout table;
- row labels broken by soft line breaks (``w:br``) and carrying bracketed notes (in a second paragraph
  of the cell);
- numbers as simple and complex fields, with trailing spaces, and in full-width digits;
- empty paragraphs, page breaks and section breaks (a landscape section) between tables;
- headings in a WPS outline-level style (style id ``1``), with direct ``w:outlineLvl``,
  or as a numbered list where ``一、`` and ``（一）`` come from ``numbering.xml``;
- the title in a text box; tracked changes (``w:ins``/``w:del``, a deleted table row):
  deleted text must not be read;
- table 三 with a first column of row numbers (1, 2, 3 …) before the labels, and a
  legacy horizontal merge (``w:hMerge``).

HTML:

- Word-pasted markup in ``div.TRS_Editor`` (``MsoNormal`` paragraphs, inline styles,
  ``<o:p>``, ``&nbsp;`` padding, full-width spaces, Word's spacer row of empty cells);
- cells holding ``<p>``/``<span>``/``<br>``; headers built with rowspan/colspan and ``<th>``;
- the report split over several ``<table>`` elements by the CMS (table 三 in three
  pieces, table 二 one table per 第二十条 block, table 四's header and values apart);
- a GBK page declaring ``<meta charset=gbk>``;
- tables drawn as CSS grids of ``<div>`` cells (``grid-row``/``grid-column`` spans), or as ``<div>`` rows
  and cells with CSS table display, with no ``<table>``.

Content comes from :func:`corpora.synth.make_report`, so the numbers obey every
identity and a correct parse reviews clean. ``manifest.json`` lists per file its layout
features, the section headings as a reader sees them, every table 二/三/四 cell as
printed with its true value, and text that must not be read (deleted revisions).

Run: ``python corpora/make_docx_html_layouts.py`` (writes ``corpora/docx_html_layouts/``).
"""

from __future__ import annotations

import html
import io
import itertools
import json
import re
import sys
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # run as a script: the repository root is what imports need
    sys.path.insert(0, str(HERE.parent))

from corpora.synth import T3_GROUPS, T4_BLOCKS, T4_COLS, SynthReport, make_report  # noqa: E402

OUT = HERE / "docx_html_layouts"
FULLWIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)

Block = tuple[Any, ...]
_SUBHEAD_RE = re.compile(r"^（[一二三四五六七八九]）[^，。]{2,10}$")
Merges = list[tuple[int, int, int, int]]


# =========================================================================== printed cells


@dataclass
class PCell:
    """One printed cell: its visible text and how it is encoded (plain, field, tracked change, …)."""

    text: str
    kind: str = "plain"  # plain | field | cfield | tracked | label
    old: str = ""  # tracked: the deleted text


def _is_number(text: str) -> bool:
    return bool(text) and text.replace(".", "", 1).replace("-", "", 1).isdigit()


def printed_grid(rows: list[list[str]], styles: Sequence[str], counter: list[int],
                 labels: dict[str, str] | None = None) -> list[list[PCell]]:
    """The synth grid as printed: number cells cycle through ``styles``; labels replaced from ``labels``."""
    labels = labels or {}
    out: list[list[PCell]] = []
    for row in rows:
        prow: list[PCell] = []
        for text in row:
            if _is_number(text):
                style = styles[counter[0] % len(styles)]
                counter[0] += 1
                prow.append(_number_cell(text, style))
            else:
                prow.append(PCell(labels.get(text, text), "label"))
        out.append(prow)
    return out


def _number_cell(text: str, style: str) -> PCell:
    if style == "fullwidth":
        return PCell(text.translate(FULLWIDTH))
    if style == "trailing":
        return PCell(text + "  ")
    if style == "leading":
        return PCell("\u3000" + text + " ")
    if style == "zw":  # editor artefacts: a zero-width space (UEditor's caret filler) and a BOM inside the cell
        return PCell("\u200b" + text + "\ufeff")
    if style in ("field", "cfield"):
        return PCell(text, style)
    if style == "tracked":
        old = str(int(float(text)) + 3)
        return PCell(text, "tracked", old)
    return PCell(text)


# =========================================================================== expected values


def _canon_row(key: str) -> str:
    return unicodedata.normalize("NFKC", key)


def t3_keys(template: str) -> list[str]:
    keys = ["一", "二"]
    for label, leaves in T3_GROUPS:
        g = label[:3]
        if not leaves or (template == "2019" and g == "（六）"):
            keys.append(g)
        else:
            keys.extend(f"{g}{i + 1}" for i in range(len(leaves)))
    return [*keys, "（七）", "四"]


T2_COLS = {
    "2021": {"规章": ("本年制发件数", "本年废止件数", "现行有效件数"),
             "行政规范性文件": ("本年制发件数", "本年废止件数", "现行有效件数"),
             "行政许可": ("本年处理决定数量",), "行政处罚": ("本年处理决定数量",), "行政强制": ("本年处理决定数量",),
             "行政事业性收费": ("本年收费金额",)},
    "2019": {"规章": ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
             "规范性文件": ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
             "行政许可": ("上一年项目数量", "本年增减", "处理决定数量"),
             "其他对外管理服务事项": ("上一年项目数量", "本年增减", "处理决定数量"),
             "行政处罚": ("上一年项目数量", "本年增减", "处理决定数量"),
             "行政强制": ("上一年项目数量", "本年增减", "处理决定数量"),
             "行政事业性收费": ("上一年项目数量", "本年增减"),
             "政府集中采购": ("采购项目数量", "采购总金额")},
}


def expected_cells(report: SynthReport, t2: list[list[PCell]], t3: list[list[PCell]], t4: list[list[PCell]],
                   t3_first_value: int) -> dict[str, dict[str, Any]]:
    """Every table 二/三/四 cell: canonical ``row/column`` → [printed text, true value].

    Printed texts are read from the printed grids at the synth template positions
    (table 三: three header rows, values from column ``t3_first_value``; table 四:
    the fourth row; table 二: the row whose first cell is the label).
    """
    v = report.values
    out: dict[str, dict[str, Any]] = {"table2": {}, "table3": {}, "table4": {}}
    cols3 = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    for key, row in zip(t3_keys(report.template), t3[3:], strict=True):
        for c, col in enumerate(cols3):
            out["table3"][f"{_canon_row(key)}/{col}"] = [_visible(row[t3_first_value + c]), v["table3"][key][c]]
    values4 = t4[3][-15:]  # after a caption cell, if any
    for b, block in enumerate(T4_BLOCKS):
        for c, col in enumerate(T4_COLS):
            out["table4"][f"{block}/{col}"] = [_visible(values4[5 * b + c]), v["table4"][5 * b + c]]
    by_label: dict[str, list[PCell]] = {}
    for row in t2:
        i = next((i for i, x in enumerate(row) if _label_key(x.text) in T2_COLS[report.template]), None)
        if i is not None:
            by_label[_label_key(row[i].text)] = row[i + 1:]
    for key, cols in T2_COLS[report.template].items():
        for c, col in enumerate(cols):
            out["table2"][f"{key}/{col}"] = [_visible(by_label[key][c]), v["table2"][key][c]]
    return out


def _visible(cell: PCell) -> str:
    """The cell's text as a reader sees it (zero-width characters are not printed)."""
    return cell.text.translate(INVISIBLE)


def t2_block_column(rows: list[list[str]], merges: Merges) -> tuple[list[list[str]], Merges]:
    """Table 二 with each block's caption (第二十条第（一）项) in a merged column left of the row labels instead of a
    row above the block."""
    out: list[list[str]] = []
    new_index: dict[int, int] = {}
    blocks: list[tuple[int, int]] = []
    caption = ""
    for r, row in enumerate(rows):
        if row[0].startswith("第二十条"):
            caption = row[0]
            blocks.append((len(out), 0))
            continue
        new_index[r] = len(out)
        out.append([caption, *row])
        blocks[-1] = (blocks[-1][0], blocks[-1][1] + 1)
    shifted = [(new_index[r], c + 1, rs, cs) for r, c, rs, cs in merges if r in new_index]
    return out, [(start, 0, n, 1) for start, n in blocks] + shifted


def t4_caption_column(rows: list[list[str]], merges: Merges) -> tuple[list[list[str]], Merges]:
    """Table 四 with a caption column: 项目 over the header rows, 数量（件） before the values."""
    out = [["项目", *row] for row in rows[:3]] + [["数量（件）", *row] for row in rows[3:]]
    return out, [(0, 0, 3, 1), *((r, c + 1, rs, cs) for r, c, rs, cs in merges)]


def t4_transposed(cells: list[list[PCell]], mode: str) -> tuple[list[list[PCell]], Merges]:
    """Table 四 turned round, as some agencies print it.

    ``rows``: the three blocks as rows (行政复议; 行政诉讼 over 未经复议直接起诉 and 复议后起诉) and the five
    outcomes (结果维持 … 总计) as columns. ``rotated``: the whole table rotated, one row per block and outcome
    with the value in the last column (行政复议 over five rows, 行政诉讼 over ten).
    """
    values = cells[3][-15:]
    blocks = [("行政复议", "行政复议"), ("行政诉讼", "未经复议直接起诉"), ("行政诉讼", "复议后起诉")]
    lab = PCell
    if mode == "rows":
        out = [[lab("项目", "label"), lab("项目", "label"), *(lab(c, "label") for c in T4_COLS)]]
        out += [[lab(a, "label"), lab(b, "label"), *values[5 * i:5 * i + 5]] for i, (a, b) in enumerate(blocks)]
        return out, [(0, 0, 1, 2), (1, 0, 1, 2), (2, 0, 2, 1)]
    assert mode == "rotated", mode
    out = [[lab("类别", "label"), lab("类别", "label"), lab("结果", "label"), lab("数量（件）", "label")]]
    for i, (a, b) in enumerate(blocks):
        out += [[lab(a, "label"), lab(b, "label"), lab(c, "label"), values[5 * i + k]] for k, c in enumerate(T4_COLS)]
    return out, [(0, 0, 1, 3), (1, 0, 5, 2), (6, 0, 10, 1), (6, 1, 5, 1), (11, 1, 5, 1)]


def _label_key(text: str) -> str:
    """A printed table-二 label without soft breaks and bracketed notes (``规章（设区的市…）`` → 规章)."""
    text = text.replace("\n", "")
    return text.split("（", 1)[0]


# =========================================================================== DOCX (raw WordprocessingML)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS_DECL = (f'xmlns:w="{W_NS}" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
            'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"')
_REV = 'w:id="{id}" w:author="审核人" w:date="2024-01-10T09:00:00Z"'


def _x(text: str) -> str:
    return html.escape(text, quote=False)


class _Ids:
    """Revision ids (unique per document, as Word requires)."""

    def __init__(self) -> None:
        self.n = 100

    def next(self) -> int:
        self.n += 1
        return self.n


def runs(text: str, rpr: str = "") -> str:
    """Runs for ``text``: a newline is a soft line break (``w:br``) inside the run, as Shift+Enter types it."""
    parts = text.split("\n")
    inner = "<w:br/>".join(f'<w:t xml:space="preserve">{_x(p)}</w:t>' for p in parts)
    return f"<w:r>{rpr}{inner}</w:r>"


def para(content: str, ppr: str = "") -> str:
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{content}</w:p>"


def cell_runs(cell: PCell, ids: _Ids) -> str:
    """The runs of a printed cell, encoded as its kind says."""
    if cell.kind == "field":
        return f'<w:fldSimple w:instr=" =SUM(LEFT) ">{runs(cell.text)}</w:fldSimple>'
    if cell.kind == "cfield":
        return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                '<w:r><w:instrText xml:space="preserve"> =SUM(ABOVE) \\# "0" </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                f"{runs(cell.text)}"
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    if cell.kind == "tracked":
        return (f'<w:del {_REV.format(id=ids.next())}><w:r><w:delText>{_x(cell.old)}</w:delText></w:r></w:del>'
                f'<w:ins {_REV.format(id=ids.next())}>{runs(cell.text)}</w:ins>')
    return runs(cell.text) if cell.text else ""


@dataclass
class DocxTable:
    """A grid to write as ``w:tbl``: printed cells, merges, and Word's row options."""

    cells: list[list[PCell]]
    merges: Merges
    header_rows: int = 0  # rows marked "repeat as header row"
    hmerge: bool = False  # write horizontal merges as legacy w:hMerge instead of w:gridSpan
    deleted_row_after: int | None = None  # a tracked-deleted row inserted after this row
    # (row, col) of merge starts written as a bare continuation (w:vMerge without restart): what Word leaves at
    # the top of the lower part of a split table when a vertical merge crossed the split
    orphans: frozenset[tuple[int, int]] = frozenset()
    sdt_rows: frozenset[int] = frozenset()  # rows wrapped in a row-level content control


def docx_table(t: DocxTable, ids: _Ids, numbering: Callable[[int, int], str] | None = None) -> str:
    """``w:tbl`` XML with ``w:gridSpan``/``w:vMerge`` (or ``w:hMerge``) from the merges."""
    width = max(len(r) for r in t.cells)
    starts = {(r0, c0): (rs, cs) for r0, c0, rs, cs in t.merges}
    covered: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for r0, c0, rs, cs in t.merges:
        for r in range(r0, r0 + rs):
            for c in range(c0, c0 + cs):
                if (r, c) != (r0, c0):
                    covered[(r, c)] = (r0, c0, rs, cs)
    out = ['<w:tbl><w:tblPr><w:tblStyle w:val="a3"/><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tblGrid>'
           + "".join('<w:gridCol w:w="800"/>' for _ in range(width)) + "</w:tblGrid>"]
    for r, row in enumerate(t.cells):
        trpr = "<w:trPr><w:tblHeader/></w:trPr>" if r < t.header_rows else ""
        tcs: list[str] = []
        c = 0
        while c < width:
            if (r, c) in covered:
                r0, c0, rs, cs = covered[(r, c)]
                if c == c0:  # below the top-left of a vertical merge: a continuation cell
                    span = f'<w:gridSpan w:val="{cs}"/>' if cs > 1 and not t.hmerge else ""
                    tcs.append(f"<w:tc><w:tcPr>{span}<w:vMerge/></w:tcPr><w:p/></w:tc>")
                    c += 1 if t.hmerge else cs
                    continue
                if t.hmerge and r == r0:
                    tcs.append('<w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc>')
                elif t.hmerge:
                    tcs.append('<w:tc><w:tcPr><w:hMerge/><w:vMerge/></w:tcPr><w:p/></w:tc>')
                c += 1
                continue
            rs, cs = starts.get((r, c), (1, 1))
            props = ""
            if cs > 1:
                props += '<w:hMerge w:val="restart"/>' if t.hmerge else f'<w:gridSpan w:val="{cs}"/>'
            if rs > 1:
                props += '<w:vMerge/>' if (r, c) in t.orphans else '<w:vMerge w:val="restart"/>'
            cell = row[c] if c < len(row) else PCell("")
            tcs.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{_cell_paras(cell, ids)}</w:tc>")
            c += 1 if t.hmerge else cs
        tr = f"<w:tr>{trpr}{''.join(tcs)}</w:tr>"
        out.append(sdt(tr, "行") if r in t.sdt_rows else tr)
        if t.deleted_row_after == r:
            rev = _REV.format(id=ids.next())
            dels = "".join(f'<w:tc><w:p><w:del {_REV.format(id=ids.next())}><w:r><w:delText>{x}</w:delText>'
                           "</w:r></w:del></w:p></w:tc>" for x in ["（旧）合计", *["9"] * (width - 1)])
            out.append(f"<w:tr><w:trPr><w:del {rev}/></w:trPr>{dels}</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _cell_paras(cell: PCell, ids: _Ids) -> str:
    """A cell's paragraphs: a label ending in a bracketed note of some length (（区分处理的，…）) has the note in a
    paragraph of its own, as typed with Enter in the cell."""
    jc = '<w:jc w:val="center"/>'
    text = cell.text
    cut = text.rfind("（")
    if cell.kind == "label" and "\n" not in text and cut > 0 and text.endswith("）") and len(text) - cut >= 6:
        return para(runs(text[:cut]), jc) + para(runs(text[cut:]), jc)
    return para(cell_runs(cell, ids), jc)


def _sect(landscape: bool = False) -> str:
    size = '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>' if landscape else '<w:pgSz w:w="11906" w:h="16838"/>'
    return f'<w:sectPr>{size}<w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800"/></w:sectPr>'


_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}">
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>
<w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:sz w:val="32"/></w:rPr>
</w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/>
<w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:eastAsia="楷体"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="11"><w:name w:val="List Heading"/><w:basedOn w:val="1"/>
<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="Title"/><w:basedOn w:val="a"/><w:pPr><w:jc w:val="center"/>
</w:pPr></w:style>
<w:style w:type="table" w:styleId="a3"><w:name w:val="Table Grid"/></w:style>
</w:styles>"""

_NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}">
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>
<w:lvlJc w:val="left"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>
<w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
</Types>"""

_PKG_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
 Target="word/document.xml"/>
</Relationships>"""

_DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
 Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
 Target="numbering.xml"/>
</Relationships>"""


_CHUNK_TYPES = {"htm": "application/xhtml+xml", "mht": "message/rfc822",
                "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def docx_package(body: list[str], chunks: Sequence[tuple[str, bytes]] = ()) -> bytes:
    """A minimal .docx (as WPS writes one: document, styles, numbering) with a fixed zip timestamp.

    ``chunks`` are (part name, bytes) of ``w:altChunk`` parts, related as ``rIdC1``, ``rIdC2`` … in order.
    """
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {_NS_DECL}><w:body>'
                + "".join(body) + _sect() + "</w:body></w:document>")
    types, rels = _CONTENT_TYPES, _DOC_RELS
    for k, (name, _data) in enumerate(chunks, 1):
        types = types.replace("</Types>", f'<Override PartName="/word/{name}" '
                              f'ContentType="{_CHUNK_TYPES[name.rsplit(".", 1)[1]]}"/>\n</Types>')
        rels = rels.replace("</Relationships>", f'<Relationship Id="rIdC{k}" Type="http://schemas.openxmlformats.org/'
                            f'officeDocument/2006/relationships/aFChunk" Target="{name}"/>\n</Relationships>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        parts: list[tuple[str, str | bytes]] = [
            ("[Content_Types].xml", types), ("_rels/.rels", _PKG_RELS), ("word/_rels/document.xml.rels", rels),
            ("word/document.xml", document), ("word/styles.xml", _STYLES), ("word/numbering.xml", _NUMBERING),
            *((f"word/{name}", data) for name, data in chunks)]
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=_FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    return buf.getvalue()


def alt_chunk(kind: str, cells: list[list[PCell]], merges: Merges, header_rows: int, ids: _Ids,
              chunks: list[tuple[str, bytes]]) -> str:
    """A table put in a ``w:altChunk`` part of the given kind (htm, mht or docx); returns the body element."""
    page = ("<html><head><meta charset=utf-8></head><body>"
            + html_table(cells, merges, HtmlOptions(), header_rows) + "</body></html>")
    if kind == "htm":
        data = page.encode("utf-8")
    elif kind == "mht":
        import quopri

        data = (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_01\"\r\n\r\n"
                b"------=_NextPart_01\r\nContent-Location: file:///C:/chunk.htm\r\n"
                b"Content-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset=\"utf-8\"\r\n\r\n"
                + quopri.encodestring(page.encode("utf-8")) + b"\r\n------=_NextPart_01--\r\n")
    else:
        data = docx_package([docx_table(DocxTable(cells, merges, header_rows=header_rows), ids), para("")])
    chunks.append((f"afchunk{len(chunks) + 1}.{kind}", data))
    return f'<w:altChunk r:id="rIdC{len(chunks)}"/>'



def text_box(text: str) -> str:
    """A paragraph anchoring a text box that holds ``text``, centred."""
    return text_box_xml(para(runs(text), '<w:jc w:val="center"/>'))


def text_box_xml(inner: str) -> str:
    """A paragraph anchoring a text box (DrawingML shape with a VML fallback) whose content is ``inner``."""
    return para(
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" '
        'distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset>'
        '</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="5400000" cy="720000"/><wp:wrapTopAndBottom/><wp:docPr id="1" name="文本框 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f'<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape>'
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r>")


def sdt(inner: str, tag: str = "表格", placeholder: bool = False) -> str:
    """A content control (as templates with fill-in fields have) around block, row or run content; a
    ``placeholder`` one is an empty field showing its grey prompt."""
    flag = "<w:showingPlcHdr/>" if placeholder else ""
    return (f'<w:sdt><w:sdtPr><w:alias w:val="{tag}"/>{flag}</w:sdtPr>'
            f"<w:sdtContent>{inner}</w:sdtContent></w:sdt>")


PROMPT_BLOCK = "单击或点击此处输入文字。"
PROMPT_RUN = "单击此处输入日期。"


@dataclass
class DocxOptions:
    """How one .docx is written (see the module docstring)."""

    # style (WPS outline-level style "1") | outline (direct w:outlineLvl) | numbered (w:numPr on the paragraph)
    # | style_numbered (the numbering comes with the paragraph style)
    headings: str = "style"
    title_box: bool = False
    t3_split: str = ""  # "" | repeat | norepeat
    nested: tuple[str, ...] = ()  # template tables ("table2", "table4") put inside a one-cell layout table
    numbers: tuple[str, ...] = ("plain",)  # number cell styles, cycled
    soft_breaks: bool = False  # long labels broken by w:br
    notes: bool = False  # bracketed notes appended to labels
    tracked: bool = False  # tracked changes in prose, cells and a deleted row
    row_numbers: bool = False  # table 三 gets a first column of row numbers
    hmerge: bool = False  # table 二 merges as legacy w:hMerge
    landscape_t4: bool = False  # a section break before and after table 四 (landscape section)
    t4_textbox: bool = False  # table 四 drawn inside a text box
    sdt: bool = False  # table 二 inside a content control, a row of table 三 in a row-level one
    t2_block_column: bool = False  # table 二's block captions in a merged left column
    t4_transposed: str = ""  # "" | rows | rotated: table 四 turned round (see t4_transposed)
    alt_chunks: tuple[tuple[str, str], ...] = ()  # (table name, htm | mht | docx): the table in a w:altChunk part


_SOFT_BREAKS = {
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "（二）部分公开\n（区分处理的，只计这一情形，不计其他情形）",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请":
        "1.申请人无正当理由逾期不补正、\n行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请":
        "2.申请人逾期未按收费通知\n要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "5.要求行政机关确认或重新出具已获取信息": "5.要求行政机关确认或\n重新出具已获取信息",
    "一、本年新收政府信息公开申请数量": "一、本年新收政府信息\n公开申请数量",
    "本年收费金额（单位：万元）": "本年收费金额\n（单位：万元）",
    "社会公益组织": "社会公益\n组织",
}
_NOTES = {
    "规章": "规章（设区的市、自治州人民政府应提供相关数据）",
    "行政规范性文件": "行政规范性文件（含部门规范性文件）",
    "（三）不予公开": "（三）不予公开（以下各项合计）",
    "1.属于国家秘密": "1.属于国家秘密（依据《保守国家秘密法》）",
    "四、结转下年度继续办理": "四、结转下年度继续办理（截至12月31日尚未办结）",
    "总计": "总计（件）",
}
# The 2019 template prints 本年增/减; a few labels of it carry notes too.
_NOTES_2019 = {"规章": _NOTES["规章"], "其他对外管理服务事项": "其他对外管理服务事项（指行政许可以外的服务事项）"}


def _labels(opts: DocxOptions, template: str) -> dict[str, str]:
    out: dict[str, str] = {}
    if opts.notes:
        out.update(_NOTES if template == "2021" else _NOTES_2019)
    if opts.soft_breaks:
        for k, v in _SOFT_BREAKS.items():
            out[k] = out.get(k, v)
    return out


def _with_row_numbers(cells: list[list[PCell]], merges: Merges) -> tuple[list[list[PCell]], Merges]:
    """Table 三 with a 序号 column: header rows merged under 序号, data rows numbered 1, 2, 3 …"""
    out = [[PCell("序号", "label"), *row] for row in cells[:3]]
    out += [[PCell(str(i + 1)), *row] for i, row in enumerate(cells[3:])]
    shifted = [(r, c + 1, rs, cs) for r, c, rs, cs in merges]
    return out, [(0, 0, 3, 1), *shifted]


def _split_t3(cells: list[list[PCell]], merges: Merges, at: int, repeat: bool
              ) -> tuple[tuple[list[list[PCell]], Merges], tuple[list[list[PCell]], Merges, frozenset[tuple[int, int]]]]:
    """Word's split table: rows before ``at`` stay; vertical merges crossing the split end in part one and
    continue in part two as a merge with no text (Word keeps the text in the upper part)."""
    top_m: Merges = []
    bot_m: Merges = []
    head = 3 if repeat else 0
    for r0, c0, rs, cs in merges:
        if r0 + rs <= at:
            top_m.append((r0, c0, rs, cs))
            if repeat and r0 < 3:
                bot_m.append((r0, c0, rs, cs))
        elif r0 >= at:
            bot_m.append((r0 - at + head, c0, rs, cs))
        else:
            top_m.append((r0, c0, at - r0, cs))
            bot_m.append((head, c0, r0 + rs - at, cs))
    bottom = [list(row) for row in cells[at:]]
    # the text of a merged label continued below the split is not repeated in the lower part
    for r0, c0, rs, cs in merges:
        if r0 < at < r0 + rs:
            for c in range(c0, c0 + cs):
                bottom[0][c] = PCell("", "label")
    lower = (cells[:3] if repeat else []) + bottom
    orphans = frozenset((head, c0) for r0, c0, rs, _ in merges if r0 < at < r0 + rs)
    return (cells[:at], top_m), (lower, bot_m, orphans)


def docx_report(report: SynthReport, opts: DocxOptions) -> tuple[bytes, dict[str, Any]]:
    """The report as a .docx in the given layout, and its manifest entry (without ``file``/``features``)."""
    ids = _Ids()
    counter = [0]
    labels = _labels(opts, report.template)
    body: list[str] = []
    headings: list[str] = []
    absent: list[str] = []
    grids: dict[str, list[list[PCell]]] = {}
    chunks: list[tuple[str, bytes]] = []
    t3_first = 3
    section_no = 0
    sub_started = False
    tables = [b for b in report.blocks if b[0] == "table"]
    table_names = dict(zip((id(b) for b in tables), ("table2", "table3", "table4"), strict=True))
    for b in report.blocks:
        kind = b[0]
        if kind == "title":
            if opts.title_box:
                body.append(text_box(b[1]))
            else:
                body.append(para(runs(b[1]), '<w:pStyle w:val="a5"/>'))
        elif kind == "h":
            headings.append(b[1])
            section_no += 1
            sub_started = False
            if opts.headings == "numbered":
                body.append(para(runs(b[1][2:]), '<w:pStyle w:val="1"/><w:numPr><w:ilvl w:val="0"/>'
                                                 '<w:numId w:val="1"/></w:numPr>'))
            elif opts.headings == "style_numbered":
                body.append(para(runs(b[1][2:]), '<w:pStyle w:val="11"/>'))
            elif opts.headings == "outline":
                body.append(para(runs(b[1], "<w:rPr><w:b/></w:rPr>"), '<w:outlineLvl w:val="0"/>'))
            else:
                body.append(para(runs(b[1]), '<w:pStyle w:val="1"/>'))
        elif kind == "p":
            text = b[1]
            if opts.headings == "numbered" and section_no == 1 and _SUBHEAD_RE.match(text):
                body.append(para(runs(text[3:]), '<w:pStyle w:val="2"/><w:numPr><w:ilvl w:val="1"/>'
                                                 '<w:numId w:val="1"/></w:numPr>'))
                sub_started = True
            elif opts.tracked and section_no == 5 and sub_started is False:
                sub_started = True
                old = "（此段待删除：上年度整改未完成）"
                absent.append(old)
                body.append(para(f'<w:del {_REV.format(id=ids.next())}><w:r><w:delText>{_x(old)}</w:delText>'
                                 f"</w:r></w:del>" + runs(text[:10])
                                 + f'<w:ins {_REV.format(id=ids.next())}>{runs(text[10:])}</w:ins>'))
            elif opts.sdt and section_no == 6 and not sub_started:
                # a template's fill-in fields left empty: a block field and a run field showing their prompts
                sub_started = True
                body.append(sdt(para(runs(PROMPT_BLOCK)), "补充事项", placeholder=True))
                body.append(para(runs(text) + sdt(runs(PROMPT_RUN), "日期", placeholder=True)))
                absent.extend((PROMPT_BLOCK, PROMPT_RUN))
            else:
                body.append(para(runs(text)))
        else:
            name = table_names[id(b)]
            grid_rows, merges = list(b[1]), list(b[2])
            if name == "table2" and opts.t2_block_column:
                grid_rows, merges = t2_block_column(grid_rows, merges)
            cells = printed_grid(grid_rows, opts.numbers, counter, labels)
            if name == "table3" and opts.tracked:
                # a tracked correction in a value: the deleted figure must not be read
                cells[5][3] = _number_cell(cells[5][3].text, "tracked")
            grids[name] = cells
            if name == "table3" and opts.row_numbers:
                cells, merges = _with_row_numbers(cells, merges)
                t3_first = 4
                grids[name] = cells
            if name == "table4" and opts.t4_transposed:
                cells, merges = t4_transposed(cells, opts.t4_transposed)
            header = 3 if name == "table3" else 0
            if name == "table4" and opts.landscape_t4:
                body.append(para("", _sect()))
            chunk_kind = dict(opts.alt_chunks).get(name)
            if chunk_kind:
                body.append(alt_chunk(chunk_kind, cells, merges, header, ids, chunks))
            elif name == "table3" and opts.t3_split:
                at = 3 + 13  # between （四）1 and （四）2: the merged labels 三、 and （四） cross the split
                (c1, m1), (c2, m2, orphans) = _split_t3(cells, merges, at, opts.t3_split == "repeat")
                body.append(docx_table(DocxTable(c1, m1, header_rows=header), ids))
                body.append(para(""))
                body.append(para('<w:r><w:br w:type="page"/></w:r>'))
                body.append(para(""))
                rep = header if opts.t3_split == "repeat" else 0
                body.append(docx_table(DocxTable(c2, m2, header_rows=rep, orphans=orphans), ids))
            else:
                t = DocxTable(cells, merges, header_rows=header, hmerge=opts.hmerge and name == "table2",
                              deleted_row_after=(20 if opts.tracked and name == "table3" else None),
                              sdt_rows=frozenset({4, 9}) if opts.sdt and name == "table3" else frozenset())
                xml = docx_table(t, ids)
                if opts.sdt and name == "table2":
                    xml = sdt(xml)
                if opts.t4_textbox and name == "table4":
                    xml = text_box_xml(xml + para(""))
                if name in opts.nested:
                    xml = ('<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tblGrid>'
                           '<w:gridCol w:w="9000"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="9000"/></w:tcPr>'
                           f"{xml}<w:p/></w:tc></w:tr></w:tbl>")
                body.append(xml)
            body.append(para(""))
            if name == "table4" and opts.landscape_t4:
                body.append(para("", _sect(landscape=True)))
    if opts.tracked:
        # the deleted figure of the tracked value cell is checked by the cell's value (a digit string is no
        # distinctive text); the deleted row's label is
        absent.append("（旧）合计")
    entry = {"headings": headings, "absent": absent,
             "tables": expected_cells(report, grids["table2"], grids["table3"], grids["table4"], t3_first)}
    return docx_package(body, chunks), entry


# =========================================================================== HTML


@dataclass
class HtmlOptions:
    """How one page is written (see the module docstring)."""

    style: str = "plain"  # plain | word (Word-pasted MsoNormal markup in TRS_Editor)
    split: bool = False  # the CMS splits table 三, table 二 and table 四 into several <table>s
    div_grid: bool = False  # tables as CSS grids of <div> cells
    div_rows: bool = False  # tables as <div> rows and cells with CSS table display
    th_header: bool = False  # header rows as <thead><th>
    numbers: tuple[str, ...] = ("plain",)
    br_labels: bool = False  # long labels broken by <br>
    t4_caption: bool = False  # table 四 with a caption column (项目 / 数量（件）)
    zw_labels: bool = False  # zero-width spaces inside some labels and headings
    tracked: bool = False  # Word's tracked changes saved as <del>/<ins> in a value cell and a paragraph
    frame: tuple[str, ...] = ()  # template tables put in the second cell of a layout table (an empty first cell)
    t4_transposed: str = ""  # "" | rows | rotated: table 四 turned round (see t4_transposed)
    flex_rows: bool = False  # tables as flexbox <div> rows of cell <div>s (flex:N spanning N columns)
    struck: bool = False  # struck-out text (<s>, <strike>, CSS line-through) in a value cell and in prose
    encoding: str = "utf-8"
    charset: str = "utf-8"


def _h(text: str) -> str:
    return html.escape(text, quote=False)


_DEL_HTML = '<del cite="mailto:审核人" datetime="2024-01-10T09:00">{}</del>'
_INS_HTML = '<ins cite="mailto:审核人" datetime="2024-01-10T09:00">{}</ins>'


def _cell_html(cell: PCell, style: str) -> str:
    """Cell content: Word paste wraps it in MsoNormal paragraphs and spans; soft breaks become <br>; a tracked
    change is Word's <del>/<ins> pair."""
    parts = [_h(p) for p in cell.text.split("\n")]
    if cell.kind == "tracked":
        parts = [_DEL_HTML.format(_h(cell.old)) + _INS_HTML.format(_h(cell.text))]
    if cell.kind == "struck":
        parts = [f"<s>{_h(cell.old)}</s>{_h(cell.text)}"]
    if style == "word":
        text = "<br>".join(parts) if cell.text.strip() else "&nbsp;"
        return (f"<p class=MsoNormal align=center style='text-align:center;line-height:15.0pt'>"
                f"<span lang=EN-US style='font-size:10.5pt;font-family:仿宋_GB2312'>{text}<o:p></o:p></span></p>")
    return "<br />".join(parts)


def html_table(cells: list[list[PCell]], merges: Merges, opts: HtmlOptions, header_rows: int = 0) -> str:
    """A ``<table>`` with rowspan/colspan; Word paste adds its spacer row of empty cells at the end."""
    width = max(len(r) for r in cells)
    starts = {(r0, c0): (rs, cs) for r0, c0, rs, cs in merges}
    covered = {(r, c) for r0, c0, rs, cs in merges for r in range(r0, r0 + rs) for c in range(c0, c0 + cs)
               if (r, c) != (r0, c0)}
    word = opts.style == "word"
    open_tag = ("<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 width=600 "
                "style='width:450.0pt;border-collapse:collapse;border:none'>" if word
                else '<table border="1" cellspacing="0" style="border-collapse:collapse;width:100%">')
    out = [open_tag]
    for r, row in enumerate(cells):
        if opts.th_header and r == 0 and header_rows:
            out.append("<thead>")
        if opts.th_header and r == header_rows and header_rows:
            out.append("<tbody>")
        tag = "th" if opts.th_header and r < header_rows else "td"
        tds = []
        for c in range(width):
            if (r, c) in covered:
                continue
            rs, cs = starts.get((r, c), (1, 1))
            attrs = (f" rowspan={rs}" if rs > 1 else "") + (f" colspan={cs}" if cs > 1 else "")
            if word:
                attrs += " valign=middle style='border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'"
            cell = row[c] if c < len(row) else PCell("")
            tds.append(f"<{tag}{attrs}>{_cell_html(cell, opts.style)}</{tag}>")
        out.append(("<tr style='height:20.0pt'>" if word else "<tr>") + "".join(tds) + "</tr>")
        if opts.th_header and r == header_rows - 1 and header_rows:
            out.append("</thead>")
    if opts.th_header and header_rows:
        out.append("</tbody>")
    if word:
        out.append("<![if !supportMisalignedColumns]><tr height=0>"
                   + "".join("<td width=60 style='border:none'></td>" for _ in range(width)) + "</tr><![endif]>")
    out.append("</table>")
    return "\n".join(out)


def div_grid(cells: list[list[PCell]], merges: Merges) -> str:
    """A table drawn with CSS grid: one ``div`` per cell in reading order, merged cells spanning rows and columns
    by ``grid-row``/``grid-column`` (the browser places them; there is no row element)."""
    width = max(len(r) for r in cells)
    starts = {(r0, c0): (rs, cs) for r0, c0, rs, cs in merges}
    covered = {(r, c) for r0, c0, rs, cs in merges for r in range(r0, r0 + rs) for c in range(c0, c0 + cs)
               if (r, c) != (r0, c0)}
    out = [f'<div class="table-box" style="display:grid;grid-template-columns:repeat({width}, minmax(0, 1fr));'
           'border-top:1px solid #999;border-left:1px solid #999">']
    for r, row in enumerate(cells):
        for c in range(width):
            if (r, c) in covered:
                continue
            rs, cs = starts.get((r, c), (1, 1))
            span = (f"grid-column:span {cs};" if cs > 1 else "") + (f"grid-row:span {rs};" if rs > 1 else "")
            out.append(f'<div class="cell" style="{span}border-right:1px solid #999;border-bottom:1px solid #999">'
                       f"{_cell_html(row[c], 'plain')}</div>")
    out.append("</div>")
    return "\n".join(out)


def div_rows(cells: list[list[PCell]], merges: Merges) -> str:
    """A table drawn with CSS table display: ``div.tr`` rows of ``div.td`` cells. CSS tables cannot span, so a
    merged cell prints its text in its top-left position and leaves the positions it covers empty."""
    width = max(len(r) for r in cells)
    covered = {(r, c) for r0, c0, rs, cs in merges for r in range(r0, r0 + rs) for c in range(c0, c0 + cs)
               if (r, c) != (r0, c0)}
    out = ['<div class="tb" style="display:table;width:100%;border-collapse:collapse">']
    for r, row in enumerate(cells):
        tds = "".join(f'<div class="td" style="display:table-cell;border:1px solid #ccc">'
                      f"{'' if (r, c) in covered else _cell_html(row[c], 'plain')}</div>" for c in range(width))
        out.append(f'<div class="tr" style="display:table-row">{tds}</div>')
    out.append("</div>")
    return "\n".join(out)


def flex_rows(cells: list[list[PCell]], merges: Merges) -> str:
    """A table drawn with flexbox: ``display:flex`` row ``div``s of cell ``div``s. A cell merged across columns
    is one ``div`` grown over them (``flex:5``); a cell merged down prints its text in its top row and leaves the
    cells under it empty."""
    width = max(len(r) for r in cells)
    cover = {(r, c): (r0, c0, cs) for r0, c0, rs, cs in merges for r in range(r0, r0 + rs) for c in range(c0, c0 + cs)}
    out = ['<div class="flex-table" style="border-top:1px solid #ddd">']
    for r, row in enumerate(cells):
        tds, c = [], 0
        while c < width:
            r0, _c0, cs = cover.get((r, c), (r, c, 1))
            text = _cell_html(row[c], "plain") if r0 == r else ""
            tds.append(f'<div class="cell" style="flex:{cs};padding:4px;border-right:1px solid #ddd">{text}</div>')
            c += cs
        out.append(f'<div class="row" style="display:flex;border-bottom:1px solid #ddd">{"".join(tds)}</div>')
    out.append("</div>")
    return "\n".join(out)


_STRUCK_PROSE = ("<strike>（删除线：此段为旧稿内容。）</strike>",
                 '<span style="text-decoration: line-through">（旧稿：全年未收到申请。）</span>')


_T3_SPLITS = (3, 3 + 9)  # table 三: header rows alone, then the data in two tables


def html_report(report: SynthReport, opts: HtmlOptions) -> tuple[bytes, dict[str, Any]]:
    """The report as a portal page in the given layout, and its manifest entry."""
    counter = [0]
    labels = dict(_SOFT_BREAKS) if opts.br_labels else {}
    if opts.zw_labels:
        labels.update({"1.属于国家秘密": "1.属于\u200b国家秘密", "自然人": "自然\u200b人", "总计": "\ufeff总计"})
    grids: dict[str, list[list[PCell]]] = {}
    headings: list[str] = []
    absent: list[str] = []
    body: list[str] = []
    word = opts.style == "word"
    tables = [b for b in report.blocks if b[0] == "table"]
    table_names = dict(zip((id(b) for b in tables), ("table2", "table3", "table4"), strict=True))
    for b in report.blocks:
        kind = b[0]
        if kind == "title":
            body.append(f"<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:"
                        f"22.0pt;font-family:方正小标宋简体'>{_h(b[1])}</span></b></p>" if word
                        else f'<p style="text-align:center"><strong>{_h(b[1])}</strong></p>')
        elif kind == "h":
            headings.append(b[1])
            if opts.zw_labels:
                b = ("h", b[1][:2] + "\u200b" + b[1][2:])
            body.append(f"<p class=MsoNormal style='text-indent:32.0pt'><b><span style='font-family:黑体'>"
                        f"{_h(b[1])}<span lang=EN-US><o:p></o:p></span></span></b></p>" if word
                        else f"<p>&nbsp;&nbsp;<strong>{_h(b[1])}</strong></p>")
        elif kind == "p" and opts.tracked and b[1].startswith("下一步"):
            old_text = "（原稿：本年度未发现问题。）"
            absent.append(old_text)
            body.append(f"<p class=MsoNormal>{_DEL_HTML.format(_h(old_text))}{_INS_HTML.format(_h(b[1]))}</p>")
        elif kind == "p" and opts.struck and b[1].startswith("下一步"):
            absent.extend(re.sub(r"<[^>]+>", "", x) for x in _STRUCK_PROSE)
            body.append(f"<p>{_STRUCK_PROSE[0]}{_h(b[1])}{_STRUCK_PROSE[1]}</p>")
        elif kind == "p":
            body.append(f"<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt'><span style='font-size:"
                        f"16.0pt;font-family:仿宋_GB2312'>{_h(b[1])}<span lang=EN-US><o:p></o:p></span></span></p>"
                        if word else f"<p>\u3000\u3000{_h(b[1])}&nbsp;</p>")
        else:
            name = table_names[id(b)]
            grid_rows, merges = list(b[1]), list(b[2])
            if name == "table4" and opts.t4_caption:
                grid_rows, merges = t4_caption_column(grid_rows, merges)
            cells = printed_grid(grid_rows, opts.numbers, counter, labels)
            if name == "table3" and opts.tracked:
                cells[5][3] = _number_cell(cells[5][3].text.strip("\u3000 "), "tracked")
            if name == "table3" and opts.struck:
                cells[6][4] = PCell(cells[6][4].text, "struck", str(int(cells[6][4].text) + 7))
            grids[name] = cells
            header = {"table3": 3, "table4": 3, "table2": 0}[name]
            if name == "table4" and opts.t4_transposed:
                cells, merges = t4_transposed(cells, opts.t4_transposed)
                header = 1
            if opts.flex_rows:
                body.append(flex_rows(cells, merges))
            elif opts.div_grid:
                body.append(div_grid(cells, merges))
            elif opts.div_rows:
                body.append(div_rows(cells, merges))
            elif opts.split:
                body.extend(_split_html(name, cells, merges, opts))
            elif name in opts.frame:
                body.append('<table width="100%" border="0"><tr><td width="4%">&nbsp;</td><td>'
                            f"{html_table(cells, merges, opts, header)}</td></tr></table>")
            else:
                body.append(html_table(cells, merges, opts, header))
    entry = {"headings": headings, "absent": absent,
             "tables": expected_cells(report, grids["table2"], grids["table3"], grids["table4"], 3)}
    return _page(report, body, opts).encode(opts.encoding, errors="strict"), entry


def _cut(cells: list[list[PCell]], merges: Merges, lo: int, hi: int) -> tuple[list[list[PCell]], Merges]:
    """Rows ``lo``..``hi`` as their own table; a rowspan crossing a cut is clipped, its text kept in each part
    (the CMS repeats the merged label in every piece)."""
    part = [list(row) for row in cells[lo:hi]]
    out: Merges = []
    for r0, c0, rs, cs in merges:
        a, b = max(r0, lo), min(r0 + rs, hi)
        if a < b:
            out.append((a - lo, c0, b - a, cs))
            if a != r0:
                part[a - lo][c0] = cells[r0][c0]
    return part, out


def _split_html(name: str, cells: list[list[PCell]], merges: Merges, opts: HtmlOptions) -> list[str]:
    """How a CMS cuts a table: table 三 in three tables, table 四 header/values apart, table 二 per block."""
    if name == "table3":
        cuts = [0, *_T3_SPLITS, len(cells)]
    elif name == "table4":
        cuts = [0, 3, len(cells)]
    else:
        cuts = [0] + [r for r, row in enumerate(cells) if r and row[0].text.startswith("第二十条")] + [len(cells)]
    out = []
    for lo, hi in itertools.pairwise(cuts):
        part, m = _cut(cells, merges, lo, hi)
        out.append(html_table(part, m, opts, 3 if lo == 0 and name != "table2" else 0))
        out.append("<p>&nbsp;</p>")
    return out


def _page(report: SynthReport, body: list[str], opts: HtmlOptions) -> str:
    title = report.title
    charset = opts.charset
    if opts.style == "word":
        content = ('<div class="TRS_Editor"><style type="text/css">.TRS_Editor P{margin-top:0;line-height:1.5}'
                   "</style><div class=WordSection1 style='layout-grid:15.6pt'>" + "\n".join(body) + "</div></div>")
    else:
        content = '<div class="article-content" id="zoom">' + "\n".join(body) + "</div>"
    return (f"<!DOCTYPE html>\n<html><head><meta charset={charset}>\n<title>{_h(title)}-政府信息公开</title>\n"
            "<script>document.write('<div>统计代码</div>')</script></head><body>\n"
            '<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a>'
            "</li></ul></div>\n"
            '<div class="crumbs">当前位置：<a href="/">首页</a> &gt; 政府信息公开年报</div>\n'
            '<table class="xxgk_table"><tr><td>索引号：</td><td>000000/2024-00012</td><td>发布机构：</td>'
            f"<td>{_h(report.agency.name)}</td></tr><tr><td>成文日期：</td><td>{report.year + 1}-01-20</td>"
            f"<td>发布日期：</td><td>{report.year + 1}-01-21</td></tr></table>\n"
            f'<div class="article"><h1 class="title">{_h(title)}</h1>\n{content}\n</div>\n'
            '<div class="footer">主办单位：本站 备案号：苏ICP备00000000号</div>\n</body></html>\n')


# =========================================================================== the set


@dataclass(frozen=True)
class Spec:
    """One file of the set."""

    name: str
    seed: int
    year: int
    features: tuple[str, ...]
    docx: DocxOptions | None = None
    html: HtmlOptions | None = None
    notes: dict[str, str] = field(default_factory=dict)


SPECS: tuple[Spec, ...] = (
    Spec("docx_split_repeat_textbox.docx", 4101, 2023,
         ("table 三 split into two tables, header rows repeated", "header rows marked repeat-as-header (w:tblHeader)",
          "page break and empty paragraphs between the parts", "headings in a WPS outline-level style (id 1)",
          "title in a text box", "section break and landscape section around table 四"),
         docx=DocxOptions(headings="style", title_box=True, t3_split="repeat", landscape_t4=True)),
    Spec("docx_split_numbered_tracked.docx", 4102, 2022,
         ("table 三 split into two tables, header not repeated, split inside a merged group label",
          "headings and （一） sub-headings from automatic numbering (w:numPr, chineseCounting)",
          "tracked changes: deleted and inserted text in prose and in a value cell, a deleted table row",
          "table 四 inside a text box"),
         docx=DocxOptions(headings="numbered", t3_split="norepeat", tracked=True, t4_textbox=True)),
    Spec("docx_nested_fields_breaks.docx", 4103, 2024,
         ("tables 二 and 四 nested in the single cell of a layout table", "labels broken by soft line breaks (w:br)",
          "bracketed notes after labels, units after the 总计 column headers (总计（件）)",
          "numbers as simple and complex fields", "numbers with trailing spaces",
          "full-width digits", "zero-width spaces in value cells",
          "headings by direct outline level (w:outlineLvl) and bold",
          "table 二 in a content control (w:sdt), two rows of table 三 in row-level content controls",
          "empty fill-in fields showing their prompts (w:showingPlcHdr), block and run level"),
         docx=DocxOptions(headings="outline", nested=("table2", "table4"), soft_breaks=True, notes=True, sdt=True,
                          numbers=("field", "plain", "trailing", "cfield", "fullwidth", "leading", "zw"))),
    Spec("docx_rownumbers_2019.docx", 4104, 2020,
         ("2019 template (table 二 with 22 cells, one （六） row)", "table 三 with a first column of row numbers",
          "table 二 merged with legacy w:hMerge", "header rows marked repeat-as-header",
          "bracketed notes after labels", "headings numbered by their paragraph style (numPr in the style)",
          "table 二's block captions (第二十条第（X）项) in a merged left column"),
         docx=DocxOptions(headings="style_numbered", row_numbers=True, hmerge=True, notes=True, t2_block_column=True)),
    Spec("html_word_paste_trs.html", 4201, 2023,
         ("Word-pasted markup in div.TRS_Editor (MsoNormal, inline styles, <o:p>)",
          "cells holding <p>/<span>/<br>", "&nbsp; in empty cells and Word's spacer row",
          "labels broken by <br>", "full-width spaces around numbers",
          "tracked changes saved by Word as <del>/<ins> (a value cell and a paragraph)"),
         html=HtmlOptions(style="word", br_labels=True, numbers=("plain", "leading", "plain", "trailing"),
                          tracked=True)),
    Spec("html_split_cms.html", 4202, 2022,
         ("table 三 split over three <table>s (header alone, data in two parts)", "table 二 one <table> per block",
          "table 四 header and value row in separate <table>s", "rowspan/colspan headers in <thead>/<th>",
          "&nbsp; padding, full-width indentation",
          "editor artefacts: zero-width spaces and BOMs in value cells, labels and headings"),
         html=HtmlOptions(split=True, th_header=True, numbers=("plain", "plain", "zw"), zw_labels=True)),
    Spec("html_gbk.html", 4203, 2021,
         ("GBK-encoded page declaring <meta charset=gbk>", "rowspan/colspan headers in <thead>/<th>",
          "full-width digits", "table 四 with a caption column (项目 / 数量（件）)",
          "tables 二 and 四 inside a two-cell layout table (an empty indent cell, then the table)"),
         html=HtmlOptions(th_header=True, encoding="gbk", charset="gbk", numbers=("plain", "fullwidth"),
                          t4_caption=True, frame=("table2", "table4"))),
    Spec("html_div_grid.html", 4204, 2023,
         ("tables drawn as CSS grids (<div> cells placed by grid-template-columns, spans by grid-row/grid-column), "
          "no <table> element",),
         html=HtmlOptions(div_grid=True)),
    Spec("html_div_rows.html", 4205, 2024,
         ("tables drawn as <div> rows and cells with CSS table display (display:table-row/table-cell), merged "
          "cells as their text in the top-left position and empty cells under it", "labels broken by <br>"),
         html=HtmlOptions(div_rows=True, br_labels=True)),
    Spec("docx_altchunk_html.docx", 4107, 2023,
         ("table 三 in a w:altChunk HTML part (afchunk1.htm), table 四 in an MHT (MIME, quoted-printable) chunk",),
         docx=DocxOptions(alt_chunks=(("table3", "htm"), ("table4", "mht")))),
    Spec("docx_altchunk_docx.docx", 4108, 2022,
         ("table 三 in a w:altChunk .docx part, table 二 in an HTML chunk",),
         docx=DocxOptions(alt_chunks=(("table3", "docx"), ("table2", "htm")))),
    Spec("html_flex_struck.html", 4208, 2023,
         ("tables drawn as flexbox <div> rows of cell <div>s (display:flex, flex:N for a cell spanning N columns), "
          "no <table> element",
          "struck-out text: <s> before a value cell's figure, <strike> and a line-through <span> in prose"),
         html=HtmlOptions(flex_rows=True, struck=True)),
    Spec("docx_t4_transposed.docx", 4106, 2023,
         ("table 四 transposed: the blocks 行政复议 / 行政诉讼·未经复议直接起诉 / 行政诉讼·复议后起诉 as rows, "
          "the outcomes 结果维持 … 总计 as columns",),
         docx=DocxOptions(t4_transposed="rows")),
    Spec("html_t4_rotated.html", 4206, 2022,
         ("table 四 rotated: one row per block and outcome (行政复议 merged over five rows, 行政诉讼 over ten), "
          "the value in the last column",),
         html=HtmlOptions(t4_transposed="rotated", th_header=True)),
    Spec("html_t4_transposed.html", 4207, 2024,
         ("table 四 transposed (blocks as rows, outcomes as columns) in Word-pasted markup",),
         html=HtmlOptions(style="word", t4_transposed="rows")),
)


def build(spec: Spec) -> tuple[bytes, dict[str, Any]]:
    """One file's bytes and its manifest entry."""
    report = make_report(spec.seed, year=spec.year)
    if spec.docx is not None:
        data, entry = docx_report(report, spec.docx)
    else:
        assert spec.html is not None
        data, entry = html_report(report, spec.html)
    return data, {"file": spec.name, "features": list(spec.features), "year": report.year,
                  "template": report.template, "agency": report.agency.name, **entry}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    files = []
    for spec in SPECS:
        data, entry = build(spec)
        (OUT / spec.name).write_bytes(data)
        files.append(entry)
    manifest = {"about": __doc__.strip().splitlines()[0] if __doc__ else "", "files": files}
    (OUT / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(files)} files to {OUT}")


if __name__ == "__main__":
    main()
