"""Negation and deontic modality: does a text permit or forbid, and is a cue negated?

Example:
    >>> modality("The ban was lifted."), negation_polarity("We never said that.")
    ('permit', True)
"""

from __future__ import annotations

from functools import lru_cache

from .tokens import _CLAUSE_BREAKS, _FORBID_WORDS, _LIFT_WORDS, _NEGATIONS, _PERMIT_WORDS, _Token, _tokens


def _is_negator(tokens: tuple[_Token, ...], i: int) -> bool:
    t = tokens[i]
    if t.key not in _NEGATIONS:
        return False
    following = tokens[i + 1].key if i + 1 < len(tokens) else ""
    if t.key == "not" and following == "only":
        return False  # "not only ... but"
    return following not in _REMINDING  # "don't forget", "do not miss": a reminder, not a denial


# Verbs after which "not" reminds rather than denies: "Don't forget the dinner", "Do not miss the final".
_REMINDING = frozenset(["forget", "miss", "hesitate"])


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
