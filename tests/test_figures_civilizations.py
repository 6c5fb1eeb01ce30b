"""Figures and explorer of chapter 7: wars between states of different civilizations."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

import ircourse as irc
from ircourse.figures.civilizations import (
    civilization_pairs,
    code_dyads,
    cross_civilization_share,
    overall_share,
    period_of,
    shares_by_period,
)
from ircourse.widgets.civilizations import CivilizationWarExplorer
from ircourse.figures.common import title_text


@pytest.fixture(scope="module")
def data():
    return irc.load("interstate_war_dyads"), irc.load("civilizations")


@pytest.fixture(scope="module")
def coded(data):
    return code_dyads(*data)


def _source_line(fig):
    return [a.text for a in fig.layout.annotations if a.text.startswith("Source:")]


def test_every_dyad_state_is_coded(data, coded):
    dyads, civs = data
    assert set(dyads["ccode_a"]) | set(dyads["ccode_b"]) <= set(civs["ccode"])
    assert coded["civ_a"].notna().all() and set(coded["kind"]) <= {"different", "same", "unassigned"}
    either = (coded["civ_a"] == "unassigned") | (coded["civ_b"] == "unassigned")
    assert (coded["kind"] == "unassigned").equals(either)


def test_periods():
    assert period_of([1816, 1840, 1841, 1990, 1991], 25).tolist() == [1816, 1816, 1841, 1966, 1991]
    assert period_of([1823, 2003], 10).tolist() == [1820, 2000]
    with pytest.raises(ValueError, match="width"):
        period_of([1900], 20)


@pytest.mark.parametrize("width", [10, 25])
@pytest.mark.parametrize("unit", ["dyads", "wars"])
def test_shares_add_up_to_the_dataset(coded, width, unit):
    shares = shares_by_period(coded, width, unit)
    total = len(coded) if unit == "dyads" else coded["warnum"].nunique()
    assert shares[["different", "same", "unassigned"]].to_numpy().sum() == total
    assert shares["period"].is_monotonic_increasing and shares["period"].iloc[0] <= 1816
    known = shares[shares["known"] > 0]
    assert ((known["share"] >= 0) & (known["share"] <= 100)).all()


def test_filters(coded):
    islamic = shares_by_period(coded, 10, "dyads", civilization="Islamic")
    involved = ((coded["civ_a"] == "Islamic") | (coded["civ_b"] == "Islamic")).sum()
    assert islamic[["different", "same", "unassigned"]].to_numpy().sum() == involved
    strict = shares_by_period(coded, 10, "dyads", confidence="high")
    assert strict[["different", "same", "unassigned"]].to_numpy().sum() < len(coded)
    with pytest.raises(ValueError, match="unit"):
        shares_by_period(coded, 10, "battles")


def test_share_figure(coded):
    shares = shares_by_period(coded, 10, "dyads")
    fig = cross_civilization_share(shares, 10, "dyads")
    assert isinstance(fig, go.Figure)
    assert [tr.type for tr in fig.data] == ["bar", "scatter", "bar", "bar", "bar"]
    assert sum(fig.data[2].y) + sum(fig.data[3].y) + sum(fig.data[4].y) == len(coded)
    assert fig.data[1].y[0] == overall_share(shares)
    assert "1816" in title_text(fig.layout) and fig.layout.yaxis.title.text and fig.layout.yaxis2.title.text
    assert fig.layout.xaxis2.title.text and _source_line(fig)
    assert all(shape.x0 == 1990 for shape in fig.layout.shapes)


def test_pairs_figure(coded):
    fig = civilization_pairs(coded, 1990, top=50)
    known = coded[coded["kind"] != "unassigned"]
    assert [tr.type for tr in fig.data] == ["bar", "bar"]
    assert sum(fig.data[0].x) == (known["start_year"] < 1990).sum()
    assert sum(fig.data[1].x) == (known["start_year"] >= 1990).sum()
    assert fig.layout.xaxis.title.text and _source_line(fig)


def test_explorer_updates_traces_in_place(data):
    explorer = CivilizationWarExplorer(*data)
    fig = explorer.figure
    traces = list(fig.data)
    before = list(fig.data[0].x)
    explorer.controls["width"].value = 25
    assert list(fig.data[0].x) != before and len(fig.data[0].x) == 8
    assert all(a is b for a, b in zip(fig.data, traces)) and fig.layout.shapes[0].x0 == 1991
    counts = list(fig.data[2].y)
    explorer.controls["unit"].value = "wars"
    assert list(fig.data[2].y) != counts and "wars" in title_text(fig.layout)
    explorer.controls["civilization"].value = "Sinic"
    assert "Sinic" in title_text(fig.layout)
    explorer.controls["civilization"].value = ""
    all_wars = sum(fig.data[2].y) + sum(fig.data[3].y) + sum(fig.data[4].y)
    assert all_wars == coded_wars(data)
    explorer.controls["drop_low"].value = True
    assert sum(fig.data[2].y) + sum(fig.data[3].y) + sum(fig.data[4].y) < all_wars


def coded_wars(data):
    return data[0]["warnum"].nunique()
