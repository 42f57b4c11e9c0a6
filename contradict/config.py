"""Configuration: TOML files parsed into frozen dataclasses.

The packaged ``contradict/data/default.toml`` (``configs/default.toml`` is a link to it) is the single
source of defaults: it documents every key with its meaning and unit, and the dataclass defaults below are
read from it, so ``Config()`` and ``load_config()`` hold the same values without a second copy. Validation
reports every problem at once with its dotted location; each field has one rule (:data:`RULES`), shared by
config files and the classes that take the same options directly (:func:`check_option`).

Overrides in the library are a dict of dotted keys; only the command line parses ``--set key=value``.

Example:
    >>> cfg = load_config(overrides={"nli.batch_size": 16})
    >>> cfg.nli.batch_size
    16
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, get_type_hints

from .errors import ConfigError

BUILTIN = "builtin"
DEFAULT_TOML = Path(__file__).resolve().parent / "data" / "default.toml"

_DEFAULTS: dict[str, Any] = tomllib.loads(DEFAULT_TOML.read_text(encoding="utf-8"))


def _default(section: str, key: str) -> Any:
    """The packaged default of ``section.key`` (lists become tuples, so the dataclasses stay immutable)."""
    value = _DEFAULTS[section][key]
    return tuple(value) if isinstance(value, list) else value


@dataclass(frozen=True)
class NLIConfig:
    """NLI cross-encoder settings."""

    model: str = _default("nli", "model")
    device: str = _default("nli", "device")
    max_length: int = _default("nli", "max_length")
    batch_size: int = _default("nli", "batch_size")
    local_files_only: bool = _default("nli", "local_files_only")
    threads: int = _default("nli", "threads")
    precision: str = _default("nli", "precision")
    freeze: bool = _default("nli", "freeze")


@dataclass(frozen=True)
class PairingConfig:
    """How candidate pairs are found."""

    method: str = _default("pairing", "method")
    embedding_model: str = _default("pairing", "embedding_model")
    k: int = _default("pairing", "k")
    similarity_floor: float = _default("pairing", "similarity_floor")
    same_speaker_only: bool = _default("pairing", "same_speaker_only")
    time_window_days: int = _default("pairing", "time_window_days")
    batch_size: int = _default("pairing", "batch_size")
    max_pairs: int = _default("pairing", "max_pairs")
    neighbours: str = _default("pairing", "neighbours")
    exact_limit: int = _default("pairing", "exact_limit")
    precision: str = _default("pairing", "precision")


@dataclass(frozen=True)
class VerdictConfig:
    """Thresholds of the verdict function (``contradict.verdict.decide``); ``contradict calibrate`` fits them."""

    contradiction_threshold: float = _default("verdict", "contradiction_threshold")
    entailment_threshold: float = _default("verdict", "entailment_threshold")
    unrelated_similarity: float = _default("verdict", "unrelated_similarity")
    signal_contradiction_floor: float = _default("verdict", "signal_contradiction_floor")
    min_direction_contradiction: float = _default("verdict", "min_direction_contradiction")
    near_identical_overlap: float = _default("verdict", "near_identical_overlap")
    same_time_tolerance_days: int = _default("verdict", "same_time_tolerance_days")

    @staticmethod
    def search_space() -> dict[str, list[float]]:
        """The grid ``contradict calibrate`` searches, one list of candidate values per calibrated key."""
        return {
            "contradiction_threshold": [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
            "unrelated_similarity": [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5],
            "signal_contradiction_floor": [0.0, 0.02, 0.05, 0.1, 0.15, 0.25],
            "min_direction_contradiction": [0.0, 0.1, 0.2, 0.3, 0.4, 0.5],
        }


@dataclass(frozen=True)
class EngineConfig:
    """Where the model stages run (``local`` or ``ray``)."""

    name: str = _default("engine", "name")
    ray_address: str = _default("engine", "ray_address")
    ray_actors: int = _default("engine", "ray_actors")


@dataclass(frozen=True)
class InputConfig:
    """Reading statements."""

    skip_invalid: bool = _default("input", "skip_invalid")
    max_chars: int = _default("input", "max_chars")


@dataclass(frozen=True)
class CalibrationConfig:
    """Where the verdict thresholds came from (written by ``contradict calibrate``; empty = not calibrated)."""

    files: tuple[str, ...] = _default("calibration", "files")
    pair_ids: tuple[str, ...] = _default("calibration", "pair_ids")
    seed: int = _default("calibration", "seed")
    fraction: float = _default("calibration", "fraction")
    macro_f1: float = _default("calibration", "macro_f1")
    date: str = _default("calibration", "date")


@dataclass(frozen=True)
class Config:
    """The whole configuration: one section per pipeline stage."""

    nli: NLIConfig = field(default_factory=NLIConfig)
    pairing: PairingConfig = field(default_factory=PairingConfig)
    verdict: VerdictConfig = field(default_factory=VerdictConfig)
    engine: EngineConfig = field(default_factory=EngineConfig)
    input: InputConfig = field(default_factory=InputConfig)
    calibration: CalibrationConfig = field(default_factory=CalibrationConfig)
    source: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """Sections as plain dicts (the resolved config, for reports)."""
        return {f.name: dataclasses.asdict(getattr(self, f.name)) for f in fields(self) if f.name != "source"}


_SECTIONS = {f.name: f.type for f in fields(Config) if f.name != "source"}

Rule = Callable[[Any], "str | None"]


def _one_of(*allowed: str) -> Rule:
    names = ", ".join(repr(a) for a in allowed[:-1]) + f" or {allowed[-1]!r}"
    return lambda v: None if v in allowed else f"must be {names}, got {v!r}"


def _at_least(low: float, note: str = "") -> Rule:
    return lambda v: None if v >= low else f"must be >= {low}{note}, got {v}"


def _between(low: float, high: float) -> Rule:
    return lambda v: None if low <= v <= high else f"must be between {low:g} and {high:g}, got {v}"


def _device(v: str) -> str | None:
    return None if v in ("auto", "cpu", "cuda") or v.startswith("cuda:") else "must be 'auto', 'cpu' or 'cuda[:N]'"


#: One validation rule per field: returns a message, or None when the value is valid. Config files,
#: ``--set`` and the classes that take the same options as arguments (:func:`check_option`) share them.
RULES: dict[str, Rule] = {
    "nli.device": _device,
    "nli.max_length": _between(16, 8192),
    "nli.batch_size": _at_least(1),
    "nli.precision": _one_of("auto", "fp32", "bf16", "int8"),
    "nli.threads": _at_least(0, " (0 = all cores)"),
    "pairing.method": _one_of("embedding", "tfidf", "all"),
    "pairing.k": _at_least(1),
    "pairing.similarity_floor": _between(-1, 1),
    "pairing.time_window_days": _at_least(0, " (0 = no window)"),
    "pairing.batch_size": _at_least(1),
    "pairing.max_pairs": _at_least(0, " (0 = no limit)"),
    "pairing.neighbours": _one_of("auto", "exact", "ann"),
    "pairing.exact_limit": _at_least(2),
    "pairing.precision": _one_of("auto", "fp32", "bf16", "int8"),
    "engine.name": _one_of("local", "ray"),
    "engine.ray_actors": _at_least(0, " (0 = one per CPU)"),
    "verdict.contradiction_threshold": _between(0, 1),
    "verdict.entailment_threshold": _between(0, 1),
    "verdict.unrelated_similarity": _between(-1, 1),
    "verdict.signal_contradiction_floor": _between(0, 1),
    "verdict.min_direction_contradiction": _between(0, 1),
    "verdict.near_identical_overlap": _between(0, 1),
    "verdict.same_time_tolerance_days": _at_least(0),
    "input.max_chars": _at_least(0, " (0 = no limit)"),
    "calibration.fraction": lambda v: None if 0.0 < v <= 1.0 else f"must be in (0, 1], got {v}",
}


def check_option(key: str, value: Any) -> None:
    """Check one option against its rule (and type), as a config file would.

    Raises:
        ConfigError: naming the dotted key, e.g. ``nli.batch_size: must be >= 1, got 0``.

    Example:
        >>> check_option("nli.batch_size", 0)
        Traceback (most recent call last):
        ...
        contradict.errors.ConfigError: invalid configuration:
          nli.batch_size: must be >= 1, got 0
    """
    section, name = key.split(".", 1)
    cls = _SECTIONS[section]
    cls = globals()[cls] if isinstance(cls, str) else cls
    try:
        value = _check_type(value, get_type_hints(cls)[name])
    except TypeError as exc:
        raise ConfigError([f"{key}: {exc}"]) from None
    rule = RULES.get(key)
    message = rule(value) if rule else None
    if message:
        raise ConfigError([f"{key}: {message}"])


def _check_type(value: Any, kind: Any) -> Any:
    """Return the value coerced to ``kind`` or raise TypeError with a readable message."""
    if kind is bool:
        if isinstance(value, bool):
            return value
        raise TypeError(f"must be true or false, got {value!r}")
    if kind is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise TypeError(f"must be an integer, got {value!r}")
    if kind is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        raise TypeError(f"must be a number, got {value!r}")
    if kind == tuple[str, ...]:
        if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            return tuple(value)
        raise TypeError(f"must be a list of strings, got {value!r}")
    if kind is str:
        if isinstance(value, str):
            return value
        raise TypeError(f"must be a string, got {value!r}")
    return value


def from_dict(data: dict[str, Any], *, source: str | None = None) -> Config:
    """Build and validate a :class:`Config` from nested dicts; unknown or bad keys are all reported together.

    Example:
        >>> from_dict({"nli": {"batch_size": 8}}).nli.batch_size
        8
    """
    problems: list[str] = []
    sections: dict[str, Any] = {}
    for name, section in data.items():
        if name not in _SECTIONS:
            problems.append(f"{name}: unknown section (known: {', '.join(_SECTIONS)})")
        elif not isinstance(section, dict):
            problems.append(f"{name}: must be a table of keys, got {section!r}")
    for name, cls_name in _SECTIONS.items():
        cls = globals()[cls_name] if isinstance(cls_name, str) else cls_name
        hints = get_type_hints(cls)
        raw = data.get(name)
        given: dict[str, Any] = raw if isinstance(raw, dict) else {}
        values: dict[str, Any] = {}
        for key, value in given.items():
            where = f"{name}.{key}"
            if key not in hints:
                problems.append(f"{where}: unknown key (known: {', '.join(hints)})")
                continue
            try:
                values[key] = _check_type(value, hints[key])
            except TypeError as exc:
                problems.append(f"{where}: {exc}")
                continue
            rule = RULES.get(where)
            message = rule(values[key]) if rule else None
            if message:
                problems.append(f"{where}: {message}")
        sections[name] = cls(**values)
    if problems:
        raise ConfigError(problems)
    return Config(**sections, source=source)


def load_config(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> Config:
    """Read a TOML config (None: the packaged ``default.toml``) and apply dotted-key overrides.

    Args:
        path: a TOML file, or None for the packaged defaults.
        overrides: ``{"section.key": value}``, applied on top of the file (e.g. ``{"nli.batch_size": 16}``).

    Raises:
        ConfigError: listing every problem with its dotted location.

    Example:
        >>> load_config(overrides={"verdict.contradiction_threshold": 0.6}).verdict.contradiction_threshold
        0.6
    """
    if overrides is not None and not isinstance(overrides, Mapping):
        message = (f"overrides: expected a mapping of dotted keys to values such as {{'nli.batch_size': 16}}, "
                   f"got {type(overrides).__name__}")
        raise ConfigError([message])
    if path is None:
        data = tomllib.loads(DEFAULT_TOML.read_text(encoding="utf-8"))
    else:
        p = Path(path)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError([f"{p}: config file not found"]) from None
        except IsADirectoryError:
            raise ConfigError([f"{p}: is a directory, not a config file"]) from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError([f"{p}: not valid TOML: {exc}"]) from None
    problems: list[str] = []
    for dotted, value in (overrides or {}).items():
        parts = str(dotted).strip().split(".")
        if len(parts) != 2 or not all(parts):
            problems.append(f"{dotted}: an override key must be section.key")
            continue
        table = data.setdefault(parts[0], {})
        if isinstance(table, dict):
            table[parts[1]] = value
    if problems:
        raise ConfigError(problems)
    return from_dict(data, source=str(path) if path is not None else "default")


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)


def to_toml(config: Config, *, header: str = "") -> str:
    """Serialise a config to TOML (every key), optionally after a ``#`` comment header.

    Example:
        >>> "[verdict]" in to_toml(Config())
        True
    """
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    for name, section in config.to_dict().items():
        lines += ["", f"[{name}]"] + [f"{k} = {_toml_value(v)}" for k, v in section.items()]
    return "\n".join(lines).lstrip("\n") + "\n"
