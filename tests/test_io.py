"""Tests for contradict.io: reading statements from every input format, errors, skip mode, writers."""

from __future__ import annotations

import csv
import json
import logging
import re
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pytest

from contradict.errors import InputError, InputTypeError
from contradict.io import (
    FINDING_COLUMNS,
    SkippedRecordWarning,
    findings_to_dataframe,
    read_statements,
    write_findings,
    write_statements,
)
from contradict.records import Finding, Statement, TimeWindow, Verdict, stable_id

ROWS = [
    {"id": "k1", "text": "No change to our policy.", "speaker": "John Kirby", "time": "2024-05-28",
     "source": "briefing"},
    {"id": "k2", "text": "Ukraine may use U.S. weapons for counter-fire in Kharkiv.", "speaker": "Officials",
     "time": "2024-05-30", "source": None},
]


def write_jsonl(path: Path, lines: list[object]) -> Path:
    path.write_text("".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines), encoding="utf-8")
    return path


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


def where(*parts: str) -> str:
    """A regex matching the start of an error message: ``source, record, field 'x'``."""
    return "^" + re.escape(", ".join(parts))


def check_kirby(statements: list[Statement]) -> None:
    assert [s.id for s in statements] == ["k1", "k2"]
    assert statements[0].time == date(2024, 5, 28)
    assert statements[0].speaker == "John Kirby"
    assert statements[0].source == "briefing"
    assert statements[1].source is None


# ------------------------------------------------------------------------------------------- formats


def test_jsonl_file(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "s.jsonl", [ROWS[0], "", "   ", {**ROWS[1], "lang": "en"}])
    statements = read_statements(path)
    check_kirby(statements)
    assert statements[1].meta == {"lang": "en"}


def test_json_file_with_an_array(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps(ROWS, indent=2), encoding="utf-8")
    check_kirby(read_statements(str(path)))


def test_json_array_errors_name_the_item(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps([ROWS[0], {"text": 5}]), encoding="utf-8")
    with pytest.raises(InputTypeError, match=where(str(path), "item 2", "field 'text'")):
        read_statements(path)


