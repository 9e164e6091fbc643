"""Exact alignment of two masked streams: which characters of A occur in B, and where.

A character of A is *reused* when it lies inside a substring of length at least
``min_match`` that also occurs in B (the CNKI/Turnitin convention; 13 characters
is the usual rule of thumb for Chinese). That is the same as lying inside a
reused ``min_match``-gram, so coverage is computed with vectorised k-gram hashes
(no suffix structure is needed): hash every window of both streams, look A's up
in B's sorted hashes, and paint each hit window.

Passages are then read off along diagonals: consecutive reused windows of A
that continue consecutive windows of B form one passage, so a reordered section
becomes several passages, each with its own position in B.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from gkreview.dedup.minhash import kgram_hashes


@dataclass(frozen=True, slots=True)
class Match:
    """One maximal run of A (masked ``[a_start, a_end)``) found in B at ``[b_start, b_end)``."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int

    @property
    def length(self) -> int:
        """Length in masked characters."""
        return self.a_end - self.a_start


def _paint(starts: np.ndarray, n: int, k: int) -> np.ndarray:
    """Boolean array of length ``n``: True inside any window ``[s, s+k)`` for s in ``starts``."""
    diff = np.bincount(starts, minlength=n + 1)[: n + 1] - np.bincount(np.minimum(starts + k, n), minlength=n + 1)
    return np.cumsum(diff[:n]) > 0


@dataclass
class Alignment:
    """Reuse of A in B: per-character coverage of A and the passages."""

    covered: np.ndarray
    matches: list[Match]


def _sorted_index(hb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(hb, kind="stable")
    return hb[order], order


def window_hits(ha: np.ndarray, hb_sorted: np.ndarray) -> np.ndarray:
    """True for each window hash of A present in B's sorted window hashes."""
    if not len(ha) or not len(hb_sorted):
        return np.zeros(len(ha), dtype=bool)
    pos = np.searchsorted(hb_sorted, ha)
    pos[pos == len(hb_sorted)] = 0
    return hb_sorted[pos] == ha


def coverage(a: str, b: str, min_match: int = 13) -> np.ndarray:
    """Per character of ``a``: True when it lies in a common substring of length ≥ ``min_match``."""
    ha, hb = kgram_hashes(a, min_match), kgram_hashes(b, min_match)
    hits = window_hits(ha, np.sort(hb))
    return _paint(np.flatnonzero(hits), len(a), min_match)


def align(a: str, b: str, min_match: int = 13, max_gap: int = 12) -> Alignment:
    """Coverage of ``a`` by ``b`` and the aligned passages (each exact run verified character by character).

    Two exact runs separated by at most ``max_gap`` characters on both sides are
    one passage with a small edit inside (a changed character, a swapped name),
    and the gap counts as reused: a copy with a typo fixed every fifty characters
    is still a copy, although no 13-character window spans the typo.
    """
    k = min_match
    ha, hb = kgram_hashes(a, k), kgram_hashes(b, k)
    if not len(ha) or not len(hb):
        return Alignment(np.zeros(len(a), dtype=bool), [])
    hb_sorted, order = _sorted_index(hb)
    hits = window_hits(ha, hb_sorted)
    starts = np.flatnonzero(hits)
    covered = _paint(starts, len(a), k)
    lo = np.searchsorted(hb_sorted, ha[starts], side="left")
    hi = np.searchsorted(hb_sorted, ha[starts], side="right")
    matches: list[Match] = []
    hal, hbl, n_b = ha.tolist(), hb.tolist(), len(hb)
    a0 = a_last = b0 = b_last = -1  # current passage: first/last window start in A and in B
    last_b_end = 0
    for i, lo_i, hi_i in zip(starts.tolist(), lo.tolist(), hi.tolist(), strict=True):
        if a0 >= 0 and i == a_last + 1 and b_last + 1 < n_b and hbl[b_last + 1] == hal[i]:
            a_last, b_last = i, b_last + 1
            continue
        if a0 >= 0:
            matches.append(Match(a0, a_last + k, b0, b_last + k))
            last_b_end = b_last + k
        if hi_i - lo_i > 1:
            # Several occurrences in B: prefer the one right after the previous passage (in-order copy).
            cands = order[lo_i:hi_i]
            j = int(cands[np.argmin(np.abs(cands - last_b_end))])
        else:
            j = int(order[lo_i])
        a0 = a_last = i
        b0 = b_last = j
    if a0 >= 0:
        matches.append(Match(a0, a_last + k, b0, b_last + k))
    verified = [m for m in _trim_overlaps(matches) if a[m.a_start : m.a_end] == b[m.b_start : m.b_end]]
    merged = _bridge(verified, covered, max_gap)
    _fill_gaps(covered, max_gap)
    return Alignment(covered, merged)


def _fill_gaps(covered: np.ndarray, max_gap: int) -> None:
    """Count as reused any run of at most ``max_gap`` characters between two reused runs of A.

    Reordered sentences break the diagonal, so an edit just after a sentence
    boundary would otherwise lose the short piece between the boundary and the edit.
    """
    if not covered.any():
        return
    edges = np.flatnonzero(np.diff(covered.astype(np.int8)))
    # gaps start after a True→False edge and end at the next False→True edge
    for start, end in itertools.pairwise(edges):
        if covered[start] and not covered[start + 1] and end - start <= max_gap:
            covered[start + 1 : end + 1] = True


def _bridge(matches: list[Match], covered: np.ndarray, max_gap: int) -> list[Match]:
    """Merge runs separated by a short gap in both texts; mark the gap in A as covered."""
    out: list[Match] = []
    for m in matches:
        if out:
            p = out[-1]
            ga, gb = m.a_start - p.a_end, m.b_start - p.b_end
            if 0 <= ga <= max_gap and 0 <= gb <= max_gap:
                covered[p.a_end : m.a_start] = True
                out[-1] = Match(p.a_start, m.a_end, p.b_start, m.b_end)
                continue
        out.append(m)
    return out


def _trim_overlaps(matches: list[Match]) -> list[Match]:
    """Drop the part of each passage that overlaps the previous one in A (windows overlap by k-1)."""
    out: list[Match] = []
    for m in matches:
        if out and m.a_start < out[-1].a_end:
            cut = out[-1].a_end - m.a_start
            if m.length - cut <= 0:
                continue
            m = Match(m.a_start + cut, m.a_end, m.b_start + cut, m.b_end)
        out.append(m)
    return out
