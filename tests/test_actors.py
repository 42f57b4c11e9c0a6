"""Tests for contradict.verdict.actors: which speakers speak for the same actor."""

from __future__ import annotations

import doctest
from importlib import resources
from pathlib import Path

import pytest

from contradict.errors import ConfigError
from contradict.verdict import actors
from contradict.verdict.actors import USER_CONFIG_PATH, Actor, ActorTable, default_table, normalise_speaker, same_actor

REPO = Path(__file__).resolve().parent.parent
US = "U.S. administration"


@pytest.fixture(scope="module")
def table() -> ActorTable:
    return ActorTable.load()


def test_packaged_table_is_identical_to_the_documented_one() -> None:
    packaged = resources.files("contradict").joinpath("data", "actors.toml").read_bytes()
    assert USER_CONFIG_PATH == REPO / "configs" / "actors.toml"
    assert packaged == USER_CONFIG_PATH.read_bytes()


def test_both_copies_load_to_the_same_table() -> None:
    assert ActorTable.load(USER_CONFIG_PATH).actors == ActorTable.load().actors


@pytest.mark.parametrize(
    ("speaker", "actor"),
    [
        # the seed case: Kirby on 05-28, "one U.S. official" on 05-30
        ("John Kirby", US),
        ("National Security Council spokesperson John Kirby", US),
        ("White House (John Kirby)", US),
        ("John Kirby, National Security Council", US),
        ("one U.S. official", US),
        ("a U.S. official", US),
        ("two U.S. officials", US),
        ("U.S. officials", US),
        ("US official", US),
        ("U.S official", US),
        ("a senior administration official", US),
        ("the President", US),
        ("President Biden", US),
        ("Joe Biden", US),
        ("State Department", US),
        ("Secretary of State Antony Blinken", US),
        ("Pentagon", US),
        ("  the   White House ", US),
        ("\u201cWhite House\u201d", US),
        ("WHITE HOUSE", US),
        ("Ukrainian President Volodymyr Zelenskyy", "Government of Ukraine"),
        ("President Zelenskyy", "Government of Ukraine"),  # "President" is an exact-only alias of the U.S.
        ("Zelensky", "Government of Ukraine"),
        ("Vladimir Putin", "Kremlin"),
        ("Kremlin spokesman Dmitry Peskov", "Kremlin"),
        ("Russian Ministry of Defence", "Kremlin"),  # the longest alias inside wins
        ("Downing Street", "UK government"),
        ("Foreign, Commonwealth and Development Office", "UK government"),
        ("NATO Secretary General Jens Stoltenberg", "NATO"),
    ],
)
def test_known_speakers(table: ActorTable, speaker: str, actor: str) -> None:
    assert table.resolve(speaker) == actor


@pytest.mark.parametrize(
    ("speaker", "actor"),
    [
        ("Party P5", "Party P5"),
        ("  Party   P5 ", "Party P5"),
        ("the Acme Corporation", "Acme Corporation"),
        ("two Acme officials", "Acme official"),
        ("former U.S. official", "former U.S. official"),  # exact-only aliases never match inside a longer name
        ("Wikipedia: East Midlands", "Wikipedia: East Midlands"),
        ("wikipedia:   Hall  &  Oates", "Wikipedia: Hall & Oates"),
    ],
)
def test_unknown_speakers_are_their_own_actor(table: ActorTable, speaker: str, actor: str) -> None:
    assert table.resolve(speaker) == actor


def test_no_speaker_is_unknown(table: ActorTable) -> None:
    assert table.resolve(None) is None
    assert table.resolve("   ") is None
    assert table.resolve("", organisation="") is None


def test_organisation_is_tried_first(table: ActorTable) -> None:
    assert table.resolve("John Smith", organisation="White House") == US
    assert table.resolve("John Kirby", organisation="Kremlin") == "Kremlin"
    assert table.resolve("John Kirby", organisation="Acme Corp") == US  # unknown organisation: speaker next
    assert table.resolve("John Smith", organisation="Acme Corp") == "Acme Corp"
    assert table.resolve(None, organisation="the Kremlin") == "Kremlin"


def test_wikipedia_pages_are_separate_actors(table: ActorTable) -> None:
    a = table.resolve("Wikipedia: East Midlands")
    b = table.resolve("Wikipedia: Hall & Oates")
    assert same_actor(a, b) is False
    assert same_actor(a, table.resolve("Wikipedia: East Midlands")) is True


def test_same_actor() -> None:
    assert same_actor(US, "u.s. administration") is True
    assert same_actor("Party P5", "party p5") is True
    assert same_actor("Party P5", "Party P6") is False
    assert same_actor(None, US) is None
    assert same_actor(US, None) is None


def test_seed_speakers_are_one_actor(table: ActorTable) -> None:
    kirby = table.resolve("National Security Council spokesperson John Kirby")
    official = table.resolve("one U.S. official")
    assert same_actor(kirby, official) is True
    assert same_actor(kirby, table.resolve("Dmitry Peskov")) is False


