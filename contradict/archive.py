"""The incremental statement archive: statements arrive every day, each new one is checked against everything
stored before, and no pair is ever scored twice.

``Archive(path)`` is one SQLite file (the standard library's ``sqlite3``, WAL mode, no server). It holds

* the statements (each id once) and their texts, with each text's topic embedding as a float16 blob tied to
  the embedding model's sha256 (the archive needs a fixed embedding model: TF-IDF vectors depend on the whole
  corpus, so the archive refuses ``pairing.method = "tfidf"``);
* the candidate pairs, first stored as *pending*, then with their finding (``Finding.to_dict()`` without the two
  statements, which are stored once) and the ids of the NLI model and the config they were decided with;
* NLI probabilities per directional text pair (premise text, hypothesis text, NLI model), reused by every
  statement pair with the same two texts.

**Candidate pairs** are what :meth:`Detector.find <contradict.detector.Detector.find>` would pair on the whole
archive: each statement's ``pairing.k`` nearest neighbours above ``pairing.similarity_floor`` (within one actor
with ``pairing.same_speaker_only``; within ``pairing.time_window_days``), as unordered pairs, the earlier
statement first (insertion order when the times are unknown or equal, as ``find`` keeps input order). Adding a
statement searches its neighbours among all stored statements, and also lets it into an older statement's
neighbours when it beats the k-th one stored for it, so adding a set in several calls pairs at least what
adding it at once (or ``find``) pairs. Two allowances make that hold with float16 storage: ties within 0.002
of the k-th similarity and of the floor are kept, so the archive can hold a few more pairs than ``find``,
never fewer; and pairs found while the archive was smaller stay, so an archive grown in parts holds more pairs
than ``find`` on the whole set. ``pairing.max_pairs`` (a cap on one run) does not apply to an archive.

**Durability**: the statements, their embeddings and their pending pairs are written in one transaction; then
pairs are scored in batches of ``batch_size``, each batch's NLI scores and findings committed in one
transaction. A process killed at any point (``kill -9``) leaves a valid archive; running the same ``add`` again
scores exactly the pairs still pending.

**Provenance**: every stored score and finding carries the NLI model's sha256 and a config hash
(:func:`config_hash`: the verdict settings and the pairing settings that decide which pairs exist). An archive
never mixes models or settings silently: ``add`` with another NLI model raises
:class:`~contradict.errors.ModelMismatchError` (rescore with :meth:`Archive.rescore`), and with other verdict
settings a :class:`~contradict.errors.ConfigError` (re-decide with :meth:`Archive.redecide`, no model run).
The pairing settings are fixed when the archive is created.

**What grows with what**: the file grows with statements (text + 384 float16 values + k similarities each) and
pairs (about ``n * k``, one finding each, two NLI rows each). ``add`` of m statements to an archive of n reads
the n stored embeddings and runs two exact searches (m x n similarities), embeds the m texts and scores about
``2 * m * k`` new pairs; reading findings back runs no model.

Example:
    >>> from contradict import Archive
    >>> with Archive("newsroom.db") as archive:                        # doctest: +SKIP
    ...     stats = archive.add("fixtures/seed/statements.jsonl")
    ...     shifts = archive.findings(verdict="policy_shift")
    >>> stats.pairs_scored                                            # doctest: +SKIP
    6
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import math
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, Self

import numpy as np

from . import io, neighbours
from .config import BUILTIN, Config
from .detector import _ORDER, Detector
from .errors import ArchiveError, ConfigError, InputError, InputTypeError, ModelMismatchError
from .nli import HFNLIScorer
from .pairing import MiniLMEmbedder, TfidfEmbedder, minilm_path, ordered_pair
from .records import Statement, Verdict, parse_time
from .text import as_date
from .view.findings import Findings

__all__ = ["SCHEMA_VERSION", "AddStats", "Archive", "RedecideStats", "TimelineEntry", "config_hash"]

logger = logging.getLogger(__name__)

#: The archive layout this version writes and reads; a file with a larger version is refused.
SCHEMA_VERSION = 1
_APPLICATION = "contradict archive"
#: ``PRAGMA application_id`` of an archive file ("CTRA"), so ``file(1)`` and other tools can tell it apart.
_APPLICATION_ID = 0x43545241
#: Pairing settings that decide which pairs exist; fixed when an archive is created, part of the config hash.
PAIRING_KEYS = ("method", "k", "similarity_floor", "same_speaker_only", "time_window_days")
#: Allowance for float16 storage (two rounded unit vectors move a cosine by at most ~0.001 each).
_EPS = 2e-3
#: Extra neighbours fetched beyond k, so ties and near-ties at the k-th place are kept.
_SLACK = 8
#: Ids per ``IN (...)`` query.
_CHUNK = 500

_SCHEMA = """
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,          -- one row per layout version applied
    applied TEXT NOT NULL                 -- when (ISO-8601, UTC)
);
CREATE TABLE IF NOT EXISTS archive_info (
    key TEXT PRIMARY KEY,                 -- application, created, created_by, embedding_model, nli_model,
    value TEXT NOT NULL                   -- embedding_dim, pairing (JSON), config (hash of the findings' config)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS models (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,                   -- 'embedding' or 'nli'
    sha256 TEXT NOT NULL,                 -- sha256 of the weights file ('unhashed:<name>' when there is none)
    name TEXT,                            -- path or id, for people
    UNIQUE (kind, sha256)
);
CREATE TABLE IF NOT EXISTS configs (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,            -- config_hash(): sha256 of body
    body TEXT NOT NULL                    -- the verdict and pairing settings, JSON
);
CREATE TABLE IF NOT EXISTS texts (
    id INTEGER PRIMARY KEY,
    hash BLOB NOT NULL UNIQUE,            -- first 16 bytes of sha256(text)
    text TEXT NOT NULL,
    embedding BLOB NOT NULL,              -- unit-length topic embedding, float16 little-endian
    embedding_model INTEGER NOT NULL REFERENCES models(id)
);
CREATE TABLE IF NOT EXISTS statements (
    seq INTEGER PRIMARY KEY,              -- insertion order (breaks ties in time order, as input order does)
    id TEXT NOT NULL UNIQUE,
    text_id INTEGER NOT NULL REFERENCES texts(id),
    speaker TEXT,
    time TEXT,                            -- ISO-8601 date or aware date-time
    day TEXT,                             -- the calendar day of time (YYYY-MM-DD)
    source TEXT,
    organisation TEXT,                    -- meta['organisation'] when text
    meta TEXT,                            -- JSON object, or NULL when empty
    actor TEXT,                           -- the actor when added (groups pairing.same_speaker_only)
    knn BLOB NOT NULL,                    -- similarities of its k nearest stored neighbours, float32, descending
    added TEXT NOT NULL                   -- when it was stored (ISO-8601, UTC)
);
CREATE INDEX IF NOT EXISTS statements_actor ON statements(actor);
CREATE TABLE IF NOT EXISTS nli (
    premise INTEGER NOT NULL REFERENCES texts(id),
    hypothesis INTEGER NOT NULL REFERENCES texts(id),
    model INTEGER NOT NULL REFERENCES models(id),
    entailment REAL NOT NULL,
    neutral REAL NOT NULL,
    contradiction REAL NOT NULL,
    split INTEGER NOT NULL,               -- 1 when long texts were scored sentence by sentence
    PRIMARY KEY (premise, hypothesis, model)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pairs (
    a INTEGER NOT NULL REFERENCES statements(seq),   -- the earlier statement
    b INTEGER NOT NULL REFERENCES statements(seq),
    similarity REAL NOT NULL,
    verdict TEXT,                         -- NULL while pending
    p_contradiction REAL,
    finding TEXT,                         -- Finding.to_dict() without 'a' and 'b' (JSON), NULL while pending
    model INTEGER REFERENCES models(id),  -- the NLI model of the finding
    config INTEGER REFERENCES configs(id),
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS pairs_b ON pairs(b);
CREATE INDEX IF NOT EXISTS pairs_verdict ON pairs(verdict);
CREATE INDEX IF NOT EXISTS pairs_pending ON pairs(a, b) WHERE finding IS NULL;
"""


# --------------------------------------------------------------------------------------------------- results


@dataclass(frozen=True)
class AddStats:
    """What one :meth:`Archive.add` (or :meth:`Archive.score_pending`, :meth:`Archive.rescore`) did.

    Attributes:
        statements_added: statements stored by this call.
        statements_known: given statements already in the archive with the same content (not stored again).
        pairs_new: candidate pairs found for the added statements (stored as pending first).
        pairs_scored: pairs decided by this call whose NLI scores were computed (at least one direction was not
            yet stored for the archive's NLI model).
        pairs_reused: pairs decided by this call from NLI scores already stored (the same two texts in other
            statements, or scores an interrupted call committed).
        pairs_pending: pairs involving the given statements still unscored when the call returned
            (``score=False``).
        seconds_read: validating the input and looking up known statements.
        seconds_embed: embedding the new texts.
        seconds_neighbours: loading stored embeddings and searching neighbours.
        seconds_nli: looking up and computing NLI scores.
        seconds_decide: the verdict rules.
        seconds_write: writing and committing.

    Example:
        >>> AddStats(statements_added=2, pairs_scored=1).seconds_total
        0.0
    """

    statements_added: int = 0
    statements_known: int = 0
    pairs_new: int = 0
    pairs_scored: int = 0
    pairs_reused: int = 0
    pairs_pending: int = 0
    seconds_read: float = 0.0
    seconds_embed: float = 0.0
    seconds_neighbours: float = 0.0
    seconds_nli: float = 0.0
    seconds_decide: float = 0.0
    seconds_write: float = 0.0

    @property
    def seconds_total(self) -> float:
        """The sum of the stage times."""
        return (self.seconds_read + self.seconds_embed + self.seconds_neighbours + self.seconds_nli
                + self.seconds_decide + self.seconds_write)

    def to_dict(self) -> dict[str, Any]:
        """The fields and ``seconds_total``, JSON-ready.

        Example:
            >>> AddStats().to_dict()["pairs_scored"]
            0
        """
        return {**dataclasses.asdict(self), "seconds_total": self.seconds_total}


@dataclass(frozen=True)
class RedecideStats:
    """What :meth:`Archive.redecide` changed.

    Attributes:
        pairs: findings decided again.
        changed: findings whose verdict changed.
        transitions: ``(old verdict, new verdict) -> count`` for the changed ones.
        seconds: time taken.

    Example:
        >>> RedecideStats(pairs=3, changed=1, transitions={("consistent", "contradiction"): 1}).changed
        1
    """

    pairs: int = 0
    changed: int = 0
    transitions: Mapping[tuple[str, str], int] = field(default_factory=dict)
    seconds: float = 0.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "transitions", MappingProxyType(dict(self.transitions)))


@dataclass(frozen=True)
class TimelineEntry:
    """One statement of an actor's :meth:`Archive.timeline`, with the findings it is part of.

    Attributes:
        statement: the statement.
        findings: its findings (it is ``a`` or ``b``), sorted as :meth:`Detector.find
            <contradict.detector.Detector.find>` sorts.

    Example:
        >>> TimelineEntry(Statement("k1", "No change."), Findings()).statement.id
        'k1'
    """

    statement: Statement
    findings: Findings


# --------------------------------------------------------------------------------------------------- helpers


def config_hash(config: Config) -> str:
    """The hash every stored finding carries: sha256 of the verdict settings and the pairing settings that decide
    which pairs exist (:data:`PAIRING_KEYS`), as sorted JSON.

    Example:
        >>> config_hash(Config()) == config_hash(Config())
        True
        >>> from contradict import load_config
        >>> config_hash(load_config(overrides={"verdict.contradiction_threshold": 0.9})) == config_hash(Config())
        False
    """
    return hashlib.sha256(_config_body(config).encode("utf-8")).hexdigest()


def _config_body(config: Config) -> str:
    body = {"verdict": dataclasses.asdict(config.verdict), "pairing": _pairing_settings(config)}
    return json.dumps(body, sort_keys=True)


def _pairing_settings(config: Config) -> dict[str, Any]:
    return {key: getattr(config.pairing, key) for key in PAIRING_KEYS}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _text_hash(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).digest()[:16]


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _f16(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f2").tobytes()


def _knn_blob(sims: np.ndarray) -> bytes:
    return np.asarray(sims, dtype="<f4").tobytes()


def _nearest(corpus: np.ndarray, queries: np.ndarray, k: int,
             exclude: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The one neighbour search of the archive: ``k`` most similar corpus rows per query row
    (:func:`contradict.neighbours.search`; index -1 where there are fewer)."""
    return neighbours.search(corpus, queries, k, exclude=exclude)


def _day(value: Any, name: str) -> date | None:
    """A ``since``/``until`` filter as a calendar day (a date, an aware datetime or an ISO string)."""
    if value is None:
        return None
    return as_date(parse_time(value, field_name=name))


def _verdicts(value: Any) -> set[str] | None:
    """``verdict=`` of :meth:`Archive.findings`: None, one verdict, or several (names or :class:`Verdict`)."""
    if value is None:
        return None
    items = [value] if isinstance(value, (str, Verdict)) else value
    if not isinstance(items, Iterable):
        raise InputTypeError(f"expected a verdict name, a Verdict or a list of them, got {type(value).__name__}",
                             field="verdict")
    out = set()
    for item in items:
        try:
            out.add(Verdict(item).value)
        except ValueError:
            raise InputError(f"expected one of {', '.join(v.value for v in Verdict)}, got {item!r}",
                             field="verdict") from None
    return out


class _When:
    """What :func:`contradict.pairing.ordered_pair` reads of a statement: its time (here its calendar day)."""

    __slots__ = ("time",)

    def __init__(self, day: str | None) -> None:
        self.time = date.fromisoformat(day) if day else None


# --------------------------------------------------------------------------------------------------- archive


class Archive:
    """A growing archive of statements in one SQLite file; each new statement is checked against all stored ones.

    Args:
        path: the archive file (created by the first :meth:`add`; reading an absent file is an error).
        config: the configuration (the packaged defaults when None and no ``detector`` is given). Its pairing
            settings (:data:`PAIRING_KEYS`) are fixed when the archive is created.
        detector: the :class:`~contradict.detector.Detector` whose stages embed, score and decide (one is built
            from ``config`` when None); its ``config`` is the archive's config.
        batch_size: candidate pairs scored and committed per transaction (>= 1).
        progress: show a progress bar while scoring.

    The constructor stores its arguments; the file is opened on first use and no model is loaded until one is
    needed. Resolved values have a trailing underscore: ``config_``, ``detector_``. Use it as a context manager
    or call :meth:`close`.

    Raises:
        ConfigError: ``batch_size`` is below 1, or ``config`` and ``detector.config`` differ.

    Example:
        >>> archive = Archive("newsroom.db", batch_size=64)   # nothing opened or loaded yet
        >>> archive.batch_size
        64
    """

    def __init__(self, path: str | Path, config: Config | None = None, *, detector: Detector | None = None,
                 batch_size: int = 256, progress: bool = False) -> None:
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ConfigError([f"batch_size: must be an integer >= 1, got {batch_size!r}"])
        if detector is not None and config is not None and config != detector.config:
            raise ConfigError(["config: differs from detector.config; give one of them"])
        self.path = path
        self.config = config
        self.detector = detector
        self.batch_size = batch_size
        self.progress = progress
        self.detector_: Detector | None = None
        self.config_: Config | None = None
        self._conn: sqlite3.Connection | None = None
        self._identity: dict[str, tuple[str, str]] = {}

    def __repr__(self) -> str:
        return f"Archive({str(self.path)!r})"

    # ----------------------------------------------------------------- lifetime
    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the file (the last connection's close folds the write-ahead log into it). Safe to call twice.

        Example:
            >>> Archive("newsroom.db").close()   # nothing was opened
        """
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # ----------------------------------------------------------------- components (lazy)
    def _detector(self) -> Detector:
        if self.detector_ is None:
            self.detector_ = self.detector if self.detector is not None else Detector(self.config)
            self.config_ = self.detector_.config
        return self.detector_

    def _config(self) -> Config:
        return self._detector().config

    def _actors(self) -> Any:
        from .verdict import default_actor_table

        det = self._detector()
        return det.actors_ if det.actors_ is not None else default_actor_table()

    def _embedding_identity(self) -> tuple[str, str]:
        """(sha256, name) of the embedding model; the archive refuses embeddings that depend on the corpus."""
        if "embedding" in self._identity:
            return self._identity["embedding"]
        det = self._detector()
        cfg = det.config.pairing
        emb: Any = det.embedder if det.embedder is not None else det.embedder_
        corpus_bound = ConfigError([("pairing.method: an archive needs a fixed embedding model ('embedding' or "
                                     "'all'); TF-IDF vectors depend on the whole corpus, so stored ones would not "
                                     "compare with later ones")])
        if isinstance(emb, TfidfEmbedder) or (emb is None and cfg.method == "tfidf"):
            raise corpus_bound
        if emb is not None and hasattr(emb, "weights_sha256"):
            sha, name = emb.weights_sha256(), type(emb).__name__
        else:
            if emb is None:
                model = cfg.embedding_model
            elif isinstance(emb, MiniLMEmbedder):
                model = emb.model_name
            else:
                raise ModelMismatchError(f"cannot tie stored embeddings to the embedder {type(emb).__name__}: give it "
                                         "a weights_sha256() method, or use the configured embedding model")
            name = minilm_path() if model == BUILTIN else model
            sha = HFNLIScorer(name).weights_sha256()  # the one rule for hashing a model folder's weights file
        if not sha:
            raise ModelMismatchError(f"the embedding model {name} has no local weights file to hash; an archive "
                                     "ties its embeddings to one, so give a local model directory")
        self._identity["embedding"] = (sha, str(name))
        return self._identity["embedding"]

    def _nli_identity(self) -> tuple[str, str]:
        """(sha256 or 'unhashed:<name>', name) of the detector's NLI model."""
        if "nli" not in self._identity:
            info = self._detector().model_info()
            name = str(info["model"])
            self._identity["nli"] = (info["sha256"] or f"unhashed:{name}", name)
        return self._identity["nli"]

    # ----------------------------------------------------------------- the file
    def _db(self, *, create: bool = False) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = self._open(create)
        return self._conn

    def _open(self, create: bool) -> sqlite3.Connection:
        where = str(self.path)
        path = Path(self.path)
        if path.is_dir():
            raise ArchiveError("is a folder, not an archive file", source=where)
        empty = not path.exists() or path.stat().st_size == 0
        if empty and not create:
            raise ArchiveError("no archive here (Archive.add or `contradict add` creates one)", source=where)
        if empty and not path.parent.is_dir():
            raise ArchiveError(f"the folder {path.parent} does not exist", source=where)
        try:
            conn = sqlite3.connect(where, isolation_level=None, timeout=120.0)
        except sqlite3.Error as exc:
            raise ArchiveError(f"cannot open: {exc}", source=where) from None
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise ArchiveError(f"is not a contradict archive (not an SQLite database: {exc})", source=where) from None
        try:
            if tables and "archive_info" not in tables:
                raise ArchiveError("is an SQLite database but not a contradict archive (its tables: "
                                   f"{', '.join(sorted(tables))})", source=where)
            if not tables and not create:
                raise ArchiveError("is an empty database, not an archive yet (Archive.add creates one)", source=where)
            mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                logger.warning("%s: the file system does not allow WAL mode; using %s", where, mode)
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=FULL")
            if not tables:
                self._create(conn)
            self._check_schema(conn, where)
        except BaseException:
            conn.close()
            raise
        return conn

    @staticmethod
    def _create(conn: sqlite3.Connection) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            by = f"contradict {version('contradict')}"
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            by = "contradict"
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _SCHEMA.split(";\n"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute("INSERT OR IGNORE INTO schema_version VALUES (?, ?)", (SCHEMA_VERSION, _now()))
            conn.executemany("INSERT OR IGNORE INTO archive_info VALUES (?, ?)",
                             [("application", _APPLICATION), ("created", _now()), ("created_by", by)])
            conn.execute(f"PRAGMA application_id={_APPLICATION_ID}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    @staticmethod
    def _check_schema(conn: sqlite3.Connection, where: str) -> None:
        info = dict(conn.execute("SELECT key, value FROM archive_info").fetchall())
        if info.get("application") != _APPLICATION:
            raise ArchiveError("is not a contradict archive (its archive_info names no contradict archive)",
                               source=where)
        try:
            version = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
        except sqlite3.OperationalError:
            version = None
        if version is None:
            raise ArchiveError("is a damaged archive: its schema_version table is missing or empty", source=where)
        if version > SCHEMA_VERSION:
            raise ArchiveError(f"was written with archive schema {version}; this version of contradict reads schema "
                               f"{SCHEMA_VERSION} and older, so upgrade contradict to use it", source=where)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (taking the write lock at once); rolled back on any error or interrupt."""
        conn = self._db(create=True)
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @contextmanager
    def _snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: every query inside sees the same committed state."""
        conn = self._db()
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")

    @staticmethod
    def _info(conn: sqlite3.Connection) -> dict[str, str]:
        return dict(conn.execute("SELECT key, value FROM archive_info").fetchall())

    @staticmethod
    def _set_info(conn: sqlite3.Connection, key: str, value: str) -> None:
        conn.execute("INSERT OR REPLACE INTO archive_info VALUES (?, ?)", (key, value))

    @staticmethod
    def _model_id(conn: sqlite3.Connection, kind: str, identity: tuple[str, str]) -> int:
        sha, name = identity
        conn.execute("INSERT OR IGNORE INTO models (kind, sha256, name) VALUES (?, ?, ?)", (kind, sha, name))
        return int(conn.execute("SELECT id FROM models WHERE kind = ? AND sha256 = ?", (kind, sha)).fetchone()[0])

    def _config_id(self, conn: sqlite3.Connection, config: Config) -> int:
        digest = config_hash(config)
        conn.execute("INSERT OR IGNORE INTO configs (hash, body) VALUES (?, ?)", (digest, _config_body(config)))
        return int(conn.execute("SELECT id FROM configs WHERE hash = ?", (digest,)).fetchone()[0])

    # ----------------------------------------------------------------- checks (before anything is written)
    def _check_pairing(self, info: Mapping[str, str], config: Config) -> None:
        stored = info.get("pairing")
        if stored is None:
            return
        fixed = json.loads(stored)
        given = _pairing_settings(config)
        problems = [f"pairing.{key}: the archive pairs with {fixed[key]!r} (fixed when it was created), this config "
                    f"has {given[key]!r}; use the archive's value or start a new archive"
                    for key in PAIRING_KEYS if key in fixed and fixed[key] != given[key]]
        if problems:
            raise ConfigError([f"{self.path}: {p}" for p in problems])

    def _check_embedding(self, info: Mapping[str, str]) -> None:
        stored = info.get("embedding_model")
        sha, name = self._embedding_identity()
        if stored is not None and stored != sha:
            raise ModelMismatchError(f"{self.path}: the archive's embeddings come from the embedding model with sha256 "
                                     f"{stored[:12]}..., the configured one ({name}) is {sha[:12]}...; embeddings "
                                     "of two models do not compare: use the archive's embedding model or start a "
                                     "new archive")

    def _check_scoring(self, conn: sqlite3.Connection, info: Mapping[str, str]) -> None:
        """Refuse to mix NLI models or verdict settings among the stored findings."""
        sha, name = self._nli_identity()
        stored = info.get("nli_model")
        if stored is not None and stored != sha:
            raise ModelMismatchError(
                f"{self.path}: the archive's NLI scores come from the model with sha256 {stored[:16]}..., the "
                f"detector's model ({name}) is {sha[:16]}...; scores are never mixed or replaced silently: rescore "
                "the archive explicitly with Archive.rescore() (on the command line: contradict add --rescore), or "
                "use the archive's model")
        current = info.get("config")
        digest = config_hash(self._config())
        if current is None or current == digest or not self._has_findings(conn):
            return
        row = conn.execute("SELECT body FROM configs WHERE hash = ?", (current,)).fetchone()
        old = json.loads(row[0])["verdict"] if row else {}
        new = dataclasses.asdict(self._config().verdict)
        changed = [f"verdict.{k}: the archive's findings were decided with {old.get(k)!r}, this config has {v!r}"
                   for k, v in new.items() if old.get(k) != v]
        if not changed:
            changed = [f"verdict: the archive's findings were decided with another config ({current[:12]}...)"]
        advice = ("re-decide the stored findings with this config first (Archive.redecide(config), no model run; on "
                  "the command line: contradict add --redecide), or use the archive's config")
        raise ConfigError([f"{self.path}: {c}" for c in changed] + [advice])

    @staticmethod
    def _has_findings(conn: sqlite3.Connection) -> bool:
        return conn.execute("SELECT 1 FROM pairs WHERE finding IS NOT NULL LIMIT 1").fetchone() is not None

    # ----------------------------------------------------------------- reading stored statements
    @staticmethod
    def _row_statement(row: Sequence[Any]) -> Statement:
        """A Statement from ``(id, text, speaker, time, source, meta)``."""
        sid, text, speaker, when, source, meta = row
        return Statement(id=sid, text=text, speaker=speaker, time=parse_time(when, record=f"id {sid!r}"),
                         source=source, meta=json.loads(meta) if meta else {})

    _STATEMENT_COLUMNS = "s.id, t.text, s.speaker, s.time, s.source, s.meta"

    def _statements_by_seq(self, conn: sqlite3.Connection, seqs: Iterable[int]) -> dict[int, tuple[Statement, int]]:
        """seq -> (Statement, text id)."""
        out: dict[int, tuple[Statement, int]] = {}
        for part in _chunks(sorted(set(seqs))):
            marks = ",".join("?" * len(part))
            for row in conn.execute(f"SELECT s.seq, s.text_id, {self._STATEMENT_COLUMNS} FROM statements s "
                                    f"JOIN texts t ON t.id = s.text_id WHERE s.seq IN ({marks})", list(part)):
                out[row[0]] = (self._row_statement(row[2:]), row[1])
        return out

    def _stored_by_id(self, conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, Statement]:
        out: dict[str, Statement] = {}
        for part in _chunks(list(ids)):
            marks = ",".join("?" * len(part))
            for row in conn.execute(f"SELECT {self._STATEMENT_COLUMNS} FROM statements s JOIN texts t "
                                    f"ON t.id = s.text_id WHERE s.id IN ({marks})", list(part)):
                out[row[0]] = self._row_statement(row)
        return out

    def get(self, statement_id: str) -> Statement | None:
        """The stored statement with this id, or None.

        Example:
            >>> Archive("newsroom.db").get("kirby-0528-no-change").speaker      # doctest: +SKIP
            'White House (John Kirby)'
        """
        if not Path(self.path).exists():
            return None
        with self._snapshot() as conn:
            return self._stored_by_id(conn, [statement_id]).get(statement_id)

    # ----------------------------------------------------------------- add
    def add(self, statements: Any, *, score: bool = True, format: str | None = None) -> AddStats:
        """Store new statements and score every unscored candidate pair that involves one of them.

        Each statement is validated as :func:`~contradict.io.read_statements` validates (with the config's
        ``input.max_chars`` and ``input.skip_invalid``); a statement already stored with the same id and content
        is *known* and not stored again; the same id with another text, speaker, time or source is an error. The
        new statements, their embeddings and their candidate pairs (pending) are written in one transaction;
        then the pending pairs that involve any given statement (new or known) are scored in batches of
        ``batch_size``, each committed on its own. An interrupted ``add`` is finished by running it again.

        Args:
            statements: what :func:`~contradict.io.read_statements` reads: a statements file, a DataFrame, or
                dicts / :class:`~contradict.records.Statement` objects.
            score: False stores the statements, embeddings and pending pairs without running the NLI model (for
                backfilling a large archive quickly); a later ``add`` of the same statements, or
                :meth:`score_pending`, scores them.
            format: ``"jsonl"``, ``"json"`` or ``"csv"`` for a file whose suffix does not say.

        Returns:
            :class:`AddStats`: counts and seconds per stage.

        Raises:
            InputError: a record is invalid, or an id is stored with other content (naming the record and field);
                the archive is left unchanged.
            ArchiveError: the file is not an archive, or was written by a newer version.
            ConfigError: the pairing settings differ from the archive's, or (when scoring) the stored findings were
                decided with other verdict settings (see :meth:`redecide`).
            ModelMismatchError: the archive holds embeddings or NLI scores of another model (see :meth:`rescore`).

        Example:
            >>> stats = Archive("newsroom.db").add("fixtures/seed/statements.jsonl")   # doctest: +SKIP
            >>> stats.statements_added, stats.pairs_scored                           # doctest: +SKIP
            (4, 6)
        """
        clock = _Clock()
        with clock("read"):
            config = self._config()
            source = str(statements) if isinstance(statements, (str, os.PathLike)) else None
            items = io.read_statements(statements, format=format, skip_invalid=config.input.skip_invalid,
                                       max_chars=config.input.max_chars)
            metas = [self._meta_json(s) for s in items]
        self._embedding_identity()  # refuse a corpus-bound embedder before the file is created
        conn = self._db(create=True)
        with clock("read"), self._snapshot():
            info = self._info(conn)
            self._check_pairing(info, config)
            self._check_embedding(info)
            stored = self._stored_by_id(conn, [s.id for s in items])
            new = self._classify(items, stored, source)
            if score:
                self._check_scoring(conn, info)
        with clock("embed"):
            vectors = self._embed_new([items[i] for i in new], conn)
        with clock("write"), self._transaction():
            # another process may have added some of them meanwhile: classify again under the write lock
            stored = self._stored_by_id(conn, [items[i].id for i in new])
            keep = [n for n, i in enumerate(new) if items[i].id not in stored]
            self._classify([items[new[n]] for n in keep], stored, source)
            fresh = [items[new[n]] for n in keep]
            pairs_new = self._insert(conn, fresh, [metas[new[n]] for n in keep],
                                     [vectors[n] for n in keep], clock)
        added = len(fresh)
        counts: dict[str, Any] = {"statements_added": added, "statements_known": len(items) - added, "pairs_new": pairs_new}
        given = [s.id for s in items]
        if score:
            counts.update(self._score(given, clock))
        with self._snapshot():
            counts["pairs_pending"] = self._count_pending(conn, given)
        stats = AddStats(**counts, **clock.seconds())
        logger.info("%s: %d statements added, %d known; %d new pairs; %d scored, %d reused, %d pending (%.1f s)",
                    self.path, stats.statements_added, stats.statements_known, stats.pairs_new, stats.pairs_scored,
                    stats.pairs_reused, stats.pairs_pending, stats.seconds_total)
        return stats

    @staticmethod
    def _meta_json(statement: Statement) -> str | None:
        if not statement.meta:
            return None
        try:
            return io._to_json(dict(statement.meta), f"id {statement.id!r}")
        except InputError as err:
            raise InputTypeError(err.reason, record=err.record, field="meta") from None

    @staticmethod
    def _classify(items: Sequence[Statement], stored: Mapping[str, Statement], source: str | None) -> list[int]:
        """Positions of the statements not yet stored; a stored id with other content is an error."""
        new = []
        for n, item in enumerate(items):
            old = stored.get(item.id)
            if old is None:
                new.append(n)
                continue
            for name in ("text", "speaker", "time", "source"):
                was, now = getattr(old, name), getattr(item, name)
                if was != now:
                    shown = was.isoformat() if isinstance(was, (date, datetime)) else was
                    if isinstance(shown, str) and len(shown) > 80:
                        shown = shown[:77] + "..."
                    raise InputError(f"id {item.id!r} is already in the archive with another {name} ({shown!r}); a "
                                     "stored statement never changes: give this one a new id",
                                     record=f"id {item.id!r}", field=name, source=source)
        return new

    def _embed_new(self, fresh: Sequence[Statement], conn: sqlite3.Connection) -> list[np.ndarray]:
        """One float32 vector per statement: stored texts keep their stored embedding, others are embedded."""
        hashes = [_text_hash(s.text) for s in fresh]
        known: dict[bytes, np.ndarray] = {}
        for part in _chunks(list(dict.fromkeys(hashes))):
            marks = ",".join("?" * len(part))
            for digest, blob in conn.execute(f"SELECT hash, embedding FROM texts WHERE hash IN ({marks})", list(part)):
                known[digest] = np.frombuffer(blob, dtype="<f2").astype(np.float32)
        todo = list(dict.fromkeys(s.text for s, h in zip(fresh, hashes) if h not in known))
        if todo:
            emb = np.asarray(self._detector().embed(todo), dtype=np.float32)
            if emb.ndim != 2 or emb.shape[0] != len(todo):
                raise ModelMismatchError(f"the embedder returned shape {emb.shape} for {len(todo)} texts")
            for text, row in zip(todo, emb):
                known[_text_hash(text)] = row
        return [known[h] for h in hashes]

    def _insert(self, conn: sqlite3.Connection, fresh: Sequence[Statement], metas: Sequence[str | None],
                vectors: Sequence[np.ndarray], clock: _Clock) -> int:
        """Store statements, texts and pending pairs (inside the caller's transaction); return the new pairs."""
        config = self._config()
        info = self._info(conn)
        if "pairing" not in info:
            self._set_info(conn, "pairing", json.dumps(_pairing_settings(config), sort_keys=True))
        if not fresh:
            return 0
        emb_model = self._model_id(conn, "embedding", self._embedding_identity())
        dim = int(vectors[0].shape[0])
        if "embedding_model" not in info:
            self._set_info(conn, "embedding_model", self._embedding_identity()[0])
            self._set_info(conn, "embedding_dim", str(dim))
        elif int(info.get("embedding_dim", dim)) != dim:
            raise ModelMismatchError(f"{self.path}: stored embeddings have {info['embedding_dim']} values, new ones {dim}")
        text_ids: dict[str, int] = {}
        for s, vector in zip(fresh, vectors):
            if s.text in text_ids:
                continue
            digest = _text_hash(s.text)
            conn.execute("INSERT OR IGNORE INTO texts (hash, text, embedding, embedding_model) VALUES (?, ?, ?, ?)",
                         (digest, s.text, _f16(vector), emb_model))
            text_ids[s.text] = int(conn.execute("SELECT id FROM texts WHERE hash = ?", (digest,)).fetchone()[0])
        actors = self._actors()
        actor_of = [actors.resolve(s.speaker, s.meta.get("organisation")) for s in fresh]
        first = int(conn.execute("SELECT COALESCE(MAX(seq), 0) FROM statements").fetchone()[0]) + 1
        seqs = np.arange(first, first + len(fresh), dtype=np.int64)
        days = [d.isoformat() if (d := as_date(s.time)) is not None else None for s in fresh]
        with clock("neighbours"):
            pairs, knn_new, knn_old = self._neighbours(conn, seqs, np.vstack(vectors), actor_of, days)
        now = _now()
        conn.executemany(
            "INSERT INTO statements (seq, id, text_id, speaker, time, day, source, organisation, meta, actor, knn, "
            "added) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(int(q), s.id, text_ids[s.text], s.speaker, s.time.isoformat() if s.time is not None else None, d,
              s.source, s.meta.get("organisation") if isinstance(s.meta.get("organisation"), str) else None, m,
              actor, _knn_blob(knn_new[int(q)]), now)
             for q, s, d, m, actor in zip(seqs, fresh, days, metas, actor_of)])
        conn.executemany("UPDATE statements SET knn = ? WHERE seq = ?",
                         [(_knn_blob(sims), seq) for seq, sims in knn_old.items()])
        conn.executemany("INSERT OR IGNORE INTO pairs (a, b, similarity) VALUES (?, ?, ?)", pairs)
        return len(pairs)

    def _neighbours(self, conn: sqlite3.Connection, seqs: np.ndarray, vectors: np.ndarray,
                    actor_of: Sequence[str | None], days: Sequence[str | None],
                    ) -> tuple[list[tuple[int, int, float]], dict[int, np.ndarray], dict[int, np.ndarray]]:
        """Candidate pairs of the new statements with all stored ones and each other (see the module docs).

        Returns:
            ``(pairs, knn of each new statement, updated knn of stored statements)``; pairs as ``(a, b, sim)``
            with ``a`` the earlier statement.
        """
        cfg = self._config().pairing
        every = cfg.method == "all"
        k, floor = cfg.k, (-math.inf if every else cfg.similarity_floor - _EPS)
        group_new = [a if cfg.same_speaker_only else "" for a in actor_of]
        sql = ("SELECT s.seq, s.actor, s.day, s.knn, t.embedding FROM statements s JOIN texts t ON t.id = s.text_id")
        params: list[Any] = []
        if cfg.same_speaker_only:
            wanted = sorted({a for a in group_new if a is not None})
            sql += f" WHERE s.actor IN ({','.join('?' * len(wanted))})"
            params = wanted
        rows = conn.execute(sql + " ORDER BY s.seq", params).fetchall() if params or not cfg.same_speaker_only else []
        old_seq = np.array([r[0] for r in rows], dtype=np.int64)
        group_old = [r[1] if cfg.same_speaker_only else "" for r in rows]
        when: dict[int, str | None] = {int(r[0]): r[2] for r in rows}
        when.update({int(q): d for q, d in zip(seqs, days)})
        old_knn = [np.frombuffer(r[3], dtype="<f4") for r in rows]
        dim = vectors.shape[1]
        old_emb = (np.frombuffer(b"".join(r[4] for r in rows), dtype="<f2").reshape(len(rows), dim)
                   .astype(np.float32) if rows else np.zeros((0, dim), dtype=np.float32))
        found: dict[tuple[int, int], float] = {}

        def keep(x: int, y: int, sim: float) -> None:
            key = (x, y) if x < y else (y, x)
            if sim > found.get(key, -math.inf):
                found[key] = sim

        knn_new: dict[int, np.ndarray] = {}
        knn_old: dict[int, np.ndarray] = {}
        members_old: dict[str | None, list[int]] = {}
        for n, g in enumerate(group_old):
            members_old.setdefault(g, []).append(n)
        members_new: dict[str | None, list[int]] = {}
        for n, g in enumerate(group_new):
            members_new.setdefault(g, []).append(n)
        for g, new_rows in members_new.items():
            new_idx = np.array(new_rows, dtype=np.int64)
            if g is None:  # an unknown actor pairs with nobody under same_speaker_only
                knn_new.update({int(seqs[n]): np.zeros(0, dtype=np.float32) for n in new_rows})
                continue
            old_idx = np.array(members_old.get(g, []), dtype=np.int64)
            old_part = old_emb if len(old_idx) == len(old_emb) else old_emb[old_idx]  # no copy in the common case
            corpus = np.vstack([old_part, vectors[new_idx]])
            corpus_seq = np.concatenate([old_seq[old_idx], seqs[new_idx]])
            queries = vectors[new_idx]
            want = len(corpus) - 1 if every else k + _SLACK
            idx, sims = (_nearest(corpus, queries, want, np.arange(len(old_idx), len(corpus)))
                         if want > 0 else (np.zeros((len(new_idx), 0), dtype=np.int64),
                                           np.zeros((len(new_idx), 0), dtype=np.float32)))
            for r, n in enumerate(new_rows):
                valid = idx[r] >= 0
                ri, rs = idx[r][valid], sims[r][valid]
                knn_new[int(seqs[n])] = rs[:k].astype(np.float32)
                cut = rs[k - 1] - _EPS if (len(rs) >= k and not every) else -math.inf
                for j, s in zip(ri, rs):
                    if s >= cut and s >= floor:
                        keep(int(seqs[n]), int(corpus_seq[j]), float(s))
            if every or not len(old_idx):
                continue
            # the reverse direction: a new statement may enter a stored one's k nearest
            idx2, sims2 = _nearest(vectors[new_idx], old_part, min(k + _SLACK, len(new_idx)))
            for r, o in enumerate(old_idx):
                valid = idx2[r] >= 0
                ri, rs = idx2[r][valid], sims2[r][valid]
                stored = old_knn[o]
                kth = float(stored[k - 1]) if len(stored) >= k else -math.inf
                for j, s in zip(ri, rs):
                    if s >= kth - _EPS and s >= floor:
                        keep(int(old_seq[o]), int(seqs[new_idx[j]]), float(s))
                if len(rs) and (len(stored) < k or rs[0] > kth):
                    knn_old[int(old_seq[o])] = np.sort(np.concatenate([stored, rs[:k]]))[::-1][:k].astype(np.float32)
        pairs = []
        window = self._config().pairing.time_window_days
        for (lo, hi), sim in found.items():
            d_lo, d_hi = _When(when[lo]), _When(when[hi])
            if window > 0 and d_lo.time is not None and d_hi.time is not None \
                    and abs((d_lo.time - d_hi.time).days) > window:
                continue
            i, j = ordered_pair([d_lo, d_hi], 0, 1)  # type: ignore[list-item]  # it reads .time only
            pairs.append(((lo, hi)[i], (lo, hi)[j], sim))
        pairs.sort()
        return pairs, knn_new, knn_old

    # ----------------------------------------------------------------- scoring
    def score_pending(self) -> AddStats:
        """Score every pending pair of the archive (what ``add(..., score=False)`` left, or an interrupted run).

        Returns:
            :class:`AddStats` with the pair counts and the NLI, decide and write seconds.

        Raises:
            ModelMismatchError, ConfigError: as :meth:`add` when scoring.

        Example:
            >>> Archive("newsroom.db").score_pending().pairs_pending      # doctest: +SKIP
            0
        """
        clock = _Clock()
        conn = self._db()
        with self._snapshot():
            self._check_scoring(conn, self._info(conn))
        counts = self._score(None, clock)
        with self._snapshot():
            pending = self._count_pending(conn, None)
        return AddStats(**counts, pairs_pending=pending, **clock.seconds())

    def rescore(self) -> AddStats:
        """Score every stored pair again with the detector's NLI model (explicitly replacing another model's scores).

        In one transaction the archive switches to the detector's model: the other model's NLI scores are deleted
        and every pair becomes pending; then the pairs are scored in committed batches, as :meth:`add` scores. If
        interrupted, run it again (or :meth:`score_pending`): committed batches are kept. With the archive's own
        model it only scores what is pending.

        Returns:
            :class:`AddStats` of the scoring.

        Example:
            >>> Archive("newsroom.db", load_config("retrained.toml")).rescore().pairs_scored   # doctest: +SKIP
            1234
        """
        conn = self._db()
        sha, _ = self._nli_identity()
        with self._snapshot():
            info = self._info(conn)
            self._check_pairing(info, self._config())
        if info.get("nli_model") not in (None, sha):
            with self._transaction():
                model = self._model_id(conn, "nli", self._nli_identity())
                conn.execute("DELETE FROM nli WHERE model != ?", (model,))
                conn.execute("UPDATE pairs SET verdict = NULL, p_contradiction = NULL, finding = NULL, model = NULL, "
                             "config = NULL WHERE finding IS NOT NULL")
                self._set_info(conn, "nli_model", sha)
                self._set_info(conn, "config", config_hash(self._config()))
            logger.info("%s: switched to the NLI model %s; every pair is pending", self.path, sha[:12])
        return self.score_pending()

    def _pending(self, conn: sqlite3.Connection, ids: Sequence[str] | None) -> list[tuple[int, int, float]]:
        if ids is None:
            return conn.execute("SELECT a, b, similarity FROM pairs WHERE finding IS NULL ORDER BY a, b").fetchall()
        seqs = self._seqs(conn, ids)
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS given (seq INTEGER PRIMARY KEY)")
        conn.execute("DELETE FROM temp.given")
        conn.executemany("INSERT OR IGNORE INTO temp.given VALUES (?)", [(q,) for q in seqs])
        return conn.execute("SELECT a, b, similarity FROM pairs WHERE finding IS NULL AND (a IN (SELECT seq FROM "
                            "temp.given) OR b IN (SELECT seq FROM temp.given)) ORDER BY a, b").fetchall()

    def _count_pending(self, conn: sqlite3.Connection, ids: Sequence[str] | None) -> int:
        return len(self._pending(conn, ids))

    @staticmethod
    def _seqs(conn: sqlite3.Connection, ids: Sequence[str]) -> list[int]:
        out: list[int] = []
        for part in _chunks(list(ids)):
            marks = ",".join("?" * len(part))
            out += [r[0] for r in conn.execute(f"SELECT seq FROM statements WHERE id IN ({marks})", list(part))]
        return out

    def _score(self, ids: Sequence[str] | None, clock: _Clock) -> dict[str, int]:
        """Score the pending pairs that involve ``ids`` (all pending pairs for None), one transaction per batch."""
        conn = self._db()
        with clock("read"), self._snapshot():
            pending = self._pending(conn, ids)
        if not pending:
            return {"pairs_scored": 0, "pairs_reused": 0}
        config = self._config()
        det = self._detector()
        with clock("write"), self._transaction():
            model = self._model_id(conn, "nli", self._nli_identity())
            config_id = self._config_id(conn, config)
            self._set_info(conn, "nli_model", self._nli_identity()[0])
            self._set_info(conn, "config", config_hash(config))
        scored = reused = 0
        bar = None
        if self.progress and len(pending) > self.batch_size:
            from tqdm.auto import tqdm

            bar = tqdm(total=len(pending), desc="pairs", unit="pair")
        try:
            for batch in _chunks(pending, self.batch_size):
                with clock("read"), self._snapshot():
                    known = self._statements_by_seq(conn, [q for a, b, _ in batch for q in (a, b)])
                with clock("nli"):
                    keys = list(dict.fromkeys(k for a, b, _ in batch
                                              for k in ((known[a][1], known[b][1]), (known[b][1], known[a][1]))))
                    with self._snapshot():
                        stored = self._nli_rows(conn, keys, model)
                    texts = {tid: s.text for s, tid in known.values()}
                    todo = [key for key in keys if key not in stored]
                    if todo:
                        res = det.nli_scores([(texts[p], texts[h]) for p, h in todo])
                        fresh = {key: (res.probs[n], bool(res.split[n])) for n, key in enumerate(todo)}
                    else:
                        fresh = {}
                    scores = {**stored, **fresh}
                with clock("decide"):
                    rows = []
                    for a, b, sim in batch:
                        (sa, ta), (sb, tb) = known[a], known[b]
                        (pab, split_ab), (pba, split_ba) = scores[(ta, tb)], scores[(tb, ta)]
                        finding = det.decide_scored(sa, sb, pab, pba, sim, split=split_ab or split_ba)
                        body = finding.to_dict()
                        del body["a"], body["b"]
                        rows.append((finding.verdict.value, finding.scores["contradiction"],
                                     json.dumps(body, ensure_ascii=False), model, config_id, a, b))
                        if (ta, tb) in fresh or (tb, ta) in fresh:
                            scored += 1
                        else:
                            reused += 1
                with clock("write"), self._transaction():
                    conn.executemany("INSERT OR IGNORE INTO nli VALUES (?, ?, ?, ?, ?, ?, ?)",
                                     [(p, h, model, *(float(x) for x in probs), int(split))
                                      for (p, h), (probs, split) in fresh.items()])
                    conn.executemany("UPDATE pairs SET verdict = ?, p_contradiction = ?, finding = ?, model = ?, "
                                     "config = ? WHERE a = ? AND b = ? AND finding IS NULL", rows)
                if bar is not None:
                    bar.update(len(batch))
        finally:
            if bar is not None:
                bar.close()
        return {"pairs_scored": scored, "pairs_reused": reused}

    @staticmethod
    def _nli_rows(conn: sqlite3.Connection, keys: Sequence[tuple[int, int]],
                  model: int) -> dict[tuple[int, int], tuple[Any, bool]]:
        out = {}
        for p, h in keys:
            row = conn.execute("SELECT entailment, neutral, contradiction, split FROM nli WHERE premise = ? AND "
                               "hypothesis = ? AND model = ?", (p, h, model)).fetchone()
            if row is not None:
                out[(p, h)] = (np.array(row[:3], dtype=np.float32), bool(row[3]))
        return out

    # ----------------------------------------------------------------- redecide
    def redecide(self, config: Config) -> RedecideStats:
        """Apply the verdict rules of ``config`` to every stored finding again, from the stored NLI scores and
        similarities: no model runs. The findings, their config hash and the archive's config change in one
        transaction; later :meth:`add` calls need this config (or the detector built with it, which the archive
        uses from now on).

        Args:
            config: the new configuration; its pairing settings must be the archive's.

        Returns:
            :class:`RedecideStats`: how many findings were decided and which verdicts changed.

        Raises:
            ConfigError: the pairing settings differ from the archive's.

        Example:
            >>> from contradict import load_config
            >>> new = load_config(overrides={"verdict.contradiction_threshold": 0.7})
            >>> Archive("newsroom.db").redecide(new).changed                     # doctest: +SKIP
            3
        """
        if not isinstance(config, Config):
            raise InputTypeError(f"expected a Config, got {type(config).__name__}", field="config")
        started = time.perf_counter()
        old = self._detector()
        conn = self._db()
        with self._snapshot():
            info = self._info(conn)
        self._check_pairing(info, config)
        # the same arguments with the new config (models given as objects stay; configured ones load again on use)
        det = Detector(config, engine=old.engine, nli=old.nli, embedder=old.embedder, progress=old.progress)
        det.actors_ = old.actors_
        transitions: Counter[tuple[str, str]] = Counter()
        n = 0
        with self._transaction():
            model = conn.execute("SELECT id FROM models WHERE kind = 'nli' AND sha256 = ?",
                                 (info.get("nli_model"),)).fetchone()
            config_id = self._config_id(conn, config)
            rows = conn.execute("SELECT a, b, similarity, verdict FROM pairs WHERE finding IS NOT NULL").fetchall()
            known = self._statements_by_seq(conn, [q for a, b, _, _ in rows for q in (a, b)])
            keys = list(dict.fromkeys(k for a, b, _, _ in rows
                                      for k in ((known[a][1], known[b][1]), (known[b][1], known[a][1]))))
            scores = self._nli_rows(conn, keys, model[0]) if model else {}
            updates = []
            for a, b, sim, verdict in rows:
                (sa, ta), (sb, tb) = known[a], known[b]
                if (ta, tb) not in scores or (tb, ta) not in scores:
                    raise ArchiveError(f"is damaged: the finding of {sa.id!r} and {sb.id!r} has no stored NLI scores; "
                                       "run Archive.rescore()", source=str(self.path))
                (pab, split_ab), (pba, split_ba) = scores[(ta, tb)], scores[(tb, ta)]
                finding = det.decide_scored(sa, sb, pab, pba, sim, split=split_ab or split_ba)
                body = finding.to_dict()
                del body["a"], body["b"]
                updates.append((finding.verdict.value, finding.scores["contradiction"],
                                json.dumps(body, ensure_ascii=False), config_id, a, b))
                if finding.verdict.value != verdict:
                    transitions[(verdict, finding.verdict.value)] += 1
                n += 1
            conn.executemany("UPDATE pairs SET verdict = ?, p_contradiction = ?, finding = ?, config = ? "
                             "WHERE a = ? AND b = ?", updates)
            self._set_info(conn, "config", config_hash(config))
        self.config = config
        self.detector_ = det
        self.config_ = config
        self._identity.clear()
        return RedecideStats(pairs=n, changed=sum(transitions.values()), transitions=dict(transitions),
                             seconds=time.perf_counter() - started)

    # ----------------------------------------------------------------- reading back
    def findings(self, verdict: Any = None, actor: str | None = None, since: Any = None,
                 until: Any = None) -> Findings:
        """The stored findings, read back without running a model, sorted as :meth:`Detector.find
        <contradict.detector.Detector.find>` sorts (verdict, then decreasing contradiction probability, then ids).

        Args:
            verdict: keep only this verdict (a name such as ``"policy_shift"`` or a :class:`Verdict`), or any of
                a list of them.
            actor: keep findings where either statement's actor is this one; the name is resolved through the
                detector's actor table (``"John Kirby"`` finds ``"U.S. administration"``), as the speakers are.
            since: keep findings whose later statement was made on or after this day (a date, an aware
                datetime, or an ISO-8601 string); findings with no dated statement are left out.
            until: keep findings whose later statement was made on or before this day.

        Returns:
            :class:`~contradict.view.Findings` (a list of :class:`~contradict.records.Finding`).

        Raises:
            ArchiveError: there is no archive at ``path``, or it is not one.
            InputError: a filter value is invalid (naming the field).

        Example:
            >>> Archive("newsroom.db").findings(verdict="policy_shift", since="2024-05-01")   # doctest: +SKIP
        """
        wanted = _verdicts(verdict)
        first, last = _day(since, "since"), _day(until, "until")
        target = self._resolve_actor(actor)
        conn = self._db()
        with self._snapshot():
            sql = "SELECT a, b, finding FROM pairs WHERE finding IS NOT NULL"
            params: list[Any] = []
            if wanted is not None:
                sql += f" AND verdict IN ({','.join('?' * len(wanted))})"
                params = sorted(wanted)
            rows = conn.execute(sql, params).fetchall()
            known = self._statements_by_seq(conn, [q for a, b, _ in rows for q in (a, b)])
        actor_of = self._actor_lookup()
        out = []
        for a, b, body in rows:
            sa, sb = known[a][0], known[b][0]
            if target is not None and target not in (actor_of(sa), actor_of(sb)):
                continue
            if first is not None or last is not None:
                days = [d for d in (as_date(sa.time), as_date(sb.time)) if d is not None]
                if not days or (first is not None and max(days) < first) or (last is not None and max(days) > last):
                    continue
            out.append(self._finding(sa, sb, body))
        out.sort(key=lambda f: (_ORDER[f.verdict], -f.scores["contradiction"], f.a.id, f.b.id))
        return Findings(out)

    def _finding(self, a: Statement, b: Statement, body: str) -> Any:
        data = json.loads(body)
        data["a"], data["b"] = a.to_dict(), b.to_dict()
        return io.finding_from_dict(data, f"pair {a.id!r}/{b.id!r}", str(self.path))

    def _resolve_actor(self, actor: str | None) -> str | None:
        if actor is None:
            return None
        if not isinstance(actor, str):
            raise InputTypeError(f"expected text, got {type(actor).__name__}", field="actor")
        if not actor.strip():
            raise InputError("must not be blank", field="actor")
        return self._actors().resolve(actor)

    def _actor_lookup(self) -> Callable[[Statement], str | None]:
        actors = self._actors()
        cache: dict[tuple[str | None, Any], str | None] = {}

        def actor_of(s: Statement) -> str | None:
            key = (s.speaker, s.meta.get("organisation"))
            if key not in cache:
                cache[key] = actors.resolve(*key)
            return cache[key]

        return actor_of

    def timeline(self, actor: str, *, verdict: Any = None) -> list[TimelineEntry]:
        """One actor's statements in time order, each with the findings it is part of.

        Statements are ordered by day, then by time of day where known, then by insertion; undated ones come
        last. No model runs.

        Args:
            actor: the actor (resolved through the detector's actor table, as in :meth:`findings`).
            verdict: keep only findings with this verdict (or any of a list); statements are all kept.

        Returns:
            A list of :class:`TimelineEntry`.

        Example:
            >>> [e.statement.id for e in Archive("newsroom.db").timeline("U.S. administration")]   # doctest: +SKIP
            ['kirby-0528-no-change', 'kirby-0528-added', 'official-0530-counter-fire', 'official-0530-unchanged']
        """
        target = self._resolve_actor(actor)
        if target is None:
            raise InputError("is missing", field="actor")
        conn = self._db()
        with self._snapshot():
            rows = conn.execute(f"SELECT s.seq, {self._STATEMENT_COLUMNS} FROM statements s JOIN texts t "
                                "ON t.id = s.text_id ORDER BY s.seq").fetchall()
        actor_of = self._actor_lookup()
        mine = [(seq, st) for seq, st in ((r[0], self._row_statement(r[1:])) for r in rows) if actor_of(st) == target]

        def order(item: tuple[int, Statement]) -> tuple[Any, ...]:
            seq, st = item
            day = as_date(st.time)
            moment = st.time.timestamp() if isinstance(st.time, datetime) else -math.inf
            return (day is None, day or date.min, moment, seq)

        mine.sort(key=order)
        by_id: dict[str, list[Any]] = {st.id: [] for _, st in mine}
        for f in self.findings(verdict=verdict, actor=actor):
            for side in (f.a, f.b):
                if side.id in by_id:
                    by_id[side.id].append(f)
        return [TimelineEntry(st, Findings(by_id[st.id])) for _, st in mine]

    def info(self) -> dict[str, Any]:
        """What the archive holds: counts, models, settings (for reports and the command line).

        Example:
            >>> Archive("newsroom.db").info()["statements"]        # doctest: +SKIP
            4
        """
        conn = self._db()
        with self._snapshot():
            meta = self._info(conn)
            verdicts = dict(conn.execute("SELECT verdict, COUNT(*) FROM pairs WHERE finding IS NOT NULL "
                                         "GROUP BY verdict").fetchall())
            out: dict[str, Any] = {
                "path": str(self.path),
                "schema_version": conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0],
                "statements": conn.execute("SELECT COUNT(*) FROM statements").fetchone()[0],
                "texts": conn.execute("SELECT COUNT(*) FROM texts").fetchone()[0],
                "pairs": conn.execute("SELECT COUNT(*) FROM pairs").fetchone()[0],
                "pending": conn.execute("SELECT COUNT(*) FROM pairs WHERE finding IS NULL").fetchone()[0],
                "nli_scores": conn.execute("SELECT COUNT(*) FROM nli").fetchone()[0],
                "verdicts": {v.value: verdicts.get(v.value, 0) for v in Verdict},
                "embedding_model": meta.get("embedding_model"), "nli_model": meta.get("nli_model"),
                "config": meta.get("config"), "pairing": json.loads(meta["pairing"]) if "pairing" in meta else None,
                "created": meta.get("created"), "created_by": meta.get("created_by"),
            }
        return out


class _Clock:
    """Seconds per stage: ``with clock("nli"): ...`` adds the time spent inside."""

    STAGES = ("read", "embed", "neighbours", "nli", "decide", "write")

    def __init__(self) -> None:
        self.spent = dict.fromkeys(self.STAGES, 0.0)
        self._open: list[tuple[str, float]] = []

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        # a stage timed inside another counts only for itself
        now = time.perf_counter()
        if self._open:
            outer, since = self._open[-1]
            self.spent[outer] += now - since
        self._open.append((stage, now))
        try:
            yield
        finally:
            end = time.perf_counter()
            name, since = self._open.pop()
            self.spent[name] += end - since
            if self._open:
                self._open[-1] = (self._open[-1][0], end)

    def seconds(self) -> dict[str, Any]:
        return {f"seconds_{k}": v for k, v in self.spent.items()}

