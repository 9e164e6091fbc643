"""Chinese administrative place names: find them in text and tell related from foreign.

A report copied from another region often keeps the other region's name (the 威海
guide that says 宜宾市, domain §4 #4). The duplicate detector masks every place
name so a copy with the names swapped still aligns, and afterwards looks inside
the copied passages for names that are neither the report's own place nor one of
its parents or children.

The division list is cpca's ``adcodes.csv`` (3.5k provinces, cities and counties
with their 6-digit codes), read directly from the installed package so that no
network and no pandas import are needed; the Aho-Corasick automaton
(``pyahocorasick``, a cpca dependency) is built once per process (~20 ms).
"""

from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gkreview.data.boilerplate import GENERIC_PLACE_WORDS, PLACE_SUFFIXES

# Suffixes cpca strips to make the short form (四川省 → 四川, 宜宾市 → 宜宾).
_SHORT_RE = re.compile(r"(省|市|特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区)$")


@dataclass(frozen=True, slots=True)
class PlaceHit:
    """One place name found in a text: ``[start, end)`` and the adcodes it may denote."""

    start: int
    end: int
    name: str
    codes: tuple[str, ...]
    full: bool  # written with its administrative suffix (宜宾市, not 宜宾)


def _adcodes_path() -> Path | None:
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"
    return path if path.exists() else None


@lru_cache(maxsize=1)
def _automaton():  # type: ignore[no-untyped-def]
    """name → (name, adcodes, is_full) automaton over full and short names."""
    import ahocorasick

    names: dict[str, set[str]] = {}
    full: set[str] = set()
    path = _adcodes_path()
    if path is not None:
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                name, code = row["name"], row["adcode"][:6]
                if name in GENERIC_PLACE_WORDS or len(name) < 2:
                    continue
                names.setdefault(name, set()).add(code)
                full.add(name)
                short = _SHORT_RE.sub("", name)
                if len(short) >= 2 and short != name and short not in GENERIC_PLACE_WORDS:
                    names.setdefault(short, set()).add(code)
    auto = ahocorasick.Automaton()
    for name, codes in names.items():
        auto.add_word(name, (name, tuple(sorted(codes)), name in full))
    if names:
        auto.make_automaton()
    return auto


def find_places(text: str) -> list[PlaceHit]:
    """Non-overlapping place names in ``text``, longest match first, left to right.

    A short name followed by an administrative suffix is reported with the suffix
    (``宜宾市`` even when only ``宜宾`` is in the list as a city).
    """
    auto = _automaton()
    if len(auto) == 0:
        return []
    hits: list[tuple[int, int, str, tuple[str, ...], bool]] = []
    for end_idx, (name, codes, is_full) in auto.iter(text):
        start = end_idx - len(name) + 1
        hits.append((start, end_idx + 1, name, codes, is_full))
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


def own_codes(*texts: str | None) -> list[str]:
    """Adcodes of every place named in the given texts (title, agency, publisher)."""
    codes: list[str] = []
    for text in texts:
        if text:
            for hit in find_places(text):
                codes.extend(hit.codes)
    return sorted(set(codes))


def foreign_places(text: str, own: list[str]) -> list[PlaceHit]:
    """Place names in ``text`` unrelated to every code in ``own`` (empty when ``own`` is).

    A name that may denote several places (县 names repeat across provinces) is
    foreign only when none of its readings is related to the report's own place.
    """
    if not own:
        return []
    return [h for h in find_places(text) if not related(h.codes, own)]
