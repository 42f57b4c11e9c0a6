"""The real loading and scoring path, on tiny models saved to a temp dir (and the shipped model if present)."""

from __future__ import annotations

import numpy as np
import pytest

from contradict.errors import ConfigError, ModelError
from contradict.nli import BUILTIN_NLI_DIR, CachingScorer, HFNLIScorer, label_positions, load_nli
from contradict.text import split_sentences

from .conftest import build_tiny_nli

PAIRS = [("The ban was lifted in May.", "The ban is still in force."),
         ("A man is playing a guitar on stage.", "A person plays music."),
         ("Taxes rose.", "Taxes fell sharply last year, the ministry said on Tuesday."),
         ("It rained all day in the city and the match was cancelled.", "The match took place.")]


def test_label_positions_from_id2label():
    assert label_positions({0: "entailment", 1: "neutral", 2: "contradiction"}) == [0, 1, 2]
    assert label_positions({0: "CONTRADICTION", 1: "ENTAILMENT", 2: "NEUTRAL"}) == [1, 2, 0]
    assert label_positions({"0": "contradiction", "1": "neutral", "2": "entailment"}) == [2, 1, 0]
    with pytest.raises(ModelError, match="lack"):
        label_positions({0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"})
    with pytest.raises(ModelError, match="lack"):
        label_positions({0: "entailment", 1: "not_entailment"})


def test_two_label_orders_give_the_same_columns(tmp_path):
    """The same weights saved under two id2label orders must yield the same (e, n, c) columns."""
    import torch
    from transformers import AutoModelForSequenceClassification

    first = build_tiny_nli(tmp_path / "a", {0: "entailment", 1: "neutral", 2: "contradiction"}, seed=1)
    model = AutoModelForSequenceClassification.from_pretrained(first)
    perm = [2, 0, 1]  # new position k holds old label perm[k]: contradiction, entailment, neutral
    with torch.no_grad():
        model.classifier.weight.copy_(model.classifier.weight[perm].clone())
        model.classifier.bias.copy_(model.classifier.bias[perm].clone())
    model.config.id2label = {0: "contradiction", 1: "entailment", 2: "neutral"}
    model.config.label2id = {v: k for k, v in model.config.id2label.items()}
    second = tmp_path / "b"
    model.save_pretrained(second)
    from transformers import AutoTokenizer
    AutoTokenizer.from_pretrained(first).save_pretrained(second)
    pa = load_nli(str(first))(PAIRS)
    pb = load_nli(str(second))(PAIRS)
    np.testing.assert_allclose(pa, pb, atol=1e-5)


def test_probabilities_shape_and_empty(tiny_nli_dir):
    scorer = load_nli(str(tiny_nli_dir))
    probs = scorer(PAIRS)
    assert probs.shape == (4, 3)
    np.testing.assert_allclose(probs.sum(1), 1.0, atol=1e-5)
    assert scorer([]).shape == (0, 3)


def test_scores_do_not_depend_on_batch_size_or_order(tiny_nli_dir):
    base = HFNLIScorer(str(tiny_nli_dir), batch_size=4, precision="fp32")(PAIRS)
    for bs in (1, 3):
        np.testing.assert_allclose(HFNLIScorer(str(tiny_nli_dir), batch_size=bs, precision="fp32")(PAIRS), base,
                                   atol=1e-5)
    order = [2, 0, 3, 1]
    shuffled = HFNLIScorer(str(tiny_nli_dir), batch_size=2, precision="fp32")([PAIRS[i] for i in order])
    np.testing.assert_allclose(shuffled, base[order], atol=1e-5)
    # int8 quantizes activations per batch, so batch composition moves scores, but only slightly
    int8 = HFNLIScorer(str(tiny_nli_dir), batch_size=1, precision="int8")(PAIRS)
    np.testing.assert_allclose(HFNLIScorer(str(tiny_nli_dir), batch_size=3, precision="int8")(PAIRS), int8, atol=1e-3)


def test_batch_size_must_be_positive():
    with pytest.raises(ConfigError, match=r"batch_size: must be >= 1, got 0"):
        HFNLIScorer("builtin", batch_size=0)


def test_long_text_is_split_into_sentences_not_truncated(tiny_nli_dir):
    long_premise = " ".join(f"Sentence number {i} says the ministry kept {i} offices open." for i in range(30))
    scorer = HFNLIScorer(str(tiny_nli_dir), max_length=64)
    res = scorer.score([(long_premise, "The ministry closed every office."), ("Short.", "Also short.")])
    assert res.split.tolist() == [True, False]
    assert res.probs.shape == (2, 3)
    np.testing.assert_allclose(res.probs.sum(1), 1.0, atol=1e-4)
    # the aggregate contradiction is the maximum over sentence pairs
    parts = split_sentences(long_premise)
    sent = scorer([(p, "The ministry closed every office.") for p in parts])
    assert res.probs[0, 2] == pytest.approx(sent[:, 2].max(), abs=1e-5)


def test_split_sentences_keeps_abbreviations():
    assert split_sentences("The U.S. said no. Then Mr. Smith said yes!") == ["The U.S. said no.",
                                                                             "Then Mr. Smith said yes!"]


def test_caching_scorer_scores_each_pair_once(tiny_nli_dir):
    inner = HFNLIScorer(str(tiny_nli_dir))
    calls = []
    original = inner._forward
    inner._forward = lambda pairs: calls.append(len(pairs)) or original(pairs)  # type: ignore[method-assign]
    cached = CachingScorer(inner)
    first = cached(PAIRS[:2])
    again = cached(PAIRS[:3])
    np.testing.assert_allclose(again[:2], first)
    assert calls == [2, 1]


def test_missing_model_directory_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="cannot load NLI model"):
        load_nli(str(tmp_path / "nope"))([("a", "b")])


@pytest.mark.skipif(not (BUILTIN_NLI_DIR / "config.json").is_file(), reason="shipped model not built yet")
def test_shipped_model_recognises_clear_cases():
    scorer = load_nli("fast")
    probs = scorer([("A man is sleeping in his bed.", "A man is running a marathon."),
                    ("A woman is slicing tomatoes in a kitchen.", "A woman is preparing food.")])
    assert probs[0].argmax() == 2
    assert probs[1].argmax() == 0


def test_bf16_and_int8_precision_stay_close_to_fp32(tiny_nli_dir):
    base = HFNLIScorer(str(tiny_nli_dir))(PAIRS)
    for precision in ("bf16", "int8"):
        probs = HFNLIScorer(str(tiny_nli_dir), precision=precision)(PAIRS)
        assert probs.shape == (4, 3)
        np.testing.assert_allclose(probs, base, atol=0.05)
    with pytest.raises(ConfigError, match=r"nli.precision: must be 'auto'"):
        HFNLIScorer("builtin", precision="fp8")


@pytest.mark.parametrize("precision", ["fp32", "int8"])
def test_frozen_graphs_match_the_eager_model(tiny_nli_dir, precision):
    pairs = PAIRS + [("A much longer premise about the council and its budget for the next year.", "Short.")]
    for batch_size in (1, 3):
        eager = HFNLIScorer(str(tiny_nli_dir), precision=precision, batch_size=batch_size, freeze=False)(pairs)
        scorer = HFNLIScorer(str(tiny_nli_dir), precision=precision, batch_size=batch_size)
        np.testing.assert_allclose(scorer(pairs), eager, atol=1e-5)
        np.testing.assert_allclose(scorer(pairs), eager, atol=1e-5)  # second call runs the frozen graphs
        masked = ("attention_mask", "input_ids", "token_type_ids") in scorer._run.graphs
        assert masked == (batch_size > 1)  # one pair at a time: no padding, so no mask and no masked graph


def test_a_model_that_cannot_be_frozen_runs_eagerly():
    import torch

    from contradict.nli.runtime import FrozenForward as _FrozenForward

    class Untraceable(torch.nn.Module):
        def forward(self, input_ids):
            if torch.jit.is_tracing():
                raise RuntimeError("no tracing here")
            return type("Out", (), {"logits": input_ids.float()})()

    run = _FrozenForward(Untraceable())
    ids = torch.tensor([[1, 2, 3]])
    assert run({"input_ids": ids}).tolist() == [[1.0, 2.0, 3.0]]
    assert run({"input_ids": ids}).tolist() == [[1.0, 2.0, 3.0]]
    assert run.eager_only == {("input_ids",)} and not run.graphs


@pytest.mark.parametrize(("device", "batch", "native_bf16", "engines", "expected"), [
    ("cuda", 1, False, {"x86"}, "bf16"),
    ("cuda:1", 64, False, set(), "bf16"),
    ("cpu", 8, True, {"x86"}, "bf16"),       # native bf16 pays off from 8 pairs a batch
    ("cpu", 7, True, {"x86"}, "int8"),       # below that, int8 on x86
    ("cpu", 64, False, {"x86"}, "int8"),     # no native bf16: never bf16 on a CPU
    ("cpu", 64, False, {"fbgemm"}, "int8"),
    ("cpu", 64, False, {"qnnpack"}, "fp32"),  # no x86 int8 engine
    ("cpu", 1, False, set(), "fp32"),
])
def test_auto_precision(monkeypatch, device, batch, native_bf16, engines, expected):
    from contradict.nli import runtime

    monkeypatch.setattr(runtime, "cpu_has_native_bf16", lambda: native_bf16)
    monkeypatch.setattr(runtime, "int8_engines", lambda: set(engines) | {"none"})
    assert runtime.auto_precision(device, batch) == expected


def test_resolved_precision_and_device_keep_the_arguments(tiny_nli_dir):
    from contradict.nli import runtime

    scorer = HFNLIScorer(str(tiny_nli_dir), batch_size=4)
    assert (scorer.precision, scorer.device, scorer.precision_, scorer.device_) == ("auto", None, None, None)
    scorer(PAIRS)
    assert scorer.precision == "auto" and scorer.device is None  # as given
    assert scorer.device_ == "cpu" and scorer.precision_ == runtime.auto_precision("cpu", 4)
