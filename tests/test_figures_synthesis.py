"""Figures and explorer of chapter 8: nuclear stockpiles and the iterated prisoner's dilemma."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

import ircourse as irc
from ircourse.cooperation import STANDARD_PAYOFFS, play
from ircourse.figures.synthesis import cumulative_payoffs, nuclear_stockpiles
from ircourse.widgets.synthesis import PrisonersDilemmaExplorer
from ircourse.figures.common import title_text


def _source_line(fig):
    return [a.text for a in fig.layout.annotations if a.text.startswith("Source:")]


def test_nuclear_stockpiles_figure_matches_the_dataset():
    data = irc.load("nuclear_stockpiles")
    fig = nuclear_stockpiles(data)
    assert isinstance(fig, go.Figure) and {tr.type for tr in fig.data} == {"scatter"}
    assert {tr.stackgroup for tr in fig.data} == {"warheads"} and len(fig.data) == data["country"].nunique()
    assert fig.data[0].name.startswith("Russia") or fig.data[0].name == "United States"
    year_1986 = sum(tr.y[list(tr.x).index(1986)] for tr in fig.data)
    # pandas on the dataset; 64,452 is a snapshot of it (recomputed from the raw file in test_data_sources.py)
    assert year_1986 == int(data.loc[data["year"] == 1986, "warheads"].sum()) == 64452
    assert "1945" in title_text(fig.layout) and fig.layout.yaxis.title.text and fig.layout.xaxis.title.text
    assert any("64,452" in a.text for a in fig.layout.annotations) and _source_line(fig)


def test_cumulative_payoffs_figure():
    match = play("tit_for_tat", "always_defect", 50)
    fig = cumulative_payoffs(match, "tit_for_tat", "always_defect", STANDARD_PAYOFFS)
    assert [tr.type for tr in fig.data] == ["scatter"] * 4 + ["heatmap"]
    # The rules (Axelrod 1984; T=5, R=3, P=1, S=0): tit-for-tat cooperates in round 1 (S=0 for it, T=5 for
    # always-defect), then both defect for 49 rounds (P=1 each): 0 + 49 = 49 and 5 + 49 = 54.
    assert fig.data[0].y[-1] == 49 and fig.data[1].y[-1] == 54
    assert fig.data[2].y[-1] == 150 and fig.data[3].y[-1] == 50  # R and P per round: 3 x 50 and 1 x 50
    assert list(fig.data[4].z[1]) == [1] + [0] * 49  # A: tit-for-tat cooperates once
    assert "Tit-for-tat" in title_text(fig.layout) and "49" in title_text(fig.layout)
    assert fig.layout.yaxis.title.text and fig.layout.xaxis2.title.text and _source_line(fig)


def test_explorer_updates_traces_in_place():
    explorer = PrisonersDilemmaExplorer("tit_for_tat", "always_defect", rounds=100)
    fig = explorer.figure
    traces = list(fig.data)
    explorer.controls["b"].value = "tit_for_tat"
    # Two tit-for-tat players cooperate throughout: R=3 in each of 100 rounds.
    assert fig.data[1].y[-1] == 300 and all(a is b for a, b in zip(fig.data, traces))
    explorer.controls["rounds"].value = 200
    assert len(fig.data[0].x) == 200 and fig.data[2].y[-1] == 600
    explorer.controls["noise"].value = 0.05
    assert fig.data[0].y[-1] < 600
    before = list(fig.data[0].y)
    explorer.controls["seed"].value = 1
    assert list(fig.data[0].y) != before


def test_explorer_rejects_payoffs_that_are_not_a_dilemma():
    explorer = PrisonersDilemmaExplorer("tit_for_tat", "always_defect", rounds=10)
    before = list(explorer.figure.data[0].y)
    explorer.controls["S"].value = 4          # S > R: not a dilemma
    assert "Not a prisoner's dilemma" in explorer.message.value
    assert list(explorer.figure.data[0].y) == before
    explorer.controls["S"].value = 0
    explorer.controls["T"].value = 7          # 2R <= T + S: a dilemma, but alternation pays
    # Always-defect against tit-for-tat over 10 rounds: T=7 once, then P=1 nine times.
    assert "2R" in explorer.message.value and explorer.figure.data[1].y[-1] == 7 + 9


@pytest.mark.parametrize("key", ["a", "b"])
def test_every_strategy_can_be_chosen(key):
    explorer = PrisonersDilemmaExplorer(rounds=10)
    for value in [v for _, v in explorer.controls[key].options]:
        explorer.controls[key].value = value
        assert len(explorer.figure.data[0].x) == 10
