"""The cheap scanning machinery of gkreview.wording: every shortcut must find exactly what a plain scan finds."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import seed
from gkreview.data.agencies import AUTHOR_ONLY_PATTERNS
from gkreview.data.aliases import T2S_PHRASE_ONLY_CHARS
from gkreview.data.wording import PLACEHOLDERS, SYNONYM_STACKS
from gkreview.loader import load, load_text
from gkreview.normalize import t2s_may_change as may_convert
from gkreview.wording import DocText, Needles, Scanner, TextIndex, doc_text, required_literals

_TOKENS = ["可", "能", "可以", "能够", "通过", "以及", "和", "按照", "依据", "完善", "信息公开目录", "在", "门户网站", "查阅",
           "联系", "请与", "编制", "2022", "年", "度", "信息公开工作年度报告", "白塔乡", "人民政府", "XX", "××", "(", ")",
           "【", "】", " ", "○○", "□", "文字描述", "。", ",", "\n", "有待", "于", "已经", "已"]


def _doc_text(text: str) -> DocText:
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    return DocText(text, list(range(len(starts))), starts)


def _texts() -> list[str]:
    rnd = random.Random(5)
    out = [doc_text(d).text for path in (seed("000"), seed("001"), seed("003")) for d in load(path)]
    out += ["".join(rnd.choice(_TOKENS) for _ in range(rnd.randint(1, 50))) for _ in range(1500)]
    return out


def test_required_literals_are_necessary_and_selective() -> None:
    assert required_literals(r"(?:和|与|及|并)以及") == ("与以及", "及以及", "和以及", "并以及")
    assert required_literals(r"(?:19|20)\d{2}年") == ("19", "20")
    assert required_literals(r"[X×]{2,}") == ("XX", "X×", "×X", "××")
    assert required_literals(r"(?P<a>\w+)(?P=a)") is None
    assert required_literals(r"(?i)abc") is None
    for pattern in (*SYNONYM_STACKS, *(p for _, p in PLACEHOLDERS), *(p for _, p in AUTHOR_ONLY_PATTERNS)):
        needles = required_literals(pattern)
        if needles is None:
            continue
        for text in _texts():
            for m in re.finditer(pattern, text):
                assert any(n in m.group() for n in needles), (pattern, m.group())


def test_scanner_finds_what_finditer_finds() -> None:
    patterns = [*SYNONYM_STACKS, *(p for _, p in PLACEHOLDERS), *(p for _, p in AUTHOR_ONLY_PATTERNS)]
    scanners = [(re.compile(p), Scanner.compile(p)) for p in patterns]
    assert any(sc.anchors for _, sc in scanners) and any(sc.firsts for _, sc in scanners)
    found = 0
    for text in _texts():
        dt = _doc_text(text)
        for rx, sc in scanners:
            expected = [m.span() for m in rx.finditer(text)]
            assert [m.span() for m in sc.finditer(dt)] == expected, (rx.pattern, text)
            found += len(expected)
    assert found > 100  # the random texts do exercise the patterns


def test_text_index_has_no_false_negatives() -> None:
    rnd = random.Random(9)
    text = "".join(rnd.choice("政府信息公开申请XX年度报告𠀀,。\n") for _ in range(3000))
    index = TextIndex(text, _doc_text(text).codes)
    for n in range(1, 5):
        for k in range(0, len(text) - n, 7):
            assert index.contains(text[k:k + n])
    assert not index.contains("不在")
    assert index.contains_any(None) and not index.contains_any(Needles.of(("不在", "没有")))
    assert index.contains_any(Needles.of(("没有", text[10:14])))


def test_pair_positions_and_finditer_at() -> None:
    dt = _doc_text("本局坚持。我镇\n本级我局积极")
    assert dt.pair_positions("我本", "局镇") == [0, 5, 10]
    starts = dt.pair_positions("我本", "局镇")
    assert [m.group() for m in dt.finditer_at(re.compile("[我本][局镇]"), starts)] == ["本局", "我镇", "我局"]
    assert dt.bounds(6, 7) == (5, 7) and dt.bounds(9, 10, clause=True) == (8, 14)
    assert dt.paragraph(1) == "本级我局积极"
    assert dt.pair_positions("积", "极") == [12]  # a pair set registered after the document's mask was built


def test_may_convert_only_skips_texts_t2s_leaves_alone() -> None:
    from gkreview.normalize import _converter

    conv = _converter()
    for text in ("本机关坚持依法公开", "本機關堅持依法公開", "全年答覆申请3件", "毛坏房", "什么", "", "𠀀公开"):
        if conv.convert(text) != text:
            assert may_convert(text), text
    assert not may_convert("本机关坚持依法公开，全年主动公开政府信息120条。")
    trad = load_text(Path(seed("004")).read_text(encoding="utf-8"))[0]
    assert may_convert("\n".join(p.text for _, p in trad.iter_paragraphs()))


def test_phrase_only_characters_cover_the_installed_dictionary() -> None:
    """Re-derive T2S_PHRASE_ONLY_CHARS from OpenCC's TSPhrases when its dictionary tool ships with the package."""
    import opencc

    from gkreview.normalize import _converter

    base = Path(opencc.__file__).parent / "clib"
    tool = base / "bin" / "opencc_dict"
    dictionary = base / "share" / "opencc" / "TSPhrases.ocd2"
    if not (tool.exists() and dictionary.exists()) or shutil.which(str(tool)) is None:
        pytest.skip("opencc_dict is not available")
    out = Path(pytest.importorskip("tempfile").mkdtemp()) / "TSPhrases.txt"
    subprocess.run([str(tool), "-i", str(dictionary), "-o", str(out), "-f", "ocd2", "-t", "text"], check=True,
                   capture_output=True, timeout=60)
    conv = _converter()
    needed: set[str] = set()
    for line in out.read_text(encoding="utf-8").splitlines():
        key, values = line.split("\t")
        value = values.split(" ")[0]
        pairs = zip(key, value, strict=True) if len(key) == len(value) else ((c, "") for c in key)
        needed |= {a for a, b in pairs if a != b and conv.convert(a) == a}
    assert needed <= set(T2S_PHRASE_ONLY_CHARS)


