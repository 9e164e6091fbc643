"""PDF reports: text and ruled tables per page with pypdfium2 and pdfplumber's table algorithm.

pypdfium2 extracts a page's text with character boxes in about a millisecond, while
pdfplumber (pdfminer) needs 50–100 ms to lay out a page before it can look for
tables. So every page is read with pdfium only: on pages that draw enough line or
rectangle segments, :mod:`gkreview.parsers.pdfgrid` builds the ruling edges from
pdfium's path objects and runs pdfplumber's table algorithm on them, filling the
cells from pdfium's character boxes. pdfplumber itself reads a page only when that
finds a ruled grid but no text in it, or fails. Text that falls inside a table's box
is cropped out of the page's lines so it is not reported twice, and the table block
takes its place in reading order.

Layout recovery, in order:

* lines (pdfium's own line breaks, fragments on one baseline merged) sorted top-down;
* page furniture removed: page numbers (``- 2 -``, ``第 2 页``, ``2/10``) and header or
  footer lines that repeat on most pages (kept in ``SourceFile.header_footer``);
* wrapped lines joined into paragraphs: a line that reaches the right margin
  continues into the next one unless the next one is indented, starts after a gap,
  changes font size, or the line ends a sentence in a document without indents;
* table fragments at the bottom of one page and the top of the next joined into one
  table when their columns line up, dropping a repeated header and re-joining a
  merged label cell that the page break cut in two.

The text of the file (``SourceFile.text``) is built from the recovered paragraphs and
table cells, so every block offset is exact.
"""

from __future__ import annotations

import ctypes
import io
import itertools
import math
import operator
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gkreview.document import Block, Paragraph, SourceFile
from gkreview.errors import CorruptFile, EncryptedFile, NoTextLayer, TooLarge
from gkreview.parsers.base import DEFAULT_LIMITS, Limits, ParseResult, RawCell, TextBuilder, build_table
from gkreview.parsers.meta import extract_metadata
from gkreview.parsers.pdfgrid import (
    Bbox,
    Char,
    cell_text,
    cfuncs,
    find_grids,
    grid_chars,
    handle,
    page_chars,
    path_edges,
)

if TYPE_CHECKING:
    from types import ModuleType

    from pdfplumber.page import Page as PlumberPage
    from pypdfium2 import PdfDocument, PdfPage, PdfTextPage

# A page may draw a table when its paths have this many segments (rules, cell borders).
_MIN_TABLE_SEGMENTS = 8
# Above this many path segments a page is treated as a drawing: table finding would be
# slow (pdfplumber is quadratic in edges) and its result meaningless.
_MAX_TABLE_SEGMENTS = 50_000
# Average non-space characters per page below which the file has no text layer.
_MIN_CHARS_PER_PAGE = 16
# Header/footer candidates: lines whose centre lies in this outer share of the page.
_FURNITURE_BAND = 0.12
# Lines further apart than this many usual line pitches belong to different paragraphs.
_PARA_GAP = 1.3
# A header/footer line must recur on at least this share of pages.
_REPEAT_SHARE = 0.5

_SENTENCE_END = frozenset("。！？；：.!?;:…」』”")
# A text line without its leading and trailing blanks (``str.strip`` of a line between line breaks).
_LINE_BODY_RE = re.compile(r"\S(?:[^\r\n]*\S)?")
_SPACE_RE = re.compile(r"\s+")
_PAGE_NO_RES = (
    re.compile(r"^[-—–－─~～_·•\s]*\d{1,4}[-—–－─~～_·•\s]*$"),
    re.compile(r"^[-—–－\s]*第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?[-—–－\s]*$"),
    re.compile(r"^共\s*\d{1,4}\s*页\s*[,，/]?\s*第\s*\d{1,4}\s*页$"),
    re.compile(r"^(page\s*)?\d{1,4}\s*(/|of)\s*\d{1,4}$", re.I),
)
# Page numbers printed with decorations; a bare number inside a table is data, not furniture.
_DECORATED_PAGE_NO_RE = re.compile(r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页.*)\s*$")
_NUMBERING_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d+\s*[、.．](?!\d)|第[一二三四五六七八九十\d]+[章节条部分])")
_NUMERIC_CELL_RE = re.compile(r"^[-+]?\d[\d,，.]*%?$")
_ASCII_WORD = re.compile(r"[A-Za-z]")
_LEAD_TOKEN_RE = re.compile(r"[A-Za-z0-9@._:/%#&=+\-)(\][]+")
# A line that ends with two or more separate numbers: a row of a table printed without rules.
_NUMBER_RUN_END_RE = re.compile(r"\s[-+]?\d[\d,.]*\s+[-+]?\d[\d,.]*\s*$")
# A blank wider than this many line heights inside a line separates table columns.
_COLUMN_GAP = 1.5
_BLANK_RUN_RE = re.compile(r"\s+")
# Clause punctuation: a numbered line holding it is a sentence, not a heading. Not the colon:
# label lines (联系电话：…, 地址：…) hold one.
_CLAUSE_RE = re.compile(r"[，,、。；;]")
# Punctuation that ends a sentence (not a clause, a quotation or a label).
_FULL_STOP = frozenset("。！？!?")


@dataclass(slots=True)
class _Line:
    """One visual text line in top-down page coordinates (``top`` < ``bottom``)."""

    text: str
    left: float
    right: float
    top: float
    bottom: float
    page: int
    # Widest blank inside the line, in points: prose is set tight, so a gap of a few
    # characters' width separates the columns of a table printed without cell borders.
    gap: float = 0.0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def columnar(self) -> bool:
        return self.gap > _COLUMN_GAP * self.height

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class _Cell:
    """A table cell in grid coordinates: rows ``r0..r1-1``, columns ``c0..c1-1``."""

    r0: int
    r1: int
    c0: int
    c1: int
    text: str


@dataclass(slots=True)
class _Frag:
    """The part of a table that lies on one page."""

    page: int
    bbox: tuple[float, float, float, float]
    xs: list[float]
    n_rows: int
    cells: list[_Cell]
    pages: list[int] = field(default_factory=list)

    @property
    def top(self) -> float:
        return self.bbox[1]

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1


@dataclass(slots=True)
class _Page:
    """What pdfium read from one page."""

    number: int
    height: float
    lines: list[_Line]
    n_chars: int
    n_segments: int
    items: list[_Line | _Frag] = field(default_factory=list)
    frags: list[_Frag] = field(default_factory=list)
    # The fast table path found a ruled grid it could not fill (or failed): ask pdfplumber.
    needs_plumber: bool = False


