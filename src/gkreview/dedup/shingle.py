"""The masked content stream every duplicate measure works on.

A report copied from last year usually differs from its source only in years,
figures, the agency's own name and punctuation. So each document becomes one
string of *content characters* (CJK, Latin letters, digits), built from the
normalised text of every block (:mod:`gkreview.normalize`: NFKC, t2s, aliases),
where

- a year (``2009``, ``二〇一〇``) becomes one YEAR token,
- any other number becomes one NUM token,
- the document's own agency name and every administrative place name become one
  PLACE token,
- punctuation, whitespace and list markers (``一、``, ``(三)``, ``1.``) disappear.

A copy with only the year changed is then identical, and a copy from another
region matches whether or not the other region's name was replaced. Every
character of the stream keeps the offset of the original character it came from
(``orig``), so passages are reported in the file's own text and script.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from gkreview.data.agencies import ZONE_ABBREVIATIONS
from gkreview.data.boilerplate import AGENCY_ABBREVIATIONS
from gkreview.dedup.align import StreamIndex
from gkreview.dedup.boilerplate import LONG_PHRASE
from gkreview.dedup.minhash import codes_of, rolling_prefix, window_hashes
from gkreview.document import Document, Paragraph, Table
from gkreview.normalize import NormText, norm, norm_label, normalize

if TYPE_CHECKING:
    from gkreview.dedup.boilerplate import Boilerplate

# Private-use code points: never produced by normalisation of real text.
YEAR = "\ue000"
NUM = "\ue001"
PLACE = "\ue002"
TOKEN_CHARS = frozenset({YEAR, NUM, PLACE})

_TOKEN_RE = re.compile(
    r"(?P<list>^\s*(?:第[一二三四五六七八九十\d]{1,3}[篇部分章]{1,2}[:、.]?|[一二三四五六七八九十]{1,3}[、.:]|\(?[一二三四五六七八九十]{1,3}\)|\(\d{1,2}\)|\d{1,2}[、.](?!\d))\s*)"
    r"|(?P<year>(?<!\d)(?:19|20)\d{2}(?!\d)|二[〇○零Oo0][一二三四五六七八九〇○零Oo0]{2}(?=年))"
    r"|(?P<num>\d+(?:[.,]\d+)*)",
    re.MULTILINE,
)
_LIST_GROUP, _YEAR_GROUP = _TOKEN_RE.groupindex["list"], _TOKEN_RE.groupindex["year"]
_NUMERIC_CELL_RE = re.compile(r"^[\s\d.,%+\-/—－()]*$")


@lru_cache(maxsize=1)
def _content_table() -> np.ndarray:
    """Per BMP code point: does it carry content (CJK ideographs, 〇, ASCII letters and digits, the tokens)?"""
    table = np.zeros(0x10000, dtype=bool)
    for lo, hi in ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF), (0x3007, 0x3007), (0x30, 0x39),
                   (0x41, 0x5A), (0x61, 0x7A), (0xE000, 0xE002)):
        table[lo : hi + 1] = True
    return table


def _content_mask(codes: np.ndarray) -> np.ndarray:
    """True for characters that carry content: CJK ideographs, 〇, ASCII letters and digits (all in the BMP)."""
    return _content_table()[np.minimum(codes, 0xFFFF)]


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).copy()


def agency_variants(agency: str | None) -> list[str]:
    """Normalised spellings of an agency name, long and abbreviated, longest first."""
    if not agency:
        return []
    base = norm(agency).strip()
    variants = {base}
    for long, short in _ABBREVIATIONS.items():
        for v in list(variants):
            if long in v:
                variants.add(v.replace(long, short))
            elif short in v:
                variants.add(v.replace(short, long))
    return sorted((v for v in variants if len(v) >= 2), key=len, reverse=True)


@lru_cache(maxsize=4096)
def agency_key(agency: str, types: bool = True) -> str:
    """One key for every way a body writes its name, so its reports pair across years and count once.

    The same body prints 县人民政府办公室 one year and 县政府办 the next, 市场监督管理局 and
    市场监管局, 人力资源和社会保障局 and 人社局. Short forms are expanded (:data:`AGENCY_ABBREVIATIONS`),
    then a department name is reduced to its place part plus its department type
    (:data:`gkreview.data.agencies.DEPARTMENTS`: official, older and short names of one type
    share a key, as bodies merged by a reform do). Names of no known type keep their
    expanded, whitespace-free form. With ``types=False`` only the short forms are expanded: two
    bodies of one type that existed side by side (工商局 and 质监局 before 2018) keep apart.
    A leading place that contains the place after it is dropped (岳阳市君山区人民政府 = 君山区人民政府,
    湖南省岳阳市财政局 = 岳阳市财政局): reports print the parent city one year and leave it out the next.
    Cached: a batch holds the same name year after year.
    """
    key = _without_parent_places(norm_label(agency))
    for long, short in sorted(_ABBREVIATIONS.items(), key=lambda kv: -len(kv[0])):
        if short in key and long not in key:
            key = key.replace(short, long)
    match = _department_re().search(key) if types else None
    if match is None:
        return key
    run = match.group("run")  # 文化旅游体育局: the first name of the run (the longest that starts it) is the type
    first = next(n for n in _DEPARTMENT_NAMES if run.startswith(n))
    return f"{key[: match.start()]}|{_DEPARTMENT_OF[first]}"


def _without_parent_places(name: str) -> str:
    """``name`` from its most specific leading place on: each place of the leading run that contains the next
    one is cut off (two 朝阳区 of different cities printed with their cities become one key; a batch rarely
    holds both, and without their cities they are one key already)."""
    from gkreview.dedup.places import contains, find_places

    cut = 0
    for here, after in pairwise(find_places(name)):
        if here.start != cut or after.start != here.end or not contains(here.codes, after.codes):
            break
        cut = after.start
    return name[cut:]


_ABBREVIATIONS: dict[str, str] = {**AGENCY_ABBREVIATIONS, **ZONE_ABBREVIATIONS}


@lru_cache(maxsize=1)
def _department_re() -> re.Pattern[str]:
    """A run of department-type names followed only by an agency suffix (局, 委员会, 委 …) up to the end.

    ``run`` is the whole run (文化旅游体育), ``dept`` its last name."""
    from gkreview.data.agencies import AGENCY_SUFFIXES, DEPARTMENTS

    names = sorted({n for forms in DEPARTMENTS.values() for n in forms}, key=len, reverse=True)
    suffixes = sorted({s for s, kind in AGENCY_SUFFIXES if kind == "department"}, key=len, reverse=True)
    _DEPARTMENT_OF.update({n: key for key, forms in DEPARTMENTS.items() for n in forms})
    _DEPARTMENT_NAMES[:] = names
    alt = "|".join(map(re.escape, names))
    return re.compile(f"(?P<run>(?:(?:{alt})和?)*(?P<dept>{alt}))和?(?:{'|'.join(map(re.escape, suffixes))})$")


_DEPARTMENT_OF: dict[str, str] = {}  # filled with the pattern: department name -> type
_DEPARTMENT_NAMES: list[str] = []  # longest first


def _paint(starts: np.ndarray, ends: np.ndarray, n: int) -> np.ndarray:
    """Boolean array of length ``n``: True inside any ``[starts[i], ends[i])``."""
    diff = np.bincount(starts, minlength=n + 1)[: n + 1] - np.bincount(ends, minlength=n + 1)[: n + 1]
    return np.cumsum(diff[:n]) > 0


def _covered(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Every index inside some ``[starts[i], ends[i])`` (the spans are disjoint; empty ones are allowed).

    Built from the covered characters only (a few per token), not from an array
    the length of the text as :func:`_paint` does.
    """
    lengths = np.maximum(ends - starts, 0)
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    offset = np.cumsum(lengths) - lengths  # where each span's indices begin in the output
    return np.repeat(starts - offset, lengths) + np.arange(total, dtype=np.int64)


