"""Table and prose rules on generated reports: each injected fault is found, and nothing else."""

from __future__ import annotations

import json

import pytest

from conftest import seed
from corpora.gen_numbers import SINGLE_FAULTS, generate
from corpora.synth import make_report
from gkreview.analysis import Context
from gkreview.checks import crossyear, prose_numbers, tables
from gkreview.config import Settings
from gkreview.crossyear import compare_years
from gkreview.loader import load, load_text


def _review(text: str, path: str = "mem.txt"):  # type: ignore[no-untyped-def]
    doc = load_text(text, path=path)[0]
    ctx = Context(doc)
    return doc, ctx, [*tables.check(doc, ctx), *prose_numbers.check(doc, ctx)]


@pytest.fixture(scope="module")
def generated():  # type: ignore[no-untyped-def]
    return generate(per_rule=2, clean=6, pairs_clean=2, seed=7)


def test_clean_reports_have_no_findings(generated) -> None:  # type: ignore[no-untyped-def]
    for d in generated:
        if d.role in ("clean", "prev"):
            _, _, found = _review(d.report.to_text())
            assert found == [], (d.name, [f.message["en"] for f in found])


@pytest.mark.parametrize("rule", list(SINGLE_FAULTS))
def test_each_injected_fault_is_found_alone(generated, rule: str) -> None:  # type: ignore[no-untyped-def]
    docs = [d for d in generated if d.expect == [rule]]
    assert docs
    for d in docs:
        _, _, found = _review(d.report.to_text())
        assert {f.rule_id for f in found} == {rule}, (d.name, d.faults, [f.message["en"] for f in found])


def test_row_sum_finding_carries_cells_and_evidence() -> None:
    rep = make_report(seed=3, year=2022, scale=40)
    text = rep.to_text()
    row = next(ln for ln in text.splitlines() if ln.startswith("一、本年新收"))
    cells = row.split(" | ")
    cells[-1] = str(int(cells[-1]) + 5)
    doc, _, found = _review(text.replace(row, " | ".join(cells)))
    rowsum = [f for f in found if f.rule_id == "gk.table3.row-sum"]
    assert len(rowsum) == 1
    f = rowsum[0]
    assert f.location.col_label == "总计" and f.location.row is not None and f.location.col is not None
    assert f.evidence["printed"] == int(cells[-1]) and f.evidence["computed"] == int(cells[-1]) - 5
    assert len(f.evidence["contributors"]) == 6 and len(f.related) == 6
    assert doc.quote(f.location) == cells[-1]
    # the 总计 also breaks the 勾稽 of that column, and the prose quotes the old total
    assert {x.rule_id for x in found} == {"gk.table3.row-sum", "gk.table3.balance", "gk.prose.table-mismatch"}


def test_placeholder_makes_checks_unknown_not_pass() -> None:
    rep = make_report(seed=4, year=2022, scale=40)
    lines = rep.to_text().splitlines()
    i = max(k for k, ln in enumerate(lines) if ln.startswith("结果维持 | 结果纠正"))
    vals = lines[i + 1].split(" | ")
    vals[:5] = ["/"] * 5
    lines[i + 1] = " | ".join(vals)
    _, _, found = _review("\n".join(lines))
    assert [f.rule_id for f in found] == ["gk.table.placeholder"]
    assert "H5 行政复议" in found[0].evidence["unknown_checks"]


def test_huaian_2023_table4_totals_are_errors() -> None:
    """The real defect of the issue: 10 1 0 0 0 | 0 0 0 0 0 | 5 0 0 0 0."""
    text = ("四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n未经复议直接起诉 复议后起诉\n"
            "结果维持 结果纠正 其他结果 尚未审结 总计\n10 1 0 0 0 0 0 0 0 0 5 0 0 0 0\n")
    _, _, found = _review(text)
    got = sorted((f.rule_id, f.location.row_label, f.evidence["printed"], f.evidence["computed"]) for f in found)
    assert got == [("gk.table4.block-total", "复议后起诉", 0, 5), ("gk.table4.block-total", "行政复议", 0, 11)]


def test_seed_001_real_sums_balance_and_mutations_are_caught() -> None:
    path = seed("001")
    for doc in load(path):
        ctx = Context(doc)
        assert list(prose_numbers.check(doc, ctx)) == []
    text = path.read_text(encoding="utf-8")
    for good, bad in (("其他信息486条", "其他信息480条"), ("2090个", "2000个"), ("15件不属于", "16件不属于")):
        assert good in text
        found = [f for doc in load_text(text.replace(good, bad)) for f in prose_numbers.check(doc, Context(doc))]
        assert [f.rule_id for f in found] == ["gk.prose.sum-mismatch"], bad


