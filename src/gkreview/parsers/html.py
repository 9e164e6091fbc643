"""Saved government web pages (.html): the article body, its tables and the page metadata.

A report saved from a government site is mostly page furniture: navigation,
breadcrumbs, a metadata table (索引号/发布机构/文号/成文日期/发布日期), share and
print links, a footer with the 备案号. Only the article body is report text, so the
parser picks the content container (the ids/classes government CMSs use:
``zoom``, ``TRS_Editor``, ``content``, ``xxgk``, ``detail``… or, failing those,
the element holding most non-link text) and reads the metadata into
``SourceFile.metadata`` instead of the body.

Parsing uses selectolax (lexbor), which is an order of magnitude faster than lxml
on tag soup. The DOM is walked iteratively so a hostile page nested 100 000 levels
deep cannot exhaust the Python stack.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

from gkreview.document import Block, SourceFile
from gkreview.errors import TooLarge
from gkreview.normalize import norm_label
from gkreview.parsers.base import (
    DEFAULT_LIMITS,
    Limits,
    ParseResult,
    RawCell,
    TextBuilder,
    build_table,
    drop_invisible,
)
from gkreview.parsers.meta import META_KEYS, extract_metadata
from gkreview.parsers.txt import decode as decode_text

_META_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
# GB2312/GBK pages routinely contain characters outside GB2312; GB18030 is the superset that decodes them.
_ENCODING_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
                     "cp936": "gb18030", "euc-cn": "gb18030", "utf8": "utf-8", "big5": "big5hkscs",
                     "x-big5": "big5hkscs", "unicode": "utf-8"}
_WS_RE = re.compile(r"[ \t\n\r\f\v]+")
_STRIP = " \t\n\r\f\v\xa0\u3000"

# ``del``: removed text, as Word saves tracked deletions (<del>5</del><ins>3</ins> is 3, not 53); ``s`` and
# ``strike`` are struck-out text, which editors and Word's "show changes" exports print for deletions too.
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "frame", "nav", "aside", "select", "option",
              "button", "object", "embed", "svg", "canvas", "input", "textarea", "map", "audio", "video", "del",
              "s", "strike")
_BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "section",
    "article", "header", "footer", "main", "address", "center", "form", "fieldset", "figure", "figcaption", "hr",
    "tr", "td", "th", "tbody", "thead", "tfoot", "caption", "body", "html", "legend", "details", "summary",
})
_JUNK_PARTS = frozenset({
    "nav", "navbar", "menu", "submenu", "breadcrumb", "breadcrumbs", "crumb", "crumbs", "share", "bdshare",
    "footer", "foot", "copyright", "sidebar", "toolbar", "topbar", "banner", "search", "login", "weizhi", "dqwz",
    "position", "location", "print", "fontsize",
})
_CONTENT_PARTS = frozenset({
    "zoom", "content", "contents", "article", "trs", "editor", "xxgk", "detail", "details", "main", "zw", "zwnr",
    "nr", "text", "txt", "con", "view", "wzxq", "wznr", "unionstyle", "custom", "body", "info", "pages",
})
_HIDDEN_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# Struck-out by CSS (a span styled as <s>): removed text, not the report's.
_STRUCK_RE = re.compile(r"text-decoration(?:-line)?\s*:[^;\"']*line-through", re.I)
_TOKEN_SPLIT = re.compile(r"[-_\s]+|(?<=[a-z])(?=[A-Z])")
_TITLE_SPLIT = re.compile(r"\s*(?:[_|｜]|-{1,2}|——|—)\s*")
_META_NAMES = {"articletitle": "title", "pubdate": "published_date", "contentsource": "publisher"}
_META_LABELS = tuple(v for vs in META_KEYS.values() for v in vs)
_META_CONTAINERS = frozenset({"table", "dl", "ul", "ol", "div"})
_NESTING_RE = re.compile(r"<(/?)(?:div|table|blockquote|section|article|ul|ol|dl|center|font|span)\b", re.I)
_DISTINCT_LABELS = ("索引号", "发布机构", "成文日期", "发布日期", "文号", "发文字号", "主题分类", "发文机关")
MAX_COLSPAN = 100
# CSS grids drawn as tables: ``display:grid`` with a column template, cells spanning by grid-row/grid-column.
_GRID_DISPLAY_RE = re.compile(r"display\s*:\s*(?:inline-)?grid\b", re.I)
_GRID_COLUMNS_RE = re.compile(r"grid-template-columns\s*:\s*([^;]+)", re.I)
_GRID_REPEAT_RE = re.compile(r"^repeat\(\s*(\d+)\s*,")
_GRID_SPAN_RES = {"col": re.compile(r"grid-column\s*:\s*(?:[^;]*?/\s*)?span\s+(\d+)", re.I),
                  "row": re.compile(r"grid-row\s*:\s*(?:[^;]*?/\s*)?span\s+(\d+)", re.I)}
_PAREN_RE = re.compile(r"\([^()]*\)")
_TABLE_ROW_RE = re.compile(r"display\s*:\s*table-row\b", re.I)
# Flexbox rows of cell <div>s drawn as a table; a cell's flex-grow (``flex:5``) is its width in columns.
_FLEX_ROW_RE = re.compile(r"display\s*:\s*(?:inline-)?flex\b", re.I)
_FLEX_COLUMN_RE = re.compile(r"flex-direction\s*:\s*column", re.I)
_FLEX_GROW_RE = re.compile(r"(?:^|[;\s])flex(?:-grow)?\s*:\s*(\d+)(?:\s|;|$)", re.I)
_ROW_CLASSES = frozenset({"tr", "table-row"})
GRID_MAX_CELL_CHARS = 300
MAX_TABLE_DEPTH = 20
MIN_CONTENT_CHARS = 50
META_CLIMB = 8
META_MAX_CHARS = 3000
# Deeper nesting is hostile: lexbor's tree building is quadratic in depth (20 000 levels take a second).
MAX_DEPTH = 2000
MAX_SCORED = 400
MAX_CLIMB = 64
JUNK_MAX_CHARS = 300
CONTENT_SHARE = 0.8


def decode(data: bytes, path: str | None = None) -> tuple[str, str]:
    """Decode page bytes: BOM, then the declared charset (if it decodes), then the txt sniffing.

    Declared charsets lie often (a page labelled gb2312 that is really UTF-8), so
    a declaration is trusted only if the bytes decode cleanly with it.
    """
    if data[:3] == b"\xef\xbb\xbf" or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return decode_text(data, path)
    m = _META_CHARSET_RE.search(data[:16384])
    if m:
        declared = m.group(1).decode("ascii", "ignore").lower()
        enc = _ENCODING_ALIASES.get(declared, declared)
        try:
            return data.decode(enc), enc
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data, path)


# --- DOM helpers ---------------------------------------------------------------------------------------------------

def _tokens(node: LexborNode) -> list[str]:
    """Lower-case parts of the id and class names (``article-content`` → article, content)."""
    attrs = node.attributes
    raw = f"{attrs.get('id') or ''} {attrs.get('class') or ''}"
    whole = [t.lower() for t in raw.split()]
    parts = [p.lower() for p in _TOKEN_SPLIT.split(raw) if p]
    return whole + parts


def _children(node: LexborNode) -> Iterator[LexborNode]:
    """Element children (text and comments skipped)."""
    yield from node.iter(include_text=False)


def _text_len(node: LexborNode) -> int:
    """Characters of non-link text: navigation is mostly links, articles mostly not."""
    total = len(_WS_RE.sub("", node.text(deep=True)))
    links = sum(len(_WS_RE.sub("", a.text(deep=True))) for a in node.css("a"))
    return total - links


def _remove_junk(body: LexborNode) -> None:
    """Drop scripts, navigation, hidden elements and menus; keep article headers."""
    _drop(body.css(",".join(_DROP_TAGS)))
    _drop([n for n in body.css("[hidden],[style]")
           if "hidden" in n.attributes or _HIDDEN_RE.search(style := n.attributes.get("style") or "")
           or _STRUCK_RE.search(style)])
    _drop([n for n in body.css("header,footer") if not _inside(n, ("article", "main"))])
    named = [n for n in body.css("[id],[class]") if n.tag not in ("body", "html")
             and any(t in _JUNK_PARTS for t in _tokens(n))]
    _drop([n for n in named[:MAX_SCORED] if _text_len(n) < JUNK_MAX_CHARS])


def _drop(nodes: list[LexborNode]) -> None:
    """Destroy nodes innermost first (reverse document order).

    lexbor frees a node's descendants with it, so a wrapper of a descendant must
    never be used after its ancestor went; in reverse order descendants go first.
    """
    for node in reversed(nodes):
        node.decompose()


def _inside(node: LexborNode, tags: tuple[str, ...]) -> bool:
    parent = node.parent
    for _ in range(MAX_CLIMB):
        if parent is None:
            return False
        if parent.tag in tags:
            return True
        parent = parent.parent
    return False


def choose_content(body: LexborNode, meta: list[LexborNode] | None = None) -> LexborNode:
    """The article container: the smallest hinted element holding most of the hinted text, else the densest.

    ``meta`` are the metadata blocks: they are never the content, and their text
    does not count towards a container's size (a ``main`` div holding the metadata
    table must not outweigh the ``zoom`` div beside it).
    """
    meta = meta or []
    exclude = frozenset(n.mem_id for n in meta)
    meta_len = {n.mem_id: _text_len(n) for n in meta}
    scored: list[tuple[int, int, LexborNode]] = []
    hinted = [n for n in body.css("[id],[class]") if any(t in _CONTENT_PARTS for t in _tokens(n))]
    # Measuring text is linear in the subtree; a page with thousands of hinted wrappers is hostile.
    for order, node in enumerate(hinted[:MAX_SCORED]):
        if node.mem_id in exclude or _inside_ids(node, exclude):
            continue
        own = frozenset((node.mem_id,))
        n = _text_len(node) - sum(meta_len[m.mem_id] for m in meta if _inside_ids(m, own))
        if n >= MIN_CONTENT_CHARS:
            scored.append((n, order, node))
    if scored:
        best = max(n for n, _, _ in scored)
        adequate = [(n, order, node) for n, order, node in scored if n >= CONTENT_SHARE * best]
        # Document order puts ancestors first; the last adequate one is the innermost.
        return max(adequate, key=lambda t: t[1])[2]
    return _densest(body)


def _inside_ids(node: LexborNode, ids: frozenset[int]) -> bool:
    parent = node.parent
    for _ in range(MAX_CLIMB if ids else 0):
        if parent is None:
            return False
        if parent.mem_id in ids:
            return True
        parent = parent.parent
    return False


def _densest(body: LexborNode) -> LexborNode:
    """Readability-style fallback: credit each text run to its parent (and half to the grandparent)."""
    score: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    for node in body.traverse(include_text=True):
        if node.tag != "-text":
            continue
        n = len(_WS_RE.sub("", node.text(deep=False)))
        parent = node.parent
        if n == 0 or parent is None or parent.tag == "a":
            continue
        # Inline wrappers (span, font, strong) do not make a text block; climb to the block.
        while parent.tag not in _BLOCK_TAGS and parent.parent is not None:
            parent = parent.parent
        for weight, target in ((1.0, parent), (0.5, parent.parent)):
            if target is None:
                continue
            score[target.mem_id] = score.get(target.mem_id, 0.0) + weight * n
            nodes[target.mem_id] = target
    if not score:
        return body
    return nodes[max(score, key=lambda k: score[k])]


# --- metadata ------------------------------------------------------------------------------------------------------

def _meta_lines(node: LexborNode) -> list[str]:
    """``label: | value`` lines of a metadata table, definition list or list of spans."""
    if node.tag == "table":
        return ["|".join(_labelled(c.text(deep=True, separator=" ").strip()) for c in _cells(tr))
                for tr in _rows(node)]
    if node.tag == "dl":
        items = [c for c in _children(node) if c.tag in ("dt", "dd")]
        return ["|".join(_labelled(c.text(deep=True).strip()) for c in items)]
    items = [c for c in _children(node) if c.tag == "li"] or [node]
    return ["|".join(_labelled(t) for t in c.text(deep=True, separator="|", strip=True).split("|")) for c in items]


def _labelled(cell: str) -> str:
    """A label cell printed without its colon (``索引号``) gets one, so the label/value layout is read."""
    key = norm_label(cell)
    return cell + ":" if key in _META_LABELS else cell


def metadata_blocks(body: LexborNode) -> list[LexborNode]:
    """The innermost elements that print two or more metadata labels (索引号, 发布机构, 成文日期…).

    Found from the label text upwards (a few ancestors per label) rather than by
    testing every element's text, which is quadratic on deeply nested pages.
    """
    labels_of: dict[int, set[str]] = {}
    nodes: dict[int, LexborNode] = {}
    chains: list[list[int]] = []
    for node in body.traverse(include_text=True):
        if node.tag != "-text":
            continue
        text = node.text(deep=False)
        found = {label for label in _DISTINCT_LABELS if label in text}
        if not found:
            continue
        chain: list[int] = []
        parent = node.parent
        for _ in range(META_CLIMB):
            if parent is None or parent.tag in ("body", "html"):
                break
            if parent.tag in _META_CONTAINERS:
                labels_of.setdefault(parent.mem_id, set()).update(found)
                nodes[parent.mem_id] = parent
                chain.append(parent.mem_id)
            parent = parent.parent
        chains.append(chain)
    chosen: dict[int, LexborNode] = {}
    for chain in chains:
        # The first container on the way up that prints two labels is the innermost metadata block.
        mid = next((m for m in chain if len(labels_of[m]) >= 2), None)
        if mid is not None and mid not in chosen and len(nodes[mid].text(deep=True)) <= META_MAX_CHARS:
            chosen[mid] = nodes[mid]
    return list(chosen.values())


def page_metadata(tree: LexborHTMLParser, blocks: list[LexborNode]) -> dict[str, str]:
    """Metadata from the printed 索引号… blocks, then ``<meta>`` tags, then ``<title>``."""
    found: dict[str, str] = {}
    for node in blocks:
        for key, value in extract_metadata(_meta_lines(node)).items():
            found.setdefault(key, value)
    for meta in tree.css("meta[name]"):
        key = _META_NAMES.get((meta.attributes.get("name") or "").lower())
        value = (meta.attributes.get("content") or "").strip()
        if key and value:
            found.setdefault(key, value)
    title = tree.css_first("title")
    if title is not None and (page_title := _WS_RE.sub(" ", title.text()).strip()):
        found["page_title"] = page_title
    return found


# --- body walk -----------------------------------------------------------------------------------------------------

def _rows(table: LexborNode) -> list[LexborNode]:
    """The table's own rows (``tr`` directly or in thead/tbody/tfoot), not those of nested tables."""
    rows: list[LexborNode] = []
    for child in _children(table):
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(c for c in _children(child) if c.tag == "tr")
    return rows


