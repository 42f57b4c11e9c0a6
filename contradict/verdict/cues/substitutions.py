"""Aligned substitutions: what one text replaces in an otherwise near-identical other.

Small NLI models miss conflicts that hinge on one changed number, date or name inside otherwise
near-identical sentences ("curfew from 10 pm" / "curfew from 8 pm"). This module aligns two texts token by
token (difflib on normalised tokens) and reports what was replaced.

Example:
    >>> [s.description for s in aligned_substitutions("The curfew starts at 10 pm.", "The curfew starts at 8 pm.")]
    ['number: 10 pm -> 8 pm']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache

from ..timeexpr import ANY_DAY, find_time_mentions
from .tokens import (
    _CURRENCY,
    _DATE_MODIFIERS,
    _NEGATIONS,
    _STOPWORDS,
    _UNIT_SYMBOLS,
    _content,
    _modal_classes,
    _Token,
    crude_stem,
)


@dataclass(frozen=True)
class Substitution:
    """One aligned difference between two texts.

    Attributes:
        kind: "number" | "date" | "entity" | "negation" | "modality" | "opposite" | "word".
        before: the words in the first text (with a unit or neighbouring word for context).
        after: the words in the second text.
        description: ``"<kind>: <before> -> <after>"``, ready for a finding's ``signals``.

    Example:
        >>> Substitution("number", "10 pm", "8 pm", "number: 10 pm -> 8 pm").kind
        'number'
    """

    kind: str
    before: str
    after: str
    description: str


def _span_text(text: str, tokens: tuple[_Token, ...], lo: int, hi: int) -> str:
    if lo >= hi:
        return ""
    return " ".join(text[tokens[lo].start : tokens[hi - 1].end].split())


_DATE_GAP_RE = re.compile(r"\s*[,\u2013-]?\s*")


def _joined(text: str, left: _Token, right: _Token, gap: re.Pattern[str] | None = None) -> bool:
    """Whether two tokens stand next to each other in ``text`` (only spaces, or ``gap``, between them)."""
    between = text[left.end : right.start]
    return not between.strip() if gap is None else gap.fullmatch(between) is not None


def _extend(text: str, tokens: tuple[_Token, ...], lo: int, hi: int, kind: str, context: bool) -> tuple[int, int]:
    """Widen a changed span for display: neighbours of an insertion or deletion, a number's unit and
    currency sign, a date's day, month or year."""
    if context:  # an insertion or deletion: show the words around it
        return max(lo - 1, 0), min(hi + 1, len(tokens))
    if kind == "number":
        if lo > 0 and tokens[lo - 1].key in _CURRENCY and _joined(text, tokens[lo - 1], tokens[lo]):
            lo -= 1
        if hi < len(tokens) and _joined(text, tokens[hi - 1], tokens[hi]):
            unit = tokens[hi]
            if (unit.kind == "sym" and unit.key in _UNIT_SYMBOLS) or (
                unit.kind == "word" and not unit.number and unit.key not in _STOPWORDS and not unit.date
            ):
                hi += 1
    elif kind == "date":
        for _ in range(2):
            prev = tokens[lo - 1] if lo > 0 else None
            if prev is not None and (prev.kind == "num" or prev.date) and _joined(text, prev, tokens[lo], _DATE_GAP_RE):
                lo -= 1
            nxt = tokens[hi] if hi < len(tokens) else None
            if nxt is not None and (nxt.kind == "num" or nxt.date) and _joined(text, tokens[hi - 1], nxt, _DATE_GAP_RE):
                hi += 1
    return lo, hi


def _not_sentence_initial(text: str, tokens: tuple[_Token, ...], lo: int, hi: int) -> tuple[_Token, ...]:
    """The span's tokens without one that starts a sentence, whose capital letter says nothing."""
    span = tokens[lo:hi]
    if span and (lo == 0 or re.search(r"[.!?:;]\W*$", text[:span[0].start])):
        return span[1:]
    return span


