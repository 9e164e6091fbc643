"""Table family: the printed numbers of tables 二/三/四 against the template's identities.

The checker never computes a total to *replace* a printed one: it reads what the
report prints and verifies each identity of domain §2.7 — H1 row sums, H2 the
results total per column, H3 the printed 勾稽 note, H4 printed group subtotals,
H5 table 四 blocks — plus the cell domains D1–D3 and the plausibility rules S2–S4.
A sum touching a placeholder (``/``, ``—``, 无) or a blank is *unknown*, reported
once per table as information, never as a pass. A cell printed twice with
different values stops the checks that use it and gets its own finding, so a
reviewer is not sent after a misleading sum error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

import numpy as np

from gkreview.analysis import Context
from gkreview.data import labels as L
from gkreview.document import Document, Location
from gkreview.findings import Finding, Rule, Severity, make_finding
from gkreview.normalize import norm_label
from gkreview.numbers import format_decimal, format_interval, interval_sum, intervals_meet
from gkreview.tables import T3_SUB_KEY, CanonCell, CanonTable, TableSet

_TABLE_ZH = {"table2": "表二（主动公开）", "table3": "表三（依申请公开）", "table4": "表四（复议诉讼）"}
_TABLE_EN = {"table2": "table 2 (proactive disclosure)", "table3": "table 3 (requests)",
             "table4": "table 4 (review and litigation)"}
_COUNTY_RE = re.compile(L.COUNTY_LEVEL_RE)

# Meaningful wherever the template tables are printed: reports, and statistics filed apart from them (a report's
# 统计表 attachment is classed with periodic statistics); the doctype family reports the type (pipeline.applies).
APPLIES_TO = ("annual_report", "periodic_statistics")

RULES: tuple[Rule, ...] = (
    Rule("gk.table3.row-sum", Severity.ERROR, "表三某行总计不等于各类申请人之和",
         "Table 3: a row's 总计 is not the sum of the applicant columns (H1).",
         "Every row of table 三: 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他; in the "
         "8-column variant the 法人或其他组织 subtotal must also equal its five columns.",
         bad="一、本年新收… 3 0 0 0 0 0 4", good="一、本年新收… 3 0 0 0 0 1 4"),
    Rule("gk.table3.column-total", Severity.ERROR, "表三（七）总计不等于各办理结果之和",
         "Table 3: （七）总计 is not the sum of the outcome rows (H2).",
         "Per column: （七）总计 = （一）+（二）+Σ（三）+Σ（四）+Σ（五）+Σ（六）; each application is counted in one "
         "outcome only (区分处理的，只计这一情形).",
         bad="（一）予以公开 5 … （七）总计 4", good="（一）予以公开 4 … （七）总计 4"),
    Rule("gk.table3.balance", Severity.ERROR, "表三勾稽关系不成立：第一项加第二项不等于第三项加第四项",
         "Table 3: 一 + 二 ≠ （七） + 四 (the printed 勾稽 note, H3).",
         "Per column: 本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理, as the table's own corner note says.",
         bad="新收 10，结转 0，总计 8，结转下年度 1", good="新收 10，结转 0，总计 9，结转下年度 1"),
    Rule("gk.table3.group-subtotal", Severity.ERROR, "表三分组小计不等于其各项之和",
         "Table 3: a printed group subtotal ≠ the sum of its items (H4).",
         "When a report prints numbers on a group row (（三）不予公开, （四）, （五）, （六）), they must equal the sum of "
         "the group's items.",
         bad="（三）不予公开 5；1.… 1；2.… 1", good="（三）不予公开 2；1.… 1；2.… 1"),
    Rule("gk.table4.block-total", Severity.ERROR, "表四总计不等于结果维持、纠正、其他、尚未审结之和",
         "Table 4: a block's 总计 ≠ 维持 + 纠正 + 其他 + 尚未审结 (H5).",
         "For 行政复议, 未经复议直接起诉 and 复议后起诉: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.",
         bad="10 1 0 0 0 | …", good="10 1 0 0 11 | …"),
    Rule("gk.table.cell-domain", Severity.ERROR, "表格单元格取值不合法（负数、小数或非数字）",
         "A table cell holds a value outside its domain (negative, fractional or not a number; D1–D2).",
         "Counts in tables 二/三/四 are non-negative integers; only fee amounts (万元) and 采购总金额 may be decimal; only "
         "the 2019 本年增/减 may be negative.",
         bad="予以公开 | 2.5", good="予以公开 | 2"),
    Rule("gk.table.placeholder", Severity.INFO, "表格以占位符或空白代替数字，相关核对无法判断",
         "Placeholders or blanks instead of numbers: the identities touching them are unknown (D3).",
         "/, —, 无 and blanks are not 0. Each is listed with the identities that could not be decided.",
         bad="行政复议 | / | / | / | / | /", good="行政复议 | 0 | 0 | 0 | 0 | 0"),
    Rule("gk.table.conflicting-values", Severity.WARNING, "同一单元格出现不同数值",
         "The same template cell is printed twice with different values.",
         "The table (or a copy of it) gives two values for one canonical cell; sums that use it are not checked.",
         bad="（七）总计 printed as 52 and 53", good="one value per cell"),
    Rule("gk.table.unparsed", Severity.INFO, "表格未能完整识别",
         "A template table could not be recognised (or only partly): its checks are incomplete.",
         "The document names the table's labels but the numbers could not be mapped to all template cells; the "
         "missing labels are listed.",
         bad="a table whose header rows are images", good="a text or grid table with the template labels"),
    Rule("gk.table2.plausibility", Severity.WARNING, "表二数据不合常理",
         "Table 2 values are implausible (S1–S4).",
         "S1 本年废止 ≤ 上年现行有效 + 本年制发 (needs last year's report); S2 (2019) 对外公开总数量 ≥ 本年新公开数量; "
         "S3 (2019) 上一年项目数量 + 本年增/减 ≥ 0; S4 规章 > 0 only for bodies with rule-making power.",
         bad="某县民政局：规章 本年制发 2", good="某县民政局：规章 本年制发 0"),
)
_RULE = {r.id: r for r in RULES}
_ZERO = Decimal(0)
OPTIONS: dict[str, Any] = {"tables.min_confidence": 0.8}


@dataclass
class _Run:
    """State of one document's table checks: findings plus identities left unknown per table."""

    doc: Document
    findings: list[Finding] = field(default_factory=list)
    unknown: dict[str, list[str]] = field(default_factory=dict)

    def emit(self, rule_id: str, loc: Location, zh: str, en: str, evidence: dict[str, Any],
             related: tuple[Location, ...] = (), confidence: float = 1.0) -> None:
        self.findings.append(make_finding(_RULE[rule_id], loc, zh, en, evidence, related, confidence))


