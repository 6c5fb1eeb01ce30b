"""Charts of the chapter "Globalization": world trade since 1800, the development gap, Chinese lending."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import fmt
from ..i18n import t
from ..theme import OKABE_ITO, SCREEN_HEIGHT
from .common import describe, frame, header, year_axis_title

_C = OKABE_ITO

SOURCE_TRADE = "Federico & Tena-Junguito (2016); Penn World Table 9.0; via Our World in Data"
SOURCE_GAPMINDER = "Gapminder Foundation, as bundled with plotly (plotly.express.data.gapminder)"
SOURCE_AIDDATA = "AidData, Global Chinese Development Finance Dataset 3.0 (Custer et al. 2023)"
SOURCE_BU = "Boston University GDP Center, Chinese Loans to Africa Database (older version, scraped)"

#: Fixed colour per world region (AidData/COW regions and Gapminder continents share them).
REGION_COLORS = {
    "Africa": _C["orange"],
    "Americas": _C["reddish_purple"],
    "Asia": _C["bluish_green"],
    "Asia & Oceania": _C["bluish_green"],
    "Europe": _C["blue"],
    "Middle East": _C["sky_blue"],
    "Oceania": _C["sky_blue"],
}

#: Region order of the ``chinese_lending`` dataset.
LENDING_REGIONS = ("Africa", "Americas", "Asia & Oceania", "Europe", "Middle East")

#: Continent order of the Gapminder data.
CONTINENTS = ("Africa", "Americas", "Asia", "Europe", "Oceania")

#: Amount columns of ``chinese_lending`` the charts can show (adjusted amounts, as AidData recommends).
AMOUNTS = ("total_adj_usd_m", "oof_adj_usd_m", "oda_adj_usd_m", "vof_adj_usd_m")

#: Lender groups of ``chinese_loans_africa``, in stacking order, with their colours.
LENDER_GROUPS = {
    "CHEXIM": _C["vermilion"],
    "CDB": _C["orange"],
    "government": _C["bluish_green"],
    "other": _C["grey"],
}

GAP_X_RANGE = [np.log10(200), np.log10(130000)]   # GDP per capita axis of the bubble chart (log)
GAP_Y_RANGE = [20, 85]                          # life expectancy axis of the bubble chart
GDP_TICKS = [250, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000]


# --- world trade -----------------------------------------------------------------------------------------

def trade_since_1800(trade: pd.DataFrame, source: str = SOURCE_TRADE) -> go.Figure:
    """Two panels: the volume of world trade since 1800 (log scale) and its share of world GDP since 1950.

    Parameters
    ----------
    trade : DataFrame
        The ``world_trade`` dataset (``year``, ``trade_volume_index``, ``trade_share_gdp``).
    source : str
        Source line text.

    Returns
    -------
    go.Figure
        Trace 0: the volume index (1913 = 100), top panel, log y; the 1939-1949 gap is left open.
        Trace 1: exports plus imports as % of world GDP, bottom panel. The years 1914-1945 are shaded.
    """
    trade = trade.sort_values("year")
    years = trade["year"].astype(int).tolist()
    volume = [None if pd.isna(v) else round(float(v), 3) for v in trade["trade_volume_index"]]
    share = [None if pd.isna(v) else round(float(v), 2) for v in trade["trade_share_gdp"]]
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.1, row_heights=[0.55, 0.45],
                        subplot_titles=(t("globalization.trade.panel_volume"),
                                        t("globalization.trade.panel_share")))
    fig.add_trace(go.Scatter(x=years, y=volume, name=t("globalization.trade.volume"), mode="lines",
                             line=dict(color=_C["blue"], width=2.5), connectgaps=False,
                             hovertemplate=t("globalization.trade.hover_volume")), row=1, col=1)
    fig.add_trace(go.Scatter(x=years, y=share, name=t("globalization.trade.share"), mode="lines",
                             line=dict(color=_C["vermilion"], width=2.5), connectgaps=False,
                             hovertemplate=t("globalization.trade.hover_share")), row=2, col=1)
    for row in (1, 2):
        fig.add_vrect(x0=1914, x1=1945, fillcolor="#DDDDDD", opacity=0.5, line_width=0, layer="below",
                      row=row, col=1)
    fig.add_annotation(x=1929.5, y=1, xref="x", yref="paper", yanchor="top", showarrow=False,
                       text=t("globalization.trade.wars"), font=dict(size=12, color="#555555"))
    fig.add_annotation(x=1944, y=np.log10(30), xref="x", yref="y", showarrow=False,
                       text=t("globalization.trade.gap"), font=dict(size=12, color="#555555"))
    fig.add_annotation(x=1860, y=35, xref="x2", yref="y2", showarrow=False,
                       text=t("globalization.trade.no_share"), font=dict(size=13, color="#777777"))
    fig.update_layout(showlegend=False, hovermode="x")
    fig.update_xaxes(range=[1800, 2015], dtick=20)
    fig.update_xaxes(title=year_axis_title(1800, 2015), row=2, col=1)
    fig.update_yaxes(title=t("globalization.trade.yaxis_volume"), type="log", dtick=1, tickformat=",",
                     row=1, col=1)
    fig.update_yaxes(title=t("globalization.trade.yaxis_share"), range=[0, 70], ticksuffix="%", row=2, col=1)
    frame(fig, t("globalization.trade.title"), source, height=640, legend=False)
    fig.update_layout(margin_t=fig.layout.margin.t + 14)  # room for the first panel's title
    table = pd.DataFrame({"year": years, "trade_volume_index": volume, "trade_share_gdp": share})
    return describe(fig, trade_summary(trade), table)


def trade_summary(trade: pd.DataFrame) -> str:
    """Return the text alternative of :func:`trade_since_1800`: growth of the volume, rise of the share."""
    volume = trade.dropna(subset=["trade_volume_index"]).sort_values("year")
    share = trade.dropna(subset=["trade_share_gdp"]).sort_values("year")
    v0, v1 = volume.iloc[0], volume.iloc[-1]
    s0, s1 = share.iloc[0], share.iloc[-1]
    return t("summary.trade", factor=fmt.number(round(v1["trade_volume_index"] / v0["trade_volume_index"])),
             first=int(v0["year"]), last=int(v1["year"]), v_first=fmt.decimal(v0["trade_volume_index"], 1),
             v_last=fmt.number(v1["trade_volume_index"]), s_first=fmt.percent(s0["trade_share_gdp"] / 100),
             s_first_year=int(s0["year"]), s_last=fmt.percent(s1["trade_share_gdp"] / 100),
             s_last_year=int(s1["year"]))


# --- the development gap (Gapminder) ---------------------------------------------------------------------

def continent_medians(gap: pd.DataFrame, column: str = "gdpPercap") -> pd.DataFrame:
    """Return the median of ``column`` across the countries of each continent, one row per year.

    Parameters
    ----------
    gap : DataFrame
        Gapminder data (``plotly.express.data.gapminder()``).
    column : str
        ``"gdpPercap"`` or ``"lifeExp"``.

    Returns
    -------
    DataFrame
        Index ``year``, one column per continent of :data:`CONTINENTS`.
    """
    table = gap.pivot_table(index="year", columns="continent", values=column, aggfunc="median")
    return table.reindex(columns=list(CONTINENTS))


def gdp_by_continent(gap: pd.DataFrame, source: str = SOURCE_GAPMINDER) -> go.Figure:
    """Lines: the median country's GDP per capita on each continent, 1952-2007 (log scale).

    Parameters
    ----------
    gap : DataFrame
        Gapminder data (``plotly.express.data.gapminder()``).
    source : str
        Source line text.

    Returns
    -------
    go.Figure
        One line per continent of :data:`CONTINENTS`, in that order, in the continents' fixed colours.
    """
    medians = continent_medians(gap)
    counts = gap[gap["year"] == gap["year"].max()].groupby("continent")["country"].nunique()
    fig = go.Figure()
    for continent in CONTINENTS:
        name = t("globalization.gap.continent", continent=continent, n=int(counts.get(continent, 0)))
        fig.add_trace(go.Scatter(
            x=medians.index.tolist(), y=medians[continent].round(0).tolist(), name=name, mode="lines+markers",
            line=dict(color=REGION_COLORS[continent], width=3), marker=dict(size=7), meta=continent,
            hovertemplate=t("globalization.gap.hover_median") + f"<extra>{continent}</extra>",
        ))
    first, last = int(medians.index.min()), int(medians.index.max())
    fig.update_layout(
        margin=dict(l=100),
        xaxis=dict(title=year_axis_title(first, last), dtick=5),
        yaxis=dict(title=t("globalization.gap.yaxis"), type="log", tickvals=GDP_TICKS,
                   ticktext=[f"${v:,}" for v in GDP_TICKS], range=[np.log10(500), np.log10(40000)]),
        hovermode="x unified",
    )
    frame(fig, t("globalization.gap.title"), source, height=560)
    table = medians.round(0).rename_axis("year").reset_index().melt(
        id_vars="year", var_name="continent", value_name="median_gdp_per_capita")
    return describe(fig, gdp_summary(medians), table)


def gdp_summary(medians: pd.DataFrame) -> str:
    """Return the text alternative of :func:`gdp_by_continent` from :func:`continent_medians`."""
    first, last = medians.index.min(), medians.index.max()
    end = medians.loc[last].dropna()
    rose = int((medians.loc[last] > medians.loc[first]).sum())
    low, high = end.idxmin(), end.idxmax()
    return t("summary.gdp", first=int(first), last=int(last), rose=fmt.number(rose),
             n=fmt.number(int(medians.loc[first].notna().sum())), low=fmt.number(end[low]), low_name=low,
             high=fmt.number(end[high]), high_name=high, ratio=fmt.decimal(end[high] / end[low], 1))


def _bubble_size(pop: pd.Series, max_pop: float) -> list[float]:
    # Marker area proportional to population; the most populous country of the whole data gets 60 px.
    return (60 * np.sqrt(pop.astype(float) / max_pop)).clip(lower=6).round(2).tolist()


def bubble_data(gap: pd.DataFrame, year: int, continent: str) -> dict:
    """Return the x, y, size and hover text of one continent's bubbles in ``year``."""
    part = gap[(gap["year"] == year) & (gap["continent"] == continent)].sort_values("pop", ascending=False)
    max_pop = float(gap["pop"].max())
    return {
        "x": part["gdpPercap"].round(0).tolist(),
        "y": part["lifeExp"].round(1).tolist(),
        "size": _bubble_size(part["pop"], max_pop),
        "text": part["country"].tolist(),
        "customdata": (part["pop"] / 1e6).round(1).tolist(),
    }


