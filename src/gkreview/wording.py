"""Drafting faults a reader notices at once: doubled words, changed template labels, mixed scripts, placeholders,
and one item counted twice with two numbers (issue 8, item 4).

Each detector is a pure function over one document that returns :class:`Hit`
records (block, normalised span, kind, details); :mod:`gkreview.checks.wording`
turns them into findings. Detectors work on :class:`DocText`, the normalised
paragraphs of a document joined once (so one regex pass covers the document), and
map positions back to paragraphs for exact locations.

Speed matters (a report is reviewed in a few milliseconds): every pattern is
compiled at import, the joined text is built once per document and shared by
all wording, identity and timeline checks, and the doubled-run search uses one
regular expression over the whole document.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import numpy as np

from gkreview.data.wording import (
    ALLOWED_REPEATS,
    BOUNDARY_REPEATS,
    CHANNELS,
    COUNT_OBJECT_FILLER,
    COUNT_SCOPE_WORDS,
    COUNT_UNITS,
    COUNT_VERBS,
    DOUBLE_SEPARATORS,
    MIXED_WORD_CONTEXT,
    PLACEHOLDER_SPACE_BEFORE,
    PLACEHOLDERS,
    SYNONYM_STACKS,
)
from gkreview.normalize import t2s_may_change

if TYPE_CHECKING:
    from gkreview.document import Document

_CJK = "\u4e00-\u9fff"
# A doubled unit across a separator is a slip only when the clause ends right after it ("考评,考评。").
_CLAUSE_END = re.compile(r"[。;!?,\n]|$")
_BOUNDARY_REPEAT = re.compile("|".join(BOUNDARY_REPEATS))
_LEAD_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.、)]|\(\d{1,2}\))")
_EXPLANATION = re.compile(r"\([^()]*\)?$|\([^()]*\)")
_LABEL_STRIP = re.compile(r"[\s\"'“”/|:]")
_TEXT_ROW = re.compile(r"^(?P<label>[^\d|]+?)\s*(?:-?\d[\d,.]*\s+)+-?\d[\d,.]*$")
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")
_WORD_RUN = re.compile(r"[\u4e00-\u9fff0-9]+")
_SENTENCE_CHARS = "。;!?"  # sentence cuts besides the newline
_CLAUSE_CHARS = "。;!?,:"  # clause cuts besides the newline
_SENTENCE_CUT = re.compile(f"[{_SENTENCE_CHARS}\n]")
_CLAUSE_CUT = re.compile(f"[{_CLAUSE_CHARS}\n]")
_CHANNEL_RE = re.compile("|".join(sorted(CHANNELS, key=len, reverse=True)))
_COUNT_RE = re.compile(
    r"(?P<verb>" + "|".join(sorted(COUNT_VERBS, key=len, reverse=True)) + r")(?P<obj>[" + _CJK + r"]{0,12}?)"
    r"(?:共|共计|合计)?(?P<n>\d[\d,]*)(?P<unit>" + "|".join(sorted(COUNT_UNITS, key=len, reverse=True)) + ")")
# Share of converted characters above which a text is traditional (as the loader decides SourceFile.script).
TRADITIONAL_SHARE = 0.12
_FILLER_RE = re.compile("|".join(sorted(COUNT_OBJECT_FILLER, key=len, reverse=True)))
# Any scope or change word (one C-level search instead of a Python loop over the words).
_SCOPE_RE = re.compile("|".join(re.escape(w) for w in COUNT_SCOPE_WORDS))
# A count's number ends with a digit (a clause holds no comma) and its unit starts with one of these.
_DIGITS = "0123456789"
_UNIT_FIRSTS = "".join(sorted({u[0] for u in COUNT_UNITS}))
_DIGIT_UNIT_RE = re.compile(rf"\d(?=[{_UNIT_FIRSTS}])")
# Code-point spans [lo, hi) of the Basic Multilingual Plane that hold every decimal digit outside ASCII.
OTHER_DIGIT_SPANS: tuple[tuple[int, int], ...] = ((0x0660, 0x1C5A), (0xA620, 0xABFA), (0xFF10, 0xFF1A))


# --- cheap pre-filters ----------------------------------------------------------------------------------------------

_LANGUAGE_CAP = 32  # largest finite language (set of strings) the pre-filter derivation enumerates


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` contains, or None when none can be derived.

    A regex scan over a 10,000-character report costs tens of microseconds; a
    substring test costs one or two. Most patterns of this package rarely match,
    so ``any(s in text for s in required_literals(p))`` decides almost always that
    the scan can be skipped, and it can only say "maybe" when a match is possible:
    the strings are derived from the parsed pattern (literal runs, small finite
    alternations, mandatory groups), never written by hand. Lookarounds are
    treated as matching anything, which only widens the set.
    """
    try:
        from re import _parser as sre_parse  # the standard library's own regex parser

        parsed = sre_parse.parse(pattern)
    except Exception:  # noqa: BLE001 - no pre-filter is always a safe answer
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    found = _requirement(list(parsed))
    return tuple(sorted(found)) if found else None


def _language(items: list[Any]) -> set[str] | None:
    """Every string a sequence of parsed regex items can match, when that set is finite and small."""
    from re import _constants as c

    out = {""}
    for op, av in items:
        part: set[str] | None
        if op is c.LITERAL:
            part = {chr(av)}
        elif op is c.IN:
            part = _charset(av)
        elif op is c.SUBPATTERN:
            part = None if av[1] & re.IGNORECASE else _language(list(av[3]))
        elif op is c.BRANCH:
            langs = [_language(list(b)) for b in av[1]]
            part = None if any(x is None for x in langs) else set().union(*langs)  # type: ignore[arg-type]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[1] <= 4:
            body = _language(list(av[2]))
            part = None if body is None else _repeat(body, av[0], av[1])
        elif op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue
        else:
            return None
        if part is None:
            return None
        out = {x + y for x in out for y in part}
        if len(out) > _LANGUAGE_CAP:
            return None
    return out


def _charset(items: list[Any]) -> set[str] | None:
    from re import _constants as c

    chars: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            chars.add(chr(av))
        elif op is c.RANGE and av[1] - av[0] < 8:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None
    return chars


