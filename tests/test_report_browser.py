"""The fact-checker's page in a real browser: headless Chromium renders the seed report (screenshot not blank,
the shift card and the timeline in the DOM), the filters work, and a 2,000-finding page loads fast.

Chromium is Debian's ``chromium`` package (``.ci/run`` installs it); where it cannot be installed these tests
are skipped with that reason.
"""

from __future__ import annotations

import re

import pytest

from contradict.benchmarks.report_size import chromium, headless, measure
from contradict.cli import main
from contradict.nli import BUILTIN_NLI_DIR

from .conftest import ROOT

pytestmark = pytest.mark.skipif(chromium() is None, reason="Chromium is not installed (apt-get install chromium)")
SEED = ROOT / "fixtures" / "seed" / "statements.jsonl"
SHIFT = "f-kirby-0528-no-change~official-0530-counter-fire"


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory: pytest.TempPathFactory):
    if not (BUILTIN_NLI_DIR / "config.json").is_file():
        pytest.skip("shipped model missing")
    page = tmp_path_factory.mktemp("seed") / "seed.html"
    assert main(["find", str(SEED), "--html", str(page), "--no-progress"]) == 0
    return page


def test_seed_page_screenshot_is_not_blank(seed_page, tmp_path):
    image = pytest.importorskip("PIL.Image")
    shot = tmp_path / "seed.png"
    headless(seed_page, screenshot=shot, window=(1100, 900))
    with image.open(shot) as png:
        gray = png.convert("L")
        assert gray.size == (1100, 900)
        dark = sum(gray.histogram()[:200])  # pixels clearly darker than the white background
    assert dark > 0.02 * 1100 * 900


def test_seed_page_dom_has_the_shift_card_and_the_timeline(seed_page):
    dom = headless(seed_page, dump_dom=True)
    card = re.search(rf'<article class="card policy_shift" id="{SHIFT}".*?</article>', dom, re.DOTALL)
    assert card and "half flip" in card.group() and "Kharkiv" in card.group()
    lane = re.search(r'<div class="tl" data-actor="U.S. administration".*?</svg>', dom, re.DOTALL)
    assert lane and f'href="#{SHIFT}"' in lane.group()
    assert re.search(r'<div class="flt" id="cx-filters">', dom)  # the script ran and showed the filters


def test_filters_hide_cards_by_verdict_and_actor(seed_page, tmp_path):
    page = tmp_path / "filtered.html"
    script = ("<script>var f=document.getElementById('cx-filters');"
              "f.querySelector('input[data-v=consistent]').checked=false;"
              "f.querySelector('select').value='nobody';"
              "f.querySelector('select').add(new Option('nobody','nobody'));f.querySelector('select').value='nobody';"
              "f.dispatchEvent(new Event('change'));</script>")
    page.write_text(seed_page.read_text(encoding="utf-8").replace("</body>", script + "</body>"), encoding="utf-8")
    dom = headless(page, dump_dom=True)
    assert re.search(r'<section data-section="consistent" hidden="">', dom)
    assert re.search(rf'<article class="card policy_shift" id="{SHIFT}"[^>]*style="display: none;"', dom)
    assert re.search(r'<div class="tl" data-actor="U.S. administration" [^>]*hidden=""', dom)


def test_a_2000_finding_page_is_small_and_loads_fast():
    result = measure(2000)
    assert result.bytes < 5_000_000
    assert result.load_ms is not None and result.load_ms < 2000
