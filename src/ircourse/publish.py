"""Publish the course for reading offline and for the classroom projector.

::

    python -m ircourse.publish site   [--out _site]                   # static course site, every language
    python -m ircourse.publish slides [--out _slides] [CHAPTER ...]   # a reveal.js deck per chapter (03, ...)
    python -m ircourse.publish slides --lang uz 03                    # from notebooks/uz/, into _slides/uz/

Both are built from the *committed* notebooks (nothing is executed, so a build takes seconds) and
work from disk with no network at all:

* **Site** (``_site/``): ``index.html`` with the course map, one page per chapter
  (``notebooks/NN_topic.html``) and per student homework notebook (``exercises/NN_topic.html``; the
  solution notebooks are never read), the data sources page (``data/README.html``), and a
  downloadable copy of each notebook. Every plotly chart is drawn in the browser by ONE shared
  ``assets/plotly.min.js`` (the copy that ships with the installed plotly package).
  The same pages in Uzbek and Russian are in ``_site/uz/`` and ``_site/ru/`` (from ``notebooks/<lang>/``
  and ``exercises/<lang>/``), with the site's own strings from the string catalogue in the page's
  language; every page has ``<html lang>`` and a language switcher to the same page in the other
  languages (:func:`build_site`). Pages are made for every screen: on a phone the sticky bar shrinks to
  one line and a menu, tables scroll in their own box, and each chart switches to a phone layout
  (:func:`narrow_figure`). Each chart is a ``<figure>`` named by its text alternative
  (``layout.meta["summary"]``, :func:`chart_summary`) with a link to its values as CSV, written beside
  the page (``NN_topic.chart-01.csv``, :func:`chart_table`).
* **Slides** (``_slides/``): ``NN_topic.slides.html`` per chapter, with the same shared
  ``assets/plotly.min.js`` and a vendored reveal.js (``ircourse/assets/reveal/``, see its README).
  Slide boundaries are assigned at build time in a copy of each notebook (:func:`assign_slide_types`):
  the committed notebooks carry no slide metadata and are never modified. Code is hidden; outputs
  are shown. ``--lang`` builds them from the chapters of another language (:func:`build_slides`).

Saved notebooks store plotly charts as ``application/vnd.plotly.v1+json`` outputs, which nbconvert's
HTML templates do not draw: :class:`PlotlyToHTMLPreprocessor` turns each into a ``<div>`` and a
``Plotly.newPlot`` call. Widget outputs need a kernel: :class:`WidgetNotePreprocessor` replaces them
with a short note. nbconvert's templates also load require.js, MathJax, mermaid and (for slides)
reveal.js and jQuery from CDNs; the course's templates (:data:`TEMPLATES`) load none of them, and
every page is checked for network references before it is written (:func:`network_references`).
The little inline mathematics of the chapters is typeset as HTML at build time
(:class:`InlineMathPreprocessor`).

Two cell conventions decide what readers who have no notebook see (the site, the decks, and the Voila
dashboard of :mod:`ircourse.dashboard`, which uses the same functions):

* **Tag** ``notebook-only``: a cell meant only for the notebook in JupyterLab ("Run the cells from
  top to bottom") is left out of the site, the decks and the dashboard (:func:`is_notebook_only`,
  :class:`NotebookOnlyPreprocessor`).
* **Tag** ``live-only``: a cell that needs a running kernel (an explorer, "move the slider") is shown
  in the notebook and on the Voila dashboard, where the controls work, and left out of the static
  site, the decks and the handouts (:func:`is_live_only`).
* **Printouts keep their code.** Where code is hidden (decks, dashboard), a code cell whose outputs
  are only printed text (``print(...)``, or a plain-text result such as a Series: "Name: count,
  dtype: Int64") is shown *with* its code, which is what makes the printout readable; so is any
  code cell tagged ``show-code``. Every other code cell shows its outputs only
  (:func:`shows_code`, :class:`CodeVisibilityPreprocessor`). To keep a printout out of the site,
  the decks and the dashboard altogether, tag its cell ``notebook-only``.

Paper handouts (PDF) are made by :mod:`ircourse.handout` with the same preprocessors.

From Python::

    from ircourse import publish
    publish.build_site("_site")
    publish.build_slides("_slides", ["notebooks/03_war_across_5500_years.ipynb"])
    publish.build_slides(None, ["03"], lang="ru")
"""

from __future__ import annotations

import argparse
import base64
import copy
import csv
import html
import io
import json
import math
import posixpath
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from jinja2 import DictLoader, Environment, select_autoescape
from markupsafe import Markup
from nbconvert import HTMLExporter, SlidesExporter
from nbconvert.preprocessors import Preprocessor
from traitlets import Int, Unicode

from .i18n import COURSE_LANGUAGES, DEFAULT_LANGUAGE, get_language, t

PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"
WIDGET_MIMETYPE = "application/vnd.jupyter.widget-view+json"
#: Cell tags (shared convention of the course): a cell only for the live notebook; a cell whose code
#: stays visible where code is hidden.
NOTEBOOK_ONLY = "notebook-only"
LIVE_ONLY = "live-only"
SHOW_CODE = "show-code"

PACKAGE = Path(__file__).resolve().parent
REVEAL_ASSETS = PACKAGE / "assets" / "reveal"
#: File written into a built site, so that a rebuild may safely delete the old one.
MARKER = ".ircourse-publish"

#: Slide size in CSS pixels (16:9, like most classroom projectors); reveal.js scales it to the screen.
SLIDE_WIDTH, SLIDE_HEIGHT = 1280, 720
#: Smallest height of a chart in the decks: a chart has a sub-slide of its own, and fills it. Taller
#: charts (a 31-event timeline drawn 1,070 px tall) keep their height, and their slide scrolls: squeezed,
#: plotly would drop half of their axis labels.
SLIDE_CHART_HEIGHT = 660
#: Rough amount of content (characters of text; table rows and lines count extra) that fits one slide.
SLIDE_BUDGET = 1500


class PublishError(Exception):
    """A course page or deck cannot be built (missing notebooks, unsafe output folder...)."""


# ---------------------------------------------------------------------------------------------------
# Locating the course
# ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Page:
    """One page of the course site.

    Attributes
    ----------
    source : Path
        The notebook (or the data README) the page is built from.
    target : str
        Path of the page inside the site, with ``/`` separators (``"notebooks/03_war.html"``,
        ``"uz/notebooks/03_war.html"``).
    kind : str
        ``"chapter"``, ``"homework"`` or ``"data"``.
    number : int or None
        Chapter number from the file name prefix (``03_...`` -> 3).
    title : str
        Plain-text title from the notebook's first heading, without its number (``"War across 5,500 years"``).
    heading : str
        The first heading as written (``"3. War across 5,500 years"``), used as the browser tab title.
    lang : str
        Language of the page (``"en"``, ``"uz"``, ``"ru"``): of its navigation, and of its content
        unless :attr:`content_lang` says otherwise.
    course_path : str
        Path of the source inside the course, with ``/`` separators (``"notebooks/uz/03_war.ipynb"``);
        relative links of the source are resolved from it. Default: the target's folder and the
        source's file name.
    content_lang : str
        Language of the page's content when it is not :attr:`lang` (the data page, written in English
        only, in the Uzbek and Russian sites); ``""`` otherwise.
    """

    source: Path
    target: str
    kind: str
    number: int | None
    title: str
    heading: str
    lang: str = DEFAULT_LANGUAGE
    course_path: str = ""
    content_lang: str = ""

    @property
    def source_name(self) -> str:
        """Return the path of the source inside the course, with ``/`` separators."""
        return self.course_path or posixpath.join(posixpath.dirname(self.target), self.source.name)

    @property
    def download(self) -> str | None:
        """Return the site path of the downloadable notebook (beside the page), or None (data page)."""
        if self.kind not in ("chapter", "homework"):
            return None
        return posixpath.join(posixpath.dirname(self.target), self.source.name)

    @property
    def key(self) -> tuple[str, str]:
        """Return what identifies the page across languages: its kind and its source's file name."""
        return self.kind, self.source.name


def find_course_root(root: Path | str | None = None) -> Path:
    """Return the course checkout to publish (the folder holding ``notebooks/``).

    Parameters
    ----------
    root : path, optional
        Folder to use; by default the checkout this package is installed from (editable install).

    Raises
    ------
    PublishError
        If the folder has no ``notebooks/*.ipynb``.
    """
    folder = Path(root).resolve() if root else PACKAGE.parents[1]
    if not any((folder / "notebooks").glob("*.ipynb")):
        raise PublishError(
            f"no notebooks/*.ipynb in {folder}: run from a checkout of the course installed with "
            "`pip install -e .`, or pass --root")
    return folder


def chapter_number(path: Path) -> int | None:
    """Return the number in a notebook's file name prefix (``03_war.ipynb`` -> 3), or None."""
    match = re.match(r"(\d+)_", path.name)
    return int(match.group(1)) if match else None


def check_language(lang: str) -> str:
    """Return ``lang`` if it is a course language, else raise :class:`PublishError` naming the choices."""
    if lang not in COURSE_LANGUAGES:
        raise PublishError(f"unknown language {lang!r}; choose one of {', '.join(COURSE_LANGUAGES)}")
    return lang


def language_folder(root: Path, folder: str, lang: str = DEFAULT_LANGUAGE) -> Path:
    """Return where the notebooks of ``folder`` (``notebooks``, ``exercises``) are in ``lang``.

    English is the source (``notebooks/``); a translation is generated into ``notebooks/<lang>/``.
    """
    return root / folder if lang == DEFAULT_LANGUAGE else root / folder / lang


