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
    diff = np.bincount(starts, minlength=n + 1)[: n + 1] - np.bincount(np.minimum(starts + k, n), minlength=n + 1)
    return np.cumsum(diff[:n]) > 0


class Alignment:
    """Reuse of A in B: per-character coverage of A and the passages.

    The passages are kept as one ``(n, 4)`` array of ``a_start, a_end, b_start,
    b_end`` (:attr:`runs`); :attr:`matches` gives them as :class:`Match` objects,
    built on first use only (a reverse alignment reads the coverage alone).
    """

    __slots__ = ("_matches", "covered", "runs")

    def __init__(self, covered: np.ndarray, runs: np.ndarray | None = None) -> None:
        self.covered = covered
        self.runs = runs if runs is not None else np.zeros((0, 4), dtype=np.int64)
        self._matches: list[Match] | None = None

    @property
    def matches(self) -> list[Match]:
        """The passages in A order, as :class:`Match` objects."""
        if self._matches is None:
            self._matches = [Match(*r) for r in self.runs.tolist()]
        return self._matches


class StreamIndex:
    """A stream's ``k``-gram hashes with their sorted index: built once per document, read by every pair.

    ``order`` lists the window positions by hash, stably (equal hashes in position
    order), and ``distinct``/``starts`` the distinct hashes, ascending, with the index
    in ``order`` where each one's group begins; ``group[i]`` is that index for window
    ``i``'s hash and ``count[g]`` the group's size (at group starts), so one look-up
    of a pair serves both directions. The hashes themselves are not kept: a batch
    holds the index of every document it aligns (~36 bytes per window).
    """

    __slots__ = ("count", "distinct", "group", "k", "n", "order", "starts", "text")

    def __init__(self, text: str, k: int, hashes: np.ndarray | None = None) -> None:
        h = kgram_hashes(text, k) if hashes is None else hashes
        self.text, self.k, self.n = text, k, len(h)
        self.order = _stable_order(h)
        s = h[self.order]
        n = len(h)
        first = np.empty(n, dtype=bool)
        first[:1] = True
        np.not_equal(s[1:], s[:-1], out=first[1:])
        self.starts = np.flatnonzero(first)  # index in ``order`` of each group's first member
        self.distinct = s[self.starts]
        sizes = np.diff(np.append(self.starts, n))
        self.count = np.zeros(n, dtype=np.int32)
        self.count[self.starts] = sizes
        self.group = np.empty(n, dtype=np.int64)
        self.group[self.order] = np.repeat(self.starts, sizes)

    def __len__(self) -> int:
        return self.n


def _stable_order(h: np.ndarray) -> np.ndarray:
    """``np.argsort(h, kind="stable")``, faster: sort keys of the hash's top bits with the position in the low bits.

    Keys are distinct, so a plain sort orders equal hashes by position. When two
    different hashes share their top bits the keyed order may not sort the hashes;
    that is checked and then the stable argsort is used.
    """
    n = len(h)
    if n < 2:
        return np.arange(n, dtype=np.int64)
    bits = np.uint64((n - 1).bit_length())
    key = (h >> bits) << bits
    key |= np.arange(n, dtype=np.uint64)
    key.sort()
    order = (key & ((np.uint64(1) << bits) - np.uint64(1))).astype(np.int64)
    s = h[order]
    if not (s[1:] >= s[:-1]).all():
        order = np.argsort(h, kind="stable")
    return order


def group_maps(a: StreamIndex, b: StreamIndex) -> tuple[np.ndarray, np.ndarray]:
    """For each hash group of A the group of B with the same hash (-1: none), and the same from B to A.

    One search of A's distinct hashes in B's sorted hashes serves both directions
    of a pair.
    """
    to_b = np.full(len(a), -1, dtype=np.int64)
    to_a = np.full(len(b), -1, dtype=np.int64)
    if len(a) and len(b):
        values = a.distinct
        pos = np.searchsorted(b.distinct, values)  # distinct against distinct: fewer and shorter searches
        np.minimum(pos, len(b.distinct) - 1, out=pos)
        hit = b.distinct[pos] == values
        to_b[a.starts[hit]] = b.starts[pos[hit]]
        to_a[b.starts[pos[hit]]] = a.starts[hit]
    return to_b, to_a


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
    ia, ib = StreamIndex(a, min_match), StreamIndex(b, min_match)
    return align_indexed(ia, ib, group_maps(ia, ib)[0], max_gap)


