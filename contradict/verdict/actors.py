"""Actors: who stands behind a speaker (a government, an office, an organisation).

A policy shift is a change of position by the *same actor*: "John Kirby" on Tuesday and "one U.S. official"
on Thursday both speak for the U.S. administration. :class:`ActorTable` maps speaker strings to actors with
a small TOML table (``contradict/data/actors.toml``, which :meth:`ActorTable.load` reads by default;
``configs/actors.toml`` links to it).

Rules of :meth:`ActorTable.resolve`:

* Matching is case-insensitive after normalising: Unicode NFKC, quote marks removed, full stops removed
  ("U.S." == "US"), whitespace collapsed, leading articles "a", "an", "the", "one", "two" dropped, and the
  plural "officials" read as "official" ("two U.S. officials" == "a U.S. official").
* The organisation (when given) is tried before the speaker.
* A string is tried whole, then part by part (split at parentheses, commas, semicolons, slashes and
  spaced dashes: "White House (John Kirby)", "John Kirby, National Security Council"), then by the longest
  alias found as whole words inside it ("NSC spokesperson John Kirby"). Aliases listed under ``exact``
  (generic titles such as "the President") match only a whole string or a whole part.
* "Wikipedia: <page>" is one actor per page (returned as ``"Wikipedia: <page>"``).
* A speaker (or organisation) found nowhere in the table is read by its shape (:mod:`contradict.verdict.roles`):
  a government role or body with a place speaks for that place's government ("Government of Karsland (Foreign
  Minister Lena Osk)", "President Aron Dahl of Karsland" -> "Karsland government"), a role or office of a
  named organisation for the organisation ("Orvane Group CEO Marta Lind" -> "Orvane Group"), and a member of
  the public for nobody else. Otherwise it is its own actor: its normalised spelling with its case kept
  ("Party P5"). No speaker and no organisation: None (unknown actor).
* Compare actors with :func:`same_actor` (case-insensitive), not ``==``.

Example:
    >>> table = ActorTable.load()
    >>> table.resolve("White House (John Kirby)"), table.resolve("two U.S. officials")
    ('U.S. administration', 'U.S. administration')
    >>> table.resolve("Party P5"), table.resolve(None)
    ('Party P5', None)
"""

from __future__ import annotations

import logging
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..errors import ConfigError
from ..text import QUOTE_MARKS_RE
from .roles import (
    UNPLACED,
    derived_actor,
    distinctive_words,
    is_actor_word_in,
    is_government,
    is_person_word_in,
    is_separate_body_word,
    is_separate_body_word_in,
)

logger = logging.getLogger(__name__)

__all__ = ["USER_CONFIG_PATH", "Actor", "ActorTable", "default_table", "normalise_speaker", "same_actor"]

#: The documented table in a source checkout: a link to the packaged ``contradict/data/actors.toml``.
USER_CONFIG_PATH = Path(__file__).resolve().parent.parent.parent / "configs" / "actors.toml"
_PACKAGED = ("data", "actors.toml")

_APOSTROPHES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'"})
_SPACE_RE = re.compile(r"\s+")
_ARTICLES_RE = re.compile(r"^(?:(?:a|an|the|one|two)\s+)+", re.IGNORECASE)
_PLURAL_RE = re.compile(r"\bofficials\b", re.IGNORECASE)
_PARTS_RE = re.compile(r"\s*[()\[\],;/]\s*|\s+[-\u2013\u2014]\s+")
_WIKIPEDIA_RE = re.compile(r"^\s*wikipedia\s*:\s*(?P<page>.*\S)\s*$", re.IGNORECASE)


def normalise_speaker(text: str) -> str:
    """A speaker string cleaned for display: quotes, surrounding punctuation, leading articles and the plural
    "officials" normalised, whitespace collapsed; case kept.

    Example:
        >>> normalise_speaker("  two  U.S. officials ")
        'U.S. official'
    """
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    text = QUOTE_MARKS_RE.sub("", text)
    text = _SPACE_RE.sub(" ", text).strip(" '.,;:")
    text = _ARTICLES_RE.sub("", text)
    return _PLURAL_RE.sub(lambda m: m.group()[:-1], text)


