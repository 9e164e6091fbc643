"""Generated test set for the number checker: consistent reports plus one injected fault each.

Every report starts from a clean, balanced report of :mod:`corpora.synth` (2019 or
2021 format). Single reports get exactly one fault of one rule id (table
identities, cell domains, placeholders, duplicated conflicting cells, unrecognisable
tables, table-二 plausibility, prose vs table, 共N其中 sums, percentages, "所有申请均已办结");
pairs of reports of the same agency in consecutive years test the cross-year rules.
Clean controls also print the optional things a checker could trip over (correct group
subtotals, correct 其中 sums and percentages), so "0 findings on clean reports" means
something.

Faults are injected into the *values* and the affected blocks are re-rendered, so a
fault in one identity does not break another: moving one request between two outcome
rows breaks two row sums (H1) and nothing else; moving one request from （七） to 四
breaks the column total (H2) but keeps the 勾稽 (H3). The manifest lists, per file, the
injected faults and the rule ids a checker is expected to report.

Usage::

    python corpora/gen_numbers.py OUT_DIR [--per-rule 16] [--clean 48] [--pairs-clean 16] [--formats txt,docx,html,pdf]
    from corpora.gen_numbers import generate; docs = generate(per_rule=2)   # in memory, no files
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from corpora.synth import (  # noqa: E402
    PLACES,
    Agency,
    SynthReport,
    leaf_keys,
    make_agency,
    make_report,
    request_sentence,
    table2_grid,
    table3_grid,
    table4_grid,
)

Block = tuple[Any, ...]
FORMATS = ("txt", "docx", "html", "pdf")
SINGLE_RULES = (
    "gk.table3.row-sum", "gk.table3.column-total", "gk.table3.balance", "gk.table3.group-subtotal",
    "gk.table4.block-total", "gk.table.cell-domain", "gk.table.placeholder", "gk.table.conflicting-values",
    "gk.table.unparsed", "gk.table2.plausibility", "gk.prose.table-mismatch", "gk.prose.sum-mismatch",
    "gk.prose.percentage", "gk.prose.all-done-contradiction",
)
PAIR_RULES = ("gk.crossyear.carry-over", "gk.crossyear.rollforward", "gk.crossyear.items-rollforward",
              "gk.crossyear.jump")
ALL_RULES = SINGLE_RULES + PAIR_RULES
_COUNTY = re.compile(r"县|区|旗|(?:镇|乡|街道)(?:人民政府|政府|办事处)")


@dataclass
class GenDoc:
    """One generated report: blocks to render and what was injected."""

    name: str
    report: SynthReport
    faults: list[dict[str, Any]] = field(default_factory=list)
    prev: str | None = None
    role: str = "clean"  # clean | fault | prev

    @property
    def expect(self) -> list[str]:
        """Rule ids a checker must report on this document (or its pair)."""
        return sorted({f["rule_id"] for f in self.faults})


# --- values and blocks ---------------------------------------------------------------------------------------------

def _county_level(name: str) -> bool:
    return bool(_COUNTY.search(name.replace("自治区", "")))


def _retotal(row: list[int]) -> None:
    row[6] = sum(row[:6])


def _table_indexes(blocks: list[Block]) -> list[int]:
    return [i for i, b in enumerate(blocks) if b[0] == "table"]


def _set_table(rep: SynthReport, which: int, grid: tuple[list[list[str]], list[tuple[int, int, int, int]]]) -> None:
    idx = _table_indexes(rep.blocks)[which]
    rep.blocks[idx] = ("table", grid[0], grid[1])


def _rerender(rep: SynthReport, subtotals: dict[str, list[int]] | None = None, omit: set[str] = frozenset(),
              cells: dict[tuple[str, int], str] | None = None) -> None:
    """Re-render tables 二/三/四 and the prose sentence that quotes table 三 from ``rep.values``."""
    _set_table(rep, 0, table2_grid(rep.values, rep.template))
    _set_table(rep, 1, table3_grid(rep.values, rep.template, subtotals, omit, cells))
    _set_table(rep, 2, table4_grid(rep.values))
    a, y = rep.agency.name, rep.year
    head = f"{y}年，{a}共收到政府信息公开申请"
    for i, b in enumerate(rep.blocks):
        if b[0] == "p" and b[1].startswith(head):
            tail = "所有申请均在法定期限内答复。" * (rep.values["table3"]["四"][6] == 0)
            rep.blocks[i] = ("p", request_sentence(a, y, rep.values["table3"]) + tail)


def _insert_after_requests(rep: SynthReport, text: str) -> None:
    """Add a paragraph right after the request summary in 总体情况 (or before heading 二)."""
    head = f"{rep.year}年，{rep.agency.name}共收到"
    for i, b in enumerate(rep.blocks):
        if b[0] == "p" and b[1].startswith(head):
            rep.blocks.insert(i + 1, ("p", text))
            return
    idx = next(i for i, b in enumerate(rep.blocks) if b[0] == "h" and b[1].startswith("二、"))
    rep.blocks.insert(idx, ("p", text))


def _realistic(rep: SynthReport) -> None:
    """Bodies without rule-making power print no new 规章 (the shared generator does not know that)."""
    if rep.template == "2021" and _county_level(rep.agency.name):
        rep.values["table2"]["规章"][0] = 0
        _rerender(rep)


def _agency(rng: random.Random, used: set[str], county: bool | None = None) -> Agency:
    """An agency not used before in this set (so cross-year pairing only meets intended pairs)."""
    for _ in range(500):
        a = make_agency(rng)
        if a.name in used or (county is not None and _county_level(a.name) != county):
            continue
        used.add(a.name)
        return a
    province, city, county_name = rng.choice(PLACES)
    a = Agency(f"{county_name}第{len(used)}号机关", "department", province, city, county_name)
    used.add(a.name)
    return a


def base(rng: random.Random, template: str, used: set[str], year: int | None = None, agency: Agency | None = None,
         scale: int | None = None, county: bool | None = None) -> SynthReport:
    """A clean report of the given format with a fresh agency."""
    year = year or (rng.choice([2019, 2020]) if template == "2019" else rng.randint(2021, 2024))
    agency = agency or _agency(rng, used, county)
    rep = make_report(seed=rng.randrange(1 << 30), year=year, template=template, agency=agency,
                      scale=scale if scale is not None else rng.choice([15, 40, 120, 600]))
    rep.values = copy.deepcopy(rep.values)
    _realistic(rep)
    return rep


# --- single-report faults ------------------------------------------------------------------------------------------

Fault = Callable[[random.Random, SynthReport], dict[str, Any] | None]


def f_row_sum(rng: random.Random, rep: SynthReport) -> dict[str, Any] | None:
    """Move one request between two outcome rows in one column: two rows no longer add up (H1 only)."""
    t3, keys = rep.values["table3"], leaf_keys(rep.template)
    donors = [(k, c) for k in keys for c in range(6) if t3[k][c] >= 1]
    if not donors:
        return None
    src, c = rng.choice(donors)
    dst = rng.choice([k for k in keys if k != src])
    t3[src][c] -= 1
    t3[dst][c] += 1
    _rerender(rep)
    return {"rows": [src, dst], "col": c}


def f_column_total(rng: random.Random, rep: SynthReport) -> dict[str, Any] | None:
    """Move one request from （七） to 四 in one column and its 总计: H2 breaks, H1 and H3 hold."""
    t3 = rep.values["table3"]
    cols = [c for c in range(6) if t3["（七）"][c] >= 1]
    if not cols:
        return None
    c = rng.choice(cols)
    for i in (c, 6):
        t3["（七）"][i] -= 1
        t3["四"][i] += 1
    _rerender(rep)
    return {"col": c}


def f_balance(rng: random.Random, rep: SynthReport) -> dict[str, Any] | None:
    """One more new request in one column (and 总计) with nothing else changed: 一+二 ≠ （七）+四 (H3)."""
    c = rng.randrange(6)
    t3 = rep.values["table3"]
    t3["一"][c] += 1
    _retotal(t3["一"])
    _rerender(rep)
    return {"col": c}


def _group_sums(rep: SynthReport, groups: list[str]) -> dict[str, list[int]]:
    t3 = rep.values["table3"]
    out: dict[str, list[int]] = {}
    for g in groups:
        leaves = [k for k in leaf_keys(rep.template) if k.startswith(g) and k != g]
        if leaves:
            out[g] = [sum(t3[k][i] for k in leaves) for i in range(7)]
    return out


def f_group_subtotal(rng: random.Random, rep: SynthReport) -> dict[str, Any] | None:
    """Print a group subtotal row with one column (and its 总计) off by one (H4)."""
    g = rng.choice(["（三）", "（四）", "（五）"])
    subs = _group_sums(rep, [g])
    c = rng.randrange(6)
    subs[g][c] += 1
    subs[g][6] += 1
    _rerender(rep, subtotals=subs)
    return {"group": g, "col": c}


def f_block_total(rng: random.Random, rep: SynthReport) -> dict[str, Any] | None:
    """A table-四 block total that is not the sum of its four parts (H5)."""
    b = rng.randrange(3)
    t4 = rep.values["table4"]
    t4[b * 5 + 4] += rng.choice([1, 2, 5]) if t4[b * 5 + 4] == 0 or rng.random() < 0.5 else -1
    _rerender(rep)
    return {"block": b}


def f_cell_domain(rng: random.Random, rep: SynthReport) -> dict[str, Any] | None:
    """A count in table 二 printed as a decimal or a negative number (D1)."""
    t2 = rep.values["table2"]
    if rep.template == "2021":
        row = rng.choice(["行政许可", "行政处罚", "行政强制"])
        col = 0
    else:
        row = rng.choice(["行政许可", "行政处罚", "行政强制"])
        col = 2
    if rng.random() < 0.5:
        t2[row][col] = t2[row][col] + 0.5
    else:
        t2[row][col] = -max(1, t2[row][col] % 9 + 1)
    _rerender(rep)
    return {"row": row, "col": col, "value": t2[row][col]}


def f_placeholder(rng: random.Random, rep: SynthReport) -> dict[str, Any] | None:
    """A placeholder instead of a number: a whole table-四 block of "/" or one table-三 leaf cell as "—"."""
    if rng.random() < 0.5:
        b = rng.randrange(3)
        grid = table4_grid(rep.values)
        for i in range(5):
            grid[0][3][b * 5 + i] = "/"
        _rerender(rep)
        _set_table(rep, 2, grid)
        return {"table": "table4", "block": b}
    key = rng.choice(leaf_keys(rep.template))
    c = rng.randrange(6)
    if rep.values["table3"][key][c] != 0:
        return None
    _rerender(rep, cells={(key, c): rng.choice(["—", "/", "无", "-"])})
    return {"table": "table3", "row": key, "col": c}


def f_conflict(rng: random.Random, rep: SynthReport) -> dict[str, Any] | None:
    """Table 四 printed again (an appendix) with one block's 结果维持 and 总计 one higher."""
    b = rng.randrange(3)
    vals = copy.deepcopy(rep.values)
    vals["table4"][b * 5] += 1
    vals["table4"][b * 5 + 4] += 1
    rows, merges = table4_grid(vals)
    sign = next(i for i, x in enumerate(rep.blocks) if x[0] == "p" and x[1] == rep.agency.name)
    rep.blocks[sign:sign] = [("p", "附表：政府信息公开行政复议、行政诉讼情况统计"), ("table", rows, merges)]
    return {"block": b}


