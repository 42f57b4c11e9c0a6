"""Defects found by trying the CLI as a new user would (issue 15): each test failed before its fix."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from contradict.cli import main
from contradict.errors import InputError
from contradict.io import read_statements, write_findings, write_statements

from .conftest import ROOT

TWO = '{"id": "a", "text": "Taxes will rise."}\n{"id": "b", "text": "Taxes will not rise."}\n'


def fast(tiny_nli_dir: Path) -> list[str]:
    """Options that keep a CLI run small: the tiny test model and TF-IDF pairing."""
    return ["--model", str(tiny_nli_dir), "--set", "pairing.method=tfidf", "--set", "pairing.similarity_floor=0.0",
            "--no-progress"]


# 1. output equal to input


def test_output_equal_to_input_is_refused_and_the_input_kept(tmp_path, capsys, tiny_nli_dir):
    src = tmp_path / "x.jsonl"
    src.write_text(TWO)
    assert main(["find", str(src), "--out", str(src), *fast(tiny_nli_dir)]) == 2
    assert src.read_text() == TWO
    assert "is also the input" in capsys.readouterr().err
    # the same file under another spelling
    other = tmp_path / "sub" / ".." / "x.jsonl"
    (tmp_path / "sub").mkdir()
    assert main(["find", str(src), "--out", str(other), *fast(tiny_nli_dir)]) == 2
    assert src.read_text() == TWO


def test_extract_output_equal_to_the_article_is_refused(tmp_path, capsys):
    art = tmp_path / "a.txt"
    art.write_text("“We will not change course,” Finance Minister Maria Lindqvist said on Tuesday.\n")
    before = art.read_text()
    assert main(["extract", str(art), "--published", "2025-03-14", "--out", str(art)]) == 2
    assert art.read_text() == before


# 2. linear sentence splitting and a cap on statement length


@pytest.mark.parametrize("size", [200_000, 1_000_000])
def test_sentence_splitting_is_linear(size):
    from contradict.text import split_sentences

    text = ("The council met on Tuesday. Mr. Smith said the U.S. plan would not change. " * (size // 75))[:size]
    start = time.perf_counter()
    parts = split_sentences(text)
    assert time.perf_counter() - start < 5.0  # 1 MB took longer than 5 minutes before
    assert len(parts) > size // 100


def test_overlong_statement_is_an_error_naming_record_and_field(tmp_path):
    src = tmp_path / "s.jsonl"
    src.write_text(json.dumps({"text": "word " * 30_000}) + "\n" + '{"text": "short"}\n')
    with pytest.raises(InputError, match=r"line 1, field 'text': [\d,]+ characters, more than input.max_chars = 100,000"):
        read_statements(src, max_chars=100_000)
    skipped: list[InputError] = []
    with pytest.warns(UserWarning):
        kept = read_statements(src, max_chars=100_000, skip_invalid=True, skipped=skipped)
    assert [s.text for s in kept] == ["short"] and len(skipped) == 1


def test_cli_cap_comes_from_the_config(tmp_path, capsys, tiny_nli_dir):
    src = tmp_path / "s.jsonl"
    src.write_text(json.dumps({"text": "word " * 100}) + "\n" + TWO)
    assert main(["find", str(src), "--set", "input.max_chars=100", *fast(tiny_nli_dir)]) == 2
    assert "input.max_chars" in capsys.readouterr().err


# 3. the output path is checked before any work


@pytest.mark.parametrize("case", ["missing folder", "read-only folder", "a folder"])
def test_unwritable_output_fails_before_scoring(tmp_path, capsys, tiny_nli_dir, monkeypatch, case):
    src = tmp_path / "s.jsonl"
    src.write_text(TWO)
    if case == "missing folder":
        out = tmp_path / "nope" / "f.jsonl"
    elif case == "read-only folder":
        if os.geteuid() == 0:  # root writes into any mode-0500 folder; /sys takes no new files even from root
            if not Path("/sys").is_dir():
                pytest.skip("no folder that refuses root here")
            out = Path("/sys/f.jsonl")
        else:
            ro = tmp_path / "ro"
            ro.mkdir()
            ro.chmod(0o500)
            out = ro / "f.jsonl"
    else:
        out = tmp_path / "f.jsonl"
        out.mkdir()

    def no_scoring(*args, **kwargs):
        raise AssertionError("scored before checking the output")

    monkeypatch.setattr("contradict.detector.Detector.find", no_scoring)
    assert main(["find", str(src), "--out", str(out), *fast(tiny_nli_dir)]) == 2
    err = capsys.readouterr().err
    assert str(out) in err and ".tmp" not in err and "Traceback" not in err


# 4. tracebacks instead of messages


def test_ctrl_c_prints_one_line_and_exits_130(tmp_path, capsys, monkeypatch, tiny_nli_dir):
    src = tmp_path / "s.jsonl"
    src.write_text(TWO)
    out = tmp_path / "f.jsonl"

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("contradict.detector.Detector.find", interrupted)
    assert main(["find", str(src), "--out", str(out), *fast(tiny_nli_dir)]) == 130
    assert capsys.readouterr().err.strip() == "contradict: interrupted; nothing written"
    assert not out.exists()


def test_a_directory_as_input_is_a_clear_error(tmp_path, capsys):
    folder = tmp_path / "x.jsonl"
    folder.mkdir()
    assert main(["find", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "is a directory" in err and "Traceback" not in err


def test_unknown_suffix_gets_a_cli_hint(tmp_path, capsys):
    src = tmp_path / "statements"
    src.write_text(TWO)
    assert main(["find", str(src)]) == 2
    err = capsys.readouterr().err
    assert "--input-format jsonl" in err and "format='jsonl'" not in err


def test_input_format_flag_reads_a_file_without_suffix(tmp_path, capsys, tiny_nli_dir):
    src = tmp_path / "statements"
    src.write_text(TWO)
    assert main(["find", str(src), "--input-format", "jsonl", *fast(tiny_nli_dir)]) == 0


# 5. leftovers


def test_temp_files_are_recognisable_and_stale_ones_are_cleaned(tmp_path):
    out = tmp_path / "f.jsonl"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    stale = tmp_path / f".f.jsonl.contradict-{dead}-0a1b2c3d.partial"
    stale.write_text("half a file")
    other = tmp_path / f".g.jsonl.contradict-{dead}-0a1b2c3d.partial"  # another output's: left alone
    other.write_text("x")
    write_statements(read_statements(TWO_PATH(tmp_path)), out)
    assert not stale.exists() and other.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == [other.name]


def TWO_PATH(folder: Path) -> Path:
    path = folder / "two.jsonl"
    path.write_text(TWO)
    return path


def test_a_killed_write_leaves_a_named_partial_file_that_the_next_run_removes(tmp_path):
    out = tmp_path / "big.jsonl"
    out.write_text("old\n")
    code = (
        "import sys, time\n"
        "from contradict.io import write_statements\n"
        "from contradict.records import Statement\n"
        "def slow():\n"
        "    for i in range(10**6):\n"
        "        if i == 50: print('writing', flush=True); time.sleep(30)\n"
        "        yield Statement(str(i), 'text %d' % i)\n"
        f"write_statements(slow(), {str(out)!r})\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, cwd=ROOT, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert out.read_text() == "old\n"
    partial = [p for p in tmp_path.iterdir() if p.name.startswith(".big.jsonl.contradict-")]
    assert len(partial) == 1 and partial[0].name.endswith(".partial")
    write_statements(read_statements(TWO_PATH(tmp_path)), out)
    assert not partial[0].exists()
    assert len(out.read_text().splitlines()) == 2


# 6. noise


def test_skip_invalid_reports_each_skipped_record_once(tmp_path, capfd, tiny_nli_dir):
    src = tmp_path / "s.jsonl"
    src.write_text('{"text": "Taxes will rise."}\n{"text": ""}\n{"text": "Taxes will not rise."}\n{"text": 5}\n')
    assert main(["find", str(src), "--skip-invalid", *fast(tiny_nli_dir)]) == 0
    err = capfd.readouterr().err
    assert err.count("line 2") == 1 and err.count("line 4") == 1
    assert "SkippedRecordWarning" not in err and "cli" not in err.split("skipped", 1)[0]
    assert "2 records skipped" in err


# 7. README commands in order


def test_readme_test_command_installs_its_extra_first():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("```bash\n")
    setup, tests = blocks[1].split("```")[0].strip(), blocks[2].split("```")[0].strip()
    assert setup.startswith("python3 -m venv .venv") and "pip install torch==2.13.0" in setup
    assert tests.endswith("python -m pytest -q") and '".[test]"' in tests
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci


# 8. --out x.json


def test_json_suffix_writes_a_json_list(tmp_path, tiny_nli_dir):
    src = tmp_path / "s.jsonl"
    src.write_text(TWO)
    out = tmp_path / "f.json"
    assert main(["find", str(src), "--out", str(out), *fast(tiny_nli_dir)]) == 0
    data = json.loads(out.read_text())
    assert isinstance(data, list) and data and {"a", "b", "verdict"} <= set(data[0])


def test_write_findings_json_round_trip(tmp_path):
    out = tmp_path / "f.json"
    assert write_findings([], out) == 0
    assert json.loads(out.read_text()) == []


# crash safety: every file the CLI writes is either its old content or the complete new one

_WRITERS = {
    "findings.jsonl": "write_findings(findings, out)",
    "findings.json": "write_findings(findings, out)",
    "findings.csv": "write_findings(findings, out)",
    "statements.jsonl": "write_statements([f.a for f in findings], out)",
    "statements.json": "write_statements([f.a for f in findings], out)",
    "predictions.jsonl": "write_predictions({str(i): f for i, f in enumerate(findings)}, out)",
    "calibrated.toml": "atomic_write_config(out)",
}

_DRIVER = """
import sys, dataclasses
from contradict.io import write_findings, write_statements, atomic_open
from contradict.evaluation import write_predictions
from contradict.config import Config, to_toml
from contradict.records import Finding, Statement, Verdict
out = sys.argv[1]
n = int(sys.argv[2])
def atomic_write_config(path):
    with atomic_open(path) as fh:
        for i in range(n):
            fh.write(to_toml(Config(), header=f"run {i}"))
