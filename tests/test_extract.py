"""Statements from news articles (contradict.extract): quotes, speakers, dates, captions, spans, CLI."""

from __future__ import annotations

import argparse
import ast
import importlib
import json
import logging
import re
import textwrap
from datetime import date
from pathlib import Path

import pytest

from contradict.cli.extract import add_arguments
from contradict.cli.extract import run as run_extract
from contradict.errors import InputError, InputTypeError
from contradict.extract import OUTLET, statements_from_article
from contradict.records import Statement
from contradict.verdict.timeexpr import find_time_expressions

ARTICLES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
META_KEYS = {"span", "kind", "organisation", "speaker_phrase", "attribution", "time_phrase", "time_rule",
             "time_from_published"}
FIXTURES = sorted(p.stem for p in ARTICLES.glob("*.json"))
# Expected times that the unified date reader moved and the fixture files do not yet show:
# (fixture, statement start) -> new time. "last week" is now the Monday of the previous calendar week.
def load(name: str) -> tuple[str, dict]:
    text = (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((ARTICLES / f"{name}.json").read_text(encoding="utf-8"))
    return text, expected


def extract(name: str) -> tuple[str, list[Statement]]:
    text, expected = load(name)
    return text, statements_from_article(text, published=expected["published"], source=expected["source"])


def assert_traceable(article: str, st: Statement) -> None:
    """``article[start:end]`` contains the statement text (each part of it, for a split quote)."""
    start, end = st.meta["span"]
    assert 0 <= start < end <= len(article)
    if "parts" in st.meta:
        parts = [article[a:b] for a, b in st.meta["parts"]]
        assert all(start <= a < b <= end for a, b in st.meta["parts"])
        assert " ".join(parts) == st.text
    else:
        assert st.text in article[start:end]
    assert st.text == st.text.strip()


def find(statements: list[Statement], words: str) -> Statement:
    [st] = [s for s in statements if words in s.text]
    return st


# ------------------------------------------------------------------------------ fixture expectations

@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_articles_match_their_expectations(name: str) -> None:
    article, statements = extract(name)
    _, expected = load(name)
    got = [{"speaker": s.speaker, "kind": s.meta["kind"], "time": s.time.isoformat(),
            "organisation": s.meta["organisation"], "attribution": s.meta["attribution"],
            "time_phrase": s.meta["time_phrase"], "time_from_published": s.meta["time_from_published"],
            "text_starts": " ".join(s.text.split()[:6])} for s in statements]
    assert got == expected["statements"]
    for st in statements:
        assert_traceable(article, st)
        assert META_KEYS <= set(st.meta)
        assert st.source == expected["source"]
        json.dumps(st.to_dict(), ensure_ascii=False)  # JSON-ready


def test_every_fixture_article_extracts_the_speakers_kinds_and_times_it_expects() -> None:
    texts = sorted(p.stem for p in ARTICLES.glob("*.txt"))
    assert texts == FIXTURES  # every article has its expectation, and the reverse
    assert {"wire_story", "briefing_transcript", "opinion_piece", "two_events"} <= set(texts)
    for name in texts:
        _, statements = extract(name)
        _, expected = load(name)
        want = [(r["speaker"], r["kind"], r["time"])
                for r in expected["statements"]]
        assert [(s.speaker, s.meta["kind"], s.time.isoformat()) for s in statements] == want, name
        kinds = {s.meta["kind"] for s in statements}
        assert kinds and kinds <= {"quote", "reported", "outlet"}


# ------------------------------------------------------------------------------------ the seed case

@pytest.fixture(scope="module")
def seed() -> tuple[str, list[Statement]]:
    return extract("seed_article")


def test_seed_written_statement_is_one_quote_of_a_us_official_on_publication_day(seed) -> None:
    article, statements = seed
    st = find(statements, "The President recently directed his team")
    assert "has not changed" in st.text  # one quote, both sentences
    assert (st.speaker, st.meta["kind"], st.time) == ("U.S. official", "quote", date(2024, 5, 30))
    assert st.meta["organisation"] == "U.S. administration"
    assert st.meta["speaker_phrase"] == "one U.S. official said in a written statement"
    assert st.meta["time_from_published"] is True  # "recently" is inside the quote: not the time it was said
    assert_traceable(article, st)


def test_seed_kirby_quotes_are_dated_the_tuesday_before(seed) -> None:
    article, statements = seed
    aware = find(statements, "We’re aware of the interest")
    note = find(statements, "I would note that")
    for st in (aware, note):
        assert (st.speaker, st.meta["kind"], st.time) == ("John Kirby", "quote", date(2024, 5, 28))
        assert st.meta["organisation"] == "National Security Council"
        assert st.meta["time_from_published"] is False
        assert_traceable(article, st)
    assert aware.meta["attribution"] == "pronoun" and aware.meta["time_phrase"] == "on Tuesday"
    assert note.meta["speaker_phrase"] == "Kirby added at the time"
    assert note.meta["time_phrase"] == "at the time"


def test_seed_reported_speech(seed) -> None:
    article, statements = seed
    zel = find(statements, "has been calling for using U.S. weapons")
    assert (zel.speaker, zel.meta["kind"], zel.meta["organisation"]) == (
        "Volodymyr Zelenskyy", "reported", "Ukrainian government")
    assert zel.time == date(2024, 5, 30) and zel.meta["time_from_published"] is True
    kirby = find(statements, "there had been no change in policy")
    assert (kirby.speaker, kirby.meta["kind"], kirby.time) == ("John Kirby", "reported", date(2024, 5, 28))
    assert kirby.meta["speaker_phrase"] == "he said" and kirby.meta["time_phrase"] == "on Tuesday"
    officials = find(statements, "The administration has given Ukraine permission")
    assert (officials.speaker, officials.meta["kind"]) == ("U.S. official", "reported")
    assert officials.meta["speaker_phrase"] == "according to two U.S. officials"
    for st in (zel, kirby, officials):
        assert_traceable(article, st)


def test_seed_outlet_claim(seed) -> None:
    article, statements = seed
    st = find(statements, "This is a change in policy")
    assert (st.speaker, st.meta["kind"], st.time) == (OUTLET, "outlet", date(2024, 5, 30))
    assert st.meta["time_from_published"] is True
    assert_traceable(article, st)


def test_seed_outlet_speaker_is_the_source_when_given() -> None:
    text, _ = load("seed_article")
    url = "https://www.cbsnews.com/news/ukraine-us-weapons-strike-russia/"
    statements = statements_from_article(text, published="2024-05-30", source=url)
    assert find(statements, "This is a change in policy").speaker == url
    assert {s.source for s in statements} == {url}


def test_seed_captions_and_credits_are_not_statements(seed) -> None:
    article, statements = seed
    body = article.index("The administration has given")
    assert all(s.meta["span"][0] >= body for s in statements)
    assert not any("soldier" in s.text or "Getty" in s.text for s in statements)
    assert not any(s.text == "Caption" for s in statements)
    assert not any(s.speaker == "European leader" or "NATO" in (s.speaker or "") for s in statements)
    assert len(statements) == 7


def test_seed_narration_is_not_a_statement(seed) -> None:
    _, statements = seed
    assert not any("was asked about" in s.text for s in statements)


# ------------------------------------------------------------------------------- the four own styles

def test_wire_story_dateline_split_quote_and_role_reference() -> None:
    article, statements = extract("wire_story")
    first = statements[0]
    assert first.text.startswith("The European Commission")  # "BRUSSELS (AW) —" is not part of the claim
    assert first.meta["speaker_phrase"] == "EU Trade Commissioner Helena Marsh said"
    split = find(statements, "The direction has not changed")
    assert split.text == "The direction has not changed, only the calendar."
    assert len(split.meta["parts"]) == 2 and split.meta["attribution"] == "pronoun"
    assert_traceable(article, split)
    role = find(statements, "always depended on the consultation")
    assert (role.speaker, role.meta["attribution"], role.time) == ("Helena Marsh", "role", date(2025, 3, 13))
    assert not any("Dock workers" in s.text or "Photo" in s.text for s in statements)


def test_wire_story_time_in_the_reported_clause_is_content_not_statement_time() -> None:
    _, statements = extract("wire_story")
    st = find(statements, "at a meeting of ambassadors on Wednesday")
    assert (st.speaker, st.meta["organisation"]) == ("EU diplomat", "European Union")
    assert st.time == date(2025, 3, 14) and st.meta["time_from_published"] is True
    earlier = find(statements, "the tariffs would take effect")
    assert earlier.time == date(2025, 3, 3) and earlier.meta["time_phrase"] == "on March 3"


def test_wire_story_appositive_gives_speaker_and_organisation() -> None:
    _, statements = extract("wire_story")
    st = find(statements, "clarity, not speed")
    assert (st.speaker, st.meta["organisation"]) == ("Pieter Aalst", "SteelEurope")


def test_briefing_transcript_turns_by_label_questions_skipped() -> None:
    article, statements = extract("briefing_transcript")
    assert {s.speaker for s in statements} == {"Daniel Reyes", "Grace Okafor"}
    assert all(s.meta["kind"] == "quote" and s.meta["attribution"] == "label" for s in statements)
    assert all(s.time == date(2025, 3, 11) for s in statements)  # the briefing, not the publication
    assert not any("Canadian foreign minister" in s.text or "fishing dispute" in s.text for s in statements)
    assert statements[0].meta["speaker_phrase"] == "MR. REYES:"
    assert find(statements, "get ahead of").text.endswith("meetings.")  # trailing "(Laughter.)" dropped
    for st in statements:
        assert_traceable(article, st)


def test_opinion_piece_outlet_claims_and_references() -> None:
    _, statements = extract("opinion_piece")
    outlet = [s for s in statements if s.meta["kind"] == "outlet"]
    assert [s.text.split()[:3] for s in outlet] == [["That", "is", "not"], ["This", "is", "a"]]
    assert {s.speaker for s in outlet} == {"Harbor Gazette"}
    hale = find(statements, "a pause is not a cancellation")
    assert (hale.speaker, hale.meta["attribution"]) == ("Colin Hale", "role")
    costa = find(statements, "within eighteen months")
    assert costa.time == date(2023, 3, 1) and "approximate" in costa.meta["time_rule"]
    yesterday = find(statements, "remains a priority")
    assert yesterday.time == date(2025, 6, 19) and yesterday.meta["time_phrase"] == "yesterday"
    assert not any("columnist" in s.text or "Northgate bypass is a cancellation" in s.text for s in statements)


def test_two_dated_events_of_the_same_speaker_keep_their_own_dates() -> None:
    _, statements = extract("two_events")
    haddad = [s for s in statements if s.speaker == "Laila Haddad"]
    assert [s.time for s in haddad] == [date(2025, 3, 3)] * 2 + [date(2025, 3, 17)] * 2
    at_time = find(statements, "Every clinic on the list")
    assert at_time.meta["time_phrase"] == "at the time"
    later = find(statements, "The staffing picture has changed")
    assert later.meta["time_phrase"] == "On Monday" and later.meta["attribution"] == "role"
    bell = find(statements, "She stood in that chamber")
    assert bell.time == date(2025, 3, 18)


def test_straight_quotes_multi_paragraph_quote_and_photo_line() -> None:
    article, statements = extract("straight_quotes")
    duarte = [s for s in statements if s.speaker == "Elena Duarte"]
    assert [s.meta["attribution"] for s in duarte] == ["explicit", "continued", "continued"]
    assert duarte[0].meta["speaker_phrase"] == "said Mayor Elena Duarte after Wednesday's vote"
    assert all(s.time == date(2024, 11, 6) for s in duarte)
    assert not any("Buses queue" in s.text for s in statements)
    okoro = find(statements, "push traffic")
    assert okoro.speaker == "Ben Okoro" and okoro.meta["time_phrase"] == "last week"
    for st in statements:
        assert_traceable(article, st)


# ------------------------------------------------------------------------------ attribution patterns

@pytest.mark.parametrize("sentence, phrase", [
    ("“Nothing has changed,” Kirby said.", "Kirby said"),
    ("“Nothing has changed,” said Kirby.", "said Kirby"),
    ("“Nothing has changed,” according to Kirby.", "according to Kirby"),
    ("“Nothing has changed,” Kirby added.", "Kirby added"),
    ("“Nothing has changed,” Kirby told reporters.", "Kirby told reporters"),
    ("In a written statement, Kirby said: “Nothing has changed.”", "Kirby said"),
    ("“Nothing has changed,” Kirby said in a statement.", "Kirby said in a statement"),
    ("Kirby said: “Nothing has changed.”", "Kirby said"),
    ("In a written statement Kirby said “Nothing has changed.”", "Kirby said"),
])
def test_attribution_patterns(sentence: str, phrase: str) -> None:
    article = "National Security Council spokesperson John Kirby spoke to reporters.\n\n" + sentence
    [st] = statements_from_article(article, published="2024-05-30")
    assert (st.speaker, st.meta["kind"], st.meta["organisation"]) == (
        "John Kirby", "quote", "National Security Council")
    assert st.text.rstrip(".") == "Nothing has changed"
    assert st.meta["speaker_phrase"] == phrase
    assert_traceable(article, st)


@pytest.mark.parametrize("phrase, speaker, organisation", [
    ("one U.S. official", "U.S. official", "U.S. administration"),
    ("two U.S. officials", "U.S. official", "U.S. administration"),
    ("Ukrainian President Volodymyr Zelenskyy", "Volodymyr Zelenskyy", "Ukrainian government"),
    ("National Security Council spokesperson John Kirby", "John Kirby", "National Security Council"),
    ("White House press secretary Karine Jean-Pierre", "Karine Jean-Pierre", "White House"),
    ("NATO Secretary-General Jens Stoltenberg", "Jens Stoltenberg", "NATO"),
    ("a senior State Department official", "State Department official", "State Department"),
    ("German Foreign Minister Annalena Baerbock", "Annalena Baerbock", "German government"),
    ("the Kremlin", "Kremlin", "Kremlin"),
    ("John Kirby, the National Security Council spokesperson,", "John Kirby", "National Security Council"),
])
def test_speaker_and_organisation(phrase: str, speaker: str, organisation: str) -> None:
    article = f"“We are ready,” {phrase} said."
    [st] = statements_from_article(article, published="2024-05-30")
    assert (st.speaker, st.meta["organisation"]) == (speaker, organisation)


def test_pronoun_and_role_refer_back_to_the_last_named_speaker() -> None:
    article = ("Defense Minister Ana Ruiz met troops on Monday. “We are ready,” she said. "
               "“The line will hold,” the minister added.")
    statements = statements_from_article(article, published="2024-05-30")
    assert [(s.speaker, s.meta["attribution"]) for s in statements] == [("Ana Ruiz", "pronoun"),
                                                                        ("Ana Ruiz", "role")]
    assert {s.time for s in statements} == {date(2024, 5, 27)}


def test_unresolvable_pronoun_or_question_gives_no_statement() -> None:
    assert statements_from_article("“We will not back down,” she said.", published="2024-05-30") == []
    article = "Mayor Elena Duarte spoke.\n\n“Why now?” Duarte asked."
    assert statements_from_article(article, published="2024-05-30") == []


def test_partial_quote_in_reported_speech_is_reported() -> None:
    article = "The minister, Ana Ruiz, said on Monday that the plan was “reckless and unfunded.”"
    [st] = statements_from_article(article, published="2024-05-30")
    assert (st.speaker, st.meta["kind"], st.time) == ("Ana Ruiz", "reported", date(2024, 5, 27))
    assert st.text == "the plan was “reckless and unfunded.”"


def test_reported_speech_after_a_statement_phrase() -> None:
    article = "In a written statement Mayor Elena Duarte said on Monday that the lane would open in March."
    [st] = statements_from_article(article, published="2024-05-30")
    assert (st.speaker, st.meta["kind"], st.time) == ("Elena Duarte", "reported", date(2024, 5, 27))
    assert st.text == "the lane would open in March."


def test_claim_then_attribution_is_reported() -> None:
    article = "The strikes killed 12 people, the regional governor, Oleh Marko, said on Sunday."
    [st] = statements_from_article(article, published="2024-05-30")
    assert (st.speaker, st.meta["kind"], st.time) == ("Oleh Marko", "reported", date(2024, 5, 26))
    assert st.text == "The strikes killed 12 people"


def test_outlet_claims_are_conservative() -> None:
    article = ("Kirby was asked about the request. The talks lasted two hours. "
               "The U.S. has said it opposes such strikes. The decision marks a reversal of that stance.")
    statements = statements_from_article(article, published="2024-05-30")
    assert [(s.speaker, s.meta["organisation"], s.meta["kind"], s.text) for s in statements] == [
        ("U.S.", "U.S. administration", "reported", "it opposes such strikes."),
        (OUTLET, None, "outlet", "The decision marks a reversal of that stance.")]


# ------------------------------------------------------------------------------------------- dates

def dated(sentence: str, published: str) -> Statement:
    [st] = statements_from_article(f"Mayor Elena Duarte said {sentence} that taxes would stay flat.",
                                   published=published)
    return st


@pytest.mark.parametrize("phrase, published, expected", [
    ("on Tuesday", "2024-05-30", "2024-05-28"),
    ("on Tuesday", "2024-05-28", "2024-05-21"),  # a weekday: strictly before publication
    ("Thursday", "2024-05-30", "2024-05-23"),
    ("on April 4", "2024-05-30", "2024-04-04"),
    ("on April 4", "2024-04-04", "2024-04-04"),  # month and day: not after publication
    ("on April 4", "2024-04-03", "2023-04-04"),
    ("on April 4, 2022", "2024-05-30", "2022-04-04"),
    ("on 4 April", "2024-05-30", "2024-04-04"),
    ("yesterday", "2024-03-01", "2024-02-29"),
    ("last week", "2024-05-30", "2024-05-20"),  # the Monday of the previous calendar week
    ("three days ago", "2024-05-30", "2024-05-27"),
    ("recently", "2024-05-30", "2024-05-30"),
])
def test_time_phrases_resolve_against_publication(phrase: str, published: str, expected: str) -> None:
    st = dated(phrase, published)
    assert st.time == date.fromisoformat(expected)
    assert st.meta["time_phrase"] == phrase and st.meta["time_from_published"] is False
    assert st.meta["time_rule"]


@pytest.mark.parametrize("phrase", ["last week", "on Tuesday", "in March", "in 2023", "on April 4", "yesterday",
                                    "three days ago", "two weeks ago", "on 4 April 2022"])
def test_statement_day_is_the_first_day_of_the_timeexpr_window(phrase: str) -> None:
    """One date reader: extract's day is the first day of the window timeexpr reads from the same words."""
    [window] = find_time_expressions(f"said {phrase} that", date(2024, 5, 30))
    st = dated(phrase, "2024-05-30")
    assert st.time == window.start and st.meta["time_phrase"] == phrase
    if window.start != window.end:
        assert "approximate" in st.meta["time_rule"]


def test_last_week_is_the_calendar_week_timeexpr_reads() -> None:
    [window] = find_time_expressions("said last week", date(2024, 5, 30))
    assert (window.start, window.end) == (date(2024, 5, 20), date(2024, 5, 26))
    st = dated("last week", "2024-05-30")
    assert st.time == window.start
    assert st.meta["time_rule"] == "last week: the Monday of the previous calendar week (approximate)"


@pytest.mark.parametrize("phrase, expected, rule", [
    ("last night", "2024-05-29", "the day before publication"),
    ("earlier today", "2024-05-30", "the publication day"),
    ("this morning", "2024-05-30", "the publication day"),
    ("recently", "2024-05-30", "recently: the publication date (approximate)"),
    ("after Tuesday's vote", "2024-05-28", "weekday: the most recent Tuesday before publication"),
    ("on Tuesday morning", "2024-05-28", "weekday: the most recent Tuesday before publication"),
    ("in March", "2024-03-01", "month only: its first day (approximate)"),
])
def test_phrases_only_extract_reads_and_time_rules(phrase: str, expected: str, rule: str) -> None:
    st = dated(phrase, "2024-05-30")
    assert (st.time.isoformat(), st.meta["time_rule"], st.meta["time_from_published"]) == (expected, rule, False)


@pytest.mark.parametrize("phrase", ["next Tuesday", "this Tuesday", "until Tuesday", "by March 3", "next week",
                                    "in 2025", "on June 3, 2024", "tomorrow", "currently"])
def test_future_or_not_when_said_phrases_are_not_the_statement_day(phrase: str) -> None:
    st = dated(phrase, "2024-05-30")
    assert st.time == date(2024, 5, 30) and st.meta["time_from_published"] is True


def test_extract_has_no_date_tables_or_patterns_of_its_own() -> None:
    import contradict.extract as package
    from contradict import text

    for path in Path(package.__file__).parent.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"(?i)january\W+(?:jan\W+)?february|monday\W+tuesday", source), path.name
        assert "_MONTHS" not in source and "_TIME_RE" not in source, path.name
        module = importlib.import_module(f"contradict.extract.{path.stem}" if path.stem != "__init__"
                                         else "contradict.extract")
        for value in vars(module).values():
            if isinstance(value, dict) and value and value is not text.MONTHS:
                assert not {"march", "sept"} <= set(value), path.name


