"""Nearest-neighbour search: the exact search, the index API (exact and approximate), saving and loading,
the fallback without the ``scale`` extra, and candidate pairing through an index."""

from __future__ import annotations

import logging
from datetime import date, timedelta

import numpy as np
import pytest

from contradict import neighbours
from contradict.errors import ConfigError, InputError
from contradict.neighbours import ANNIndex, ExactIndex, build_index, load_index, resolve_method, search
from contradict.pairing import candidate_pairs
from contradict.records import Statement

needs_ann = pytest.mark.skipif(not neighbours.ann_available(),
                               reason='the approximate index needs the scale extra: pip install -e ".[scale]"')


def unit_rows(n: int, d: int = 32, *, clusters: int = 0, seed: int = 0) -> np.ndarray:
    """Random unit vectors; with ``clusters`` > 0, grouped around that many centres like topic embeddings."""
    rng = np.random.default_rng(seed)
    if clusters:
        centres = rng.normal(size=(clusters, d))
        v = centres[rng.integers(0, clusters, size=n)] + 0.6 * rng.normal(size=(n, d))
    else:
        v = rng.normal(size=(n, d))
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def recall(found: np.ndarray, truth: np.ndarray) -> float:
    hits = sum(len(set(f[f >= 0].tolist()) & set(t[t >= 0].tolist())) for f, t in zip(found, truth))
    return hits / int((truth >= 0).sum())


# ------------------------------------------------------------------ exact search


def test_exact_search_is_brute_force_sorted_and_excludes():
    corpus, queries = unit_rows(300, seed=1), unit_rows(40, seed=2)
    idx, sims = search(corpus, queries, 7, block=16)
    full = queries @ corpus.T
    np.testing.assert_array_equal(idx, np.argsort(-full, axis=1, kind="stable")[:, :7])
    np.testing.assert_allclose(sims, np.take_along_axis(full, idx, axis=1), rtol=1e-6)
    assert (np.diff(sims, axis=1) <= 0).all()
    own = np.arange(40)
    idx2, _ = search(corpus[:40], corpus[:40], 5, exclude=own)
    assert not (idx2 == own[:, None]).any()


def test_exact_search_small_corpus_and_empty_queries():
    corpus = unit_rows(3)
    idx, sims = search(corpus, corpus, 10, exclude=np.arange(3))
    assert idx.shape == (3, 3)  # at most len(corpus) columns
    assert (idx[:, -1] == -1).all() and np.isneginf(sims[:, -1]).all()  # the excluded row leaves a gap
    idx, sims = search(corpus, np.zeros((0, corpus.shape[1]), np.float32), 4)
    assert idx.shape == (0, 3) and sims.shape == (0, 3)


def test_exact_index_matches_search_whether_added_at_once_or_in_parts():
    corpus, queries = unit_rows(500, seed=3), unit_rows(30, seed=4)
    whole = ExactIndex()
    whole.add(corpus)
    parts = ExactIndex()
    for chunk in np.array_split(corpus, 4):
        parts.add(chunk)
    expected = search(corpus, queries, 10)
    for index in (whole, parts):
        assert len(index) == 500 and index.dim == corpus.shape[1]
        got = index.search(queries, 10)
        np.testing.assert_array_equal(got[0], expected[0])
        np.testing.assert_array_equal(got[1], expected[1])


def test_index_rejects_vectors_of_another_dimension():
    index = ExactIndex()
    index.add(unit_rows(5, d=8))
    with pytest.raises(InputError, match="dimension 8, got 4"):
        index.add(unit_rows(5, d=4))
    with pytest.raises(InputError, match="2-D"):
        index.search(np.ones(8, np.float32), 1)


# ------------------------------------------------------------------ approximate index