def _cells(tr: LexborNode) -> list[LexborNode]:
    return [c for c in _children(tr) if c.tag in ("td", "th")]


def _span(node: LexborNode, name: str, cap: int) -> int:
    try:
        value = int((node.attributes.get(name) or "1").strip() or 1)
    except ValueError:
        return 1
    return cap if value == 0 else max(1, min(value, cap))


class _Lines:
    """Collects visible lines of a subtree (cell text, flattened nested tables)."""

    def __init__(self, depth: int = 0) -> None:
        self.lines: list[str] = []
        self.buf: list[str] = []
        self.depth = depth

    def text(self, s: str) -> None:
        self.buf.append(s)

    def flush(self) -> None:
        line = _WS_RE.sub(" ", drop_invisible("".join(self.buf))).strip(_STRIP)
        self.buf.clear()
        if line:
            self.line(line)

    def line(self, line: str) -> None:
        self.lines.append(line)

    def table(self, node: LexborNode) -> None:
        for tr in _rows(node):
            cells = [_cell_text(td, self.depth + 1).replace("\n", " ") for td in _cells(tr)]
            row = "\t".join(c for c in cells if c)
            if row:
                self.line(row)

    def grid(self, raw_rows: list[list[RawCell]]) -> None:
        """A CSS grid drawn as a table (see :func:`css_grids`), flattened like a nested table."""
        for raw_row in raw_rows:
            row = "\t".join(c.text.replace("\n", " ") for c in raw_row if c.text)
            if row:
                self.line(row)


