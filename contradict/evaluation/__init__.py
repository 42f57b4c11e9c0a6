"""Quality evaluation on labelled pairs (the ``contradict bench`` and ``contradict calibrate`` library side).

Like Hugging Face ``evaluate``, the pieces are separate modules: the pair format (:mod:`.pairs`), the
metrics (:mod:`.metrics`), the saved provenance (:mod:`.provenance`), the report and its writers
(:mod:`.report`, :mod:`.html`), the baselines (:mod:`.baselines`), the run that ties them together
(:mod:`.run`) and threshold calibration (:mod:`.calibrate`). Speed is measured elsewhere
(``contradict.benchmarks``).

Example:
    >>> from contradict.evaluation import load_pairs, run_benchmark   # doctest: +SKIP
    >>> print(run_benchmark(load_pairs("dev.jsonl"), baselines=True))  # doctest: +SKIP
"""

from __future__ import annotations

from .metrics import LABEL_ORDER, Metrics, bootstrap_macro_f1, compute_metrics
from .pairs import (
           BenchPair,
           PairScorer,
           exclude_calibrated,
           load_pair_files,
           load_pairs,
           load_pairs_dataset,
           pairs_from_dataset,
)
from .provenance import collect_provenance
from .report import DETECTOR, BenchmarkReport, format_report, write_predictions, write_report
from .run import run as run_benchmark
from .run import score

__all__ = ["DETECTOR", "LABEL_ORDER", "BenchPair", "BenchmarkReport", "Metrics", "PairScorer", "bootstrap_macro_f1",
           "collect_provenance", "compute_metrics", "exclude_calibrated", "format_report", "load_pair_files",
           "load_pairs", "load_pairs_dataset", "pairs_from_dataset", "run_benchmark", "score", "write_predictions",
           "write_report"]
