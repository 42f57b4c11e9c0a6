"""Time expressions: the period a statement is *about*, read from its text.

A statement has two times: when it was **made** (``Statement.time``, used here as the *anchor*) and the
time it is **about** ("in June 2020", "effective January 1, 2026", "Fiscal Year 2024", "at this point").
This module reads the second from the text, with a small set of transparent regular-expression rules.

How an expression is read:

* An expression is a date *atom* ("4 April 2023", "June 2020", "FY2024", "Q3 2023", "the 1970s",
  "last week", "Tuesday", "now", ...) with an optional *lead-in* just before it that sets the kind:

  ========================================================  =========  =====================================
  lead-in                                                   kind       window
  ========================================================  =========  =====================================
  (none), in, on, during, throughout, for, of, at, the ...  atom's     the atom's span; a day is a "point",
                                                                       a longer span a "period"
  effective, starting, beginning, commencing, from, since   "from"     atom start .. open
  after                                                     "from"     day after the atom .. open
  until, till, through, up to, by, no later than            "until"    open .. atom end (inclusive)
  prior to, before                                          "until"    open .. day before the atom
  as of, as at                                              "point"    the state at the atom (its span)
  from X to Y, between X and Y, X-Y, X to Y                 "period"   X start .. Y end
  ========================================================  =========  =====================================

* "Present" phrases ("now", "currently", "at this point", "at present", "at the moment", "as it stands",
  ...) have kind "now" with ``start = end = anchor``; "so far", "to date" and "until now" are "until" the
  anchor.
* Clock times are not windows: "from 10 pm" yields nothing.
* A bare year ("2019") is read only with a lead-in ("in 2019", "since 2019", "the 2019 season") or as the
  end of a range, so that counts such as "1999 cases" are not taken for years. The same holds for a month
  name alone ("in June", "by May").
* Fiscal years are US federal fiscal years: "FY2024" = 2023-10-01 .. 2024-09-30. Tax years are calendar
  years. Quarters and halves are calendar quarters and halves.

Resolution against the anchor (the date the statement was made; a ``datetime`` is read as its ``.date()``):

* A day or month without a year ("On 11 March", "in June", "as of March 20") in a sentence with a verb in the
  past tense is read as a report: the most recent occurrence that starts on or before the anchor. In a clause
  about the future ("will be held on the 8th of June", "is due on 1 May", "has been moved to 22 June") it is
  the first occurrence not over before the anchor; in a sentence with no past verb ("Donation session: 3
  February", "The weekend is the 16th and 17th of May") the occurrence nearest to the anchor. After a forward-looking lead-in ("effective",
  "starting", "from", "after", "until", "through", "by", "before", "prior to") it is the occurrence
  nearest to the anchor, either side (anchor year -1, 0 or +1; ties go to the earlier one), so that
  "effective March 1" said in February and "until April 26" said in March lie ahead.
* A weekday ("on Tuesday", "last Tuesday") is the most recent such day strictly before the anchor;
  "next Tuesday" / "this coming Tuesday" the first one strictly after it; "this Tuesday" the one in the
  anchor's (Monday-first) week.
* "yesterday", "today", "tomorrow" are days; "last/this/next week|month|quarter|year" are calendar
  weeks (Monday..Sunday), months, quarters and years; "the past week|month|year", "the last year" and
  "the last 3 days" are rolling spans ending on the anchor; "N days/weeks ago" is a day, "N months/years
  ago" the calendar month/year. Vague counts read "few" as 2..5 and "several" as 3..9 (the window covers the range).
* Without an anchor, relative expressions keep their phrase and kind with ``start = end = None``.

Example:
    >>> from datetime import date
    >>> w = about_window("Effective January 1, 2026, the rate is 5%.", date(2025, 6, 1))
    >>> (w.start.isoformat(), w.end, w.kind)
    ('2026-01-01', None, 'from')
"""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from ..errors import InputTypeError
from ..records import TimeWindow
from ..text import WEEKDAYS, as_date, month_number

logger = logging.getLogger(__name__)

__all__ = ["ANY_DAY", "TimeMention", "about_window", "compare_windows", "find_time_expressions", "find_time_mentions",
           "windows_overlap"]

#: One fixed day to read a text's time expressions from where only where they are, or which days they name apart from
#: the year, matters (an undated statement; masking dates out of a text).
ANY_DAY = date(2001, 1, 1)

# --------------------------------------------------------------------------------------------------
# Building blocks of the patterns.

# "May" and "March" only capitalised (otherwise they are a modal verb and a verb); abbreviations with or
# without a full stop; never followed by a letter ("Mayor", "Junior", "Decade").
_MONTH = (
    r"(?:[Jj]an(?:uary|\.)?|[Ff]eb(?:ruary|\.)?|Mar(?:ch|\.)?|[Aa]pr(?:il|\.)?|May|[Jj]un(?:e|\.)?"
    r"|[Jj]ul(?:y|\.)?|[Aa]ug(?:ust|\.)?|[Ss]ep(?:t(?:ember|\.)?|\.)?|[Oo]ct(?:ober|\.)?"
    r"|[Nn]ov(?:ember|\.)?|[Dd]ec(?:ember|\.)?)(?![A-Za-z])"
)
_MONTH_FULL = (
    r"(?:[Jj]anuary|[Ff]ebruary|March|[Aa]pril|May|[Jj]une|[Jj]uly|[Aa]ugust|[Ss]eptember"
    r"|[Oo]ctober|[Nn]ovember|[Dd]ecember)(?![A-Za-z])"
)
_WEEKDAY = rf"(?i:{'|'.join(WEEKDAYS)})"
_WD_PREFIX = rf"(?:{_WEEKDAY},?\s+(?:the\s+)?)?"  # "Tuesday, May 28, 2024": the date wins
_DAY = r"[0-3]?\d(?:st|nd|rd|th)?"
_YEAR = r"[12]\d{3}"
_NO_DIGIT_BEFORE = r"(?<![\w$£€.,/:-])"
_END_OF_NUMBER = r"(?![\w%]|[.,:]\d|\s*%)"

