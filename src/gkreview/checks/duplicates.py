"""Duplicates family: reports reused from an earlier year or from another agency (domain §4 #3–#4).

Per document, :func:`summarize` keeps what the batch needs to re-align without
the file: the masked content stream (years, numbers, the agency and place names
masked; template text flagged), a one-permutation MinHash signature, the numeric
table vectors and the section spans. :func:`check_batch` finds candidate pairs
with LSH, aligns each exactly (:mod:`gkreview.dedup`) and decides:

- same agency, earlier year, 复制比 ≥ ``duplicates.threshold`` → prior-year copy;
- ≥ ``duplicates.redated_threshold`` and the body still prints the source's years
  (or no years at all) while the title year changed → re-dated copy;
- different agency, 复制比 ≥ threshold → cross-agency copy, with the other
  region's place names found inside the copied passages (an error when present);
- identical numeric tables across years → identical tables;
- the same text twice in one batch, same year → batch near-duplicate (info).

:func:`check` looks inside one document for long passages printed twice.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import combinations
from typing import Any, TypeGuard

import numpy as np

from gkreview.analysis import Context
from gkreview.data.agencies import AGENCY_SUFFIXES, TOWN_SUFFIXES
from gkreview.dedup import stock
from gkreview.dedup.author import batch_agency
from gkreview.dedup.boilerplate import Boilerplate, default_boilerplate
from gkreview.dedup.compare import Comparison, DocRef, Passage, compare_many, compare_masked, section_spans
from gkreview.dedup.index import decode_signature, encode_signature
from gkreview.dedup.minhash import SCHEME, SCHEME_VERSION, band_keys, clean_windows, oph_sketch_sorted, sorted_unique
from gkreview.dedup.places import own_codes
from gkreview.dedup.shingle import MaskedText, agency_key, agency_variants, document_table_cells, mask_document
from gkreview.document import Document, Location
from gkreview.findings import Finding, Rule, Severity, make_finding
from gkreview.normalize import norm
from gkreview.spill import SPILL_KEY, is_ref, resolve

FAMILY = "gk.duplicates"
SUMMARY_VERSION = 1
# Batch sketch: more bins than the archive index because a batch is small and
# recall matters more than bytes; 128 bands of 2 rows catch Jaccard 0.15 pairs.
BATCH_K, BATCH_BINS, BATCH_BANDS, BATCH_ROWS = 9, 256, 128, 2

# Summary fields that workers on the run's machine keep on disk, not in the parent (gkreview.spill): the masked
# stream is nine tenths of a result, and only the documents of candidate pairs read it back; the stock sample
# (~9 KB, more than the rest of a result together) is read once, by the batch stage.
SPILL_FIELDS = ("masked", "stock_sample")

OPTIONS: dict[str, Any] = {
    "duplicates.threshold": 0.5,
    "duplicates.min_match": 13,
    "duplicates.max_gap": 12,
    "duplicates.redated_threshold": 0.9,
    "duplicates.near_duplicate_threshold": 0.9,
    "duplicates.min_table_numbers": 6,
    "duplicates.min_repeat": 50,
    "duplicates.max_passages": 5,
    "duplicates.max_bucket": 64,  # LSH buckets of more reports pair nobody (0: no limit); see _bucket_pairs
    "duplicates.stock_agencies": 5,  # text this many agencies of a batch print is stock, not copying (0: off)
    # a batch copy finding needs this much reused own text: once template and stock text are left out, a report
    # can have only scraps of its own (the edges of stock passages), and a 复制比 of scraps is noise
    "duplicates.min_reused_chars": 200,
    "duplicates.boilerplate_model": "",
    "duplicates.extra_boilerplate": [],
}

PRIOR_YEAR = Rule(
    id=f"{FAMILY}.prior-year-copy", severity=Severity.WARNING,
    summary_zh="年报内容大量重复本机关往年报告", summary_en="Report largely repeats the agency's earlier report",
    description="复制比（本报告非模板文字中见于同一机关往年报告的比例，年份、数字、机关名称已屏蔽）达到阈值"
                "（默认 50%，参照宿迁评分细则）。法治蓝皮书指出部分年报约 90% 与上年重复。"
                " The share of this report's non-template text found in the same agency's earlier report "
                "(years, figures and names masked) reaches duplicates.threshold.",
    bad="2023年报正文与2022年报逐段相同，仅数字和年份不同。",
    good="2023年报如实描述本年度工作，仅模板标题、表格标签与上年相同。",
    scope="batch",
)
REDATED = Rule(
    id=f"{FAMILY}.redated-copy", severity=Severity.ERROR,
    summary_zh="旧报告改换标题年份后重新发布", summary_en="Earlier report re-issued under a new title year",
    description="正文与另一年度的报告几乎相同（复制比 ≥ duplicates.redated_threshold），标题年份已改，"
                "但正文仍是原报告的年份（或根本没有年份），例如东莞市统计局2010年报与2008年逐字相同。"
                " The body is a near-verbatim copy of another year's report; the title year changed but the body "
                "still prints the source's years.",
    bad="标题：2012政府信息公开工作总结；正文：我局经过2009年的政府信息公开实践……",
    good="标题与正文年份一致，正文描述本年度工作。",
    scope="batch",
)
CROSS_AGENCY = Rule(
    id=f"{FAMILY}.cross-agency-copy", severity=Severity.WARNING,
    summary_zh="年报大段抄袭其他机关或地区的报告", summary_en="Report copies another agency's report",
    description="复制比达到阈值且来源是另一机关。复制片段中若出现与本机关无关的地名（如威海的指南中出现宜宾市），"
                "升级为错误。 The report reuses another agency's text; other regions' place names left inside the "
                "copied passages make it an error.",
    bad="威海市某局的年报段落与宜宾市某局相同，并保留了“宜宾市”。",
    good="各机关独立撰写正文，只有国家模板文字相同。",
    scope="batch",
)
IDENTICAL_TABLES = Rule(
    id=f"{FAMILY}.identical-tables", severity=Severity.WARNING,
    summary_zh="统计表数据与往年完全相同", summary_en="Statistical tables identical to an earlier year's",
    description="本报告某张表格的全部数字（至少 duplicates.min_table_numbers 个，至少 3 个不同的非零值）与同一机关往年报告"
                "的表格逐格相同：数据很可能是照抄的（东莞市统计局连续三年数据相同）。"
                " Every figure of a table equals the same agency's table of an earlier year.",
    bad="2023年表三 25 行×7 列的数字与 2022 年逐格相同。",
    good="表格数字反映本年度实际办理情况。",
    scope="batch",
)
NEAR_DUPLICATE = Rule(
    id=f"{FAMILY}.batch-near-duplicate", severity=Severity.INFO,
    summary_zh="同一批次中重复提交的同一报告", summary_en="The same report appears twice in the batch",
    description="两份同年文档双向复制比都达到 duplicates.near_duplicate_threshold：很可能是同一文件重复提交"
                "或转载。 Two same-year documents are near-identical both ways.",
    bad="同一年报以 PDF 和 DOCX 各提交一次。",
    good="每份年报只提交一次。",
    scope="batch",
)
REPEATED_PASSAGE = Rule(
    id=f"{FAMILY}.repeated-passage", severity=Severity.INFO,
    summary_zh="报告内同一段落重复出现", summary_en="A passage is printed twice in the same report",
    description="报告正文中有一段至少 duplicates.min_repeat 个字的非模板文字出现了两次，常见于复制粘贴失误。"
                " A non-template passage of at least duplicates.min_repeat characters occurs twice.",
    bad="“（三）政府信息管理”下的两段话在“（四）平台建设”下又原样出现。",
    good="每段文字只出现一次。",
)

RULES: tuple[Rule, ...] = (PRIOR_YEAR, REDATED, CROSS_AGENCY, IDENTICAL_TABLES, NEAR_DUPLICATE, REPEATED_PASSAGE)


# --- per document ------------------------------------------------------------------------------

def _boilerplate_key(ctx: Context) -> tuple[str | None, tuple[str, ...]]:
    """(model path, extra template phrases) as configured: what the template marking depends on."""
    return (ctx.option("duplicates.boilerplate_model", "") or None,
            tuple(ctx.option("duplicates.extra_boilerplate", []) or ()))


@lru_cache(maxsize=8)
def _with_extra(path: str | None, extra: tuple[str, ...]) -> Boilerplate:
    """The boilerplate model plus configured extra template phrases (built once per setting)."""
    base = default_boilerplate(path)
    return base.with_extra(extra) if extra else base


def _masked(doc: Document, ctx: Context) -> MaskedText:
    """The masked stream, computed once per document (and boilerplate setting), shared by check and summarize."""
    key = _boilerplate_key(ctx)
    return doc.memo("duplicates.masked", lambda: mask_document(doc, _with_extra(*key)), key)


def _table_vectors(doc: Document) -> list[dict[str, Any]]:
    """The numeric cells of each table, in grid order (merged copies skipped), with their distinct count.

    The count is taken here, on the worker, because the batch stage would otherwise parse
    every figure of every table again in the parent while the workers wait.
    """
    out = []
    for bi, cells in document_table_cells(doc).items():
        values = list(cells.values)
        out.append({"table": doc.blocks[bi].index, "block": bi, "start": doc.blocks[bi].start,
                    "end": doc.blocks[bi].end, "values": values, "distinct": _distinct_nonzero(values)})
    return out


def _sections(doc: Document, ctx: Context) -> list[tuple[str, int, int]]:
    try:
        _ = ctx.sections
    except Exception:  # noqa: BLE001 - no sections module or a failing detector: no per-section split
        return []
    return section_spans(doc)


def summarize(doc: Document, ctx: Context) -> dict[str, Any]:
    """What the batch check needs, as JSON: masked stream, signature, tables, sections, identity."""
    masked = _masked(doc, ctx)
    clean = np.sort(masked.kgrams(BATCH_K)[clean_windows(masked.template, BATCH_K)])  # one sort: count and sketch
    sig = oph_sketch_sorted(clean, BATCH_BINS)  # = sketch(masked, k=BATCH_K, bins=BATCH_BINS), hashes shared
    agency = batch_agency(doc)
    return {
        "v": SUMMARY_VERSION, "scheme": SCHEME, "scheme_version": SCHEME_VERSION,
        "title": doc.title, "year": doc.year, "agency": agency, "publisher": doc.publisher,
        "own_places": own_codes(doc.title, agency, doc.publisher),
        "masked": masked.to_json(),
        "signature": encode_signature(sig),
        "shingles": _distinct(clean),
        "text_hash": hashlib.sha1(masked.text.encode("utf-8")).hexdigest(),
        "stock_sample": stock.encode(stock.sample(masked)),
        "tables": _table_vectors(doc),
        "sections": [list(s) for s in _sections(doc, ctx)],
    }


def _distinct(ordered: np.ndarray) -> int:
    """Number of distinct values of a sorted array."""
    if not len(ordered):
        return 0
    return int(np.count_nonzero(ordered[1:] != ordered[:-1])) + 1


def _repeats(masked: MaskedText, excluded: np.ndarray, k: int, min_len: int) -> list[tuple[int, int, int]]:
    """``(start, end, first_start)`` of passages that repeat an earlier passage of the same stream.

    :func:`_earlier_copies` gives the windows whose hash occurs earlier, with the
    first window holding it; a window is a later copy when that lies at least
    ``k`` before it, and runs of later copies that touch no ``excluded`` character
    (template text, tables), long enough, are the passages.
    """
    h = masked.kgrams(k)
    if not len(h):
        return []
    clean = clean_windows(excluded, k)
    if not _may_repeat(h, clean, max(1, min_len - k + 1)):
        return []
    found = _earlier_copies(h)
    if found is None:
        return []
    pos, first = found
    later = np.zeros(len(h), dtype=bool)
    later[pos[first <= pos - k]] = True
    later &= clean
    starts = np.flatnonzero(later)
    if not len(starts):
        return []
    first_pos = np.arange(len(h))
    first_pos[pos] = first
    run_s, run_last = _runs(starts)
    run_e = run_last + k
    long = run_e - run_s >= min_len
    return list(zip(run_s[long].tolist(), run_e[long].tolist(), first_pos[run_s[long]].tolist(), strict=True))


def _runs(idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First and last element of each run of consecutive integers in the sorted, non-empty ``idx``."""
    breaks = np.flatnonzero(np.diff(idx) != 1) + 1
    return idx[np.concatenate([[0], breaks])], idx[np.concatenate([breaks - 1, [len(idx) - 1]])]


