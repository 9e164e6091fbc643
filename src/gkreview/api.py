"""Library-level calls that mirror the CLI: everything the CLI does is a function call."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gkreview.config import Settings, build_settings, find_config, read_config
from gkreview.document import Document
from gkreview.findings import Finding
from gkreview.results import AuditResult
from gkreview.runner import RunOptions
from gkreview.runner import audit as _run_audit


def settings_from(config: Settings | str | os.PathLike[str] | dict[str, Any] | None,
                  anchor: Path | None = None) -> Settings:
    """Settings from a Settings object, a config file path, a raw dict, or the nearest config file."""
    if isinstance(config, Settings):
        return config
    if isinstance(config, dict):
        return build_settings(config)
    if config is not None:
        return build_settings(read_config(Path(config)))
    found = find_config(anchor or Path.cwd())
    return build_settings(read_config(found)) if found else Settings()


def audit(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
          config: Settings | str | os.PathLike[str] | dict[str, Any] | None = None,
          **options: Any) -> AuditResult:
    """Audit files and folders like ``gkreview audit``; ``options`` are :class:`RunOptions` fields.

    >>> import gkreview, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "r.txt").write_text("某县2020年政府信息公开工作年度报告\\n一、总体情况\\n", encoding="utf-8")
    >>> result = gkreview.audit(folder, jobs=1)
    >>> len(result.files)
    1
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    first = Path(paths[0]) if paths else Path.cwd()
    return _run_audit(list(paths), settings_from(config, first), RunOptions(**options))


@dataclass
class PairComparison:
    """Two reports compared: reuse (复制比, passages) and, for consecutive years, the carry-over checks."""

    duplicates: Any
    crossyear: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"duplicates": self.duplicates.to_dict(), "crossyear": [f.to_dict() for f in self.crossyear]}


def compare(a: Document, b: Document, *, min_match: int = 13) -> PairComparison:
    """Compare two reports like ``gkreview compare``: reused passages of ``a`` found in ``b`` and,
    when they are one year apart, last year's 结转下年度 against this year's 上年结转 (X1–X4).
    """
    from gkreview.crossyear import compare_years
    from gkreview.dedup import compare_documents

    dup = compare_documents(a, b, min_match=min_match)
    years: list[Finding] = []
    if a.year and b.year and abs(a.year - b.year) == 1:
        prev, cur = (a, b) if a.year < b.year else (b, a)
        years = compare_years(prev, cur)
    return PairComparison(dup, years)
