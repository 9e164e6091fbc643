"""Normalisation that keeps an offset map back to the original text.

Every rule matches on one canonical form of the text (domain §3.5): NFKC (full-width
digits, brackets and punctuation to ASCII), OpenCC t2s with an alias table for the
forms converters get wrong, no whitespace inside CJK runs, one kind of quote and
dash. Findings must still point at the original characters (and be shown in the
original script), so :class:`NormText` carries, for every normalised character, the
index of the original character it came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from gkreview.data.aliases import ALIASES, DASHES, QUOTES

_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_RE = re.compile(f"[{_CJK}]")
_CJK_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")
# Whitespace (not newlines) touching a CJK character on either side.
_SPACE_RUN = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000\ufeff]+")
_ALIAS_RE = re.compile("|".join(re.escape(k) for k in sorted(ALIASES, key=len, reverse=True)))
_CHUNK_RE = re.compile(r"[^\n。,，;；:：、]+|[\n。,，;；:：、]")


@lru_cache(maxsize=1)
def _converter():  # type: ignore[no-untyped-def]
    """The OpenCC t2s converter (C++ binding), built once per process."""
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def _nfkc_char(ch: str) -> str:
    out = unicodedata.normalize("NFKC", ch)
    return QUOTES.get(out, DASHES.get(out, out))


@dataclass(frozen=True, slots=True)
class NormText:
    """Normalised text plus, per character, the offset of its source character.

    ``offsets`` has ``len(text) + 1`` entries; the last is ``len(original)`` so that
    an end offset always maps.
    """

    text: str
    offsets: tuple[int, ...] | range

    def orig_index(self, i: int) -> int:
        """Original offset of normalised character ``i`` (``len(text)`` maps to the end)."""
        return self.offsets[max(0, min(i, len(self.offsets) - 1))]

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` covering normalised ``[start, end)``."""
        if end <= start:
            o = self.orig_index(start)
            return o, o
        return self.orig_index(start), self.orig_index(end - 1) + 1

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text


def _nfkc(text: str) -> tuple[str, list[int] | range]:
    """NFKC plus quote/dash folding, character by character so offsets stay exact.

    Fast path: when no character of ``text`` expands to several characters (almost
    always), one ``str.translate`` does the work and the offset map is the identity.
    """
    table: dict[int, str] = {}
    for ch in set(text):
        n = _nfkc_char(ch)
        if n != ch:
            if len(n) != 1:
                return _nfkc_slow(text)
            table[ord(ch)] = n
    return (text.translate(table) if table else text), range(len(text))


def _nfkc_slow(text: str) -> tuple[str, list[int]]:
    out: list[str] = []
    idx: list[int] = []
    for i, ch in enumerate(text):
        if ch < "\u00a0" and ch not in "\t":
            out.append(ch)
            idx.append(i)
            continue
        n = _nfkc_char(ch)
        out.append(n)
        if len(n) == 1:
            idx.append(i)
        else:
            idx.extend([i] * len(n))
    return "".join(out), idx


def _t2s(text: str, idx: list[int] | range) -> tuple[str, list[int] | range]:
    conv = _converter()
    whole = conv.convert(text)
    if len(whole) == len(text):
        return whole, idx
    # Rare: a phrase conversion changed the length. Redo chunk by chunk and fall
    # back to character-wise conversion inside the chunks whose length changed.
    out: list[str] = []
    new_idx: list[int] = []
    for m in _CHUNK_RE.finditer(text):
        chunk = m.group()
        conv_chunk = conv.convert(chunk)
        base = m.start()
        if len(conv_chunk) != len(chunk):
            conv_chunk = "".join(c if len(c := conv.convert(ch)) == 1 else ch for ch in chunk)
        out.append(conv_chunk)
        new_idx.extend(idx[base : base + len(chunk)])
    return "".join(out), new_idx


def _apply_aliases(text: str, idx: list[int] | range) -> tuple[str, list[int] | range]:
    if not _ALIAS_RE.search(text):
        return text, idx
    out: list[str] = []
    new_idx: list[int] = []
    pos = 0
    for m in _ALIAS_RE.finditer(text):
        out.append(text[pos : m.start()])
        new_idx.extend(idx[pos : m.start()])
        rep = ALIASES[m.group()]
        src = idx[m.start() : m.end()]
        out.append(rep)
        new_idx.extend(src[min(k, len(src) - 1)] for k in range(len(rep)))
        pos = m.end()
    out.append(text[pos:])
    new_idx.extend(idx[pos:])
    return "".join(out), new_idx


