"""Named subjects: the names a text is about ("Meridia's income tax", "the Reserve Bank of Calder").

Two statements whose names have nothing in common are about different bodies, places or laws, however
alike their wording ("Greystone Academy requires a blazer" / "St. Columba Hospital requires a badge").

A name is a run of capitalised words (joined by "of", "and", "&", "de", "for", "the"), a possessive stripped;
a capitalised word that starts a sentence counts only when it is possessive ("Norland's") or part of a longer
name ("Orvane Group"), since a sentence-initial word is usually an ordinary word ("Parliament approved",
"Masks are required"). All-lower-case text has no names.

Example:
    >>> named_subjects("Students at Greystone Academy must wear a blazer, Meridia's ministry says.")
    ('greystone academy', 'meridia')
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...text import MONTHS, WEEKDAYS
from .tokens import IRREGULAR_PAST

_WORD_RE = re.compile(r"[A-Za-z][\w'\u2019.&-]*")
_JOINERS = frozenset({"of", "and", "&", "de", "for", "the", "on", "upon"})
_SENTENCE_END_RE = re.compile(r"[.!?:;]\s*$")
_POSSESSIVE_RE = re.compile(r"['\u2019]s?$")
# Capitalised words that are not names: titles, pronouns and words capitalised by custom.
_NOT_NAMES = frozenset({
    "i", "we", "our", "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "they", "his",
    "her", "their", "mr", "mrs", "ms", "dr", "fy", "q1", "q2", "q3", "q4",
}) | frozenset(MONTHS) | frozenset(WEEKDAYS)


# Capitalised at the start of a sentence, these are not a subject's first word.
_FUNCTION_WORDS = frozenset({"on", "in", "at", "by", "for", "from", "to", "as", "after", "before", "during", "since",
                             "under", "with", "without", "but", "and", "or", "so", "if", "when", "while", "all",
                             "every", "each", "some", "no", "any", "most", "many", "there", "here", "also", "yet"})


def _clean(word: str) -> str:
    return _POSSESSIVE_RE.sub("", word).rstrip(".").lower()


@lru_cache(maxsize=8192)
def named_subjects(text: str) -> tuple[str, ...]:
    """The names in ``text``, lower case, each once, in order (see the module docs for what counts)."""
    names: list[str] = []
    run: list[str] = []
    run_starts_sentence = False
    possessive = False

    def close() -> None:
        nonlocal run
        while run and run[-1].lower() in _JOINERS:
            run.pop()
        words = [w for w in run if _clean(w) not in _NOT_NAMES or w.lower() in _JOINERS]
        while words and words[0].lower() in _JOINERS:
            words.pop(0)
        capitals = [w for w in words if w[0].isupper()]
        if capitals and (not run_starts_sentence or len(capitals) > 1 or possessive):
            name = " ".join(_clean(w) for w in words)
            if name and name not in names:
                names.append(name)
        run = []

    prev_end = 0
    for m in _WORD_RE.finditer(text):
        word = m.group()
        gap = text[prev_end:m.start()]
        starts_sentence = prev_end == 0 or bool(_SENTENCE_END_RE.search(text[:m.start()]))
        if run and (gap.strip(" ") or "," in gap):
            close()
        if word[0].isupper() and not word.isupper() or (word.isupper() and len(word) > 1):
            if not run:
                run_starts_sentence = starts_sentence
                possessive = False
            run.append(word)
            possessive = possessive or bool(_POSSESSIVE_RE.search(word)) and word.endswith(("'s", "\u2019s"))
        elif run and word.lower() in _JOINERS:
            run.append(word)
        elif run:
            close()
        prev_end = m.end()
    if run:
        close()
    return tuple(names)


def _tokens(name: str) -> set[str]:
    return {w for w in name.split() if w not in _JOINERS}


def first_capitalised(text: str) -> str | None:
    """The first capitalised word that is not a function word, title or calendar word ("Simon" in "Simon marries
    Greta"; "Reserve" in "The Reserve Bank ..."), lower case; None when there is none.

    Example:
        >>> first_capitalised("On 22 January, the Romanian government acted.")
        'romanian'
    """
    for m in _WORD_RE.finditer(text):
        word = m.group()
        if word[0].isupper() and _clean(word) not in _NOT_NAMES and word.lower() not in _FUNCTION_WORDS:
            return _clean(word)
    return None


def share_a_name(names: tuple[str, ...], text: str) -> bool:
    """Whether a word of any of ``names`` occurs in ``text`` (any case): "Calder" is shared by "Reserve Bank of
    Calder" and "the Calder treasury"; "The Maghreb states" shares "maghreb" even where it starts a sentence.

    Example:
        >>> share_a_name(("reserve bank of calder",), "Calder cut rates."), share_a_name(("meridia",), "Karsland")
        (True, False)
    """
    words = set(re.findall(r"[\w'\u2019.&-]+", text.lower()))
    words |= {_clean(w) for w in words}
    return any(token in words for name in names for token in _tokens(name))


# The verb that ends a sentence's subject: an auxiliary or modal, or a past-tense form ("raised", "approved").
_VERB_RE = re.compile(
    r"(?i)(?<![\w'\u2019-])(?:is|are|was|were|be|been|will|would|shall|should|must|may|might|can|could|has|have|had"
    r"|does|do|did|won't|can't|isn't|aren't|wasn't|weren't|doesn't|don't|didn't|[a-z]+ed"
    rf"|{IRREGULAR_PAST})"
    r"(?![\w'\u2019-])")


@lru_cache(maxsize=8192)
def subject_names(text: str) -> tuple[str, ...]:
    """The names in a text's subject: before its first auxiliary, modal or past-tense verb ("Students at
    Greystone Academy | must wear ...", "Meridia's top rate | is 45%"). Names later in the sentence (objects,
    places) are left out: "Food trucks are banned from the Old Town" has none.

    Example:
        >>> subject_names("The Reserve Bank of Calder raised its rate in Ostberg.")
        ('reserve bank of calder',)
    """
    verb = _VERB_RE.search(text)
    return named_subjects(text[:verb.start()]) if verb else ()
