"""Build the corpus boilerplate model (``src/gkreview/models/boilerplate.npz``) used by the duplicate detector.

Boilerplate is text many *different agencies* print: the national template
phrases are fixed in :mod:`gkreview.data.boilerplate`; this script adds the
passages that are frequent in a folder of reports. Every file under the given
paths is loaded and segmented; each document is masked (years, figures, place
and agency names) and its 13-character windows are counted once per agency. A
window printed by at least ``--min-agencies`` agencies (and ``--min-share`` of
all agencies) is stored, with the hash scheme, so a model made by another scheme
is refused at load time.

The shipped model is built from the material in ``corpora/`` (real seeds, the
municipal PDF, the 2021 template) plus ``--synthetic N`` clean generated reports
of distinct agencies (:func:`corpora.gen_duplicates.make_corpus`), whose stock
sentences stand in for the phrases real reports share. Rebuild it over a real
archive for production use::

    python models/build_boilerplate.py corpora/seeds corpora/reports corpora/templates \\
        --synthetic 300 --out src/gkreview/models/boilerplate.npz
    python models/build_boilerplate.py /data/archive --min-agencies 20 --min-share 0.01
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gkreview.dedup.boilerplate import Boilerplate, learn
from gkreview.dedup.shingle import mask_document, mask_plain
from gkreview.errors import GkreviewError
from gkreview.loader import load


def _files(paths: list[str]) -> Iterator[Path]:
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file())
        elif p.is_file():
            yield p


def documents(paths: list[str], fixed: Boilerplate) -> Iterator[tuple[str, str]]:
    """``(agency key, masked text)`` for every document under ``paths`` (unreadable files are skipped)."""
    for path in _files(paths):
        try:
            docs = load(path)
        except GkreviewError as exc:
            print(f"skip {path}: {exc}", file=sys.stderr)
            continue
        for doc in docs:
            key = doc.agency or f"{path}#{doc.segment}"
            yield key, mask_document(doc, fixed).text


def synthetic(n: int, fixed: Boilerplate) -> Iterator[tuple[str, str]]:
    """Generated clean reports of distinct agencies."""
    from corpora.gen_duplicates import make_corpus

    for report in make_corpus(seed=20240101, n=n):
        yield f"synthetic:{report.agency}", mask_plain(report.text, report.agency, fixed).text


def main(argv: list[str] | None = None) -> int:
    """Learn and save the model; print what it holds."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*", help="files or folders of reports")
    ap.add_argument("--synthetic", type=int, default=0, help="add N generated reports of distinct agencies")
    ap.add_argument("--min-agencies", type=int, default=3)
    ap.add_argument("--min-share", type=float, default=0.0)
    ap.add_argument("--k", type=int, default=13)
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "src" / "gkreview" / "models"
                                         / "boilerplate.npz"))
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    fixed = Boilerplate()
    docs = list(documents(args.paths, fixed))
    if args.synthetic:
        docs += list(synthetic(args.synthetic, fixed))
    model = learn(docs, k=args.k, min_agencies=args.min_agencies, min_share=args.min_share)
    model.meta.update({"n_documents": len(docs), "sources": args.paths, "synthetic": args.synthetic,
                       "command": "python models/build_boilerplate.py " + " ".join(argv or sys.argv[1:])})
    model.save(args.out)
    print(f"{len(docs)} documents, {model.meta['n_agencies']} agencies -> {len(model.hashes)} frequent "
          f"{args.k}-grams (>= {model.meta['min_agencies']} agencies) in {time.perf_counter() - t0:.1f} s: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
