"""How the pipeline scales with the number of statements: time per stage, candidate pairs, peak memory.

For each ``n`` the benchmark builds ``n`` statements from real sentences (the premises and hypotheses of
``../shared/nli-data/train/*.jsonl.gz``, deduplicated, 10 to 300 characters), gives them synthetic
speakers and dates (seeded), writes them to a temporary JSONL file and times the stages of a run.

Example:
    $ python -m contradict.benchmarks.scale --n 1000 10000 100000
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import math
import os
import random
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from contradict import __version__, io, neighbours, pairing
from contradict.config import Config, load_config
from contradict.detector import Detector
from contradict.evaluation.provenance import git_commit
from contradict.records import Statement

ROOT = Path(__file__).resolve().parents[2]
NLI_DATA = ROOT.parent / "shared" / "nli-data" / "train"

#: Statement length bounds in characters: shorter texts are fragments, longer ones paragraphs.
MIN_CHARS, MAX_CHARS = 10, 300
SPEAKERS = 300
FIRST_DAY, DAYS = date(2021, 1, 1), 4 * 365


def real_sentences(data_dir: Path = NLI_DATA) -> list[str]:
    """Every distinct premise and hypothesis of the NLI training files, in file order (files sorted by name)."""
    texts: dict[str, None] = {}
    for path in sorted(data_dir.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                for text in (row["premise"], row["hypothesis"]):
                    if MIN_CHARS <= len(text) <= MAX_CHARS:
                        texts.setdefault(text, None)
    return list(texts)


def build_statements(n: int, *, seed: int = 0, sentences: list[str] | None = None) -> list[Statement]:
    """``n`` statements: a seeded sample of real sentences, speakers drawn from a pool of 300 (a few speak
    often, most rarely: weights 1/rank), dates uniform over four years.

    Raises:
        ValueError: when fewer than ``n`` distinct sentences are available.
    """
    pool = real_sentences() if sentences is None else sentences
    if n > len(pool):
        raise ValueError(f"n={n} is more than the {len(pool)} distinct sentences available")
    rng = random.Random(seed)
    texts = rng.sample(pool, n)
    names = [f"Speaker {i:03d}" for i in range(SPEAKERS)]
    weights = [1.0 / (rank + 1) for rank in range(SPEAKERS)]
    speakers = rng.choices(names, weights=weights, k=n)
    return [Statement(id=f"s{i}", text=text, speaker=speaker,
                      time=FIRST_DAY + timedelta(days=rng.randrange(DAYS)))
            for i, (text, speaker) in enumerate(zip(texts, speakers))]


STAGES = ("read", "embed", "neighbours", "nli", "decide", "write")
#: Stages timed on a sample of the candidate pairs (then extrapolated) unless ``--nli-sample 0``.
SAMPLED = ("nli", "decide", "write")
RECALL_SAMPLE = 20_000


@dataclass
class SizeResult:
    """Figures for one ``n``: seconds per stage (``extrapolated`` names the stages measured on a sample of
    pairs and scaled to all candidate pairs), pair counts, NLI speed, peak memory and neighbour recall."""

    n: int
    seconds: dict[str, float]
    extrapolated: list[str]
    candidate_pairs: int
    pairs_sampled: int
    nli_pairs_per_second: float
    peak_rss_mb: float
    neighbours: str
    embedding_precision: str
    recall_at_k: float | None = None
    recall_sample: int = 0


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB (the high-water mark: it never goes down)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def growth_exponent(n1: int, t1: float, n2: int, t2: float) -> float | None:
    """``log(t2/t1) / log(n2/n1)``: 1 means linear growth, 2 quadratic; None when a time is zero.

    Example:
        >>> growth_exponent(1000, 1.0, 10000, 100.0)
        2.0
    """
    if t1 <= 0 or t2 <= 0 or n1 == n2:
        return None
    return math.log(t2 / t1) / math.log(n2 / n1)


def neighbour_recall(embeddings: np.ndarray, k: int, sample: int = RECALL_SAMPLE, seed: int = 0) -> float:
    """Recall@k of the approximate index against exact search, each of ``sample`` vectors (a seeded subset)
    querying all of them (itself excluded)."""
    rng = np.random.default_rng(seed)
    rows = np.sort(rng.choice(len(embeddings), size=min(sample, len(embeddings)), replace=False))
    vectors = embeddings[rows]
    own = np.arange(len(rows))
    exact, _ = neighbours.search(vectors, vectors, k, exclude=own)
    index = neighbours.ANNIndex()
    index.add(vectors)
    approx, _ = index.search(vectors, k, exclude=own)
    hits = sum(len(set(a[a >= 0]) & set(e[e >= 0])) for a, e in zip(approx, exact))
    return hits / max(1, int((exact >= 0).sum()))


def run_size(n: int, config: Config, pool: list[str], *, embedder: Any, nli: Any, nli_sample: int, seed: int,
             workdir: Path, save_embeddings: Path | None = None) -> SizeResult:
    """Build ``n`` statements, write them to a JSONL file and time each stage of a run over them (and save their
    embeddings as ``.npy`` when ``save_embeddings`` is given, for comparisons outside the benchmark)."""
    cfg = config.pairing
    source = workdir / f"statements-{n}.jsonl"
    io.write_statements(build_statements(n, seed=seed, sentences=pool), source)
    detector = Detector(config, nli=nli, embedder=embedder)
    seconds: dict[str, float] = {}

    t0 = time.perf_counter()
    statements = io.read_statements(source)
    seconds["read"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    emb = detector.embed([s.text for s in statements])
    seconds["embed"] = time.perf_counter() - t0
    if save_embeddings is not None:
        np.save(save_embeddings, emb)

    t0 = time.perf_counter()
    candidates = pairing.candidate_pairs(statements, emb, k=cfg.k, floor=cfg.similarity_floor,
                                         same_speaker_only=cfg.same_speaker_only,
                                         time_window_days=cfg.time_window_days, max_pairs=cfg.max_pairs,
                                         neighbours=cfg.neighbours, exact_limit=cfg.exact_limit)
    seconds["neighbours"] = time.perf_counter() - t0
    method = neighbours.resolve_method(cfg.neighbours, n, cfg.exact_limit)

    rng = random.Random(seed)
    sample = candidates if nli_sample <= 0 or nli_sample >= len(candidates) else rng.sample(candidates, nli_sample)
    pairs = [(statements[c.i], statements[c.j]) for c in sample]
    t0 = time.perf_counter()
    result = detector.nli_scores([(a.text, b.text) for a, b in pairs] + [(b.text, a.text) for a, b in pairs])
    t_nli = time.perf_counter() - t0
    m = len(pairs)
    t0 = time.perf_counter()
    findings = [detector.decide_scored(a, b, result.probs[i], result.probs[m + i], c.similarity,
                                       split=bool(result.split[i] or result.split[m + i]))
                for i, ((a, b), c) in enumerate(zip(pairs, sample))]
    t_decide = time.perf_counter() - t0
    t0 = time.perf_counter()
    io.write_findings(findings, workdir / f"findings-{n}.jsonl")
    t_write = time.perf_counter() - t0

    scale = len(candidates) / m if m else 0.0
    seconds.update(nli=t_nli * scale, decide=t_decide * scale, write=t_write * scale)
    recall = None
    if method == "ann":
        recall = neighbour_recall(emb, cfg.k, seed=seed)
    return SizeResult(n=n, seconds=seconds, extrapolated=list(SAMPLED) if m < len(candidates) else [],
                      candidate_pairs=len(candidates), pairs_sampled=m,
                      nli_pairs_per_second=m / t_nli if t_nli > 0 else 0.0, peak_rss_mb=peak_rss_mb(),
                      neighbours=method, embedding_precision=str(getattr(embedder, "precision_", None)),
                      recall_at_k=recall, recall_sample=min(n, RECALL_SAMPLE) if recall is not None else 0)


def run_archive_case(base: int, new: int, config: Config, pool: list[str], *, seed: int,
                     workdir: Path) -> dict[str, Any]:
    """Hook for the archive case: ``new`` statements added to an archive of ``base`` statements (issue 13:
    1,000 added to 100,000: only their pairs scored, within 2 minutes; adding them again scores 0 pairs).

    Meant to return seconds per stage of the ``add`` (``Archive.add`` stats), pairs scored and reused, and the
    peak RSS, for :func:`format_table` to print below the sizes. Not written yet: it waits for
    :class:`contradict.Archive`.
    """
    raise NotImplementedError("the archive case is not written yet")


def _fmt_seconds(value: float) -> str:
    return f"{value:,.1f}" if value < 10_000 else f"{value:,.0f}"


def format_table(results: list[SizeResult]) -> str:
    """A Markdown table: one row per stage (seconds; ``~`` = extrapolated from a sample of pairs), then pair
    counts, NLI speed, memory and recall, with the growth exponent between successive sizes."""
    head = ["stage"] + [f"n={r.n:,}" for r in results]
    pairs_of = list(itertools.pairwise(results))
    head += [f"growth {a.n:,}->{b.n:,}" for a, b in pairs_of]
    lines = ["| " + " | ".join(head) + " |", "|---" + "|---:" * (len(head) - 1) + "|"]

    def growth(values: list[float]) -> list[str]:
        out = []
        for (a, b), (va, vb) in zip(pairs_of, itertools.pairwise(values)):
            g = growth_exponent(a.n, va, b.n, vb)
            out.append("" if g is None else f"{g:.2f}")
        return out

    for stage in STAGES:
        values = [r.seconds[stage] for r in results]
        cells = [("~" if stage in r.extrapolated else "") + _fmt_seconds(r.seconds[stage]) for r in results]
        lines.append(f"| {stage} (s) | " + " | ".join(cells + growth(values)) + " |")
    for name, values in (("embed + neighbours (s)", [r.seconds["embed"] + r.seconds["neighbours"] for r in results]),
                         ("total (s)", [sum(r.seconds.values()) for r in results])):
        lines.append(f"| {name} | " + " | ".join([_fmt_seconds(v) for v in values] + growth(values)) + " |")
    counts = [float(r.candidate_pairs) for r in results]
    lines.append("| candidate pairs | " + " | ".join([f"{r.candidate_pairs:,}" for r in results] + growth(counts))
                 + " |")
    blank = [""] * len(pairs_of)
    rows = [("pairs scored (NLI sample)", [f"{r.pairs_sampled:,}" for r in results]),
            ("NLI pairs/s (both directions)", [f"{r.nli_pairs_per_second:.1f}" for r in results]),
            ("peak RSS (MiB, process so far)", [f"{r.peak_rss_mb:,.0f}" for r in results]),
            ("neighbour search", [r.neighbours for r in results]),
            ("embedding precision", [r.embedding_precision for r in results]),
            ("recall@k vs exact", [f"{r.recall_at_k:.4f} ({r.recall_sample:,})" if r.recall_at_k is not None
                                   else "exact" for r in results])]
    for name, cells in rows:
        lines.append(f"| {name} | " + " | ".join(cells + blank) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10_000, 100_000], help="statement counts")
    parser.add_argument("--nli-sample", type=int, default=2000,
                        help="candidate pairs scored by NLI (and decided, written) per size; the full time is "
                             "extrapolated from them (0 = score every candidate pair)")
    parser.add_argument("--precision", choices=("auto", "fp32", "bf16", "int8"), default=None,
                        help="pairing.precision (default: the configured one)")
    parser.add_argument("--neighbours", choices=("auto", "exact", "ann"), default=None,
                        help="pairing.neighbours (default: the configured one)")
    parser.add_argument("--exact-limit", type=int, default=None, help="pairing.exact_limit")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", type=Path, default=NLI_DATA, help="folder of NLI *.jsonl.gz files")
    parser.add_argument("--json", type=Path, default=None, metavar="OUT", help="also write the figures here")
    parser.add_argument("--save-embeddings", type=Path, default=None, metavar="FILE",
                        help="write the embeddings of the largest n here (.npy)")
    args = parser.parse_args(argv)
    overrides = {f"pairing.{key}": value for key, value in (("precision", args.precision),
                                                            ("neighbours", args.neighbours),
                                                            ("exact_limit", args.exact_limit)) if value is not None}
    config = load_config(overrides=overrides)
    sizes = sorted(set(args.n))
    load_before = os.getloadavg()
    pool = real_sentences(args.data)
    print(f"{len(pool):,} distinct sentences from {args.data}; sizes {sizes}; NLI sample {args.nli_sample} pairs; "
          f"load average {load_before[0]:.2f}", flush=True)
    embedder = pairing.make_embedder(config.pairing)
    warm = Detector(config, embedder=embedder)  # model loading and freezing are not part of any stage
    for texts in (["warm-up"], ["warm-up", "a longer text to warm up with padding"]):  # graphs with and without a mask
        warm.embed(texts)
        warm.nli_scores([(t, "warm up") for t in texts])
    nli = warm.nli_
    results = []
    with tempfile.TemporaryDirectory(prefix="contradict-scale-") as tmp:
        for n in sizes:
            res = run_size(n, config, pool, embedder=embedder, nli=nli, nli_sample=args.nli_sample,
                           seed=args.seed, workdir=Path(tmp),
                           save_embeddings=args.save_embeddings if n == sizes[-1] else None)
            results.append(res)
            print(f"n={n:,}: " + ", ".join(f"{s} {'~' if s in res.extrapolated else ''}{res.seconds[s]:.1f} s"
                                           for s in STAGES)
                  + f"; {res.candidate_pairs:,} candidate pairs; peak RSS {res.peak_rss_mb:,.0f} MiB", flush=True)
    load_after = os.getloadavg()
    print()
    print(format_table(results))
    print(f"\n~ = extrapolated: measured on the NLI sample ({args.nli_sample} pairs a size) and scaled to all "
          f"candidate pairs. Load average {load_before[0]:.2f} before, {load_after[0]:.2f} after "
          f"({os.cpu_count()} CPUs): figures taken under load are slower and noisier.")
    if args.json:
        report = {"results": [asdict(r) for r in results], "nli_sample": args.nli_sample, "seed": args.seed,
                  "config": config.to_dict(), "version": __version__, "git_commit": git_commit(),
                  "cpus": os.cpu_count(), "load_average": {"before": load_before, "after": load_after},
                  "date": datetime.now(UTC).isoformat(timespec="seconds")}
        # report["archive"] = run_archive_case(100_000, 1_000, config, pool, seed=args.seed, workdir=...)
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
