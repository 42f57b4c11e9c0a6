"""The benchmark report: metrics per system and scope, findings and provenance; as text, JSON and predictions.

Example:
    >>> file_labels(["data/a.jsonl", "b.jsonl"])
    {'data/a.jsonl': 'a.jsonl', 'b.jsonl': 'b.jsonl'}
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputTypeError
from ..io import atomic_open, write_text
from ..records import Finding, Verdict
from .metrics import LABEL_ORDER, Metrics
from .pairs import BenchPair

#: Name of the detector's system in reports (baselines are named in :mod:`contradict.evaluation.baselines`).
DETECTOR = "detector"


#: Version of the report dict's layout.
REPORT_FORMAT = "contradict-bench/1"


@dataclass(frozen=True)
class BenchmarkReport:
    """The result of :func:`run`: metrics per system and scope, the findings, and provenance.

    Attributes:
        pairs: the scored pairs, in input order.
        findings: the detector's finding for each pair, same order.
        predictions: ``{system: verdicts}`` in input order; ``"detector"`` first, then baselines.
        descriptions: ``{system: one-line description}``.
        overall: ``{system: Metrics}`` over all pairs.
        by_file: ``{file: {system: Metrics}}``.
        by_group: ``{group: {system: Metrics}}`` (pairs without a group are only in ``overall``/``by_file``).
        timing: ``warmup_seconds``, ``scoring_seconds`` and ``pairs_per_second`` of the detector.
        provenance: see :func:`collect_provenance`.
        warnings: things a reader of the numbers must know (e.g. scored on calibration data).

    Example:
        >>> report = run(pairs, detector)         # doctest: +SKIP
        >>> report.overall["detector"].macro_f1   # doctest: +SKIP
        0.61
    """

    pairs: tuple[BenchPair, ...]
    findings: tuple[Finding, ...]
    predictions: Mapping[str, tuple[Verdict, ...]]
    descriptions: Mapping[str, str]
    overall: Mapping[str, Metrics]
    by_file: Mapping[str, Mapping[str, Metrics]]
    by_group: Mapping[str, Mapping[str, Metrics]]
    timing: Mapping[str, float | None]
    provenance: Mapping[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    @property
    def systems(self) -> tuple[str, ...]:
        """System names, detector first."""
        return tuple(self.predictions)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready report: ``format, n_pairs, systems, overall, by_file, by_group, timing, provenance,
        warnings``."""
        def scope(metrics: Mapping[str, Metrics]) -> dict[str, Any]:
            return {name: m.to_dict() for name, m in metrics.items()}

        return {
            "format": REPORT_FORMAT,
            "n_pairs": len(self.pairs),
            "systems": dict(self.descriptions),
            "overall": scope(self.overall),
            "by_file": {name: scope(m) for name, m in self.by_file.items()},
            "by_group": {name: scope(m) for name, m in self.by_group.items()},
            "timing": dict(self.timing),
            "provenance": dict(self.provenance),
            "warnings": list(self.warnings),
        }

    def __str__(self) -> str:
        return format_report(self)


def _fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]) -> list[str]:
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows)]
    out = []
    for row in [header, *rows]:
        cells = [str(c).rjust(w) if r else str(c).ljust(w) for c, w, r in zip(row, widths, right)]
        out.append("  ".join(cells).rstrip())
    return out


def file_labels(files: Iterable[str]) -> dict[str, str]:
    """Short display names of input files: the base name, or the path as given when base names collide.

    Example:
        >>> file_labels(["data/a.jsonl", "b.jsonl"])
        {'data/a.jsonl': 'a.jsonl', 'b.jsonl': 'b.jsonl'}
    """
    files = list(files)
    base = [Path(f).name for f in files]
    return {f: (b if b and base.count(b) == 1 else f or "(none)") for f, b in zip(files, base)}


