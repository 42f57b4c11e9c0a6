"""Tests of ``contradict bench``: loading, bad input, metrics, predictions, baselines, provenance, HTML, CLI.

Everything runs without a model: the real :class:`Detector` with a fake NLI scorer and TF-IDF pairing, or a
scripted detector where exact verdicts are needed for hand-computed metrics.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from contradict import evaluation
from contradict.cli import bench as cli_bench
from contradict.cli import common as cli_common
from contradict.config import CalibrationConfig, Config, load_config
from contradict.errors import ConfigError, InputError, InputTypeError
from contradict.evaluation import BenchPair, compute_metrics, metrics, provenance, report
from contradict.evaluation.baselines import (
    DESCRIPTIONS,
    conflict_cue,
    lexical_baseline,
    lexical_verdict,
    majority_baseline,
    nli_only_verdict,
    tfidf_similarities,
)
from contradict.records import Finding, Statement, Verdict

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "fixtures" / "bench"
SAMPLE = FIX / "sample.jsonl"
C, P, K, U = Verdict.CONTRADICTION, Verdict.POLICY_SHIFT, Verdict.CONSISTENT, Verdict.UNRELATED


# ------------------------------------------------------------------------------------------- helpers


class FakeNLI:
    """Rule-based NLI: a negation or opposite word between premise and hypothesis -> contradiction."""

    OPPOSITES = (("raise", "cut"), ("open", "close"), ("profit", "loss"), ("support", "oppose"),
                 ("approve", "not approve"), ("80", "70"), ("five", "ten"))

    def __init__(self) -> None:
        self.calls = 0
        self.pairs_seen = 0

    def __call__(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        self.calls += 1
        self.pairs_seen += len(pairs)
        rows = []
        for premise, hypothesis in pairs:
            p, h = premise.lower(), hypothesis.lower()
            flip = (" not " in p) != (" not " in h) or (" no " in p) != (" no " in h) or any(
                (x in p and y in h) or (y in p and x in h) for x, y in self.OPPOSITES)
            overlap = len(set(p.split()) & set(h.split())) / max(1, len(set(p.split()) | set(h.split())))
            if flip:
                rows.append([0.05, 0.15, 0.80])
            elif overlap > 0.3:
                rows.append([0.80, 0.15, 0.05])
            else:
                rows.append([0.10, 0.85, 0.05])
        return np.asarray(rows, dtype=np.float32).reshape(-1, 3)


def real_detector(config: Config | None = None, nli: FakeNLI | None = None) -> Any:
    from contradict.detector import Detector

    cfg = config if config is not None else load_config(overrides={"pairing.method": "tfidf"})
    return Detector(cfg, nli=nli or FakeNLI())


def make_finding(a: Statement, b: Statement, verdict: Verdict, *, scores: Sequence[float] = (0.2, 0.6, 0.2),
                 similarity: float = 0.5) -> Finding:
    s = dict(zip(("entailment", "neutral", "contradiction"), (float(x) for x in scores)))
    return Finding(a=a, b=b, verdict=verdict, scores=s, scores_ab=s, scores_ba=s, similarity=similarity,
                   explanation=f"scripted {verdict.value}")


class ScriptedDetector:
    """Returns fixed verdicts per pair (keyed by statement a's id); counts calls."""

    def __init__(self, verdicts: Mapping[str, Verdict], config: Config | None = None) -> None:
        self.verdicts = dict(verdicts)
        self.config = config or Config()
        self.calls: list[int] = []

    def score_pairs(self, pairs: Sequence[tuple[Statement, Statement]]) -> list[Finding]:
        self.calls.append(len(pairs))
        return [make_finding(a, b, self.verdicts.get(a.id, K)) for a, b in pairs]

    def model_info(self) -> dict[str, Any]:
        return {"model": "scripted", "sha256": None}


def write_lines(path: Path, rows: Sequence[Any]) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


def good_row(pair_id: str = "p-1", label: str = "contradiction") -> dict[str, Any]:
    return {"id": pair_id, "a": {"id": f"{pair_id}-a", "text": "Taxes will rise.", "speaker": "Gov", "time": "2024-01-01",
                                 "source": "test"},
            "b": {"id": f"{pair_id}-b", "text": "Taxes will not rise.", "speaker": "Gov", "time": "2024-01-01",
                  "source": "test"},
            "label": label, "group": "g/1"}


# ------------------------------------------------------------------------------------------- loading


def test_load_pairs_reads_the_sample() -> None:
    pairs = evaluation.load_pairs(SAMPLE)
    assert len(pairs) == 20
    first = pairs[0]
    assert isinstance(first, BenchPair)
    assert (first.id, first.label, first.group, first.file) == ("s-01", C, "sample/same-day", str(SAMPLE))
    assert first.a.id == "s-01-a" and first.b.text.startswith("The city council did not")
    assert first.a.time.isoformat() == "2024-03-04" and first.a.speaker == "City Council"
    assert [p.label for p in pairs].count(P) == 5
    last = pairs[-1]
    assert last.group is None and last.a.time is None and last.a.speaker is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.id = "x"  # type: ignore[misc]


def test_load_pair_files_rejects_ids_repeated_across_files(tmp_path: Path) -> None:
    other = write_lines(tmp_path / "other.jsonl", [good_row("s-05")])
    with pytest.raises(InputError, match=r"other\.jsonl, line 1, field 'id': duplicate pair id 's-05' "
                                         r"\(also in .*sample\.jsonl, line 5\)"):
        evaluation.load_pair_files([SAMPLE, other])


def test_load_pairs_dataset_round_trips(tmp_path: Path) -> None:
    ds = evaluation.load_pairs_dataset(SAMPLE, cache_dir=tmp_path / "cache")
    assert len(ds) == 20
    assert set(ds.column_names) == {"id", "a", "b", "label", "group", "file"}
    assert ds[0]["a"]["time"] == "2024-03-04" and ds[0]["file"] == str(SAMPLE)
    assert evaluation.pairs_from_dataset(ds) == evaluation.load_pairs(SAMPLE)


def test_load_pairs_dataset_several_files(tmp_path: Path) -> None:
    rows = [_mutate(good_row("o-1"), "a.time", "2024-05-28T10:00:00+02:00"), _mutate(good_row("o-2", "unrelated"),
                                                                                  "b.time", None)]
    other = write_lines(tmp_path / "other.jsonl", rows)
    ds = evaluation.load_pairs_dataset([SAMPLE, other], cache_dir=tmp_path / "cache")
    pairs = evaluation.pairs_from_dataset(ds)
    assert len(pairs) == 22 and pairs[-1].file == str(other) and pairs[-1].label == U
    assert pairs[20:] == evaluation.load_pairs(other)
    assert pairs[20].a.time.isoformat() == "2024-05-28T10:00:00+02:00" and pairs[21].b.time is None


def test_load_pairs_dataset_reports_bad_lines(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"bad_label\.jsonl, line 4, field 'label'"):
        evaluation.load_pairs_dataset(FIX / "bad_label.jsonl", cache_dir=tmp_path / "cache")


def test_pairs_from_dataset_names_row_and_field() -> None:
    rows = [good_row("p-1"), good_row("p-2", "maybe")]
    with pytest.raises(InputError, match=r"<dataset>, row 1, field 'label': unknown label 'maybe'"):
        evaluation.pairs_from_dataset(rows)
    dup = [good_row("p-1"), good_row("p-1")]
    with pytest.raises(InputError, match=r"row 1, field 'id': duplicate pair id 'p-1' \(first in row 0\)"):
        evaluation.pairs_from_dataset(dup)


# ----------------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(("name", "record", "field", "message"), [
    ("bad_json.jsonl", "line 3", None, r"not valid JSON"),
    ("bad_label.jsonl", "line 4", "label", (r"unknown label 'foo' \(expected one of 'contradiction', "
                                           r"'policy_shift', 'consistent', 'unrelated'\)")),
    ("duplicate_id.jsonl", "line 3", "id", r"duplicate pair id 's-01' \(first on line 1\)"),
    ("missing_text.jsonl", "line 2", "b.text", r"is missing"),
])
def test_bad_fixture_files(name: str, record: str, field: str | None, message: str) -> None:
    path = FIX / name
    with pytest.raises(InputError, match=message) as info:
        evaluation.load_pairs(path)
    err = info.value
    assert (err.source, err.record, err.field) == (str(path), record, field)
    assert str(path) in str(err) and record in str(err)
    if field:
        assert f"field '{field}'" in str(err)