def _repeat(body: set[str], lo: int, hi: int) -> set[str] | None:
    out: set[str] = set()
    layer = {""}
    for k in range(hi + 1):
        if k >= lo:
            out |= layer
        if len(out) > _LANGUAGE_CAP:
            return None
        layer = {x + y for x in layer for y in body}
        if len(layer) > _LANGUAGE_CAP and k < hi:
            return None
    return out


def _requirement(items: list[Any]) -> set[str] | None:
    """The best set of strings one of which every match of the item sequence contains (None: no such set)."""
    from re import _constants as c

    best: set[str] | None = None
    for i in range(len(items)):  # contiguous finite runs of items: the text they match is a substring
        for j in range(i + 1, len(items) + 1):
            lang = _language(items[i:j])
            if lang is None:
                break
            best = _better(best, lang)
    for op, av in items:  # mandatory groups carry their own requirement
        sub: set[str] | None = None
        if op is c.SUBPATTERN and not av[1] & re.IGNORECASE:
            sub = _requirement(list(av[3]))
        elif op is c.BRANCH:
            reqs = [_requirement(list(b)) for b in av[1]]
            sub = None if any(r is None for r in reqs) else set().union(*reqs)  # type: ignore[arg-type]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            body = _language(list(av[2]))  # the first ``lo`` repetitions are contiguous
            sub = _repeat(body, av[0], av[0]) if body is not None and av[0] <= 4 else None
            sub = _better(_requirement(list(av[2])), sub)
        best = _better(best, sub)
    return best


def _better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    """The more selective requirement: longer shortest string, then fewer strings."""
    if not b or "" in b or len(b) > _LANGUAGE_CAP:
        return a
    if a is None:
        return b
    return b if (min(map(len, b)), -len(b)) > (min(map(len, a)), -len(a)) else a


def space_before(text: str, chars: str) -> bool:
    """True when some character of ``chars`` directly follows a whitespace character (``\\s`` in a regex)."""
    for ch in chars:
        i = text.find(ch, 1)
        while i != -1:
            if text[i - 1].isspace():
                return True
            i = text.find(ch, i + 1)
    return False


def original_text(doc: Document) -> tuple[list[tuple[int, str]], str]:
    """(block index, original text) of every non-empty paragraph and their newline-joined text, once per document."""
    return doc.memo("wording.original_text", lambda: _original_text(doc))


def original_joined(doc: Document) -> str:
    """The newline-joined text of :func:`original_text` alone, built by C-level iteration (a third of the cost):
    the gates of the blank-date and mixed-script detectors read only this; the per-paragraph list is built when
    a gate lets a document through."""
    from operator import attrgetter

    def compute() -> str:
        texts = map(attrgetter("text"), map(doc.blocks.__getitem__, doc_text(doc).blocks))
        return "\n".join(filter(None, texts))

    return doc.memo("wording.original_joined", compute)


def _original_text(doc: Document) -> tuple[list[tuple[int, str]], str]:
    blocks = doc.blocks
    paras = [(i, t) for i in doc_text(doc).blocks if (t := blocks[i].text)]  # type: ignore[union-attr]
    return paras, "\n".join(t for _, t in paras)


_ANCHOR_BUDGET = 60  # most match attempts an anchored scan may make before a plain scan is cheaper
_FIRSTS_BUDGET = 400  # most candidate starts to filter by first character (a set look-up each)
_FIND_ANCHORS = 3  # up to this many anchor strings are found by substring search, more through the pair slots


@dataclass(frozen=True)
class Scanner:
    """A compiled pattern with what makes scanning for it cheap: its required literals and an anchor.

    ``needles`` (see :func:`required_literals`) let a document that cannot match skip
    the scan. ``anchors`` are the strings a fixed part of every match consists of,
    ``lo``–``hi`` characters after the match start, and ``firsts`` the characters a
    match can start with: the anchors are located through the text's pair slots
    (one table look-up over the document) and the pattern is tried only at the few
    starts they allow, in order and without overlap, which yields exactly the
    matches of ``rx.finditer``.
    """

    rx: re.Pattern[str]
    needles: Needles | None = None
    anchors: tuple[str, ...] | None = None
    lo: int = 0
    hi: int = 0
    firsts: frozenset[str] | None = None
    anchor_set: int | None = None  # registered pair set of the anchors' last two characters
    by_pair: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)  # last two chars -> anchors
    word_prefix: bool = False  # what a match holds before its anchor is word characters only (_within_word)
    follow: tuple[str, ...] | None = None  # strings one of which every match holds right after its anchor

    @classmethod
    def compile(cls, pattern: str) -> Scanner:
        """The scanner of ``pattern``, its pre-filters derived from the parsed pattern."""
        rx, needles = re.compile(pattern), Needles.of(required_literals(pattern))
        anchored = _anchor(pattern)
        if anchored is None:
            return cls(rx, needles)
        anchors, lo, hi, firsts, word_prefix, follow = anchored
        if min(map(len, anchors)) < 2 or len(anchors) <= _FIND_ANCHORS:
            return cls(rx, needles, anchors, lo, hi, firsts, word_prefix=word_prefix, follow=follow)
        by_pair: dict[str, list[tuple[str, int]]] = {}
        for a in anchors:  # keyed by their last two characters: 政府网站 is found at 网站, not at the common 政府
            by_pair.setdefault(a[-2:], []).append((a, len(a) - 2))  # with how far the anchor starts before them
        pair_set = register_pairs((k[0], k[1]) for k in by_pair)
        return cls(rx, needles, anchors, lo, hi, firsts, pair_set, {k: tuple(v) for k, v in by_pair.items()},
                   word_prefix, follow)

    def finditer(self, dt: DocText) -> Iterator[re.Match[str]]:
        """The matches of ``rx.finditer(dt.text)``, found cheaply when the pre-filters allow."""
        index, text = dt.index, dt.text
        # An anchored scan finds the anchors exactly anyway: the pair slots alone decide whether to look (a
        # substring search for a needle the text holds costs as much as the anchored scan it would gate).
        if not (index.may_contain_any if self.anchors is not None else index.contains_any)(self.needles):
            return
        follow = self.follow
        if self.anchor_set is not None:
            by_pair, startswith, found = self.by_pair, text.startswith, []
            for p in dt.pair_starts(self.anchor_set):  # a plain loop: most positions are hash collisions
                if follow is not None and not startswith(follow, p + 2):
                    continue  # every anchor keyed by this pair ends at p + 2: what must follow it is not there
                for a, back in by_pair.get(text[p:p + 2], ()):
                    if p >= back and startswith(a, p - back):
                        found.append(p - back)
        elif self.anchors is not None:
            found = [i for a in self.anchors if index.may_contain(a) for i in _occurrences(text, a)
                     if follow is None or text.startswith(follow, i + len(a))]
        else:
            yield from self.rx.finditer(text)
            return
        lo, hi, firsts = self.lo, self.hi, self.firsts
        if self.word_prefix and hi:
            # A match starts inside the run of word characters that ends at its anchor: far fewer starts.
            run_start = dt.word_run_start
            spans = [(run_start(max(0, i - hi), i), i - lo + 1) for i in found]
        else:
            spans = [(max(0, i - hi), i - lo + 1) for i in found]
        if sum(b - a for a, b in spans if b > a) > (_FIRSTS_BUDGET if firsts else _ANCHOR_BUDGET):
            yield from self.rx.finditer(text)  # anchors everywhere: one plain scan is cheaper
            return
        if firsts:  # the positions of a first character inside the spans, found by a charset search each
            first_in = _charset_rx(firsts).finditer
            starts = [m.start() for a, b in spans for m in first_in(text, a, b)]
        else:
            starts = [s for a, b in spans for s in range(a, b)]
        yield from dt.finditer_at(self.rx, starts)


