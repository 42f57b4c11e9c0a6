"""The verdict rules of issue 12, each with short examples of varied wording (not the probe suite's)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from contradict.records import Statement, Verdict
from contradict.verdict import RULES, decide

CONFLICT = np.array([0.02, 0.08, 0.90])
NEUTRAL = np.array([0.10, 0.80, 0.10])
ENTAIL = np.array([0.90, 0.08, 0.02])


def st(text: str, speaker: str | None = "City Hall", when: date | None = None, sid: str = "x") -> Statement:
    return Statement(sid, text, speaker, when)


def verdict(a: Statement, b: Statement, ab=CONFLICT, ba=CONFLICT, sim: float = 0.8):
    return decide(a, b, ab, ba, sim)


def test_every_decision_names_its_rule_and_quotes_what_the_finding_holds():
    d = verdict(st("The pool opens at 8."), st("The pool opens at 8 am every day."), ab=np.array([0.1, 0.2, 0.7]),
                ba=np.array([0.2, 0.3, 0.5]))
    assert d.rule in dict(RULES)
    assert d.explanation.endswith(f"[rule: {d.rule}]")
    for name, _ in RULES:
        assert name.replace("-", " ").replace(" ", "").isalpha()
    d = verdict(st("Fees rise in May."), st("Parking in the old town is free."), ab=np.array([0.1, 0.2, 0.7]),
                ba=np.array([0.2, 0.3, 0.5]))
    assert "a→b 0.70, b→a 0.50" in d.explanation
