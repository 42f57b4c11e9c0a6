"""Conflict and change cues beyond NLI, read with transparent rules.

Small NLI models miss conflicts that hinge on one changed number, date or name inside otherwise
near-identical sentences ("curfew from 10 pm" / "curfew from 8 pm"). This module aligns two texts token by
token and reports what was replaced (:func:`aligned_substitutions`), and reads the cues a verdict needs:
negation, deontic modality (permit / forbid), claims of change or of no change, and narrowing qualifiers
(scope restrictions, carve-outs).

Tokens are compared after normalisation, so pure case, punctuation and tokenisation differences are not
substitutions: "U.S ." == "U.S.", "do n't" == "don't" == "do not", "-LRB-" and quote marks are ignored,
"4,200" == "4200" == "4200.0", "five" == "5", "mid-1970s" == "mid 1970s".

Example:
    >>> [s.description for s in aligned_substitutions("The curfew starts at 10 pm.", "The curfew starts at 8 pm.")]
    ['number: 10 pm -> 8 pm']
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from functools import lru_cache

logger = logging.getLogger(__name__)

__all__ = [
    "ChangeCues",
    "Substitution",
    "aligned_substitutions",
    "change_cues",
    "is_carve_out",
    "modality",
    "negation_polarity",
    "overlap_ratio",
    "scope_restrictions",
]

# --------------------------------------------------------------------------------------------------
# Tokens.

_TOKEN_RE = re.compile(
    r"(?P<ptb>-[LR][RSC]B-)"  # Penn Treebank brackets: punctuation
    r"|(?P<pre_nt>[^\W\d_]+(?=[nN]['\u2019][tT](?![^\W\d_])))"  # "do" of "don't"
    r"|(?P<nt>[nN]['\u2019][tT](?![^\W\d_]))"  # "n't"
    r"|(?P<clitic>['\u2019](?:s|re|ve|ll|d|m|S|RE|VE|LL|D|M)(?![^\W\d_]))"
    r"|(?P<abbr>(?<![^\W\d_])(?:[A-Za-z]\.)+[A-Za-z](?:\.|(?![^\W\d_])))"  # U.S. / U.S / D.C.
    r"|(?P<decade>\d{3}0['\u2019]?s(?![^\W\d_]))"
    r"|(?P<ordinal>\d+(?:st|nd|rd|th)(?![^\W\d_]))"
    r"|(?P<num>\d+(?:[.,]\d+)*)"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<sym>[$£€¥%])"
    r"|(?P<punct>\S)"
)
_NT_STEMS = {"ca": "can", "wo": "will", "sha": "shall", "ai": "is"}


def _ordered_words(text: str) -> tuple[str, ...]:
    """Words written as one space-separated string, in order."""
    return tuple(text.split())


def _words(text: str) -> frozenset[str]:
    """A word set written as one space-separated string."""
    return frozenset(text.split())


_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        _ordered_words(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
            "seventeen eighteen nineteen twenty"
        )
    )
}
_NUMBER_WORDS.update(
    {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}
)
_NUMBER_WORDS["dozen"] = 12
_MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
_DATE_MODIFIERS = _words("early mid late")
_NEGATIONS = _words("not no never none nobody nothing neither nor nowhere")
_CLAUSE_BREAKS = _words(", ; . : ! ? ( ) but while although however whereas though")
_STOPWORDS = _words(
    "a an the of to in on at by for with from and or but as is are was were be been being it its this that these "
    "those there their they them he she his her we our you your i me my not no than then so such which who whom "
    "whose what when where why how also have has had do does did will would can could should may might must shall "
    "about into over after before between under up down out off only more most other some any each all both few "
    "many much own same very just"
)
_UNIT_SYMBOLS = frozenset({"%"})
_CURRENCY = frozenset({"$", "£", "€", "¥"})


@dataclass(frozen=True)
class _Token:
    text: str
    key: str
    start: int
    end: int
    kind: str  # "word" | "num" | "sym" | "punct"
    number: bool = False  # a numeric value (digits, number word, ordinal, decade)
    date: bool = False  # a month, weekday, decade or year-like number


def _number_key(text: str) -> str | None:
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    return "#" + format(value.normalize(), "f")


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[_Token, ...]:
    """All tokens of ``text`` (punctuation included, with kind "punct"), cached."""
    out: list[_Token] = []
    for m in _TOKEN_RE.finditer(text):
        group, raw = m.lastgroup, m.group()
        start, end = m.span()
        if group in ("ptb", "punct"):
            out.append(_Token(raw, raw, start, end, "punct"))
        elif group == "nt":
            out.append(_Token(raw, "not", start, end, "word"))
        elif group == "pre_nt":
            low = raw.casefold()
            out.append(_Token(raw, _NT_STEMS.get(low, low), start, end, "word"))
        elif group == "clitic":
            out.append(_Token(raw, "'" + raw[1:].casefold(), start, end, "word"))
        elif group == "abbr":
            out.append(_Token(raw, raw.casefold().replace(".", ""), start, end, "word"))
        elif group == "decade":
            out.append(_Token(raw, "#" + raw[:4] + "s", start, end, "num", number=True, date=True))
        elif group == "ordinal":
            out.append(_Token(raw, "#" + raw[:-2] + "th", start, end, "num", number=True))
        elif group == "num":
            key = _number_key(raw) or raw
            year_like = len(raw) == 4 and raw.isdigit() and 1000 <= int(raw) <= 2100
            out.append(_Token(raw, key, start, end, "num", number=True, date=year_like))
        elif group == "sym":
            out.append(_Token(raw, raw, start, end, "sym"))
        else:  # word
            low = raw.casefold()
            if low == "cannot":
                out.append(_Token(raw, "can", start, end, "word"))
                out.append(_Token(raw, "not", start, end, "word"))
            elif low in _NUMBER_WORDS:
                out.append(_Token(raw, f"#{_NUMBER_WORDS[low]}", start, end, "word", number=True))
            else:
                is_date = low in _WEEKDAYS or (low in _MONTHS and (raw[0].isupper() or low != "may"))
                out.append(_Token(raw, low, start, end, "word", date=is_date))
    return tuple(out)


@lru_cache(maxsize=8192)
def _content(text: str) -> tuple[_Token, ...]:
    """The tokens that are compared: punctuation dropped."""
    return tuple(t for t in _tokens(text) if t.kind != "punct")


# --------------------------------------------------------------------------------------------------
# Substitutions.


@dataclass(frozen=True)
class Substitution:
    """One aligned difference between two texts.

    Attributes:
        kind: "number" | "date" | "entity" | "negation" | "modality" | "word".
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


