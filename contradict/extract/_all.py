"""Statements from news articles: direct quotes, reported speech and the outlet's own claims.

Rules only (regular expressions and small tables) and the standard library: no model, no network.
:func:`statements_from_article` reads an article's text and returns :class:`~contradict.records.Statement`
records with the speaker, the date each statement was made (resolved against the publication date) and,
in ``Statement.meta``, where it came from:

=======================  ==================================================================================
``span``                 ``[start, end]``: ``text[start:end]`` contains the statement text
``parts``                only for a quote split by its attribution (“A,” he said, “B.”): each part's span
``kind``                 ``"quote"`` (direct quote, transcript turn), ``"reported"`` or ``"outlet"``
``organisation``         the organisation behind the speaker ("National Security Council"), or None
``speaker_phrase``       the attribution words as written ("one U.S. official said in a written statement")
``attribution``          how the speaker was found: explicit | pronoun | role | continued | label | outlet
``time_phrase``          the words the date was read from ("on Tuesday"), or None
``time_rule``            how the date was resolved ("weekday: the most recent Tuesday before publication")
``time_from_published``  True when nothing could be resolved and the publication date was used
=======================  ==================================================================================

The time of a statement is the time of the event it was said at: a phrase in its attribution ("said on
Tuesday"), else the last dated event of the same speaker ("At a briefing on Tuesday, Kirby ... said ...";
later quotes of Kirby inherit Tuesday), else the publication date (flagged). "At the time" means the date
of the previously mentioned event. Time phrases inside a quote or a reported clause are about its content,
not about when it was said, and are ignored here.

Limits: English only; a speaker must be named, titled ("the Kremlin", "one U.S. official") or referred to
by "he/she/they" or a role ("the spokesperson") after being named; groups ("a number of European leaders")
and unnamed sources ("an official") are not speakers; pronouns ignore gender (the last named speaker);
"recently", "last week" and month-only dates are approximate (``time_rule`` says so).

Example:
    >>> text = '“We will not change course,” Finance Minister Maria Lindqvist said on Tuesday.'
    >>> [s] = statements_from_article(text, published="2025-03-14")
    >>> s.speaker, s.time.isoformat(), s.meta["kind"], s.meta["time_phrase"]
    ('Maria Lindqvist', '2025-03-11', 'quote', 'on Tuesday')
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from ..errors import InputError, InputTypeError
from ..records import Statement, stable_id

logger = logging.getLogger(__name__)

__all__ = ["NATIONS", "OUTLET", "ROLES", "statements_from_article"]

OUTLET = "the outlet"
"""Speaker of the outlet's own claims when no ``source`` is given."""

# --------------------------------------------------------------------------------------------- tables

ROLES: dict[str, str] = {
    # role words as written (lower case) -> canonical role; two-word roles are matched before one-word ones
    "president": "president", "vice president": "vice president", "prime minister": "prime minister",
    "chancellor": "chancellor", "minister": "minister", "ministers": "minister",
    "secretary": "secretary", "secretaries": "secretary", "press secretary": "press secretary",
    "secretary-general": "secretary-general", "secretary general": "secretary-general",
    "spokesperson": "spokesperson", "spokesman": "spokesperson", "spokeswoman": "spokesperson",
    "spokespeople": "spokesperson", "spokespersons": "spokesperson",
    "official": "official", "officials": "official", "officer": "officer", "officers": "officer",
    "ambassador": "ambassador", "envoy": "envoy", "adviser": "adviser", "advisor": "adviser",
    "advisers": "adviser", "advisors": "adviser", "commissioner": "commissioner", "director": "director",
    "director general": "director general", "director-general": "director general",
    "chief executive": "chief executive", "ceo": "chief executive", "commander": "commander",
    "general": "general", "gen.": "general", "admiral": "admiral", "adm.": "admiral",
    "attorney general": "attorney general", "senator": "senator", "sen.": "senator",
    "representative": "representative", "rep.": "representative", "governor": "governor", "gov.": "governor",
    "mayor": "mayor", "councillor": "councillor", "councilor": "councillor", "chair": "chair",
    "chairman": "chair", "chairwoman": "chair", "leader": "leader", "leaders": "leader",
    "diplomat": "diplomat", "diplomats": "diplomat", "lawmaker": "lawmaker", "lawmakers": "lawmaker",
    "aide": "aide", "aides": "aide", "coordinator": "coordinator", "king": "king", "queen": "queen",
}

NATIONS: dict[str, str] = {
    # nationality or country as written (lower case, no possessive) -> the government behind its officials
    "u.s.": "U.S. administration", "us": "U.S. administration", "american": "U.S. administration",
    "united states": "U.S. administration", "ukrainian": "Ukrainian government", "ukraine": "Ukrainian government",
    "russian": "Russian government", "russia": "Russian government", "french": "French government",
    "france": "French government", "german": "German government", "germany": "German government",
    "british": "British government", "u.k.": "British government", "britain": "British government",
    "polish": "Polish government", "poland": "Polish government", "italian": "Italian government",
    "italy": "Italian government", "chinese": "Chinese government", "china": "Chinese government",
    "canadian": "Canadian government", "canada": "Canadian government", "israeli": "Israeli government",
    "israel": "Israeli government", "eu": "European Union", "european union": "European Union",
}

_MODIFIERS = frozenset({
    # words around a role that name neither the person nor the organisation
    "senior", "top", "former", "acting", "deputy", "chief", "press", "foreign", "defense", "defence", "finance",
    "interior", "health", "justice", "energy", "economy", "economic", "trade", "education", "transport",
    "agriculture", "prime", "vice", "interim", "junior", "the", "a", "an",
})
_DESCRIPTORS = frozenset({
    # lower-case words that may qualify an unnamed speaker ("administration official")
    "administration", "government", "military", "intelligence", "security", "police", "department", "ministry",
    "party", "opposition", "council", "city", "state", "federal", "regional", "local", "campaign", "white",
    "house", "defense", "defence", "health", "transport", "european", "western", "senior", "top",
})
_ORG_WORDS = frozenset({
    "House", "Ministry", "Department", "Council", "Office", "Commission", "Agency", "Kremlin", "Pentagon",
    "Parliament", "Government", "Embassy", "Army", "Forces", "Command", "Bank", "Union", "Committee", "Court",
    "Service", "Administration", "Cabinet", "Party", "Senate", "Congress", "Board", "Authority", "Institute",
    "Organization", "Organisation", "Alliance", "Navy", "Police", "Association", "Federation", "Assembly",
})
_QUANTIFIERS = frozenset({"the", "a", "an", "one", "two", "three", "four", "five", "several", "some", "multiple",
                          "other", "another", "both", "many"})
_CONNECTORS = frozenset({"of", "for", "and", "on", "&"})
_STOP_NAMES = frozenset({
    "The", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I", "But", "And", "At", "On", "In",
    "For", "Of", "As", "If", "When", "While", "After", "Before", "Its", "His", "Her", "Their", "Our", "Asked",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December", "Mr.", "Ms.",
    "Mrs.", "Dr.",
})
_SUBORDINATORS = frozenset({"as", "because", "since", "although", "though", "while", "if", "when", "after",
                            "before", "even", "that", "which", "who", "whom", "where", "unless", "until", "whether"})
