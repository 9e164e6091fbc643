"""Batch normalisation gives exactly what normalising each text alone gives (texts and offset maps)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gkreview.document import Paragraph, Table, prime_normalized
from gkreview.loader import load
from gkreview.normalize import normalize, normalize_many

CORPORA = Path(__file__).resolve().parents[1] / "corpora"

TEXTS = [
    "2021年，本机关共主动公开政府信息120条。",  # unchanged by normalisation
    "２０１７年 行政復議 ３ 件",  # full-width digits, traditional script, CJK spaces
    "",
    "信息内容\t本年新制作数量\t本年新公开数量\n规章\t0\t0\n规范性文件\t6\t0",  # a table: rows and tab-separated cells
    "ABC  def　中文",  # Latin words keep one space; the ideographic space next to CJK goes
    "㈠ 概述",  # a character that NFKC expands to several
    "第一行\n\n第三行",  # an empty line inside a text
    "本报告由概述、主动公开政府信息情况等部分组成。",
]


def _same(a, b) -> bool:  # type: ignore[no-untyped-def]
    return a.text == b.text and [int(x) for x in a.offsets] == [int(x) for x in b.offsets]


@pytest.mark.parametrize("rotate", range(len(TEXTS)))
def test_normalize_many_equals_one_by_one(rotate: int) -> None:
    texts = TEXTS[rotate:] + TEXTS[:rotate]
    batch = normalize_many(texts)
    assert len(batch) == len(texts)
    for text, got in zip(texts, batch, strict=True):
        assert _same(got, normalize(text)), text


def test_unchanged_pieces_keep_identity_offsets_next_to_changed_ones() -> None:
    texts = ["未变的段落。", "２０１７年 行政復議", "也未变。", "另一段 文字"]
    batch = normalize_many(texts)
    assert batch[0].offsets == range(len(texts[0]) + 1)
    assert batch[2].offsets == range(len(texts[2]) + 1)
    assert [int(x) for x in batch[1].offsets] == [int(x) for x in normalize(texts[1]).offsets]


@pytest.mark.parametrize("pattern", ["seeds/001_*.txt", "seeds/004_*.txt", "reports/huaian-2024.pdf",
                                     "templates/*.docx"])
def test_prime_normalized_fills_paragraphs_and_tables_as_alone(pattern: str) -> None:
    path = sorted(CORPORA.glob(pattern))[0]
    blocks = [b for doc in load(path) for b in doc.blocks]
    fresh = {id(b): (b.display_text if isinstance(b, Paragraph) else b.text) for b in blocks}
    for b in blocks:  # drop what segmentation primed, then prime again from scratch
        b.__dict__.pop("normalized", None)
        b.__dict__.pop("norm", None)
    prime_normalized(blocks)
    assert any(isinstance(b, Table) for b in blocks) or pattern.startswith("seeds")
    for b in blocks:
        alone = normalize(fresh[id(b)])
        if isinstance(b, Paragraph):
            assert _same(b.__dict__["normalized"], alone)
        else:
            assert b.__dict__["norm"] == alone.text


@pytest.mark.parametrize("text", [
    "其它事项按规范性档案办理，行政覆议1件，反覆研究。",  # every kind of alias, several in one text
    "其他事项按规范性文件办理，档案管理。",  # every character of an alias present, the alias itself absent
    "甚麽時候復議後製綫",  # traditional text: the aliases apply after t2s
])
def test_aliases_apply_exactly_where_they_occur(text: str) -> None:
    from gkreview.data.aliases import ALIASES

    out = normalize(text).text
    assert not any(key in out for key in ALIASES)
    assert normalize_many([text] * 5)[2].text == out


def test_a_lone_surrogate_does_not_stop_normalisation() -> None:
    text = "行政復議\ud800三件"  # a broken PDF text layer can hand over half a surrogate pair
    n = normalize(text)
    assert n.text == "行政复议\ufffd三件"
    assert text[slice(*n.orig_span(0, 4))] == "行政復議"
