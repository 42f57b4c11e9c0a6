"""``contradict findings``: read findings back from an archive (no model runs), filtered, printed or written.

Example:
    $ contradict findings newsroom.db --verdict policy_shift --actor "John Kirby" --since 2024-05-01
    $ contradict findings newsroom.db --out findings.jsonl --html findings.html
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from ..records import Verdict
from .common import add_output_arguments, check_output
from .report import print_findings, provenance, write_page

HELP = "read findings back from an archive (filtered by verdict, actor and date; no model runs)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Arguments of ``contradict findings``.

    Example:
        >>> p = argparse.ArgumentParser(prog="contradict findings")
        >>> add_arguments(p)
        >>> p.parse_args(["news.db", "--verdict", "contradiction", "--verdict", "policy_shift"]).verdict
        ['contradiction', 'policy_shift']
    """
    p.description = ("Read the findings stored in an archive (what contradict add scored), filter them, and print "
                     "them or write them as JSON lines, a JSON list or CSV, and as the fact-checker's page.")
    p.add_argument("archive", metavar="ARCHIVE.db", help="the archive file")
    p.add_argument("--verdict", action="append", choices=[v.value for v in Verdict],
                   help="keep only this verdict (repeatable; default: all)")
    p.add_argument("--actor", help="keep findings where either statement is this actor's (a speaker or actor name)")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="keep findings whose later statement is on or after this day")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="keep findings whose later statement is on or before this day")
    add_output_arguments(p)


def run(args: argparse.Namespace) -> int:
    """``contradict findings``: read, filter, then write or print the archive's findings."""
    from ..archive import Archive
    from ..io import write_findings

    check_output(args.out, [args.archive])
    check_output(args.html, [args.archive, args.out], "--html", make_folder=True)
    with Archive(args.archive) as archive:
        findings = archive.findings(verdict=args.verdict, actor=args.actor, since=args.since, until=args.until)
        info = archive.info()
    if args.out:
        write_findings(findings, args.out, format=args.format)
    if args.html:
        write_page(findings, args.html, title=f"contradict: {args.archive}",
                   prov=provenance(archive=args.archive, statements=info["statements"],
                                   **{"model sha256": info["nli_model"], "config": info["config"]}))
    if not args.out:
        print_findings(findings, ids=args.ids, show_all=args.all or bool(args.verdict))
    counts = Counter(f.verdict.value for f in findings)
    summary = ", ".join(f"{v.value} {counts.get(v.value, 0)}" for v in Verdict)
    pending = f", {info['pending']} pairs pending" if info["pending"] else ""
    print(f"{len(findings)} findings of {info['pairs'] - info['pending']} in {args.archive} "
          f"({info['statements']} statements{pending}): {summary}" + (f"; findings in {args.out}" if args.out else "")
          + (f"; page in {args.html}" if args.html else ""), file=sys.stderr)
    return 0
