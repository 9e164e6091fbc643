"""Wording checks on real seed passages and hand-written cases."""

from __future__ import annotations

from conftest import seed
from gkreview.analysis import Context
from gkreview.checks import wording
from gkreview.loader import load, load_text


def _findings(text: str, rule: str | None = None) -> list:
    out = [f for d in load_text(text) for f in wording.check(d, Context(d))]
    return [f for f in out if rule is None or f.rule_id == rule]


def _report(body: str) -> str:
    return f"白塔乡人民政府2022年政府信息公开工作年度报告\n{body}\n白塔乡人民政府\n2023年1月16日\n"


def test_seed_000_doubled_word_is_found_and_anadiplosis_is_not() -> None:
    memo_report = load(seed("000"))[1]
    found = [f for f in wording.check(memo_report, Context(memo_report)) if f.rule_id == "gk.wording.doubled-phrase"]
    assert len(found) == 1
    assert found[0].evidence["unit"] == "考评"
    assert memo_report.quote(found[0].location) == "考评,考评"
    for path in (seed("001"), seed("002"), seed("004")):  # "专栏,专栏包括…", "信息,信息错字…" are 顶真
        for doc in load(path):
            assert not [f for f in wording.check(doc, Context(doc)) if f.rule_id == "gk.wording.doubled-phrase"]


def test_doubled_words_and_stacks() -> None:
    assert len(_findings(_report("要进一步进一步完善制度。"), "gk.wording.doubled-phrase")) == 1
    assert len(_findings(_report("群众可通过可以通过网站查阅。"), "gk.wording.doubled-phrase")) == 1
    assert len(_findings(_report("加强政策解读和以及回应关切。"), "gk.wording.doubled-phrase")) == 1
    assert len(_findings(_report("工作机制有待于有待完善。"), "gk.wording.doubled-phrase")) == 1
    clean = "坚持常常抓，层层落实，人人有责，天天更新；以及时公开为原则，推动和谐发展，有待于进一步完善。"
    assert not _findings(_report(clean), "gk.wording.doubled-phrase")


def test_placeholders_in_seed_003_and_look_alikes() -> None:
    plan = load(seed("003"))[1]
    found = [f for f in wording.check(plan, Context(plan)) if f.rule_id == "gk.wording.placeholder"]
    assert found and all(f.evidence["kind"] == "year-slot" for f in found)
    assert {plan.quote(f.location) for f in found} == {"20XX"}
    ok = "邮箱xxgk01@163.com，网址http://www.xxgk.gov.cn，二○○九年、二○一○年的资料已归档，X光机1台。"
    assert not _findings(_report(ok), "gk.wording.placeholder")
    bad = "XX镇共收到申请×××件。\n（文字描述）\n联系电话：【】"
    kinds = [f.evidence["kind"] for f in _findings(_report(bad), "gk.wording.placeholder")]
    assert sorted(kinds) == ["empty-bracket", "instruction", "x-slot", "x-slot"]
    assert _findings("白塔乡人民政府\n2023年  月  日\n", "gk.wording.placeholder")[0].evidence["kind"] == "blank-date"


def test_mixed_script() -> None:
    trad = load(seed("004"))[0]  # entirely traditional: not mixed
    assert not [f for f in wording.check(trad, Context(trad)) if f.rule_id == "gk.wording.mixed-script"]
    text = _report("本机关坚持以公开为常态，全年主动公开政府信息120条。\n本機關堅持依法公開，及時回應社會關切。")
    found = _findings(text, "gk.wording.mixed-script")
    assert len(found) == 1 and found[0].evidence["minority"] == "traditional"
    assert "公开/公開" in found[0].evidence["pairs"]
    reverse = "本機關堅持以公開為常態，全年主動公開政府信息120條。\n本机关坚持依法公开。\n本機關及時回應社會關切。"
    found = _findings(reverse, "gk.wording.mixed-script")
    assert len(found) == 1 and found[0].evidence["minority"] == "simplified"


def test_label_typos_and_legitimate_variants() -> None:
    head = "申请人情况 | 自然人 | 总计\n"
    rows = ["一、本年新收政府信息公开申请数量 | 3 | 3", "二、上年结转政府信息公开申请数量 | 0 | 0",
            "（二）部分公开 | 1 | 1", "3.危及三安全一稳定 | 0 | 0", "规章（设区的市、自治州人民政府应提供相关数据） | 0 | 0",
            "商业/企业 | 0 | 0", "总 计 | 3 | 3"]
    assert not _findings(_report(head + "\n".join(rows)), "gk.wording.label-typo")
    typo = rows.copy()
    typo[1] = "二、上年结转政府信息公开申情数量 | 0 | 0"
    found = _findings(_report(head + "\n".join(typo)), "gk.wording.label-typo")
    assert len(found) == 1
    assert found[0].evidence["expected"] == "二、上年结转政府信息公开申请数量"
    assert found[0].location.table is not None and found[0].location.row == 2
    short = _findings(_report(head + "（五）不予理 | 0 | 0\n一、本年新收政府信息公开申请数量 | 3 | 3"), "gk.wording.label-typo")
    assert [f.evidence["expected"] for f in short] == ["（五）不予处理"]


def test_inconsistent_counts() -> None:
    bad = "全年通过政务微博发布信息120条。\n2022年，政务微博发布信息150条，互动不足。"
    found = _findings(_report(bad), "gk.wording.inconsistent-count")
    assert len(found) == 1
    assert (found[0].evidence["printed"], found[0].evidence["other"]) == (150, 120)
    assert found[0].related and found[0].related[0].start is not None
    ok = ("全年通过政务微博发布信息120条。\n政务微博发布信息120条。\n门户网站累计发布信息9000条。"
          "门户网站发布信息300条，门户网站发布政策解读12篇。\n上半年政务微博发布信息60条。")
    assert not _findings(_report(ok), "gk.wording.inconsistent-count")


def test_rules_can_be_switched_off() -> None:
    from gkreview.config import Settings

    doc = load_text(_report("要进一步进一步完善制度。20XX年工作。"))[0]
    settings = Settings(ignore=("gk.wording.doubled-phrase",))
    ids = {f.rule_id for f in wording.check(doc, Context(doc, settings))}
    assert ids == {"gk.wording.placeholder"}
