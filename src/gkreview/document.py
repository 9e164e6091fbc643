"""The document model every parser produces and every check reads.

A file becomes one :class:`SourceFile` (its original text, format, encoding, page
count and page metadata) and one or more :class:`Document` segments (a cover memo
and its attachment are two segments). A document is an ordered list of blocks,
:class:`Paragraph` and :class:`Table`; a table is a full grid with merged cells
expanded. Every block knows its span in ``SourceFile.text`` (the original, not
normalised, text of the whole file), its page and its paragraph or row number, so a
finding can say "page 3, table 2, row 一、本年新收…, column 总计" and quote the
original characters.

Each block also carries its normalised text (:mod:`gkreview.normalize`) with the
offset map back, so rules match on simplified NFKC text and report original spans.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal, TypeVar

from gkreview.normalize import NormText, normalize

Format = Literal["txt", "docx", "pdf", "html"]


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding points. Every field is optional; fill what is known.

    ``start``/``end`` are character offsets in the original text of the file
    (``SourceFile.text``); ``row``/``col`` index a table grid (0-based) and the
    labels name them as printed.
    """

    path: str | None = None
    segment: int | None = None
    page: int | None = None
    block: int | None = None
    paragraph: int | None = None
    start: int | None = None
    end: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    row_label: str | None = None
    col_label: str | None = None
    section: str | None = None

    def to_dict(self) -> dict[str, object]:
        """Only the fields that are set (for compact JSON)."""
        return {k: getattr(self, k) for k in self.__slots__ if getattr(self, k) is not None}

    def describe(self) -> str:
        """A short human label such as ``p.3 table 2 [一、本年新收…/总计]``."""
        parts: list[str] = []
        if self.segment:
            parts.append(f"seg {self.segment + 1}")
        if self.page is not None:
            parts.append(f"p.{self.page}")
        if self.section:
            parts.append(f"§{self.section}")
        if self.table is not None:
            parts.append(f"table {self.table + 1}")
            if self.row_label or self.col_label:
                parts.append(f"[{self.row_label or self.row}/{self.col_label or self.col}]")
            elif self.row is not None:
                parts.append(f"r{self.row + 1}c{(self.col or 0) + 1}")
        elif self.paragraph is not None:
            parts.append(f"¶{self.paragraph}")
        if self.start is not None and self.table is None:
            parts.append(f"@{self.start}")
        return " ".join(parts) or "file"


@dataclass(eq=False)
class Paragraph:
    """One paragraph (or text line of a PDF/txt) as printed.

    ``start``/``end`` is the paragraph's span in ``SourceFile.text``; ``index`` is
    its 1-based paragraph number in the file; ``style`` and ``numbering`` come
    from Word (e.g. ``Heading 1`` and ``一、`` from automatic numbering).
    """

    text: str
    start: int
    end: int
    index: int
    page: int | None = None
    style: str | None = None
    numbering: str | None = None
    kind: Literal["paragraph"] = "paragraph"

    @cached_property
    def normalized(self) -> NormText:
        """The normalised text (with automatic numbering prefixed) and its offset map."""
        return normalize(self.display_text)

    @property
    def display_text(self) -> str:
        """Text as a reader sees it: Word's automatic numbering plus the text."""
        return f"{self.numbering}{self.text}" if self.numbering else self.text

    @cached_property
    def norm(self) -> str:
        """Normalised text (simplified, NFKC, CJK spaces removed); a plain attribute once read (checks read it
        hundreds of times per document)."""
        return self.normalized.text

    def orig_span(self, nstart: int, nend: int) -> tuple[int, int]:
        """File offsets of the normalised range ``[nstart, nend)`` of this paragraph."""
        s, e = self.normalized.orig_span(nstart, nend)
        shift = len(self.numbering) if self.numbering else 0
        s, e = max(0, s - shift), max(0, e - shift)
        return self.start + s, self.start + e