class _Blocks(_Lines):
    """Emits paragraphs and tables into the text builder in reading order."""

    def __init__(self, builder: TextBuilder, limits: Limits, path: str | None) -> None:
        super().__init__()
        self.builder = builder
        self.blocks: list[Block] = []
        self.n_tables = 0
        self.limits = limits
        self.path = path

    def line(self, line: str) -> None:
        self.blocks.append(self.builder.paragraph(line))
        self._check()

    def table(self, node: LexborNode) -> None:
        rows = _rows(node)
        raw_rows: list[list[RawCell]] = []
        for r, tr in enumerate(rows):
            remaining = len(rows) - r
            raw_rows.append([RawCell(_cell_text(td, 1), rowspan=_span(td, "rowspan", remaining),
                                     colspan=_span(td, "colspan", MAX_COLSPAN)) for td in _cells(tr)])
        self.grid(raw_rows)

    def grid(self, raw_rows: list[list[RawCell]]) -> None:
        if not any(raw_rows):
            return
        self.blocks.append(build_table(self.builder, raw_rows, self.n_tables))
        self.n_tables += 1
        self._check()

    def _check(self) -> None:
        if self.builder.offset > self.limits.max_chars:
            raise TooLarge(f"more than {self.limits.max_chars} characters of text", self.path)


