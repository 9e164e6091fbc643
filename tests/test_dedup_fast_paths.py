"""The duplicate detector's fast paths give exactly what the plain forms they replace give.

Each fast path (place names scanned only where a name can start, the token regex
tried only where a token can start, prefix-sum k-gram hashes, one-pass template
marking, packed summary runs) is compared with the straightforward form on real
seeds and on adversarial strings, so a change of the gazetteer or the patterns
that breaks an assumption of the fast path fails here.
"""

from __future__ import annotations

import csv
import itertools
import random
from dataclasses import astuple

import numpy as np
import pytest

import gkreview
from conftest import CORPORA, SEEDS
from gkreview.analysis import Context
from gkreview.checks import duplicates as dup
from gkreview.config import Settings
from gkreview.dedup import MaskedText, mask_document, shingle
from gkreview.dedup.align import _stable_order, align
from gkreview.dedup.author import batch_agency
from gkreview.dedup.boilerplate import default_boilerplate
from gkreview.dedup.minhash import _kgram_hashes_horner, kgram_hashes
from gkreview.dedup.places import _adcodes_path, find_places
from gkreview.dedup.placescan import place_spans, places_in
from gkreview.document import Cell, Document, Paragraph, SourceFile, Table
from gkreview.normalize import NormText

TEMPLATE = CORPORA / "templates" / "template-2021-blank.docx"


def _seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def _gazetteer_names() -> list[str]:
    path = _adcodes_path()
    if path is None:
        pytest.skip("cpca's adcode table is not installed")
    with path.open(encoding="utf-8") as fh:
        return [row["name"] for row in csv.DictReader(fh)]


def _place_soup(rng: random.Random, names: list[str]) -> str:
    """Names whole, cut short, with suffixes, overlapping and back to back: every greedy case."""
    glue = ["", "市", "县", "的", ",", "区和", "自治州", "\n", "街道", "特别行政区"]
    return "".join(n[: rng.randint(1, len(n))] + rng.choice(glue) for n in rng.sample(names, 300))


def test_places_in_equals_find_places() -> None:
    rng = random.Random(7)
    names = _gazetteer_names()
    texts = _seed_texts() + [_place_soup(rng, names) for _ in range(15)]
    for text in texts:
        expected = find_places(text)
        assert places_in(text) == expected
        assert place_spans(text) == [(h.start, h.end) for h in expected]


def test_token_spans_equal_the_regex_scan() -> None:
    rng = random.Random(11)
    alphabet = [*"0123456789二〇○零一三十第、.,:() \n\u3000年月日本局a١１", "\U0001d7ce"]
    texts = [shingle.normalize(t).text for t in _seed_texts()]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    for text in texts:
        expected = [(*m.span(), m.lastindex) for m in shingle._TOKEN_RE.finditer(text)]
        codes = shingle._codes(text)
        assert shingle._token_spans(text, codes) == expected, text
        if len(codes) and int(codes.max()) <= 0xFFFF:
            assert shingle._token_spans(text, codes, shingle._char_table()[codes]) == expected, text
            assert np.array_equal(shingle._char_table()[codes] >= shingle._CONTENT, shingle._content_mask(codes))


def test_kgram_hashes_equal_the_horner_loop() -> None:
    rng = random.Random(3)
    for n in (0, 1, 8, 9, 13, 500, 40_000):
        text = "".join(chr(rng.choice([rng.randint(0x4E00, 0x9FFF), rng.randint(0x20, 0x7E), 0xE000,
                                       rng.randint(0x10000, 0x10FFFF)])) for _ in range(n))
        for k in (1, 9, 13, 50):
            assert np.array_equal(kgram_hashes(text, k), _kgram_hashes_horner(text, k))


def test_one_pass_template_marking_equals_marking_piece_by_piece() -> None:
    marker = default_boilerplate()
    for doc in [d for p in sorted(SEEDS.glob("*.txt"))[:4] for d in gkreview.load(p)]:
        pieces, _ = shingle._document_pieces(doc)
        text, _, spans, _, _ = shingle._mask_pieces(pieces, shingle.agency_variants(batch_agency(doc)))
        assert np.array_equal(mask_document(doc, marker).template, marker.mark(text, spans.tolist()))