@lru_cache(maxsize=256)
def _charset_rx(chars: frozenset[str]) -> re.Pattern[str]:
    """A pattern matching one of ``chars``."""
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def _occurrences(text: str, s: str) -> Iterator[int]:
    i = text.find(s)
    while i != -1:
        yield i
        i = text.find(s, i + 1)


_Anchor = tuple[tuple[str, ...], int, int, frozenset[str] | None, bool, tuple[str, ...] | None]


def _anchor(pattern: str) -> _Anchor | None:
    """(strings, lo, hi, firsts, word_prefix, follow): a run of the pattern's top-level items whose text is one
    of ``strings`` and starts ``lo``–``hi`` characters after the match start, the characters a match can start
    with (None: any), whether the items before the run match word characters only (:func:`_within_word`), and
    the strings one of which the items right after the run match (:func:`_follow`; None: no such set); None
    when the pattern has no such run."""
    try:
        from re import _parser as sre_parse

        parsed = sre_parse.parse(pattern)
    except Exception:  # noqa: BLE001 - no anchor is always a safe answer
        return None
    if parsed.state.flags & re.IGNORECASE or parsed.getwidth()[0] == 0:
        return None
    items = parsed.data
    best: _Anchor | None = None
    best_end = 0
    firsts = _first_chars(items)
    for i in range(len(items)):
        lo, hi = sre_parse.SubPattern(parsed.state, items[:i]).getwidth()
        if hi > 64:
            break
        for j in range(i + 1, len(items) + 1):
            lang = _language(items[i:j])
            if lang is None:
                break
            if "" in lang:
                continue
            cand = (tuple(sorted(lang)), lo, hi, firsts, _within_word(items[:i]), None)
            if best is None or _anchor_cost(cand) < _anchor_cost(best):
                best, best_end = cand, j
    return None if best is None else (*best[:5], _follow(items[best_end:]))


def _follow(items: list[Any]) -> tuple[str, ...] | None:
    """Strings one of which every match of the item sequence starts with: the language of its longest finite
    leading run (lookarounds read as matching anything), None when that is empty or holds the empty string.

    An anchor occurrence not followed by one of them cannot be part of a match: an
    anchored scan drops it before computing any start (``在政府网站查阅`` keeps
    ``政府网站``, ``政府网站年度报表`` does not).
    """
    best: set[str] | None = None
    for k in range(1, len(items) + 1):
        lang = _language(items[:k])
        if lang is None:
            break
        best = lang
    if not best or "" in best:
        return None
    return tuple(sorted(best))


def _anchor_cost(a: _Anchor) -> tuple[int, int]:
    """Fewer, longer anchors at a narrower offset range are cheaper to use."""
    strings, lo, hi = a[0], a[1], a[2]
    return (-min(map(len, strings)), len(strings) * (hi - lo + 1))


# Word characters: decimal digits (\d, any script) and CJK ideographs. A part of a match made of these lies in
# one run of them, which bounds where an anchored match can start (Scanner.finditer).
_WORD_RANGES = ((0x30, 0x39), (0x4E00, 0x9FFF))
_NON_WORD_RE = re.compile(r"[^\d\u4e00-\u9fff]")


def _is_word_range(a: int, b: int) -> bool:
    return any(lo <= a <= b <= hi for lo, hi in _WORD_RANGES)


def _within_word(items: list[Any]) -> bool:
    """True when every character the item sequence can consume is a word character (digit or CJK).

    Lookarounds consume nothing; anything the walk does not know (categories,
    negated sets, case-insensitive groups, back-references) answers False.
    """
    from re import _constants as c

    for op, av in items:
        if op is c.LITERAL:
            ok = _is_word_range(av, av)
        elif op is c.IN:
            ok = all((o is c.LITERAL and _is_word_range(v, v)) or (o is c.RANGE and _is_word_range(*v))
                     or (o is c.CATEGORY and v is c.CATEGORY_DIGIT) for o, v in av)
        elif op is c.SUBPATTERN:
            ok = not av[1] & re.IGNORECASE and _within_word(list(av[3]))
        elif op is c.BRANCH:
            ok = all(_within_word(list(b)) for b in av[1])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            ok = _within_word(list(av[2]))
        elif op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            ok = True
        else:
            ok = False
        if not ok:
            return False
    return True


def _first_chars(items: list[Any]) -> frozenset[str] | None:
    """The characters a match of the item sequence can start with, when the first consuming item is finite."""
    from re import _constants as c

    for k, (op, _) in enumerate(items):
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue
        lang = _language(items[k:k + 1])
        if lang is None or "" in lang:
            return None
        return frozenset(x[0] for x in lang)
    return None


@lru_cache(maxsize=64)
def _pairs_of(firsts: str, seconds: str) -> int:
    """The registered pair set of every pair of a character of ``firsts`` and one of ``seconds``."""
    return register_pairs((a, b) for a in firsts for b in seconds)


_PAIR_MUL = 40503  # multiplier of the character-pair hash (uint32 arithmetic, kept to _INDEX_BITS)
# Slots of the character and pair tables: a report has ~1k distinct characters and ~4k distinct pairs, so
# 16k slots keep false positives rare while the tables stay small enough to build in microseconds.
_INDEX_BITS = 14
_INDEX_SIZE = 1 << _INDEX_BITS
_INDEX_MASK = _INDEX_SIZE - 1


