"""Tests of ``contradict calibrate``: the split, the threshold search, provenance and the CLI round trip.

No model: the real :class:`Detector` with TF-IDF pairing and a fake NLI scorer that is right but unsure
(contradictions get P(contradiction) = 0.4, below the default threshold of 0.5).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from contradict import evaluation
from contradict.cli import bench as cli_bench
from contradict.cli import calibrate as cli_calibrate
from contradict.config import Config, VerdictConfig, load_config
from contradict.errors import ConfigError, InputError
from contradict.evaluation import BenchPair, calibrate
from contradict.records import Finding, Statement, Verdict

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "fixtures" / "bench" / "sample.jsonl"
C, P, K, U = Verdict.CONTRADICTION, Verdict.POLICY_SHIFT, Verdict.CONSISTENT, Verdict.UNRELATED

UNSURE = {C: (0.10, 0.50, 0.40), P: (0.10, 0.50, 0.40), K: (0.75, 0.20, 0.05), U: (0.05, 0.90, 0.05)}


class UnsureNLI:
    """Probabilities by the gold label of the pair the two texts come from; neutral for anything else."""

    def __init__(self, pairs: Sequence[BenchPair]) -> None:
        self.table: dict[tuple[str, str], tuple[float, float, float]] = {}
        for p in pairs:
            self.table[(p.a.text, p.b.text)] = self.table[(p.b.text, p.a.text)] = UNSURE[p.label]

    def __call__(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        rows = [self.table.get((a, b), (0.1, 0.8, 0.1)) for a, b in pairs]
        return np.asarray(rows, dtype=np.float32).reshape(-1, 3)


@pytest.fixture(scope="module")
def pairs() -> list[BenchPair]:
    return evaluation.load_pairs(SAMPLE)


def detector(pairs: Sequence[BenchPair], config: Config | None = None) -> Any:
    from contradict.detector import Detector

    return Detector(config or load_config(overrides={"pairing.method": "tfidf"}), nli=UnsureNLI(pairs))


@pytest.fixture(scope="module")
def scored(pairs: list[BenchPair]) -> tuple[Config, list[tuple[Finding, Verdict]]]:
    det = detector(pairs)
    findings = evaluation.score(pairs, det)
    return det.config, list(zip(findings, [p.label for p in pairs]))


# ---------------------------------------------------------------------------------------------- split


def test_split_is_stratified_deterministic_and_order_free(pairs: list[BenchPair]) -> None:
    fit_part, rest = calibrate.split_pairs(pairs, 0.5, seed=3)
    assert len(fit_part) == 12 and len(rest) == 8  # round(2.5) = 3 of each label's 5 pairs
    for label in (C, P, K, U):
        assert sum(p.label == label for p in fit_part) == 3
    assert {p.id for p in fit_part}.isdisjoint(p.id for p in rest)
    assert [p.id for p in fit_part] == [p.id for p in pairs if p in fit_part]  # input order kept
    again, _ = calibrate.split_pairs(list(reversed(pairs)), 0.5, seed=3)
    assert {p.id for p in again} == {p.id for p in fit_part}
    other_seeds = {frozenset(p.id for p in calibrate.split_pairs(pairs, 0.5, seed=s)[0]) for s in range(5)}
    assert len(other_seeds) > 1


def test_split_keeps_both_sides_of_small_strata() -> None:
    s = Statement("x", "x")
    pairs = [BenchPair("a1", s, s, C), BenchPair("a2", s, s, C), BenchPair("b1", s, s, K)]
    fit_part, rest = calibrate.split_pairs(pairs, 0.9, seed=0)
    assert sum(p.label == C for p in fit_part) == 1 and sum(p.label == C for p in rest) == 1
    assert [p.id for p in fit_part if p.label == K] == ["b1"]
    fit_part, rest = calibrate.split_pairs(pairs, 0.1, seed=0)
    assert sum(p.label == C for p in fit_part) == 1 and [p.id for p in rest if p.label == K] == ["b1"]


def test_split_fraction_one_and_invalid(pairs: list[BenchPair]) -> None:
    assert calibrate.split_pairs(pairs, 1.0, seed=0) == (pairs, [])
    for bad in (0.0, -0.5, 1.5):
        with pytest.raises(ConfigError, match="fraction: must be in"):
            calibrate.split_pairs(pairs, bad, seed=0)


# --------------------------------------------------------------------------------------------- search


def test_candidates_add_the_current_value() -> None:
    cands = calibrate.candidates(VerdictConfig(contradiction_threshold=0.55))
    assert set(cands) == set(VerdictConfig.search_space())
    assert 0.55 in cands["contradiction_threshold"] and cands["contradiction_threshold"] == sorted(
        cands["contradiction_threshold"])
    with pytest.raises(ConfigError, match="verdict.no_such_key: not a verdict threshold"):
        calibrate.candidates(VerdictConfig(), {"no_such_key": [1.0]})


def test_fit_does_at_least_as_well_as_the_defaults(scored: tuple[Config, list[tuple[Finding, Verdict]]]) -> None:
    base, with_gold = scored
    before = calibrate.evaluate_thresholds(with_gold, base.verdict)
    fitted = calibrate.fit(with_gold, base)
    after = calibrate.evaluate_thresholds(with_gold, fitted.verdict)
    assert after > before  # the defaults miss the unsure contradictions (0.4 < 0.5)
    assert fitted.verdict.contradiction_threshold <= 0.4
    assert fitted.calibration.macro_f1 == pytest.approx(after, abs=1e-6)
    assert fitted.calibration.date.endswith("+00:00")
    assert (fitted.nli, fitted.pairing, fitted.input) == (base.nli, base.pairing, base.input)
    for key, values in calibrate.candidates(base.verdict).items():
        assert getattr(fitted.verdict, key) in values
    assert calibrate.fit(with_gold, base).verdict == fitted.verdict  # deterministic


@pytest.mark.parametrize("metric", ["macro_f1", "cautious_f1", "accuracy"])
def test_fit_never_worse_than_start_for_each_metric(scored: tuple[Config, list[tuple[Finding, Verdict]]],
                                                    metric: str) -> None:
    base, with_gold = scored
    start = dataclasses.replace(base, verdict=VerdictConfig(contradiction_threshold=0.8, unrelated_similarity=0.5))
    fitted = calibrate.fit(with_gold, start, metric=metric)
    assert calibrate.evaluate_thresholds(with_gold, fitted.verdict, metric=metric) >= \
        calibrate.evaluate_thresholds(with_gold, start.verdict, metric=metric)


def test_coordinate_ascent_for_large_grids(scored: tuple[Config, list[tuple[Finding, Verdict]]],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    base, with_gold = scored
    monkeypatch.setattr(calibrate, "MAX_GRID", 1)
    fitted = calibrate.fit(with_gold, base)
    before = calibrate.evaluate_thresholds(with_gold, base.verdict)
    assert calibrate.evaluate_thresholds(with_gold, fitted.verdict) > before
    assert calibrate.fit(with_gold, base).verdict == fitted.verdict


def test_ties_keep_the_starting_thresholds() -> None:
    a = Statement("a", "The bridge is closed.", "Roads Agency")
    b = Statement("b", "The bridge is not closed.", "Roads Agency")
    s = {"entailment": 0.0, "neutral": 0.01, "contradiction": 0.99}
    finding = Finding(a=a, b=b, verdict=C, scores=s, scores_ab=s, scores_ba=s, similarity=0.99, explanation="")
    start = VerdictConfig(contradiction_threshold=0.6, unrelated_similarity=0.25, signal_contradiction_floor=0.1,
                          min_direction_contradiction=0.2)
    values, score, _ = calibrate.search([(finding, C)], start)
    assert score == 1.0
    assert values == {"contradiction_threshold": 0.6, "signal_contradiction_floor": 0.1, "unrelated_similarity": 0.25,
                      "min_direction_contradiction": 0.2}


def test_bad_metric_and_empty_input(scored: tuple[Config, list[tuple[Finding, Verdict]]]) -> None:
    base, with_gold = scored
    with pytest.raises(ConfigError, match="must be one of macro_f1, cautious_f1, accuracy, got 'f2'"):
        calibrate.fit(with_gold, base, metric="f2")
    with pytest.raises(InputError, match="no pairs to calibrate on"):
        calibrate.fit([], base)
    with pytest.raises(InputError, match="no pairs to calibrate on"):
        calibrate.calibrate([], detector([]))


# ------------------------------------------------------------------------------------ provenance, CLI


def test_calibrate_records_where_thresholds_came_from(pairs: list[BenchPair], tmp_path: Path) -> None:
    result = calibrate.calibrate(pairs, detector(pairs), fraction=0.5, seed=3)
    cal = result.config.calibration
    assert cal.pair_ids == result.fit_ids and len(cal.pair_ids) == 12 and len(result.held_out_ids) == 8
    assert set(cal.pair_ids) == {p.id for p in calibrate.split_pairs(pairs, 0.5, seed=3)[0]}
    assert (cal.files, cal.seed, cal.fraction) == ((str(SAMPLE),), 3, 0.5)
    assert result.after >= result.before and cal.macro_f1 > 0
    assert result.changed and set(result.changed) <= set(VerdictConfig.search_space())
    assert all(getattr(result.config.verdict, k) == new for k, (_, new) in result.changed.items())
    out = calibrate.write_config(result, tmp_path / "configs" / "calibrated.toml")
    text = out.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert any("fraction: 0.5" in line and "seed: 3" in line for line in header)
    assert any("macro-F1 on the fit split" in line for line in header)
    assert any(cal.date in line for line in header) and any(str(SAMPLE) in line for line in header)
    loaded = load_config(out)
    assert loaded.calibration == cal and loaded.verdict == result.config.verdict
    assert loaded.pairing.method == "tfidf"


@pytest.fixture
def unsure_model(monkeypatch: pytest.MonkeyPatch, pairs: list[BenchPair]) -> None:
    """Make ``Detector(cfg)`` in the CLI use the unsure fake NLI."""
    import contradict.detector

    real = contradict.detector.Detector
    monkeypatch.setattr(contradict.detector, "Detector",
                        lambda config=None, **kw: real(config, nli=UnsureNLI(pairs), **kw))


def _parse(add: Any, *argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add(parser)
    return parser.parse_args(list(argv))


def test_cli_calibrate_then_bench_held_out(unsure_model: None, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "calibrated.toml"
    args = _parse(cli_calibrate.add_arguments, str(SAMPLE), "--out", str(out), "--fraction", "0.5",
                  "--seed", "7", "--set", "pairing.method=tfidf", "--no-progress")
    assert cli_calibrate.run(args) == 0
    printed = capsys.readouterr().out
    assert "held out: 8 pairs" in printed and "--exclude-calibrated" in printed
    cfg = load_config(out)
    assert len(cfg.calibration.pair_ids) == 12 and cfg.calibration.seed == 7

    report_path = tmp_path / "held_out.json"
    args = _parse(cli_bench.add_arguments, str(SAMPLE), "--config", str(out), "--exclude-calibrated",
                  "--no-progress", "--report", str(report_path))
    assert cli_bench.run(args) == 0
    assert "excluded 12 of 20 pairs" in capsys.readouterr().out
    held_out = json.loads(report_path.read_text())
    assert held_out["n_pairs"] == 8 and held_out["warnings"] == []
    assert held_out["provenance"]["calibration"]["calibrated"] is True

    args = _parse(cli_bench.add_arguments, str(SAMPLE), "--config", str(out), "--no-progress",
                  "--report", str(report_path))
    assert cli_bench.run(args) == 0
    everything = json.loads(report_path.read_text())
    assert everything["n_pairs"] == 20 and "12 of 20 scored pairs" in everything["warnings"][0]


def test_cli_calibrate_rejects_bad_fraction(unsure_model: None, tmp_path: Path) -> None:
    args = _parse(cli_calibrate.add_arguments, str(SAMPLE), "--out", str(tmp_path / "c.toml"),
                  "--fraction", "0")
    with pytest.raises(ConfigError, match=r"--fraction: must be in \(0, 1\], got 0.0"):
        cli_calibrate.run(args)
    assert not (tmp_path / "c.toml").exists()


def test_balanced_objective_is_the_mean_of_each_groups_metric(scored: tuple[Config, list[tuple[Finding, Verdict]]]
                                                              ) -> None:
    base, with_gold = scored
    half = len(with_gold) // 2
    groups = ["first"] * half + ["second"] * (len(with_gold) - half)
    per_group = [calibrate.evaluate_thresholds(with_gold[:half], base.verdict),
                 calibrate.evaluate_thresholds(with_gold[half:], base.verdict)]
    balanced = calibrate.evaluate_thresholds(with_gold, base.verdict, groups=groups)
    assert balanced == pytest.approx(sum(per_group) / 2)
    # one group only: the pooled metric
    assert calibrate.evaluate_thresholds(with_gold, base.verdict, groups=["x"] * len(with_gold)) == \
        calibrate.evaluate_thresholds(with_gold, base.verdict)
    with pytest.raises(InputError, match="groups"):
        calibrate.evaluate_thresholds(with_gold, base.verdict, groups=["x", "y"])


def test_bad_balance_is_refused(pairs: list[BenchPair]) -> None:
    with pytest.raises(ConfigError, match="balance"):
        calibrate.calibrate(pairs, detector(pairs), balance="per-label")


def test_cautious_f1_charges_a_false_contradiction_more_than_a_missed_one() -> None:
    import numpy as np

    from contradict.evaluation.metrics import cautious_f1_from_codes, label_codes, macro_f1_from_codes

    gold = label_codes(["contradiction", "contradiction", "consistent", "consistent"])
    missed = label_codes(["contradiction", "consistent", "consistent", "consistent"])
    false = label_codes(["contradiction", "contradiction", "contradiction", "consistent"])
    # plain macro-F1 cannot tell the two errors apart; the cautious metric prefers the miss
    assert np.isclose(macro_f1_from_codes(gold, missed), macro_f1_from_codes(gold, false))
    assert cautious_f1_from_codes(gold, missed) > cautious_f1_from_codes(gold, false)
    assert cautious_f1_from_codes(gold, gold) == 1.0
    # without contradictions in gold or predictions it is macro-F1
    other = label_codes(["consistent", "unrelated", "policy_shift"])
    guess = label_codes(["consistent", "consistent", "policy_shift"])
    assert np.isclose(cautious_f1_from_codes(other, guess), macro_f1_from_codes(other, guess))
