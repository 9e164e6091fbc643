"""Document-type classifier (issue 4, domain §5): seeds, the real PDF, unseen look-alikes, fallback rules."""

from __future__ import annotations

import random
from collections import Counter

import pytest

import gkreview
from conftest import CORPORA, seed
from corpora.doctype.make_data import GENERATORS, SEED_LABELS
from gkreview.doctype import LABELS, MODEL_PATH, classify, document_from_text, load_model, rule_features, rule_label


@pytest.mark.parametrize("prefix", sorted(SEED_LABELS))
def test_seed_segments(prefix: str) -> None:
    docs = gkreview.load(seed(prefix))
    assert [classify(d).label for d in docs] == SEED_LABELS[prefix]


@pytest.mark.parametrize("prefix", sorted(SEED_LABELS))
def test_rule_fallback_agrees_on_seeds(prefix: str) -> None:
    docs = gkreview.load(seed(prefix))
    assert [rule_label(rule_features(d)) for d in docs] == SEED_LABELS[prefix]


def test_real_2024_pdf_is_an_annual_report() -> None:
    dt = classify(gkreview.load(CORPORA / "reports" / "huaian-2024.pdf")[0])
    assert dt.label == "annual_report" and dt.probability > 0.8
    d = dt.to_dict()
    assert d["label_zh"] == "政府信息公开工作年度报告" and set(d) >= {"label", "probability", "method"}


def test_model_artefact_ships_in_the_package() -> None:
    assert MODEL_PATH.parent.name == "models" and MODEL_PATH.parent.parent.name == "gkreview"
    assert MODEL_PATH.stat().st_size < 5 * 1024 * 1024
    model = load_model()
    assert model is not None and set(model.classes_) == set(LABELS)


def test_unseen_lookalikes() -> None:
    """Fresh documents from the generators (another random seed than the training data)."""
    rng = random.Random(2024)
    right: Counter[str] = Counter()
    for label, (fn, _) in GENERATORS.items():
        for _ in range(4):
            doc = document_from_text("\n".join(fn(rng)) + "\n")
            right[label] += classify(doc).label == label
    assert sum(right.values()) >= 0.9 * 4 * len(GENERATORS), right


def test_cover_memo_is_info_and_notice_is_flagged() -> None:
    from gkreview.config import Settings

    mine = Settings(select=("gk.doctype",))
    memo, report = gkreview.load(seed("000"))
    assert [f.rule_id for f in gkreview.review(memo, mine)] == ["gk.doctype.cover-memo"]
    assert gkreview.review(report, mine) == []
    notice = gkreview.load(seed("002"))[0]
    (f,) = gkreview.review(notice, mine)
    assert f.rule_id == "gk.doctype.not-annual-report" and f.evidence["label"] == "notice_circular"
