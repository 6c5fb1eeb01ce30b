"""Charts of polarity: how material capabilities were shared among the great powers (COW CINC)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import fmt
from ..i18n import get_language, t
from ..locale import UnknownCountry, country_name
from ..theme import ACTOR_COLORS, OKABE_ITO, stacked_area_style
from .common import describe, frame, year_axis_title

SOURCE = "COW National Material Capabilities v6.0 (Singer, Bremer & Stuckey 1972); COW major powers 2016"


def _mark_periods(fig: go.Figure, shade: bool = True) -> None:
    """Mark the bipolar era 1945-1991: shaded behind lines, or two lines over stacked areas (which hide a shade)."""
    note = dict(annotation_text=t("power.period.bipolar"), annotation_position="top left",
                annotation=dict(font_size=12, bgcolor="rgba(255,255,255,0.85)"))
    if shade:
        fig.add_vrect(x0=1945, x1=1991, fillcolor="#DDDDDD", opacity=0.45, line_width=0, layer="below", **note)
    else:
        fig.add_vline(x=1945, line=dict(color="#222222", dash="dot", width=1.5), **note)
    fig.add_vline(x=1991, line=dict(color="#222222" if not shade else "#777777", dash="dot",
                                    width=1.5 if not shade else 1))


def power_shares(cinc: pd.DataFrame, source: str = SOURCE) -> go.Figure:
    """Stacked areas: each major power's share of the majors' combined CINC, year by year.

    Parameters
    ----------
    cinc : DataFrame
        The ``cinc_major_powers`` dataset (``year``, ``name``, ``cinc_share_of_majors``).
    source : str
        Source line text.

    Returns
    -------
    go.Figure
        One stacked area trace per power (fixed colours), summing to 100% each year; the bipolar era
        1945-1991 is shaded.
    """
    fig = go.Figure()
    order = cinc.groupby("name")["year"].min().sort_values(kind="stable").index
    for name in order:
        part = cinc[cinc["name"] == name].sort_values("year")
        fig.add_trace(go.Scatter(
            x=part["year"].tolist(), y=(100 * part["cinc_share_of_majors"]).round(2).tolist(), name=name,
            mode="lines", stackgroup="majors", **stacked_area_style(ACTOR_COLORS.get(name, OKABE_ITO["grey"])),
            hovertemplate=t("power.hover"),
        ))
    _mark_periods(fig, shade=False)
    fig.update_layout(
        xaxis=dict(title=year_axis_title(1816, 2016), range=[1816, 2016]),
        yaxis=dict(title=t("power.shares.yaxis"), range=[0, 100], ticksuffix="%"),
        legend=dict(traceorder="normal"), hovermode="x unified",
    )
    frame(fig, t("power.shares.title"), source, height=560)
    table = cinc.sort_values(["year", "name"])[["year", "name", "cinc_share_of_majors"]]
    return describe(fig, shares_summary(cinc), table)


def power_name(name: str) -> str:
    """Return a power's name in the session language (CLDR; the dataset's English name if unknown)."""
    if get_language() == "en":
        return name
    try:
        return country_name(name)
    except UnknownCountry:
        return name


def shares_summary(cinc: pd.DataFrame) -> str:
    """Return the text alternative of :func:`power_shares`: the leader at each end, the superpowers' share."""
    years = cinc["year"]
    first, last = cinc[years == years.min()], cinc[years == years.max()]
    top_first = first.loc[first["cinc_share_of_majors"].idxmax()]
    top_last = last.loc[last["cinc_share_of_majors"].idxmax()]
    bipolar = cinc[years.between(1945, 1991) & cinc["name"].isin(["United States", "Russia/USSR"])]
    pair = bipolar.groupby("year")["cinc_share_of_majors"].sum()
    return t("summary.power.shares", first=int(years.min()), last=int(years.max()),
             top_first=power_name(top_first["name"]), share_first=fmt.percent(top_first["cinc_share_of_majors"]),
             top_last=power_name(top_last["name"]), share_last=fmt.percent(top_last["cinc_share_of_majors"]),
             low=fmt.percent(pair.min()), high=fmt.percent(pair.max()))


def power_concentration(concentration: pd.DataFrame, source: str = SOURCE) -> go.Figure:
    """Lines: the strongest power's share, the two strongest together, and the HHI among the majors.

    Parameters
    ----------
    concentration : DataFrame
        The ``power_concentration`` dataset (``year``, ``top_share``, ``top2_share``, ``hhi_majors``).
    source : str
        Source line text.
    """
    c = concentration.sort_values("year")
    fig = go.Figure()
    for column, key, color, dash in (
        ("top2_share", "power.conc.top2", OKABE_ITO["bluish_green"], "solid"),
        ("top_share", "power.conc.top1", OKABE_ITO["blue"], "solid"),
        ("hhi_majors", "power.conc.hhi", OKABE_ITO["black"], "dot"),
    ):
        fig.add_trace(go.Scatter(x=c["year"].tolist(), y=(100 * c[column]).round(2).tolist(), name=t(key),
                                 mode="lines", line=dict(color=color, dash=dash, width=2.5),
                                 hovertemplate="%{x}: %{y:.1f}<extra>" + t(key) + "</extra>"))
    _mark_periods(fig)
    fig.update_layout(
        xaxis=dict(title=year_axis_title(1816, 2016), range=[1816, 2016]),
        yaxis=dict(title=t("power.conc.yaxis"), range=[0, 100]),
    )
    frame(fig, t("power.conc.title"), source, height=520)
    table = c[["year", "top_power", "top_share", "top2_share", "hhi_majors"]].round(4)
    return describe(fig, concentration_summary(concentration), table)


def concentration_summary(concentration: pd.DataFrame) -> str:
    """Return the text alternative of :func:`power_concentration`: the strongest power's extreme shares."""
    c = concentration.sort_values("year")
    most, least, last = c.loc[c["top_share"].idxmax()], c.loc[c["top_share"].idxmin()], c.iloc[-1]
    return t("summary.power.conc", max_year=int(most["year"]), max_power=power_name(most["top_power"]),
             max_share=fmt.percent(most["top_share"]), min_year=int(least["year"]),
             min_power=power_name(least["top_power"]), min_share=fmt.percent(least["top_share"]),
             last=int(last["year"]), last_share=fmt.percent(last["top_share"]))
