"""Stock text of one batch: passages that many agencies of the folder print, such as a county's model text.

The departments of one county write their reports from the same model text (the
county 政务公开办's 参考文本: intro, 总体情况 paragraphs, 存在问题 and 下一步 wording),
put their own name in and add their own work. The national template phrases and the
shipped corpus model (:mod:`gkreview.dedup.boilerplate`) cannot know a county's model
text, so two honest departments of that county would share most of their non-template
text and look like copies of each other. Text that at least ``min_agencies`` distinct
agencies of the batch print is therefore treated like template text: left out of
every 复制比, shown greyed. A real copy is text that one or two agencies share, so it
still counts.

Per document only a sample of its masked 13-gram hashes travels to the batch
(:func:`sample`: those whose low bits are zero, about one in :data:`SAMPLE_RATE`,
as 32-bit prefixes, a few kilobytes), so the batch counts agencies per sampled
hash without reading any document's stream (:func:`frequent`). A comparison then
marks in its stream the sampled windows the batch found frequent and fills the
short gaps between them (:func:`with_stock`): inside a shared passage the sampled
windows lie a few characters apart, so the whole passage is marked (with a margin of
:data:`EDGE` characters for the unsampled windows at its ends).
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from dataclasses import replace

import numpy as np

from gkreview.dedup.minhash import clean_windows, sorted_unique
from gkreview.dedup.shingle import MaskedText

K = 13  # window length: the alignment's minimum match, so a stock passage is one the alignment would find
SAMPLE_BITS = 2
SAMPLE_RATE = 1 << SAMPLE_BITS
_SAMPLE_MASK = np.uint64(SAMPLE_RATE - 1)
# Frequent sampled windows at most this far apart are one stock passage (a gap of one sampled window
# longer than K happens at about 2 % of positions at rate 1/4; a filled gap of under 2K characters
# between two stock windows is a name or figure the copies differ in).
FILL = 2 * K
# A passage's first sampled window lies on average SAMPLE_RATE - 1 characters after its start, and its last
# before its end: marks reach this far beyond them, so a stock passage leaves at most a few characters unmarked.
EDGE = 2 * SAMPLE_RATE - 2


def sample(masked: MaskedText) -> np.ndarray:
    """Sorted distinct 32-bit prefixes of the sampled non-template ``K``-gram hashes of a stream."""
    h = masked.kgrams(K)
    if not len(h):
        return np.zeros(0, dtype=np.uint32)
    keep = clean_windows(masked.template, K) & ((h & _SAMPLE_MASK) == 0)
    return sorted_unique((h[keep] >> np.uint64(32)).astype(np.uint32))


def encode(values: np.ndarray) -> str:
    """base64 of the little-endian uint32 array (JSON-safe)."""
    return base64.b64encode(np.asarray(values, dtype="<u4").tobytes()).decode("ascii")


def decode(text: str | None) -> np.ndarray:
    """Inverse of :func:`encode` (empty for a summary written without a sample)."""
    if not text:
        return np.zeros(0, dtype=np.uint32)
    return np.frombuffer(base64.b64decode(text), dtype="<u4").astype(np.uint32, copy=False)


def frequent(samples: Iterable[tuple[str, np.ndarray]], min_agencies: int) -> np.ndarray:
    """Sampled hashes that at least ``min_agencies`` distinct agency keys print (sorted uint32).

    ``samples`` are ``(agency key, sample)``; one agency's several reports (its years,
    a re-upload) count once, so a body that copies itself never makes its own text stock.
    """
    per_agency: dict[str, list[np.ndarray]] = {}
    for key, values in samples:
        per_agency.setdefault(key, []).append(values)
    if min_agencies <= 0 or len(per_agency) < min_agencies:
        return np.zeros(0, dtype=np.uint32)
    # a sample is already sorted and distinct (:func:`sample`): only an agency of several reports needs a union
    merged = [v[0] if len(v) == 1 else sorted_unique(np.concatenate(v)) for v in per_agency.values()]
    # each agency holds a hash at most once, so a hash is frequent where its run in the sorted union reaches
    # min_agencies: equal to the entry min_agencies - 1 further on (no counts of the other ~99 % needed)
    ordered = np.sort(np.concatenate(merged))
    m = min_agencies - 1
    if len(ordered) <= m:
        return np.zeros(0, dtype=np.uint32)
    return sorted_unique(ordered[m:][ordered[m:] == ordered[: len(ordered) - m]]).astype(np.uint32)


def _in_sorted(values: np.ndarray, ordered: np.ndarray) -> np.ndarray:
    """Per entry of ``values``: whether the sorted array ``ordered`` holds it (a binary search each)."""
    if not len(ordered):
        return np.zeros(len(values), dtype=bool)
    pos = np.searchsorted(ordered, values)
    pos[pos == len(ordered)] = 0
    return ordered[pos] == values


def members(values: np.ndarray, stock_hashes: np.ndarray) -> np.ndarray:
    """The entries of ``values`` found in the sorted ``stock_hashes`` (no re-sort of either)."""
    return values[_in_sorted(values, stock_hashes)]


def shared_own(values: np.ndarray, stock_part: np.ndarray | None, other: np.ndarray) -> int:
    """How many of the sampled hashes ``values`` that are not stock (``stock_part``, see :func:`members`) the
    sample ``other`` holds too: about one in :data:`SAMPLE_RATE` of the own windows two documents share."""
    own = values if stock_part is None or not len(stock_part) else values[~_in_sorted(values, stock_part)]
    return int(np.count_nonzero(_in_sorted(own, other)))


def flags(masked: MaskedText, stock: np.ndarray) -> np.ndarray:
    """Per masked character: inside a passage of stock text (sampled windows in ``stock``, gaps filled)."""
    n = len(masked)
    out = np.zeros(n, dtype=bool)
    if not len(stock) or n < K:
        return out
    h = masked.kgrams(K)
    sampled = np.flatnonzero((h & _SAMPLE_MASK) == 0)
    starts = sampled[_in_sorted((h[sampled] >> np.uint64(32)).astype(np.uint32), stock)]
    if not len(starts):
        return out
    breaks = np.flatnonzero(np.diff(starts) > FILL) + 1
    first = np.maximum(starts[np.concatenate([[0], breaks])] - EDGE, 0)
    last = np.minimum(starts[np.concatenate([breaks - 1, [len(starts) - 1]])] + K + EDGE, n)
    diff = np.zeros(n + 1, dtype=np.int64)
    np.add.at(diff, first, 1)
    np.add.at(diff, last, -1)
    return np.cumsum(diff[:n]) > 0


def with_stock(masked: MaskedText, stock: np.ndarray) -> MaskedText:
    """The stream with its stock passages marked as template (a new object; hashes and indexes are shared)."""
    marked = flags(masked, stock)
    if not marked.any():
        return masked
    return replace(masked, template=masked.template | marked, _template_prefix=None)
