"""Charts of the chapter "The bipolar world and NATO"."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .. import fmt
from ..i18n import t
from ..theme import ACTOR_COLORS, SMALL_SIZE
from .common import describe, fit_rows, frame, mark_scrolling

#: A NATO step closer than this to the next one gets no count label (the labels would collide; the
#: hover still gives it).
MIN_LABEL_GAP = pd.Timedelta(days=2 * 365)


def alliance_growth(changes: pd.DataFrame, until: str = "2025-12-31", article_window: bool = True,
                    source: str = "NATO, 'NATO member countries'; Warsaw Treaty 1955; Mastny & Byrne (2005)",
                    ) -> go.Figure:
    """Step chart of NATO's and the Warsaw Pact's member counts, each change annotated.

    Parameters
    ----------
    changes : DataFrame
        The ``alliance_size`` dataset: ``alliance``, ``date`` (ISO), ``members``, ``event``.
    until : str
        ISO date where NATO's last step ends (a fixed date keeps the notebook deterministic).
    article_window : bool
        Shade the period in which NATO had 31 members, the count the article gives.
    source : str
        Source line text.

    Returns
    -------
    go.Figure
        One step trace per alliance (``line_shape="hv"``) with markers on the changes.
    """
    fig = go.Figure()
    for alliance, group in changes.groupby("alliance", sort=True):
        group = group.sort_values("date")
        x, y, text = group["date"].tolist(), group["members"].tolist(), group["event"].tolist()
        if alliance == "NATO":
            x, y, text = x + [until], y + [y[-1]], text + [t("alliances.until", date=until)]
        fig.add_trace(
            go.Scatter(
                x=x, y=y, customdata=text, name=t(f"alliances.name.{alliance}"), mode="lines+markers",
                line=dict(shape="hv", color=ACTOR_COLORS[alliance], width=3), marker=dict(size=7),
                cliponaxis=False,
                hovertemplate=t("alliances.hover") + "<extra>" + t(f"alliances.name.{alliance}") + "</extra>",
            )
        )
        if alliance == "NATO":
            dates = pd.to_datetime(group["date"])
            labelled = group[(dates.shift(-1) - dates).fillna(MIN_LABEL_GAP) >= MIN_LABEL_GAP]
        else:
            labelled = group.iloc[[0]]
        for _, row in labelled.iterrows():
            fig.add_annotation(x=row["date"], y=row["members"], text=f"<b>{row['members']}</b>", showarrow=False,
                               yshift=14, xshift=-2, font=dict(color=ACTOR_COLORS[alliance], size=14))
    if article_window:
        fig.add_vrect(x0="2023-04-04", x1="2024-03-07", fillcolor="#F0E442", opacity=0.5, line_width=0,
                      annotation_text=t("alliances.article_window"), annotation_position="bottom left",
                      annotation=dict(font_size=12, xanchor="right", yanchor="bottom"))
    nato = changes[changes["alliance"] == "NATO"]["members"]
    wp = changes[changes["alliance"] == "Warsaw Pact"]["members"]
    fig.update_layout(
        xaxis=dict(title=t("axis.date"), type="date", range=["1947-01-01", "2027-01-01"]),
        yaxis=dict(title=t("alliances.yaxis"), range=[0, 36], dtick=4),
    )
    frame(fig, t("alliances.title", nato_now=int(nato.max()), wp_max=int(wp.max())), source, height=540)
    table = changes.sort_values(["alliance", "date"])[["alliance", "date", "members", "event"]]
    return describe(fig, growth_summary(changes), table)


def growth_summary(changes: pd.DataFrame) -> str:
    """Return the text alternative of :func:`alliance_growth`: NATO's rounds and the Warsaw Pact's size.

    An enlargement round is a date on which NATO's member count rose; the largest is the first round
    with the largest rise.
    """
    nato = changes[changes["alliance"] == "NATO"].sort_values("date")
    rises = nato["members"].diff().iloc[1:]
    biggest = nato.loc[rises.idxmax()]
    wp = changes[changes["alliance"] == "Warsaw Pact"].sort_values("date")
    return t("summary.alliances.growth", first=fmt.number(int(nato["members"].iloc[0])),
             first_year=nato["date"].iloc[0][:4], last=fmt.number(int(nato["members"].iloc[-1])),
             last_year=nato["date"].iloc[-1][:4], rounds=fmt.number(int((rises > 0).sum())),
             big_year=biggest["date"][:4], added=fmt.number(int(rises.max())),
             wp_max=fmt.number(int(wp["members"].max())), wp_end=wp["date"].iloc[-1][:4])


def membership_timeline(nato: pd.DataFrame, warsaw: pd.DataFrame, first: int = 1949, last: int = 2025,
                        source: str = "NATO, 'NATO member countries'; Warsaw Treaty 1955; Mastny & Byrne (2005)",
                        ) -> go.Figure:
    """Heatmap: one row per member state of either alliance, one column per year, coloured by bloc.

    A compact, offline companion to the world map: it shows every enlargement round and every exit.

    Parameters
    ----------
    nato : DataFrame
        The ``nato_members`` dataset (``country``, ``accession_date``).
    warsaw : DataFrame
        The ``warsaw_pact_members`` dataset (``country``, ``joined_date``, ``left_date``).
    first, last : int
        Years shown; a state counts as a member in a year if it was one on 31 December.
    source : str
        Source line text.
    """
    years = list(range(first, last + 1))
    rows, z = [], []
    for _, m in warsaw.iterrows():
        rows.append(f"{m['country']} (WP)")
        z.append([2 if m["joined_date"] <= f"{y}-12-31" < m["left_date"] else 0 for y in years])
    for _, m in nato.sort_values(["accession_date", "country"], ascending=[False, True]).iterrows():
        rows.append(m["country"])
        z.append([1 if m["accession_date"] <= f"{y}-12-31" else 0 for y in years])
    status = np.array(z, dtype="float32")
    # One trace per status, its other cells empty (NaN): numbers only, which plotly stores as compact
    # typed arrays, and a fixed hover label per trace (no 3,000 label strings in the notebook).
    labels = {0: t("timeline.none"), 1: t("alliances.name.NATO"), 2: t("alliances.name.Warsaw Pact")}
    colors = {0: "#F2F2F2", 1: ACTOR_COLORS["NATO"], 2: ACTOR_COLORS["Warsaw Pact"]}
    fig = go.Figure([
        go.Heatmap(x=years, y=rows, z=np.where(status == value, value, np.nan).astype("float32"), name=labels[value],
                   colorscale=[[0, colors[value]], [1, colors[value]]], showscale=False, xgap=1, ygap=1,
                   hovertemplate=t("timeline.hover", status=labels[value]) + "<extra></extra>")
        for value in (0, 1, 2)
    ])
    fig.update_layout(
        xaxis=dict(title=t("timeline.xaxis"), dtick=10, showgrid=False),
        yaxis=dict(autorange="reversed", showgrid=False, tickfont=dict(size=SMALL_SIZE), dtick=1),
    )
    height, scroll = fit_rows(len(rows), TIMELINE_CHROME, 20, 14.5)
    frame(fig, t("timeline.title"), source, height=height, legend=False)
    mark_scrolling(fig, scroll)
    table = pd.concat([
        pd.DataFrame({"alliance": "Warsaw Pact", "country": warsaw["country"], "joined": warsaw["joined_date"],
                      "left": warsaw["left_date"]}),
        pd.DataFrame({"alliance": "NATO", "country": nato["country"], "joined": nato["accession_date"],
                      "left": None}),
    ], ignore_index=True)
    return describe(fig, timeline_summary(nato, warsaw), table)


def timeline_summary(nato: pd.DataFrame, warsaw: pd.DataFrame) -> str:
    """Return the text alternative of :func:`membership_timeline`: how many states, from when to when."""
    joined = nato["accession_date"].sort_values()
    first_year = joined.iloc[0][:4]
    return t("summary.alliances.timeline", nato=fmt.number(len(nato)), nato_first=first_year,
             nato_last=joined.iloc[-1][:4], founders=fmt.number(int((joined == joined.iloc[0]).sum())),
             wp=fmt.number(len(warsaw)), wp_first=warsaw["joined_date"].min()[:4],
             wp_last=warsaw["left_date"].max()[:4])


def bloc_map_summary(blocs: pd.DataFrame, year: int) -> str:
    """Return the text alternative of the bloc map (:func:`ircourse.maps.bloc_map_figure`) for ``year``.

    The map colours today's countries and territories: the counts are of those, not of the member
    states of the time (the USSR is fifteen of today's countries).
    """
    rows = blocs[blocs["year"] == year]
    count = rows.groupby("bloc")["iso3"].nunique()
    text = t("summary.map", year=year, nato=fmt.number(int(count.get("NATO", 0))),
             wp=fmt.number(int(count.get("Warsaw Pact", 0))))
    if count.get("Divided Germany", 0):
        text += " " + t("summary.map.divided")
    return text


#: Pixels of the membership heat map that are not rows: title, axis, source line.
TIMELINE_CHROME = 175
