"""Claims of change and of no change ("no change to our policy", "has not changed", "now allows").

Example:
    >>> change_cues("There's no change to our policy.").claims_no_change
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class ChangeCues:
    """What a statement says about change.

    Attributes:
        claims_no_change: it says a position holds ("no change to our policy", "has not changed", "remains").
        claims_change: it says a position changed ("new policy", "reversed", "no longer", "for the first time").
        phrases: every matched phrase, in text order.
        no_change_phrases: the phrases behind ``claims_no_change``.
        change_phrases: the phrases behind ``claims_change``.

    Example:
        >>> change_cues("There's no change to our policy.").claims_no_change
        True
    """

    claims_no_change: bool
    claims_change: bool
    phrases: tuple[str, ...] = ()
    no_change_phrases: tuple[str, ...] = ()
    change_phrases: tuple[str, ...] = ()


_POLICY_NOUN = (r"(?:policy|policies|position|stance|approach|posture|guidance|rules?|plans?|course|view|fees?|prices?"
                r"|charges?|rates?|fares?|tariffs?|hours|timetables?|schedules?|terms)")


_NO_CHANGE_RE = re.compile(
    r"(?i)(?<![\w-])(?:"
    rf"no\s+(?:policy\s+)?changes?(?:\s+(?:to|in|of)\s+(?:(?:our|the|its|their|this|that|my|his|her)\s+)?"
    rf"(?:[\w.-]+\s+)?{_POLICY_NOUN})?"
    r"|no\s+(?:shift|reversal|u-turn)"
    r"|(?:has|have|had|did|does|do|will|would|is|was|wo)\s*(?:not|n['\u2019]t)\s+(?:been\s+)?chang(?:ed|e)"
    r"|not\s+changing|never\s+changed|nothing\s+(?:has\s+)?changed"
    r"|(?:has|have|had)\s*(?:not|n['\u2019]t)\s+(?:moved|shifted|budged|wavered)"
    r"|unchanged|remain(?:s|ed)?|still|continu(?:e|es|ed|ing)\s+to|reaffirm(?:s|ed|ing)?"
    rf"|(?:consistent\s+with|in\s+line\s+with)\s+(?:(?:our|the|its|their)\s+)?(?:[\w-]+\s+)?{_POLICY_NOUN}"
    rf"|long-?standing\s+{_POLICY_NOUN}|as\s+(?:it\s+)?(?:always\s+)?(?:has|had|did)\s+before|as\s+before"
    r")(?![\w-])"
)


_CHANGE_RE = re.compile(
    r"(?i)(?<![\w-])(?:"
    rf"new\s+(?:[\w-]+\s+)?{_POLICY_NOUN}"
    rf"|change\s+(?:in|of|to)\s+(?:(?:our|the|its|their|this|that)\s+)?(?:[\w.-]+\s+)?{_POLICY_NOUN}"
    rf"|{_POLICY_NOUN}\s+(?:change|shift|reversal)|shift\s+in\s+(?:[\w-]+\s+)?{_POLICY_NOUN}"
    r"|revers(?:ed|es|al|ing|e)|u-turn|overturn(?:ed|s)?|rescind(?:ed|s)?|revok(?:ed|es)|scrapped|amended"
    r"|lift(?:ed|s|ing)?"
    r"|now\s+(?:allows?|permits?|lets|authori[sz]es|bans?|prohibits?|forbids?|requires?|can|may|says?"
    r"|supports?|opposes?|backs?)"
    r"|chang(?:ed|es|ing)|no\s+longer|will\s+now|(?:is|are|am)\s+now|(?:has\s+|have\s+|had\s+)?decided\s+to"
    r"|directed\b[^.;:!?]{0,80}?\bto\s+ensure|for\s+the\s+first\s+time"
    r"|updated\s+(?:(?:its|our|the|their)\s+)?(?:[\w-]+\s+)?" + _POLICY_NOUN +
    # a rule that takes effect, or holds from a coming period: it replaces what held before
    r"|(?:takes?|took|taken|will\s+take)\s+effect|(?:comes?|came|will\s+come)\s+into\s+(?:force|effect)"
    r"|(?:from|starting|beginning|as\s+of|with\s+effect\s+from)\s+(?:the\s+)?(?:next|coming|following)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:year|season|term|semester|month|quarter|week|timetable|schedule)"
    r")(?![\w-])"
)


# A change phrase right after a negation is not a claim of change ("did not reverse", "was not lifted").
_NEGATED_BEFORE_RE = re.compile(r"(?i)(?<![\w-])(?:no|not|never|n['\u2019]t)\s+(?:[\w-]+\s+){0,2}$")


@lru_cache(maxsize=8192)
def change_cues(text: str) -> ChangeCues:
    """Claims of change and of no change in ``text``.

    No-change cues: "no change to our policy", "has not changed", "unchanged", "remains", "still",
    "continues to", "reaffirm", "consistent with our policy". Change cues: "new policy", "change in policy",
    "reversed", "lifted", "now allows", "changed", "no longer", "will now", "has decided to", "directed ...
    to ensure", "for the first time", "amended", "rescinded", "new fees", "takes effect", "comes into force",
    "from the next school year". A change cue within three words after a
    negation does not count, and a no-change phrase is never also read as a change.

    Example:
        >>> cues = change_cues("Our policy on long range strikes has not changed.")
        >>> cues.claims_no_change, cues.claims_change, cues.phrases
        (True, False, ('has not changed',))
    """
    no_change = [(m.start(), m.end()) for m in _NO_CHANGE_RE.finditer(text)]
    masked = list(text)
    for start, end in no_change:
        masked[start:end] = " " * (end - start)
    masked_text = "".join(masked)
    change = []
    for m in _CHANGE_RE.finditer(masked_text):
        if _NEGATED_BEFORE_RE.search(masked_text, max(0, m.start() - 40), m.start()):
            continue
        change.append((m.start(), m.end()))

    def phrase(span: tuple[int, int]) -> str:
        return " ".join(text[span[0] : span[1]].split())

    no_change_phrases = tuple(phrase(s) for s in no_change)
    change_phrases = tuple(phrase(s) for s in change)
    phrases = tuple(phrase(s) for s in sorted(no_change + change))
    return ChangeCues(bool(no_change), bool(change), phrases, no_change_phrases, change_phrases)


# Words that announce an update to something said before: a moved, postponed or called-off date, a figure that
# rises or falls to another, a rule that takes effect or no longer holds. Narrower than _CHANGE_RE on purpose: this
# list decides a shift without an NLI conflict, and _CHANGE_RE's "new <policy noun>", "changed" and "lift" also
# fire on statements that change nothing ("with their new timetables", "a lift pass").
_UPDATE_RE = re.compile(
    r"(?i)(?<![\w-])(?:postponed|rescheduled|moved\s+(?:to|back|forward|up)|brought\s+forward|put\s+back|delayed"
    r"|called\s+off|cancell?ed"
    r"|(?:rises|rose|risen|falls|fell|fallen|goes\s+up|went\s+up|gone\s+up|goes\s+down|went\s+down|increases"
    r"|increased|decreases|decreased|raised|lowered|cut|reduced)\s+(?:from|to)"
    r"|with\s+effect\s+from|from\s+now\s+on|no\s+longer|(?:is|are|has\s+been|have\s+been)\s+now"
    r"|now\s+(?:allowed|permitted|banned|forbidden|required|only|accepted|scheduled|set|priced|closed|open|free"
    r"|charged|available|[\w]+-only)"
    r"|takes?\s+effect|comes?\s+into\s+force|revers(?:ed|es)|scrapped|lifted|dropped\s+(?:its|the|our|their)"
    r"|(?:has|have)\s+decided\s+to"
    # a plan put off, cut down or given up; a practice ended; a forecast or plan revised; a value moved
    r"|pushed\s+(?:back|forward)|moves?\s+(?:to|back|forward)|(?:has|have|is|are|was|were|been)\s+(?:now\s+)?"
    r"(?:shelved|scaled\s+back|abandoned|axed)|will\s+(?:lower|raise|cut|increase|reduce|decrease)"
    r"|abolish(?:es|ed)|(?:is|are)\s+to\s+be\s+abolished|(?:will\s+stop|(?:has|have)\s+stopped)\s+\w+ing"
    r"|now\s+(?:expects?|forecasts?|estimates?|predicts?|projects?|plans?|intends?)|will\s+now"
    r"|(?:drops?|dropped|climbs?|climbed|jumps?|jumped)\s+(?:from|to)"
    # a deadline or period extended; a rise or fall by an amount; a permission, stance or practice that holds now
    r"|(?:has|have|is|are)\s+been\s+extended|extended\s+(?:to|until)|(?:rise|go\s+up|goes\s+up|fall|go\s+down)\s+(?:by|from|to)"
    r"|(?:rises|falls|rose|fell|increases|decreases)\s+by|(?:may|can|must)\s+now|now\s+(?!that\b|and\b)[a-z]+[^s\W]?s"
    # a plan called off or given up, a reversal "after all", a closure "for good"
    r"|(?:will\s+not|won['\u2019]t)\s+(?:go\s+ahead|take\s+place|happen|proceed)|(?:is|are)\s+(?:now\s+)?off"
    r"|after\s+all|for\s+good|(?:['\u2019]ve|has|have)\s+decided\s+not\s+to|['\u2019]ve\s+decided\s+to"
    # a start named by a season, series or year to come: "from next season", "starting with the 2028 series"
    r"|(?:from|starting(?:\s+with|\s+in)?|beginning(?:\s+with|\s+in)?)\s+(?:next|the\s+next|the\s+coming"
    r"|this\s+(?:month|season|term|year)|the\s+(?:\d{4}|spring|summer|autumn|fall|winter)\s+\w+)"
    r"|onwards?)(?![\w-])")
# Words that say the thing goes ahead as arranged ("takes effect on 1 October as scheduled"), beside the no-change
# cues above ("unchanged", "remains", "still").
_AS_PLANNED_RE = re.compile(
    r"(?i)(?<![\w-])(?:as\s+(?:planned|scheduled|announced|agreed|expected|usual)|going\s+ahead)(?![\w-])")


def announces_update(text: str) -> str | None:
    """The phrase by which ``text`` announces an update to something said before ("has been moved to", "is
    postponed", "rises from 2.40 to 2.80", "with effect from", "no longer", "is now online-only"), or None; None
    too when the text says the thing goes ahead as before ("as scheduled", "remains").

    Example:
        >>> announces_update("The final has been postponed to 13 June."), announces_update("It goes ahead as planned.")
        ('postponed', None)
    """
    if _AS_PLANNED_RE.search(text):
        return None
    # clause by clause: "From now on X is allowed; Y remains forbidden" updates X and leaves Y as it was
    for clause in re.split(r"\s*(?:[;:]|\.\s|,?\s+but\s|,?\s+while\s)\s*", text):
        m = _UPDATE_RE.search(clause)
        if m is not None and not _NO_CHANGE_RE.search(clause):
            return m.group(0)
    return None


# Words by which a later statement confirms what was announced before: "as planned", "as announced", "goes
# ahead", "still on", "Reminder:", "repeated", "we can confirm". Not "confirmed" alone: "the Board has confirmed"
# often admits a new fact, and "confirmed cases" is a count.
_CONFIRM_RE = re.compile(
    r"(?i)(?<![\w-])(?:as\s+(?:(?:previously|already|first)\s+)?(?:planned|scheduled|announced|agreed)"
    r"|(?:goes|go|going)\s+ahead|still\s+on|(?:remains?\s+)?on\s+(?:track|schedule)|reminder"
    # said again: "the agency repeated", "we can confirm that", "X confirms the appeal starts on ..."
    r"|repeated|reiterated|reaffirmed|restated|(?:can|we|hereby)\s+confirm|confirms"
    # a notice headed "Confirmed:", a reminder in other words
    r"|^\s*confirmed\s*:|(?:don['\u2019]t|do\s+not)\s+forget)(?![\w-])")


def confirms(text: str) -> str | None:
    """The phrase by which ``text`` confirms something announced before ("as planned", "as announced", "goes
    ahead", "still on", "Reminder:"), or None; None too when it also announces an update ("Reminder: the fair is
    postponed").

    Example:
        >>> confirms("As announced in June, the library closes at 17:00."), confirms("Reminder: the fair is postponed.")
        ('As announced', None)
    """
    m = _CONFIRM_RE.search(text)
    if m is None:
        return None
    if _UPDATE_RE.search(text) and not _AS_PLANNED_RE.search(text):
        return None  # "Reminder: the fair is postponed"; but "As planned, the fare went up to 4.20 on 1 July" confirms
    return m.group(0)

