"""corpora/unseen: hand-written reports unlike the generated fixtures (generalisation sweep).

Each file of ``corpora/unseen/manifest.json`` is reviewed as one reviewer would: a clean
document must raise no error or warning finding (info only where the manifest allows it),
and a document with injected defects must raise exactly its listed rule ids at error or
warning severity — a missing id is a defect not found, an extra id a false finding.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import gkreview
from conftest import CORPORA
from manifest_support import assert_entry, review_file

UNSEEN = CORPORA / "unseen"
ENTRIES: list[dict[str, Any]] = json.loads((UNSEEN / "manifest.json").read_text(encoding="utf-8"))["files"]


def _review(entry: dict[str, Any]) -> tuple[list[gkreview.Document], list[Any]]:
    return review_file(UNSEEN / entry["file"])


def test_manifest_lists_every_file() -> None:
    on_disk = {p.name for p in UNSEEN.iterdir() if p.is_file() and p.name != "manifest.json"}
    assert on_disk == {e["file"] for e in ENTRIES}


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_unseen_document(entry: dict[str, Any]) -> None:
    assert_entry(UNSEEN, entry)


def test_defect_findings_point_at_the_defect() -> None:
    """The injected cells and passages are located exactly (not just the rule id)."""
    entry = next(e for e in ENTRIES if e["file"] == "province-dept-2020-defects.txt")
    _, findings = _review(entry)
    row_sum = next(f for f in findings if f.rule_id == "gk.table3.row-sum")
    assert row_sum.evidence["printed"] == 5 and row_sum.evidence["computed"] == 4
    entry = next(e for e in ENTRIES if e["file"] == "township-2022-defects.txt")
    _, findings = _review(entry)
    mismatch = next(f for f in findings if f.rule_id == "gk.prose.table-mismatch")
    assert "8" in mismatch.message["zh"] and "6" in mismatch.message["zh"]
