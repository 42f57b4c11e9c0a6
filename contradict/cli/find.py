"""``contradict find``: read or extract statements, run the detector, write or print the findings."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import InputError
from .common import add_common_arguments, config_from_args

HELP = "find contradictions and policy shifts among statements"


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Arguments of ``contradict find``."""
    p.description = ("Pair statements on the same topic, score them with the NLI model and "
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


def run(args: argparse.Namespace) -> int:
    """``contradict find``: read or extract statements, run the detector, write or print findings."""
    from ..detector import Detector
    from ..io import read_statements, write_findings

    config = config_from_args(args)
    started = time.perf_counter()
    skipped: list[InputError] = []
    if args.article:
        if not args.published:
            raise InputError("--published YYYY-MM-DD is required with --article", field="published")
        from ..extract import statements_from_article

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
