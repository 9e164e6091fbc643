"""Structure family: statutory sections present, in order, numbered once, not empty (domain §2.2, §3, §4 #8 #9 #11).

Only applied to segments classified as annual reports: a 通报 has no duty to carry
the six sections. The required set follows the report year (Y ≥ 2019: the six
template sections with tables under 二/三/四; Y ≤ 2018: 2008 条例 art. 32), and
the template version is read from the labels the report prints, not from its year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from gkreview.analysis import Context
from gkreview.data.sections import (
    EMPTY_BODY_WORDS,
    FEE_ALT_WORDS,
    FEE_AMOUNT_OR_NONE,
    FEE_WORDS,
    PROBLEMS_MIN_CHARS,
    SECTION_TITLES_ZH,
    STANDARD_TITLE_RE,
    TABLE_MARKERS,
    TABLE_SECTIONS,
    TEMPLATE_NUMBER,
    TEMPLATE_ORDER,
)
from gkreview.document import Document, Location, Paragraph, Table
from gkreview.findings import Finding, Rule, Severity, make_finding
from gkreview.sections import (
    Section,
    SectionAnalysis,
    block_label,
    may_end_in_number,
    required_sections,
    section_body,
    title_label,
)

_W = Severity.WARNING


def _rule(name: str, sev: Severity, zh: str, en: str, desc: str, bad: str, good: str) -> Rule:
    return Rule(id=f"gk.structure.{name}", severity=sev, summary_zh=zh, summary_en=en, description=desc, bad=bad,
                good=good)


MISSING = _rule("missing-section", Severity.ERROR, "缺少法定章节", "A required section is missing.",
                "Y ≥ 2019: the six sections of the national format (总体情况 … 其他需要报告的事项); Y ≤ 2018: the "
                "content of 2008 条例 art. 32 (主动公开, 依申请公开, 收费及减免, 复议诉讼, 问题及改进). Headings are "
                "matched on their wording (domain §3.2), in simplified or traditional script.",
                "一、总体情况 二、主动公开政府信息情况 三、… (no 五、存在的主要问题及改进情况)",
                "… 五、存在的主要问题及改进情况 六、其他需要报告的事项")
ORDER = _rule("order", _W, "章节顺序与格式不符", "Sections are out of the template order.",
              "For 2019/2021-format reports the six sections must follow the template order; the sections outside "
              "the longest in-order run are reported.",
              "三、政府信息公开行政复议、行政诉讼情况 四、收到和处理政府信息公开申请情况",
              "三、收到和处理政府信息公开申请情况 四、政府信息公开行政复议、行政诉讼情况")
DUPLICATE = _rule("duplicate-section", _W, "章节重复", "A section appears twice.",
                  "The same statutory section is headed twice (often a pasted block from another report).",
                  "二、主动公开政府信息情况 … 三、主动公开政府信息情况", "二、主动公开政府信息情况 … 三、收到和处理…")
SECOND_NUMBERING = _rule("second-numbering", _W, "存在第二套编号或编号重新开始",
                         "A second numbering system, or numbering that restarts at 一 inside a section.",
                         "Sub-topics of 总体情况 promoted to 一、二、三 (so 一、 appears twice at the top level), or a "
                         "statutory section numbered in another scheme than its siblings ((三) among 一、二、四、).",
                         "一、总体情况 一、主动公开 二、依申请公开 … 二、主动公开政府信息情况",
                         "一、总体情况 (一)主动公开 (二)依申请公开 … 二、主动公开政府信息情况")
SHIFTED = _rule("shifted-numbering", _W, "章节序号与格式不符（序号错位）",
                "Section numbers are shifted against the template (e.g. 一、主动公开… when 总体情况 is absent).",
                "In the 2019/2021 format 主动公开 is always 二、, 申请 三、, 复议诉讼 四、, 问题 五、, 其他 六、.",
                "一、主动公开政府信息情况 二、收到和处理政府信息公开申请情况", "二、主动公开政府信息情况 三、收到和处理…")
EMPTY = _rule("empty-section", _W, "章节内容为空或过短", "A section is empty, or 五 only says 无 / is too short.",
              "A heading with nothing under it, or a 存在的主要问题及改进情况 section shorter than the minimum or "
              "saying only 无 (domain §4 #8, #12).", "五、存在的主要问题及改进情况 无。",
              "五、存在的主要问题及改进情况 一是政策解读形式单一……下一步将……")
FEE_MISSING = _rule("fee-statement-missing", _W, "第六部分未报告信息处理费收取情况",
                    "Section 六 does not report the 信息处理费 (Y ≥ 2021).",
                    "Since the 2021 format, section 六 must state the information-processing fees charged under "
                    "国办函〔2020〕109号 (an amount, or that none was charged).",
                    "六、其他需要报告的事项 本机关无其他需要报告的事项。",
                    "六、其他需要报告的事项 本年度未收取信息处理费。")
TABLE_MISSING = _rule("table-missing", Severity.ERROR, "缺少法定统计表格", "A required table is missing (二/三/四).",
                      "From report year 2019 the 主动公开, 申请 and 复议诉讼 sections are tables (domain §2.3–2.5); "
                      "prose alone does not satisfy the format. Tables printed elsewhere (e.g. as 附表) count.",
                      "三、收到和处理政府信息公开申请情况 本年共收到申请5件。",
                      "三、收到和处理政府信息公开申请情况 [table 三 with 25 rows × 7 columns]")
TITLE = _rule("nonstandard-title", Severity.INFO, "标题不是法定名称", "The title is not the statutory name.",
              "The statutory name is ‘…Y年政府信息公开工作年度报告’. Other names (政务公开工作年度报告, 信息公开年报) "
              "are flagged, not rejected (domain §5).", "某县2022年政务公开工作年度报告",
              "某县2022年政府信息公开工作年度报告")
OUTDATED = _rule("outdated-format", _W, "使用了过时的年报格式", "The report uses an outdated format for its year.",
                 "A report for 2021 or later printing 2019 (试行) table labels (本年新制作数量, 上一年项目数量, 政府集中"
                 "采购 …), or a report for 2019 or later in the pre-2019 art. 32 layout (收费及减免 section, no "
                 "tables); domain §2.6.", "2022年度报告 表二: 本年新制作数量 | 本年新公开数量 | 对外公开总数量",
                 "2022年度报告 表二: 本年制发件数 | 本年废止件数 | 现行有效件数")

RULES: tuple[Rule, ...] = (MISSING, ORDER, DUPLICATE, SECOND_NUMBERING, SHIFTED, EMPTY, FEE_MISSING, TABLE_MISSING,
                           TITLE, OUTDATED)
OPTIONS: dict[str, object] = {"structure.problems-min-chars": PROBLEMS_MIN_CHARS}

_PUNCT = re.compile(r"[\s\W_]+")
_WORD = re.compile(r"[^\s\W_]")  # a character _PUNCT keeps
_NUM_RUN = re.compile(r"(?:\s-?\d[\d,.]*%?){3,}\s*$|^(?:\s*-?\d[\d,.]*){5,}\s*$")
_STANDARD_TITLE = re.compile(STANDARD_TITLE_RE)


def _heading_loc(doc: Document, s: Section) -> Location:
    h = s.heading
    return doc.span_location(h.block, h.nstart, h.nend, section=s.id)


def _zh(sid: str) -> str:
    return SECTION_TITLES_ZH.get(sid, sid)


def check(doc: Document, ctx: Context) -> Iterable[Finding]:
    """Structure findings for annual reports."""
    if not doc.blocks or ctx.doc_type.label != "annual_report":
        return
    analysis: SectionAnalysis = ctx.sections
    year = ctx.year.year
    templated = year >= 2019 if year is not None else analysis.template in ("2019", "2021")
    fee_year = year >= 2021 if year is not None else analysis.template == "2021"
    yield from _missing(doc, analysis, year)
    order_faults = list(_order(doc, analysis)) if templated else []
    yield from order_faults
    yield from _duplicates(doc, analysis)
    yield from _second_numbering(doc, analysis)
    if templated and not order_faults:
        yield from _shifted(doc, analysis)
    empty = set()
    for f in _empty(doc, analysis, int(ctx.option("structure.problems-min-chars", PROBLEMS_MIN_CHARS))):
        empty.add(f.location.section)
        yield f
    if fee_year and "other" not in empty:
        yield from _fee(doc, analysis)
    if templated:
        yield from _tables(doc, analysis, empty)
    yield from _title(doc)
    yield from _outdated(doc, analysis, year)


def _missing(doc: Document, a: SectionAnalysis, year: int | None) -> Iterator[Finding]:
    present = set(a.ids)
    required = required_sections(a.template, year)
    for sid in required:
        if sid in present:
            continue
        later = [s for s in a.sections if s.id in required and required.index(s.id) > required.index(sid)]
        loc = _heading_loc(doc, later[0]) if later else doc.location(0, section=sid)
        yield make_finding(MISSING, loc, f"缺少“{_zh(sid)}”部分", f"Missing section: {sid} ({_zh(sid)})",
                           evidence={"section": sid, "required": list(required), "found": a.ids,
                                     "template": a.template, "year": year})


def _lis(seq: list[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence (n ≤ 10, quadratic is fine)."""
    n = len(seq)
    best = [1] * n
    prev = [-1] * n
    for i in range(n):
        for j in range(i):
            if seq[j] < seq[i] and best[j] + 1 > best[i]:
                best[i], prev[i] = best[j] + 1, j
    if not n:
        return set()
    k = max(range(n), key=lambda i: (best[i], -i))
    out: set[int] = set()
    while k >= 0:
        out.add(k)
        k = prev[k]
    return out


