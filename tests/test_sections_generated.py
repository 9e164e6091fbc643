"""Every injected fault of corpora/gen_sections.py is found, and clean variants give nothing (issue 4).

A small slice of the generated set (one report per fault type and per clean variant,
as .txt and .docx) so the test runs in seconds; ``benchmarks/sections.py`` runs all
270 reports in four formats.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import gkreview
from corpora.gen_sections import CLEAN, FAULTS, make_case
from corpora.render import render
from gkreview.config import Settings

MINE = Settings(select=("gk.structure", "gk.years", "gk.doctype"))
CASES = [(t, f) for f, (_, templates) in FAULTS.items() for t in templates[-1:]] + \
        [(t, f"clean:{c}") for c in CLEAN for t in ("pre2019", "2021")]


def found(path: Path) -> set[tuple[str, str | None]]:
    out: set[tuple[str, str | None]] = set()
    for doc in gkreview.load(path):
        for f in gkreview.review(doc, MINE):
            out.add((f.rule_id, f.evidence.get("section") if f.rule_id.endswith("missing-section") else None))
    return out


@pytest.mark.parametrize(("template", "fault"), CASES)
def test_fault_found_exactly(tmp_path: Path, template: str, fault: str) -> None:
    i = CASES.index((template, fault))
    _rep, blocks, change, expected = make_case(500 + i, template, fault, random.Random(i))
    fmt = "docx" if i % 2 else "txt"
    path = render(blocks, fmt, tmp_path / f"case.{fmt}", script="traditional" if i % 3 == 0 else "simplified")
    assert found(path) == {(r, k) for r, k in expected}, change
