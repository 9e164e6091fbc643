"""Terminal summary: counts, the worst findings first, and the files that failed."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from gkreview.findings import Finding
from gkreview.results import AuditResult

MAX_LISTED = 200


def _line(f: Finding) -> str:
    quote = f.evidence.get("quote", "")
    quote = f" 「{quote[:40]}」" if quote else ""
    return f"  {f.severity.value:<7} {f.rule_id:<36} {f.location.describe():<28} {f.message.get('zh', '')}{quote}"


def render(result: AuditResult, stream: TextIO) -> None:
    """A plain-text summary (rich adds colour when the stream is a terminal)."""
    counts = result.counts()
    stats = result.stats
    stream.write(f"gkreview: {stats.get('files', len(result.files))} files, {stats.get('documents', 0)} documents, "
                 f"{stats.get('errors', 0)} unreadable; findings: {counts['error']} error, "
                 f"{counts['warning']} warning, {counts['info']} info\n")
    by_rule = Counter(f.rule_id for f in result.findings)
    if by_rule:
        stream.write("\nBy rule:\n")
        for rid, n in by_rule.most_common():
            stream.write(f"  {n:>6}  {rid}\n")
    findings = sorted(result.findings, key=lambda f: (-f.severity.rank, f.sort_key()))
    current = None
    for listed, f in enumerate(findings):
        if listed >= MAX_LISTED:
            stream.write(f"\n… {len(findings) - listed} more findings (use --format json/html for all)\n")
            break
        if f.location.path != current:
            current = f.location.path
            stream.write(f"\n{current}\n")
        stream.write(_line(f) + "\n")
    if result.errors:
        stream.write("\nFiles that could not be read:\n")
        for fr in result.errors:
            err = fr.error or {}
            stream.write(f"  {fr.path}: {err.get('type')}: {err.get('message')}\n")