def _first_sections(a: SectionAnalysis) -> list[Section]:
    seen: set[str] = set()
    out: list[Section] = []
    for s in a.sections:
        if s.id in TEMPLATE_ORDER and s.id not in seen and not s.continuation:
            seen.add(s.id)
            out.append(s)
    return out


def _order(doc: Document, a: SectionAnalysis) -> Iterator[Finding]:
    firsts = _first_sections(a)
    keep = _lis([TEMPLATE_ORDER.index(s.id or "") for s in firsts])
    actual = [s.id for s in firsts]
    for k, s in enumerate(firsts):
        if k in keep:
            continue
        yield make_finding(ORDER, _heading_loc(doc, s), f"“{s.heading.text}”的位置与格式顺序不符",
                           f"Section {s.id} is out of the template order",
                           evidence={"section": s.id, "heading": s.heading.text, "order_found": actual,
                                     "order_expected": [x for x in TEMPLATE_ORDER if x in actual]})


def _duplicates(doc: Document, a: SectionAnalysis) -> Iterator[Finding]:
    first: dict[str, Section] = {}
    for s in a.sections:
        if s.id is None or s.continuation or s.id not in (*TEMPLATE_ORDER, "fees"):
            continue
        if s.id in first:
            orig = first[s.id]
            yield make_finding(DUPLICATE, _heading_loc(doc, s), f"“{_zh(s.id)}”部分重复出现：{s.heading.text}",
                               f"Section {s.id} appears again: {s.heading.text}",
                               evidence={"section": s.id, "first": orig.heading.text, "again": s.heading.text},
                               related=(_heading_loc(doc, orig),))
        else:
            first[s.id] = s


