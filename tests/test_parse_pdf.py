"""The PDF parser on the real 淮安 2024 report, on laid-out PDFs made from seed text, and on hostile files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import CORPORA, SEEDS
from corpora.make_hostile import seed_paragraphs, table_pdf, text_pdf
from gkreview.document import Paragraph, Table
from gkreview.errors import CorruptFile, EncryptedFile, GkreviewError, NoTextLayer, TooLarge
from gkreview.loader import load, parse_bytes
from gkreview.normalize import norm
from gkreview.parsers import pdfgrid
from gkreview.parsers.base import Limits, ParseResult
from gkreview.parsers.pdf import parse

REPORT = CORPORA / "reports" / "huaian-2024.pdf"
HOSTILE = CORPORA / "hostile"
PAGE_NO_RE = re.compile(r"^[-—–]\s*\d+\s*[-—–]$|第\s*\d+\s*页")

# Table 三 of the printed report, read off the PDF: 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计.
TABLE_3 = [
    ("一、本年新收政府信息公开申请数量", [3001, 53, 0, 0, 61, 4, 3119]),
    ("二、上年结转政府信息公开申请数量", [34, 0, 0, 0, 0, 0, 34]),
    ("（一）予以公开", [1288, 21, 0, 0, 50, 3, 1362]),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [447, 7, 0, 0, 0, 0, 454]),
    ("1.属于国家秘密", [2, 0, 0, 0, 0, 0, 2]),
    ("2.其他法律行政法规禁止公开", [30, 1, 0, 0, 0, 0, 31]),
    ("3.危及“三安全一稳定”", [5, 0, 0, 0, 0, 0, 5]),
    ("4.保护第三方合法权益", [6, 0, 0, 0, 0, 0, 6]),
    ("5.属于三类内部事务信息", [7, 1, 0, 0, 0, 0, 8]),
    ("6.属于四类过程性信息", [12, 0, 0, 0, 0, 0, 12]),
    ("7.属于行政执法案卷", [9, 0, 0, 0, 0, 0, 9]),
    ("8.属于行政查询事项", [105, 0, 0, 0, 0, 0, 105]),
    ("1.本机关不掌握相关政府信息", [746, 12, 0, 0, 10, 1, 769]),
    ("2.没有现成信息需要另行制作", [11, 0, 0, 0, 0, 0, 11]),
    ("3.补正后申请内容仍不明确", [1, 0, 0, 0, 0, 0, 1]),
    ("1.信访举报投诉类申请", [56, 6, 0, 0, 0, 0, 62]),
    ("2.重复申请", [25, 0, 0, 0, 0, 0, 25]),
    ("3.要求提供公开出版物", [0, 0, 0, 0, 0, 0, 0]),
    ("4.无正当理由大量反复申请", [0, 0, 0, 0, 0, 0, 0]),
    ("5.要求行政机关确认或重新出具已获取信息", [1, 0, 0, 0, 0, 0, 1]),
    ("1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", [67, 3, 0, 0, 1, 0, 71]),
    ("2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", [6, 0, 0, 0, 0, 0, 6]),
    ("3、其他", [108, 2, 0, 0, 0, 0, 110]),
    ("（七）总计", [2932, 53, 0, 0, 61, 4, 3050]),
    ("四、结转下年度继续办理", [103, 0, 0, 0, 0, 0, 103]),
]
# Table 四: 行政复议 ×5, 未经复议直接起诉 ×5, 复议后起诉 ×5 (维持 纠正 其他 尚未审结 总计).
TABLE_4 = [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]
# Table 二: label → printed values.
TABLE_2 = {
    "规章": ["1", "0", "11"],
    "行政规范性文件": ["8", "26", "66"],
    "行政许可": ["447228"],
    "行政处罚": ["3985758"],
    "行政强制": ["88283"],
    "行政事业性收费": ["96171.6"],
}


@pytest.fixture(scope="module")
def huaian() -> ParseResult:
    return parse(REPORT.read_bytes(), str(REPORT))


def _paragraphs(result: ParseResult) -> list[Paragraph]:
    return [b for b in result.blocks if isinstance(b, Paragraph)]


def _tables(result: ParseResult) -> list[Table]:
    return [b for b in result.blocks if isinstance(b, Table)]


def _distinct(row: list) -> list[str]:
    """Cell texts of a row with horizontally merged copies removed."""
    return [c.text for c in row if not c.is_copy or c.origin[0] != c.row]


# --------------------------------------------------------------------------- the real report


def test_page_count_and_metadata(huaian: ParseResult) -> None:
    src = huaian.source
    assert src.format == "pdf"
    assert src.page_count == 6
    assert src.metadata["title"] == "政府信息公开工作年度报告"
    assert src.metadata["author"] == "王守强"
    assert src.metadata["created_date"] == "2025-02-25T10:02:50+08:00"
    assert src.metadata["modified_date"].startswith("2025-02-25T10:03:24")


def test_no_page_furniture_in_paragraphs(huaian: ParseResult) -> None:
    pars = _paragraphs(huaian)
    assert pars
    assert not [p.text for p in pars if PAGE_NO_RE.search(p.text)]
    assert all(p.page is not None and 1 <= p.page <= 6 for p in pars)


def test_headings_in_order(huaian: ParseResult) -> None:
    texts = [p.text for p in _paragraphs(huaian)]
    headings = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    positions = [texts.index(h) for h in headings]
    assert positions == sorted(positions)
    # Table labels that start with 一、…四、 must not leak out of the tables as paragraphs.
    assert not [t for t in texts if t.startswith(("一、本年新收", "四、结转下年度"))]


def test_wrapped_lines_joined(huaian: ParseResult) -> None:
    texts = [p.text for p in _paragraphs(huaian)]
    intro = next(t for t in texts if t.startswith("本报告由"))
    assert "《中华人民共和国政府信息公开条例》" in intro and intro.endswith("hazwgkc@163.com）。")
    # A paragraph that continues from page 1 onto page 2.
    assert any("“建设‘四最’一流营商环境高质量推进产业发展”" in t for t in texts)
    fee = next(t for t in texts if "信息处理费" in t and "元" in t)
    assert norm(fee).endswith("全年收取政府信息公开信息处理费3940元。")


def test_table_order_between_paragraphs(huaian: ParseResult) -> None:
    kinds = [(b.kind, b.text if isinstance(b, Paragraph) else b.index) for b in huaian.blocks]
    for heading, index in (("二、主动公开政府信息情况", 0), ("三、收到和处理政府信息公开申请情况", 1),
                           ("四、政府信息公开行政复议、行政诉讼情况", 2)):
        i = kinds.index(("paragraph", heading))
        assert kinds[i + 1] == ("table", index)


def test_table_three_cells(huaian: ParseResult) -> None:
    t3 = _tables(huaian)[1]
    assert t3.pages == (4, 5)
    assert t3.n_cols == 10
    data = [r for r in t3.rows if re.fullmatch(r"\d+", r[-1].text)]
    assert len(data) == 25
    for row, (label, numbers) in zip(data, TABLE_3, strict=True):
        assert [int(c.text) for c in row[3:]] == numbers
        assert row[2].text == label
    # Header rows above the numbers: the split header cells joined without spaces.
    header = {c.norm for r in t3.rows[:3] for c in r}
    assert {"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"} <= header


def test_table_three_merged_labels_across_pages(huaian: ParseResult) -> None:
    t3 = _tables(huaian)[1]
    results = [r for r in t3.rows if r[0].text == "三、本年度办理结果"]
    assert len(results) == 22  # (一) … (七): one origin cell spanning both pages
    assert len({r[0].origin for r in results}) == 1
    cannot = [r for r in t3.rows if r[1].text == "（四）无法提供"]
    assert [r[2].text[0] for r in cannot] == ["1", "2", "3"]
    assert len({r[1].origin for r in cannot}) == 1


def test_table_four_numbers(huaian: ParseResult) -> None:
    t4 = _tables(huaian)[2]
    assert t4.pages == (5,)
    assert [int(c.text) for c in t4.rows[-1]] == TABLE_4
    assert [c.norm for c in t4.rows[2][:5]] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def test_table_two_values(huaian: ParseResult) -> None:
    t2 = _tables(huaian)[0]
    assert t2.pages == (3, 4)
    found = {}
    for row in t2.rows:
        cells = _distinct(row)
        if cells[0] in TABLE_2:
            found[cells[0]] = cells[1:]
    assert found == TABLE_2


def test_offsets_round_trip(huaian: ParseResult) -> None:
    text = huaian.source.text
    for b in huaian.blocks:
        if isinstance(b, Paragraph):
            assert text[b.start:b.end] == b.text
        else:
            for row in b.rows:
                for c in row:
                    if c.start is not None:
                        assert text[c.start:c.end] == c.text


def test_loader_gives_one_report_document() -> None:
    docs = load(REPORT)
    assert len(docs) == 1
    assert docs[0].year == 2024
    assert "淮安市人民政府" in (docs[0].title or "")
    assert len(docs[0].tables) == 3


# --------------------------------------------------------------------------- generated PDFs


def _seed_text(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix", ["000", "002", "004"])
def test_generated_paragraphs_rejoined_exactly(prefix: str) -> None:
    paras = seed_paragraphs(_seed_text(prefix))
    result = parse(text_pdf(paras, header="某某县人民政府办公室"), "gen.pdf")
    assert result.source.page_count >= 3
    got = [norm(p.text) for p in _paragraphs(result)]
    assert got == [norm(p) for p in paras]


def test_generated_long_document_small_font() -> None:
    paras = seed_paragraphs(_seed_text("001"))
    result = parse(text_pdf(paras, size=11, header="绵阳市环境保护局"), "gen.pdf")
    assert [norm(p.text) for p in _paragraphs(result)] == [norm(p) for p in paras]


def test_generated_spaced_paragraphs_without_indent() -> None:
    """Flush-left paragraphs separated by space: a sentence that ends at the bottom margin of a
    page is ambiguous there, so allow a few splits but no wrong joins inside a page."""
    paras = seed_paragraphs(_seed_text("003"))
    result = parse(text_pdf(paras, indent=False), "gen.pdf")
    got = [norm(p.text) for p in _paragraphs(result)]
    expected = {norm(p) for p in paras}
    exact = sum(1 for g in got if g in expected)
    assert exact >= 0.97 * len(paras)
    assert "".join(got) == "".join(norm(p) for p in paras)


def test_generated_page_numbers_and_header_removed() -> None:
    paras = seed_paragraphs(_seed_text("002"))
    result = parse(text_pdf(paras, header="内蒙古某旗人民政府办公室"), "gen.pdf")
    assert result.source.header_footer == ["内蒙古某旗人民政府办公室"]
    texts = [p.text for p in _paragraphs(result)]
    assert not [t for t in texts if PAGE_NO_RE.search(t) or "内蒙古某旗人民政府办公室" in t]


def test_single_page_number_kept_out_but_header_needs_repeats() -> None:
    paras = seed_paragraphs(_seed_text("000"))[:3]
    result = parse(text_pdf(paras, header="只出现一次的页眉"), "gen.pdf")
    assert result.source.page_count == 1
    texts = [p.text for p in _paragraphs(result)]
    assert texts[0] == "只出现一次的页眉"  # one page: nothing repeats, so it stays text
    assert not [t for t in texts if PAGE_NO_RE.search(t)]


@pytest.mark.parametrize("repeat_header", [True, False])
def test_generated_table_split_across_pages_joined(repeat_header: bool) -> None:
    paras = seed_paragraphs(_seed_text("000"))
    rows = [["项目", "自然人", "法人或其他组织", "总计"]]
    rows += [[f"第{i}项", str(i), str(2 * i), str(3 * i)] for i in range(1, 41)]
    result = parse(table_pdf(paras[:6], rows, paras[6:8], header="某某县人民政府", repeat_header=repeat_header),
                   "tab.pdf")
    tables = _tables(result)
    assert len(tables) == 1
    t = tables[0]
    assert len(t.pages) == 2
    assert t.texts() == rows
    texts = [norm(p.text) for p in _paragraphs(result)]
    assert texts == [norm(p) for p in paras[:8]]
    order = [b.kind for b in result.blocks]
    assert order.index("table") == 6


@pytest.mark.parametrize("space_before", [630, 650])
def test_generated_table_four_header_row_alone_at_page_bottom(space_before: float) -> None:
    """Table 四 with merged header cells, pushed down so that only its first row fits on page 1."""
    head = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rows = [["行政复议"] * 5 + ["行政诉讼"] * 10, head + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5,
            head * 3, [str(n) for n in TABLE_4]]
    spans = [(0, 0, 1, 5), (0, 5, 1, 10), *[(1, c, 2, 1) for c in range(5)], (1, 5, 1, 5), (1, 10, 1, 5)]
    data = table_pdf(["四、政府信息公开行政复议、行政诉讼情况"], rows, ["五、存在的主要问题及改进情况"], spans=spans,
                     space_before=space_before, size=10, repeat_header=False)
    result = parse(data, "t4.pdf")
    assert [p.text for p in _paragraphs(result)] == ["四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况"]
    (t,) = _tables(result)
    assert t.pages == (1, 2)
    assert t.texts() == rows
    assert t.rows[0][9].origin == (0, 5) and t.rows[0][9].is_copy
    assert t.rows[2][3].origin == (1, 3) and t.rows[2][3].is_copy
    assert not t.rows[2][7].is_copy  # 其他结果 under 未经复议直接起诉 is its own cell


def test_page_number_row_inside_table_dropped_but_bare_numbers_kept() -> None:
    rows = [["项目", "自然人", "法人", "总计"], ["第1项", "1", "2", "3"], ["- 2 -", "", "", ""],
            ["第2项", "2", "4", "6"], ["2", "", "", ""]]
    (t,) = _tables(parse(table_pdf(["表格如下。"], rows, ["以上。"]), "t.pdf"))
    assert t.texts() == [rows[0], rows[1], rows[3], rows[4]]


# --------------------------------------------------------------------------- fast table path


def _plumber_stages(edges: list[dict]) -> list[list[tuple]]:
    """pdfplumber's own table stages on the same edges (the reference for pdfgrid)."""
    from pdfplumber.table import TableFinder

    class EdgePage:  # the two attributes TableFinder reads from a page
        bbox = (0, 0, 0, 0)

        def __init__(self, edges: list[dict]) -> None:
            self.edges = edges

    return [sorted(t.cells, key=lambda b: (b[1], b[0])) for t in TableFinder(EdgePage(edges)).tables]


