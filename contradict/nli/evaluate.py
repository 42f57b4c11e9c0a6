"""Evaluate an NLI model on NLI test files (``{"premise", "hypothesis", "label"}`` JSONL, gzipped or not).

Prints, per file: n, accuracy, per-class F1 and contradiction precision/recall (scikit-learn metrics).

Example:
    $ contradict eval-nli ../shared/nli-data/eval --report nli_eval.json
"""

from __future__ import annotations

import glob
import logging
import os
import time
from typing import Any

import numpy as np

from ..records import LABELS

logger = logging.getLogger(__name__)


def nli_files(paths: list[str]) -> list[str]:
    """The NLI files named by ``paths``: files as given, folders as their ``*.jsonl(.gz)`` files."""
    out: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            out += sorted(glob.glob(os.path.join(p, "*.jsonl.gz")) + glob.glob(os.path.join(p, "*.jsonl")))
        else:
            out.append(p)
    if not out:
        raise FileNotFoundError(f"no NLI files in {paths}")
    return out


def evaluate_file(scorer: Any, path: str, *, limit: int = 0) -> dict[str, Any]:
    """Score one NLI file and return its metrics (accuracy, per-class P/R/F1, pairs per second).

    Example:
        >>> evaluate_file(load_nli(), "../shared/nli-data/eval/anli_r1_test.jsonl.gz")["accuracy"]  # doctest: +SKIP
    """
    from datasets import load_dataset
    from sklearn.metrics import accuracy_score, precision_recall_fscore_support

    ds = load_dataset("json", data_files=path, split="train")
    if limit:
        ds = ds.select(range(min(limit, len(ds))))
    pairs = list(zip(ds["premise"], ds["hypothesis"]))
    gold = [LABELS.index(label) for label in ds["label"]]
    t0 = time.perf_counter()
    probs = scorer(pairs)
    seconds = time.perf_counter() - t0
    pred = np.asarray(probs).argmax(1)
    p, r, f, _ = precision_recall_fscore_support(gold, pred, labels=[0, 1, 2], zero_division=0)
    return {"file": os.path.basename(path), "n": len(gold), "accuracy": float(accuracy_score(gold, pred)),
            "f1": {label: float(f[i]) for i, label in enumerate(LABELS)},
            "contradiction_precision": float(p[2]), "contradiction_recall": float(r[2]),
            "pairs_per_second": len(gold) / seconds if seconds else None}


def format_table(rows: list[dict[str, Any]]) -> str:
    """A Markdown table of :func:`evaluate_file` results."""
    lines = ["| file | n | accuracy | F1 entail | F1 neutral | F1 contra | contra P | contra R |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['file']} | {r['n']} | {r['accuracy']:.3f} | {r['f1']['entailment']:.3f} | "
                     f"{r['f1']['neutral']:.3f} | {r['f1']['contradiction']:.3f} | "
                     f"{r['contradiction_precision']:.3f} | {r['contradiction_recall']:.3f} |")
    return "\n".join(lines)
