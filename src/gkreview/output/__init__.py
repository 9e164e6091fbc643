"""Output formats, one module each, dispatched through :data:`FORMATS`.

Every renderer takes an :class:`~gkreview.results.AuditResult` and a text stream.
The JSON document carries ``"schema": "gkreview/1"``; JSONL streams one finding per
line; CSV has one row per finding; SARIF 2.1.0 carries the rules and levels for
code-scanning tools; HTML is the self-contained report people read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from gkreview.results import AuditResult

Renderer = Callable[[AuditResult, TextIO], None]


def _lazy(module: str, name: str) -> Renderer:
    def render(result: AuditResult, stream: TextIO) -> None:
        import importlib

        getattr(importlib.import_module(module), name)(result, stream)

    return render


FORMATS: dict[str, Renderer] = {
    "text": _lazy("gkreview.output.text", "render"),
    "json": _lazy("gkreview.output.json_", "render"),
    "jsonl": _lazy("gkreview.output.json_", "render_lines"),
    "csv": _lazy("gkreview.output.table", "render_csv"),
    "sarif": _lazy("gkreview.output.sarif", "render"),
    "html": _lazy("gkreview.output.html", "render"),
}

SUFFIXES: dict[str, str] = {".json": "json", ".jsonl": "jsonl", ".csv": "csv", ".sarif": "sarif",
                            ".html": "html", ".htm": "html", ".txt": "text"}
