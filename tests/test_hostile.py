"""Hostile and broken inputs fail with their typed error, without reading or inflating much.

Memory is measured with tracemalloc (the parsers' Python-side allocations); no
timings are asserted — a bomb that were expanded would show up as hundreds of MB.
"""

from __future__ import annotations

import io
import sys
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import gkreview
from conftest import CORPORA, ROOT
from gkreview.errors import CorruptFile, EncryptedFile, GkreviewError, TooLarge, UnsupportedFormat
from gkreview.parsers import docx as docx_parser
from gkreview.parsers.base import Limits

if str(ROOT) not in sys.path:  # corpora/ is a package at the repository root, not installed
    sys.path.insert(0, str(ROOT))

from corpora.make_hostile_docx import deep_html, hostile_files, minimal_docx, para, zip_bomb

HOSTILE = CORPORA / "hostile"
MAX_PEAK = 64 * 1024 * 1024


def _raises_small(exc: type[GkreviewError], fn: Callable[[], object]) -> GkreviewError:
    """Run ``fn`` expecting ``exc``; assert the peak Python allocation stayed small."""
    tracemalloc.start()
    try:
        with pytest.raises(exc) as info:
            fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MAX_PEAK, f"peak allocation {peak} bytes"
    return info.value


@pytest.mark.parametrize(("name", "exc"), [
    ("empty.docx", UnsupportedFormat),
    ("random.bin", UnsupportedFormat),
    ("broken_zip.docx", CorruptFile),
    ("entity_bomb.docx", CorruptFile),
    ("external_entity.docx", CorruptFile),
    ("spreadsheet.docx", UnsupportedFormat),
    ("legacy.doc", UnsupportedFormat),
    ("encrypted.docx", EncryptedFile),
    ("deep_nesting.html", TooLarge),
])
def test_committed_hostile_files(name: str, exc: type[GkreviewError]) -> None:
    path = HOSTILE / name
    err = _raises_small(exc, lambda: gkreview.load(path))
    assert err.path == str(path)
    assert err.code.startswith("gk.input.")


def test_committed_files_are_what_the_generator_makes() -> None:
    """The committed bytes are reproducible (so the expectations above cannot drift from the generator)."""
    for name, data in hostile_files().items():
        assert (HOSTILE / name).read_bytes() == data, name


def test_zip_bomb_rejected_from_the_headers(tmp_path: Path) -> None:
    bomb = zip_bomb(tmp_path / "bomb.docx")  # 1 GiB of zeros in ~1 MiB
    assert bomb.stat().st_size < 2 * 1024 * 1024
    err = _raises_small(TooLarge, lambda: gkreview.load(bomb))
    assert "expands to" in err.message


def test_zip_bomb_with_lying_size_header(tmp_path: Path) -> None:
    """Headers claim 2 000 bytes, the stream inflates to 64 MiB: reading stops at the claim (CRC fails)."""
    bomb = zip_bomb(tmp_path / "liar.docx", 64 << 20, declared=2000)
    _raises_small(CorruptFile, lambda: gkreview.load(bomb))


def test_zip_bomb_within_limits_is_read_under_a_byte_budget(tmp_path: Path) -> None:
    """Even when the headers are honest and under the cap, the actual bytes read are budgeted."""
    bomb = zip_bomb(tmp_path / "mid.docx", 8 << 20)
    data = bomb.read_bytes()
    with pytest.raises(TooLarge):
        docx_parser.parse(data, str(bomb), Limits(max_unzipped_bytes=4 << 20))


def test_too_many_zip_entries() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<x/>")
        for i in range(50):
            z.writestr(f"junk/{i}.xml", "")
    with pytest.raises(TooLarge):
        gkreview.load_bytes(buf.getvalue(), "many.docx", Limits(max_zip_entries=20))


def test_huge_text_file_rejected_by_size_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:  # sparse: 100 MB on paper, nothing on disk
        fh.truncate(100 * 1024 * 1024)
    _raises_small(TooLarge, lambda: gkreview.load(big))
    small = tmp_path / "small.txt"
    small.write_bytes("政府信息公开工作年度报告\n".encode() * 1000)
    _raises_small(TooLarge, lambda: gkreview.load(small, Limits(max_file_bytes=10_000)))


def test_docx_with_malformed_xml_and_missing_body() -> None:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    broken = minimal_docx("", document=f"<w:document {ns}><w:body>{para('正文')}</w:document>")
    with pytest.raises(CorruptFile, match="malformed XML"):
        gkreview.load_bytes(broken, "bad.docx")
    no_body = minimal_docx("", document=f"<w:document {ns}/>")
    with pytest.raises(CorruptFile, match="no body"):
        gkreview.load_bytes(no_body, "nobody.docx")


def test_ole_container_given_to_the_docx_parser_directly() -> None:
    """Format forced to docx (wrong suffix trusted by a caller): still a typed error."""
    for name, exc in (("encrypted.docx", EncryptedFile), ("legacy.doc", CorruptFile)):
        with pytest.raises(exc):
            docx_parser.parse((HOSTILE / name).read_bytes(), name)


def test_deep_but_legal_html_still_parses() -> None:
    docs = gkreview.load_bytes(deep_html(1500), "deep.html")
    assert [p.text for p in docs[0].paragraphs] == ["一、总体情况"]


def test_html_absurd_spans_are_clipped() -> None:
    page = ('<html><body><div id="zoom"><p>' + "正文内容。" * 20 + "</p><table>"
            '<tr><td rowspan="65534" colspan="100000">A</td><td>B</td></tr><tr><td>C</td></tr></table>'
            "</div></body></html>")
    table = gkreview.load_bytes(page.encode(), "span.html")[0].tables[0]
    assert table.n_rows == 2
    assert table.n_cols <= 101
