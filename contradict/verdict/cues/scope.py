"""Narrowing qualifiers (scope restrictions) and carve-outs: a narrow permission inside a rule that stays.

Example:
    >>> scope_restrictions("Strikes are allowed only near Kharkiv.")
    ('only', 'near Kharkiv')
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...text import QUOTE_MARKS_RE
from .change import change_cues
from .modality import _negated, modality
from .tokens import _CLAUSE_BREAKS, _FORBID_WORDS, _LIFT_WORDS, _PERMIT_WORDS, _STOPWORDS, _content, _tokens

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
    r"|(?<!went\s)(?<!gone\s)(?<!goes\s)(?<!go\s)(?<!going\s)up\s+to\s+\d[\d,.]*|no\s+more\s+than|at\s+most"
    r"|within\s+\d[\d,.]*\s*(?:km|kilometers|kilometres|miles|mi|meters|metres|m)"
    r"|(?<!is\s)(?<!be\s)(?<!are\s)(?<!was\s)(?<!not\s)certain(?=\s+[\w.-]+))"
    r")(?![\w-])"
)


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
    clean = QUOTE_MARKS_RE.sub(lambda m: " " * len(m.group()), text)
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
