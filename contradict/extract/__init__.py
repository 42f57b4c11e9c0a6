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

The outlet's own claims (kind ``"outlet"``, dated at publication) are sentences without attribution that
evaluate ("This is a reversal ...") or state a figure or an explicit date with a verb ("The program cost
$4.2 million in 2023."); questions, captions and sentences holding a quote are not claims.

Ids are readable: the speaker's surname (or the last word of its name; the source's slug or "outlet" for the
outlet's claims), the day, and a number counting that slug and day in the article: ``kirby-2024-05-28-1``.
They are unique within an article and the same for the same input, not across articles.

Limits: English only; a speaker must be named, titled ("the Kremlin", "one U.S. official", "the city") or
referred to by "he/she/they" or a role ("the spokesperson") after being named; groups ("a number of European
leaders") and unnamed sources ("an official") are not speakers. "He"/"she" is the nearest person (or unnamed
official) not known to be of the other gender; a gender is known only from evidence in the article (Mr./Ms./
Mrs., a role word such as spokeswoman or chairman) or a small first-name table, never from an earlier
pronoun; with no such speaker the quote is left out. "They" is the nearest speaker when it is not a named
person. "Recently", "last week" and month-only dates are approximate (``time_rule`` says so).

Example:
    >>> text = '“We will not change course,” Finance Minister Maria Lindqvist said on Tuesday.'
    >>> [s] = statements_from_article(text, published="2025-03-14")
    >>> s.speaker, s.time.isoformat(), s.meta["kind"], s.meta["time_phrase"]
    ('Maria Lindqvist', '2025-03-11', 'quote', 'on Tuesday')
"""

from __future__ import annotations

from .engine import OUTLET, statements_from_article
from .speakers import NATIONS, ROLES

__all__ = ["NATIONS", "OUTLET", "ROLES", "statements_from_article"]
