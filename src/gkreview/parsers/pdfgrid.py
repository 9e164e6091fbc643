"""Ruled tables of a PDF page from pdfium's page objects, found with pdfplumber's table algorithm.

Why not ``pdfplumber.Page.find_tables``: pdfplumber reads a page through pdfminer's
layout analysis, 50–100 ms for a page of table 三 and most of a report's parse time,
and its ``intersections_to_cells`` scans every intersection point once per point
(another 10–50 ms on the same page). pdfium has already parsed the page's path
objects, so the edges are built from them here and pdfplumber's algorithm (merge
edges → intersections → cells → tables) is re-implemented on tuples with sorted
lists, index ranges and hash lookups. It gives the same cells as pdfplumber's
functions (the tests compare both on the real report) without importing pdfplumber,
whose pdfminer import alone costs a few hundred milliseconds per process.

Cell text follows pdfplumber's rules too, read from pdfium's character boxes: a
character belongs to the cell that holds its centre; a cell's characters cluster into
lines whose tops lie within 3 pt; a line splits into words at blanks, at gaps over
3 pt and where text runs backwards; words join with a space and lines with ``\\n``.

Coordinates are top-down page points with the origin at the media box's top-left
corner, the system of pdfplumber and of the PDF parser's lines.
"""

from __future__ import annotations

import ctypes
import functools
import math
import operator
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pypdfium2 import PdfTextPage

Bbox = tuple[float, float, float, float]  # x0, top, x1, bottom
Edge = dict[str, Any]  # pdfplumber's edge dict: x0 x1 top bottom width height orientation object_type

# pdfplumber's default table settings ("lines" strategy).
SNAP_TOLERANCE = 3.0
JOIN_TOLERANCE = 3.0
EDGE_MIN_LENGTH = 3.0
EDGE_MIN_LENGTH_PREFILTER = 1.0
INTERSECTION_TOLERANCE = 3.0
# More vertical × horizontal merged edges than this is a drawing (a map, a chart, a hostile
# file), not a report table (table 三: ~12 × 30): its intersections would take minutes to search.
MAX_EDGE_PAIRS = 250_000
# pdfplumber's default text settings inside a cell.
TEXT_X_TOLERANCE = 3.0
TEXT_Y_TOLERANCE = 3.0


class Char:
    """One character with its box and centre (a blank stands for a space printed in the content stream).

    A plain slotted class: a table page makes a thousand of these, and a dataclass with a
    ``__post_init__`` costs twice as much to build.
    """

    __slots__ = ("bottom", "hmid", "text", "top", "vmid", "x0", "x1")

    def __init__(self, text: str, x0: float, x1: float, top: float, bottom: float) -> None:
        self.text = text
        self.x0 = x0
        self.x1 = x1
        self.top = top
        self.bottom = bottom
        self.hmid = (x0 + x1) / 2
        self.vmid = (top + bottom) / 2

    def __repr__(self) -> str:
        return f"Char({self.text!r}, {self.x0:.1f}, {self.x1:.1f}, {self.top:.1f}, {self.bottom:.1f})"


# --------------------------------------------------------------------------- pdfium calls


