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


def test_extra_boilerplate_option_lowers_the_copy_ratio(tmp_path) -> None:
    """Configured extra template text is excluded from the 复制比 like the national template."""
    import shutil

    shutil.copy(seed("001"), tmp_path / "001.txt")
    docs = gkreview.load(seed("001"))
    shared = [p.text for p in docs[1].paragraphs if len(p.text) > 60][:3]  # passages 第三篇 copied from 第二篇

    def ratio(options: dict) -> float:
        result = gkreview.audit(tmp_path, gkreview.Settings(options=options), jobs=1)
        hits = [f for f in result.findings if f.rule_id == "gk.duplicates.redated-copy"]
        assert hits
        return hits[0].evidence["copy_ratio"]

    plain = ratio({})
    masked = ratio({"duplicates.extra_boilerplate": shared})
    assert plain >= 0.9 and masked < plain
