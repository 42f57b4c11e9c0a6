"""Tests for contradict.verdict.timeexpr: the time a statement is about."""

from __future__ import annotations

import doctest
from datetime import UTC, date, datetime

import pytest

from contradict.errors import InputTypeError
from contradict.records import TimeWindow
from contradict.verdict import timeexpr
from contradict.verdict.timeexpr import (
    about_window,
    compare_windows,
    find_time_expressions,
    find_time_mentions,
    windows_overlap,
)

ANCHOR = date(2024, 5, 28)  # a Tuesday (the seed case's White House briefing)
D = date.fromisoformat


def only(text: str, anchor: date | None = ANCHOR) -> TimeWindow:
    windows = find_time_expressions(text, anchor)
    assert len(windows) == 1, windows
    return windows[0]


@pytest.mark.parametrize(
    ("text", "phrase", "kind", "start", "end"),
    [
        # explicit dates and periods
        ("I paid the fine for the gathering in June 2020.", "in June 2020", "period", "2020-06-01", "2020-06-30"),
        ("It happened in 2019.", "in 2019", "period", "2019-01-01", "2019-12-31"),
        ("Signed on 4 April 2023.", "on 4 April 2023", "point", "2023-04-04", "2023-04-04"),
        ("Signed April 4, 2023.", "April 4, 2023", "point", "2023-04-04", "2023-04-04"),
        ("Signed 2023-04-04.", "2023-04-04", "point", "2023-04-04", "2023-04-04"),
        ("Signed Sept. 4, 2023.", "Sept. 4, 2023", "point", "2023-09-04", "2023-09-04"),
        ("Signed on Tuesday, May 28, 2024.", "on Tuesday, May 28, 2024", "point", "2024-05-28", "2024-05-28"),
        ("the 4th of July 2021", "the 4th of July 2021", "point", "2021-07-04", "2021-07-04"),
        # validity
        ("Effective January 1, 2026, the rate is 5%.", "Effective January 1, 2026", "from", "2026-01-01", None),
        ("The rule applies starting March 1.", "starting March 1", "from", "2024-03-01", None),
        ("The rule applies beginning March 1.", "beginning March 1", "from", "2024-03-01", None),
        ("The rule applies from March 1.", "from March 1", "from", "2024-03-01", None),
        ("The rule has applied since 2020.", "since 2020", "from", "2020-01-01", None),
        ("It applies after March 3, 2020.", "after March 3, 2020", "from", "2020-03-04", None),
        ("The order is in force until April 26.", "until April 26", "until", None, "2024-04-26"),
        ("The order is in force through April 26.", "through April 26", "until", None, "2024-04-26"),
        ("The order is in force till April 26.", "till April 26", "until", None, "2024-04-26"),
        ("Filed prior to January 1, 2025.", "prior to January 1, 2025", "until", None, "2024-12-31"),
        ("Built before 2020.", "before 2020", "until", None, "2019-12-31"),
        ("Reopen by 1 May.", "by 1 May", "until", None, "2024-05-01"),
        ("Done by the end of 2024.", "by the end of 2024", "until", None, "2024-12-31"),
        ("As of March 20 there were 500 cases.", "As of March 20", "point", "2024-03-20", "2024-03-20"),
        # fiscal, tax, quarters, halves, decades
        ("The Fiscal Year 2024 budget", "Fiscal Year 2024", "period", "2023-10-01", "2024-09-30"),
        ("the FY2024 budget", "FY2024", "period", "2023-10-01", "2024-09-30"),
        ("the FY 2024 budget", "FY 2024", "period", "2023-10-01", "2024-09-30"),
        ("the FY24 budget", "FY24", "period", "2023-10-01", "2024-09-30"),
        ("for Tax Year 2023", "for Tax Year 2023", "period", "2023-01-01", "2023-12-31"),
        ("the tax year 2023 return", "tax year 2023", "period", "2023-01-01", "2023-12-31"),
        ("Sales fell in Q3 2023.", "in Q3 2023", "period", "2023-07-01", "2023-09-30"),
        (
            "Sales fell in the third quarter of 2023.",
            "in the third quarter of 2023",
            "period",
            "2023-07-01",
            "2023-09-30",
        ),
        ("Sales fell in 2023 Q4.", "in 2023 Q4", "period", "2023-10-01", "2023-12-31"),
        ("during the first half of 2023", "during the first half of 2023", "period", "2023-01-01", "2023-06-30"),
        ("in the 1970s", "in the 1970s", "period", "1970-01-01", "1979-12-31"),
        ("in late 2008", "in late 2008", "period", "2008-09-01", "2008-12-31"),
        # ranges
        (
            "from the late 1970s to the mid-1980s",
            "from the late 1970s to the mid-1980s",
            "period",
            "1977-01-01",
            "1986-12-31",
        ),
        ("between 2019 and 2021", "between 2019 and 2021", "period", "2019-01-01", "2021-12-31"),
        ("from 2019 to 2021", "from 2019 to 2021", "period", "2019-01-01", "2021-12-31"),
        ("from June 1 to August 31", "from June 1 to August 31", "period", "2024-06-01", "2024-08-31"),
        ("in the 2019-20 season", "in the 2019-20", "period", "2019-01-01", "2020-12-31"),
        ("in late 2008/early 2009", "in late 2008/early 2009", "period", "2008-09-01", "2009-04-30"),
        # relative to the anchor (Tuesday 2024-05-28)
        ("At a White House briefing on Tuesday, he said", "on Tuesday", "point", "2024-05-21", "2024-05-21"),
        ("last Tuesday", "last Tuesday", "point", "2024-05-21", "2024-05-21"),
        ("next Tuesday", "next Tuesday", "point", "2024-06-04", "2024-06-04"),
        ("on Friday", "on Friday", "point", "2024-05-24", "2024-05-24"),
        ("yesterday", "yesterday", "point", "2024-05-27", "2024-05-27"),
        ("today", "today", "point", "2024-05-28", "2024-05-28"),
        ("tomorrow", "tomorrow", "point", "2024-05-29", "2024-05-29"),
        ("last week", "last week", "period", "2024-05-20", "2024-05-26"),
        ("this week", "this week", "period", "2024-05-27", "2024-06-02"),
        ("last month", "last month", "period", "2024-04-01", "2024-04-30"),
        ("last year", "last year", "period", "2023-01-01", "2023-12-31"),
        ("this year", "this year", "period", "2024-01-01", "2024-12-31"),
        ("next year", "next year", "period", "2025-01-01", "2025-12-31"),
        ("over the past year", "over the past year", "period", "2023-05-28", "2024-05-28"),
        ("two days ago", "two days ago", "point", "2024-05-26", "2024-05-26"),
        ("3 months ago", "3 months ago", "period", "2024-02-01", "2024-02-29"),
        ("in the last 3 days", "in the last 3 days", "period", "2024-05-25", "2024-05-28"),
        ("so far", "so far", "until", None, "2024-05-28"),
        ("until now", "until now", "until", None, "2024-05-28"),
        # the present
        ("There's no change to our policy at this point.", "at this point", "now", "2024-05-28", "2024-05-28"),
        ("We now allow it.", "now", "now", "2024-05-28", "2024-05-28"),
        ("It is currently banned.", "currently", "now", "2024-05-28", "2024-05-28"),
        ("At present it is banned.", "At present", "now", "2024-05-28", "2024-05-28"),
        ("At the moment it is banned.", "At the moment", "now", "2024-05-28", "2024-05-28"),
        ("As it stands, it is banned.", "As it stands", "now", "2024-05-28", "2024-05-28"),
    ],
)
def test_expressions(text: str, phrase: str, kind: str, start: str | None, end: str | None) -> None:
    window = only(text)
    assert window.phrase == phrase
    assert window.kind == kind
    assert window.start == (D(start) if start else None)
    assert window.end == (D(end) if end else None)


