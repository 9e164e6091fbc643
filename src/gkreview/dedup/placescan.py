"""Place names of a long text at a fraction of the cost of scanning all of it.

:func:`gkreview.dedup.places.find_places` walks pyahocorasick's automaton over
every character. Its root state has one child per first character of a place
name (about 900), searched linearly, so a character that starts no name costs
~0.5 µs: ~4 ms for a 10k-character report, more than the rest of the duplicate
detector together. Almost no position of a report starts a place name, though.

:func:`places_in` finds, with one vectorised lookup, the positions whose first
two characters may begin a name of the automaton (every name has at least two),
keeps those where a name really starts (a set lookup per length), cuts a window
from each that holds its longest name plus an administrative suffix, and runs
:func:`find_places` on those windows only (joined by newlines, which no name
contains). Every hit starts at such a position and ends inside its window, and
overlapping windows are merged, so the greedy longest-first choice sees the same
candidates: the result is exactly :func:`find_places` on the whole text, with
the offsets shifted back.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from gkreview.data.boilerplate import PLACE_SUFFIXES

if TYPE_CHECKING:
    from gkreview.dedup.places import PlaceHit

# Below this length the plain scan is as cheap as the pre-filter.
_MIN_TEXT = 200
# Bigram filter: a flag per hashed pair of code points. Collisions only add candidate
# positions (each is then checked against the names), and with ~3k name prefixes in
# 2**20 slots they are rare.
_BITS = 20
_MASK = np.uint32((1 << _BITS) - 1)
_MUL = np.uint32(40503)
# A hit may grow by an administrative suffix after its name (宜宾 → 宜宾市).
_SUFFIX = max(map(len, PLACE_SUFFIXES))


@dataclass(frozen=True)
class _Names:
    """The automaton's names: a hashed first-two-character filter, and the names by those two characters."""

    table: np.ndarray  # bool per hashed slot
    names: frozenset[str]
    lengths: dict[str, tuple[int, ...]]  # first two characters -> lengths of the names starting so, longest first
    full: frozenset[str]  # names find_places never extends by a suffix (written with theirs)
    longest: dict[str, int]  # first two characters -> length of the longest name starting so


@lru_cache(maxsize=1)
def _names() -> _Names | None:
    """The names :func:`find_places` reports (the gazetteer's place view); None when unusable.

    None (no gazetteer, a one-character name) makes :func:`places_in` scan the
    whole text, which is always correct. Without the place view the automaton's
    keys serve (a superset: extra candidates cost time, never hits), none taken as
    written in full.
    """
    view = _place_view()
    if not view:
        return None
    names = list(view)
    if any(len(n) < 2 for n in names):
        return None
    table = np.zeros(1 << _BITS, dtype=bool)
    table[_bigram_slots(np.array([ord(n[0]) for n in names], dtype=np.uint32),
                        np.array([ord(n[1]) for n in names], dtype=np.uint32))] = True
    lengths: dict[str, set[int]] = {}
    for n in names:
        lengths.setdefault(n[:2], set()).add(len(n))
    return _Names(table, frozenset(names), {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()},
                  frozenset(n for n, full in view.items() if full), {k: max(v) for k, v in lengths.items()})


def _place_view() -> dict[str, bool]:
    """Name → written in full, for every name :func:`find_places` may report (the shared gazetteer's place view)."""
    from gkreview.gazetteer import gazetteer

    return {name: place.full for name, place in gazetteer().places.items()}


