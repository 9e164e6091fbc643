"""Section detection and structure findings (issue 4): seeds, the real 2024 PDF, and layout pitfalls."""

from __future__ import annotations

import pytest

import gkreview
from conftest import CORPORA, seed
from gkreview.config import Settings
from gkreview.sections import cn_number, detect_sections, match_section_id

MINE = Settings(select=("gk.structure", "gk.years", "gk.doctype"))
SIX = ["overview", "proactive", "requests", "review_litigation", "problems", "other"]


def rules(doc: gkreview.Document) -> list[str]:
    return sorted(f.rule_id for f in gkreview.review(doc, MINE))


def test_seed001_first_part_is_a_complete_pre2019_report() -> None:
    doc = gkreview.load(seed("001"))[0]
    a = detect_sections(doc)
    assert a.template == "pre2019"
    assert a.ids == ["overview", "proactive", "requests", "review_litigation", "fees", "problems"]
    assert [s.heading.token for s in a.sections] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、"]
    assert rules(doc) == []


def test_seed004_traditional_passes_as_complete_pre2019_report() -> None:
    doc = gkreview.load(seed("004"))[0]
    a = detect_sections(doc)
    assert a.template == "pre2019"
    assert a.ids == ["overview", "proactive", "requests", "fees", "review_litigation", "problems"]
    assert not [o for o in a.outline() if o["missing"]]
    assert rules(doc) == []


def test_seed000_attachment_sections() -> None:
    memo, report = gkreview.load(seed("000"))
    assert detect_sections(memo).sections == []
    a = detect_sections(report)
    assert [(s.id, s.heading.title) for s in a.sections] == [("overview", "2017年工作情况"), (None, "2018年工作思路")]
    found = gkreview.review(report, MINE)
    missing = {f.evidence["section"] for f in found if f.rule_id == "gk.structure.missing-section"}
    assert missing == {"proactive", "requests", "fees", "review_litigation", "problems"}


def test_seed001_summaries_are_not_reviewed_for_structure() -> None:
    for doc in gkreview.load(seed("001"))[1:3]:
        assert [f.rule_id for f in gkreview.review(doc, MINE) if not f.rule_id.startswith("gk.years")] == [
            "gk.doctype.not-annual-report"]


@pytest.mark.parametrize(("part", "missing"), [
    (3, ["fees", "review_litigation"]),                            # 南宁 2008: 主动公开/依申请/主要做法/存在问题/下一步
    (4, ["proactive", "fees", "review_litigation", "problems"]),  # 省法制办 2017: themes + 依申请公开
])
def test_seed001_work_reports_are_annual_reports_missing_sections(part: int, missing: list[str]) -> None:
    """第四篇/第五篇 ("…政府信息公开工作报告" with the year's figures) are reviewed as pre-2019 annual reports."""
    doc = gkreview.load(seed("001"))[part]
    found = gkreview.review(doc, MINE)
    assert sorted({f.rule_id for f in found}) == ["gk.structure.missing-section", "gk.structure.nonstandard-title"]
    assert sorted(f.evidence["section"] for f in found if f.rule_id == "gk.structure.missing-section") == sorted(
        missing)
    (title,) = [f for f in found if f.rule_id == "gk.structure.nonstandard-title"]
    assert title.severity == gkreview.Severity.INFO and doc.title and "工作报告" in doc.title


def test_seed002_notice_has_no_structure_findings() -> None:
    doc = gkreview.load(seed("002"))[0]
    assert detect_sections(doc).ids == ["overview", "problems"]
    assert rules(doc) == ["gk.doctype.not-annual-report"]


def test_real_2024_pdf() -> None:
    doc = gkreview.load(CORPORA / "reports" / "huaian-2024.pdf")[0]
    a = detect_sections(doc)
    assert a.template == "2021"
    assert a.ids == SIX
    # 四、结转下年度继续办理 (a table row) directly precedes 四、政府信息公开行政复议… and is not a heading
    assert [s.heading.text for s in a.sections][3] == "四、政府信息公开行政复议、行政诉讼情况"
    assert rules(doc) == []


