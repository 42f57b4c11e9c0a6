"""``contradict calibrate``: fit the verdict thresholds on development pairs and write the config."""

from __future__ import annotations

import argparse

from ..errors import ConfigError
from .common import add_common_arguments, check_output, config_from_args

HELP = "fit verdict thresholds on development pairs"



def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``contradict calibrate`` arguments to an argparse (sub)parser.

    Example:
        >>> import argparse
        >>> p = argparse.ArgumentParser(); add_arguments(p)
        >>> p.parse_args(["dev.jsonl", "--out", "c.toml", "--fraction", "0.5"]).fraction
        0.5
    """
    parser.add_argument("files", nargs="+", metavar="DEV_FILE", help="labelled development pair files")
    parser.add_argument("--out", required=True, metavar="CONFIG.toml", help="write the calibrated config here")
    parser.add_argument("--fraction", type=float, default=1.0, metavar="F",
                        help="fit on a stratified random share F of the pairs (default 1.0: all)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the --fraction split (default 0)")
    parser.add_argument("--metric", choices=("macro_f1", "cautious_f1", "accuracy"), default="macro_f1",
                        help="what to maximise (default macro_f1; cautious_f1: macro-F1 with contradiction scored "
                             "by F0.5, a false contradiction costing more than a missed one)")
    parser.add_argument("--balance", choices=("files", "none"), default="files",
                        help="files (default): maximise the mean of each file's metric; none: all pairs pooled")
    add_common_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Run ``contradict calibrate``: score the fit split once, search thresholds, write the config; return 0.

    Input and config errors propagate as :class:`~contradict.errors.ContradictError` subclasses.

    Example:
        >>> run(parser.parse_args(["dev.jsonl", "--out", "configs/calibrated.toml"]))  # doctest: +SKIP
        0
    """
    from ..detector import Detector
    from ..evaluation import load_pair_files
    from ..evaluation.calibrate import calibrate, calibration_header, write_config

    if not 0.0 < args.fraction <= 1.0:
        raise ConfigError([f"--fraction: must be in (0, 1], got {args.fraction}"])
    cfg = config_from_args(args)
    check_output(args.out, [*args.files], "--out", make_folder=True)
    pairs = load_pair_files(args.files)
    result = calibrate(pairs, Detector(cfg), fraction=args.fraction, seed=args.seed, metric=args.metric,
                       balance=args.balance, progress=not args.no_progress)
    out = write_config(result, args.out)
    print(calibration_header(result))
    if result.held_out_ids:
        print(f"held out: {len(result.held_out_ids)} pairs; report them with: contradict bench "
              f"{' '.join(args.files)} --config {out} --exclude-calibrated")
    print(f"wrote {out}")
    return 0
