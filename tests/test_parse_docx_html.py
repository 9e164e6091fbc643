"""DOCX and HTML parsers: format variants agree with their seeds, template grids, numbering, page extraction."""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import gkreview
from conftest import CORPORA, ROOT
from gkreview.document import Document, Paragraph, Table
from gkreview.normalize import norm
from gkreview.parsers import docx as docx_parser
from gkreview.parsers import html as html_parser

if str(ROOT) not in sys.path:  # corpora/ is a package at the repository root, not installed
    sys.path.insert(0, str(ROOT))

from corpora.make_hostile_docx import minimal_docx, para
from corpora.render import BIG5_SUBSTITUTES, convert_script, render, to_html
from corpora.synth import make_report

MANIFEST = json.loads((CORPORA / "manifest.json").read_text(encoding="utf-8"))
VARIANTS = [e for e in MANIFEST["files"] if e["kind"] == "variant"]


def _key(docs: list[Document]) -> str:
    """All paragraph text of a file, normalised, whitespace removed."""
    return re.sub(r"\s+", "", "".join(p.norm for d in docs for p in d.paragraphs))


@cache
def _seed_key(seed: str, script: str, encoding: str | None) -> str:
    """The seed's text as the variant was rendered (same script conversion and Big5 substitutions)."""
    text = convert_script((CORPORA / seed).read_text(encoding="utf-8"), script)
    if encoding == "big5":
        text = text.translate(str.maketrans(BIG5_SUBSTITUTES))
    return _key(gkreview.load_text(text))


# --- every variant of every seed --------------------------------------------------------------------------------

@pytest.mark.parametrize("entry", VARIANTS, ids=[Path(e["path"]).name for e in VARIANTS])
def test_variant_matches_its_seed(entry: dict[str, Any]) -> None:
    docs = gkreview.load(CORPORA / entry["path"])
    assert docs[0].source.format == entry["format"]
    assert _key(docs) == _seed_key(entry["source"], entry["script"], entry["encoding"])
    assert len(docs) == entry["segments"]
    assert [norm(d.title) if d.title else None for d in docs] == entry["titles"]


def test_simplified_variants_equal_the_raw_seed_text() -> None:
    """No conversion at all for same-script variants: docx/html/pdf/gb18030 of 000–003 give the seed's text."""
    checked = 0
    for e in VARIANTS:
        if e["script"] == "simplified" and not e["source"].startswith("seeds/004"):
            raw = _key(gkreview.load(CORPORA / e["source"]))
            assert _key(gkreview.load(CORPORA / e["path"])) == raw, e["path"]
            checked += 1
    assert checked >= 16


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_offsets_round_trip(fmt: str) -> None:
    for e in VARIANTS:
        if e["format"] != fmt:
            continue
        for doc in gkreview.load(CORPORA / e["path"]):
            text = doc.source.text
            for block in doc.blocks:
                if isinstance(block, Paragraph):
                    assert text[block.start : block.end] == block.text
                    s, e2 = block.orig_span(0, len(block.norm))
                    assert text[s:e2] == block.text
                else:
                    for row in block.rows:
                        for cell in row:
                            if cell.start is not None:
                                assert text[cell.start : cell.end] == cell.text


# --- the blank 2021 template, cell by cell (domain §2.3–2.5) ---------------------------------------------------------

C = "^"  # a position covered by a merged cell that starts elsewhere
T2_GRID = [
    ["第二十条第（一）项", C, C, C],
    ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
    ["规章", "", "", ""],
    ["行政规范性文件", "", "", ""],
    ["第二十条第（五）项", C, C, C],
    ["信息内容", "本年处理决定数量", C, C],
    ["行政许可", "", C, C],
    ["第二十条第（六）项", C, C, C],
    ["信息内容", "本年处理决定数量", C, C],
    ["行政处罚", "", C, C],
    ["行政强制", "", C, C],
    ["第二十条第（八）项", C, C, C],
    ["信息内容", "本年收费金额（单位：万元）", C, C],
    ["行政事业性收费", "", C, C],
]
T2_MERGES = [(0, 0, 1, 4), (4, 0, 1, 4), (5, 1, 1, 3), (6, 1, 1, 3), (7, 0, 1, 4), (8, 1, 1, 3), (9, 1, 1, 3),
             (10, 1, 1, 3), (11, 0, 1, 4), (12, 1, 1, 3), (13, 1, 1, 3)]
