"""Where the model stages run: an engine embeds texts and scores NLI pairs; the Detector decides verdicts.

Two engines, chosen by ``engine.name`` or ``Detector(engine=...)``: ``"local"`` (:class:`LocalEngine`, this
process) and ``"ray"`` (:class:`RayEngine`, Ray Data ``map_batches`` over actor pools, on this machine or a
cluster). Both run the model on the same batches, so they give the same findings. Importing this package
imports neither torch nor Ray.

Example:
    >>> from contradict.config import Config
    >>> make_engine("local", Config()).name
    'local'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from .. import pairing
from ..config import Config, check_option
from ..errors import ConfigError
from ..nli import CachingScorer, NLIResult, NLIScorer
from .local import LocalEngine, build_nli, nli_chunk_size
from .ray import MISSING_EXTRA, RayEngine, RayNLIScorer, quiet_logs

__all__ = ["MISSING_EXTRA", "Engine", "LocalEngine", "RayEngine", "RayNLIScorer", "build_nli", "check_engine",
           "make_engine", "nli_chunk_size", "quiet_logs"]


class Engine(Protocol):
    """What the Detector needs from an engine.

    ``embed`` gives unit-length embeddings, one row per text; ``score`` gives NLI probabilities of (premise,
    hypothesis) pairs through ``cache`` (a pair is never scored twice by one engine). ``nli_`` and ``embedder_``
    are the scorer and embedder in use, once built.
    """

    name: str
    nli_: Any
    embedder_: Any

    @property
    def cache(self) -> CachingScorer: ...

    def embed(self, texts: Sequence[str]) -> Any: ...

    def score(self, pairs: Sequence[tuple[str, str]]) -> NLIResult: ...


def check_engine(name: str, *, nli: NLIScorer | None = None, embedder: pairing.Embedder | None = None) -> None:
    """Check an engine name and the objects given with it (before any work).

    Raises:
        ConfigError: an unknown name, or a given ``nli``/``embedder`` object with the Ray engine (its actors build
            their models from the config; an arbitrary object cannot be shipped to them reliably).

    Example:
        >>> check_engine("ray", nli=object())   # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        contradict.errors.ConfigError: invalid configuration:
          engine.name: the Ray engine builds its models from the config on each actor and cannot use a given nli= ...
    """
    check_option("engine.name", name)
    if name == "ray" and (nli is not None or embedder is not None):
        raise ConfigError([("engine.name: the Ray engine builds its models from the config on each actor and cannot "
                            "use a given nli= or embedder= object; use engine=\"local\" with it, or name the model in "
                            "nli.model / pairing.embedding_model")])


def make_engine(name: str, config: Config, *, nli: NLIScorer | None = None,
                embedder: pairing.Embedder | None = None, progress: bool = False) -> Engine:
    """The engine called ``name`` ("local" or "ray") for ``config``; it loads and starts nothing until used.

    Raises:
        ConfigError: as :func:`check_engine`.

    Example:
        >>> make_engine("ray", Config()).name
        'ray'
    """
    check_engine(name, nli=nli, embedder=embedder)
    if name == "ray":
        return RayEngine(config, progress=progress)
    return LocalEngine(config, nli=nli, embedder=embedder, progress=progress)
