"""Findings and rules: what every check produces and how it is described.

A :class:`Rule` is declared once, next to the check that emits it, with a stable id
(``gk.<family>.<name>``), a default severity, a Chinese and English summary and a
bad/good example. A :class:`Finding` is a frozen record of one defect: rule id,
severity, location, message in Chinese and English, and evidence (numbers,
passages) that a reviewer can verify without opening the file. Findings are plain
data so they pickle across processes and serialise to JSON unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from gkreview.document import Location


class Severity(StrEnum):
    """How bad a finding is. Ordered: error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for error, 1 for warning, 0 for info (for ``--fail-on`` comparisons)."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True, slots=True)
class Rule:
    """A stable, documented rule.

    ``id`` never changes once released; ``family`` groups rules for selection
    (``gk.table3`` selects every table-三 rule); ``bad``/``good`` are short example
    passages that the docs show and the tests run.
    """

    id: str
    severity: Severity
    summary_zh: str
    summary_en: str
    description: str = ""
    bad: str = ""
    good: str = ""
    scope: str = "document"  # "file", "document" or "batch"

    @property
    def family(self) -> str:
        """The id without its last part: ``gk.table3.row-sum`` → ``gk.table3``."""
        return self.id.rsplit(".", 1)[0]


@dataclass(frozen=True, slots=True)
class Finding:
    """One defect found in one document (or one pair of documents).

    ``message`` maps ``"zh"`` and ``"en"`` to the rendered sentence; ``evidence``
    holds JSON-ready facts (printed vs computed value, contributing cells, the
    passage); ``related`` points at the other places involved (the addends of a bad
    total, the copied passage in the other file).
    """

    rule_id: str
    severity: Severity
    location: Location
    message: dict[str, str]
    evidence: dict[str, Any] = field(default_factory=dict)
    related: tuple[Location, ...] = ()
    confidence: float = 1.0

    def with_severity(self, severity: Severity) -> Finding:
        """A copy with another severity (configuration overrides)."""
        return replace(self, severity=severity)

    def sort_key(self) -> tuple[Any, ...]:
        """Stable order: file, segment, position, rule."""
        loc = self.location
        return (
            loc.path or "",
            loc.segment or 0,
            loc.start if loc.start is not None else -1,
            loc.table if loc.table is not None else -1,
            loc.row if loc.row is not None else -1,
            loc.col if loc.col is not None else -1,
            self.rule_id,
            self.message.get("en", ""),
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the JSON, JSONL and cache formats all use this)."""
        return {
            "rule_id": self.rule_id,
            "severity": self.severity.value,
            "location": self.location.to_dict(),
            "message": dict(self.message),
            "evidence": self.evidence,
            "related": [r.to_dict() for r in self.related],
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Finding:
        """Inverse of :meth:`to_dict` (used by the resumable cache)."""
        return cls(
            rule_id=d["rule_id"],
            severity=Severity(d["severity"]),
            location=Location(**d["location"]),
            message=dict(d["message"]),
            evidence=d.get("evidence", {}),
            related=tuple(Location(**r) for r in d.get("related", [])),
            confidence=d.get("confidence", 1.0),
        )


def make_finding(
    rule: Rule,
    location: Location,
    zh: str,
    en: str,
    evidence: dict[str, Any] | None = None,
    related: tuple[Location, ...] = (),
    confidence: float = 1.0,
    severity: Severity | None = None,
) -> Finding:
    """Build a finding for ``rule`` with its default severity unless overridden."""
    return Finding(
        rule_id=rule.id,
        severity=severity or rule.severity,
        location=location,
        message={"zh": zh, "en": en},
        evidence=evidence or {},
        related=related,
        confidence=confidence,
    )