@pytest.mark.parametrize(
    "text",
    [
        "The curfew starts from 10 pm.",
        "The curfew runs from 10pm to 6 am.",
        "1,643 confirmed cases and 2019 deaths were reported.",  # a count, not a year
        "We may 1 day agree.",
        "On Rotten Tomatoes , the film has a rating of 20 % , based on 10 reviews , with a rating of 3.8/10 .",
        "The records are up to date.",
        "It opens on Tuesdays.",
        "Mayor Smith spoke.",
        "February 30, 2020",  # not a date
    ],
)
def test_not_time_expressions(text: str) -> None:
    assert find_time_expressions(text, ANCHOR) == []


def test_clock_time_is_not_a_window_but_the_date_is() -> None:
    windows = find_time_expressions("The curfew applies from 10 pm on 4 April 2023.", ANCHOR)
    assert [(w.phrase, w.kind) for w in windows] == [("on 4 April 2023", "point")]


def test_several_expressions_in_reading_order() -> None:
    windows = find_time_expressions(
        "On 11 March, seven more cases were confirmed, one confirmed on 9 March.", date(2020, 4, 15)
    )
    assert [(w.phrase, w.start) for w in windows] == [("On 11 March", D("2020-03-11")), ("on 9 March", D("2020-03-09"))]