def f_unparsed(rng: random.Random, rep: SynthReport) -> dict[str, Any] | None:
    """Six outcome rows of table 三 missing (a page lost in conversion): the table is only partly recognised."""
    omit = set(rng.sample(leaf_keys(rep.template)[2:], 6))
    _rerender(rep, omit=omit)
    return {"omitted": sorted(omit)}


def f_plausibility(rng: random.Random, rep: SynthReport) -> dict[str, Any] | None:
    """S4 (2021: a county-level body issuing 规章) or S2/S3 (2019)."""
    t2 = rep.values["table2"]
    if rep.template == "2021":
        if not _county_level(rep.agency.name):
            return None
        t2["规章"][0] = rng.choice([1, 2])
        t2["规章"][2] = max(t2["规章"][2], t2["规章"][0])
        _rerender(rep)
        return {"rule": "S4"}
    if rng.random() < 0.5:
        new = max(2, t2["规范性文件"][1])
        t2["规范性文件"][1], t2["规范性文件"][2] = new, new - 1
        _rerender(rep)
        return {"rule": "S2"}
    row = rng.choice(["行政许可", "行政处罚"])
    t2[row][1] = -(t2[row][0] + rng.randint(1, 5))
    _rerender(rep)
    return {"rule": "S3", "row": row}


