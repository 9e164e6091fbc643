"""Load a file (or a string) into documents: sniff → parse → segment.

This is the one entry point the CLI, the batch runner and library users share.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from pathlib import Path

from gkreview.document import Document, Format, SourceFile
from gkreview.errors import CorruptFile, GkreviewError, TooLarge
from gkreview.normalize import traditional_share
from gkreview.parsers.base import DEFAULT_LIMITS, Limits, ParseResult
from gkreview.parsers.detect import sniff
from gkreview.segment import segment

PARSERS: dict[str, str] = {
    "txt": "gkreview.parsers.txt",
    "docx": "gkreview.parsers.docx",
    "pdf": "gkreview.parsers.pdf",
    "html": "gkreview.parsers.html",
}


def parse_bytes(data: bytes, path: str | None = None, limits: Limits = DEFAULT_LIMITS,
                fmt: Format | None = None, sha256: str | None = None) -> ParseResult:
    """Parse bytes with the parser chosen by content; never returns half a result.

    Any unexpected exception from a parser library is wrapped in CorruptFile so the
    caller only has to handle :class:`GkreviewError`. ``sha256`` is the caller's digest
    of ``data`` when it has one (hashing a file costs about as much as parsing a text).
    """
    limits.check_bytes(len(data), "file", path)
    fmt = fmt or sniff(data, path)
    module = importlib.import_module(PARSERS[fmt])
    try:
        result: ParseResult = module.parse(data, path, limits)
    except GkreviewError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise TooLarge(f"{fmt} file too complex to parse: {type(exc).__name__}", path) from exc
    except Exception as exc:
        raise CorruptFile(f"cannot parse {fmt}: {type(exc).__name__}: {exc}", path) from exc
    src = result.source
    src.size = len(data)
    src.sha256 = sha256 or hashlib.sha256(data).hexdigest()
    share = traditional_share(src.text)
    src.script = "traditional" if share > 0.12 else "mixed" if share > 0.03 else "simplified"
    return result


def load_bytes(data: bytes, path: str | None = None, limits: Limits = DEFAULT_LIMITS,
               sha256: str | None = None) -> list[Document]:
    """Parse and segment bytes; one Document per document found in the file (``sha256``: see parse_bytes)."""
    result = parse_bytes(data, path, limits, sha256=sha256)
    return segment(result.source, result.blocks)


def load(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> list[Document]:
    """Load a report file (.txt, .docx, .pdf, .html; any supported encoding).

    Returns one :class:`Document` per document in the file (a cover memo and its
    attachment are two). Raises a :class:`GkreviewError` subclass for input that
    cannot be read.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise GkreviewError(f"cannot read file: {exc.strerror}", str(p)) from exc
    limits.check_bytes(size, "file", str(p))
    return load_bytes(p.read_bytes(), str(p), limits)


def load_text(text: str, path: str | None = None) -> list[Document]:
    """Segment an already decoded string (a pasted report) into documents."""
    from gkreview.parsers.base import drop_invisible
    from gkreview.parsers.meta import extract_metadata
    from gkreview.parsers.txt import blocks_from_text

    text = drop_invisible(text)
    blocks = blocks_from_text(text)
    source = SourceFile(path=path, format="txt", text=text, encoding="str", size=len(text))
    source.metadata.update(extract_metadata(b.text for b in blocks[:40] if b.kind == "paragraph"))
    share = traditional_share(text)
    source.script = "traditional" if share > 0.12 else "mixed" if share > 0.03 else "simplified"
    return segment(source, blocks)
