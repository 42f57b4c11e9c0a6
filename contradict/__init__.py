"""contradict: find statements that conflict, and tell a contradiction from a policy shift.

Example:
    >>> from contradict import Detector, read_statements
    >>> findings = Detector().find(read_statements("fixtures/seed/statements.jsonl"))  # doctest: +SKIP

The package is laid out by stage, in the order data flows: ``records`` -> ``pairing`` -> ``nli`` ->
``verdict`` -> ``detector``, with ``extract`` (articles to statements) in front, ``evaluation`` (quality on
labelled pairs) and ``benchmarks`` (speed) beside, and ``cli`` on top.

``import contradict`` stays light: torch and transformers load on first use of a model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import Config, load_config
from .errors import (
    ArchiveError,
    ConfigError,
    ContradictError,
    InputError,
    InputTypeError,
    ModelError,
    ModelMismatchError,
)
from .records import Finding, Statement, TimeWindow, Verdict

__version__ = "0.1.0"

__all__ = [
    "Archive",
    "ArchiveError",
    "Config",
    "ConfigError",
    "ContradictError",
    "Detector",
    "Finding",
    "Findings",
    "InputError",
    "InputTypeError",
    "ModelError",
    "ModelMismatchError",
    "Statement",
    "TimeWindow",
    "Verdict",
    "__version__",
    "load_config",
    "load_nli",
    "read_findings",
    "read_statements",
    "statements_from_article",
    "write_findings",
]

if TYPE_CHECKING:
    from .archive import Archive
    from .detector import Detector
    from .extract import statements_from_article
    from .io import read_findings, read_statements, write_findings
    from .nli import load_nli
    from .view import Findings

_LAZY = {"Archive": ("archive", "Archive"), "Detector": ("detector", "Detector"), "load_nli": ("nli", "load_nli"),
         "read_statements": ("io", "read_statements"), "write_findings": ("io", "write_findings"),
         "read_findings": ("io", "read_findings"), "Findings": ("view", "Findings"),
         "statements_from_article": ("extract", "statements_from_article")}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(f".{module}", __name__), attr)
    raise AttributeError(f"module 'contradict' has no attribute {name!r}")
