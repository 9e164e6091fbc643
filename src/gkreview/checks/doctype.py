"""Document-type family: a segment filed as an annual report that is something else (domain §5).

A 通报, 实施方案, 工作要点 or 工作总结 in an annual-report folder means the real
report is missing or mislabelled; a cover memo (呈送…的报告) wrapped around a
report is normal and only noted, since the report itself is reviewed as the next
segment.
"""

from __future__ import annotations

from collections.abc import Iterable

from gkreview.analysis import Context
from gkreview.doctype import LABELS_ZH
from gkreview.document import Document
from gkreview.findings import Finding, Rule, Severity, make_finding

NOT_ANNUAL = Rule(
    id="gk.doctype.not-annual-report",
    severity=Severity.ERROR,
    summary_zh="文件不是政府信息公开工作年度报告",
    summary_en="The document is not an annual report (通报, 实施方案, 工作要点, 工作总结, notice, template …).",
    description="The segment was classified as another document type (domain §5) from its title, its structure "
                "(统计期限 sentence, template headings and tables) and its wording. Structure and year rules are "
                "not applied to it.",
    bad="某旗人民政府办公室关于2017年全旗政务公开工作情况的通报",
    good="某县人民政府2017年政府信息公开工作年度报告",
)
COVER_MEMO = Rule(
    id="gk.doctype.cover-memo",
    severity=Severity.INFO,
    summary_zh="呈送年度报告的封面函（报告作为附件另行审查）",
    summary_en="Cover memo sending an annual report; the attached report is reviewed as its own segment.",
    description="A 呈送/报送…的报告 with 文号, 签发人 and 附件 line (domain §5). Its date is the memo's date, not "
                "the report's publication date.",
    bad="关于呈送某局2017年政务公开工作年度报告的报告 … 附件：某局2017年政务公开工作年度报告",
    good="(the annual report itself, without the memo)",
)
RULES: tuple[Rule, ...] = (NOT_ANNUAL, COVER_MEMO)
OPTIONS: dict[str, object] = {"doctype.min-probability": 0.5}


def check(doc: Document, ctx: Context) -> Iterable[Finding]:
    """One finding when the segment is not an annual report."""
    if not doc.blocks:
        return
    dt = ctx.doc_type
    if dt.label == "annual_report":
        return
    evidence = {"label": dt.label, "label_zh": LABELS_ZH.get(dt.label, dt.label), "probability": round(dt.probability, 3),
                "title": doc.title, "method": dt.method,
                "cues": {k: round(v, 2) for k, v in dt.features.items() if v and k.startswith(("t_", "c_"))}}
    confidence = min(1.0, dt.probability)
    loc = doc.location(0)
    if dt.label == "cover_memo":
        yield make_finding(COVER_MEMO, loc, f"该部分是呈送年度报告的封面函：{doc.title or ''}",
                           f"This segment is a cover memo for an annual report: {doc.title or ''}",
                           evidence=evidence, confidence=confidence)
        return
    if dt.probability < float(ctx.option("doctype.min-probability", 0.5)):
        return
    yield make_finding(NOT_ANNUAL, loc,
                       f"该文件不是政府信息公开工作年度报告，而是{LABELS_ZH.get(dt.label, dt.label)}：{doc.title or '（无标题）'}",
                       f"This document is not an annual report but a {dt.label.replace('_', ' ')}: "
                       f"{doc.title or '(no title)'}", evidence=evidence, confidence=confidence)
