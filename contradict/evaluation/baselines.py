"""Baselines scored in the same ``contradict bench`` run, side by side with the detector.

They put the detector's numbers in context; none of them calls the NLI model again:

``majority``
    scikit-learn's ``DummyClassifier(strategy="most_frequent")`` fit on the gold labels **of the file it is
    scored on** (an *oracle* majority: it knows each file's label distribution, which a real system does not;
    it is a floor to beat, not a competitor). Ties go to the verdict that sorts first.
``nli_only``
    the argmax of the detector's combined NLI probabilities (``finding.scores``), ignoring time, speakers and
    cue phrases: entailment -> ``consistent``; contradiction -> ``contradiction``; neutral -> ``unrelated``
    when the finding's similarity is below ``verdict.unrelated_similarity``, else ``consistent``. It never says
    ``policy_shift``: the gap to the detector is what the time and speaker reasoning adds. Ties in the argmax
    go to entailment, then neutral, then contradiction.
``lexical``
    no model at all: TF-IDF cosine similarity of the two texts (vectoriser fit on the texts of the file being
    scored; no labels used) below :data:`LEXICAL_UNRELATED_SIMILARITY` -> ``unrelated``; otherwise a negation
    or antonym cue that differs between the texts (one negates and the other does not; or one uses a word of
    an antonym pair and the other its opposite) -> ``contradiction``; otherwise ``consistent``.

Example:
    >>> lexical_verdict("Taxes will rise.", "Taxes will not rise.", similarity=0.8).value
    'contradiction'
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from ..config import Config
from ..records import Finding, Verdict

if TYPE_CHECKING:
    from .pairs import BenchPair

logger = logging.getLogger(__name__)

#: TF-IDF cosine below which the lexical baseline says ``unrelated`` (fixed, not tuned).
LEXICAL_UNRELATED_SIMILARITY = 0.1

#: One-line description of each baseline, as shown in reports.
DESCRIPTIONS: Mapping[str, str] = {
    "majority": "oracle majority: most frequent gold label of each scored file (DummyClassifier most_frequent)",
    "nli_only": "NLI only: argmax of the detector's NLI probabilities; neutral -> unrelated below "
                "verdict.unrelated_similarity, else consistent; no time or speaker reasoning",
    "lexical": f"lexical: TF-IDF cosine < {LEXICAL_UNRELATED_SIMILARITY} -> unrelated; differing "
               "negation/antonym cue -> contradiction; else consistent",
}

_NEGATIONS = frozenset({"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "cannot", "without",
                        "n't", "nowhere"})

_ANTONYMS: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (frozenset(up.split()), frozenset(down.split())) for up, down in (
        (("increase increases increased increasing raise raises raised raising more higher expand expands "
         "expanded expanding extend extended"),
         ("decrease decreases decreased decreasing reduce reduces reduced reducing cut cuts lower lowered "
         "less fewer restrict restricts restricted limit limits limited shorten shortened")),
        ("allow allows allowed allowing permit permits permitted legal legalize legalise legalized legalised",
         "ban bans banned banning prohibit prohibits prohibited forbid forbids forbidden illegal"),
        (("support supports supported favor favour favors favours accept accepts accepted approve approves "
         "approved"),
         "oppose opposes opposed against reject rejects rejected"),
        ("introduce introduces introduced keep keeps kept maintain maintained retain retained",
         "abolish abolishes abolished scrap scrapped repeal repealed"),
        ("rise rises rose risen grow grows grew grown gain gains gained win wins won",
         "fall falls fell fallen decline declines declined drop drops dropped lose loses lost"),
        ("strengthen strengthens strengthened stronger", "weaken weakens weakened weaker"),
        ("open opens opened", "close closes closed shut"),
        ("true correct", "false incorrect wrong"),
    )
)

_TOKEN = re.compile(r"[a-z]*n't|[a-z]+")


def _tokens(text: str) -> set[str]:
    """Lower-case word tokens; ``don't`` and the pre-tokenised ``do n't`` both give a token ending in n't."""
    found = set(_TOKEN.findall(text.lower().replace("\u2019", "'")))
    return {"n't" if t.endswith("n't") else t for t in found}


def _negated(tokens: set[str]) -> bool:
    return not _NEGATIONS.isdisjoint(tokens)


def _polarity(tokens: set[str], up: frozenset[str], down: frozenset[str]) -> int:
    has_up, has_down = not up.isdisjoint(tokens), not down.isdisjoint(tokens)
    return int(has_up and not has_down) - int(has_down and not has_up)


def conflict_cue(text_a: str, text_b: str) -> str | None:
    """The negation or antonym cue that differs between two texts, or None.

    Example:
        >>> conflict_cue("We support the ban.", "We oppose the ban.")
        'antonym: support/oppose'
        >>> conflict_cue("Taxes rise.", "Taxes do n't rise.")
        'negation'
    """
    ta, tb = _tokens(text_a), _tokens(text_b)
    if _negated(ta) != _negated(tb):
        return "negation"
    for up, down in _ANTONYMS:
        pa, pb = _polarity(ta, up, down), _polarity(tb, up, down)
        if pa * pb == -1:
            word_up = min((ta if pa > 0 else tb) & up)
            word_down = min((tb if pa > 0 else ta) & down)
            return f"antonym: {word_up}/{word_down}"
    return None