def site_prefix(lang: str) -> str:
    """Return the folder of ``lang`` inside a built site: ``""`` for English (the root), else ``"uz/"``."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def site_languages(root: Path) -> list[str]:
    """Return the languages the course can be published in: English, and each with translated chapters."""
    return [lang for lang in COURSE_LANGUAGES
            if lang == DEFAULT_LANGUAGE or any(language_folder(root, "notebooks", lang).glob("*.ipynb"))]


_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def markdown_headings(source: str) -> list[tuple[int, str]]:
    """Return ``(level, text)`` of every ATX heading of a markdown text, outside fenced code."""
    headings, fenced = [], False
    for line in source.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        match = None if fenced else _HEADING.match(line)
        if match:
            headings.append((len(match.group(1)), match.group(2)))
    return headings


def markdown_to_plain_text(text: str) -> str:
    """Return inline markdown as plain text: links keep their text; emphasis, code marks and tags go."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"[*_`]+", "", text)
    return html.unescape(" ".join(text.split()))


def notebook_headings(nb: nbformat.NotebookNode) -> list[str]:
    """Return the plain text of every markdown heading of a notebook, in order."""
    return [markdown_to_plain_text(text) for cell in nb.cells if cell.cell_type == "markdown"
            for _, text in markdown_headings(cell.source)]


def strip_heading_number(title: str) -> str:
    """Return a heading without its leading number (``"3. War"`` -> ``"War"``)."""
    return re.sub(r"^\d+\s*[.:·)]\s*", "", title).strip()


def notebook_title(nb: nbformat.NotebookNode, fallback: str, skip: tuple[str, ...] = ()) -> str:
    """Return the first heading of a notebook that is not in ``skip`` (or ``fallback``).

    Parameters
    ----------
    nb : NotebookNode
        The notebook.
    fallback : str
        Returned when the notebook has no usable heading (e.g. the file name).
    skip : tuple of str
        Headings to pass over: the course title, which the start-here notebook uses as its first heading.
    """
    return next((h for h in notebook_headings(nb) if h and h not in skip), fallback)


def course_pages(root: Path, lang: str = DEFAULT_LANGUAGE) -> list[Page]:
    """Return every page of the course site in ``lang``: chapters, student homework notebooks, the data page.

    Only ``exercises/*.ipynb`` (the student notebooks; ``exercises/<lang>/*.ipynb`` in another
    language) are listed: ``exercises/solutions/`` is never read. The data page is built from the
    English ``data/README.md`` in every language (it has no translation: :attr:`Page.content_lang`).
    """
    pages = []
    title = course_title(root, lang)
    prefix = site_prefix(lang)
    sub = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    for folder, kind in (("notebooks", "chapter"), ("exercises", "homework")):
        for path in sorted(language_folder(root, folder, lang).glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            heading = notebook_title(nb, path.stem, skip=(title,) if kind == "chapter" else ())
            pages.append(Page(path, f"{prefix}{folder}/{path.stem}.html", kind, chapter_number(path),
                              strip_heading_number(heading) if kind == "chapter" else heading, heading,
                              lang, f"{folder}/{sub}{path.name}"))
    readme = root / "data" / "README.md"
    if readme.is_file():
        headings = markdown_headings(readme.read_text(encoding="utf-8"))
        heading = markdown_to_plain_text(headings[0][1]) if headings else "Data"
        pages.append(Page(readme, f"{prefix}data/README.html", "data", None, heading, heading, lang,
                          "data/README.md", "" if lang == DEFAULT_LANGUAGE else DEFAULT_LANGUAGE))
    return pages


def reader_cells(nb: nbformat.NotebookNode) -> list:
    """Return the cells every reader sees: no ``notebook-only`` cell (the language line is one), no ``live-only`` cell."""
    return [cell for cell in nb.cells if not is_notebook_only(cell) and not is_live_only(cell)]


def start_notebook(root: Path, lang: str = DEFAULT_LANGUAGE) -> Path | None:
    """Return the first chapter (the start-here notebook) in ``lang``, or None."""
    first = sorted(language_folder(root, "notebooks", lang).glob("*.ipynb"))
    return first[0] if first else None


def course_title(root: Path, lang: str = DEFAULT_LANGUAGE) -> str:
    """Return the course title: the first heading of the first chapter (the start-here notebook) in ``lang``."""
    first = start_notebook(root, lang)
    if first:
        headings = notebook_headings(nbformat.read(first, as_version=4))
        if headings:
            return headings[0]
    return t("publish.course_title", lang=lang)


def course_introduction(root: Path, lang: str = DEFAULT_LANGUAGE) -> str:
    """Return the first plain paragraph of the start-here notebook in ``lang`` (the course in one sentence), or ``""``."""
    first = start_notebook(root, lang)
    if not first:
        return ""
    nb = nbformat.read(first, as_version=4)
    for cell in reader_cells(nb):
        if cell.cell_type != "markdown":
            continue
        for block in re.split(r"\n\s*\n", cell.source):
            block = block.strip()
            if block and not block.startswith(("#", "*", "-", "|", ">", "<", "1.")):
                return markdown_to_plain_text(block)
    return ""


def plotly_js_path() -> Path:
    """Return the ``plotly.min.js`` bundled with the installed plotly package."""
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not path.is_file():
        raise PublishError(f"plotly.min.js not found in the plotly package ({path})")
    return path


# ---------------------------------------------------------------------------------------------------
# Preprocessors: plotly outputs, widget outputs, inline mathematics
# ---------------------------------------------------------------------------------------------------

def script_json(value) -> str:
    """Return ``value`` as JSON that is safe inside an HTML ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


#: A chart narrower than this (CSS pixels) is drawn with its phone layout (:func:`narrow_figure`).
NARROW_CHART = 600
#: Width the phone layout is made for: a 360 px wide phone, less the page's padding.
PHONE_CHART_WIDTH = 320
#: Room kept on the right of a phone chart for plotly's mode bar (zoom, pan, reset), drawn vertically there.
MODEBAR_WIDTH = 34
#: Mode bar buttons a reader of the site has no use for (selecting points).
MODEBAR_REMOVED = ["select2d", "lasso2d", "autoScale2d"]
#: Width the course's chart frame wraps its texts for (:mod:`ircourse.figures.common`).
FRAME_WIDTH = 660
#: Tallest chart that is not marked as a scrolling timeline (one screen of the projector).
MAX_CHART_HEIGHT = 768
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")


def _unwrap(text) -> str:
    """Return a plotly text on one line (its ``<br>`` become spaces), tags kept."""
    return " ".join(_BR.sub(" ", str(text or "")).split())


def _lines(text) -> int:
    return len(_BR.split(text)) if text else 0


def _thin_ticks(axis: dict, plot_width: float) -> dict:
    """Return an x ``axis`` whose tick labels fit ``plot_width`` pixels.

    Explicit labels (``tickvals``) outside the axis's ``range`` are dropped and the others thinned out to
    every n-th; otherwise a fixed step (``dtick``) is
    dropped and plotly chooses at most as many ticks as fit (``nticks``). A category axis is left as it is.
    """
    if axis.get("type") == "category" or axis.get("showticklabels") is False:
        return axis
    values, texts = axis.get("tickvals"), axis.get("ticktext")
    shown = axis.get("range")
    if isinstance(values, list) and isinstance(shown, list) and len(shown) == 2 and \
            all(isinstance(v, (int, float)) for v in [*values, *shown]):  # only the ticks inside the range count
        low, high = sorted(shown)
        inside = [i for i, v in enumerate(values) if low <= v <= high]
        if isinstance(texts, list) and len(texts) == len(values):
            texts = [texts[i] for i in inside]
        values = [values[i] for i in inside]
        axis["tickvals"] = values
        if isinstance(texts, list):
            axis["ticktext"] = texts
    if isinstance(values, list) and len(values) > 2:
        labels = texts if isinstance(texts, list) and len(texts) == len(values) else [str(v) for v in values]
        widest = max(_text_width(_unwrap(x), 15) for x in labels) + 16
        step = math.ceil(len(values) * widest / max(plot_width, 1))
        if step > 1:
            axis["tickvals"] = values[::step]
            if isinstance(texts, list) and len(texts) == len(values):
                axis["ticktext"] = texts[::step]
        return axis
    for key in ("dtick", "tick0"):
        axis.pop(key, None)
    if axis.get("tickmode") == "linear":
        axis.pop("tickmode")
    axis["nticks"] = max(2, min(6, int(plot_width // 75)))
    return axis


def _axis_names(layout: dict, letter: str) -> list[str]:
    return sorted(k for k in layout if re.fullmatch(letter + r"axis\d*", k))


def _text_width(text, size: float) -> float:
    """Return a generous estimate of the width in pixels of one line of text at ``size`` px (Verdana is wide)."""
    return len(_TAGS.sub("", str(text))) * 0.62 * size


def _budget(text, default: int, scale: float) -> int:
    """Return the characters per line to wrap ``text`` at on a phone: its frame's budget, scaled.

    A text the frame wrapped onto several lines shows the budget it was given (its longest line); a
    one-line text had the default budget.
    """
    lines = [_TAGS.sub("", x) for x in _BR.split(str(text or ""))]
    used = max((len(x) for x in lines), default=0) if len(lines) > 1 else default
    return max(8, int(min(used, default) * scale))


def _axis_layout_key(trace_axis: str | None, letter: str) -> str:
    """Return the layout key of a trace's axis (``"y2"`` -> ``"yaxis2"``)."""
    ref = trace_axis or letter
    return f"{letter}axis{ref[1:]}"


def _category_labels(figure: dict, layout: dict, name: str) -> list[str]:
    """Return the category labels of a y axis, in order: its category array, else the traces' values."""
    axis = layout.get(name) or {}
    if isinstance(axis.get("categoryarray"), list) and axis["categoryarray"]:
        return [str(x) for x in axis["categoryarray"]]
    labels = []
    for trace in figure.get("data") or []:
        if _axis_layout_key(trace.get("yaxis"), "y") != name:
            continue
        values = decode_array(trace.get("y")) or []
        if values and all(isinstance(v, str) for v in values):
            labels += values
    return list(dict.fromkeys(labels))


#: Trace types that appear in the legend unless told otherwise (heat maps and maps do not).
LEGEND_TYPES = {"scatter", "scattergl", "bar", "box", "histogram", "violin", "funnel", "waterfall", "pie",
                "scattergeo", "scattermap", "scattermapbox", "scatterpolar", "scatterternary"}


def in_legend(trace: dict) -> bool:
    """Return whether plotly shows a trace in the legend."""
    if trace.get("visible", True) is False:
        return False
    if trace.get("showlegend") is not None:
        return bool(trace["showlegend"])
    return trace.get("type", "scatter") in LEGEND_TYPES


#: Phone layout: size of the row labels of a category axis, and the characters per line they wrap at.
PHONE_LABEL_SIZE = 11
PHONE_LABEL_CHARS = 18


def narrow_figure(figure: dict, width: int = PHONE_CHART_WIDTH) -> dict | None:
    """Return the phone version of a saved chart: its layout, and changes to its traces; None if none is needed.

    The course's frame (:mod:`ircourse.figures.common`) wraps titles, subtitles, axis titles and the
    source line for a chart of at least :data:`FRAME_WIDTH` pixels, and lays the header out in pixels
    from the number of lines. For a phone:

    * the texts are wrapped again, at their budget scaled by ``width / FRAME_WIDTH``; the header and
      the bottom margin grow by the lines added, and so does the chart (the plot keeps its height);
    * a horizontal legend under the header gets the rows its items need at this width (plotly does
      not push the plot down for a legend placed in figure coordinates); a legend on the right of the
      plot moves there; an item wider than the phone (a long series name, often in Russian) wraps
      onto lines;
    * long row labels (category axes: events, organizations, states) wrap onto two lines in a
      smaller font, and the chart grows to give each row its lines;
    * x tick labels: explicit ones are thinned out, fixed steps are left to plotly, with at most as
      many ticks as fit the plot's width;
    * text beside markers (timeline labels) is dropped (it stays in the hover label), bar values
      drawn outside the bars go inside them, and other annotations wrap to the width; the page's
      script (:data:`CHART_SCRIPT`) moves an annotation that still sticks out back in and hides one
      that still covers another piece of text.

    A chart taller than one screen afterwards is marked as scrolling (``meta.scroll``): on a phone it
    scrolls with the page.

    Returns
    -------
    dict or None
        ``{"layout": layout, "traces": [changes of trace i or {}]}``, or None for a chart that is not
        framed by the course (a chart without a title at the top of the figure).
    """
    from .figures import common

    layout = copy.deepcopy(figure.get("layout") or {})
    layout.pop("width", None)
    title = layout.get("title")
    title = dict(title) if isinstance(title, dict) else ({"text": title} if title else {})
    if not (title.get("yref") == "container" and title.get("text")):
        return None
    # The mode bar stands on the right edge (vertical): the header's texts keep clear of it.
    scale = (width - MODEBAR_WIDTH) / FRAME_WIDTH
    layout["modebar"] = {**(layout.get("modebar") or {}), "orientation": "v"}
    old_height = height = layout.get("height") or 450
    margin = dict(layout.get("margin") or {})
    top, bottom = margin.get("t") or 100, margin.get("b") or 80
    old_top = top

    # Header: title and subtitle.
    head = common.wrap(_unwrap(title["text"]), _budget(title["text"], common.TITLE_CHARS, scale))
    subtitle = dict(title.get("subtitle") or {})
    sub = common.wrap(_unwrap(subtitle.get("text")), _budget(subtitle.get("text"), common.SUBTITLE_CHARS, scale))
    old_bottom = common.header_height(_lines(title["text"]), _lines(subtitle.get("text")))
    new_bottom = common.header_height(_lines(head), _lines(sub))
    grow_top = new_bottom - old_bottom
    pad = dict(title.get("pad") or {})
    pad["t"] = (pad.get("t") or 12) + 14 * ((_lines(head) > 1) - (_lines(title["text"]) > 1))
    title.update(text=head, pad=pad)
    if subtitle:
        subtitle["text"] = sub
        title["subtitle"] = subtitle
    layout["title"] = title

    # Legend: under the header, with the rows its items take at this width.
    legend = dict(layout.get("legend") or {})
    names = [_unwrap(t.get("name")) for t in figure.get("data") or [] if t.get("name") and in_legend(t)]
    shows_legend = layout.get("showlegend") is not False and (len(names) > 1 or layout.get("showlegend") is True)
    legend_top = None
    if shows_legend and legend.get("yref") == "container" and isinstance(legend.get("y"), (int, float)):
        legend_top = (1 - legend["y"]) * old_height + grow_top
    elif shows_legend and legend.get("orientation", "v") != "h":
        legend_top = new_bottom + 10
        legend.update(orientation="h", x=0, xanchor="left", xref="container", yanchor="top", yref="container")
    legend_names: dict[str, str] = {}  # a name wider than the phone: wrapped onto lines
    if legend_top is not None:
        size = ((legend.get("font") or {}).get("size")) or 13
        room = width - MODEBAR_WIDTH - 10
        chars = max(8, int((room - 45) / (1.1 * 0.62 * size)))
        rows_height, used, row_lines = 0.0, 0.0, 1
        for name in dict.fromkeys(names):
            if _text_width(name, size) * 1.1 + 45 > room:
                legend_names[name] = common.wrap(name, chars)
            lines = _BR.split(legend_names.get(name, name))
            item = max(_text_width(line, size) for line in lines) * 1.1 + 45
            if used and used + item > room:
                rows_height, used, row_lines = rows_height + (1.6 + 1.2 * (row_lines - 1)) * size, 0.0, 1
            used += item
            row_lines = max(row_lines, len(lines))
        rows_height += (1.6 + 1.2 * (row_lines - 1)) * size  # a row: its tallest item's lines
        needed = legend_top + rows_height + 14
        grow_top = max(grow_top, needed - top)
    top = round(top + grow_top)

    # Row labels of category y axes: smaller, on two lines; rows tall enough for them.
    label_width = 0.0
    grow_plot = 0.0
    for name in _axis_names(layout, "y"):
        axis = dict(layout[name])
        labels = [] if axis.get("tickvals") else _category_labels(figure, layout, name)
        if not labels or axis.get("showticklabels") is False:
            continue
        wrapped = [common.wrap(_unwrap(x), PHONE_LABEL_CHARS) for x in labels]
        label_width = max(label_width, max(_text_width(line, PHONE_LABEL_SIZE)
                                           for x in wrapped for line in _BR.split(x)) + 12)
        if any(len(_TAGS.sub("", x)) > PHONE_LABEL_CHARS for x in labels) or \
                ((axis.get("tickfont") or {}).get("size") or 15) > PHONE_LABEL_SIZE:
            axis.update(tickmode="array", tickvals=labels, ticktext=wrapped,
                        tickfont={**(axis.get("tickfont") or {}), "size": PHONE_LABEL_SIZE})
            axis.pop("dtick", None)
            domain = axis.get("domain") or [0, 1]
            plot = (old_height - (margin.get("t") or 100) - bottom) * (domain[1] - domain[0])
            needed = len(labels) * (max(_lines(x) for x in wrapped) * 1.25 * PHONE_LABEL_SIZE + 2)
            grow_plot = max(grow_plot, needed - plot)
        layout[name] = axis
    if label_width:
        margin["l"] = max(round(label_width), 40)
    else:  # plotly's default 80 px, or the frame's room for a y axis title: made again by automargin
        margin["l"] = max(40, round((margin.get("l") or 80) * 0.6))
    margin["r"] = max(MODEBAR_WIDTH, round((margin.get("r") or 0) * scale))
    plot_width = width - (margin.get("l") or 80) - (margin.get("r") or 80)

    # Under the plot: x axis titles, tick labels, and the source line.
    x_lines = 0
    for name in _axis_names(layout, "x"):
        axis = dict(layout[name])
        axis_title = dict(axis.get("title") or {}) if isinstance(axis.get("title"), dict) else {}
        if axis_title.get("text"):
            chars = max(8, int(min(_budget(axis_title["text"], common.AXIS_TITLE_CHARS, scale),
                                   plot_width / (0.62 * 15) + 4)))
            new = common.wrap(_unwrap(axis_title["text"]), chars)
            x_lines = max(x_lines, _lines(new) - _lines(axis_title["text"]))
            axis_title["text"] = new
            axis["title"] = axis_title
        layout[name] = _thin_ticks(axis, plot_width)
    x_shift = x_lines * (1.3 * 15 + 4)
    grow_bottom = 0.0
    annotations = []
    for note in layout.get("annotations") or []:
        note = dict(note)
        size = ((note.get("font") or {}).get("size")) or 15
        if note.get("name") == "source":
            text = common.wrap(_unwrap(note.get("text")), _budget(note.get("text"), common.SOURCE_CHARS, scale))
            grow_bottom += x_shift + 1.3 * size * (_lines(text) - _lines(note.get("text")))
            note["text"] = text
            note["yshift"] = round((note.get("yshift") or 0) - x_shift)
        elif note.get("text"):
            across = note.get("xref") == "paper" and note.get("xanchor", "center") == "center"
            if across:  # a subplot's title: smaller, wrapped across the width
                size = min(size, 13)
                note["font"] = {**(note.get("font") or {}), "size": size}
            room = 0.95 * width if across else 0.5 * plot_width
            text = common.wrap(_unwrap(note["text"]), max(8, int(room / (0.62 * size))))
            if across and note.get("yref") == "paper" and (note.get("y") or 0) >= 1 and \
                    note.get("yanchor") == "bottom":  # above the plot: the header makes room for its lines
                top += 1.3 * size * (_lines(text) - _lines(note["text"]))
            note["text"] = text
        annotations.append(note)
    if annotations:
        layout["annotations"] = annotations
    bottom = round(bottom + grow_bottom)
    top = round(top)
    margin.update(t=top, b=bottom)
    layout["margin"] = margin
    height = round(old_height + (top - old_top) + grow_bottom + max(grow_plot, 0))
    if legend_top is not None:
        legend["y"] = round(1 - legend_top / height, 4)
        layout["legend"] = legend
    # y axis titles run along the plot's height: wrapped to what it holds, with room to spare (the
    # frame's estimate is for Latin letters; a title is never longer than its axis here).
    plot_height = height - top - bottom
    for name in _axis_names(layout, "y"):
        axis = dict(layout[name])
        axis_title = dict(axis.get("title") or {}) if isinstance(axis.get("title"), dict) else {}
        if axis_title.get("text"):
            domain = axis.get("domain") or [0, 1]
            chars = common.y_title_chars(0.85 * plot_height * max(domain[1] - domain[0], 0.2))
            axis_title["text"] = common.wrap(_unwrap(axis_title["text"]), chars)
            axis["title"] = axis_title
            layout[name] = axis
    layout["height"] = height
    if height > MAX_CHART_HEIGHT:
        meta = dict(layout.get("meta") or {}) if isinstance(layout.get("meta"), dict) else {}
        meta["scroll"] = True
        layout["meta"] = meta

    traces = []
    for trace in figure.get("data") or []:
        change = {}
        kind = trace.get("type", "scatter")
        modes = (trace.get("mode") or "").split("+")
        position = trace.get("textposition") or "middle center"
        if kind in ("scatter", "scattergl") and "text" in modes and position not in ("middle center", "inside"):
            change["mode"] = "+".join(m for m in modes if m != "text") or "none"
        if kind == "bar" and (position == "outside" or (isinstance(position, list) and "outside" in position)):
            change["textposition"] = "inside"
        if in_legend(trace) and _unwrap(trace.get("name")) in legend_names:
            change["name"] = legend_names[_unwrap(trace.get("name"))]
        traces.append(change)
    return {"layout": layout, "traces": traces}


def chart_summary(figure: dict) -> str:
    """Return the chart's text alternative: ``layout.meta["summary"]``, else its title and subtitle as plain text."""
    layout = figure.get("layout") or {}
    meta = layout.get("meta")
    if isinstance(meta, dict) and isinstance(meta.get("summary"), str) and meta["summary"].strip():
        return " ".join(meta["summary"].split())
    title = layout.get("title")
    title = title if isinstance(title, dict) else {"text": title or ""}
    parts = [title.get("text") or "", ((title.get("subtitle") or {}).get("text") or "")]
    return " ".join(_TAGS.sub("", _unwrap(" ".join(p for p in parts if p))).split())


def has_summary(figure: dict) -> bool:
    """Return whether the chart carries a written summary (``layout.meta["summary"]``)."""
    meta = (figure.get("layout") or {}).get("meta")
    return isinstance(meta, dict) and bool(str(meta.get("summary") or "").strip())


def decode_array(value):
    """Return a plotly array as a list: plain lists as they are, typed arrays (``{"dtype", "bdata"}``) decoded."""
    if isinstance(value, dict) and "bdata" in value:
        import numpy as np

        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value.get("dtype", "f8")))
        shape = value.get("shape")
        if shape:
            dims = [int(x) for x in (shape.split(",") if isinstance(shape, str) else shape)]
            array = array.reshape(dims)
        return array.tolist()
    if isinstance(value, (list, tuple)):
        return list(value)
    return None


#: Trace arrays written to a chart's CSV when the chart has no table of its own.
TRACE_COLUMNS = ("x", "y", "z", "locations", "labels", "values", "lat", "lon", "base")


def chart_table(figure: dict) -> list[dict]:
    """Return the values a chart plots as records: ``layout.meta["data"]``, else one row per point of each trace.

    From the traces: a column ``series`` (the trace's name) and one per array among
    :data:`TRACE_COLUMNS`; a two-dimensional ``z`` (heat map) gives one row per cell.
    """
    meta = (figure.get("layout") or {}).get("meta")
    if isinstance(meta, dict) and isinstance(meta.get("data"), list) and meta["data"] and \
            all(isinstance(r, dict) for r in meta["data"]):
        return [dict(r) for r in meta["data"]]
    rows = []
    for number, trace in enumerate(figure.get("data") or [], start=1):
        name = _TAGS.sub("", _unwrap(trace.get("name") or "")) or f"{trace.get('type', 'scatter')} {number}"
        arrays = {k: decode_array(trace.get(k)) for k in TRACE_COLUMNS}
        arrays = {k: v for k, v in arrays.items() if v is not None}
        z = arrays.get("z")
        if z and isinstance(z[0], list):
            xs, ys = arrays.get("x") or list(range(len(z[0]))), arrays.get("y") or list(range(len(z)))
            for i, row in enumerate(z):
                for j, value in enumerate(row):
                    rows.append({"series": name, "x": xs[j] if j < len(xs) else j,
                                 "y": ys[i] if i < len(ys) else i, "z": value})
            continue
        length = max((len(v) for v in arrays.values()), default=0)
        for i in range(length):
            rows.append({"series": name, **{k: (v[i] if i < len(v) else None) for k, v in arrays.items()}})
    return rows


def table_csv(rows: list[dict]) -> str:
    """Return records as CSV text (the union of their keys as columns, in order of appearance)."""
    columns = list(dict.fromkeys(key for row in rows for key in row))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None or (isinstance(v, float) and not math.isfinite(v)) else v)
                         for k, v in row.items()})
    return buffer.getvalue()


def chart_config(figure: dict) -> dict:
    """Return the plotly config of a chart on a page: follows the width, no logo, no zoom by wheel or pinch."""
    return {"displaylogo": False, **(figure.get("config") or {}), "responsive": True, "scrollZoom": False,
            "modeBarButtonsToRemove": MODEBAR_REMOVED}


#: The page script that draws a chart (:func:`plotly_figure_html`): the phone layout on a narrow
#: screen (and back when the window widens), and on a touch screen no drag mode, so that a finger
#: dragging across a chart scrolls the page instead of zooming (zoom stays in the mode bar).
CHART_SCRIPT = """
function irTidy(gd) {
  /* Phone layout, once drawn: move an annotation that sticks out of the chart back in, and hide one
     that still covers the title, the legend, an axis title, the source line or another annotation. */
  var frame = gd.querySelector('.svg-container');
  if (!frame || !gd._fullLayout) { return; }
  var fig = frame.getBoundingClientRect(), notes = gd._fullLayout.annotations || [], update = {}, taken = [];
  function box(el) { var r = el.getBoundingClientRect(); return {l: r.left, r: r.right, t: r.top, b: r.bottom}; }
  function hit(a, b) { return Math.min(a.r, b.r) - Math.max(a.l, b.l) > 2 && Math.min(a.b, b.b) - Math.max(a.t, b.t) > 2; }
  gd.querySelectorAll('.infolayer g[class^="legend"] > rect.bg, .infolayer text[class$="title"], ' +
                      '.infolayer text.gtitle-subtitle').forEach(function (el) { taken.push(box(el)); });
  var groups = Array.prototype.slice.call(gd.querySelectorAll('.annotation'));
  function note(g) { return notes[+g.getAttribute('data-index')] || {}; }
  function text(g) { return g.querySelector('.annotation-text-g') || g; }
  groups.forEach(function (g) { if (note(g).name === 'source') { taken.push(box(text(g))); } });
  groups.forEach(function (g) {
    var i = +g.getAttribute('data-index'), a = note(g);
    if (a.name === 'source') { return; }
    var b = box(text(g)), shift = 0;
    if (b.r > fig.right - 1) { shift = fig.right - 1 - b.r; }
    if (b.l + shift < fig.left + 1) { shift = fig.left + 1 - b.l; }
    b = {l: b.l + shift, r: b.r + shift, t: b.t, b: b.b};
    if (b.r > fig.right + 1 || taken.some(function (o) { return hit(o, b); })) {
      update['annotations[' + i + '].visible'] = false;
      return;
    }
    if (shift) { update['annotations[' + i + '].xshift'] = (a.xshift || 0) + Math.round(shift); }
    taken.push(b);
  });
  if (Object.keys(update).length) { return Plotly.relayout(gd, update); }
}
function irChart(id, data, layout, config, narrow) {
  var gd = document.getElementById(id);
  var touch = window.matchMedia && window.matchMedia('(pointer: coarse)').matches;
  function pick() {
    var small = !!narrow && gd.clientWidth > 0 && gd.clientWidth < %(narrow)d;
    var l = small ? narrow.layout : layout, d = data;
    if (small) { d = data.map(function (t, i) { return Object.assign({}, t, narrow.traces[i] || {}); }); }
    if (touch) { l = Object.assign({}, l, {dragmode: false}); }
    return {small: small, data: d, layout: l};
  }
  function drawn() { if (now.small) { return irTidy(gd); } }
  var now = pick();
  Plotly.newPlot(gd, now.data, now.layout, config).then(drawn);
  window.addEventListener('resize', function () {
    var next = pick();
    if (next.small !== now.small) { now = next; Plotly.react(gd, next.data, next.layout, config).then(drawn); }
  });
}
""" % {"narrow": NARROW_CHART}


def plotly_figure_html(figure: dict, div_id: str, min_height: int | None = None, *, phone: bool = False,
                       data_href: str | None = None, data_text: str = "") -> str:
    """Return the HTML that draws one saved plotly figure with the page's ``Plotly`` (no plotly.js inside).

    Parameters
    ----------
    figure : dict
        The ``application/vnd.plotly.v1+json`` bundle: ``data``, ``layout`` and optionally ``config``.
    div_id : str
        Id of the chart's ``<div>``, unique in the page.
    min_height : int, optional
        Draw a figure that is less tall this tall (slides).
    phone : bool
        Site pages: a ``<figure>`` named by the chart's summary (:func:`chart_summary`, shown as its
        caption when the chart has one), drawn by ``irChart`` (:data:`CHART_SCRIPT`, which the page
        must define) with the phone layout of :func:`narrow_figure`. Otherwise (decks) a bare ``<div>``
        and a ``Plotly.newPlot`` call.
    data_href, data_text : str, optional
        Link to the chart's values (a CSV file) and its text, in the caption.
    """
    layout = dict(figure.get("layout") or {})
    layout.pop("width", None)  # the chart follows the width of the page or slide
    old = layout.get("height") or 450
    if min_height and old < min_height:
        layout["height"] = min_height
        # A legend placed under the title in figure coordinates (ircourse.figures.common.header)
        # keeps its distance from the top in pixels.
        legend = dict(layout.get("legend") or {})
        if legend.get("yref") == "container" and isinstance(legend.get("y"), (int, float)):
            legend["y"] = round(1 - (1 - legend["y"]) * old / min_height, 4)
            layout["legend"] = legend
    config = chart_config(figure)
    data = script_json(figure.get("data") or [])
    if not phone:
        return (
            f'<div id="{div_id}" class="ir-plot"></div>\n'
            f"<script>Plotly.newPlot(document.getElementById({json.dumps(div_id)}), "
            f"{data}, {script_json(layout)}, {script_json(config)});</script>\n"
        )
    summary = chart_summary(figure)
    narrow = narrow_figure(figure)
    caption = []
    if has_summary(figure):
        caption.append(f'<span class="ir-summary">{html.escape(summary)}</span>')
    if data_href:
        caption.append(f'<a class="ir-data" data-ir-file href="{html.escape(data_href)}" download>'
                       f"{html.escape(data_text)}</a>")
    label = f' aria-label="{html.escape(summary)}"' if summary else ""
    return (
        f'<figure class="ir-figure"{label}>\n'
        f'<div id="{div_id}" class="ir-plot"></div>\n'
        f"<script>irChart({json.dumps(div_id)}, {data}, {script_json(layout)}, {script_json(config)}, "
        f"{script_json(narrow)});</script>\n"
        + (f'<figcaption class="ir-caption">{" ".join(caption)}</figcaption>\n' if caption else "")
        + "</figure>\n"
    )


def plotly_static_html(figure: dict, div_id: str, width: int) -> str:
    """Return the HTML of a chart for paper: drawn once at ``width`` pixels, static, its summary under it."""
    layout = dict(figure.get("layout") or {})
    layout["width"] = width
    config = {"staticPlot": True, "displayModeBar": False, "responsive": False}
    summary = chart_summary(figure)
    label = f' aria-label="{html.escape(summary)}"' if summary else ""
    caption = (f'<figcaption class="ir-caption">{html.escape(summary)}</figcaption>\n'
               if has_summary(figure) else "")
    return (f'<figure class="ir-figure"{label}>\n<div id="{div_id}" class="ir-plot"></div>\n'
            f"<script>Plotly.newPlot(document.getElementById({json.dumps(div_id)}), "
            f"{script_json(figure.get('data') or [])}, {script_json(layout)}, {script_json(config)});</script>\n"
            f"{caption}</figure>\n")


class PlotlyToHTMLPreprocessor(Preprocessor):
    """Turn every saved plotly chart into a ``<div>`` drawn by the page's shared plotly.js.

    The ``application/vnd.plotly.v1+json`` output (and the PNG snapshot JupyterLab may store beside
    it) is replaced by one ``text/html`` output: a ``<div>`` and a
    ``<script>Plotly.newPlot(div, data, layout, {responsive: true})</script>``. The page must load
    plotly.js in its ``<head>`` (the course templates do). Div ids are numbered per notebook, so a
    rebuild gives the same bytes.

    On site pages (``resources["ircourse"]["chart_files"]``, the file name prefix of the charts'
    tables, e.g. ``"03_war.chart-"``) each chart becomes a ``<figure>`` with its text alternative and
    a link to its values, whose CSV text is collected in ``resources["ircourse"]["chart_tables"]``
    (``{file name: text}``) for the build to write beside the page. On paper
    (``resources["ircourse"]["static_width"]``, :mod:`ircourse.handout`) each chart is drawn once,
    static, at that width (:func:`plotly_static_html`).
    """

    min_height = Int(None, allow_none=True, help="draw less tall charts this tall (slides)").tag(config=True)
    id_prefix = Unicode("ir-plot", help="prefix of the chart div ids").tag(config=True)

    def preprocess(self, nb, resources):
        """Replace the plotly outputs of every cell (see the class docstring)."""
        self._count = 0
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        """Replace the plotly outputs of one cell."""
        options = (resources or {}).get("ircourse") or {}
        prefix = options.get("chart_files")
        for output in cell.get("outputs", []):
            data = output.get("data") or {}
            if PLOTLY_MIMETYPE in data:
                self._count += 1
                figure = data[PLOTLY_MIMETYPE]
                div_id = f"{self.id_prefix}-{self._count}"
                if options.get("static_width"):
                    markup = plotly_static_html(figure, div_id, options["static_width"])
                elif prefix is None:
                    markup = plotly_figure_html(figure, div_id, self.min_height)
                else:
                    name = f"{prefix}{self._count:02d}.csv"
                    rows = chart_table(figure)
                    if rows:
                        options.setdefault("chart_tables", {})[name] = table_csv(rows)
                    markup = plotly_figure_html(figure, div_id, self.min_height, phone=True,
                                                data_href=name if rows else None,
                                                data_text=t("publish.chart.data", lang=options.get("lang")))
                output["data"] = nbformat.from_dict({"text/html": markup})
                output["metadata"] = nbformat.from_dict({})
        return cell, resources


def widget_note_html(lang: str | None = None) -> str:
    """Return the note shown in place of an interactive control."""
    return f'<p class="ir-widget-note">{html.escape(t("publish.widget_note", lang=lang))}</p>'


class WidgetNotePreprocessor(Preprocessor):
    """Replace every widget output (it needs a running kernel) by a short note.

    An output that carries a plotly figure next to its widget view keeps the figure (drawn by
    :class:`PlotlyToHTMLPreprocessor`, which must run after this one); any other widget output becomes
    "Interactive control: run this notebook in JupyterLab to use it".
    """

    def preprocess_cell(self, cell, resources, index):
        """Replace the widget outputs of one cell."""
        for output in cell.get("outputs", []):
            data = output.get("data") or {}
            if WIDGET_MIMETYPE in data:
                if PLOTLY_MIMETYPE in data:
                    output["data"] = nbformat.from_dict({PLOTLY_MIMETYPE: data[PLOTLY_MIMETYPE]})
                else:
                    lang = ((resources or {}).get("ircourse") or {}).get("lang")
                    output["data"] = nbformat.from_dict({"text/html": widget_note_html(lang)})
                output["metadata"] = nbformat.from_dict({})
        return cell, resources


def cell_tags(cell) -> list[str]:
    """Return the tags of a notebook cell (``metadata.tags``)."""
    return list((cell.get("metadata") or {}).get("tags") or [])


def is_notebook_only(cell) -> bool:
    """Return whether a cell is tagged :data:`NOTEBOOK_ONLY` (left out wherever there is no notebook)."""
    return NOTEBOOK_ONLY in cell_tags(cell)


def is_live_only(cell) -> bool:
    """Return whether a cell is tagged :data:`LIVE_ONLY` (shown only where a kernel runs: notebook, Voila)."""
    return LIVE_ONLY in cell_tags(cell)


def is_printout(cell) -> bool:
    """Return whether a code cell's outputs are only printed text (streams or plain-text results).

    Such an output ("Name: count, dtype: Int64", a printed number) means nothing without the code
    that printed it.
    """
    outputs = cell.get("outputs") or []
    if cell.get("cell_type") != "code" or not outputs:
        return False
    for output in outputs:
        kind = output.get("output_type")
        if kind == "stream":
            continue
        if kind in ("execute_result", "display_data") and set(output.get("data") or {}) <= {"text/plain"}:
            continue
        return False
    return True


def shows_code(cell) -> bool:
    """Return whether a code cell keeps its code where code is hidden: a printout, or tagged ``show-code``."""
    return cell.get("cell_type") == "code" and (SHOW_CODE in cell_tags(cell) or is_printout(cell))


def for_readers(nb: nbformat.NotebookNode, hide_code: bool, live: bool = False) -> nbformat.NotebookNode:
    """Return ``nb`` as readers without the notebook get it: notebook-only cells out, code hidden or not.

    Parameters
    ----------
    nb : NotebookNode
        The notebook (changed in place and returned).
    hide_code : bool
        Mark the code of every code cell but those of :func:`shows_code` as hidden
        (``metadata.transient.remove_source``, which nbconvert's and Voila's templates honour).
    live : bool
        A kernel runs the page (the Voila dashboard): keep the ``live-only`` cells.
    """
    nb.cells = [cell for cell in nb.cells
                if not is_notebook_only(cell) and (live or not is_live_only(cell))]
    if hide_code:
        for cell in nb.cells:
            if cell.cell_type == "code" and not shows_code(cell):
                cell.metadata["transient"] = {"remove_source": True}
    return nb


class NotebookOnlyPreprocessor(Preprocessor):
    """Leave out the cells tagged ``notebook-only`` or ``live-only`` (static pages have no kernel)."""

    def preprocess(self, nb, resources):
        """Drop the notebook-only and live-only cells."""
        nb.cells = [cell for cell in nb.cells if not is_notebook_only(cell) and not is_live_only(cell)]
        return nb, resources


class CodeVisibilityPreprocessor(Preprocessor):
    """Hide the code of every code cell but printouts and cells tagged ``show-code`` (see :func:`shows_code`)."""

    def preprocess_cell(self, cell, resources, index):
        """Mark one cell's code as hidden unless it must be shown."""
        if cell.cell_type == "code" and not shows_code(cell):
            cell.metadata["transient"] = {"remove_source": True}
        return cell, resources


# Pandoc's rule for inline TeX: the opening $ is followed by a non-space, the closing $ follows a
# non-space and is not followed by a digit. "$1.34 trillion ... $182.3 billion" is money, not maths.
_INLINE_MATH = re.compile(r"(?<![\\$\w])\$(?=[^\s$])([^$\n]*?[^\s$\\])\$(?![\d$])")
_CODE = re.compile(r"(```.*?```|~~~.*?~~~|`[^`\n]*`)", re.DOTALL)
_TEX_SYMBOLS = {
    "sum": "∑", "prod": "∏", "times": "×", "cdot": "·", "div": "÷", "pm": "±", "le": "≤", "leq": "≤",
    "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈", "sim": "∼", "infty": "∞", "to": "→",
    "rightarrow": "→", "in": "∈", "ldots": "…", "dots": "…", "cdots": "⋯", "alpha": "α", "beta": "β",
    "gamma": "γ", "delta": "δ", "Delta": "Δ", "epsilon": "ε", "lambda": "λ", "mu": "μ", "pi": "π",
    "rho": "ρ", "sigma": "σ", "Sigma": "Σ", "tau": "τ", "phi": "φ", "chi": "χ", "omega": "ω",
    "%": "%", ",": "\u2009", ";": " ", " ": " ", "{": "{", "}": "}", "_": "_", "$": "$",
    "left": "", "right": "", "mathrm": "", "text": "", "mathit": "", "quad": "\u2003",
}


def tex_to_html(tex: str) -> str:
    """Return simple inline TeX as HTML: symbols as Unicode, ``^``/``_`` as sup/sub, letters italic.

    Enough for the course's formulas (``k(k-1)/2``, ``\\sum k(k-1) / n(n-1)``); offline pages load no
    MathJax. Unknown commands keep their name.

    Examples
    --------
    >>> tex_to_html(r"\\sum k^2")
    '∑ <i>k</i><sup>2</sup>'
    """
    text = re.sub(r"\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}",
                  lambda m: "/".join(g if re.fullmatch(r"\w+", g) else f"({g})" for g in m.groups()), tex)
    text = re.sub(r"\\([A-Za-z]+|.)", lambda m: _TEX_SYMBOLS.get(m.group(1), m.group(1)), text)
    text = html.escape(text, quote=False).replace("-", "−").replace("*", "∗")
    text = re.sub(r"(?<![A-Za-z&#])([A-Za-z])(?![A-Za-z;])", r"<i>\1</i>", text)
    for mark, tag in (("^", "sup"), ("_", "sub")):
        text = re.sub(re.escape(mark) + r"\{([^{}]*)\}", rf"<{tag}>\1</{tag}>", text)
        text = re.sub(re.escape(mark) + r"(<i>.</i>|\S)", rf"<{tag}>\1</{tag}>", text)
    return text.replace("{", "").replace("}", "")


def inline_math_to_html(markdown: str) -> str:
    """Return markdown with its inline ``$...$`` TeX replaced by ``<span class="ir-math">`` HTML.

    Code spans and fenced code are left alone, and so are dollar amounts (see Pandoc's rule above).
    """
    def convert(match: re.Match) -> str:
        return f'<span class="ir-math">{tex_to_html(match.group(1))}</span>'

    return "".join(part if index % 2 else _INLINE_MATH.sub(convert, part)
                   for index, part in enumerate(_CODE.split(markdown)))


class InlineMathPreprocessor(Preprocessor):
    """Typeset the inline ``$...$`` mathematics of markdown cells as HTML (no MathJax offline)."""

    def preprocess_cell(self, cell, resources, index):
        """Convert the inline mathematics of one markdown cell."""
        if cell.cell_type == "markdown" and "$" in cell.source:
            cell.source = inline_math_to_html(cell.source)
        return cell, resources


# ---------------------------------------------------------------------------------------------------
# Templates
# ---------------------------------------------------------------------------------------------------

SITE_CSS = """
body.jp-Notebook { margin: 0; padding: 0; overflow: visible;
  /* Code colours of JupyterLab's light theme that read at less than 4.5:1 on the code background
     (WCAG 2.1 AA), darkened to at least 4.9:1; the others are kept. */
  --jp-mirror-editor-keyword-color: #006e00; --jp-mirror-editor-builtin-color: #006e00;
  --jp-mirror-editor-number-color: #006e00; --jp-mirror-editor-variable-3-color: #007548;
  --jp-mirror-editor-operator-color: #8b1ad9; --jp-mirror-editor-meta-color: #8b1ad9;
  --jp-mirror-editor-comment-color: #356a6a; --jp-mirror-editor-atom-color: #5050e0;
  --jp-mirror-editor-bracket-color: #6d6d3a; --jp-mirror-editor-quote-color: #007a00;
  --jp-mirror-editor-error-color: #d00000; --jp-mirror-editor-hr-color: #6b6b6b;
  --jp-content-font-color2: rgba(0, 0, 0, 0.72); --jp-content-font-color3: rgba(0, 0, 0, 0.66);
  --jp-ui-font-color2: rgba(0, 0, 0, 0.72); --jp-ui-font-color3: rgba(0, 0, 0, 0.66); }
main { max-width: 1180px; margin: 0 auto; padding: 0 1em 2em; }
main:focus { outline: none; }
.ir-skip { position: absolute; left: -9999px; top: 0; z-index: 30; padding: 0.5em 1em; background: #fff;
  color: #1d3557; font-weight: 600; }
.ir-skip:focus { left: 0.5em; top: 0.5em; }
.ir-bar { position: sticky; top: 0; z-index: 20; }
.ir-nav { display: flex; flex-wrap: wrap; gap: 0.4em 1.4em; align-items: baseline; padding: 0.55em 1.2em;
  background: #1d3557; color: #fff; font-family: var(--jp-ui-font-family); font-size: 15px; line-height: 1.4; }
.ir-nav a { color: #fff; text-decoration: none; }
.ir-nav a:hover { text-decoration: underline; }
.ir-nav a:focus-visible, .ir-nav summary:focus-visible, .ir-skip:focus-visible
  { outline: 3px solid #ffbf47; outline-offset: 2px; }
.ir-nav .ir-home { font-weight: 600; }
.ir-nav .ir-spacer { flex: 1; }
.ir-links { display: contents; }
.ir-langs { display: inline-flex; gap: 0.8em; }
.ir-langs strong { font-weight: 600; border-bottom: 2px solid #ffbf47; }
.ir-menu { display: none; margin-left: auto; position: relative; }
.ir-menu summary { cursor: pointer; list-style: none; padding: 0.15em 0.6em; border: 1px solid #9fb3c8;
  border-radius: 4px; }
.ir-menu summary::-webkit-details-marker { display: none; }
.ir-menu summary::after { content: " \\25BE"; }
.ir-menu[open] summary::after { content: " \\25B4"; }
.ir-menu-items { position: absolute; right: 0; top: calc(100% + 0.55em); min-width: 16em; max-width: 92vw;
  max-height: 75vh; overflow-y: auto; display: flex; flex-direction: column; gap: 0.2em; padding: 0.6em 1em;
  background: #1d3557; box-shadow: 0 6px 16px rgba(0, 0, 0, 0.35); }
.ir-menu-items a, .ir-menu-items strong { padding: 0.45em 0; }
.ir-menu-items .ir-langs { flex-wrap: wrap; border-top: 1px solid #4a6286; padding-top: 0.3em; }
.ir-footer-nav { margin-top: 2em; }
.ir-lang-note { margin: 1em 0 0; padding: 0.5em 0.9em; border-left: 4px solid #8a9bb0; background: #f1f4f8; }
/* Links inside text are underlined: told apart from the text by more than their colour. */
body .jp-RenderedHTMLCommon a:link, body .jp-RenderedHTMLCommon a:visited { text-decoration: underline; }
.ir-figure { margin: 0.5em 0 1em; }
.ir-plot { width: 100%; min-height: 200px; }
.ir-caption { margin-top: 0.3em; font-size: 0.92em; color: #333; }
.ir-caption .ir-data { margin-left: 0.4em; white-space: nowrap; }
/* After a window resize plotly sizes a responsive chart's box to 100% of a parent that has no height
   (the box collapses and the text below runs over the chart): let the chart itself give the height. */
.js-plotly-plot .svg-container > svg.main-svg:first-of-type { position: relative !important; display: block; }
.ir-widget-note { margin: 0.3em 0; padding: 0.5em 0.9em; border-left: 4px solid #8a9bb0;
  background: #f1f4f8; color: #33475b; font-style: italic; }
.ir-math { font-family: "Cambria Math", "STIX Two Math", "Latin Modern Math", "Times New Roman", serif;
  white-space: nowrap; font-size: 1.08em; }
.ir-math i { padding-right: 0.05em; }
.ir-unpublished { border-bottom: 1px dotted #555; cursor: help; }
/* The claims register's "opinion" badge: black on the Okabe-Ito blue reads at 4.0:1, white at 5.2:1. */
span[style*="background:#0072B2"][style*="color:#000"] { color: #fff !important; }
.jp-RenderedHTMLCommon table { font-size: 0.95em; }
/* A table wider than the screen scrolls inside its own box, never the page. */
.ir-table { max-width: 100%; overflow-x: auto; }
.ir-table:focus-visible { outline: 3px solid #1759a6; outline-offset: 2px; }
.ir-table > table { margin-left: 0; margin-right: 0; }
@media (max-width: 760px) {
  main { padding: 0 0.75em 2em; }
  .ir-bar .ir-links, .ir-bar .ir-nav > .ir-langs { display: none; }
  .ir-bar .ir-menu { display: block; }
  .ir-nav { flex-wrap: nowrap; padding: 0.5em 0.75em; }
  .ir-footer-nav { flex-direction: column; }
  .jp-Cell { padding: 2px 0; }
  .jp-InputArea-editor, .jp-OutputArea-output { min-width: 0; }
  .jp-InputArea pre, .jp-OutputArea-output pre { white-space: pre-wrap; overflow-wrap: anywhere; }
  .jp-RenderedHTMLCommon { padding-right: 0; }
  h1 { font-size: 1.7em; }
}
@media print {
  .ir-bar, .ir-footer-nav, .ir-skip { display: none; }
}
"""

#: The script of every site page: draws the charts (:data:`CHART_SCRIPT`), keeps a #section link clear
#: of the sticky bar, and makes a table box that scrolls reachable with the keyboard (a scrolling
#: region must be focusable: WCAG 2.1.1).
SITE_SCRIPT = CHART_SCRIPT + """
(function () {
  function fit() {
    var bar = document.querySelector('.ir-bar');
    if (bar) { document.documentElement.style.scrollPaddingTop = (bar.offsetHeight + 8) + 'px'; }
    document.querySelectorAll('.ir-table').forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.tabIndex = 0; box.setAttribute('role', 'region');
        box.setAttribute('aria-label', box.getAttribute('data-label'));
      } else {
        box.removeAttribute('tabindex'); box.removeAttribute('role'); box.removeAttribute('aria-label');
      }
    });
  }
  document.addEventListener('DOMContentLoaded', fit);
  window.addEventListener('resize', fit);
  document.addEventListener('keydown', function (event) {
    var menu = document.querySelector('.ir-menu[open]');
    if (event.key === 'Escape' && menu) { menu.open = false; menu.querySelector('summary').focus(); }
  });
})();
"""

SLIDES_CSS = f"""
.reveal .slides {{ text-align: left; }}
.reveal .slides section {{ height: 100%; }}
.reveal .slides h1, .reveal .slides h2, .reveal .slides h3 {{ text-transform: none; }}
.reveal h1 {{ font-size: 1.9em; }}
.reveal h2 {{ font-size: 1.45em; }}
.reveal h3 {{ font-size: 1.2em; }}
.reveal .jp-RenderedHTMLCommon {{ font-size: 24px; line-height: 1.35; }}
.reveal .jp-RenderedHTMLCommon table {{ font-size: 20px; }}
.reveal .jp-RenderedHTMLCommon h1, .reveal .jp-RenderedHTMLCommon h2, .reveal .jp-RenderedHTMLCommon h3
  {{ margin-top: 0.2em; }}
.reveal .jp-OutputArea-output pre {{ font-size: 20px; }}
.reveal .jp-InputArea {{ font-size: 18px; }}
.reveal .jp-InputArea pre {{ font-size: 18px; line-height: 1.35; }}
.reveal .ir-plot {{ width: 100%; }}
.js-plotly-plot .svg-container > svg.main-svg:first-of-type {{ position: relative !important; display: block; }}
.reveal .ir-widget-note {{ font-size: 20px; color: #555; font-style: italic; border-left: 4px solid #8a9bb0;
  padding-left: 0.6em; }}
.reveal .ir-math {{ font-family: "Cambria Math", "STIX Two Math", "Times New Roman", serif; white-space: nowrap; }}
.reveal .slides section.ir-scroll {{ overflow-y: auto; height: {SLIDE_HEIGHT}px !important; }}
.reveal .slides section .jp-Cell {{ padding: 0; }}
"""

TEMPLATES = {
    # The lab template without require.js, MathJax, mermaid or the widget manager (all from CDNs):
    # plotly.js from the site's one shared local copy instead.
    "ircourse_site.html.j2": """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}
<script src="{{ resources.ircourse.plotly_src }}"></script>
<script>{{ resources.ircourse.script }}</script>
{%- endblock html_head_js -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block extra_css %}<style type="text/css">{{ resources.ircourse.css }}</style>{% endblock extra_css %}
{%- block body_header -%}
<body class="jp-Notebook" data-jp-theme-light="true" data-jp-theme-name="JupyterLab Light">
{{ resources.ircourse.nav }}
<main id="ir-main" tabindex="-1"{% if resources.ircourse.content_lang %} lang="{{ resources.ircourse.content_lang }}"{% endif %}>
{{ resources.ircourse.lang_note }}
{%- endblock body_header -%}
{% block body_footer %}
</main>
{{ resources.ircourse.footer_nav }}
</body>
{% endblock body_footer %}
""",
    # nbconvert's reveal template without jQuery, require.js, mermaid or MathJax; reveal.js from the
    # vendored copy next to the deck, initialised with plain <script> tags.
    "ircourse_slides.html.j2": """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}
<script src="{{ resources.ircourse.plotly_src }}"></script>
{%- endblock html_head_js -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_css -%}<style type="text/css">{{ resources.ircourse.css }}</style>{%- endblock html_head_css -%}
{% block footer_js %}
<script src="{{ resources.reveal.url_prefix }}/dist/reveal.js"></script>
<script src="{{ resources.reveal.url_prefix }}/plugin/notes/notes.js"></script>
<script>
(function () {
  var height = {{ resources.reveal.height }};
  function fit(slide) {
    if (!slide) { return; }
    // Charts drawn while their slide was hidden take the slide's real width once it is shown.
    var charts = slide.querySelectorAll('.js-plotly-plot');
    charts.forEach(function (gd) { Plotly.Plots.resize(gd); });
    // A slide a little too tall is shrunk to fit; a much taller one (or one with a chart) scrolls.
    slide.style.zoom = '';
    slide.classList.remove('ir-scroll');
    var over = slide.scrollHeight / height;
    if (over > 1.01) {
      if (over < 1.5 && charts.length === 0) { slide.style.zoom = (0.99 / over).toFixed(3); }
      else { slide.classList.add('ir-scroll'); }
    }
  }
  Reveal.initialize({
    controls: true, progress: true, history: true, hash: true, center: false,
    navigationMode: 'linear',
    transition: "{{ resources.reveal.transition }}",
    slideNumber: "{{ resources.reveal.number }}",
    width: {{ resources.reveal.width }}, height: height, margin: 0.03,
    plugins: [RevealNotes]
  });
  Reveal.on('ready', function (event) { fit(event.currentSlide); });
  Reveal.on('slidechanged', function (event) { fit(event.currentSlide); });
  document.fonts.ready.then(function () { if (Reveal.isReady()) { fit(Reveal.getCurrentSlide()); } });
})();
</script>
{% endblock footer_js %}
""",
}

INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{{ title }}</title>
<style type="text/css">
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1b2733; background: #fff; line-height: 1.5; }
header { background: #1d3557; color: #fff; padding: 0.8em 1.5em 1.6em; }
header nav { max-width: 980px; margin: 0 auto 1.2em; display: flex; justify-content: flex-end; }
.ir-langs { display: inline-flex; flex-wrap: wrap; gap: 0.4em 1em; }
.ir-langs a { color: #fff; }
.ir-langs strong { font-weight: 600; border-bottom: 2px solid #ffbf47; }
header h1 { margin: 0 auto; max-width: 980px; font-size: 2.1em; line-height: 1.2; }
header p { margin: 0.6em auto 0; max-width: 980px; font-size: 1.15em; color: #dfe7f1; }
main { max-width: 980px; margin: 0 auto; padding: 1em 1.5em 3em; }
h2 { margin-top: 1.4em; }
.ir-table { max-width: 100%; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 1.05em; }
th, td { text-align: left; padding: 0.55em 0.7em; border-bottom: 1px solid #d5dde6; vertical-align: top; }
th { background: #eef2f7; }
td.num { width: 2.5em; text-align: right; color: #4a5b6c; font-variant-numeric: tabular-nums; }
a { color: #1759a6; }
a:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.muted { color: #4a5b6c; }
footer { margin-top: 2.5em; font-size: 0.9em; color: #4a5b6c; }
@media (max-width: 600px) {
  header { padding: 0.6em 1em 1.2em; }
  header h1 { font-size: 1.6em; }
  main { padding: 0.5em 1em 2em; }
  th, td { padding: 0.45em 0.4em; }
}
</style>
</head>
<body>
<header>
{% if languages %}<nav aria-label="{{ nav_label }}">{{ languages }}</nav>{% endif %}
<h1>{{ title }}</h1>
{% if lead %}<p>{{ lead }}</p>{% endif %}
</header>
<main>
{% for paragraph in intro %}<p>{{ paragraph }}</p>
{% endfor %}
<h2>{{ map_heading }}</h2>
<div class="ir-table">
<table class="course-map">
<thead><tr>{% for column in columns %}<th scope="col">{{ column }}</th>{% endfor %}</tr></thead>
<tbody>
{% for row in rows %}<tr>
<td class="num">{{ row.number }}</td>
{% for cell in row.cells %}<td>{% if cell.href %}<a href="{{ cell.href }}" title="{{ cell.title }}">{{ cell.text }}</a>{% else %}<span class="muted">{{ cell.text }}</span>{% endif %}</td>
{% endfor %}</tr>
{% endfor %}</tbody>
</table>
</div>
{% if data %}<p><a href="{{ data.href }}">{{ data.text }}</a></p>{% endif %}
<footer>{{ footer }}</footer>
</main>
</body>
</html>
"""


class SharedStylesheetsMixin:
    """Link the template's stylesheets from shared files instead of inlining them in every page.

    nbconvert's ``lab`` and ``reveal`` templates inline about 260 KB of JupyterLab CSS into each page
    (``resources.include_css``). With this mixin each stylesheet becomes a ``<link>`` to
    ``assets/<name>``; :attr:`shared_stylesheets` collects their text, to be written once by
    :func:`write_shared_stylesheets`. The URL prefix comes from ``resources["ircourse"]["assets_url"]``.
    """

    def _init_resources(self, resources):
        resources = super()._init_resources(resources)
        prefix = (resources.get("ircourse") or {}).get("assets_url", "assets/")
        stylesheets = self.__dict__.setdefault("shared_stylesheets", {})

        def link_stylesheet(name: str) -> Markup:
            environment = self.environment
            name_in_assets = "nbconvert-" + posixpath.basename(name)
            stylesheets[name_in_assets] = environment.loader.get_source(environment, name)[0]
            return Markup(f'<link rel="stylesheet" href="{html.escape(prefix + name_in_assets)}">')

        resources["include_css"] = link_stylesheet
        return resources


class SiteHTMLExporter(SharedStylesheetsMixin, HTMLExporter):
    """nbconvert's HTML exporter, with the template's stylesheets in shared files."""


class SiteSlidesExporter(SharedStylesheetsMixin, SlidesExporter):
    """nbconvert's reveal.js exporter, with the template's stylesheets in shared files."""


def write_shared_stylesheets(exporter: SharedStylesheetsMixin, assets: Path) -> list[Path]:
    """Write the stylesheets the pages of ``exporter`` link to into ``assets``; return their paths."""
    written = []
    for name, text in sorted(getattr(exporter, "shared_stylesheets", {}).items()):
        path = assets / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def site_exporter(lang: str | None = None) -> SiteHTMLExporter:
    """Return the nbconvert exporter of the site pages in ``lang`` (default: the session's).

    The ``lab`` template, no network, the shared plotly.js; no ``In [n]:`` prompts (they mean nothing
    to a reader who does not run the notebook).
    """
    exporter = SiteHTMLExporter(template_name="lab", extra_loaders=[DictLoader(TEMPLATES)],
                                template_file="ircourse_site.html.j2", language_code=lang or get_language(),
                                exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.register_preprocessor(NotebookOnlyPreprocessor(), enabled=True)
    exporter.register_preprocessor(InlineMathPreprocessor(), enabled=True)
    exporter.register_preprocessor(WidgetNotePreprocessor(), enabled=True)
    exporter.register_preprocessor(PlotlyToHTMLPreprocessor(), enabled=True)
    return exporter


def slides_exporter(lang: str | None = None) -> SiteSlidesExporter:
    """Return the nbconvert exporter of the decks (reveal.js from ``assets/reveal``, code hidden but printouts')."""
    exporter = SiteSlidesExporter(
        extra_loaders=[DictLoader(TEMPLATES)], template_file="ircourse_slides.html.j2",
        reveal_url_prefix="assets/reveal", reveal_theme="white", reveal_transition="slide",
        reveal_number="c/t", reveal_width=str(SLIDE_WIDTH), reveal_height=str(SLIDE_HEIGHT),
        exclude_input_prompt=True, exclude_output_prompt=True,
        language_code=lang or get_language(),
    )
    exporter.register_preprocessor(NotebookOnlyPreprocessor(), enabled=True)
    exporter.register_preprocessor(CodeVisibilityPreprocessor(), enabled=True)
    exporter.register_preprocessor(InlineMathPreprocessor(), enabled=True)
    exporter.register_preprocessor(WidgetNotePreprocessor(), enabled=True)
    exporter.register_preprocessor(PlotlyToHTMLPreprocessor(min_height=SLIDE_CHART_HEIGHT), enabled=True)
    return exporter


# ---------------------------------------------------------------------------------------------------
# Checks and link rewriting on the generated HTML
# ---------------------------------------------------------------------------------------------------

_NETWORK = re.compile(
    r"""<(?:script|img|iframe|audio|video|source|embed)\b[^>]*\bsrc\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]+)"""
    r"""|<link\b[^>]*\bhref\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]+)"""
    r"""|@import\s+(?:url\()?\s*["']?((?:https?:)?//[^"')\s]+)"""
    r"""|\bimport\s*\(\s*["']((?:https?:)?//[^"']+)"""
    r"""|\bfrom\s+["']((?:https?:)?//[^"']+)""",
    re.IGNORECASE,
)


def network_references(page_html: str) -> list[str]:
    """Return the network addresses a page would load by itself (script/img src, stylesheet, imports).

    Ordinary ``<a href>`` links to outside sources are not counted: nothing is loaded until a reader
    clicks them.
    """
    return [next(group for group in match.groups() if group) for match in _NETWORK.finditer(page_html)]


_ANCHOR = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.DOTALL | re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*(["'])(.*?)\1""", re.DOTALL | re.IGNORECASE)


def rewrite_course_links(page_html: str, source_name: str, page_target: str, link_map: dict[str, str],
                         lang: str | None = None) -> str:
    """Point relative links between course files at the site's pages.

    Parameters
    ----------
    page_html : str
        The page.
    source_name : str
        Path of the page's source in the course (``"notebooks/03_war.ipynb"``): links are relative to it.
    page_target : str
        Path of the page in the site (``"notebooks/03_war.html"``).
    link_map : dict
        Course path of each published source -> its path in the site
        (``"exercises/06_nato.ipynb"`` -> ``"exercises/06_nato.html"``, ``"data/README.md"`` -> ...).
    lang : str, optional
        Language of the page (the tooltip of a link turned into text); default: the session's.

    Returns
    -------
    str
        The page, with ``XX.ipynb`` links rewritten to ``XX.html`` (anchors kept), and relative links
        to files that are not in the site (a homework not written yet) turned into plain text.
        Links marked ``data-ir-nav`` (the site's navigation bars) or ``data-ir-file`` (a chart's data
        file beside the page) are left as they are.
    """
    def rewrite(match: re.Match) -> str:
        attrs, inner = match.group(1), match.group(2)
        href_match = _HREF.search(attrs)
        if not href_match or "data-ir-nav" in attrs or "data-ir-file" in attrs:  # the site's own links are right
            return match.group(0)
        href = html.unescape(href_match.group(2)).strip()
        if not href or href.startswith(("#", "/", "?")) or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href):
            return match.group(0)
        path, _, fragment = href.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source_name), path))
        target = link_map.get(resolved)
        if target is None:
            return (f'<span class="ir-unpublished" title="{html.escape(t("publish.unpublished", lang=lang))}">'
                    f"{inner}</span>")
        new = posixpath.relpath(target, posixpath.dirname(page_target) or ".") + (f"#{fragment}" if fragment else "")
        return f"<a{attrs[:href_match.start(2)]}{html.escape(new)}{attrs[href_match.end(2):]}>{inner}</a>"

    return _ANCHOR.sub(rewrite, page_html)


# ---------------------------------------------------------------------------------------------------
# The site
# ---------------------------------------------------------------------------------------------------

@dataclass
class BuildReport:
    """What a build wrote.

    Attributes
    ----------
    out : Path
        The output folder.
    pages : list of Path
        Every HTML page written (index included).
    seconds : float
        Wall time of the build.
    """

    out: Path
    pages: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def total_bytes(self) -> int:
        """Return the size of everything in the output folder."""
        return sum(p.stat().st_size for p in self.out.rglob("*") if p.is_file())


def prepare_output_folder(out: Path, clean: bool) -> None:
    """Create ``out``; with ``clean``, first delete a previous build there.

    Only a folder that a previous build marked (it holds :data:`MARKER`) or an empty one is
    deleted: ``--out`` pointing at a folder of other files is refused rather than emptied.

    Raises
    ------
    PublishError
        If ``out`` is a file, or an unmarked folder that is not empty.
    """
    if out.is_file():
        raise PublishError(f"{out} is a file, not a folder")
    if out.is_dir() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise PublishError(f"{out} is not empty and was not built by ircourse.publish: refusing to "
                               "write into it (choose another --out, or delete it yourself)")
        if clean:
            shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("built by python -m ircourse.publish; deleted and rebuilt by the next build\n",
                              encoding="utf-8")


def copy_plotly_js(out: Path) -> Path:
    """Copy the plotly package's ``plotly.min.js`` to ``out/assets/plotly.min.js`` and return its path."""
    target = out / "assets" / "plotly.min.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(plotly_js_path(), target)
    return target


def relative_url(target: str, from_page: str) -> str:
    """Return the relative URL of site path ``target`` seen from the page at ``from_page``."""
    return posixpath.relpath(target, posixpath.dirname(from_page) or ".")


def language_switcher(page_target: str, versions: dict[str, str], lang: str) -> str:
    """Return the language switcher of a page: each language named in itself, the current one marked.

    Parameters
    ----------
    page_target : str
        Path of the page in the site (links are relative to it).
    versions : dict
        ``{language: site path of the same page in that language}``.
    lang : str
        The page's language.

    Returns
    -------
    str
        ``""`` when the page exists in one language only.
    """
    from .translation import LANGUAGE_NAMES

    items = []
    for other in COURSE_LANGUAGES:
        if other not in versions:
            continue
        name = html.escape(LANGUAGE_NAMES.get(other, other))
        if other == lang:
            items.append(f'<strong lang="{other}" aria-current="true">{name}</strong>')
        else:
            href = html.escape(relative_url(versions[other], page_target))
            items.append(f'<a data-ir-nav href="{href}" lang="{other}" hreflang="{other}">{name}</a>')
    if len(items) < 2:
        return ""
    label = html.escape(t("publish.nav.language", lang=lang))
    return f'<span class="ir-langs" role="group" aria-label="{label}">' + "\n".join(items) + "</span>"


def page_navigation(page: Page, pages: list[Page], versions: dict[str, str] | None = None,
                    bottom: bool = False) -> str:
    """Return a navigation bar of a site page, in the page's language.

    Course map, previous/next chapter, the chapter's homework (or the homework's chapter), the
    notebook to download, and the language switcher (:func:`language_switcher`). The top bar
    (``bottom=False``) is sticky and, on a narrow screen, shows only the course map and a menu
    button (a ``<details>`` element: works with the keyboard and without script) that holds the rest.
    """
    lang = page.lang

    def link(target: str, text: str, css: str = "") -> str:
        cls = f' class="{css}"' if css else ""
        return f'<a data-ir-nav{cls} href="{html.escape(relative_url(target, page.target))}">{html.escape(text)}</a>'

    home = link(f"{site_prefix(lang)}index.html", t("publish.nav.home", lang=lang), "ir-home")
    items = []
    chapters = [p for p in pages if p.kind == "chapter"]
    if page.kind == "chapter":
        at = chapters.index(page)
        if at > 0:
            items.append(link(chapters[at - 1].target,
                              t("publish.nav.previous", lang=lang, title=chapters[at - 1].title)))
        if at + 1 < len(chapters):
            items.append(link(chapters[at + 1].target, t("publish.nav.next", lang=lang, title=chapters[at + 1].title)))
        homework = next((p for p in pages if p.kind == "homework" and p.number == page.number), None)
        if homework:
            items.append(link(homework.target, t("publish.nav.homework", lang=lang)))
    elif page.kind == "homework":
        chapter = next((p for p in chapters if p.number == page.number), None)
        if chapter:
            items.append(link(chapter.target, f'{t("publish.nav.chapter", lang=lang)} {chapter.number}: {chapter.title}'))
    download = [link(page.download, t("publish.nav.download", lang=lang))] if page.download else []
    languages = language_switcher(page.target, versions or {}, lang)
    if bottom:
        label = html.escape(t("publish.nav.label_end", lang=lang))
        return (f'<nav class="ir-nav ir-footer-nav" aria-label="{label}">\n{home}\n' + "\n".join(items + download)
                + (f"\n{languages}" if languages else "") + "\n</nav>")
    label = html.escape(t("publish.nav.label", lang=lang))
    spacer = ['<span class="ir-spacer"></span>'] if download else []
    menu = ""
    if items or download or languages:
        menu = (f'<details class="ir-menu"><summary>{html.escape(t("publish.nav.menu", lang=lang))}</summary>\n'
                f'<div class="ir-menu-items">\n' + "\n".join(items + download)
                + (f"\n{languages}" if languages else "") + "\n</div></details>")
    return (f'<a class="ir-skip" href="#ir-main">{html.escape(t("publish.nav.skip", lang=lang))}</a>\n'
            f'<header class="ir-bar">\n<nav class="ir-nav" aria-label="{label}">\n{home}\n'
            f'<span class="ir-links">\n' + "\n".join(items + spacer + download) + "\n</span>\n"
            + (f"{languages}\n" if languages else "") + f"{menu}\n</nav>\n</header>")


def read_page_notebook(page: Page) -> nbformat.NotebookNode:
    """Return the notebook of a page (the data README becomes a one-cell notebook)."""
    if page.kind == "data":
        return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
            page.source.read_text(encoding="utf-8"), id="data-readme")])
    return nbformat.read(page.source, as_version=4)


_TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL | re.IGNORECASE)
_EMPTY_HEADER = re.compile(r"<th((?:\s[^>]*)?)>(\s|&nbsp;)*</th>", re.IGNORECASE)


def boxed_tables(page_html: str, label: str) -> str:
    """Put every table of a page in a box that scrolls sideways on its own (``<div class="ir-table">``).

    ``label`` names the box for screen readers once the page's script finds that it scrolls (a
    scrolling region must have a name and take the keyboard focus). An empty header cell (the corner
    of a pandas table) becomes a plain cell: a header that heads nothing is noise to a screen reader.
    """
    def box(match: re.Match) -> str:
        table = _EMPTY_HEADER.sub(r"<td\1></td>", match.group(0))
        return f'<div class="ir-table" data-label="{html.escape(label)}">{table}</div>'

    return _TABLE.sub(box, page_html)


def render_site_page(page: Page, pages: list[Page], exporter: HTMLExporter, title: str,
                     link_map: dict[str, str] | None = None,
                     versions: dict[str, str] | None = None) -> tuple[str, dict[str, str]]:
    """Return the HTML of one site page (not yet written) and the tables of its charts.

    Parameters
    ----------
    page : Page
        The page.
    pages : list of Page
        Every page of the site in the page's language (for the navigation).
    exporter : HTMLExporter
        :func:`site_exporter` in the page's language.
    title : str
        The course title (the browser tab shows the page's heading and this).
    link_map : dict, optional
        Course path of each published source -> its path in the site (:func:`rewrite_course_links`);
        default: the pages of ``pages``.
    versions : dict, optional
        ``{language: site path}`` of this page in every language (the language switcher).

    Returns
    -------
    (str, dict)
        The page, and ``{file name: CSV text}`` of its charts' values, to write beside it.

    Raises
    ------
    PublishError
        If the page would load anything from the network.
    """
    lang = page.lang
    nb = read_page_notebook(page)
    nb.metadata["title"] = f"{page.heading} · {title}"
    note = ""
    if page.content_lang:
        note = f'<p class="ir-lang-note" lang="{lang}">{html.escape(t("publish.site.in_english", lang=lang))}</p>'
    options = {
        "plotly_src": relative_url("assets/plotly.min.js", page.target),
        "assets_url": relative_url("assets", page.target) + "/",
        "css": SITE_CSS,
        "script": Markup(SITE_SCRIPT),
        "nav": page_navigation(page, pages, versions),
        "footer_nav": page_navigation(page, pages, versions, bottom=True),
        "lang": lang,
        "content_lang": page.content_lang,
        "lang_note": note,
        "chart_files": f"{posixpath.splitext(posixpath.basename(page.target))[0]}.chart-",
    }
    resources = {"metadata": {"name": page.source.stem, "path": str(page.source.parent)}, "ircourse": options}
    body, resources = exporter.from_notebook_node(nb, resources=resources)
    link_map = link_map if link_map is not None else {p.source_name: p.target for p in pages}
    body = rewrite_course_links(body, page.source_name, page.target, link_map, lang)
    body = boxed_tables(body, t("publish.table", lang=lang))
    # nbconvert's lab template makes every cell a tab stop (JupyterLab's command mode): on a page to
    # read, the keyboard goes from link to link instead.
    body = body.replace('<div class="jp-Cell-inputWrapper" tabindex="0">', '<div class="jp-Cell-inputWrapper">')
    remote = network_references(body)
    if remote:
        raise PublishError(f"{page.target} would load from the network: {', '.join(sorted(set(remote)))}")
    return body, dict(resources["ircourse"].get("chart_tables") or {})


def homework_link_text(homework: Page, chapter: Page) -> str:
    """Return the course map's text for a homework: ``"Homework 3"`` when its heading repeats the chapter's title."""
    head, sep, rest = homework.title.partition(" · ")
    return head if sep and rest.strip() == chapter.title else homework.title


def render_site_index(root: Path, pages: list[Page], title: str, lang: str = DEFAULT_LANGUAGE,
                      versions: dict[str, str] | None = None) -> str:
    """Return the HTML of the site's ``index.html`` in ``lang``: title, introduction, course map, data page link.

    ``versions`` (``{language: site path of its index}``) gives the language switcher.
    """
    target = f"{site_prefix(lang)}index.html"
    homework = {p.number: p for p in pages if p.kind == "homework"}
    rows = []
    for page in (p for p in pages if p.kind == "chapter"):
        work = homework.get(page.number)
        rows.append({
            "number": page.number if page.number is not None else "",
            "cells": [{"href": relative_url(page.target, target), "text": page.title, "title": page.heading},
                      {"href": relative_url(work.target, target), "text": homework_link_text(work, page),
                       "title": work.heading}
                      if work else {"href": None, "text": t("publish.site.no_homework", lang=lang)}],
        })
    data = next((p for p in pages if p.kind == "data"), None)
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    return env.from_string(INDEX_TEMPLATE).render(
        lang=lang, title=title, lead=course_introduction(root, lang),
        intro=[t("publish.site.intro", lang=lang), t("publish.site.howto", lang=lang)],
        map_heading=t("publish.site.map", lang=lang),
        columns=[t("publish.site.col.number", lang=lang), t("publish.site.col.chapter", lang=lang),
                 t("publish.site.col.homework", lang=lang)],
        rows=rows, data={"href": relative_url(data.target, target), "text": t("publish.site.data", lang=lang)}
        if data else None,
        footer=t("publish.site.footer", lang=lang),
        languages=Markup(language_switcher(target, versions or {}, lang)),
        nav_label=t("publish.nav.language", lang=lang),
    )


def build_site(out: Path | str = "_site", root: Path | str | None = None, *,
               languages: list[str] | None = None, verbose: bool = False) -> BuildReport:
    """Build the offline course site from the committed notebooks (nothing is executed), in every language.

    English is at the root of the site (``index.html``, ``notebooks/``, ``exercises/``, ``data/``), each
    translation in a folder of its own with the same layout (``uz/index.html``, ``uz/notebooks/``...),
    built from ``notebooks/<lang>/`` and ``exercises/<lang>/``. Every page links the same page in the
    other languages; all of them share ``assets/`` (one plotly.js). A link of a translated notebook to
    a notebook that has no translation leads to the English page.

    Parameters
    ----------
    out : path
        Output folder (default ``_site``). A previous build there is replaced; a folder of other files
        is refused.
    root : path, optional
        Course checkout (default: the one this package is installed from).
    languages : list of str, optional
        Languages to build (default: English and every language with translated chapters,
        :func:`site_languages`).
    verbose : bool
        Print each page as it is written.

    Returns
    -------
    BuildReport
        The pages written, the total size and the time taken.
    """
    start = time.perf_counter()
    root, out = find_course_root(root), Path(out).resolve()
    langs = [check_language(lang) for lang in (languages or site_languages(root))]
    if DEFAULT_LANGUAGE not in langs:
        langs.insert(0, DEFAULT_LANGUAGE)  # links of translations fall back to the English pages
    site = {lang: course_pages(root, lang) for lang in langs}
    versions: dict[tuple[str, str], dict[str, str]] = {}
    for lang, pages in site.items():
        for page in pages:
            versions.setdefault(page.key, {})[lang] = page.target
    indexes = {lang: f"{site_prefix(lang)}index.html" for lang in langs}
    english = {p.source_name: p.target for p in site[DEFAULT_LANGUAGE]}
    prepare_output_folder(out, clean=True)
    copy_plotly_js(out)
    report = BuildReport(out)
    stylesheets: dict[str, str] = {}
    for lang, pages in site.items():
        exporter = site_exporter(lang)
        title = course_title(root, lang)
        # A translated page's links lead to pages in its language: to the notebook's own folder, and
        # also where a link names the English notebook of a page that exists in this language.
        link_map = {**english,
                    **{posixpath.join(posixpath.dirname(posixpath.dirname(p.source_name)), p.source.name): p.target
                       for p in pages if lang != DEFAULT_LANGUAGE and p.kind != "data"},
                    **{p.source_name: p.target for p in pages}}
        for page in pages:
            target = out / page.target
            target.parent.mkdir(parents=True, exist_ok=True)
            body, tables = render_site_page(page, pages, exporter, title, link_map, versions[page.key])
            target.write_text(body, encoding="utf-8")
            for name, text in tables.items():
                (target.parent / name).write_text(text, encoding="utf-8")
            if page.download:  # the notebook itself, to download and run
                shutil.copyfile(page.source, out / page.download)
            report.pages.append(target)
            if verbose:
                print(f"  {page.target}", flush=True)
        stylesheets.update(getattr(exporter, "shared_stylesheets", {}))
        index = out / indexes[lang]
        index.parent.mkdir(parents=True, exist_ok=True)
        index.write_text(render_site_index(root, pages, title, lang, indexes), encoding="utf-8")
        report.pages.append(index)
    for name, text in sorted(stylesheets.items()):
        (out / "assets" / name).write_text(text, encoding="utf-8")
    report.seconds = time.perf_counter() - start
    return report


# ---------------------------------------------------------------------------------------------------
# Slides
# ---------------------------------------------------------------------------------------------------

_TEACHER_NOTE = re.compile(r"^>\s*\*\*Teacher note")


def is_teacher_note(source: str) -> bool:
    """Return whether a markdown text is a teacher note (a quote starting ``> **Teacher note.**``)."""
    return bool(_TEACHER_NOTE.match(source.lstrip()))


def markdown_weight(text: str) -> int:
    """Return a rough measure of how much of a slide a markdown text fills (see :data:`SLIDE_BUDGET`)."""
    return len(markdown_to_plain_text(text)) + 30 * text.count("\n") + 40 * text.count("\n|")


def markdown_paragraphs(source: str) -> list[str]:
    """Split a markdown text into blocks at blank lines and before headings.

    A fenced code block or an HTML ``<div>`` (the fact-check boxes) stays whole, blank lines and all.
    """
    paragraphs: list[str] = []
    current: list[str] = []
    fenced, depth = False, 0
    for line in source.splitlines(keepends=True):
        free = not fenced and depth == 0
        if free and not line.strip():
            if current:
                paragraphs.append("".join(current).strip("\n"))
                current = []
            continue
        if free and current and re.match(r"^#{1,6}\s", line):
            paragraphs.append("".join(current).strip("\n"))
            current = []
        current.append(line)
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            opened = len(re.findall(r"<div\b", line, re.IGNORECASE))
            depth = max(0, depth + opened - len(re.findall(r"</div>", line, re.IGNORECASE)))
    if current:
        paragraphs.append("".join(current).strip("\n"))
    return [p for p in paragraphs if p.strip()]


def split_markdown_for_slides(source: str, budget: int = SLIDE_BUDGET) -> list[str]:
    """Split a markdown text into pieces that each fit a slide.

    A piece starts at every heading and at every teacher note (``> **Teacher note.** ...``, which is a
    piece of its own), and where the paragraphs so far would overflow ``budget``
    (:func:`markdown_weight`). A paragraph is never cut, nor a fenced code block or ``<div>`` box.
    """
    pieces: list[list[str]] = []
    used = 0
    for paragraph in markdown_paragraphs(source):
        weight = markdown_weight(paragraph)
        starts = re.match(r"#{1,6}\s", paragraph) or is_teacher_note(paragraph)
        after_note = pieces and is_teacher_note(pieces[-1][0])
        continues = paragraph[:1].isspace()  # an indented paragraph belongs to the list item above
        if not pieces or starts or after_note or (used and used + weight > budget and not continues):
            pieces.append([paragraph])
            used = weight
        else:
            pieces[-1].append(paragraph)
            used += weight
    return ["\n\n".join(piece) for piece in pieces]


def split_cells_for_slides(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return a copy of ``nb`` whose markdown cells are split with :func:`split_markdown_for_slides`."""
    nb = copy.deepcopy(nb)
    cells = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            cells.append(cell)
            continue
        parts = split_markdown_for_slides(cell.source) or [cell.source]
        for number, part in enumerate(parts):
            new = copy.deepcopy(cell)
            new.source = part
            if len(parts) > 1:  # deterministic ids: the pages are byte-identical from build to build
                new["id"] = f"{cell.get('id') or index}-{number}"
            cells.append(new)
    nb.cells = cells
    return nb


def content_weight(cell: nbformat.NotebookNode) -> int:
    """Return a rough measure of how much of a slide a cell fills (see :data:`SLIDE_BUDGET`)."""
    if cell.cell_type == "markdown":
        return markdown_weight(cell.source)
    weight = 0
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            text = "".join(output.get("text", ""))
            weight += len(text) + 45 * text.count("\n")
            continue
        data = output.get("data") or {}
        if PLOTLY_MIMETYPE in data:
            return SLIDE_BUDGET * 10
        if "text/html" in data:
            markup = "".join(data["text/html"])
            rows = markup.count("<tr")
            weight += 70 * rows if rows else len(markdown_to_plain_text(markup))
        elif "text/plain" in data and WIDGET_MIMETYPE not in data:
            text = "".join(data["text/plain"])
            weight += len(text) + 45 * text.count("\n")
        else:
            weight += 60
    if weight and shows_code(cell):  # a printout comes with its code
        weight += len(cell.source) + 45 * cell.source.count("\n")
    return weight


def assign_slide_types(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return a copy of ``nb`` with ``metadata.slideshow.slide_type`` set on every cell.

    Markdown cells are first split before each heading, around teacher notes and between paragraphs
    that would not fit one slide together (:func:`split_cells_for_slides`). Then:

    * a markdown cell starting with ``#`` or ``## `` starts a new slide (``"slide"``);
    * one starting with ``###`` starts a vertical sub-slide (``"subslide"``);
    * a teacher note (``> **Teacher note.** ...``) goes to the speaker notes (``"notes"``, key ``S``);
    * a code cell with a plotly chart gets a sub-slide of its own (``"subslide"``);
    * a code cell with no output, and a raw cell, are left out (``"skip"``): code inputs are hidden
      in the decks anyway;
    * other outputs (tables, printed results) appear on the next click (``"fragment"``) while the
      slide has room, otherwise on a new sub-slide; the note replacing a widget stays with the slide
      (``"-"``);
    * other markdown continues the slide (``"-"``) while it has room, otherwise starts a sub-slide.

    The committed notebook is not modified.
    """
    nb = split_cells_for_slides(nb)
    used = 0
    for cell in nb.cells:
        weight = content_weight(cell)
        if cell.cell_type == "raw":
            kind = "skip"
        elif cell.cell_type == "markdown":
            first = cell.source.lstrip()
            if is_teacher_note(first):
                kind, weight = "notes", 0
            elif re.match(r"#{1,2}\s", first):
                kind, used = "slide", 0
            elif re.match(r"#{3,6}\s", first) or (used and used + weight > SLIDE_BUDGET):
                kind, used = "subslide", 0
            else:
                kind = "-"
        else:
            outputs = cell.get("outputs", [])
            if not outputs:
                kind, weight = "skip", 0
            elif any(PLOTLY_MIMETYPE in (o.get("data") or {}) for o in outputs):
                kind, used = "subslide", 0
            elif all(WIDGET_MIMETYPE in (o.get("data") or {}) for o in outputs):
                kind = "-"
            elif used and used + weight > SLIDE_BUDGET:
                kind, used = "subslide", 0
            else:
                kind = "fragment"
        used += weight
        cell.metadata["slideshow"] = {"slide_type": kind}
    return nb


def find_chapter_notebook(name: Path | str, root: Path, lang: str = DEFAULT_LANGUAGE) -> Path:
    """Return the chapter notebook ``name`` names: a path, a path in the course, or a file name/stem.

    A chapter number (``3`` or ``03``) names ``notebooks/03_*.ipynb`` (``notebooks/<lang>/03_*.ipynb``
    in another language); so does a file name or stem.

    Raises
    ------
    PublishError
        If no such notebook exists.
    """
    name = Path(name)
    folder = language_folder(root, "notebooks", lang)
    candidates = [name, root / name, folder / name.name, folder / f"{name.name}.ipynb"]
    if re.fullmatch(r"\d{1,2}", name.name):  # a chapter number, as for `ircourse dashboard 03`
        candidates += sorted(folder.glob(f"{int(name.name):02d}_*.ipynb"))
    for candidate in candidates:
        if candidate.is_file() and candidate.suffix == ".ipynb":
            return candidate.resolve()
    raise PublishError(f"no such notebook: {name} (looked in the current folder and in {folder}; "
                       "give a chapter number such as 03, a notebook name or a path)")


def slides_index_html(decks: list[tuple[str, str]], title: str, lang: str | None = None) -> str:
    """Return a small ``index.html`` listing the decks (``(file name, title)`` pairs)."""
    lang = lang or get_language()
    items = "\n".join(f'<li><a href="{html.escape(name)}">{html.escape(deck)}</a></li>' for name, deck in decks)
    heading = html.escape(t("publish.slides.title", lang=lang, course=title))
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{heading}</title>
<style>body {{ font-family: system-ui, sans-serif; max-width: 900px; margin: 2em auto; padding: 0 1em;
font-size: 1.2em; line-height: 1.6; color: #1b2733 }} a {{ color: #1759a6 }}</style></head>
<body>
<main>
<h1>{heading}</h1>
<p>{html.escape(t("publish.slides.intro", lang=lang))}</p>
<ul>
{items}
</ul>
</main>
</body>
</html>
"""


def default_slides_folder(lang: str = DEFAULT_LANGUAGE) -> Path:
    """Return where decks go by default: ``_slides`` for English, ``_slides/<lang>`` otherwise."""
    return Path("_slides") if lang == DEFAULT_LANGUAGE else Path("_slides") / lang


def build_slides(out: Path | str | None = None, notebooks: list[Path | str] | None = None,
                 root: Path | str | None = None, *, lang: str = DEFAULT_LANGUAGE,
                 verbose: bool = False) -> BuildReport:
    """Build one reveal.js deck per chapter, working offline, from the committed notebooks.

    Parameters
    ----------
    out : path, optional
        Output folder (default :func:`default_slides_folder`). Decks of other chapters already there
        are kept.
    notebooks : list of path, optional
        Chapters to build (default: every chapter in ``lang``).
    root : path, optional
        Course checkout (default: the one this package is installed from).
    lang : str
        Language of the decks: built from ``notebooks/<lang>/`` (English: ``notebooks/``), with the
        index page's strings in that language.
    verbose : bool
        Print each deck as it is written.

    Returns
    -------
    BuildReport
        The decks written (and ``index.html``), the total size and the time taken.
    """
    start = time.perf_counter()
    check_language(lang)
    root = find_course_root(root)
    out = Path(out if out is not None else default_slides_folder(lang)).resolve()
    folder = language_folder(root, "notebooks", lang)
    paths = ([find_chapter_notebook(p, root, lang) for p in notebooks] if notebooks
             else sorted(folder.glob("*.ipynb")))
    if not paths:
        raise PublishError(f"no chapters in {folder} (build the translations first: "
                           f"ircourse translations build --lang {lang})")
    title = course_title(root, lang)
    prepare_output_folder(out, clean=False)
    copy_plotly_js(out)
    reveal = out / "assets" / "reveal"
    if reveal.exists():
        shutil.rmtree(reveal)
    shutil.copytree(REVEAL_ASSETS, reveal, ignore=shutil.ignore_patterns("README.md"))
    exporter = slides_exporter(lang)
    report = BuildReport(out)
    # Links between chapters lead to their decks (built now or before); links to anything else
    # (homework, data README) become plain text, as a deck folder holds only decks.
    decked = {p.stem for p in paths} | {d.name[: -len(".slides.html")] for d in out.glob("*.slides.html")}
    link_map = {f"notebooks/{stem}.ipynb": f"{stem}.slides.html" for stem in decked}
    for path in paths:
        nb = assign_slide_types(for_readers(nbformat.read(path, as_version=4), hide_code=False))
        heading = notebook_title(nb, path.stem, skip=(title,))
        nb.metadata["title"] = f"{heading} · {title}"
        name = f"{path.stem}.slides.html"
        resources = {"metadata": {"name": path.stem, "path": str(path.parent)},
                     "ircourse": {"plotly_src": "assets/plotly.min.js", "assets_url": "assets/", "css": SLIDES_CSS,
                                  "lang": lang}}
        body, _ = exporter.from_notebook_node(nb, resources=resources)
        body = rewrite_course_links(body, f"notebooks/{path.name}", name, link_map, lang)
        remote = network_references(body)
        if remote:
            raise PublishError(f"{name} would load from the network: {', '.join(sorted(set(remote)))}")
        (out / name).write_text(body, encoding="utf-8")
        report.pages.append(out / name)
        if verbose:
            print(f"  {name}", flush=True)
    write_shared_stylesheets(exporter, out / "assets")
    decks = []
    for deck in sorted(out.glob("*.slides.html")):
        match = re.search(r"<title>(.*?)</title>", deck.read_text(encoding="utf-8"), re.DOTALL)
        decks.append((deck.name, html.unescape(match.group(1)).split(" · ")[0] if match else deck.stem))
    (out / "index.html").write_text(slides_index_html(decks, title, lang), encoding="utf-8")
    report.pages.append(out / "index.html")
    report.seconds = time.perf_counter() - start
    return report


# ---------------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------------

#: How the command is called when run as a module (``ircourse site`` / ``slides`` pass ``"ircourse"``).
PROG = "python -m ircourse.publish"


def command_line_parser(prog: str = PROG) -> argparse.ArgumentParser:
    """Return the parser of ``python -m ircourse.publish`` (usage and errors name ``prog``)."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Build the offline course site or the chapter slide decks from the committed notebooks "
                    "(nothing is executed; both open from disk with no network).",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    site = commands.add_parser(
        "site", help="build the static course site in every language (index, chapters, homework, data sources)",
        description="Build index.html, one page per chapter and per student homework notebook (never the "
                    "solutions), and the data sources page, in English at the root of --out and in each "
                    "translated language in a folder of its own (uz/, ru/); every page links its other "
                    "languages. Plotly charts are interactive, drawn by one shared assets/plotly.min.js. "
                    "A previous build in --out is replaced.")
    site.add_argument("--out", type=Path, default=Path("_site"), help="output folder (default: %(default)s)")
    site.add_argument("--lang", action="append", choices=COURSE_LANGUAGES, default=None, metavar="LANG",
                      help="build only this language (repeat for several; English is always built); "
                           "default: every language with translated chapters")
    slides = commands.add_parser(
        "slides", help="build one reveal.js slide deck per chapter",
        description="Build NN_topic.slides.html per chapter: a slide per ## section, charts on their own "
                    "sub-slides, code hidden, teacher notes in the speaker view (S). reveal.js and "
                    "plotly.js are copied next to the decks.")
    slides.add_argument("notebooks", nargs="*", type=Path, metavar="CHAPTER",
                        help="chapter numbers (03), notebook names or paths "
                             "(default: every chapter of the language)")
    slides.add_argument("--lang", choices=COURSE_LANGUAGES, default=DEFAULT_LANGUAGE,
                        help="language of the decks: built from notebooks/<lang>/ (default: %(default)s)")
    slides.add_argument("--out", type=Path, default=None,
                        help="output folder (default: _slides, or _slides/<lang> for another language)")
    for command in (site, slides):
        command.add_argument("--root", type=Path, default=None,
                             help="course checkout (default: the one this package is installed from)")
        command.add_argument("--verbose", action="store_true", help="print each page as it is written")
    return parser


def main(argv: list[str] | None = None, prog: str = PROG) -> int:
    """Run ``python -m ircourse.publish``; return its exit status (0 ok, 1 failure, 2 usage error).

    ``prog`` is how the user called the command (``"ircourse"`` from ``ircourse site``/``slides``):
    usage and error messages name it.
    """
    args = command_line_parser(prog).parse_args(argv)
    try:
        if args.command == "site":
            report = build_site(args.out, args.root, languages=args.lang, verbose=args.verbose)
        else:
            report = build_slides(args.out, args.notebooks, args.root, lang=args.lang, verbose=args.verbose)
        entry = report.out / "index.html"
    except (PublishError, FileNotFoundError) as exc:
        print(f"{prog} {args.command}: error: {exc}", file=sys.stderr)
        return 1
    print(f"{args.command}: {len(report.pages)} pages, {report.total_bytes / 1e6:.1f} MB in {report.out} "
          f"({report.seconds:.1f} s)\nopen {entry.as_uri()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