def _key(text: str) -> str:
    """The matching key: the display form, case-folded, without full stops."""
    return _SPACE_RE.sub(" ", normalise_speaker(text).casefold().replace(".", "")).strip()


def same_actor(a: str | None, b: str | None) -> bool | None:
    """Whether two resolved actors are the same (case-insensitive; an organisation's name in another word order or
    as its initials counts); None when either is unknown, or when one is a government whose place is not named and
    the other a government.

    Example:
        >>> same_actor("U.S. administration", "u.s. administration"), same_actor("Kremlin", None)
        (True, None)
    """
    if a is None or b is None:
        return None
    if _key(a) == _key(b):
        return True
    if UNPLACED in (a, b) and is_government(a) and is_government(b):
        return None
    if is_government(a) and is_government(b) and same_place(_place_of(a), _place_of(b)):
        return True  # "Meridia government" / "Meridian government" (a ministry named by the adjective)
    return not is_government(a) and not is_government(b) and (
        _same_name_words(a, b) or _acronym_of(a, b) or _acronym_of(b, a) or _name_starts(a, b) or _name_starts(b, a)
        or _office_of(a, b) or _office_of(b, a) or _post_of(a, b) or _post_of(b, a)
        or _company_of(a, b) or _company_of(b, a) or _one_central_bank(a, b) or _conjunct_dropped(a, b)
        or _conjunct_dropped(b, a) or _named_inside(a, b) or _named_inside(b, a))


# Where an organisation's whole name may sit inside a longer speaker string: after its start, a comma, a bracket or
# "at / of / for / with (the)", and before its end, a comma, a bracket or a word in lower case.
_NAMED_INSIDE_LEAD = r"(?:^|[,(]\s*|(?<![\w'\u2019-])(?:at|of|for|with|from)\s+)(?:[Tt]he\s+)?"
_NAMED_INSIDE_END = r"(?=\s*$|\s*[,()]|\s+[a-z])"


def _short_forms(words: list[str]) -> list[str]:
    """Patterns for an organisation's name and the short form it goes by: its first word with its kind in lower
    case ("the Oakcombe cooperative" for "Oakcombe Shearers' Cooperative")."""
    forms = [r"\s+".join(map(re.escape, words))]
    if len(words) >= 3 and words[-1].casefold() not in _JOINERS:
        forms.append(re.escape(words[0]) + r"\s+" + re.escape(words[-1].lower()))
    return forms


def _named_inside(short: str, long: str) -> bool:
    """``long`` is someone speaking for ``short``, whose whole name of two or more capitalised words it holds, not
    after a person word and not as part of a longer name: "Kessel Hill Observatory" / "Oswin Farrant, outreach
    officer, Kessel Hill Observatory", "Cradlewell Fertility Centre" / "Cradlewell Fertility Centre (billing
    office)"; not "Greystone Academy" / "a parent at Greystone Academy", nor "Brenton University" / "Brenton
    University Students' Union"."""
    words = short.split()
    if len(words) < 2 or len(long) <= len(short) or not all(w[:1].isupper() or w.casefold() in _JOINERS
                                                            for w in words):
        return False
    m = None
    for pattern in _short_forms(words):
        m = re.search(_NAMED_INSIDE_LEAD + pattern + _NAMED_INSIDE_END, long.strip())
        if m is not None:
            break
    if m is None:
        return False
    before, after = long.strip()[:m.start()], long.strip()[m.end():]
    if re.search(r"[a-z]", before) and not re.search(r"[A-Z]", before) and not is_actor_word_in(before):
        return False  # "swimmer at ...": someone described by what they do there, with no name or role
    described = re.search(r"(?i)(?<![\w-])an?\s+(?:[\w-]+\s+){0,2}?([\w-]+)\s*$", before)
    if described and not is_actor_word_in(described.group(1)):
        return False  # "Jo Bell, a supporter of ...": a person by their tie to the body, not a role in it
    if re.search(r"(?i)(?<![\w-])an?\s+(?:[\w-]+\s+)?[\w-]+", after) and is_person_word_in(after):
        return False  # "Kestrel Ferries (Jo Bell, a passenger)"
    if is_separate_body_word_in(after):
        return False  # "Kestrel Airways pilot union": a body of its own
    return not is_person_word_in(before)