# Where a _TOKEN_RE match can start: at the first decimal digit (what ``\\d`` matches) of a run
# of digits, or at 二 (a year in Chinese numerals); at the start of a line also at what a
# list marker starts with: whitespace (all of it lies below U+4E00), 第, a Chinese numeral,
# "(" or a digit.
_NUMERAL_TWO, _LINE_START, _DIGIT = 1, 2, 4
# In :func:`_char_table` also: the character carries content (the top bit, so ``>=`` tests it).
_CONTENT = 128


@lru_cache(maxsize=1)
def _token_lead_table() -> np.ndarray:
    """Per BMP code point, its ``_NUMERAL_TWO``/``_LINE_START``/``_DIGIT`` bits (digits as the regex engine sees them)."""
    bmp = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))
    table = np.zeros(0x10000, dtype=np.uint8)
    table[:0x4E00] = _LINE_START
    table[[ord(c) for c in "第一二三四五六七八九十"]] = _LINE_START
    table[ord("二")] |= _NUMERAL_TWO
    table[[ord(m.group()) for m in re.finditer(r"\d", bmp)]] |= _DIGIT
    return table


@lru_cache(maxsize=1)
def _char_table() -> np.ndarray:
    """:func:`_token_lead_table` with the :func:`_content_table` flag as ``_CONTENT``: one look-up serves both."""
    return _token_lead_table() | np.where(_content_table(), _CONTENT, 0).astype(np.uint8)


