"""A sanity suite for NLI models: properties any NLI model used by this library should have.

Each property is a list of generated (premise, hypothesis, expected label) cases, built by fixed rules from
sentences: a pool written for this project (``data/nli_sanity_pool.toml``: news, government, contracts, HR
policy, central banks, health, transport, sport, dialogue) plus a seeded draw of premises from the NLI
*training* files (never ``eval/``), so that the suite is not only our own wording. Without the training
folder the suite runs on the pool alone and says so.

| property | rule | expected |
|---|---|---|
| ``identity`` | the same text | entailment |
| ``near_identity`` | case changed, extra spaces, quote marks changed, final punctuation dropped or added | entailment |
| ``clause_dropped`` | a trailing ", and/but/which/because ..." clause or a leading "After/Because/Although ...," clause dropped | entailment |
| ``different_subject`` | two unrelated sentences of one genre (or one training file) | neutral |
| ``extra_option`` | a duty and an extra option or detail beside it (pool pairs) | neutral |
| ``negation`` | "not" added to the main clause ("will" -> "will not", "approved" -> "did not approve") | contradiction |
| ``antonym`` | one word swapped for its antonym (a small table: rose/fell, approved/rejected, ...) | contradiction |
| ``number_changed`` | one exact number changed (not years, not "at least 5") | contradiction |
| ``date_changed`` | a month, weekday, ISO date or year changed (not "by March", "before 2020") | contradiction |
| ``name_changed`` | a person, place or organisation swapped for another of its type, the sentence otherwise identical | contradiction |

Example:
    >>> from contradict.nli.sanity import negate
    >>> negate("The council approved the plan.")
    ('The council did not approve the plan.', "'approved' -> 'did not approve'")
    >>> report = run_sanity(load_nli(), limit_per_property=300)   # doctest: +SKIP
    >>> print(format_table(report))                                # doctest: +SKIP
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import random
import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..records import LABELS
from ..text import MONTHS as _TEXT_MONTHS
from ..text import WEEKDAYS as _TEXT_WEEKDAYS
from ..text import split_sentences

logger = logging.getLogger(__name__)

POOL_PATH = Path(__file__).resolve().parent.parent / "data" / "nli_sanity_pool.toml"
DEFAULT_TRAIN_DIR = "../shared/nli-data/train"
DEFAULT_SEED = 20261201
DEFAULT_LIMIT = 300
DEFAULT_TRAIN_PREMISES = 1000

#: Training files whose premises are natural text (not captions of one photo, not synthetic probes).
NATURAL_FILES = ("mnli_dev_matched", "anli_r1_dev", "anli_r2_dev", "anli_r3_dev", "lingnli_train", "lingnli_dev",
                 "xnli_en_dev", "xnli_en_test", "taxinli_matched_genres", "control_dev", "conjnli_dev")


# ------------------------------------------------------------------------------------------------ records
@dataclass(frozen=True)
class Sentence:
    """One source sentence: its text, genre (a pool genre or ``train:<file>``) and origin (pool or train)."""

    text: str
    genre: str
    origin: str  # "pool" | "train"


@dataclass(frozen=True)
class Case:
    """One generated pair: what the model should say, and the rule that made it."""

    prop: str
    premise: str
    hypothesis: str
    expected: str
    rule: str
    origin: str


@dataclass(frozen=True)
class Target:
    """An acceptance target: ``pass >= value`` or ``contradiction <= value`` (shares of argmax labels)."""

    metric: str  # "pass" | "contradiction"
    op: str      # ">=" | "<="
    value: float

    def met(self, pass_rate: float, contradiction: float) -> bool:
        x = pass_rate if self.metric == "pass" else contradiction
        return x >= self.value - 1e-12 if self.op == ">=" else x <= self.value + 1e-12

    def __str__(self) -> str:
        sym = "≥" if self.op == ">=" else "≤"
        if self.metric == "pass" and self.value >= 1.0:
            return "pass = 100%"
        return f"{self.metric} {sym} {self.value:.0%}"


#: property -> expected label (the order of the table).
PROPERTIES: dict[str, str] = {
    "identity": "entailment",
    "near_identity": "entailment",
    "clause_dropped": "entailment",
    "different_subject": "neutral",
    "extra_option": "neutral",
    "negation": "contradiction",
    "antonym": "contradiction",
    "number_changed": "contradiction",
    "date_changed": "contradiction",
    "name_changed": "contradiction",
}

#: Acceptance targets of issue 11 (properties without one are reported without a target).
TARGETS: dict[str, Target] = {
    "identity": Target("pass", ">=", 1.0),
    "near_identity": Target("pass", ">=", 0.99),
    "different_subject": Target("contradiction", "<=", 0.05),
    **{p: Target("pass", ">=", 0.90) for p in ("negation", "antonym", "number_changed", "date_changed",
                                               "name_changed")},
}


@dataclass
class PropertyResult:
    """Results of one property: pass rate (argmax == expected), argmax shares, and the worst cases."""

    prop: str
    expected: str
    n: int
    pass_rate: float
    shares: dict[str, float]
    mean_expected: float
    target: str | None
    target_met: bool | None
    n_pool: int
    n_train: int
    pass_by_origin: dict[str, float] = field(default_factory=dict)  # "pool" / "train" -> pass rate
    worst: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class SanityReport:
    """The suite's results: one :class:`PropertyResult` per property and where the sentences came from."""

    results: list[PropertyResult]
    seed: int
    limit_per_property: int
    pool_sentences: int
    train_premises: int
    train_dir: str | None
    note: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def result(self, prop: str) -> PropertyResult:
        return next(r for r in self.results if r.prop == prop)


