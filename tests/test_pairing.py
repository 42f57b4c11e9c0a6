from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from contradict.benchmarks.pairing_speed import synthetic_statements
from contradict.errors import ConfigError
from contradict.pairing import MiniLMEmbedder, TfidfEmbedder, candidate_pairs
from contradict.records import Statement


def test_pairs_far_fewer_than_all_pairs_for_large_n():
    statements = synthetic_statements(1500)
    emb = TfidfEmbedder().encode([s.text for s in statements])
    pairs = candidate_pairs(statements, emb, k=5, floor=0.0)
    n = len(statements)
    assert 0 < len(pairs) <= n * 5
    assert len(pairs) < n * (n - 1) // 2 / 100
    assert len({(p.i, p.j) for p in pairs}) == len(pairs)  # unique
    assert all(p.i != p.j for p in pairs)


def test_floor_same_speaker_and_time_window():
    st = [Statement("1", "The fuel tax will rise next year.", "Ministry", date(2024, 1, 1)),
          Statement("2", "The fuel tax will not rise next year.", "Ministry", date(2024, 6, 1)),
          Statement("3", "The fuel tax will rise next year, sources say.", "Opposition", date(2024, 1, 2)),
          Statement("4", "Bananas are yellow.", "Ministry", date(2024, 1, 3))]
    emb = TfidfEmbedder().encode([s.text for s in st])
    all_pairs = {(p.i, p.j) for p in candidate_pairs(st, emb, k=3, floor=0.2)}
    assert (0, 1) in all_pairs and (0, 2) in all_pairs
    assert not any(3 in pair for pair in all_pairs)  # below the floor
    same = {(p.i, p.j) for p in candidate_pairs(st, emb, k=3, floor=0.2, same_speaker_only=True)}
    assert same == {(0, 1)}
    window = {(p.i, p.j) for p in candidate_pairs(st, emb, k=3, floor=0.2, time_window_days=30)}
    assert (0, 1) not in window and (0, 2) in window


def test_earlier_statement_comes_first():
    st = [Statement("late", "Taxes will rise.", time=date(2024, 5, 1)),
          Statement("early", "Taxes will not rise.", time=date(2024, 1, 1))]
    emb = TfidfEmbedder().encode([s.text for s in st])
    (pair,) = candidate_pairs(st, emb, k=1, floor=0.0)
    assert (st[pair.i].id, st[pair.j].id) == ("early", "late")


def test_small_and_empty_inputs():
    assert candidate_pairs([], np.zeros((0, 0))) == []
    assert candidate_pairs([Statement("1", "x")], np.ones((1, 2))) == []
    assert TfidfEmbedder().encode([]).shape == (0, 0)


def test_minilm_embeddings_are_unit_length_and_topical():
    texts = ["The government will raise the fuel tax.", "Fuel taxes are going up, the minister said.",
             "The football match ended in a draw."]
    emb = MiniLMEmbedder().encode(texts)
    assert emb.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(emb, axis=1), 1.0, atol=1e-5)
    assert emb[0] @ emb[1] > emb[0] @ emb[2] + 0.2


def test_embedder_rejects_bad_batch_size():
    with pytest.raises(ConfigError, match=r"batch_size: must be >= 1, got 0"):
        MiniLMEmbedder(batch_size=0)
