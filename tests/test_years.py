"""Report year, statistics period and signature date (issue 4, domain §1.3, §2.8, §4 #5)."""

from __future__ import annotations

from datetime import date

import pytest

import gkreview
from conftest import seed
from gkreview.config import Settings
from gkreview.years import report_year

MINE = Settings(select=("gk.years",))


def doc_of(text: str) -> gkreview.Document:
    return gkreview.load_text(text)[0]


def test_seed_years() -> None:
    assert [report_year(d).year for d in gkreview.load(seed("001"))] == [2009, 2009, 2012, 2008, 2017]
    assert report_year(gkreview.load(seed("002"))[0]).year == 2017
    assert report_year(gkreview.load(seed("000"))[1]).year == 2017
    info = report_year(gkreview.load(seed("004"))[0])
    assert (info.year, info.title_year) == (2017, None)
    assert info.period is not None and (info.period.start, info.period.end) == (date(2017, 1, 1), date(2017, 12, 31))


def test_seed001_third_part_title_2012_body_2009() -> None:
    part3 = gkreview.load(seed("001"))[2]
    info = report_year(part3)
    assert info.title_year == 2012
    assert {m.year for m in info.unexplained} == {2009}
    assert info.signature_date == date(2010, 3, 5)  # 二O一O年三月五日
    found = [f for f in gkreview.review(part3, MINE) if f.rule_id == "gk.years.body-year"]
    assert len(found) == 1 and found[0].evidence["year"] == 2009 and found[0].evidence["count"] >= 5
    assert part3.quote(found[0].location) == "2009"


def test_seed001_work_reports_as_annual_reports() -> None:
    """第四篇 (2008, printed without 年: "我局2008政府信息公开工作") and 第五篇 (2017) are consistent."""
    part4, part5 = gkreview.load(seed("001"))[3:]
    for doc, year in ((part4, 2008), (part5, 2017)):
        info = report_year(doc)
        assert (info.year, info.title_year, info.period, info.signature_date) == (year, year, None, None)
        assert gkreview.review(doc, MINE) == []
    assert [(m.year, m.context) for m in report_year(part4).body_years] == [(2008, "same")]


@pytest.mark.parametrize(("sentence", "start", "end"), [
    ("本报告中所列数据的统计期限自2017年1月1日起至2017年12月31日止。", date(2017, 1, 1), date(2017, 12, 31)),
    ("统计期限自201711日至20171231日。", date(2017, 1, 1), date(2017, 12, 31)),
    ("统计期限自 2 0 2 3 年 1 月 1 日至 2 0 2 3 年 12 月 31 日。", date(2023, 1, 1), date(2023, 12, 31)),
    ("数据统计时间为2019年1月1日至12月31日。", date(2019, 1, 1), date(2019, 12, 31)),
    ("統計期限自二〇一七年一月一日起至二〇一七年十二月三十一日止。", date(2017, 1, 1), date(2017, 12, 31)),
])
def test_period_variants(sentence: str, start: date, end: date) -> None:
    info = report_year(doc_of(f"某局政府信息公开工作年度报告\n{sentence}\n一、概述\n正文。"))
    assert info.period is not None
    assert (info.period.start, info.period.end) == (start, end)


def test_period_wrapped_over_two_pdf_lines() -> None:
    info = report_year(doc_of("某局2024年政府信息公开工作年度报告\n报告所列统计期限自 2024 年 1 月 1 日至 2024\n年 12 月 31 日。\n"))
    assert info.period is not None and info.period.end == date(2024, 12, 31)


TEMPLATE = """某县财政局{ty}年政府信息公开工作年度报告
本报告中所列数据的统计期限自{p}。
一、总体情况
{body}
五、存在的主要问题及改进情况
{y0}年度存在的问题已整改到位。下一步，{y1}年将加强培训。
某县财政局
{sig}
"""


def findings(ty: int = 2022, p: str = "2022年1月1日起至2022年12月31日止", body: str = "2022年，本局主动公开信息10条。",
             sig: str = "2023年1月20日") -> list[str]:
    text = TEMPLATE.format(ty=ty, p=p, body=body, y0=ty - 1, y1=ty + 1, sig=sig)
    return sorted(f.rule_id for f in gkreview.review(doc_of(text), MINE))


def test_clean() -> None:
    assert findings() == []


def test_title_period_mismatch() -> None:
    assert findings(p="2021年1月1日起至2021年12月31日止") == ["gk.years.title-period-mismatch"]


def test_impossible_period() -> None:
    assert findings(p="2022年1月1日起至2021年12月31日止") == ["gk.years.impossible-period"]
    assert findings(p="2022年1月1日起至2022年6月30日止") == ["gk.years.impossible-period"]


