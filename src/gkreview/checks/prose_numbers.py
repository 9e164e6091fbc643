"""Prose-number family: figures quoted in the text against the tables, and the text's own arithmetic.

Reports repeat their table figures in prose (``共收到申请3119件…答复3050件…结转下年度103件``)
and break totals down (``共计8674个，其中…4687个；…1897个；…2090个``). Both are
checked deterministically:

- every mention (not only the first) of 新收 / 上年结转 / 办结·答复 / 结转下年度 /
  行政复议 / 行政诉讼 / 规章·规范性文件 is compared with the table cell it quotes,
  and every statement of the 信息处理费 with the others. These are *warnings*:
  the prose may describe a narrower scope (区政府办 inside a 区政府 report), so
  the scope words before the figure are shown as evidence;
- ``共N…其中a…b…`` and ``N件，其中…`` sums, parenthesised breakdowns ``(含a件、b件)``;
- ``占x%`` recomputed from its base (the 其中 total, the paragraph's 共 total, or the
  table's 办理结果总计);
- ``所有申请均已办结`` while 结转下年度继续办理 > 0.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from gkreview.analysis import Context
from gkreview.data import labels as L
from gkreview.document import Document, Location, Paragraph
from gkreview.findings import Finding, Rule, Severity, make_finding
from gkreview.numbers import format_decimal
from gkreview.tables import CanonCell, TableSet, block_starts

# Only meaningful on reports: the doctype family reports other document types (see pipeline.applies).
APPLIES_TO = ("annual_report",)

RULES: tuple[Rule, ...] = (
    Rule("gk.prose.table-mismatch", Severity.WARNING, "正文数字与表格（或同一数字的另一处表述）不一致",
         "A figure in the text differs from the table cell it quotes (or from another statement of the same figure).",
         "Compares every mention of 新收/上年结转/办结/结转下年度/行政复议/行政诉讼/规章/规范性文件 with tables 二/三/四 "
         "and every statement of the 信息处理费 with the others. A warning: the text may describe a narrower scope; "
         "the scope words are shown.",
         bad="正文：共收到申请17件；表三新收总计 95", good="正文：共收到申请95件；表三新收总计 95"),
    Rule("gk.prose.sum-mismatch", Severity.WARNING, "正文“共N…其中…”分项之和与总数不符",
         "A total in the text does not match the sum of its parts (共N…其中a…b…, or a bracketed breakdown).",
         "“共计N个，其中a个；b个；c个” and “N件（含a件、b件）” must add up; parts that exceed the total are always "
         "wrong, parts that fall short are flagged when the list is exhaustive (a catch-all 其他 item or a breakdown).",
         bad="共计8674个，其中4687个；1897个；2000个。", good="共计8674个，其中4687个；1897个；2090个。"),
    Rule("gk.prose.percentage", Severity.WARNING, "正文百分比与其基数不符",
         "A percentage in the text does not match its part and base.",
         "“予以公开N件，占x%” is recomputed from the part and its base (the 其中 total, the paragraph's 共 total or "
         "table 三's （七）总计).",
         bad="共办结40件，其中予以公开10件，占40%", good="共办结40件，其中予以公开10件，占25%"),
    Rule("gk.prose.all-done-contradiction", Severity.WARNING, "正文称所有申请均已办结，但表三结转下年度大于0",
         "The text says every request was completed while table 3 carries requests over to next year.",
         "“所有申请均已办结” contradicts 四、结转下年度继续办理 > 0.",
         bad="所有申请均已办结。（表三：结转下年度 3）", good="所有申请均在法定期限内答复，3件结转下年度办理。"),
)
_RULE = {r.id: r for r in RULES}

_NUM = r"\d[\d,]*(?:\.\d+)?"
_UNITS = "|".join(sorted(L.COUNT_UNITS, key=len, reverse=True))
_QTY_RE = re.compile(rf"(?P<n>{_NUM})(?P<approx>余|多)?(?P<u>{_UNITS})(?!%)")
_PART_WORD_RE = re.compile("|".join(L.SUM_PART_WORDS))
_TOTAL_WORD_RE = re.compile("|".join(sorted(L.SUM_TOTAL_WORDS, key=len, reverse=True)))
_APPROX_BEFORE_RE = re.compile(r"(?:约|近|超过|逾|不足|大约)$")
_ADDITIONAL_RE = re.compile("|".join(L.ADDITIONAL_WORDS))
_OVERLAP_AFTER_RE = re.compile(L.OVERLAP_AFTER_RE)
_OVERLAP_BEFORE_RE = re.compile(L.OVERLAP_BEFORE_RE)
_STAGE_CLAUSE_RE = re.compile(L.STAGE_CLAUSE_RE)
_CATCHALL_RE = re.compile(r"其他|其余|剩余|余下")
_NON_EXHAUSTIVE_RE = re.compile("|".join(L.NON_EXHAUSTIVE_WORDS))
_BREAKDOWN_RE = re.compile(rf"(?P<n>{_NUM})(?P<u>{_UNITS})\((?:{'|'.join(L.BREAKDOWN_LEADS[1:])})(?P<body>[^()]*)\)")
_PERCENT_RE = re.compile(L.PERCENT_PATTERN)
_NAMED_PERCENT_RE = re.compile(L.NAMED_PERCENT_PATTERN)
_QUANTITIES = [(name, target, tuple(re.compile(p) for p in pats), L.PROSE_QUANTITY_HINTS[name])
               for name, target, pats in L.PROSE_QUANTITIES]
_FEE_RES = tuple(re.compile(p) for p in L.FEE_PATTERNS)
_FEE_ZERO_RES = tuple(re.compile(p) for p in L.FEE_ZERO_PATTERNS)
_ALL_DONE_RES = tuple(re.compile(p) for p in L.ALL_DONE_PATTERNS)
_HINT_QTY = L.QUANTITY_HINTS
_DIGITS = frozenset("0123456789,")
_HINT_FEE = L.FEE_HINTS
_HINT_SUMS = (*L.SUM_PART_WORDS, *(f"({w}" for w in L.BREAKDOWN_LEADS[1:]))
_HINT_PCT = L.PERCENT_HINTS
_HINT_DONE = L.ALL_DONE_HINTS
_OTHER_YEAR_RE = re.compile(r"((?:19|20)\d{2})年|去年|上一年度|上年度(?!结转)|上年同期|同比")
_SENT_END = "。!?\n"  # _sentence_bounds spells these out for speed


def _to_dec(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _sentence_bounds(s: str, pos: int) -> tuple[int, int]:
    """The sentence around ``pos``: after the previous 。!? or newline, through the next one (or the end)."""
    rfind, find = s.rfind, s.find
    start = max(rfind("。", 0, pos), rfind("!", 0, pos), rfind("?", 0, pos), rfind("\n", 0, pos)) + 1
    end = len(s)
    for ch in _SENT_END:
        i = find(ch, pos, end)
        if i >= 0:
            end = i + 1
    return start, end


class _Para:
    """One paragraph being checked: block index, normalised text and (looked up only when needed) section id.

    Section detection costs more than all number checks together, so it runs only
    when a finding has to say where it is or a fee statement needs its reference.
    The 其中 constructs are parsed once and shared by the sum and percentage checks.
    """

    __slots__ = ("_cases", "block", "ctx", "text")

    def __init__(self, block: int, text: str, ctx: Context | None) -> None:
        self.block, self.text, self.ctx = block, text, ctx
        self._cases: list[_SumCase] | None = None

    @property
    def section(self) -> str | None:
        sections = _sections(self.ctx)
        return sections.section_of_block(self.block) if sections is not None else None

    @property
    def cases(self) -> list[_SumCase]:
        if self._cases is None:
            self._cases = _sum_cases(self.text)
        return self._cases


@dataclass
class _Candidates:
    """The paragraphs each family has to parse, in document order.

    Most paragraphs of a report hold no checked figure; cheap substring tests that
    every pattern of a family needs (see ``labels.PROSE_HINTS``) keep the exact
    regex work to the few paragraphs that can match.
    """

    quantity: list[_Para] = field(default_factory=list)
    fee: list[_Para] = field(default_factory=list)
    sums: list[_Para] = field(default_factory=list)
    percent: list[_Para] = field(default_factory=list)
    done: list[_Para] = field(default_factory=list)


def _paragraph_runs(doc: Document, starts: list[int]) -> list[tuple[int, int]]:
    """Spans of ``doc.norm_text`` covered by consecutive paragraphs (tables left out: they are not prose)."""
    runs: list[tuple[int, int]] = []
    open_at: int | None = None
    for k, b in enumerate(doc.blocks):
        if isinstance(b, Paragraph):
            if open_at is None:
                open_at = starts[k]
        elif open_at is not None:
            runs.append((open_at, starts[k] - 1))
            open_at = None
    if open_at is not None:
        runs.append((open_at, starts[-1] - 1))
    return runs


def _hint_blocks(text: str, starts: list[int], runs: list[tuple[int, int]], hints: tuple[str, ...],
                 after_digit: bool = False) -> set[int]:
    """Indexes of the paragraphs whose normalised text contains one of ``hints``.

    Each hint is found by its last character (a one-character search is several
    times faster than a multi-character one) and then verified, only inside the
    paragraph runs. With ``after_digit`` a hint counts only right after a digit or
    thousands comma (``12件``, not ``文件``). After a hit the search jumps to the
    next block.
    """
    found: set[int] = set()
    find = text.find
    for h in hints:
        back, anchor = len(h) - 1, h[-1]
        for lo, hi in runs:
            i = find(anchor, lo + back, hi)
            while i >= 0:
                if (back and not text.startswith(h, i - back)) or (
                        after_digit and (i == lo or text[i - 1] not in _DIGITS)):
                    i = find(anchor, i + 1, hi)
                    continue
                k = bisect.bisect_right(starts, i - back) - 1
                found.add(k)
                i = find(anchor, starts[k + 1] + back, hi)
    return found


def _candidates(doc: Document, ctx: Context | None, want_done: bool) -> _Candidates:
    """Paragraphs per family, found by substring search over the document's joined normalised text.

    Hints never contain a newline, so each hit lies inside one block.
    """
    out = _Candidates()
    text = doc.norm_text
    starts = block_starts(doc)
    runs = doc.memo("numbers.paragraph_runs", lambda: _paragraph_runs(doc, starts))
    hits = [(out.quantity, _hint_blocks(text, starts, runs, _HINT_QTY, after_digit=True)),
            (out.fee, _hint_blocks(text, starts, runs, _HINT_FEE)),
            (out.sums, _hint_blocks(text, starts, runs, _HINT_SUMS)),
            (out.percent, _hint_blocks(text, starts, runs, _HINT_PCT))]
    if want_done:
        hits.append((out.done, _hint_blocks(text, starts, runs, _HINT_DONE)))
    paras: dict[int, _Para] = {}
    blocks = doc.blocks
    for dest, found in hits:
        for k in sorted(found):
            p = paras.get(k)
            if p is None:
                p = paras[k] = _Para(k, blocks[k].norm, ctx)
            dest.append(p)
    return out


def _sections(ctx: Context | None) -> Any:
    """The section analysis when the section detector is available (it is optional for these checks)."""
    if ctx is None:
        return None
    try:
        return ctx.sections
    except Exception:  # noqa: BLE001 - the section detector is optional here; a failure must not stop the checks
        return None


def _report_year(doc: Document, ctx: Context | None) -> int | None:
    """The title year from segmentation; the (costlier) year detector only when the title has none."""
    if doc.year is not None:
        return doc.year
    if ctx is not None:
        try:
            info = ctx.year
            y = getattr(info, "year", info)
            if isinstance(y, int):
                return y
        except Exception:  # noqa: BLE001 - the year detector is optional here
            pass
    return None


# --------------------------------------------------------------------------------------------------------------
# Prose ↔ table
# --------------------------------------------------------------------------------------------------------------


def _target(tables: TableSet, target: str) -> tuple[list[Decimal], list[CanonCell]] | None:
    """The table value(s) a prose quantity quotes: acceptable values and the cells they come from."""
    kind, ref = target.split(":", 1)
    row, col = ref.split("/")
    if kind == "t3" and tables.table3 is not None:
        c = tables.table3.cell(row, col)
        return ([c.number.value], [c]) if c and c.number.is_number and c.number.value is not None else None
    if kind == "t4" and tables.table4 is not None:
        rows = ("未经复议直接起诉", "复议后起诉") if row == "诉讼" else (row,)
        cells = [tables.table4.cell(r, col) for r in rows]
        if any(c is None or not c.number.is_number for c in cells):
            return None
        return [sum((c.number.value for c in cells), Decimal(0))], cells  # type: ignore[misc]
    if kind == "t2" and tables.table2 is not None:
        t = tables.table2
        rows2 = ("规章",) if row == "规章" else ("行政规范性文件", "规范性文件")
        cols = {"制发": ("本年制发件数", "本年新制作数量", "本年新公开数量"),
                "现行有效": ("现行有效件数", "对外公开总数量")}[col]
        cells2 = [c for r in rows2 for k in cols if (c := t.cell(r, k)) and c.number.is_number]
        return ([c.number.value for c in cells2], cells2) if cells2 else None  # type: ignore[misc]
    return None


def _other_year(clause: str, year: int | None) -> bool:
    """True when the clause is about another year (a comparison), not the report year."""
    return any(m.group(1) is None or year is None or int(m.group(1)) != year for m in _OTHER_YEAR_RE.finditer(clause))


def _scope(clause: str) -> list[str]:
    """Scope words in the clause before a figure (overlapping: 区政府办公室 names 政府办 and 办公室)."""
    return sorted(w for w in L.SCOPE_WORDS if w in clause)


def _prose_vs_table(doc: Document, paras: list[_Para], tables: TableSet, year: int | None) -> Iterator[Finding]:
    """Figures quoted in the text against their table cells; the sentence is examined only on a mismatch."""
    rule = _RULE["gk.prose.table-mismatch"]
    targets: dict[str, tuple[list[Decimal], list[CanonCell]] | None] = {}
    for p in paras:
        has = p.text.__contains__
        for name, target, regexes, hints in _QUANTITIES:
            if not any(map(has, hints)):  # C-level substring tests: no generator frame per quantity
                continue
            seen: set[int] = set()
            for rx in regexes:
                for m in rx.finditer(p.text):
                    if m.start("n") in seen:
                        continue
                    seen.add(m.start("n"))
                    if target not in targets:
                        targets[target] = _target(tables, target)
                    tv = targets[target]
                    if tv is None:
                        continue
                    value = _to_dec(m.group("n"))
                    allowed, cells = tv
                    if value in allowed:
                        continue
                    s0, s1 = _sentence_bounds(p.text, m.start())
                    clause = p.text[s0:m.start("n")]
                    if _other_year(clause, year):
                        continue
                    shown = "、".join(format_decimal(v) for v in allowed)
                    scope = _scope(clause)
                    yield make_finding(
                        rule, doc.span_location(p.block, m.start("n"), m.end("n"), section=p.section),
                        f"正文“{name}”为 {m.group('n')}，表格为 {shown}"
                        + (f"（注意范围词：{'、'.join(scope)}）" if scope else ""),
                        f"The text gives {name} = {m.group('n')} but the table gives {shown}"
                        + (f" (scope words: {', '.join(scope)})" if scope else ""),
                        {"quantity": name, "printed": m.group("n"), "computed": [float(v) if v % 1 else int(v)
                                                                                for v in allowed],
                         "passage": p.text[s0:s1], "scope_words": scope,
                         "contributors": [_cell_json(c) for c in cells]},
                        tuple(c.location(doc) for c in cells))


def _cell_json(c: CanonCell) -> dict[str, Any]:
    return {"row_label": c.row_label, "col_label": c.col_label, "value": c.number.as_json(),
            "row": c.grid[0] if c.grid else None, "col": c.grid[1] if c.grid else None}


def _fees(doc: Document, paras: list[_Para]) -> Iterator[Finding]:
    """Every statement of the 信息处理费 must agree (the one in section 六 is the reference)."""
    mentions: list[tuple[_Para, int, int, Decimal, str]] = []
    for p in paras:
        for rx in _FEE_RES:
            for m in rx.finditer(p.text):
                v = _to_dec(m.group("n")) * (10_000 if m.group("u") == "万元" else 1)
                mentions.append((p, m.start("n"), m.end("u"), v, m.group(0)))
        for rx in _FEE_ZERO_RES:
            for m in rx.finditer(p.text):
                mentions.append((p, m.start(), m.end(), Decimal(0), m.group(0)))
    if len({v for *_, v, _ in mentions}) < 2:
        return
    ref = next((x for x in reversed(mentions) if x[0].section == "other"), mentions[-1])
    rule = _RULE["gk.prose.table-mismatch"]
    ref_loc = doc.span_location(ref[0].block, ref[1], ref[2], section=ref[0].section)
    for p, s, e, v, text in mentions:
        if v == ref[3]:
            continue
        yield make_finding(rule, doc.span_location(p.block, s, e, section=p.section),
                           f"信息处理费前后不一致：此处为 {format_decimal(v)} 元，另一处为 {format_decimal(ref[3])} 元",
                           f"The information-processing fee is {format_decimal(v)} yuan here but "
                           f"{format_decimal(ref[3])} yuan elsewhere",
                           {"quantity": "信息处理费", "printed": format_decimal(v), "computed": format_decimal(ref[3]),
                            "passage": text, "other_passage": ref[4], "contributors": []}, (ref_loc,))


# --------------------------------------------------------------------------------------------------------------
# 共N…其中… sums and bracketed breakdowns
# --------------------------------------------------------------------------------------------------------------


class _Qty(NamedTuple):
    """A counted figure in prose (``12件``): value, unit, span and whether it is approximate (``约``/``余``)."""

    value: Decimal
    unit: str
    start: int
    end: int
    approx: bool


def _quantities(s: str, lo: int, hi: int) -> list[_Qty]:
    out: list[_Qty] = []
    for m in _QTY_RE.finditer(s, lo, hi):
        if m.start() > 0 and (s[m.start() - 1].isdigit() or s[m.start() - 1] == "."):
            continue
        approx = bool(m.group("approx")) or bool(_APPROX_BEFORE_RE.search(s[max(0, m.start() - 2):m.start()]))
        out.append(_Qty(_to_dec(m.group("n")), m.group("u"), m.start(), m.end(), approx))
    return out


@dataclass
class _SumCase:
    """One 其中 construct: its total candidates, its parts and where they are."""

    totals: list[Decimal]
    total_qty: _Qty
    parts: list[_Qty]
    span: tuple[int, int]
    exhaustive: bool
    # The parts are channels the same items also went to (同步通过…): they overlap and need not add up.
    overlapping: bool = False


def _exhaustive(s: str, k: int, parts: list[_Qty], span_text: str) -> bool:
    """Whether a 其中 list claims to cover the whole total (so a shortfall is an error, not a highlight).

    A catch-all item (其他/其余), a list introduced by 分别, or three or more parts
    separated by semicolons (the official enumeration style) read as a partition;
    ``…件等``/``主要`` read as a selection.
    """
    if _NON_EXHAUSTIVE_RE.search(span_text) or any(s[q.end:q.end + 1] == "等" for q in parts):
        return False
    if _CATCHALL_RE.search(span_text) or "分别" in s[max(0, k - 12):k + 4]:
        return True
    between = [s[a.end:b.start] for a, b in itertools.pairwise(parts)]
    return len(parts) >= 3 and all(";" in x for x in between)


def _sum_cases(s: str) -> list[_SumCase]:
    """Every 其中 in a paragraph with the total before it and the same-unit parts after it."""
    cases: list[_SumCase] = []
    marks = [m.start() for m in _PART_WORD_RE.finditer(s)]
    for idx, k in enumerate(marks):
        s0, _ = _sentence_bounds(s, k)
        prev0 = _sentence_bounds(s, s0 - 2)[0] if s0 >= 2 and s[s0:k].strip(",:") == "" else s0
        before = _quantities(s, prev0, k)
        if not before:
            continue
        total = before[-1]
        if total.approx:
            continue
        totals = [total.value]
        tw = list(_TOTAL_WORD_RE.finditer(s, prev0, total.start))
        if tw:
            listed = [q for q in before if q.start > tw[-1].start() and q.unit == total.unit]
            if len(listed) >= 2 and not any(q.approx for q in listed):
                totals.append(sum((q.value for q in listed), Decimal(0)))
        _, end = _sentence_bounds(s, k)
        if idx + 1 < len(marks) and marks[idx + 1] < end:
            nxt = _quantities(s, k, marks[idx + 1])
            end = nxt[-1].start if nxt else marks[idx + 1]
        paren_open = s.rfind("(", prev0, k) > s.rfind(")", prev0, k)
        if paren_open and (close := s.find(")", k)) >= 0:
            end = min(end, close)
        add = _ADDITIONAL_RE.search(s, k, end)
        if add:
            end = add.start()
        if stage := _STAGE_CLAUSE_RE.search(s, k, end):
            end = stage.start()
        parts = [q for q in _quantities(s, k, end) if q.unit == total.unit and not q.approx]
        span_text = s[k:end]
        exhaustive = _exhaustive(s, k, parts, span_text)
        if parts:
            overlapping = bool(_OVERLAP_AFTER_RE.match(s, k + 2) or _OVERLAP_BEFORE_RE.search(s, total.end, k))
            cases.append(_SumCase(totals, total, parts, (total.start, end), exhaustive, overlapping))
    for m in _BREAKDOWN_RE.finditer(s):
        body_start = m.start("body")
        add = _ADDITIONAL_RE.search(s, body_start, m.end("body"))
        end = add.start() if add else m.end("body")
        parts = [q for q in _quantities(s, body_start, end) if q.unit == m.group("u") and not q.approx]
        total = _Qty(_to_dec(m.group("n")), m.group("u"), m.start("n"), m.end("u"), False)
        if len(parts) >= 2:
            cases.append(_SumCase([total.value], total, parts, (m.start(), m.end()), True))
    return cases


def _sums(doc: Document, paras: list[_Para]) -> Iterator[Finding]:
    rule = _RULE["gk.prose.sum-mismatch"]
    for p in paras:
        for case in p.cases:
            total = sum((q.value for q in case.parts), Decimal(0))
            if total in case.totals:
                continue
            if case.overlapping:
                continue  # channels the same items also went to: their figures overlap, no sum to expect
            if len(case.parts) == 1 and total <= max(case.totals):
                continue
            if total < min(case.totals) and not case.exhaustive:
                continue
            shown = "+".join(format_decimal(q.value) for q in case.parts)
            printed = "、".join(format_decimal(t) for t in case.totals)
            yield make_finding(
                rule, doc.span_location(p.block, case.total_qty.start, case.total_qty.end, section=p.section),
                f"总数 {printed}{case.total_qty.unit} 与分项之和 {shown}={format_decimal(total)} 不符",
                f"Total {printed} {case.total_qty.unit} but the parts add up to {shown} = {format_decimal(total)}",
                {"printed": [int(t) if t % 1 == 0 else float(t) for t in case.totals],
                 "computed": int(total) if total % 1 == 0 else float(total), "unit": case.total_qty.unit,
                 "parts": [int(q.value) if q.value % 1 == 0 else float(q.value) for q in case.parts],
                 "passage": p.text[case.span[0]:case.span[1]], "contributors": []},
                tuple(doc.span_location(p.block, q.start, q.end) for q in case.parts))


# --------------------------------------------------------------------------------------------------------------
# Percentages
# --------------------------------------------------------------------------------------------------------------


def _percentages(doc: Document, paras: list[_Para], tables: TableSet) -> Iterator[Finding]:
    rule = _RULE["gk.prose.percentage"]
    base_table = None
    if tables.table3 is not None and (c := tables.table3.cell("(七)", "总计")) and c.number.is_number:
        base_table = c.number.value
    for p in paras:
        named = set()
        if tables.table3 is not None:
            for m in _NAMED_PERCENT_RE.finditer(p.text):
                named.add(m.end("p"))
                yield from _named_percentage(doc, p, m, tables.table3, rule)
        cases = p.cases
        for m in _PERCENT_RE.finditer(p.text):
            if m.end("p") in named:
                continue  # its part is named (予以公开的占…%), not the number before it
            q = m.start()
            before = [x for x in _quantities(p.text, max(0, q - 30), q)]
            if not before or before[-1].unit == "%":
                continue
            part = before[-1]
            if p.text.rfind("。", part.end, q) >= 0:
                continue
            bases: list[Decimal] = []
            for case in cases:
                if case.span[0] <= part.start < case.span[1] and case.total_qty.unit == part.unit:
                    bases.extend(case.totals)
            s0, _ = _sentence_bounds(p.text, part.start)
            tw = list(_TOTAL_WORD_RE.finditer(p.text, 0, part.start))
            for w in reversed(tw):
                qs = [x for x in _quantities(p.text, w.end(), min(part.start, w.end() + 20))
                      if x.unit == part.unit and not x.approx]
                if qs:
                    bases.append(qs[0].value)
                    break
            if base_table is not None and part.unit == "件":
                bases.append(base_table)
            bases = [b for b in bases if b > 0 and b >= part.value]
            if not bases:
                continue
            printed = Decimal(m.group("p"))
            decimals = len(m.group("p").split(".")[1]) if "." in m.group("p") else 0
            tol = Decimal(1).scaleb(-decimals)
            computed = [part.value / b * 100 for b in bases]
            if any(abs(c - printed) <= tol for c in computed):
                continue
            shown = "、".join(f"{c:.2f}%" for c in computed)
            yield make_finding(
                rule, doc.span_location(p.block, m.start("p"), m.end("p") + 1, section=p.section),
                f"百分比 {m.group('p')}% 与计算值不符：{format_decimal(part.value)}÷基数 = {shown}",
                f"Percentage {m.group('p')}% does not match {format_decimal(part.value)} / base = {shown}",
                {"printed": float(printed), "computed": [round(float(c), 2) for c in computed],
                 "part": float(part.value), "bases": [float(b) for b in bases],
                 "passage": p.text[s0:m.end()], "contributors": []},
                (doc.span_location(p.block, part.start, part.end),))


def _named_percentage(doc: Document, p: _Para, m: re.Match[str], t3: Any, rule: Rule) -> Iterator[Finding]:
    """``予以公开的比例为x%`` / ``办结率x%``: the named part's table-三 total over each base it may be a share of.

    Nothing is said when the part's cell or every base is missing or not a number (no guess), or when the
    figure matches any base within the tolerance of the printed decimals (as for ``占x%``).
    """
    row, base_rows = L.NAMED_PERCENT_PARTS[m.group("name")]
    part = t3.cell(row, "总计")
    if part is None or not part.number.is_number or part.number.value is None:
        return
    bases: list[tuple[Decimal, list[CanonCell]]] = []
    for rows in base_rows:
        cells = [t3.cell(r, "总计") for r in rows]
        if all(c is not None and c.number.is_number and c.number.value is not None for c in cells):
            total = sum((c.number.value for c in cells), Decimal(0))  # type: ignore[union-attr,misc]
            if total > 0 and total >= part.number.value:
                bases.append((total, cells))  # type: ignore[arg-type]
    if not bases:
        return
    printed = Decimal(m.group("p"))
    decimals = len(m.group("p").split(".")[1]) if "." in m.group("p") else 0
    tol = Decimal(1).scaleb(-decimals)
    computed = [part.number.value / b * 100 for b, _ in bases]
    if any(abs(c - printed) <= tol for c in computed):
        return
    s0, s1 = _sentence_bounds(p.text, m.start())
    shown = "、".join(f"{c:.2f}%" for c in computed)
    value = format_decimal(part.number.value)
    yield make_finding(
        rule, doc.span_location(p.block, m.start("p"), m.end("p") + 1, section=p.section),
        f"“{m.group('name')}”的百分比 {m.group('p')}% 与表三不符：{part.row_label} {value}÷基数 = {shown}",
        f"Percentage {m.group('p')}% of '{m.group('name')}' does not match table 3: {value} / base = {shown}",
        {"printed": float(printed), "computed": [round(float(c), 2) for c in computed],
         "part": float(part.number.value), "bases": [float(b) for b, _ in bases], "passage": p.text[s0:s1],
         "contributors": [_cell_json(part), *(_cell_json(c) for _, cells in bases for c in cells)]},
        (part.location(doc),))


# --------------------------------------------------------------------------------------------------------------
# 所有申请均已办结 vs 结转下年度
# --------------------------------------------------------------------------------------------------------------


def _carried_over(tables: TableSet) -> CanonCell | None:
    """Table 三's 结转下年度继续办理 total cell when it is a positive number (else None)."""
    if tables.table3 is None:
        return None
    c = tables.table3.cell("四", "总计")
    if c is None or not c.number.is_number or not c.number.value or c.number.value <= 0:
        return None
    return c


