"""Tests of the charts and the explorer of the chapter "Actors: states and international organizations"."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

import ircourse as irc
from ircourse.figures.organizations import (
    GROWTH_ORGS,
    cow_series,
    founding_timeline,
    membership_growth,
    membership_series,
)
from ircourse.widgets.organizations import MembershipExplorer
from ircourse.figures.common import plain_text, title_text


@pytest.fixture(scope="module")
def series() -> pd.DataFrame:
    return membership_series(irc.load("un_membership"), irc.load("asean_members"),
                             irc.load("arab_league_members"), irc.load("organizations"))


@pytest.fixture(scope="module")
def cow(series) -> pd.DataFrame:
    return cow_series(irc.load("igo_membership_counts"), series)


def _trace(fig: go.Figure, meta: str):
    found = [tr for tr in fig.data if tr.meta == meta]
    assert len(found) == 1, meta
    return found[0]


def _source_text(fig: go.Figure) -> str:
    return " ".join(plain_text(a.text) for a in fig.layout.annotations if a.name == "source")


# ------------------------------------------------------------------------------------- the tidy series


def test_series_ends_at_todays_counts(series):
    last = series.groupby("organization")["members"].last()
    orgs = irc.load("organizations").set_index("organization")["members_current"]
    assert last["UN"] == orgs["UN"] == 193
    assert last["ASEAN"] == orgs["ASEAN"] == 11
    assert last["Arab League"] == orgs["League of Arab States"] == 22
    assert (series.groupby("organization")["pct_today"].last() == 100).all()


def test_series_starts_with_the_founders(series):
    first = series.groupby("organization").first()
    assert first.loc["UN", "members"] == 51 and first.loc["UN", "date"] == "1945-10-24"
    assert first.loc["ASEAN", "members"] == 5 and first.loc["ASEAN", "date"] == "1967-08-08"
    assert first.loc["Arab League", "members"] == 6 and first.loc["Arab League", "date"] == "1945-03-22"
    assert (series.loc[series["kind"] == "founding", "organization"].value_counts() == 1).all()


def test_un_series_is_the_year_end_table(series):
    un = irc.load("un_membership")
    year_end = series[(series["organization"] == "UN") & (series["kind"] == "year-end")]
    assert len(year_end) == len(un) - 1  # 1945 is the founding row
    assert year_end["members"].tolist() == un["members"].iloc[1:].astype(int).tolist()
    checkpoints = series[(series["organization"] == "UN") & series["checkpoint"].fillna(False).astype(bool)]
    assert len(checkpoints) == int(un["checkpoint"].sum()) == 16


def test_arab_league_series_counts_the_yemeni_merger(series):
    al = series[series["organization"] == "Arab League"].set_index("date")["members"]
    assert al["1977-09-04"] == 22 and al["1990-05-22"] == 21 and al["1993-11-20"] == 22


def test_cow_series_is_the_cow_table(series, cow):
    igo = irc.load("igo_membership_counts")
    for actor, ioname in (("UN", "UN"), ("ASEAN", "ASEAN"), ("Arab League", "LOAS")):
        assert cow.loc[cow["organization"] == actor, "members"].sum() == \
            igo.loc[igo["ioname"] == ioname, "full_members"].sum()
    assert cow.loc[(cow["organization"] == "UN") & (cow["date"] == "1945-12-31"), "members"].item() == 44


# ------------------------------------------------------------------------------------------ the figures


def test_membership_growth_structure(series, cow):
    fig = membership_growth(series, cow=cow)
    metas = [f"{o}|{p}" for o in GROWTH_ORGS for p in ("line", "founding", "cow")]
    assert [tr.meta for tr in fig.data] == metas
    assert all(isinstance(tr, go.Scatter) for tr in fig.data)
    assert title_text(fig.layout).startswith("How three organizations grew: member states")
    assert fig.layout.xaxis.title.text and plain_text(fig.layout.yaxis.title.text) == "Member states"
    assert "un.org" in _source_text(fig) and "COW IGO v3" in _source_text(fig)
    un = _trace(fig, "UN|line")
    assert un.line.shape == "hv" and un.y[0] == 51 and un.y[-1] == 193
    assert sum(_trace(fig, "ASEAN|line").y[:1]) == 5 and _trace(fig, "ASEAN|line").y[-1] == 11
    assert _trace(fig, "Arab League|line").y[-1] == 22
    assert all(_trace(fig, f"{o}|cow").visible == "legendonly" for o in GROWTH_ORGS)


def test_membership_growth_relative_and_hidden(series):
    fig = membership_growth(series, organizations=["ASEAN"], relative=True)
    assert len(fig.data) == 6  # no COW traces without cow
    assert fig.layout.yaxis.ticksuffix == "%" and "% of" in title_text(fig.layout)
    assert _trace(fig, "ASEAN|line").y[0] == pytest.approx(100 * 5 / 11, abs=0.1)
    assert _trace(fig, "UN|line").visible == "legendonly" and _trace(fig, "ASEAN|line").visible is True


def test_founding_timeline(series):
    orgs = irc.load("organizations")
    fig = founding_timeline(orgs)
    assert [tr.meta for tr in fig.data] == ["in_force", "igo", "ngo", "members"]
    assert title_text(fig.layout) and fig.layout.xaxis.title.text
    assert len(_trace(fig, "igo").x) == int(orgs["intergovernmental"].sum()) == 6
    assert [y.strip("</b>") for y in _trace(fig, "ngo").y] == ["WFTU"]
    assert len(fig.layout.yaxis.categoryarray) == len(orgs) == 7
    texts = " ".join(_trace(fig, "members").text)
    assert "193 member states" in texts and "trade unions" in texts


# ----------------------------------------------------------------------------------------- the explorer


def test_explorer_scale_changes_the_data(series, cow):
    explorer = MembershipExplorer(series, cow)
    before = list(_trace(explorer.figure, "ASEAN|line").y)
    explorer.controls["scale"].value = "pct"
    after = list(_trace(explorer.figure, "ASEAN|line").y)
    assert before[0] == 5 and after[0] == pytest.approx(45.5)
    assert explorer.figure.layout.yaxis.ticksuffix == "%"
    assert _trace(explorer.figure, "UN|cow").y[0] == pytest.approx(100 * 44 / 193, abs=0.1)


def test_explorer_organizations_and_cow_toggle_traces(series, cow):
    explorer = MembershipExplorer(series, cow)
    explorer.controls["organizations"].value = ("ASEAN",)
    assert _trace(explorer.figure, "UN|line").visible == "legendonly"
    assert _trace(explorer.figure, "ASEAN|line").visible is True
    explorer.controls["cow"].value = True
    assert _trace(explorer.figure, "ASEAN|cow").visible is True
    assert _trace(explorer.figure, "UN|cow").visible == "legendonly"
