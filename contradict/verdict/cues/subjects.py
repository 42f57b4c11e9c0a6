"""Named subjects: the names a text is about ("Meridia's income tax", "the Reserve Bank of Calder").

Two statements whose names have nothing in common are about different bodies, places or laws, however
alike their wording ("Greystone Academy requires a blazer" / "St. Columba Hospital requires a badge").

A name is a run of capitalised words (joined by "of", "and", "&", "de", "for", "the"), a possessive stripped;
a capitalised word that starts a sentence counts only when it is possessive ("Norland's") or part of a longer
name ("Orvane Group"), since a sentence-initial word is usually an ordinary word ("Parliament approved",
"Masks are required"). All-lower-case text has no names.

Example:
    >>> named_subjects("Students at Greystone Academy must wear a blazer, Meridia's ministry says.")
    ('greystone academy', 'meridia')
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...text import MONTHS, WEEKDAYS
from .tokens import IRREGULAR_PAST, crude_stem, is_function_word

_WORD_RE = re.compile(r"[A-Za-z][\w'\u2019.&-]*")
_JOINERS = frozenset({"of", "and", "&", "de", "for", "the", "on", "upon"})
_SENTENCE_END_RE = re.compile(r"[.!?:;]\s*$")
_POSSESSIVE_RE = re.compile(r"['\u2019]s?$")
# Capitalised words that are not names: titles, pronouns and words capitalised by custom.
_NOT_NAMES = frozenset({
    "i", "we", "our", "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "they", "his",
    "her", "their", "mr", "mrs", "ms", "dr", "fy", "q1", "q2", "q3", "q4",
}) | frozenset(MONTHS) | frozenset(WEEKDAYS)


# Capitalised at the start of a sentence, these are not a subject's first word.
_FUNCTION_WORDS = frozenset({"on", "in", "at", "by", "for", "from", "to", "as", "after", "before", "during", "since",
                             "under", "with", "without", "but", "and", "or", "so", "if", "when", "while", "all",
                             "every", "each", "some", "no", "any", "most", "many", "there", "here", "also", "yet"})


# Fiscal years, quarters and halves ("FY2026", "Q3", "H1") are times, not names.
_PERIOD_RE = re.compile(r"(?:fy|q[1-4]|h[12])(?:[-/]?\d{2,4})?")
# A currency before its amount is no name: a three-letter code ("SLD 20", "EUR 4") or a short word before an amount
# written with a separator ("Cr 310,000", "Fr 4.60"); not a numbered unit ("Ward 7", "Gate 12").
_CURRENCY_RE = re.compile(r"[A-Z]{3}\s\d|[A-Z][a-z]{0,2}\s\d{1,3}[,.]\d")


def _clean(word: str) -> str:
    return _POSSESSIVE_RE.sub("", word).rstrip(".").lower()


@lru_cache(maxsize=8192)
def named_subjects(text: str) -> tuple[str, ...]:
    """The names in ``text``, lower case, each once, in order (see the module docs for what counts)."""
    names: list[str] = []
    run: list[str] = []
    run_starts_sentence = False
    possessive = False

    def close() -> None:
        nonlocal run
        while run and run[-1].lower() in _JOINERS:
            run.pop()
        words = [w for w in run if (_clean(w) not in _NOT_NAMES and not _PERIOD_RE.fullmatch(_clean(w)))
                 or w.lower() in _JOINERS]
        starts = run_starts_sentence
        if starts and words and words[0] is run[0] and words[0].lower() in _FUNCTION_WORDS - _JOINERS:
            words.pop(0)  # "From FY2026", "In Ostberg": a preposition that starts the sentence is no name, and the
            starts = False  # name after it starts none
        while words and words[0].lower() in _JOINERS:
            words.pop(0)
        capitals = [w for w in words if w[0].isupper()]
        if capitals and (not starts or len(capitals) > 1 or possessive):
            name = " ".join(_clean(w) for w in words)
            if name and name not in names:
                names.append(name)
        run = []

    prev_end = 0
    for m in _WORD_RE.finditer(text):
        word = m.group()
        gap = text[prev_end:m.start()]
        starts_sentence = prev_end == 0 or bool(_SENTENCE_END_RE.search(text[:m.start()]))
        if run and (gap.strip(" ") or "," in gap):
            close()
        if _CURRENCY_RE.match(text, m.start()):
            word = word.lower()  # "Cr 310,000", "SLD 20": a currency before its amount is no name
        if word[0].isupper() and not word.isupper() or (word.isupper() and len(word) > 1):
            if not run:
                run_starts_sentence = starts_sentence
                possessive = False
            run.append(word)
            possessive = possessive or bool(_POSSESSIVE_RE.search(word)) and word.endswith(("'s", "\u2019s"))
        elif run and word.lower() in _JOINERS:
            run.append(word)
        elif run:
            close()
        prev_end = m.end()
    if run:
        close()
    return tuple(names)


def _tokens(name: str) -> set[str]:
    return {w for w in name.split() if w not in _JOINERS}


def first_capitalised(text: str) -> str | None:
    """The first capitalised word that is not a function word, title or calendar word ("Simon" in "Simon marries
    Greta"; "Reserve" in "The Reserve Bank ..."), lower case; None when there is none.

    Example:
        >>> first_capitalised("On 22 January, the Romanian government acted.")
        'romanian'
    """
    for m in _WORD_RE.finditer(text):
        word = m.group()
        if word[0].isupper() and _clean(word) not in _NOT_NAMES and word.lower() not in _FUNCTION_WORDS:
            return _clean(word)
    return None


def share_a_name(names: tuple[str, ...], text: str) -> bool:
    """Whether a word of any of ``names`` occurs in ``text`` (any case): "Calder" is shared by "Reserve Bank of
    Calder" and "the Calder treasury"; "The Maghreb states" shares "maghreb" even where it starts a sentence.

    Example:
        >>> share_a_name(("reserve bank of calder",), "Calder cut rates."), share_a_name(("meridia",), "Karsland")
        (True, False)
    """
    words = set(re.findall(r"[\w'\u2019.&-]+", text.lower()))
    words |= {_clean(w) for w in words}
    if any(token in words for name in names for token in _tokens(name)):
        return True
    # a name and its initials ("Solmaran Master Locksmiths' Association" / "SMLA"), either way round
    initials = {i for n in named_subjects(text) for i in initials_of(n)}
    return any(words & initials_of(name) or name in initials for name in names)


def initials_of(name: str) -> frozenset[str]:
    """The initials of each run of three or more words of a name, joiners left out ("members of the solmaran master
    locksmiths association" -> "smla" among others); none for a shorter name (two letters say too little).

    Example:
        >>> sorted(initials_of("caddorby water board")), sorted(initials_of("kessel hill"))
        (['cwb'], [])
    """
    words = [w for w in name.split() if w not in _JOINERS]
    return frozenset("".join(w[0] for w in words[i:j]) for i in range(len(words))
                     for j in range(i + 3, len(words) + 1))


# The verb that ends a sentence's subject: an auxiliary or modal, or a past-tense form ("raised", "approved").
_VERB_RE = re.compile(
    r"(?i)(?<![\w'\u2019-])(?:is|are|was|were|be|been|will|would|shall|should|must|may|might|can|could|has|have|had"
    r"|does|do|did|won't|can't|isn't|aren't|wasn't|weren't|doesn't|don't|didn't|[a-z]+ed"
    rf"|{IRREGULAR_PAST})"
    r"(?![\w'\u2019-])")


_DETERMINER_BEFORE_RE = re.compile(r"(?i)(?:^|[^\w'\u2019-])(?:the|a|an|its|their|our|his|her|this|that)\s+$")


@lru_cache(maxsize=8192)
def _first_verb(text: str) -> re.Match[str] | None:
    """The first verb of ``text``: an auxiliary, modal or past-tense form, or an earlier present-tense form
    (:func:`_present_verb`). An "-ed" word right after a determiner is a noun or adjective ("the speed limit", "a
    reduced fare"), and "-eed" words are rarely past forms ("need", "speed")."""
    found = None
    for m in _VERB_RE.finditer(text):
        word = m.group().lower()
        if word.endswith("ed") and word not in _PREDICATE_WORDS and (
                word.endswith("eed") or _DETERMINER_BEFORE_RE.search(text[:m.start()])):
            continue
        if m.group() == "May" and m.start() > 0:
            continue  # the month ("take effect in May"), not the modal
        found = m
        break
    present = _present_verb(text, found.start() if found else len(text))
    if present is not None and found is not None and not re.search(r"[,;:]", text[present.end():found.start()]):
        return found  # an auxiliary later in the same clause is the verb: the "-s" word is a plural noun ("long
        # range strikes inside Russia | has not changed")
    return present or found


_WORD_AT_RE = re.compile(r"[A-Za-z][\w'\u2019-]*|[^\w\s]")
# Words that end in "s" but are no present-tense verb, and words that cannot come right before one.
_NOT_PRESENT = frozenset({"this", "thus", "plus", "less", "unless", "always", "perhaps", "news", "series", "species",
                          "means", "across", "towards", "afterwards", "whereas", "besides", "sometimes", "various",
                          "hours", "days", "weeks", "months", "years", "times", "minutes"})
_NOT_BEFORE_PRESENT = frozenset({"new", "old", "all", "other", "some", "many", "most", "more", "fewer", "several",
                                 "public", "local", "national", "annual", "monthly", "weekly", "daily", "late", "early",
                                 "free", "full", "extra", "higher", "lower"})


def _present_verb(text: str, before: int) -> re.Match[str] | None:
    """A third-person present-tense verb right after a name or a noun, before offset ``before``: "Brindlecote's
    Northside clinic | stops offering ...", "Deskwharf Quayside | extends its hours". A plural noun looks the same
    ("parking fees | will rise", "the rules"), so the word must not follow a determiner, quantity word or
    adjective, nor come before an auxiliary, "of" or a break, and an auxiliary later in the same clause wins
    (:func:`_first_verb`)."""
    words = list(_WORD_AT_RE.finditer(text[:before]))
    for i, m in enumerate(words[1:-1], start=1):
        word = m.group()
        if not (word.islower() and word.endswith("s") and len(word) > 3) or word.endswith(("ss", "us", "is", "'s")):
            continue
        if word in _NOT_PRESENT or word in _PREDICATE_WORDS or is_function_word(word):
            continue
        prev, nxt = words[i - 1].group(), words[i + 1].group()
        if not prev[0].isalpha() or not nxt[0].isalpha():
            continue  # a break on either side
        prev_is_noun = prev.islower() and not prev.endswith("s") and prev not in _NOT_BEFORE_PRESENT and \
            not is_function_word(prev)
        prev_is_name = prev[0].isupper() and _clean(prev) not in _NOT_NAMES and prev.lower() not in _JOINERS
        if not (prev_is_noun or prev_is_name):
            continue
        if nxt.lower() in _PREDICATE_WORDS or nxt.lower() in ("of", "and", "or", "that", "which", "who"):
            continue
        return m
    return None


@lru_cache(maxsize=8192)
def subject_names(text: str) -> tuple[str, ...]:
    """The names in a text's subject: before its first auxiliary, modal or past-tense verb ("Students at
    Greystone Academy | must wear ...", "Meridia's top rate | is 45%"). Names later in the sentence (objects,
    places) are left out: "Food trucks are banned from the Old Town" has none.

    Example:
        >>> subject_names("The Reserve Bank of Calder raised its rate in Ostberg.")
        ('reserve bank of calder',)
    """
    verb = _first_verb(text)
    return named_subjects(text[:verb.start()]) if verb else ()


# A word that starts the predicate: auxiliaries, modals, negation, or one of these in the replaced part means the
# texts differ in what is said, not in what it is said about.
_PREDICATE_WORDS = frozenset({
    "is", "are", "was", "were", "be", "been", "will", "would", "shall", "should", "must", "may", "might", "can",
    "could", "has", "have", "had", "does", "do", "did", "not", "no", "never", "none", "nobody", "nothing",
})
# Nouns and verbs ending in "-est" that are no superlative ("the interest rate", "the forest", "the west wing").
_NOT_SUPERLATIVE = ("interest", "request", "forest", "harvest", "contest", "protest", "west", "midwest", "test",
                    "guest", "chest", "nest", "rest", "quest", "conquest", "arrest", "inquest", "manifest", "digest",
                    "behest", "pest", "vest", "crest", "priest", "tempest", "bequest", "suggest", "invest")
# Predicates that only one subject can satisfy ("won the election", "is the largest city", "the first to"):
# there, different subjects do conflict.
_UNIQUE_RE = re.compile(r"(?i)(?<![\w-])(?:won|wins?|winning|elected|the\s+(?:(?!" + "|".join(_NOT_SUPERLATIVE) +
                        r"(?![\w-]))\w+est|most\s+\w+|first|last|only|sole|largest|biggest|highest|lowest|best|worst)"
                        r"|(?:is|are|was|were|became|becomes|remains)\s+(?:still\s+)?the\s+[a-z]+)(?![\w-])")
# Words that give a quantity of a subject rather than name it.
_QUANTITY_WORDS = frozenset({
    "percent", "per", "cent", "half", "third", "thirds", "quarter", "quarters", "most", "majority", "minority", "few",
    "fewer", "many", "several", "all", "none", "some", "dozen", "dozens", "hundreds", "thousands", "twenty", "thirty",
    "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion"})
_UNIT_SIGNS = frozenset({"%", "$", "£", "€", "¥"})
_DEFINITE_OBJECT_RE = re.compile(r"(?i)\s+(?:him|her|them|it|the|this|that)(?![\w'\u2019-])")
_LEADING = frozenset({"the", "a", "an", "this", "that", "these", "those"}) | _FUNCTION_WORDS
_COPULAS = frozenset({"is", "are", "was", "were", "be", "been", "remains", "remain", "stays", "stay"})
# "the 19th of each month", "the first Monday", "the 1st": a day or a count after a copula, not a post or an event
_DATED_DEFINITE_RE = re.compile(r"(?i)\s+the\s+(?:\d|first|second|third|fourth|fifth|last)")


def unique_predicate(text: str) -> bool:
    """Whether a text says something only one subject can be ("won the election", "is the largest city", "the first
    to"): said of two different subjects, such claims conflict.

    Example:
        >>> unique_predicate("Oslo is the largest city."), unique_predicate("The interest rate is 4%.")
        (True, False)
    """
    return bool(_UNIQUE_RE.search(text))


def subject_difference(a: str, b: str) -> tuple[str, str] | None:
    """What two texts are about, where that is what differs between them: the words each puts first in its
    subject (before the first auxiliary, modal or past-tense verb, or at the very start) that the other replaces.

    "The hospital's emergency department is closed until May" / "The school's sports hall is closed until May"
    differ in their subject; "The ban was lifted" / "The ban remains" do not; a replaced number, date, negation or
    auxiliary is a difference in what is said, and a predicate only one subject can satisfy ("won the election",
    "is the largest city") makes different subjects conflict, so neither counts.

    Example:
        >>> subject_difference("Northwind employees get 25 days of leave.", "Orvane employees get 30 days of leave.")
        ('Northwind', 'Orvane')
        >>> subject_difference("Taxes will rise.", "Taxes will not rise.") is None
        True
    """
    import difflib

    from .tokens import _STOPWORDS, _content

    if unique_predicate(a) or unique_predicate(b):
        return None
    ta, tb = _content(a), _content(b)
    if not ta or not tb:
        return None
    verb_a, verb_b = _first_verb(a), _first_verb(b)
    for text, verb in ((a, verb_a), (b, verb_b)):
        if verb is not None and _DEFINITE_OBJECT_RE.match(text, verb.end()) and not (
                verb.group().lower() in _COPULAS and _DATED_DEFINITE_RE.match(text, verb.end())):
            return None  # "X killed him" / "Y killed him", "X is the chair": one event or post (not "X is the 19th")
    matcher = difflib.SequenceMatcher(a=[t.key for t in ta], b=[t.key for t in tb], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            if any(t.key not in _LEADING for t in ta[i1:i2]) and not (verb_a and verb_b):
                return None  # a shared content word comes first and no verb marks where the subject ends
            continue
        if op != "replace":
            return None  # words only added or dropped: the same subject, said with more or less
        old, new = ta[i1:i2], tb[j1:j2]
        if any(crude_stem(o.key) == crude_stem(n.key) for o in old for n in new if o.text.islower() and
               n.text.islower()):
            return None  # one word's forms ("Mountain bikes" / "Mountain bikers"): one subject
        if verb_a and verb_b and old[-1].start >= verb_a.start() and new[-1].start >= verb_b.start():
            return _renamed_subject(a, b, ta, tb, i1, old, new, verb_a, verb_b)
        if any(t.number or t.date or t.key in _PREDICATE_WORDS or t.key in _QUANTITY_WORDS for t in (*old, *new)):
            return None  # "Ninety percent of signallers" / "Fewer than a third of signallers": a quantity, one subject
        keys_a, keys_b = {t.key for t in ta}, {t.key for t in tb}
        if all(t.key in keys_b or t.key in _STOPWORDS for t in old) or \
                all(t.key in keys_a or t.key in _STOPWORDS for t in new) or \
                any(t.key in keys_b for t in old[1:] if t.text[:1].isupper()) or \
                any(t.key in keys_a for t in new[1:] if t.text[:1].isupper()):
            return None  # the words or names come later in the other ("Swimming in Lake Orm" / "Bathing in ... Lake Orm")
        in_subject = ((verb_a is None or old[0].start < verb_a.start()) and
                      (verb_b is None or new[0].start < verb_b.start()))
        at_start = all(t.key in _LEADING for t in ta[:i1])
        if not (in_subject and (at_start or (verb_a and verb_b))):
            return None
        if all(t.key in _NOT_NAMES or t.key in _LEADING or t.key in _STOPWORDS for t in old) or \
                all(t.key in _NOT_NAMES or t.key in _LEADING or t.key in _STOPWORDS for t in new):
            return None  # pronouns and function words ("we" / "they", "there" / "this"): no named subject
        later = [ta[k] for op2, k1, k2, _, _ in matcher.get_opcodes() if op2 == "equal" and k1 >= i2
                 for k in range(k1, k2)]
        if not any((t.key not in _STOPWORDS and t.kind == "word") or t.key in _UNIT_SIGNS for t in later):
            # nothing said about both: not one predicate of two subjects ("... is 12%" counts), unless two names
            return _renamed_subject(a, b, ta, tb, i1, old, new, verb_a, verb_b) if verb_a and verb_b else None
        old = [t for t in old if verb_a is None or t.start < verb_a.start()]  # the subject's words, not the verb
        new = [t for t in new if verb_b is None or t.start < verb_b.start()]
        return a[old[0].start:old[-1].end], b[new[0].start:new[-1].end]
    return None


# Words after which a number or date places what is said in time or space rather than naming a kind ("in 2019",
# "as of May", "since Monday").
_PLACING_WORDS = frozenset({"in", "on", "at", "by", "of", "since", "until", "till", "before", "after", "from", "to",
                            "during", "through", "throughout", "within", "for", "per", "than", "over", "under",
                            "about", "around", "between", "and", "or"})


def modifier_difference(a: str, b: str) -> tuple[str, str] | None:
    """Two texts whose subjects are different members of one kind, told apart by a number, date or weekday written
    before the same head noun: "The 2027 vintage has sold out" / "The 2026 vintage is still available"; "The 20-zelt
    note will be withdrawn" / "The 50-zelt note will stay"; "Wednesday's matinee" / "Thursday's matinee"; "the
    under-14 final" / "the under-16 final". What each says of its own member may differ. Not a number after a
    preposition ("in 2019", "as of May": when or where, not which), nor where a text names both members.

    Example:
        >>> modifier_difference("The 2027 vintage has sold out.", "The 2026 vintage is still available.")
        ('2027 vintage', '2026 vintage')
        >>> modifier_difference("In 2019 the fund grew 5%.", "In 2020 the fund grew 7%.") is None
        True
    """
    import difflib

    from .tokens import _STOPWORDS, _content

    if unique_predicate(a) or unique_predicate(b):
        return None
    verb_a, verb_b = _first_verb(a), _first_verb(b)
    if verb_a is None or verb_b is None:
        return None
    ta = [t for t in _content(a) if t.start < verb_a.start()]
    tb = [t for t in _content(b) if t.start < verb_b.start()]
    matcher = difflib.SequenceMatcher(a=[t.key for t in ta], b=[t.key for t in tb], autojunk=False)
    changed = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if len(changed) != 1 or changed[0][0] != "replace":
        return None
    _, i1, i2, j1, j2 = changed[0]
    old, new = ta[i1:i2], tb[j1:j2]
    if len(old) > 3 or len(new) > 3 or not all(_names_a_member(t, text) for toks, text in ((old, a), (new, b))
                                               for t in toks):
        return None
    k = i2 + (i2 < len(ta) and ta[i2].key == "'s")  # "Wednesday's matinee"
    head = ta[k] if k < len(ta) and j2 < len(tb) else None
    if head is None or head.number or head.date or head.key in _STOPWORDS or head.key == "'s":
        return None  # no head noun after the member's number or date
    if not (_opens_a_member(ta, i1, a) and _opens_a_member(tb, j1, b)):
        return None
    if any(t.key in _PLACING_WORDS or t.key in _STARTING_WORDS for t in ta[:1]) and "," in a[:verb_a.start()] or \
            "," in a[old[-1].end:head.start]:
        return None  # "From the 2024 season, each team ...", "Starting FY2024, grants ...": when, not what
    shown = lambda toks, text: any(re.search(rf"(?<![\w-]){re.escape(t.text)}(?![\w-])", text) for t in toks
                                   if t.key != "'s")
    if shown(old, b) or shown(new, a):
        return None
    def start(tokens: list, i: int, text: str) -> int:  # "under-14", not "14"
        joined = i > 0 and tokens[i - 1].key in ("under", "over") and text[tokens[i - 1].end:tokens[i].start] in (
            "-", "\u2013")
        return tokens[i - 1].start if joined else tokens[i].start
    return (a[start(ta, i1, a):ta[k].end], b[start(tb, j1, b):tb[j2 + k - i2].end])


_STARTING_WORDS = frozenset({"starting", "beginning", "effective", "as", "with", "until", "after", "before"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "our", "its", "their", "his", "her",
                          "my", "your", "each", "every", "next", "last"})


def _names_a_member(token, text: str) -> bool:
    """A token that tells one member of a kind from another: a year, a weekday or month, or a number joined to the
    word after it ("20-zelt", "5G", "8–10"); a bare count ("420 cases") is a quantity, not a member."""
    if token.key == "'s" or token.date:
        return True
    if not token.number:
        return False
    joined = text[token.end:token.end + 1] in ("-", "\u2013", "/") or text[token.end:token.end + 1].isalpha() or \
        text[token.start - 1:token.start] in ("-", "\u2013") and token.start > 0
    return joined or re.fullmatch(r"(?:19|20)\d\d", token.text) is not None


def _opens_a_member(tokens: list, start: int, text: str) -> bool:
    """Whether the member's words open its noun phrase: at the start, after a determiner or a name ("The 2027
    vintage", "Renvale's 2026 vintage"), or joined to "under" / "over" ("the under-14 final"); not after a
    preposition ("from 1 April 2026", "in 2019")."""
    if start == 0:
        return True
    before = tokens[start - 1]
    if before.key in ("under", "over") and text[before.end:tokens[start].start] in ("-", "\u2013"):
        return start < 2 or tokens[start - 2].key in _DETERMINERS
    return before.key in _DETERMINERS or (before.text[:1].isupper() and before.key not in _PLACING_WORDS)


def _leading_names(text: str, run: tuple, verb: re.Match[str]) -> tuple:
    """The names that open a replaced run, where the predicate follows right after them: "Hillcrest | Primary | will
    close" -> (Primary,); "Mill Lane in | Tregannon | remains zoned" -> (Tregannon,); () when the run does not start
    with a name or goes on with more of the subject."""
    names = []
    for t in run:
        if t.start >= verb.start() or t.kind != "word" or t.number or t.date or not t.text[:1].isupper() or \
                _clean(t.text) in _NOT_NAMES:
            break
        names.append(t)
    if not names or len(names) == len(run):
        return tuple(names)
    after = run[len(names)]
    present = _present_verb(text, verb.end())  # the verb itself is the word after it
    return tuple(names) if after.start >= verb.start() or (present is not None and present.start() == after.start) \
        else ()


def _renamed_subject(a: str, b: str, ta: tuple, tb: tuple, i1: int, old: tuple, new: tuple, verb_a: re.Match[str],
                     verb_b: re.Match[str]) -> tuple[str, str] | None:
    """Subjects that share a word and differ in a name, where the predicates differ too: "Hillcrest Primary will
    close" / "Hillcrest Secondary stays open", "Mill Lane in Brackwell has been rezoned" / "Mill Lane in Tregannon
    remains zoned for industry": two named things, each with its own news, not one thing said two ways."""
    from .tokens import _STOPWORDS

    if not any(t.key not in _LEADING and t.key not in _STOPWORDS and t.start < verb_a.start() for t in ta[:i1]):
        return None  # no shared word in the subject: what is compared is not one kind of thing
    names_a, names_b = _leading_names(a, old, verb_a), _leading_names(b, new, verb_b)
    if not names_a or not names_b:
        return None
    keys_a, keys_b = {t.key for t in ta}, {t.key for t in tb}
    if any(t.key in keys_b for t in names_a) or any(t.key in keys_a for t in names_b):
        return None  # the name comes elsewhere in the other text
    return a[names_a[0].start:names_a[-1].end], b[names_b[0].start:names_b[-1].end]


# "<Noun> <number or letter>" that names one of several units ("Ward 7", "Block A", "Line 2", "Gate B12"); a year is a
# period (left to the time rules), and a provision of one text ("Section 5", "Article 6") is not a separate thing.
_UNIT_ID_RE = re.compile(r"(?<![\w'\u2019-])([A-Z][a-z]+)\s+(?:No\.?\s*)?((?:[A-Z]?\d{1,3}[A-Z]?)|[A-Z])(?![\w'\u2019-])")
# A unit written in lower case takes a number only ("docking station 14", "locomotive No. 34"), after a noun that is
# no preposition, comparison or quantity ("under 16", "aged 12", "top 10" are no units).
_LOWER_UNIT_ID_RE = re.compile(r"(?<![\w'\u2019-])([a-z]{3,})\s+(?:[Nn]o\.?\s*|number\s+)?(\d{1,3}[A-Z]?)(?![\w'\u2019.,-])")
_NO_UNIT_NOUNS = frozenset({
    "under", "over", "above", "below", "aged", "age", "ages", "than", "least", "most", "top", "bottom", "about",
    "around", "nearly", "almost", "approximately", "some", "only", "just", "exactly", "from", "until", "till",
    "through", "between", "within", "into", "onto", "upon", "after", "before", "since", "per", "plus", "minus",
    "times", "every", "each", "first", "last", "next", "another", "other", "year", "years", "month", "months", "week",
    "weeks", "day", "days", "hour", "hours", "minute", "minutes", "season", "term", "grade", "level", "stage", "phase",
    "round", "gear", "size", "score", "scored", "won", "lost", "beat", "ranked", "rank", "number"})
_PROVISIONS = frozenset({"section", "article", "clause", "paragraph", "rule", "schedule", "annex", "appendix",
                         "part", "chapter", "regulation", "note", "item", "point", "step", "page", "option", "plan"})


def _unit_ids(text: str) -> dict[str, set[str]]:
    """The "<Noun> <id>" units a text names before its first verb, by noun (lower case): "Visiting on Ward 7 is
    suspended" -> {"ward": {"7"}}, "Docking station 14 is closed" -> {"station": {"14"}}; months, weekdays,
    provisions, quantities and comparisons ("under 16") are no units."""
    verb = _first_verb(text)
    head = text[:verb.start()] if verb else text
    out: dict[str, set[str]] = {}
    lower = [m for m in _LOWER_UNIT_ID_RE.finditer(head) if verb is not None and _id_ends_a_name(text, m.end(), verb)
             and _starts_a_name(text, m.start())]
    for m in (*_UNIT_ID_RE.finditer(head), *lower):
        noun = m.group(1).lower()
        if noun in _NOT_NAMES or noun in _PROVISIONS or noun in _FUNCTION_WORDS or noun in _JOINERS or \
                noun in _NO_UNIT_NOUNS or noun in _QUANTITY_WORDS:
            continue
        out.setdefault(noun, set()).add(m.group(2))
    return out


def _starts_a_name(text: str, start: int) -> bool:
    """Whether a lower-case noun starts a unit's name: it opens the text, or follows a capitalised word, a
    determiner or a preposition ("Docking station 14", "the lift in tower 2"), not a noun it may be the verb of
    ("members pay 40 euros")."""
    before = re.search(r"([\w'\u2019-]+)\W*$", text[:start])
    return before is None or before.group(1)[:1].isupper() or before.group(1).lower() in _LEADING


def _id_ends_a_name(text: str, end: int, verb: re.Match[str]) -> bool:
    """Whether a number written after a lower-case noun ends that noun's name: the verb or a function word comes
    next ("station 14 on Hill Street is", "tower 2 is"), not a noun it counts ("pay 40 euros")."""
    nxt = re.match(r"\s*([\w'\u2019-]+)", text[end:])
    return nxt is None or end + nxt.start(1) >= verb.start() or nxt.group(1).lower() in _FUNCTION_WORDS or \
        nxt.group(1).lower() in _JOINERS


def _mentions_unit(text: str, noun: str, ident: str) -> bool:
    """Whether ``text`` names the unit anywhere: its number alone, or its letter after the noun ("Block A", not the
    article "a")."""
    if ident.isalpha():
        return re.search(rf"(?i){noun}\w*\s+{re.escape(ident)}(?![\w-])", text) is not None
    return re.search(rf"(?i)(?<![\w-]){re.escape(ident)}(?![\w-])", text) is not None


def unit_difference(a: str, b: str) -> tuple[str, str] | None:
    """Two texts whose subjects name different units of one kind, each unit absent from the other text: "Visiting on
    Ward 7 is suspended" / "Ward 8 is open to visitors"; "Block A at Fenwick House will get new windows" / "Block B
    ... will not"; not a unit after the verb ("The meeting is in Room 101" / "... in Room 102": one meeting's place),
    nor "Section 5" / "Section 6" of one text.

    Example:
        >>> unit_difference("Trains on Line 2 are suspended.", "Line 3 runs as normal.")
        ('Line 2', 'Line 3')
        >>> unit_difference("The meeting is in Room 101.", "The meeting is in Room 102.") is None
        True
    """
    ids_a, ids_b = _unit_ids(a), _unit_ids(b)
    for noun in ids_a.keys() & ids_b.keys():
        only_a, only_b = ids_a[noun] - ids_b[noun], ids_b[noun] - ids_a[noun]
        if not only_a or not only_b:
            continue
        if any(_mentions_unit(b, noun, i) for i in only_a) or any(_mentions_unit(a, noun, i) for i in only_b):
            continue  # the other text names that unit too ("Ward 7 and Ward 8 are open")
        word = noun.capitalize()
        return f"{word} {min(only_a)}", f"{word} {min(only_b)}"
    return None


# Words that may stand between a verb and its object: determiners, possessives, quantities and a few adjectives
# (numbers, "500" or "five", are number tokens).
_OBJECT_LEAD = frozenset({"the", "a", "an", "its", "their", "our", "his", "her", "this", "that", "these", "those",
                          "some", "all", "every", "each", "new", "more", "extra", "additional", "further"})


def object_difference(a: str, b: str) -> tuple[str, str] | None:
    """What two texts do the same thing to, where that is what differs: one short run of words right after a shared
    verb and its determiner or number ("will fund 500 new | hospital beds" / "will fund 500 new | police officers";
    "approved the | budget" / "approved the | merger"). Both can be true: they are about different things. The
    subjects may differ (two speakers' own words for themselves), nothing else may: a changed verb ("will repair"
    / "will demolish"), a place or time after a preposition ("in the capital" / "in the north": one event's
    place), a number, date, name, negation or modal are left to the other rules.

    Example:
        >>> object_difference("The council approved the budget on Monday.", "The council approved the merger on Monday.")
        ('budget', 'merger')
        >>> object_difference("The summit is in the capital.", "The summit is in the north.") is None
        True
    """
    import difflib

    from .tokens import _STOPWORDS, _content

    ta, tb = _content(a), _content(b)
    verb_a = _first_verb(a)
    if not ta or not tb or verb_a is None:
        return None
    matcher = difflib.SequenceMatcher(a=[t.key for t in ta], b=[t.key for t in tb], autojunk=False)
    found = None
    for n, (op, i1, i2, j1, j2) in enumerate(matcher.get_opcodes()):
        if op == "equal":
            continue
        if n == 0:
            continue  # before anything is shared: the speakers' words for themselves ("The government" / "Our party")
        if op != "replace" or found is not None:
            return None
        found = (i1, i2, j1, j2)
    if found is None:
        return None
    i1, i2, j1, j2 = found
    old, new = ta[i1:i2], tb[j1:j2]
    if len(old) > 4 or len(new) > 4 or any(
            t.kind != "word" or t.number or t.date or t.key in _STOPWORDS or t.key in _PREDICATE_WORDS
            or t.text[:1].isupper() for t in (*old, *new)):
        return None
    k = i1 - 1
    while k >= 0 and ta[k].kind == "word" and not ta[k].number and ta[k].key not in _STOPWORDS and \
            ta[k].key not in _OBJECT_LEAD and ta[k].text.islower():
        k -= 1  # the object's own modifiers ("300 new school | buses")
    lead = k
    while k >= 0 and (ta[k].key in _OBJECT_LEAD or ta[k].number):
        k -= 1
    if k < 0 or k == lead or ta[k].key in _STOPWORDS or ta[k].start < verb_a.start():
        return None  # no determiner or number before the object, or a preposition or auxiliary before that
    return a[old[0].start:old[-1].end], b[new[0].start:new[-1].end]


# An organisation's own named site: "at its Harbour Street site", "our Ostberg precast plant".
_OWNED_SITE_RE = re.compile(
    r"(?<![\w'\u2019-])(?:its|our|their|(?:the\s+)?(?:company|group|firm|council|operator)['\u2019]s)\s+"
    r"((?:[A-Z][\w'\u2019-]*\s+)+)[a-z][\w-]*(?![\w'\u2019-])")


def owned_sites(text: str) -> frozenset[str]:
    """The name words of the sites, products or programmes a text says belong to its subject: a name after "its",
    "our" or "their" and before a common noun ("laid off 40 workers at its Harbour Street site" → {"harbour",
    "street"}; "its Premier account"). Month and weekday names are times, not names ("its Monday meeting").

    Example:
        >>> sorted(owned_sites("Dunmore hired 40 workers at its Ostberg precast plant."))
        ['ostberg']
    """
    return frozenset(w.lower() for m in _OWNED_SITE_RE.finditer(text) for w in m.group(1).split()
                     if _clean(w) not in _NOT_NAMES)


_FIRST_PERSON_RE = re.compile(r"(?<![\w'\u2019-])(?:(?i:we|our|ours|ourselves|my|mine)|us)(?![\w'\u2019-])")


def speaks_of_itself(text: str) -> bool:
    """Whether the text speaks in the first person ("we", "our", "us", "my"): its subject is its speaker, so the
    same words from another speaker are about someone else ("Our members voted to accept the offer" from two
    unions). Upper-case "US" is a country, not "us".

    Example:
        >>> speaks_of_itself("Our members voted to accept."), speaks_of_itself("US tariffs rise."), speaks_of_itself("Tell us.")
        (True, False, True)
    """
    return bool(_FIRST_PERSON_RE.search(text))
