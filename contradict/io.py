"""Read statements from files, DataFrames or Python objects; write findings and statements to files.

Inputs are validated record by record. An error names the file (``source``), the record and the field:

* JSON Lines: ``"line N"``, the 1-based line of the file (blank lines count, and are ignored);
* a JSON file holding one array: ``"item N"``, the 1-based position in the array;
* CSV: ``"line N"``, the 1-based line of the file where the row starts; the header is line 1, so the
  first data row is normally line 2 (what a text editor shows);
* a pandas DataFrame: ``"row <index label>"``;
* an iterable of dicts or :class:`~contradict.records.Statement`: ``"item N"``, 1-based.

Example:
    >>> statements = read_statements([{"id": "k1", "text": "No change to our policy.", "time": "2024-05-28"}])
    >>> statements[0].id, statements[0].time.isoformat()
    ('k1', '2024-05-28')
"""

from __future__ import annotations

import csv
import json
import logging
import math
import os
import secrets
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .errors import InputError, InputTypeError
from .records import LABELS, Finding, Statement, TimeWindow, Verdict

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FINDING_COLUMNS",
    "PARTIAL_SUFFIX",
    "SkippedRecordWarning",
    "UnknownFormatError",
    "atomic_open",
    "check_writable",
    "findings_to_dataframe",
    "finding_from_dict",
    "read_findings",
    "read_statements",
    "write_findings",
    "write_statements",
    "write_text",
]

logger = logging.getLogger(__name__)

PathArg = str | os.PathLike[str]

#: Columns of :func:`write_findings` CSV output and of :func:`findings_to_dataframe`, in order.
FINDING_COLUMNS: tuple[str, ...] = (
    "a_id", "a_text", "a_speaker", "a_time", "a_source",
    "b_id", "b_text", "b_speaker", "b_time", "b_source",
    "verdict", "grade", "explanation",
    "p_entailment", "p_neutral", "p_contradiction", "similarity",
    "actor_a", "actor_b", "about_a", "about_b", "signals", "denied_shift", "split_sentences", "rule",
)

# Reading: a ".json" file may hold JSON lines or one JSON array (both are read); writing: ".json" is a JSON array.
_SUFFIX_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv"}
_FORMAT_ALIASES = {"jsonl": "jsonl", "json": "json", "ndjson": "jsonl", "csv": "csv"}
#: Suffix of the temporary file a write goes to before it replaces its target.
PARTIAL_SUFFIX = ".partial"


class UnknownFormatError(InputError):
    """A file's suffix does not say its format (the message tells how to name the format)."""


class SkippedRecordWarning(UserWarning):
    """Issued for each invalid record that ``read_statements(..., skip_invalid=True)`` skips."""


# --------------------------------------------------------------------------------------------------- reading


class _Collector:
    """Gathers valid statements; raises or skips bad records; keeps ids unique."""

    def __init__(self, label: str, skip_invalid: bool, skipped: list[InputError] | None, max_chars: int = 0) -> None:
        self.label = label
        self.max_chars = max_chars
        self.skip_invalid = skip_invalid
        self.skipped = skipped
        self.n_skipped = 0
        self.statements: list[Statement] = []
        self._seen: dict[str, tuple[str, str]] = {}  # id -> (text, record)

    def fail(self, err: InputError) -> None:
        if not self.skip_invalid:
            raise err
        self.n_skipped += 1
        warnings.warn(f"skipped {err}", SkippedRecordWarning, stacklevel=_outside_level())
        if self.skipped is not None:
            self.skipped.append(err)

    def add(self, statement: Statement, record: str, source: str | None) -> None:
        first = self._seen.get(statement.id)
        if first is None:
            self._seen[statement.id] = (statement.text, record)
            self.statements.append(statement)
        elif first[0] == statement.text:
            logger.warning("%s%s: id %r repeats %s with the same text; keeping the first",
                           f"{source}, " if source else "", record, statement.id, first[1])
        else:
            self.fail(InputError(f"id {statement.id!r} already used for a different text at {first[1]}",
                                 record=record, field="id", source=source))

    def build(self, data: Any, record: str, source: str | None) -> None:
        """Validate one raw record with :meth:`Statement.from_dict` and add it, or fail on it."""
        try:
            if isinstance(data, Mapping) and data.get("meta") is not None and not isinstance(data["meta"], Mapping):
                raise InputTypeError(f"expected an object, got {type(data['meta']).__name__}", field="meta")
            statement = Statement.from_dict(data, record=record)
            if self.max_chars and len(statement.text) > self.max_chars:
                raise InputError(f"{len(statement.text):,} characters, more than input.max_chars = {self.max_chars:,}; "
                                 "split the text into statements or raise the limit (on the command line: --set input.max_chars=N)",
                                 field="text")
        except InputError as err:
            self.fail(_located(err, record, source))
            return
        self.add(statement, record, source)

    def finish(self) -> list[Statement]:
        if self.n_skipped:
            logger.info("skipped %d invalid record(s) of %s; kept %d statement(s)",
                           self.n_skipped, self.label, len(self.statements))
        else:
            logger.debug("read %d statement(s) from %s", len(self.statements), self.label)
        return self.statements


