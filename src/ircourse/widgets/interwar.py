"""The interactive timeline of the chapter "The Versailles system and its collapse"."""

from __future__ import annotations

import ipywidgets as W
import pandas as pd

from ..figures.common import describe, mark_scrolling
from ..figures.interwar import (CATEGORIES, interwar_timeline, select_events, timeline_layout, timeline_summary,
                                timeline_table, timeline_traces)
from ..i18n import t
from .access import explorer_box
from .figure import CourseFigure


class InterwarExplorer:
    """Timeline of the interwar order with a category filter and a year-range slider.

    Parameters
    ----------
    events : DataFrame
        The ``interwar_events`` dataset.
    categories : sequence of str, optional
        Categories shown first (default: all of :data:`~ircourse.figures.interwar.CATEGORIES`).
    first, last : int, optional
        Initial year window (default: the whole dataset, 1919-1939).

    Attributes
    ----------
    figure : CourseFigure
        The chart, built once; the controls update its traces, y axis and height in place.
    controls : dict of str to ipywidgets.Widget
        ``categories`` (SelectMultiple), ``years`` (IntRangeSlider) and ``article`` (Checkbox).

    Examples
    --------
    >>> explorer = InterwarExplorer(irc.load("interwar_events"))   # doctest: +SKIP
    >>> explorer.widget()                                            # doctest: +SKIP
    """

    def __init__(self, events: pd.DataFrame, categories: list[str] | tuple[str, ...] | None = None,
                 first: int | None = None, last: int | None = None) -> None:
        self.events = events
        lo, hi = int(events["year"].min()), int(events["year"].max())
        first = lo if first is None else int(first)
        last = hi if last is None else int(last)
        categories = list(CATEGORIES if categories is None else categories)
        self.figure = CourseFigure(interwar_timeline(events, categories, first, last))
        self.controls = {
            "categories": W.SelectMultiple(
                options=[(t(f"interwar.category.{c}"), c) for c in CATEGORIES], value=categories,
                rows=len(CATEGORIES), description=t("interwar.controls.categories"),
                style={"description_width": "initial"}, layout=W.Layout(width="330px"),
            ),
            "years": W.IntRangeSlider(value=(first, last), min=lo, max=hi, step=1,
                                      description=t("interwar.controls.years"), continuous_update=False,
                                      layout=W.Layout(width="520px")),
            "article": W.Checkbox(value=True, description=t("interwar.controls.article"),
                                  layout=W.Layout(width="420px")),
        }
        for control in self.controls.values():
            control.observe(self.update, names="value")

    def update(self, change: dict | None = None) -> None:
        """Filter the events for the current controls and update the traces and axes in one batch."""
        first, last = self.controls["years"].value
        chosen = select_events(self.events, self.controls["categories"].value, first, last)
        data = timeline_traces(chosen)
        lay = timeline_layout(chosen, first, last)
        with self.figure.batch_update():
            for trace in self.figure.data:
                d = data[trace.meta]
                trace.x, trace.y = d["x"], d["y"]
                if "customdata" in d:
                    trace.customdata = d["customdata"]
                if "symbol" in d:
                    trace.marker.symbol = d["symbol"]
                if trace.meta == "article":
                    trace.visible = True if self.controls["article"].value else "legendonly"
            self.figure.layout.xaxis.range = lay["xaxis"]["range"]
            self.figure.layout.yaxis.categoryarray = lay["yaxis"]["categoryarray"]
            self.figure.layout.yaxis.range = lay["yaxis"]["range"]
            self.figure.update_layout(height=lay["height"], **lay["header"])
            mark_scrolling(self.figure, lay["scroll"])
            describe(self.figure, timeline_summary(chosen, first, last), timeline_table(chosen))

    def widget(self) -> W.Widget:
        """Return the controls and the chart as one ipywidgets box, with the chart's summary under it."""
        c = self.controls
        return explorer_box([W.HBox([c["categories"], W.VBox([c["years"], c["article"]])]), self.figure],
                            self.figure)