def gapminder_bubbles(gap: pd.DataFrame, year: int = 2007, source: str = SOURCE_GAPMINDER) -> go.Figure:
    """Bubble chart: GDP per capita (log) against life expectancy, one bubble per country sized by population.

    Parameters
    ----------
    gap : DataFrame
        Gapminder data (``plotly.express.data.gapminder()``).
    year : int
        One of the Gapminder years (1952, 1957, ..., 2007).
    source : str
        Source line text.

    Returns
    -------
    go.Figure
        One marker trace per continent of :data:`CONTINENTS`, in that order; fixed axes so that years
        can be compared; the year is written large in the background (annotation named ``"year"``).
    """
    if year not in set(gap["year"]):
        raise ValueError(f"no Gapminder data for {year}; years: {sorted(set(gap['year']))}")
    fig = go.Figure()
    for continent in CONTINENTS:
        d = bubble_data(gap, year, continent)
        fig.add_trace(go.Scatter(
            x=d["x"], y=d["y"], text=d["text"], customdata=d["customdata"], name=continent, mode="markers",
            marker=dict(size=d["size"], color=REGION_COLORS[continent], opacity=0.75,
                        line=dict(width=1, color="white"), sizemode="diameter"),
            meta=continent, hovertemplate=t("globalization.bubbles.hover") + f"<extra>{continent}</extra>",
        ))
    fig.add_annotation(text=str(year), x=0.98, y=0.04, xref="paper", yref="paper", xanchor="right",
                       yanchor="bottom", showarrow=False, font=dict(size=64, color="rgba(0,0,0,0.13)"),
                       name="year")
    fig.update_layout(
        xaxis=dict(title=t("globalization.bubbles.xaxis"), type="log", range=GAP_X_RANGE, tickvals=GDP_TICKS,
                   ticktext=[f"${v:,}" for v in GDP_TICKS]),
        yaxis=dict(title=t("globalization.bubbles.yaxis"), range=GAP_Y_RANGE),
        legend=dict(itemsizing="constant"), hovermode="closest",
    )
    frame(fig, bubbles_title(year), source, height=BUBBLES_HEIGHT)
    return describe(fig, bubbles_summary(gap, year), bubbles_table(gap, year))


