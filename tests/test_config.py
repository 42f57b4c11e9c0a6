from __future__ import annotations

import tomllib
from dataclasses import replace

import pytest

from contradict.config import Config, VerdictConfig, from_dict, load_config, to_toml
from contradict.errors import ConfigError

from .conftest import ROOT


def test_default_toml_matches_embedded_defaults():
    loaded = load_config(ROOT / "configs" / "default.toml")
    assert replace(loaded, calibration=Config().calibration) == Config()
    assert load_config() == loaded  # the packaged copy


def test_packaged_default_is_the_documented_one():
    assert (ROOT / "contradict" / "data" / "default.toml").read_bytes() == \
        (ROOT / "configs" / "default.toml").read_bytes()


def test_shipped_thresholds_record_their_calibration():
    cal = load_config().calibration
    assert cal.fraction == 0.5 and len(cal.pair_ids) > 50 and cal.files


def test_default_toml_documents_every_key():
    text = (ROOT / "configs" / "default.toml").read_text()
    data = tomllib.loads(text)
    for section, values in Config().to_dict().items():
        assert set(data[section]) == set(values), section
        for key in values:
            line = next(i for i, l in enumerate(text.splitlines()) if l.startswith(f"{key} = "))
            assert text.splitlines()[line - 1].startswith("#"), f"{section}.{key} has no comment"


def test_validation_reports_every_problem_with_dotted_location():
    with pytest.raises(ConfigError) as info:
        from_dict({"nli": {"batch_size": 0, "colour": "red"}, "pairing": {"k": "ten"}, "extra": {}})
    problems = info.value.problems
    assert "nli.batch_size: must be >= 1, got 0" in problems
    assert any(p.startswith("nli.colour: unknown key") for p in problems)
    assert any(p.startswith("pairing.k: must be an integer") for p in problems)
    assert any(p.startswith("extra: unknown section") for p in problems)
    assert len(problems) == 4


def test_overrides_are_a_dict_of_dotted_keys():
    cfg = load_config(overrides={"nli.batch_size": 8, "nli.device": "cpu", "pairing.same_speaker_only": True,
                                 "verdict.contradiction_threshold": 0.7})
    assert cfg.nli.batch_size == 8 and cfg.nli.device == "cpu"
    assert cfg.pairing.same_speaker_only is True
    assert cfg.verdict.contradiction_threshold == 0.7


def test_cli_parses_set_strings_as_toml_values_and_bare_strings():
    from contradict.cli.common import parse_overrides

    assert parse_overrides(["nli.batch_size=8", "nli.device=cpu", "pairing.same_speaker_only=true",
                            'nli.model="a b"']) == {"nli.batch_size": 8, "nli.device": "cpu",
                                                    "pairing.same_speaker_only": True, "nli.model": "a b"}
    with pytest.raises(ConfigError, match="section.key=value"):
        parse_overrides(["nli.batch_size"])
    with pytest.raises(ConfigError, match="must be section.key"):
        parse_overrides(["batch_size=3"])


def test_bad_override_and_missing_file():
    with pytest.raises(ConfigError, match=r"overrides: expected a mapping of dotted keys"):
        load_config(overrides=["nli.batch_size=8"])
    with pytest.raises(ConfigError, match="must be section.key"):
        load_config(overrides={"batch_size": 8})
    with pytest.raises(ConfigError, match="config file not found"):
        load_config("/nonexistent/x.toml")
    with pytest.raises(ConfigError, match=r"verdict.contradiction_threshold: must be between 0 and 1, got 1.5"):
        load_config(overrides={"verdict.contradiction_threshold": 1.5})


def test_to_toml_round_trips(tmp_path):
    cfg = from_dict({"verdict": {"contradiction_threshold": 0.42},
                     "calibration": {"files": ["dev.jsonl"], "pair_ids": ["p1", "p2"], "fraction": 0.5}})
    path = tmp_path / "c.toml"
    path.write_text(to_toml(cfg, header="calibrated"))
    assert path.read_text().startswith("# calibrated")
    assert load_config(path) == cfg


def test_search_space_keys_are_verdict_fields():
    fields = set(VerdictConfig.__dataclass_fields__)
    assert set(VerdictConfig.search_space()) <= fields