_N = [""] * 7
T3_GRID = [
    ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", C, C, "申请人情况", C, C, C, C, C, C],
    [C, C, C, "自然人", "法人或其他组织", C, C, C, C, "总计"],
    [C, C, C, C, "商业\n企业", "科研\n机构", "社会公益组织", "法律服务机构", "其他", C],
    ["一、本年新收政府信息公开申请数量", C, C, *_N],
    ["二、上年结转政府信息公开申请数量", C, C, *_N],
    ["三、本年度办理结果", "（一）予以公开", C, *_N],
    [C, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", C, *_N],
    [C, "（三）不予公开", "1.属于国家秘密", *_N],
    [C, C, "2.其他法律行政法规禁止公开", *_N],
    [C, C, "3.危及“三安全一稳定”", *_N],
    [C, C, "4.保护第三方合法权益", *_N],
    [C, C, "5.属于三类内部事务信息", *_N],
    [C, C, "6.属于四类过程性信息", *_N],
    [C, C, "7.属于行政执法案卷", *_N],
    [C, C, "8.属于行政查询事项", *_N],
    [C, "（四）无法提供", "1.本机关不掌握相关政府信息", *_N],
    [C, C, "2.没有现成信息需要另行制作", *_N],
    [C, C, "3.补正后申请内容仍不明确", *_N],
    [C, "（五）不予处理", "1.信访举报投诉类申请", *_N],
    [C, C, "2.重复申请", *_N],
    [C, C, "3.要求提供公开出版物", *_N],
    [C, C, "4.无正当理由大量反复申请", *_N],
    [C, C, "5.要求行政机关确认或重新出具已获取信息", *_N],
    [C, "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", *_N],
    [C, C, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", *_N],
    [C, C, "3.其他", *_N],
    [C, "（七）总计", C, *_N],
    ["四、结转下年度继续办理", C, C, *_N],
]
T3_MERGES = [(0, 0, 3, 3), (0, 3, 1, 7), (1, 3, 2, 1), (1, 4, 1, 5), (1, 9, 2, 1), (3, 0, 1, 3), (4, 0, 1, 3),
             (5, 0, 22, 1), (5, 1, 1, 2), (6, 1, 1, 2), (7, 1, 8, 1), (15, 1, 3, 1), (18, 1, 5, 1), (23, 1, 3, 1),
             (26, 1, 1, 2), (27, 0, 1, 3)]
_R = ["结果\n维持", "结果\n纠正", "其他\n结果", "尚未\n审结", "总计"]
T4_GRID = [
    ["行政复议", C, C, C, C, "行政诉讼", C, C, C, C, C, C, C, C, C],
    ["结果维持", "结果\n纠正", "其他\n结果", "尚未\n审结", "总计", "未经复议直接起诉", C, C, C, C, "复议后起诉", C, C, C, C],
    [C, C, C, C, C, *_R, *_R],
    [""] * 15,
]
T4_MERGES = [(0, 0, 1, 5), (0, 5, 1, 10), (1, 5, 1, 5), (1, 10, 1, 5)] + [(1, c, 2, 1) for c in range(5)]


def _assert_grid(table: Table, grid: list[list[str]], merges: list[tuple[int, int, int, int]]) -> None:
    """Every position: its text, whether it is a copy, and which merged cell (and span) it belongs to."""
    assert table.shape == (len(grid), len(grid[0]))
    origin_of = {}
    for r0, c0, rs, cs in merges:
        for r in range(r0, r0 + rs):
            for c in range(c0, c0 + cs):
                origin_of[(r, c)] = (r0, c0, rs, cs)
    for r, row in enumerate(grid):
        for c, expected in enumerate(row):
            cell = table.rows[r][c]
            r0, c0, rs, cs = origin_of.get((r, c), (r, c, 1, 1))
            assert cell.origin == (r0, c0), (r, c)
            assert (cell.rowspan, cell.colspan) == (rs, cs), (r, c)
            assert cell.is_copy == (expected == C), (r, c)
            assert cell.text == (grid[r0][c0] if expected == C else expected), (r, c)


def test_template_tables_cell_by_cell() -> None:
    docs = gkreview.load(CORPORA / "templates" / "template-2021-blank.docx")
    assert len(docs) == 1
    doc = docs[0]
    tables = doc.tables
    assert len(tables) == 3
    _assert_grid(tables[0], T2_GRID, T2_MERGES)
    _assert_grid(tables[1], T3_GRID, T3_MERGES)
    _assert_grid(tables[2], T4_GRID, T4_MERGES)
    # Each table sits right after its section heading (body order, not paragraphs-then-tables).
    kinds = [(b.kind, b.text[:4]) for b in doc.blocks]
    for heading, table in (("二、主动", tables[0]), ("三、收到", tables[1]), ("四、政府", tables[2])):
        i = kinds.index(("paragraph", heading))
        assert doc.blocks[i + 1] is table
    assert doc.source.metadata["author"] == "张幸瑾"
    assert doc.source.metadata["created_date"].startswith("2025-12-03")


# --- synthetic reports: merged cells survive docx and html ------------------------------------------------------

@pytest.mark.parametrize("fmt", ["docx", "html"])
@pytest.mark.parametrize("year", [2022, 2019])
def test_synthetic_tables_round_trip(fmt: str, year: int, tmp_path: Path) -> None:
    rep = make_report(seed=year, year=year)
    path = render(rep.blocks, fmt, tmp_path / f"r.{fmt}", title=rep.title)
    doc = gkreview.load(path)[0]
    expected = [b for b in rep.blocks if b[0] == "table"]
    assert len(doc.tables) == len(expected) == 3
    for table, (_, rows, merges) in zip(doc.tables, expected, strict=True):
        assert table.texts() == rows
        covered = {(r, c) for r0, c0, rs, cs in merges for r in range(r0, r0 + rs) for c in range(c0, c0 + cs)
                   if (r, c) != (r0, c0)}
        assert {(c.row, c.col) for row in table.rows for c in row if c.is_copy} == covered
    prose = [b[1] for b in rep.blocks if b[0] != "table"]
    assert [p.text for p in doc.paragraphs] == prose


# --- docx specifics ---------------------------------------------------------------------------------------------

NUMBERING = (
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
    "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>'
    "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
)
STYLES = (
    '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>'
    '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
)


def _num(level: int, num_id: int = 1) -> str:
    return f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'


def test_automatic_numbering_rendered_as_labels() -> None:
    body = "".join([
        para("总体情况", '<w:pStyle w:val="1"/>'),             # heading style carries level-0 numbering
        para("主动公开", _num(1)),
        para("依申请公开", _num(1)),
        para("细项", _num(2)),
        para("细项", _num(2)),
        para("主动公开政府信息情况", '<w:pStyle w:val="1"/>'),
        para("重新开始", _num(1)),
        para("要点", _num(0, 2)),                              # bullets have no text label
        para("普通段落"),
    ])
    result = docx_parser.parse(minimal_docx(body, styles=STYLES, numbering=NUMBERING))
    got = [(p.numbering, p.text, p.style) for p in result.blocks]
    assert got == [
        ("一、", "总体情况", "Heading 1"), ("（一）", "主动公开", "Normal"), ("（二）", "依申请公开", "Normal"),
        ("1.", "细项", "Normal"), ("2.", "细项", "Normal"), ("二、", "主动公开政府信息情况", "Heading 1"),
        ("（一）", "重新开始", "Normal"), (None, "要点", "Normal"), (None, "普通段落", "Normal"),
    ]
    # Numbered paragraphs inside table cells get their label in the cell text (and count in the list).
    cell = f'<w:tc><w:p><w:pPr>{_num(2)}</w:pPr><w:r><w:t>属于国家秘密</w:t></w:r></w:p></w:tc>'
    in_table = docx_parser.parse(minimal_docx(para("细项", _num(2)) + f"<w:tbl><w:tr>{cell}</w:tr></w:tbl>",
                                              numbering=NUMBERING))
    assert in_table.blocks[1].rows[0][0].text == "2.属于国家秘密"
    # The label is part of what a reader (and every check) sees; offsets still point at the typed text.
    first = result.blocks[0]
    assert isinstance(first, Paragraph)
    assert first.norm == "一、总体情况"
    assert result.source.text[first.start : first.end] == "总体情况"
    assert first.orig_span(2, 6) == (first.start, first.end)


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三"),
                                         (100, "一百"), (105, "一百零五"), (110, "一百一十")])