def test_masked_summary_round_trips_in_packed_and_list_form() -> None:
    doc = gkreview.load(next(SEEDS.glob("001_*.txt")))[1]
    masked = mask_document(doc)
    packed = masked.to_json()
    assert isinstance(packed["orig_runs"], str)
    as_lists = {**packed,
                "orig_runs": shingle._unpack(packed["orig_runs"]).reshape(-1, 2).tolist(),
                "template_runs": shingle._unpack(packed["template_runs"]).reshape(-1, 2).tolist()}
    for form in (packed, as_lists):
        back = MaskedText.from_json(form)
        assert back.text == masked.text
        assert np.array_equal(back.orig, masked.orig)
        assert np.array_equal(back.template, masked.template)
        assert np.array_equal(back.block_starts, masked.block_starts)


def test_check_and_summarize_share_one_mask() -> None:
    doc = gkreview.load(next(SEEDS.glob("001_*.txt")))[0]
    ctx = Context(doc, Settings())
    list(dup.check(doc, ctx))
    first = dup._masked(doc, ctx)
    dup.summarize(doc, ctx)
    assert dup._masked(doc, Context(doc, Settings())) is first


def _reference_lsh_candidates(items: list[dup._Item], threshold: float) -> set[tuple[int, int]]:
    """The plain form: bucket dict, every combination, one estimate per pair, sorted partner lists."""
    from itertools import combinations

    from gkreview.dedup.index import decode_signature
    from gkreview.dedup.minhash import band_keys

    sigs = {it.idx: decode_signature(it.s.get("signature")) for it in items}
    buckets: dict[tuple[int, int], list[int]] = {}
    for it in items:
        sig = sigs[it.idx]
        if sig is not None and len(sig) == dup.BATCH_BINS:
            for b, key in enumerate(band_keys(sig, dup.BATCH_BANDS, dup.BATCH_ROWS).tolist()):
                buckets.setdefault((b, key), []).append(it.idx)
    pairs = {(min(p), max(p)) for members in buckets.values() for p in combinations(members, 2)}
    by_idx = {it.idx: it for it in items}
    scored: dict[int, list[tuple[float, int, int]]] = {}
    for i, j in pairs:
        jac = float(np.mean(sigs[i] == sigs[j]))
        na, nb = by_idx[i].s.get("shingles") or 1, by_idx[j].s.get("shingles") or 1
        containment = jac * (na + nb) / (1 + jac) / min(na, nb)
        if containment >= threshold * dup.CONTAINMENT_FLOOR:
            scored.setdefault(i, []).append((containment, i, j))
            scored.setdefault(j, []).append((containment, i, j))
    return {(i, j) for partners in scored.values() for _, i, j in sorted(partners, reverse=True)[:dup.MAX_PARTNERS]}


