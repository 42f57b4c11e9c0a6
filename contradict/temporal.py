"""The verdict function: NLI probabilities + topic similarity + actors + times + cue phrases -> a verdict.

This module is the one place where verdicts are decided (:func:`decide`). The rules, in order:

1. **Unrelated**: topic similarity below ``verdict.unrelated_similarity``.
2. **Conflict or not**: the pair conflicts when the NLI contradiction probability (the larger of the two
   directions) reaches ``verdict.contradiction_threshold`` and the smaller one reaches
   ``verdict.min_direction_contradiction`` (contradiction is symmetric), or when the texts are near-identical
   (token overlap >= ``verdict.near_identical_overlap``) but differ in an aligned number, date, name,
   negation or permit/forbid modality and the NLI contradiction probability is at least
   ``verdict.signal_contradiction_floor``, or when one statement permits what the other rules out
   (opposite modality) on the same topic. No conflict -> **consistent**.
3. **Carve-out**: a narrow exception inside an unchanged general rule is **consistent** when said at the
   same time; when the exception comes after an earlier blanket statement, it is a partial shift.
   **Restatement**: both statements take the same permit/forbid stance and the later one says nothing
   changed ("has not changed") -> **consistent**, whatever the NLI model says.
4. Times. Two times per statement: when it was *made* (``Statement.time``) and the period it is *about*
   (read from its text by :mod:`contradict.timeexpr`):
   - both texts name validity periods ("Tax Year 2023", "effective January 1, 2026") that do not overlap
     -> **policy_shift** (even with no statement times);
   - the later statement is explicitly about a period that ended before the earlier statement was made,
     and the earlier one names no period -> both describe the same past period -> **contradiction**
     (a later admission about a past event contradicts an earlier denial). When both texts name the
     same dated frame, the later one is read as the actor's revised account and falls to the next rule;
   - same actor, the later statement made later (beyond ``verdict.same_time_tolerance_days``) and about a
     later period or "now" -> **policy_shift**, graded ``half_flip`` (narrowed scope, carve-out, changed
     amount) or ``full_flop`` (reversal);
   - different actors at different times, one of them tying its claim to the moment it was made ("at this
     point", "currently") -> both can be true -> **consistent**;
   - otherwise (same or unknown time, or different actors) -> **contradiction**; the explanation says when
     the speakers differ.
5. **Denied shift**: the later statement of a shift claims that nothing changed ("has not changed",
   "no change to our policy").

Actors come from :mod:`contradict.actors`: an unknown speaker is its own actor; a missing speaker is
unknown and is treated as possibly the same actor (statements without speakers usually come from one
document or feed).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np

from . import actors as actors_mod
from . import signals, timeexpr
from .config import VerdictConfig
from .records import Finding, Statement, TimeWindow, Verdict

LABELS = ("entailment", "neutral", "contradiction")
_VALIDITY_WORDS = ("fiscal", "tax year", "fy", "effective", "as of", "starting", "beginning", "from", "until",
                   "through", "prior to", "before", "since", "by ", "till")
_CONFLICT_KINDS = ("number", "date", "entity", "negation", "modality")


@dataclass(frozen=True)
class Decision:
    """What :func:`decide` returns: the verdict and the fields that drove it."""

    verdict: Verdict
    explanation: str
    grade: str | None
    actor_a: str | None
    actor_b: str | None
    about_a: TimeWindow | None
    about_b: TimeWindow | None
    signals: tuple[str, ...]
    denied_shift: bool


def default_actor_table() -> actors_mod.ActorTable:
    """The packaged actor alias table (loaded once)."""
    return actors_mod.default_table()


def combine(scores_ab: np.ndarray, scores_ba: np.ndarray) -> dict[str, float]:
    """Symmetric pair probabilities: the mean of both directions (sums to 1).

    Example:
        >>> combine(np.array([0.8, 0.1, 0.1]), np.array([0.2, 0.7, 0.1]))["entailment"]
        0.5
    """
    mean = (np.asarray(scores_ab, dtype=float) + np.asarray(scores_ba, dtype=float)) / 2.0
    return {label: round(float(v), 6) for label, v in zip(LABELS, mean)}


def _day(t: date | datetime | None) -> date | None:
    return t.date() if isinstance(t, datetime) else t


def _fmt(t: date | None) -> str:
    return f"{t.day} {t:%b %Y}" if t else "undated"


def _is_validity(w: TimeWindow | None) -> bool:
    if w is None or w.kind == "now" or (w.start is None and w.end is None):
        return False
    phrase = (w.phrase or "").lower()
    return w.kind in ("from", "until") or any(word in phrase for word in _VALIDITY_WORDS)


def _explicit(w: TimeWindow | None) -> bool:
    return w is not None and w.kind != "now" and (w.start is not None or w.end is not None)


def _window_text(w: TimeWindow) -> str:
    return f"'{w.phrase}'" if w.phrase else f"{_fmt(w.start)}..{_fmt(w.end)}"


def decide(a: Statement, b: Statement, scores_ab: np.ndarray | Mapping[str, float],
           scores_ba: np.ndarray | Mapping[str, float], similarity: float,
           config: VerdictConfig | None = None, *, actors: actors_mod.ActorTable | None = None) -> Decision:
    """Decide the verdict for one pair. The single place where verdicts are decided (rules: module docstring).

    Args:
        a, b: the two statements (any order; the earlier one is found from the statement times).
        scores_ab: NLI probabilities (entailment, neutral, contradiction) with ``a`` as premise.
        scores_ba: the reverse direction.
        similarity: topic similarity (cosine).
        config: thresholds; the defaults when None.
        actors: the actor alias table; the packaged one when None.

    Example:
        >>> from datetime import date
        >>> a = Statement("1", "The curfew starts at 10 pm.", "City Hall", date(2024, 3, 1))
        >>> b = Statement("2", "The curfew starts at 8 pm.", "City Hall", date(2024, 4, 1))
        >>> decide(a, b, [0.1, 0.3, 0.6], [0.1, 0.3, 0.6], 0.95).verdict.value
        'policy_shift'
    """
    cfg = config or VerdictConfig()
    table = actors or default_actor_table()
    pab = _as_array(scores_ab)
    pba = _as_array(scores_ba)
    p_contra = float(max(pab[2], pba[2]))
    p_entail = float(max(pab[0], pba[0]))
    p_contra_min = float(min(pab[2], pba[2]))

    actor_a = table.resolve(a.speaker, a.meta.get("organisation") if a.meta else None)
    actor_b = table.resolve(b.speaker, b.meta.get("organisation") if b.meta else None)
    ta, tb = _day(a.time), _day(b.time)
    about_a = timeexpr.about_window(a.text, ta)
    about_b = timeexpr.about_window(b.text, tb)

    def done(verdict: Verdict, explanation: str, grade: str | None = None, found: tuple[str, ...] = (),
             denied: bool = False) -> Decision:
        return Decision(verdict, explanation, grade, actor_a, actor_b, about_a, about_b, found, denied)

    if similarity < cfg.unrelated_similarity:
        return done(Verdict.UNRELATED, f"Topic similarity {similarity:.2f} is below "
                                       f"{cfg.unrelated_similarity:.2f} → unrelated.")

    # Aligned substitutions mean something only when the texts are otherwise near-identical.
    overlap = signals.overlap_ratio(a.text, b.text)
    subs = [s for s in signals.aligned_substitutions(a.text, b.text) if s.kind in _CONFLICT_KINDS] \
        if overlap >= cfg.near_identical_overlap else []
    mod_a, mod_b = signals.modality(a.text), signals.modality(b.text)
    modality_flip = mod_a is not None and mod_b is not None and mod_a != mod_b
    found = [f"{s.kind}: {s.before} → {s.after}" for s in subs]
    if modality_flip:
        found.append(f"modality: {mod_a} → {mod_b}")
    cues_a, cues_b = signals.change_cues(a.text), signals.change_cues(b.text)
    for name, cues in (("a", cues_a), ("b", cues_b)):
        if cues.claims_no_change:
            found.append(f"claims no change ({name})")
        if cues.claims_change:
            found.append(f"claims a change ({name})")

    nli_conflict = p_contra >= cfg.contradiction_threshold and p_contra_min >= cfg.min_direction_contradiction
    signal_conflict = bool(subs) and p_contra >= cfg.signal_contradiction_floor
    conflict = nli_conflict or signal_conflict or modality_flip
    why = _conflict_reason(nli_conflict, signal_conflict, modality_flip, p_contra, subs, mod_a, mod_b)
    found_t = tuple(found)

    known_same = actors_mod.same_actor(actor_a, actor_b)
    same_actor = known_same is not False
    actor_txt = f"Same actor ({actor_a or actor_b})" if known_same else \
        "Speakers unknown" if actor_a is None and actor_b is None else \
        f"Same source assumed ({actor_a or actor_b}; one speaker unknown)" if same_actor else \
        f"Different speakers ({actor_a} vs {actor_b})"

    if not conflict:
        how = "one statement entails the other" if p_entail >= cfg.entailment_threshold else "compatible content"
        return done(Verdict.CONSISTENT, f"{actor_txt}; {how} (P(entailment)={p_entail:.2f}, "
                                        f"P(contradiction)={p_contra:.2f}) → consistent.", found=found_t)

    # Order by statement time: `first` was said before `second` when both are known.
    swapped = ta is not None and tb is not None and tb < ta
    first, second = (b, a) if swapped else (a, b)
    t1, t2 = (tb, ta) if swapped else (ta, tb)
    w1, w2 = (about_b, about_a) if swapped else (about_a, about_b)
    later_cues = cues_a if swapped else cues_b
    later_scope = signals.scope_restrictions(second.text)
    earlier_scope = signals.scope_restrictions(first.text)
    narrowed = tuple(s for s in later_scope if s not in earlier_scope)
    same_time = t1 is None or t2 is None or abs((t2 - t1).days) <= cfg.same_time_tolerance_days
    carve_out = same_actor and (signals.is_carve_out(a.text, b.text) or signals.is_carve_out(b.text, a.text))

    # 3. carve-out inside an unchanged rule, said together
    if carve_out and same_time:
        return done(Verdict.CONSISTENT, f"{actor_txt}; one statement makes a narrow exception "
                                        f"({', '.join(narrowed or later_scope or earlier_scope) or 'narrowed scope'}) "
                                        "inside the other's unchanged rule → consistent (carve-out).", found=found_t)

    # 3b. a restatement: same permit/forbid stance, the later statement says nothing changed
    if same_actor and mod_a is not None and mod_a == mod_b and not subs and later_cues.claims_no_change \
            and not later_cues.claims_change:
        phrase = later_cues.phrases[0] if later_cues.phrases else "no change"
        return done(Verdict.CONSISTENT, f"{actor_txt}; both statements {mod_a} the same thing and the later one "
                                        f"says '{phrase}' → consistent (restated position).", found=found_t)

    # 4a. different validity periods named in the text
    order = timeexpr.compare_windows(w1, w2) if w1 is not None and w2 is not None else "unknown"
    if same_actor and _is_validity(w1) and _is_validity(w2) and order in ("before", "after"):
        older, newer = (w1, w2) if order == "before" else (w2, w1)
        assert older is not None and newer is not None
        grade = _grade(narrowed, subs, modality_flip, carve_out)
        return done(Verdict.POLICY_SHIFT, f"{actor_txt}; the texts govern different periods "
                                          f"({_window_text(older)} vs {_window_text(newer)}) and {why} "
                                          f"→ policy shift ({grade.replace('_', ' ')}).", grade, found_t)

    # 4b. the later statement is about a past period that the earlier one covered without naming it
    if t1 is not None and w2 is not None and _explicit(w2) and w2.end is not None and w2.end < t1 and \
            not _explicit(w1):
        return done(Verdict.CONTRADICTION, f"{actor_txt}; the {_fmt(t2)} statement is about "
                                           f"{_window_text(w2)}, before the {_fmt(t1)} statement was made, so both "
                                           f"describe the same past period and {why} → contradiction, not a shift.",
                    found=found_t)

    # 4c. same actor, later statement about a later period or now
    if same_actor and not same_time:
        grade = _grade(narrowed, subs, modality_flip, carve_out)
        denied = later_cues.claims_no_change
        what = _what_changed(second, first, t1, t2, mod_a, mod_b, swapped, subs, narrowed, why)
        text = f"{actor_txt}; {what} → policy shift ({grade.replace('_', ' ')})"
        if denied:
            text += f"; the {_fmt(t2)} statement says nothing changed (denied shift)"
        return done(Verdict.POLICY_SHIFT, text + ".", grade, found_t, denied)

    when = "at an unknown time" if t1 is None or t2 is None else \
        f"on the same day ({_fmt(t1)})" if t1 == t2 else f"within {cfg.same_time_tolerance_days} days"
    if not same_actor:
        when = "about the same time" if same_time else f"({_fmt(t1)} and {_fmt(t2)})"
        now_bound = [w for w in (w1, w2) if w is not None and w.kind == "now"]
        if not same_time and now_bound:
            return done(Verdict.CONSISTENT, f"{actor_txt} {when}: {why}, but '{now_bound[0].phrase}' ties the "
                                            "claim to the day it was made, so both can be true → consistent "
                                            "(no contradiction).", found=found_t)
    return done(Verdict.CONTRADICTION, f"{actor_txt} {when}: {why} → contradiction.", found=found_t)


def _as_array(scores: np.ndarray | Mapping[str, float] | list[float]) -> np.ndarray:
    if isinstance(scores, Mapping):
        return np.array([float(scores[k]) for k in LABELS])
    return np.asarray(scores, dtype=float).reshape(3)


def _conflict_reason(nli: bool, signal: bool, modality_flip: bool, p_contra: float,
                     subs: list[signals.Substitution], mod_a: str | None, mod_b: str | None) -> str:
    if signal and subs:
        s = subs[0]
        return f"the otherwise near-identical texts differ in {s.kind} ({s.before} → {s.after})"
    if modality_flip and not nli:
        return f"one {mod_b if mod_b == 'permit' else mod_a}s what the other {'forbid' if mod_b == 'permit' else 'permit'}s"
    return f"the texts conflict (P(contradiction)={p_contra:.2f})"


def _grade(narrowed: tuple[str, ...], subs: list[signals.Substitution], modality_flip: bool,
           carve_out: bool) -> str:
    """PolitiFact Flip-O-Meter style: narrowed scope, carve-out or a changed amount is a half flip."""
    if carve_out or narrowed:
        return "half_flip"
    if subs and all(s.kind in ("number", "date") for s in subs) and not modality_flip:
        return "half_flip"
    return "full_flop"


def _what_changed(second: Statement, first: Statement, t1: date | None, t2: date | None, mod_a: str | None,
                  mod_b: str | None, swapped: bool, subs: list[signals.Substitution], narrowed: tuple[str, ...],
                  why: str) -> str:
    m1, m2 = (mod_b, mod_a) if swapped else (mod_a, mod_b)
    if m1 == "forbid" and m2 == "permit":
        text = f"the {_fmt(t2)} statement permits what the {_fmt(t1)} statement ruled out"
    elif m1 == "permit" and m2 == "forbid":
        text = f"the {_fmt(t2)} statement rules out what the {_fmt(t1)} statement permitted"
    elif subs:
        s = subs[0]
        before, after = (s.after, s.before) if swapped else (s.before, s.after)
        text = f"the {_fmt(t2)} statement changes {before} to {after} from the {_fmt(t1)} statement"
    else:
        text = f"the {_fmt(t2)} statement departs from the {_fmt(t1)} statement ({why})"
    if narrowed:
        text += f", narrowed ({'; '.join(narrowed)})"
    return text


def to_finding(a: Statement, b: Statement, scores_ab: np.ndarray, scores_ba: np.ndarray, similarity: float,
               decision: Decision, *, split: bool = False) -> Finding:
    """Assemble the :class:`Finding` for a decided pair."""
    return Finding(a=a, b=b, verdict=decision.verdict, scores=combine(scores_ab, scores_ba),
                   scores_ab={k: round(float(v), 6) for k, v in zip(LABELS, scores_ab)},
                   scores_ba={k: round(float(v), 6) for k, v in zip(LABELS, scores_ba)},
                   similarity=round(float(similarity), 6), explanation=decision.explanation, grade=decision.grade,
                   actor_a=decision.actor_a, actor_b=decision.actor_b, about_a=decision.about_a,
                   about_b=decision.about_b, signals=decision.signals, denied_shift=decision.denied_shift,
                   split_sentences=split)


def redecide(finding: Finding, config: VerdictConfig, *, actors: actors_mod.ActorTable | None = None) -> Finding:
    """Re-run only the verdict function on a finding's stored scores (for calibration: no model needed).

    Example:
        >>> f2 = redecide(f, VerdictConfig(contradiction_threshold=0.9))   # doctest: +SKIP
    """
    d = decide(finding.a, finding.b, finding.scores_ab, finding.scores_ba, finding.similarity, config,
               actors=actors)
    return dataclasses.replace(finding, verdict=d.verdict, explanation=d.explanation, grade=d.grade,
                               actor_a=d.actor_a, actor_b=d.actor_b, about_a=d.about_a, about_b=d.about_b,
                               signals=d.signals, denied_shift=d.denied_shift)