def _is_entity_side(tokens: tuple[_Token, ...]) -> bool:
    """Whether a span holds a capitalised name (not a function word, not a month or weekday)."""
    return any(t.kind == "word" and t.text[:1].isupper() and t.key not in _STOPWORDS and not t.date for t in tokens)


def _inflection_only(a: tuple[_Token, ...], b: tuple[_Token, ...]) -> bool:
    if len(a) != 1 or len(b) != 1:
        return False
    x, y = sorted((a[0].key, b[0].key), key=len)
    return y in (x + "s", x + "es")


# Opposite states and directions, each group against the other of its pair (inflections listed). Replacing one with
# the other in an otherwise identical sentence reverses the claim ("The airport is open" / "... is closed").
_OPPOSITES = (
    ("open opens opened reopen reopens reopened operating running", "closed close closes shut shuts suspended"),
    ("allowed permitted legal lawful authorised authorized", "banned prohibited forbidden illegal unlawful barred"),
    ("rise rises rose risen increase increases increased up higher more gain gains gained grew grow grows",
     "fall falls fell fallen decrease decreases decreased down lower fewer less drop drops dropped shrank shrink"),
    ("start starts started begin begins began resume resumes resumed",
     "stop stops stopped end ends ended halt halts halted cease ceases ceased"),
    ("accept accepts accepted approve approves approved support supports supported grant grants granted",
     "reject rejects rejected refuse refuses refused oppose opposes opposed deny denies denied"),
    ("win wins won", "lose loses lost"),
    ("guilty", "innocent acquitted"),
    ("present", "absent"),
    ("safe", "unsafe dangerous"),
    ("available", "unavailable"),
    ("valid", "invalid expired"),
)
_OPPOSITE_OF: dict[str, frozenset[str]] = {}
for _left, _right in _OPPOSITES:
    for _side, _other in ((_left, _right), (_right, _left)):
        for _word in _side.split():
            _OPPOSITE_OF[_word] = _OPPOSITE_OF.get(_word, frozenset()) | frozenset(_other.split())


def _opposites(a: tuple[_Token, ...], b: tuple[_Token, ...]) -> bool:
    """Whether two replaced one-word spans are opposites ("open" / "closed", "rose" / "fell", "legal" / "illegal")."""
    if len(a) != 1 or len(b) != 1:
        return False
    x, y = a[0].key, b[0].key
    return y in _OPPOSITE_OF.get(x, ()) or x in _OPPOSITE_OF.get(y, ())


def _date_neighbour(text: str, tokens: tuple[_Token, ...], lo: int, hi: int) -> bool:
    """Whether a month or weekday name stands right next to the span ("11 March", "March 11")."""
    if lo > 0 and tokens[lo - 1].date and tokens[lo - 1].kind == "word" and _joined(text, tokens[lo - 1], tokens[lo]):
        return True
    return (
        hi < len(tokens) and tokens[hi].date and tokens[hi].kind == "word" and _joined(text, tokens[hi - 1], tokens[hi])
    )


