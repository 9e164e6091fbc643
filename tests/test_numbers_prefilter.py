"""The prose checks skip paragraphs without a family's hint: prove every pattern needs one of its hints.

Each pattern's language is enumerated with repeats bounded to ``min .. min+2``
and character classes reduced to representatives (a digit class becomes ``0``);
every string must contain a hint (for quantities: right after a digit or comma).
A new pattern that does not need a hint makes this test fail instead of being
silently skipped by the pre-filter.
"""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]

import gkreview
from gkreview.checks import prose_numbers
from gkreview.data import labels as L

_CAP = 200_000


def _class_reps(items: list) -> set[str]:
    """Representative characters of a character class (digits as 0, a comma, the literals)."""
    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            out.add(chr(av))
        elif op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            out.add("0")
        elif op is C.RANGE:
            out.add(chr(av[0]))
        elif op is C.NEGATE:
            return {"x"}  # [^,。;:] and the like: an unrelated character
        else:
            out.add("x")
    return out


def _strings(tree: list) -> set[str]:
    """All strings of a parsed pattern (bounded repeats)."""
    acc = {""}
    for op, av in tree:
        if op is C.LITERAL:
            opts = {chr(av)}
        elif op is C.NOT_LITERAL or op is C.ANY:
            opts = {"x"}
        elif op is C.IN:
            opts = _class_reps(av)
        elif op is C.SUBPATTERN:
            opts = _strings(av[-1])
        elif op is C.BRANCH:
            opts = set().union(*(_strings(b) for b in av[1]))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            lo, hi, body = av
            inner = _strings(body)
            opts = set()
            for n in range(lo, min(hi, lo + 2) + 1):
                cur = {""}
                for _ in range(n):
                    cur = {a + b for a in cur for b in inner}
                opts |= cur
        elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero width
        else:
            raise AssertionError(f"unhandled regex node {op}")
        acc = {a + b for a in acc for b in opts}
        assert len(acc) < _CAP, "pattern too large to enumerate"
    return acc


def _needs(pattern: str, hints: tuple[str, ...], after_digit: bool = False) -> list[str]:
    """Strings of ``pattern`` that contain none of ``hints`` (empty when the pre-filter is safe)."""
    bad = []
    for s in _strings(P.parse(pattern)):
        ok = False
        for h in hints:
            i = s.find(h)
            while i >= 0 and not ok:
                ok = not after_digit or (i > 0 and s[i - 1] in "0123456789,")
                i = s.find(h, i + 1)
        if not ok:
            bad.append(s)
    return bad


def test_enumerator_sees_a_missing_hint() -> None:
    assert _needs(r"(?:共|约)?(?P<n>\d+)件", ("件",), after_digit=True) == []
    assert _needs(r"(?:共|约)?(?P<n>\d+)(?:件|个)", ("件",), after_digit=True)
    assert _needs(r"文件(?P<n>\d+)", ("件",), after_digit=True)


def test_quantity_patterns_need_a_digit_then_hint() -> None:
    for _name, _target, patterns in L.PROSE_QUANTITIES:
        for pat in patterns:
            assert _needs(pat, L.QUANTITY_HINTS, after_digit=True) == [], pat


def test_each_quantity_pattern_needs_its_words() -> None:
    assert set(L.PROSE_QUANTITY_HINTS) == {name for name, _, _ in L.PROSE_QUANTITIES}
    for name, _target, patterns in L.PROSE_QUANTITIES:
        for pat in patterns:
            assert _needs(pat, L.PROSE_QUANTITY_HINTS[name]) == [], (name, pat)


def test_fee_percent_done_patterns_need_their_hints() -> None:
    for pat in (*L.FEE_PATTERNS, *L.FEE_ZERO_PATTERNS):
        assert _needs(pat, L.FEE_HINTS) == [], pat
    assert _needs(L.PERCENT_PATTERN, L.PERCENT_HINTS) == []
    for pat in L.ALL_DONE_PATTERNS:
        assert _needs(pat, L.ALL_DONE_HINTS) == [], pat


def test_sum_constructs_need_their_hints() -> None:
    assert _needs(prose_numbers._PART_WORD_RE.pattern, prose_numbers._HINT_SUMS) == []
    breakdown = prose_numbers._BREAKDOWN_RE.pattern
    assert _needs(breakdown[breakdown.index(r"\("):], prose_numbers._HINT_SUMS) == []


def test_prefilter_keeps_every_candidate_paragraph() -> None:
    """The hint search over the joined text finds exactly the paragraphs a per-paragraph test finds."""
    text = "\n".join([
        "一、总体情况", "本年共收到申请12件,其中当面申请3件、网络申请9件。", "文件清理工作有序推进。",
        "共办结10件(含予以公开6件、不予公开4件)。", "未收取信息处理费。", "所有申请均已办结。",
        "予以公开6件,占50%。", "行政复议1,起诉0起。",
    ])
    doc = gkreview.load_text(text)[0]
    cand = prose_numbers._candidates(doc, None, True)
    paras = [(i, p.norm) for i, p in doc.iter_paragraphs()]

    def expect(test) -> list[int]:  # type: ignore[no-untyped-def]
        return [i for i, s in paras if test(s)]

    assert [p.block for p in cand.quantity] == expect(lambda s: re.search(r"[\d,][件起]", s))
    assert [p.block for p in cand.fee] == expect(lambda s: "信息处理费" in s)
    assert [p.block for p in cand.sums] == expect(lambda s: "其中" in s or "(含" in s)
    assert [p.block for p in cand.percent] == expect(lambda s: "%" in s)
    assert [p.block for p in cand.done] == expect(lambda s: any(h in s for h in L.ALL_DONE_HINTS))
    assert cand.quantity and cand.fee and cand.sums and cand.percent and cand.done
