"""Tokens and word classes the cue readers share.

Tokens are compared after normalisation, so pure case, punctuation and tokenisation differences do not
count: "U.S ." == "U.S.", "do n't" == "don't" == "do not", "-LRB-" and quote marks are ignored,
"4,200" == "4200" == "4200.0", "five" == "5", "mid-1970s" == "mid 1970s".

Example:
    >>> [t.key for t in _content("We don't ban it.")]
    ['we', 'do', 'not', 'ban', 'it']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ...text import MONTHS, WEEKDAYS

_MONTHS = frozenset(MONTHS)
_WEEKDAYS = frozenset(WEEKDAYS)

_TOKEN_RE = re.compile(
    r"(?P<ptb>-[LR][RSC]B-)"  # Penn Treebank brackets: punctuation
    r"|(?P<pre_nt>[^\W\d_]+(?=[nN]['\u2019][tT](?![^\W\d_])))"  # "do" of "don't"
    r"|(?P<nt>[nN]['\u2019][tT](?![^\W\d_]))"  # "n't"
    r"|(?P<clitic>['\u2019](?:s|re|ve|ll|d|m|S|RE|VE|LL|D|M)(?![^\W\d_]))"
    r"|(?P<abbr>(?<![^\W\d_])(?:[A-Za-z]\.)+[A-Za-z](?:\.|(?![^\W\d_])))"  # U.S. / U.S / D.C.
    r"|(?P<decade>\d{3}0['\u2019]?s(?![^\W\d_]))"
    r"|(?P<ordinal>\d+(?:st|nd|rd|th)(?![^\W\d_]))"
    r"|(?P<num>\d+(?:[.,]\d+)*)"
    # a number written as tens and a unit joined by a hyphen: "twenty-three"
    r"|(?P<numword>(?i:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?i:one|two|three|four|five|six|seven"
    r"|eight|nine)(?![^\W\d_]))"
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
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
# ... and the tens with a unit joined by a hyphen: "twenty-three", "forty-eight"
_NUMBER_WORDS |= {f"{tens}-{unit}": _NUMBER_WORDS[tens] + _NUMBER_WORDS[unit]
                  for tens in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
                  for unit in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")}


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
        elif group == "numword":
            out.append(_Token(raw, f"#{_NUMBER_WORDS[raw.casefold()]}", start, end, "word", number=True))
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


#: Simple-past forms that do not end in "-ed", as a regular-expression alternation (lower case).
IRREGULAR_PAST = (
    "was|were|did|didn't|wasn't|weren't|had|hadn't|cut|set|put|said|made|took|gave|kept|left|held|met|won|lost|ran"
    "|paid|sold|told|began|rose|fell|grew|chose|spent|sent|built|bought|brought|found|led|let|hit|shut|struck|became"
    "|came|went|saw|wrote|drove|stood|knew|thought|fled|flew|broke|spoke|got|gave|bore|drew|froze|hid|lay|shook"
    "|slept|sought|swore|taught|threw|understood|woke|wore"
)


_SUFFIX_RE = re.compile(r"(?:ations?|ions?|ments?|ings?|ists?|ers?|ed|es|s|e)$")


def crude_stem(word: str) -> str:
    """A crude stem of a lower-case word: the first four letters after a common suffix is dropped ("smoking" /
    "smoke", "cyclists" / "cycling", "bikes" / "bikers", "alterations" / "alter").

    Example:
        >>> crude_stem("bikers") == crude_stem("bikes"), crude_stem("tax")
        (True, 'tax')
    """
    return _SUFFIX_RE.sub("", word)[:4] if len(word) > 4 else word


def is_function_word(word: str) -> bool:
    """Whether a (lower-case) word is a function word (article, pronoun, auxiliary, preposition, ...).

    Example:
        >>> is_function_word("the"), is_function_word("tax")
        (True, False)
    """
    return word.lower() in _STOPWORDS
