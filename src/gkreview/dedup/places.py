"""Chinese administrative place names: find them in text and tell related from foreign.

A report copied from another region often keeps the other region's name (the 威海
guide that says 宜宾市, domain §4 #4). The duplicate detector masks every place
name so a copy with the names swapped still aligns, and afterwards looks inside
the copied passages for names that are neither the report's own place nor one of
its parents or children.

The division list is cpca's ``adcodes.csv`` (3.5k provinces, cities and counties
with their 6-digit codes), held by the process-wide gazetteer of
:mod:`gkreview.gazetteer`, whose one Aho-Corasick automaton also serves the identity
checks: this module reads only the keys of its place view (full names and short
forms without 省/市/自治区).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gkreview.data.boilerplate import PLACE_SUFFIXES
from gkreview.gazetteer import adcodes_path, gazetteer


@dataclass(frozen=True, slots=True)
class PlaceHit:
    """One place name found in a text: ``[start, end)`` and the adcodes it may denote."""

    start: int
    end: int
    name: str
    codes: tuple[str, ...]
    full: bool  # written with its administrative suffix (宜宾市, not 宜宾)


def _adcodes_path() -> Path | None:
    """cpca's adcode table (None when cpca is not installed)."""
    return adcodes_path()


def _automaton():  # type: ignore[no-untyped-def]
    """The shared gazetteer's automaton: its keys include every name :func:`find_places` reports (and the
    identity view's abbreviations, which :func:`find_places` skips)."""
    return gazetteer().automaton


def find_places(text: str) -> list[PlaceHit]:
    """Non-overlapping place names in ``text``, longest match first, left to right.

    A short name followed by an administrative suffix is reported with the suffix
    (``宜宾市`` even when only ``宜宾`` is in the list as a city).
    """
    hits: list[tuple[int, int, str, tuple[str, ...], bool]] = []
    for end_idx, place in gazetteer().place_hits(text):
        name = place.name
        hits.append((end_idx - len(name) + 1, end_idx + 1, name, place.codes, place.full))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out: list[PlaceHit] = []
    last_end = -1
    for start, end, name, codes, is_full in hits:
        if start < last_end:
            continue
        if not is_full:
            for suffix in PLACE_SUFFIXES:
                if text.startswith(suffix, end):
                    end += len(suffix)
                    name += suffix
                    is_full = True
                    break
        out.append(PlaceHit(start, end, name, codes, is_full))
        last_end = end
    return out


def _contains(parent: str, child: str) -> bool:
    """True when adcode ``child`` lies inside (or is) ``parent``."""
    p = parent.rstrip("0")
    if len(p) % 2:
        p += "0"
    return child.startswith(p)


def related(codes_a: tuple[str, ...] | list[str], codes_b: tuple[str, ...] | list[str]) -> bool:
    """True when some code of ``a`` contains, or lies inside, some code of ``b``."""
    return any(_contains(a, b) or _contains(b, a) for a in codes_a for b in codes_b)


def contains(parents: tuple[str, ...] | list[str], children: tuple[str, ...] | list[str]) -> bool:
    """True when some code of ``parents`` contains some other code of ``children`` (岳阳市 contains 君山区)."""
    return any(p != c and _contains(p, c) for p in parents for c in children)


def own_codes(*texts: str | None) -> list[str]:
    """Adcodes of the report's own place: the most specific places named in the given texts (title, agency,
    publisher).

    A district's name is usually printed under its city (岳阳市君山区人民政府). Keeping the city as an own
    place would make every district of that city "related" (a child of an own place), so a district's copy
    that still names a sibling district (岳阳楼区) would show no foreign name. A place that contains another
    named place is therefore left out; it stays related as that place's parent.
    """
    codes: set[str] = set()
    for text in texts:
        if text:
            codes.update(_codes_named(text))
    return sorted(c for c in codes if not contains((c,), tuple(codes)))


@lru_cache(maxsize=4096)
def _codes_named(text: str) -> tuple[str, ...]:
    """Adcodes of the places named in one text; kept because a batch repeats each agency and publisher."""
    return tuple(code for hit in find_places(text) for code in hit.codes)


def foreign_places(text: str, own: list[str]) -> list[PlaceHit]:
    """Place names in ``text`` unrelated to every code in ``own`` (empty when ``own`` is).

    A name that may denote several places (县 names repeat across provinces) is
    foreign only when none of its readings is related to the report's own place.
    """
    if not own:
        return []
    return [h for h in find_places(text) if not related(h.codes, own)]