def _pair_slot(a: str, b: str) -> int:
    return (((ord(a) * _PAIR_MUL) & 0xFFFFFFFF) ^ ord(b)) & _INDEX_MASK


class TextIndex:
    """Which character pairs a text contains, hashed into 16,384 slots.

    A substring test over a report costs several microseconds and a regex scan tens
    of them; a look-up here costs a fraction of one. The hash gives false positives
    (the caller then does the real search), never false negatives, so a check gated
    on it finds exactly what it found without the gate. ``slots`` keeps the pair slot
    of every position, so the positions of a set of pairs are found with one table
    look-up over the array (:meth:`DocText.pair_starts`). Single characters are
    tested with ``in`` (a character scan is as cheap as building a table for them).
    """

    __slots__ = ("_pairs", "slots", "text")

    def __init__(self, text: str, codes: Any) -> None:
        import numpy as np

        pairs = bytearray(_INDEX_SIZE)  # filled through a numpy view: no copy, and bytes index fast from Python
        self.slots = (((codes[:-1] * np.uint32(_PAIR_MUL)) ^ codes[1:]) & np.uint32(_INDEX_MASK)).astype(np.intp)
        np.frombuffer(pairs, dtype=np.uint8)[self.slots] = 1
        self.text = text
        self._pairs = pairs

    def may_contain(self, s: str) -> bool:
        """False only when ``s`` certainly does not occur in the text."""
        if len(s) < 2:
            return s in self.text
        pairs = self._pairs
        return all(pairs[_pair_slot(x, y)] for x, y in pairwise(s))

    def contains(self, s: str) -> bool:
        """``s in text``, answered from the index when it can."""
        return self.may_contain(s) and s in self.text

    def may_contain_any(self, needles: Needles | None) -> bool:
        """False only when the text certainly holds none of ``needles`` (pair slots only, no substring search)."""
        if needles is None:
            return True
        pairs = self._pairs
        for needle, slots in needles.keys:
            if len(needle) < 2:
                if needle in self.text:
                    return True
                continue
            for k in slots:
                if not pairs[k]:
                    break
            else:
                return True
        return False

    def contains_any(self, needles: Needles | None) -> bool:
        """False only when the text holds none of ``needles`` (None: no pre-filter, always True)."""
        if needles is None:
            return True
        pairs, text = self._pairs, self.text
        for needle, slots in needles.keys:  # plain loops: nested generators cost more than the look-ups
            for k in slots:
                if not pairs[k]:
                    break
            else:
                if needle in text:
                    return True
        return False


@dataclass(frozen=True)
class Needles:
    """Strings one of which must occur, with their pair slots precomputed for the index."""

    strings: tuple[str, ...]
    keys: tuple[tuple[str, tuple[int, ...]], ...]

    @classmethod
    def of(cls, strings: tuple[str, ...] | None) -> Needles | None:
        if strings is None:
            return None
        return cls(strings, tuple((s, tuple(_pair_slot(x, y) for x, y in pairwise(s))) for s in strings))

    @classmethod
    def union(cls, scanners: Iterable[Scanner]) -> Needles | None:
        """The needles of several scanners together: one gate for a group that rarely matches (None when some
        scanner has no needles, so the group cannot be gated)."""
        strings: set[str] = set()
        for sc in scanners:
            if sc.needles is None:
                return None
            strings.update(sc.needles.strings)
        return cls.of(tuple(sorted(strings)))


# Registered pair sets: bit k of the combined table marks the slots of set k, so one look-up per document
# serves every scanner (a look-up over a report's pair slots costs as much as several array comparisons).
_PAIR_SETS: list[frozenset[int]] = []


def register_pairs(pairs: Iterable[tuple[str, str]]) -> int:
    """The id of a set of character pairs for :meth:`DocText.pair_starts` (registered once per process)."""
    slots = frozenset(_pair_slot(a, b) for a, b in pairs)
    if slots not in _PAIR_SETS:
        if len(_PAIR_SETS) == 64:
            raise ValueError("at most 64 pair sets can be registered")
        _PAIR_SETS.append(slots)
    return _PAIR_SETS.index(slots)


@lru_cache(maxsize=8)
def _combined_table(n: int) -> tuple[Any, Any]:
    """(any, bits) per slot for the first ``n`` registered pair sets: whether the slot belongs to any of them,
    and a word with bit k set when it belongs to set k.

    The word is the narrowest unsigned type that holds ``n`` bits, and only the few
    positions of a report that belong to some set are looked up in it: the boolean
    table finds those positions (a boolean ``nonzero`` is several times cheaper than
    one over words), which halves the per-document cost of :meth:`DocText.pair_starts`.
    """
    import numpy as np

    dtype = next(t for t in (np.uint8, np.uint16, np.uint32, np.uint64) if np.dtype(t).itemsize * 8 >= n)
    table = np.zeros(_INDEX_SIZE, dtype=dtype)
    for k, slots in enumerate(_PAIR_SETS[:n]):
        table[sorted(slots)] |= dtype(1 << k)
    return table != 0, table


@dataclass(frozen=True, slots=True)
class Hit:
    """One detected fault: the block, the normalised span inside it, the kind and JSON-ready details."""

    block: int
    nstart: int
    nend: int
    kind: str
    text: str
    details: dict[str, Any] = field(default_factory=dict)
    related: tuple[tuple[int, int, int], ...] = ()  # (block, nstart, nend) of other places involved


