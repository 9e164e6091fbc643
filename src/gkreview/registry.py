"""The rule registry: every check module, every rule id, every option default."""

from __future__ import annotations

import importlib
from functools import cache
from types import ModuleType
from typing import Any

from gkreview.checks import CHECK_MODULES
from gkreview.findings import Rule


@cache
def check_modules() -> tuple[ModuleType, ...]:
    """The imported check modules, in the order of CHECK_MODULES."""
    return tuple(importlib.import_module(name) for name in CHECK_MODULES)


@cache
def rules() -> dict[str, Rule]:
    """Rule id → Rule; a duplicate id is a programming error and fails loudly."""
    table: dict[str, Rule] = {}
    for mod in check_modules():
        for rule in mod.RULES:
            if rule.id in table:
                raise ValueError(f"duplicate rule id {rule.id} in {mod.__name__}")
            table[rule.id] = rule
    return table


@cache
def option_defaults() -> dict[str, Any]:
    """Every option a check module declares, with its default."""
    merged: dict[str, Any] = {}
    for mod in check_modules():
        merged.update(getattr(mod, "OPTIONS", {}))
    return merged


def get_rule(rule_id: str) -> Rule:
    """Look a rule up by id (KeyError if unknown)."""
    return rules()[rule_id]
