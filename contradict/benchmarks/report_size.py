"""Size and browser load time of the fact-checker's page for N synthetic findings (no model needed).

Builds ``--n`` findings over ``--statements`` statements of 8 actors across two years (texts of news-quote
length, every verdict, grades, periods, signals), writes the page, and opens it in headless Chromium: the
load time is the page's own ``performance.now()`` after the load event and a forced layout, so browser
start-up is not counted (it is printed apart).

Example:
    $ python -m contradict.benchmarks.report_size --n 2000
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from contradict.benchmarks.pairing_speed import synthetic_statements
from contradict.records import Finding, Statement, TimeWindow, Verdict

__all__ = ["BROWSERS", "ReportSize", "chromium", "headless", "load_time_ms", "measure", "synthetic_findings"]

#: Executable names tried, in order, for headless Chromium.
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars")
_FILLER = ("The statement was made at a press briefing and later confirmed in writing to reporters. ",
           "Officials added that the decision had been discussed with partners over several weeks. ",
           "Asked about the details, the spokesperson declined to give a timetable. ")


def chromium() -> str | None:
    """The path of a headless-capable Chromium or Chrome, or None when none is installed.

    Example:
        >>> chromium() is None or Path(chromium()).exists()
        True
    """
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def headless(page: str | Path, *, dump_dom: bool = False, screenshot: str | Path | None = None,
             window: tuple[int, int] = (1200, 900), timeout: float = 120.0) -> str:
    """Open the local file ``page`` in headless Chromium with a fresh profile and no network services; return
    the DOM after load (``dump_dom``) or write a PNG screenshot. Raises RuntimeError when no browser is found
    or it fails.

    Example:
        >>> headless("report.html", dump_dom=True)[:15]   # doctest: +SKIP
        '<!DOCTYPE html>'
    """
    exe = chromium()
    if exe is None:
        raise RuntimeError(f"no Chromium found (tried {', '.join(BROWSERS)})")
    with tempfile.TemporaryDirectory(prefix="contradict-chromium-") as profile:
        cmd = [exe, *_FLAGS, f"--user-data-dir={profile}", f"--window-size={window[0]},{window[1]}"]
        if dump_dom:
            cmd.append("--dump-dom")
        if screenshot is not None:
            cmd.append(f"--screenshot={Path(screenshot).resolve()}")
        cmd.append(Path(page).resolve().as_uri())
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"chromium exited with {done.returncode}: {done.stderr[-500:]}")
    return done.stdout


_PROBE = ("<script>addEventListener('load',function(){setTimeout(function(){document.body.offsetHeight;"
          "document.body.setAttribute('data-loaded-ms',performance.now().toFixed(0));},0);});</script>")


def load_time_ms(page: str | Path) -> tuple[float, float]:
    """(milliseconds from navigation start to loaded and laid out, as the page measures it; seconds the whole
    browser run took, start-up included), measured on a copy of ``page`` with a timing probe appended."""
    with tempfile.TemporaryDirectory(prefix="contradict-load-") as folder:
        probe = Path(folder) / "page.html"
        probe.write_text(Path(page).read_text(encoding="utf-8").replace("</body>", _PROBE + "</body>", 1),
                         encoding="utf-8")
        t0 = time.perf_counter()
        dom = headless(probe, dump_dom=True)
        wall = time.perf_counter() - t0
    found = re.search(r'data-loaded-ms="(\d+)"', dom)
    if found is None:
        raise RuntimeError("the page did not report its load time (the load event did not fire)")
    return float(found.group(1)), wall


def synthetic_findings(n: int, *, statements: int = 250, seed: int = 0) -> list[Finding]:
    """``n`` findings over ``statements`` synthetic statements (8 actors, two years, ~250-character texts):
    about 15% contradictions, 20% policy shifts (half flips, full flops, some denied), the rest consistent or
    unrelated."""
    rng = random.Random(seed)
    base = synthetic_statements(statements, seed=seed)
    items = [Statement(s.id, s.text + " " + "".join(rng.sample(_FILLER, 2)).strip(), s.speaker, s.time,
                       f"https://news.example.org/{s.id}") for s in base]
    by_actor: dict[str | None, list[Statement]] = {}
    for s in items:
        by_actor.setdefault(s.speaker, []).append(s)
    seen: set[tuple[str, str]] = set()
    out: list[Finding] = []
    while len(out) < n:
        same = rng.random() < 0.7
        a = rng.choice(items)
        b = rng.choice(by_actor[a.speaker] if same else items)
        if a.id == b.id or (a.id, b.id) in seen:
            continue
        if a.time and b.time and b.time < a.time:
            a, b = b, a
        seen.add((a.id, b.id))
        roll = rng.random()
        verdict = (Verdict.CONTRADICTION if roll < 0.15 else Verdict.POLICY_SHIFT if roll < 0.35 and same
                   else Verdict.CONSISTENT if roll < 0.7 else Verdict.UNRELATED)
        pc = rng.random()
        rest = round((1 - pc) / 2, 4)
        scores = {"entailment": rest, "neutral": rest, "contradiction": round(pc, 4)}
        grade = rng.choice(["half_flip", "full_flop"]) if verdict is Verdict.POLICY_SHIFT else None
        about = TimeWindow(a.time, a.time + timedelta(days=30), "this month", "period") if a.time else None
        out.append(Finding(a, b, verdict, scores, scores, scores, round(rng.uniform(0.3, 0.9), 4),
                           f"Synthetic finding {len(out)}: {a.id} against {b.id} → {verdict.value}.",
                           grade=grade, actor_a=a.speaker, actor_b=b.speaker, about_a=about, about_b=None,
                           signals=("number: 10 -> 8",) if verdict is Verdict.POLICY_SHIFT else (),
                           denied_shift=grade == "full_flop" and rng.random() < 0.3, rule="synthetic"))
    return out


@dataclass(frozen=True)
class ReportSize:
    """What :func:`measure` found: findings, page bytes, render seconds, browser load ms (None without a browser)."""

    findings: int
    statements: int
    bytes: int
    seconds_render: float
    load_ms: float | None
    browser_seconds: float | None

    def __str__(self) -> str:
        load = (f"loads in {self.load_ms:.0f} ms in headless Chromium ({self.browser_seconds:.1f} s with browser "
                "start-up)" if self.load_ms is not None else "no Chromium found: load time not measured")
        return (f"{self.findings} findings over {self.statements} statements: {self.bytes / 1e6:.2f} MB, rendered "
                f"in {self.seconds_render:.2f} s; {load}")


def measure(n: int = 2000, *, statements: int = 250, out: str | Path | None = None) -> ReportSize:
    """Render the page for ``n`` synthetic findings, write it (to ``out`` or a temporary file) and time its load."""
    from contradict.view import Findings

    findings = Findings(synthetic_findings(n, statements=statements))
    t0 = time.perf_counter()
    page = findings.to_html(title=f"contradict: {n} synthetic findings", provenance={"data": "synthetic"})
    seconds = time.perf_counter() - t0
    with tempfile.TemporaryDirectory(prefix="contradict-report-") as folder:
        path = Path(out) if out is not None else Path(folder) / "report.html"
        path.write_text(page, encoding="utf-8")
        size = path.stat().st_size
        load, wall = load_time_ms(path) if chromium() else (None, None)
    return ReportSize(n, statements, size, seconds, load, wall)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="number of findings (default 2000)")
    parser.add_argument("--statements", type=int, default=250, help="number of statements (default 250)")
    parser.add_argument("--out", help="keep the page here")
    args = parser.parse_args(argv)
    print(measure(args.n, statements=args.statements, out=args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
