"""Cross-year comparison of two reports of the same agency (domain §2.7 X1–X4, S1).

Report Y must continue report Y−1: the requests carried over (``四、结转下年度``) become
next year's ``二、上年结转`` (X1); the 现行有效 counts of 规章 and 行政规范性文件 roll
forward by what was issued and repealed (X2, 2021 format); in the 2019 format the
上一年项目数量 rolls forward by 本年增/减 (X3); and 本年新收 or 处理决定数量 should
not jump five-fold without explanation (X4). All are warnings: agencies are
restructured and items reclassified.

The comparison works on JSON summaries (agency, year, canonical table values and
where each value was printed), so the batch runner can pair reports from
different worker processes; :func:`compare_years` does the same for two
:class:`~gkreview.document.Document` objects.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from gkreview.checks.tables import RULES as TABLE_RULES
from gkreview.document import Document, Location, Paragraph
from gkreview.findings import Finding, Rule, Severity, make_finding
from gkreview.tables import T3_COLS_8, TableSet, block_starts, extract_tables

RULES: tuple[Rule, ...] = (
    Rule("gk.crossyear.carry-over", Severity.WARNING, "本年“上年结转”与上年报告“结转下年度”不一致",
         "This year's 上年结转 differs from last year's 结转下年度继续办理 (X1).",
         "Per column of table 三: 二、上年结转 (Y) = 四、结转下年度继续办理 (Y−1) of the same agency.",
         bad="2023 结转下年度 5；2024 上年结转 3", good="2023 结转下年度 5；2024 上年结转 5", scope="batch"),
    Rule("gk.crossyear.rollforward", Severity.WARNING, "现行有效件数与上年及本年制发、废止数不衔接",
         "现行有效件数 does not roll forward from last year (X2).",
         "2021 format, 规章 and 行政规范性文件: 现行有效 (Y) = 现行有效 (Y−1) + 本年制发 (Y) − 本年废止 (Y). "
         "Lowered to information when the text mentions 自然失效/修订/清理.",
         bad="2023 现行有效 5；2024 制发 3 废止 0 现行有效 9", good="… 现行有效 8", scope="batch"),
    Rule("gk.crossyear.items-rollforward", Severity.WARNING, "上一年项目数量与上年报告不衔接",
         "2019 format: 上一年项目数量 does not equal last year's 上一年项目数量 + 本年增/减 (X3).",
         "上一年项目数量 (Y) = 上一年项目数量 (Y−1) + 本年增/减 (Y−1) for 行政许可, 其他对外管理服务事项, 行政处罚, "
         "行政强制 and 行政事业性收费.",
         bad="2019 行政许可 40, -2；2020 上一年项目数量 40", good="2020 上一年项目数量 38", scope="batch"),
    Rule("gk.crossyear.jump", Severity.WARNING, "与上年相比数量异常变化",
         "A year-on-year jump in 本年新收 or 处理决定数量 (X4).",
         "More than 5× or less than 0.2× last year's value (both at least a minimum size) deserves an explanation.",
         bad="2023 新收 20；2024 新收 300", good="2023 新收 20；2024 新收 26", scope="batch"),
)
_RULE = {r.id: r for r in RULES}
_T2_PLAUS = next(r for r in TABLE_RULES if r.id == "gk.table2.plausibility")
_NOTE_RE = re.compile(r"自然失效|失效|修订|清理|废止.{0,6}(?:规章|规范性文件)|宣布失效")
SUMMARY_T3_ROWS = ("一", "二", "四")
_CELL_BLOCK = operator.attrgetter("block")  # the table-三 rows a cross-year finding can point at
JUMP_RATIO = 5.0
JUMP_MIN = 20


def summarize_document(doc: Document, tables: TableSet | None = None, year: int | None = None,
                       agency: str | None = None) -> dict[str, Any]:
    """JSON summary of one report for cross-year pairing: agency, year, table values and cell locations.

    Only what :func:`compare_summaries` reads is kept: variant, columns and values of tables 二 and 三 (of table 三
    only the rows a comparison uses, :data:`SUMMARY_T3_ROWS`), and where each of those values was printed, compactly:
    a cell is ``(row label, col label, block, grid (row, col) or None, start, end)``, a slice of its CanonCell,
    and each block's own location is
    stored once under ``blocks`` (a summary is built for every report but read only for the few that pair up, so
    the Location of a cell is assembled by :func:`_loc` when a finding needs it).
    """
    from gkreview.dedup.author import batch_agency

    tables = tables if tables is not None else extract_tables(doc)
    agency = agency or batch_agency(doc)
    locs: dict[str, dict[str, dict[str, tuple[Any, ...]]]] = {}
    summary_tables: dict[str, Any] = {"table2": None, "table3": None, "table4": None}
    blocks: set[int] = set()
    for t in (tables.table2, tables.table3):
        if t is None:
            continue
        # every cell of table 二; of table 三 only the rows a finding can point at (a few dozen of ~200)
        # (looked up by key: every column key of table 三 is one of T3_COLS_8)
        items = t.cells.items() if t.name == "table2" else [
            (k, x) for r in SUMMARY_T3_ROWS for c in T3_COLS_8 if (x := t.cells.get(k := (r, c))) is not None]
        values: dict[str, dict[str, Any]] = {}
        summary_tables[t.name] = {"variant": t.variant, "columns": list(t.columns), "values": values}
        if not items:
            continue
        rows = locs[t.name] = {}
        vrow: dict[str, Any] = {}
        for (r, c), cell in items:
            row = rows.get(r)
            if row is None:
                row = rows[r] = {}
                vrow = values[r] = {}
            vrow[c] = cell.number.json
            row[c] = cell[4:10]
        blocks.update(map(_CELL_BLOCK, t.cells.values()) if t.name == "table2" else (x.block for _, x in items))
    return {
        "agency": agency, "agency_key": _agency_key(agency) if agency else None, "year": year or doc.year,
        "path": doc.path, "segment": doc.segment, "tables": summary_tables, "locations": locs,
        "blocks": {str(b): doc.location(b).to_dict() for b in sorted(blocks)},
        "notes": {"expiry": _paragraph_matches(doc, _NOTE_RE)},
    }


def _agency_key(agency: str) -> str:
    """The agency name as pairing key: its long and short forms (县人民政府办公室 / 县政府办, 市场监督管理局 /
    市场监管局) give one key, so a body that abbreviates its name in one year still pairs across years."""
    from gkreview.dedup.shingle import agency_key

    return agency_key(agency)


def _location_fields(summary: dict[str, Any], cell: Sequence[Any] | None) -> dict[str, Any]:
    """The fields of a printed cell's Location (``CanonCell.location(doc).to_dict()``) from its compact form."""
    if not cell:
        return {}
    row_label, col_label, block, grid, start, end = cell
    d = dict(summary.get("blocks", {}).get(str(block)) or {})
    if grid is not None:
        d["row"], d["col"] = grid
    d["row_label"], d["col_label"] = row_label, col_label
    if start is not None:  # a grid cell's span is its source cell's, a text cell's the token's
        d["start"], d["end"] = start, end
    return {k: v for k, v in d.items() if v is not None}


