"""Charts of the chapter "The clash of civilizations": do states of different civilizations fight more?

The data steps live here too, because the interactive explorer recomputes them on every control
change: :func:`code_dyads` joins the war pairs to the civilization coding, and
:func:`shares_by_period` counts pairs (or wars) between different civilizations per period.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import fmt
from ..i18n import t
from ..theme import OKABE_ITO
from .common import describe, footer, frame, header

SOURCE = "COW inter-state war data (dyadic), Sarkees & Wayman (2010); course coding after Huntington (1996)"

#: The data's first and last year (COW state system and war data).
FIRST_YEAR, LAST_YEAR = 1816, 2007
#: Bin widths the chart supports.
WIDTHS = (10, 25)
#: What is counted: opposing pairs of states, or wars.
UNITS = ("dyads", "wars")
#: Confidence levels of the coding, from the most to the least inclusive.
CONFIDENCE = ("low", "medium", "high")
#: The three kinds of pair, in stacking order, with their fixed colours.
KINDS = ("different", "same", "unassigned")
KIND_COLORS = {"different": OKABE_ITO["vermilion"], "same": OKABE_ITO["blue"],
               "unassigned": OKABE_ITO["grey"]}
UNASSIGNED = "unassigned"
#: Huntington's nine civilizations in the course's order (as in the ``civilizations`` dataset).
CIVILIZATIONS_ORDER = ("Western", "Latin American", "African", "Islamic", "Sinic", "Hindu", "Orthodox",
                       "Buddhist", "Japanese")


def code_dyads(dyads: pd.DataFrame, civilizations: pd.DataFrame) -> pd.DataFrame:
    """Attach each state's civilization to the war pairs and classify every pair.

    Parameters
    ----------
    dyads : DataFrame
        The ``interstate_war_dyads`` dataset.
    civilizations : DataFrame
        The ``civilizations`` dataset.

    Returns
    -------
    DataFrame
        ``dyads`` plus ``civ_a``, ``civ_b``, ``conf_a``, ``conf_b``, ``pair`` (the two civilizations in
        alphabetical order, e.g. ``"Islamic – Western"``) and ``kind``: ``"different"``, ``"same"``, or
        ``"unassigned"`` when either state is unassigned.
    """
    civ = civilizations.set_index("ccode")
    out = dyads.copy()
    for side in ("a", "b"):
        codes = out[f"ccode_{side}"].astype(int)
        out[f"civ_{side}"] = codes.map(civ["civilization"]).astype(str)
        out[f"conf_{side}"] = codes.map(civ["confidence"]).astype(str)
    first = np.where(out["civ_a"] <= out["civ_b"], out["civ_a"], out["civ_b"])
    second = np.where(out["civ_a"] <= out["civ_b"], out["civ_b"], out["civ_a"])
    out["pair"] = [f"{x} – {y}" for x, y in zip(first, second)]
    unassigned = (out["civ_a"] == UNASSIGNED) | (out["civ_b"] == UNASSIGNED)
    out["kind"] = np.select([unassigned, out["civ_a"] != out["civ_b"]], ["unassigned", "different"], "same")
    return out


def period_of(years: pd.Series, width: int) -> pd.Series:
    """Return the first year of the period each year falls in.

    Decades (``width=10``) are calendar decades (1990 -> 1990). 25-year periods start in 1816, the first
    year of the COW data, so that the last one begins in 1991, the first year after the Cold War.

    Examples
    --------
    >>> period_of(pd.Series([1823, 1990, 2003]), 10).tolist()
    [1820, 1990, 2000]
    >>> period_of(pd.Series([1823, 1990, 1991]), 25).tolist()
    [1816, 1966, 1991]
    """
    if width not in WIDTHS:
        raise ValueError(f"width must be one of {WIDTHS}, not {width!r}")
    years = pd.Series(years).astype(int)
    if width == 10:
        return years // 10 * 10
    return FIRST_YEAR + (years - FIRST_YEAR) // 25 * 25


def period_starts(width: int) -> list[int]:
    """Return the start of every period from 1816 to 2007 for ``width`` (empty periods included)."""
    first = int(period_of(pd.Series([FIRST_YEAR]), width).iloc[0])
    return list(range(first, LAST_YEAR + 1, width))


def period_label(start: int, width: int) -> str:
    """Return ``"1990s"`` for a decade, ``"1991–2007"`` for a 25-year period (cut at the data's end)."""
    if width == 10:
        return t("civ.period.decade", start=start)
    return t("civ.period.span", start=start, end=min(start + width - 1, LAST_YEAR))


def filter_dyads(coded: pd.DataFrame, civilization: str | None = None,
                 confidence: str = "low") -> pd.DataFrame:
    """Keep the pairs involving ``civilization`` (all if None) whose two codes reach ``confidence``.

    Parameters
    ----------
    coded : DataFrame
        Output of :func:`code_dyads`.
    civilization : str, optional
        Keep only pairs in which at least one state belongs to this civilization.
    confidence : {"low", "medium", "high"}
        The lowest coding confidence kept: ``"low"`` keeps every pair, ``"medium"`` drops pairs with a
        low-confidence code, ``"high"`` keeps only pairs of two high-confidence codes.
    """
    if confidence not in CONFIDENCE:
        raise ValueError(f"confidence must be one of {CONFIDENCE}, not {confidence!r}")
    keep = CONFIDENCE[CONFIDENCE.index(confidence):]
    out = coded[coded["conf_a"].isin(keep) & coded["conf_b"].isin(keep)]
    if civilization:
        out = out[(out["civ_a"] == civilization) | (out["civ_b"] == civilization)]
    return out


def shares_by_period(coded: pd.DataFrame, width: int = 10, unit: str = "dyads",
                     civilization: str | None = None, confidence: str = "low") -> pd.DataFrame:
    """Count pairs (or wars) between different civilizations, the same civilization, or unassigned states.

    Parameters
    ----------
    coded : DataFrame
        Output of :func:`code_dyads`.
    width : {10, 25}
        Period length in years (see :func:`period_of`).
    unit : {"dyads", "wars"}
        ``"dyads"`` counts pairs of opposing states by the year the pair's war began. ``"wars"`` counts
        wars by their first year: a war is "different" if at least one of its pairs is, otherwise "same"
        if at least one pair is, otherwise "unassigned".
    civilization : str, optional
        Count only pairs involving this civilization (see :func:`filter_dyads`).
    confidence : {"low", "medium", "high"}
        Lowest coding confidence kept (see :func:`filter_dyads`).

    Returns
    -------
    DataFrame
        One row per period from 1816 to 2007, empty periods included: ``period`` (first year),
        ``label``, ``different``, ``same``, ``unassigned``, ``known`` (different + same) and ``share``
        (different / known, in %, NaN when nothing is known).
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, not {unit!r}")
    rows = filter_dyads(coded, civilization, confidence)
    if unit == "wars":
        rank = {"different": 0, "same": 1, "unassigned": 2}
        rows = (
            rows.assign(_rank=rows["kind"].map(rank))
            .groupby("warnum")
            .agg(start_year=("start_year", "min"), _rank=("_rank", "min"))
            .reset_index()
        )
        rows["kind"] = rows["_rank"].map({v: k for k, v in rank.items()})
    counts = (
        rows.assign(period=period_of(rows["start_year"], width).to_numpy())
        .groupby(["period", "kind"]).size().unstack("kind")
        .reindex(index=period_starts(width), columns=list(KINDS)).fillna(0).astype(int)
    )
    counts.columns.name = None
    out = counts.rename_axis("period").reset_index()
    out.insert(1, "label", [period_label(p, width) for p in out["period"]])
    out["known"] = out["different"] + out["same"]
    out["share"] = (100 * out["different"] / out["known"].where(out["known"] > 0)).round(1)
    return out


def overall_share(shares: pd.DataFrame) -> float:
    """Return the share (%) of known pairs or wars between different civilizations over all periods."""
    known = shares["known"].sum()
    return round(100 * shares["different"].sum() / known, 1) if known else float("nan")


def _post_cold_war_start(width: int) -> int:
    return next(p for p in period_starts(width) if p >= 1989)


def _titles(width: int, unit: str, civilization: str | None) -> dict:
    who = t("civ.who.all") if not civilization else t("civ.who.one", civilization=civilization)
    return {
        "title": t("civ.share.title", unit=t(f"civ.unit.{unit}"), width=t(f"civ.width.{width}"), who=who),
        "share_y": t("civ.share.yaxis", unit_short=t(f"civ.unit_short.{unit}")),
        "count_y": t("civ.count.yaxis", unit_short=t(f"civ.unit_short.{unit}")),
    }


def _trace_data(shares: pd.DataFrame, width: int, unit: str) -> dict:
    """Return the x, y and hover data of every trace, so the figure and the explorer share one recipe."""
    x = (shares["period"] + width / 2).tolist()
    total = overall_share(shares)
    custom = shares[["label", "different", "known", "unassigned"]].to_numpy().tolist()
    data = {
        "share": dict(x=x, y=[None if pd.isna(v) else float(v) for v in shares["share"]], customdata=custom,
                      width=[0.8 * width] * len(x),
                      hovertemplate=t(f"civ.share.hover.{unit}") + "<extra></extra>"),
        "overall": dict(x=[FIRST_YEAR, LAST_YEAR + 3], y=[total, total],
                        name=t("civ.overall", share=total),
                        hovertemplate=t("civ.overall", share=total) + "<extra></extra>"),
    }
    for kind in KINDS:
        data[kind] = dict(x=x, y=shares[kind].tolist(), customdata=shares["label"].tolist(),
                          width=[0.8 * width] * len(x),
                          hovertemplate="%{customdata}: %{y} " + t(f"civ.unit.{unit}") + "<extra>"
                          + t(f"civ.kind.{kind}") + "</extra>")
    return data


def _axis_ticks(shares: pd.DataFrame, width: int) -> dict:
    # Every third decade, or every 25-year period written on two lines: labels that never touch at
    # about 640 px, so that they need no rotation (see ircourse.theme).
    step = 3 if width == 10 else 1
    centres = (shares["period"] + width / 2).tolist()
    labels = shares["label"].tolist()
    if width != 10:
        labels = [label.replace("–", "–<br>", 1) for label in labels]
    return dict(tickvals=centres[::step], ticktext=labels[::step], range=[FIRST_YEAR - 7, LAST_YEAR + 10])


def _tick_lines(width: int) -> int:
    return 1 if width == 10 else 2


#: Height of the two-panel chart (the explorer keeps it when the controls change the title).
SHARE_HEIGHT = 700


def cross_civilization_share(shares: pd.DataFrame, width: int = 10, unit: str = "dyads",
                             civilization: str | None = None, source: str = SOURCE) -> go.Figure:
    """Two panels: the share of wars or pairs between different civilizations, and their numbers.

    Parameters
    ----------
    shares : DataFrame
        Output of :func:`shares_by_period` (made with the same ``width`` and ``unit``).
    width : {10, 25}
        Period length the shares were made with (for labels and bar widths).
    unit : {"dyads", "wars"}
        What the shares count (for labels).
    civilization : str, optional
        The civilization the shares were filtered on (for the title).
    source : str
        Source line text.

    Returns
    -------
    go.Figure
        Traces, in a fixed order the explorer relies on: 0 share bars (top panel), 1 the share over all
        years (dashed line), 2-4 stacked counts of pairs between different civilizations, within one
        civilization, and with an unassigned state (bottom panel). The periods after the Cold War are
        shaded.
    """
    data = _trace_data(shares, width, unit)
    labels = _titles(width, unit, civilization)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.55, 0.45], vertical_spacing=0.07)
    fig.add_trace(go.Bar(**data["share"], name=t("civ.share.name"), marker_color=KIND_COLORS["different"],
                         showlegend=False), row=1, col=1)
    fig.add_trace(go.Scatter(**data["overall"], mode="lines", line=dict(color=OKABE_ITO["black"], dash="dash",
                                                                        width=1.5)), row=1, col=1)
    for kind in KINDS:
        fig.add_trace(go.Bar(**data[kind], name=t(f"civ.kind.{kind}"), marker_color=KIND_COLORS[kind]),
                      row=2, col=1)
    start = _post_cold_war_start(width)
    fig.add_vrect(x0=start, x1=LAST_YEAR + 10, fillcolor="#F0E442", opacity=0.35, line_width=0, layer="below",
                  row="all", col=1)
    # The note names the shaded periods from inside the top panel's right corner, where they are.
    fig.add_annotation(x=1, y=1, xref="x domain", yref="y domain", text=t("civ.after_cold_war"), showarrow=False,
                       xanchor="right", yanchor="top", font=dict(size=12), bgcolor="rgba(255,255,255,0.85)",
                       name="post_cold_war")
    ticks = _axis_ticks(shares, width)
    fig.update_layout(
        barmode="stack", bargap=0, legend=dict(traceorder="normal"), margin=dict(l=95), hovermode="closest",
    )
    fig.update_yaxes(title_text=labels["share_y"], range=[0, 105], tickvals=[0, 25, 50, 75, 100],
                     ticksuffix="%",
                     row=1, col=1)
    fig.update_yaxes(title_text=labels["count_y"], rangemode="tozero", row=2, col=1)
    fig.update_xaxes(**ticks, row=1, col=1)
    fig.update_xaxes(**ticks, title_text=t("civ.xaxis"), row=2, col=1)
    frame(fig, labels["title"], source, height=SHARE_HEIGHT, tick_lines=_tick_lines(width))
    return describe(fig, share_summary(shares, width, unit, civilization), share_table(shares))


def share_table(shares: pd.DataFrame) -> pd.DataFrame:
    """Return the plotted counts and shares per period as a tidy table."""
    return shares[["period", "label", "different", "same", "unassigned", "share"]]


def share_summary(shares: pd.DataFrame, width: int, unit: str, civilization: str | None = None) -> str:
    """Return the text alternative of :func:`cross_civilization_share`: the share overall and after the Cold War."""
    known = int(shares["known"].sum())
    if not known:
        return t("summary.civ.share.none", unit=t(f"civ.unit.{unit}"))
    post = shares[shares["period"] >= _post_cold_war_start(width)]
    post_known = int(post["known"].sum())
    labels = post["label"].tolist()
    who = t("civ.who.all") if not civilization else t("civ.who.one", civilization=civilization)
    return t("summary.civ.share", first=FIRST_YEAR, last=LAST_YEAR,
             share=fmt.percent(shares["different"].sum() / known), known=fmt.number(known),
             unit=t(f"civ.unit.{unit}"), who=who,
             post=labels[0] if len(labels) == 1 else f"{labels[0]}–{labels[-1]}",
             post_share=fmt.percent(post["different"].sum() / post_known) if post_known else "–")


def update_share_figure(fig: go.Figure, shares: pd.DataFrame, width: int, unit: str,
                        civilization: str | None = None) -> None:
    """Update a figure made by :func:`cross_civilization_share` in place (wrap in ``batch_update``)."""
    data = _trace_data(shares, width, unit)
    for trace, key in zip(fig.data, ("share", "overall") + KINDS):
        trace.update(**data[key])
    labels = _titles(width, unit, civilization)
    ticks = _axis_ticks(shares, width)
    fig.update_layout(header(labels["title"], SHARE_HEIGHT))
    describe(fig, share_summary(shares, width, unit, civilization), share_table(shares))
    fig.layout.yaxis.title.text = labels["share_y"]
    fig.layout.yaxis2.title.text = labels["count_y"]
    fig.layout.xaxis.update(**ticks)
    fig.layout.xaxis2.update(**ticks)
    start = _post_cold_war_start(width)
    for shape in fig.layout.shapes:
        shape.x0 = start
    # The tick labels may have changed from one line to two: the source line moves with them.
    for note in fig.layout.annotations:
        if note.name == "source":
            foot = footer(_source_of(note.text), _tick_lines(width), 1)
            note.yshift = foot["annotation"]["yshift"]
            fig.layout.margin.b = foot["margin_b"]


def _source_of(text: str) -> str:
    """Return the citation of a source line written by :func:`ircourse.figures.common.footer`."""
    prefix = t("source.prefix", source="")
    plain = text.replace("<br>", " ")
    return plain[len(prefix):] if plain.startswith(prefix) else plain


def civilization_pairs(coded: pd.DataFrame, split_year: int = 1990, top: int = 12,
                       source: str = SOURCE) -> go.Figure:
    """Horizontal bars: which civilizations' states fought each other, before and after ``split_year``.

    Parameters
    ----------
    coded : DataFrame
        Output of :func:`code_dyads`.
    split_year : int
        Pairs whose war began before this year count as "before", the others as "after".
    top : int
        Show the ``top`` most frequent pairs of civilizations over the whole period.
    source : str
        Source line text.

    Returns
    -------
    go.Figure
        Two bar traces (before, after); pairs within one civilization are labelled like
        ``"Western – Western"``.
    """
    known = coded[coded["kind"] != "unassigned"]
    after = known["start_year"] >= split_year
    table = pd.DataFrame({
        "before": known[~after].groupby("pair").size(),
        "after": known[after].groupby("pair").size(),
    }).fillna(0).astype(int)
    table["total"] = table["before"] + table["after"]
    table = table.sort_values(["total", "after"], ascending=False, kind="stable").head(top).iloc[::-1]
    fig = go.Figure()
    for key, color in (("before", OKABE_ITO["sky_blue"]), ("after", OKABE_ITO["vermilion"])):
        name = t(f"civ.pairs.{key}", year=split_year)
        fig.add_trace(go.Bar(y=table.index.tolist(), x=table[key].tolist(), orientation="h", name=name,
                             marker_color=color, hovertemplate="%{y}: %{x}<extra>" + name + "</extra>"))
    fig.update_layout(
        barmode="stack", xaxis=dict(title=t("civ.pairs.xaxis")), yaxis=dict(title=None),
        legend=dict(traceorder="normal"),
    )
    frame(fig, t("civ.pairs.title"), source, height=600)
    top_pair = table.index[-1]  # the table is drawn bottom-up: the most frequent pair is last
    summary = t("summary.civ.pairs", pair=top_pair, total=fmt.number(int(table.loc[top_pair, "total"])),
                before=fmt.number(int(table.loc[top_pair, "before"])),
                after=fmt.number(int(table.loc[top_pair, "after"])),
                year=split_year)
    tidy = table[["before", "after"]].iloc[::-1].rename_axis("pair").reset_index()
    return describe(fig, summary, tidy)
