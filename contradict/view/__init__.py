"""Views of findings for the people who check claims: the self-contained HTML page (summary, per-actor
timelines, one card per finding, filters), the notebook display (``Findings``) and the terminal lines.

Named ``view`` rather than ``report`` because ``contradict.evaluation.report`` already is the benchmark report;
what flows in is findings, what comes out is something to look at.

* :mod:`.html`: renders the JSON form of findings (``Finding.to_dict()``); imports nothing else from the package,
  so ``Finding._repr_html_`` can use it;
* :mod:`.findings`: :class:`Findings`, the list ``Detector.find`` returns;
* :mod:`.terminal`: one-line statement forms for the CLI.

Example:
    >>> from contradict.view import Findings
    >>> Findings().to_html().startswith("<!DOCTYPE html>")
    True
"""

from __future__ import annotations

from .findings import Findings
from .html import anchor, card_html, page_html, table_html, timeline_svg
from .terminal import finding_lines, shorten

__all__ = ["Findings", "anchor", "card_html", "finding_lines", "page_html", "shorten", "table_html",
           "timeline_svg"]