def bubbles_table(gap: pd.DataFrame, year: int) -> pd.DataFrame:
    """Return the bubbles of ``year`` as a tidy table (country, continent, GDP, life expectancy, population)."""
    part = gap[gap["year"] == year]
    return pd.DataFrame({"country": part["country"], "continent": part["continent"],
                         "gdp_per_capita": part["gdpPercap"].round(0), "life_expectancy": part["lifeExp"].round(1),
                         "population_m": (part["pop"] / 1e6).round(1)})


def bubbles_summary(gap: pd.DataFrame, year: int) -> str:
    """Return the text alternative of :func:`gapminder_bubbles` for ``year``: the range of both axes."""
    part = gap[gap["year"] == year]
    le, gdp = part.set_index("country")["lifeExp"], part.set_index("country")["gdpPercap"]
    return t("summary.bubbles", year=year, n=fmt.number(len(part)), le_min=fmt.decimal(le.min(), 1),
             le_min_country=le.idxmin(), le_max=fmt.decimal(le.max(), 1), le_max_country=le.idxmax(),
             g_min=fmt.number(gdp.min()), g_min_country=gdp.idxmin(), g_max=fmt.number(gdp.max()),
             g_max_country=gdp.idxmax())


#: Height of the bubble chart (the explorer keeps it when it changes the title).
BUBBLES_HEIGHT = 580