def parse(data: bytes, path: str | None = None, limits: Limits = DEFAULT_LIMITS) -> ParseResult:
    """Parse a PDF with a text layer into paragraphs and tables (see the module docstring)."""
    import pypdfium2 as pdfium

    if len(data) > limits.max_file_bytes:
        raise TooLarge(f"PDF of {len(data)} bytes exceeds the limit of {limits.max_file_bytes}", path)
    pdf = _open(data, path)
    try:
        n_pages = len(pdf)
        if n_pages > limits.max_pages:
            raise TooLarge(f"PDF has {n_pages} pages, more than the limit of {limits.max_pages}", path)
        if n_pages == 0:
            raise CorruptFile("PDF has no pages", path)
        info = _info_metadata(pdf)
        pages: list[_Page] = []
        total_chars = 0
        for i in range(n_pages):
            page = pdf[i]
            try:
                pages.append(_read_page(page, i + 1))
            finally:
                page.close()
            total_chars += pages[-1].n_chars
            if total_chars > limits.max_chars:
                raise TooLarge(f"more than {limits.max_chars} characters of text", path)
    except pdfium.PdfiumError as exc:
        raise CorruptFile(f"damaged PDF: {exc}", path) from exc
    finally:
        pdf.close()
    if total_chars < _MIN_CHARS_PER_PAGE * n_pages:
        raise NoTextLayer(f"{n_pages} page(s) but only {total_chars} characters of text: scanned images need OCR",
                          path)

    failed = _attach_tables(data, pages)
    header_footer = _remove_furniture(pages)
    blocks, builder = _assemble(pages)
    source = SourceFile(path=path, format="pdf", text=builder.text(), page_count=n_pages,
                        header_footer=header_footer)
    source.metadata.update(info)
    for key, value in extract_metadata(b.text for b in blocks[:40] if isinstance(b, Paragraph)).items():
        source.metadata.setdefault(key, value)
    empty = [str(p.number) for p in pages if p.n_chars == 0]
    if empty:
        source.metadata["pages_without_text"] = ",".join(empty)
    if failed:
        source.metadata["table_extraction_failed_pages"] = ",".join(map(str, failed))
    return ParseResult(source=source, blocks=blocks)


# --------------------------------------------------------------------------- opening


def _open(data: bytes, path: str | None) -> PdfDocument:
    """Open with pdfium and translate its load errors into typed gkreview errors."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise EncryptedFile("PDF is password protected", path) from exc
        raise CorruptFile(f"damaged or truncated PDF: {exc}", path) from exc


_INFO_KEYS = {"Title": "title", "Author": "author", "Subject": "subject", "Creator": "creator",
              "Producer": "producer", "CreationDate": "created_date", "ModDate": "modified_date"}
_PDF_DATE_RE = re.compile(
    r"^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?")


def _info_metadata(pdf: PdfDocument) -> dict[str, str]:
    """The document info dictionary with dates as ISO 8601 (the raw string when unparsable)."""
    out: dict[str, str] = {}
    try:
        raw = pdf.get_metadata_dict(skip_empty=True)
    except Exception:  # noqa: BLE001 - a broken info dict must not lose the text
        return out
    for key, name in _INFO_KEYS.items():
        value = (raw.get(key) or "").strip().strip("\x00")
        if value:
            out[name] = _pdf_date(value) if key.endswith("Date") else value
    return out


def _pdf_date(value: str) -> str:
    """``D:20250225100250+08'00'`` → ``2025-02-25T10:02:50+08:00``."""
    m = _PDF_DATE_RE.match(value)
    if not m:
        return value
    y, mo, d, h, mi, s, tz = m.groups()
    out = f"{y}-{mo or '01'}-{d or '01'}"
    if h:
        out += f"T{h}:{mi or '00'}:{s or '00'}"
        if tz:
            out += "Z" if tz == "Z" else f"{tz[:3]}:{tz.replace(chr(39), '')[3:5] or '00'}"
    return out


# --------------------------------------------------------------------------- pages


def _read_page(page: PdfPage, number: int) -> _Page:
    """Lines of one page (top-down), its character count, its path segments and its ruled tables."""
    import pypdfium2.raw as pdfium_c

    left, _bottom, _right, top = page.get_mediabox()
    height = float(page.get_height())
    n_segments, paths = _count_paths(page, pdfium_c)
    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        text = textpage.get_text_range() if n else ""
        if len(text) != n:
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i) or 32) for i in range(n))
        chars = len(_SPACE_RE.sub("", text))
        lines = _merge_baselines(list(_lines_of(textpage, text, number, left, top)) if chars else [])
        result = _Page(number=number, height=height, lines=lines, n_chars=chars, n_segments=n_segments)
        if lines and _MIN_TABLE_SEGMENTS <= n_segments <= _MAX_TABLE_SEGMENTS:
            _fast_tables(result, paths, textpage, text, left, top)
        if any(ln.columnar and _NUMBER_RUN_END_RE.search(ln.text) for ln in result.lines):
            _place_blank_columns(result.lines, lambda box: page_chars(textpage, text, left, top, box))
    finally:
        textpage.close()
    return result


def _count_paths(page: PdfPage, pdfium_c: ModuleType) -> tuple[int, list[object]]:
    """Number of path segments on the page when they could draw a grid (else 0), and the path objects.

    Segments, not path objects, because one path object may draw a whole grid. A grid
    needs at least three distinct vertical positions among the paths' left and right
    edges (two borders and one column rule); full-width bands (shading behind text, a
    frame around the page) have only two and cost no table search.
    """
    fn = cfuncs()
    n = pdfium_c.FPDFPage_CountObjects(page.raw)
    raw = handle(page.raw)
    path_type = pdfium_c.FPDF_PAGEOBJ_PATH
    get_obj, get_type, get_bounds, count_segments = fn.get_object, fn.object_type_at, fn.object_bounds, \
        fn.count_segments
    void_p = ctypes.c_void_p
    x0, y0, x1, y1 = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    refs = ctypes.byref(x0), ctypes.byref(y0), ctypes.byref(x1), ctypes.byref(y1)
    count = 0
    paths: list[object] = []
    xs: set[int] = set()
    for k in range(n):
        address = get_obj(raw, k)
        if address is None or get_type(address) != path_type:
            continue
        obj = void_p(address)
        paths.append(obj)
        count += max(1, count_segments(obj))
        if count > _MAX_TABLE_SEGMENTS:
            break
        if len(xs) < 8 and get_bounds(obj, *refs):
            xs.update((round(x0.value / 3), round(x1.value / 3)))
    return (count, paths) if len(_cluster(iter(sorted(xs)), 1)) >= 3 else (0, [])


def _lines_of(textpage: PdfTextPage, text: str, number: int, mb_left: float, mb_top: float) -> Iterator[_Line]:
    """pdfium's text lines with their box (from the loose boxes of the first and last character)."""
    import pypdfium2.raw as pdfium_c

    rect = pdfium_c.FS_RECTF()
    ref, page, loose = ctypes.byref(rect), handle(textpage.raw), cfuncs().loose_box

    for m in _LINE_BODY_RE.finditer(text):
        a, b = m.span()
        loose(page, a, ref)
        l0, b0, r0, t0 = rect.left, rect.bottom, rect.right, rect.top
        loose(page, b - 1, ref)
        l1, b1, r1, t1 = rect.left, rect.bottom, rect.right, rect.top
        # The vertical extent comes from the smaller box: digits and Latin set in another font
        # have taller loose boxes than the CJK body text, which would fake a font change.
        bot, tp = (b0, t0) if t0 - b0 <= t1 - b1 else (b1, t1)
        gap = 0.0
        if " " in m.group():  # rare in CJK prose: only then is the line's widest blank measured
            gap = _widest_blank(text, a, b, loose, page, rect, ref)
        yield _Line(text=m.group(), left=min(l0, l1) - mb_left, right=max(r0, r1) - mb_left,
                    top=mb_top - tp, bottom=mb_top - bot, page=number, gap=gap)