def test_prose_mismatch_shows_scope_words() -> None:
    rep = make_report(seed=9, year=2023, scale=120)
    a = rep.agency.name
    text = rep.to_text().replace(f"{a}共收到政府信息公开申请", "区政府办公室共收到政府信息公开申请", 1)
    n = rep.values["table3"]["一"][6]
    text = text.replace(f"共收到政府信息公开申请{n}件", f"共收到政府信息公开申请{n + 3}件", 1)
    _, _, found = _review(text)
    assert [f.rule_id for f in found] == ["gk.prose.table-mismatch"]
    assert "办公室" in found[0].evidence["scope_words"] and found[0].evidence["computed"] == [n]


def test_crossyear_pairs_in_batch_and_api(generated) -> None:  # type: ignore[no-untyped-def]
    by_name = {d.name: d for d in generated}
    summaries = []
    docs = {}
    for d in generated:
        doc = load_text(d.report.to_text(), path=d.name)[0]
        docs[d.name] = doc
        s = crossyear.summarize(doc, Context(doc))
        assert s is not None
        summaries.append(json.loads(json.dumps({**s, "path": d.name}, ensure_ascii=False)))
    found = list(crossyear.check_batch(summaries, Settings()))
    got: dict[str, set[str]] = {}
    for f in found:
        got.setdefault(f.location.path or "", set()).add(f.rule_id)
    for d in generated:
        if d.prev:
            expected = {r for r in d.expect if r.startswith("gk.crossyear")}
            assert got.get(d.name, set()) == expected, (d.name, d.faults, got.get(d.name))
            api = {f.rule_id for f in compare_years(docs[d.prev], docs[d.name])}
            assert api == expected
            assert by_name[d.prev].report.agency.name == d.report.agency.name
    assert not (set(got) - {d.name for d in generated if d.prev})


def _with_sentence(sentence: str) -> tuple[dict[str, list[int]], str]:
    """A clean synthetic report with one sentence added after its 依申请公开 paragraph."""
    rep = make_report(seed=11, year=2023, scale=120)
    lines = rep.to_text().split("\n")
    at = next(i for i, line in enumerate(lines) if "共收到政府信息公开申请" in line)
    lines.insert(at + 1, sentence)
    return rep.values["table3"], "\n".join(lines)


def _pct(part: int, base: int, decimals: int = 1) -> str:
    return f"{part / base * 100:.{decimals}f}"


@pytest.mark.parametrize("template", ["全年予以公开的比例为{}%。", "其中同意公开的占{}%。", "予以公开率达{}%。",
                                      "共办结{done}件，予以公开的占{}%。"])
def test_percentage_named_by_words_is_checked_against_table3(template: str) -> None:
    v, _ = _with_sentence("")
    part, done = v["（一）"][6], v["（七）"][6]
    right = template.format(_pct(part, done), done=done)
    wrong = template.format(_pct(part + 9, done), done=done)
    _, _, found = _review(_with_sentence(right)[1])
    assert [f.rule_id for f in found] == []
    _, _, found = _review(_with_sentence(wrong)[1])
    assert [f.rule_id for f in found] == ["gk.prose.percentage"]
    ev = found[0].evidence
    assert ev["part"] == part and float(done) in ev["bases"]
    assert "（一）予以公开" in ev["contributors"][0]["row_label"] and ev["contributors"][0]["value"] == part


def test_completion_rate_is_a_share_of_the_requests_to_handle() -> None:
    v, _ = _with_sentence("")
    done, to_handle = v["（七）"][6], v["一"][6] + v["二"][6]
    _, _, found = _review(_with_sentence(f"办结率为{_pct(done, to_handle, 2)}%。")[1])
    assert found == []
    _, _, found = _review(_with_sentence(f"办结率为{_pct(done - 6, to_handle, 2)}%。")[1])
    assert [f.rule_id for f in found] == ["gk.prose.percentage"]
    assert found[0].evidence["bases"][0] == to_handle


def test_named_percentage_without_a_known_part_is_not_guessed() -> None:
    """The 2021 template has no subtotal row for （三）不予公开: its share cannot be recomputed, so it is not."""
    _, text = _with_sentence("不予公开的比例为99.9%。")
    _, _, found = _review(text)
    assert found == []


def test_其中_list_of_overlapping_channels_is_not_a_breakdown() -> None:
    """Items published on the website and (同步) also on other channels: the channels overlap the total, so their
    figures need not add up to it; the same list without the overlap cue is a breakdown and is checked."""
    overlap = ("全年主动公开政府信息862条，均在局门户网站发布，其中同步通过政务微博发布214条，"
               "通过新闻媒体、公开栏等其他方式发布57条。")
    partition = "全年主动公开政府信息862条，其中通过政务微博发布214条，通过新闻媒体、公开栏等其他方式发布57条。"
    for text, want in ((overlap, []), (partition, ["gk.prose.sum-mismatch"])):
        _, _, found = _review(_with_sentence(text)[1])
        assert [f.rule_id for f in found] == want, text
