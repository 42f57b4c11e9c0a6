"""When a statement was made: time phrases in its attribution, resolved to a day."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..text import MONTHS, WEEKDAYS

_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10}
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
        r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_TIME_RE = re.compile(rf"""
    (?P<date>(?:\bon\s+)?(?:\b{_WD},?\s+)?\b(?P<month>{_MON})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b
        (?:,?\s+(?P<year>\d{{4}})\b)?)
  | (?P<date2>(?:\bon\s+)?(?:\b{_WD},?\s+)?\b(?P<day2>\d{{1,2}})\s+(?P<month2>{_MON})(?:\s+(?P<year2>\d{{4}})\b)?)
  | (?P<monthonly>\bin\s+(?P<month3>{_MON})(?:\s+(?P<year3>\d{{4}}))?\b)
  | (?P<yearonly>\bin\s+(?P<year4>(?:19|20)\d\d)\b)
  | (?P<weekday>(?:\b(?:on|last)\s+)?\b(?P<wd>{_WD})(?:[’']s)?(?:\s+(?:morning|afternoon|evening|night))?\b)
  | (?P<yesterday>\byesterday\b|\blast\s+night\b)
  | (?P<today>\b(?:earlier\s+)?today\b|\bthis\s+(?:morning|afternoon|evening)\b|\btonight\b)
  | (?P<lastweek>\blast\s+week\b)
  | (?P<ago>\b(?P<n>\d{{1,2}}|one|two|three|four|five|six|seven|eight|nine|ten)\s+days\s+ago\b)
  | (?P<recently>\brecently\b)
  | (?P<then>\bat\s+the\s+time\b)
""", re.IGNORECASE | re.VERBOSE)
_NOT_PAST = frozenset({"next", "coming", "until", "by", "this", "till", "through"})


@dataclass(frozen=True)
class _When:
    """When a statement was made, and how that was decided."""

    day: date
    phrase: str | None
    rule: str
    from_published: bool = False


@dataclass(frozen=True)
class _TimeHit:
    start: int
    end: int
    phrase: str
    when: _When | None  # None for "at the time" (resolved against the previous event)


@dataclass
class _Event:
    """The last dated event in the article and who was mentioned with it."""

    when: _When
    speakers: set[str] = field(default_factory=set)



def _time_hits(masked: str, start: int, end: int, published: date) -> list[_TimeHit]:
    """Time phrases outside quotes in ``masked[start:end]``, each resolved (past dates only)."""
    hits = []
    for m in _TIME_RE.finditer(masked, start, end):
        before = masked[max(0, m.start() - 14):m.start()].lower().split()
        if before and before[-1] in _NOT_PAST:
            continue
        when = _resolve(m, published)
        if when is not None or m.group("then"):
            hits.append(_TimeHit(m.start(), m.end(), m.group().strip(), when))
    return hits


def _resolve(m: re.Match[str], pub: date) -> _When | None:
    """The date a time phrase names, or None (future, impossible, or "at the time")."""
    phrase = m.group().strip()
    if m.group("date") or m.group("date2"):
        month = MONTHS[(m.group("month") or m.group("month2")).lower().rstrip(".")]
        return _month_day(phrase, month, int(m.group("day") or m.group("day2")),
                          m.group("year") or m.group("year2"), pub)
    if m.group("monthonly"):
        month, year = MONTHS[m.group("month3").lower().rstrip(".")], m.group("year3")
        y = int(year) if year else (pub.year if month <= pub.month else pub.year - 1)
        return _When(date(y, month, 1), phrase, "month only: its first day (approximate)") \
            if date(y, month, 1) <= pub else None
    if m.group("yearonly"):
        y = int(m.group("year4"))
        return _When(date(y, 1, 1), phrase, "year only: its first day (approximate)") if y <= pub.year else None
    if m.group("weekday"):
        wd = WEEKDAYS.index(m.group("wd").lower())
        back = (pub.weekday() - wd) % 7 or 7
        return _When(pub - timedelta(days=back), phrase,
                     f"weekday: the most recent {m.group('wd').capitalize()} before publication")
    return _relative(m, phrase, pub)


def _relative(m: re.Match[str], phrase: str, pub: date) -> _When | None:
    if m.group("yesterday"):
        return _When(pub - timedelta(days=1), phrase, "the day before publication")
    if m.group("today"):
        return _When(pub, phrase, "the publication day")
    if m.group("lastweek"):
        return _When(pub - timedelta(days=7), phrase, "last week: seven days before publication (approximate)")
    if m.group("ago"):
        n = m.group("n").lower()
        days = int(n) if n.isdigit() else _NUMBERS[n]
        return _When(pub - timedelta(days=days), phrase, f"{days} days before publication")
    if m.group("recently"):
        return _When(pub, phrase, "recently: the publication date (approximate)")
    return None  # "at the time"


def _month_day(phrase: str, month: int, day: int, year: str | None, pub: date) -> _When | None:
    try:
        if year:
            return _When(date(int(year), month, day), phrase, "explicit date")
        guess = date(pub.year, month, day) if (month, day) <= (pub.month, pub.day) else date(pub.year - 1, month, day)
    except ValueError:
        return None
    return _When(guess, phrase, "month and day without a year: the most recent such day not after publication")


def time_phrase_end(masked: str, pos: int, end: int) -> int | None:
    """The end of a time phrase that starts at ``pos`` ("on Tuesday", "last week"), or None."""
    m = _TIME_RE.match(masked, pos, end)
    return m.end() if m else None


def starts_with_time(text: str) -> bool:
    """Whether ``text`` starts with a time phrase."""
    return bool(_TIME_RE.match(text))