@needs_ann
@pytest.mark.parametrize("dtype", ["i8", "f16"])  # int8 graph re-ranked on a float16 copy (default); float16 graph
def test_ann_recall_against_exact_on_a_few_thousand_vectors(dtype):
    vectors = unit_rows(3000, d=48, clusters=60, seed=5)
    own = np.arange(len(vectors))
    truth, _ = search(vectors, vectors, 10, exclude=own)
    index = ANNIndex(dtype=dtype)
    assert (index.rerank is not None) == (dtype == "i8")
    index.add(vectors)
    found, sims = index.search(vectors, 10, exclude=own)
    assert found.shape == (3000, 10)
    assert not (found == own[:, None]).any()
    assert (np.diff(sims, axis=1) <= 0).all()
    assert recall(found, truth) >= 0.98
    exact_sims = np.einsum("ij,ij->i", vectors, vectors[found[:, 0]])
    np.testing.assert_allclose(sims[:, 0], exact_sims, atol=2e-3)  # f16 storage: similarities within ~1e-3


@needs_ann
def test_ann_small_index_and_ids_in_insertion_order():
    index = ANNIndex()
    a, b = unit_rows(3, seed=6), unit_rows(2, seed=7)
    index.add(a)
    index.add(b)
    assert len(index) == 5
    found, _ = index.search(b, 1)
    assert found[:, 0].tolist() == [3, 4]
    found, sims = index.search(a[:1], 10, exclude=np.array([0]))
    assert found.shape == (1, 5) and found[0, -1] == -1 and np.isneginf(sims[0, -1])
    assert sorted(found[0, :4].tolist()) == [1, 2, 3, 4]


@pytest.mark.parametrize("kind", ["exact", pytest.param("ann", marks=needs_ann)])
def test_save_and_load_round_trip(tmp_path, kind):
    vectors = unit_rows(800, seed=8)
    index = build_index(vectors, method=kind)
    assert index.kind == kind
    path = index.save(tmp_path / "neighbours.idx")
    loaded = load_index(path)
    assert type(loaded) is type(index) and len(loaded) == 800 and loaded.dim == vectors.shape[1]
    queries = unit_rows(20, seed=9)
    for got, expected in zip(loaded.search(queries, 5), index.search(queries, 5)):
        np.testing.assert_array_equal(got, expected)
    loaded.add(unit_rows(10, seed=10))  # a loaded index keeps growing
    assert len(loaded) == 810


@needs_ann
def test_the_int8_graph_without_re_ranking_loses_neighbours_the_copy_brings_back():
    vectors = unit_rows(3000, d=48, clusters=60, seed=11)
    own = np.arange(len(vectors))
    truth, _ = search(vectors, vectors, 10, exclude=own)
    plain, reranked = ANNIndex(dtype="i8", rerank=None), ANNIndex(dtype="i8", rerank=3)
    plain.add(vectors)
    reranked.add(vectors)
    assert recall(reranked.search(vectors, 10, exclude=own)[0], truth) > recall(plain.search(vectors, 10, exclude=own)[0], truth)


@needs_ann
@pytest.mark.parametrize("dtype, rerank", [("i8", "auto"), ("f16", None), ("f32", 2)])
def test_approximate_round_trip_keeps_the_storage_and_the_re_ranking(tmp_path, dtype, rerank):
    vectors = unit_rows(500, seed=12)
    index = ANNIndex(dtype=dtype, rerank=rerank)
    index.add(vectors)
    loaded = load_index(index.save(tmp_path / f"{dtype}.idx"))
    assert (loaded.dtype, loaded.rerank) == (index.dtype, index.rerank)
    queries = unit_rows(10, seed=13)
    for got, expected in zip(loaded.search(queries, 5), index.search(queries, 5)):
        np.testing.assert_array_equal(got, expected)


@needs_ann
def test_an_index_file_written_before_the_int8_graph_still_loads(tmp_path):
    import json
    import struct

    vectors = unit_rows(200, seed=14)
    old = ANNIndex(dtype="f16", rerank=None)
    old.add(vectors)
    header = {k: v for k, v in old._header().items() if k != "rerank"}  # the earlier format: no re-ranking key,
    raw = json.dumps(header).encode()                                     # the graph alone as payload
    path = tmp_path / "old.idx"
    path.write_bytes(neighbours._MAGIC + struct.pack("<I", len(raw)) + raw + bytes(old._index.save()))
    loaded = load_index(path)
    assert loaded.rerank is None and len(loaded) == 200
    np.testing.assert_array_equal(loaded.search(vectors[:5], 3)[0], old.search(vectors[:5], 3)[0])