def test_outline_marks_missing_sections() -> None:
    doc = gkreview.load(seed("000"))[1]
    outline = detect_sections(doc).outline()
    assert [o["id"] for o in outline if o["missing"]] == ["proactive", "requests", "fees", "review_litigation",
                                                        "problems"]
    assert outline[0] == {"id": "overview", "title": "一、2017年工作情况", "level": 1, "block": 3, "missing": False}


@pytest.mark.parametrize(("title", "sid"), [
    ("总体情况", "overview"), ("概述", "overview"), ("主动公开政府信息的情况", "proactive"),
    ("收到和处理政府信息公开申请情况", "requests"), ("依申请公开政府信息和不予公开政府信息的情况", "requests"),
    ("因政府信息公开申请行政复议、提起行政诉讼的情况", "review_litigation"), ("复议、诉讼和申诉情况", "review_litigation"),
    ("政府信息公开的收费及减免情况", "fees"), ("存在的主要问题及改进情况", "problems"),
    ("存在问题及工作打算", "problems"), ("其他需要报告的事项", "other"), ("其它需要报告事项", "other"),
    ("咨询处理情况", "consultation"), ("主要做法", None),
])
def test_synonyms(title: str, sid: str | None) -> None:
    from gkreview.normalize import norm

    assert match_section_id(norm(title)) == sid


def test_cn_numbers() -> None:
    assert [cn_number(t) for t in ("一", "十", "十二", "二十", "二十三", "7")] == [1, 10, 12, 20, 23, 7]


REPORT_2021 = """某县人民政府2022年政府信息公开工作年度报告
本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。
{head1}
（一）主动公开。2022年，本机关主动公开政府信息100条。
（二）依申请公开。2022年共收到申请3件。
二、主动公开政府信息情况
第二十条第（一）项 | 本年制发件数 | 本年废止件数 | 现行有效件数
规章 | 0 | 0 | 0
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3
二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0
三、本年度办理结果
四、结转下年度继续办理 0 0 0 0 0 0 0
四、政府信息公开行政复议、行政诉讼情况
0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
五、存在的主要问题及改进情况
一是解读形式单一；二是更新不够及时。下一步将加强培训，丰富解读形式。
六、其他需要报告的事项
本年度未收取信息处理费。
某县人民政府
2023年3月1日
"""


def test_table_row_labels_and_inline_enumerations_are_not_headings() -> None:
    doc = gkreview.load_text(REPORT_2021.format(head1="一、总体情况"))[0]
    a = detect_sections(doc)
    assert a.ids == SIX
    assert [s.heading.token for s in a.sections] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    assert not a.restarts and not a.mixed
    assert rules(doc) == []


def test_heading_with_text_on_the_same_line_and_fullwidth_tokens() -> None:
    text = REPORT_2021.format(head1="一．总体情况").replace(
        "五、存在的主要问题及改进情况\n", "五、存在的主要问题及改进情况　")
    doc = gkreview.load_text(text)[0]
    a = detect_sections(doc)
    assert a.ids == SIX
    assert a.first("problems").heading.inline  # type: ignore[union-attr]
    assert rules(doc) == []


def test_restart_inside_overview_is_second_numbering() -> None:
    text = REPORT_2021.format(head1="一、总体情况").replace("（一）主动公开", "一、主动公开").replace(
        "（二）依申请公开", "二、依申请公开")
    doc = gkreview.load_text(text)[0]
    a = detect_sections(doc)
    assert a.ids == SIX
    assert [h.title for h in a.restarts] == ["主动公开"]
    assert rules(doc) == ["gk.structure.second-numbering"]


def test_shifted_numbering_when_overview_absent() -> None:
    lines = REPORT_2021.format(head1="一、总体情况").splitlines()
    body = [ln for ln in lines if not ln.startswith(("一、总体", "（一）", "（二）"))]
    text = "\n".join(body)
    for old, new in (("二、主动", "一、主动"), ("三、收到", "二、收到"), ("四、政府", "三、政府"), ("五、存在", "四、存在"),
                     ("六、其他", "五、其他")):
        text = text.replace(old, new)
    doc = gkreview.load_text(text)[0]
    assert rules(doc) == ["gk.structure.missing-section", "gk.structure.shifted-numbering"]