def _widest_blank(text: str, a: int, b: int, loose: Callable[..., int], page: object, rect: object,
                  ref: object) -> float:
    """Widest horizontal distance between the characters on either side of a run of blanks in ``text[a:b]``."""
    widest = 0.0
    for m in _BLANK_RUN_RE.finditer(text, a, b):
        loose(page, m.start() - 1, ref)
        right = rect.right  # type: ignore[attr-defined]
        loose(page, m.end(), ref)
        widest = max(widest, rect.left - right)  # type: ignore[attr-defined]
    return widest


def _merge_baselines(lines: list[_Line]) -> list[_Line]:
    """Sort lines top-down and merge fragments that share a baseline (pdfium splits them when
    the content stream jumps), left to right, with a space where a visible gap separates them."""
    lines.sort(key=lambda ln: (round(ln.mid), ln.left))
    out: list[_Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if prev is not None and abs(prev.mid - ln.mid) < 0.4 * min(prev.height, ln.height) \
                and (ln.left >= prev.right - 1 or ln.right <= prev.left + 1):
            first, second = (prev, ln) if ln.left >= prev.right - 1 else (ln, prev)
            gap = second.left - first.right
            sep = " " if gap > 0.8 * max(first.height, second.height) else ""
            out[-1] = _Line(text=first.text + sep + second.text, left=first.left, right=second.right,
                            top=min(prev.top, ln.top), bottom=max(prev.bottom, ln.bottom), page=ln.page,
                            gap=max(first.gap, second.gap, gap))
        else:
            out.append(ln)
    return out


# --------------------------------------------------------------------------- rule-less table rows


def _place_blank_columns(lines: list[_Line], read_chars: Callable[[Bbox], list[Char]]) -> None:
    """Give each row of a table printed without rules that leaves cells blank one tab-separated field per column.

    Such a row is a text line (label, then a run of numbers); a blank cell prints
    nothing, so the line ``0 2 3 1 6 0 3 0 0 3 3 1 3 7`` of a 15-column table does not
    say which column is empty and every value after it would be read one column to
    the left. The columns are where the neighbouring rows print their values and
    where the header lines print labels between them; a row with fewer values than
    columns is rewritten as ``label<TAB>v1<TAB><TAB>v3…`` (the first field is the
    label, possibly empty), which :func:`gkreview.tables.split_field_run` reads.
    Lines that already fill every column are left as pdfium read them.
    """
    rows = [i for i, ln in enumerate(lines) if ln.columnar and _NUMBER_RUN_END_RE.search(ln.text)]
    suspects = _short_rows(lines, rows)
    if not suspects:
        return
    first, last = lines[suspects[0]], lines[rows[-1]]
    chars = read_chars((-math.inf, first.top - _HEADER_REACH * first.height, math.inf, last.bottom + 1))
    by_mid = sorted(chars, key=_VMID)
    mids = [c.vmid for c in by_mid]
    tokens: dict[int, list[_Tok]] = {}

    def toks(k: int) -> list[_Tok]:
        if k not in tokens:
            tokens[k] = _line_tokens(lines[k], by_mid, mids)
        return tokens[k]

    row_set = set(rows)
    regions: list[tuple[int, int, list[float] | None]] = []  # the rows' tables: first and last line, columns
    for i in suspects:
        label_right, values = _split_row(toks(i))
        if len(values) < 2:
            continue
        cols = next((c for lo, hi, c in regions if lo <= i <= hi), _UNSEEN)
        if cols is _UNSEEN:
            evidence, headers, lo, hi = _row_region(lines, i, row_set, label_right, toks)
            cols = _columns(evidence, headers)
            regions.append((lo, hi, cols))
        if cols is None or len(cols) <= len(values):
            continue
        fields = _fields(cols, values)
        if fields is not None:
            _rewrite_row(lines[i], values, fields)


def _short_rows(lines: list[_Line], rows: list[int]) -> list[int]:
    """Rows that may leave a cell blank: fewer values than a nearby row, or a count of values no nearby row
    shares (a table's only row, table 四's under the last rows of table 三).

    Counted from the words pdfium read, before any character is looked at: a table whose
    rows all print the same number of values (most tables) costs nothing more.
    """
    counts: dict[int, int] = {}
    for i in rows:
        words = lines[i].text.split()
        k = len(words)
        while k > 0 and _VALUE_TOKEN_RE.match(words[k - 1]):
            k -= 1
        counts[i] = len(words) - k
    out: list[int] = []
    group: list[int] = []
    for i in [*rows, None]:
        if group and (i is None or i - group[-1] > _ROW_GROUP_GAP):
            seen = Counter(counts[g] for g in group)
            most = max(seen)
            out.extend(g for g in group if counts[g] < most or seen[counts[g]] == 1)
            group = []
        if i is not None:
            group.append(i)
    return out


@dataclass(slots=True)
class _Tok:
    """A word of a table line: characters closer than half a line height, with its horizontal extent."""

    text: str
    x0: float
    x1: float

    @property
    def mid(self) -> float:
        return (self.x0 + self.x1) / 2


# A value of a table row printed as text: a number or a placeholder (—, /, -, 无).
_VALUE_TOKEN_RE = re.compile(r"^(?:[-+]?\d[\d,，.．]*%?|[-—–－/／\\]+|无)$")
_VMID = operator.attrgetter("vmid")
_UNSEEN: list[float] = []  # marks a row whose table has not been looked at
# How far above its first row (in line heights) a table's header may reach.
_HEADER_REACH = 15
# Rows of one table lie at most this many lines apart (wrapped labels between them).
_ROW_GROUP_GAP = 6
_X0 = operator.attrgetter("x0")


def _line_tokens(ln: _Line, by_mid: list[Char], mids: list[float]) -> list[_Tok]:
    """The words of one line from the page's characters (sorted by vertical centre)."""
    lo, hi = bisect_left(mids, ln.top), bisect_right(mids, ln.bottom)
    cs = sorted((c for c in by_mid[lo:hi] if ln.left - 1 <= c.hmid <= ln.right + 1), key=_X0)
    out: list[_Tok] = []
    brk = 0.5 * ln.height
    for c in cs:
        if c.text.isspace():
            if out and out[-1].text:
                out.append(_Tok("", c.x1, c.x1))
            continue
        if out and out[-1].text and c.x0 - out[-1].x1 <= brk:
            t = out[-1]
            t.text += c.text
            t.x1 = max(t.x1, c.x1)
        elif out and not out[-1].text:
            out[-1] = _Tok(c.text, c.x0, c.x1)
        else:
            out.append(_Tok(c.text, c.x0, c.x1))
    return [t for t in out if t.text]


def _split_row(toks: list[_Tok]) -> tuple[float, list[_Tok]]:
    """The right edge of a row's label (``-inf`` without one) and the run of values that ends the row."""
    k = len(toks)
    while k > 0 and _VALUE_TOKEN_RE.match(toks[k - 1].text):
        k -= 1
    return (toks[k - 1].x1 if k else -float("inf")), toks[k:]


def _row_region(lines: list[_Line], i: int, rows: set[int], label_right: float,
                toks: Callable[[int], list[_Tok]]) -> tuple[list[_Tok], list[_Tok], int, int]:
    """Values of the rows around row ``i`` (one table) and the header words above them, right of the labels.

    Walking away from the row, lines of other rows add their values; lines wholly in
    the label column (a wrapped label) are passed over; above the first row, lines
    printed in the value area are the header. Anything else (a heading or prose that
    runs across the label column into the value area, a blank of three lines) ends the table.
    """
    evidence = list(_split_row(toks(i))[1])
    headers: list[_Tok] = []
    labelled = label_right > -float("inf")
    ends = [i, i]
    for step in (-1, 1):
        j, last = i + step, lines[i]
        while 0 <= j < len(lines) and abs(j - i) <= 60:
            ln = lines[j]
            if abs(ln.mid - last.mid) > 4 * max(ln.height, last.height):
                break
            if j in rows:
                right, vals = _split_row(toks(j))
                evidence.extend(vals)
                labelled |= right > -float("inf")
            elif ln.right < label_right + ln.height:
                pass  # a wrapped label
            elif step < 0 and (ln.columnar or ln.left >= label_right - ln.height):
                headers.extend(t for t in toks(j) if t.x0 >= label_right)
            else:
                break
            last = ln
            ends[step > 0] = j
            j += step
    if labelled:
        # The label column's header (信息内容, 本列数据的勾稽关系…) sits left of the values, wider than short
        # labels (规章): a blank column is looked for among or right of the values only.
        first = min(t.x0 for t in evidence)
        headers = [t for t in headers if t.x0 >= first]
    return evidence, headers, ends[0], ends[1]


def _columns(values: list[_Tok], headers: list[_Tok]) -> list[float] | None:
    """Column centres: clusters of the rows' values, plus header-only columns where a blank column's label sits.

    A header word adds a column only when it overlaps no column of values, lies a
    column pitch away from them and is no wider than one and a half columns: labels
    spanning several columns (行政复议, 法人或其他组织) and the pieces of a label split
    by a space (总 计) add none.
    """
    clusters: list[list[float]] = []  # [x0, x1] of each column of values
    for t in sorted(values, key=lambda t: t.x0):
        hit = [c for c in clusters if t.x0 <= c[1] and c[0] <= t.x1]
        if len(hit) > 1:
            return None
        if hit:
            hit[0][0], hit[0][1] = min(hit[0][0], t.x0), max(hit[0][1], t.x1)
        else:
            clusters.append([t.x0, t.x1])
    if len(clusters) < 2:
        return None
    centres = sorted((a + b) / 2 for a, b in clusters)
    steps = sorted(b - a for a, b in itertools.pairwise(centres))
    pitch = steps[len(steps) // 2]
    if pitch <= 0:
        return None
    extra: list[float] = []
    for t in sorted(headers, key=lambda t: t.x1 - t.x0):
        if t.x1 - t.x0 > 1.5 * pitch or any(t.x0 <= b and a <= t.x1 for a, b in clusters):
            continue
        m = t.mid
        if min(abs(m - c) for c in centres) <= 0.6 * pitch or not centres[0] - 1.6 * pitch <= m \
                <= centres[-1] + 1.6 * pitch:
            continue
        if all(abs(m - e) > 0.5 * pitch for e in extra):
            extra.append(m)
    return sorted(centres + extra) if extra else centres


def _fields(cols: list[float], values: list[_Tok]) -> list[str] | None:
    """One field per column, the row's value under it or empty; None when a value has no column of its own."""
    gaps = [b - a for a, b in itertools.pairwise(cols)]
    half = 0.5 * min(gaps)
    fields = [""] * len(cols)
    for t in values:
        k = min(range(len(cols)), key=lambda c: abs(cols[c] - t.mid))
        if abs(cols[k] - t.mid) > half or fields[k]:
            return None
        fields[k] = t.text
    return fields


def _rewrite_row(ln: _Line, values: list[_Tok], fields: list[str]) -> None:
    """Replace the run of values that ends the line by its fields; the label stays as read."""
    words = ln.text.split()
    if words[len(words) - len(values):] != [t.text for t in values]:
        return  # pdfium split the words otherwise: leave the line alone
    head = ln.text
    for t in reversed(values):
        head = head[:head.rstrip().rfind(t.text)]
    ln.text = head.rstrip() + "\t" + "\t".join(fields)


# --------------------------------------------------------------------------- tables


def _fast_tables(page: _Page, paths: list[object], textpage: PdfTextPage, text: str, left: float,
                 top: float) -> None:
    """Find the page's ruled tables from pdfium's paths and characters; crop their text out of its lines.

    A page whose paths rule a grid but whose grid holds no text is left to pdfplumber
    (``needs_plumber``): pdfminer may read characters that pdfium does not.
    """
    try:
        grids = [(g, shape) for g in find_grids(path_edges(paths, left, top))
                 if (shape := _grid_shape(g)) is not None]
        if not grids:
            return
        boxes = [_bbox_of(g) for g, _ in grids]
        union = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                 max(b[3] for b in boxes))
        chars = page_chars(textpage, text, left, top, within=union)
        frags = []
        for (cells, shape), bbox in zip(grids, boxes, strict=True):
            texts = [_join_cell_lines(cell_text(cs)) for cs in grid_chars(cells, chars)]
            frag = _frag_of(page.number, bbox, list(zip(cells, texts, strict=True)), shape)
            if frag is not None:
                frags.append(frag)
    except Exception:  # noqa: BLE001 - odd page geometry must not lose the page: pdfplumber retries it
        page.needs_plumber = True
        return
    if not frags:
        page.needs_plumber = True
        return
    page.frags = frags
    page.lines = _crop_lines(page, frags, lambda: page_chars(textpage, text, left, top))


def _attach_tables(data: bytes, pages: list[_Page]) -> list[int]:
    """Run pdfplumber's table finder on the pages the fast path left to it, then lay out each
    page's items (lines and table fragments) top-down.

    Returns the numbers of pages where table finding failed (their text is kept as lines).
    """
    candidates = [p for p in pages if p.needs_plumber]
    failed: list[int] = []
    if candidates:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data), pages=[p.number for p in candidates]) as plumb:
            for p, pp in zip(candidates, plumb.pages, strict=True):
                try:
                    p.frags = _find_tables(pp, p.number)
                    if p.frags:
                        p.lines = _crop_lines(p, p.frags, lambda pp=pp: _plumber_chars(pp))
                except Exception:  # noqa: BLE001 - a page pdfminer cannot lay out keeps its text
                    failed.append(p.number)
                    p.frags = []
                finally:
                    pp.close()  # drop the page's layout cache: memory stays flat on long files
    for p in pages:
        ruled = p.frags or _MIN_TABLE_SEGMENTS <= p.n_segments <= _MAX_TABLE_SEGMENTS
        p.items = sorted([*p.lines, *p.frags], key=lambda it: it.top) if ruled else list(p.lines)
    return failed