def test_normalise_speaker() -> None:
    assert normalise_speaker("  two  U.S. officials ") == "U.S. official"
    assert normalise_speaker("\u2018The Guardian\u2019") == "Guardian"
    assert normalise_speaker("An Official") == "Official"


def test_empty_table_makes_every_speaker_its_own_actor() -> None:
    empty = ActorTable()
    assert empty.resolve("John Kirby") == "John Kirby"
    assert empty.resolve(None) is None


def test_from_mapping_and_parts() -> None:
    small = ActorTable.from_mapping({"actors": {"Acme": {"aliases": ["Jane Roe"], "exact": ["spokesperson"]}}})
    assert small.resolve("Jane Roe") == "Acme"
    assert small.resolve("Acme") == "Acme"  # the name is an alias of itself
    assert small.resolve("spokesperson (Jane Doe)") == "Acme"  # an exact alias as a whole part
    assert small.resolve("the company spokesperson") == "company spokesperson"  # but not inside a longer one
    assert small.resolve("CEO Jane Roe") == "Acme"


def test_load_from_path(tmp_path: Path) -> None:
    path = tmp_path / "actors.toml"
    path.write_text('[actors."City of Springfield"]\naliases = ["Mayor Quimby"]\n', encoding="utf-8")
    loaded = ActorTable.load(path)
    assert loaded.resolve("Mayor Quimby") == "City of Springfield"
    assert loaded.source == str(path)


def test_invalid_tables_report_every_problem(tmp_path: Path) -> None:
    data = {
        "bar": 1,
        "actors": {
            "A": {"aliases": ["x", 3], "foo": 1},
            "B": {"exact": ["X"]},
            "C": {"aliases": "not a list"},
            "D": "not a table",
        },
    }
    with pytest.raises(ConfigError) as info:
        ActorTable.from_mapping(data, source="t.toml")
    problems = info.value.problems
    assert "t.toml: bar: unknown key (expected 'actors')" in problems
    assert "t.toml: actors.A.aliases[1]: expected non-empty text, got 3" in problems
    assert "t.toml: actors.A.foo: unknown key (expected 'aliases' or 'exact')" in problems
    assert "t.toml: actors.B.exact: alias 'X' is also listed under actors.A" in problems
    assert "t.toml: actors.C.aliases: expected a list of names, got str" in problems
    assert "t.toml: actors.D: expected a table with 'aliases' and 'exact', got str" in problems


def test_duplicate_alias_across_actors_is_an_error() -> None:
    with pytest.raises(ConfigError, match=r"actors\.B\.aliases: alias 'Pentagon' is also listed under actors\.A"):
        ActorTable((Actor("A", aliases=("pentagon",)), Actor("B", aliases=("Pentagon",))))


