"""The frame every course figure shares: title, subtitle, legend, axis titles and source line.

A chart is read at widths from about 640 px (JupyterLab on a 1366 x 768 projector at 125% zoom) to
1,200 px (the offline site), and plotly neither wraps text nor keeps a legend clear of the title on its
own. So the frame is laid out here, once, from the number of text lines, never from the width:

* the **title** sits at the top of the figure, wrapped at :data:`TITLE_CHARS` characters; a second part
  written after ``<br>`` (the catalogue's ``"title<br><sup>detail</sup>"``) becomes plotly's
  **subtitle**, wrapped at :data:`SUBTITLE_CHARS`;
* the **legend** is a horizontal legend anchored just under the subtitle, in figure ("container")
  coordinates: when it wraps onto more rows at a narrow width, plotly pushes the plot area down,
  so it can reach neither the title nor the data;
* under the plot come the tick labels (never rotated: the theme fixes ``tickangle=0``, so their height
  is known), the x axis title and the **source line**, whose offset follows from the lines above it;
  the source line ends at the plot's right edge, so that a wide margin of row labels on the left
  (horizontal bars, timelines) cannot push it off the figure.

Explorers that change a title, the number of tick label lines or the height call the same functions
(:func:`header`, :func:`footer`) inside ``fig.batch_update()``, so a changed chart keeps its frame.

The text alternative of a chart (``layout.meta``)
-------------------------------------------------
Every figure function of :mod:`ircourse.figures` describes its chart with :func:`describe`, and every
explorer describes it again after each change of its controls. This is the contract with the pages
that show charts (site, slides, handouts, dashboard):

* ``layout.meta["summary"]`` (always there): one or two plain-text sentences that say what the chart
  shows, computed from the same data as the chart, e.g. *"NATO grew from 12 members in 1949 to 32 in
  2024 in 10 enlargement rounds; the largest, in 2004, added 7."* It is written in the session
  language (templates ``summary.*`` of the string catalogue) with its numbers written by
  :mod:`ircourse.fmt`, so an Uzbek or Russian page gets its own separators. No HTML, no line break:
  use it as the chart's ``aria-label`` or ``<figcaption>`` as it is (:func:`summary_of`).
* ``layout.meta["data"]`` (only when small): the values the chart plots as a tidy table, a list of
  records (``[{"year": 1949, "members": 12}, ...]``), every record with the same keys (their order
  means nothing: a saved notebook sorts them). Keys are English ``snake_case`` column names, the same
  in every language; values are plain
  numbers, ISO dates and the datasets' own names, never formatted for a language: write them out as
  a CSV file as they are (:func:`data_of`). A table whose compact JSON would exceed
  :data:`MAX_DATA_BYTES` is left out (the notebook must stay small): the page then offers no data
  link, or the course dataset the chart is drawn from.
* Other keys of ``layout.meta`` belong to the frame and the explorers (``scroll``: see
  :func:`mark_scrolling`; ``title`` and ``fitbounds`` of the bloc map) and are kept by :func:`describe`.

Where the summary is printed: the pages use it as each chart's ``aria-label`` and caption. In a
notebook, a static chart prints no caption (its title already states the finding, and the summary
travels with the saved figure); an explorer shows the summary under its chart and updates it with the
controls, in a live region that a screen reader announces (:mod:`ircourse.widgets.access`).
"""

from __future__ import annotations

import json
import math
import re

import pandas as pd
import plotly.graph_objects as go

from ..i18n import t
from ..theme import SCREEN_HEIGHT, SOURCE_SIZE, SUBTITLE_SIZE, TITLE_SIZE

#: Characters per line of a title (20 px), a subtitle (15 px), an axis title (15 px) and the source line
#: (12 px): what fits a 660 px chart in Verdana, the widest font of the theme's list.
TITLE_CHARS = 56
SUBTITLE_CHARS = 76
AXIS_TITLE_CHARS = 64
SOURCE_CHARS = 88