def _token_flat(text: str, codes: np.ndarray, lead: np.ndarray | None = None) -> list[int]:
    """``start, end, group index`` of every match of ``_TOKEN_RE.finditer(text)``, found cheaply, as one flat list.

    The combined pattern costs ~150 ns per character when scanned everywhere, but
    a match can only start at a digit, at 二 or at the start of a line (see
    :func:`_token_lead_table`), and a digit inside a run of digits is always
    swallowed by the match at the run's first digit (every alternative that takes
    a digit takes the whole run or stops at a non-digit marker). Trying ``match``
    at the remaining positions in order, from the end of the previous match on,
    yields the same matches (``match`` with a position still sees the characters
    before it, for the look-behind and ``^``). ``lead`` is ``_char_table()[codes]``
    when the caller has it (only for text within the BMP).
    """
    if not len(codes):
        return []
    if lead is None:
        if int(codes.max()) > 0xFFFF:  # digits beyond the BMP: the plain scan
            return [x for m in _TOKEN_RE.finditer(text) for x in (*m.span(), m.lastindex)]  # type: ignore[misc]
        lead = _token_lead_table().take(codes)
    digit = (lead & _DIGIT).astype(bool)
    cand = (lead & _NUMERAL_TWO).astype(bool)
    cand[0] |= bool(lead[0] & (_LINE_START | _DIGIT))
    cand[1:] |= digit[1:] & ~digit[:-1]
    cand[1:] |= (lead[1:] & _LINE_START).astype(bool) & (codes[:-1] == 0x0A)
    out: list[int] = []  # flat: a flat list becomes an array several times faster than one of tuples
    done = 0
    match = _TOKEN_RE.match
    for p in np.flatnonzero(cand).tolist():
        if p < done:
            continue
        m = match(text, p)
        if m is not None:
            done = m.end()
            out += (p, done, m.lastindex)  # type: ignore[arg-type]
    return out


def _token_spans(text: str, codes: np.ndarray, lead: np.ndarray | None = None) -> list[tuple[int, int, int]]:
    """:func:`_token_flat` as ``(start, end, group index)`` triples."""
    flat = _token_flat(text, codes, lead)
    return list(zip(flat[0::3], flat[1::3], flat[2::3], strict=True))


def _place_spans(text: str, agencies: Iterable[str], codes: np.ndarray | None = None) -> tuple[list[int], list[int]]:
    """``[start, end)`` of the agency's own names, then of place names not inside one (all disjoint).

    ``codes`` are the text's uint32 code points when the caller has them."""
    from gkreview.dedup.placescan import place_spans

    starts: list[int] = []
    ends: list[int] = []
    taken = bytearray(len(text))
    for i, agency in enumerate(agencies):
        mark = b"\x01" * len(agency)
        pos = text.find(agency)
        while pos >= 0:
            end = pos + len(agency)
            if not i or 1 not in taken[pos:end]:  # the first name's occurrences never overlap each other
                starts.append(pos)
                ends.append(end)
                taken[pos:end] = mark
            pos = text.find(agency, end)
    for s, e in place_spans(text, sorted(zip(starts, ends, strict=True)), codes):
        if 1 not in taken[s:e]:
            starts.append(s)
            ends.append(e)
    return starts, ends


def mask_string(text: str, agencies: Iterable[str] = ()) -> tuple[str, np.ndarray]:
    """Mask one normalised string; return the masked stream and, per character, its index in ``text``."""
    codes, idx = _mask_codes(text, agencies)
    return codes.tobytes().decode("utf-32-le"), idx


def _mask_codes(text: str, agencies: Iterable[str] = ()) -> tuple[np.ndarray, np.ndarray]:
    """:func:`mask_string` with the stream as its uint32 code points (the k-gram hashes read those).

    The agency's names are masked first, then place names outside them, then list
    markers, years and numbers outside both (the regex scan is one pass, and its
    matches never overlap each other). All spans are disjoint, so they are applied
    at once with numpy: a token keeps its first character (rewritten to the token)
    and drops the rest; a list marker is dropped whole.
    """
    if not text:
        return np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.int64)
    codes = _codes(text)
    if int(codes.max()) <= 0xFFFF:  # one table look-up gives content flags and token lead bits
        lead = _char_table().take(codes)  # take: indexing by a uint32 array is twice as slow
        keep = lead >= _CONTENT
    else:
        lead = None
        keep = _content_mask(codes)
    p_starts, p_ends = _place_spans(text, agencies, codes)
    flat = _token_flat(text, codes, lead)
    tok = np.fromiter(flat, dtype=np.int64, count=len(flat)).reshape(-1, 3)
    name_starts = np.fromiter(p_starts, dtype=np.int64, count=len(p_starts))
    name_ends = np.fromiter(p_ends, dtype=np.int64, count=len(p_ends))
    if len(name_starts) and len(tok):  # drop tokens that overlap a name (names are disjoint: sort them, look left)
        order = np.argsort(name_starts)
        ps, pe = name_starts[order], name_ends[order]
        left = np.searchsorted(ps, tok[:, 1], side="left") - 1  # last name starting before the token ends
        tok = tok[(left < 0) | (pe[np.maximum(left, 0)] <= tok[:, 0])]
    is_list = tok[:, 2] == _LIST_GROUP
    words, lists = tok[~is_list], tok[is_list]
    token_starts = np.concatenate([name_starts, words[:, 0]])
    token_ends = np.concatenate([name_ends, words[:, 1]])
    token_codes = np.concatenate([np.full(len(name_starts), ord(PLACE), dtype=np.uint32),
                                  np.where(words[:, 2] == _YEAR_GROUP, ord(YEAR), ord(NUM)).astype(np.uint32)])
    keep[_covered(np.concatenate([token_starts + 1, lists[:, 0]]), np.concatenate([token_ends, lists[:, 1]]))] = False
    keep[token_starts] = True
    codes[token_starts] = token_codes
    idx = np.flatnonzero(keep)
    return codes[idx], idx


