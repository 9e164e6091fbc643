"""Train the document-type classifier and save it inside the package (issue 4, domain §5).

Reads ``corpora/doctype/doctype.jsonl.gz`` (regenerate with ``python -m
corpora.doctype.make_data``), turns every text into the classifier input
(:func:`gkreview.doctype.item_of`: character n-gram text + rule features), prints
5-fold stratified cross-validated accuracy on everything, then the accuracy and
confusion matrix on a stratified held-out quarter for a model trained on the other
three quarters, and finally fits on all items and writes
``src/gkreview/models/doctype.joblib`` (loaded by :func:`gkreview.doctype.classify`).

Usage::

    python models/train_doctype.py [--out src/gkreview/models/doctype.joblib]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import joblib  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.metrics import accuracy_score, confusion_matrix  # noqa: E402
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split  # noqa: E402

from corpora.doctype.make_data import OUT as DATA  # noqa: E402
from corpora.doctype.make_data import load_items  # noqa: E402
from gkreview.doctype import LABELS, MODEL_PATH, build_pipeline, document_from_text, item_of  # noqa: E402


def main() -> None:
    """Cross-validate, report a held-out confusion matrix, fit on all data and save."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--seed", type=int, default=4)
    args = ap.parse_args()
    t = time.perf_counter()
    raw = load_items(DATA)
    items = [item_of(document_from_text(r["text"])) for r in raw]
    y = np.array([r["label"] for r in raw])
    print(f"{len(items)} items from {DATA.name} ({time.perf_counter() - t:.1f}s to featurise)")
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=args.seed)
    scores = cross_val_score(build_pipeline(), items, y, cv=cv, scoring="accuracy")
    print(f"5-fold cross-validated accuracy: {scores.mean():.3f} ± {scores.std():.3f} ({', '.join(f'{s:.3f}' for s in scores)})")
    idx = np.arange(len(items))
    tr, te = train_test_split(idx, test_size=0.25, stratify=y, random_state=args.seed)
    model = build_pipeline().fit([items[i] for i in tr], y[tr])
    pred = model.predict([items[i] for i in te])
    labels = [lab for lab in LABELS if lab in set(y)]
    print(f"held-out accuracy ({len(te)} items): {accuracy_score(y[te], pred):.3f}")
    cm = confusion_matrix(y[te], pred, labels=labels)
    short = [lab[:10] for lab in labels]
    print("confusion matrix (rows: true, columns: predicted)")
    print(" " * 20 + " ".join(f"{s:>10s}" for s in short))
    for lab, row in zip(labels, cm, strict=True):
        print(f"{lab:20s}" + " ".join(f"{v:10d}" for v in row))
    for i, p in zip(te, pred, strict=True):
        if p != y[i]:
            print(f"  miss: {raw[i]['source']} true={y[i]} predicted={p}")
    final = build_pipeline().fit(items, y)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(final, args.out, compress=3)
    print(f"saved {args.out} ({args.out.stat().st_size / 1024:.0f} KiB) in {time.perf_counter() - t:.1f}s")


if __name__ == "__main__":
    main()
