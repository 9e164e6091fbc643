"""SARIF 2.1.0: rules, levels and locations, so findings show up in code-scanning tools.

Report files are artifacts; a finding with a character span becomes a region with
``charOffset``/``charLength`` (offsets into the extracted text of the file) and,
for tables and pages, the table/row/column/page go into the result's property bag.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from gkreview._version import __version__
from gkreview.document import Location
from gkreview.findings import Severity
from gkreview.registry import rules
from gkreview.results import AuditResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str | None) -> str:
    if not path:
        return "unknown"
    p = Path(path)
    return p.as_uri() if p.is_absolute() else p.as_posix()


def _physical(loc: Location) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(loc.path)}}
    if loc.start is not None and loc.end is not None:
        physical["region"] = {"charOffset": loc.start, "charLength": max(0, loc.end - loc.start)}
    return physical


def to_sarif(result: AuditResult) -> dict[str, Any]:
    """The SARIF log as a dict."""
    table = rules()
    used = sorted({f.rule_id for f in result.findings} | set(table))
    index = {rid: i for i, rid in enumerate(used)}
    descriptors = []
    for rid in used:
        r = table.get(rid)
        descriptors.append({
            "id": rid,
            "name": rid.rsplit(".", 1)[-1],
            "shortDescription": {"text": r.summary_en if r else rid},
            "fullDescription": {"text": (r.description or r.summary_en) if r else rid},
            "defaultConfiguration": {"level": LEVELS[r.severity] if r else "warning"},
            "properties": {"summary_zh": r.summary_zh if r else "", "family": rid.rsplit(".", 1)[0]},
        })
    results = []
    for f in result.findings:
        loc = f.location
        physical = _physical(loc)
        if "region" in physical and f.evidence.get("quote"):
            physical["region"]["snippet"] = {"text": f.evidence["quote"]}
        props = {k: v for k, v in loc.to_dict().items() if k not in ("path", "start", "end")}
        related = [{"id": i, "physicalLocation": _physical(r), "message": {"text": r.describe()}}
                   for i, r in enumerate(f.related)]
        results.append({
            "ruleId": f.rule_id,
            "ruleIndex": index[f.rule_id],
            "level": LEVELS[f.severity],
            "message": {"text": f"{f.message.get('zh', '')} | {f.message.get('en', '')}"},
            "locations": [{"physicalLocation": physical,
                           "message": {"text": loc.describe()}}],
            **({"relatedLocations": related} if related else {}),
            "properties": {"location": props, "evidence": f.evidence, "confidence": f.confidence},
        })
    artifacts = sorted({_uri(fr.path) for fr in result.files})
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "gkreview", "version": __version__, "semanticVersion": __version__,
                                "informationUri": "https://pypi.org/project/gkreview/", "rules": descriptors}},
            "artifacts": [{"location": {"uri": a}} for a in artifacts],
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    }


def render(result: AuditResult, stream: TextIO) -> None:
    """Write the SARIF log."""
    json.dump(to_sarif(result), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
