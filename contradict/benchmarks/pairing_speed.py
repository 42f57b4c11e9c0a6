"""Time candidate pairing of N synthetic statements (embedding + nearest neighbours).

Example:
    $ python -m contradict.benchmarks.pairing_speed --n 10000
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta

from contradict.pairing import MiniLMEmbedder, TfidfEmbedder, candidate_pairs
from contradict.records import Statement

ACTORS = ["Ministry of Finance", "City Council", "Party P1", "Party P2", "Health Agency", "White House",
          "Central Bank", "Transport Authority"]
TOPICS = [("the fuel tax", "rise", "fall"), ("the curfew", "start at {n} pm", "be lifted"),
          ("bus fares", "increase by {n} percent", "stay frozen"), ("the hospital budget", "grow to {n} million",
                                                                    "be cut"),
          ("weapons deliveries", "continue", "stop"), ("the border checks", "end in {n} weeks", "remain"),
          ("the minimum wage", "reach {n} euros", "not change"), ("school meals", "be free", "cost {n} euros")]
FRAMES = ["We expect {t} to {v}.", "{t} will {v}, the spokesperson said.", "Our position is that {t} should {v}.",
          "There is no plan for {t} to {v}.", "We have decided that {t} will {v} this year.",
          "Officials confirmed {t} would {v}."]


def synthetic_statements(n: int, seed: int = 0) -> list[Statement]:
    """``n`` varied statements about a few topics from a few actors over two years."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        topic, v1, v2 = rng.choice(TOPICS)
        verb = rng.choice((v1, v2)).format(n=rng.randint(2, 90))
        text = rng.choice(FRAMES).format(t=topic, v=verb)
        text = text[0].upper() + text[1:] + f" (item {i})"
        out.append(Statement(id=f"syn-{i}", text=text, speaker=rng.choice(ACTORS),
                             time=date(2023, 1, 1) + timedelta(days=rng.randint(0, 730))))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--method", choices=("embedding", "tfidf"), default="embedding")
    args = parser.parse_args(argv)
    statements = synthetic_statements(args.n)
    embedder = MiniLMEmbedder() if args.method == "embedding" else TfidfEmbedder()
    if args.method == "embedding":
        embedder.encode(["warm-up"])  # model loading is not part of the pairing time
    t0 = time.perf_counter()
    emb = embedder.encode([s.text for s in statements])
    t1 = time.perf_counter()
    pairs = candidate_pairs(statements, emb, k=args.k, floor=0.3)
    t2 = time.perf_counter()
    all_pairs = args.n * (args.n - 1) // 2
    print(f"method={args.method} n={args.n} k={args.k}: embedding {t1 - t0:.1f} s, neighbours {t2 - t1:.1f} s, "
          f"total {t2 - t0:.1f} s; {len(pairs)} candidate pairs ({len(pairs) / all_pairs:.5%} of {all_pairs} "
          f"possible)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
