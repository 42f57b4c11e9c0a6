"""``contradict eval-nli``: accuracy and F1 of an NLI model on NLI test files."""

from __future__ import annotations

import argparse
import json

from ..io import atomic_open
from .common import check_output

HELP = "evaluate an NLI model on NLI test files"



def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``contradict eval-nli``."""
    parser.add_argument("paths", nargs="*", default=["../shared/nli-data/eval"],
                        help="NLI files or folders (default: ../shared/nli-data/eval)")
    parser.add_argument("--model", default=None, help="model directory or id (default: the embedded model)")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--precision", choices=("auto", "fp32", "bf16", "int8"), default="auto",
                        help="arithmetic of the forward pass (default auto)")
    parser.add_argument("--limit", type=int, default=0, help="score at most N pairs per file (0 = all)")
    parser.add_argument("--report", metavar="FILE.json", help="also write the results as JSON")


def run(args: argparse.Namespace) -> int:
    """``contradict eval-nli``: print a table of accuracy and F1 per file."""
    from ..nli import load_nli
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
