"""Properties of the verdict function over the development pairs (real shipped model)."""

from __future__ import annotations

import dataclasses

import pytest

from contradict import Detector, Verdict
from contradict.evaluation import load_pairs
from contradict.nli import BUILTIN_NLI_DIR
from contradict.verdict import redecide

from .conftest import ROOT

VITAMINC = ROOT.parent / "shared" / "benchmarks" / "dev" / "vitaminc_dev.jsonl"

pytestmark = [
    pytest.mark.skipif(not (BUILTIN_NLI_DIR / "config.json").is_file(), reason="shipped model missing"),
    pytest.mark.skipif(not VITAMINC.is_file(), reason="shared development data not present"),
]


def test_equal_times_turn_every_shift_into_a_contradiction_and_back():
    pairs = load_pairs(VITAMINC)
    det = Detector()
    original = det.score_pairs([(p.a, p.b) for p in pairs])
    shifts = [i for i, f in enumerate(original) if f.verdict is Verdict.POLICY_SHIFT]
    assert shifts, "the detector calls no vitaminc pair a policy shift"
    same_time = det.score_pairs([(p.a, dataclasses.replace(p.b, time=p.a.time)) for p in pairs])
    assert [i for i in shifts if same_time[i].verdict is not Verdict.CONTRADICTION] == []
    # and back: the same-time findings with their original times restored (verdict rules only, no rescoring)
    config = det.config.verdict
    back = [redecide(dataclasses.replace(f, b=p.b), config) for f, p in zip(same_time, pairs)]
    assert [f.verdict for f in back] == [f.verdict for f in original]
    # a fresh detector (no shared score cache) scores the pairs again to the same verdicts
    fresh = Detector().score_pairs([(p.a, p.b) for p in pairs])
    assert [f.verdict for f in fresh] == [f.verdict for f in original]
