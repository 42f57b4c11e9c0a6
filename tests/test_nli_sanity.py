"""The NLI sanity suite: case generators, the report and table on a fake scorer, and one real CLI run."""

from __future__ import annotations

import difflib
import json
import random
import re

import numpy as np
import pytest

from contradict.cli import main
from contradict.nli import sanity
from contradict.nli.sanity import (
    PROPERTIES,
    build_cases,
    change_date,
    change_name,
    change_number,
    drop_clause,
    format_table,
    load_pool,
    near_identity_variants,
    negate,
    pool_sentences,
    run_sanity,
    swap_antonym,
)

NEG = re.compile(r"\b(not|cannot)\b")


@pytest.fixture(scope="module")
def pool():
    return load_pool()


@pytest.fixture(scope="module")
def cases(pool):
    return build_cases(pool_sentences(pool), pool, limit_per_property=0)


def _changed(a: str, b: str) -> list[tuple[str, str]]:
    """The (old, new) word runs that differ between two texts."""
    wa, wb = a.split(), b.split()
    ops = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False).get_opcodes()
    return [(" ".join(wa[i1:i2]), " ".join(wb[j1:j2])) for op, i1, i2, j1, j2 in ops if op != "equal"]


def test_pool_is_large_and_varied(pool):
    sents = pool_sentences(pool)
    assert 120 <= len(sents) <= 200
    assert {"news", "government", "contracts", "hr_policy", "central_banks", "health", "transport", "sport",
            "dialogue"} <= set(pool["sentences"])
    assert len({s.text for s in sents}) == len(sents)
    assert len(pool["extra_option"]) >= 20


def test_every_property_has_cases_with_its_label(cases):
    assert set(cases) == set(PROPERTIES)
    for prop, items in cases.items():
        assert len(items) >= 20, prop
        assert {c.expected for c in items} == {PROPERTIES[prop]}
        assert all(c.prop == prop for c in items)


def test_identity_and_near_identity(cases):
    assert all(c.premise == c.hypothesis for c in cases["identity"])
    for c in cases["near_identity"]:
        assert c.premise != c.hypothesis
        norm = lambda t: re.sub(r"[\s\"'\u201c\u201d\u2018\u2019]+", " ", t.lower()).strip().rstrip(".!")
        assert norm(c.premise) == norm(c.hypothesis), c


def test_near_identity_variants_name_what_they_do():
    kinds = dict((rule, text) for text, rule in near_identity_variants('He said "no" to the plan.'))
    assert kinds["lower case"] == 'he said "no" to the plan.'
    assert kinds["quote marks changed"] == "He said \u201cno\u201d to the plan."
    assert kinds["final punctuation dropped"] == 'He said "no" to the plan'
    assert "  " in kinds["extra spaces"]
    assert dict((r, t) for t, r in near_identity_variants("yes we can"))["final full stop added"] == "yes we can."


def test_negation_adds_one_negation_and_nothing_else(cases):
    for c in cases["negation"]:
        assert not NEG.search(c.premise), c
        assert NEG.search(c.hypothesis), c
        diff = _changed(c.premise, c.hypothesis)
        assert len(diff) == 1, c
        old, new = diff[0]
        assert "not" in new.split() or new.startswith("cannot"), c
    assert negate("Staff must file claims through the portal.")[0] == "Staff must not file claims through the portal."
    assert negate("The council approved the plan.")[0] == "The council did not approve the plan."
    assert negate("The club has 300 members.") is None          # "has" as a main verb
    assert negate("The plan was not approved.") is None         # already negated


def test_antonym_swaps_one_word_from_the_table(cases):
    for c in cases["antonym"]:
        old, new = re.fullmatch(r"'(.+)' -> '(.+)'", c.rule).groups()
        assert sanity._ANTONYM_MAP[old.lower()] == new.lower(), c
        assert c.hypothesis == c.premise.replace(old, new, 1), c
        assert len(_changed(c.premise, c.hypothesis)) == 1, c
    assert swap_antonym("Inflation rose to 3%.")[0] == "Inflation fell to 3%."


