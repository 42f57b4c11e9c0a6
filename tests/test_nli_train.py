"""The training command on a tiny backbone and tiny data: runs, exports, and resumes exactly."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from contradict.nli import load_nli
from contradict.nli.train import TrainConfig, _batches, train, training_files


def _config(tmp_path, data, backbone, name, **kw):
    settings = dict(epochs=1.0, batch_size=8, checkpoint_every=4, valid_size=8, threads=1, bf16=False) | kw
    return TrainConfig(data=str(data), out=str(tmp_path / name), backbone=str(backbone), **settings)


def test_interrupted_training_resumes_to_the_same_weights(tmp_path, tiny_data, tiny_nli_dir):
    full = train(_config(tmp_path, tiny_data, tiny_nli_dir, "full"))
    cfg = _config(tmp_path, tiny_data, tiny_nli_dir, "resumed", stop_after=5)
    train(cfg)
    assert not (tmp_path / "resumed" / "model").exists()  # stopped early, only a checkpoint
    resumed = train(replace(cfg, stop_after=0))
    pairs = [("A man is eating.", "Nobody eats."), ("A man is eating.", "A person eats.")]
    np.testing.assert_allclose(load_nli(str(full))(pairs), load_nli(str(resumed))(pairs), atol=1e-3)
    meta = json.loads((full / "training_meta.json").read_text())
    assert meta["steps"] > 0
    assert (full / "model.safetensors").stat().st_size > 0


def test_length_bucketing_is_deterministic_and_covers_every_index():
    lengths = [5, 50, 7, 48, 6, 49, 8, 47, 30, 31]
    first = _batches(lengths, 2, 2, seed=1)
    assert first == _batches(lengths, 2, 2, seed=1)
    assert sorted(i for b in first for i in b) == list(range(len(lengths)))
    spread = [max(lengths[i] for i in b) - min(lengths[i] for i in b) for b in first]
    assert np.mean(spread) < 20  # batches hold similar lengths


def test_include_narrows_the_training_files(tmp_path):
    for name in ("mnli_dev.jsonl.gz", "snli_dev.jsonl.gz", "semfrag_x.jsonl.gz", "notes.txt"):
        (tmp_path / name).write_bytes(b"")
    every = [p.rsplit("/", 1)[-1] for p in training_files(str(tmp_path))]
    assert every == ["mnli_dev.jsonl.gz", "semfrag_x.jsonl.gz", "snli_dev.jsonl.gz"]
    some = [p.rsplit("/", 1)[-1] for p in training_files(str(tmp_path), "mnli_*, snli_*")]
    assert some == ["mnli_dev.jsonl.gz", "snli_dev.jsonl.gz"]
    with pytest.raises(FileNotFoundError, match="match"):
        training_files(str(tmp_path), "anli_*")


def test_training_continues_from_a_trained_nli_model(tmp_path, tiny_data, tiny_nli_dir):
    first = train(_config(tmp_path, tiny_data, tiny_nli_dir, "first"))
    second = train(_config(tmp_path, tiny_data, first, "second", include="toy.*", lr=1e-5))
    config = json.loads((second / "config.json").read_text())
    assert config["id2label"] == {"0": "entailment", "1": "neutral", "2": "contradiction"}
    pairs = [("A man is eating.", "Nobody eats.")]
    assert not np.allclose(load_nli(str(first))(pairs), load_nli(str(second))(pairs), atol=1e-6)


def test_mismatched_neutrals_pair_other_hypotheses_as_neutral():
    import random

    from contradict.nli.train import _mismatched_neutrals

    rows = [(f"premise {i}", f"hypothesis {i}", i % 3) for i in range(200)]
    out = _mismatched_neutrals(rows, 0.5, random.Random(1))
    assert 60 < len(out) < 140
    assert all(y == 1 and p.split()[1] != h.split()[1] for p, h, y in out)
    assert _mismatched_neutrals(rows, 0.0, random.Random(1)) == []


def test_augment_share_adds_generated_pairs_and_keeps_validation_premises_out(tiny_data):
    from contradict.nli.train import _load_pairs

    rows, valid, counts = _load_pairs(str(tiny_data), 1, 0.0, 8, "", 0.0, 0.5)
    assert counts and sum(counts.values()) > 0
    assert len(rows) == 72 - 8 + sum(counts.values())
    generated = rows[64:]
    assert not {p for p, _, _ in generated} & {p for p, _, _ in valid}
    assert {y for p, h, y in generated if p == h} == {0}  # identity -> entailment
    plain, _, none = _load_pairs(str(tiny_data), 1, 0.0, 8, "", 0.0, 0.0)
    assert none == {} and len(plain) == 64


def test_lora_training_exports_adapters_that_load_and_resume_exactly(tmp_path, tiny_data, tiny_nli_dir):
    pytest.importorskip("peft", reason="LoRA training needs the optional extra: pip install -e '.[accurate]'")
    full = train(_config(tmp_path, tiny_data, tiny_nli_dir, "lora", lora_rank=4, lr=1e-3))
    assert (full / "adapter_model.safetensors").is_file() and not (full / "model.safetensors").exists()
    meta = json.loads((full / "training_meta.json").read_text())
    assert meta["train_config"]["lora_rank"] == 4 and meta["id2label"] == {"0": "entailment", "1": "neutral",
                                                                           "2": "contradiction"}
    cfg = _config(tmp_path, tiny_data, tiny_nli_dir, "lora-resumed", lora_rank=4, lr=1e-3, stop_after=5)
    train(cfg)
    ckpt_size = (tmp_path / "lora-resumed" / "checkpoint.pt").stat().st_size
    resumed = train(replace(cfg, stop_after=0))
    pairs = [("A man is eating.", "Nobody eats."), ("A man is eating.", "A person eats.")]
    scorer = load_nli(str(full), precision="fp32")
    probs = scorer(pairs)
    assert probs.shape == (2, 3) and np.allclose(probs.sum(1), 1, atol=1e-5)
    np.testing.assert_allclose(probs, load_nli(str(resumed), precision="fp32")(pairs), atol=1e-3)
    # the checkpoint holds the adapters and the head, not the frozen backbone
    backbone_size = (tiny_nli_dir / "model.safetensors").stat().st_size
    assert ckpt_size < 4 * backbone_size
    assert scorer.weights_sha256() != load_nli(str(tiny_nli_dir)).weights_sha256()


def test_an_unfinished_run_exports_its_checkpoint_for_evaluation(tmp_path, tiny_data, tiny_nli_dir):
    from contradict.nli.train import export_checkpoint

    cfg = _config(tmp_path, tiny_data, tiny_nli_dir, "part", stop_after=4)
    train(cfg)
    target = export_checkpoint(tmp_path / "part", tmp_path / "part-export")
    assert json.loads((target / "training_meta.json").read_text())["steps"] == 4
    assert load_nli(str(target))([("A man is eating.", "Nobody eats.")]).shape == (1, 3)


def test_repeat_adds_copies_of_matching_sources_after_the_validation_split(tmp_path, tiny_data, tiny_nli_dir):
    from contradict.errors import InputError
    from contradict.nli.train import _load_pairs, _repeated, parse_repeat

    assert parse_repeat("anli/*=3, cb/*=2") == [("anli/*", 3), ("cb/*", 2)]
    for bad in ("anli/*", "anli/*=0", "=2", "anli/*=x"):
        with pytest.raises(InputError, match="repeat entry"):
            parse_repeat(bad)
    rows = [("p1", "h1", 0, "anli/r1_dev"), ("p2", "h2", 1, "mnli/train"), ("p3", "h3", 2, "anli/r3_dev")]
    assert _repeated(rows, "anli/*=3") == [("p1", "h1", 0)] * 2 + [("p3", "h3", 2)] * 2
    assert _repeated(rows, "") == []
    plain, valid, _ = _load_pairs(str(tiny_data), 1, 0.0, 8, "")
    doubled, valid2, _ = _load_pairs(str(tiny_data), 1, 0.0, 8, "", repeat="*=2")
    assert valid2 == valid and len(doubled) == 2 * len(plain)
    assert not set(doubled) & set(valid)  # rows are unique in the toy data: no validation row was repeated
    with pytest.raises(InputError, match="repeat entry"):  # before any loading
        train(_config(tmp_path, tiny_data, tiny_nli_dir, "bad-repeat", repeat="anli/*=three"))
    assert not (tmp_path / "bad-repeat").exists()


def test_a_second_stage_starts_from_exported_adapters(tmp_path, tiny_data, tiny_nli_dir):
    pytest.importorskip("peft", reason="LoRA training needs the optional extra: pip install -e '.[accurate]'")
    from contradict.errors import InputError

    first = train(_config(tmp_path, tiny_data, tiny_nli_dir, "stage1", lora_rank=4, lr=1e-3))
    # at learning rate 0 the second stage exports exactly what it started from ...
    second = train(_config(tmp_path, tiny_data, tiny_nli_dir, "stage2", lora_rank=4, lr=0.0, epochs=0.2,
                           init_adapter=str(first)))
    fresh = train(_config(tmp_path, tiny_data, tiny_nli_dir, "fresh", lora_rank=4, lr=0.0, epochs=0.2))
    pairs = [("A man is eating.", "Nobody eats."), ("A man is eating.", "A person eats.")]
    start = load_nli(str(first), precision="fp32")(pairs)
    np.testing.assert_allclose(load_nli(str(second), precision="fp32")(pairs), start, atol=1e-3)
    # ... which a run without init_adapter does not
    assert not np.allclose(load_nli(str(fresh), precision="fp32")(pairs), start, atol=1e-3)
    with pytest.raises(InputError, match="no adapter_model.safetensors"):
        train(_config(tmp_path, tiny_data, tiny_nli_dir, "bad", lora_rank=4, init_adapter=str(tmp_path)))
    with pytest.raises(InputError, match="needs lora_rank"):
        train(_config(tmp_path, tiny_data, tiny_nli_dir, "bad2", init_adapter=str(first)))
