"""Records that flow through the pipeline: :class:`Statement` in, :class:`Finding` out, one :class:`Verdict` each.

Example:
    >>> from datetime import date
    >>> s = Statement(id="k1", text="No change to our policy.", speaker="John Kirby", time=date(2024, 5, 28))
    >>> s.time.isoformat()
    '2024-05-28'
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from types import MappingProxyType
from typing import Any

from .errors import InputError, InputTypeError

STATEMENT_FIELDS = ("id", "text", "speaker", "time", "source")
#: The NLI label order used everywhere: score arrays' columns and the keys of ``Finding.scores``.
LABELS = ("entailment", "neutral", "contradiction")


class Verdict(str, Enum):
    """What a pair of statements is to each other."""

    CONTRADICTION = "contradiction"
    POLICY_SHIFT = "policy_shift"
    CONSISTENT = "consistent"
    UNRELATED = "unrelated"

    def __str__(self) -> str:  # "policy_shift", not "Verdict.POLICY_SHIFT"
        return self.value


def stable_id(text: str, speaker: str | None = None, time: date | datetime | None = None,
              source: str | None = None) -> str:
    """A short id derived from the statement's content: the same content always gets the same id.

    Example:
        >>> stable_id("We never said that.") == stable_id("We never said that.")
        True
    """
    key = "\x1f".join([text, speaker or "", time.isoformat() if time else "", source or ""])
    return "s-" + hashlib.sha1(key.encode("utf-8", errors="surrogatepass")).hexdigest()[:12]


_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")


def _check_unicode(value: str, record: str | None, name: str) -> None:
    """Reject a lone surrogate (what a broken ``\\ud83d`` escape in JSON gives): no UTF-8 file can hold it."""
    bad = _SURROGATE_RE.search(value)
    if bad is not None:
        raise InputError(f"not valid Unicode: lone surrogate U+{ord(bad.group()):04X} at character {bad.start() + 1}",
                         record=record, field=name)


def parse_time(value: Any, *, record: str | None = None, field_name: str = "time") -> date | datetime | None:
    """Turn ``None``, a :class:`date`, an aware :class:`datetime` or an ISO-8601 string into a time.

    A date-time without a time zone is rejected: a statement's time must not depend on the reader's clock.

    Example:
        >>> parse_time("2024-05-28")
        datetime.date(2024, 5, 28)
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        return value
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            if len(text) == 10:
                return date.fromisoformat(text)
            dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise InputError(f"cannot parse {value!r} as a date (YYYY-MM-DD) or ISO-8601 date-time",
                             record=record, field=field_name) from None
    else:
        raise InputTypeError(f"expected a date, an aware datetime or an ISO-8601 string, got {type(value).__name__}",
                             record=record, field=field_name)
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise InputError(f"date-time {dt.isoformat()!r} has no time zone; give a date or add an offset "
                         "(e.g. +00:00)", record=record, field=field_name)
    return dt


def _optional_text(value: Any, record: str | None, name: str) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if not isinstance(value, str):
        raise InputTypeError(f"expected text or null, got {type(value).__name__} {value!r}", record=record, field=name)
    value = value.strip()
    _check_unicode(value, record, name)
    return value or None


@dataclass(frozen=True)
class Statement:
    """One thing someone said or wrote.

    Attributes:
        id: unique id; :meth:`from_dict` derives a stable one from the content when it is missing.
        text: what was said (not blank).
        speaker: who said it (person, office or organisation), or None when unknown.
        time: when it was said: a date, an aware datetime, or None when unknown.
        source: where it was published (URL, outlet, file), or None.
        meta: anything else (e.g. extraction spans); not used to compare statements.

    Example:
        >>> Statement.from_dict({"text": "Taxes will rise.", "time": "2024-01-02"}).id.startswith("s-")
        True
    """

    id: str
    text: str
    speaker: str | None = None
    time: date | datetime | None = None
    source: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        record = f"id {self.id!r}" if isinstance(self.id, str) and self.id else None
        if not isinstance(self.id, str) or not self.id.strip():
            raise InputError("must be a non-empty string", record=record, field="id")
        if not isinstance(self.text, str):
            raise InputTypeError(f"expected text, got {type(self.text).__name__}", record=record, field="text")
        if not self.text.strip():
            raise InputError("must not be empty or blank", record=record, field="text")
        for name in ("speaker", "source"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise InputTypeError(f"expected text or None, got {type(value).__name__}", record=record, field=name)
        for name in ("id", "text", "speaker", "source"):
            if getattr(self, name) is not None:
                _check_unicode(getattr(self, name), record, name)
        if self.time is not None:
            object.__setattr__(self, "time", parse_time(self.time, record=record))
        object.__setattr__(self, "meta", MappingProxyType(dict(self.meta)))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, record: str | None = None) -> Statement:
        """Validate a mapping with the fields ``id, text, speaker, time, source`` (others go to ``meta``).

        Errors name ``record`` (e.g. ``"line 4"``) and the field.
        """
        if not isinstance(data, Mapping):
            raise InputTypeError(f"expected an object with a 'text' field, got {type(data).__name__}", record=record)
        if "text" not in data or data["text"] is None:
            raise InputError("is missing", record=record, field="text")
        text = data["text"]
        if not isinstance(text, str):
            raise InputTypeError(f"expected text, got {type(text).__name__} {text!r}", record=record, field="text")
        if not text.strip():
            raise InputError("must not be empty or blank", record=record, field="text")
        _check_unicode(text, record, "text")
        speaker = _optional_text(data.get("speaker"), record, "speaker")
        source = _optional_text(data.get("source"), record, "source")
        time = parse_time(data.get("time"), record=record)
        raw_id = data.get("id")
        if raw_id is None or (isinstance(raw_id, float) and math.isnan(raw_id)) or raw_id == "":
            sid = stable_id(text.strip(), speaker, time, source)
        elif isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool):
            sid = str(raw_id).strip()
        else:
            raise InputTypeError(f"expected text or an integer, got {type(raw_id).__name__}", record=record, field="id")
        raw_meta = data.get("meta")
        if raw_meta is not None and not isinstance(raw_meta, Mapping):
            raise InputTypeError(f"expected an object, got {type(raw_meta).__name__}", record=record, field="meta")
        if not sid:
            raise InputError("must be a non-empty string", record=record, field="id")
        _check_unicode(sid, record, "id")
        meta = dict(raw_meta or {})
        meta.update({k: v for k, v in data.items() if k not in STATEMENT_FIELDS and k != "meta"})
        return cls(id=sid, text=text.strip(), speaker=speaker, time=time, source=source, meta=meta)

    def to_dict(self) -> dict[str, Any]:
        """The input field names, JSON-ready (time as ISO-8601); ``meta`` only when not empty."""
        out: dict[str, Any] = {"id": self.id, "text": self.text, "speaker": self.speaker,
                               "time": self.time.isoformat() if self.time else None, "source": self.source}
        if self.meta:
            out["meta"] = dict(self.meta)
        return out


