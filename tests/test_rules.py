"""The verdict rules of issue 12, each with short examples of varied wording (not the probe suite's)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from contradict.records import Statement, Verdict
from contradict.verdict import RULES, decide

CONFLICT = np.array([0.02, 0.08, 0.90])
NEUTRAL = np.array([0.10, 0.80, 0.10])
ENTAIL = np.array([0.90, 0.08, 0.02])


def st(text: str, speaker: str | None = "City Hall", when: date | None = None, sid: str = "x") -> Statement:
    return Statement(sid, text, speaker, when)


def verdict(a: Statement, b: Statement, ab=CONFLICT, ba=CONFLICT, sim: float = 0.8):
    return decide(a, b, ab, ba, sim)


def test_every_decision_names_its_rule_and_quotes_what_the_finding_holds():
    d = verdict(st("The pool opens at 8."), st("The pool opens at 8 am every day."), ab=np.array([0.1, 0.2, 0.7]),
                ba=np.array([0.2, 0.3, 0.5]))
    assert d.rule in dict(RULES)
    assert d.explanation.endswith(f"[rule: {d.rule}]")
    for name, _ in RULES:
        assert name.replace("-", " ").replace(" ", "").isalpha()
    d = verdict(st("Fees rise in May."), st("Parking in the old town is free."), ab=np.array([0.1, 0.2, 0.7]),
                ba=np.array([0.2, 0.3, 0.5]))
    assert "a→b 0.70, b→a 0.50" in d.explanation


@pytest.mark.parametrize(("a", "b"), [
    ("The library closes at 6 pm.", "The library closes at 6 pm."),
    ("THE LIBRARY closes at 6 pm", "The library closes at 6 pm!"),
    ("Parking permits cost 40 euros a year.", "Parking permits cost 40 euros a year for every resident of the city."),
    ("The museum is free on Sundays.", "As announced, the museum is free on Sundays and on public holidays."),
])
def test_restatement_is_consistent_whatever_the_nli_says(a, b):
    for early, late in ((date(2023, 1, 5), date(2024, 9, 1)), (None, None)):
        d = verdict(st(a, when=early), st(b, when=late))
        assert (d.verdict, d.rule) == (Verdict.CONSISTENT, "restatement"), d.explanation


@pytest.mark.parametrize(("a", "b"), [
    ("The library closes at 6 pm.", "The library closes at 8 pm."),            # a changed number
    ("The library is open on Sundays.", "The library is not open on Sundays."),  # negation
    ("Dogs are allowed in the park.", "Dogs are banned in the park."),           # permission
    ("Staff may work from home.", "Staff may work from home only on Fridays."),  # an added restriction
    ("It is the largest port in the region.", "It is the second largest port in the region."),
])
def test_added_or_changed_words_that_change_the_claim_are_not_a_restatement(a, b):
    d = verdict(st(a, when=date(2023, 1, 5)), st(b, when=date(2024, 9, 1)))
    assert d.rule != "restatement"


def test_a_restated_position_keeps_figures_and_stance():
    a = st("The central bank aims to keep inflation at 2 percent over the medium term.", "Central Bank",
           date(2022, 3, 1))
    same = st("The inflation aim is unchanged: 2 percent over the medium term.", "Central Bank", date(2023, 3, 1))
    moved = st("The inflation aim is unchanged at 3 percent over the medium term.", "Central Bank", date(2023, 3, 1))
    assert verdict(a, same).rule == "restated position"
    d = verdict(a, moved)
    assert d.verdict is Verdict.POLICY_SHIFT and d.denied_shift  # "unchanged" while the figure moved
    other_topic = st("Public sector pay will continue to rise with inflation.", "Central Bank", date(2023, 3, 1))
    assert verdict(a, other_topic).rule != "restated position"


@pytest.mark.parametrize(("a", "b"), [
    # the same figure in other words: no shared wording is needed when the figures agree
    ("The Ferry Board kept the crossing fare at 4.20 marks.", "The fare remains 4.20 marks, the chair said."),
    ("Loans from the guild run for at most forty years.", "We still lend for up to 40 years, as we always have."),
    # times read as days: "until the end of Q2 2027" and "before July 2027" overlap
    ("The levy will stay at 2% at least until the end of Q2 2027.",
     "There will be no change to the levy before July 2027; it stays at 2 percent."),
])
def test_a_restated_position_may_reword_everything_but_its_figures(a, b):
    d = verdict(st(a, "Ferry Board", date(2026, 2, 1)), st(b, "Ferry Board", date(2026, 5, 1)))
    assert (d.verdict, d.rule) == (Verdict.CONSISTENT, "restated position"), d.explanation


@pytest.mark.parametrize(("a", "b"), [
    ("The Ferry Board kept the crossing fare at 4.20 marks.", "The fare remains 4.50 marks, the chair said."),
    ("The levy stays at 2% in 2026.", "The levy remains at 2% in 2028."),          # another period
])
def test_a_restated_position_needs_the_same_figures_and_period(a, b):
    d = verdict(st(a, "Ferry Board", date(2026, 2, 1)), st(b, "Ferry Board", date(2026, 5, 1)))
    assert d.rule != "restated position", d.explanation


@pytest.mark.parametrize(("old", "new"), [
    ("Effective 2022-07-01, the help desk answers on weekdays only.",
     "Effective 2024-07-01, the help desk answers around the clock."),
    ("From 1 Jan 2025 the parking fee is 3 euros an hour.", "From 1 Jan 2026 the parking fee is 4 euros an hour."),
    ("Starting FY2024, grants are capped at 10,000.", "Starting FY2026, grants are capped at 15,000."),
    ("As of Q1 2023 the reserve ratio is 8%.", "As of Q3 2025 the reserve ratio is 10%."),
])
def test_rules_in_force_from_different_dates_are_a_shift(old, new):
    for a, b in ((old, new), (new, old)):
        d = verdict(st(a, "Regulator"), st(b, "Regulator"))
        assert (d.verdict, d.rule) == (Verdict.POLICY_SHIFT, "validity periods differ"), d.explanation


@pytest.mark.parametrize("new", [
    "Effective March 1, 2026, the deposit is 500 euros.",
    "From 1 March 2026 the deposit will be 500 euros.",
    "With the pay period ending 15 March 2026, the deposit is 500 euros.",
    "For bookings made on or after 2026-03-01, the deposit is 500 euros.",
])
def test_an_undated_rule_against_a_later_dated_one_is_a_shift(new):
    old = st("The deposit is 300 euros.", "Landlord")
    d = verdict(old, st(new, "Landlord"))
    assert (d.verdict, d.rule) == (Verdict.POLICY_SHIFT, "new rule takes effect"), d.explanation
    # said after the new rule took effect, the old figure is a contradiction, not an older rule
    late = st("The deposit is 300 euros.", "Landlord", date(2026, 6, 1))
    assert verdict(late, st(new, "Landlord", date(2026, 6, 2))).rule != "new rule takes effect"


def test_a_state_since_a_past_date_is_not_a_rule_start():
    a = st("The bridge has been closed since September 1999.", "Roads Office")
    b = st("The bridge has been closed since November 1999.", "Roads Office")
    assert verdict(a, b).rule not in ("validity periods differ", "new rule takes effect")


@pytest.mark.parametrize(("a", "b"), [
    ("Veloria's top income-tax rate is 42%.", "Ostmark's import tariff on steel is 42%."),
    ("Pupils at Hillcrest School must wear a tie.", "Patients at Lakeside Clinic must wear a wristband."),
    ("The Monetary Authority of Ostmark raised its key rate to 3%.", "The Central Bank of Veloria cut its key rate to 3%."),
    ("Kestrel Airways flights to the coast are cancelled.", "Brightline Ferries sailings to the coast are cancelled."),
])
def test_different_named_subjects_are_unrelated(a, b):
    d = verdict(st(a, None), st(b, None))
    assert (d.verdict, d.rule) == (Verdict.UNRELATED, "different named subjects"), d.explanation
    assert "different named subjects" in d.explanation


@pytest.mark.parametrize(("a", "b", "sa", "sb"), [
    # a name and its initials
    ("Members of the Harwell Beekeepers Guild must register every hive.", "An HBG member keeps no hive off the register.",
     "Harwell Beekeepers Guild", "Harwell Beekeepers Guild"),
    # fiscal years and quarters are times, a currency before an amount is no name
    ("In FY2027 the trust pays interns 400 marks a month.", "From FY2028 interns will be paid 450 marks a month.",
     "Orrel Trust", "Orrel Trust"),
    ("The new kiln arrived in March.", "The kiln cost Mk 12,500, paid for by members.", "Fenby Pottery", "Fenby Pottery"),
    # one actor naming itself in an attribution
    ("The Fenby Ferry Company keeps the winter timetable.", "The winter timetable stays, Director Ola Brenn said.",
     "Fenby Ferry Company", "Director Ola Brenn of the Fenby Ferry Company"),
])
def test_initials_periods_currencies_and_an_actor_naming_itself_are_no_other_subject(a, b, sa, sb):
    d = verdict(st(a, sa, date(2026, 3, 2)), st(b, sb, date(2026, 3, 2)))
    assert d.rule != "different named subjects", d.explanation


def test_two_bodies_naming_themselves_are_still_different_subjects():
    # the speakers' own names count as subjects when the speakers differ
    d = verdict(st("Harwell Savings Bank charges 4 marks a month.", "Harwell Savings Bank", date(2026, 3, 2)),
                st("Orrel Cooperative Bank charges 6 marks a month.", "Orrel Cooperative Bank", date(2026, 3, 2)))
    assert d.verdict is Verdict.UNRELATED and d.rule in ("different subjects", "different named subjects"), \
        d.explanation


@pytest.mark.parametrize(("a", "b"), [
    ("Food trucks are banned from the Old Town.", "Food trucks may trade in Cathedral Square on Fridays."),  # places
    ("Simon marries Greta in the last act.", "Simon marries Sophia in the last act."),      # same first name
    ("The Maghreb states should get more aid.", "Aid to the Maghreb should be cut."),      # shared name
    ("We will keep our office in Ostberg.", "Orvane is moving its office to Port Elling."),  # no named subject in a
])
def test_names_outside_the_subject_or_shared_names_are_not_different_subjects(a, b):
    assert verdict(st(a), st(b)).rule != "different named subjects"


@pytest.mark.parametrize(("a", "b"), [
    ("Ostmark government (Lara Benn, Transport Minister)", "Government of Ostmark"),
    ("Chancellor Ida Roth of Ostmark", "Ostmark Ministry of the Interior"),
    ("the Interior Ministry (Ostmark)", "an Ostmark government spokesperson"),
    ("Lakeview City Council (Mayor Tom Ash)", "Lakeview parks department"),
    ("Kestrel Airways CEO Dana Holt", "Kestrel Airways press office"),
    ("Rates Committee, Central Bank of Veloria", "Central Bank of Veloria Governor Ana Lutz"),
    ("Prime Minister of Ostmark, Karl Vinter", "Ostmark government (Lara Benn, Transport Minister)"),  # name after comma
    ("Brenton University Senate", "Dr. Mia Holt, Vice-Chancellor of Brenton University"),    # organ; role of org
    ("a spokesperson for the Halden Rowing Federation", "Halden Rowing Federation chair Ola Berg"),
    ("Ines Vale, CEO of Corbel Group", "Corbel Group Board"),
    ("Ines Vale, CEO of Corbel Engineering", "Corbel Engineering"),          # a name without an organisation word
    ("Sam Otto, head teacher of Greystone Academy", "Greystone Academy"),    # a role, not a member of the public
    ("Lina Voss, director of Kettle Lane Studios", "Kettle Lane Studios press office"),
    ("Ilse Varga, Ostmark's Energy Minister", "Government of Ostmark"),      # a possessive place
    ("Ostmark Road Safety Authority", "ORSA (Lena Fik, head of enforcement)"),  # an acronym; body outside brackets
    ("Fisheries Board of Norvik", "Ida Holm, chair of the Norvik Fisheries Board"),  # another word order
    ("Harlow Gardens general manager Ana Reyes", "Harlow Gardens"),        # a role in lower case before a name
    ("Lindmoor Hotels guest services", "Lindmoor Hotels"),                 # a department after the name
    ("Society of Harrowfield Bookbinders", "SHB council"),                  # initials and an organ in lower case
    ("Tenby Cricket Club", "Tenby Cricket Club committee"),                # the club's own committee
    ("Office of the Water Ombudsman of Ostmark", "OWO"),                    # initials of the part before "of"
    ("Office of the Water Ombudsman of Ostmark", "OWO (Ida Brun, Water Ombudsman)"),
    ("Office of the Pensions Ombudsman", "the Pensions Ombudsman"),         # an office and its post
    ("Veloran Rail Safety Agency", "RSA chief inspector Tomas Lind"),        # initials after a place adjective
])
def test_offices_and_roles_of_one_body_are_one_actor(a, b):
    from contradict.verdict import default_table
    from contradict.verdict.actors import same_actor

    table = default_table()
    assert same_actor(table.resolve(a), table.resolve(b)) is True, (table.resolve(a), table.resolve(b))


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("Prime Minister Erik Dahl", "Ostmark government (Lara Benn, Transport Minister)", None),  # place not named
    ("President Mara Quist", "White House", None),                    # the alias table's actor is a government
    ("Ostmark Ministry of Finance", "Veloria Ministry of Finance", False),
    ("Opposition leader Sam Orr (Ostmark)", "Ostmark Ministry of Finance", False),
    ("a parent at Hillcrest School", "Hillcrest School", False),      # a member of the public
    ("Jo Park, shop owner", "Mayor of Lakeview", False),
    ("Kestrel Airways pilot union", "Kestrel Airways", False),
    ("Brenton University Students' Union", "Brenton University", False),  # a union is not an organ of its host
    ("Prime Minister of Ostmark, Karl Vinter", "Prime Minister of Veloria, Ana Lutz", False),
    ("Ana Ruiz, Head of Communications", "Dev Mehta, Head of Communications", False),  # a function, not a body
    ("Jane Doe, a nurse at Brindle Clinic", "Brindle Clinic", False),       # a member of the public
    ("ORSA", "Ostmark Rail Authority", False),                               # other initials
    ("Veloran Rail Safety Agency", "Ostmarkian Rail Safety Agency", False),   # two countries' agencies
    ("Kestrel Ferries (Jo Bell, a passenger)", "Kestrel Ferries", False),    # a passenger in brackets
])
def test_who_is_not_the_same_actor(a, b, expected):
    from contradict.verdict import default_table
    from contradict.verdict.actors import same_actor

    table = default_table()
    assert same_actor(table.resolve(a), table.resolve(b)) is expected, (table.resolve(a), table.resolve(b))


def test_no_place_is_read_across_a_comma():
    from contradict.verdict.roles import derived_actor

    assert derived_actor("Jo Park, Vice President for Research") != "Jo Park government"
    assert derived_actor("Prime Minister of Ostmark, Karl Vinter") == "Ostmark government"


def test_a_government_shift_across_two_office_holders():
    a = st("Ostmark will not build new coal plants.", "Ostmark government (Lara Benn, Energy Minister)",
           date(2022, 3, 1))
    b = st("Ostmark will build two new coal plants by 2030.", "President Ida Roth of Ostmark", date(2024, 5, 2))
    d = verdict(a, b)
    assert (d.verdict, d.actor_a, d.actor_b) == (Verdict.POLICY_SHIFT, "Ostmark government", "Ostmark government")


@pytest.mark.parametrize(("earlier", "later"), [
    ("We never received the inspector's report.", "We received the inspector's report in June and filed it away."),
    ("No staff member was injured in the fire.", "Two staff members were treated in hospital after the fire."),
    ("The ferry left on time that morning.", "Records show the ferry sailed forty minutes late that morning."),
])
def test_a_later_different_account_of_a_past_fact_is_a_contradiction(earlier, later):
    d = verdict(st(earlier, "Harbour Office", date(2024, 2, 1)), st(later, "Harbour Office", date(2024, 9, 1)))
    assert (d.verdict, d.rule) == (Verdict.CONTRADICTION, "past fact corrected"), d.explanation


@pytest.mark.parametrize(("earlier", "later"), [
    ("We will not reopen the ferry line.", "The ferry line will reopen in May."),
    ("The office opposes longer opening hours.", "The office now supports longer opening hours."),
])
def test_positions_still_shift(earlier, later):
    d = verdict(st(earlier, "Harbour Office", date(2024, 2, 1)), st(later, "Harbour Office", date(2024, 9, 1)))
    assert d.verdict is Verdict.POLICY_SHIFT


def test_a_revised_record_of_the_same_sentence_stays_a_revision():
    a = st("The stadium held 41,200 spectators at its opening in 1998.", "Wikipedia: Stadium", date(2020, 1, 1))
    b = st("The stadium held 42,100 spectators at its opening in 1998.", "Wikipedia: Stadium", date(2020, 6, 1))
    assert verdict(a, b).verdict is Verdict.POLICY_SHIFT


@pytest.mark.parametrize(("text", "fact"), [
    ("The minister met the bidder twice in 2022.", True),
    ("Exports fell by 3% in the first quarter.", True),
    ("The minister will meet the bidder.", False),
    ("Smoking is banned on all platforms.", False),
    ("We support a tax on sugary drinks.", False),
    ("The vote was held on 8 May.", True),
])
def test_past_facts_and_positions_are_told_apart(text, fact):
    from contradict.verdict.cues import is_past_fact

    assert is_past_fact(text) is fact


@pytest.mark.parametrize(("rule", "inside", "kind"), [
    ("Members shall not bring guests to the club.", "Members may bring one guest to the annual dinner.", "exception"),
    ("Overtime is not permitted.", "Overtime of up to five hours a week is permitted with the manager's approval.",
     "exception"),
    ("Vehicles are banned from the pier.", "Registered delivery vans may use the pier before 8 am.", "exception"),
    ("Refunds cannot be given for opened software.", "A refund may be given if the software is faulty.",
     "exception"),
    ("Expense claims must be submitted through the HR portal.", "Claims may also be sent by post to the HR office.",
     "extra option"),
    ("Complaints must be made in writing.", "Alternatively, complaints can be made by phone.", "extra option"),
    # a permission that adds a narrower object, place or group to the prohibited act, with no qualifier word
    ("Food and drink may not be consumed in the reading room.", "Readers may drink bottled water in the reading room.",
     "exception"),
    ("Tenants must not make alterations to the flat.", "Tenants may hang pictures on the walls.", "exception"),
    ("Photography is prohibited inside the cathedral.", "Visitors may take photos of the crypt without flash.",
     "exception"),
    ("All staff must attend the Monday briefing.", "Night-shift nurses are not required to attend the Monday briefing.",
     "exception"),
])
def test_an_exception_or_extra_option_said_together_is_consistent_and_later_a_half_flip(rule, inside, kind):
    together = verdict(st(rule, "Club", date(2025, 1, 10)), st(inside, "Club", date(2025, 1, 10)))
    assert (together.verdict, together.rule) == (Verdict.CONSISTENT, "exception inside a rule"), together.explanation
    assert f"({kind})" in together.explanation and "()" not in together.explanation  # it names what narrows
    later = verdict(st(rule, "Club", date(2024, 1, 10)), st(inside, "Club", date(2025, 6, 1)))
    assert (later.verdict, later.grade) == (Verdict.POLICY_SHIFT, "half_flip"), later.explanation


@pytest.mark.parametrize(("rule", "other"), [
    ("Members shall not bring guests to the club.", "Members may bring guests to the club."),
    ("Dogs are not allowed on the beach.", "Dogs are allowed on the beach from 2026."),
    ("Staff must work from the office.", "Staff may work from home."),
    ("Smoking is banned on all platforms.", "Passengers may smoke on platforms."),   # a generic agent adds nothing
    ("Cycling on the pavement is forbidden.", "Cyclists may use the pavement."),
    ("Staff must attend the Monday briefing.", "Staff are not required to attend the Monday briefing."),
    ("Hats of any kind are not allowed in the exam hall.", "Candidates may wear a woollen hat in the exam hall."),
])
def test_the_same_act_with_the_opposite_force_is_a_real_conflict(rule, other):
    d = verdict(st(rule, "Club", date(2025, 1, 10)), st(other, "Club", date(2025, 1, 10)))
    assert d.rule != "exception inside a rule" and d.verdict is not Verdict.CONSISTENT, d.explanation


@pytest.mark.parametrize(("text", "said", "expected"), [
    ("The vote will be held on the 8th of June.", date(2025, 3, 10), date(2025, 6, 8)),
    ("The hearing has been moved to 22 June.", date(2025, 4, 28), date(2025, 6, 22)),
    ("Term resumes on 6 January.", date(2024, 12, 10), date(2025, 1, 6)),
    ("The deadline is due on March 3.", date(2025, 11, 20), date(2026, 3, 3)),
    ("On 11 March the council voted.", date(2025, 3, 20), date(2025, 3, 11)),   # a report: the past one
    ("The council voted on 11 March.", date(2025, 1, 20), date(2024, 3, 11)),
])
def test_a_day_without_a_year_resolves_forwards_in_a_future_clause(text, said, expected):
    from contradict.verdict.timeexpr import about_window

    assert about_window(text, said).start == expected


def test_a_moved_future_date_is_a_shift_not_a_past_contradiction():
    a = st("The vote will be held on the 8th of June.", "Election Board", date(2025, 3, 10))
    b = st("The vote has been moved to the 22nd of June.", "Election Board", date(2025, 4, 28))
    d = verdict(a, b)
    assert d.verdict is Verdict.POLICY_SHIFT and d.about_a.start == date(2025, 6, 8), d.explanation


@pytest.mark.parametrize(("a", "sa", "b", "sb"), [
    ("The museum's east wing is closed for repairs until March.", "Kelby Museum",
     "The library's reading room is closed for repairs until March.", "Kelby Public Library"),
    ("Dalton staff receive 20 days of paid holiday.", "Dalton Freight HR",
     "Quarry staff receive 28 days of paid holiday.", "Quarry Foods HR"),
    ("The county approved a road budget of 9 million for 2026.", "Tarnfield County Council",
     "The college approved a road budget of 9 million for 2026.", "Tarnfield College"),
    ("The ballot on the harbour levy will take place on 3 March.", "Elvin Electoral Office",
     "The ballot on the school merger will take place on 3 March.", "Brook Valley District"),
    ("The maximum speed on the Nordby bypass is 90 km/h.", "Nordby Roads Authority",
     "The maximum speed on the Selm bypass is 70 km/h.", "Selm Roads Authority"),
])
def test_different_bodies_speaking_of_different_subjects_are_unrelated(a, sa, b, sb):
    d = verdict(st(a, sa, date(2025, 2, 1)), st(b, sb, date(2025, 2, 3)))
    assert d.verdict is Verdict.UNRELATED and d.rule in ("different subjects", "different named subjects"), \
        d.explanation


@pytest.mark.parametrize(("a", "b"), [
    ("Taxes will rise next year.", "Taxes will not rise next year."),
    ("Harlow won the mayoral election.", "Bexley won the mayoral election."),
    ("Oslo is the largest city in the region.", "Bergen is the largest city in the region."),
    ("The rebels attacked the convoy.", "The army attacked the convoy."),
    ("The bridge reopened in May.", "The bridge reopened in July."),
])
def test_claims_about_one_subject_or_one_event_stay_conflicts_across_speakers(a, b):
    d = verdict(st(a, "Kelby Gazette", date(2025, 2, 1)), st(b, "Selm Herald", date(2025, 2, 1)))
    assert d.verdict is Verdict.CONTRADICTION, d.explanation


def test_different_subjects_are_not_read_into_one_actors_statements():
    a, b = "The museum's east wing is closed until March.", "The library's reading room is closed until March."
    assert verdict(st(a, "Kelby Council"), st(b, "Kelby Council")).rule != "different subjects"
    for sa, sb in ((None, None), ("Kelby Council", None)):
        assert verdict(st(a, sa), st(b, sb)).rule == "different subjects"
    # nothing said about both: not one predicate of two subjects
    assert verdict(st("Fees rise in May.", None), st("Parking in the old town is free.", None)).rule != \
        "different subjects"


@pytest.mark.parametrize(("a", "sa", "b", "sb"), [
    ("Dogs are not allowed on Shore Beach in summer.", "Harrowgate Borough Council",
     "Dogs are allowed on Shore Beach in summer.", "Penmore Borough Council"),
    ("The Lessee shall not keep pets in the premises.", "Lease, 14 Orchard Row",
     "The Lessee may keep one cat in the premises.", "Lease, Flat 3, Miller Court"),
    ("Employees must submit timesheets every Friday.", "Corbel Engineering HR",
     "Employees may submit timesheets monthly.", "Halden Retail HR"),
    # bodies speaking of themselves in the first person
    ("We will keep our branch in Dunmore open.", "Harwick Building Society",
     "We will close our branch in Dunmore.", "Lanford Savings Bank"),
    ("Our drivers have accepted the new rota.", "Corvel Buses",
     "Our drivers have rejected the new rota.", "Amberline Coaches"),
    ("We do not charge for cancellations.", "Tidewell Ferries",  # one speaks of itself, the other sets a rule
     "Passengers must pay a fee to cancel a booking.", "Brindle Air"),
    # one names itself without stating a rule, the other sets a rule of its own
    ("Spiked shoes are banned on this track.", "Holloway Athletics Club",
     "Spiked shoes are fine on the Marsden Harriers indoor track.", "Marsden Harriers"),
    # one names itself, the other speaks of itself
    ("Our autumn fair is on the 12th of October.", "Brackley Village Hall",
     "The Oakfield Choir's autumn concert is on the 12th of October.", "Oakfield Choir"),
])
def test_rules_of_different_bodies_are_unrelated(a, sa, b, sb):
    d = verdict(st(a, sa, date(2025, 6, 1)), st(b, sb, date(2025, 6, 1)))
    assert (d.verdict, d.rule) == (Verdict.UNRELATED, "rules of different bodies"), d.explanation


@pytest.mark.parametrize(("a", "sa", "b", "sb"), [
    # one body's rule about the other's domain
    ("Penmore dogs are not allowed on Harrowgate beaches.", "Harrowgate Borough Council",
     "Dogs are allowed on all beaches, Penmore residents' dogs included.", "Penmore Borough Council"),
    # a member of the public's account of a rule is a claim about it
    ("Dogs are not allowed on Shore Beach in summer.", "a dog walker quoted in the Shore Post",
     "Dogs are allowed on Shore Beach in summer.", "Penmore Borough Council"),
    # a speaker that is not known
    ("Dogs are not allowed on Shore Beach in summer.", None,
     "Dogs are allowed on Shore Beach in summer.", "Penmore Borough Council"),
    # "we" of one side about an agreement with the other, which the other denies: one shared event
    ("We have reached a pay agreement with the Teachers' Union.", "Lanford County Council",
     "We have not reached any agreement with Lanford County Council.", "Lanford Teachers' Union"),
    # a member of the public speaking of themselves against an institution
    ("We were never told about the water cut.", "a resident quoted in the Dunmore Echo",
     "We told every household about the water cut.", "Dunmore Water"),
    # the same actor keeps its "we"
    ("We will keep our branch in Dunmore open.", "Harwick Building Society",
     "We will close our branch in Dunmore.", "Harwick Building Society"),
    # terms of one provider told by another body, naming it: about the same service
    ("Entry to the Larkfield Zoo costs 12 euros.", "Larkfield Tourist Board",
     "Entry to the zoo is free.", "Larkfield Zoo"),
    # claims about the world, not terms, stay comparable across bodies
    ("The tap water in Dunmore is safe to drink.", "Dunmore Water",
     "The tap water in Dunmore is not safe to drink.", "Dunmore Health Agency"),
    # a past event is not a term, even with a price in it
    ("The ferry fare rose to €40 in March.", "Tidewell Ferries",
     "The ferry fare did not rise in March.", "Harbour Users' Association"),
])
def test_rules_that_meet_are_not_put_aside(a, sa, b, sb):
    d = verdict(st(a, sa, date(2025, 6, 1)), st(b, sb, date(2025, 6, 1)))
    assert d.rule != "rules of different bodies" and d.verdict is Verdict.CONTRADICTION, d.explanation


@pytest.mark.parametrize(("before", "after"), [
    ("We back the stadium plan.", "We no longer back the stadium plan."),
    ("Staff may not work remotely.", "Staff are now allowed to work remotely."),
    ("The league will keep the salary cap.", "The league has decided to scrap the salary cap."),
])
def test_a_change_said_in_words_orders_undated_statements_of_one_actor(before, after):
    for a, b in ((before, after), (after, before)):
        d = verdict(st(a, "Orbis League"), st(b, "Orbis League"))
        assert (d.verdict, d.rule) == (Verdict.POLICY_SHIFT, "change said in words"), d.explanation
    dated = verdict(st(before, "Orbis League", date(2025, 1, 1)), st(after, "Orbis League", date(2025, 1, 1)))
    assert dated.rule != "change said in words"  # with both times known, the times decide
    other = verdict(st(before, "Orbis League"), st(after, "Rival League"))
    assert other.rule != "change said in words"


def test_recommendations_are_norms_and_two_bodies_recommend_for_their_own_domains():
    from contradict.verdict.cues import norm

    assert norm("Health officials recommend masks on trains.").force == "recommendation"
    assert norm("Residents are advised to boil tap water.").force == "recommendation"
    assert norm("Masks must be worn on trains.").force == "obligation"  # a stronger force wins
    d = verdict(st("The agency advises a booster for everyone over 70.", "Vellmar Health Board", date(2025, 9, 1)),
                st("The agency advises a booster for everyone over 75.", "Ostrava Health Board", date(2025, 9, 1)))
    assert (d.verdict, d.rule) == (Verdict.UNRELATED, "rules of different bodies"), d.explanation


@pytest.mark.parametrize(("a", "b"), [
    ("Tervia Prime Minister Ana Holm", "Tervian Foreign Ministry"),
    ("Ukraine's Defence Minister", "Ukrainian Ministry of Finance"),
    ("Government of Sudan (spokesperson)", "Sudanese Interior Ministry"),
])
def test_a_government_named_by_its_adjective_is_the_same_government(a, b):
    from contradict.verdict import default_actor_table
    from contradict.verdict.actors import same_actor

    table = default_actor_table()
    assert same_actor(table.resolve(a), table.resolve(b)), (table.resolve(a), table.resolve(b))
    assert not same_actor(table.resolve("Tervia government"), table.resolve("Karsland government"))



@pytest.mark.parametrize("text", ["Members are not required to attend the annual meeting.",
                                  "Visitors do not have to book in advance.", "Applicants need not send a cover letter.",
                                  "Participation in the survey is voluntary.", "Wearing a tie is optional at dinner."])
def test_a_duty_denied_is_a_permission(text):
    from contradict.verdict.cues import norm

    assert norm(text).force == "permission"


def test_a_duty_and_its_denial_from_one_body_stay_a_conflict():
    d = verdict(st("Drivers must carry their licence at all times.", "Lindow Transport Agency", date(2025, 3, 1)),
                st("Drivers are not required to carry their licence at all times.", "Lindow Transport Agency",
                   date(2025, 3, 1)))
    assert d.verdict is Verdict.CONTRADICTION, d.explanation

@pytest.mark.parametrize(("rule", "exception"), [
    ("Dogs are banned from the market hall.", "Guide dogs are exempt from the ban."),
    ("All vehicles entering the centre must pay the congestion charge.",
     "Residents of the old town are exempt from the congestion charge."),
    ("Pupils may not use phones during lessons.",
     "Pupils with a documented medical need are allowed to keep their phone on them."),
])
def test_exemptions_and_conditions_inside_a_rule_are_consistent(rule, exception):
    for a, b in ((rule, exception), (exception, rule)):
        d = verdict(st(a, "Selby Town Council", date(2025, 4, 1)), st(b, "Selby Town Council", date(2025, 4, 1)))
        assert (d.verdict, d.rule) == (Verdict.CONSISTENT, "exception inside a rule"), d.explanation


def test_an_exemption_denied_is_no_permission():
    from contradict.verdict.cues import norm

    assert norm("Guide dogs are exempt from the ban.").force == "permission"
    assert norm("Guide dogs are not exempt from the ban.").force == "prohibition"
    assert norm("Delivery vans are temporarily exempt from the charge.").exemption


@pytest.mark.parametrize(("a", "sa", "b", "sb"), [
    ("Entry to the botanic garden is free on Mondays.", "Larkfield Botanic Garden",
     "Entry costs 12 euros every day of the week.", "Larkfield Zoo"),
    ("The pool opens at 6:30 on weekdays.", "Orwell Leisure Centre",
     "The pool opens at 9:00 on weekdays.", "Dunmore Sports Club"),
    ("Checked bags up to 23 kg travel free of charge.", "Brindle Air",
     "Every checked bag is charged at €35.", "Tidewell Ferries"),
])
def test_two_providers_terms_are_each_about_their_own_service(a, sa, b, sb):
    d = verdict(st(a, sa, date(2025, 6, 1)), st(b, sb, date(2025, 6, 1)))
    assert (d.verdict, d.rule) == (Verdict.UNRELATED, "rules of different bodies"), d.explanation
    # the same provider changing its terms is still read for a conflict or a shift
    assert verdict(st(a, sa, date(2025, 6, 1)), st(b, sa, date(2025, 6, 1))).rule != "rules of different bodies"

@pytest.mark.parametrize(("text", "past"), [
    ("Checked luggage travels free.", False), ("Every registered voter gets a card.", False),
    ("Its revised timetable starts in May.", False), ("Revised figures showed a loss.", True),
    ("The council closed the library in 2019.", True), ("Fares rose by 5% last year.", True),
    ("Rooms cost 90 euros a night, breakfast included.", False),          # an absolute phrase
    ("Parking is free all week, public holidays excepted.", False),
    ("In 2023, the payment was excluded.", True), ("The museum reopened, with the new wing included.", True),
])
def test_an_ed_word_before_a_noun_is_no_past_verb(text, past):
    from contradict.verdict.cues import is_past_fact

    assert is_past_fact(text) is past


@pytest.mark.parametrize(("a", "b"), [
    ("Income tax will rise by 2% next year.", "Fuel tax will fall by 2% next year."),
    ("Parking permits will cost 60 euros a year.", "Fishing permits will cost 40 euros a year."),
    # the kind before a possessive or a hyphenated word ("men's final", "Pre-war class")
    ("The county men's hockey final is on 3 May at Selby Park.", "The county women's hockey final is on 3 May at Brent Park."),
    ("Full-time coaches get 25 days of leave a year.", "Part-time coaches get 12 days of leave a year."),
    # a day after the copula is no one-off event or post ("is the 19th", not "is the chair")
    ("The deadline for hedge permits is 30 April.", "The deadline for tree permits is the 15th of each month."),
])
def test_one_actor_on_two_kinds_of_one_thing_is_not_a_conflict(a, b):
    d = verdict(st(a, "Selby Town Council", date(2025, 4, 1)), st(b, "Selby Town Council", date(2025, 4, 1)))
    assert (d.verdict, d.rule) == (Verdict.UNRELATED, "different subjects"), d.explanation


@pytest.mark.parametrize(("a", "b"), [
    ("The mooring fee for dinghies is 6 marks a night.", "The mooring fee for yachts is 19 marks a night."),
    ("Sea trout may be fished from March.", "Grayling may be fished from June."),
    ("The boarding fee for cats is 14 crowns a night.", "The boarding fee for rabbits is 8 crowns a night."),
    ("Oak saplings in the nursery must be at least 2 years old.", "Hazel whips in the nursery must be at least 1 year old."),
])
def test_one_actor_giving_two_subjects_two_values_in_one_sentence_is_unrelated(a, b):
    # near-identical texts that replace both what they are about and its value name two items of one list
    for when in (date(2025, 4, 1), None):
        d = verdict(st(a, "Tarn Valley Estates", when), st(b, "Tarn Valley Estates", when))
        assert (d.verdict, d.rule) == (Verdict.UNRELATED, "different subjects"), d.explanation


@pytest.mark.parametrize(("a", "b"), [
    ("The ferry fare for foot passengers is 6 marks.", "The ferry fare for foot passengers is 9 marks."),  # one subject
    ("The boarding fee for cats is 14 crowns a night.", "The boarding fee for cats is not 14 crowns a night."),
    ("The Chair will sign the lease on 3 May.", "The Secretary will sign the lease on 9 May."),  # offices of one actor
])
def test_one_subject_or_one_actors_offices_with_another_value_stay_comparable(a, b):
    d = verdict(st(a, "Tarn Valley Estates", date(2025, 4, 1)), st(b, "Tarn Valley Estates", date(2025, 4, 1)))
    assert d.verdict is Verdict.CONTRADICTION, d.explanation


@pytest.mark.parametrize(("a", "b", "speaker"), [
    ("Harbourline's Eastgate terminal suspends night sailings.", "Harbourline's Westgate terminal adds night sailings.",
     "Harbourline Ferries"),
    ("Pellmoor Library Kingsway opens on Sundays from June.", "Pellmoor Library Ashcombe closes on Sundays from June.",
     "Pellmoor Libraries"),
    ("The age limit for the Thunderhead slide drops to 8.", "The age limit for the Pebble Pool rises to 12.",
     "Corvel Waterworld"),
    ("The Strand Winter Fair bans dogs on all its sites.", "The Strand Summer Regatta welcomes dogs on all its sites.",
     None),
])
def test_one_actors_statements_about_two_named_items_are_unrelated(a, b, speaker):
    # present-tense verbs ("suspends", "opens", "drops") end the subject, as auxiliaries do
    d = verdict(st(a, speaker, date(2025, 4, 1)), st(b, speaker, date(2025, 4, 1)))
    assert d.verdict is Verdict.UNRELATED and d.rule in ("different subjects", "different named subjects"), \
        d.explanation


@pytest.mark.parametrize(("a", "b"), [
    ("Harbourline's Eastgate terminal suspends night sailings.", "Harbourline's Eastgate terminal keeps night sailings."),
    ("The summit takes place in Oslo in May.", "The summit takes place in Bergen in May."),   # a name in the predicate
    ("The President vetoes the bill.", "The White House signs the bill."),                 # the actor itself
    ("Our Kingsway branch opens on Sundays.", "The Kingsway branch stays shut on Sundays."),
])
def test_one_subject_with_present_tense_verbs_stays_comparable(a, b):
    d = verdict(st(a, "Pellmoor Council", date(2025, 4, 1)), st(b, "Pellmoor Council", date(2025, 4, 1)))
    assert d.verdict is Verdict.CONTRADICTION, d.explanation


@pytest.mark.parametrize(("text", "subject"), [
    ("Brightwater's Northgate depot stops night deliveries.", ("brightwater northgate",)),
    ("The new rules take effect in May.", ()),                  # "May" is the month, "rules" follows an adjective
    ("The Orlen Transit parking fees will rise in May.", ("orlen transit",)),  # a plural noun before "will"
    ("Farlow Transit raises fares on Monday.", ("farlow transit",)),
    ("Our ban on night flights over Velt has not changed.", ("velt",)),  # an auxiliary later in the clause wins
])
def test_subject_names_end_at_a_present_tense_verb(text, subject):
    from contradict.verdict.cues import subject_names

    assert subject_names(text) == subject


@pytest.mark.parametrize(("a", "b"), [
    ("The President will veto the bill.", "The White House will not veto the bill."),   # the actor itself
    ("The ban on night flights will be lifted.", "The restriction on night flights stays."),  # a synonym head
])
def test_one_actors_subjects_that_may_be_one_thing_stay_comparable(a, b):
    d = verdict(st(a, "Selby Town Council", date(2025, 4, 1)), st(b, "Selby Town Council", date(2025, 4, 1)))
    assert d.rule != "different subjects", d.explanation


def test_an_extra_option_is_explained_as_one_and_an_exemption_as_one():
    duty, extra = "Staff must file expense claims through the portal.", "Staff may also email receipts to finance."
    d = verdict(st(duty, "Corbel HR", date(2025, 4, 1)), st(extra, "Corbel HR", date(2025, 4, 1)))
    assert d.rule == "exception inside a rule" and "(also)" in d.explanation and "exemption" not in d.explanation
    d = verdict(st("Dogs are banned from the market hall.", "Selby Town Council", date(2025, 4, 1)),
                st("Guide dogs are exempt from the ban.", "Selby Town Council", date(2025, 4, 1)))
    assert "(an exemption)" in d.explanation, d.explanation


@pytest.mark.parametrize(("rule", "other", "words"), [
    ("The hostel does not allow pets in dormitories.", "Guide dogs are not considered pets under this rule.",
     "not counted as pets"),
    ("Tenants shall not sublet the flat.", "A lodger staying under two weeks does not count as a sublet.",
     "not counted as sublet"),
    ("Overdue books incur a fine of 20 cents a day.", "No fine is charged if the borrower was in hospital.", "borrower"),
    ("Members pay a 5 euro booking fee.", "There is no booking fee when members book at the front desk.", "front"),
    ("The reading room is open on Sundays.", "The reading room is not open on Sundays where a holiday falls.",
     "holiday"),
])
def test_an_exception_without_a_modal_verb_is_consistent(rule, other, words):
    d = verdict(st(rule, "Pellmoor Libraries"), st(other, "Pellmoor Libraries"))
    assert (d.verdict, d.rule) == (Verdict.CONSISTENT, "exception inside a rule"), d.explanation
    assert words in d.explanation


@pytest.mark.parametrize(("a", "b"), [
    ("Sanctions will be lifted in May.", "Sanctions will not be lifted unless the troops withdraw."),   # unless
    ("Overdue books incur a fine.", "No fine is ever charged for overdue books."),                     # no condition
    ("Members pay a fee of any kind of booking.", "No fee is charged when members book online."),      # no exceptions
    ("The hostel does not allow pets.", "The hostel's cafe is not considered a dining room."),         # another word
])
def test_a_denial_without_a_named_case_stays_a_conflict(a, b):
    d = verdict(st(a, "Pellmoor Council"), st(b, "Pellmoor Council"))
    assert d.rule != "exception inside a rule", d.explanation


@pytest.mark.parametrize(("a", "b"), [
    ("Visitors can pay at the ticket office.", "Visitors may also pay by card at the gate."),
    ("Borrowers must return books to their home branch.", "A borrower who cannot reach the branch may post the book back."),
])
def test_an_extra_option_beside_a_permission_or_a_case_with_cannot_is_consistent(a, b):
    d = verdict(st(a, "Pellmoor Libraries"), st(b, "Pellmoor Libraries"))
    assert (d.verdict, d.rule) == (Verdict.CONSISTENT, "exception inside a rule"), d.explanation


def test_a_negated_modal_in_a_relative_clause_does_not_set_the_force():
    from contradict.verdict.cues import norm

    assert norm("A runner who cannot attend may send a friend.").force == "permission"
    assert norm("Residents who cannot pay online must pay at the town hall.").force == "obligation"
    assert norm("Cyclists cannot ride on the pavement.").force == "prohibition"
    assert norm("Staff who are not trained cannot use the crane.").force == "prohibition"


WEAK = np.array([0.45, 0.35, 0.20])  # a small model that misses the conflict


@pytest.mark.parametrize(("a", "b"), [
    ("The Harlow ring road is open to lorries.", "The Harlow ring road is closed to lorries."),
    ("Exports of barley rose in the third quarter.", "Exports of barley fell in the third quarter."),
    ("Street trading is legal in the old market.", "Street trading is illegal in the old market."),
    ("The committee approved the expansion plan.", "The committee rejected the expansion plan."),
    ("Ward 7 is available for day surgery.", "Ward 7 is unavailable for day surgery."),
])
def test_opposite_words_in_one_sentence_are_a_conflict_the_model_missed(a, b):
    d = verdict(st(a, "Harlow Council", date(2025, 3, 2)), st(b, "Harlow Council", date(2025, 3, 2)), WEAK, WEAK)
    assert d.verdict is Verdict.CONTRADICTION and "opposite" in d.explanation, d.explanation


@pytest.mark.parametrize(("a", "b"), [
    ("The ring road is open to lorries.", "The ring road is open to lorries again."),           # nothing replaced
    ("Barley exports rose in spring, and wheat exports fell.", "Wheat exports fell in spring."),  # not aligned
    ("The museum opened a new wing in 2019, the year attendance rose.",
     "The museum's shop closed in 2021 after sales fell for two years running."),                  # different texts
])
def test_opposites_outside_one_aligned_sentence_are_no_signal(a, b):
    d = verdict(st(a, "Harlow Council", date(2025, 3, 2)), st(b, "Harlow Council", date(2025, 3, 2)), WEAK, WEAK)
    assert not any(s.startswith("opposite") for s in d.signals), d.signals


@pytest.mark.parametrize(("rule", "other"), [
    ("The Bank will not buy government bonds.", "The Bank stands ready to buy government bonds if markets seize up."),
    ("Members pay a 5 euro booking fee.", "No booking fee applies when members book at the front desk."),
    ("The ferry does not carry cars in winter.", "The ferry carries cars in winter where the crossing is calm."),
])
def test_a_reversal_limited_to_a_named_condition_is_an_exception(rule, other):
    d = verdict(st(rule, "Tarn Ferries", date(2025, 1, 9)), st(other, "Tarn Ferries", date(2025, 1, 9)))
    assert (d.verdict, d.rule) == (Verdict.CONSISTENT, "exception inside a rule"), d.explanation


@pytest.mark.parametrize(("undated", "dated", "start"), [
    ("Night buses run every 30 minutes.", "With the June 2026 timetable, night buses run every 20 minutes.",
     date(2026, 6, 1)),
    ("Members pay 40 euros a year.", "Under the 2027 rules, members pay 55 euros a year.", date(2027, 1, 1)),
])
def test_a_dated_timetable_or_rulebook_replaces_an_undated_rule(undated, dated, start):
    from contradict.verdict.timeexpr import find_time_expressions

    [w] = find_time_expressions(dated, date(2025, 11, 1))
    assert (w.kind, w.start) == ("from", start)
    d = verdict(st(undated, "Tarn Transit"), st(dated, "Tarn Transit"))
    assert (d.verdict, d.rule) == (Verdict.POLICY_SHIFT, "new rule takes effect"), d.explanation


def test_a_dated_budget_is_a_period_not_a_start():
    from contradict.verdict.timeexpr import find_time_expressions

    [w] = find_time_expressions("Spending on roads rose in the 2024 budget.", date(2025, 11, 1))
    assert (w.kind, w.start, w.end) == ("period", date(2024, 1, 1), date(2024, 12, 31))


@pytest.mark.parametrize(("a", "b"), [
    ("Ninety percent of nurses joined the strike on Monday.", "Fewer than a third of nurses joined the strike on Monday."),
    ("Most members voted for the merger.", "Only a minority of members voted for the merger."),
    ("Fishing on Lake Velt, in Tarn Park, is permitted.", "Angling in Tarn Park's Lake Velt is forbidden."),  # reordered
    ("The bridge is closed to all traffic today.", "Traffic is crossing the bridge normally today."),
])
def test_quantities_and_reordered_words_are_not_different_subjects(a, b):
    d = verdict(st(a, "Velt Herald", date(2025, 5, 5)), st(b, "Velt Gazette", date(2025, 5, 5)))
    assert d.rule not in ("different subjects", "different named subjects"), d.explanation


@pytest.mark.parametrize(("a", "b"), [
    ("In Tarnia, the VAT rate on books is 6%.", "In Tarnia, the excise duty on wine is 21%."),
    ("At Velt Hospital, the charge for parking is $4.", "At Velt Hospital, the fee for a copy of records is $9."),
])
def test_two_subjects_with_a_figure_each_are_unrelated(a, b):
    d = verdict(st(a, None), st(b, None))
    assert (d.verdict, d.rule) == (Verdict.UNRELATED, "different subjects"), d.explanation


def test_a_sentence_initial_capital_is_not_a_name_change():
    from contradict.verdict.cues import aligned_substitutions

    subs = aligned_substitutions("Pension payments of up to 900 euros are tax free.",
                                 "Dividends of up to 900 euros are tax free.")
    assert not any(s.kind == "entity" for s in subs)
    subs = aligned_substitutions("Tickets for Velt Opera cost 30 euros.", "Tickets for Tarn Opera cost 30 euros.")
    assert [s.kind for s in subs] == ["entity"]


@pytest.mark.parametrize(("speaker", "actor"), [
    ("Skylark Air CEO Mara Lindholm", "Skylark Air"),
    ("Brenner Foods CFO Ana Lutz", "Brenner Foods"),
])
def test_an_upper_case_role_between_organisation_and_person(speaker, actor):
    from contradict.verdict.decide import default_actor_table

    assert default_actor_table().resolve(speaker) == actor


@pytest.mark.parametrize(("old", "new"), [
    ("A season ticket costs 480 euros.", "From the next season, season tickets will cost 520 euros."),
    ("The reading room opens at 9 a.m.", "New opening hours, 8 a.m. to 6 p.m., take effect on 4 May 2026."),
    ("Members may bring two guests.", "A new rule comes into force on 1 March 2027: members may bring one guest."),
])
def test_an_undated_rule_and_one_that_takes_effect_are_a_shift(old, new):
    for a, b in ((old, new), (new, old)):
        d = verdict(st(a, "Velt Sports Club"), st(b, "Velt Sports Club"))
        assert d.verdict is Verdict.POLICY_SHIFT, d.explanation


@pytest.mark.parametrize(("a", "sa", "b", "sb"), [
    ("The ministry will fund 300 new school buses next year.", "Tarnia Ministry of Education",
     "If elected, our party will fund 300 new school nurses next year.", "Tarnia Green Party"),
    ("The board approved the budget on Monday.", "Velt Water", "The board approved the merger on Monday.", "Velt Water"),
    ("Velt Foods cut 60 jobs at its Arden bakery.", "Velt Foods", "Velt Foods added 60 jobs at its Bramley depot.",
     "Velt Foods"),
])
def test_the_same_thing_said_of_different_things_is_unrelated(a, sa, b, sb):
    d = verdict(st(a, sa, date(2025, 6, 2)), st(b, sb, date(2025, 6, 2)))
    assert (d.verdict, d.rule) == (Verdict.UNRELATED, "different objects"), d.explanation


@pytest.mark.parametrize(("a", "b"), [
    ("The council will repair the bridge.", "The council will demolish the bridge."),          # the verb changed
    ("The final will take place in the capital.", "The final will take place in the north."),  # one event's place
    ("The board approved the budget on Monday.", "The board rejected the budget on Monday."),
    ("The board approved the budget on Monday.", "The board approved the budget on Friday."),
    ("Velt Foods cut 60 jobs at its Arden bakery.", "Velt Foods cut 80 jobs at its Arden bakery."),
])
def test_one_thing_done_differently_is_no_different_object(a, b):
    d = verdict(st(a, "Velt Water", date(2025, 6, 2)), st(b, "Velt Water", date(2025, 6, 2)))
    assert d.rule != "different objects", d.explanation


def test_a_body_word_that_only_starts_a_sentence_does_not_name_that_body():
    a = st("Parking fees on Mill Lane, Arbury, go up to 2 euros an hour from June.", "Arbury Parking Authority",
           date(2025, 5, 2))
    b = st("Parking on Mill Lane in Colne will be free from June.", "Colne Town Council", date(2025, 5, 2))
    d = verdict(a, b)
    assert (d.verdict, d.rule) == (Verdict.UNRELATED, "rules of different bodies"), d.explanation


@pytest.mark.parametrize(("sa", "sb", "same"), [
    ("Ashby Gallery (Ola Brandt, curator)", "Ashby Gallery of Modern Art", True),
    ("Carrow College (Dr. Ana Pike, head of admissions)", "Carrow College Admissions Office", True),
    ("TWB (Ivo Hart, head of customer services)", "Tarn Water Board", True),
    ("TNPA chief warden Ivo Hart", "Tarn National Park Authority", True),   # initials, a job, a person
    ("US soldier Jim Ray", "US sailor Jo Park", False),                     # a nation's initials are no body
    ("Carrow College Students' Union", "Carrow College", False),   # a body of its own inside the name
    ("Ashby", "Ashby Rail", False),                                 # one word: a place and a company
])
def test_an_organisation_and_its_longer_name_or_unit(sa, sb, same):
    from contradict.verdict.actors import same_actor
    from contradict.verdict.decide import default_actor_table

    table = default_actor_table()
    assert same_actor(table.resolve(sa), table.resolve(sb)) is same


@pytest.mark.parametrize(("text", "said", "day"), [
    ("As of 30 March, the island route goes up to six sailings a day.", date(2026, 3, 10), date(2026, 3, 30)),
    ("As of 20 March, 500 cases had been recorded.", date(2026, 3, 25), date(2026, 3, 20)),
    ("As of December 31, the fund held 3 billion euros.", date(2026, 1, 6), date(2025, 12, 31)),
])
def test_as_of_a_day_without_a_year_is_the_nearest_one(text, said, day):
    from contradict.verdict.timeexpr import find_time_expressions

    [w] = find_time_expressions(text, said)
    assert w.start == day


@pytest.mark.parametrize(("a", "b"), [
    ("The interest rate on the Velt Classic loan is 6.1%.", "The interest rate on the Velt Premium loan is 4.9%."),
    ("The request form for the Osk Junior league is online.", "The request form for the Osk Senior league is paper."),
])
def test_a_word_ending_in_est_is_no_superlative(a, b):
    from contradict.verdict.cues import subject_difference, unique_predicate

    assert not unique_predicate(a) and subject_difference(a, b) is not None
    assert unique_predicate("Osk is the busiest port.") and unique_predicate("Velt has the lowest fares.")


@pytest.mark.parametrize(("a", "b", "speaker"), [
    ("Northfield Infants will shut for two days for roof repairs.", "Northfield Juniors will stay open all week.",
     "Brenmoor Education Authority"),
    ("Station Road in Kelby has been resurfaced.", "Station Road in Ashworth remains closed for works.", None),
    ("The Orla line in Tarnby runs every ten minutes.", "The Orla line in Velmouth is suspended until Monday.",
     "Coastlink Trains"),
])
def test_subjects_that_differ_in_a_name_are_unrelated_even_with_different_predicates(a, b, speaker):
    d = verdict(st(a, speaker, date(2025, 9, 1)), st(b, speaker, date(2025, 9, 1)))
    assert (d.verdict, d.rule) == (Verdict.UNRELATED, "different subjects"), d.explanation


@pytest.mark.parametrize(("a", "b"), [
    ("Northfield Primary will shut on Friday.", "Northfield Primary stays open on Friday."),   # one school
    ("Station Road in Kelby has been resurfaced.", "Station Road in Kelby has not been resurfaced."),  # one road
    ("Minister Holt signed the order.", "Minister Brand refused to sign the order."),       # one event's agents
    ("Velt is the first city to ban diesel buses.", "Osk is the first city to ban diesel buses."),  # only one can be
])
def test_one_named_subject_or_one_event_stays_comparable(a, b):
    d = verdict(st(a, "Kelby Post", date(2025, 9, 1)), st(b, "Kelby Post", date(2025, 9, 1)))
    assert d.verdict is Verdict.CONTRADICTION, d.explanation


@pytest.mark.parametrize(("a", "sa", "b", "sb"), [
    ("Chlorine levels in the Ardley supply will be raised from March.", "Ardley Water Board",
     "No change is planned to chlorine levels at Fenwick treatment works.", "Fenwick Water Services"),
    ("Flights from Ravensholt are delayed all weekend.", "Ravensholt Airport Authority",
     "All flights at the airport are running on time, Dunmere Airport says.", "Dunmere Airport Ltd"),
])
def test_two_bodies_each_naming_itself_are_unrelated(a, sa, b, sb):
    d = verdict(st(a, sa, date(2025, 9, 1)), st(b, sb, date(2025, 9, 2)))
    assert d.verdict is Verdict.UNRELATED and d.rule in ("rules of different bodies", "different subjects"), \
        d.explanation


@pytest.mark.parametrize(("a", "sa", "b", "sb"), [
    ("Ardley won the regional cup final on Saturday.", "Ardley Town FC",   # only one can have won
     "Fenwick won the regional cup final on Saturday.", "Fenwick Rovers FC"),
    ("Ardley tap water is safe to drink.", "Ardley Water Board",           # names the other body's place
     "Tap water in Ardley is not safe, Fenwick's tests show.", "Fenwick Water Services"),
])
def test_bodies_naming_themselves_on_one_contest_or_one_place_stay_comparable(a, sa, b, sb):
    d = verdict(st(a, sa, date(2025, 9, 1)), st(b, sb, date(2025, 9, 1)))
    assert d.verdict is Verdict.CONTRADICTION, d.explanation


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Bank of Tarnia", "Tarnian central bank governor Ilse Morro", True),
    ("Central Bank of Velmark", "Velmark central bank", True),
    ("Reserve Bank of Osk", "the Osk Reserve Bank", True),
    ("Brightwave Telecom", "Mara Quist, CEO of Brightwave", True),
    ("Holmfirth Group plc", "Jon Avery, chair of Holmfirth", True),
    ("Norland Cycling Federation", "Norland cycling federation president Ida Berg", True),
    ("Glenmore Forest Park Authority", "Head Warden Ines Calloway (Glenmore Forest Park)", True),  # its governing body
    ("Ashby Hospital Trust", "Dr. Lena Ferris (Ashby Hospital)", True),
    ("Bank of Tarnia", "Bank of Velmark", False),
    ("Bank of Tarnia", "Velmark central bank governor Ilse Morro", False),
    ("Central Bank of Velmark", "Velmark National Bank", False),       # a national bank may be a commercial bank
    ("Brightwave", "Brightwave Rail", False),                          # a body of its own
    ("Ana Ruiz, Minister of Health", "Health Ltd", False),
    ("Norland football association president Ida Berg", "Norland government", False),  # not the country's president
    ("Ashby University", "Ashby University Students' Union", False),                      # a union of its own
    ("Head Warden Ines Calloway (Glenmore Forest Park)", "Glenmore Rowing Club", False),
    # a company-kind word after the name; initials after a shared place; one conjunct dropped
    ("Harwick Ferries Company", "Harwick Ferries", True),
    ("Ostby FRS (Station Commander Lu Brandt)", "Ostby Fire and Rescue Service", True),
    ("Kelby FC", "Kelby Football Club", True),
    ("Ardell Roads Agency", "Ardell Roads and Bridges Agency", True),
    ("Norland Football Association", "Norland Women's Football Association", False),  # no "and": another body
    ("Ostby FRS", "Ostby Road Safety", False),
    # a titled person in brackets; a job in lower case before "of"; a role and a person before "of"
    ("Ostby Fire and Rescue Service (Chief Fire Officer Nia Brandt)", "Ostby Fire and Rescue Service", True),
    ("Kelby Pools (Duty Manager Jo Marsh)", "Kelby Pools", True),
    ("Rafe Munro, chief engineer of the Tarnish Bridge Inspectorate", "Tarnish Bridge Inspectorate", True),
    ("fleet manager Oda Kerr of Harwick Ferries", "Harwick Ferries", True),
    ("Jo Bell, a passenger (quoted in the Ostby Courier)", "Harwick Ferries", False),
    ("Tom Hale, lead singer of The Wrens", "Harwick Ferries", False),
    ("Jo Bell, a supporter of the Kelby Rovers Football Club", "Kelby Rovers Football Club", False),
])
def test_one_body_under_two_names_is_one_actor_and_alike_names_are_not(a, b, same):
    from contradict.verdict.actors import default_table, same_actor

    table = default_table()
    assert bool(same_actor(table.resolve(a), table.resolve(b))) is same, (table.resolve(a), table.resolve(b))


@pytest.mark.parametrize(("a", "b"), [
    ("Mountain bikes are banned from the Ridge Trail.", "Mountain bikers are now welcome on the Ridge Trail."),
    ("Street parking is free on Sundays.", "Street parkers pay 2 euros an hour on Sundays."),
])
def test_two_forms_of_one_word_are_one_subject(a, b):
    from contradict.verdict.cues import subject_difference

    assert subject_difference(a, b) is None


@pytest.mark.parametrize(("a", "b", "kinds"), [
    ("The club does not accept members who lack a valid licence.", "Membership of the club requires a valid licence.",
     []),
    ("Boats may not moor without a permit.", "Boats may moor with a permit.", ["word"]),
    ("Boats may not moor without a permit.", "Boats may moor without a permit.", ["negation"]),  # a real flip
    ("Visitors may not enter the lab.", "Visitors may enter the lab.", ["negation"]),
])
def test_a_negation_cancelled_by_a_privative_word_is_no_negation(a, b, kinds):
    from contradict.verdict.cues import aligned_substitutions

    assert [s.kind for s in aligned_substitutions(a, b)] == kinds


def test_members_of_one_kind_told_apart_by_a_year_a_day_or_a_joined_number_are_different_subjects():
    from contradict.verdict.cues import modifier_difference

    for a, b, diff in (
            ("The 2025 edition of the guidebook is out of print.", "The 2026 edition of the guidebook is on sale now.",
             ("2025 edition", "2026 edition")),
            ("Tuesday's lecture is cancelled.", "Friday's lecture will go ahead.", ("Tuesday's lecture", "Friday's lecture")),
            ("The under-12 league plays on grass.", "The under-15 league plays on artificial turf.",
             ("under-12 league", "under-15 league")),
            ("The 10-euro day pass will include the museum.", "The 25-euro day pass will not include the museum.",
             ("10-euro", "25-euro"))):
        assert modifier_difference(a, b) == diff
        d = verdict(st(a, "Kelby Tourism", date(2025, 9, 1)), st(b, "Kelby Tourism", date(2025, 9, 1)))
        assert (d.verdict, d.rule) == (Verdict.UNRELATED, "different subjects"), d.explanation
    for a, b in (("420 cases have been reported.", "485 cases have been reported."),            # a count
                 ("From the 2025 season, each club may field 20 players.",                     # when, not which
                  "From the 2026 season, each club may field 18 players."),
                 ("In 2024 the fund grew 5%.", "In 2025 the fund grew 7%."),
                 ("The 2025 budget was approved.", "The 2025 budget was rejected."),           # one member
                 ("The 2025 and 2026 editions are sold out.", "The 2026 edition is on sale.")):  # both named
        assert modifier_difference(a, b) is None, (a, b)


@pytest.mark.parametrize(("a", "b", "speaker"), [
    ("Visiting on Ward 4 is suspended after a flu outbreak.", "Ward 9 is open to visitors as usual.", "Ashby Hospital"),
    ("Platform 3 at Kelby station will close for repairs in June.", "Platform 5 at Kelby station stays open.", None),
    ("Zone B car parks are free after 6 pm.", "Zone C car parks charge 2 euros an hour after 6 pm.", "Selby Council"),
    ("The lift in tower 2 is out of order.", "The lift in tower 5 is working again.", "Hallam Housing"),   # lower case
    ("Ferry No. 12 is running late.", "Ferry No. 21 left on time.", "Kelby Ferries"),
])
def test_different_numbered_or_lettered_units_are_different_subjects(a, b, speaker):
    d = verdict(st(a, speaker, date(2025, 9, 1)), st(b, speaker, date(2025, 9, 1)))
    assert (d.verdict, d.rule) == (Verdict.UNRELATED, "different subjects"), d.explanation
    from contradict.verdict.cues import unit_difference

    assert unit_difference(a, b) is not None


@pytest.mark.parametrize(("a", "b"), [
    ("The hearing is in Room 12.", "The hearing is in Room 14."),               # one hearing's place
    ("Section 4 allows pets in the flats.", "Section 7 forbids pets in the flats."),  # provisions of one text
    ("Ward 4 is closed to visitors.", "Ward 4 and Ward 9 are open to visitors."),  # the other names that ward too
    ("Gate 2 is the only gate open today.", "Gate 6 is the only gate open today."),  # what only one can be
    ("Children under 5 travel free on the ferry.", "Children under 6 travel free on the ferry."),  # a limit, no unit
    ("Riders aged 12 may use the track.", "Riders aged 14 may use the track."),
])
def test_one_unit_or_one_text_s_provisions_stay_comparable(a, b):
    d = verdict(st(a, "Selby Council", date(2025, 9, 1)), st(b, "Selby Council", date(2025, 9, 1)))
    assert d.verdict is Verdict.CONTRADICTION, d.explanation


@pytest.mark.parametrize(("a", "b"), [
    ("Borrowers must be at least 16 to open a savings account.", "No one under 16 can open a savings account."),
    ("Class sizes are capped at 24 pupils.", "A class never has more than 24 pupils."),
    ("Cabin bags may weigh up to 8 kg.", "Cabin bags heavier than 8 kg are not accepted."),
    ("Trainees younger than eighteen are not sent on night shifts.", "Night shifts are for staff aged 18 and over."),
    ("The loan period is no longer than 21 days.", "Nobody may keep a tool for over 21 days."),
    # a superlative line: "the earliest age ... is", "the maximum weight for a cabin bag is"
    ("The earliest age at which members can join the rowing squad is 15.", "Nobody under 15 may join the rowing squad."),
    ("The maximum weight for a cabin bag is 8 kg.", "Cabin bags heavier than 8 kg are not accepted."),
])
def test_the_same_limit_worded_positively_and_negatively_is_consistent(a, b):
    for when_a, when_b in ((None, None), (date(2025, 3, 1), date(2025, 9, 1))):
        d = verdict(st(a, "Orbis Credit Union", when_a), st(b, "Orbis Credit Union", when_b))
        assert (d.verdict, d.rule) == (Verdict.CONSISTENT, "same limit restated"), d.explanation


@pytest.mark.parametrize(("a", "b"), [
    ("Borrowers must be at least 16 to open a savings account.", "No one under 18 can open a savings account."),
    ("Borrowers must be at least 16 to open a savings account.", "Borrowers under 16 can open a savings account."),
    ("Borrowers must be at least 16 to open a savings account.", "Borrowers under 16 can no longer open an account."),
    ("Class sizes are capped at 24 pupils.", "No class has more than 24 pupils and 3 teachers."),   # another figure
    ("Cabin bags may weigh up to 8 kg.", "Cabin bags heavier than 8 lb are not accepted."),          # another unit
])
def test_other_lines_sides_or_a_said_change_are_not_the_same_limit(a, b):
    d = verdict(st(a, "Orbis Credit Union", date(2025, 3, 1)), st(b, "Orbis Credit Union", date(2025, 3, 1)))
    assert d.rule != "same limit restated", d.explanation
    other = verdict(st("Borrowers must be at least 16.", "Orbis Credit Union"),
                    st("No one under 16 can borrow.", "Halden Savings Bank"))
    assert other.rule != "same limit restated"


@pytest.mark.parametrize(("earlier", "later", "said"), [
    ("The new footbridge opens to walkers on 12 May.", "As planned, the footbridge opens to walkers next Tuesday.",
     date(2026, 5, 8)),
    ("From 1 March 2026, a parking permit costs 60 euros a year.",
     "As announced in January, resident permits are 60 euros a year from 1 March.", date(2026, 2, 20)),
    ("The choir's spring concert is on Saturday 18 April.", "Reminder: our spring concert is this Saturday at 7 pm.",
     date(2026, 4, 14)),
    ("The book fair will be held on 9 October.", "The book fair is still on for the 9th of October.",
     date(2026, 9, 30)),
    ("The harbour festival runs on Saturday 13 June.", "We can confirm the harbour festival runs on 13 June.",
     date(2026, 5, 30)),
    ("All members must renew their cards by 31 March.",
     "Members must renew their cards by 31 March, the club repeated.", date(2026, 3, 1)),
])
def test_a_later_confirmation_of_a_plan_is_consistent(earlier, later, said):
    d = verdict(st(earlier, "Elmbury Council", date(2026, 1, 12)), st(later, "Elmbury Council", said))
    # "still on for the 9th": a no-change phrase with the same day, so a restated position too
    assert d.verdict is Verdict.CONSISTENT and d.rule in ("plan confirmed", "restated position"), d.explanation


@pytest.mark.parametrize(("earlier", "later"), [
    ("The book fair will be held on 9 October.", "As planned, the book fair will be held on 16 October."),  # a day
    ("From 1 March 2026, a parking permit costs 60 euros a year.",
     "As announced, resident permits cost 75 euros a year from 1 March."),                                # a figure
    ("The book fair will be held on 9 October.", "Reminder: the book fair has been moved to 16 October."),   # update
    ("No ballots were lost during the count.", "As announced, two ballots were lost during the count."),     # facts
    ("The book fair will be held on 9 October.", "Reminder: the book fair will not be held on 9 October."),  # negated
    ("Parking on Quay Street is free on Sundays.", "Reminder: parking on Quay Street costs 2 euros on Sundays."),
    ("The pool opens on 1 June.", "As planned, the pool opens on 1 June, but only for members."),           # narrowed
])
def test_a_confirmation_that_changes_a_day_or_figure_or_is_about_the_past_is_not_one(earlier, later):
    d = verdict(st(earlier, "Elmbury Council", date(2026, 1, 12)), st(later, "Elmbury Council", date(2026, 2, 20)))
    assert d.rule != "plan confirmed", d.explanation


@pytest.mark.parametrize(("a", "b"), [
    ("The hospice employs 420 people.", "There are 310 people on the hospice payroll."),
    ("A family ticket to the lido costs 18 euros.", "Families pay 22 euros to get into the lido."),
    ("The ferry takes 40 minutes to cross.", "The crossing lasts 55 minutes on the ferry."),
])
def test_one_actor_giving_two_figures_for_one_thing_at_one_time_is_a_conflict(a, b):
    d = verdict(st(a, "Ostby Council", date(2025, 4, 1)), st(b, "Ostby Council", date(2025, 4, 1)),
                NEUTRAL, NEUTRAL, sim=0.85)
    assert d.verdict is Verdict.CONTRADICTION and "different figures" in d.explanation, d.explanation


@pytest.mark.parametrize(("a", "b", "when_b", "sim"), [
    ("Adults pay 10 euros.", "Children pay 5 euros.", date(2025, 4, 1), 0.85),           # two subjects
    ("The pool is 25 metres long.", "The pool is 2 metres deep.", date(2025, 4, 1), 0.85),  # two measures
    ("The hospice employs 420 people.", "The hospice employs at least 400 people.", date(2025, 4, 1), 0.85),  # bound
    ("The hospice employs 420 people.", "The hospice has 35 volunteers.", date(2025, 4, 1), 0.85),  # two units
    ("The hospice employs 420 people.", "The region's care homes employ 310 people.", date(2025, 4, 1), 0.6),
])
def test_figures_of_two_things_or_a_bound_are_no_figure_conflict(a, b, when_b, sim):
    d = verdict(st(a, "Ostby Council", date(2025, 4, 1)), st(b, "Ostby Council", when_b), NEUTRAL, NEUTRAL, sim=sim)
    assert "different figures" not in d.explanation, d.explanation


@pytest.mark.parametrize(("a", "b"), [
    ("The hospice employs 420 people.", "There are 310 people on the hospice payroll."),
    ("The standard rate of the bed tax is 4%.", "The bed tax's standard rate now stands at 5 per cent."),
    ("The depot has 4,200 registered users.", "Around 2,700 users are registered with the depot."),
])
def test_one_actors_figure_for_one_thing_that_moves_between_two_times_is_a_shift(a, b):
    # the later figure replaces the earlier one: the rules over time decide, here a shift of a present state
    d = verdict(st(a, "Ostby Council", date(2025, 4, 1)), st(b, "Ostby Council", date(2025, 9, 1)), NEUTRAL, NEUTRAL,
                sim=0.85)
    assert d.verdict is Verdict.POLICY_SHIFT and "different figures" in d.explanation, d.explanation


@pytest.mark.parametrize(("duty", "means"), [
    ("Lost permits must be reported within 48 hours.", "A lost permit can be reported online, by phone or at any council office."),
    ("Every visitor must be signed in before entering the lab.", "Sign your visitors in at reception or in the LabDesk app."),
    ("Allotment rent has to be paid by the end of March.", "Rent may be paid by bank transfer or in person at the Town Hall counter."),
])
def test_the_ways_of_meeting_a_duty_that_names_none_are_consistent(duty, means):
    d = verdict(st(duty, "Wexley Council", date(2026, 3, 2)), st(means, "Wexley Council", date(2026, 3, 2)))
    assert (d.verdict, d.rule) == (Verdict.CONSISTENT, "exception inside a rule"), d.explanation
    assert "how the other's duty may be met" in d.explanation


@pytest.mark.parametrize(("duty", "other"), [
    ("Lost permits must be reported in person at the council office.", "A lost permit can be reported online."),  # a way
    ("Rent must only be paid by the due date.", "Rent may be paid by bank transfer."),                             # only
    ("Lost permits must be reported within 48 hours.", "A lost permit cannot be reported online or by phone."),    # negated
    ("Lost permits must be reported within 48 hours.", "A lost permit can be reported online within 14 days."),    # a figure
    ("Allotment rent has to be paid.", "Rent may be paid by bank transfer until the end of June."),                # a deadline
])
def test_means_need_a_duty_without_a_way_and_add_no_figure_deadline_or_negation(duty, other):
    from contradict.verdict.cues import means_of_a_duty

    assert means_of_a_duty(duty, other) == ()


@pytest.mark.parametrize(("text", "force"), [
    ("No pets of any kind are allowed in the flats.", "prohibition"),     # up to five words before "are allowed"
    ("No bikes on the ferry from 1 May to 30 September.", "prohibition"),  # "May" the month is no modal
    ("The sole exception to the ban is a guide dog.", "permission"),       # an exemption, whatever rule word follows
])
def test_longer_prohibitions_notices_with_dates_and_named_exceptions_are_read(text, force):
    from contradict.verdict.cues import norm

    assert norm(text).force == force


@pytest.mark.parametrize(("rule", "permission", "kind"), [
    ("No calculators are allowed in the exam hall.", "Candidates may bring one calculator.", None),
    ("No resits of the theory test are allowed.", "Trainees may resit the theory test once.", None),
    ("Members shall not bring guests to the club.", "Members may bring one guest to the annual dinner.", "exception"),
    ("Tenants shall not sublet the flat.", "Tenants may sublet one garage bay.", "exception"),
])
def test_a_count_of_what_a_rule_bans_is_no_exception(rule, permission, kind):
    from contradict.verdict.cues import is_exception

    assert is_exception(rule, permission) == kind


SHORT_CONFLICTS = np.array([0.05, 0.15, 0.80])   # the short account read against the long one
LONG_DOES_NOT = np.array([0.30, 0.50, 0.20])     # the long account read against the short one


def _accounts(short: str, long: str, ab=LONG_DOES_NOT, ba=SHORT_CONFLICTS):
    """The long account first (as a), said later: scores_ab reads the long one as the premise."""
    return verdict(st(long, "Orrel Ferries", date(2026, 5, 9)), st(short, "Orrel Ferries", date(2026, 5, 3)), ab=ab,
                   ba=ba)


def test_a_later_fuller_account_of_a_past_event_is_consistent():
    d = _accounts("The 14:10 sailing to Orrel was called off on 2 May.",
                  "Everyone booked on the 14:10 of 2 May, which we cancelled, travelled on the 16:30 boat instead.")
    assert (d.verdict, d.rule) == (Verdict.CONSISTENT, "past event elaborated"), d.explanation


@pytest.mark.parametrize(("short", "long", "ab"), [
    # the longer account contradicts the shorter too
    ("The 14:10 sailing to Orrel was cancelled on 2 May.",
     "The 14:10 Orrel sailing of 2 May left on time and arrived early.", CONFLICT),
    # a correction, a figure of one unit changed, a negation on one side
    ("Our crews cleared 41 drains in March.",
     "Correction: in March our crews cleared drains on Mill Lane and Quay Street.", LONG_DOES_NOT),
    ("Our crews cleared 41 drains in March.",
     "In March the crews, working nights, cleared 38 drains in the old town.", LONG_DOES_NOT),
    ("Our crews cleared the Mill Lane drains in March.",
     "In March the crews, working nights, did not clear the Mill Lane drains.", LONG_DOES_NOT),
    # a word negated by a prefix ("treated" / "untreated")
    ("The plant treated all wastewater in June.",
     "Untreated wastewater from the plant reached the river on three days in June.", LONG_DOES_NOT),
])
def test_a_correction_or_a_real_conflict_is_no_elaboration(short, long, ab):
    assert _accounts(short, long, ab=ab).rule != "past event elaborated"


@pytest.mark.parametrize(("rule", "permission"), [
    # the rule says nothing is excepted
    ("No councillor may accept gifts, without exception.", "Councillors may accept gifts worth up to 20 marks if declared."),
    ("Late entries cannot be accepted, and there are no exemptions.", "A late entry may be accepted if the entrant was ill."),
    # the rule names the permission's case as covered
    ("Phones are banned throughout the exam, the reading time included.", "Phones may be used during the reading time."),
    # only how often or at what price
    ("Junior members cannot book the courts.", "Junior members may book a court free of charge twice a week."),
])
def test_a_rule_without_exceptions_or_naming_the_case_leaves_a_conflict(rule, permission):
    from contradict.verdict.cues import is_exception

    assert is_exception(rule, permission) is None


def test_a_preference_is_no_condition():
    from contradict.verdict.cues import conditional_exception

    rule = "The office does not pay refunds in cash."
    assert conditional_exception(rule, "The office pays refunds in cash if you prefer.") == ()
    assert conditional_exception(rule, "The office pays refunds in cash if the bank account is closed.") != ()


@pytest.mark.parametrize(("earlier", "later"), [
    ("Entries must reach us by 30 April.", "The entry deadline has been extended to 15 May."),
    ("The trust advises against feeding the swans.", "The trust now recommends feeding the swans in hard frost."),
    ("No dogs may be walked on the dunes.", "Dogs on leads may now be walked on the dunes' boardwalk."),
    ("The levy will not rise in this parliament.", "The levy will rise from 2% to 3% next April."),
    ("The summer fete is on Saturday 4 July.", "The summer fete will not go ahead this year."),
    ("We plan to open a second kiln shed.", "The second kiln shed plan is off."),
    ("We intend to bid for the county show.", "We've decided not to bid for the county show after all."),
    ("The Brook Lane depot stays open through 2027.", "The Brook Lane depot will close for good in March."),
    ("Season passes cost 90 marks.", "From next season, season passes will be priced at 110 marks."),
    ("Members pay 4% of their wage into the pool.", "The member rate will be 5% from FY2028 onwards."),
])
def test_a_later_update_said_in_words_is_a_shift_without_an_nli_conflict(earlier, later):
    d = verdict(st(earlier, "Brook Lane Trust", date(2026, 1, 10)), st(later, "Brook Lane Trust", date(2026, 6, 2)),
                ab=NEUTRAL, ba=NEUTRAL)
    # a permission or stance word that flips is a conflict of its own: the shift is then found over time
    assert d.verdict is Verdict.POLICY_SHIFT and d.rule in ("change announced", "position changed over time",
                                                           "new rule takes effect"), d.explanation


@pytest.mark.parametrize("later", [
    "Fees can now also be paid by direct debit.",                      # one more way beside the old one
    "Fees may be paid at the office as well as online from today.",
    "The office now and then closes early.",                            # "now and then" is no update
])
def test_an_added_option_or_a_routine_is_no_announced_update(later):
    d = verdict(st("Fees are paid at the office.", "Brook Lane Trust", date(2026, 1, 10)),
                st(later, "Brook Lane Trust", date(2026, 6, 2)), ab=NEUTRAL, ba=NEUTRAL)
    assert d.rule != "change announced", d.explanation


@pytest.mark.parametrize(("a", "b"), [
    ("Late library returns cost 20 pence per book per day.", "For each day a book is late you pay twenty pence."),
    ("Boarders must be at least 16 years old.", "The minimum age for boarders is sixteen years."),
    ("Penalties can reach 3% of annual turnover.", "The highest fine we may set is three per cent of a year's turnover."),
])
def test_the_same_figures_in_other_words_are_consistent(a, b):
    d = verdict(st(a, "Fenby Council", date(2026, 3, 2)), st(b, "Fenby Council", date(2026, 3, 2)))
    assert d.verdict is Verdict.CONSISTENT, d.explanation
    later = verdict(st(a, "Fenby Council", date(2026, 3, 2)), st(b, "Fenby Council", date(2026, 9, 14)))
    assert later.verdict is Verdict.CONSISTENT, later.explanation  # restated later: no shift


def test_the_same_figure_in_a_later_announced_update_is_no_rewording():
    d = verdict(st("Junior members pay 20 marks.", "Fenby Council", date(2026, 3, 2)),
                st("From next season, juniors will be charged twenty marks per term.", "Fenby Council",
                   date(2026, 9, 14)))
    assert d.rule != "same figures reworded", d.explanation


@pytest.mark.parametrize(("a", "b"), [
    ("Bus route 5 runs after 8 pm.", "Route 5 stops running at 8 pm."),                         # 5 names the route
    ("Late returns cost 20 pence per day.", "Late returns do not cost 20 pence per day."),       # a negation
    ("Boarders may stay 3 nights.", "Boarders must not stay 3 nights."),                          # a permission flips
    # one sentence with a word added: left to the substitution and restatement rules
    ("The duo sold 40 million records, the best total of any act.",
     "The duo sold 40 million records, the second best total of any act."),
])
def test_the_same_figures_with_a_reversed_claim_are_not_a_rewording(a, b):
    d = verdict(st(a, "Fenby Council", date(2026, 3, 2)), st(b, "Fenby Council", date(2026, 3, 2)))
    assert d.rule != "same figures reworded", d.explanation


@pytest.mark.parametrize(("prohibition", "duty"), [
    ("Boats may not be launched from the slipway without a harbour pass.",
     "Launching a boat from the slipway requires a harbour pass."),
    ("Under-tens are not allowed in the pool unless a parent is in the water with them.",
     "Children under ten in the pool must have a parent in the water beside them."),
])
def test_a_prohibition_unless_something_and_a_duty_of_it_are_one_rule(prohibition, duty):
    for a, b in ((prohibition, duty), (duty, prohibition)):
        d = verdict(st(a, "Fenby Harbour"), st(b, "Fenby Harbour"))
        assert (d.verdict, d.rule) == (Verdict.CONSISTENT, "duty restated"), d.explanation


@pytest.mark.parametrize("duty", [
    "Launching a boat from the slipway requires no harbour pass.",           # the duty text negates
    "Launching a boat from the slipway requires a lifejacket.",              # another condition
    "Mooring at the quay requires a harbour pass.",                          # another act
])
def test_a_duty_of_something_else_or_denied_is_no_restated_rule(duty):
    from contradict.verdict.cues import duty_restated

    assert duty_restated("Boats may not be launched from the slipway without a harbour pass.", duty) == ()


def test_two_speakers_giving_the_same_figures_in_other_words_agree():
    d = verdict(st("Three climbers were winched off Scar Fell on Sunday.", "Fell Rescue Team", date(2026, 3, 2)),
                st("Our crew flew the three walkers off Scar Fell on Sunday morning.", "Coastguard Air Wing",
                   date(2026, 3, 2)))
    assert (d.verdict, d.rule) == (Verdict.CONSISTENT, "same figures reworded"), d.explanation


def test_a_reminder_naming_the_day_of_the_month_alone_confirms_the_plan():
    d = verdict(st("The village fun run is on Sunday 14 June.", "Orrel Runners", date(2026, 3, 31)),
                st("Reminder: see you at the fun run this Sunday, the 14th.", "Orrel Runners", date(2026, 6, 10)),
                ab=CONFLICT, ba=CONFLICT)
    assert (d.verdict, d.rule) == (Verdict.CONSISTENT, "plan confirmed"), d.explanation


def test_a_plan_said_to_be_under_way_on_its_day_is_confirmed():
    earlier = st("The new ferry pier opens to passengers on 4 May 2026.", "Orrel Harbour", date(2026, 2, 1))
    d = verdict(earlier, st("Ferries are running from the new pier from today.", "Orrel Harbour", date(2026, 5, 4)))
    assert (d.verdict, d.rule) == (Verdict.CONSISTENT, "plan confirmed"), d.explanation
    # said before the day came, it is no confirmation of the plan carried out
    early = verdict(earlier, st("Ferries are running from the new pier from today.", "Orrel Harbour",
                                date(2026, 4, 20)))
    assert early.rule != "plan confirmed", early.explanation


@pytest.mark.parametrize(("rule", "permission", "kind"), [
    ("No member may draw a pension before reaching the age of 60.", "Members can start drawing their pension at 55.",
     None),                                                                        # 55 lies on the excluded side
    ("No member may draw a pension before reaching the age of 60.",
     "Members can draw a reduced pension at 55 with the trustees' consent.", "exception"),  # a condition: narrower
])
def test_a_permission_of_a_value_the_rule_excludes_is_no_exception(rule, permission, kind):
    from contradict.verdict.cues import is_exception

    assert is_exception(rule, permission) == kind


def test_an_exception_keeps_one_actors_rule_and_its_exception_on_one_topic():
    # worded far apart (topic similarity below the threshold), but one is an exception inside the other's rule
    d = verdict(st("Members may not bring pets into the clubhouse.", "Fenby Bowls Club"),
                st("Registered assistance dogs are exempt from that rule.", "Fenby Bowls Club"), sim=0.2)
    assert d.verdict is Verdict.CONSISTENT, d.explanation
    # two accounts of a past event are no rule and its exception
    from contradict.verdict.cues import exception_in

    assert exception_in("The ferry was carrying 40 cars on Sunday.",
                        "No cars were on board the ferry when it ran aground.") is None