def _cell_text(td: LexborNode, depth: int) -> str:
    if depth > MAX_TABLE_DEPTH:
        return _WS_RE.sub(" ", td.text(deep=True)).strip(_STRIP)
    sink = _Lines(depth)
    _walk(td, sink)
    return "\n".join(sink.lines)


def _is_layout_table(node: LexborNode) -> bool:
    """A table used for page layout is read as a container: one cell, cells holding whole articles, or cells
    that hold nothing but other tables (a frame with an empty indent cell around the report's table)."""
    cells = [c for tr in _rows(node) for c in _cells(tr)]
    if len(cells) <= 1:
        return True
    if any(len(c.text(deep=True)) > 400 and c.css_first("p,div,br") is not None for c in cells):
        return True
    return node.css_first("table") is not None and _only_tables(cells)


def _only_tables(cells: list[LexborNode]) -> bool:
    """True when some cell holds a table and no cell has text outside the tables it holds."""
    nested = False
    for cell in cells:
        inner = cell.css("table")
        ink = _ink(cell.text(deep=True))
        if inner:
            nested = True
            ids = frozenset(t.mem_id for t in inner)
            # only the outermost tables: the text of a table inside another is counted with it
            ink -= sum(_ink(t.text(deep=True)) for t in inner if not _inside_ids(t, ids - {t.mem_id}))
        if ink > 0:
            return False
    return nested