# Vertical geometry of the frame in pixels, measured in Chromium with plotly.js 4 (line spacing is
# 1.3 x the font size whatever the font family, so these do not depend on the fonts installed).
_TITLE_PAD = 12            # from the top of the figure to the first title line
_TITLE_MULTILINE_PAD = 14  # plotly lifts a title of several lines by this much: pushed back down
_TITLE_LINE = 1.3 * TITLE_SIZE
_SUBTITLE_LINE = 1.3 * SUBTITLE_SIZE
_HEADER_GAP = 10           # between the header and the legend
_PLOT_GAP = 24             # between the header and the plot area when there is no legend above it
_TICK_LABELS = 27          # from the plot's bottom edge to the bottom of one line of x tick labels
_TICK_LINE = 1.3 * SUBTITLE_SIZE
_XTITLE = 24               # one line of x axis title, with its gap to the tick labels
_XTITLE_LINE = 1.3 * SUBTITLE_SIZE + 4
_SOURCE_GAP = 12
_SOURCE_LINE = 1.3 * SOURCE_SIZE
_BOTTOM_PAD = 10

_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def visible_length(text: str) -> int:
    """Return the number of characters of ``text`` a reader sees (HTML tags do not count)."""
    return len(_TAG.sub("", text))


def wrap(text: str | None, width: int) -> str:
    """Wrap a plotly text at ``width`` visible characters, with ``<br>`` between the lines.

    Existing ``<br>`` are kept. Tags (``<b>``, ``<sup>``...) do not count towards the width, and a
    tag is never split. Words longer than ``width`` are left whole. Lines are balanced: a text that
    needs two lines gets two lines of about equal length, not a full line and a lone word.

    Examples
    --------
    >>> wrap("Years with no war or conflict recorded as ongoing, by source", 30)
    'Years with no war or conflict<br>recorded as ongoing, by source'
    >>> wrap("The Versailles order and its collapse, 1919-1939: 31 events", 52)
    'The Versailles order and its<br>collapse, 1919-1939: 31 events'
    >>> wrap("<b>bold words</b> stay bold", 10)
    '<b>bold words</b><br>stay bold'
    """
    if not text:
        return ""
    lines = []
    for paragraph in _BREAK.split(str(text)):
        words = [w for w in re.split(r" +(?![^<]*>)", paragraph.strip()) if w]
        greedy = _fill(words, width)
        # Balance the lines: the narrowest width that needs no more lines (no one-word last line).
        total = sum(visible_length(w) for w in words) + len(words) - 1
        for narrower in range(-(-total // len(greedy)), width):
            balanced = _fill(words, narrower)
            if len(balanced) == len(greedy):
                greedy = balanced
                break
        lines += greedy
    return "<br>".join(lines)


def _fill(words: list[str], width: int) -> list[str]:
    lines, line, used = [], [], 0
    for word in words:
        n = visible_length(word)
        if line and used + 1 + n > width:
            lines.append(" ".join(line))
            line, used = [], 0
        line.append(word)
        used += n + (1 if len(line) > 1 else 0)
    lines.append(" ".join(line))
    return lines


def line_count(text: str | None) -> int:
    """Return the number of lines of a plotly text (0 for an empty text)."""
    return len(_BREAK.split(text)) if text else 0


def plain_text(text: str | None) -> str:
    """Return a plotly text as one plain line: ``<br>`` become spaces, tags are dropped."""
    return " ".join(_TAG.sub("", _BREAK.sub(" ", text or "")).split())


def title_text(layout) -> str:
    """Return a figure's title and subtitle as one plain line (what a reader reads, without the wrapping)."""
    title = layout.title
    return plain_text(f"{title.text or ''}<br>{(title.subtitle.text if title.subtitle else '') or ''}")


def split_title(text: str) -> tuple[str, str]:
    """Split ``"Title<br><sup>detail</sup>"`` into the title and its subtitle (tags of the subtitle removed)."""
    parts = _BREAK.split(text or "", maxsplit=1)
    title = parts[0].strip()
    subtitle = re.sub(r"</?(sup|sub|small)>", "", parts[1]).strip() if len(parts) > 1 else ""
    return title, subtitle


def header_height(title_lines: int, subtitle_lines: int) -> float:
    """Return where the header (title and subtitle) ends, in pixels from the top of the figure.

    Measured: one title line ends 30 px down, each further line adds 1.3 x 20 px; a one-line subtitle
    starts 21 px under the title, a longer one 10 px (plotly lifts it), and its lines are 1.3 x 15 px.
    """
    bottom = _TITLE_PAD + 18 + _TITLE_LINE * max(title_lines - 1, 0)
    if subtitle_lines == 1:
        bottom += 21 + 17
    elif subtitle_lines > 1:
        bottom += 10 + 17 + _SUBTITLE_LINE * (subtitle_lines - 1)
    return bottom


def header(title: str, height: int, legend: bool = True, subtitle: str | None = None) -> dict:
    """Return the layout of a figure's header: title, subtitle, legend position and top margin.

    Parameters
    ----------
    title : str
        The title; what follows a ``<br>`` becomes the subtitle (unless ``subtitle`` is given).
    height : int
        The figure's height in pixels (the legend's position is a fraction of it).
    legend : bool
        Place the legend under the header, across the whole width (``False``: the caller places it, or
        there is none).
    subtitle : str, optional
        The subtitle, if not written into ``title``.

    Returns
    -------
    dict
        ``title``, ``margin`` (``t`` only) and, with ``legend``, ``legend`` for ``fig.update_layout``.
    """
    head, sub = split_title(title)
    if subtitle is not None:
        sub = subtitle
    head, sub = wrap(head, TITLE_CHARS), wrap(sub, SUBTITLE_CHARS)
    n_title = line_count(head)
    bottom = header_height(n_title, line_count(sub))
    pad = _TITLE_PAD + (_TITLE_MULTILINE_PAD if n_title > 1 else 0)
    layout = {
        "title": dict(text=head, subtitle=dict(text=sub), x=0, xref="container", xanchor="left",
                      y=1, yref="container", yanchor="top", pad=dict(t=pad, l=8, r=8), automargin=False),
        "margin": dict(t=round(bottom + (_HEADER_GAP if legend else _PLOT_GAP))),
    }
    if legend:
        layout["legend"] = dict(orientation="h", xref="container", x=0, xanchor="left", yref="container",
                                y=round(1 - (bottom + _HEADER_GAP) / height, 4), yanchor="top")
    return layout


def footer(source: str, tick_lines: int = 1, xtitle_lines: int = 1) -> dict:
    """Return the source annotation and bottom margin for the lines under a figure's x axis.

    Parameters
    ----------
    source : str
        The citation, without the "Source:" prefix.
    tick_lines : int
        Lines of the x tick labels (0 when the x axis shows none).
    xtitle_lines : int
        Lines of the x axis title (0 when there is none).

    Returns
    -------
    dict
        ``annotation`` (the source line, named ``"source"``) and ``margin_b``.
    """
    text = wrap(t("source.prefix", source=plain_text(source)), SOURCE_CHARS)
    below = (_TICK_LABELS + _TICK_LINE * (tick_lines - 1) if tick_lines else 8)
    if xtitle_lines:
        below += _XTITLE + _XTITLE_LINE * (xtitle_lines - 1)
    shift = below + _SOURCE_GAP
    annotation = dict(
        text=text, showarrow=False, xref="paper", yref="paper", x=1, y=0, yshift=-round(shift),
        xanchor="right", yanchor="top", align="right", font=dict(size=SOURCE_SIZE, color="#555555"),
        name="source",
    )
    return {"annotation": annotation,
            "margin_b": round(shift + _SOURCE_LINE * line_count(text) + 2 + _BOTTOM_PAD)}


def add_source(fig: go.Figure, source: str, tick_lines: int = 1, xtitle_lines: int | None = None) -> go.Figure:
    """Write ``Source: <source>`` under the plot area of ``fig``, below the x axis, and return ``fig``.

    The bottom margin is set to hold the tick labels, the x axis title and the source line. A figure
    that has no course header yet (one made with plotly express in a notebook) gets it here too: its
    title is wrapped and a legend drawn above the plot moves under the title (:func:`header`).

    Parameters
    ----------
    fig : go.Figure
        The figure to annotate (changed in place).
    source : str
        Short citation of the data, e.g. ``"UCDP/PRIO Armed Conflict Dataset v24.1"``.
    tick_lines : int
        Lines of the lowest x axis's tick labels.
    xtitle_lines : int, optional
        Lines of the lowest x axis's title (default: counted from the figure).
    """
    if fig.layout.title.text and fig.layout.title.yref != "container":  # not framed by the course yet
        legend = fig.layout.legend
        on_top = legend.orientation == "h" and (legend.y is None or legend.y >= 1)
        fig.update_layout(header(fig.layout.title.text, fig.layout.height or 450, legend=on_top))
        xaxis = _lowest_xaxis(fig)
        if xaxis.title.text:
            xaxis.title.text = wrap(xaxis.title.text, AXIS_TITLE_CHARS)
    if xtitle_lines is None:
        xtitle_lines = line_count(_lowest_xaxis(fig).title.text)
    foot = footer(source, tick_lines, xtitle_lines)
    fig.add_annotation(**foot["annotation"])
    fig.update_layout(margin_b=foot["margin_b"])
    return fig


def _lowest_xaxis(fig: go.Figure):
    """Return the x axis drawn lowest: the one anchored to the y axis whose domain starts lowest."""
    def bottom(name: str) -> float:
        axis = fig.layout[name]
        anchor = axis.anchor if axis.anchor and axis.anchor != "free" else "y" + name[len("xaxis"):]
        domain = fig.layout["yaxis" + anchor[1:]].domain
        return domain[0] if domain else 0.0
    names = [name for name in fig.layout if re.fullmatch(r"xaxis\d*", name)] or ["xaxis"]
    return fig.layout[min(names, key=bottom)]


def axis_title(text: str, chars: int = AXIS_TITLE_CHARS) -> str:
    """Return an axis title wrapped so that it fits along a short axis (``chars`` per line)."""
    return wrap(text, chars)


def y_title_chars(plot_height: float) -> int:
    """Return how many characters of a 15 px vertical axis title fit along ``plot_height`` pixels."""
    return max(16, int(plot_height / (0.6 * SUBTITLE_SIZE)))


def year_axis_title(first: float, last: float) -> str:
    """Return the title of a time axis: ``"Year (BCE/CE)"`` only when the range crosses year 0.

    A chart of 1816-2016 needs no era; one from 2600 BCE to 2023 does.
    """
    if first < 0:
        return t("axis.year")
    # The plain "Year" of the catalogue (written for chapter 2, the same word everywhere).
    return t("globalization.axis.year")


def fit_rows(rows: int, chrome: float, max_row: float, min_row: float,
             screen: int = SCREEN_HEIGHT) -> tuple[int, bool]:
    """Return a height for a chart of ``rows`` rows that fits one screen, and whether it must scroll.

    Parameters
    ----------
    rows : int
        Number of rows (events, milestones, states).
    chrome : float
        Pixels taken by everything but the rows (header, legend, axes, source line).
    max_row, min_row : float
        Largest and smallest height of a row in pixels.
    screen : int
        Height of one screen in CSS pixels.

    Returns
    -------
    (int, bool)
        The height, and ``True`` when even ``min_row`` rows do not fit: the chart is then a
        scrolling timeline (see :func:`mark_scrolling`).
    """
    rows = max(int(rows), 1)
    per_row = min(max_row, max(min_row, (screen - chrome) / rows))
    height = round(chrome + per_row * rows)
    return height, height > screen


def mark_scrolling(fig: go.Figure, scroll: bool = True) -> go.Figure:
    """Mark ``fig`` as a scrolling timeline (``layout.meta["scroll"]``): it may be taller than one screen."""
    meta = dict(fig.layout.meta) if isinstance(fig.layout.meta, dict) else {}
    meta["scroll"] = bool(scroll)
    fig.layout.meta = meta
    return fig


def is_scrolling(layout) -> bool:
    """Return whether a figure's layout is marked as a scrolling timeline."""
    meta = layout.meta if hasattr(layout, "meta") else (layout or {}).get("meta")
    return isinstance(meta, dict) and bool(meta.get("scroll"))


def frame(fig: go.Figure, title: str, source: str, height: int, legend: bool = True,
          tick_lines: int = 1, subtitle: str | None = None, xtitle_chars: int = AXIS_TITLE_CHARS) -> go.Figure:
    """Give ``fig`` the course frame: header, legend under it, source line under the x axis; return it.

    Parameters
    ----------
    fig : go.Figure
        A figure with its traces and axes (titles included) already set.
    title : str
        Title (``"title<br>subtitle"`` works).
    source : str
        Source line text, without "Source:".
    height : int
        Figure height in pixels; at most :data:`ircourse.theme.SCREEN_HEIGHT` unless the figure is
        marked with :func:`mark_scrolling`.
    legend : bool
        Put the legend under the header (``False``: none, or placed by the caller).
    tick_lines : int
        Lines of the lowest x axis's tick labels.
    subtitle : str, optional
        Subtitle, if not written into ``title``.
    xtitle_chars : int
        Characters per line of the x axis titles: fewer for a plot narrowed by long row labels.
    """
    fig.update_layout(height=height, **header(title, height, legend, subtitle))
    for name in fig.layout:
        if re.fullmatch(r"[xy]axis\d*", name) and fig.layout[name].title.text:
            chars = xtitle_chars if name.startswith("x") else y_title_chars(
                (height - fig.layout.margin.t - 120) * _domain_length(fig.layout[name]))
            fig.layout[name].title.text = wrap(fig.layout[name].title.text, chars)
    return add_source(fig, source, tick_lines)


def _domain_length(axis) -> float:
    domain = axis.domain or (0, 1)
    return max(domain[1] - domain[0], 0.2)


# --------------------------------------------------------------------------------------------------
# The text alternative: layout.meta["summary"] and layout.meta["data"]
# --------------------------------------------------------------------------------------------------

#: Largest table of plotted values kept in ``layout.meta["data"]``, in bytes of compact JSON.
MAX_DATA_BYTES = 8_000


def _plain_value(value):
    """Return a table cell as JSON has it: NaN and NA become None, numpy scalars Python numbers."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def records(table: pd.DataFrame | list[dict] | None) -> list[dict] | None:
    """Return ``table`` as JSON-ready records (a list of dicts), or None when it is too big or empty.

    Parameters
    ----------
    table : DataFrame or list of dict, optional
        The values a chart plots, one row per plotted value (tidy).

    Returns
    -------
    list of dict or None
        None when ``table`` is None, empty, or its compact JSON exceeds :data:`MAX_DATA_BYTES`.

    Examples
    --------
    >>> records(pd.DataFrame({"year": [1949, 2024], "members": [12, float("nan")]}))
    [{'year': 1949, 'members': 12.0}, {'year': 2024, 'members': None}]
    """
    if table is None:
        return None
    if isinstance(table, pd.DataFrame):
        # Too big for sure, without converting: every row takes at least {"key":v,...} (an explorer's
        # 12,000 points would otherwise be converted on every change of a control, then dropped).
        columns = [str(k) for k in table.columns]
        smallest_row = 2 + sum(len(k) + 4 for k in columns) + len(columns) - 1  # {"k":v,"k2":v}
        if columns and len(table) * (smallest_row + 1) + 1 > MAX_DATA_BYTES:  # [row,row,...]
            return None
        rows = [{str(k): _plain_value(v) for k, v in row.items()} for row in table.to_dict("records")]
    else:
        rows = [{str(k): _plain_value(v) for k, v in row.items()} for row in table]
    if not rows:
        return None
    if len(json.dumps(rows, ensure_ascii=False, separators=(",", ":"))) > MAX_DATA_BYTES:
        return None
    return rows


def describe(fig: go.Figure, summary: str, data: pd.DataFrame | list[dict] | None = None) -> go.Figure:
    """Attach a chart's text alternative to ``fig`` and return it (see the module's contract).

    Parameters
    ----------
    fig : go.Figure or go.FigureWidget
        The chart (changed in place; an explorer calls this inside ``batch_update``).
    summary : str
        One or two sentences, in the session language, that say what the chart shows.
    data : DataFrame or list of dict, optional
        The plotted values as a tidy table; kept only when small (:func:`records`). Without it (or
        when it is too big) ``layout.meta`` has no ``"data"`` key, also after an earlier one.

    Raises
    ------
    ValueError
        If ``summary`` is empty or holds markup or a line break (it is read out as it is).
    """
    text = re.sub(r"[ \t]+", " ", str(summary or "")).strip()  # keeps the no-break spaces of fmt's numbers
    if not text or _TAG.search(text) or re.search(r"[\r\n]", text):
        raise ValueError(f"a chart summary is plain text of one or two sentences, not {summary!r}")
    meta = dict(fig.layout.meta) if isinstance(fig.layout.meta, dict) else {}
    meta["summary"] = text
    table = records(data)
    if table is None:
        meta.pop("data", None)
    else:
        meta["data"] = table
    fig.layout.meta = meta
    return fig


def summary_of(fig) -> str:
    """Return the summary of a figure, a ``go.Layout`` or a figure dict (``""`` when it has none)."""
    meta = _meta(fig)
    return meta.get("summary", "") if isinstance(meta, dict) else ""


def data_of(fig) -> list[dict]:
    """Return the table of plotted values of a figure, a layout or a figure dict (``[]`` when none)."""
    meta = _meta(fig)
    return list(meta.get("data") or []) if isinstance(meta, dict) else []


def _meta(fig):
    if isinstance(fig, dict):
        return (fig.get("layout", fig) or {}).get("meta")
    layout = getattr(fig, "layout", fig)
    return getattr(layout, "meta", None)
