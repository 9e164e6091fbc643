"""The masked content stream every duplicate measure works on.

A report copied from last year usually differs from its source only in years,
figures, the agency's own name and punctuation. So each document becomes one
string of *content characters* (CJK, Latin letters, digits), built from the
normalised text of every block (:mod:`gkreview.normalize`: NFKC, t2s, aliases),
where

- a year (``2009``, ``二〇一〇``) becomes one YEAR token,
- any other number becomes one NUM token,
- the document's own agency name and every administrative place name become one
  PLACE token,
- punctuation, whitespace and list markers (``一、``, ``(三)``, ``1.``) disappear.

A copy with only the year changed is then identical, and a copy from another
region matches whether or not the other region's name was replaced. Every
character of the stream keeps the offset of the original character it came from
(``orig``), so passages are reported in the file's own text and script.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from gkreview.data.boilerplate import AGENCY_ABBREVIATIONS
from gkreview.document import Document, Paragraph, Table
from gkreview.normalize import NormText, norm, normalize

if TYPE_CHECKING:
    from gkreview.dedup.boilerplate import Boilerplate

# Private-use code points: never produced by normalisation of real text.
YEAR = "\ue000"
NUM = "\ue001"
PLACE = "\ue002"
TOKEN_CHARS = frozenset({YEAR, NUM, PLACE})

_TOKEN_RE = re.compile(
    r"(?P<list>^\s*(?:第[一二三四五六七八九十\d]{1,3}[篇部分章]{1,2}[:、.]?|[一二三四五六七八九十]{1,3}[、.:]|\(?[一二三四五六七八九十]{1,3}\)|\(\d{1,2}\)|\d{1,2}[、.](?!\d))\s*)"
    r"|(?P<year>(?<!\d)(?:19|20)\d{2}(?!\d)|二[〇○零Oo0][一二三四五六七八九〇○零Oo0]{2}(?=年))"
    r"|(?P<num>\d+(?:[.,]\d+)*)",
    re.MULTILINE,
)
_NUMERIC_CELL_RE = re.compile(r"^[\s\d.,%+\-/—－()]*$")


def _content_mask(codes: np.ndarray) -> np.ndarray:
    """True for characters that carry content: CJK ideographs, 〇, ASCII letters and digits."""
    return (
        ((codes >= 0x4E00) & (codes <= 0x9FFF))
        | ((codes >= 0x3400) & (codes <= 0x4DBF))
        | ((codes >= 0xF900) & (codes <= 0xFAFF))
        | (codes == 0x3007)
        | ((codes >= 0x30) & (codes <= 0x39))
        | ((codes >= 0x41) & (codes <= 0x5A))
        | ((codes >= 0x61) & (codes <= 0x7A))
        | ((codes >= 0xE000) & (codes <= 0xE002))
    )


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).copy()


def agency_variants(agency: str | None) -> list[str]:
    """Normalised spellings of an agency name, long and abbreviated, longest first."""
    if not agency:
        return []
    base = norm(agency).strip()
    variants = {base}
    for long, short in AGENCY_ABBREVIATIONS.items():
        for v in list(variants):
            if long in v:
                variants.add(v.replace(long, short))
            elif short in v:
                variants.add(v.replace(short, long))
    return sorted((v for v in variants if len(v) >= 2), key=len, reverse=True)


def mask_string(text: str, agencies: Iterable[str] = ()) -> tuple[str, np.ndarray]:
    """Mask one normalised string; return the masked stream and, per character, its index in ``text``."""
    from gkreview.dedup.places import find_places

    if not text:
        return "", np.zeros(0, dtype=np.int64)
    codes = _codes(text)
    keep = _content_mask(codes)
    taken = np.zeros(len(codes), dtype=bool)

    def token(start: int, end: int, char: str) -> None:
        codes[start] = ord(char)
        keep[start] = True
        keep[start + 1 : end] = False
        taken[start:end] = True

    for agency in agencies:
        pos = text.find(agency)
        while pos >= 0:
            if not taken[pos : pos + len(agency)].any():
                token(pos, pos + len(agency), PLACE)
            pos = text.find(agency, pos + len(agency))
    for hit in find_places(text):
        if not taken[hit.start : hit.end].any():
            token(hit.start, hit.end, PLACE)
    for m in _TOKEN_RE.finditer(text):
        s, e = m.span()
        if taken[s:e].any():
            continue
        if m.lastgroup == "list":
            keep[s:e] = False
            taken[s:e] = True
        else:
            token(s, e, YEAR if m.lastgroup == "year" else NUM)
    idx = np.flatnonzero(keep)
    return codes[idx].tobytes().decode("utf-32-le"), idx


@dataclass
class MaskedText:
    """A document's masked content stream with its map back to the file.

    ``orig[i]`` is the offset in the file text of masked character ``i``;
    ``template[i]`` says whether it belongs to national-template or corpus
    boilerplate. ``original`` is the document's original text and ``base`` the
    file offset of its first character, so spans can be quoted without the file.
    ``blocks`` marks where each block starts in the stream (for locations).
    """

    text: str
    orig: np.ndarray
    template: np.ndarray
    original: str
    base: int
    block_starts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.text)

    @property
    def content_chars(self) -> int:
        """Number of non-template characters: the denominator of every 复制比."""
        return int(len(self.text) - int(self.template.sum()))

    def file_span(self, start: int, end: int) -> tuple[int, int]:
        """File offsets covering masked ``[start, end)``."""
        if end <= start or not len(self.orig):
            return self.base, self.base
        return int(self.orig[start]), int(self.orig[end - 1]) + 1

    def quote(self, start: int, end: int) -> str:
        """The original characters behind masked ``[start, end)``."""
        s, e = self.file_span(start, end)
        return self.original[s - self.base : e - self.base]

    @cached_property
    def places(self) -> list[tuple[int, int, str, tuple[str, ...]]]:
        """Place names in the original text as ``(file start, file end, name, adcodes)`` (computed once)."""
        from gkreview.dedup.places import find_places

        return [(h.start + self.base, h.end + self.base, h.name, h.codes) for h in find_places(self.original)]

    def block_of(self, pos: int) -> int:
        """Index of the block the masked character ``pos`` came from."""
        return int(np.searchsorted(self.block_starts, pos, side="right") - 1)

    def to_json(self) -> dict[str, object]:
        """Compact JSON form: offsets and template flags as runs, not per character."""
        orig = self.orig.astype(np.int64)
        breaks = np.flatnonzero(np.diff(orig) != 1) + 1 if len(orig) else np.zeros(0, dtype=np.int64)
        starts = np.concatenate([[0], breaks]) if len(orig) else breaks
        tpl = self.template.astype(np.int8)
        edges = np.flatnonzero(np.diff(np.concatenate([[0], tpl, [0]])))
        return {
            "text": self.text,
            "orig_runs": [[int(s), int(orig[s])] for s in starts],
            "template_runs": [[int(a), int(b)] for a, b in zip(edges[::2], edges[1::2], strict=True)],
            "original": self.original,
            "base": self.base,
            "block_starts": [int(x) for x in self.block_starts],
        }

    @classmethod
    def from_json(cls, d: dict[str, object]) -> MaskedText:
        """Inverse of :meth:`to_json`."""
        text = str(d["text"])
        n = len(text)
        runs = np.asarray(d["orig_runs"], dtype=np.int64).reshape(-1, 2)
        orig = np.zeros(n, dtype=np.int64)
        if n:
            lengths = np.diff(np.concatenate([runs[:, 0], [n]]))
            orig = np.repeat(runs[:, 1] - runs[:, 0], lengths) + np.arange(n)
        template = np.zeros(n, dtype=bool)
        for a, b in d["template_runs"]:  # type: ignore[union-attr]
            template[a:b] = True
        return cls(text, orig, template, str(d["original"]), int(d["base"]),  # type: ignore[arg-type]
                   np.asarray(d.get("block_starts", []), dtype=np.int64))  # type: ignore[union-attr]


def _block_pieces(block: Paragraph | Table) -> list[tuple[NormText, int, int]]:
    """(normalised text, file offset of its original, numbering shift) for one block.

    Numeric table cells are left out: figures are compared by the identical-tables
    signal, and a masked grid of numbers would match every other report's grid.
    """
    if isinstance(block, Paragraph):
        shift = len(block.numbering) if block.numbering else 0
        return [(block.normalized, block.start, shift)]
    pieces: list[tuple[NormText, int, int]] = []
    for row in block.rows:
        for cell in row:
            if cell.is_copy or not cell.text.strip() or _NUMERIC_CELL_RE.match(cell.text):
                continue
            start = cell.start if cell.start is not None else block.start
            pieces.append((normalize(cell.text), start, 0))
    return pieces


def _marker(template_marker: object | None) -> Boilerplate:
    from gkreview.dedup.boilerplate import Boilerplate, default_boilerplate

    return template_marker if isinstance(template_marker, Boilerplate) else default_boilerplate()


def _mask_pieces(pieces: list[tuple[NormText, int, int]], agencies: list[str]
                 ) -> tuple[str, np.ndarray, list[tuple[int, int]], np.ndarray]:
    """Mask many normalised pieces in one pass (per-call overhead dominates for short cells).

    Returns the masked stream, the file offset of each masked character, each
    piece's ``[start, end)`` in the stream and the stream position where each
    piece starts (for block boundaries).
    """
    if not pieces:
        return "", np.zeros(0, dtype=np.int64), [], np.zeros(0, dtype=np.int64)
    joined = "\n".join(nt.text for nt, _, _ in pieces)
    offs = []
    piece_start = []
    pos = 0
    for nt, start, shift in pieces:
        o = np.asarray(nt.offsets[: len(nt.text)], dtype=np.int64) - shift
        offs.append(np.maximum(o, 0) + start)
        offs.append(np.array([-1], dtype=np.int64))  # the joining newline (never kept)
        piece_start.append(pos)
        pos += len(nt.text) + 1
    file_off = np.concatenate(offs)
    masked, idx = mask_string(joined, agencies)
    orig = file_off[idx]
    piece_of = np.searchsorted(np.asarray(piece_start), idx, side="right") - 1
    first = np.searchsorted(piece_of, np.arange(len(pieces)), side="left")
    last = np.searchsorted(piece_of, np.arange(len(pieces)), side="right")
    spans = [(int(a), int(b)) for a, b in zip(first, last, strict=True) if b > a]
    return masked, orig, spans, first


def mask_document(doc: Document, template_marker: object | None = None) -> MaskedText:
    """Build the masked stream of a document and mark its template characters.

    ``template_marker`` is a :class:`gkreview.dedup.boilerplate.Boilerplate` (the
    default model when None). Each paragraph and table cell is one *piece*: short
    template labels count only when they fill a whole piece.
    """
    pieces: list[tuple[NormText, int, int]] = []
    block_first_piece: list[int] = []
    for block in doc.blocks:
        block_first_piece.append(len(pieces))
        pieces.extend(_block_pieces(block))
    text, orig, spans, piece_pos = _mask_pieces(pieces, agency_variants(doc.agency))
    block_starts = [int(piece_pos[i]) if i < len(piece_pos) else len(text) for i in block_first_piece]
    s, _ = doc.span
    e = doc.span[1]
    return MaskedText(text, orig, _marker(template_marker).mark(text, spans), doc.source.text[s:e], s,
                      np.asarray(block_starts, dtype=np.int64))


def mask_plain(text: str, agency: str | None = None, template_marker: object | None = None) -> MaskedText:
    """Masked stream of a bare string (benchmarks, model building); each line is a piece.

    Offsets index ``text`` itself (``base`` 0).
    """
    pieces: list[tuple[NormText, int, int]] = []
    pos = 0
    for line in text.split("\n"):
        pieces.append((normalize(line), pos, 0))
        pos += len(line) + 1
    masked, orig, spans, _ = _mask_pieces(pieces, agency_variants(agency))
    return MaskedText(masked, orig, _marker(template_marker).mark(masked, spans), text, 0,
                      np.zeros(1, dtype=np.int64))
