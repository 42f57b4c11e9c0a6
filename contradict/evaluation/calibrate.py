"""Calibration: fit the verdict thresholds on labelled development pairs, and record where they came from.

The NLI model runs once per pair; the threshold search then only re-runs the verdict function on the stored
scores (:func:`contradict.verdict.redecide`). The searched keys and their candidate values come from
:meth:`contradict.config.VerdictConfig.search_space`; each key's current value is added to its candidates, so
the result never does worse on the fit data than the config it started from.

Search: the full product of the candidates when it has at most :data:`MAX_GRID` points, else coordinate ascent
(one key at a time, all its candidates, repeated until nothing changes). Ties are broken deterministically:
the better score, then the smaller total change from the starting thresholds (each key's change divided by the
span of its candidates), then the smaller values in key order.

Never report a score on the pairs the thresholds were fit on: ``--fraction F`` fits on a stratified random
part of the pairs (by file and gold label) and records the used pair ids in ``calibration.pair_ids``, so
``contradict bench --exclude-calibrated`` can score the rest (and ``contradict bench`` warns on overlap).

Example:
    >>> from contradict.evaluation import calibrate                                        # doctest: +SKIP
    >>> result = calibrate.calibrate(pairs, Detector(), fraction=0.5, seed=1)      # doctest: +SKIP
    >>> result.config.verdict.contradiction_threshold                             # doctest: +SKIP
    0.4
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from ..config import CalibrationConfig, Config, VerdictConfig, to_toml
from ..errors import ConfigError, InputError
from ..io import write_text
from ..records import Finding, Verdict
from ..verdict import default_actor_table, redecide
from .metrics import cautious_f1_from_codes, label_codes, macro_f1_from_codes
from .pairs import BenchPair, PairScorer
from .run import score

logger = logging.getLogger(__name__)

#: Metrics the search can maximise: ``cautious_f1`` is macro-F1 with the contradiction class scored by F0.5
#: (:func:`contradict.evaluation.metrics.cautious_f1_from_codes`: a false contradiction costs more than a miss).
METRICS = ("macro_f1", "cautious_f1", "accuracy")
#: How the fit pairs are weighed: ``"files"`` (the metric of each dev file, averaged, so a file holding most of
#: the pairs does not set the thresholds alone) or ``"none"`` (the metric over all pairs pooled).
BALANCES = ("files", "none")
#: Largest full grid searched exhaustively; larger search spaces use coordinate ascent.
MAX_GRID = 5000
#: Coordinate-ascent sweeps at most.
MAX_ROUNDS = 20


def _metric_fn(metric: str) -> Callable[[np.ndarray, np.ndarray], float]:
    if metric == "macro_f1":
        return lambda g, p: float(macro_f1_from_codes(g, p))
    if metric == "cautious_f1":
        return lambda g, p: cautious_f1_from_codes(g, p)
    if metric == "accuracy":
        return lambda g, p: float(np.mean(g == p))
    raise ConfigError([f"calibration metric: must be one of {', '.join(METRICS)}, got {metric!r}"])


class _Evaluator:
    """Scores threshold settings on fixed findings, remembering every setting already tried."""

    def __init__(self, findings_with_gold: Sequence[tuple[Finding, Verdict]], base: VerdictConfig,
                 metric: str, groups: Sequence[str] | None = None) -> None:
        self.findings = [f for f, _ in findings_with_gold]
        self.gold = label_codes([Verdict(g).value for _, g in findings_with_gold])
        self.base = base
        pooled = _metric_fn(metric)
        if groups is None or len(set(groups)) < 2:
            self.metric = pooled
        else:
            if len(groups) != len(self.findings):
                raise InputError(f"{len(groups)} groups for {len(self.findings)} findings")
            masks = [np.array([g == name for g in groups]) for name in sorted(set(groups))]
            self.metric = lambda g, p: float(np.mean([pooled(g[m], p[m]) for m in masks]))
        self.actors = default_actor_table()
        self.cache: dict[tuple[tuple[str, float], ...], tuple[float, float]] = {}

    def predictions(self, verdict: VerdictConfig) -> np.ndarray:
        verdicts = [redecide(f, verdict, actors=self.actors).verdict.value for f in self.findings]
        return label_codes(verdicts)

    def __call__(self, values: Mapping[str, float]) -> tuple[float, float]:
        """(metric, macro-F1) of the base thresholds with ``values`` replaced."""
        key = tuple(sorted(values.items()))
        if key not in self.cache:
            changes: dict[str, Any] = dict(values)
            pred = self.predictions(dataclasses.replace(self.base, **changes))
            self.cache[key] = (self.metric(self.gold, pred), float(macro_f1_from_codes(self.gold, pred)))
        return self.cache[key]


def candidates(base: VerdictConfig, space: Mapping[str, Sequence[float]] | None = None) -> dict[str, list[float]]:
    """Candidate values per searched key: the search space plus the key's current value, sorted.

    Raises:
        ConfigError: a searched key is not a :class:`VerdictConfig` field.

    Example:
        >>> candidates(VerdictConfig(), {"contradiction_threshold": [0.4, 0.6]})
        {'contradiction_threshold': [0.4, 0.5, 0.6]}
    """
    space = VerdictConfig.search_space() if space is None else space
    names = {f.name: f for f in dataclasses.fields(VerdictConfig)}
    unknown = [f"verdict.{k}: not a verdict threshold" for k in space if k not in names]
    if unknown:
        raise ConfigError(unknown)
    out: dict[str, list[float]] = {}
    for key in sorted(space):
        current = getattr(base, key)
        kind = int if isinstance(current, int) and not isinstance(current, bool) else float
        out[key] = sorted({kind(v) for v in space[key]} | {current})
    return out


def _choose(scored: Sequence[tuple[dict[str, float], float]], base: VerdictConfig,
            cands: Mapping[str, Sequence[float]]) -> dict[str, float]:
    """The best setting: highest score, then least change from ``base``, then smallest values."""
    def change(values: Mapping[str, float]) -> float:
        total = 0.0
        for k, v in values.items():
            span = (max(cands[k]) - min(cands[k])) or 1.0
            total += abs(v - getattr(base, k)) / span
        return round(total, 12)

    best = min(scored, key=lambda item: (-round(item[1], 12), change(item[0]),
                                         tuple(item[0][k] for k in sorted(item[0]))))
    return best[0]


def search(findings_with_gold: Sequence[tuple[Finding, Verdict]], base: VerdictConfig, *,
           metric: str = "macro_f1", space: Mapping[str, Sequence[float]] | None = None,
           groups: Sequence[str] | None = None) -> tuple[dict[str, float], float, float]:
    """Search thresholds; return ``(best values, metric, macro-F1)`` on the given findings.

    With ``groups`` (one name per finding, e.g. its dev file), the maximised metric is the mean of the metric
    within each group; the returned macro-F1 is always the pooled one.

    Example:
        >>> values, score, f1 = search(pairs_with_gold, VerdictConfig())   # doctest: +SKIP
    """
    if not findings_with_gold:
        raise InputError("no pairs to calibrate on")
    evaluate = _Evaluator(findings_with_gold, base, metric, groups)
    cands = candidates(base, space)
    keys = list(cands)
    size = math.prod(len(v) for v in cands.values())
    if size <= MAX_GRID:
        logger.info("calibration: full grid of %d settings over %s", size, ", ".join(keys))
        scored = []
        for combo in itertools.product(*(cands[k] for k in keys)):
            values = dict(zip(keys, combo))
            scored.append((values, evaluate(values)[0]))
        best = _choose(scored, base, cands)
    else:
        logger.info("calibration: coordinate ascent over %s (%d settings in the full grid)", ", ".join(keys), size)
        best = {k: getattr(base, k) for k in keys}
        for _ in range(MAX_ROUNDS):
            changed = False
            for key in keys:
                scored = [({**best, key: v}, evaluate({**best, key: v})[0]) for v in cands[key]]
                # keep the current value unless another is strictly better (ties: least change, as above)
                current = evaluate(best)[0]
                better = [item for item in scored if round(item[1], 12) > round(current, 12)]
                if better:
                    best = _choose(better, base, cands)
                    changed = True
            if not changed:
                break
    score_value, f1 = evaluate(best)
    logger.info("calibration: %s = %.4f with %s (%d settings tried)", metric, score_value, best, len(evaluate.cache))
    return best, score_value, f1


def evaluate_thresholds(findings_with_gold: Sequence[tuple[Finding, Verdict]], verdict: VerdictConfig, *,
                        metric: str = "macro_f1", groups: Sequence[str] | None = None) -> float:
    """The metric of given thresholds on scored findings (verdicts re-decided, no model); with ``groups``, the
    mean of the metric within each group, as :func:`search` maximises it.

    Example:
        >>> evaluate_thresholds(pairs_with_gold, VerdictConfig())   # doctest: +SKIP
        0.52
    """
    if not findings_with_gold:
        raise InputError("no pairs to evaluate on")
    return _Evaluator(findings_with_gold, verdict, metric, groups)({})[0]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def fit(findings_with_gold: Sequence[tuple[Finding, Verdict]], base_config: Config, *,
        metric: str = "macro_f1", groups: Sequence[str] | None = None) -> Config:
    """Fit the verdict thresholds to scored findings with gold verdicts.

    Args:
        findings_with_gold: ``(finding, gold verdict)`` pairs, e.g. from ``Detector.score_pairs``.
        base_config: the config whose thresholds the search starts from; everything else is kept.
        metric: ``"macro_f1"`` or ``"accuracy"``, maximised on these findings.
        groups: one group name per finding (its dev file): the metric is averaged over groups (see :func:`search`).

    Returns:
        ``base_config`` with the fitted ``verdict`` thresholds and a fresh ``calibration`` section holding the
        macro-F1 on these findings and the date (``files``, ``pair_ids``, ``seed`` and ``fraction`` are left for
        the caller to fill in, as :func:`calibrate` does).

    Raises:
        InputError: no findings.
        ConfigError: unknown metric.

    Example:
        >>> findings = det.score_pairs([(p.a, p.b) for p in pairs])                  # doctest: +SKIP
        >>> cfg = fit(list(zip(findings, [p.label for p in pairs])), det.config)    # doctest: +SKIP
    """
    _metric_fn(metric)
    best, _, f1 = search(findings_with_gold, base_config.verdict, metric=metric, groups=groups)
    changes: dict[str, Any] = dict(best)
    return dataclasses.replace(base_config, verdict=dataclasses.replace(base_config.verdict, **changes),
                               calibration=CalibrationConfig(macro_f1=round(f1, 6), date=_now()), source=None)


def split_pairs(pairs: Sequence[BenchPair], fraction: float, seed: int) -> tuple[list[BenchPair], list[BenchPair]]:
    """A stratified random split: ``fraction`` of each (file, gold label) stratum for fitting, the rest held out.

    Each stratum contributes ``round(fraction * n)`` pairs (half up); with ``fraction < 1`` a stratum of two or
    more pairs keeps at least one pair on each side. The split depends only on the pair ids, files, labels,
    ``fraction`` and ``seed`` (not on input order). Both parts keep input order.

    Raises:
        ConfigError: ``fraction`` outside (0, 1].

    Example:
        >>> fit_part, rest = split_pairs(pairs, 0.5, seed=0)   # doctest: +SKIP
    """
    if not 0.0 < fraction <= 1.0:
        raise ConfigError([f"calibration.fraction: must be in (0, 1], got {fraction}"])
    if fraction == 1.0:
        return list(pairs), []
    strata: dict[tuple[str, str], list[str]] = {}
    for pair in pairs:
        strata.setdefault((pair.file, pair.label.value), []).append(pair.id)
    rng = np.random.default_rng(seed)
    chosen: set[str] = set()
    for key in sorted(strata):
        ids = sorted(strata[key])
        n = len(ids)
        k = math.floor(fraction * n + 0.5)
        if n >= 2:
            k = min(max(k, 1), n - 1)
        order = rng.permutation(n)
        chosen.update(ids[i] for i in order[:k])
    return [p for p in pairs if p.id in chosen], [p for p in pairs if p.id not in chosen]


@dataclass(frozen=True)
class CalibrationResult:
    """What :func:`calibrate` found.

    Attributes:
        config: the calibrated config (thresholds and a filled ``calibration`` section).
        fit_ids: ids of the pairs the thresholds were fit on (= ``config.calibration.pair_ids``).
        held_out_ids: ids of the other pairs (for an honest report).
        metric: the maximised metric.
        before: the metric of the starting thresholds on the fit pairs.
        after: the metric of the fitted thresholds on the fit pairs.
        changed: ``{key: (before, after)}`` for each threshold that changed.
        balance: how the fit pairs were weighed (``"files"``: each file's metric averaged; ``"none"``: pooled).
    """

    config: Config
    fit_ids: tuple[str, ...]
    held_out_ids: tuple[str, ...]
    metric: str
    before: float
    after: float
    changed: Mapping[str, tuple[float, float]]
    balance: str = "none"


def calibrate(pairs: Sequence[BenchPair], detector: PairScorer | None = None, *, fraction: float = 1.0,
              seed: int = 0, metric: str = "macro_f1", balance: str = "files",
              progress: bool = False) -> CalibrationResult:
    """Score (a stratified part of) labelled pairs once and fit the thresholds of the detector's config.

    Args:
        pairs: labelled pairs (see :func:`contradict.evaluation.load_pair_files`).
        detector: the detector whose config is calibrated; default ``Detector()``.
        fraction: share of each (file, label) stratum used for fitting, in (0, 1].
        seed: seed of the split.
        metric: ``"macro_f1"`` or ``"accuracy"``.
        balance: ``"files"`` (default): maximise the mean of each file's metric, so that a file holding most of
            the pairs does not set the thresholds alone; ``"none"``: the metric over all fit pairs pooled.
        progress: show a progress bar while scoring.

    Raises:
        InputError: no pairs.
        ConfigError: bad fraction, metric or balance.

    Example:
        >>> result = calibrate(load_pair_files(["dev.jsonl"]), fraction=0.5, seed=3)   # doctest: +SKIP
        >>> len(result.config.calibration.pair_ids)                                  # doctest: +SKIP
        131
    """
    _metric_fn(metric)
    if balance not in BALANCES:
        raise ConfigError([f"calibration balance: must be one of {', '.join(BALANCES)}, got {balance!r}"])
    pairs = list(pairs)
    if not pairs:
        raise InputError("no pairs to calibrate on")
    fit_part, rest = split_pairs(pairs, fraction, seed)
    if detector is None:
        from ..detector import Detector

        detector = Detector()
    base = detector.config
    findings = score(fit_part, detector, progress=progress)
    with_gold = list(zip(findings, [p.label for p in fit_part]))
    groups = [p.file for p in fit_part] if balance == "files" else None
    fitted = fit(with_gold, base, metric=metric, groups=groups)
    before = evaluate_thresholds(with_gold, base.verdict, metric=metric, groups=groups)
    after = evaluate_thresholds(with_gold, fitted.verdict, metric=metric, groups=groups)
    files = tuple(dict.fromkeys(p.file for p in pairs))
    config = dataclasses.replace(fitted, calibration=dataclasses.replace(
        fitted.calibration, files=files, pair_ids=tuple(p.id for p in fit_part), seed=seed, fraction=fraction))
    changed = {f.name: (getattr(base.verdict, f.name), getattr(config.verdict, f.name))
               for f in dataclasses.fields(VerdictConfig)
               if getattr(base.verdict, f.name) != getattr(config.verdict, f.name)}
    return CalibrationResult(config=config, fit_ids=tuple(p.id for p in fit_part),
                             held_out_ids=tuple(p.id for p in rest), metric=metric, before=before, after=after,
                             changed=changed, balance=balance)


def calibration_header(result: CalibrationResult) -> str:
    """The comment written at the top of a calibrated config file.

    Example:
        >>> print(calibration_header(result))   # doctest: +SKIP
    """
    cal = result.config.calibration
    n_fit, n_rest = len(result.fit_ids), len(result.held_out_ids)
    lines = [
        f"Calibrated by `contradict calibrate` on {cal.date} (UTC).",
        f"files: {', '.join(cal.files)}",
        (f"fraction: {cal.fraction} (stratified by file and label), seed: {cal.seed}; "
        f"fit on {n_fit} of {n_fit + n_rest} pairs (ids in [calibration] pair_ids)"),
        f"macro-F1 on the fit split: {cal.macro_f1:.4f}"
        + (f" ({result.metric}{', mean over files' if result.balance == 'files' else ''}: "
           f"{result.before:.4f} before, {result.after:.4f} after)"),
    ]
    if result.changed:
        lines.append("changed: " + ", ".join(f"verdict.{k} {a} -> {b}" for k, a, b in
                                             ((k, *v) for k, v in result.changed.items())))
    else:
        lines.append("no threshold changed")
    lines.append("Do not report scores on the fit pairs: use `contradict bench --exclude-calibrated` with this config.")
    return "\n".join(lines)


def write_config(result: CalibrationResult, path: str | Path) -> Path:
    """Write the calibrated config as TOML with :func:`calibration_header` (parent folders are created).

    Example:
        >>> write_config(result, "configs/calibrated.toml")   # doctest: +SKIP
        PosixPath('configs/calibrated.toml')
    """
    return write_text(path, to_toml(result.config, header=calibration_header(result)))


__all__ = ["CalibrationResult", "calibrate", "calibration_header", "candidates", "evaluate_thresholds", "fit",
           "search", "split_pairs", "write_config"]
