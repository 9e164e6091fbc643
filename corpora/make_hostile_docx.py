"""Hostile and broken non-PDF inputs, and a builder of minimal .docx packages from raw XML.

Small hostile files are written to ``corpora/hostile/`` and committed, so tests and
the batch runner read fixed bytes:

- ``empty.docx`` (0 bytes) and ``random.bin`` (random bytes): nothing to parse;
- ``broken_zip.docx``: a real .docx cut in half (a download cut short);
- ``entity_bomb.docx``: "billion laughs" entities inside ``word/document.xml``;
- ``external_entity.docx``: an XXE reference to ``/etc/passwd`` in ``word/document.xml``;
- ``spreadsheet.docx``: an .xlsx renamed .docx (a zip without ``word/document.xml``);
- ``legacy.doc``: an OLE2 compound-file header (Word 97–2003);
- ``encrypted.docx``: an OLE2 container holding an ``EncryptedPackage`` stream (a password-protected .docx);
- ``deep_nesting.html``: 20 000 nested ``div`` elements around one paragraph.

Large bombs are *not* committed: :func:`zip_bomb` writes a .docx whose
``word/document.xml`` inflates to 1 GiB (about 1 MiB on disk) in a second,
for tests to build in a temporary folder.

Run from the repository root: ``python corpora/make_hostile_docx.py``.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "hostile"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_REL_TYPES = {
    "styles": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
    "numbering": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering",
    "header": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header",
    "footer": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FIXED_TIME = (2024, 1, 1, 0, 0, 0)


def document_xml(body: str, prolog: str = "") -> str:
    """A ``word/document.xml`` around ``body`` (raw WordprocessingML inside ``w:body``)."""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
            f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')


def minimal_docx(body: str, *, prolog: str = "", styles: str | None = None, numbering: str | None = None,
                 header: str | None = None, footer: str | None = None, document: str | None = None) -> bytes:
    """A valid .docx from raw XML: the smallest package Word and gkreview accept.

    ``styles``/``numbering``/``header``/``footer`` are the inner XML of those parts
    (their root element is added here) and are linked from the document's rels;
    ``document`` replaces the whole ``word/document.xml`` verbatim (for broken XML).
    Entries get a fixed timestamp so the bytes are reproducible.
    """
    parts: dict[str, str] = {"word/document.xml": document if document is not None else document_xml(body, prolog)}
    rels: list[tuple[str, str]] = []
    for kind, inner, root in (("styles", styles, "w:styles"), ("numbering", numbering, "w:numbering"),
                              ("header", header, "w:hdr"), ("footer", footer, "w:ftr")):
        if inner is None:
            continue
        name = f"{kind}1.xml" if kind in ("header", "footer") else f"{kind}.xml"
        parts[f"word/{name}"] = f'<?xml version="1.0" encoding="UTF-8"?><{root} xmlns:w="{W_NS}">{inner}</{root}>'
        rels.append((kind, name))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        _write(z, "[Content_Types].xml", _CONTENT_TYPES)
        _write(z, "_rels/.rels", _PACKAGE_RELS)
        for name, xml in parts.items():
            _write(z, name, xml)
        if rels:
            _write(z, "word/_rels/document.xml.rels", (
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                + "".join(f'<Relationship Id="rId{i}" Type="{_REL_TYPES[k]}" Target="{n}"/>'
                          for i, (k, n) in enumerate(rels, 1))
                + "</Relationships>"))
    return buf.getvalue()


def _write(z: zipfile.ZipFile, name: str, data: str) -> None:
    z.writestr(zipfile.ZipInfo(name, date_time=_FIXED_TIME), data, compress_type=zipfile.ZIP_DEFLATED)


def para(text: str, extra_ppr: str = "") -> str:
    """One ``w:p`` with a single run."""
    ppr = f"<w:pPr>{extra_ppr}</w:pPr>" if extra_ppr else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def entity_bomb_docx() -> bytes:
    """Billion laughs: ten levels of ten entity references (10^9 "lol"s if expanded)."""
    ents = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)]
    prolog = "<!DOCTYPE w:document [" + "".join(ents) + "]>"
    return minimal_docx("<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", prolog=prolog)


def external_entity_docx() -> bytes:
    """XXE: an external entity that would read a local file into the text."""
    prolog = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return minimal_docx("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", prolog=prolog)


def spreadsheet_zip() -> bytes:
    """An .xlsx-like package: a valid zip, but no Word main part."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        _write(z, "[Content_Types].xml", "<Types/>")
        _write(z, "xl/workbook.xml", "<workbook/>")
        _write(z, "xl/worksheets/sheet1.xml", "<worksheet/>")
    return buf.getvalue()


