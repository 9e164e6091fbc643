"""Identity, announced-structure and timeline checks on real seed passages, hand-written cases and the generated set."""

from __future__ import annotations

import pytest

from conftest import seed
from gkreview.analysis import Context
from gkreview.checks import announced, identity, timeline
from gkreview.identity import conflict, extract_identity, foreign_same_level, parse_agency, title_agency
from gkreview.loader import load, load_text


def _ids(text: str, module) -> list[str]:
    return [f.rule_id for d in load_text(text) for f in module.check(d, Context(d))]


def _report(body: str, agency: str = "石桥镇人民政府", year: int = 2022) -> str:
    return f"{agency}{year}年政府信息公开工作年度报告\n{body}\n{agency}\n{year + 1}年1月16日\n"


# --- parsing agency names -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "chain", "kind", "dept"), [
    ("淮安市洪泽区财政局", ["淮安市", "洪泽区"], "department", "finance"),
    ("鄂温克旗环保局", ["鄂温克族自治旗"], "department", "environment"),
    ("鄂温克族自治旗人民政府办公室", ["鄂温克族自治旗"], "government", None),
    ("武定縣安監局", ["武定县"], "department", "emergency"),
    ("金寨县古碑镇人民政府", ["金寨县", "古碑镇"], "township", None),
    ("恩施州来凤县卫生健康委员会", ["恩施土家族苗族自治州", "来凤县"], "department", "health"),
    ("沭阳县新华街道办事处", ["沭阳县", "新华街道"], "township", None),
    ("杭州市临安区财政局", ["杭州市", "临安市"], "department", "finance"),  # renamed since the gazetteer
])
def test_parse_agency(name: str, chain: list[str], kind: str, dept: str | None) -> None:
    a = parse_agency(name)
    assert [p.canonical for p in a.places] == chain
    assert a.kind == kind
    assert a.department == dept


def test_conflicts_only_on_contradictions() -> None:
    assert conflict(parse_agency("洪泽区财政局"), parse_agency("淮安市洪泽区财政局")) is None
    assert conflict(parse_agency("鄂温克旗环保局"), parse_agency("鄂温克旗环境保护局")) is None
    assert conflict(parse_agency("环保局"), parse_agency("绵阳市环境保护局")) is None
    assert "city" in conflict(parse_agency("洪泽区财政局"), parse_agency("沭阳县财政局"))
    assert "level" in conflict(parse_agency("洪泽区财政局"), parse_agency("淮安市财政局"))
    assert "department" in conflict(parse_agency("洪泽区财政局"), parse_agency("洪泽区教育局"))
    assert "town" in conflict(parse_agency("金寨县古碑镇人民政府"), parse_agency("金寨县白塔乡人民政府"))


def test_superior_and_subordinate_bodies_are_not_foreign() -> None:
    author = parse_agency("淮安市洪泽区财政局")
    assert foreign_same_level(author, parse_agency("淮安市人民政府")) is None
    assert foreign_same_level(author, parse_agency("洪泽区人民政府")) is None
    assert foreign_same_level(author, parse_agency("沭阳县财政局")) is not None
    town = parse_agency("金寨县石桥镇人民政府")
    assert foreign_same_level(town, parse_agency("白塔乡")) is not None
    assert foreign_same_level(town, parse_agency("金寨县人民政府")) is None


@pytest.mark.parametrize(("title", "agency"), [
    ("淮安市洪泽区财政局2023年政府信息公开工作年度报告", "淮安市洪泽区财政局"),
    ("2017年环保局政府信息公开工作年度报告", "环保局"),
    ("关于呈送鄂温克旗环保局2017年政务公开工作年度报告的报告", "鄂温克旗环保局"),
    ("鄂温克旗人民政府办公室关于2017年全旗政务公开工作情况的通报", "鄂温克旗人民政府办公室"),
    ("2017政府信息公开工作报告", None),
])
def test_title_agency(title: str, agency: str | None) -> None:
    assert title_agency(title) == agency


# --- real seeds ---------------------------------------------------------------------------------------------------

def test_seed_mentions_agree() -> None:
    memo = load(seed("000"))[0]
    ident = extract_identity(memo)
    assert {m.source for m in ident.mentions} == {"title", "signature"}  # 鄂温克旗环保局 / 鄂温克旗环境保护局
    notice = load(seed("002"))[0]
    assert {m.source for m in extract_identity(notice).mentions} == {"title", "publisher"}
    trad = load(seed("004"))[0]
    assert extract_identity(trad).author.text == "武定县安监局"
    for path in (seed("000"), seed("001"), seed("002"), seed("004")):
        for doc in load(path):
            assert not list(identity.check(doc, Context(doc))), path


def test_seed_001_announces_six_parts_but_has_seven() -> None:
    doc = load(seed("001"))[0]
    found = list(announced.check(doc, Context(doc)))
    assert [f.rule_id for f in found] == ["gk.announced.part-count"]
    assert found[0].evidence["printed"] == 6 and found[0].evidence["computed"] == 7
    assert doc.quote(found[0].location) == "六"
    assert len(found[0].evidence["announced_names"]) == 7