def test_vectorised_lsh_candidates_equal_the_plain_form() -> None:
    docs = [d for p in sorted(SEEDS.glob("*.txt")) for d in gkreview.load(p)]
    rng = random.Random(5)
    texts = [d.source.text[d.span[0] : d.span[1]] for d in docs]
    # reworked copies: many colliding pairs with graded similarity, so the partner cap matters
    for _ in range(12):
        base = rng.choice(texts)
        lines = base.split("\n")
        head = lines[: len(lines) // rng.randint(1, 4)]
        rng.shuffle(head)
        texts.append("\n".join(head + lines[len(head) :]))
    items = []
    for i, text in enumerate(texts):
        doc = gkreview.load_text(text, path=f"t{i}.txt")[0]
        items.append(dup._Item(i, dup.summarize(doc, Context(doc, Settings()))))
    for threshold in (0.05, 0.3, 0.5, 0.9):
        expected = _reference_lsh_candidates(items, threshold)
        assert dup._lsh_candidates(items, threshold) == expected
    assert _reference_lsh_candidates(items, 0.05)


def test_long_phrase_hits_equal_the_automaton() -> None:
    from gkreview.dedup import boilerplate as bp

    phrases = list(bp._fixed_phrases()[1])
    rng = random.Random(13)
    texts = [mask_document(d).text for p in sorted(SEEDS.glob("*.txt"))[:6] for d in gkreview.load(p)]
    for _ in range(300):  # phrases whole, cut, overlapping and back to back
        texts.append("".join(rng.choice(phrases)[rng.randint(0, 3) : rng.randint(4, 40)] + rng.choice(["", "年", "\ue001"])
                             for _ in range(rng.randint(0, 12))))
    for text in texts:
        expected = sorted((end - length + 1, end + 1) for end, length in bp._long_automaton().iter(text))
        assert sorted(bp._long_hits(text, bp._head_values(text))) == expected


def test_earlier_copies_equal_the_stable_argsort() -> None:
    rng = np.random.default_rng(17)
    cases = [rng.integers(0, 2**63, size=n, dtype=np.uint64) for n in (1, 2, 50, 7000)]
    cases += [rng.choice(rng.integers(0, 2**63, size=m, dtype=np.uint64), size=n) for n, m in ((40, 3), (7000, 900))]
    near = rng.integers(0, 2**63, size=300, dtype=np.uint64) & ~np.uint64(0xFFFF)  # equal high bits, distinct low bits
    cases.append(rng.choice(np.concatenate([near, near + np.uint64(1), near + np.uint64(2)]), size=2000))
    for h in cases:
        expected = dup._earlier_copies_argsort(h)
        got = dup._earlier_copies(h)
        assert (got is None) == (expected is None)
        if expected is not None:
            assert np.array_equal(got[0], expected[0]) and np.array_equal(got[1], expected[1])
            first = {}
            for i, v in enumerate(h.tolist()):  # the plain definition
                first.setdefault(v, i)
            assert got[0].tolist() == [i for i, v in enumerate(h.tolist()) if first[v] < i]
            assert got[1].tolist() == [first[v] for i, v in enumerate(h.tolist()) if first[v] < i]


def _doc_of(blocks: list[str | tuple[str] | list[list[str]]], agency: str | None = None) -> Document:
    """A document of paragraphs (str; a 1-tuple: taken as already normalised, whitespace kept) and tables
    (rows of cell texts), with exact file offsets."""
    parts: list[str] = []
    out: list[Paragraph | Table] = []
    pos = 0
    for bi, spec in enumerate(blocks):
        start = pos
        if isinstance(spec, str | tuple):
            text = spec if isinstance(spec, str) else spec[0]
            para = Paragraph(text, start, start + len(text), bi + 1)
            if isinstance(spec, tuple):
                para.__dict__["normalized"] = NormText(text, range(len(text) + 1))
            out.append(para)
            parts.append(text)
            pos += len(text) + 1
            continue
        rows = []
        for r, row in enumerate(spec):
            cells = []
            for c, text in enumerate(row):
                cells.append(Cell(text, r, c, origin=(r, c), start=pos, end=pos + len(text)))
                parts.append(text)
                pos += len(text) + 1
            rows.append(cells)
        out.append(Table(rows, start, pos - 1, bi))
    source = SourceFile(None, "txt", "\n".join(parts))
    return Document(source, out, agency=agency)


def _masks_alike(a: MaskedText, b: MaskedText) -> bool:
    return (a.text == b.text and np.array_equal(a.orig, b.orig) and np.array_equal(a.template, b.template)
            and np.array_equal(a.block_starts, b.block_starts))


def test_cached_tables_mask_as_inside_the_document(monkeypatch: pytest.MonkeyPatch) -> None:
    label = [["项目", "本年新收政府信息公开申请数量"], ["一、本年新制作政府信息数量", "12"], ["(二)宜宾市 2023年", "二〇二三年"]]
    docs = [d for p in [*sorted(SEEDS.glob("*.txt")), TEMPLATE] for d in gkreview.load(p) if d.tables]
    docs += [
        _doc_of(["某某县人民政府2023年政府信息公开工作年度报告", label, "二、主动公开政府信息情况", label]),
        _doc_of(["一、", label, "  二、 本年度办理结果", [["三、"], ["1.5"]], "", "  四、其他", label]),
        _doc_of([label, [["一、"]], "\u3000(三)宜宾市", label, [["1."]], "2.依申请公开"], agency="宜宾市人民政府"),
        _doc_of(["第一部分", [["本年度办理结果", "宜宾市人民政府"]], "宜宾市人民政府工作"], agency="宜宾市人民政府"),
        _doc_of([[[" 一、概述", "x"]], "十、结转下年度继续办理", [["其他"]], "\n"]),
        _doc_of(["政府信息公开", [["1.5"], ["三、"]], ("  四、其他需要报告的事项",), ("五、",), label]),
        _doc_of([[["三、"]], ("",), ("  四、其他需要报告的事项",)]),
    ]
    marker = default_boilerplate()
    cached = [mask_document(d, marker) for d in docs]
    assert shingle._TABLE_MASKS  # the cached path ran
    cached += [mask_document(d, marker) for d in docs]  # and again from the cache
    monkeypatch.setattr(shingle, "_standalone_tables", lambda *args: [])
    for d, a, b in zip(docs * 2, cached, [mask_document(d, marker) for d in docs] * 2, strict=True):
        d._memo.clear()
        assert _masks_alike(a, b), d.title


def test_repeat_prefilter_never_hides_a_passage(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(11)
    seeds = _seed_texts()
    texts = [t[:3000] for t in seeds]
    for t in seeds[:4]:  # a passage printed twice, at several lengths around the minimum
        lines = t.split("\n")
        for length in (45, 50, 55, 120):
            para = next((ln for ln in lines if len(ln) > length + 10), lines[0])[:length]
            cut = rng.randrange(len(t) // 2)
            texts.append(t[:cut] + "\n" + para + "\n" + t[cut:] + "\n" + para)
    settings = Settings()

    def findings() -> list[dict]:
        out = []
        for text in texts:
            doc = gkreview.load_text(text)[0]
            out += [f.to_dict() for f in dup.check(doc, Context(doc, settings))]
        return out

    with_filter = findings()
    assert any(f["rule_id"] == dup.REPEATED_PASSAGE.id for f in with_filter)
    monkeypatch.setattr(dup, "_may_repeat", lambda *args: True)
    assert findings() == with_filter


# --- the exact alignment ------------------------------------------------------------------------

def _align_reference(a: str, b: str, k: int, max_gap: int) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """The alignment walked window by window, as first written: coverage and passages ``(a0, a1, b0, b1)``."""
    ha, hb = kgram_hashes(a, k), kgram_hashes(b, k)
    covered = np.zeros(len(a), dtype=bool)
    if not len(ha) or not len(hb):
        return covered, []
    positions: dict[int, list[int]] = {}
    for j, h in enumerate(hb.tolist()):
        positions.setdefault(h, []).append(j)
    hal, hbl = ha.tolist(), hb.tolist()
    raw: list[list[int]] = []
    last_b_end = 0
    for i, h in enumerate(hal):
        if h not in positions:
            continue
        covered[i : i + k] = True
        if raw and i == raw[-1][1] + 1 and raw[-1][3] + 1 < len(hbl) and hbl[raw[-1][3] + 1] == h:
            raw[-1][1], raw[-1][3] = i, raw[-1][3] + 1
            continue
        if raw:
            last_b_end = raw[-1][3] + k
        j = min(positions[h], key=lambda c: abs(c - last_b_end))  # the first of two equally near
        raw.append([i, i, j, j])
    trimmed: list[list[int]] = []
    for a0, a_last, b0, b_last in raw:
        a1, b1 = a_last + k, b_last + k
        if trimmed and a0 < trimmed[-1][1]:
            cut = trimmed[-1][1] - a0
            if a1 - a0 - cut <= 0:
                continue
            a0, b0 = a0 + cut, b0 + cut
        trimmed.append([a0, a1, b0, b1])
    merged: list[list[int]] = []
    for m in (m for m in trimmed if a[m[0] : m[1]] == b[m[2] : m[3]]):
        if merged and 0 <= m[0] - merged[-1][1] <= max_gap and 0 <= m[2] - merged[-1][3] <= max_gap:
            covered[merged[-1][1] : m[0]] = True
            merged[-1][1], merged[-1][3] = m[1], m[3]
        else:
            merged.append(list(m))
    edges = [i for i in range(len(a) - 1) if covered[i] != covered[i + 1]]
    for start, end in itertools.pairwise(edges):
        if covered[start] and end - start <= max_gap:
            covered[start + 1 : end + 1] = True
    return covered, [tuple(m) for m in merged]  # type: ignore[misc]


def _repetitive(rng: random.Random) -> str:
    """Text built from a few short phrases over a tiny alphabet: hashes held many times, every diagonal case."""
    alphabet = "甲乙丙丁戊"[: rng.randint(1, 5)]
    phrases = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(rng.randint(1, 6))]
    return "".join(rng.choice(phrases) if rng.random() < 0.8 else rng.choice("子丑寅卯辰")
                   for _ in range(rng.randint(0, 40)))


def test_align_equals_the_window_by_window_walk() -> None:
    rng = random.Random(5)
    seeds = [t[:2500] for t in _seed_texts()[:4]]
    cases = [(_repetitive(rng), _repetitive(rng), rng.choice([1, 2, 3, 5, 13]), rng.choice([0, 1, 3, 12]))
             for _ in range(1500)]
    cases += [(x, y, 13, 12) for x in seeds for y in seeds]
    for a, b, k, gap in cases:
        covered, runs = _align_reference(a, b, k, gap)
        got = align(a, b, k, gap)
        assert (got.covered == covered).all() and [astuple(m) for m in got.matches] == runs, (a, b, k, gap)


def test_stable_order_equals_stable_argsort() -> None:
    rng = np.random.default_rng(3)
    for h in (rng.integers(0, 2**63, 5000, dtype=np.uint64), rng.integers(0, 50, 3000).astype(np.uint64),
              np.repeat(rng.integers(0, 2**63, 40, dtype=np.uint64), 30), np.zeros(1, dtype=np.uint64),
              np.zeros(0, dtype=np.uint64)):  # small values share their top bits: the fallback sort
        assert (_stable_order(h) == np.argsort(h, kind="stable")).all()


def test_popular_buckets_pair_nobody() -> None:
    """A key shared by more rows than max_bucket (stock phrases of a region) gives no pairs; rarer keys still do."""
    keys = np.zeros((8, 2), dtype=np.uint32)  # band 0: all eight rows share key 0
    keys[:, 1] = [1, 1, 2, 3, 4, 5, 6, 7]  # band 1: only rows 0 and 1 share a key
    every = {tuple(p) for p in dup._bucket_pairs(keys).tolist()}
    assert len(every) == 28
    assert {tuple(p) for p in dup._bucket_pairs(keys, max_bucket=4).tolist()} == {(0, 1)}
    assert {tuple(p) for p in dup._bucket_pairs(keys, max_bucket=8).tolist()} == every


def test_oph_sketch_sorted_matches_the_scatter_form() -> None:
    """The sketch from sorted hashes (one reduceat per bin run) equals the indexed-minimum form, empty bins
    included, for sets small enough to leave bins empty and large ones with repeated hashes."""
    from gkreview.dedup.minhash import oph_sketch, oph_sketch_sorted

    rng = np.random.default_rng(11)
    for n in (1, 5, 40, 300, 5000):
        hashes = rng.integers(0, 2**63, size=n, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        hashes = np.concatenate([hashes, hashes[: n // 3]])  # repeats must not matter
        for bins in (64, 256):
            expected = oph_sketch(hashes, bins)
            assert np.array_equal(oph_sketch_sorted(np.sort(hashes), bins), expected)
    assert oph_sketch_sorted(np.zeros(0, dtype=np.uint64), 256) is None