def _mutate(row: dict[str, Any], dotted: str, value: Any) -> dict[str, Any]:
    row = json.loads(json.dumps(row))
    *parents, last = dotted.split(".")
    target = row
    for key in parents:
        target = target[key]
    if value is _DELETE:
        del target[last]
    else:
        target[last] = value
    return row


_DELETE = object()


@pytest.mark.parametrize(("dotted", "value", "field", "error", "message"), [
    ("a", _DELETE, "a", InputError, "is missing"),
    ("b", None, "b", InputError, "is missing"),
    ("a", "just text", "a", InputTypeError, "expected an object"),
    ("a.text", _DELETE, "a.text", InputError, "is missing"),
    ("a.text", "   ", "a.text", InputError, "must not be empty or blank"),
    ("b.text", 42, "b.text", InputTypeError, "expected text, got int"),
    ("a.time", "yesterday", "a.time", InputError, "cannot parse 'yesterday'"),
    ("b.time", "2024-05-28T10:00:00", "b.time", InputError, "has no time zone"),
    ("a.speaker", ["x"], "a.speaker", InputTypeError, "expected text or null"),
    ("b.id", {"x": 1}, "b.id", InputTypeError, "expected text or an integer"),
    ("label", _DELETE, "label", InputError, "is missing"),
    ("label", 3, "label", InputTypeError, "expected one of"),
    ("label", "Contradiction!", "label", InputError, "unknown label 'Contradiction!'"),
    ("id", _DELETE, "id", InputError, "is missing"),
    ("id", True, "id", InputTypeError, "expected text or an integer"),
    ("group", 7, "group", InputTypeError, "expected text or null"),
])
def test_bad_records_name_file_line_and_field(tmp_path: Path, dotted: str, value: Any, field: str,
                                              error: type[Exception], message: str) -> None:
    path = write_lines(tmp_path / "pairs.jsonl", [good_row("p-1"), "", _mutate(good_row("p-2"), dotted, value)])
    with pytest.raises(error, match=re.escape(message)) as info:
        evaluation.load_pairs(path)
    err = info.value
    assert isinstance(err, InputError)
    assert (err.source, err.record, err.field) == (str(path), "line 3", field)
    assert str(err).startswith(f"{path}, line 3, field '{field}': ")


