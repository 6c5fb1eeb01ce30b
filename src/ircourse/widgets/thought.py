"""The interactive timeline of the chapter "Why international relations exist"."""

from __future__ import annotations

import ipywidgets as W
import pandas as pd

from ..figures.common import describe, mark_scrolling
from ..figures.thought import (ERAS, KINDS, ir_timeline, timeline_axes, timeline_rows, timeline_summary,
                               timeline_table, window)
from ..i18n import t
from .access import explorer_box
from .figure import CourseFigure


class ThoughtTimelineExplorer:
    """Timeline of IR thought and of the state system, with a kind filter and an era toggle.

    Parameters
    ----------
    df : DataFrame
        The ``ir_thought_timeline`` dataset.
    era : str
        Initial era, a key of :data:`ircourse.figures.thought.ERAS`: ``"all"``, ``"antiquity"``,
        ``"1600"`` or ``"1900"``.
    kinds : list of str, optional
        Kinds of milestone shown first (default all).

    Attributes
    ----------
    figure : CourseFigure
        The chart, built once by :func:`~ircourse.figures.thought.ir_timeline`; a control change
        updates its traces and axes in place.
    controls : dict of str to ipywidgets.Widget
        ``era`` (ToggleButtons) and ``kinds`` (SelectMultiple).

    Examples
    --------
    >>> explorer = ThoughtTimelineExplorer(irc.load("ir_thought_timeline"))  # doctest: +SKIP
    >>> explorer.widget()                                                     # doctest: +SKIP
    """

    def __init__(self, df: pd.DataFrame, era: str = "all", kinds: list[str] | None = None) -> None:
        self.df = df
        kinds = list(KINDS) if kinds is None else list(kinds)
        first, last = ERAS[era]
        self.figure = CourseFigure(ir_timeline(df, kinds, first, last))
        self.controls = {
            "era": W.ToggleButtons(options=[(t(f"thought.era.{key}"), key) for key in ERAS], value=era,
                                   description=t("thought.controls.era")),
            "kinds": W.SelectMultiple(options=[(t(f"thought.kind.{k}"), k) for k in KINDS], value=kinds,
                                      rows=len(KINDS), description=t("thought.controls.kinds"),
                                      layout=W.Layout(width="360px")),
        }
        for control in self.controls.values():
            control.observe(self.update, names="value")

    def update(self, change: dict | None = None) -> None:
        """Select the milestones for the current controls and update the traces and axes in one batch."""
        first, last = window(self.df, *ERAS[self.controls["era"].value])
        rows = timeline_rows(self.df, list(self.controls["kinds"].value), first, last)
        axes = timeline_axes(rows, first, last)
        with self.figure.batch_update():
            for trace in self.figure.data:
                if trace.meta not in KINDS:  # a legend key
                    continue
                part = rows[rows["kind"] == trace.meta]
                trace.x = part["year"].tolist()
                trace.y = part["row"].tolist()
                trace.text = part["text"].tolist()
                trace.customdata = part["hover"].tolist()
                trace.textposition = part["textposition"].tolist()
                trace.marker.symbol = part["symbol"].tolist()
            self.figure.layout.xaxis.update(axes["xaxis"])
            self.figure.layout.yaxis.update(axes["yaxis"])
            self.figure.update_layout(height=axes["height"], **axes["header"])
            self.figure.layout.margin.l = axes["margin_l"]
            mark_scrolling(self.figure, axes["scroll"])
            describe(self.figure, timeline_summary(rows, first, last), timeline_table(rows))

    def widget(self) -> W.Widget:
        """Return the controls and the chart as one ipywidgets box, with the chart's summary under it."""
        c = self.controls
        return explorer_box([c["era"], c["kinds"], self.figure], self.figure)
