"""Labelled pair files: the benchmark format, read and validated, and what scores a pair.

A pair file is JSON lines in the format of ``benchmarks/dev/README.md``: each line holds a pair id, two
statements ``a`` and ``b``, a gold ``label`` (one of the four verdicts) and an optional ``group``. Every
error names the file, the line and the field (``a.text``, ``label``, ``id``).

Example:
    >>> pairs = load_pairs("fixtures/bench/sample.jsonl")   # doctest: +SKIP
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..config import Config
from ..errors import InputError, InputTypeError
from ..records import Finding, Statement, Verdict

if TYPE_CHECKING:
    from datasets import Dataset

logger = logging.getLogger(__name__)

_LABEL_VALUES = ", ".join(repr(v.value) for v in Verdict)


_STATEMENT_SIDES = ("a", "b")


class PairScorer(Protocol):
    """What :func:`run` needs from a detector (``contradict.detector.Detector`` is one)."""

    @property
    def config(self) -> Config: ...

    def score_pairs(self, pairs: Sequence[tuple[Statement, Statement]]) -> list[Finding]: ...

    def model_info(self) -> dict[str, Any]: ...


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
