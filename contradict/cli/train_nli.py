"""``contradict train-nli``: train the NLI cross-encoder (resumable; one option per training setting)."""

from __future__ import annotations

import argparse
import logging
from dataclasses import asdict

from ..nli.train import TrainConfig, export_checkpoint, train

HELP = "train the NLI cross-encoder (resumable)"



def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``contradict train-nli`` (one per TrainConfig field, and ``--export-checkpoint``)."""
    parser.add_argument("--export-checkpoint", metavar="DIR", default=None,
                        help="do not train: export the last checkpoint of the run in --out to DIR (to evaluate it)")
    for name, default in asdict(TrainConfig()).items():
        flag = "--" + name.replace("_", "-")
        if isinstance(default, bool):
            parser.add_argument(flag, type=lambda s: s.lower() in ("1", "true", "yes"), default=default)
        else:
            kind = type(default) if default is not None else str
            parser.add_argument(flag, type=kind, default=default)


def run(args: argparse.Namespace) -> int:
    """Train with the settings given; the weights go to ``--out``."""
    fields = TrainConfig.__dataclass_fields__
    logging.getLogger().setLevel(logging.INFO)
    if args.export_checkpoint:
        print(f"exported to {export_checkpoint(args.out, args.export_checkpoint)}")
        return 0
    train(TrainConfig(**{k: v for k, v in vars(args).items() if k in fields}))
    return 0
