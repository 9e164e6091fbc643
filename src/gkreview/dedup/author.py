"""The reporting body a batch pairs, counts and masks a document by.

The batch checks key on the agency: cross-year pairs are the same body's reports of
consecutive years, stock text is what many bodies print, and a body's own name is
masked so that a copy with the name swapped still aligns. ``Document.agency`` is
read from the title; when the title names no body (2023年政府信息公开工作年度报告)
that guess can be any phrase of the introduction (报告中所列数据的统计期限自), and
every such report of a folder then shares one "agency": two bureaus' reports
are paired across years and their tables compared. A name is therefore accepted
only when it ends like an agency name; otherwise the author is taken from the
introduction (由X编制), the signature or the page's publisher.
"""

from __future__ import annotations

from gkreview.document import Document


def is_agency_name(text: str | None) -> bool:
    """Whether ``text`` is an agency name (ends with an agency suffix: 局, 委员会, 人民政府, 办事处 …)."""
    from gkreview.identity import parse_agency

    return bool(text) and parse_agency(text).kind is not None


def batch_agency(doc: Document) -> str | None:
    """``doc.agency`` when it is an agency name, else the author the introduction, signature or publisher
    names; else ``doc.agency`` when it names a place (霍山县), else None (no pairing beats a wrong one)."""
    if is_agency_name(doc.agency):
        return doc.agency
    return doc.memo("dedup.batch_agency", lambda: _from_mentions(doc))


def _from_mentions(doc: Document) -> str | None:
    from gkreview.identity import extract_identity, parse_agency

    identity = extract_identity(doc)
    for source in ("intro", "signature", "publisher"):
        mention = identity.get(source)
        if mention is not None and mention.agency.kind is not None:
            return mention.agency.text
    return doc.agency if doc.agency and parse_agency(doc.agency).places else None
