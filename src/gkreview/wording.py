"""Drafting faults a reader notices at once: doubled words, changed template labels, mixed scripts, placeholders,
and one item counted twice with two numbers (issue 8, item 4).

Each detector is a pure function over one document that returns :class:`Hit`
records (block, normalised span, kind, details); :mod:`gkreview.checks.wording`
turns them into findings. Detectors work on :class:`DocText`, the normalised
paragraphs of a document joined once (so one regex pass covers the document), and
map positions back to paragraphs for exact locations.

Speed matters (a report is reviewed in a few milliseconds): every pattern is
compiled at import, the joined text is built once per document and shared by
all wording, identity and timeline checks, and the doubled-run search uses one
regular expression over the whole document.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from gkreview.data.wording import (
    ALLOWED_REPEATS,
    CHANNELS,
    COUNT_OBJECT_FILLER,
    COUNT_SCOPE_WORDS,
    COUNT_UNITS,
    COUNT_VERBS,
    DOUBLE_SEPARATORS,
    MIXED_WORD_CONTEXT,
    PLACEHOLDER_TRIGGERS,
    PLACEHOLDERS,
    SYNONYM_STACKS,
)

if TYPE_CHECKING:
    from gkreview.document import Document

_CJK = "\u4e00-\u9fff"
# A doubled unit across a separator is a slip only when the clause ends right after it ("考评,考评。").
_CLAUSE_END = re.compile(r"[。;!?,\n]|$")
_STACK_RES = tuple(re.compile(p) for p in SYNONYM_STACKS)
_STACK_TRIGGER = re.compile(r"以及|有待|可|能|已|并且|按照|依照|根据|依据|进一步|通过|经过|对于|关于")
_PLACEHOLDER_RES = tuple((kind, re.compile(p)) for kind, p in PLACEHOLDERS)
_LEAD_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.、)]|\(\d{1,2}\))")
_EXPLANATION = re.compile(r"\([^()]*\)?$|\([^()]*\)")
_LABEL_STRIP = re.compile(r"[\s\"'“”/|:]")
_TEXT_ROW = re.compile(r"^(?P<label>[^\d|]+?)\s*(?:-?\d[\d,.]*\s+)+-?\d[\d,.]*$")
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")
_WORD_RUN = re.compile(r"[\u4e00-\u9fff0-9]+")
_SENTENCE_CUT = re.compile(r"[。;!?\n]")
_CLAUSE_CUT = re.compile(r"[。;!?\n,:]")
_CHANNEL_RE = re.compile("|".join(sorted(CHANNELS, key=len, reverse=True)))
_COUNT_RE = re.compile(
    r"(?P<verb>" + "|".join(sorted(COUNT_VERBS, key=len, reverse=True)) + r")(?P<obj>[" + _CJK + r"]{0,12}?)"
    r"(?:共|共计|合计)?(?P<n>\d[\d,]*)(?P<unit>" + "|".join(sorted(COUNT_UNITS, key=len, reverse=True)) + ")")
# Share of converted characters above which a text is traditional (as the loader decides SourceFile.script).
TRADITIONAL_SHARE = 0.12
_FILLER_RE = re.compile("|".join(sorted(COUNT_OBJECT_FILLER, key=len, reverse=True)))


@dataclass(frozen=True, slots=True)
class Hit:
    """One detected fault: the block, the normalised span inside it, the kind and JSON-ready details."""

    block: int
    nstart: int
    nend: int
    kind: str
    text: str
    details: dict[str, Any] = field(default_factory=dict)
    related: tuple[tuple[int, int, int], ...] = ()  # (block, nstart, nend) of other places involved


@dataclass
class DocText:
    """The normalised paragraphs of a document joined by newlines, with the map back to blocks."""

    text: str
    blocks: list[int]
    starts: list[int]

    def locate(self, pos: int) -> tuple[int, int]:
        """(block index, offset inside that paragraph's normalised text) of joined position ``pos``."""
        k = bisect_right(self.starts, pos) - 1
        return self.blocks[k], pos - self.starts[k]

    def bounds(self, start: int, end: int, clause: bool = False) -> tuple[int, int]:
        """The sentence (or, with ``clause``, the comma clause) of the joined text around ``[start, end)``."""
        cuts = self._clause_cuts if clause else self._sentence_cuts
        k = bisect_right(cuts, start - 1)
        left = cuts[k - 1] + 1 if k > 0 else 0
        k2 = bisect_right(cuts, end - 1)
        right = cuts[k2] if k2 < len(cuts) else len(self.text)
        return left, right

    @cached_property
    def _sentence_cuts(self) -> list[int]:
        return [m.start() for m in _SENTENCE_CUT.finditer(self.text)]

    @cached_property
    def _clause_cuts(self) -> list[int]:
        return [m.start() for m in _CLAUSE_CUT.finditer(self.text)]

    def paragraph(self, block: int) -> str:
        """The normalised text of one paragraph block."""
        k = self.blocks.index(block)
        end = self.starts[k + 1] - 1 if k + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[k]:end]


