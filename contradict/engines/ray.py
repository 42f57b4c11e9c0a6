"""The Ray engine: embedding and NLI scoring as Ray Data ``map_batches`` over actor pools; verdicts stay local.

With ``engine.ray_address = ""`` a local Ray is started in this process (or the one already initialised is
reused); with an address (``"auto"``, ``"HOST:6379"``, ``"ray://HOST:10001"``) the engine connects to that
cluster. Each model stage runs as one Ray Data job over a fixed pool of actors (``engine.ray_actors``; one CPU
each); every actor builds the model from the config once and keeps it for the job.

What is shipped: the config section of the stage (``pairing`` or ``nli``) and texts. For embedding, the texts
sorted by token count in chunks of whole embedding batches; for NLI, each chunk's cache misses (the same chunks of
``max(256, 8 * nli.batch_size)`` pairs the local engine scores one by one). So every model call sees the same
batch as in the local engine and the findings are the same, pair for pair. What stays here: the score cache,
TF-IDF embedding (it fits on all texts at once and has no model), neighbour search and the verdict rules.

Ray is an optional extra (``pip install -e ".[ray]"``); it is imported on first use, never by
``import contradict``.

Example:
    >>> from contradict.config import Config
    >>> engine = RayEngine(Config())        # stores settings; starts or connects to nothing yet
    >>> engine.score([]).probs.shape        # nothing to score: Ray is not needed
    (0, 3)
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .. import pairing
from ..config import Config, NLIConfig, PairingConfig
from ..errors import ConfigError, ContradictError, ModelError
from ..nli import CachingScorer, NLIResult
from .local import Pair, build_nli, empty_result, join_results, nli_chunk_size, split_chunks

logger = logging.getLogger(__name__)

#: The message when Ray is not installed (the CLI prints it as its one-line error).
MISSING_EXTRA = 'the Ray engine needs the optional extra: pip install -e ".[ray]"'

_MAX_DEFAULT_ACTORS = 8


def import_ray() -> Any:
    """The ``ray`` module with Ray Data loaded.

    Raises:
        ContradictError: when Ray is not installed (:data:`MISSING_EXTRA`).
    """
    try:
        import ray
        import ray.data  # Ray Data needs pyarrow and pandas, which the extra installs
    except ImportError as exc:
        raise ContradictError(MISSING_EXTRA) from exc
    return ray


def quiet_logs(level: int = logging.ERROR) -> None:
    """Turn Ray's own console logging (start-up notices, Ray Data's execution lines) down to ``level``.

    The command line calls this unless ``-v`` is given; library code leaves Ray's logging as Ray sets it up.
    Does nothing when Ray is not installed.

    Example:
        >>> quiet_logs()                        # doctest: +SKIP
    """
    try:
        import ray  # importing Ray sets its loggers up: levels set before would be overwritten
        import ray.data  # noqa: F401
    except ImportError:
        return
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(level)


def _raise_model_error(row: dict[str, Any]) -> None:
    """Raise here the :class:`ModelError` an actor reported in its output row (Ray would deliver it as a wrapped
    traceback), so a model that cannot be loaded reads the same as with the local engine."""
    if row.get("error"):
        raise ModelError(str(row["error"]))


class _EmbedBatch:
    """Ray Data callable class: one actor, one embedding model, built from the pairing config (once per actor).

    A batch holds whole chunks (``chunk``, ``text``: a list of texts); each chunk is encoded in one call. A
    :class:`ModelError` comes back as the row's ``error`` (empty when the chunk was encoded).
    """

    def __init__(self, config: PairingConfig) -> None:
        self.embedder = pairing.make_embedder(config)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        out = np.empty(len(batch["chunk"]), dtype=object)
        errors = np.full(len(batch["chunk"]), "", dtype=object)
        for n, texts in enumerate(batch["text"]):
            try:
                out[n] = np.asarray(self.embedder.encode([str(t) for t in texts]), dtype=np.float32)
            except ModelError as exc:
                out[n], errors[n] = np.zeros((0, 0), dtype=np.float32), str(exc)
        return {"chunk": batch["chunk"], "embedding": out, "error": errors}


class _NLIBatch:
    """Ray Data callable class: one actor, one NLI model, built from the nli config (once per actor).

    A batch holds whole chunks (``chunk``, ``premise``, ``hypothesis``: lists of texts); each chunk is scored
    in one call, as the local engine scores one chunk's cache misses. A :class:`ModelError` comes back as the
    row's ``error`` (empty when the chunk was scored).
    """

    def __init__(self, config: NLIConfig) -> None:
        self.scorer = build_nli(config)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        probs = np.empty(len(batch["chunk"]), dtype=object)
        split = np.empty(len(batch["chunk"]), dtype=object)
        errors = np.full(len(batch["chunk"]), "", dtype=object)
        for n, (premises, hypotheses) in enumerate(zip(batch["premise"], batch["hypothesis"])):
            try:
                res = self.scorer.score([(str(p), str(h)) for p, h in zip(premises, hypotheses)])
            except ModelError as exc:
                res, errors[n] = empty_result(), str(exc)
            probs[n], split[n] = res.probs, res.split
        return {"chunk": batch["chunk"], "probs": probs, "split": split, "error": errors}


class RayNLIScorer:
    """The NLI scorer behind the Ray engine's cache: scores pairs on an actor pool.

    :meth:`prepare` scores many chunks in one Ray job; :meth:`score` then hands out their results as the cache
    asks for them (and runs a job itself for anything not prepared). ``path`` and :meth:`weights_sha256` name
    the model the actors load, for provenance.

    Example:
        >>> from contradict.config import Config
        >>> RayNLIScorer(RayEngine(Config())).path.endswith("nli-minilm-l6")
        True
    """

    def __init__(self, engine: RayEngine) -> None:
        self.engine = engine
        self.model = build_nli(engine.config.nli)  # never loaded here: it names what the actors load
        self._ready: dict[Pair, tuple[np.ndarray, bool]] = {}

    @property
    def path(self) -> str:
        """The model location, as :attr:`contradict.nli.HFNLIScorer.path`."""
        return self.model.path

    def weights_sha256(self) -> str | None:
        """sha256 of the model's weights file (None when the model is not a local directory)."""
        return self.model.weights_sha256()

    def __call__(self, pairs: Sequence[Pair]) -> np.ndarray:
        return self.score(pairs).probs

    def score(self, pairs: Sequence[Pair]) -> NLIResult:
        """Probabilities of ``pairs`` (prepared ones from memory, the rest scored on the actor pool as one chunk)."""
        if not pairs:
            return empty_result()
        missing = [p for p in dict.fromkeys(pairs) if p not in self._ready]
        if missing:
            self.prepare([missing])
        rows = [self._ready[p] for p in pairs]
        for p in missing:  # scored for this call only: the caller keeps them
            del self._ready[p]
        return NLIResult(np.stack([r for r, _ in rows]).astype(np.float32), np.array([s for _, s in rows], dtype=bool))

    def prepare(self, chunks: Sequence[Sequence[Pair]], progress: Callable[[int], None] | None = None) -> None:
        """Score ``chunks`` in one Ray job, one model call per chunk, and keep the results for :meth:`score`.
        Chunks that finish before a failure stay prepared."""
        chunks = [list(c) for c in chunks if c]
        if not chunks:
            return

        def keep(row: dict[str, Any]) -> None:
            _raise_model_error(row)
            chunk = chunks[int(row["chunk"])]
            for pair, probs, split in zip(chunk, row["probs"], row["split"]):
                self._ready[pair] = (probs, bool(split))
            if progress is not None:
                progress(len(chunk))

        rows = [{"chunk": n, "premise": [p for p, _ in c], "hypothesis": [h for _, h in c]}
                for n, c in enumerate(chunks)]
        self.engine.map_chunks(_NLIBatch, self.engine.config.nli, rows, keep)

    def ready(self, pairs: Sequence[Pair]) -> bool:
        """Whether every pair has a prepared result."""
        return all(p in self._ready for p in pairs)

    def clear(self) -> None:
        """Forget prepared results (the cache holds what was used)."""
        self._ready.clear()


