"""Shared fixtures: a tiny NLI model saved to disk (real loading and scoring path) and a fake scorer."""

from __future__ import annotations

import gzip
import json
import os
import tempfile
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent


def build_tiny_nli(target: Path, id2label: dict[int, str], seed: int = 0) -> Path:
    """Save a randomly initialised 2-layer BERT classifier with the MiniLM tokenizer to ``target``."""
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    from contradict.pairing import minilm_path

    torch.manual_seed(seed)
    tok = AutoTokenizer.from_pretrained(minilm_path())
    cfg = BertConfig(vocab_size=tok.vocab_size, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                     intermediate_size=64, max_position_embeddings=512, num_labels=3, id2label=id2label,
                     label2id={v: k for k, v in id2label.items()})
    model = BertForSequenceClassification(cfg)
    model.save_pretrained(target)
    tok.save_pretrained(target)
    return target


@pytest.fixture(scope="session")
def tiny_nli_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_nli(tmp_path_factory.mktemp("tiny_nli"),
                          {0: "entailment", 1: "neutral", 2: "contradiction"})


class FakeNLI:
    """Rule-based stand-in for logic tests: contradiction when exactly one text has a negation."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, pairs):
        self.calls += len(pairs)
        out = []
        for p, h in pairs:
            neg_p = any(w in p.lower().split() for w in ("not", "no", "never", "don't"))
            neg_h = any(w in h.lower().split() for w in ("not", "no", "never", "don't"))
            out.append([0.05, 0.15, 0.8] if neg_p != neg_h else [0.7, 0.25, 0.05])
        return np.array(out, dtype=np.float32).reshape(-1, 3)


@pytest.fixture
def fake_nli() -> FakeNLI:
    return FakeNLI()


# ------------------------------------------------------------------------------------------ Hypothesis profiles
# tests/test_fuzz.py: ``ci`` (the default) runs a few dozen cases per target; ``HYPOTHESIS_PROFILE=long`` runs
# enough for at least 10,000 cases in all. No example database: nothing is written under the repository.
try:
    from hypothesis import HealthCheck, settings
    from hypothesis.configuration import set_hypothesis_home_dir
except ImportError:  # hypothesis is in the ``test`` extra; without it tests/test_fuzz.py skips itself
    pass
else:
    if not os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):  # Hypothesis caches constants there even without a database
        set_hypothesis_home_dir(Path(tempfile.gettempdir()) / f"contradict-hypothesis-{os.getuid()}")
    _FUZZ_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
    settings.register_profile("ci", max_examples=40, deadline=2000, database=None, derandomize=True,
                              suppress_health_check=_FUZZ_HEALTH, print_blob=True)
    settings.register_profile("long", max_examples=800, deadline=2000, database=None,
                              suppress_health_check=_FUZZ_HEALTH, print_blob=True)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def tiny_data(tmp_path: Path) -> Path:
    """72 toy NLI pairs (24 premises, one of each label) in one gzipped JSONL file, for training tests."""
    rows = []
    for i in range(24):
        rows += [{"premise": f"A man number {i} is eating.", "hypothesis": "A person eats.", "label": "entailment"},
                 {"premise": f"A man number {i} is eating.", "hypothesis": "Nobody eats.", "label": "contradiction"},
                 {"premise": f"A man number {i} is eating.", "hypothesis": "He is hungry.", "label": "neutral"}]
    d = tmp_path / "data"
    d.mkdir()
    with gzip.open(d / "toy.jsonl.gz", "wt") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in rows)
    return d