def _all_done(doc: Document, paras: list[_Para], tables: TableSet) -> Iterator[Finding]:
    c = _carried_over(tables)
    if c is None:
        return
    rule = _RULE["gk.prose.all-done-contradiction"]
    for p in paras:
        for rx in _ALL_DONE_RES:
            for m in rx.finditer(p.text):
                s0, s1 = _sentence_bounds(p.text, m.start())
                yield make_finding(
                    rule, doc.span_location(p.block, m.start(), m.end(), section=p.section),
                    f"正文称“{m.group(0)}”，但表三结转下年度继续办理为 {c.text.strip()}",
                    f"The text says '{m.group(0)}' but table 3 carries {c.text.strip()} requests over",
                    {"printed": m.group(0), "computed": c.number.as_json(), "passage": p.text[s0:s1],
                     "contributors": [_cell_json(c)]}, (c.location(doc),))


def check_prose(doc: Document, tables: TableSet, ctx: Context | None = None) -> list[Finding]:
    """All prose-number findings for a document whose tables are already extracted."""
    cand = _candidates(doc, ctx, _carried_over(tables) is not None)
    out: list[Finding] = []
    if cand.quantity:
        out.extend(_prose_vs_table(doc, cand.quantity, tables, _report_year(doc, ctx)))
    out.extend(_fees(doc, cand.fee))
    out.extend(_sums(doc, cand.sums))
    out.extend(_percentages(doc, cand.percent, tables))
    out.extend(_all_done(doc, cand.done, tables))
    return out


def check(doc: Document, ctx: Context) -> Iterable[Finding]:
    """Prose-number findings for one document."""
    return check_prose(doc, ctx.tables, ctx)


__all__ = ["RULES", "Location", "check", "check_prose"]
