"""Limits: a line drawn on a quantity (an age, an amount, a count, a share) and which side of it a text allows.

"Applicants must be at least 17" allows 17 and above; "No one under 17 may apply" excludes the values below 17,
which leaves the same side allowed: the two texts draw one line and say the same thing, although one is worded
positively and the other negatively (the wording an NLI model most often reads as a conflict). Likewise "Groups
are capped at 15" and "We never take more than fifteen people". Only this case is read here: a line on each side
of the same value, one text allowing and the other excluding. Texts with more than one limit, another figure
that differs, or units that differ are not compared.

Example:
    >>> limit("Drivers must be at least 17.")
    Limit(value='17', side='ge', unit='', excludes=False)
    >>> same_limit_restated("Drivers must be at least 17.", "No one under 17 may drive.")
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .tokens import _NUMBER_WORDS, _content, crude_stem, is_function_word

_NUMBER = (r"(?P<n>(?:\d[\d,]*(?:\.\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
           + r")(?![\d.,]\d)(?:\s+(?:hundred|thousand|million|billion)(?![\w-]))?)")
_UNIT = (r"(?:\s*(?P<unit>years?|months?|weeks?|days?|nights?|hours?|minutes?|seconds?|kg|kilos?|kilograms?|grams?|g|"
         r"tonnes?|tons?|lbs?|pounds?|ounces?|oz|km|kilometres?|kilometers?|miles?|mph|metres?|meters?|m|cm|mm|feet|"
         r"foot|ft|inch(?:es)?|litres?|liters?|ml|per\s*cent|percent|%|people|persons?|pm|am|p\.m\.|a\.m\.|"
         r"o['\u2019]clock)(?![\w-]))?")
# The phrases that draw a line and say which side of it they name, longest readings first: "no more than 15" is an
# upper limit, not "more than 15"; "18 or over" a lower one, not "over".
_SIDES: tuple[tuple[str, str], ...] = (
    ("ge", (rf"(?:at\s+least|(?:no|not)\s+(?:sooner|earlier|less|fewer|younger|lower|shorter)\s+than|"
            rf"(?:a|the)\s+minimum\s+(?:age\s+)?(?:of\s+|is\s+)?|minimum\s+(?:age\s+)?(?:of\s+)?)\s*{_NUMBER}{_UNIT}")),
    ("le", (rf"(?:at\s+most|(?:no|not)\s+(?:more|later|longer|older|higher|greater)\s+than|up\s+to|capped\s+at|"
            rf"(?:a|the)\s+maximum\s+(?:of\s+|is\s+)?|maximum\s+(?:of\s+)?)\s*{_NUMBER}{_UNIT}")),
    # "The earliest age at which a pension can be drawn is 57", "the maximum depth for a student is 18 m"
    ("ge", rf"(?:minimum|earliest|lowest|youngest)\s+(?:[\w'\u2019-]+\s+){{0,10}}?(?:is|are|of|at)\s+{_NUMBER}{_UNIT}"),
    ("le", rf"(?:maximum|latest|highest|oldest)\s+(?:[\w'\u2019-]+\s+){{0,10}}?(?:is|are|of|at)\s+{_NUMBER}{_UNIT}"),
    ("ge", rf"{_NUMBER}{_UNIT}\s+(?:or|and)\s+(?:over|older|more|above|up|upwards|higher)(?![\w-])"),
    ("le", rf"{_NUMBER}{_UNIT}\s+(?:or|and)\s+(?:less|fewer|under|younger|below|lower)(?![\w-])"),
    ("lt", rf"(?:under|below|beneath)(?:-|\s+)(?:the\s+age\s+of\s+)?{_NUMBER}{_UNIT}"),
    ("lt", rf"(?:younger|less|fewer|lower|shorter|lighter|smaller)\s+than\s+{_NUMBER}{_UNIT}"),
    ("lt", rf"short\s+of\s+{_NUMBER}{_UNIT}"),  # "a jack that stops short of 23 metres"
    ("lt", rf"before\s+(?:(?:attaining|reaching|turning)\s+)?(?:the\s+age\s+of|turning|age)\s+{_NUMBER}{_UNIT}"),
    ("gt", rf"(?:over|above|exceeding|beyond)(?:-|\s+)(?:the\s+age\s+of\s+)?{_NUMBER}{_UNIT}"),
    ("gt", rf"(?:more|older|greater|higher|longer|heavier|larger)\s+than\s+{_NUMBER}{_UNIT}"),
)
_SIDE_RE = re.compile("|".join(
    f"(?P<s{i}>(?<![\\w-]){pattern.replace('(?P<n>', f'(?P<n{i}>').replace('(?P<unit>', f'(?P<unit{i}>')})"
    for i, (_, pattern) in enumerate(_SIDES)), re.IGNORECASE)
_SIDE_NAMES = tuple(side for side, _ in _SIDES)
_OTHER_SIDE = {"ge": "lt", "lt": "ge", "le": "gt", "gt": "le"}
# Words that exclude what the text names (outside the limit's own words): "No one under 17 may apply", "are not
# admitted", "cannot", "is forbidden".
_EXCLUDES_RE = re.compile(
    r"(?i)(?<![\w-])(?:not|no|never|none|nobody|cannot|neither|nor|forbidden|prohibited|banned|barred|ineligible|"
    r"excluded|refused|disallowed)(?![\w-])|n['\u2019]t(?![\w-])")
_UNIT_FORMS = {"lbs": "lb", "pound": "lb", "pounds": "lb", "p.m.": "pm", "a.m.": "am", "%": "percent", "per cent": "percent", "percent": "percent", "kilo": "kg", "kilos": "kg",
               "kilogram": "kg", "kilograms": "kg", "kilometre": "km", "kilometres": "km", "kilometer": "km",
               "kilometers": "km", "meter": "metre", "meters": "metre", "metres": "metre", "m": "metre",
               "liter": "litre", "liters": "litre", "litres": "litre", "person": "people", "persons": "people"}


@dataclass(frozen=True)
class Limit:
    """One line drawn on a quantity.

    Attributes:
        value: the number, normalised ("fifteen" and "15" are "15"; "1,000" is "1000").
        side: the values the text names: "ge" (the value and above), "gt" (above it), "le" (the value and below)
            or "lt" (below it).
        unit: the unit written after the number, normalised ("" when none).
        excludes: whether the text excludes the values it names ("No one under 17 ...") rather than allowing or
            requiring them ("must be at least 17").
    """

    value: str
    side: str
    unit: str
    excludes: bool


def _value(word: str) -> str:
    """A number as written, normalised: "fifteen" -> "15", "1,000" -> "1000", "2.50" -> "2.5", "one million" ->
    "1 million"."""
    number, *scale = word.lower().split()
    number = str(_NUMBER_WORDS[number]) if number in _NUMBER_WORDS else number.replace(",", "")
    if "." in number:
        number = number.rstrip("0").rstrip(".")
    return " ".join([number, *scale])


def _unit(word: str | None) -> str:
    if not word:
        return ""
    low = re.sub(r"\s+", " ", word.lower())
    low = _UNIT_FORMS.get(low, low)
    return low[:-1] if low.endswith("s") and low not in ("people",) else low


@lru_cache(maxsize=8192)
def limit(text: str) -> Limit | None:
    """The one limit a text draws, or None when it draws none or more than one (on different values).

    Example:
        >>> limit("Children under five are not admitted.")
        Limit(value='5', side='lt', unit='', excludes=True)
        >>> limit("Tours take no more than fifteen people.")
        Limit(value='15', side='le', unit='people', excludes=False)
        >>> limit("Over-70s and under-12s travel free.") is None
        True
    """
    found = list(_SIDE_RE.finditer(text))
    if not found:
        return None
    limits = set()
    for m in found:
        index = next(int(k[1:]) for k, v in m.groupdict().items() if v is not None and k[0] == "s")
        limits.add((_value(m[f"n{index}"]), _SIDE_NAMES[index], _unit(m[f"unit{index}"])))
    if len(limits) != 1:
        return None
    value, side, unit = limits.pop()
    rest = _SIDE_RE.sub(" ", text)
    return Limit(value, side, unit, _EXCLUDES_RE.search(rest) is not None)


def limit_start(text: str) -> int | None:
    """Where the first limit phrase of a text begins ("at least 18" in "Applicants must be at least 18"), or None.

    Example:
        >>> limit_start("Applicants must be at least 18."), limit_start("Applicants must apply.")
        (19, None)
    """
    m = _SIDE_RE.search(text)
    return m.start() if m else None


def same_limit_restated(a: str, b: str) -> bool:
    """Whether two texts draw the same line, each naming the other side of it, one allowing and the other
    excluding what it names: "must be at least 17" / "No one under 17 may ..."; "capped at 15" / "never more than
    fifteen". The same value and unit (where both write one) on both sides, and no other figure that differs.

    Example:
        >>> same_limit_restated("Dogs must be at least six months old.", "Puppies younger than six months cannot enter.")
        True
        >>> same_limit_restated("Dogs must be at least six months old.", "Puppies younger than six months can enter.")
        False
        >>> same_limit_restated("Riders must be at least 16.", "No one under 18 may ride.")
        False
    """
    la, lb = limit(a), limit(b)
    if la is None or lb is None or la.value != lb.value or la.excludes == lb.excludes:
        return False
    if la.unit and lb.unit and la.unit != lb.unit:
        return False
    if _OTHER_SIDE[la.side] != lb.side:
        return False
    return _other_figures(a, la.value) == _other_figures(b, lb.value)


def inside_excluded_side(rule: str, other: str) -> bool:
    """Whether ``other`` names one value, with no limit phrase of its own, that falls on the side of the line that
    ``rule`` excludes ("No member shall receive benefits before the age of 60" / "Members can draw their pension at
    55"): a permission of what the rule rules out, not an exception inside it.

    Example:
        >>> inside_excluded_side("No one under 18 may enter.", "Children of 12 may enter with a parent.")
        True
        >>> inside_excluded_side("No one under 18 may enter.", "Adults of 21 may enter.")
        False
    """
    line = limit(rule)
    if line is None or not line.excludes or limit_start(other) is not None:
        return False
    values = [_value(n) for n in re.findall(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?![\w.,]*\d)", other)]
    values = [v for v in values if not (len(v) == 4 and v.isdigit() and 1900 <= int(v) <= 2100)]  # not a year
    if len(values) != 1:
        return False
    try:
        value, bound = float(values[0]), float(line.value)
    except ValueError:
        return False
    return {"lt": value < bound, "le": value <= bound, "gt": value > bound, "ge": value >= bound}[line.side]


def limits_complement(a: str, b: str) -> bool:
    """Whether two texts name the two sides of one line, neither excluding its side: "Applicants must be at least 18"
    / "Applicants under 18 are welcome". Said of one rule and a permission, the permission covers exactly what the
    rule leaves out.

    Example:
        >>> limits_complement("Applicants must be at least 18.", "Applicants under 18 may apply.")
        True
        >>> limits_complement("Applicants must be at least 18.", "No one under 18 may apply.")
        False
    """
    la, lb = limit(a), limit(b)
    return la is not None and lb is not None and la.value == lb.value and not la.excludes and not lb.excludes and \
        _OTHER_SIDE[la.side] == lb.side and not (la.unit and lb.unit and la.unit != lb.unit)


def _other_figures(text: str, value: str) -> frozenset[str]:
    """The numbers a text writes besides the limit's (digits only: "two" in "between two donations" is a count of
    the thing, not a figure of the rule)."""
    return frozenset(_value(n) for n in re.findall(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?", text)) - {value}


# Phrases that make a figure a bound, with or without a number after them ("at least 17", "no more than a quarter").
_BOUND_PHRASES = (r"at\s+least|at\s+most|up\s+to|no\s+more\s+than|no\s+fewer\s+than|no\s+less\s+than|more\s+than"
                  r"|less\s+than|fewer\s+than|a\s+maximum")
_BOUND_RE = re.compile(rf"(?i)(?<![\w-])(?:{_BOUND_PHRASES})(?![\w-])")
# ... and the words just before a figure that make it a bound or a change, not the value itself ("rose by 20").
_NOT_A_VALUE_RE = re.compile(
    rf"(?i)(?<![\w-])(?:{_BOUND_PHRASES}|no\s+more|no\s+fewer|no\s+less|over|under|above|below|minimum|maximum|by|from|to"
    r"|between|and|or|per|each|every|only|first|second|third)(?![\w-])")
# A measure word after a unit: "25 metres long" and "2 metres deep" measure different things.
_MEASURE_RE = re.compile(r"(?i)\s+(long|deep|high|tall|wide|old|away|thick|across|apart|later|earlier|ahead|behind)\b")


def names_a_bound(text: str) -> bool:
    """Whether a text draws a line on a quantity anywhere: a limit phrase (:func:`limit_start`) or a bound without a
    number ("No more than a quarter of any plot").

    Example:
        >>> names_a_bound("No more than a quarter of any plot may be lawn."), names_a_bound("Any plot may be lawn.")
        (True, False)
    """
    return limit_start(text) is not None or _BOUND_RE.search(text) is not None


@lru_cache(maxsize=8192)
def single_figure(text: str) -> tuple[str, str, str, str] | None:
    """The one figure a text states as a value, as (number key, unit word, measure word, the figure as written), or
    None when it states none, several, a year or date, or a bound ("at least 5", "up to 60"). The unit is the word
    after the number, stemmed ("1,200 people" -> "peop", "85 crowns" -> "crow").

    Example:
        >>> single_figure("The project employs 1,200 people.")
        ('#1200', 'peop', '', '1,200 people')
        >>> single_figure("Applicants must be at least 18.") is None
        True
    """
    tokens = _content(text)
    times = _time_spans(text)  # "from 1 June 2027": the day's number is a date, not a figure
    found = [(i, t) for i, t in enumerate(tokens) if t.number and not t.date
             and not any(start <= t.start < end for start, end in times)]
    if len(found) != 1:
        return None
    i, t = found[0]
    before = " ".join(re.findall(r"[A-Za-z]+", text[max(0, t.start - 20):t.start].split(",")[-1])[-2:])
    if _NOT_A_VALUE_RE.search(before):
        return None  # "at least 5", "rose by 20", "between 3 and 5"
    percent = _PERCENT_RE.match(text, t.end)
    if percent:  # "20%", "22 per cent": one unit however written
        return t.key, "percent", "", text[t.start:percent.end()]
    if i + 1 >= len(tokens) or tokens[i + 1].kind != "word" or is_function_word(tokens[i + 1].key):
        return None  # no unit ("the 13th of May", a bare count): read elsewhere
    unit = tokens[i + 1]
    measure = _MEASURE_RE.match(text, unit.end)
    return (t.key, _UNIT_FORMS.get(unit.key) or crude_stem(unit.key), measure.group(1).lower() if measure else "",
            text[t.start:unit.end])


def _time_spans(text: str) -> list[tuple[int, int]]:
    """Where a text names days, months or years."""
    from ..timeexpr import ANY_DAY, find_time_mentions

    return [(m.start, m.end) for m in find_time_mentions(text, ANY_DAY)]


_PERCENT_RE = re.compile(r"(?i)\s*(?:%|per\s*cent(?![\w-])|percent(?![\w-]))")


def figure_nouns(text: str) -> frozenset[str]:
    """The stems of the words that say what the one figure of a text counts: the unit and the word after it ("4,200
    active customers" -> {"acti", "cust"}), so that "4,200 active customers" and "2,700 customers" count one thing;
    empty when the text has no single figure (:func:`single_figure`).

    Example:
        >>> sorted(figure_nouns("The API has 4,200 active customers.")), sorted(figure_nouns("Turnout was 61%."))
        (['acti', 'cust'], ['percent'])
    """
    figure = single_figure(text)
    if figure is None:
        return frozenset()
    if figure[1] == "percent":
        return frozenset(["percent"])
    tokens = _content(text[text.find(figure[3]):])
    words = [tok for tok in tokens[1:3] if tok.kind == "word" and not is_function_word(tok.key)]
    return frozenset(_UNIT_FORMS.get(w.key) or crude_stem(w.key) for w in words)