def test_no_anchor_keeps_relative_expressions_unresolved() -> None:
    windows = find_time_expressions("Yesterday, on Tuesday, in June and at this point; but in June 2020.", None)
    assert [(w.phrase, w.kind, w.start, w.end) for w in windows] == [
        ("Yesterday", "point", None, None),
        ("on Tuesday", "point", None, None),
        ("in June", "period", None, None),
        ("at this point", "now", None, None),
        ("in June 2020", "period", D("2020-06-01"), D("2020-06-30")),
    ]


def test_no_anchor_validity_keeps_its_kind() -> None:
    assert only("effective March 1", None) == TimeWindow(None, None, "effective March 1", "from")
    assert only("until April 26", None) == TimeWindow(None, None, "until April 26", "until")


def test_datetime_anchor_is_read_as_its_date() -> None:
    aware = datetime(2024, 5, 28, 23, 30, tzinfo=UTC)
    assert find_time_expressions("yesterday", aware) == find_time_expressions("yesterday", ANCHOR)


def test_bad_anchor_and_text_types() -> None:
    with pytest.raises(InputTypeError, match="anchor"):
        find_time_expressions("today", "2024-05-28")  # type: ignore[arg-type]
    with pytest.raises(InputTypeError, match="text"):
        find_time_expressions(None, ANCHOR)  # type: ignore[arg-type]


def test_weekday_is_strictly_before_the_anchor() -> None:
    assert only("on Tuesday", date(2024, 5, 28)).start == D("2024-05-21")  # anchor itself is a Tuesday
    assert only("on Tuesday", date(2024, 5, 29)).start == D("2024-05-28")


class TestYearlessDates:
    """A day or month without a year: reports look back, forward-looking lead-ins take the nearest."""

    def test_report_takes_the_most_recent_occurrence(self) -> None:
        # "On October 10" said in March and in April 2020: October 2019 both times.
        assert only("On October 10", date(2020, 3, 1)).start == D("2019-10-10")
        assert only("On October 10", date(2020, 4, 15)).start == D("2019-10-10")
        assert only("On 11 March", date(2020, 4, 15)).start == D("2020-03-11")
        assert only("in June", date(2024, 1, 5)).start == D("2023-06-01")
        assert only("since June", date(2020, 4, 15)).start == D("2019-06-01")

    def test_forward_lead_ins_take_the_nearest_occurrence(self) -> None:
        assert only("effective March 1", date(2024, 2, 10)).start == D("2024-03-01")
        assert only("effective January 1", date(2025, 12, 20)).start == D("2026-01-01")
        assert only("until April 26", date(2020, 3, 20)).end == D("2020-04-26")
        assert only("by 1 May", date(2020, 4, 15)).end == D("2020-05-01")

    def test_leap_day(self) -> None:
        assert only("On February 29", date(2021, 3, 1)).start == D("2020-02-29")


