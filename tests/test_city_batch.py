"""corpora/city_batch: a prefecture-level city's folder the batch checks were not tuned on (``gkreview audit``).

Three years (2022-2024) of the city government, its bureaus, two districts and a development
zone, in .txt/.docx/.pdf/.html under nested folders whose file names (附件1.docx, 年报.pdf,
index.html) say nothing: agency and year come from the documents. Some bodies write from the
city's model text, others in their own words. The audit must raise exactly the manifest's batch
findings per file (rule id and the source file each names, as paths relative to the folder), and
nothing of the duplicates or cross-year families on any other file (``corpora/make_city_batch.py``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from conftest import CORPORA
from gkreview.dedup.shingle import agency_key
from gkreview.findings import Finding, Severity
from gkreview.runner import RunOptions, audit

FOLDER = CORPORA / "city_batch"
MANIFEST: dict[str, Any] = json.loads((FOLDER / "manifest.json").read_text(encoding="utf-8"))
ENTRIES: list[dict[str, Any]] = MANIFEST["files"]
BATCH_FAMILIES = ("gk.duplicates.", "gk.crossyear.")


def _rel(path: str | None) -> str:
    """A path relative to the folder (file names repeat across its subfolders)."""
    if not path:
        return ""
    p = Path(path).resolve()
    return p.relative_to(FOLDER.resolve()).as_posix() if p.is_relative_to(FOLDER.resolve()) else str(path)


def _source(evidence: dict[str, Any]) -> str:
    """The file a batch finding names as its source (copy source, earlier table, previous year)."""
    ref = evidence.get("source") or evidence.get("previous") or {}
    return _rel(ref.get("path"))


@pytest.fixture(scope="module")
def batch() -> list[Finding]:
    return [f for f in audit([FOLDER], options=RunOptions(jobs=1)).batch_findings if f.rule_id.startswith(BATCH_FAMILIES)]


@pytest.fixture(scope="module")
def findings(batch: list[Finding]) -> dict[str, dict[str, set[str]]]:
    got: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for f in batch:
        if f.rule_id.startswith(BATCH_FAMILIES):
            got[_rel(f.location.path)][f.rule_id].add(_source(f.evidence))
    return {k: dict(v) for k, v in got.items()}


def test_manifest_lists_every_file() -> None:
    on_disk = {p.relative_to(FOLDER).as_posix() for p in FOLDER.rglob("*") if p.is_file() and p.name != "manifest.json"}
    assert on_disk == {e["file"] for e in ENTRIES}
    assert {Path(f).suffix for f in on_disk} == {".txt", ".docx", ".pdf", ".html"}
    assert all(not any(ch.isdigit() for ch in Path(f).stem) or Path(f).stem == "附件1" for f in on_disk)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_batch_findings_match_manifest(findings: dict[str, dict[str, set[str]]], entry: dict[str, Any]) -> None:
    expected = {rule: set(sources) for rule, sources in entry["expected"].items()}
    assert findings.get(entry["file"], {}) == expected


def test_no_finding_on_a_file_outside_the_manifest(findings: dict[str, dict[str, set[str]]]) -> None:
    assert set(findings) <= {e["file"] for e in ENTRIES}


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.get("foreign_places")], ids=lambda e: e["file"])
def test_copy_keeping_another_districts_name_is_an_error(batch: list[Finding], entry: dict[str, Any]) -> None:
    """A district's copy of a sibling district's report names the sibling (a child of the city both
    print): that name is foreign to the copier, and the copy finding is an error that quotes it."""
    copies = [f for f in batch if f.rule_id == "gk.duplicates.cross-agency-copy" and _rel(f.location.path) == entry["file"]]
    assert len(copies) == 1
    assert copies[0].severity is Severity.ERROR
    assert {p["name"] for p in copies[0].evidence["foreign_places"]} == set(entry["foreign_places"])


def test_every_injection_is_in_the_manifest() -> None:
    kinds = {e["kind"] for e in ENTRIES}
    assert {"redated", "district", "tables", "twice", "peer", "clean"} <= kinds
    rules = {r for e in ENTRIES for r in e["expected"]}
    assert {"gk.duplicates.redated-copy", "gk.duplicates.cross-agency-copy", "gk.duplicates.identical-tables",
            "gk.duplicates.batch-near-duplicate", "gk.crossyear.carry-over", "gk.crossyear.rollforward"} <= rules


def test_long_and_short_names_are_one_agency() -> None:
    """市人力资源和社会保障局 / 市人社局 (and 市场监督管理局 / 市场监管局) pair; no two bodies merge."""
    by_folder: dict[str, set[str]] = defaultdict(set)
    for e in ENTRIES:
        parts = e["file"].split("/")
        by_folder[parts[0] if parts[0].startswith("bm") else parts[1]].add(e["agency"])
    renamed = [names for names in by_folder.values() if len(names) > 1]
    assert len(renamed) >= 2
    for names in renamed:
        assert len({agency_key(n) for n in names}) == 1, names
    assert len({agency_key(next(iter(n))) for n in by_folder.values()}) == len(by_folder)


def test_agency_key_drops_a_parent_place_and_expands_zone_short_forms() -> None:
    assert agency_key("岳阳市君山区人民政府") == agency_key("君山区人民政府") == agency_key("湖南省岳阳市君山区人民政府")
    assert agency_key("湖南省岳阳市财政局") == agency_key("岳阳市财政局")
    assert agency_key("岳阳经开区管委会") == agency_key("岳阳经济技术开发区管理委员会")
    assert agency_key("长沙高新区管委会") == agency_key("长沙高新技术产业开发区管理委员会")
    # different bodies stay apart: the city and its district, two districts, the city's government and a county's
    keys = [agency_key(n) for n in ("岳阳市人民政府", "岳阳市君山区人民政府", "岳阳市岳阳楼区人民政府", "岳阳市岳阳县人民政府")]
    assert len(set(keys)) == 4


def test_own_place_is_the_most_specific_named() -> None:
    from gkreview.dedup.places import foreign_places, own_codes

    own = own_codes("岳阳市君山区人民政府2023年政府信息公开工作年度报告", "岳阳市君山区人民政府")
    named = [h.name for h in foreign_places("请与岳阳市岳阳楼区人民政府办公室联系。湖南省岳阳市君山区", own)]
    assert named == ["岳阳楼区"]  # the sibling district; not the city, the province or the district itself
    assert foreign_places("岳阳楼区、君山区、岳阳县", own_codes("岳阳市人民政府")) == []  # a city names its districts


def test_batch_agency_of_a_title_without_the_agency_is_the_author() -> None:
    """Titled 2023年政府信息公开工作年度报告: the batch keys the report by the body of its intro and signature,
    not by whatever phrase the title guess picked up (two bureaus would share that "agency")."""
    from gkreview.dedup.author import batch_agency
    from gkreview.loader import load

    bare = [e for e in ENTRIES if e["file"].startswith("bm04/")]
    assert bare
    for e in bare:
        doc = load(FOLDER / e["file"])[0]
        assert str(e["year"]) in (doc.title or "") and "教育局" not in (doc.title or "")
        assert batch_agency(doc) == e["agency"]
