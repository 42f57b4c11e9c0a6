"""Findings as terminal lines: the two texts shortened to one line each, with speaker and date, then the
explanation (``contradict find`` and ``contradict report`` print these).

Example:
    >>> from contradict.records import Finding, Statement, Verdict
    >>> f = Finding(Statement("a", "Taxes will rise.", "Minister"), Statement("b", "Taxes will not rise.", "Minister"),
    ...             Verdict.CONTRADICTION, {}, {}, {}, 0.9, "They conflict.")
    >>> print("\\n".join(finding_lines(f, width=60)))
    [contradiction] Minister
      undated  Minister: “Taxes will rise.”
      undated  Minister: “Taxes will not rise.”
      → They conflict.
"""

from __future__ import annotations

from datetime import date, datetime

from ..records import Finding, Statement

__all__ = ["finding_lines", "id_line", "shorten"]


def shorten(text: str, width: int) -> str:
    """``text`` on one line, cut at a word boundary with "…" when longer than ``width`` characters.

    Example:
        >>> shorten("We don't encourage or enable the use of weapons.", 30)
        "We don't encourage or enable…"
    """
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[: max(1, width - 1)]
    if " " in cut[width // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def _when(t: date | datetime | None) -> str:
    if t is None:
        return "undated"
    return f"{t.day} {t:%b %Y}" if not isinstance(t, datetime) else f"{t.day} {t:%b %Y %H:%M}"


def _quote(s: Statement, width: int) -> str:
    head = f"  {_when(s.time)}  {s.speaker or 'unknown speaker'}: "
    return head + "“" + shorten(s.text, max(20, width - len(head) - 2)) + "”"


def finding_lines(f: Finding, *, width: int = 100) -> list[str]:
    """The lines for one finding: a header (verdict, grade, denied shift, actor), both statements, the explanation."""
    grade = f", {f.grade.replace('_', ' ')}" if f.grade else ""
    denied = ", denied shift" if f.denied_shift else ""
    actors = " / ".join(dict.fromkeys(a for a in (f.actor_a or f.a.speaker, f.actor_b or f.b.speaker) if a))
    return [f"[{f.verdict.value.replace('_', ' ')}{grade}{denied}] {actors}".rstrip(),
            _quote(f.a, width), _quote(f.b, width), f"  → {f.explanation}"]


def id_line(f: Finding) -> str:
    """The short form (``--ids``): verdict, grade and the two statement ids with their dates."""
    grade = f" ({f.grade.replace('_', ' ')})" if f.grade else ""
    return (f"[{f.verdict.value}{grade}] {f.a.id} ({f.a.time.isoformat() if f.a.time else 'undated'}) vs "
            f"{f.b.id} ({f.b.time.isoformat() if f.b.time else 'undated'})")