def _ink(text: str) -> int:
    """Characters that are not whitespace (no-break and full-width spaces included)."""
    return sum(map(len, text.split()))


def _walk(root: LexborNode, sink: _Lines, grids: dict[int, list[list[RawCell]]] | None = None) -> None:
    """Depth-first walk without recursion: block elements and ``<br>`` end lines, tables go to the sink.

    ``grids`` are the CSS grids of the subtree that read as tables (:func:`css_grids`), by element id.
    """
    stack: list[tuple[LexborNode | None, Iterator[LexborNode]]] = [(None, root.iter(include_text=True))]
    while stack:
        owner, it = stack[-1]
        child = next(it, None)
        if child is None:
            stack.pop()
            if owner is not None and owner.tag in _BLOCK_TAGS:
                sink.flush()
            continue
        tag = child.tag
        if tag == "-text":
            sink.text(child.text(deep=False))
        elif tag == "br":
            sink.flush()
        elif tag == "table" and not _is_layout_table(child):
            sink.flush()
            sink.table(child)
        elif grids and child.mem_id in grids:
            sink.flush()
            sink.grid(grids[child.mem_id])
        elif tag == "pre":
            sink.flush()
            for line in drop_invisible(child.text(deep=True)).splitlines():
                if line.strip(_STRIP):
                    sink.line(line.strip(_STRIP))
        elif tag.startswith("-") or tag in ("img", "_comment"):
            continue
        else:
            if tag in _BLOCK_TAGS:
                sink.flush()
            stack.append((child, child.iter(include_text=True)))
    sink.flush()


def css_grids(content: LexborNode) -> dict[int, list[list[RawCell]]]:
    """CSS layouts that draw a table: element id → rows of cells, placed as the browser places them.

    Some CMS templates draw the report's tables without ``<table>``: as
    ``display:table-row`` rows of cells (:func:`_css_table_rows`), or as ``<div>``
    cells in a ``display:grid`` container: no row elements, a column template
    (``grid-template-columns: repeat(10, 1fr)``) and merged cells spanning by
    ``grid-column: span 5`` / ``grid-row: span 3``. The rows exist only after the
    browser's auto-placement, which is redone here (row by row, each cell at the
    first free position after the previous one). A grid is read as a table only
    when it has at least two columns and two rows of short cells; page layouts
    built with CSS grid hold long text and stay paragraphs.
    """
    out: dict[int, list[list[RawCell]]] = {}
    for node in content.css('[style*="grid"]'):
        style = node.attributes.get("style") or ""
        m = _GRID_COLUMNS_RE.search(style)
        if m is None or not _GRID_DISPLAY_RE.search(style):
            continue
        n_cols = _grid_columns(m.group(1))
        cells = list(_children(node))
        if n_cols < 2 or len(cells) < 3:
            continue
        texts = [_cell_text(c, 1) for c in cells]
        if any(len(t) > GRID_MAX_CELL_CHARS for t in texts):
            continue
        rows = _place(cells, texts, n_cols)
        if len(rows) >= 2:
            out[node.mem_id] = rows
    out.update(_css_table_rows(content))
    return out