def _classify(
    a_text: str,
    b_text: str,
    ta: tuple[_Token, ...],
    tb: tuple[_Token, ...],
    tag: str,
    i1: int,
    i2: int,
    j1: int,
    j2: int,
) -> str | None:
    a, b = ta[i1:i2], tb[j1:j2]
    neg_a = sum(t.key in _NEGATIONS and not _reminds(ta, t) for t in a)
    neg_b = sum(t.key in _NEGATIONS and not _reminds(tb, t) for t in b)
    keys_a = [t.key for t in a]
    keys_b = [t.key for t in b]
    if {tuple(keys_a), tuple(keys_b)} == {("no",), ("#0",)}:  # "no deaths" == "0 deaths"
        return None
    if neg_a != neg_b:
        return "negation"
    if tag != "replace":
        return None
    mod_a, mod_b = _modal_classes(a), _modal_classes(b)
    if mod_a and mod_b and mod_a != mod_b:
        return "modality"
    has_num_a = any(t.number for t in a)
    has_num_b = any(t.number for t in b)
    date_a = any(t.date for t in a)
    date_b = any(t.date for t in b)
    if date_a and date_b:
        return "date"
    if (has_num_a and has_num_b) or any(t.key in _DATE_MODIFIERS for t in a + b):
        # "11 March" -> "12 March"; "late 1970s" -> "mid 1970s"
        if _date_neighbour(a_text, ta, i1, i2) and _date_neighbour(b_text, tb, j1, j2):
            return "date"
        if not (has_num_a and has_num_b) and ((i2 < len(ta) and ta[i2].date) or (j2 < len(tb) and tb[j2].date)):
            return "date"
    if has_num_a and has_num_b:
        return "number"
    if _is_entity_side(_not_sentence_initial(a_text, ta, i1, i2)) and \
            _is_entity_side(_not_sentence_initial(b_text, tb, j1, j2)):
        return "entity"  # "Pension contributions" / "Gains" at a sentence start are ordinary words
    if date_a or date_b:
        return "date"
    if _inflection_only(a, b):
        return None
    if _opposites(a, b):
        return "opposite"
    return "word"


def _reminds(tokens: tuple[_Token, ...], token: _Token) -> bool:
    """Whether a "not" is part of a reminder ("Don't forget", "Do not miss"), not a denial."""
    i = tokens.index(token)
    return i + 1 < len(tokens) and tokens[i + 1].key in ("forget", "miss", "hesitate")


# Words that deny what follows them: with a negation in the same span they make a double negative.
_PRIVATIVES = frozenset({"lack", "lacks", "lacked", "lacking", "without"})


def _double_negative(ta: tuple[_Token, ...], tb: tuple[_Token, ...]) -> bool:
    """Whether a negation one text adds is cancelled by a privative word ("lack", "without") it also adds, so both
    say the same: "does not admit applicants who lack a diploma" / "admission requires a diploma"; "may not park
    without a permit" / "may park with a permit" (not "may not work without approval" / "may work without
    approval")."""
    neg_a, neg_b = (sum(t.key in _NEGATIONS for t in ts) for ts in (ta, tb))
    priv_a, priv_b = (sum(t.key in _PRIVATIVES for t in ts) for ts in (ta, tb))
    return priv_a != priv_b and (neg_a + priv_a) % 2 == (neg_b + priv_b) % 2


