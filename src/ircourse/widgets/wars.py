"""The interactive explorer of the chapter "War across 5,500 years"."""

from __future__ import annotations

import ipywidgets as W
import numpy as np
import pandas as pd

from ..conflicts import SERIES, count_started, series_key
from ..figures.wars import (describe_frequency, frequency_header, frequency_xaxis, frequency_yaxis_title,
                            series_name, war_frequency)
from ..i18n import t
from ..years import period_label
from .access import explorer_box
from .figure import CourseFigure


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
    figure : CourseFigure
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
        self.figure = CourseFigure(war_frequency(count_started(events, width, first, last), width, first, last,
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
        # Sorted start years per series, and period labels per bin width, computed once: an update
        # then only slices and counts numpy arrays (the same arithmetic as ``count_started``).
        keys = events["source"] + "|" + events["unit"]
        self._starts = {key: np.sort(events.loc[keys == key, "start_year"].to_numpy(dtype=int))
                        for key in (series_key(*s) for s in SERIES)}
        self._labels: dict[int, tuple[int, np.ndarray]] = {}

    def _period_labels(self, width: int, periods: np.ndarray) -> np.ndarray:
        """Return the labels of ``periods`` (multiples of ``width``), from a table made once per width."""
        if width not in self._labels:
            lo = (int(self.events["start_year"].min()) // width) * width
            hi = (int(self.events["start_year"].max()) // width) * width
            table = np.array([period_label(p, width) for p in range(lo, hi + 1, width)], dtype=object)
            self._labels[width] = (lo, table)
        lo, table = self._labels[width]
        return table[(periods - lo) // width]

    def _counts(self, key: str, width: int, first: int, last: int) -> tuple[np.ndarray, np.ndarray]:
        """Return (periods, counts) of one series, as :func:`ircourse.conflicts.count_started` does."""
        starts = self._starts[key]
        years = starts[np.searchsorted(starts, first, "left"):np.searchsorted(starts, last, "right")]
        if not len(years):
            return np.array([], dtype=int), np.array([], dtype=int)
        found, n = np.unique(np.floor_divide(years, width) * width, return_counts=True)
        periods = np.arange(found[0], found[-1] + 1, width)
        counts = np.zeros(len(periods), dtype=int)
        counts[(found - found[0]) // width] = n
        return periods, counts

    def update(self, change: dict | None = None) -> None:
        """Recompute the counts for the current controls and update the traces in one batch."""
        width = self.controls["width"].value
        first, last = self.controls["years"].value
        chosen = set(self.controls["series"].value)
        shape = "hvh" if width > 1 else "linear"
        tables = []
        with self.figure.batch_update():
            for trace in self.figure.data:
                periods, counts = self._counts(trace.meta, width, first, last)
                tables.append(pd.DataFrame({"series": trace.meta, "period": periods, "count": counts}))
                trace.x = periods
                trace.y = counts
                trace.customdata = self._period_labels(width, periods)
                if trace.line.shape != shape:
                    trace.line.shape = shape
                trace.visible = True if trace.meta in chosen else "legendonly"
            self.figure.layout.xaxis.update(frequency_xaxis(first, last))
            log_y = self.controls["log"].value
            self.figure.layout.yaxis.update(type="log" if log_y else "linear", dtick=1 if log_y else None)
            self.figure.layout.yaxis.title.text = frequency_yaxis_title(width)
            self.figure.update_layout(frequency_header(width, first, last))
            describe_frequency(self.figure, pd.concat(tables, ignore_index=True), width, first, last, list(chosen))

    def widget(self) -> W.Widget:
        """Return the controls and the chart as one ipywidgets box, with the chart's summary under it."""
        c = self.controls
        return explorer_box([W.HBox([c["series"], W.VBox([c["width"], c["log"]])]), c["years"], self.figure],
                            self.figure)
