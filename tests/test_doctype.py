"""Document-type classifier (issue 4, domain §5): seeds, the real PDF, unseen look-alikes, fallback rules."""

from __future__ import annotations

import random
import subprocess
import sys
from collections import Counter

import pytest

import gkreview
from conftest import CORPORA, seed
from corpora.doctype.make_data import EXTRA_GENERATORS, GENERATORS, SEED_LABELS, annual_plain, summary
from gkreview.doctype import (
    LABELS,
    MODEL_PATH,
    classify,
    decisive_label,
    document_from_text,
    load_model,
    rule_features,
    rule_label,
)


@pytest.mark.parametrize("prefix", sorted(SEED_LABELS))
def test_seed_segments(prefix: str) -> None:
    docs = gkreview.load(seed(prefix))
    assert [classify(d).label for d in docs] == SEED_LABELS[prefix]


@pytest.mark.parametrize("prefix", sorted(SEED_LABELS))
def test_rule_fallback_agrees_on_seeds(prefix: str) -> None:
    docs = gkreview.load(seed(prefix))
    assert [rule_label(rule_features(d)) for d in docs] == SEED_LABELS[prefix]


def test_seed001_parts() -> None:
    """第二篇/第三篇 are 工作总结s; 第四篇/第五篇 are "…工作报告"s with the year's figures: annual reports."""
    docs = gkreview.load(seed("001"))
    assert [classify(d).label for d in docs] == ["annual_report", "work_summary", "work_summary", "annual_report",
                                                 "annual_report"]
    assert [rule_features(d)["figures"] > 0 for d in docs[3:]] == [True, True]


SUMMARY_AS_REPORT = """某县财政局2019年政府信息公开工作报告
2019年，我局在县委县政府的正确领导下，认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。现将工作情况汇报如下：
一、主要做法
（一）加强组织领导。明确分管领导和具体工作人员，形成一级抓一级、层层抓落实的工作格局。
（二）完善工作制度。落实公开属性源头认定和保密审查机制，规范受理、办理、答复等环节。{figures}
二、存在问题
一是政策解读形式单一；二是信息更新不够及时。
三、下一步工作打算
我们将加强业务培训，提升工作人员业务能力和水平，丰富政策解读形式。
"""
FIGURES = "全年共主动公开政府信息356条，收到政府信息公开申请12件，均在法定期限内答复。"


@pytest.mark.parametrize(("figures", "label"), [("", "work_summary"), (FIGURES, "annual_report")])
def test_work_report_title_needs_the_years_figures(figures: str, label: str) -> None:
    """Same "…工作报告" with 主要做法/存在问题/下一步工作打算: an annual report only when it reports the figures."""
    doc = gkreview.load_text(SUMMARY_AS_REPORT.format(figures=figures))[0]
    assert classify(doc).label == label
    assert rule_label(rule_features(doc)) == label
    summary_title = gkreview.load_text(SUMMARY_AS_REPORT.format(figures=figures).replace("工作报告", "工作总结", 1))[0]
    assert classify(summary_title).label == "work_summary"


def test_unseen_work_reports_and_summaries() -> None:
    """Fresh poorly structured annual reports under "…工作报告" titles, and fresh summaries (incl. 工作报告 titles)."""
    rng = random.Random(77)
    plain = [classify(document_from_text("\n".join(annual_plain(rng)))).label for _ in range(20)]
    summaries = [classify(document_from_text("\n".join(summary(rng)))).label for _ in range(30)]
    assert plain.count("annual_report") >= 19, plain
    assert summaries.count("work_summary") >= 28, summaries


def test_decisive_rules_are_never_wrong_on_seeds() -> None:
    for prefix, labels in SEED_LABELS.items():
        for doc, label in zip(gkreview.load(seed(prefix)), labels, strict=True):
            assert decisive_label(rule_features(doc)) in (None, label)
            assert classify(doc, use_rules=False).label == label


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


