"""The verdict rules of issue 4, on short examples of our own (NLI probabilities given, so only logic is tested)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from contradict.config import VerdictConfig
from contradict.records import Statement, Verdict
from contradict.verdict import combine, decide

CONTRA = np.array([0.05, 0.15, 0.80])
ENTAIL = np.array([0.85, 0.10, 0.05])
NEUTRAL = np.array([0.10, 0.85, 0.05])


def s(id_, text, speaker=None, when=None):
    return Statement(id_, text, speaker, when)


def test_unrelated_below_similarity_floor():
    d = decide(s("1", "The bridge will close."), s("2", "Apples are red."), NEUTRAL, NEUTRAL, 0.05)
    assert d.verdict is Verdict.UNRELATED
    assert "below" in d.explanation


def test_compatible_is_consistent():
    d = decide(s("1", "The ministry will hire 200 nurses.", "Ministry of Health", date(2024, 1, 5)),
               s("2", "New nurses will be hired by the ministry.", "Ministry of Health", date(2024, 1, 5)),
               ENTAIL, NEUTRAL, 0.8)
    assert d.verdict is Verdict.CONSISTENT


def test_same_actor_later_statement_is_a_shift_and_equal_times_a_contradiction():
    a = s("1", "The city will keep the night bus running.", "City Council", date(2024, 2, 1))
    b = s("2", "The city will stop the night bus.", "City Council", date(2024, 6, 1))
    shift = decide(a, b, CONTRA, CONTRA, 0.8)
    assert shift.verdict is Verdict.POLICY_SHIFT
    assert shift.grade == "full_flop"
    same_day = decide(a, s("2", b.text, b.speaker, a.time), CONTRA, CONTRA, 0.8)
    assert same_day.verdict is Verdict.CONTRADICTION
    assert "same day" in same_day.explanation


def test_unknown_times_are_a_contradiction():
    d = decide(s("1", "The plant is open.", "Acme"), s("2", "The plant is closed.", "Acme"), CONTRA, CONTRA, 0.8)
    assert d.verdict is Verdict.CONTRADICTION
    assert "unknown time" in d.explanation


def test_swapping_only_the_times_keeps_a_shift_but_reverses_it():
    a = s("1", "Masks are required on trains.", "Transport Authority", date(2023, 3, 1))
    b = s("2", "Masks are no longer required on trains.", "Transport Authority", date(2023, 9, 1))
    forward = decide(a, b, CONTRA, CONTRA, 0.9)
    swapped = decide(s("1", a.text, a.speaker, b.time), s("2", b.text, b.speaker, a.time), CONTRA, CONTRA, 0.9)
    assert forward.verdict is swapped.verdict is Verdict.POLICY_SHIFT
    assert "1 Sep 2023" in forward.explanation


def test_later_admission_about_a_past_event_is_a_contradiction():
    denial = s("1", "All guidance was followed completely at every gathering.", "Prime Minister's office",
               date(2021, 12, 8))
    admission = s("2", "I paid the fine for the gathering in June 2020.", "Prime Minister's office",
                  date(2022, 4, 12))
    d = decide(denial, admission, CONTRA, CONTRA, 0.6)
    assert d.verdict is Verdict.CONTRADICTION
    assert "June 2020" in d.explanation and "not a shift" in d.explanation


def test_different_actors_about_the_same_time_is_a_contradiction_naming_both():
    a = s("1", "Unemployment fell in March.", "Ministry of Labour", date(2024, 4, 2))
    b = s("2", "Unemployment rose in March.", "Opposition Party", date(2024, 4, 2))
    d = decide(a, b, CONTRA, CONTRA, 0.9)
    assert d.verdict is Verdict.CONTRADICTION
    assert "Different speakers" in d.explanation


def test_different_validity_periods_are_a_shift_even_without_statement_times():
    a = s("1", "For Tax Year 2023, the standard deduction is $13,850.", "IRS")
    b = s("2", "For Tax Year 2024, the standard deduction is $14,600.", "IRS")
    d = decide(a, b, CONTRA, CONTRA, 0.95)
    assert d.verdict is Verdict.POLICY_SHIFT
    assert "Tax Year 2023" in d.explanation


def test_effective_date_pair_is_a_shift():
    a = s("1", "The speed limit on the ring road is 80 km/h.", "Roads Agency", date(2025, 3, 1))
    b = s("2", "Effective January 1, 2026, the speed limit on the ring road is 70 km/h.", "Roads Agency",
          date(2025, 10, 1))
    weak = np.array([0.25, 0.5, 0.25])  # the small NLI model may be unsure; the number signal is not
    d = decide(a, b, weak, weak, 0.9)
    assert d.verdict is Verdict.POLICY_SHIFT
    assert any(sig.startswith("number") for sig in d.signals)
    assert d.grade == "half_flip"


def test_changed_number_in_near_identical_sentences_conflicts():
    a = s("1", "The ministry employs 4,200 people.", "Ministry", date(2024, 1, 1))
    b = s("2", "The ministry employs 5,100 people.", "Ministry", date(2024, 1, 1))
    weak = np.array([0.3, 0.5, 0.2])
    d = decide(a, b, weak, weak, 0.97)
    assert d.verdict is Verdict.CONTRADICTION
    assert "4,200" in d.explanation and "5,100" in d.explanation


def test_carve_out_said_together_is_consistent_and_after_a_blanket_rule_a_half_flip():
    rule = s("r", "Our policy with respect to prohibiting the use of ATACMS or long range strikes inside of "
                  "Russia has not changed.", "a U.S. official", date(2024, 5, 30))
    exception = s("e", "The President recently directed his team to ensure that Ukraine is able to use "
                       "U.S.-supplied weapons for counter-fire purposes in the Kharkiv region.", "a U.S. official",
                  date(2024, 5, 30))
    together = decide(rule, exception, CONTRA, NEUTRAL, 0.6)
    assert together.verdict is Verdict.CONSISTENT
    assert "carve-out" in together.explanation
    blanket = s("k", "There's no change to our policy at this point. We don't encourage or enable the use of "
                     "U.S.-supplied weapons to strike inside Russia.", "White House (John Kirby)", date(2024, 5, 28))
    later = decide(blanket, exception, NEUTRAL, NEUTRAL, 0.6)
    assert later.verdict is Verdict.POLICY_SHIFT
    assert later.grade == "half_flip"
    assert "permits what" in later.explanation and "narrowed (" in later.explanation and "Kharkiv" in later.explanation
    assert later.actor_a == later.actor_b == "U.S. administration"


def test_denied_shift_is_flagged():
    a = s("1", "Refugees from the region will not be admitted.", "Interior Ministry", date(2024, 1, 10))
    b = s("2", "Our policy has not changed: refugees from the region will now be admitted.", "Interior Ministry",
          date(2024, 3, 10))
    d = decide(a, b, CONTRA, CONTRA, 0.85)
    assert d.verdict is Verdict.POLICY_SHIFT
    assert d.denied_shift
    assert "denied shift" in d.explanation


def test_thresholds_come_from_the_config():
    a = s("1", "The plant is open.", "Acme")
    b = s("2", "Work at the plant has ended for good.", "Acme")  # no aligned signal: the NLI decides
    p = np.array([0.3, 0.3, 0.4])
    assert decide(a, b, p, p, 0.8, VerdictConfig(contradiction_threshold=0.3)).verdict is Verdict.CONTRADICTION
    assert decide(a, b, p, p, 0.8, VerdictConfig(contradiction_threshold=0.6)).verdict is Verdict.CONSISTENT


def test_combine_is_symmetric_and_sums_to_one():
    c = combine(CONTRA, ENTAIL)
    assert c == combine(ENTAIL, CONTRA)
    assert abs(sum(c.values()) - 1) < 1e-6


def test_different_actors_at_different_times_with_a_now_bound_claim_can_both_be_true():
    a = s("1", "There is no change to our policy at this point.", "White House (John Kirby)", date(2024, 5, 28))
    b = s("2", "This is a change in policy.", "CBS News", date(2024, 5, 30))
    d = decide(a, b, CONTRA, CONTRA, 0.8)
    assert d.verdict is Verdict.CONSISTENT
    assert "at this point" in d.explanation
    same_day = decide(a, s("2", b.text, b.speaker, a.time), CONTRA, CONTRA, 0.8)
    assert same_day.verdict is Verdict.CONTRADICTION


def test_entailment_threshold_shapes_the_consistent_explanation():
    a = s("1", "The ministry will hire 200 nurses.", "Ministry", date(2024, 1, 5))
    b = s("2", "The ministry will hire nurses.", "Ministry", date(2024, 1, 5))
    assert "entails" in decide(a, b, ENTAIL, NEUTRAL, 0.9).explanation
    assert "entails" not in decide(a, b, ENTAIL, NEUTRAL, 0.9, VerdictConfig(entailment_threshold=0.9)).explanation


def test_restated_position_is_consistent_even_when_nli_says_contradiction():
    a = s("1", "We don't encourage or enable the use of U.S.-supplied weapons to strike inside Russia.",
          "White House (John Kirby)", date(2024, 5, 28))
    b = s("2", "Our policy with respect to prohibiting long range strikes inside of Russia has not changed.",
          "a U.S. official", date(2024, 5, 30))
    d = decide(a, b, CONTRA, CONTRA, 0.7)
    assert d.verdict is Verdict.CONSISTENT
    assert "restated position" in d.explanation
    lifted = s("3", "The ban on strikes inside Russia has been lifted.", "a U.S. official", date(2024, 6, 10))
    assert decide(b, lifted, CONTRA, CONTRA, 0.7).verdict is Verdict.POLICY_SHIFT


def test_one_actors_statements_sharing_a_content_word_are_not_unrelated_by_similarity_alone():
    """Low topic similarity does not make one actor's two statements unrelated when they share a content word: the
    later one is judged on its content (here a reversal: a shift)."""
    a = s("1", "Harwick Libraries does not lend e-readers.", "Harwick Libraries", date(2025, 3, 1))
    b = s("2", "Members can now borrow an e-reader for three weeks at any branch.", "Harwick Libraries",
          date(2025, 9, 1))
    d = decide(a, b, CONTRA, CONTRA, 0.25)
    assert d.verdict is Verdict.POLICY_SHIFT, d.explanation


def test_low_similarity_stays_unrelated_without_a_shared_content_word_or_actor():
    # the same actor, but the only shared words are its own name, a weekday and function words
    a = s("1", "Harwick Council approved the harbour budget on Tuesday.", "Harwick Council", date(2025, 3, 4))
    b = s("2", "Harwick Council rejected the school meals plan on Tuesday.", "Harwick Council", date(2025, 3, 4))
    assert decide(a, b, CONTRA, CONTRA, 0.25).verdict is Verdict.UNRELATED
    # a shared content word, but two different actors
    c = s("1", "Tenants may keep one cat.", "Brightmoor Lettings", date(2025, 3, 4))
    e = s("2", "Cats must be kept indoors at night.", "Ostby Animal Welfare League", date(2025, 3, 4))
    assert decide(c, e, CONTRA, CONTRA, 0.25).verdict is Verdict.UNRELATED
    # names are not topic words: "Port Ilsey" written in two texts of one actor
    f = s("1", "The Port Ilsey ferry runs all winter.", "Gullwing Ferries")
    g = s("2", "Sailings from Port Ilsey to Skerry are suspended.", "Gullwing Ferries")
    assert decide(f, g, CONTRA, CONTRA, 0.25).verdict is Verdict.UNRELATED


def test_a_later_update_said_in_words_is_a_shift_even_without_an_nli_conflict():
    """The same actor later says the thing was moved, postponed, called off or changed to another figure: a shift,
    though the NLI model sees no conflict (NEUTRAL both ways here)."""
    cases = [
        ("The choir's spring concert is on Saturday 4 April.", "The spring concert has been moved to Saturday 18 April."),
        ("The ferry fare is 6 crowns.", "With effect from 1 June the ferry fare rises from 6 to 7 crowns."),
        ("Members may pay at the desk or online.", "Desk payments are no longer taken; please pay online."),
        ("The dog show will be held on 12 May.", "This year's dog show has been called off."),
        # plans put off or given up, practices ended, revised forecasts, values moved
        ("The skate park will reopen in March.", "The reopening has been pushed back to late May."),
        ("We plan to add a second climbing wall next year.", "The second wall has been shelved for now."),
        ("The lending library takes back books at any branch.", "From July the Quay branch will stop accepting returns."),
        ("We forecast 40,000 visitors this season.", "The trust now expects about 31,000 visitors this season."),
        ("The harvest fair is on Saturday 6 September.", "The harvest fair moves to Saturday 13 September."),
        ("Boats may travel at up to 6 km/h on the canal.", "The canal speed limit drops to 5 km/h in the autumn."),
        ("Members pay a joining fee of 20 euros.", "The joining fee is to be abolished."),
        ("The new pool will open in spring.", "The pool will now open in the autumn."),
    ]
    for before, after in cases:
        d = decide(s("1", before, "Ostby Arts Trust", date(2025, 1, 10)), s("2", after, "Ostby Arts Trust",
                   date(2025, 3, 2)), NEUTRAL, NEUTRAL, 0.7)
        assert d.verdict is Verdict.POLICY_SHIFT, (after, d.explanation)
        # a figure that moves ("6 crowns" / "7 crowns") is a conflict of its own: then the shift is found over time
        assert d.rule == "change announced" or "different figures" in d.explanation, d.explanation


def test_an_update_beside_a_note_of_what_stays_the_same_is_still_an_update():
    from contradict.verdict.cues import announces_update

    assert announces_update("From now on pets may ride in carriage 3; they remain banned in the others.") == \
        "From now on"
    assert announces_update("The toll rises to 4 euros, but stays unchanged for residents.") == "rises to"
    assert announces_update("The toll remains unchanged from 1 May.") is None  # no clause updates anything


def test_a_later_rule_from_a_day_after_it_was_said_is_an_announced_change():
    before = s("1", "The museum café takes cash and cards.", "Ostby Museum", date(2025, 1, 10))
    for after in ("From 1 June 2025, the café accepts cards only.", "As of 2 June, the café is card-only.",
                  "Starting 1 July 2025 the café will open at 8."):
        d = decide(before, s("2", after, "Ostby Museum", date(2025, 3, 2)), NEUTRAL, NEUTRAL, 0.7)
        assert (d.verdict, d.rule) == (Verdict.POLICY_SHIFT, "change announced"), (after, d.explanation)
    # not: the details of a change announced before, a rule that goes on unchanged, a day already past
    announced = s("1", "We will introduce a parking charge at the lakeside.", "Ostby Museum", date(2025, 1, 10))
    details = s("2", "From 1 June 2025, parking at the lakeside costs 2 euros an hour.", "Ostby Museum",
                date(2025, 3, 2))
    assert decide(announced, details, NEUTRAL, NEUTRAL, 0.7).rule != "change announced"
    for after, made in (("From 1 June 2025 the café still takes cash and cards.", date(2025, 3, 2)),
                        ("Since 1 February 2025, the café accepts cards only.", date(2025, 3, 2))):
        d = decide(before, s("2", after, "Ostby Museum", made), NEUTRAL, NEUTRAL, 0.7)
        assert d.rule != "change announced", (after, d.explanation)


@pytest.mark.parametrize(("before", "after"), [
    # the later one gives the details of a change the earlier one announced
    ("The trust will lower the entry price for children.", "Children's entry will drop from 5 to 3 euros in May."),
    # a routine, an adjective, a figure of speech: no update
    ("The night bus does not run after midnight.", "The night bus stops running at midnight."),
    ("Bikes are left at the abandoned depot overnight.", "Bikes are stored overnight at the old depot."),
    ("We will do what it takes to keep the pool open.", "We will stop at nothing to keep the pool open."),
])
def test_details_of_an_announced_change_routines_and_adjectives_are_no_update(before, after):
    d = decide(s("1", before, "Ostby Leisure Trust", date(2025, 1, 10)), s("2", after, "Ostby Leisure Trust",
               date(2025, 3, 2)), NEUTRAL, NEUTRAL, 0.7)
    assert d.rule != "change announced", d.explanation


def test_no_update_without_a_later_statement_of_the_same_actor_or_when_it_goes_ahead_as_planned():
    before = s("1", "The regatta is on Sunday 7 June.", "Ostby Rowing Club", date(2025, 1, 10))
    moved = "The regatta has been moved to Sunday 14 June."
    # another actor
    other = decide(before, s("2", moved, "Ostby Sailing Club", date(2025, 3, 2)), NEUTRAL, NEUTRAL, 0.7)
    assert other.rule != "change announced"
    # no statement times: nothing orders the two
    undated = decide(s("1", before.text, before.speaker), s("2", moved, before.speaker), NEUTRAL, NEUTRAL, 0.7)
    assert undated.rule != "change announced"
    # the later text says it goes ahead as before
    planned = decide(before, s("2", "The regatta takes place on 7 June as planned.", before.speaker,
                                date(2025, 3, 2)), NEUTRAL, NEUTRAL, 0.7)
    assert planned.verdict is Verdict.CONSISTENT
    # two accounts of a past event do not shift
    past = decide(s("1", "The 2024 regatta was held on 9 June.", before.speaker, date(2024, 7, 1)),
                  s("2", "The 2024 regatta was delayed by a storm and finished on 10 June.", before.speaker,
                    date(2024, 9, 1)), NEUTRAL, NEUTRAL, 0.7)
    assert past.rule != "change announced"
