"""Norms: the force of a rule-like statement (obligation, prohibition, permission) and what narrows it.

A permission that conflicts with a rule on its face is often an exception inside it ("The Tenant shall not
sublet the premises" / "The Tenant may sublet one parking space to another resident"), and a permission
beside a duty is often an extra option ("Claims must be filed through the portal" / "Receipts may also be
emailed"). What tells them from a real conflict is whether the permission is narrower than the rule: a
quantity or limit ("one parking space", "up to ten days"), a condition ("provided", "with written approval",
"in an emergency", "under a permit"), a narrower subject ("Licensed operators", "A student who needs ..."), or
a scope restriction. A conflict needs the same act, the same scope and the opposite force.

Example:
    >>> n = norm("The Tenant may sublet one parking space to another resident.")
    >>> n.force, n.qualifiers
    ('permission', ('one',))
    >>> norm("The Tenant shall not sublet the premises.").force
    'prohibition'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .bounds import inside_excluded_side, limit_start, limits_complement, names_a_bound
from .scope import scope_restrictions
from .subjects import _first_verb
from .tokens import _STOPWORDS, _content, crude_stem

__all__ = ["Norm", "added_to_act", "conditional_exception", "definitional_exception", "duty_restated", "exception_in",
           "is_exception", "means_of_a_duty", "norm"]

_NEG = r"(?:not|n['\u2019]t|never)"
_BE = r"(?:is|are|be|was|were|remains?)"
_PROHIBITION_RE = re.compile(
    rf"(?i)(?<![\w-])(?:(?:shall|must|may|can|will|should)\s+{_NEG}|cannot|can['\u2019]t|mustn['\u2019]t"
    rf"|{_BE}\s+{_NEG}\s+(?:allowed|permitted|authori[sz]ed)|{_BE}\s+(?:prohibited|forbidden|banned|barred|not\s+to)"
    r"|no\s+(?:\w+\s+){1,5}(?:may|shall|can|is\s+allowed|are\s+allowed)|prohibits?|forbids?|bans?)(?![\w-])")
_PERMISSION_RE = re.compile(
    rf"(?i)(?<![\w-])(?:(?-i:may)|can|{_BE}\s+(?:allowed|permitted|free|entitled|exempt)|allowed\s+to"
    rf"|{_BE}\s+(?:also\s+|still\s+)?(?:welcome|accepted)"
    r"|has\s+the\s+right\s+to|have\s+the\s+right\s+to)(?![\w-])")
# An exemption is a permission, whatever rule word follows it ("are exempt from the ban")
# ("do not count toward the allowance", "are the one exception to our rule", "exception: ...")
_EXEMPT_RE = re.compile(rf"(?i)(?<![\w-])(?:{_BE}\s+(?!{_NEG}\s)(?:\w+\s+)?exempt(?:ed)?\s+from"
                        rf"|{_BE}\s+excused\s+from|(?:do|does)\s+{_NEG}\s+count\s+(?:towards?|against)"
                        rf"|{_BE}\s+(?:the\s+|an\s+)?(?:one\s+|only\s+)?exceptions?\s+to|exception\s*:"
                        r"|(?:the\s+)?(?:one|only|single|sole)\s+exception\s+to)(?![\w-])")
# No duty is a permission (not to act): "are not required to", "need not", "does not have to", "is optional"
_NO_DUTY_RE = re.compile(
    rf"(?i)(?<![\w-])(?:{_BE}\s+{_NEG}\s+(?:required|obliged|obligated|compelled)\s+to|need\s+not|needn['\u2019]t"
    rf"|(?:do|does|did)\s+{_NEG}\s+(?:have|need)\s+to|(?:don|doesn)['\u2019]t\s+(?:have|need)\s+to"
    rf"|{_BE}\s+(?:optional|voluntary))(?![\w-])")
_OBLIGATION_RE = re.compile(
    rf"(?i)(?<![\w-])(?:must|shall|{_BE}\s+(?:required|obliged|obligated)\s+to|ha(?:s|ve)\s+to|needs?\s+to"
    rf"|{_BE}\s+to\s+be)(?![\w-])")
_RECOMMENDATION_RE = re.compile(
    r"(?i)(?<![\w-])(?:recommend(?:s|ed|ing)?|advis(?:e|es|ed|ing)|urg(?:e|es|ed|ing)|should|ought\s+to"
    r"|encourag(?:e|es|ed|ing))(?![\w-])")
_ALSO_RE = re.compile(r"(?i)(?<![\w-])(?:may\s+also|can\s+also|also\s+(?:be\s+)?(?:accepted|possible|allowed)"
                      r"|alternatively|as\s+an\s+alternative|or\s+instead|as\s+well)(?![\w-])")
# Words that narrow a permission: quantities and limits, conditions, narrower subjects.
_QUALIFIER_RE = re.compile(
    r"(?i)(?<![\w-])(?:(?!(?:19|20)\d\d(?!\d))\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|single|a\s+few|small"
    r"|up\s+to|no\s+more\s+than|less\s+than|at\s+most|maximum|provided|if|where|once|when|unless|except"
    r"|in\s+an?\s+emergency|in\s+(?:exceptional|limited|certain|specific|urgent)\s+(?:cases|circumstances)"
    r"|with\s+(?:\w+\s+){0,3}(?:approval|consent|permission|permit|licen[cs]e|prescription|authori[sz]ation)"
    r"|with\s+(?:a|an)\s+(?:documented|registered|valid|certified|diagnosed|recognised|recognized|medical|written)"
    r"|under\s+(?:a|an|the)\s+(?:\w+\s+){0,2}(?:permit|licen[cs]e|exemption|waiver)"
    r"|after\s+(?:a|an)\s+\w+|who|that\s+(?:need|needs|have|has)|licensed|registered|accredited|qualified"
    r"|certified|approved|designated|such\s+as|for\s+(?:medical|scientific|research|religious|safety)"
    r"\s+(?:\w+\s+)?(?:purposes?|reasons?)?)(?![\w-])")


@dataclass(frozen=True)
class Norm:
    """The normative reading of one statement.

    Attributes:
        force: "obligation", "prohibition", "permission" or "recommendation".
        qualifiers: the narrowing words found (quantities, conditions, narrower subjects, scope), in order.
        also: the permission is an extra option ("may also", "alternatively").
        exemption: the permission exempts someone from a rule ("are exempt from the ban"): narrower by definition.
    """

    force: str
    qualifiers: tuple[str, ...] = ()
    also: bool = False
    exemption: bool = False


@lru_cache(maxsize=8192)
def norm(text: str) -> Norm | None:
    """The force of a rule-like statement and its qualifiers, or None when it states no rule (or recommendation).

    An exemption ("are exempt from the ban") is a permission; otherwise a prohibition wins over a permission or
    obligation word in the same text ("may not"); a duty denied ("are not required to", "need not", "is
    optional") is a permission; a permission wins over an obligation only when no obligation word is there; a
    recommendation ("recommends", "advises", "should") counts only where none of the others is there.
    """
    exemption = bool(_EXEMPT_RE.search(text))
    if exemption:
        force = "permission"
    elif _main_clause_prohibition(text) or _NOTICE_RE.match(text) and not _FINITE_RE.search(_MONTH_MAY_RE.sub(" ", text)):
        force = "prohibition"
    elif _NO_DUTY_RE.search(text):
        force = "permission"
    elif _OBLIGATION_RE.search(text):
        force = "obligation"
    elif _PERMISSION_RE.search(text):
        force = "permission"
    elif _RECOMMENDATION_RE.search(text):
        force = "recommendation"
    else:
        return None
    found = [" ".join(m.group().lower().split()) for m in _QUALIFIER_RE.finditer(text)]
    found += [s.lower() for s in scope_restrictions(text)]
    qualifiers = tuple(dict.fromkeys(found))
    return Norm(force, qualifiers, bool(_ALSO_RE.search(text)), exemption)


# A notice without a verb that rules something out: "No dogs in the sanctuary.", "Libraries: no eating in any
# building." (not "No customer data was accessed", which has a verb and is a claim).
_NOTICE_RE = re.compile(r"(?i)^\s*(?:[^:.!?]{1,60}:\s*)?no\s+(?!one\b|longer\b|more\b|change|doubt)[a-z]")
# The month after or before a day's number ("1 May", "May 3") is no modal.
_MONTH_MAY_RE = re.compile(r"\d\s+May\b|\bMay\s+\d")
_FINITE_RE = re.compile(r"(?i)(?<![\w-])(?:is|are|was|were|be|been|has|have|had|will|would|may|might|can|could"
                        r"|must|shall|should|do|does|did)(?![\w-])")


# A relative or conditional clause that a negated modal may stand in: "A runner who cannot attend | may send a friend".
_CLAUSE_LEAD_RE = re.compile(r"(?i)(?<![\w-])(?:who|whom|that|which|if|when|whenever|where|unless|whoever)"
                             r"(?:\s+[\w'\u2019-]+){0,3}\s*$")


def _main_clause_prohibition(text: str) -> bool:
    """Whether a prohibition word carries the text's force: not one inside a relative or conditional clause ("who
    cannot attend", "if the portal cannot be reached") when another force word follows it."""
    for m in _PROHIBITION_RE.finditer(text):
        rest = text[m.end():]
        if _CLAUSE_LEAD_RE.search(text[:m.start()]) and (
                _PROHIBITION_RE.search(rest) or _PERMISSION_RE.search(rest) or _OBLIGATION_RE.search(rest)
                or _NO_DUTY_RE.search(rest)):
            continue
        return True
    return False


# "Assistance dogs are not treated as pets", "A short-term let does not count as a sublet": the text takes a case
# out of a word that a rule uses.
_NOT_COUNTED_RE = re.compile(
    r"(?i)(?<![\w-])(?:(?:is|are)\s+not|isn['\u2019]t|aren['\u2019]t)\s+(?:treated|considered|regarded|counted|"
    r"classed|classified|defined|deemed)(?:\s+as)?\s+(?:an?\s+|the\s+)?(?P<a>[\w-]+)"
    r"|(?:does|do)\s+not\s+(?:count|qualify)\s+as\s+(?:an?\s+|the\s+)?(?P<b>[\w-]+)"
    r"|(?:does|do)\s+not\s+constitute\s+(?:an?\s+|the\s+)?(?P<c>[\w-]+)"
    r"|(?:doesn|don)['\u2019]t\s+(?:count|qualify)\s+as\s+(?:an?\s+|the\s+)?(?P<d>[\w-]+)")
# A condition a negated statement names: "No penalty is charged where the taxpayer was in hospital".
_CONDITION_RE = re.compile(r"(?i)(?<![\w-])(?:where|if|when|whenever|provided(?:\s+that)?|in\s+cases?\s+where"
                           r"|for\s+\w+\s+who)\s+(?!(?:you|they|we|he|she)\s+(?:prefer|wish|like|want|choose)"
                           r"|(?:preferred|wished|desired)(?![\w-]))(?P<rest>[^.;]+)")


def definitional_exception(rule_text: str, other_text: str) -> str | None:
    """The word of ``rule_text`` that ``other_text`` says a case does not count as ("Hotels do not accept pets" /
    "Assistance dogs are not treated as pets" → "pets"); None when there is none."""
    m = _NOT_COUNTED_RE.search(other_text)
    if m is None:
        return None
    word = next(g for g in m.groups() if g).lower()
    return word if crude_stem(word) in _act_words(rule_text) else None


def conditional_exception(rule_text: str, other_text: str) -> tuple[str, ...]:
    """The condition under which ``other_text`` reverses what ``rule_text`` states without one ("Late filing incurs
    a penalty of 200 crowns" / "No late-filing penalty is charged where the taxpayer was in hospital"; "The Bank
    will not intervene in the market" / "The Bank stands ready to intervene if trading becomes disorderly"): the
    condition's new words. Empty when the other text's main clause has the rule's polarity, names no condition,
    shares no act word with it, or the rule has a condition itself or says it has no exceptions. "Unless" and
    "except" are left out: there the main clause is the general rule ("will not be lifted unless ...")."""
    from .modality import negation_polarity

    m = _CONDITION_RE.search(other_text)
    if m is None or _CONDITION_RE.search(rule_text) or _NO_EXCEPTION_RE.search(rule_text) or \
            _ABSOLUTE_RULE_RE.search(rule_text):
        return ()
    main = other_text[:m.start()]
    if negation_polarity(rule_text) == negation_polarity(main):
        return ()
    rule_words = _act_words(rule_text)
    if not set(rule_words) & set(_act_words(main)):
        return ()
    return tuple(word for stem, word in _act_words(m.group("rest")).items() if stem not in rule_words)


def is_exception(rule_text: str, other_text: str) -> str | None:
    """How ``other_text`` sits inside the rule of ``rule_text``: ``"exception"`` (a permission narrower than a
    prohibition or duty), ``"extra option"`` (a permission beside a duty: "may also"), ``"means"`` (how a duty that
    names no way may be met: "online or by phone", :func:`means_of_a_duty`), or None (no such
    relation: a conflict, if the texts conflict, is a real one). :func:`exception_in` also says what narrows it.

    Example:
        >>> is_exception("Staff must file claims through the portal.", "Receipts may also be emailed to finance.")
        'extra option'
        >>> is_exception("Dogs are not allowed in the park.", "Dogs are allowed in the park.") is None
        True
    """
    found = exception_in(rule_text, other_text)
    return found[0] if found else None


def exception_in(rule_text: str, other_text: str) -> tuple[str, tuple[str, ...]] | None:
    """``(kind, narrowing words)`` when ``other_text`` is an exception or extra option inside the rule of
    ``rule_text`` (see :func:`is_exception`), else None. The words are what the explanation names: the case said not
    to count, the condition, the new qualifiers, "an exemption", or the words added to the act (none for an extra
    option that adds no qualifier).

    Example:
        >>> exception_in("Tenants must not make alterations.", "Tenants may put up shelves.")
        ('exception', ('shelves',))
    """
    from .claims import is_past_fact

    if norm(rule_text) is None and norm(other_text) is None and is_past_fact(rule_text) and is_past_fact(other_text):
        return None  # two accounts of what happened ("when she ran aground"): no rule to be an exception to
    defined = definitional_exception(rule_text, other_text)
    if defined:
        return "exception", (f"not counted as {defined}",)
    condition = conditional_exception(rule_text, other_text)
    if condition:
        return "exception", condition[:4] + (("…",) if len(condition) > 4 else ())
    rule, other = norm(rule_text), norm(other_text)
    means = means_of_a_duty(rule_text, other_text)
    if means:
        return "means", means
    if rule is None or other is None or other.force != "permission":
        return None  # exceptions and extra options sit inside a rule; a recommendation is advice, not a rule
    narrower = tuple(q for q in other.qualifiers if q not in rule.qualifiers)
    if other.also and rule.force in ("obligation", "permission") and not _ONLY_RE.search(rule_text):
        return "extra option", narrower  # "must file through the portal" or "can exchange at the box office" / "may also"
    if rule.force not in ("obligation", "prohibition"):
        return None
    named = _EXCEPT_CLAUSE_RE.search(rule_text)
    if named:  # "Apart from assistance dogs, no animals ...": the rule names its exceptions; is this one of them?
        case = named.group(1).strip()
        return ("exception", (f"named in the rule: {case}",)) if set(_act_words(case)) <= set(
            _act_words(other_text)) else None
    if inside_excluded_side(rule_text, other_text) and not _CONDITION_RE.search(other_text) and \
            not _WITH_RE.search(other_text):
        return None  # "No member may draw benefits before 60" / "Members can draw their pension at 55"
    if limits_complement(rule_text, other_text) and _limit_is_the_duty(rule_text) and \
            not _CONDITION_RE.search(other_text) and not _WITH_RE.search(other_text):
        return None  # "must be at least 18" / "under-18s are welcome": the permission is what the rule rules out
    if not other.exemption and _claims_the_whole_scope(rule_text, other_text):
        return None  # "Rent can be paid at any post office" against "Rent cannot be paid at post offices"
    if narrower and not other.exemption and _counts_what_the_rule_bans(rule_text, other_text, narrower):
        return None  # "No dictionaries are allowed" / "Solvers may bring one dictionary": some of what the rule bans
    if not other.exemption and (_ABSOLUTE_RULE_RE.search(rule_text) or _names_the_case(rule_text, other_text)):
        return None  # "No civil servant may hold a second job, without exception"; "forbidden ..., curtain call included"
    if narrower or other.exemption:
        return "exception", narrower or ("an exemption",)
    # a permission that adds to a prohibited act, or excuses from a duty in a case the duty does not name, is
    # narrower; a permission beside a duty ("must work from the office" / "may work from home") replaces it
    excuses = rule.force == "obligation" and _NO_DUTY_RE.search(other_text) is not None
    if _NO_EXCEPTION_RE.search(rule_text):
        return None  # "Trainers of any colour are not allowed": the rule names the narrower case too
    added = added_to_act(rule_text, other_text) if rule.force == "prohibition" or excuses else ()
    if added and all(_TERMS_WORD_RE.fullmatch(w) for w in added):
        return None  # "Gold members cannot bring guests" / "may bring a guest free of charge twice a month"
    return ("exception", added) if added else None


# Words that only set how often or at what price an act is allowed ("twice a month", "free of charge"): no narrower case.
_TERMS_WORD_RE = re.compile(r"(?i)\d[\d,.]*|once|twice|times?|charges?|costs?|fees?|prices?|day|days|week|weeks|month"
                            r"|months|year|years|night|nights|hour|hours|daily|weekly|monthly|yearly|annually")
# A rule that says in so many words that nothing is excepted from it.
_ABSOLUTE_RULE_RE = re.compile(r"(?i)(?<![\w-])(?:without\s+(?:any\s+)?(?:exceptions?|exemptions?)|no\s+(?:exceptions?"
                               r"|exemptions?)|under\s+no\s+circumstances|regardless\s+of\s+(?:the\s+)?circumstances)"
                               r"(?![\w-])")
# A rule that names a case as covered: "..., curtain call included", "including the curtain call", "even during ...".
_INCLUDED_RE = re.compile(r"(?i)(?<![\w-])(?:including|incl\.|even(?:\s+(?:during|for|at|in|on|when))?)\s+([^,;.]+)"
                          r"|,\s*([^,;.]+?)\s+included(?![\w-])")


def _names_the_case(rule_text: str, permission_text: str) -> bool:
    """Whether the rule says it covers the case the permission names ("Photography is forbidden at every point of the
    performance, curtain call included" / "Photography is permitted during the curtain call")."""
    other = set(_act_words(permission_text))
    for m in _INCLUDED_RE.finditer(rule_text):
        case = set(_act_words(m.group(1) or m.group(2)))
        if case and case <= other:
            return True
    return False


# A prohibition with its way out ("may not fly a drone without a permit", "not allowed on the ice unless an adult
# holds their hand"): group 1 is what lifts it.
_UNLESS_RE = re.compile(r"(?i)(?<![\w-])(?:unless|without|except\s+(?:with|when|if))\s+([^.;:]+)")
# A duty said as a requirement: "must", "has to", "is required", "requires", "needs", "only with".
_REQUIRES_RE = re.compile(r"(?i)(?<![\w-])(?:must|ha(?:s|ve)\s+to|(?:is|are)\s+required|requires?|needs?|only\s+(?:with"
                          r"|if|when))(?![\w-])")


def duty_restated(prohibition_text: str, duty_text: str) -> tuple[str, ...]:
    """What both texts require, when one forbids an act unless or without something and the other requires that
    something for the act ("Drones may not be flown in the park without a permit" / "Flying a drone in the park
    requires a permit"; "Under-eights are not allowed on the ice unless an adult holds their hand" / "Skaters under
    eight must be accompanied, hand in hand, by an adult"): the shared words of the condition; () otherwise, or when
    the duty text negates anything itself.

    Example:
        >>> duty_restated("Drones may not be flown here without a licence.", "Flying a drone here requires a licence.")
        ('licence',)
    """
    from .modality import negation_polarity
    from .substitutions import numbers

    rule = norm(prohibition_text)
    m = _UNLESS_RE.search(prohibition_text)
    if rule is None or rule.force != "prohibition" or m is None:
        return ()
    if negation_polarity(duty_text) or not _REQUIRES_RE.search(duty_text):
        return ()
    condition = _act_words(m.group(1))
    rest = {k: v for k, v in _act_words(prohibition_text[:m.start()]).items() if k not in condition}
    duty = _act_words(duty_text)
    shared_condition = [w for k, w in condition.items() if k in duty]
    same_figure = numbers(prohibition_text[:m.start()]) & numbers(duty_text)  # "under eight" / "younger than eight"
    if not shared_condition or not (set(rest) & set(duty) or same_figure):
        return ()
    return tuple(shared_condition)


# Ways of doing something: a channel, a place of service or a form ("online", "by phone", "at any branch", "through
# the app", "in person"). A duty that names none says what must be done, not how.
_MEANS_RE = re.compile(
    r"(?i)(?<![\w-])(?:online|in\s+person|in\s+writing|electronically|by\s+(?:post|phone|telephone|e-?mail|mail|text|letter|fax|card"
    r"|cash|cheque|bank\s+transfer|hand|video)|over\s+the\s+(?:phone|telephone|counter)|through\s+(?:the|our|its|a)\s+"
    r"[\w-]+(?:\s+[\w-]+)?|via\s+(?:the|our|its|a)\s+[\w-]+|in\s+the\s+(?:[\w&-]+\s+){0,3}app"
    r"|(?:on|from)\s+(?:the|our)\s+(?:website|web\s*site|app|portal|line)|at\s+(?:(?:any|the|our|a)\s+)?(?:[\w'-]+\s+){0,2}"
    r"(?:branch|branches|counter|desk|office|reception|kiosks?|box\s+office|post\s+office|drop\s+box))(?![\w-])")
_COMPOUND_FIGURE_RE = re.compile(r"(?<![\w.,])\d+-[A-Za-z]+")
# Time words a statement of means may not add (a new deadline or day is no means).
_WHEN_RE = re.compile(r"(?i)(?<![\w-])(?:until|before|after|by\s+(?:the\s+)?(?:end|\d)|deadline|within)(?![\w-])")


def means_of_a_duty(rule_text: str, other_text: str) -> tuple[str, ...]:
    """The ways ``other_text`` gives of doing what ``rule_text`` requires without saying how ("Borrowed items must be
    returned by their due date" / "Items may be returned at any branch or through the drop box"; "Donors need an
    appointment" / "Appointments can be made online or by phone"): the channel phrases, or () when the rule is no duty,
    names a way itself or says "only", the texts share no act word, or the other text negates, forbids, obliges, or
    adds a figure, day or deadline of its own.

    Example:
        >>> means_of_a_duty("Damage must be reported within 24 hours.", "Damage can be reported online or by phone.")
        ('online', 'by phone')
        >>> means_of_a_duty("Claims must be filed through the portal.", "Claims may be filed by post.")
        ()
    """
    from .modality import negation_polarity
    from .substitutions import numbers

    rule, other = norm(rule_text), norm(other_text)
    if rule is None or rule.force != "obligation" or _MEANS_RE.search(rule_text) or _ONLY_RE.search(rule_text):
        return ()
    if other is not None and other.force != "permission" or negation_polarity(other_text):
        return ()
    figures = numbers(_COMPOUND_FIGURE_RE.sub(" ", other_text))  # "the 24-hour drop box" states no figure of the rule
    if not figures <= numbers(rule_text) or _WHEN_RE.search(other_text) and not _WHEN_RE.search(rule_text):
        return ()
    if not set(_act_words(rule_text)) & set(_act_words(other_text)):
        return ()
    return tuple(dict.fromkeys(" ".join(m.group().lower().split()) for m in _MEANS_RE.finditer(other_text)))


# Qualifiers that only count the act or its object ("one dictionary", "two guests", "once"): no narrower case of it.
_COUNT_RE = re.compile(r"(?i)\d+|one|two|three|four|five|six|seven|eight|nine|ten|single|a\s+few|once|twice")


def _counts_what_the_rule_bans(rule_text: str, permission_text: str, narrower: tuple[str, ...]) -> bool:
    """Whether a permission's only narrowing words are counts of the rule's own act or object, with nothing after
    them that the rule does not say: "No dictionaries are allowed" / "Solvers may bring one dictionary"; "No retakes
    are allowed" / "Students may retake the exam once" (a count of what the rule bans outright is a conflict). "One
    parking space" against "sublet the premises" counts something else, and "one guest to the annual dinner" adds a
    narrower occasion: exceptions."""
    if not all(_COUNT_RE.fullmatch(q) for q in narrower):
        return False
    rule_words = set(_act_words(rule_text))
    for q in narrower:
        m = re.search(rf"(?i)(?<![\w-]){re.escape(q)}(?:\s+([A-Za-z][\w'-]*))?", permission_text)
        if m is None:
            return False
        # "once", "twice" count the act itself; a number counts the word after it
        counted = set(_act_words(permission_text[:m.start()] if q in ("once", "twice") else m.group(1) or ""))
        if not counted & rule_words or set(_act_words(permission_text[m.end():])) - rule_words:
            return False
    return True


# Words by which a permission claims the whole of the act's scope ("at any post office", "for the whole race").
_UNIVERSAL_RE = re.compile(r"(?i)(?<![\w-])(?:any|all|every|whole|entire|anywhere|everywhere|as\s+normal|as\s+usual"
                           r"|at\s+all\s+times)(?![\w-])")
# A rule said for a case only ("During a declared emergency, staff can be required to ..."): the narrower one.
_CONDITION_START_RE = re.compile(r"(?i)\s*(?:during|if|when|whenever|in\s+case|in\s+the\s+event|where|unless|while"
                                 r"|in\s+an?\s+emergency)(?![\w-])")
# People in general: "any visitor", "all guests" narrow nothing.
_ANYONE = frozenset(["visitor", "visitors", "anyone", "everyone", "anybody", "everybody", "people", "public"])
# Words after the verb that narrow whom or what a permission covers: "with a permit", "holding a card".
_NARROWING_RE = re.compile(r"(?i)(?<![\w-])(?:with\s+(?:a|an|their|his|her|its|our|your|valid)|holding|who\s+hold"
                           r"|provided|as\s+long\s+as|so\s+long\s+as|if|unless|except|only)(?![\w-])")


def _claims_the_whole_scope(rule_text: str, permission_text: str) -> bool:
    """Whether a permission says it holds everywhere or always ("any", "all", "every", "the whole", "as normal") of a
    subject no narrower than the rule's: its words before the verb are the rule's words or people in general, with
    no relative clause ("A breach that is unlikely ..." is narrower), no condition or holder ("with a permit") and no
    limit; a rule said for a case ("During an emergency, ...") is narrower than it unless it names that case too."""
    m = _UNIVERSAL_RE.search(permission_text)
    verb = _first_verb(permission_text)
    if m is None or verb is None or names_a_bound(permission_text) or _NARROWING_RE.search(permission_text):
        return False  # a limit ("no more than a quarter of any plot") or a condition: not the whole scope
    condition = _CONDITION_START_RE.match(rule_text)
    if condition:  # the rule is said for a case: narrower, unless the permission names that case too
        clause = rule_text[condition.end():].split(",")[0]
        said = {crude_stem(t.key) for t in _content(permission_text)}
        if not all(t.key in _STOPWORDS or crude_stem(t.key) in said for t in _content(clause)):
            return False
    subject = permission_text[:verb.start()]
    if re.search(r"(?i)(?<![\w-])(?:that|who|which|whose|where|when|with)(?![\w-])", subject):
        return False  # a relative clause or an attribute ("A breach that is unlikely ...")
    rule_words = {crude_stem(t.key) for t in _content(rule_text)}
    return all(t.key in _STOPWORDS or t.key in _ANYONE or crude_stem(t.key) in rule_words or
               _UNIVERSAL_RE.fullmatch(t.text) for t in _content(subject))


# A rule that says it has no exceptions covers every narrower case.
_NO_EXCEPTION_RE = re.compile(
    r"(?i)(?<![\w-])(?:(?:of|in|at|for|by|under|with|on)\s+any\s+(?:\w+\s+)?(?:kind|type|colou?r|size|time|age|"
    r"circumstances?|reason|form|amount|day|place)|under\s+no\s+circumstances|without\s+exceptions?|no\s+exceptions?"
    r"|whatever\s+(?:the\s+)?\w+|regardless\s+of)(?![\w-])")


def _limit_is_the_duty(rule_text: str) -> bool:
    """Whether a rule's limit is what it requires ("Applicants must be at least 18": after the modal), not who it
    applies to ("Children under 12 must be accompanied": before it)."""
    force = _OBLIGATION_RE.search(rule_text) or _main_prohibition_match(rule_text)
    line = limit_start(rule_text)
    return force is not None and line is not None and line > force.start()


def _main_prohibition_match(text: str) -> re.Match[str] | None:
    return _PROHIBITION_RE.search(text) if _main_clause_prohibition(text) else None


# "with a parent", "with the warden's consent": a condition attached to a permission
_WITH_RE = re.compile(r"(?i)(?<![\w-])(?:with|accompanied\s+by)\s+(?:an?|the|their|his|her|its|your)\s")
# A rule that allows one way only ("accepted only through the online form", "exclusively by card"): another way
# beside it is no extra option.
_ONLY_RE = re.compile(r"(?i)(?<![\w-])(?:only|exclusively|solely)(?![\w-])")
# A rule that names its own exceptions: "Apart from assistance dogs, no animals are allowed", "No vehicles except
# buses"; group 1 is the excepted case.
_EXCEPT_CLAUSE_RE = re.compile(r"(?i)(?<![\w-])(?:apart\s+from|except(?:\s+for)?|other\s+than|with\s+the\s+exception\s+of"
                               r"|save\s+for)\s+([^,;:.!?]+)")


# Words that carry a norm's force or a change of it, generic agents, and time words: none of them narrows an act.
_FORCE_WORDS = frozenset(
    "allowed allow allows permitted permit permits permission prohibited prohibit prohibits forbidden forbid "
    "welcome accepted accept accepts "
    "forbids banned ban bans barred required require requires obliged obligated need needs needed entitled "
    "exempt exempted authorised authorized free optional voluntary right rights able unable cannot "
    "now longer anymore again still currently today henceforth always never ever any all every only "
    "people persons person anyone anybody everyone everybody someone somebody users user visitors visitor "
    "passengers passenger customers customer members member public individuals "
    "use uses used make makes made do does get gets take takes put puts go goes have has".split())


def _act_words(text: str) -> dict[str, str]:
    return {crude_stem(t.key): t.text for t in _content(text)
            if t.kind == "word" and not t.date and not t.number and len(t.key) >= 3
            and t.key not in _STOPWORDS and t.key not in _FORCE_WORDS}


def added_to_act(rule_text: str, permission_text: str) -> tuple[str, ...]:
    """What a permission adds to the act of a rule it shares words with: words naming a narrower object, place,
    group or circumstance ("Food and drink may not be consumed on trams" / "Passengers may drink water on trams"
    adds "water"). A conflict needs the same act and scope, so a permission that adds to the act is narrower;
    force words ("allowed", "banned"), generic agents ("passengers", "anyone"), time words ("now") and dates do
    not count. Empty when nothing is added or no word is shared.

    Example:
        >>> added_to_act("Dogs are not allowed in the park.", "Dogs are allowed in the park.")
        ()
        >>> added_to_act("Tenants must not make alterations.", "Tenants may put up shelves.")
        ('shelves',)
    """
    rule, permission = _act_words(rule_text), _act_words(permission_text)
    if not set(rule) & set(permission):
        return ()
    return tuple(word for stem, word in permission.items() if stem not in rule)
