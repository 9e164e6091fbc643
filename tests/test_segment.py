"""Segmentation of the real seeds into documents (issue: foundation)."""

from __future__ import annotations

import gkreview
from conftest import seed


def test_seed000_cover_memo_and_report() -> None:
    docs = gkreview.load(seed("000"))
    assert len(docs) == 2
    assert docs[0].title == "关于呈送鄂温克旗环保局2017年政务公开工作年度报告的报告"
    assert docs[1].title == "2017年环保局政府信息公开工作年度报告"
    assert docs[1].year == 2017
    assert docs[1].agency == "环保局"  # printed after the year: "2017年环保局政府信息公开…"


def test_seed001_five_parts() -> None:
    docs = gkreview.load(seed("001"))
    assert [d.marker for d in docs] == ["第一篇:", "第二篇:", "第三篇:", "第四篇:", "第五篇:"]
    assert [d.year for d in docs] == [2009, 2009, 2012, 2008, 2017]
    assert docs[0].title == "绵阳市环境保护局2009年政府信息公开工作年度报告"
    assert docs[0].agency == "绵阳市环境保护局"


def test_seed003_five_plans() -> None:
    docs = gkreview.load(seed("003"))
    assert len(docs) == 5
    assert all(d.title and d.title.endswith("实施方案") for d in docs)
    assert docs[1].title == "晋城市20XX年政务公开工作实施方案"


def test_seed002_single_notice_with_metadata() -> None:
    docs = gkreview.load(seed("002"))
    assert len(docs) == 1
    meta = docs[0].source.metadata
    assert meta["doc_no"] == "鄂政办字〔2018〕6号"
    assert meta["published_date"] == "2019-03-05"
    assert docs[0].title == "鄂温克旗人民政府办公室关于2017年全旗政务公开工作情况的通报"


def test_seed004_traditional() -> None:
    docs = gkreview.load(seed("004"))
    assert len(docs) == 1
    assert docs[0].source.script == "traditional"
    assert docs[0].year == 2017
    assert docs[0].agency == "武定县安监局"


def test_offsets_round_trip_every_paragraph() -> None:
    for prefix in ("000", "001", "002", "003", "004"):
        for doc in gkreview.load(seed(prefix)):
            for _, para in doc.iter_paragraphs():
                assert doc.source.text[para.start : para.end] == para.text
                # a normalised slice maps back onto the same original characters
                n = para.normalized
                s, e = para.orig_span(0, len(n.text))
                assert doc.source.text[s:e] == para.text


def test_agency_from_the_introduction_must_end_like_a_name() -> None:
    """A title without the agency: the introduction's text before a year is the agency only when it ends like a
    body's name (局, 政府, 镇 …); else the compiler (由X编制) is read, else nothing is guessed."""
    intro = "本报告根据《中华人民共和国政府信息公开条例》要求，由岳阳市教育局编制。"
    period = "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"
    head = "2023年政府信息公开工作年度报告\n"
    assert gkreview.load_text(head + intro + period + "\n一、总体情况\n")[0].agency == "岳阳市教育局"
    assert gkreview.load_text(head + period + "\n一、总体情况\n")[0].agency is None
    named = head + "霍山县衡山镇2023年认真贯彻落实条例。\n" + period + "\n"
    assert gkreview.load_text(named)[0].agency == "霍山县衡山镇"
