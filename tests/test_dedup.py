"""Duplicate detector (issue 6): masking, alignment, ratios, findings, index, views."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import opencc
import pytest

import gkreview
from conftest import ROOT, seed
from gkreview.analysis import Context
from gkreview.checks import duplicates as dup
from gkreview.config import Settings
from gkreview.dedup import (
    Boilerplate,
    DuplicateIndex,
    MaskedText,
    compare_documents,
    mask_document,
    mask_plain,
    render_html,
    render_text,
)
from gkreview.dedup.align import align
from gkreview.dedup.boilerplate import learn
from gkreview.dedup.compare import section_spans
from gkreview.dedup.minhash import SCHEME
from gkreview.dedup.places import find_places, foreign_places, own_codes

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

COPY_RULES = {dup.PRIOR_YEAR.id, dup.REDATED.id, dup.CROSS_AGENCY.id}


def summaries(docs: list[gkreview.Document], paths: list[str] | None = None) -> list[dict]:
    """Batch summaries as the runner builds them (path and segment added)."""
    out = []
    for i, doc in enumerate(docs):
        s = dup.summarize(doc, Context(doc, Settings()))
        s["path"] = paths[i] if paths else doc.path
        s["segment"] = doc.segment
        out.append(s)
    return out


def batch(docs: list[gkreview.Document], paths: list[str] | None = None) -> list[gkreview.Finding]:
    return list(dup.check_batch(summaries(docs, paths), Settings()))


# --- real seeds (the "done means") -----------------------------------------------------

def test_seed001_part3_is_a_redated_copy_of_part2() -> None:
    docs = gkreview.load(seed("001"))
    comparison = compare_documents(docs[2], docs[1])
    assert comparison.copy_ratio >= 0.9
    assert comparison.years_in_reused.get(2009, 0) > comparison.years_in_reused.get(2012, 0)
    findings = [f for f in batch(docs) if f.rule_id == dup.REDATED.id]
    assert len(findings) == 1
    f = findings[0]
    assert f.location.segment == 2 and f.severity == gkreview.Severity.ERROR
    assert f.evidence["source"]["segment"] == 1 and f.evidence["copy_ratio"] >= 0.9
    # the primary location quotes the copy, the related one the source, in the same file
    text = docs[2].source.text
    assert text[f.location.start : f.location.end] and f.related[0].segment == 1
    assert "2009" in f.message["zh"] and "2012" in f.message["zh"]
    # the earlier parts are not reported as copies of the later one
    assert not any(f.location.segment in (0, 1) for f in batch(docs) if f.rule_id in COPY_RULES)


def test_seeds_000_and_004_share_only_template() -> None:
    d0, d4 = gkreview.load(seed("000")), gkreview.load(seed("004"))
    for a in d0:
        for x, y in ((a, d4[0]), (d4[0], a)):
            c = compare_documents(x, y)
            assert c.copy_ratio < 0.03
            assert all(p.template for p in c.passages)
    assert not [f for f in batch([*d0, *d4]) if f.rule_id != dup.REPEATED_PASSAGE.id]


def test_self_in_traditional_script_scores_100() -> None:
    conv = opencc.OpenCC("s2t")
    for doc in gkreview.load(seed("001"))[1:3]:
        trad = gkreview.load_text(conv.convert(doc.text))
        assert len(trad) == 1 and trad[0].source.script == "traditional"
        assert compare_documents(trad[0], doc).copy_ratio == pytest.approx(1.0)
        assert compare_documents(doc, trad[0]).copy_ratio == pytest.approx(1.0)


# --- masking -----------------------------------------------------------------------------------

BODY = ("2020年，本局共召开专题会议研究部署政务公开工作3次，修订完善信息发布审核流程，"
        "明确由办公室牵头负责网站栏目的日常维护。全年在门户网站发布各类信息1250条，"
        "其中机构职能类信息42条，工作动态类信息860条，政策解读类信息36条。")


def test_years_numbers_and_agency_are_masked() -> None:
    a = mask_plain("宜宾市生态环境局" + BODY, agency="宜宾市生态环境局")
    b = mask_plain("威海市生态环境局" + BODY.replace("2020", "2021").replace("1250", "977").replace("3次", "5次"),
                   agency="威海市生态环境局")
    assert a.text == b.text
    assert "2020" not in a.text and "宜宾" not in a.text
    assert align(a.text, b.text).covered.all()


def test_masked_offsets_point_at_original_characters() -> None:
    doc = gkreview.load(seed("004"))[0]
    m = mask_document(doc)
    text = doc.source.text
    conv = opencc.OpenCC("t2s")
    # every non-token masked character comes from the original character it points at
    for i in range(0, len(m.text), 37):
        ch = m.text[i]
        if ch < "\ue000" or ch > "\ue002":
            assert conv.convert(text[m.orig[i]]) == ch or text[m.orig[i]] == ch
    again = MaskedText.from_json(m.to_json())
    assert again.text == m.text and (again.orig == m.orig).all() and (again.template == m.template).all()


def test_template_text_is_marked_and_excluded() -> None:
    tpl = "本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n一、总体情况\n二、主动公开政府信息情况\n"
    a = gkreview.load_text("甲县水利局2021年政府信息公开工作年度报告\n" + tpl + BODY + "\n")[0]
    b_body = "全县水利系统依托政务新媒体矩阵开展防汛知识宣传，累计推送科普短视频和图文消息，群众反响良好。"
    b = gkreview.load_text("乙市财政局2022年政府信息公开工作年度报告\n" + tpl.replace("2021", "2022") + b_body + "\n")[0]
    c = compare_documents(a, b)
    assert c.copy_ratio == 0.0 and c.template_chars > 30
    assert c.passages and all(p.template for p in c.passages)
    assert "本报告中所列数据的统计期限" in c.passages[0].a_text


def test_min_match_is_respected() -> None:
    shared = "政务公开工作领导小组"  # 10 characters
    a = "甲" * 5 + shared + "乙" * 5
    b = "丙" * 5 + shared + "丁" * 5
    assert not align(a, b, 13).covered.any()
    assert align(a, b, 10).covered.sum() == len(shared)


def test_small_edits_inside_a_copy_are_bridged() -> None:
    para = BODY * 2
    edited = para[:40] + "某" + para[41:90] + "甲" + para[91:]
    c = compare_documents(gkreview.load_text(edited)[0], gkreview.load_text(para)[0])
    assert c.copy_ratio == pytest.approx(1.0)
    strict = compare_documents(gkreview.load_text(edited)[0], gkreview.load_text(para)[0], max_gap=0)
    assert strict.copy_ratio < 1.0


# --- findings on constructed pairs -------------------------------------------------------------

def _report(agency: str, year: int, paras: list[str]) -> str:
    return "\n".join([f"{agency}{year}年政府信息公开工作年度报告", "一、总体情况", *paras]) + "\n"


def _prose(seed_: int, n: int = 8) -> list[str]:
    import random

    from corpora.gen_duplicates import paragraph

    rng = random.Random(seed_)
    return [paragraph(rng, 2020, "本局") for _ in range(n)]


def test_prior_year_copy_and_threshold_option() -> None:
    old = _prose(1)
    new = old[:5] + _prose(2, 3)  # ~60 % of the text reused
    a = gkreview.load_text(_report("宜宾市生态环境局", 2021, new))[0]
    b = gkreview.load_text(_report("宜宾市生态环境局", 2020, old))[0]
    found = [f for f in batch([a, b], ["a.txt", "b.txt"]) if f.rule_id in COPY_RULES]
    assert [(f.rule_id, f.location.path) for f in found] == [(dup.PRIOR_YEAR.id, "a.txt")]
    ratio = found[0].evidence["copy_ratio"]
    assert 0.5 <= ratio < 0.9
    strict = Settings(options={"duplicates.threshold": min(0.99, ratio + 0.05)})
    assert not [f for f in dup.check_batch(summaries([a, b], ["a.txt", "b.txt"]), strict) if f.rule_id in COPY_RULES]


def test_cross_agency_copy_names_the_foreign_place() -> None:
    src = _prose(3)
    copied = [p.replace("本局", "宜宾市生态环境局") if i == 2 else p for i, p in enumerate(src)]
    copied[2] = "宜宾市生态环境局" + copied[2]
    a = gkreview.load_text(_report("威海市生态环境局", 2021, copied))[0]
    b = gkreview.load_text(_report("宜宾市生态环境局", 2020, src))[0]
    found = [f for f in batch([a, b], ["weihai.txt", "yibin.txt"]) if f.rule_id == dup.CROSS_AGENCY.id]
    assert len(found) == 1 and found[0].location.path == "weihai.txt"
    assert found[0].severity == gkreview.Severity.ERROR
    names = {p["name"] for p in found[0].evidence["foreign_places"]}
    assert "宜宾市" in names or "宜宾市生态环境局" in names or any("宜宾" in n for n in names)
    assert "宜宾" in found[0].message["zh"]


def test_identical_tables_across_years() -> None:
    table = "\n".join(["项目 | 本年新收 | 上年结转 | 办结", "自然人 | 12 | 3 | 14", "法人 | 5 | 1 | 6",
                       "总计 | 17 | 4 | 20"])
    a = gkreview.load_text(_report("甲县民政局", 2021, [*_prose(4, 3), table]))[0]
    b = gkreview.load_text(_report("甲县民政局", 2020, [*_prose(5, 3), table]))[0]
    assert a.tables and b.tables
    found = [f for f in batch([a, b], ["a.txt", "b.txt"]) if f.rule_id == dup.IDENTICAL_TABLES.id]
    assert len(found) == 1 and found[0].location.path == "a.txt"
    assert found[0].evidence["values"] == ["12", "3", "14", "5", "1", "6", "17", "4", "20"]
    # small units often report all zeros for years: equal but uninformative tables are not flagged
    zeros = "\n".join(["项目 | 本年新收 | 上年结转 | 办结", "自然人 | 1 | 0 | 1", "法人 | 0 | 0 | 0", "总计 | 1 | 0 | 1"])
    a0 = gkreview.load_text(_report("甲县民政局", 2021, [*_prose(4, 3), zeros]))[0]
    b0 = gkreview.load_text(_report("甲县民政局", 2020, [*_prose(5, 3), zeros]))[0]
    assert not [f for f in batch([a0, b0]) if f.rule_id == dup.IDENTICAL_TABLES.id]


def test_same_report_twice_is_an_informational_near_duplicate() -> None:
    text = _report("甲县民政局", 2021, _prose(6))
    docs = [gkreview.load_text(text)[0], gkreview.load_text(text)[0]]
    found = batch(docs, ["x.pdf", "x.docx"])
    assert [f.rule_id for f in found] == [dup.NEAR_DUPLICATE.id]
    assert found[0].severity == gkreview.Severity.INFO


def test_repeated_passage_inside_one_document() -> None:
    paras = _prose(7, 5)
    doc = gkreview.load_text(_report("甲县民政局", 2021, [*paras, paras[1]]))[0]
    found = list(dup.check(doc, Context(doc, Settings())))
    assert len(found) == 1 and found[0].rule_id == dup.REPEATED_PASSAGE.id
    loc, first = found[0].location, found[0].related[0]
    assert doc.source.text[loc.start : loc.end] == doc.source.text[first.start : first.end]
    clean = gkreview.load_text(_report("甲县民政局", 2021, paras))[0]
    assert not list(dup.check(clean, Context(clean, Settings())))


# --- per-section ratios ------------------------------------------------------------------------

def test_per_section_ratios_follow_the_detected_sections() -> None:
    """The real section detector splits the 复制比: section 一 copied, section 二 new."""
    old, fresh = _prose(8, 4), _prose(9, 4)
    a = gkreview.load_text(_report("甲县民政局", 2021, [*old[:2], "二、主动公开政府信息情况", *fresh[:2]]))[0]
    b = gkreview.load_text(_report("甲县民政局", 2020, old))[0]
    assert [s[0] for s in section_spans(a)] == ["overview", "proactive"]
    c = compare_documents(a, b)
    ratios = {s.section: s.ratio for s in c.sections}
    assert ratios["overview"] > 0.9 and ratios["proactive"] < 0.05
    assert 0.3 < c.copy_ratio < 0.7
    summary = dup.summarize(a, Context(a, Settings()))
    assert [s[0] for s in summary["sections"]] == ["overview", "proactive"]


# --- views -------------------------------------------------------------------------------------

def test_render_text_and_html() -> None:
    docs = gkreview.load(seed("001"))
    c = compare_documents(docs[2], docs[1])
    text = render_text(c, max_passages=2)
    assert "复制比" in text and "98." in text and "│" in text
    hostile = gkreview.load_text("<script>alert(1)</script>" + BODY + "\n")[0]
    h = render_html(compare_documents(hostile, gkreview.load_text(BODY + "\n")[0]))
    assert "<script>" not in h and "&lt;script&gt;" in h
    assert 'class="reused"' in h
    tpl = render_html(compare_documents(gkreview.load(seed("000"))[1], gkreview.load(seed("004"))[0]))
    assert 'class="tpl"' in tpl
    assert c.to_dict()["copy_ratio"] >= 0.9


# --- places ------------------------------------------------------------------------------------

def test_place_names() -> None:
    names = [h.name for h in find_places("威海市的指南里写着宜宾市和四川省绵阳市涪城区")]
    assert names == ["威海市", "宜宾市", "四川省", "绵阳市", "涪城区"]
    own = own_codes("绵阳市环境保护局")
    assert [h.name for h in foreign_places("四川省绵阳市涪城区与宜宾市", own)] == ["宜宾市"]
    assert foreign_places("宜宾市", []) == []


# --- index -------------------------------------------------------------------------------------

def test_index_build_save_load_query_and_update(tmp_path: Path) -> None:
    docs = gkreview.load(seed("001"))
    idx = DuplicateIndex.build(docs[:2])
    hits = idx.query(docs[2])
    assert hits and hits[0].key.endswith("#1") and hits[0].year == 2009
    path = tmp_path / "archive.gkdup"
    size = idx.save(path)
    assert size == path.stat().st_size
    loaded = DuplicateIndex.load(path)
    assert [c.key for c in loaded.query(docs[2])] == [c.key for c in hits]
    # yearly update: add this year's report and query later ones against earlier years only
    loaded.add(docs[2])
    assert len(loaded) == 3
    assert not [c for c in loaded.query(docs[1], before_year=2009)]
    loaded.save(path)
    again = DuplicateIndex.load(path, mmap=False)
    assert {c.key[-2:] for c in again.query(docs[1])} >= {"#2"}


def test_index_refuses_another_hash_scheme(tmp_path: Path) -> None:
    idx = DuplicateIndex()
    idx.add_text("x#0", BODY * 3, year=2020)
    path = tmp_path / "i.gkdup"
    idx.save(path)
    raw = path.read_bytes().replace(SCHEME.encode(), SCHEME.replace("oph", "xxx").encode())
    path.write_bytes(raw)
    with pytest.raises(ValueError, match="scheme"):
        DuplicateIndex.load(path)


def test_index_summaries_and_documents_agree() -> None:
    docs = gkreview.load(seed("001"))
    idx = DuplicateIndex()
    for s in summaries(docs[:2]):
        idx.add(s)
    assert idx.query(docs[2])[0].key == f"{docs[1].path}#1"


# --- boilerplate model -------------------------------------------------------------------------

def test_boilerplate_model_learns_text_many_agencies_print(tmp_path: Path) -> None:
    stock = "我们坚持把政务公开作为推进治理能力现代化的重要抓手持续用力"
    texts = [(f"agency{i}", mask_plain(stock + BODY.replace("本局", f"第{i}局") + "".join(_prose(i, 1))).text)
             for i in range(5)]
    texts += [("agency0", mask_plain(_prose(50, 1)[0]).text)] * 4  # one agency repeating itself is not boilerplate
    model = learn(texts, min_agencies=3)
    path = tmp_path / "bp.npz"
    model.save(path)
    loaded = Boilerplate.load(path)
    m = mask_plain(stock + "这是另外一段独立撰写的文字内容没有重复", template_marker=loaded)
    assert m.template[: len(stock) - 2].all() and not m.template[-10:].any()
    own = mask_plain(_prose(50, 1)[0], template_marker=loaded)
    assert not own.template.any()
    assert np.asarray(loaded.hashes).dtype == np.uint64
