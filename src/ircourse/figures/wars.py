"""Charts of the chapter "War across 5,500 years"."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import fmt
from ..conflicts import SERIES, series_key
from ..i18n import t
from ..theme import series_color
from ..years import period_label, year_label, year_ticks
from .common import describe, frame, header, wrap, year_axis_title

_DASH = {"battle": "dot", "war": "solid", "conflict": "dash"}


def series_name(key: str) -> str:
    """Return the legend name of a series key such as ``"HCED|war"``."""
    return t(f"wars.series.{key}")


def war_frequency(counts: pd.DataFrame, width: int = 100, first: int = -2600, last: int = 2023,
                  log_y: bool = False, visible: list[str] | None = None,
                  source: str = "Wikipedia; HCED; Brecke; COW v4; UCDP/PRIO v24.1") -> go.Figure:
    """Line chart of how many wars, battles or conflicts each source records starting per period.

    Parameters
    ----------
    counts : DataFrame
        Output of :func:`ircourse.conflicts.count_started` (``series``, ``period``, ``count``).
    width : int
        The period length the counts were made with (1, 10 or 100), for the labels.
    first, last : int
        The year window shown on the x axis.
    log_y : bool
        Use a logarithmic y axis (makes small early counts visible next to large recent ones).
    visible : list of str, optional
        Series keys (``"source|unit"``) to show; the others stay in the legend, hidden.
    source : str
        Source line text.

    Returns
    -------
    go.Figure
        One trace per series of :data:`ircourse.conflicts.SERIES`, always in the same order, so that an
        interactive explorer can update the traces in place. Battles are dotted, wars solid, conflicts
        dashed; colours are the series' fixed colours (:func:`ircourse.theme.series_color`).
    """
    fig = go.Figure()
    for src, unit in SERIES:
        key = series_key(src, unit)
        part = counts[counts["series"] == key]
        fig.add_trace(
            go.Scatter(
                x=part["period"].tolist(),
                y=part["count"].tolist(),
                customdata=[period_label(p, width) for p in part["period"]],
                name=series_name(key),
                mode="lines",
                line=dict(color=series_color(key), dash=_DASH[unit], width=2.5, shape="hvh" if width > 1 else "linear"),
                hovertemplate=t("wars.hover") + f"<extra>{series_name(key)}</extra>",
                visible=True if visible is None or key in visible else "legendonly",
                meta=key,
            )
        )
    fig.update_layout(
        xaxis=frequency_xaxis(first, last),
        yaxis=dict(title=frequency_yaxis_title(width), type="log" if log_y else "linear",
                   rangemode="tozero", dtick=1 if log_y else None),
        hovermode="closest",
    )
    frame(fig, frequency_title(width, first, last), source, height=FREQUENCY_HEIGHT)
    return describe_frequency(fig, counts, width, first, last, visible)


def describe_frequency(fig: go.Figure, counts: pd.DataFrame, width: int, first: int, last: int,
                       visible: list[str] | None = None) -> go.Figure:
    """Attach the text alternative and table of :func:`war_frequency` (the explorer calls it too).

    Parameters
    ----------
    fig : go.Figure
        The chart.
    counts : DataFrame
        ``series``, ``period``, ``count``, as :func:`ircourse.conflicts.count_started` returns them.
    width, first, last : int
        Period length and year window of the counts.
    visible : list of str, optional
        The series shown (default all); the others are left out of the summary and the table.
    """
    keys = [series_key(*s) for s in SERIES]
    shown = [k for k in keys if visible is None or k in visible]
    part = counts[counts["series"].isin(shown) & (counts["count"] > 0)]
    if part.empty:
        return describe(fig, t("summary.wars.none"))
    peak = part.loc[part["count"].idxmax()]
    summary = t("summary.wars", n=fmt.number(len(shown)), total=fmt.number(int(part["count"].sum())),
                first=year_label(first), last=year_label(last), width_label=t(f"wars.width_label.{width}"),
                peak=fmt.number(int(peak["count"])), series=series_name(peak["series"]),
                period=period_label(int(peak["period"]), width))
    table = counts[counts["series"].isin(shown)][["series", "period", "count"]]
    return describe(fig, summary, table)


#: Height of the war frequency chart.
FREQUENCY_HEIGHT = 600
#: At most this many year ticks: "2500 BCE" labels must not touch at about 640 px.
FREQUENCY_TICKS = 7


def frequency_title(width: int, first: int, last: int) -> str:
    """Return the title (and subtitle) of the war frequency chart."""
    return t("wars.title", width_label=t(f"wars.width_label.{width}"), first=period_label(first, 1),
             last=period_label(last, 1))


def frequency_header(width: int, first: int, last: int) -> dict:
    """Return the header layout of the war frequency chart (see :func:`ircourse.figures.common.header`)."""
    return header(frequency_title(width, first, last), FREQUENCY_HEIGHT)


def frequency_xaxis(first: int, last: int) -> dict:
    """Return the x axis of the war frequency chart for the window ``first``..``last``."""
    tickvals, ticktext = year_ticks(first, last, FREQUENCY_TICKS)
    return dict(title=dict(text=year_axis_title(first, last)), range=[first, last], tickvals=tickvals,
                ticktext=ticktext)


def frequency_yaxis_title(width: int) -> str:
    """Return the y axis title of the war frequency chart, wrapped for its height."""
    return wrap(t("wars.yaxis", width_word=t(f"wars.width.{width}")), 40)


def peace_bars(peace: pd.DataFrame, source: str = "Wikipedia; HCED; Brecke; COW v4; UCDP/PRIO v24.1") -> go.Figure:
    """Horizontal bars: for each source, the share of its covered years with nothing ongoing.

    Parameters
    ----------
    peace : DataFrame
        Output of :func:`ircourse.conflicts.peace_years`.
    source : str
        Source line text.
    """
    names = [f"{wrap(series_name(k), PEACE_LABEL_CHARS)}<br><sub>{period_label(f, 1)} to {period_label(l, 1)}</sub>"
             for k, f, l in zip(peace["series"], peace["first"], peace["last"])]
    colors = [series_color(k) for k in peace["series"]]
    fig = go.Figure(
        go.Bar(
            x=peace["peace_share"].round(2).tolist(), y=names, orientation="h", marker_color=colors,
            customdata=peace[["peace_years", "years"]].to_numpy().tolist(),
            text=[f"{p:,} of {n:,} years" for p, n in zip(peace["peace_years"], peace["years"])],
            # Inside a long bar, beside a short one: "0 of 601 years" must show, it is the point.
            textposition=["inside" if share >= PEACE_INSIDE else "outside" for share in peace["peace_share"]],
            insidetextanchor="end", cliponaxis=False, hovertemplate=t("peace.hover") + "<extra></extra>",
        )
    )
    fig.update_layout(
        xaxis=dict(title=t("peace.xaxis"), range=[0, 100], ticksuffix="%"),
        yaxis=dict(autorange="reversed", title=None),
        showlegend=False, margin=dict(r=40),
    )
    frame(fig, t("peace.title"), source, height=560, legend=False, xtitle_chars=40)
    high, low = peace.loc[peace["peace_share"].idxmax()], peace.loc[peace["peace_share"].idxmin()]  # first of ties
    summary = t("summary.peace", high=fmt.percent(high["peace_share"] / 100),
                high_series=series_name(high["series"]),
                low=fmt.percent(low["peace_share"] / 100),
                zero=fmt.number(int((peace["peace_years"] == 0).sum())), n=fmt.number(len(peace)))
    table = peace[["series", "first", "last", "years", "peace_years"]]
    return describe(fig, summary, table)


#: Characters per line of a series name on the peace chart's y axis (the longest needs two lines).
PEACE_LABEL_CHARS = 28
#: A bar at least this long (% of years) holds its label; a shorter one has it beside.
PEACE_INSIDE = 40
