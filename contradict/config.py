"""Configuration: TOML files parsed into frozen dataclasses.

``load_config()`` reads the packaged ``contradict/data/default.toml`` (a copy of ``configs/default.toml``,
which documents every key with its meaning and unit), so ``Detector()`` works with no files; the dataclass
defaults below hold the same values apart from the calibration record (tests keep them equal). Validation reports every problem at once with its dotted location.

Example:
    >>> cfg = load_config(overrides=["nli.batch_size=16"])
    >>> cfg.nli.batch_size
    16
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, get_type_hints

from .errors import ConfigError

BUILTIN = "builtin"
DEFAULT_TOML = Path(__file__).resolve().parent / "data" / "default.toml"


@dataclass(frozen=True)
class NLIConfig:
    """NLI cross-encoder settings."""

    model: str = BUILTIN
    device: str = "auto"
    max_length: int = 128
    batch_size: int = 32
    local_files_only: bool = True
    threads: int = 0
    precision: str = "auto"
    freeze: bool = True


@dataclass(frozen=True)
class PairingConfig:
    """How candidate pairs are found."""

    method: str = "embedding"
    embedding_model: str = BUILTIN
    k: int = 10
    similarity_floor: float = 0.3
    same_speaker_only: bool = False
    time_window_days: int = 0
    batch_size: int = 64
    max_pairs: int = 0


@dataclass(frozen=True)
class VerdictConfig:
    """Thresholds of the verdict function (``contradict.temporal.decide``); ``contradict calibrate`` fits them."""

    contradiction_threshold: float = 0.4
    entailment_threshold: float = 0.5
    unrelated_similarity: float = 0.25
    signal_contradiction_floor: float = 0.1
    min_direction_contradiction: float = 0.0
    near_identical_overlap: float = 0.6
    same_time_tolerance_days: int = 0

    @staticmethod
    def search_space() -> dict[str, list[float]]:
        """The grid ``contradict calibrate`` searches, one list of candidate values per calibrated key."""
        return {
            "contradiction_threshold": [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
            "unrelated_similarity": [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5],
            "signal_contradiction_floor": [0.02, 0.05, 0.1, 0.15, 0.25],
            "min_direction_contradiction": [0.0, 0.1, 0.2, 0.3, 0.4, 0.5],
        }


@dataclass(frozen=True)
class InputConfig:
    """Reading statements."""

    skip_invalid: bool = False


@dataclass(frozen=True)
class CalibrationConfig:
    """Where the verdict thresholds came from (written by ``contradict calibrate``; empty = not calibrated)."""

    files: tuple[str, ...] = ()
    pair_ids: tuple[str, ...] = ()
    seed: int = 0
    fraction: float = 1.0
    macro_f1: float = 0.0
    date: str = ""


@dataclass(frozen=True)
class Config:
    """The whole configuration: one section per pipeline stage."""

    nli: NLIConfig = field(default_factory=NLIConfig)
    pairing: PairingConfig = field(default_factory=PairingConfig)
    verdict: VerdictConfig = field(default_factory=VerdictConfig)
    input: InputConfig = field(default_factory=InputConfig)
    calibration: CalibrationConfig = field(default_factory=CalibrationConfig)
    source: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """Sections as plain dicts (the resolved config, for reports)."""
        return {f.name: dataclasses.asdict(getattr(self, f.name)) for f in fields(self) if f.name != "source"}


_SECTIONS = {f.name: f.type for f in fields(Config) if f.name != "source"}

_RULES: dict[str, Any] = {
    "nli.device": lambda v: None if v in ("auto", "cpu", "cuda") or v.startswith("cuda:") else
    "must be 'auto', 'cpu' or 'cuda[:N]'",
    "nli.max_length": lambda v: None if 16 <= v <= 8192 else f"must be between 16 and 8192, got {v}",
    "nli.batch_size": lambda v: None if v >= 1 else f"must be >= 1, got {v}",
    "nli.precision": lambda v: None if v in ("auto", "fp32", "bf16", "int8") else
    f"must be 'auto', 'fp32', 'bf16' or 'int8', got {v!r}",
    "nli.threads": lambda v: None if v >= 0 else f"must be >= 0 (0 = all cores), got {v}",
    "pairing.method": lambda v: None if v in ("embedding", "tfidf", "all") else
    f"must be 'embedding', 'tfidf' or 'all', got {v!r}",
    "pairing.k": lambda v: None if v >= 1 else f"must be >= 1, got {v}",
    "pairing.similarity_floor": lambda v: None if -1.0 <= v <= 1.0 else f"must be between -1 and 1, got {v}",
    "pairing.time_window_days": lambda v: None if v >= 0 else f"must be >= 0 (0 = no window), got {v}",
    "pairing.batch_size": lambda v: None if v >= 1 else f"must be >= 1, got {v}",
    "pairing.max_pairs": lambda v: None if v >= 0 else f"must be >= 0 (0 = no limit), got {v}",
    "verdict.contradiction_threshold": lambda v: None if 0.0 <= v <= 1.0 else f"must be between 0 and 1, got {v}",
    "verdict.entailment_threshold": lambda v: None if 0.0 <= v <= 1.0 else f"must be between 0 and 1, got {v}",
    "verdict.unrelated_similarity": lambda v: None if -1.0 <= v <= 1.0 else f"must be between -1 and 1, got {v}",
    "verdict.signal_contradiction_floor": lambda v: None if 0.0 <= v <= 1.0 else
    f"must be between 0 and 1, got {v}",
    "verdict.min_direction_contradiction": lambda v: None if 0.0 <= v <= 1.0 else
    f"must be between 0 and 1, got {v}",
    "verdict.near_identical_overlap": lambda v: None if 0.0 <= v <= 1.0 else f"must be between 0 and 1, got {v}",
    "calibration.fraction": lambda v: None if 0.0 < v <= 1.0 else f"must be in (0, 1], got {v}",
    "verdict.same_time_tolerance_days": lambda v: None if v >= 0 else f"must be >= 0, got {v}",
}


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
            rule = _RULES.get(where)
            message = rule(values[key]) if rule else None
            if message:
                problems.append(f"{where}: {message}")
        sections[name] = cls(**values)
    if problems:
        raise ConfigError(problems)
    return Config(**sections, source=source)


def _parse_override(item: str) -> tuple[list[str], Any]:
    if "=" not in item:
        raise ConfigError([f"{item}: an override must look like section.key=value"])
    dotted, raw = item.split("=", 1)
    path = dotted.strip().split(".")
    if len(path) != 2 or not all(path):
        raise ConfigError([f"{dotted.strip()}: an override key must be section.key"])
    try:
        value = tomllib.loads(f"v = {raw.strip()}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw.strip()  # a bare word is a string: --set nli.device=cpu
    return path, value


def load_config(path: str | Path | None = None, overrides: list[str] | tuple[str, ...] = ()) -> Config:
    """Read a TOML config (None: the packaged ``default.toml``) and apply ``section.key=value`` overrides.

    Raises:
        ConfigError: listing every problem with its dotted location.

    Example:
        >>> load_config(overrides=["verdict.contradiction_threshold=0.6"]).verdict.contradiction_threshold
        0.6
    """
    data: dict[str, Any] = {}
    if path is None:
        data = tomllib.loads(DEFAULT_TOML.read_text(encoding="utf-8"))
    else:
        p = Path(path)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError([f"{p}: config file not found"]) from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError([f"{p}: not valid TOML: {exc}"]) from None
    for item in overrides:
        (section, key), value = _parse_override(item)
        table = data.setdefault(section, {})
        if isinstance(table, dict):
            table[key] = value
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