# ------------------------------------------------------------------------------------------------ sources
def load_pool(path: str | Path = POOL_PATH) -> dict[str, Any]:
    """The sentence pool: ``{"sentences": {genre: [...]}, "names": {type: [...]}, "extra_option": [...]}``."""
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def pool_sentences(pool: dict[str, Any]) -> list[Sentence]:
    return [Sentence(t, genre, "pool") for genre, texts in pool["sentences"].items() for t in texts]


def _usable_premise(text: str) -> bool:
    words = text.split()
    return (6 <= len(words) <= 35 and len(text) <= 240 and text.isprintable()
            and len(split_sentences(text)) == 1)


def draw_train_premises(train_dir: str | Path, n: int, seed: int) -> list[Sentence]:
    """``n`` distinct single-sentence premises (6-35 words) drawn with ``seed`` from the natural-text training
    files of ``train_dir``, spread evenly over the files; each keeps its file as its genre.

    Raises:
        ValueError: ``train_dir`` is an ``eval`` folder (held-out data is never used here).
    """
    root = Path(train_dir)
    if "eval" in root.resolve().parts:
        raise ValueError(f"{train_dir}: the sanity suite draws from training data only, never from eval/")
    files = sorted(f for f in root.glob("*.jsonl.gz") if f.name.removesuffix(".jsonl.gz") in NATURAL_FILES)
    if not files or n <= 0:
        return []
    rng = random.Random(seed)
    per_file = [n // len(files) + (1 if i < n % len(files) else 0) for i in range(len(files))]
    out: list[Sentence] = []
    for f, k in zip(files, per_file):
        seen: dict[str, None] = {}
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line)["premise"].strip()
                if _usable_premise(text):
                    seen.setdefault(text, None)
        texts = list(seen)
        genre = "train:" + f.name.removesuffix(".jsonl.gz")
        out += [Sentence(t, genre, "train") for t in rng.sample(texts, min(k, len(texts)))]
    return out


# ------------------------------------------------------------------------------------------------ rules
_NEGATION_RE = re.compile(r"\b(not|never|no|nobody|none|nothing|neither|nor|without|cannot)\b|n't\b", re.IGNORECASE)
_AUX = ("is", "are", "was", "were", "will", "can", "must", "should", "would", "could", "may", "shall",
        "has", "have", "had")
_PERFECT = ("has", "have", "had")
_IRREGULAR_PARTICIPLES = frozenset(
    ["been", "made", "said", "held", "won", "paid", "set", "cut", "put", "led", "kept", "left", "lost", "met", "sent", "spent", "built", "told", "found", "bought", "brought", "taught", "thought", "become", "come", "run", "begun", "done", "gone", "seen", "known", "shown", "grown", "given", "taken", "written", "chosen", "sold", "struck", "stood", "understood"])
