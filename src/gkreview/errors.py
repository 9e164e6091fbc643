"""Typed exceptions for input that cannot be turned into a document.

Every parser raises one of these instead of a library's own exception, so that
the batch runner can report "file X: encrypted PDF" and carry on. Each class has
a stable ``code`` used as the rule id of the per-file input finding.
"""

from __future__ import annotations


class GkreviewError(Exception):
    """Base class of every error gkreview raises on purpose."""

    code = "gk.input.error"

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __reduce__(self) -> tuple[type, tuple[str, str | None]]:
        # Errors cross process boundaries in the batch runner; keep them picklable.
        return (type(self), (self.message, self.path))

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class UnsupportedFormat(GkreviewError):
    """The bytes are not txt, docx, pdf or html (or the file is empty)."""

    code = "gk.input.unsupported-format"


class CorruptFile(GkreviewError):
    """The container is damaged: truncated PDF, broken zip, malformed XML."""

    code = "gk.input.corrupt"


class EncryptedFile(GkreviewError):
    """The PDF or Office file needs a password."""

    code = "gk.input.encrypted"


class NoTextLayer(GkreviewError):
    """A PDF made of scanned images: there is no text to review without OCR."""

    code = "gk.input.no-text-layer"


class TooLarge(GkreviewError):
    """The file, or what it expands to (zip bomb, entity bomb), exceeds a limit."""

    code = "gk.input.too-large"


class EncodingError(GkreviewError):
    """A text file whose encoding cannot be decided."""

    code = "gk.input.encoding"


ERROR_CLASSES: tuple[type[GkreviewError], ...] = (
    GkreviewError,
    UnsupportedFormat,
    CorruptFile,
    EncryptedFile,
    NoTextLayer,
    TooLarge,
    EncodingError,
)
