"""Years family: title year vs 统计期限 vs body vs signature date (domain §1.3, §4 #1 #3 #5).

Applied to annual reports and to 工作总结 (both describe one past year; a re-dated
summary is the same copy-paste defect). The signature-date deadline rule only
applies to annual reports, since 总结 have no legal deadline.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from gkreview.analysis import Context
from gkreview.document import Document
from gkreview.findings import Finding, Rule, Severity, make_finding
from gkreview.years import YearInfo, YearMention

MISMATCH = Rule(
    id="gk.years.title-period-mismatch", severity=Severity.ERROR,
    summary_zh="标题年份与统计期限年份不一致", summary_en="The title year differs from the statistics-period year.",
    description="The report year in the title must equal the year of the 统计期限 sentence (domain §1.3).",
    bad="某县2018年政府信息公开工作年度报告 … 统计期限自2017年1月1日起至2017年12月31日止",
    good="某县2018年政府信息公开工作年度报告 … 统计期限自2018年1月1日起至2018年12月31日止")
IMPOSSIBLE = Rule(
    id="gk.years.impossible-period", severity=Severity.ERROR,
    summary_zh="统计期限不可能或不是完整自然年", summary_en="The statistics period is impossible or not one calendar year.",
    description="The period must run from 1 January to 31 December of one year; a start after the end (人社部 2010: "
                "自2010年1月1日起至2009年12月31日止) or a partial/over-long span is a defect. Dates damaged by text "
                "extraction (201711日至20171231日) are read, not flagged.",
    bad="统计期限自2010年1月1日起至2009年12月31日止", good="统计期限自2010年1月1日起至2010年12月31日止")
BODY_YEAR = Rule(
    id="gk.years.body-year", severity=Severity.WARNING,
    summary_zh="正文出现与报告年度不符的年份", summary_en="The body mentions a year that is not the report year.",
    description="Years other than Y are allowed only in context: Y−1 with 上年/去年/同比/整改 or in section 五, Y+1 "
                "with 下一步/计划/将 or in section 五, earlier years as history (以来, 开设, 自…起) or inside citations "
                "(《…》, 〔…〕). Anything else usually means text copied from another year's report.",
    bad="某局2012年政府信息公开工作总结 … 2009年,我局继续认真贯彻落实《条例》",
    good="某局2012年政府信息公开工作总结 … 2012年,我局继续认真贯彻落实《条例》")
SIGNATURE = Rule(
    id="gk.years.signature-date", severity=Severity.WARNING,
    summary_zh="落款日期早于报告年度结束或晚于法定发布期限",
    summary_en="The signature date is before the report year ended or after the legal deadline.",
    description="Deadlines (domain §1.3): Y ≤ 2018 every body 03-31 of Y+1; Y ≥ 2019 departments 01-31 and "
                "governments 03-31; 乡镇/街道 follow the department rule unless configured. Options: "
                "years.deadline.department, years.deadline.government, years.deadline.township, "
                "years.deadline.pre2019, years.deadline.grace-days.",
    bad="某县发展和改革局2021年政府信息公开工作年度报告 … 2022年3月20日",
    good="某县发展和改革局2021年政府信息公开工作年度报告 … 2022年1月20日")

RULES: tuple[Rule, ...] = (MISMATCH, IMPOSSIBLE, BODY_YEAR, SIGNATURE)
OPTIONS: dict[str, object] = {
    "years.deadline.department": "01-31",
    "years.deadline.government": "03-31",
    "years.deadline.township": "01-31",
    "years.deadline.pre2019": "03-31",
    "years.deadline.grace-days": 0,
    "years.body-year.max-passages": 5,
}
APPLIES_TO = ("annual_report", "work_summary")


def check(doc: Document, ctx: Context) -> Iterable[Finding]:
    """Year findings for annual reports and work summaries."""
    if not doc.blocks or ctx.doc_type.label not in APPLIES_TO:
        return
    info: YearInfo = ctx.year
    yield from _period(doc, info)
    yield from _body(doc, info, int(ctx.option("years.body-year.max-passages", 5)))
    if ctx.doc_type.label == "annual_report":
        yield from _signature(doc, info, ctx)


def _period_loc(doc: Document, info: YearInfo):  # type: ignore[no-untyped-def]
    p = info.period
    assert p is not None
    return doc.span_location(p.block, p.nstart, p.nend)


def _period(doc: Document, info: YearInfo) -> Iterator[Finding]:
    p = info.period
    if p is None:
        return
    ev = {"title_year": info.title_year, "period": p.to_dict()}
    years = {d.year for d in (p.start, p.end) if d}
    if info.title_year is not None and years and info.title_year not in years:
        yield make_finding(MISMATCH, _period_loc(doc, info),
                           f"标题年份为{info.title_year}年，统计期限为{p.text}",
                           f"Title year {info.title_year} but the statistics period is {p.text}", evidence=ev)
    if p.implicit:
        return
    problem = None
    if p.start and p.end and p.start > p.end:
        problem = ("统计期限起始日期晚于截止日期", "the period starts after it ends")
    elif p.start and p.end and (p.start != date(p.start.year, 1, 1) or p.end != date(p.start.year, 12, 31)):
        problem = ("统计期限不是完整的自然年度", "the period is not one full calendar year")
    elif (p.start is None) != (p.end is None) and not p.broken:
        problem = ("统计期限日期不完整或无效", "a period date is missing or invalid")
    if problem:
        yield make_finding(IMPOSSIBLE, _period_loc(doc, info), f"{problem[0]}：{p.text}",
                           f"Impossible statistics period ({problem[1]}): {p.text}", evidence=ev)


def _body(doc: Document, info: YearInfo, max_passages: int) -> Iterator[Finding]:
    if info.year is None:
        return
    by_year: dict[int, list[YearMention]] = {}
    for m in info.unexplained:
        by_year.setdefault(m.year, []).append(m)
    for year, ms in sorted(by_year.items()):
        first = ms[0]
        loc = doc.span_location(first.block, first.nstart, first.nend)
        related = tuple(doc.span_location(m.block, m.nstart, m.nend) for m in ms[1:max_passages])
        yield make_finding(BODY_YEAR, loc,
                           f"报告年度为{info.year}年，正文{len(ms)}处出现{year}年：{first.passage}",
                           f"Report year {info.year}, but the body mentions {year} {len(ms)} time(s): {first.passage}",
                           evidence={"report_year": info.year, "title_year": info.title_year, "year": year,
                                     "count": len(ms), "passages": [m.passage for m in ms[:max_passages]]},
                           related=related)


def _deadline(year: int, level: str | None, ctx: Context) -> tuple[date, str]:
    if year <= 2018:
        key = "pre2019"
    elif level in ("department", "township"):
        key = level
    else:
        key = "government"  # unknown level: the later deadline, so no false "late" finding
    mm, dd = (int(x) for x in str(ctx.option(f"years.deadline.{key}", OPTIONS[f"years.deadline.{key}"])).split("-"))
    return date(year + 1, mm, dd), key


def _signature(doc: Document, info: YearInfo, ctx: Context) -> Iterator[Finding]:
    if info.year is None:
        return
    when, source = (info.signature_date, "signature") if info.signature_date else (info.published_date, "published")
    if when is None:
        return
    loc = doc.location(info.signature_block) if source == "signature" and info.signature_block is not None \
        else doc.location(0)
    deadline, key = _deadline(info.year, info.level, ctx)
    grace = int(ctx.option("years.deadline.grace-days", 0))
    ev = {"date": when.isoformat(), "source": source, "report_year": info.year, "level": info.level,
          "deadline": deadline.isoformat(), "deadline_rule": key}
    if when < date(info.year + 1, 1, 1):
        yield make_finding(SIGNATURE, loc, f"落款日期{when.isoformat()}早于{info.year}年度结束",
                           f"Dated {when.isoformat()}, before report year {info.year} ended",
                           evidence={**ev, "kind": "before-year-end"})
    elif when > deadline + timedelta(days=grace):
        yield make_finding(SIGNATURE, loc, f"落款日期{when.isoformat()}晚于法定发布期限{deadline.isoformat()}",
                           f"Dated {when.isoformat()}, after the legal deadline {deadline.isoformat()}",
                           evidence={**ev, "kind": "late", "days_late": (when - deadline).days})
