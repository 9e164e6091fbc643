"""Word .docx reports: body in reading order, merged table cells, automatic numbering.

A .docx is a zip of XML parts. The zip is opened and measured *before* any XML
is parsed (entry count, declared and actual uncompressed size), because a hostile
upload can be a zip bomb; every part is parsed with lxml without DTDs, entities or
network access, and a part that declares a DTD is rejected outright, because the
only use of a DTD in an upload is an entity bomb or an external-entity read.

The lxml tree of ``word/document.xml`` is walked directly rather than through
python-docx's object model: the walk must interleave paragraphs and tables in body
order, see inside content controls (``w:sdt``), text boxes and tracked
insertions, and skip deleted text, hidden runs and field codes — python-docx's
``paragraphs``/``tables`` lists offer none of that.

Automatic numbering (``一、`` produced by Word, not typed) is rendered from
``numbering.xml`` into ``Paragraph.numbering`` so heading detection sees the same
label a reader sees.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO

from lxml import etree

from gkreview.document import Block, Cell, Paragraph, SourceFile, Table
from gkreview.errors import CorruptFile, EncryptedFile, TooLarge
from gkreview.parsers.base import DEFAULT_LIMITS, Limits, ParseResult, TextBuilder, drop_invisible
from gkreview.parsers.meta import extract_metadata

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{" + W_NS + "}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DC = "{http://purl.org/dc/elements/1.1/}"
DCTERMS = "{http://purl.org/dc/terms/}"

_REL_OFFICE_DOC = "/officeDocument"
_REL_CORE = "/metadata/core-properties"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DTD_RE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)
_READ_CHUNK = 1 << 20
# Word tables have at most 63 columns; a larger span is hostile or corrupt.
MAX_SPAN = 64
# Built-in style names that Word stores in lower case (python-docx shows them capitalised).
_BUILTIN_LOWER = re.compile(r"^(heading [1-9]|title|subtitle|normal|caption|header|footer|toc [1-9]|body text"
                            r"|list paragraph|list bullet|list number|plain text|normal \(web\)|table grid)$")
_TITLE_JUNK = re.compile(r"^\s*Microsoft Word\s*-\s*|\.(?:docx?|wps)\s*$", re.I)


# --- the zip container -------------------------------------------------------------------------------------------

class _Package:
    """The zip with budgeted reads: every byte read counts against ``max_unzipped_bytes``."""

    def __init__(self, data: bytes, path: str | None, limits: Limits) -> None:
        self.path = path
        if data[:8] == _OLE_MAGIC:
            if "EncryptedPackage".encode("utf-16-le") in data:
                raise EncryptedFile("password-protected Word file (encrypted OOXML package)", path)
            raise CorruptFile("legacy binary Word file (.doc), not a .docx", path)
        try:
            self.zip = zipfile.ZipFile(BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise CorruptFile(f"damaged .docx zip container: {exc}", path) from exc
        if len(infos) > limits.max_zip_entries:
            raise TooLarge(f".docx holds {len(infos)} zip entries, over the limit of {limits.max_zip_entries}", path)
        declared = sum(i.file_size for i in infos)
        if declared > limits.max_unzipped_bytes:
            raise TooLarge(f".docx expands to {declared} bytes, over the limit of {limits.max_unzipped_bytes}", path)
        if any(i.flag_bits & 0x1 for i in infos):
            raise EncryptedFile("password-protected zip entries in .docx", path)
        self.names = {i.filename.lstrip("/"): i for i in infos}
        self.budget = limits.max_unzipped_bytes

    def read(self, name: str) -> bytes | None:
        """The bytes of a part, or None when absent; lying size headers cannot exceed the budget."""
        info = self.names.get(name.lstrip("/"))
        if info is None:
            return None
        chunks: list[bytes] = []
        try:
            with self.zip.open(info) as fh:
                while chunk := fh.read(min(_READ_CHUNK, self.budget + 1)):
                    self.budget -= len(chunk)
                    if self.budget < 0:
                        raise TooLarge("the .docx parts expand beyond the size limit (zip bomb?)", self.path)
                    chunks.append(chunk)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise CorruptFile(f"cannot read {name} from the .docx: {exc}", self.path) from exc
        return b"".join(chunks)

    def xml(self, name: str) -> etree._Element | None:
        """Parse a part safely (no DTD, no entities, no network)."""
        data = self.read(name)
        return None if data is None else parse_xml(data, name, self.path)

    def rel_ids(self, part: str) -> dict[str, str]:
        """Relationship id → resolved target of a part's internal relationships (what ``r:id`` attributes name)."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out: dict[str, str] = {}
        for rel in root.iter(REL_NS + "Relationship") if root is not None else ():
            target = rel.get("Target") or ""
            if rel.get("TargetMode") != "External" and rel.get("Id"):
                out[rel.get("Id") or ""] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                    posixpath.join(folder, target))
        return out

    def rels(self, part: str) -> list[tuple[str, str]]:
        """(type, resolved target) relationships of a part, in file order."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        if root is None:
            return []
        out: list[tuple[str, str]] = []
        for rel in root.iter(REL_NS + "Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))
            out.append((rel.get("Type") or "", resolved))
        return out


def parse_xml(data: bytes, name: str, path: str | None) -> etree._Element:
    """Parse one XML part; a DTD or entity declaration is refused (entity bombs, XXE)."""
    probe = data
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        probe = data.decode("utf-16", errors="ignore").encode("utf-8")
    if _DTD_RE.search(probe):
        raise CorruptFile(f"{name} declares a DTD or entities; refused (entity bomb / external entity)", path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise CorruptFile(f"malformed XML in {name}: {exc}", path) from exc
    if root.getroottree().docinfo.internalDTD is not None:
        raise CorruptFile(f"{name} declares a DTD; refused", path)
    return root


# --- styles and numbering ----------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Style:
    name: str
    based_on: str | None
    num: tuple[str, int | None] | None


def _child(el: etree._Element, tag: str) -> etree._Element | None:
    """The first child with ``tag``, like ``el.find(tag)``.

    lxml's ``find`` runs its ElementPath machinery even for a plain tag, about four times
    slower than this loop over the few children of a property element; the walk makes
    several such look-ups per paragraph and per table cell.
    """
    for child in el:
        if child.tag == tag:
            return child
    return None


def _val(el: etree._Element | None, tag: str) -> str | None:
    """``w:val`` of the child ``tag`` of ``el``."""
    if el is None:
        return None
    child = _child(el, W + tag)
    return None if child is None else child.get(_W_VAL)


def _int(s: str | None, default: int = 0) -> int:
    try:
        return int(s) if s is not None else default
    except ValueError:
        return default


class Styles:
    """Paragraph style names and the numbering a style carries (Word's "List Number" etc.)."""

    def __init__(self, root: etree._Element | None) -> None:
        self.styles: dict[str, _Style] = {}
        self.default: str | None = None
        if root is None:
            return
        for st in root.iter(W + "style"):
            if st.get(W + "type") not in (None, "paragraph"):
                continue
            sid = st.get(W + "styleId") or ""
            name = _val(st, "name") or sid
            if _BUILTIN_LOWER.match(name):
                name = " ".join(w.capitalize() for w in name.split(" "))
            ppr = st.find(W + "pPr")
            num = None
            if ppr is not None and (np := ppr.find(W + "numPr")) is not None:
                num_id = _val(np, "numId")
                ilvl = _val(np, "ilvl")
                num = (num_id, None if ilvl is None else _int(ilvl)) if num_id else None
            self.styles[sid] = _Style(name, _val(st, "basedOn"), num)
            if st.get(W + "default") in ("1", "true", "on"):
                self.default = sid

    def name(self, style_id: str | None) -> str | None:
        """Display name of a paragraph style (the default style when none is given)."""
        sid = style_id or self.default
        if sid is None:
            return None
        st = self.styles.get(sid)
        return st.name if st else sid

    def numbering(self, style_id: str | None) -> tuple[str, int | None] | None:
        """Numbering inherited through ``basedOn`` (depth-limited against cycles)."""
        sid = style_id
        for _ in range(20):
            st = self.styles.get(sid or "")
            if st is None:
                return None
            if st.num is not None:
                return st.num
            sid = st.based_on
        return None


_CN_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def chinese_counting(n: int) -> str:
    """一, 十, 十一, 二十三, 一百零五 … as Word's ``chineseCounting`` prints them."""
    if n <= 0:
        return str(n)
    if n >= 10000:
        return str(n)
    units = ((1000, "千"), (100, "百"), (10, "十"))
    out = ""
    rest = n
    zero = False
    for value, unit in units:
        d, rest = divmod(rest, value)
        if d:
            if zero:
                out += "零"
                zero = False
            out += ("" if (value == 10 and d == 1 and not out) else _CN_DIGITS[d]) + unit
        elif out:
            zero = True
    if rest:
        out += ("零" if zero else "") + _CN_DIGITS[rest]
    return out


def _letters(n: int) -> str:
    """A … Z, AA … (Word repeats the letter: 27 → AA)."""
    if n <= 0:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, sym in _ROMAN:
        while n >= value:
            out += sym
            n -= value
    return out


def _table_char(table: str, n: int) -> str:
    return table[n - 1] if 0 < n <= len(table) else str(n)


def format_number(n: int, fmt: str) -> str | None:
    """Render counter ``n`` in a ``w:numFmt``; None for bullets and ``none``."""
    if fmt in ("bullet", "none"):
        return None
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "chineseLegalSimplified", "ideographDigital"):
        return chinese_counting(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _table_char(_CIRCLED, n)
    if fmt == "decimalEnclosedParen":
        return _table_char(_PAREN, n)
    if fmt == "decimalEnclosedFullstop":
        return _table_char(_FULLSTOP, n)
    if fmt in ("ideographTraditional",):
        return _TIANGAN[(n - 1) % 10]
    if fmt in ("ideographZodiac",):
        return _DIZHI[(n - 1) % 12]
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(ch) + 0xFEE0) for ch in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    return str(n)