_INTRO_WORDS = frozenset({
    # first words of an introductory phrase before a subject ("At a briefing on Tuesday, X said ...")
    "at", "on", "in", "during", "speaking", "earlier", "later", "last", "yesterday", "today", "separately",
    "meanwhile", "however", "asked", "then", "still", "also", "now", "after", "before", "following", "with",
    "from", "by", "as", "when", "while", "since", "addressing", "writing", "responding", "for", "but",
    "and", "this", "that",
})
_TRAILER_WORDS = frozenset({
    # first words of what may follow an attribution verb ("said in a statement", "said on Tuesday")
    "in", "at", "on", "to", "during", "after", "before", "from", "via", "while", "when", "last", "yesterday",
    "today", "earlier", "later", "late", "early", "this", "adding", "speaking", "reporters", "journalists",
    "again", "also", "then", "recently", "referring", "according",
})
_TOLD_OBJECTS = r"(?:reporters|journalists|lawmakers|senators|legislators|parliament|the\s+press|them|him|her|us|" \
                r"delegates|the\s+(?:committee|senate|council|assembly|audience|crowd)|(?:[A-Z][\w.’'&-]*\s?)+)"

_SAY_VERBS = ("said", "says", "say", "added", "adds", "told", "tells", "stated", "states", "wrote", "writes",
              "noted", "notes", "explained", "explains", "insisted", "insists", "argued", "argues", "warned",
              "warns", "continued", "replied", "responded", "answered", "remarked", "declared", "announced",
              "announces", "acknowledged", "admitted", "conceded", "confirmed", "confirms", "maintained",
              "maintains", "emphasized", "emphasised", "stressed", "posted", "tweeted", "cautioned", "predicted",
              "recalled", "observed", "asserted", "countered", "concluded", "claimed", "claims", "reiterated",
              "repeated")
_CALL_VERBS = ("calling for", "called for", "calls for", "urged", "urges", "urging", "demanded", "demands",
               "pushed for", "pressed for", "appealed for", "denied", "denies", "rejected", "rejects", "dismissed",
               "dismisses", "vowed", "vows", "pledged", "pledges", "promised", "promises", "threatened",
               "threatens", "proposed", "proposes")
_QUESTION_VERBS = ("asked", "asks", "wondered")
_AUX_WORDS = ("has", "have", "had", "also", "later", "again", "then", "previously", "repeatedly", "publicly",
              "recently", "earlier", "once", "would", "been", "and", "long", "already", "first", "separately",
              "privately", "openly", "flatly", "simply")

_CALL_ALT = "|".join(v.replace(" ", r"\s+") for v in _CALL_VERBS)
_VERB_RE = re.compile(
    rf"\b(?P<aux>(?:(?:{'|'.join(_AUX_WORDS)})\s+)*)(?P<verb>{_CALL_ALT}|{'|'.join(_SAY_VERBS + _QUESTION_VERBS)})\b",
    re.IGNORECASE)
_ACCORDING_RE = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)
_SOURCE_NOUN_RE = re.compile(r"^(?:a|an|the)?\s*(?:written\s+)?(?:statement|figures|data|documents?|report|"
                             r"estimates?|filings?|records?)\s+(?:from|by|of|released\s+by)\s+", re.IGNORECASE)
_SUBJECT_LEAD_RE = re.compile(r"(?:(?:and|but)\s+)?(?:(?:in|at|during)\s+(?:a|an|the)\s+(?-i:[a-z]+\s+){0,3}"
                              r"(?=(?-i:[A-Z])|the\s))?", re.IGNORECASE)
_CLAUSE_BREAK_RE = re.compile(r"(?:[,;:—–]|\x00+)\s*(?:(?:and|but|so|while)\s+)?", re.IGNORECASE)
_TOKEN_RE = re.compile(r"[A-Za-z][\w.’'&-]*")
_NAME_TOKEN = r"(?:[A-Z]\.|[A-Z][a-z’'-]*(?:[A-Z][a-z’'-]+)*)"
_NAME_RE = re.compile(rf"{_NAME_TOKEN}")
_ROLE_ALT = "|".join(sorted((re.escape(r) for r in ROLES), key=len, reverse=True))
_TITLED_RE = re.compile(rf"\b(?:(?:[A-Z][\w.’'&-]*|of|for)\s+){{0,4}}(?i:{_ROLE_ALT})\s+{_NAME_TOKEN}"
                        rf"(?:\s+{_NAME_TOKEN}){{0,3}}")

# ---------------------------------------------------------------------------------------- page layout

_CREDIT_RE = re.compile(r"via Getty Images|Getty Images|\s/\s*(?:AP|AFP|Reuters|Getty|EPA|Bloomberg)\b|"
                        r"\bPhoto(?:graph)?\s*:|\bPhoto by\b|\bCredits?\s*:|^Credits?\b|\([A-Z]{2,} Photo\b|"
                        r"\bFile photo\b|\bImage\s*:")
_CAPTION_LABELS = frozenset({"caption", "photo caption", "image caption", "caption:"})
_PHOTO_VERB_RE = re.compile(r"\b(?:takes? part|stands?|walks?|speaks?|attends?|looks? on|is seen|are seen|poses?|"
                            r"arrives?|waves?|holds?|gestures?|sits?|listens?|shakes? hands|leaves?|queue|queues|"
                            r"gathers?|rides?|drives?|salutes?)\b")
_BYLINE_RE = re.compile(r"^By\s+[A-Z]")
_DATELINE_RE = re.compile(r"[A-Z][A-Z.’' -]*[A-Z.](?:,\s*[A-Z][\w.’' -]*?)?\s*(?:\([A-Za-z .]{1,20}\)\s*)?"
                          r"[—–-]{1,2}\s+")
_SENTENCE_END_RE = re.compile(r"[.!?:\"”’)\]]\s*$")
_LABEL_RE = re.compile(
    r"(?P<label>(?:MR|MS|MRS|DR)\.\s+[A-Z][A-Z’'-]+(?:\s+[A-Z][A-Z’'-]+)*"
    r"|(?:SECRETARY|AMBASSADOR|GENERAL|ADMIRAL|SENATOR|PRESIDENT|MINISTER|SPOKESPERSON|COMMISSIONER)"
    r"\s+[A-Z][A-Z’'-]+(?:\s+[A-Z][A-Z’'-]+)*"
    r"|THE\s+(?:VICE\s+)?PRESIDENT|QUESTION|MODERATOR|OPERATOR|Q)\s*:\s*"
    r"|(?P<q>Q)\s+(?=[A-Z])")
_NOT_SPEAKERS = frozenset({"Q", "QUESTION", "MODERATOR", "OPERATOR"})
_STAGE_RE = re.compile(r"\s*\((?:Laughter|Applause|Crosstalk|Inaudible|Cross-talk)[^)]*\)\s*$", re.IGNORECASE)
_ABBREVIATIONS = frozenset({"u.s", "u.k", "u.n", "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col",
                            "sgt", "st", "jr", "sr", "no", "vs", "e.g", "i.e", "a.m", "p.m", "jan", "feb", "aug",
                            "sept", "oct", "nov", "dec", "inc", "corp", "ltd", "co", "adm", "maj", "capt", "prof"})

