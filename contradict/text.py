"""Text helpers every stage shares, one copy each: sentences, month and weekday names, quote marks, dates.

Nothing here knows about statements, models or verdicts; the stages above (``nli``, ``verdict``,
``extract``) build on it.

Example:
    >>> split_sentences("The U.S. said no. Then it said yes.")
    ['The U.S. said no.', 'Then it said yes.']
    >>> MONTHS["sept"], WEEKDAYS[1]
    (9, 'tuesday')
"""

from __future__ import annotations

import re
from datetime import date, datetime

from .errors import InputTypeError

__all__ = [
    "MONTHS",
    "QUOTE_MARKS_RE",
    "WEEKDAYS",
    "as_date",
    "month_number",
    "sentence_cuts",
    "sentence_spans",
    "split_sentences",
]

# ------------------------------------------------------------------------------------------ calendar words

#: Month names and their abbreviations (lower case, no full stop) -> month number.
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
#: Weekday names, Monday first (the index is ``date.weekday()``).
WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def month_number(name: str) -> int:
    """The number of a month name or abbreviation, any case, with or without a full stop.

    Example:
        >>> month_number("Sept."), month_number("DECEMBER")
        (9, 12)
    """
    return MONTHS[name.lower().rstrip(".")[:3]]


def as_date(value: date | datetime | None) -> date | None:
    """The calendar day of a date or datetime (a datetime's own ``.date()``); None stays None.

    Raises:
        InputTypeError: for anything else.

    Example:
        >>> as_date(datetime(2024, 5, 28, 23, 0))
        datetime.date(2024, 5, 28)
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise InputTypeError(f"expected a date, a datetime or None, got {type(value).__name__}", field="time")


# ------------------------------------------------------------------------------------------ quote marks

#: Double quote marks of any style (straight, curly, low, guillemets, backtick, two apostrophes).
QUOTE_MARKS_RE = re.compile(r"[\"\u201c\u201d\u201e\u00ab\u00bb`]|''")

# ------------------------------------------------------------------------------------------ sentences

# End punctuation and the closing marks after it, followed by white space.
_CUT_RE = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s)")
_NEXT_RE = re.compile(r"\s*(\S)")
_OPENERS = "\"'\u201c\u2018(["
_NEXT_WORD_RE = re.compile(r"\s*[\"'\u201c\u2018(]?([A-Za-z]+)")
_WORD_BEFORE_RE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_LOOK_BEHIND = 16  # characters read before a full stop to find the word it ends: keeps splitting linear
# Titles and abbreviations as written (case matters: "No. 10" is a title, "said no." ends a sentence).
_TITLES = frozenset({
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gen", "Gov", "St", "Jr", "Sr", "No", "Inc", "Ltd", "Co",
    "Corp", "Lt", "Col", "Sgt", "Adm", "Maj", "Capt", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec",
    "vs", "etc", "e.g", "i.e", "a.m", "p.m",
})
# Words that start a new clause after an acronym ("... in the U.S. The talks ..." splits; "the U.S. Senate" not).
_CLAUSE_STARTS = frozenset({"the", "this", "that", "it", "we", "he", "she", "they", "i", "in", "but", "and", "a",
                            "an"})


def _starts_sentence(text: str, i: int) -> bool:
    """A capital or a digit, after at most one opening quote or bracket; or a masked span (NULs: a quotation
    the article reader hid)."""
    if text[i] in _OPENERS and i + 1 < len(text):
        i += 1
    return text[i] == "\x00" or text[i].isupper() or text[i].isdigit()


def _is_cut(text: str, stop: int, after: int) -> bool:
    """Whether end punctuation at ``text[stop]`` (closing marks up to ``after``) ends a sentence."""
    nxt = _NEXT_RE.match(text, after)
    if nxt is not None and not _starts_sentence(text, nxt.start(1)):
        return False
    if text[stop] != ".":
        return True
    word = _WORD_BEFORE_RE.search(text, max(0, stop - _LOOK_BEHIND), stop)
    if word is None:
        return True
    w = word.group(1)
    if len(w) == 1 or w in _TITLES:  # an initial ("John F.") or a title ("Mr.")
        return False
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", w):  # an acronym ("U.S."): only before a new clause
        start = _NEXT_WORD_RE.match(text, after)
        return start is not None and start.group(1).lower() in _CLAUSE_STARTS and start.group(1)[0].isupper()
    return True


def _check_text(text: object) -> None:
    if not isinstance(text, str):
        raise InputTypeError(f"expected text, got {type(text).__name__}", field="text")


def sentence_cuts(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Offsets in ``text[start:end]`` where a sentence ends (just after its punctuation and closing marks).

    Rules: a sentence ends at ``.``, ``!`` or ``?`` (with any closing quote or bracket) followed by white
    space and a capital letter or a digit (after at most one opening quote or bracket); a full stop after a title or
    abbreviation ("Mr.", "Gen.", "Sept.") or a single initial ("John F.") does not end one, and one after
    an acronym ("U.S.") only when a new clause follows ("The", "It", "We", ...). Runs in linear time.

    Example:
        >>> text = "Mr. Kirby spoke. It rained."
        >>> [text[:c] for c in sentence_cuts(text)]
        ['Mr. Kirby spoke.']
    """
    _check_text(text)
    end = len(text) if end is None else end
    return [m.end() for m in _CUT_RE.finditer(text, start, end) if _is_cut(text, m.start(), m.end())]


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text[start:end]``, without surrounding white space.

    Example:
        >>> sentence_spans("We said no.  Then yes.")
        [(0, 11), (13, 22)]
    """
    _check_text(text)
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    prev = start
    for cut in sentence_cuts(text, start, end) + [end]:
        a, b = prev, cut
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
        prev = cut
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` (see :func:`sentence_cuts` for the rules); never empty for non-blank text.

    Example:
        >>> split_sentences("The U.S. Senate voted. Gen. Smith left!")
        ['The U.S. Senate voted.', 'Gen. Smith left!']
    """
    return [text[a:b] for a, b in sentence_spans(text)] or [text.strip()]