def _may_repeat(h: np.ndarray, clean: np.ndarray, need: int) -> bool:
    """False when no run of ``need`` consecutive ``clean`` windows can all repeat another window.

    A cheap necessary condition for :func:`_repeats`: a later copy's hash equals
    another window's, so its top hash bits do too. Those bits and the position fit
    one 32-bit key (a sort twice as cheap as the exact 64-bit one); windows whose
    top bits match another's are candidates, and a passage needs ``need``
    consecutive clean candidates. Most reports print no passage twice and stop here.
    """
    n = len(h)
    bits = max(1, (n - 1).bit_length())
    if bits > 24:  # too few hash bits left beside the position: no pre-filter
        return True
    top = 32 - bits
    keys = np.sort((((h >> np.uint64(64 - top)) << np.uint64(bits)) | np.arange(n, dtype=np.uint64)).astype(np.uint32))
    high = keys >> np.uint32(bits)
    same = np.flatnonzero(high[1:] == high[:-1])
    if 2 * len(same) < need:  # each equal neighbour pair marks at most two windows
        return False
    pos = (keys & np.uint32((1 << bits) - 1)).astype(np.int64)
    cand = np.zeros(n, dtype=bool)
    cand[pos[same]] = True
    cand[pos[same + 1]] = True
    starts = np.flatnonzero(cand & clean)
    if len(starts) < need:
        return False
    first, last = _runs(starts)
    return int((last - first).max()) + 1 >= need