@dataclass
class DocText:
    """The normalised paragraphs of a document joined by newlines, with the map back to blocks."""

    text: str
    blocks: list[int]
    starts: list[int]
    _pair_mask: tuple[int, Any, Any] | None = field(default=None, repr=False, compare=False)

    def locate(self, pos: int) -> tuple[int, int]:
        """(block index, offset inside that paragraph's normalised text) of joined position ``pos``."""
        k = bisect_right(self.starts, pos) - 1
        return self.blocks[k], pos - self.starts[k]

    def bounds(self, start: int, end: int, clause: bool = False) -> tuple[int, int]:
        """The sentence (or, with ``clause``, the comma clause) of the joined text around ``[start, end)``.

        Every cut set holds the newline, so each side is one regex search: forwards
        from ``end`` for the right cut, and forwards in the reversed text (built once
        per document) for the nearest cut left of ``start``, which stops at the
        paragraph's start at the latest. No list of every cut in the document is built.
        """
        text = self.text
        cut = _CLAUSE_CUT if clause else _SENTENCE_CUT
        n = len(text)
        back = cut.search(self.reversed_text, n - start)
        m = cut.search(text, end)
        return (n - back.start() if back else 0), (m.start() if m else n)

    def word_run_start(self, lo: int, i: int) -> int:
        """The first position of ``text[lo:i]`` after its last non-word character (``lo`` when it has none):
        one search leftwards from ``i``, in the reversed text."""
        n = len(self.text)
        m = _NON_WORD_RE.search(self.reversed_text, n - i, n - lo)
        return n - m.start() if m else lo

    @cached_property
    def reversed_text(self) -> str:
        """The text reversed: :meth:`bounds` finds the nearest cut left of a position by a forward search."""
        return self.text[::-1]

    @cached_property
    def codes(self) -> Any:
        """The text as a numpy array of code points (shared by the vectorised detectors)."""
        import numpy as np

        return np.frombuffer(self.text.encode("utf-32-le"), dtype=np.uint32)

    def pair_starts(self, pair_set: int) -> list[int]:
        """Positions whose pair slot belongs to a registered pair set: a superset of where its pairs occur."""
        n = len(_PAIR_SETS)
        if self._pair_mask is None or self._pair_mask[0] != n:  # a set registered since: recompute
            member, table = _combined_table(n)
            slots = self.index.slots
            where = member[slots].nonzero()[0]  # positions of any registered pair: a few hundred of a report's
            self._pair_mask = (n, where, table[slots[where]])
        _, where, bits = self._pair_mask
        return where[(bits & bits.dtype.type(1 << pair_set)) != 0].tolist()  # type: ignore[no-any-return]

    def pair_positions(self, firsts: str, seconds: str) -> list[int]:
        """Positions ``p`` where ``text[p]`` is one of ``firsts`` and ``text[p + 1]`` one of ``seconds``.

        One table look-up over the pair slots of the text replaces a regex scan whose
        first character is a set (tens of microseconds per report).
        """
        text = self.text
        hits = self.pair_starts(_pairs_of(firsts, seconds))
        return [p for p in hits if text[p] in firsts and text[p + 1] in seconds]

    def finditer_at(self, rx: re.Pattern[str], starts: Iterable[int]) -> Iterator[re.Match[str]]:
        """The matches of ``rx.finditer(text)``, given a superset of the positions where a match can start.

        Starts are tried in order and those inside an earlier match skipped, exactly
        as ``finditer`` does (the patterns never match the empty string).
        """
        text = self.text
        last_end = 0
        match = rx.match
        for s in sorted(set(starts)):
            if s >= last_end and (m := match(text, s)):
                yield m
                last_end = m.end()

    @cached_property
    def other_digits(self) -> bool:
        """Whether the text holds a decimal digit (``\\d``) other than 0–9 (Arabic-Indic, Devanagari …).

        Such digits lie in a few code-point spans (:data:`OTHER_DIGIT_SPANS`) that
        Chinese text hardly uses, or beyond the BMP: range tests over the code array
        decide, and only the few characters found there are tested one by one.
        """
        codes = self.codes
        if not codes.size:
            return False
        top = int(codes.max())  # spans above the largest code need no test (most reports stay below 0xA620)
        spans = [(lo, hi) for lo, hi in OTHER_DIGIT_SPANS if lo <= top]
        if top < 0x10000 and not any(((codes - lo) < (hi - lo)).any() for lo, hi in spans):
            return False
        # Only the characters in the spans or beyond the BMP (a CJK extension character in a name) are read.
        candidates = codes >= 0x10000
        for lo, hi in spans:
            candidates |= (codes - lo) < (hi - lo)
        return any(chr(c).isdecimal() for c in codes[candidates].tolist())

    @cached_property
    def index(self) -> TextIndex:
        """Character and pair index of the text: cheap "can this pattern match at all?" tests."""
        return TextIndex(self.text, self.codes)

    def paragraph(self, block: int) -> str:
        """The normalised text of one paragraph block."""
        k = bisect_right(self.blocks, block) - 1
        if k < 0 or self.blocks[k] != block:
            raise ValueError(f"block {block} is not a paragraph")
        end = self.starts[k + 1] - 1 if k + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[k]:end]


def doc_text(doc: Document) -> DocText:
    """The joined normalised paragraphs of ``doc``, built once per document (wording, identity and timeline
    checks all read it)."""
    return doc.memo("wording.doc_text", lambda: _build_doc_text(doc))


def _build_doc_text(doc: Document) -> DocText:
    """The joined paragraph text from views other checks have usually built (memoised) already."""
    from itertools import accumulate

    from gkreview.document import Table
    from gkreview.sections import paragraph_norms
    from gkreview.tables import block_starts

    if not any(isinstance(b, Table) for b in doc.blocks):
        # Paragraphs only: the document's joined normalised text and block offsets are this text and its starts.
        return DocText(doc.norm_text, list(range(len(doc.blocks))), block_starts(doc)[:-1])
    index, norms = paragraph_norms(doc)  # block index and normalised text of every paragraph (the sections view)
    return DocText("\n".join(norms), list(index), list(accumulate((len(t) + 1 for t in norms), initial=0))[:-1])


def _hit(dt: DocText, start: int, end: int, kind: str, **details: Any) -> Hit:
    block, off = dt.locate(start)
    return Hit(block, off, off + (end - start), kind, dt.text[start:end], details)


# Each pattern with the strings one of which any match contains (see required_literals).
_STACK_SCANNERS = tuple(Scanner.compile(p) for p in SYNONYM_STACKS)
_STACK_GATE = Needles.union(_STACK_SCANNERS)  # a report rarely holds any: one look-up skips all twelve scans
_PLACEHOLDER_SCANNERS = tuple((kind, Scanner.compile(p)) for kind, p in PLACEHOLDERS)
_BLANK_DATE_RE = re.compile(dict(PLACEHOLDERS)["blank-date"])


# --- doubled words ------------------------------------------------------------------------------------------------

