"""Page layout: paragraphs (hard-wrapped lines joined), and the lines that are not read (captions, photo
credits and descriptions, bylines, headlines); datelines; briefing transcripts with speaker labels."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

_CREDIT_RE = re.compile(r"via Getty Images|Getty Images|\s/\s*(?:AP|AFP|Reuters|Getty|EPA|Bloomberg)\b|"
                        r"\bPhoto(?:graph)?\s*:|\bPhoto by\b|\bCredits?\s*:|^Credits?\b|\([A-Z]{2,} Photo\b|"
                        r"\bFile photo\b|\bImage\s*:")
_CAPTION_LABELS = frozenset({"caption", "photo caption", "image caption", "caption:"})
_PHOTO_VERB_RE = re.compile(r"\b(?:takes? part|stands?|walks?|speaks?|attends?|looks? on|is seen|are seen|poses?|"
                            r"arrives?|waves?|holds?|gestures?|sits?|listens?|shakes? hands|leaves?|queue|queues|"
                            r"gathers?|rides?|drives?|salutes?)\b")
_BYLINE_RE = re.compile(r"^By\s+[A-Z]")
_DATELINE_RE = re.compile(r"[A-Z][A-Z.’' -]*[A-Z.](?:,\s*[A-Z][\w.’' -]*?)?\s*(?:\([A-Za-z .]{1,20}\)\s*)?"
                          r"[—–-]{1,2}\s+")
_SENTENCE_END_RE = re.compile(r"[.!?:\"”’)\]]\s*$")
_LABEL_RE = re.compile(
    r"(?P<label>(?:MR|MS|MRS|DR)\.\s+[A-Z][A-Z’'-]+(?:\s+[A-Z][A-Z’'-]+)*"
    r"|(?:SECRETARY|AMBASSADOR|GENERAL|ADMIRAL|SENATOR|PRESIDENT|MINISTER|SPOKESPERSON|COMMISSIONER)"
    r"\s+[A-Z][A-Z’'-]+(?:\s+[A-Z][A-Z’'-]+)*"
    r"|THE\s+(?:VICE\s+)?PRESIDENT|QUESTION|MODERATOR|OPERATOR|Q)\s*:\s*"
    r"|(?P<q>Q)\s+(?=[A-Z])")
_NOT_SPEAKERS = frozenset({"Q", "QUESTION", "MODERATOR", "OPERATOR"})
_STAGE_RE = re.compile(r"\s*\((?:Laughter|Applause|Crosstalk|Inaudible|Cross-talk)[^)]*\)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class _Para:
    start: int
    end: int
    skip: str | None = None  # why the paragraph is not read, or None



def _layout(text: str) -> list[_Para]:
    """Paragraphs (one per line, hard-wrapped lines joined), each marked when it is not to be read."""
    blocks = _blocks(text)
    paras: list[_Para] = []
    for block in blocks:
        lines = _join_wrapped(text, block)
        after_caption = False
        for i, (s, e) in enumerate(lines):
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            reason = _skip_reason(text, s, e, nxt, after_caption)
            after_caption = after_caption or text[s:e].strip().lower() in _CAPTION_LABELS
            paras.append(_Para(s, e, reason))
    return [_after_dateline(text, p) for p in _photo_descriptions(text, paras)]


def _blocks(text: str) -> list[list[tuple[int, int]]]:
    """Runs of non-blank lines, each line as its stripped (start, end)."""
    blocks: list[list[tuple[int, int]]] = [[]]
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        lead = len(body) - len(body.lstrip())
        if body.strip():
            blocks[-1].append((pos + lead, pos + len(body.rstrip())))
        elif blocks[-1]:
            blocks.append([])
        pos += len(line)
    return [b for b in blocks if b]


def _join_wrapped(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The paragraphs of a block: its lines, or, when the block is hard-wrapped, its lines joined.

    A block is hard-wrapped when its lines are at most 100 characters and every line break is one a wrapper
    would make: the next line's first word would not have fitted on the line (the widest line is the width).
    A transcript label starts a new paragraph; caption and credit lines always stand alone.
    """
    width = max(e - s for s, e in lines)
    wrapped = len(lines) >= 2 and width <= 100 and all(
        (e - s) + 1 + len(text[ns:ne].split()[0]) > width for (s, e), (ns, ne) in itertools.pairwise(lines))
    if not wrapped:
        return list(lines)
    out: list[tuple[int, int]] = []
    for i, (s, e) in enumerate(lines):
        line, prev = text[s:e], text[slice(*lines[i - 1])] if i else ""
        alone = _is_caption_or_credit(line) or _is_caption_or_credit(prev) or bool(_LABEL_RE.match(line))
        if out and not alone:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _skip_reason(text: str, s: int, e: int, nxt: tuple[int, int] | None, after_caption: bool) -> str | None:
    line = text[s:e]
    stripped = line.strip()
    if stripped.lower() in _CAPTION_LABELS:
        return "caption label"
    if _CREDIT_RE.search(stripped):
        return "photo credit"
    if after_caption:
        return "caption"
    if nxt is not None and _is_caption_or_credit(text[nxt[0]:nxt[1]]):
        return "photo description"
    if _LABEL_RE.match(stripped):
        return None
    if _BYLINE_RE.match(stripped) and len(stripped.split()) <= 12:
        return "byline"
    if len(stripped.split()) <= 3 and not re.search(r"[“”\"]", stripped):
        return "short line"
    if not _SENTENCE_END_RE.search(stripped):
        return "no sentence (headline or label)"
    return None


def _is_caption_or_credit(line: str) -> bool:
    line = line.strip()
    return line.lower() in _CAPTION_LABELS or bool(_CREDIT_RE.search(line))


def _photo_descriptions(text: str, paras: list[_Para]) -> list[_Para]:
    """Mark a present-tense photo description that a credit or caption line follows after a blank line."""
    out = list(paras)
    for i, p in enumerate(paras[:-1]):
        nxt = paras[i + 1]
        line = text[p.start:p.end]
        if (p.skip is None and nxt.skip in ("photo credit", "caption label") and _PHOTO_VERB_RE.search(line)
                and not re.search(r"[“”\"]", line)):
            out[i] = _Para(p.start, p.end, "photo description")
    return out


def _after_dateline(text: str, p: _Para) -> _Para:
    if p.skip:
        return p
    m = _DATELINE_RE.match(text, p.start, p.end)
    return _Para(m.end(), p.end) if m else p


def _is_transcript(text: str, paras: list[_Para]) -> bool:
    labels = [m.group("label") or "Q" for p in paras if not p.skip
              for m in [_LABEL_RE.match(text, p.start, p.end)] if m]
    return len(labels) >= 2 and any(label.split()[0] not in _NOT_SPEAKERS for label in labels)
