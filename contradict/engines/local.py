"""The local engine: embedding and NLI scoring in this process (what ``Detector`` has always done).

Also the pieces every engine shares, so that the Ray engine hands its actors exactly the work this one does:
the NLI chunk size, the chunk loop over the score cache, and how a model is built from the config.

Example:
    >>> from contradict.config import Config
    >>> engine = LocalEngine(Config())          # stores settings; loads nothing yet
    >>> engine.score([]).probs.shape
    (0, 3)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .. import pairing
from ..config import Config, NLIConfig
from ..nli import CachingScorer, HFNLIScorer, NLIResult, NLIScorer

Pair = tuple[str, str]


def build_nli(config: NLIConfig) -> HFNLIScorer:
    """The NLI scorer named by ``config`` (not loaded yet); every engine and every Ray actor builds it this way.

    Example:
        >>> build_nli(NLIConfig()).batch_size
        32
    """
    return HFNLIScorer(config.model, device=config.device, max_length=config.max_length,
                       batch_size=config.batch_size, local_files_only=config.local_files_only,
                       threads=config.threads, precision=config.precision, freeze=config.freeze)


def nli_chunk_size(config: NLIConfig) -> int:
    """Pairs per cache lookup and model call: ``max(256, 8 * nli.batch_size)``. The local engine scores one chunk
    at a time (so the progress bar moves and finished chunks stay cached); the Ray engine sends each chunk's cache
    misses to an actor as one batch, so both engines run the model on the same batches.

    Example:
        >>> nli_chunk_size(NLIConfig(batch_size=64))
        512
    """
    return max(256, 8 * config.batch_size)


def split_chunks(pairs: Sequence[Pair], size: int) -> list[list[Pair]]:
    """``pairs`` cut into consecutive chunks of ``size`` (the last one shorter).

    Example:
        >>> [len(c) for c in split_chunks([("a", "b")] * 5, 2)]
        [2, 2, 1]
    """
    return [list(pairs[start:start + size]) for start in range(0, len(pairs), size)]


def empty_result() -> NLIResult:
    """The result of scoring no pairs: probabilities (0, 3) and no split flags."""
    return NLIResult(np.empty((0, 3), dtype=np.float32), np.zeros(0, dtype=bool))


def join_results(parts: Sequence[NLIResult]) -> NLIResult:
    """One result from the results of consecutive chunks."""
    if not parts:
        return empty_result()
    return NLIResult(np.concatenate([p.probs for p in parts]), np.concatenate([p.split for p in parts]))


def score_chunks(cache: CachingScorer, chunks: Sequence[Sequence[Pair]],
                 progress: Callable[[int], None] | None = None) -> list[NLIResult]:
    """Score chunk after chunk through ``cache``; a chunk's misses go to the cache's scorer in one call, and
    finished chunks stay cached if a later one fails."""
    out = []
    for chunk in chunks:
        out.append(cache.score(chunk))
        if progress is not None:
            progress(len(chunk))
    return out


class LocalEngine:
    """Embeds texts and scores NLI pairs in this process.

    Args:
        config: the detector's configuration (``nli``, ``pairing``).
        nli: an NLI scorer to use instead of the one ``config.nli`` names.
        embedder: an embedder (``encode(texts)``) to use instead of the one ``config.pairing`` names.
        progress: show a progress bar while scoring more than one chunk.

    What is built on first use: ``nli_`` (the scorer in use), ``embedder_`` and ``cache`` (the score cache in
    front of ``nli_``, kept for the engine's lifetime).

    Example:
        >>> from contradict.config import Config
        >>> LocalEngine(Config()).nli_ is None
        True
    """

    name = "local"

    def __init__(self, config: Config, *, nli: NLIScorer | None = None, embedder: pairing.Embedder | None = None,
                 progress: bool = False) -> None:
        self.config = config
        self.nli = nli
        self.embedder = embedder
        self.progress = progress
        self.nli_: NLIScorer | None = None
        self.embedder_: pairing.Embedder | None = None
        self._cache: CachingScorer | None = None

    @property
    def cache(self) -> CachingScorer:
        """The score cache (built on first use): a pair is never scored twice by one engine."""
        if self._cache is None:
            self.nli_ = self.nli if self.nli is not None else build_nli(self.config.nli)
            self._cache = CachingScorer(self.nli_)
        return self._cache

    def embed(self, texts: Sequence[str]) -> Any:
        """Unit-length embeddings of ``texts``, one row per text (the configured or given embedder).

        Example:
            >>> from contradict.config import load_config
            >>> LocalEngine(load_config(overrides={"pairing.method": "tfidf"})).embed(["tax rise", "tax cut"]).shape[0]
            2
        """
        if self.embedder_ is None:
            self.embedder_ = self.embedder if self.embedder is not None else pairing.make_embedder(self.config.pairing)
        return self.embedder_.encode(list(texts))

    def score(self, pairs: Sequence[Pair]) -> NLIResult:
        """NLI probabilities of (premise, hypothesis) pairs through the cache, one chunk of
        :func:`nli_chunk_size` pairs at a time.

        Example:
            >>> from contradict.config import Config
            >>> LocalEngine(Config()).score([]).split.shape
            (0,)
        """
        chunks = split_chunks(pairs, nli_chunk_size(self.config.nli))
        if not chunks:
            return empty_result()
        cache = self.cache
        if not (self.progress and len(chunks) > 1):
            return join_results(score_chunks(cache, chunks))
        from tqdm.auto import tqdm

        with tqdm(total=len(pairs), desc="NLI", unit="pair") as bar:
            return join_results(score_chunks(cache, chunks, bar.update))