def aligned_substitutions(a: str, b: str) -> list[Substitution]:
    """What ``b`` replaces in ``a``, aligned token by token (difflib on normalised tokens).

    Replaced spans are reported as "number" (a value changed; equal values written differently are not a
    change), "date" (a year, month, weekday, decade or day of a month), "entity" (a capitalised name
    replaced by another, or names that swapped places), or "word" (anything else; a plural-only change is
    ignored). Spans where a
    negation ("not", "no", "never", "n't", "none", "nobody", ...) is added or removed are "negation" (unless a
    privative word added with it cancels it: "does not admit those who lack a diploma" / "requires a diploma"), and a
    permit word replaced by a forbid word (or back) is "modality". Other insertions and deletions
    (elaboration) are not reported.

    Example:
        >>> [s.description for s in aligned_substitutions("The firm employs 4,200 people.",
        ...                                                "The firm employs 5,100 people.")]
        ['number: 4,200 people -> 5,100 people']
    """
    ta, tb = _content(a), _content(b)
    matcher = SequenceMatcher(None, [t.key for t in ta], [t.key for t in tb], autojunk=False)
    found: list[tuple[int, Substitution]] = []
    unreported: list[tuple[str, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        kind = _classify(a, b, ta, tb, tag, i1, i2, j1, j2)
        if kind is None:
            unreported.append((tag, i1, i2, j1, j2))
            continue
        lo_a, hi_a = _extend(a, ta, i1, i2, kind, tag != "replace")
        lo_b, hi_b = _extend(b, tb, j1, j2, kind, tag != "replace")
        found.append((i1, _substitution(kind, _span_text(a, ta, lo_a, hi_a), _span_text(b, tb, lo_b, hi_b))))
    moved = _moved_names(a, b, ta, tb, unreported)
    if moved is not None:
        found.append(moved)
    if any(sub.kind == "negation" for _, sub in found) and _double_negative(ta, tb):
        found = [(i, sub) for i, sub in found if sub.kind != "negation"]
    return _dates_read(a, b, [sub for _, sub in sorted(found, key=lambda item: item[0])])




@lru_cache(maxsize=4096)
def _named_days(text: str) -> tuple[tuple[str, date, date, str], ...] | None:
    """Each time expression of ``text`` in order, as (kind, first day, last day, phrase); None when one of them
    names no day that can be read (then nothing is compared)."""
    days = []
    for m in find_time_mentions(text, ANY_DAY):
        first, last = m.named
        if first is None or last is None:
            return None
        days.append((m.window.kind, first, last, m.window.phrase))
    return tuple(days)


def _day_key(day: tuple[str, date, date, str]) -> tuple:
    """What is compared of a named day: its kind and days, without the year where the phrase names none (a year-less
    day is read forward, backward or to the nearest occurrence by its sentence, so "is on the 4th of December" and
    "Do come on the 4th of December" may land in two years)."""
    kind, first, last, phrase = day
    if _YEAR_IN_PHRASE_RE.search(phrase):
        return kind, first, last
    return kind, (first.month, first.day), (last.month, last.day)


_YEAR_IN_PHRASE_RE = re.compile(r"(?<!\d)(?:1[89]|2[01])\d\d(?!\d)|(?i:fy|q[1-4])")


def _dates_read(a: str, b: str, subs: list[Substitution]) -> list[Substitution]:
    """The token alignment checked against the dates the texts name: a date written another way ("30 June" / "the
    30th of June", "March 4, 2025" / "4 March 2025") is no change; a changed date the alignment missed because the
    words moved ("on 1 May" / "on May 2nd") is one, when the two name days that do not overlap (a day and its month,
    "1 January 2026" / "January 2026", are not a change)."""
    days_a, days_b = _named_days(a), _named_days(b)
    if not days_a or not days_b or len(days_a) != len(days_b):
        return subs
    changed = [(x, y) for x, y in zip(days_a, days_b) if _day_key(x) != _day_key(y)]
    if not changed:
        return [s for s in subs if s.kind != "date"]
    moved = [(x, y) for x, y in changed if x[2] < y[1] or y[2] < x[1]]  # disjoint: "1 May" / "May" is no change
    if not moved or any(s.kind == "date" for s in subs):
        return subs
    return subs + [_substitution("date", x[3], y[3]) for x, y in moved]


def _substitution(kind: str, before: str, after: str) -> Substitution:
    return Substitution(kind, before, after, f"{kind}: {before or '(nothing)'} -> {after or '(nothing)'}")


def _moved_names(
    a: str, b: str, ta: tuple[_Token, ...], tb: tuple[_Token, ...], ops: list[tuple[str, int, int, int, int]]
) -> tuple[int, Substitution] | None:
    """Names deleted in one place and inserted in another ("Biden met Putin" / "Putin met Biden"): one
    "entity" substitution over the stretch they moved across."""
    names_a = {t.key for tag, i1, i2, _, _ in ops if tag == "delete" for t in ta[i1:i2] if _is_entity_side((t,))}
    names_b = {t.key for tag, _, _, j1, j2 in ops if tag == "insert" for t in tb[j1:j2] if _is_entity_side((t,))}
    moved = names_a & names_b
    if not moved:
        return None
    involved = [
        op
        for op in ops
        if op[0] in ("insert", "delete")
        and any(t.key in moved for t in (ta[op[1] : op[2]] if op[0] == "delete" else tb[op[3] : op[4]]))
    ]
    lo_a, hi_a = min(op[1] for op in involved), max(op[2] for op in involved)
    lo_b, hi_b = min(op[3] for op in involved), max(op[4] for op in involved)
    return lo_a, _substitution("entity", _span_text(a, ta, lo_a, hi_a), _span_text(b, tb, lo_b, hi_b))


def overlap_ratio(a: str, b: str) -> float:
    """Token-level similarity of two texts, 0..1 (difflib ratio on normalised tokens; 1.0 when both are empty).

    Example:
        >>> overlap_ratio("The curfew starts at 10 pm.", "the curfew starts at 10 PM")
        1.0
    """
    ka, kb = [t.key for t in _content(a)], [t.key for t in _content(b)]
    if not ka and not kb:
        return 1.0
    return SequenceMatcher(None, ka, kb, autojunk=False).ratio()


def numbers(text: str) -> frozenset[str]:
    """The numeric values a text states, normalised ("4,200" == "4200", "five" == "5"; years included).

    Example:
        >>> sorted(numbers("Rates stay at 2 per cent, five members agreed."))
        ['#2', '#5']
    """
    return frozenset(t.key for t in _content(text) if t.number)


def adds_only(shorter: str, longer: str) -> bool:
    """Whether ``longer`` says everything ``shorter`` says, in words: every content word and number of
    ``shorter`` (stop words aside) occurs in ``longer``.

    Example:
        >>> adds_only("The pool opens at 8.", "The pool opens at 8 am on weekdays.")
        True
        >>> adds_only("The pool opens at 8.", "The gym opens at 8.")
        False
    """
    words_long = {t.key for t in _content(longer)}
    return all(t.key in words_long for t in _content(shorter) if t.key not in _FILLER)


# Words that carry no claim of their own ("out", "only", "after" are not among them).
_FILLER = frozenset(
    ["a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "and", "or", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "there", "their", "they", "them", "he", "she", "his", "her", "we", "our", "you", "your", "i", "me", "my", "which", "who", "whom", "whose", "what", "will", "would", "has", "have", "had", "do", "does", "did", "also", "so", "such", "'s"])


def negated_word(a: str, b: str) -> bool:
    """Whether one text negates a word of the other by a prefix ("treated" / "untreated", "paid" / "unpaid",
    "member" / "non-member", "active" / "inactive"): a negation no negation word shows.

    Example:
        >>> negated_word("All wastewater was treated.", "Untreated wastewater reached the river."), negated_word("a", "b")
        (True, False)
    """
    words_a = {w.lower() for w in re.findall(r"[A-Za-z][\w-]*", a)}
    words_b = {w.lower() for w in re.findall(r"[A-Za-z][\w-]*", b)}
    for one, other in ((words_a, words_b), (words_b, words_a)):
        for w in one:
            m = _NEGATING_PREFIX_RE.match(w)
            if m and len(w) - m.end() >= 4 and w[m.end():] in other:
                return True
    return False


_NEGATING_PREFIX_RE = re.compile(r"(?:un|in|im|non-?|dis)")
# A figure and the word after it ("41,200 sheep", "4 hours").
_FIGURE_UNIT_RE = re.compile(r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?)\s*([A-Za-z%][\w-]*)")


def unit_figures_differ(a: str, b: str) -> bool:
    """Whether the texts give different figures followed by the same word ("41,200 sheep" / "38,900 sheep").

    Example:
        >>> unit_figures_differ("We sheared 41,200 sheep.", "The total was 38,900 sheep."), unit_figures_differ("5 kg", "6 km")
        (True, False)
    """
    def figures(text: str) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for number, unit in _FIGURE_UNIT_RE.findall(text):
            found.setdefault(crude_stem(unit.lower()), set()).add(number.replace(",", ""))
        return found

    fa, fb = figures(a), figures(b)
    return any(fa[unit] != fb[unit] for unit in fa.keys() & fb.keys())