def doubled_phrases(dt: DocText) -> list[Hit]:
    """Runs of 2–8 characters written twice in a row ("进一步进一步", "考评,考评") and near-synonym stacks
    ("可通过可以通过", "和以及", "有待于有待")."""
    hits: list[Hit] = []
    text = dt.text
    last_end = -1
    for start, size, gap in _doubled_candidates(text, dt.codes, dt.index.slots):
        if start < last_end:
            continue
        unit = text[start:start + size]
        sep = text[start + size] if gap else ""
        end = start + 2 * size + gap
        if len(set(unit)) == 1 or unit in ALLOWED_REPEATS or not _HAS_CJK.search(unit) or unit.isdigit():
            continue
        if _is_reduplication(unit) or (not sep and _BOUNDARY_REPEAT.match(text, start)):
            continue  # 人民政府政府信息: a name's last word and a term's first word, not a word written twice
        if sep and not _CLAUSE_END.match(text, end):
            continue  # "专栏,专栏包括…" is anadiplosis (顶真), a figure of speech, not a slip
        last_end = end
        hits.append(_hit(dt, start, end, "repeat", unit=unit, separator=sep))
    if not dt.index.may_contain_any(_STACK_GATE):
        return hits
    taken = {(h.block, h.nstart) for h in hits}
    for scanner in _STACK_SCANNERS:
        for m in scanner.finditer(dt):
            h = _hit(dt, m.start(), m.end(), "stack")
            if (h.block, h.nstart) not in taken:
                hits.append(h)
    return hits


# Per distance between the two halves (2–9): the (unit length, separator width) pairs it can mean, units of 2–8.
_DOUBLE_VARIANTS = tuple((d, tuple((size, gap) for size, gap in ((d, 0), (d - 1, 1)) if 2 <= size <= 8))
                         for d in range(2, 10))
# First rows (distances) whose shortest unit has 3, then 4 characters (units only grow with the distance).
_DOUBLE_LONGER_ROWS = tuple(next(r for r, (_, v) in enumerate(_DOUBLE_VARIANTS) if min(s for s, _ in v) >= k)
                            for k in (3, 4))
# Distinct values above every 14-bit pair slot: the padding that shifted slots run into past the text's end.
_SENTINELS = np.arange(1 << _INDEX_BITS, (1 << _INDEX_BITS) + len(_DOUBLE_VARIANTS) + 1, dtype=np.uint16)


def _doubled_candidates(text: str, codes: Any = None, slots: Any = None) -> list[tuple[int, int, int]]:
    """(start, unit length, separator width) of every immediate repeat of a 2–8 character run.

    Vectorised: a repeat at distance ``d`` (unit length plus separator width, 2–9)
    needs the character pair at ``i`` to recur at ``i + d``. The pair slots are
    compared with themselves shifted by every distance at once — eight rows of one
    strided view over the slots padded by distinct sentinels, so a shift never
    reaches a real slot past the end — and one flat ``nonzero`` lists the few
    (distance, position) candidates, which alone are verified in Python: a handful
    of numpy calls per report instead of three per distance (each costs
    microseconds), and far below the several milliseconds of a back-referencing regex.
    """
    import numpy as np
    from numpy.lib.stride_tricks import as_strided

    a = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32) if codes is None else codes
    n = int(a.size)
    out: list[tuple[int, int, int]] = []
    if n < 4:
        return out
    if slots is None:  # the pair at each position, one integer each (as TextIndex hashes them)
        slots = ((a[:-1] * np.uint32(_PAIR_MUL)) ^ a[1:]) & np.uint32(_INDEX_MASK)
    padded = np.concatenate((slots.astype(np.uint16), _SENTINELS))  # slots fit 14 bits, sentinels lie above
    m = n - 1  # number of pair positions
    step = padded.strides[0]
    shifted = as_strided(padded[2:], shape=(len(_DOUBLE_VARIANTS), m), strides=(step, step), writeable=False)
    # Equal pairs have equal slots; the unit comparison below removes the few hash collisions.
    equal = shifted == padded[:m]
    # A unit of 3+ characters also repeats its second pair, one of 4+ its third: rows of distances whose units
    # are that long keep a position only when the next one (and the one after) repeat too, done in place.
    for row in _DOUBLE_LONGER_ROWS:
        equal[row:, :-1] &= equal[row:, 1:]
    # A flat index over the (distance, position) grid: a 2-D ``nonzero`` costs ten times as much.
    hits = equal.ravel().nonzero()[0].tolist()
    startswith, word_run = text.startswith, _WORD_RUN.fullmatch
    for flat in hits:
        row, i = divmod(flat, m)
        dist, variants = _DOUBLE_VARIANTS[row]
        for size, gap in variants:
            if i + size + dist > n or (gap and text[i + size] not in DOUBLE_SEPARATORS):
                continue
            unit = text[i:i + size]
            if startswith(unit, i + dist) and word_run(unit):
                out.append((i, size, gap))
    out.sort()
    return out


def _is_reduplication(unit: str) -> bool:
    """AABB-style units ("高高"…): each half one repeated character, which Chinese uses on purpose."""
    return len(unit) == 2 and unit[0] == unit[1]


# --- placeholders -------------------------------------------------------------------------------------------------

def placeholders(dt: DocText) -> list[Hit]:
    """Leftover template slots: 20XX, XX/×××, ○○, □, empty 【】/(), （文字描述）, "2023年  月  日"."""
    text = dt.text
    hits: list[Hit] = []
    seen: set[tuple[int, int]] = set()
    for kind, scanner in _PLACEHOLDER_SCANNERS:  # each scanner's needles gate its scan
        if kind in PLACEHOLDER_SPACE_BEFORE and not space_before(text, PLACEHOLDER_SPACE_BEFORE[kind]):
            continue
        for m in scanner.finditer(dt):
            if any(a <= m.start() < b for a, b in seen):
                continue
            seen.add(m.span())
            hits.append(_hit(dt, m.start(), m.end(), kind))
    return hits


def blank_date_placeholders(doc: Document) -> list[Hit]:
    """Date lines left blank ("2023年  月  日"): the spaces are gone after normalisation, so read the original."""
    from gkreview.document import Paragraph

    rx = _BLANK_DATE_RE
    hits: list[Hit] = []
    if not space_before(original_joined(doc), PLACEHOLDER_SPACE_BEFORE["blank-date"]):
        return hits
    for i, b in enumerate(doc.blocks):
        if isinstance(b, Paragraph) and "月" in b.text and (m := rx.search(b.text)):
            nstart = _orig_to_norm(b, m.start())
            nend = _orig_to_norm(b, m.end() - 1) + 1
            hits.append(Hit(i, nstart, nend, "blank-date", m.group()))
    return hits