def test_bad_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        ActorTable.load(tmp_path / "missing.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[actors\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        ActorTable.load(broken)


def test_default_table_is_cached() -> None:
    assert default_table() is default_table()
    assert default_table().resolve("Downing Street") == "UK government"


def test_docstring_examples() -> None:
    assert doctest.testmod(actors).failed == 0


@pytest.mark.parametrize(("a", "b"), [
    # a club's or federation's president is its head, not a government's
    ("TRF president Odile Marsh", "Odile Marsh, president of the Tarnby Rowing Federation"),
    ("Harwell Beekeepers' Association", "HBA president Colm Rey"),
    ("Chancellor of the University of Pellam", "University of Pellam"),
    # initials before a capitalised title and a person
    ("Orlen Valley Water Board", "OVWB Director-General Ines Kaur"),
])
def test_heads_of_organisations_speak_for_them_not_for_a_government(table: ActorTable, a: str, b: str) -> None:
    ra, rb = table.resolve(a), table.resolve(b)
    assert same_actor(ra, rb) is True, (ra, rb)
    assert "government" not in ra + rb


@pytest.mark.parametrize(("speaker", "actor"), [
    ("Karsland President Aron Dahl", "Karsland government"),
    ("President Aron Dahl of Karsland", "Karsland government"),
    ("US President Ada Lane", "US government"),
    ("UK Prime Minister Ola Finn", "UK government"),
])
def test_heads_of_state_and_government_stay_governments(table: ActorTable, speaker: str, actor: str) -> None:
    assert table.resolve(speaker) == actor


@pytest.mark.parametrize(("holder", "body", "same"), [
    ("Brill Harbourmaster Ode Lund", "Port of Brill Harbour Authority", True),
    ("Aske Chief Constable Ina Moss", "Aske Constabulary", True),
    ("Ravel Superintendent Tom Aker", "Ravel School District", True),
    ("Ida Fenn, chief public defender for Ravel", "Ravel Public Defender's Office", True),
    ("Complaints Ombudsman Lea Holt", "Office of the Complaints Ombudsman", True),
    ("Orm Park head ranger Ivo Dahl", "Orm Park Trust", True),
    # another place's body, or a post that does not serve this kind of body
    ("Brill Harbourmaster Ode Lund", "Port of Aske Harbour Authority", False),
    ("Ida Fenn, chief public defender for Ravel", "Aske Public Defender's Office", False),
    ("Aske Chief Constable Ina Moss", "Aske Harbour Authority", False),
])
def test_a_post_speaks_for_the_body_it_heads_in_its_place(table: ActorTable, holder: str, body: str, same: bool) -> None:
    assert bool(same_actor(table.resolve(holder), table.resolve(body))) is same


@pytest.mark.parametrize(("speaker", "actor"), [
    ("Quarrow Folk Festival (@QuarrowFolk)", "Quarrow Folk Festival"),
    ("Quarrow Folk Festival (programme director Ines Dahl)", "Quarrow Folk Festival"),
    ("Brisk Bike Repairs (Tom Acre, owner)", "Brisk Bike Repairs"),
    ("Quarrow Folk Festival (Ines Dahl)", "Quarrow Folk Festival"),
    ("Tom Acre, owner of Brisk Bike Repairs", "Brisk Bike Repairs"),
    ("Ines Dahl, founder of the Quarrow Folk Festival", "Quarrow Folk Festival"),
    ("Brisk Bike Repairs owner Tom Acre", "Brisk Bike Repairs"),
])
def test_an_organisation_and_who_speaks_for_it(table: ActorTable, speaker: str, actor: str) -> None:
    assert table.resolve(speaker) == actor


def test_members_of_the_public_and_people_outside_brackets_are_not_read_as_the_body(table: ActorTable) -> None:
    # a shop owner quoted as a member of the public stays their own actor, not the shop
    assert table.resolve("Tom Acre, a bike shop owner") == "Tom Acre, a bike shop owner"
    assert same_actor(table.resolve("Tom Acre, a bike shop owner"), "Brisk Bike Repairs") is False
    # a titled person outside the brackets speaks for the body inside them
    assert table.resolve("Chief Ranger Ada Feld (Orm National Park)") == "Orm National Park"


@pytest.mark.parametrize(("a", "b"), [
    ("Varnish Climate Minister Ola Rask", "Varnish Ministry of Climate"),
    ("Varnish Tourism Minister Ola Rask", "Varnish government"),
])
def test_a_policy_area_between_the_place_and_the_minister_is_not_part_of_the_place(table: ActorTable, a: str,
                                                                                   b: str) -> None:
    assert table.resolve(a) == "Varnish government" and same_actor(table.resolve(a), table.resolve(b)) is True


def test_a_policy_word_in_a_bodys_own_name_still_tells_it_apart(table: ActorTable) -> None:
    from contradict.verdict.roles import distinctive_words

    assert "revenue" in distinctive_words("Ardmore Revenue Office")


@pytest.mark.parametrize(("a", "b"), [
    ("NMU General Secretary Ada Roe", "Norland Musicians' Union"),
    ("Ola Finn, CEO of Brightwing", "Brightwing Airlines"),
    ("Brightwing", "Brightwing Airways"),
    ("Thistle leader Ada Roe", "Thistle Party"),
])
def test_a_general_secretary_and_short_names_of_airlines_and_parties(table: ActorTable, a: str, b: str) -> None:
    assert same_actor(table.resolve(a), table.resolve(b)) is True


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Hartwell Lido Trust", "Mina Quade, lifeguard supervisor, Hartwell Lido Trust", True),
    ("Fernmoor Puppet Theatre", "Abel Crane, visitor officer at Fernmoor Puppet Theatre", True),
    ("Orrel Kite Festival", "Jun Saito, organiser of Orrel Kite Festival", True),
    ("Brackwater Dental Practice", "Brackwater Dental Practice (billing office)", True),
    ("Orrel Kite Festival", "Dana Pike, Orrel Kite Festival site manager", True),   # a role, not a body of its own
    ("Hartwell Beekeepers' Association", "Ola Finn, secretary of the Hartwell association", True),  # its short form
    ("Hartwell Beekeepers' Association", "Ola Finn, secretary of the Hartwell rowing club", False),
    ("Orrel Kite Festival", "Orrel Kite Festival volunteers' union", False),
    ("Orrel Kite Festival", "Dana Pike, a supporter of Orrel Kite Festival", False),
    ("Orrel Kite Festival", "Orrel Kite Festival (Dana Pike, a visitor)", False),
    ("Hartwell Lido Trust", "a swimmer at Hartwell Lido Trust", False),        # a member of the public
    ("Hartwell Lido Trust", "Ola Finn, a member of Hartwell Lido Trust", False),
    ("Fernmoor University", "Fernmoor University Students' Union", False),       # a body of its own
    ("Hartwell Lido Trust", "North Hartwell Lido Trust", False),                 # a longer name
])
def test_someone_speaking_for_an_organisation_named_in_full_is_that_organisation(a, b, same):
    table = ActorTable.load()
    assert same_actor(table.resolve(a), table.resolve(b)) is same
