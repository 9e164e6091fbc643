"""Compare two reports: 复制比, per-section ratios, reused passages, foreign names, stale years.

The ratios follow what a Chinese reviewer reads in a CNKI/Turnitin report:

- 复制比 (``copy_ratio``): share of this report's non-template content characters
  found in the source (in a common substring of at least ``min_match``);
- the same ratio per section (when :mod:`gkreview.sections` is available);
- for several sources, the total (union) 复制比, the largest single-source share
  and a ranked per-source list (:func:`compare_many`).

Template text (national headings, table labels, the 统计期限 sentence, corpus
boilerplate) is left out of every ratio but kept in the passage list, flagged
``template``, so the side-by-side view can grey it out.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple

import numpy as np

from gkreview.dedup.align import align_indexed, chain_runs, group_maps
from gkreview.dedup.places import own_codes, related
from gkreview.dedup.shingle import MaskedText, mask_document
from gkreview.document import Document

_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)|二[〇○零Oo0][一二三四五六七八九〇○零Oo0]{2}(?=\s*年)")
# Passages closer than this (masked characters, on both sides) form one reused region
# for the place-name check: a name that differs between the copies breaks the passage.
_REGION_GAP = 12


@dataclass(frozen=True, slots=True)
class DocRef:
    """Enough about a document to name it in a report."""

    path: str | None = None
    segment: int | None = None
    title: str | None = None
    year: int | None = None
    agency: str | None = None

    @classmethod
    def of(cls, doc: Document) -> DocRef:
        """The reference of a loaded document."""
        return cls(doc.path, doc.segment, doc.title, doc.year, doc.agency)

    def label(self) -> str:
        """Short human label: ``path#seg2 (2012 title)``."""
        where = f"{self.path or '<text>'}#{(self.segment or 0) + 1}"
        what = " ".join(str(x) for x in (self.year, self.title) if x)
        return f"{where} ({what})" if what else where


class Passage(NamedTuple):
    """One reused passage: spans in both files' original text, both texts, template flag.

    ``length`` counts masked content characters; ``reused_chars`` those of them
    that are not template (what the passage adds to the 复制比). An immutable
    named tuple, not a frozen dataclass: two reports of one region share a few
    hundred short passages, and a frozen dataclass costs five times as much to make.
    """

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_text: str
    b_text: str
    length: int
    reused_chars: int
    template: bool


@dataclass(frozen=True, slots=True)
class SectionRatio:
    """复制比 of one section of A."""

    section: str
    content_chars: int
    reused_chars: int

    @property
    def ratio(self) -> float:
        """Reused share of the section's non-template characters (0 when it has none)."""
        return self.reused_chars / self.content_chars if self.content_chars else 0.0


