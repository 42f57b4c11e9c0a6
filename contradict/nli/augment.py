"""Generated NLI training pairs from *training* premises (issue 11): the properties of the sanity suite
(:mod:`contradict.nli.sanity`) taught by rule, from other sentences and another seed.

| kind | rule | label |
|---|---|---|
| ``identity`` | the same text | entailment |
| ``near_identity`` | case, spacing, quote marks or final punctuation changed | entailment |
| ``clause_dropped`` | a trailing ", and/but/which ..." or leading "After/Because ...," clause dropped | entailment |
| ``different_subject`` | another premise of the same source sharing at most 15% of content words | neutral |
| ``negation`` | "not" added to the main clause | contradiction |
| ``antonym`` | one word swapped by :data:`ANTONYMS` (a table of its own, disjoint from the suite's) | contradiction |
| ``number_changed`` | one exact number changed | contradiction |
| ``date_changed`` | a month, weekday, ISO date or year changed | contradiction |
| ``name_changed`` | a name from :data:`NAMES` (not the suite's pool names) swapped for another of its type | contradiction |

The transformations are the sanity suite's own helpers (imported, not copied). What the suite tests is kept
out: :func:`sanity_exclusions` lists its pool sentences and the premises it draws (its seed, its count), and
no generated pair uses one of them as premise or hypothesis. Eval folders are refused.

Example:
    >>> pairs = generate([("The council approved the plan on Monday.", "news")], 20, seed=1)
    >>> [(p.kind, p.label) for p in pairs if p.kind == "negation"]
    [('negation', 'contradiction')]
    >>> swap_antonym("Prices are always higher in the capital.")[0]
    'Prices are never higher in the capital.'
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import sanity
from .sanity import (
    _content,
    _usable_premise,
    change_date,
    change_name,
    change_number,
    drop_clause,
    near_identity_variants,
    negate,
)

#: kind -> label of its generated pairs.
KINDS: dict[str, str] = {
    "identity": "entailment",
    "near_identity": "entailment",
    "clause_dropped": "entailment",
    "different_subject": "neutral",
    "negation": "contradiction",
    "antonym": "contradiction",
    "number_changed": "contradiction",
    "date_changed": "contradiction",
    "name_changed": "contradiction",
    "extra_detail": "neutral",
}

#: share of the generated pairs per kind (a kind with too few usable premises yields fewer).
WEIGHTS: dict[str, float] = {
    "identity": 0.14, "near_identity": 0.14, "clause_dropped": 0.10, "different_subject": 0.20,
    "negation": 0.12, "antonym": 0.10, "number_changed": 0.08, "date_changed": 0.06, "name_changed": 0.06,
    "extra_detail": 0.08,  # last, so that adding it left the earlier kinds' draws for a seed unchanged
}

#: antonym pairs (both directions), deliberately disjoint from :data:`sanity.ANTONYMS` so that the suite's
#: antonym cases measure generalisation, not this table.
ANTONYMS: tuple[tuple[str, str], ...] = (
    ("always", "never"), ("everyone", "no one"), ("everybody", "nobody"), ("everything", "nothing"),
    ("inside", "outside"), ("younger", "older"), ("rich", "poor"), ("richer", "poorer"), ("easy", "difficult"),
    ("easier", "harder"), ("safe", "dangerous"), ("possible", "impossible"), ("likely", "unlikely"),
    ("popular", "unpopular"), ("honest", "dishonest"), ("friendly", "hostile"), ("loved", "hated"),
    ("loves", "hates"), ("remember", "forget"), ("remembered", "forgot"), ("entered", "exited"),
    ("gained", "lost"), ("gains", "losses"), ("profit", "loss"), ("cheapest", "most expensive"),
    ("largest", "smallest"), ("biggest", "smallest"), ("longer", "shorter"), ("faster", "slower"),
    ("quickly", "slowly"), ("rural", "urban"), ("ancient", "modern"), ("wet", "dry"), ("deep", "shallow"),
    ("wide", "narrow"), ("clean", "dirty"), ("correct", "incorrect"), ("victory", "defeat"),
    ("supported", "opposed"), ("supports", "opposes"), ("praised", "criticised"), ("asleep", "awake"),
    ("healthy", "sick"), ("visible", "invisible"), ("minority", "majority"), ("maximum", "minimum"),
    ("include", "exclude"), ("included", "excluded"), ("lend", "borrow"),
)
_ANTONYM_MAP: dict[str, str] = {}
for _a, _b in ANTONYMS:
    _ANTONYM_MAP.setdefault(_a, _b)
    _ANTONYM_MAP.setdefault(_b, _a)
_ANTONYM_RE = re.compile(r"(?<![\w'-])(" + "|".join(sorted(map(re.escape, _ANTONYM_MAP), key=len, reverse=True))
                         + r")(?![\w'-])", re.IGNORECASE)

#: names for ``name_changed``, by type (not the sanity pool's names).
NAMES: dict[str, list[str]] = {
    "person": ["John", "Mary", "James", "Susan", "Robert", "Linda", "Michael", "Barbara", "David", "Elizabeth",
               "Richard", "Jennifer", "Thomas", "Sarah", "George", "Anna", "Peter", "Helen", "Paul", "Laura"],
    "country": ["France", "Germany", "Spain", "Italy", "Japan", "China", "India", "Brazil", "Canada", "Mexico",
                "Egypt", "Russia", "Britain", "England", "Ireland", "Greece", "Turkey", "Australia", "Israel",
                "Portugal", "Scotland", "Poland", "Korea", "Vietnam", "Thailand"],
    "city": ["London", "Paris", "Rome", "Madrid", "Berlin", "Tokyo", "Boston", "Chicago", "Washington",
             "Los Angeles", "New York", "San Francisco", "Hong Kong", "Las Vegas", "Dublin", "Venice", "Florence",
             "Lisbon", "Jerusalem", "Cairo", "Athens", "Edinburgh", "Seattle", "Miami", "Toronto"],
    "organisation": ["Congress", "the Senate", "the Pentagon", "NASA", "the FBI", "the CIA", "Microsoft",
                         "Google", "IBM", "the EPA", "the GAO", "the IRS", "the BBC", "the UN"],
}


@dataclass(frozen=True)
class GeneratedPair:
    """One generated training pair and the rule that made it."""

    premise: str
    hypothesis: str
    label: str
    kind: str
    rule: str


def swap_antonym(text: str) -> tuple[str, str] | None:
    """``text`` with its first word from :data:`ANTONYMS` swapped, and the change; None for a negated text."""
    if sanity._NEGATION_RE.search(text):
        return None
    m = _ANTONYM_RE.search(text)
    if m is None:
        return None
    old = m.group(0)
    new = sanity._case_like(_ANTONYM_MAP[old.lower()], old)
    return text[:m.start()] + new + text[m.end():], f"{old!r} -> {new!r}"


def sanity_exclusions(train_dir: str | Path | None) -> set[str]:
    """Every sentence the sanity suite builds cases from: its pool, and the premises it draws from
    ``train_dir`` with its own seed and count (:func:`sanity.draw_train_premises`).

    Raises:
        ValueError: ``train_dir`` is an ``eval`` folder (pairs are never generated from held-out data).
    """
    if train_dir is not None and "eval" in Path(train_dir).resolve().parts:
        raise ValueError(f"{train_dir}: pairs are generated from training data only, never from eval/")
    out = {s.text.strip() for s in sanity.pool_sentences(sanity.load_pool())}
    if train_dir is not None and Path(train_dir).is_dir():
        out |= {s.text.strip() for s in sanity.draw_train_premises(train_dir, sanity.DEFAULT_TRAIN_PREMISES,
                                                                   sanity.DEFAULT_SEED)}
    return out


def usable_premises(rows: Iterable[tuple[str, str]], exclude: set[str] | frozenset[str] = frozenset()
                    ) -> list[tuple[str, str]]:
    """Distinct (premise, source) pairs fit for the rules (one sentence, 6-35 words), minus ``exclude``."""
    seen: dict[str, str] = {}
    for text, source in rows:
        text = text.strip()
        if text not in seen and text not in exclude and _usable_premise(text):
            seen[text] = source
    return list(seen.items())


def _grouped_and_shuffled(premises: Sequence[tuple[str, str]], rng: random.Random
                          ) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    """The premises' texts by source, and the premises in a seeded random order."""
    by_source: dict[str, list[str]] = {}
    for text, source in premises:
        by_source.setdefault(source, []).append(text)
    order = list(premises)
    rng.shuffle(order)
    return by_source, order