def f_prose_table(rng: random.Random, rep: SynthReport) -> dict[str, Any] | None:
    """The request summary quotes a number that differs from table 三, or a second fee statement differs."""
    if rep.template == "2021" and rng.random() < 0.3:
        fee = rep.values["fee_yuan"] + rng.choice([50, 100, 240])
        _insert_after_requests(rep, f"全年共收取政府信息公开信息处理费{fee}元。")
        return {"quantity": "信息处理费"}
    a, y, t3 = rep.agency.name, rep.year, rep.values["table3"]
    head = f"{y}年，{a}共收到政府信息公开申请"
    fake = copy.deepcopy(t3)
    key = rng.choice(["一", "二", "（七）", "四"])
    fake[key][6] += rng.randint(1, 9)
    for i, b in enumerate(rep.blocks):
        if b[0] == "p" and b[1].startswith(head):
            rep.blocks[i] = ("p", request_sentence(a, y, fake))
            return {"quantity": key}
    return None


def _sum_sentence(rng: random.Random, wrong: bool) -> str:
    a, b, c = rng.randint(20, 400), rng.randint(20, 400), rng.randint(5, 200)
    if rng.random() < 0.6:
        total = a + b + c + (rng.choice([-1, 1]) * rng.randint(1, 30) if wrong else 0)
        return f"全年共发布政务信息{total}条，其中政策文件{a}条；工作动态{b}条；其他信息{c}条。"
    total = a + b + (rng.choice([-1, 1]) * rng.randint(1, 9) if wrong else 0)
    return f"全年组织政务公开业务培训{total}次（含线上培训{a}次、线下培训{b}次）。"


