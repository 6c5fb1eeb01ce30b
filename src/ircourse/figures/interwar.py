"""Charts of the chapter "The Versailles system and its collapse"."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from .. import fmt
from ..i18n import t
from ..theme import OKABE_ITO
from .common import describe, fit_rows, frame, header, mark_scrolling

#: The event categories of the ``interwar_events`` dataset, in legend order.
CATEGORIES = ("treaty", "revision", "crisis", "breach", "annexation", "war")

#: Fixed colour per category.
CATEGORY_COLORS = {
    "treaty": OKABE_ITO["blue"],
    "revision": OKABE_ITO["bluish_green"],
    "crisis": OKABE_ITO["sky_blue"],
    "breach": OKABE_ITO["vermilion"],
    "annexation": OKABE_ITO["reddish_purple"],
    "war": OKABE_ITO["black"],
}

SOURCE = ("treaty texts (Avalon Project); Z. Steiner (2005, 2011);<br>"
          "G. Weinberg (1970/1980); R. J. Evans (2005); S. Marks (1978);<br>"
          "F. P. Walters (1952); claims register, sections 7-8 (dataset interwar_events)")

#: Largest and smallest height of one event's row, in pixels (the row labels are 13 px).
_ROW_HEIGHT = 25
#: Size of the event labels (the 37 rows share one screen).
LABEL_SIZE = 12
_MIN_ROW_HEIGHT = 14
#: Pixels of the timeline that are not rows: header with one row of legend, axis, source line.
_CHROME = 250
#: Room left and right of the first and last day, as a share of the window: a marker on 1 January
#: is drawn whole even at the narrowest chart width.
_X_PAD = 0.035


def event_key(row: pd.Series) -> str:
    """Return the stable key of an event: its date, plus ``/<end_date>`` for a multi-day event.

    The key names the event's short chart label in the locale files (``interwar.label.<key>``).
    """
    return row["date"] if pd.isna(row["end_date"]) else f"{row['date']}/{row['end_date']}"


def short_label(row: pd.Series) -> str:
    """Return the short chart label of an event (from the locale; the event text if none is defined)."""
    try:
        return t(f"interwar.label.{event_key(row)}")
    except KeyError:
        return textwrap.shorten(str(row["event"]), 40, placeholder="...")


def _period_end(row: pd.Series) -> str | None:
    """Last day of the event: its end date, or the end of the month or year it is dated to; else None."""
    if pd.notna(row["end_date"]):
        return row["end_date"]
    start = pd.Timestamp(row["date"])
    if row["precision"] == "month":
        return (start + pd.offsets.MonthEnd(0)).strftime("%Y-%m-%d")
    if row["precision"] == "year":
        return f"{start.year}-12-31"
    return None


def _marker_date(row: pd.Series) -> str:
    """Where the marker goes: the date itself, or the middle of the month or year it is dated to."""
    if row["precision"] == "day":
        return row["date"]
    start, end = pd.Timestamp(row["date"]), pd.Timestamp(_period_end(row))
    return (start + (end - start) / 2).strftime("%Y-%m-%d")


def date_text(row: pd.Series) -> str:
    """Write an event's date at the precision the sources give: ``16 Mar 1935``, ``Mar 1935``, ``1924``."""
    start = pd.Timestamp(row["date"])
    if row["precision"] == "year":
        text = f"{start.year}"
    elif row["precision"] == "month":
        text = f"{start:%b %Y}"
    else:
        text = f"{start.day} {start:%b %Y}"
    if pd.notna(row["end_date"]):
        end = pd.Timestamp(row["end_date"])
        text += " – " + (f"{end:%b %Y}" if row["precision"] == "month" else f"{end.day} {end:%b %Y}")
    return text


def select_events(events: pd.DataFrame, categories: list[str] | tuple[str, ...] | None = None,
                  first: int | None = None, last: int | None = None) -> pd.DataFrame:
    """Return the events of the chosen categories and years, in date order (stable).

    Parameters
    ----------
    events : DataFrame
        The ``interwar_events`` dataset.
    categories : sequence of str, optional
        Categories to keep (default: all of :data:`CATEGORIES`).
    first, last : int, optional
        Keep the events whose ``year`` lies in ``first..last`` (inclusive).
    """
    categories = CATEGORIES if categories is None else tuple(categories)
    first = int(events["year"].min()) if first is None else int(first)
    last = int(events["year"].max()) if last is None else int(last)
    keep = events["category"].isin(categories) & events["year"].between(first, last)
    return events[keep].sort_values("date", kind="stable").reset_index(drop=True)