_DOC_CACHE: list[tuple[Any, DocText]] = []


def doc_text(doc: Document) -> DocText:
    """The joined normalised paragraphs of ``doc`` (memoised for the last few documents: several checks share it)."""
    for d, dt in _DOC_CACHE:
        if d is doc:
            return dt
    from gkreview.document import Paragraph

    parts: list[str] = []
    blocks: list[int] = []
    starts: list[int] = []
    pos = 0
    for i, b in enumerate(doc.blocks):
        if isinstance(b, Paragraph):
            t = b.norm
            blocks.append(i)
            starts.append(pos)
            parts.append(t)
            pos += len(t) + 1
    dt = DocText("\n".join(parts), blocks, starts)
    _DOC_CACHE.append((doc, dt))
    if len(_DOC_CACHE) > 4:
        _DOC_CACHE.pop(0)
    return dt


def _hit(dt: DocText, start: int, end: int, kind: str, **details: Any) -> Hit:
    block, off = dt.locate(start)
    return Hit(block, off, off + (end - start), kind, dt.text[start:end], details)


# --- doubled words ------------------------------------------------------------------------------------------------

def doubled_phrases(dt: DocText) -> list[Hit]:
    """Runs of 2–8 characters written twice in a row ("进一步进一步", "考评,考评") and near-synonym stacks
    ("可通过可以通过", "和以及", "有待于有待")."""
    hits: list[Hit] = []
    text = dt.text
    last_end = -1
    for start, size, gap in _doubled_candidates(text):
        if start < last_end:
            continue
        unit = text[start:start + size]
        sep = text[start + size] if gap else ""
        end = start + 2 * size + gap
        if len(set(unit)) == 1 or unit in ALLOWED_REPEATS or not _HAS_CJK.search(unit) or unit.isdigit():
            continue
        if _is_reduplication(unit):
            continue
        if sep and not _CLAUSE_END.match(text, end):
            continue  # "专栏,专栏包括…" is anadiplosis (顶真), a figure of speech, not a slip
        last_end = end
        hits.append(_hit(dt, start, end, "repeat", unit=unit, separator=sep))
    if _STACK_TRIGGER.search(text):
        taken = {(h.block, h.nstart) for h in hits}
        for rx in _STACK_RES:
            for m in rx.finditer(text):
                h = _hit(dt, m.start(), m.end(), "stack")
                if (h.block, h.nstart) not in taken:
                    hits.append(h)
    return hits


def _doubled_candidates(text: str) -> list[tuple[int, int, int]]:
    """(start, unit length, separator width) of every immediate repeat of a 2–8 character run.

    Vectorised: for each unit length L (and a one-character separator or none)
    the code points are compared with themselves shifted by L; only positions
    whose first two characters repeat are verified in Python, which keeps a
    10,000-character report well under a millisecond (the equivalent
    back-referencing regex costs several).
    """
    import numpy as np

    a = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    n = int(a.size)
    word = ((a >= 0x4E00) & (a <= 0x9FFF)) | ((a >= 0x30) & (a <= 0x39))
    seps = np.isin(a, np.frombuffer(DOUBLE_SEPARATORS.encode("utf-32-le"), dtype=np.uint32))
    out: list[tuple[int, int, int]] = []
    for size in range(2, 9):
        for gap in (0, 1):
            off = size + gap
            if n < 2 * size + gap:
                continue
            eq = (a[: n - off] == a[off:]) & word[: n - off]
            pair = eq[:-1] & eq[1:]
            if gap:
                pair &= seps[size: size + pair.size]
            for i in np.flatnonzero(pair).tolist():
                unit = text[i:i + size]
                if i + size + off <= n and unit == text[i + off:i + off + size] and _WORD_RUN.fullmatch(unit):
                    out.append((i, size, gap))
    out.sort()
    return out


