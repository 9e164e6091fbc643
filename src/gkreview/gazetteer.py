"""The one process-wide gazetteer of Chinese administrative divisions (provinces, cities, counties).

Two parts of gkreview look for place names: the identity checks parse agency
names (:mod:`gkreview.identity`: official names, short forms of autonomous units
such as 恩施州, and the suffix variants of renamed counties such as 临安市/临安区),
and the duplicate detector masks and compares place names in whole reports
(:mod:`gkreview.dedup.places`: full names and the short forms without 省/市/自治区).
Both read cpca's ``adcodes.csv`` (offline, without importing cpca, whose import
builds its own index). Building an Aho-Corasick automaton of ~13k names costs tens
of milliseconds and megabytes per process, so both views live in one automaton
built once: each key carries the identity entry and the place record it has (either
may be None, because the two views filter and abbreviate differently), and each
consumer ignores the keys of the other view.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from gkreview.data.agencies import GENERIC_PLACE_NAMES
from gkreview.data.boilerplate import GENERIC_PLACE_WORDS

_AUTONOMOUS_RE = re.compile(r"^(.+?)自治(州|县|旗)$")
# Suffixes the duplicate detector strips to make a short form (四川省 → 四川, 宜宾市 → 宜宾), as cpca does.
_PLACE_SHORT_RE = re.compile(r"(省|市|特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区)$")


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One name of the identity view: its full official name, rank and adcodes (homonyms share a name)."""

    canonical: str
    rank: str
    adcodes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PlaceName:
    """One name of the duplicate detector's view: the name, the adcodes it may denote, written in full or not."""

    name: str
    codes: tuple[str, ...]
    full: bool


@dataclass(frozen=True, slots=True)
class Key:
    """The value stored under a key of the automaton: the key and what each view knows of it."""

    alias: str
    entry: GazetteerEntry | None
    place: PlaceName | None


def adcodes_path() -> Path | None:
    """cpca's bundled adcode table, found without importing cpca; None when cpca is not installed."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"
    return path if path.exists() else None


class Gazetteer:
    """Division names with adcodes in one Aho-Corasick automaton, with the identity and place views."""

    def __init__(self, rows: list[tuple[str, str]], nations: list[str]) -> None:
        import ahocorasick

        self.names_by_code: dict[str, str] = {}
        self.entries = self._identity_entries(rows, nations)
        self.places = _place_names(rows)
        self.automaton: Any = ahocorasick.Automaton()
        for alias in self.entries.keys() | self.places.keys():
            self.automaton.add_word(alias, Key(alias, self.entries.get(alias), self.places.get(alias)))
        if len(self.automaton):
            self.automaton.make_automaton()

    def _identity_entries(self, rows: list[tuple[str, str]], nations: list[str]) -> dict[str, GazetteerEntry]:
        by_name: dict[str, list[tuple[str, str, str]]] = {}
        renamed: list[tuple[str, str, str]] = []
        for code, name in rows:
            code6 = code[:6]
            rank = "province" if code6.endswith("0000") else "city" if code6.endswith("00") else "county"
            self.names_by_code.setdefault(code6, name)
            if name in GENERIC_PLACE_NAMES:
                continue
            for alias in {name, *_short_forms(name, nations)}:
                by_name.setdefault(alias, []).append((name, rank, code6))
            if rank == "county":
                renamed.extend((alias, name, code6) for alias in _renamed_forms(name))
        for alias, name, code6 in renamed:
            if alias not in by_name:
                by_name[alias] = [(name, "county", code6)]
        entries: dict[str, GazetteerEntry] = {}
        for alias, items in by_name.items():
            canonical, rank, _ = items[0]
            entries[alias] = GazetteerEntry(canonical, rank, tuple(sorted({c for _, _, c in items})))
        return entries

    def find(self, text: str) -> list[tuple[int, int, str, GazetteerEntry]]:
        """Leftmost-longest identity-view names in ``text``, without overlap: (start, end, alias, entry)."""
        found = []
        for end_idx, key in self.automaton.iter(text) if len(self.automaton) else ():
            if key.entry is not None:
                found.append((end_idx - len(key.alias) + 1, end_idx + 1, key.alias, key.entry))
        found.sort(key=lambda h: (h[0], -h[1]))
        out = []
        last_end = 0
        for hit in found:
            if hit[0] >= last_end:
                out.append(hit)
                last_end = hit[1]
        return out

    def place_hits(self, text: str) -> list[tuple[int, PlaceName]]:
        """Every occurrence of a place-view name in ``text`` (overlapping): (end index, name)."""
        if not len(self.automaton):
            return []
        return [(end_idx, key.place) for end_idx, key in self.automaton.iter(text) if key.place is not None]

    def ancestors(self, adcode: str) -> dict[str, str]:
        """Rank → name of a county's or city's city and province, from the adcode prefix."""
        out: dict[str, str] = {}
        prov = self.names_by_code.get(adcode[:2] + "0000")
        if prov:
            out["province"] = prov
        if not adcode.endswith("00"):
            city = self.names_by_code.get(adcode[:4] + "00")
            if city and city not in GENERIC_PLACE_NAMES:
                out["city"] = city
        return out


def _place_names(rows: list[tuple[str, str]]) -> dict[str, PlaceName]:
    """Full names and their short forms (without 省/市/自治区), each with every adcode it may denote."""
    names: dict[str, set[str]] = {}
    full: set[str] = set()
    for code, name in rows:
        if name in GENERIC_PLACE_WORDS or len(name) < 2:
            continue
        names.setdefault(name, set()).add(code[:6])
        full.add(name)
        short = _PLACE_SHORT_RE.sub("", name)
        if len(short) >= 2 and short != name and short not in GENERIC_PLACE_WORDS:
            names.setdefault(short, set()).add(code[:6])
    return {name: PlaceName(name, tuple(sorted(codes)), name in full) for name, codes in names.items()}


def _short_forms(name: str, nations: list[str]) -> list[str]:
    """Short names of autonomous units: 恩施土家族苗族自治州 → 恩施州, 鄂温克族自治旗 → 鄂温克旗."""
    m = _AUTONOMOUS_RE.match(name)
    if not m:
        return []
    base, unit = m.group(1), m.group(2)
    changed = True
    while changed:
        changed = False
        for nation in nations:
            if base.endswith(nation) and len(base) - len(nation) >= 2:
                base, changed = base[: -len(nation)], True
                break
    if base in nations:
        base = base[:-1]
    elif base.endswith("族") and len(base) > 3:
        return []
    return [base + unit] if len(base) >= 2 else []


def _renamed_forms(name: str) -> list[str]:
    """Names a county may have had or taken since the gazetteer was made (临安市 → 临安区, 兴仁县 → 兴仁市).

    County-level units are often upgraded (县 → 市, 县/市 → 区); a report names the
    unit as it was called in its year, so the other two suffixes are accepted as
    the same adcode unless they name another unit.
    """
    if len(name) < 3 or name[-1] not in "县市区" or "自治" in name:
        return []
    base = name[:-1]
    return [base + s for s in "县市区" if s != name[-1]]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use (empty when cpca's table is not installed)."""
    path = adcodes_path()
    if path is None:
        return Gazetteer([], [])
    with path.open(encoding="utf-8") as fh:
        rows = [(r["adcode"], r["name"]) for r in csv.DictReader(fh)]
    nations_file = path.parent / "56_nations.csv"
    nations = [ln.strip() for ln in nations_file.read_text(encoding="utf-8").splitlines() if ln.strip()] \
        if nations_file.exists() else []
    nations.sort(key=len, reverse=True)
    return Gazetteer(rows, nations)
