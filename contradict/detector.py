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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import io, pairing
from .config import Config
from .engines import Engine, check_engine, make_engine
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
        engine: where embedding and NLI scoring run: ``"local"`` (this process) or ``"ray"`` (Ray actors; the
            optional extra ``ray``); None means ``config.engine.name``. Findings are the same either way.
        nli: an NLI scorer (anything following :class:`contradict.nli.NLIScorer`); by default the model
            named in ``config.nli.model`` (the embedded one), loaded on first use.
        embedder: a pairing embedder with ``encode(texts)``; by default the one named by ``config.pairing``.
        progress: show a progress bar while scoring.

    The constructor only stores (and checks) its arguments; what is built from them on first use has a trailing
    underscore: ``engine_`` (the :mod:`contradict.engines` engine), ``nli_`` (the scorer in use), ``embedder_``,
    ``actors_``.

    Raises:
        ConfigError: an unknown engine, or ``nli``/``embedder`` objects with the Ray engine (its actors build
            their models from the config).

    Example:
        >>> Detector().config.nli.model
        'builtin'
    """

    def __init__(self, config: Config | None = None, *, engine: str | None = None, nli: NLIScorer | None = None,
                 embedder: pairing.Embedder | None = None, progress: bool = False) -> None:
        self.config = config if config is not None else Config()
        self.engine = engine
        self.nli = nli
        self.embedder = embedder
        self.progress = progress
        self.stats = RunStats()
        self.engine_: Engine | None = None
        self.actors_: Any = None
        check_engine(self._engine_name(), nli=nli, embedder=embedder)

    # ----------------------------------------------------------------- components (lazy)
    def _engine_name(self) -> str:
        return self.engine if self.engine is not None else self.config.engine.name

    def _get_engine(self) -> Engine:
        if self.engine_ is None:
            self.engine_ = make_engine(self._engine_name(), self.config, nli=self.nli, embedder=self.embedder,
                                       progress=self.progress)
        return self.engine_

    def _get_scorer(self) -> CachingScorer:
        return self._get_engine().cache

    @property
    def nli_(self) -> NLIScorer | None:
        """The NLI scorer in use (None until first used): ``nli`` when given, else the configured one."""
        return self.engine_.nli_ if self.engine_ is not None else None

    @property
    def embedder_(self) -> pairing.Embedder | None:
        """The embedder in use (None until first used): ``embedder`` when given, else the configured one."""
        return self.engine_.embedder_ if self.engine_ is not None else None

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
                                       speaker_key=key, neighbours=cfg.neighbours, exact_limit=cfg.exact_limit)

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
        """Unit-length topic embeddings of ``texts``, one row per text (the configured pairing embedder, run by the
        engine)."""
        return self._get_engine().embed(list(texts))

    def nli_scores(self, pairs: Sequence[tuple[str, str]]) -> NLIResult:
        """NLI probabilities of (premise, hypothesis) text pairs, through the detector's score cache (the engine's:
        only pairs not scored before are run)."""
        return self._get_engine().score(list(pairs))

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
