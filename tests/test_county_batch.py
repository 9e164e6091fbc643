"""corpora/county_batch: one county's folder, audited as a reviewer would (``gkreview audit``).

Every report is written from the same county model text plus its own work, so honest
reports share long stock passages; injected copies and cross-year breaks sit in known
files (``corpora/make_county_batch.py``). The audit must raise exactly the manifest's
batch findings per file (rule id and the source file each names), and nothing of the
duplicates or cross-year families on any other file.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from conftest import CORPORA
from gkreview.config import build_settings
from gkreview.dedup.shingle import agency_key
from gkreview.runner import RunOptions, audit

FOLDER = CORPORA / "county_batch"
MANIFEST: dict[str, Any] = json.loads((FOLDER / "manifest.json").read_text(encoding="utf-8"))
ENTRIES: list[dict[str, Any]] = MANIFEST["files"]
BATCH_FAMILIES = ("gk.duplicates.", "gk.crossyear.")


def _source(evidence: dict[str, Any]) -> str:
    """The file a batch finding names as its source (copy source, earlier table, previous year)."""
    ref = evidence.get("source") or evidence.get("previous") or {}
    return Path(ref.get("path") or "").name


def _by_file(options: dict[str, Any] | None = None) -> dict[str, dict[str, set[str]]]:
    settings = build_settings({}, options=options) if options else None
    result = audit([FOLDER], settings=settings, options=RunOptions(jobs=1))
    got: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for f in result.batch_findings:
        if f.rule_id.startswith(BATCH_FAMILIES):
            got[Path(f.location.path or "").name][f.rule_id].add(_source(f.evidence))
    return {k: dict(v) for k, v in got.items()}


@pytest.fixture(scope="module")
def findings() -> dict[str, dict[str, set[str]]]:
    return _by_file()


def test_manifest_lists_every_file() -> None:
    on_disk = {p.name for p in FOLDER.iterdir() if p.is_file() and p.name != "manifest.json"}
    assert on_disk == {e["file"] for e in ENTRIES}
    assert len(on_disk) >= 35 and {p.suffix for p in FOLDER.iterdir()} >= {".txt", ".docx"}


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_batch_findings_match_manifest(findings: dict[str, dict[str, set[str]]], entry: dict[str, Any]) -> None:
    expected = {rule: set(sources) for rule, sources in entry["expected"].items()}
    assert findings.get(entry["file"], {}) == expected


def test_every_injection_is_in_the_manifest() -> None:
    kinds = {e["kind"] for e in ENTRIES}
    assert {"redated", "sibling", "reupload", "township", "clean"} <= kinds
    rules = {r for e in ENTRIES for r in e["expected"]}
    assert {"gk.duplicates.redated-copy", "gk.duplicates.cross-agency-copy", "gk.duplicates.identical-tables",
            "gk.duplicates.batch-near-duplicate", "gk.crossyear.carry-over", "gk.crossyear.rollforward"} <= rules


def test_abbreviated_names_are_one_agency() -> None:
    """A body that writes its name in full one year and abbreviated the next pairs across years."""
    by_slug: dict[str, set[str]] = defaultdict(set)
    for e in ENTRIES:
        by_slug[e["file"].split("_")[1].split(".")[0]].add(e["agency"])
    renamed = {slug: names for slug, names in by_slug.items() if len(names) > 1}
    assert len(renamed) >= 4  # 政府办, 发改委, 卫健委, 市场监管局, 人社局
    for names in renamed.values():
        assert len({agency_key(n) for n in names}) == 1, names
    assert len({agency_key(next(iter(n))) for n in by_slug.values()}) == len(by_slug)  # no two bodies merged


def test_without_stock_marking_the_county_model_text_looks_like_copying() -> None:
    """The county model text is what separates this folder from generated pairs: with the batch's stock
    marking off, honest departments are reported as copying each other."""
    got = _by_file({"duplicates.stock_agencies": 0})
    clean = {e["file"] for e in ENTRIES if not e["expected"]}
    falsely = {f for f in clean if "gk.duplicates.cross-agency-copy" in got.get(f, {})}
    assert len(falsely) >= len(clean) // 2


def test_crossyear_pairs_renamed_bodies_but_not_side_by_side_ones() -> None:
    from gkreview.crossyear import _agency_key, pair_consecutive

    def s(agency: str, year: int) -> dict[str, Any]:
        return {"agency": agency, "agency_key": _agency_key(agency), "year": year, "path": f"{year}{agency}"}

    renamed = [s("某县人民政府办公室", 2022), s("某县政府办", 2023), s("某县工商行政管理局", 2017),
               s("某县市场监督管理局", 2018)]
    assert [(p["path"], c["path"]) for p, c in pair_consecutive(renamed)] == [
        ("2022某县人民政府办公室", "2023某县政府办"), ("2017某县工商行政管理局", "2018某县市场监督管理局")]
    side_by_side = [s("某县工商行政管理局", 2016), s("某县质量技术监督局", 2016), s("某县工商行政管理局", 2017),
                    s("某县质量技术监督局", 2017)]
    assert sorted((p["path"], c["path"]) for p, c in pair_consecutive(side_by_side)) == [
        ("2016某县工商行政管理局", "2017某县工商行政管理局"), ("2016某县质量技术监督局", "2017某县质量技术监督局")]
