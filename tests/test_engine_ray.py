"""The Ray engine: the same findings as the local engine, pair for pair, with a real local Ray (2 CPUs).

Tests that need Ray skip, with the reason, only when the optional extra is not installed; the rest (the batch
plan checked in-process, the error without the extra, the config checks) always run.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import subprocess
import sys
from datetime import date, timedelta
from itertools import product

import numpy as np
import pytest

from contradict import ConfigError, ContradictError, Detector, ModelError, Statement, load_config
from contradict.cli import main
from contradict.engines import MISSING_EXTRA, LocalEngine, RayEngine, build_nli
from contradict.engines.ray import _EmbedBatch, _NLIBatch
from contradict.io import read_findings, read_statements
from contradict.pairing import MiniLMEmbedder

from .conftest import ROOT, FakeNLI

SEED = ROOT / "fixtures" / "seed" / "statements.jsonl"
MNLI = ROOT.parent / "shared" / "nli-data" / "eval" / "mnli_dev_mismatched.jsonl.gz"
NO_RAY = 'the Ray engine\'s optional extra is not installed (pip install -e ".[ray]")'


@pytest.fixture(scope="module")
def local_ray():
    """A real local Ray with 2 CPUs for this module; the engines find it initialised and use it."""
    ray = pytest.importorskip("ray", reason=NO_RAY)
    pytest.importorskip("ray.data", reason=NO_RAY)
    started = not ray.is_initialized()
    if started:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield ray
    if started:
        ray.shutdown()


def assert_same_findings(local, remote):
    """Same pairs in the same order, same verdicts, rules and explanations, scores equal to 1e-6."""
    assert [(f.a.id, f.b.id) for f in remote] == [(f.a.id, f.b.id) for f in local]
    numeric = ("scores", "scores_ab", "scores_ba", "similarity")
    for lf, rf in zip(local, remote):
        lrest = {f.name: getattr(lf, f.name) for f in dataclasses.fields(lf) if f.name not in numeric}
        rrest = {f.name: getattr(rf, f.name) for f in dataclasses.fields(rf) if f.name not in numeric}
        assert rrest == lrest, (lf.a.id, lf.b.id)
        for key in ("scores", "scores_ab", "scores_ba"):
            for label, value in getattr(lf, key).items():
                assert getattr(rf, key)[label] == pytest.approx(value, abs=1e-6), (lf.a.id, lf.b.id, key)
        assert rf.similarity == pytest.approx(lf.similarity, abs=1e-6)


def assert_same_raw_scores(local_det, ray_det, findings):
    """The NLI probabilities behind the findings, read back from each detector's cache (no rescoring)."""
    pairs = [(f.a.text, f.b.text) for f in findings] + [(f.b.text, f.a.text) for f in findings]
    before = len(ray_det._get_scorer())
    lres, rres = local_det.nli_scores(pairs), ray_det.nli_scores(pairs)
    assert len(ray_det._get_scorer()) == before  # all cached: nothing went to Ray again
    np.testing.assert_allclose(rres.probs, lres.probs, rtol=0, atol=1e-6)
    np.testing.assert_array_equal(rres.split, lres.split)