def test_json_array_that_does_not_parse_raises_even_when_skipping(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text('[\n{"text": "a"},\n{"text": }\n]', encoding="utf-8")
    with pytest.raises(InputError, match=where(str(path), "line 3") + ": not valid JSON"):
        read_statements(path, skip_invalid=True)


def test_csv_file(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "s.csv",
                     "id,text,speaker,time,source,lang\n"
                     "k1,No change to our policy.,John Kirby,2024-05-28,briefing,\n"
                     "k2,Ukraine may use U.S. weapons for counter-fire in Kharkiv.,Officials,2024-05-30,,en\n")
    statements = read_statements(path)
    check_kirby(statements)
    assert statements[0].meta == {"lang": None}
    assert statements[1].meta == {"lang": "en"}


def test_csv_with_bom_crlf_and_a_quoted_multiline_cell(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_bytes(b'\xef\xbb\xbftext,time\r\n"first\r\nstatement",2024-01-02\r\n,2024-01-03\r\n')
    with pytest.raises(InputError, match=where(str(path), "line 4", "field 'text'") + ": must not be empty"):
        read_statements(path)
    with pytest.warns(SkippedRecordWarning):
        statements = read_statements(path, skip_invalid=True)
    assert [s.text for s in statements] == ["first\r\nstatement"]


def test_format_overrides_the_suffix(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "s.txt", "text\nhello\n")
    assert read_statements(path, format="csv")[0].text == "hello"
    path = write_jsonl(tmp_path / "s.data", [{"text": "hi"}])
    assert read_statements(path, format="jsonl")[0].text == "hi"


def test_unknown_suffix_and_format(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "s.txt", "text\nhello\n")
    with pytest.raises(InputError, match="cannot tell the format"):
        read_statements(path)
    with pytest.raises(InputError, match="unknown format 'xml'"):
        read_statements(path, format="xml")
    with pytest.raises(InputError, match="applies only when reading a file path"):
        read_statements(ROWS, format="csv")


def test_dataframe() -> None:
    frame = pd.DataFrame(ROWS)
    frame["time"] = pd.to_datetime(frame["time"])  # naive midnight timestamps read as dates
    check_kirby(read_statements(frame))


def test_dataframe_missing_values_and_float_ids() -> None:
    frame = pd.DataFrame({"id": [1, None], "text": ["a", "b"], "speaker": ["x", float("nan")]})
    statements = read_statements(frame)
    assert statements[0].id == "1"
    assert statements[1].id == stable_id("b")
    assert statements[1].speaker is None


def test_dataframe_errors_name_the_index_label() -> None:
    frame = pd.DataFrame({"text": ["fine", "", "also fine"]}, index=["a", "b", "c"])
    with pytest.raises(InputError, match=where("row b", "field 'text'")):
        read_statements(frame)


def test_dicts_and_statements() -> None:
    check_kirby(read_statements(ROWS))
    check_kirby(read_statements(iter(ROWS)))  # any iterable, consumed once
    statements = [Statement.from_dict(row) for row in ROWS]
    assert read_statements(statements) == statements
    assert read_statements([statements[0], ROWS[1]]) == statements


def test_not_an_input() -> None:
    with pytest.raises(InputTypeError, match="expected a path, a DataFrame"):
        read_statements(ROWS[0])  # type: ignore[arg-type]
    with pytest.raises(InputTypeError, match=where("item 2") + ": expected a Statement or a mapping"):
        read_statements([ROWS[0], "just text"])  # type: ignore[list-item]


def test_empty_inputs(tmp_path: Path) -> None:
    assert read_statements([]) == []
    assert read_statements(write_jsonl(tmp_path / "e.jsonl", [])) == []
    assert read_statements(write_csv(tmp_path / "e.csv", "id,text\n")) == []


# ------------------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(("line", "error", "message"), [
    ({"text": ""}, InputError, ", field 'text': must not be empty or blank"),
    ({"text": "  \t"}, InputError, ", field 'text': must not be empty or blank"),
    ({"speaker": "x"}, InputError, ", field 'text': is missing"),
    ({"text": "a", "time": "last Tuesday"}, InputError, ", field 'time': cannot parse 'last Tuesday'"),
    ({"text": "a", "time": "2024-05-28T10:00"}, InputError, ", field 'time': date-time .* has no time zone"),
    ({"text": 42}, InputTypeError, ", field 'text': expected text, got int"),
    ({"text": "a", "speaker": 3}, InputTypeError, ", field 'speaker': expected text or null"),
    ({"text": "a", "id": [1]}, InputTypeError, ", field 'id': expected text or an integer"),
    ({"text": "a", "meta": "x"}, InputTypeError, ", field 'meta': expected an object"),
    ([1, 2], InputTypeError, ": expected an object with a 'text' field, got list"),
    ("{'text': 'single quotes'}", InputError, ": not valid JSON: Expecting property name .* at column 2$"),
    ('{"text": "unterminated}', InputError, ": not valid JSON: Unterminated string starting at column 10$"),
])
def test_bad_jsonl_line_is_named(tmp_path: Path, line: object, error: type[InputError], message: str) -> None:
    path = write_jsonl(tmp_path / "s.jsonl", [ROWS[0], ROWS[1], line])
    with pytest.raises(error, match=where(str(path), "line 3") + message) as info:
        read_statements(path)
    assert info.value.record == "line 3"
    assert info.value.source == str(path)


def test_invalid_json_has_no_field(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "s.jsonl", ["{oops"])
    with pytest.raises(InputError, match=where(str(path), "line 1") + ": not valid JSON") as info:
        read_statements(path)
    assert info.value.field is None


def test_bad_csv_rows_are_named_by_file_line(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "s.csv", "id,text,time\nk1,fine,2024-05-28\nk2,,2024-05-29\n")
    with pytest.raises(InputError, match=where(str(path), "line 3", "field 'text'") + ": must not be empty"):
        read_statements(path)
    path = write_csv(tmp_path / "t.csv", "id,text,time\nk1,fine,2024-05-28\nk2,also fine,28/05/2024\n")
    with pytest.raises(InputError, match=where(str(path), "line 3", "field 'time'") + ": cannot parse"):
        read_statements(path)
    path = write_csv(tmp_path / "u.csv", "id,text\nk1,fine,extra\n")
    with pytest.raises(InputError, match=where(str(path), "line 2") + ": has 3 cells but the header has 2"):
        read_statements(path)


