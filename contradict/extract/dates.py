"""When a statement was made: time phrases in its attribution, resolved to a day.

There is one date reader in the project, :func:`contradict.verdict.timeexpr.find_time_mentions`; this module
reads a stretch of an attribution with it (anchor: the publication date) and decides which of the windows
found say when a statement was made, and on which day. The rule:

* **The day is the first day of the date the phrase's words name** (``TimeMention.named``): "on Tuesday"
  is that Tuesday, "on April 4" that day, "in March" 1 March, "in 2023" 1 January 2023, "last week" the
  Monday of the previous calendar week, "three days ago" that day, "after Wednesday's vote" that Wednesday
  (the lead-in "after" does not move the day the words name). A multi-day window is approximate and its
  ``time_rule`` says so.
* **Past only**: a phrase after (or starting with) next, coming, this, until, by, till or through is not when
  it was said, nor is a window of kind "until" ("until Tuesday", "so far") or "now" ("currently"), nor a
  day after publication.
* A few phrases that only date the act of saying are read here, not in ``timeexpr`` ("last night",
  "earlier today", "this morning", "recently", "at the time"): there they would give statement *texts*
  an about-window ("recently directed", "at the time") and so change verdicts, and "at the time" names the
  previously mentioned event, which ``timeexpr`` cannot know.
* ``time_phrase`` is the date words with a leading "on" or "in" (other lead-ins are left out), and a
  weekday's "'s" or part of day ("Tuesday's", "Tuesday morning").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..text import WEEKDAYS
from ..verdict.timeexpr import TimeMention, find_time_mentions


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


# Phrases timeexpr does not read (see the module docs): group name -> (days before publication, rule).
_OWN_RE = re.compile(r"\b(?:(?P<night>last\s+night)|(?P<today>earlier\s+today|this\s+(?:morning|afternoon|evening))"
                     r"|(?P<recently>recently)|(?P<then>at\s+the\s+time))\b", re.IGNORECASE)
_OWN_RULES = {"night": (1, "the day before publication"), "today": (0, "the publication day"),
              "recently": (0, "recently: the publication date (approximate)")}
_NOT_PAST = frozenset({"next", "coming", "until", "by", "this", "till", "through"})
_NOT_WHEN_SAID = frozenset({"until", "now"})  # window kinds that never say when something was said
_KEPT_LEAD_INS = frozenset({"on", "in"})
_WEEKDAY_TAIL_RE = re.compile(r"(?:[’']s)?(?:\s+(?:morning|afternoon|evening|night))?\b", re.IGNORECASE)
_RULES = {
    "iso": "explicit date", "dmy": "explicit date", "mdy": "explicit date",
    "dm": "month and day without a year: the most recent such day not after publication",
    "md": "month and day without a year: the most recent such day not after publication",
    "my": "month only: its first day (approximate)", "month": "month only: its first day (approximate)",
    "year": "year only: its first day (approximate)",
}


def _time_hits(masked: str, start: int, end: int, published: date) -> list[_TimeHit]:
    """Time phrases outside quotes in ``masked[start:end]`` that say when something was said (past only)."""
    region = masked[start:end]
    hits: list[_TimeHit] = []
    for m in _OWN_RE.finditer(region):
        if _after_not_past(masked, start + m.start()):
            continue
        phrase = m.group()
        when = None
        if m.lastgroup != "then":
            back, rule = _OWN_RULES[m.lastgroup or ""]
            if published.toordinal() <= back:
                continue  # the day before 0001-01-01
            when = _When(published - timedelta(days=back), phrase, rule)
        hits.append(_TimeHit(start + m.start(), start + m.end(), phrase, when))
    own = [(h.start, h.end) for h in hits]
    for mention in find_time_mentions(region, published):
        a, b = start + mention.start, start + mention.end
        if any(a < y and x < b for x, y in own):
            continue  # "earlier today": read above
        hit = _hit(masked, start, mention, published)
        if hit is not None:
            hits.append(hit)
    return sorted(hits, key=lambda h: h.start)


def _hit(masked: str, offset: int, mention: TimeMention, published: date) -> _TimeHit | None:
    """The hit of one timeexpr mention (offsets relative to ``offset``), or None when it is not a past day."""
    window, day = mention.window, mention.named[0]
    first_word = (window.phrase or "").split()[0].lower()
    if (window.kind in _NOT_WHEN_SAID or day is None or day > published or first_word in _NOT_PAST
            or _after_not_past(masked, offset + mention.start)):
        return None
    lead = masked[offset + mention.start:offset + mention.atom_start].split()
    a = offset + (mention.start if lead and lead[0].lower() in _KEPT_LEAD_INS else mention.atom_start)
    b = offset + mention.end
    if mention.atom == "weekday":
        tail = _WEEKDAY_TAIL_RE.match(masked, b)
        b = tail.end() if tail else b
    phrase = masked[a:b]
    return _TimeHit(a, b, phrase, _When(day, phrase, _rule(mention, day, published)))


def _after_not_past(masked: str, pos: int) -> bool:
    before = masked[max(0, pos - 14):pos].lower().split()
    return bool(before) and before[-1] in _NOT_PAST


def _rule(mention: TimeMention, day: date, published: date) -> str:
    """How the day was read, for ``meta["time_rule"]``."""
    if mention.atom in _RULES:
        return _RULES[mention.atom]
    if mention.atom == "weekday":
        return f"weekday: the most recent {WEEKDAYS[day.weekday()].capitalize()} before publication"
    back = (published - day).days
    if mention.named[0] == mention.named[1]:
        return {0: "the publication day", 1: "the day before publication"}.get(back, f"{back} days before publication")
    words = " ".join((mention.window.phrase or "").lower().split())
    if words.endswith(("last week", "previous week")):
        return "last week: the Monday of the previous calendar week (approximate)"
    return "a period before publication: its first day (approximate)"


def time_phrase_end(masked: str, pos: int, end: int, published: date) -> int | None:
    """The end of a phrase saying when something was said that starts at ``pos`` ("on Tuesday"), or None."""
    hits = _time_hits(masked, pos, end, published)
    return hits[0].end if hits and hits[0].start == pos else None


def starts_with_time(text: str) -> bool:
    """Whether ``text`` starts with a time phrase (read by timeexpr, or one of the phrases above)."""
    if _OWN_RE.match(text):
        return True
    mentions = find_time_mentions(text)
    return bool(mentions) and mentions[0].start == 0