def _second_numbering(doc: Document, a: SectionAnalysis) -> Iterator[Finding]:
    for h in a.restarts:
        sid = a.section_of_block(h.block)
        loc = doc.span_location(h.block, h.nstart, h.nend, section=sid)
        yield make_finding(SECOND_NUMBERING, loc, f"编号在“{_zh(sid) if sid else '上一部分'}”内重新从“{h.token}”开始：{h.text}",
                           f"Numbering restarts at {h.token} inside section {sid}: {h.text}",
                           evidence={"kind": "restart", "heading": h.text, "inside": sid, "scheme": h.scheme})
    for h in a.mixed:
        loc = doc.span_location(h.block, h.nstart, h.nend, section=h.section_id)
        yield make_finding(SECOND_NUMBERING, loc,
                           f"“{h.text}”使用了与其他一级标题不同的编号方式（{h.token}）",
                           f"Section heading uses another numbering scheme ({h.token}) than its siblings: {h.text}",
                           evidence={"kind": "mixed", "heading": h.text, "scheme": h.scheme,
                                     "major_scheme": a.major_scheme})


def _shifted(doc: Document, a: SectionAnalysis) -> Iterator[Finding]:
    shifted = [s for s in _first_sections(a)
               if s.heading.number is not None and not s.promoted and s.heading.scheme == a.major_scheme
               and s.heading.number != TEMPLATE_NUMBER[s.id or ""]]
    if not shifted:
        return
    s = shifted[0]
    yield make_finding(SHIFTED, _heading_loc(doc, s),
                       f"章节序号错位：“{s.heading.text}”应为第{TEMPLATE_NUMBER[s.id or '']}部分",
                       f"Section numbering is shifted: {s.heading.text} should be number {TEMPLATE_NUMBER[s.id or '']}",
                       evidence={"shifted": [{"heading": x.heading.text, "number": x.heading.number,
                                              "expected": TEMPLATE_NUMBER[x.id or ""]} for x in shifted]})


