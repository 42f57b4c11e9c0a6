"""The evaluator's benchmark: score labelled pairs, compare with baselines, report metrics with provenance.

Input is one or more pair files (JSON lines, the format of ``benchmarks/dev/README.md``): each line holds a
pair id, two statements ``a`` and ``b``, a gold ``label`` (one of the four verdicts) and an optional ``group``.
:func:`run` scores every pair once with a :class:`~contradict.detector.Detector` and returns a
:class:`BenchmarkReport` with, for all pairs, per file and per group: accuracy, macro-F1 (with a bootstrap 95%
interval), per-label precision/recall/F1, the confusion matrix and pairs per second, plus the provenance needed
to reproduce the numbers (package version, git commit, model and weights hash, resolved config, calibration).

Metric conventions:
    * **macro-F1** averages the F1 of the labels present in the gold labels *or* the predictions of the
      scored subset (a label the system predicts wrongly but that never occurs in gold still counts, with F1 0;
      a label absent from both is left out rather than counted as 0 or 1).
    * per-label precision (recall) is 0 when a label is never predicted (never in gold).
    * the 95% interval is the 2.5th-97.5th percentile of macro-F1 over 1000 bootstrap resamples of the pairs
      (seeded; each resample uses the same "labels present" rule).
    * the confusion matrix always has the four verdicts in :data:`LABEL_ORDER` (rows gold, columns predicted).
    * pairs per second time only the detector's ``score_pairs`` calls, after one warm-up call on a synthetic
      pair (so lazy model loading is reported separately as ``warmup_seconds``).

Example:
    >>> from contradict import bench                                  # doctest: +SKIP
    >>> report = bench.run(bench.load_pairs("dev.jsonl"), baselines=True)  # doctest: +SKIP
    >>> print(report)                                                 # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import platform
import subprocess
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from .cli import add_common_arguments, config_from_args
from .config import Config
from .errors import InputError, InputTypeError
from .records import Finding, Statement, Verdict

if TYPE_CHECKING:
    import argparse

    from datasets import Dataset

logger = logging.getLogger(__name__)

#: Row/column order of every confusion matrix.
LABEL_ORDER: tuple[Verdict, ...] = (Verdict.CONTRADICTION, Verdict.POLICY_SHIFT, Verdict.CONSISTENT, Verdict.UNRELATED)
#: Bootstrap resamples for the macro-F1 interval, and their seed.
N_RESAMPLES = 1000
BOOTSTRAP_SEED = 0
#: Name of the detector's system in reports (baselines are named in :mod:`contradict.baselines`).
DETECTOR = "detector"
#: Version of the report dict's layout.
REPORT_FORMAT = "contradict-bench/1"
#: Pairs per ``score_pairs`` call (progress granularity; timing is per call).
CHUNK_SIZE = 256

_LABEL_VALUES = ", ".join(repr(v.value) for v in LABEL_ORDER)
_STATEMENT_SIDES = ("a", "b")


class PairScorer(Protocol):
    """What :func:`run` needs from a detector (``contradict.detector.Detector`` is one)."""

    @property
    def config(self) -> Config: ...

    def score_pairs(self, pairs: Sequence[tuple[Statement, Statement]]) -> list[Finding]: ...

    def model_info(self) -> dict[str, Any]: ...


# ---------------------------------------------------------------------------------------------- input


@dataclass(frozen=True)
class BenchPair:
    """One labelled pair of a benchmark file.

    Attributes:
        id: the pair id (unique within a run).
        a, b: the two statements.
        label: the gold verdict.
        group: ``<sub-benchmark>/<bucket>`` for per-bucket scores, or None.
        file: the file the pair was read from (as given), or ``""``.

    Example:
        >>> s, t = Statement("x-a", "Taxes rise."), Statement("x-b", "Taxes fall.")
        >>> BenchPair("x", s, t, Verdict.CONTRADICTION).label.value
        'contradiction'
    """

    id: str
    a: Statement
    b: Statement
    label: Verdict
    group: str | None = None
    file: str = ""


def _rewrap(exc: InputError, prefix: str, source: str | None, record: str) -> InputError:
    """The same error, located in the pair file and with the field under the statement (``a.text``)."""
    cls = InputTypeError if isinstance(exc, InputTypeError) else InputError
    name = f"{prefix}.{exc.field}" if exc.field else prefix
    return cls(exc.reason, source=source, record=record, field=name)


def _parse_pair(obj: Any, *, source: str | None, record: str, file: str) -> BenchPair:
    """Validate one decoded pair record; every error names ``source``, ``record`` and the field."""
    if not isinstance(obj, Mapping):
        raise InputTypeError(f"expected a JSON object with fields id, a, b, label, group, got {type(obj).__name__}",
                             source=source, record=record)
    raw_id = obj.get("id")
    if raw_id is None or raw_id == "":
        raise InputError("is missing", source=source, record=record, field="id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)):
        raise InputTypeError(f"expected text or an integer, got {type(raw_id).__name__} {raw_id!r}",
                             source=source, record=record, field="id")
    pair_id = str(raw_id).strip()
    if not pair_id:
        raise InputError("must not be blank", source=source, record=record, field="id")
    statements: dict[str, Statement] = {}
    for side in _STATEMENT_SIDES:
        data = obj.get(side)
        if data is None:
            raise InputError("is missing (expected a statement object with id, text, speaker, time, source)",
                             source=source, record=record, field=side)
        try:
            statements[side] = Statement.from_dict(data, record=record)
        except InputError as exc:
            raise _rewrap(exc, side, source, record) from None
    raw_label = obj.get("label")
    if raw_label is None:
        raise InputError(f"is missing (expected one of {_LABEL_VALUES})", source=source, record=record, field="label")
    if not isinstance(raw_label, str):
        raise InputTypeError(f"expected one of {_LABEL_VALUES}, got {type(raw_label).__name__} {raw_label!r}",
                             source=source, record=record, field="label")
    try:
        label = Verdict(raw_label.strip())
    except ValueError:
        raise InputError(f"unknown label {raw_label!r} (expected one of {_LABEL_VALUES})",
                         source=source, record=record, field="label") from None
    group = obj.get("group")
    if group is not None and not isinstance(group, str):
        raise InputTypeError(f"expected text or null, got {type(group).__name__} {group!r}",
                             source=source, record=record, field="group")
    group = group.strip() if group else None
    return BenchPair(id=pair_id, a=statements["a"], b=statements["b"], label=label, group=group or None, file=file)


def _read_pairs(path: str | Path) -> Iterator[tuple[int, BenchPair]]:
    """Yield ``(line number, pair)`` for each non-blank line of a pair file, checking ids are unique in it."""
    p = Path(path)
    source = str(path)
    seen: dict[str, int] = {}
    try:
        with p.open(encoding="utf-8") as handle:
            for lineno, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                record = f"line {lineno}"
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"not valid JSON: {exc.msg} (column {exc.colno})",
                                     source=source, record=record) from None
                pair = _parse_pair(obj, source=source, record=record, file=source)
                if pair.id in seen:
                    raise InputError(f"duplicate pair id {pair.id!r} (first on line {seen[pair.id]})",
                                     source=source, record=record, field="id")
                seen[pair.id] = lineno
                yield lineno, pair
    except FileNotFoundError:
        raise InputError("pair file not found", source=source) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a pair file", source=source) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", source=source) from None


def load_pairs(path: str | Path) -> list[BenchPair]:
    """Read and validate one pair file (JSON lines; blank lines are skipped).

    Raises:
        InputError: naming the file, the line and the field (``a.text``, ``label``, ``id`` ...) for malformed
            JSON, missing or invalid statement fields, unknown labels and duplicate pair ids.

    Example:
        >>> pairs = load_pairs("fixtures/bench/sample.jsonl")   # doctest: +SKIP
        >>> pairs[0].label                                       # doctest: +SKIP
        <Verdict.CONTRADICTION: 'contradiction'>
    """
    return [pair for _, pair in _read_pairs(path)]


def load_pair_files(paths: Iterable[str | Path]) -> list[BenchPair]:
    """Read several pair files, in order; pair ids must be unique across all of them.

    Raises:
        InputError: as :func:`load_pairs`, and for an id that occurs in two files (naming both).

    Example:
        >>> pairs = load_pair_files(["political_dev.jsonl", "vitaminc_dev.jsonl"])  # doctest: +SKIP
    """
    pairs: list[BenchPair] = []
    where: dict[str, tuple[str, int]] = {}
    for path in paths:
        for lineno, pair in _read_pairs(path):
            if pair.id in where:
                first_file, first_line = where[pair.id]
                raise InputError(f"duplicate pair id {pair.id!r} (also in {first_file}, line {first_line})",
                                 source=str(path), record=f"line {lineno}", field="id")
            where[pair.id] = (str(path), lineno)
            pairs.append(pair)
    return pairs


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


class _TimeFixer:
    """``Dataset.map`` function that sets ``a.time``/``b.time`` of each row from ``{pair id: (a, b)}``."""

    def __init__(self, times: Mapping[str, tuple[str | None, str | None]]) -> None:
        self.times = dict(times)

    def __call__(self, row: dict[str, Any]) -> dict[str, Any]:
        time_a, time_b = self.times[str(row["id"]).strip()]
        return {"a": {**row["a"], "time": time_a}, "b": {**row["b"], "time": time_b}}


def _dataset_features() -> Any:
    import datasets

    statement = {name: datasets.Value("string") for name in ("id", "text", "speaker", "time", "source")}
    return datasets.Features({"id": datasets.Value("string"), "a": statement, "b": statement,
                              "label": datasets.Value("string"), "group": datasets.Value("string")})


def load_pairs_dataset(paths: str | Path | Sequence[str | Path], *, cache_dir: str | Path | None = None) -> Dataset:
    """Load pair files as a Hugging Face ``datasets.Dataset`` (local files only), with a ``file`` column.

    The files are validated first with :func:`load_pair_files` (so errors name the line and field), then read
    with ``datasets.load_dataset("json", data_files=...)`` using an explicit schema (times stay strings).
    Turn rows back into :class:`BenchPair` with :func:`pairs_from_dataset`.

    Args:
        paths: one pair file or several.
        cache_dir: the ``datasets`` cache folder (default: its usual one).

    Raises:
        InputError: for invalid records (see :func:`load_pairs`) or a file ``datasets`` cannot read.

    Example:
        >>> ds = load_pairs_dataset("fixtures/bench/sample.jsonl")  # doctest: +SKIP
        >>> ds.column_names                                        # doctest: +SKIP
        ['id', 'a', 'b', 'label', 'group', 'file']
    """
    import datasets

    files = [paths] if isinstance(paths, (str, Path)) else list(paths)
    if not files:
        raise InputError("no pair files given")
    validated = load_pair_files(files)
    features = _dataset_features()
    parts = []
    for path in files:
        try:
            part = datasets.load_dataset("json", data_files=str(path), split="train", features=features,
                                         cache_dir=str(cache_dir) if cache_dir is not None else None)
        except Exception as exc:  # datasets wraps reader errors in several types
            raise InputError(f"cannot be read as a dataset: {type(exc).__name__}: {exc}", source=str(path)) from exc
        # pyarrow infers timestamps from ISO strings ("2024-03-04" comes back as "2024-03-04 00:00:00");
        # put back the times exactly as validated (YYYY-MM-DD or ISO-8601 with offset).
        times = {p.id: (_iso(p.a.time), _iso(p.b.time)) for p in validated if p.file == str(path)}
        if len(part) != len(times):
            raise InputError(f"datasets read {len(part)} rows but the file has {len(times)} pairs", source=str(path))
        part = part.map(_TimeFixer(times), desc="restoring statement times")
        parts.append(part.add_column("file", [str(path)] * len(part)))
    return parts[0] if len(parts) == 1 else datasets.concatenate_datasets(parts)


def pairs_from_dataset(dataset: Iterable[Mapping[str, Any]]) -> list[BenchPair]:
    """Validate the rows of a dataset (e.g. from :func:`load_pairs_dataset`) into :class:`BenchPair` objects.

    Rows need ``id, a, b, label`` and may have ``group`` and ``file``; errors name the file (``file`` column,
    else ``<dataset>``), the row (0-based) and the field.

    Example:
        >>> pairs = pairs_from_dataset(load_pairs_dataset("fixtures/bench/sample.jsonl"))  # doctest: +SKIP
    """
    pairs: list[BenchPair] = []
    seen: dict[str, int] = {}
    for index, row in enumerate(dataset):
        file = row.get("file") if isinstance(row, Mapping) else None
        source = str(file) if file else "<dataset>"
        record = f"row {index}"
        pair = _parse_pair(row, source=source, record=record, file=str(file) if file else "")
        if pair.id in seen:
            raise InputError(f"duplicate pair id {pair.id!r} (first in row {seen[pair.id]})",
                             source=source, record=record, field="id")
        seen[pair.id] = index
        pairs.append(pair)
    return pairs


def exclude_calibrated(pairs: Sequence[BenchPair], config: Config) -> list[BenchPair]:
    """Drop the pairs whose id is in ``config.calibration.pair_ids`` (the data the thresholds were fit on).

    Example:
        >>> from contradict.config import Config
        >>> exclude_calibrated([], Config())
        []
    """
    used = set(config.calibration.pair_ids)
    kept = [p for p in pairs if p.id not in used]
    if len(kept) < len(pairs):
        logger.info("excluded %d of %d pairs listed in calibration.pair_ids", len(pairs) - len(kept), len(pairs))
    return kept


# -------------------------------------------------------------------------------------------- metrics


@dataclass(frozen=True)
class Metrics:
    """Scores of one system on one subset of pairs.

    Attributes:
        n: number of pairs.
        accuracy: fraction of pairs with the gold verdict.
        macro_f1: mean F1 over ``labels``.
        macro_f1_ci: bootstrap 95% interval of ``macro_f1`` (low, high).
        labels: the labels macro-F1 averages over: those present in the gold labels or the predictions.
        per_label: ``{label: {"precision", "recall", "f1", "support"}}`` for each of ``labels``.
        confusion: counts, rows gold and columns predicted, both in :data:`LABEL_ORDER`.
        pairs_per_second: the detector's scoring throughput on this subset; None for baselines.
    """

    n: int
    accuracy: float
    macro_f1: float
    macro_f1_ci: tuple[float, float]
    labels: tuple[str, ...]
    per_label: Mapping[str, Mapping[str, float]]
    confusion: tuple[tuple[int, ...], ...]
    pairs_per_second: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (adds ``confusion_labels``)."""
        return {"n": self.n, "accuracy": self.accuracy, "macro_f1": self.macro_f1,
                "macro_f1_ci": list(self.macro_f1_ci), "labels": list(self.labels),
                "per_label": {k: dict(v) for k, v in self.per_label.items()},
                "confusion": [list(row) for row in self.confusion],
                "confusion_labels": [v.value for v in LABEL_ORDER],
                "pairs_per_second": self.pairs_per_second}