def f_sum(rng: random.Random, rep: SynthReport) -> dict[str, Any] | None:
    """A 共N…其中 (or bracketed 含) sentence whose parts do not add up."""
    _insert_after_requests(rep, _sum_sentence(rng, True))
    return {}


def _percent_sentence(rep: SynthReport, wrong: bool, rng: random.Random) -> str | None:
    t3 = rep.values["table3"]
    done, opened = t3["（七）"][6], t3["（一）"][6]
    if done == 0:
        return None
    pct = opened / done * 100 + ((rng.choice([-1, 1]) * rng.uniform(3, 20)) if wrong else 0)
    if wrong and not 0 < pct < 100:
        pct = (opened / done * 100 + 50) % 100 or 50.0
    return f"全年办结{done}件，其中予以公开{opened}件，占{pct:.2f}%。"


def f_percent(rng: random.Random, rep: SynthReport) -> dict[str, Any] | None:
    """``予以公开N件，占x%`` with x not N / 办结."""
    s = _percent_sentence(rep, True, rng)
    if s is None:
        return None
    _insert_after_requests(rep, s)
    return {}


def f_all_done(rng: random.Random, rep: SynthReport) -> dict[str, Any] | None:
    """"所有申请均已办结" while table 三 carries requests over."""
    if rep.values["table3"]["四"][6] == 0:
        return None
    _insert_after_requests(rep, "本年度所有申请均已办结，未发生逾期答复情况。")
    return {}