def _is_reduplication(unit: str) -> bool:
    """AABB-style units ("高高"…): each half one repeated character, which Chinese uses on purpose."""
    return len(unit) == 2 and unit[0] == unit[1]


# --- placeholders -------------------------------------------------------------------------------------------------

def placeholders(dt: DocText) -> list[Hit]:
    """Leftover template slots: 20XX, XX/×××, ○○, □, empty 【】/(), （文字描述）, "2023年  月  日"."""
    text = dt.text
    hits: list[Hit] = []
    seen: set[tuple[int, int]] = set()
    for kind, rx in _PLACEHOLDER_RES:
        if not any(c in text for c in PLACEHOLDER_TRIGGERS.get(kind, "")):
            continue
        for m in rx.finditer(text):
            if any(a <= m.start() < b for a, b in seen):
                continue
            seen.add(m.span())
            hits.append(_hit(dt, m.start(), m.end(), kind))
    return hits


def blank_date_placeholders(doc: Document) -> list[Hit]:
    """Date lines left blank ("2023年  月  日"): the spaces are gone after normalisation, so read the original."""
    from gkreview.document import Paragraph

    rx = dict(_PLACEHOLDER_RES)["blank-date"]
    hits = []
    for i, b in enumerate(doc.blocks):
        if isinstance(b, Paragraph) and "月" in b.text and (m := rx.search(b.text)):
            nstart = _orig_to_norm(b, m.start())
            nend = _orig_to_norm(b, m.end() - 1) + 1
            hits.append(Hit(i, nstart, nend, "blank-date", m.group()))
    return hits


def _orig_to_norm(p: Any, orig_offset: int) -> int:
    """Normalised offset of the first normalised character that comes from original offset ≥ ``orig_offset``."""
    shift = len(p.numbering) if p.numbering else 0
    offs = p.normalized.offsets
    target = orig_offset + shift
    return next((i for i, o in enumerate(offs[:-1]) if o >= target), len(offs) - 1)


# --- mixed scripts ------------------------------------------------------------------------------------------------