def test_extract_imports_no_cli_and_has_no_cycles() -> None:
    import contradict.extract as package

    local = {}
    for path in Path(package.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert "cli" not in (node.module or "").split("."), path.name
                if node.level == 1 and node.module:
                    names.add(node.module)
            elif isinstance(node, ast.Import):
                assert not any("cli" in a.name.split(".") for a in node.names), path.name
        local[path.stem] = names
    done: set[str] = set()

    def visit(name: str, stack: tuple[str, ...]) -> None:
        assert name not in stack, f"import cycle: {stack + (name,)}"
        for dep in local.get(name, ()):
            visit(dep, stack + (name,))
        done.add(name)

    for name in local:
        visit(name, ())


def test_nothing_to_resolve_or_future_phrase_uses_publication_date() -> None:
    for phrase in ("in a statement", "next Tuesday"):
        st = dated(phrase, "2024-05-30")
        assert st.time == date(2024, 5, 30)
        assert st.meta["time_from_published"] is True and st.meta["time_phrase"] is None


def test_at_the_time_without_earlier_event_falls_back_to_publication() -> None:
    [st] = statements_from_article("“It works,” Mayor Elena Duarte said at the time.", published="2024-05-30")
    assert st.time == date(2024, 5, 30) and st.meta["time_from_published"] is True
    assert st.meta["time_phrase"] == "at the time"


def test_published_may_be_a_date_or_a_string() -> None:
    text, _ = load("seed_article")
    a = statements_from_article(text, published=date(2024, 5, 30))
    b = statements_from_article(text, published="2024-05-30")
    assert [s.to_dict() for s in a] == [s.to_dict() for s in b]


# ------------------------------------------------------------------------------- captions & layout

def test_caption_credit_and_byline_lines_are_skipped() -> None:
    article = textwrap.dedent("""\
        Minister resigns over budget row
        By Jane Roe and Sam Poe
        The minister leaves the cabinet meeting in Oslo on June 3.
        Caption
        A protester holds a sign outside parliament. / AP
        Photo: The finance ministry building. Credit: Kim Lee
        Ana Ruiz waves to supporters on Tuesday.

        Ana Ruiz, the finance minister, said the budget was "not negotiable."
        """)
    [st] = statements_from_article(article, published="2024-06-07")
    assert (st.speaker, st.meta["kind"]) == ("Ana Ruiz", "reported")
    assert st.text == 'the budget was "not negotiable."'


def test_photo_description_followed_by_a_credit_after_a_blank_line_is_skipped() -> None:
    article = ("A soldier stands guard near Kharkiv on May 2.\n\nSoldier in Kharkiv / AFP via Getty Images\n\n"
               "This is a reversal of the earlier policy, officials privately concede.")
    statements = statements_from_article(article, published="2024-05-30")
    assert not any("soldier" in s.text.lower() for s in statements)


def test_hard_wrapped_and_crlf_text_give_the_same_statements() -> None:
    text, expected = load("wire_story")

    def summary(article: str) -> list[tuple]:
        return [(s.speaker, s.meta["kind"], s.time, " ".join(s.text.split()))
                for s in statements_from_article(article, published=expected["published"])]

    wrapped = "\n".join(textwrap.fill(line, 72) if line.strip() else "" for line in text.split("\n"))
    assert summary(wrapped) == summary(text)
    assert summary(text.replace("\n", "\r\n")) == summary(text)
    for st in statements_from_article(wrapped, published=expected["published"]):
        assert_traceable(wrapped, st)


# ------------------------------------------------------------------------------------- API contract

def test_empty_article_gives_no_statements() -> None:
    assert statements_from_article("", published="2024-05-30") == []
    assert statements_from_article("\n\n  \n", published="2024-05-30") == []


def test_ids_are_stable_and_unique() -> None:
    text, expected = load("wire_story")
    a = statements_from_article(text, published=expected["published"])
    b = statements_from_article(text, published=expected["published"])
    assert [s.id for s in a] == [s.id for s in b]
    assert len({s.id for s in a}) == len(a)
    doubled = statements_from_article("“Yes,” Mayor Elena Duarte said.\n\n“Yes,” Duarte said.",
                                      published="2024-05-30")
    assert len(doubled) == 2 and len({s.id for s in doubled}) == 2


def test_bad_input_raises_library_errors() -> None:
    with pytest.raises(InputError, match="published.*cannot parse '30/05/2024'") as exc:
        statements_from_article("text", published="30/05/2024")
    assert exc.value.field == "published"
    with pytest.raises(InputTypeError, match="published"):
        statements_from_article("text", published=20240530)  # type: ignore[arg-type]
    with pytest.raises(InputTypeError, match="field 'text'"):
        statements_from_article(b"bytes", published="2024-05-30")  # type: ignore[arg-type]
    with pytest.raises(InputTypeError, match="field 'source'"):
        statements_from_article("text", published="2024-05-30", source=3)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------- CLI

def cli_args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="contradict extract")
    add_arguments(parser)
    return parser.parse_args(list(argv))