def test_chinese_counting(n: int, text: str) -> None:
    assert docx_parser.chinese_counting(n) == text


def test_format_number_other_formats() -> None:
    fmt = docx_parser.format_number
    assert (fmt(3, "decimalEnclosedCircle"), fmt(2, "ideographTraditional"), fmt(4, "upperRoman")) == ("③", "乙", "IV")
    assert (fmt(28, "lowerLetter"), fmt(12, "decimalFullWidth"), fmt(1, "bullet")) == ("bb", "１２", None)


def test_body_order_merges_nested_tables_and_hidden_text() -> None:
    cell = '<w:tc>{pr}<w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>'
    nested = ('<w:tbl><w:tr>' + cell.format(pr="", t="内") + cell.format(pr="", t="表") + "</w:tr></w:tbl>")
    table = (
        "<w:tbl>"
        "<w:tr>" + cell.format(pr='<w:tcPr><w:gridSpan w:val="2"/></w:tcPr>', t="合并")
        + cell.format(pr='<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>', t="纵") + "</w:tr>"
        "<w:tr>" + cell.format(pr="", t="a")
        + '<w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p>' + nested + "</w:tc>"
        + cell.format(pr="<w:tcPr><w:vMerge/></w:tcPr>", t="") + "</w:tr>"
        "</w:tbl>"
    )
    body = (
        para("表前段落")
        + table
        + '<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del>'
          '<w:ins><w:r><w:t>插入</w:t></w:r></w:ins><w:r><w:instrText>PAGE</w:instrText></w:r>'
          '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r></w:p>'
        + '<w:sdt><w:sdtContent>' + para("控件内段落") + "</w:sdtContent></w:sdt>"
    )
    result = docx_parser.parse(minimal_docx(body, header=para("某某县人民政府"), footer=para("- 1 -")))
    kinds = [b.kind for b in result.blocks]
    assert kinds == ["paragraph", "table", "paragraph", "paragraph"]
    grid = result.blocks[1]
    assert isinstance(grid, Table)
    assert grid.texts() == [["合并", "合并", "纵"], ["a", "b\n内\t表", "纵"]]
    assert grid.rows[0][1].is_copy and grid.rows[1][2].is_copy and grid.rows[1][2].origin == (0, 2)
    assert grid.rows[0][2].rowspan == 2
    assert result.blocks[2].text == "保留插入"
    assert result.blocks[3].text == "控件内段落"
    assert result.source.header_footer == ["某某县人民政府", "- 1 -"]
    assert "某某县" not in result.source.text


