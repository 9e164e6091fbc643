"""What the parser saw, for ``gkreview parse`` and for debugging a rule: segments, sections, tables."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from gkreview.analysis import Context
from gkreview.document import Document, Table
from gkreview.loader import load
from gkreview.worker import report_outline


def _try(ctx: Context, name: str) -> Any:
    try:
        return getattr(ctx, name)
    except ImportError:
        return None


def document_outline(doc: Document) -> dict[str, Any]:
    """Title, year, agency, type, sections and table shapes of one document segment."""
    ctx = Context(doc)
    sections = _try(ctx, "sections")
    doc_type = _try(ctx, "doc_type")
    return {
        "segment": doc.segment + 1,
        "marker": doc.marker,
        "title": doc.title,
        "year": doc.year,
        "agency": doc.agency,
        "type": doc_type.to_dict() if doc_type is not None and hasattr(doc_type, "to_dict") else None,
        "template": getattr(sections, "template", None),
        "sections": report_outline(sections, getattr(doc_type, "label", None)),
        "paragraphs": len(doc.paragraphs),
        "tables": [{"index": b.index + 1, "block": i, "page": b.page, "pages": list(b.pages),
                    "rows": b.n_rows, "cols": b.n_cols, "first_cells": [c.text for c in b.rows[0][:4]] if b.rows else []}
                   for i, b in enumerate(doc.blocks) if isinstance(b, Table)],
        "span": list(doc.span),
    }


def file_outline(path: Path) -> dict[str, Any]:
    """The outline of every segment of a file plus the file facts."""
    docs = load(path)
    src = docs[0].source
    return {"path": str(path), "format": src.format, "encoding": src.encoding, "script": src.script,
            "pages": src.page_count, "metadata": src.metadata, "header_footer": src.header_footer[:10],
            "documents": [document_outline(d) for d in docs]}


def render_outline(outline: dict[str, Any]) -> str:
    """Readable text form of :func:`file_outline`."""
    lines = [f"{outline['path']}  [{outline['format']}, {outline['encoding'] or '-'}, {outline['script']}"
             + (f", {outline['pages']} pages" if outline["pages"] else "") + "]"]
    for k, v in outline["metadata"].items():
        lines.append(f"  meta {k}: {v}")
    for d in outline["documents"]:
        dtype = d["type"]["label"] if d["type"] else "?"
        lines.append(f"\n#{d['segment']} {d['title'] or '(no title)'}")
        lines.append(f"   year {d['year']} · agency {d['agency']} · type {dtype} · template {d['template']} · "
                     f"{d['paragraphs']} paragraphs · {len(d['tables'])} tables")
        for s in d["sections"]:
            mark = "  MISSING" if s.get("missing") else ""
            indent = "  " * int(s.get("level") or 1)
            lines.append(f"   {indent}{s.get('title') or ''} [{s.get('id') or '-'}]{mark}")
        for t in d["tables"]:
            pages = ",".join(str(p) for p in t["pages"]) or "-"
            lines.append(f"   table {t['index']}: {t['rows']}×{t['cols']} (pages {pages}) {' | '.join(t['first_cells'])}")
    return "\n".join(lines)


def pick_segment(spec: str) -> Document:
    """``FILE`` (its longest document) or ``FILE:N`` (its N-th document, 1-based)."""
    m = re.match(r"^(.*):(\d+)$", spec)
    path, index = (Path(m.group(1)), int(m.group(2))) if m and not Path(spec).exists() else (Path(spec), None)
    docs = load(path)
    if index is None:
        return max(docs, key=lambda d: len(d.text))
    if not 1 <= index <= len(docs):
        raise ValueError(f"{path} has {len(docs)} document segments; {index} is out of range")
    return docs[index - 1]