def bubbles_title(year: int) -> str:
    """Return the title of the bubble chart for ``year``."""
    return t("globalization.bubbles.title", year=year)


def bubbles_header(year: int) -> dict:
    """Return the header layout of the bubble chart for ``year`` (see :func:`ircourse.figures.common.header`)."""
    return header(bubbles_title(year), BUBBLES_HEIGHT)


# --- Chinese lending ---------------------------------------------------------------------------------------

def lending_by_region(lending: pd.DataFrame, amount: str = "total_adj_usd_m") -> pd.DataFrame:
    """Return Chinese official finance committed per year and region, in billion constant 2021 USD.

    Parameters
    ----------
    lending : DataFrame
        The ``chinese_lending`` dataset.
    amount : str
        One of :data:`AMOUNTS`.

    Returns
    -------
    DataFrame
        Index ``year`` (every year of the data), one column per region of :data:`LENDING_REGIONS`.
    """
    if amount not in AMOUNTS:
        raise ValueError(f"amount must be one of {AMOUNTS}, not {amount!r}")
    table = lending.pivot_table(index="year", columns="region", values=amount, aggfunc="sum", fill_value=0.0)
    table = table / 1000
    years = range(int(lending["year"].min()), int(lending["year"].max()) + 1)
    table = table.reindex(index=years, columns=list(LENDING_REGIONS), fill_value=0.0)
    table.index = table.index.astype(int)
    table.index.name = "year"
    return table


def chinese_lending_by_region(lending: pd.DataFrame, amount: str = "total_adj_usd_m",
                              regions: list[str] | None = None, source: str = SOURCE_AIDDATA) -> go.Figure:
    """Stacked bars: Chinese official finance committed each year, by recipient region, 2000-2021.

    Parameters
    ----------
    lending : DataFrame
        The ``chinese_lending`` dataset.
    amount : str
        Which flows to count, one of :data:`AMOUNTS`: all official finance (default), loans on
        near-commercial terms (OOF), aid and concessional loans (ODA), or flows with unclear terms.
    regions : list of str, optional
        Regions to show (default all of :data:`LENDING_REGIONS`); the others stay in the legend, hidden.
    source : str
        Source line text.

    Returns
    -------
    go.Figure
        One bar trace per region of :data:`LENDING_REGIONS`, in that order (y in billion constant 2021 USD).
        The launch of the Belt and Road Initiative (2013) is marked.
    """
    table = lending_by_region(lending, amount)
    chosen = set(LENDING_REGIONS if regions is None else regions)
    fig = go.Figure()
    for region in LENDING_REGIONS:
        name = t(f"globalization.region.{region}")
        fig.add_trace(go.Bar(
            x=table.index.tolist(), y=table[region].round(3).tolist(), name=name,
            marker_color=REGION_COLORS[region], meta=region,
            visible=True if region in chosen else "legendonly",
            hovertemplate=t("globalization.lending.hover") + f"<extra>{name}</extra>",
        ))
    fig.add_vline(x=2012.5, line=dict(color="#555555", dash="dot", width=1.5))
    fig.add_annotation(x=2012.5, y=1, xref="x", yref="paper", xanchor="left", yanchor="top", showarrow=False,
                       text=t("globalization.lending.bri"), font=dict(size=12, color="#555555"))
    total = float(table[[r for r in LENDING_REGIONS if r in chosen]].to_numpy().sum())
    fig.update_layout(
        barmode="stack", margin=dict(l=90),
        xaxis=dict(title=year_axis_title(int(table.index.min()), int(table.index.max())), dtick=2),
        yaxis=dict(title=t("globalization.lending.yaxis"), tickprefix="$"),
        legend=dict(traceorder="normal"), hovermode="x unified",
    )
    frame(fig, lending_title(amount, total), source, height=LENDING_HEIGHT)
    return describe(fig, lending_summary(table, amount, chosen), lending_table(table, chosen))