def _is_css_row(node: LexborNode) -> bool:
    style = node.attributes.get("style") or ""
    return bool(_TABLE_ROW_RE.search(style)) or _is_flex_row(style) or any(
        t in _ROW_CLASSES for t in (node.attributes.get("class") or "").lower().split())


def _is_flex_row(style: str) -> bool:
    return bool(_FLEX_ROW_RE.search(style)) and not _FLEX_COLUMN_RE.search(style)


def _flex_spans(rows: list[list[LexborNode]]) -> list[list[int]] | None:
    """Column spans of flexbox cells from their integer flex-grow (``flex:5`` over five ``flex:1`` columns),
    when every row then has the same width in columns; None otherwise (every cell one column)."""
    spans = []
    for cells in rows:
        row = []
        for td in cells:
            m = _FLEX_GROW_RE.search(td.attributes.get("style") or "")
            row.append(max(1, min(int(m.group(1)), MAX_COLSPAN)) if m else 1)
        spans.append(row)
    widths = {sum(r) for r in spans}
    return spans if len(widths) == 1 and any(x > 1 for r in spans for x in r) else None


def _css_table_rows(content: LexborNode) -> dict[int, list[list[RawCell]]]:
    """Containers of ``display:table-row`` (or ``div.tr``) rows of short cells: tables without ``<table>``.

    CSS tables cannot merge cells, so every cell is one grid position; a merged
    label is printed once with empty cells under it, which the label anchoring
    reads as it reads a grid with blank label cells.
    """
    out: dict[int, list[list[RawCell]]] = {}
    seen: set[int] = set()
    for row in content.css('[style*="table-row"], [style*="flex"], .tr, .table-row'):
        parent = row.parent
        if parent is None or parent.mem_id in seen:
            continue
        seen.add(parent.mem_id)
        children = list(_children(parent))
        if len(children) < 2 or not all(_is_css_row(c) for c in children):
            continue
        cells = [list(_children(tr)) for tr in children]
        spans = _flex_spans(cells)
        raw_rows: list[list[RawCell]] = []
        for r, tds in enumerate(cells):
            texts = [_cell_text(td, 1) for td in tds]
            if any(len(t) > GRID_MAX_CELL_CHARS for t in texts):
                raw_rows = []
                break
            raw_rows.append([RawCell(t, colspan=spans[r][k]) if spans else RawCell(t) for k, t in enumerate(texts)])
        if len(raw_rows) >= 2 and max(map(len, raw_rows)) >= 2:
            out[parent.mem_id] = raw_rows
    return out


def _grid_columns(template: str) -> int:
    """Number of columns of a ``grid-template-columns`` value (``repeat(N, …)`` or a list of track sizes)."""
    template = template.strip()
    m = _GRID_REPEAT_RE.match(template)
    if m:
        return min(int(m.group(1)), MAX_COLSPAN)
    return min(len(_PAREN_RE.sub("x", template).split()), MAX_COLSPAN)


def _grid_span(node: LexborNode, axis: str, cap: int) -> int:
    m = _GRID_SPAN_RES[axis].search(node.attributes.get("style") or "")
    return max(1, min(int(m.group(1)), cap)) if m else 1


