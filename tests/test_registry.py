"""The rule registry: stable ids, documented rules, and a golden list so a rename fails loudly.

Regenerate the golden list after adding rules on purpose: ``python tests/test_registry.py --update``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from gkreview.registry import check_modules, option_defaults, rules

SNAPSHOT = Path(__file__).parent / "registry_snapshot.json"
ID_RE = re.compile(r"^gk\.[a-z0-9]+(\.[a-z0-9-]+)+$")


def current() -> list[dict[str, str]]:
    """Every rule id with its default severity and scope, sorted."""
    return [{"id": r.id, "severity": r.severity.value, "scope": r.scope} for r in sorted(rules().values(), key=lambda r: r.id)]


def test_rule_ids_are_stable_and_documented() -> None:
    for rule in rules().values():
        assert ID_RE.match(rule.id), rule.id
        assert rule.summary_zh and rule.summary_en, rule.id
    assert json.loads(SNAPSHOT.read_text(encoding="utf-8")) == current(), (
        "rule ids changed: never rename or reuse an id; if you added rules, run python tests/test_registry.py --update")


def test_every_check_module_has_the_interface() -> None:
    for mod in check_modules():
        assert callable(mod.check) and isinstance(mod.RULES, tuple), mod.__name__
        if hasattr(mod, "check_batch"):
            assert callable(mod.summarize), mod.__name__
    for key in option_defaults():
        assert "." in key, key


if __name__ == "__main__" and "--update" in sys.argv:
    SNAPSHOT.write_text(json.dumps(current(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT} ({len(current())} rules)")
