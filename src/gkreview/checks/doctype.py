"""Document-type family: a segment filed as an annual report that is something else (domain §5).

A 通报, 实施方案, 工作要点 or 工作总结 in an annual-report folder means the real
report is missing or mislabelled; a cover memo (呈送…的报告) wrapped around a
report is normal and only noted, since the report itself is reviewed as the next
segment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from gkreview.analysis import Context
from gkreview.data.doctype import REPORT_TABLES_TITLE
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
REPORT_TABLES = Rule(
    id="gk.doctype.report-tables",
    severity=Severity.INFO,
    summary_zh="年度报告的统计表（附件），不是完整报告",
    summary_en="The statistical tables of an annual report filed on their own (an attachment), not the whole report.",
    description="A file or segment whose title names an annual report's tables (…年度报告统计表/附表) and that "
                "holds the template tables without a periodic cue (上半年, 季度). Folders often carry it beside the "
                "report; its tables are checked, its missing prose parts are not reported.",
    bad="附件：某局2023年政府信息公开工作年度报告统计表（只有表二、表三、表四）",
    good="(the whole annual report, with its six parts and the tables)",
)
RULES: tuple[Rule, ...] = (NOT_ANNUAL, COVER_MEMO, REPORT_TABLES)
_REPORT_TABLES_RE = re.compile(REPORT_TABLES_TITLE)
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
    if dt.label in ("periodic_statistics", "other") and _report_tables(doc, dt.features):
        yield make_finding(REPORT_TABLES, loc, f"该文件是年度报告的统计表（附件），不是完整报告：{doc.title or ''}",
                           f"This file holds an annual report's statistical tables, not the whole report: "
                           f"{doc.title or ''}", evidence=evidence, confidence=confidence)
        return
    if dt.probability < float(ctx.option("doctype.min-probability", 0.5)):
        return
    yield make_finding(NOT_ANNUAL, loc,
                       f"该文件不是政府信息公开工作年度报告，而是{LABELS_ZH.get(dt.label, dt.label)}：{doc.title or '（无标题）'}",
                       f"This document is not an annual report but a {dt.label.replace('_', ' ')}: "
                       f"{doc.title or '(no title)'}", evidence=evidence, confidence=confidence)


def _report_tables(doc: Document, features: dict[str, float]) -> bool:
    """Title names an annual report's tables, the segment has tables, and nothing says it covers part of a year."""
    title = (doc.title or "").replace(" ", "")
    return bool(_REPORT_TABLES_RE.search(title) and doc.tables and not features.get("c_periodic"))
