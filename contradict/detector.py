"""The facade: ``Detector().find(statements) -> Findings`` (a list of Finding) composes pairing, NLI scoring and verdicts.

Example:
    >>> from contradict import Detector, Statement
    >>> det = Detector()                                     # stores settings; loads nothing yet
    >>> findings = det.find([Statement("a", "Taxes will rise."),
    ...                      Statement("b", "Taxes will not rise.")])   # doctest: +SKIP
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import io, pairing
from .config import Config
from .errors import InputTypeError
from .nli import CachingScorer, HFNLIScorer, NLIResult, NLIScorer
from .records import Finding, Statement, Verdict
from .verdict import decide, default_actor_table, to_finding
from .view.findings import Findings

logger = logging.getLogger(__name__)

_ORDER = {Verdict.CONTRADICTION: 0, Verdict.POLICY_SHIFT: 1, Verdict.CONSISTENT: 2, Verdict.UNRELATED: 3}


@dataclass
class RunStats:
    """Counts and timings of the last :meth:`Detector.find` or :meth:`Detector.score_pairs` call."""

    statements: int = 0
    pairs: int = 0
    nli_pairs_scored: int = 0
    seconds_pairing: float = 0.0
    seconds_scoring: float = 0.0


class Detector:
    """Finds conflicting statements and tells a contradiction from a policy shift.

    Args:
        config: the configuration (the packaged defaults, ``Config()``, when None).
        nli: an NLI scorer (anything following :class:`contradict.nli.NLIScorer`); by default the model
            named in ``config.nli.model`` (the embedded one), loaded on first use.
        embedder: a pairing embedder with ``encode(texts)``; by default the one named by ``config.pairing``.
        progress: show a progress bar while scoring.

    The constructor only stores its arguments; what is built from them on first use has a trailing
    underscore: ``nli_`` (the scorer in use), ``embedder_``, ``actors_``.

    Example:
        >>> Detector().config.nli.model
        'builtin'
    """

    def __init__(self, config: Config | None = None, *, nli: NLIScorer | None = None,
                 embedder: pairing.Embedder | None = None, progress: bool = False) -> None:
        self.config = config if config is not None else Config()
        self.nli = nli
        self.embedder = embedder
        self.progress = progress
        self.stats = RunStats()
        self.nli_: NLIScorer | None = None
        self.embedder_: pairing.Embedder | None = None
        self.actors_: Any = None
        self._scorer: CachingScorer | None = None

    # ----------------------------------------------------------------- components (lazy)
    def _get_scorer(self) -> CachingScorer:
        if self._scorer is None:
            self.nli_ = self.nli if self.nli is not None else self._configured_nli()
            self._scorer = CachingScorer(self.nli_)
        return self._scorer

    def _configured_nli(self) -> HFNLIScorer:
        c = self.config.nli
        return HFNLIScorer(c.model, device=c.device, max_length=c.max_length, batch_size=c.batch_size,
                           local_files_only=c.local_files_only, threads=c.threads, precision=c.precision,
                           freeze=c.freeze)

    def _get_embedder(self) -> pairing.Embedder:
        if self.embedder_ is None:
            self.embedder_ = self.embedder if self.embedder is not None else pairing.make_embedder(self.config.pairing)
        return self.embedder_

    def _get_actors(self) -> Any:
        if self.actors_ is None:
            self.actors_ = default_actor_table()
        return self.actors_

    def model_info(self) -> dict[str, Any]:
        """The NLI model's id or path and the sha256 of its weights (None when not a local file)."""
        scorer: Any = self.nli_ if self.nli_ is not None else self.nli
        if scorer is None:
            scorer = HFNLIScorer(self.config.nli.model)
        path = getattr(scorer, "path", None) or type(scorer).__name__
        sha = scorer.weights_sha256() if hasattr(scorer, "weights_sha256") else None
        return {"model": str(path), "sha256": sha}

    # ----------------------------------------------------------------- public verbs
    def find(self, statements: Iterable[Statement | Mapping[str, Any]]) -> Findings:
        """Pair statements on the same topic, score each pair and decide a verdict.

        Args:
            statements: :class:`Statement` objects or dicts with ``id, text, speaker, time, source``
                (validated; duplicate ids with different texts are an error).

        Returns:
            :class:`~contradict.view.Findings` (a ``list`` of :class:`Finding` that displays as a table in a
            notebook and has ``to_pandas()`` and ``to_html()``), sorted by verdict (contradiction, policy
            shift, consistent, unrelated), then by decreasing contradiction probability.
        """
        items = io.read_statements(statements)
        self.stats = RunStats(statements=len(items))
        if len(items) < 2:
            return Findings()
        t0 = time.perf_counter()
        candidates = self.candidate_pairs(items)
        self.stats.seconds_pairing = time.perf_counter() - t0
        pairs = [(items[c.i], items[c.j]) for c in candidates]
        findings = self._score(pairs, [c.similarity for c in candidates])
        findings.sort(key=lambda f: (_ORDER[f.verdict], -f.scores["contradiction"], f.a.id, f.b.id))
        return Findings(findings)

    def candidate_pairs(self, statements: Sequence[Statement]) -> list[pairing.CandidatePair]:
        """The candidate pairs :meth:`find` would score: each statement's ``pairing.k`` nearest neighbours above
        ``pairing.similarity_floor``, or every pair when ``pairing.method = "all"`` (both after the speaker and
        time-window filters)."""
        cfg = self.config.pairing
        every = cfg.method == "all"
        emb = self.embed([s.text for s in statements])
        key = None
        if cfg.same_speaker_only:
            actors = self._get_actors()
            key = lambda s: actors.resolve(s.speaker, s.meta.get("organisation"))
        return pairing.candidate_pairs(statements, emb, k=max(1, len(statements) - 1) if every else cfg.k,
                                       floor=-math.inf if every else cfg.similarity_floor,
                                       same_speaker_only=cfg.same_speaker_only,
                                       time_window_days=cfg.time_window_days, max_pairs=cfg.max_pairs,
                                       speaker_key=key)

    def score_pairs(self, pairs: Sequence[tuple[Statement, Statement]]) -> list[Finding]:
        """Score explicit pairs and decide each; one Finding per pair, in input order, ``a``/``b`` as given.

        Example:
            >>> Detector().score_pairs([])
            []
        """
        pairs = list(pairs)
        self.stats = RunStats(statements=2 * len(pairs))
        if not pairs:
            return []
        for n, pair in enumerate(pairs):
            if not (isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(s, Statement) for s in pair)):
                raise InputTypeError(f"expected a (Statement, Statement) tuple, got {type(pair).__name__}",
                                     record=f"pair {n}")
        texts = list(dict.fromkeys(t for a, b in pairs for t in (a.text, b.text)))
        index = {t: i for i, t in enumerate(texts)}
        emb = self.embed(texts)
        sims = [pairing.pair_similarity(emb, index[a.text], index[b.text]) for a, b in pairs]
        return self._score(pairs, sims)

    # ----------------------------------------------------------------- stages (used by find, Archive, engines)
    def embed(self, texts: Sequence[str]) -> Any:
        """Unit-length topic embeddings of ``texts``, one row per text (the configured pairing embedder)."""
        return self._get_embedder().encode(list(texts))

    def nli_scores(self, pairs: Sequence[tuple[str, str]]) -> NLIResult:
        """NLI probabilities of (premise, hypothesis) text pairs, through the detector's score cache."""
        return self._run_nli(self._get_scorer(), list(pairs))

    def decide_scored(self, a: Statement, b: Statement, pab: Sequence[float], pba: Sequence[float],
                      similarity: float, *, split: bool = False) -> Finding:
        """The Finding for a pair whose NLI scores (both directions) and topic similarity are known: the verdict
        rules only, no model run (what ``Archive.redecide`` uses)."""
        decision = decide(a, b, pab, pba, similarity, self.config.verdict, actors=self._get_actors())
        return to_finding(a, b, pab, pba, similarity, decision, split=split)

    # ----------------------------------------------------------------- internals
    def _score(self, pairs: list[tuple[Statement, Statement]], sims: list[float]) -> list[Finding]:
        scorer = self._get_scorer()
        before = len(scorer)
        t0 = time.perf_counter()
        forward = [(a.text, b.text) for a, b in pairs]
        backward = [(b.text, a.text) for a, b in pairs]
        res = self.nli_scores(forward + backward)
        n = len(pairs)
        self.stats.pairs = n
        self.stats.nli_pairs_scored = len(scorer) - before
        self.stats.seconds_scoring = time.perf_counter() - t0
        return [self.decide_scored(a, b, res.probs[k], res.probs[n + k], sim,
                                   split=bool(res.split[k] or res.split[n + k]))
                for k, ((a, b), sim) in enumerate(zip(pairs, sims))]

    def _run_nli(self, scorer: CachingScorer, pairs: list[tuple[str, str]]) -> NLIResult:
        """Score in chunks so the progress bar moves; the cache keeps finished chunks if a later one fails."""
        chunk = max(256, self.config.nli.batch_size * 8)
        bar: Callable[[int], None] | None = None
        tq = None
        if self.progress and len(pairs) > chunk:
            from tqdm.auto import tqdm

            tq = tqdm(total=len(pairs), desc="NLI", unit="pair")
            bar = tq.update
        parts = []
        try:
            for start in range(0, len(pairs), chunk):
                part = pairs[start:start + chunk]
                parts.append(scorer.score(part))
                if bar:
                    bar(len(part))
        finally:
            if tq is not None:
                tq.close()
        if not parts:
            return NLIResult(np.empty((0, 3), dtype=np.float32), np.zeros(0, dtype=bool))
        return NLIResult(np.concatenate([p.probs for p in parts]), np.concatenate([p.split for p in parts]))
