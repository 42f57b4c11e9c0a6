"""Generated NLI training pairs (contradict.nli.augment): labels per kind, determinism, exclusions."""

from __future__ import annotations

import gzip
import json

import pytest

from contradict.nli import augment, sanity

PREMISES = [
    ("The council approved the new budget on Monday, and the mayor signed it.", "news"),
    ("The company always pays its suppliers within 30 days of delivery.", "business"),
    ("After a long debate, the committee supported the proposal to extend the bus line.", "news"),
    ("John moved to London in March 2019 to work for a small bank.", "people"),
    ("Farmers in rural areas will receive 12 million dollars in emergency aid.", "news"),
    ("The museum is the largest collection of ancient pottery in France.", "travel"),
    ("Children must wear helmets when they ride bicycles on the school grounds.", "policy"),
    ("Our engineers repaired the bridge quickly because the river was rising fast.", "news"),
]


def test_every_kind_is_generated_with_its_label():
    pairs = augment.generate(PREMISES * 3, 200, seed=3)
    by_kind = augment.counts(pairs)
    assert all(by_kind[k] > 0 for k in augment.KINDS), by_kind
    for p in pairs:
        assert p.label == augment.KINDS[p.kind]
        if p.kind == "identity":
            assert p.premise == p.hypothesis
        else:
            assert p.premise != p.hypothesis


def test_generation_is_deterministic_for_a_seed():
    assert augment.generate(PREMISES, 60, seed=1) == augment.generate(PREMISES, 60, seed=1)
    assert augment.generate(PREMISES, 60, seed=1) != augment.generate(PREMISES, 60, seed=2)


def test_different_subject_pairs_come_from_the_same_source_and_share_few_words():
    pairs = [p for p in augment.generate(PREMISES, 100, seed=4) if p.kind == "different_subject"]
    assert pairs
    source = dict(PREMISES)
    for p in pairs:
        assert source[p.premise] == source[p.hypothesis]
        a, b = sanity._content(p.premise), sanity._content(p.hypothesis)
        assert len(a & b) / len(a | b) <= 0.15


def test_contradictions_use_the_sanity_helpers_and_the_own_antonym_table():
    text = "The company always pays its suppliers within 30 days of delivery."
    assert augment.swap_antonym(text)[0] == "The company never pays its suppliers within 30 days of delivery."
    assert augment.swap_antonym("It is never easy.") is None  # negated: no swap
    assert not set(map(frozenset, augment.ANTONYMS)) & set(map(frozenset, sanity.ANTONYMS))
    pairs = augment.generate(PREMISES * 3, 200, seed=5)
    negations = [p for p in pairs if p.kind == "negation"]
    assert negations and all(" not " in p.premise + p.hypothesis or "cannot" in p.premise + p.hypothesis
                             for p in negations)
    names = [p for p in pairs if p.kind == "name_changed"]
    assert names
    for p in names:  # one known name swapped for another of its type, the rest unchanged
        old, new = (x.strip("'") for x in p.rule.removesuffix(" (swapped)").split(" -> "))
        kind = next(k for k, v in augment.NAMES.items() if old in v)
        assert new in augment.NAMES[kind]
        a, b = (p.hypothesis, p.premise) if p.rule.endswith("(swapped)") else (p.premise, p.hypothesis)
        assert a.replace(old, new) == b


def test_excluded_texts_are_never_used():
    excluded = {PREMISES[0][0], PREMISES[3][0]}
    pairs = augment.generate(PREMISES, 200, seed=6, exclude=excluded)
    assert pairs
    assert not {p.premise for p in pairs} & excluded
    assert not {p.hypothesis for p in pairs} & excluded


def test_sanity_exclusions_hold_the_pool_and_the_suites_draw(tmp_path):
    pool = sanity.pool_sentences(sanity.load_pool())
    d = tmp_path / "train"
    d.mkdir()
    texts = [f"Sentence number {i} of the training file says something new here." for i in range(50)]
    with gzip.open(d / "mnli_dev_matched.jsonl.gz", "wt") as fh:
        fh.writelines(json.dumps({"premise": t, "hypothesis": "x", "label": "neutral"}) + "\n" for t in texts)
    excluded = augment.sanity_exclusions(d)
    drawn = {s.text for s in sanity.draw_train_premises(d, sanity.DEFAULT_TRAIN_PREMISES, sanity.DEFAULT_SEED)}
    assert drawn and drawn <= excluded
    assert {s.text for s in pool} <= excluded
    assert augment.sanity_exclusions(None) == {s.text.strip() for s in pool}
    with pytest.raises(ValueError, match="eval"):
        augment.sanity_exclusions(tmp_path / "eval")  # never draws from held-out data


def test_unusable_premises_are_skipped():
    rows = [("Too short.", "a"), ("One sentence here that is long enough. And a second one follows it.", "a")]
    assert augment.usable_premises(rows) == []
    assert augment.generate(rows, 10, seed=1) == []


def test_extra_detail_keeps_the_whole_premise_and_adds_another_sentence_of_its_source():
    pairs = [p for p in augment.generate(PREMISES, 200, seed=5) if p.kind == "extra_detail"]
    assert pairs
    source = dict(PREMISES)
    for p in pairs:
        assert p.label == "neutral"
        assert p.hypothesis.startswith(p.premise.rstrip(".") )
        added = p.hypothesis[len(p.premise):].strip()
        assert added in source and added != p.premise and source[added] == source[p.premise]


def test_adding_extra_detail_left_the_earlier_kinds_unchanged():
    """extra_detail is drawn last, so the pairs a stage-1 run generated for a seed are still generated."""
    pairs = augment.generate(PREMISES * 3, 200, seed=3)
    earlier = [p for p in pairs if p.kind != "extra_detail"]
    weights = dict(augment.WEIGHTS)
    try:
        augment.WEIGHTS["extra_detail"] = 0.0
        without = augment.generate(PREMISES * 3, 200, seed=3)
    finally:
        augment.WEIGHTS.update(weights)
    assert earlier == without