@functools.cache
def cfuncs() -> SimpleNamespace:
    """pdfium functions for the per-character and per-segment loops, called without ctypes' argument checks.

    pypdfium2's bindings declare every parameter's type, so each call converts and checks
    its arguments: about half the cost of a call that reads one character box, and a
    page of text makes thousands. These prototypes declare only the result (and, where
    noted, a pointer parameter); callers pass ctypes pointers (handles, ``byref`` of the
    result structures) and small Python ints (indices), which ctypes passes as C ``int`` —
    exactly the declared parameter types.
    """
    import pypdfium2.raw as pdfium_c

    def proto(name: str, restype: Any = ctypes.c_int, *argtypes: Any) -> Any:
        fn = getattr(pdfium_c, name)
        # Same calling convention as the binding (stdcall only matters on 32-bit Windows).
        stdcall = type(fn)._flags_ & getattr(ctypes, "_FUNCFLAG_STDCALL", 0)
        factory = ctypes.WINFUNCTYPE if stdcall else ctypes.CFUNCTYPE
        return factory(restype, *argtypes)(ctypes.cast(fn, ctypes.c_void_p).value)

    ptr = ctypes.c_void_p
    return SimpleNamespace(
        loose_box=proto("FPDFText_GetLooseCharBox"),
        is_generated=proto("FPDFText_IsGenerated"),
        get_object=proto("FPDFPage_GetObject", ptr),
        # Takes the object's address as a plain int (what ``get_object`` returns): a page of
        # a Word export holds hundreds of text objects, each typed only to find the paths.
        object_type_at=proto("FPDFPageObj_GetType", ctypes.c_int, ptr),
        object_bounds=proto("FPDFPageObj_GetBounds"),
        object_matrix=proto("FPDFPageObj_GetMatrix"),
        count_segments=proto("FPDFPath_CountSegments"),
        get_segment=proto("FPDFPath_GetPathSegment", ptr),
        segment_point=proto("FPDFPathSegment_GetPoint"),
        segment_type=proto("FPDFPathSegment_GetType"),
        segment_close=proto("FPDFPathSegment_GetClose"),
    )


def handle(obj: Any) -> ctypes.c_void_p:
    """A pdfium handle (a pypdfium2 ``.raw`` pointer or an address) as a ``void *`` for :func:`cfuncs`."""
    return ctypes.c_void_p(obj if isinstance(obj, int) else ctypes.cast(obj, ctypes.c_void_p).value)


# --------------------------------------------------------------------------- edges


def path_edges(paths: Iterable[Any], left: float, top: float) -> list[Edge]:
    """Horizontal and vertical edges drawn by pdfium path objects (raw ``FPDF_PAGEOBJECT`` handles).

    Like pdfminer + pdfplumber, every straight piece between consecutive path points
    is a candidate edge, whether the path is stroked or filled (cell borders are often
    thin filled rectangles), and a closed subpath adds the piece back to its start.
    Bézier curves contribute only their end points, as in pdfminer. Sloped pieces are
    dropped: they cannot rule a grid.
    """
    import pypdfium2.raw as pdfium_c

    fn = cfuncs()
    m = pdfium_c.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()
    mref, xref, yref = ctypes.byref(m), ctypes.byref(x), ctypes.byref(y)
    get_matrix, count = fn.object_matrix, fn.count_segments
    get_segment, get_point = fn.get_segment, fn.segment_point
    get_type, get_close = fn.segment_type, fn.segment_close
    moveto, bezierto = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_BEZIERTO
    void_p = ctypes.c_void_p
    out: list[Edge] = []
    for path in paths:
        obj = handle(path)
        if not get_matrix(obj, mref):
            continue
        a, b, c, d, e, f = m.a, m.b, m.c, m.d, m.e, m.f
        start = prev = None
        n_bezier = 0
        for i in range(count(obj)):
            address = get_segment(obj, i)
            if address is None:
                continue
            seg = void_p(address)
            if not get_point(seg, xref, yref):
                continue
            px, py = x.value, y.value
            pt = (a * px + c * py + e - left, top - (b * px + d * py + f))
            kind = get_type(seg)
            if kind == moveto:
                start = prev = pt
                n_bezier = 0
            elif kind == bezierto:
                n_bezier += 1
                if n_bezier % 3 == 0:  # the curve's end point; the two before it are control points
                    _add_edge(out, prev, pt)
                    prev = pt
            else:
                _add_edge(out, prev, pt)
                prev = pt
            if get_close(seg) and start is not None:
                _add_edge(out, prev, start)
                prev = start
    return out