@dataclass(slots=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    is_lgl: bool = False


@dataclass(slots=True)
class _Num:
    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)


_PLACEHOLDER = re.compile(r"%([1-9])")


class Numbering:
    """Counts numbered paragraphs per list and renders their visible labels.

    Lists that share an abstract numbering continue each other (Word's behaviour)
    unless the ``w:num`` restarts it with ``w:startOverride``; entering a level
    resets the counters of the deeper levels.
    """

    def __init__(self, root: etree._Element | None, styles: Styles) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_links: dict[str, str] = {}
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.styles = styles
        if root is None:
            return
        for ab in root.iter(W + "abstractNum"):
            aid = ab.get(W + "abstractNumId") or ""
            levels: dict[int, _Level] = {}
            for lvl in ab.iter(W + "lvl"):
                levels[_int(lvl.get(W + "ilvl"))] = _Level(
                    start=_int(_val(lvl, "start"), 1), fmt=_val(lvl, "numFmt") or "decimal",
                    text=_val(lvl, "lvlText") or "", is_lgl=lvl.find(W + "isLgl") is not None)
            self.abstract[aid] = levels
            if (link := _val(ab, "numStyleLink")) is not None:
                self.style_links[aid] = link
        for num in root.iter(W + "num"):
            nid = num.get(W + "numId") or ""
            overrides = {_int(o.get(W + "ilvl")): _int(_val(o, "startOverride"), 1)
                         for o in num.iter(W + "lvlOverride") if o.find(W + "startOverride") is not None}
            self.nums[nid] = _Num(_val(num, "abstractNumId") or "", overrides)

    def _levels(self, num: _Num) -> dict[int, _Level]:
        """Levels of a list, following a ``numStyleLink`` to the style's list once."""
        levels = self.abstract.get(num.abstract, {})
        link = self.style_links.get(num.abstract)
        if not levels and link and (snum := self.styles.numbering(link)) and (target := self.nums.get(snum[0])):
            levels = self.abstract.get(target.abstract, {})
        return levels

    def label(self, num_id: str | None, ilvl: int) -> str | None:
        """Advance the counter of (list, level) and return the visible label, e.g. ``一、``."""
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        num = self.nums[num_id]
        levels = self._levels(num)
        if ilvl not in levels:
            return None
        key = f"n{num_id}" if num.overrides else f"a{num.abstract}"
        counters = self.counters.setdefault(key, [None] * 10)
        ilvl = max(0, min(ilvl, 9))
        current = counters[ilvl]
        counters[ilvl] = (num.overrides.get(ilvl, levels[ilvl].start) if current is None else current + 1)
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = None
        lvl = levels[ilvl]
        if lvl.fmt == "bullet":
            return None

        def sub(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            other = levels.get(k, _Level())
            value = counters[k] if counters[k] is not None else num.overrides.get(k, other.start)
            fmt = "decimal" if (lvl.is_lgl and k != ilvl) else other.fmt
            return format_number(value or 0, fmt) or ""

        text = _PLACEHOLDER.sub(sub, lvl.text).strip()
        return text or None


# --- body walk ---------------------------------------------------------------------------------------------------

_SKIP = {W + t for t in ("pPr", "rPr", "delText", "instrText", "del", "moveFrom", "footnoteReference",
                         "endnoteReference", "commentReference", "object", "rt", "fldData")}
_BREAKS = {W + "br", W + "cr"}
# What the text walk does with an element, looked up once per element by tag (a chain of string
# comparisons per element was the walk's main cost); tags not listed are containers to descend into.
_K_SKIP, _K_RUN, _K_TEXT, _K_TAB, _K_BREAK, _K_HYPHEN, _K_SYM, _K_ALT, _K_DRAWING, _K_PARA, _K_SDT = range(11)
_KIND = {**dict.fromkeys(_SKIP, _K_SKIP), W + "sdt": _K_SDT, W + "r": _K_RUN, W + "t": _K_TEXT, M + "t": _K_TEXT, W + "tab": _K_TAB,
         W + "ptab": _K_TAB, **dict.fromkeys(_BREAKS, _K_BREAK), W + "noBreakHyphen": _K_HYPHEN, W + "sym": _K_SYM,
         MC + "AlternateContent": _K_ALT, W + "drawing": _K_DRAWING, W + "pict": _K_DRAWING, W + "p": _K_PARA}
_W_P, _W_TBL, _W_PPR, _W_RPR, _W_NUMPR = W + "p", W + "tbl", W + "pPr", W + "rPr", W + "numPr"
_W_VAL, _W_CHAR, _W_TXBX, _W_T = W + "val", W + "char", W + "txbxContent", W + "t"
_MC_CHOICE, _MC_FALLBACK, _MC_ALT = MC + "Choice", MC + "Fallback", MC + "AlternateContent"
_HIDDEN_TAGS = (W + "vanish", W + "webHidden")
_W_TR, _W_TC, _W_TRPR, _W_TCPR = W + "tr", W + "tc", W + "trPr", W + "tcPr"
_W_VMERGE, _W_HMERGE, _W_GRIDSPAN = W + "vMerge", W + "hMerge", W + "gridSpan"
_CELL_PROPS = frozenset((_W_VMERGE, _W_HMERGE, _W_GRIDSPAN))
_W_ALTCHUNK = W + "altChunk"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# An altChunk .docx may itself hold chunks; deeper nesting is hostile.
MAX_CHUNK_DEPTH = 3


def _mht_html(data: bytes) -> bytes | None:
    """The HTML part of an MHT (MIME web archive) chunk, decoded from its transfer encoding."""
    import email
    import email.policy

    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            return payload if isinstance(payload, bytes) else None
    return None
_W_SDT, _W_SDTPR, _W_PLCHDR = W + "sdt", W + "sdtPr", W + "showingPlcHdr"


class _Walker:
    """Turns body XML into blocks, appending text to the builder in reading order."""

    def __init__(self, styles: Styles, numbering: Numbering, builder: TextBuilder, limits: Limits,
                 path: str | None, package: _Package | None = None, part: str = "", depth: int = 0) -> None:
        self.package = package
        self.chunk_targets = package.rel_ids(part) if package is not None and part else {}
        self.depth = depth
        self.styles = styles
        self.numbering = numbering
        self.builder = builder
        self.limits = limits
        self.path = path
        self.blocks: list[Block] = []
        self.n_tables = 0
        # Style id → (display name, inherited numbering): both are fixed per style sheet.
        self._style_info: dict[str | None, tuple[str | None, tuple[str, int | None] | None]] = {}

    # paragraphs -------------------------------------------------------------------------------------------------
    def para_text(self, p: etree._Element, boxes: list[etree._Element]) -> str:
        """Visible text of a paragraph; text boxes found inside are collected for later."""
        parts: list[str] = []
        self._collect(p, parts, boxes)
        return drop_invisible("".join(parts))

    def _collect(self, el: etree._Element, parts: list[str], boxes: list[etree._Element]) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            kind = _KIND.get(tag)
            if kind is None:
                self._collect(child, parts, boxes)
            elif kind == _K_RUN:
                if not _hidden(child):
                    self._collect(child, parts, boxes)
            elif kind == _K_SDT:
                if not _placeholder(child):
                    self._collect(child, parts, boxes)
            elif kind == _K_TEXT:
                parts.append(child.text or "")
            elif kind == _K_SKIP:
                continue
            elif kind == _K_TAB:
                parts.append("\t")
            elif kind == _K_BREAK:
                parts.append("\n")
            elif kind == _K_HYPHEN:
                parts.append("-")
            elif kind == _K_SYM:
                code = _hex(child.get(_W_CHAR))
                # Symbol-font glyphs live in the private use area and have no meaning as text.
                if code and not 0xE000 <= code <= 0xF8FF:
                    parts.append(chr(code))
            elif kind == _K_ALT:
                branch = child.find(_MC_CHOICE)
                if branch is None:
                    branch = child.find(_MC_FALLBACK)
                if branch is not None:
                    self._collect(branch, parts, boxes)
            elif kind == _K_DRAWING:
                boxes.extend(child.iter(_W_TXBX))
            else:  # _K_PARA
                # A paragraph nested in a run-level container (rare): keep its text on its own line.
                parts.append("\n")
                self._collect(child, parts, boxes)

    def numbering_of(self, p: etree._Element) -> tuple[str | None, str | None]:
        """(style name, visible numbering label) of a paragraph."""
        ppr = _child(p, _W_PPR)
        style_id = _val(ppr, "pStyle")
        num: tuple[str | None, int | None] | None = None
        if ppr is not None and (np := _child(ppr, _W_NUMPR)) is not None:
            ilvl = _val(np, "ilvl")
            num = (_val(np, "numId"), None if ilvl is None else _int(ilvl))
        style = self._style_info.get(style_id)
        if style is None:
            style = self._style_info[style_id] = (self.styles.name(style_id), self.styles.numbering(style_id))
        name, style_num = style
        if num is None or num[0] is None:
            num = style_num if num is None or style_num is None else (style_num[0], num[1])
        label = None
        if num is not None and num[0] is not None:
            ilvl = num[1] if num[1] is not None else (style_num[1] if style_num and style_num[1] is not None else 0)
            label = self.numbering.label(num[0], ilvl)
        return name, label

    def paragraph(self, p: etree._Element) -> None:
        boxes: list[etree._Element] = []
        text = self.para_text(p, boxes)
        style, label = self.numbering_of(p)
        text = text.strip()
        if text:
            self.blocks.append(self.builder.paragraph(text, style=style, numbering=label))
        for box in boxes:
            self.container(box)
        self._check_size()

    # tables -----------------------------------------------------------------------------------------------------
    def cell_text(self, tc: etree._Element) -> str:
        """Paragraphs of a cell joined by newlines; nested tables flattened (tab/newline).

        A cell has no numbering field, so automatic numbering (``1.属于国家秘密`` typed
        as a numbered list) is prefixed to the paragraph text, as a reader sees it.
        """
        lines: list[str] = []
        for el in _content(tc):
            if el.tag == _W_P:
                boxes: list[etree._Element] = []
                text = self.para_text(el, boxes).strip()
                _, label = self.numbering_of(el)
                lines.append(f"{label}{text}" if label and text else text)
                lines.extend(self._flat_text(b) for b in boxes)
            elif el.tag == _W_TBL:
                lines.append(self._flat_text(el))
        return "\n".join(s for s in lines if s).strip()

    def _flat_text(self, el: etree._Element) -> str:
        """Text of a nested table or text box: rows on lines, cells tab-separated."""
        if el.tag == W + "tbl":
            rows = []
            for tr in _children(el, W + "tr"):
                cells = [self.cell_text(tc).replace("\n", " ") for tc in _children(tr, W + "tc")]
                rows.append("\t".join(c for c in cells if c))
            return "\n".join(r for r in rows if r)
        lines = []
        for child in _content(el):
            if child.tag == W + "p":
                lines.append(self.para_text(child, []).strip())
            elif child.tag == W + "tbl":
                lines.append(self._flat_text(child))
        return "\n".join(s for s in lines if s)

    def table(self, tbl: etree._Element) -> None:
        if _is_layout_table(tbl):
            # A frame around other tables (WPS pastes, 表格套表格): its cells are read as the body is, so the
            # tables inside become tables of their own instead of tab-separated text in one cell.
            for tr in _children(tbl, _W_TR):
                for tc in _children(tr, _W_TC):
                    self.container(tc)
            return
        rows = [self._raw_row(tr) for tr in _children(tbl, W + "tr")]
        rows = [r for r in rows if r]
        if not rows:
            return
        self.blocks.append(_build_grid(self.builder, rows, self.n_tables))
        self.n_tables += 1
        self._check_size()

    def _raw_row(self, tr: etree._Element) -> list[_Tc]:
        trpr = _child(tr, _W_TRPR)
        col = min(_int(_val(trpr, "gridBefore")), MAX_SPAN)
        out: list[_Tc] = []
        for tc in _children(tr, _W_TC):
            props = _cell_props(_child(tc, _W_TCPR))
            span = max(1, min(_int(None if (gs := props.get(_W_GRIDSPAN)) is None else gs.get(_W_VAL), 1),
                              MAX_SPAN))
            vm_el = props.get(_W_VMERGE)
            vmerge = None if vm_el is None else ("restart" if vm_el.get(_W_VAL) == "restart" else "continue")
            hm_el = props.get(_W_HMERGE)
            if hm_el is not None and hm_el.get(_W_VAL) != "restart" and out:
                out[-1].span += span
                col += span
                continue
            out.append(_Tc(col=col, span=span, vmerge=vmerge, text=self.cell_text(tc)))
            col += span
        return out

    # containers -------------------------------------------------------------------------------------------------
    def container(self, el: etree._Element) -> None:
        """Walk a body-like element (body, text box, content control) in order."""
        for child in _content(el):
            if child.tag == _W_P:
                self.paragraph(child)
            elif child.tag == _W_TBL:
                self.table(child)
            elif child.tag == _W_ALTCHUNK:
                self.alt_chunk(child)

    def alt_chunk(self, el: etree._Element) -> None:
        """An embedded chunk (``w:altChunk``) that Word shows in place: an HTML page (also as MHT), a .docx or
        plain text, imported as Word imports it. Portals' exports put a whole report's body in one."""
        if self.package is None or self.depth >= MAX_CHUNK_DEPTH:
            return
        target = self.chunk_targets.get(el.get(_R_ID) or "")
        data = self.package.read(target) if target else None
        if not data:
            return
        if data[:2] == b"PK":
            self._docx_chunk(data)
            return
        head = data[:2048].lstrip().lower()
        if target.lower().endswith((".mht", ".mhtml")) or head.startswith(b"mime-version") or b"multipart/" in head:
            data = _mht_html(data) or b""
            head = b"<"
        if head.startswith(b"<") or target.lower().endswith((".htm", ".html", ".xhtml", ".xml")):
            from gkreview.parsers import html as html_parser

            blocks, self.n_tables = html_parser.read_into(data, self.builder, self.limits, self.path, self.n_tables)
            self.blocks.extend(blocks)
        else:
            from gkreview.parsers.txt import decode

            for line in decode(data, self.path)[0].splitlines():
                if line.strip():
                    self.blocks.append(self.builder.paragraph(line.strip()))
        self._check_size()

    def _docx_chunk(self, data: bytes) -> None:
        """A .docx chunk: its body walked into this document with its own styles and numbering."""
        pkg = _Package(data, self.path, self.limits)
        main = next((t for typ, t in pkg.rels("") if typ.endswith(_REL_OFFICE_DOC)), "word/document.xml")
        root = pkg.xml(main)
        body = root.find(W + "body") if root is not None else None
        if body is None:
            return
        rels = pkg.rels(main)
        styles = _styles(pkg, rels)
        sub = _Walker(styles, Numbering(_first_part(pkg, rels, "/numbering"), styles), self.builder, self.limits,
                      self.path, pkg, main, self.depth + 1)
        sub.n_tables = self.n_tables
        sub.container(body)
        self.blocks.extend(sub.blocks)
        self.n_tables = sub.n_tables

    def _check_size(self) -> None:
        if self.builder.offset > self.limits.max_chars:
            raise TooLarge(f"more than {self.limits.max_chars} characters of text", self.path)


def _is_layout_table(tbl: etree._Element) -> bool:
    """True when a table only lays out other tables: some cell holds a table, and no cell holds text of its own.

    A template table pasted into the single cell of a frame table (or two tables stacked in a one-column frame)
    is still the template table; a data table with a small table nested in one cell keeps its labelled cells
    and stays a data table.
    """
    nested = False
    for tr in _children(tbl, _W_TR):
        for tc in _children(tr, _W_TC):
            for el in _content(tc):
                if el.tag == _W_TBL:
                    nested = True
                elif any(t.text and t.text.strip() for t in el.iter(_W_T)):
                    return False
    return nested


def _cell_props(tcpr: etree._Element | None) -> dict[str, etree._Element]:
    """The first w:gridSpan, w:vMerge and w:hMerge of a cell's properties, in one pass over them."""
    out: dict[str, etree._Element] = {}
    if tcpr is not None:
        for el in tcpr:
            tag = el.tag
            if tag in _CELL_PROPS and tag not in out:
                out[tag] = el
    return out


def _hidden(run: etree._Element) -> bool:
    """A run formatted as hidden text (``w:vanish``): Word does not show or print it."""
    rpr = _child(run, _W_RPR)
    if rpr is None:
        return False
    seen: list[str] = []  # only the first w:vanish and the first w:webHidden count
    for el in rpr:
        tag = el.tag
        if tag in _HIDDEN_TAGS and tag not in seen:
            if el.get(_W_VAL) not in ("0", "false", "off"):
                return True
            seen.append(tag)
    return False


def _placeholder(sdt: etree._Element) -> bool:
    """A content control showing its placeholder (``w:showingPlcHdr``): the grey 单击或点击此处输入文字 prompt of an
    empty fill-in field, which is no text of the report."""
    pr = _child(sdt, _W_SDTPR)
    if pr is None:
        return False
    flag = _child(pr, _W_PLCHDR)
    return flag is not None and flag.get(_W_VAL) not in ("0", "false", "off")


def _hex(s: str | None) -> int:
    try:
        return int(s, 16) if s else 0
    except ValueError:
        return 0


_WRAPPERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag", W + "ins", W + "moveTo",
             MC + "AlternateContent", MC + "Choice"}


