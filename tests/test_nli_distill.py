"""Distillation: a teacher's soft labels written resumably, read back, and mixed into the student's loss."""

from __future__ import annotations

import gzip
import json
import logging

import numpy as np
import pytest

from contradict.cli import main
from contradict.errors import InputError, ModelError
from contradict.nli import load_nli
from contradict.nli.distill import distill_loss, read_soft_labels, soften, write_soft_labels
from contradict.nli.train import train, training_pairs

from .test_nli_train import _config

PAIRS = [(f"The council {v} the {w} budget.", f"The {w} budget was {o}.")
         for v, o in (("raised", "cut"), ("kept", "kept"), ("approved", "rejected"))
         for w in ("school", "rail", "port", "clinic")]


class FixedTeacher:
    """A teacher that says the same distribution for every pair (and counts its calls)."""

    def __init__(self, probs, sha="fixed-1", fail_after=None):
        self.probs, self.weights_sha256_, self.fail_after = np.asarray(probs, np.float32), sha, fail_after
        self.path, self.scored = "fixed", 0

    def weights_sha256(self):
        return self.weights_sha256_

    def __call__(self, pairs):
        if self.fail_after is not None and self.scored >= self.fail_after:
            raise KeyboardInterrupt("interrupted")
        self.scored += len(pairs)
        return np.tile(self.probs, (len(pairs), 1))


def test_soften_keeps_rows_normalised_and_order():
    p = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]])
    np.testing.assert_allclose(soften(p, 1.0), p, atol=1e-6)
    hot, cold = soften(p, 3.0), soften(p, 0.5)
    np.testing.assert_allclose(hot.sum(1), 1, atol=1e-6)
    assert (hot.max(1) < p.max(1)).all() and (cold.max(1) > p.max(1)).all()
    assert (hot.argmax(1) == p.argmax(1)).all()
    with pytest.raises(ValueError, match="temperature"):
        soften(p, 0)


def test_distill_loss_mixes_gold_and_teacher_per_row():
    import torch

    logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 0.3]])
    gold = torch.tensor([0, 2])
    own = torch.softmax(logits, -1)
    ce = torch.nn.functional.cross_entropy(logits, gold, reduction="none")
    none = torch.tensor([False, False])
    assert torch.isclose(distill_loss(logits, gold, own, none, 0.7, 1.0), ce.mean())
    both = torch.tensor([True, True])
    assert torch.isclose(distill_loss(logits, gold, own, both, 0.0, 1.0), ce.mean())
    # the teacher agrees with the student exactly: the KL term is 0, only (1 - w) * CE is left
    assert torch.isclose(distill_loss(logits, gold, own, both, 0.25, 1.0), 0.75 * ce.mean(), atol=1e-6)
    first = torch.tensor([True, False])
    assert torch.isclose(distill_loss(logits, gold, own, first, 1.0, 1.0), ce[1] / 2, atol=1e-6)
    other = torch.tensor([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]])
    assert distill_loss(logits, gold, other, both, 1.0, 2.0) > 0


def test_labels_are_the_teachers_probabilities_and_a_rerun_scores_nothing(tmp_path, tiny_nli_dir):
    teacher = load_nli(str(tiny_nli_dir), precision="fp32")
    out = tmp_path / "soft.jsonl.gz"
    stats = write_soft_labels(teacher, PAIRS, out, chunk=5)
    assert (stats["scored"], stats["kept"]) == (12, 0)
    table = read_soft_labels(out)
    np.testing.assert_allclose(np.stack([table[p] for p in PAIRS]), teacher(PAIRS), atol=1e-5)
    assert write_soft_labels(teacher, PAIRS, out)["scored"] == 0
    with gzip.open(out, "rt") as fh:
        header = json.loads(fh.readline())
    assert header["teacher_sha256"] == teacher.weights_sha256() and header["labels"] == ["entailment", "neutral",
                                                                                          "contradiction"]


def test_an_interrupted_run_keeps_its_chunks_and_the_rerun_scores_the_rest(tmp_path):
    out = tmp_path / "soft.jsonl.gz"
    with pytest.raises(KeyboardInterrupt):
        write_soft_labels(FixedTeacher([0.2, 0.5, 0.3], fail_after=8), PAIRS, out, chunk=4)
    assert len(read_soft_labels(out)) == 8
    again = FixedTeacher([0.2, 0.5, 0.3])
    stats = write_soft_labels(again, PAIRS, out, chunk=4)
    assert (stats["kept"], stats["scored"], again.scored) == (8, 4, 4)
    # a chunk cut in the middle (a kill during the write) is dropped and scored again
    data = out.read_bytes()
    out.write_bytes(data[:-20])
    kept = len(read_soft_labels(out))
    assert kept < 12
    third = FixedTeacher([0.2, 0.5, 0.3])
    assert write_soft_labels(third, PAIRS, out, chunk=4)["scored"] == 12 - kept
    assert len(read_soft_labels(out)) == 12