SINGLE_FAULTS: dict[str, Fault] = {
    "gk.table3.row-sum": f_row_sum, "gk.table3.column-total": f_column_total, "gk.table3.balance": f_balance,
    "gk.table3.group-subtotal": f_group_subtotal, "gk.table4.block-total": f_block_total,
    "gk.table.cell-domain": f_cell_domain, "gk.table.placeholder": f_placeholder,
    "gk.table.conflicting-values": f_conflict, "gk.table.unparsed": f_unparsed,
    "gk.table2.plausibility": f_plausibility, "gk.prose.table-mismatch": f_prose_table,
    "gk.prose.sum-mismatch": f_sum, "gk.prose.percentage": f_percent, "gk.prose.all-done-contradiction": f_all_done,
}


def clean_extras(rng: random.Random, rep: SynthReport) -> None:
    """Correct versions of the optional constructs (subtotals, 其中 sums, percentages) in clean controls."""
    if rng.random() < 0.4:
        _rerender(rep, subtotals=_group_sums(rep, rng.sample(["（三）", "（四）", "（五）"], 2)))
    if rng.random() < 0.6:
        _insert_after_requests(rep, _sum_sentence(rng, False))
    if rng.random() < 0.6 and (s := _percent_sentence(rep, False, rng)):
        _insert_after_requests(rep, s)


# --- cross-year pairs ------------------------------------------------------------------------------------------------

def _continue_from(prev: SynthReport, cur: SynthReport, rng: random.Random) -> None:
    """Make ``cur`` the consistent successor of ``prev`` (X1–X4 hold, every in-report identity too)."""
    p3, c3 = prev.values["table3"], cur.values["table3"]
    for c in range(6):
        c3["一"][c] = p3["一"][c]
        c3["二"][c] = p3["四"][c]
        rest = c3["一"][c] + c3["二"][c] - c3["（七）"][c]
        if rest < 0:
            c3["（七）"][c] += rest
            for k in leaf_keys(cur.template):
                take = min(c3[k][c], -rest)
                c3[k][c] -= take
                rest += take
                if rest >= 0:
                    break
            rest = 0
        c3["四"][c] = rest
    for row in c3.values():
        _retotal(row)
    p2, c2 = prev.values["table2"], cur.values["table2"]
    if cur.template == "2021":
        for row in ("规章", "行政规范性文件"):
            c2[row][1] = min(c2[row][1], p2[row][2] + c2[row][0])
            c2[row][2] = p2[row][2] + c2[row][0] - c2[row][1]
        for row in ("行政许可", "行政处罚", "行政强制"):
            c2[row][0] = round(p2[row][0] * rng.uniform(0.7, 1.4))
    else:
        for row in ("行政许可", "其他对外管理服务事项", "行政处罚", "行政强制", "行政事业性收费"):
            c2[row][0] = p2[row][0] + p2[row][1]
            c2[row][1] = max(c2[row][1], -c2[row][0])
        for row in ("行政许可", "其他对外管理服务事项", "行政处罚", "行政强制"):
            c2[row][2] = round(p2[row][2] * rng.uniform(0.7, 1.4))
    _rerender(cur)


def pair_fault(rule: str, rng: random.Random, prev: SynthReport, cur: SynthReport) -> dict[str, Any] | None:
    """Break one cross-year identity in ``cur`` while keeping every in-report identity."""
    c3, c2 = cur.values["table3"], cur.values["table2"]
    if rule == "gk.crossyear.carry-over":
        c = rng.randrange(6)
        for i in (c, 6):
            c3["二"][i] += 1
            c3["四"][i] += 1
    elif rule == "gk.crossyear.rollforward":
        row = rng.choice(["规章", "行政规范性文件"])
        c2[row][2] += rng.randint(2, 6)
        return_detail = {"row": row}
        _rerender(cur)
        return return_detail
    elif rule == "gk.crossyear.items-rollforward":
        row = rng.choice(["行政许可", "行政处罚", "行政强制"])
        c2[row][0] += rng.randint(2, 9)
        c2[row][1] = max(c2[row][1], -c2[row][0])
    elif rule == "gk.crossyear.jump":
        row = "行政许可"
        col = 0 if cur.template == "2021" else 2
        base_value = prev.values["table2"][row][col]
        c2[row][col] = base_value * rng.randint(6, 12) + rng.randint(30, 90)
    _rerender(cur)
    return {}


