"""HTML for findings: the fact-checker's page, one card per finding, the per-actor timelines, the notebook table.

Everything here renders the documented JSON form of a finding (``Finding.to_dict()``, one line of what
``contradict find --out x.jsonl`` writes), so a page made from a findings file and one made from ``find``'s
return value are the same page. The module imports nothing from the rest of the package: ``Finding._repr_html_``
(in ``records``) calls it, so it sits below the records, the way a formatter sits below the table it prints.

Pages are self-contained: inline CSS, inline SVG, a few lines of inline JavaScript (filters), no network.

Example:
    >>> d = {"a": {"id": "k1", "text": "No change.", "time": "2024-05-28"},
    ...      "b": {"id": "o2", "text": "Now allowed.", "time": "2024-05-30"},
    ...      "verdict": "policy_shift", "grade": "half_flip", "explanation": "Narrowed.", "scores": {}}
    >>> anchor("k1", "o2")
    'f-k1~o2'
    >>> 'id="f-k1~o2"' in page_html([d])
    True
"""

from __future__ import annotations

import hashlib
import html
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

__all__ = ["VERDICT_ORDER", "anchor", "card_fragment", "card_html", "importance", "page_html", "table_html",
           "timeline_svg"]

#: Verdict values in the order a fact-checker reads them; the first two get full cards, the others are collapsed.
VERDICT_ORDER = ("contradiction", "policy_shift", "consistent", "unrelated")
_NOTABLE = ("contradiction", "policy_shift")
_LABEL = {"contradiction": "contradiction", "policy_shift": "policy shift", "consistent": "consistent",
          "unrelated": "unrelated"}
_COLOR = {"contradiction": "#c0392b", "policy_shift": "#d35400", "consistent": "#2e7d32", "unrelated": "#7f8c8d"}
_GRADE_RANK = {"full_flop": 0, "half_flip": 1}

Finding = Mapping[str, Any]  # the JSON form, ``Finding.to_dict()``

_CSS = """
.cx{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;line-height:1.4}
.cx h1{font-size:1.5em;margin:.2em 0}.cx h2{font-size:1.15em;margin:1.6em 0 .5em;border-bottom:1px solid #ddd}
.cx table{border-collapse:collapse;font-size:.9em}.cx th,.cx td{padding:.2em .6em;text-align:left;
border-bottom:1px solid #eee;vertical-align:top}.cx td.n{text-align:right;font-variant-numeric:tabular-nums}
.cx .m{color:#666;font-size:.9em}.cx a{color:#1f5fa8}
.cx .b{display:inline-block;padding:0 .5em;border-radius:.8em;color:#fff;font-size:.85em;font-weight:600}
.cx .b.contradiction{background:#c0392b}.cx .b.policy_shift{background:#d35400}
.cx .b.consistent{background:#2e7d32}.cx .b.unrelated{background:#7f8c8d}
.cx .flag{background:#fdebd0;color:#7e3b00;border:1px solid #e59866;border-radius:.3em;padding:0 .4em;
font-size:.85em}
.cx .card{border:1px solid #ddd;border-left:5px solid #999;border-radius:.4em;padding:.6em .9em;margin:.8em 0;
background:#fff}
.cx .card.contradiction{border-left-color:#c0392b}.cx .card.policy_shift{border-left-color:#d35400}
.cx .card.consistent{border-left-color:#2e7d32}.cx .card.unrelated{border-left-color:#7f8c8d}
.cx .card:target{box-shadow:0 0 0 3px #f5cba7}
.cx .hd{display:flex;gap:.5em;align-items:baseline;flex-wrap:wrap}.cx .hd .r{margin-left:auto}
.cx .two{display:grid;grid-template-columns:1fr 1fr;gap:.8em;margin:.5em 0}
.cx .st{background:#f8f8f6;border-radius:.3em;padding:.4em .6em}.cx .st q{display:block;margin:.3em 0;quotes:none}
.cx .ex{margin:.4em 0;font-weight:500}.cx .pr td{padding:.05em .5em}.cx .pr td+td{text-align:right}
.cx .pr i{display:inline-block;height:.6em;background:#c0392b;vertical-align:middle}
.cx details>summary{cursor:pointer;font-weight:600;margin:.8em 0}
.cx .flt{background:#f4f6f8;border-radius:.4em;padding:.5em .8em;margin:1em 0}.cx .flt label{margin-right:1em}
.cx .tl{margin:.3em 0 1em}.cx .tl svg{max-width:100%;height:auto}
@media (max-width:700px){.cx .two{grid-template-columns:1fr}}
"""

