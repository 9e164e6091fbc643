"""The report year Y and every date that must agree with it (domain §1.3, §2.8, §4 #1 #5).

A re-dated copy (seed 001 第三篇: title 2012, body 2009) or a period such as
"自2010年1月1日起至2009年12月31日止" is the first thing a reviewer looks for, so
the year is read from four independent places:

- the title (``…2017年政府信息公开工作年度报告``, also ``二〇一七年``);
- the 统计期限 sentence, including damaged extractions (``201711日至20171231日``)
  and spaced digits (``2 0 2 3 年``);
- years in the body, each classified by its context (上年/同比 …, 下一步/计划 …,
  history such as ``2004年10月开设``, citations in 《》 or 〔〕);
- the signature date (or the page's publication date), for the legal deadline.

:func:`report_year` returns all of them with their locations; the checks in
:mod:`gkreview.checks.years` decide what is a defect.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from itertools import accumulate
from operator import methodcaller
from typing import Any, NamedTuple

from gkreview.data.sections import (
    DEPARTMENT_HINTS,
    GOVERNMENT_SUFFIXES,
    PERIOD_KEYWORDS,
    TOWNSHIP_SUFFIXES,
    YEAR_HISTORIC_WORDS,
    YEAR_NEXT_WORDS,
    YEAR_PREV_WORDS,
)
from gkreview.document import Document, Paragraph
from gkreview.numbers import CN_DIGITS, parse_year_token
from gkreview.sections import block_label, paragraph_norms, squeezed_blocks, title_label

_CN_YEAR = r"[一二][〇○零0O][一二三四五六七八九〇○零0O]{2}"
_NUM = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_FULL_DATE = re.compile(rf"(?P<y>(?:19|20)\d{{2}}|{_CN_YEAR})年(?P<m>{_NUM})月(?P<d>{_NUM})日")
_MONTH_DAY = re.compile(rf"(?P<m>{_NUM})月(?P<d>{_NUM})日")
# Damaged dates: the characters 年/月 were dropped (201711日 = 2017-01-01, 20171231日 = 2017-12-31).
_BROKEN_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})(?P<md>\d{2,4})日")
_YEAR_ONLY = re.compile(r"(?P<y>(?:19|20)\d{2})年度?")
# A period given in months (2023年1月至11月, 2022年12月-2023年11月): first day of the first month to the last
# day of the last. Read before the bare year, which would otherwise stand for the whole calendar year.
_MONTH_RANGE = re.compile(rf"(?P<y1>(?:19|20)\d{{2}})年(?P<m1>{_NUM})月份?(?:起|初)?(?:至|到|-|~)"
                          rf"(?:(?P<y2>(?:19|20)\d{{2}})年)?(?P<m2>{_NUM})月(?!{_NUM}日)")
_PERIOD_RE = re.compile("|".join(PERIOD_KEYWORDS))
_TITLE_YEAR = re.compile(rf"((?:19|20)\d{{2}}|{_CN_YEAR})\s*年?")
# A year: 19xx/20xx not inside a longer number, followed by 年/政府/政务/度. The "no digit or dot before"
# test is a lookbehind placed after the 19/20 (``(?<![\d.]..)``) so that the regex engine can skip to
# the next 1 or 2 instead of trying the pattern at every character.
_BODY_YEAR = re.compile(r"((?:19|20)(?<![\d.]..)\d{2})(?![\d.])(?=\s*(?:年|政府|政务|度))")
# The same, one pattern per century: a pattern opening with a two-character literal is searched for that
# literal in C (twice as fast as trying every 1 and 2 of a report's numbers).
_BODY_YEAR_BY_CENTURY = tuple(re.compile(_BODY_YEAR.pattern.replace("(?:19|20)", c, 1)) for c in ("19", "20"))
_CLAUSE_SPLIT = re.compile(r"[,;。:!?\n]")
_CITATION = re.compile(r"《[^》]{0,80}》|〔[^〕]{0,12}〕|\[[^\]]{0,12}\]|\((?:19|20)\d{2}\)")
_CITATION_OPEN = re.compile(r"[《〔\[(]")  # the first character of every _CITATION alternative
# _CITATION kept within one line: over paragraphs joined by newlines it finds what _CITATION finds in each.
_CITATION_LINE = re.compile(r"《[^》\n]{0,80}》|〔[^〕\n]{0,12}〕|\[[^\]\n]{0,12}\]|\((?:19|20)\d{2}\)")
_RANGE = re.compile(r"年?度?[-至到~](?:19|20)\d{2}")
_RANGE_END = re.compile(r"(?:19|20)\d{2}年?[-至到~]$")
# A clause that is nothing but a year (度) and perhaps a time word: an adverbial opening a sentence.
_YEAR_ONLY_CLAUSE = re.compile(r"^\s*(?:19|20)\d{2}\s*年(?:度)?(?:里|内|中|以来)?\s*[,:]?\s*$")
_SENTENCE_SPLIT = re.compile(r"[。;!?\n]")
_WS = re.compile(r"\s+")
_NON_SPACE = re.compile(r"\S+")
_ISO = re.compile(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_LEADING_VERB = re.compile(r"^(关于|印发)")
_AGENCY_PREFIX = re.compile(r"(.{2,40}?)(?:关于)?(?:(?:19|20)\d{2}|[一二][〇○零0O].{2})")
_DATE_LINE = re.compile(rf"^(?:(?:19|20)\d{{2}}|{_CN_YEAR})年(?:{_NUM})月(?:{_NUM})日$")
# The signing body and its date on one line or joined into one paragraph (a left-aligned signature
# block whose two lines a PDF or a pasted page run together): 某某局2024年1月22日.
_SIGNED_DATE_LINE = re.compile(
    rf"^[\u4e00-\u9fff()]{{2,40}}?(?:局|委|办|厅|院|政府|中心|处|所|站|会|街道|镇|乡|公司|室)"
    rf"((?:(?:19|20)\d{{2}}|{_CN_YEAR})年(?:{_NUM})月(?:{_NUM})日)$")


@dataclass(frozen=True)
class Period:
    """The statistics period as printed: its dates, where it is, and whether it was damaged."""

    start: date | None
    end: date | None
    text: str
    block: int
    nstart: int
    nend: int
    broken: bool = False
    implicit: bool = False

    @property
    def year(self) -> int | None:
        """The year the period covers (start year, else end year)."""
        return self.start.year if self.start else self.end.year if self.end else None

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat() if self.end else None, "text": self.text, "block": self.block,
                "broken": self.broken}


class YearMention(NamedTuple):
    """One year printed in the body and how its context explains it.

    A named tuple rather than a frozen dataclass: a report prints some thirty-five
    years, and building a tuple costs a fraction of a frozen dataclass's ``__init__``.
    """

    year: int
    block: int
    nstart: int
    nend: int
    context: str  # "same" | "previous" | "next" | "history" | "section" | "title" | "unexplained"
    passage: str


@dataclass(frozen=True)
class YearInfo:
    """Every year and date of a document that bears on its report year.

    ``body_years`` may be given as a function (``mentions``) and is then found when
    first read; ``unexplained_mentions``, when given, finds the unexplained years alone
    (the years check reads only those, and most body years are simply Y).
    """

    year: int | None
    title_year: int | None
    period: Period | None
    mentions: list[YearMention] | Callable[[], list[YearMention]] = field(
        default_factory=list, repr=False, compare=False)
    signature_date: date | None = None
    signature_block: int | None = None
    published_date: date | None = None
    level: str | None = None
    evidence: dict[str, Any] = field(default_factory=dict)
    unexplained_mentions: Callable[[], list[YearMention]] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def body_years(self) -> list[YearMention]:
        """Every year printed in the body with its context class (:func:`body_years`)."""
        src = self.mentions
        return src() if callable(src) else src

    @cached_property
    def unexplained(self) -> list[YearMention]:
        """Body years that are neither Y nor explained by their context."""
        if self.unexplained_mentions is not None and "body_years" not in self.__dict__:
            return self.unexplained_mentions()
        return [m for m in self.body_years if m.context == "unexplained"]

    def to_dict(self) -> dict[str, Any]:
        """Compact JSON form."""
        return {"year": self.year, "title_year": self.title_year,
                "period": self.period.to_dict() if self.period else None,
                "signature_date": self.signature_date.isoformat() if self.signature_date else None,
                "level": self.level, "unexplained_years": sorted({m.year for m in self.unexplained})}


# --- dates ---------------------------------------------------------------------------------------------------------

def _cn_int(token: str) -> int | None:
    """``12`` or ``十二`` / ``二十八`` / ``三`` → int."""
    if token.isdigit():
        return int(token)
    if "十" in token:
        head, _, tail = token.partition("十")
        tens = CN_DIGITS.get(head, 0) if head else 1
        ones = CN_DIGITS.get(tail, 0) if tail else 0
        return tens * 10 + ones
    return CN_DIGITS.get(token)


def _make_date(y: int | None, m: int | None, d: int | None) -> date | None:
    if y is None or m is None or d is None:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """The first full date in ``text`` (arabic or Chinese numerals, whitespace ignored)."""
    t = _WS.sub("", text)
    if m := _FULL_DATE.search(t):
        return _make_date(parse_year_token(m.group("y").replace("O", "〇")), _cn_int(m.group("m")),
                          _cn_int(m.group("d")))
    return None


def parse_iso(value: str | None) -> date | None:
    """``2019-03-05`` / ``2019年3月5日`` → date (page metadata)."""
    if not value:
        return None
    if m := _ISO.match(value):
        return _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return parse_date(value)


def _broken(y: str, md: str, prefer_late: bool) -> date | None:
    """Read a damaged date ``YYYY`` + 2–4 digits of month and day; ambiguity resolved towards the period edge."""
    year = int(y)
    candidates: list[date] = []
    for cut in range(1, len(md)):
        d = _make_date(year, int(md[:cut]), int(md[cut:]))
        if d and len(md[cut:]) <= 2 and len(md[:cut]) <= 2:
            candidates.append(d)
    if not candidates:
        return None
    return max(candidates) if prefer_late else min(candidates)


def _month_range(m: re.Match[str]) -> tuple[date, date] | None:
    """First day of the first month and last day of the last month of a month range (None if not a date)."""
    y1 = int(m.group("y1"))
    y2 = int(m.group("y2")) if m.group("y2") else y1
    m1, m2 = _cn_int(m.group("m1")), _cn_int(m.group("m2"))
    start = _make_date(y1, m1, 1)
    after = _make_date(y2 + (m2 == 12), (m2 % 12) + 1, 1) if m2 and 1 <= m2 <= 12 else None
    if start is None or after is None:
        return None
    return start, after - timedelta(days=1)


def _period_dates(window: str) -> tuple[date | None, date | None, bool, bool, tuple[int, int]]:
    """(start, end, broken, implicit, span in window) of the first date range in ``window``."""
    found: list[tuple[int, int, date | None, bool]] = []
    pos = 0
    while len(found) < 2 and pos < len(window):
        full = _FULL_DATE.search(window, pos)
        broken = _BROKEN_DATE.search(window, pos)
        md = _MONTH_DAY.search(window, pos) if found and found[0][2] else None
        cands = [(m.start(), kind, m) for kind, m in (("full", full), ("broken", broken), ("md", md)) if m]
        if not cands:
            break
        _, kind, m = min(cands, key=lambda c: (c[0], c[1] != "full"))
        if kind == "full":
            d = _make_date(parse_year_token(m.group("y").replace("O", "〇")), _cn_int(m.group("m")),
                           _cn_int(m.group("d")))
            found.append((m.start(), m.end(), d, False))
        elif kind == "broken":
            found.append((m.start(), m.end(), _broken(m.group("y"), m.group("md"), prefer_late=bool(found)), True))
        else:
            first = found[0][2]
            assert first is not None
            found.append((m.start(), m.end(), _make_date(first.year, _cn_int(m.group("m")), _cn_int(m.group("d"))),
                          False))
        pos = m.end()
    if not found:
        if (m := _MONTH_RANGE.search(window)) and (months := _month_range(m)):
            return months[0], months[1], False, False, m.span()
        if m := _YEAR_ONLY.search(window):
            y = int(m.group("y"))
            return date(y, 1, 1), date(y, 12, 31), False, True, m.span()
        return None, None, False, False, (0, 0)
    start = found[0][2]
    end = found[1][2] if len(found) > 1 else None
    span = (found[0][0], found[-1][1])
    return start, end, any(f[3] for f in found), False, span


# One piece of the joined paragraph text: (offset in the joined text, block, what the piece is). The piece
# is the paragraph's normalised text (its non-space characters were joined), or None for the "\n" that
# stands for a table or closes a paragraph ending in 。/; (its norm index: 0 for a table, else the end).
_Piece = tuple[int, int, str | None]


def _joined_paragraphs(doc: Document, blocks: range | None = None) -> tuple[str, list[_Piece]]:
    """Normalised paragraph text without whitespace, joined, and the pieces to map a character back.

    Joining lets a 统计期限 sentence wrapped over two PDF lines still be read.
    :func:`_where` gives the (block, norm index) of a character; only the period's two
    ends are ever looked up, so no per-character table is built.
    """
    parts: list[str] = []
    pieces: list[_Piece] = []
    pos = 0
    for i in blocks if blocks is not None else range(len(doc.blocks)):
        b = doc.blocks[i]
        if not isinstance(b, Paragraph):
            pieces.append((pos, i, None))
            parts.append("\n")
            pos += 1
            continue
        norm = b.norm
        squeezed = "".join(norm.split())
        if squeezed:
            pieces.append((pos, i, norm))
            parts.append(squeezed)
            pos += len(squeezed)
        if norm.rstrip().endswith(("。", ";")):
            pieces.append((pos, i, None))
            parts.append("\n")
            pos += 1
    return "".join(parts), pieces


def _where(doc: Document, pieces: list[_Piece], pos: int) -> tuple[int, int]:
    """(block, norm index) of character ``pos`` of the text :func:`_joined_paragraphs` returned."""
    start, block, norm = pieces[bisect_right(pieces, (pos, len(doc.blocks))) - 1]
    if norm is None:
        b = doc.blocks[block]
        return block, len(b.norm) if isinstance(b, Paragraph) else 0
    k = pos - start
    for run in _NON_SPACE.finditer(norm):
        if k < run.end() - run.start():
            return block, run.start() + k
        k -= run.end() - run.start()
    raise IndexError(pos)


def find_period(doc: Document) -> Period | None:
    """The 统计期限 sentence and its dates (first one that yields a date; computed once per document)."""
    return doc.memo("years.period", lambda: _find_period(doc))


def _squeezed_paragraphs(doc: Document) -> tuple[list[int], list[str]]:
    """Block index and whitespace-free normalised text of every paragraph (from the blocks squeezed once)."""
    index = paragraph_norms(doc)[0]
    squeezed = squeezed_blocks(doc)
    return index, [squeezed[i] for i in index]


# Every period keyword is a literal, so every match of _PERIOD_RE starts with one of these (short) prefixes.
_PERIOD_PREFIXES: tuple[str, ...] = tuple(sorted({k[:2] for k in PERIOD_KEYWORDS}))
assert all(re.escape(k) == k for k in PERIOD_KEYWORDS)  # _keyword_spans relies on the keywords being literals


def _keyword_spans(text: str) -> list[tuple[int, int]]:
    """The spans ``_PERIOD_RE.finditer(text)`` yields, found from the keywords' prefixes with ``str.find``.

    The regex engine tests every character of a report against the keywords' first
    characters (slow for CJK); ``str.find`` skips to the few 统计/数据 and the pattern is
    then only matched there, in order and without overlaps, as ``finditer`` does.
    """
    starts: list[int] = []
    for prefix in _PERIOD_PREFIXES:
        i = text.find(prefix)
        while i >= 0:
            starts.append(i)
            i = text.find(prefix, i + 1)
    out: list[tuple[int, int]] = []
    end = 0
    for i in sorted(starts):
        if i >= end and (m := _PERIOD_RE.match(text, i)):
            out.append(m.span())
            end = m.end()
    return out


def _period_hits(texts: list[str]) -> list[int]:
    """Positions in ``texts`` of the paragraphs with a period keyword, also one cut by the next paragraph.

    A paragraph is a hit when its text holds a keyword, or when its last five characters
    and the next paragraph's first five do. Every such keyword occurrence lies in the
    paragraphs joined together and starts in the hit paragraph or in the next one, so the
    keyword search runs once over the joined text and the exact test only on the
    paragraphs its matches touch (and the paragraph before each: an occurrence hidden
    inside a found one starts within that match's span).
    """
    starts = list(accumulate(map(len, texts), initial=0))
    candidates: set[int] = set()
    for ms, me in _keyword_spans("".join(texts)):
        first = bisect_right(starts, ms) - 1
        last = bisect_right(starts, max(ms, me - 1)) - 1
        candidates.update(range(max(0, first - 1), last + 1))
    n = len(texts)
    return [k for k in sorted(candidates)
            if _PERIOD_RE.search(texts[k]) or (k + 1 < n and _PERIOD_RE.search(texts[k][-5:] + texts[k + 1][:5]))]


def _find_period(doc: Document) -> Period | None:
    index, texts = _squeezed_paragraphs(doc)
    hits = [index[k] for k in _period_hits(texts)]
    if not hits:
        return None
    # Only the paragraphs with a keyword and the next one (a sentence wrapped over two PDF lines).
    text, pieces = _joined_paragraphs(doc, range(hits[0], min(len(doc.blocks), hits[-1] + 2)))
    for m in _PERIOD_RE.finditer(text):
        stop = text.find("。", m.end())
        stop = len(text) if stop < 0 else stop
        window = text[m.end() : min(stop, m.end() + 80)]
        start, end, broken, implicit, (_, e) = _period_dates(window)
        if start is None and end is None:
            continue
        a, b = m.start(), m.end() + e
        block, nstart = _where(doc, pieces, a)
        end_block, nend = _where(doc, pieces, max(a, b - 1))
        nend = nend + 1 if end_block == block else len(doc.blocks[block].norm)  # type: ignore[union-attr]
        return Period(start, end, text[a:b], block, nstart, nend, broken, implicit)
    return None


# --- title, signature, level -----------------------------------------------------------------------------------------

def title_year(doc: Document) -> int | None:
    """The year in the document title (None when the title has no year)."""
    if not doc.title:
        return None

    if m := _TITLE_YEAR.search(title_label(doc)):
        return parse_year_token(m.group(1).replace("O", "〇"))
    return None


def find_signature(doc: Document) -> tuple[date | None, int | None]:
    """The date line among the last paragraphs (the report's signature date) and its block."""
    seen = 0
    squeezed = squeezed_blocks(doc)
    for i in range(len(doc.blocks) - 1, -1, -1):
        b = doc.blocks[i]
        if not isinstance(b, Paragraph):
            continue
        seen += 1
        if seen > 4:
            break
        t = squeezed[i]
        if _DATE_LINE.match(t):
            return parse_date(t), i
        if m := _SIGNED_DATE_LINE.match(t):
            return parse_date(m.group(1)), i
    return None, None


def agency_level(doc: Document) -> str | None:
    """``government`` | ``department`` | ``township`` from the agency name or title (domain §1.3)."""
    from gkreview.normalize import norm_label

    def names() -> Iterator[str]:
        """The agency named by the title first, then the agency and the publisher (normalised when reached:
        the title usually settles the level)."""
        if doc.title and (m := _AGENCY_PREFIX.match(title_label(doc))):
            yield m.group(1)
        yield from (norm_label(x) for x in (doc.agency, doc.publisher) if x)

    for name in names():
        name = _LEADING_VERB.sub("", name)
        if not name:
            continue
        if name.endswith(TOWNSHIP_SUFFIXES):
            return "township"
        if name.endswith("人民政府") or (name.endswith(GOVERNMENT_SUFFIXES) and not any(
                h in name[-4:] for h in DEPARTMENT_HINTS)):
            return "government"
        if any(h in name for h in DEPARTMENT_HINTS):
            return "department"
    return None


# --- body years --------------------------------------------------------------------------------------------------------

def _context(year: int, y: int | None, clause: str, section: str | None, prefix: str, sentence: str = "",
             suffix: str = "") -> str:
    """Why a year other than Y may be printed: previous-year comparison, plans, history, or nothing.

    Comparisons and plans must be in the same clause (a 上年结转 figure in the next clause
    does not explain a wrong year); history words may be anywhere in the sentence
    ("2004年10月,我局…开设了网站"), and a year range (2011年-2017年) is history too.
    """
    if y is None or year == y:
        return "same"
    if year == y - 1 and (any(w in clause for w in YEAR_PREV_WORDS) or section == "problems"):
        return "previous"
    if year == y + 1 and (any(w in clause for w in YEAR_NEXT_WORDS) or section == "problems"):
        return "next"
    if year < y and (any(w in (sentence or clause) for w in YEAR_HISTORIC_WORDS)
                     or prefix.endswith(("自", "从", "截至", "截止")) or _RANGE.match(suffix)
                     or _RANGE_END.search(prefix)):
        return "history"
    return "unexplained"


def _lead_clause(text: str, s: int, e: int, lo: int, hi: int) -> str:
    """A year written as its own opening clause ("2024年,我们将…") with the clause it introduces: the plan or
    comparison word that explains the year is in that next clause, not in the bare "2024年"."""
    first = _CLAUSE_SPLIT.search(text, e, hi)
    if first is None or text[first.start()] == "\n":
        return _unit(text, _CLAUSE_SPLIT, s, e, lo)
    return _unit(text, _CLAUSE_SPLIT, s, first.end(), lo) if first.end() < hi else _unit(text, _CLAUSE_SPLIT, s, e, lo)


def _unit(text: str, split: re.Pattern[str], s: int, e: int, lo: int = 0) -> str:
    """The clause (or sentence) of ``text`` around ``[s, e)``: from after the last ``split`` delimiter before
    ``s`` (not before ``lo``) to the next one.

    The last delimiter before ``s`` is the first one in the reversed stretch ``[lo, s)``:
    one search, instead of walking every delimiter from the paragraph start for each year.
    """
    before = split.search(text[lo:s][::-1])
    start = s - before.start() if before else lo
    end = split.search(text, e)
    return text[start : end.start() if end else len(text)]


def _paragraph_text(doc: Document) -> tuple[str, list[int], list[int]]:
    """The paragraphs' normalised texts joined by newlines, their block indices and their offsets (plus the end)."""
    index, norms = paragraph_norms(doc)
    return "\n".join(norms), index, list(accumulate(map((1).__add__, map(len, norms)), initial=0))


def _citations(text: str, paragraphs: int) -> tuple[list[int], list[int]] | None:
    """Starts and ends of the citations of every paragraph, from one search over their newline-joined ``text``.

    When no paragraph holds a newline itself, :data:`_CITATION_LINE` over the joined
    text finds exactly what :data:`_CITATION` finds in each paragraph alone (no part of
    it can take the newline that ends a paragraph). Otherwise None: then each paragraph
    is searched on its own.
    """
    if text.count("\n") != paragraphs - 1:
        return None
    starts: list[int] = []
    ends: list[int] = []
    for c in _CITATION_LINE.finditer(text):
        starts.append(c.start())
        ends.append(c.end())
    return starts, ends


_new_tuple = tuple.__new__  # YearMention without its Python-level __new__ (some thirty-five per report)


def _body_year_matches(text: str) -> list[re.Match[str]]:
    """``list(_BODY_YEAR.finditer(text))``, from the two century patterns.

    A match is a run of exactly four digits (no digit or dot on either side), so two
    matches never overlap and the matches of the two patterns, merged by position, are
    those of the alternation.
    """
    old, new = (list(rx.finditer(text)) for rx in _BODY_YEAR_BY_CENTURY)
    if not old:
        return new
    return sorted(old + new, key=_match_start) if new else old


_match_start = methodcaller("start")


def body_years(doc: Document, y: int | None, skip: set[int], sections: Any = None, *,
               other_only: bool = False) -> list[YearMention]:
    """Every year printed in body paragraphs with its context class (``other_only``: only years other than ``y``).

    One search over the paragraphs joined by newlines instead of one per paragraph:
    a newline ends every clause and sentence, so those read the same, and a year whose
    following 年/政府/度 lies only in the next paragraph is dismissed as the paragraph
    alone would have. Citations (《…》, 〔…〕) are found in the same joined text.
    """
    text, index, starts = _paragraph_text(doc)
    out: list[YearMention] = []
    last = -1
    base = end = block = 0
    skipped = False
    cited: list[tuple[int, int]] | None = None
    citations: tuple[list[int], list[int]] | None = None
    searched = False  # citations are searched when the first year needs them
    same = str(y) if other_only and y is not None else None
    for m in _body_year_matches(text):
        if same is not None and m.group(1) == same:
            continue  # (Y itself: context "same", left out)
        s, e = m.span(1)
        k = bisect_right(starts, s) - 1
        if k != last:
            last, block, base, end = k, index[k], starts[k], starts[k + 1] - 1
            skipped, cited = block in skip, None
        if skipped or e >= end or (text[e].isspace() and text[e:end].isspace()):
            continue  # (the 年/政府/度 after it is in the next paragraph)
        if not searched:
            citations, searched = _citations(text, len(index)), True
        if citations is not None:
            c_starts, c_ends = citations
            j = bisect_right(c_starts, s) - 1
            if j >= 0 and s < c_ends[j]:  # (citations do not overlap: only the last one opening by s can hold it)
                continue
        else:
            if cited is None:  # first year of this paragraph; every citation opens with a bracket
                cited = ([c.span() for c in _CITATION.finditer(text, base, end)]  # (no anchors: as over the slice)
                         if _CITATION_OPEN.search(text, base, end) else [])
            if cited and any(a <= s < c for a, c in cited):
                continue
        year = int(m.group(1))
        clause = _unit(text, _CLAUSE_SPLIT, s, e, base)
        if _YEAR_ONLY_CLAUSE.match(clause):
            clause = _lead_clause(text, s, e, base, end)
        if y is None or year == y:
            ctx = "same"  # what _context says first; the sentence and the section are only read for other years
        else:
            section = sections.section_of_block(block) if sections is not None else None
            ctx = _context(year, y, clause, section, text[max(base, s - 6) : s],
                           _unit(text, _SENTENCE_SPLIT, s, e, base), text[e : min(e + 8, end)])
        out.append(_new_tuple(YearMention, (year, block, s - base, e - base, ctx, clause[:80])))
    return out


def _title_blocks(doc: Document) -> set[int]:
    """Leading blocks that are the title (or the part marker line that carries it)."""

    if not doc.title:
        return set()
    t = title_label(doc)
    return {i for i, b in enumerate(doc.blocks[:4])
            if isinstance(b, Paragraph) and (n := block_label(b)) and (n in t or t in n)}


def report_year(doc: Document, sections: Any = None) -> YearInfo:
    """All year facts of a document; ``year`` is the claimed report year (title, else period, else body).

    Computed once per document when the sections are left to this function.
    """
    if sections is not None:
        return _report_year(doc, sections)
    return doc.memo("years.info", lambda: _report_year(doc, None))


def _report_year(doc: Document, sections: Any) -> YearInfo:
    ty = title_year(doc)
    period = find_period(doc)
    sig, sig_block = find_signature(doc)
    published = parse_iso(doc.dates.get("published_date") or doc.source.metadata.get("published_date"))
    year = ty or (period.year if period else None)
    skip = _title_blocks(doc)
    if sig_block is not None:
        skip.add(sig_block)

    def mentions(y: int | None, other_only: bool = False) -> list[YearMention]:
        """The body years outside the period sentence (with the sections the contexts read)."""
        nonlocal sections
        if sections is None:
            from gkreview.sections import detect_sections

            sections = detect_sections(doc, year=year or doc.year)
        found = body_years(doc, y, skip, sections, other_only=other_only)
        if period is not None:
            found = [m for m in found if not (m.block == period.block and period.nstart <= m.nstart < period.nend)]
        return found

    evidence = {"title": doc.title, "period": period.text if period else None,
                "source": "title" if ty else "period" if period and period.year else "body"}
    if year is not None:
        # Known from the title or the period: the body years are only found when read.
        y = year
        return YearInfo(year, ty, period, lambda: mentions(y), sig, sig_block, published, agency_level(doc), evidence,
                        lambda: [m for m in mentions(y, other_only=True) if m.context == "unexplained"])
    found = mentions(None)
    counts: dict[int, int] = {}
    for m in found:
        counts[m.year] = counts.get(m.year, 0) + 1
    if counts:
        year = max(counts, key=lambda k: (counts[k], k))
        found = [YearMention(m.year, m.block, m.nstart, m.nend,
                             _context(m.year, year, m.passage, sections.section_of_block(m.block), ""),
                             m.passage) for m in found]
    else:
        year = doc.year
    return YearInfo(year, ty, period, found, sig, sig_block, published, agency_level(doc), evidence)
