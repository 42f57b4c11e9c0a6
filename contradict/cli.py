"""Command line: ``contradict find | extract | bench | calibrate | train-nli | eval-nli``.

A thin layer over the library: each subcommand parses arguments and calls one function. Exit codes:
0 ok, 2 bad input or configuration, 1 any other failure (e.g. a model that cannot be loaded).

Example:
    $ contradict find fixtures/seed/statements.jsonl
    $ contradict find statements.jsonl --out findings.jsonl --set pairing.k=5
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import __version__
from .config import Config, load_config
from .errors import ContradictError, InputError, ModelError

logger = logging.getLogger("contradict.cli")


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    """``--config``, ``--set`` (repeatable), ``--model`` and ``--no-progress``, shared by find, bench, calibrate."""
    parser.add_argument("--config", metavar="FILE", help="TOML config (default: the embedded defaults)")
    parser.add_argument("--set", dest="overrides", action="append", default=None, metavar="SECTION.KEY=VALUE",
                        help="override one config key (repeatable), e.g. --set nli.batch_size=16")
    parser.add_argument("--model", metavar="PATH_OR_ID", help="NLI model directory or hub id (sets nli.model)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


def config_from_args(args: argparse.Namespace) -> Config:
    """The config named by ``--config``, ``--set`` and ``--model`` (``--model`` wins over ``--set nli.model``).

    Raises:
        ConfigError: for a missing file or invalid keys/values.
    """
    overrides = list(getattr(args, "overrides", None) or [])
    if getattr(args, "model", None):
        overrides.append(f"nli.model={json.dumps(args.model)}")
    return load_config(getattr(args, "config", None), overrides)


def _add_find(sub: Any) -> None:
    p = sub.add_parser("find", help="find contradictions and policy shifts among statements",
                       description="Pair statements on the same topic, score them with the NLI model and "
                                   "decide contradiction / policy_shift / consistent / unrelated.")
    p.add_argument("input", nargs="?", help="statements file (.jsonl, .json or .csv)")
    p.add_argument("--article", metavar="ARTICLE.txt", help="extract statements from a news article instead")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date of --article")
    p.add_argument("--source", help="source (URL or outlet) of --article")
    p.add_argument("--out", metavar="FILE", help="write findings here (default: print them)")
    p.add_argument("--format", choices=("jsonl", "csv"), help="output format (default: from --out's suffix)")
    p.add_argument("--skip-invalid", action="store_true", help="skip bad records with a warning instead of failing")
    p.add_argument("--all", action="store_true", help="also print consistent and unrelated pairs")
    add_common_arguments(p)
    p.set_defaults(func=run_find)


def run_find(args: argparse.Namespace) -> int:
    """``contradict find``: read or extract statements, run the detector, write or print findings."""
    from .detector import Detector
    from .io import read_statements, write_findings

    config = config_from_args(args)
    started = time.perf_counter()
    skipped: list[InputError] = []
    if args.article:
        if not args.published:
            raise InputError("--published YYYY-MM-DD is required with --article", field="published")
        from .extract import statements_from_article

        path = Path(args.article)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"not valid UTF-8 at byte {exc.start}", source=str(path)) from None
        statements = statements_from_article(text, published=args.published, source=args.source)
    elif args.input:
        statements = read_statements(args.input, skip_invalid=args.skip_invalid or config.input.skip_invalid,
                                     skipped=skipped)
    else:
        raise InputError("give a statements file or --article ARTICLE.txt --published YYYY-MM-DD")
    det = Detector(config, progress=not args.no_progress)
    findings = det.find(statements)
    if args.out:
        write_findings(findings, args.out, format=args.format)
    else:
        shown = [f for f in findings if args.all or f.verdict.value in ("contradiction", "policy_shift")]
        for f in shown:
            grade = f" ({f.grade.replace('_', ' ')})" if f.grade else ""
            print(f"[{f.verdict.value}{grade}] {f.a.id} ({_when(f.a.time)}) vs {f.b.id} ({_when(f.b.time)})")
            print(f"  {f.explanation}")
        if not shown:
            print("no contradictions or policy shifts found (use --all to see every scored pair)")
    counts = Counter(f.verdict.value for f in findings)
    summary = ", ".join(f"{k} {counts.get(k, 0)}" for k in ("contradiction", "policy_shift", "consistent",
                                                             "unrelated"))
    print(f"{det.stats.statements} statements, {det.stats.pairs} pairs scored"
          f"{f', {len(skipped)} records skipped' if skipped else ''}: {summary} "
          f"({time.perf_counter() - started:.1f} s)" + (f"; findings in {args.out}" if args.out else ""),
          file=sys.stderr)
    return 0


def _when(t: Any) -> str:
    return t.isoformat() if t is not None else "undated"


def _add_module_command(sub: Any, name: str, help_text: str, module: str, add: str, run: str) -> None:
    """A subcommand whose arguments and runner live in another module (imported only when used)."""
    import importlib

    p = sub.add_parser(name, help=help_text)
    try:
        mod = importlib.import_module(f".{module}", __package__)
    except ImportError as exc:  # a missing optional dependency of that command
        error = exc
        p.set_defaults(func=lambda _args: _missing(name, error))
        return
    getattr(mod, add)(p)
    p.set_defaults(func=getattr(mod, run))


def _missing(name: str, exc: Exception) -> int:
    print(f"contradict {name}: unavailable ({exc})", file=sys.stderr)
    return 1


def _add_train(sub: Any) -> None:
    from . import nli_train

    p = sub.add_parser("train-nli", help="train the NLI cross-encoder (resumable)")
    nli_train.build_parser(p)
    p.set_defaults(func=_run_train)


def _run_train(args: argparse.Namespace) -> int:
    from . import nli_train

    fields = nli_train.TrainConfig.__dataclass_fields__
    logging.getLogger().setLevel(logging.INFO)
    nli_train.train(nli_train.TrainConfig(**{k: v for k, v in vars(args).items() if k in fields}))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The ``contradict`` argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="contradict", description=__doc__.split("\n")[0])
    parser.add_argument("--version", action="version", version=f"contradict {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_find(sub)
    _add_module_command(sub, "extract", "extract statements from a news article", "extract",
                        "add_extract_arguments", "run_extract")
    _add_module_command(sub, "bench", "score labelled pair files and report metrics", "bench",
                        "add_bench_arguments", "run_bench")
    _add_module_command(sub, "calibrate", "fit verdict thresholds on development pairs", "calibrate",
                        "add_calibrate_arguments", "run_calibrate")
    _add_train(sub)
    _add_module_command(sub, "eval-nli", "evaluate an NLI model on NLI test files", "nli_eval",
                        "add_eval_arguments", "run_eval")
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
    except ModelError as exc:
        print(f"contradict: model error: {exc}", file=sys.stderr)
        return 1
    except ContradictError as exc:
        print(f"contradict: {exc}", file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        print(f"contradict: {exc.strerror}: {exc.filename}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
