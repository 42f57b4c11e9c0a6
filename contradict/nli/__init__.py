"""The NLI stage: (premise, hypothesis) pairs in, probabilities in (entailment, neutral, contradiction) out.

Side by side, as sentence-transformers keeps ``cross_encoder/``: the scorer (:mod:`.scorer`: ``load_nli``,
:class:`HFNLIScorer`, the :class:`NLIScorer` protocol, the cache), how it runs (:mod:`.runtime`: precision,
device, frozen graphs), training (:mod:`.train`) and evaluation (:mod:`.evaluate`). Importing this package
does not import torch.

Example:
    >>> from contradict.nli import load_nli
    >>> load_nli().batch_size
    32
"""

from __future__ import annotations

from ..records import LABELS
from .scorer import (
    ACCURATE_NLI_DIR,
    BUILTIN_NLI_DIR,
    CachingScorer,
    HFNLIScorer,
    NLIResult,
    NLIScorer,
    best_installed,
    label_positions,
    load_nli,
)

__all__ = ["ACCURATE_NLI_DIR", "BUILTIN_NLI_DIR", "LABELS", "CachingScorer", "HFNLIScorer", "NLIResult", "NLIScorer",
           "best_installed", "label_positions", "load_nli"]
