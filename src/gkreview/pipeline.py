"""Run every enabled check on a document: parse → segment → checks → findings.

:func:`review` is the library call. :func:`run_checks` is the same loop with a hook
for a check that raises: the batch runner records the failure and carries on with
the other checks, so one bug in one rule never loses a file.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from gkreview.analysis import Context
from gkreview.config import Settings
from gkreview.document import Document
from gkreview.findings import Finding
from gkreview.registry import check_modules

OnError = Callable[[str, BaseException], None]


def applies(mod: ModuleType, ctx: Context) -> bool:
    """Whether a check module applies to this document's type.

    A module may declare ``APPLIES_TO`` (document-type labels of
    :mod:`gkreview.doctype`): table arithmetic means nothing on a blank template or
    a 通报, and the doctype family already reports that such a file is not an
    annual report. Modules without it (input, doctype, duplicates) run on all.
    """
    wanted = getattr(mod, "APPLIES_TO", None)
    if wanted is None:
        return True
    label = ctx.doc_label
    return label is None or label in wanted


def run_checks(doc: Document, ctx: Context, on_error: OnError | None = None) -> list[Finding]:
    """Findings of every check module, configured (disabled rules dropped, severities overridden)."""
    settings = ctx.settings
    out: list[Finding] = []
    for mod in check_modules():
        if not applies(mod, ctx):
            continue
        try:
            found = list(mod.check(doc, ctx))
        except Exception as exc:
            if on_error is None:
                raise
            on_error(mod.__name__, exc)
            continue
        out.extend(found)
    return settings.apply_all(out)


def review(doc: Document, settings: Settings | None = None) -> list[Finding]:
    """All findings for one document, configured and in a stable order.

    >>> import gkreview
    >>> doc = gkreview.load_text("某县2020年政府信息公开工作年度报告\\n一、总体情况\\n……")[0]
    >>> isinstance(gkreview.review(doc), list)
    True
    """
    settings = settings or Settings()
    return run_checks(doc, Context(doc, settings))