def _add_edge(out: list[Edge], p: tuple[float, float] | None, q: tuple[float, float]) -> None:
    if p is None:
        return
    (x0, t0), (x1, t1) = p, q
    if t0 == t1 and x0 != x1:
        lo, hi = (x0, x1) if x0 < x1 else (x1, x0)
        out.append({"x0": lo, "x1": hi, "top": t0, "bottom": t0, "width": hi - lo, "height": 0.0,
                    "orientation": "h", "object_type": "curve_edge"})
    elif x0 == x1 and t0 != t1:
        lo, hi = (t0, t1) if t0 < t1 else (t1, t0)
        out.append({"x0": x0, "x1": x0, "top": lo, "bottom": hi, "width": 0.0, "height": hi - lo,
                    "orientation": "v", "object_type": "curve_edge"})


# --------------------------------------------------------------------------- pdfplumber's stages


def find_grids(edges: list[Edge]) -> list[list[Bbox]]:
    """Tables (lists of cell boxes in row order) that the edges rule, by pdfplumber's "lines" strategy;
    none on a page whose edges are too many to be a table (``MAX_EDGE_PAIRS``)."""
    v_raw: list[_Line] = []
    h_raw: list[_Line] = []
    for e in edges:
        if e["orientation"] == "v":
            if e["height"] >= EDGE_MIN_LENGTH_PREFILTER:
                v_raw.append((e["x0"], e["x1"], e["top"], e["bottom"], e["height"]))
        elif e["width"] >= EDGE_MIN_LENGTH_PREFILTER:
            h_raw.append((e["top"], e["bottom"], e["x0"], e["x1"], e["width"]))
    v_lines = merge_lines(v_raw, SNAP_TOLERANCE, JOIN_TOLERANCE, vertical=True)
    h_lines = merge_lines(h_raw, SNAP_TOLERANCE, JOIN_TOLERANCE, vertical=False)
    if len(v_lines) * len(h_lines) > MAX_EDGE_PAIRS:
        return []
    v_boxes = [(x0, top, x1, bottom) for x0, x1, top, bottom, _ in v_lines]
    h_boxes = [(x0, top, x1, bottom) for top, bottom, x0, x1, _ in h_lines]
    cells = intersections_to_cells(_intersections(v_boxes, h_boxes))
    return [sorted(t, key=lambda b: (b[1], b[0])) for t in cells_to_tables(cells)]


# One edge along its line: (position, far side, start, end, length). A vertical edge is
# (x0, x1, top, bottom, height), a horizontal one (top, bottom, x0, x1, width).
_Line = tuple[float, float, float, float, float]


def merge_lines(lines: list[_Line], snap_tol: float, join_tol: float, vertical: bool) -> list[_Line]:
    """pdfplumber's ``merge_edges`` for the edges of one orientation, on tuples instead of dicts.

    Snap: positions chained within ``snap_tol`` of each other form a cluster and move to the
    cluster's mean (each edge shifted by ``mean - position``, as pdfplumber computes it, so the
    floats come out the same). Join: along each position, edges sorted by start are joined
    when one starts within ``join_tol`` of where the previous ends. Edges shorter than
    ``EDGE_MIN_LENGTH`` are dropped. The result is ordered by position, then start.
    """
    if not lines:
        return []
    cluster: dict[float, int] = {}
    k = -1
    last = 0.0
    for v in sorted({ln[0] for ln in lines}):
        if k < 0 or v > last + snap_tol:
            k += 1
        cluster[v] = k
        last = v
    groups: list[list[_Line]] = [[] for _ in range(k + 1)]
    for ln in lines:
        groups[cluster[ln[0]]].append(ln)
    snapped: list[_Line] = []
    for group in groups:
        mean = sum(ln[0] for ln in group) / len(group)
        for pos, far, lo, hi, length in group:
            shift = mean - pos
            snapped.append((pos + shift, far + shift, lo, hi, length))
    snapped.sort(key=lambda ln: ln[0])
    out: list[_Line] = []
    i, n = 0, len(snapped)
    while i < n:
        j = i + 1
        while j < n and snapped[j][0] == snapped[i][0]:
            j += 1
        along = sorted(snapped[i:j], key=lambda ln: ln[2])
        joined = [along[0]]
        for ln in along[1:]:
            pos, far, lo, hi, length = joined[-1]
            if ln[2] <= hi + join_tol:
                if ln[3] > hi:  # pdfplumber's resize_object: the length follows the new end
                    joined[-1] = (pos, far, lo, ln[3], length + (ln[3] - hi) if vertical else ln[3] - lo)
            else:
                joined.append(ln)
        out.extend(ln for ln in joined if ln[4] >= EDGE_MIN_LENGTH)
        i = j
    return out


