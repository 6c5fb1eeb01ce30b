"""Tests of the timeline and the explorer of the chapter "The Versailles system and its collapse"."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

import ircourse as irc
from ircourse.figures.interwar import CATEGORIES, event_key, interwar_timeline, select_events, short_label
from ircourse.i18n import t
from ircourse.widgets.interwar import InterwarExplorer
from ircourse.figures.common import title_text


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return irc.load("interwar_events")


def _trace(fig: go.Figure, meta: str):
    found = [tr for tr in fig.data if tr.meta == meta]
    assert len(found) == 1, meta
    return found[0]


def _n_markers(fig: go.Figure) -> int:
    return sum(len(tr.x) for tr in fig.data if tr.meta.endswith("|events"))


def test_every_event_has_its_own_short_label(events):
    for _, row in events.iterrows():
        t(f"interwar.label.{event_key(row)}")  # raises KeyError if a label is missing
    labels = [short_label(r) for _, r in events.iterrows()]
    assert len(set(labels)) == len(events) == 37


def test_timeline_structure_and_totals(events):
    fig = interwar_timeline(events)
    metas = [f"{c}|{p}" for c in CATEGORIES for p in ("spans", "events")] + ["article"]
    assert [tr.meta for tr in fig.data] == metas
    assert all(isinstance(tr, go.Scatter) for tr in fig.data)
    assert title_text(fig.layout) == "The Versailles order and its collapse, 1919–1939: 37 events"
    assert fig.layout.xaxis.title.text and fig.layout.xaxis.type == "date"
    assert "Avalon" in " ".join(a.text for a in fig.layout.annotations if a.name == "source")
    assert _n_markers(fig) == len(events)
    for cat, n in events["category"].value_counts().items():
        assert len(_trace(fig, f"{cat}|events").x) == n, cat
    assert len(_trace(fig, "article").x) == events["article_claim"].notna().sum()
    assert len(fig.layout.yaxis.categoryarray) == 37
    assert fig.layout.yaxis.categoryarray[0] == "Treaty of Versailles signed"


def test_timeline_breaches_and_imprecise_dates(events):
    fig = interwar_timeline(events, categories=["breach"])
    breach = _trace(fig, "breach|events")
    assert set(breach.y) == {"Luftwaffe announced", "Conscription reintroduced", "Rhineland remilitarised"}
    assert "1935-03-16" in breach.x and "1936-03-07" in breach.x
    luftwaffe = breach.y.index("Luftwaffe announced")
    assert breach.marker.symbol[luftwaffe] == "circle-open"  # dated to the month only
    assert _n_markers(fig) == 3


def test_timeline_filters_years(events):
    fig = interwar_timeline(events, first=1938, last=1938)
    assert _n_markers(fig) == (events["year"] == 1938).sum() == 5
    start, end = (pd.Timestamp(d) for d in fig.layout.xaxis.range)
    # The whole year, with a little room on both sides so that a marker on 1 January is drawn whole.
    assert pd.Timestamp("1937-12-01") < start < pd.Timestamp("1938-01-01")
    assert pd.Timestamp("1938-12-31") < end < pd.Timestamp("1939-02-01")
    assert len(select_events(events, ["annexation"], 1939, 1939)) == 5  # March 1939 and Memel


def test_explorer_slider_and_categories_change_the_data(events):
    explorer = InterwarExplorer(events)
    assert _n_markers(explorer.figure) == 37
    explorer.controls["years"].value = (1935, 1936)
    assert _n_markers(explorer.figure) == int(events["year"].between(1935, 1936).sum())
    assert "1935–1936" in title_text(explorer.figure.layout)
    explorer.controls["categories"].value = ("breach",)
    assert _n_markers(explorer.figure) == 3
    assert len(_trace(explorer.figure, "annexation|events").x) == 0
    assert explorer.figure.layout.yaxis.categoryarray == (
        "Luftwaffe announced", "Conscription reintroduced", "Rhineland remilitarised")
    explorer.controls["article"].value = False
    assert _trace(explorer.figure, "article").visible == "legendonly"