# A central bank's names: "Central Bank of X", "Reserve Bank of X", "X central bank", "Bank of X".
_CENTRAL_BANK_RE = re.compile(
    r"(?i)(?:the\s+)?(?:(?P<kind>central|reserve)\s+bank\s+of\s+(?:the\s+)?(?P<of>.+)|bank\s+of\s+(?:the\s+)?"
    r"(?P<plain>.+)|(?P<place>.+?)\s+(?P<kind2>central|reserve)\s+bank)")


def _central_bank_place(actor: str) -> tuple[str, bool] | None:
    """The place of a central bank's name and whether the name says it is the central bank, or None."""
    m = _CENTRAL_BANK_RE.fullmatch(actor.strip())
    if m is None:
        return None
    return m["of"] or m["plain"] or m["place"], bool(m["kind"] or m["kind2"])


def _one_central_bank(a: str, b: str) -> bool:
    """One country's central bank under two names, one of them saying "central" or "reserve": "Bank of Zelthia" /
    "Zelthian central bank", "Reserve Bank of Calder" / "Calder Reserve Bank" (not two "Bank of ..." names)."""
    pa, pb = _central_bank_place(a), _central_bank_place(b)
    return pa is not None and pb is not None and (pa[1] or pb[1]) and same_place(pa[0], pb[0])


# Words after a company's one-word name that only say what kind of company it is ("Ondernet Telecom").
_COMPANY_SUFFIXES = frozenset(["group", "holdings", "ltd", "limited", "inc", "plc", "llc", "corp", "corporation", "co",
                               "company", "industries", "international", "telecom", "telecoms", "technologies",
                               "enterprises", "global", "airways", "airlines", "party"])


def _company_of(short: str, long: str) -> bool:
    """``short`` is one capitalised word and ``long`` is that word plus company-kind words: "Ondernet" / "Ondernet
    Telecom", "Orvane" / "Orvane Group plc" (not "Ostmark" / "Ostmark Rail", a body of its own)."""
    ws, wl = short.split(), long.split()
    return len(ws) == 1 and ws[0][:1].isupper() and len(wl) > 1 and wl[0].casefold() == ws[0].casefold() and \
        all(w.casefold().strip(".") in _COMPANY_SUFFIXES for w in wl[1:])


# Words for the body that governs what it is named after ("X National Park Authority", "X Hospital Trust").
_GOVERNING = frozenset(["authority", "board", "trust", "trustees", "governors", "commission"])


def _name_starts(short: str, long: str) -> bool:
    """``long`` is ``short``'s name of two or more capitalised words followed by more of its name or a unit:
    "Hallowdene Museum" / "Hallowdene Museum of Maritime History", "Wenholt University" / "Wenholt University
    Admissions Office", "Tavisham National Park" / "Tavisham National Park Authority", "Kelby Ferries" / "Kelby
    Ferries Company" (not "Kelby Council" / "Kelby
    Museum"; not a body of its own inside it, "Brenton University Students' Union"; not one word: "Ostmark" /
    "Ostmark Rail")."""
    ws, wl = short.split(), long.split()
    return len(ws) >= 2 and len(wl) > len(ws) and all(w[:1].isupper() for w in ws) and \
        [w.casefold() for w in wl[:len(ws)]] == [w.casefold() for w in ws] and \
        all(w[:1].isupper() or w.casefold() in _JOINERS for w in wl[len(ws):]) and \
        not any(is_separate_body_word(w) and w.casefold().strip(".") not in _GOVERNING | _COMPANY_SUFFIXES
                for w in wl[len(ws):])
    # "Brenton University Students' Union" is a body of its own; "Tavisham National Park Authority" governs the park