def _values(labels: Iterable[Verdict | str]) -> list[str]:
    return [Verdict(v).value for v in labels]


def label_codes(labels: Sequence[str]) -> np.ndarray:
    """Verdict values as indices into :data:`LABEL_ORDER` (for the vectorised metrics).

    Example:
        >>> label_codes(["unrelated", "contradiction"]).tolist()
        [3, 0]
    """
    index = {v.value: i for i, v in enumerate(LABEL_ORDER)}
    return np.fromiter((index[v] for v in labels), dtype=np.int64, count=len(labels))


def macro_f1_from_codes(gold: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    """Macro-F1 (labels present in gold or predictions) of one or many label-code vectors, vectorised.

    ``gold`` and ``predicted`` hold indices into :data:`LABEL_ORDER`, shape ``(n,)`` or ``(m, n)`` for ``m``
    samples at once; the result has shape ``()`` or ``(m,)``. Used for the bootstrap and by calibration.

    Example:
        >>> float(macro_f1_from_codes(np.array([0, 0, 2]), np.array([0, 2, 2])))
        0.6666666666666666
    """
    k = len(LABEL_ORDER)
    gold2 = np.atleast_2d(gold)
    pred2 = np.atleast_2d(predicted)
    m = gold2.shape[0]
    flat = (np.arange(m)[:, None] * k * k + gold2 * k + pred2).ravel()
    counts = np.bincount(flat, minlength=m * k * k).reshape(m, k, k)
    tp = np.einsum("mii->mi", counts).astype(float)
    gold_n = counts.sum(axis=2)
    pred_n = counts.sum(axis=1)
    denom = gold_n + pred_n  # = 2tp + fp + fn
    present = denom > 0
    f1 = np.divide(2 * tp, denom, out=np.zeros_like(tp), where=present)
    result = f1.sum(axis=1) / np.maximum(present.sum(axis=1), 1)
    return result[0] if np.ndim(gold) == 1 else result


def bootstrap_macro_f1(gold: Sequence[Verdict | str], predicted: Sequence[Verdict | str], *,
                       n_resamples: int = N_RESAMPLES, seed: int = BOOTSTRAP_SEED,
                       confidence: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap interval of macro-F1, resampling pairs with replacement.

    Example:
        >>> bootstrap_macro_f1(["consistent"] * 4, ["consistent"] * 4)
        (1.0, 1.0)
    """
    g = label_codes(_values(gold))
    p = label_codes(_values(predicted))
    n = len(g)
    if n == 0:
        raise InputError("no pairs to compute an interval on")
    rng = np.random.default_rng(seed)
    step = max(1, 2_000_000 // n)
    scores: list[np.ndarray] = []
    for start in range(0, n_resamples, step):
        idx = rng.integers(0, n, size=(min(step, n_resamples - start), n))
        scores.append(np.atleast_1d(macro_f1_from_codes(g[idx], p[idx])))
    alpha = (1.0 - confidence) / 2 * 100
    low, high = np.percentile(np.concatenate(scores), [alpha, 100 - alpha])
    return float(low), float(high)


def compute_metrics(gold: Sequence[Verdict | str], predicted: Sequence[Verdict | str], *,
                    seconds: float | None = None, n_resamples: int = N_RESAMPLES,
                    seed: int = BOOTSTRAP_SEED) -> Metrics:
    """Accuracy, macro-F1 with a bootstrap interval, per-label scores and the confusion matrix (scikit-learn).

    Args:
        gold: gold verdicts.
        predicted: predicted verdicts, same length and order.
        seconds: time spent scoring these pairs (gives ``pairs_per_second``), or None.
        n_resamples: bootstrap resamples for the interval.
        seed: bootstrap seed.

    Example:
        >>> m = compute_metrics(["contradiction", "consistent"], ["contradiction", "contradiction"])
        >>> m.accuracy, round(m.macro_f1, 3)
        (0.5, 0.333)
    """
    from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support

    g = _values(gold)
    p = _values(predicted)
    if len(g) != len(p):
        raise InputError(f"{len(g)} gold labels but {len(p)} predictions")
    if not g:
        raise InputError("no pairs to compute metrics on")
    present = [v.value for v in LABEL_ORDER if v.value in set(g) | set(p)]
    precision, recall, f1, support = precision_recall_fscore_support(g, p, labels=present, zero_division=0)
    per_label: dict[str, dict[str, float]] = {label: {"precision": float(precision[i]), "recall": float(recall[i]), "f1": float(f1[i]),
                         "support": int(support[i])} for i, label in enumerate(present)}
    macro = float(f1_score(g, p, labels=present, average="macro", zero_division=0))
    matrix = confusion_matrix(g, p, labels=[v.value for v in LABEL_ORDER])
    rate = len(g) / seconds if seconds is not None and seconds > 0 else None
    return Metrics(n=len(g), accuracy=float(accuracy_score(g, p)), macro_f1=macro,
                   macro_f1_ci=bootstrap_macro_f1(g, p, n_resamples=n_resamples, seed=seed),
                   labels=tuple(present), per_label=per_label,
                   confusion=tuple(tuple(int(c) for c in row) for row in matrix), pairs_per_second=rate)


# ---------------------------------------------------------------------------------------- provenance


def git_commit(path: str | Path | None = None) -> str | None:
    """The commit of the git checkout holding ``path`` (default: this package), or None.

    None when git is missing, the folder is not in a checkout, or the package files are not tracked there
    (e.g. an installed copy inside some other repository's virtualenv).

    Example:
        >>> git_commit("/") is None
        True
    """
    where = Path(path) if path is not None else Path(__file__).resolve().parent
    probe = "__init__.py" if path is None else "."

    def git(*args: str) -> subprocess.CompletedProcess[str] | None:
        try:
            return subprocess.run(["git", *args], cwd=where, capture_output=True, text=True, timeout=15,
                                  check=False)
        except (OSError, subprocess.SubprocessError):
            return None

    tracked = git("ls-files", "--error-unmatch", "--", probe)
    if tracked is None or tracked.returncode != 0:
        return None
    head = git("rev-parse", "HEAD")
    if head is None or head.returncode != 0:
        return None
    return head.stdout.strip() or None


def _git_dirty() -> bool | None:
    try:
        out = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", "."],
                             cwd=Path(__file__).resolve().parent, capture_output=True, text=True, timeout=15,
                             check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return bool(out.stdout.strip()) if out.returncode == 0 else None


def package_version() -> str | None:
    """``contradict.__version__``, else the installed distribution's version, else None.

    Example:
        >>> isinstance(package_version(), (str, type(None)))
        True
    """
    import contradict

    version = getattr(contradict, "__version__", None)
    if version:
        return str(version)
    try:
        return metadata.version("contradict")
    except metadata.PackageNotFoundError:
        return None


def _dist_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _file_sha256(path: str) -> str | None:
    try:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError:
        return None


def collect_provenance(detector: PairScorer, pairs: Sequence[BenchPair], *,
                       model_info: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """What a benchmark number depends on: code, model, config, calibration, libraries, inputs, date.

    ``model_info`` is ``detector.model_info()`` when the caller already has it (hashing weights takes time).

    Example:
        >>> prov = collect_provenance(detector, pairs)   # doctest: +SKIP
        >>> sorted(prov)[:3]                             # doctest: +SKIP
        ['calibration', 'config', 'config_source']
    """
    cfg = detector.config
    info = dict(model_info if model_info is not None else detector.model_info())
    cal = cfg.calibration
    counts: dict[str, int] = {}
    for pair in pairs:
        counts[pair.file] = counts.get(pair.file, 0) + 1
    return {
        "package": "contradict",
        "version": package_version(),
        "git_commit": git_commit(),
        "git_dirty": _git_dirty(),
        "model": info.get("model"),
        "model_sha256": info.get("sha256"),
        "model_info": {k: v for k, v in info.items() if k not in ("model", "sha256")},
        "config": cfg.to_dict(),
        "config_source": cfg.source,
        "calibration": {"calibrated": bool(cal.pair_ids or cal.files or cal.date), "files": list(cal.files),
                        "n_pair_ids": len(cal.pair_ids), "seed": cal.seed, "fraction": cal.fraction,
                        "macro_f1": cal.macro_f1, "date": cal.date or None},
        "versions": {"python": platform.python_version(), "numpy": _dist_version("numpy"),
                     "scikit-learn": _dist_version("scikit-learn"), "torch": _dist_version("torch"),
                     "transformers": _dist_version("transformers"), "datasets": _dist_version("datasets")},
        "platform": platform.platform(),
        "inputs": [{"file": name, "n_pairs": n, "sha256": _file_sha256(name) if name else None}
                   for name, n in counts.items()],
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }


# --------------------------------------------------------------------------------------------- report


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


# ------------------------------------------------------------------------------------------------ run


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
        baselines: also report the baselines of :mod:`contradict.baselines`.
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
        from .detector import Detector

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


# -------------------------------------------------------------------------------------------- outputs


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
    with out.open("w", encoding="utf-8") as handle:
        for pair_id, finding in items:
            line = {"id": pair_id, "verdict": Verdict(finding.verdict).value,
                    "scores": {k: float(finding.scores[k]) for k in ("entailment", "neutral", "contradiction")},
                    "explanation": finding.explanation}
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return out


def write_report(report: BenchmarkReport, path: str | Path) -> Path:
    """Write ``report.to_dict()`` as indented JSON (parent folders are created).

    Example:
        >>> write_report(report, "report.json")   # doctest: +SKIP
        PosixPath('report.json')
    """
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report.to_dict(), indent=2, ensure_ascii=False, default=_json_default) + "\n",
                   encoding="utf-8")
    return out


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


# ------------------------------------------------------------------------------------------------ CLI


def add_bench_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``contradict bench`` arguments to an argparse (sub)parser.

    Example:
        >>> import argparse
        >>> p = argparse.ArgumentParser(); add_bench_arguments(p)
        >>> p.parse_args(["dev.jsonl", "--baselines"]).baselines
        True
    """
    parser.add_argument("files", nargs="+", metavar="FILE", help="labelled pair files (JSON lines)")
    parser.add_argument("--predictions", metavar="OUT.jsonl", help="write one prediction per pair here")
    parser.add_argument("--report", metavar="REPORT.json", help="write the full report (metrics + provenance)")
    parser.add_argument("--html", metavar="REPORT.html", help="write a self-contained HTML report")
    parser.add_argument("--baselines", action="store_true",
                        help="also score the majority, NLI-only and lexical baselines")
    parser.add_argument("--exclude-calibrated", action="store_true",
                        help="drop pairs listed in calibration.pair_ids of the config before scoring")
    add_common_arguments(parser)


def run_bench(args: argparse.Namespace) -> int:
    """Run ``contradict bench``: print the table, write the requested files; return 0.

    Input and config errors propagate as :class:`~contradict.errors.ContradictError` subclasses (the CLI's
    ``main`` turns them into exit status 2).

    Example:
        >>> run_bench(parser.parse_args(["dev.jsonl", "--report", "r.json"]))   # doctest: +SKIP
        0
    """
    from .detector import Detector

    cfg = config_from_args(args)
    if args.html:
        from .report_html import require_matplotlib

        require_matplotlib()  # fail before scoring, not after
    pairs = load_pair_files(args.files)
    if args.exclude_calibrated:
        kept = exclude_calibrated(pairs, cfg)
        print(f"excluded {len(pairs) - len(kept)} of {len(pairs)} pairs used for calibration "
              f"(calibration.pair_ids); scoring {len(kept)}")
        if not kept:
            raise InputError("no pairs left after excluding the calibration pairs")
        pairs = kept
    report = run(pairs, Detector(cfg), baselines=args.baselines, progress=not args.no_progress)
    print(report)
    if args.predictions:
        print(f"wrote predictions to {write_predictions(report, args.predictions)}")
    if args.report:
        print(f"wrote report to {write_report(report, args.report)}")
    if args.html:
        from .report_html import write_html

        print(f"wrote HTML report to {write_html(report, args.html)}")
    return 0