def _merged_problem_spans(a: SectionAnalysis) -> list[Section]:
    """Sections with continuations folded into the section they continue."""
    out: list[Section] = []
    for s in a.sections:
        if s.continuation and out and out[-1].id == s.id:
            prev = out[-1]
            out[-1] = Section(prev.id, prev.heading, prev.start_block, s.end_block, False, prev.promoted)
        else:
            out.append(s)
    return out


def _body(doc: Document, s: Section, a: SectionAnalysis | None = None) -> tuple[str, list[Table]]:
    """A section's text and tables; a next heading glued mid-paragraph leaves its lead text here."""
    text, tables = section_body(doc, s)
    nxt = next((x for x in a.sections if x.start_block == s.end_block), None) if a else None
    if nxt is not None and nxt.heading.nstart > 0 and isinstance(doc.blocks[s.end_block], Paragraph):
        text += "\n" + doc.blocks[s.end_block].norm[: nxt.heading.nstart]  # type: ignore[union-attr]
    return text, tables


def _has_content(doc: Document, s: Section, a: SectionAnalysis) -> bool:
    """``tables or _WORD.search(text)`` for ``text, tables = _body(doc, s, a)``, without joining the text.

    A section has content as soon as one of its blocks is a table or holds a word
    character (``_WORD`` matches single characters, so searching the parts is searching
    their join); the first paragraph after the heading usually settles it.
    """
    blocks = doc.blocks
    first = blocks[s.start_block]
    if isinstance(first, Paragraph) and _WORD.search(first.norm, s.heading.nend):
        return True
    for b in blocks[s.start_block + 1 : s.end_block]:
        if isinstance(b, Table) or _WORD.search(b.norm):
            return True
    nxt = next((x for x in a.sections if x.start_block == s.end_block), None)
    if nxt is not None and nxt.heading.nstart > 0 and isinstance(glued := blocks[s.end_block], Paragraph):
        return _WORD.search(glued.norm, 0, nxt.heading.nstart) is not None
    return False


