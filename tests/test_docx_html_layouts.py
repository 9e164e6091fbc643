"""The .docx and .html parsers on layouts Word, WPS and portal CMSs produce (corpora/docx_html_layouts, made by
corpora/make_docx_html_layouts.py).

Every file is a clean report (2021 format, one 2019) whose true values are in the
manifest. For each one: every table 二/三/四 cell comes out as printed, the six
section headings are found in order as a reader sees them (automatic numbering
included), text deleted as a tracked change and the prompts of empty fill-in fields
are not read, and the review raises no error.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from typing import Any

import pytest

from conftest import CORPORA
from gkreview.document import Document
from gkreview.loader import load
from gkreview.numbers import parse_number
from gkreview.pipeline import review
from gkreview.sections import detect_sections
from gkreview.tables import extract_tables

LAYOUTS = CORPORA / "docx_html_layouts"
MANIFEST = json.loads((LAYOUTS / "manifest.json").read_text(encoding="utf-8"))
ENTRIES = {e["file"]: e for e in MANIFEST["files"]}
FILES = sorted(ENTRIES)
_WS = re.compile(r"\s+")
SECTION_IDS = ["overview", "proactive", "requests", "review_litigation", "problems", "other"]


@cache
def document(name: str) -> Document:
    docs = load(LAYOUTS / name)
    assert len(docs) == 1, f"{name}: {len(docs)} documents"
    return docs[0]


def _squash(text: str) -> str:
    return _WS.sub("", unicodedata.normalize("NFKC", text))


def table_problems(name: str) -> list[str]:
    """Every expected cell that did not come out as printed: ``table row/col: got … want …``."""
    tables = extract_tables(document(name))
    out = []
    for tname, cells in ENTRIES[name]["tables"].items():
        table = getattr(tables, tname)
        if table is None:
            out.append(f"{tname}: not found")
            continue
        for key, (printed, _value) in cells.items():
            row, col = key.split("/")
            got = table.cell(row, col)
            want = parse_number(printed)
            if got is None:
                out.append(f"{tname} {key}: missing, want {printed!r}")
            elif got.number.json != want.json:
                out.append(f"{tname} {key}: got {got.text!r}, want {printed!r}")
        extra = sorted(f"{r}/{c}" for r, c in table.cells if f"{r}/{c}" not in cells)
        out.extend(f"{tname} {key}: not in the template, got {table.cells[tuple(key.split('/'))].text!r}"
                   for key in extra)
        out.extend(f"{tname} {r}/{c}: conflicting values" for r, c in table.conflicts)
    return out


def heading_problems(name: str) -> list[str]:
    """The six sections in order, each headed by the expected text (numbering included, whitespace ignored)."""
    analysis = detect_sections(document(name))
    got = [(s.id, _squash(s.heading.text)) for s in analysis.sections if not s.continuation]
    want = [(sid, _squash(h)) for sid, h in zip(SECTION_IDS, ENTRIES[name]["headings"], strict=True)]
    return [] if got == want else [f"got {got}", f"want {want}"]


def test_manifest_lists_every_file() -> None:
    on_disk = sorted(p.name for p in LAYOUTS.iterdir() if p.suffix in (".docx", ".html"))
    assert on_disk == FILES
    assert {e["template"] for e in ENTRIES.values()} == {"2019", "2021"}


def test_manifest_values_are_the_printed_ones() -> None:
    """The manifest's printed texts parse to its true values (the expectations themselves are consistent)."""
    for entry in ENTRIES.values():
        for cells in entry["tables"].values():
            for key, (printed, value) in cells.items():
                assert float(parse_number(printed).value) == value, (entry["file"], key, printed, value)


# Layouts whose tables cannot be read, with the reason (none at present: keep the mechanism for new layouts).
XFAIL_TABLES: dict[str, str] = {}


def _params(xfail: dict[str, str]) -> list[Any]:
    return [pytest.param(f, marks=pytest.mark.xfail(strict=True, reason=xfail[f])) if f in xfail else f
            for f in FILES]


@pytest.mark.parametrize("name", _params(XFAIL_TABLES))
def test_table_cells_exact(name: str) -> None:
    assert table_problems(name) == []


@pytest.mark.parametrize("name", FILES)
def test_section_headings(name: str) -> None:
    assert heading_problems(name) == []


@pytest.mark.parametrize("name", FILES)
def test_deleted_and_prompt_text_not_read(name: str) -> None:
    """Text deleted as a tracked change and the prompts of empty fill-in fields are not report text."""
    text = _squash(document(name).source.text)
    assert [s for s in ENTRIES[name]["absent"] if _squash(s) in text] == []


@pytest.mark.parametrize("name", _params(XFAIL_TABLES))
def test_clean_report_has_no_errors(name: str) -> None:
    errors = [f for f in review(document(name)) if f.severity.value == "error"]
    assert [(f.rule_id, f.message["en"]) for f in errors] == []


def _diagnose() -> dict[str, Any]:
    """All problems per file (``python tests/test_docx_html_layouts.py``)."""
    out = {}
    for name in FILES:
        errs = [f"{f.rule_id}: {f.message['en']}" for f in review(document(name)) if f.severity.value == "error"]
        out[name] = {"tables": table_problems(name), "headings": heading_problems(name), "errors": errs}
    return out


if __name__ == "__main__":
    from layout_support import print_diagnosis

    print_diagnosis(_diagnose())
