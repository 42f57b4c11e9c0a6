"""A cascade of two NLI models: the fast one scores every pair, the accurate one re-scores the possible conflicts.

Most candidate pairs are plainly compatible, and for those the fast model's probabilities decide nothing that the
accurate one would change. A pair that the fast model gives a contradiction probability of at least ``gate`` (in
either direction) is scored again, both directions, by the accurate model, whose probabilities replace the fast
ones. With ``gate`` at or below the verdict's lowest contradiction bar (``verdict.signal_contradiction_floor``),
every conflict is judged by the accurate model, at the cost of running it on those pairs only.

Use it as ``nli.model = "cascade"`` (``configs/cascade.toml`` holds thresholds calibrated for it) or
``load_nli("cascade")``; it needs what the accurate model needs (``pip install -e ".[accurate]"`` and the backbone).

Example:
    >>> from contradict.nli import load_nli
    >>> load_nli("cascade").gate                              # nothing is loaded yet
    0.1
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..errors import InputError, ModelError
from .scorer import HFNLIScorer, NLIResult, accurate_missing

#: Contradiction probability (either direction) from which the fast model's pair is scored again.
DEFAULT_GATE = 0.1


class CascadeScorer:
    """``first`` scores every pair; pairs it gives ``P(contradiction) >= gate``, and their reverses in the same call,
    are scored again by ``second``, whose probabilities (and split flags) are returned for them.

    Args:
        first: the fast scorer (every pair).
        second: the accurate scorer (the possible conflicts only).
        gate: contradiction probability from which a pair is passed on (0..1).

    Attributes:
        passed_on: pairs the second model scored, over this scorer's lifetime.
        scored: pairs the first model scored, over this scorer's lifetime.
    """

    def __init__(self, first: HFNLIScorer, second: HFNLIScorer, gate: float = DEFAULT_GATE) -> None:
        if not 0.0 <= gate <= 1.0:
            raise InputError(f"must be between 0 and 1, got {gate}", field="gate")
        self.first, self.second, self.gate = first, second, gate
        self.scored = 0
        self.passed_on = 0

    @property
    def batch_size(self) -> int:
        return self.first.batch_size

    @property
    def path(self) -> str:
        """Both models' locations, first then second."""
        return f"cascade({self.first.path} -> {self.second.path}, gate {self.gate:g})"

    def weights_sha256(self) -> str | None:
        """sha256 over both models' weight hashes and the gate (None when either model has none)."""
        a, b = self.first.weights_sha256(), self.second.weights_sha256()
        if a is None or b is None:
            return None
        return hashlib.sha256(f"cascade:{a}:{b}:{self.gate!r}".encode()).hexdigest()

    def __call__(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Probabilities (n, 3) in (entailment, neutral, contradiction) order."""
        return self.score(pairs).probs

    def score(self, pairs: Sequence[tuple[str, str]]) -> NLIResult:
        """Like calling the scorer, and also says which pairs were split into sentences."""
        pairs = list(pairs)
        if self.second.model_name == "accurate" and (why := accurate_missing()):
            raise ModelError(f"the cascade's second model: {why}")
        result = self.first.score(pairs)
        self.scored += len(pairs)
        if not pairs:
            return result
        index: dict[tuple[str, str], list[int]] = {}
        for i, pair in enumerate(pairs):
            index.setdefault(pair, []).append(i)
        again = set()
        for i in np.flatnonzero(result.probs[:, 2] >= self.gate):
            premise, hypothesis = pairs[i]
            again.update(index[(premise, hypothesis)])
            again.update(index.get((hypothesis, premise), ()))  # both directions from one model
        if not again:
            return result
        rows = sorted(again)
        second = self.second.score([pairs[i] for i in rows])
        self.passed_on += len(rows)
        probs, split = result.probs.copy(), result.split.copy()
        probs[rows], split[rows] = second.probs, second.split
        return NLIResult(probs, split)

    def describe(self) -> dict[str, Any]:
        """Counts for logs and benchmarks."""
        return {"scored": self.scored, "passed_on": self.passed_on, "gate": self.gate}