# Each point where edges cross, with the ids (indices) of the vertical and of the horizontal
# edges through it: small ints hash and compare faster than edge boxes.
Intersections = dict[tuple[float, float], tuple[set[int], set[int]]]


def edges_to_intersections(edges: list[Edge], x_tol: float = INTERSECTION_TOLERANCE,
                           y_tol: float = INTERSECTION_TOLERANCE) -> Intersections:
    """pdfplumber's ``edges_to_intersections``: points where a vertical and a horizontal edge meet
    (within the tolerances), each with the vertical and horizontal edges through it (as ids)."""
    v = [(e["x0"], e["top"], e["x1"], e["bottom"]) for e in edges if e["orientation"] == "v"]
    h = [(e["x0"], e["top"], e["x1"], e["bottom"]) for e in edges if e["orientation"] == "h"]
    return _intersections(v, h, x_tol, y_tol)


def _intersections(v_boxes: list[Bbox], h_boxes: list[Bbox], x_tol: float = INTERSECTION_TOLERANCE,
                   y_tol: float = INTERSECTION_TOLERANCE) -> Intersections:
    """:func:`edges_to_intersections` on edge boxes ``(x0, top, x1, bottom)``.

    Horizontal edges are sorted by top once and each vertical edge looks only at those
    whose top lies in its vertical reach, instead of testing every pair. Edges are
    identified by their position in the sorted lists; equal boxes (which pdfplumber's
    sets of boxes would merge) get one id.
    """
    v_edges = sorted(v_boxes, key=lambda b: (b[0], b[1]))
    h_edges = sorted(h_boxes, key=lambda b: (b[1], b[0]))
    v_id: dict[Bbox, int] = {}
    h_id: dict[Bbox, int] = {}
    for box in v_edges:
        v_id.setdefault(box, len(v_id))
    for box in h_edges:
        h_id.setdefault(box, len(h_id))
    h_ids = [h_id[box] for box in h_edges]
    h_tops = [h[1] for h in h_edges]
    out: Intersections = {}
    slack = 1e-6 * (1 + max((abs(t) for t in h_tops), default=0))
    for vbox in v_edges:
        vx, vtop, _, vbottom = vbox
        vi = v_id[vbox]
        lo = bisect_left(h_tops, vtop - y_tol - slack)
        hi = bisect_right(h_tops, vbottom + y_tol + slack)
        for k in range(lo, hi):
            hx0, htop, hx1, _ = h_edges[k]
            if vtop <= htop + y_tol and vbottom >= htop - y_tol and hx0 - x_tol <= vx <= hx1 + x_tol:
                entry = out.get((vx, htop))
                if entry is None:
                    entry = out[(vx, htop)] = (set(), set())
                entry[0].add(vi)
                entry[1].add(h_ids[k])
    return out