def test_number_date_name_changes_keep_the_rest(cases):
    for prop in ("number_changed", "date_changed", "name_changed"):
        for c in cases[prop]:
            diff = _changed(c.premise, c.hypothesis)
            assert diff, c
            assert all(re.search(r"\d|[A-Z]", old) for old, _ in diff) or prop == "number_changed", c
    rng = random.Random(0)
    assert change_number("The club has at least 300 members.", rng) is None       # a bound, not a value
    new, _ = change_number("The club has 300 members.", rng)
    assert new != "The club has 300 members." and re.fullmatch(r"The club has \d+ members\.", new)
    assert change_date("The report is due by March.", rng) is None                # a bound
    new, rule = change_date("The fair opens on 12 September.", rng)
    assert new.startswith("The fair opens on 12 ") and "September" not in new
    assert change_number("The fair opens on 12 September 2026.", rng) is None     # numbers in dates are dates
    names = {"person": ["Ada Kvist", "Karl Dressen"], "town": ["Halden", "Brisa"]}
    assert change_name("Ada Kvist visited Halden.", names, rng)[0] == "Karl Dressen visited Halden."


def test_clause_drop_keeps_a_stated_part(cases):
    for c in cases["clause_dropped"]:
        assert len(c.hypothesis) < len(c.premise)
        core = c.hypothesis.rstrip(".!?")
        assert core[1:] in c.premise, c
    assert drop_clause("The council approved the budget, and the mayor welcomed it.")[0] == \
        "The council approved the budget."
    assert drop_clause("Because of fog, all flights were delayed.")[0] == "All flights were delayed."
    assert drop_clause("She bought apples, pears, and plums.") is None           # a list, not a clause


def test_different_subject_pairs_stay_in_their_genre(pool, cases):
    genre = {s.text: s.genre for s in pool_sentences(pool)}
    for c in cases["different_subject"]:
        assert c.premise != c.hypothesis and genre[c.premise] == genre[c.hypothesis]


def test_limit_and_seed(pool):
    sents = pool_sentences(pool)
    a = build_cases(sents, pool, seed=1, limit_per_property=10)
    b = build_cases(sents, pool, seed=1, limit_per_property=10)
    assert all(len(v) <= 10 for v in a.values()) and a == b


class AlwaysEntailment:
    def __call__(self, pairs):
        return np.tile(np.array([0.8, 0.15, 0.05], dtype=np.float32), (len(pairs), 1))


def test_report_and_table_on_a_scorer_that_always_says_entailment(tmp_path):
    report = run_sanity(AlwaysEntailment(), limit_per_property=40, train_dir=tmp_path / "missing")
    assert report.train_premises == 0 and "pool sentences only" in report.note
    assert report.result("identity").pass_rate == 1.0 and report.result("identity").target_met is True
    assert report.result("near_identity").target_met is True
    for prop in ("negation", "antonym", "number_changed", "date_changed", "name_changed"):
        r = report.result(prop)
        assert r.pass_rate == 0.0 and r.target_met is False and r.shares["entailment"] == 1.0
        assert len(r.worst) == 5
    diff = report.result("different_subject")
    assert diff.pass_rate == 0.0 and diff.shares["contradiction"] == 0.0 and diff.target_met is True
    table = format_table(report)
    assert table.count("\n") == len(PROPERTIES) + 1
    assert "| identity | entailment |" in table and "pass = 100%" in table and "contradiction ≤ 5%" in table
    assert "**no**" in table
    json.dumps(report.to_dict())


def test_training_draw_refuses_eval(tmp_path):
    (tmp_path / "eval").mkdir()
    with pytest.raises(ValueError, match="never from eval"):
        sanity.draw_train_premises(tmp_path / "eval", 10, 0)


def test_cli_sanity_end_to_end(tmp_path, capsys, tiny_nli_dir):
    out = tmp_path / "sanity.json"
    code = main(["eval-nli", "--sanity", "--model", str(tiny_nli_dir), "--limit", "8", "--precision", "fp32",
                 "--train-data", str(tmp_path / "none"), "--report", str(out)])
    assert code == 0
    printed = capsys.readouterr().out
    assert printed.startswith("| property | expected |") and "pool sentences only" in printed
    data = json.loads(out.read_text())
    assert data["precision"] == "fp32"
    assert [r["prop"] for r in data["sanity"]["results"]] == list(PROPERTIES)
    assert all(r["n"] <= 8 for r in data["sanity"]["results"])
    assert main(["eval-nli", "some/file.jsonl", "--sanity", "--model", str(tiny_nli_dir)]) == 2
