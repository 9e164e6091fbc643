"""The library API mirrors the CLI: load, review, compare, audit."""

from __future__ import annotations

import gkreview
from conftest import CORPORA, seed


def test_compare_pairs_reuse_and_carry_over() -> None:
    prev = gkreview.load(CORPORA / "sample" / "hongze-finance-2022.docx")[0]
    cur = gkreview.load(CORPORA / "sample" / "hongze-finance-2023.pdf")[0]
    pair = gkreview.compare(cur, prev)
    assert 0 <= pair.duplicates.copy_ratio < 0.5  # different years' prose, shared template only
    assert [f.rule_id for f in pair.crossyear] == ["gk.crossyear.carry-over"]  # the injected 上年结转 fault
    assert pair.to_dict()["crossyear"][0]["evidence"]


def test_compare_redated_copy_scores_high() -> None:
    docs = gkreview.load(seed("001"))
    pair = gkreview.compare(docs[2], docs[1])
    assert pair.duplicates.copy_ratio >= 0.9
    assert pair.crossyear == []  # 2012 vs 2009: not consecutive years


def test_review_returns_typed_findings_with_locations() -> None:
    doc = gkreview.load(CORPORA / "sample" / "jinxiang-gov-2023.html")[0]
    findings = gkreview.review(doc)
    totals = [f for f in findings if f.rule_id == "gk.table4.block-total"]
    assert len(totals) == 2
    for f in totals:
        assert f.severity is gkreview.Severity.ERROR
        assert f.location.table is not None and f.location.row is not None and f.location.col is not None
        assert f.message["zh"] and f.message["en"]
    assert {f.evidence["printed"] for f in totals} == {0}