def mixed_script(doc: Document) -> list[Hit]:
    """Words printed in both simplified and traditional form in one document (one hit per paragraph).

    The minority script is reported: traditional forms in a simplified report,
    simplified forms in a traditional one. Only *words* count (the converted
    character with its neighbour), because single characters such as 于/於 or
    干/乾 are legitimately shared.
    """
    import numpy as np

    from gkreview.data.aliases import AMBIGUOUS_SIMPLIFIED
    from gkreview.document import Paragraph
    from gkreview.normalize import _converter

    conv = _converter()
    paras = [(i, b.text) for i, b in enumerate(doc.blocks) if isinstance(b, Paragraph) and b.text]
    if not paras:
        return []
    joined = "\n".join(t for _, t in paras)
    converted = conv.convert(joined)
    if converted == joined:
        return []
    if len(converted) == len(joined) and not any("\n" in t for _, t in paras):
        simps = converted.split("\n")
    else:
        simps = [conv.convert(t) for _, t in paras]
    pieces: list[tuple[int, str, str]] = [
        (i, orig, simp) for (i, orig), simp in zip(paras, simps, strict=True) if len(simp) == len(orig)]
    if not pieces:
        return []
    all_orig = "\n".join(o for _, o, _ in pieces)
    all_simp = "\n".join(s for _, _, s in pieces)
    a = np.frombuffer(all_orig.encode("utf-32-le"), dtype=np.uint32)
    s = np.frombuffer(all_simp.encode("utf-32-le"), dtype=np.uint32)
    diff = np.flatnonzero(a != s)
    if diff.size == 0:
        return []
    n_trad = int(diff.size)
    n_cjk = int(np.count_nonzero((a >= 0x4E00) & (a <= 0x9FFF)))
    orig_bigrams = {all_orig[i:i + MIXED_WORD_CONTEXT] for i in range(len(all_orig) - 1)}
    words: dict[str, str] = {}
    positions: dict[str, list[int]] = {}
    for p in diff.tolist():
        for w0, w1 in _word_spans(all_simp, p):
            simp_w = all_simp[w0:w1]
            if simp_w in orig_bigrams:
                words.setdefault(simp_w, all_orig[w0:w1])
                positions.setdefault(simp_w, []).append(w0)
                break
    traditional_doc = n_trad > TRADITIONAL_SHARE * max(1, n_cjk)
    pairs: list[tuple[str, str, int]] = []  # (simplified word, traditional word, position of the minority form)
    if traditional_doc:  # a simplified 制 in a traditional text may be right (制度); only unambiguous forms count
        words = {sw: tw for sw, tw in words.items()
                 if any(c1 != c2 and c1 not in AMBIGUOUS_SIMPLIFIED for c1, c2 in zip(sw, tw, strict=True))}
    for simp_w, trad_w in words.items():
        if traditional_doc:
            pairs.extend((simp_w, trad_w, m.start()) for m in re.finditer(re.escape(simp_w), all_orig))
        else:
            pairs.extend((simp_w, trad_w, p) for p in sorted(set(positions[simp_w])))
    if not pairs:
        return []
    offsets = []
    pos = 0
    for i, o, _ in pieces:
        offsets.append((pos, i, o))
        pos += len(o) + 1
    starts = [x[0] for x in offsets]
    by_block: dict[int, list[tuple[str, str, int]]] = {}
    for simp_w, trad_w, p in sorted(pairs, key=lambda x: x[2]):
        k = bisect_right(starts, p) - 1
        base, block, _ = offsets[k]
        by_block.setdefault(block, []).append((simp_w, trad_w, p - base))
    hits = []
    for block, items in by_block.items():
        b = doc.blocks[block]
        assert isinstance(b, Paragraph)
        first = items[0][2]
        nstart = _orig_to_norm(b, first)
        minority = "simplified" if traditional_doc else "traditional"
        forms = sorted({(s_, t_) for s_, t_, _ in items})
        hits.append(Hit(block, nstart, nstart + MIXED_WORD_CONTEXT, "mixed",
                        b.text[first:first + MIXED_WORD_CONTEXT],
                        {"minority": minority, "pairs": [f"{s_}/{t_}" for s_, t_ in forms[:12]],
                         "count": len(items)}))
    return hits


def _word_spans(simp: str, p: int) -> list[tuple[int, int]]:
    """The two-character words around position ``p`` (with its left or right CJK neighbour)."""
    def cjk(i: int) -> bool:
        return 0 <= i < len(simp) and "\u4e00" <= simp[i] <= "\u9fff"

    return [(a, a + 2) for a in (p - 1, p) if cjk(a) and cjk(a + 1)]


# --- template labels ----------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def official_labels() -> dict[str, str]:
    """Comparable form → printed official label, for every label of the 2019 and 2021 template tables."""
    from gkreview.data import labels as L

    printed: list[str] = []
    printed += [r.label for r in L.T3_ROWS] + [c.label for c in L.T3_COLUMNS]
    printed += [c.label for c in L.T4_BLOCKS] + [c.label for c in L.T4_COLUMNS]
    printed += [r.label for r in L.T2_ROWS] + [c.label for c in L.T2_COLUMNS]
    printed += ["申请人情况", "法人或其他组织", "信息内容", "行政诉讼", "(七)总计"]
    printed += [f"第二十条第({n})项" for n in ("一", "五", "六", "八", "九")]
    out: dict[str, str] = {}
    for label in printed:
        for form in _label_forms(label):
            if len(form) >= 2:
                out.setdefault(form, label)
    return out


def _label_forms(label: str) -> set[str]:
    """Comparable forms of a label: normalised, without numbering, quotes, slashes or a bracketed explanation."""
    from gkreview.normalize import norm_label

    base = _LABEL_STRIP.sub("", norm_label(label))
    core = _LEAD_NUMBERING.sub("", base)
    forms = {base, core}
    no_expl = _EXPLANATION.sub("", core)
    if no_expl:
        forms.add(no_expl)
    return forms