# Filters: show a card or a timeline when its verdict is ticked and it involves the chosen actor.
_JS = """
(function(){
var f=document.getElementById('cx-filters');if(!f)return;f.hidden=false;
function apply(){
 var on={};f.querySelectorAll('input[data-v]').forEach(function(i){on[i.dataset.v]=i.checked;});
 var a=f.querySelector('select').value;
 document.querySelectorAll('[data-verdict]').forEach(function(c){
  var acts=(c.dataset.actors||'').split('|');
  c.style.display=(on[c.dataset.verdict]&&(a===''||acts.indexOf(a)>=0))?'':'none';});
 document.querySelectorAll('section[data-section]').forEach(function(s){s.hidden=!on[s.dataset.section];});
 document.querySelectorAll('div.tl[data-actor]').forEach(function(t){t.hidden=!(a===''||t.dataset.actor===a);});
}
f.addEventListener('change',apply);apply();
})();
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


_SLUG_RE = re.compile(r"[^A-Za-z0-9_.-]+")


def _slug(statement_id: str) -> str:
    slug = _SLUG_RE.sub("-", statement_id).strip("-")
    if slug != statement_id or not slug:
        slug = f"{slug}-{hashlib.sha1(statement_id.encode('utf-8', 'surrogatepass')).hexdigest()[:6]}".lstrip("-")
    return slug


def anchor(a_id: str, b_id: str) -> str:
    """The stable anchor of the finding on statements ``a_id`` and ``b_id``, usable as ``page.html#ANCHOR``.

    Ids made of letters, digits, ``_ . -`` are kept as they are; any other id is slugged and gets six hex
    digits of its hash, so two different pairs never share an anchor.

    Example:
        >>> anchor("kirby-0528-no-change", "official-0530-counter-fire")
        'f-kirby-0528-no-change~official-0530-counter-fire'
        >>> anchor("a b", "c")[:6]
        'f-a-b-'
    """
    return f"f-{_slug(a_id)}~{_slug(b_id)}"


def _day(value: Any) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _cut(text: Any, n: int) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _when(value: Any) -> str:
    """``"28 May 2024"``, with the clock time of a date-time (``"28 May 2024, 14:05 +02:00"``), or "undated"."""
    day = _day(value)
    if day is None:
        return "undated"
    text = f"{day.day} {day:%B %Y}"
    if isinstance(value, str) and len(value) > 10:
        clock, zone = value[11:16], value[19:].lstrip(".0123456789")
        text += f", {clock} {'UTC' if zone in ('Z', '+00:00') else zone}".rstrip()
    return text


def _period(window: Mapping[str, Any] | None) -> str:
    if not window:
        return ""
    start, end = _day(window.get("start")), _day(window.get("end"))
    if start and end:
        span = _when(window["start"]) if start == end else f"{_when(window['start'])} – {_when(window['end'])}"
    elif start:
        span = f"from {_when(window['start'])}"
    elif end:
        span = f"until {_when(window['end'])}"
    else:
        span = "an open period"
    phrase = window.get("phrase")
    if window.get("kind") == "statement_time" or not phrase:
        return f"{span} (no date in the text: the statement's time)"
    return f"{span} (“{_e(phrase)}”)"


def _source(source: Any) -> str:
    if not source:
        return "<span class=m>source unknown</span>"
    text = str(source)
    if re.match(r"https?://\S+$", text):
        return f'<a href="{_e(text)}">{_e(text)}</a>'
    return _e(text)


def _actors(d: Finding) -> list[str]:
    return list(dict.fromkeys(a for a in (_actor(d, "a"), _actor(d, "b"))))


def _actor(d: Finding, side: str) -> str:
    statement = d.get(side) or {}
    return d.get(f"actor_{side}") or statement.get("speaker") or "unknown speaker"


def _p(scores: Any, label: str) -> float:
    try:
        return float((scores or {}).get(label, 0.0))
    except (TypeError, ValueError):
        return 0.0


def importance(d: Finding) -> tuple[Any, ...]:
    """Sort key, most important first: verdict (contradiction, policy shift, consistent, unrelated), a denied
    shift before others, a full flop before a half flip, then the higher contradiction probability.

    Example:
        >>> sorted([{"verdict": "consistent"}, {"verdict": "policy_shift"}], key=importance)[0]["verdict"]
        'policy_shift'
    """
    verdict = d.get("verdict")
    rank = VERDICT_ORDER.index(verdict) if verdict in VERDICT_ORDER else len(VERDICT_ORDER)
    return (rank, not d.get("denied_shift"), _GRADE_RANK.get(d.get("grade") or "", 2),
            -_p(d.get("scores"), "contradiction"), str((d.get("a") or {}).get("id")), str((d.get("b") or {}).get("id")))


def _badge(d: Finding) -> str:
    verdict = str(d.get("verdict"))
    grade = f" · {_e(str(d['grade']).replace('_', ' '))}" if d.get("grade") else ""
    return f'<span class="b {_e(verdict)}">{_e(_LABEL.get(verdict, verdict))}{grade}</span>'


def _statement(d: Finding, side: str) -> str:
    s = d.get(side) or {}
    about = _period(d.get(f"about_{side}"))
    speaker = s.get("speaker") or "unknown speaker"
    actor = "" if _actor(d, side) == speaker else f"actor: {_e(_actor(d, side))} · "
    return (f'<div class=st><b>{_e(speaker)}</b> · {_e(_when(s.get("time")))}'
            f'<br><span class=m>{actor}{_source(s.get("source"))} · id <code>'
            f'{_e(s.get("id"))}</code></span><q>“{_e(s.get("text"))}”</q>'
            + (f'<span class=m>about: {about}</span>' if about else "") + "</div>")


def _probabilities(d: Finding) -> str:
    rows = []
    for name, key in (("combined", "scores"), ("a → b", "scores_ab"), ("b → a", "scores_ba")):
        scores = d.get(key)
        if not scores:
            continue
        cells = "".join(f"<td>{_p(scores, label):.2f}" for label in ("entailment", "neutral", "contradiction"))
        rows.append(f"<tr><td>{name}{cells}<td><i style=width:{round(_p(scores, 'contradiction') * 60)}px></i>")
    if not rows:
        return ""
    return ("<table class=pr><tr><th>NLI<th>entail<th>neutral<th>contra<th>" + "".join(rows) + "</table>")


def card_html(d: Finding, *, anchor_id: str | None = None) -> str:
    """One finding as a card: both statements side by side (speaker, actor, date, source, the periods the texts
    are about and the phrases they came from), the verdict with its grade and the denied-shift flag, the
    explanation, the NLI probabilities and the rule. Needs the page's CSS (``page_html``) or ``standalone``
    styling (``Finding._repr_html_`` adds it).

    Example:
        >>> "half flip" in card_html({"a": {"id": "a", "text": "x"}, "b": {"id": "b", "text": "y"},
        ...                           "verdict": "policy_shift", "grade": "half_flip"})
        True
    """
    a, b = d.get("a") or {}, d.get("b") or {}
    ident = anchor_id or anchor(str(a.get("id")), str(b.get("id")))
    verdict = str(d.get("verdict"))
    flag = ('<span class=flag title="a statement says nothing changed while its content differs from the earlier '
            'position">denied shift: says nothing changed</span>') if d.get("denied_shift") else ""
    rule = f"rule: <code>{_e(d.get('rule'))}</code>" if d.get("rule") else ""
    extra = []
    if d.get("similarity") is not None:
        extra.append(f"topic similarity {float(d['similarity']):.2f}")
    if d.get("signals"):
        extra.append("signals: " + _e("; ".join(map(str, d["signals"]))))
    if d.get("split_sentences"):
        extra.append("long text scored sentence by sentence")
    return (f'<article class="card {_e(verdict)}" id="{_e(ident)}" data-verdict="{_e(verdict)}" '
            f'data-actors="{_e("|".join(_actors(d)))}"><div class=hd>{_badge(d)}{flag}<span class=m>{rule}</span>'
            f'<a class="r m" href="#{_e(ident)}">#</a></div>'
            f'<div class=two>{_statement(d, "a")}{_statement(d, "b")}</div>'
            f'<div class=ex>{_e(d.get("explanation"))}</div>{_probabilities(d)}'
            + (f'<div class=m>{" · ".join(extra)}</div>' if extra else "") + "</article>")


def card_fragment(d: Finding) -> str:
    """A card with its own styles, for a notebook cell (``Finding._repr_html_``)."""
    return f"<style>{_CSS}</style><div class=cx>{card_html(d)}</div>"


# ----------------------------------------------------------------------------------------------- timeline


def _statements_by_actor(findings: Sequence[Finding]) -> dict[str, dict[str, Mapping[str, Any]]]:
    lanes: dict[str, dict[str, Mapping[str, Any]]] = {}
    for d in findings:
        for side in ("a", "b"):
            s = d.get(side) or {}
            lanes.setdefault(_actor(d, side), {}).setdefault(str(s.get("id")), s)
    return dict(sorted(lanes.items(), key=lambda kv: (-len(kv[1]), kv[0])))


def _ticks(start: date, end: date) -> list[tuple[date, str]]:
    days = (end - start).days
    out: list[tuple[date, str]] = []
    if days <= 21:
        step = 1 if days <= 10 else 2
        d = start
        while d <= end:
            out.append((d, f"{d.day} {d:%b}"))
            d += timedelta(days=step)
        return out
    step = 1 if days <= 400 else 3 if days <= 1200 else 12
    month = date(start.year, start.month, 1)
    while month <= end:
        if month >= start and (month.month - 1) % step == 0:
            out.append((month, f"{month:%b %Y}" if month.month == 1 or step >= 12 or not out else f"{month:%b}"))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return out


def timeline_svg(findings: Sequence[Finding], actor: str, statements: Mapping[str, Mapping[str, Any]], *,
                 start: date, end: date, width: int = 960) -> str:
    """One actor's timeline as inline SVG: each dated statement a mark (hover for speaker, date and text),
    each contradiction and policy shift between two of its statements an arc linking to the finding's card
    (orange for a shift, red for a contradiction, dashed for a half flip), labelled when there is room.

    Example:
        >>> s = {"x": {"id": "x", "text": "t", "time": "2024-05-28"}}
        >>> timeline_svg([], "Gov", s, start=date(2024, 5, 1), end=date(2024, 6, 1)).startswith("<svg")
        True
    """
    left, right, axis = 36, width - 36, 0  # drawn around the axis at y = 0, moved down at the end
    span = max((end - start).days, 1)

    def x(day: date) -> float:
        return left + (right - left) * (day - start).days / span

    placed: dict[str, tuple[float, float]] = {}
    rows: dict[int, int] = {}
    marks = []
    for sid, s in sorted(statements.items(), key=lambda kv: (str(kv[1].get("time") or ""), kv[0])):
        day = _day(s.get("time"))
        if day is None:
            continue
        px = x(day)
        bucket = int(px // 9)
        row = max(rows.get(bucket, 0), rows.get(bucket - 1, 0) if px - (bucket * 9) < 4 else 0)
        rows[bucket] = row + 1
        py = axis + 10 * row
        placed[sid] = (px, py)
        tip = f"{_when(s.get('time'))} · {s.get('speaker') or 'unknown speaker'}: {_cut(s.get('text'), 160)}"
        marks.append(f'<circle cx="{px:.1f}" cy="{py}" r="4"><title>{_e(tip)}</title></circle>')
    links = []
    between: Counter[tuple[int, int]] = Counter()
    highest = 0.0
    labelled: list[tuple[float, float, float, float]] = []
    for d in findings:
        verdict = d.get("verdict")
        if verdict not in _NOTABLE or _actor(d, "a") != actor or _actor(d, "b") != actor:
            continue
        a, b = placed.get(str((d.get("a") or {}).get("id"))), placed.get(str((d.get("b") or {}).get("id")))
        if a is None or b is None:
            continue
        (x1, y1), (x2, y2) = sorted([a, b])
        key = (round(x1 / 9), round(x2 / 9))
        between[key] += 1
        nth = between[key] - 1  # arcs between the same two days get higher, so each stays visible
        dash = ' stroke-dasharray="5 3"' if d.get("grade") == "half_flip" else ""
        label = _LABEL[str(verdict)] + (f" ({str(d['grade']).replace('_', ' ')})" if d.get("grade") else "")
        if d.get("denied_shift"):
            label += ", denied"
        if x2 - x1 < 6:  # the same day: a loop to the right of the marks
            reach = 22 + 10 * nth
            path = f"M{x1:.1f} {y1} C{x1 + reach:.1f} {y1 - 16} {x2 + reach:.1f} {y2 + 16} {x2:.1f} {y2}"
            text = ""
        else:
            lift = min(60.0, 16 + (x2 - x1) / 4) + 18 * nth
            highest = max(highest, lift)
            mid, top = (x1 + x2) / 2, min(y1, y2) - 4
            path = f"M{x1:.1f} {y1 - 4} Q{mid:.1f} {top - 2 * lift:.1f} {x2:.1f} {y2 - 4}"
            box = (mid - 3.3 * len(label), top - lift - 14, mid + 3.3 * len(label), top - lift + 2)
            fits = x2 - x1 > 6.5 * len(label) and not any(
                box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3] for o in labelled)
            if fits:
                labelled.append(box)  # a label that would cover another is left to the arc's tooltip
            text = (f'<text x="{mid:.1f}" y="{top - lift - 3:.1f}" text-anchor="middle" stroke="#fff" '
                    f'stroke-width="3" paint-order="stroke" fill="{_COLOR[str(verdict)]}">{_e(label)}</text>'
                    if fits else "")
        sa, sb = d.get("a") or {}, d.get("b") or {}
        tip = (f"{label}: {_when(sa.get('time'))} “{_cut(sa.get('text'), 120)}” → {_when(sb.get('time'))} "
               f"“{_cut(sb.get('text'), 120)}”. {d.get('explanation') or ''}")
        ident = anchor(str(sa.get("id")), str(sb.get("id")))
        links.append(f'<a href="#{_e(ident)}" data-verdict="{_e(verdict)}" data-actors="{_e(actor)}">'
                     f'<path d="{path}" stroke="{_COLOR[str(verdict)]}"{dash}/>{text}<title>{_e(tip)}</title></a>')
    top = round(highest + 22)
    bottom = 10 * max(rows.values(), default=1) + 18
    ticks = "".join(f'<line x1="{x(t):.1f}" y1="-3" x2="{x(t):.1f}" y2="3"/>'
                    f'<text x="{x(t):.1f}" y="{bottom}" text-anchor="middle" stroke="none" fill="#555">'
                    f'{_e(label)}</text>' for t, label in _ticks(start, end))
    undated = len(statements) - len(placed)
    note = (f'<text x="{right}" y="12" text-anchor="end" fill="#555">{undated} undated statement'
            f'{"s" * (undated != 1)} not shown</text>') if undated else ""
    height = top + bottom + 6
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-label="timeline of {_e(actor)}" font-size="11" '
            f'font-family="system-ui,sans-serif">{note}<g transform="translate(0 {top})"><g stroke="#999">'
            f'<line x1="{left}" y1="0" x2="{right}" y2="0"/>{ticks}</g>'
            f'<g fill="none" stroke-width="2">{"".join(links)}</g>'
            f'<g fill="#34495e" stroke="#fff">{"".join(marks)}</g></g></svg>')

# ----------------------------------------------------------------------------------------------- page


def _summary(findings: Sequence[Finding], lanes: Mapping[str, Mapping[str, Any]],
             provenance: Mapping[str, Any]) -> str:
    counts = Counter(str(d.get("verdict")) for d in findings)
    denied = sum(1 for d in findings if d.get("denied_shift"))
    grades = Counter(str(d.get("grade")) for d in findings if d.get("verdict") == "policy_shift" and d.get("grade"))
    verdicts = "".join(
        f"<tr><td>{_badge({'verdict': v})}</td><td class=n>{counts.get(v, 0)}</td><td class=m>"
        + (", ".join(f"{n} {g.replace('_', ' ')}" for g, n in sorted(grades.items())) if v == "policy_shift" else "")
        + (f"{'; ' if grades and v == 'policy_shift' else ''}{denied} denied" if v == "policy_shift" and denied
           else "") + "</td></tr>" for v in VERDICT_ORDER)
    actors = "".join(
        f"<tr><td>{_e(name)}</td><td class=n>{len(st)}</td><td class=m>"
        f"{_e(', '.join(sorted({str(s.get('speaker')) for s in st.values() if s.get('speaker')})))}</td></tr>"
        for name, st in lanes.items())
    days = [day for st in lanes.values() for s in st.values() if (day := _day(s.get("time")))]
    n_statements = len({sid for st in lanes.values() for sid in st})
    period = (f"{_when(min(days).isoformat())} – {_when(max(days).isoformat())}" if days else "no dated statements")
    prov = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in provenance.items() if v is not None)
    return (f"<p>{len(findings)} pairs of {n_statements} statements · period covered: <b>{_e(period)}</b></p>"
            f"<div class=two><div><h2>Verdicts</h2><table>{verdicts}</table></div>"
            f"<div><h2>Actors</h2><table><tr><th>actor</th><th>statements</th><th>speakers</th></tr>{actors}"
            f"</table></div></div>" + (f"<h2>Provenance</h2><table>{prov}</table>" if prov else ""))


def _filters(actors: Iterable[str]) -> str:
    boxes = "".join(f'<label><input type=checkbox data-v="{v}" checked> {_badge({"verdict": v})}</label>'
                    for v in VERDICT_ORDER)
    options = "".join(f'<option value="{_e(a)}">{_e(a)}</option>' for a in actors)
    return (f'<div class=flt id=cx-filters hidden><b>Show</b> {boxes}<label>actor <select>'
            f'<option value="">all actors</option>{options}</select></label></div>')


def page_html(findings: Iterable[Finding], *, title: str = "contradict: findings",
              provenance: Mapping[str, Any] | None = None) -> str:
    """The whole self-contained page: summary, filters, a timeline per actor, then one card per finding, most
    important first (:func:`importance`); consistent and unrelated pairs are collapsed (``<details>``).

    Args:
        findings: findings in their JSON form (``Finding.to_dict()``).
        title: the page title.
        provenance: what the findings came from (model, config, input file, version); None values are left out.

    Example:
        >>> page_html([]).startswith("<!DOCTYPE html>")
        True
    """
    items = sorted(findings, key=importance)
    lanes = _statements_by_actor(items)
    days = [day for st in lanes.values() for s in st.values() if (day := _day(s.get("time")))]
    parts = [f"<h1>{_e(title)}</h1>", _summary(items, lanes, provenance or {}), _filters(lanes)]
    if days:
        start, end = min(days), max(days)
        pad = max(1, (end - start).days // 40)
        start, end = start - timedelta(days=pad), end + timedelta(days=pad)
        parts.append("<h2>Timelines</h2><p class=m>Each dot is a statement (hover for the text); arcs link a "
                     "statement to a later one: <b style='color:#d35400'>policy shift</b> (dashed: half flip), "
                     "<b style='color:#c0392b'>contradiction</b>. Click an arc for its card.</p>")
        for actor, statements in lanes.items():
            parts.append(f'<div class=tl data-actor="{_e(actor)}" id="tl-{_e(_slug(actor))}"><b>{_e(actor)}</b> '
                         f'<span class=m>({len(statements)} statements)</span>'
                         f'{timeline_svg(items, actor, statements, start=start, end=end)}</div>')
    seen: Counter[str] = Counter()
    for verdict in VERDICT_ORDER:
        group = [d for d in items if d.get("verdict") == verdict]
        if not group:
            continue
        cards = []
        for d in group:
            ident = anchor(str((d.get("a") or {}).get("id")), str((d.get("b") or {}).get("id")))
            seen[ident] += 1
            cards.append(card_html(d, anchor_id=ident if seen[ident] == 1 else f"{ident}-{seen[ident]}"))
        heading = f"{_LABEL[verdict].capitalize()}s ({len(group)})"
        if verdict in _NOTABLE:
            parts.append(f'<section data-section="{verdict}"><h2>{heading}</h2>{"".join(cards)}</section>')
        else:
            parts.append(f'<section data-section="{verdict}"><details><summary>{heading}: collapsed; click to '
                         f'show</summary>{"".join(cards)}</details></section>')
    other = [d for d in items if d.get("verdict") not in VERDICT_ORDER]
    if other:
        parts.append(f"<h2>Other ({len(other)})</h2>" + "".join(card_html(d) for d in other))
    if not items:
        parts.append("<p>No findings.</p>")
    return ("<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
            "<meta name=viewport content='width=device-width,initial-scale=1'>"
            f"<title>{_e(title)}</title><style>body{{margin:1.5em auto;max-width:70em;padding:0 1em}}{_CSS}</style>"
            f"</head><body class=cx>{''.join(parts)}<script>{_JS}</script></body></html>\n")


def table_html(findings: Sequence[Finding], *, max_rows: int = 60) -> str:
    """Findings as a compact HTML table (a notebook's display of ``Findings``): verdict, both statements
    shortened with speaker and date, the explanation and P(contradiction); at most ``max_rows`` rows, most
    important first.

    Example:
        >>> "<table" in table_html([])
        True
    """
    items = sorted(findings, key=importance)

    def cell(s: Mapping[str, Any]) -> str:
        return (f"<td><b>{_e(s.get('speaker') or 'unknown')}</b> <span class=m>{_e(_when(s.get('time')))}</span>"
                f"<br>{_e(_cut(s.get('text'), 140))}</td>")

    rows = "".join(f"<tr><td>{_badge(d)}{'<br><span class=flag>denied</span>' if d.get('denied_shift') else ''}"
                   f"</td>{cell(d.get('a') or {})}{cell(d.get('b') or {})}<td>{_e(d.get('explanation'))}</td>"
                   f"<td class=n>{_p(d.get('scores'), 'contradiction'):.2f}</td></tr>" for d in items[:max_rows])
    counts = Counter(str(d.get("verdict")) for d in items)
    caption = f"{len(items)} findings: " + ", ".join(f"{_LABEL[v]} {counts.get(v, 0)}" for v in VERDICT_ORDER)
    more = (f"<p class=m>… {len(items) - max_rows} more (<code>.to_pandas()</code> for all, <code>.to_html()"
            "</code> for the full page)</p>") if len(items) > max_rows else ""
    return (f"<style>{_CSS}</style><div class=cx><table><caption style='text-align:left'>{_e(caption)}</caption>"
            "<tr><th>verdict</th><th>a</th><th>b</th><th>explanation</th><th>P(contra)</th></tr>"
            f"{rows}</table>{more}</div>")

