"""Flat rows (one per finding) for CSV and pandas."""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from gkreview.results import AuditResult

COLUMNS = ["path", "segment", "rule_id", "severity", "page", "paragraph", "table", "row", "col", "row_label",
           "col_label", "section", "start", "end", "message_zh", "message_en", "quote", "evidence"]


def finding_rows(result: AuditResult) -> list[dict[str, Any]]:
    """Every finding as a flat dict with the columns of :data:`COLUMNS`."""
    rows = []
    for f in result.findings:
        loc = f.location
        rows.append({
            "path": loc.path, "segment": loc.segment, "rule_id": f.rule_id, "severity": f.severity.value,
            "page": loc.page, "paragraph": loc.paragraph, "table": loc.table, "row": loc.row, "col": loc.col,
            "row_label": loc.row_label, "col_label": loc.col_label, "section": loc.section,
            "start": loc.start, "end": loc.end, "message_zh": f.message.get("zh", ""),
            "message_en": f.message.get("en", ""), "quote": f.evidence.get("quote", ""),
            "evidence": json.dumps(f.evidence, ensure_ascii=False, sort_keys=True),
        })
    return rows


def render_csv(result: AuditResult, stream: TextIO) -> None:
    """CSV with a header row; UTF-8 (Excel users: open with the UTF-8 import option)."""
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in finding_rows(result):
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