def _hex_rgba(color: str, alpha: float) -> str:
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def timeline_traces(chosen: pd.DataFrame) -> dict[str, dict]:
    """Compute the data of every trace of :func:`interwar_timeline` for the chosen events.

    Returns
    -------
    dict
        Keyed by trace ``meta`` (``"<category>|events"``, ``"<category>|spans"``, ``"article"``), each a
        dict of trace properties (``x``, ``y``, ``customdata`` and, for markers, ``symbol``).
    """
    labels = [short_label(r) for _, r in chosen.iterrows()]
    hover = [
        [date_text(r), "<br>".join(textwrap.wrap(str(r["event"]), 70)),
         t("interwar.hover.breached", articles=r["breached"]) if pd.notna(r["breached"]) else "",
         "<br>".join(textwrap.wrap(str(r["source"]), 80)), t(f"interwar.category.{r['category']}")]
        for _, r in chosen.iterrows()
    ]
    out: dict[str, dict] = {}
    for cat in CATEGORIES:
        # Events dated to the day first: the legend draws a category with its first point's symbol.
        idx = sorted((i for i, c in enumerate(chosen["category"]) if c == cat),
                     key=lambda i: chosen["precision"].iloc[i] != "day")
        out[f"{cat}|events"] = dict(
            x=[_marker_date(chosen.iloc[i]) for i in idx], y=[labels[i] for i in idx],
            customdata=[hover[i] for i in idx],
            symbol=["circle" if chosen["precision"].iloc[i] == "day" else "circle-open" for i in idx],
        )
        xs, ys = [], []
        for i in idx:
            end = _period_end(chosen.iloc[i])
            if end is not None:
                xs += [chosen["date"].iloc[i], end, None]
                ys += [labels[i], labels[i], None]
        out[f"{cat}|spans"] = dict(x=xs, y=ys)
    claims = [i for i, c in enumerate(chosen["article_claim"]) if pd.notna(c)]
    out["article"] = dict(
        x=[_marker_date(chosen.iloc[i]) for i in claims], y=[labels[i] for i in claims],
        customdata=["<br>".join(textwrap.wrap(str(chosen["article_claim"].iloc[i]), 70)) for i in claims],
    )
    return out


def timeline_layout(chosen: pd.DataFrame, first: int, last: int) -> dict:
    """Return the layout properties that depend on the chosen events.

    Returns
    -------
    dict
        ``title``, ``xaxis`` (range), ``yaxis`` (categories and range), ``height`` (fitted to one screen
        while the rows stay legible), ``scroll`` (they do not fit) and ``header``.
    """
    labels = [short_label(r) for _, r in chosen.iterrows()]
    height, scroll = fit_rows(max(len(labels), 8), _CHROME, _ROW_HEIGHT, _MIN_ROW_HEIGHT)
    start, end = pd.Timestamp(f"{first}-01-01"), pd.Timestamp(f"{last}-12-31")
    pad = (end - start) * _X_PAD
    title = t("interwar.title", first=first, last=last, n=len(chosen))
    return dict(
        title=dict(text=title),
        xaxis=dict(range=[(start - pad).strftime("%Y-%m-%d"), (end + pad).strftime("%Y-%m-%d")]),
        yaxis=dict(categoryarray=labels, range=[len(labels) - 0.5, -0.5]),
        height=height,
        scroll=scroll,
        header=header(title, height),
    )