def _contrib(cell: CanonCell) -> dict[str, Any]:
    return {"row_label": cell.row_label, "col_label": cell.col_label, "value": cell.number.as_json(),
            "row": cell.grid[0] if cell.grid else None, "col": cell.grid[1] if cell.grid else None,
            "row_key": cell.row_key, "col_key": cell.col_key}


def identity(run: _Run, t: CanonTable, rule_id: str, total: tuple[str, str], parts: list[tuple[str, str]],
             name: str, zh: str, en: str) -> None:
    """Check ``total == Σ parts`` as printed; unknown when a placeholder is involved.

    Missing parts (not printed or not recognised) only allow a finding when the
    parts present already exceed the total, which non-negative counts make
    certain; otherwise the identity is silently incomplete (``gk.table.unparsed``
    reports the missing labels).
    """
    get = t.cells.get
    tot = get(total)
    if tot is None:
        return
    conflicts = t.conflicts
    if conflicts and (total in conflicts or any(p in conflicts for p in parts)):
        return
    present = [get(p) for p in parts]
    if None in present:
        cells = [c for c in present if c is not None]
        missing = [f"{p[0]}/{p[1]}" for p, c in zip(parts, present, strict=True) if c is None]
        if not cells:
            return
    else:
        cells, missing = present, []  # type: ignore[assignment]
    nums = [c.number for c in cells]  # type: ignore[union-attr]
    tn = tot.number
    if tn.kind != "number" or any(n.kind != "number" for n in nums):
        run.unknown.setdefault(t.name, []).append(name)
        return
    # interval of the sum (numbers always carry low/high); equal bounds for exact integers
    computed = (sum([n.low for n in nums], _ZERO), sum([n.high for n in nums], _ZERO))
    printed = (tn.low, tn.high)
    if missing and computed[0] <= printed[1]:  # type: ignore[operator]
        return
    if intervals_meet(computed, printed):  # type: ignore[arg-type]
        return
    conf = min(1.0, t.confidence + 0.2) if missing else 1.0
    run.emit(rule_id, tot.location(run.doc),
             f"{_TABLE_ZH[t.name]}{zh}：印制 {tot.text.strip()}，计算 {format_interval(*computed)}",
             f"{_TABLE_EN[t.name]}: {en}: printed {tot.text.strip()}, computed {format_interval(*computed)}",
             {"identity": name, "printed": tot.number.as_json(), "computed": _interval_json(computed),
              "contributors": [_contrib(c) for c in cells], "missing": missing, "table": t.name,
              "row_key": total[0], "col_key": total[1]},
             tuple(c.location(run.doc) for c in cells), conf)