# --------------------------------------------------------------------------------------------- dates

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
           "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
           "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12}
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
_LEAD_TRAILER_RE = re.compile(r"\s*,?\s*(?:in\s+a\s+(?:written\s+)?statement|in\s+an\s+interview)?\s*,?\s*", re.IGNORECASE)
_NOT_PAST = frozenset({"next", "coming", "until", "by", "this", "till", "through"})

# ------------------------------------------------------------------------------------ outlet's claims

_OUTLET_LEAD_RE = re.compile(
    r"^(?:This|That|It|Such\s+a\s+(?:move|step|shift)|The\s+(?:move|decision|change|shift|announcement|"
    r"statement|policy|reversal|step|claim|remarks?|comments?))\s+(?:is|was|marks|marked|represents|represented|"
    r"amounts\s+to|amounted\s+to|signals|signaled|signalled|constitutes|constituted|contradicts|contradicted|"
    r"reverses|reversed|undercuts|undercut|runs\s+counter)\b")
_OUTLET_WORDS_RE = re.compile(r"\b(?:change\s+in\s+policy|policy\s+change|policy\s+shift|shift\s+in\s+(?:policy|"
                              r"position)|reversal|U-turn|about-face|contradict\w*|inconsistent|at\s+odds\s+with|"
                              r"false|misleading|untrue|not\s+true|incorrect|hypocritical|incoherent|wrong)\b", re.IGNORECASE)
_COPULA_RE = re.compile(r"\b(?:is|are|was|were|has\s+been|have\s+been|remains?)\b")


# ------------------------------------------------------------------------------------ internal records

@dataclass
class _Speaker:
    """A person, an unnamed official ("U.S. official") or an organisation that speaks."""

    name: str
    organisation: str | None = None
    role: str | None = None
    named: bool = True  # a person's name; False for "U.S. official", "White House"


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


@dataclass(frozen=True)
class _Quote:
    start: int  # the opening mark
    end: int  # after the closing mark (the paragraph's end when unclosed)
    inner_start: int
    inner_end: int
    closed: bool


@dataclass(frozen=True)
class _Para:
    start: int
    end: int
    skip: str | None = None  # why the paragraph is not read, or None


@dataclass(frozen=True)
class _Attribution:
    speaker: _Speaker
    how: str  # explicit | pronoun | role
    phrase_start: int
    phrase_end: int
    verb: str
    post_start: int  # after the verb (and after the speaker when it follows the verb)


@dataclass
class _Found:
    start: int
    end: int
    text: str
    kind: str
    speaker: _Speaker | None  # None: the outlet
    phrase: str | None
    how: str
    when: _When
    parts: list[tuple[int, int]] | None = None


# ---------------------------------------------------------------------------------------- public API

def statements_from_article(text: str, *, published: date | str, source: str | None = None) -> list[Statement]:
    """Extract the statements in a news article: quotes, reported speech and the outlet's own claims.

    Args:
        text: the article as plain text (paragraphs separated by line breaks). Captions, photo credits,
            bylines and headlines are recognised and skipped; briefing transcripts with speaker labels
            ("MR. KIRBY:", "Q") are read turn by turn.
        published: the publication date (a :class:`datetime.date` or ``"YYYY-MM-DD"``); relative dates
            ("on Tuesday", "yesterday") are resolved against it.
        source: where the article was published (URL or outlet name); the ``source`` of every statement and
            the speaker of the outlet's own claims (``"the outlet"`` when None).

    Returns:
        The statements in the order they appear, with extraction details in ``meta`` (see the module docs).

    Raises:
        InputTypeError: ``text`` is not a string, ``source`` is not a string or ``published`` has a wrong type.
        InputError: ``published`` is not a valid ``YYYY-MM-DD`` date.

    Example:
        >>> art = ('At a briefing on Monday, spokesperson Ana Diaz was asked about the plan. '
        ...        '“Nothing has changed,” she said.')
        >>> [s] = statements_from_article(art, published="2024-05-30")
        >>> (s.speaker, s.text, s.time.isoformat(), s.meta["attribution"])
        ('Ana Diaz', 'Nothing has changed', '2024-05-27', 'pronoun')
    """
    if not isinstance(text, str):
        raise InputTypeError(f"expected the article's text as str, got {type(text).__name__}", field="text")
    if source is not None and not isinstance(source, str):
        raise InputTypeError(f"expected a URL or outlet name as str, got {type(source).__name__}", field="source")
    day = _published_day(published)
    source = source.strip() or None if source is not None else None
    found = _Extractor(text, day, source).run()
    return _to_statements(found, source)


# ------------------------------------------------------------------------------------ input & output

def _published_day(value: Any) -> date:
    """The publication date from a date, a datetime or ``YYYY-MM-DD``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise InputTypeError(f"expected a date or 'YYYY-MM-DD', got {type(value).__name__}", field="published")
    try:
        if len(value.strip()) != 10:
            raise ValueError
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"cannot parse {value!r} as a date (YYYY-MM-DD)", field="published") from None


def _to_statements(found: list[_Found], source: str | None) -> list[Statement]:
    out: list[Statement] = []
    seen: Counter[str] = Counter()
    for f in sorted(found, key=lambda f: f.start):
        speaker = f.speaker.name if f.speaker else (source or OUTLET)
        sid = stable_id(f.text, speaker, f.when.day, source)
        seen[sid] += 1
        if seen[sid] > 1:
            sid = f"{sid}-{seen[sid]}"
        meta: dict[str, Any] = {
            "span": [f.start, f.end], "kind": f.kind,
            "organisation": f.speaker.organisation if f.speaker else source,
            "speaker_phrase": _squash(f.phrase), "attribution": f.how, "time_phrase": _squash(f.when.phrase),
            "time_rule": f.when.rule, "time_from_published": f.when.from_published,
        }
        if f.parts:
            meta["parts"] = [list(p) for p in f.parts]
        out.append(Statement(id=sid, text=f.text, speaker=speaker, time=f.when.day, source=source, meta=meta))
    return out


def _squash(phrase: str | None) -> str | None:
    return " ".join(phrase.split()) if phrase is not None else None


# ---------------------------------------------------------------------------------------- page layout

def _layout(text: str) -> list[_Para]:
    """Paragraphs (one per line, hard-wrapped lines joined), each marked when it is not to be read."""
    blocks = _blocks(text)
    paras: list[_Para] = []
    for block in blocks:
        lines = _join_wrapped(text, block)
        after_caption = False
        for i, (s, e) in enumerate(lines):
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            reason = _skip_reason(text, s, e, nxt, after_caption)
            after_caption = after_caption or text[s:e].strip().lower() in _CAPTION_LABELS
            paras.append(_Para(s, e, reason))
    return [_after_dateline(text, p) for p in _photo_descriptions(text, paras)]


def _blocks(text: str) -> list[list[tuple[int, int]]]:
    """Runs of non-blank lines, each line as its stripped (start, end)."""
    blocks: list[list[tuple[int, int]]] = [[]]
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        lead = len(body) - len(body.lstrip())
        if body.strip():
            blocks[-1].append((pos + lead, pos + len(body.rstrip())))
        elif blocks[-1]:
            blocks.append([])
        pos += len(line)
    return [b for b in blocks if b]


def _join_wrapped(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The paragraphs of a block: its lines, or, when the block is hard-wrapped, its lines joined.

    A block is hard-wrapped when its lines are at most 100 characters and every line break is one a wrapper
    would make: the next line's first word would not have fitted on the line (the widest line is the width).
    A transcript label starts a new paragraph; caption and credit lines always stand alone.
    """
    width = max(e - s for s, e in lines)
    wrapped = len(lines) >= 2 and width <= 100 and all(
        (e - s) + 1 + len(text[ns:ne].split()[0]) > width for (s, e), (ns, ne) in zip(lines, lines[1:]))
    if not wrapped:
        return list(lines)
    out: list[tuple[int, int]] = []
    for i, (s, e) in enumerate(lines):
        line, prev = text[s:e], text[slice(*lines[i - 1])] if i else ""
        alone = _is_caption_or_credit(line) or _is_caption_or_credit(prev) or bool(_LABEL_RE.match(line))
        if out and not alone:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _skip_reason(text: str, s: int, e: int, nxt: tuple[int, int] | None, after_caption: bool) -> str | None:
    line = text[s:e]
    stripped = line.strip()
    if stripped.lower() in _CAPTION_LABELS:
        return "caption label"
    if _CREDIT_RE.search(stripped):
        return "photo credit"
    if after_caption:
        return "caption"
    if nxt is not None and _is_caption_or_credit(text[nxt[0]:nxt[1]]):
        return "photo description"
    if _LABEL_RE.match(stripped):
        return None
    if _BYLINE_RE.match(stripped) and len(stripped.split()) <= 12:
        return "byline"
    if len(stripped.split()) <= 3 and not re.search(r"[“”\"]", stripped):
        return "short line"
    if not _SENTENCE_END_RE.search(stripped):
        return "no sentence (headline or label)"
    return None


