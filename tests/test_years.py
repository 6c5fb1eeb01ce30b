"""The course's year convention (``ircourse.years``), checked against the convention itself.

The convention (README, ``ircourse.years`` and ``data/README.md``): years are integers, negative for
BCE, positive for CE, with no year 0 (1 BCE is followed by 1 CE, as historians count). Years before
1000 CE are written with an explicit "CE" ("500 CE"), later ones plainly ("1648"). Expected values
below are written from that convention, or computed here from it, never taken from the module.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ircourse.years import calendar_years, period_label, period_start, year_label, year_ticks, years_covered

# ----------------------------------------------------------------------------------------- year_label

@pytest.mark.parametrize("year, label", [
    (-2600, "2600 BCE"), (-216, "216 BCE"), (-1, "1 BCE"),
    (0, "1 CE"),  # position 0 of an axis is the boundary between the eras: labelled 1 CE
    (1, "1 CE"), (476, "476 CE"), (999, "999 CE"),
    (1000, "1000"), (1001, "1001"), (1648, "1648"), (2023, "2023"),
])
def test_year_label_follows_the_convention(year, label):
    assert year_label(year) == label


def test_year_label_accepts_numpy_and_pandas_integers():
    assert year_label(np.int64(-44)) == "44 BCE"
    assert year_label(pd.array([1000], dtype="Int64")[0]) == "1000"


# --------------------------------------------------------------------------------- periods and labels

def test_period_start_is_integer_and_aligned_on_multiples():
    starts = period_start(np.array([-216, -101, -100, -1, 1, 99, 100, 1648]), 100)
    # Independent: the largest multiple of 100 not above the year (floor), for BCE years too.
    assert starts.tolist() == [-300, -200, -100, -100, 0, 0, 100, 1600]
    assert starts.dtype.kind == "i"
    decades = period_start(pd.Series([1989, 1990, 1999, 2000]), 10)
    assert decades.tolist() == [1980, 1990, 1990, 2000] and decades.dtype.kind == "i"
    assert period_start(np.array([-3, 3]), 1).tolist() == [-3, 3]


@pytest.mark.parametrize("start, width, label", [
    (1500, 100, "1500s"), (1990, 10, "1990s"),
    (0, 100, "0s"), (0, 10, "0s"),           # years 1-99 CE (and 1-9 CE): a CE period, not BCE
    (-100, 100, "100s BCE"), (-10, 10, "10s BCE"),
    # Width 1: a single year, written as year_label writes it (no "s").
    (-216, 1, "216 BCE"), (5, 1, "5 CE"), (1648, 1, "1648"), (1000, 1, "1000"),
])
def test_period_label(start, width, label):
    assert period_label(start, width) == label


# ------------------------------------------------------------------------------ calendar and coverage

def test_calendar_years_skip_zero_and_are_inclusive():
    assert calendar_years(-3, 3).tolist() == [-3, -2, -1, 1, 2, 3]
    assert calendar_years(1914, 1918).tolist() == [1914, 1915, 1916, 1917, 1918]
    assert calendar_years(-5, -1).tolist() == [-5, -4, -3, -2, -1]


def test_years_covered_is_a_boolean_mask_over_the_calendar():
    covered = years_covered([(-2, 1), (3, 3)], -3, 4)   # calendar: -3 -2 -1 1 2 3 4
    assert covered.dtype == bool                        # ~covered must mean "not covered"
    assert covered.tolist() == [False, True, True, True, False, True, False]
    assert (~covered).sum() == 3


def test_years_covered_counts_against_an_independent_set():
    spans = [(-50, -45), (-46, 2), (10, 10), (1990, 2001), (1995, 1996)]
    first, last = -60, 2010
    covered_years = {y for start, end in spans for y in range(start, end + 1) if y != 0}
    calendar = [y for y in range(first, last + 1) if y != 0]
    assert years_covered(spans, first, last).tolist() == [y in covered_years for y in calendar]


# ------------------------------------------------------------------------------------------ year_ticks

def _round_steps() -> list[int]:
    """The 1-2-5 series of round steps: 1, 2, 5, 10, 20, 50, ... 50,000 years."""
    return [m * 10 ** k for k in range(5) for m in (1, 2, 5)]


@pytest.mark.parametrize("first, last, max_ticks, step", [
    (2000, 2008, 9, 1),      # 8 intervals of 1 year fit in 9 ticks exactly
    (2000, 2009, 9, 2),      # 9 intervals do not: next round step
    (2000, 2009, 10, 1),     # ... unless 10 ticks are allowed
    (2000, 2016, 9, 2),      # 16 / 2 = 8 intervals
    (2000, 2017, 9, 5),
    (1900, 2700, 9, 100),    # 800 / 100 = 8
    (1816, 2016, 9, 25 * 2),  # 200 years: 50-year steps (20 would need 10 intervals)
    (-2600, 2023, 9, 1000),  # 4,623 years: 500 would need 9.2 intervals
    (-6000, 2000, 9, 1000),  # 8,000 / 1,000 = 8
    (-8000, 72000, 9, 10000),  # 80,000 / 10,000 = 8
    (2000, 2001, 2, 1),      # the smallest window: one interval of 1 year
])
def test_year_ticks_choose_the_smallest_round_step_that_fits(first, last, max_ticks, step):
    values, labels = year_ticks(first, last, max_ticks)
    assert values[1] - values[0] == step
    assert all(b - a == step for a, b in zip(values, values[1:]))
    assert all(v % step == 0 for v in values)
    assert values[0] <= first < values[0] + step          # starts at the round year at or before `first`
    assert values[-1] - step < last <= values[-1]          # ends at the round year at or after `last`
    assert labels == [year_label(v) for v in values]


@pytest.mark.parametrize("first, last", [(-2600, 2023), (1816, 2016), (1945, 2023), (-500, 1500), (1, 7)])
def test_year_ticks_against_the_1_2_5_rule(first, last):
    """Independent: the smallest step of the 1-2-5 series with at most 8 intervals over the window."""
    expected = next(s for s in _round_steps() if max(1, last - first) / s <= 8)
    values, _ = year_ticks(first, last)
    assert values[1] - values[0] == expected
    shown = [v for v in values if first <= v <= last]     # the ticks inside the axis range
    assert len(shown) <= 9


def test_year_ticks_default_allows_nine_ticks():
    values, _ = year_ticks(1, 9)        # 8 one-year intervals: one-year steps with the default of 9 ticks
    assert values == list(range(1, 10))
    values, _ = year_ticks(2000, 2009)  # 9 one-year intervals would need 10 ticks: 2-year steps
    assert values == list(range(2000, 2011, 2))
    assert year_ticks(2000, 2000) == ([2000], ["2000"])   # a single year: one tick