def _squeeze_cjk_spaces(text: str, idx: list[int] | range) -> tuple[str, list[int] | range]:
    """Drop spaces that touch a CJK character; keep spaces between Latin words."""
    if not _SPACE_RUN.search(text):
        return text, idx
    out: list[str] = []
    new_idx: list[int] = []
    pos = 0
    for m in _SPACE_RUN.finditer(text):
        s, e = m.span()
        before = text[s - 1] if s > 0 else "\n"
        after = text[e] if e < len(text) else "\n"
        drop = bool(_CJK_RE.match(before) or _CJK_RE.match(after)) or before == "\n" or after == "\n"
        out.append(text[pos:s])
        new_idx.extend(idx[pos:s])
        if not drop:
            out.append(" ")
            new_idx.append(idx[s])
        pos = e
    out.append(text[pos:])
    new_idx.extend(idx[pos:])
    return "".join(out), new_idx


def normalize(text: str) -> NormText:
    """Return the canonical form of ``text`` with its offset map.

    >>> n = normalize("２０１７年 行政復議")
    >>> n.text
    '2017年行政复议'
    >>> text = "２０１７年 行政復議"
    >>> text[slice(*n.orig_span(5, 9))]
    '行政復議'
    """
    s, idx = _nfkc(text)
    s, idx = _t2s(s, idx)
    s, idx = _apply_aliases(s, idx)
    s, idx = _squeeze_cjk_spaces(s, idx)
    if isinstance(idx, range):
        return NormText(s, range(len(text) + 1))
    idx.append(len(text))
    return NormText(s, tuple(idx))


def normalize_many(texts: list[str]) -> list[NormText]:
    """Normalise many short texts with one pass over their concatenation.

    A report has a hundred or more paragraphs; one OpenCC call and one translate
    over the joined text are several times faster than one call per paragraph.
    Newlines separate the pieces and survive every normalisation step, so the
    result is split back exactly; texts that themselves contain a newline are
    done one by one.
    """
    if len(texts) < 4 or any("\n" in t for t in texts):
        return [normalize(t) for t in texts]
    joined = "\n".join(texts)
    whole = normalize(joined)
    parts = whole.text.split("\n")
    if len(parts) != len(texts):
        return [normalize(t) for t in texts]
    out: list[NormText] = []
    npos = 0
    opos = 0
    identity = isinstance(whole.offsets, range)
    for text, part in zip(texts, parts, strict=True):
        if identity:
            out.append(NormText(part, range(len(text) + 1)))
        else:
            offs = [whole.offsets[npos + k] - opos for k in range(len(part))]
            offs.append(len(text))
            out.append(NormText(part, tuple(offs)))
        npos += len(part) + 1
        opos += len(text) + 1
    return out


@lru_cache(maxsize=32768)
def norm(text: str) -> str:
    """The normalised string alone (cached: labels and short cells repeat a lot)."""
    return normalize(text).text


@lru_cache(maxsize=32768)
def norm_label(text: str) -> str:
    """Normalised text with all whitespace removed, for matching labels and headings."""
    return re.sub(r"\s+", "", norm(text))


def to_simplified(text: str) -> str:
    """OpenCC t2s plus aliases, without the other normalisation steps."""
    s = _converter().convert(text)
    return _ALIAS_RE.sub(lambda m: ALIASES[m.group()], s)


def traditional_share(text: str) -> float:
    """Share of CJK characters that t2s changes: ~0 for simplified, high for traditional."""
    sample = "".join(_CJK_IDEOGRAPH.findall(text[:6000]))[:2000]
    if not sample:
        return 0.0
    conv = _converter().convert(sample)
    if len(conv) != len(sample):
        conv = "".join(_converter().convert(ch) for ch in sample)
    changed = sum(1 for a, b in zip(sample, conv, strict=True) if a != b)
    return changed / len(sample)