def _different_subject(premises: Sequence[tuple[str, str]], want: int, rng: random.Random) -> list[GeneratedPair]:
    by_source, order = _grouped_and_shuffled(premises, rng)
    out: list[GeneratedPair] = []
    for text, source in order:
        if len(out) >= want:
            break
        group = by_source[source]
        a = _content(text)
        for _ in range(10):
            other = group[rng.randrange(len(group))]
            b = _content(other)
            if other != text and len(a & b) / max(1, len(a | b)) <= 0.15:
                out.append(GeneratedPair(text, other, "neutral", "different_subject", f"another {source} premise"))
                break
    return out


def _extra_detail(premises: Sequence[tuple[str, str]], want: int, rng: random.Random) -> list[GeneratedPair]:
    """The premise, then another premise of its source as a further sentence: the hypothesis holds everything
    the premise says plus a detail the premise does not support, so it is neutral (not a contradiction)."""
    by_source, order = _grouped_and_shuffled(premises, rng)
    out: list[GeneratedPair] = []
    for text, source in order:
        if len(out) >= want:
            break
        group = by_source[source]
        other = group[rng.randrange(len(group))]
        if other == text:
            continue
        first = text if text.rstrip()[-1:] in ".!?" else text.rstrip() + "."
        out.append(GeneratedPair(text, f"{first} {other}", "neutral", "extra_detail",
                                 f"the premise plus another {source} premise"))
    return out


