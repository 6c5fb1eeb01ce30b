"""Charts of the chapter "Why international relations exist": a timeline of IR thought."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from .. import fmt
from ..i18n import get_language, t
from ..theme import OKABE_ITO, SMALL_SIZE
from ..years import year_label, year_ticks
from .common import describe, fit_rows, frame, header, mark_scrolling, year_axis_title

SOURCE = "the works cited in each row (course dataset ir_thought_timeline)"

#: The kinds of milestone, in legend order.
KINDS = ("thinker/book", "institution", "state system")

#: Fixed colour per kind of milestone.
KIND_COLORS = {
    "thinker/book": OKABE_ITO["blue"],
    "institution": OKABE_ITO["bluish_green"],
    "state system": OKABE_ITO["orange"],
}

#: The windows of the era control: key -> (first, last); ``None`` means the data's own extent.
ERAS = {
    "all": (None, None),
    "antiquity": (-1500, 500),
    "1600": (1600, 2000),
    "1900": (1900, 2000),
}

ROW_PX = 34          # largest vertical space per milestone, in pixels
MIN_ROW_PX = 26      # smallest: a two-line label then still clears a one-line label on the next row
LABEL_WIDTH = 46     # characters per line of a marker's label, at most
MIN_LABEL_WIDTH = 22  # ... and at least
NOTE_WIDTH = 60      # characters per line of the hover note
MIN_ROWS = 6         # the plot is never shorter than this many rows
#: The narrowest a chart is read at (JupyterLab at 125% zoom on a 1366 px screen), the margins of the
#: plot, the width of one label character (12 px) and of one date character (13 px), in pixels: the
#: labels are wrapped to fit the plot at that width.
NARROW_PX = 660
MARGIN_PX = 30
LABEL_CHAR_PX = 6.6
DATE_CHAR_PX = 7.4
#: Size of the labels beside the markers (smaller than body text: 21 rows share one screen).
LABEL_SIZE = 12
#: Pixels of the timeline that are not rows: header with legend, axis, source line.
CHROME_PX = 222


def _roman(n: int) -> str:
    """Return ``n`` (1-3999) in Roman numerals: 14 -> ``XIV``."""
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out += letters * count
    return out


def _ordinal(n: int, lang: str | None = None) -> str:
    """Return the number of a century as ``lang`` writes it: 14th (English), XIV (Uzbek and Russian).

    Uzbek and Russian write centuries in Roman numerals ("XIV asr", "XIV век"); the catalogue's
    templates add the word for century.
    """
    if (lang or get_language()) in ("uz", "ru"):
        return _roman(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def date_label(year: int, precision: str) -> str:
    """Return the date of a milestone as a reader writes it, honouring its precision.

    Parameters
    ----------
    year : int
        The year (negative = BCE, no year 0).
    precision : str
        ``"year"`` (exact), ``"circa"`` (approximate) or ``"century"`` (the year stands for its century).

    Examples
    --------
    >>> date_label(1919, "year"), date_label(-431, "circa"), date_label(-1350, "century")
    ('1919', 'c. 431 BCE', '14th century BCE')
    """
    year = int(year)
    if precision == "century":
        century = (abs(year) - 1) // 100 + 1
        key = "thought.date.century_bce" if year < 0 else "thought.date.century_ce"
        return t(key, ordinal=_ordinal(century))
    if precision == "circa":
        return t("thought.date.circa", year=year_label(year))
    return year_label(year)


def _wrap(text: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(str(text), width)) or ""


def window(df: pd.DataFrame, first: int | None = None, last: int | None = None) -> tuple[int, int]:
    """Return the year window ``(first, last)``; ``None`` means the data's extent (rounded to 100 years)."""
    lo = int(df["year"].min()) if len(df) else -1500
    hi = int(df["year"].max()) if len(df) else 2000
    first = (lo // 100) * 100 if first is None else int(first)
    last = -(-hi // 100) * 100 if last is None else int(last)
    return first, last


def timeline_rows(df: pd.DataFrame, kinds: list[str] | None = None, first: int | None = None,
                  last: int | None = None) -> pd.DataFrame:
    """Select and order the milestones a timeline shows, and compute where each is drawn.

    Parameters
    ----------
    df : DataFrame
        The ``ir_thought_timeline`` dataset.
    kinds : list of str, optional
        Kinds to keep (default: all of :data:`KINDS`).
    first, last : int, optional
        Year window (default: the data's extent).

    Returns
    -------
    DataFrame
        The kept rows in chronological order with extra columns: ``row`` (0 = top), ``date`` (the date
        label), ``text`` (the label drawn beside the marker, wrapped to the room on its side at the
        narrowest chart width), ``textposition`` (labels of markers in the right half of the window are
        drawn to their left), ``symbol`` (filled circle
        for an exact year, open circle for an approximate one) and ``hover``.
    """
    kinds = list(KINDS) if kinds is None else list(kinds)
    first, last = window(df, first, last)
    kept = df[df["kind"].isin(kinds) & df["year"].between(first, last)].copy()
    kept["kind_order"] = kept["kind"].map({k: i for i, k in enumerate(KINDS)})
    kept = kept.sort_values(["year", "kind_order", "label"], kind="stable").reset_index(drop=True)
    kept["year"] = kept["year"].astype(int)
    kept["row"] = range(len(kept))
    kept["date"] = [date_label(y, p) for y, p in zip(kept["year"], kept["precision"])]
    plot_px = NARROW_PX - MARGIN_PX - date_margin(kept["date"])
    # Each label goes on the side of its marker with more room, wrapped to that room at the
    # narrowest width the chart is read at, so that no label runs off the plot.
    pad = 0.04 * (last - first)
    span = (last + pad) - (first - pad)
    positions, texts = [], []
    for year, label in zip(kept["year"], kept["label"]):
        at = (year - (first - pad)) / span
        right = at <= 0.5
        room = (1 - at if right else at) * plot_px - 10
        positions.append("middle right" if right else "middle left")
        texts.append(_wrap(label, max(MIN_LABEL_WIDTH, min(LABEL_WIDTH * 2, int(room / LABEL_CHAR_PX)))))
    kept["textposition"] = positions
    kept["text"] = texts
    kept["symbol"] = ["circle" if p == "year" else "circle-open" for p in kept["precision"]]
    kept["hover"] = [
        f"<b>{_wrap(row.label, NOTE_WIDTH)}</b><br>{row.date} · {t('thought.kind.' + row.kind)}"
        f"<br>{_wrap(row.note, NOTE_WIDTH)}<br><i>{_wrap(row.source, NOTE_WIDTH)}</i>"
        for row in kept.itertuples()
    ]
    return kept.drop(columns="kind_order")


def date_margin(dates) -> int:
    """Return the left margin, in pixels, that holds the longest of ``dates`` (the y axis labels)."""
    return round(max((len(d) for d in dates), default=4) * DATE_CHAR_PX + 16)


def timeline_axes(rows: pd.DataFrame, first: int, last: int) -> dict:
    """Return the layout pieces of a timeline that depend on the shown rows and window.

    Returns
    -------
    dict
        ``xaxis``, ``yaxis`` (as dicts for ``fig.update_layout``), ``height``, ``scroll`` (the rows do
        not fit one screen), ``title``, ``header`` (title, subtitle, legend and top margin) and
        ``margin_l`` (room for the dates).
    """
    pad = 0.04 * (last - first)
    tickvals, ticktext = year_ticks(first, last, 7)
    n = max(len(rows), 1)
    height, scroll = fit_rows(max(n, MIN_ROWS), CHROME_PX, ROW_PX, MIN_ROW_PX)
    title = t("thought.title", first=year_label(first), last=year_label(last), n=len(rows))
    return {
        "xaxis": dict(title=dict(text=year_axis_title(first, last)), range=[first - pad, last + pad],
                      tickvals=tickvals, ticktext=ticktext),
        "yaxis": dict(title=None, range=[n - 0.5, -0.5], tickvals=rows["row"].tolist(),
                      ticktext=rows["date"].tolist(), showgrid=True, fixedrange=True,
                      tickfont=dict(size=SMALL_SIZE)),
        "height": height,
        "scroll": scroll,
        "title": title,
        "header": header(title, height, subtitle=t("thought.note")),
        "margin_l": date_margin(rows["date"]),
    }


def ir_timeline(df: pd.DataFrame, kinds: list[str] | None = None, first: int | None = None,
                last: int | None = None, source: str = SOURCE) -> go.Figure:
    """Timeline of milestones of IR thought, institutions and the state system, one row per milestone.

    Each milestone sits on its own row (earliest at the top), at its year on a BCE/CE time axis, with
    its label beside the marker and its date on the left axis, so that antiquity and the crowded
    20th century stay readable in the same chart. Hover a marker for the note and the source.

    Parameters
    ----------
    df : DataFrame
        The ``ir_thought_timeline`` dataset (``year``, ``precision``, ``label``, ``kind``, ``note``,
        ``source``).
    kinds : list of str, optional
        Kinds of milestone to show (``"thinker/book"``, ``"institution"``, ``"state system"``); default all.
    first, last : int, optional
        The window of years (negative = BCE); default the whole span of the data.
    source : str
        Source line text.

    Returns
    -------
    go.Figure
        One marker trace per kind of :data:`KINDS`, always in that order (a kind not shown has an empty
        trace; ``meta`` is the kind), so that an explorer can update the traces in place, then one
        legend key per kind (``meta="<kind>|legend"``, no data). Filled circles are exact years, open
        circles approximate dates. A timeline too long for one screen is marked as scrolling
        (:func:`ircourse.figures.common.mark_scrolling`).
    """
    first, last = window(df, first, last)
    rows = timeline_rows(df, kinds, first, last)
    fig = go.Figure()
    for kind in KINDS:
        part = rows[rows["kind"] == kind]
        fig.add_trace(go.Scatter(
            x=part["year"].tolist(), y=part["row"].tolist(), text=part["text"].tolist(),
            customdata=part["hover"].tolist(), textposition=part["textposition"].tolist(),
            mode="markers+text", name=t(f"thought.kind.{kind}"), meta=kind, legendgroup=kind, showlegend=False,
            marker=dict(size=13, color=KIND_COLORS[kind], symbol=part["symbol"].tolist(), line=dict(width=2.5,
                        color=KIND_COLORS[kind])),
            textfont=dict(size=LABEL_SIZE, color="#222222"), cliponaxis=False,
            hovertemplate="%{customdata}<extra></extra>",
            hoverlabel=dict(align="left"),
        ))
    # The legend's keys are traces of their own: plotly draws a key with the symbol of a trace's first
    # point, which would turn from filled to open with the era shown.
    for kind in KINDS:
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", name=t(f"thought.kind.{kind}"), legendgroup=kind,
            marker=dict(size=13, color=KIND_COLORS[kind], symbol="circle"), hoverinfo="skip",
            meta=f"{kind}|legend",
        ))
    axes = timeline_axes(rows, first, last)
    fig.update_layout(xaxis=axes["xaxis"], yaxis=axes["yaxis"], hovermode="closest",
                      margin=dict(l=axes["margin_l"], r=MARGIN_PX))
    frame(fig, axes["title"], source, height=axes["height"], subtitle=t("thought.note"))
    mark_scrolling(fig, axes["scroll"])
    return describe(fig, timeline_summary(rows, first, last), timeline_table(rows))


def timeline_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Return the plotted milestones as a tidy table (year, precision, kind, label) for ``layout.meta``."""
    return rows[["year", "precision", "kind", "label"]]


def timeline_summary(rows: pd.DataFrame, first: int, last: int) -> str:
    """Return the text alternative of :func:`ir_timeline` for the milestones shown (:func:`timeline_rows`)."""
    if rows.empty:
        return t("summary.thought.none", first=year_label(first), last=year_label(last))
    counts = rows["kind"].value_counts()
    parts = [t("summary.count", name=t(f"thought.kind.{kind}"), n=fmt.number(int(counts[kind])))
             for kind in KINDS if kind in counts.index]
    earliest = rows.iloc[0]
    return t("summary.thought", n=fmt.number(len(rows)), first=year_label(first), last=year_label(last),
             counts=", ".join(parts), earliest=earliest["label"], date=earliest["date"])
