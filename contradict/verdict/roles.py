"""Actors read from the shape of a speaker string, for speakers the alias table does not know.

Rules (tried in order; the first that applies gives the actor):

1. **A member of the public is not an institution**: a speaker written with an indefinite article and a
   person word ("a parent at Greystone Academy", "an eyewitness quoted by Norland Radio", "a shop owner
   quoted in the Gazette") or "<Name>, <person word>" ("Dario Russo, shop owner") is its own actor.
2. **Government**: a speaker with a government role or body (president, prime minister, chancellor,
   minister, spokesperson, press secretary, mayor; government, ministry, cabinet, treasury, city council,
   department, administration) speaks for the government of the place it names: "Norland government (Ilse
   Varga, Energy Minister)", "Prime Minister of Norland", "President Aron Dahl of Karsland", "Meridia Finance
   Minister Paolo Venn", "the Finance Ministry (Meridia)", "Ashford transport department" -> "<Place>
   government". Without a place ("Prime Minister Johan Brekke") the actor is a government whose place is
   unknown (:data:`UNPLACED`), which may be the same actor as any government. The opposition is not the
   government.
3. **Organisation**: "Orvane Group CEO Marta Lind", "Orvane Group press office", "Monetary Policy
   Committee, Reserve Bank of Calder" -> the organisation named before a role or office word, or the last
   part of the string ("Reserve Bank of Calder"); a role *of* or *for* an organisation ("Marta Lind, CEO of
   Orvane Group", "a spokesperson for the Fenmoor League") -> the organisation; a governing organ named after
   its organisation ("University of Eskerby Senate", "Orvane Group Board") speaks for it. A name without an
   organisation word counts as one right after a role ("Ines Marr, CEO of Corbel Engineering", unless it names
   a function: "Head of Public Affairs"), before a unit or department word ("Kettle Lane Studios press office",
   "Lindmoor Hotels guest services"), before a role in lower case and a name ("Harlow Gardens general manager Ana
   Reyes"), or outside brackets holding a person and a role ("ORSA (Lena Fik, head of enforcement)"). No place is
   read across a comma ("Prime Minister of Norland, Ilse Varga" -> "Norland government"; "Jo Park, Vice
   President for Research" is not a government of "Jo Park"), and a role after a comma is not a person word
   ("Sam Otto, head teacher of Greystone Academy" speaks for the academy).

Example:
    >>> derived_actor("Government of Karsland (Foreign Minister Lena Osk)")
    'Karsland government'
    >>> derived_actor("President Aron Dahl of Karsland"), derived_actor("Orvane Group CEO Marta Lind")
    ('Karsland government', 'Orvane Group')
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["GOVERNMENT_ROLES", "NATIONS", "ROLES", "UNPLACED", "derived_actor", "is_actor_word", "is_government"]

#: Role words as written (lower case) -> canonical role; two-word roles are matched before one-word ones.
ROLES: dict[str, str] = {
    "president": "president", "vice president": "vice president", "prime minister": "prime minister",
    "chancellor": "chancellor", "minister": "minister", "ministers": "minister",
    "secretary": "secretary", "secretaries": "secretary", "press secretary": "press secretary",
    "secretary-general": "secretary-general", "secretary general": "secretary-general",
    "general secretary": "secretary-general",
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
    "congressman": "representative", "congresswoman": "representative", "councilman": "councillor",
    "councilwoman": "councillor", "vice-chancellor": "vice-chancellor", "vice chancellor": "vice-chancellor",
    "rector": "rector", "provost": "provost", "dean": "dean", "principal": "principal", "headteacher": "principal",
    "head teacher": "principal", "registrar": "registrar", "treasurer": "treasurer", "manager": "manager",
    "owner": "owner", "co-owner": "owner", "proprietor": "owner", "founder": "founder", "co-founder": "founder",
}

#: Nationality or country as written (lower case, no possessive) -> the government behind its officials.
NATIONS: dict[str, str] = {
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

#: Canonical roles that head or sit in a government (a spokesperson or official speaks for whatever body the
#: string names: "a Meridia government spokesperson" is the government, "Air Force spokesperson" is not).
GOVERNMENT_ROLES = frozenset({"president", "vice president", "prime minister", "chancellor", "minister", "mayor"})
#: Actor of a government speaker whose place is not named.
UNPLACED = "government (place not named)"

_BODIES = ("government", "ministry", "cabinet", "treasury", "city council", "county council", "town council",
           "department", "administration", "foreign office", "home office")
_GOVERNMENT_BODY_WORDS = frozenset(w for body in _BODIES for w in body.split())
# Words that mark a capitalised run as an organisation's name rather than a person's.
_ORG_WORDS = frozenset(
    ["group", "inc", "ltd", "plc", "llc", "corp", "corporation", "company", "co", "bank", "brigade", "inspectorate", "directorate", "bureau", "secretariat", "tribunal", "committee", "council", "agency", "office", "authority", "association", "union", "federation", "university", "school", "college", "academy", "hospital", "clinic", "court", "party", "house", "ministry", "department", "service", "services", "commission", "board", "institute", "foundation", "club", "fc", "league", "airways", "airlines", "rail", "railway", "transit", "police", "army", "navy", "force", "forces", "command", "embassy", "parliament", "senate", "congress", "assembly", "management", "federal", "reserve", "treasury", "trust", "fund", "society", "church", "network", "media", "news", "times", "post", "herald", "gazette", "radio"])
# Lower-case words that name a unit of an organisation ("Orvane Group press office").
_UNIT_WORDS = frozenset(["press", "office", "team", "management", "board", "desk", "unit", "division", "staff", "spokesperson"])
# Lower-case words naming a department after an organisation's name ("Lindmoor Hotels guest services").
_DESK_WORDS = frozenset(["services", "service", "desk", "helpline", "customer", "guest", "support", "relations",
                         "communications", "operations", "media", "legal", "compliance", "hr", "department"])
# Words between a place and its body or role: departments and ranks ("Meridia Finance Minister").
_DEPARTMENT_WORDS = frozenset(
    ["finance", "health", "trade", "foreign", "defence", "defense", "energy", "transport", "interior", "justice", "education", "labour", "labor", "social", "affairs", "environment", "economy", "economic", "agriculture", "home", "deputy", "city", "state", "federal", "national", "regional", "municipal", "press", "parliamentary", "culture", "housing", "digital", "science", "industry", "employment", "treasury", "of", "for", "and", "the"])
# Policy areas between a place and a minister or ministry ("Solmaran Climate Minister"); only read there, since
# elsewhere they may be a body's own name ("Ardessa Revenue Office", "Alder Valley Water").
_POLICY_AREAS = _DEPARTMENT_WORDS | frozenset(
    ["climate", "tourism", "sport", "sports", "fisheries", "immigration", "migration", "security", "planning",
     "infrastructure", "development", "technology", "innovation", "equality", "equalities", "local", "rural",
     "welfare", "pensions", "arts", "heritage", "youth", "family", "families", "revenue", "budget", "taxation",
     "customs", "police", "policing", "water", "mines", "mining", "communications", "veterans", "land", "lands",
     "forestry", "food", "farming", "enterprise", "business", "investment", "work", "works"])
_PERSON_WORDS = frozenset(
    ["parent", "parents", "passenger", "passengers", "commuter", "commuters", "eyewitness", "witness", "resident", "residents", "neighbour", "neighbor", "tenant", "tenants", "customer", "customers", "shopper", "shoppers", "driver", "drivers", "nurse", "doctor", "teacher", "student", "pupil", "player", "fan", "fans", "worker", "workers", "employee", "employees", "voter", "voters", "owner", "shopkeeper", "trader", "visitor", "visitors", "patient", "patients", "member", "citizen", "citizens", "local", "locals", "farmer", "farmers", "protester", "protesters", "bystander", "onlooker", "reader"])
_WORD_RE = re.compile(r"[A-Za-z][\w'\u2019.&-]*")
_WORD_OR_COMMA_RE = re.compile(r"[A-Za-z][\w'\u2019.&-]*|,")
_ROLE_RE = re.compile(r"(?i)(?<![\w-])(?:" + "|".join(
    sorted((re.escape(r) for r in [*ROLES, *_BODIES]), key=len, reverse=True)) + r")(?![\w-])")


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() and word.lower() not in _DEPARTMENT_WORDS and word.lower() not in ROLES


def member_of_public(speaker: str) -> bool:
    """Whether a speaker is a person quoted as a member of the public ("a shop owner quoted in ...", "Jane Doe,
    a nurse"), not an institution.

    Example:
        >>> member_of_public("a shop owner quoted in the Port Elling Gazette"), member_of_public("Ashford City Council")
        (True, False)
    """
    head = speaker.strip().lower()
    first_words = re.findall(r"[a-z]+", head)[:4]
    if re.match(r"(?:an?|one|two|some|several)\s", head) and any(w in _PERSON_WORDS for w in first_words):
        return True
    parts = [p.strip() for p in re.split(r"[,(]", head) if p.strip()]
    if len(parts) < 2 or _ROLE_RE.match(re.sub(r"^(?:an?|the)\s+", "", parts[1])):
        return False  # "Sam Otto, head teacher of Greystone Academy": a role, not a person word
    return any(w in _PERSON_WORDS for w in re.findall(r"[a-z]+", parts[1])[:3])


def is_person_word_in(text: str) -> bool:
    """Whether a text holds a word for a member of the public ("parent", "passenger", "member", "resident"), not
    one that only says what a job deals with ("visitor officer", "customer services manager", "patient liaison")."""
    words = re.findall(r"[a-z]+", text.lower())
    return any(w in _PERSON_WORDS and not (i + 1 < len(words) and (
        ROLES.get(words[i + 1]) or words[i + 1] in _UNIT_WORDS | _DESK_WORDS | {"liaison", "relations"}))
        for i, w in enumerate(words))


def is_separate_body_word_in(text: str) -> bool:
    """Whether a text written after a name holds a word for a body of its own ("pilot union", "supporters' club"),
    not a unit of the same one ("press office", "tours desk") nor a role in it ("league manager")."""
    words = re.findall(r"[a-z]+", text.lower())
    return any(w in _ORG_WORDS and w not in _UNIT_WORDS | _DESK_WORDS | _ORGANS
               and not (i + 1 < len(words) and ROLES.get(words[i + 1])) for i, w in enumerate(words))


def is_actor_word_in(text: str) -> bool:
    """Whether a text holds a role or unit word ("spokesperson for", "press office of")."""
    return bool(_ROLE_RE.search(text)) or any(w in _UNIT_WORDS | _DESK_WORDS for w in re.findall(r"[a-z]+", text.lower()))


def _place_near(words: list[str], i: int, n: int) -> str | None:
    """The place named next to the role or body ``words[i:i + n]``: "<Place> (departments) <role>" or
    "<role> (person) of <Place>"."""
    j = i - 1
    while j >= 0 and (words[j].lower() in _POLICY_AREAS or words[j].islower()):
        j -= 1  # "Meridia Finance Minister", "Solmaran Climate Minister", "Lakeview parks department"
    run: list[str] = []
    while j >= 0 and _is_name_word(words[j]):
        run.insert(0, words[j])
        j -= 1
    heads_a_body = " ".join(words[i:i + n]).lower() in _BODY_HEADS
    if run and (j < 0 or not words[j][:1].isupper()) and not any(w.lower() in _ORG_WORDS for w in run) and not (
            heads_a_body and len(run) == 1 and re.fullmatch(r"[A-Z]{2,8}", run[0]) and run[0].lower() not in NATIONS):
        return re.sub(r"['\u2019]s$", "", " ".join(run))  # "Norland's Energy Minister"; not "VCF president"
    k = i + n
    while k < len(words) and words[k][:1].isupper() and words[k].lower() not in ("of",):
        k += 1  # a person's name after the role: "President Aron Dahl of Karsland"
    if k < len(words) and words[k].lower() == "of":
        k += 1
        if k < len(words) and words[k].lower() == "the":
            k += 1
        run = []
        while k < len(words) and (_is_name_word(words[k]) or (run and words[k].lower() in ("and", "of"))):
            run.append(words[k])
            k += 1
        while run and run[-1].lower() in ("and", "of"):
            run.pop()
        if run and not (heads_a_body and any(w.lower().strip(".'\u2019") in _ORG_WORDS for w in run)):
            return " ".join(run)  # not "president of the Velmoran Chess Federation": an organisation's president
    return None


# Government roles that also head clubs, federations, associations and universities ("FIFA president", "president of
# the Chess Federation", "Chancellor of the University of Eskerby"): before initials or after "of" an organisation,
# they name the organisation's head, not a government.
_BODY_HEADS = frozenset(["president", "vice president", "chancellor"])


def _government_marks(speaker: str) -> list[re.Match[str]]:
    """The government roles and bodies named in ``speaker``."""
    return [m for m in _ROLE_RE.finditer(speaker)
            if m.group().lower() in _BODIES or ROLES.get(m.group().lower()) in GOVERNMENT_ROLES]


def _government(speaker: str) -> str | None:
    if not _government_marks(speaker):
        return None
    # each part on its own first, so that a name after a comma is not read as the place ("Prime Minister of
    # Norland, Ilse Varga"), then the whole string
    parts = [p for p in re.split(r"\s*[,()]\s*", speaker) if p.strip()]
    for part in (parts if len(parts) > 1 else []):
        place = _placed_role(part)
        if place:
            return f"{place} government"
    place = _placed_role(speaker)
    if place:
        return f"{place} government"
    for inner in re.findall(r"\(([^()]*)\)", speaker):  # "the Finance Ministry (Meridia)"
        names = [w for w in _WORD_RE.findall(inner)]
        if names and "," not in inner and all(_is_name_word(w) for w in names):
            return f"{' '.join(names)} government"
    if all(m.group().lower() in _BODY_HEADS for m in _government_marks(speaker)) and _organisation(speaker):
        return None  # "VCF president Mireille Tanaka": the head of an organisation, which _organisation names
    return UNPLACED


def _placed_role(speaker: str) -> str | None:
    """The place named next to a government role or body in ``speaker``, or None."""
    found = _government_marks(speaker)
    # a comma is kept as a token: no place is read across it ("Jo Park, Vice President for Research")
    words = [m.group().rstrip(".,") for m in _WORD_OR_COMMA_RE.finditer(speaker)]
    lowered = [w.lower() for w in words]
    for m in found:
        role = m.group().lower().split()
        for i in range(len(lowered) - len(role) + 1):
            if lowered[i:i + len(role)] == role:
                place = _place_near(words, i, len(role))
                if place:
                    return place
    return None


# Governing organs that speak for the organisation they are named after ("University of Eskerby Senate").
_ORGANS = frozenset(["senate", "board", "council", "committee", "executive", "trustees", "governors", "directors"])
# "<role> of / for / at (the) <Organisation>": "CEO of Orvane Group", "a spokesperson for the Fenmoor League"
_ROLE_OF_ORG_RE = re.compile(r"(?<![\w-])(?:of|for|at)\s+(?:the\s+)?((?:[A-Z][\w'\u2019.&-]*|of|and|&|for)"
                             r"(?:\s+(?:[A-Z][\w'\u2019.&-]*|of|and|&|for))*)")


def _trim_joiners(run: list[str]) -> list[str]:
    """A name run without trailing joiners ("Bank of" -> "Bank")."""
    out = list(run)
    while out and out[-1].lower() in ("of", "and", "&", "for", "the"):
        out.pop()
    return out


def _without_organs(run: list[str]) -> list[str]:
    """A name run without trailing organ words when an organisation word stays: "University of X Senate"."""
    out = list(run)
    while len(out) > 1 and out[-1].lower() in _ORGANS and any(
            w.lower().strip(".'\u2019") in _ORG_WORDS for w in out[:-1]):
        out = _trim_joiners(out[:-1])
    return out


# (an organ written in lower case after the name is the body's own: "GEPT council", "Ardell Rowing Club committee";
# so is a unit named by what it handles: "Ambervale Glassworks tours desk", "Harlow Zoo membership office")
_NAME_THEN_UNIT_RE = re.compile(r"(?:the\s+)?([A-Z][\w'\u2019.&-]*(?:\s+(?:[A-Z][\w'\u2019.&-]*|of|and|&))*)\s+"
                                r"((?:[a-z][\w'\u2019-]*\s+){0,2}?)(?:" + "|".join(sorted(_UNIT_WORDS | _DESK_WORDS | _ORGANS)) + r")(?:\s+(?:"
                                + "|".join(sorted(_UNIT_WORDS | _DESK_WORDS | _ORGANS)) + r"))*")


# The roles written in lower case, as a regex alternation (longest first).
_LOWER_ROLES = "|".join(sorted((re.escape(r) for r in ROLES if r == r.lower() and r[:1].isalpha()), key=len,
                               reverse=True))
# "<Name> <role written in lower case> <Person>": "Harlow Gardens general manager Ana Reyes", "Acme chief executive Jo Bell"
_NAME_THEN_ROLE_RE = re.compile(
    r"(?:the\s+)?([A-Z][\w'\u2019.&-]*(?:\s+(?:[A-Z][\w'\u2019.&-]*|of|and|&))*)\s+(?:[a-z]+\s+)?(?:"
    + _LOWER_ROLES
    + r"|CEO|CFO|COO|CTO|CIO|CMO)\s+[A-Z]")  # "Skylark Air CEO Mara Lindholm": an upper-case role too
# "<INITIALS> <job in lower case> <First> <Last>": "MNPS ranger Ada Feld", "NTSA inspector Mira Holt"
_INITIALS_THEN_PERSON_RE = re.compile(r"([A-Z]{2,8})\s+(?:[a-z][a-z-]+\s+){1,2}[A-Z][a-z'\u2019-]+(?:\s+[A-Z][a-z'\u2019-]+)+")
# ... or a capitalised title from ROLES: "NPRT Director-General Saskia Venn", "UTU General Secretary Noor Bakshi"
_INITIALS_THEN_TITLED_RE = re.compile(r"([A-Z]{2,8})\s+((?:[A-Z][a-z]+[- ]){0,2}[A-Z][a-z]+)\s+[A-Z][a-z'\u2019-]+"
                                      r"(?:\s+[A-Z][a-z'\u2019-]+)+")
# "<Place> <body in lower case> <role> <First> <Last>": "Zelthian central bank governor Anouk Bray", "Norland
# football association president Ida Berg"
_PLACE_BODY_ROLE_RE = re.compile(
    r"(?:the\s+)?([A-Z][\w'\u2019-]*)\s+((?:[a-z]+\s+){0,2}[a-z]+)\s+(?:[a-z]+\s+)?(?:"
    + _LOWER_ROLES
    + r")\s+[A-Z][a-z'\u2019-]+(?:\s+[A-Z][a-z'\u2019-]+)+")
# "<Title> <First> <Last> (<Body>)": a titled person, the body they speak for in brackets ("Chief Ranger Osman
# Delacroix-Vey (Tavisham National Park)"); the bracket holds two or more capitalised words and no role
_PERSON_THEN_BODY_RE = re.compile(r"(?:[A-Z][\w.'\u2019-]*\s+){1,3}[A-Z][\w'\u2019-]+\s*"
                                  r"\(((?:the\s+)?[A-Z][\w'\u2019&.-]*(?:\s+(?:[A-Z][\w'\u2019&.-]*|of|and|for|&))+)\)")
# "<Body> (<Title> <First> <Last>)": the body outside the brackets speaks; inside, a title that holds a role word
# and a person ("Pimmerby Fire Brigade (Chief Fire Officer Ada Lorne)", "Kelby Pools (Duty Manager Jo Marsh)")
_BEFORE_TITLED_PERSON_RE = re.compile(r"(?:the\s+)?([A-Z][^(),]*?)\s*\(((?:[A-Z][\w'\u2019.-]*\s+){1,4})"
                                      r"[A-Z][a-z'\u2019-]+(?:\s+[A-Z][a-z'\u2019-]+)+\)")
# "<Body> (<Person>, <role>)": the body outside the brackets speaks; a person and a role are inside
_BEFORE_PERSON_RE = re.compile(r"(?:the\s+)?([A-Z][^()]*?)\s*\((?:Dr\.?\s+|Prof\.?\s+)?[A-Z][\w'\u2019.-]*"
                               r"(?:\s+[A-Z][\w'\u2019.-]*){0,3},\s*([^()]+)\)")


# "<Organisation> (<who speaks for it>)": a handle, a job in lower case and a person, a person and a job in lower case,
# or (after a name ending in a word for a kind of body) a person alone: "Rissmouth Jazz Festival (@RissJazz)",
# "Amberquay Film Festival (artistic director Corin Vasquez)", "Lenswright Repairs (Odhran Tulliver, owner)".
_PERSON = r"[A-Z][\w'\u2019.-]+(?:\s+[A-Z][\w'\u2019.-]+){1,3}"
_ORG_THEN_SPOKESPERSON_RE = re.compile(
    r"(?:the\s+)?(?P<org>[A-Z][\w'\u2019.&-]*(?:\s+(?:[A-Z][\w'\u2019.&-]*|of|and|&|for|the))+)\s*\(\s*(?:"
    r"@\w+|(?:[a-z][a-z-]+\s+){1,3}" + _PERSON + r"|" + _PERSON + r",\s*(?:the\s+)?(?:[a-z][a-z-]+\s*){1,4}"
    r"|(?P<person>" + _PERSON + r"))\s*\)")
# Last words of a name that say it is a body of some kind, not a person ("... Jazz Festival", "... Repairs").
_KIND_WORDS = frozenset(["festival", "prize", "centre", "center", "theatre", "theater", "museum", "gallery", "cathedral",
                         "studio", "studios", "clinic", "clinics", "pilots", "market", "fair", "orchestra", "choir",
                         "repairs", "rooms", "escapes", "coaches", "ferries", "cruises", "zoo", "library", "libraries"])


def _organisation_with_spokesperson(speaker: str) -> str | None:
    m = _ORG_THEN_SPOKESPERSON_RE.fullmatch(speaker.strip())
    if m is None or _ROLE_RE.search(m["org"]):
        return None  # "Chief Ranger Ada Feld (Tavisham National Park)": a person outside the brackets
    if m["person"] and m["org"].split()[-1].lower().strip(".'\u2019") not in _ORG_WORDS | _KIND_WORDS:
        return None  # "Ada Feld (Ola Finn)": nothing says which of the two is the body
    return m["org"]


def _organisation(speaker: str) -> str | None:
    bracketed = _organisation_with_spokesperson(speaker)
    if bracketed:
        return bracketed
    parts = [p.strip() for p in re.split(r"\s*[,()]\s*", speaker) if p.strip()]
    named = [p for p in parts if any(w.lower().strip(".'\u2019") in _ORG_WORDS and w[:1].isupper()
                                     for w in _WORD_RE.findall(p))]
    for part in reversed(named):  # the parent is named last: "Monetary Policy Committee, Reserve Bank of Calder"
        words = _WORD_RE.findall(part)
        run: list[str] = []
        for w in words:
            in_of_the = "the" in [x.lower() for x in run[-2:]]  # "Office of the Data Commissioner": part of the name
            if (ROLES.get(w.lower()) and not in_of_the) or (w.islower() and w in _UNIT_WORDS):
                break
            if w[:1].isupper() or (run and w.lower() in ("of", "and", "&", "for")) or (
                    run and w.lower() == "the" and run[-1].lower() in ("of", "for")):
                run.append(w)  # "Office of the Data Commissioner": "the" after "of" stays in the name
            else:
                break
        run = _trim_joiners(run)
        rest = [w.lower() for w in words[len(run):] if w.islower()]
        if any(w in _ORG_WORDS and w not in _UNIT_WORDS and w not in _ORGANS for w in rest):
            return None  # "Kestrel Airways pilot union": another body beside the organisation (not its "committee")
        if run and any(w.lower().strip(".'\u2019") in _ORG_WORDS for w in run):
            return " ".join(_without_organs(run))  # "Orvane Group CEO Marta Lind", "White House (John Kirby)"
    for part in reversed(parts):  # "Kettle Lane Studios press office": a name before a unit word
        m = _NAME_THEN_UNIT_RE.fullmatch(part)
        if m and not any(ROLES.get(w.lower()) for w in m.group(1).split()) and not any(
                ROLES.get(w) or w in _ORG_WORDS for w in m.group(2).split()):
            return m.group(1)
    named_role = _NAME_THEN_ROLE_RE.match(parts[0]) if parts else None
    if named_role and not any(ROLES.get(w.lower()) for w in named_role.group(1).split()):
        return named_role.group(1)  # "Harlow Gardens general manager Ana Reyes"
    initials = _INITIALS_THEN_PERSON_RE.fullmatch(speaker.strip())
    if initials and initials.group(1).lower() not in NATIONS:
        return initials.group(1)  # "MNPS ranger Ada Feld": a body's initials, a job in lower case, a person
    titled = _INITIALS_THEN_TITLED_RE.fullmatch(speaker.strip())
    if titled and titled.group(1).lower() not in NATIONS and ROLES.get(titled.group(2).lower()) and \
            ROLES[titled.group(2).lower()] not in GOVERNMENT_ROLES:
        return titled.group(1)
    inner = _PERSON_THEN_BODY_RE.fullmatch(speaker.strip())
    if inner and not _ROLE_RE.search(inner.group(1)):
        return inner.group(1)  # "Chief Ranger Osman Delacroix-Vey (Tavisham National Park)": the body in brackets
    titled = _BEFORE_TITLED_PERSON_RE.fullmatch(speaker.strip())
    if titled and not _ROLE_RE.search(titled.group(1)) and any(ROLES.get(w.lower()) for w in titled.group(2).split()):
        return titled.group(1)  # "Pimmerby Fire Brigade (Chief Fire Officer Ada Lorne)": a titled person inside
    outer = _BEFORE_PERSON_RE.fullmatch(speaker.strip())
    if outer and not _ROLE_RE.search(outer.group(1)) and not any(  # the role's head, not "head of customer services"
            w in _PERSON_WORDS for w in re.split(r"\s+(?:of|for|at)\s+", outer.group(2).lower())[0].split()[:3]):
        return outer.group(1)  # "NTSA (Mira Holt, head of licensing)": the body outside, a person and role inside
    for part in reversed(parts):  # "Marta Lind, CEO of Orvane Group", "a spokesperson for the Fenmoor League"
        words = _WORD_RE.findall(part)
        lowered = part.lower()
        job = part is not parts[0] and _JOB_OF_RE.match(part)  # "Name, chief engineer of the ...": a job in lower case
        if not job and not any(ROLES.get(w.lower()) or w.lower() in _UNIT_WORDS for w in words) and not any(
                r in lowered for r in ROLES if " " in r):
            continue
        for m in _ROLE_OF_ORG_RE.finditer(part):
            run = m.group(1).split()
            run = _trim_joiners(run)
            if any(w.lower().strip(".'\u2019") in _ORG_WORDS for w in run):
                return " ".join(_without_organs(run))
            if _named_after_role(part, m.start(), run):
                return " ".join(run)  # "Ines Marr, CEO of Corbel Engineering": a name without an organisation word
    return None


# A part after a person's name that is a job written in lower case, then "of / at / for": "chief engineer of the
# ...", "site manager at ..." (not "a supporter of ...": no article)
_JOB_OF_RE = re.compile(r"(?:[a-z][a-z-]+\s+){1,3}(?:of|at|for)\s")


# Capitalised words that name a function or unit inside an organisation, not the organisation itself
# ("Head of Communications", "Director of Public Health", "Vice President for Research").
_FUNCTION_WORDS = frozenset(
    ["communications", "communication", "marketing", "sales", "operations", "finance", "financial", "engineering",
     "research", "policy", "policies", "strategy", "people", "human", "resources", "hr", "legal", "compliance",
     "technology", "product", "products", "design", "security", "public", "health", "safety", "admissions",
     "studies", "student", "students", "staff", "risk", "audit", "investor", "relations", "customer",
     "service", "services", "data", "digital", "information", "planning", "programmes", "programs", "content",
     "news", "state", "internal", "external", "corporate", "affairs", "media", "press", "education", "care"])


# Roles that head a company: one capitalised word after them is the company ("Kasia Lund, CEO of Ondernet").
_COMPANY_ROLES = frozenset({"chief executive", "chair", "director", "manager", "owner", "founder"})


def _named_after_role(part: str, at: int, run: list[str]) -> bool:
    """Whether ``run`` (after "of / for / at" at ``at`` in ``part``) follows a role word directly and is a name:
    at least two words, or one after a company's officer ("CEO of Ondernet"), at least one of them not a function
    word ("Corbel Engineering", not "Public Health")."""
    before = _WORD_RE.findall(part[:at])
    person = 0  # "operations manager Ines Baltrop of X": a person's name between the role and "of"
    while person < min(3, len(before) - 1) and before[-1 - person][:1].isupper() and \
            not ROLES.get(before[-1 - person].lower()):
        person += 1
    if 2 <= person and before[-1 - person].islower():
        before = before[:-person]
    if not run or not before:
        return False
    tail = " ".join(before[-2:]).lower()
    role = ROLES.get(tail) or ROLES.get(before[-1].lower())
    if not role or (len(run) < 2 and role not in _COMPANY_ROLES):
        return False  # one word only after a company's officer: "CEO of Ondernet", not "Minister of Health"
    return any(w.lower().strip(".'\u2019") not in _FUNCTION_WORDS and w.lower() not in ("of", "and", "&", "for")
               for w in run)


@lru_cache(maxsize=4096)
def derived_actor(speaker: str) -> str | None:
    """The actor a speaker string stands for by its shape (module docs), or None when no rule applies."""
    if member_of_public(speaker) or "opposition" in speaker.lower():
        return None
    return _placed_body(speaker) or _government(speaker) or _organisation(speaker)


def _placed_body(speaker: str) -> str | None:
    """"<Place> <body in lower case> <role> <Person>" -> "<Place> <body>", where the body is not a government's:
    "Zelthian central bank governor Anouk Bray" -> "Zelthian central bank"; "Norland football association president
    Ida Berg" is the association's president, not the country's."""
    placed = _PLACE_BODY_ROLE_RE.fullmatch(speaker.strip())
    if placed is None:
        return None
    body = placed.group(2).split()
    if not any(w in _ORG_WORDS for w in body) or any(w in _GOVERNMENT_BODY_WORDS for w in body):
        return None
    return f"{placed.group(1)} {placed.group(2)}"


@lru_cache(maxsize=4096)
def distinctive_words(speaker: str | None) -> frozenset[str]:
    """The capitalised words of a speaker that tell it from others of its kind: "Port Elling City Council" ->
    {"port", "elling"}; role, body, department and organisation words are left out.

    Example:
        >>> sorted(distinctive_words("Northwind Logistics HR")), sorted(distinctive_words("Ashford City Council"))
        (['hr', 'logistics', 'northwind'], ['ashford'])
    """
    if not speaker:
        return frozenset()
    generic = _ORG_WORDS | _UNIT_WORDS | _DEPARTMENT_WORDS | _PERSON_WORDS | frozenset(
        w for r in (*ROLES, *_BODIES) for w in r.split())
    words = (w.rstrip(".").lower() for w in _WORD_RE.findall(speaker) if w[:1].isupper())
    return frozenset(w for w in (re.sub(r"['\u2019]s$", "", w) for w in words) if w not in generic and len(w) > 1)


_ACTOR_WORDS = _ORG_WORDS | _UNIT_WORDS | _PERSON_WORDS | _GOVERNMENT_BODY_WORDS


def is_separate_body_word(word: str) -> bool:
    """Whether a word names a body of its own, not a unit inside another ("Union", "Association", "Club"; not
    "Office", "Department", "Desk").

    Example:
        >>> is_separate_body_word("Union"), is_separate_body_word("Office")
        (True, False)
    """
    key = re.sub(r"['\u2019]s?$", "", word.lower()).strip(".")
    return key in _ORG_WORDS and key not in _UNIT_WORDS and key not in _DEPARTMENT_WORDS


def is_actor_word(word: str) -> bool:
    """Whether a (lower-case) word may name a speaker: a role, a body, an organisation or unit word, or a person word
    ("president", "ministry", "house", "office", "spokesperson", "resident").

    Example:
        >>> is_actor_word("president"), is_actor_word("house"), is_actor_word("tax")
        (True, True, False)
    """
    w = word.lower()
    return bool(ROLES.get(w)) or w in _ACTOR_WORDS


def is_government(actor: str | None) -> bool:
    """Whether a resolved actor is a government (including :data:`UNPLACED`)."""
    return actor is not None and (actor == UNPLACED or actor.lower().endswith((" government", " administration")))