def test_body_year_contexts() -> None:
    assert findings(body="2020年，本局主动公开信息10条。") == ["gk.years.body-year"]
    assert findings(body="与2021年相比，公开数量增长10%。") == []           # previous year in a comparison
    assert findings(body="2004年10月本局开设了门户网站。") == []             # history
    assert findings(body="根据《2020年政务公开工作要点》要求开展工作。") == []  # citation
    assert findings(body="2023年，本局主动公开信息10条。") == ["gk.years.body-year"]


def test_signature_deadline_per_level_and_option() -> None:
    assert findings(sig="2022年12月28日") == ["gk.years.signature-date"]
    assert findings(sig="2023年2月10日") == ["gk.years.signature-date"]        # department: 01-31
    text = TEMPLATE.format(ty=2022, p="2022年1月1日起至2022年12月31日止", body="正文。", y0=2021, y1=2023,
                           sig="2023年2月10日")
    relaxed = Settings(select=("gk.years",), options={"years.deadline.department": "03-31"})
    assert gkreview.review(doc_of(text), relaxed) == []
    gov = text.replace("某县财政局", "某县人民政府")
    assert gkreview.review(doc_of(gov), MINE) == []                         # government: 03-31


def test_pre2019_deadline_is_march_for_everyone() -> None:
    assert findings(ty=2017, p="2017年1月1日起至2017年12月31日止", body="2017年，本局主动公开信息10条。",
                    sig="2018年3月20日") == []


# --- the fast paths must read exactly what the per-paragraph definitions read ---------------------------------------

def _naive_period_hits(texts: list[str]) -> list[int]:
    from gkreview.years import _PERIOD_RE

    return [k for k, t in enumerate(texts)
            if _PERIOD_RE.search(t) or (k + 1 < len(texts) and _PERIOD_RE.search(t[-5:] + texts[k + 1][:5]))]


def test_period_hits_equal_the_per_paragraph_definition() -> None:
    """Keywords inside a paragraph, cut between two, or opening the next paragraph (so the previous one is a hit)."""
    import random

    from gkreview.years import _period_hits

    rng = random.Random(7)
    fillers = ["", "本", "报告", "数据", "自2019年1月1日起", "统计", "期限"]
    for _ in range(3000):
        texts: list[str] = []
        for _ in range(rng.randint(0, 6)):
            if rng.random() < 0.4:
                kw, cut = rng.choice(("统计期限", "统计时间", "数据截止")), rng.randint(0, 4)
                texts += [rng.choice(fillers) + kw[:cut], kw[cut:] + rng.choice(fillers)]
            else:
                texts.append(rng.choice(fillers) * rng.randint(0, 3))
        assert _period_hits(texts) == _naive_period_hits(texts), texts


def test_period_over_two_lines_and_with_spaces_is_located_exactly() -> None:
    d = doc_of("某县2019年政府信息公开工作年度报告\n本报告统计\n期限自 2019 年 1 月 1 日起至 2019年12月31日止。\n正文。")
    p = report_year(d).period
    assert p is not None and (p.start, p.end) == (date(2019, 1, 1), date(2019, 12, 31))
    assert d.blocks[p.block].norm[p.nstart :].startswith("统计")


def test_year_whose_year_word_is_in_the_next_paragraph_is_not_read() -> None:
    """``2015`` ending a paragraph and ``年`` opening the next: the paragraph alone has no year."""
    from gkreview.years import body_years

    d = doc_of("某县2019年政府信息公开工作年度报告\n编号2015\n年度工作平稳。\n2016年,开展工作。")
    assert [(m.year, d.blocks[m.block].norm[m.nstart : m.nend]) for m in body_years(d, 2019, {0})] == [
        (2016, "2016")]


def test_clause_unit_equals_delimiter_walk() -> None:
    import random
    import re

    from gkreview.years import _CLAUSE_SPLIT, _unit

    rng = random.Random(3)
    for _ in range(3000):
        t = "".join(rng.choice("ab,;。:!?\n2013年") for _ in range(rng.randint(0, 20)))
        s = rng.randint(0, len(t))
        e = rng.randint(s, len(t))
        lo = rng.randint(0, s)
        start = max([lo] + [m.end() for m in _CLAUSE_SPLIT.finditer(t, lo, s)])
        end = m.start() if (m := re.compile(_CLAUSE_SPLIT.pattern).search(t, e)) else len(t)
        assert _unit(t, _CLAUSE_SPLIT, s, e, lo) == t[start:end]