def intersections_to_cells(intersections: Intersections) -> list[Bbox]:
    """pdfplumber's ``intersections_to_cells``: for each point, the smallest cell whose four
    corners are intersections joined by edges, searching the points below it, then those
    to its right, nearest first.

    Points are numbered in (x, y) order, so the points below one are the rest of its run
    of equal x; a second numbering in (y, x) order gives the points to its right. The
    search walks index ranges instead of scanning every later point.
    """
    points = sorted(intersections)
    n = len(points)
    number = {p: i for i, p in enumerate(points)}
    v_sets = [intersections[p][0] for p in points]
    h_sets = [intersections[p][1] for p in points]
    col_end = [0] * n  # end (exclusive) of each point's column run in ``points``
    i = 0
    while i < n:
        j = i + 1
        while j < n and points[j][0] == points[i][0]:
            j += 1
        col_end[i:j] = [j] * (j - i)
        i = j
    by_row = sorted(range(n), key=lambda k: (points[k][1], points[k][0]))
    row_pos = [0] * n  # each point's position in ``by_row``
    row_end = [0] * n  # end (exclusive) of its row run in ``by_row``
    i = 0
    while i < n:
        y = points[by_row[i]][1]
        j = i + 1
        while j < n and points[by_row[j]][1] == y:
            j += 1
        for pos in range(i, j):
            row_pos[by_row[pos]] = pos
            row_end[by_row[pos]] = j
        i = j

    cells: list[Bbox] = []
    get = number.get
    for k in range(n):
        vs, hs = v_sets[k], h_sets[k]
        right_from, right_to = row_pos[k] + 1, row_end[k]
        found = None
        for below in range(k + 1, col_end[k]):
            if vs.isdisjoint(v_sets[below]):
                continue
            below_y = points[below][1]
            below_hs = h_sets[below]
            for pos in range(right_from, right_to):
                right = by_row[pos]
                if hs.isdisjoint(h_sets[right]):
                    continue
                right_x = points[right][0]
                corner = get((right_x, below_y))
                if corner is not None and not v_sets[corner].isdisjoint(v_sets[right]) \
                        and not h_sets[corner].isdisjoint(below_hs):
                    found = (points[k][0], points[k][1], right_x, below_y)
                    break
            if found is not None:
                break
        if found is not None:
            cells.append(found)
    return cells


