"""Metrics of a system on labelled pairs: accuracy, macro-F1 with a bootstrap interval, per label, confusion.

Conventions:
    * **macro-F1** averages the F1 of the labels present in the gold labels *or* the predictions of the
      scored subset (a label the system predicts wrongly but that never occurs in gold still counts, with F1 0;
      a label absent from both is left out rather than counted as 0 or 1).
    * per-label precision (recall) is 0 when a label is never predicted (never in gold).
    * the 95% interval is the 2.5th-97.5th percentile of macro-F1 over 1000 bootstrap resamples of the pairs
      (seeded; each resample uses the same "labels present" rule).
    * the confusion matrix always has the four verdicts in :data:`LABEL_ORDER` (rows gold, columns predicted).

Example:
    >>> m = compute_metrics(["contradiction", "consistent"], ["contradiction", "contradiction"])
    >>> m.accuracy
    0.5
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import InputError
from ..records import Verdict

#: Row/column order of every confusion matrix.
LABEL_ORDER: tuple[Verdict, ...] = (Verdict.CONTRADICTION, Verdict.POLICY_SHIFT, Verdict.CONSISTENT, Verdict.UNRELATED)


#: Bootstrap resamples for the macro-F1 interval, and their seed.
N_RESAMPLES = 1000


BOOTSTRAP_SEED = 0


@dataclass(frozen=True)
class Metrics:
    """Scores of one system on one subset of pairs.

    Attributes:
        n: number of pairs.
        accuracy: fraction of pairs with the gold verdict.
        macro_f1: mean F1 over ``labels``.
        macro_f1_ci: bootstrap 95% interval of ``macro_f1`` (low, high).
        labels: the labels macro-F1 averages over: those present in the gold labels or the predictions.
        per_label: ``{label: {"precision", "recall", "f1", "support"}}`` for each of ``labels``.
        confusion: counts, rows gold and columns predicted, both in :data:`LABEL_ORDER`.
        pairs_per_second: the detector's scoring throughput on this subset; None for baselines.
    """

    n: int
    accuracy: float
    macro_f1: float
    macro_f1_ci: tuple[float, float]
    labels: tuple[str, ...]
    per_label: Mapping[str, Mapping[str, float]]
    confusion: tuple[tuple[int, ...], ...]
    pairs_per_second: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (adds ``confusion_labels``)."""
        return {"n": self.n, "accuracy": self.accuracy, "macro_f1": self.macro_f1,
                "macro_f1_ci": list(self.macro_f1_ci), "labels": list(self.labels),
                "per_label": {k: dict(v) for k, v in self.per_label.items()},
                "confusion": [list(row) for row in self.confusion],
                "confusion_labels": [v.value for v in LABEL_ORDER],
                "pairs_per_second": self.pairs_per_second}


def _values(labels: Iterable[Verdict | str]) -> list[str]:
    return [Verdict(v).value for v in labels]


def label_codes(labels: Sequence[str]) -> np.ndarray:
    """Verdict values as indices into :data:`LABEL_ORDER` (for the vectorised metrics).

    Example:
        >>> label_codes(["unrelated", "contradiction"]).tolist()
        [3, 0]
    """
    index = {v.value: i for i, v in enumerate(LABEL_ORDER)}
    return np.fromiter((index[v] for v in labels), dtype=np.int64, count=len(labels))


