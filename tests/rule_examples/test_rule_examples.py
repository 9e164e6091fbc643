"""Every rule of the identity, announced, timeline and wording families documents a bad and a good example;
the examples are run here: the bad one must trigger its rule, the good one must trigger no rule of these families.
"""

from __future__ import annotations

import importlib

import pytest

from gkreview.analysis import Context
from gkreview.loader import load_text

MODULES = ("gkreview.checks.identity", "gkreview.checks.announced", "gkreview.checks.timeline",
           "gkreview.checks.wording")
FAMILIES = ("gk.identity.", "gk.announced.", "gk.timeline.", "gk.wording.")
RULES = [(mod, rule) for mod in MODULES for rule in importlib.import_module(mod).RULES]


def _findings(text: str) -> list:
    out = []
    for doc in load_text(text):
        ctx = Context(doc)
        for mod in MODULES:
            out.extend(importlib.import_module(mod).check(doc, ctx))
    return out


@pytest.mark.parametrize(("module", "rule"), RULES, ids=[r.id for _, r in RULES])
def test_bad_example_triggers_the_rule(module: str, rule) -> None:
    assert rule.bad and rule.good and rule.description
    ids = {f.rule_id for f in _findings(rule.bad)}
    assert rule.id in ids, f"{rule.id}: bad example not flagged (got {sorted(ids)})"


@pytest.mark.parametrize(("module", "rule"), RULES, ids=[r.id for _, r in RULES])
def test_good_example_is_clean(module: str, rule) -> None:
    found = [f for f in _findings(rule.good) if f.rule_id.startswith(FAMILIES)]
    assert not found, [(f.rule_id, f.message["zh"]) for f in found]