def _bigram_slots(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return (first * _MUL + second) & _MASK


def _windows(text: str, known: _Names, codes: np.ndarray | None = None) -> tuple[list[int], list[int]] | None:
    """Disjoint ``[start, end)`` windows holding every place name of ``text`` (None: the text is not encodable).

    The greedy scan of :func:`find_places` gives a position the longest name that
    starts there, grown by an administrative suffix unless it is written with one;
    a window holds that name and every suffix it could take. ``codes`` are the
    text's code points when the caller has them.
    """
    if codes is None:
        try:
            codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        except UnicodeEncodeError:  # lone surrogate: the plain scan copes
            return None
    # the low _BITS of the slot are the same in int64 arithmetic, and numpy indexes by int64 several times faster
    wide = codes.astype(np.int64)
    slots = wide[:-1] * int(_MUL)
    slots += wide[1:]
    slots &= int(_MASK)
    seg_start: list[int] = []
    seg_end: list[int] = []
    longest, reach, size = known.longest, _REACH, len(text)
    for p in np.flatnonzero(known.table[slots]).tolist():
        most = longest.get(text[p : p + 2])
        if most is None:  # a hashed-slot collision: no name starts with these two characters
            continue
        head = text[p : p + most]  # all a name starting here can read
        extent = reach.get(head)
        if extent is None:
            extent = _extent(head, known)
        if not extent:
            continue
        end = min(p + extent, size)
        if seg_end and p < seg_end[-1]:  # overlaps the previous window: one segment
            seg_end[-1] = max(seg_end[-1], end)
        else:
            seg_start.append(p)
            seg_end.append(end)
    return seg_start, seg_end


# Window extent by the characters a name can start with (see _extent): a report names its own
# places again and again, and a batch the same ones. Bounded; emptied when full.
_REACH: dict[str, int] = {}
_REACH_MAX = 50_000


def _extent(head: str, known: _Names) -> int:
    """Length of the window for a position whose next characters are ``head`` (0: no name starts there).

    The longest name at the start of ``head`` (``head`` holds as many characters as
    the longest name with its first two), plus the suffix it may take unless it is
    written with one.
    """
    extent = 0
    for n in known.lengths.get(head[:2], ()):  # longest first: the first name found is the longest
        name = head[:n]
        if name in known.names:
            extent = len(name) + (0 if name in known.full else _SUFFIX)
            break
    if len(_REACH) >= _REACH_MAX:
        _REACH.clear()
    _REACH[head] = extent
    return extent


def _scan(text: str) -> tuple[list[PlaceHit], list[int]]:
    """:func:`find_places` hits, each with the shift that turns its offsets into offsets of ``text``."""
    from gkreview.dedup.places import find_places

    known = _names() if len(text) >= _MIN_TEXT else None
    windows = _windows(text, known) if known is not None else None
    if windows is None:
        hits = find_places(text)
        return hits, [0] * len(hits)
    seg_start, seg_end = windows
    if not seg_start:
        return [], []
    parts: list[str] = []
    joined_start: list[int] = []
    at = 0
    for s, e in zip(seg_start, seg_end, strict=True):
        joined_start.append(at)
        parts.append(text[s:e])
        at += e - s + 1
    hits = find_places("\n".join(parts))
    shifts = []
    for hit in hits:
        i = bisect_right(joined_start, hit.start) - 1
        shifts.append(seg_start[i] - joined_start[i])
    return hits, shifts


def places_in(text: str) -> list[PlaceHit]:
    """Exactly :func:`gkreview.dedup.places.find_places` of ``text``, scanning only where a name starts."""
    hits, shifts = _scan(text)
    return [h if not d else dataclasses.replace(h, start=h.start + d, end=h.end + d)
            for h, d in zip(hits, shifts, strict=True)]


@lru_cache(maxsize=8192)
def _window_spans(window: str) -> tuple[tuple[int, int], ...]:
    """``[start, end)`` of the :func:`find_places` hits of one window.

    A report names its own places again and again (秦淮区 thirty times), and the
    reports of one agency or batch name the same ones, so most windows repeat.
    """
    from gkreview.dedup.places import find_places

    return tuple((h.start, h.end) for h in find_places(window))


def place_spans(text: str, skip: list[tuple[int, int]] | None = None,
                codes: np.ndarray | None = None) -> list[tuple[int, int]]:
    """``[start, end)`` of each hit of :func:`places_in`, window by window (windows never interact).

    Windows lying wholly inside one of the ``skip`` spans (sorted, disjoint: the
    agency's own names, whose place names the caller drops anyway) are not scanned.
    ``codes`` are the text's uint32 code points when the caller has them.
    """
    known = _names() if len(text) >= _MIN_TEXT else None
    windows = _windows(text, known, codes) if known is not None else None
    if windows is None:
        from gkreview.dedup.places import find_places

        return [(h.start, h.end) for h in find_places(text)]
    skip = skip or []
    skip_starts = [a for a, _ in skip]
    out: list[tuple[int, int]] = []
    for s, e in zip(*windows, strict=True):
        i = bisect_right(skip_starts, s) - 1
        if i >= 0 and e <= skip[i][1]:
            continue
        out.extend((a + s, b + s) for a, b in _window_spans(text[s:e]))
    return out