def _earlier_copies(h: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Windows whose hash occurs at an earlier window, and for each the first such window (None: none repeat).

    One plain sort of ``hash with its low bits replaced by the position`` orders
    the windows by hash and, among equal hashes, by position, so the head of each
    run of equal keys is the first occurrence: a value sort is several times
    cheaper than an argsort, and only the few repeating windows are handled after
    it. Should two different hashes share their high bits (odds ~n²/2**(65-bits)),
    the exact stable-argsort form is used.
    """
    n = len(h)
    bits = max(1, (n - 1).bit_length())
    low = np.uint64((1 << bits) - 1)
    keys = np.sort((h & ~low) | np.arange(n, dtype=np.uint64))
    same = np.flatnonzero((keys[1:] ^ keys[:-1]) <= low) + 1  # sorted index of each non-head member of a run
    if not len(same):
        return None
    pos = (keys & low).view(np.int64)  # below 2**bits: the int64 view is the same numbers
    members, previous = pos[same], pos[same - 1]
    if (h[members] != h[previous]).any():
        return _earlier_copies_argsort(h)
    # the head of each member's run: the last sorted index before it that is not itself a member
    run_head = same - 1
    chained = np.flatnonzero(np.diff(same) == 1) + 1  # members right after another member share its head
    if len(chained):
        start = np.ones(len(same), dtype=bool)
        start[chained] = False
        run_head = run_head[np.maximum.accumulate(np.where(start, np.arange(len(same)), 0))]
    order = np.argsort(members)
    return members[order], pos[run_head][order]


def _earlier_copies_argsort(h: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """:func:`_earlier_copies` by a stable argsort of the full hashes (exact whatever the bits)."""
    order = np.argsort(h, kind="stable")
    hs = h[order]
    same = np.flatnonzero(hs[1:] == hs[:-1]) + 1
    if not len(same):
        return None
    head = np.ones(len(h), dtype=bool)
    head[same] = False
    first = order[np.maximum.accumulate(np.where(head, np.arange(len(h)), 0))]
    members = order[same]
    sort = np.argsort(members)
    return members[sort], first[same][sort]


def check(doc: Document, ctx: Context) -> Iterable[Finding]:
    """Long non-template passages printed twice in one document."""
    masked = _masked(doc, ctx)
    if not len(masked.text):
        return
    excluded = masked.template
    tables = document_table_cells(doc)  # the table blocks (memoised with the mask)
    if tables:
        excluded = excluded.copy()
        bounds = [*masked.block_starts.tolist(), len(masked.text)]
        for bi in tables:
            excluded[bounds[bi] : bounds[bi + 1]] = True
    k = int(ctx.option("duplicates.min_match", 13))
    min_len = int(ctx.option("duplicates.min_repeat", 50))
    for s, e, f in _repeats(masked, excluded, k, min_len):
        a0, a1 = masked.file_span(s, e)
        b0, b1 = masked.file_span(f, f + (e - s))
        yield make_finding(
            REPEATED_PASSAGE, doc.location(masked.block_of(s), start=a0, end=a1),
            f"这段 {e - s} 字的文字在前文已出现过一次（第 {b0} 字处）。",
            f"This {e - s}-character passage already appears earlier (at offset {b0}).",
            evidence={"length": e - s, "passage": masked.quote(s, e)[:300], "first_start": b0, "first_end": b1},
            related=(doc.location(masked.block_of(f), start=b0, end=b1),),
        )


# --- batch -------------------------------------------------------------------------------------

@dataclass
class _Item:
    """One summary with lazily decoded parts."""

    idx: int
    s: dict[str, Any]
    _masked: MaskedText | None = None
    sample: np.ndarray | None = None  # its sampled window hashes (stock.sample), None for a summary without one
    frequent: np.ndarray | None = None  # the batch's stock hashes, all documents' (set by _Batch._mark_stock)
    _stock: np.ndarray | None = None

    @property
    def stock(self) -> np.ndarray | None:
        """The batch's stock hashes this document prints (see gkreview.dedup.stock), None without stock.

        Found when first read: only the documents of candidate pairs need it, often a
        fraction of a large batch, and each costs a binary search per sampled hash.
        """
        if self._stock is None and self.frequent is not None and self.sample is not None:
            self._stock = stock.members(self.sample, self.frequent)
        return self._stock

    @property
    def ref(self) -> DocRef:
        return DocRef(self.s.get("path"), self.s.get("segment"), self.s.get("title"), self.s.get("year"),
                      self.s.get("agency"))

    @property
    def masked(self) -> MaskedText:
        if self._masked is None:
            masked = MaskedText.from_json(resolve(self.s["masked"]))
            self._masked = stock.with_stock(masked, self.stock) if self.stock is not None else masked
        return self._masked

    @property
    def year(self) -> int | None:
        return self.s.get("year")

    def location(self, start: int | None = None, end: int | None = None) -> Location:
        return Location(path=self.s.get("path"), segment=self.s.get("segment"), start=start, end=end)


def _compare(a: _Item, b: _Item, min_match: int, max_gap: int, detail_from: float) -> Comparison:
    """How much of ``a`` is found in ``b`` (the exact alignment of their masked streams); passages, places
    and years only when the 复制比 reaches ``detail_from``, the lowest ratio a decision acts on."""
    sections = [tuple(s) for s in a.s.get("sections", [])]
    return compare_masked(a.masked, b.masked, a.ref, b.ref, min_match=min_match, max_gap=max_gap,
                          sections=sections, own_a=a.s.get("own_places", []),  # type: ignore[arg-type]
                          own_b=b.s.get("own_places", []), detail_from=detail_from)


@dataclass(frozen=True)
class _PairTask:
    """One comparison with everything it reads, so that any process can make it (:func:`_compare_pair`)."""

    a: dict[str, Any]  # the two documents' batch summaries
    b: dict[str, Any]
    min_match: int
    max_gap: int
    n_passages: int  # how many reused passages a finding shows
    detail_from: float
    stock_a: np.ndarray | None = None  # the batch's stock hashes each document prints
    stock_b: np.ndarray | None = None


# Decoded streams (with their alignment indexes) of the documents this process compared last, by the spill
# file that holds each (unique to one document of one run: the same file under other settings or edited gets
# another). The batch sends a document's pairs one after another, so most of them find it here; bounded, so a
# batch of thousands never holds more than a few dozen decoded streams (~0.5 MB each) at once.
_DECODED: OrderedDict[str, MaskedText] = OrderedDict()
_DECODED_MAX = 32


def _decoded(s: dict[str, Any], stock_hashes: np.ndarray | None = None) -> _Item:
    """An item for summary ``s`` whose masked stream, when spilled, is decoded once per process while recent.

    The cache holds the stream as made and, beside it, the stream with the batch's stock
    marked (keyed by the stock hashes too: the same document in another batch, or under
    other options, has other stock), since a document's pairs all use the same marking.
    """
    item = _Item(0, s)
    key = s["masked"][SPILL_KEY] if is_ref(s.get("masked")) else None  # inline: nothing names it across batches
    if key is not None:
        masked = _cached(key)
        if masked is None:
            masked = _remember(key, item.masked)
        item._masked = masked
    if stock_hashes is None or not len(stock_hashes):
        return item
    marked_key = None if key is None else f"{key}\0{len(stock_hashes)}:{hash(stock_hashes.tobytes())}"
    marked = _cached(marked_key) if marked_key else None
    if marked is None:
        marked = stock.with_stock(item.masked, stock_hashes)
        if marked_key:
            _remember(marked_key, marked)
    item._masked = marked
    return item


def _cached(key: str) -> MaskedText | None:
    found = _DECODED.get(key)
    if found is not None:
        _DECODED.move_to_end(key)
    return found


def _remember(key: str, masked: MaskedText) -> MaskedText:
    _DECODED[key] = masked
    if len(_DECODED) > _DECODED_MAX:
        _DECODED.popitem(last=False)
    return masked


def _compare_pair(task: _PairTask) -> Comparison:
    """:func:`_compare` for a worker, with only what the decisions and findings read.

    They read the figures, the names and the few longest passages (:func:`_passage_evidence`,
    :func:`_locations`); the per-character arrays and the hundreds of short passages two
    reports of one region share would cost more to send back than to compute.
    """
    c = _compare(_decoded(task.a, task.stock_a), _decoded(task.b, task.stock_b), task.min_match, task.max_gap,
                 task.detail_from)
    shown = {id(p) for p in (*_longest(c.passages, False, max(1, task.n_passages)), *_longest(c.passages, True, 2))}
    return replace(c, passages=[p for p in c.passages if id(p) in shown], covered=None, masked_a=None, masked_b=None)


def _same_agency(a: _Item, b: _Item) -> bool | None:
    """True/False when both agencies are known (long and short forms are equal), None otherwise."""
    x, y = a.s.get("agency"), b.s.get("agency")
    if not x or not y:
        return None
    if agency_key(x, types=False) == agency_key(y, types=False):
        return True
    vx, vy = set(agency_variants(x)), set(agency_variants(y))
    return bool(vx & vy) or any(p in q or q in p for p in vx for q in vy if min(len(p), len(q)) >= 4)


def _batch_key(it: _Item) -> str:
    """The agency a document counts for when the batch decides what is stock text (the file when unknown)."""
    agency = it.s.get("agency")
    return agency_key(agency) if agency else f"\0{it.s.get('path')}#{it.s.get('segment')}"


def _names_other(it: _Item, other: _Item) -> bool:
    """Whether ``it`` prints the other agency's name (any long or short form) outside its own name.

    A copy with the name swapped nearly always keeps the source's name somewhere (a contact line,
    a signature), while the source has no reason to print the copier's name.
    """
    mine, theirs = it.s.get("agency"), other.s.get("agency")
    if not mine or not theirs:
        return False
    text = norm(it.masked.original)
    for v in agency_variants(mine):
        text = text.replace(v, "\0")
    return any(v in text for v in agency_variants(theirs) if len(v) >= 4)


def _rank(it: _Item) -> int:
    """2 for a people's government (or its general office), 1 for a department or township."""
    agency = norm(it.s.get("agency") or "")
    for suffix, kind in AGENCY_SUFFIXES:
        if agency.endswith(suffix):
            head = agency[: -len(suffix)]
            return 2 if kind == "government" and not head.endswith(TOWN_SUFFIXES) else 1
    return 1