def lexical_verdict(text_a: str, text_b: str, *, similarity: float,
                    threshold: float = LEXICAL_UNRELATED_SIMILARITY) -> Verdict:
    """The lexical baseline's verdict for two texts with a given TF-IDF cosine similarity.

    Example:
        >>> lexical_verdict("Bike lanes.", "Dog parks.", similarity=0.0).value
        'unrelated'
    """
    if similarity < threshold:
        return Verdict.UNRELATED
    return Verdict.CONTRADICTION if conflict_cue(text_a, text_b) else Verdict.CONSISTENT


def tfidf_similarities(pairs: Sequence[tuple[str, str]]) -> np.ndarray:
    """Cosine similarity of each text pair under a TF-IDF vectoriser fit on all the texts given.

    Example:
        >>> tfidf_similarities([("a red car", "a red car"), ("a red car", "blue sky")]).round(2).tolist()
        [1.0, 0.0]
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not pairs:
        return np.zeros(0)
    texts = sorted({t for pair in pairs for t in pair})
    index = {t: i for i, t in enumerate(texts)}
    try:
        matrix = TfidfVectorizer(lowercase=True).fit_transform(texts)  # rows are L2-normalised
    except ValueError:  # no word token in any text (e.g. only punctuation)
        return np.zeros(len(pairs))
    ia = [index[a] for a, _ in pairs]
    ib = [index[b] for _, b in pairs]
    return np.asarray(matrix[ia].multiply(matrix[ib]).sum(axis=1)).ravel()


def majority_baseline(pairs: Sequence[BenchPair]) -> list[Verdict]:
    """Oracle majority: each pair gets the most frequent gold label of its file.

    Example:
        >>> majority_baseline(pairs)   # doctest: +SKIP
    """
    from sklearn.dummy import DummyClassifier

    out: list[Verdict | None] = [None] * len(pairs)
    files: dict[str, list[int]] = {}
    for i, pair in enumerate(pairs):
        files.setdefault(pair.file, []).append(i)
    for indices in files.values():
        gold = [pairs[i].label.value for i in indices]
        features = np.zeros((len(indices), 1))
        model = DummyClassifier(strategy="most_frequent").fit(features, gold)
        for i, label in zip(indices, model.predict(features)):
            out[i] = Verdict(str(label))
    return [v for v in out if v is not None]


def nli_only_verdict(finding: Finding, unrelated_similarity: float) -> Verdict:
    """The NLI-only baseline's verdict for one finding (see the module docstring for the mapping).

    Example:
        >>> nli_only_verdict(finding, 0.3)   # doctest: +SKIP
    """
    order = ("entailment", "neutral", "contradiction")
    top = max(order, key=lambda k: (float(finding.scores[k]), -order.index(k)))
    if top == "entailment":
        return Verdict.CONSISTENT
    if top == "contradiction":
        return Verdict.CONTRADICTION
    return Verdict.UNRELATED if finding.similarity < unrelated_similarity else Verdict.CONSISTENT


def nli_only_baseline(findings: Sequence[Finding], config: Config) -> list[Verdict]:
    """NLI-only verdicts for the detector's findings (no second NLI pass).

    Example:
        >>> nli_only_baseline(report.findings, Config())   # doctest: +SKIP
    """
    return [nli_only_verdict(f, config.verdict.unrelated_similarity) for f in findings]


def lexical_baseline(pairs: Sequence[BenchPair], *, threshold: float = LEXICAL_UNRELATED_SIMILARITY) -> list[Verdict]:
    """Lexical verdicts; the TF-IDF vectoriser is fit per file, on that file's texts.

    Example:
        >>> lexical_baseline(pairs)   # doctest: +SKIP
    """
    out: list[Verdict | None] = [None] * len(pairs)
    files: dict[str, list[int]] = {}
    for i, pair in enumerate(pairs):
        files.setdefault(pair.file, []).append(i)
    for indices in files.values():
        texts = [(pairs[i].a.text, pairs[i].b.text) for i in indices]
        sims = tfidf_similarities(texts)
        for i, (a, b), sim in zip(indices, texts, sims):
            out[i] = lexical_verdict(a, b, similarity=float(sim), threshold=threshold)
    return [v for v in out if v is not None]


def run_baselines(pairs: Sequence[BenchPair], findings: Sequence[Finding], config: Config) -> dict[str, list[Verdict]]:
    """All baselines, ``{name: verdicts}`` in input order, reusing the detector's ``findings``.

    Example:
        >>> sorted(run_baselines(pairs, findings, Config()))   # doctest: +SKIP
        ['lexical', 'majority', 'nli_only']
    """
    if len(pairs) != len(findings):
        raise ValueError(f"{len(pairs)} pairs but {len(findings)} findings")
    return {"majority": majority_baseline(pairs), "nli_only": nli_only_baseline(findings, config),
            "lexical": lexical_baseline(pairs)}
