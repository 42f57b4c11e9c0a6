"""The evaluator's benchmark run: score labelled pairs once, add baselines, measure, attach provenance.

:func:`run` scores every pair once with a :class:`~contradict.detector.Detector` and returns a
:class:`~contradict.evaluation.report.BenchmarkReport` with, for all pairs, per file and per group:
accuracy, macro-F1 (with a bootstrap 95% interval), per-label precision/recall/F1, the confusion matrix and
pairs per second, plus the provenance needed to reproduce the numbers. Pairs per second time only the
detector's ``score_pairs`` calls, after one warm-up call on a synthetic pair (so lazy model loading is
reported separately as ``warmup_seconds``).

Example:
    >>> from contradict.evaluation import load_pairs, run          # doctest: +SKIP
    >>> report = run(load_pairs("dev.jsonl"), baselines=True)      # doctest: +SKIP
    >>> print(report)                                              # doctest: +SKIP
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence

from ..errors import InputError
from ..records import Finding, Statement, Verdict
from .metrics import BOOTSTRAP_SEED, N_RESAMPLES, Metrics, compute_metrics
from .pairs import BenchPair, PairScorer
from .provenance import collect_provenance
from .report import DETECTOR, BenchmarkReport

logger = logging.getLogger(__name__)


#: Pairs per ``score_pairs`` call (progress granularity; timing is per call).
CHUNK_SIZE = 256


def _check_unique(pairs: Sequence[BenchPair]) -> None:
    seen: dict[str, str] = {}
    for pair in pairs:
        if pair.id in seen:
            raise InputError(f"duplicate pair id {pair.id!r} (also in {seen[pair.id] or 'the input'})",
                             source=pair.file or None, field="id")
        seen[pair.id] = pair.file


def _warm_up(detector: PairScorer) -> float:
    """One ``score_pairs`` call on a synthetic pair, so lazy model loading is not timed as scoring."""
    warm = (Statement(id="bench-warm-up-a", text="The museum opens at nine on weekdays."),
            Statement(id="bench-warm-up-b", text="The museum is closed on weekdays."))
    start = time.perf_counter()
    detector.score_pairs([warm])
    return time.perf_counter() - start


def _score(pairs: Sequence[BenchPair], detector: PairScorer, *, progress: bool,
           chunk_size: int) -> tuple[list[Finding], dict[tuple[str, str | None], float]]:
    """Score every pair once, in chunks of one (file, group) each; return findings in input order and the
    seconds spent per (file, group)."""
    chunks: dict[tuple[str, str | None], list[int]] = {}
    for i, pair in enumerate(pairs):
        chunks.setdefault((pair.file, pair.group), []).append(i)
    findings: list[Finding | None] = [None] * len(pairs)
    seconds: dict[tuple[str, str | None], float] = {}
    bar = None
    if progress:
        try:
            from tqdm.auto import tqdm

            bar = tqdm(total=len(pairs), unit="pair", desc="scoring")
        except ImportError:  # pragma: no cover - tqdm is a dependency
            bar = None
    try:
        for key, indices in chunks.items():
            for start in range(0, len(indices), chunk_size):
                part = indices[start:start + chunk_size]
                batch = [(pairs[i].a, pairs[i].b) for i in part]
                t0 = time.perf_counter()
                result = detector.score_pairs(batch)
                seconds[key] = seconds.get(key, 0.0) + time.perf_counter() - t0
                if len(result) != len(part):
                    raise RuntimeError(f"the detector returned {len(result)} findings for {len(part)} pairs")
                for i, finding in zip(part, result):
                    findings[i] = finding
                if bar is not None:
                    bar.update(len(part))
    finally:
        if bar is not None:
            bar.close()
    return [f for f in findings if f is not None], seconds


def score(pairs: Sequence[BenchPair], detector: PairScorer, *, progress: bool = False) -> list[Finding]:
    """The detector's findings for labelled pairs, in input order, scored the way :func:`run` scores them.

    Example:
        >>> findings = score(load_pairs("dev.jsonl"), Detector())   # doctest: +SKIP
    """
    return _score(list(pairs), detector, progress=progress, chunk_size=CHUNK_SIZE)[0]


def _scope_metrics(pairs: Sequence[BenchPair], indices: Sequence[int], predictions: Mapping[str, Sequence[Verdict]],
                   seconds: float | None, n_resamples: int, seed: int) -> dict[str, Metrics]:
    gold = [pairs[i].label for i in indices]
    return {system: compute_metrics(gold, [pred[i] for i in indices],
                                    seconds=seconds if system == DETECTOR else None,
                                    n_resamples=n_resamples, seed=seed)
            for system, pred in predictions.items()}


def run(pairs: Sequence[BenchPair], detector: PairScorer | None = None, *, baselines: bool = False,
        progress: bool = False, n_resamples: int = N_RESAMPLES, seed: int = BOOTSTRAP_SEED) -> BenchmarkReport:
    """Score labelled pairs with a detector (and, optionally, the baselines) and measure them.

    Each pair is scored exactly once; baselines reuse the detector's findings (no second NLI pass). When pairs
    the config was calibrated on (``config.calibration.pair_ids``) are scored, a warning is logged and added to
    the report.

    Args:
        pairs: labelled pairs (see :func:`load_pairs`); ids must be unique.
        detector: the detector to measure; default ``Detector()`` (the embedded model and default config).
        baselines: also report the baselines of :mod:`contradict.evaluation.baselines`.
        progress: show a tqdm progress bar.
        n_resamples: bootstrap resamples for the macro-F1 intervals.
        seed: bootstrap seed.

    Raises:
        InputError: no pairs, or duplicate pair ids.

    Example:
        >>> from contradict.detector import Detector                     # doctest: +SKIP
        >>> report = run(load_pairs("dev.jsonl"), Detector(), baselines=True)  # doctest: +SKIP
        >>> report.to_dict()["overall"]["detector"]["macro_f1"]          # doctest: +SKIP
        0.61
    """
    pairs = list(pairs)
    if not pairs:
        raise InputError("no pairs to score")
    _check_unique(pairs)
    if detector is None:
        from ..detector import Detector

        detector = Detector()
    cfg = detector.config
    warnings: list[str] = []
    calibrated = set(cfg.calibration.pair_ids)
    overlap = sum(1 for p in pairs if p.id in calibrated)
    if overlap:
        message = (f"{overlap} of {len(pairs)} scored pairs were used to calibrate this config "
                   f"(calibration.pair_ids); scores on them are optimistic - report held-out pairs only "
                   f"(bench --exclude-calibrated)")
        logger.warning(message)
        warnings.append(message)

    warmup = _warm_up(detector)
    findings, seconds = _score(pairs, detector, progress=progress, chunk_size=CHUNK_SIZE)
    predictions: dict[str, tuple[Verdict, ...]] = {DETECTOR: tuple(Verdict(f.verdict) for f in findings)}
    info = dict(detector.model_info())
    descriptions = {DETECTOR: f"contradict detector (model {info.get('model')})"}
    if baselines:
        from . import baselines as base

        for name, verdicts in base.run_baselines(pairs, findings, cfg).items():
            predictions[name] = tuple(verdicts)
            descriptions[name] = base.DESCRIPTIONS[name]

    total = sum(seconds.values())
    overall = _scope_metrics(pairs, range(len(pairs)), predictions, total, n_resamples, seed)
    files: dict[str, list[int]] = {}
    groups: dict[str, list[int]] = {}
    for i, pair in enumerate(pairs):
        files.setdefault(pair.file, []).append(i)
        if pair.group is not None:
            groups.setdefault(pair.group, []).append(i)
    by_file = {name: _scope_metrics(pairs, idx, predictions,
                                    sum(s for (f, _), s in seconds.items() if f == name), n_resamples, seed)
               for name, idx in files.items()}
    by_group = {name: _scope_metrics(pairs, idx, predictions,
                                     sum(s for (_, g), s in seconds.items() if g == name), n_resamples, seed)
                for name, idx in sorted(groups.items())}
    timing = {"warmup_seconds": warmup, "scoring_seconds": total,
              "pairs_per_second": len(pairs) / total if total > 0 else None}
    return BenchmarkReport(pairs=tuple(pairs), findings=tuple(findings), predictions=predictions,
                           descriptions=descriptions, overall=overall, by_file=by_file, by_group=by_group,
                           timing=timing, provenance=collect_provenance(detector, pairs, model_info=info),
                           warnings=tuple(warnings))