_JOINERS = frozenset(["of", "the", "and", "&", "for"])


def _name_words(actor: str) -> list[str]:
    return [w for w in re.findall(r"[\w'\u2019-]+", actor) if w.casefold() not in _JOINERS]


def _same_name_words(a: str, b: str) -> bool:
    """One organisation's name in another word order: "Fisheries Board of Norvik" / "Norvik Fisheries Board"."""
    wa, wb = _name_words(a), _name_words(b)
    return len(wa) >= 2 and all(w[:1].isupper() for w in wa + wb) and sorted(w.casefold() for w in wa) == sorted(
        w.casefold() for w in wb)


def _acronym_of(short: str, long: str) -> bool:
    """``short`` is the initials of ``long``'s name, or of its part before "of", possibly after the same leading
    words: "NTSA" / "National Transport Safety Authority", "NCDA" / "National Cyber Defence Agency of Ruvenia",
    "Kelby FRS" / "Kelby Fire and Rescue Service"."""
    lead_s, lead_l = short.split(), long.split()
    shared = 0
    while shared < len(lead_s) - 1 and shared < len(lead_l) - 1 and \
            lead_s[shared].casefold() == lead_l[shared].casefold() and lead_s[shared][:1].isupper():
        shared += 1
    if shared:
        short, long = " ".join(lead_s[shared:]), " ".join(lead_l[shared:])
    if not re.fullmatch(r"[A-Z]{2,8}", short.strip()):
        return False
    words = re.findall(r"[\w'\u2019-]+", long)
    if not words or not all(w[:1].isupper() or w.casefold() in _JOINERS for w in words):
        return False
    # the whole name, or its part before any "of" ("ODC" / "Office of the Data Commissioner of Lindara"), or the name
    # after a place adjective ("GSA" / "Lindaran Grounds Safety Authority")
    parts = [words] + [words[:i] for i, w in enumerate(words) if w == "of"]
    if len(words) >= 4 and re.search(r"(?:an|ian|ese|ish|ic)$", words[0]):
        parts.append(words[1:])
    return any("".join(w[0] for w in ws if w.casefold() not in _JOINERS) == short.strip() for ws in parts if ws)


_OFFICE_RE = re.compile(r"(?i)office\s+of\s+the\s+(.+?)(?:\s+(?:of|for)\s+.+)?")


def _office_of(holder: str, office: str) -> bool:
    """``office`` is the office of the post ``holder`` names, alone or before its holder's name: "Data Commissioner" /
    "Office of the Data Commissioner of Lindara", "Ombudsman Ida Berg" / "Office of the Ombudsman"."""
    m = _OFFICE_RE.fullmatch(office.strip())
    if m is None:
        return False
    post, rest = m.group(1).casefold(), holder.strip()
    if rest.casefold() == post:
        return True
    name = rest[len(post):].strip() if rest.casefold().startswith(post + " ") else ""
    return bool(name) and all(w[:1].isupper() for w in name.split())  # "Data Commissioner Helga Sorrento"


#: Posts and the words of the bodies they head or serve: "Lusk Harbourmaster Ewan Crossley" speaks for the "Port of
#: Lusk Harbour Authority", "Hilstrow Chief Constable" for "Hilstrow Constabulary". General knowledge of who runs
#: what; :func:`_post_of` also asks for a shared distinctive word (the place or name), so two towns' posts stay apart.
POST_BODIES: dict[str, tuple[str, ...]] = {
    "harbourmaster": ("harbour", "port"), "harbour master": ("harbour", "port"),
    "chief constable": ("constabulary", "police"), "police commissioner": ("police",),
    "fire chief": ("fire",), "chief fire officer": ("fire",),
    "superintendent": ("school", "schools", "district"), "headteacher": ("school", "academy"),
    "head teacher": ("school", "academy"), "principal": ("school", "academy", "college"),
    "dean": ("cathedral", "faculty", "college"), "vicar": ("church", "parish"),
    "curator": ("museum", "gallery"), "librarian": ("library", "libraries"),
    "ranger": ("park", "reserve"), "warden": ("park", "reserve", "sanctuary"),
    "conductor": ("orchestra",), "editor": ("newspaper", "magazine", "gazette", "herald", "courier"),
    "public defender": ("public defender", "public defender's"), "coroner": ("coroner", "coroner's"),
    "stationmaster": ("station",), "commodore": ("club",),
}
_POST_RE = re.compile(r"(?i)(?<![\w-])(" + "|".join(sorted(map(re.escape, POST_BODIES), key=len, reverse=True))
                      + r")(?![\w-])")