def _copier(x: _Item, y: _Item) -> _Item | None:
    """Which of two same-year reports of different agencies, each found in the other, is the copy.

    The one that still prints the other's name; else the lower body (a township or department
    reuses its government's report, not the reverse); else unknown (both are reported).
    """
    nx, ny = _names_other(x, y), _names_other(y, x)
    if nx != ny:
        return x if nx else y
    rx, ry = _rank(x), _rank(y)
    if rx != ry:
        return x if rx < ry else y
    return None


def _distinct_nonzero(values: list[str]) -> int:
    """How many distinct non-zero figures ``values`` holds; -1 when one of them is not a number."""
    try:
        return len({float(v.replace(",", "")) for v in values} - {0.0})
    except ValueError:
        return -1


def _informative(table: dict[str, Any], min_numbers: int) -> bool:
    """Enough figures, with at least three distinct non-zero values, to make equality meaningful.

    All-zero or near-constant tables (small units) repeat honestly from year to year.
    A summary written before the count was kept has it computed here.
    """
    values = table["values"]
    if len(values) < min_numbers:
        return False
    distinct = table.get("distinct")
    return (_distinct_nonzero(values) if distinct is None else distinct) >= 3


# Exact alignments per document in a batch: its best candidates by estimated containment.
MAX_PARTNERS = 4
# Candidates whose MinHash-estimated containment is below this share of the threshold are not aligned:
# with 96 bins the estimate's error is a few points, far less than the 15 points of margin kept here.
CONTAINMENT_FLOOR = 0.7
# A comparison is not made when the sampled own (non-template, non-stock) windows A shares with B stand for
# less than this share of duplicates.min_reused_chars: no decision could act on it (see _Batch.unshared).
# Measured on the duplicate benchmark's pairs (edits every 50 characters, reordering, traditional script),
# a pair reusing R characters shares at least 0.39·R/4 sampled windows: 0.2 keeps a margin of two.
UNSHARED_FLOOR = 0.2


