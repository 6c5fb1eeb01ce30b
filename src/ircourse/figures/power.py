"""Charts of polarity: how material capabilities were shared among the great powers (COW CINC)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import t
from ..theme import ACTOR_COLORS, OKABE_ITO
from .common import add_source

SOURCE = "COW National Material Capabilities v6.0 (Singer, Bremer & Stuckey 1972); COW major powers 2016"


def _mark_periods(fig: go.Figure) -> None:
    fig.add_vrect(x0=1945, x1=1991, fillcolor="#DDDDDD", opacity=0.45, line_width=0, layer="below",
                  annotation_text=t("power.period.bipolar"), annotation_position="top left",
                  annotation=dict(font_size=12))
    fig.add_vline(x=1991, line=dict(color="#777777", dash="dot", width=1))


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
            mode="lines", stackgroup="majors", line=dict(width=0.5, color=ACTOR_COLORS.get(name, OKABE_ITO["grey"])),
            hovertemplate=t("power.hover"),
        ))
    _mark_periods(fig)
    fig.update_layout(
        title=t("power.shares.title"), height=540,
        xaxis=dict(title=t("axis.year"), range=[1816, 2016]),
        yaxis=dict(title=t("power.shares.yaxis"), range=[0, 100], ticksuffix="%"),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0), hovermode="x unified",
    )
    return add_source(fig, source)


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
        title=t("power.conc.title"), height=500,
        xaxis=dict(title=t("axis.year"), range=[1816, 2016]),
        yaxis=dict(title=t("power.conc.yaxis"), range=[0, 100]),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0),
    )
    return add_source(fig, source)