_COUNT_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_VAGUE_COUNTS = {"few": (2, 5), "a few": (2, 5), "several": (3, 9), "recent": (2, 5)}
_COUNT = r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+few|few|several)"
_UNIT = r"(?:day|week|month|year)"

_ATOMS: tuple[tuple[str, str], ...] = (
    ("iso", rf"(?<![\w.-])(?P<iso_y>{_YEAR})-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)(?![\d-])"),
    (
        "dmy",
        (
            rf"{_NO_DIGIT_BEFORE}{_WD_PREFIX}(?:the\s+)?(?P<dmy_d>{_DAY})\s+(?:of\s+)?(?P<dmy_m>{_MONTH})\.?,?\s+"
            rf"(?P<dmy_y>{_YEAR}){_END_OF_NUMBER}"
        ),
    ),
    (
        "mdy",
        (
            rf"(?<![\w.]){_WD_PREFIX}(?P<mdy_m>{_MONTH})\.?\s+(?P<mdy_d>{_DAY}),?\s+(?P<mdy_y>{_YEAR})"
            rf"{_END_OF_NUMBER}"
        ),
    ),
    ("my", rf"(?<![\w.])(?P<my_m>{_MONTH})\.?,?\s+(?:of\s+)?(?P<my_y>{_YEAR}){_END_OF_NUMBER}"),
    ("dm", (rf"{_NO_DIGIT_BEFORE}(?:(?P<dm_w>{_WEEKDAY}),?\s+(?:the\s+)?)?(?:the\s+)?(?P<dm_d>{_DAY})\s+(?:of\s+)?"
            rf"(?P<dm_m>{_MONTH})")),
    (
        "md",
        (
            rf"(?<![\w.])(?:(?P<md_w>{_WEEKDAY}),?\s+(?:the\s+)?)?(?P<md_m>{_MONTH})\.?\s+(?:the\s+)?(?P<md_d>{_DAY})"
            r"(?![\d:.,]?\d)"
            r"(?!\s*(?i:%|percent\b|per\b|am\b|pm\b|a\.m\.|p\.m\.|hours?\b|o'clock))"
        ),
    ),
    ("fy", r"(?<![\w])(?i:fiscal\s+year|fiscal|FY)\s*'?(?P<fy_y>\d{4}|\d{2})(?![\w%]|[.,]\d)"),
    ("tax", rf"(?<![\w])(?i:tax\s+year)\s+(?P<tax_y>{_YEAR}){_END_OF_NUMBER}"),
    ("q1", rf"(?<![\w])(?i:Q(?P<q1_q>[1-4])\s*(?:of\s+)?'?)(?P<q1_y>{_YEAR}){_END_OF_NUMBER}"),
    ("q2", rf"(?<![\w])(?P<q2_y>{_YEAR})\s*-?\s*(?i:Q(?P<q2_q>[1-4]))(?!\w)"),
    (
        "q3",
        (
            rf"(?<![\w])(?i:(?:the\s+)?(?P<q3_q>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+"
            rf"quarter\s+(?:of\s+)?(?:the\s+year\s+)?)(?P<q3_y>{_YEAR}){_END_OF_NUMBER}"
        ),
    ),
    (
        "h1",
        (
            rf"(?<![\w])(?i:(?:the\s+)?(?P<h1_h>first|second|1st|2nd)\s+half\s+(?:of\s+)?(?:the\s+year\s+)?)"
            rf"(?P<h1_y>{_YEAR}){_END_OF_NUMBER}"
        ),
    ),
    ("h2", rf"(?<![\w])(?i:H(?P<h2_h>[12])\s*)(?P<h2_y>{_YEAR}){_END_OF_NUMBER}"),
    (
        "decade",
        (
            r"(?<![\w])(?i:(?:the\s+)?(?:(?P<dec_q>early|mid|late)[\s-]+)?)(?P<dec_y>[12]\d{2}0)'?s"
            r"(?![A-Za-z])"
        ),
    ),
    ("yrange", rf"{_NO_DIGIT_BEFORE}(?P<yr_a>{_YEAR})\s*[-\u2013\u2014/]\s*(?P<yr_b>{_YEAR}|\d{{2}}){_END_OF_NUMBER}"),
    (
        "year",
        (
            rf"(?:(?<![\w])(?i:(?P<y_q>early|mid|late)[\s-]+)|{_NO_DIGIT_BEFORE})(?P<y_y>{_YEAR})"
            rf"{_END_OF_NUMBER}"
        ),
    ),
    ("month", rf"(?<![\w.])(?P<mo_m>{_MONTH_FULL})"),
    ("rday", r"(?<![\w])(?i:(?P<rd>yesterday|today|tonight|tomorrow))(?![\w])"),
    ("ago", rf"(?<![\w])(?i:(?P<ago_n>{_COUNT})\s+(?P<ago_u>{_UNIT})s?\s+ago)(?![\w])"),
    (
        "lastn",
        (
            rf"(?<![\w])(?i:(?:the\s+)?(?P<ln_mod>last|past|previous)\s+(?P<ln_n>{_COUNT})\s+"
            rf"(?P<ln_u>{_UNIT})s?)(?![\w])"
        ),
    ),
    ("recent", rf"(?<![\w])(?i:recent\s+(?P<rec_u>{_UNIT})s)(?![\w])"),
    (
        "relunit",
        (
            r"(?<![\w])(?i:(?:(?P<ru_the>the)\s+)?(?P<ru_mod>last|this|next|past|previous|coming|current)\s+"
            r"(?P<ru_u>week|month|quarter|year))(?![\w])"
        ),
    ),
    (
        "weekday",
        (
            r"(?<![\w])(?i:(?:(?P<wd_mod>last|this\s+past|this\s+coming|this|next|past)\s+)?"
            rf"(?P<wd>{'|'.join(WEEKDAYS)}))(?![A-Za-z])"
        ),
    ),
    (
        "sofar",
        (
            r"(?<![\w])(?i:so\s+far|thus\s+far|(?<!up )to\s+date|up\s+(?:to|until)\s+now|until\s+now"
            r"|till\s+now)(?![\w])"
        ),
    ),
    (
        "now",
        (
            r"(?<![\w])(?i:at\s+(?:this|the\s+present)\s+(?:point(?:\s+in\s+time)?|time|moment|stage|juncture)"
            r"|at\s+present|at\s+the\s+moment|as\s+(?:it|things)\s+stands?|right\s+now|for\s+now"
            r"|for\s+the\s+time\s+being|currently|presently|nowadays|these\s+days|now)(?![\w])"
        ),
    ),
)
# Every atom starts at the start of a word; checking that first keeps the scan fast.
_ATOM_RE = re.compile(r"(?<!\w)(?=\w)(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _ATOMS) + ")")

