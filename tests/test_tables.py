"""Canonical tables 二/三/四: the real 淮安 2024 PDF cell by cell, synthetic reports in every format, text lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CORPORA
from corpora.render import convert_blocks, render
from corpora.synth import make_report
from gkreview.analysis import Context
from gkreview.checks import prose_numbers, tables
from gkreview.loader import load, load_text
from gkreview.tables import T3_COLS_7, extract_tables, match_t3_row

PDF = CORPORA / "reports" / "huaian-2024.pdf"

# 淮安市人民政府 2024, table 三 as printed (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计).
HUAIAN_T3 = {
    "一": [3001, 53, 0, 0, 61, 4, 3119], "二": [34, 0, 0, 0, 0, 0, 34],
    "(一)": [1288, 21, 0, 0, 50, 3, 1362], "(二)": [447, 7, 0, 0, 0, 0, 454],
    "(三)1": [2, 0, 0, 0, 0, 0, 2], "(三)2": [30, 1, 0, 0, 0, 0, 31], "(三)3": [5, 0, 0, 0, 0, 0, 5],
    "(三)4": [6, 0, 0, 0, 0, 0, 6], "(三)5": [7, 1, 0, 0, 0, 0, 8], "(三)6": [12, 0, 0, 0, 0, 0, 12],
    "(三)7": [9, 0, 0, 0, 0, 0, 9], "(三)8": [105, 0, 0, 0, 0, 0, 105],
    "(四)1": [746, 12, 0, 0, 10, 1, 769], "(四)2": [11, 0, 0, 0, 0, 0, 11], "(四)3": [1, 0, 0, 0, 0, 0, 1],
    "(五)1": [56, 6, 0, 0, 0, 0, 62], "(五)2": [25, 0, 0, 0, 0, 0, 25], "(五)3": [0, 0, 0, 0, 0, 0, 0],
    "(五)4": [0, 0, 0, 0, 0, 0, 0], "(五)5": [1, 0, 0, 0, 0, 0, 1],
    "(六)1": [67, 3, 0, 0, 1, 0, 71], "(六)2": [6, 0, 0, 0, 0, 0, 6], "(六)3": [108, 2, 0, 0, 0, 0, 110],
    "(七)": [2932, 53, 0, 0, 61, 4, 3050], "四": [103, 0, 0, 0, 0, 0, 103],
}
HUAIAN_T2 = {
    ("规章", "本年制发件数"): 1, ("规章", "本年废止件数"): 0, ("规章", "现行有效件数"): 11,
    ("行政规范性文件", "本年制发件数"): 8, ("行政规范性文件", "本年废止件数"): 26, ("行政规范性文件", "现行有效件数"): 66,
    ("行政许可", "本年处理决定数量"): 447228, ("行政处罚", "本年处理决定数量"): 3985758,
    ("行政强制", "本年处理决定数量"): 88283, ("行政事业性收费", "本年收费金额"): 96171.6,
}
HUAIAN_T4 = {"行政复议": [72, 64, 178, 37, 351], "未经复议直接起诉": [13, 4, 8, 1, 26], "复议后起诉": [12, 1, 1, 6, 20]}
T4_COLS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def _assert_huaian(ts) -> None:  # type: ignore[no-untyped-def]
    t3, t2, t4 = ts.table3, ts.table2, ts.table4
    assert t3 is not None and t2 is not None and t4 is not None
    assert (t3.variant, t2.variant, t3.columns) == ("2021", "2021", T3_COLS_7)
    assert t3.confidence == t2.confidence == t4.confidence == 1.0 and not t3.missing_labels
    for row, values in HUAIAN_T3.items():
        for col, v in zip(T3_COLS_7, values, strict=True):
            assert t3.value(row, col) == v, (row, col)
    assert len(t3.cells) == 175
    for (row, col), v in HUAIAN_T2.items():
        assert t2.value(row, col) == v, (row, col)
    assert len(t2.cells) == 10
    for row, values in HUAIAN_T4.items():
        for col, v in zip(T4_COLS, values, strict=True):
            assert t4.value(row, col) == v, (row, col)
    assert not t3.conflicts and not t2.conflicts and not t4.conflicts


@pytest.fixture(scope="module")
def huaian():  # type: ignore[no-untyped-def]
    return load(PDF)[0]


def test_huaian_pdf_every_cell(huaian) -> None:  # type: ignore[no-untyped-def]
    _assert_huaian(extract_tables(huaian))


def test_huaian_pdf_has_no_arithmetic_finding(huaian) -> None:  # type: ignore[no-untyped-def]
    ctx = Context(huaian)
    found = [*tables.check(huaian, ctx), *prose_numbers.check(huaian, ctx)]
    assert found == [], [f.message["en"] for f in found]


def test_huaian_as_plain_text_lines() -> None:
    """The same report as PDF text (rows are label + numbers, labels wrapped, vertical group labels, footers)."""
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(PDF) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    doc = load_text(text)[0]
    ts = extract_tables(doc)
    _assert_huaian(ts)
    assert ts.table3 is not None and ts.table3.source == "text"
    assert tables.check_tables(doc, ts) == []


def test_cell_location_points_into_the_source_grid(huaian) -> None:  # type: ignore[no-untyped-def]
    ts = extract_tables(huaian)
    assert ts.table3 is not None
    block, row, col = ts.table3.source_coords("(七)", "总计")  # type: ignore[misc]
    grid = huaian.blocks[block]
    assert grid.rows[row][col].text.strip() == "3050"
    loc = ts.table3.cell("(七)", "总计").location(huaian)  # type: ignore[union-attr]
    assert (loc.row, loc.col, loc.col_label) == (row, col, "总计") and huaian.quote(loc).strip() == "3050"
    d = ts.to_dict()
    assert d["table3"]["values"]["一"]["总计"] == 3119 and d["table2"]["values"]["行政事业性收费"]["本年收费金额"] == 96171.6


@pytest.mark.parametrize(("seed", "year"), [(11, 2020), (12, 2023)])
@pytest.mark.parametrize("fmt", ["txt", "docx", "html"])
def test_synthetic_reports_in_every_format(tmp_path: Path, seed: int, year: int, fmt: str) -> None:
    rep = make_report(seed=seed, year=year, scale=40)
    path = render(rep.blocks, fmt, tmp_path / f"r.{fmt}", title=rep.title)
    doc = load(path)[0]
    ts = extract_tables(doc)
    assert ts.table3 is not None and ts.table3.variant == rep.template
    for key, values in rep.values["table3"].items():
        row = key.replace("（", "(").replace("）", ")")
        assert [ts.table3.value(row, c) for c in T3_COLS_7] == values, row
    t4 = rep.values["table4"]
    assert ts.table4 is not None
    assert [ts.table4.value(b, c) for b in HUAIAN_T4 for c in T4_COLS] == t4
    assert ts.table2 is not None and ts.table2.confidence == 1.0
    for row, values in rep.values["table2"].items():
        cols = [c for r, c in ts.table2.expected if r == row]
        assert [ts.table2.value(row, c) for c in cols] == values, row


def test_traditional_script_tables() -> None:
    rep = make_report(seed=5, year=2022, scale=40)
    blocks = convert_blocks(rep.blocks, "traditional")
    doc = load_text("\n".join(" | ".join(r) for b in blocks if b[0] == "table" for r in b[1]))[0]
    ts = extract_tables(doc)
    assert ts.table3 is not None and ts.table3.value("(七)", "总计") == rep.values["table3"]["（七）"][6]
    assert ts.table4 is not None and ts.table4.confidence == 1.0


@pytest.mark.parametrize("unit", ["（件）", "（单位：件）", "(件)"])
def test_column_headers_with_a_unit_in_brackets(unit: str) -> None:
    """总计（件）, 结果维持（单位：件）: a unit after a column header does not hide the column (table 四's three
    总计 columns were lost: the header map is built from the other twelve)."""
    rep = make_report(seed=8, year=2023, scale=40)
    units = {"总计", "结果维持", "本年制发件数", "自然人"}
    lines = [" | ".join(c + unit if c in units else c for c in r) for b in rep.blocks if b[0] == "table" for r in b[1]]
    ts = extract_tables(load_text("\n".join(lines))[0])
    assert ts.table4 is not None and ts.table4.confidence == 1.0 and not ts.table4.missing_labels
    assert [ts.table4.value(r, c) for r in ("行政复议", "未经复议直接起诉", "复议后起诉") for c in
            ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")] == rep.values["table4"]
    assert ts.table3 is not None and ts.table3.value("(七)", "总计") == rep.values["table3"]["（七）"][6]
    assert ts.table2 is not None and ts.table2.value("规章", "本年制发件数") == rep.values["table2"]["规章"][0]


def test_row_labels_are_anchored_by_text_not_position() -> None:
    assert match_t3_row("三、本年度办理结果|(三)不予公开|1.属于国家秘密") == "(三)1"
    assert match_t3_row("(二)部分公开(区分处理的,只计这一情形,不计其他情形)") == "(二)"
    assert match_t3_row("其政府信息公开申请|3、其他") == "(六)3"
    assert match_t3_row("(六)其他处理") == "(六)"
    assert match_t3_row("2.其他法律行政法规禁止公开") == "(三)2"
    assert match_t3_row("四、結轉下年度繼續辦理".replace("結轉", "结转").replace("繼續辦理", "继续办理")) == "四"
    assert match_t3_row("信息内容") is None


def test_eight_column_variant_with_legal_person_subtotal() -> None:
    lines = ["三、收到和处理政府信息公开申请情况"]
    rows = {"一、本年新收政府信息公开申请数量": [5, 1, 0, 0, 1, 0, 2, 7], "二、上年结转政府信息公开申请数量": [0] * 8,
            "（一）予以公开": [5, 1, 0, 0, 1, 0, 2, 7], "（七）总计": [5, 1, 0, 0, 1, 0, 2, 7],
            "四、结转下年度继续办理": [0] * 8}
    lines += [f"{k} {' '.join(map(str, v))}" for k, v in rows.items()]
    ts = extract_tables(load_text("\n".join(lines))[0])
    assert ts.table3 is not None and len(ts.table3.columns) == 8
    assert ts.table3.value("一", "法人或其他组织小计") == 2 and ts.table3.value("一", "总计") == 7


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_grid_mapping_replayed_for_a_known_layout_keeps_each_reports_values(tmp_path: Path, fmt: str) -> None:
    """A layout seen before is mapped from the cached plan: the result equals a fresh mapping, values included."""
    from gkreview import tables as tables_mod

    docs = []
    for seed in (21, 22, 23):
        rep = make_report(seed=seed, year=2023, scale=40)
        docs.append((rep, load(render(rep.blocks, fmt, tmp_path / f"r{seed}.{fmt}", title=rep.title))[0]))
    tables_mod._GRID_PLANS.clear()
    fresh = []
    for _, doc in docs:
        tables_mod._GRID_PLANS.clear()
        fresh.append(extract_tables(doc).to_dict())
    tables_mod._GRID_PLANS.clear()
    replayed = [extract_tables(doc).to_dict() for _, doc in docs]  # the 2nd and 3rd reuse the 1st's plans
    assert 0 < len(tables_mod._GRID_PLANS) < sum(len(doc.tables) for _, doc in docs)  # layouts were shared
    assert replayed == fresh
    for (rep, _), ts in zip(docs, replayed, strict=True):
        for key, values in rep.values["table3"].items():
            row = key.replace("（", "(").replace("）", ")")
            assert [ts["table3"]["values"][row][c] for c in T3_COLS_7] == values, row


@pytest.mark.parametrize("width", [8, 10, 12])
def test_text_rows_with_wrapped_labels_keep_every_row(width: int) -> None:
    """A label column narrower than its labels (a PDF without column rules, copied text): each row line holds
    only the first ``width`` characters of its label, the rest follows on lines of their own. Every leaf row
    of table 三 must still be found, with its own numbers."""
    from gkreview.data import labels as L

    lines = ["三、收到和处理政府信息公开申请情况", "本年新收 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计"]
    expected: dict[str, list[int]] = {}
    for i, row in enumerate(L.T3_ROWS):
        if row.variants and "2021" not in row.variants:
            continue
        if row.key in L.T3_GROUP_KEYS or row.key == "三":
            lines.append(row.label)
            continue
        values = [i * 10 + c for c in range(7)]
        lines.append(f"{row.label[:width]} " + " ".join(map(str, values)))
        rest = row.label[width:]
        while rest:
            lines.append(rest[:width])
            rest = rest[width:]
        expected[row.key] = values
    doc = load_text("2023年政府信息公开工作年度报告\n" + "\n".join(lines) + "\n")[0]
    t3 = extract_tables(doc).table3
    assert t3 is not None and not t3.conflicts
    for key, values in expected.items():
        assert [t3.cells[(key, c)].number.value for c in T3_COLS_7] == values, key


def test_invisible_characters_pasted_from_the_web_do_not_hide_figures() -> None:
    """Zero-width spaces and BOMs around figures (left by web editors) are not text: same tables, no findings."""
    import re

    from gkreview.loader import load_bytes
    from gkreview.pipeline import review

    clean = (CORPORA / "unseen" / "bureau-2023-plainrows.txt").read_text(encoding="utf-8")
    pasted = re.sub(r"(?<=[ \t|])(\d+)(?=[ \t|]|$)", lambda m: "\u200b" + m.group(1) + "\ufeff", clean, flags=re.M)
    assert pasted.count("\u200b") > 100
    want = {k: c.number.value for k, c in extract_tables(load_text(clean)[0]).table3.cells.items()}
    for doc in (load_text(pasted)[0], load_bytes(pasted.encode("utf-8"), "pasted.txt")[0]):
        assert {k: c.number.value for k, c in extract_tables(doc).table3.cells.items()} == want
        assert [f.rule_id for f in review(doc)] == []


def _t4_text_report(row: str, t3_row: str = "") -> str:
    """A text report whose table 四 (and optionally one table-三 row) is printed as text lines, headers with
    spaces, the value row as given."""
    return "\n".join([
        "2023年政府信息公开工作年度报告",
        "三、收到和处理政府信息公开申请情况",
        "本年新收 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计",
        *([t3_row] if t3_row else []),
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政复议 行政诉讼",
        "未经复议直接起诉 复议后起诉",
        "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计 "
        "结果维持 结果纠正 其他结果 尚未审结 总计",
        row,
        "五、存在的主要问题及改进情况",
        "无。",
    ]) + "\n"


_T4_VALUES = [1, 2, 0, 1, 4, 0, 3, 1, 0, 4, 2, 0, 1, 1, 4]


def _t4_values(doc) -> list[object]:  # type: ignore[no-untyped-def]
    from gkreview.tables import T4_COLS, T4_ROWS

    t4 = extract_tables(doc).table4
    cells = t4.cells if t4 is not None else {}
    return [c.number.value if (c := cells.get((b, k))) is not None else None for b in T4_ROWS for k in T4_COLS]


@pytest.mark.parametrize("blank", [1, 2, 5, 11, 13])
def test_tab_separated_row_keeps_its_blank_cells_in_place(blank: int) -> None:
    """A table row whose fields are tab-separated (a PDF row printed without rules, a spreadsheet row) leaves a
    blank cell as an empty field: the values after it stay in their columns. Printed with single spaces, the
    same row has one value too few and cannot be placed. (A blank first or last cell of a lone text line is
    stripped with the line's blanks; the PDF parser's rows keep both tabs.)"""
    fields = ["" if i == blank else str(v) for i, v in enumerate(_T4_VALUES)]
    want = [None if i == blank else v for i, v in enumerate(_T4_VALUES)]
    doc = load_text(_t4_text_report("\t" + "\t".join(fields)))[0]
    assert _t4_values(doc) == want
    spaced = load_text(_t4_text_report(" ".join(f for f in fields if f)))[0]
    assert _t4_values(spaced) != want


def test_tab_separated_table3_row_with_a_blank_cell() -> None:
    row = "一、本年新收政府信息公开申请数量\t5\t\t2\t0\t1\t0\t8"
    doc = load_text(_t4_text_report("\t" + "\t".join(map(str, _T4_VALUES)), row))[0]
    t3 = extract_tables(doc).table3
    assert t3 is not None
    got = [t3.cells[("一", c)].number.value if ("一", c) in t3.cells else None for c in T3_COLS_7]
    assert got == [5, None, 2, 0, 1, 0, 8]


def test_planted_error_in_a_tab_row_with_blanks_is_found() -> None:
    from gkreview.pipeline import review

    fields = [str(v) for v in _T4_VALUES]
    fields[2] = ""
    fields[14] = "5"  # 复议后起诉 总计 5, its parts sum to 4
    doc = load_text(_t4_text_report("\t" + "\t".join(fields)))[0]
    found = [f for f in review(doc) if f.rule_id == "gk.table4.block-total"]
    assert len(found) == 1 and "复议后起诉" in str(found[0].evidence) + found[0].message["zh"]


_T4_BLOCKS_PRINTED = [("行政复议", "行政复议"), ("行政诉讼", "未经复议直接起诉"), ("行政诉讼", "复议后起诉")]
_OUTCOMES = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def _turned_t4(layout: str, values: list[int]) -> list[str]:
    """Table 四's lines turned round: blocks as rows (``transposed``) or one row per block and outcome
    (``rotated``), as a ``|`` grid or as text lines with spaces."""
    sep = " | " if layout.endswith("grid") else " "
    if layout.startswith("transposed"):
        lines = [sep.join(["项目", "项目", *_OUTCOMES]) if sep != " " else " ".join(_OUTCOMES)]
        for i, (a, b) in enumerate(_T4_BLOCKS_PRINTED):
            label = [a, b] if sep != " " else [b]
            lines.append(sep.join([*label, *map(str, values[5 * i:5 * i + 5])]))
        return lines
    lines = [sep.join(["类别", "类别", "结果", "数量"])] if sep != " " else []
    for i, (a, b) in enumerate(_T4_BLOCKS_PRINTED):
        for k, o in enumerate(_OUTCOMES):
            label = [a, b, o] if sep != " " else ([b, o] if k == 0 else [o])
            lines.append(sep.join([*label, str(values[5 * i + k])]))
    return lines


def _turned_report(layout: str, values: list[int]) -> str:
    return "\n".join(["淮安市洪泽区人民政府2023年政府信息公开工作年度报告",
                      "本报告由淮安市洪泽区人民政府办公室编制，统计期限自2023年1月1日起至2023年12月31日止。",
                      "四、政府信息公开行政复议、行政诉讼情况",
                      *_turned_t4(layout, values), "五、存在的主要问题及改进情况", "无。"]) + "\n"


_TURNED = ["transposed-grid", "rotated-grid", "transposed-lines", "rotated-lines"]


@pytest.mark.parametrize("layout", _TURNED)
def test_table4_turned_round_is_read_in_the_usual_shape(layout: str) -> None:
    """Table 四 printed with the blocks as rows and the outcomes as columns, or rotated to one row per block
    and outcome, maps to the same canonical cells as the usual layout."""
    doc = load_text(_turned_report(layout, _T4_VALUES))[0]
    assert _t4_values(doc) == _T4_VALUES


@pytest.mark.parametrize("layout", _TURNED)
def test_table4_turned_round_planted_error_is_found(layout: str) -> None:
    from gkreview.pipeline import review

    values = list(_T4_VALUES)
    values[9] += 2  # 未经复议直接起诉 总计 off by two
    found = [f for f in review(load_text(_turned_report(layout, values))[0]) if f.rule_id == "gk.table4.block-total"]
    assert len(found) == 1
    assert "未经复议直接起诉" in found[0].message["zh"] + str(found[0].evidence)