def _ruled_pages() -> list[tuple[str, bytes, int]]:
    rows = [["项目", "自然人", "法人或其他组织", "总计"]] + [[f"第{i}项", str(i), str(2 * i), str(3 * i)] for i in range(9)]
    generated = table_pdf(["表格如下。"], rows, ["以上。"])
    return [("huaian", REPORT.read_bytes(), n) for n in (2, 3, 4)] + [("generated", generated, 0)]


@pytest.mark.parametrize(("name", "data", "index"), _ruled_pages(), ids=lambda v: v if isinstance(v, str | int) else "")
def test_pdfgrid_matches_pdfplumber(name: str, data: bytes, index: int) -> None:
    """Edges from pdfium's paths equal pdfplumber's (h/v) edges, and the re-implemented table
    stages give pdfplumber's cells on them."""
    import io

    import pdfplumber
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf = pdfium.PdfDocument(data)
    page = pdf[index]
    left, _, _, top = page.get_mediabox()
    paths = [o.raw for o in page.get_objects(max_depth=1) if o.type == pdfium_c.FPDF_PAGEOBJ_PATH]
    edges = pdfgrid.path_edges(paths, left, top)

    def key(e: dict) -> tuple:
        return e["orientation"], e["x0"], e["top"], e["x1"], e["bottom"]

    with pdfplumber.open(io.BytesIO(data), pages=[index + 1]) as plumb:
        ref = [e for e in plumb.pages[0].edges if e["orientation"] in ("h", "v") and (e["x0"] == e["x1"]) != (
            e["top"] == e["bottom"])]
    assert len(edges) == len(ref)
    for ours, theirs in zip(sorted(map(key, edges)), sorted(map(key, ref)), strict=True):
        assert ours[0] == theirs[0]
        assert ours[1:] == pytest.approx(theirs[1:], abs=0.02)  # pdfium keeps coordinates as float32
    grids = pdfgrid.find_grids(edges)
    assert grids
    assert grids == _plumber_stages(edges)
    page.close()
    pdf.close()