def _find_tables(pp: PlumberPage, number: int) -> list[_Frag]:
    """Table fragments of one pdfplumber page (the fallback path)."""
    frags: list[_Frag] = []
    for table in pp.find_tables():
        cells: list[tuple[Bbox, str]] = []
        for row, texts in zip(table.rows, table.extract(), strict=True):
            for bbox, text in zip(row.cells, texts, strict=True):
                if bbox is not None:
                    cells.append((bbox, _join_cell_lines(text or "")))
        frag = _frag_of(number, tuple(table.bbox), cells)
        if frag is not None:
            frags.append(frag)
    return frags


def _bbox_of(cells: list[Bbox]) -> Bbox:
    return (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))


def _grid_shape(cells: list[Bbox]) -> tuple[list[float], list[float]] | None:
    """Column and row edges of a table; ``None`` for a box with a single column (a text frame)."""
    xs = _cluster(iter({v for c in cells for v in (c[0], c[2])}))
    ys = _cluster(iter({v for c in cells for v in (c[1], c[3])}))
    return (xs, ys) if len(xs) >= 3 and len(ys) >= 2 else None


def _frag_of(number: int, bbox: Bbox, cells: list[tuple[Bbox, str]],
             shape: tuple[list[float], list[float]] | None = None) -> _Frag | None:
    """A table fragment from cell boxes and texts in row order; ``None`` when it is a text frame or empty.

    A single row is kept: it may be the first header row of a table that the page break
    separated from the rest. ``shape`` is the boxes' :func:`_grid_shape` when the caller has it.
    """
    if shape is None:
        shape = _grid_shape([box for box, _ in cells]) if cells else None
    if shape is None:
        return None
    xs, ys = shape
    # Cells share their edges: look each distinct coordinate up once.
    col = {v: _index(xs, v) for v in {v for box, _ in cells for v in (box[0], box[2])}}
    row = {v: _index(ys, v) for v in {v for box, _ in cells for v in (box[1], box[3])}}
    frag = _Frag(page=number, bbox=bbox, xs=xs, n_rows=len(ys) - 1, pages=[number],
                 cells=[_Cell(r0=row[box[1]], r1=row[box[3]], c0=col[box[0]], c1=col[box[2]], text=text)
                        for box, text in cells])
    _drop_furniture_rows(frag)
    return frag if frag.n_rows >= 1 and any(c.text for c in frag.cells) else None