_PERMIT_WORDS = _words(
    "permit permits permitted permitting permission allow allows allowed allowing enable enables enabled enabling "
    "authorize authorizes authorized authorizing authorise authorises authorised authorising authorization "
    "authorisation encourage encourages encouraged encouraging approve approves approved approving legalize "
    "legalizes legalized legalise legalises legalised"
)
_FORBID_WORDS = _words(
    "forbid forbids forbade forbidden forbidding prohibit prohibits prohibited prohibiting prohibition ban bans "
    "banned banning restrict restricts restricted restricting restriction restrictions oppose opposes opposed "
    "opposing disallow disallows disallowed outlaw outlaws outlawed"
)
# Words that undo a prohibition when they govern it: "lifted the ban", "the ban was lifted".
_LIFT_WORDS = _words(
    "lift lifts lifted lifting ease eases eased easing relax relaxes relaxed relaxing end ends ended ending remove "
    "removes removed removing scrap scraps scrapped rescind rescinds rescinded revoke revokes revoked drop drops "
    "dropped"
)


def _modal_classes(tokens: tuple[_Token, ...]) -> set[str]:
    found = set()
    for i, t in enumerate(tokens):
        if t.key in _PERMIT_WORDS or (t.key == "able" and i + 1 < len(tokens) and tokens[i + 1].key == "to"):
            found.add("permit")
        elif t.key in _FORBID_WORDS:
            found.add("forbid")
    return found


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


def _is_entity_side(tokens: tuple[_Token, ...]) -> bool:
    """Whether a span holds a capitalised name (not a function word, not a month or weekday)."""
    return any(t.kind == "word" and t.text[:1].isupper() and t.key not in _STOPWORDS and not t.date for t in tokens)


def _inflection_only(a: tuple[_Token, ...], b: tuple[_Token, ...]) -> bool:
    if len(a) != 1 or len(b) != 1:
        return False
    x, y = sorted((a[0].key, b[0].key), key=len)
    return y in (x + "s", x + "es")


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
    neg_a = sum(t.key in _NEGATIONS for t in a)
    neg_b = sum(t.key in _NEGATIONS for t in b)
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
    if _is_entity_side(a) and _is_entity_side(b):
        return "entity"
    if date_a or date_b:
        return "date"
    if _inflection_only(a, b):
        return None
    return "word"


