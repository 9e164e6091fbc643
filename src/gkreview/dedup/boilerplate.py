"""Boilerplate: text two reports share because every report must print it.

Two sources, both excluded from every 复制比 and both shown as *template* in the
passage view:

1. The fixed text of the national templates and statutes
   (:mod:`gkreview.data.boilerplate`): headings, table labels, the 统计期限
   sentence, the 勾稽 note. Phrases are masked like reports, so the 统计期限
   sentence matches whatever years it prints.
2. A corpus model: masked k-grams that many *distinct agencies* print (their
   document frequency counted per agency, so one agency's ten copies of its own
   report do not make its text "common"). It is learned from a folder by
   ``python models/build_boilerplate.py DIR`` and stored in
   ``gkreview/models/boilerplate.npz`` with the hash scheme that made it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from gkreview.data.boilerplate import HEADINGS, SENTENCES, TABLE_LABELS
from gkreview.dedup.minhash import SCHEME, SCHEME_VERSION, codes_of, kgram_hashes, rolling_prefix, window_hashes
from gkreview.normalize import norm

MODEL_KIND = "gkreview-boilerplate"
# Shipped inside the package so a wheel install finds it too (built by models/build_boilerplate.py).
DEFAULT_MODEL = Path(__file__).resolve().parents[1] / "models" / "boilerplate.npz"
# Phrases shorter than this are template only when they fill a whole line or cell
# (其他, 规章 and 总计 are labels in a table but ordinary words in prose).
LONG_PHRASE = 6
# Prefix bits of the membership pre-filter of frequent k-gram hashes: at most a 1 MB flag table, and
# fewer bits for a smaller model (about 64 slots per hash), so that a table read once per report at
# thousands of scattered positions stays in the processor's cache between reports.
_FILTER_BITS = 20
# Low bits of the long-phrase head filter: a hundred-odd heads in 2**16 slots (a 64 KB table, for
# the same reason) let through a handful of false candidates per report, each checked exactly.
_HEAD_BITS = 16


def _paint(starts: np.ndarray, ends: np.ndarray, n: int) -> np.ndarray:
    """Boolean array of length ``n``: True inside any ``[starts[i], ends[i])`` (ends at most ``n``)."""
    if not len(starts):
        return np.zeros(n, dtype=bool)
    diff = np.bincount(starts, minlength=n + 1)[: n + 1] - np.bincount(ends, minlength=n + 1)[: n + 1]
    return np.cumsum(diff[:n]) > 0


def _flags(starts: np.ndarray, ends: np.ndarray, n: int) -> np.ndarray:
    """:func:`_paint` by writing the covered indices (spans may overlap): template text is a small
    share of a report, so this touches a few hundred positions instead of making four passes over all."""
    flags = np.zeros(n, dtype=bool)
    lengths = np.maximum(ends - starts, 0)
    total = int(lengths.sum())
    if total:
        offset = np.cumsum(lengths) - lengths  # where each span's indices begin in the output
        flags[np.repeat(starts - offset, lengths) + np.arange(total, dtype=np.int64)] = True
    return flags


@lru_cache(maxsize=1)
def _fixed_phrases() -> tuple[frozenset[str], tuple[str, ...]]:
    """(short phrases matched as whole pieces, long phrases matched anywhere), all masked."""
    from gkreview.dedup.shingle import mask_string

    short: set[str] = set()
    long: set[str] = set()
    for phrase in (*HEADINGS, *TABLE_LABELS, *SENTENCES):
        masked, _ = mask_string(norm(phrase))
        if not masked:
            continue
        (long if len(masked) >= LONG_PHRASE else short).add(masked)
    return frozenset(short | long), tuple(sorted(long, key=len, reverse=True))


@lru_cache(maxsize=1)
def _longest_whole() -> int:
    """Length of the longest fixed phrase: a longer piece cannot be one whole."""
    return max(map(len, _fixed_phrases()[0]), default=0)


@lru_cache(maxsize=1)
def _long_automaton():  # type: ignore[no-untyped-def]
    import ahocorasick

    auto = ahocorasick.Automaton()
    for phrase in _fixed_phrases()[1]:
        auto.add_word(phrase, len(phrase))
    auto.make_automaton()
    return auto


@dataclass(frozen=True)
class _LongHeads:
    """The long phrases by their first :data:`LONG_PHRASE` characters, with a flag table of those heads' hashes."""

    table: np.ndarray  # bool per low _HEAD_BITS of a head's polynomial value (window_hashes(..., mix=False))
    by_head: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def _long_heads() -> _LongHeads:
    by_head: dict[str, list[str]] = {}
    for phrase in _fixed_phrases()[1]:
        by_head.setdefault(phrase[:LONG_PHRASE], []).append(phrase)
    table = np.zeros(1 << _HEAD_BITS, dtype=bool)
    for head in by_head:
        table[_head_values(head)[0] & _LOW] = True
    return _LongHeads(table, {h: tuple(v) for h, v in by_head.items()})