def label_typos(doc: Document) -> list[Hit]:
    """Table labels that almost, but not exactly, match an official template label (edit distance 1–2).

    Cells that exactly match a label (after numbering, quotes, slashes and a
    provincial explanation in brackets are set aside) or that extend one are fine;
    numbers, short words and long notes are skipped. Each distinct cell text is
    judged once per process (:func:`_judge_label`): template labels repeat in
    every report.
    """
    from gkreview.document import Paragraph, Table
    from gkreview.normalize import norm_label

    seen: set[str] = set()
    hits: list[Hit] = []
    for i, b in enumerate(doc.blocks):
        if isinstance(b, Table):
            texts = {c.text for row in b.rows for c in row} - seen
            seen |= texts
            for text in texts:
                if not _HAS_CJK.search(text) or not (verdict := _judge_label(norm_label(text))):
                    continue
                r, c = next((r, c) for r, row in enumerate(b.rows) for c, cell in enumerate(row) if cell.text == text)
                label, dist = verdict
                hits.append(Hit(i, 0, 0, "cell", text.strip(), {"expected": label, "distance": dist, "row": r, "col": c}))
        elif isinstance(b, Paragraph) and b.norm[-1:].isdigit() and (m := _TEXT_ROW.match(b.norm)):
            label_text = m.group("label")
            if label_text in seen:
                continue
            seen.add(label_text)
            verdict = _judge_label(label_text)
            if verdict:
                label, dist = verdict
                hits.append(Hit(i, m.start("label"), m.end("label"), "text-row", label_text.strip(),
                                {"expected": label, "distance": dist}))
    return hits


@lru_cache(maxsize=16384)
def _judge_label(text: str) -> tuple[str, int] | None:
    """(official label, edit distance) when ``text`` is a near miss of a template label, else None."""
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.process import extractOne

    official = official_labels()
    if not _HAS_CJK.search(text):
        return None
    core = _LEAD_NUMBERING.sub("", _LABEL_STRIP.sub("", text))
    if not 3 <= len(core) <= 40:
        return None
    if _label_forms(text) & official.keys() or any(core.startswith(o) and len(o) >= 4 for o in official):
        return None
    no_expl = _EXPLANATION.sub("", core)
    if len(no_expl) < 3:
        return None
    max_d = 1 if len(no_expl) < 8 else 2
    best = extractOne(no_expl, _official_choices(), scorer=Levenshtein.distance, score_cutoff=max_d)
    if best is None:
        return None
    form, dist, _ = best
    if dist == 0 or len(form) < 4 or abs(len(form) - len(no_expl)) > max_d:
        return None
    return official[form], int(dist)


@lru_cache(maxsize=1)
def _official_choices() -> list[str]:
    return list(official_labels())


# --- the same item counted twice -----------------------------------------------------------------------------------

def inconsistent_counts(dt: DocText) -> list[Hit]:
    """One channel's count of one item printed twice with two numbers ("门户网站发布信息1200条" … "…1500条").

    A count is keyed by channel, action, object and unit; clauses that carry a
    scope or change word (累计, 其中, 上半年, 同比, 增长…) are not compared, because
    two such figures legitimately differ.
    """
    if not _CHANNEL_RE.search(dt.text):
        return []
    seen: dict[tuple[str, str, str, str], tuple[int, int, int, str]] = {}
    hits: list[Hit] = []
    text = dt.text
    clause_starts: set[int] = set()
    for ch in _CHANNEL_RE.finditer(text):
        c0, c1 = dt.bounds(ch.start(), ch.end(), clause=True)
        if c0 in clause_starts:
            continue
        clause_starts.add(c0)
        clause = text[c0:c1]
        channels = set(_CHANNEL_RE.findall(clause))
        if len(channels) != 1 or any(w in clause for w in COUNT_SCOPE_WORDS):
            continue
        chm = _CHANNEL_RE.search(clause)
        assert chm is not None
        km = _COUNT_RE.search(clause, chm.end())
        if not km:
            continue
        obj = _FILLER_RE.sub("", km.group("obj"))
        key = (chm.group(), km.group("verb"), obj, km.group("unit"))
        value = int(km.group("n").replace(",", ""))
        start = c0 + km.start("n")
        end = c0 + km.end("unit")
        if key not in seen:
            seen[key] = (start, end, value, str(value))
        elif seen[key][3] != str(value):
            first_start, first_end, first_value, _ = seen[key]
            h = _hit(dt, start, end, "count", channel=key[0], action=key[1], object=obj, unit=key[3],
                     value=value, other_value=first_value)
            fb, fo = dt.locate(first_start)
            hits.append(Hit(h.block, h.nstart, h.nend, h.kind, h.text, h.details,
                            ((fb, fo, fo + first_end - first_start),)))
    return hits