def test_docx_core_properties_and_printed_metadata(tmp_path: Path) -> None:
    blocks = [("table", [["索引号:", "A-1", "文号:", "某政发〔2021〕3号"], ["成文日期:", "2021-01-05", "", ""]], []),
              ("title", "某县2020年政府信息公开工作年度报告"), ("p", "正文。")]
    doc = gkreview.load(render(blocks, "docx", tmp_path / "m.docx", title="Microsoft Word - 年报.docx"))[0]
    meta = doc.source.metadata
    assert meta["title"] == "年报"
    assert meta["author"] == "gkreview corpora"
    assert meta["doc_no"] == "某政发〔2021〕3号"
    assert meta["written_date"] == "2021-01-05"
    assert doc.title == "某县2020年政府信息公开工作年度报告"


# --- html specifics ---------------------------------------------------------------------------------------------

def test_html_page_furniture_goes_to_metadata_not_body() -> None:
    blocks = [("title", "某某局2020年政府信息公开工作年度报告"), ("p", "一、总体情况"), ("p", "本年度，我局认真贯彻条例。" * 10)]
    page = to_html(blocks, title="某某局2020年政府信息公开工作年度报告", charset="gb2312",
                   metadata={"publisher": "某某局", "published_date": "2021-01-20", "written_date": "2021-01-19"})
    result = html_parser.parse(page.encode("gb18030"))
    meta = result.source.metadata
    assert result.source.encoding == "gb18030"
    assert meta["publisher"] == "某某局"
    assert meta["published_date"] == "2021-01-20"
    assert meta["written_date"] == "2021-01-19"
    assert meta["title"] == "某某局2020年政府信息公开工作年度报告"
    assert meta["index_no"].startswith("GK-")
    assert [b.text for b in result.blocks] == [b[1] for b in blocks]
    for junk in ("首页", "当前位置", "打印本页", "版权所有", "分享到", "setFontSize", "索引号"):
        assert junk not in result.source.text


