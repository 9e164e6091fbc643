"""JSON (one document) and JSON Lines (one finding per line, streamable)."""

from __future__ import annotations

import json
from typing import TextIO

from gkreview.results import AuditResult


def render(result: AuditResult, stream: TextIO) -> None:
    """The whole audit as one JSON document (schema ``gkreview/1``)."""
    stream.write(result.to_json())
    stream.write("\n")


def render_lines(result: AuditResult, stream: TextIO) -> None:
    """One JSON object per finding, each self-contained (path inside the location)."""
    for f in result.findings:
        stream.write(json.dumps(f.to_dict(), ensure_ascii=False))
        stream.write("\n")