@dataclass
class Comparison:
    """How much of document A is found in document B, and where."""

    a: DocRef
    b: DocRef
    min_match: int
    content_chars: int
    reused_chars: int
    template_chars: int
    reverse_ratio: float
    passages: list[Passage]
    sections: list[SectionRatio] = field(default_factory=list)
    foreign_places: list[dict[str, Any]] = field(default_factory=list)
    years_in_reused: dict[int, int] = field(default_factory=dict)
    covered: np.ndarray | None = field(default=None, repr=False)
    masked_a: MaskedText | None = field(default=None, repr=False)
    masked_b: MaskedText | None = field(default=None, repr=False)

    @property
    def copy_ratio(self) -> float:
        """复制比: reused share of A's non-template content characters (0..1)."""
        return self.reused_chars / self.content_chars if self.content_chars else 0.0

    @property
    def longest_passage(self) -> int:
        """Length (masked characters) of the longest non-template passage."""
        return max((p.length for p in self.passages if not p.template), default=0)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (no numpy arrays)."""
        return {
            "a": asdict(self.a),
            "b": asdict(self.b),
            "min_match": self.min_match,
            "copy_ratio": round(self.copy_ratio, 4),
            "reverse_ratio": round(self.reverse_ratio, 4),
            "content_chars": self.content_chars,
            "reused_chars": self.reused_chars,
            "template_chars": self.template_chars,
            "sections": [{"section": s.section, "content_chars": s.content_chars, "reused_chars": s.reused_chars,
                          "ratio": round(s.ratio, 4)} for s in self.sections],
            "passages": [p._asdict() for p in self.passages],
            "foreign_places": self.foreign_places,
            "years_in_reused": {str(k): v for k, v in sorted(self.years_in_reused.items())},
        }


# --- sections ----------------------------------------------------------------------------------

def section_spans(doc: Document) -> list[tuple[str, int, int]]:
    """``(section id, file start, file end)`` of each recognised section (:func:`gkreview.sections.detect_sections`).

    A section runs from its heading block to ``end_block`` (exclusive); a section
    printed in several pieces (a continuation) gives one span per piece. Headings
    the detector could not map to a template section have no id and no ratio.
    """
    from gkreview.sections import detect_sections

    spans: list[tuple[str, int, int]] = []
    for sec in detect_sections(doc).sections:
        if sec.id is None or not 0 <= sec.start_block < sec.end_block <= len(doc.blocks):
            continue
        start, end = doc.blocks[sec.start_block].start, doc.blocks[sec.end_block - 1].end
        if end > start:
            spans.append((sec.id, start, end))
    return spans


def _section_ratios(masked: MaskedText, reused: np.ndarray, spans: list[tuple[str, int, int]],
                    reused_prefix: np.ndarray | None = None) -> list[SectionRatio]:
    """复制比 of each section span of A. ``reused_prefix`` (cumulative ``reused`` with a leading 0), when given
    and the stream is in file order, turns each section into one range of the stream and two subtractions."""
    out: list[SectionRatio] = []
    if reused_prefix is not None and masked.orig_sorted():
        tpl = masked.template_prefix()
        bounds = np.searchsorted(masked.orig, np.array([(s, e) for _, s, e in spans], dtype=np.int64).reshape(-1, 2))
        for (name, _, _), (lo, hi) in zip(spans, bounds.tolist(), strict=True):
            n_content = hi - lo - int(tpl[hi] - tpl[lo])
            if n_content:
                out.append(SectionRatio(name, n_content, int(reused_prefix[hi] - reused_prefix[lo])))
        return out
    content = ~masked.template
    for name, start, end in spans:
        inside = (masked.orig >= start) & (masked.orig < end) & content
        n_content = int(inside.sum())
        if n_content:  # a section of template text and figures only has no 复制比 of its own
            out.append(SectionRatio(name, n_content, int((inside & reused).sum())))
    return out


# --- passages, places, years -------------------------------------------------------------------

class _Runs:
    """The passages of an alignment as columns, with what the passage list, the regions and the years share.

    Every figure comes from array look-ups over all passages at once: file spans
    from ``orig``, template and reused counts from prefix sums (one per document
    and one per pair) instead of a slice sum per passage.
    """

    __slots__ = ("a0", "a1", "a_span", "a_text", "b0", "b1", "length", "template")

    def __init__(self, ma: MaskedText, runs: np.ndarray) -> None:
        self.a0, self.a1, self.b0, self.b1 = runs[:, 0], runs[:, 1], runs[:, 2], runs[:, 3]
        self.length = self.a1 - self.a0
        tpl = ma.template_prefix()
        self.template = tpl[self.a1] - tpl[self.a0]  # template characters inside each passage
        self.a_span = _file_spans(ma, self.a0, self.a1)
        self.a_text = _quotes(ma, *self.a_span)


def _file_spans(m: MaskedText, start: np.ndarray, end: np.ndarray) -> tuple[list[int], list[int]]:
    """:meth:`MaskedText.file_span` of every non-empty masked span ``[start, end)``."""
    return m.orig[start].tolist(), (m.orig[end - 1] + 1).tolist()


def _quotes(m: MaskedText, starts: list[int], ends: list[int]) -> list[str]:
    """:meth:`MaskedText.quote` of every span, from its file span."""
    text, base = m.original, m.base
    return [text[s - base : e - base] for s, e in zip(starts, ends, strict=True)]


def _passages(mb: MaskedText, r: _Runs, cum: np.ndarray) -> list[Passage]:
    """The passages; ``cum`` is the reused characters' prefix sum."""
    if not len(r.a0):
        return []
    b_span = _file_spans(mb, r.b0, r.b1)
    return list(map(Passage, *r.a_span, *b_span, r.a_text, _quotes(mb, *b_span), r.length.tolist(),
                    (cum[r.a1] - cum[r.a0]).tolist(), (r.template * 2 >= r.length).tolist()))


