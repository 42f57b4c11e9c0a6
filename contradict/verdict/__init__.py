"""The verdict stage: NLI probabilities + topic similarity + actors + times + cue phrases -> a verdict.

* :mod:`.decide`: the rule table, the one place where verdicts are made (:func:`decide`);
* :mod:`.timeexpr`: the period a statement is *about*, read from its text, and every date reader;
* :mod:`.actors`: who stands behind a speaker;
* :mod:`.cues`: conflict and change cues beyond NLI (aligned substitutions, modality, change claims, scope).

Example:
    >>> from contradict.verdict import decide
"""

from __future__ import annotations

from .actors import ActorTable, default_table
from .decide import RULES, Decision, Rule, combine, decide, default_actor_table, redecide, to_finding

__all__ = ["RULES", "ActorTable", "Decision", "Rule", "combine", "decide", "default_actor_table", "default_table",
           "redecide", "to_finding"]