scores = {"entailment": 0.1, "neutral": 0.2, "contradiction": 0.7}
findings = [Finding(Statement(f"a{i}", "Taxes will rise. " * 20), Statement(f"b{i}", "Taxes will not rise."),
                    Verdict.CONTRADICTION, scores, scores, scores, 0.9, "x" * 200) for i in range(n)]
import time
print("ready", flush=True)
started = time.perf_counter()
""" + "\n".join(f"if out.endswith({name!r}): {call}" for name, call in _WRITERS.items()) + \
    "\nprint('done', time.perf_counter() - started, flush=True)\n"


@pytest.mark.parametrize("name", sorted(_WRITERS))
def test_kill_9_during_a_write_leaves_the_old_file_or_the_complete_new_one(tmp_path, name):
    import random

    out = tmp_path / name
    driver = tmp_path / "driver.py"
    driver.write_text(_DRIVER)
    # a complete new file, for reference, and how long writing it takes
    ref = subprocess.run([sys.executable, str(driver), str(out), "3000"], check=True, cwd=ROOT, capture_output=True,
                         text=True)
    seconds = float(ref.stdout.split()[-1])
    complete = out.read_bytes()
    old = b"the old file\n"
    rng = random.Random(name)
    outcomes = set()
    for _ in range(6):
        out.write_bytes(old)
        proc = subprocess.Popen([sys.executable, str(driver), str(out), "3000"], stdout=subprocess.PIPE, cwd=ROOT)
        assert proc.stdout is not None
        proc.stdout.readline()  # "ready": the write starts now
        time.sleep(rng.uniform(0.0, 0.8 * seconds))  # a random point of the write
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = out.read_bytes()
        assert now in (old, complete), f"{name}: a torn file of {len(now)} bytes"
        outcomes.add(now == complete)
    assert False in outcomes, "no kill landed during a write; the test proved nothing"
    # the next write cleans what the killed ones left
    subprocess.run([sys.executable, str(driver), str(out), "10"], check=True, cwd=ROOT, capture_output=True)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]
