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