@dataclass
class MaskedText:
    """A document's masked content stream with its map back to the file.

    ``orig[i]`` is the offset in the file text of masked character ``i``;
    ``template[i]`` says whether it belongs to national-template or corpus
    boilerplate. ``original`` is the document's original text and ``base`` the
    file offset of its first character, so spans can be quoted without the file.
    ``blocks`` marks where each block starts in the stream (for locations).
    """

    text: str
    orig: np.ndarray
    template: np.ndarray
    original: str
    base: int
    block_starts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    codes: np.ndarray | None = field(default=None, repr=False, compare=False)  # of ``text``, when the maker has them
    _kgrams: dict[int, np.ndarray] = field(default_factory=dict, repr=False, compare=False)
    _prefix: np.ndarray | None = field(default=None, repr=False, compare=False)
    _indexes: dict[int, StreamIndex] = field(default_factory=dict, repr=False, compare=False)
    _template_prefix: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False, compare=False)
    _orig_sorted: bool | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.text)

    @property
    def content_chars(self) -> int:
        """Number of non-template characters: the denominator of every 复制比."""
        return int(len(self.text) - int(self.template.sum()))

    def file_span(self, start: int, end: int) -> tuple[int, int]:
        """File offsets covering masked ``[start, end)``."""
        if end <= start or not len(self.orig):
            return self.base, self.base
        return int(self.orig[start]), int(self.orig[end - 1]) + 1

    def quote(self, start: int, end: int) -> str:
        """The original characters behind masked ``[start, end)``."""
        s, e = self.file_span(start, end)
        return self.original[s - self.base : e - self.base]

    def kgrams(self, k: int) -> np.ndarray:
        """Hashes of every ``k``-character window of the stream (computed once per ``k``).

        The template marker, the repeated-passage check and the batch sketch all
        hash the same stream; the stream must not change afterwards.
        """
        h = self._kgrams.get(k)
        if h is None:
            h = self._kgrams[k] = window_hashes(self._rolling(), k)
        return h

    def stream_index(self, k: int) -> StreamIndex:
        """The sorted index of :meth:`kgrams` (computed once per ``k``): every pair of a batch this
        document takes part in, in either direction, searches the same one."""
        index = self._indexes.get(k)
        if index is None:
            hashes = self._kgrams.get(k)
            if hashes is None:  # hashed for the index only: neither the hashes nor the rolling prefix are kept
                prefix = self._prefix
                if prefix is None:
                    prefix = rolling_prefix(self.codes if self.codes is not None else codes_of(self.text))
                hashes = window_hashes(prefix, k)
            index = self._indexes[k] = StreamIndex(self.text, k, hashes)
        return index

    def template_prefix(self) -> np.ndarray:
        """``P[i]`` = template characters before masked position ``i`` (length ``len + 1``): the template
        count of any span is ``P[end] - P[start]``. Computed once per ``template`` array (the marker
        replaces the array after the stream is made)."""
        cached = self._template_prefix
        if cached is None or cached[0] is not self.template:
            prefix = np.zeros(len(self.template) + 1, dtype=np.int64)
            np.cumsum(self.template, out=prefix[1:])
            cached = self._template_prefix = (self.template, prefix)
        return cached[1]

    def orig_sorted(self) -> bool:
        """Whether ``orig`` never decreases (blocks in file order): a file span is then one range of the stream."""
        if self._orig_sorted is None:
            self._orig_sorted = bool((self.orig[1:] >= self.orig[:-1]).all())
        return self._orig_sorted

    def head_values(self) -> np.ndarray:
        """The bare polynomial of every :data:`LONG_PHRASE`-character window (the long-phrase filter reads it)."""
        return window_hashes(self._rolling(), LONG_PHRASE, mix=False)

    def _rolling(self) -> np.ndarray:
        """The stream's :func:`rolling_prefix`, shared by the windows of every length."""
        if self._prefix is None:
            self._prefix = rolling_prefix(self.codes if self.codes is not None else codes_of(self.text))
        return self._prefix

    @cached_property
    def places(self) -> list[tuple[int, int, str, tuple[str, ...]]]:
        """Place names in the original text as ``(file start, file end, name, adcodes)`` (computed once).

        Only the foreign-place evidence of an actual match reads them, so they are
        found on first use, not when the stream is built.
        """
        from gkreview.dedup.placescan import places_in

        return [(h.start + self.base, h.end + self.base, h.name, h.codes) for h in places_in(self.original)]

    def block_of(self, pos: int) -> int:
        """Index of the block the masked character ``pos`` came from."""
        return int(np.searchsorted(self.block_starts, pos, side="right") - 1)

    def to_json(self) -> dict[str, object]:
        """Compact JSON form: offsets and template flags as runs, not per character.

        The runs are packed integer arrays in base64 (:func:`_pack`): a report has
        about a thousand offset runs, and as nested lists they cost more to build,
        pickle to the parent process and parse back than all the rest of the summary.
        """
        orig = np.asarray(self.orig, dtype=np.int64)
        breaks = np.flatnonzero(orig[1:] - orig[:-1] != 1)  # a run starts after each
        runs = np.empty(2 * (len(breaks) + 1) if len(orig) else 0, dtype=np.int64)  # (start, offset) pairs
        if len(orig):
            runs[2::2] = breaks + 1
            runs[0] = 0
            runs[1::2] = orig[runs[0::2]]
        padded = np.zeros(len(self.template) + 2, dtype=bool)
        padded[1:-1] = self.template
        edges = np.flatnonzero(padded[1:] != padded[:-1])
        return {
            "text": self.text,
            "orig_runs": _pack(runs),
            "template_runs": _pack(edges),
            "original": self.original,
            "base": self.base,
            "block_starts": self.block_starts.astype(np.int64).tolist(),
        }

    @classmethod
    def from_json(cls, d: dict[str, object]) -> MaskedText:
        """Inverse of :meth:`to_json` (also reads the runs as nested lists, the earlier form)."""
        text = str(d["text"])
        n = len(text)
        runs = _unpack(d["orig_runs"]).reshape(-1, 2)
        orig = np.zeros(n, dtype=np.int64)
        if n:
            lengths = np.diff(np.concatenate([runs[:, 0], [n]]))
            orig = np.repeat(runs[:, 1] - runs[:, 0], lengths) + np.arange(n)
        tpl_runs = _unpack(d["template_runs"]).reshape(-1, 2)
        template = _paint(tpl_runs[:, 0], np.minimum(tpl_runs[:, 1], n), n) if n else np.zeros(0, dtype=bool)
        return cls(text, orig, template, str(d["original"]), int(d["base"]),  # type: ignore[arg-type]
                   np.asarray(d.get("block_starts", []), dtype=np.int64))  # type: ignore[union-attr]


