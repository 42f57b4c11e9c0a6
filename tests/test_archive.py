"""The statement archive: incremental adds with the shipped NLI model, kill -9 and rerun, model and config
provenance, redecide without a model run, reading back, and the two CLI verbs. Fakes only check logic."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from contradict import Archive, Detector, Verdict, load_config, read_findings, read_statements
from contradict.archive import SCHEMA_VERSION, config_hash
from contradict.cli import main
from contradict.errors import ArchiveError, ConfigError, InputError, ModelMismatchError
from contradict.nli import BUILTIN_NLI_DIR, HFNLIScorer, load_nli
from contradict.pairing import MiniLMEmbedder, minilm_path
from contradict.verdict import redecide as redecide_one

from .conftest import ROOT, FakeNLI

SEED = ROOT / "fixtures" / "seed" / "statements.jsonl"
pytestmark = pytest.mark.skipif(not (BUILTIN_NLI_DIR / "config.json").is_file(), reason="shipped model missing")


def _s(sid: str, text: str, speaker: str | None, time_: str | None) -> dict:
    return {"id": sid, "text": text, "speaker": speaker, "time": time_, "source": "contradict test (invented)"}


#: Invented statements in several domains: fares, masks, a coal plant, a coach, uniforms, jobs, a curfew, the
#: weather, a library, tariffs, a zoo, a phone; some conflict, some shift, some are unrelated or undated.
FIRST = [
    _s("fares-1", "Bus fares in Marlow will stay at two euros for the whole of 2023.", "Marlow City Council",
       "2023-01-10"),
    _s("fares-2", "Bus fares in Marlow will rise to two euros fifty from July.", "Marlow City Council", "2023-06-15"),
    _s("fares-3", "We have no plans to change bus fares this year.", "Mayor Ana Ruiz", "2023-06-16"),
    _s("tram-1", "The new tram line to the airport will open in 2025.", "Marlow City Council", "2023-09-01"),
    _s("tram-2", "The tram line to the airport has been postponed to 2027.", "Marlow City Council", "2024-02-03"),
    _s("masks-1", "Masks are no longer required in shops.", "Dalvia Health Ministry", "2021-03-01"),
    _s("masks-2", "Masks are required again in all shops from Monday.", "Dalvia Health Ministry", "2021-11-20"),
    _s("masks-3", "Masks remain optional in shops.", "Dalvia Health Ministry", "2021-11-21"),
    _s("vaccine-1", "Booster vaccines are available to everyone over 18.", "Dalvia Health Ministry", "2022-04-04"),
    _s("coal-1", "We will close the Hollow Creek coal plant by 2025.", "Northwind Energy", "2022-05-05"),
    _s("coal-2", "The Hollow Creek coal plant will keep running until 2030.", "Northwind Energy", "2023-10-12"),
    _s("coal-3", "Closing Hollow Creek early was never our plan.", "Northwind Energy CEO Lars Eik", "2023-10-13"),
    _s("profit-1", "Northwind Energy reported record profits last year.", "Northwind Energy", "2024-01-01"),
    _s("coach-1", "Coach Tom Baker has our full support and will stay until the end of the season.", "FC Riverton",
       "2024-03-01"),
    _s("coach-2", "FC Riverton has dismissed coach Tom Baker with immediate effect.", "FC Riverton", "2024-03-20"),
    _s("stadium-1", "The stadium will be expanded to 40,000 seats.", "FC Riverton", "2024-04-02"),
    _s("uniform-1", "School uniforms will not be mandatory in Eastvale schools.", "Eastvale School Board",
       "2022-08-15"),
    _s("uniform-2", "School uniforms will be mandatory in Eastvale schools from September.", "Eastvale School Board",
       "2023-08-14"),
]
SECOND = [
    _s("school-1", "Eastvale schools will start classes at 8:30 instead of 8:00.", "Eastvale School Board",
       "2023-08-20"),
    _s("jobs-1", "Orvane Group will not cut any jobs this year.", "Orvane Group", "2024-01-15"),
    _s("jobs-2", "Orvane Group will cut 500 jobs by December.", "Orvane Group", "2024-06-30"),
    _s("jobs-3", "Orvane Group denies any plans to cut jobs.", "Orvane Group", "2024-07-01"),
    _s("curfew-1", "The curfew in Harbor City starts at 10 pm.", "Harbor City Police", "2020-04-01"),
    _s("curfew-2", "The curfew in Harbor City now starts at 8 pm.", "Harbor City Police", "2020-05-01"),
    _s("curfew-3", "There is no curfew in Harbor City.", "Harbor City Police", "2020-05-02"),
    _s("rain-1", "Heavy rain is expected in the north on Tuesday.", "National Weather Service", "2024-05-05"),
    _s("rain-2", "The north will stay dry on Tuesday.", "National Weather Service", "2024-05-06"),
    _s("library-1", "The library opens at nine on Saturdays.", "Marlow Public Library", "2023-02-02"),
    _s("library-2", "The library is closed on Saturdays.", "Marlow Public Library", "2023-03-03"),
    _s("fares-0", "The city will hold a public consultation on bus fares in January.", "Marlow City Council",
       "2022-12-01"),
    _s("fares-4", "Bus fares in Marlow are the highest in the region.", None, None),
    _s("coal-4", "The Hollow Creek plant employs 300 people.", "local union", None),
    _s("steel-1", "Dalvia will not impose tariffs on imported steel.", "Dalvia Trade Ministry", "2022-01-10"),
    _s("steel-2", "Dalvia imposes a 25 percent tariff on imported steel.", "Dalvia Trade Ministry", "2022-09-10"),
    _s("zoo-1", "The zoo welcomed two baby elephants this spring.", "Riverton Zoo", "2024-02-14"),
    _s("zoo-2", "No elephants were born at the zoo this year.", "Riverton Zoo", "2024-02-20"),
    _s("phone-1", "The Kestrel 5 phone will launch in March at 699 dollars.", "Kestrel Phones", "2023-11-11"),
    _s("phone-2", "The Kestrel 5 phone launches today at 749 dollars.", "Kestrel Phones", "2024-03-01"),
]


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _seed_rows() -> list[dict]:
    return [json.loads(line) for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


class CountingScorer:
    """The shipped scorer, recording every (premise, hypothesis) it is asked to score."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.pairs: list[tuple[str, str]] = []

    @property
    def path(self) -> str:
        return self.inner.path

    def weights_sha256(self):
        return self.inner.weights_sha256()

    def score(self, pairs):
        self.pairs += list(pairs)
        return self.inner.score(pairs)

    def __call__(self, pairs):
        return self.score(pairs).probs