def _interval_json(iv: tuple[Decimal, Decimal]) -> Any:
    if iv[0] == iv[1]:
        v = iv[0]
        return int(v) if v == v.to_integral_value() else float(v)
    return [float(iv[0]), float(iv[1])]


def _balance(run: _Run, t: CanonTable, col: str) -> None:
    """H3 per column: 一 + 二 = （七） + 四."""
    keys = [("一", col), ("二", col), ("(七)", col), ("四", col)]
    if any(k in t.conflicts for k in keys):
        return
    cells = [t.cell(*k) for k in keys]
    if any(c is None for c in cells):
        return
    a, b, c7, c4 = cells  # type: ignore[misc]
    if not all(x.number.is_number for x in (a, b, c7, c4)):
        run.unknown.setdefault(t.name, []).append(f"H3 {col}")
        return
    left = interval_sum([a.number, b.number])
    right = interval_sum([c7.number, c4.number])
    assert left is not None and right is not None
    if intervals_meet(left, right):
        return
    run.emit("gk.table3.balance", c7.location(run.doc),
             f"{_TABLE_ZH['table3']}「{col}」列：一+二={format_interval(*left)}，（七）+四={format_interval(*right)}，"
             f"勾稽关系不成立",
             f"{_TABLE_EN['table3']}, column {col}: 一+二 = {format_interval(*left)} but （七）+四 = "
             f"{format_interval(*right)}",
             {"identity": "H3", "printed": _interval_json(right), "computed": _interval_json(left),
              "contributors": [_contrib(x) for x in (a, b, c7, c4)], "missing": [], "table": "table3",
              "col_key": col},
             tuple(x.location(run.doc) for x in (a, b, c4)))