def _orig_to_norm(p: Any, orig_offset: int) -> int:
    """Normalised offset of the first normalised character that comes from original offset ≥ ``orig_offset``."""
    shift = len(p.numbering) if p.numbering else 0
    offs = p.normalized.offsets
    target = orig_offset + shift
    return next((i for i, o in enumerate(offs[:-1]) if o >= target), len(offs) - 1)


# --- mixed scripts ------------------------------------------------------------------------------------------------

def mixed_script(doc: Document) -> list[Hit]:
    """Words printed in both simplified and traditional form in one document (one hit per paragraph).

    The minority script is reported: traditional forms in a simplified report,
    simplified forms in a traditional one. Only *words* count (the converted
    character with its neighbour), because single characters such as 于/於 or
    干/乾 are legitimately shared.
    """
    import numpy as np

    from gkreview.data.aliases import AMBIGUOUS_SIMPLIFIED
    from gkreview.document import Paragraph
    from gkreview.normalize import _converter

    conv = _converter()
    if not t2s_may_change(original_joined(doc)):  # an empty text cannot convert either
        return []
    paras, joined = original_text(doc)
    converted = conv.convert(joined)
    if converted == joined:
        return []
    if len(converted) == len(joined) and not any("\n" in t for _, t in paras):
        simps = converted.split("\n")
    else:
        simps = [conv.convert(t) for _, t in paras]
    pieces: list[tuple[int, str, str]] = [
        (i, orig, simp) for (i, orig), simp in zip(paras, simps, strict=True) if len(simp) == len(orig)]
    if not pieces:
        return []
    all_orig = "\n".join(o for _, o, _ in pieces)
    all_simp = "\n".join(s for _, _, s in pieces)
    a = np.frombuffer(all_orig.encode("utf-32-le"), dtype=np.uint32)
    s = np.frombuffer(all_simp.encode("utf-32-le"), dtype=np.uint32)
    diff = np.flatnonzero(a != s)
    if diff.size == 0:
        return []
    n_trad = int(diff.size)
    n_cjk = int(np.count_nonzero((a >= 0x4E00) & (a <= 0x9FFF)))
    orig_bigrams = {all_orig[i:i + MIXED_WORD_CONTEXT] for i in range(len(all_orig) - 1)}
    words: dict[str, str] = {}
    positions: dict[str, list[int]] = {}
    for p in diff.tolist():
        for w0, w1 in _word_spans(all_simp, p):
            simp_w = all_simp[w0:w1]
            if simp_w in orig_bigrams:
                words.setdefault(simp_w, all_orig[w0:w1])
                positions.setdefault(simp_w, []).append(w0)
                break
    traditional_doc = n_trad > TRADITIONAL_SHARE * max(1, n_cjk)
    pairs: list[tuple[str, str, int]] = []  # (simplified word, traditional word, position of the minority form)
    if traditional_doc:  # a simplified 制 in a traditional text may be right (制度); only unambiguous forms count
        words = {sw: tw for sw, tw in words.items()
                 if any(c1 != c2 and c1 not in AMBIGUOUS_SIMPLIFIED for c1, c2 in zip(sw, tw, strict=True))}
    for simp_w, trad_w in words.items():
        if traditional_doc:
            pairs.extend((simp_w, trad_w, m.start()) for m in re.finditer(re.escape(simp_w), all_orig))
        else:
            pairs.extend((simp_w, trad_w, p) for p in sorted(set(positions[simp_w])))
    if not pairs:
        return []
    offsets = []
    pos = 0
    for i, o, _ in pieces:
        offsets.append((pos, i, o))
        pos += len(o) + 1
    starts = [x[0] for x in offsets]
    by_block: dict[int, list[tuple[str, str, int]]] = {}
    for simp_w, trad_w, p in sorted(pairs, key=lambda x: x[2]):
        k = bisect_right(starts, p) - 1
        base, block, _ = offsets[k]
        by_block.setdefault(block, []).append((simp_w, trad_w, p - base))
    hits = []
    for block, items in by_block.items():
        b = doc.blocks[block]
        assert isinstance(b, Paragraph)
        first = items[0][2]
        nstart = _orig_to_norm(b, first)
        minority = "simplified" if traditional_doc else "traditional"
        forms = sorted({(s_, t_) for s_, t_, _ in items})
        hits.append(Hit(block, nstart, nstart + MIXED_WORD_CONTEXT, "mixed",
                        b.text[first:first + MIXED_WORD_CONTEXT],
                        {"minority": minority, "pairs": [f"{s_}/{t_}" for s_, t_ in forms[:12]],
                         "count": len(items)}))
    return hits


def _word_spans(simp: str, p: int) -> list[tuple[int, int]]:
    """The two-character words around position ``p`` (with its left or right CJK neighbour)."""
    def cjk(i: int) -> bool:
        return 0 <= i < len(simp) and "\u4e00" <= simp[i] <= "\u9fff"

    return [(a, a + 2) for a in (p - 1, p) if cjk(a) and cjk(a + 1)]


# --- template labels ----------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def official_labels() -> dict[str, str]:
    """Comparable form → printed official label, for every label of the 2019 and 2021 template tables."""
    from gkreview.data import labels as L

    printed: list[str] = []
    printed += [r.label for r in L.T3_ROWS] + [c.label for c in L.T3_COLUMNS]
    printed += [c.label for c in L.T4_BLOCKS] + [c.label for c in L.T4_COLUMNS]
    printed += [r.label for r in L.T2_ROWS] + [c.label for c in L.T2_COLUMNS]
    printed += ["申请人情况", "法人或其他组织", "信息内容", "行政诉讼", "(七)总计"]
    printed += [f"第二十条第({n})项" for n in ("一", "五", "六", "八", "九")]
    out: dict[str, str] = {}
    for label in printed:
        for form in _label_forms(label):
            if len(form) >= 2:
                out.setdefault(form, label)
    return out


def _label_forms(label: str) -> set[str]:
    """Comparable forms of a label: normalised, without numbering, quotes, slashes or a bracketed explanation."""
    from gkreview.normalize import norm_label

    base = _LABEL_STRIP.sub("", norm_label(label))
    core = _LEAD_NUMBERING.sub("", base)
    forms = {base, core}
    no_expl = _EXPLANATION.sub("", core)
    if no_expl:
        forms.add(no_expl)
    return forms


