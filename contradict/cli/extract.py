"""``contradict extract``: statements from a news article, as JSON lines."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import Counter
from pathlib import Path

from ..errors import InputError

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
    parser.add_argument("--out", metavar="statements.jsonl", type=Path, default=None,
                        help="write the statements here as JSONL (default: standard output)")


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

    path = Path(args.article)
    text = _read_article(path)
    statements = statements_from_article(text, published=args.published, source=args.source)
    payload = "".join(json.dumps(s.to_dict(), ensure_ascii=False) + "\n" for s in statements)
    if args.out is None:
        sys.stdout.write(payload)
        sys.stdout.flush()
    else:
        _write_text(Path(args.out), payload)
    kinds = Counter(s.meta["kind"] for s in statements)
    logger.info("%s: %d statements (%d quotes, %d reported, %d outlet claims) -> %s", path, len(statements),
                kinds["quote"], kinds["reported"], kinds["outlet"], args.out or "stdout")
    return 0


def _read_article(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 text (byte {exc.start})", source=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read the article: {exc.strerror or exc}", source=str(path)) from None


def _write_text(path: Path, payload: str) -> None:
    try:
        path.write_text(payload, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the statements: {exc.strerror or exc}", source=str(path)) from None