@pytest.mark.parametrize("layout", [
    # (text, x0, top) per character; each is 5 pt wide and 8 pt high.
    [("1", 10, 100), ("2", 15, 100), ("3", 20, 100)],                        # one word
    [("a", 10, 100), ("b", 15, 100), ("c", 24, 100.5)],                      # gap over 3 pt, top within 3
    [("甲", 10, 100), (" ", 15, 100), ("乙", 17, 100)],                       # a printed blank splits words
    [("乙", 20, 100), ("甲", 10, 100), ("丙", 10, 110), ("丁", 15, 111.5)],   # two lines, content order shuffled
    [("x", 30, 100), ("y", 10, 100.2), ("z", 12, 102.9), ("w", 40, 106.5)],  # tops chain within 3 pt
])
def test_cell_text_matches_pdfplumber(layout: list[tuple[str, float, float]]) -> None:
    from pdfplumber.utils import extract_text

    ours = [pdfgrid.Char(t, x, x + 5, top, top + 8) for t, x, top in layout]
    theirs = [{"text": t, "x0": x, "x1": x + 5, "top": top, "bottom": top + 8, "upright": True, "height": 8,
               "width": 5, "size": 8, "doctop": top} for t, x, top in layout]
    assert pdfgrid.cell_text(ours) == extract_text(theirs)


