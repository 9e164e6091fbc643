"""Settings: which rules run, at what severity, with which options.

Raw options come from ``[tool.gkreview]`` in pyproject.toml, ``.gkreview.toml`` or
the CLI; they are merged and frozen into :class:`Settings`. Rule selection
accepts a full id (``gk.table3.row-sum``) or a prefix (``gk.table3``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
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
    # rule id → enabled, filled on first ask: checks ask per rule and per finding, thousands of times a run
    _enabled: dict[str, bool] = field(default_factory=dict, init=False, repr=False, compare=False)

    def enabled(self, rule_id: str) -> bool:
        """True when the rule is selected and not ignored."""
        known = self._enabled.get(rule_id)
        if known is None:
            known = self._enabled[rule_id] = _matches(rule_id, self.select) and not _matches(rule_id, self.ignore)
        return known

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

    def apply_all(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings as configured (:meth:`apply`), in report order: what every check stage hands on."""
        return sorted((f for f in map(self.apply, findings) if f is not None), key=Finding.sort_key)


class ConfigError(ValueError):
    """The configuration file or a command-line option is malformed (exit code 2)."""


TOP_KEYS = {"select", "ignore", "severity", "options", "per-file-ignores", "run", "fail-on"}
RUN_KEYS = {"jobs", "timeout", "max-memory-mb", "include", "exclude", "cache-dir", "max-file-mb"}


def find_config(start: Path) -> Path | None:
    """The nearest ``.gkreview.toml``, or ``pyproject.toml`` with a ``[tool.gkreview]`` table, upwards."""
    import tomllib

    start = start.resolve()
    for folder in [start if start.is_dir() else start.parent, *start.parents]:
        own = folder / ".gkreview.toml"
        if own.is_file():
            return own
        py = folder / "pyproject.toml"
        if py.is_file():
            try:
                if "gkreview" in tomllib.loads(py.read_text(encoding="utf-8")).get("tool", {}):
                    return py
            except (OSError, tomllib.TOMLDecodeError):
                continue
    return None


def read_config(path: Path) -> dict[str, Any]:
    """The raw gkreview table of a config file (``[tool.gkreview]`` in pyproject, top level otherwise)."""
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    raw = data.get("tool", {}).get("gkreview", {}) if path.name == "pyproject.toml" else data
    unknown = set(raw) - TOP_KEYS
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) {sorted(unknown)}; expected {sorted(TOP_KEYS)}")
    unknown_run = set(raw.get("run", {})) - RUN_KEYS
    if unknown_run:
        raise ConfigError(f"{path}: unknown [run] key(s) {sorted(unknown_run)}; expected {sorted(RUN_KEYS)}")
    return raw


def _as_tuple(value: Any, what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{what} must be a string or a list of strings, not {value!r}")


def _severity(value: str, what: str) -> Severity:
    try:
        return Severity(value)
    except ValueError as exc:
        raise ConfigError(f"{what}: severity must be error, warning or info, not {value!r}") from exc


def build_settings(raw: dict[str, Any], select: Sequence[str] = (), ignore: Sequence[str] = (),
                   options: dict[str, Any] | None = None) -> Settings:
    """Merge a raw config table with command-line values (the CLI wins) into frozen Settings."""
    from gkreview.registry import option_defaults, rules

    known_rules = set(rules())
    sel = tuple(select) or _as_tuple(raw.get("select", ["all"]), "select")
    ign = _as_tuple(raw.get("ignore", []), "ignore") + tuple(ignore)
    for pattern in (*sel, *ign):
        if pattern not in ("all", "*") and not any(r == pattern or r.startswith(pattern.rstrip(".") + ".")
                                                   for r in known_rules):
            raise ConfigError(f"unknown rule id or prefix {pattern!r} (see `gkreview rules`)")
    sev = {k: _severity(v, f"severity.{k}") for k, v in raw.get("severity", {}).items()}
    opts = dict(raw.get("options", {}))
    opts.update(options or {})
    defaults = option_defaults()
    unknown = set(opts) - set(defaults)
    if unknown:
        raise ConfigError(f"unknown option(s) {sorted(unknown)}; known: {sorted(defaults)}")
    pfi = {k: _as_tuple(v, f"per-file-ignores.{k}") for k, v in raw.get("per-file-ignores", {}).items()}
    return Settings(select=sel, ignore=ign, severity=sev, options=opts, per_file_ignores=pfi)
