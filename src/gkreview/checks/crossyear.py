"""Cross-year family: a report against the same agency's report of the year before (X1–X4).

Per document, :func:`summarize` records agency, report year and the canonical table
values with their locations (JSON, so worker processes and the resumable cache can
carry it); :func:`check_batch` pairs same-agency summaries of consecutive years and
runs :func:`gkreview.crossyear.compare_summaries`. Nothing is checked per document.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from gkreview.analysis import Context
from gkreview.config import Settings
from gkreview.crossyear import JUMP_MIN, JUMP_RATIO, RULES, compare_summaries, pair_consecutive, summarize_document
from gkreview.document import Document
from gkreview.findings import Finding

OPTIONS: dict[str, Any] = {"crossyear.jump_ratio": JUMP_RATIO, "crossyear.jump_min": JUMP_MIN}

__all__ = ["APPLIES_TO", "OPTIONS", "RULES", "check", "check_batch", "summarize"]

# Only annual reports carry the tables compared across years (see pipeline.applies).
APPLIES_TO = ("annual_report",)


def _year(doc: Document, ctx: Context) -> int | None:
    """The title year found at segmentation, else the year detector's (period, body) answer."""
    if doc.year is not None:
        return doc.year
    try:
        y = getattr(ctx.year, "year", None)
    except Exception:  # noqa: BLE001 - the year detector is optional for pairing
        y = None
    return y if isinstance(y, int) else None


def check(doc: Document, ctx: Context) -> Iterable[Finding]:
    """Nothing per document: cross-year findings need two reports."""
    return ()


def summarize(doc: Document, ctx: Context) -> dict[str, Any] | None:
    """Agency, year and canonical tables of a report (None when it has no template table)."""
    tables = ctx.tables
    if tables.table2 is None and tables.table3 is None:
        return None
    return summarize_document(doc, tables, _year(doc, ctx))


def check_batch(summaries: list[dict[str, Any]], settings: Settings) -> Iterable[Finding]:
    """Findings for every same-agency pair of consecutive years in a batch."""
    ratio = float(settings.option("crossyear.jump_ratio", JUMP_RATIO))
    minimum = float(settings.option("crossyear.jump_min", JUMP_MIN))
    for prev, cur in pair_consecutive(summaries):
        yield from compare_summaries(prev, cur, ratio, minimum)