def generate(premises: Sequence[tuple[str, str]], n: int, seed: int,
             exclude: set[str] | frozenset[str] = frozenset()) -> list[GeneratedPair]:
    """About ``n`` generated pairs from ``premises`` ((text, source) pairs), split over the kinds by
    :data:`WEIGHTS`; deterministic for a seed. Texts in ``exclude`` are never used; half of the
    contradiction pairs (seeded) are given with premise and hypothesis swapped (contradiction is symmetric)."""
    rng = random.Random(seed)
    pool = usable_premises(premises, exclude)
    if not pool or n <= 0:
        return []
    transforms = {
        "clause_dropped": drop_clause,
        "negation": negate,
        "antonym": swap_antonym,
        "number_changed": lambda t: change_number(t, rng),
        "date_changed": lambda t: change_date(t, rng),
        "name_changed": lambda t: change_name(t, NAMES, rng),
    }
    out: list[GeneratedPair] = []
    for kind, label in KINDS.items():
        want = round(n * WEIGHTS[kind])
        if kind in ("different_subject", "extra_detail"):
            out += (_different_subject if kind == "different_subject" else _extra_detail)(pool, want, rng)
            continue
        order = list(range(len(pool)))
        rng.shuffle(order)
        made: list[GeneratedPair] = []
        for i in order:
            if len(made) >= want:
                break
            text = pool[i][0]
            if kind == "identity":
                made.append(GeneratedPair(text, text, label, kind, "the same text"))
                continue
            if kind == "near_identity":
                variants = near_identity_variants(text)
                if variants:
                    new, rule = rng.choice(variants)
                    made.append(GeneratedPair(text, new, label, kind, rule))
                continue
            result = transforms[kind](text)
            if result is None or result[0] == text or result[0].strip() in exclude:
                continue
            new, rule = result
            if label == "contradiction" and rng.random() < 0.5:
                made.append(GeneratedPair(new, text, label, kind, rule + " (swapped)"))
            else:
                made.append(GeneratedPair(text, new, label, kind, rule))
        out += made
    return out


def counts(pairs: Iterable[GeneratedPair]) -> dict[str, int]:
    """Number of generated pairs per kind, in :data:`KINDS` order."""
    c = Counter(p.kind for p in pairs)
    return {k: c[k] for k in KINDS}