def test_a_json_value_that_is_not_an_object(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "pairs.jsonl", ["[1, 2]"])
    with pytest.raises(InputTypeError, match=r"pairs\.jsonl, line 1: expected a JSON object"):
        evaluation.load_pairs(path)


def test_missing_and_undecodable_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.jsonl: pair file not found"):
        evaluation.load_pairs(tmp_path / "nope.jsonl")
    bad = tmp_path / "latin1.jsonl"
    bad.write_bytes(b'{"id": "caf\xe9"}\n')
    with pytest.raises(InputError, match=r"latin1\.jsonl: not UTF-8 text"):
        evaluation.load_pairs(bad)


def test_empty_file_gives_no_pairs_and_run_refuses(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "empty.jsonl", ["", "  "])
    assert evaluation.load_pairs(path) == []
    with pytest.raises(InputError, match="no pairs to score"):
        evaluation.run_benchmark([], ScriptedDetector({}))


def test_a_line_separator_inside_a_string_is_not_a_line_break(tmp_path: Path) -> None:
    row = _mutate(good_row("p-1"), "a.text", "First part\u2028second part.")
    path = tmp_path / "ls.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    assert evaluation.load_pairs(path)[0].a.text == "First part\u2028second part."


# ------------------------------------------------------------------------------------------- metrics


