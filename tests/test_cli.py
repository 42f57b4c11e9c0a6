from __future__ import annotations

from contradict.cli import build_parser, main


def test_bad_config_exits_2_and_names_the_key(tmp_path, capsys):
    src = tmp_path / "s.jsonl"
    src.write_text('{"text": "a"}\n{"text": "b"}\n')
    assert main(["find", str(src), "--set", "nli.batch_size=0", "--set", "pairing.k=0"]) == 2
    err = capsys.readouterr().err
    assert "nli.batch_size: must be >= 1, got 0" in err and "pairing.k: must be >= 1, got 0" in err


def test_bad_input_exits_2_and_names_record_and_field(tmp_path, capsys):
    src = tmp_path / "s.jsonl"
    src.write_text('{"text": "fine"}\n{"text": "x", "time": "yesterday-ish"}\n')
    assert main(["find", str(src)]) == 2
    err = capsys.readouterr().err
    assert "line 2" in err and "field 'time'" in err


def test_missing_input_file_exits_2(tmp_path, capsys):
    assert main(["find", str(tmp_path / "none.jsonl")]) == 2
    assert "none.jsonl" in capsys.readouterr().err


def test_unloadable_model_exits_1(tmp_path, capsys):
    src = tmp_path / "s.jsonl"
    src.write_text('{"text": "Taxes will rise."}\n{"text": "Taxes will not rise."}\n')
    code = main(["find", str(src), "--model", str(tmp_path / "no-model"), "--set", "pairing.method=tfidf",
                 "--set", "pairing.similarity_floor=0.0", "--no-progress"])
    assert code == 1
    assert "model error" in capsys.readouterr().err


def test_skip_invalid_keeps_good_records(tmp_path, capsys, tiny_nli_dir):
    src = tmp_path / "s.jsonl"
    src.write_text('{"text": "Taxes will rise."}\n{"text": ""}\n{"text": "Taxes will not rise."}\n')
    out = tmp_path / "f.csv"
    code = main(["find", str(src), "--skip-invalid", "--out", str(out), "--model", str(tiny_nli_dir),
                 "--set", "pairing.method=tfidf", "--set", "pairing.similarity_floor=0.0", "--no-progress"])
    assert code == 0
    err = capsys.readouterr().err
    assert "2 statements" in err and "1 records skipped" in err
    assert "s.jsonl, line 2, field 'text': must not be empty or blank" in err and err.count("contradict: skipped") == 1
    assert out.read_text().startswith("a_id,")


def test_every_subcommand_is_registered():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert {"find", "extract", "bench", "calibrate", "train-nli", "eval-nli"} <= set(sub.choices)