def _outside_level() -> int:
    """The ``stacklevel`` of the first frame outside this module, so a warning points at the user's call."""
    level, frame = 1, sys._getframe(1)
    while frame.f_back is not None and frame.f_globals.get("__name__") == __name__:
        level, frame = level + 1, frame.f_back
    return level


def _located(err: InputError, record: str | None, source: str | None) -> InputError:
    """The same error naming ``record`` and ``source``: ``from_dict`` knows no file, nor the line of a blank id."""
    if err.record == record and err.source == source:
        return err
    located = type(err)(err.reason, record=record, field=err.field, source=source)
    located.__cause__ = err.__cause__
    return located


def _decoded_lines(data: bytes, source: str, on_bad: Callable[[InputError], None]) -> Iterator[tuple[int, str]]:
    """Yield ``(line number, text with its line ending)``; a line that is not UTF-8 goes to ``on_bad`` instead."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    raw_lines = data.split(b"\n")
    last = len(raw_lines) - 1
    for index, raw in enumerate(raw_lines):
        if index < last:
            raw += b"\n"
        elif not raw:
            break
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            on_bad(InputError(f"not valid UTF-8: byte 0x{raw[exc.start]:02x} at column {exc.start + 1}",
                              record=f"line {index + 1}", source=source))
            continue
        yield index + 1, text


#: Python's JSON reader recurses once per level of nesting; a record nested deeper than the stack allows.
_TOO_DEEP = "JSON nested too deeply to read (arrays or objects inside each other beyond Python's recursion limit)"


def _json_problem(exc: json.JSONDecodeError) -> str:
    at = "" if exc.msg.endswith(" at") else " at"
    return f"not valid JSON: {exc.msg}{at} column {exc.colno}"


def _json_records(data: bytes, source: str, on_bad: Callable[[InputError], None]) -> Iterator[tuple[str, Any]]:
    """``(record, decoded object)`` of a JSON Lines file (``"line N"``) or of a file holding one JSON array
    (``"item N"``). A bad line goes to ``on_bad`` (which may raise or skip it); a broken array cannot be read
    in part, so its errors are raised whatever ``on_bad`` does."""
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"[":
        yield from _json_array(data, source)
        return
    for lineno, line in _decoded_lines(data, source, on_bad):
        if not line.strip():
            continue
        record = f"line {lineno}"
        try:
            obj = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as exc:
            on_bad(InputError(_json_problem(exc), record=record, source=source))
            continue
        except RecursionError:
            on_bad(InputError(_TOO_DEEP, record=record, source=source))
            continue
        yield record, obj


def _json_array(data: bytes, source: str) -> Iterator[tuple[str, Any]]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        lineno = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"not valid UTF-8: byte 0x{data[exc.start]:02x}", record=f"line {lineno}",
                         source=source) from None
    try:
        items = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(_json_problem(exc), record=f"line {exc.lineno}", source=source) from None
    except RecursionError:
        raise InputError(_TOO_DEEP, source=source) from None
    for number, item in enumerate(items, 1):
        yield f"item {number}", item


def _read_json_lines(data: bytes, source: str, out: _Collector) -> None:
    for record, obj in _json_records(data, source, out.fail):
        out.build(obj, record, source)


def _read_bytes(path: Path, what: str) -> bytes:
    """A file's bytes; every way of failing is an :class:`InputError` naming the file."""
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"is a directory, not {what}", source=str(path)) from None
    except FileNotFoundError:
        raise InputError("file not found", source=str(path)) from None
    except PermissionError:
        raise InputError("cannot be read (permission denied)", source=str(path)) from None
    except OSError as exc:  # a name too long, a loop of links, a device error
        raise InputError(f"cannot be read: {exc.strerror or exc}", source=str(path)) from None
    except ValueError as exc:  # a NUL character or a lone surrogate in the name
        raise InputError(f"is not a usable file name ({exc})", source=repr(str(path))) from None


