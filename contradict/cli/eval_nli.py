"""``contradict eval-nli``: accuracy and F1 of an NLI model on NLI test files; ``--sanity``: the sanity suite
(:mod:`contradict.nli.sanity`: identity, near-identity, dropped clauses, unrelated pairs, negation, ...)."""

from __future__ import annotations

import argparse
import json

from ..errors import InputError
from ..io import atomic_open
from .common import check_output

HELP = "evaluate an NLI model on NLI test files"



def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``contradict eval-nli``."""
    parser.add_argument("paths", nargs="*", default=["../shared/nli-data/eval"],
                        help="NLI files or folders (default: ../shared/nli-data/eval)")
    parser.add_argument("--model", default=None,
                        help='"fast", "accurate", a model directory or id (default: the best installed: accurate '
                             'where its backbone is installed, else fast)')
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--precision", choices=("auto", "fp32", "bf16", "int8"), default="auto",
                        help="arithmetic of the forward pass (default auto)")
    parser.add_argument("--limit", type=int, default=0,
                        help="score at most N pairs per file (0 = all); with --sanity, N cases per property "
                             "(default 300)")
    parser.add_argument("--report", metavar="FILE.json", help="also write the results as JSON")
    parser.add_argument("--sanity", action="store_true",
                        help="run the sanity suite instead of NLI files (identity -> entailment, unrelated -> "
                             "neutral, negation/antonym/number/date/name change -> contradiction)")
    parser.add_argument("--train-data", metavar="DIR", default=None,
                        help="with --sanity: training folder to draw premises from (default "
                             "../shared/nli-data/train; the pool alone when it is missing)")
    parser.add_argument("--seed", type=int, default=None, help="with --sanity: seed of the draws")


def run(args: argparse.Namespace) -> int:
    """``contradict eval-nli``: print a table of accuracy and F1 per file."""
    from ..nli import load_nli

    if args.sanity:
        return _run_sanity(args, load_nli)
    from ..nli.evaluate import evaluate_file, format_table, nli_files

    check_output(args.report, list(args.paths), "--report", make_folder=True)
    scorer = load_nli(args.model, batch_size=args.batch_size, precision=args.precision)
    rows = [evaluate_file(scorer, f, limit=args.limit) for f in nli_files(args.paths)]
    print(format_table(rows))
    if args.report:
        with atomic_open(args.report) as fh:
            json.dump({"model": scorer.path, "sha256": scorer.weights_sha256(), "precision": scorer.precision_,
                       "results": rows}, fh, indent=2)
    return 0


def _run_sanity(args: argparse.Namespace, load_nli) -> int:  # type: ignore[no-untyped-def]
    """``contradict eval-nli --sanity``: the sanity table, the worst misses, and where the sentences came from."""
    from ..nli import sanity

    if args.paths != ["../shared/nli-data/eval"]:
        raise InputError("--sanity takes no NLI files (it builds its own cases); use --train-data for the draw")
    check_output(args.report, [], "--report", make_folder=True)
    scorer = load_nli(args.model, batch_size=args.batch_size, precision=args.precision)
    report = sanity.run_sanity(scorer, seed=sanity.DEFAULT_SEED if args.seed is None else args.seed,
                               limit_per_property=args.limit or sanity.DEFAULT_LIMIT,
                               train_dir=args.train_data or sanity.DEFAULT_TRAIN_DIR)
    print(sanity.format_table(report))
    print()
    print(f"sentences: {report.note}")
    worst = sanity.format_worst(report)
    if worst:
        print()
        print("worst misses:")
        print(worst)
    if args.report:
        with atomic_open(args.report) as fh:
            json.dump({"model": scorer.path, "sha256": scorer.weights_sha256(), "precision": scorer.precision_,
                       "sanity": report.to_dict()}, fh, indent=2)
    return 0
