"""NLI scoring speed: the shipped scorer against a plain transformers loop over the same weights.

Statement-length pairs are taken from the seed fixture and the development benchmark texts when
present (otherwise synthetic sentences). Prints pairs/second for batch sizes 1, 16 and 64: the plain loop,
the shipped scorer as configured by default (``precision="auto"``, frozen CPU graphs) and each precision.

Example:
    $ python -m contradict.benchmarks.nli_speed --pairs 512
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from contradict.nli import HFNLIScorer

ROOT = Path(__file__).resolve().parents[2]


def statement_pairs(n: int, seed: int = 0) -> list[tuple[str, str]]:
    """``n`` (premise, hypothesis) pairs of statement-length texts, mixed lengths, fixed order."""
    texts: list[str] = []
    for path in [ROOT / "fixtures" / "seed" / "statements.jsonl",
                 *sorted((ROOT.parent / "shared" / "benchmarks" / "dev").glob("*.jsonl"))]:
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                texts += [row["a"]["text"], row["b"]["text"]] if "a" in row else [row["text"]]
    if len(texts) < 2:
        texts = [f"The council said on day {i} that the fuel tax would {'not ' if i % 2 else ''}rise."
                 for i in range(100)]
    rng = random.Random(seed)
    return [(rng.choice(texts), rng.choice(texts)) for _ in range(n)]


def plain_loop(model_dir: str, pairs: list[tuple[str, str]], batch_size: int) -> float:
    """Seconds for the textbook loop: input order, pad to the longest in batch, no_grad, default threads."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    if (Path(model_dir) / "adapter_model.safetensors").is_file():  # LoRA adapters: merged into their backbone
        from ..nli.scorer import load_adapter_model

        tok, model = load_adapter_model(Path(model_dir))
        model.eval()
    else:
        tok = AutoTokenizer.from_pretrained(model_dir)
        model = AutoModelForSequenceClassification.from_pretrained(model_dir, dtype=torch.float32).eval()
    t0 = time.perf_counter()
    with torch.no_grad():
        for s in range(0, len(pairs), batch_size):
            chunk = pairs[s:s + batch_size]
            enc = tok([p for p, _ in chunk], [h for _, h in chunk], padding=True, truncation=True,
                      max_length=128, return_tensors="pt")
            torch.softmax(model(**enc).logits, -1)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default="builtin")
    parser.add_argument("--pairs", type=int, default=512)
    parser.add_argument("--batch-sizes", default="1,16,64")
    args = parser.parse_args(argv)
    pairs = statement_pairs(args.pairs)
    path = HFNLIScorer(args.model).path
    print(f"{len(pairs)} statement-length pairs; model {path}")
    print("| batch | plain loop | shipped scorer (auto) | scorer fp32 | scorer bf16 | scorer int8 | shipped speed-up |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for bs in (int(b) for b in args.batch_sizes.split(",")):
        n = len(pairs) if bs > 1 else min(len(pairs), 128)
        sub = pairs[:n]
        plain = n / plain_loop(path, sub, bs)
        cells = []
        for precision in ("auto", "fp32", "bf16", "int8"):
            scorer = HFNLIScorer(args.model, batch_size=bs, precision=precision)
            scorer(sub[:4])  # load, freeze and warm up outside the timing
            t0 = time.perf_counter()
            scorer(sub)
            rate = n / (time.perf_counter() - t0)
            cells.append(f"{rate:.1f} ({scorer.precision})" if precision == "auto" else f"{rate:.1f}")
            if precision == "auto":
                shipped = rate
        print(f"| {bs} | {plain:.1f} | {' | '.join(cells)} | {shipped / plain:.2f}x |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
