# ruff: noqa: E402  (sys.path is fixed before the imports, see below)
"""Duplicate-detector benchmark: flag quality on generated pairs, 复制比 error, index scale.

Three parts, each printing its figures:

1. **Boilerplate model**: learned from ``--train`` independent generated reports
   (distinct agencies), saved to a temporary file and used by the rest.
2. **Pairs** (``--pairs``): controlled reuse from :mod:`corpora.gen_duplicates`
   (0–100 % of sections copied; years and figures changed, sentences reordered,
   characters edited, traditional script, other agency's name left in or
   replaced; template-only pairs). Each pair goes through the real path
   (``load_text`` → ``summarize`` → ``check_batch``): precision/recall/F1 of the
   copy flag at the default threshold against "true reused share ≥ threshold",
   and the mean absolute error of 复制比 against the true share (percentage
   points). Then all pairs in one batch, to measure LSH candidate search and
   cross-pair false positives.
3. **Scale** (``--scale``, default 100 000): an on-disk index of synthetic
   8k-character masked reports (1k template characters each) with planted
   60 %-copies; build time per report, bytes of index per report, median query
   time, recall of planted sources, and an extrapolation to 1 M reports.

Usage::

    python benchmarks/duplicates.py                 # everything (a few minutes)
    python benchmarks/duplicates.py --scale 20000   # smaller index
    python benchmarks/duplicates.py --skip-scale --pairs 100
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this folder would be sys.path[0] and its numbers.py would shadow
# the standard library's numbers module (statistics, decimal): drop it first.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import argparse
import statistics
import tempfile
import time

import numpy as np

import gkreview
from corpora.gen_duplicates import Pair, make_corpus, make_pair
from gkreview.analysis import Context
from gkreview.checks import duplicates as dup
from gkreview.config import Settings
from gkreview.dedup import Boilerplate, DuplicateIndex, MaskedText, compare_masked
from gkreview.dedup.boilerplate import learn
from gkreview.dedup.compare import DocRef
from gkreview.dedup.index import sketch
from gkreview.dedup.shingle import mask_plain

COPY_RULES = {dup.PRIOR_YEAR.id, dup.REDATED.id, dup.CROSS_AGENCY.id}


def train_model(n: int, path: Path) -> Boilerplate:
    """Learn the corpus boilerplate model from ``n`` independent reports and save it."""
    t0 = time.perf_counter()
    fixed = Boilerplate()
    reports = make_corpus(seed=424242, n=n)
    model = learn(((r.agency, mask_plain(r.text, r.agency, fixed).text) for r in reports), min_agencies=3,
                  min_share=0.02)
    model.save(path)
    print(f"[model] {n} training reports, {model.meta['n_agencies']} agencies -> {len(model.hashes)} frequent "
          f"13-grams (>= {model.meta['min_agencies']} agencies) in {time.perf_counter() - t0:.1f} s")
    return model


def summarize_text(text: str, path: str, settings: Settings) -> dict:
    """The batch summary of the first document of a text, as the runner would store it."""
    doc = gkreview.load_text(text, path=path)[0]
    s = dup.summarize(doc, Context(doc, settings))
    s["path"], s["segment"] = path, doc.segment
    return s


def true_share(summary: dict, spans: list[tuple[int, int]]) -> float:
    """Share of A's non-template masked characters that lie in a paragraph copied from B."""
    m = MaskedText.from_json(summary["masked"])
    copied = np.zeros(len(m), dtype=bool)
    for s, e in spans:
        copied |= (m.orig >= s) & (m.orig < e)
    content = ~m.template
    return float((copied & content).sum() / max(1, content.sum()))


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1."""
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def review_cost(texts: list[str], settings: Settings) -> tuple[float, float]:
    """(CPU ms per report for the per-document check + summarize, mean characters per report).

    Documents are parsed and their shared sections view computed first (not timed:
    other checks share them, as benchmarks/stages.py counts them); each document
    gets a fresh Context, as in a review.
    """
    def prepared() -> list[tuple[gkreview.Document, Context]]:
        docs = [gkreview.load_text(t, path=f"cost{i}.txt")[0] for i, t in enumerate(texts)]
        out = [(doc, Context(doc, settings)) for doc in docs]
        for _, ctx in out:
            _ = ctx.sections
        return out

    for doc, ctx in prepared()[:3]:  # warm-up: gazetteer, models, caches
        list(dup.check(doc, ctx))
        dup.summarize(doc, ctx)
    items = prepared()
    t = time.process_time()
    for doc, ctx in items:
        list(dup.check(doc, ctx))
        dup.summarize(doc, ctx)
    return (time.process_time() - t) / len(items) * 1e3, statistics.fmean(len(x) for x in texts)


def run_pairs(n: int, settings: Settings, threshold: float) -> None:
    """Part 2: per-pair flags and 复制比 error, then all pairs in one batch."""
    t0 = time.perf_counter()
    rows = []
    summaries: list[dict] = []
    pairs: list[Pair] = []
    for i in range(n):
        pair = make_pair(7919 * i + 13)
        sa = summarize_text(pair.a.text, f"pair{i:04d}/a.txt", settings)
        sb = summarize_text(pair.b.text, f"pair{i:04d}/b.txt", settings)
        truth = true_share(sa, pair.a.copied_spans)
        ma, mb = MaskedText.from_json(sa["masked"]), MaskedText.from_json(sb["masked"])
        measured = compare_masked(ma, mb, DocRef(), DocRef()).copy_ratio
        findings = list(dup.check_batch([sa, sb], settings))
        flagged = any(f.rule_id in COPY_RULES and f.location.path == sa["path"] for f in findings)
        rows.append((pair, truth, measured, flagged))
        summaries += [sa, sb]
        pairs.append(pair)
    elapsed = time.perf_counter() - t0
    tp = sum(1 for _, t, _, f in rows if f and t >= threshold)
    fp = sum(1 for _, t, _, f in rows if f and t < threshold)
    fn = sum(1 for _, t, _, f in rows if not f and t >= threshold)
    p, r, f1 = prf(tp, fp, fn)
    mae = statistics.fmean(abs(t - m) for _, t, m, _ in rows) * 100
    print(f"[pairs] {n} pairs ({sum(1 for _, t, _, _ in rows if t >= threshold)} with true share >= "
          f"{threshold:.0%}) in {elapsed:.1f} s")
    print(f"[pairs] flag at threshold {threshold:.0%}: precision {p:.3f} recall {r:.3f} F1 {f1:.3f} "
          f"(tp {tp} fp {fp} fn {fn}; target F1 >= 0.97)")
    print(f"[pairs] 复制比 MAE vs true reused share: {mae:.2f} points (target <= 3)")
    for kind in ("prior", "cross", "template"):
        sub = [(t, m) for pr, t, m, _ in rows if pr.kind == kind]
        if sub:
            print(f"[pairs]   {kind:<8} n={len(sub):<4} MAE {statistics.fmean(abs(t - m) for t, m in sub) * 100:.2f}"
                  f"  max |err| {max(abs(t - m) for t, m in sub) * 100:.2f}")
    for edit in ("reorder", "traditional", "keep_foreign_name"):
        sub = [(t, m) for pr, t, m, _ in rows if pr.edits.get(edit)]
        if sub:
            print(f"[pairs]   with {edit:<17} n={len(sub):<4} MAE {statistics.fmean(abs(t - m) for t, m in sub) * 100:.2f}")
    for rate in (0.005, 0.01, 0.02):
        sub = [(t, m) for pr, t, m, _ in rows if pr.edits.get("edit_rate") == rate]
        if sub:
            print(f"[pairs]   edit rate {rate:<5}         n={len(sub):<4} MAE "
                  f"{statistics.fmean(abs(t - m) for t, m in sub) * 100:.2f}")
    foreign = [f for pr, _, _, fl in rows if pr.kind == "cross" and pr.edits["keep_foreign_name"] and fl
               for f in [pr]]
    cost, chars = review_cost([p.a.text for p in pairs[:100]], settings)
    print(f"[speed] per-document check + summarize: {cost:.2f} ms CPU per report of {chars:.0f} characters")
    print(f"[pairs] cross-agency copies with the source's name left in and flagged: {len(foreign)}")

    t1 = time.perf_counter()
    findings = list(dup.check_batch(summaries, settings))
    elapsed = time.perf_counter() - t1
    by_a = {}
    for f in findings:
        if f.rule_id in COPY_RULES:
            by_a.setdefault(f.location.path, set()).add(f.evidence["source"]["path"])
    tp = fp = fn = wrong = 0
    for i, (_, t, _, _) in enumerate(rows):
        a, b = f"pair{i:04d}/a.txt", f"pair{i:04d}/b.txt"
        srcs = by_a.get(a, set())
        hit = b in srcs
        wrong += len(srcs - {b})
        tp += hit and t >= threshold
        fp += hit and t < threshold
        fn += (not hit) and t >= threshold
    p, r, f1 = prf(tp, fp, fn)
    print(f"[batch] all {len(summaries)} documents in one check_batch: {elapsed:.1f} s; precision {p:.3f} "
          f"recall {r:.3f} F1 {f1:.3f}; findings naming a wrong source: {wrong}")


def run_scale(n: int, queries: int) -> None:
    """Part 3: build, save, load and query an index of ``n`` synthetic masked reports.

    Each report is 1000 template characters (shared, flagged template) plus 7000
    random common characters; about one report in 97 copies 60 % of its body
    from an earlier one, so recall of the source can be measured.
    """
    rng = np.random.default_rng(2024)
    alphabet = np.arange(0x4E00, 0x4E00 + 3500, dtype=np.uint32)
    template = alphabet[rng.integers(0, len(alphabet), 1000)]
    tpl_mask = np.zeros(8000, dtype=bool)
    tpl_mask[:1000] = True
    params = DuplicateIndex().params
    years = 2008 + (np.arange(n) * 16) // n
    sources: dict[int, np.ndarray] = {}  # bodies kept as copy sources (alphabet indexes, uint16)
    planted: dict[int, tuple[int, np.ndarray]] = {}  # report -> (source, its signature)
    keys = [f"archive/{i:07d}.txt#0" for i in range(n)]
    idx = DuplicateIndex()
    t_build = 0.0
    t_all = time.perf_counter()
    chunk: list[np.ndarray] = []
    chunk_start = 0
    for i in range(n):
        body = rng.integers(0, len(alphabet), 7000).astype(np.uint16)
        src = -1
        if i >= 1000 and i % 97 == 0:
            src = int(rng.choice(list(sources)))
            cut = int(rng.integers(0, 2800))
            body[cut : cut + 4200] = sources[src][cut : cut + 4200]  # 60 % of the body copied
        if i < 1000 or i % 50 == 0:
            sources[i] = body
        text = np.concatenate([template, alphabet[body]]).tobytes().decode("utf-32-le")
        t = time.perf_counter()
        sig = sketch(text, tpl_mask, k=params["k"], bins=params["bins"])
        t_build += time.perf_counter() - t
        chunk.append(sig)  # type: ignore[arg-type]
        if src >= 0:
            planted[i] = (src, sig)  # type: ignore[assignment]
        if len(chunk) == 10_000 or i == n - 1:
            t = time.perf_counter()
            idx.add_signatures(keys[chunk_start : i + 1], np.stack(chunk), years[chunk_start : i + 1].tolist())
            t_build += time.perf_counter() - t
            chunk, chunk_start = [], i + 1
    t_all = time.perf_counter() - t_all
    t = time.perf_counter()
    idx._flush()
    t_sort = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "archive.gkdup"
        t = time.perf_counter()
        size = idx.save(path)
        t_save = time.perf_counter() - t
        t = time.perf_counter()
        loaded = DuplicateIndex.load(path)
        t_load = time.perf_counter() - t
        per_report = size / n
        build = (t_build + t_sort) / n
        print(f"[scale] {n} reports of 8000 masked chars (1000 template): generated and indexed in {t_all:.1f} s; "
              f"index build {build * 1e3:.3f} ms/report (sketch+insert {t_build:.1f} s, band sort {t_sort:.1f} s); "
              f"save {t_save:.2f} s, mmap load {t_load * 1e3:.1f} ms")
        print(f"[scale] index file {size / 1e6:.1f} MB = {per_report:.0f} bytes/report (target <= 500; datasketch "
              f"MinHashLSH ~3600); {params['bands']} bands x {params['rows']} rows of {params['bins']} OPH bins, "
              f"k={params['k']}")
        times, found, cands = [], 0, []
        for qi, (src, sig) in list(planted.items())[:queries]:
            t = time.perf_counter()
            res = loaded.query_signature(sig, before_year=int(years[qi]) + 1, exclude=keys[qi], limit=50)
            times.append(time.perf_counter() - t)
            cands.append(len(res))
            found += any(c.key == keys[src] for c in res)
        rand_times, rand_cands = [], []
        for _ in range(min(queries, 500)):
            text = np.concatenate([template, alphabet[rng.integers(0, len(alphabet), 7000)]])
            sig = sketch(text.tobytes().decode("utf-32-le"), tpl_mask, k=params["k"], bins=params["bins"])
            t = time.perf_counter()
            res = loaded.query_signature(sig, limit=None)  # type: ignore[arg-type]
            rand_times.append(time.perf_counter() - t)
            rand_cands.append(len(res))
        med = statistics.median(times) * 1e3 if times else float("nan")
        print(f"[scale] planted 60%-copies: source found for {found}/{len(times)} = {found / max(1, len(times)):.3f}; "
              f"median query {med:.3f} ms (target <= 2); mean candidates {statistics.fmean(cands or [0]):.1f}")
        print(f"[scale] unrelated queries: median {statistics.median(rand_times) * 1e3:.3f} ms, "
              f"false candidates per query {statistics.fmean(rand_cands):.3f}")
        scale = 1_000_000 / n
        print(f"[scale] extrapolated to 1 M reports: index {per_report * 1e6 / 1e9:.2f} GB, build "
              f"{build * 1e6 / 60:.1f} min, false candidates per query ~{statistics.fmean(rand_cands) * scale:.2f}, "
              f"query ~{med * np.log2(1e6) / np.log2(n):.2f} ms (binary searches grow with log n)")
        mask_cost = _masking_cost()
        print(f"[scale] masking a real-sized report (normalise, mask, template marks) costs {mask_cost:.1f} ms; "
              f"it is done once per report during review and reused from the summary")


def _masking_cost(n: int = 30) -> float:
    """Median ms to mask one generated report of ~8k characters from raw text."""
    pairs = [make_pair(90_000 + i, prose_chars=1000) for i in range(n)]
    times = []
    for p in pairs:
        t = time.perf_counter()
        mask_plain(p.a.text, p.a.agency)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e3


def main(argv: list[str] | None = None) -> int:
    """Run the parts asked for and print their figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pairs", type=int, default=300)
    ap.add_argument("--train", type=int, default=200)
    ap.add_argument("--scale", "--n", dest="scale", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--skip-pairs", action="store_true")
    ap.add_argument("--skip-scale", action="store_true")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_pairs:
            model_path = Path(tmp) / "boilerplate.npz"
            train_model(args.train, model_path)
            settings = Settings(options={"duplicates.boilerplate_model": str(model_path)})
            run_pairs(args.pairs, settings, float(settings.option("duplicates.threshold")))
    if not args.skip_scale:
        run_scale(args.scale, args.queries)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
