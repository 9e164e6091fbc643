"""Wording family: sloppy drafting a reader notices at once (issue 8, item 4).

Doubled words and synonym stacks, template table labels with a changed or
missing character, a report that mixes simplified and traditional forms of one
word, leftover template placeholders, and one channel's count printed twice with
two different numbers. The detectors live in :mod:`gkreview.wording`; this
module declares the rules and turns hits into findings with the passage and its
location.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from gkreview.analysis import Context
from gkreview.document import Document, Location
from gkreview.findings import Finding, Rule, Severity, make_finding
from gkreview.wording import (
    DocText,
    Hit,
    blank_date_placeholders,
    doc_text,
    doubled_phrases,
    inconsistent_counts,
    label_typos,
    mixed_script,
    placeholders,
)

_TITLE = "白塔乡人民政府2022年政府信息公开工作年度报告\n"
_SIGN = "\n白塔乡人民政府\n2023年1月16日\n"

DOUBLED = Rule(
    id="gk.wording.doubled-phrase",
    severity=Severity.WARNING,
    summary_zh="词语重复或近义词叠用（进一步进一步、可通过可以通过、和以及）",
    summary_en="A word or phrase written twice in a row, or two near-synonyms stacked (可通过可以通过, 和以及).",
    description="A run of 2–8 characters repeated immediately (optionally across a comma or 、), or a stack of "
                "near-synonyms such as 和以及 / 有待于有待 / 可通过可以通过. Reduplicated adverbs (常常, 层层) and "
                "single repeated characters are not reported.",
    bad=_TITLE + "群众可通过可以通过政府网站查阅信息，并进一步进一步完善公开目录。" + _SIGN,
    good=_TITLE + "群众可以通过政府网站查阅信息，并进一步完善公开目录，做到层层落实。" + _SIGN,
)
LABEL_TYPO = Rule(
    id="gk.wording.label-typo",
    severity=Severity.WARNING,
    summary_zh="表格标签与模板标签相差一两个字",
    summary_en="A table label differs by one or two characters from the official template label.",
    description="Each label cell of a table (and each label of a table printed as text lines) is compared with "
                "the labels of the 2019 and 2021 national templates (gkreview.data.labels). Exact labels, labels "
                "with a provincial explanation appended, split header cells and numbering variants are fine; a "
                "label within edit distance 1 (short) or 2 (8+ characters) of an official one is reported.",
    bad=_TITLE + "申请人情况 | 自然人 | 总计\n一、本年新收政府信息公开申清数量 | 3 | 3\n二、上年结转政府信息公开申请数量 | 0 | 0"
        + _SIGN,
    good=_TITLE + "申请人情况 | 自然人 | 总计\n一、本年新收政府信息公开申请数量 | 3 | 3\n二、上年结转政府信息公开申请数量 | 0 | 0"
         + _SIGN,
)
MIXED = Rule(
    id="gk.wording.mixed-script",
    severity=Severity.INFO,
    summary_zh="同一词语简繁混用",
    summary_en="The same word appears in both simplified and traditional characters.",
    description="Words (a converted character with its neighbour) that occur in both scripts in one document. "
                "The minority form is reported, one finding per paragraph; it usually marks text pasted from "
                "another (mirror) copy.",
    bad=_TITLE + "本机关坚持以公开为常态，全年主动公开政府信息120条。\n本機關堅持依法公開，及時回應社會關切。" + _SIGN,
    good=_TITLE + "本机关坚持以公开为常态，全年主动公开政府信息120条。\n本机关坚持依法公开，及时回应社会关切。" + _SIGN,
)
PLACEHOLDER = Rule(
    id="gk.wording.placeholder",
    severity=Severity.WARNING,
    summary_zh="残留模板占位符（XX、20XX、×××、【】、（文字描述））",
    summary_en="A template placeholder was left in the text (XX, 20XX, ×××, 【】, （文字描述）).",
    description="Slots of templates and drafts that were never filled: year slots (20XX年), XX/××× names, "
                "○○/□ blanks, empty 【】 or （）, instructions such as （文字描述） or （此处填写…）, and blank dates.",
    bad=_TITLE + "20XX年，XX镇共收到政府信息公开申请3件。\n（文字描述）" + _SIGN,
    good=_TITLE + "2022年，白塔乡共收到政府信息公开申请3件。" + _SIGN,
)
COUNT = Rule(
    id="gk.wording.inconsistent-count",
    severity=Severity.WARNING,
    summary_zh="同一渠道同一事项前后给出不同数字",
    summary_en="The same channel and item are given two different counts.",
    description="Counts are keyed by channel (门户网站, 政务微博, 公开栏 …), action, object and unit. Two "
                "different numbers for one key are reported at the second one, with the first as related "
                "location. Clauses with scope or change words (累计, 其中, 上半年, 同比, 增长 …) are not compared.",
    bad=_TITLE + "全年通过门户网站发布信息1200条。\n……\n2022年，通过门户网站发布信息1500条，回应关切20次。" + _SIGN,
    good=_TITLE + "全年通过门户网站发布信息1200条。\n……\n截至年底，门户网站累计发布信息15000条。" + _SIGN,
)

# Only meaningful on reports: the doctype family reports other document types (see pipeline.applies).
APPLIES_TO = ("annual_report", "work_summary")

RULES: tuple[Rule, ...] = (DOUBLED, LABEL_TYPO, MIXED, PLACEHOLDER, COUNT)
OPTIONS: dict[str, object] = {}

_PLACEHOLDER_ZH = {
    "year-slot": "年份占位符", "x-slot": "名称占位符", "circle-slot": "空位占位符", "square-slot": "方框占位符",
    "empty-bracket": "空括号", "instruction": "模板说明文字", "blank-date": "空白日期",
}


def _loc(doc: Document, h: Hit) -> Location:
    return doc.span_location(h.block, h.nstart, h.nend)


def check(doc: Document, ctx: Context) -> Iterable[Finding]:
    """All wording findings of one document."""
    settings = ctx.settings
    dt = doc_text(doc)
    if settings.enabled(DOUBLED.id):
        yield from _doubled(doc, dt)
    if settings.enabled(PLACEHOLDER.id):
        yield from _placeholders(doc, dt)
    if settings.enabled(MIXED.id):
        yield from _mixed(doc)
    if settings.enabled(LABEL_TYPO.id):
        yield from _labels(doc)
    if settings.enabled(COUNT.id):
        yield from _counts(doc, dt)


# Sentence punctuation: a line without any is a row of cells, not prose.
_SENTENCE_PUNCT_RE = re.compile(r"[。，；,;]")


def _across_cells(doc: Document, h: Hit) -> bool:
    """True when the repeat spans two whitespace-separated cells of a table row flattened into a text line.

    Text and PDF copies print table headers as lines of short cells (``结果 结果 其他 尚未 总计``:
    two columns whose headers both start with 结果). The normalised text drops the space between
    CJK characters, so the two cells read as a doubled word, but the printed line has a gap there
    and holds no sentence punctuation.
    """
    block = doc.blocks[h.block]
    orig_span = getattr(block, "orig_span", None)
    if orig_span is None:
        return False
    s, e = orig_span(h.nstart, h.nend)
    if not any(ch.isspace() for ch in doc.source.text[s:e]):
        return False
    return len(block.text.split()) >= 3 and not _SENTENCE_PUNCT_RE.search(block.text)


def _doubled(doc: Document, dt: DocText) -> Iterator[Finding]:
    for h in doubled_phrases(dt):
        if _across_cells(doc, h):
            continue
        passage = _passage(dt, h)
        if h.kind == "repeat":
            zh = f"“{h.details['unit']}”连续重复：{h.text}"
            en = f"'{h.details['unit']}' is written twice in a row: {h.text}"
        else:
            zh = f"近义词叠用：{h.text}"
            en = f"Near-synonyms stacked: {h.text}"
        yield make_finding(DOUBLED, _loc(doc, h), zh, en,
                           evidence={"kind": h.kind, "printed": h.text, "passage": passage, **h.details})


def _placeholders(doc: Document, dt: DocText) -> Iterator[Finding]:
    hits = placeholders(dt) + blank_date_placeholders(doc)
    seen: set[tuple[int, int]] = set()
    for h in hits:
        if (h.block, h.nstart) in seen:
            continue
        seen.add((h.block, h.nstart))
        yield make_finding(PLACEHOLDER, _loc(doc, h), f"残留{_PLACEHOLDER_ZH.get(h.kind, '占位符')}：{h.text}",
                           f"Template placeholder left in the text ({h.kind}): {h.text}",
                           evidence={"kind": h.kind, "printed": h.text, "passage": _passage(dt, h)})


def _mixed(doc: Document) -> Iterator[Finding]:
    for h in mixed_script(doc):
        pairs = "、".join(h.details["pairs"])
        minority = "繁体" if h.details["minority"] == "traditional" else "简体"
        yield make_finding(MIXED, _loc(doc, h), f"本段出现{minority}写法，与全文不一致：{pairs}",
                           f"{h.details['minority'].capitalize()} forms in a report otherwise written in the other "
                           f"script: {pairs}", evidence={"passage": doc.blocks[h.block].text[:160], **h.details})


def _labels(doc: Document) -> Iterator[Finding]:
    for h in label_typos(doc):
        if h.kind == "cell":
            loc = doc.cell_location(h.block, h.details["row"], h.details["col"], row_label=h.text)
        else:
            loc = _loc(doc, h)
        exp = h.details["expected"]
        yield make_finding(LABEL_TYPO, loc, f"表格标签“{h.text}”与模板标签“{exp}”不一致（相差{h.details['distance']}字）",
                           f"Table label '{h.text}' differs from the template label '{exp}' "
                           f"(edit distance {h.details['distance']})",
                           evidence={"printed": h.text, "expected": exp, "distance": h.details["distance"],
                                     "kind": h.kind})


def _counts(doc: Document, dt: DocText) -> Iterator[Finding]:
    for h in inconsistent_counts(dt):
        d = h.details
        related = tuple(doc.span_location(b, s, e) for b, s, e in h.related)
        first_passage = [dt.paragraph(b)[max(0, s - 30): e + 10] for b, s, e in h.related]
        item = f"{d['channel']}{d['action']}{d['object']}"
        yield make_finding(
            COUNT, _loc(doc, h),
            f"“{item}”前后数字不一致：{d['other_value']}{d['unit']} 与 {d['value']}{d['unit']}",
            f"'{item}' is counted twice with different numbers: {d['other_value']} vs {d['value']} {d['unit']}",
            evidence={"printed": d["value"], "other": d["other_value"], "unit": d["unit"], "item": item,
                      "passage": _passage(dt, h), "other_passage": first_passage[0] if first_passage else ""},
            related=related)


def _passage(dt: DocText, h: Hit, before: int = 30, after: int = 30) -> str:
    text = dt.paragraph(h.block)
    return text[max(0, h.nstart - before): h.nend + after]
