"""Knowledge distillation: a teacher NLI model's probabilities on training pairs, for a student to learn from.

The ``accurate`` model is 4-5 times slower than ``fast``; distilling it lifts the fast model without its cost.
Two steps, each resumable:

1. ``contradict distill-labels --teacher accurate --out runs/soft.jsonl.gz`` scores training pairs with the
   teacher. The pairs are the ones ``train-nli`` builds from the same data options (``--data``, ``--include``,
   ``--seed``, the shares of swapped, mismatched and generated pairs), shuffled and cut to ``--limit``. The
   file is gzipped JSON lines: a header (teacher path, weights sha256, label order) and one line per pair;
   it is written in chunks, so an interrupted run keeps what it scored and the same command continues.
2. ``contradict train-nli ... --soft-labels runs/soft.jsonl.gz --distill-weight 0.5`` trains the student on
   ``(1 - w) * cross-entropy(gold) + w * T**2 * KL(teacher_T || student_T)`` for every pair the file labels
   (the gold label alone for the others), where ``_T`` is a distribution sharpened or softened by the
   temperature ``T`` (``--distill-temperature``).

Example:
    >>> import numpy as np
    >>> soften(np.array([[0.9, 0.09, 0.01]]), 2.0).round(3).tolist()
    [[0.706, 0.223, 0.071]]
"""

from __future__ import annotations

import gzip
import json
import logging
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError, ModelError
from ..records import LABELS

logger = logging.getLogger(__name__)

__all__ = ["CHUNK", "distill_loss", "read_soft_labels", "soften", "write_soft_labels"]

#: Pairs scored and written per chunk (what an interruption can lose).
CHUNK = 2048
FORMAT = "contradict-soft-labels/1"


def soften(probs: np.ndarray, temperature: float) -> np.ndarray:
    """Probabilities at a temperature: ``softmax(log(p) / T)`` row by row (``T`` > 1 softens, < 1 sharpens)."""
    if temperature <= 0:
        raise ValueError(f"temperature must be > 0, got {temperature}")
    logp = np.log(np.clip(np.asarray(probs, dtype=np.float64), 1e-12, 1.0)) / temperature
    logp -= logp.max(axis=1, keepdims=True)
    out = np.exp(logp)
    return (out / out.sum(axis=1, keepdims=True)).astype(np.float32)


def distill_loss(logits: Any, gold: Any, soft: Any, has_soft: Any, weight: float, temperature: float) -> Any:
    """The student's loss for one batch (torch tensors).

    Args:
        logits: (n, 3) student logits.
        gold: (n,) gold label ids.
        soft: (n, 3) teacher probabilities already at ``temperature`` (any values where ``has_soft`` is False).
        has_soft: (n,) bool, which rows the teacher labelled.
        weight: the share of the teacher's term for labelled rows (0: gold only, 1: teacher only).
        temperature: the temperature of the student's distribution in the KL term.

    Returns:
        The mean over the batch of ``(1 - weight) * CE + weight * T**2 * KL`` on labelled rows and ``CE`` on
        the others.
    """
    import torch
    import torch.nn.functional as F

    ce = F.cross_entropy(logits, gold, reduction="none")
    if weight <= 0 or not bool(has_soft.any()):
        return ce.mean()
    log_student = F.log_softmax(logits / temperature, dim=-1)
    target = soft.clamp_min(1e-12)
    kl = (target * (target.log() - log_student)).sum(-1) * temperature ** 2
    mixed = torch.where(has_soft, (1 - weight) * ce + weight * kl, ce)
    return mixed.mean()


def _header(teacher: Any) -> dict[str, Any]:
    sha = getattr(teacher, "weights_sha256", None)
    return {"format": FORMAT, "teacher": str(getattr(teacher, "path", teacher)),
            "teacher_sha256": sha() if callable(sha) else sha, "labels": list(LABELS)}