def lending_table(table: pd.DataFrame, regions) -> pd.DataFrame:
    """Return the bars of the chosen regions as a tidy table (year, region, billion USD)."""
    shown = [r for r in LENDING_REGIONS if r in set(regions)]
    return (table[shown].round(3).rename_axis("year").reset_index()
            .melt(id_vars="year", var_name="region", value_name="usd_bn_2021"))


def lending_summary(table: pd.DataFrame, amount: str, regions) -> str:
    """Return the text alternative of :func:`chinese_lending_by_region` from :func:`lending_by_region`."""
    shown = [r for r in LENDING_REGIONS if r in set(regions)]
    if not shown:
        return t("summary.lending.none")
    part = table[shown]
    by_year, by_region = part.sum(axis=1), part.sum(axis=0)
    total = float(by_region.sum())
    top = by_region.idxmax()
    values = dict(total=fmt.number(total), what=t(f"globalization.amount.{amount}"), first=int(table.index.min()),
                  last=int(table.index.max()), peak_year=int(by_year.idxmax()), peak=fmt.decimal(by_year.max(), 1))
    if len(shown) == 1:
        return t("summary.lending.one", region=t(f"globalization.region.{top}"), **values)
    return t("summary.lending", top_region=t(f"globalization.region.{top}"),
             top_share=fmt.percent(by_region[top] / total) if total else fmt.percent(0), **values)


#: Height of the lending chart (the explorer keeps it when it changes the title).
LENDING_HEIGHT = 580


def lending_header(amount: str, total_bn: float) -> dict:
    """Return the header layout of the lending chart (see :func:`ircourse.figures.common.header`)."""
    return header(lending_title(amount, total_bn), LENDING_HEIGHT)


def lending_title(amount: str, total_bn: float) -> str:
    """Return the title of the lending chart for an amount type and the total shown (billion USD)."""
    return t("globalization.lending.title", what=t(f"globalization.amount.{amount}"), total=total_bn)