def test_problems_saying_only_none_and_missing_fee_statement() -> None:
    text = REPORT_2021.format(head1="一、总体情况").replace(
        "一是解读形式单一；二是更新不够及时。下一步将加强培训，丰富解读形式。", "无。").replace(
        "本年度未收取信息处理费。", "本机关无其他需要报告的事项。")
    doc = gkreview.load_text(text)[0]
    assert rules(doc) == ["gk.structure.empty-section", "gk.structure.fee-statement-missing"]


def test_table_missing_and_outdated_labels() -> None:
    text = REPORT_2021.format(head1="一、总体情况").replace(
        "四、政府信息公开行政复议、行政诉讼情况\n0 0 0 0 0 0 0 0 0 0 0 0 0 0 0",
        "四、政府信息公开行政复议、行政诉讼情况\n本年度未发生行政复议、行政诉讼。").replace(
        "第二十条第（一）项 | 本年制发件数 | 本年废止件数 | 现行有效件数",
        "第二十条第（一）项 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量").replace(
        "规章 | 0 | 0 | 0", "规章 | 0 | 0 | 0\n政府集中采购 | 0 | 0 | 0")
    doc = gkreview.load_text(text)[0]
    assert detect_sections(doc).template == "2019"
    assert rules(doc) == ["gk.structure.outdated-format", "gk.structure.table-missing"]


SEED_SECTIONS = {
    "000": [[], ["overview"]],
    "001": [["overview", "proactive", "requests", "review_litigation", "fees", "problems"],
            ["proactive", "requests", "review_litigation", "fees", "problems"],
            ["proactive", "requests", "review_litigation", "fees", "problems"],
            ["proactive", "requests", "problems"],
            ["interpretation", "requests"]],
    "002": [["overview", "problems"]],
    "004": [["overview", "proactive", "requests", "fees", "review_litigation", "problems"]],
}


@pytest.mark.parametrize("prefix", sorted(SEED_SECTIONS))
def test_every_seed_segment_sections(prefix: str) -> None:
    assert [detect_sections(d).ids for d in gkreview.load(seed(prefix))] == SEED_SECTIONS[prefix]


# --- the pre-checks must never dismiss what the full patterns accept --------------------------------------------------

def test_number_pre_checks_agree_with_the_patterns() -> None:
    import random

    from gkreview import doctype
    from gkreview.checks import structure
    from gkreview.sections import _ANY_SCHEME, _SCHEMES, _TRAILING_NUMBERS, _ends_in_numbers, may_end_in_number

    rng = random.Random(11)
    alphabet = [*"0123456789 \t|,.%-+()、:;。一二三十第部分情况", "\u3000", "12", "3.5%"]
    for _ in range(20000):
        t = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        assert bool(_ANY_SCHEME.match(t)) == any(rx.match(t) for _, rx, _ in _SCHEMES), t
        assert _ends_in_numbers(t) == bool(_TRAILING_NUMBERS.search(t)), t
        if not may_end_in_number(t):  # the table-row patterns of the type classifier and the structure check
            assert not doctype._NUM_RUN.search(t) and not structure._NUM_RUN.search(t), t


def test_present_labels_are_the_labels_the_flat_text_contains() -> None:
    from gkreview.sections import _LABEL_WORDS, flat_text, present_labels

    for d in gkreview.load(CORPORA / "reports" / "huaian-2024.pdf") + gkreview.load(seed("001")):
        flat = flat_text(d)
        assert present_labels(d) == {w for w in _LABEL_WORDS if w in flat}
    d = gkreview.load_text("某县2019年政府信息公开工作年度报告\n本年 新收 | 12\n申请人逾期未按收费通知要求缴纳费用 0")[0]
    assert {"本年新收", "申请人逾期未按收费通知要求缴纳费用"} <= present_labels(d)
