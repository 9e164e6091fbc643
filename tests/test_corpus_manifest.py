"""corpora/manifest.json: every listed file loads as described (format, encoding, script, segments, titles)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

import gkreview
from conftest import CORPORA, ROOT
from gkreview.normalize import norm

if str(ROOT) not in sys.path:  # corpora/ is a package at the repository root, not installed
    sys.path.insert(0, str(ROOT))

from corpora.make_variants import SEED_EXPECTED, seed_blocks
from corpora.render import FORMATS, render

MANIFEST = json.loads((CORPORA / "manifest.json").read_text(encoding="utf-8"))
FILES: list[dict[str, Any]] = MANIFEST["files"]


@pytest.mark.parametrize("entry", FILES, ids=[e["path"] for e in FILES])
def test_manifest_entry_loads_as_described(entry: dict[str, Any]) -> None:
    docs = gkreview.load(CORPORA / entry["path"])
    source = docs[0].source
    assert source.format == entry["format"]
    assert source.encoding == entry["encoding"]
    assert source.script == entry["script"]
    assert len(docs) == entry["segments"]
    assert [norm(d.title) if d.title else None for d in docs] == [norm(t) if t else None for t in entry["titles"]]


def test_manifest_covers_every_corpus_file() -> None:
    listed = {e["path"] for e in FILES}
    on_disk = {p.relative_to(CORPORA).as_posix() for folder in ("seeds", "generated/formats", "reports", "templates")
               for p in (CORPORA / folder).iterdir() if p.is_file()}
    assert on_disk == listed
    assert {e["path"][6:9] for e in FILES if e["kind"] == "seed"} == set(SEED_EXPECTED)


def test_every_seed_has_every_variant_and_its_defects() -> None:
    for seed in (e for e in FILES if e["kind"] == "seed"):
        assert seed["defects"], seed["path"]
        variants = [e for e in FILES if e.get("source") == seed["path"]]
        assert {e["format"] for e in variants} == set(FORMATS)
        assert {e["encoding"] for e in variants} >= {"gb18030", "big5"}
        assert {e["script"] for e in variants} == {"simplified", "traditional"}
        assert all(e["defects"] == seed["defects"] for e in variants)


def test_generated_size_stays_small() -> None:
    size = sum(p.stat().st_size for p in (CORPORA / "generated" / "formats").iterdir())
    assert size < 3 * 1024 * 1024


@pytest.mark.parametrize("fmt", FORMATS)
def test_render_is_deterministic(fmt: str, tmp_path: Path) -> None:
    """Regenerating the corpus rewrites identical bytes, so git only sees real changes."""
    blocks = seed_blocks(next((CORPORA / "seeds").glob("002_*.txt")))
    a = render(blocks, fmt, tmp_path / f"a.{fmt}", title="标题")
    b = render(blocks, fmt, tmp_path / f"b.{fmt}", title="标题")
    assert a.read_bytes() == b.read_bytes()
