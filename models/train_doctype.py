"""Train the document-type classifier and ship it inside the package (issue 4, domain §5).

Reads ``corpora/doctype/doctype.jsonl.gz`` (regenerate with ``python -m
corpora.doctype.make_data``), turns every text into the classifier input
(:func:`gkreview.doctype.item_of`: character n-gram text, title, rule features) and prints

- 5-fold stratified cross-validated accuracy of the model on everything;
- for a model trained on a stratified three quarters: its accuracy and confusion
  matrix on the held-out quarter, and the same for the full decision as
  :func:`gkreview.doctype.classify` makes it (decisive rules first, model otherwise);
- how many items the decisive rules settle and whether any of them is wrong (it
  must be none: those documents never reach the model);
- the accuracy of the rule decision list used when no artefact is present.

It then fits on all items, writes the model as plain arrays to
``src/gkreview/models/doctype.npz`` (:func:`gkreview.doctype.export_model`, read by
:class:`gkreview.doctype.LinearModel` without scikit-learn) and checks that the
exported model gives the pipeline's probabilities on every item.

Usage::

    python models/train_doctype.py [--out src/gkreview/models/doctype.npz] [--max-features 6000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sklearn.metrics import accuracy_score, confusion_matrix  # noqa: E402
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split  # noqa: E402

from corpora.doctype.make_data import OUT as DATA  # noqa: E402
from corpora.doctype.make_data import load_items  # noqa: E402
from gkreview.doctype import (  # noqa: E402
    LABELS,
    MODEL_PATH,
    build_pipeline,
    decisive_label,
    document_from_text,
    export_model,
    item_of,
    rule_label,
)


def print_matrix(truth: np.ndarray, pred: np.ndarray, labels: list[str]) -> None:
    """Confusion matrix, rows true and columns predicted."""
    cm = confusion_matrix(truth, pred, labels=labels)
    print("confusion matrix (rows: true, columns: predicted)")
    print(" " * 20 + " ".join(f"{lab[:10]:>10s}" for lab in labels))
    for lab, row in zip(labels, cm, strict=True):
        print(f"{lab:20s}" + " ".join(f"{v:10d}" for v in row))


def main() -> None:
    """Cross-validate, report held-out figures, fit on all data, export and verify."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--max-features", type=int, default=6000)
    args = ap.parse_args()
    t = time.perf_counter()
    raw = load_items(DATA)
    items = [item_of(document_from_text(r["text"])) for r in raw]
    y = np.array([r["label"] for r in raw])
    labels = [lab for lab in LABELS if lab in set(y)]
    print(f"{len(items)} items from {DATA.name} ({time.perf_counter() - t:.1f}s to featurise)")

    def pipeline() -> object:
        return build_pipeline(max_features=args.max_features)

    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=args.seed)
    scores = cross_val_score(pipeline(), items, y, cv=cv, scoring="accuracy")
    print(f"5-fold cross-validated accuracy (model): {scores.mean():.3f} ± {scores.std():.3f} "
          f"({', '.join(f'{s:.3f}' for s in scores)})")

    idx = np.arange(len(items))
    tr, te = train_test_split(idx, test_size=0.25, stratify=y, random_state=args.seed)
    model = pipeline().fit([items[i] for i in tr], y[tr])
    pred = model.predict([items[i] for i in te])
    print(f"held-out accuracy, model alone ({len(te)} items): {accuracy_score(y[te], pred):.3f}")
    decided = [decisive_label(items[i]["features"]) for i in te]
    final = np.array([d if d is not None else p for d, p in zip(decided, pred, strict=True)])
    print(f"held-out accuracy, decisive rules then model (as classify): {accuracy_score(y[te], final):.3f}")
    print_matrix(y[te], final, labels)
    for i, p in zip(te, final, strict=True):
        if p != y[i]:
            print(f"  miss: {raw[i]['source']} true={y[i]} predicted={p}")

    decisive = [(i, d) for i in idx if (d := decisive_label(items[i]["features"])) is not None]
    wrong = [(raw[i]["source"], d) for i, d in decisive if d != y[i]]
    print(f"decisive rules settle {len(decisive)}/{len(items)} items, wrong on {len(wrong)}: {wrong[:10]}")
    fallback = np.array([rule_label(it["features"]) for it in items])
    print(f"rule decision list (no artefact) accuracy on all items: {accuracy_score(y, fallback):.3f}")

    fitted = pipeline().fit(items, y)
    exported = export_model(fitted, args.out)
    diff = np.abs(exported.predict_proba(items) - fitted.predict_proba(items)).max()
    assert list(exported.classes_) == list(fitted.classes_), "class order differs after export"
    assert diff < 1e-6, f"exported model disagrees with the pipeline (max probability difference {diff:.2e})"
    print(f"saved {args.out} ({args.out.stat().st_size / 1024:.0f} KiB; max |Δp| vs pipeline {diff:.1e}) "
          f"in {time.perf_counter() - t:.1f}s")


if __name__ == "__main__":
    main()
