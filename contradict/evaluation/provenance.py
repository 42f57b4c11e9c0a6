"""Provenance: what a benchmark number depends on (code, model, config, calibration, libraries, inputs, date).

Example:
    >>> git_commit("/") is None
    True
"""

from __future__ import annotations

import hashlib
import platform
import subprocess
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from .pairs import BenchPair, PairScorer


def git_commit(path: str | Path | None = None) -> str | None:
    """The commit of the git checkout holding ``path`` (default: this package), or None.

    None when git is missing, the folder is not in a checkout, or the package files are not tracked there
    (e.g. an installed copy inside some other repository's virtualenv).

    Example:
        >>> git_commit("/") is None
        True
    """
    where = Path(path) if path is not None else Path(__file__).resolve().parent.parent
    probe = "__init__.py" if path is None else "."

    def git(*args: str) -> subprocess.CompletedProcess[str] | None:
        try:
            return subprocess.run(["git", *args], cwd=where, capture_output=True, text=True, timeout=15,
                                  check=False)
        except (OSError, subprocess.SubprocessError):
            return None

    tracked = git("ls-files", "--error-unmatch", "--", probe)
    if tracked is None or tracked.returncode != 0:
        return None
    head = git("rev-parse", "HEAD")
    if head is None or head.returncode != 0:
        return None
    return head.stdout.strip() or None


def _git_dirty() -> bool | None:
    try:
        out = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", "."],
                             cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True, timeout=15,
                             check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return bool(out.stdout.strip()) if out.returncode == 0 else None


def package_version() -> str | None:
    """``contradict.__version__``, else the installed distribution's version, else None.

    Example:
        >>> isinstance(package_version(), (str, type(None)))
        True
    """
    import contradict

    version = getattr(contradict, "__version__", None)
    if version:
        return str(version)
    try:
        return metadata.version("contradict")
    except metadata.PackageNotFoundError:
        return None


def _dist_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _file_sha256(path: str) -> str | None:
    try:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError:
        return None


def collect_provenance(detector: PairScorer, pairs: Sequence[BenchPair], *,
                       model_info: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """What a benchmark number depends on: code, model, config, calibration, libraries, inputs, date.

    ``model_info`` is ``detector.model_info()`` when the caller already has it (hashing weights takes time).

    Example:
        >>> prov = collect_provenance(detector, pairs)   # doctest: +SKIP
        >>> sorted(prov)[:3]                             # doctest: +SKIP
        ['calibration', 'config', 'config_source']
    """
    cfg = detector.config
    info = dict(model_info if model_info is not None else detector.model_info())
    cal = cfg.calibration
    counts: dict[str, int] = {}
    for pair in pairs:
        counts[pair.file] = counts.get(pair.file, 0) + 1
    return {
        "package": "contradict",
        "version": package_version(),
        "git_commit": git_commit(),
        "git_dirty": _git_dirty(),
        "model": info.get("model"),
        "model_sha256": info.get("sha256"),
        "model_info": {k: v for k, v in info.items() if k not in ("model", "sha256")},
        "config": cfg.to_dict(),
        "config_source": cfg.source,
        "calibration": {"calibrated": bool(cal.pair_ids or cal.files or cal.date), "files": list(cal.files),
                        "n_pair_ids": len(cal.pair_ids), "seed": cal.seed, "fraction": cal.fraction,
                        "macro_f1": cal.macro_f1, "date": cal.date or None},
        "versions": {"python": platform.python_version(), "numpy": _dist_version("numpy"),
                     "scikit-learn": _dist_version("scikit-learn"), "torch": _dist_version("torch"),
                     "transformers": _dist_version("transformers"), "datasets": _dist_version("datasets")},
        "platform": platform.platform(),
        "inputs": [{"file": name, "n_pairs": n, "sha256": _file_sha256(name) if name else None}
                   for name, n in counts.items()],
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
