"""Settings: which rules run, at what severity, with which options.

Raw options come from ``[tool.gkreview]`` in pyproject.toml, ``.gkreview.toml`` or
the CLI; they are merged and frozen into :class:`Settings`. Rule selection
accepts a full id (``gk.table3.row-sum``) or a prefix (``gk.table3``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gkreview.findings import Finding, Severity


def _matches(rule_id: str, patterns: tuple[str, ...]) -> bool:
    return any(rule_id == p or rule_id.startswith(p.rstrip(".") + ".") or p in ("all", "*")
               for p in patterns)


@dataclass(frozen=True)
class Settings:
    """Frozen, merged configuration."""

    select: tuple[str, ...] = ("all",)
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def enabled(self, rule_id: str) -> bool:
        """True when the rule is selected and not ignored."""
        return _matches(rule_id, self.select) and not _matches(rule_id, self.ignore)

    def option(self, key: str, default: Any = None) -> Any:
        """The configured value of a rule option, else the module's default."""
        if key in self.options:
            return self.options[key]
        from gkreview.registry import option_defaults

        return option_defaults().get(key, default)

    def apply(self, finding: Finding) -> Finding | None:
        """The finding as configured: dropped when disabled, severity overridden."""
        if not self.enabled(finding.rule_id):
            return None
        path = finding.location.path or ""
        for pattern, ids in self.per_file_ignores.items():
            from fnmatch import fnmatch

            if (fnmatch(path, pattern) or fnmatch(path.rsplit("/", 1)[-1], pattern)) and _matches(
                    finding.rule_id, ids):
                return None
        for pattern, sev in sorted(self.severity.items(), key=lambda kv: len(kv[0])):
            if _matches(finding.rule_id, (pattern,)):
                finding = finding.with_severity(sev)
        return finding
