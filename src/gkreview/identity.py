"""Who wrote a report: the agency named in its title, introduction, publisher metadata and signature.

Reviewers catch cross-agency copies (domain §4 #4) from inside the report: the
title names one body, the signature another; a township report promises to
"完善X乡信息公开目录" for a different township. To see that, every agency mention is
parsed into the same structure (:class:`AgencyName`): its place chain (province,
city, county from the ``cpca`` gazetteer, township by suffix), its kind
(government, township, department), its suffix (局/委/办…) and, for departments,
a canonical department type from :mod:`gkreview.data.agencies`.

The gazetteer (:mod:`gkreview.gazetteer`) is read once per process from the adcode
table that ``cpca`` ships (offline) and shared with the duplicate detector; here its
Aho-Corasick automaton only ever scans short strings (names, slots of patterns),
which keeps the per-document cost to well under a millisecond.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from gkreview.data.agencies import (
    AGENCY_SUFFIXES,
    DEPARTMENT_AFFINITY,
    DEPARTMENTS,
    TOWN_GOVERNMENT_TAILS,
    TOWN_SUFFIXES,
)
from gkreview.gazetteer import Gazetteer, GazetteerEntry, adcodes_path  # noqa: F401 - GazetteerEntry re-exported
from gkreview.gazetteer import gazetteer as shared_gazetteer
from gkreview.normalize import norm

if TYPE_CHECKING:
    from gkreview.document import Document

RANKS: tuple[str, ...] = ("province", "city", "county", "town")
_TOWN_RE = re.compile(
    r"^(?P<town>[\u4e00-\u9fff]{1,6}?(?:" + "|".join(TOWN_SUFFIXES) + r"))(?=(?:"
    + "|".join(t for t in TOWN_GOVERNMENT_TAILS if t) + r")|$)")
_DEPT_RE = re.compile("|".join(sorted({a for al in DEPARTMENTS.values() for a in al}, key=len, reverse=True)))
_DEPT_OF_ALIAS = {a: key for key, al in DEPARTMENTS.items() for a in al}
_NAME_CLEAN_RE = re.compile(r"[\s\"'()<>《》:,.;、\-]")
_YEAR_RE = re.compile(r"(?:19|20)(?:\d{2}|[Xx×]{2})|二[〇○零O0][一二三四五六七八九〇○零O0]{2}")
_DATE_RE = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|二[〇○零O0].{2}年.{1,2}月(?:.{1,3}日)?")
_INTRO_RE = re.compile(r"(?:特编制|编制|现将|本报告由)(?P<name>[\u4e00-\u9fff]{2,24}?)(?:19|20)\d{2}年度?"
                       r"(?:政府|政务)?信息公开(?:工作)?(?:年度)?(?:报告|年报)")
# The compiler named as the subject: 本报告由某局根据《条例》编制 / 由某县人民政府办公室负责编制.
_INTRO_BY_RE = re.compile(r"(?:本报告|本年度报告|本年报)由(?P<name>[\u4e00-\u9fff]{2,30}?)"
                          r"(?:根据|依据|依照|按照|负责|编制|会同|牵头|组织)")
_TITLE_TAIL_RE = re.compile(r"(?:政府|政务)?信息公开|政务公开|年度报告|工作报告")
_TWO_CJK_RE = re.compile(r"[\u4e00-\u9fff]{2}")
_NAME_LINE_RE = re.compile(r"[\u4e00-\u9fff()]+")
_SPACES_RE = re.compile(r"\s+")  # \s covers the no-break space too
_TITLE_LEAD_RE = re.compile(r"^(?:\d{1,2}(?!\d))?(?:第[一二三四五六七八九十\d]+篇)?(?:关于(?:呈送|报送|印发|转发)?)?")


# --- gazetteer ---------------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (:mod:`gkreview.gazetteer`, shared with the duplicate detector)."""
    if adcodes_path() is None:
        raise ImportError("the cpca package (Chinese administrative divisions) is required for identity checks")
    return shared_gazetteer()


# --- agency names ------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Place:
    """A place named inside an agency name: as written, its official name, rank and adcodes."""

    name: str
    canonical: str
    rank: str
    adcodes: tuple[str, ...] = ()

    def same_as(self, other: Place) -> bool:
        """Same place: same official name, or a shared adcode."""
        return self.canonical == other.canonical or bool(set(self.adcodes) & set(other.adcodes))