def _post_of(holder: str, body: str) -> bool:
    """``holder`` names a post of ``body`` (:data:`POST_BODIES`) and the two share a distinctive word, the place or
    name: "Lusk Harbourmaster Ewan Crossley" / "Port of Lusk Harbour Authority", "Marguerite Okafor-Lisle, chief
    public defender for Tannerholt" / "Tannerholt Public Defender's Office" (not "Lusk Harbourmaster" / "Port of
    Brill Harbour Authority")."""
    m = _POST_RE.search(holder)
    if m is None:
        return False
    words = {w.casefold() for w in re.findall(r"[\w'\u2019-]+", body)}
    phrase = " ".join(re.findall(r"[\w'\u2019-]+", body)).casefold()
    if not any((w in phrase) if " " in w else (w in words) for w in POST_BODIES[m.group(1).casefold()]):
        return False
    return bool(distinctive_words(holder) & distinctive_words(body))


def _conjunct_dropped(short: str, long: str) -> bool:
    """``long`` is ``short``'s name with one "and <Name>" conjunct more, the first and last words shared:
    "Kelby Cemeteries Office" / "Kelby Cemeteries and Crematorium Office", "Ardell Roads Agency" / "Ardell Roads and
    Bridges Agency" (not "Norland Football Association" / "Norland Women's Football Association": no "and")."""
    ws, wl = short.split(), long.split()
    if len(ws) < 2 or not all(w[:1].isupper() for w in ws + [w for w in wl if w.casefold() not in _JOINERS]):
        return False
    for i in range(1, len(ws)):
        if [w.casefold() for w in wl[:i]] != [w.casefold() for w in ws[:i]] or i >= len(wl):
            return False
        if wl[i].casefold() in ("and", "&"):
            rest = [w.casefold() for w in ws[i:]]
            for k in range(1, 4):  # the conjunct: one to three capitalised words
                if [w.casefold() for w in wl[i + 1 + k:]] == rest and all(
                        w[:1].isupper() for w in wl[i + 1:i + 1 + k]):
                    return True
            return False
    return False


_DEMONYM_SUFFIXES = ("", "n", "an", "ian", "ese", "i", "ish", "ic")


def _place_of(government: str) -> str:
    place = re.sub(r"(?i)\s+(?:government|administration)$", "", government).strip()
    return re.sub(r"['\u2019]s?$", "", place)  # "Ukraine's government"


def same_place(place: str, other: str) -> bool:
    """Whether two place words name one place, one of them maybe as its adjective: "Meridia" / "Meridian",
    "Ukraine" / "Ukrainian", "China" / "Chinese", "Germany" / "German" (a stem and a demonym ending).

    Example:
        >>> same_place("Meridia", "Meridian"), same_place("Canada", "Canadian"), same_place("Meridia", "Karsland")
        (True, True, False)
    """
    p, q = place.lower().strip(), other.lower().strip()
    if not p or not q:
        return False
    if p == q:
        return True
    for x, y in ((p, q), (q, p)):
        stems = {x, x[:-1]} if x[-1] in "aeiouy" and len(x) > 3 else {x}
        if any(y == stem + suffix for stem in stems for suffix in _DEMONYM_SUFFIXES if stem + suffix != x):
            return True
    return False