@lru_cache(maxsize=32)
def _t3_plan(variant: str, columns: tuple[str, ...]) -> tuple[tuple[Any, ...], ...]:
    """The identities of table 三 in check order: row sums per row, then per column H2, H3, H4.

    Each item is (kind, rule id, total, parts, name, zh, en, row) where zh/en are
    message templates filled with the row's printed label only when a finding is made.
    """
    leaves = L.t3_leaf_keys(variant)
    plan: list[tuple[Any, ...]] = []
    for row in sorted({r.key for r in L.T3_ROWS}, key=_t3_order):
        plan.append(("id", "gk.table3.row-sum", (row, "总计"), tuple((row, c) for c in L.T3_APPLICANT_KEYS),
                     f"H1 {row}", "「{label}」行总计不等于各类申请人之和", "row {label}: 总计 ≠ sum of applicant columns",
                     row))
        if T3_SUB_KEY in columns:
            plan.append(("id", "gk.table3.row-sum", (row, T3_SUB_KEY),
                         tuple((row, c) for c in L.T3_LEGAL_PERSON_KEYS), f"H1 {row} 法人或其他组织",
                         "「{label}」行法人或其他组织小计不等于其五类之和",
                         "row {label}: legal-person subtotal ≠ sum of its five columns", row))
    for col in columns:
        plan.append(("id", "gk.table3.column-total", ("(七)", col), tuple((k, col) for k in leaves), f"H2 {col}",
                     f"「{col}」列（七）总计不等于各办理结果之和", f"column {col}: （七）总计 ≠ sum of outcomes", None))
        plan.append(("balance", col))
        for group in L.T3_GROUP_KEYS:
            if group == "(六)" and variant == "2019":
                continue
            plan.append(("id", "gk.table3.group-subtotal", (group, col),
                         tuple((k, col) for k in L.t3_group_leaves(group)), f"H4 {group} {col}",
                         f"「{group}」小计（{col}）不等于其各项之和", f"group {group} subtotal ({col}) ≠ sum of its items",
                         None))
        plan.append(("id", "gk.table3.group-subtotal", ("三", col), tuple((k, col) for k in leaves), f"H4 三 {col}",
                     f"「三、本年度办理结果」小计（{col}）不等于各办理结果之和", f"row 三 subtotal ({col}) ≠ sum of outcomes",
                     None))
    return tuple(plan)


@lru_cache(maxsize=256)
def _t3_layout(variant: str, columns: tuple[str, ...], keys: tuple[tuple[str, str], ...]
               ) -> tuple[tuple[int, ...], tuple[int, ...], Any, Any, Any]:
    """How the identities of :func:`_t3_plan` apply to a table printing the cells ``keys`` (in that order).

    Reports of one template print the same cells, so this is worked out once per batch. Returns the identities
    that always take the exact path (total printed, a part not), the identities that can be passed by a sum test
    and, for those, the signed sums that are 0 when the identity holds: per term the index of its cell in
    ``keys`` and its sign, and each identity's first term (for ``np.add.reduceat``). Identities whose total is
    not printed (and H3 without all four cells) check nothing and are left out.
    """
    pos = {k: i for i, k in enumerate(keys)}
    exact: list[int] = []
    fast: list[int] = []
    idx: list[int] = []
    sign: list[float] = []
    starts: list[int] = []
    for n, item in enumerate(_t3_plan(variant, columns)):
        if item[0] == "balance":
            col = item[1]
            terms = [(("一", col), 1.0), (("二", col), 1.0), (("(七)", col), -1.0), (("四", col), -1.0)]
        elif item[2] in pos:
            terms = [(item[2], -1.0), *((p, 1.0) for p in item[3])]
        else:
            continue
        if not all(k in pos for k, _ in terms):
            if item[0] != "balance":
                exact.append(n)
            continue
        fast.append(n)
        starts.append(len(idx))
        for k, sg in terms:
            idx.append(pos[k])
            sign.append(sg)
    return (tuple(exact), tuple(fast), np.array(idx, dtype=np.intp), np.array(sign),
            np.array(starts, dtype=np.intp))


