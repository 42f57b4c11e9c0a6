"""Speakers: who an attribution names ("National Security Council spokesperson John Kirby", "he", "the
minister"), with the organisation behind them, and the book of speakers met so far in an article."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import MONTHS, WEEKDAYS
from ..verdict.roles import NATIONS, ROLES  # the role vocabulary lives with the actors
from .layout import _NOT_SPEAKERS

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
# Gender, only from evidence in the article: an honorific, a gendered role word, or a first name in the small
# table below (a few common names, deliberately short: a name not in it leaves the gender unknown). A pronoun
# bound to a speaker is never evidence.
_HONORIFICS = {"mr.": "m", "mr": "m", "ms.": "f", "ms": "f", "mrs.": "f", "mrs": "f", "miss": "f"}
_GENDERED_ROLES = {"spokesman": "m", "spokeswoman": "f", "chairman": "m", "chairwoman": "f", "king": "m",
                   "queen": "f", "congressman": "m", "congresswoman": "f", "councilman": "m", "councilwoman": "f"}
_FIRST_NAMES = {
    **dict.fromkeys(("john", "james", "michael", "david", "robert", "william", "joseph", "joe", "donald", "thomas",
                     "daniel", "peter", "paul", "mark", "colin", "ben", "vladimir", "volodymyr", "emmanuel",
                     "olaf", "antony", "mohammed", "ahmed", "carlos", "juan"), "m"),
    **dict.fromkeys(("mary", "maria", "ana", "anna", "elena", "helena", "sarah", "laura", "grace", "nadia",
                     "amira", "laila", "karine", "kamala", "hillary", "nancy", "annalena", "ursula", "angela",
                     "jane", "emma", "olena", "fatima", "sofia"), "f"),
}
_ORG_NOUNS = frozenset({
    # lower-case nouns that make "the ..." an organisation that speaks ("The city announced ...")
    "city", "council", "company", "government", "ministry", "department", "agency", "administration", "police",
    "army", "military", "commission", "committee", "court", "board", "party", "campaign", "firm", "bank",
    "union", "university", "county", "state", "hospital", "airline", "regulator", "authority", "authorities",
    "group", "club", "school", "district", "municipality", "prosecutor", "prosecutors", "embassy", "cabinet",
})
_QUANTIFIERS = frozenset({"the", "a", "an", "one", "two", "three", "four", "five", "several", "some", "multiple",
                          "other", "another", "both", "many"})
_CONNECTORS = frozenset({"of", "for", "and", "on", "&"})
# Month and weekday names (from contradict.text) start sentences and dates, not names.
_MONTH_NAMES = tuple(max((k for k, v in MONTHS.items() if v == n), key=len) for n in range(1, 13))
_STOP_NAMES = frozenset({
    "The", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I", "But", "And", "At", "On", "In",
    "For", "Of", "As", "If", "When", "While", "After", "Before", "Its", "His", "Her", "Their", "Our", "Asked",
    "Mr.", "Ms.", "Mrs.", "Dr.",
}) | {w.capitalize() for w in WEEKDAYS + _MONTH_NAMES}
_SOURCE_NOUN_RE = re.compile(r"^(?:a|an|the)?\s*(?:written\s+)?(?:statement|figures|data|documents?|report|"
                             r"estimates?|filings?|records?)\s+(?:from|by|of|released\s+by)\s+", re.IGNORECASE)
_TOKEN_RE = re.compile(r"[A-Za-z][\w.’'&-]*")
_NAME_TOKEN = r"(?:[A-Z]\.|[A-Z][a-z’'-]*(?:[A-Z][a-z’'-]+)*)"
_NAME_RE = re.compile(rf"{_NAME_TOKEN}")
_ROLE_ALT = "|".join(sorted((re.escape(r) for r in ROLES), key=len, reverse=True))
_TITLED_RE = re.compile(rf"\b(?:(?:[A-Z][\w.’'&-]*|of|for)\s+){{0,4}}(?i:{_ROLE_ALT})\s+{_NAME_TOKEN}"
                        rf"(?:\s+{_NAME_TOKEN}){{0,3}}")

_HONORIFIC_RE = re.compile(rf"\b(?:Mrs?|Ms)\.?\s+{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,2}}")


@dataclass
class _Speaker:
    """A person, an unnamed official ("U.S. official") or an organisation that speaks."""

    name: str
    organisation: str | None = None
    role: str | None = None
    named: bool = True  # a person's name; False for "U.S. official", "White House"
    gender: str | None = None  # "f" or "m" from evidence in the article (see _HONORIFICS), else None

    def may_be(self, pronoun: str) -> bool:
        """Whether "he"/"she" may refer to this speaker: a person or an unnamed official (not an organisation)
        whose gender is not known to be the other one."""
        if not self.named and self.role is None:
            return False
        return self.gender is None or self.gender == ("m" if pronoun == "he" else "f")


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
        old.gender = old.gender or new.gender
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

    def recent(self) -> list[_Speaker]:
        """The speakers met so far, most recently mentioned first."""
        return self._order[::-1]


def _parse_speaker(phrase: str, book: _SpeakerBook, last: _Speaker | None,
                   recent: list[_Speaker] | None = None) -> tuple[_Speaker, str] | None:
    """Who ``phrase`` names ("National Security Council spokesperson John Kirby", "he", "the official").

    ``last`` is the nearest speaker before the phrase and ``recent`` the speakers before it, nearest first
    (``last`` and then the book when not given): "he"/"she" is the nearest one it may refer to (see
    :meth:`_Speaker.may_be`), "they" the nearest speaker when that is not a named person.

    Returns the speaker and how it was found ("explicit", "pronoun" or "role"), or None when the phrase
    does not name a speaker.
    """
    phrase = _SOURCE_NOUN_RE.sub("", " ".join(phrase.split()).strip(" ,;:—–-"))
    low = phrase.lower()
    if low == "they":
        return (last, "pronoun") if last is not None and not last.named else None
    if low in ("he", "she"):
        candidates = recent if recent is not None else ([last] if last else []) + book.recent()
        sp = next((c for c in candidates if c.may_be(low)), None)
        return (sp, "pronoun") if sp is not None else None
    if "," in phrase:
        return _parse_appositive(phrase, book)
    honorific = re.match(r"(?i)(mrs?|ms|miss)\.?\s+(?=[A-Z])", phrase)
    if honorific:
        words = phrase[honorific.end():].split()
        if words and len(words) <= 4 and all(_is_name(w) for w in words):
            gender = _HONORIFICS[honorific.group(1).lower()]
            return book.add(_Speaker(" ".join(words), gender=gender)), "explicit"
        return None
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
        gender = _GENDERED_ROLES.get(" ".join(words[i:i + n]).lower()) or _first_name_gender(name)
        return book.add(_Speaker(name, org, role, named=True, gender=gender)), "explicit"
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
        if sp:
            return sp, "role"
    if definite and all(w.islower() for w in words):  # "the city", "the city council", "the health ministry"
        qualifiers_ok = all(w in _ORG_NOUNS or w in _DESCRIPTORS or w in _MODIFIERS for w in words[:-1])
        if words[-1] in _ORG_NOUNS and qualifiers_ok and len(words) <= 3:
            name = "the " + joined
            return book.add(_Speaker(name, name, None, named=False)), "explicit"
        return None
    if any(not (w[0].isupper() or w.lower() in _CONNECTORS) for w in words):
        return None
    if joined.lower() in NATIONS:
        return book.add(_Speaker(joined, NATIONS[joined.lower()], None, named=False)), "explicit"
    if definite or any(w in _ORG_WORDS for w in words) or any(len(w) > 1 and w.isupper() for w in words):
        return book.add(_Speaker(joined, joined, None, named=False)), "explicit"
    if all(_is_name(w) for w in words) and len(words) <= 4:
        known = book.find(joined)
        if known is not None:
            known.gender = known.gender or _first_name_gender(joined)
            return known, "explicit"
        return book.add(_Speaker(joined, gender=_first_name_gender(joined))), "explicit"
    return None


def _first_name_gender(name: str) -> str | None:
    """The gender of a full name's first name when the small table knows it ("John Kirby"; not "Kirby")."""
    words = name.split()
    return _FIRST_NAMES.get(words[0].lower()) if len(words) >= 2 else None


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
        gendered = [_GENDERED_ROLES[w.lower()] for w in _TOKEN_RE.findall(desc) if w.lower() in _GENDERED_ROLES]
        gender = person.gender or (gendered[-1] if gendered else None)
        new = _Speaker(person.name, org or person.organisation, role or person.role, named=True, gender=gender)
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
    gender = _HONORIFICS.get(words[0].lower()) or _GENDERED_ROLES.get(words[0].lower())
    return book.find(name) or book.add(_Speaker(name, None, title, named=True, gender=gender))
