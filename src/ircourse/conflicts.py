"""Counting wars, battles and conflicts over time, and the years with none, across sources.

These functions hold the arithmetic behind the chapter "War across 5,500 years"; the chapter shows
the same pandas steps on one source before using them for all.
"""

from __future__ import annotations

import pandas as pd

from .i18n import t
from .years import calendar_years, period_start, year_label, years_covered

#: Series of the long-run timeline in legend order: (source, unit), as in ``wars_long_run``.
SERIES = [
    ("Wikipedia battles", "battle"),
    ("HCED", "battle"),
    ("HCED", "war"),
    ("Brecke", "conflict"),
    ("COW", "war"),
    ("UCDP/PRIO", "conflict"),
]


def series_key(source: str, unit: str) -> str:
    """Return the key naming one series, ``"source|unit"`` (e.g. ``"HCED|war"``)."""
    return f"{source}|{unit}"


def count_started(events: pd.DataFrame, width: int = 100, first: int | None = None,
                  last: int | None = None) -> pd.DataFrame:
    """Count the events of each series that started in each period.

    Parameters
    ----------
    events : DataFrame
        Rows with ``source``, ``unit`` and ``start_year`` (the ``wars_long_run`` dataset).
    width : int
        Period length in years: 1, 10 or 100.
    first, last : int, optional
        Keep events that started in this window (inclusive).

    Returns
    -------
    DataFrame
        Columns ``series`` (``"source|unit"``), ``period`` (first year of the period) and ``count``;
        periods with no event are included with count 0, between each series' first and last event.
    """
    if width not in (1, 10, 100):
        raise ValueError(f"width must be 1, 10 or 100 years, not {width!r}")
    df = events
    if first is not None:
        df = df[df["start_year"] >= first]
    if last is not None:
        df = df[df["start_year"] <= last]
    df = df.assign(series=df["source"] + "|" + df["unit"],
                   period=period_start(df["start_year"].to_numpy(), width))
    counts = df.groupby(["series", "period"]).size().rename("count").reset_index()
    filled = []
    for series, group in counts.groupby("series", sort=False):
        periods = range(int(group["period"].min()), int(group["period"].max()) + 1, width)
        full = pd.DataFrame({"series": series, "period": list(periods)})
        filled.append(full.merge(group, on=["series", "period"], how="left").fillna({"count": 0}))
    if not filled:
        return pd.DataFrame({"series": [], "period": [], "count": []})
    out = pd.concat(filled, ignore_index=True)
    out["count"] = out["count"].astype(int)
    return out


class PeaceTable(pd.DataFrame):
    """The result of :func:`peace_years`: a DataFrame a notebook shows the way a reader reads it.

    The columns keep their values (``peace_share`` a float, ``series`` the ``"source|unit"`` key the
    chart functions use); only the display changes: each series by its name, the years as
    ``"1468 BCE"``, the share to one decimal. A selection or computation gives a plain DataFrame.
    """

    def _repr_html_(self) -> str | None:
        if not {"series", "first", "last", "peace_share"} <= set(self.columns):
            return pd.DataFrame(self)._repr_html_()
        shown = pd.DataFrame(self).assign(
            series=[t(f"wars.series.{key}") for key in self["series"]],
            first=[year_label(y) for y in self["first"]],
            last=[year_label(y) for y in self["last"]],
        )
        return shown.to_html(index=False, border=0, formatters={
            "peace_share": "{:.1f}".format, "years": "{:,}".format, "peace_years": "{:,}".format})


def peace_years(events: pd.DataFrame) -> pd.DataFrame:
    """Count, for each series, the years of its coverage in which no event was ongoing.

    A series covers the years from its earliest start to its latest end. A year is "at peace" for a
    source when none of its events spans it. There is no year 0.

    Returns
    -------
    PeaceTable
        A DataFrame with columns ``series``, ``first``, ``last``, ``years`` (calendar years covered),
        ``peace_years`` and ``peace_share`` (percent); a notebook shows it with the series' names.
    """
    rows = []
    for (source, unit), group in events.groupby(["source", "unit"], sort=False):
        first, last = int(group["start_year"].min()), int(group["end_year"].max())
        covered = years_covered(zip(group["start_year"], group["end_year"]), first, last)
        n_years = len(calendar_years(first, last))
        peace = int((~covered).sum())
        rows.append((series_key(source, unit), first, last, n_years, peace, 100 * peace / n_years))
    out = pd.DataFrame(rows, columns=["series", "first", "last", "years", "peace_years", "peace_share"])
    order = {series_key(*s): i for i, s in enumerate(SERIES)}
    return PeaceTable(out.sort_values("series", key=lambda s: s.map(order)).reset_index(drop=True))