#: main verbs negated with do-support: form -> (auxiliary, base form).
_DO_VERBS: dict[str, tuple[str, str]] = {}
for _base, _past, _third in [
        ("approve", "approved", "approves"), ("raise", "raised", "raises"), ("sign", "signed", "signs"),
        ("announce", "announced", "announces"), ("open", "opened", "opens"), ("close", "closed", "closes"),
        ("agree", "agreed", "agrees"), ("reject", "rejected", "rejects"), ("ban", "banned", "bans"),
        ("allow", "allowed", "allows"), ("increase", "increased", "increases"), ("reduce", "reduced", "reduces"),
        ("win", "won", "wins"), ("lose", "lost", "loses"), ("hold", "held", "holds"), ("keep", "kept", "keeps"),
        ("pay", "paid", "pays"), ("meet", "met", "meets"), ("move", "moved", "moves"), ("vote", "voted", "votes"),
        ("report", "reported", "reports"), ("confirm", "confirmed", "confirms"), ("receive", "received", "receives"),
        ("require", "required", "requires"), ("include", "included", "includes"), ("cover", "covered", "covers"),
        ("offer", "offered", "offers"), ("run", "ran", "runs"), ("serve", "served", "serves"),
        ("rise", "rose", "rises"), ("fall", "fell", "falls"), ("beat", "beat", "beats"), ("sell", "sold", "sells"),
        ("buy", "bought", "buys"), ("say", "said", "says"), ("own", "owned", "owns"), ("need", "needed", "needs"),
        ("attract", "attracted", "attracts"), ("restore", "restored", "restores"), ("arrest", "arrested", "arrests"),
        ("discover", "discovered", "discovers"), ("steal", "stole", "steals"), ("gather", "gathered", "gathers"),
        ("welcome", "welcomed", "welcomes"), ("return", "returned", "returns"), ("pass", "passed", "passes"),
        ("issue", "issued", "issues"), ("visit", "visited", "visits"), ("close", "closed", "closes"),
        ("lead", "led", "leads"), ("carry", "carried", "carries"), ("depart", "departed", "departs"),
        ("cost", "cost", "costs"), ("finish", "finished", "finishes"), ("sack", "sacked", "sacks"),
        ("defend", "defended", "defends"), ("complete", "completed", "completes"), ("last", "lasted", "lasts"),
        ("contain", "contained", "contains"), ("introduce", "introduced", "introduces"), ("sell", "sold", "sells"),
        ("peg", "pegged", "pegs"), ("lower", "lowered", "lowers"), ("slow", "slowed", "slows"),
        ("expect", "expected", "expects"), ("fix", "fixed", "fixes"), ("buy", "bought", "buys"),
        ("leave", "left", "leaves"), ("live", "lived", "lives"), ("work", "worked", "works"),
        ("go", "went", "goes"), ("take", "took", "takes"), ("make", "made", "makes"), ("get", "got", "gets"),
        ("give", "gave", "gives"), ("know", "knew", "knows"), ("like", "liked", "likes"), ("want", "wanted", "wants"),
        ("turn", "turned", "turns"), ("sign", "signed", "signs"), ("land", "landed", "lands"),
        ("answer", "answered", "answers"), ("stay", "stayed", "stays"), ("hire", "hired", "hires"),
        ("order", "ordered", "orders"), ("reopen", "reopened", "reopens"), ("deliver", "delivered", "delivers"),
        ("adopt", "adopted", "adopts"), ("appoint", "appointed", "appoints"), ("contribute", "contributed", "contributes"),
        ("guarantee", "guaranteed", "guarantees"), ("survive", "survived", "survives")]:
    _DO_VERBS.setdefault(_past, ("did", _base))
    _DO_VERBS.setdefault(_third, ("does", _base))
_DETERMINERS = frozenset(["the", "a", "an", "its", "their", "his", "her", "our", "my", "your", "these", "those", "this", "that", "some", "many", "all", "every", "each", "no", "any", "several"])
#: words that end the main clause for the negation and hedge rules (a comma does too).
_CLAUSE_BREAKS = frozenset(["who", "which", "that", "when", "if", "because", "although", "though", "while", "where", "whose", "whom", "after", "before", "since", "unless", "until", "so", "and", "but"])