# --- the set -----------------------------------------------------------------------------------------------------------

def generate(per_rule: int = 16, clean: int = 48, pairs_clean: int = 16, seed: int = 20240501) -> list[GenDoc]:
    """The whole set in memory (deterministic for a seed)."""
    rng = random.Random(seed)
    used: set[str] = set()
    docs: list[GenDoc] = []
    n = 0

    def name(tag: str, template: str) -> str:
        nonlocal n
        n += 1
        return f"n{n:04d}_{template}_{tag}"

    for i in range(clean):
        template = "2021" if i % 2 else "2019"
        rep = base(rng, template, used)
        clean_extras(rng, rep)
        docs.append(GenDoc(name("clean", template), rep))
    for rule, fault in SINGLE_FAULTS.items():
        made = 0
        attempts = 0
        while made < per_rule and attempts < per_rule * 20:
            attempts += 1
            template = "2021" if (made + attempts) % 2 else "2019"
            county = True if rule == "gk.table2.plausibility" and template == "2021" else None
            rep = base(rng, template, used, county=county)
            detail = fault(rng, rep)
            if detail is None:
                continue
            made += 1
            tag = rule.rsplit(".", 1)[1]
            docs.append(GenDoc(name(tag, template), rep, [{"rule_id": rule, **detail}], role="fault"))
    pair_plan = [(r, per_rule) for r in PAIR_RULES] + [(None, pairs_clean)]
    for rule, count in pair_plan:
        for k in range(count):
            if rule == "gk.crossyear.rollforward":
                template = "2021"
            elif rule == "gk.crossyear.items-rollforward":
                template = "2019"
            else:
                template = "2021" if k % 2 else "2019"
            year = 2020 if template == "2019" else rng.randint(2022, 2024)
            scale = rng.choice([15, 40, 120])
            prev = base(rng, template, used, year=year - 1, scale=scale)
            cur = base(rng, template, used, year=year, agency=prev.agency, scale=scale)
            _continue_from(prev, cur, rng)
            pname = name("prev", template)
            docs.append(GenDoc(pname, prev, role="prev"))
            if rule is None:
                docs.append(GenDoc(name("pairclean", template), cur, prev=pname))
                continue
            detail = pair_fault(rule, rng, prev, cur)
            docs.append(GenDoc(name(rule.rsplit(".", 1)[1], template), cur, [{"rule_id": rule, **(detail or {})}],
                               prev=pname, role="fault"))
    return docs


def write(docs: list[GenDoc], out: Path, formats: tuple[str, ...] = FORMATS) -> dict[str, Any]:
    """Render every document (formats in turn) and write ``manifest.json``; returns the manifest."""
    from corpora.render import render

    out.mkdir(parents=True, exist_ok=True)
    entries = []
    files: dict[str, str] = {}
    for i, d in enumerate(docs):
        fmt = formats[i % len(formats)]
        path = out / f"{d.name}.{fmt}"
        render(d.report.blocks, fmt, path, title=d.report.title)
        files[d.name] = path.name
        entries.append({"file": path.name, "format": fmt, "template": d.report.template, "year": d.report.year,
                        "agency": d.report.agency.name, "role": d.role, "faults": d.faults, "expect": d.expect,
                        "prev": files.get(d.prev) if d.prev else None})
    counts = {r: sum(1 for e in entries for f in e["faults"] if f["rule_id"] == r) for r in ALL_RULES}
    manifest = {"generator": "corpora/gen_numbers.py", "documents": entries, "fault_counts": counts,
                "n_documents": len(entries)}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    """Command line: generate the set into a folder."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--per-rule", type=int, default=16)
    ap.add_argument("--clean", type=int, default=48)
    ap.add_argument("--pairs-clean", type=int, default=16)
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--seed", type=int, default=20240501)
    args = ap.parse_args(argv)
    docs = generate(args.per_rule, args.clean, args.pairs_clean, args.seed)
    manifest = write(docs, args.out, tuple(args.formats.split(",")))
    print(f"{manifest['n_documents']} documents in {args.out}; faults per rule: {manifest['fault_counts']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
