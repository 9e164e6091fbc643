"""Shared fixtures: paths into corpora/ (tests never read ../shared at run time)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
SEEDS = CORPORA / "seeds"


@pytest.fixture(scope="session")
def corpora() -> Path:
    """The corpora/ folder."""
    return CORPORA


def seed(prefix: str) -> Path:
    """Path of the seed whose file name starts with ``prefix`` (e.g. "001")."""
    return next(SEEDS.glob(f"{prefix}_*.txt"))