def _paragraph_matches(doc: Document, rx: re.Pattern[str]) -> bool:
    """True when a paragraph (not a table) matches ``rx`` — one scan of ``doc.norm_text``.

    ``rx`` must not match across a newline (true of ``_NOTE_RE``), so every match
    lies inside one block; a match inside a table block resumes the scan at the
    next block.
    """
    text = doc.norm_text
    starts = block_starts(doc)
    pos = 0
    while (m := rx.search(text, pos)) is not None:
        k = bisect.bisect_right(starts, m.start()) - 1
        if isinstance(doc.blocks[k], Paragraph):
            return True
        pos = starts[k + 1]
    return False


def _value(summary: dict[str, Any], table: str, row: str, col: str) -> Decimal | None:
    t = summary.get("tables", {}).get(table)
    if not t:
        return None
    v = t.get("values", {}).get(row, {}).get(col)
    if isinstance(v, bool) or not isinstance(v, int | float):
        return None
    return Decimal(str(v))


def _loc(summary: dict[str, Any], table: str, row: str, col: str) -> Location:
    d = _location_fields(summary, summary.get("locations", {}).get(table, {}).get(row, {}).get(col))
    d["path"] = summary.get("path", d.get("path"))
    d["segment"] = summary.get("segment", d.get("segment"))
    return Location(**d)


def _label(summary: dict[str, Any], table: str, row: str, col: str) -> str:
    cell = summary.get("locations", {}).get(table, {}).get(row, {}).get(col)
    return str((cell[0] if cell else None) or row)


def _fmt(v: Decimal) -> str:
    return str(int(v)) if v == v.to_integral_value() else format(v.normalize(), "f")


def _evidence(prev: dict[str, Any], cur: dict[str, Any], printed: Decimal, computed: Decimal,
              contributors: list[tuple[str, dict[str, Any], str, str, str]], identity: str) -> dict[str, Any]:
    return {
        "identity": identity, "printed": float(printed) if printed % 1 else int(printed),
        "computed": float(computed) if computed % 1 else int(computed),
        "previous": {"path": prev.get("path"), "year": prev.get("year")},
        "contributors": [{"report": which, "year": s.get("year"), "row_label": _label(s, t, r, c), "col_label": c,
                          "value": _num(_value(s, t, r, c))} for which, s, t, r, c in contributors],
    }