def _read(path: Path) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """Header and rows of a soft-label file; a cut last line (an interrupted chunk) is dropped."""
    header: dict[str, Any] | None = None
    rows: list[dict[str, Any]] = []
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                try:
                    item = json.loads(line)
                except json.JSONDecodeError:
                    raise InputError(f"line {number} is not JSON", source=str(path)) from None
                if header is None:
                    if item.get("format") != FORMAT:
                        raise InputError(f"is not a soft-label file (header format {item.get('format')!r}, "
                                         f"expected {FORMAT!r})", source=str(path))
                    header = item
                    continue
                probs = item.get("probs")
                if (not isinstance(item.get("premise"), str) or not isinstance(item.get("hypothesis"), str)
                        or not isinstance(probs, list) or len(probs) != len(LABELS)):
                    raise InputError(f"line {number}: needs premise, hypothesis and probs (3 numbers)",
                                     source=str(path))
                rows.append(item)
    except (EOFError, gzip.BadGzipFile, OSError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise InputError("cannot read the soft labels: no such file", source=str(path)) from None
        if isinstance(exc, gzip.BadGzipFile):
            raise InputError(f"is not a gzip file: {exc}", source=str(path)) from None
        logger.warning("%s ends in a cut chunk (an interrupted run); %d pairs are complete", path, len(rows))
    return header, rows


def read_soft_labels(path: str | Path) -> dict[tuple[str, str], np.ndarray]:
    """The teacher's probabilities by (premise, hypothesis), in :data:`~contradict.records.LABELS` order.

    Raises:
        InputError: the file is missing, not a soft-label file, or a line is malformed (naming the line).
    """
    header, rows = _read(Path(path))
    if header is None:
        raise InputError("is empty: no soft-label header", source=str(path))
    if header.get("labels") != list(LABELS):
        raise InputError(f"labels {header.get('labels')} differ from {list(LABELS)}", source=str(path))
    return {(r["premise"], r["hypothesis"]): np.asarray(r["probs"], dtype=np.float32) for r in rows}


def write_soft_labels(teacher: Any, pairs: Sequence[tuple[str, str]], out: str | Path, *,
                      chunk: int = CHUNK) -> dict[str, Any]:
    """Score ``pairs`` with ``teacher`` (a scorer: pairs -> (n, 3) probabilities) into ``out``, chunk by chunk.

    A file already at ``out`` from the same teacher is continued: its complete pairs are kept and the rest are
    scored (the pairs must come in the same order, as ``distill-labels`` with the same options gives them).

    Returns:
        ``{"pairs": total, "scored": scored now, "kept": kept from before, "seconds": ...}``.

    Raises:
        ModelError: the file was written by another teacher (by weights sha256).
        InputError: the file holds pairs that are not the first of ``pairs``.
    """
    target = Path(out)
    header = _header(teacher)
    kept: list[dict[str, Any]] = []
    if target.exists():
        old_header, kept = _read(target)
        if old_header is not None and (old_header.get("teacher_sha256") != header["teacher_sha256"]):
            raise ModelError(f"{target} holds labels of another teacher ({old_header.get('teacher')}, sha256 "
                             f"{old_header.get('teacher_sha256')}); write to another file")
        for i, row in enumerate(kept[:len(pairs)]):
            if (row["premise"], row["hypothesis"]) != tuple(pairs[i]):
                raise InputError(f"pair {i + 1} differs from the pairs asked for now (other data options?); "
                                 "write to another file", source=str(target))
        kept = kept[:len(pairs)]
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    with gzip.open(tmp, "wt", encoding="utf-8") as fh:  # rewrite what is kept (drops a cut last chunk)
        fh.write(json.dumps(header) + "\n")
        fh.writelines(json.dumps(r) + "\n" for r in kept)
    tmp.replace(target)
    t0, done = time.time(), len(kept)
    for start in range(done, len(pairs), chunk):
        part = [tuple(p) for p in pairs[start:start + chunk]]
        probs = np.asarray(teacher(part), dtype=np.float32)
        with gzip.open(target, "at", encoding="utf-8") as fh:  # one gzip member a chunk
            fh.writelines(json.dumps({"premise": p, "hypothesis": h, "probs": [round(float(x), 6) for x in row]})
                          + "\n" for (p, h), row in zip(part, probs))
        done = start + len(part)
        rate = (done - len(kept)) / max(time.time() - t0, 1e-9)
        logger.info("soft labels: %d of %d pairs (%.1f pairs/s)", done, len(pairs), rate)
    return {"pairs": len(pairs), "scored": len(pairs) - len(kept), "kept": len(kept),
            "seconds": round(time.time() - t0, 1)}
