"""Batch stock text (gkreview.dedup.stock) and the direction of a same-year cross-agency copy."""

from __future__ import annotations

import random

import numpy as np

from gkreview.checks.duplicates import _copier, _Item
from gkreview.dedup import stock
from gkreview.dedup.shingle import MaskedText, mask_plain

MODEL = ("严格落实公文公开属性源头认定机制，在公文拟制环节同步确定公开属性，对拟公开的政府信息依法依规进行保密审查，"
         "全年未发生泄密和侵犯个人隐私的情况。充分发挥政府网站作为政务公开第一平台的作用，按照统一规范要求管理和维护"
         "信息公开专栏，加强网站内容保障和信息安全管理，确保栏目信息准确、更新及时。")
WORDS = ["规划", "项目", "资金", "农户", "学校", "道路", "河道", "养老", "医保", "就业", "企业", "茶叶", "林地", "水库", "社区", "村级", "补贴", "培训", "检查", "名单"]


def _own(seed: int, n: int = 120) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(WORDS) for _ in range(n // 2)) + "。"


def _masked(text: str) -> MaskedText:
    return mask_plain(text)


def test_stock_counts_agencies_not_documents() -> None:
    samples = [(f"agency{i}", stock.sample(_masked(MODEL + _own(i)))) for i in range(5)]
    assert len(stock.frequent(samples, 5))
    assert not len(stock.frequent(samples[:4], 5))
    same = [("one", stock.sample(_masked(MODEL + _own(i)))) for i in range(10)]
    assert not len(stock.frequent(same, 5))  # one agency's ten reports make nothing stock
    assert not len(stock.frequent(samples, 0))  # switched off


def test_stock_marks_the_shared_passage_and_not_the_own_text() -> None:
    texts = [_own(100 + i) + MODEL + _own(200 + i) for i in range(6)]
    frequent = stock.frequent(((f"a{i}", stock.sample(_masked(t))) for i, t in enumerate(texts)), 5)
    m = _masked(texts[0])
    marked = stock.flags(m, frequent)
    model_len = len(_masked(MODEL).text)
    start = m.text.find(_masked(MODEL).text)
    assert start >= 0
    inside = marked[start : start + model_len]
    assert inside.mean() >= 0.97
    outside = np.concatenate([marked[:start], marked[start + model_len :]])
    assert outside.sum() <= 2 * stock.EDGE
    with_stock = stock.with_stock(m, frequent)
    assert with_stock.content_chars < m.content_chars and m.template.sum() == _masked(texts[0]).template.sum()


def test_sample_round_trips_and_is_small() -> None:
    m = _masked(MODEL + _own(1, 4000))
    s = stock.sample(m)
    assert np.array_equal(stock.decode(stock.encode(s)), s)
    assert 0 < len(s) < len(m.text) / 2


def _item(idx: int, agency: str, text: str) -> _Item:
    return _Item(idx, {"agency": agency, "masked": _masked(text).to_json(), "path": f"{idx}.txt"})


def test_copy_direction_by_left_over_name_then_by_level() -> None:
    body = _own(7, 300)
    source = _item(0, "霍山县人社局", "霍山县人社局" + body)
    copy = _item(1, "霍山县民政局", "霍山县民政局" + body + "如有疑问请与霍山县人力资源和社会保障局办公室联系。")
    assert _copier(source, copy) is copy and _copier(copy, source) is copy
    county = _item(2, "霍山县人民政府", "霍山县人民政府" + body)
    town = _item(3, "霍山县衡山镇人民政府", "霍山县衡山镇人民政府" + body)
    assert _copier(county, town) is town
    sibling = _item(4, "霍山县水利局", "霍山县水利局" + body)
    assert _copier(source, sibling) is None  # nothing tells: both are reported


def test_scraps_left_between_stock_passages_are_no_copy(tmp_path) -> None:
    """Six bodies print the same model text with a little of their own; two also share one short sentence.

    Once the model text is stock, each report's own text is a few dozen characters, and the
    shared sentence is most of it: a 复制比 over 50 % on scraps. Such a pair is no copy below
    ``duplicates.min_reused_chars`` of reused own text (switching the floor off shows the case bites).
    """
    from gkreview.config import Settings
    from gkreview.runner import RunOptions, audit

    shared = "按照县政务公开办统一部署，本单位在政务大厅设置了政府信息公开查阅点并安排专人值守。"
    for i, body in enumerate(("财政局", "教育局", "民政局", "水利局", "交通运输局", "农业农村局")):
        extra = shared if i < 2 else ""
        text = (f"霍山县{body}2023年政府信息公开工作年度报告\n一、总体情况\n{MODEL}\n{_own(300 + i, 30)}{extra}\n"
                f"二、存在的主要问题及改进情况\n{MODEL[::-1]}\n")
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")

    def copies(floor: int) -> list[str]:
        settings = Settings(options={"duplicates.min_reused_chars": floor})
        result = audit([tmp_path], settings, RunOptions(jobs=1))
        return [f.rule_id for f in result.findings if f.rule_id == "gk.duplicates.cross-agency-copy"]

    assert copies(0)
    assert not copies(200)


def _county_folder(tmp_path, copy_len: int) -> None:
    """Seven bodies print the county model text with a little own work; 财政局 also prints ``copy_len``
    characters of 教育局's own work."""
    bodies = ("财政局", "教育局", "民政局", "水利局", "交通运输局", "农业农村局", "卫生健康委")
    own = {b: _own(400 + i, 40) for i, b in enumerate(bodies)}
    lent = _own(900, 600)[:copy_len]
    for i, body in enumerate(bodies):
        mine = own[body] + (lent if body in ("财政局", "教育局") else "")
        text = (f"霍山县{body}2023年政府信息公开工作年度报告\n一、总体情况\n{MODEL}\n{mine}\n"
                f"二、存在的主要问题及改进情况\n{MODEL[::-1]}\n")
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")


def _batch_run(tmp_path, monkeypatch, floor: float) -> tuple[list[str], int]:
    """The batch's copy findings (rule and file) and how many exact alignments it made."""
    import gkreview.checks.duplicates as dup
    from gkreview.runner import RunOptions, audit

    made = []
    real = dup._compare_pair
    monkeypatch.setattr(dup, "_compare_pair", lambda task: made.append(1) or real(task))
    monkeypatch.setattr(dup, "UNSHARED_FLOOR", floor)
    result = audit([tmp_path], options=RunOptions(jobs=1))
    found = sorted(f"{f.rule_id} {f.location.path.rsplit('/', 1)[-1]}" for f in result.batch_findings)
    return found, len(made)


def test_pairs_sharing_only_stock_text_are_not_aligned(tmp_path, monkeypatch) -> None:
    """Candidate pairs that share stock text and under ``duplicates.min_reused_chars`` of own text are told
    from the summaries' samples and not aligned; the copy is still aligned, and the findings are those of
    aligning every candidate (UNSHARED_FLOOR 0)."""
    _county_folder(tmp_path, 400)
    every, aligned_all = _batch_run(tmp_path, monkeypatch, 0.0)
    pruned, aligned = _batch_run(tmp_path, monkeypatch, 0.2)
    assert "gk.duplicates.cross-agency-copy 0.txt" in every or "gk.duplicates.cross-agency-copy 1.txt" in every
    assert pruned == every
    assert 1 <= aligned < aligned_all


def test_unshared_needs_a_sample_and_the_floor() -> None:
    """A summary without a stock sample (written before samples existed) is always aligned; a floor of 0
    characters aligns everything."""
    from gkreview.checks.duplicates import _Batch
    from gkreview.config import Settings

    text = MODEL + _own(5, 200)
    with_samples = [{"agency": f"局{i}", "masked": _masked(text).to_json(), "path": f"{i}.txt",
                     "stock_sample": stock.encode(stock.sample(_masked(text if i == 0 else _own(i, 300))))}
                    for i in range(2)]
    batch = _Batch([_Item(i, s) for i, s in enumerate(with_samples)], Settings())
    assert batch.unshared(0, 1) and batch.unshared(1, 0)
    same = _Batch([_Item(i, {**with_samples[0], "path": f"{i}.txt"}) for i in range(2)], Settings())
    assert not same.unshared(0, 1)
    old = _Batch([_Item(i, {k: v for k, v in s.items() if k != "stock_sample"}) for i, s in enumerate(with_samples)],
                 Settings())
    assert not old.unshared(0, 1)
    off = _Batch([_Item(i, s) for i, s in enumerate(with_samples)],
                 Settings(options={"duplicates.min_reused_chars": 0}))
    assert not off.unshared(0, 1)


def test_frequent_equals_counting_agencies() -> None:
    """stock.frequent against a plain count of distinct agencies per hash, on random samples (agencies with
    several reports, empty samples, more agencies needed than hashes held)."""
    from collections import Counter

    rng = np.random.default_rng(1)
    for trial in range(150):
        pool = rng.integers(0, 40 if trial % 2 else 2**32, 300, dtype=np.uint64).astype(np.uint32)
        samples = [(f"a{rng.integers(0, 9)}", np.unique(rng.choice(pool, rng.integers(0, 50))))
                   for _ in range(rng.integers(1, 15))]
        per_agency: dict[str, set[int]] = {}
        for key, values in samples:
            per_agency.setdefault(key, set()).update(values.tolist())
        counts = Counter(x for held in per_agency.values() for x in held)
        for m in range(8):
            expected = sorted(x for x, k in counts.items() if k >= m) if 0 < m <= len(per_agency) else []
            assert stock.frequent(samples, m).tolist() == expected