def _num(v: Decimal | None) -> int | float | None:
    if v is None:
        return None
    return float(v) if v % 1 else int(v)


def _carry_over(prev: dict[str, Any], cur: dict[str, Any]) -> list[Finding]:
    out: list[Finding] = []
    t3 = cur.get("tables", {}).get("table3") or {}
    for col in t3.get("columns", []):
        now, before = _value(cur, "table3", "二", col), _value(prev, "table3", "四", col)
        if now is None or before is None or now == before:
            continue
        out.append(make_finding(
            _RULE["gk.crossyear.carry-over"], _loc(cur, "table3", "二", col),
            f"表三「上年结转」（{col}）为 {_fmt(now)}，而 {prev.get('year')} 年报告「结转下年度继续办理」为 {_fmt(before)}",
            f"Table 3 上年结转 ({col}) is {_fmt(now)} but the {prev.get('year')} report carried {_fmt(before)} over",
            _evidence(prev, cur, now, before, [("previous", prev, "table3", "四", col),
                                              ("current", cur, "table3", "二", col)], "X1"),
            (_loc(prev, "table3", "四", col),)))
    return out


def _rollforward(prev: dict[str, Any], cur: dict[str, Any]) -> list[Finding]:
    out: list[Finding] = []
    t2 = cur.get("tables", {}).get("table2") or {}
    p2 = prev.get("tables", {}).get("table2") or {}
    if t2.get("variant") != "2021" or p2.get("variant") != "2021":
        return out
    noted = bool(cur.get("notes", {}).get("expiry"))
    for row in ("规章", "行政规范性文件"):
        before = _value(prev, "table2", row, "现行有效件数")
        new, gone, now = (_value(cur, "table2", row, c) for c in ("本年制发件数", "本年废止件数", "现行有效件数"))
        if before is None or new is None or gone is None or now is None:
            continue
        contributors = [("previous", prev, "table2", row, "现行有效件数"), ("current", cur, "table2", row, "本年制发件数"),
                        ("current", cur, "table2", row, "本年废止件数"), ("current", cur, "table2", row, "现行有效件数")]
        if gone > before + new:
            out.append(make_finding(
                _T2_PLAUS, _loc(cur, "table2", row, "本年废止件数"),
                f"表二「{row}」本年废止 {_fmt(gone)} 件，超过上年现行有效 {_fmt(before)} 与本年制发 {_fmt(new)} 之和",
                f"Table 2 [{row}]: repealed {_fmt(gone)} exceeds last year's 现行有效 {_fmt(before)} + issued {_fmt(new)}",
                {**_evidence(prev, cur, gone, before + new, contributors, "S1"), "rule": "S1"},
                (_loc(prev, "table2", row, "现行有效件数"),)))
        expected = before + new - gone
        if expected == now:
            continue
        out.append(make_finding(
            _RULE["gk.crossyear.rollforward"], _loc(cur, "table2", row, "现行有效件数"),
            f"表二「{row}」现行有效 {_fmt(now)} 件，按上年 {_fmt(before)} + 制发 {_fmt(new)} − 废止 {_fmt(gone)} 应为 "
            f"{_fmt(expected)} 件" + ("（正文提及自然失效/修订，请核实）" if noted else ""),
            f"Table 2 [{row}]: 现行有效 {_fmt(now)}, expected {_fmt(before)} + {_fmt(new)} − {_fmt(gone)} = "
            f"{_fmt(expected)}" + (" (the text mentions expiry or revision)" if noted else ""),
            {**_evidence(prev, cur, now, expected, contributors, "X2"), "expiry_note": noted},
            (_loc(prev, "table2", row, "现行有效件数"), _loc(cur, "table2", row, "本年制发件数"),
             _loc(cur, "table2", row, "本年废止件数")),
            severity=Severity.INFO if noted else None))
    return out