def _read_csv(data: bytes, source: str, out: _Collector) -> None:
    row_start: list[int | None] = [None]
    header: list[str] | None = None

    def on_bad(err: InputError) -> None:
        if header is None:  # without its header a CSV file cannot be read at all
            raise err
        out.fail(err)

    def feed() -> Iterator[str]:
        for lineno, text in _decoded_lines(data, source, on_bad):
            if row_start[0] is None:
                row_start[0] = lineno
            yield text

    reader = csv.reader(feed())
    while True:
        row_start[0] = None
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            err = InputError(f"not valid CSV: {exc}", record=f"line {row_start[0]}", source=source)
            if header is None:
                raise err from None
            out.fail(err)
            continue
        record = f"line {row_start[0]}"
        if header is None:
            header = [name.strip() for name in row]
            _check_header(header, record, source)
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            out.fail(InputError(f"has {len(row)} cells but the header has {len(header)}", record=record,
                                source=source))
            continue
        values: dict[str, Any] = {name: (cell if cell != "" else None) for name, cell in zip(header, row)}
        if values.get("text") is None and len(row) > header.index("text"):
            values["text"] = ""  # an empty cell: report "empty", not "missing"
        out.build(values, record, source)


def _check_header(header: list[str], record: str, source: str) -> None:
    if "text" not in header:
        raise InputError(f"the header has no 'text' column (columns: {', '.join(header) or 'none'})",
                         record=record, source=source)
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise InputError(f"the header repeats column(s) {', '.join(repeated)}", record=record, source=source)


def _native(pd: Any, value: Any, name: Any) -> Any:
    """A DataFrame cell as a plain Python value: missing -> None, naive midnight timestamp -> date."""
    if pd.api.types.is_scalar(value) and pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime) and value.tzinfo is None and value.time() == datetime.min.time():
        return value.date()
    if name == "id" and isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)  # an integer id column with gaps is stored as float
    return value


def _read_dataframe(frame: pd.DataFrame, out: _Collector) -> None:
    import pandas

    for label, row in zip(frame.index, frame.to_dict(orient="records")):
        out.build({name: _native(pandas, value, name) for name, value in row.items()}, f"row {label}", None)


def _read_objects(items: Iterable[Any], out: _Collector) -> None:
    for number, item in enumerate(items, 1):
        record = f"item {number}"
        if isinstance(item, Statement):
            out.add(item, record, None)
        elif isinstance(item, Mapping):
            out.build(item, record, None)
        else:
            out.fail(InputTypeError(f"expected a Statement or a mapping, got {type(item).__name__}", record=record))


def _file_format(path: Path, format: str | None) -> str:
    if format is not None:
        fmt = _FORMAT_ALIASES.get(format.lower()) if isinstance(format, str) else None
        if fmt is None:
            raise InputError(f"unknown format {format!r}; use 'jsonl', 'json' or 'csv'", source=str(path))
        return fmt
    fmt = _SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UnknownFormatError(f"cannot tell the format from the suffix {path.suffix!r}; pass format='jsonl', "
                                 "'json' or 'csv'", source=str(path))
    return fmt