_LOW = np.uint64((1 << _HEAD_BITS) - 1)


def _head_values(text: str) -> np.ndarray:
    """The bare polynomial value of every :data:`LONG_PHRASE`-character window of ``text``."""
    return window_hashes(rolling_prefix(codes_of(text)), LONG_PHRASE, mix=False)


def _long_hits(masked: str, head_values: np.ndarray) -> list[tuple[int, int]]:
    """``[start, end)`` of every occurrence of every long phrase (what the Aho-Corasick automaton reports).

    Every long phrase has at least :data:`LONG_PHRASE` characters, so an occurrence
    starts at a window whose polynomial value (``head_values``, see
    :func:`_head_values`) has the low bits of some phrase's head: one flag look-up
    per window leaves a few dozen positions (the true hits, mostly), each checked
    exactly with ``startswith``. The automaton walks every character in
    Python-visible steps and costs twice as much.
    """
    heads = _long_heads()
    out: list[tuple[int, int]] = []
    # below 2**_HEAD_BITS, so the int64 view is the same number: numpy indexes by int64 several times faster
    for p in np.flatnonzero(heads.table[(head_values & _LOW).view(np.int64)]).tolist():
        for phrase in heads.by_head.get(masked[p : p + LONG_PHRASE], ()):
            if masked.startswith(phrase, p):
                out.append((p, p + len(phrase)))
    return out


def fixed_phrase_spans(masked: str, pieces: np.ndarray, head_values: np.ndarray | None = None) -> np.ndarray:
    """``[start, end)`` (shape ``(m, 2)``) of the fixed template phrases of a stream whose pieces are disjoint,
    in order and cover it.

    The long-phrase search runs once over the whole stream and keeps the hits that
    lie inside one piece (the same hits a per-piece scan finds: a hit's first and
    last characters fall after the same piece start); whole-piece phrases are
    looked up only in pieces short enough to be one. Every span lies inside one
    piece, so a piece's spans do not depend on the pieces around it.
    """
    if not masked:
        return np.zeros((0, 2), dtype=np.int64)
    whole, long = _fixed_phrases()
    short = pieces[pieces[:, 1] - pieces[:, 0] <= _longest_whole()].tolist()
    spans = [(s, e) for s, e in short if masked[s:e] in whole]
    if long:
        if head_values is None:
            head_values = _head_values(masked)
        hits = np.array(_long_hits(masked, head_values), dtype=np.int64).reshape(-1, 2)
        piece_starts = pieces[:, 0]
        inside = (np.searchsorted(piece_starts, hits[:, 0], side="right")
                  == np.searchsorted(piece_starts, hits[:, 1] - 1, side="right"))
        spans += zip(hits[inside, 0].tolist(), hits[inside, 1].tolist(), strict=True)
    return np.array(spans, dtype=np.int64).reshape(-1, 2)


