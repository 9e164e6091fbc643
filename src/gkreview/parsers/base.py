"""What every parser returns, and the limits that protect it from hostile files."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gkreview.document import Block, Cell, Paragraph, SourceFile, Table

# Invisible format characters (zero-width space and joiners, word joiner, BOM, soft hyphen) that web editors and
# pasted text carry: never printed, so not text; inside a figure they made it unreadable ('\u200b3\ufeff').
INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def drop_invisible(text: str) -> str:
    """``text`` without invisible format characters (:data:`INVISIBLE_RE`)."""
    return INVISIBLE_RE.sub("", text)


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps against hostile input; all configurable.

    ``max_file_bytes`` caps the file on disk; ``max_unzipped_bytes`` and
    ``max_zip_entries`` cap what a .docx (a zip) may expand to; ``max_pages`` caps
    PDF pages; ``max_chars`` caps extracted text.
    """

    max_file_bytes: int = 50 * 1024 * 1024
    max_unzipped_bytes: int = 200 * 1024 * 1024
    max_zip_entries: int = 2000
    max_pages: int = 2000
    max_chars: int = 20_000_000

    def check_bytes(self, n: int, what: str, path: str | None) -> None:
        """Raise TooLarge when a file of ``n`` bytes exceeds ``max_file_bytes``."""
        if n > self.max_file_bytes:
            from gkreview.errors import TooLarge

            raise TooLarge(f"{what} of {n} bytes exceeds the limit of {self.max_file_bytes}", path)

    def check_chars(self, n: int, path: str | None) -> None:
        """Raise TooLarge when ``n`` characters of text exceed ``max_chars``."""
        if n > self.max_chars:
            from gkreview.errors import TooLarge

            raise TooLarge(f"{n} characters of text exceed the limit of {self.max_chars}", path)


DEFAULT_LIMITS = Limits()


@dataclass(slots=True)
class ParseResult:
    """A parsed file: the source (original text and metadata) and its blocks in order.

    Segmentation (:mod:`gkreview.segment`) later splits ``blocks`` into documents.
    Block offsets index ``source.text``.
    """

    source: SourceFile
    blocks: list[Block]


class TextBuilder:
    """Accumulates the file's original text while blocks are added, so offsets are exact.

    Parsers of structured formats (docx, pdf, html) have no single original text;
    the "original text" is then the extracted text in reading order, paragraphs
    joined by newlines and table cells by tabs, built here.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._len = 0
        self.n_paragraphs = 0

    @property
    def offset(self) -> int:
        """Current end of the text."""
        return self._len

    def add(self, s: str) -> tuple[int, int]:
        """Append ``s`` and return its span."""
        start = self._len
        self._parts.append(s)
        self._len += len(s)
        return start, self._len

    def paragraph(self, text: str, page: int | None = None, style: str | None = None,
                  numbering: str | None = None) -> Paragraph:
        """Append a paragraph line (followed by a newline) and return its block."""
        start, end = self.add(text)
        self.add("\n")
        self.n_paragraphs += 1
        return Paragraph(text=text, start=start, end=end, index=self.n_paragraphs, page=page,
                         style=style, numbering=numbering)

    def text(self) -> str:
        """The whole text built so far."""
        return "".join(self._parts)


@dataclass(frozen=True, slots=True)
class RawCell:
    """A cell as the source declares it, before merged cells are expanded."""

    text: str
    rowspan: int = 1
    colspan: int = 1


def build_table(builder: TextBuilder, raw_rows: list[list[RawCell]], index: int,
                page: int | None = None, pages: tuple[int, ...] = ()) -> Table:
    """Expand row/column spans into a full rectangular grid and record cell offsets.

    The HTML table model: each row lists the cells that *start* in it, left to
    right, skipping positions still covered by a rowspan from above. Every covered
    position gets a copy whose ``origin`` points at the top-left cell. Cell text is
    appended to ``builder`` (tab between cells, newline after each row) so every
    cell has an exact span in the file text.
    """
    grid: dict[tuple[int, int], Cell] = {}
    start = builder.offset
    n_cols = 0
    for r, raw_row in enumerate(raw_rows):
        c = 0
        first = True
        for raw in raw_row:
            while (r, c) in grid:
                c += 1
            if not first:
                builder.add("\t")
            first = False
            s, e = builder.add(raw.text)
            rs, cs = max(1, raw.rowspan), max(1, raw.colspan)
            for dr in range(rs):
                for dc in range(cs):
                    grid[(r + dr, c + dc)] = Cell(
                        text=raw.text, row=r + dr, col=c + dc, rowspan=rs, colspan=cs,
                        origin=(r, c), start=s, end=e)
            c += cs
            n_cols = max(n_cols, c)
        builder.add("\n")
    n_rows = max((r for r, _ in grid), default=-1) + 1
    n_rows = max(n_rows, len(raw_rows))
    rows: list[list[Cell]] = []
    for r in range(n_rows):
        row: list[Cell] = []
        for c in range(n_cols):
            cell = grid.get((r, c))
            if cell is None:
                cell = Cell(text="", row=r, col=c, origin=(r, c))
            row.append(cell)
        rows.append(row)
    return Table(rows=rows, start=start, end=builder.offset, index=index, page=page,
                 pages=pages or ((page,) if page is not None else ()))


def build_table_at(text: str, rows: list[tuple[int, str, list[str]]], index: int,
                   page: int | None = None) -> Table:
    """A table over text that already exists (plain text): cells point into it.

    ``rows`` holds (line offset, line, cell strings); each cell is located in its
    line left to right so its span is exact. Short rows are padded with empty cells.
    """
    n_cols = max(len(cells) for _, _, cells in rows)
    grid: list[list[Cell]] = []
    for r, (line_start, line, cells) in enumerate(rows):
        row: list[Cell] = []
        pos = 0
        for c, cell_text in enumerate(cells):
            found = line.find(cell_text, pos) if cell_text else -1
            if found >= 0:
                s, e = line_start + found, line_start + found + len(cell_text)
                pos = found + len(cell_text)
            else:
                s = e = None
            row.append(Cell(cell_text, r, c, 1, 1, (r, c), s, e))  # positional: ~200 cells per report table
        row.extend(Cell("", r, c, 1, 1, (r, c)) for c in range(len(cells), n_cols))
        grid.append(row)
    start = rows[0][0]
    end = rows[-1][0] + len(rows[-1][1])
    return Table(rows=grid, start=start, end=end, index=index, page=page,
                 pages=(page,) if page is not None else ())
