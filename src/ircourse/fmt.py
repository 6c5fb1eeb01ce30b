"""Numbers, percentages and dates in printed output, written the way the student's language writes them.

Python's format specs write English numbers: ``f"{n:,}"`` gives ``3,708`` and ``f"{x:.1f}"`` gives
``6.2``. In Uzbek and Russian the comma is the decimal mark, so ``3,708`` reads as three point seven.
The chapters therefore print numbers through these functions, which follow the session language
(:func:`ircourse.i18n.get_language`) and take the separators, the percent sign and the month names
from CLDR through Babel (:mod:`ircourse.locale`)::

    print(f"{irc.fmt.number(len(wars))} wars")      # 3,708 (en)   3 708 (uz, ru)
    print(f"{irc.fmt.decimal(per_year, 1)} a year")  # 6.2 (en)     6,2 (uz, ru)
    print(f"{irc.fmt.percent(share)} of all")        # 64% (en, uz) 64 % (ru)
    print(irc.fmt.date("1949-04-04"))                # 4 April 1949, 4-aprel, 1949, 4 апреля 1949 г.

In English the numbers are exactly what the format specs gave (``number(n)`` is ``f"{n:,.0f}"``,
``decimal(x, 1)`` is ``f"{x:,.1f}"``, ``percent(s)`` is ``f"{s:,.0%}"``): a float is rounded from
its exact binary value (for a percentage, from the float times 100), half to even, as Python rounds
it. The spaces in Uzbek and Russian numbers are
no-break spaces (U+00A0), so a number never breaks across two lines.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from numbers import Real

from .locale import format_date, format_number, format_percent

__all__ = ["date", "decimal", "number", "percent"]


def _exact(value, name: str):
    """Return ``value`` as Babel should see it: a float becomes the Decimal of its exact binary value."""
    if isinstance(value, bool) or not isinstance(value, (Real, Decimal)):
        raise TypeError(f"irc.fmt.{name}() formats a number, not {type(value).__name__} {value!r}")
    if isinstance(value, float) or (not isinstance(value, (int, Decimal)) and hasattr(value, "dtype")
                                    and getattr(value.dtype, "kind", "") == "f"):
        return Decimal(float(value))
    return value


def _digits(digits, name: str) -> int:
    if isinstance(digits, bool) or not isinstance(digits, int) or not 0 <= digits <= 10:
        raise ValueError(f"irc.fmt.{name}(): digits must be a whole number from 0 to 10, not {digits!r}")
    return digits


def number(value, lang: str | None = None) -> str:
    """Return a whole number with the thousands separator of the session language.

    A float is rounded to a whole number. ``number(3708)`` gives ``3,708`` in English and
    ``3 708`` (no-break space) in Uzbek and Russian.

    Parameters
    ----------
    value : int or float
        The number.
    lang : str, optional
        ``"en"``, ``"uz"`` or ``"ru"``; default the session language.

    Examples
    --------
    >>> number(3708, "en"), number(3708, "ru")
    ('3,708', '3\\xa0708')
    """
    return format_number(_exact(value, "number"), lang, decimals=0)


def decimal(value, digits: int = 1, lang: str | None = None) -> str:
    """Return a number with exactly ``digits`` decimals, in the session language.

    Parameters
    ----------
    value : float or int
        The number.
    digits : int
        Decimals shown (rounded half to even, as Python's ``.1f`` does).
    lang : str, optional
        Default the session language.

    Examples
    --------
    >>> decimal(6.25, 1, "en"), decimal(6.25, 1, "uz"), decimal(1234.5, 2, "ru")
    ('6.2', '6,2', '1\\xa0234,50')
    """
    return format_number(_exact(value, "decimal"), lang, decimals=_digits(digits, "decimal"))


def percent(share, digits: int = 0, lang: str | None = None) -> str:
    """Return a share (0.64) as a percentage in the session language.

    Parameters
    ----------
    share : float
        The share, 1.0 being 100 %.
    digits : int
        Decimals of the percentage.
    lang : str, optional
        Default the session language.

    Examples
    --------
    >>> percent(0.64, lang="en"), percent(0.64, lang="ru"), percent(0.1234, 1, "uz")
    ('64%', '64\\xa0%', '12,3%')
    """
    exact = _exact(share, "percent")
    if isinstance(exact, Decimal) and not isinstance(share, Decimal):
        # Python's % format multiplies the float by 100 first, then rounds
        exact = Decimal(float(share) * 100).scaleb(-2)
    return format_percent(exact, lang, decimals=_digits(digits, "percent"))


def date(value, lang: str | None = None, style: str = "long") -> str:
    """Return a date in the session language (CLDR; British day-month order in English).

    Parameters
    ----------
    value : datetime.date, pandas.Timestamp or str
        A date, or an ISO date text such as ``"1949-04-04"``.
    lang : str, optional
        Default the session language.
    style : {"long", "medium", "short", "full"}
        CLDR's date lengths.

    Examples
    --------
    >>> date("1949-04-04", "en"), date("1949-04-04", "uz"), date("1949-04-04", "ru")
    ('4 April 1949', '4-aprel, 1949', '4 апреля 1949\\u202fг.')
    """
    if isinstance(value, str):
        try:
            value = _dt.date.fromisoformat(value[:10])
        except ValueError:
            raise ValueError(f"irc.fmt.date(): {value!r} is not an ISO date such as '1949-04-04'") from None
    if isinstance(value, _dt.datetime):
        value = value.date()
    if not isinstance(value, _dt.date):
        raise TypeError(f"irc.fmt.date() formats a date, not {type(value).__name__} {value!r}")
    from .i18n import get_language

    if (lang or get_language()) == "en":  # the course writes British English: 4 April 1949
        from babel import dates

        return dates.format_date(value, format=style, locale="en_GB")
    return format_date(value, lang, style=style)