def _items(prev: dict[str, Any], cur: dict[str, Any]) -> list[Finding]:
    out: list[Finding] = []
    t2 = cur.get("tables", {}).get("table2") or {}
    p2 = prev.get("tables", {}).get("table2") or {}
    if t2.get("variant") != "2019" or p2.get("variant") != "2019":
        return out
    for row in ("行政许可", "其他对外管理服务事项", "行政处罚", "行政强制", "行政事业性收费"):
        base, delta = _value(prev, "table2", row, "上一年项目数量"), _value(prev, "table2", row, "本年增减")
        now = _value(cur, "table2", row, "上一年项目数量")
        if base is None or delta is None or now is None or base + delta == now:
            continue
        out.append(make_finding(
            _RULE["gk.crossyear.items-rollforward"], _loc(cur, "table2", row, "上一年项目数量"),
            f"表二「{row}」上一年项目数量 {_fmt(now)}，按上年报告 {_fmt(base)} + 增减 {_fmt(delta)} 应为 {_fmt(base + delta)}",
            f"Table 2 [{row}]: 上一年项目数量 {_fmt(now)}, expected {_fmt(base)} + {_fmt(delta)} = {_fmt(base + delta)}",
            _evidence(prev, cur, now, base + delta, [("previous", prev, "table2", row, "上一年项目数量"),
                                                     ("previous", prev, "table2", row, "本年增减"),
                                                     ("current", cur, "table2", row, "上一年项目数量")], "X3"),
            (_loc(prev, "table2", row, "上一年项目数量"), _loc(prev, "table2", row, "本年增减"))))
    return out


def _jumps(prev: dict[str, Any], cur: dict[str, Any], ratio: float, minimum: float) -> list[Finding]:
    out: list[Finding] = []
    pairs = [("table3", "一", "总计", "本年新收")]
    for row in ("行政许可", "行政处罚", "行政强制"):
        pairs.append(("table2", row, "本年处理决定数量", f"{row}处理决定数量"))
        pairs.append(("table2", row, "处理决定数量", f"{row}处理决定数量"))
    for table, row, col, name in pairs:
        a, b = _value(prev, table, row, col), _value(cur, table, row, col)
        if a is None or b is None or max(a, b) < Decimal(str(minimum)):
            continue
        r = ratio
        if (a == 0 and b > 0) or (a > 0 and (b / a > Decimal(str(r)) or b / a < Decimal(str(1 / r)))):
            out.append(make_finding(
                _RULE["gk.crossyear.jump"], _loc(cur, table, row, col),
                f"{name}由 {prev.get('year')} 年的 {_fmt(a)} 变为 {_fmt(b)}，变化超过 {r:g} 倍，请核实或说明原因",
                f"{name} went from {_fmt(a)} ({prev.get('year')}) to {_fmt(b)}: more than a {r:g}× change",
                _evidence(prev, cur, b, a, [("previous", prev, table, row, col), ("current", cur, table, row, col)],
                          "X4"),
                (_loc(prev, table, row, col),)))
    return out


def compare_summaries(prev: dict[str, Any], cur: dict[str, Any], jump_ratio: float = JUMP_RATIO,
                      jump_min: float = JUMP_MIN) -> list[Finding]:
    """Findings on report ``cur`` given the report of the previous year ``prev`` (same agency)."""
    return [*_carry_over(prev, cur), *_rollforward(prev, cur), *_items(prev, cur),
            *_jumps(prev, cur, jump_ratio, jump_min)]


def compare_years(prev_doc: Document, cur_doc: Document, jump_ratio: float = JUMP_RATIO,
                  jump_min: float = JUMP_MIN) -> list[Finding]:
    """X1–X4 (and S1) for two reports of the same agency, ``prev_doc`` being the year before ``cur_doc``."""
    return compare_summaries(summarize_document(prev_doc), summarize_document(cur_doc), jump_ratio, jump_min)


def _name(s: dict[str, Any]) -> str:
    """The printed name with short forms expanded (县政府办 = 县人民政府办公室), without the type reduction."""
    from gkreview.dedup.shingle import agency_key

    return agency_key(s["agency"], types=False) if s.get("agency") else ""


def pair_consecutive(summaries: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(Y−1, Y) pairs of summaries with the same agency; when a year has several copies, each is paired.

    Reports pair by agency key (long and short names, department type). A report pairs with the
    previous year's reports of the same printed name when there are any; else with those of its
    key only when each year holds a single name under that key: two bodies of one type that
    existed side by side (工商局 and 质监局) are not taken for one.
    """
    groups: dict[str, dict[int, list[dict[str, Any]]]] = {}
    for s in summaries:
        key, year = s.get("agency_key"), s.get("year")
        if key and isinstance(year, int):
            groups.setdefault(key, {}).setdefault(year, []).append(s)
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for by_year in groups.values():
        for year, curs in sorted(by_year.items()):
            prevs = by_year.get(year - 1, [])
            one_name = len({_name(p) for p in prevs}) == 1 and len({_name(c) for c in curs}) == 1
            for cur in curs:
                same = [p for p in prevs if _name(p) == _name(cur)]
                pairs.extend((prev, cur) for prev in (same or (prevs if one_name else [])))
    return pairs
