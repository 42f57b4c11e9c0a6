"""What every ``contradict`` subcommand shares: the config options and how ``--set`` strings are read.

Only the command line parses ``--set section.key=value`` strings; the library takes a dict of dotted keys
(:func:`contradict.config.load_config`).

Example:
    >>> parse_overrides(["nli.batch_size=16", "nli.device=cpu"])
    {'nli.batch_size': 16, 'nli.device': 'cpu'}
"""

from __future__ import annotations

import argparse
import os
import sys
import tomllib
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..config import Config, load_config
from ..errors import ConfigError, InputError
from ..io import SkippedRecordWarning, UnknownFormatError, check_writable, read_statements
from ..records import Statement


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    """``--config``, ``--set`` (repeatable), ``--model`` and ``--no-progress``, shared by find, bench, calibrate."""
    parser.add_argument("--config", metavar="FILE", help="TOML config (default: the embedded defaults)")
    parser.add_argument("--set", dest="overrides", action="append", default=None, metavar="SECTION.KEY=VALUE",
                        help="override one config key (repeatable), e.g. --set nli.batch_size=16")
    parser.add_argument("--model", metavar="PATH_OR_ID", help="NLI model directory or hub id (sets nli.model)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    """The findings-output arguments shared by ``find`` and ``findings``: --out, --format, --html, --all, --ids."""
    parser.add_argument("--out", metavar="FILE", help="write the findings here (default: print them)")
    parser.add_argument("--format", choices=("jsonl", "json", "csv"),
                        help="output format: JSON lines, one JSON list, or CSV (default: from --out's suffix)")
    parser.add_argument("--html", metavar="OUT.html", help="also write the fact-checker's page (self-contained HTML)")
    parser.add_argument("--all", action="store_true", help="also print consistent and unrelated pairs")
    parser.add_argument("--ids", action="store_true", help="print statement ids instead of the texts")


def parse_overrides(items: list[str]) -> dict[str, Any]:
    """``section.key=value`` strings as a dict of dotted keys; values are read as TOML (a bare word is a string).

    Raises:
        ConfigError: an item without ``=`` or a key that is not ``section.key``.
    """
    out: dict[str, Any] = {}
    for item in items:
        if "=" not in item:
            raise ConfigError([f"{item}: an override must look like section.key=value"])
        dotted, raw = item.split("=", 1)
        key = dotted.strip()
        parts = key.split(".")
        if len(parts) != 2 or not all(parts):
            raise ConfigError([f"{key}: an override key must be section.key"])
        try:
            out[key] = tomllib.loads(f"v = {raw.strip()}")["v"]
        except tomllib.TOMLDecodeError:
            out[key] = raw.strip()  # a bare word is a string: --set nli.device=cpu
    return out


def config_from_args(args: argparse.Namespace) -> Config:
    """The config named by ``--config``, ``--set`` and ``--model`` (``--model`` wins over ``--set nli.model``).

    Raises:
        ConfigError: for a missing file or invalid keys/values.
    """
    overrides = parse_overrides(list(getattr(args, "overrides", None) or []))
    if getattr(args, "model", None):
        overrides["nli.model"] = args.model
    return load_config(getattr(args, "config", None), overrides)


def check_output(out: str | None, inputs: Sequence[str | None], flag: str = "--out", *,
                 make_folder: bool = False) -> None:
    """Before any work: refuse an output that is one of the inputs, and check that it can be written
    (creating its folder first when ``make_folder``: the report writers make missing folders).

    Raises:
        InputError: naming the path as the user gave it.
    """
    if not out:
        return
    target = Path(out)
    for given in inputs:
        if given and _same_file(target, Path(given)):
            raise InputError(f"{flag} {out} is also the input {given}; choose another output file (nothing was "
                             "written)")
    if make_folder and not target.parent.exists():
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot create the folder {target.parent}: {exc.strerror or exc}", source=out) from None
    check_writable(target)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def read_article(path: str | Path) -> str:
    """An article file's text; errors name the file."""
    p = Path(path)
    try:
        return p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 text (byte {exc.start})", source=str(p)) from None
    except IsADirectoryError:
        raise InputError("is a directory, not an article file", source=str(p)) from None
    except OSError as exc:
        raise InputError(f"cannot read the article: {exc.strerror or exc}", source=str(p)) from None


def read_input(path: str, input_format: str | None, *, skip_invalid: bool,
               max_chars: int) -> tuple[list[Statement], int]:
    """Statements from a file for a subcommand, and how many records were skipped: a suffix hint in CLI words,
    and one line per skipped record (on standard error) instead of Python warnings."""
    skipped: list[InputError] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SkippedRecordWarning)
            statements = read_statements(path, format=input_format, skip_invalid=skip_invalid, skipped=skipped,
                                         max_chars=max_chars)
    except UnknownFormatError:
        raise InputError(f"cannot tell the format from the suffix {Path(path).suffix!r}; add --input-format jsonl, "
                         "--input-format json or --input-format csv", source=path) from None
    for err in skipped:
        print(f"contradict: skipped {err}", file=sys.stderr)
    return statements, len(skipped)
