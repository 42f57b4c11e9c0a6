"""How a model's forward pass runs: the arithmetic (precision), the device, and TorchScript-frozen graphs.

The NLI scorer (:mod:`contradict.nli.scorer`) and the pairing embedder (:mod:`contradict.pairing`) ask this
module three things: which precision ``"auto"`` means
on this machine (:func:`auto_precision`), how to quantize a model to int8 (:func:`quantize_int8`), and
how to call a CPU model with little per-operator overhead (:class:`FrozenForward`).

Example:
    >>> resolve_device("cpu")
    'cpu'
"""

from __future__ import annotations

import logging
import warnings
from typing import Any

logger = logging.getLogger(__name__)

__all__ = ["FrozenForward", "auto_precision", "cpu_has_native_bf16", "int8_engines", "quantize_int8", "resolve_device"]


def resolve_device(device: str | None) -> str:
    """``None``/``"auto"``: CUDA when available, else CPU; any other value as given.

    Example:
        >>> resolve_device("cuda:1")
        'cuda:1'
    """
    if device not in (None, "auto"):
        return str(device)
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def quantize_int8(model: Any) -> Any:
    """Dynamic int8 quantization of a CPU model's linear layers with per-channel weight scales.

    Per-tensor scales cost the first shipped model 1.4 points on MNLI; per-channel scales cost none that
    could be measured (see the model card).
    """
    import torch
    from torch.ao.quantization import per_channel_dynamic_qconfig

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao deprecation notices
        return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear: per_channel_dynamic_qconfig})


def cpu_has_native_bf16() -> bool:
    """Whether this CPU computes bf16 natively (AMX or AVX-512-BF16), so bf16 autocast is faster than fp32."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as fh:
            flags = fh.read()
    except OSError:
        return False
    return "amx_bf16" in flags or "avx512_bf16" in flags


def int8_engines() -> set[str]:
    """The quantized-kernel engines this torch build has ("x86"/"fbgemm" on x86 CPUs, "qnnpack" on ARM)."""
    import torch

    return set(torch.backends.quantized.supported_engines)


def auto_precision(device: str, batch_size: int) -> str:
    """bf16 on a GPU, or on a CPU with native bf16 from 8 pairs a batch (one pair at a time autocast costs more
    than it saves); otherwise int8 where torch has an x86 int8 engine (per-channel: no measurable accuracy
    cost, 2-3.5x faster than a plain fp32 loop); fp32 elsewhere."""

    if device != "cpu":
        return "bf16"
    if batch_size >= 8 and cpu_has_native_bf16():
        return "bf16"
    return "int8" if int8_engines() & {"x86", "fbgemm"} else "fp32"


class FrozenForward:
    """TorchScript-frozen forward passes of a CPU model, one per set of inputs (with or without a mask).

    Freezing removes most per-operator Python and dispatch overhead, which dominates small batches (one
    pair at a time: about 2x faster in int8). Each graph is traced on the first batch of its kind and
    checked against the eager model on that batch; a model that cannot be traced, or whose graph
    disagrees, keeps running eagerly (logged once).

    Args:
        model: the eval-mode model.
        output: which field of the model's output a call returns (``"logits"`` for a classifier,
            ``"last_hidden_state"`` for a sentence encoder).
    """

    def __init__(self, model: Any, output: str = "logits") -> None:
        self.model = model
        self.output = output
        self.graphs: dict[tuple[str, ...], Any] = {}
        self.eager_only: set[tuple[str, ...]] = set()

    def __call__(self, batch: dict[str, Any]) -> Any:
        keys = tuple(sorted(batch))
        graph = self.graphs.get(keys)
        if graph is not None:
            return graph(*(batch[k] for k in keys))
        out = getattr(self.model(**batch), self.output)
        if keys not in self.eager_only:
            self._trace(keys, batch, out)
        return out

    def _trace(self, keys: tuple[str, ...], batch: dict[str, Any], expected: Any) -> None:
        import torch

        model, output = self.model, self.output

        class _Output(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.inner = model

            def forward(self, *tensors: Any) -> Any:
                return getattr(self.inner(**dict(zip(keys, tensors))), output)

        args = tuple(batch[k] for k in keys)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                graph = torch.jit.freeze(torch.jit.trace(_Output().eval(), args, check_trace=False))
                ok = bool(torch.allclose(graph(*args), expected, atol=1e-4, rtol=1e-3))
        except Exception as exc:  # noqa: BLE001 - any tracing failure means: stay eager
            logger.info("%s runs eagerly for inputs %s (cannot be frozen: %s)", type(self.model).__name__, keys, exc)
            self.eager_only.add(keys)
            return
        if ok:
            self.graphs[keys] = graph
        else:
            logger.info("%s runs eagerly for inputs %s (frozen graph disagrees with the model)", type(self.model).__name__,
                        keys)
            self.eager_only.add(keys)
