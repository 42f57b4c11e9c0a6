"""The verdict function: NLI probabilities + topic similarity + actors + times + cue phrases -> a verdict.

This module is the one place where verdicts are decided. :func:`decide` gathers what is known about a
pair (:class:`PairFacts`) and tries the rules of :data:`RULES` in order; the first rule that returns a
:class:`Decision` decides, and the decision names it (``Decision.rule``). Each rule is a small function a
fact-checker would recognise:

==================================  ==================================================================
rule                                decides
==================================  ==================================================================
``unrelated topic``                 topic similarity below ``verdict.unrelated_similarity`` -> unrelated, unless
                                    one actor says both and they share a content word (not a name, not the
                                    actor's own words, not a time word)
``different named subjects``        both texts name what they are about and share no name (Meridia's income
                                    tax / Karsland's import tariffs) -> unrelated
``change announced``                same actor, no conflict, the later statement announces an update ("has been
                                    moved to", "postponed", "rises to", "no longer", "with effect from") ->
                                    policy_shift
``no conflict``                     the texts do not conflict (below) -> consistent
``restatement``                     one text says what the other says, possibly with words added (no changed
                                    number, date, name, negation or permission) -> consistent
``same limit restated``             one text allows one side of a line on a quantity, the other excludes the
                                    other side ("must be at least 17" / "No one under 17 may ..."; "capped at
                                    15" / "never more than fifteen"), nothing said to have changed -> consistent
``carve-out``                       a narrow exception inside an unchanged rule, said together -> consistent
``exception inside a rule``         a permission narrower than the other's prohibition or duty (a quantity,
                                    a condition, a narrower subject), an extra option beside a duty ("may
                                    also"), or the means of a duty that names none ("must be reported within
                                    24 hours" / "can be reported online or by phone"), said together ->
                                    consistent; said later it is a half_flip
``restated position``               same permit/forbid stance, the later one says nothing changed ->
                                    consistent
``plan confirmed``                  same actor, later statement confirms what the earlier one announced ("as
                                    planned", "as announced", "goes ahead", "still on", "Reminder:"), no other
                                    day, no new figure, no narrower scope or negation, not two past facts ->
                                    consistent
``same figures reworded``           the same figures (a quantity, not a number naming the subject) and
                                    times in other words, nothing negated or permitted on one side only, no
                                    announced update -> consistent
``duty restated``                   one text forbids an act unless / without something, the other requires
                                    it for the act ("may not fly a drone without a permit" / "flying a drone
                                    requires a permit") -> consistent
``validity periods differ``         both texts govern validity periods that do not overlap ("Tax Year
                                    2023" / "Tax Year 2024") -> policy_shift (even without statement times)
``new rule takes effect``           same actor; one text sets a rule from a date ("Effective March 1, 2026,
                                    ..."), the other states it with no period, before that date ->
                                    policy_shift
``later account of a past period``  the later statement is about a period that ended before the earlier one
                                    was made, which named no period (a later admission) -> contradiction
``past event elaborated``           same actor, later statement: both report a past event, the longer one
                                    does not contradict the shorter (below even odds), nothing negated,
                                    replaced or called a correction -> consistent (a fuller account)
``past fact corrected``             same actor, later statement: both report a past event or state, in
                                    different words -> contradiction (a correction or admission; facts
                                    about the past cannot shift)
``position changed over time``      same actor, later statement made later -> policy_shift, graded
                                    ``half_flip`` (narrowed scope, carve-out, changed amount) or
                                    ``full_flop`` (reversal); ``denied_shift`` when the later one claims
                                    nothing changed
``claims tied to their moment``     different actors at different times, one claim tied to its moment
                                    ("at this point") -> consistent
``conflict``                        everything else that conflicts (same or unknown time, or different
                                    actors) -> contradiction; the explanation says when speakers differ
==================================  ==================================================================

**Conflict**: the pair conflicts when the NLI contradiction probability (the larger of the two directions)
reaches ``verdict.contradiction_threshold`` and the smaller one reaches
``verdict.min_direction_contradiction``; or when the texts are near-identical (token overlap >=
``verdict.near_identical_overlap``) but differ in an aligned number, date, name, negation or permit/forbid
word and the NLI contradiction probability is at least ``verdict.signal_contradiction_floor``; or when one
statement permits what the other rules out; or when one actor at one time gives one figure each for what reads as
one thing (topic similarity >= 0.75, same unit and measure, no bound, no different subjects) and the figures
differ ("employs 1,200 people" / "850 people work on the project").

Two times per statement: when it was *made* (``Statement.time``) and the period it is *about* (read from
its text by :mod:`contradict.verdict.timeexpr`). Actors come from :mod:`contradict.verdict.actors`: an
unknown speaker is its own actor; a missing speaker is unknown and is treated as possibly the same actor
(statements without speakers usually come from one document or feed).

A new rule is one function ``(facts) -> Decision | None`` added to :data:`RULES` where it belongs in the
order, and one test.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property, lru_cache

import numpy as np

from ..config import VerdictConfig
from ..errors import InputError, InputTypeError
from ..records import LABELS, Finding, Statement, TimeWindow, Verdict
from ..text import MONTHS, WEEKDAYS, as_date
from . import actors as actors_mod
from . import cues, roles, timeexpr

__all__ = ["RULES", "Decision", "PairFacts", "Rule", "combine", "decide", "default_actor_table", "redecide",
           "to_finding"]

_VALIDITY_WORDS = ("fiscal", "tax year", "fy", "effective", "as of", "starting", "beginning", "from", "until",
                   "through", "prior to", "before", "since", "by ", "till")
_CONFLICT_KINDS = ("number", "date", "entity", "negation", "modality", "opposite")
_VALIDITY_CUE_RE = re.compile(r"(?i)\b(?:effective|starting|beginning|commencing|with\s+effect|on\s+or\s+after)\b")
# Token overlap from which two accounts of a past fact are one record revised (an edited sentence), not two accounts.
_REVISED_RECORD = 0.75
# Topic similarity from which two texts of one actor giving one figure each are read as about one thing.
_SAME_THING_SIMILARITY = 0.65
# Token overlap from which a restated position without a permit/forbid word reads as the same position.
_SAME_WORDING = 0.5
# Words that change a claim when added to it ("the second largest", "the former mayor", "almost all").
_ORDINALS = frozenset(["first", "second", "third", "fourth", "fifth", "last", "former", "ex", "next", "previous", "almost", "nearly", "partly", "partially", "mostly", "largely", "no", "longer"])


@dataclass(frozen=True)
class Decision:
    """What :func:`decide` returns: the verdict, the rule that decided it and the fields that drove it."""

    verdict: Verdict
    explanation: str
    grade: str | None
    actor_a: str | None
    actor_b: str | None
    about_a: TimeWindow | None
    about_b: TimeWindow | None
    signals: tuple[str, ...]
    denied_shift: bool
    rule: str = ""


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


def _fmt(t: date | None) -> str:
    return f"{t.day} {t:%b %Y}" if t else "undated"


def _is_validity(w: TimeWindow | None) -> bool:
    if w is None or w.kind == "now" or (w.start is None and w.end is None):
        return False
    phrase = (w.phrase or "").lower()
    return w.kind in ("from", "until") or any(word in phrase for word in _VALIDITY_WORDS)


def _explicit(w: TimeWindow | None) -> bool:
    return w is not None and w.kind != "now" and (w.start is not None or w.end is not None)


def _rule_start(w: TimeWindow | None, text: str) -> date | None:
    """The day a rule starts when the window starts one ("effective 1 July", "from FY2026", "starting 1 Jan", "for
    purchases on or after 1 March"); None for a state that has held since a past date ("since 1999", "after the
    vote") or any other window."""
    if w is None or w.kind != "from" or w.start is None:
        return None
    phrase = (w.phrase or "").lower()
    if phrase.startswith("since") or (phrase.startswith("after") and not _VALIDITY_CUE_RE.search(text)):
        return None
    return w.start


def _window_text(w: TimeWindow) -> str:
    return f"'{w.phrase}'" if w.phrase else f"{_fmt(w.start)}..{_fmt(w.end)}"


def _as_array(scores: np.ndarray | Mapping[str, float] | list[float], name: str) -> np.ndarray:
    """Three finite probabilities in label order, from an array, a sequence or a label mapping.

    Raises:
        InputTypeError: not three numbers (``name`` is the argument).
        InputError: a probability is NaN or infinite.
    """
    try:
        if isinstance(scores, Mapping):
            values = np.array([_real(scores[k]) for k in LABELS], dtype=float)
        else:
            values = np.array([_real(v) for v in np.asarray(scores, dtype=object).reshape(-1)], dtype=float)
    except (KeyError, TypeError, ValueError):
        raise InputTypeError(f"expected three probabilities ({', '.join(LABELS)}), got {scores!r}"[:200],
                             field=name) from None
    if values.shape != (3,):
        raise InputTypeError(f"expected three probabilities ({', '.join(LABELS)}), got {values.size}", field=name)
    if not np.isfinite(values).all():
        raise InputError(f"probabilities must be finite numbers, got {values.tolist()}", field=name)
    return values


def _real(value: object) -> float:
    if isinstance(value, (bool, str, bytes)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(value)
    return float(value)


# --------------------------------------------------------------------------------------------- facts


class PairFacts:
    """Everything the rules read about one pair, each computed once and only when a rule asks for it.

    ``first``/``second`` (and ``t1``/``t2``, ``w1``/``w2``) are the two statements in the order they were
    made (input order when a time is unknown or equal).
    """

    def __init__(self, a: Statement, b: Statement, scores_ab: np.ndarray, scores_ba: np.ndarray,
                 similarity: float, config: VerdictConfig, actors: actors_mod.ActorTable) -> None:
        self.a, self.b = a, b
        self.similarity = similarity
        self.cfg = config
        self.p_ab, self.p_ba = scores_ab, scores_ba
        self.p_contra = float(max(scores_ab[2], scores_ba[2]))
        self.p_entail = float(max(scores_ab[0], scores_ba[0]))
        self.p_contra_min = float(min(scores_ab[2], scores_ba[2]))
        self.actor_a = actors.resolve(a.speaker, a.meta.get("organisation") if a.meta else None)
        self.actor_b = actors.resolve(b.speaker, b.meta.get("organisation") if b.meta else None)
        self.ta, self.tb = as_date(a.time), as_date(b.time)
        self.about_a = timeexpr.about_window(a.text, self.ta)
        self.about_b = timeexpr.about_window(b.text, self.tb)
        self.swapped = self.ta is not None and self.tb is not None and self.tb < self.ta
        self.first, self.second = (b, a) if self.swapped else (a, b)
        self.t1, self.t2 = (self.tb, self.ta) if self.swapped else (self.ta, self.tb)
        self.w1, self.w2 = (self.about_b, self.about_a) if self.swapped else (self.about_a, self.about_b)

    def decision(self, verdict: Verdict, explanation: str, grade: str | None = None, *, with_signals: bool = True,
                 denied: bool = False) -> Decision:
        return Decision(verdict, explanation, grade, self.actor_a, self.actor_b, self.about_a, self.about_b,
                        self.signals if with_signals else (), denied)

    # -- cues read from the texts
    @cached_property
    def substitutions(self) -> list[cues.Substitution]:
        """Aligned conflicting substitutions; only near-identical texts have any that mean something."""
        if cues.overlap_ratio(self.a.text, self.b.text) < self.cfg.near_identical_overlap:
            return []
        return self.all_substitutions  # one alignment per pair (it also reads both texts' dates)

    @cached_property
    def all_substitutions(self) -> list[cues.Substitution]:
        """Aligned conflicting substitutions however much the texts overlap."""
        return [s for s in cues.aligned_substitutions(self.a.text, self.b.text) if s.kind in _CONFLICT_KINDS]

    @cached_property
    def mod_a(self) -> str | None:
        return cues.modality(self.a.text)

    @cached_property
    def mod_b(self) -> str | None:
        return cues.modality(self.b.text)

    @cached_property
    def modality_flip(self) -> bool:
        return self.mod_a is not None and self.mod_b is not None and self.mod_a != self.mod_b

    @cached_property
    def cues_a(self) -> cues.ChangeCues:
        return cues.change_cues(self.a.text)

    @cached_property
    def cues_b(self) -> cues.ChangeCues:
        return cues.change_cues(self.b.text)

    @property
    def later_cues(self) -> cues.ChangeCues:
        return self.cues_a if self.swapped else self.cues_b

    @cached_property
    def signals(self) -> tuple[str, ...]:
        found = [f"{s.kind}: {s.before} → {s.after}" for s in self.substitutions]
        if self.modality_flip:
            found.append(f"modality: {self.mod_a} → {self.mod_b}")
        for name, c in (("a", self.cues_a), ("b", self.cues_b)):
            if c.claims_no_change:
                found.append(f"claims no change ({name})")
            if c.claims_change:
                found.append(f"claims a change ({name})")
        return tuple(found)

    # -- conflict
    @cached_property
    def nli_conflict(self) -> bool:
        return (self.p_contra >= self.cfg.contradiction_threshold
                and self.p_contra_min >= self.cfg.min_direction_contradiction)

    @cached_property
    def signal_conflict(self) -> bool:
        return bool(self.substitutions) and self.p_contra >= self.cfg.signal_contradiction_floor

    @cached_property
    def figure_conflict(self) -> tuple[str, str] | None:
        """One actor (or an unknown speaker) gives one figure each for what reads as one thing, in the same unit and
        measure, and the figures differ ("The project employs 1,200 people" / "There are 850 people working on the
        project"; "4,200 active customers" / "2,700 customers"; "20%" / "22 per cent"): (figure a, figure b). The
        texts must be close in topic (similarity >= 0.65) and not about different subjects; bounds
        ("at least 5") and changes ("rose by 20") are not values. At two times the rules below decide whether the
        figure moved (a shift) or one account is wrong (a past fact)."""
        if self.known_same_actor is False or self.similarity < _SAME_THING_SIMILARITY:
            return None
        fa, fb = cues.single_figure(self.a.text), cues.single_figure(self.b.text)
        if fa is None or fb is None or fa[0] == fb[0] or fa[2] != fb[2]:
            return None
        if fa[1] != fb[1] and not cues.figure_nouns(self.a.text) & cues.figure_nouns(self.b.text):
            return None  # "4,200 active customers" / "2,700 customers" count one thing; "5 km" / "5 kg" do not
        if cues.subject_difference(self.a.text, self.b.text) is not None:
            return None
        return fa[3], fb[3]

    @property
    def conflict(self) -> bool:
        return self.nli_conflict or self.signal_conflict or self.modality_flip or self.figure_conflict is not None

    @cached_property
    def why(self) -> str:
        """Why the texts conflict, as a clause of an explanation."""
        if self.signal_conflict:
            s = self.substitutions[0]
            return f"the otherwise near-identical texts differ in {s.kind} ({s.before} → {s.after})"
        if self.figure_conflict is not None and not self.nli_conflict and not self.modality_flip:
            x, y = self.figure_conflict
            return f"the texts give different figures for one thing ({x} vs {y})"
        if self.modality_flip and not self.nli_conflict:
            permits = self.mod_b if self.mod_b == "permit" else self.mod_a
            other = "forbid" if self.mod_b == "permit" else "permit"
            return f"one {permits}s what the other {other}s"
        return f"the texts conflict ({self.quote('contradiction')})"

    def quote(self, label: str) -> str:
        """A probability as the finding holds it: both directions (``scores_ab``, ``scores_ba``)."""
        k = LABELS.index(label)
        return f"P({label}) a→b {float(self.p_ab[k]):.2f}, b→a {float(self.p_ba[k]):.2f}"

    # -- actors and times
    @cached_property
    def known_same_actor(self) -> bool | None:
        return actors_mod.same_actor(self.actor_a, self.actor_b)

    @property
    def same_actor(self) -> bool:
        """Same actor, or possibly the same (a speaker is unknown)."""
        return self.known_same_actor is not False

    @cached_property
    def actor_text(self) -> str:
        if self.known_same_actor:
            return f"Same actor ({self.actor_a or self.actor_b})"
        if self.actor_a is None and self.actor_b is None:
            return "Speakers unknown"
        if self.same_actor:
            return f"Same source assumed ({self.actor_a or self.actor_b}; one speaker unknown)"
        return f"Different speakers ({self.actor_a} vs {self.actor_b})"

    @cached_property
    def same_time(self) -> bool:
        return self.t1 is None or self.t2 is None or abs((self.t2 - self.t1).days) <= self.cfg.same_time_tolerance_days

    @cached_property
    def later_scope(self) -> tuple[str, ...]:
        return cues.scope_restrictions(self.second.text)

    @cached_property
    def earlier_scope(self) -> tuple[str, ...]:
        return cues.scope_restrictions(self.first.text)

    @cached_property
    def narrowed(self) -> tuple[str, ...]:
        """Scope restrictions the later statement adds."""
        return tuple(s for s in self.later_scope if s not in self.earlier_scope)

    @cached_property
    def carve_out(self) -> bool:
        return self.same_actor and (cues.is_carve_out(self.a.text, self.b.text)
                                    or cues.is_carve_out(self.b.text, self.a.text))

    @cached_property
    def exception(self) -> tuple[str, tuple[str, ...]] | None:
        """``(kind, narrowing words)`` when one statement is an exception or extra option inside the other's rule."""
        for rule, other in ((self.a.text, self.b.text), (self.b.text, self.a.text)):
            found = cues.exception_in(rule, other)
            if found is not None:
                return found
        return None

    @cached_property
    def grade(self) -> str:
        """PolitiFact Flip-O-Meter style: narrowed scope, carve-out, an exception or extra option inside a rule, or a
        changed amount is a half flip."""
        if self.carve_out or self.narrowed or self.exception is not None:
            return "half_flip"
        subs = self.substitutions
        if subs and all(s.kind in ("number", "date") for s in subs) and not self.modality_flip:
            return "half_flip"
        return "full_flop"


# --------------------------------------------------------------------------------------------- rules


def unrelated_topic(f: PairFacts) -> Decision | None:
    """Topic similarity below ``verdict.unrelated_similarity``, unless one actor speaks in both and the texts share a
    content word that is not the actor's own name ("Quietbrook does not do home visits" / "patients can now book a
    home visit from Quietbrook"): an actor's two statements on one thing can be worded far apart."""
    if f.similarity >= f.cfg.unrelated_similarity:
        return None
    if f.known_same_actor and _shared_content_word(f):
        return None
    if f.same_actor and f.exception is not None:
        return None  # "Kiosks inside hospitals are exempt from the cup charge": an exception names the rule it is from
    return f.decision(Verdict.UNRELATED, f"Topic similarity {f.similarity:.2f} is below "
                                         f"{f.cfg.unrelated_similarity:.2f} → unrelated.", with_signals=False)


# Words of four letters or more that carry no topic of their own.
_NO_TOPIC_WORDS = frozenset(["less", "more", "year", "years", "every", "said", "says", "will", "would", "also", "been",
                             "each", "made", "make", "news", "today", "time", "times", "week", "weeks", "month",
                             "months", "people", "number", "part", "work"])


_TIME_WORDS = frozenset([*MONTHS, *WEEKDAYS, "spring", "summer", "autumn", "winter"])
# A word that starts the text or a sentence (its capital says nothing about being a name).
_AT_SENTENCE_START_RE = re.compile(r"(?:^|[.!?:;]\s+|[\"\u201c]\s*)$")


@lru_cache(maxsize=8192)
def _content_words(text: str) -> tuple[tuple[str, str], ...]:
    """(word, word without a plural "s") for each content word of a text written in lower case (or capitalised only
    to start a sentence; names are left out), four letters or more, not a time word."""
    words = []
    for m in re.finditer(r"[A-Za-z]+", text):
        w = m.group()
        if w[:1].isupper() and not (w[1:].islower() and _AT_SENTENCE_START_RE.search(text[:m.start()])):
            continue  # a name ("Port Ilsey", "NPRT"), not a topic word
        w = w.lower()
        if len(w) >= 4 and w not in _NO_TOPIC_WORDS and w not in _TIME_WORDS and not cues.is_function_word(w):
            words.append((w, w[:-1] if w.endswith("s") and not w.endswith("ss") else w))
    return tuple(words)


def _topic_words(text: str, own: frozenset[str]) -> set[str]:
    """The content words of a text (:func:`_content_words`) without the actors' own words."""
    return {stem for w, stem in _content_words(text) if w not in own}


def _shared_content_word(f: PairFacts) -> bool:
    """Whether the texts share a content word that is not a word of their actors' names."""
    own = frozenset(w.lower() for w in re.findall(r"[A-Za-z]+", f"{f.a.speaker or ''} {f.b.speaker or ''} "
                                                                f"{f.actor_a or ''} {f.actor_b or ''}"))
    return bool(_topic_words(f.a.text, own) & _topic_words(f.b.text, own))


def different_named_subjects(f: PairFacts) -> Decision | None:
    """Both texts name their subject (before the verb), and the names have nothing in common, nor with anything
    the other text names: different bodies, places or laws ("Meridia's income tax" / "Karsland's tariffs")."""
    names_a, names_b = cues.subject_names(f.a.text), cues.subject_names(f.b.text)
    if f.known_same_actor:  # one actor naming itself ("..., Governor Selma Raud said") names no other subject
        own = _words_of(f"{f.a.speaker or ''} {f.b.speaker or ''} {f.actor_a or ''} {f.actor_b or ''}")
        names_a, names_b = (tuple(n for n in names if not set(n.split()) <= own) for names in (names_a, names_b))
    if not names_a or not names_b or cues.share_a_name(names_a, f.b.text) or cues.share_a_name(names_b, f.a.text):
        return None
    if cues.first_capitalised(f.a.text) == cues.first_capitalised(f.b.text):
        return None  # the same first name ("Simon marries Greta" / "Simon marries Sophia"): the same subject
    return f.decision(Verdict.UNRELATED, f"The texts are about different named subjects ({', '.join(names_a)} vs "
                                         f"{', '.join(names_b)}) → unrelated.", with_signals=False)


def different_subjects(f: PairFacts) -> Decision | None:
    """The texts differ in what they are about: "The hospital's emergency department is closed until May" / "The
    school's sports hall is closed until May"; "Northwind employees get 25 days of leave" / "Orvane employees get
    30 days"; "Masks are required in Norland hospitals" / "Helmets are required on Norland building sites". Differences in what is said
    (numbers, negation, modals), predicates only one subject can satisfy ("won the election", "is the capital") and
    one event with two agents ("X killed him") are left to the other rules. For one actor's own statements, only
    kinds of one thing ("Property tax will rise" / "Vehicle tax will fall": the words before a shared head noun),
    never words that may name the actor itself ("we" / "the President" / "the White House") nor a head noun
    that may be a synonym ("The ban on camping" / "The restriction on camping"). Different numbered or lettered units
    of one kind in the subjects ("Visiting on Ward 7 is suspended" / "Ward 8 is open"; "Block A" / "Block B") are
    different subjects for any actor."""
    diff = cues.subject_difference(f.a.text, f.b.text)
    if diff is None:
        units = None if cues.unique_predicate(f.a.text) or cues.unique_predicate(f.b.text) else \
            cues.unit_difference(f.a.text, f.b.text) or cues.modifier_difference(f.a.text, f.b.text)
        if units is None:
            return None
        return f.decision(Verdict.UNRELATED, f"{f.actor_text}: the texts are about different units ({units[0]} vs "
                                             f"{units[1]}) → unrelated.", with_signals=False)
    if f.known_same_actor and not (_kinds_of_one_thing(f.a.text, f.b.text, diff) or _named_items(f, diff)
                                   or _two_things_two_values(f, diff)):
        return None
    return f.decision(Verdict.UNRELATED, f"{f.actor_text}: the texts are about different subjects ({diff[0]} vs "
                                         f"{diff[1]}) → unrelated.", with_signals=False)


def different_objects(f: PairFacts) -> Decision | None:
    """The texts do the same thing to different things, nothing else changed ("will fund 500 new hospital beds" /
    "will fund 500 new police officers"; "approved the budget" / "approved the merger"), or name different sites of
    their own ("at its Harbour Street site" / "at its Ostberg plant"): both can be true, they are about different
    things. Only where no number, date, name, negation, modal or opposite word changed, and only against a conflict
    (the words may be synonyms, "two referees" / "two reviewers": compatible texts are left to the other rules)."""
    if f.modality_flip or not f.conflict:
        return None
    diff = None if f.all_substitutions else cues.object_difference(f.a.text, f.b.text)
    if diff is None:
        sites_a, sites_b = cues.owned_sites(f.a.text), cues.owned_sites(f.b.text)
        if not sites_a or not sites_b or sites_a & sites_b or sites_a & _words_of(f.b.text) or \
                sites_b & _words_of(f.a.text):
            return None
        if any(s.kind != "entity" or not (_words_of(s.before) & sites_a or _words_of(s.after) & sites_b)
               for s in f.all_substitutions):
            return None  # something else changed too: a number, a date, a negation
        diff = (" ".join(sorted(sites_a)).title(), " ".join(sorted(sites_b)).title())
        what = "different sites of their own"
    else:
        what = "the same thing said of different things"
    return f.decision(Verdict.UNRELATED, f"{f.actor_text}: {what} ({diff[0]} vs {diff[1]}) → unrelated.",
                      with_signals=False)


def _kinds_of_one_thing(a: str, b: str, diff: tuple[str, str]) -> bool:
    """Whether the texts are one sentence with another kind of one thing as its subject: the differing subject words
    modify one shared head noun ("Property tax" / "Vehicle tax"), none of them is a role, office or organisation
    word, and most of the wording is shared."""
    if cues.overlap_ratio(a, b) < _SAME_WORDING:
        return False  # not one sentence with another kind in it
    words = [w.lower() for side in diff for w in re.findall(r"[\w'\u2019-]+", side)]
    if any(roles.is_actor_word(w) for w in words):
        return False
    heads = []
    for text, side in ((a, diff[0]), (b, diff[1])):
        at = text.find(side)
        # the next word, past a possessive or the rest of a hyphenated word ("men's final", "Pre-war class")
        following = re.match(r"(?:['\u2019]s|-[\w'\u2019-]+)?\s+([A-Za-z][\w'\u2019-]*)", text[at + len(side):]) \
            if at >= 0 else None
        heads.append(following.group(1).lower() if following else None)
    return heads[0] is not None and heads[0] == heads[1] and not cues.is_function_word(heads[0])


def _two_things_two_values(f: PairFacts, diff: tuple[str, str]) -> bool:
    """Whether one sentence, said twice, gives two subjects two values: the texts are near-identical, differ in their
    subjects and in a number or date, and nothing else conflicts ("The toll for cars is 12 crowns" / "The toll for
    lorries is 40 crowns"; "Dulse may be harvested from May" / "Sugar kelp may be harvested from November"). One
    actor's two statements of one thing may name it in two ways, but then the same value would follow; a subject
    and a value both replaced are two items of a list. Not where a side is a role, office or organisation word
    ("The President" / "The White House")."""
    if cues.overlap_ratio(f.a.text, f.b.text) < f.cfg.near_identical_overlap:
        return False
    kinds = {s.kind for s in f.all_substitutions}
    if not kinds & {"number", "date"} or kinds & {"negation", "modality", "opposite"}:
        return False
    words = [w.lower() for side in diff for w in re.findall(r"[\w'\u2019-]+", side)]
    return not any(roles.is_actor_word(w) for w in words)


def _named_items(f: PairFacts, diff: tuple[str, str]) -> bool:
    """Whether one actor's two statements name two of its items in their subjects: each differing side holds a name
    (a capitalised word inside the sentence) that the other text does not use, and no word of either side is a role,
    office or organisation word or a word of the speakers' names ("Brindlecote's Northside clinic" / "Brindlecote's
    Riverside clinic", "Deskwharf Quayside" / "Deskwharf Old Mill"; not "The President" / "The White House")."""
    speaker_words = _words_of(f"{f.a.speaker or ''} {f.b.speaker or ''}")
    for side, text, other in ((diff[0], f.a.text, f.b.text), (diff[1], f.b.text, f.a.text)):
        words = re.findall(r"[\w'\u2019-]+", side)
        if not text.find(side) > 0 or not any(w[0].isupper() for w in words):
            return False  # no name inside the sentence (a capitalised first word is not one)
        keys = {re.sub(r"['\u2019]s$", "", w.lower()) for w in words}
        if keys & _words_of(other) or keys & speaker_words or any(roles.is_actor_word(w) for w in keys):
            return False
    return True


def rules_of_different_bodies(f: PairFacts) -> Decision | None:
    """Two different bodies, each setting a rule (obligation, prohibition, permission), stating its terms
    (prices, fees, hours, access), speaking of itself in the first person ("we", "our") or naming itself, neither
    text naming the other body: each speaks of its own domain ("Parking on Mill Road is banned" from one city
    council, "...is free" from another; two leases of two flats; "Admission is free on Sundays" from a museum,
    "Admission costs 8 euros" from a gallery; "Our members voted to accept the offer" from two unions; "Fluoride will
    be added to the Caddorby supply" from Caddorby Water, "Wenholt customers face no restrictions" from Wenholt
    Water, but not what only one subject can be: "won the cup"). Not for members of the public, whose claims about a
    rule are claims, nor where either speaker is unknown; claims about the world that are not terms and name neither
    body ("The water is safe to drink") stay comparable across bodies."""
    if f.known_same_actor is not False or not f.a.speaker or not f.b.speaker:
        return None
    if roles.member_of_public(f.a.speaker) or roles.member_of_public(f.b.speaker):
        return None
    words_of_a, words_of_b = roles.distinctive_words(f.a.speaker), roles.distinctive_words(f.b.speaker)
    own_a, own_b = words_of_a - words_of_b, words_of_b - words_of_a  # "Harrowgate" / "Penmore" (Borough Council)
    if not own_a or not own_b:
        return None
    # each text is about its speaker's own domain: it names its speaker ("the Caddorby supply" from Caddorby Water;
    # not when either says what only one subject can be), sets a rule, states terms or speaks in the first person;
    # the two texts may do so in different ways ("Our fair is on 12 October" / "The Oakfield Choir's concert is ...")
    unique = cues.unique_predicate(f.a.text) or cues.unique_predicate(f.b.text)
    if not all((not unique and own & _names_in(text, sentence_starts=True)) or cues.norm(text) is not None
               or cues.states_terms(text) or cues.speaks_of_itself(text)
               for own, text in ((own_a, f.a.text), (own_b, f.b.text))):
        return None
    # a rule that names the other body is about that body's domain; a word counts as a name where either text
    # writes it capitalised inside a sentence ("Penmore"), not an ordinary word that only starts one ("Parking ...")
    names = _names_in(f.a.text) | _names_in(f.b.text)
    if own_b & _words_of(f.a.text) & names or own_a & _words_of(f.b.text) & names:
        return None
    return f.decision(Verdict.UNRELATED, f"{f.actor_text}: each sets a rule or states terms for its own domain, "
                                         "or speaks of or names itself, and neither names the other → unrelated.",
                      with_signals=False)


def _names_in(text: str, *, sentence_starts: bool = False) -> set[str]:
    """The words a text writes with a capital letter inside a sentence, lower case, a possessive stripped: names,
    not the ordinary word that starts a sentence ("Parking on Elm Street ..." names "elm" and "street", not
    "parking"); with ``sentence_starts``, a capitalised first word counts too ("Wenholt customers ...")."""
    starts = set() if sentence_starts else {m.end() for m in _SENTENCE_START_RE.finditer(text)}
    return {re.sub(r"['\u2019]s$", "", m.group().lower()) for m in re.finditer(r"[\w'\u2019-]+", text)
            if m.group()[:1].isupper() and m.start() not in starts}


# Where a sentence's first word begins: the text's start or a sentence mark, then anything but a word character.
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?:;])\W*(?=[\w'\u2019-])")


def _words_of(text: str) -> set[str]:
    return {re.sub(r"['\u2019]s$", "", w) for w in re.findall(r"[\w'\u2019-]+", text.lower())}


def change_said_in_words(f: PairFacts) -> Decision | None:
    """The same actor, a statement time unknown, and one statement says that it changes the position ("no longer",
    "is now", "has decided to", "reversed") while the other says no such thing: the one that says so came later,
    so the pair is a policy shift (with both times known, the times decide)."""
    if not f.same_actor or (f.t1 is not None and f.t2 is not None):
        return None
    a_changes = f.cues_a.claims_change and not f.cues_a.claims_no_change
    b_changes = f.cues_b.claims_change and not f.cues_b.claims_no_change
    if a_changes == b_changes or f.cues_a.claims_change == f.cues_b.claims_change:
        return None
    said = (f.cues_b if b_changes else f.cues_a).change_phrases[0]
    return f.decision(Verdict.POLICY_SHIFT, f"{f.actor_text}; '{said}' says the statement "
                                            f"{'b' if b_changes else 'a'} changes the position the other states, "
                                            f"and {f.why} → policy shift ({f.grade.replace('_', ' ')}).", f.grade)


def change_announced(f: PairFacts) -> Decision | None:
    """The same actor's later statement announces an update to what the earlier one stated ("has been moved to",
    "is postponed", "rises from 2.40 to 2.80", "no longer", "with effect from") where the NLI model sees no conflict:
    a policy shift. Both statement times must be known (they order the two); two accounts of a past fact do not
    shift."""
    if f.conflict or not f.same_actor or f.same_time or f.t1 is None or f.t2 is None:
        return None
    said = cues.announces_update(f.second.text) or _future_start(f)
    if said is None or cues.announces_update(f.first.text) is not None:
        return None
    if _ADDS_AN_OPTION_RE.search(f.second.text):
        return None  # "Tickets can now also be bought at the box office": one more way, the earlier one stands
    if cues.is_past_fact(f.first.text) and cues.is_past_fact(f.second.text):
        return None
    return f.decision(Verdict.POLICY_SHIFT, f"{f.actor_text}; the {_fmt(f.t2)} statement says '{said}': it updates "
                                            f"what the {_fmt(f.t1)} statement stated, though the texts do not "
                                            f"conflict as such ({f.quote('contradiction')}) → policy shift "
                                            f"({f.grade.replace('_', ' ')}).", f.grade)


# A later statement that adds an option beside what holds ("can now also", "as well as", "in addition").
_ADDS_AN_OPTION_RE = re.compile(r"(?i)(?<![\w-])(?:also|as\s+well\s+as|as\s+well|in\s+addition)(?![\w-])")
# An earlier statement that speaks of the future: a later dated rule may be its details, not a change of it.
_SPEAKS_OF_FUTURE_RE = re.compile(
    r"(?i)(?<![\w-])(?:will|shall|plans?|planning|intends?|going\s+to|introduc\w*|upcoming|next|from\s+\w+\s+on"
    r"|soon)(?![\w-])")


def _future_start(f: PairFacts) -> str | None:
    """The phrase by which the later statement sets a rule from a day after it was made ("From 1 May 2025, season
    passes are sold online only", "As of 2 October, bins are emptied every two weeks"), where the earlier statement
    named no period and spoke of the present: an announced change. None otherwise."""
    start = _rule_start(f.w2, f.second.text)
    if start is None and f.w2 is not None and f.w2.kind == "point" and re.match(r"(?i)(?:as\s+of|effective)\b",
                                                                              f.w2.phrase or ""):
        start = f.w2.start  # "As of 2 June, the café is card-only": a future day after "as of" starts a rule
    if start is None or f.t2 is None or not start > f.t2 or _explicit(f.w1) or \
            _SPEAKS_OF_FUTURE_RE.search(f.first.text):
        return None
    if cues.confirms(f.second.text) or cues.change_cues(f.second.text).claims_no_change:
        return None
    return f.w2.phrase


def no_conflict(f: PairFacts) -> Decision | None:
    """Nothing conflicts: consistent, explained as entailment when one text entails the other."""
    if f.conflict:
        return None
    how = "one statement entails the other" if f.p_entail >= f.cfg.entailment_threshold else "compatible content"
    return f.decision(Verdict.CONSISTENT, f"{f.actor_text}; {how} ({f.quote('entailment')}; "
                                          f"{f.quote('contradiction')}) → consistent.")


def restatement(f: PairFacts) -> Decision | None:
    """One statement says what the other says, possibly with words added: the same claim is never a conflict."""
    a, b = f.a.text, f.b.text
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if not cues.adds_only(shorter, longer) or not cues.numbers(shorter) <= cues.numbers(longer):
        return None
    if f.mod_a != f.mod_b or cues.negation_polarity(a) != cues.negation_polarity(b) or f.all_substitutions:
        return None
    added_scope = set(cues.scope_restrictions(longer)) - set(cues.scope_restrictions(shorter))
    if added_scope or _ORDINALS & set(re.findall(r"[a-z]+", longer.lower())) - set(re.findall(r"[a-z]+", shorter.lower())):
        return None  # "only on Fridays", "the second best": the added words narrow or change the claim
    same = cues.overlap_ratio(a, b) >= 0.95
    what = "say the same thing" if same else "agree; one adds detail to the other"
    return f.decision(Verdict.CONSISTENT, f"{f.actor_text}; the texts {what} (no changed number, date, name, "
                                          "negation or permission) → consistent (restatement).")


def duty_restated(f: PairFacts) -> Decision | None:
    """One text forbids an act unless or without something, the other requires that something for it ("Drones may
    not be flown in the park without a permit" / "Flying a drone in the park requires a permit"): one rule said two
    ways, unless the later one says it changed."""
    if f.known_same_actor is False or f.later_cues.claims_change:
        return None
    for prohibition, duty in ((f.a.text, f.b.text), (f.b.text, f.a.text)):
        shared = cues.duty_restated(prohibition, duty)
        if shared:
            return f.decision(Verdict.CONSISTENT, f"{f.actor_text}; one text forbids the act without "
                                                  f"{', '.join(shared)}, the other requires it for the act: one rule "
                                                  "said two ways → consistent (restatement).")
    return None


def same_figures_reworded(f: PairFacts) -> Decision | None:
    """The texts state the same figures, at least one of them a quantity of something ("5 marks per day" / "five
    marks for each day"; "at least 12 hours" / "no later than twelve hours"), name overlapping times if any, and
    nothing is negated on one side only, no permission flips and the later one announces no update ("from next
    season", "now"): the same claim in other words, said together or restated later, whatever the NLI model reads
    into the rewording. Not a number that only names the subject ("route 5", "No. 34"), nor one sentence with a
    word added or replaced (left to the substitution rules)."""
    if not _same_figures_and_times(f) or not _same_figures(f):
        return None
    if cues.negation_polarity(f.a.text) != cues.negation_polarity(f.b.text) or f.modality_flip or \
            f.substitutions or f.later_cues.claims_change or cues.negated_word(f.a.text, f.b.text):
        return None
    if not f.same_time and (cues.announces_update(f.second.text) or _future_start(f)):
        return None  # said later with "from next season", "now", "rises to": the figure is restated in an update
    if cues.overlap_ratio(f.a.text, f.b.text) >= f.cfg.near_identical_overlap:
        return None  # one sentence with a word added or replaced ("the best" / "the second best"): no rewording
    anchor_a, anchor_b = _anchors(f)
    if not (_counts_something(f.a.text, anchor_a) and _counts_something(f.b.text, anchor_b)):
        return None
    return f.decision(Verdict.CONSISTENT, f"{f.actor_text}; the texts state the same figures in other words, with "
                                          "nothing negated, replaced or permitted on one side only → consistent "
                                          "(restatement).")


# A figure that counts or measures something: a number (or number word) followed by a word that is not a function
# word ("5 marks", "four per cent", "twelve hours", "1 million crowns"), not one that names a subject ("route 5 has").
_QUANTITY_FIGURE_RE = re.compile(
    r"(?i)(?<![\w.,])(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    r"|forty|fifty|sixty|hundred)\s*(?:%|(?:million|thousand|billion)\s+)?(?!(?:is|are|was|were|has|have|had|will|may"
    r"|must|can|and|or|the|a|an|to|of|in|on|at|by|for|with|that|which|who)\b)[a-z%][\w-]*")


# Nouns a number after which names a unit or a class rather than counts anything ("route 5", "Ward 7", "grade 2").
_NAMING_NOUNS = frozenset(["route", "no", "number", "ward", "platform", "gate", "line", "room", "bus", "pitch", "lock",
                           "stand", "zone", "block", "track", "class", "grade", "level", "flight", "section", "clause",
                           "article", "rule", "stage", "phase", "step", "year"])


def _counts_something(text: str, anchor: date) -> bool:
    """Whether a text states a figure that counts or measures something, outside its time expressions and clock times
    and not after a noun it only numbers (:data:`_NAMING_NOUNS`)."""
    text = _without_times(text, anchor)
    for m in _QUANTITY_FIGURE_RE.finditer(text):
        before = re.findall(r"[a-z]+", text[:m.start()].lower())
        if not before or before[-1] not in _NAMING_NOUNS:
            return True
    return False


def same_limit_restated(f: PairFacts) -> Decision | None:
    """The same limit worded positively and negatively ("Applicants must be at least 17" / "No one under 17 may
    apply"): one text allows the values on one side of a line, the other excludes those on the other side."""
    if f.known_same_actor is False or f.later_cues.claims_change:
        return None
    if not cues.same_limit_restated(f.a.text, f.b.text):
        return None
    line = cues.limit(f.a.text)
    at = f"{line.value} {line.unit}".strip() if line is not None else "one value"
    return f.decision(Verdict.CONSISTENT, f"{f.actor_text}; both texts draw the line at {at}: one allows one side "
                                          "of it and the other excludes the other side → consistent (the same "
                                          "limit restated).")


def carve_out(f: PairFacts) -> Decision | None:
    """A narrow exception inside the other statement's unchanged rule, said together (same actor, same time)."""
    if not (f.carve_out and f.same_time):
        return None
    scope = ", ".join(f.narrowed or f.later_scope or f.earlier_scope) or "narrowed scope"
    return f.decision(Verdict.CONSISTENT, f"{f.actor_text}; one statement makes a narrow exception ({scope}) "
                                          "inside the other's unchanged rule → consistent (carve-out).")


def exception_inside_a_rule(f: PairFacts) -> Decision | None:
    """A permission narrower than the other statement's prohibition or duty ("shall not sublet the premises" /
    "may sublet one parking space"), an extra option beside a duty ("may also email"), or the ways of meeting a duty
    that names none ("Damage must be reported within 24 hours" / "Damage can be reported online or by phone"), said
    together."""
    if not (f.same_actor and f.same_time) or f.exception is None:
        return None
    kind, qualifiers = f.exception
    if kind == "means":
        what = f"one statement says how the other's duty may be met ({', '.join(qualifiers)})"
    elif kind == "extra option":
        what = (f"one statement allows an extra way beside the other's {'duty' if _is_duty(f) else 'rule'} "
                f"({', '.join(qualifiers) or 'also'})")
    else:
        what = f"one statement permits a narrower case ({', '.join(qualifiers)}) inside the other's rule"
    return f.decision(Verdict.CONSISTENT, f"{f.actor_text}; {what} → consistent ({kind}).")


def _is_duty(f: PairFacts) -> bool:
    return any(n is not None and n.force == "obligation" for n in (cues.norm(f.a.text), cues.norm(f.b.text)))


def restated_position(f: PairFacts) -> Decision | None:
    """The later statement says nothing changed, and it keeps the earlier one's stance and figures."""
    later = f.later_cues
    if not (f.same_actor and later.claims_no_change and not later.claims_change and f.mod_a == f.mod_b):
        return None
    # a "not" inside "has not changed" is not a changed claim; a changed number, date, name or permission is
    if any(s.kind != "negation" for s in f.substitutions):
        return None
    if not _same_figures_and_times(f):
        return None
    if f.mod_a is None and cues.overlap_ratio(f.a.text, f.b.text) < _SAME_WORDING and not _same_figures(f):
        return None  # no shared stance word: only a largely shared wording, or the same figures, show it is the
        # same position ("The rate remains 3.25%, the Governor said" after "The Bank kept its rate at 3.25%")
    phrase = later.no_change_phrases[0] if later.no_change_phrases else "no change"
    stance = f"both statements {f.mod_a} the same thing" if f.mod_a else "the statements hold the same position"
    return f.decision(Verdict.CONSISTENT, f"{f.actor_text}; {stance} and the later one says '{phrase}' "
                                          "→ consistent (restated position).")


def _anchors(f: PairFacts) -> tuple[date, date]:
    """The days the two texts' time expressions are read from: each one's own time, else the other's, else any day."""
    return f.ta or f.tb or timeexpr.ANY_DAY, f.tb or f.ta or timeexpr.ANY_DAY


def _same_figures(f: PairFacts) -> bool:
    """Whether both texts state figures, the same ones, outside their time expressions and clock times."""
    anchor_a, anchor_b = _anchors(f)
    figures = _figures(f.a.text, anchor_a)
    return bool(figures) and figures == _figures(f.b.text, anchor_b)


def _same_figures_and_times(f: PairFacts) -> bool:
    """Whether the texts state the same figures (none, or the same ones) and, where both name times, times that
    overlap ("at least until the end of Q3 2027" / "before October 2027"); where a time cannot be read, whether they
    state the same numbers. Times that meet count as overlapping: "until the end of Q2" and "before July" name the
    same boundary."""
    anchor_a, anchor_b = _anchors(f)
    spans_a, spans_b = _named_spans(f.a.text, anchor_a), _named_spans(f.b.text, anchor_b)
    if spans_a is None or spans_b is None:
        return cues.numbers(f.a.text) == cues.numbers(f.b.text)
    if _figures(f.a.text, anchor_a) != _figures(f.b.text, anchor_b):
        return False
    day = timedelta(days=1)
    return not (spans_a and spans_b) or all(
        any(first - day <= b_last and b_first <= last + day for first, last in spans_a) for b_first, b_last in spans_b)


def plan_confirmed(f: PairFacts) -> Decision | None:
    """The same actor's later statement confirms what the earlier one announced ("as planned", "as announced",
    "goes ahead", "still on", "Reminder:"), naming no day outside the days the earlier one named, no figure the
    earlier one did not state (clock times aside), no narrower scope and no negated or reversed permission: a
    confirmation, not a shift, however the NLI model reads the rewording."""
    if not f.known_same_actor or f.same_time or f.t1 is None or f.t2 is None or f.later_cues.claims_change:
        return None
    said = cues.confirms(f.second.text) or _carried_out(f)  # None too where the text announces an update
    if said is None:
        return None
    if cues.is_past_fact(f.first.text) and cues.is_past_fact(f.second.text):
        return None  # accounts of a past fact are confirmed or corrected, not planned
    if f.modality_flip or any(s.kind == "negation" for s in f.substitutions):
        return None  # "Reminder: the museum will not reopen on 3 March after all"
    earlier = _named_spans(f.first.text, f.t1)
    later = _named_spans(f.second.text, f.t2)
    if later is not None:  # "as announced in January": the day of the announcement itself
        later = [(first, last) for first, last in later if not first <= f.t1 <= last]
    if earlier is None or later is None or any(
            not any(first <= e_last and e_first <= last for e_first, e_last in earlier) for first, last in later):
        return None  # a day the earlier statement did not name (or a date that cannot be read)
    if f.narrowed:
        return None  # "As planned, the pool opens on 1 June, but only for members": a narrower scope
    if _figures(f.second.text, f.t2) - _figures(f.first.text, f.t1):
        return None  # a figure replaced or added ("Reminder: parking costs 2 euros" after "is free")
    return f.decision(Verdict.CONSISTENT, f"{f.actor_text}; the {_fmt(f.t2)} statement confirms ('{said}') what the "
                                          f"{_fmt(f.t1)} statement announced, with no other day and no changed "
                                          "figure → consistent (plan confirmed).")


# A later statement that says a thing is under way: "from today", "are running", "is now open", "is in place".
_UNDER_WAY_RE = re.compile(r"(?i)(?<![\w-])(?:(?:from|as\s+of|starting|since)\s+today|(?:is|are)\s+(?:now\s+)?(?:in"
                           r"\s+place|running|open|live|in\s+force|under\s+way|underway))(?![\w-])")


def _carried_out(f: PairFacts) -> str | None:
    """The phrase by which the later statement, made on or after the one day the earlier statement announced,
    says the thing is under way ("The extension opens on 15 December" / on 15 December: "Trams are running to
    Harbourside from today"): the plan carried out, confirmed. None otherwise."""
    earlier = _named_spans(f.first.text, f.t1) if f.t1 is not None else None
    if not earlier or f.t1 is None or f.t2 is None or not all(first > f.t1 for first, _ in earlier):
        return None  # the earlier statement named no day ahead of it
    if not any(first <= f.t2 for first, _ in earlier):
        return None  # said before the day came
    m = _UNDER_WAY_RE.search(f.second.text)
    return m.group(0) if m else None


def _named_spans(text: str, anchor: date) -> list[tuple[date, date]] | None:
    """The (first, last) days each time expression of a text names, read from the day it was said; None when one
    cannot be read."""
    spans = []
    for m in timeexpr.find_time_mentions(text, anchor):
        first, last = m.named
        if first is None or last is None:
            return None
        spans.append((first, last))
    return spans


def _without_times(text: str, anchor: date) -> str:
    """The text with its time expressions and clock times ("at 7 pm", "10:30") blanked out."""
    for m in sorted(timeexpr.find_time_mentions(text, anchor), key=lambda m: -m.start):
        text = text[:m.start] + " " * (m.end - m.start) + text[m.end:]
    return _CLOCK_RE.sub(" ", text)


def _figures(text: str, anchor: date) -> frozenset[str]:
    """The numbers a text states outside its time expressions, clock times ("at 7 pm", "10:30") and days of a month
    said alone ("this Sunday, the 14th")."""
    return frozenset(n for n in cues.numbers(_DAY_OF_MONTH_RE.sub(" ", _without_times(text, anchor)))
                     if not _YEAR_KEY_RE.fullmatch(n))


# A year written alone ("New Year's Day 2027"): a time, not a figure.
_YEAR_KEY_RE = re.compile(r"#(?:19|20)\d\d")


# A day of the month said alone: "the 14th", "on the 3rd".
_DAY_OF_MONTH_RE = re.compile(r"(?i)(?<![\w-])the\s+(?:[12]?\d|3[01])(?:st|nd|rd|th)(?![\w-])")


_CLOCK_RE = re.compile(r"(?i)(?<![\w.,])\d{1,2}(?:[:.]\d\d)?\s*(?:a\.?m\.?|p\.?m\.?|o['\u2019]clock)(?![\w])"
                       r"|(?<![\w.,])\d{1,2}:\d\d(?![\d])")


def validity_periods_differ(f: PairFacts) -> Decision | None:
    """The texts govern different validity periods ("Tax Year 2023" / "Tax Year 2024"; "effective 1 July 2024" /
    "effective 1 July 2025")."""
    w1, w2 = f.w1, f.w2
    if w1 is None or w2 is None or not (f.same_actor and _is_validity(w1) and _is_validity(w2)):
        return None
    order = timeexpr.compare_windows(w1, w2)
    if order not in ("before", "after"):
        # two open-ended rules ("effective X" / "effective Y") follow each other when they start on different days
        start1, start2 = _rule_start(w1, f.first.text), _rule_start(w2, f.second.text)
        if start1 is None or start2 is None or start1 == start2:
            return None
        order = "before" if start1 < start2 else "after"
    older, newer = (w1, w2) if order == "before" else (w2, w1)
    return f.decision(Verdict.POLICY_SHIFT, f"{f.actor_text}; the texts govern different periods "
                                            f"({_window_text(older)} vs {_window_text(newer)}) and {f.why} "
                                            f"→ policy shift ({f.grade.replace('_', ' ')}).", f.grade)


def new_rule_takes_effect(f: PairFacts) -> Decision | None:
    """One statement sets a rule that takes effect on a date ("Effective March 1, 2026, ..."); the other states the
    rule with no period, before that date: the dated rule replaces it."""
    if not f.same_actor:
        return None
    for new, new_window, other, other_window, other_time in ((f.b, f.about_b, f.a, f.about_a, f.ta),
                                                             (f.a, f.about_a, f.b, f.about_b, f.tb)):
        start = _rule_start(new_window, new.text)
        if start is None or new_window is None:
            continue
        if _explicit(other_window) or (other_time is not None and other_time >= start):
            continue
        return f.decision(Verdict.POLICY_SHIFT, f"{f.actor_text}; '{new_window.phrase}' sets a rule from "
                                                f"{_fmt(start)} that replaces the undated one, and "
                                                f"{f.why} → policy shift ({f.grade.replace('_', ' ')}).", f.grade)
    return None


def later_account_of_past_period(f: PairFacts) -> Decision | None:
    """The later statement is about a past period the earlier one covered without naming it (an admission)."""
    w2 = f.w2
    if f.t1 is None or w2 is None or not _explicit(w2) or w2.end is None or not w2.end < f.t1 or _explicit(f.w1):
        return None
    return f.decision(Verdict.CONTRADICTION, f"{f.actor_text}; the {_fmt(f.t2)} statement is about "
                                             f"{_window_text(w2)}, before the {_fmt(f.t1)} statement was made, so "
                                             f"both describe the same past period and {f.why} → contradiction, "
                                             "not a shift.")


def past_event_elaborated(f: PairFacts) -> Decision | None:
    """The same actor later gives a fuller account of the same past event ("Flight SV212 on 28 April was cancelled" /
    "Passengers on the cancelled SV212 of April 28 were rebooked on the next morning's flight"): the longer account,
    read as the premise, does not contradict the shorter one (the conflict comes only from what the shorter one
    leaves out), nothing is negated on one side only, no aligned word, number, name or permission changes, no
    figure of one unit differs, and the later one does not call itself a correction."""
    if not f.same_actor or f.same_time or f.t1 is None or f.t2 is None:
        return None
    if not (cues.is_past_fact(f.first.text) and cues.is_past_fact(f.second.text)):
        return None
    longer_first = len(f.a.text) >= len(f.b.text)
    if float((f.p_ab if longer_first else f.p_ba)[2]) >= _EVEN_ODDS:
        return None
    if cues.negation_polarity(f.a.text) != cues.negation_polarity(f.b.text) or f.all_substitutions or \
            f.modality_flip or f.figure_conflict is not None or _CORRECTION_RE.search(f.second.text):
        return None
    if cues.unit_figures_differ(f.a.text, f.b.text) or cues.negated_word(f.a.text, f.b.text):
        return None
    return f.decision(Verdict.CONSISTENT, f"{f.actor_text}; the {_fmt(f.t2)} statement gives a fuller account of the "
                                          f"past event the {_fmt(f.t1)} one reports: the longer account does not "
                                          f"contradict the shorter ({f.quote('contradiction')}), and nothing is "
                                          "negated or replaced → consistent (elaboration).")


# Probability at even odds: a direction below it does not read as a contradiction.
_EVEN_ODDS = 0.5
# A statement that calls itself a correction of an earlier one.
_CORRECTION_RE = re.compile(r"(?i)(?<![\w-])(?:correction|corrected|correcting|in\s+fact|actually|we\s+were\s+wrong"
                            r"|(?:earlier|previous|original)\s+(?:figure|statement|report|account|estimate))(?![\w-])")
def past_fact_corrected(f: PairFacts) -> Decision | None:
    """The same actor later gives a different account of a past event or state (an admission or a correction):
    facts about the past cannot shift, so the two accounts contradict each other. A revised version of the same
    sentence (an edited record: the texts share most of their words) is left to the rules below."""
    if not f.same_actor or f.same_time:
        return None
    if not (cues.is_past_fact(f.first.text) and cues.is_past_fact(f.second.text)):
        return None
    if cues.overlap_ratio(f.a.text, f.b.text) >= _REVISED_RECORD:
        return None
    return f.decision(Verdict.CONTRADICTION, f"{f.actor_text}; both statements report a past fact and the "
                                             f"{_fmt(f.t2)} account differs from the {_fmt(f.t1)} one ({f.why}): a "
                                             "correction or admission, not a shift → contradiction.")


def position_changed_over_time(f: PairFacts) -> Decision | None:
    """The same actor said the later statement later: a policy shift, graded; a denied shift is flagged."""
    if not f.same_actor or f.same_time:
        return None
    denied = f.later_cues.claims_no_change
    text = f"{f.actor_text}; {_what_changed(f)} → policy shift ({f.grade.replace('_', ' ')})"
    if denied:
        text += f"; the {_fmt(f.t2)} statement says nothing changed (denied shift)"
    return f.decision(Verdict.POLICY_SHIFT, text + ".", f.grade, denied=denied)


def claims_tied_to_their_moment(f: PairFacts) -> Decision | None:
    """Different actors at different times, one of them tying its claim to the day it was made."""
    if f.same_actor or f.same_time:
        return None
    now_bound = [w for w in (f.w1, f.w2) if w is not None and w.kind == "now"]
    if not now_bound:
        return None
    return f.decision(Verdict.CONSISTENT, f"{f.actor_text} ({_fmt(f.t1)} and {_fmt(f.t2)}): {f.why}, but "
                                          f"'{now_bound[0].phrase}' ties the claim to the day it was made, so both "
                                          "can be true → consistent (no contradiction).")


def conflict(f: PairFacts) -> Decision:
    """Whatever conflicts and no rule above explains: a contradiction."""
    if not f.same_actor:
        when = "about the same time" if f.same_time else f"({_fmt(f.t1)} and {_fmt(f.t2)})"
    elif f.t1 is None or f.t2 is None:
        when = "at an unknown time"
    elif f.t1 == f.t2:
        when = f"on the same day ({_fmt(f.t1)})"
    else:
        when = f"within {f.cfg.same_time_tolerance_days} days"
    return f.decision(Verdict.CONTRADICTION, f"{f.actor_text} {when}: {f.why} → contradiction.")


def _what_changed(f: PairFacts) -> str:
    m1, m2 = (f.mod_b, f.mod_a) if f.swapped else (f.mod_a, f.mod_b)
    t1, t2 = _fmt(f.t1), _fmt(f.t2)
    if m1 == "forbid" and m2 == "permit":
        text = f"the {t2} statement permits what the {t1} statement ruled out"
    elif m1 == "permit" and m2 == "forbid":
        text = f"the {t2} statement rules out what the {t1} statement permitted"
    elif f.substitutions:
        s = f.substitutions[0]
        before, after = (s.after, s.before) if f.swapped else (s.before, s.after)
        text = f"the {t2} statement changes {before} to {after} from the {t1} statement"
    else:
        text = f"the {t2} statement departs from the {t1} statement ({f.why})"
    if f.narrowed:
        text += f", narrowed ({'; '.join(f.narrowed)})"
    return text


Rule = Callable[[PairFacts], "Decision | None"]

#: The rules, in the order they are tried: (name, function). The last one always decides.
RULES: tuple[tuple[str, Rule], ...] = (
    ("unrelated topic", unrelated_topic),
    ("different named subjects", different_named_subjects),
    ("different subjects", different_subjects),
    ("different objects", different_objects),
    ("rules of different bodies", rules_of_different_bodies),
    ("change announced", change_announced),
    ("no conflict", no_conflict),
    ("restatement", restatement),
    ("same limit restated", same_limit_restated),
    ("carve-out", carve_out),
    ("exception inside a rule", exception_inside_a_rule),
    ("restated position", restated_position),
    ("plan confirmed", plan_confirmed),
    ("same figures reworded", same_figures_reworded),
    ("duty restated", duty_restated),
    ("validity periods differ", validity_periods_differ),
    ("new rule takes effect", new_rule_takes_effect),
    ("later account of a past period", later_account_of_past_period),
    ("past event elaborated", past_event_elaborated),
    ("past fact corrected", past_fact_corrected),
    ("change said in words", change_said_in_words),
    ("position changed over time", position_changed_over_time),
    ("claims tied to their moment", claims_tied_to_their_moment),
    ("conflict", conflict),
)


def decide(a: Statement, b: Statement, scores_ab: np.ndarray | Mapping[str, float],
           scores_ba: np.ndarray | Mapping[str, float], similarity: float,
           config: VerdictConfig | None = None, *, actors: actors_mod.ActorTable | None = None) -> Decision:
    """Decide the verdict for one pair: the first rule of :data:`RULES` that decides (see the module docs).

    Args:
        a, b: the two statements (any order; the earlier one is found from the statement times).
        scores_ab: NLI probabilities (entailment, neutral, contradiction) with ``a`` as premise.
        scores_ba: the reverse direction.
        similarity: topic similarity (cosine).
        config: thresholds; the defaults when None.
        actors: the actor alias table; the packaged one when None.

    Raises:
        InputTypeError: scores that are not three numbers, or a similarity that is not a number.
        InputError: a probability or the similarity is NaN or infinite.

    Example:
        >>> from datetime import date
        >>> a = Statement("1", "The curfew starts at 10 pm.", "City Hall", date(2024, 3, 1))
        >>> b = Statement("2", "The curfew starts at 8 pm.", "City Hall", date(2024, 4, 1))
        >>> d = decide(a, b, [0.1, 0.3, 0.6], [0.1, 0.3, 0.6], 0.95)
        >>> d.verdict.value, d.rule
        ('policy_shift', 'position changed over time')
    """
    try:
        sim = _real(similarity)
    except TypeError:
        raise InputTypeError(f"expected a number, got {type(similarity).__name__}", field="similarity") from None
    if not np.isfinite(sim):
        raise InputError(f"must be a finite number, got {sim}", field="similarity")
    facts = PairFacts(a, b, _as_array(scores_ab, "scores_ab"), _as_array(scores_ba, "scores_ba"), sim,
                      config or VerdictConfig(), actors or default_actor_table())
    for name, rule in RULES:
        decision = rule(facts)
        if decision is not None:
            return dataclasses.replace(decision, rule=name, explanation=f"{decision.explanation} [rule: {name}]")
    raise AssertionError("the last rule always decides")  # pragma: no cover


def to_finding(a: Statement, b: Statement, scores_ab: np.ndarray, scores_ba: np.ndarray, similarity: float,
               decision: Decision, *, split: bool = False) -> Finding:
    """Assemble the :class:`Finding` for a decided pair."""
    return Finding(a=a, b=b, verdict=decision.verdict, scores=combine(scores_ab, scores_ba),
                   scores_ab={k: round(float(v), 6) for k, v in zip(LABELS, scores_ab)},
                   scores_ba={k: round(float(v), 6) for k, v in zip(LABELS, scores_ba)},
                   similarity=round(float(similarity), 6), explanation=decision.explanation, grade=decision.grade,
                   actor_a=decision.actor_a, actor_b=decision.actor_b, about_a=decision.about_a,
                   about_b=decision.about_b, signals=decision.signals, denied_shift=decision.denied_shift,
                   split_sentences=split, rule=decision.rule)


def redecide(finding: Finding, config: VerdictConfig, *, actors: actors_mod.ActorTable | None = None) -> Finding:
    """Re-run only the verdict function on a finding's stored scores (for calibration: no model needed).

    Example:
        >>> f2 = redecide(f, VerdictConfig(contradiction_threshold=0.9))   # doctest: +SKIP
    """
    d = decide(finding.a, finding.b, finding.scores_ab, finding.scores_ba, finding.similarity, config,
               actors=actors)
    return dataclasses.replace(finding, verdict=d.verdict, explanation=d.explanation, grade=d.grade,
                               actor_a=d.actor_a, actor_b=d.actor_b, about_a=d.about_a, about_b=d.about_b,
                               signals=d.signals, denied_shift=d.denied_shift, rule=d.rule)