def read_statements(
    source: PathArg | pd.DataFrame | Iterable[Mapping[str, Any] | Statement],
    *,
    format: str | None = None,
    skip_invalid: bool = False,
    skipped: list[InputError] | None = None,
    max_chars: int = 0,
) -> list[Statement]:
    """Read and validate statements from a file, a DataFrame, dicts or :class:`Statement` objects.

    Fields are ``id, text, speaker, time, source``; other fields (columns) go to ``Statement.meta``.
    A missing id is derived from the content (:func:`~contradict.records.stable_id`), so the same
    statement gets the same id whatever format it comes in. An id that appears twice with the same
    text is kept once (with a logged warning); with a different text it is an error.

    Args:
        source: a path to a JSON Lines file (``.jsonl``, ``.ndjson``, or ``.json``, which may also hold
            one JSON array of objects) or a CSV file with a header row (``.csv``; empty cells are None);
            a pandas DataFrame; or an iterable of dicts and/or ``Statement`` objects.
        format: ``"jsonl"`` or ``"csv"`` to override a path's suffix; only for paths.
        skip_invalid: skip invalid records instead of raising. Each skip issues a
            :class:`SkippedRecordWarning` and one summary line is logged at the end. A non-UTF-8
            file loses only its undecodable lines. Errors about the whole file (a CSV header without
            a ``text`` column, a JSON array that does not parse) are raised even in skip mode.
        skipped: when given (and ``skip_invalid`` is true), each skipped record's error is appended.
        max_chars: when > 0, a statement text longer than this is an invalid record (``input.max_chars``):
            an error, or a counted skip with ``skip_invalid``; never silently truncated.

    Returns:
        The valid statements, in input order.

    Raises:
        InputError: a record is invalid (empty or missing text, bad time, an id reused for another
            text, invalid JSON or UTF-8); the message names the file, the record and the field.
        InputTypeError: a record or field has the wrong type (e.g. a number as text).
        OSError: the file cannot be read.

    Example:
        >>> rows = [{"text": "We never said that.", "speaker": "Office"}, {"text": "  "}]
        >>> problems = []
        >>> import warnings
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore")
        ...     kept = read_statements(rows, skip_invalid=True, skipped=problems)
        >>> len(kept), str(problems[0])
        (1, "item 2, field 'text': must not be empty or blank")
    """
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        fmt = _file_format(path, format)
        out = _Collector(str(path), skip_invalid, skipped, max_chars)
        data = _read_bytes(path, "a statements file")
        if fmt == "csv":
            _read_csv(data, str(path), out)
        else:
            _read_json_lines(data, str(path), out)
        return out.finish()
    if format is not None:
        raise InputError(f"format={format!r} applies only when reading a file path")
    pandas = sys.modules.get("pandas")  # a DataFrame implies pandas is already imported
    if pandas is not None and isinstance(source, pandas.DataFrame):
        out = _Collector("DataFrame", skip_invalid, skipped, max_chars)
        _read_dataframe(source, out)
        return out.finish()
    if isinstance(source, (Mapping, bytes, bytearray)) or not isinstance(source, Iterable):
        raise InputTypeError(f"expected a path, a DataFrame or an iterable of dicts or Statements, "
                             f"got {type(source).__name__}")
    out = _Collector("input", skip_invalid, skipped, max_chars)
    _read_objects(source, out)
    return out.finish()