@dataclass(frozen=True, slots=True)
class AgencyName:
    """A parsed agency name such as 淮安市洪泽区财政局.

    ``places`` is the explicit place chain at the start of the name; ``derived``
    adds the city and province implied by a county's adcode (洪泽区 → 淮安市, 江苏省)
    so that two names are compared at every rank either of them implies.
    """

    text: str
    places: tuple[Place, ...] = ()
    core: str = ""
    kind: str | None = None
    suffix: str | None = None
    department: str | None = None
    derived: tuple[tuple[str, str], ...] = ()

    def __hash__(self) -> int:
        """Hash of the name text only: names are the keys of the per-process caches of :func:`conflict` and
        :func:`foreign_same_level`, and hashing every field (the place chain, each place a dataclass) cost more
        than the cached comparison. Equal names have equal texts, so equality is unchanged."""
        return hash(self.text)

    def place(self, rank: str) -> Place | None:
        """The explicit place of a rank, if the name has one."""
        return next((p for p in self.places if p.rank == rank), None)

    def rank_names(self, rank: str) -> set[str]:
        """Official names at ``rank``, explicit or derived from an adcode."""
        names = {p.canonical for p in self.places if p.rank == rank}
        if not names:
            names = {n for r, n in self.derived if r == rank}
        return names

    @property
    def level(self) -> str | None:
        """Rank of the lowest explicit place (the body's own level), None without places."""
        ranks = [p.rank for p in self.places]
        for rank in reversed(RANKS):
            if rank in ranks:
                return rank
        return None

    @property
    def county(self) -> Place | None:
        """The explicit county-level place."""
        return self.place("county")

    @property
    def informative(self) -> bool:
        """True when the name says something checkable (a place, a kind or a department)."""
        return bool(self.places or self.kind or self.department)

    def describe(self) -> str:
        """Short form for evidence: ``淮安市/洪泽区 · department(finance) 局``."""
        chain = "/".join(p.canonical for p in self.places) or "-"
        dept = f"({self.department})" if self.department else ""
        return f"{chain} · {self.kind or '?'}{dept} {self.suffix or ''}".strip()


def _clean_name(text: str) -> str:
    return _NAME_CLEAN_RE.sub("", norm(text))


@lru_cache(maxsize=4096)
def parse_agency(text: str) -> AgencyName:
    """Parse an agency name (any script; normalised first) into places, kind, suffix and department."""
    s = _clean_name(text)
    gaz = gazetteer()
    places: list[Place] = []
    pos = 0
    for start, end, alias, entry in gaz.find(s):
        if places and start != pos:
            break
        if not places and start > 8:
            break
        if places and any(p.rank == entry.rank for p in places):
            break
        places.append(Place(alias, entry.canonical, entry.rank, entry.adcodes))
        pos = end
    rest = s[pos:]
    m = _TOWN_RE.match(rest)
    if m and m.group("town") not in ("城乡", "乡镇", "城镇", "村镇"):
        town = m.group("town")
        places.append(Place(town, town, "town"))
        rest = rest[m.end():]
    suffix, kind = None, None
    for suf, k in AGENCY_SUFFIXES:
        if s.endswith(suf):
            suffix, kind = suf, k
            break
    if kind == "government" and any(p.rank == "town" for p in places):
        kind = "township"
    department = None
    if kind == "department":
        dm = _DEPT_RE.search(rest)
        department = _DEPT_OF_ALIAS[dm.group()] if dm else None
    derived: list[tuple[str, str]] = []
    for p in places:
        if len(p.adcodes) == 1:
            derived.extend(gaz.ancestors(p.adcodes[0]).items())
    return AgencyName(s, tuple(places), rest, kind, suffix, department, tuple(dict.fromkeys(derived)))


def departments_compatible(a: str | None, b: str | None) -> bool:
    """True unless both department types are known, differ, and are not known to overlap."""
    if a is None or b is None or a == b:
        return True
    return any(a in group and b in group for group in DEPARTMENT_AFFINITY)


@lru_cache(maxsize=8192)
def conflict(a: AgencyName, b: AgencyName) -> str | None:
    """Why ``a`` and ``b`` cannot name the same body, or None when they may.

    Only contradictions count: different places of one rank, different levels
    (a district bureau against a city bureau), a government against a department,
    two different department types. A name that leaves something out (环保局 vs
    绵阳市环境保护局) is compatible, because reports abbreviate.
    """
    for rank in RANKS:
        na, nb = a.rank_names(rank), b.rank_names(rank)
        if na and nb and not (na & nb):
            pa, pb = a.place(rank), b.place(rank)
            if pa is not None and pb is not None and pa.same_as(pb):
                continue
            return f"{rank}: {'/'.join(sorted(na))} ≠ {'/'.join(sorted(nb))}"
    if a.level and b.level and a.level != b.level and a.kind and b.kind:
        return f"level: {a.level} ≠ {b.level}"
    if a.kind and b.kind and a.kind != b.kind:
        return f"kind: {a.kind} ≠ {b.kind}"
    if not departments_compatible(a.department, b.department):
        return f"department: {a.department} ≠ {b.department}"
    return None