# Atoms that need a lead-in (or a range partner) to count as a time: bare years, year ranges, lone months.
_WEAK = frozenset({"year", "yrange", "month"})
# Atoms that name a single day; the rest name a span (or the present).
_DAY_ATOMS = frozenset({"iso", "dmy", "mdy", "dm", "md", "rday", "weekday"})

# Lead-ins, matched against the text just before an atom (the leftmost, i.e. longest, that ends there).
_LEAD_IN_RE = re.compile(
    r"(?i)(?<![\w])(?:"
    r"(?P<from>(?:effective|starting|beginning|commencing)(?:\s+(?:from|as\s+of|on|in|with))?"
    r"|with\s+effect\s+from|as\s+from|from"
    r"|(?:takes?|took|will\s+take)\s+effect(?:\s+(?:on|from|in))?|(?:comes?|came|will\s+come)\s+into\s+(?:force|effect)"
    r"(?:\s+(?:on|from|in))?"
    r"|(?:with|for|from)\s+(?:the\s+)?(?:first\s+)?pay\s+(?:period|run|cycle)\s+(?:ending|beginning|starting)(?:\s+on)?)"
    r"|(?P<since>since)"
    r"|(?P<after>after)"
    r"|(?P<until>(?:up\s+)?until|till|til|through|thru|up\s+to|by(?:\s+the\s+end\s+of)?|(?:no|not)\s+later\s+than"
    r"|ending(?:\s+on)?)"
    r"|(?P<before>prior\s+to|before)"
    r"|(?P<asof>as\s+(?:of|at))"
    r"|(?P<between>between)"
    r"|(?P<plain>(?:in|on|during|throughout|for|of|at|around|circa|over|within)"
    r"(?:\s+the(?:\s+(?:year|season|period))?)?|the(?:\s+(?:year|season|period))?|year)"
    r")\s+(?:the\s+)?$"
)
_LEAD_IN_WINDOW = 48  # characters looked at before an atom
# After these lead-ins a year-less date may lie after the anchor ("effective March 1", "until April 26", "as of 30
# March" said on 10 March): the nearest occurrence is meant.
_FORWARD_LEAD_INS = frozenset({"from", "after", "until", "before", "asof"})
_RANGE_JOIN_RE = re.compile(r"(?i)\s*(?:-|\u2013|\u2014|/|to|until|till|through|thru|and)\s*")


@dataclass(frozen=True)
class _Atom:
    """One matched atom, before its lead-in is read."""

    name: str
    start: int
    end: int
    match: re.Match[str]


# --------------------------------------------------------------------------------------------------
# Date arithmetic.


