"""The extraction engine: one pass over an article, paragraph by paragraph and sentence by sentence, finding
quotes, reported speech and the outlet's own claims, and turning them into statements."""

from __future__ import annotations

import itertools
import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from ..errors import InputError, InputTypeError
from ..records import Statement
from ..text import MONTHS, WEEKDAYS
from .dates import _Event, _time_hits, _When, starts_with_time, time_phrase_end
from .layout import _LABEL_RE, _STAGE_RE, _is_transcript, _layout, _Para
from .quotes import _mask, _Quote, _quote_spans, _sentences, _strip
from .speakers import _HONORIFIC_RE, _TITLED_RE, _label_speaker, _parse_speaker, _Speaker, _SpeakerBook

logger = logging.getLogger(__name__)

_WEEKDAY_NAMES = tuple(w.capitalize() for w in WEEKDAYS)  # an introductory phrase may start with one

OUTLET = "the outlet"
"""Speaker of the outlet's own claims when no ``source`` is given."""

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
_SUBJECT_LEAD_RE = re.compile(r"(?:(?:and|but)\s+)?(?:(?:in|at|during)\s+(?:a|an|the)\s+(?-i:[a-z]+\s+){0,3}"
                              r"(?=(?-i:[A-Z])|the\s))?", re.IGNORECASE)
_LEAD_TRAILER_RE = re.compile(r"\s*,?\s*(?:in\s+a\s+(?:written\s+)?statement|in\s+an\s+interview)?\s*,?\s*", re.IGNORECASE)
_CLAUSE_BREAK_RE = re.compile(r"(?:[,;:—–]|\x00+)\s*(?:(?:and|but|so|while)\s+)?", re.IGNORECASE)

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
# A factual claim of the outlet: a figure (a number written in digits: amounts, percentages, counts, votes,
# the day or year of an explicit date) and a finite verb; "on Tuesday" alone is not an explicit date.
_FIGURE_RE = re.compile(r"(?<![\w-])[$€£]?\d[\d,.]*(?:%|\b)")
_FACT_VERB_RE = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|must|should|does|did|"
    r"costs?|fell|falls|rose|rises|grew|grows|hit|hits|reach(?:es)?|stood|stands|spent|spends|paid|pays|made|makes|"
    r"took|takes|won|wins|lost|loses|cut|cuts|set|sets|got|gets|went|goes|came|comes|left|leaves|sold|sells|"
    r"bought|buys|held|holds|ran|runs|gave|gives|met|meets|began|begins|became|becomes|kept|keeps|saw|sees|"
    r"(?-i:[a-z]{2,}ed))\b", re.IGNORECASE)
_META_LEAD_RE = re.compile(r"^(?:The\s+following|What\s+follows|Below\s+is|This\s+(?:article|story|report)\b)",
                           re.IGNORECASE)


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
    """Statements in text order, with readable ids: speaker slug, day and a number from 1 that counts that
    slug and day within the article ("kirby-2024-05-28-1"); unique within the article, the same for the same
    input."""
    out: list[Statement] = []
    seen: Counter[str] = Counter()
    for f in sorted(found, key=lambda f: f.start):
        speaker = f.speaker.name if f.speaker else (source or OUTLET)
        key = f"{_speaker_slug(f.speaker.name) if f.speaker else _source_slug(source)}-{f.when.day.isoformat()}"
        seen[key] += 1
        sid = f"{key}-{seen[key]}"
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


def _slug(words: str) -> str:
    """Lower-case ASCII words joined by hyphens ("Zoë Jean-Pierre" -> "zoe-jean-pierre")."""
    ascii_ = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def _speaker_slug(name: str) -> str:
    """The surname or the last word of a speaker's name: "John Kirby" -> "kirby", "U.S. official" -> "official"."""
    words = name.split()
    return (_slug(words[-1]) if words else "") or _slug(name) or "speaker"


def _source_slug(source: str | None) -> str:
    """The slug of the outlet: a URL's host without "www." and its last label ("cbsnews"), else the name
    ("harbor-gazette"), else "outlet"."""
    if not source:
        return "outlet"
    host = urlsplit(source if "://" in source else f"//{source}").hostname if re.match(
        r"^(?:[a-z][a-z0-9+.-]*://|www\.)", source, re.IGNORECASE) else None
    if host:
        labels = [x for x in host.split(".") if x and x != "www"]
        return _slug("-".join(labels[:-1] if len(labels) > 1 else labels)) or "outlet"
    return _slug(source) or "outlet"


def _squash(phrase: str | None) -> str | None:
    return " ".join(phrase.split()) if phrase is not None else None


# --------------------------------------------------------------------------------------- extractor