# --- where a document names its author ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Mention:
    """One place where the document names its author: the source, the parsed name and its block/span."""

    source: str  # "title" | "intro" | "publisher" | "signature"
    agency: AgencyName
    block: int | None = None
    nstart: int | None = None
    nend: int | None = None


@dataclass
class Identity:
    """Every author mention of a document and the merged best guess of the author."""

    mentions: list[Mention] = field(default_factory=list)
    author: AgencyName | None = None

    def get(self, source: str) -> Mention | None:
        """The mention from one source, if found."""
        return next((m for m in self.mentions if m.source == source), None)


def title_agency(title: str) -> str | None:
    """The agency part of a title: before the year (or before 关于), else between the year and the topic."""
    found = _title_agency(title)
    return found if found and _TWO_CJK_RE.search(found) and not _YEAR_RE.search(found) else None


def _title_agency(title: str) -> str | None:
    t = _TITLE_LEAD_RE.sub("", _clean_name(title))
    if "关于" in t[1:]:
        head = t[: t.index("关于", 1)]
        if len(head) >= 2:
            return head
        t = t[t.index("关于", 1) + 2:]
    m = _YEAR_RE.search(t)
    if m and m.start() >= 2:
        return t[: m.start()]
    if m:
        after = t[m.end():].lstrip("年度")
        tail = _TITLE_TAIL_RE.search(after)
        if tail and tail.start() >= 2:
            return after[: tail.start()]
    tail = _TITLE_TAIL_RE.search(t)
    if tail and tail.start() >= 2:
        return t[: tail.start()]
    return None


def _is_name_line(text: str) -> bool:
    return 3 <= len(text) <= 40 and bool(_NAME_LINE_RE.fullmatch(text))


def _signature(doc: Document) -> Mention | None:
    """The signing agency: a name-only line among the last paragraphs, usually next to the date line."""
    from gkreview.document import Paragraph

    tail: list[int] = []  # the last six non-empty paragraphs, in document order
    for i in range(len(doc.blocks) - 1, -1, -1):
        b = doc.blocks[i]
        if isinstance(b, Paragraph) and b.norm.strip():
            tail.append(i)
            if len(tail) == 6:
                break
    tail.reverse()
    for pos in range(len(tail) - 1, -1, -1):
        i = tail[pos]
        p = doc.blocks[i]
        assert isinstance(p, Paragraph)
        raw = p.norm.strip()
        line = _DATE_RE.sub("", raw).strip()
        line = _SPACES_RE.sub("", line)
        if not _is_name_line(line):
            continue
        name = parse_agency(line)
        if not (name.kind and name.informative):
            continue
        # Among the last two lines a name signs the report; higher up only next to a date line.
        if pos >= len(tail) - 2 or _DATE_RE.search(raw) or any(
                _DATE_RE.fullmatch(_SPACES_RE.sub("", doc.blocks[j].norm.strip()) or "x")
                for j in tail[max(0, pos - 1): pos + 2] if j != i):
            start = p.norm.find(line[:2])
            return Mention("signature", name, i, max(0, start), max(0, start) + len(line))
    return None


def _intro(doc: Document) -> Mention | None:
    from gkreview.document import Paragraph

    for i, b in enumerate(doc.blocks[:8]):
        if not isinstance(b, Paragraph):
            continue
        for rx in (_INTRO_RE, _INTRO_BY_RE):
            if m := rx.search(b.norm):
                name = parse_agency(m.group("name"))
                if name.informative:
                    return Mention("intro", name, i, m.start("name"), m.end("name"))
    return None