def aligned_substitutions(a: str, b: str) -> list[Substitution]:
    """What ``b`` replaces in ``a``, aligned token by token (difflib on normalised tokens).

    Replaced spans are reported as "number" (a value changed; equal values written differently are not a
    change), "date" (a year, month, weekday, decade or day of a month), "entity" (a capitalised name
    replaced by another, or names that swapped places), or "word" (anything else; a plural-only change is
    ignored). Spans where a
    negation ("not", "no", "never", "n't", "none", "nobody", ...) is added or removed are "negation", and a
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
    return [sub for _, sub in sorted(found, key=lambda item: item[0])]


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


# --------------------------------------------------------------------------------------------------
# Negation and modality.


def _is_negator(tokens: tuple[_Token, ...], i: int) -> bool:
    t = tokens[i]
    if t.key not in _NEGATIONS:
        return False
    return not (t.key == "not" and i + 1 < len(tokens) and tokens[i + 1].key == "only")  # "not only ... but"


def negation_polarity(text: str) -> bool:
    """Whether ``text`` contains a clausal negation ("not", "n't", "no", "never", "none", "nobody", ...).

    "not only" is not a negation.

    Example:
        >>> negation_polarity("We don't encourage it."), negation_polarity("We encourage it.")
        (True, False)
    """
    tokens = _tokens(text)
    return any(_is_negator(tokens, i) for i in range(len(tokens)))


_NEGATION_SCOPE = 4  # tokens before a modal cue that a negation may stand in ("don't encourage or enable")


def _negated(tokens: tuple[_Token, ...], i: int, negators: frozenset[str] = frozenset()) -> bool:
    for j in range(i - 1, max(i - 1 - _NEGATION_SCOPE, -1), -1):
        t = tokens[j]
        if t.key in _CLAUSE_BREAKS:
            return False
        if _is_negator(tokens, j) or t.key in negators:
            return True
    return False


def _lifted_after(tokens: tuple[_Token, ...], i: int) -> bool:
    """A lifting verb shortly after a prohibition noun: "the ban was lifted", "restrictions have been eased"."""
    for j in range(i + 1, min(i + 1 + _NEGATION_SCOPE, len(tokens))):
        if tokens[j].key in _CLAUSE_BREAKS:
            return False
        if tokens[j].key in _LIFT_WORDS:
            return True
    return False


@lru_cache(maxsize=8192)
def _modal_votes(text: str) -> tuple[int, int]:
    tokens = _tokens(text)
    permit = forbid = 0
    for i, t in enumerate(tokens):
        key = t.key
        nxt = tokens[i + 1].key if i + 1 < len(tokens) else ""
        if key in ("may", "must") and nxt == "not" and t.text.islower():
            forbid += 1  # "may not", "must not"
        elif key == "can" and nxt == "not":
            forbid += 1  # "cannot", "can't", "can not"
        elif key in _PERMIT_WORDS or (key == "may" and t.text.islower()) or (key == "able" and nxt == "to"):
            if _negated(tokens, i):
                forbid += 1
            else:
                permit += 1
        elif key in _FORBID_WORDS:
            if _negated(tokens, i, _LIFT_WORDS) or _lifted_after(tokens, i):
                permit += 1
            else:
                forbid += 1
    return permit, forbid


def modality(text: str) -> str | None:
    """The dominant deontic stance of ``text``: "permit", "forbid", or None (none, or a tie).

    Permit cues: permit, allow, enable, authorize, encourage, approve, "may", "able to"; forbid cues: forbid,
    prohibit, ban, restrict, oppose, disallow, outlaw, "may not", "must not", "cannot". A negation up to
    four tokens before a cue (within the clause) flips it ("don't encourage or enable" forbids; "not
    prohibited" permits), and so does a lifting verb near a forbid cue ("lifted the ban", "the ban was
    lifted" permit).

    Example:
        >>> modality("We don't encourage or enable the use of weapons to strike inside Russia.")
        'forbid'
        >>> modality("Ukraine is able to use U.S.-supplied weapons for counter-fire purposes.")
        'permit'
    """
    permit, forbid = _modal_votes(text)
    if permit > forbid:
        return "permit"
    if forbid > permit:
        return "forbid"
    return None


# --------------------------------------------------------------------------------------------------
# Change cues.


@dataclass(frozen=True)
class ChangeCues:
    """What a statement says about change.

    Attributes:
        claims_no_change: it says a position holds ("no change to our policy", "has not changed", "remains").
        claims_change: it says a position changed ("new policy", "reversed", "no longer", "for the first time").
        phrases: every matched phrase, in text order.
        no_change_phrases: the phrases behind ``claims_no_change``.
        change_phrases: the phrases behind ``claims_change``.

    Example:
        >>> change_cues("There's no change to our policy.").claims_no_change
        True
    """

    claims_no_change: bool
    claims_change: bool
    phrases: tuple[str, ...] = ()
    no_change_phrases: tuple[str, ...] = ()
    change_phrases: tuple[str, ...] = ()


_POLICY_NOUN = r"(?:policy|policies|position|stance|approach|posture|guidance|rules?|plans?|course|view)"
_NO_CHANGE_RE = re.compile(
    r"(?i)(?<![\w-])(?:"
    rf"no\s+(?:policy\s+)?changes?(?:\s+(?:to|in|of)\s+(?:(?:our|the|its|their|this|that|my|his|her)\s+)?"
    rf"(?:[\w.-]+\s+)?{_POLICY_NOUN})?"
    r"|no\s+(?:shift|reversal|u-turn)"
    r"|(?:has|have|had|did|does|do|will|would|is|was|wo)\s*(?:not|n['\u2019]t)\s+(?:been\s+)?chang(?:ed|e)"
    r"|not\s+changing|never\s+changed|nothing\s+(?:has\s+)?changed"
    r"|unchanged|remain(?:s|ed)?|still|continu(?:e|es|ed|ing)\s+to|reaffirm(?:s|ed|ing)?"
    rf"|(?:consistent\s+with|in\s+line\s+with)\s+(?:(?:our|the|its|their)\s+)?(?:[\w-]+\s+)?{_POLICY_NOUN}"
    rf"|long-?standing\s+{_POLICY_NOUN}|as\s+(?:it\s+)?(?:always\s+)?(?:has|had|did)\s+before|as\s+before"
    r")(?![\w-])"
)
_CHANGE_RE = re.compile(
    r"(?i)(?<![\w-])(?:"
    rf"new\s+(?:[\w-]+\s+)?{_POLICY_NOUN}"
    rf"|change\s+(?:in|of|to)\s+(?:(?:our|the|its|their|this|that)\s+)?(?:[\w.-]+\s+)?{_POLICY_NOUN}"
    rf"|{_POLICY_NOUN}\s+(?:change|shift|reversal)|shift\s+in\s+(?:[\w-]+\s+)?{_POLICY_NOUN}"
    r"|revers(?:ed|es|al|ing|e)|u-turn|overturn(?:ed|s)?|rescind(?:ed|s)?|revok(?:ed|es)|scrapped|amended"
    r"|lift(?:ed|s|ing)?"
    r"|now\s+(?:allows?|permits?|lets|authori[sz]es|bans?|prohibits?|forbids?|requires?|can|may|says?"
    r"|supports?|opposes?|backs?)"
    r"|chang(?:ed|es|ing)|no\s+longer|will\s+now|(?:has\s+|have\s+|had\s+)?decided\s+to"
    r"|directed\b[^.;:!?]{0,80}?\bto\s+ensure|for\s+the\s+first\s+time"
    r"|updated\s+(?:(?:its|our|the|their)\s+)?(?:[\w-]+\s+)?" + _POLICY_NOUN + r")(?![\w-])"
)
# A change phrase right after a negation is not a claim of change ("did not reverse", "was not lifted").
_NEGATED_BEFORE_RE = re.compile(r"(?i)(?<![\w-])(?:no|not|never|n['\u2019]t)\s+(?:[\w-]+\s+){0,2}$")


@lru_cache(maxsize=8192)
def change_cues(text: str) -> ChangeCues:
    """Claims of change and of no change in ``text``.

    No-change cues: "no change to our policy", "has not changed", "unchanged", "remains", "still",
    "continues to", "reaffirm", "consistent with our policy". Change cues: "new policy", "change in policy",
    "reversed", "lifted", "now allows", "changed", "no longer", "will now", "has decided to", "directed ...
    to ensure", "for the first time", "amended", "rescinded". A change cue within three words after a
    negation does not count, and a no-change phrase is never also read as a change.

    Example:
        >>> cues = change_cues("Our policy on long range strikes has not changed.")
        >>> cues.claims_no_change, cues.claims_change, cues.phrases
        (True, False, ('has not changed',))
    """
    no_change = [(m.start(), m.end()) for m in _NO_CHANGE_RE.finditer(text)]
    masked = list(text)
    for start, end in no_change:
        masked[start:end] = " " * (end - start)
    masked_text = "".join(masked)
    change = []
    for m in _CHANGE_RE.finditer(masked_text):
        if _NEGATED_BEFORE_RE.search(masked_text, max(0, m.start() - 40), m.start()):
            continue
        change.append((m.start(), m.end()))

    def phrase(span: tuple[int, int]) -> str:
        return " ".join(text[span[0] : span[1]].split())

    no_change_phrases = tuple(phrase(s) for s in no_change)
    change_phrases = tuple(phrase(s) for s in change)
    phrases = tuple(phrase(s) for s in sorted(no_change + change))
    return ChangeCues(bool(no_change), bool(change), phrases, no_change_phrases, change_phrases)


# --------------------------------------------------------------------------------------------------
# Scope restrictions and carve-outs.

_PLACE_NOUN = (
    r"(?i:regions?|oblasts?|provinces?|areas?|districts?|states?|sectors?|zones?|count(?:y|ies)|"
    r"cit(?:y|ies)|territor(?:y|ies)|border\s+(?:area|region)s?|front(?:\s*line)?)"
)
_NAME = r"[A-Z][\w'\u2019-]*"
_SCOPE_RE = re.compile(
    r"(?<![\w-])(?:"
    # purpose: "for counter-fire purposes", "for the purpose of self-defence"
    r"(?i:for\s+(?:the\s+)?(?:purposes?\s+of\s+[\w-]+(?:\s+[\w-]+)?|[\w-]+(?:\s+[\w-]+)?\s+purposes?))"
    # place: "in the Kharkiv region", "within the border areas"
    rf"|(?i:in|within|inside|across|throughout)\s+(?i:the\s+)?(?:{_NAME}\s+){{1,3}}{_PLACE_NOUN}"
    r"|(?i:in|within|inside|along|near)\s+(?i:the\s+)?(?i:border\s+(?:area|region)s?|border|front\s*lines?)"
    # proximity: "near Kharkiv", "close to the border"
    rf"|(?i:near|close\s+to|adjacent\s+to|around|along)\s+(?i:the\s+)?{_NAME}(?:\s+{_NAME})*"
    # exclusivity and exceptions
    r"|(?i:(?<!not\s)only|solely|exclusively)"
    r"|(?i:except(?:\s+(?:for|in|when|where|that))?|excluding|other\s+than|with\s+the\s+exception\s+of|unless"
    r"|save\s+for|apart\s+from)"
    r"|(?i:(?:limited|restricted|confined|narrowed)\s+to\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)"
    # conditions and limits
    r"|(?i:provided\s+that|as\s+long\s+as|on\s+(?:the\s+)?condition\s+that|on\s+a\s+case[-\s]by[-\s]case\s+basis"
    r"|in\s+(?:limited|certain|specific|exceptional)\s+(?:cases|circumstances|situations)"
    r"|temporarily|for\s+a\s+limited\s+(?:time|period)|in\s+self[-\s]defen[cs]e"
    r"|up\s+to\s+\d[\d,.]*|no\s+more\s+than|at\s+most"
    r"|within\s+\d[\d,.]*\s*(?:km|kilometers|kilometres|miles|mi|meters|metres|m)"
    r"|(?<!is\s)(?<!be\s)(?<!are\s)(?<!was\s)(?<!not\s)certain(?=\s+[\w.-]+))"
    r")(?![\w-])"
)
_QUOTE_CHARS_RE = re.compile(r"[\"\u201c\u201d\u201e\u00ab\u00bb`]|''")


@lru_cache(maxsize=8192)
def scope_restrictions(text: str) -> tuple[str, ...]:
    """The qualifiers that narrow a permission or rule, in text order (each once).

    Purpose ("for counter-fire purposes"), place ("in the Kharkiv region", "near Kharkiv", "along the
    border"), exclusivity and exceptions ("only", "except", "unless", "limited to ..."), and conditions or
    limits ("provided that", "temporarily", "up to 10", "certain"). Quote marks are ignored.

    Example:
        >>> scope_restrictions('Ukraine may use U.S. weapons for "counter-fire purposes" in the Kharkiv region.')
        ('for counter-fire purposes', 'in the Kharkiv region')
    """
    clean = _QUOTE_CHARS_RE.sub(lambda m: " " * len(m.group()), text)
    seen: dict[str, str] = {}
    for m in _SCOPE_RE.finditer(clean):
        phrase = " ".join(m.group().split())
        seen.setdefault(phrase.casefold(), phrase)
    return tuple(seen.values())


# The prohibited action of a rule ends at a clause break or at the verb of the sentence it sits in
# ("Our policy with respect to prohibiting <action> has not changed").
_ACTION_ENDS = _CLAUSE_BREAKS | frozenset(
    {"so", "because", "since", "has", "have", "had", "is", "are", "was", "were", "will", "would"}
)
_ACTION_MAX_TOKENS = 15
_DENIAL_MIN_WORDS = 3  # fewer prohibited-action words than this: too little to tell a flat denial
_DENIAL_COVERAGE = 0.5  # share of those words found in the permission that makes it a flat denial
_STEM = 5  # words compared by their first five letters ("Russia" ~ "Russian", "strike" ~ "strikes")


def _stem(key: str) -> str:
    return key[:_STEM]


@lru_cache(maxsize=8192)
def _forbidden_action(text: str) -> frozenset[str]:
    """The content words of what ``text`` forbids: the words after each forbidding cue (a forbid word, or a
    negated permit word), up to the end of the clause."""
    tokens = _tokens(text)
    words: set[str] = set()
    for i, t in enumerate(tokens):
        forbids = (t.key in _FORBID_WORDS and not _negated(tokens, i, _LIFT_WORDS)) or (
            t.key in _PERMIT_WORDS and _negated(tokens, i)
        )
        if not forbids:
            continue
        for u in tokens[i + 1 : i + 1 + _ACTION_MAX_TOKENS]:
            if u.key in _ACTION_ENDS:
                break
            if (
                u.kind in ("word", "num")
                and u.key not in _STOPWORDS
                and u.key not in _PERMIT_WORDS
                and u.key not in _FORBID_WORDS
                and len(u.key) > 1
            ):
                words.add(_stem(u.key))
    return frozenset(words)


def _flat_denial(general: str, specific: str) -> bool:
    """Whether ``general`` forbids the very action ``specific`` permits (most of its words reappear)."""
    action = _forbidden_action(general)
    if len(action) < _DENIAL_MIN_WORDS:
        return False
    permitted = {_stem(t.key) for t in _content(specific)}
    return len(action & permitted) / len(action) >= _DENIAL_COVERAGE


def is_carve_out(general: str, specific: str) -> bool:
    """Whether ``specific`` permits something narrow inside a rule that ``general`` keeps.

    Rule (all must hold):

    1. ``specific`` permits (:func:`modality` is "permit") and is narrowed by at least one scope
       restriction (:func:`scope_restrictions`) that ``general`` does not share;
    2. ``general`` forbids (:func:`modality` is "forbid") or claims that the rule has not changed
       (:func:`change_cues`: no-change without change);
    3. ``general`` does not flatly deny the very action ``specific`` permits: of the words of the action
       it forbids (after "prohibiting", "ban", "don't enable", ... up to the end of the clause), fewer than
       half reappear in ``specific`` (compared by their first five letters; checked when the action has at
       least three such words). "We don't enable the use of U.S.-supplied weapons to strike inside Russia"
       is denied outright by "Ukraine is able to use U.S.-supplied weapons ... in the Kharkiv region";
       "prohibiting the use of ATACMS or long range strikes" is a different, broader rule.

    It reads structure only: whether the two were said together (same actor, same time) is for the caller.

    Example:
        >>> is_carve_out(
        ...     "Our policy with respect to prohibiting the use of ATACMS or long range strikes inside of Russia "
        ...     "has not changed.",
        ...     "The President recently directed his team to ensure that Ukraine is able to use U.S.-supplied "
        ...     "weapons for counter-fire purposes in the Kharkiv region so Ukraine can hit back against Russian "
        ...     "forces.")
        True
    """
    specific_scopes = scope_restrictions(specific)
    if not specific_scopes or modality(specific) != "permit":
        return False
    cues = change_cues(general)
    if modality(general) != "forbid" and not (cues.claims_no_change and not cues.claims_change):
        return False
    general_scopes = {s.casefold() for s in scope_restrictions(general)}
    if all(s.casefold() in general_scopes for s in specific_scopes):
        return False
    return not _flat_denial(general, specific)