def _place(cells: list[LexborNode], texts: list[str], n_cols: int) -> list[list[RawCell]]:
    """CSS auto-placement (sparse): each cell goes to the first position after the previous cell where its
    column span fits and no earlier cell's row span covers it; rows of :class:`RawCell` in the HTML table model,
    with empty cells filling positions left free."""
    taken: set[tuple[int, int]] = set()
    starts: dict[int, list[tuple[int, RawCell]]] = {}
    r = c = 0
    for node, text in zip(cells, texts, strict=True):
        cs = _grid_span(node, "col", n_cols)
        rs = _grid_span(node, "row", MAX_COLSPAN)
        while True:
            if c + cs > n_cols:
                r, c = r + 1, 0
                continue
            if any((r, c + k) in taken for k in range(cs)):
                c += 1
                continue
            break
        taken.update((r + dr, c + dc) for dr in range(rs) for dc in range(cs))
        starts.setdefault(r, []).append((c, RawCell(text, rowspan=rs, colspan=cs)))
        c += cs
    n_rows = max((rr for rr, _ in taken), default=-1) + 1
    rows: list[list[RawCell]] = []
    for rr in range(n_rows):
        by_col = dict(starts.get(rr, []))
        row = [by_col[cc] if cc in by_col else RawCell("") for cc in range(n_cols)
               if cc in by_col or (rr, cc) not in taken]
        rows.append(row)
    return rows


def nesting_depth(text: str) -> int:
    """Deepest nesting of container tags that are never closed implicitly (div, table, span…), by a tag scan."""
    depth = deepest = 0
    for m in _NESTING_RE.finditer(text):
        if m.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def parse(data: bytes, path: str | None = None, limits: Limits = DEFAULT_LIMITS) -> ParseResult:
    """Parse a saved web page: main content as blocks, page metadata into the source."""
    limits.check_bytes(len(data), "page", path)
    text, enc = decode(data, path)
    limits.check_chars(len(text), path)
    if (depth := nesting_depth(text)) > MAX_DEPTH:
        raise TooLarge(f"elements nested {depth} deep (limit {MAX_DEPTH}): hostile or broken page", path)
    tree = LexborHTMLParser(text)
    body = tree.body or tree.root
    builder = TextBuilder()
    sink = _Blocks(builder, limits, path)
    metadata: dict[str, str] = {}
    if body is not None:
        meta_nodes = metadata_blocks(body)
        metadata = page_metadata(tree, meta_nodes)
        _remove_junk(body)
        meta_nodes = metadata_blocks(body)  # again: junk removal may have destroyed some
        content = choose_content(body, meta_nodes)
        if "title" not in metadata:
            metadata.update(_heading_title(body, content, metadata.get("page_title")))
        _walk(content, sink, css_grids(content))
    source = SourceFile(path=path, format="html", text=builder.text(), encoding=enc, size=len(data))
    source.metadata.update(metadata)
    return ParseResult(source=source, blocks=sink.blocks)


def read_into(data: bytes, builder: TextBuilder, limits: Limits, path: str | None,
              first_table: int = 0) -> tuple[list[Block], int]:
    """Read an HTML fragment embedded in another file (a .docx ``w:altChunk``) into that file's text builder.

    The whole body is the content (no page furniture to tell apart), but scripts, hidden and
    struck-out text are still dropped. Returns the blocks and the next table index.
    """
    limits.check_bytes(len(data), "embedded page", path)
    text, _enc = decode(data, path)
    if nesting_depth(text) > MAX_DEPTH:
        raise TooLarge(f"embedded page nested more than {MAX_DEPTH} deep", path)
    tree = LexborHTMLParser(text)
    body = tree.body or tree.root
    sink = _Blocks(builder, limits, path)
    sink.n_tables = first_table
    if body is not None:
        _remove_junk(body)
        _walk(body, sink, css_grids(body))
    return sink.blocks, sink.n_tables


def _heading_title(body: LexborNode, content: LexborNode, page_title: str | None) -> dict[str, str]:
    """The article title when no metadata names it: an ``h1`` outside the body, else ``<title>``'s first part.

    The part of ``<title>`` is used only when it looks like a document title (ends
    with a document-type word), because ``<title>`` is often just the site name.
    """
    from gkreview.data.titles import TITLE_SUFFIXES

    content_ids = {n.mem_id for n in content.css("h1")}
    for h1 in body.css("h1"):
        text = _WS_RE.sub(" ", h1.text(deep=True)).strip(_STRIP)
        if h1.mem_id not in content_ids and text:
            return {"title": text}
    if page_title:
        first = _TITLE_SPLIT.split(page_title)[0].strip()
        if len(first) >= 6 and first.endswith(TITLE_SUFFIXES):
            return {"title": first}
    return {}


__all__ = ["choose_content", "css_grids", "decode", "metadata_blocks", "page_metadata", "parse", "read_into"]