def _empty(doc: Document, a: SectionAnalysis, min_chars: int) -> Iterator[Finding]:
    for s in _merged_problem_spans(a):
        if s.id not in (*TEMPLATE_ORDER, "fees"):
            continue
        if s.id != "problems" and _has_content(doc, s, a):
            continue  # the common case, decided without building the section's text
        text, tables = _body(doc, s, a)
        if tables or (s.id != "problems" and _WORD.search(text)):
            continue  # neither empty nor short; only 五 needs its characters counted
        need = max(min_chars, 1)  # (at least one word character: else it could still be empty)
        if len(_PUNCT.sub("", text[: 4 * need + 40])) >= need and text.strip() not in EMPTY_BODY_WORDS:
            continue  # enough word characters in its opening alone: 五 is long enough (the common case)
        chars = _PUNCT.sub("", text)
        empty = not tables and not chars
        short = s.id == "problems" and not tables and (len(chars) < min_chars or text.strip() in EMPTY_BODY_WORDS)
        if not (empty or short):
            continue
        yield make_finding(EMPTY, _heading_loc(doc, s),
                           f"“{s.heading.text}”部分没有内容" if empty else f"“{s.heading.text}”部分内容过短：{text.strip()}",
                           f"Section {s.id} is empty" if empty else f"Section {s.id} is too short: {text.strip()!r}",
                           evidence={"section": s.id, "body": text.strip()[:80], "chars": len(chars),
                                     "min_chars": min_chars if s.id == "problems" else 1})


def _fee(doc: Document, a: SectionAnalysis) -> Iterator[Finding]:
    s = a.first("other")
    if s is None:
        return
    text = "".join(_body(doc, x, a)[0] for x in a.sections if x.id == "other")
    if any(w in text for w in FEE_WORDS):
        return
    if any(w in text for w in FEE_ALT_WORDS) and any(w in text for w in FEE_AMOUNT_OR_NONE):
        return
    yield make_finding(FEE_MISSING, _heading_loc(doc, s), "“其他需要报告的事项”未报告信息处理费收取情况",
                       "Section 六 does not state the 信息处理费 charged", evidence={"section_text": text.strip()[:160]})


def _table_evidence(blocks: Iterable[object], markers: tuple[str, ...], anywhere: bool) -> bool:
    for b in blocks:
        if isinstance(b, Table):
            if anywhere is False or any(m in block_label(b) for m in markers):
                return True
        elif (isinstance(b, Paragraph) and may_end_in_number(b.text) and _NUM_RUN.search(b.text)
              and (not anywhere or any(m in block_label(b) for m in markers))):
            return True
    return False


def _tables(doc: Document, a: SectionAnalysis, empty: set[str | None]) -> Iterator[Finding]:
    for sid in TABLE_SECTIONS:
        spans = [s for s in a.sections if s.id == sid]
        if not spans or sid in empty:
            continue
        inside = [b for s in spans for b in doc.blocks[s.start_block + 1 : s.end_block]]
        if _table_evidence(inside, TABLE_MARKERS[sid], anywhere=False):
            continue
        if _table_evidence(doc.blocks, TABLE_MARKERS[sid], anywhere=True):
            continue
        s = spans[0]
        yield make_finding(TABLE_MISSING, _heading_loc(doc, s), f"“{s.heading.text}”部分缺少法定统计表格",
                           f"Section {sid} has no table", evidence={"section": sid, "heading": s.heading.text})


def _title(doc: Document) -> Iterator[Finding]:
    if not doc.title:
        return
    t = title_label(doc)
    if _STANDARD_TITLE.search(t):
        return
    yield make_finding(TITLE, doc.location(0), f"标题不是法定名称“…年政府信息公开工作年度报告”：{doc.title}",
                       f"Non-standard title: {doc.title}", evidence={"title": doc.title,
                                                                    "expected": "…Y年政府信息公开工作年度报告"})


def _outdated(doc: Document, a: SectionAnalysis, year: int | None) -> Iterator[Finding]:
    if year is None:
        return
    if year >= 2021 and a.template == "2019":
        msg = ("2021年及以后的年报仍使用2019年（试行）格式的表格标签", "A report for 2021+ still uses the 2019 (trial) labels")
    elif year >= 2019 and a.template == "pre2019":
        msg = ("2019年及以后的年报仍使用2008年条例第32条的旧结构", "A report for 2019+ still uses the pre-2019 structure")
    else:
        return
    block = next((i for i, b in enumerate(doc.blocks) if isinstance(b, Table)), 0)
    yield make_finding(OUTDATED, doc.location(block), f"{msg[0]}（{year}年度）", f"{msg[1]} (year {year})",
                       evidence={"template": a.template, "year": year, "labels": a.label_counts})