def test_dense_drawing_is_not_searched_for_tables() -> None:
    """A page ruled by a thousand crossing lines is a drawing: no grid search (it would take minutes)."""
    def edge(orientation: str, at: float) -> dict:
        if orientation == "h":
            return {"x0": 0.0, "x1": 600.0, "top": at, "bottom": at, "width": 600.0, "height": 0.0,
                    "orientation": "h", "object_type": "curve_edge"}
        return {"x0": at, "x1": at, "top": 0.0, "bottom": 600.0, "width": 0.0, "height": 600.0,
                "orientation": "v", "object_type": "curve_edge"}

    dense = [edge(o, 5.0 * k) for o in ("h", "v") for k in range(600)]
    assert pdfgrid.find_grids(dense) == []
    small = [edge(o, 10.0 * k) for o in ("h", "v") for k in range(4)]
    assert len(pdfgrid.find_grids(small)) == 1


def test_real_report_tables_found_without_pdfminer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path finds all three tables: pdfplumber (pdfminer layout) is never opened."""
    import pdfplumber

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("pdfplumber opened")

    monkeypatch.setattr(pdfplumber, "open", refuse)
    result = parse(REPORT.read_bytes(), str(REPORT))
    assert [t.pages for t in _tables(result)] == [(3, 4), (4, 5), (5,)]
    assert "table_extraction_failed_pages" not in result.source.metadata


@pytest.mark.parametrize("broken", ["page_chars", "find_grids"])
def test_fallback_to_pdfplumber_gives_the_same_tables(huaian: ParseResult, broken: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A ruled grid the fast path cannot fill (no characters) or a failure in it sends the page to
    pdfplumber, which yields the same tables."""
    import gkreview.parsers.pdf as pdf_module

    if broken == "page_chars":
        monkeypatch.setattr(pdf_module, "page_chars", lambda *args: [])
    else:
        def fail(*args: object) -> None:
            raise ValueError("odd geometry")

        monkeypatch.setattr(pdf_module, "find_grids", fail)
    result = parse(REPORT.read_bytes(), str(REPORT))
    assert [t.texts() for t in _tables(result)] == [t.texts() for t in _tables(huaian)]
    assert [p.text for p in _paragraphs(result)] == [p.text for p in _paragraphs(huaian)]