@dataclass(frozen=True)
class Actor:
    """One actor and the names it speaks under.

    Attributes:
        name: the actor's name (what :meth:`ActorTable.resolve` returns).
        aliases: names matched whole, as a part of a speaker string, or as whole words inside one.
        exact: names matched only as a whole speaker string or a whole part of one.

    Example:
        >>> Actor("Kremlin", aliases=("Putin", "Dmitry Peskov")).name
        'Kremlin'
    """

    name: str
    aliases: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorTable:
    """Speaker -> actor lookup. Build it with :meth:`load` (TOML) or :meth:`from_mapping`.

    Attributes:
        actors: the actors, in table order.
        source: where the table was read from, or None.

    Example:
        >>> ActorTable((Actor("Kremlin", aliases=("Dmitry Peskov",)),)).resolve("Peskov, Dmitry Peskov")
        'Kremlin'
    """

    actors: tuple[Actor, ...] = ()
    source: str | None = None
    _whole: Mapping[str, str] = field(init=False, repr=False, compare=False)
    _inside: Mapping[str, str] = field(init=False, repr=False, compare=False)
    _inside_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        problems: list[str] = []
        whole: dict[str, str] = {}
        inside: dict[str, str] = {}
        for actor in self.actors:
            where = f"actors.{_toml_key(actor.name)}"
            if not isinstance(actor.name, str) or not actor.name.strip():
                problems.append(f"{where}: the actor name must be non-empty text")
                continue
            names = (
                [("name", actor.name, True)]
                + [("aliases", a, True) for a in actor.aliases]
                + [("exact", a, False) for a in actor.exact]
            )
            for kind, alias, contained in names:
                if not isinstance(alias, str) or not _key(alias):
                    problems.append(f"{where}.{kind}: expected non-empty text, got {alias!r}")
                    continue
                key = _key(alias)
                owner = whole.get(key)
                if owner is not None and owner != actor.name:
                    problems.append(f"{where}.{kind}: alias {alias!r} is also listed under actors.{_toml_key(owner)}")
                    continue
                whole[key] = actor.name
                if contained:
                    inside[key] = actor.name
        if problems:
            raise ConfigError([f"{self.source}: {p}" if self.source else p for p in problems])
        pattern = None
        if inside:
            alternatives = "|".join(re.escape(k) for k in sorted(inside, key=len, reverse=True))
            pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
        object.__setattr__(self, "_whole", MappingProxyType(whole))
        object.__setattr__(self, "_inside", MappingProxyType(inside))
        object.__setattr__(self, "_inside_re", pattern)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, source: str | None = None) -> ActorTable:
        """Build a table from parsed TOML (``{"actors": {name: {"aliases": [...], "exact": [...]}}}``).

        Every problem is reported at once in a :class:`~contradict.errors.ConfigError` with its dotted key.

        Example:
            >>> ActorTable.from_mapping({"actors": {"NATO": {"aliases": ["Jens Stoltenberg"]}}}).resolve(
            ...     "Jens Stoltenberg")
            'NATO'
        """
        problems: list[str] = []
        for key in data:
            if key != "actors":
                problems.append(f"{key}: unknown key (expected 'actors')")
        table = data.get("actors", {})
        actors: list[Actor] = []
        if not isinstance(table, Mapping):
            problems.append(f"actors: expected a table, got {type(table).__name__}")
            table = {}
        for name, entry in table.items():
            where = f"actors.{_toml_key(name)}"
            if not isinstance(entry, Mapping):
                problems.append(f"{where}: expected a table with 'aliases' and 'exact', got {type(entry).__name__}")
                continue
            lists: dict[str, tuple[str, ...]] = {}
            for key, value in entry.items():
                if key not in ("aliases", "exact"):
                    problems.append(f"{where}.{key}: unknown key (expected 'aliases' or 'exact')")
                elif not isinstance(value, list):
                    problems.append(f"{where}.{key}: expected a list of names, got {type(value).__name__}")
                else:
                    for i, alias in enumerate(value):
                        if not isinstance(alias, str) or not alias.strip():
                            problems.append(f"{where}.{key}[{i}]: expected non-empty text, got {alias!r}")
                    lists[key] = tuple(a for a in value if isinstance(a, str) and a.strip())
            actors.append(Actor(name, lists.get("aliases", ()), lists.get("exact", ())))
        try:  # aliases listed under two actors: reported together with the problems above
            table = cls(tuple(actors))
        except ConfigError as exc:
            problems.extend(exc.problems)
        if problems:
            raise ConfigError([f"{source}: {p}" if source else p for p in problems])
        return cls(table.actors, source=source)

    @classmethod
    def load(cls, path: str | Path | None = None) -> ActorTable:
        """Read a TOML actor table; by default the one shipped inside the package.

        Args:
            path: a TOML file (e.g. an edited copy of ``configs/actors.toml``), or None for the packaged
                default (identical to ``configs/actors.toml``).

        Raises:
            ConfigError: the file cannot be read, is not TOML, or breaks the table format.

        Example:
            >>> ActorTable.load().resolve("Dmitry Peskov")
            'Kremlin'
        """
        if path is None:
            resource = resources.files("contradict").joinpath(*_PACKAGED)
            source = "contradict/" + "/".join(_PACKAGED)
            try:
                text = resource.read_text(encoding="utf-8")
            except OSError as exc:
                raise ConfigError([f"{source}: cannot read the packaged actor table: {exc}"]) from None
        else:
            source = str(path)
            try:
                text = Path(path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ConfigError([f"{source}: cannot read: {exc}"]) from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError([f"{source}: not valid TOML: {exc}"]) from None
        table = cls.from_mapping(data, source=source)
        logger.debug("loaded %d actors from %s", len(table.actors), source)
        return table

    def _lookup(self, text: str) -> str | None:
        """The actor a string names in the table, or None."""
        key = _key(text)
        if not key:
            return None
        found = self._whole.get(key)
        if found is not None:
            return found
        for part in _PARTS_RE.split(normalise_speaker(text)):
            if part and (found := self._whole.get(_key(part))) is not None:
                return found
        if self._inside_re is None:
            return None
        best = max(self._inside_re.finditer(key), key=lambda m: (len(m.group()), -m.start()), default=None)
        return self._inside[best.group()] if best else None

    def resolve(self, speaker: str | None, organisation: str | None = None) -> str | None:
        """The actor behind a speaker (see the module docstring for the rules).

        Args:
            speaker: who said it ("John Kirby", "White House (John Kirby)", "Party P5"), or None.
            organisation: whom the speaker speaks for, when known; tried first.

        Returns:
            The actor's name from the table, the normalised speaker (or organisation) when the table does
            not know it, or None when both are missing or blank.

        Example:
            >>> ActorTable.load().resolve("John Kirby, National Security Council")
            'U.S. administration'
        """
        speaker = speaker if isinstance(speaker, str) and speaker.strip() else None
        organisation = organisation if isinstance(organisation, str) and organisation.strip() else None
        if organisation is not None and (found := self._lookup(organisation)) is not None:
            return found
        if speaker is not None:
            wiki = _WIKIPEDIA_RE.match(speaker)
            if wiki is not None:
                return "Wikipedia: " + _SPACE_RE.sub(" ", unicodedata.normalize("NFKC", wiki["page"]))
            if (found := self._lookup(speaker)) is not None:
                return found
        own = organisation if organisation is not None else speaker
        if own is None:
            return None
        derived = derived_actor(own)
        if derived is not None:
            return derived
        return normalise_speaker(own) or _SPACE_RE.sub(" ", own).strip()


def _toml_key(name: object) -> str:
    text = str(name)
    return text if re.fullmatch(r"[A-Za-z0-9_-]+", text) else '"' + text.replace('"', '\\"') + '"'


@lru_cache(maxsize=1)
def default_table() -> ActorTable:
    """The packaged actor table, read once.

    Example:
        >>> default_table().resolve("Downing Street")
        'UK government'
    """
    return ActorTable.load()