def _is_caption_or_credit(line: str) -> bool:
    line = line.strip()
    return line.lower() in _CAPTION_LABELS or bool(_CREDIT_RE.search(line))


def _photo_descriptions(text: str, paras: list[_Para]) -> list[_Para]:
    """Mark a present-tense photo description that a credit or caption line follows after a blank line."""
    out = list(paras)
    for i, p in enumerate(paras[:-1]):
        nxt = paras[i + 1]
        line = text[p.start:p.end]
        if (p.skip is None and nxt.skip in ("photo credit", "caption label") and _PHOTO_VERB_RE.search(line)
                and not re.search(r"[“”\"]", line)):
            out[i] = _Para(p.start, p.end, "photo description")
    return out


def _after_dateline(text: str, p: _Para) -> _Para:
    if p.skip:
        return p
    m = _DATELINE_RE.match(text, p.start, p.end)
    return _Para(m.end(), p.end) if m else p


def _is_transcript(text: str, paras: list[_Para]) -> bool:
    labels = [m.group("label") or "Q" for p in paras if not p.skip
              for m in [_LABEL_RE.match(text, p.start, p.end)] if m]
    return len(labels) >= 2 and any(label.split()[0] not in _NOT_SPEAKERS for label in labels)


# -------------------------------------------------------------------------------- quotes & sentences

def _quote_spans(text: str, start: int, end: int) -> list[_Quote]:
    """Quoted passages in one paragraph: curly “…” and straight "…" (an unclosed one runs to the end)."""
    quotes: list[_Quote] = []
    open_at: int | None = None
    for m in re.finditer(r"[“”\"]", text[start:end]):
        i, mark = start + m.start(), m.group()
        if open_at is None:
            if mark in "“\"":
                open_at = i
            continue
        if (mark == "”" and text[open_at] == "“") or (mark == "\"" and text[open_at] == "\""):
            quotes.append(_Quote(open_at, i + 1, open_at + 1, i, True))
            open_at = None
    if open_at is not None:
        quotes.append(_Quote(open_at, end, open_at + 1, end, False))
    return quotes


def _mask(text: str, quotes: list[_Quote]) -> str:
    """The text with every quoted passage (marks included) replaced by NULs of the same length."""
    chars = list(text)
    for q in quotes:
        chars[q.start:q.end] = "\x00" * (q.end - q.start)
    return "".join(chars)


def _sentences(text: str, masked: str, start: int, end: int, quotes: list[_Quote]) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph; a quoted passage is one token, whatever its own sentences."""
    cuts = [m.end() for m in re.finditer(r"[.!?]+[)’'\]]*(?=\s)", masked[start:end])
            if _ends_sentence(masked, start + m.start(), start + m.end())]
    cuts = [start + c for c in cuts]
    for q in quotes:
        inner = text[q.inner_start:q.inner_end].rstrip()
        if q.closed and inner[-1:] in (".", "!", "?") and _next_starts_sentence(masked, q.end):
            cuts.append(q.end)
    spans, prev = [], start
    for c in sorted(set(cuts)) + [end]:
        s, e = _strip(text, prev, c)
        if s < e:
            spans.append((s, e))
        prev = c
    return spans


def _ends_sentence(masked: str, dot: int, after: int) -> bool:
    word = re.search(r"([A-Za-z][A-Za-z.]*)$", masked[max(0, dot - 12):dot])
    if masked[dot] == "." and word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
        return False
    return _next_starts_sentence(masked, after)


_NEXT_CHAR_RE = re.compile(r"\s*(\S)")


def _next_starts_sentence(masked: str, pos: int) -> bool:
    m = _NEXT_CHAR_RE.match(masked, pos)
    return m is None or not (m.group(1).islower() or m.group(1) in ",;:")


def _strip(text: str, start: int, end: int, tail: str = "") -> tuple[int, int]:
    """Narrow (start, end) past surrounding white space, and trailing characters in ``tail``."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in tail):
        end -= 1
    return start, end


# ------------------------------------------------------------------------------------------- dates

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
        month = _MONTHS[(m.group("month") or m.group("month2")).lower().rstrip(".")]
        return _month_day(phrase, month, int(m.group("day") or m.group("day2")),
                          m.group("year") or m.group("year2"), pub)
    if m.group("monthonly"):
        month, year = _MONTHS[m.group("month3").lower().rstrip(".")], m.group("year3")
        y = int(year) if year else (pub.year if month <= pub.month else pub.year - 1)
        return _When(date(y, month, 1), phrase, "month only: its first day (approximate)") \
            if date(y, month, 1) <= pub else None
    if m.group("yearonly"):
        y = int(m.group("year4"))
        return _When(date(y, 1, 1), phrase, "year only: its first day (approximate)") if y <= pub.year else None
    if m.group("weekday"):
        wd = _WEEKDAYS.index(m.group("wd").lower())
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


# ---------------------------------------------------------------------------------------- speakers