def _cluster(values: Iterator[float], tol: float = 2.0) -> list[float]:
    """Distinct coordinates, merging values closer than ``tol`` points."""
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _index(edges: list[float], v: float) -> int:
    """Index of the edge nearest to ``v`` in the sorted ``edges`` (the lower one on a tie)."""
    i = bisect_left(edges, v)
    if i == 0:
        return 0
    if i == len(edges) or abs(edges[i - 1] - v) <= abs(edges[i] - v):
        return i - 1
    return i


def _join_cell_lines(text: str) -> str:
    """Join a cell's printed lines: no space between CJK characters, a space between words."""
    parts = [p.strip() for p in text.split("\n")]
    out = ""
    for part in parts:
        if part:
            out = _join(out, part) if out else part
    return out


def _join(a: str, b: str) -> str:
    """Join two wrapped pieces of text; only Latin words wrapped at a line end get a space."""
    if a and b and _ASCII_WORD.match(a[-1]) and _ASCII_WORD.match(b[0]):
        return f"{a} {b}"
    return a + b


def _drop_furniture_rows(frag: _Frag) -> None:
    """Remove rows that hold only a page number (a footer printed inside a table)."""
    if not any(c.text and _DECORATED_PAGE_NO_RE.match(c.text) for c in frag.cells):
        return  # no cell looks like a page number: no row to drop (the usual table)
    for r in reversed(range(frag.n_rows)):
        in_row = [c for c in frag.cells if c.r0 <= r < c.r1]
        texts = [c.text for c in in_row if c.text]
        if not texts or not all(_DECORATED_PAGE_NO_RE.match(t) for t in texts):
            continue
        if any(c.r1 - c.r0 > 1 and c.text for c in in_row):
            continue
        frag.cells = [c for c in frag.cells if not (c.r0 == r and c.r1 == r + 1)]
        for c in frag.cells:
            if c.r0 > r:
                c.r0 -= 1
            if c.r1 > r:
                c.r1 -= 1
        frag.n_rows -= 1