def finding_from_dict(data: Any, record: str, source: str) -> Finding:
    """One ``Finding.to_dict()`` back into a :class:`Finding`; errors name the record and the (dotted) field."""
    def fail(message: str, name: str | None = None, kind: type[InputError] = InputError) -> InputError:
        return kind(message, record=record, field=name, source=source)

    if not isinstance(data, Mapping):
        raise fail(f"expected a finding object, got {type(data).__name__}", kind=InputTypeError)
    sides = {}
    for side in ("a", "b"):
        if data.get(side) is None:
            raise fail("is missing", side)
        try:
            sides[side] = Statement.from_dict(data[side], record=record)
        except InputError as err:
            raise type(err)(err.reason, record=record, source=source,
                            field=f"{side}.{err.field}" if err.field else side) from None
    try:
        verdict = Verdict(data.get("verdict"))
    except ValueError:
        raise fail(f"expected one of {', '.join(v.value for v in Verdict)}, got {data.get('verdict')!r}",
                   "verdict") from None

    def scores(name: str) -> dict[str, float]:
        value = data.get(name)
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise fail(f"expected an object of probabilities, got {type(value).__name__}", name, InputTypeError)
        out = {}
        for label in LABELS:
            p = value.get(label)
            if p is None:
                continue
            if isinstance(p, bool) or not isinstance(p, (int, float)) or not math.isfinite(p):
                raise fail(f"expected a finite number, got {p!r}", f"{name}.{label}", InputTypeError)
            out[label] = float(p)
        return out

    def text(name: str, default: str | None = None) -> str | None:
        value = data.get(name, default)
        if value is not None and not isinstance(value, str):
            raise fail(f"expected text or null, got {type(value).__name__}", name, InputTypeError)
        return value

    def flag(name: str) -> bool:
        value = data.get(name, False)
        if not isinstance(value, bool):
            raise fail(f"expected true or false, got {value!r}", name, InputTypeError)
        return value

    def window(name: str) -> TimeWindow | None:
        value = data.get(name)
        if value is None:
            return None
        if not isinstance(value, Mapping):
            raise fail(f"expected an object or null, got {type(value).__name__}", name, InputTypeError)
        days = {}
        for end in ("start", "end"):
            raw = value.get(end)
            try:
                days[end] = date.fromisoformat(raw) if raw is not None else None
            except (TypeError, ValueError):
                raise fail(f"expected a date YYYY-MM-DD or null, got {raw!r}", f"{name}.{end}") from None
        phrase, kind = value.get("phrase"), value.get("kind", "period")
        if phrase is not None and not isinstance(phrase, str):
            raise fail(f"expected text or null, got {type(phrase).__name__}", f"{name}.phrase", InputTypeError)
        if not isinstance(kind, str):
            raise fail(f"expected text, got {type(kind).__name__}", f"{name}.kind", InputTypeError)
        return TimeWindow(days["start"], days["end"], phrase, kind)

    similarity = data.get("similarity", 0.0)
    if isinstance(similarity, bool) or not isinstance(similarity, (int, float)) or not math.isfinite(similarity):
        raise fail(f"expected a finite number, got {similarity!r}", "similarity", InputTypeError)
    signals = data.get("signals") or []
    if not isinstance(signals, list) or not all(isinstance(x, str) for x in signals):
        raise fail("expected a list of texts", "signals", InputTypeError)
    return Finding(a=sides["a"], b=sides["b"], verdict=verdict, scores=scores("scores"),
                   scores_ab=scores("scores_ab"), scores_ba=scores("scores_ba"), similarity=float(similarity),
                   explanation=text("explanation", "") or "", grade=text("grade"), actor_a=text("actor_a"),
                   actor_b=text("actor_b"), about_a=window("about_a"), about_b=window("about_b"),
                   signals=tuple(signals), denied_shift=flag("denied_shift"),
                   split_sentences=flag("split_sentences"), rule=text("rule", "") or "")


def read_findings(path: PathArg) -> list[Finding]:
    """Read findings back from what :func:`write_findings` wrote as JSON Lines or a JSON list
    (``Finding.to_dict()`` per record).

    Fields added in later versions may be missing (``rule``, ``about_a``...): they get the :class:`Finding`
    defaults. Errors name the file, the record (``"line N"`` or ``"item N"``) and the field, dotted inside a
    statement or a period (``a.time``, ``about_b.start``, ``scores.contradiction``).

    Raises:
        InputError: a record is not valid JSON or a field is missing or invalid.
        InputTypeError: a field has the wrong type.

    Example:
        >>> findings = read_findings("findings.jsonl")   # doctest: +SKIP
        >>> findings[0].verdict                          # doctest: +SKIP
        <Verdict.POLICY_SHIFT: 'policy_shift'>
    """
    target = Path(path)
    source = str(target)
    if target.suffix.lower() == ".csv":
        raise InputError("findings are read from JSON Lines or a JSON list (.jsonl, .json), not CSV", source=source)
    data = _read_bytes(target, "a findings file")

    def bad(err: InputError) -> None:
        raise err

    return [finding_from_dict(obj, record, source) for record, obj in _json_records(data, source, bad)]


# --------------------------------------------------------------------------------------------------- writing


def _partial_prefix(path: Path) -> str:
    return f".{path.name}.contradict-"


