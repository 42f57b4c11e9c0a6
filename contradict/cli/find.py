"""``contradict find``: read or extract statements, run the detector, write or print the findings."""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections import Counter

from ..errors import InputError
from .common import add_common_arguments, add_output_arguments, check_output, config_from_args, read_article, read_input
from .report import print_findings, provenance, write_page

HELP = "find contradictions and policy shifts among statements"


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Arguments of ``contradict find``."""
    p.description = ("Pair statements on the same topic, score them with the NLI model and "
                     "decide contradiction / policy_shift / consistent / unrelated.")
    p.add_argument("input", nargs="?", help="statements file (.jsonl, .json or .csv)")
    p.add_argument("--input-format", choices=("jsonl", "json", "csv"),
                   help="format of INPUT when its suffix does not say (default: from the suffix)")
    p.add_argument("--article", metavar="ARTICLE.txt", help="extract statements from a news article instead")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date of --article")
    p.add_argument("--source", help="source (URL or outlet) of --article")
    p.add_argument("--skip-invalid", action="store_true", help="skip bad records with a warning instead of failing")
    add_output_arguments(p)
    p.add_argument("--engine", choices=("local", "ray"),
                   help="where embedding and NLI scoring run: this process, or Ray actors (sets engine.name; "
                        "ray needs the optional extra: pip install -e \".[ray]\")")
    p.add_argument("--ray-address", metavar="ADDR",
                   help="Ray cluster to use with --engine ray, e.g. auto or ray://HOST:10001 (sets engine.ray_address; "
                        "default: start a local Ray)")
    add_common_arguments(p)


def run(args: argparse.Namespace) -> int:
    """``contradict find``: read or extract statements, run the detector, write or print findings."""
    from ..detector import Detector
    from ..io import write_findings

    config = config_from_args(args)
    engine = {k: v for k, v in (("name", args.engine), ("ray_address", args.ray_address)) if v is not None}
    if engine:
        config = dataclasses.replace(config, engine=dataclasses.replace(config.engine, **engine))
    if config.engine.name == "ray" and not getattr(args, "verbose", False):
        from ..engines import quiet_logs

        quiet_logs()  # Ray's start-up notices and Ray Data's execution lines; -v shows them
    started = time.perf_counter()
    if not (args.article or args.input):
        raise InputError("give a statements file or --article ARTICLE.txt --published YYYY-MM-DD")
    check_output(args.out, [args.input, args.article])
    check_output(args.html, [args.input, args.article, args.out], "--html", make_folder=True)
    n_skipped = 0
    if args.article:
        if not args.published:
            raise InputError("--published YYYY-MM-DD is required with --article", field="published")
        from ..extract import statements_from_article

        statements = statements_from_article(read_article(args.article), published=args.published,
                                             source=args.source)
    else:
        statements, n_skipped = read_input(args.input, args.input_format,
                                           skip_invalid=args.skip_invalid or config.input.skip_invalid,
                                           max_chars=config.input.max_chars)
    det = Detector(config, progress=not args.no_progress)
    findings = det.find(statements)
    if args.out:
        write_findings(findings, args.out, format=args.format)
    if args.html:
        model = det.model_info()
        write_page(findings, args.html, title=f"contradict: {args.input or args.article}",
                   prov=provenance(statements=args.input or args.article, model=model["model"],
                                   **{"model sha256": model["sha256"], "config": config.source or "default",
                                      "overrides": ", ".join(args.overrides or []) or None}))
    if not args.out:
        print_findings(findings, ids=args.ids, show_all=args.all)
    counts = Counter(f.verdict.value for f in findings)
    summary = ", ".join(f"{k} {counts.get(k, 0)}" for k in ("contradiction", "policy_shift", "consistent",
                                                             "unrelated"))
    print(f"{det.stats.statements} statements, {det.stats.pairs} pairs scored"
          f"{f', {n_skipped} records skipped' if n_skipped else ''}: {summary} "
          f"({time.perf_counter() - started:.1f} s)" + (f"; findings in {args.out}" if args.out else "")
          + (f"; page in {args.html}" if args.html else ""),
          file=sys.stderr)
    return 0

