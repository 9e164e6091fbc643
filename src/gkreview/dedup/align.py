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
    diff = np.zeros(n + 1, dtype=np.int32)
    np.add.at(diff, starts, 1)
    np.add.at(diff, np.minimum(starts + k, n), -1)
    return np.cumsum(diff[:-1]) > 0


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


def align(a: str, b: str, min_match: int = 13) -> Alignment:
    """Coverage of ``a`` by ``b`` and the maximal aligned passages (verified character by character)."""
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
    cur: list[int] | None = None  # [a_start, last window start in A, b_start, last window start in B]
    last_b_end = 0
    for i, lo_i, hi_i in zip(starts.tolist(), lo.tolist(), hi.tolist(), strict=True):
        if cur is not None and i == cur[1] + 1 and cur[3] + 1 < len(hb) and hb[cur[3] + 1] == ha[i]:
            cur[1], cur[3] = i, cur[3] + 1
            continue
        if cur is not None:
            matches.append(Match(cur[0], cur[1] + k, cur[2], cur[3] + k))
            last_b_end = cur[3] + k
        cands = order[lo_i:hi_i]
        # Prefer the occurrence in B right after the previous passage (in-order copy).
        j = int(cands[np.argmin(np.abs(cands - last_b_end))]) if len(cands) > 1 else int(cands[0])
        cur = [i, i, j, j]
    if cur is not None:
        matches.append(Match(cur[0], cur[1] + k, cur[2], cur[3] + k))
    verified = [m for m in _trim_overlaps(matches) if a[m.a_start : m.a_end] == b[m.b_start : m.b_end]]
    return Alignment(covered, verified)


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