@pytest.mark.parametrize("kwargs, field", [({"dtype": "f64"}, "dtype"), ({"rerank": 0.5}, "rerank"),
                                           ({"rerank": "more"}, "rerank")])
def test_bad_approximate_index_settings_are_config_errors(kwargs, field):
    with pytest.raises(ConfigError, match=f"ANNIndex {field}"):
        ANNIndex(**kwargs)


def test_load_rejects_other_files(tmp_path):
    bad = tmp_path / "notes.idx"
    bad.write_bytes(b"hello")
    with pytest.raises(InputError, match="not a neighbour index"):
        load_index(bad)
    with pytest.raises(InputError, match="cannot read"):
        load_index(tmp_path / "missing.idx")
    truncated = tmp_path / "truncated.idx"
    truncated.write_bytes(ExactIndex().save(tmp_path / "full.idx").read_bytes()[:-3] + b"{")
    with pytest.raises(InputError, match="unreadable neighbour index header"):
        load_index(truncated)


@needs_ann
def test_load_rejects_a_damaged_approximate_index(tmp_path):
    path = build_index(unit_rows(50), method="ann").save(tmp_path / "a.idx")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="a.idx"):
        load_index(path)


# ------------------------------------------------------------------ method resolution and the missing extra


def test_auto_is_exact_up_to_the_limit():
    assert resolve_method("auto", 20_000, 20_000) == "exact"
    assert resolve_method("exact", 10**6, 20_000) == "exact"
    assert build_index(unit_rows(50), method="auto", exact_limit=50).kind == "exact"
    with pytest.raises(ConfigError, match="must be 'auto', 'exact' or 'ann'"):
        resolve_method("hnsw", 10)


def test_without_the_extra_auto_falls_back_with_one_warning_and_ann_is_an_error(monkeypatch, caplog):
    monkeypatch.setattr(neighbours, "ann_available", lambda: False)
    monkeypatch.setattr(neighbours, "_warned_fallback", False)
    with caplog.at_level(logging.WARNING, logger="contradict.neighbours"):
        assert resolve_method("auto", 30, exact_limit=10) == "exact"
        assert build_index(unit_rows(30), method="auto", exact_limit=10).kind == "exact"
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and 'pip install -e ".[scale]"' in warnings[0].getMessage()
    with pytest.raises(ConfigError, match=r"'ann' needs the optional extra; install it with pip install -e \"\.\[scale\]\""):
        resolve_method("ann", 30)


def test_loading_an_approximate_index_without_the_extra_names_the_install(tmp_path, monkeypatch):
    import builtins

    path = tmp_path / "a.idx"
    header = b'{"kind": "ann", "dim": 2, "count": 1, "library": "usearch", "connectivity": 16, ' \
             b'"expansion_add": 128, "expansion_search": 64, "dtype": "f16"}'
    path.write_bytes(neighbours._MAGIC + len(header).to_bytes(4, "little") + header + b"payload")
    real_import = builtins.__import__

    def no_usearch(name, *args, **kwargs):
        if name.startswith("usearch"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_usearch)
    with pytest.raises(ConfigError, match=r"\.\[scale\]"):
        load_index(path)


# ------------------------------------------------------------------ candidate pairs through an index


def _statements(n: int, speakers: list[str | None], seed: int = 0) -> list[Statement]:
    rng = np.random.default_rng(seed)
    return [Statement(f"s{i}", f"text {i}", speakers[int(rng.integers(len(speakers)))],
                      date(2024, 1, 1) + timedelta(days=int(rng.integers(0, 400)))) for i in range(n)]


def _pair_set(pairs):
    return {(p.i, p.j) for p in pairs}


def test_pairs_below_the_limit_do_not_change_with_the_method_setting(monkeypatch):
    st = _statements(400, ["A", "B"])
    emb = unit_rows(400, clusters=20, seed=11)
    exact = candidate_pairs(st, emb, k=5, floor=0.2, neighbours="exact")
    assert candidate_pairs(st, emb, k=5, floor=0.2, neighbours="auto", exact_limit=400) == exact
    monkeypatch.setattr(neighbours, "ann_available", lambda: False)  # above the limit, without the extra: exact
    assert candidate_pairs(st, emb, k=5, floor=0.2, neighbours="auto", exact_limit=100) == exact