def _crop_lines(page: _Page, frags: list[_Frag], read_chars: Callable[[], list[Char]]) -> list[_Line]:
    """Lines with the characters inside table boxes removed, rebuilt from the page's characters.

    A line that crosses no table is kept as pdfium read it; a line that touches one is
    rebuilt from the characters outside every table box. ``read_chars`` reads all the
    page's characters; it is called only when some line sticks out of a table.
    """
    boxes = [(f.bbox[0] - 1, f.bbox[1] - 1, f.bbox[2] + 1, f.bbox[3] + 1) for f in frags]

    def inside(x: float, y: float) -> bool:
        return any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in boxes)

    kept: list[_Line] = []
    touched: list[_Line] = []
    for ln in page.lines:
        hit = any(not (ln.bottom < y0 or ln.top > y1 or ln.right < x0 or ln.left > x1) for x0, y0, x1, y1 in boxes)
        (touched if hit else kept).append(ln)
    if not touched:
        return kept
    # A line wholly inside a table box can only hold characters inside it: only lines that
    # stick out of every box can give characters back.
    outside = [ln for ln in touched if not any(x0 <= ln.left - 1 and ln.right + 1 <= x1 and y0 <= ln.top - 1
                                                   and ln.bottom + 1 <= y1 for x0, y0, x1, y1 in boxes)]
    rest = []
    for ch in read_chars() if outside else ():
        x, y = ch.hmid, ch.vmid
        if inside(x, y):
            continue
        if any(ln.left - 1 <= x <= ln.right + 1 and ln.top - 1 <= y <= ln.bottom + 1 for ln in outside):
            rest.append(ch)
    kept.extend(_lines_from_chars(rest, page.number))
    return _merge_baselines(kept)


def _plumber_chars(pp: PlumberPage) -> list[Char]:
    return [Char(ch["text"], ch["x0"], ch["x1"], ch["top"], ch["bottom"]) for ch in pp.chars]


def _lines_from_chars(chars: list[Char], number: int) -> list[_Line]:
    """Group characters into lines by their vertical centre."""
    out: list[_Line] = []
    for ch in sorted(chars, key=lambda c: (round(c.vmid), c.x0)):
        if not ch.text.strip():
            continue
        mid = ch.vmid
        if out and abs(out[-1].mid - mid) < 0.4 * out[-1].height and ch.x0 >= out[-1].right - 1:
            ln = out[-1]
            sep = " " if ch.x0 - ln.right > 0.8 * ln.height else ""
            if sep:
                ln.gap = max(ln.gap, ch.x0 - ln.right)
            ln.text += sep + ch.text
            ln.right = ch.x1
        else:
            out.append(_Line(text=ch.text, left=ch.x0, right=ch.x1, top=ch.top, bottom=ch.bottom, page=number))
    return out


# --------------------------------------------------------------------------- furniture


def _is_page_number(text: str) -> bool:
    return any(r.match(text) for r in _PAGE_NO_RES)


