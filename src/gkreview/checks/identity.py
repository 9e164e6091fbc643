"""Identity family: the report names the right agency and place (issue 8, item 1; domain §4 #4).

Three rules, all read from inside one report:

- ``gk.identity.agency-mismatch``: the agency in the title is not the one in the
  introduction, the publisher metadata or the signature (another place of the same
  rank, another level, a government against a department, another department type).
- ``gk.identity.foreign-self-reference``: the report speaks as another body — a
  "我/本 + unit" that does not fit the author (我镇 in a bureau's report, 我县 in a
  district's), or a phrase only the author writes about itself (完善X信息公开目录,
  在X门户网站查阅, "X坚持以公开为常态…") with X another body of the author's level.
  Superior bodies (按照市政府要求) and neighbours in ordinary context (与X县交流) are
  never reported.
- ``gk.identity.department-mismatch``: the report describes the remit of another
  department type (a 环卫局 "负责发改系统政府信息公开工作").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from gkreview.analysis import Context
from gkreview.data.agencies import (
    AUTHOR_ONLY_PATTERNS,
    DEPARTMENTS,
    REMIT_PATTERNS,
    SELF_REFERENCE_BLOCKERS,
    SELF_REFERENCE_UNITS,
    SUBJECT_VERBS,
)
from gkreview.document import Document, Location
from gkreview.findings import Finding, Rule, Severity, make_finding
from gkreview.identity import (
    AgencyName,
    Identity,
    Mention,
    conflict,
    departments_compatible,
    extract_identity,
    foreign_same_level,
    parse_agency,
    self_reference_fits,
)
from gkreview.wording import DocText, Scanner, doc_text

_UNITS = sorted(SELF_REFERENCE_UNITS, key=len, reverse=True)
_SELF_RE = re.compile(r"[我本](?P<unit>" + "|".join(_UNITS) + ")")
# Characters before 我/本 that make an ordinary word (基本, 资本, 自我 …), not a self-reference.
_SELF_PRECEDERS = frozenset("基根资成样文版标日原剧课书范账副脚蓝底自忘敌你大小")
# Self-references start with 我/本 followed by the first character of a unit.
_UNIT_STARTS = "".join(sorted({u[0] for u in _UNITS}))
_AUTHOR_ONLY = tuple((kind, Scanner.compile(p)) for kind, p in AUTHOR_ONLY_PATTERNS)
_SUBJECT_SUFFIXES = ("人民政府办公室", "人民政府", "政府办公室", "街道办事处", "办事处", "管理委员会", "委员会", "局", "委")
_SUBJECT_RE = re.compile(
    r"(?:^|(?<=[。;!?\n]))(?:(?:19|20)\d{2}年度?,?)?(?P<name>[\u4e00-\u9fff]{2,24}?(?:"
    + "|".join(_SUBJECT_SUFFIXES) + "))(?=" + "|".join(SUBJECT_VERBS) + ")")
# A subject match ends where the last character of a suffix meets the first character of a verb.
_SUFFIX_ENDS = "".join(sorted({s[-1] for s in _SUBJECT_SUFFIXES}))
_VERB_STARTS = "".join(sorted({v[0] for v in SUBJECT_VERBS}))
_DEPT_ALT = "|".join(sorted({a for al in DEPARTMENTS.values() for a in al}, key=len, reverse=True))
_REMIT_SCANNERS = tuple(Scanner.compile(p.replace("{dept}", _DEPT_ALT)) for p in REMIT_PATTERNS)
_DEPT_OF_ALIAS = {a: key for key, al in DEPARTMENTS.items() for a in al}
_SOURCE_ZH = {"title": "标题", "intro": "引言", "publisher": "发布机构", "signature": "落款"}

_TOWN_TITLE = "石桥镇人民政府2022年政府信息公开工作年度报告\n"
_TOWN_SIGN = "\n石桥镇人民政府\n2023年1月16日\n"

AGENCY_MISMATCH = Rule(
    id="gk.identity.agency-mismatch",
    severity=Severity.WARNING,
    summary_zh="标题、引言、发布机构与落款的机关不一致",
    summary_en="The agency in the title differs from the one in the introduction, publisher metadata or signature.",
    description="Agency names are parsed into place chain (province/city/county from the cpca gazetteer, "
                "township by suffix), kind and department type. Only contradictions count: another place of the "
                "same rank, another level, a government against a department, another department type. "
                "Abbreviations (环保局 vs 环境保护局, 鄂温克旗 vs 鄂温克族自治旗) are the same body.",
    bad="淮安市洪泽区财政局2022年政府信息公开工作年度报告\n2022年，本局共收到政府信息公开申请3件。\n宿迁市沭阳县财政局\n2023年1月20日\n",
    good="淮安市洪泽区财政局2022年政府信息公开工作年度报告\n2022年，本局共收到政府信息公开申请3件。\n洪泽区财政局\n2023年1月20日\n",
)
FOREIGN = Rule(
    id="gk.identity.foreign-self-reference",
    severity=Severity.WARNING,
    summary_zh="以其他同级机关或地方的身份自称（本乡/我镇/我局，或“完善X信息公开目录”中的X不是本机关）",
    summary_en="The report speaks as another body of its level (我镇 in a bureau's report; 完善X信息公开目录 for "
               "another township).",
    description="A '我/本 + unit' (我县, 本镇, 我局 …) that does not fit the author's kind and place, or a phrase "
                "only the author writes about itself (完善X信息公开目录/指南, 在X门户网站查阅, 请与X联系, a sentence "
                "opening with 'X坚持…/X共收到…') where X is another body of the author's own level. Superior "
                "bodies and neighbours named in ordinary context are not reported.",
    bad=_TOWN_TITLE + "2022年，我乡进一步完善白塔乡信息公开目录。" + _TOWN_SIGN,
    good=_TOWN_TITLE + "2022年，我镇按照县政府要求进一步完善石桥镇信息公开目录，并与白塔乡交流经验。" + _TOWN_SIGN,
)
DEPARTMENT = Rule(
    id="gk.identity.department-mismatch",
    severity=Severity.WARNING,
    summary_zh="部门类型与作者不符（如环卫局“负责发改系统政府信息公开工作”）",
    summary_en="The report describes the remit of another department type (a sanitation bureau "
               "'responsible for the development-and-reform system').",
    description="Remit phrases (负责X系统政府信息公开…, 作为X主管部门) name a department type; when the author is a "
                "department of another type (and the two are not known to overlap, e.g. 环卫 and 城管) the "
                "passage was probably copied from that department's report.",
    bad="洪泽区城市管理局2022年政府信息公开工作年度报告\n局办公室负责发改系统政府信息公开工作的组织协调。\n洪泽区城市管理局\n2023年1月20日\n",
    good="洪泽区城市管理局2022年政府信息公开工作年度报告\n局办公室负责城管系统政府信息公开工作的组织协调。\n洪泽区城市管理局\n2023年1月20日\n",
)

# Only meaningful on reports: the doctype family reports other document types (see pipeline.applies).
APPLIES_TO = ("annual_report", "work_summary")

RULES: tuple[Rule, ...] = (AGENCY_MISMATCH, FOREIGN, DEPARTMENT)
OPTIONS: dict[str, object] = {}


def check(doc: Document, ctx: Context) -> Iterable[Finding]:
    """Identity findings of one document (nothing when the author cannot be identified)."""
    ident = extract_identity(doc)
    if ident.author is None:
        return
    settings = ctx.settings
    if settings.enabled(AGENCY_MISMATCH.id):
        yield from _mismatches(doc, ident)
    dt = doc_text(doc)
    skip = {m.block for m in ident.mentions if m.block is not None}
    if settings.enabled(FOREIGN.id):
        yield from _self_references(doc, dt, ident.author, skip)
        yield from _author_only(doc, dt, ident.author, skip)
    if settings.enabled(DEPARTMENT.id):
        yield from _remits(doc, dt, ident.author)


def _mention_location(doc: Document, m: Mention) -> Location:
    if m.block is None:
        return doc.location()
    if m.nstart is not None and m.nend is not None:
        return doc.span_location(m.block, m.nstart, m.nend)
    return doc.location(m.block)


def _mismatches(doc: Document, ident: Identity) -> Iterator[Finding]:
    base = ident.get("title") or ident.get("intro")
    if base is None:
        return
    for other in ident.mentions:
        if other is base or other.source == "title":
            continue
        reason = conflict(base.agency, other.agency)
        if reason is None:
            continue
        loc = _mention_location(doc, other)
        related = (_mention_location(doc, base),)
        yield make_finding(
            AGENCY_MISMATCH, loc,
            f"{_SOURCE_ZH[other.source]}机关“{other.agency.text}”与{_SOURCE_ZH[base.source]}机关“{base.agency.text}”不一致",
            f"The {other.source} names '{other.agency.text}' but the {base.source} names '{base.agency.text}' "
            f"({reason})",
            evidence={"expected": base.agency.text, "printed": other.agency.text, "reason": reason,
                      "sources": [base.source, other.source], "expected_parsed": base.agency.describe(),
                      "printed_parsed": other.agency.describe()},
            related=related)


def _self_references(doc: Document, dt: DocText, author: AgencyName, skip: set[int]) -> Iterator[Finding]:
    text = dt.text
    if not dt.index.contains("我") and not dt.index.contains("本"):
        return
    for m in dt.finditer_at(_SELF_RE, dt.pair_positions("我本", _UNIT_STARTS)):
        unit = m.group("unit")
        after = text[m.end(): m.end() + 1]
        if (after and after in SELF_REFERENCE_BLOCKERS.get(unit, "")) or (
                m.start() > 0 and text[m.start() - 1] in _SELF_PRECEDERS):
            continue
        fits = self_reference_fits(author, SELF_REFERENCE_UNITS[unit])
        if fits is not False:
            continue
        block, off = dt.locate(m.start())
        if block in skip:
            continue
        para = dt.paragraph(block)
        word = m.group()
        yield make_finding(
            FOREIGN, doc.span_location(block, off, off + len(word)),
            f"作者为“{author.text}”，却自称“{word}”",
            f"The author is '{author.text}' but the text says '{word}' (speaking as a {unit})",
            evidence={"printed": word, "author": author.text, "author_parsed": author.describe(),
                      "passage": para[max(0, off - 30): off + 40], "kind": "self-reference"})


def _author_only(doc: Document, dt: DocText, author: AgencyName, skip: set[int]) -> Iterator[Finding]:
    text = dt.text
    seen: set[tuple[int, int]] = set()
    candidates: list[tuple[str, int, int]] = []
    for kind, scanner in _AUTHOR_ONLY:
        for m in scanner.finditer(dt):
            candidates.append((kind, m.start("name"), m.end("name")))
    for m in _subjects(dt):
        candidates.append(("subject", m.start("name"), m.end("name")))
    for kind, s, e in sorted(candidates, key=lambda c: c[1]):
        name = text[s:e]
        other = parse_agency(name)
        if not other.informative:
            continue
        reason = foreign_same_level(author, other)
        if reason is None:
            continue
        block, off = dt.locate(s)
        if (kind == "report" and block in skip) or (block, off) in seen:
            continue
        seen.add((block, off))
        para = dt.paragraph(block)
        yield make_finding(
            FOREIGN, doc.span_location(block, off, off + (e - s)),
            f"作者为“{author.text}”，本应只写本机关的语句却写成“{name}”",
            f"The author is '{author.text}' but a phrase only the author writes about itself names '{name}' "
            f"({reason})",
            evidence={"printed": name, "author": author.text, "reason": reason, "kind": kind,
                      "author_parsed": author.describe(), "printed_parsed": other.describe(),
                      "passage": para[max(0, off - 30): off + (e - s) + 30]})


def _subjects(dt: DocText) -> Iterator[re.Match[str]]:
    """The matches of ``_SUBJECT_RE`` in the document, tried only at the starts of sentences that hold a suffix
    followed by a verb (a match lies inside one sentence and starts where it starts, and ends where a suffix
    meets a verb: character pairs that are not such a meeting are dropped before any sentence is cut)."""
    text = dt.text
    pairs = [p for p in dt.pair_positions(_SUFFIX_ENDS, _VERB_STARTS)
             if text.startswith(SUBJECT_VERBS, p + 1) and text.endswith(_SUBJECT_SUFFIXES, 0, p + 1)]
    return dt.finditer_at(_SUBJECT_RE, (dt.bounds(p, p + 1)[0] for p in pairs))


def _remits(doc: Document, dt: DocText, author: AgencyName) -> Iterator[Finding]:
    if author.kind != "department" or author.department is None:
        return
    if not dt.index.contains("负责") and not dt.index.contains("作为"):
        return
    for scanner in _REMIT_SCANNERS:
        for m in scanner.finditer(dt):
            dept = _DEPT_OF_ALIAS[m.group("dept")]
            if departments_compatible(author.department, dept):
                continue
            block, off = dt.locate(m.start("dept"))
            para = dt.paragraph(block)
            yield make_finding(
                DEPARTMENT, doc.span_location(block, off, off + len(m.group("dept"))),
                f"作者为“{author.text}”，却写“{m.group()}”",
                f"The author '{author.text}' ({author.department}) describes the remit of another department type: "
                f"'{m.group()}' ({dept})",
                evidence={"printed": m.group(), "author": author.text, "author_department": author.department,
                          "printed_department": dept, "passage": para[max(0, off - 30): off + 40]})
