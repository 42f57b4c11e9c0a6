"""``Findings``: the list :meth:`Detector.find <contradict.detector.Detector.find>` returns, with views.

A ``list`` subclass, so every caller that indexes, slices, sorts or compares it with ``[]`` keeps working;
in a notebook it displays as a table (``_repr_html_``), and it turns into a DataFrame (``to_pandas``) or the
fact-checker's page (``to_html``).

Example:
    >>> Findings([]) == []
    True
    >>> "<table" in Findings([])._repr_html_()
    True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..records import Finding
from . import html

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Findings"]


class Findings(list[Finding]):
    """A list of :class:`~contradict.records.Finding` that knows how to show itself.

    Example:
        >>> Findings().to_pandas().shape[0]
        0
    """

    def _repr_html_(self) -> str:
        """A table of the findings, most important first (at most 60 rows)."""
        return html.table_html([f.to_dict() for f in self])

    def to_pandas(self) -> pd.DataFrame:
        """The findings as a DataFrame with the CSV columns (:data:`contradict.io.FINDING_COLUMNS`).

        Example:
            >>> list(Findings().to_pandas().columns[:2])
            ['a_id', 'a_text']
        """
        from ..io import findings_to_dataframe

        return findings_to_dataframe(self)

    def to_html(self, *, title: str = "contradict: findings", provenance: Mapping[str, Any] | None = None) -> str:
        """The self-contained fact-checker's page (what ``contradict report --html`` writes) as a string.

        Args:
            title: the page title.
            provenance: what the findings came from (e.g. ``{"model": ..., "config": ...}``), shown in the summary.

        Example:
            >>> Findings().to_html().startswith("<!DOCTYPE html>")
            True
        """
        return html.page_html([f.to_dict() for f in self], title=title, provenance=provenance)