def _t3_todo(t: CanonTable) -> list[int]:
    """Indexes (in :func:`_t3_plan` order) of the identities that need the exact check of :func:`identity`.

    The others are exact integers that add up (one numpy pass over :attr:`CanonTable.exact_values`: a value that
    is not a small exact integer is NaN and fails its sums) or have no printed total. A table with conflicting
    cells takes the exact path throughout.
    """
    columns = tuple(t.columns)
    if t.conflicts:
        return list(range(len(_t3_plan(t.variant, columns))))
    exact, fast, idx, sign, starts = _t3_layout(t.variant, columns, tuple(t.cells))
    todo = list(exact)
    if fast:
        ok = (np.add.reduceat(t.exact_values[idx] * sign, starts) == 0.0).tolist()
        todo += [n for n, passed in zip(fast, ok, strict=True) if not passed]
        todo.sort()
    return todo


def _check_t3(run: _Run, t: CanonTable) -> None:
    """H1–H4 over table 三. Identities whose cells are exact integers that add up are passed without more work.

    Row sums run only for rows the table prints and group subtotals only where the
    group row is printed (:func:`identity` returns at once without the total cell).
    """
    labels: dict[str, str] | None = None
    plan = _t3_plan(t.variant, tuple(t.columns))
    for n in _t3_todo(t):
        item = plan[n]
        if item[0] == "balance":
            _balance(run, t, item[1])
            continue
        _, rule_id, total, parts, name, zh, en, row = item
        if total not in t.cells:
            continue
        if row is not None:
            if labels is None:
                labels = {}
                for (r, _c), c in t.cells.items():
                    labels.setdefault(r, c.row_label)
            zh, en = zh.format(label=labels[row]), en.format(label=labels[row])
        identity(run, t, rule_id, total, list(parts), name, zh, en)


_T3_ORDER = {key: i for i, key in reversed(list(enumerate(r.key for r in L.T3_ROWS)))}


def _t3_order(key: str) -> int:
    return _T3_ORDER.get(key, len(L.T3_ROWS))


def _check_t4(run: _Run, t: CanonTable) -> None:
    """H5 per block; a block whose five cells are exact integers that add up needs no interval arithmetic."""
    get = t.cells.get
    for block in L.T4_BLOCK_ORDER:
        if not t.conflicts:
            cells = [get((block, c)) for c in _T4_TOTAL_FIRST]
            if None not in cells:
                vals = [c.number.exact_int for c in cells]  # type: ignore[union-attr]
                if None not in vals and sum(vals[1:]) == vals[0]:  # type: ignore[arg-type]
                    continue
        identity(run, t, "gk.table4.block-total", (block, "总计"), [(block, c) for c in L.T4_PARTS],
                 f"H5 {block}", f"「{block}」总计不等于结果维持、结果纠正、其他结果、尚未审结之和",
                 f"{block}: 总计 ≠ 维持 + 纠正 + 其他 + 尚未审结")


_T4_TOTAL_FIRST = ("总计", *L.T4_PARTS)


def _domain(run: _Run, t: CanonTable) -> list[CanonCell]:
    """D1–D2: non-negative integers except amounts (decimals) and 本年增/减 (signed); text is not a number."""
    # an exact non-negative integer is a count, always in its domain: only the other cells are looked at (and
    # returned, in table order: the placeholders and blanks are among them)
    # (NaN in exact_values, or negative; a very large count is NaN there too and is passed by the test below)
    items = list(t.cells.items())
    odd = [items[i] for i in np.flatnonzero(~(t.exact_values >= 0.0)).tolist()]
    for (r, c), cell in odd:
        n = cell.number
        if n.integral and n.kind == "number" and n.value >= 0:  # type: ignore[operator]
            continue  # a count: always in its domain
        problem_zh = problem_en = ""
        if n.kind == "invalid":
            problem_zh, problem_en = "不是数字", "is not a number"
        elif n.is_number and n.value is not None:
            signed = t.name == "table2" and c in L.T2_SIGNED_COLUMNS
            decimal_ok = t.name == "table2" and c in L.T2_DECIMAL_COLUMNS
            if n.value < 0 and not signed:
                problem_zh, problem_en = "为负数", "is negative"
            elif not n.is_integer and not decimal_ok:
                problem_zh, problem_en = "不是整数", "is not an integer"
        if problem_zh:
            run.emit("gk.table.cell-domain", cell.location(run.doc),
                     f"{_TABLE_ZH[t.name]}「{cell.row_label}/{cell.col_label}」的值“{cell.text.strip()}”{problem_zh}",
                     f"{_TABLE_EN[t.name]} [{cell.row_label}/{cell.col_label}] value '{cell.text.strip()}' "
                     f"{problem_en}",
                     {"printed": cell.text, "table": t.name, "row_key": r, "col_key": c,
                      "contributors": [_contrib(cell)]})
    return [x for _, x in odd]