def extract_identity(doc: Document) -> Identity:
    """Author mentions from title, introduction, publisher metadata and signature, plus the merged author."""
    ident = Identity()
    if doc.title and (raw := title_agency(doc.title)):
        name = parse_agency(raw)
        if name.informative:
            block = _title_block(doc)
            ident.mentions.append(Mention("title", name, block))
    if m := _intro(doc):
        ident.mentions.append(m)
    publisher = doc.publisher or doc.source.metadata.get("publisher")
    if publisher and doc.segment == 0:
        name = parse_agency(publisher)
        if name.informative:
            ident.mentions.append(Mention("publisher", name))
    if m := _signature(doc):
        ident.mentions.append(m)
    ident.author = _merge([m.agency for m in ident.mentions])
    return ident


def _title_block(doc: Document) -> int | None:
    """Index of the first paragraph that holds part of the title."""
    from gkreview.document import Paragraph

    if not doc.title:
        return None
    head = _clean_name(doc.title)[:6]
    for i, b in enumerate(doc.blocks[:8]):
        # b.norm is norm(b.text), already computed, when no automatic numbering is prefixed to it
        if isinstance(b, Paragraph) and head and head[:4] in (
                _NAME_CLEAN_RE.sub("", b.norm) if not b.numbering else _clean_name(b.text)):
            return i
    return None


def _merge(names: list[AgencyName]) -> AgencyName | None:
    """The author: the first (title-most) name, completed by compatible names that say more."""
    if not names:
        return None
    best = names[0]
    for other in names[1:]:
        if conflict(best, other) is None and len(other.places) > len(best.places) and (
                other.kind == best.kind or best.kind is None):
            best = other
    if best.kind == "department" and best.department is None:
        dept = next((n.department for n in names if n.department and conflict(best, n) is None), None)
        if dept:
            best = AgencyName(best.text, best.places, best.core, best.kind, best.suffix, dept, best.derived)
    return best


# --- self-references ---------------------------------------------------------------------------------------------

def self_reference_fits(author: AgencyName, test: str) -> bool | None:
    """Whether "我/本 + unit" can be the author's own voice: True, False (another kind of body) or None (unknown).

    ``test`` comes from :data:`gkreview.data.agencies.SELF_REFERENCE_UNITS`.
    """
    county = author.place("county")
    towns = [p for p in author.places if p.rank == "town"]
    above_county = author.level in ("province", "city") and not towns
    if test == "province":
        return True
    if test == "city":
        if author.places:
            return True
        return None
    if test.startswith("county_"):
        unit = {"county_xian": "县", "county_qu": "区", "county_qi": "旗"}[test]
        if unit == "区" and ("区" in author.text or any(n.endswith("自治区") for n in author.rank_names("province"))):
            return True
        if county is not None:
            return county.canonical.endswith(unit) or county.name.endswith(unit)
        return False if above_county and author.kind else None
    if test.startswith("town_"):
        unit = {"town_zhen": "镇", "town_xiang": "乡", "town_jiedao": "街道", "town_sumu": "苏木"}[test]
        if towns:
            return towns[-1].canonical.endswith(unit)
        if author.kind in ("government", "department"):
            return False
        return None
    if test == "suffix_ju":
        if author.kind == "department":
            return "局" in author.text
        return False if author.kind in ("government", "township") else None
    if test == "suffix_wei":
        if author.kind == "department":
            return "委" in author.text
        return False if author.kind in ("government", "township") else None
    if test == "suffix_ban":
        if "办" in author.text or author.kind == "government":
            return True
        return False if author.kind == "department" and author.suffix in ("局", "委", "委员会") else None
    if test == "suffix_ting":
        if "厅" in author.text:
            return True
        return False if author.level in ("county", "town") else None
    return None


@lru_cache(maxsize=8192)
def foreign_same_level(author: AgencyName, other: AgencyName) -> str | None:
    """Why ``other`` is a different body of the author's own level, or None (same body, superior, unrelated).

    Same level means: a different place of the author's own (lowest) rank, or —
    for a department — a different department type of the same place.
    Superior bodies (the city government named in a county report) and
    subordinate ones are never "foreign" here: reports cite them legitimately.
    """
    level = author.level
    if level is not None:
        mine = author.place(level)
        theirs = other.place(level)
        if mine is not None and theirs is not None and not mine.same_as(theirs) and other.level == level:
            return f"{level}: {theirs.canonical} ≠ {mine.canonical}"
    both_departments = author.kind == other.kind == "department" and author.department and other.department
    if both_departments and not departments_compatible(author.department, other.department) and conflict(
            _strip_department(author), _strip_department(other)) is None:
        return f"department: {other.department} ≠ {author.department}"
    return None


def _strip_department(a: AgencyName) -> AgencyName:
    return AgencyName(a.text, a.places, a.core, a.kind, a.suffix, None, a.derived)