@dataclass
class Boilerplate:
    """Fixed template phrases plus an optional corpus model of frequent k-grams.

    ``hashes`` is a sorted uint64 array of masked k-gram hashes (scheme
    :data:`gkreview.dedup.minhash.SCHEME`) printed by at least ``min_agencies``
    distinct agencies of the training folder.
    """

    hashes: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    k: int = 13
    meta: dict[str, object] = field(default_factory=dict)

    @cached_property
    def _prefix_filter(self) -> np.ndarray:
        """Per top-:attr:`_filter_bits` prefix of a hash: does some frequent k-gram hash start with it?"""
        table = np.zeros(1 << self._filter_bits, dtype=bool)
        table[self.hashes.astype(np.uint64) >> np.uint64(64 - self._filter_bits)] = True
        return table

    @cached_property
    def _filter_bits(self) -> int:
        """Prefix bits of :attr:`_prefix_filter`: about 64 slots per frequent hash, 12 to :data:`_FILTER_BITS`."""
        return min(_FILTER_BITS, max(12, (len(self.hashes) * 64).bit_length()))

    def with_extra(self, phrases: Iterable[str]) -> Boilerplate:
        """A copy that also treats the given phrases as template (configuration ``duplicates.extra_boilerplate``).

        Each phrase is masked like report text and its k-grams join the frequent-passage
        hashes, so a local template sentence (a province's required wording) stops
        counting towards the 复制比 wherever it is printed.
        """
        from gkreview.dedup.shingle import mask_plain

        extra = [kgram_hashes(mask_plain(p).text, self.k) for p in phrases if p]
        extra = [h for h in extra if len(h)]
        if not extra:
            return self
        merged = np.unique(np.concatenate([self.hashes.astype(np.uint64), *[h.astype(np.uint64) for h in extra]]))
        return Boilerplate(hashes=merged, k=self.k, meta={**self.meta, "extra_phrases": len(extra)})

    def mark_piece(self, masked: str) -> np.ndarray:
        """Template flags for one masked line or table cell (fixed phrases only)."""
        flags = np.zeros(len(masked), dtype=bool)
        whole, _ = _fixed_phrases()
        if masked in whole:
            flags[:] = True
            return flags
        for end, length in _long_automaton().iter(masked):
            flags[end - length + 1 : end + 1] = True
        return flags

    def _frequent_starts(self, masked: str, hashes: np.ndarray | None) -> np.ndarray:
        """Start of every ``k``-gram the corpus model finds frequent."""
        if not len(self.hashes) or len(masked) < self.k:
            return np.zeros(0, dtype=np.int64)
        h = kgram_hashes(masked, self.k) if hashes is None else hashes
        # a flag per top-_filter_bits prefix first: a binary search for every window costs ~60 ns,
        # the flag lookup a tenth of that, and only the windows it lets through are searched
        maybe = np.flatnonzero(self._prefix_filter[(h >> np.uint64(64 - self._filter_bits)).view(np.int64)])
        pos = np.searchsorted(self.hashes, h[maybe])
        pos[pos == len(self.hashes)] = 0
        return maybe[self.hashes[pos] == h[maybe]]

    def mark_frequent(self, masked: str, hashes: np.ndarray | None = None) -> np.ndarray:
        """Template flags for characters inside a k-gram that the corpus model finds frequent.

        ``hashes`` are the stream's ``k``-gram hashes when the caller has them already.
        """
        starts = self._frequent_starts(masked, hashes)
        return _paint(starts, starts + self.k, len(masked))

    def mark(self, masked: str, pieces: Iterable[tuple[int, int]] | None = None) -> np.ndarray:
        """Template flags for a whole masked stream; ``pieces`` are its lines/cells as ``[start, end)``."""
        flags = np.zeros(len(masked), dtype=bool)
        for s, e in pieces if pieces is not None else [(0, len(masked))]:
            flags[s:e] = self.mark_piece(masked[s:e])
        return flags | self.mark_frequent(masked)

    def mark_stream(self, masked: str, pieces: np.ndarray, hashes: np.ndarray | None = None,
                    head_values: np.ndarray | None = None) -> np.ndarray:
        """:meth:`mark` for a stream whose pieces are disjoint, in order and cover it, in one pass.

        ``pieces`` holds the ``[start, end)`` of each piece (shape ``(m, 2)``): the
        fixed phrases are :func:`fixed_phrase_spans`, the corpus model's frequent
        k-grams come from ``hashes``, the stream's :attr:`k`-gram hashes when the
        caller has them already; ``head_values`` is the stream's :func:`_head_values`.
        """
        n = len(masked)
        frequent = self._frequent_starts(masked, hashes)
        if not n:
            return np.zeros(0, dtype=bool)
        bounds = fixed_phrase_spans(masked, pieces, head_values)
        return _flags(np.concatenate([bounds[:, 0], frequent]), np.concatenate([bounds[:, 1], frequent + self.k]), n)

    def mark_frequent_flags(self, masked: str, hashes: np.ndarray | None = None) -> np.ndarray:
        """:meth:`mark_frequent` written by covered index (see :func:`_flags`)."""
        starts = self._frequent_starts(masked, hashes)
        return _flags(starts, starts + self.k, len(masked))

    # --- persistence -------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        """Write the model as ``.npz``: the hashes plus a JSON header with the hash scheme."""
        header = {"kind": MODEL_KIND, "scheme": SCHEME, "scheme_version": SCHEME_VERSION, "k": self.k, **self.meta}
        with open(path, "wb") as fh:
            np.savez_compressed(fh, hashes=self.hashes.astype(np.uint64),
                                header=np.frombuffer(json.dumps(header, ensure_ascii=False).encode(), np.uint8))

    @classmethod
    def load(cls, path: str | Path) -> Boilerplate:
        """Read a model written by :meth:`save`; refuse one made with another hash scheme."""
        with np.load(path) as data:
            header = json.loads(bytes(data["header"]).decode())
            hashes = np.sort(data["hashes"].astype(np.uint64))
        if header.get("kind") != MODEL_KIND:
            raise ValueError(f"{path}: not a gkreview boilerplate model")
        if header.get("scheme") != SCHEME or header.get("scheme_version") != SCHEME_VERSION:
            raise ValueError(f"{path}: hash scheme {header.get('scheme')} v{header.get('scheme_version')} "
                             f"is not {SCHEME} v{SCHEME_VERSION}; rebuild it with models/build_boilerplate.py")
        meta = {k: v for k, v in header.items() if k not in {"kind", "scheme", "scheme_version", "k"}}
        return cls(hashes=hashes, k=int(header["k"]), meta=meta)


