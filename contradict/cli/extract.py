"""``contradict extract``: statements from a news article, as JSON lines."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import Counter
from pathlib import Path

from .common import check_output, read_article

logger = logging.getLogger(__name__)

HELP = "extract statements from a news article"



def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``extract`` command's arguments: ``ARTICLE``, ``--published``, ``--source``, ``--out``.

    Example:
        >>> p = argparse.ArgumentParser(prog="contradict extract")
        >>> add_arguments(p)
        >>> p.parse_args(["a.txt", "--published", "2024-05-30"]).published
        '2024-05-30'
    """
    parser.add_argument("article", metavar="ARTICLE", type=Path, help="the article as a UTF-8 text file")
    parser.add_argument("--published", required=True, metavar="YYYY-MM-DD",
                        help="publication date; relative dates in the article ('on Tuesday') are resolved against it")
    parser.add_argument("--source", metavar="URL", default=None,
                        help="where the article was published; also the speaker of the outlet's own claims")
    parser.add_argument("--out", metavar="statements.jsonl", default=None,
                        help="write the statements here: JSON lines, or one JSON list for a .json file "
                             "(default: JSON lines on standard output)")


def run(args: argparse.Namespace) -> int:
    """Read ``args.article``, extract its statements and write them as JSONL to ``args.out`` or stdout.

    Returns 0. A file that cannot be read or is not UTF-8 raises :class:`~contradict.errors.InputError`
    naming the file.

    Example:
        >>> p = argparse.ArgumentParser()
        >>> add_arguments(p)
        >>> run(p.parse_args(["fixtures/articles/seed_article.txt", "--published", "2024-05-30",
        ...                           "--out", "/tmp/seed.jsonl"]))  # doctest: +SKIP
        0
    """
    from ..extract import statements_from_article
    from ..io import write_statements

    check_output(args.out, [args.article])
    path = Path(args.article)
    statements = statements_from_article(read_article(path), published=args.published, source=args.source)
    if args.out is None:
        sys.stdout.write("".join(json.dumps(s.to_dict(), ensure_ascii=False) + "\n" for s in statements))
        sys.stdout.flush()
    else:
        write_statements(statements, args.out)
    kinds = Counter(s.meta["kind"] for s in statements)
    speakers = Counter(s.speaker or "no speaker" for s in statements)
    print(f"{path}: {len(statements)} statement{'s' * (len(statements) != 1)}"
          + (": " + ", ".join(f"{name} {n}" for name, n in speakers.most_common()) if statements else ""),
          file=sys.stderr)
    logger.info("%s: %d statements (%d quotes, %d reported, %d outlet claims) -> %s", path, len(statements),
                kinds["quote"], kinds["reported"], kinds["outlet"], args.out or "stdout")
    return 0