class TestAboutWindow:
    def test_validity_expression_wins(self) -> None:
        w = about_window("In 2025 the rate was 3%; effective January 1, 2026 it is 5%.", ANCHOR)
        assert w is not None and w.phrase == "effective January 1, 2026" and w.kind == "from"

    def test_as_of_counts_as_validity(self) -> None:
        w = about_window("On Tuesday the minister said that as of March 20 there were 500 cases.", ANCHOR)
        assert w is not None and w.phrase == "as of March 20"

    def test_first_expression_otherwise(self) -> None:
        w = about_window("I paid the fine for the June 2020 gathering last year.", ANCHOR)
        assert w is not None and (w.start, w.end) == (D("2020-06-01"), D("2020-06-30"))

    def test_now(self) -> None:
        w = about_window("I would tell you that there's no change to our policy at this point.", ANCHOR)
        assert w == TimeWindow(ANCHOR, ANCHOR, "at this point", "now")
        assert about_window("There's no change at this point.", None) == TimeWindow(None, None, "at this point", "now")

    def test_none_when_no_time(self) -> None:
        assert about_window("The President recently directed his team to ensure it.", ANCHOR) is None
        assert about_window("", ANCHOR) is None


def W(start: str | None, end: str | None, kind: str = "period") -> TimeWindow:
    return TimeWindow(D(start) if start else None, D(end) if end else None, None, kind)


@pytest.mark.parametrize(
    ("a", "b", "overlap", "relation"),
    [
        (W("2020-06-01", "2020-06-30"), W("2020-06-01", "2020-06-30"), True, "same"),
        (W("2020-06-01", "2020-06-30"), W("2020-06-15", "2020-07-15"), True, "overlap"),
        (W("2019-01-01", "2019-12-31"), W("2020-06-01", "2020-06-30"), False, "before"),
        (W("2021-01-01", "2021-12-31"), W("2020-06-01", "2020-06-30"), False, "after"),
        (W("2026-01-01", None, "from"), W("2025-01-01", "2025-12-31"), False, "after"),
        (W("2026-01-01", None, "from"), W("2027-03-01", "2027-03-01", "point"), True, "overlap"),
        (W(None, "2024-04-26", "until"), W("2024-05-28", "2024-05-28", "now"), False, "before"),
        (W(None, "2024-04-26", "until"), W("2020-01-01", None, "from"), True, "overlap"),
        (W("2026-01-01", None, "from"), W("2026-01-01", None, "from"), True, "same"),
        (W(None, None, "now"), W("2020-06-01", "2020-06-30"), None, "unknown"),
        (W("2020-06-01", "2020-06-30"), W(None, None, "point"), None, "unknown"),
    ],
)
def test_window_relations(a: TimeWindow, b: TimeWindow, overlap: bool | None, relation: str) -> None:
    assert windows_overlap(a, b) is overlap
    assert windows_overlap(b, a) is overlap
    assert compare_windows(a, b) == relation
    mirrored = {"before": "after", "after": "before"}.get(relation, relation)
    assert compare_windows(b, a) == mirrored


def test_admission_and_denial_are_about_the_same_period() -> None:
    """The design's example: a later admission about June 2020 is about the same time as the denial."""
    denial = about_window("All guidance was followed at the June 2020 gathering.", date(2021, 12, 1))
    admission = about_window("I paid the fine for the June 2020 gathering.", date(2022, 4, 12))
    assert denial is not None and admission is not None
    assert compare_windows(denial, admission) == "same"


def test_results_are_fresh_lists() -> None:
    first = find_time_expressions("in June 2020", ANCHOR)
    first.clear()
    assert len(find_time_expressions("in June 2020", ANCHOR)) == 1


def test_docstring_examples() -> None:
    assert doctest.testmod(timeexpr).failed == 0


def test_every_atom_kind_has_exactly_one_named_resolver() -> None:


    kinds = {name for name, _ in timeexpr._ATOMS}
    absolute, relative = set(timeexpr._RESOLVERS), set(timeexpr._RELATIVE_RESOLVERS)
    assert absolute | relative == kinds and not absolute & relative
    assert not hasattr(timeexpr, "_MONTH_NUMBERS") and not hasattr(timeexpr, "_WEEKDAYS")


