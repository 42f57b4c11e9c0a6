"""``contradict bench``: score labelled pair files, print the report, write predictions, JSON and HTML."""

from __future__ import annotations

import argparse

from ..errors import InputError
from .common import add_common_arguments, check_output, config_from_args

HELP = "score labelled pair files and report metrics"



def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``contradict bench`` arguments to an argparse (sub)parser.

    Example:
        >>> import argparse
        >>> p = argparse.ArgumentParser(); add_arguments(p)
        >>> p.parse_args(["dev.jsonl", "--baselines"]).baselines
        True
    """
    parser.add_argument("files", nargs="+", metavar="FILE", help="labelled pair files (JSON lines)")
    parser.add_argument("--predictions", metavar="OUT.jsonl", help="write one prediction per pair here")
    parser.add_argument("--report", metavar="REPORT.json", help="write the full report (metrics + provenance)")
    parser.add_argument("--html", metavar="REPORT.html", help="write a self-contained HTML report")
    parser.add_argument("--baselines", action="store_true",
                        help="also score the majority, NLI-only and lexical baselines")
    parser.add_argument("--exclude-calibrated", action="store_true",
                        help="drop pairs listed in calibration.pair_ids of the config before scoring")
    add_common_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Run ``contradict bench``: print the table, write the requested files; return 0.

    Input and config errors propagate as :class:`~contradict.errors.ContradictError` subclasses (the CLI's
    ``main`` turns them into exit status 2).

    Example:
        >>> run(parser.parse_args(["dev.jsonl", "--report", "r.json"]))   # doctest: +SKIP
        0
    """
    from ..detector import Detector
    from ..evaluation import exclude_calibrated, load_pair_files, run_benchmark, write_predictions, write_report

    cfg = config_from_args(args)
    for flag in ("predictions", "report", "html"):
        check_output(getattr(args, flag), [*args.files, args.config], f"--{flag}", make_folder=True)
    if args.html:
        from ..evaluation.html import require_matplotlib

        require_matplotlib()  # fail before scoring, not after
    pairs = load_pair_files(args.files)
    if args.exclude_calibrated:
        kept = exclude_calibrated(pairs, cfg)
        print(f"excluded {len(pairs) - len(kept)} of {len(pairs)} pairs used for calibration "
              f"(calibration.pair_ids); scoring {len(kept)}")
        if not kept:
            raise InputError("no pairs left after excluding the calibration pairs")
        pairs = kept
    report = run_benchmark(pairs, Detector(cfg), baselines=args.baselines, progress=not args.no_progress)
    print(report)
    if args.predictions:
        print(f"wrote predictions to {write_predictions(report, args.predictions)}")
    if args.report:
        print(f"wrote report to {write_report(report, args.report)}")
    if args.html:
        from ..evaluation.html import write_html

        print(f"wrote HTML report to {write_html(report, args.html)}")
    return 0
