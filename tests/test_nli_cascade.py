"""The cascade scorer: fast for every pair, accurate again for the possible conflicts (both directions)."""

from __future__ import annotations

import numpy as np
import pytest

from contradict.errors import InputError, ModelError
from contradict.nli import NLIResult
from contradict.nli.cascade import CascadeScorer


class _Table:
    """A stand-in scorer for the logic around the models: probabilities looked up by pair."""

    def __init__(self, table: dict[tuple[str, str], list[float]], name: str, sha: str | None = "x") -> None:
        self.table, self.model_name, self.sha = table, name, sha
        self.batch_size = 32
        self.path = f"/models/{name}"
        self.calls: list[list[tuple[str, str]]] = []

    def weights_sha256(self) -> str | None:
        return self.sha

    def score(self, pairs):
        self.calls.append(list(pairs))
        probs = np.array([self.table[p] for p in pairs], dtype=np.float32).reshape(-1, 3)
        return NLIResult(probs, np.array([self.model_name == "second" for _ in pairs], dtype=bool))


FIRST = {("a", "b"): [0.1, 0.2, 0.7], ("b", "a"): [0.2, 0.75, 0.05], ("c", "d"): [0.9, 0.05, 0.05],
         ("d", "c"): [0.8, 0.15, 0.05], ("e", "f"): [0.3, 0.58, 0.12]}
SECOND = {("a", "b"): [0.9, 0.05, 0.05], ("b", "a"): [0.85, 0.1, 0.05], ("e", "f"): [0.1, 0.1, 0.8]}


def test_only_possible_conflicts_and_their_reverses_are_scored_again():
    first, second = _Table(FIRST, "first"), _Table(SECOND, "second")
    cascade = CascadeScorer(first, second, gate=0.1)
    res = cascade.score([("a", "b"), ("c", "d"), ("b", "a"), ("d", "c"), ("e", "f")])
    # ("a", "b") passes the gate and takes its reverse along; ("e", "f") has no reverse in the call
    assert second.calls == [[("a", "b"), ("b", "a"), ("e", "f")]]
    np.testing.assert_allclose(res.probs[[0, 2, 4]], [SECOND[("a", "b")], SECOND[("b", "a")], SECOND[("e", "f")]])
    np.testing.assert_allclose(res.probs[[1, 3]], [FIRST[("c", "d")], FIRST[("d", "c")]])
    assert res.split.tolist() == [True, False, True, False, True]  # the second model's flags where it scored
    assert cascade.describe() == {"scored": 5, "passed_on": 3, "gate": 0.1}


def test_a_higher_gate_passes_fewer_pairs_and_nothing_passes_without_a_possible_conflict():
    first, second = _Table(FIRST, "first"), _Table(SECOND, "second")
    res = CascadeScorer(first, second, gate=0.5).score([("e", "f"), ("c", "d")])
    assert second.calls == []
    np.testing.assert_allclose(res.probs, [FIRST[("e", "f")], FIRST[("c", "d")]])
    assert CascadeScorer(first, second).score([]).probs.shape == (0, 3)


def test_identity_and_errors():
    first, second = _Table(FIRST, "first", "aa"), _Table(SECOND, "second", "bb")
    cascade = CascadeScorer(first, second, gate=0.2)
    assert cascade.path == "cascade(/models/first -> /models/second, gate 0.2)"
    assert cascade.weights_sha256() != CascadeScorer(first, second, gate=0.3).weights_sha256()
    assert CascadeScorer(first, _Table(SECOND, "second", None)).weights_sha256() is None
    with pytest.raises(InputError, match="gate"):
        CascadeScorer(first, second, gate=1.5)


def test_a_missing_accurate_model_is_a_clear_error(monkeypatch):
    from contradict.nli import cascade as cascade_mod
    from contradict.nli.scorer import make_scorer

    monkeypatch.setattr(cascade_mod, "accurate_missing", lambda: "the accurate NLI model needs peft")
    with pytest.raises(ModelError, match="cascade's second model: the accurate NLI model needs peft"):
        make_scorer("cascade").score([("a", "b")])


def _accurate_reason() -> str:
    from contradict.nli.scorer import accurate_missing

    return accurate_missing() or ""


@pytest.mark.skipif(bool(_accurate_reason()), reason=_accurate_reason() or "accurate model installed")
def test_the_real_cascade_passes_fast_s_false_conflict_to_accurate():
    """A paraphrase that the fast model scores as a contradiction is judged by the accurate model."""
    from contradict.nli import load_nli

    pairs = [("Residents get their library card free of charge.", "A library card costs residents nothing."),
             ("A library card costs residents nothing.", "Residents get their library card free of charge."),
             ("The ferry leaves at 9.", "The new stadium seats 40,000 people."),
             ("The ferry leaves at 9.", "The ferry leaves at 9.")]
    fast, accurate = load_nli("fast", precision="fp32"), load_nli("accurate", precision="fp32")
    cascade = load_nli("cascade", precision="fp32")
    probs, by_fast, by_accurate = cascade(pairs), fast(pairs), accurate(pairs)
    gated = set((by_fast[:, 2] >= cascade.gate).nonzero()[0].tolist())
    assert {0, 1} <= gated and 3 not in gated  # fast calls the paraphrase a conflict; the identity is no conflict
    for i in range(len(pairs)):
        np.testing.assert_allclose(probs[i], (by_accurate if i in gated else by_fast)[i], atol=1e-5)
    assert by_fast[0].argmax() == 2 and probs[0].argmax() == 0
    assert cascade.describe()["passed_on"] == len(gated)