def format_report(report: BenchmarkReport) -> str:
    """The report as a plain-text table (what ``contradict bench`` prints).

    Example:
        >>> print(format_report(report))   # doctest: +SKIP
    """
    prov = report.provenance
    sha = prov.get("model_sha256")
    commit = prov.get("git_commit")
    lines = [
        f"contradict bench: {len(report.pairs)} pairs from {len(report.by_file)} file(s); "
        f"model {prov.get('model')}" + (f" (sha256 {sha[:12]})" if sha else "")
        + f"; contradict {prov.get('version')}" + (f" @ {commit[:10]}" if commit else "")
        + (" (modified)" if prov.get("git_dirty") else "")
        + (f"; config {prov.get('config_source')}" if prov.get("config_source") else "; default config"),
    ]
    timing = report.timing
    lines.append(f"detector scoring: {_fmt(timing.get('scoring_seconds'), 2)} s, "
                 f"{_fmt(timing.get('pairs_per_second'), 1)} pairs/s "
                 f"(+ {_fmt(timing.get('warmup_seconds'), 2)} s warm-up)")
    lines.append("")
    rows: list[list[str]] = []
    scopes: list[tuple[str, Mapping[str, Metrics]]] = [("all", report.overall)]
    short = file_labels(report.by_file)
    scopes += [(f"file {short[name]}", m) for name, m in report.by_file.items()]
    scopes += [(f"group {name}", m) for name, m in report.by_group.items()]
    for label, metrics in scopes:
        for i, (system, m) in enumerate(metrics.items()):
            rows.append([label if i == 0 else "", system, str(m.n), _fmt(m.accuracy), _fmt(m.macro_f1),
                         f"[{_fmt(m.macro_f1_ci[0])}, {_fmt(m.macro_f1_ci[1])}]", _fmt(m.pairs_per_second, 1)])
    lines += _table(["scope", "system", "n", "accuracy", "macro-F1", "95% CI", "pairs/s"], rows,
                    [False, False, True, True, True, False, True])
    lines += ["", "per label (all pairs):"]
    rows = [[system if i == 0 else "", label, _fmt(s["precision"]), _fmt(s["recall"]), _fmt(s["f1"]),
             str(s["support"])]
            for system, m in report.overall.items() for i, (label, s) in enumerate(m.per_label.items())]
    lines += _table(["system", "label", "precision", "recall", "F1", "support"], rows,
                    [False, False, True, True, True, True])
    names = [v.value for v in LABEL_ORDER]
    lines += ["", f"confusion matrix (all pairs, {DETECTOR}; rows gold, columns predicted):"]
    matrix = report.overall[DETECTOR].confusion
    lines += _table(["gold \\ predicted", *names], [[names[i], *map(str, row)] for i, row in enumerate(matrix)],
                    [False] + [True] * len(names))
    if report.warnings:
        lines += ["", "warnings:"] + [f"  - {w}" for w in report.warnings]
    return "\n".join(lines)


def write_predictions(report_or_findings: BenchmarkReport | Mapping[str, Finding], path: str | Path) -> Path:
    """Write one JSON line per pair, in input order: ``{"id", "verdict", "scores", "explanation"}``.

    Args:
        report_or_findings: a :class:`BenchmarkReport` (ids are its pairs' ids), or an ordered mapping of
            pair id to :class:`Finding`.
        path: the output file (parent folders are created).

    Example:
        >>> write_predictions(report, "predictions.jsonl")   # doctest: +SKIP
        PosixPath('predictions.jsonl')
    """
    if isinstance(report_or_findings, BenchmarkReport):
        items: Iterable[tuple[str, Finding]] = zip((p.id for p in report_or_findings.pairs),
                                                   report_or_findings.findings)
    elif isinstance(report_or_findings, Mapping):
        items = report_or_findings.items()
    else:
        raise InputTypeError(f"expected a BenchmarkReport or a mapping of pair id to Finding, "
                             f"got {type(report_or_findings).__name__}")
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    with atomic_open(out) as handle:
        for pair_id, finding in items:
            line = {"id": pair_id, "verdict": Verdict(finding.verdict).value,
                    "scores": {k: float(finding.scores[k]) for k in ("entailment", "neutral", "contradiction")},
                    "explanation": finding.explanation, "rule": finding.rule}
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return out


def write_report(report: BenchmarkReport, path: str | Path) -> Path:
    """Write ``report.to_dict()`` as indented JSON (parent folders are created).

    Example:
        >>> write_report(report, "report.json")   # doctest: +SKIP
        PosixPath('report.json')
    """
    return write_text(path, json.dumps(report.to_dict(), indent=2, ensure_ascii=False, default=_json_default) + "\n")


def _json_default(value: Any) -> Any:
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return None if math.isnan(float(value)) else float(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
