"""Plain-text reports: decode (BOM, UTF-8, GB18030, Big5, UTF-16) and split into blocks.

Lines are paragraphs. Runs of lines that use ``|`` or tabs as column separators
(pages saved from government sites, pasted tables) become tables, so later checks
can read them as grids. The decoded text is kept verbatim as the original text.
"""

from __future__ import annotations

import codecs
import re

from gkreview.document import Block, SourceFile
from gkreview.errors import EncodingError
from gkreview.parsers.base import DEFAULT_LIMITS, Limits, ParseResult, RawCell, drop_invisible
from gkreview.parsers.meta import extract_metadata

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CANDIDATES = ["utf_8", "gb18030", "big5", "utf_16"]
_SEP_RE = re.compile(r"\s*\|\s*|\t")
# A Markdown alignment row (|---|:--:|): layout, not a row of dash placeholders.
_RULE_CELL_RE = re.compile(r":?-{3,}:?")


def decode(data: bytes, path: str | None = None) -> tuple[str, str]:
    """Decode text bytes; return (text, encoding name).

    Order: BOM, strict UTF-8, then charset-normalizer restricted to the encodings
    Chinese reports use (it tells Big5 from GB18030 by character frequencies, which
    strict decoding cannot: most Big5 bytes are also valid GB18030).
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc.replace("-sig", "") + ("-bom" if "sig" in enc else "")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    import charset_normalizer

    best = charset_normalizer.from_bytes(data[:400_000], cp_isolation=_CANDIDATES).best()
    if best is None:
        for enc in ("gb18030", "big5"):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                continue
        raise EncodingError("cannot decide the text encoding (not UTF-8, GB18030, Big5 or UTF-16)", path)
    enc = best.encoding.replace("_", "-")
    return data.decode(best.encoding, errors="replace"), enc


def _row_cells(line: str) -> list[str] | None:
    """Cells of a separated line, or None when the line is ordinary prose."""
    if line.count("|") >= 2 or line.count("\t") >= 2:
        # tabs are separators, not padding: a leading tab is an empty first cell (a label merged from above)
        cells = _SEP_RE.split(line.strip(" \u3000\r\n"))
        # two printed cells at least: a paragraph indented with tabs is prose
        return cells if len(cells) - cells.count("") >= 2 else None
    return None


def _is_rule_row(cells: list[str]) -> bool:
    """True for a Markdown header/body separator line: every printed cell is a run of dashes."""
    printed = [c for c in cells if c]
    return bool(printed) and all(_RULE_CELL_RE.fullmatch(c) for c in printed)


def _strip_borders(pending: list[tuple[int, str, list[str]]]) -> None:
    """Drop the outer ``|`` borders of a Markdown-style table, keeping the empty cells of a bare grid.

    ``| a | b |`` on every line is a bordered table: its first and last (empty) cells are
    the border. In a grid typed without borders a leading ``|`` is an empty first cell
    (the continuation of a label merged from the row above, ``|（二）部分公开…|12|…``);
    stripping it would shift every cell of that row one column to the left.
    """
    if all(len(cells) >= 3 and not cells[0] and not cells[-1] for _, _, cells in pending):
        for i, (s, body, cells) in enumerate(pending):
            pending[i] = (s, body, cells[1:-1])


def blocks_from_text(text: str) -> list[Block]:
    """Split decoded text into paragraphs (one per non-empty line) and tables.

    A run of two or more separated lines is a table; a lone separated line is a
    paragraph. One pass over the lines, no per-line helper calls for ordinary prose.
    """
    from gkreview.document import Paragraph
    from gkreview.parsers.base import build_table_at

    blocks: list[Block] = []
    n_par = 0
    n_tables = 0
    pending: list[tuple[int, str, list[str]]] = []

    def flush() -> None:
        nonlocal n_tables, n_par
        pending[:] = [row for row in pending if not _is_rule_row(row[2])]
        if len(pending) >= 2:
            _strip_borders(pending)
            blocks.append(build_table_at(text, pending.copy(), index=n_tables))
            n_tables += 1
        else:
            for s, body, _ in pending:
                stripped = body.strip()
                if stripped:
                    lead = s + len(body) - len(body.lstrip())
                    n_par += 1
                    blocks.append(Paragraph(stripped, lead, lead + len(stripped), n_par))
        pending.clear()

    pos = 0
    for ln in text.splitlines(keepends=True):
        if "|" in ln or "\t" in ln:
            body = ln.rstrip("\r\n")
            cells = _row_cells(body)
            if cells is not None:
                pending.append((pos, body, cells))
                pos += len(ln)
                continue
        if pending:
            flush()
        # a paragraph per non-blank line (str.strip also drops the line break splitlines kept)
        stripped = ln.strip()
        if stripped:
            lead = pos + len(ln) - len(ln.lstrip())
            n_par += 1
            blocks.append(Paragraph(stripped, lead, lead + len(stripped), n_par))
        pos += len(ln)
    flush()
    return blocks


def parse(data: bytes, path: str | None = None, limits: Limits = DEFAULT_LIMITS) -> ParseResult:
    """Parse a plain-text file."""
    limits.check_bytes(len(data), "text file", path)
    text, enc = decode(data, path)
    text = drop_invisible(text)
    limits.check_chars(len(text), path)
    blocks = blocks_from_text(text)
    source = SourceFile(path=path, format="txt", text=text, encoding=enc, size=len(data))
    source.metadata.update(extract_metadata(b.text for b in blocks[:40] if b.kind == "paragraph"))
    for b in blocks[:3]:
        if b.kind == "table":
            source.metadata.update(extract_metadata("|".join(c.text for c in row) for row in b.rows))
    return ParseResult(source=source, blocks=blocks)


__all__ = ["RawCell", "blocks_from_text", "decode", "parse"]