def _bucket_pairs(keys: np.ndarray, max_bucket: int = 0) -> np.ndarray:
    """Every pair of rows sharing a key in some band, as ``(row, row)`` with the smaller first, each once.

    ``keys`` is ``(rows, bands)``. The (band, key) codes are sorted once; the pairs
    of each run of equal codes are read off at growing distances inside the run,
    so the work is the number of colliding pairs, with no Python loop per bucket.
    A bucket of more than ``max_bucket`` rows (when > 0) gives no pairs: its key
    stands for stock phrases that a whole region's reports share, and its pairs grow
    with the square of the batch (most pairs of 500 such reports collide somewhere).
    Copies still meet in the buckets of the text they alone share.
    """
    n_rows, n_bands = keys.shape
    codes = (np.arange(n_bands, dtype=np.uint64)[None, :] << np.uint64(32)) | keys.astype(np.uint64)
    row_of = np.repeat(np.arange(n_rows, dtype=np.int64), n_bands)
    order = np.argsort(codes.ravel(), kind="stable")
    sorted_codes, rows = codes.ravel()[order], row_of[order]
    starts = np.flatnonzero(np.concatenate([[True], sorted_codes[1:] != sorted_codes[:-1]]))
    lengths = np.diff(np.append(starts, len(sorted_codes)))
    multi = (lengths > 1) & (lengths <= max_bucket) if max_bucket > 0 else lengths > 1
    pos = np.flatnonzero(np.repeat(multi, lengths))
    run_end = np.repeat(starts[multi] + lengths[multi], lengths[multi])
    found: list[np.ndarray] = []
    d = 1
    while len(pos):
        inside = pos + d < run_end
        pos, run_end = pos[inside], run_end[inside]
        a, b = rows[pos], rows[pos + d]
        found.append(np.minimum(a, b) * n_rows + np.maximum(a, b))
        d += 1
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    codes_found = sorted_unique(np.concatenate(found))
    return np.column_stack([codes_found // n_rows, codes_found % n_rows])


def _lsh_candidates(items: list[_Item], threshold: float, max_bucket: int = 0) -> set[tuple[int, int]]:
    """Pairs that share an LSH band, kept when their estimated containment is near the threshold.

    Each document keeps only its best few partners, so a batch of templated
    reports (many pairs just above the floor) costs O(n·k) exact alignments instead
    of O(n²): a reviewer needs the main sources, not every weak one. Signatures,
    band keys and estimates are computed for all documents and pairs at once.
    """
    rows: list[_Item] = []
    sigs: list[np.ndarray] = []
    for it in items:
        sig = decode_signature(it.s.get("signature"))
        if sig is not None and len(sig) == BATCH_BINS:
            rows.append(it)
            sigs.append(sig)
    if len(rows) < 2:
        return set()
    matrix = np.stack(sigs)
    pairs = _bucket_pairs(band_keys(matrix, BATCH_BANDS, BATCH_ROWS), max_bucket)
    if not len(pairs):
        return set()
    ra, rb = pairs[:, 0], pairs[:, 1]
    # share of equal bins per pair: integer counts (exactly what .mean gave). 256 pairs at a time keep the
    # gathered rows in cache (4096 took 3x as long, mostly fresh pages), and a sum of the booleans as bytes
    # is ~3x faster than count_nonzero(axis=1).
    jac = np.concatenate([(matrix[ra[c : c + 256]] == matrix[rb[c : c + 256]]).view(np.uint8).sum(axis=1)
                          for c in range(0, len(pairs), 256)]) / matrix.shape[1]
    shingles = np.array([it.s.get("shingles") or 1 for it in rows], dtype=np.int64)
    na, nb = shingles[ra], shingles[rb]
    containment = jac * (na + nb) / (1 + jac) / np.minimum(na, nb)
    keep = containment >= threshold * CONTAINMENT_FLOOR
    idx = np.array([it.idx for it in rows], dtype=np.int64)
    ia, ib, cont = idx[ra[keep]], idx[rb[keep]], containment[keep]
    first, second = np.minimum(ia, ib), np.maximum(ia, ib)
    # per document, its partners by (containment, first, second) descending; the best MAX_PARTNERS stay
    doc = np.concatenate([first, second])
    c2, f2, s2 = np.concatenate([cont, cont]), np.concatenate([first, first]), np.concatenate([second, second])
    order = np.lexsort((-s2, -f2, -c2, doc))
    doc_sorted = doc[order]
    group_start = np.flatnonzero(np.concatenate([[True], doc_sorted[1:] != doc_sorted[:-1]]))
    rank = np.arange(len(order)) - np.repeat(group_start, np.diff(np.append(group_start, len(order))))
    best = order[rank < MAX_PARTNERS]
    return set(zip(f2[best].tolist(), s2[best].tolist(), strict=True))


def _candidate_pairs(items: list[_Item], threshold: float, min_numbers: int, max_bucket: int = 0
                     ) -> set[tuple[int, int]]:
    """LSH on the batch signatures, filtered by estimated containment, plus exact duplicates and equal tables."""
    kept = _lsh_candidates(items, threshold, max_bucket)
    by_hash: dict[str, list[int]] = {}
    by_table: dict[tuple[str, ...], list[int]] = {}
    for it in items:
        by_hash.setdefault(it.s.get("text_hash", ""), []).append(it.idx)
        for t in it.s.get("tables", []):
            if _informative(t, min_numbers):
                by_table.setdefault(tuple(t["values"]), []).append(it.idx)
    for key, members in [*by_hash.items(), *by_table.items()]:
        if key and len(set(members)) > 1:
            kept.update((min(p), max(p)) for p in combinations(sorted(set(members)), 2))
    return kept


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _longest(passages: list[Passage], template: bool, n: int) -> list[Passage]:
    """The ``n`` longest template (or non-template) passages; ties in document order."""
    return sorted((p for p in passages if bool(p.template) == template), key=lambda p: -p.length)[:n]


def _passage_evidence(c: Comparison, n: int) -> list[dict[str, Any]]:
    """The longest reused passages, plus the two longest template passages (shown greyed, never counted)."""
    best, tpl = _longest(c.passages, False, n), _longest(c.passages, True, 2)
    return [{"a_start": p.a_start, "a_end": p.a_end, "b_start": p.b_start, "b_end": p.b_end, "length": p.length,
             "a_text": p.a_text[:160], "b_text": p.b_text[:160], "template": p.template}
            for p in sorted(best + tpl, key=lambda p: p.a_start)]


def _evidence(c: Comparison, threshold: float, n: int) -> dict[str, Any]:
    return {
        "copy_ratio": round(c.copy_ratio, 4), "copy_ratio_pct": _pct(c.copy_ratio), "threshold": threshold,
        "reverse_ratio": round(c.reverse_ratio, 4), "reused_chars": c.reused_chars,
        "content_chars": c.content_chars, "template_chars": c.template_chars, "min_match": c.min_match,
        "source": {"path": c.b.path, "segment": c.b.segment, "title": c.b.title, "year": c.b.year,
                   "agency": c.b.agency},
        "passages": _passage_evidence(c, n),
        "sections": [{"section": s.section, "ratio": round(s.ratio, 4)} for s in c.sections],
        "foreign_places": c.foreign_places, "years_in_reused": {str(y): k for y, k in c.years_in_reused.items()},
    }


def _locations(a: _Item, b: _Item, c: Comparison) -> tuple[Location, tuple[Location, ...]]:
    best = max((p for p in c.passages if not p.template), key=lambda p: p.length, default=None)
    if best is None:
        return a.location(), (b.location(),)
    related = [b.location(best.b_start, best.b_end)]
    related += [a.location(f["start"], f["end"]) for f in c.foreign_places[:5]]
    return a.location(best.a_start, best.a_end), tuple(related)


class _Batch:
    """The decision logic over candidate pairs, with the settings it needs."""

    def __init__(self, items: list[_Item], settings: Any) -> None:
        self.items = {it.idx: it for it in items}
        opt = settings.option
        self.threshold = float(opt("duplicates.threshold", 0.5))
        self.redated = float(opt("duplicates.redated_threshold", 0.9))
        self.near = float(opt("duplicates.near_duplicate_threshold", 0.9))
        self.min_reused = int(opt("duplicates.min_reused_chars", OPTIONS["duplicates.min_reused_chars"]))
        self.min_match = int(opt("duplicates.min_match", 13))
        self.max_gap = int(opt("duplicates.max_gap", 12))
        self.min_numbers = int(opt("duplicates.min_table_numbers", 6))
        self.n_passages = int(opt("duplicates.max_passages", 5))
        self.max_bucket = int(opt("duplicates.max_bucket", OPTIONS["duplicates.max_bucket"]))  # see _bucket_pairs
        self._mark_stock(int(opt("duplicates.stock_agencies", OPTIONS["duplicates.stock_agencies"])))
        # the decisions read a comparison's passages, places, years and reverse ratio only from this 复制比 up
        self.detail_from = min(self.threshold, self.redated, self.near)
        self._cmp: dict[tuple[int, int], Comparison | None] = {}
        # (copy idx, rule id) -> list of (comparison, source item): the best source is reported.
        self.hits: dict[tuple[int, str], list[tuple[Comparison, _Item]]] = {}
        self.table_hits: list[tuple[_Item, _Item, dict[str, Any], dict[str, Any]]] = []
        self.near_hits: list[tuple[_Item, _Item, Comparison]] = []

    def compare(self, a: _Item, b: _Item) -> Comparison | None:
        """The comparison of ``a`` against ``b``: prefetched, else made now the same way; None when the two
        share too little own text for any decision to act on it (:meth:`unshared`)."""
        key = (a.idx, b.idx)
        if key not in self._cmp:
            self._cmp[key] = None if self.unshared(*key) else _compare_pair(self._task(*key))
        return self._cmp[key]

    def unshared(self, a: int, b: int) -> bool:
        """Whether ``a`` surely reuses less than ``duplicates.min_reused_chars`` of own text from ``b``.

        Told from the sampled window hashes both summaries carry (about one window in
        :data:`stock.SAMPLE_RATE`), without decoding either stream: an exact alignment
        costs milliseconds, and in a folder written from one model text most candidate
        pairs share stock text only. Every decision needs that much reused own text
        (:meth:`_copied`), so a pair below it gives the same findings uncompared.
        """
        x, y = self.items[a], self.items[b]
        if self.min_reused <= 0 or x.sample is None or y.sample is None:
            return False
        shared = stock.shared_own(x.sample, x.stock, y.sample)
        return shared * stock.SAMPLE_RATE < self.min_reused * UNSHARED_FLOOR

    def _mark_stock(self, min_agencies: int) -> None:
        """Find the batch's stock text (:mod:`gkreview.dedup.stock`) and let each item find the part it prints."""
        for it in self.items.values():
            if it.s.get("stock_sample") is not None:
                it.sample = stock.decode(resolve(it.s["stock_sample"]))
        frequent = stock.frequent(((_batch_key(it), it.sample) for it in self.items.values()
                                   if it.sample is not None), min_agencies)
        self.stock_hashes = len(frequent)
        if not len(frequent):
            return
        for it in self.items.values():
            it.frequent = frequent

    def _task(self, a: int, b: int) -> _PairTask:
        x, y = self.items[a], self.items[b]
        return _PairTask(x.s, y.s, self.min_match, self.max_gap, self.n_passages, self.detail_from, x.stock, y.stock)

    def needed(self, i: int, j: int) -> list[tuple[int, int]]:
        """The comparisons :meth:`judge` of pair ``(i, j)`` reads, known before any is made."""
        x, y = self.items[i], self.items[j]
        if x.year and y.year and x.year != y.year:
            return [(i, j) if x.year > y.year else (j, i)]
        return [(j, i), (i, j)] if _same_agency(x, y) is False else [(j, i)]

    def prefetch(self, pairs: list[tuple[int, int]], parallel_map: Any) -> None:
        """Make every comparison the pairs need through ``parallel_map`` (e.g. on the audit's workers), a
        document's comparisons one after another so that the process making them decodes it once."""
        keys = sorted({k for i, j in pairs for k in self.needed(i, j) if k not in self._cmp})
        unshared = [k for k in keys if self.unshared(*k)]
        self._cmp.update(dict.fromkeys(unshared))
        keys = [k for k in keys if k not in self._cmp]
        tasks = [self._task(a, b) for a, b in keys]
        self._cmp.update(zip(keys, parallel_map(_compare_pair, tasks), strict=True))

    def _copied(self, c: Comparison | None, ratio: float) -> TypeGuard[Comparison]:
        """``c`` reaches the 复制比 ``ratio`` on at least ``duplicates.min_reused_chars`` of reused own text."""
        return c is not None and c.copy_ratio >= ratio and c.reused_chars >= self.min_reused

    def judge(self, i: int, j: int) -> None:
        x, y = self.items[i], self.items[j]
        same = _same_agency(x, y)
        if x.year and y.year and x.year != y.year:
            a, b = (x, y) if x.year > y.year else (y, x)
            self._directed(a, b, same)
            return
        c = self.compare(y, x)
        if same is not False and self._copied(c, self.near) and c.reverse_ratio >= self.near:
            self.near_hits.append((y, x, c))
            return
        if same is False:
            found = [(a, b, ca) for a, b in ((y, x), (x, y)) if self._copied(ca := self.compare(a, b), self.threshold)]
            if len(found) == 2:  # each is found in the other: report the copy only, when it can be told
                copier = _copier(x, y)
                found = [f for f in found if copier is None or f[0] is copier]
            for a, b, ca in found:
                self.hits.setdefault((a.idx, CROSS_AGENCY.id), []).append((ca, b))

    def _directed(self, a: _Item, b: _Item, same: bool | None) -> None:
        c = self.compare(a, b)
        if same is False:
            if self._copied(c, self.threshold):
                self.hits.setdefault((a.idx, CROSS_AGENCY.id), []).append((c, b))
            return
        if self._copied(c, self.redated) and (
                c.years_in_reused.get(b.year or 0, 0) >= c.years_in_reused.get(a.year or 0, 0)):
            self.hits.setdefault((a.idx, REDATED.id), []).append((c, b))
        elif self._copied(c, self.threshold):
            self.hits.setdefault((a.idx, PRIOR_YEAR.id), []).append((c, b))
        for ta in a.s.get("tables", []):
            if not _informative(ta, self.min_numbers):
                continue
            values = ta["values"]
            for tb in b.s.get("tables", []):
                if tb["values"] == values:
                    self.table_hits.append((a, b, ta, tb))
                    break

    # --- findings ------------------------------------------------------------------------------
    def findings(self) -> Iterable[Finding]:
        for (ai, rule_id), found in sorted(self.hits.items()):
            if rule_id == PRIOR_YEAR.id and (ai, REDATED.id) in self.hits:
                continue  # one finding per copy: the re-dated one names every earlier source
            if rule_id == REDATED.id:
                found = found + self.hits.get((ai, PRIOR_YEAR.id), [])
            yield self._copy_finding(self.items[ai], rule_id, found)
        for a, b, ta, tb in self.table_hits:
            yield make_finding(
                IDENTICAL_TABLES, a.location(ta["start"], ta["end"]),
                f"表格 {ta['table'] + 1} 的 {len(ta['values'])} 个数字与 {b.year} 年报告（{b.ref.label()}）"
                f"表格 {tb['table'] + 1} 逐格相同。",
                f"All {len(ta['values'])} figures of table {ta['table'] + 1} equal table {tb['table'] + 1} of the "
                f"{b.year} report ({b.ref.label()}).",
                evidence={"values": ta["values"], "table": ta["table"], "source_table": tb["table"],
                          "source": {"path": b.s.get("path"), "segment": b.s.get("segment"), "year": b.year,
                                     "title": b.s.get("title")}},
                related=(b.location(tb["start"], tb["end"]),),
                confidence=1.0 if _same_agency(a, b) else 0.7,
            )
        for a, b, c in self.near_hits:
            loc, related = _locations(a, b, c)
            yield make_finding(
                NEAR_DUPLICATE, loc, f"与 {b.ref.label()} 几乎相同（复制比 {_pct(c.copy_ratio)}，反向 "
                f"{_pct(c.reverse_ratio)}），可能是重复提交。",
                f"Near-identical to {b.ref.label()} (copy ratio {_pct(c.copy_ratio)}, reverse "
                f"{_pct(c.reverse_ratio)}); probably submitted twice.",
                evidence=_evidence(c, self.near, self.n_passages), related=related[:1],
            )

    def _copy_finding(self, a: _Item, rule_id: str, found: list[tuple[Comparison, _Item]]) -> Finding:
        found.sort(key=lambda cb: -cb[0].copy_ratio)
        c, b = found[0]
        rule = {r.id: r for r in RULES}[rule_id]
        ev = _evidence(c, self.threshold if rule is not REDATED else self.redated, self.n_passages)
        if len(found) > 1:
            multi = compare_many(a.masked, a.ref, [(s.ref, s.masked) for _, s in found], min_match=self.min_match,
                                 max_gap=self.max_gap)
            ev["total_ratio"] = round(multi.total_ratio, 4)
            ev["largest_share"] = round(multi.largest_share, 4)
            ev["sources"] = [{"path": s.source.path, "segment": s.source.segment, "year": s.source.year,
                              "title": s.source.title, "ratio": round(s.ratio, 4)} for s in multi.sources]
        loc, related = _locations(a, b, c)
        src = b.ref.label()
        severity = None
        confidence = 1.0
        if rule is REDATED:
            kept = c.years_in_reused.get(b.year or 0, 0)
            zh = (f"正文与 {b.year} 年的 {src} 几乎相同（复制比 {_pct(c.copy_ratio)}），标题年份改为 {a.year}，"
                  + (f"但复制的正文仍写着 {b.year} 年（{kept} 处）。" if kept else "正文没有写明年份。"))
            en = (f"The body is a copy of the {b.year} document {src} (copy ratio {_pct(c.copy_ratio)}); the title "
                  f"says {a.year} but " + (f"the copied body still prints {b.year} ({kept}x)." if kept
                                           else "the body names no year."))
        elif rule is PRIOR_YEAR:
            zh = f"本报告 {_pct(c.copy_ratio)} 的非模板文字见于本机关 {b.year} 年的报告 {src}（阈值 {_pct(self.threshold)}）。"
            en = (f"{_pct(c.copy_ratio)} of this report's non-template text is found in the agency's {b.year} report "
                  f"{src} (threshold {_pct(self.threshold)}).")
            if a.s.get("agency") is None or b.s.get("agency") is None:
                confidence = 0.7
        else:
            names = "、".join(sorted({f["name"] for f in c.foreign_places}))
            zh = f"本报告 {_pct(c.copy_ratio)} 的非模板文字见于其他机关的报告 {src}" + (
                f"，复制的段落中保留了他地地名：{names}。" if names else "。")
            en = f"{_pct(c.copy_ratio)} of this report's non-template text is found in another agency's report {src}" + (
                f"; the copied passages still name other places: {names}." if names else ".")
            if names:
                severity = Severity.ERROR
        return make_finding(rule, loc, zh, en, evidence=ev, related=related, confidence=confidence,
                            severity=severity)


def _serial_map(fn: Any, items: Iterable[Any]) -> list[Any]:
    return [fn(x) for x in items]


def check_batch(summaries: list[dict[str, Any]], settings: Any, parallel_map: Any = None) -> Iterable[Finding]:
    """Copies across the documents of one batch (segments of one file count as separate documents).

    The exact pair comparisons, nearly all of this stage's time, are made first, through
    ``parallel_map`` (``fn, items -> list``, as the audit's backends lend) when given, else
    here in the same way; the decisions that read them then run here, in pair order.
    """
    items = [_Item(i, s) for i, s in enumerate(summaries)
             if s.get("masked") and s.get("scheme", SCHEME) == SCHEME and s.get("v", SUMMARY_VERSION) == SUMMARY_VERSION]
    if len(items) < 2:
        return []
    batch = _Batch(items, settings)
    pairs = sorted(_candidate_pairs(items, batch.threshold, batch.min_numbers, batch.max_bucket))
    batch.prefetch(pairs, parallel_map or _serial_map)
    for i, j in pairs:
        batch.judge(i, j)
    return list(batch.findings())
