"""Duplicate detection: tell reuse (last year's report re-dated, another region's report) from template.

Pipeline (issue 6):

1. :mod:`~gkreview.dedup.shingle` masks years, numbers, the agency and place
   names in the normalised text, so a copy with only the year changed is identical;
2. :mod:`~gkreview.dedup.boilerplate` marks national-template and corpus-frequent
   text, which every ratio leaves out;
3. :mod:`~gkreview.dedup.minhash` and :mod:`~gkreview.dedup.index` find candidate
   pairs at archive scale (one-permutation MinHash, LSH bands in sorted arrays);
4. :mod:`~gkreview.dedup.align` and :mod:`~gkreview.dedup.compare` align each pair
   exactly and compute 复制比, per-section ratios and the reused passages;
5. :mod:`gkreview.checks.duplicates` turns comparisons into findings.
"""

from gkreview.dedup.boilerplate import Boilerplate, default_boilerplate
from gkreview.dedup.compare import (
    Comparison,
    DocRef,
    MultiComparison,
    Passage,
    SectionRatio,
    compare_documents,
    compare_many,
    compare_masked,
)
from gkreview.dedup.index import Candidate, DuplicateIndex
from gkreview.dedup.render import render_html, render_text
from gkreview.dedup.shingle import MaskedText, mask_document, mask_plain

__all__ = [
    "Boilerplate",
    "Candidate",
    "Comparison",
    "DocRef",
    "DuplicateIndex",
    "MaskedText",
    "MultiComparison",
    "Passage",
    "SectionRatio",
    "compare_documents",
    "compare_many",
    "compare_masked",
    "default_boilerplate",
    "mask_document",
    "mask_plain",
    "render_html",
    "render_text",
]