# Cell texts already judged fine, process-wide: template labels and numbers repeat in every report, so one set
# difference skips almost every cell of a table (the verdict depends on the text alone).
_CLEAN_CELLS: set[str] = set()
_CLEAN_CELLS_MAX = 200_000


def label_typos(doc: Document) -> list[Hit]:
    """Table labels that almost, but not exactly, match an official template label (edit distance 1–2).

    Cells that exactly match a label (after numbering, quotes, slashes and a
    provincial explanation in brackets are set aside) or that extend one are fine;
    numbers, short words and long notes are skipped. Each distinct cell text is
    judged once per process (:func:`_judge_label`): template labels repeat in
    every report.
    """
    from gkreview.document import Paragraph, Table
    from gkreview.normalize import norm_label

    seen: set[str] = set()
    hits: list[Hit] = []
    blocks = doc.blocks
    for i in _label_blocks(doc):
        b = blocks[i]
        if isinstance(b, Table):
            texts = {c.text for row in b.rows for c in row} - seen
            seen |= texts
            for text in texts - _CLEAN_CELLS:
                if not _HAS_CJK.search(text) or not (verdict := _judge_label(norm_label(text))):
                    if len(_CLEAN_CELLS) < _CLEAN_CELLS_MAX:
                        _CLEAN_CELLS.add(text)
                    continue
                r, c = next((r, c) for r, row in enumerate(b.rows) for c, cell in enumerate(row) if cell.text == text)
                label, dist = verdict
                hits.append(Hit(i, 0, 0, "cell", text.strip(), {"expected": label, "distance": dist, "row": r, "col": c}))
        elif isinstance(b, Paragraph) and b.norm[-1:].isdigit() and (m := _TEXT_ROW.match(b.norm)):
            label_text = m.group("label")
            if label_text in seen:
                continue
            seen.add(label_text)
            verdict = _judge_label(label_text)
            if verdict:
                label, dist = verdict
                hits.append(Hit(i, m.start("label"), m.end("label"), "text-row", label_text.strip(),
                                {"expected": label, "distance": dist}))
    return hits


def _label_blocks(doc: Document) -> list[int]:
    """Indices of the tables and of the paragraphs whose normalised text ends with a digit (a table row printed
    as text ends with a number), in block order: read from the sections view's memoised paragraph norms
    instead of asking every block for its type and text."""
    from gkreview.sections import paragraph_norms

    index, norms = paragraph_norms(doc)
    rows = [i for i, t in zip(index, norms, strict=True) if t[-1:].isdigit()]
    n = len(doc.blocks)
    if len(index) == n:
        return rows
    return sorted(rows + list(set(range(n)).difference(index)))


@lru_cache(maxsize=16384)
def _judge_label(text: str) -> tuple[str, int] | None:
    """(official label, edit distance) when ``text`` is a near miss of a template label, else None."""
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.process import extractOne

    official = official_labels()
    if not _HAS_CJK.search(text):
        return None
    core = _LEAD_NUMBERING.sub("", _LABEL_STRIP.sub("", text))
    if not 3 <= len(core) <= 40:
        return None
    if _label_forms(text) & official.keys() or any(core.startswith(o) and len(o) >= 4 for o in official):
        return None
    no_expl = _EXPLANATION.sub("", core)
    if len(no_expl) < 3:
        return None
    max_d = 1 if len(no_expl) < 8 else 2
    best = extractOne(no_expl, _official_choices(), scorer=Levenshtein.distance, score_cutoff=max_d)
    if best is None:
        return None
    form, dist, _ = best
    if dist == 0 or len(form) < 4 or abs(len(form) - len(no_expl)) > max_d:
        return None
    return official[form], int(dist)


@lru_cache(maxsize=1)
def _official_choices() -> list[str]:
    return list(official_labels())


# --- the same item counted twice -----------------------------------------------------------------------------------

def inconsistent_counts(dt: DocText) -> list[Hit]:
    """One channel's count of one item printed twice with two numbers ("门户网站发布信息1200条" … "…1500条").

    A count is keyed by channel, action, object and unit; clauses that carry a
    scope or change word (累计, 其中, 上半年, 同比, 增长…) are not compared, because
    two such figures legitimately differ.
    """
    seen: dict[tuple[str, str, str, str], tuple[int, int, int, str]] = {}
    hits: list[Hit] = []
    text = dt.text
    clause_end = -1
    # Only a clause with a count can matter, and a count ends where a digit meets a unit: those few places
    # (a dozen in a report, fewer than its channel names) pick the clauses, in order, each judged once. The
    # pair slots know ASCII digits only; a text with another script's digits (\d) is searched by a regex.
    if dt.other_digits:
        ends: Iterable[int] = [m.start() for m in _DIGIT_UNIT_RE.finditer(text)]
    else:
        ends = dt.pair_positions(_DIGITS, _UNIT_FIRSTS)
    for p in ends:
        if p < clause_end:
            continue  # in the clause just judged
        c0, clause_end = dt.bounds(p, p + 1, clause=True)  # it holds a digit: the one at p
        if not _CHANNEL_RE.search(text, c0, clause_end):
            continue  # no channel named (most clauses with a count)
        clause = text[c0:clause_end]
        channels = set(_CHANNEL_RE.findall(clause))
        if len(channels) != 1 or _SCOPE_RE.search(clause):
            continue
        chm = _CHANNEL_RE.search(clause)
        assert chm is not None
        km = _COUNT_RE.search(clause, chm.end())
        if not km:
            continue
        obj = _FILLER_RE.sub("", km.group("obj"))
        key = (chm.group(), km.group("verb"), obj, km.group("unit"))
        value = int(km.group("n").replace(",", ""))
        start = c0 + km.start("n")
        end = c0 + km.end("unit")
        if key not in seen:
            seen[key] = (start, end, value, str(value))
        elif seen[key][3] != str(value):
            first_start, first_end, first_value, _ = seen[key]
            h = _hit(dt, start, end, "count", channel=key[0], action=key[1], object=obj, unit=key[3],
                     value=value, other_value=first_value)
            fb, fo = dt.locate(first_start)
            hits.append(Hit(h.block, h.nstart, h.nend, h.kind, h.text, h.details,
                            ((fb, fo, fo + first_end - first_start),)))
    return hits
