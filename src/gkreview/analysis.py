"""Shared, lazily computed views of one document that several checks need.

Sections, canonical tables, the report year and the document type are each
computed once per document, on first use, and shared by every check through the
:class:`Context`. A check that needs a view which cannot be computed gets ``None``
and skips, rather than guessing.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gkreview.config import Settings
    from gkreview.document import Document


class Context:
    """What a check may read besides the document: settings and shared views."""

    def __init__(self, doc: Document, settings: Settings | None = None) -> None:
        from gkreview.config import Settings

        self.doc = doc
        self.settings = settings or Settings()

    def option(self, key: str, default: Any = None) -> Any:
        """A rule option (``"duplicates.threshold"``) from the settings, else ``default``."""
        return self.settings.option(key, default)

    @cached_property
    def sections(self) -> Any:
        """Detected sections (:func:`gkreview.sections.detect_sections`)."""
        from gkreview.sections import detect_sections

        return detect_sections(self.doc)

    @cached_property
    def tables(self) -> Any:
        """Canonical tables 二/三/四 (:func:`gkreview.tables.extract_tables`)."""
        from gkreview.tables import extract_tables

        return extract_tables(self.doc)

    @cached_property
    def doc_type(self) -> Any:
        """Document type (:func:`gkreview.doctype.classify`)."""
        from gkreview.doctype import classify

        return classify(self.doc)

    @cached_property
    def doc_label(self) -> str | None:
        """The document-type label, or None when the classifier is unavailable."""
        try:
            return self.doc_type.label
        except ImportError:
            return None

    @cached_property
    def year(self) -> Any:
        """Report year facts (:func:`gkreview.years.report_year`)."""
        from gkreview.years import report_year

        return report_year(self.doc)