class _SpeakerBook:
    """The speakers met so far, most recently mentioned last."""

    def __init__(self) -> None:
        self._order: list[_Speaker] = []
        self.last: _Speaker | None = None

    def find(self, name: str) -> _Speaker | None:
        """A known speaker by full name, or by surname ("Kirby" finds "John Kirby")."""
        key = name.lower().split()
        for sp in reversed(self._order):
            own = sp.name.lower().split()
            if own == key:
                return sp
            if sp.named and own[-1] == key[-1] and (len(key) == 1 or len(own) == 1 or own[0] == key[0]):
                return sp
        return None

    def add(self, new: _Speaker) -> _Speaker:
        """Register ``new`` or complete the known speaker it names."""
        old = self.find(new.name) if new.named else next(
            (sp for sp in self._order if sp.name.lower() == new.name.lower()), None)
        if old is None:
            self._order.append(new)
            return new
        if new.named and len(new.name.split()) > len(old.name.split()):
            old.name = new.name
        old.organisation = old.organisation or new.organisation
        old.role = old.role or new.role
        return old

    def with_role(self, role: str) -> _Speaker | None:
        return next((sp for sp in reversed(self._order) if sp.role == role), None)

    def with_org_word(self, word: str) -> _Speaker | None:
        return next((sp for sp in reversed(self._order)
                     if not sp.named and word.lower() in sp.name.lower().split()), None)

    def touch(self, sp: _Speaker) -> None:
        """Make ``sp`` the most recently mentioned speaker."""
        if sp in self._order:
            self._order.remove(sp)
        self._order.append(sp)
        self.last = sp

    def persons(self) -> list[_Speaker]:
        return [sp for sp in self._order if sp.named]


def _parse_speaker(phrase: str, book: _SpeakerBook, last: _Speaker | None) -> tuple[_Speaker, str] | None:
    """Who ``phrase`` names ("National Security Council spokesperson John Kirby", "he", "the official").

    Returns the speaker and how it was found ("explicit", "pronoun" or "role"), or None when the phrase
    does not name a speaker.
    """
    phrase = _SOURCE_NOUN_RE.sub("", " ".join(phrase.split()).strip(" ,;:—–-"))
    low = phrase.lower()
    if low in ("he", "she", "they"):
        ok = last is not None and (low != "they" or not last.named)
        return (last, "pronoun") if ok and last is not None else None
    if "," in phrase:
        return _parse_appositive(phrase, book)
    if not re.fullmatch(r"[\w.’'& -]+", phrase) or re.search(r"\d", phrase):
        return None
    words = _TOKEN_RE.findall(phrase)
    if not words or len(words) > 9:
        return None
    definite = words[0].lower() == "the"
    if words[0].lower() == "a" and len(words) > 2 and words[1].lower() == "number":
        return None  # "a number of European leaders": not one speaker
    while words and words[0].lower() in _QUANTIFIERS:
        words = words[1:]
    role_at = _find_role(words)
    if role_at is None:
        return _parse_bare(words, definite, book)
    return _parse_titled(words, role_at, definite, book, last)


def _find_role(words: list[str]) -> tuple[int, int] | None:
    """(index, length) of the last role word(s), two-word roles first."""
    for i in range(len(words) - 1, -1, -1):
        if i >= 1 and f"{words[i - 1]} {words[i]}".lower() in ROLES:
            return i - 1, 2
        if words[i].lower() in ROLES:
            return i, 1
    return None


def _parse_titled(words: list[str], role_at: tuple[int, int], definite: bool, book: _SpeakerBook,
                  last: _Speaker | None) -> tuple[_Speaker, str] | None:
    i, n = role_at
    prefix, rest = words[:i], words[i + n:]
    role = ROLES[" ".join(words[i:i + n]).lower()]
    name, of_org, ok = _split_rest(rest)
    if not ok or not _prefix_ok(prefix):
        return None
    org = of_org or _org_from_prefix(prefix)
    if name:
        return book.add(_Speaker(name, org, role, named=True)), "explicit"
    if definite and not prefix and not of_org:
        sp = book.with_role(role) or last
        return (sp, "role") if sp else None
    kept = [w for w in prefix if w.lower() not in _MODIFIERS or w.lower() in NATIONS]
    if not kept and not of_org:
        return None  # "an official": too vague to be a speaker
    label = f"{of_org} {role}" if of_org else " ".join(kept + [role])
    return book.add(_Speaker(label, org, role, named=False)), "explicit"


def _split_rest(rest: list[str]) -> tuple[str | None, str | None, bool]:
    """(person name, organisation, valid) from the words after a role."""
    if not rest:
        return None, None, True
    if rest[0].lower() in ("of", "for", "at", "from"):
        org = [w for w in rest[1:] if w[0].isupper() or w.lower() in ("of", "for", "and")]
        org = _trim_connectors(org)
        return None, " ".join(org) or None, bool(org)
    if all(_is_name(w) for w in rest) and len(rest) <= 4:
        return " ".join(rest), None, True
    return None, None, False


def _trim_connectors(words: list[str]) -> list[str]:
    while words and words[0].lower() in _CONNECTORS:
        words = words[1:]
    while words and words[-1].lower() in _CONNECTORS:
        words = words[:-1]
    return words


def _prefix_ok(prefix: list[str]) -> bool:
    """Words before a role: organisation, nationality, or known qualifiers only."""
    for j, w in enumerate(prefix):
        low = w.lower()
        if w[0].isupper() or low in _MODIFIERS or low in _DESCRIPTORS:
            continue
        between = 0 < j < len(prefix) - 1 and prefix[j - 1][0].isupper() and prefix[j + 1][0].isupper()
        if not (low in _CONNECTORS and between):
            return False
    return True


def _org_from_prefix(prefix: list[str]) -> str | None:
    """The organisation named before a role: an explicit one wins over a nationality."""
    nation = None
    org: list[str] = []
    for w in prefix:
        bare = re.sub(r"[’']s$", "", w)
        if bare.lower() in NATIONS and not org:
            nation = NATIONS[bare.lower()]
        elif w[0].isupper() and w.lower() not in _MODIFIERS and w not in _STOP_NAMES or org and w.lower() in _CONNECTORS:
            org.append(w)
    org = _trim_connectors(org)
    return " ".join(org) if org else nation


def _parse_bare(words: list[str], definite: bool, book: _SpeakerBook) -> tuple[_Speaker, str] | None:
    """A phrase without a role word: a person's name, a country or an organisation."""
    if not words:
        return None
    joined = " ".join(words)
    if definite and len(words) == 1 and words[0].islower():
        sp = book.with_org_word(words[0])  # "the ministry" -> the last ministry that spoke
        return (sp, "role") if sp else None
    if any(not (w[0].isupper() or w.lower() in _CONNECTORS) for w in words):
        return None
    if joined.lower() in NATIONS:
        return book.add(_Speaker(joined, NATIONS[joined.lower()], None, named=False)), "explicit"
    if definite or any(w in _ORG_WORDS for w in words) or any(len(w) > 1 and w.isupper() for w in words):
        return book.add(_Speaker(joined, joined, None, named=False)), "explicit"
    if all(_is_name(w) for w in words) and len(words) <= 4:
        known = book.find(joined)
        return (known or book.add(_Speaker(joined))), "explicit"
    return None