def test_bounds_match_a_plain_search_for_the_nearest_cuts() -> None:
    rnd = random.Random(11)
    for _ in range(300):
        text = "".join(rnd.choice("政府。;!?,:\nab") for _ in range(rnd.randint(0, 40)))
        dt = _doc_text(text)
        for start in range(len(text) + 1):
            end = min(len(text), start + rnd.randint(0, 3))
            for cuts, clause in (("。;!?\n", False), ("。;!?,:\n", True)):
                left = max((i for i in range(start) if text[i] in cuts), default=-1) + 1
                right = next((i for i in range(end, len(text)) if text[i] in cuts), len(text))
                assert dt.bounds(start, end, clause=clause) == (left, right), (text, start, end, clause)


def test_other_digit_spans_hold_every_decimal_digit_outside_ascii() -> None:
    from gkreview.wording import OTHER_DIGIT_SPANS

    for c in range(128, 0x10000):
        if chr(c).isdecimal():
            assert any(lo <= c < hi for lo, hi in OTHER_DIGIT_SPANS), hex(c)
    assert not _doc_text("发布信息120条").other_digits
    assert _doc_text("发布信息١٢٠条").other_digits and _doc_text("发布信息𝟙𝟚条,\U000104a1").other_digits


def test_counts_in_any_script_of_digits() -> None:
    from gkreview.wording import inconsistent_counts

    for one, two in (("120", "150"), ("١٢٠", "١٥٠"), ("१२०", "150")):
        dt = _doc_text(f"全年通过政务微博发布信息{one}条。\n2022年,政务微博发布信息{two}条,互动不足。")
        assert [(h.details["other_value"], h.details["value"]) for h in inconsistent_counts(dt)] == [(120, 150)]


def test_mixed_script_gates_agree_with_the_reference() -> None:
    from gkreview import wording
    from gkreview.normalize import _converter

    conv = _converter()
    rnd = random.Random(13)
    alphabet = "本机关坚持依法公開關於乾于於\n 0aé𠀀"
    for _ in range(400):  # the gate may say yes in vain, never no when t2s would change the text
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30)))
        assert may_convert(text) or conv.convert(text) == text, text
    assert may_convert("\ud800")  # a lone surrogate cannot be tabulated: OpenCC decides
    for path in (seed("000"), seed("004")):
        for doc in load(path):
            assert wording.original_joined(doc) == wording.original_text(doc)[1]