def test_another_teacher_or_other_pairs_are_refused(tmp_path):
    out = tmp_path / "soft.jsonl.gz"
    write_soft_labels(FixedTeacher([0.2, 0.5, 0.3], sha="a"), PAIRS, out)
    with pytest.raises(ModelError, match="another teacher"):
        write_soft_labels(FixedTeacher([0.2, 0.5, 0.3], sha="b"), PAIRS, out)
    with pytest.raises(InputError, match="pair 1 differs"):
        write_soft_labels(FixedTeacher([0.2, 0.5, 0.3], sha="a"), PAIRS[::-1], out)


def test_bad_soft_label_files_name_the_file_and_line(tmp_path):
    plain = tmp_path / "plain.jsonl.gz"
    plain.write_text("not gzip")
    with pytest.raises(InputError, match="plain.jsonl.gz"):
        read_soft_labels(plain)
    with pytest.raises(InputError, match="no such file"):
        read_soft_labels(tmp_path / "missing.jsonl.gz")
    other = tmp_path / "other.jsonl.gz"
    with gzip.open(other, "wt") as fh:
        fh.write(json.dumps({"format": "something-else"}) + "\n")
    with pytest.raises(InputError, match="not a soft-label file"):
        read_soft_labels(other)
    broken = tmp_path / "broken.jsonl.gz"
    with gzip.open(broken, "wt") as fh:
        fh.write(json.dumps({"format": "contradict-soft-labels/1", "labels": ["entailment", "neutral",
                                                                             "contradiction"]}) + "\n")
        fh.write(json.dumps({"premise": "a", "hypothesis": "b", "probs": [0.5, 0.5]}) + "\n")
    with pytest.raises(InputError, match="line 2"):
        read_soft_labels(broken)


def test_a_student_trained_on_a_teachers_labels_moves_towards_the_teacher(tmp_path, tiny_data, tiny_nli_dir,
                                                                          caplog):
    from dataclasses import replace

    cfg = replace(_config(tmp_path, tiny_data, tiny_nli_dir, "gold", lr=1e-3), epochs=3.0)
    pairs = training_pairs(cfg, 0)
    assert 64 <= len(pairs) <= 72  # 72 rows less 8 held out for validation, plus swapped contradictions
    soft = tmp_path / "neutral.jsonl.gz"
    write_soft_labels(FixedTeacher([0.02, 0.96, 0.02]), pairs, soft)  # a teacher that says "neutral" to all
    gold = train(cfg)
    with caplog.at_level(logging.INFO, logger="contradict.nli.train"):
        student = train(replace(cfg, out=str(tmp_path / "student"), soft_labels=str(soft), distill_weight=0.9))
    assert f"soft labels for {len(pairs)} of {len(pairs)} training pairs" in caplog.text
    probe = pairs[:16]
    neutral_gold = load_nli(str(gold), precision="fp32")(probe)[:, 1].mean()
    neutral_student = load_nli(str(student), precision="fp32")(probe)[:, 1].mean()
    assert neutral_student > neutral_gold + 0.1


def test_labels_for_other_pairs_are_an_error_naming_the_file(tmp_path, tiny_data, tiny_nli_dir):
    soft = tmp_path / "elsewhere.jsonl.gz"
    write_soft_labels(FixedTeacher([0.2, 0.5, 0.3]), PAIRS, soft)
    with pytest.raises(InputError, match="elsewhere.jsonl.gz.*none of the training pairs"):
        train(_config(tmp_path, tiny_data, tiny_nli_dir, "x", soft_labels=str(soft)))


def test_cli_labels_then_continues(tmp_path, tiny_data, tiny_nli_dir, capsys):
    out = tmp_path / "soft.jsonl.gz"
    args = ["distill-labels", "--teacher", str(tiny_nli_dir), "--data", str(tiny_data), "--valid-size", "8",
            "--limit", "10", "--precision", "fp32", "--out", str(out)]
    assert main(args) == 0
    first = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert (first["scored"], first["kept"]) == (10, 0)
    assert main(args) == 0
    second = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert (second["scored"], second["kept"]) == (0, 10)
