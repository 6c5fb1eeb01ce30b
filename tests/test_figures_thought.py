"""Tests of the timeline of IR thought (chapter 1): figure function and explorer."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

import ircourse as irc
from ircourse.figures.thought import ERAS, KINDS, date_label, ir_timeline, timeline_rows
from ircourse.i18n import t
from ircourse.widgets.thought import ThoughtTimelineExplorer
from ircourse.figures.common import plain_text, title_text


@pytest.fixture(scope="module")
def thought():
    return irc.load("ir_thought_timeline")


def _markers(fig) -> list:
    """The traces that draw milestones (the legend keys after them hold no data)."""
    return [trace for trace in fig.data if trace.meta in KINDS]


def _shown(fig) -> int:
    return sum(len(trace.x) for trace in _markers(fig))


def test_timeline_traces_titles_and_axes(thought):
    fig = ir_timeline(thought)
    assert isinstance(fig, go.Figure)
    assert [trace.type for trace in fig.data] == ["scatter"] * 2 * len(KINDS)
    assert [trace.meta for trace in fig.data] == list(KINDS) + [f"{k}|legend" for k in KINDS]
    assert [trace.showlegend for trace in fig.data[:3]] == [False] * 3
    assert title_text(fig.layout).startswith("Milestones of international relations")
    assert plain_text(fig.layout.xaxis.title.text) == t("axis.year")
    assert any(a.text.startswith("Source:") for a in fig.layout.annotations)
    # BCE/CE tick labels on the time axis
    assert "1000 BCE" in fig.layout.xaxis.ticktext and "2000" in fig.layout.xaxis.ticktext


def test_timeline_shows_every_milestone_once(thought):
    fig = ir_timeline(thought)
    assert _shown(fig) == len(thought)
    rows = sorted(y for trace in _markers(fig) for y in trace.y)
    assert rows == list(range(len(thought)))        # one row per milestone
    years = sorted(x for trace in _markers(fig) for x in trace.x)
    assert years == sorted(thought["year"].astype(int).tolist())
    for trace in _markers(fig):
        assert len(trace.x) == (thought["kind"] == trace.meta).sum()


def test_timeline_window_and_kind_filter(thought):
    modern = ir_timeline(thought, first=1900, last=2000)
    assert _shown(modern) == int(thought["year"].between(1900, 2000).sum())
    ancient = ir_timeline(thought, first=-1500, last=500)
    assert sorted(x for trace in _markers(ancient) for x in trace.x) == [-1350, -431]
    books = ir_timeline(thought, kinds=["thinker/book"])
    assert _shown(books) == int((thought["kind"] == "thinker/book").sum())
    assert [len(trace.x) for trace in _markers(books)][1:] == [0, 0]


def test_rows_are_chronological_with_dates(thought):
    rows = timeline_rows(thought)
    assert rows["year"].is_monotonic_increasing
    assert rows.loc[0, "date"] == "14th century BCE"
    assert date_label(-431, "circa") == "c. 431 BCE"
    assert set(rows["symbol"]) == {"circle", "circle-open"}


def test_explorer_era_and_kind_controls_change_the_traces(thought):
    explorer = ThoughtTimelineExplorer(thought)
    assert _shown(explorer.figure) == len(thought)
    before = explorer.figure.layout.xaxis.range
    explorer.controls["era"].value = "1900"
    assert _shown(explorer.figure) == int(thought["year"].between(1900, 2000).sum())
    assert explorer.figure.layout.xaxis.range != before
    assert "1900" in title_text(explorer.figure.layout)
    explorer.controls["kinds"].value = ("institution",)
    institutions = int((thought["kind"] == "institution").sum())
    assert [len(trace.x) for trace in _markers(explorer.figure)] == [0, institutions, 0]
    explorer.controls["era"].value = "antiquity"
    assert _shown(explorer.figure) == 0
    explorer.controls["kinds"].value = tuple(KINDS)
    assert _shown(explorer.figure) == 2
    assert set(ERAS) == set(explorer.controls["era"].options[i][1] for i in range(len(ERAS)))


@pytest.mark.parametrize("lang, year, expected", [
    ("en", -1350, "14th century BCE"), ("en", 1250, "13th century"), ("en", 1150, "12th century"),
    ("uz", -1350, "mil. av. XIV asr"), ("uz", 1990, "XX asr"),
    ("ru", -1350, "XIV век до н. э."), ("ru", 1801, "XIX век"), ("ru", -350, "IV век до н. э."),
])
def test_a_century_is_written_as_each_language_writes_it(lang, year, expected):
    """Uzbek and Russian write centuries in Roman numerals (XIV asr, XIV век), never "14th asr"."""
    from ircourse import i18n

    before = i18n.get_language()
    i18n.set_language(lang)
    try:
        assert date_label(year, "century") == expected
    finally:
        i18n.set_language(before)
