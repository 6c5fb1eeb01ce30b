"""Figures and explorers of the headline chapters: war frequency, years of peace, NATO, polarity."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

import ircourse as irc
from ircourse.conflicts import SERIES, count_started, peace_years
from ircourse.figures.common import plain_text, title_text


@pytest.fixture(scope="module")
def events():
    return irc.load("wars_long_run")


def _source_line(fig):
    return [a.text for a in fig.layout.annotations if a.text.startswith("Source:")]


def test_count_started_totals_match_the_dataset(events):
    counts = count_started(events, 100)
    totals = counts.groupby("series")["count"].sum()
    expected = events.groupby(events["source"] + "|" + events["unit"]).size()
    assert totals.sort_index().tolist() == expected.sort_index().tolist()


def test_count_started_window_and_bad_width(events):
    counts = count_started(events, 10, 1800, 1899)
    assert counts["period"].between(1800, 1890).all()
    with pytest.raises(ValueError, match="width must be"):
        count_started(events, 7)


def test_war_frequency_figure(events):
    fig = irc.figures.war_frequency(count_started(events, 100), 100, log_y=True)
    assert isinstance(fig, go.Figure) and len(fig.data) == len(SERIES)
    assert [tr.meta for tr in fig.data] == [f"{s}|{u}" for s, u in SERIES]
    assert fig.layout.yaxis.type == "log" and "century" in plain_text(fig.layout.yaxis.title.text)
    assert fig.layout.xaxis.title.text and "BCE" in " ".join(fig.layout.xaxis.ticktext)
    assert _source_line(fig)
    hced = next(tr for tr in fig.data if tr.meta == "HCED|war")
    assert sum(hced.y) == ((events["source"] == "HCED") & (events["unit"] == "war")).sum()


def test_peace_years_and_bars(events):
    peace = peace_years(events).set_index("series")
    assert peace.loc["COW|war", "peace_years"] == 0 and peace.loc["Brecke|conflict", "peace_years"] == 0
    assert peace.loc["Wikipedia battles|battle", "years"] == 2600 + 2022  # no year 0
    fig = irc.figures.peace_bars(peace.reset_index())
    assert fig.data[0].type == "bar" and fig.layout.xaxis.range == (0, 100) and _source_line(fig)


def test_war_explorer_updates_traces_in_place(events):
    explorer = irc.widgets.WarExplorer(events)
    fig = explorer.figure
    before = list(fig.data[0].x)
    traces = list(fig.data)
    explorer.controls["width"].value = 10
    assert list(fig.data[0].x) != before and all(a is b for a, b in zip(fig.data, traces))
    explorer.controls["years"].value = (1800, 2000)
    assert min(fig.data[4].x) >= 1800 and fig.layout.xaxis.range == (1800, 2000)
    explorer.controls["series"].value = ("COW|war",)
    assert [tr.visible for tr in fig.data].count(True) == 1
    explorer.controls["log"].value = False
    assert fig.layout.yaxis.type == "linear"


@pytest.mark.parametrize("width, first, last", [(1, -2600, 2023), (10, -500, 1500), (100, 1400, 2000),
                                                (10, 1990, 1999)])
def test_war_explorer_counts_equal_count_started(events, width, first, last):
    explorer = irc.widgets.WarExplorer(events)
    explorer.controls["width"].value = width
    explorer.controls["years"].value = (first, last)
    expected = count_started(events, width, first, last)
    for trace in explorer.figure.data:
        part = expected[expected["series"] == trace.meta]
        assert list(trace.x) == part["period"].tolist() and list(trace.y) == part["count"].tolist(), trace.meta
        assert len(trace.customdata) == len(trace.x)


def test_alliance_growth():
    changes = irc.load("alliance_size")
    fig = irc.figures.alliance_growth(changes)
    names = [tr.name for tr in fig.data]
    assert names == ["NATO", "Warsaw Pact"]
    nato = fig.data[0]
    assert nato.line.shape == "hv" and nato.y[0] == 12 and nato.y[-1] == 32 and nato.x[-1] == "2025-12-31"
    assert max(fig.data[1].y) == 8 and fig.data[1].y[-1] == 0
    assert "32" in title_text(fig.layout) and _source_line(fig)
    assert any(s.x0 == "2023-04-04" and s.x1 == "2024-03-07" for s in fig.layout.shapes)


def test_power_figures():
    cinc = irc.load("cinc_major_powers")
    fig = irc.figures.power_shares(cinc)
    assert {tr.stackgroup for tr in fig.data} == {"majors"}
    year_1950 = sum(tr.y[list(tr.x).index(1950)] for tr in fig.data if 1950 in tr.x)
    assert year_1950 == pytest.approx(100, abs=0.1)
    conc = irc.figures.power_concentration(irc.load("power_concentration"))
    assert len(conc.data) == 3 and _source_line(conc)


def test_bloc_map_explorer_recolours_without_rebuilding():
    blocs = irc.load("bloc_map")
    explorer = irc.widgets.BlocMapExplorer(blocs, 1960)
    z1960 = list(explorer.figure.data[0].z)
    explorer.slider.value = 2024
    assert list(explorer.figure.data[0].z) != z1960
    assert "2024" in title_text(explorer.figure.layout)
    explorer.jumps.value = "1968"
    assert explorer.slider.value == 1968 and "1968" in title_text(explorer.figure.layout)