def test_metrics_match_hand_computed_values() -> None:
    gold = [C, C, C, K, K, U]
    pred = [C, C, K, K, U, U]
    m = compute_metrics(gold, pred)
    assert m.n == 6
    assert m.accuracy == pytest.approx(4 / 6)
    assert m.labels == ("contradiction", "consistent", "unrelated")
    # contradiction: tp 2, fp 0, fn 1; consistent: tp 1, fp 1, fn 1; unrelated: tp 1, fp 1, fn 0
    assert m.per_label["contradiction"] == pytest.approx({"precision": 1.0, "recall": 2 / 3, "f1": 0.8, "support": 3})
    assert m.per_label["consistent"] == pytest.approx({"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2})
    assert m.per_label["unrelated"] == pytest.approx({"precision": 0.5, "recall": 1.0, "f1": 2 / 3, "support": 1})
    assert m.macro_f1 == pytest.approx((0.8 + 0.5 + 2 / 3) / 3)
    assert m.confusion == ((2, 0, 1, 0), (0, 0, 0, 0), (0, 0, 1, 1), (0, 0, 0, 1))
    low, high = m.macro_f1_ci
    assert 0.0 <= low <= m.macro_f1 <= high <= 1.0
    assert m.to_dict()["confusion_labels"] == ["contradiction", "policy_shift", "consistent", "unrelated"]
    assert m.pairs_per_second is None


def test_macro_f1_counts_labels_only_predicted() -> None:
    m = compute_metrics([C, C], [C, P])
    assert m.labels == ("contradiction", "policy_shift")
    assert m.per_label["policy_shift"]["f1"] == 0.0
    assert m.macro_f1 == pytest.approx((2 / 3 + 0.0) / 2)


def test_vectorised_macro_f1_agrees_with_sklearn() -> None:
    rng = np.random.default_rng(5)
    for _ in range(20):
        n = int(rng.integers(1, 40))
        gold = [Verdict(v) for v in rng.choice([v.value for v in evaluation.LABEL_ORDER], size=n)]
        pred = [Verdict(v) for v in rng.choice([v.value for v in evaluation.LABEL_ORDER[:3]], size=n)]
        fast = float(metrics.macro_f1_from_codes(metrics.label_codes([g.value for g in gold]),
                                               metrics.label_codes([p.value for p in pred])))
        assert fast == pytest.approx(compute_metrics(gold, pred, n_resamples=1).macro_f1)


def test_bootstrap_is_seeded_and_uses_1000_resamples() -> None:
    gold = [C, C, C, K, K, U, P, P]
    pred = [C, K, C, K, U, U, P, C]
    assert evaluation.bootstrap_macro_f1(gold, pred) == evaluation.bootstrap_macro_f1(gold, pred, n_resamples=1000, seed=0)
    assert evaluation.bootstrap_macro_f1(gold, pred, seed=1) != evaluation.bootstrap_macro_f1(gold, pred, seed=2)
    assert metrics.N_RESAMPLES == 1000
    assert evaluation.bootstrap_macro_f1([C] * 5, [C] * 5) == (1.0, 1.0)


def test_metrics_reject_length_mismatch_and_empty() -> None:
    with pytest.raises(InputError, match="2 gold labels but 1 predictions"):
        compute_metrics([C, C], [C])
    with pytest.raises(InputError, match="no pairs"):
        compute_metrics([], [])


def test_run_metrics_per_file_and_group_match_subsets(tmp_path: Path) -> None:
    pairs = evaluation.load_pairs(SAMPLE)
    other = evaluation.load_pairs(write_lines(tmp_path / "other.jsonl", [good_row("o-1"), good_row("o-2", "unrelated")]))
    scripted = {p.a.id: p.label for p in pairs}
    scripted.update({"s-01-a": K, "s-06-a": C, "s-12-a": U, "s-20-a": K, "o-1-a": C, "o-2-a": C})
    det = ScriptedDetector(scripted)
    report = evaluation.run_benchmark(pairs + other, det)

    assert report.systems == ("detector",)
    assert [p.id for p in report.pairs] == [p.id for p in pairs + other]
    overall = report.overall["detector"]
    assert overall.n == 22 and overall.accuracy == pytest.approx(17 / 22)
    sample_m = report.by_file[str(SAMPLE)]["detector"]
    assert sample_m.n == 20 and sample_m.accuracy == pytest.approx(16 / 20)
    assert sample_m.confusion[0] == (4, 0, 1, 0)  # s-01 contradiction -> consistent
    shift = report.by_group["sample/shift"]["detector"]
    assert shift.n == 5 and shift.accuracy == pytest.approx(0.8)
    assert shift.macro_f1 == pytest.approx(compute_metrics([P] * 5, [C, P, P, P, P]).macro_f1)
    assert set(report.by_group) == {"g/1", "sample/consistent", "sample/same-day", "sample/shift", "sample/unrelated"}
    assert sum(report.by_group[g]["detector"].n for g in report.by_group) == 21  # s-20 has no group
    # one warm-up call plus one call per (file, group) chunk; every pair scored exactly once
    assert det.calls[0] == 1 and sum(det.calls[1:]) == 22
    assert report.timing["pairs_per_second"] and report.timing["pairs_per_second"] > 0
    assert shift.pairs_per_second is not None and overall.pairs_per_second is not None


def test_run_rejects_duplicate_ids() -> None:
    pairs = evaluation.load_pairs(SAMPLE)
    with pytest.raises(InputError, match="duplicate pair id 's-01'"):
        evaluation.run_benchmark([pairs[0], pairs[0]], ScriptedDetector({}))


# ------------------------------------------------------------------------- real detector, fake NLI


@pytest.fixture(scope="module")
def sample_report() -> evaluation.BenchmarkReport:
    return evaluation.run_benchmark(evaluation.load_pairs(SAMPLE), real_detector(), baselines=True)


def test_run_with_the_real_detector_and_baselines(sample_report: evaluation.BenchmarkReport) -> None:
    report = sample_report
    assert report.systems == ("detector", "majority", "nli_only", "lexical")
    assert len(report.findings) == 20
    assert [(f.a.id, f.b.id) for f in report.findings] == [(p.a.id, p.b.id) for p in report.pairs]
    for scope in [report.overall, *report.by_file.values(), *report.by_group.values()]:
        assert tuple(scope) == report.systems
    assert report.overall["majority"].pairs_per_second is None
    assert report.overall["detector"].pairs_per_second is not None
    d = report.to_dict()
    assert set(d) == {"format", "n_pairs", "systems", "overall", "by_file", "by_group", "timing", "provenance",
                      "warnings"}
    assert d["systems"]["lexical"] == DESCRIPTIONS["lexical"]
    assert set(d["overall"]) == set(report.systems)
    json.dumps(d)  # JSON-ready
    text = str(report)
    for word in ("scope", "macro-F1", "95% CI", "pairs/s", "majority", "nli_only", "lexical", "group sample/shift",
                 "confusion matrix"):
        assert word in text


def test_baselines_reuse_the_detectors_findings() -> None:
    pairs = evaluation.load_pairs(SAMPLE)
    plain, with_baselines = FakeNLI(), FakeNLI()
    evaluation.run_benchmark(pairs, real_detector(nli=plain))
    evaluation.run_benchmark(pairs, real_detector(nli=with_baselines), baselines=True)
    assert with_baselines.pairs_seen == plain.pairs_seen


def test_provenance(sample_report: evaluation.BenchmarkReport) -> None:
    import contradict

    prov = sample_report.provenance
    for key in ("version", "git_commit", "model", "model_sha256", "config", "config_source", "calibration",
                "versions", "date", "inputs"):
        assert key in prov
    assert prov["version"] == contradict.__version__
    assert prov["git_commit"] is None or re.fullmatch(r"[0-9a-f]{40}", prov["git_commit"])
    assert prov["model"] == "FakeNLI" and prov["model_sha256"] is None
    assert prov["config"]["pairing"]["method"] == "tfidf"
    assert prov["calibration"]["calibrated"] is True  # the shipped default is calibrated on dev data
    assert {"python", "torch", "transformers", "scikit-learn"} <= set(prov["versions"])
    assert prov["date"].endswith("+00:00")
    assert prov["inputs"][0]["file"] == str(SAMPLE) and len(prov["inputs"][0]["sha256"]) == 64


def test_git_commit_outside_a_checkout(tmp_path: Path) -> None:
    assert provenance.git_commit(tmp_path) is None


# ------------------------------------------------------------------------------------------ baselines


def test_majority_is_per_file_oracle() -> None:
    s = Statement("x", "x")
    pairs = [BenchPair(f"{f}{i}", s, s, label, file=f) for f, labels in (("f1", [C, C, K]), ("f2", [U, K, U]))
             for i, label in enumerate(labels)]
    assert majority_baseline(pairs) == [C, C, C, U, U, U]


@pytest.mark.parametrize(("scores", "similarity", "expected"), [
    ((0.7, 0.2, 0.1), 0.9, K),
    ((0.1, 0.2, 0.7), 0.05, C),
    ((0.1, 0.8, 0.1), 0.1, U),
    ((0.1, 0.8, 0.1), 0.5, K),
    ((0.4, 0.2, 0.4), 0.5, K),  # tie: entailment first
])
def test_nli_only_mapping(scores: tuple[float, float, float], similarity: float, expected: Verdict) -> None:
    s = Statement("x", "x")
    finding = make_finding(s, s, P, scores=scores, similarity=similarity)
    assert nli_only_verdict(finding, 0.3) == expected


def test_nli_only_never_sees_time(sample_report: evaluation.BenchmarkReport) -> None:
    assert P not in sample_report.predictions["nli_only"]
    threshold = load_config().verdict.unrelated_similarity  # the config the sample report ran with
    expected = [nli_only_verdict(f, threshold) for f in sample_report.findings]
    assert list(sample_report.predictions["nli_only"]) == expected


def test_lexical_cues_and_similarity() -> None:
    assert conflict_cue("The council approved it.", "The council did not approve it.") == "negation"
    assert conflict_cue("Taxes do n't rise.", "Taxes rise.") == "negation"
    assert conflict_cue("We will raise the tax.", "We will cut the tax.") == "antonym: raise/cut"
    assert conflict_cue("Museums open early.", "Museums open late.") is None
    assert lexical_verdict("a", "b", similarity=0.05) == U
    assert lexical_verdict("We ban cars.", "We allow cars.", similarity=0.5) == C
    assert lexical_verdict("We ban cars.", "We ban trucks.", similarity=0.5) == K
    sims = tfidf_similarities([("red car", "red car"), ("red car", "blue sky")])
    assert sims[0] == pytest.approx(1.0) and sims[1] == pytest.approx(0.0)
    pairs = evaluation.load_pairs(SAMPLE)
    verdicts = lexical_baseline(pairs)
    assert verdicts[0] == C and verdicts[17] == U  # s-01 negation; s-18 no shared words


# -------------------------------------------------------------------------------------- predictions


def test_write_predictions(sample_report: evaluation.BenchmarkReport, tmp_path: Path) -> None:
    out = evaluation.write_predictions(sample_report, tmp_path / "sub" / "pred.jsonl")
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [p.id for p in evaluation.load_pairs(SAMPLE)]
    for row, finding in zip(rows, sample_report.findings):
        assert set(row) == {"id", "verdict", "scores", "explanation", "rule"}
        assert row["rule"] == finding.rule and f"[rule: {finding.rule}]" in row["explanation"]
        assert set(row["scores"]) == {"entailment", "neutral", "contradiction"}
        assert row["verdict"] == finding.verdict.value and row["explanation"] == finding.explanation
    mapping = {p.id: f for p, f in zip(sample_report.pairs, sample_report.findings)}
    again = evaluation.write_predictions(mapping, tmp_path / "pred2.jsonl")
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    with pytest.raises(InputTypeError, match="expected a BenchmarkReport"):
        evaluation.write_predictions([1, 2], tmp_path / "x.jsonl")  # type: ignore[arg-type]


# ------------------------------------------------------------------------------- calibration overlap


def _calibrated(ids: Sequence[str]) -> Config:
    cfg = load_config(overrides={"pairing.method": "tfidf"})
    return dataclasses.replace(cfg, calibration=CalibrationConfig(files=(str(SAMPLE),), pair_ids=tuple(ids),
                                                                  fraction=0.5, date="2026-01-01T00:00:00+00:00"))


def test_overlap_with_calibration_pairs_warns(caplog: pytest.LogCaptureFixture) -> None:
    cfg = _calibrated(["s-01", "s-02", "s-11", "elsewhere-1"])
    pairs = evaluation.load_pairs(SAMPLE)
    with caplog.at_level(logging.WARNING, logger="contradict.evaluation.run"):
        report = evaluation.run_benchmark(pairs, real_detector(cfg))
    assert any("3 of 20 scored pairs were used to calibrate" in r.getMessage() for r in caplog.records)
    assert len(report.warnings) == 1 and "3 of 20" in report.warnings[0]
    assert report.to_dict()["warnings"] == list(report.warnings)
    assert "warnings:" in str(report)
    kept = evaluation.exclude_calibrated(pairs, cfg)
    assert len(kept) == 17 and {"s-01", "s-02", "s-11"}.isdisjoint(p.id for p in kept)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="contradict.evaluation.run"):
        clean = evaluation.run_benchmark(kept, real_detector(cfg))
    assert clean.warnings == () and not caplog.records


# ---------------------------------------------------------------------------------------------- HTML


def test_html_report(sample_report: evaluation.BenchmarkReport, tmp_path: Path) -> None:
    from contradict.evaluation.html import write_html

    out = write_html(sample_report, tmp_path / "report.html")
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<img src="data:image/png;base64,' in page
    assert page.count("<img ") == 4  # one confusion matrix per system
    assert "macro-F1" in page and "nli_only" in page and "sample/shift" in page
    assert "http://" not in page and "https://" not in page  # self-contained


# ----------------------------------------------------------------------------------------------- CLI


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> list[Config]:
    """Make ``Detector(cfg)`` in the CLI use the fake NLI; record the configs it was given."""
    import contradict.detector

    real = contradict.detector.Detector
    seen: list[Config] = []

    def factory(config: Config | None = None, **kwargs: Any) -> Any:
        seen.append(config)  # type: ignore[arg-type]
        return real(config, nli=FakeNLI(), **kwargs)

    monkeypatch.setattr(contradict.detector, "Detector", factory)
    return seen


def bench_args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    cli_bench.add_arguments(parser)
    return parser.parse_args(list(argv))


def test_cli_arguments() -> None:
    args = bench_args("a.jsonl", "b.jsonl", "--predictions", "p.jsonl", "--report", "r.json", "--html", "r.html",
                      "--model", "/models/nli 2", "--config", "c.toml", "--set", "nli.batch_size=4",
                      "--set", "nli.model=other", "--baselines", "--no-progress", "--exclude-calibrated")
    assert args.files == ["a.jsonl", "b.jsonl"]
    assert (args.predictions, args.report, args.html, args.config) == ("p.jsonl", "r.json", "r.html", "c.toml")
    assert args.overrides == ["nli.batch_size=4", "nli.model=other"]
    assert args.baselines and args.no_progress and args.exclude_calibrated
    args.config = None
    cfg = cli_common.config_from_args(args)
    assert cfg.nli.model == "/models/nli 2" and cfg.nli.batch_size == 4  # --model wins over --set nli.model


def test_run_bench_writes_everything(fake_model: list[Config], tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    args = bench_args(str(SAMPLE), "--set", "pairing.method=tfidf", "--baselines", "--no-progress",
                      "--predictions", str(tmp_path / "p.jsonl"), "--report", str(tmp_path / "r.json"),
                      "--html", str(tmp_path / "r.html"))
    assert cli_bench.run(args) == 0
    out = capsys.readouterr().out
    assert "macro-F1" in out and "lexical" in out
    assert fake_model[0].pairing.method == "tfidf"
    assert len((tmp_path / "p.jsonl").read_text().splitlines()) == 20
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["n_pairs"] == 20 and set(report["overall"]) == {"detector", "majority", "nli_only", "lexical"}
    assert "data:image/png;base64," in (tmp_path / "r.html").read_text()


def test_run_bench_errors_are_library_errors(fake_model: list[Config]) -> None:
    with pytest.raises(InputError, match=r"bad_label\.jsonl, line 4"):
        cli_bench.run(bench_args(str(FIX / "bad_label.jsonl"), "--no-progress"))
    with pytest.raises(ConfigError, match="nli.batch_size: must be >= 1"):
        cli_bench.run(bench_args(str(SAMPLE), "--set", "nli.batch_size=0"))


def test_main_exit_code_for_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    cli = pytest.importorskip("contradict.cli")
    assert cli.main(["bench", str(FIX / "duplicate_id.jsonl"), "--no-progress"]) == 2
    assert "duplicate pair id 's-01'" in capsys.readouterr().err


def test_exclude_calibrated_in_cli(fake_model: list[Config], tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    from contradict.config import to_toml

    cfg_path = tmp_path / "cal.toml"
    cfg_path.write_text(to_toml(_calibrated(["s-01", "s-02"])), encoding="utf-8")
    args = bench_args(str(SAMPLE), "--config", str(cfg_path), "--exclude-calibrated", "--no-progress",
                      "--report", str(tmp_path / "r.json"))
    assert cli_bench.run(args) == 0
    assert "excluded 2 of 20 pairs" in capsys.readouterr().out
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["n_pairs"] == 18 and report["warnings"] == []
    assert report["provenance"]["config_source"] == str(cfg_path)
    assert report["provenance"]["calibration"]["n_pair_ids"] == 2


def test_file_labels_are_short_unless_ambiguous() -> None:
    assert report.file_labels(["x/a.jsonl", "y/a.jsonl", "z/b.jsonl", ""]) == {
        "x/a.jsonl": "x/a.jsonl", "y/a.jsonl": "y/a.jsonl", "z/b.jsonl": "b.jsonl", "": "(none)"}
