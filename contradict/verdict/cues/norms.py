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

from .scope import scope_restrictions

__all__ = ["Norm", "is_exception", "norm"]

_NEG = r"(?:not|n['\u2019]t|never)"
_BE = r"(?:is|are|be|was|were|remains?)"
_PROHIBITION_RE = re.compile(
    rf"(?i)(?<![\w-])(?:(?:shall|must|may|can|will|should)\s+{_NEG}|cannot|can['\u2019]t|mustn['\u2019]t"
    rf"|{_BE}\s+{_NEG}\s+(?:allowed|permitted|authori[sz]ed)|{_BE}\s+(?:prohibited|forbidden|banned|barred|not\s+to)"
    r"|no\s+(?:\w+\s+){1,3}(?:may|shall|can|is\s+allowed|are\s+allowed)|prohibits?|forbids?|bans?)(?![\w-])")
_PERMISSION_RE = re.compile(
    rf"(?i)(?<![\w-])(?:(?-i:may)|can|{_BE}\s+(?:allowed|permitted|free|entitled|exempt)|allowed\s+to"
    r"|has\s+the\s+right\s+to|have\s+the\s+right\s+to)(?![\w-])")
# An exemption is a permission, whatever rule word follows it ("are exempt from the ban")
_EXEMPT_RE = re.compile(rf"(?i)(?<![\w-])(?:{_BE}\s+(?!{_NEG}\s)(?:\w+\s+)?exempt(?:ed)?\s+from"
                        rf"|{_BE}\s+excused\s+from)(?![\w-])")
# No duty is a permission (not to act): "are not required to", "need not", "does not have to", "is optional"
_NO_DUTY_RE = re.compile(
    rf"(?i)(?<![\w-])(?:{_BE}\s+{_NEG}\s+(?:required|obliged|obligated|compelled)\s+to|need\s+not|needn['\u2019]t"
    rf"|(?:do|does|did)\s+{_NEG}\s+(?:have|need)\s+to|(?:don|doesn)['\u2019]t\s+(?:have|need)\s+to"
    rf"|{_BE}\s+(?:optional|voluntary))(?![\w-])")
_OBLIGATION_RE = re.compile(
    rf"(?i)(?<![\w-])(?:must|shall|{_BE}\s+(?:required|obliged|obligated)\s+to|ha(?:s|ve)\s+to|needs?\s+to"
    r"|{_BE}\s+to\s+be)(?![\w-])")
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
    elif _PROHIBITION_RE.search(text):
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


def is_exception(rule_text: str, other_text: str) -> str | None:
    """How ``other_text`` sits inside the rule of ``rule_text``: ``"exception"`` (a permission narrower than a
    prohibition or duty), ``"extra option"`` (a permission beside a duty: "may also"), or None (no such
    relation: a conflict, if the texts conflict, is a real one).

    Example:
        >>> is_exception("Staff must file claims through the portal.", "Receipts may also be emailed to finance.")
        'extra option'
        >>> is_exception("Dogs are not allowed in the park.", "Dogs are allowed in the park.") is None
        True
    """
    rule, other = norm(rule_text), norm(other_text)
    if rule is None or other is None or rule.force not in ("obligation", "prohibition") or other.force != "permission":
        return None  # exceptions and extra options sit inside a rule; a recommendation is advice, not a rule
    if other.also and rule.force == "obligation":
        return "extra option"
    narrower = [q for q in other.qualifiers if q not in rule.qualifiers]
    return "exception" if narrower or other.exemption else None