def test_traditional_script_table_cells_readable(tmp_path: Path) -> None:
    """Tables set in a traditional-script CID font: pdfminer decodes their cells into wrong
    characters, pdfium's text is right."""
    from corpora.render import convert_blocks, render

    rows = [["項目", "本年新收", "上年結轉", "總計"], ["行政許可", "12", "3", "15"], ["行政處罰", "7", "0", "7"]]
    blocks = [("h", "二、主動公開政府信息情況"), ("table", rows, []), ("p", "以上為本年度情況。")]
    path = render(blocks, "pdf", tmp_path / "trad.pdf", script="traditional")
    (t,) = _tables(parse(path.read_bytes(), str(path)))
    assert t.texts() == convert_blocks(blocks, "traditional")[1][1]


# --------------------------------------------------------------------------- hostile input


@pytest.mark.parametrize(("name", "error"), [
    ("truncated.pdf", CorruptFile),
    ("encrypted.pdf", EncryptedFile),
    ("image_only.pdf", NoTextLayer),
    ("random.pdf", CorruptFile),
])
def test_hostile_files_raise_typed_errors(name: str, error: type[GkreviewError]) -> None:
    path = HOSTILE / name
    data = path.read_bytes()
    with pytest.raises(error):
        parse(data, str(path))
    with pytest.raises(error):
        parse_bytes(data, str(path))


def test_page_and_character_limits() -> None:
    data = REPORT.read_bytes()
    with pytest.raises(TooLarge):
        parse(data, None, Limits(max_pages=5))
    with pytest.raises(TooLarge):
        parse(data, None, Limits(max_chars=1000))
    assert parse(data, None, Limits(max_pages=6)).source.page_count == 6


def test_hostile_files_are_committed() -> None:
    names = {p.name for p in Path(HOSTILE).glob("*.pdf")}
    assert {"truncated.pdf", "encrypted.pdf", "image_only.pdf", "random.pdf"} <= names
