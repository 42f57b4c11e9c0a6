"""``contradict add``: store statements in an archive and score only the pairs that involve them.

Example:
    $ contradict add newsroom.db statements-2024-05-28.jsonl
    $ contradict add newsroom.db article.txt --article --published 2024-05-30 --source https://example.org/a
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..records import Statement, stable_id
from .common import add_common_arguments, config_from_args, read_article, read_input

HELP = "add statements to an archive (SQLite) and score only the pairs that involve them"


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Arguments of ``contradict add``.

    Example:
        >>> p = argparse.ArgumentParser(prog="contradict add")
        >>> add_arguments(p)
        >>> p.parse_args(["news.db", "a.jsonl", "b.jsonl"]).inputs
        ['a.jsonl', 'b.jsonl']
    """
    p.description = ("Store statements in an archive (created when missing), find each new statement's neighbours "
                     "among everything stored, and score only the pairs that involve the given statements. "
                     "Statements already stored are not stored or scored again; an interrupted add is finished by "
                     "running it again.")
    p.add_argument("archive", metavar="ARCHIVE.db", help="the archive file (SQLite; created when missing)")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="statements files (.jsonl, .json or .csv), or article text files with --article")
    p.add_argument("--input-format", choices=("jsonl", "json", "csv"),
                   help="format of the INPUT files when their suffix does not say")
    p.add_argument("--article", action="store_true",
                   help="the INPUT files are news articles (plain text): extract their statements")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date of the --article files")
    p.add_argument("--source", help="source (URL or outlet) of the --article files")
    p.add_argument("--skip-invalid", action="store_true", help="skip bad records with a warning instead of failing")
    p.add_argument("--batch-size", type=int, default=256, metavar="PAIRS",
                   help="candidate pairs scored per committed transaction (default 256)")
    p.add_argument("--no-score", action="store_true",
                   help="store statements, embeddings and pending pairs only (fast backfill); a later add of the "
                        "same statements scores them")
    p.add_argument("--rescore", action="store_true",
                   help="first rescore every stored pair with this NLI model (when the archive holds another's)")
    p.add_argument("--redecide", action="store_true",
                   help="first re-apply this config's verdict rules to every stored finding (no model run)")
    p.add_argument("--json", action="store_true", help="print the statistics as one JSON object")
    add_common_arguments(p)


def _article_statements(paths: list[str], published: str, source: str | None, archive: Any) -> list[Statement]:
    """Statements of each article. An extracted id (``kirby-2024-05-28-1``) already used for another statement,
    here or in the archive, gets a content hash appended, so re-adding an article finds the same ids."""
    from ..extract import statements_from_article

    out: list[Statement] = []
    seen: dict[str, Statement] = {}
    for path in paths:
        for st in statements_from_article(read_article(path), published=published, source=source):
            other = seen.get(st.id) or archive.get(st.id)
            if other is not None and other != st:
                st = dataclasses.replace(st, id=f"{st.id}-{stable_id(st.text, st.speaker, st.time, st.source)[2:10]}")
            if st.id not in seen:
                seen[st.id] = st
                out.append(st)
    return out


def _read_files(paths: list[str], args: argparse.Namespace, config: Any) -> tuple[list[Statement], int]:
    """Every file's statements (all read and checked before anything is stored); an id used in two files for
    different statements is an error naming both."""
    out: list[Statement] = []
    where: dict[str, tuple[Statement, str]] = {}
    skipped = 0
    for path in paths:
        statements, n = read_input(path, args.input_format, skip_invalid=args.skip_invalid or config.input.skip_invalid,
                                   max_chars=config.input.max_chars)
        skipped += n
        for st in statements:
            first = where.get(st.id)
            if first is None:
                where[st.id] = (st, path)
                out.append(st)
            elif first[0] != st:
                raise InputError(f"id {st.id!r} is also in {first[1]} for another statement", record=f"id {st.id!r}",
                                 field="id", source=path)
    return out, skipped


def _summary(stats: Any, path: str, skipped: int, seconds: float) -> str:
    stages = ", ".join(f"{name} {getattr(stats, 'seconds_' + name):.1f} s"
                       for name in ("read", "embed", "neighbours", "nli", "decide", "write"))
    return (f"{path}: {stats.statements_added} statements added, {stats.statements_known} already there"
            + (f", {skipped} records skipped" if skipped else "")
            + f"; {stats.pairs_new} new candidate pairs; {stats.pairs_scored} pairs scored, {stats.pairs_reused} "
            f"from stored NLI scores, {stats.pairs_pending} pending ({stages}; {seconds:.1f} s in all)")


def run(args: argparse.Namespace) -> int:
    """``contradict add``: read or extract the statements, then add them to the archive and print what was done."""
    from ..archive import Archive

    config = config_from_args(args)
    started = time.perf_counter()
    if args.article and not args.published:
        raise InputError("--published YYYY-MM-DD is required with --article", field="published")
    if not args.article and (args.published or args.source):
        raise InputError("--published and --source describe --article files; give --article too")
    if args.archive in args.inputs:
        raise InputError(f"the archive {args.archive} is also an input; give the archive first, then the inputs")
    with Archive(args.archive, config, batch_size=args.batch_size, progress=not args.no_progress) as archive:
        skipped = 0
        if args.article:
            statements = _article_statements(args.inputs, args.published, args.source, archive)
        else:
            statements, skipped = _read_files(args.inputs, args, config)
        exists = Path(args.archive).is_file()
        try:
            if args.rescore and exists:
                archive.rescore()
            if args.redecide and exists:
                archive.redecide(config)
            stats = archive.add(statements, score=not args.no_score)
        except KeyboardInterrupt:
            print(f"contradict: interrupted; every committed batch is kept in {args.archive}: run the same command "
                  "again to finish", file=sys.stderr)
            return 130
    if args.json:
        print(json.dumps({**stats.to_dict(), "records_skipped": skipped}))
    else:
        print(_summary(stats, args.archive, skipped, time.perf_counter() - started))
    return 0