def _conflicts(run: _Run, t: CanonTable) -> None:
    for (r, c), cells in t.conflicts.items():
        vals = [x.text.strip() for x in cells]
        run.emit("gk.table.conflicting-values", cells[0].location(run.doc),
                 f"{_TABLE_ZH[t.name]}「{cells[0].row_label}/{c}」出现不同数值：{'、'.join(vals)}；相关核对已跳过",
                 f"{_TABLE_EN[t.name]} [{cells[0].row_label}/{c}] is printed with different values: "
                 f"{', '.join(vals)}; checks using it were skipped",
                 {"printed": vals, "table": t.name, "row_key": r, "col_key": c,
                  "contributors": [_contrib(x) for x in cells]},
                 tuple(x.location(run.doc) for x in cells[1:]))


def _placeholders(run: _Run, t: CanonTable, odd: list[CanonCell]) -> None:
    """``odd``: the table's cells that are not exact integers, in table order (see :func:`_domain`)."""
    cells = [c for c in odd if c.number.kind in ("placeholder", "blank")]
    if not cells:
        return
    unknown = run.unknown.get(t.name, [])
    shown = "、".join(sorted({c.text.strip() or "空白" for c in cells}))
    run.emit("gk.table.placeholder", cells[0].location(run.doc),
             f"{_TABLE_ZH[t.name]}有 {len(cells)} 个单元格为占位符或空白（{shown}），{len(unknown)} 项核对无法判断",
             f"{_TABLE_EN[t.name]} has {len(cells)} placeholder or blank cells ({shown}); {len(unknown)} checks "
             f"are unknown",
             {"table": t.name, "cells": [_contrib(c) for c in cells], "unknown_checks": unknown},
             tuple(c.location(run.doc) for c in cells[1:30]))


@lru_cache(maxsize=64)
def _signature_key(label: str) -> str:
    """A table signature label as it appears in the joined normalised text (normalised once, not per report)."""
    return norm_label(label)


def _unparsed(run: _Run, tables: TableSet, min_conf: float) -> None:
    todo = [n for n in ("table2", "table3", "table4")
            if getattr(tables, n) is None or getattr(tables, n).confidence < min_conf]
    if not todo:
        return
    text = run.doc.norm_text.replace(" ", "")
    for name in todo:
        t: CanonTable | None = getattr(tables, name)
        sig = [s for s in L.TABLE_SIGNATURES[name] if _signature_key(s) in text]
        if t is None and sig:
            run.emit("gk.table.unparsed", run.doc.location(), f"{_TABLE_ZH[name]}的标签存在但未能识别出数字",
                     f"{_TABLE_EN[name]}: labels are present but no numbers could be mapped",
                     {"table": name, "labels_seen": sig, "missing": [], "confidence": 0.0})
        elif t is not None and t.confidence < min_conf:
            first = next(iter(t.cells.values()))
            run.emit("gk.table.unparsed", first.location(run.doc),
                     f"{_TABLE_ZH[name]}只识别出 {t.confidence:.0%} 的单元格，缺少：{'、'.join(t.missing_labels[:8])}",
                     f"{_TABLE_EN[name]}: only {t.confidence:.0%} of the cells were recognised; missing "
                     f"{', '.join(t.missing_labels[:8])}",
                     {"table": name, "missing": list(t.missing_labels), "confidence": round(t.confidence, 3)})


