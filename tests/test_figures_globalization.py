"""Tests of the globalization charts (chapter 2): figure functions and explorers."""

from __future__ import annotations

import math

import plotly.express as px
import plotly.graph_objects as go
import pytest

import ircourse as irc
from ircourse.figures.globalization import (AMOUNTS, CONTINENTS, LENDER_GROUPS, LENDING_REGIONS,
                                            africa_loans_by_year, chinese_lending_by_region,
                                            gapminder_bubbles, gdp_by_continent, lender_group,
                                            lending_by_region, top_recipients, trade_since_1800)
from ircourse.widgets.globalization import GapminderExplorer, LendingExplorer
from ircourse.figures.common import plain_text, title_text


@pytest.fixture(scope="module")
def trade():
    return irc.load("world_trade")


@pytest.fixture(scope="module")
def lending():
    return irc.load("chinese_lending")


@pytest.fixture(scope="module")
def loans():
    return irc.load("chinese_loans_africa")


@pytest.fixture(scope="module")
def gap():
    return px.data.gapminder()


def _has_source(fig: go.Figure) -> bool:
    return any((a.text or "").startswith("Source:") for a in fig.layout.annotations)


def test_trade_since_1800(trade):
    fig = trade_since_1800(trade)
    assert [tr.type for tr in fig.data] == ["scatter", "scatter"]
    assert "world trade since 1800" in title_text(fig.layout).lower()
    assert fig.layout.yaxis.type == "log" and plain_text(fig.layout.yaxis.title.text) == "Index, 1913 = 100"
    assert plain_text(fig.layout.yaxis2.title.text) == "% of world GDP" and plain_text(fig.layout.xaxis2.title.text) == "Year"
    assert _has_source(fig)
    volume = dict(zip(fig.data[0].x, fig.data[0].y))
    assert volume[1913] == pytest.approx(100)
    assert all(volume[y] is None for y in range(1939, 1950))          # the war gap is not bridged
    shares = [v for v in fig.data[1].y if v is not None]
    assert len(shares) == trade["trade_share_gdp"].notna().sum()
    assert sum(shares) == pytest.approx(trade["trade_share_gdp"].sum(), abs=0.1)


def test_gdp_by_continent_medians(gap):
    fig = gdp_by_continent(gap)
    assert [tr.meta for tr in fig.data] == list(CONTINENTS)
    assert all(tr.type == "scatter" for tr in fig.data)
    assert fig.layout.yaxis.type == "log" and plain_text(fig.layout.yaxis.title.text).startswith("GDP per capita")
    assert plain_text(fig.layout.xaxis.title.text) == "Year" and _has_source(fig)
    africa = dict(zip(fig.data[0].x, fig.data[0].y))
    expected = gap[(gap["continent"] == "Africa") & (gap["year"] == 2007)]["gdpPercap"].median()
    assert africa[2007] == pytest.approx(expected, abs=1)


def test_gapminder_bubbles(gap):
    fig = gapminder_bubbles(gap, 1977)
    assert [tr.meta for tr in fig.data] == list(CONTINENTS)
    assert "1977" in title_text(fig.layout) and fig.layout.xaxis.type == "log"
    assert plain_text(fig.layout.yaxis.title.text) == "Life expectancy at birth (years)" and _has_source(fig)
    assert sum(len(tr.x) for tr in fig.data) == (gap["year"] == 1977).sum()
    with pytest.raises(ValueError):
        gapminder_bubbles(gap, 1950)


def test_lending_by_region_totals(lending):
    for amount in AMOUNTS:
        table = lending_by_region(lending, amount)
        assert list(table.columns) == list(LENDING_REGIONS)
        assert table.to_numpy().sum() == pytest.approx(lending[amount].sum() / 1000)
    with pytest.raises(ValueError):
        lending_by_region(lending, "oof_usd_m")


def test_chinese_lending_by_region(lending):
    fig = chinese_lending_by_region(lending)
    assert [tr.type for tr in fig.data] == ["bar"] * len(LENDING_REGIONS)
    assert fig.layout.barmode == "stack"
    assert plain_text(fig.layout.yaxis.title.text) == "Billion US$ (constant 2021)" and _has_source(fig)
    total = sum(sum(tr.y) for tr in fig.data)
    assert total == pytest.approx(lending["total_adj_usd_m"].sum() / 1000, rel=1e-4)
    assert "1,325" in title_text(fig.layout)
    only_africa = chinese_lending_by_region(lending, "oda_adj_usd_m", regions=["Africa"])
    assert [tr.visible for tr in only_africa.data] == [True] + ["legendonly"] * 4


def test_top_recipients(lending):
    fig = top_recipients(lending, n=10)
    assert all(tr.type == "bar" and tr.orientation == "h" for tr in fig.data)
    countries = [c for tr in fig.data for c in tr.y]
    assert len(countries) == 10
    top = lending.groupby("country")["total_adj_usd_m"].sum().nlargest(10)
    assert set(countries) == set(top.index)
    assert fig.layout.yaxis.categoryarray[-1] == top.index[0]      # largest on top
    assert sum(sum(tr.x) for tr in fig.data) == pytest.approx(top.sum() / 1000, abs=0.1)
    assert _has_source(fig)


def test_africa_loans_by_year(loans):
    fig = africa_loans_by_year(loans)
    assert [tr.meta for tr in fig.data] == list(LENDER_GROUPS)
    assert fig.layout.barmode == "stack" and plain_text(fig.layout.yaxis.title.text) == "Billion US$ (current)"
    total = loans["amount_usd_million"].sum() / 1000
    assert sum(sum(tr.y) for tr in fig.data) == pytest.approx(total, abs=0.01)
    by_year = [sum(values) for values in zip(*(tr.y for tr in fig.data))]
    assert fig.data[0].x[by_year.index(max(by_year))] == 2016       # the peak year
    assert lender_group("CN Gov") == "government" and lender_group("BoC") == "other"
    assert _has_source(fig)


def test_lending_explorer_controls_change_the_bars(lending):
    explorer = LendingExplorer(lending)
    before = list(explorer.figure.data[0].y)
    explorer.controls["amount"].value = "oda_adj_usd_m"
    after = list(explorer.figure.data[0].y)
    assert after != before
    africa_oda = lending.loc[lending["region"] == "Africa", "oda_adj_usd_m"].sum() / 1000
    assert sum(after) == pytest.approx(africa_oda, rel=1e-4)
    assert "ODA" in title_text(explorer.figure.layout)
    explorer.controls["regions"].value = ("Europe",)
    visible = [tr.visible for tr in explorer.figure.data]
    assert visible == ["legendonly", "legendonly", "legendonly", True, "legendonly"]


def test_gapminder_explorer_slider_moves_the_bubbles(gap):
    explorer = GapminderExplorer(gap, year=1952)
    before = list(explorer.figure.data[2].x)
    explorer.slider.value = 2007
    after = list(explorer.figure.data[2].x)
    assert after != before
    asia_2007 = gap[(gap["year"] == 2007) & (gap["continent"] == "Asia")]["gdpPercap"]
    assert sum(after) == pytest.approx(asia_2007.round(0).sum())
    assert "2007" in title_text(explorer.figure.layout)
    assert [a.text for a in explorer.figure.layout.annotations if a.name == "year"] == ["2007"]
    assert not math.isnan(sum(explorer.figure.data[0].marker.size))
