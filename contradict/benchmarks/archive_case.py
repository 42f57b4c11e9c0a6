"""The archive case of the scale benchmark: ``new`` statements added to an archive of ``base`` statements.

The base is stored with ``Archive.add(..., score=False)`` in chunks (statements, embeddings and their candidate
pairs, left pending: scoring 100,000 statements' pairs would take hours on a CPU and is not what is measured).
Then the ``new`` statements are added with scoring: their neighbours are searched among everything stored, and
only the pairs that involve them are scored and decided. Adding them again must score 0 pairs.

Example:
    $ python -m contradict.benchmarks.archive_case --base 100000 --new 1000
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from ..archive import Archive
from ..config import Config, load_config
from .scale import NLI_DATA, build_statements, peak_rss_mb, real_sentences

#: Statements per backfill call (bounds the memory of one transaction's embeddings and neighbour search).
BACKFILL_CHUNK = 20_000


def run_archive_case(base: int, new: int, config: Config, pool: list[str], *, seed: int, workdir: Path,
                     progress: bool = False) -> dict[str, Any]:
    """Build an archive of ``base`` statements (unscored), add ``new`` ones with scoring, then add them again.

    Returns:
        A dict: ``backfill_seconds``, ``add`` and ``add_again`` (:class:`~contradict.archive.AddStats` as dicts),
        ``archive_mb`` and ``peak_rss_mb``.
    """
    statements = build_statements(base + new, seed=seed, sentences=pool)
    old, fresh = statements[:base], statements[base:]
    path = workdir / f"archive-{base}.db"
    out: dict[str, Any] = {"base": base, "new": new}
    with Archive(path, config) as archive:
        t0 = time.perf_counter()
        for start in range(0, len(old), BACKFILL_CHUNK):
            archive.add(old[start:start + BACKFILL_CHUNK], score=False)
            if progress:
                print(f"  backfilled {min(start + BACKFILL_CHUNK, len(old)):,} of {len(old):,} "
                      f"({time.perf_counter() - t0:.0f} s)", flush=True)
        out["backfill_seconds"] = time.perf_counter() - t0
        # the models are loaded by the backfill (embedding) and here (NLI), outside the timed add
        archive.detector_.nli_scores([("warm up", "warm up")])
        t0 = time.perf_counter()
        stats = archive.add(fresh)
        out["add_wall_seconds"] = time.perf_counter() - t0
        out["add"] = stats.to_dict()
        t0 = time.perf_counter()
        again = archive.add(fresh)
        out["add_again_wall_seconds"] = time.perf_counter() - t0
        out["add_again"] = again.to_dict()
    out["archive_mb"] = sum(p.stat().st_size for p in workdir.glob(f"{path.name}*")) / 2**20
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def format_case(result: dict[str, Any]) -> str:
    """The archive case as a few lines of text."""
    add, again = result["add"], result["add_again"]
    stages = ", ".join(f"{k.removeprefix('seconds_')} {v:.1f} s" for k, v in add.items()
                       if k.startswith("seconds_") and isinstance(v, (int, float)))
    return (f"archive of {result['base']:,} (backfilled unscored in {result['backfill_seconds']:.0f} s), "
            f"{result['new']:,} added: {result['add_wall_seconds']:.1f} s wall ({stages}); "
            f"{add.get('pairs_scored', 0):,} pairs scored, {add.get('pairs_reused', 0):,} reused\n"
            f"added again: {result['add_again_wall_seconds']:.1f} s, {again.get('pairs_scored', 0):,} pairs scored; "
            f"archive {result['archive_mb']:.0f} MiB; peak RSS {result['peak_rss_mb']:,.0f} MiB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", type=int, default=100_000, help="statements already in the archive")
    parser.add_argument("--new", type=int, default=1_000, help="statements added")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", type=Path, default=NLI_DATA, help="folder of NLI *.jsonl.gz files")
    parser.add_argument("--json", type=Path, default=None, metavar="OUT", help="also write the figures here")
    args = parser.parse_args(argv)
    load = os.getloadavg()[0]
    pool = real_sentences(args.data)
    print(f"{len(pool):,} distinct sentences; base {args.base:,}, new {args.new:,}; load average {load:.2f}",
          flush=True)
    with tempfile.TemporaryDirectory(prefix="contradict-archive-") as tmp:
        result = run_archive_case(args.base, args.new, load_config(), pool, seed=args.seed, workdir=Path(tmp),
                                  progress=True)
    result["load_average"] = {"before": load, "after": os.getloadavg()[0]}
    print(format_case(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
