"""The interactive explorer of the chapter "War across 5,500 years"."""

from __future__ import annotations

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go

from ..conflicts import SERIES, count_started, series_key
from ..figures.wars import series_name, war_frequency
from ..i18n import t
from ..years import period_label, year_ticks


class WarExplorer:
    """War and battle frequency across sources, with controls for source, bin width, years and scale.

    Parameters
    ----------
    events : DataFrame
        The ``wars_long_run`` dataset.
    width : int
        Initial bin width in years (1, 10 or 100).
    first, last : int
        Initial year window.
    log_y : bool
        Start with a logarithmic y axis.

    Attributes
    ----------
    figure : go.FigureWidget
        The chart; its traces are updated in place.
    controls : dict of str to ipywidgets.Widget
        ``series``, ``width``, ``years`` and ``log``.

    Examples
    --------
    >>> explorer = WarExplorer(irc.load("wars_long_run"))  # doctest: +SKIP
    >>> explorer.show()                                      # doctest: +SKIP
    """

    def __init__(self, events: pd.DataFrame, width: int = 100, first: int = -2600, last: int = 2023,
                 log_y: bool = True) -> None:
        self.events = events
        lo, hi = int(events["start_year"].min()), int(events["end_year"].max())
        self.figure = go.FigureWidget(war_frequency(count_started(events, width, first, last), width, first, last,
                                                    log_y))
        self.controls = {
            "series": W.SelectMultiple(
                options=[(series_name(series_key(*s)), series_key(*s)) for s in SERIES],
                value=[series_key(*s) for s in SERIES], rows=len(SERIES), description=t("controls.series"),
                layout=W.Layout(width="440px"),
            ),
            "width": W.ToggleButtons(
                options=[(t(f"wars.width.{w}"), w) for w in (1, 10, 100)], value=width,
                description=t("controls.width"),
            ),
            "years": W.IntRangeSlider(value=(first, last), min=lo, max=hi, step=50, description=t("controls.years"),
                                      continuous_update=False, layout=W.Layout(width="600px")),
            "log": W.Checkbox(value=log_y, description=t("controls.log")),
        }
        for control in self.controls.values():
            control.observe(self.update, names="value")

    def update(self, change: dict | None = None) -> None:
        """Recompute the counts for the current controls and update the traces in one batch."""
        width = self.controls["width"].value
        first, last = self.controls["years"].value
        chosen = set(self.controls["series"].value)
        counts = count_started(self.events, width, first, last)
        tickvals, ticktext = year_ticks(first, last)
        with self.figure.batch_update():
            for trace in self.figure.data:
                part = counts[counts["series"] == trace.meta]
                trace.x = part["period"].tolist()
                trace.y = part["count"].tolist()
                trace.customdata = [period_label(p, width) for p in part["period"]]
                trace.line.shape = "hvh" if width > 1 else "linear"
                trace.visible = True if trace.meta in chosen else "legendonly"
            self.figure.layout.xaxis.update(range=[first, last], tickvals=tickvals, ticktext=ticktext)
            log_y = self.controls["log"].value
            self.figure.layout.yaxis.update(type="log" if log_y else "linear", dtick=1 if log_y else None)
            self.figure.layout.yaxis.title.text = t("wars.yaxis", width_word=t(f"wars.width.{width}"))
            self.figure.layout.title.text = t("wars.title", width_label=t(f"wars.width_label.{width}"),
                                              first=period_label(first, 1), last=period_label(last, 1))

    def widget(self) -> W.Widget:
        """Return the controls and the chart as one ipywidgets box."""
        c = self.controls
        return W.VBox([W.HBox([c["series"], W.VBox([c["width"], c["log"]])]), c["years"], self.figure])
