"""gkreview: review Chinese government information-disclosure annual reports.

Library entry points::

    import gkreview
    docs = gkreview.load("report.pdf")        # one Document per document in the file
    findings = gkreview.review(docs[0])       # typed findings with exact locations
    pair = gkreview.compare(last_year_doc, this_year_doc)   # 复制比 and carry-over checks
    result = gkreview.audit("folder/", jobs=4)            # the batch audit, like `gkreview audit`
"""

from gkreview._version import __version__
from gkreview.api import audit, compare
from gkreview.config import Settings
from gkreview.document import Cell, Document, Location, Paragraph, SourceFile, Table
from gkreview.errors import (
    CorruptFile,
    EncodingError,
    EncryptedFile,
    GkreviewError,
    NoTextLayer,
    TooLarge,
    UnsupportedFormat,
)
from gkreview.findings import Finding, Rule, Severity
from gkreview.loader import load, load_bytes, load_text
from gkreview.pipeline import review
from gkreview.results import AuditResult

__all__ = [
    "AuditResult",
    "Cell",
    "CorruptFile",
    "Document",
    "EncodingError",
    "EncryptedFile",
    "Finding",
    "GkreviewError",
    "Location",
    "NoTextLayer",
    "Paragraph",
    "Rule",
    "Settings",
    "Severity",
    "SourceFile",
    "Table",
    "TooLarge",
    "UnsupportedFormat",
    "__version__",
    "audit",
    "compare",
    "load",
    "load_bytes",
    "load_text",
    "review",
]
