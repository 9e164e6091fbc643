"""Announced-structure family: the introduction's own outline against the sections that follow (issue 8, item 2).

Many reports announce their structure ("本报告由概述、主动公开…等七部分组成",
"全文共六部分"). When a section was added or dropped while editing (or the
introduction was copied from another year) the announcement no longer fits:
seed 001 announces 六部分, lists seven names and prints seven parts.

The announced names are matched to the detected major sections
(:func:`gkreview.sections.detect_sections`) with a fuzzy partial ratio
(rapidfuzz), because reports shorten names ("主要问题和改进措施" for
"政府信息公开工作存在的主要问题及改进措施"); a name split by an inner 、
("行政复议、提起行政诉讼的情况") is re-joined because both halves match one section.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from gkreview.analysis import Context
from gkreview.data.wording import ANNOUNCE_MATCH_SCORE, ANNOUNCE_PATTERNS, ANNOUNCE_SEPARATORS
from gkreview.document import Document, Paragraph
from gkreview.findings import Finding, Rule, Severity, make_finding

_ANNOUNCE_RES = tuple(re.compile(p) for p in ANNOUNCE_PATTERNS)
_ANNOUNCE_TRIGGER = re.compile(r"部分|板块")
_TITLE_STRIP = re.compile(r"[\"'\s]")
_PIECE_STRIP = re.compile(r"^(?:以及|和|及|与)|等$|[\"'\s]")
_CN_DIGITS = {c: i + 1 for i, c in enumerate("一二三四五六七八九")} | {"两": 2}

_INTRO = ("根据《中华人民共和国政府信息公开条例》，特编制本报告。本报告由总体情况、主动公开政府信息情况、"
          "收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、"
          "其他需要报告的事项等{n}部分组成。\n")
_BODY = ("一、总体情况\n本机关认真落实条例。\n二、主动公开政府信息情况\n全年主动公开信息100条。\n"
         "三、收到和处理政府信息公开申请情况\n全年收到申请3件。\n四、政府信息公开行政复议、行政诉讼情况\n无。\n"
         "五、存在的主要问题及改进情况\n解读形式单一。\n六、其他需要报告的事项\n无。\n")
_HEAD = "洪泽区财政局2022年政府信息公开工作年度报告\n"

PART_COUNT = Rule(
    id="gk.announced.part-count",
    severity=Severity.WARNING,
    summary_zh="引言所称部分数与正文章节数不符",
    summary_en="The number of parts the introduction announces differs from the number of sections.",
    description="The introduction's 'N部分' ('由…等N个部分组成', '全文共N部分') is compared with the number of major "
                "sections detected after it.",
    bad=_HEAD + _INTRO.format(n="五") + _BODY,
    good=_HEAD + _INTRO.format(n="六") + _BODY,
)
PART_NAMES = Rule(
    id="gk.announced.part-names",
    severity=Severity.WARNING,
    summary_zh="引言列出的部分名称与正文章节不符",
    summary_en="The part names listed in the introduction do not match the sections.",
    description="Each announced name is matched to a section heading (fuzzy partial ratio ≥ "
                f"{ANNOUNCE_MATCH_SCORE:.0f}); an announced name without a section, or a section that the list "
                "leaves out, is reported.",
    bad=_HEAD + _INTRO.replace("收到和处理政府信息公开申请情况", "政府信息公开的收费及减免情况").format(n="六") + _BODY,
    good=_HEAD + _INTRO.format(n="六") + _BODY,
)

# Only meaningful on reports: the doctype family reports other document types (see pipeline.applies).
APPLIES_TO = ("annual_report", "work_summary")

RULES: tuple[Rule, ...] = (PART_COUNT, PART_NAMES)
OPTIONS: dict[str, object] = {"announced.match_score": ANNOUNCE_MATCH_SCORE}


@dataclass
class Announcement:
    """What the introduction announces: the count, the names, and where they are printed."""

    block: int
    count: int | None
    count_span: tuple[int, int]
    names: list[tuple[str, int, int]] = field(default_factory=list)  # (name, nstart, nend) in the paragraph
    list_span: tuple[int, int] | None = None


def parse_count(token: str) -> int | None:
    """``六`` / ``6`` / ``十二`` / ``两`` → int."""
    if token.isdigit():
        return int(token)
    if token in _CN_DIGITS:
        return _CN_DIGITS[token]
    if token == "十":
        return 10
    if token.startswith("十") and len(token) == 2 and token[1] in _CN_DIGITS:
        return 10 + _CN_DIGITS[token[1]]
    return None


def find_announcement(doc: Document, before_block: int) -> Announcement | None:
    """The first structure announcement among the paragraphs before ``before_block``."""
    for i, b in enumerate(doc.blocks[:before_block]):
        if not isinstance(b, Paragraph) or not _ANNOUNCE_TRIGGER.search(b.norm):
            continue
        text = b.norm
        for rx in _ANNOUNCE_RES:
            m = rx.search(text)
            if not m:
                continue
            ann = Announcement(i, parse_count(m.group("n")), m.span("n"))
            if "list" in rx.groupindex and m.group("list"):
                ann.list_span = m.span("list")
                ann.names = _split_names(m.group("list"), m.start("list"))
            return ann
    return None


def _split_names(raw: str, offset: int) -> list[tuple[str, int, int]]:
    sep = next((s for s in ANNOUNCE_SEPARATORS if s in raw), None)
    parts = raw.split(sep) if sep else [raw]
    out = []
    pos = 0
    for part in parts:
        start = raw.index(part, pos)
        pos = start + len(part)
        name = _PIECE_STRIP.sub("", part)
        if name:
            out.append((name, offset + start, offset + start + len(part)))
    return out


def align(names: list[str], titles: list[str], min_score: float) -> tuple[list[int | None], list[float]]:
    """For each announced name, the index of the section it names (or None), keeping document order.

    Ties go to the first section at or after the previous match, so a name split
    by an inner 、 maps both halves to one section. Reports repeat the template's
    names and headings, so results are cached per process.
    """
    assigned, scores = _align(tuple(names), tuple(titles), min_score)
    return list(assigned), list(scores)


@lru_cache(maxsize=4096)
def _align(names: tuple[str, ...], titles: tuple[str, ...], min_score: float) -> tuple[tuple[int | None, ...],
                                                                                    tuple[float, ...]]:
    from rapidfuzz import fuzz

    assigned: list[int | None] = []
    scores: list[float] = []
    last = 0
    for name in names:
        best: tuple[float, bool, int] | None = None
        best_j: int | None = None
        for j, title in enumerate(titles):
            score = (100.0 if name in title else 0.0) if len(name) <= 2 else float(fuzz.partial_ratio(name, title))
            key = (round(score), j >= last, -abs(j - last))
            if score >= min_score and (best is None or key > best):
                best, best_j = key, j
        assigned.append(best_j)
        scores.append(float(best[0]) if best else 0.0)
        if best_j is not None:
            last = best_j
    return tuple(assigned), tuple(scores)


def check(doc: Document, ctx: Context) -> Iterable[Finding]:
    """Announced count and names against the detected major sections."""
    try:
        analysis = ctx.sections
    except ImportError:
        return
    sections = list(getattr(analysis, "sections", []) or [])
    if len(sections) < 2:
        return
    ann = find_announcement(doc, sections[0].start_block)
    if ann is None:
        return
    printed = [s.heading.text.strip() for s in sections]
    settings = ctx.settings
    if ann.count is not None and ann.count != len(sections) and settings.enabled(PART_COUNT.id):
        yield make_finding(
            PART_COUNT, doc.span_location(ann.block, *ann.count_span),
            f"引言称全文共{ann.count}部分，正文实有{len(sections)}部分",
            f"The introduction announces {ann.count} parts but the report has {len(sections)} sections",
            evidence={"printed": ann.count, "computed": len(sections), "sections": printed,
                      "announced_names": [n for n, _, _ in ann.names]},
            related=tuple(doc.location(s.start_block) for s in sections))
    if len(ann.names) >= 2 and settings.enabled(PART_NAMES.id):
        min_score = float(ctx.option("announced.match_score", ANNOUNCE_MATCH_SCORE))
        titles = [_TITLE_STRIP.sub("", s.heading.title) for s in sections]  # only names are compared with them
        assigned, scores = align([n for n, _, _ in ann.names], titles, min_score)
        missing_sections = [name for (name, _, _), j in zip(ann.names, assigned, strict=True) if j is None]
        unannounced = [printed[j] for j in range(len(sections)) if j not in assigned]
        if missing_sections or unannounced:
            first_bad = next(((s, e) for (_, s, e), j in zip(ann.names, assigned, strict=True) if j is None),
                             ann.list_span or ann.count_span)
            zh = "；".join(filter(None, [
                f"引言列出但正文没有：{'、'.join(missing_sections)}" if missing_sections else "",
                f"正文有但引言未列出：{'、'.join(unannounced)}" if unannounced else ""]))
            en = "; ".join(filter(None, [
                f"announced but absent: {', '.join(missing_sections)}" if missing_sections else "",
                f"present but not announced: {', '.join(unannounced)}" if unannounced else ""]))
            yield make_finding(
                PART_NAMES, doc.span_location(ann.block, *first_bad), zh, f"Announced part names differ: {en}",
                evidence={"announced_names": [n for n, _, _ in ann.names], "sections": printed,
                          "absent": missing_sections, "unannounced": unannounced,
                          "scores": [round(s, 1) for s in scores]},
                related=tuple(doc.location(s.start_block) for s in sections))
