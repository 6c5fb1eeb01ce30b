"""Tables for reading: a pandas Styler whose saved HTML stays small.

A notebook keeps the HTML of every table it shows. pandas' Styler writes an id and a style rule for
every styled cell, long class names on every cell and indentation between tags; for the whole
glossary or the claims register that is most of the notebook's size. :func:`reading_table` returns
a Styler without cell ids and with short class names, and :class:`CompactStyler` drops the
whitespace between tags when the table is displayed.
"""

from __future__ import annotations

import re

import pandas as pd
from pandas.io.formats.style import Styler

#: Short names for the classes pandas puts on every cell (``d r3 c1`` instead of ``data row3 col1``).
CLASS_NAMES = {"row_heading": "rh", "col_heading": "ch", "index_name": "ix", "col": "c", "row": "r",
               "col_trim": "ct", "row_trim": "rt", "level": "l", "data": "d", "blank": "b", "foot": "f"}

_BETWEEN_TAGS = re.compile(r">\s+<")


class CompactStyler(Styler):
    """A Styler whose HTML has no whitespace between tags (the text inside cells is untouched)."""

    def to_html(self, *args, **kwargs):  # noqa: D102 - same as Styler.to_html
        html = super().to_html(*args, **kwargs)
        return html if html is None else _BETWEEN_TAGS.sub("><", html)

    def _repr_html_(self) -> str:
        return self.to_html()


def reading_table(df: pd.DataFrame, uuid: str, css_class: str, rules: list[dict] | None = None) -> CompactStyler:
    """Return ``df`` as a compact styled table: no index, left-aligned cells, ``rules`` added.

    Parameters
    ----------
    df : pandas.DataFrame
        The table as shown (column names already in the reader's language).
    uuid : str
        A fixed id, so that the saved output is identical from run to run; one per view, so that two
        tables on one page do not share their CSS.
    css_class : str
        Class of the ``<table>`` element (``tex2jax_ignore`` is added: no ``$`` is typeset as maths).
    rules : list of dict, optional
        More ``set_table_styles`` rules; cells are addressed by column as ``td.c0``, ``td.c1``...

    Returns
    -------
    CompactStyler
        ``.data`` is ``df``.
    """
    styler = CompactStyler(df, uuid=uuid, cell_ids=False).hide(axis="index")
    styler = styler.set_table_attributes(f'class="{css_class} tex2jax_ignore"')
    return styler.set_table_styles(
        [{"selector": "td", "props": "text-align: left; vertical-align: top"},
         {"selector": "th", "props": "text-align: left"}] + list(rules or []),
        css_class_names=CLASS_NAMES)