def test_seed_004_traditional_announcement_fits() -> None:
    doc = load(seed("004"))[0]
    assert not list(announced.check(doc, Context(doc)))


def test_seeds_have_no_future_events() -> None:
    for path in (seed("000"), seed("001"), seed("002"), seed("004")):
        for doc in load(path):
            assert not list(timeline.check(doc, Context(doc))), path


# --- hand-written cases -------------------------------------------------------------------------------------------

def test_self_reference_of_another_kind_of_body() -> None:
    assert _ids(_report("2022年，我局高度重视政务公开工作。"), identity) == ["gk.identity.foreign-self-reference"]
    assert _ids(_report("2022年，我镇高度重视政务公开工作。本镇及时更新目录。"), identity) == []
    bureau = _report("我镇按照县政府要求推进公开。", agency="沭阳县财政局")
    assert _ids(bureau, identity) == ["gk.identity.foreign-self-reference"]
    district = _report("我县认真落实条例。", agency="淮安市洪泽区人民政府")
    assert _ids(district, identity) == ["gk.identity.foreign-self-reference"]
    assert _ids(_report("我区认真落实条例，本区域内信息及时公开。", agency="淮安市洪泽区人民政府"), identity) == []


def test_ordinary_mentions_of_superiors_and_neighbours_are_fine() -> None:
    body = ("按照淮安市人民政府要求，我局认真落实条例。组织人员赴沭阳县学习交流，与沭阳县财政局开展座谈。"
            "相关文件同步在淮安市人民政府门户网站公开。淮安市人民政府高度重视政务公开工作。")
    assert _ids(_report(body, agency="淮安市洪泽区财政局"), identity) == []


@pytest.mark.parametrize("body", [
    "进一步完善沭阳县财政局信息公开目录。",
    "本报告电子版可在沭阳县人民政府门户网站查阅或下载。",
    "2022年，沭阳县财政局坚持以公开为常态，全年主动公开政府信息120条。",
])
def test_author_only_phrases_naming_another_county(body: str) -> None:
    assert _ids(_report(body, agency="淮安市洪泽区财政局"), identity) == ["gk.identity.foreign-self-reference"]


def test_department_remit() -> None:
    sanitation = _report("局办公室负责发改系统政府信息公开工作。", agency="洪泽区环卫局")
    assert _ids(sanitation, identity) == ["gk.identity.department-mismatch"]
    assert _ids(_report("局办公室负责城管系统政府信息公开工作。", agency="洪泽区环卫局"), identity) == []
    assert _ids(_report("负责环保系统政府信息公开工作。", agency="绵阳市环境保护局"), identity) == []


def test_timeline_plans_citations_and_early_events() -> None:
    ok = ("2010年，我乡将进一步完善公开目录。根据《关于做好2009年年度报告工作的通知》(县政办〔2010〕3号)编制本报告。"
          "2010年1月，我乡完成了上年度资料归档。截至2010年2月底，已累计公开信息900条。")
    assert _ids(_report(ok, agency="白塔乡人民政府", year=2009), timeline) == []
    done = "2010年6月，我乡组织开展了政务公开培训。"
    assert _ids(_report(done, agency="白塔乡人民政府", year=2009), timeline) == ["gk.timeline.future-event"]
    later = "2011年，我乡共主动公开政府信息300条。"
    assert _ids(_report(later, agency="白塔乡人民政府", year=2009), timeline) == ["gk.timeline.future-event"]


def test_announced_names_split_by_inner_enumeration_comma() -> None:
    intro = ("本报告由概述、主动公开政府信息情况、因政府信息公开申请行政复议、提起行政诉讼的情况、"
             "存在的主要问题及改进情况等四部分组成。")
    body = ("一、概述\n本机关认真落实条例。\n二、主动公开政府信息情况\n全年主动公开信息100条。\n"
            "三、因政府信息公开申请行政复议、提起行政诉讼的情况\n无。\n四、存在的主要问题及改进情况\n解读形式单一。")
    assert _ids(_report(intro + "\n" + body, year=2015), announced) == []
    assert _ids(_report(intro.replace("四部分", "五部分") + "\n" + body, year=2015), announced) == [
        "gk.announced.part-count"]


# --- generated set ------------------------------------------------------------------------------------------------

def test_generated_set_precision_recall_and_clean_controls() -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks.identity import evaluate

    from corpora.gen_identity import generate

    cases = generate(120, seed=7)
    assert sum(c.kind == "clean" for c in cases) == 30
    stats, clean, examples = evaluate(cases)
    assert clean["warning"] == 0 and clean["info"] == 0, examples
    for rule, s in stats.items():
        if s["faults"]:
            assert s["found"] / s["faults"] >= 0.9, (rule, s, examples)
        assert s["tp"] / max(1, s["tp"] + s["fp"]) >= 0.95, (rule, s, examples)
