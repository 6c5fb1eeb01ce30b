"""Counting wars and years of peace (``ircourse.conflicts``), against counts made here with plain pandas.

The expected values are computed in this file from the ``wars_long_run`` dataset (or from small
hand-made tables) without the module's helpers: started events are counted with ``value_counts``
on ``year // width``, ongoing years with Python sets.
"""

from __future__ import annotations

import pandas as pd
import pytest

import ircourse as irc
from ircourse.conflicts import SERIES, count_started, peace_years, series_key


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return irc.load("wars_long_run")


def _key(df: pd.DataFrame) -> pd.Series:
    return df["source"] + "|" + df["unit"]


def _expected_counts(events: pd.DataFrame, width: int, first=None, last=None) -> dict[str, dict[int, int]]:
    """Per series: period -> events started, every period from the first to the last event (0 if none)."""
    df = events
    if first is not None:
        df = df[df["start_year"] >= first]
    if last is not None:
        df = df[df["start_year"] <= last]
    out = {}
    for key, part in df.groupby(_key(df)):
        periods = (part["start_year"].astype(int) // width) * width   # floor division: -216 -> -300 by 100
        counts = periods.value_counts()
        full = range(int(periods.min()), int(periods.max()) + 1, width)
        out[key] = {p: int(counts.get(p, 0)) for p in full}
    return out


def _as_dict(counts: pd.DataFrame) -> dict[str, dict[int, int]]:
    return {key: dict(zip(part["period"], part["count"])) for key, part in counts.groupby("series")}


@pytest.mark.parametrize("width, first, last", [(100, None, None), (10, 1800, 1899), (1, 1946, 2023),
                                                (100, -2600, -1), (10, -500, 500)])
def test_count_started_equals_an_independent_count(events, width, first, last):
    counts = count_started(events, width, first, last)
    assert _as_dict(counts) == _expected_counts(events, width, first, last)


def test_count_started_table_shape(events):
    counts = count_started(events, 10, 1900, 1999)
    assert list(counts.columns) == ["series", "period", "count"]
    assert counts["count"].dtype.kind == "i" and counts["period"].dtype.kind == "i"
    assert counts.index.tolist() == list(range(len(counts)))       # one clean index, no repeated labels
    assert not counts.duplicated(["series", "period"]).any()


def test_count_started_default_width_is_a_century(events):
    default = count_started(events)
    assert (default["period"] % 100 == 0).all()
    assert _as_dict(default) == _expected_counts(events, 100)


def test_count_started_on_an_empty_window_keeps_its_columns(events):
    empty = count_started(events, 10, 3000, 3100)
    assert empty.empty and list(empty.columns) == ["series", "period", "count"]


def test_count_started_fills_periods_without_events():
    # Periods -200, -100 and 100; none in the period 0 (years 1-99).
    df = pd.DataFrame({"source": ["S"] * 3, "unit": ["war"] * 3, "start_year": [-150, -50, 130]})
    counts = count_started(df, 100)
    assert counts["period"].tolist() == [-200, -100, 0, 100]
    assert counts["count"].tolist() == [1, 1, 0, 1]
    assert counts["series"].tolist() == ["S|war"] * 4


@pytest.mark.parametrize("width", [0, 5, 50, 1000])
def test_count_started_rejects_other_widths(events, width):
    with pytest.raises(ValueError, match="width must be 1, 10 or 100"):
        count_started(events, width)


# -------------------------------------------------------------------------------------- years of peace

def _expected_peace(events: pd.DataFrame) -> dict[str, tuple[int, int, int, int]]:
    """Per series: first, last, calendar years covered and years with nothing ongoing (Python sets)."""
    out = {}
    for key, part in events.groupby(_key(events)):
        first, last = int(part["start_year"].min()), int(part["end_year"].max())
        ongoing = {y for s, e in zip(part["start_year"], part["end_year"]) for y in range(int(s), int(e) + 1)}
        calendar = [y for y in range(first, last + 1) if y != 0]
        out[key] = (first, last, len(calendar), sum(y not in ongoing for y in calendar))
    return out


def test_peace_years_equal_an_independent_count(events):
    peace = peace_years(events)
    expected = _expected_peace(events)
    assert list(peace.columns) == ["series", "first", "last", "years", "peace_years", "peace_share"]
    got = {row.series: (row.first, row.last, row.years, row.peace_years) for row in peace.itertuples()}
    assert got == expected
    for row in peace.itertuples():
        assert row.peace_share == pytest.approx(100 * row.peace_years / row.years)
    assert (peace["peace_share"] > 0).any()      # at least one source records years of peace


def test_peace_years_follow_the_legend_order(events):
    peace = peace_years(events)
    present = set(_key(events))
    assert peace["series"].tolist() == [series_key(s, u) for s, u in SERIES if series_key(s, u) in present]
    assert peace.index.tolist() == list(range(len(peace)))


def test_peace_years_of_a_small_table():
    df = pd.DataFrame({"source": ["COW", "COW", "HCED"], "unit": ["war", "war", "war"],
                       "start_year": [-3, 2, 10], "end_year": [-2, 2, 13]})
    peace = peace_years(df).set_index("series")
    # COW: calendar -3..2 without 0 is 5 years; ongoing -3, -2, 2; at peace -1 and 1.
    assert peace.loc["COW|war", ["years", "peace_years"]].tolist() == [5, 2]
    assert peace.loc["COW|war", "peace_share"] == pytest.approx(40.0)
    assert peace.loc["HCED|war", ["years", "peace_years", "peace_share"]].tolist() == [4, 0, 0.0]
    assert list(peace.index) == ["HCED|war", "COW|war"]           # legend order: HCED before COW