def macro_f1_from_codes(gold: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    """Macro-F1 (labels present in gold or predictions) of one or many label-code vectors, vectorised.

    ``gold`` and ``predicted`` hold indices into :data:`LABEL_ORDER`, shape ``(n,)`` or ``(m, n)`` for ``m``
    samples at once; the result has shape ``()`` or ``(m,)``. Used for the bootstrap and by calibration.

    Example:
        >>> float(macro_f1_from_codes(np.array([0, 0, 2]), np.array([0, 2, 2])))
        0.6666666666666666
    """
    k = len(LABEL_ORDER)
    gold2 = np.atleast_2d(gold)
    pred2 = np.atleast_2d(predicted)
    m = gold2.shape[0]
    flat = (np.arange(m)[:, None] * k * k + gold2 * k + pred2).ravel()
    counts = np.bincount(flat, minlength=m * k * k).reshape(m, k, k)
    tp = np.einsum("mii->mi", counts).astype(float)
    gold_n = counts.sum(axis=2)
    pred_n = counts.sum(axis=1)
    denom = gold_n + pred_n  # = 2tp + fp + fn
    present = denom > 0
    f1 = np.divide(2 * tp, denom, out=np.zeros_like(tp), where=present)
    result = f1.sum(axis=1) / np.maximum(present.sum(axis=1), 1)
    return result[0] if np.ndim(gold) == 1 else result


def cautious_f1_from_codes(gold: np.ndarray, predicted: np.ndarray, beta: float = 0.5) -> float:
    """Macro-F1 with the ``contradiction`` class scored by F-beta (beta 0.5: its precision weighs as much as twice
    its recall), so that a false contradiction costs more than a missed one; the other labels keep F1.

    Example:
        >>> round(cautious_f1_from_codes(np.array([0, 0, 2, 2]), np.array([0, 2, 2, 2])), 3)
        0.817
    """
    k = len(LABEL_ORDER)
    counts = np.bincount(gold * k + predicted, minlength=k * k).reshape(k, k)
    tp = np.diag(counts).astype(float)
    gold_n, pred_n = counts.sum(axis=1), counts.sum(axis=0)
    b2 = np.ones(k)
    b2[LABEL_ORDER.index(Verdict.CONTRADICTION)] = beta * beta
    denom = b2 * gold_n + pred_n
    present = (gold_n + pred_n) > 0
    score = np.divide((1 + b2) * tp, denom, out=np.zeros(k), where=denom > 0)
    return float(score[present].sum() / max(present.sum(), 1))


def bootstrap_macro_f1(gold: Sequence[Verdict | str], predicted: Sequence[Verdict | str], *,
                       n_resamples: int = N_RESAMPLES, seed: int = BOOTSTRAP_SEED,
                       confidence: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap interval of macro-F1, resampling pairs with replacement.

    Example:
        >>> bootstrap_macro_f1(["consistent"] * 4, ["consistent"] * 4)
        (1.0, 1.0)
    """
    g = label_codes(_values(gold))
    p = label_codes(_values(predicted))
    n = len(g)
    if n == 0:
        raise InputError("no pairs to compute an interval on")
    rng = np.random.default_rng(seed)
    step = max(1, 2_000_000 // n)
    scores: list[np.ndarray] = []
    for start in range(0, n_resamples, step):
        idx = rng.integers(0, n, size=(min(step, n_resamples - start), n))
        scores.append(np.atleast_1d(macro_f1_from_codes(g[idx], p[idx])))
    alpha = (1.0 - confidence) / 2 * 100
    low, high = np.percentile(np.concatenate(scores), [alpha, 100 - alpha])
    return float(low), float(high)


def compute_metrics(gold: Sequence[Verdict | str], predicted: Sequence[Verdict | str], *,
                    seconds: float | None = None, n_resamples: int = N_RESAMPLES,
                    seed: int = BOOTSTRAP_SEED) -> Metrics:
    """Accuracy, macro-F1 with a bootstrap interval, per-label scores and the confusion matrix (scikit-learn).

    Args:
        gold: gold verdicts.
        predicted: predicted verdicts, same length and order.
        seconds: time spent scoring these pairs (gives ``pairs_per_second``), or None.
        n_resamples: bootstrap resamples for the interval.
        seed: bootstrap seed.

    Example:
        >>> m = compute_metrics(["contradiction", "consistent"], ["contradiction", "contradiction"])
        >>> m.accuracy, round(m.macro_f1, 3)
        (0.5, 0.333)
    """
    from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support

    g = _values(gold)
    p = _values(predicted)
    if len(g) != len(p):
        raise InputError(f"{len(g)} gold labels but {len(p)} predictions")
    if not g:
        raise InputError("no pairs to compute metrics on")
    present = [v.value for v in LABEL_ORDER if v.value in set(g) | set(p)]
    precision, recall, f1, support = precision_recall_fscore_support(g, p, labels=present, zero_division=0)
    per_label: dict[str, dict[str, float]] = {label: {"precision": float(precision[i]), "recall": float(recall[i]), "f1": float(f1[i]),
                         "support": int(support[i])} for i, label in enumerate(present)}
    macro = float(f1_score(g, p, labels=present, average="macro", zero_division=0))
    matrix = confusion_matrix(g, p, labels=[v.value for v in LABEL_ORDER])
    rate = len(g) / seconds if seconds is not None and seconds > 0 else None
    return Metrics(n=len(g), accuracy=float(accuracy_score(g, p)), macro_f1=macro,
                   macro_f1_ci=bootstrap_macro_f1(g, p, n_resamples=n_resamples, seed=seed),
                   labels=tuple(present), per_label=per_label,
                   confusion=tuple(tuple(int(c) for c in row) for row in matrix), pairs_per_second=rate)