def _parse_appositive(phrase: str, book: _SpeakerBook) -> tuple[_Speaker, str] | None:
    """ "John Kirby, the National Security Council spokesperson", "Amira Costa, Hale’s predecessor"."""
    parts = [p.strip() for p in phrase.split(",") if p.strip()]
    if len(parts) != 2:
        return None
    for head, desc in (parts, parts[::-1]):
        probe = _parse_speaker(head, _SpeakerBook(), None)  # a dry run: register nothing yet
        if probe is None or not probe[0].named or "," in head:
            continue
        person = probe[0]
        role, org = _describe(desc)
        relative = desc.split()[0].lower() in ("who", "which", "whose")
        if role is None and not relative and len(person.name.split()) < 2:
            continue
        new = _Speaker(person.name, org or person.organisation, role or person.role, named=True)
        return book.add(new), "explicit"
    return None


def _describe(desc: str) -> tuple[str | None, str | None]:
    """(role, organisation) of a description such as "the National Security Council spokesperson"."""
    words = _TOKEN_RE.findall(desc)
    while words and words[0].lower() in _QUANTIFIERS:
        words = words[1:]
    at = _find_role(words)
    if at is None:
        return None, None
    i, n = at
    _, of_org, _ = _split_rest(words[i + n:])
    return ROLES[" ".join(words[i:i + n]).lower()], of_org or _org_from_prefix(words[:i])


def _is_name(word: str) -> bool:
    return bool(_NAME_RE.fullmatch(word)) and word not in _STOP_NAMES and not re.search(r"[’']s$", word)


def _label_speaker(label: str, book: _SpeakerBook) -> _Speaker | None:
    """The speaker behind a transcript label ("MR. KIRBY", "SECRETARY BLINKEN", "THE PRESIDENT")."""
    words = label.split()
    if words[0] in _NOT_SPEAKERS:
        return None
    if words[0] == "THE":
        role = " ".join(words[1:]).lower()
        return book.with_role(role) or book.add(_Speaker(f"the {role.title()}", None, role, named=False))
    name = " ".join("-".join(p.capitalize() for p in w.split("-")) for w in words[1:])
    title: str | None = None if words[0].endswith(".") else ROLES.get(words[0].lower())
    return book.find(name) or book.add(_Speaker(name, None, title, named=True))


# --------------------------------------------------------------------------------------- extractor