@needs_ann
def test_pairs_through_the_approximate_index_agree_with_exact_ones():
    st = _statements(2500, ["A", "B", "C"])
    emb = unit_rows(2500, d=48, clusters=50, seed=12)
    exact = candidate_pairs(st, emb, k=10, floor=0.3, neighbours="exact")
    approx = candidate_pairs(st, emb, k=10, floor=0.3, neighbours="auto", exact_limit=1000)
    assert len(_pair_set(approx) & _pair_set(exact)) >= 0.98 * len(exact)
    assert len(approx) <= 2500 * 10 and len(_pair_set(approx)) == len(approx)
    assert all(p.i != p.j for p in approx)
    assert all(st[p.i].time <= st[p.j].time for p in approx)  # earlier statement first
    sims = {(p.i, p.j): p.similarity for p in exact}
    common = [p for p in approx if (p.i, p.j) in sims]
    assert max(abs(p.similarity - sims[(p.i, p.j)]) for p in common) < 1e-5  # recomputed in float32


@needs_ann
def test_same_speaker_only_with_the_index_searches_each_speaker_apart():
    # one prolific speaker above the limit (searched with the approximate index), two small ones and unknown
    # speakers (who pair with nobody); a rare speaker's two statements are far apart from each other but each
    # is close to the prolific speaker's statements: a global search that filters afterwards would miss them
    speakers = ["Big"] * 6 + ["Small"] + [None]
    st = _statements(1500, speakers, seed=13)
    emb = unit_rows(1500, d=48, clusters=30, seed=14)
    st += [Statement("r1", "rare one", "Rare", date(2024, 1, 1)), Statement("r2", "rare two", "Rare", date(2024, 2, 1))]
    emb = np.vstack([emb, emb[0] * 0.99 + 0.01 * emb[1], -emb[0]]).astype(np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    exact = candidate_pairs(st, emb, k=10, floor=-1.0, same_speaker_only=True, neighbours="exact")
    approx = candidate_pairs(st, emb, k=10, floor=-1.0, same_speaker_only=True, neighbours="auto", exact_limit=500)
    key = {i: s.speaker for i, s in enumerate(st)}
    assert all(key[p.i] == key[p.j] and key[p.i] is not None for p in approx)
    assert (1500, 1501) in _pair_set(approx)  # the rare speaker's pair, with similarity below every other
    assert len(_pair_set(approx) & _pair_set(exact)) >= 0.98 * len(exact)
    small = {(p.i, p.j) for p in exact if key[p.i] == "Small"}  # below the limit: searched exactly
    assert small <= _pair_set(approx)


@needs_ann
def test_a_model_frozen_after_the_index_was_used_does_not_hang(tmp_path):
    """usearch imported before torch made a later TorchScript trace hang; the index imports torch first."""
    import subprocess
    import sys

    script = tmp_path / "order.py"
    script.write_text(
        "import numpy as np\n"
        "from contradict.neighbours import ANNIndex\n"
        "index = ANNIndex(); index.add(np.eye(4, dtype=np.float32)); index.search(np.eye(4, dtype=np.float32), 2)\n"
        "from contradict.pairing import MiniLMEmbedder\n"
        "print(MiniLMEmbedder(precision='int8').encode(['a b', 'a longer text here']).shape)\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], check=False, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "(2, 384)" in done.stdout


def test_the_detector_passes_the_neighbour_settings_to_pairing(monkeypatch):
    from contradict import pairing
    from contradict.config import load_config
    from contradict.detector import Detector
    from contradict.pairing import TfidfEmbedder
    from contradict.records import Statement

    seen = {}
    real = pairing.candidate_pairs

    def spy(*args, **kwargs):
        seen.update(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(pairing, "candidate_pairs", spy)
    det = Detector(load_config(overrides={"pairing.neighbours": "exact", "pairing.exact_limit": 5}),
                   embedder=TfidfEmbedder())
    det.candidate_pairs([Statement("a", "Taxes will rise."), Statement("b", "Taxes will not rise.")])
    assert seen["neighbours"] == "exact" and seen["exact_limit"] == 5
