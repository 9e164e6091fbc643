"""The PDF parser on report layouts other tools produce (corpora/pdf_layouts, made by corpora/make_pdf_layouts.py).

Every file is a clean 2021-format report whose true values are in the manifest. For
each one: every table 二/三/四 cell comes out as printed, every prose paragraph comes
out once and whole, page numbers and running headers stay out of the body, and the
review raises no error.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import pytest

from conftest import CORPORA
from gkreview.document import Document, Paragraph
from gkreview.loader import load
from gkreview.numbers import parse_number
from gkreview.pipeline import review
from gkreview.tables import extract_tables

LAYOUTS = CORPORA / "pdf_layouts"
MANIFEST = json.loads((LAYOUTS / "manifest.json").read_text(encoding="utf-8"))
ENTRIES = {e["file"]: e for e in MANIFEST["files"]}
PAGE_NO_RE = re.compile(r"[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页")
_WS = re.compile(r"\s+")

# Layouts whose tables the parser gives as text lines (no rules to rule a grid): the
# table's lines are not prose, so they are left out of the paragraph comparison.
TEXT_TABLES = {name for name, e in ENTRIES.items() if e["layout"]["rules"] != "grid"}


@cache
def document(name: str) -> Document:
    docs = load(LAYOUTS / name)
    assert len(docs) == 1, f"{name}: {len(docs)} documents"
    return docs[0]


def _squash(text: str) -> str:
    return _WS.sub("", text)


def table_problems(name: str) -> list[str]:
    """Every expected cell that did not come out as printed: ``table row/col: got … want …``."""
    tables = extract_tables(document(name))
    out = []
    for tname, cells in ENTRIES[name]["tables"].items():
        table = getattr(tables, tname)
        for key, (printed, _value) in cells.items():
            row, col = key.split("/")
            got = table.cell(row, col) if table is not None else None
            want = parse_number(printed)
            if want.kind == "blank":
                if got is not None and got.number.kind != "blank":
                    out.append(f"{tname} {key}: got {got.text!r}, want a blank")
            elif got is None:
                out.append(f"{tname} {key}: missing, want {printed!r}")
            elif got.number.json != want.json:
                out.append(f"{tname} {key}: got {got.text!r}, want {printed!r}")
    return out


def _cell_texts(name: str) -> set[str]:
    """Whitespace-free pieces of the printed table cells (labels and values) of one file."""
    out: set[str] = set()
    for cells in ENTRIES[name]["tables"].values():
        for key, (printed, _) in cells.items():
            out.update(_squash(p) for p in key.split("/"))
            out.add(_squash(printed))
    return out


def paragraph_problems(name: str) -> list[str]:
    """Prose paragraphs lost, split, joined or duplicated (whitespace ignored), in order."""
    want = [_squash(p) for p in ENTRIES[name]["paragraphs"]]
    got = [_squash(b.text) for b in document(name).blocks if isinstance(b, Paragraph)]
    if name in TEXT_TABLES:
        got = _without_table_lines(got)
    if got == want:
        return []
    import difflib

    out = []
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(a=want, b=got, autojunk=False).get_opcodes():
        if op != "equal":
            out.append(f"{op}: want {want[a0:a1]!r} got {got[b0:b1]!r}")
    return out


_TABLE_SECTIONS = ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况")
_AFTER_TABLES = "五、存在的主要问题及改进情况"


def _without_table_lines(paras: list[str]) -> list[str]:
    """Paragraphs without the lines of tables printed as text: sections 二, 三 and 四 hold
    nothing but their heading and the table."""
    out, in_tables = [], False
    for p in paras:
        if p in _TABLE_SECTIONS:
            in_tables = True
            out.append(p)
        elif p == _AFTER_TABLES:
            in_tables = False
            out.append(p)
        elif not in_tables:
            out.append(p)
    return out


FILES = sorted(ENTRIES)


def test_manifest_lists_every_file() -> None:
    assert sorted(p.name for p in LAYOUTS.glob("*.pdf")) == FILES
    assert len(FILES) >= 6


# Tables printed without vertical rules reach tables.py as text lines (label + number run); a row
# that leaves a cell blank is given one tab-separated field per column by the PDF parser
# (threeline_landscape_wrapped.pdf: table 四's row has 14 numbers for 15 columns).
XFAIL_TABLES: dict[str, str] = {}


@pytest.mark.parametrize("name", [pytest.param(f, marks=pytest.mark.xfail(strict=True, reason=XFAIL_TABLES[f]))
                                  if f in XFAIL_TABLES else f for f in FILES])
def test_table_cells_exact(name: str) -> None:
    assert table_problems(name) == []


@pytest.mark.parametrize("name", FILES)
def test_paragraphs_whole_and_once(name: str) -> None:
    assert paragraph_problems(name) == []


@pytest.mark.parametrize("name", FILES)
def test_no_page_furniture_in_body(name: str) -> None:
    doc = document(name)
    agency = ENTRIES[name]["agency"]
    paras = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert not [t for t in paras if PAGE_NO_RE.search(t)]
    if ENTRIES[name]["layout"]["running_header"]:
        # The agency name is printed once as a paragraph (the signature) and in the title and prose;
        # the running header would add a paragraph that is the bare name at the top of each page.
        assert sum(1 for t in paras if _squash(t) == agency) == 1
        assert agency in doc.source.header_footer


@pytest.mark.parametrize("name", FILES)
def test_clean_report_has_no_errors(name: str) -> None:
    errors = [f for f in review(document(name)) if f.severity.value == "error"]
    assert [(f.rule_id, f.message["en"]) for f in errors] == []


def _diagnose() -> dict[str, Any]:
    """All problems per file (``python tests/test_pdf_layouts.py``)."""
    out = {}
    for name in FILES:
        errs = [f"{f.rule_id}: {f.message['en']}" for f in review(document(name)) if f.severity.value == "error"]
        out[name] = {"tables": table_problems(name), "paragraphs": paragraph_problems(name), "errors": errs}
    return out


if __name__ == "__main__":
    from layout_support import print_diagnosis

    print_diagnosis(_diagnose())
