"""Timeline family: work dated after the report year told as already done (issue 8, item 3).

A report for year Y is written in Y+1, so it may mention Y+1 only as a plan
("2010年，我局将…"), as the report's own compilation and publication, or as an
event before the report was signed. "2010年，我局完成了…" in a 2009 report is
either a report of another year pasted in or a back-dated report. The
publication deadline itself is checked by ``gk.years.signature-date``
(:mod:`gkreview.checks.years`); this family only reads the body.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date

from gkreview.analysis import Context
from gkreview.data.sections import PERIOD_KEYWORDS
from gkreview.data.wording import CITATION_PATTERN, DONE_WORDS, PLAN_WORDS, PLAN_YAO_PATTERN, REPORT_SELF_WORDS
from gkreview.document import Document, Paragraph
from gkreview.findings import Finding, Rule, Severity, make_finding
from gkreview.numbers import parse_year_token
from gkreview.wording import DocText, doc_text, register_pairs

_YEAR_RE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2}|二[〇○零O0][一二三四五六七八九〇○零O0]{2})\s*年(?!代)"
                      r"(?:度)?(?:(?P<m>\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月)?")
_SPACES = re.compile(r"\s+")
_CITATION_RE = re.compile(CITATION_PATTERN)
_PLAN_RE = re.compile("|".join(PLAN_WORDS) + "|" + PLAN_YAO_PATTERN)
_DONE_RE = re.compile("|".join(sorted(DONE_WORDS, key=len, reverse=True)))
_SELF_RE = re.compile("|".join(REPORT_SELF_WORDS + PERIOD_KEYWORDS))
_DATE_ONLY = re.compile(r"^\s*(?:(?:19|20)\d{2}|二[〇○零O0].{2})\s*年[\d一二三四五六七八九十]{1,3}\s*月"
                        r"(?:[\d一二三四五六七八九十]{1,3}\s*日)?\s*$")
_UNTIL = re.compile(r"(?:截至|截止|至|到)\s*$")
# A year token starts with 19/20 or with 二 and a zero: the character pairs that locate candidates.
_YEAR_SECONDS = "90〇○零O"
_YEAR_PAIRS = register_pairs((a, b) for a in "12二" for b in _YEAR_SECONDS)
_CN_MONTH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             "十一": 11, "十二": 12}
DEFAULT_CUTOFF_MONTH = 3

FUTURE_EVENT = Rule(
    id="gk.timeline.future-event",
    severity=Severity.WARNING,
    summary_zh="正文把报告年度之后的工作写成已完成",
    summary_en="Work dated after the report year is described as already done.",
    description="A year after the report year Y in a body sentence that tells a completed event (了/已/完成/"
                "共/累计…) and no plan (将/计划/拟/下一步/要…). Citations (《…》, 文号), the report's own "
                "compilation and publication, date lines, and Y+1 events up to the signature month (default "
                "March) are allowed.",
    bad="白塔乡人民政府2009年政府信息公开工作年度报告\n2010年，我乡完成了政府信息公开目录的全面修订，共发布信息120条。\n"
        "白塔乡人民政府\n2010年3月1日\n",
    good="白塔乡人民政府2009年政府信息公开工作年度报告\n2009年，我乡完成了政府信息公开目录的全面修订。"
         "2010年，我乡将进一步完善公开目录。\n白塔乡人民政府\n2010年3月1日\n",
)

# Only meaningful on reports: the doctype family reports other document types (see pipeline.applies).
APPLIES_TO = ("annual_report", "work_summary")

RULES: tuple[Rule, ...] = (FUTURE_EVENT,)
OPTIONS: dict[str, object] = {"timeline.cutoff_month": DEFAULT_CUTOFF_MONTH}


def _report_year(doc: Document, ctx: Context) -> tuple[int | None, date | None, set[int]]:
    """Report year, the signature/publication date, and blocks to skip (title, signature, period)."""
    try:
        info = ctx.year
    except ImportError:
        return doc.year, None, set()
    skip: set[int] = set()
    if info.signature_block is not None:
        skip.add(info.signature_block)
    if info.period is not None:
        skip.add(info.period.block)
    signed = info.published_date or info.signature_date
    return info.year, signed, skip


def _later_years(dt: DocText, y: int) -> Iterator[re.Match[str]]:
    """The matches of ``_YEAR_RE`` except those of an Arabic year up to ``y``, found without a regex scan.

    A year starts with 19/20 or with 二 and a zero; the character pairs locate those
    few places and an Arabic year that is not after the report year is dropped
    before the pattern is tried. No match of the pattern can start inside a dropped
    one (its digits are preceded by a digit, its tail is 年/度/a month), so the
    result is what ``finditer`` gives, minus matches the check would skip anyway.
    """
    text = dt.text
    starts: list[int] = []
    for p in dt.pair_starts(_YEAR_PAIRS):  # one pass over the pair-slot hits, verified here
        two = text[p:p + 2]
        if two == "19" or two == "20":
            digits = text[p:p + 4]
            if digits.isascii() and digits.isdigit() and int(digits) <= y:
                continue
        elif two[0] != "二" or two[1] not in _YEAR_SECONDS:
            continue
        starts.append(p)
    return dt.finditer_at(_YEAR_RE, starts)


def _title_blocks(doc: Document) -> set[int]:
    """The first paragraphs (of three) that hold the start of the title."""
    if not doc.title:
        return set()
    head = _SPACES.sub("", doc.title)[:6]
    return {i for i, b in enumerate(doc.blocks[:3]) if isinstance(b, Paragraph) and head in _SPACES.sub("", b.text)}


def _month(token: str | None) -> int | None:
    if not token:
        return None
    return int(token) if token.isdigit() else _CN_MONTH.get(token)


def check(doc: Document, ctx: Context) -> Iterable[Finding]:
    """Body sentences that tell an event after the report year as done."""
    if not ctx.settings.enabled(FUTURE_EVENT.id):
        return
    y, signed, skip = _report_year(doc, ctx)
    if y is None:
        return
    cutoff = int(ctx.option("timeline.cutoff_month", DEFAULT_CUTOFF_MONTH))
    if signed is not None and signed.year == y + 1:
        cutoff = max(cutoff, signed.month)
    dt = doc_text(doc)
    text = dt.text
    title_blocks: set[int] | None = None  # computed at the first candidate (most reports have none)
    for m in _later_years(dt, y):
        year = parse_year_token(m.group("y").replace("O", "〇"))
        if year is None or year <= y:
            continue
        s0, e0 = dt.bounds(m.start(), m.end())
        sentence = text[s0:e0]
        at = m.start() - s0
        if _DATE_ONLY.match(sentence) or any(c.start() <= at < c.end() for c in _CITATION_RE.finditer(sentence)):
            continue
        block, off = dt.locate(m.start())
        if title_blocks is None:
            title_blocks = _title_blocks(doc)
        if block in skip or block in title_blocks:
            continue
        if _PLAN_RE.search(sentence) or _SELF_RE.search(sentence) or not _DONE_RE.search(sentence):
            continue
        month = _month(m.group("m"))
        if year == y + 1 and month is not None and month <= cutoff:
            continue
        if year == y + 1 and _UNTIL.search(sentence[:at]) and (month is None or month <= cutoff):
            continue
        yield make_finding(
            FUTURE_EVENT, doc.span_location(block, off, off + len(m.group())),
            f"{y}年度报告把{year}年的工作写成已完成：{sentence.strip()[:60]}",
            f"A {y} report describes work of {year} as done: {sentence.strip()[:60]}",
            evidence={"printed": year, "report_year": y, "passage": sentence.strip()[:160], "cutoff_month": cutoff})