def _pack(values: np.ndarray) -> str:
    """Integers as ``"i4:"`` or ``"i8:"`` plus base64 of their little-endian bytes (JSON-safe, compact)."""
    flat = np.asarray(values, dtype=np.int64).ravel()
    if not len(flat) or (int(flat.min()) >= -(2**31) and int(flat.max()) < 2**31):
        return "i4:" + base64.b64encode(flat.astype("<i4").tobytes()).decode("ascii")
    return "i8:" + base64.b64encode(flat.astype("<i8").tobytes()).decode("ascii")


def _unpack(value: object) -> np.ndarray:
    """Inverse of :func:`_pack`; nested lists of integers are read as they are."""
    if isinstance(value, str):
        kind, _, data = value.partition(":")
        if kind not in ("i4", "i8"):
            raise ValueError(f"unknown packed integer kind {kind!r}")
        return np.frombuffer(base64.b64decode(data), dtype="<" + kind).astype(np.int64)
    return np.asarray(value, dtype=np.int64)


@dataclass(frozen=True, slots=True)
class TableCells:
    """What the duplicate detector reads from one table, gathered in one pass over its cells.

    ``words``: (original text, file offset) of the cells that carry words; numeric
    cells are left out of the masked stream (figures are compared by the
    identical-tables signal, and a masked grid of numbers would match every other
    report's grid). ``values``: the label-normalised numeric cells in grid order.
    Merged copies are skipped in both.
    """

    words: list[tuple[str, int]]
    values: list[str]


def table_cells(block: Table) -> TableCells:
    """The word cells and the numeric values of ``block`` (see :class:`TableCells`).

    Three comprehensions (the cells that are not merged copies, their kinds, then
    the two lists) instead of one loop with appends: a template table has a few
    hundred cells, and comprehensions run them at about half the cost.
    """
    cells = [c for row in block.rows for c in row if c.origin is None or c.origin == (c.row, c.col)]
    known = _CELL_KINDS.get
    kinds = [known(c.text) or _cell_kind(c.text) for c in cells]
    start = block.start
    return TableCells([(c.text, start if c.start is None else c.start) for c, (_, word) in zip(cells, kinds, strict=True)
                       if word],
                      [value for value, _ in kinds if value is not None])


# Cell text -> (its label-normalised value when numeric, whether it carries words). Kept across
# documents: every report prints the template's labels and small figures alike. Bounded.
_CELL_KINDS: dict[str, tuple[str | None, bool]] = {}


def _cell_kind(text: str) -> tuple[str | None, bool]:
    label = norm_label(text)
    kind = (label if label.replace(".", "", 1).replace(",", "").isdigit() else None,
            bool(text.strip()) and not _NUMERIC_CELL_RE.match(text))
    if len(_CELL_KINDS) >= _CELL_CACHE_MAX:
        _CELL_KINDS.clear()
    _CELL_KINDS[text] = kind
    return kind


def document_table_cells(doc: Document) -> dict[int, TableCells]:
    """:func:`table_cells` of every table, by block index (once per document: masking and the summary share it)."""
    return doc.memo("duplicates.table_cells",
                    lambda: {i: table_cells(b) for i, b in enumerate(doc.blocks) if isinstance(b, Table)})


# Normalised table-cell texts, kept across documents: most cells are the national
# template's labels, printed alike by every report. Bounded; emptied when full.
_CELL_CACHE: dict[str, NormText] = {}
_CELL_CACHE_MAX = 50_000


