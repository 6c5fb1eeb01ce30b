"""The course's one year convention, and the helpers that count and label years with it.

Years are integers: negative = BCE, positive = CE, and there is **no year 0** (1 BCE is followed by
1 CE), as historians write them. On a chart's x axis a year is placed at its number, so the gap
between -1 and 1 is the single boundary between the eras.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from .i18n import t


def year_label(year: int) -> str:
    """Return ``year`` as a reader writes it: ``-216`` -> ``"216 BCE"``, ``1648`` -> ``"1648"``.

    Years before 1000 CE get an explicit ``CE`` so that ``"500 CE"`` cannot be misread.
    Position 0 of an axis (the boundary between the eras) is labelled ``"1 CE"``.

    Examples
    --------
    >>> year_label(-216), year_label(0), year_label(500), year_label(1648)
    ('216 BCE', '1 CE', '500 CE', '1648')
    """
    year = int(year)
    if year < 0:
        return t("year.bce", year=-year)
    if year == 0:
        return t("year.ce", year=1)
    if year < 1000:
        return t("year.ce", year=year)
    return t("year.ce_plain", year=year)


def period_start(years: pd.Series | np.ndarray, width: int) -> np.ndarray:
    """Return the first year of the ``width``-year period each year falls in.

    Periods are aligned on multiples of ``width``: with ``width=100`` the years 1500..1599 give 1500
    and the years 100..1 BCE give -100 (the "100s BCE"). With ``width=1`` each year is its own period.

    Examples
    --------
    >>> period_start(np.array([-216, -1, 1, 1648]), 100).tolist()
    [-300, -100, 0, 1600]
    """
    years = np.asarray(years, dtype=int)
    return (np.floor_divide(years, width) * width).astype(int)


def period_label(start: int, width: int) -> str:
    """Return a label for the period beginning at ``start``: ``"1500s"``, ``"100s BCE"``, ``"216 BCE"``.

    Examples
    --------
    >>> period_label(1500, 100), period_label(-100, 100), period_label(1990, 10), period_label(-216, 1)
    ('1500s', '100s BCE', '1990s', '216 BCE')
    """
    if width == 1:
        return year_label(start)
    if start < 0:
        return t("period.bce", start=-start)
    return t("period.ce", start=start)


def year_ticks(first: int, last: int, max_ticks: int = 9) -> tuple[list[int], list[str]]:
    """Return tick positions and BCE/CE labels for an axis from ``first`` to ``last``.

    Steps are round numbers (1, 2, 5 x 10^k years) so that at most ``max_ticks`` ticks show.

    Examples
    --------
    >>> year_ticks(-2600, 2023)[1][:3]
    ['3000 BCE', '2000 BCE', '1000 BCE']
    """
    span = max(1, last - first)
    step = 1
    for magnitude in (1, 10, 100, 1000, 10000):
        for mult in (1, 2, 5):
            if span / (mult * magnitude) <= max_ticks - 1:
                step = mult * magnitude
                break
        else:
            continue
        break
    start = int(np.floor(first / step) * step)
    values = list(range(start, last + step, step))
    return values, [year_label(v) for v in values]


def calendar_years(first: int, last: int) -> np.ndarray:
    """Return every calendar year from ``first`` to ``last`` inclusive, skipping the non-existent 0.

    Examples
    --------
    >>> calendar_years(-2, 2).tolist()
    [-2, -1, 1, 2]
    """
    years = np.arange(int(first), int(last) + 1)
    return years[years != 0]


def years_covered(spans: Iterable[tuple[int, int]], first: int, last: int) -> np.ndarray:
    """Return a boolean array over :func:`calendar_years` marking the years inside any span.

    Parameters
    ----------
    spans : iterable of (start, end)
        Inclusive year spans, e.g. the start and end years of wars.
    first, last : int
        The window of years to look at.
    """
    years = calendar_years(first, last)
    covered = np.zeros(len(years), dtype=bool)
    for start, end in spans:
        lo, hi = np.searchsorted(years, start, "left"), np.searchsorted(years, end, "right")
        covered[lo:hi] = True
    return covered