class OtherFake(FakeNLI):
    """Another 'model': the archive must tell it from FakeNLI."""


class FailingFake(FakeNLI):
    """Fails on its n-th call, like a process interrupted half-way."""

    def __init__(self, fail_on: int) -> None:
        super().__init__()
        self.n = 0
        self.fail_on = fail_on

    def __call__(self, pairs):
        self.n += 1
        if self.n == self.fail_on:
            raise RuntimeError("interrupted")
        return super().__call__(pairs)


def _db_rows(path: Path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _pairs(path: Path) -> set[tuple[str, str]]:
    return set(_db_rows(path, "SELECT sa.id, sb.id FROM pairs p JOIN statements sa ON sa.seq = p.a "
                              "JOIN statements sb ON sb.seq = p.b"))


def _copy(src: Path, dst: Path) -> Path:
    shutil.copy(src, dst)
    return dst


class CachedEmbedder:
    """The shipped embedding model, each text embedded once per test module (the logic tests add the same texts
    to many archives)."""

    def __init__(self, inner: MiniLMEmbedder) -> None:
        self.inner = inner
        self.cache: dict[str, np.ndarray] = {}

    def weights_sha256(self) -> str | None:
        return HFNLIScorer(minilm_path()).weights_sha256()

    def encode(self, texts):
        todo = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if todo:
            self.cache.update(zip(todo, self.inner.encode(todo)))
        return np.stack([self.cache[t] for t in texts])


@pytest.fixture(scope="module")
def minilm() -> CachedEmbedder:
    return CachedEmbedder(MiniLMEmbedder())


@pytest.fixture(scope="module")
def built(tmp_path_factory, minilm):
    """An archive grown the way a newsroom grows one: a first file, the same file again, then a second file."""
    tmp = tmp_path_factory.mktemp("archive")
    first = _jsonl(tmp / "first.jsonl", _seed_rows() + FIRST)
    second = _jsonl(tmp / "second.jsonl", SECOND)
    scorer = CountingScorer(load_nli("fast"))
    det = Detector(nli=scorer, embedder=minilm.inner)  # the embedder class the detector builds by default
    path = tmp / "news.db"
    out = SimpleNamespace(path=path, first=first, second=second, scorer=scorer, det=det)
    with Archive(path, detector=det) as archive:
        out.s1 = archive.add(first)
        out.calls1 = len(scorer.pairs)
        out.nli_rows1 = _db_rows(path, "SELECT COUNT(*) FROM nli")[0][0]
        out.s1_again = archive.add(first)
        out.calls1_again = len(scorer.pairs)
        out.nli_rows1_again = _db_rows(path, "SELECT COUNT(*) FROM nli")[0][0]
        out.s2 = archive.add(second)
        out.calls2 = scorer.pairs[out.calls1_again:]
        out.findings = archive.findings()
        out.info = archive.info()
    return out


# ------------------------------------------------------------------------------------------ growing an archive


def test_adding_the_same_file_twice_scores_nothing_the_second_time(built):
    n_first = len(_seed_rows()) + len(FIRST)
    assert built.s1.statements_added == n_first and built.s1.statements_known == 0
    assert built.s1.pairs_scored == built.s1.pairs_new > 0 and built.s1.pairs_pending == 0
    again = built.s1_again
    assert (again.statements_added, again.statements_known) == (0, n_first)
    assert (again.pairs_new, again.pairs_scored, again.pairs_reused, again.pairs_pending) == (0, 0, 0, 0)
    assert built.calls1_again == built.calls1 and built.nli_rows1_again == built.nli_rows1


def test_adding_more_statements_scores_only_pairs_that_involve_them(built):
    s2 = built.s2
    assert s2.statements_added == len(SECOND) and s2.pairs_new > 0
    assert s2.pairs_scored + s2.pairs_reused == s2.pairs_new and s2.pairs_pending == 0
    new_texts = {r["text"] for r in SECOND}
    assert built.calls2 and all(p in new_texts or h in new_texts for p, h in built.calls2)
    new_ids = {r["id"] for r in SECOND}
    involving = [p for p in _pairs(built.path) if new_ids & set(p)]
    assert len(involving) == s2.pairs_new
    assert built.info["pairs"] == built.s1.pairs_new + s2.pairs_new and built.info["pending"] == 0
    assert built.info["statements"] == len(_seed_rows()) + len(FIRST) + len(SECOND)
    assert built.info["nli_scores"] == 2 * built.info["pairs"]  # no text repeats: two directions per pair
    assert built.info["nli_model"] == load_nli("fast").weights_sha256()
    assert built.info["config"] == config_hash(load_config())


def test_every_stage_is_timed(built):
    stats = built.s1
    for stage in ("read", "embed", "neighbours", "nli", "decide", "write"):
        assert getattr(stats, f"seconds_{stage}") >= 0.0
    assert stats.seconds_embed > 0 and stats.seconds_nli > 0
    assert stats.to_dict()["seconds_total"] == pytest.approx(stats.seconds_total)


def test_findings_equal_find_on_the_seed_when_every_pair_is_a_candidate(tmp_path, minilm):
    cfg = load_config(overrides={"pairing.k": 10, "pairing.similarity_floor": -1.0})
    expected = Detector(cfg, embedder=minilm.inner).find(read_statements(SEED))
    assert len(expected) == 6  # every pair of the four statements
    with Archive(tmp_path / "seed.db", detector=Detector(cfg, embedder=minilm.inner)) as archive:
        archive.add(SEED)
        got = archive.findings()
    assert [(f.a.id, f.b.id) for f in got] == [(f.a.id, f.b.id) for f in expected]
    for g, e in zip(got, expected):
        assert (g.verdict, g.explanation, g.rule, g.grade, g.signals) == (e.verdict, e.explanation, e.rule, e.grade,
                                                                         e.signals)
        for name in ("scores", "scores_ab", "scores_ba"):
            for label, value in getattr(e, name).items():
                assert getattr(g, name)[label] == pytest.approx(value, abs=1e-6)
        assert g.similarity == pytest.approx(e.similarity, abs=2e-6)
        assert g.a == e.a and g.b == e.b and g.a.meta == e.a.meta


@pytest.mark.parametrize("overrides", [{}, {"pairing.same_speaker_only": True}, {"pairing.time_window_days": 200},
                                       {"pairing.k": 3}])
def test_pairs_are_those_of_find_at_once_and_a_superset_in_parts(tmp_path, minilm, overrides):
    """One add pairs what find pairs (up to near-ties); adding the same set in three parts pairs at least that,
    each pair oriented alike (pairs found while the archive was smaller stay)."""
    cfg = load_config(overrides=overrides)
    rows = _seed_rows() + FIRST + SECOND
    expected_pairs = Detector(cfg, nli=FakeNLI(), embedder=minilm).candidate_pairs(read_statements(rows))
    ids = [r["id"] for r in rows]
    expected = {(ids[p.i], ids[p.j]) for p in expected_pairs}
    with Archive(tmp_path / "once.db", detector=Detector(cfg, nli=FakeNLI(), embedder=minilm)) as archive:
        archive.add(rows, score=False)
    once = _pairs(tmp_path / "once.db")
    assert expected <= once and len(once - expected) <= 2, sorted(once - expected)
    with Archive(tmp_path / "parts.db", detector=Detector(cfg, nli=FakeNLI(), embedder=minilm)) as archive:
        for part in (rows[:9], rows[9:25], rows[25:]):
            archive.add(part, score=False)
    parts = _pairs(tmp_path / "parts.db")
    assert expected <= parts, sorted(expected - parts)


def test_score_false_stores_pending_pairs_and_a_later_add_scores_them(tmp_path, minilm):
    fake = FakeNLI()
    path = tmp_path / "backfill.db"
    with Archive(path, detector=Detector(nli=fake, embedder=minilm)) as archive:
        stats = archive.add(FIRST, score=False)
        assert stats.pairs_scored == 0 and stats.pairs_pending == stats.pairs_new > 0 and fake.calls == 0
        assert archive.findings() == []
        later = archive.add(FIRST[:5])  # scores the pending pairs involving these five only
        assert 0 < later.pairs_scored < stats.pairs_new and later.statements_known == 5
        rest = archive.score_pending()
        assert later.pairs_scored + rest.pairs_scored == stats.pairs_new and rest.pairs_pending == 0
        assert len(archive.findings()) == stats.pairs_new


def test_an_interrupted_add_keeps_committed_batches_and_a_rerun_finishes_exactly_the_rest(tmp_path, minilm):
    path = tmp_path / "broken.db"
    det = Detector(nli=FailingFake(fail_on=2), embedder=minilm)
    with Archive(path, detector=det, batch_size=4) as archive, pytest.raises(RuntimeError, match="interrupted"):
        archive.add(FIRST)
    total = _db_rows(path, "SELECT COUNT(*) FROM pairs")[0][0]
    done = _db_rows(path, "SELECT COUNT(*) FROM pairs WHERE finding IS NOT NULL")[0][0]
    assert done == 4 and total > 4 and _db_rows(path, "SELECT COUNT(*) FROM statements")[0][0] == len(FIRST)
    fake = FailingFake(fail_on=-1)  # the same "model", working this time
    with Archive(path, detector=Detector(nli=fake, embedder=minilm), batch_size=4) as archive:
        stats = archive.add(FIRST)
    assert fake.calls == 2 * (total - done)  # only the unfinished pairs, both directions
    assert stats.statements_known == len(FIRST) and stats.pairs_scored + stats.pairs_reused == total - done


# ------------------------------------------------------------------------------------------ kill -9


_KILLED_ADD = """
import sys
from contradict import Archive, load_config
from contradict.io import read_statements
cfg = load_config(overrides={"pairing.k": 1})
with Archive(sys.argv[1], cfg, batch_size=4) as archive:
    archive.add(sys.argv[2])
"""


def _probe_statements(n: int) -> list[dict]:
    rows, seen = [], set()
    for path in sorted((ROOT / "fixtures" / "probes").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            for side in (record["a"], record["b"]):
                if side["id"] not in seen:
                    seen.add(side["id"])
                    rows.append(side)
    return rows[:n]


def test_kill_9_during_add_then_rerun_scores_exactly_the_unfinished_pairs(tmp_path):
    rows = _probe_statements(200)
    src = _jsonl(tmp_path / "many.jsonl", rows)
    path = tmp_path / "killed.db"
    proc = subprocess.Popen([sys.executable, "-c", _KILLED_ADD, str(path), str(src)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                if path.exists() and _db_rows(path, "SELECT COUNT(*) FROM pairs WHERE finding IS NOT NULL")[0][0]:
                    break
            except sqlite3.Error:  # not created yet, or the schema is being written
                pass
            time.sleep(0.02)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL, err.decode()[-2000:]
    assert _db_rows(path, "PRAGMA integrity_check") == [("ok",)]
    finished = {(a, b): f for a, b, f in _db_rows(path, "SELECT a, b, finding FROM pairs WHERE finding IS NOT NULL")}
    pending = _db_rows(path, "SELECT COUNT(*) FROM pairs WHERE finding IS NULL")[0][0]
    nli_before = _db_rows(path, "SELECT COUNT(*) FROM nli")[0][0]
    assert finished and pending > 0  # killed after a committed batch, before the end

    scorer = CountingScorer(load_nli("fast"))
    cfg = load_config(overrides={"pairing.k": 1})
    with Archive(path, detector=Detector(cfg, nli=scorer), batch_size=64) as archive:
        stats = archive.add(src)
        info = archive.info()
    assert _db_rows(path, "PRAGMA integrity_check") == [("ok",)]
    assert (stats.statements_added, stats.statements_known) == (0, len(rows))
    assert stats.pairs_scored + stats.pairs_reused == pending and stats.pairs_pending == 0
    assert len(scorer.pairs) <= 2 * pending  # the model ran on the unfinished pairs only
    assert _db_rows(path, "SELECT COUNT(*), COUNT(DISTINCT id) FROM statements") == [(len(rows), len(rows))]
    after = {(a, b): f for a, b, f in _db_rows(path, "SELECT a, b, finding FROM pairs")}
    assert all(after[key] == body for key, body in finished.items())  # finished batches were not rescored
    assert info["pending"] == 0 and info["nli_scores"] == nli_before + len(set(scorer.pairs))


# ------------------------------------------------------------------------------------------ provenance


def test_another_nli_model_is_an_error_and_rescoring_is_explicit(tmp_path, minilm):
    path = tmp_path / "models.db"
    with Archive(path, detector=Detector(nli=FakeNLI(), embedder=minilm)) as archive:
        first = archive.add(FIRST[:6])
    other = OtherFake()
    with Archive(path, detector=Detector(nli=other, embedder=minilm)) as archive:
        before = archive.info()
        with pytest.raises(ModelMismatchError, match=r"rescore\(\)"):
            archive.add(SECOND[:3])
        assert archive.info() == before and other.calls == 0  # nothing written, nothing scored
        redone = archive.rescore()
        assert redone.pairs_scored == first.pairs_new and other.calls > 0
        assert archive.info()["nli_model"] == "unhashed:OtherFake"
        assert archive.add(SECOND[:3]).statements_added == 3
    models = _db_rows(path, "SELECT DISTINCT m.sha256 FROM pairs p JOIN models m ON m.id = p.model")
    assert models == [("unhashed:OtherFake",)]


def test_the_real_model_is_told_from_a_fake(built, tmp_path, minilm):
    path = _copy(built.path, tmp_path / "copy.db")
    with Archive(path, detector=Detector(nli=FakeNLI(), embedder=minilm)) as archive:
        with pytest.raises(ModelMismatchError, match=built.info["nli_model"][:16]):
            archive.add([{"id": "new", "text": "The library opens at ten on Sundays."}])
        assert archive.get("new") is None


def test_pairing_settings_are_fixed_and_tfidf_is_refused(built, tmp_path, minilm):
    path = _copy(built.path, tmp_path / "copy.db")
    cfg = load_config(overrides={"pairing.k": 5})
    with pytest.raises(ConfigError, match=r"pairing\.k: the archive pairs with 10"):
        Archive(path, detector=Detector(cfg, nli=FakeNLI(), embedder=minilm)).add(FIRST[:1])
    tfidf = load_config(overrides={"pairing.method": "tfidf"})
    with pytest.raises(ConfigError, match="fixed embedding model"):
        Archive(tmp_path / "tfidf.db", tfidf).add(FIRST[:2])
    assert not (tmp_path / "tfidf.db").exists()


def test_redecide_changes_verdicts_without_running_the_model(built, tmp_path, minilm):
    path = _copy(built.path, tmp_path / "copy.db")
    new = load_config(overrides={"verdict.contradiction_threshold": 0.3, "verdict.min_direction_contradiction": 0.1})
    scorer = CountingScorer(load_nli("fast"))
    with Archive(path, detector=Detector(nli=scorer, embedder=minilm)) as archive:
        old = archive.findings()
        stats = archive.redecide(new)
        got = archive.findings()
        assert archive.info()["config"] == config_hash(new)
    assert scorer.pairs == []  # no model run
    expected = {(f.a.id, f.b.id): redecide_one(f, new.verdict).verdict for f in old}
    assert {(f.a.id, f.b.id): f.verdict for f in got} == expected
    before = {(f.a.id, f.b.id): f.verdict.value for f in old}
    changed = [k for k, v in expected.items() if v.value != before[k]]
    assert stats.pairs == len(old) and stats.changed == len(changed) > 0
    assert sum(stats.transitions.values()) == stats.changed
    # the old settings no longer match the findings: adding with them is refused, with the way out named
    with pytest.raises(ConfigError, match=r"(?s)verdict\.contradiction_threshold.*0\.3.*redecide"):
        Archive(path, detector=Detector(nli=scorer, embedder=minilm)).add([{"id": "x", "text": "Masks are back."}])
    assert scorer.pairs == []
    with Archive(path, detector=Detector(new, nli=scorer, embedder=minilm)) as archive:
        assert archive.add([{"id": "x", "text": "Masks are back."}]).statements_added == 1


# ------------------------------------------------------------------------------------------ reading back


def _later(finding) -> date | None:
    days = [s.time for s in (finding.a, finding.b) if s.time is not None]
    return max(days) if days else None


def test_findings_filters(built):
    every = built.findings
    with Archive(built.path) as archive:
        assert archive.findings() == every
        shifts = archive.findings(verdict="policy_shift")
        assert shifts == [f for f in every if f.verdict is Verdict.POLICY_SHIFT] and shifts
        both = archive.findings(verdict=[Verdict.CONTRADICTION, "policy_shift"])
        assert both == [f for f in every if f.verdict.value in ("contradiction", "policy_shift")]
        kirby = archive.findings(actor="John Kirby")  # resolved through the actor table
        assert kirby and all("U.S. administration" in (f.actor_a, f.actor_b) for f in kirby)
        assert {f.a.id for f in kirby} | {f.b.id for f in kirby} >= {"kirby-0528-no-change"}
        since = archive.findings(since="2024-01-01")
        assert since and since == [f for f in every if _later(f) and _later(f) >= date(2024, 1, 1)]
        window = archive.findings(since=date(2021, 1, 1), until="2021-12-31")
        assert window and all(_later(f).year == 2021 for f in window)
        assert all(f.a.time is None or f.b.time is None or f.a.time <= f.b.time for f in every)
        with pytest.raises(InputError, match="field 'verdict'"):
            archive.findings(verdict="maybe")
        with pytest.raises(InputError, match="field 'since'"):
            archive.findings(since="last week")


def test_findings_sort_like_find(built):
    order = {v: n for n, v in enumerate(Verdict)}
    keys = [(order[f.verdict], -f.scores["contradiction"], f.a.id, f.b.id) for f in built.findings]
    assert keys == sorted(keys)


def test_findings_round_trip_through_the_findings_file(built, tmp_path):
    from contradict import write_findings

    out = tmp_path / "f.jsonl"
    write_findings(built.findings, out)
    assert [f.to_dict() for f in read_findings(out)] == [f.to_dict() for f in built.findings]


def test_timeline_is_in_time_order_with_each_statements_findings(built):
    with Archive(built.path) as archive:
        entries = archive.timeline("Marlow City Council")
    ids = [e.statement.id for e in entries]
    assert ids == ["fares-0", "fares-1", "fares-2", "tram-1", "tram-2"]  # fares-0 was added last
    for entry in entries:
        assert all(entry.statement.id in (f.a.id, f.b.id) for f in entry.findings)
    assert sum(len(e.findings) for e in entries) > 0


# ------------------------------------------------------------------------------------------ bad input and files


def test_bad_input_names_record_and_field_and_leaves_the_archive_unchanged(built, tmp_path, minilm):
    path = _copy(built.path, tmp_path / "copy.db")
    with Archive(path, detector=Detector(nli=FakeNLI(), embedder=minilm)) as archive:
        before = archive.info()
        with pytest.raises(InputError, match="item 2, field 'text': must not be empty"):
            archive.add([{"id": "ok", "text": "Fine."}, {"id": "bad", "text": "  "}])
        with pytest.raises(InputError, match="line 2, field 'time'"):
            archive.add(_jsonl(tmp_path / "bad.jsonl", [{"text": "Fine."}, {"text": "x", "time": "soon"}]))
        with pytest.raises(InputError, match=r"id 'fares-1', field 'text': .*already in the archive"):
            archive.add([{"id": "new-one", "text": "A new one."},
                         {"id": "fares-1", "text": "Bus fares in Marlow will be free."}])
        with pytest.raises(InputError, match=r"id 'fares-1', field 'time'"):
            archive.add([{**FIRST[0], "time": "2023-01-11"}])
        assert archive.info() == before and archive.get("ok") is None and archive.get("new-one") is None
    assert not (tmp_path / "new.db").exists()
    with pytest.raises(InputError, match="item 1, field 'text'"):
        Archive(tmp_path / "new.db").add([{"text": ""}])
    assert not (tmp_path / "new.db").exists()


def test_files_that_are_not_archives(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(ArchiveError, match="not an SQLite database"):
        Archive(junk).findings()
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (x TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(ArchiveError, match="not a contradict archive.*notes"):
        Archive(other).findings()
    assert _db_rows(other, "PRAGMA journal_mode") == [("delete",)]  # a foreign database is left as it was
    with pytest.raises(ArchiveError, match="no archive here"):
        Archive(tmp_path / "absent.db").findings()
    assert not (tmp_path / "absent.db").exists()


def test_a_newer_schema_is_refused(built, tmp_path):
    path = _copy(built.path, tmp_path / "copy.db")
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (?, 'later')", (SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(ArchiveError, match=f"schema {SCHEMA_VERSION + 1}.*upgrade contradict"):
        Archive(path).findings()


def test_the_file_is_sqlite_in_wal_mode_with_a_schema_version(built):
    assert _db_rows(built.path, "PRAGMA journal_mode") == [("wal",)]
    assert _db_rows(built.path, "SELECT MAX(version) FROM schema_version") == [(SCHEMA_VERSION,)]
    blob, = _db_rows(built.path, "SELECT embedding FROM texts LIMIT 1")[0]
    assert len(blob) == 384 * 2  # float16


def test_constructor_opens_and_loads_nothing(tmp_path):
    archive = Archive(tmp_path / "lazy.db")
    assert archive.detector_ is None and archive._conn is None and not (tmp_path / "lazy.db").exists()
    with pytest.raises(ConfigError, match="batch_size: must be an integer >= 1, got 0"):
        Archive(tmp_path / "x.db", batch_size=0)


# ------------------------------------------------------------------------------------------ command line


def test_cli_add_and_findings_end_to_end(tmp_path, capsys):
    db = str(tmp_path / "cli.db")
    assert main(["add", db, str(SEED), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "4 statements added" in out and "6 pairs scored" in out
    assert main(["add", db, str(SEED), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["statements_known"] == 4 and stats["pairs_scored"] == 0 and stats["pairs_reused"] == 0
    target = tmp_path / "f.jsonl"
    page = tmp_path / "page" / "f.html"
    assert main(["findings", db, "--out", str(target), "--html", str(page)]) == 0
    assert "6 findings" in capsys.readouterr().err
    with Archive(db) as archive:
        assert [f.to_dict() for f in read_findings(target)] == [f.to_dict() for f in archive.findings()]
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["findings", db, "--verdict", "policy_shift", "--actor", "John Kirby", "--since", "2024-05-29",
                 "--ids"]) == 0
    captured = capsys.readouterr()
    assert "kirby-0528-no-change" in captured.out and "1 findings" in captured.err


def test_cli_add_article_twice_finds_the_same_statements(tmp_path, capsys):
    db = str(tmp_path / "articles.db")
    article = str(ROOT / "fixtures" / "articles" / "seed_article.txt")
    assert main(["add", db, article, "--article", "--published", "2024-05-30", "--no-score", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["statements_added"] > 0 and first["pairs_pending"] == first["pairs_new"]
    assert main(["add", db, article, "--article", "--published", "2024-05-30", "--no-score", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["statements_added"] == 0 and again["statements_known"] == first["statements_added"]
    assert main(["add", db, article, "--article"]) == 2
    assert "--published" in capsys.readouterr().err


def test_cli_errors_exit_2(tmp_path, capsys):
    bad = _jsonl(tmp_path / "bad.jsonl", [{"text": "fine"}, {"text": ""}])
    db = tmp_path / "e.db"
    assert main(["add", str(db), str(bad)]) == 2
    assert "line 2, field 'text'" in capsys.readouterr().err and not db.exists()
    assert main(["findings", str(tmp_path / "none.db")]) == 2
    assert "no archive here" in capsys.readouterr().err
    one = _jsonl(tmp_path / "one.jsonl", [{"id": "x", "text": "Taxes will rise."}])
    two = _jsonl(tmp_path / "two.jsonl", [{"id": "x", "text": "Taxes will fall."}])
    assert main(["add", str(db), str(one), str(two), "--no-score"]) == 2
    assert "one.jsonl for another statement" in capsys.readouterr().err and not db.exists()


def test_records_of_an_add_are_frozen():
    from contradict.archive import AddStats

    with pytest.raises(dataclasses.FrozenInstanceError):
        AddStats().pairs_scored = 3  # type: ignore[misc]
