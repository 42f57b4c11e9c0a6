"""Command line: ``contradict find | add | findings | extract | report | bench | calibrate | train-nli | eval-nli | distill-labels``.

A thin layer over the library, one module per verb: each parses its arguments and calls the library;
printing happens only here. Exit codes: 0 ok, 2 bad input or configuration, 1 any other failure (e.g. a
model that cannot be loaded), 130 interrupted (Ctrl-C; every output is written atomically, so nothing
half-written is left).

Example:
    $ contradict find fixtures/seed/statements.jsonl
    $ contradict find statements.jsonl --out findings.jsonl --set pairing.k=5
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from types import ModuleType

from .. import __version__
from ..errors import ContradictError, ModelError
from . import add, bench, calibrate, distill_labels, eval_nli, extract, find, findings, report, train_nli

__all__ = ["VERBS", "build_parser", "main"]

#: Subcommand name -> the module holding its ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``.
VERBS: dict[str, ModuleType] = {
    "find": find,
    "add": add,
    "findings": findings,
    "extract": extract,
    "report": report,
    "bench": bench,
    "calibrate": calibrate,
    "train-nli": train_nli,
    "eval-nli": eval_nli,
    "distill-labels": distill_labels,
}


def build_parser() -> argparse.ArgumentParser:
    """The ``contradict`` argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="contradict", description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--version", action="version", version=f"contradict {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, module in VERBS.items():
        p = sub.add_parser(name, help=module.HELP)
        module.add_arguments(p)
        p.set_defaults(func=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``contradict`` console script; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return int(func(args) or 0)
    except KeyboardInterrupt:
        print("contradict: interrupted; nothing written", file=sys.stderr)
        return 130
    except ModelError as exc:
        print(f"contradict: model error: {exc}", file=sys.stderr)
        return 1
    except ContradictError as exc:
        print(f"contradict: {exc}", file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        print(f"contradict: {exc.strerror}: {exc.filename}", file=sys.stderr)
        return 2