def _normalize_cells(texts: list[str]) -> list[NormText]:
    """:func:`normalize` of each cell text: from the cache, else batched (one pass for all new cells)."""
    from gkreview.normalize import normalize_many

    found: dict[str, NormText] = {}
    missing: list[str] = []
    for text in dict.fromkeys(texts):
        nt = _CELL_CACHE.get(text)
        if nt is None:
            missing.append(text)
        else:
            found[text] = nt
    if missing:
        plain = [t for t in missing if "\n" not in t]
        new = dict(zip(plain, normalize_many(plain), strict=True))
        new.update((t, normalize(t)) for t in missing if "\n" in t)
        if len(_CELL_CACHE) + len(new) > _CELL_CACHE_MAX:
            _CELL_CACHE.clear()
        _CELL_CACHE.update(new)
        found.update(new)
    return [found[t] for t in texts]


class _Pieces(NamedTuple):
    """Every piece of a document as parallel lists: normalised text, file offset of its original, numbering shift.

    Parallel lists rather than a tuple per piece: the masking reads each part as a
    whole (the texts to join, the offsets to lay out), and a report has a few
    hundred pieces.
    """

    norms: list[NormText]
    starts: list[int]
    shifts: list[int]


def _document_pieces(doc: Document) -> tuple[_Pieces, list[int]]:
    """Every piece of the document (paragraph, or word-bearing table cell) and the first piece of each block.

    The cells of a table are added at once; their normalised texts are looked up
    together at the end (most are cached template labels).
    """
    norms: list[NormText] = []
    starts: list[int] = []
    shifts: list[int] = []
    block_first_piece: list[int] = []
    cell_slots: list[int] = []
    cell_texts: list[str] = []
    tables = document_table_cells(doc)
    add_norm, add_start, add_shift, add_first = norms.append, starts.append, shifts.append, block_first_piece.append
    for i, block in enumerate(doc.blocks):
        add_first(len(norms))
        if type(block) is Paragraph:
            add_norm(block.normalized)
            add_start(block.start)
            add_shift(len(block.numbering) if block.numbering else 0)
            continue
        words = tables[i].words
        if words:
            texts, cell_starts = zip(*words, strict=True)
            cell_slots.extend(range(len(norms), len(norms) + len(words)))
            cell_texts.extend(texts)
            starts.extend(cell_starts)
            norms.extend([_EMPTY] * len(words))
            shifts.extend([0] * len(words))
    for slot, nt in zip(cell_slots, _normalize_cells(cell_texts), strict=True):
        norms[slot] = nt
    return _Pieces(norms, starts, shifts), block_first_piece


_EMPTY = NormText("", range(1))


def _marker(template_marker: object | None) -> Boilerplate:
    from gkreview.dedup.boilerplate import Boilerplate, default_boilerplate

    return template_marker if isinstance(template_marker, Boilerplate) else default_boilerplate()


def _piece_offsets(pieces: _Pieces, lengths: np.ndarray, piece_start: np.ndarray) -> np.ndarray:
    """File offset of every character of the joined pieces (-1 for the joining newlines).

    A character's offset is its index in its piece's original (the offset map;
    almost always the identity), less the numbering shift (not below 0), plus the
    piece's file offset: computed for all pieces at once. With a regular map (a
    ``range`` of step 1 starting at ``b``) that is ``max(j + b - shift, 0)`` for the
    ``j``-th character, so one per-piece constant repeated over the piece and one
    ``arange`` give every offset; irregular maps are written in afterwards.
    """
    norms, starts, shifts = pieces
    total = int(lengths.sum()) + len(norms) - 1
    offsets = [nt.offsets for nt in norms]
    base = np.asarray([o.start if type(o) is range and o.step == 1 else -1 for o in offsets], dtype=np.int64)
    irregular = np.flatnonzero(base < 0).tolist()  # a range's start is never negative
    base[irregular] = 0
    reps = lengths + 1
    if not any(shifts):  # no numbering shift: ``j + b`` is never negative, so one repeat and one arange do
        out = np.arange(total, dtype=np.int64)
        out += np.repeat(base - piece_start + np.asarray(starts, dtype=np.int64), reps)[:total]
        for i in irregular:
            s0 = int(piece_start[i])
            out[s0 : s0 + lengths[i]] = np.maximum(np.asarray(offsets[i][: lengths[i]], dtype=np.int64), 0) + starts[i]
    else:
        delta = base - np.asarray(shifts, dtype=np.int64) - piece_start
        local = np.arange(total, dtype=np.int64) + np.repeat(delta, reps)[:total]
        for i in irregular:
            s0 = int(piece_start[i])
            local[s0 : s0 + lengths[i]] = np.asarray(offsets[i][: lengths[i]], dtype=np.int64) - shifts[i]
        out = np.maximum(local, 0) + np.repeat(np.asarray(starts, dtype=np.int64), reps)[:total]
    out[(piece_start + lengths)[:-1]] = -1  # the joining newline (never kept)
    return out