def _clean_stale_partials(path: Path) -> None:
    """Remove what killed writes of ``path`` left behind: partial files whose writing process is gone."""
    prefix = _partial_prefix(path)
    try:
        leftovers = [p for p in path.parent.iterdir() if p.name.startswith(prefix) and p.name.endswith(PARTIAL_SUFFIX)]
    except OSError:
        return
    for leftover in leftovers:
        pid = leftover.name[len(prefix):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _process_alive(int(pid)):
            leftover.unlink(missing_ok=True)
            logger.info("removed %s, left by an interrupted write", leftover)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but not ours
        return True
    return True


def write_text(path: PathArg, text: str) -> Path:
    """Write ``text`` to ``path`` atomically (:func:`atomic_open`), creating missing parent folders.

    Example:
        >>> write_text("out/report.json", "{}")   # doctest: +SKIP
        PosixPath('out/report.json')
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_open(target) as handle:
        handle.write(text)
    return target


def check_writable(path: PathArg) -> Path:
    """Check, before any work, that ``path`` can be written: its folder exists and takes a new file, and it is
    not a folder itself. Creates nothing that stays.

    Raises:
        InputError: naming the path as given.

    Example:
        >>> check_writable("/nonexistent-folder/findings.jsonl")
        Traceback (most recent call last):
        ...
        contradict.errors.InputError: /nonexistent-folder/findings.jsonl: the folder /nonexistent-folder does not exist
    """
    target = Path(path)
    folder = target.parent
    if target.is_dir():
        raise InputError("is a folder; give a file name to write to", source=str(path))
    if not folder.is_dir():
        raise InputError(f"the folder {folder} does not exist", source=str(path))
    probe = folder / f"{_partial_prefix(target)}{os.getpid()}-check{PARTIAL_SUFFIX}"
    try:
        probe.open("x").close()
    except OSError as exc:
        raise InputError(f"cannot write in the folder {folder}: {exc.strerror or exc}", source=str(path)) from None
    probe.unlink(missing_ok=True)
    return target


@contextmanager
def atomic_open(path: PathArg) -> Iterator[TextIO]:
    """Open a text file for writing that appears only when complete. Writes go to ``.<name>.contradict-<pid>-<hex>.partial`` next to ``path``; on success it replaces ``path``, on
    failure it is removed. A write killed outright leaves the partial file, which the next write of the same
    target removes; ``path`` is always either its old content or the complete new one."""
    path = Path(path)
    _clean_stale_partials(path)
    tmp = path.with_name(f"{_partial_prefix(path)}{os.getpid()}-{secrets.token_hex(4)}{PARTIAL_SUFFIX}")
    try:
        with open(tmp, "x", encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _to_json(obj: Mapping[str, Any], record: str) -> str:
    try:
        return json.dumps(obj, ensure_ascii=False, default=_json_default)
    except (TypeError, ValueError) as exc:
        raise InputTypeError(f"cannot write as JSON: {exc}", record=record) from None


def _check_finding(finding: Any, number: int) -> Finding:
    if not isinstance(finding, Finding):
        raise InputTypeError(f"expected a Finding, got {type(finding).__name__}", record=f"item {number}")
    return finding


def _finding_row(finding: Finding) -> dict[str, Any]:
    """One finding as a flat row with the :data:`FINDING_COLUMNS`."""
    row: dict[str, Any] = {}
    for side, statement in (("a", finding.a), ("b", finding.b)):
        row[f"{side}_id"] = statement.id
        row[f"{side}_text"] = statement.text
        row[f"{side}_speaker"] = statement.speaker
        row[f"{side}_time"] = statement.time.isoformat() if statement.time else None
        row[f"{side}_source"] = statement.source
    row.update(
        verdict=str(finding.verdict), grade=finding.grade, explanation=finding.explanation,
        p_entailment=finding.scores.get("entailment"), p_neutral=finding.scores.get("neutral"),
        p_contradiction=finding.scores.get("contradiction"), similarity=finding.similarity,
        actor_a=finding.actor_a, actor_b=finding.actor_b,
        about_a=finding.about_a.phrase if finding.about_a else None,
        about_b=finding.about_b.phrase if finding.about_b else None,
        signals="; ".join(finding.signals), denied_shift=finding.denied_shift,
        split_sentences=finding.split_sentences, rule=finding.rule,
    )
    return row


def _write_json_rows(fh: TextIO, rows: Iterable[str], *, as_list: bool) -> int:
    """Write JSON texts one per line, or as the items of one JSON list; return how many."""
    count = 0
    if not as_list:
        for count, row in enumerate(rows, 1):
            fh.write(row + "\n")
        return count
    fh.write("[")
    for count, row in enumerate(rows, 1):
        fh.write(("\n" if count == 1 else ",\n") + row)
    fh.write("\n]\n" if count else "]\n")
    return count


def write_findings(findings: Iterable[Finding], path: PathArg, *, format: str | None = None) -> int:
    """Write findings as JSON Lines (one ``Finding.to_dict()`` per line), a JSON list, or CSV
    (:data:`FINDING_COLUMNS`).

    The file is written to a temporary file in the same folder and then moved into place, so an
    error half-way never leaves a half-written file (an existing file stays as it was).

    Args:
        findings: the findings to write (any iterable, consumed once).
        path: the output file.
        format: ``"jsonl"``, ``"json"`` (one JSON list) or ``"csv"``; by default taken from the suffix
            (``.jsonl``/``.ndjson``, ``.json``, ``.csv``).

    Returns:
        The number of findings written.

    Raises:
        InputError: the format is unknown.
        InputTypeError: an item is not a :class:`~contradict.records.Finding` (``"item N"``, 1-based).

    Example:
        >>> write_findings(detector.find(statements), "findings.csv")  # doctest: +SKIP
        12
    """
    target = Path(path)
    fmt = _file_format(target, format)
    count = 0
    with atomic_open(target) as fh:
        if fmt == "csv":
            writer = csv.DictWriter(fh, fieldnames=FINDING_COLUMNS)
            writer.writeheader()
            for count, finding in enumerate(findings, 1):
                writer.writerow(_finding_row(_check_finding(finding, count)))
        else:
            rows = (_to_json(_check_finding(f, n).to_dict(), f"item {n}") for n, f in enumerate(findings, 1))
            count = _write_json_rows(fh, rows, as_list=fmt == "json")
    logger.info("wrote %d finding(s) to %s", count, target)
    return count


def write_statements(statements: Iterable[Statement], path: PathArg) -> int:
    """Write statements as JSON Lines (one ``Statement.to_dict()`` per line), or as one JSON list for a ``.json``
    file, atomically.

    The output reads back with :func:`read_statements` to equal statements.

    Args:
        statements: the statements to write (any iterable, consumed once).
        path: the output file (a JSON list for ``.json``, JSON Lines otherwise).

    Returns:
        The number of statements written.

    Raises:
        InputTypeError: an item is not a Statement, or its ``meta`` cannot be written as JSON.

    Example:
        >>> write_statements(read_statements("statements.csv"), "statements.jsonl")  # doctest: +SKIP
        3
    """
    target = Path(path)

    def rows() -> Iterator[str]:
        for number, statement in enumerate(statements, 1):
            if not isinstance(statement, Statement):
                raise InputTypeError(f"expected a Statement, got {type(statement).__name__}", record=f"item {number}")
            yield _to_json(statement.to_dict(), f"id {statement.id!r}")

    with atomic_open(target) as fh:
        count = _write_json_rows(fh, rows(), as_list=target.suffix.lower() == ".json")
    logger.info("wrote %d statement(s) to %s", count, target)
    return count


def findings_to_dataframe(findings: Iterable[Finding]) -> pd.DataFrame:
    """Findings as a pandas DataFrame with the :data:`FINDING_COLUMNS` (the same as the CSV output).

    Args:
        findings: the findings (any iterable, consumed once).

    Returns:
        One row per finding; an empty frame with these columns for no findings.

    Raises:
        InputTypeError: an item is not a :class:`~contradict.records.Finding`.

    Example:
        >>> findings_to_dataframe([]).columns[:3].tolist()
        ['a_id', 'a_text', 'a_speaker']
    """
    import pandas as pd

    rows = [_finding_row(_check_finding(finding, number)) for number, finding in enumerate(findings, 1)]
    return pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