# ------------------------------------------------------------------------------------------ no Ray needed
def test_import_contradict_does_not_import_ray():
    code = ("import sys, contradict; from contradict import Detector; Detector(engine='ray'); "
            "sys.exit(1 if 'ray' in sys.modules or 'torch' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False).returncode == 0


def test_engine_comes_from_the_config_and_is_checked():
    assert Detector()._get_engine().name == "local"
    assert Detector(load_config(overrides={"engine.name": "ray"}))._get_engine().name == "ray"
    assert Detector(load_config(overrides={"engine.name": "ray"}), engine="local")._get_engine().name == "local"
    with pytest.raises(ConfigError, match=r"engine\.name: must be 'local' or 'ray', got 'spark'"):
        Detector(engine="spark")


def test_given_models_cannot_go_to_ray_actors():
    with pytest.raises(ConfigError, match=r"engine\.name: the Ray engine builds its models from the config"):
        Detector(engine="ray", nli=FakeNLI())
    with pytest.raises(ConfigError, match="cannot use a given nli= or embedder= object"):
        Detector(load_config(overrides={"engine.name": "ray"}), embedder=object())


def test_missing_extra_is_one_clear_error(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now fails as it does without the extra
    monkeypatch.setitem(sys.modules, "ray.data", None)
    with pytest.raises(ContradictError, match=r"the Ray engine needs the optional extra: pip install -e \"\.\[ray\]\""):
        Detector(engine="ray").find(read_statements(SEED))
    assert main(["find", str(SEED), "--engine", "ray", "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert err == f"contradict: {MISSING_EXTRA}\n"


def _in_process(calls):
    """A stand-in for RayEngine.map_chunks: the same callable classes, run here, one row per call (recorded)."""

    def map_chunks(self, udf, section, rows, keep):
        actor = udf(section)
        for row in reversed(rows):  # arrival order is not input order on Ray either
            calls.append((udf, row))
            batch = {}
            for key, value in row.items():
                batch[key] = np.empty(1, dtype=object if isinstance(value, list) else type(value))
                batch[key][0] = value
            out = actor(batch)
            keep({k: v[0] for k, v in out.items()})

    return map_chunks


class _Recording:
    """Wraps a scorer and records every batch of pairs the score cache hands it."""

    def __init__(self, inner):
        self.inner, self.batches = inner, []

    def __call__(self, pairs):
        return self.score(pairs).probs

    def score(self, pairs):
        self.batches.append(list(pairs))
        return self.inner.score(pairs)


def test_ray_batches_are_the_local_batches(monkeypatch, tiny_nli_dir):
    """The plan, checked without Ray: each actor call gets exactly one local chunk's cache misses (duplicates
    and pairs cached by an earlier call left out), embedding chunks are whole length-sorted batches, and the
    numbers come out the same."""
    calls: list = []
    monkeypatch.setattr(RayEngine, "map_chunks", _in_process(calls))
    monkeypatch.setattr(RayEngine, "pool_size", lambda self: 2)
    cfg = load_config(overrides={"nli.model": str(tiny_nli_dir), "nli.batch_size": 4, "pairing.batch_size": 8})
    words = ["tax", "rail", "school", "port", "grid", "farm", "bank", "clinic"]
    texts = [f"The {w} budget will {v} by {n} percent" + " this year" * (n % 3)
             for w, v, n in product(words, ["rise", "fall", "stay"], range(1, 12))]  # 264 texts of varied length
    pairs = [(texts[i], texts[(i * 7 + 3) % len(texts)]) for i in range(len(texts))]
    swapped = [(b, a) for a, b in pairs]
    more = [(texts[i], texts[(i * 5 + 1) % len(texts)]) for i in range(len(texts))]
    first = pairs[:200] + pairs[:40] + swapped[:200] + pairs[10:30] + pairs[200:]  # repeats in and across chunks
    second = pairs[180:] + swapped[150:] + more  # partly cached by the first call

    local = LocalEngine(cfg, nli=_Recording(build_nli(cfg.nli)))
    remote = RayEngine(cfg)
    for batch in (first, second):
        lres, rres = local.score(batch), remote.score(batch)
        np.testing.assert_array_equal(rres.probs, lres.probs)
        np.testing.assert_array_equal(rres.split, lres.split)
    sent = [tuple(zip(row["premise"], row["hypothesis"])) for udf, row in calls if udf is _NLIBatch]
    assert len(sent) == len(local.nli.batches) > 3
    assert sorted(sent) == sorted(tuple(b) for b in local.nli.batches)  # the same batches, each in the same order
    assert len(remote.cache) == len(local.cache) == len(set(first) | set(second))

    calls.clear()
    some = texts[::3]  # 88 texts: 6 chunks of whole batches
    emb_local, emb_remote = LocalEngine(cfg).embed(some), RayEngine(cfg).embed(some)
    np.testing.assert_array_equal(emb_remote, emb_local)
    chunks = [row["text"] for udf, row in calls if udf is _EmbedBatch]
    assert len(chunks) > 2 and sum(map(len, chunks)) == len(some) and sum(len(c) % 8 != 0 for c in chunks) <= 1  # whole batches
    embedder = MiniLMEmbedder(batch_size=8)
    assert all(embedder.batch_order(c).tolist() == list(range(len(c))) for c in chunks)  # each in token order


# ------------------------------------------------------------------------------------------ a real local Ray
def test_seed_same_findings_as_local(local_ray):
    statements = read_statements(SEED)
    local = Detector()
    remote = Detector(engine="ray")
    expected, found = local.find(statements), remote.find(statements)
    assert found and remote.engine_.name == "ray"
    assert_same_findings(expected, found)
    assert_same_raw_scores(local, remote, found)
    assert remote.stats.nli_pairs_scored == local.stats.nli_pairs_scored == 2 * len(found)
    assert remote.model_info() == local.model_info()
    again = remote.find(statements)  # the cache is local: nothing is scored twice
    assert remote.stats.nli_pairs_scored == 0
    assert_same_findings(expected, again)


def test_a_model_the_actors_cannot_load_is_a_model_error(local_ray, tmp_path):
    cfg = load_config(overrides={"nli.model": str(tmp_path / "no-model")})
    with pytest.raises(ModelError, match="cannot load NLI model"):
        Detector(cfg, engine="ray").find(read_statements(SEED))


def _sentences(n: int) -> tuple[list[str], str]:
    """``n`` distinct real sentences (MultiNLI dev-mismatched premises and hypotheses up to 160 characters) when
    ../shared is here, else generated ones on a few shared topics."""
    if MNLI.is_file():
        seen: dict[str, None] = {}
        with gzip.open(MNLI, "rt", encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                for text in (row["premise"], row["hypothesis"]):
                    if 20 <= len(text) <= 160:
                        seen.setdefault(" ".join(text.split()), None)
                if len(seen) >= n:
                    return list(seen)[:n], "MultiNLI dev-mismatched"
    subjects = ["The ministry", "The city council", "The central bank", "The health agency", "The rail operator",
                "The school board", "The port authority", "The energy regulator", "The farm union", "The police"]
    claims = ["will raise the {} budget by {} percent", "will not raise the {} budget by {} percent",
              "cut the {} budget by {} percent", "has frozen the {} budget for {} months",
              "denies any change to the {} budget after {} weeks"]
    topics = ["transport", "housing", "water", "defence", "research", "tourism", "fisheries", "culture"]
    out = [f"{s} {c.format(t, k)}." for s, c, t, k in product(subjects, claims, topics, range(1, 7))]
    return out[:n], "generated"


def test_2000_statements_same_findings_as_local(local_ray):
    texts, origin = _sentences(2000)
    assert len(texts) == 2000, origin
    statements = [Statement(f"s{i:04d}", text, f"Speaker {i % 50:02d}", date(2024, 1, 1) + timedelta(days=i * 37 % 730))
                  for i, text in enumerate(texts)]
    cfg = load_config(overrides={"pairing.k": 3})
    local, remote = Detector(cfg), Detector(cfg, engine="ray")
    expected = local.find(statements)
    found = remote.find(statements)
    assert len(expected) > 1000
    assert_same_findings(expected, found)
    assert_same_raw_scores(local, remote, found)
    assert remote.stats.nli_pairs_scored == local.stats.nli_pairs_scored


def test_cli_engine_ray_end_to_end(local_ray, tmp_path, capsys):
    base = ["find", str(SEED), "--no-progress", "--all"]
    assert main([*base, "--out", str(tmp_path / "local.jsonl")]) == 0
    capsys.readouterr()
    assert main([*base, "--engine", "ray", "--out", str(tmp_path / "ray.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "4 statements, 6 pairs scored" in err
    assert "INFO" not in err and "Ray Data" not in err  # Ray's own logging is turned down without -v
    assert_same_findings(read_findings(tmp_path / "local.jsonl"), read_findings(tmp_path / "ray.jsonl"))
    assert main([*base, "--engine", "ray", "--ray-address", "", "--ids"]) == 0  # "" = the Ray already running
    assert "policy shift" in capsys.readouterr().out