def test_classifying_needs_no_scikit_learn() -> None:
    """The shipped model is plain arrays: loading and using it must not import scikit-learn (seconds per process)."""
    code = ("import sys, gkreview; from gkreview.doctype import classify, load_model; assert load_model() is not None; "
            "d = gkreview.load_text('某县2020年政府信息公开工作报告\\n本年主动公开信息12条。\\n')[0]; "
            "print(classify(d, use_rules=False).method, 'sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.split() == ["model", "False"]


def test_unseen_lookalikes() -> None:
    """Fresh documents from the generators (another random seed than the training data)."""
    rng = random.Random(2024)
    right: Counter[str] = Counter()
    jobs = [(label, fn) for label, (fn, _) in GENERATORS.items()] + [(label, fn) for label, fn, _ in EXTRA_GENERATORS]
    for label, fn in jobs:
        for _ in range(4):
            doc = document_from_text("\n".join(fn(rng)) + "\n")
            right[label] += classify(doc).label == label
    assert sum(right.values()) >= 0.9 * 4 * len(jobs), right


def test_cover_memo_is_info_and_notice_is_flagged() -> None:
    from gkreview.config import Settings

    mine = Settings(select=("gk.doctype",))
    memo, report = gkreview.load(seed("000"))
    assert [f.rule_id for f in gkreview.review(memo, mine)] == ["gk.doctype.cover-memo"]
    assert gkreview.review(report, mine) == []
    notice = gkreview.load(seed("002"))[0]
    (f,) = gkreview.review(notice, mine)
    assert f.rule_id == "gk.doctype.not-annual-report" and f.evidence["label"] == "notice_circular"


# --- speed paths that must give exactly what the plain computation gives ----------------------------------------------

def test_required_literals_never_miss_a_match() -> None:
    import re

    from gkreview.doctype import _BODY_COUNTED, _body_counts, required_literals

    rng = random.Random(13)
    patterns = [r"a(?:bc|de)f", r"x[yz]{2}w", r"(?i)abc", r"(?:ab)+c?", r"a.b", r"[^a]bc", r"(?=ab)abc", r"a{0,3}bcd",
                r"a|b|", r"\d+年", r"(ab|cd)\1", r"(?>ab)c", r"a++b"]
    for p in patterns:
        rx = re.compile(p)
        lits = required_literals(rx)
        for _ in range(2000):
            t = "".join(rng.choice("abcdefwxyz年1 A") for _ in range(rng.randint(0, 8)))
            if lits is not None and not any(w in t for w in lits):
                assert not rx.search(t), (p, lits, t)
    assert required_literals(re.compile(r"(?i)abc")) is None
    pieces = sorted({w for rx in _BODY_COUNTED.values() for w in (required_literals(rx) or ())} | set("通报年月12-, \n"))
    for _ in range(3000):
        t = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        assert _body_counts(t) == {k: len(rx.findall(t)) for k, rx in _BODY_COUNTED.items()}, t


def test_numpy_ngram_lookup_equals_the_vocabulary_lookup() -> None:
    from gkreview.doctype import char_ngrams

    model = load_model()
    if model is None:
        pytest.skip("model artefact absent")
    rng = random.Random(17)
    chars = "".join(g for g in model.text.vocab if len(g) == 1) + " \t\n\u3000ABCxyz"
    texts = ["\n".join(summary(rng))[:400] for _ in range(5)] + [
        "".join(rng.choice(chars) for _ in range(rng.randint(0, 60))) for _ in range(300)]
    for t in texts:
        for block in (model.text, model.title):
            expected = sorted(i for i in map(block.vocab.get, char_ngrams(t)) if i is not None)
            assert sorted(block.ids(t).tolist()) == expected


def test_report_tables_filed_apart_are_noted_not_rejected() -> None:
    """A report's 统计表 attachment (tables 二/三/四 only) is part of a report: an info note, its tables checked,
    its title without the bare 附件 label above it. A half-year statistics return stays not-an-annual-report."""
    from gkreview.loader import load, load_text
    from gkreview.pipeline import review

    doc = load(CORPORA / "county_batch" / "2023_ziran_fujian.docx")[0]
    assert doc.title == "霍山县自然资源和规划局2023年政府信息公开工作年度报告统计表"
    ids = [f.rule_id for f in review(doc)]
    assert ids == ["gk.doctype.report-tables"]
    from gkreview.analysis import Context
    from gkreview.checks import tables
    from gkreview.pipeline import applies

    assert applies(tables, Context(doc))  # its table arithmetic is still checked
    table_rows = "\n".join(f"{label}\t{a}\t{b}\t{a + b}" for label, a, b in (("规章", 1, 2), ("行政规范性文件", 3, 4)))
    half = load_text("某县2023年上半年政府信息公开工作统计表\n2023年上半年，我县政府信息公开工作情况统计如下。\n"
                     f"信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n{table_rows}\n")[0]
    assert "gk.doctype.report-tables" not in {f.rule_id for f in review(half)}