def _regions(a0: np.ndarray, a1: np.ndarray, b0: np.ndarray, b1: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Merge passages (in A order) separated by a short gap on both sides (a replaced name breaks a passage).

    Returns each region's masked start and end in A.
    """
    if not len(a0):
        return a0, a1
    _, first, last = chain_runs(a0, a1, b0, b1, _REGION_GAP)
    return a0[first], a1[last]


def _foreign(ma: MaskedText, r: _Runs, own_a: list[str], own_b: list[str]) -> list[dict[str, Any]]:
    """Place names inside A's reused regions that are unrelated to A's own place."""
    if not own_a:
        return []
    out: dict[tuple[int, int], dict[str, Any]] = {}
    places = ma.places
    if not places:
        return []
    starts = [p[0] for p in places]
    content = r.template < r.length  # passages that are not template text only
    r0, r1 = _regions(r.a0[content], r.a1[content], r.b0[content], r.b1[content])
    if not len(r0):
        return []
    for s, e in zip(*_file_spans(ma, r0, r1), strict=True):
        for i in range(bisect_left(starts, s), len(places)):  # indexes, not a copy of the list's tail per region
            start, end, name, codes = places[i]
            if start >= e:
                break
            if end > e or related(codes, own_a):
                continue
            ctx = ma.original[max(0, start - ma.base - 12) : end - ma.base + 12]
            out[(start, end)] = {"name": name, "start": start, "end": end,
                                 "source_place": bool(own_b) and related(codes, own_b), "context": ctx}
    return [out[k] for k in sorted(out)]


def _years(r: _Runs) -> dict[int, int]:
    """Year values printed inside A's reused, non-template passages (stale-year evidence).

    A year needs "19", "20" or 二 in the passage: the others are not searched.
    """
    from gkreview.numbers import parse_year_token

    counts: dict[int, int] = {}
    for text, content in zip(r.a_text, (r.template < r.length).tolist(), strict=True):
        if not content or ("20" not in text and "19" not in text and "二" not in text):
            continue
        for y in _YEAR_RE.finditer(text):
            value = parse_year_token(y.group())
            if value:
                counts[value] = counts.get(value, 0) + 1
    return counts


# --- public API --------------------------------------------------------------------------------

def compare_masked(ma: MaskedText, mb: MaskedText, a: DocRef, b: DocRef, *, min_match: int = 13, max_gap: int = 12,
                   sections: list[tuple[str, int, int]] | None = None, own_a: list[str] | None = None,
                   own_b: list[str] | None = None, detail_from: float | None = None) -> Comparison:
    """Compare two masked streams (the batch check works from summaries, without Documents).

    With ``detail_from`` the reverse ratio, passages, section ratios, foreign places and
    years are worked out only when the 复制比 reaches it; below, they stay empty (0 for
    the reverse ratio). A batch reads them only for pairs at or above its thresholds,
    and most candidate pairs of a region's reports share stock phrases but fall below.
    """
    ia, ib = ma.stream_index(min_match), mb.stream_index(min_match)
    to_b, to_a = group_maps(ia, ib)
    al = align_indexed(ia, ib, to_b, max_gap)
    reused = al.covered & ~ma.template
    cum = np.zeros(len(reused) + 1, dtype=np.int64)
    np.cumsum(reused, out=cum[1:])
    content = ma.content_chars
    n_template = len(ma) - content
    if detail_from is not None and (not content or cum[-1] / content < detail_from):
        return Comparison(a=a, b=b, min_match=min_match, content_chars=content, reused_chars=int(cum[-1]),
                          template_chars=n_template, reverse_ratio=0.0, passages=[],
                          covered=al.covered, masked_a=ma, masked_b=mb)
    rev = (int(np.count_nonzero(align_indexed(ib, ia, to_a, max_gap).covered & ~mb.template)) if len(al.runs)
           else 0)
    own_a = own_a if own_a is not None else own_codes(a.title, a.agency)
    own_b = own_b if own_b is not None else own_codes(b.title, b.agency)
    runs = _Runs(ma, al.runs)
    b_content = mb.content_chars
    return Comparison(
        a=a, b=b, min_match=min_match,
        content_chars=content, reused_chars=int(cum[-1]), template_chars=n_template,
        reverse_ratio=float(rev / b_content) if b_content else 0.0,
        passages=_passages(mb, runs, cum),
        sections=_section_ratios(ma, reused, sections or [], cum),
        foreign_places=_foreign(ma, runs, own_a, own_b),
        years_in_reused=_years(runs),
        covered=al.covered, masked_a=ma, masked_b=mb,
    )


def compare_documents(a: Document, b: Document, *, min_match: int = 13, max_gap: int = 12) -> Comparison:
    """How much of ``a`` is reused from ``b`` (复制比 of a against b), with passages in both files."""
    return compare_masked(mask_document(a), mask_document(b), DocRef.of(a), DocRef.of(b), min_match=min_match,
                          max_gap=max_gap,
                          sections=section_spans(a), own_a=own_codes(a.title, a.agency, a.publisher),
                          own_b=own_codes(b.title, b.agency, b.publisher))


@dataclass
class SourceShare:
    """One source in a multi-source report."""

    source: DocRef
    ratio: float
    reused_chars: int


@dataclass
class MultiComparison:
    """A report against several sources: total 复制比, largest single source, ranked list."""

    a: DocRef
    content_chars: int
    total_ratio: float
    sources: list[SourceShare]

    @property
    def largest_share(self) -> float:
        """Largest single-source 复制比."""
        return max((s.ratio for s in self.sources), default=0.0)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"a": asdict(self.a), "content_chars": self.content_chars, "total_ratio": round(self.total_ratio, 4),
                "largest_share": round(self.largest_share, 4),
                "sources": [{"source": asdict(s.source), "ratio": round(s.ratio, 4), "reused_chars": s.reused_chars}
                            for s in self.sources]}


def compare_many(ma: MaskedText, a: DocRef, sources: list[tuple[DocRef, MaskedText]], *,
                 min_match: int = 13, max_gap: int = 12) -> MultiComparison:
    """Total reuse of A across all sources (union of covered characters) and per-source shares, ranked."""
    union = np.zeros(len(ma), dtype=bool)
    shares: list[SourceShare] = []
    for ref, mb in sources:
        ia, ib = ma.stream_index(min_match), mb.stream_index(min_match)
        cov = align_indexed(ia, ib, group_maps(ia, ib)[0], max_gap).covered & ~ma.template
        union |= cov
        n = int(cov.sum())
        shares.append(SourceShare(ref, n / ma.content_chars if ma.content_chars else 0.0, n))
    shares.sort(key=lambda s: -s.ratio)
    total = float(union.sum() / ma.content_chars) if ma.content_chars else 0.0
    return MultiComparison(a, ma.content_chars, total, shares)