def _furniture_key(text: str) -> str:
    """Header/footer identity: whitespace removed and digits generalised (``第3页`` ≈ ``第4页``)."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _in_band(item: _Line, page: _Page) -> bool:
    return item.mid < _FURNITURE_BAND * page.height or item.mid > (1 - _FURNITURE_BAND) * page.height


def _band_lines(page: _Page) -> list[_Line]:
    """Lines above the first or below the last non-band item: where headers and footers sit."""
    out: list[_Line] = []
    for seq in (page.items, page.items[::-1]):
        for it in seq:
            if isinstance(it, _Line) and _in_band(it, page):
                out.append(it)
            else:
                break
    return out


def _remove_furniture(pages: list[_Page]) -> list[str]:
    """Drop page numbers and repeated headers/footers from the pages; return the repeated texts."""
    seen: dict[str, set[int]] = {}
    first_text: dict[str, str] = {}
    for p in pages:
        for ln in _band_lines(p):
            key = _furniture_key(ln.text)
            seen.setdefault(key, set()).add(p.number)
            first_text.setdefault(key, ln.text)
    need = max(2, int(_REPEAT_SHARE * len(pages) + 0.999))
    repeated = {k for k, v in seen.items() if len(v) >= need and len(pages) >= 2}
    for p in pages:
        drop = {id(ln) for ln in _band_lines(p) if _is_page_number(ln.text) or _furniture_key(ln.text) in repeated}
        if drop:
            p.items = [it for it in p.items if id(it) not in drop]
    return [first_text[k] for k in sorted(repeated, key=lambda k: min(seen[k])) if not _is_page_number(first_text[k])]


# --------------------------------------------------------------------------- assembly


@dataclass(slots=True)
class _Margins:
    left: float
    right: float
    indented: bool = False
    spaced: bool = False
    pitch: float = 0.0


def _margins(lines: list[_Line]) -> _Margins | None:
    """Body margins: the leftmost edge many lines share and the right edge most long lines reach.

    The left margin is not simply the most common left edge: on a page of one-line list
    items every line starts at the first-line indent.
    """
    if not lines:
        return None
    lefts = Counter(round(ln.left / 3) for ln in lines)
    need = max(2, len(lines) // 10)
    shared = [k for k, v in lefts.items() if v >= need]
    left = (min(shared) if shared else min(lefts)) * 3
    half = 0.5 * (max(ln.right for ln in lines) - left)
    long = [ln for ln in lines if ln.right - ln.left > half]
    # rows of a borderless table (label + numbers) may run wider than the text block and, in a
    # table-heavy report, outnumber the prose lines: the text block's edge comes from the prose
    prose = [ln for ln in long if not _NUMBER_RUN_END_RE.search(ln.text) and not ln.columnar]
    rights = Counter(round(ln.right / 3) for ln in (prose if len(prose) >= 3 else long))
    right = (rights.most_common(1)[0][0] * 3) if rights else max(ln.right for ln in lines)
    return _Margins(left=left, right=right)


def _layout_style(pages: list[_Page], margins: dict[int, _Margins | None]) -> tuple[bool, bool, float]:
    """Whether the document marks paragraphs by first-line indents, by space between them,
    and its usual line pitch."""
    n_lines = n_indented = 0
    pitches: Counter[int] = Counter()
    for p in pages:
        lines = [it for it in p.items if isinstance(it, _Line)]
        m = margins.get(p.number)
        if m is None:
            continue
        n_lines += len(lines)
        n_indented += sum(1 for ln in lines if 1.2 * ln.height <= ln.left - m.left <= 4 * ln.height)
        pitches.update(round(b.top - a.top) for a, b in itertools.pairwise(lines) if b.top > a.top)
    pitch = float(pitches.most_common(1)[0][0]) if pitches else 0.0
    n_spaced = sum(v for k, v in pitches.items() if k > _PARA_GAP * pitch)
    need = max(2, n_lines // 25)
    return n_indented >= need, n_spaced >= need, pitch


def _wrap_width(text: str, h: float) -> float:
    """Approximate width of the unbreakable Latin/digit token that starts ``text`` (half-width glyphs)."""
    m = _LEAD_TOKEN_RE.match(text)
    return 0.55 * h * len(m.group()) if m else 0.0


def _continues(prev: _Line, nxt: _Line, m: _Margins, para_lines: int = 1) -> bool:
    """Does ``nxt`` continue the paragraph whose last line is ``prev`` (its ``para_lines``-th line)?"""
    h = max(prev.height, nxt.height)
    if abs(prev.height - nxt.height) > 0.15 * h:
        return False  # font size changes: title → body, body → footnote
    if nxt.page == prev.page and nxt.top - prev.top > max(_PARA_GAP * m.pitch, prev.height + h):
        return False  # a blank line or paragraph spacing
    if prev.columnar or nxt.columnar:
        return False  # a line of a table printed without rules: its cells are not a paragraph's words
    if _NUMBER_RUN_END_RE.search(prev.text):
        # a row of a borderless table (label + number run) is complete: the next line is the next
        # row (一、本年新收… 52 / 二、上年结转…, 规章 0 0 7 / 行政规范性文件 3 1 58) or a label piece
        return False
    if _centred_wrap(prev, nxt, m, h):
        return True
    if prev.left > m.left + 4 * h:
        return False  # a right-aligned or centred line
    if nxt.left > m.left + 1.2 * h:
        return False  # first-line indent, or centred text
    # A line that stops short of the margin ends a paragraph or is a heading, unless the next
    # line starts with a long number, address or word that did not fit in the space left.
    full = prev.right >= m.right - max(2 * h, _wrap_width(nxt.text, h) + h)
    if prev.text[-1] in _SENTENCE_END:
        # A sentence that ends at the margin continues only where indents or spacing mark
        # paragraphs (and so tell this line from a paragraph's last line).
        # Space before a paragraph is not printed at the top of a page: there only indents tell.
        marked = m.indented or (m.spaced and nxt.page == prev.page)
        return full and marked and not _NUMBERING_RE.match(nxt.text)
    return full or _hard_break(prev, nxt, m, para_lines > 1)


def _centred_wrap(prev: _Line, nxt: _Line, m: _Margins, h: float) -> bool:
    """A centred line (a long title) that fills the text width and wraps onto a shorter centred line.

    Left-edge tests cannot see it: the second line starts far right of the margin.
    """
    width = m.right - m.left
    if width <= 0 or prev.text[-1] in _SENTENCE_END or _NUMBERING_RE.match(nxt.text):
        return False
    centred = abs((prev.left + prev.right) - (nxt.left + nxt.right)) < 2 * h
    return (centred and nxt.left > m.left + 1.2 * h and prev.right - prev.left >= 0.75 * width
            and nxt.right - nxt.left < prev.right - prev.left)


def _hard_break(prev: _Line, nxt: _Line, m: _Margins, wrapped: bool) -> bool:
    """A line ended by a hard line break mid-sentence (text pasted with its line ends, a Shift+Enter).

    It stops short of the margin like a paragraph's last line, but it does not end a
    sentence and the next line starts at the margin, where only a paragraph's own
    continuation starts when paragraphs are marked by indents (or, within a page, by
    space, which the caller has already ruled out). A short numbered line is a heading;
    a numbered next line starts a heading or list item.

    Short flush-left lines that are paragraphs of their own (a signature over its date,
    the header lines of a table printed as text) are told apart by both lines: the
    broken line is sentence text (it holds clause punctuation, ends a paragraph that
    ``wrapped`` onto it, or fills half the width), and the next line either ends the
    sentence or runs at least as far as the broken one.
    """
    if not (m.indented or (m.spaced and nxt.page == prev.page)):
        return False
    if _NUMBERING_RE.match(nxt.text) or _NUMBER_RUN_END_RE.search(nxt.text):
        return False
    clause = wrapped or _CLAUSE_RE.search(prev.text) is not None
    if _NUMBERING_RE.match(prev.text) and not clause:
        return False
    if nxt.text[-1] in _FULL_STOP or (clause and _CLAUSE_RE.search(nxt.text)):
        return True
    h = max(prev.height, nxt.height)
    if not clause and prev.right - prev.left < 0.5 * (m.right - m.left):
        return False
    # (a first line's indent puts its end up to two characters right of its continuation's)
    return nxt.text[-1] in _SENTENCE_END or nxt.right >= min(m.right, prev.right) - 3 * h


def _assemble(pages: list[_Page]) -> tuple[list[Block], TextBuilder]:
    """Walk the pages' items in order, joining lines into paragraphs and fragments into tables."""
    builder = TextBuilder()
    blocks: list[Block] = []
    doc_lines = [it for p in pages for it in p.items if isinstance(it, _Line)]
    doc_margins = _margins(doc_lines)
    page_margins: dict[int, _Margins | None] = {}
    for p in pages:
        lines = [it for it in p.items if isinstance(it, _Line)]
        page_margins[p.number] = _margins(lines) if len(lines) >= 8 else doc_margins
    indented, spaced, pitch = _layout_style(pages, page_margins)
    for m in {id(m): m for m in [doc_margins, *page_margins.values()] if m is not None}.values():
        m.indented, m.spaced, m.pitch = indented, spaced, pitch
    items = _join_fragments(pages)
    para: list[_Line] = []

    def flush() -> None:
        if para:
            text = para[0].text
            for ln in para[1:]:
                text = _join(text, ln.text)
            blocks.append(builder.paragraph(text, page=para[0].page))
            para.clear()

    n_tables = 0
    for it in items:
        if isinstance(it, _Frag):
            flush()
            blocks.append(build_table(builder, _raw_rows(it), index=n_tables, page=it.page, pages=tuple(it.pages)))
            n_tables += 1
            continue
        m = page_margins.get(it.page) or doc_margins
        if para and m is not None and _continues(para[-1], it, m, len(para)):
            para.append(it)
        else:
            flush()
            para.append(it)
    flush()
    return blocks, builder