@lru_cache(maxsize=4096)
def has_rulemaking_power(agency: str | None) -> bool | None:
    """False for county-level and township bodies (no 规章 power); None when the name does not say."""
    if not agency:
        return None
    name = norm_label(agency)
    for word in L.PROVINCE_LEVEL_WORDS:
        name = name.replace(word, "")
    return not _COUNTY_RE.search(name)


def _plausibility(run: _Run, t: CanonTable, agency: str | None) -> None:
    """S2–S4 inside one report (S1 needs last year's report: see :mod:`gkreview.crossyear`)."""
    doc = run.doc
    if t.variant == "2019":
        for row in ("规章", "规范性文件"):
            new, total = t.cell(row, "本年新公开数量"), t.cell(row, "对外公开总数量")
            if new and total and new.number.is_number and total.number.is_number and \
                    total.number.value < new.number.value:  # type: ignore[operator]
                run.emit("gk.table2.plausibility", total.location(doc),
                         f"表二「{row}」对外公开总数量 {total.text.strip()} 小于本年新公开数量 {new.text.strip()}",
                         f"table 2 [{row}]: 对外公开总数量 {total.text.strip()} < 本年新公开数量 {new.text.strip()}",
                         {"rule": "S2", "printed": total.number.as_json(), "computed": new.number.as_json(),
                          "contributors": [_contrib(new), _contrib(total)]}, (new.location(doc),))
        for row in ("行政许可", "其他对外管理服务事项", "行政处罚", "行政强制", "行政事业性收费"):
            prev, delta = t.cell(row, "上一年项目数量"), t.cell(row, "本年增减")
            if prev and delta and prev.number.is_number and delta.number.is_number:
                s = prev.number.value + delta.number.value  # type: ignore[operator]
                if s < 0:
                    run.emit("gk.table2.plausibility", delta.location(doc),
                             f"表二「{row}」上一年项目数量 {prev.text.strip()} 加本年增/减 {delta.text.strip()} 为负数",
                             f"table 2 [{row}]: 上一年项目数量 + 本年增/减 = {format_decimal(s)} < 0",
                             {"rule": "S3", "printed": delta.number.as_json(), "computed": format_decimal(s),
                              "contributors": [_contrib(prev), _contrib(delta)]}, (prev.location(doc),))
    if has_rulemaking_power(agency) is False:
        for (r, c), cell in t.cells.items():
            if r == "规章" and c in ("本年制发件数", "本年新制作数量", "本年新公开数量") and cell.number.is_number \
                    and cell.number.value and cell.number.value > 0:
                run.emit("gk.table2.plausibility", cell.location(doc),
                         f"{agency}属县级及以下机关，无规章制定权，但表二「规章/{c}」为 {cell.text.strip()}",
                         f"{agency} is a county-level or lower body without rule-making power, yet table 2 "
                         f"[规章/{c}] is {cell.text.strip()}",
                         {"rule": "S4", "printed": cell.number.as_json(), "agency": agency,
                          "contributors": [_contrib(cell)]})


def check_tables(doc: Document, tables: TableSet, min_confidence: float = 0.8) -> list[Finding]:
    """All table findings for a document whose canonical tables are already extracted."""
    run = _Run(doc)
    if tables.table3 is not None:
        _conflicts(run, tables.table3)
        _check_t3(run, tables.table3)
    if tables.table4 is not None:
        _conflicts(run, tables.table4)
        _check_t4(run, tables.table4)
    if tables.table2 is not None:
        _conflicts(run, tables.table2)
        _plausibility(run, tables.table2, doc.agency or doc.title)
    for t in tables:
        _placeholders(run, t, _domain(run, t))
    _unparsed(run, tables, min_confidence)
    return run.findings


def check(doc: Document, ctx: Context) -> Iterable[Finding]:
    """Table findings for one document."""
    return check_tables(doc, ctx.tables, float(ctx.option("tables.min_confidence", 0.8)))