#: the antonym table (both directions).
ANTONYMS: tuple[tuple[str, str], ...] = (
    ("raised", "lowered"), ("raise", "lower"), ("rose", "fell"), ("rise", "fall"), ("rising", "falling"),
    ("increased", "decreased"), ("increase", "decrease"), ("increases", "decreases"), ("higher", "lower"),
    ("highest", "lowest"), ("won", "lost"), ("win", "lose"), ("approved", "rejected"), ("accepted", "refused"),
    ("opened", "closed"), ("opens", "closes"), ("is open", "is closed"), ("are open", "are closed"),
    ("stays open", "stays closed"), ("reopened", "shut"), ("banned", "allowed"), ("allows", "forbids"),
    ("permitted", "prohibited"), ("early", "late"), ("earlier", "later"), ("best", "worst"), ("cheaper", "dearer"),
    ("above", "below"), ("start", "stop"), ("begin", "end"), ("slowed", "accelerated"), ("sold", "bought"),
    ("doubled", "halved"), ("unchanged", "changed"), ("guilty", "innocent"), ("true", "false"),
    ("strong", "weak"), ("stronger", "weaker"), ("hot", "cold"), ("full", "empty"), ("success", "failure"),
    ("succeeded", "failed"), ("mandatory", "optional"), ("legal", "illegal"), ("larger", "smaller"),
    ("expensive", "cheap"), ("more than", "less than"), ("extend", "shorten"),
    ("add", "remove"), ("alive", "dead"), ("survived", "died"), ("happy", "sad"), ("agreed", "refused"),
)
_ANTONYM_MAP: dict[str, str] = {}
for _a, _b in ANTONYMS:
    _ANTONYM_MAP.setdefault(_a, _b)
    _ANTONYM_MAP.setdefault(_b, _a)
_ANTONYM_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _ANTONYM_MAP), key=len, reverse=True)) + r")\b",
                         re.IGNORECASE)

#: full month and weekday names, capitalised, from the one calendar table in :mod:`contradict.text`.
MONTHS = tuple(dict.fromkeys(name.capitalize() for name, _ in sorted(_TEXT_MONTHS.items(), key=lambda kv: kv[1])
                             if len(name) > 4 or name == "may" or name in ("june", "july")))
WEEKDAYS = tuple(d.capitalize() for d in _TEXT_WEEKDAYS)
_SMALL_NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_TENS_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_NUMBER_WORDS = _SMALL_NUMBER_WORDS + _TENS_WORDS
#: a number after these words is a bound, not an exact value: changing it need not contradict ("at least 5").
_NUMBER_HEDGES = ("at least", "at most", "more than", "less than", "fewer than", "over", "under", "up to", "about",
                  "around", "nearly", "almost", "roughly", "approximately", "some", "within", "than", "circa",
                  "above", "below")
#: nor is a date after these ("by March", "before 2020", "since January").
_DATE_HEDGES = ("by", "before", "after", "until", "till", "since", "within", "around", "about", "circa", "early",
                "late", "mid", "than")


def _hedge_re(words: Sequence[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(h) for h in words) + r")\s+$", re.IGNORECASE)


_NUMBER_HEDGE_RE = _hedge_re(_NUMBER_HEDGES)
_DATE_HEDGE_RE = _hedge_re(_DATE_HEDGES)
_YEAR = r"(?:19|20)\d\d"
_MONTH_RE = "|".join(MONTHS)
_DATE_RE = re.compile(
    rf"\b(?P<iso>{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))\b"
    rf"|\b(?P<dm>\d{{1,2}} (?:{_MONTH_RE})(?: {_YEAR})?)\b"
    rf"|\b(?P<md>(?:{_MONTH_RE}) \d{{1,2}}(?:, {_YEAR})?)\b"
    rf"|\b(?P<my>(?:{_MONTH_RE})(?: {_YEAR})?)\b"
    rf"|\b(?P<wd>{'|'.join(WEEKDAYS)})\b"
    rf"|\b(?P<year>{_YEAR})\b")