def ole_file(stream_name: str | None = None, size: int = 4096) -> bytes:
    """An OLE2 compound-file header, optionally with a directory entry named ``stream_name`` (UTF-16LE)."""
    header = _OLE_MAGIC + b"\x00" * 16 + struct.pack("<HHHH", 0x3E, 3, 0xFFFE, 9)
    data = bytearray(header.ljust(512, b"\xff"))
    if stream_name:
        name = stream_name.encode("utf-16-le") + b"\x00\x00"
        entry = name.ljust(64, b"\x00") + struct.pack("<H", len(name)) + b"\x02"
        data += entry.ljust(128, b"\x00")
    return bytes(data.ljust(size, b"\x00"))


def zip_bomb(path: Path, inflated: int = 1 << 30, *, declared: int | None = None) -> Path:
    """Write a .docx whose ``word/document.xml`` inflates to ``inflated`` zero bytes.

    The deflate stream is built from one compressed 1 MiB block repeated (a full
    flush makes blocks independent), so a 1 GiB bomb takes about a second to
    write and about 1 MiB on disk. ``declared`` sets the size the zip headers
    claim (a lying header) instead of the real one.
    """
    chunk = 1 << 20
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(b"\x00" * chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    tail = comp.flush(zlib.Z_FINISH)
    n_blocks = inflated // chunk
    crc = 0
    zeros = b"\x00" * chunk
    for _ in range(n_blocks):
        crc = zlib.crc32(zeros, crc)
    size = n_blocks * chunk
    compressed_size = len(block) * n_blocks + len(tail)
    claimed = size if declared is None else declared
    name = b"word/document.xml"
    small = [("[Content_Types].xml", _CONTENT_TYPES.encode()), ("_rels/.rels", _PACKAGE_RELS.encode())]
    out = io.BytesIO()
    central: list[bytes] = []

    def local(fname: bytes, method: int, crc32: int, csize: int, usize: int) -> None:
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc32, csize, usize,
                              len(fname), 0) + fname)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc32, csize,
                                   usize, len(fname), 0, 0, 0, 0, 0, offset) + fname)

    for fname, data in small:
        local(fname.encode(), 0, zlib.crc32(data), len(data), len(data))
        out.write(data)
    local(name, 8, crc, compressed_size, claimed)
    for _ in range(n_blocks):
        out.write(block)
    out.write(tail)
    cd_offset = out.tell()
    for entry in central:
        out.write(entry)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), out.tell() - cd_offset,
                          cd_offset, 0))
    path.write_bytes(out.getvalue())
    return path


def deep_html(depth: int = 20_000) -> bytes:
    """A page nested ``depth`` divs deep: recursion-based walkers overflow on it."""
    return (b"<html><body>" + b"<div>" * depth + "<p>一、总体情况</p>".encode() + b"</div>" * depth
            + b"</body></html>")


def hostile_files() -> dict[str, bytes]:
    """Name → bytes of every committed hostile file."""
    rng = random.Random(20240101)
    sample = minimal_docx("".join(para(f"第{i}段：政府信息公开工作年度报告正文。" * 5) for i in range(60)))
    return {
        "empty.docx": b"",
        "random.bin": bytes(rng.getrandbits(8) for _ in range(4096)),
        "broken_zip.docx": sample[: len(sample) // 2],
        "entity_bomb.docx": entity_bomb_docx(),
        "external_entity.docx": external_entity_docx(),
        "spreadsheet.docx": spreadsheet_zip(),
        "legacy.doc": ole_file("WordDocument"),
        "encrypted.docx": ole_file("EncryptedPackage"),
        "deep_nesting.html": deep_html(),
    }


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, data in hostile_files().items():
        (OUT / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
