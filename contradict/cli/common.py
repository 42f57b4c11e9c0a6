"""What every ``contradict`` subcommand shares: the config options and how ``--set`` strings are read.

Only the command line parses ``--set section.key=value`` strings; the library takes a dict of dotted keys
(:func:`contradict.config.load_config`).

Example:
    >>> parse_overrides(["nli.batch_size=16", "nli.device=cpu"])
    {'nli.batch_size': 16, 'nli.device': 'cpu'}
"""

from __future__ import annotations

import argparse
import tomllib
from typing import Any

from ..config import Config, load_config
from ..errors import ConfigError


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    """``--config``, ``--set`` (repeatable), ``--model`` and ``--no-progress``, shared by find, bench, calibrate."""
    parser.add_argument("--config", metavar="FILE", help="TOML config (default: the embedded defaults)")
    parser.add_argument("--set", dest="overrides", action="append", default=None, metavar="SECTION.KEY=VALUE",
                        help="override one config key (repeatable), e.g. --set nli.batch_size=16")
    parser.add_argument("--model", metavar="PATH_OR_ID", help="NLI model directory or hub id (sets nli.model)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


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