def interwar_timeline(events: pd.DataFrame, categories: list[str] | tuple[str, ...] | None = None,
                      first: int | None = None, last: int | None = None, article: bool = True,
                      source: str = SOURCE) -> go.Figure:
    """Timeline of the Versailles order, 1919-1939: one row per event, coloured by category.

    Parameters
    ----------
    events : DataFrame
        The ``interwar_events`` dataset.
    categories : sequence of str, optional
        Categories to show (default: all of :data:`CATEGORIES`).
    first, last : int, optional
        Year window (default: the whole dataset, 1919-1939).
    article : bool
        Ring the events the article under study mentions (hover shows what it says).
    source : str
        Source line text.

    Returns
    -------
    go.Figure
        Two traces per category of :data:`CATEGORIES`, always in this order: markers at the dates
        (``meta="<category>|events"``; filled = dated to the day; hollow, in the middle of its bar =
        dated to the month or year only)
        and bars over an event's days or its uncertain month or year (``meta="<category>|spans"``);
        then the rings of the article's events (``meta="article"``). The y axis lists the events
        top to bottom in date order. The fixed trace order lets an explorer update them in place.
    """
    first = int(events["year"].min()) if first is None else int(first)
    last = int(events["year"].max()) if last is None else int(last)
    chosen = select_events(events, categories, first, last)
    data = timeline_traces(chosen)
    fig = go.Figure()
    for cat in CATEGORIES:
        color, name = CATEGORY_COLORS[cat], t(f"interwar.category.{cat}")
        d = data[f"{cat}|spans"]
        fig.add_trace(go.Scatter(
            x=d["x"], y=d["y"], mode="lines", line=dict(color=_hex_rgba(color, 0.35), width=8),
            name=name, legendgroup=cat, showlegend=False, hoverinfo="skip", meta=f"{cat}|spans",
        ))
        d = data[f"{cat}|events"]
        fig.add_trace(go.Scatter(
            x=d["x"], y=d["y"], customdata=d["customdata"], mode="markers", name=name, legendgroup=cat,
            marker=dict(size=11, color=color, symbol=d["symbol"], line=dict(color=color, width=2.5)),
            hovertemplate=t("interwar.hover") + "<extra></extra>", meta=f"{cat}|events",
        ))
    d = data["article"]
    fig.add_trace(go.Scatter(
        x=d["x"], y=d["y"], customdata=d["customdata"], mode="markers", name=t("interwar.article_legend"),
        marker=dict(size=17, symbol="circle-open", color=OKABE_ITO["orange"], line=dict(width=2.5)),
        cliponaxis=False,  # a ring is taller than a row: in the first and last rows it would be cut
        hovertemplate=t("interwar.article_hover") + "<extra></extra>",
        visible=True if article else "legendonly", meta="article",
    ))
    lay = timeline_layout(chosen, first, last)
    fig.update_layout(
        xaxis=dict(title=dict(text=t("interwar.xaxis")), type="date", range=lay["xaxis"]["range"], side="bottom"),
        yaxis=dict(title=None, type="category", categoryorder="array",
                   categoryarray=lay["yaxis"]["categoryarray"], range=lay["yaxis"]["range"], automargin=True,
                   tickfont=dict(size=LABEL_SIZE), dtick=1),  # every event's label, even in short rows
        hovermode="closest",
    )
    frame(fig, lay["title"]["text"], source, height=lay["height"], xtitle_chars=40)
    mark_scrolling(fig, lay["scroll"])
    return describe(fig, timeline_summary(chosen, first, last), timeline_table(chosen))


def timeline_table(chosen: pd.DataFrame) -> pd.DataFrame:
    """Return the events shown as a tidy table (date, end date, precision, category, short label)."""
    return pd.DataFrame({"date": chosen["date"], "end_date": chosen["end_date"], "precision": chosen["precision"],
                         "category": chosen["category"], "label": [short_label(r) for _, r in chosen.iterrows()]})


def _when(row: pd.Series) -> str:
    """An event's date in the session language, at the precision the sources give (a day, or a year)."""
    return fmt.date(row["date"]) if row["precision"] == "day" else str(pd.Timestamp(row["date"]).year)


def timeline_summary(chosen: pd.DataFrame, first: int, last: int) -> str:
    """Return the text alternative of :func:`interwar_timeline` for the events shown (:func:`select_events`)."""
    if chosen.empty:
        return t("summary.interwar.none", first=first, last=last)
    counts = chosen["category"].value_counts()
    parts = [t("summary.count", name=t(f"interwar.category.{c}"), n=fmt.number(int(counts[c])))
             for c in CATEGORIES if c in counts.index]
    one, end = chosen.iloc[0], chosen.iloc[-1]
    return t("summary.interwar", n=fmt.number(len(chosen)), first=first, last=last, counts=", ".join(parts),
             first_event=short_label(one), first_date=_when(one), last_event=short_label(end), last_date=_when(end))
