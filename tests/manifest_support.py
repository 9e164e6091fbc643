"""Shared by the hand-written report sweeps (tests/test_unseen.py, tests/test_unseen2.py): how one manifest entry
is checked against what gkreview makes of its file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gkreview
from gkreview.doctype import classify
from gkreview.findings import Severity


def review_file(path: Path) -> tuple[list[gkreview.Document], list[Any]]:
    """The file's documents and every finding of their reviews."""
    docs = gkreview.load(path)
    return docs, [f for d in docs for f in gkreview.review(d)]


def assert_entry(folder: Path, entry: dict[str, Any]) -> None:
    """Format, encoding, script and document types as the manifest says; exactly its defects at error/warning
    severity (the unexpected ones described in the failure); info findings only among those it allows."""
    docs, findings = review_file(folder / entry["file"])
    source = docs[0].source
    assert (source.format, source.encoding or "-", source.script) == (
        entry["format"], entry["encoding"], entry["script"])
    assert [classify(d).label for d in docs] == entry["doctypes"]
    raised = {f.rule_id for f in findings if f.severity in (Severity.ERROR, Severity.WARNING)}
    described = [f"{f.rule_id}: {f.message['zh']}" for f in findings if f.rule_id in raised - set(entry["defects"])]
    assert raised == set(entry["defects"]), described
    infos = {f.rule_id for f in findings if f.severity == Severity.INFO}
    assert infos <= set(entry["info_allowed"]), infos
