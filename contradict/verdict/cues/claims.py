"""Facts versus positions: does a statement report what happened, or take a position, plan or rule?

A claim about a past event or a past state ("We did not sell customer data in 2023", "The train was travelling
at 60 km/h when it derailed") cannot be changed by a later statement: a later different account corrects or
contradicts it. Only positions, policies, plans and rules shift.

A statement is read as a **past fact** when it has a verb in the simple past ("was", "did", "shared", "rose")
and no word of a position, plan or rule: a modal ("will", "must", "may", "should", "can"), a stance verb
("support", "oppose", "plan", "intend", "aim", "believe", "recommend", "rule out", "favour", "want"), or a
policy noun ("policy", "position", "target").

Example:
    >>> is_past_fact("We did not sell any customer data in 2023."), is_past_fact("We will not sell customer data.")
    (True, False)
"""

from __future__ import annotations

import re
from functools import lru_cache

from .tokens import IRREGULAR_PAST

__all__ = ["is_past_fact", "states_terms", "takes_a_position"]

# A simple past verb: an irregular form, or "-ed" not right after a form of "be", "have" or "get" (which makes
# it a present passive or perfect: "is banned", "has decided") nor used as a noun modifier after an article.
_PAST_RE = re.compile(
    rf"(?i)(?<![\w'\u2019-])(?:{IRREGULAR_PAST})(?![\w'\u2019-])"
    r"|(?<![\w'\u2019-])(?<!\bis )(?<!\bare )(?<!\bbe )(?<!\bbeen )(?<!\bbeing )(?<!\bhas )(?<!\bhave )"
    r"(?<!\bget )(?<!\bgets )(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bremains )(?<!\bremain )(?-i:[a-z]{3,}ed)(?![\w'\u2019-])")
_POSITION_RE = re.compile(
    r"(?i)(?<![\w'\u2019-])(?:will|won't|shall|must|should|(?-i:may)|might|can|cannot|can't|could|would|going\s+to"
    r"|is\s+to|are\s+to|plans?|planning|planned\s+to|intends?|intended\s+to|aims?|aiming|targets?|supports?"
    r"|supported|opposes?|opposed|believes?|recommends?|recommended|advises?|advised|rules?\s+out|ruled\s+out"
    r"|favou?rs?|wants?|wanted|agrees?|agreed|committed\s+to|commits?|pledges?|pledged|promises?|promised"
    r"|vows?|vowed|proposes?|proposed|calls?\s+for|called\s+for|urges?|urged|demands?|demanded|expects?"
    r"|expected|policy|policies|position|stance|no\s+longer|now|open\s+to|remains?|decided\s+to|decides?\s+to)"
    r"(?![\w'\u2019-])")


@lru_cache(maxsize=8192)
def takes_a_position(text: str) -> bool:
    """Whether ``text`` takes a position, states a plan or a rule (see the module docs for the words).

    Example:
        >>> takes_a_position("The club will not appoint a foreign coach.")
        True
    """
    return _POSITION_RE.search(_NO_POSITION_RE.sub(" ", text)) is not None


# Modal words that take no position: a past counterfactual ("a rail that should have been replaced", "could have
# been avoided") and a state of knowledge ("We now know the attackers viewed ...").
_NO_POSITION_RE = re.compile(r"(?i)(?<![\w'\u2019-])(?:(?:should|could|would|must|might|may)(?:\s+not|n't)?\s+have"
                             r"\s+(?:been\s+)?[a-z]+(?:ed|en|wn|ne|id|ght|ld)|now\s+(?:know|knows|understand|understands"
                             r"|realise|realize|realises|realizes))(?![\w'\u2019-])")


@lru_cache(maxsize=8192)
def is_past_fact(text: str) -> bool:
    """Whether ``text`` reports a past event or state and takes no position (module docs).

    Example:
        >>> is_past_fact("The patient was discharged on 3 May."), is_past_fact("Smoking is banned on platforms.")
        (True, False)
    """
    return not takes_a_position(text) and any(_is_verb(text, m) for m in _PAST_RE.finditer(text))


# Before these words an "-ed" form describes a noun ("every checked bag", "its revised rules"), and a text's
# first word has no subject before it to be a verb of ("Checked bags travel free").
_DETERMINERS_RE = re.compile(r"(?i)(?:^|[\s(])(?:every|each|all|any|no|some|this|that|these|those|its|their|our|"
                             r"your|his|her|my|such|other|more|most|newly|recently|fully|partly)\s+$")


# An absolute phrase closing a clause: "8 euros a night, breakfast included", "all year, public holidays excepted".
_ABSOLUTE_RE = re.compile(r"(?i),\s*(?:[\w'\u2019-]+\s+){1,4}$")
_ABSOLUTE_WORDS = frozenset(["included", "excluded", "excepted", "exempted", "inclusive", "attached", "enclosed"])
_AUXILIARIES = frozenset(["was", "were", "had", "has", "have", "been", "is", "are", "be", "being", "got"])


def _is_verb(text: str, match: re.Match[str]) -> bool:
    before = text[:match.start()]
    if not before.strip(" \"'\u201c("):
        return False  # the first word: no subject before it
    if match.group().lower() in _ABSOLUTE_WORDS and re.match(r"\s*(?:[.,;:)]|$)", text[match.end():]):
        phrase = _ABSOLUTE_RE.search(before)
        if phrase and not _AUXILIARIES & set(phrase.group().lower().replace(",", " ").split()):
            return False  # ", Sundays included": an absolute phrase, not a past event
    return _DETERMINERS_RE.search(before) is None


# What a provider offers: prices, fees and charges, opening and service hours, access and availability.
_TERMS_RE = re.compile(
    r"(?i)(?:[$\u20ac\u00a3\u00a5]\s?\d|\d[\d,.]*\s?(?:dollars?|euros?|pounds?|pence|cents?|crowns?|francs?|yen)\b"
    r"|(?<![\w-])(?:free(?:\s+of\s+charge)?|costs?|fees?|charges?|charged|prices?|priced|fares?|tariffs?|tolls?|admission"
    r"|opening\s+hours|opens?|closes?|open|closed|served|available|unavailable|per\s+(?:hour|day|night|month|year))"
    r"(?![\w-])|\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s?(?:a\.?m\.?|p\.?m\.?)(?![\w]))")


@lru_cache(maxsize=8192)
def states_terms(text: str) -> bool:
    """Whether ``text`` states a provider's terms: a price, fee or charge, opening or service hours, access or
    availability ("Admission is free on Sundays", "Lunch is served at 12:15", "Berth 4 is closed until May"), and
    is not a report of a past event. Two providers' terms are each about their own service.

    Example:
        >>> states_terms("Admission costs 8 euros."), states_terms("The bridge closed in 2021 after a flood.")
        (True, False)
        >>> states_terms("Inflation is rising."), states_terms("Lunch is served at 12:15.")
        (False, True)
    """
    return _TERMS_RE.search(text) is not None and not is_past_fact(text)
