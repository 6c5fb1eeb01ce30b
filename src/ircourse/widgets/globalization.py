"""The interactive charts of the chapter "Globalization": Chinese lending by region, Gapminder bubbles."""

from __future__ import annotations

import ipywidgets as W
import pandas as pd

from ..figures.common import describe
from ..figures.globalization import (AMOUNTS, LENDING_REGIONS, bubble_data, bubbles_header, bubbles_summary,
                                     bubbles_table, chinese_lending_by_region, gapminder_bubbles, lending_by_region,
                                     lending_header, lending_summary, lending_table)
from ..i18n import t
from .access import explorer_box
from .figure import CourseFigure


class LendingExplorer:
    """Chinese official finance by recipient region and year, with a region selector and a flow-type toggle.

    Parameters
    ----------
    lending : DataFrame
        The ``chinese_lending`` dataset.
    amount : str
        Initial flow type, one of :data:`ircourse.figures.globalization.AMOUNTS`.
    regions : list of str, optional
        Regions shown first (default all).

    Attributes
    ----------
    figure : CourseFigure
        The stacked bar chart, built once; a control change updates the bars in place.
    controls : dict of str to ipywidgets.Widget
        ``amount`` (ToggleButtons) and ``regions`` (SelectMultiple).

    Examples
    --------
    >>> explorer = LendingExplorer(irc.load("chinese_lending"))  # doctest: +SKIP
    >>> explorer.widget()                                         # doctest: +SKIP
    """

    def __init__(self, lending: pd.DataFrame, amount: str = "total_adj_usd_m",
                 regions: list[str] | None = None) -> None:
        self.lending = lending
        regions = list(LENDING_REGIONS) if regions is None else list(regions)
        self.figure = CourseFigure(chinese_lending_by_region(lending, amount, regions))
        self.controls = {
            "amount": W.ToggleButtons(options=[(t(f"globalization.amount_short.{a}"), a) for a in AMOUNTS],
                                      value=amount, description=t("globalization.controls.amount"),
                                      tooltips=[t(f"globalization.amount.{a}") for a in AMOUNTS]),
            "regions": W.SelectMultiple(options=[(t(f"globalization.region.{r}"), r)
                                                 for r in LENDING_REGIONS],
                                        value=regions, rows=len(LENDING_REGIONS),
                                        description=t("globalization.controls.regions"),
                                        layout=W.Layout(width="380px")),
        }
        for control in self.controls.values():
            control.observe(self.update, names="value")

    def update(self, change: dict | None = None) -> None:
        """Recompute the yearly sums for the chosen flow type and update the bars in one batch."""
        amount = self.controls["amount"].value
        chosen = set(self.controls["regions"].value)
        table = lending_by_region(self.lending, amount)
        total = float(table[[r for r in LENDING_REGIONS if r in chosen]].to_numpy().sum())
        with self.figure.batch_update():
            for trace in self.figure.data:
                trace.y = table[trace.meta].round(3).tolist()
                trace.visible = True if trace.meta in chosen else "legendonly"
            self.figure.update_layout(lending_header(amount, total))
            describe(self.figure, lending_summary(table, amount, chosen), lending_table(table, chosen))

    def widget(self) -> W.Widget:
        """Return the controls and the chart as one ipywidgets box, with the chart's summary under it."""
        c = self.controls
        return explorer_box([W.HBox([c["regions"], c["amount"]]), self.figure], self.figure)


class GapminderExplorer:
    """Income against life expectancy, one bubble per country, with a year slider (1952-2007, every 5 years).

    Parameters
    ----------
    gap : DataFrame
        Gapminder data (``plotly.express.data.gapminder()``).
    year : int
        The year shown first.

    Attributes
    ----------
    figure : CourseFigure
        The bubble chart, built once; moving the slider moves the bubbles in place.
    slider : ipywidgets.IntSlider
        The year control.
    """

    def __init__(self, gap: pd.DataFrame, year: int = 1952) -> None:
        self.gap = gap
        years = sorted(int(y) for y in gap["year"].unique())
        self.figure = CourseFigure(gapminder_bubbles(gap, year))
        self.slider = W.IntSlider(value=year, min=years[0], max=years[-1], step=years[1] - years[0],
                                  description=t("globalization.controls.year"), continuous_update=False,
                                  layout=W.Layout(width="600px"))
        self.slider.observe(self.update, names="value")

    def update(self, change: dict | None = None) -> None:
        """Move the bubbles to the slider's year in one batch."""
        year = self.slider.value
        with self.figure.batch_update():
            for trace in self.figure.data:
                d = bubble_data(self.gap, year, trace.meta)
                trace.x, trace.y, trace.text, trace.customdata = d["x"], d["y"], d["text"], d["customdata"]
                trace.marker.size = d["size"]
            for annotation in self.figure.layout.annotations:
                if annotation.name == "year":
                    annotation.text = str(year)
            self.figure.update_layout(bubbles_header(year))
            describe(self.figure, bubbles_summary(self.gap, year), bubbles_table(self.gap, year))

    def widget(self) -> W.Widget:
        """Return the slider and the chart as one box, with the chart's summary under it."""
        return explorer_box([self.slider, self.figure], self.figure)
