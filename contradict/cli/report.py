"""``contradict report``: the fact-checker's view of a findings file (what ``contradict find --out`` wrote)."""

from __future__ import annotations

import argparse
import shutil
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from .common import check_output

HELP = "show a findings file: a self-contained HTML page (--html) or the terminal view"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``contradict report``.

    Example:
        >>> p = argparse.ArgumentParser(prog="contradict report")
        >>> add_arguments(p)
        >>> p.parse_args(["f.jsonl", "--html", "f.html"]).html
        'f.html'
    """
    parser.description = ("Read findings (JSON lines or a JSON list, as written by contradict find --out) and "
                          "write one self-contained HTML page, or print the contradictions and policy shifts.")
    parser.add_argument("findings", metavar="FINDINGS.jsonl", help="findings file (.jsonl or .json)")
    parser.add_argument("--html", metavar="OUT.html", help="write the page here (no network needed to open it)")
    parser.add_argument("--title", default=None, help="page title (default: from the file name)")
    parser.add_argument("--ids", action="store_true", help="print statement ids instead of the texts")
    parser.add_argument("--all", action="store_true", help="also print consistent and unrelated pairs")


def provenance(**known: Any) -> dict[str, Any]:
    """The page's provenance: what is known about the findings, this package's version and commit."""
    from ..evaluation.provenance import git_commit, package_version

    return {**known, "contradict version": package_version(), "git commit": git_commit()}


def print_findings(findings: Any, *, ids: bool, show_all: bool) -> None:
    """Print each contradiction and policy shift (every finding with ``show_all``): the two texts shortened to
    one line each with speaker and date, then the explanation; with ``ids``, one line of ids."""
    from ..view.terminal import finding_lines, id_line

    width = max(60, min(140, shutil.get_terminal_size((100, 20)).columns))
    shown = [f for f in findings if show_all or f.verdict.value in ("contradiction", "policy_shift")]
    for n, f in enumerate(shown):
        if ids:
            print(id_line(f))
            print(f"  {f.explanation}")
        else:
            print(("\n" if n else "") + "\n".join(finding_lines(f, width=width)))
    if not shown:
        print("no contradictions or policy shifts found (use --all to see every scored pair)")


def write_page(findings: Any, path: str, *, title: str, prov: dict[str, Any]) -> None:
    """Write the HTML page for ``findings`` atomically."""
    from ..io import write_text
    from ..view import Findings

    write_text(path, Findings(findings).to_html(title=title, provenance=prov))


def run(args: argparse.Namespace) -> int:
    """``contradict report``: read the findings, then write the page or print them."""
    from ..io import read_findings

    check_output(args.html, [args.findings], "--html", make_folder=True)
    findings = read_findings(args.findings)
    if args.html:
        title = args.title or f"contradict: {Path(args.findings).name}"
        write_page(findings, args.html, title=title,
                   prov=provenance(findings=args.findings, model="not recorded in the findings file"))
    else:
        print_findings(findings, ids=args.ids, show_all=args.all)
    counts = Counter(f.verdict.value for f in findings)
    print(f"{len(findings)} findings: " + ", ".join(f"{k} {counts.get(k, 0)}" for k in (
        "contradiction", "policy_shift", "consistent", "unrelated"))
          + (f"; page in {args.html}" if args.html else ""), file=sys.stderr)
    return 0
