"""Heading detection, canonical sections and template version (domain §2.2, §2.6, §2.8, §3.2–3.4).

A report's sections are what a reviewer checks first: are the statutory parts all
there, in order, numbered once? Detection works on normalised simplified text, so
traditional-script copies and full-width numbering match the same vocabulary
(:mod:`gkreview.data.sections`).

Pipeline (pure functions over the document):

1. :func:`find_headings` – every paragraph that opens with a numbering token of a
   known scheme (``一、`` ``(一)`` ``1.`` ``(1)`` ``第一部分``), or an unnumbered line
   that reads like a template heading. Table-三 row labels (``一、本年新收…``) and
   lines ending in a run of numbers (PDF table rows) are rejected, and ``一是…``
   enumerations never match a token.
2. The *major* scheme is the one whose headings name the most canonical sections;
   a run that restarts at 一 inside a section (sub-topics promoted to 一、) is
   demoted and remembered as a second numbering.
3. A canonical heading written in another scheme at the place the template expects
   it (``(三)收到和处理…`` between 二、 and 四、) is promoted and remembered too.
4. Sections span from their heading to the next major heading; the closing
   signature lines are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import ahocorasick
import numpy as np

from gkreview.data.doctype import T3_LABELS
from gkreview.data.sections import (
    LABELS_2019,
    LABELS_2021,
    PRE2019_REQUIRED,
    PROBLEMS_CONTINUATION,
    SECTION_RULES,
    SECTION_TITLES_ZH,
    TABLE_ROW_LABELS,
    TEMPLATE_HEADINGS,
    TEMPLATE_NUMBER,
    TEMPLATE_ORDER,
)
from gkreview.document import Document, Paragraph, Table
from gkreview.normalize import Offsets

# Scheme → (regex over normalised text, rank). Rank is the usual nesting depth (GB/T 9704).
_CN = "一二三四五六七八九十"
_SCHEMES: tuple[tuple[str, re.Pattern[str], int], ...] = (
    ("part", re.compile(rf"^\s*第\s*([{_CN}百\d]+)\s*(?:部分|篇|章)\s*[:、.]?\s*"), 0),
    ("cn", re.compile(rf"^\s*([{_CN}]{{1,3}})\s*[、.]\s*"), 1),
    ("cn_paren", re.compile(rf"^\s*\(\s*([{_CN}]{{1,3}})\s*\)\s*[、.]?\s*"), 2),
    ("arabic", re.compile(r"^\s*(\d{1,2})\s*(?:[、.](?!\d)|\s+(?=[\u4e00-\u9fff]))\s*"), 3),
    ("arabic_paren", re.compile(r"^\s*\(?\s*(\d{1,2})\s*\)\s*"), 4),
)
SCHEME_RANK: dict[str, int] = {name: rank for name, _, rank in _SCHEMES} | {"none": 1}
# Any of the schemes, as one pattern: most paragraphs open with none of them and are dismissed in one call.
# Every scheme opens with ``^\s*`` and then a character of _SCHEME_FIRST (第, a Chinese numeral, "(" or a digit),
# so the shared opening is matched once and a paragraph whose first printed character is none of those fails at
# once, instead of in each of the five alternatives; the first alternative that matches and its match are the
# same (an alternative can only go on after the longest leading whitespace). Three digits in a row (a year
# opening the paragraph: 2023年,…) fail at once too: the only schemes that open with a digit take one or two.
_SCHEME_OPEN = "^\\s*"
_SCHEME_FIRST = rf"[第{_CN}(\d]"
assert all(rx.pattern.startswith(_SCHEME_OPEN) for _, rx, _ in _SCHEMES)
_ANY_SCHEME = re.compile(_SCHEME_OPEN + f"(?={_SCHEME_FIRST})(?!\\d{{3}})(?:"
                         + "|".join(f"(?:{rx.pattern[len(_SCHEME_OPEN):]})" for _, rx, _ in _SCHEMES) + ")")
assert _ANY_SCHEME.groups == len(_SCHEMES)  # one capturing group per scheme: _numbered reads lastindex

_TRAILING_NUMBERS = re.compile(r"(?:[\s|]+[-+]?\d[\d,.]*%?){2,}[\s|]*$")
_TITLE_STOP = re.compile(r"[。;!?]|:(?=.)")
_SENTENCE_PUNCT = re.compile(r"[。;!?,、:]")
_CLAUSE_PUNCT = re.compile(r"[。;!?,:]")
_UNNUMBERED_ENDINGS = ("情况", "事项", "概述", "概况", "措施", "计划", "打算")
_DATE_ONLY = re.compile(
    r"^(?:(?:19|20)\d{2}|[二][〇○零0O][一二三四五六七八九〇○零0O]{2})年"
    r"[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$")
_MAX_TITLE = 50
# Lines up to this long have their heading fields cached across documents (longer ones are body paragraphs).
_CACHED_LINE = 120
# Cheap pre-check run on every paragraph: an unnumbered heading ends with the last character of a
# heading ending or template heading (its whitespace-free text must end with one of them).
_UNNUMBERED_LAST = frozenset(w[-1] for w in (*_UNNUMBERED_ENDINGS, *TEMPLATE_HEADINGS.values()))
# A real 2019/2021 table prints many version-specific labels; one stray phrase in prose is not a table.
MIN_TEMPLATE_LABELS = 2
_MAIN_IDS = frozenset((*TEMPLATE_ORDER, "fees"))
_WS = re.compile(r"\s+")
_SPACE_RUN = re.compile(r"[ \t\u3000\u00a0]+")
_PRE2019_ORDER = ("overview", "proactive", "requests", "fees", "review_litigation", "problems", "other")

# Every label whose presence the views test (template-version labels, table-三 labels): one automaton pass.
_LABEL_WORDS: tuple[str, ...] = tuple(dict.fromkeys((*LABELS_2021, *LABELS_2019, *T3_LABELS)))


def word_automaton(words: Iterable[str]) -> ahocorasick.Automaton:
    """An Aho-Corasick automaton whose value for each word is the word (one pass finds them all)."""
    auto = ahocorasick.Automaton()
    for w in words:
        auto.add_word(w, w)
    auto.make_automaton()
    return auto


class LiteralFinder:
    """Which of a few literal words (each at least three characters long) a long text contains.

    An Aho-Corasick walk costs a hundred-odd instructions per character (it scans the
    root's children for every character). Here each character's UTF-16 code is looked up
    once in a table that says whether it is some word's first, second or third character;
    the positions where all three agree are few, and only there is a word compared. The
    set found is exactly the words the text holds (a word present starts at such a
    position). Texts with characters outside the BMP (whose UTF-16 codes would shift the
    positions) are searched with the automaton instead.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(dict.fromkeys(words))
        if any(len(w) < 3 for w in self.words):
            raise ValueError("every word needs three characters")
        self.by_head: dict[str, tuple[str, ...]] = {}
        for w in self.words:
            self.by_head[w[:3]] = (*self.by_head.get(w[:3], ()), w)
        table = np.zeros(0x10000, dtype=np.uint8)
        for w in self.words:
            for k, ch in enumerate(w[:3]):
                if ord(ch) < 0x10000:
                    table[ord(ch)] |= 1 << k
        self.table = table
        self.automaton = word_automaton(self.words)

    def present(self, text: str) -> frozenset[str]:
        """The words that occur in ``text`` (anywhere, overlaps included)."""
        codes = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
        if len(codes) != len(text):
            return frozenset(w for _, w in self.automaton.iter(text))
        if len(text) < 3:
            return frozenset()
        bits = self.table.take(codes)
        starts = ((bits[:-2] & 1) & (bits[1:-1] >> 1) & (bits[2:] >> 2)).view(bool)
        found: set[str] = set()
        by_head = self.by_head
        for p in np.flatnonzero(starts).tolist():
            for w in by_head.get(text[p : p + 3], ()):
                if text.startswith(w, p):
                    found.add(w)
        return frozenset(found)


_LABEL_FINDER = LiteralFinder(_LABEL_WORDS)


_SEP = "\x00"  # joins texts for one whitespace squeeze; not whitespace itself, and absent from normal text


def squeezed_blocks(doc: Document) -> list[str]:
    """Every block's normalised text without whitespace (``"".join(b.norm.split())``), memoised per document.

    The label look-ups (all blocks) and the period search (paragraphs) both read
    whitespace-free text; the blocks are squeezed in one pass over their texts joined
    by a separator that is not whitespace (a text that prints the separator itself
    makes the blocks squeeze one by one).
    """

    def compute() -> list[str]:
        norms = [b.norm for b in doc.blocks]
        joined = _SEP.join(norms)
        if norms and joined.count(_SEP) == len(norms) - 1:
            return "".join(joined.split()).split(_SEP)
        return ["".join(n.split()) for n in norms]

    return doc.memo("sections.squeezed_blocks", compute)


def flat_text(doc: Document) -> str:
    """All normalised text of the document (tables included) without whitespace, for label look-ups."""
    return doc.memo("sections.flat_text", lambda: "".join(squeezed_blocks(doc)))


def present_labels(doc: Document) -> frozenset[str]:
    """The template-version and table-三 labels (:data:`LABELS_2021`, :data:`LABELS_2019`, ``T3_LABELS``)
    that the document prints anywhere, found in one pass over :func:`flat_text` (:class:`LiteralFinder`).

    The template detector and the document-type features both count labels; one pass
    over the text replaces a substring scan of the whole text per label.
    """
    return doc.memo("sections.present_labels", lambda: _LABEL_FINDER.present(flat_text(doc)))


def paragraph_norms(doc: Document) -> tuple[list[int], list[str]]:
    """Block index and normalised text of every paragraph, in order (memoised per document).

    The heading search, the period search, the body years and the document-type cues
    all walk the paragraphs' normalised texts; each ``Paragraph.norm`` is a property
    call, so the list is built once and shared.
    """

    def compute() -> tuple[list[int], list[str]]:
        blocks = doc.blocks
        index = [i for i, b in enumerate(blocks) if isinstance(b, Paragraph)]
        return index, [blocks[i].norm for i in index]  # type: ignore[union-attr]

    return doc.memo("sections.paragraph_norms", compute)


def block_label(b: Paragraph | Table) -> str:
    """``norm_label(b.text)`` — the block's text normalised, without whitespace — from the normalisation the
    block already carries (a paragraph's ``norm`` is its text normalised unless Word numbering precedes it),
    instead of normalising the text once more."""
    if isinstance(b, Paragraph) and b.numbering:
        from gkreview.normalize import norm_label

        return norm_label(b.text)
    return "".join(b.norm.split())


def title_label(doc: Document) -> str:
    """``norm_label(doc.title)`` ("" without a title), taken from the title's own block when the title is one.

    Normalising a fresh string costs more than the rest of some views; the title line
    was normalised with its block already. Memoised per document and title.
    """
    title = doc.title
    if not title:
        return ""

    def compute() -> str:
        for b in doc.blocks[:4]:
            if isinstance(b, Paragraph) and b.text == title:
                return block_label(b)
        from gkreview.normalize import norm_label

        return norm_label(title)

    return doc.memo("sections.title_label", compute, title)


def may_end_in_number(text: str) -> bool:
    """False when ``text`` cannot end in a number run: its last non-space character is no digit, ``,`` ``.`` or ``%``.

    The trailing-number patterns (table rows printed as text lines) are searched from
    every position of a line; this one-character test dismisses prose lines first.
    """
    t = text.rstrip()
    return bool(t) and (t[-1].isdecimal() or t[-1] in ",.%")


def _ends_in_numbers(text: str) -> bool:
    """A line ending in a run of numbers, perhaps ``|``-separated (a table row extracted as text, never a heading)."""
    t = text.rstrip()
    while t.endswith("|"):
        t = t[:-1].rstrip()
    return may_end_in_number(t) and _TRAILING_NUMBERS.search(text) is not None


_CN_DIGIT_VALUES = {c: i + 1 for i, c in enumerate("一二三四五六七八九")}


def cn_number(token: str) -> int | None:
    """``三`` → 3, ``十二`` → 12, ``12`` → 12 (numbering tokens only; None if not a number)."""
    if token.isdigit():
        return int(token)
    digits = _CN_DIGIT_VALUES
    if token == "十":
        return 10
    if token.startswith("十") and len(token) == 2 and token[1] in digits:
        return 10 + digits[token[1]]
    if len(token) == 1 and token in digits:
        return digits[token]
    if len(token) in (2, 3) and token[0] in digits and token[1] == "十":
        rest = token[2:]
        return digits[token[0]] * 10 + digits.get(rest, 0) if not rest or rest in digits else None
    return None


def _any_of(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern that finds any of ``words`` (None for no words: then nothing matches)."""
    return re.compile("|".join(map(re.escape, words))) if words else None


# SECTION_RULES with each word list compiled to one pattern (a search per rule, not a scan per word).
_SECTION_RULES_RX = tuple((sid, _any_of(words), _any_of(vetoes)) for sid, words, vetoes in SECTION_RULES)


def match_section_id(title: str) -> str | None:
    """The canonical section id a heading title names, or None (domain §3.2 synonym table)."""
    t = _WS.sub("", title)
    for sid, words, vetoes in _SECTION_RULES_RX:
        if words is not None and words.search(t) and not (vetoes is not None and vetoes.search(t)):
            return sid
    return None


def is_table_row_label(title: str) -> bool:
    """True for table-三 style row labels that begin with 一、…四、 or (一)… (domain §2.8)."""
    return _WS.sub("", title).startswith(TABLE_ROW_LABELS)


@dataclass(frozen=True)
class Heading:
    """One detected heading.

    ``token`` is the numbering as printed after normalisation (``"二、"``), ``number`` its
    value, ``scheme`` one of ``part cn cn_paren arabic arabic_paren none``; ``title`` is the
    normalised heading text without the token and without body text that follows it on
    the same line (``inline``). ``nstart``/``nend`` delimit token+title in the paragraph's
    normalised text, for exact locations.
    """

    block: int
    level: int
    token: str
    number: int | None
    scheme: str
    title: str
    text: str
    section_id: str | None
    inline: bool = False
    nstart: int = 0
    nend: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Compact JSON form."""
        return {"block": self.block, "level": self.level, "token": self.token, "scheme": self.scheme,
                "title": self.title, "id": self.section_id}


@dataclass(frozen=True)
class Section:
    """A major section: from its heading block to ``end_block`` (exclusive)."""

    id: str | None
    heading: Heading
    start_block: int
    end_block: int
    continuation: bool = False
    promoted: bool = False

    @property
    def title(self) -> str:
        """The heading title (normalised)."""
        return self.heading.title


@dataclass(frozen=True)
class SectionAnalysis:
    """Everything the structure checks, the outline and other checks need about sections."""

    template: str | None
    headings: list[Heading]
    sections: list[Section]
    major_scheme: str | None
    restarts: list[Heading] = field(default_factory=list)
    mixed: list[Heading] = field(default_factory=list)
    label_counts: dict[str, int] = field(default_factory=dict)
    closing_start: int = 0
    year_hint: int | None = None
    block_sections: tuple[str | None, ...] = ()

    def section_of_block(self, i: int) -> str | None:
        """Canonical id of the section that contains block ``i`` (None: preamble or non-canonical)."""
        return self.block_sections[i] if 0 <= i < len(self.block_sections) else None

    def first(self, sid: str) -> Section | None:
        """The first section with canonical id ``sid``."""
        return next((s for s in self.sections if s.id == sid), None)

    @property
    def ids(self) -> list[str]:
        """Canonical ids of the sections in document order (continuations folded in)."""
        return [s.id for s in self.sections if s.id and not s.continuation]

    def required(self, year: int | None = None) -> tuple[str, ...]:
        """Sections the law/template requires for this report (see :func:`required_sections`)."""
        return required_sections(self.template, year if year is not None else self.year_hint)

    def outline(self, year: int | None = None) -> list[dict[str, Any]]:
        """Display outline: detected sections in order, then required sections that are missing."""
        out: list[dict[str, Any]] = [
            {"id": s.id, "title": s.heading.text, "level": 1, "block": s.start_block, "missing": False}
            for s in self.sections]
        present = set(self.ids)
        out += [{"id": sid, "title": SECTION_TITLES_ZH.get(sid, sid), "level": 1, "block": None, "missing": True}
                for sid in self.required(year) if sid not in present]
        return out

    def to_dict(self) -> dict[str, Any]:
        """Compact JSON form for ``gkreview parse``."""
        return {"template": self.template, "major_scheme": self.major_scheme, "outline": self.outline()}


def required_sections(template: str | None, year: int | None) -> tuple[str, ...]:
    """Required canonical sections: by report year when known, else by template version.

    Y ≥ 2019: the six template sections (2019 条例 art. 50 + format); Y ≤ 2018: the
    content of 2008 条例 art. 32 (概述/其他 are customary, not required).
    """
    if year is not None:
        return TEMPLATE_ORDER if year >= 2019 else PRE2019_REQUIRED
    if template in ("2019", "2021"):
        return TEMPLATE_ORDER
    if template == "pre2019":
        return PRE2019_REQUIRED
    return ()


# --- step 1: headings ----------------------------------------------------------------------------------------------

def _title_end(text: str, display: str, offsets: Offsets, start: int) -> tuple[int, bool]:
    """End of the heading title in normalised ``text`` and whether body text follows inline.

    The title stops at sentence punctuation, or at a run of spaces in the *original*
    text ``display`` (normalisation removes spaces between CJK characters) when a long
    body follows.
    """
    end = len(text)
    if m := _TITLE_STOP.search(text, start):
        end = m.start()
    for m in _SPACE_RUN.finditer(display):
        ns = _norm_index(offsets, m.start(), start)
        if ns is None or ns >= end or ns - start < 2:
            continue
        before = _WS.sub("", text[start:ns])
        if len(display) - m.end() >= 12 or (before.endswith(_UNNUMBERED_ENDINGS) and match_section_id(before)):
            end = ns
            break
    inline = len(text[end:].strip(" 。;!?:")) > 0
    return end, inline


def _norm_index(offsets: Offsets, orig_pos: int, lo: int) -> int | None:
    """First normalised index at or after ``lo`` whose source offset is ≥ ``orig_pos``."""
    for i in range(lo, len(offsets) - 1):
        if offsets[i] >= orig_pos:
            return i
    return None


# A heading's fields without its block: (level, token, number, scheme, title, text, section_id, inline, nstart, nend).
_HeadingFields = tuple[int, str, int | None, str, str, str, str | None, bool, int, int]


def _numbered(text: str, display: str, raw: str, offsets: Offsets) -> _HeadingFields | None:
    """A heading opening with a numbering token (``text`` normalised, ``display`` as printed with Word's
    numbering, ``raw`` the paragraph text without it, ``offsets`` from ``text`` into ``display``)."""
    # The first scheme that matches, as the alternation of all schemes finds it (alternatives in scheme order,
    # one capturing group each: the group that took part names the scheme).
    m = _ANY_SCHEME.match(text)
    if not m:
        return None
    k = m.lastindex or 0
    scheme, _, rank = _SCHEMES[k - 1]
    number = cn_number(m.group(k))
    if number is None:
        return None
    start = m.end()
    end, inline = _title_end(text, display, offsets, start)
    title = _WS.sub("", text[start:end])
    if not title or is_table_row_label(title) or _ends_in_numbers(raw):
        return None
    if len(title) > _MAX_TITLE:
        return None
    return (rank, m.group().strip(), number, scheme, title, text[:end].strip(), match_section_id(title), inline,
            len(text) - len(text.lstrip()), end)


def _unnumbered(text: str, raw: str) -> _HeadingFields | None:
    """A short line that reads like a template heading (PDF exports often drop the numbers).

    PDF text extraction sometimes glues such a line to the end of the previous
    paragraph (``…减免费用情况。因政府信息公开申请行政复议…的情况``), so the tail
    after the last full stop is tried too.
    """
    stripped = text.rstrip()
    if not stripped or stripped[-1] not in _UNNUMBERED_LAST:
        return None
    cut = stripped.rfind("。") + 1
    for start in (0, cut) if cut else (0,):
        rest = text[start:]
        if len(rest) > 30 and len(rest) - sum(map(rest.count, " \n\t\r\u3000\xa0")) > 30:
            continue  # too long for a heading however much of it is whitespace (cheap test before substituting)
        t = _WS.sub("", rest)
        if not 4 <= len(t) <= 30 or _CLAUSE_PUNCT.search(t.rstrip(":")) or _ends_in_numbers(raw):
            continue
        sid = match_section_id(t)
        if sid not in _MAIN_IDS or not (t.endswith(_UNNUMBERED_ENDINGS) or t in TEMPLATE_HEADINGS.values()):
            continue
        return 1, "", None, "none", t.rstrip(":"), text[start:].strip(), sid, False, start, len(text)
    return None


def _heading_fields(text: str, display: str, raw: str, offsets: Offsets) -> _HeadingFields | None:
    """What :func:`_numbered`, else :func:`_unnumbered`, reads in one paragraph (a pure function of its texts)."""
    return _numbered(text, display, raw, offsets) or _unnumbered(text, raw)


@lru_cache(maxsize=4096)
def _cached_heading_fields(text: str, display: str, raw: str, offsets: range | tuple[str, bytes]
                           ) -> _HeadingFields | None:
    """:func:`_heading_fields` of a short line, remembered across documents: the candidate lines are mostly
    the template's headings, printed alike by every report of a batch (offsets given hashably: a range,
    or the dtype and bytes of the array)."""
    offs = offsets if isinstance(offsets, range) else np.frombuffer(offsets[1], dtype=np.dtype(offsets[0]))
    return _heading_fields(text, display, raw, offs)


def _paragraph_heading(p: Paragraph) -> _HeadingFields | None:
    """The heading fields of one candidate paragraph (cached by its texts when it is short)."""
    text = p.norm
    offsets = p.normalized.offsets
    display = p.display_text
    if len(display) > _CACHED_LINE:
        return _heading_fields(text, display, p.text, offsets)
    key = offsets if isinstance(offsets, range) else (offsets.dtype.str, offsets.tobytes())
    return _cached_heading_fields(text, display, p.text, key)


def find_headings(doc: Document, skip: Iterable[int] = ()) -> list[Heading]:
    """Every heading candidate in document order (paragraphs only; tables never hold headings)."""
    skipped = set(skip)
    # The two functions' own first tests, run over every paragraph in one comprehension: nine in ten fail both.
    index, norms = paragraph_norms(doc)
    candidates = [i for i, text in zip(index, norms, strict=True)
                  if (_ANY_SCHEME.match(text) or text.rstrip()[-1:] in _UNNUMBERED_LAST) and i not in skipped]
    blocks = doc.blocks
    out: list[Heading] = []
    for i in candidates:
        fields = _paragraph_heading(blocks[i])  # type: ignore[arg-type]
        if fields is not None:
            out.append(Heading(i, *fields))
    return out


# --- step 2/3: major headings ---------------------------------------------------------------------------------------

def _choose_major(headings: list[Heading]) -> str | None:
    """The scheme that names the most distinct canonical sections (ties: the shallower scheme)."""
    best: tuple[int, int, str] | None = None
    for scheme in {h.scheme for h in headings}:
        ids = {h.section_id for h in headings if h.scheme == scheme and h.section_id in _MAIN_IDS}
        key = (len(ids), -SCHEME_RANK[scheme] - (10 if scheme == "none" else 0), scheme)
        if best is None or key > best:
            best = key
    if best is None:
        return None
    if best[0] == 0:
        numbered = sorted({h.scheme for h in headings if h.scheme != "none"}, key=SCHEME_RANK.__getitem__)
        return numbered[0] if numbered else None
    return best[2]


def _strong(h: Heading) -> bool:
    """A heading that clearly is a template section at its template number (二、主动公开政府信息情况)."""
    sid = h.section_id or ""
    return TEMPLATE_NUMBER.get(sid) == h.number and (len(h.title) >= 6 or h.title in TEMPLATE_HEADINGS.values())


def _split_restarts(major: list[Heading]) -> tuple[list[Heading], list[Heading], set[int]]:
    """Separate headings of a run that restarts at 一 inside a section from the outer sequence.

    After 一、总体情况, a run 一、二、三… is sub-topics promoted to the top level. The run
    ends when a number continues the outer sequence instead; when a number could do
    both (一、总体情况 一、… 二、…), only a strong template heading resumes the outer one.
    Returns (outer headings, first heading of each restarted run, blocks of demoted headings).
    """
    outer: list[Heading] = []
    restarts: list[Heading] = []
    demoted: set[int] = set()
    inner_last: int | None = None
    for h in major:
        if h.number is None:
            outer.append(h)
            continue
        outer_last = next((o.number for o in reversed(outer) if o.number is not None), None)
        if inner_last is not None:
            resumes = outer_last is not None and h.number == outer_last + 1
            continues = h.number == inner_last + 1
            if resumes and continues:
                resumes = _strong(h)
            if not resumes and continues:
                inner_last = h.number
                demoted.add(h.block)
                continue
            inner_last = None
        seen = {o.section_id for o in outer}
        if outer_last is not None and h.number == 1 and not (_strong(h) and h.section_id not in seen):
            restarts.append(h)
            inner_last = 1
            demoted.add(h.block)
            continue
        outer.append(h)
    return outer, restarts, demoted


def _order_index(sid: str | None, order: tuple[str, ...]) -> int | None:
    return order.index(sid) if sid in order else None


def _fits(h: Heading, majors: list[Heading], order: tuple[str, ...]) -> bool:
    """True when a canonical heading sits between its template neighbours among the majors."""
    k = _order_index(h.section_id, order)
    if k is None:
        return False
    before = [_order_index(m.section_id, order) for m in majors if m.block < h.block]
    after = [_order_index(m.section_id, order) for m in majors if m.block > h.block]
    before_k = [x for x in before if x is not None]
    after_k = [x for x in after if x is not None]
    return (not before_k or before_k[-1] < k) and (not after_k or after_k[0] > k)


def _promote(headings: list[Heading], majors: list[Heading], major_scheme: str, pre2019: bool,
             demoted: set[int]) -> tuple[list[Heading], list[Heading]]:
    """Canonical headings outside the major scheme that stand where a missing major should be."""
    present = {h.section_id for h in majors if h.section_id}
    order = _PRE2019_ORDER if pre2019 else TEMPLATE_ORDER
    promoted: list[Heading] = []
    mixed: list[Heading] = []
    for h in headings:
        if h.scheme == major_scheme or h.block in demoted or h.section_id not in _MAIN_IDS:
            continue
        if h.section_id in present or h.inline:
            continue
        if h.scheme == "none":
            ok = _fits(h, majors, order)
        else:
            ok = (not pre2019 and h.number == TEMPLATE_NUMBER.get(h.section_id or "")
                  and _fits(h, majors, order) and len(h.title) >= 4)
        if ok:
            promoted.append(h)
            present.add(h.section_id or "")
            if h.scheme != "none":
                mixed.append(h)
    return promoted, mixed


# --- step 4: sections -------------------------------------------------------------------------------------------------

def closing_start(doc: Document) -> int:
    """Index of the first closing block (signature name + date lines at the end)."""
    blocks = doc.blocks
    squeezed = squeezed_blocks(doc)
    i = len(blocks)
    seen_date = False
    while i > 0 and len(blocks) - i < 4:
        b = blocks[i - 1]
        if not isinstance(b, Paragraph):
            break
        t = squeezed[i - 1]
        if _DATE_ONLY.match(t):
            seen_date = True
            i -= 1
            continue
        if seen_date and len(t) <= 30 and not _SENTENCE_PUNCT.search(t):
            i -= 1
            continue
        break
    return i if seen_date else len(blocks)


def _title_blocks(doc: Document) -> set[int]:
    """Leading blocks that belong to the title (a numbered title such as ``1古碑镇…`` is not a heading)."""
    if not doc.title:
        return set()
    title = _WS.sub("", doc.title)
    from gkreview.normalize import norm_label

    t = title_label(doc) if title == doc.title else norm_label(title)
    out: set[int] = set()
    squeezed = squeezed_blocks(doc)
    for i, b in enumerate(doc.blocks[:4]):
        if isinstance(b, Paragraph) and (n := squeezed[i]) and (n in t or t in n):
            out.add(i)
    return out


def label_counts(doc: Document) -> dict[str, int]:
    """How many 2019-only and 2021-only template labels the document prints (domain §2.6)."""
    found = present_labels(doc)
    return {"2021": sum(1 for w in LABELS_2021 if w in found), "2019": sum(1 for w in LABELS_2019 if w in found)}


def detect_template(counts: dict[str, int], ids: Iterable[str], year: int | None) -> str | None:
    """Template version by labels, not by year (domain §2.6).

    Table labels decide 2019 vs 2021. Without tables, art. 32 headings (a 收费及减免
    section) mean pre-2019; the template headings alone are identical in 2019 and
    2021, so only then does the year break the tie.
    """
    if max(counts["2021"], counts["2019"]) >= MIN_TEMPLATE_LABELS:
        return "2021" if counts["2021"] >= counts["2019"] else "2019"
    present = set(ids)
    if "fees" in present:
        return "pre2019"
    if {"overview", "other"} <= present and "requests" in present:
        if year is not None and year <= 2018:
            return "pre2019"
        return "2021" if year is None or year >= 2021 else "2019"
    if len(present & _MAIN_IDS) >= 3:
        return "pre2019" if year is None or year <= 2018 else ("2021" if year >= 2021 else "2019")
    return None


def detect_sections(doc: Document, year: int | None = None) -> SectionAnalysis:
    """Headings, canonical sections and template version of one document (computed once per document and year)."""
    year = year if year is not None else doc.year
    return doc.memo("sections.analysis", lambda: _detect_sections(doc, year), year)


def _detect_sections(doc: Document, year: int | None) -> SectionAnalysis:
    closing = closing_start(doc)
    headings = find_headings(doc, skip=_title_blocks(doc) | set(range(closing, len(doc.blocks))))
    major_scheme = _choose_major(headings)
    counts = label_counts(doc)
    if major_scheme is None:
        template = detect_template(counts, (), year)
        return SectionAnalysis(template, headings, [], None, label_counts=counts, closing_start=closing,
                               year_hint=year, block_sections=(None,) * len(doc.blocks))
    majors_raw = [h for h in headings if h.scheme == major_scheme]
    majors, restarts, demoted = _split_restarts(majors_raw)
    pre2019 = any(h.section_id == "fees" for h in majors) or (year is not None and year <= 2018)
    promoted, mixed = _promote(headings, majors, major_scheme, pre2019, demoted)
    majors = sorted(majors + promoted, key=lambda h: h.block)
    sections = _build_sections(majors, {h.block for h in promoted}, closing)
    template = detect_template(counts, [s.id for s in sections if s.id], year)
    block_sections: list[str | None] = [None] * len(doc.blocks)
    for s in sections:
        if s.end_block > s.start_block:
            block_sections[s.start_block : s.end_block] = [s.id] * (s.end_block - s.start_block)
    return SectionAnalysis(template, headings, sections, major_scheme, restarts, mixed, counts, closing, year,
                           tuple(block_sections))


def _build_sections(majors: list[Heading], promoted: set[int], closing: int) -> list[Section]:
    sections: list[Section] = []
    for k, h in enumerate(majors):
        end = majors[k + 1].block if k + 1 < len(majors) else max(closing, h.block + 1)
        sid = h.section_id
        continuation = False
        if (sid is None and sections and sections[-1].id == "problems"
                and any(w in h.title for w in PROBLEMS_CONTINUATION)):
            sid, continuation = "problems", True
        sections.append(Section(sid, h, h.block, end, continuation, h.block in promoted))
    return sections


def section_body(doc: Document, section: Section) -> tuple[str, list[Table]]:
    """The section's text (inline text after its heading plus its paragraphs) and its tables."""
    parts: list[str] = []
    tables: list[Table] = []
    first = doc.blocks[section.start_block]
    if isinstance(first, Paragraph):
        parts.append(first.norm[section.heading.nend:])
    for b in doc.blocks[section.start_block + 1 : section.end_block]:
        if isinstance(b, Table):
            tables.append(b)
        else:
            parts.append(b.norm)
    return "\n".join(p for p in parts if p.strip()), tables
