"""Run every enabled check on a document: parse → segment → checks → findings."""

from __future__ import annotations

from gkreview.analysis import Context
from gkreview.config import Settings
from gkreview.document import Document
from gkreview.findings import Finding
from gkreview.registry import check_modules


def review(doc: Document, settings: Settings | None = None, ctx: Context | None = None) -> list[Finding]:
    """All findings for one document, configured and in a stable order."""
    settings = settings or Settings()
    ctx = ctx or Context(doc, settings)
    out: list[Finding] = []
    for mod in check_modules():
        for finding in mod.check(doc, ctx):
            configured = settings.apply(finding)
            if configured is not None:
                out.append(configured)
    return sorted(out, key=Finding.sort_key)
