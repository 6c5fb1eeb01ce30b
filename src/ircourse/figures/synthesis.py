"""Charts of the chapter "Synthesis: interests, power and cooperation".

* :func:`nuclear_stockpiles`: estimated nuclear warheads by country since 1945 (stacked areas);
* :func:`cumulative_payoffs`: an iterated prisoner's dilemma match, running totals and every move;
* :func:`update_payoff_figure`: the in-place update the interactive explorer uses.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import fmt
from ..cooperation import COOPERATE, STANDARD_PAYOFFS, Payoffs
from ..i18n import t
from ..theme import ACTOR_COLORS, OKABE_ITO, stacked_area_style
from .common import describe, frame, header, year_axis_title

NUCLEAR_SOURCE = ("Federation of American Scientists (Kristensen, Korda, Reynolds & Norris 2023), "
                  "via Our World in Data")
GAME_SOURCE = "simulation with ircourse.cooperation; strategies and payoffs after Axelrod (1984)"

_NUCLEAR_COLORS = {
    "United States": ACTOR_COLORS["United States"],
    "Russia": ACTOR_COLORS["Russia/USSR"],
    "United Kingdom": ACTOR_COLORS["United Kingdom"],
    "France": ACTOR_COLORS["France"],
    "China": ACTOR_COLORS["China"],
    "India": OKABE_ITO["orange"],
    "Pakistan": OKABE_ITO["bluish_green"],
    "Israel": OKABE_ITO["grey"],
    "North Korea": OKABE_ITO["black"],
    "South Africa": "#BBBBBB",
}
#: Colours of the two players and of the moves.
PLAYER_COLORS = {"a": OKABE_ITO["blue"], "b": OKABE_ITO["orange"]}
MOVE_COLORS = {"C": OKABE_ITO["bluish_green"], "D": OKABE_ITO["reddish_purple"]}


def nuclear_stockpiles(stockpiles: pd.DataFrame, source: str = NUCLEAR_SOURCE) -> go.Figure:
    """Stacked areas: estimated nuclear warheads of each country, 1945 to the last year of the data.

    Parameters
    ----------
    stockpiles : DataFrame
        The ``nuclear_stockpiles`` dataset (``country``, ``year``, ``warheads``).
    source : str
        Source line text.

    Returns
    -------
    go.Figure
        One stacked area per country (largest stockpile at the bottom), a unified hover per year, and
        the peak and last world totals annotated.
    """
    order = stockpiles.groupby("country")["warheads"].max().sort_values(ascending=False, kind="stable").index
    fig = go.Figure()
    for country in order:
        part = stockpiles[stockpiles["country"] == country].sort_values("year")
        name = t(f"syn.nuclear.country.{country}") if country == "Russia" else country
        fig.add_trace(go.Scatter(
            x=part["year"].tolist(), y=part["warheads"].astype(int).tolist(), name=name, mode="lines",
            stackgroup="warheads", **stacked_area_style(_NUCLEAR_COLORS.get(country, OKABE_ITO["grey"])),
            hovertemplate="%{y:,}<extra>" + name + "</extra>",
        ))
    total = stockpiles.groupby("year")["warheads"].sum()
    peak_year, last_year = int(total.idxmax()), int(total.index.max())
    for year, key in ((peak_year, "syn.nuclear.peak"), (last_year, "syn.nuclear.last")):
        fig.add_annotation(x=year, y=int(total[year]), text=t(key, year=year, total=int(total[year])),
                           showarrow=True, arrowhead=2, ax=0 if key.endswith("peak") else -40, ay=-40,
                           font=dict(size=13), bgcolor="rgba(255,255,255,0.85)")
    first = int(total.index.min())
    fig.update_layout(
        xaxis=dict(title=year_axis_title(first, last_year), range=[first, last_year + 1]),
        # Room above the tallest stack for the peak's note.
        yaxis=dict(title=t("syn.nuclear.yaxis"), range=[0, 1.22 * float(total.max())], tickformat=","),
        legend=dict(traceorder="normal"), hovermode="x unified", margin=dict(l=95),
    )
    frame(fig, t("syn.nuclear.title", first=first, last=last_year), source, height=580)
    superpowers = stockpiles[stockpiles["country"].isin(["United States", "Russia"])
                             & (stockpiles["year"] == last_year)]["warheads"].sum()
    summary = t("summary.nuclear", peak=fmt.number(int(total[peak_year])), peak_year=peak_year, last_year=last_year,
                last=fmt.number(int(total[last_year])), share=fmt.percent(superpowers / total[last_year]))
    table = stockpiles[stockpiles["warheads"] > 0].sort_values(["year", "country"])[["year", "country", "warheads"]]
    return describe(fig, summary, table)


def strategy_name(key: str) -> str:
    """Return the display name of a strategy key of :data:`ircourse.cooperation.STRATEGIES`."""
    return t(f"syn.strategy.{key}")


def _match_data(match: pd.DataFrame, a: str, b: str, payoffs: Payoffs) -> dict:
    rounds = match["round"].tolist()
    n = len(rounds)
    move_word = {"C": t("syn.move.C"), "D": t("syn.move.D")}
    name_a, name_b = t("syn.player.a", name=strategy_name(a)), t("syn.player.b", name=strategy_name(b))
    data = {
        "a": dict(x=rounds, y=match["total_a"].tolist(), name=name_a,
                  customdata=[[move_word[m], p] for m, p in zip(match["move_a"], match["payoff_a"])]),
        "b": dict(x=rounds, y=match["total_b"].tolist(), name=name_b,
                  customdata=[[move_word[m], p] for m, p in zip(match["move_b"], match["payoff_b"])]),
        "coop": dict(x=[0, n], y=[0, payoffs.reward * n], name=t("syn.ref.coop", r=payoffs.reward)),
        "defect": dict(x=[0, n], y=[0, payoffs.punishment * n],
                       name=t("syn.ref.defect", p=payoffs.punishment)),
        "moves": dict(
            x=rounds, y=["B", "A"],
            z=[[1 if m == COOPERATE else 0 for m in match["move_b"]],
               [1 if m == COOPERATE else 0 for m in match["move_a"]]],
            text=[[move_word[m] for m in match["move_b"]], [move_word[m] for m in match["move_a"]]],
        ),
    }
    totals = match[["total_a", "total_b"]].iloc[-1]
    both = ((match["move_a"] == COOPERATE) & (match["move_b"] == COOPERATE)).mean()
    data["title"] = t("syn.game.title", a=strategy_name(a), b=strategy_name(b), rounds=n,
                      total_a=f"{totals['total_a']:g}", total_b=f"{totals['total_b']:g}",
                      both=round(100 * both))
    data["summary"] = t("summary.game", rounds=fmt.number(n), a=strategy_name(a), b=strategy_name(b),
                        total_a=fmt.number(totals["total_a"]), total_b=fmt.number(totals["total_b"]),
                        both=fmt.percent(both))
    data["table"] = match[["round", "move_a", "move_b", "total_a", "total_b"]]
    return data


def cumulative_payoffs(match: pd.DataFrame, a: str, b: str, payoffs: Payoffs = STANDARD_PAYOFFS,
                       source: str = GAME_SOURCE) -> go.Figure:
    """Two panels: each player's running total, and every move (cooperate or defect) round by round.

    Parameters
    ----------
    match : DataFrame
        Output of :func:`ircourse.cooperation.play`.
    a, b : str
        The strategy keys of players A and B (for names).
    payoffs : Payoffs
        The payoffs the match was played with (for the two reference lines).
    source : str
        Source line text.

    Returns
    -------
    go.Figure
        Traces in a fixed order the explorer relies on: 0 player A's total, 1 player B's total, 2 the
        total of steady mutual cooperation (``R`` per round), 3 that of steady mutual defection (``P``
        per round), 4 a two-row heatmap of the moves (green = cooperate, purple = defect).
    """
    data = _match_data(match, a, b, payoffs)
    fig = make_subplots(rows=2, cols=1, row_heights=[0.74, 0.26], vertical_spacing=0.08, shared_xaxes=True)
    for key in ("a", "b"):
        fig.add_trace(go.Scatter(**data[key], mode="lines", line=dict(color=PLAYER_COLORS[key], width=3),
                                 hovertemplate=t("syn.game.hover") + "<extra>%{fullData.name}</extra>"),
                      row=1, col=1)
    for key, color in (("coop", OKABE_ITO["bluish_green"]), ("defect", OKABE_ITO["grey"])):
        fig.add_trace(go.Scatter(**data[key], mode="lines", line=dict(color=color, dash="dash", width=1.5),
                                 hoverinfo="skip"), row=1, col=1)
    fig.add_trace(go.Heatmap(**data["moves"], zmin=0, zmax=1, showscale=False, xgap=0, ygap=2,
                             colorscale=[[0, MOVE_COLORS["D"]], [0.5, MOVE_COLORS["D"]],
                                         [0.5, MOVE_COLORS["C"]], [1, MOVE_COLORS["C"]]],
                             hovertemplate="%{y}, " + t("syn.game.round") + " %{x}: %{text}<extra></extra>"),
                  row=2, col=1)
    fig.update_layout(
        hovermode="closest",
        legend=dict(x=0.01, y=0.99, xref="paper", yref="paper", xanchor="left", yanchor="top",
                    bgcolor="rgba(255,255,255,0.85)"),
    )
    fig.update_yaxes(title_text=t("syn.game.yaxis"), rangemode="tozero", row=1, col=1)
    fig.update_xaxes(title_text=None, row=1, col=1)
    fig.update_xaxes(title_text=t("syn.game.xaxis"), row=2, col=1)
    fig.update_yaxes(title_text=None, row=2, col=1)
    frame(fig, data["title"], source, height=GAME_HEIGHT, legend=False)
    return describe(fig, data["summary"], data["table"])


#: Height of the prisoner's dilemma chart (the explorer keeps it when the title changes).
GAME_HEIGHT = 620


def update_payoff_figure(fig: go.Figure, match: pd.DataFrame, a: str, b: str, payoffs: Payoffs) -> None:
    """Update a figure made by :func:`cumulative_payoffs` in place (wrap in ``fig.batch_update()``)."""
    data = _match_data(match, a, b, payoffs)
    for trace, key in zip(fig.data, ("a", "b", "coop", "defect", "moves")):
        trace.update(**data[key])
    fig.update_layout(header(data["title"], GAME_HEIGHT, legend=False))
    describe(fig, data["summary"], data["table"])