@dataclass(eq=False)
class Cell:
    """One grid position. Merged cells are expanded: every covered position holds
    a Cell whose ``origin`` is the (row, col) of the top-left cell it copies."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    origin: tuple[int, int] | None = None
    start: int | None = None
    end: int | None = None

    @property
    def is_copy(self) -> bool:
        """True when this position is covered by a merged cell that starts elsewhere."""
        return self.origin is not None and self.origin != (self.row, self.col)

    @cached_property
    def norm(self) -> str:
        """Normalised text with every whitespace removed (labels are matched this way)."""
        from gkreview.normalize import norm_label

        return norm_label(self.text)


@dataclass(eq=False)
class Table:
    """A rectangular grid of cells with merged cells expanded.

    ``pages`` lists every page the table spans (a table split across PDF pages is
    joined into one). ``index`` counts tables within the file (0-based).
    """

    rows: list[list[Cell]]
    start: int
    end: int
    index: int
    page: int | None = None
    pages: tuple[int, ...] = ()
    kind: Literal["table"] = "table"

    @property
    def n_rows(self) -> int:
        """Number of grid rows."""
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        """Number of grid columns (rows are padded to the same width)."""
        return max((len(r) for r in self.rows), default=0)

    @property
    def shape(self) -> tuple[int, int]:
        """(rows, columns)."""
        return self.n_rows, self.n_cols

    def cell(self, row: int, col: int) -> Cell | None:
        """The cell at a grid position, or None outside the grid."""
        if 0 <= row < len(self.rows) and 0 <= col < len(self.rows[row]):
            return self.rows[row][col]
        return None

    def texts(self) -> list[list[str]]:
        """The grid as raw cell strings (merged cells repeated), for tests and dumps."""
        return [[c.text for c in r] for r in self.rows]

    @property
    def text(self) -> str:
        """All cell text, row by row, tab separated (for classifiers and search)."""
        return "\n".join("\t".join(c.text for c in r if not c.is_copy) for r in self.rows)

    @cached_property
    def norm(self) -> str:
        """Normalised text of the whole table."""
        return normalize(self.text).text


Block = Paragraph | Table
_T = TypeVar("_T")


def prime_normalized(blocks: list[Block]) -> None:
    """Normalise every paragraph and table of a file in one batch (fills their ``normalized``/``norm``
    caches): one pass over the joined text instead of one more, with its fixed numpy and OpenCC
    costs, per table."""
    from gkreview.normalize import normalize_many

    paras = [b for b in blocks if isinstance(b, Paragraph) and "normalized" not in b.__dict__]
    tables = [b for b in blocks if isinstance(b, Table) and "norm" not in b.__dict__]
    done = normalize_many([p.display_text for p in paras] + [t.text for t in tables])
    for p, n in zip(paras, done[: len(paras)], strict=True):
        p.__dict__["normalized"] = n
        p.__dict__["norm"] = n.text
    for t, n in zip(tables, done[len(paras) :], strict=True):
        t.__dict__["norm"] = n.text


@dataclass(slots=True)
class SourceFile:
    """What was read from disk: the original text and facts about the container."""

    path: str | None
    format: Format
    text: str
    encoding: str | None = None
    page_count: int | None = None
    size: int | None = None
    sha256: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    header_footer: list[str] = field(default_factory=list)
    script: Literal["simplified", "traditional", "mixed"] = "simplified"


@dataclass(slots=True)
class Document:
    """One document segment of a file: its blocks and what was guessed about it.

    ``title``, ``year`` and ``agency`` are first guesses made at segmentation (from
    the title and metadata); the section detector refines them. ``segment`` is the
    0-based index of this segment in its file.
    """

    source: SourceFile
    blocks: list[Block]
    segment: int = 0
    title: str | None = None
    year: int | None = None
    agency: str | None = None
    publisher: str | None = None
    dates: dict[str, str] = field(default_factory=dict)
    marker: str | None = None
    _memo: dict[tuple[str, Any], tuple[int, Any]] = field(default_factory=dict, repr=False, compare=False)

    def memo(self, name: str, compute: Callable[[], _T], key: Any = None) -> _T:
        """``compute()`` once per (name, key) for this document: derived views several checks share.

        The sections, the place names, the joined normalised text and the like are
        read by many checks; computing them once per document is what keeps a full
        review within a few milliseconds. An entry is recomputed when the block list
        changed length (a test that edits blocks after a view was taken).
        """
        k = (name, key)
        hit = self._memo.get(k)
        if hit is not None and hit[0] == len(self.blocks):
            return hit[1]  # type: ignore[no-any-return]
        value = compute()
        self._memo[k] = (len(self.blocks), value)
        return value

    def release(self) -> None:
        """Drop the shared views. Some of them point back at the document (a view computed on first read
        keeps a function over it), so until they go only the cyclic collector can free a reviewed
        document: ~1,000 objects per report for it to walk, a tenth of a long run's time."""
        self._memo.clear()

    @property
    def path(self) -> str | None:
        """Path of the file this segment came from."""
        return self.source.path

    @property
    def paragraphs(self) -> list[Paragraph]:
        """The paragraph blocks, in order."""
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        """The table blocks, in order."""
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def span(self) -> tuple[int, int]:
        """This segment's span in the file's original text."""
        if not self.blocks:
            return 0, 0
        return self.blocks[0].start, self.blocks[-1].end

    @property
    def text(self) -> str:
        """The original text of this segment (a slice of the file text)."""
        s, e = self.span
        return self.source.text[s:e]

    @property
    def norm_text(self) -> str:
        """Normalised text of all blocks, one line per paragraph or table row (computed once)."""
        return self.memo("norm_text", lambda: "\n".join(b.norm for b in self.blocks))

    def iter_paragraphs(self) -> Iterator[tuple[int, Paragraph]]:
        """(block index, paragraph) pairs, for building locations."""
        for i, b in enumerate(self.blocks):
            if isinstance(b, Paragraph):
                yield i, b

    def location(self, block: int | None = None, **extra: object) -> Location:
        """A Location in this document, filled from the block when given."""
        fields: dict[str, object] = {"path": self.path, "segment": self.segment}
        if block is not None:
            b = self.blocks[block]
            fields.update(block=block, page=b.page, start=b.start, end=b.end)
            if isinstance(b, Paragraph):
                fields["paragraph"] = b.index
            else:
                fields["table"] = b.index
        fields.update(extra)
        return Location(**fields)  # type: ignore[arg-type]

    def span_location(self, block: int, nstart: int, nend: int, **extra: object) -> Location:
        """Location of the normalised range ``[nstart, nend)`` of paragraph ``block``."""
        b = self.blocks[block]
        assert isinstance(b, Paragraph)
        s, e = b.orig_span(nstart, nend)
        return self.location(block, start=s, end=e, **extra)

    def cell_location(self, table_block: int, row: int, col: int, **extra: object) -> Location:
        """Location of one cell of the table at block index ``table_block``."""
        t = self.blocks[table_block]
        assert isinstance(t, Table)
        c = t.cell(row, col)
        fields: dict[str, object] = {"row": row, "col": col}
        if c is not None and c.start is not None:
            fields.update(start=c.start, end=c.end)
        fields.update(extra)
        return self.location(table_block, **fields)

    def quote(self, loc: Location) -> str:
        """The original characters a location spans (empty when it has no span)."""
        if loc.start is None or loc.end is None:
            return ""
        return self.source.text[loc.start : loc.end]
