"""Shared by the layout fixture tests (PDF, DOCX/HTML): the printed diagnosis when a test file is run as a script."""

from __future__ import annotations

from typing import Any


def print_diagnosis(diagnosis: dict[str, dict[str, list[Any]]], limit: int = 25) -> None:
    """Every file's problems by kind, at most ``limit`` of each kind."""
    for fname, probs in diagnosis.items():
        print(f"== {fname}")
        for kind, items in probs.items():
            for item in items[:limit]:
                print(f"  [{kind}] {item}")
            if len(items) > limit:
                print(f"  [{kind}] … {len(items) - limit} more")
