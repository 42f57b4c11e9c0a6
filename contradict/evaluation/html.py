"""A self-contained HTML page for a :class:`~contradict.evaluation.report.BenchmarkReport` (``contradict bench --html``).

One file, no external resources: the tables as HTML, the confusion matrices as PNG pictures (matplotlib, Agg
canvas, imported only here) embedded as base64 ``data:`` URIs, and the provenance.

Example:
    >>> from contradict.evaluation.html import write_html    # doctest: +SKIP
    >>> write_html(report, "report.html")                # doctest: +SKIP
    PosixPath('report.html')
"""

from __future__ import annotations

import base64
import html
import importlib.util
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ContradictError
from ..io import write_text
from .metrics import LABEL_ORDER, Metrics
from .report import DETECTOR, file_labels

if TYPE_CHECKING:
    from .report import BenchmarkReport

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 72em;
       color: #222; line-height: 1.4; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.92em; }
th, td { padding: 0.25em 0.7em; border-bottom: 1px solid #eee; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.first td { border-top: 1px solid #bbb; }
.warn { background: #fff4e5; border-left: 4px solid #f0a020; padding: 0.5em 1em; }
.muted { color: #666; } code, pre { font-size: 0.9em; } pre { background: #f6f6f6; padding: 0.7em; overflow-x: auto; }
img { max-width: 100%; }
"""


def require_matplotlib() -> None:
    """Raise a readable error when matplotlib (the ``report`` extra) is not installed.

    Raises:
        ContradictError: naming the package to install.

    Example:
        >>> require_matplotlib()   # doctest: +SKIP
    """
    if importlib.util.find_spec("matplotlib") is None:
        raise ContradictError("the HTML report needs matplotlib: pip install 'contradict[report]'")


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _num(value: float | None, digits: int = 3) -> str:
    return "&ndash;" if value is None else f"{value:.{digits}f}"


def confusion_png(matrix: Sequence[Sequence[int]], *, title: str = "", labels: Sequence[str] | None = None) -> bytes:
    """A confusion matrix (rows gold, columns predicted) drawn as a PNG.

    Example:
        >>> confusion_png([[3, 1], [0, 2]], labels=["contradiction", "consistent"])[:4]
        b'\\x89PNG'
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    names = list(labels) if labels is not None else [v.value for v in LABEL_ORDER]
    size = len(names)
    fig = Figure(figsize=(1.2 + 1.05 * size, 1.0 + 0.95 * size), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    values = [[int(c) for c in row] for row in matrix]
    peak = max((c for row in values for c in row), default=0) or 1
    ax.imshow(values, cmap="Blues", vmin=0, vmax=peak)
    for i, row in enumerate(values):
        for j, count in enumerate(row):
            ax.text(j, i, str(count), ha="center", va="center", fontsize=10,
                    color="white" if count > peak * 0.6 else "black")
    ticks = list(range(size))
    ax.set_xticks(ticks, [n.replace("_", "\n") for n in names], fontsize=8)
    ax.set_yticks(ticks, [n.replace("_", "\n") for n in names], fontsize=8)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    if title:
        ax.set_title(title, fontsize=10)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def _img(png: bytes, alt: str) -> str:
    return f'<img src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}" alt="{_esc(alt)}">'


def _metrics_table(scopes: Sequence[tuple[str, Mapping[str, Metrics]]]) -> str:
    head = ("<tr><th>scope</th><th>system</th><th class=num>n</th><th class=num>accuracy</th>"
            "<th class=num>macro-F1</th><th class=num>95% CI</th><th class=num>pairs/s</th></tr>")
    rows = []
    for scope, metrics in scopes:
        for i, (system, m) in enumerate(metrics.items()):
            rows.append(f'<tr{" class=first" if i == 0 else ""}><td>{_esc(scope) if i == 0 else ""}</td>'
                        f"<td>{_esc(system)}</td><td class=num>{m.n}</td><td class=num>{_num(m.accuracy)}</td>"
                        f"<td class=num><b>{_num(m.macro_f1)}</b></td>"
                        f"<td class=num>[{_num(m.macro_f1_ci[0])}, {_num(m.macro_f1_ci[1])}]</td>"
                        f"<td class=num>{_num(m.pairs_per_second, 1)}</td></tr>")
    return f"<table>{head}{''.join(rows)}</table>"


def _per_label_table(metrics: Mapping[str, Metrics]) -> str:
    head = ("<tr><th>system</th><th>label</th><th class=num>precision</th><th class=num>recall</th>"
            "<th class=num>F1</th><th class=num>support</th></tr>")
    rows = []
    for system, m in metrics.items():
        for i, (label, s) in enumerate(m.per_label.items()):
            rows.append(f'<tr{" class=first" if i == 0 else ""}><td>{_esc(system) if i == 0 else ""}</td>'
                        f"<td>{_esc(label)}</td><td class=num>{_num(s['precision'])}</td>"
                        f"<td class=num>{_num(s['recall'])}</td><td class=num>{_num(s['f1'])}</td>"
                        f"<td class=num>{int(s['support'])}</td></tr>")
    return f"<table>{head}{''.join(rows)}</table>"


def _provenance_table(prov: Mapping[str, Any]) -> str:
    keys = ("version", "git_commit", "git_dirty", "model", "model_sha256", "config_source", "date", "platform")
    rows = [f"<tr><th>{_esc(k)}</th><td><code>{_esc(prov.get(k))}</code></td></tr>" for k in keys]
    for name, version in (prov.get("versions") or {}).items():
        rows.append(f"<tr><th>{_esc(name)}</th><td><code>{_esc(version)}</code></td></tr>")
    cal = prov.get("calibration") or {}
    if cal:
        rows.append("<tr><th>calibration</th><td>" + (
            f"{_esc(cal.get('n_pair_ids'))} pairs of {_esc(', '.join(cal.get('files') or []))}, "
            f"fraction {_esc(cal.get('fraction'))}, seed {_esc(cal.get('seed'))}, "
            f"fit macro-F1 {_esc(cal.get('macro_f1'))}, {_esc(cal.get('date'))}"
            if cal.get("calibrated") else "not calibrated (default thresholds)") + "</td></tr>")
    for item in prov.get("inputs") or []:
        rows.append(f"<tr><th>input</th><td><code>{_esc(item.get('file'))}</code>: {_esc(item.get('n_pairs'))} "
                    f"pairs, sha256 <code>{_esc(item.get('sha256'))}</code></td></tr>")
    return f"<table>{''.join(rows)}</table>"


def render_html(report: BenchmarkReport) -> str:
    """The report as one self-contained HTML document.

    Example:
        >>> page = render_html(report)                       # doctest: +SKIP
        >>> 'src="data:image/png;base64,' in page            # doctest: +SKIP
        True
    """
    require_matplotlib()
    prov = report.provenance
    scopes: list[tuple[str, Mapping[str, Metrics]]] = [("all pairs", report.overall)]
    names = file_labels(report.by_file)
    scopes += [(f"file {names[name]}", m) for name, m in report.by_file.items()]
    scopes += [(f"group {name}", m) for name, m in report.by_group.items()]
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>contradict bench: {len(report.pairs)} pairs</title><style>{_CSS}</style></head><body>",
        f"<h1>contradict bench: {len(report.pairs)} pairs, {len(report.by_file)} file(s)</h1>",
        (f"<p class=muted>model <code>{_esc(prov.get('model'))}</code>; contradict {_esc(prov.get('version'))}"
        f" at commit <code>{_esc(prov.get('git_commit'))}</code>; {_esc(prov.get('date'))}</p>"),
    ]
    if report.warnings:
        parts.append('<div class="warn"><b>Warnings</b><ul>'
                     + "".join(f"<li>{_esc(w)}</li>" for w in report.warnings) + "</ul></div>")
    timing = report.timing
    parts.append(f"<p>Detector scoring: {_num(timing.get('scoring_seconds'), 2)} s, "
                 f"{_num(timing.get('pairs_per_second'), 1)} pairs/s "
                 f"(+ {_num(timing.get('warmup_seconds'), 2)} s warm-up).</p>")
    parts.append("<h2>Systems</h2><table>" + "".join(
        f"<tr><th>{_esc(name)}</th><td>{_esc(text)}</td></tr>" for name, text in report.descriptions.items())
        + "</table>")
    parts.append("<h2>Scores</h2><p class=muted>macro-F1 averages the labels present in gold or predictions; "
                 "95% CI: bootstrap percentile interval (1000 resamples).</p>")
    parts.append(_metrics_table(scopes))
    parts.append("<h2>Per label (all pairs)</h2>" + _per_label_table(report.overall))
    parts.append("<h2>Confusion matrices (all pairs; rows gold, columns predicted)</h2><div>")
    for system, m in report.overall.items():
        parts.append(_img(confusion_png(m.confusion, title=system), f"confusion matrix of {system}"))
    parts.append("</div>")
    if len(report.by_file) > 1:
        parts.append(f"<h2>Confusion matrices of the {DETECTOR} per file</h2><div>")
        for name, metrics in report.by_file.items():
            parts.append(_img(confusion_png(metrics[DETECTOR].confusion, title=names[name]),
                              f"confusion matrix of {name}"))
        parts.append("</div>")
    parts.append("<h2>Provenance</h2>" + _provenance_table(prov))
    parts.append("<details><summary>Resolved configuration</summary><pre>"
                 + _esc(json.dumps(prov.get("config"), indent=2, ensure_ascii=False)) + "</pre></details>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def write_html(report: BenchmarkReport, path: str | Path) -> Path:
    """Write :func:`render_html` to ``path`` (parent folders are created).

    Example:
        >>> write_html(report, "out/report.html")   # doctest: +SKIP
        PosixPath('out/report.html')
    """
    return write_text(path, render_html(report))