def test_csv_header_problems_raise_even_when_skipping(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "s.csv", "id,statement\nk1,fine\n")
    with pytest.raises(InputError, match=where(str(path), "line 1") + ": the header has no 'text' column"):
        read_statements(path, skip_invalid=True)
    path = write_csv(tmp_path / "t.csv", "text,text\na,b\n")
    with pytest.raises(InputError, match="repeats column"):
        read_statements(path, skip_invalid=True)


def test_one_id_for_two_texts_names_both_records(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "s.jsonl",
                       [{"id": "x", "text": "one"}, {"id": "y", "text": "two"}, {"id": "x", "text": "three"}])
    expected = where(str(path), "line 3", "field 'id'") + ": id 'x' already used for a different text at line 1"
    with pytest.raises(InputError, match=expected):
        read_statements(path)
    with pytest.raises(InputError, match=where("item 2", "field 'id'") + ": .* at item 1"):
        read_statements([Statement(id="x", text="one"), Statement(id="x", text="two")])
    with pytest.raises(InputError, match=where("row 5", "field 'id'") + ": .* at row 4"):
        read_statements(pd.DataFrame({"id": ["x", "x"], "text": ["a", "b"]}, index=[4, 5]))


def test_same_id_same_text_keeps_the_first_with_a_warning(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = write_jsonl(tmp_path / "s.jsonl",
                       [{"id": "x", "text": "one", "speaker": "A"}, {"id": "x", "text": " one ", "speaker": "B"}])
    with caplog.at_level(logging.WARNING, logger="contradict.io"):
        statements = read_statements(path)
    assert [(s.id, s.speaker) for s in statements] == [("x", "A")]
    assert "line 2: id 'x' repeats line 1 with the same text" in caplog.text


def test_non_utf8_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_bytes(b'{"text": "first"}\n{"text": "caf\xff\xfe"}\n{"text": "third"}\n')
    with pytest.raises(InputError, match=where(str(path), "line 2") + ": not valid UTF-8: byte 0xff") as info:
        read_statements(path)
    assert info.value.field is None


def test_non_utf8_csv_and_json_array(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_bytes(b"text\nfirst\n\xe9t\xe9\nthird\n")
    with pytest.raises(InputError, match=where(str(path), "line 3") + ": not valid UTF-8"):
        read_statements(path)
    path = tmp_path / "s.json"
    path.write_bytes(b'[\n{"text": "a"},\n{"text": "\xff"}\n]')
    with pytest.raises(InputError, match=where(str(path), "line 3") + ": not valid UTF-8"):
        read_statements(path, skip_invalid=True)


# ------------------------------------------------------------------------------------------- skip mode


def test_skip_mode_keeps_good_records_and_reports_each_skip(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = write_jsonl(tmp_path / "s.jsonl", [
        ROWS[0], {"text": ""}, "{broken", {"id": "k1", "text": "another text"}, [1], ROWS[1],
        {"text": "a", "time": "soon"},
    ])
    skipped: list[InputError] = []
    with pytest.warns(SkippedRecordWarning) as record, caplog.at_level(logging.INFO, logger="contradict.io"):
        statements = read_statements(path, skip_invalid=True, skipped=skipped)
    check_kirby(statements)
    assert [e.record for e in skipped] == ["line 2", "line 3", "line 4", "line 5", "line 7"]
    assert [e.field for e in skipped] == ["text", None, "id", None, "time"]
    assert all(e.source == str(path) for e in skipped)
    assert len(record) == 5
    assert str(record[0].message).endswith("line 2, field 'text': must not be empty or blank")
    summary = [r for r in caplog.records if "skipped 5 invalid record(s)" in r.getMessage()]
    assert len(summary) == 1


def test_skip_mode_without_a_list_and_for_other_inputs() -> None:
    with pytest.warns(SkippedRecordWarning, match="item 2, field 'text'"):
        statements = read_statements([ROWS[0], {"text": None}, ROWS[1]], skip_invalid=True)
    check_kirby(statements)
    frame = pd.DataFrame([ROWS[0], {"text": "x", "time": "bad"}, ROWS[1]])
    with pytest.warns(SkippedRecordWarning, match="row 1, field 'time'"):
        check_kirby(read_statements(frame, skip_invalid=True))


def test_skip_mode_drops_only_the_undecodable_lines(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    good = [json.dumps(row).encode() for row in ROWS]
    path.write_bytes(good[0] + b"\n" + b"\xff\xfe garbage\n" + good[1] + b"\n")
    skipped: list[InputError] = []
    with pytest.warns(SkippedRecordWarning, match="line 2: not valid UTF-8"):
        statements = read_statements(path, skip_invalid=True, skipped=skipped)
    check_kirby(statements)
    assert [e.record for e in skipped] == ["line 2"]

    path = tmp_path / "s.csv"
    path.write_bytes(b"id,text\nk1,first\nk2,s\xe9cond\nk3,third\n")
    with pytest.warns(SkippedRecordWarning):
        assert [s.id for s in read_statements(path, skip_invalid=True)] == ["k1", "k3"]


def test_skipped_list_stays_empty_for_good_input() -> None:
    skipped: list[InputError] = []
    check_kirby(read_statements(ROWS, skip_invalid=True, skipped=skipped))
    assert skipped == []


# ------------------------------------------------------------------------------------------- stable ids


def test_stable_ids_agree_across_formats(tmp_path: Path) -> None:
    rows = [{k: v for k, v in row.items() if k != "id"} for row in ROWS]
    from_dicts = read_statements(rows)
    from_jsonl = read_statements(write_jsonl(tmp_path / "s.jsonl", rows))
    with open(tmp_path / "s.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["text", "speaker", "time", "source"])
        writer.writeheader()
        writer.writerows(rows)
    from_csv = read_statements(tmp_path / "s.csv")
    from_frame = read_statements(pd.DataFrame(rows))
    ids = [s.id for s in from_dicts]
    assert ids == [s.id for s in from_jsonl] == [s.id for s in from_csv] == [s.id for s in from_frame]
    assert ids[0] == stable_id(ROWS[0]["text"], "John Kirby", date(2024, 5, 28), "briefing")
    assert len(set(ids)) == 2


def test_stable_ids_differ_for_different_content() -> None:
    base = {"text": "We will act.", "speaker": "Office", "time": "2024-01-01"}
    variants = [base, {**base, "text": "We will not act."}, {**base, "speaker": "Other"},
                {**base, "time": "2024-01-02"}, {**base, "source": "paper"}]
    ids = [s.id for s in read_statements(variants)]
    assert len(set(ids)) == len(variants)
    assert read_statements([{**base, "text": "  We will act. "}])[0].id == ids[0]


# ------------------------------------------------------------------------------------------- writers


def make_finding(n: int = 0) -> Finding:
    a = Statement(id=f"a{n}", text="No change to our policy.", speaker="John Kirby", time=date(2024, 5, 28))
    b = Statement(id=f"b{n}", text="Les armes américaines peuvent servir à Kharkiv.", speaker="Officials",
                  time=datetime(2024, 5, 30, 14, 0, tzinfo=UTC), source="press")
    return Finding(a=a, b=b, verdict=Verdict.POLICY_SHIFT,
                   scores={"entailment": 0.1, "neutral": 0.2, "contradiction": 0.7},
                   scores_ab={"entailment": 0.1, "neutral": 0.3, "contradiction": 0.6},
                   scores_ba={"entailment": 0.1, "neutral": 0.1, "contradiction": 0.8},
                   similarity=0.8, explanation="The later statement narrows the earlier position.",
                   grade="half_flip", actor_a="US government", actor_b="US government",
                   about_a=None, about_b=TimeWindow(date(2024, 5, 30), None, phrase="from now on", kind="from"),
                   signals=("cue_no_change: a", "place: Kharkiv"), split_sentences=True)


def test_write_findings_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    assert write_findings((make_finding(i) for i in range(3)), path) == 3
    raw = path.read_text(encoding="utf-8")
    assert "américaines" in raw  # ensure_ascii=False
    lines = [json.loads(line) for line in raw.splitlines()]
    assert len(lines) == 3
    assert {"a", "b", "verdict", "scores", "explanation"} <= set(lines[0])
    assert lines[0] == json.loads(json.dumps(make_finding(0).to_dict()))
    assert lines[0]["verdict"] == "policy_shift"
    assert lines[0]["b"]["time"] == "2024-05-30T14:00:00+00:00"


def test_write_findings_csv(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    assert write_findings([make_finding(0), make_finding(1)], path) == 2
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert tuple(reader.fieldnames or ()) == FINDING_COLUMNS
    assert len(rows) == 2
    row = rows[0]
    assert (row["a_id"], row["a_time"], row["a_source"]) == ("a0", "2024-05-28", "")
    assert row["b_text"] == "Les armes américaines peuvent servir à Kharkiv."
    assert (row["verdict"], row["grade"]) == ("policy_shift", "half_flip")
    assert float(row["p_contradiction"]) == 0.7
    assert float(row["similarity"]) == 0.8
    assert (row["about_a"], row["about_b"]) == ("", "from now on")
    assert row["signals"] == "cue_no_change: a; place: Kharkiv"
    assert (row["denied_shift"], row["split_sentences"]) == ("False", "True")


def test_write_findings_format_argument(tmp_path: Path) -> None:
    path = tmp_path / "f.out"
    assert write_findings([make_finding()], path, format="csv") == 1
    assert path.read_text(encoding="utf-8").startswith(",".join(FINDING_COLUMNS))
    with pytest.raises(InputError, match="cannot tell the format"):
        write_findings([make_finding()], tmp_path / "f.xlsx")
    assert not (tmp_path / "f.xlsx").exists()


def test_write_findings_is_atomic(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    path.write_text("old content\n", encoding="utf-8")

    def broken():
        yield make_finding(0)
        raise RuntimeError("scorer crashed")

    with pytest.raises(RuntimeError, match="scorer crashed"):
        write_findings(broken(), path)
    assert path.read_text(encoding="utf-8") == "old content\n"
    with pytest.raises(InputTypeError, match=where("item 2") + ": expected a Finding, got dict"):
        write_findings([make_finding(), {"verdict": "x"}], path)  # type: ignore[list-item]
    assert path.read_text(encoding="utf-8") == "old content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.jsonl"]  # no temporary files left


def test_write_no_findings(tmp_path: Path) -> None:
    assert write_findings([], tmp_path / "f.jsonl") == 0
    assert (tmp_path / "f.jsonl").read_text(encoding="utf-8") == ""
    assert write_findings([], tmp_path / "f.csv") == 0
    assert (tmp_path / "f.csv").read_text(encoding="utf-8").strip() == ",".join(FINDING_COLUMNS)


def test_findings_to_dataframe() -> None:
    frame = findings_to_dataframe([make_finding(0), make_finding(1)])
    assert frame.shape == (2, len(FINDING_COLUMNS))
    assert tuple(frame.columns) == FINDING_COLUMNS
    assert frame.loc[1, "a_id"] == "a1"
    assert frame.loc[0, "p_entailment"] == 0.1
    assert frame.loc[0, "signals"] == "cue_no_change: a; place: Kharkiv"
    empty = findings_to_dataframe([])
    assert empty.shape == (0, len(FINDING_COLUMNS))


def test_write_statements_round_trip(tmp_path: Path) -> None:
    statements = read_statements([*ROWS, {"text": "Extra fields survive.", "lang": "en",
                                           "time": "2024-06-01T09:30:00+02:00"}])
    path = tmp_path / "s.jsonl"
    assert write_statements(statements, path) == 3
    again = read_statements(path)
    assert again == statements
    assert again[2].meta == {"lang": "en"}
    assert json.loads(path.read_text(encoding="utf-8").splitlines()[0]) == statements[0].to_dict()


def test_import_does_not_load_pandas_or_torch() -> None:
    code = "import sys, contradict.io; print('pandas' in sys.modules, 'torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.split() == ["False", "False"]