class _Extractor:
    """One pass over an article, paragraph by paragraph and sentence by sentence."""

    def __init__(self, text: str, published: date, source: str | None) -> None:
        self.text = text
        self.published = published
        self.source = source
        self.masked = text
        self.book = _SpeakerBook()
        self.event: _Event | None = None
        self.found: list[_Found] = []
        self.mentions: list[tuple[int, _Speaker]] = []
        self.para_last: _Found | None = None  # the last quote in the current paragraph
        self.carry: _Found | None = None  # the quote a paragraph ended with, for an unattributed one after it
        self.pending: _Found | None = None  # "Kirby added at the time:" waiting for its quote
        self.turn: _Speaker | None = None  # the speaker of the current transcript turn
        self.in_turn = False

    # -- driving

    def run(self) -> list[_Found]:
        paras = _layout(self.text)
        quotes = {p: _quote_spans(self.text, p.start, p.end) for p in paras if not p.skip}
        self.masked = _mask(self.text, [q for qs in quotes.values() for q in qs])
        transcript = _is_transcript(self.text, paras)
        for para in paras:
            if para.skip:
                logger.debug("skipped %s: %r", para.skip, self.text[para.start:para.end][:60])
            elif not (transcript and self._transcript_para(para)):
                self._prose_para(para, quotes[para])
        logger.debug("found %d statements", len(self.found))
        return self.found

    def _prose_para(self, para: _Para, quotes: list[_Quote]) -> None:
        self.para_last = None
        pending = self.pending
        ended_with_quote = False
        for s, e in _sentences(self.text, self.masked, para.start, para.end, quotes):
            before = len(self.found)
            self._sentence(s, e, [q for q in quotes if s <= q.start < e])
            ended_with_quote = len(self.found) > before and self.found[-1].kind == "quote"
        self.carry = self.para_last if ended_with_quote else None
        if self.pending is pending:
            self.pending = None

    def _sentence(self, s: int, e: int, quotes: list[_Quote]) -> None:
        self.mentions = self._scan_mentions(s, e)
        before = len(self.found)
        handled = (bool(quotes) and self._quote_sentence(s, e, quotes)) or self._pending_attribution(s, e, quotes) \
            or self._reported(s, e) or self._outlet(s, e)
        if not handled:
            self._narration(s, e)
        spoken = [f.speaker for f in self.found[before:] if f.speaker is not None]
        if spoken:
            self.book.touch(spoken[-1])
        elif self.mentions:
            self.book.touch(self.mentions[-1][1])

    # -- mentions, times

    def _scan_mentions(self, s: int, e: int) -> list[tuple[int, _Speaker]]:
        """People named outside quotes in the sentence (possessives do not count), in text order."""
        found: dict[int, _Speaker] = {}
        for m in _TITLED_RE.finditer(self.masked, s, e):
            if re.search(r"[’']s$", m.group()):
                continue
            parsed = _parse_speaker(m.group(), self.book, None)
            if parsed and parsed[0].named:
                found[m.start()] = parsed[0]
        for sp in self.book.persons():
            for key in {sp.name, sp.name.split()[-1]}:
                pattern = r"\s+".join(re.escape(w) for w in key.split())
                for m in re.finditer(rf"\b{pattern}\b(?![’']s)", self.masked[s:e]):
                    found.setdefault(s + m.start(), sp)
        return sorted(found.items(), key=lambda kv: kv[0])

    def _last_before(self, pos: int) -> _Speaker | None:
        earlier = [sp for at, sp in self.mentions if at < pos]
        return earlier[-1] if earlier else self.book.last

    def _published(self, rule: str = "publication date (no time phrase to resolve)") -> _When:
        return _When(self.published, None, rule, from_published=True)

    def _when(self, frame: list[tuple[int, int]], anchor: int, speaker: _Speaker) -> _When:
        """When a statement by ``speaker`` was made, from time phrases in its frame (attribution, intro)."""
        hits = [h for a, b in frame for h in _time_hits(self.masked, a, b, self.published)]
        if not hits:
            ev = self.event
            if ev is not None and speaker.name in ev.speakers:
                return _When(ev.when.day, ev.when.phrase, f"the event named earlier: {ev.when.rule}")
            return self._published()
        hit = min(hits, key=lambda h: abs(h.start - anchor))
        if hit.when is None:  # "at the time"
            if self.event is None:
                return _When(self.published, hit.phrase, "at the time: no earlier event, publication date used", True)
            self.event.speakers.add(speaker.name)
            return _When(self.event.when.day, hit.phrase,
                         f"at the time: the date of the previous event ({self.event.when.phrase})")
        self.event = _Event(hit.when, {speaker.name} | {sp.name for _, sp in self.mentions})
        return hit.when

    # -- quotes

    def _quote_sentence(self, s: int, e: int, quotes: list[_Quote]) -> bool:
        """A sentence that is quotes plus at most one attribution; False when the quotes are partial."""
        pieces = self._pieces(s, e, quotes)
        wordy = [p for p in pieces if re.search(r"[A-Za-z]", self.text[p[0]:p[1]])]
        if not wordy:
            return self._unattributed(quotes)
        if len(wordy) > 1:
            return False
        ps, pe = wordy[0]
        attr = self._attribution(ps, pe)
        if attr is None:
            return False
        introduces = self.text[ps:pe].rstrip().endswith((":", ",")) or not self.text[attr.post_start:pe].strip()
        if pe <= quotes[0].start and not introduces:
            return False  # "X said the plan was “reckless.”": a partial quote in reported speech
        if attr.verb.lower() in _QUESTION_VERBS:
            logger.debug("skipped a question: %r", self.text[s:e][:60])
            return True
        when = self._when([(p[0], p[1]) for p in pieces], attr.phrase_start, attr.speaker)
        phrase = self.text[slice(*_strip(self.text, attr.phrase_start, pe, ",.:;—"))]
        self._add_quote(quotes, attr.speaker, phrase, attr.how, when)
        return True

    def _pieces(self, s: int, e: int, quotes: list[_Quote]) -> list[tuple[int, int]]:
        """The stretches of the sentence outside its quotes."""
        pieces, pos = [], s
        for q in quotes:
            pieces.append((pos, q.start))
            pos = q.end
        pieces.append((pos, e))
        return [(a, b) for a, b in pieces if a < b]

    def _add_quote(self, quotes: list[_Quote], speaker: _Speaker, phrase: str | None, how: str,
                   when: _When) -> None:
        parts = [_strip(self.text, q.inner_start, q.inner_end, "" if i < len(quotes) - 1 else ",;:—–")
                 for i, q in enumerate(quotes)]
        parts = [(a, b) for a, b in parts if a < b]
        if not parts:
            return
        text = " ".join(self.text[a:b] for a, b in parts)
        found = _Found(parts[0][0], parts[-1][1], text, "quote", speaker, phrase, how, when,
                       parts if len(parts) > 1 else None)
        self.found.append(found)
        self.para_last = found

    def _unattributed(self, quotes: list[_Quote]) -> bool:
        """A quote on its own: the speaker of the quote before it (same paragraph, or the one before)."""
        prior = self.pending or self.para_last or self.carry
        if prior is None or prior.speaker is None:
            logger.debug("skipped a quote without a speaker: %r", self.text[quotes[0].start:quotes[0].end][:60])
            return True
        phrase, how = (prior.phrase, prior.how) if prior is self.pending else (None, "continued")
        self.pending = None
        self._add_quote(quotes, prior.speaker, phrase, how, prior.when)
        return True

    def _pending_attribution(self, s: int, e: int, quotes: list[_Quote]) -> bool:
        """ "Kirby added at the time:" at the end of a paragraph, introducing the quote that follows."""
        if quotes or not self.text[s:e].rstrip().endswith(":"):
            return False
        attr = self._attribution(s, e)
        if attr is None or not _is_trailer(self.text[attr.post_start:e]):
            return False
        when = self._when([(s, e)], attr.phrase_start, attr.speaker)
        phrase = self.text[slice(*_strip(self.text, attr.phrase_start, e, ",.:;"))]
        self.pending = _Found(s, e, phrase, "quote", attr.speaker, phrase, attr.how, when)
        return True

    def _attribution(self, ps: int, pe: int) -> _Attribution | None:
        """Speaker and verb of an attribution ("one U.S. official said in a written statement")."""
        m = _ACCORDING_RE.search(self.masked, ps, pe)
        if m:
            return self._according_attribution(m, pe)
        for m in _VERB_RE.finditer(self.masked, ps, pe):
            attr = self._subject_attribution(ps, m) or self._inverted_attribution(ps, pe, m)
            if attr:
                return attr
        return None

    def _according_attribution(self, m: re.Match[str], pe: int) -> _Attribution | None:
        end = next((i for i in range(m.end(), pe) if self.masked[i] in ",;:\x00"), pe)
        a, b = _strip(self.text, m.end(), end, ".")
        hits = _time_hits(self.masked, a, b, self.published)
        if hits:
            b = _strip(self.text, a, hits[0].start, ",")[1]
        parsed = _parse_speaker(self.text[a:b], self.book, self._last_before(a))
        if parsed is None:
            return None
        return _Attribution(parsed[0], parsed[1], m.start(), b, "according to", end)

    def _subject_attribution(self, ps: int, m: re.Match[str]) -> _Attribution | None:
        subject = self._subject(ps, m.start())
        if subject is None:
            return None
        _, a, b = subject
        parsed = _parse_speaker(self.text[a:b], self.book, self._last_before(a))
        if parsed is None:
            return None
        return _Attribution(parsed[0], parsed[1], a, m.end(), m.group("verb"), m.end())

    def _inverted_attribution(self, ps: int, pe: int, m: re.Match[str]) -> _Attribution | None:
        """ "…,” said Mayor Elena Duarte after the vote."""
        if self.masked[ps:m.start()].strip(" \t\n,\x00"):
            return None
        stop = next((i for i in range(m.end(), pe) if self.masked[i] in ".;:\x00"), pe)
        tokens = list(re.finditer(r"\S+", self.masked[m.end():stop]))
        for n in range(min(len(tokens), 9), 0, -1):
            end = m.end() + tokens[n - 1].end()
            a, b = _strip(self.text, m.end(), end, ",")
            parsed = _parse_speaker(self.text[a:b], self.book, self._last_before(a))
            if parsed:
                return _Attribution(parsed[0], parsed[1], ps, b, m.group("verb"), b)
        return None

    def _subject(self, start: int, end: int) -> tuple[int, int, int] | None:
        """(clause start, subject start, subject end) of the subject just before a verb at ``end``.

        The subject is the last clause of ``text[start:end]`` without a leading "and" or "in a statement",
        or an appositive ("John Kirby, the NSC spokesperson,").
        """
        chunk = self.masked[start:end]
        breaks = list(_CLAUSE_BREAK_RE.finditer(chunk))
        clause, b = _strip(self.text, start + (breaks[-1].end() if breaks else 0), end)
        a = self._skip_lead_words(clause, b)
        if a < b:
            return clause, a, b
        if len(breaks) >= 2 and chunk[breaks[-1].start()] == "," and chunk[breaks[-2].start()] == ",":
            first = breaks[-3].end() if len(breaks) >= 3 else 0
            a, b = _strip(self.text, start + first, start + breaks[-1].start())
            return (a, a, b) if a < b else None
        return None

    def _skip_lead_words(self, a: int, b: int) -> int:
        """Past "and"/"but" and a lower-case phrase such as "in a written statement" before a name."""
        m = _SUBJECT_LEAD_RE.match(self.text, a, b)
        return m.end() if m else a

    # -- reported speech

    def _reported(self, s: int, e: int) -> bool:
        """ "X said (that) ...", "X has been calling for ...", "..., X said.", "..., according to X." """
        if self.text[s:e].rstrip().endswith("?"):
            return False
        m = _ACCORDING_RE.search(self.masked, s, e)
        if m and self._according(s, e, m):
            return True
        for m in _VERB_RE.finditer(self.masked, s, e):
            if m.group("verb").lower() not in _QUESTION_VERBS and self._reported_at(s, e, m):
                return True
        return False

    def _according(self, s: int, e: int, m: re.Match[str]) -> bool:
        attr = self._according_attribution(m, e)
        if attr is None:
            return False
        if not self.masked[attr.post_start:e].strip(" .\n"):  # "CLAIM, according to X."
            a, b = _strip(self.text, s, m.start(), ",")
        elif not self.masked[s:m.start()].strip():  # "According to X, CLAIM."
            a, b = _strip(self.text, attr.post_start + 1, e, ",;:")
        else:  # "The army, according to two officials, has withdrawn."
            a, b = _strip(self.text, s, e, ",;:")
        if len(self.text[a:b].split()) < 3:
            return False
        when = self._when([(m.start(), attr.phrase_end)], m.start(), attr.speaker)
        phrase = self.text[m.start():attr.phrase_end]
        self.found.append(_Found(a, b, self.text[a:b], "reported", attr.speaker, phrase, attr.how, when))
        return True

    def _reported_at(self, s: int, e: int, m: re.Match[str]) -> bool:
        subject = self._subject(s, m.start())
        if subject is None:
            return False
        clause, a, b = subject
        if self.text[a:b].split()[0].lower() in _SUBORDINATORS:
            return False
        parsed = _parse_speaker(self.text[a:b], self.book, self._last_before(a))
        if parsed is None:
            return False
        verb = re.sub(r"\s+", " ", m.group("verb").lower())
        post = self._after_object(m.end(), e) if verb in ("told", "tells") else m.end()
        lead = self.masked[s:clause]
        span = self._claim_span(s, e, a, verb, post, lead)
        if span is None:
            return False
        (ca, cb), frame = span
        if len(self.text[ca:cb].split()) < 3:
            return False
        when = self._when(frame, m.start(), parsed[0])
        phrase = self.text[a:post].strip()
        self.found.append(_Found(ca, cb, self.text[ca:cb], "reported", parsed[0], phrase, parsed[1], when))
        return True

    def _claim_span(self, s: int, e: int, a: int, verb: str, post: int,
                    lead: str) -> tuple[tuple[int, int], list[tuple[int, int]]] | None:
        """(claim span, frame spans) of a reported statement, or None when the sentence is not one."""
        if _lead_ok(lead):
            if verb in _CALL_VERBS:
                return _strip(self.text, a, e, ",;:"), [(s, e)]
            start = self._content_start(post, e)
            return _strip(self.text, start, e, ",;:"), [(s, start)]
        if lead.rstrip().endswith(",") and _is_trailer(self.masked[post:e]):  # "CLAIM, X said Tuesday."
            comma = s + len(lead.rstrip()) - 1
            return _strip(self.text, s, comma, ",;:"), [(a, e)]
        return None

    def _after_object(self, pos: int, e: int) -> int:
        m = re.match(rf"\s+{_TOLD_OBJECTS}", self.masked[pos:e])
        return pos + m.end() if m else pos

    def _content_start(self, post: int, e: int) -> int:
        """Where the reported clause starts: after "that", time phrases and "in a statement" after the verb."""
        m = re.match(r"(.{0,80}?)\bthat\s+", self.masked[post:e], re.DOTALL)
        if m and _is_trailer(m.group(1)):
            return post + m.end()
        pos = post
        while True:
            lead = _LEAD_TRAILER_RE.match(self.masked, pos, e)
            time = _TIME_RE.match(self.masked, lead.end(), e) if lead else None
            nxt = time.end() if time else (lead.end() if lead else pos)
            if nxt == pos:
                break
            pos = nxt
        that = re.compile(r"\s*,?\s*that\s+").match(self.masked, pos, e)
        return that.end() if that else pos

    # -- the outlet's own claims and narration

    def _outlet(self, s: int, e: int) -> bool:
        sentence, masked = self.text[s:e].strip(), self.masked[s:e]
        if sentence.endswith(("?", ":")) or len(sentence.split()) < 5:
            return False
        evaluative = _OUTLET_LEAD_RE.match(sentence) or (_OUTLET_WORDS_RE.search(masked) and _COPULA_RE.search(masked))
        if not evaluative:
            return False
        a, b = _strip(self.text, s, e)
        when = self._published("the outlet's own claim: the publication date")
        self.found.append(_Found(a, b, self.text[a:b], "outlet", None, None, "outlet", when))
        return True

    def _narration(self, s: int, e: int) -> None:
        """A sentence that is not a statement can still date an event ("At a briefing on Tuesday, ...")."""
        whens = [h.when for h in _time_hits(self.masked, s, e, self.published) if h.when is not None]
        if whens:
            self.event = _Event(whens[0], {sp.name for _, sp in self.mentions})

    # -- transcripts

    def _transcript_para(self, para: _Para) -> bool:
        """A paragraph of a briefing transcript: a labelled turn or its continuation."""
        m = _LABEL_RE.match(self.text, para.start, para.end)
        if m:
            self.in_turn = True
            self.turn = _label_speaker(m.group("label") or "Q", self.book)
            self._turn_statement(m.end(), para.end, m.group().strip())
            return True
        if self.in_turn:
            self._turn_statement(para.start, para.end, None)
            return True
        return False

    def _turn_statement(self, start: int, end: int, label: str | None) -> None:
        if self.turn is None:
            return  # a reporter's question
        stage = _STAGE_RE.search(self.text, start, end)
        a, b = _strip(self.text, start, stage.start() if stage else end)
        if len(self.text[a:b].split()) < 2:
            return
        ev = self.event
        when = _When(ev.when.day, ev.when.phrase, f"the date of the briefing: {ev.when.rule}") if ev \
            else self._published()
        self.found.append(_Found(a, b, self.text[a:b], "quote", self.turn, label, "label", when))
        self.book.touch(self.turn)


def _lead_ok(lead: str) -> bool:
    """The words before a subject leave it the subject of a main clause."""
    lead = lead.strip()
    if not lead:
        return True
    if re.search(r"(?:,\s*(?:and|but)|;)$", lead) or re.search(r"\b(?:and|but)$", lead):
        return True
    if not lead.endswith(","):
        return False
    return lead.split()[0].lower().strip(",") in _INTRO_WORDS or bool(re.match(_WD, lead))


def _is_trailer(text: str) -> bool:
    """What follows an attribution verb without being a claim: "in a statement", "on Tuesday", ""."""
    words = re.sub(r"[\x00,.;:—–]", " ", text).split()
    if not words:
        return True
    first = words[0].lower().strip("’'s")
    starts_with_time = bool(_TIME_RE.match(text.strip(" \t\n,")))
    return len(words) <= 12 and (first in _TRAILER_WORDS or first in _WEEKDAYS or first in _MONTHS or starts_with_time)
