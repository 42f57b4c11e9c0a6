"""Tests for contradict.verdict.cues: conflict and change cues beyond NLI."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest

from contradict.verdict import cues as signals
from contradict.verdict.cues import (
    ChangeCues,
    Substitution,
    aligned_substitutions,
    change_cues,
    is_carve_out,
    modality,
    negation_polarity,
    overlap_ratio,
    scope_restrictions,
)

VITAMINC_DEV = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "dev" / "vitaminc_dev.jsonl"

# The seed case (shared/seed/article.txt).
KIRBY_0528 = (
    "I would tell you that there's no change to our policy at this point. We don't encourage or enable "
    "the use of U.S.-supplied weapons to strike inside Russia."
)
DIRECTED_0530 = (
    "The President recently directed his team to ensure that Ukraine is able to use U.S.-supplied "
    "weapons for counter-fire purposes in the Kharkiv region so Ukraine can hit back against Russian "
    "forces."
)
UNCHANGED_0530 = (
    "Our policy with respect to prohibiting the use of ATACMS or long range strikes inside of Russia has not changed."
)


def described(a: str, b: str) -> list[str]:
    return [s.description for s in aligned_substitutions(a, b)]


class TestSubstitutions:
    @pytest.mark.parametrize(
        ("a", "b", "expected"),
        [
            ("The curfew starts at 10 pm.", "The curfew starts at 8 pm.", ["number: 10 pm -> 8 pm"]),
            (
                "The plant employs 4,200 people.",
                "The plant employs 5,100 people.",
                ["number: 4,200 people -> 5,100 people"],
            ),
            (
                "hilly areas of 95m to 275m+ ( 310 ft to 900 ft+ )",
                "hilly areas of 85m to 275m+ ( 280 ft to 900 ft+ )",
                ["number: 95m -> 85m", "number: 310 ft -> 280 ft"],
            ),
            (
                "Bayern earned only 25 % of their revenue.",
                "Bayern earned only 28 % of their revenue.",
                ["number: 25 % -> 28 %"],
            ),
            ("a budget of $ 5.6 million", "a budget of $ 5.7 million", ["number: $ 5.6 million -> $ 5.7 million"]),
            ("There were seven more cases.", "There were eight more cases.", ["number: seven -> eight"]),
            (
                "one more case was confirmed",
                "two more cases were confirmed",
                ["number: one -> two", "word: case was -> cases were"],
            ),
            (
                "The tax applies from January 1, 2026.",
                "The tax applies from January 1, 2027.",
                ["date: January 1, 2026 -> January 1, 2027"],
            ),
            ("used since September 1999.", "used since November 1999.", ["date: September 1999 -> November 1999"]),
            ("On 11 March , cases rose.", "On 12 March , cases rose.", ["date: 11 March -> 12 March"]),
            ("from the late 1970s", "from the mid-1970s", ["date: late 1970s -> mid-1970s"]),
            ("The meeting is on Tuesday.", "The meeting is on Friday.", ["date: Tuesday -> Friday"]),
            ("Simon marries Greta , but learns", "Simon marries Sophia , but learns", ["entity: Greta -> Sophia"]),
            (
                "Biden met Putin in Geneva.",
                "Putin met Biden in Geneva.",
                ["entity: Biden met Putin -> Putin met Biden"],
            ),  # names swapped
            (
                "The deal between Acme and Globex was signed.",
                "The deal between Globex and Acme was signed.",
                ["entity: Acme and Globex -> Globex and Acme"],
            ),
            (
                "Smoking is allowed in bars.",
                "Smoking is not allowed in bars.",
                ["negation: is allowed -> is not allowed"],
            ),
            ("He has never lost a race.", "He has lost a race.", ["negation: has never lost -> has lost"]),
            ("Smoking is allowed in bars.", "Smoking is banned in bars.", ["modality: allowed -> banned"]),
            ("The use is permitted.", "The use is prohibited.", ["modality: permitted -> prohibited"]),
            ("Hall and Oates are the best selling duo.", "Hall and Oates are the second best selling duo.", []),
            ("A town with a Kurdish majority.", "A town in Syria with a Kurdish majority.", []),  # elaboration
        ],
    )
    def test_examples(self, a: str, b: str, expected: list[str]) -> None:
        assert described(a, b) == expected

    @pytest.mark.parametrize(
        ("a", "b"),
        [
            ("The U.S . will act -LRB- soon -RRB- .", "The U.S. will act (soon)."),
            ("We do n't agree.", "We don't agree."),
            ("We do not agree.", "We don\u2019t agree."),
            ("I can not go.", "I cannot go."),
            ("Georgia 's counties", "Georgia's counties"),
            ("The plant employs 4,200 people.", "The plant employs 4200 people."),
            ("It costs 5.60 euros.", "It costs 5.6 euros."),
            ("There were 5 cases.", "There were five cases."),
            ("in the mid-1970s", "in the mid 1970s"),
            ("THE CURFEW STARTS AT 10 PM", "the curfew starts at 10 pm"),
            ("the hit song `` Sweet Dream ''", 'the hit song "Sweet Dream"'),
            ("and no deaths .", "and 0 deaths ."),
            ("The rule applies.", "The rule applies."),
            ("", ""),
            # one date written two ways
            ("Entries for the regatta close on 30 June.", "Entries for the regatta close on the 30th of June."),
            ("The clinic reopens on March 4, 2025.", "The clinic reopens on 4 March 2025."),
            ("Fares rise on 2026-01-05 across the network.", "Fares rise on 5 January 2026 across the network."),
            ("The hall is shut from 24 Dec 2024 to 2 Jan 2025.", "The hall is shut from December 24, 2024 to January 2, 2025."),
        ],
    )
    def test_formatting_differences_are_not_substitutions(self, a: str, b: str) -> None:
        assert aligned_substitutions(a, b) == []

    @pytest.mark.parametrize(
        ("a", "b", "kinds"),
        [
            ("Tickets go on sale on 1 May.", "Tickets go on sale on May 2nd.", ["date"]),  # the words moved
            ("The vote is on Friday 3 October 2025.", "The vote is on Friday 10 October 2025.", ["date"]),
            ("Effective 1 January 2026, the toll is 4 solden.", "From January 2026, the toll is 4 solden.", ["word"]),
        ],
    )
    def test_dates_are_compared_as_days(self, a: str, b: str, kinds: list[str]) -> None:
        """A changed day is found even where the alignment cannot pair the words; a day and its month are no
        date change."""
        assert [s.kind for s in aligned_substitutions(a, b)] == kinds
        assert [s.kind for s in aligned_substitutions(b, a)] == kinds

    def test_substitution_fields(self) -> None:
        (sub,) = aligned_substitutions("The curfew starts at 10 pm.", "The curfew starts at 8 pm.")
        assert sub == Substitution("number", "10 pm", "8 pm", "number: 10 pm -> 8 pm")

    def test_one_side_empty(self) -> None:
        assert aligned_substitutions("", "Something new.") == []
        assert aligned_substitutions("Nothing here.", "") == [
            Substitution("negation", "Nothing here", "", "negation: Nothing here -> (nothing)")
        ]

    def test_vitaminc_revisions_are_read_as_aligned_changes(self) -> None:
        """VitaminC revision pairs change a figure or a name in one sentence: the change is found, on both
        sides, with its words, and reading the pair the other way round swaps before and after."""
        if not VITAMINC_DEV.exists():
            pytest.skip(f"{VITAMINC_DEV} not present")
        rows = [json.loads(line) for line in VITAMINC_DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
        revisions = [r for r in rows if r["label"] == "policy_shift"]
        assert len(revisions) >= 50
        found = 0
        for row in revisions:
            a, b = row["a"]["text"], row["b"]["text"]
            assert 0.0 <= overlap_ratio(a, b) <= 1.0 and overlap_ratio(a, b) == overlap_ratio(b, a)
            subs = [s for s in aligned_substitutions(a, b) if s.kind in ("number", "date", "entity")]
            back = [s for s in aligned_substitutions(b, a) if s.kind in ("number", "date", "entity")]
            assert [(s.kind, s.before, s.after) for s in subs] == [(s.kind, s.after, s.before) for s in back]
            for s in subs:
                assert s.before and s.after and s.before != s.after
                assert s.before.split()[0] in a and s.after.split()[0] in b
            found += bool(subs)
        assert found / len(revisions) >= 0.8, f"only {found} of {len(revisions)} revisions show an aligned change"
        # the first dev pair: "95m ... 310 ft" -> "85m ... 280 ft"
        first = aligned_substitutions(rows[0]["a"]["text"], rows[0]["b"]["text"])
        assert [s.kind for s in first][:2] == ["number", "number"]


class TestOverlapRatio:
    def test_identical_after_normalisation(self) -> None:
        assert overlap_ratio("The U.S . will act.", "the U.S. will act") == 1.0
        assert overlap_ratio("", "") == 1.0

    def test_range(self) -> None:
        assert overlap_ratio("The curfew starts at 10 pm.", "The curfew starts at 8 pm.") == pytest.approx(5 / 6)
        assert overlap_ratio("apples and pears", "") == 0.0
        assert overlap_ratio("apples and pears", "quantum field theory") == 0.0

    def test_symmetric(self) -> None:
        a, b = "Ukraine may use the weapons near Kharkiv.", "Ukraine may not use weapons."
        assert overlap_ratio(a, b) == pytest.approx(overlap_ratio(b, a))


class TestNegationAndModality:
    @pytest.mark.parametrize(
        ("text", "negated"),
        [
            ("We don't encourage it.", True),
            ("We do n't encourage it.", True),
            ("There's no change to our policy.", True),
            ("He never said that.", True),
            ("Nobody was hurt.", True),
            ("We encourage it.", False),
            ("Not only does it help, it saves money.", False),
            ("The Notting Hill carnival is on.", False),
        ],
    )
    def test_negation_polarity(self, text: str, negated: bool) -> None:
        assert negation_polarity(text) is negated

    @pytest.mark.parametrize(
        ("text", "stance"),
        [
            ("We don't encourage or enable the use of weapons to strike inside Russia.", "forbid"),
            (KIRBY_0528, "forbid"),
            ("Ukraine is able to use U.S.-supplied weapons for counter-fire purposes.", "permit"),
            (DIRECTED_0530, "permit"),
            (UNCHANGED_0530, "forbid"),
            ("Smoking is allowed.", "permit"),
            ("Smoking is banned.", "forbid"),
            ("Smoking is not permitted here.", "forbid"),
            ("Smoking is no longer prohibited.", "permit"),
            ("The government lifted the ban on rallies.", "permit"),
            ("The ban on rallies was lifted.", "permit"),
            ("Visitors may enter.", "permit"),
            ("Visitors may not enter.", "forbid"),
            ("Visitors must not enter.", "forbid"),
            ("Visitors cannot enter.", "forbid"),
            ("We oppose the plan.", "forbid"),
            ("The plan was approved.", "permit"),
            ("The weather is nice.", None),
            (DIRECTED_0530 + " " + UNCHANGED_0530, None),  # one permit, one forbid: no dominant stance
        ],
    )
    def test_modality(self, text: str, stance: str | None) -> None:
        assert modality(text) == stance


class TestChangeCues:
    @pytest.mark.parametrize(
        ("text", "no_change", "change", "phrases"),
        [
            (KIRBY_0528, True, False, ("no change to our policy",)),
            (UNCHANGED_0530, True, False, ("has not changed",)),
            ("Our position hasn't changed.", True, False, ("hasn't changed",)),
            ("Our position has n't changed.", True, False, ("has n't changed",)),
            ("The policy remains in place and is unchanged.", True, False, ("remains", "unchanged")),
            ("We still oppose it and continue to support Ukraine.", True, False, ("still", "continue to")),
            ("We reaffirm our commitment.", True, False, ("reaffirm",)),
            ("This is a change in policy.", False, True, ("change in policy",)),
            ("The new policy takes effect.", False, True, ("new policy", "takes effect")),
            ("The court reversed its ruling.", False, True, ("reversed",)),
            ("The government now allows rallies.", False, True, ("now allows",)),
            ("The ban was lifted.", False, True, ("lifted",)),
            ("The rules changed in May.", False, True, ("changed",)),
            ("The U.S. no longer opposes it.", False, True, ("no longer",)),
            ("Ukraine will now be able to strike.", False, True, ("will now",)),
            ("The cabinet has decided to act.", False, True, ("has decided to",)),
            (DIRECTED_0530, False, True, ("directed his team to ensure",)),
            ("For the first time, the U.S. allows it.", False, True, ("For the first time",)),
            ("We did not reverse the decision.", False, False, ()),
            ("The weather is nice.", False, False, ()),
        ],
    )
    def test_cues(self, text: str, no_change: bool, change: bool, phrases: tuple[str, ...]) -> None:
        cues = change_cues(text)
        assert (cues.claims_no_change, cues.claims_change, cues.phrases) == (no_change, change, phrases)

    def test_both_kinds_and_split_phrases(self) -> None:
        cues = change_cues(DIRECTED_0530 + " " + UNCHANGED_0530)
        assert cues == ChangeCues(
            True,
            True,
            ("directed his team to ensure", "has not changed"),
            ("has not changed",),
            ("directed his team to ensure",),
        )


class TestScopeAndCarveOut:
    @pytest.mark.parametrize(
        ("text", "scopes"),
        [
            (DIRECTED_0530, ("for counter-fire purposes", "in the Kharkiv region")),
            (
                (
                    "The administration has given Ukraine permission to use certain U.S. weapons to strike "
                    "inside of Russia near Kharkiv for \u201ccounter-fire purposes,\u201d according to two U.S. "
                    "officials."
                ),
                ("certain", "near Kharkiv", "for counter-fire purposes"),
            ),
            ("Rallies are allowed only on weekends.", ("only",)),
            ("Rallies are banned except for registered groups.", ("except for",)),
            ("Use is limited to self-defence purposes.", ("limited to self-defence purposes",)),
            ("Flights are allowed provided that passengers test negative.", ("provided that",)),
            ("Not only rallies but marches are banned.", ()),
            (KIRBY_0528, ()),
            (UNCHANGED_0530, ()),
        ],
    )
    def test_scope_restrictions(self, text: str, scopes: tuple[str, ...]) -> None:
        assert scope_restrictions(text) == scopes

    def test_seed_carve_out(self) -> None:
        assert is_carve_out(UNCHANGED_0530, DIRECTED_0530) is True

    def test_not_a_carve_out(self) -> None:
        assert is_carve_out(DIRECTED_0530, UNCHANGED_0530) is False  # roles swapped
        assert is_carve_out(UNCHANGED_0530, UNCHANGED_0530) is False  # nothing permitted
        # a permission without any narrowing qualifier is a reversal, not a carve-out
        assert is_carve_out(UNCHANGED_0530, "Ukraine is now allowed to use U.S. weapons inside Russia.") is False
        # the general statement neither forbids nor claims that the rule holds
        assert is_carve_out("The weather is nice.", DIRECTED_0530) is False
        # the general rule already carries the same narrowing: nothing is carved out of it
        assert (
            is_carve_out("Strikes for counter-fire purposes in the Kharkiv region are banned.", DIRECTED_0530) is False
        )

    def test_flat_denial_is_not_a_carve_out(self) -> None:
        """The design's case: Kirby's 05-28 words deny the very use the 05-30 directive permits, so said
        together they would conflict; the 05-30 general rule (ATACMS, long range strikes) is another rule."""
        assert is_carve_out(KIRBY_0528, DIRECTED_0530) is False
        assert (
            is_carve_out(
                "Smoking is banned in all restaurants and bars in the city.",
                "Smoking is allowed only on the terraces of restaurants and bars.",
            )
            is False
        )
        # too few words in the forbidden action to call it a flat denial
        assert is_carve_out("Smoking is banned in restaurants.", "Smoking is allowed only on terraces.") is True

    def test_general_rule_by_no_change_claim(self) -> None:
        assert is_carve_out("Our policy has not changed.", "Rallies are allowed only on weekends.") is True


def test_docstring_examples() -> None:
    assert doctest.testmod(signals).failed == 0


def test_limits_read_the_line_its_side_and_whether_the_text_excludes_it():
    from contradict.verdict.cues import limit

    assert limit("Applicants must be eighteen or over.") == limit("Applicants must be at least 18.")
    assert (limit("Applicants must be at least 18.").side, limit("Applicants under 18 are refused.").side) == ("ge", "lt")
    assert limit("Applicants under 18 are refused.").excludes and not limit("Applicants must be at least 18.").excludes
    assert limit("Loads of no more than 3.50 tonnes.").value == "3.5"
    assert limit("Loads of no more than 3.50 tonnes.").unit == "tonne"
    assert limit("A deposit of at least 1 million crowns.").value == "1 million"
    assert limit("Moisture must stay below 7%.") == limit("Moisture must stay below seven per cent.")
    assert limit("Free for under-5s and over-65s.") is None       # two lines
    assert limit("The hall holds 300 people.") is None             # a figure, not a line


def test_norms_read_notices_welcomes_and_duties_written_without_a_modal():
    from contradict.verdict.cues import norm

    assert norm("No dogs on the beach.").force == "prohibition"
    assert norm("Harbour office: no swimming off the pier.").force == "prohibition"
    assert norm("No customer data was accessed.") is None          # a claim with a verb, not a notice
    assert norm("Paper forms are still accepted.").force == "permission"
    assert norm("Guide dogs are welcome in the café.").force == "permission"
    assert norm("Every boiler is to be serviced once a year.").force == "obligation"
    assert norm("Walking aids do not count toward the baggage allowance.").exemption
    assert norm("Guide dogs are the one exception to the no-pets rule.").exemption


def test_a_rule_that_names_its_exceptions_or_one_way_only_leaves_no_room_for_others():
    from contradict.verdict.cues import exception_in

    rule = "Apart from guide dogs, no animals are allowed in the gallery."
    assert exception_in(rule, "Small dogs in carriers are welcome in the gallery.") is None
    assert exception_in("No dogs in the reserve.", "Registered guide dogs are welcome on the lakeside path.")[0] == \
        "exception"
    assert exception_in("Applications are accepted only by post.", "Applications can also be made online.") is None
    assert exception_in("Applications must be sent by post.", "Applications can also be made online.")[0] == \
        "extra option"


def test_a_permission_for_what_a_limit_rules_out_is_no_exception_but_a_named_exception_is():
    from contradict.verdict.cues import exception_in, limit
    from contradict.verdict.cues.bounds import limits_complement

    assert limits_complement("Riders must be at least 14.", "Riders under 14 are welcome on the track.")
    assert not limits_complement("Riders must be at least 14.", "No rider under 14 may use the track.")
    assert exception_in("Riders must be at least 14.", "Riders under 14 are welcome on the track.") is None
    # a limit on whom a duty binds is not the duty: the other side may act alone
    assert exception_in("Children under 10 must be supervised in the pool.",
                        "Only swimmers aged ten and over may swim unsupervised.") is not None
    assert limit("Visitors 65 and under pay full price.").side == "le"
    assert exception_in("Apart from residents, no one may park on Mill Lane.", "Residents may park on Mill Lane.") == \
        ("exception", ("named in the rule: residents",))


@pytest.mark.parametrize(("rule", "permission", "inside"), [
    # a narrower subject, a limit, a holder or a condition: still an exception inside the rule
    ("Dogs are not allowed in the park.", "Guide dogs are allowed in all parts of the park.", True),
    ("Staff must not work more than 48 hours a week.", "Staff may work up to 60 hours in any week during the audit.",
     True),
    ("Cars may not park on Mill Road.", "Residents may park on Mill Road at any time with a permit.", True),
    ("Phones must be switched off during exams.", "Students may keep phones on during any exam if a doctor requires it.",
     True),
    # the same subject, said to hold everywhere or always: no exception, a conflict
    ("Kayaks may not be launched from the harbour slipway.", "Kayaks may be launched from the harbour slipway at any time.",
     False),
    ("Members may not bring guests to the sauna.", "Members may bring guests to the sauna on every day of the week.",
     False),
    ("During regattas, visitors may not walk on the pontoons.", "Visitors may walk on the pontoons during every regatta.",
     False),
])
def test_a_permission_claiming_the_whole_scope_is_no_exception(rule, permission, inside):
    from contradict.verdict.cues import is_exception

    assert (is_exception(rule, permission) is not None) is inside, is_exception(rule, permission)


@pytest.mark.parametrize(("text", "names"), [
    ("From FY2028 interns will be paid 450 marks a month.", ()),          # a fiscal year, after a preposition
    ("In Q3 the Harwell depot closes early.", ("harwell",)),                # a quarter is no name, "Harwell" is
    ("In Ostberg the fee is 5 marks.", ("ostberg",)),                       # the preposition is no part of the name
    ("The kiln cost Mk 12,500 and SLD 40 more for the flue.", ()),          # currencies before amounts
    ("Visitors to Ward 7 must wear masks.", ("ward",)),                     # a numbered unit stays a name
])
def test_named_subjects_leave_out_periods_currencies_and_a_leading_preposition(text, names):
    from contradict.verdict.cues import named_subjects

    assert named_subjects(text) == names


@pytest.mark.parametrize(("names", "text", "shared"), [
    (("hbg",), "Members of the Harwell Beekeepers Guild must register every hive.", True),
    (("members of the harwell beekeepers guild",), "An HBG member keeps no hive off the register.", True),
    (("hb",), "The Harwell Beekeepers Guild meets monthly.", False),        # two letters say too little
    (("osa",), "The Harwell Beekeepers Guild meets monthly.", False),
])
def test_a_name_and_its_initials_are_one_name(names, text, shared):
    from contradict.verdict.cues.subjects import share_a_name

    assert share_a_name(names, text) is shared


def test_tens_written_as_words_are_numbers():
    assert signals.numbers("No more than forty members and ninety guests.") == {"#40", "#90"}
    assert signals.numbers("Forty members.") == signals.numbers("40 members.")


@pytest.mark.parametrize(("text", "past"), [
    ("A pump that should have been serviced in May caused the flood on 3 June.", True),   # a past counterfactual
    ("We now know the intruders copied 300 files in March.", True),                       # a state of knowledge
    ("The council should service the pumps.", False),
    ("We now allow visitors in the east wing.", False),
])
def test_past_counterfactuals_and_what_is_now_known_are_no_positions(text, past):
    assert signals.is_past_fact(text) is past


def test_one_figure_in_percent_however_written_and_what_it_counts():
    from contradict.verdict.cues import figure_nouns, single_figure

    assert single_figure("Turnout was 61%.") == ("#61", "percent", "", "61%")
    assert single_figure("Turnout was 58 per cent.") == ("#58", "percent", "", "58 per cent")
    assert figure_nouns("The depot has 4,200 registered users.") & figure_nouns("About 2,700 users are registered.")
    assert not figure_nouns("The pool is 25 metres long.") & figure_nouns("The pool holds 25 swimmers.")


def test_a_figure_beside_a_date_is_still_the_one_figure():
    from contradict.verdict.cues import single_figure

    assert single_figure("From June 1, 2027, an hour of tuition costs 185 marks.")[:2] == ("#185", "mark")
    assert single_figure("The fee will be 210 marks from 1 June 2027.")[:2] == ("#210", "mark")
    assert single_figure("The fair is on Tuesday 9 June.") is None      # a day is no figure


def test_a_name_ending_in_ed_is_no_past_verb():
    assert not signals.is_past_fact("A day pass at Millreed Pool costs 6 marks.")
    assert not signals.is_past_fact("Sessions at Oakshed Studios cost 12 marks.")
    assert signals.is_past_fact("The pool closed early on Monday.")


def test_the_examples_in_every_cue_module_hold():
    import importlib
    import pkgutil

    import contradict.verdict.cues as package

    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        assert doctest.testmod(module).failed == 0, info.name


def test_reminders_confirmations_and_unmoved_positions():
    from contradict.verdict.cues import aligned_substitutions, change_cues, confirms

    assert confirms("Confirmed: the dig begins on June 1st.") == "Confirmed:"
    assert confirms("Don't forget the quiz on the 4th.") == "Don't forget"
    assert confirms("As planned, the fare went up to 4.20 on the 1st of July.") == "As planned"
    assert confirms("Reminder: the fair is postponed.") is None
    assert not signals.negation_polarity("Don't forget the quiz on the 4th.")
    assert change_cues("Our position has not moved: no troops will go.").claims_no_change
    # one year-less day read in two sentences is one day
    assert aligned_substitutions("The dinner is on the 4th of December.",
                                 "Do come to the dinner on the 4th of December.") == []


def test_hyphenated_tens_and_falling_short_of_a_line():
    from contradict.verdict.cues import limit, same_limit_restated

    assert signals.numbers("twenty-three metres") == signals.numbers("23 metres") == {"#23"}
    assert limit("No throw that stops short of forty metres counts.").side == "lt"
    assert same_limit_restated("A throw must reach at least 40 metres.", "No throw that falls short of forty metres counts.")