def _mask_pieces(pieces: _Pieces, agencies: list[str]) -> tuple[str, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Mask many normalised pieces in one pass (per-call overhead dominates for short cells).

    Returns the masked stream, the file offset of each masked character, each
    non-empty piece's ``[start, end)`` in the stream (shape ``(m, 2)``), the stream
    position where each piece starts (for block boundaries) and the stream's code
    points. A piece's bounds in the stream are the numbers of kept characters
    before its first and after its last character: two binary searches per piece.
    """
    if not pieces.norms:
        empty = np.zeros(0, dtype=np.int64)
        return "", empty, np.zeros((0, 2), dtype=np.int64), empty, np.zeros(0, dtype=np.uint32)
    texts = [nt.text for nt in pieces.norms]
    joined = "\n".join(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    piece_start = np.zeros(len(texts), dtype=np.int64)
    np.cumsum(lengths[:-1] + 1, out=piece_start[1:])
    file_off = _piece_offsets(pieces, lengths, piece_start)
    codes, idx = _mask_codes(joined, agencies)
    masked = codes.tobytes().decode("utf-32-le")
    orig = file_off[idx]
    first = np.searchsorted(idx, piece_start)
    last = np.searchsorted(idx, piece_start + lengths)
    nonempty = last > first
    spans = np.column_stack([first[nonempty], last[nonempty]])
    return masked, orig, spans, first, codes


def mask_document(doc: Document, template_marker: object | None = None) -> MaskedText:
    """Build the masked stream of a document and mark its template characters.

    ``template_marker`` is a :class:`gkreview.dedup.boilerplate.Boilerplate` (the
    default model when None). Each paragraph and table cell is one *piece*: short
    template labels count only when they fill a whole piece. Tables whose masking
    cannot depend on the document (:func:`_standalone_tables`) come from the
    process-wide cache; the other pieces are masked together.
    """
    from gkreview.dedup.author import batch_agency

    pieces, block_first_piece = _document_pieces(doc)
    agencies = agency_variants(batch_agency(doc))
    marker = _marker(template_marker)
    s, e = doc.span
    original = doc.source.text[s:e]
    standalone = _standalone_tables(doc, pieces, block_first_piece, agencies)
    if not standalone:
        text, orig, spans, piece_pos, codes = _mask_pieces(pieces, agencies)
        block_starts = np.append(piece_pos, len(text)).astype(np.int64)[np.asarray(block_first_piece, dtype=np.int64)]
        masked = MaskedText(text, orig, np.zeros(len(text), dtype=bool), original, s, block_starts, codes)
        masked.template = marker.mark_stream(masked.text, spans,
                                             masked.kgrams(marker.k) if len(marker.hashes) else None,
                                             masked.head_values())
        return masked
    text, orig, fixed, piece_pos, codes = _mask_with_tables(pieces, agencies, standalone)
    block_starts = np.append(piece_pos, len(text)).astype(np.int64)[np.asarray(block_first_piece, dtype=np.int64)]
    masked = MaskedText(text, orig, fixed, original, s, block_starts, codes)
    if len(marker.hashes):
        masked.template = fixed | marker.mark_frequent_flags(text, masked.kgrams(marker.k))
    return masked


# A whitespace character as the token pattern sees one (``\s``).
_SPACE_RE = re.compile(r"\s")


def _standalone_tables(doc: Document, pieces: _Pieces, block_first_piece: list[int], agencies: list[str]
                       ) -> list[tuple[int, int]]:
    """``(first piece, end piece)`` of each table whose cells mask the same alone as inside the document.

    Masking reads across a piece boundary in two ways only: the document's agency
    names (so no cell may contain one), and a list marker's trailing whitespace,
    which runs over the joining newline into the next piece's leading whitespace
    (so neither the first cell nor the piece after the table may start with
    whitespace or be empty). Place names, numbers and template phrases never cross
    a newline. Such a table is masked on its own once per process and reused (a
    batch prints the national template's tables again and again).
    """
    if not doc.tables or any("\n" in a for a in agencies):
        return []
    out: list[tuple[int, int]] = []
    norms = pieces.norms
    bounds = [*block_first_piece, len(norms)]
    for i, block in enumerate(doc.blocks):
        a, b = bounds[i], bounds[i + 1]
        if type(block) is not Table or a == b:
            continue
        if any(type(nt.offsets) is not range for nt in norms[a:b]):  # the cache is keyed by regular maps only
            continue
        texts = [nt.text for nt in norms[a:b]]
        joined = "\n".join(texts)
        after = norms[b].text if b < len(norms) else None
        if (not texts[0] or _SPACE_RE.match(texts[0]) or (after is not None and (not after or _SPACE_RE.match(after)))
                or any(agency in joined for agency in agencies)):
            continue
        out.append((a, b))
    return out


@dataclass(frozen=True, slots=True)
class _TableMask:
    """One table's cells masked on their own: what :func:`mask_document` splices into the stream.

    ``rel`` is each masked character's offset inside its cell's original text,
    ``counts`` the masked characters of each cell (in order), ``first`` where each
    cell starts in the table's stream, ``fixed`` the fixed-phrase template flags.
    """

    codes: np.ndarray
    rel: np.ndarray
    counts: np.ndarray
    first: np.ndarray
    fixed: np.ndarray


# Masked tables by their cells' normalised texts and offset maps (ranges: see _standalone_tables).
# Bounded; emptied when full.
_TABLE_MASKS: dict[tuple[tuple[str, range], ...], _TableMask] = {}
_TABLE_MASKS_MAX = 256  # about 30 KB each


def _table_mask(norms: list[NormText]) -> _TableMask:
    """The cells (normalised, with regular offset maps) masked as one table, from the cache when seen."""
    key = tuple((nt.text, nt.offsets) for nt in norms)
    hit = _TABLE_MASKS.get(key)
    if hit is not None:
        return hit
    from gkreview.dedup.boilerplate import fixed_phrase_spans

    zeros = [0] * len(norms)
    text, rel, spans, first, codes = _mask_pieces(_Pieces(list(norms), zeros, zeros), [])
    flags = np.zeros(len(text), dtype=bool)
    for s0, e0 in fixed_phrase_spans(text, spans).tolist():
        flags[s0:e0] = True
    counts = np.diff(np.append(first, len(text)))
    value = _TableMask(codes, rel, counts, first, flags)
    if len(_TABLE_MASKS) >= _TABLE_MASKS_MAX:
        _TABLE_MASKS.clear()
    _TABLE_MASKS[key] = value
    return value


def _mask_with_tables(pieces: _Pieces, agencies: list[str], standalone: list[tuple[int, int]]
                      ) -> tuple[str, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_mask_pieces` plus the fixed-phrase flags, with the ``standalone`` tables taken from the cache.

    The other pieces are masked together (their neighbours across a removed table
    never interact: see :func:`_standalone_tables`), then the stream is laid out in
    piece order: runs of those pieces, and the cached tables with their cells'
    file offsets added. Returns the stream, file offsets, fixed template flags, the
    stream position of every piece, and the code points.
    """
    from gkreview.dedup.boilerplate import fixed_phrase_spans

    n_pieces = len(pieces.norms)
    cached = np.zeros(n_pieces, dtype=bool)
    for a, b in standalone:
        cached[a:b] = True
    rest = np.flatnonzero(~cached).tolist()
    sub = _Pieces([pieces.norms[i] for i in rest], [pieces.starts[i] for i in rest], [pieces.shifts[i] for i in rest])
    text_p, orig_p, spans_p, first_p, codes_p = _mask_pieces(sub, agencies)
    fixed_p = np.zeros(len(text_p), dtype=bool)
    if len(text_p):
        heads = window_hashes(rolling_prefix(codes_p), LONG_PHRASE, mix=False)  # = _head_values(text_p)
        for s0, e0 in fixed_phrase_spans(text_p, spans_p, heads).tolist():
            fixed_p[s0:e0] = True
    first_p = np.append(first_p, len(text_p))
    sub_index = np.cumsum(~cached) - 1  # index among the other pieces, for a piece that is one
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    piece_pos = np.zeros(n_pieces, dtype=np.int64)
    at = 0
    i = 0
    for a, b in [*standalone, (n_pieces, n_pieces)]:
        if i < a:  # a run of the other pieces
            j0, j1 = int(sub_index[i]), int(sub_index[a - 1]) + 1
            s0, s1 = int(first_p[j0]), int(first_p[j1])
            parts.append((codes_p[s0:s1], orig_p[s0:s1], fixed_p[s0:s1]))
            piece_pos[i:a] = first_p[j0:j1] - s0 + at
            at += s1 - s0
        if a < b:
            tm = _table_mask(pieces.norms[a:b])
            starts = np.asarray(pieces.starts[a:b], dtype=np.int64)
            parts.append((tm.codes, np.repeat(starts, tm.counts) + tm.rel, tm.fixed))
            piece_pos[a:b] = tm.first + at
            at += len(tm.codes)
        i = b
    codes = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, dtype=np.uint32)
    orig = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, dtype=np.int64)
    fixed = np.concatenate([p[2] for p in parts]) if parts else np.zeros(0, dtype=bool)
    return codes.tobytes().decode("utf-32-le"), orig, fixed, piece_pos, codes


def mask_plain(text: str, agency: str | None = None, template_marker: object | None = None) -> MaskedText:
    """Masked stream of a bare string (benchmarks, model building); each line is a piece.

    Offsets index ``text`` itself (``base`` 0).
    """
    pieces = _Pieces([], [], [])
    pos = 0
    for line in text.split("\n"):
        pieces.norms.append(normalize(line))
        pieces.starts.append(pos)
        pieces.shifts.append(0)
        pos += len(line) + 1
    masked_text, orig, spans, _, codes = _mask_pieces(pieces, agency_variants(agency))
    masked = MaskedText(masked_text, orig, np.zeros(len(masked_text), dtype=bool), text, 0,
                        np.zeros(1, dtype=np.int64), codes)
    marker = _marker(template_marker)
    masked.template = marker.mark_stream(masked.text, spans,
                                         masked.kgrams(marker.k) if len(marker.hashes) else None,
                                         masked.head_values())
    return masked
