"""Results of reviewing files: plain, JSON-ready records that cross process boundaries.

A worker (local process, or a Dask worker on another machine) turns one file into a
:class:`FileResult`: what the file is, one :class:`DocResult` per document segment
(title, year, agency, type, outline, table grids for the HTML report, and the
summaries that batch checks need) and the findings. Only JSON types are used, so a
result can be cached on disk, resumed after a crash and sent over the network
unchanged. :class:`AuditResult` gathers every file plus the batch findings.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field, fields
from typing import Any

from gkreview.findings import Finding, Severity

SCHEMA = "gkreview/1"


@dataclass
class DocResult:
    """What the report shows about one document segment."""

    segment: int
    title: str | None
    year: int | None
    agency: str | None
    doc_type: str | None = None
    template: str | None = None
    outline: list[dict[str, Any]] = field(default_factory=list)
    tables: list[dict[str, Any]] = field(default_factory=list)
    n_paragraphs: int = 0
    n_chars: int = 0
    summaries: dict[str, Any] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON form (shallow: every field already holds JSON types; asdict's deep copy is slow)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DocResult:
        """Inverse of :meth:`to_dict`."""
        return cls(**d)


@dataclass
class FileResult:
    """The outcome for one file: its documents and findings, or the error that stopped it."""

    path: str
    sha256: str | None = None
    size: int | None = None
    format: str | None = None
    encoding: str | None = None
    script: str | None = None
    page_count: int | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    documents: list[DocResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    error: dict[str, str] | None = None
    seconds: float = 0.0
    peak_rss_mb: float | None = None
    source_text: str | None = None

    @property
    def ok(self) -> bool:
        """True when the file was parsed (it may still have findings)."""
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        """JSON form (findings as dicts)."""
        d = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("findings", "documents")}
        d["documents"] = [doc.to_dict() for doc in self.documents]
        d["findings"] = [f.to_dict() for f in self.findings]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FileResult:
        """Inverse of :meth:`to_dict` (the cache and Dask results use it)."""
        d = dict(d)
        docs = [DocResult.from_dict(x) for x in d.pop("documents", [])]
        findings = [Finding.from_dict(x) for x in d.pop("findings", [])]
        return cls(documents=docs, findings=findings, **d)


@dataclass
class AuditResult:
    """Every file of an audit plus the findings that need several files (duplicates, cross-year)."""

    files: list[FileResult]
    batch_findings: list[Finding] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def findings(self) -> list[Finding]:
        """All findings (per file and batch) in a stable order."""
        out = [f for fr in self.files for f in fr.findings] + list(self.batch_findings)
        return sorted(out, key=Finding.sort_key)

    @property
    def errors(self) -> list[FileResult]:
        """Files that could not be read."""
        return [fr for fr in self.files if not fr.ok]

    def counts(self) -> dict[str, int]:
        """Findings per severity."""
        c = Counter(f.severity.value for f in self.findings)
        return {s.value: c.get(s.value, 0) for s in Severity}

    def max_severity(self) -> Severity | None:
        """The worst severity found, or None when there is nothing."""
        ranks = [f.severity for f in self.findings]
        return max(ranks, key=lambda s: s.rank) if ranks else None

    def to_dict(self) -> dict[str, Any]:
        """The JSON document (schema ``gkreview/1``)."""
        files = []
        for fr in self.files:
            d = fr.to_dict()
            d.pop("source_text", None)
            for doc in d["documents"]:
                doc.pop("summaries", None)
            files.append(d)
        return {
            "schema": SCHEMA,
            "stats": self.stats,
            "counts": self.counts(),
            "files": files,
            "batch_findings": [f.to_dict() for f in sorted(self.batch_findings, key=Finding.sort_key)],
        }

    def to_json(self, indent: int | None = 2) -> str:
        """The JSON document as a string."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_html(self) -> str:
        """The self-contained HTML report."""
        from gkreview.output.html import render_html

        return render_html(self)

    def to_dataframe(self) -> Any:
        """One row per finding as a pandas DataFrame (pandas must be installed)."""
        import pandas as pd

        from gkreview.output.table import finding_rows

        return pd.DataFrame(finding_rows(self))