def _join_fragments(pages: list[_Page]) -> list[_Line | _Frag]:
    """All items in reading order, with a table continued on the next page merged into one."""
    out: list[_Line | _Frag] = []
    for p in pages:
        for k, it in enumerate(p.items):
            prev = out[-1] if out else None
            if (k == 0 and isinstance(it, _Frag) and isinstance(prev, _Frag)
                    and prev.pages[-1] == p.number - 1 and _merge_into(prev, it)):
                continue
            out.append(it)
    return out


def _aligned_edges(a: list[float], b: list[float], tol: float) -> list[float] | None:
    """Union of two column-edge lists when one refines the other (or both have the same count)."""
    if abs(a[0] - b[0]) > tol or abs(a[-1] - b[-1]) > tol:
        return None
    if len(a) == len(b):
        return a
    fine, coarse = (a, b) if len(a) > len(b) else (b, a)
    if all(any(abs(x - y) <= tol for y in fine) for x in coarse):
        return fine
    return None


def _merge_into(a: _Frag, b: _Frag) -> bool:
    """Append fragment ``b`` (top of the next page) to table ``a`` when their columns line up."""
    tol = max(4.0, 0.012 * (a.xs[-1] - a.xs[0]))
    xs = _aligned_edges(a.xs, b.xs, tol)
    if xs is None:
        return False
    remap_a = [_index(xs, x) for x in a.xs] if xs is not a.xs else None
    remap_b = [_index(xs, x) for x in b.xs] if len(b.xs) != len(xs) else None
    for frag, remap in ((a, remap_a), (b, remap_b)):
        if remap is not None:
            for c in frag.cells:
                c.c0, c.c1 = remap[c.c0], remap[c.c1]
    b_cells, b_rows = _drop_repeated_header(a, b)
    _continue_split_cells(a, b_cells)
    offset = a.n_rows
    for c in b_cells:
        a.cells.append(_Cell(r0=c.r0 + offset, r1=c.r1 + offset, c0=c.c0, c1=c.c1, text=c.text))
    a.n_rows += b_rows
    a.xs = xs
    a.pages.append(b.page)
    return True


def _row_texts(frag: _Frag, n: int) -> list[list[str]]:
    """The texts (blanks removed) of the cells that start in each of the first ``n`` rows, left to right."""
    rows: list[list[_Cell]] = [[] for _ in range(n)]
    for c in frag.cells:
        if 0 <= c.r0 < n:
            rows[c.r0].append(c)
    return [[_SPACE_RE.sub("", c.text) for c in sorted(row, key=lambda c: c.c0)] for row in rows]


def _drop_repeated_header(a: _Frag, b: _Frag) -> tuple[list[_Cell], int]:
    """``b``'s cells and row count without a header that repeats ``a``'s first rows."""
    n = min(4, a.n_rows, b.n_rows - 1)
    a_rows, b_rows = _row_texts(a, n), _row_texts(b, n)
    drop = 0
    for k in range(1, n + 1):
        if a_rows[:k] == b_rows[:k]:
            drop = k
    if not drop:
        return b.cells, b.n_rows
    cells = [_Cell(r0=c.r0 - drop, r1=c.r1 - drop, c0=c.c0, c1=c.c1, text=c.text) for c in b.cells if c.r0 >= drop]
    return cells, b.n_rows - drop


def _continue_split_cells(a: _Frag, b_cells: list[_Cell]) -> None:
    """Re-join a merged label cell that the page break cut in two.

    A label that spans several rows (``三、本年度办理结果`` over all result rows,
    ``（四）无法提供`` over its items) is drawn as two cells when the rows fall on two
    pages; the lower piece is empty or holds the rest of the words (``法提供``).
    The lower piece continues the upper one when it sits in the same columns in the
    first row of the next page, the upper cell is a label, and the lower piece is
    empty, or is unnumbered text in a group column (labels follow it to the right).
    """
    last = a.n_rows - 1
    above = {(c.c0, c.c1): c for c in a.cells if c.r1 - 1 == last}
    for c in list(b_cells):
        if c.r0 != 0:
            continue
        up = above.get((c.c0, c.c1))
        if up is None or not up.text or _NUMERIC_CELL_RE.match(up.text.replace(" ", "")):
            continue
        if c.text:
            labels_right = any(o.r0 == 0 and o.c0 >= c.c1 and o.text and not _NUMERIC_CELL_RE.match(o.text)
                               for o in b_cells)
            if not labels_right or _NUMBERING_RE.match(c.text) or not _NUMBERING_RE.match(up.text):
                continue
            up.text = _join(up.text, c.text)
        up.r1 = a.n_rows + c.r1
        b_cells.remove(c)


def _raw_rows(frag: _Frag) -> list[list[RawCell]]:
    """The fragment as HTML-model rows for :func:`build_table`; uncovered positions become empty cells.

    Where cells overlap, the one that starts first (by row, then column) owns the position.
    """
    n_rows, n_cols = frag.n_rows, len(frag.xs) - 1
    owner: list[_Cell | None] = [None] * (n_rows * n_cols)
    for c in sorted(frag.cells, key=lambda c: (c.r0, c.c0)):
        r0, r1, c0, c1 = c.r0, c.r1, c.c0, c.c1
        r1 = min(r1 if r1 > r0 else r0 + 1, n_rows)  # a cell covers at least its own position
        c1 = min(c1 if c1 > c0 else c0 + 1, n_cols)
        c0 = c0 if c0 > 0 else 0
        for r in range(r0 if r0 > 0 else 0, r1):
            base = r * n_cols
            for k in range(base + c0, base + c1):
                if owner[k] is None:
                    owner[k] = c
    rows: list[list[RawCell]] = []
    for r in range(n_rows):
        row: list[RawCell] = []
        base = r * n_cols
        for col in range(n_cols):
            c = owner[base + col]
            if c is None:
                row.append(RawCell(""))
            elif c.r0 == r and c.c0 == col:
                rowspan, colspan = c.r1 - c.r0, c.c1 - c.c0
                row.append(RawCell(c.text, rowspan=rowspan if rowspan > 1 else 1, colspan=colspan if colspan > 1 else 1))
        rows.append(row)
    return rows


__all__ = ["parse"]