def test_cli_writes_jsonl(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    out = tmp_path / "statements.jsonl"
    args = cli_args(str(ARTICLES / "seed_article.txt"), "--published", "2024-05-30", "--source", "CBS News",
                    "--out", str(out))
    with caplog.at_level(logging.INFO, logger="contradict.cli.extract"):
        assert run_extract(args) == 0
    raw = out.read_text(encoding="utf-8")
    assert "’" in raw and "\\u2019" not in raw  # ensure_ascii=False
    rows = [json.loads(line) for line in raw.splitlines()]
    assert len(rows) == 7 and {r["source"] for r in rows} == {"CBS News"}
    assert [Statement.from_dict(r).meta["kind"] for r in rows].count("quote") == 3
    assert "7 statements" in caplog.text


def test_cli_writes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_extract(cli_args(str(ARTICLES / "two_events.txt"), "--published", "2025-03-20")) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["speaker"] for r in rows][:2] == ["Laila Haddad", "Laila Haddad"]


def test_cli_requires_published(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli_args("article.txt")
    assert "--published" in capsys.readouterr().err


def test_cli_bad_file_names_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    with pytest.raises(InputError, match="missing.txt"):
        run_extract(cli_args(str(missing), "--published", "2024-05-30"))
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("“Caf\u00e9,” he said.".encode("cp1252"))
    with pytest.raises(InputError, match="latin1.txt.*UTF-8") as exc:
        run_extract(cli_args(str(latin1), "--published", "2024-05-30"))
    assert exc.value.source == str(latin1)


# ------------------------------------------------------------------ issue 15, item 9: a new user's defects

def said(article: str, published: str = "2024-05-30") -> list[tuple]:
    return [(s.speaker, s.meta["kind"], s.meta["attribution"], s.text)
            for s in statements_from_article(article, published=published)]


def test_pronoun_goes_to_the_nearest_speaker_of_a_compatible_gender() -> None:
    # the bug: "she said" went to the last named speaker, a man named two paragraphs later than her
    article = ("Spokeswoman Dara Venn said on Monday that the talks would resume.\n\n"
               "Chairman Olek Strand said the talks were pointless.\n\n"
               "“They will resume within a week,” she said.\n\n"
               "“They will not,” he said.")
    assert said(article)[2:] == [("Dara Venn", "quote", "pronoun", "They will resume within a week"),
                                 ("Olek Strand", "quote", "pronoun", "They will not")]


@pytest.mark.parametrize("woman, man", [
    ("Ms. Dara Venn", "Mr. Olek Strand"),              # honorifics
    ("Dara Venn, a spokeswoman for the ministry,", "Olek Strand, the committee chairman,"),  # role words
    ("Finance Minister Maria Venn", "Finance Minister John Strand"),  # the small first-name table
])
def test_gender_evidence_from_honorifics_role_words_and_first_names(woman: str, man: str) -> None:
    article = (f"{woman} said on Monday that the budget was balanced.\n\n"
               f"{man} said the budget was a fantasy.\n\n“We have the numbers,” she said.")
    *_, last = said(article)
    assert last[0].endswith("Venn") and last[2] == "pronoun"


def test_pronoun_without_a_compatible_speaker_leaves_the_quote_out() -> None:
    article = "Mr. Olek Strand said the talks were pointless.\n\n“They will resume,” she said."
    assert said(article) == [("Olek Strand", "reported", "explicit", "the talks were pointless.")]


def test_a_pronoun_bound_to_a_speaker_is_not_evidence_of_gender() -> None:
    # Strand's gender is not known: "he said" binds to him, and does not make him a man for "she said"
    article = ("Spokeswoman Dara Venn said the talks would resume.\n\nOlek Strand said the talks were pointless. "
               "“Nothing will change,” he said.\n\n“We are ready,” she said.")
    quotes = [s for s in said(article) if s[1] == "quote"]
    assert [q[0] for q in quotes] == ["Olek Strand", "Olek Strand"]


def test_honorific_speakers_are_parsed() -> None:
    assert said("“Nothing has changed,” Mr. Kirby said.") == [("Kirby", "quote", "explicit", "Nothing has changed")]
    assert said("Mrs. Ana Ruiz said the plan was fully funded.")[0][:2] == ("Ana Ruiz", "reported")


@pytest.mark.parametrize("sentence, speaker, day, text", [
    ("Mayor Elena Duarte argued that the lane would cut journey times.", "Elena Duarte", "2024-05-30",
     "the lane would cut journey times."),
    ("Mayor Elena Duarte said on Tuesday that the lane would open in March.", "Elena Duarte", "2024-05-28",
     "the lane would open in March."),
    ("Mayor Elena Duarte argued at a news conference on Tuesday that the lane was safe.", "Elena Duarte",
     "2024-05-28", "the lane was safe."),
    ("The city announced on Tuesday that the lane would open in March.", "the city", "2024-05-28",
     "the lane would open in March."),
    ("The company said Tuesday that it would cut 200 jobs.", "the company", "2024-05-28",
     "it would cut 200 jobs."),
    ("The city council argued that the lane was safe for cyclists.", "the city council", "2024-05-30",
     "the lane was safe for cyclists."),
])
def test_reported_speech_forms(sentence: str, speaker: str, day: str, text: str) -> None:
    [st] = statements_from_article(sentence, published="2024-05-30")
    assert (st.speaker, st.meta["kind"], st.time.isoformat(), st.text) == (speaker, "reported", day, text)


@pytest.mark.parametrize("sentence", [
    "The program cost $4.2 million in 2023.",
    "Unemployment fell to 3.9% in March.",
    "The council voted 7-2 on Wednesday to create the lane.",
    "About 12,000 patients were treated at the clinic last year.",
    "The bridge opened on March 3, 2021.",
])
def test_outlet_figures_and_dated_facts_are_outlet_claims(sentence: str) -> None:
    assert said(sentence) == [(OUTLET, "outlet", "outlet", sentence)]


@pytest.mark.parametrize("sentence", [
    "The talks lasted two hours.",                       # no figure, no date
    "Kirby was asked about the request on Tuesday.",     # a weekday is not an explicit date
    "Did the program cost $4.2 million in 2023?",        # a question
    "The budget for 2023.",                              # no verb
    "Two people familiar with the plan said it cost $4 million.",  # attributed, to no speaker
    "The report, which officials called “a $4 million mistake,” was published.",  # a quote inside
    "The following is a transcript of the briefing on March 11, 2025.",
])
def test_outlet_claims_need_a_figure_or_date_and_a_verb_in_the_outlets_voice(sentence: str) -> None:
    assert not [s for s in said(sentence) if s[1] == "outlet"]


def test_outlet_dated_fact_still_dates_the_event_for_later_quotes() -> None:
    article = ("On March 3, 2024, Mayor Elena Duarte met 40 residents. “We will listen,” she said.")
    statements = statements_from_article(article, published="2024-05-30")
    assert [(s.speaker, s.meta["kind"], s.time.isoformat()) for s in statements] == [
        (OUTLET, "outlet", "2024-05-30"), ("Elena Duarte", "quote", "2024-03-03")]


def test_council_budget_fixture_pronouns_outlet_figures_and_organisation() -> None:
    _, statements = extract("council_budget")
    venn = [s.text for s in statements if s.speaker == "Dara Venn"]
    assert "We have the numbers, and we have checked them twice" in venn  # "she", not Mr. Strand
    assert find(statements, "spending money").speaker == "Olek Strand"  # "Mr. Strand said on Monday that"
    outlet = [s.text.split()[:3] for s in statements if s.meta["kind"] == "outlet"]
    assert outlet == [["The", "city", "council"], ["The", "program", "cost"], ["Ridership", "fell", "to"]]
    assert find(statements, "first buses").speaker == "the city"
    assert not any("too fast" in s.text for s in statements)


def test_ids_are_speaker_slug_date_and_number() -> None:
    article = ("At a briefing on Tuesday, National Security Council spokesperson John Kirby spoke. "
               "“We are aware of it,” he said. “Nothing has changed,” Kirby added.\n\n"
               "The program cost $4.2 million in 2023.\n\n"
               "“It is a step,” Ukrainian President Volodymyr Zelenskyy said. "
               "“It will work,” Mayor Karine Jean-Pierre said.")
    ids = [s.id for s in statements_from_article(article, published="2024-05-30")]
    assert ids == ["kirby-2024-05-28-1", "kirby-2024-05-28-2", "outlet-2024-05-30-1",
                   "zelenskyy-2024-05-30-1", "jean-pierre-2024-05-30-1"]
    with_source = statements_from_article(article, published="2024-05-30",
                                          source="https://www.cbsnews.com/news/x/")
    assert with_source[2].id == "cbsnews-2024-05-30-1"
    named = statements_from_article(article, published="2024-05-30", source="Harbor Gazette")
    assert named[2].id == "harbor-gazette-2024-05-30-1"
    from contradict.extract.engine import _speaker_slug
    assert _speaker_slug("Zoë Ångström") == "angstrom" and _speaker_slug("U.S.") == "u-s"


def test_fixture_ids_are_readable_unique_and_stable() -> None:
    for name in FIXTURES:
        _, a = extract(name)
        _, b = extract(name)
        assert [s.id for s in a] == [s.id for s in b]
        assert len({s.id for s in a}) == len(a), name
        for s in a:
            assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*-\d{4}-\d{2}-\d{2}-\d+", s.id), s.id
            assert s.id.endswith(f"-{s.time.isoformat()}-{s.id.rsplit('-', 1)[1]}")