@pytest.mark.parametrize("text, kind, span", [
    ("on 2024-05-28", "iso", ("2024-05-28", "2024-05-28")),
    ("in June 2020", "my", ("2020-06-01", "2020-06-30")),
    ("last week", "relunit", ("2024-05-20", "2024-05-26")),
    ("on Tuesday", "weekday", ("2024-05-28", "2024-05-28")),
    ("FY2024", "fy", ("2023-10-01", "2024-09-30")),
])
def test_resolver_table_gives_first_and_last_day(text: str, kind: str, span: tuple[str, str]) -> None:
    from contradict.verdict.timeexpr import find_time_mentions

    [m] = find_time_mentions(text, date(2024, 5, 30))
    assert m.atom == kind and (str(m.named[0]), str(m.named[1])) == span
    assert text[m.start:m.end] == m.window.phrase


def test_a_weekday_with_a_day_and_month_picks_the_year_in_which_they_agree():
    # said in June 2025: Saturday 6 September is 2025 (in 2024 the 6th was a Friday), even read as a report
    [m] = find_time_mentions("Our open day is on Saturday 6 September.", date(2025, 6, 2))
    assert m.named == (date(2025, 9, 6), date(2025, 9, 6))
    [m] = find_time_mentions("The bridge shut on Friday 6 September.", date(2025, 6, 2))
    assert m.named == (date(2024, 9, 6), date(2024, 9, 6))
    [m] = find_time_mentions("Tuesday, May 28: the board met.", date(2025, 1, 10))
    assert m.named == (date(2024, 5, 28), date(2024, 5, 28))


def test_a_schedule_said_to_stand_lies_ahead():
    for text in ("The gala is still on for 29 December.", "Reminder: entries close on the 3rd of March.",
                 "See you at the quay on 14 February!", "The recital goes ahead on 2 May as planned."):
        [m] = find_time_mentions(text, date(2026, 1, 20))
        assert m.named[0] > date(2026, 1, 20), text



def test_an_aim_or_plan_with_an_infinitive_puts_a_yearless_day_ahead():
    for text in ("The new pier remains on track to open on September 15.", "The guild hopes to finish by 3 May.",
                 "The road is due to reopen on 2 March."):
        [m] = find_time_mentions(text, date(2026, 2, 20))
        assert m.named[0] > date(2026, 2, 20), text
    [m] = find_time_mentions("The new pier opened on September 15.", date(2026, 2, 20))
    assert m.named[0] < date(2026, 2, 20)


def test_a_yearless_day_in_a_sentence_without_a_past_verb_is_the_nearest_one():
    said = date(2026, 1, 7)
    for text in ("Harbour clean-up day: 3 February.", "Our open weekend is the 3rd of February."):
        [m] = find_time_mentions(text, said)
        assert m.named[0] == date(2026, 2, 3), text
    [m] = find_time_mentions("The clean-up took place on 3 February.", said)  # a report: the day gone by
    assert m.named[0] == date(2025, 2, 3)
    [m] = find_time_mentions("On 3 February", said)                           # a bare date reads as a report
    assert m.named[0] == date(2025, 2, 3)


def test_a_yearless_range_ends_after_it_starts_and_a_past_verb_outweighs_a_schedule_word():
    [m] = find_time_mentions("The dig season runs from 1 June to 31 August.", date(2025, 12, 1))
    assert m.named[0] <= m.named[1], m.named
    [m] = find_time_mentions("As planned, the fare went up on the 1st of July.", date(2026, 7, 3))
    assert m.named[0] == date(2026, 7, 1)


def test_a_yearless_day_in_a_confirmed_or_running_schedule_lies_ahead():
    from contradict.verdict.timeexpr import about_window

    for text in ("We can confirm the harbour festival runs on 13 June.", "The craft fair runs on 4 July."):
        w = about_window(text, date(2026, 5, 30))
        assert w.start == date(2026, 6 if "June" in text else 7, 13 if "June" in text else 4), (text, w)
    # a report of a day gone by stays in the past
    assert about_window("The harbour festival ran on 13 June.", date(2026, 5, 30)).start == date(2025, 6, 13)
