"""The Detector facade: logic with a fake NLI scorer and TF-IDF pairing; the seed case with the real model."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from datetime import date

import pytest

from contradict import Detector, Statement, Verdict, load_config
from contradict.errors import InputError, InputTypeError
from contradict.io import read_statements
from contradict.nli import BUILTIN_NLI_DIR

from .conftest import ROOT, FakeNLI

SEED = ROOT / "fixtures" / "seed" / "statements.jsonl"
has_model = pytest.mark.skipif(not (BUILTIN_NLI_DIR / "config.json").is_file(), reason="shipped model missing")


def tfidf_detector(nli=None):
    cfg = load_config(overrides={"pairing.method": "tfidf", "pairing.similarity_floor": 0.1,
                                 "verdict.unrelated_similarity": 0.1})
    return Detector(cfg, nli=nli or FakeNLI())


def test_import_does_not_load_torch():
    code = "import sys, contradict; from contradict import Detector, Statement; " \
           "sys.exit(1 if 'torch' in sys.modules or 'transformers' in sys.modules else 0)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False).returncode == 0


def test_constructor_loads_nothing():
    det = Detector()
    assert det.nli is None and det.embedder is None
    assert det.nli_ is None and det.embedder_ is None and det.actors_ is None


def test_resolved_components_do_not_replace_the_arguments():
    det = tfidf_detector()
    given = det.nli
    det.score_pairs([(Statement("a", "Taxes will rise."), Statement("b", "Taxes will not rise."))])
    assert det.nli is given and det.nli_ is given  # a given scorer is used as is
    assert det.embedder is None and det.embedder_ is not None
    default = Detector()
    assert default.nli is None  # the configured scorer is built into nli_, never into nli


def test_pairing_method_all_pairs_every_statement():
    st = [Statement(str(i), text) for i, text in enumerate(
        ["The fuel tax will rise.", "Football is popular in Brazil.", "The museum opens at nine.",
         "The fuel tax will not rise."])]
    every = Detector(load_config(overrides={"pairing.method": "all"}), nli=FakeNLI(),
                     embedder=_TfidfForAll()).candidate_pairs(st)
    assert len(every) == 6 and {(p.i, p.j) for p in every} == {(i, j) for i in range(4) for j in range(i + 1, 4)}
    nearest = tfidf_detector().candidate_pairs(st)
    assert len(nearest) < 6


class _TfidfForAll:
    """The TF-IDF embedder under another name, so the "all" method runs without loading MiniLM."""

    def encode(self, texts):
        from contradict.pairing import TfidfEmbedder

        return TfidfEmbedder().encode(texts)


def test_empty_and_single_input_give_no_findings():
    det = tfidf_detector()
    assert det.find([]) == []
    assert det.find([Statement("1", "Only one.")]) == []
    assert det.score_pairs([]) == []


def test_find_pairs_scores_and_sorts():
    st = [Statement("a", "The fuel tax will rise next year.", "Ministry", date(2024, 1, 1)),
          Statement("b", "The fuel tax will not rise next year.", "Ministry", date(2024, 6, 1)),
          Statement("c", "The fuel tax will rise next year, the minister said.", "Ministry", date(2024, 1, 1)),
          Statement("d", "Football is popular in Brazil.", "Sports desk", date(2024, 1, 1))]
    det = tfidf_detector()
    findings = det.find(st)
    by_pair = {frozenset((f.a.id, f.b.id)): f for f in findings}
    assert by_pair[frozenset("ab")].verdict is Verdict.POLICY_SHIFT
    assert by_pair[frozenset("ab")].a.id == "a"  # earlier first
    assert by_pair[frozenset("ac")].verdict is Verdict.CONSISTENT
    assert not any("d" in key for key in by_pair)  # below the pairing floor
    order = [f.verdict for f in findings]
    assert order == sorted(order, key=[Verdict.CONTRADICTION, Verdict.POLICY_SHIFT, Verdict.CONSISTENT,
                                       Verdict.UNRELATED].index)
    assert det.stats.pairs == len(findings)


def test_each_pair_is_scored_once_in_both_directions():
    nli = FakeNLI()
    det = tfidf_detector(nli)
    a = Statement("a", "Taxes will rise.", "X")
    b = Statement("b", "Taxes will not rise.", "X")
    det.score_pairs([(a, b)])
    det.score_pairs([(a, b), (b, a)])
    assert nli.calls == 2


def test_score_pairs_keeps_order_and_rejects_bad_pairs():
    det = tfidf_detector()
    a, b, c = (Statement(i, t) for i, t in (("a", "Rain today."), ("b", "No rain today."), ("c", "Rain today!")))
    out = det.score_pairs([(b, a), (a, c)])
    assert [(f.a.id, f.b.id) for f in out] == [("b", "a"), ("a", "c")]
    with pytest.raises(InputTypeError, match="pair 0"):
        det.score_pairs([("x", "y")])  # type: ignore[list-item]


def test_find_accepts_dicts_and_rejects_bad_records():
    det = tfidf_detector()
    out = det.find([{"text": "Taxes will rise.", "speaker": "X"}, {"text": "Taxes will not rise.", "speaker": "X"}])
    assert len(out) == 1 and out[0].verdict is Verdict.CONTRADICTION
    with pytest.raises(InputError, match="item 2, field 'text'"):
        det.find([{"text": "fine"}, {"text": "  "}])


def test_split_flag_reaches_the_finding(tiny_nli_dir):
    cfg = load_config(overrides={"nli.model": str(tiny_nli_dir), "nli.max_length": 32, "pairing.method": "tfidf"})
    long = "The ministry kept its offices open. " * 12
    (f,) = Detector(cfg).score_pairs([(Statement("a", long), Statement("b", "The ministry closed its offices."))])
    assert f.split_sentences


@has_model
def test_seed_case_verdicts():
    det = Detector()
    findings = det.find(read_statements(SEED))
    by_pair = {frozenset((f.a.id, f.b.id)): f for f in findings}
    shift = by_pair[frozenset(("kirby-0528-no-change", "official-0530-counter-fire"))]
    assert shift.verdict is Verdict.POLICY_SHIFT
    assert shift.grade == "half_flip"
    assert "Kharkiv" in shift.explanation
    assert len(findings) == 6  # four statements, every pair formed
    pair_0530 = by_pair[frozenset(("official-0530-counter-fire", "official-0530-unchanged"))]
    assert pair_0530.verdict is Verdict.CONSISTENT and "carve-out" in pair_0530.explanation
    restated = by_pair[frozenset(("kirby-0528-no-change", "official-0530-unchanged"))]
    assert (restated.verdict, restated.rule) == (Verdict.CONSISTENT, "restated position")
    assert not any(f.verdict is Verdict.CONTRADICTION and f.a.time == f.b.time == date(2024, 5, 30)
                   for f in findings)


@has_model
def test_seed_case_cli(tmp_path):
    from contradict.cli import main

    out = tmp_path / "findings.jsonl"
    assert main(["find", str(SEED), "--out", str(out), "--no-progress"]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert {"a", "b", "verdict", "scores", "explanation"} <= set(rows[0])
    assert any(r["verdict"] == "policy_shift" for r in rows)


@has_model
def test_article_extraction_then_find_reports_the_seed_shift():
    from contradict.extract import statements_from_article

    text = (ROOT / "fixtures" / "articles" / "seed_article.txt").read_text(encoding="utf-8")
    statements = statements_from_article(text, published="2024-05-30")
    findings = Detector().find(statements)
    shifts = [f for f in findings if f.verdict is Verdict.POLICY_SHIFT and {f.a.time, f.b.time} ==
              {date(2024, 5, 28), date(2024, 5, 30)} and "Kirby" in (f.a.speaker or "") + (f.b.speaker or "")]
    assert shifts
    assert all(f.actor_a == f.actor_b == "U.S. administration" for f in shifts)


@has_model
def test_seed_case_said_on_the_same_day_by_the_same_office_is_a_contradiction():
    st = {s.id: s for s in read_statements(SEED)}
    before, after = st["kirby-0528-no-change"], st["official-0530-counter-fire"]
    same_day = dataclasses.replace(after, time=before.time, speaker=before.speaker)
    (f,) = Detector().score_pairs([(before, same_day)])
    assert f.verdict is Verdict.CONTRADICTION
    (g,) = Detector().score_pairs([(before, after)])
    assert g.verdict is Verdict.POLICY_SHIFT and g.grade == "half_flip"
