"""``contradict distill-labels``: a teacher NLI model's probabilities on training pairs (resumable), for
``train-nli --soft-labels`` (:mod:`contradict.nli.distill`)."""

from __future__ import annotations

import argparse
import json
import logging

from ..nli.train import TrainConfig

HELP = "score training pairs with a teacher NLI model, for distillation (resumable)"

#: The TrainConfig fields that decide which pairs ``train-nli`` builds; the same values select the same pairs.
DATA_OPTIONS = ("data", "include", "seed", "swap_contradiction_share", "valid_size", "mismatch_neutral_share",
                "augment_share")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``contradict distill-labels``: the teacher, the output, and ``train-nli``'s data options."""
    parser.add_argument("--teacher", default="accurate",
                        help='teacher model: "accurate", "fast", or a model or adapter directory (default accurate)')
    parser.add_argument("--out", required=True, metavar="FILE.jsonl.gz",
                        help="soft-label file; an existing one from the same teacher is continued")
    parser.add_argument("--limit", type=int, default=0, help="label at most N pairs of a seeded shuffle (0 = all)")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--precision", choices=("auto", "fp32", "bf16", "int8"), default="auto")
    defaults = TrainConfig()
    for name in DATA_OPTIONS:
        value = getattr(defaults, name)
        parser.add_argument("--" + name.replace("_", "-"), type=type(value), default=value,
                            help=f"as in train-nli (default {value!r})")


def run(args: argparse.Namespace) -> int:
    """Label the pairs and print what was scored and kept."""
    from ..nli import load_nli
    from ..nli.distill import write_soft_labels
    from ..nli.train import training_pairs

    logging.getLogger().setLevel(logging.INFO)
    cfg = TrainConfig(**{name: getattr(args, name) for name in DATA_OPTIONS})
    pairs = training_pairs(cfg, args.limit)
    teacher = load_nli(args.teacher, batch_size=args.batch_size, precision=args.precision)
    stats = write_soft_labels(teacher, pairs, args.out)
    print(json.dumps({"out": args.out, "teacher": str(teacher.path), **stats}))
    return 0
