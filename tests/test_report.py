"""The fact-checker's view (issue 14): reading findings back, the page, the notebook display, the terminal lines."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import pytest

import contradict.detector
from contradict import Detector, Finding, Statement, Verdict, load_config
from contradict.cli import main
from contradict.errors import InputError, InputTypeError
from contradict.io import FINDING_COLUMNS, read_findings, write_findings
from contradict.nli import BUILTIN_NLI_DIR
from contradict.records import TimeWindow
from contradict.view import Findings, anchor, finding_lines, shorten
from contradict.view.html import importance, page_html

from .conftest import ROOT, FakeNLI

SEED = ROOT / "fixtures" / "seed" / "statements.jsonl"
has_model = pytest.mark.skipif(not (BUILTIN_NLI_DIR / "config.json").is_file(), reason="shipped model missing")
TFIDF = ["--set", "pairing.method=tfidf", "--set", "pairing.similarity_floor=0.1",
         "--set", "verdict.unrelated_similarity=0.1", "--no-progress"]


def statement(sid: str, text: str, day: int, speaker: str = "Ministry of Finance", **kw: Any) -> Statement:
    return Statement(sid, text, speaker, date(2024, 5, day), **kw)


def finding(verdict: Verdict = Verdict.POLICY_SHIFT, *, a: Statement | None = None, b: Statement | None = None,
            **kw: Any) -> Finding:
    a = a or statement("m-1", "There is no change to our policy: the fuel tax stays at 10 percent.", 28,
                       source="https://example.org/briefing")
    b = b or statement("m-2", "The fuel tax falls to 8 percent for farmers from June.", 30, source="press release")
    scores = {"entailment": 0.1, "neutral": 0.2, "contradiction": 0.7}
    fields: dict[str, Any] = {
        "grade": "half_flip" if verdict is Verdict.POLICY_SHIFT else None, "actor_a": "Government",
        "actor_b": "Government", "about_a": TimeWindow(date(2024, 5, 28), date(2024, 5, 28), "at this point", "now"),
        "about_b": TimeWindow(date(2024, 6, 1), None, "from June", "from"),
        "signals": ("number: 10 percent -> 8 percent",), "rule": "position changed over time", **kw}
    return Finding(a, b, verdict, scores, scores, {"entailment": 0.2, "neutral": 0.2, "contradiction": 0.6}, 0.62,
                   "The 30 May statement narrows what the 28 May statement ruled out.", **fields)


def tfidf_detector() -> Detector:
    cfg = load_config(overrides={"pairing.method": "tfidf", "pairing.similarity_floor": 0.1,
                                 "verdict.unrelated_similarity": 0.1})
    return Detector(cfg, nli=FakeNLI())


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """``Detector(cfg)`` in the CLI uses the fake NLI."""
    real = contradict.detector.Detector
    monkeypatch.setattr(contradict.detector, "Detector", lambda config=None, **kw: real(config, nli=FakeNLI(), **kw))


# ------------------------------------------------------------------------------------------- read_findings


def test_read_findings_round_trips_what_write_findings_wrote(tmp_path):
    given = [finding(), finding(Verdict.CONTRADICTION, denied_shift=True, split_sentences=True),
             finding(Verdict.CONSISTENT, about_a=None, about_b=None, signals=())]
    for name in ("f.jsonl", "f.json"):
        write_findings(given, tmp_path / name)
        back = read_findings(tmp_path / name)
        assert back == given
        assert [f.to_dict() for f in back] == [f.to_dict() for f in given]


def test_read_findings_fills_fields_an_older_file_lacks(tmp_path):
    row = {k: v for k, v in finding().to_dict().items() if k not in ("rule", "about_a", "scores_ab", "signals")}
    (tmp_path / "old.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    [back] = read_findings(tmp_path / "old.jsonl")
    assert back.rule == "" and back.about_a is None and back.scores_ab == {} and back.signals == ()


@pytest.mark.parametrize(("change", "error", "match"), [
    (lambda d: d.update(verdict="flip"), InputError, r"line 2, field 'verdict': expected one of contradiction"),
    (lambda d: d["a"].update(time="28/05/2024"), InputError, r"line 2, field 'a.time': cannot parse"),
    (lambda d: d.pop("b"), InputError, r"line 2, field 'b': is missing"),
    (lambda d: d["scores"].update(contradiction="high"), InputTypeError,
     r"line 2, field 'scores.contradiction': expected a finite number"),
    (lambda d: d["about_b"].update(start="June"), InputError, r"line 2, field 'about_b.start': expected a date"),
    (lambda d: d.update(denied_shift="yes"), InputTypeError, r"line 2, field 'denied_shift': expected true or false"),
    (lambda d: d.update(signals="x"), InputTypeError, r"line 2, field 'signals'"),
])
def test_read_findings_errors_name_the_line_and_field(tmp_path, change, error, match):
    good = finding().to_dict()
    bad = finding().to_dict()
    change(bad)
    path = tmp_path / "f.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(error, match=match):
        read_findings(path)


def test_read_findings_rejects_broken_json_and_missing_files(tmp_path):
    path = tmp_path / "f.jsonl"
    path.write_text(json.dumps(finding().to_dict()) + "\n\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 3: not valid JSON"):
        read_findings(path)
    with pytest.raises(InputError, match="file not found"):
        read_findings(tmp_path / "missing.jsonl")
    with pytest.raises(InputError, match="not CSV"):
        read_findings(tmp_path / "f.csv")


# ------------------------------------------------------------------------------------------- Findings


def test_find_returns_findings_a_list_that_keeps_old_callers_working():
    st = [statement("a", "The fuel tax will rise next year.", 1), statement("b", "The fuel tax will not rise.", 2)]
    found = tfidf_detector().find(st)
    assert isinstance(found, Findings) and isinstance(found, list)
    assert found == list(found) and found[0].verdict is Verdict.POLICY_SHIFT
    assert tfidf_detector().find([]) == [] and isinstance(tfidf_detector().find([]), Findings)


def test_notebook_display_is_a_table_and_to_pandas_has_the_csv_columns():
    items = Findings([finding(), finding(Verdict.CONSISTENT)])
    table = items._repr_html_()
    assert "<table" in table and "Ministry of Finance" in table and "half flip" in table
    assert "2 findings: contradiction 0, policy shift 1, consistent 1" in table
    frame = items.to_pandas()
    assert list(frame.columns) == list(FINDING_COLUMNS) and len(frame) == 2
    assert frame.loc[0, "verdict"] == "policy_shift"
    many = Findings([finding()] * 70)._repr_html_()
    assert "10 more" in many  # at most 60 rows shown


def test_a_finding_displays_as_its_card():
    card = finding(denied_shift=True)._repr_html_()
    assert "<style>" in card and 'class="card policy_shift"' in card
    for part in ("no change to our policy", "falls to 8 percent", "half flip", "denied shift", "at this point",
                 "from June", "position changed over time", "0.70", 'href="https://example.org/briefing"',
                 "press release", 'id="f-m-1~m-2"'):
        assert part in card, part


# ------------------------------------------------------------------------------------------- the page


def test_anchors_are_stable_readable_and_distinct():
    assert anchor("kirby-0528-no-change", "official-0530-counter-fire") == \
        "f-kirby-0528-no-change~official-0530-counter-fire"
    assert anchor("a b", "c") == anchor("a b", "c")
    odd = {anchor("a b", "c"), anchor("a-b", "c"), anchor("a/b", "c"), anchor("a", "b~c"), anchor("a~b", "c")}
    assert len(odd) == 5
    assert all(re.fullmatch(r"f-[A-Za-z0-9_.~-]+", x) for x in odd)


def test_page_is_self_contained_with_summary_timeline_cards_and_filters():
    shift = finding(denied_shift=True)
    other = finding(Verdict.CONTRADICTION, a=statement("p-1", "Bus fares rise by 5 percent.", 3, "City Council",
                                                       source=None),
                    b=statement("p-2", "Bus fares do not rise.", 20, "City Council"), actor_a=None, actor_b=None)
    quiet = finding(Verdict.UNRELATED, a=statement("q", "The museum opens at nine.", 10), grade=None)
    page = Findings([quiet, other, shift]).to_html(title="Seed", provenance={"model": "builtin", "config": None})
    assert page.startswith("<!DOCTYPE html>") and "<title>Seed</title>" in page
    assert not re.search(r"<(link|script|img|iframe)[^>]+(src|href)=", page)  # nothing fetched
    assert "https://example.org/briefing" in page  # a source URL is a link the reader may follow
    assert "3 May 2024 – 30 May 2024" in page and "<th>model</th><td>builtin</td>" in page
    assert "<th>config</th>" not in page  # unknown provenance is left out
    assert page.count("<svg") == 2 and 'data-actor="Government"' in page and 'data-actor="City Council"' in page
    assert page.index('id="f-p-1~p-2"') < page.index('id="f-m-1~m-2"')  # contradiction before shift
    assert re.search(r"<details><summary>Unrelateds \(1\)", page)  # collapsed by default
    assert 'href="#f-m-1~m-2"' in page  # the timeline arc links to the card
    assert "policy shift (half flip), denied" in page
    assert 'id=cx-filters hidden' in page and "addEventListener('change'" in page


def test_importance_puts_denied_shifts_and_full_flops_first():
    plain = finding().to_dict()
    denied = finding(denied_shift=True).to_dict()
    flop = finding(grade="full_flop").to_dict()
    contra = finding(Verdict.CONTRADICTION).to_dict()
    assert sorted([plain, flop, denied, contra], key=importance) == [contra, denied, flop, plain]


def test_undated_statements_are_counted_not_drawn():
    undated = finding(a=Statement("u", "No date here.", "Ministry of Finance"))
    page = page_html([undated.to_dict()])
    assert "1 undated statement not shown" in page


def test_view_html_imports_nothing_of_the_package():
    """``Finding._repr_html_`` imports ``contradict.view.html``: it must stay a leaf, or records would be in a cycle."""
    from .test_layout import import_graph

    graph = import_graph()
    assert graph["contradict.view.html"] == set()
    assert not [e for e in graph["contradict.view.findings"] | graph["contradict.view.terminal"]
                if e.startswith(("contradict.detector", "contradict.cli", "contradict.evaluation"))]


# ------------------------------------------------------------------------------------------- terminal


def test_shorten_keeps_one_line_and_cuts_at_a_word():
    assert shorten("a\nb   c", 10) == "a b c"
    cut = shorten("We don't encourage or enable the use of weapons to strike inside Russia.", 40)
    assert len(cut) <= 40 and cut.endswith("…") and "\n" not in cut and not cut.endswith(" …")


def test_finding_lines_show_texts_speakers_dates_then_the_explanation():
    lines = finding_lines(finding(denied_shift=True), width=80)
    assert lines[0] == "[policy shift, half flip, denied shift] Government"
    assert lines[1].startswith("  28 May 2024  Ministry of Finance: “There is no change")
    assert lines[2].startswith("  30 May 2024  Ministry of Finance: “The fuel tax falls")
    assert all(len(line) <= 80 for line in lines[:3])
    assert lines[3] == "  → The 30 May statement narrows what the 28 May statement ruled out."


def write_statements(tmp_path) -> str:
    path = tmp_path / "st.jsonl"
    rows = [{"id": "t1", "text": "The fuel tax will rise next year.", "speaker": "Ministry", "time": "2024-01-01"},
            {"id": "t2", "text": "The fuel tax will not rise next year.", "speaker": "Ministry", "time": "2024-03-01"},
            {"id": "t3", "text": "The museum opens at nine.", "speaker": "Museum", "time": "2024-02-01"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def test_cli_find_prints_texts_and_ids_only_with_ids(tmp_path, capsys, fake_model):
    source = write_statements(tmp_path)
    assert main(["find", source, *TFIDF]) == 0
    out = capsys.readouterr().out
    assert "1 Jan 2024  Ministry: “The fuel tax will rise next year.”" in out
    assert "1 Mar 2024  Ministry: “The fuel tax will not rise next year.”" in out
    assert "  → " in out and "t1 (" not in out
    assert main(["find", source, "--ids", *TFIDF]) == 0
    out = capsys.readouterr().out
    assert "t1 (2024-01-01) vs t2 (2024-03-01)" in out and "“" not in out


def test_cli_find_html_and_report_write_the_same_page(tmp_path, capsys, fake_model):
    source = write_statements(tmp_path)
    found, page = tmp_path / "f.jsonl", tmp_path / "out" / "find.html"
    assert main(["find", source, "--out", str(found), "--html", str(page), *TFIDF]) == 0
    assert "page in" in capsys.readouterr().err
    html = page.read_text(encoding="utf-8")
    assert 'id="f-t1~t2"' in html and "<th>model</th><td>FakeNLI</td>" in html
    report = tmp_path / "report.html"
    assert main(["report", str(found), "--html", str(report)]) == 0
    assert "findings: contradiction" in capsys.readouterr().err
    again = report.read_text(encoding="utf-8")
    assert 'id="f-t1~t2"' in again and "not recorded in the findings file" in again
    card = re.compile(r'<article.*?</article>', re.DOTALL)
    assert card.findall(html) == card.findall(again)  # the same cards from find and from the file
    assert main(["report", str(found)]) == 0
    assert "Ministry: “The fuel tax will rise" in capsys.readouterr().out


def test_cli_report_refuses_its_input_as_output_and_names_bad_records(tmp_path, capsys):
    path = tmp_path / "f.jsonl"
    path.write_text(json.dumps(finding().to_dict()) + "\n" + '{"a": {"text": "x"}}\n', encoding="utf-8")
    assert main(["report", str(path), "--html", str(path)]) == 2
    assert "is also the input" in capsys.readouterr().err
    assert main(["report", str(path), "--html", str(tmp_path / "r.html")]) == 2
    assert "line 2, field 'b': is missing" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()


def test_cli_extract_prints_statements_per_speaker(tmp_path, capsys):
    out = tmp_path / "st.jsonl"
    assert main(["extract", str(ROOT / "fixtures" / "articles" / "seed_article.txt"), "--published", "2024-05-30",
                 "--out", str(out)]) == 0
    err = capsys.readouterr().err
    n = sum(1 for line in out.read_text(encoding="utf-8").splitlines() if line.strip())
    assert f"seed_article.txt: {n} statements: John Kirby " in err


# ------------------------------------------------------------------------------------------- the seed case


@has_model
def test_seed_report_shows_the_half_flip_on_the_administrations_timeline(tmp_path, capsys):
    page = tmp_path / "seed.html"
    assert main(["find", str(SEED), "--html", str(page), "--no-progress"]) == 0
    html = page.read_text(encoding="utf-8")
    ident = "f-kirby-0528-no-change~official-0530-counter-fire"
    lane = re.search(r'<div class=tl data-actor="U.S. administration".*?</svg>', html, re.DOTALL)
    assert lane, "no timeline for the U.S. administration"
    assert re.search(rf'<a href="#{ident}" data-verdict="policy_shift"[^>]*><path [^>]*stroke-dasharray', lane.group())
    assert "policy shift (half flip)" in lane.group()
    card = re.search(rf'<article class="card policy_shift" id="{ident}".*?</article>', html, re.DOTALL)
    assert card and "policy shift · half flip" in card.group()
    assert "no change to our policy at this point" in card.group()
    assert "counter-fire purposes in the Kharkiv region" in card.group()
    assert "28 May 2024" in card.group() and "30 May 2024" in card.group()
    out = capsys.readouterr().out
    assert "[policy shift, half flip] U.S. administration" in out
