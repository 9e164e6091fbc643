"""Character k-gram hashing and one-permutation MinHash, vectorised with numpy.

Everything here works on the masked stream (:mod:`gkreview.dedup.shingle`). The
hash scheme is part of the on-disk format of the index and the boilerplate model:
sketches made with another scheme are not comparable (datasketch's 2.0 change is
the cautionary tale), so :data:`SCHEME` is written into every file and checked on
load.

One-permutation hashing (Li, Owen & Zhang 2012) with rotation densification
(Shrivastava & Li 2014) gives ``bins`` MinHash values from a single 64-bit hash per
shingle: each shingle falls into one bin by its top bits and the bin keeps its
smallest low word. It costs O(n) per document instead of O(n x permutations), which
is what makes a 100 000-report build take minutes rather than hours.
"""

from __future__ import annotations

import numpy as np

SCHEME = "gkreview-kgram-splitmix64-oph"
SCHEME_VERSION = 1
_P = np.uint64(0x100000001B3)  # FNV prime: the polynomial base of the rolling hash
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_EMPTY = np.uint32(0xFFFFFFFF)


def sorted_unique(values: np.ndarray, return_counts: bool = False):  # type: ignore[no-untyped-def]
    """``np.unique`` for integer arrays by sort and compare.

    numpy 2's ``np.unique`` goes through a hash table that is ~25x slower than a
    sort on the millions of pair codes a large batch's LSH buckets produce.
    """
    ordered = np.sort(values)  # equal integers are indistinguishable: no stable sort needed (10-20x slower here)
    first = np.concatenate(([True], ordered[1:] != ordered[:-1])) if len(ordered) else np.zeros(0, dtype=bool)
    uniq = ordered[first]
    if not return_counts:
        return uniq
    starts = np.flatnonzero(first)
    return uniq, np.diff(np.append(starts, len(ordered)))


def codes_of(text: str) -> np.ndarray:
    """Unicode code points of ``text`` as uint64 (no copy of the str itself)."""
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)


def mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads polynomial hashes over all 64 bits."""
    x = x ^ (x >> np.uint64(30))
    x = x * _M1
    x = x ^ (x >> np.uint64(27))
    x = x * _M2
    return x ^ (x >> np.uint64(31))


_Q = np.uint64(pow(int(_P), -1, 1 << 64))  # inverse of the base modulo 2**64 (the base is odd)
_POWERS: dict[str, np.ndarray] = {"p": np.ones(1, dtype=np.uint64), "q": np.ones(1, dtype=np.uint64)}


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``P**i`` and ``Q**i`` (mod 2**64) for ``i < n`` at least, grown by doubling and kept for the process."""
    p, q = _POWERS["p"], _POWERS["q"]
    if len(p) < n:
        size = max(n, 2 * len(p), 1 << 14)
        p, q = _geometric(_P, size), _geometric(_Q, size)
        _POWERS["p"], _POWERS["q"] = p, q
    return p, q


def _geometric(base: np.uint64, size: int) -> np.ndarray:
    """``base**i`` mod 2**64 for ``i < size``, in log2(size) vectorised doubling steps."""
    out = np.ones(size, dtype=np.uint64)
    filled = 1
    with np.errstate(over="ignore"):
        while filled < size:
            take = min(filled, size - filled)
            out[filled : filled + take] = out[:take] * (out[filled - 1] * base)  # times base**filled
            filled += take
    return out


def kgram_hashes(text: str | np.ndarray, k: int) -> np.ndarray:
    """64-bit hash of every window ``text[i:i+k]`` (length ``len(text) - k + 1``, or 0).

    The polynomial ``sum(c[i+j] * P**(k-1-j))`` (mod 2**64) of every window comes
    from one prefix sum (:func:`rolling_prefix`): exact in wrap-around arithmetic,
    so the values are those of the k-step Horner loop at a fraction of its cost.
    """
    return window_hashes(rolling_prefix(codes_of(text) if isinstance(text, str) else text), k)


def rolling_prefix(codes: np.ndarray) -> np.ndarray:
    """``S[t] = sum(c[u] * Q**u for u < t)`` (mod 2**64, ``Q = P**-1``): shared by the hashes of every ``k``."""
    if codes.dtype != np.uint32:  # uint32 code points widen inside the multiply, with no copy first
        codes = codes.astype(np.uint64, copy=False)
    _, q = _powers(len(codes) + 1)
    prefix = np.empty(len(codes) + 1, dtype=np.uint64)
    prefix[0] = 0
    with np.errstate(over="ignore"):
        terms = np.multiply(codes, q[: len(codes)], dtype=np.uint64)
        np.cumsum(terms, dtype=np.uint64, out=prefix[1:])
    return prefix


def _mix64_inplace(x: np.ndarray) -> np.ndarray:
    """:func:`mix64` overwriting ``x`` (a fresh array of the caller's): one temporary instead of five."""
    with np.errstate(over="ignore"):
        x ^= x >> np.uint64(30)
        x *= _M1
        x ^= x >> np.uint64(27)
        x *= _M2
        x ^= x >> np.uint64(31)
    return x


