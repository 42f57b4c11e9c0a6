"""The archive case of the scale benchmark, on a tiny archive: only the new statements' pairs are scored."""

from __future__ import annotations

import pytest

from contradict.config import load_config


def test_archive_case_scores_only_the_new_pairs_and_nothing_the_second_time(tmp_path):
    from contradict.benchmarks import archive_case, scale

    if not scale.NLI_DATA.is_dir():
        pytest.skip(f"needs the shared NLI data ({scale.NLI_DATA}) for real sentences")
    pool = scale.real_sentences(scale.NLI_DATA)
    result = archive_case.run_archive_case(60, 6, load_config(), pool, seed=3, workdir=tmp_path)
    add, again = result["add"], result["add_again"]
    assert add["statements_added"] == 6 and add["pairs_scored"] > 0
    assert again["statements_added"] == 0 and again["pairs_scored"] == 0
    assert "pairs scored" in archive_case.format_case(result)