def top_recipients(lending: pd.DataFrame, n: int = 15, amount: str = "total_adj_usd_m",
                   source: str = SOURCE_AIDDATA) -> go.Figure:
    """Horizontal bars: the ``n`` countries that received the most Chinese official finance, 2000-2021.

    Parameters
    ----------
    lending : DataFrame
        The ``chinese_lending`` dataset.
    n : int
        How many recipients to show.
    amount : str
        One of :data:`AMOUNTS`.
    source : str
        Source line text.

    Returns
    -------
    go.Figure
        One bar trace per region present among the top ``n`` (for the legend), largest recipient on top,
        x in billion constant 2021 USD.
    """
    totals = (lending.groupby(["country", "region"], as_index=False)[amount].sum()
              .sort_values(amount, ascending=False).head(n))
    totals["bn"] = totals[amount] / 1000
    order = totals["country"].tolist()
    fig = go.Figure()
    for region in LENDING_REGIONS:
        part = totals[totals["region"] == region]
        if part.empty:
            continue
        fig.add_trace(go.Bar(
            x=part["bn"].round(2).tolist(), y=part["country"].tolist(), orientation="h",
            name=t(f"globalization.region.{region}"), marker_color=REGION_COLORS[region], meta=region,
            text=[f"${v:,.0f} bn" for v in part["bn"]], textposition="outside", cliponaxis=False,
            hovertemplate="%{y}: $%{x:,.1f} bn<extra>" + t(f"globalization.region.{region}") + "</extra>",
        ))
    fig.update_layout(
        xaxis=dict(title=t("globalization.top.xaxis"), tickprefix="$"),
        yaxis=dict(categoryorder="array", categoryarray=order[::-1], title=None),
        barmode="overlay", margin=dict(r=70),
    )
    frame(fig, t("globalization.top.title", n=n, what=t(f"globalization.amount.{amount}")), source,
          height=min(SCREEN_HEIGHT, 250 + 28 * n))
    table = pd.DataFrame({"country": totals["country"], "region": totals["region"],
                          "usd_bn_2021": totals["bn"].round(2)})
    summary = t("summary.top", n=fmt.number(len(totals)), what=t(f"globalization.amount.{amount}"),
                first=int(lending["year"].min()), last=int(lending["year"].max()),
                total=fmt.number(totals["bn"].sum()),
                top=totals["country"].iloc[0], top_value=fmt.decimal(totals["bn"].iloc[0], 1),
                bottom=totals["country"].iloc[-1], bottom_value=fmt.decimal(totals["bn"].iloc[-1], 1))
    return describe(fig, summary, table)


def lender_group(lender: str) -> str:
    """Return the lender group of a ``chinese_loans_africa`` lender: CHEXIM, CDB, government or other.

    Examples
    --------
    >>> lender_group("CHEXIM"), lender_group("CIDCA"), lender_group("ICBC")
    ('CHEXIM', 'government', 'other')
    """
    if lender in ("CHEXIM", "CDB"):
        return lender
    if lender in ("CIDCA", "CN Gov"):
        return "government"
    return "other"


def africa_loans_by_year(loans: pd.DataFrame, source: str = SOURCE_BU) -> go.Figure:
    """Stacked bars: Chinese loans to African borrowers each year, by lender group, 2000-2020.

    Parameters
    ----------
    loans : DataFrame
        The ``chinese_loans_africa`` dataset.
    source : str
        Source line text.

    Returns
    -------
    go.Figure
        One bar trace per lender group of :data:`LENDER_GROUPS` (y in billion current USD).
    """
    loans = loans.assign(group=loans["lender"].map(lender_group))
    table = loans.pivot_table(index="year", columns="group", values="amount_usd_million", aggfunc="sum",
                              fill_value=0.0) / 1000
    years = range(int(loans["year"].min()), int(loans["year"].max()) + 1)
    table = table.reindex(index=years, columns=list(LENDER_GROUPS), fill_value=0.0)
    fig = go.Figure()
    for group, color in LENDER_GROUPS.items():
        fig.add_trace(go.Bar(
            x=[int(y) for y in table.index], y=table[group].round(3).tolist(),
            name=t(f"globalization.lender.{group}"), marker_color=color, meta=group,
            hovertemplate="%{x}: $%{y:,.2f} bn<extra>" + t(f"globalization.lender.{group}") + "</extra>",
        ))
    fig.update_layout(
        barmode="stack",
        xaxis=dict(title=year_axis_title(years.start, years.stop - 1), dtick=2),
        yaxis=dict(title=t("globalization.africa.yaxis"), tickprefix="$"),
        legend=dict(traceorder="normal"), hovermode="x unified",
    )
    frame(fig, t("globalization.africa.title", total=float(table.to_numpy().sum()), n=len(loans)),
          source, height=560)
    by_year = table.sum(axis=1)
    total = float(by_year.sum())
    summary = t("summary.africa", n=fmt.number(len(loans)), total=fmt.number(total), first=years.start,
                last=years.stop - 1, peak_year=int(by_year.idxmax()), peak=fmt.decimal(by_year.max(), 1),
                lender=t("globalization.lender.CHEXIM"), share=fmt.percent(table["CHEXIM"].sum() / total))
    tidy = (table.round(3).rename_axis("year").reset_index()
            .melt(id_vars="year", var_name="lender_group", value_name="usd_bn"))
    return describe(fig, summary, tidy)