def window_hashes(prefix: np.ndarray, k: int, mix: bool = True) -> np.ndarray:
    """:func:`kgram_hashes` from a :func:`rolling_prefix`: ``(S[i+k] - S[i]) * P**(i+k-1)``, mixed.

    ``mix=False`` gives the bare polynomial (not the scheme's hash: for in-process
    look-up filters that read its low bits, which every character of the window sets).
    The arithmetic runs in place on the one fresh array (a report hashes its stream
    for three window lengths).
    """
    n = len(prefix) - k
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    p, _ = _powers(len(prefix))
    with np.errstate(over="ignore"):
        h = np.subtract(prefix[k:], prefix[:n])
        h *= p[k - 1 : k - 1 + n]
        if not mix:
            return h
        h += np.uint64(k)
        return _mix64_inplace(h)


def _kgram_hashes_horner(text: str | np.ndarray, k: int) -> np.ndarray:
    """Reference form of :func:`kgram_hashes` (the k-step Horner loop); tests compare the two."""
    codes = codes_of(text) if isinstance(text, str) else text.astype(np.uint64, copy=False)
    n = len(codes) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            h = h * _P + codes[j : j + n]
        return mix64(h + np.uint64(k))


def clean_windows(template: np.ndarray, k: int) -> np.ndarray:
    """True for windows of length ``k`` that contain no template character."""
    n = len(template) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=bool)
    csum = np.zeros(len(template) + 1, dtype=np.int32)  # a count of at most the length: int32 suffices
    np.cumsum(template, dtype=np.int32, out=csum[1:])
    return csum[k : k + n] == csum[:n]


def oph_sketch(hashes: np.ndarray, bins: int) -> np.ndarray | None:
    """One-permutation MinHash of a set of 64-bit shingle hashes (uint32 per bin).

    Returns None for an empty set. Empty bins borrow the value of the next
    non-empty bin (circularly), re-mixed with the distance so that two documents
    with the same empty pattern do not collide trivially.
    """
    if len(hashes) == 0:
        return None
    bin_of = ((hashes >> np.uint64(32)) * np.uint64(bins)) >> np.uint64(32)
    value = (hashes & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    sig = np.full(bins, _EMPTY, dtype=np.uint32)
    np.minimum.at(sig, bin_of.view(np.int64), value)  # bins fit int64: the view is the same numbers
    return _densify(sig, bins)


def oph_sketch_sorted(ordered: np.ndarray, bins: int) -> np.ndarray | None:
    """:func:`oph_sketch` of hashes already sorted ascending (the same signature, without a scatter).

    A hash's bin grows with its top word, so in sorted order every bin is one run:
    the minimum of each run's low words is one ``reduceat``. A caller that sorts
    the hashes anyway (to count the distinct ones) saves the indexed minimum.
    """
    if len(ordered) == 0:
        return None
    bin_of = ((ordered >> np.uint64(32)) * np.uint64(bins)) >> np.uint64(32)
    starts = np.flatnonzero(np.concatenate(([True], bin_of[1:] != bin_of[:-1])))
    sig = np.full(bins, _EMPTY, dtype=np.uint32)
    sig[bin_of[starts].view(np.int64)] = np.minimum.reduceat((ordered & np.uint64(0xFFFFFFFF)).astype(np.uint32),
                                                             starts)
    return _densify(sig, bins)


def _densify(sig: np.ndarray, bins: int) -> np.ndarray:
    """Fill the empty bins of a one-permutation sketch (rotation densification, see :func:`oph_sketch`)."""
    empty = sig == _EMPTY
    if empty.any():
        full = np.flatnonzero(~empty)
        for b in np.flatnonzero(empty):
            nxt = full[np.searchsorted(full, b) % len(full)]
            dist = (nxt - b) % bins
            mixed = mix64(np.array([int(sig[nxt]) * 131 + int(dist)], dtype=np.uint64))[0]
            sig[b] = np.uint32(int(mixed) & 0xFFFFFFFE)
    return sig


def band_keys(sig: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One uint32 key per LSH band: a hash of the band's ``rows`` MinHash values and its index.

    ``sig`` is one signature (shape ``(bins,)`` → ``(bands,)``) or a matrix of them
    (``(n, bins)`` → ``(n, bands)``).
    """
    vals = sig[..., : bands * rows].astype(np.uint64).reshape(*sig.shape[:-1], bands, rows)
    with np.errstate(over="ignore"):
        h = np.broadcast_to(np.arange(bands, dtype=np.uint64) + np.uint64(0x9E3779B97F4A7C15), vals.shape[:-1])
        for r in range(rows):
            h = mix64(h * _P + vals[..., r])
    return (h >> np.uint64(32)).astype(np.uint32)


def estimate_jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Share of equal bins: an unbiased estimate of the Jaccard similarity of the shingle sets."""
    return float(np.mean(sig_a == sig_b))
