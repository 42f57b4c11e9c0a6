"""Quotes and sentences of a paragraph: quoted passages, the text with them masked, and sentence spans in
which a quoted passage is one token."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import sentence_cuts


@dataclass(frozen=True)
class _Quote:
    start: int  # the opening mark
    end: int  # after the closing mark (the paragraph's end when unclosed)
    inner_start: int
    inner_end: int
    closed: bool


def _quote_spans(text: str, start: int, end: int) -> list[_Quote]:
    """Quoted passages in one paragraph: curly “…” and straight "…" (an unclosed one runs to the end)."""
    quotes: list[_Quote] = []
    open_at: int | None = None
    for m in re.finditer(r"[“”\"]", text[start:end]):
        i, mark = start + m.start(), m.group()
        if open_at is None:
            if mark in "“\"":
                open_at = i
            continue
        if (mark == "”" and text[open_at] == "“") or (mark == "\"" and text[open_at] == "\""):
            quotes.append(_Quote(open_at, i + 1, open_at + 1, i, True))
            open_at = None
    if open_at is not None:
        quotes.append(_Quote(open_at, end, open_at + 1, end, False))
    return quotes


def _mask(text: str, quotes: list[_Quote]) -> str:
    """The text with every quoted passage (marks included) replaced by NULs of the same length."""
    chars = list(text)
    for q in quotes:
        chars[q.start:q.end] = "\x00" * (q.end - q.start)
    return "".join(chars)



def _sentences(text: str, masked: str, start: int, end: int, quotes: list[_Quote]) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph; a quoted passage is one token, whatever its own sentences.

    The cuts are those of :func:`contradict.text.sentence_cuts` on the masked text (a masked quotation may
    start a sentence), plus one after a closed quote whose own text ends in ``.``, ``!`` or ``?`` when a new
    sentence follows it (“We are ready.” The talks ...).
    """
    cuts = sentence_cuts(masked, start, end)
    for q in quotes:
        inner = text[q.inner_start:q.inner_end].rstrip()
        if q.closed and inner[-1:] in (".", "!", "?") and _next_starts_sentence(masked, q.end):
            cuts.append(q.end)
    spans, prev = [], start
    for c in sorted(set(cuts)) + [end]:
        s, e = _strip(text, prev, c)
        if s < e:
            spans.append((s, e))
        prev = c
    return spans


_NEXT_CHAR_RE = re.compile(r"\s*(\S)")


def _next_starts_sentence(masked: str, pos: int) -> bool:
    """Nothing follows ``pos``, or the next character is neither lower case nor ``,;:``."""
    m = _NEXT_CHAR_RE.match(masked, pos)
    return m is None or not (m.group(1).islower() or m.group(1) in ",;:")


def _strip(text: str, start: int, end: int, tail: str = "") -> tuple[int, int]:
    """Narrow (start, end) past surrounding white space, and trailing characters in ``tail``."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in tail):
        end -= 1
    return start, end