def _to_date(anchor: date | datetime | None) -> date | None:
    """The anchor's day (:func:`contradict.text.as_date`); a wrong type is an error of the ``anchor`` field."""
    try:
        return as_date(anchor)
    except InputTypeError:
        raise InputTypeError(f"expected a date, a datetime or None, got {type(anchor).__name__}",
                             field="anchor") from None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _year_span(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _quarter_span(year: int, quarter: int) -> tuple[date, date]:
    first = 3 * (quarter - 1) + 1
    return date(year, first, 1), _month_end(year, first + 2)


def _day_number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _four_digit_year(text: str, near: int | None = None) -> int:
    """A 4-digit year as is; a 2-digit one in the century of ``near`` (or 2000s)."""
    value = int(text)
    if len(text) == 4:
        return value
    century = (near // 100 * 100) if near else 2000
    return century + value


def _nearest_year(anchor: date, make: Callable[[int], tuple[date, date]], direction: str) -> tuple[date, date] | None:
    """Pick the occurrence (anchor year -1, 0, +1) of a year-less date: the most recent one starting on or before
    the anchor (``direction`` "past"), the first one not over before it ("future"), or the nearest ("nearest").

    ``make(year)`` gives the span in that year, or raises ValueError (e.g. 29 February).
    """
    best: tuple[int, int, tuple[date, date]] | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            lo, hi = make(year)
        except ValueError:
            continue
        if direction == "past":
            if lo <= anchor and (best is None or lo > best[2][0]):
                best = (0, year, (lo, hi))
            continue
        if direction == "future":
            if hi >= anchor and (best is None or lo < best[2][0]):
                best = (0, year, (lo, hi))
            continue
        distance = 0 if lo <= anchor <= hi else min(abs((lo - anchor).days), abs((hi - anchor).days))
        if best is None or distance < best[0]:
            best = (distance, year, (lo, hi))
    return best[2] if best else None


def _week_span(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _count(text: str) -> tuple[int, int]:
    """A count word or number as a (low, high) range."""
    key = re.sub(r"\s+", " ", text.lower())
    if key in _VAGUE_COUNTS:
        return _VAGUE_COUNTS[key]
    value = _COUNT_WORDS.get(key)
    if value is None:
        value = int(key)
    return value, value


def _shift(anchor: date, unit: str, amount: int) -> date:
    """``anchor`` moved back by ``amount`` units (negative: forward)."""
    unit = unit.lower()
    if unit == "day":
        return anchor - timedelta(days=amount)
    if unit == "week":
        return anchor - timedelta(weeks=amount)
    if unit == "month":
        return _add_months(anchor, -amount)
    return _add_months(anchor, -12 * amount)


# --------------------------------------------------------------------------------------------------
# Resolving one atom.


class _Unresolvable(Exception):
    """The atom is not a valid date (31 February, an inverted year range); drop it."""


_Span = tuple[date | None, date | None]
# A resolver: (the atom's match, the anchor or None, direction) -> (first day, last day).
_Resolver = Callable[[re.Match[str], date | None, str], _Span]


def _iso_day(m: re.Match[str], anchor: date | None, direction: str) -> _Span:
    d = date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
    return d, d


def _full_date(prefix: str) -> _Resolver:
    """Day, month and year ("4 April 2023", "April 4, 2023"), read from the groups ``{prefix}_d|m|y``."""

    def resolve(m: re.Match[str], anchor: date | None, direction: str) -> _Span:
        d = date(int(m[f"{prefix}_y"]), month_number(m[f"{prefix}_m"]), _day_number(m[f"{prefix}_d"]))
        return d, d

    return resolve


def _month_of_year(m: re.Match[str], anchor: date | None, direction: str) -> _Span:
    year, month = int(m["my_y"]), month_number(m["my_m"])
    return date(year, month, 1), _month_end(year, month)


def _in_some_year(anchor: date | None, direction: str, make: Callable[[int], tuple[date, date]]) -> _Span:
    """A year-less span placed by :func:`_nearest_year`; (None, None) without an anchor."""
    if anchor is None:
        return None, None
    span = _nearest_year(anchor, make, direction)
    if span is None:
        raise _Unresolvable
    return span


def _yearless_day(prefix: str) -> _Resolver:
    """Day and month without a year ("11 March", "March 11"), from the groups ``{prefix}_d|m``."""

    def resolve(m: re.Match[str], anchor: date | None, direction: str) -> _Span:
        month, day_of_month = month_number(m[f"{prefix}_m"]), _day_number(m[f"{prefix}_d"])
        if not 1 <= day_of_month <= 31:
            raise _Unresolvable
        date(2000, month, day_of_month)  # valid in some (leap) year?

        def make(year: int) -> tuple[date, date]:
            d = date(year, month, day_of_month)
            return d, d

        weekday = m[f"{prefix}_w"]
        if weekday and anchor is not None:  # "Saturday 6 September": the year in which that day is a Saturday
            target = WEEKDAYS.index(weekday.lower())
            fits = [year for year in (anchor.year - 1, anchor.year, anchor.year + 1)
                    if _is_day(year, month, day_of_month) and date(year, month, day_of_month).weekday() == target]
            if len(fits) == 1:
                return make(fits[0])
        return _in_some_year(anchor, direction, make)

    return resolve


def _is_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _lone_month(m: re.Match[str], anchor: date | None, direction: str) -> _Span:
    month = month_number(m["mo_m"])
    return _in_some_year(anchor, direction, lambda year: (date(year, month, 1), _month_end(year, month)))


def _fiscal_year(m: re.Match[str], anchor: date | None, direction: str) -> _Span:
    year = _four_digit_year(m["fy_y"], anchor.year if anchor else None)
    return date(year - 1, 10, 1), date(year, 9, 30)


def _tax_year(m: re.Match[str], anchor: date | None, direction: str) -> _Span:
    return _year_span(int(m["tax_y"]))


def _quarter_code(prefix: str) -> _Resolver:
    """ "Q3 2023", "2023 Q3", from the groups ``{prefix}_y|q``."""

    def resolve(m: re.Match[str], anchor: date | None, direction: str) -> _Span:
        return _quarter_span(int(m[f"{prefix}_y"]), int(m[f"{prefix}_q"]))

    return resolve


def _quarter_words(m: re.Match[str], anchor: date | None, direction: str) -> _Span:
    word = m["q3_q"].lower()
    quarter = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}.get(word, 4)
    return _quarter_span(int(m["q3_y"]), quarter)


def _half(prefix: str) -> _Resolver:
    """ "the first half of 2023", "H2 2023", from the groups ``{prefix}_y|h``."""

    def resolve(m: re.Match[str], anchor: date | None, direction: str) -> _Span:
        year, half = int(m[f"{prefix}_y"]), m[f"{prefix}_h"].lower()
        if half in ("1", "first", "1st"):
            return date(year, 1, 1), date(year, 6, 30)
        return date(year, 7, 1), date(year, 12, 31)

    return resolve


def _decade(m: re.Match[str], anchor: date | None, direction: str) -> _Span:
    decade = int(m["dec_y"])
    part = (m["dec_q"] or "").lower()
    lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get(part, (0, 9))
    return date(decade + lo, 1, 1), date(decade + hi, 12, 31)


def _year_range(m: re.Match[str], anchor: date | None, direction: str) -> _Span:
    first_year = int(m["yr_a"])
    last_year = _four_digit_year(m["yr_b"], first_year)
    if last_year <= first_year:
        raise _Unresolvable
    return date(first_year, 1, 1), date(last_year, 12, 31)


def _year(m: re.Match[str], anchor: date | None, direction: str) -> _Span:
    year = int(m["y_y"])
    part = (m["y_q"] or "").lower()
    if part == "early":
        return date(year, 1, 1), date(year, 4, 30)
    if part == "mid":
        return date(year, 5, 1), date(year, 8, 31)
    if part == "late":
        return date(year, 9, 1), date(year, 12, 31)
    return _year_span(year)


# Resolvers of the atoms relative to the anchor; called with an anchor only (see _resolve).


def _relative_day(m: re.Match[str], anchor: date, direction: str) -> _Span:
    d = anchor + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(m["rd"].lower(), 0))
    return d, d


def _ago(m: re.Match[str], anchor: date, direction: str) -> _Span:
    low, high = _count(m["ago_n"])
    unit = m["ago_u"].lower()
    if unit in ("day", "week"):
        return _shift(anchor, unit, high), _shift(anchor, unit, low)
    if unit == "month":
        first = _add_months(anchor.replace(day=1), -high)
        last = _add_months(anchor.replace(day=1), -low)
        return first, _month_end(last.year, last.month)
    return date(anchor.year - high, 1, 1), date(anchor.year - low, 12, 31)


def _last_n(m: re.Match[str], anchor: date, direction: str) -> _Span:
    _low, high = _count(m["ln_n"])
    return _shift(anchor, m["ln_u"], high), anchor


def _recent(m: re.Match[str], anchor: date, direction: str) -> _Span:
    return _shift(anchor, m["rec_u"], _VAGUE_COUNTS["recent"][1]), anchor


def _relative_unit(m: re.Match[str], anchor: date, direction: str) -> _Span:
    mod, unit = m["ru_mod"].lower(), m["ru_u"].lower()
    if mod == "past" or (m["ru_the"] and mod in ("last", "previous")):  # "the past/last year": rolling
        return _shift(anchor, "month" if unit == "quarter" else unit, 3 if unit == "quarter" else 1), anchor
    step = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(mod, 0)
    if unit == "week":
        return _week_span(anchor + timedelta(weeks=step))
    if unit == "month":
        first = _add_months(anchor.replace(day=1), step)
        return first, _month_end(first.year, first.month)
    if unit == "quarter":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + step
        return _quarter_span(index // 4, index % 4 + 1)
    return _year_span(anchor.year + step)


def _weekday(m: re.Match[str], anchor: date, direction: str) -> _Span:
    target = WEEKDAYS.index(m["wd"].lower())
    mod = re.sub(r"\s+", " ", (m["wd_mod"] or "").lower())
    if mod in ("next", "this coming"):
        d = anchor + timedelta(days=(target - anchor.weekday() - 1) % 7 + 1)
    elif mod == "this":
        d = _week_span(anchor)[0] + timedelta(days=target)
    else:  # bare, "on", "last", "past", "this past": most recent strictly before the anchor
        d = anchor - timedelta(days=(anchor.weekday() - target - 1) % 7 + 1)
    return d, d


def _so_far(m: re.Match[str], anchor: date, direction: str) -> _Span:
    return None, anchor


def _now(m: re.Match[str], anchor: date, direction: str) -> _Span:
    return anchor, anchor


#: Atom kind -> its resolver (keys are the names in _ATOMS).
_RESOLVERS: dict[str, _Resolver] = {
    "iso": _iso_day, "dmy": _full_date("dmy"), "mdy": _full_date("mdy"), "my": _month_of_year,
    "dm": _yearless_day("dm"), "md": _yearless_day("md"), "month": _lone_month, "fy": _fiscal_year,
    "tax": _tax_year, "q1": _quarter_code("q1"), "q2": _quarter_code("q2"), "q3": _quarter_words,
    "h1": _half("h1"), "h2": _half("h2"), "decade": _decade, "yrange": _year_range, "year": _year,
}
#: Atoms that need the anchor: without one they resolve to (None, None).
_RELATIVE_RESOLVERS: dict[str, Callable[[re.Match[str], date, str], _Span]] = {
    "rday": _relative_day, "ago": _ago, "lastn": _last_n, "recent": _recent, "relunit": _relative_unit,
    "weekday": _weekday, "sofar": _so_far, "now": _now,
}


def _resolve(atom: _Atom, anchor: date | None, direction: str) -> _Span:
    """The (first day, last day) an atom names; (None, None) when it needs an anchor and has none.

    Raises:
        _Unresolvable: the atom is not a valid date (31 February, an inverted year range, a day outside years
            1..9999).
    """
    relative = _RELATIVE_RESOLVERS.get(atom.name)
    try:
        if relative is not None:
            return relative(atom.match, anchor, direction) if anchor is not None else (None, None)
        return _RESOLVERS[atom.name](atom.match, anchor, direction)
    except (ValueError, OverflowError):  # an invalid date, or one outside years 1..9999
        raise _Unresolvable from None


# --------------------------------------------------------------------------------------------------
# Public functions.


@dataclass(frozen=True)
class TimeMention:
    """One time expression with where it is in the text: what :func:`find_time_mentions` returns.

    Attributes:
        start: offset of the phrase (lead-in included) in the text; ``text[start:end] == window.phrase``.
        atom_start: offset of the date words themselves, after the lead-in ("Tuesday" in "after Tuesday").
        end: offset just after the phrase.
        window: the window, as :func:`find_time_expressions` gives it.
        atom: the kind of date words ("iso", "md", "weekday", "relunit", "now", ...).
        named: (first day, last day) the date words name before the lead-in is applied ("after Tuesday":
            that Tuesday); a range's first start and last end; None for an end that is unknown.
    """

    start: int
    atom_start: int
    end: int
    window: TimeWindow
    atom: str
    named: tuple[date | None, date | None]


def _step(day: date | None, days: int) -> date | None:
    """``day`` moved by ``days``; None when there is no day or the result is outside years 1..9999."""
    if day is None:
        return None
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def _window(
    name: str, lead_name: str | None, lo: date | None, hi: date | None, phrase: str, anchor: date | None
) -> TimeWindow:
    """Combine an atom's span with its lead-in (see the module docstring's table)."""
    if name == "sofar":
        return TimeWindow(None, anchor, phrase, "until")
    if lead_name in ("from", "since"):
        return TimeWindow(lo, None, phrase, "from")
    if lead_name == "after":
        return TimeWindow(_step(hi, 1), None, phrase, "from")
    if lead_name == "until":
        return TimeWindow(None, hi, phrase, "until")
    if lead_name == "before":
        return TimeWindow(None, _step(lo, -1), phrase, "until")
    if name == "now":
        return TimeWindow(lo, hi, phrase, "now")
    if lead_name == "asof":
        return TimeWindow(lo, hi, phrase, "point")
    one_day = lo is not None and lo == hi
    return TimeWindow(lo, hi, phrase, "point" if name in _DAY_ATOMS or one_day else "period")


# A dated schedule or rulebook that something comes with: "with the December 2025 timetable", "under the 2026
# rules". What it says holds from that date on.
_WITH_SCHEDULE_BEFORE_RE = re.compile(r"(?i)(?<![\w])(?:with|under)\s+(?:the|its|our|their|a|an)\s+$")
_SCHEDULE_AFTER_RE = re.compile(
    r"(?i)\s*(?:timetable|schedule|tariff|price\s+list|fee\s+schedule|rules|regulations|rulebook|terms|contract"
    r"|agreement|code|policy|handbook|season)(?![\w])")


def _schedule_start(text: str, atom: _Atom) -> int | None:
    """Where "with the <date> timetable" begins, when the atom is the date of a schedule or rulebook; else None."""
    before = _WITH_SCHEDULE_BEFORE_RE.search(text, max(0, atom.start - 16), atom.start)
    if before is None or _SCHEDULE_AFTER_RE.match(text, atom.end) is None:
        return None
    return before.start()


def _lead_in(text: str, start: int) -> re.Match[str] | None:
    window_start = max(0, start - _LEAD_IN_WINDOW)
    return _LEAD_IN_RE.search(text, window_start, start)


def find_time_expressions(text: str, anchor: date | datetime | None = None) -> list[TimeWindow]:
    """Every time expression in ``text``, in reading order, with the window it names.

    Args:
        text: the statement text.
        anchor: when the statement was made (resolves "yesterday", "on Tuesday", "March 1", ...);
            a ``datetime`` is read as its date. None leaves relative expressions unresolved
            (``start = end = None``).

    Returns:
        One :class:`~contradict.records.TimeWindow` per expression: inclusive ``start``/``end`` (None for
        an open or unresolved end), ``phrase`` (the exact words matched, lead-in included) and ``kind``
        ("point" | "period" | "from" | "until" | "now").

    Example:
        >>> from datetime import date
        >>> [(w.phrase, w.kind, str(w.start), str(w.end)) for w in find_time_expressions(
        ...     "The curfew runs from 10 pm until April 26.", date(2020, 3, 20))]
        [('until April 26', 'until', 'None', '2020-04-26')]
    """
    if not isinstance(text, str):
        raise InputTypeError(f"expected text, got {type(text).__name__}", field="text")
    return [mention.window for mention in find_time_mentions(text, anchor)]


def find_time_mentions(text: str, anchor: date | datetime | None = None) -> list[TimeMention]:
    """:func:`find_time_expressions` with where each expression is and the date its words name.

    Example:
        >>> from datetime import date
        >>> [m] = find_time_mentions("The mayor spoke after Wednesday's vote.", date(2024, 11, 8))
        >>> (m.start, m.atom_start, m.end, m.window.kind, str(m.window.start), str(m.named[0]))
        (16, 22, 31, 'from', '2024-11-07', '2024-11-06')
    """
    if not isinstance(text, str):
        raise InputTypeError(f"expected text, got {type(text).__name__}", field="text")
    return list(_find(text, _to_date(anchor)))


_YEARLESS = frozenset({"dm", "md", "month"})
# Words before a year-less date that put it ahead: a future or scheduling verb, or a move to a new date.
# Future verbs and moves to a new date: "will be held on", "is due on", "moved to".
_FUTURE_VERBS = (r"will|shall|won't|going\s+to|upcoming|(?:is|are)\s+(?:to\s+be|due|scheduled|set|planned|expected)"
                 r"|(?:moved|postponed|delayed|rescheduled|pushed\s+back|brought\s+forward|put\s+back)\s+(?:to|until|till)")
# Words before a year-less date that put it ahead: a future verb, or a schedule word.
_FUTURE_RE = re.compile(
    rf"(?i)(?<![\w'])(?:{_FUTURE_VERBS}"
    # a schedule in the present tense: "Classes resume on 6 January", "The portal opens on 6 April"
    r"|(?:resumes?|re-?opens?|opens|starts|begins|closes|takes\s+place|take\s+place|kicks?\s+off|launches|runs)"
    # a schedule confirmed or announced: "still on for 29 December", "Reminder: ... on 1 September", "see you on"
    r"|still\s+on|(?:goes|going)\s+ahead|as\s+(?:planned|scheduled)|reminder|see\s+you|(?:is|are)\s+on"
    r"|(?:can|we)\s+confirm|confirms"
    # an aim or plan with an infinitive: "remains on track to open on 15 September", "hopes to finish by 3 May"
    r"|on\s+track|(?:aims?|hopes?|plans?|intends?)\s+to|to\s+(?:re-?open|open|start|begin|resume|launch|finish|end))"
    r"(?![\w'])")
# ... the future verbs alone, for a sentence with a past verb, where a schedule word reports a day gone by.
_STRONG_FUTURE_RE = re.compile(rf"(?i)(?<![\w'])(?:{_FUTURE_VERBS})(?![\w'])")
_FUTURE_LOOKBACK = 120  # characters before a date searched for a future verb (its clause)


def _future_before(text: str, start: int, *, past: bool = False) -> bool:
    """Whether the clause before ``start`` speaks of the future ("will be held on", "moved to"). In a sentence with a
    past verb (``past``) only a future verb counts, not a schedule word: "As planned, the fare went up on the 1st of
    July" reports a day gone by."""
    before = text[max(0, start - _FUTURE_LOOKBACK):start]
    before = re.split(r"[.;!?]\s", before)[-1]
    return (_STRONG_FUTURE_RE if past else _FUTURE_RE).search(before) is not None


# A verb in the past tense: an auxiliary, a common irregular form, or an "-ed" form in lower case that is not a
# present passive or perfect ("is planned", "has moved": those are read by _FUTURE_RE or stay reports).
_PAST_VERB_RE = re.compile(
    r"(?<![\w'-])(?:was|were|did|had|went|came|took|gave|made|began|ran|held|shut|met|won|lost|fell|rose|left|sold"
    r"|paid|said|told|found|saw|got|sent|spent|built|brought|bought|caught|wrote|spoke|broke|chose|drove|flew|grew"
    r"|knew|wore)(?![\w'-])|(?<![\w'-])(?<!\bis )(?<!\bare )(?<!\bbe )(?<!\bbeen )(?<!\bhas )(?<!\bhave )"
    r"(?<!\bthe )(?<!\ba )(?<!\bas )[a-z]{3,}ed(?![\w'-])")


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around ``start``..``end``."""
    begin = max((m.end() for m in re.finditer(r"[.;!?](?:\s|$)", text[:start])), default=0)
    stop = re.search(r"[.;!?](?:\s|$)", text[end:])
    return text[begin:end + stop.start()] if stop else text[begin:]


def _present_sentence(text: str, start: int, end: int) -> bool:
    """Whether the sentence around a date (``start``..``end``) says something besides it, with no verb in the past
    tense ("Donation session: 3 February", "Our open weekend is the 16th and 17th of May"): it names the occurrence
    nearest to the day it was said. A sentence with a past verb ("On 3 May the committee met") is a report, and a
    bare date ("in June") is read as one too."""
    sentence = _sentence(text, start, end)
    rest = sentence.replace(text[start:end], " ")
    return len(re.findall(r"[A-Za-z]{2,}", rest)) >= 2 and _PAST_VERB_RE.search(sentence) is None


@lru_cache(maxsize=8192)
def _find(text: str, day: date | None) -> tuple[TimeMention, ...]:
    """:func:`find_time_mentions` on a date anchor, cached (the same statement meets many partners)."""
    atoms = [_Atom(m.lastgroup or "", m.start(), m.end(), m) for m in _ATOM_RE.finditer(text)]
    windows: list[TimeMention] = []
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        lead = _lead_in(text, atom.start)
        lead_name = lead.lastgroup if lead else None
        # A range: "from X to Y", "between X and Y", "X-Y", "X through Y".
        partner: _Atom | None = None
        if i + 1 < len(atoms):
            nxt = atoms[i + 1]
            join = _RANGE_JOIN_RE.fullmatch(text, atom.end, nxt.start)
            if join is not None:
                word = join.group().strip().lower()
                if word == "and":
                    ok = lead_name == "between"
                elif word in ("-", "\u2013", "\u2014", "/"):
                    ok = True
                else:
                    ok = lead_name in ("from", "since", "between") or atom.name not in _WEAK
                if ok and nxt.name not in ("now", "sofar"):
                    partner = nxt
        if atom.name in _WEAK and lead is None and partner is None:
            i += 1
            continue
        direction = "past" if lead_name not in _FORWARD_LEAD_INS else "nearest"
        if direction == "past" and atom.name in _YEARLESS and lead_name != "since":
            if _future_before(text, atom.start, past=_PAST_VERB_RE.search(_sentence(text, atom.start, atom.end))
                              is not None):
                direction = "future"  # "the vote will be held on the 8th of June", "moved to 22 June"
            elif _present_sentence(text, atom.start, atom.end):
                direction = "nearest"  # "Donation session: 3 February", "The weekend is the 16th and 17th of May"
        try:
            lo, hi = _resolve(atom, day, direction)
        except _Unresolvable:
            logger.debug("not a valid date: %r", atom.match.group())
            i += 1
            continue
        if partner is not None:
            try:
                phi = _resolve(partner, day, "past" if lead_name not in ("from", "between") else "nearest")[1]
                if lo is not None and phi is not None and phi < lo and partner.name in _YEARLESS:
                    phi = _resolve(partner, lo, "future")[1]  # "from 1 June to 31 August": the August after June
            except _Unresolvable:
                partner = None
        if atom.name in ("now", "sofar") and lead_name in (None, "plain", "between", "asof"):
            lead = None  # "at this point", "currently": the phrase is the atom itself
        elif lead is not None and lead_name == "plain" and lead.group().strip().lower() == "the":
            lead = None  # "the FY2024 budget": "the" is context, not part of the phrase
        begin = lead.start() if lead else atom.start
        if lead is None and partner is None:
            schedule = _schedule_start(text, atom)
            if schedule is not None:  # "With the December 2025 timetable, trains run every 10 minutes"
                begin, lead_name = schedule, "from"
        if partner is not None:
            window = TimeWindow(lo, phi, text[begin : partner.end], "period")
            windows.append(TimeMention(begin, atom.start, partner.end, window, atom.name, (lo, phi)))
            i += 2
            continue
        window = _window(atom.name, lead_name, lo, hi, text[begin : atom.end], day)
        windows.append(TimeMention(begin, atom.start, atom.end, window, atom.name, (lo, hi)))
        i += 1
    return tuple(windows)


_VALIDITY_KINDS = frozenset({"from", "until"})


def about_window(text: str, anchor: date | datetime | None = None) -> TimeWindow | None:
    """The one window a statement is mainly about, or None when its text names no time.

    Rule: the first *validity* expression (kind "from" or "until", or an "as of" point: "effective
    January 1, 2026", "since 2020", "until April 26", "as of March 20") if there is one; otherwise the
    first expression of any kind ("in June 2020", "on Tuesday", "at this point").

    Example:
        >>> from datetime import date
        >>> about_window("There's no change to our policy at this point.", date(2024, 5, 28)).kind
        'now'
        >>> about_window("The President directed his team to act.", date(2024, 5, 30)) is None
        True
    """
    windows = find_time_expressions(text, anchor)
    for window in windows:
        if window.kind in _VALIDITY_KINDS or (
            window.kind == "point" and window.phrase and window.phrase.lower().startswith(("as of", "as at"))
        ):
            return window
    return windows[0] if windows else None


def _known(window: TimeWindow) -> bool:
    return window.start is not None or window.end is not None


def windows_overlap(a: TimeWindow, b: TimeWindow) -> bool | None:
    """Whether two windows share at least one day; None when either is unknown (both ends None).

    An open end (None on one side only) extends without limit.

    Example:
        >>> from datetime import date
        >>> june = TimeWindow(date(2020, 6, 1), date(2020, 6, 30))
        >>> windows_overlap(june, TimeWindow(date(2020, 6, 15), None, kind="from"))
        True
    """
    if not (_known(a) and _known(b)):
        return None
    if a.end is not None and b.start is not None and a.end < b.start:
        return False
    return not (b.end is not None and a.start is not None and b.end < a.start)


def compare_windows(a: TimeWindow, b: TimeWindow) -> str:
    """How window ``a`` lies against window ``b``.

    Returns:
        "same" (equal start and end), "before" (``a`` ends before ``b`` starts), "after" (``a`` starts
        after ``b`` ends), "overlap" (they share a day), or "unknown" (either window has no known end).

    Example:
        >>> from datetime import date
        >>> compare_windows(TimeWindow(date(2019, 1, 1), date(2019, 12, 31)),
        ...                 TimeWindow(date(2020, 6, 1), date(2020, 6, 30)))
        'before'
    """
    if not (_known(a) and _known(b)):
        return "unknown"
    if a.start == b.start and a.end == b.end:
        return "same"
    if a.end is not None and b.start is not None and a.end < b.start:
        return "before"
    if b.end is not None and a.start is not None and b.end < a.start:
        return "after"
    return "overlap"