def learn(docs: Iterable[tuple[str, str]], *, k: int = 13, min_agencies: int = 3,
          min_share: float = 0.0) -> Boilerplate:
    """Learn frequent k-grams from ``(agency key, masked text)`` pairs.

    A k-gram is boilerplate when at least ``min_agencies`` distinct agency keys,
    and at least ``min_share`` of all agency keys, print it. Template characters
    are not removed first: a phrase the template already covers costs nothing.
    """
    per_agency: dict[str, set[int]] = {}
    for agency, masked in docs:
        hashes = kgram_hashes(masked, k)
        per_agency.setdefault(agency, set()).update(np.unique(hashes).tolist())
    n_agencies = len(per_agency)
    if not per_agency:
        return Boilerplate(k=k, meta={"n_agencies": 0, "min_agencies": min_agencies})
    all_h = np.concatenate([np.fromiter(s, dtype=np.uint64, count=len(s)) for s in per_agency.values()])
    uniq, counts = np.unique(all_h, return_counts=True)
    need = max(min_agencies, int(np.ceil(min_share * n_agencies)))
    keep = uniq[counts >= need]
    return Boilerplate(hashes=np.sort(keep), k=k,
                       meta={"n_agencies": n_agencies, "min_agencies": need, "n_hashes": len(keep)})


_DEFAULT: dict[str, Boilerplate] = {}


def default_boilerplate(path: str | Path | None = None) -> Boilerplate:
    """The model at ``path`` (or the shipped ``gkreview/models/boilerplate.npz``), else fixed phrases only; cached."""
    key = str(path or DEFAULT_MODEL)
    if key not in _DEFAULT:
        p = Path(key)
        _DEFAULT[key] = Boilerplate.load(p) if p.exists() else Boilerplate()
    return _DEFAULT[key]