@dataclass(frozen=True)
class TimeWindow:
    """The period a statement is *about*, read from its text (or its statement time when the text names none).

    Attributes:
        start: first day of the period (inclusive), or None when open.
        end: last day of the period (inclusive), or None when open.
        phrase: the words it was read from ("in June 2020"), or None.
        kind: "point" | "period" | "from" | "until" | "now" | "statement_time".
    """

    start: date | None
    end: date | None
    phrase: str | None = None
    kind: str = "period"

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat() if self.end else None,
                "phrase": self.phrase, "kind": self.kind}


@dataclass(frozen=True)
class Finding:
    """The verdict on one pair of statements, with what drove it.

    Attributes:
        a, b: the two statements. :meth:`Detector.find <contradict.detector.Detector.find>` puts the earlier
            one first when both times are known (input order otherwise); :meth:`Detector.score_pairs
            <contradict.detector.Detector.score_pairs>` keeps each pair as given.
        verdict: the :class:`Verdict`.
        scores: combined NLI probabilities ``{"entailment", "neutral", "contradiction"}`` over both directions.
        scores_ab: NLI probabilities with ``a`` as premise and ``b`` as hypothesis.
        scores_ba: the reverse direction.
        similarity: topic similarity of the two texts (cosine, -1..1).
        explanation: one sentence a fact-checker could paste.
        grade: for a policy shift, ``"half_flip"`` (narrowed, partial) or ``"full_flop"`` (reversal); else None.
        actor_a, actor_b: the normalised actors (organisations) behind the speakers.
        about_a, about_b: the periods each statement is about.
        signals: the conflict and change cues found (``"number: 10 pm -> 8 pm"``, ``"cue_no_change: b"``).
        denied_shift: a statement claims no change while its content differs from the earlier position.
        split_sentences: long text was split into sentences for NLI scoring.
        rule: the name of the verdict rule that decided (``contradict.verdict.RULES``), e.g. ``"carve-out"``.
    """

    a: Statement
    b: Statement
    verdict: Verdict
    scores: Mapping[str, float]
    scores_ab: Mapping[str, float]
    scores_ba: Mapping[str, float]
    similarity: float
    explanation: str
    grade: str | None = None
    actor_a: str | None = None
    actor_b: str | None = None
    about_a: TimeWindow | None = None
    about_b: TimeWindow | None = None
    signals: tuple[str, ...] = ()
    denied_shift: bool = False
    split_sentences: bool = False
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: ``a``, ``b`` (input field names), ``verdict``, ``scores``, ``explanation`` and the rest."""
        return {
            "a": self.a.to_dict(), "b": self.b.to_dict(), "verdict": self.verdict.value,
            "scores": dict(self.scores), "explanation": self.explanation,
            "scores_ab": dict(self.scores_ab), "scores_ba": dict(self.scores_ba),
            "similarity": self.similarity, "grade": self.grade,
            "actor_a": self.actor_a, "actor_b": self.actor_b,
            "about_a": self.about_a.to_dict() if self.about_a else None,
            "about_b": self.about_b.to_dict() if self.about_b else None,
            "signals": list(self.signals), "denied_shift": self.denied_shift,
            "split_sentences": self.split_sentences, "rule": self.rule,
        }

    def _repr_html_(self) -> str:
        """The finding's card (both statements, verdict, explanation, probabilities, rule), for notebooks."""
        from .view.html import card_fragment  # a leaf: renders ``to_dict()``, imports nothing of the package

        return card_fragment(self.to_dict())