def align_indexed(a: StreamIndex, b: StreamIndex, to_b: np.ndarray, max_gap: int = 12) -> Alignment:
    """:func:`align` from the two streams' indexes and A's groups mapped to B's (:func:`group_maps`).

    A passage follows a diagonal: a hit window of A continues the current passage
    when it is the next window of A and the next window of B holds its hash.
    A hash found once in B fixes the window's place in B, so those runs are read
    off with array operations; only windows whose hash B holds several times are
    placed one by one (:func:`_place_repeats`).
    """
    k = a.k
    n = len(a.text)
    if not len(a) or not len(b):
        return Alignment(np.zeros(n, dtype=bool))
    other = to_b[a.group]
    starts = np.flatnonzero(other >= 0)
    covered = _paint(starts, n, k)
    if not len(starts):
        return Alignment(covered)
    lo = other[starts]
    where = b.order[lo]  # the place in B of each hit window whose hash B holds once
    repeated = np.flatnonzero(b.count[lo] > 1)
    if len(repeated):
        where = _place_repeats(starts, lo, where, repeated, b)
    brk = np.empty(len(starts), dtype=bool)
    brk[0] = True
    brk[1:] = (starts[1:] - starts[:-1] != 1) | (where[1:] - where[:-1] != 1)
    first = np.flatnonzero(brk)
    last = np.append(first[1:], len(starts)) - 1
    a0, a1, b0, b1 = starts[first], starts[last] + k, where[first], where[last] + k
    # Windows overlap by k-1: each passage starts where the previous one ended in A (ends grow strictly).
    cut = np.zeros(len(a0), dtype=np.int64)
    np.maximum(a1[:-1] - a0[1:], 0, out=cut[1:])
    a0 += cut
    b0 += cut
    ta, tb = a.text, b.text
    ok = [ta[s:e] == tb[u:v] for s, e, u, v in zip(a0.tolist(), a1.tolist(), b0.tolist(), b1.tolist(), strict=True)]
    if not all(ok):
        keep = np.array(ok, dtype=bool)
        a0, a1, b0, b1 = a0[keep], a1[keep], b0[keep], b1[keep]
    runs = _bridge(np.column_stack([a0, a1, b0, b1]), covered, max_gap)
    _fill_gaps(covered, max_gap)
    return Alignment(covered, runs)


def _place_repeats(starts: np.ndarray, lo: np.ndarray, where: np.ndarray, repeated: np.ndarray, b: StreamIndex
                   ) -> np.ndarray:
    """Place in B the hit windows whose hash B holds several times, in A order.

    Such a window continues the diagonal when the next window of B holds its hash;
    otherwise it takes the occurrence nearest to where the previous passage ended
    in B (an in-order copy), the earlier one on a tie. Only these windows are
    visited; what each reads of its predecessor is gathered for all of them first.
    """
    k, n_b = b.k, len(b)
    order, group = b.order, b.group
    prev = np.maximum(repeated - 1, 0)
    follows = ((repeated > 0) & (starts[repeated] - starts[prev] == 1)).tolist()  # next window of A after a hit
    chained = np.zeros(len(repeated), dtype=bool)  # the predecessor is itself placed here (just before)
    chained[1:] = repeated[1:] - repeated[:-1] == 1
    placed: list[int] = []
    last = 0
    for t, g, hi, fixed, cont, chain in zip(repeated.tolist(), lo[repeated].tolist(),
                                            (lo[repeated] + b.count[lo[repeated]]).tolist(), where[prev].tolist(),
                                            follows, chained.tolist(), strict=True):
        x = 0
        if t:
            p = last if chain else fixed
            if cont and p + 1 < n_b and group[p + 1] == g:
                last = p + 1
                placed.append(last)
                continue
            x = p + k
        cands = order[g:hi]  # ascending positions of the hash in B
        i = int(np.searchsorted(cands, x))
        if i == 0:
            last = int(cands[0])
        elif i == hi - g:
            last = int(cands[-1])
        else:
            left, right = int(cands[i - 1]), int(cands[i])
            last = left if x - left <= right - x else right
        placed.append(last)
    out = where.copy()
    out[repeated] = placed
    return out


def _fill_gaps(covered: np.ndarray, max_gap: int) -> None:
    """Count as reused any run of at most ``max_gap`` characters between two reused runs of A.

    Reordered sentences break the diagonal, so an edit just after a sentence
    boundary would otherwise lose the short piece between the boundary and the edit.
    """
    edges = np.flatnonzero(covered[1:] != covered[:-1])
    if len(edges) < 2:
        return
    # a gap starts after a True→False edge and ends at the next (False→True) edge
    gap = covered[edges[:-1]] & (edges[1:] - edges[:-1] <= max_gap)
    _set_spans(covered, edges[:-1][gap] + 1, edges[1:][gap] + 1)


def _set_spans(covered: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> None:
    """Set ``covered[s:e]`` for every span (disjoint or not), without a Python loop."""
    lengths = np.maximum(ends - starts, 0)
    total = int(lengths.sum())
    if total:
        offset = np.cumsum(lengths) - lengths
        covered[np.repeat(starts - offset, lengths) + np.arange(total, dtype=np.int64)] = True


def chain_runs(a0: np.ndarray, a1: np.ndarray, b0: np.ndarray, b1: np.ndarray, max_gap: int
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Chains of runs (in A order) that each follow the run before after a gap of at most ``max_gap`` in both
    texts: ``(joins, first, last)``, whether run ``i + 1`` joins run ``i``, and each chain's first and last run.

    A chain ends where its last run ends, so each run is tested against the run just before it.
    """
    ga, gb = a0[1:] - a1[:-1], b0[1:] - b1[:-1]
    joins = (ga >= 0) & (ga <= max_gap) & (gb >= 0) & (gb <= max_gap)
    first = np.flatnonzero(np.concatenate([[True], ~joins]))
    last = np.append(first[1:], len(a0)) - 1
    return joins, first, last


def _bridge(runs: np.ndarray, covered: np.ndarray, max_gap: int) -> np.ndarray:
    """Merge runs separated by a short gap in both texts; mark the gap in A as covered."""
    if len(runs) < 2:
        return runs
    joins, first, last = chain_runs(runs[:, 0], runs[:, 1], runs[:, 2], runs[:, 3], max_gap)
    if not joins.any():
        return runs
    _set_spans(covered, runs[:-1, 1][joins], runs[1:, 0][joins])
    return np.column_stack([runs[first, 0], runs[last, 1], runs[first, 2], runs[last, 3]])
