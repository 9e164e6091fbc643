"""The per-file function: one file in, one JSON-ready :class:`FileResult` out.

The same function runs in the local process pool and on Dask workers, which is
what makes their outputs identical. It never raises for bad input: unreadable
files become a result with ``error`` set and one ``gk.input.*`` finding; a check
that crashes is recorded in ``DocResult.skipped`` and the other checks still run.
"""

from __future__ import annotations

import contextlib
import hashlib
import resource
import signal
import threading
import time
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from gkreview.analysis import Context
from gkreview.config import Settings
from gkreview.document import Document, Location, Table
from gkreview.errors import GkreviewError
from gkreview.findings import Finding, Severity
from gkreview.loader import load_bytes
from gkreview.parsers.base import Limits
from gkreview.pipeline import applies, run_checks
from gkreview.registry import check_modules, rules
from gkreview.results import DocResult, FileResult
from gkreview.spill import spill_fields, spill_summaries

QUOTE_CONTEXT = 40


class FileTimeout(GkreviewError):
    """Processing one file took longer than the per-file time limit."""

    code = "gk.input.timeout"


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise FileTimeout after ``seconds`` (SIGALRM: only in a process's main thread)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _raise(signum: int, frame: Any) -> None:
        raise FileTimeout(f"processing exceeded the per-file limit of {seconds:g} s")

    old = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _error_result(path: str, exc: GkreviewError, base: FileResult, settings: Settings) -> FileResult:
    rule = rules().get(exc.code) or rules()["gk.input.error"]
    base.error = {"code": rule.id, "type": type(exc).__name__, "message": exc.message}
    finding = Finding(rule_id=rule.id, severity=Severity.ERROR, location=Location(path=path),
                      message={"zh": f"{rule.summary_zh}：{exc.message}", "en": f"{rule.summary_en} {exc.message}"},
                      evidence={"error": type(exc).__name__, "detail": exc.message})
    configured = settings.apply(finding)
    base.findings = [configured] if configured is not None else []
    return base


def _table_dump(block: int, t: Table) -> dict[str, Any]:
    """A table grid for the HTML report: covered positions as None, a plain cell as its text, a merged
    origin cell as ``[text, rowspan, colspan]`` (strings pickle and serialise far cheaper than lists)."""
    cells = [[None if c.is_copy else c.text if c.rowspan == 1 and c.colspan == 1 else [c.text, c.rowspan, c.colspan]
              for c in row] for row in t.rows]
    return {"index": t.index, "block": block, "page": t.page, "pages": list(t.pages), "cells": cells}


def _with_quote(f: Finding, doc: Document) -> Finding:
    """Add the original-script passage (and some context) to a finding with a text span."""
    loc = f.location
    if loc.start is None or loc.end is None or "quote" in f.evidence or loc.table is not None:
        return f
    text = doc.source.text
    ev = dict(f.evidence)
    ev["quote"] = text[loc.start : loc.end]
    ev["context"] = [text[max(0, loc.start - QUOTE_CONTEXT) : loc.start], text[loc.end : loc.end + QUOTE_CONTEXT]]
    return Finding(f.rule_id, f.severity, loc, f.message, ev, f.related, f.confidence)


def _view(ctx: Context, name: str, skipped: dict[str, str]) -> Any:
    try:
        return getattr(ctx, name)
    except ImportError:
        return None
    except Exception as exc:  # noqa: BLE001 - a broken view is recorded, the file goes on
        skipped[f"view:{name}"] = f"{type(exc).__name__}: {exc}"
        return None


def report_outline(sections: Any, label: str | None) -> list[dict[str, Any]]:
    """The section outline; required-but-missing entries only for annual reports (a memo misses nothing)."""
    if sections is None or not hasattr(sections, "outline"):
        return []
    outline = sections.outline()
    if label not in (None, "annual_report"):
        outline = [o for o in outline if not o.get("missing")]
    return outline


def review_document(doc: Document, settings: Settings) -> tuple[DocResult, list[Finding]]:
    """Findings and the report-facing summary of one document."""
    ctx = Context(doc, settings)
    skipped: dict[str, str] = {}
    findings = run_checks(doc, ctx, on_error=lambda name, exc: skipped.__setitem__(name, f"{type(exc).__name__}: {exc}"))
    findings = [_with_quote(f, doc) for f in findings]
    sections = _view(ctx, "sections", skipped)
    doc_type = _view(ctx, "doc_type", skipped)
    summaries: dict[str, Any] = {}
    for mod in check_modules():
        if hasattr(mod, "summarize") and applies(mod, ctx):
            try:
                summary = mod.summarize(doc, ctx)
            except Exception as exc:  # noqa: BLE001
                skipped[f"{mod.__name__}.summarize"] = f"{type(exc).__name__}: {exc}"
                continue
            if summary is not None:
                summaries[mod.__name__] = summary
    result = DocResult(
        segment=doc.segment, title=doc.title, year=doc.year, agency=doc.agency,
        doc_type=getattr(doc_type, "label", None),
        template=getattr(sections, "template", None),
        outline=report_outline(sections, getattr(doc_type, "label", None)),
        tables=[_table_dump(i, b) for i, b in enumerate(doc.blocks) if isinstance(b, Table)],
        n_paragraphs=len(doc.paragraphs), n_chars=sum(len(b.text) for b in doc.paragraphs),
        summaries=summaries, skipped=skipped,
    )
    return result, findings


@lru_cache(maxsize=1)
def _spill_fields() -> dict[str, tuple[str, ...]]:
    return spill_fields(check_modules())


def process_file(path: str, settings: Settings | None = None, limits: Limits | None = None,
                 timeout: float | None = None, spill_dir: str | None = None, data: bytes | None = None
                 ) -> dict[str, Any]:
    """Review one file; returns ``FileResult.to_dict()`` (JSON types only, never raises for bad input).

    With ``spill_dir`` the large summary fields are written there and the result holds
    references to them (:mod:`gkreview.spill`). ``data``, when given, is the file's
    content, read by the caller (a Dask worker on a machine that cannot see ``path``).
    """
    settings = settings or Settings()
    limits = limits or Limits()
    t0 = time.perf_counter()
    base = FileResult(path=path)
    try:
        with time_limit(timeout):
            size = Path(path).stat().st_size if data is None else len(data)
            base.size = size
            limits.check_bytes(size, "file", path)
            if data is None:
                data = Path(path).read_bytes()
            base.sha256 = hashlib.sha256(data).hexdigest()
            docs = load_bytes(data, path, limits, sha256=base.sha256)
            src = docs[0].source
            base.format, base.encoding, base.script = src.format, src.encoding, src.script
            base.page_count, base.metadata = src.page_count, dict(src.metadata)
            for doc in docs:
                doc_result, findings = review_document(doc, settings)
                base.documents.append(doc_result)
                base.findings.extend(findings)
                doc.release()  # freed by reference counting now, not by the cyclic collector later
    except GkreviewError as exc:
        base.documents, base.findings = [], []
        _error_result(path, exc, base, settings)
    except MemoryError:
        from gkreview.errors import TooLarge

        base.documents, base.findings = [], []
        _error_result(path, TooLarge("processing ran out of the per-worker memory limit", path), base, settings)
    except OSError as exc:
        base.documents, base.findings = [], []
        _error_result(path, GkreviewError(f"cannot read file: {exc.strerror or exc}", path), base, settings)
    except Exception as exc:  # noqa: BLE001 - a defect of ours met by one file: report it there, go on
        base.documents, base.findings = [], []
        _error_result(path, GkreviewError(f"internal error while reviewing: {type(exc).__name__}: {exc}", path),
                      base, settings)
    base.seconds = round(time.perf_counter() - t0, 4)
    base.peak_rss_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    result = base.to_dict()
    if spill_dir is not None:
        spill_summaries(result, spill_dir, _spill_fields())
    return result


def process_files(paths: list[str], settings: Settings | None = None, limits: Limits | None = None,
                  timeout: float | None = None, spill_dir: str | None = None) -> list[dict[str, Any]]:
    """:func:`process_file` for each path: one pool task for several files (less executor overhead)."""
    return [process_file(p, settings, limits, timeout, spill_dir) for p in paths]
