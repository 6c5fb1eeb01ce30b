"""The course glossary: the terms each chapter defines, in English, Uzbek and Russian.

::

    import ircourse as irc
    irc.glossary.show(3)            # the terms of chapter 3, as a compact table
    irc.glossary.show()             # the whole glossary
    irc.glossary.lookup("dyad")     # one term, as a pandas Series

The terms are authored in ``src/ircourse/build/glossary/chNN.csv`` and built into the dataset
``glossary`` (see :mod:`ircourse.build.glossary`). :func:`show` follows the session language: column
names from the string catalogue, definitions from ``data.po`` (:func:`ircourse.i18n.data_text`,
English for a definition not translated yet); the terms are shown in all three languages anyway.
"""

from __future__ import annotations

import difflib

import pandas as pd

from .claims import escape
from .data import load
from .i18n import data_text, t

#: Columns of the compact table, in order.
SHOWN = ("term_en", "term_uz", "term_ru", "definition_en")


class TermNotFound(KeyError):
    """Raised by :func:`lookup` for a term that is not in the glossary."""

    def __str__(self) -> str:  # KeyError would print the message with quotes
        return str(self.args[0])


def terms(chapter: int | None = None) -> pd.DataFrame:
    """Return the glossary (or one chapter's terms) as a DataFrame, in the authored order.

    Parameters
    ----------
    chapter : int, optional
        Chapter 0-8; ``None`` for every term.

    Raises
    ------
    ValueError
        If ``chapter`` is not a whole number from 0 to 8.
    """
    if chapter is not None and (isinstance(chapter, bool) or not isinstance(chapter, int) or not 0 <= chapter <= 8):
        raise ValueError(t("glossary.error.chapter", chapter=chapter))
    df = load("glossary")
    if chapter is not None:
        df = df[df["chapter"] == chapter]
    return df.reset_index(drop=True)


def show(chapter: int | None = None) -> "CompactStyler":
    """Return the terms of ``chapter`` (or all) as a compact table: term, Uzbek, Russian, meaning.

    Parameters
    ----------
    chapter : int, optional
        Chapter 0-8; ``None`` for the whole glossary (then with a chapter column).

    Returns
    -------
    ircourse.tables.CompactStyler
        A pandas Styler. Displays as an HTML table; ``.data`` is the DataFrame (definitions in the session language).
    """
    df = terms(chapter)
    columns = list(SHOWN) + ([] if chapter is not None else ["chapter"])
    shown = df[columns].copy()
    shown["definition_en"] = [definition(term, text)
                              for term, text in zip(df["term_en"], df["definition_en"])]
    shown.columns = [t(f"glossary.column.{c}") for c in columns]
    from .tables import reading_table  # needs jinja2: imported when a table is shown

    styler = reading_table(shown, f"glossary_{'all' if chapter is None else chapter}", "ircourse-glossary",
                           [{"selector": "td.c0", "props": "font-weight: bold"}])
    return styler.format(lambda v: escape(v) if isinstance(v, str) else v)


def definition(term_en: str, english: str) -> str:
    """Return the definition of a glossary term in the session language (``english`` if not translated)."""
    return data_text(f"glossary:{term_en}:definition", english)


def lookup(term: str) -> pd.Series:
    """Return one glossary entry (case does not matter).

    Raises
    ------
    TermNotFound
        If the term is not in the glossary (the message suggests the closest term).
    """
    df = load("glossary")
    key = str(term).strip().casefold()
    found = df[df["term_en"].str.casefold() == key]
    if found.empty:
        close = difflib.get_close_matches(key, df["term_en"].str.casefold().tolist(), n=1)
        hint = t("glossary.error.hint", close=close[0]) if close else ""
        raise TermNotFound(t("glossary.error.term", term=term, hint=hint))
    return found.iloc[0]
