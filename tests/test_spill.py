"""Large summary fields wait on disk during an audit, are read back exactly, and never outlive their results."""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path

import pytest

from corpora.gen_duplicates import make_pair
from gkreview import spill
from gkreview.runner import RunOptions, audit
from gkreview.spill import SPILL_KEY, inline_summaries, is_ref, resolve, spill_summaries

DUP = "gkreview.checks.duplicates"


def _copies(tmp: Path) -> Path:
    folder = tmp / "copies"
    folder.mkdir()
    for seed, kind in enumerate(("prior", "cross", "prior")):
        pair = make_pair(200 + seed, kind=kind, sections_copied=6)
        (folder / f"p{seed}_a.txt").write_text(pair.a.text, encoding="utf-8")
        (folder / f"p{seed}_b.txt").write_text(pair.b.text, encoding="utf-8")
    return folder


def test_spill_and_inline_round_trip(tmp_path: Path) -> None:
    masked = {"text": "□□年本局公开信息", "original": "2020年本局公开信息", "base": 0}
    result = {"path": "x", "documents": [{"summaries": {DUP: {"masked": masked, "year": 2020}, "other": {"v": 1}}}]}
    spill_summaries(result, str(tmp_path), {DUP: ("masked",)})
    summary = result["documents"][0]["summaries"][DUP]
    assert is_ref(summary["masked"]) and summary["year"] == 2020
    assert resolve(summary["masked"]) == masked
    assert resolve({"text": "inline"}) == {"text": "inline"}  # remote workers send fields inline
    inlined = inline_summaries(result)
    assert inlined["documents"][0]["summaries"][DUP]["masked"] == masked
    assert is_ref(result["documents"][0]["summaries"][DUP]["masked"])  # the original is left as it was


def test_audit_keeps_masked_texts_on_disk_until_the_result_goes(tmp_path: Path) -> None:
    folder = _copies(tmp_path)
    inline_run = audit([folder], options=RunOptions(jobs=1))
    refs = [doc.summaries[DUP]["masked"] for fr in inline_run.files for doc in fr.documents]
    assert refs and all(is_ref(r) for r in refs)
    spill_dir = Path(refs[0][SPILL_KEY]).parent
    assert spill_dir.is_dir() and all(resolve(r)["text"] for r in refs)
    samples = [doc.summaries[DUP]["stock_sample"] for fr in inline_run.files for doc in fr.documents]
    assert all(is_ref(r) and isinstance(resolve(r), str) for r in samples)  # the largest field after the text
    assert [p.name for p in spill_dir.iterdir()] == [f"{os.getpid()}.spill"]  # one file per writing process
    assert any(f.rule_id.startswith("gk.duplicates.") for f in inline_run.batch_findings)
    del inline_run, refs, samples
    gc.collect()
    assert not spill_dir.exists()
    assert not any(p.startswith(str(spill_dir)) for p in (*spill._WRITERS, *spill._READERS))  # descriptors closed


def test_records_append_and_read_back_exactly(tmp_path: Path) -> None:
    values = [{"text": "甲" * n, "n": n} for n in (0, 1, 5000, 70_000)]
    refs = [spill.put(str(tmp_path), v) for v in values]
    assert [resolve(r) for r in reversed(refs)] == values[::-1]
    assert len(list(tmp_path.iterdir())) == 1 and len({r[SPILL_KEY] for r in refs}) == len(refs)
    path, _, span = refs[-1][SPILL_KEY].rpartition("#")
    cut = {SPILL_KEY: f"{path}#{span.split('+')[0]}+{int(span.split('+')[1]) + 10}"}
    with pytest.raises(OSError, match="cut short"):
        resolve(cut)
    spill.release(str(tmp_path))
    assert not any(p.startswith(str(tmp_path)) for p in (*spill._WRITERS, *spill._READERS))


def test_cache_entries_hold_the_fields_themselves(tmp_path: Path) -> None:
    folder = _copies(tmp_path)
    cache = tmp_path / "cache"
    first = audit([folder], options=RunOptions(jobs=2, cache_dir=str(cache)))
    stored = [p for p in cache.rglob("*") if p.is_file()]
    assert stored and not any(SPILL_KEY in p.read_text(encoding="utf-8", errors="ignore") for p in stored)
    again = audit([folder], options=RunOptions(jobs=2, cache_dir=str(cache)))
    assert again.stats["cached"] == len(again.files) == 6
    assert json.dumps([f.to_dict() for f in again.batch_findings], sort_keys=True) == \
        json.dumps([f.to_dict() for f in first.batch_findings], sort_keys=True)
    assert os.listdir(cache)


def test_a_killed_runs_folder_is_removed_by_the_next_run(tmp_path: Path) -> None:
    import subprocess
    import sys

    from gkreview.spill import SpillFolder, sweep_stale

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f"gkreview-spill-{dead.stdout.strip()}-abc"
    stale.mkdir()
    (stale / "1-0.pkl").write_bytes(b"x")
    mine = SpillFolder()
    live = tmp_path / f"gkreview-spill-{os.getpid()}-def"
    live.mkdir()
    sweep_stale(str(tmp_path))
    assert not stale.exists() and live.exists()
    mine.remove()


def test_a_field_that_cannot_be_written_stays_inline(tmp_path: Path) -> None:
    masked = {"text": "本局", "original": "本局", "base": 0}
    result = {"documents": [{"summaries": {DUP: {"masked": masked}}}]}
    spill_summaries(result, str(tmp_path / "gone"), {DUP: ("masked",)})  # the folder does not exist
    assert result["documents"][0]["summaries"][DUP]["masked"] == masked


def test_a_spill_file_removed_mid_run_costs_the_batch_check_not_the_audit(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import gkreview.checks.duplicates as dup

    folder = _copies(tmp_path)

    def vanished(value: object) -> object:
        if is_ref(value):
            raise FileNotFoundError(value[SPILL_KEY])  # type: ignore[index]
        return value

    monkeypatch.setattr(dup, "resolve", vanished)
    monkeypatch.setattr(dup, "_DECODED", type(dup._DECODED)())
    result = audit([folder], options=RunOptions(jobs=1))
    assert "gkreview.checks.duplicates" in result.stats["batch_errors"]
    assert len(result.files) == 6 and all(fr.ok for fr in result.files)