class RayEngine:
    """Embeds texts and scores NLI pairs on Ray actors; findings are the same as the local engine's.

    Args:
        config: the detector's configuration (``nli``, ``pairing`` and ``engine``: ``ray_address``,
            ``ray_actors``).
        progress: show a progress bar while scoring more than one chunk.

    Built on first use: ``nli_`` (:class:`RayNLIScorer`), ``embedder_`` (the configured embedder: its copies run on
    the actors; TF-IDF runs here), ``cache``, ``actors_`` (the pool size) and ``started_`` (whether this engine
    started or connected Ray, rather than finding it initialised).

    Example:
        >>> from contradict.config import Config
        >>> RayEngine(Config()).actors_ is None
        True
    """

    name = "ray"

    def __init__(self, config: Config, *, progress: bool = False) -> None:
        self.config = config
        self.progress = progress
        self.nli_: RayNLIScorer | None = None
        self.embedder_: pairing.Embedder | None = None
        self.actors_: int | None = None
        self.started_ = False
        self._cache: CachingScorer | None = None

    # ------------------------------------------------------------------ Ray
    def connect(self) -> Any:
        """Initialise Ray (reuse an initialised one; else connect to ``engine.ray_address``, or start a local Ray
        when it is empty) and return the ``ray`` module.

        Raises:
            ContradictError: Ray is not installed.
            ConfigError: the cluster at ``engine.ray_address`` cannot be reached.
        """
        ray = import_ray()
        address = self.config.engine.ray_address
        if ray.is_initialized():
            if address:
                logger.info("Ray is already initialised; engine.ray_address %r is not used", address)
            return ray
        options: dict[str, Any] = {"log_to_driver": False, "configure_logging": False}
        try:
            if address:
                ray.init(address=address, **options)
            else:
                ray.init(include_dashboard=False, **options)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            where = f"at {address!r}" if address else "on this machine"
            raise ConfigError([f"engine.ray_address: cannot start or reach a Ray cluster {where}: {exc}"]) from exc
        self.started_ = True
        logger.info("Ray %s with %s CPUs", f"cluster at {address}" if address else "started locally",
                    ray.cluster_resources().get("CPU"))
        return ray

    def close(self) -> None:
        """Shut Ray down if this engine started it (a Ray found initialised is left running)."""
        if self.started_:
            import ray

            ray.shutdown()
            self.started_ = False

    def pool_size(self) -> int:
        """Actors per model stage: ``engine.ray_actors``, or one per CPU of the cluster (at most 8) when 0."""
        if self.actors_ is None:
            ray = self.connect()
            cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
            self.actors_ = self.config.engine.ray_actors or min(cpus, _MAX_DEFAULT_ACTORS)
        return self.actors_

    def map_chunks(self, udf: type, section: Any, rows: list[dict[str, Any]],
                   keep: Callable[[dict[str, Any]], None]) -> None:
        """Run ``udf`` (a callable class built with ``config=section`` once per actor) over ``rows`` as one Ray Data
        job, one row per call, and hand each output row to ``keep`` as it arrives (in any order)."""
        ray = self.connect()
        size = min(self.pool_size(), len(rows))
        cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
        # a fixed pool when the cluster has the CPUs; else start what fits and let an autoscaling cluster add more
        compute = (ray.data.ActorPoolStrategy(size=size) if size <= cpus
                   else ray.data.ActorPoolStrategy(min_size=cpus, max_size=size))
        ctx = ray.data.DataContext.get_current()
        saved = ctx.enable_progress_bars, ctx.print_on_execution_start
        ctx.enable_progress_bars, ctx.print_on_execution_start = False, False  # the engine shows its own bar
        try:
            ds = ray.data.from_items(rows).map_batches(udf, fn_constructor_kwargs={"config": section}, batch_size=1,
                                                      compute=compute, num_cpus=1)
            for row in ds.iter_rows():
                keep(row)
        finally:
            ctx.enable_progress_bars, ctx.print_on_execution_start = saved

    # ------------------------------------------------------------------ stages
    @property
    def cache(self) -> CachingScorer:
        """The score cache (built on first use): only its misses are sent to Ray."""
        return self._get_cache()

    def _get_cache(self) -> CachingScorer:
        if self._cache is None:
            self.nli_ = RayNLIScorer(self)
            self._cache = CachingScorer(self.nli_)
        return self._cache

    def embed(self, texts: Sequence[str]) -> Any:
        """Unit-length embeddings of ``texts``, one row per text, computed on the actors (TF-IDF: here).

        The texts are put in the embedder's order (:meth:`~contradict.pairing.MiniLMEmbedder.batch_order`) and
        cut into chunks of whole embedding batches, so each actor runs the batches the local embedder would run.

        Example:
            >>> from contradict.config import load_config
            >>> RayEngine(load_config(overrides={"pairing.method": "tfidf"})).embed(["tax rise", "tax cut"]).shape[0]
            2
        """
        texts = list(texts)
        if self.embedder_ is None:
            self.embedder_ = pairing.make_embedder(self.config.pairing)
        embedder = self.embedder_
        if not texts or not isinstance(embedder, pairing.MiniLMEmbedder):
            return embedder.encode(texts)
        order = embedder.batch_order(texts)
        batch = embedder.batch_size
        size = batch * max(1, math.ceil(len(texts) / (batch * self.pool_size() * 4)))  # ~4 chunks per actor
        starts = list(range(0, len(texts), size))
        rows = [{"chunk": n, "text": [texts[i] for i in order[s:s + size]]} for n, s in enumerate(starts)]
        out: list[np.ndarray | None] = [None] * len(rows)

        def keep(row: dict[str, Any]) -> None:
            _raise_model_error(row)
            out[int(row["chunk"])] = row["embedding"]

        self.map_chunks(_EmbedBatch, self.config.pairing, rows, keep)
        parts = [p for p in out if p is not None]
        result = np.empty((len(texts), parts[0].shape[1]), dtype=np.float32)
        result[order] = np.concatenate(parts)
        return result

    def score(self, pairs: Sequence[Pair]) -> NLIResult:
        """NLI probabilities of (premise, hypothesis) pairs through the cache: the misses of every chunk are scored
        on the actors in one job (one actor call per chunk), then the chunks are read through the cache in order.

        Example:
            >>> from contradict.config import Config
            >>> RayEngine(Config()).score([]).split.shape
            (0,)
        """
        chunks = split_chunks(pairs, nli_chunk_size(self.config.nli))
        if not chunks:
            return empty_result()
        cache = self._get_cache()
        assert self.nli_ is not None
        scorer = self.nli_
        planned: set[Pair] = set()
        misses: list[list[Pair]] = []
        for chunk in chunks:  # what the local engine would send to the model, chunk by chunk
            todo = [p for p in cache.misses(chunk) if p not in planned]
            planned.update(todo)
            misses.append(todo)
        done: list[NLIResult] = []
        failed = True
        bar = None
        try:
            total = sum(len(m) for m in misses)
            if self.progress and sum(1 for m in misses if m) > 1:
                from tqdm.auto import tqdm

                bar = tqdm(total=total, desc="NLI (Ray)", unit="pair")
            scorer.prepare(misses, bar.update if bar is not None else None)
            failed = False
        finally:
            if bar is not None:
                bar.close()
            for chunk, todo in zip(chunks, misses):  # after a failure, keep the chunks that finished, in order
                if failed and not scorer.ready(todo):
                    break
                done.append(cache.score(chunk))
            scorer.clear()
        return join_results(done)
