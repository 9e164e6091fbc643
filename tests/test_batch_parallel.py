"""The batch stage's pair comparisons run on the audit's workers and give the same findings as in one process."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from corpora.gen_duplicates import make_pair
from gkreview import runner
from gkreview.runner import RunOptions, audit

PARENT = os.getpid()


def _copies(tmp: Path) -> Path:
    """Report pairs that reuse each other (prior-year and cross-agency copies), every section copied."""
    folder = tmp / "copies"
    folder.mkdir()
    for seed, kind in enumerate(("prior", "cross", "prior", "cross", "prior")):
        pair = make_pair(100 + seed, kind=kind, sections_copied=6)
        (folder / f"p{seed}_a.txt").write_text(pair.a.text, encoding="utf-8")
        (folder / f"p{seed}_b.txt").write_text(pair.b.text, encoding="utf-8")
    return folder


def _batch_json(result: Any) -> list[dict[str, Any]]:
    return [f.to_dict() for f in result.batch_findings]


def test_pair_comparisons_on_workers_match_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _copies(tmp_path)
    one = audit([folder], options=RunOptions(jobs=1))
    mapped: list[int] = []
    original = runner._LocalBackend.map

    def spy(self: runner._LocalBackend, fn: Any, items: Any) -> list[Any]:
        items = list(items)
        if self.pool is not None:
            mapped.append(len(items))
        return original(self, fn, items)

    monkeypatch.setattr(runner._LocalBackend, "map", spy)
    two = audit([folder], options=RunOptions(jobs=2))
    assert any(f.rule_id.startswith("gk.duplicates.") for f in one.batch_findings)
    assert mapped and sum(mapped) >= 5, "the comparisons did not go to the pool"
    assert _batch_json(one) == _batch_json(two)


def _dies_in_worker(x: int) -> int:
    """Square, except that item 3 kills any process but the test's own (a crashing pair comparison)."""
    if x == 3 and os.getpid() != PARENT:
        os._exit(9)
    return x * x


def test_map_survives_a_dying_worker() -> None:
    backend = runner._LocalBackend(settings=None, opts=RunOptions(jobs=2))  # type: ignore[arg-type]
    backend.pool = runner._make_pool(2, backend.opts)
    try:
        assert backend.map(_dies_in_worker, range(40)) == [x * x for x in range(40)]
    finally:
        backend.close()
    assert backend.map(_dies_in_worker, range(5)) == [x * x for x in range(5)]  # no pool: in this process