def cells_to_tables(cells: list[Bbox]) -> list[list[Bbox]]:
    """pdfplumber's ``cells_to_tables``: cells grouped into tables of cells that share corners
    (transitively), single-cell groups dropped, tables ordered by their top-left cell (cells
    within a table in input order).

    Cells sharing a corner are united in a union-find forest whose roots are the smallest
    cell indices, so each table is collected in one pass over the cells.
    """
    parent = list(range(len(cells)))
    first: dict[tuple[float, float], int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            j = first.setdefault(corner, i)
            if j == i:
                continue
            a = i
            while parent[a] != a:
                parent[a] = a = parent[parent[a]]
            b = j
            while parent[b] != b:
                parent[b] = b = parent[parent[b]]
            if a < b:
                parent[b] = a
            elif b < a:
                parent[a] = b
    groups: dict[int, list[Bbox]] = {}
    for i, cell in enumerate(cells):
        a = i
        while parent[a] != a:
            a = parent[a]
        groups.setdefault(a, []).append(cell)
    tables = [t for t in groups.values() if len(t) > 1]
    return sorted(tables, key=lambda t: min((c[1], c[0]) for c in t))


# --------------------------------------------------------------------------- characters


def page_chars(textpage: PdfTextPage, text: str, left: float, top: float, within: Bbox | None = None) -> list[Char]:
    """The page's characters in content order with their loose (font-height) boxes.

    ``text`` holds one character per pdfium character index. Spaces and line breaks
    that pdfium generated are left out (pdfminer has no such characters); spaces that
    the content stream prints are kept as blanks, which split words. With ``within``,
    only the characters whose centre lies in that box (``[x0, x1) × [top, bottom)``, as
    :func:`grid_chars` tests it) are kept: the rest of a table page costs no objects.
    """
    import pypdfium2.raw as pdfium_c

    fn = cfuncs()
    rect = pdfium_c.FS_RECTF()
    ref, page = ctypes.byref(rect), handle(textpage.raw)
    loose, generated = fn.loose_box, fn.is_generated
    out: list[Char] = []
    append = out.append
    if within is None:
        w_left = w_top = -math.inf
        w_right = w_bottom = math.inf
    else:
        w_left, w_top, w_right, w_bottom = within
    for i, ch in enumerate(text):
        if ch.isspace():
            if generated(page, i) != 0:
                continue
            ch = " "
        if not loose(page, i, ref):
            continue
        x0, x1, t, b = rect.left - left, rect.right - left, top - rect.top, top - rect.bottom
        if w_left <= (x0 + x1) / 2 < w_right and w_top <= (t + b) / 2 < w_bottom:
            append(Char(ch, x0, x1, t, b))
    return out


def grid_chars(cells: Sequence[Bbox], chars: Iterable[Char]) -> list[list[Char]]:
    """The characters of each cell: those whose centre lies in the cell, ``[x0, x1) × [top, bottom)``."""
    xs = sorted({v for c in cells for v in (c[0], c[2])})
    ys = sorted({v for c in cells for v in (c[1], c[3])})
    n_cols = len(xs)
    at: list[int] = [-1] * (len(ys) * n_cols)  # grid square (row * n_cols + col) → the cell covering it
    for k, (x0, top, x1, bottom) in enumerate(cells):
        c0, c1 = bisect_left(xs, x0), bisect_left(xs, x1)
        for r in range(bisect_left(ys, top), bisect_left(ys, bottom)):
            base = r * n_cols
            for square in range(base + c0, base + c1):
                if at[square] < 0:
                    at[square] = k
    out: list[list[Char]] = [[] for _ in cells]
    grid_left, grid_top, grid_right, grid_bottom = xs[0], ys[0], xs[-1], ys[-1]
    for ch in chars:
        h, v = ch.hmid, ch.vmid
        if not (grid_left <= h < grid_right and grid_top <= v < grid_bottom):
            continue
        k = at[(bisect_right(ys, v) - 1) * n_cols + bisect_right(xs, h) - 1]
        if k >= 0:
            x0, top, x1, bottom = cells[k]
            if x0 <= h < x1 and top <= v < bottom:
                out[k].append(ch)
    return out


def cell_text(chars: list[Char]) -> str:
    """pdfplumber's ``extract_text`` (no layout) of one cell's characters: lines joined by ``\\n``."""
    if not chars:
        return ""
    if len(chars) == 1:
        return "" if chars[0].text.isspace() else chars[0].text
    tops = {c.top for c in chars}
    if len(tops) == 1:  # one line (most cells: a number or a short label)
        groups = [chars]
    else:
        cluster = _clusters(sorted(tops), TEXT_Y_TOLERANCE)
        lines: dict[int, list[Char]] = {}
        for c in chars:
            lines.setdefault(cluster[c.top], []).append(c)
        groups = [lines[k] for k in sorted(lines)]
    out: list[str] = []
    for group in groups:
        words: list[str] = []
        word: list[str] = []
        last = group[0]  # the word's last character (read only while the word has one)
        for c in sorted(group, key=_x0):
            if c.text.isspace():
                if word:
                    words.append("".join(word))
                word = []
            elif word and (c.x0 < last.x0 or c.x0 > last.x1 + TEXT_X_TOLERANCE
                           or abs(c.top - last.top) > TEXT_Y_TOLERANCE):
                words.append("".join(word))
                word = [c.text]
                last = c
            else:
                word.append(c.text)
                last = c
        if word:
            words.append("".join(word))
        if words:
            out.append(" ".join(words))
    return "\n".join(out)


_x0 = operator.attrgetter("x0")


def _clusters(values: list[float], tol: float) -> dict[float, int]:
    """pdfplumber's ``make_cluster_dict``: sorted values chained while each is within ``tol`` of the last."""
    out: dict[float, int] = {}
    k = -1
    last = None
    for v in values:
        if last is None or v > last + tol:
            k += 1
        out[v] = k
        last = v
    return out


__all__ = ["Char", "cell_text", "cells_to_tables", "cfuncs", "edges_to_intersections", "find_grids", "grid_chars",
           "handle", "intersections_to_cells", "merge_lines", "page_chars", "path_edges"]