def test_html_dl_metadata_br_lines_and_lying_charset() -> None:
    page = """<html><head><meta charset="gb2312"><title>武定县安监局2017年政府信息公开工作年度报告-武定县人民政府</title>
    <meta name="ContentSource" content="武定县安全生产监督管理局"></head><body>
    <ul class="menu"><li><a href="/">首页</a></li><li><a href="/a">机构</a></li></ul>
    <dl class="info"><dt>索引号</dt><dd>015-2018-01</dd><dt>发布日期</dt><dd>2018年1月20日</dd></dl>
    <div class="article"><div class="TRS_Editor">
    <p>一、概述</p><div>第一行<br>第二行<br/><span>第三</span>行</div>
    <table><tr><th rowspan="2">项目</th><th colspan="2">数量</th></tr><tr><td>1</td><td>2</td></tr></table>
    <p>二、主动公开政府信息情况</p><p>本年度主动公开信息120条，全部通过政府网站发布，做到了应公开尽公开。</p>
    </div></div></body></html>"""
    result = html_parser.parse(page.encode("utf-8"))  # declared gb2312, really UTF-8
    assert result.source.encoding == "utf-8"
    meta = result.source.metadata
    assert (meta["index_no"], meta["published_date"]) == ("015-2018-01", "2018年1月20日")
    assert meta["publisher"] == "武定县安全生产监督管理局"
    assert meta["title"] == "武定县安监局2017年政府信息公开工作年度报告"
    kinds = [(b.kind, b.text) for b in result.blocks]
    assert kinds[:4] == [("paragraph", "一、概述"), ("paragraph", "第一行"), ("paragraph", "第二行"),
                         ("paragraph", "第三行")]
    table = result.blocks[4]
    assert isinstance(table, Table)
    assert table.texts() == [["项目", "数量", "数量"], ["项目", "1", "2"]]
    assert result.blocks[5].text == "二、主动公开政府信息情况"
    for b in result.blocks:
        if isinstance(b, Paragraph):
            assert result.source.text[b.start : b.end] == b.text


def test_html_densest_block_without_hints() -> None:
    long = "我局严格按照条例要求，认真做好政府信息公开工作，主动公开各类信息。" * 4
    page = (f"<html><body><table><tr><td><a href='/'>首页</a> <a href='/x'>政务公开</a></td></tr></table>"
            f"<table width='1000'><tr><td width='200'><a href='/1'>通知公告</a><br><a href='/2'>工作动态</a></td>"
            f"<td><p>一、总体情况</p><p>{long}</p><p>二、主动公开政府信息情况</p><p>{long}</p></td></tr></table>"
            f"<p>网站地图 | 联系我们</p></body></html>")
    result = html_parser.parse(page.encode("utf-8"))
    assert [b.text[:6] for b in result.blocks] == ["一、总体情况", long[:6], "二、主动公开", long[:6]]
