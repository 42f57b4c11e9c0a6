"""The scale benchmark (contradict.benchmarks.scale): statements from real sentences, and a tiny run end to end."""

from __future__ import annotations

import json

import pytest

from contradict.benchmarks import scale

needs_data = pytest.mark.skipif(not scale.NLI_DATA.is_dir() or not any(scale.NLI_DATA.glob("*.jsonl.gz")),
                                reason=f"the NLI sentences are not here ({scale.NLI_DATA})")


def test_growth_exponent():
    assert scale.growth_exponent(1000, 2.0, 10_000, 20.0) == pytest.approx(1.0)
    assert scale.growth_exponent(100, 1.0, 200, 4.0) == pytest.approx(2.0)
    assert scale.growth_exponent(100, 0.0, 200, 4.0) is None


def test_statements_are_seeded_distinct_and_dated():
    pool = [f"Sentence number {i} about something." for i in range(500)]
    a = scale.build_statements(200, seed=3, sentences=pool)
    assert a == scale.build_statements(200, seed=3, sentences=pool)
    assert a != scale.build_statements(200, seed=4, sentences=pool)
    assert len({s.text for s in a}) == 200 and len({s.id for s in a}) == 200
    assert all(s.speaker and s.time for s in a)
    assert len({s.speaker for s in a}) > 20
    with pytest.raises(ValueError, match="more than the 500 distinct sentences"):
        scale.build_statements(501, sentences=pool)


@needs_data
def test_a_tiny_run_prints_the_table_and_writes_the_figures(tmp_path, capsys):
    out = tmp_path / "scale.json"
    assert scale.main(["--n", "200", "400", "--nli-sample", "20", "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "| nli (s) | ~" in printed and "growth 200->400" in printed and "extrapolated" in printed
    report = json.loads(out.read_text(encoding="utf-8"))
    small, large = report["results"]
    assert (small["n"], large["n"]) == (200, 400)
    for res in (small, large):
        assert set(res["seconds"]) == set(scale.STAGES)
        assert res["pairs_sampled"] == 20 < res["candidate_pairs"] <= res["n"] * 10
        assert res["extrapolated"] == ["nli", "decide", "write"]
        assert res["neighbours"] == "exact" and res["recall_at_k"] is None
        assert res["peak_rss_mb"] > 0 and res["nli_pairs_per_second"] > 0
    assert report["config"]["pairing"]["k"] == 10 and report["load_average"]["before"]