def _content(el: etree._Element) -> Iterator[etree._Element]:
    """Block-level children (``w:p``/``w:tbl``), looking through content controls and tracked insertions."""
    for child in el:
        tag = child.tag
        if tag in (_W_P, _W_TBL, _W_ALTCHUNK):
            yield child
        elif tag == _MC_ALT:
            branch = child.find(_MC_CHOICE)
            if branch is None:
                branch = child.find(_MC_FALLBACK)
            if branch is not None:
                yield from _content(branch)
        elif tag in _WRAPPERS and not (tag == _W_SDT and _placeholder(child)):
            yield from _content(child)


def _children(el: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with ``tag``, also when wrapped in content controls or custom XML."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS and not (child.tag == _W_SDT and _placeholder(child)):
            yield from _children(child, tag)


@dataclass(slots=True)
class _Tc:
    col: int
    span: int
    vmerge: str | None
    text: str


def _build_grid(builder: TextBuilder, rows: list[list[_Tc]], index: int) -> Table:
    """Expand ``gridSpan``/``vMerge`` into a full grid of Cells with exact text spans.

    A ``vMerge`` continuation cell is covered by the cell above that starts in the
    same grid column; it adds no text. Positions no cell covers (short rows,
    ``gridBefore``) are empty cells.
    """
    start = builder.offset
    grid: dict[tuple[int, int], Cell] = {}
    origins: dict[tuple[int, int], Cell] = {}
    for r, row in enumerate(rows):
        first = True
        for tc in row:
            above = origins.get((r - 1, tc.col)) if tc.vmerge == "continue" else None
            if above is not None and above.origin is not None:
                top = grid[above.origin]
                top.rowspan += 1
                for dc in range(top.colspan):
                    copy = Cell(text=top.text, row=r, col=top.col + dc, rowspan=top.rowspan, colspan=top.colspan,
                                origin=top.origin, start=top.start, end=top.end)
                    grid[(r, top.col + dc)] = copy
                origins[(r, tc.col)] = top
                continue
            if not first:
                builder.add("\t")
            first = False
            s, e = builder.add(tc.text)
            cell = Cell(text=tc.text, row=r, col=tc.col, rowspan=1, colspan=tc.span, origin=(r, tc.col),
                        start=s, end=e)
            grid[(r, tc.col)] = cell
            for dc in range(1, tc.span):
                grid[(r, tc.col + dc)] = Cell(text=tc.text, row=r, col=tc.col + dc, rowspan=1, colspan=tc.span,
                                              origin=(r, tc.col), start=s, end=e)
            origins[(r, tc.col)] = cell
        builder.add("\n")
    n_cols = max((c + 1 for _, c in grid), default=0)
    table_rows: list[list[Cell]] = []
    for r in range(len(rows)):
        row_cells: list[Cell] = []
        for c in range(n_cols):
            cell = grid.get((r, c))
            if cell is None:
                cell = Cell(text="", row=r, col=c, origin=(r, c))
            elif cell.origin is not None and cell.origin != (r, c):
                top = grid[cell.origin]
                cell.rowspan = top.rowspan
            row_cells.append(cell)
        table_rows.append(row_cells)
    return Table(rows=table_rows, start=start, end=builder.offset, index=index)


# --- parts outside the body --------------------------------------------------------------------------------------

def _core_properties(root: etree._Element | None) -> dict[str, str]:
    """title/author/created_date/modified_date from ``docProps/core.xml`` (values as stored)."""
    if root is None:
        return {}
    out: dict[str, str] = {}
    for key, tag in (("title", DC + "title"), ("author", DC + "creator"), ("created_date", DCTERMS + "created"),
                     ("modified_date", DCTERMS + "modified")):
        el = root.find(tag)
        value = (el.text or "").strip() if el is not None else ""
        if key == "title":
            value = _TITLE_JUNK.sub("", value).strip()
        if value:
            out[key] = value
    return out


def _furniture(pkg: _Package, rels: list[tuple[str, str]], styles: Styles) -> list[str]:
    """Text lines of headers and footers (kept out of the body: page furniture is not report text)."""
    lines: list[str] = []
    for rel_type, target in rels:
        if not rel_type.endswith(("/header", "/footer")):
            continue
        root = pkg.xml(target)
        if root is None:
            continue
        walker = _Walker(styles, Numbering(None, styles), TextBuilder(), DEFAULT_LIMITS, pkg.path)
        walker.container(root)
        for b in walker.blocks:
            text = b.text.strip()
            if text and text not in lines:
                lines.append(text)
    return lines


def parse(data: bytes, path: str | None = None, limits: Limits = DEFAULT_LIMITS) -> ParseResult:
    """Parse a .docx file into paragraphs and tables in body order."""
    if len(data) > limits.max_file_bytes:
        raise TooLarge(f".docx of {len(data)} bytes exceeds the limit of {limits.max_file_bytes}", path)
    pkg = _Package(data, path, limits)
    package_rels = pkg.rels("")
    main = next((t for typ, t in package_rels if typ.endswith(_REL_OFFICE_DOC)), "word/document.xml")
    root = pkg.xml(main)
    if root is None:
        raise CorruptFile("no main document part (word/document.xml) in the .docx", path)
    body = root.find(W + "body")
    if body is None:
        raise CorruptFile("the main document part has no body", path)
    doc_rels = pkg.rels(main)
    styles = _styles(pkg, doc_rels)
    numbering = Numbering(_first_part(pkg, doc_rels, "/numbering"), styles)
    builder = TextBuilder()
    walker = _Walker(styles, numbering, builder, limits, path, pkg, main)
    walker.container(body)
    source = SourceFile(path=path, format="docx", text=builder.text(), size=len(data))
    source.header_footer = _furniture(pkg, doc_rels, styles)
    core = next((t for typ, t in package_rels if typ.endswith(_REL_CORE)), "docProps/core.xml")
    source.metadata.update(_core_properties(pkg.xml(core)))
    source.metadata.update(_printed_metadata(walker.blocks))
    return ParseResult(source=source, blocks=walker.blocks)


# Parsed style sheets by the bytes of styles.xml. Reports made from one template (an agency's
# own, WPS's or Word's default) share a styles.xml of 100–400 kB whose parse costs more than the
# whole body; a Styles object is never changed after it is built, so documents can share it.
_STYLES_CACHE: dict[bytes, Styles] = {}
_STYLES_CACHE_SIZE = 16


def _styles(pkg: _Package, rels: list[tuple[str, str]]) -> Styles:
    """The document's styles, parsed once per distinct styles.xml in this process."""
    target = next((t for typ, t in rels if typ.endswith("/styles")), None)
    data = pkg.read(target) if target else None
    if data is None:
        return Styles(None)
    styles = _STYLES_CACHE.get(data)
    if styles is None:
        styles = Styles(parse_xml(data, target or "styles.xml", pkg.path))
        if len(_STYLES_CACHE) >= _STYLES_CACHE_SIZE:
            del _STYLES_CACHE[next(iter(_STYLES_CACHE))]
        _STYLES_CACHE[data] = styles
    return styles


def _first_part(pkg: _Package, rels: list[tuple[str, str]], suffix: str) -> etree._Element | None:
    target = next((t for typ, t in rels if typ.endswith(suffix)), None)
    return pkg.xml(target) if target else None


def _printed_metadata(blocks: list[Block]) -> dict[str, str]:
    """索引号/发布机构/文号… printed at the top (as in the txt parser); printed values win over core props."""
    found = extract_metadata(b.text for b in blocks[:40] if isinstance(b, Paragraph))
    for b in blocks[:3]:
        if isinstance(b, Table):
            for key, value in extract_metadata("|".join(c.text for c in row) for row in b.rows).items():
                found.setdefault(key, value)
    return found


__all__ = ["Numbering", "Styles", "chinese_counting", "format_number", "parse", "parse_xml"]
