"""pairing.precision: the embedder's arithmetic (fp32 reference, bf16 autocast, int8 quantized and frozen)."""

from __future__ import annotations

import numpy as np
import pytest

from contradict import pairing
from contradict.config import PairingConfig
from contradict.errors import ConfigError
from contradict.nli.runtime import FrozenForward
from contradict.pairing import MiniLMEmbedder, make_embedder

TEXTS = ["The government will raise the fuel tax next year.", "Fuel taxes are going up, the minister said.",
         "The football match ended in a draw.", "No.",
         ("We will not close the northern border crossings this winter, whatever the neighbouring countries decide "
          "about their own checks.")]


@pytest.fixture(scope="module")
def reference() -> np.ndarray:
    return MiniLMEmbedder(precision="fp32").encode(TEXTS)


def test_bf16_embeddings_stay_close_to_fp32_and_keep_input_order(reference):
    emb = MiniLMEmbedder(precision="bf16", batch_size=2)
    out = emb.encode(TEXTS)
    assert emb.precision_ == "bf16" and out.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)
    assert (np.einsum("ij,ij->i", out, reference) > 0.999).all()
    reversed_out = emb.encode(TEXTS[::-1])[::-1]
    np.testing.assert_allclose(reversed_out, out, atol=1e-2)


def test_int8_embeddings_run_frozen_and_stay_near_fp32(reference):
    emb = MiniLMEmbedder(precision="int8")
    out = emb.encode(TEXTS)
    assert emb.precision_ == "int8" and isinstance(emb._run, FrozenForward)
    assert emb._run.graphs  # the quantized model was frozen (checked against its eager output)
    cosines = np.einsum("ij,ij->i", out, reference)
    assert cosines.mean() > 0.95 and cosines.min() > 0.8  # a one-word text moves most
    assert out[0] @ out[1] > out[0] @ out[2] + 0.2  # still topical


@pytest.mark.parametrize(("runtime_choice", "expected"), [("bf16", "bf16"), ("int8", "fp32"), ("fp32", "fp32")])
def test_auto_takes_bf16_where_the_runtime_does_and_never_int8(monkeypatch, runtime_choice, expected):
    monkeypatch.setattr(pairing, "auto_precision", lambda device, batch: runtime_choice)
    emb = MiniLMEmbedder(precision="auto")
    emb.encode(["warm-up"])
    assert emb.precision == "auto" and emb.precision_ == expected


def test_precision_is_checked_and_passed_from_the_config():
    with pytest.raises(ConfigError, match=r"pairing.precision: must be .*got 'fp16'"):
        MiniLMEmbedder(precision="fp16")
    emb = make_embedder(PairingConfig(precision="bf16"))
    assert isinstance(emb, MiniLMEmbedder) and emb.precision == "bf16"
    assert MiniLMEmbedder().precision == PairingConfig().precision  # the default is the configured one
