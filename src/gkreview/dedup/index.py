"""A compact, incremental on-disk index for finding earlier reports that a new one reuses.

Built once over a national archive and updated each year: add this year's
reports, query them against all earlier years. Per report it stores only the LSH
band keys of its one-permutation MinHash (``bands`` x 4 bytes), its id in each
band's sorted array (``bands`` x 4 bytes), its year, an agency id and its key
(path#segment): about 400 bytes with the defaults, against ~3.6 KB for
datasketch's in-memory MinHashLSH with 128 permutations.

Layout. Band ``b`` of every report lives in one sorted uint32 array (keys) with a
parallel uint32 array (report ids), so a query is ``bands`` binary searches. The
file is a small JSON header (hash scheme and version, parameters, array table)
followed by raw little-endian arrays, so :meth:`DuplicateIndex.load` memory-maps
it and a query touches only the pages it searches.

Candidates are ranked by how many bands collide: with ``rows`` values per band,
``E[hits] = bands * J**rows``, so ``(hits / bands) ** (1 / rows)`` estimates the
Jaccard similarity of the masked, template-free shingle sets. The exact 复制比
comes afterwards from :func:`gkreview.dedup.compare.compare_masked`.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from gkreview.dedup.minhash import (
    SCHEME,
    SCHEME_VERSION,
    band_keys,
    clean_windows,
    kgram_hashes,
    oph_sketch,
    sorted_unique,
)
from gkreview.dedup.shingle import MaskedText

MAGIC = b"GKDUPIX1"
FORMAT_VERSION = 1
DEFAULT_PARAMS = {"k": 9, "bins": 96, "bands": 48, "rows": 2}
_ALIGN = 64


@dataclass(frozen=True, slots=True)
class Candidate:
    """An indexed report that may share text with the query."""

    key: str
    year: int | None
    agency: str | None
    bands: int
    jaccard: float
    id: int


def sketch(masked: MaskedText | str, template: np.ndarray | None = None, *, k: int = 9,
           bins: int = 96) -> np.ndarray | None:
    """One-permutation MinHash of the template-free k-grams of a masked stream (None if too short)."""
    text = masked.text if isinstance(masked, MaskedText) else masked
    tpl = masked.template if isinstance(masked, MaskedText) else template
    hashes = kgram_hashes(text, k)
    if tpl is not None and len(hashes):
        hashes = hashes[clean_windows(tpl, k)]
    return oph_sketch(hashes, bins)


def encode_signature(sig: np.ndarray | None) -> str | None:
    """Base64 of the uint32 signature (for JSON summaries)."""
    return None if sig is None else base64.b64encode(sig.astype("<u4").tobytes()).decode("ascii")


def decode_signature(text: str | None) -> np.ndarray | None:
    """Inverse of :func:`encode_signature`."""
    return None if not text else np.frombuffer(base64.b64decode(text), dtype="<u4").astype(np.uint32)


class DuplicateIndex:
    """MinHash-LSH index of reports: build, add, query, save, load.

    >>> idx = DuplicateIndex()
    >>> idx.add_text("a#1", "本局全年共开展政府信息公开专题培训三次重点讲解保密审查流程", year=2020)
    True
    >>> [c.key for c in idx.query_text("本局全年共开展政府信息公开专题培训三次重点讲解保密审查流程")]
    ['a#1']
    """

    def __init__(self, k: int = 9, bins: int = 96, bands: int = 48, rows: int = 2) -> None:
        if bands * rows > bins:
            raise ValueError("bands * rows must not exceed bins")
        self.params = {"k": k, "bins": bins, "bands": bands, "rows": rows}
        self._keys_sorted = np.zeros((bands, 0), dtype=np.uint32)
        self._ids_sorted = np.zeros((bands, 0), dtype=np.uint32)
        self._years = np.zeros(0, dtype=np.uint16)
        self._agency_ids = np.zeros(0, dtype=np.int32)
        self._key_blob = bytearray()
        self._key_offsets: list[int] | np.ndarray = [0]
        self._agencies: list[str] = []
        self._agency_index: dict[str, int] = {}
        self._pending_rows: list[np.ndarray] = []

    # --- sizes -----------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._key_offsets) - 1

    @property
    def bands(self) -> int:
        """Number of LSH bands."""
        return self.params["bands"]

    def key(self, i: int) -> str:
        """The key of report ``i``."""
        return bytes(self._key_blob[int(self._key_offsets[i]) : int(self._key_offsets[i + 1])]).decode("utf-8")

    # --- adding ----------------------------------------------------------------------------------
    def _agency_id(self, agency: str | None) -> int:
        if not agency:
            return -1
        if agency not in self._agency_index:
            self._agency_index[agency] = len(self._agencies)
            self._agencies.append(agency)
        return self._agency_index[agency]

    def add_signatures(self, keys: list[str], sigs: np.ndarray, years: Iterable[int | None] | None = None,
                       agencies: Iterable[str | None] | None = None) -> None:
        """Add many reports at once from their MinHash signatures (``(n, bins)`` uint32)."""
        sigs = np.asarray(sigs, dtype=np.uint32).reshape(len(keys), -1)
        bk = band_keys(sigs, self.params["bands"], self.params["rows"])
        years_l = list(years) if years is not None else [None] * len(keys)
        agencies_l = list(agencies) if agencies is not None else [None] * len(keys)
        if not isinstance(self._key_offsets, list):
            self._key_offsets = [int(x) for x in self._key_offsets]
        for key in keys:
            self._key_blob += key.encode("utf-8")
            self._key_offsets.append(len(self._key_blob))
        self._years = np.concatenate([self._years, np.array([y or 0 for y in years_l], dtype=np.uint16)])
        self._agency_ids = np.concatenate([self._agency_ids,
                                           np.array([self._agency_id(a) for a in agencies_l], dtype=np.int32)])
        self._pending_rows.append(bk)

    def add_masked(self, key: str, masked: MaskedText, year: int | None = None, agency: str | None = None) -> bool:
        """Add one report from its masked stream; False when it is too short to sketch."""
        sig = sketch(masked, k=self.params["k"], bins=self.params["bins"])
        if sig is None:
            return False
        self.add_signatures([key], sig[None, :], [year], [agency])
        return True

    def add_text(self, key: str, text: str, year: int | None = None, agency: str | None = None) -> bool:
        """Add a bare text (masked and template-marked like a report)."""
        from gkreview.dedup.shingle import mask_plain

        return self.add_masked(key, mask_plain(text, agency), year, agency)

    def add(self, item: Any, key: str | None = None) -> bool:
        """Add a :class:`~gkreview.document.Document` or a duplicates summary dict."""
        key, sig, year, agency = self._coerce(item, key)
        if sig is None:
            return False
        self.add_signatures([key], sig[None, :], [year], [agency])
        return True

    @classmethod
    def build(cls, items: Iterable[Any], **params: int) -> DuplicateIndex:
        """A new index over documents or summaries."""
        idx = cls(**params)
        for item in items:
            idx.add(item)
        return idx

    def _coerce(self, item: Any, key: str | None) -> tuple[str, np.ndarray | None, int | None, str | None]:
        from gkreview.document import Document

        if isinstance(item, Document):
            from gkreview.dedup.shingle import mask_document

            sig = sketch(mask_document(item), k=self.params["k"], bins=self.params["bins"])
            return key or f"{item.path}#{item.segment}", sig, item.year, item.agency
        if isinstance(item, dict):
            if item.get("scheme") not in (None, SCHEME):
                raise ValueError(f"summary was made with hash scheme {item.get('scheme')}; re-summarize it")
            masked = MaskedText.from_json(item["masked"])
            sig = sketch(masked, k=self.params["k"], bins=self.params["bins"])
            return key or f"{item.get('path')}#{item.get('segment', 0)}", sig, item.get("year"), item.get("agency")
        raise TypeError(f"cannot index {type(item).__name__}")

    def _flush(self) -> None:
        """Merge pending band keys into the sorted per-band arrays."""
        if not self._pending_rows:
            return
        new = np.concatenate(self._pending_rows, axis=0)  # (m, bands)
        self._pending_rows = []
        n_old = self._keys_sorted.shape[1]
        new_ids = np.arange(n_old, n_old + len(new), dtype=np.uint32)
        keys = np.concatenate([np.asarray(self._keys_sorted), new.T], axis=1)
        ids = np.concatenate([np.asarray(self._ids_sorted), np.broadcast_to(new_ids, new.T.shape)], axis=1)
        order = np.argsort(keys, axis=1, kind="stable")
        self._keys_sorted = np.take_along_axis(keys, order, axis=1)
        self._ids_sorted = np.take_along_axis(ids, order, axis=1)

    # --- querying --------------------------------------------------------------------------------
    def query_signature(self, sig: np.ndarray, *, before_year: int | None = None, exclude: str | None = None,
                        min_bands: int = 1, limit: int | None = 50) -> list[Candidate]:
        """Reports sharing at least ``min_bands`` band keys with ``sig``, most similar first.

        ``before_year`` keeps only reports of earlier years (unknown years are kept):
        the yearly update queries this year's reports against all earlier ones.
        """
        self._flush()
        q = band_keys(np.asarray(sig, dtype=np.uint32), self.params["bands"], self.params["rows"])
        hits: list[np.ndarray] = []
        for b in range(self.bands):
            row = self._keys_sorted[b]
            lo = int(np.searchsorted(row, q[b], side="left"))
            if lo < len(row) and row[lo] == q[b]:
                hi = int(np.searchsorted(row, q[b], side="right"))
                hits.append(np.asarray(self._ids_sorted[b, lo:hi]))
        if not hits:
            return []
        ids, counts = sorted_unique(np.concatenate(hits), return_counts=True)
        keep = counts >= min_bands
        if before_year is not None:
            yrs = self._years[ids]
            keep &= (yrs == 0) | (yrs < before_year)
        ids, counts = ids[keep], counts[keep]
        order = np.argsort(-counts, kind="stable")
        out: list[Candidate] = []
        rows = self.params["rows"]
        for i in order[: None if limit is None else limit + 1]:
            rid = int(ids[i])
            key = self.key(rid)
            if key == exclude:
                continue
            aid = int(self._agency_ids[rid])
            year = int(self._years[rid]) or None
            out.append(Candidate(key, year, self._agencies[aid] if aid >= 0 else None, int(counts[i]),
                                 float((counts[i] / self.bands) ** (1 / rows)), rid))
        return out[:limit] if limit is not None else out

    def query(self, item: Any, **kw: Any) -> list[Candidate]:
        """Candidates for a Document or a duplicates summary (see :meth:`query_signature`)."""
        key, sig, _, _ = self._coerce(item, None)
        if sig is None:
            return []
        kw.setdefault("exclude", key)
        return self.query_signature(sig, **kw)

    def query_text(self, text: str, **kw: Any) -> list[Candidate]:
        """Candidates for a bare text."""
        from gkreview.dedup.shingle import mask_plain

        sig = sketch(mask_plain(text), k=self.params["k"], bins=self.params["bins"])
        return [] if sig is None else self.query_signature(sig, **kw)

    # --- persistence -----------------------------------------------------------------------------
    def _arrays(self) -> dict[str, np.ndarray]:
        self._flush()
        return {
            "band_keys": np.ascontiguousarray(self._keys_sorted, dtype="<u4"),
            "band_ids": np.ascontiguousarray(self._ids_sorted, dtype="<u4"),
            "years": np.ascontiguousarray(self._years, dtype="<u2"),
            "agency_ids": np.ascontiguousarray(self._agency_ids, dtype="<i4"),
            "key_offsets": np.asarray(self._key_offsets, dtype="<u8"),
            "key_blob": np.frombuffer(bytes(self._key_blob), dtype=np.uint8),
        }

    def save(self, path: str | os.PathLike[str]) -> int:
        """Write the index (atomically: temp file then rename); returns its size in bytes."""
        arrays = self._arrays()
        table: dict[str, dict[str, Any]] = {}
        offset = 0
        for name, arr in arrays.items():
            table[name] = {"dtype": arr.dtype.str, "shape": list(arr.shape), "offset": offset}
            offset += -(-arr.nbytes // _ALIGN) * _ALIGN
        header = json.dumps({"format": "gkreview-duplicate-index", "format_version": FORMAT_VERSION,
                             "scheme": SCHEME, "scheme_version": SCHEME_VERSION, "params": self.params,
                             "n": len(self), "agencies": self._agencies, "arrays": table},
                            ensure_ascii=False).encode("utf-8")
        start = -(-(len(MAGIC) + 8 + len(header)) // _ALIGN) * _ALIGN
        path = Path(path)
        tmp = path.with_suffix(path.suffix + ".tmp")
        with open(tmp, "wb") as fh:
            fh.write(MAGIC)
            fh.write(len(header).to_bytes(8, "little"))
            fh.write(header)
            fh.write(b"\0" * (start - fh.tell()))
            for name, arr in arrays.items():
                fh.seek(start + table[name]["offset"])
                fh.write(arr.tobytes())
            fh.truncate(start + offset)
        os.replace(tmp, path)
        return path.stat().st_size

    @classmethod
    def load(cls, path: str | os.PathLike[str], mmap: bool = True) -> DuplicateIndex:
        """Open an index file; refuse one written with another hash scheme or format."""
        with open(path, "rb") as fh:
            if fh.read(len(MAGIC)) != MAGIC:
                raise ValueError(f"{path}: not a gkreview duplicate index")
            hlen = int.from_bytes(fh.read(8), "little")
            header = json.loads(fh.read(hlen).decode("utf-8"))
        if header.get("scheme") != SCHEME or header.get("scheme_version") != SCHEME_VERSION:
            raise ValueError(f"{path}: hash scheme {header.get('scheme')} v{header.get('scheme_version')} "
                             f"is not {SCHEME} v{SCHEME_VERSION}; sketches are not comparable, rebuild the index")
        if header.get("format_version") != FORMAT_VERSION:
            raise ValueError(f"{path}: index format {header.get('format_version')} is not {FORMAT_VERSION}")
        idx = cls(**header["params"])
        start = -(-(len(MAGIC) + 8 + hlen) // _ALIGN) * _ALIGN
        arrays: dict[str, np.ndarray] = {}
        for name, spec in header["arrays"].items():
            shape = tuple(spec["shape"])
            if not int(np.prod(shape)):
                arrays[name] = np.zeros(shape, dtype=spec["dtype"])
            elif mmap:
                arrays[name] = np.memmap(path, dtype=spec["dtype"], mode="r", offset=start + spec["offset"],
                                         shape=shape)
            else:
                with open(path, "rb") as fh:
                    fh.seek(start + spec["offset"])
                    count = int(np.prod(shape))
                    arrays[name] = np.fromfile(fh, dtype=spec["dtype"], count=count).reshape(shape)
        idx._keys_sorted = arrays["band_keys"]
        idx._ids_sorted = arrays["band_ids"]
        idx._years = np.asarray(arrays["years"], dtype=np.uint16)
        idx._agency_ids = np.asarray(arrays["agency_ids"], dtype=np.int32)
        idx._key_offsets = np.asarray(arrays["key_offsets"], dtype=np.uint64)
        idx._key_blob = bytearray(np.asarray(arrays["key_blob"]).tobytes())
        idx._agencies = list(header["agencies"])
        idx._agency_index = {a: i for i, a in enumerate(idx._agencies)}
        return idx
