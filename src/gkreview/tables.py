"""Canonical tables 二/三/四: the document's printed numbers mapped to template cells by label.

Reports print the three template tables as real grids (.docx, .html, PDF tables,
``|``-separated text) or as text lines where each row is a label followed by a run
of numbers (PDF text, pasted pages), often with labels wrapped over several lines
and page footers (``- 2 -``) in between. Both are mapped the same way: by
**label anchoring**. A row is identified by the rightmost row-label pattern in its
label cells (:mod:`gkreview.data.labels`), a column by the header cells above it;
position is used only inside a row already anchored by its label (the canonical
column order of a text line, which has no header cells).

The result keeps, for every canonical cell, the parsed :class:`~gkreview.numbers.Number`,
the printed text and labels, and where it came from (block, grid row/column,
character span), so checks can point at the exact cell and the HTML report can
highlight it. Two different printed values for one canonical cell are kept as a
conflict rather than silently choosing one.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from typing import Any, NamedTuple

import numpy as np

from gkreview.data import labels as L
from gkreview.document import Document, Location, Paragraph, Table
from gkreview.normalize import norm_label
from gkreview.numbers import Number, parse_number

_EXPLAIN_RE = re.compile(L.EXPLANATION_RE)
_UNIT_NOTE_RE = re.compile(L.UNIT_NOTE_RE)
_FOOTER_RE = re.compile(L.FOOTER_RE)
_T2_HEADER_RE = re.compile(L.T2_BLOCK_HEADER)
_T4_CONTEXT_RE = re.compile(L.T4_CONTEXT)
_T3_ROW_RES = [(r, re.compile(r.pattern)) for r in L.T3_ROWS]
_T2_ROW_RES = [(r, re.compile(r.pattern)) for r in L.T2_ROWS]
_T3_COL_RES = [(c, re.compile(c.pattern)) for c in L.T3_COLUMNS]
_T3_SUB_RE = re.compile(L.T3_SUBTOTAL_COLUMN.pattern)
_T3_LP_RE = re.compile(L.T3_LEGAL_PERSON_HEADER)
_T4_BLOCK_RES = [(c, re.compile(c.pattern)) for c in L.T4_BLOCKS]
_T4_COL_RES = [(c, re.compile(c.pattern)) for c in L.T4_COLUMNS]
_T2_COL_RES = [(c, re.compile(c.pattern)) for c in L.T2_COLUMNS]
_T2_COL_FREE_RES = [(c, re.compile(c.pattern.replace("^", "").replace("$", ""))) for c in L.T2_COLUMNS]
_T4_COL_FREE_RES = [(c, re.compile(c.pattern.replace("^", "").replace("$", ""))) for c in L.T4_COLUMNS]
_T4_BLOCK_WORDS_RE = re.compile(L.T4_BLOCK_WORDS)
_T2_COL_FREE_ANY = re.compile("|".join(f"(?:{rx.pattern})" for _, rx in _T2_COL_FREE_RES))
_GLUED_RE = re.compile(r"^(.*?[^\d.,+\-\s])([+\-]?\d[\d,]*(?:\.\d+)?)$")
_TOKEN_RE = re.compile(r"\S+")
_TAB_RE = re.compile(r"\t")

T3_SUB_KEY = L.T3_SUBTOTAL_COLUMN.key
T3_COLS_7 = tuple(c.key for c in L.T3_COLUMNS)
T3_COLS_8 = (*T3_COLS_7[:6], T3_SUB_KEY, T3_COLS_7[6])
T4_ROWS = L.T4_BLOCK_ORDER
T4_COLS = tuple(c.key for c in L.T4_COLUMNS)
LOW_CONFIDENCE = 0.8


_EXACT_INT = operator.attrgetter("number.exact_int")
_NAN = float("nan")
_NONE_AS_NAN = {None: _NAN}
_EXACT_LIMIT = 2 ** 40


def block_starts(doc: Document) -> list[int]:
    """Offset of every block in ``doc.norm_text`` (blocks joined by one newline), plus the end (memoised)."""
    return doc.memo("numbers.block_starts",
                    lambda: list(itertools.accumulate((len(b.norm) + 1 for b in doc.blocks), initial=0)))


@lru_cache(maxsize=32768)
def label_key(text: str) -> str:
    """Normalised label for matching: NFKC, t2s, no whitespace, no ``/`` (``商业/企业`` → ``商业企业``)."""
    return norm_label(text).replace("/", "")


def _row_label(text: str) -> str:
    """Label with bracketed explanations removed (``规章（设区的市…）`` → ``规章``)."""
    prev = None
    s = text
    while prev != s:
        prev, s = s, _EXPLAIN_RE.sub("", s)
    return s


def _header_label(text: str) -> str:
    """A column header without bracketed notes and units (``总计（件）`` → ``总计``), for matching."""
    return _UNIT_NOTE_RE.sub("", _row_label(text)) if "(" in text else text


@lru_cache(maxsize=16384)
def match_t3_row(label: str) -> str | None:
    """Key of the table-三 row a joined label names (rightmost, then longest match), or None."""
    s = _row_label(label)
    best: tuple[int, int, str] | None = None
    for row, rx in _T3_ROW_RES:
        for m in rx.finditer(s):
            cand = (m.start(), m.end() - m.start(), row.key)
            if best is None or cand[:2] > best[:2]:
                best = cand
    return best[2] if best else None


@lru_cache(maxsize=16384)
def match_t2_row(label: str) -> str | None:
    """Key of the table-二 row a label starts with (longest pattern), or None."""
    s = _row_label(label).lstrip("|")
    best: tuple[int, str] | None = None
    for row, rx in _T2_ROW_RES:
        m = rx.match(s)
        if m and (best is None or m.end() > best[0]):
            best = (m.end(), row.key)
    return best[1] if best else None


# --------------------------------------------------------------------------------------------------------------
# Canonical model
# --------------------------------------------------------------------------------------------------------------


class CanonCell(NamedTuple):
    """One printed value mapped to a canonical (row, column) of a template table.

    ``grid`` is the (row, col) in the source :class:`Table` block ``block``; it is
    None when the row came from a text line, in which case ``start``/``end`` locate
    the printed number in the file text. Immutable and hashable by value. A named
    tuple, not a dataclass: a report maps a few hundred cells, and the grid scan
    builds them with ``tuple.__new__`` (a fifth of a dataclass ``__init__``).
    """

    row_key: str
    col_key: str
    number: Number
    text: str
    row_label: str
    col_label: str
    block: int
    grid: tuple[int, int] | None
    start: int | None
    end: int | None
    page: int | None = None

    def location(self, doc: Document) -> Location:
        """Exact location of the printed cell, with the labels as printed."""
        extra: dict[str, Any] = {"row_label": self.row_label, "col_label": self.col_label}
        if self.grid is not None:
            return doc.cell_location(self.block, self.grid[0], self.grid[1], **extra)
        if self.start is not None:
            extra.update(start=self.start, end=self.end)
        return doc.location(self.block, **extra)

    def to_json(self) -> dict[str, Any]:
        """Where the value was printed (for the HTML report and cross-year findings)."""
        d: dict[str, Any] = {"value": self.number.as_json(), "kind": self.number.kind, "text": self.text,
                             "row_label": self.row_label, "col_label": self.col_label, "block": self.block}
        if self.grid is not None:
            d["grid"] = list(self.grid)
        if self.start is not None:
            d["start"], d["end"] = self.start, self.end
        if self.page is not None:
            d["page"] = self.page
        return d


@dataclass
class CanonTable:
    """A template table as found in one document.

    ``name`` is ``table2``/``table3``/``table4``; ``variant`` is ``2019`` or
    ``2021``; ``columns`` lists the column keys found in print order (table 三 has
    7, or 8 with the 法人或其他组织 subtotal). ``cells`` holds one value per
    canonical cell; ``conflicts`` the cells printed more than once with different
    values (checks skip them). ``missing_labels`` names the expected row/column
    labels that were not found; ``confidence`` is the share of expected cells found.
    """

    name: str
    variant: str
    columns: tuple[str, ...]
    cells: dict[tuple[str, str], CanonCell] = field(default_factory=dict)
    conflicts: dict[tuple[str, str], list[CanonCell]] = field(default_factory=dict)
    blocks: tuple[int, ...] = ()
    source: str = "grid"
    confidence: float = 1.0
    missing_labels: tuple[str, ...] = ()
    expected: tuple[tuple[str, str], ...] = ()

    @functools.cached_property
    def exact_values(self) -> Any:
        """The cells' values (in ``cells`` order) as a float64 array: NaN where a cell is not an exact integer of
        at most 2**40 in size (so sums of a few dozen of them are exact). Computed once with C-level maps; the
        table checks test every identity and the domain of every cell on it."""
        ints = list(map(_EXACT_INT, self.cells.values()))
        try:
            vals = np.array(list(map(_NONE_AS_NAN.get, ints, ints)), dtype=np.float64)
        except OverflowError:  # an absurdly long digit string: too large for a float, so not "small"
            vals = np.array([v if v is not None and -_EXACT_LIMIT < v < _EXACT_LIMIT else _NAN for v in ints],
                            dtype=np.float64)
        vals[np.abs(vals) >= _EXACT_LIMIT] = _NAN
        return vals

    def cell(self, row: str, col: str) -> CanonCell | None:
        """The canonical cell, or None when it was not printed (or not found)."""
        return self.cells.get((row, col))

    def number(self, row: str, col: str) -> Number | None:
        """The parsed value of a canonical cell."""
        c = self.cells.get((row, col))
        return c.number if c else None

    def value(self, row: str, col: str) -> float | int | None:
        """The numeric value of a cell as int/float, None when not a number."""
        n = self.number(row, col)
        if n is None or not n.is_number or n.value is None:
            return None
        return int(n.value) if n.is_integer else float(n.value)

    def has_row(self, row: str) -> bool:
        """True when any cell of the row was found."""
        return any(k[0] == row for k in self.cells) or any(k[0] == row for k in self.conflicts)

    def source_coords(self, row: str, col: str) -> tuple[int, int, int] | None:
        """(block index, grid row, grid col) of a canonical cell in its source table, for highlighting."""
        c = self.cells.get((row, col))
        if c is None or c.grid is None:
            return None
        return c.block, c.grid[0], c.grid[1]

    def to_dict(self, cells: bool = True) -> dict[str, Any]:
        """JSON: values by row and column key, plus (unless ``cells`` is False) where each was printed."""
        values: dict[str, dict[str, Any]] = {}
        where: dict[str, dict[str, Any]] = {}
        for (r, c), cell in self.cells.items():
            row = values.get(r)
            if row is None:
                row = values[r] = {}
            row[c] = cell.number.json
        if cells:
            for (r, c), cell in self.cells.items():
                where.setdefault(r, {})[c] = cell.to_json()
        return {
            "variant": self.variant, "columns": list(self.columns), "values": values, "cells": where,
            "conflicts": {f"{r}/{c}": [x.to_json() for x in xs] for (r, c), xs in self.conflicts.items()},
            "blocks": list(self.blocks), "source": self.source, "confidence": round(self.confidence, 3),
            "missing_labels": list(self.missing_labels),
        }


@dataclass
class TableSet:
    """The three canonical tables of one document (each None when not found)."""

    table2: CanonTable | None = None
    table3: CanonTable | None = None
    table4: CanonTable | None = None

    def __iter__(self) -> Iterator[CanonTable]:
        return iter(t for t in (self.table2, self.table3, self.table4) if t is not None)

    def to_dict(self, cells: bool = True) -> dict[str, Any]:
        """JSON of every table found (for cross-year comparison and the HTML report)."""
        return {name: (t.to_dict(cells) if t is not None else None)
                for name, t in (("table2", self.table2), ("table3", self.table3), ("table4", self.table4))}


# --------------------------------------------------------------------------------------------------------------
# Collection: candidates from grids and text lines
# --------------------------------------------------------------------------------------------------------------


@dataclass
class _Collector:
    """Candidate cells per table, in document order, before conflicts are resolved.

    ``cands`` holds the first candidate of each canonical cell (the usual case: a cell
    is printed once, so no list per cell); ``extra`` every candidate of the few
    cells printed more than once.
    """

    cands: dict[str, dict[tuple[str, str], CanonCell]] = field(
        default_factory=lambda: {"table2": {}, "table3": {}, "table4": {}})
    extra: dict[str, dict[tuple[str, str], list[CanonCell]]] = field(
        default_factory=lambda: {"table2": {}, "table3": {}, "table4": {}})
    blocks: dict[str, list[int]] = field(default_factory=lambda: {"table2": [], "table3": [], "table4": []})
    sources: dict[str, set[str]] = field(default_factory=lambda: {"table2": set(), "table3": set(), "table4": set()})
    t3_cols8: bool = False

    def put(self, table: str, key: tuple[str, str], cell: CanonCell) -> None:
        """One candidate for canonical cell ``key``."""
        cands = self.cands[table]
        first = cands.get(key)
        if first is None:
            cands[key] = cell
            return
        xs = self.extra[table].get(key)
        if xs is None:
            self.extra[table][key] = [first, cell]
        else:
            xs.append(cell)

    def candidates(self, table: str) -> Iterator[tuple[tuple[str, str], list[CanonCell]]]:
        """(key, every candidate) in the order keys were first seen."""
        extra = self.extra[table]
        for k, first in self.cands[table].items():
            yield k, extra.get(k) or [first]

    def add(self, table: str, cell: CanonCell, source: str) -> None:
        self.put(table, (cell.row_key, cell.col_key), cell)
        if cell.block not in self.blocks[table]:
            self.blocks[table].append(cell.block)
        self.sources[table].add(source)

    def add_grid_cells(self, table: str, cells: list[CanonCell]) -> None:
        """Cells of one grid row (one block): the bookkeeping is done once per row."""
        if not cells:
            return
        cands = self.cands[table]
        for cell in cells:
            key = (cell.row_key, cell.col_key)
            if key in cands:
                self.put(table, key, cell)
            else:
                cands[key] = cell
        self.note_grid_block(table, cells[0].block)

    def note_grid_block(self, table: str, block: int) -> None:
        """Record that grid block ``block`` gave cells to ``table``."""
        if block not in self.blocks[table]:
            self.blocks[table].append(block)
        self.sources[table].add("grid")


def _is_valueish(n: Number) -> bool:
    return n.kind in ("number", "placeholder") and n.unit is None


def _cell_facts(text: str) -> tuple[str, Number, str, bool, bool, bool]:
    """What the grid scan needs to know of a cell text, looked up once per text in :data:`_FACT_OF` (grids repeat
    0, 1, / and labels).

    (label key, parsed value, value kind, blank-or-page-footer, a value of the table, a label, layout token).
    The layout token is what the mapping of a grid depends on: the text itself, except that every plain number
    is the same token (the mapping never reads a number's digits, only that it is a number, with or without unit).
    """
    n = parse_number(text)
    if n.kind == "number":
        # A number is neither a label nor page furniture (a footer is never a plain number), so its label key
        # (NFKC + OpenCC, the costly part of a first sight) is never read: the text stands in for it.
        return (text, n, "number", False, n.unit is None, False, _NUMBER_TOKEN if n.unit is None else _UNIT_TOKEN)
    key = label_key(text)
    return (key, n, n.kind, not key or _FOOTER_RE.match(key) is not None, _is_valueish(n), n.kind == "invalid",
            text)


class _FactTable(dict[str, tuple[Any, ...]]):
    """:func:`_cell_facts` by cell text, process-wide: read with the C-level ``dict.__getitem__`` (a call of the
    lru_cache wrapper packs its argument into a new tuple, a third of the cost of the ~400 look-ups per report);
    a text not seen yet is computed by ``__missing__``. Bounded: cleared when full."""

    def __missing__(self, text: str) -> tuple[Any, ...]:
        if len(self) >= 65536:
            self.clear()
        facts = self[text] = _cell_facts(text)
        return facts


_FACT_OF = _FactTable().__getitem__
_CELL_TEXT = operator.attrgetter("text")
_CELL_WHERE = operator.attrgetter("origin", "row", "col")  # merge origin and grid position: what merges read
_FACT_TOKEN = operator.itemgetter(6)
_KEY_ROW = operator.itemgetter(0)  # of a canonical (row, column) key
_KEY_COL = operator.itemgetter(1)

# Layout tokens of number cells: control characters never printed in a cell (texts are other tokens).
_NUMBER_TOKEN = "\x00number"
_UNIT_TOKEN = "\x00number+unit"


@dataclass
class _GridState:
    """Column maps carried from one grid to the next (a table split across pages)."""

    t3_map: dict[int, str] | None = None
    t3_width: int = 0
    t4_map: dict[int, tuple[str, str]] | None = None
    t4_width: int = 0
    t2_map: dict[int, str] | None = None
    t2_width: int = 0

    def key(self) -> tuple[Any, ...]:
        """Hashable form (map items in their order: the scan iterates them)."""
        return (_items(self.t3_map), self.t3_width, _items(self.t4_map), self.t4_width, _items(self.t2_map),
                self.t2_width)

    def fields(self) -> tuple[Any, ...]:
        return (self.t3_map, self.t3_width, self.t4_map, self.t4_width, self.t2_map, self.t2_width)

    def set_fields(self, f: tuple[Any, ...]) -> None:
        self.t3_map, self.t3_width, self.t4_map, self.t4_width, self.t2_map, self.t2_width = f


def _items(m: dict[int, Any] | None) -> tuple[tuple[int, Any], ...] | None:
    return None if m is None else tuple(m.items())


def _header_stack_col(stack: list[Sequence[str]], col: int) -> list[str]:
    return [row[col] for row in stack if col < len(row) and row[col]]


def _t3_map(stack: list[Sequence[str]], width: int) -> dict[int, str]:
    """Table-三 columns from stacked header rows: the lowest header cell that names a column wins."""
    out: dict[int, str] = {}
    lp_only: list[int] = []
    for col in range(width):
        cells = _header_stack_col(stack, col)
        key = None
        for text in reversed(cells):
            key = next((c.key for c, rx in _T3_COL_RES if rx.search(text)), None)
            if key is None and _T3_SUB_RE.search(text):
                key = T3_SUB_KEY
            if key:
                break
        if key is None and cells and _T3_LP_RE.search(cells[-1]):
            lp_only.append(col)
        if key:
            out[col] = key
    legal = sum(1 for k in out.values() if k in L.T3_LEGAL_PERSON_KEYS)
    if len(lp_only) == 1 and legal >= 4 and T3_SUB_KEY not in out.values():
        out[lp_only[0]] = T3_SUB_KEY
    return out


def _t4_map(stack: list[Sequence[str]], width: int) -> dict[int, tuple[str, str]]:
    """Table-四 columns: block from any header cell above (or the left neighbour), column from the lowest."""
    out: dict[int, tuple[str, str]] = {}
    block_prev: str | None = None
    for col in range(width):
        cells = _header_stack_col(stack, col)
        block = None
        for c, rx in _T4_BLOCK_RES:
            if any(rx.search(t) for t in cells):
                block = c.key
                break
        block = block or block_prev
        key = None
        for text in reversed(cells):
            key = next((c.key for c, rx in _T4_COL_RES if rx.search(text)), None)
            if key:
                break
        if block and key:
            out[col] = (block, key)
            block_prev = block
        elif block:
            block_prev = block
    return out


@lru_cache(maxsize=1024)
def _header_maps(stack: tuple[tuple[str, ...], ...], width: int) -> tuple[dict[int, str] | None,
                                                                          dict[int, tuple[str, str]] | None]:
    """Table-三 and table-四 column maps named by stacked header rows (cached: templates repeat)."""
    rows = [[_header_label(t) for t in r] for r in stack]
    m3 = _t3_map(rows, width)
    m4 = _t4_map(rows, width)
    ok3 = len(set(m3.values())) >= 5
    ok4 = len(m4) >= 8 and len({b for b, _ in m4.values()}) >= 2
    return (m3 if ok3 else None), (m4 if ok4 else None)


@lru_cache(maxsize=1024)
def _t4_outcome_map(stack: tuple[tuple[str, ...], ...], width: int) -> dict[int, str] | None:
    """Table 四 transposed: header columns named by the outcomes alone (结果维持 … 总计), no block above them.

    The blocks are then rows (行政复议, 行政诉讼/未经复议直接起诉, …). At least four distinct outcomes,
    结果维持 and 结果纠正 among them: 其他 and 总计 alone also head table 三's columns.
    """
    rows = [[_header_label(t) for t in r] for r in stack]
    out: dict[int, str] = {}
    for col in range(width):
        for text in reversed(_header_stack_col(rows, col)):
            if any(rx.search(text) for _, rx in _T4_BLOCK_RES):
                return None
            key = _t4_outcome(text)
            if key:
                out[col] = key
                break
    keys = set(out.values())
    return out if len(keys) >= 4 and {"结果维持", "结果纠正"} <= keys and len(keys) == len(out) else None


def _t4_outcome(label: str) -> str | None:
    """The table-四 outcome column (结果维持 … 总计) a label names, if any."""
    return next((c.key for c, rx in _T4_COL_RES if rx.search(label)), None)


def _t4_block(label: str) -> str | None:
    """The table-四 block (行政复议, 未经复议直接起诉, 复议后起诉) a row label names, if any."""
    return next((c.key for c, rx in _T4_BLOCK_RES if rx.search(label)), None)


@lru_cache(maxsize=1024)
def _t2_map(labels: tuple[str, ...]) -> dict[int, str]:
    out: dict[int, str] = {}
    for col, text in enumerate(labels):
        text = _header_label(text)
        key = next((c.key for c, rx in _T2_COL_RES if rx.search(text)), None)
        if key:
            out[col] = key
    return out


def _map_grid(doc: Document, bi: int, table: Table, st: _GridState, col: _Collector,
              facts_rows: list[list[tuple[Any, ...]]]) -> bool:
    """Map the rows of one grid. Header rows (labels, no numbers) update the column maps.

    Returns True when the mapping looked at the text before the grid (table 四's
    context), i.e. depends on more than the grid's layout.
    """
    width = table.n_cols
    stack: list[Sequence[str]] = []
    local_t3: dict[int, str] | None = None
    local_t4: dict[int, tuple[str, str]] | None = None
    outcomes: dict[int, str] | None = None  # table 四 transposed: outcome columns, blocks as rows
    used_context = False
    for r, row in enumerate(table.rows):
        if row:
            texts, nums, kinds, footerish, values, labels, _ = zip(*facts_rows[r], strict=True)
            if all(footerish):
                continue
            label_cells = list(compress(range(len(row)), labels))
        else:
            texts = nums = kinds = values = ()
            label_cells = []
        if label_cells and "number" not in kinds:
            t2 = _t2_map(tuple(texts))
            if t2:
                st.t2_map, st.t2_width = t2, width
                continue
            stack.append(texts)
            m3, m4 = _header_maps(tuple(map(tuple, stack)), width)
            local_t3 = m3 or local_t3
            local_t4 = m4 or local_t4
            if m4 is None:
                outcomes = _t4_outcome_map(tuple(map(tuple, stack)), width) or outcomes
            continue
        valueish = list(compress(range(len(row)), values))
        stack = []
        if local_t3:
            st.t3_map, st.t3_width = local_t3, width
        if local_t4:
            st.t4_map, st.t4_width = local_t4, width
        label_parts: list[str] = []
        for i in label_cells:
            if i > 0 and row[i].is_copy and row[i].origin[0] == r:  # type: ignore[index]
                continue  # a copy of the merged label cell to its left
            if not label_parts or label_parts[-1] != texts[i]:
                label_parts.append(texts[i])
        label = "|".join(label_parts)
        if label and _t4_turned_row(bi, table, r, row, nums, label_parts, label_cells, valueish, outcomes, col):
            continue
        if label and (key := _t2_row_of(label_parts)) and len(valueish) <= 4 \
                and not match_t3_row_strict(label):
            _grid_t2(bi, table, width, r, key, _printed_label(row, label_cells), valueish, nums, st, col)
            continue
        t3key = match_t3_row(label) if label else None
        if t3key:
            _grid_t3(bi, table, width, r, t3key, _printed_label(row, label_cells), valueish, nums, st, col)
            continue
        # A label before table 四's values is a row caption (数量, 件数): its columns still come from the header.
        if len(valueish) >= 10 and st.t4_map and st.t4_width == width:
            keep = [(c, bk) for c, bk in st.t4_map.items() if not (row[c].is_copy and not _is_valueish(nums[c]))]
            col.add_grid_cells("table4", _row_cells(bi, table, r, row, nums, [
                (c, block, key, block, _t4_col_label(key, block)) for c, (block, key) in keep]))
        elif len(valueish) == 15 and not label and (used_context := True) and _t4_context_near(doc, bi):
            col.add_grid_cells("table4", _row_cells(bi, table, r, row, nums, [
                (c, T4_ROWS[i // 5], T4_COLS[i % 5], T4_ROWS[i // 5], _t4_col_label(T4_COLS[i % 5], T4_ROWS[i // 5]))
                for i, c in enumerate(valueish)]))
    return used_context


def _t4_turned_row(bi: int, table: Table, r: int, row: list[Any], nums: Sequence[Number], label_parts: list[str],
                   label_cells: list[int], valueish: list[int], outcomes: dict[int, str] | None,
                   col: _Collector) -> bool:
    """A row of table 四 turned round, mapped to the usual cells; False when the row is not one.

    Transposed, a row is a block (行政复议; 行政诉讼 | 复议后起诉) with its values under the outcome columns.
    Rotated, a row is a block and an outcome (行政复议 | 结果维持) with one value.
    """
    block = _t4_block(label_key(label_parts[0])) if len(label_parts) == 1 else \
        next((b for p in reversed(label_parts) if (b := _t4_block(label_key(p)))), None)
    if block is None:
        return False
    printed = _printed_label(row, label_cells)
    if outcomes and len(valueish) >= 3:
        spec = [(c, block, k, printed, _t4_col_label(k, block)) for c, k in outcomes.items()
                if c < len(row) and c not in label_cells]
    elif len(valueish) == 1 and len(label_parts) >= 2 and (k := _t4_outcome(label_key(label_parts[-1]))):
        spec = [(valueish[0], block, k, printed, _t4_col_label(k, block))]
    else:
        return False
    col.add_grid_cells("table4", _row_cells(bi, table, r, row, nums, spec))
    return True


def _t2_row_of(label_parts: list[str]) -> str | None:
    """The table-二 row named by a grid row's label cells: the first cell that is not its block's caption.

    Most layouts print the block caption (第二十条第（一）项) as a row above the block; some print it in a merged
    column left of the row labels, where it comes first among the label cells.
    """
    for part in label_parts:
        if not _T2_HEADER_RE.search(part):
            return match_t2_row(part)
    return None


@dataclass(frozen=True, slots=True)
class _GridPlan:
    """What mapping one grid layout adds: per table, the canonical cells by grid position, and the state after.

    An op is (table, canonical keys, keys all distinct, picker, row keys, column keys, row labels, column labels,
    grid positions), in the order the mapping produced them; the picker takes the source cells (and their
    facts) of the op from the grid's cells in row-major order.
    """

    ops: tuple[tuple[Any, ...], ...]
    state: tuple[Any, ...]
    cols8: bool
    merges: tuple[tuple[Any, int, int], ...]  # (merge origin, row, col) of every cell of the layout, row-major


# Grid layouts seen in this process → their mappings (one per merge pattern). Reports of one template share a layout
# whatever their numbers, so a batch maps each layout once and then only builds the cells. Bounded: cleared when full.
_GRID_PLANS: dict[tuple[Any, ...], list[_GridPlan]] = {}
_GRID_PLANS_MAX = 128


def _picker(positions: list[int]) -> Any:
    """A C-level function taking the items at ``positions`` of a sequence, always as a tuple."""
    if len(positions) == 1:
        only = positions[0]
        return lambda seq: (seq[only],)
    return operator.itemgetter(*positions)


def _plan_op(name: str, found: list[tuple[tuple[str, str], CanonCell]], widths: tuple[int, ...]) -> tuple[Any, ...]:
    """A plan op from the cells one grid gave a table (see :class:`_GridPlan`); ``widths`` are the row lengths."""
    offsets = list(itertools.accumulate(widths, initial=0))
    keys = tuple(k for k, _ in found)
    cells = [x for _, x in found]
    return (name, keys, len(set(keys)) == len(keys),
            _picker([offsets[x.grid[0]] + x.grid[1] for x in cells]),  # type: ignore[index]
            tuple(x.row_key for x in cells), tuple(x.col_key for x in cells), tuple(x.row_label for x in cells),
            tuple(x.col_label for x in cells), tuple(x.grid for x in cells))


_CELL_TEXT = operator.attrgetter("text")
_CELL_WHERE = operator.attrgetter("origin", "row", "col")  # merge origin and grid position: what merges read
_CELL_START = operator.attrgetter("start")
_CELL_END = operator.attrgetter("end")
_FACT_NUMBER = operator.itemgetter(1)
_FACT_TOKEN = operator.itemgetter(6)
_KEY_ROW = operator.itemgetter(0)  # of a canonical (row, column) key
_KEY_COL = operator.itemgetter(1)
_NEW_CELL = functools.partial(tuple.__new__, CanonCell)  # CanonCell from a tuple of its fields, without a Python call


def _scan_grid(doc: Document, bi: int, table: Table, st: _GridState, col: _Collector) -> None:
    """Map one grid, replaying the mapping of an identical layout (same labels, merges, number positions).

    The layout key holds every input the mapping reads: each cell's text (numbers
    reduced to a token), merge origin and position, and the column maps carried in
    from earlier grids. A mapping that consulted the text before the grid is not
    kept. Keys and replay work on the grid's cells in row-major order with C-level
    maps (a report's grids hold ~400 cells, ~300 of them mapped).
    """
    rows = table.rows
    widths = tuple(map(len, rows))
    flat = list(itertools.chain.from_iterable(rows))
    facts = list(map(_FACT_OF, map(_CELL_TEXT, flat)))
    # merges and positions are compared, not hashed, as the plan's own field: hashing ~400 small tuples costs
    # as much as comparing them, and a hit compares anyway
    key = (widths, tuple(map(_FACT_TOKEN, facts)), st.key())
    merges = tuple(map(_CELL_WHERE, flat))
    plan = next((p for p in _GRID_PLANS.get(key, ()) if p.merges == merges), None)
    if plan is None:
        offsets = list(itertools.accumulate(widths, initial=0))
        facts_rows = [facts[offsets[r]:offsets[r + 1]] for r in range(len(rows))]
        rec = _Collector()
        used_context = _map_grid(doc, bi, table, st, rec, facts_rows)
        plan = _GridPlan(
            tuple(_plan_op(name, [(k, x) for k, xs in rec.candidates(name) for x in xs], widths)
                  for name in ("table2", "table3", "table4") if rec.cands[name]),
            st.fields(), rec.t3_cols8, merges)
        if not used_context:
            if len(_GRID_PLANS) >= _GRID_PLANS_MAX:
                _GRID_PLANS.clear()
            _GRID_PLANS.setdefault(key, []).append(plan)
        for name in ("table2", "table3", "table4"):  # this grid's own cells, in the order they were mapped
            for k, xs in rec.candidates(name):
                for x in xs:
                    col.put(name, k, x)
            if rec.cands[name]:
                col.note_grid_block(name, bi)
        if rec.t3_cols8:
            col.t3_cols8 = True
        return
    page = table.page
    for name, keys, unique, pick, rks, cks, rls, cls, grids in plan.ops:
        src = pick(flat)
        cells = list(map(_NEW_CELL, zip(rks, cks, map(_FACT_NUMBER, pick(facts)), map(_CELL_TEXT, src), rls, cls,
                                   itertools.repeat(bi), grids, map(_CELL_START, src), map(_CELL_END, src),
                                   itertools.repeat(page))))
        cands = col.cands[name]
        if unique and cands.keys().isdisjoint(keys):
            cands.update(zip(keys, cells, strict=True))
        else:
            for k, cc in zip(keys, cells, strict=True):
                col.put(name, k, cc)
        col.note_grid_block(name, bi)
    if plan.cols8:
        col.t3_cols8 = True
    st.set_fields(plan.state)


def _row_cells(bi: int, table: Table, r: int, row: list[Any], nums: Sequence[Number],
               spec: list[tuple[int, str, str, str, str]]) -> list[CanonCell]:
    """Canonical cells of one grid row: ``spec`` lists (grid column, row key, column key, row label, column label)."""
    page = table.page
    out = []
    for c, rk, ck, rl, cl in spec:
        cell = row[c]
        out.append(CanonCell(rk, ck, nums[c], cell.text, rl, cl, bi, (r, c), cell.start, cell.end, page))
    return out


def match_t3_row_strict(label: str) -> bool:
    """True when a label names a table-三 row with a pattern specific enough to beat a table-二 prefix."""
    key = match_t3_row(label)
    return key is not None and key not in ("三",)


def _printed_label(row: list[Any], label_cells: list[int]) -> str:
    parts: list[str] = []
    for i in label_cells:
        t = row[i].text.strip()
        if t and (not parts or parts[-1] != t):
            parts.append(t)
    return " ".join(parts)[-60:]


def _t4_col_label(key: str, block: str) -> str:
    return f"{block}/{key}"


def _grid_t3(bi: int, table: Table, width: int, r: int, key: str, printed: str, valueish: list[int],
             nums: Sequence[Number], st: _GridState, col: _Collector) -> None:
    """A table-三 data row: values at the mapped columns, else the trailing run of 7/8 values."""
    row = table.rows[r]
    tail = _trailing_run(valueish, nums, row)
    if st.t3_map and st.t3_width == width and not _map_misses_run(st.t3_map, tail, len(row)):
        # the common row: one canonical cell per mapped column, inserted directly (row and column label = key)
        n, page, cands = len(row), table.page, col.cands["table3"]
        added = False
        for c, ck in st.t3_map.items():
            if c < n:
                cell = row[c]
                cc = CanonCell(key, ck, nums[c], cell.text, printed, ck, bi, (r, c), cell.start, cell.end, page)
                if (key, ck) in cands:
                    col.put("table3", (key, ck), cc)
                else:
                    cands[(key, ck)] = cc
                added = True
        if added:
            col.note_grid_block("table3", bi)
        if T3_SUB_KEY in st.t3_map.values():
            col.t3_cols8 = True
        return
    if len(tail) in (7, 8):
        keys = T3_COLS_7 if len(tail) == 7 else T3_COLS_8
        col.t3_cols8 |= len(tail) == 8
        col.add_grid_cells("table3", _row_cells(bi, table, r, row, nums, [
            (c, key, ck, printed, ck) for c, ck in zip(tail, keys, strict=True)]))


def _map_misses_run(col_map: dict[int, Any], tail: list[int], n: int) -> bool:
    """True when a full run of 7/8 values ends the row but the header's columns are elsewhere.

    Text tables (tab- or ``|``-separated lines) are ragged: header lines such as
    ``自然人\t法人或其他组织\t总计`` start at the left edge while data lines carry one or
    two label cells first, so a column map read from the headers points at labels.
    The row's own run of values is then the better guide.
    """
    if len(tail) not in (7, 8):
        return False
    mapped = sorted(c for c in col_map if c < n)
    return mapped != tail


def _trailing_run(valueish: list[int], nums: Sequence[Number], row: list[Any]) -> list[int]:
    """Indexes of the value cells that end the row (blank cells between them included)."""
    if not valueish:
        return []
    out: list[int] = []
    c = len(row) - 1
    while c >= 0 and (c in valueish or nums[c].kind == "blank"):
        if c in valueish or out:
            out.append(c)
        c -= 1
    out.reverse()
    while out and nums[out[0]].kind == "blank":
        out.pop(0)
    return out


def _grid_t2(bi: int, table: Table, width: int, r: int, key: str, printed: str, valueish: list[int],
             nums: Sequence[Number], st: _GridState, col: _Collector) -> None:
    """A table-二 row: values under the latest 信息内容 header row, else the template's columns in order."""
    row = table.rows[r]
    spec: list[tuple[int, str, str, str, str]] = []
    if st.t2_map and st.t2_width == width:
        seen: set[tuple[int, int]] = set()
        for c, ck in st.t2_map.items():
            if c >= len(row) or c == 0:
                continue
            origin = row[c].origin or (r, c)
            if origin in seen:
                continue
            seen.add(origin)
            spec.append((c, key, ck, printed, ck))
        col.add_grid_cells("table2", _row_cells(bi, table, r, row, nums, spec))
        return
    variant = "2019" if key in ("规范性文件", "其他对外管理服务事项", "政府集中采购") else "2021"
    keys = L.T2_CELLS[variant].get(key, ())
    tail = [c for c in valueish if not row[c].is_copy]
    spec = [(c, key, ck, printed, ck) for c, ck in zip(tail, keys, strict=False)]
    col.add_grid_cells("table2", _row_cells(bi, table, r, row, nums, spec))


def _t4_context_near(doc: Document, bi: int) -> bool:
    """True when the text just before block ``bi`` talks about 行政复议/行政诉讼 (table 四's heading)."""
    for j in range(bi - 1, max(-1, bi - 6), -1):
        b = doc.blocks[j]
        if isinstance(b, Paragraph) and (_T4_CONTEXT_RE.search(b.norm) or ("复议" in b.norm and "诉讼" in b.norm)):
            return True
    return False


# --------------------------------------------------------------------------------------------------------------
# Text lines: label followed by a run of numbers
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Token:
    number: Number
    start: int
    end: int


# The last character a run of values can end with: a digit, a placeholder (/ - — 无 不适用), %, or a Chinese numeral.
_RUN_END_CHARS = frozenset("0123456789０１２３４５６７８９/／\\-—－–~～无用%％.．〇○零一二三四五六七八九十百千万两")


def split_number_run(p: Paragraph) -> tuple[str, list[_Token]]:
    """Split a text line into its label and the run of numbers/placeholders that ends it.

    Tokens are whitespace separated; the first number may be glued to the label
    (``数量3119``). Numbers with units (``12件``) end the run: those are prose.
    """
    text = p.text
    if text.rstrip()[-1:] not in _RUN_END_CHARS:
        return text, []  # prose ends in punctuation or a word: no run of values (and no costly parse)
    tokens = list(_TOKEN_RE.finditer(text))
    run: list[_Token] = []
    cut = len(text)
    for m in reversed(tokens):
        n = parse_number(m.group())
        if _is_valueish(n):
            run.append(_Token(n, p.start + m.start(), p.start + m.end()))
            cut = m.start()
            continue
        g = _GLUED_RE.match(m.group())
        if g and parse_number(g.group(2)).kind == "number":
            s = m.start() + len(g.group(1))
            run.append(_Token(parse_number(g.group(2)), p.start + s, p.start + m.end()))
            cut = s
        break
    run.reverse()
    return text[:cut], run


def split_field_run(p: Paragraph) -> tuple[str, list[_Token]] | None:
    """Split a tab-separated line into its label field and the run of value fields that ends it, blanks included.

    A table row copied as text (from a spreadsheet or a Word table) or a PDF row
    printed without rules that leaves cells blank (see ``parsers/pdf.py``) keeps one
    field per column, so an empty field between tabs is a blank cell; the first field
    is the row's label (empty when the row has none). None when the line has no tab.
    """
    text = p.text
    if "\t" not in text:
        return None
    bounds: list[tuple[int, int]] = []
    a = 0
    for m in _TAB_RE.finditer(text):
        bounds.append((a, m.start()))
        a = m.end()
    bounds.append((a, len(text)))
    run: list[_Token] = []
    cut = len(bounds)
    for k in range(len(bounds) - 1, -1, -1):
        s, e = bounds[k]
        field_text = text[s:e].strip()
        n = parse_number(field_text)
        if not (_is_valueish(n) or (k > 0 and n.kind == "blank")):
            break
        lead = len(text[s:e]) - len(text[s:e].lstrip())
        run.append(_Token(n, p.start + s + lead, p.start + s + lead + len(field_text)))
        cut = k
    run.reverse()
    label_end = bounds[cut - 1][1] if cut > 0 else 0
    return text[:label_end], run


def _fits(run: list[_Token], own_key: str, label: str, st: _TextState) -> bool:
    """Does a run of values have the width of a table row the text scan can place (四 15, 三 7/8, 二 its columns)?"""
    n = len(run)
    if n >= 15:
        return not own_key and st.t4_context
    if n in (7, 8):
        return match_t3_row(label) is not None
    t2key = match_t2_row(own_key or label.rsplit("|", 1)[0])
    if not t2key or n > 3:
        return False
    variant = "2019" if t2key in ("规范性文件", "其他对外管理服务事项", "政府集中采购") else "2021"
    return n in (len(st.t2_cols), len(L.T2_CELLS[variant].get(t2key, ())))


@dataclass
class _TextState:
    pending: list[str] = field(default_factory=list)
    t2_cols: list[str] = field(default_factory=list)
    t4_context: bool = False
    t4_outcomes: list[str] = field(default_factory=list)  # table 四 transposed: outcome columns of its header line
    t4_block: str | None = None  # table 四 rotated: the block of the rows below its label
    t3_rows: list[tuple[int, str, str, list[_Token]]] = field(default_factory=list)


def _t2_header_cols(norm: str) -> list[str]:
    """Column keys named in a text header line, in the order printed."""
    found: list[tuple[int, str]] = []
    if not _T2_COL_FREE_ANY.search(norm):  # one scan instead of one per column pattern
        return []
    for c, rx in _T2_COL_FREE_RES:
        m = rx.search(norm)
        if m and all(not (s <= m.start() < s + 4) for s, _ in found):
            found.append((m.start(), c.key))
    return [k for _, k in sorted(found)]


def _scan_text(doc: Document, col: _Collector) -> None:
    """Map text lines that end in a run of numbers, anchored by their (possibly wrapped) labels.

    A document none of whose paragraphs ends like a value (most prose ends in
    punctuation) has no text table: the line-by-line scan, which only carries label
    state between such lines, is skipped.
    """
    ends = _RUN_END_CHARS
    if not any(isinstance(b, Paragraph) and b.text.rstrip()[-1:] in ends for b in doc.blocks):
        return
    st = _TextState()
    for bi, p in doc.iter_paragraphs():
        if _FOOTER_RE.match(p.text):
            continue
        own, run = split_number_run(p)
        if not run:
            if len(own) > 60:
                st.pending.clear()
            else:
                _text_label_line(label_key(own), st)
            continue
        own_key = label_key(own)
        label = "|".join([*st.pending, own_key])
        if "\t" in p.text:
            own, run, own_key = _field_row(p, own, run, own_key, label, st)
            label = "|".join([*st.pending, own_key])
        st.pending.clear()
        if len(run) >= 15 and not own_key and st.t4_context:
            for i, tok in enumerate(run[:15]):
                block, key = T4_ROWS[i // 5], T4_COLS[i % 5]
                col.add("table4", _text_cell(doc, bi, tok, block, key, block, _t4_col_label(key, block)), "text")
            st.t4_context = False
            continue
        if st.t4_context and _text_t4_turned(doc, bi, own, own_key, run, st, col):
            continue
        if len(run) in (7, 8) and (key := match_t3_row(label)):
            st.t3_rows.append((bi, key, own.strip() or label[-40:], run))
            continue
        t2key = match_t2_row(own_key or label.rsplit("|", 1)[0])
        if t2key and len(run) <= 3 and len(own_key) <= 40:
            variant = "2019" if t2key in ("规范性文件", "其他对外管理服务事项", "政府集中采购") else "2021"
            cols = st.t2_cols if len(st.t2_cols) == len(run) else list(L.T2_CELLS[variant].get(t2key, ()))
            for tok, ck in zip(run, cols, strict=False):
                col.add("table2", _text_cell(doc, bi, tok, t2key, ck, own.strip(), ck), "text")
    _flush_text_t3(doc, st, col)


def _text_t4_turned(doc: Document, bi: int, own: str, own_key: str, run: list[_Token], st: _TextState,
                    col: _Collector) -> bool:
    """A text line of table 四 turned round: ``行政复议 2 0 1 0 3`` under an outcome header line (transposed),
    or ``行政复议 结果维持 2`` / ``结果纠正 0`` with the block carried from the line above (rotated)."""
    block = _t4_block(own_key)
    if block:
        st.t4_block = block
    if block and st.t4_outcomes and len(run) == len(st.t4_outcomes):
        for tok, key in zip(run, st.t4_outcomes, strict=True):
            col.add("table4", _text_cell(doc, bi, tok, block, key, own.strip(), _t4_col_label(key, block)), "text")
        return True
    block = block or st.t4_block
    outcome = _t4_outcome(_T4_BLOCK_WORDS_RE.sub("", own_key)) if len(run) == 1 else None
    if block and outcome:
        col.add("table4", _text_cell(doc, bi, run[0], block, outcome, own.strip(), _t4_col_label(outcome, block)),
                "text")
        return True
    return False


def _t4_outcome_header(norm: str) -> list[str]:
    """The outcome columns named by a header line of table 四 transposed, in the order printed (else [])."""
    found = sorted((m.start(), c.key) for c, rx in _T4_COL_FREE_RES if (m := rx.search(norm)))
    keys = [k for _, k in found]
    ok = len(set(keys)) >= 4 and {"结果维持", "结果纠正"} <= set(keys) and not _t4_block(norm)
    return keys if ok and len(keys) == len(set(keys)) else []


def _field_row(p: Paragraph, own: str, run: list[_Token], own_key: str, label: str,
               st: _TextState) -> tuple[str, list[_Token], str]:
    """A tab-separated row's fields (blank cells kept) when they, and not its words, have a table row's width.

    Words are the default: tabs also merely align text, and a doubled tab would add a
    blank cell that is not there.
    """
    fields = split_field_run(p)
    if fields is None or len(fields[1]) == len(run) or _fits(run, own_key, label, st):
        return own, run, own_key
    f_own, f_run = fields
    f_key = label_key(f_own)
    if not _fits(f_run, f_key, "|".join([*st.pending, f_key]), st):
        return own, run, own_key
    return f_own, f_run, f_key


def _text_label_line(norm: str, st: _TextState) -> None:
    """A line without numbers: a column header, table-四 context, or a wrapped label fragment."""
    cols = _t2_header_cols(norm)
    if len(cols) >= 1 and (_T2_HEADER_RE.search(norm) or len(cols) >= 2):
        st.t2_cols = cols
        st.pending.clear()
        return
    if _T4_CONTEXT_RE.search(norm) or norm.startswith(("行政复议", "结果维持")):
        st.t4_context = True
    if st.t4_context and (outcomes := _t4_outcome_header(norm)):
        st.t4_outcomes = outcomes
    elif st.t4_context and (block := _t4_block(norm)):
        st.t4_block = block
    if len(norm) <= 40:
        st.pending.append(norm)
        del st.pending[:-6]
    else:
        st.pending.clear()


def _text_cell(doc: Document, bi: int, tok: _Token, row: str, colk: str, row_label: str, col_label: str) -> CanonCell:
    b = doc.blocks[bi]
    return CanonCell(row, colk, tok.number, doc.source.text[tok.start:tok.end], row_label, col_label, bi, None,
                     tok.start, tok.end, b.page)


def _flush_text_t3(doc: Document, st: _TextState, col: _Collector) -> None:
    """Assign table-三 text rows to columns; with 8 numbers, find where the subtotal column sits."""
    eight = [run for _, _, _, run in st.t3_rows if len(run) == 8]
    sub_pos = _subtotal_position(eight) if eight else 6
    for bi, key, printed, run in st.t3_rows:
        if len(run) == 7:
            keys: tuple[str, ...] = T3_COLS_7
        else:
            col.t3_cols8 = True
            rest = [k for k in T3_COLS_7]
            keys = (*rest[:sub_pos], T3_SUB_KEY, *rest[sub_pos:])
        for tok, ck in zip(run, keys, strict=True):
            col.add("table3", _text_cell(doc, bi, tok, key, ck, printed, ck), "text")


def _subtotal_position(rows: list[list[_Token]]) -> int:
    """Index of the 法人或其他组织 subtotal among 8 numbers: the position where it equals the 5 parts most often."""
    best, best_hits = 6, -1
    for pos in (6, 1):
        hits = 0
        for run in rows:
            vals = [t.number.value for t in run]
            if any(v is None for v in vals):
                continue
            others = vals[:pos] + vals[pos + 1:]
            if vals[pos] == sum(others[1:6]):  # type: ignore[arg-type]
                hits += 1
        if hits > best_hits:
            best, best_hits = pos, hits
    return best


# --------------------------------------------------------------------------------------------------------------
# Assembly
# --------------------------------------------------------------------------------------------------------------


def _same_value(a: CanonCell, b: CanonCell) -> bool:
    if a.number.kind != b.number.kind:
        return False
    if a.number.is_number:
        return a.number.value == b.number.value
    return label_key(a.text) == label_key(b.text)


def _resolve(cands: dict[tuple[str, str], CanonCell], extra: dict[tuple[str, str], list[CanonCell]]
             ) -> tuple[dict[tuple[str, str], CanonCell], dict[tuple[str, str], list[CanonCell]]]:
    """One value per cell; blanks yield to printed values; differing printed values become conflicts."""
    conflicts: dict[tuple[str, str], list[CanonCell]] = {}
    if not extra:
        return cands, conflicts  # the usual case: every cell printed once (the collector is not used afterwards)
    cells = dict(cands)
    for k in [k for k in cands if k in extra]:
        xs = extra[k]
        printed = [x for x in xs if x.number.kind != "blank"] or xs
        distinct: list[CanonCell] = []
        for x in printed:
            if not any(_same_value(x, d) for d in distinct):
                distinct.append(x)
        if len(distinct) > 1:
            conflicts[k] = distinct
        cells[k] = distinct[0]
    return cells, conflicts


def _t3_variant(cells: Iterable[tuple[str, str]], year: int | None) -> str:
    keys = set(map(_KEY_ROW, cells))
    if keys & {"(六)1", "(六)2", "(六)3"}:
        return "2021"
    if "(六)" in keys:
        return "2019"
    return "2019" if year is not None and year < 2021 else "2021"


def _t2_variant(cells: Iterable[tuple[str, str]], year: int | None) -> str:
    keys = list(cells)
    score = 0
    for r, c in keys:
        if c in L.T2_2021_COLUMNS or r == "行政规范性文件":
            score += 1
        elif r in ("规范性文件", "其他对外管理服务事项", "政府集中采购") or c not in L.T2_2021_COLUMNS:
            score -= 1
    if score == 0:
        return "2019" if year is not None and year < 2021 else "2021"
    return "2021" if score > 0 else "2019"


def _build(name: str, col: _Collector, variant: str, expected: Sequence[tuple[str, str]], columns: tuple[str, ...],
           expected_rows: tuple[str, ...]) -> CanonTable | None:
    cands = col.cands[name]
    if not cands:
        return None
    cells, conflicts = _resolve(cands, col.extra[name])
    found = sum(map(cells.__contains__, expected))
    rows_found = set(map(_KEY_ROW, cells))
    cols_found = set(map(_KEY_COL, cells))
    missing = [r for r in expected_rows if r not in rows_found]
    missing += [c for c in columns if c not in cols_found]
    src = col.sources[name]
    return CanonTable(name=name, variant=variant, columns=columns, cells=cells, conflicts=conflicts,
                      blocks=tuple(col.blocks[name]), source="mixed" if len(src) > 1 else next(iter(src)),
                      confidence=found / len(expected) if expected else 1.0, missing_labels=tuple(missing),
                      expected=tuple(expected))


def _grids_complete(col: _Collector, year: int | None) -> tuple[str, str] | None:
    """The (table 三, table 二) variants when grids already gave every cell of all three tables (text lines need
    not be scanned), else None."""
    c3, c2, c4 = col.cands["table3"], col.cands["table2"], col.cands["table4"]
    if not (c3 and c2 and c4) or len(c4) < 15:
        return None
    v3 = _t3_variant(c3, year)
    n3 = len(L.t3_row_keys(v3)) * (8 if col.t3_cols8 else 7)
    v2 = _t2_variant(c2, year)
    n2 = sum(len(v) for v in L.T2_CELLS[v2].values())
    return (v3, v2) if len(c3) >= n3 and len(c2) >= n2 else None


@lru_cache(maxsize=16)
def _t3_expected(variant: str, cols: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((r, c) for r in L.t3_row_keys(variant) for c in cols)


@lru_cache(maxsize=16)
def _t2_spec(variant: str) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...], tuple[str, ...]]:
    """Table 二's columns, expected cells and rows for a variant."""
    spec = L.T2_CELLS[variant]
    cols = tuple(dict.fromkeys(c for cs in spec.values() for c in cs))
    return cols, tuple((r, c) for r, cs in spec.items() for c in cs), tuple(spec)


_T4_EXPECTED = tuple((r, c) for r in T4_ROWS for c in T4_COLS)


def extract_tables(doc: Document) -> TableSet:
    """Find tables 二/三/四 in a document and map every printed value to its canonical cell."""
    col = _Collector()
    st = _GridState()
    for bi, b in enumerate(doc.blocks):
        if isinstance(b, Table):
            _scan_grid(doc, bi, b, st, col)
    year = doc.year
    variants = _grids_complete(col, year)
    if variants is None:
        _scan_text(doc, col)
    out = TableSet()
    if col.cands["table3"]:
        v3 = variants[0] if variants else _t3_variant(col.cands["table3"], year)
        cols3 = T3_COLS_8 if col.t3_cols8 else T3_COLS_7
        out.table3 = _build("table3", col, v3, _t3_expected(v3, cols3), cols3, L.t3_row_keys(v3))
    if col.cands["table2"]:
        v2 = variants[1] if variants else _t2_variant(col.cands["table2"], year)
        cols2, exp2, rows2 = _t2_spec(v2)
        out.table2 = _build("table2", col, v2, exp2, cols2, rows2)
    if col.cands["table4"]:
        out.table4 = _build("table4", col, "2021" if (year or 2021) >= 2021 else "2019", _T4_EXPECTED, T4_COLS,
                            T4_ROWS)
    return out
