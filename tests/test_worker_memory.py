"""A reviewed file leaves no reference cycles behind: reference counting frees it at once.

The cyclic collector otherwise has to walk every reviewed document (~1,000 objects a
report) again and again while a long audit keeps its results, which cost a tenth of
the run's time before documents were released after review.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from gkreview import worker
from gkreview.config import Settings

CORPORA = Path(__file__).resolve().parents[1] / "corpora"


@pytest.mark.parametrize("pattern", ["seeds/001_*.txt", "seeds/003_*.txt", "templates/*.docx"])
def test_process_file_leaves_no_cyclic_garbage(pattern: str) -> None:
    path = sorted(CORPORA.glob(pattern))[0]
    settings = Settings()
    worker.process_file(str(path), settings)  # first use fills the process-wide caches
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        result = worker.process_file(str(path), settings)
        assert result["documents"], result.get("error")
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()


def test_an_internal_error_is_reported_for_that_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """A defect met by one file becomes that file's error result; it never reaches the run loop."""
    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(worker, "load_bytes", broken)
    path = sorted(CORPORA.glob("seeds/001_*.txt"))[0]
    result = worker.process_file(str(path), Settings())
    assert result["error"]["code"] == "gk.input.error"
    assert "KeyError" in result["error"]["message"]
    assert [f["rule_id"] for f in result["findings"]] == ["gk.input.error"]
