"""Check families. Each module listed in :data:`CHECK_MODULES` is one family.

A check module exposes:

- ``RULES``: a tuple of :class:`gkreview.findings.Rule` it may emit;
- ``check(doc, ctx) -> Iterable[Finding]``: findings for one document;
- optionally ``OPTIONS``: ``{"family.option": default}`` (thresholds, lengths);
- optionally ``summarize(doc, ctx) -> dict`` and ``check_batch(summaries, settings)
  -> Iterable[Finding]`` for checks across documents (duplicates, cross-year).
  ``summarize`` runs in the worker next to ``check``; its result must be
  JSON-serialisable so the resumable cache and Dask can carry it.

The list is explicit (no directory scanning): adding a family is one line here,
and ``tests/test_registry.py`` compares the rule ids with a golden list.
"""

CHECK_MODULES: tuple[str, ...] = (
    "gkreview.checks.input",
    "gkreview.checks.doctype",
    "gkreview.checks.structure",
    "gkreview.checks.years",
    "gkreview.checks.duplicates",
    "gkreview.checks.tables",
    "gkreview.checks.prose_numbers",
    "gkreview.checks.crossyear",
    "gkreview.checks.identity", "gkreview.checks.announced", "gkreview.checks.timeline", "gkreview.checks.wording",
)