_NUMBER_RE = re.compile(r"(?<![\w.,:/-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w/-]|[.,:]\d)|\b(" +
                        "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
_QUOTE_SWAPS = (("\"", "\u201c", "\u201d"), ("'", "\u2018", "\u2019"))


def _case_like(word: str, model: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


_WORD_RE = re.compile(r"[A-Za-z']+|[,;:()\"\u201c\u201d]")


def _main_clause_words(text: str) -> list[re.Match[str]]:
    """Word matches of the main clause: up to the first comma, semicolon or clause word (after word 0); a
    leading subordinate clause ("While the beet is roasting, ...") is skipped up to its comma."""
    out: list[re.Match[str]] = []
    start = 0
    first = re.match(r"\s*([A-Za-z]+)", text)
    if first and first.group(1).lower() in _CLAUSE_BREAKS | {"as", "if", "once", "whether"}:
        comma = text.find(",")
        if comma < 0:
            return []
        start = comma + 1
    for m in _WORD_RE.finditer(text, start):
        tok = m.group(0)
        if tok in ",;:()\"\u201c\u201d" or (out and tok.lower() in _CLAUSE_BREAKS):
            if out:
                break
            continue
        out.append(m)
    return out


def negate(text: str) -> tuple[str, str] | None:
    """``text`` with "not" added to its main clause, and the change; None when no rule applies (the text
    already has a negation, or no auxiliary or known verb before the first comma or clause word).

    Example:
        >>> negate("Staff must file claims through the portal.")[0]
        'Staff must not file claims through the portal.'
    """
    if _NEGATION_RE.search(text):
        return None
    words = _main_clause_words(text)
    for i, m in enumerate(words):  # first pass: an auxiliary or modal ("will" -> "will not")
        w = m.group(0)
        low = w.lower()
        if i == 0 or low not in _AUX or not w.islower():
            continue
        nxt = words[i + 1].group(0).lower() if i + 1 < len(words) else ""
        if low in _PERFECT and not (nxt.endswith(("ed", "en", "wn")) or nxt in _IRREGULAR_PARTICIPLES):
            continue  # "has" as a main verb ("has 300 members")
        if words[i - 1].group(0).lower() == "might":
            return None  # "might (not) have": epistemic, not a contradiction
        new = "cannot" if low == "can" else f"{w} not"
        return text[:m.start()] + new + text[m.end():], f"{w!r} -> {new!r}"
    for i, m in enumerate(words):  # second pass: a known main verb ("approved" -> "did not approve")
        w = m.group(0)
        if i == 0 or w not in _DO_VERBS or words[i - 1].group(0).lower() in _DETERMINERS:
            continue  # "the reports" is a noun
        aux, base = _DO_VERBS[w]
        new = f"{aux} not {base}"
        return text[:m.start()] + new + text[m.end():], f"{w!r} -> {new!r}"
    return None


def swap_antonym(text: str) -> tuple[str, str] | None:
    """``text`` with its first word from the antonym table swapped for its antonym, and the change."""
    m = None if _NEGATION_RE.search(text) else _ANTONYM_RE.search(text)  # "no legal ..." -> "no illegal ..."
    if m is None:
        return None
    old = m.group(0)
    new = _case_like(_ANTONYM_MAP[old.lower()], old)
    return text[:m.start()] + new + text[m.end():], f"{old!r} -> {new!r}"


def _date_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _DATE_RE.finditer(text)]


def change_number(text: str, rng: random.Random) -> tuple[str, str] | None:
    """``text`` with its first exact number (not a year or part of a date, not after "at least", "over",
    "about", ...) changed to another value of the same form, and the change."""
    dates = _date_spans(text)
    for m in _NUMBER_RE.finditer(text):
        if any(lo <= m.start() < hi for lo, hi in dates) or _NUMBER_HEDGE_RE.search(text[:m.start()]):
            continue
        if re.search(r"\bor\s+$", text[:m.start()]) or re.match(r"\s+or\b", text[m.end():]):
            continue  # "five or six": a range
        if m.group(2):  # a number word
            old = m.group(2)
            if (re.match(r"[\s-]+(?:" + "|".join(_NUMBER_WORDS) + r")\b", text[m.end():], re.IGNORECASE)
                    or re.search(r"\b(?:" + "|".join(_TENS_WORDS) + r")[\s-]+$", text[:m.start()], re.IGNORECASE)):
                continue  # "eighty seven": part of a longer number
            group = _SMALL_NUMBER_WORDS if old.lower() in _SMALL_NUMBER_WORDS else _TENS_WORDS
            choices = [w for w in group if w != old.lower()]
            new = _case_like(rng.choice(choices), old)
        else:
            old = m.group(1)
            digits = old.replace(",", "")
            if "." in digits:
                places = len(digits.split(".")[1])
                value = float(digits)
                new_value = value + rng.choice([-1, 1]) * max(value * rng.uniform(0.2, 0.6), 10 ** -places * 3)
                new = f"{abs(new_value):.{places}f}"
            else:
                value = int(digits)
                delta = max(1, int(value * rng.uniform(0.2, 0.6)))
                new_int = value + delta if value < 3 or rng.random() < 0.5 else value - delta
                new = f"{new_int:,}" if "," in old else str(new_int)
            if new == old:
                continue
        return text[:m.start()] + new + text[m.end():], f"{old!r} -> {new!r}"
    return None


def change_date(text: str, rng: random.Random) -> tuple[str, str] | None:
    """``text`` with its first date that is not a bound ("by March", "before 2020", "since 2019") changed:
    another month, weekday or ISO day, or the year moved by 1-3; and the change."""
    for m in _DATE_RE.finditer(text):
        if _DATE_HEDGE_RE.search(text[:m.start()]):
            continue
        old = m.group(0)
        kind = m.lastgroup
        if kind == "iso":
            y, mo, d = old.split("-")
            day = int(d)
            new_day = day + rng.randint(1, 5) if day <= 20 else day - rng.randint(1, 5)
            new = f"{y}-{mo}-{new_day:02d}"
        elif kind == "wd":
            new = rng.choice([w for w in WEEKDAYS if w != old])
        elif kind == "year":
            new = str(int(old) + rng.choice([-3, -2, -1, 1, 2, 3]))
        else:  # a month with a day and/or year: change the month
            month = next(mm for mm in MONTHS if mm in old)
            if kind == "my" and month == "May" and m.start() == 0:
                continue  # sentence-initial "May" may be the modal
            day_match = re.search(r"\d{1,2}(?!\d)", old)
            days = int(day_match.group(0)) if day_match else 1
            fits = [mm for i, mm in enumerate(MONTHS) if mm != month
                    and days <= (31 if i in (0, 2, 4, 6, 7, 9, 11) else 30 if i != 1 else 28)]
            if not fits:
                continue  # "May 45": not a day of a month
            new = old.replace(month, rng.choice(fits))
        return text[:m.start()] + new + text[m.end():], f"{old!r} -> {new!r}"
    return None


def change_name(text: str, names: dict[str, list[str]], rng: random.Random) -> tuple[str, str] | None:
    """``text`` with its first known name (longest match first) replaced everywhere by another name of the
    same type that the text does not contain, and the change; None for a negated text."""
    if _NEGATION_RE.search(text):
        return None  # "never been to Lisbon" / "never been to Dublin": both can hold
    found: list[tuple[int, int, str, str]] = []
    for kind, items in names.items():
        for name in items:
            for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
                found.append((m.start(), -len(name), name, kind))
    if not found:
        return None
    _, _, old, kind = min(found)
    choices = [n for n in names[kind] if n != old and n not in text and old not in n and n not in old]
    if not choices:
        return None
    new = rng.choice(choices)
    return re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", new, text), f"{old!r} -> {new!r}"


def near_identity_variants(text: str) -> list[tuple[str, str]]:
    """Surface variants of ``text`` that say the same: lower case, extra spaces, the other quote marks
    (straight <-> curly), the final punctuation dropped or added."""
    out: list[tuple[str, str]] = []
    if text.lower() != text:
        out.append((text.lower(), "lower case"))
    if " " in text:
        out.append((text.replace(" ", "  ", 2).replace(". ", ".  "), "extra spaces"))
    swapped = text
    for straight, left, right in _QUOTE_SWAPS:
        if straight in swapped:
            # straight -> curly: an opening mark after a space or at the start, else a closing one
            swapped = re.sub(rf"(^|(?<=[\s(])){re.escape(straight)}", left, swapped)
            swapped = swapped.replace(straight, right)
        else:
            swapped = swapped.replace(left, straight).replace(right, straight)
    if swapped != text:
        out.append((swapped, "quote marks changed"))
    stripped = text.rstrip()
    if stripped.endswith((".", "!")):
        out.append((stripped[:-1], "final punctuation dropped"))
    elif stripped and stripped[-1].isalnum():
        out.append((stripped + ".", "final full stop added"))
    return out


_TRAILING_RE = re.compile(r",\s+(and|but|while|which|because|although|though|as well as|so that)\s+")
_LEADING_RE = re.compile(r"^(After|Although|Though|Because|Since|While|Following|Despite)\b[^,]{0,120},\s+")


def _balanced(text: str) -> bool:
    return (text.count("\"") % 2 == 0 and text.count("(") == text.count(")")
            and text.count("\u201c") == text.count("\u201d"))


def drop_clause(text: str) -> tuple[str, str] | None:
    """A shorter text the sentence still states: its trailing ", and/but/which/because ..." clause dropped
    (the kept part has 4+ words and does not end in a list), or its leading "After/Because/Although ...,"
    clause dropped; and what was dropped."""
    stripped = text.rstrip()
    end = stripped[-1] if stripped and stripped[-1] in ".!?" else ""
    for m in _TRAILING_RE.finditer(stripped):
        head, tail = stripped[:m.start()], stripped[m.end():]
        last_segment = head.rsplit(",", 1)[-1]
        if (len(head.split()) >= 4 and len(tail.split()) >= 2 and len(last_segment.split()) >= 3
                and "," not in tail and _balanced(head)):
            return head + (end or "."), f"dropped {stripped[m.start():]!r}"
    lead = _LEADING_RE.match(stripped)
    if lead:
        rest = stripped[lead.end():]
        if len(rest.split()) >= 4 and _balanced(rest):
            return rest[:1].upper() + rest[1:], f"dropped {lead.group(0).strip()!r}"
    return None


_STOP = frozenset(["the", "a", "an", "of", "to", "in", "on", "for", "and", "or", "but", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could", "that", "this", "with", "from", "by", "at", "as", "it", "its", "their", "his", "her", "they", "he", "she", "we", "you", "i", "not"])


def _content(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP and len(w) > 2}


def _pair_unrelated(sentences: list[Sentence], rng: random.Random) -> list[Case]:
    """Each sentence with another of its genre sharing at most 15% of content words (Jaccard)."""
    by_genre: dict[str, list[Sentence]] = {}
    for s in sentences:
        by_genre.setdefault(s.genre, []).append(s)
    out: list[Case] = []
    for s in sentences:
        others = [o for o in by_genre[s.genre] if o.text != s.text]
        rng.shuffle(others)
        a = _content(s.text)
        for o in others[:10]:
            b = _content(o.text)
            if len(a & b) / max(1, len(a | b)) <= 0.15:
                out.append(Case("different_subject", s.text, o.text, "neutral", f"another {s.genre} sentence",
                                s.origin))
                break
    return out


# ------------------------------------------------------------------------------------------------ cases
def build_cases(sentences: Sequence[Sentence], pool: dict[str, Any], *, seed: int = DEFAULT_SEED,
                limit_per_property: int = DEFAULT_LIMIT) -> dict[str, list[Case]]:
    """Every property's cases, generated from ``sentences`` (and the pool's names and extra-option pairs),
    at most ``limit_per_property`` each (a seeded sample; 0 = all)."""
    rng = random.Random(seed)
    names = pool.get("names", {})
    cases: dict[str, list[Case]] = {p: [] for p in PROPERTIES}

    def add(prop: str, s: Sentence, made: tuple[str, str] | None) -> None:
        if made is not None and made[0] != s.text:
            cases[prop].append(Case(prop, s.text, made[0], PROPERTIES[prop], made[1], s.origin))

    transforms: dict[str, Callable[[str], tuple[str, str] | None]] = {
        "clause_dropped": drop_clause,
        "negation": negate,
        "antonym": swap_antonym,
        "number_changed": lambda t: change_number(t, rng),
        "date_changed": lambda t: change_date(t, rng),
        "name_changed": lambda t: change_name(t, names, rng),
    }
    for s in sentences:
        cases["identity"].append(Case("identity", s.text, s.text, "entailment", "the same text", s.origin))
        variants = near_identity_variants(s.text)
        if variants:
            text, rule = rng.choice(variants)
            cases["near_identity"].append(Case("near_identity", s.text, text, "entailment", rule, s.origin))
        for prop, fn in transforms.items():
            add(prop, s, fn(s.text))
    cases["different_subject"] = _pair_unrelated(list(sentences), rng)
    cases["extra_option"] = [Case("extra_option", p["premise"], p["hypothesis"], "neutral", "extra option beside it",
                                  "pool") for p in pool.get("extra_option", [])]
    if limit_per_property:
        for prop, items in cases.items():
            if len(items) > limit_per_property:
                keep = sorted(rng.sample(range(len(items)), limit_per_property))
                cases[prop] = [items[i] for i in keep]
    return cases


# ------------------------------------------------------------------------------------------------ running
def run_sanity(scorer: Any, *, seed: int = DEFAULT_SEED, limit_per_property: int = DEFAULT_LIMIT,
               train_dir: str | Path | None = DEFAULT_TRAIN_DIR, train_premises: int = DEFAULT_TRAIN_PREMISES,
               pool_path: str | Path = POOL_PATH, worst: int = 5) -> SanityReport:
    """Score every property's cases with ``scorer`` (any :class:`~contradict.nli.NLIScorer`) and report the
    pass rate (argmax == expected), the share of each argmax label and the ``worst`` cases (lowest
    probability of the expected label) per property.

    ``train_dir`` (training data only; None or a missing folder: the pool alone, said in ``note``) adds
    ``train_premises`` premises drawn with ``seed``.
    """
    pool = load_pool(pool_path)
    sentences = pool_sentences(pool)
    drawn: list[Sentence] = []
    used_dir: str | None = None
    if train_dir is not None and os.path.isdir(train_dir):
        drawn = draw_train_premises(train_dir, train_premises, seed)
        used_dir = str(train_dir) if drawn else None
    if drawn:
        note = (f"{len(sentences)} pool sentences and {len(drawn)} premises drawn from the natural-text training "
                f"files of {train_dir} (seed {seed})")
    else:
        note = (f"{len(sentences)} pool sentences only: no training data at {train_dir} "
                "(the draw of training premises was skipped)")
    cases = build_cases(sentences + drawn, pool, seed=seed, limit_per_property=limit_per_property)
    flat = [c for prop in PROPERTIES for c in cases[prop]]
    probs = np.asarray(scorer([(c.premise, c.hypothesis) for c in flat]), dtype=np.float64).reshape(-1, 3)
    results: list[PropertyResult] = []
    at = 0
    for prop, expected in PROPERTIES.items():
        items = cases[prop]
        p = probs[at:at + len(items)]
        at += len(items)
        k = LABELS.index(expected)
        pred = p.argmax(1) if len(items) else np.zeros(0, dtype=int)
        n = len(items)
        shares = {label: float((pred == i).mean()) if n else 0.0 for i, label in enumerate(LABELS)}
        pass_rate = shares[expected]
        target = TARGETS.get(prop)
        order: list[int] = np.argsort(p[:, k], kind="stable")[:worst].tolist() if n else []
        results.append(PropertyResult(
            prop=prop, expected=expected, n=n, pass_rate=pass_rate, shares=shares,
            mean_expected=float(p[:, k].mean()) if n else 0.0,
            target=str(target) if target else None,
            target_met=target.met(pass_rate, shares["contradiction"]) if target and n else None,
            n_pool=sum(c.origin == "pool" for c in items), n_train=sum(c.origin == "train" for c in items),
            pass_by_origin={o: float(np.mean([pred[i] == k for i, c in enumerate(items) if c.origin == o]))
                            for o in ("pool", "train") if any(c.origin == o for c in items)},
            worst=[{"premise": items[i].premise, "hypothesis": items[i].hypothesis, "rule": items[i].rule,
                    "probs": dict(zip(LABELS, map(float, p[i])))} for i in order]))
    return SanityReport(results, seed, limit_per_property, len(sentences), len(drawn), used_dir, note)


def format_table(report: SanityReport) -> str:
    """A Markdown table: per property the expected label, n (pool + training), pass rate, the share of each
    argmax label, the mean probability of the expected label and the acceptance target."""
    lines = ["| property | expected | n (pool + train) | pass | argmax E | argmax N | argmax C | mean P(expected) "
             "| target | met |",
             "|---|---|---:|---:|---:|---:|---:|---:|---|---|"]
    for r in report.results:
        met = "—" if r.target_met is None else ("yes" if r.target_met else "**no**")
        lines.append(f"| {r.prop} | {r.expected} | {r.n} ({r.n_pool} + {r.n_train}) | {r.pass_rate:.1%} | "
                     f"{r.shares['entailment']:.1%} | {r.shares['neutral']:.1%} | {r.shares['contradiction']:.1%} | "
                     f"{r.mean_expected:.3f} | {r.target or '—'} | {met} |")
    return "\n".join(lines)


def format_worst(report: SanityReport, k: int = 3) -> str:
    """The ``k`` worst cases of each property that missed its expected label, as plain lines."""
    lines: list[str] = []
    for r in report.results:
        bad = [w for w in r.worst if max(w["probs"], key=w["probs"].get) != r.expected][:k]
        if not bad:
            continue
        lines.append(f"{r.prop} (expected {r.expected}):")
        for w in bad:
            pr = w["probs"]
            lines.append(f"  E {pr['entailment']:.2f} N {pr['neutral']:.2f} C {pr['contradiction']:.2f}  "
                         f"[{w['rule']}]  P: {w['premise']!r}  H: {w['hypothesis']!r}")
    return "\n".join(lines)