# Attribution verbs tried per sentence, and characters looked back from a verb for its subject: real attributions
# need far fewer, and the bounds keep a pathological sentence ("he said. " * 20,000) linear.
_MAX_VERBS = 12
_SUBJECT_WINDOW = 400


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
        for m in (*_TITLED_RE.finditer(self.masked, s, e), *_HONORIFIC_RE.finditer(self.masked, s, e)):
            if re.search(r"[’']s$", m.group()):
                continue
            parsed = _parse_speaker(m.group(), self.book, None)
            if parsed and parsed[0].named:
                found.setdefault(m.start(), parsed[0])
        for sp in self.book.persons():
            for key in {sp.name, sp.name.split()[-1]}:
                pattern = r"\s+".join(re.escape(w) for w in key.split())
                for m in re.finditer(rf"\b{pattern}\b(?![’']s)", self.masked[s:e]):
                    found.setdefault(s + m.start(), sp)
        return sorted(found.items(), key=lambda kv: kv[0])

    def _before(self, pos: int) -> tuple[_Speaker | None, list[_Speaker]]:
        """(the nearest speaker before ``pos``, the speakers before it nearest first): people named earlier in
        the sentence, then the book."""
        earlier = [sp for at, sp in self.mentions if at < pos]
        recent = earlier[::-1] + [sp for sp in self.book.recent() if sp not in earlier]
        return (earlier[-1] if earlier else self.book.last), recent

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
        for m in itertools.islice(_VERB_RE.finditer(self.masked, ps, pe), _MAX_VERBS):
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
        parsed = _parse_speaker(self.text[a:b], self.book, *self._before(a))
        if parsed is None:
            return None
        return _Attribution(parsed[0], parsed[1], m.start(), b, "according to", end)

    def _subject_attribution(self, ps: int, m: re.Match[str]) -> _Attribution | None:
        subject = self._subject(ps, m.start())
        if subject is None:
            return None
        _, a, b = subject
        parsed = _parse_speaker(self.text[a:b], self.book, *self._before(a))
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
            parsed = _parse_speaker(self.text[a:b], self.book, *self._before(a))
            if parsed:
                return _Attribution(parsed[0], parsed[1], ps, b, m.group("verb"), b)
        return None

    def _subject(self, start: int, end: int) -> tuple[int, int, int] | None:
        """(clause start, subject start, subject end) of the subject just before a verb at ``end``.

        The subject is the last clause of ``text[start:end]`` without a leading "and" or "in a statement",
        or an appositive ("John Kirby, the NSC spokesperson,").
        """
        start = max(start, end - _SUBJECT_WINDOW)  # a subject is short: bounded work on long sentences
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
        for m in itertools.islice(_VERB_RE.finditer(self.masked, s, e), _MAX_VERBS):
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
        parsed = _parse_speaker(self.text[a:b], self.book, *self._before(a))
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
            time_end = time_phrase_end(self.masked, lead.end(), e, self.published) if lead else None
            nxt = time_end if time_end is not None else (lead.end() if lead else pos)
            if nxt == pos:
                break
            pos = nxt
        that = re.compile(r"\s*,?\s*that\s+").match(self.masked, pos, e)
        return that.end() if that else pos

    # -- the outlet's own claims and narration

    def _outlet(self, s: int, e: int) -> bool:
        """The outlet's own claim: an evaluation ("This is a reversal ...") or a fact with a figure or an
        explicit date ("The program cost $4.2 million in 2023."), in a sentence without attribution."""
        sentence, masked = self.text[s:e].strip(), self.masked[s:e]
        if sentence.endswith(("?", ":")) or len(sentence.split()) < 4:
            return False
        evaluative = len(sentence.split()) >= 5 and (
            _OUTLET_LEAD_RE.match(sentence) or (_OUTLET_WORDS_RE.search(masked) and _COPULA_RE.search(masked)))
        factual = not evaluative and self._factual(sentence, masked)
        if not (evaluative or factual):
            return False
        a, b = _strip(self.text, s, e)
        when = self._published("the outlet's own claim: the publication date")
        self.found.append(_Found(a, b, self.text[a:b], "outlet", None, None, "outlet", when))
        if factual:
            self._narration(s, e)  # its date can still be the event later quotes were said at
        return True

    def _factual(self, sentence: str, masked: str) -> bool:
        """A figure or an explicit date, and a verb, with no quote and no attribution verb."""
        if "\x00" in masked or _META_LEAD_RE.match(sentence) or _VERB_RE.search(masked) \
                or _ACCORDING_RE.search(masked):
            return False
        return bool(_FIGURE_RE.search(masked) and _FACT_VERB_RE.search(masked))

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
    return lead.split()[0].lower().strip(",") in _INTRO_WORDS or lead.startswith(_WEEKDAY_NAMES)


def _is_trailer(text: str) -> bool:
    """What follows an attribution verb without being a claim: "in a statement", "on Tuesday", ""."""
    words = re.sub(r"[\x00,.;:—–]", " ", text).split()
    if not words:
        return True
    first = words[0].lower().strip("’'s")
    return len(words) <= 12 and (first in _TRAILER_WORDS or first in WEEKDAYS or first in MONTHS
                                 or starts_with_time(text.strip(" \t\n,")))
