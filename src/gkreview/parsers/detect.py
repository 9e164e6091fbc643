"""Choose a parser by the file's content (magic bytes), not only by its suffix."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

from gkreview.document import Format
from gkreview.errors import UnsupportedFormat

_HTML_RE = re.compile(rb"<\s*(!doctype\s+html|html|head|body|meta|table|div|p)[\s>/]", re.I)


def sniff(data: bytes, path: str | None = None) -> Format:
    """Return the format of ``data``: pdf, docx, html or txt.

    Raises UnsupportedFormat for empty files, legacy binary Office files, other
    zip containers (xlsx, odt …) and bytes that are not text.
    """
    if not data.strip():
        raise UnsupportedFormat("empty file", path)
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        try:
            names = zipfile.ZipFile(BytesIO(data)).namelist()
        except zipfile.BadZipFile as exc:
            from gkreview.errors import CorruptFile

            raise CorruptFile(f"damaged zip container: {exc}", path) from exc
        if "word/document.xml" in names:
            return "docx"
        raise UnsupportedFormat("zip container that is not a Word .docx", path)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        # A password-protected .docx is an OLE container holding an "EncryptedPackage" stream.
        if "EncryptedPackage".encode("utf-16-le") in data:
            from gkreview.errors import EncryptedFile

            raise EncryptedFile("password-protected Office file (encrypted .docx)", path)
        raise UnsupportedFormat("legacy binary Office file (.doc/.xls); save it as .docx", path)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        probe = data[:4096].decode("utf-16", errors="ignore").encode("utf-8")
        return "html" if _HTML_RE.search(probe[:2048]) else "txt"
    lead = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if lead[:1] == b"<" and _HTML_RE.search(lead[:2048]):
        return "html"
    if _looks_binary(data[:65536]):
        raise UnsupportedFormat("binary data that is not a supported document", path)
    return "txt"


# Every byte except the C0 controls that never occur in text (tab, newlines, form feed, escape are allowed).
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 32 and b not in (9, 10, 12, 13, 27)))


def _looks_binary(sample: bytes) -> bool:
    """NUL bytes or many C0 control bytes mean binary (UTF-16 was handled before)."""
    if b"\x00" in sample:
        return True
    ctrl = len(sample.translate(None, _NOT_CONTROL))
    return ctrl > max(8, len(sample) // 100)
