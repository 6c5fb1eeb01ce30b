"""Publish the course for reading offline and for the classroom projector.

::

    python -m ircourse.publish site   [--out _site]                   # static course site
    python -m ircourse.publish slides [--out _slides] [CHAPTER ...]   # a reveal.js deck per chapter (03, ...)

Both are built from the *committed* notebooks (nothing is executed, so a build takes seconds) and
work from disk with no network at all:

* **Site** (``_site/``): ``index.html`` with the course map, one page per chapter
  (``notebooks/NN_topic.html``) and per student homework notebook (``exercises/NN_topic.html``; the
  solution notebooks are never read), the data sources page (``data/README.html``), and a
  downloadable copy of each notebook. Every plotly chart is drawn in the browser by ONE shared
  ``assets/plotly.min.js`` (the copy that ships with the installed plotly package).
* **Slides** (``_slides/``): ``NN_topic.slides.html`` per chapter, with the same shared
  ``assets/plotly.min.js`` and a vendored reveal.js (``ircourse/assets/reveal/``, see its README).
  Slide boundaries are assigned at build time in a copy of each notebook (:func:`assign_slide_types`):
  the committed notebooks carry no slide metadata and are never modified. Code is hidden; outputs
  are shown.

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

From Python::

    from ircourse import publish
    publish.build_site("_site")
    publish.build_slides("_slides", ["notebooks/03_war_across_5500_years.ipynb"])
"""

from __future__ import annotations

import argparse
import copy
import html
import json
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

from .i18n import get_language, t

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
        Path of the page inside the site, with ``/`` separators (``"notebooks/03_war.html"``).
    kind : str
        ``"chapter"``, ``"homework"`` or ``"data"``.
    number : int or None
        Chapter number from the file name prefix (``03_...`` -> 3).
    title : str
        Plain-text title from the notebook's first heading, without its number (``"War across 5,500 years"``).
    heading : str
        The first heading as written (``"3. War across 5,500 years"``), used as the browser tab title.
    """

    source: Path
    target: str
    kind: str
    number: int | None
    title: str
    heading: str

    @property
    def source_name(self) -> str:
        """Return the path of the source inside the course, with ``/`` separators."""
        return posixpath.join(posixpath.dirname(self.target), self.source.name)


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


def course_pages(root: Path) -> list[Page]:
    """Return every page of the course site: chapters, student homework notebooks, the data page.

    Only ``exercises/*.ipynb`` (the student notebooks) are listed: ``exercises/solutions/`` is never
    read.
    """
    pages = []
    title = course_title(root)
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        heading = notebook_title(nbformat.read(path, as_version=4), path.stem, skip=(title,))
        pages.append(Page(path, f"notebooks/{path.stem}.html", "chapter", chapter_number(path),
                          strip_heading_number(heading), heading))
    for path in sorted((root / "exercises").glob("*.ipynb")):
        heading = notebook_title(nbformat.read(path, as_version=4), path.stem)
        pages.append(Page(path, f"exercises/{path.stem}.html", "homework", chapter_number(path),
                          heading, heading))
    readme = root / "data" / "README.md"
    if readme.is_file():
        headings = markdown_headings(readme.read_text(encoding="utf-8"))
        heading = markdown_to_plain_text(headings[0][1]) if headings else "Data"
        pages.append(Page(readme, "data/README.html", "data", None, heading, heading))
    return pages


def course_title(root: Path) -> str:
    """Return the course title: the first heading of the first chapter (the start-here notebook)."""
    first = sorted((root / "notebooks").glob("*.ipynb"))
    if first:
        headings = notebook_headings(nbformat.read(first[0], as_version=4))
        if headings:
            return headings[0]
    return t("publish.course_title")


def course_introduction(root: Path) -> str:
    """Return the first plain paragraph of the start-here notebook (the course in one sentence), or ``""``."""
    first = sorted((root / "notebooks").glob("*.ipynb"))
    if not first:
        return ""
    for cell in nbformat.read(first[0], as_version=4).cells:
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


def plotly_figure_html(figure: dict, div_id: str, min_height: int | None = None) -> str:
    """Return the HTML that draws one saved plotly figure with the page's ``Plotly`` (no plotly.js inside).

    Parameters
    ----------
    figure : dict
        The ``application/vnd.plotly.v1+json`` bundle: ``data``, ``layout`` and optionally ``config``.
    div_id : str
        Id of the chart's ``<div>``, unique in the page.
    min_height : int, optional
        Draw a figure that is less tall this tall (slides).
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
    config = {"displaylogo": False, **(figure.get("config") or {}), "responsive": True}
    return (
        f'<div id="{div_id}" class="ir-plot"></div>\n'
        f"<script>Plotly.newPlot(document.getElementById({json.dumps(div_id)}), "
        f"{script_json(figure.get('data') or [])}, {script_json(layout)}, {script_json(config)});</script>\n"
    )


class PlotlyToHTMLPreprocessor(Preprocessor):
    """Turn every saved plotly chart into a ``<div>`` drawn by the page's shared plotly.js.

    The ``application/vnd.plotly.v1+json`` output (and the PNG snapshot JupyterLab may store beside
    it) is replaced by one ``text/html`` output: a ``<div>`` and a
    ``<script>Plotly.newPlot(div, data, layout, {responsive: true})</script>``. The page must load
    plotly.js in its ``<head>`` (the course templates do). Div ids are numbered per notebook, so a
    rebuild gives the same bytes.
    """

    min_height = Int(None, allow_none=True, help="draw less tall charts this tall (slides)").tag(config=True)
    id_prefix = Unicode("ir-plot", help="prefix of the chart div ids").tag(config=True)

    def preprocess(self, nb, resources):
        """Replace the plotly outputs of every cell (see the class docstring)."""
        self._count = 0
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        """Replace the plotly outputs of one cell."""
        for output in cell.get("outputs", []):
            data = output.get("data") or {}
            if PLOTLY_MIMETYPE in data:
                self._count += 1
                output["data"] = nbformat.from_dict({"text/html": plotly_figure_html(
                    data[PLOTLY_MIMETYPE], f"{self.id_prefix}-{self._count}", self.min_height)})
                output["metadata"] = nbformat.from_dict({})
        return cell, resources


def widget_note_html() -> str:
    """Return the note shown in place of an interactive control."""
    return f'<p class="ir-widget-note">{html.escape(t("publish.widget_note"))}</p>'


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
                    output["data"] = nbformat.from_dict({"text/html": widget_note_html()})
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
html { scroll-padding-top: 3.2em; }  /* a #section link does not end under the sticky bar */
body.jp-Notebook { margin: 0; padding: 0; overflow: visible; }
main { max-width: 1180px; margin: 0 auto; padding: 0 1em 2em; }
.ir-nav { position: sticky; top: 0; z-index: 20; display: flex; flex-wrap: wrap; gap: 0.4em 1.4em;
  align-items: baseline; padding: 0.55em 1.2em; background: #1d3557; color: #fff;
  font-family: var(--jp-ui-font-family); font-size: 15px; }
.ir-nav a { color: #fff; text-decoration: none; }
.ir-nav a:hover { text-decoration: underline; }
.ir-nav .ir-home { font-weight: 600; }
.ir-nav .ir-spacer { flex: 1; }
.ir-footer-nav { position: static; margin-top: 2em; }
.ir-plot { width: 100%; min-height: 200px; }
/* After a window resize plotly sizes a responsive chart's box to 100% of a parent that has no height
   (the box collapses and the text below runs over the chart): let the chart itself give the height. */
.js-plotly-plot .svg-container > svg.main-svg:first-of-type { position: relative !important; display: block; }
.ir-widget-note { margin: 0.3em 0; padding: 0.5em 0.9em; border-left: 4px solid #8a9bb0;
  background: #f1f4f8; color: #33475b; font-style: italic; }
.ir-math { font-family: "Cambria Math", "STIX Two Math", "Latin Modern Math", "Times New Roman", serif;
  white-space: nowrap; font-size: 1.08em; }
.ir-math i { padding-right: 0.05em; }
.ir-unpublished { border-bottom: 1px dotted #888; cursor: help; }
.jp-RenderedHTMLCommon table { font-size: 0.95em; }
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
{%- endblock html_head_js -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block extra_css %}<style type="text/css">{{ resources.ircourse.css }}</style>{% endblock extra_css %}
{%- block body_header -%}
<body class="jp-Notebook" data-jp-theme-light="true" data-jp-theme-name="JupyterLab Light">
{{ resources.ircourse.nav }}
<main>
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
header { background: #1d3557; color: #fff; padding: 2.2em 1.5em 1.6em; }
header h1 { margin: 0 auto; max-width: 980px; font-size: 2.1em; line-height: 1.2; }
header p { margin: 0.6em auto 0; max-width: 980px; font-size: 1.15em; color: #dfe7f1; }
main { max-width: 980px; margin: 0 auto; padding: 1em 1.5em 3em; }
h2 { margin-top: 1.4em; }
table { border-collapse: collapse; width: 100%; font-size: 1.05em; }
th, td { text-align: left; padding: 0.55em 0.7em; border-bottom: 1px solid #d5dde6; vertical-align: top; }
th { background: #eef2f7; }
td.num { width: 2.5em; text-align: right; color: #56687a; font-variant-numeric: tabular-nums; }
a { color: #1759a6; }
.muted { color: #6b7c8d; }
footer { margin-top: 2.5em; font-size: 0.9em; color: #6b7c8d; }
</style>
</head>
<body>
<header>
<h1>{{ title }}</h1>
{% if lead %}<p>{{ lead }}</p>{% endif %}
</header>
<main>
{% for paragraph in intro %}<p>{{ paragraph }}</p>
{% endfor %}
<h2>{{ map_heading }}</h2>
<table class="course-map">
<thead><tr>{% for column in columns %}<th>{{ column }}</th>{% endfor %}</tr></thead>
<tbody>
{% for row in rows %}<tr>
<td class="num">{{ row.number }}</td>
{% for cell in row.cells %}<td>{% if cell.href %}<a href="{{ cell.href }}" title="{{ cell.title }}">{{ cell.text }}</a>{% else %}<span class="muted">{{ cell.text }}</span>{% endif %}</td>
{% endfor %}</tr>
{% endfor %}</tbody>
</table>
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


def site_exporter() -> SiteHTMLExporter:
    """Return the nbconvert exporter of the site pages (``lab`` template, no network, shared plotly.js)."""
    exporter = SiteHTMLExporter(template_name="lab", extra_loaders=[DictLoader(TEMPLATES)],
                                template_file="ircourse_site.html.j2", language_code=get_language())
    exporter.register_preprocessor(NotebookOnlyPreprocessor(), enabled=True)
    exporter.register_preprocessor(InlineMathPreprocessor(), enabled=True)
    exporter.register_preprocessor(WidgetNotePreprocessor(), enabled=True)
    exporter.register_preprocessor(PlotlyToHTMLPreprocessor(), enabled=True)
    return exporter


def slides_exporter() -> SiteSlidesExporter:
    """Return the nbconvert exporter of the decks (reveal.js from ``assets/reveal``, code hidden but printouts')."""
    exporter = SiteSlidesExporter(
        extra_loaders=[DictLoader(TEMPLATES)], template_file="ircourse_slides.html.j2",
        reveal_url_prefix="assets/reveal", reveal_theme="white", reveal_transition="slide",
        reveal_number="c/t", reveal_width=str(SLIDE_WIDTH), reveal_height=str(SLIDE_HEIGHT),
        exclude_input_prompt=True, exclude_output_prompt=True,
        language_code=get_language(),
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


def rewrite_course_links(page_html: str, source_name: str, page_target: str, link_map: dict[str, str]) -> str:
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

    Returns
    -------
    str
        The page, with ``XX.ipynb`` links rewritten to ``XX.html`` (anchors kept), and relative links
        to files that are not in the site (a homework not written yet) turned into plain text.
        Links marked ``data-ir-nav`` (the site's navigation bars) are left as they are.
    """
    def rewrite(match: re.Match) -> str:
        attrs, inner = match.group(1), match.group(2)
        href_match = _HREF.search(attrs)
        if not href_match or "data-ir-nav" in attrs:  # the site's own navigation is already right
            return match.group(0)
        href = html.unescape(href_match.group(2)).strip()
        if not href or href.startswith(("#", "/", "?")) or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href):
            return match.group(0)
        path, _, fragment = href.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source_name), path))
        target = link_map.get(resolved)
        if target is None:
            return (f'<span class="ir-unpublished" title="{html.escape(t("publish.unpublished"))}">'
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


def page_navigation(page: Page, pages: list[Page], download: str | None, bottom: bool = False) -> str:
    """Return the navigation bar of a site page: course map, previous/next chapter, homework or chapter."""
    def link(target: str, text: str, css: str = "") -> str:
        cls = f' class="{css}"' if css else ""
        return f'<a data-ir-nav{cls} href="{html.escape(relative_url(target, page.target))}">{html.escape(text)}</a>'

    items = [link("index.html", t("publish.nav.home"), "ir-home")]
    chapters = [p for p in pages if p.kind == "chapter"]
    if page.kind == "chapter":
        at = chapters.index(page)
        if at > 0:
            items.append(link(chapters[at - 1].target, t("publish.nav.previous", title=chapters[at - 1].title)))
        if at + 1 < len(chapters):
            items.append(link(chapters[at + 1].target, t("publish.nav.next", title=chapters[at + 1].title)))
        homework = next((p for p in pages if p.kind == "homework" and p.number == page.number), None)
        if homework:
            items.append(link(homework.target, t("publish.nav.homework")))
    elif page.kind == "homework":
        chapter = next((p for p in chapters if p.number == page.number), None)
        if chapter:
            items.append(link(chapter.target, f'{t("publish.nav.chapter")} {chapter.number}: {chapter.title}'))
    if download:
        items += ['<span class="ir-spacer"></span>', link(download, t("publish.nav.download"))]
    css = "ir-nav ir-footer-nav" if bottom else "ir-nav"
    return f'<nav class="{css}">\n' + "\n".join(items) + "\n</nav>"


def read_page_notebook(page: Page) -> nbformat.NotebookNode:
    """Return the notebook of a page (the data README becomes a one-cell notebook)."""
    if page.kind == "data":
        return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
            page.source.read_text(encoding="utf-8"), id="data-readme")])
    return nbformat.read(page.source, as_version=4)


def render_site_page(page: Page, pages: list[Page], exporter: HTMLExporter, title: str) -> str:
    """Return the HTML of one site page (not yet written).

    Raises
    ------
    PublishError
        If the page would load anything from the network.
    """
    nb = read_page_notebook(page)
    nb.metadata["title"] = f"{page.heading} · {title}"
    download = page.source_name if page.kind in ("chapter", "homework") else None
    resources = {
        "metadata": {"name": page.source.stem, "path": str(page.source.parent)},
        "ircourse": {
            "plotly_src": relative_url("assets/plotly.min.js", page.target),
            "assets_url": relative_url("assets", page.target) + "/",
            "css": SITE_CSS,
            "nav": page_navigation(page, pages, download),
            "footer_nav": page_navigation(page, pages, download, bottom=True),
        },
    }
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    link_map = {p.source_name: p.target for p in pages}
    body = rewrite_course_links(body, page.source_name, page.target, link_map)
    remote = network_references(body)
    if remote:
        raise PublishError(f"{page.target} would load from the network: {', '.join(sorted(set(remote)))}")
    return body


def homework_link_text(homework: Page, chapter: Page) -> str:
    """Return the course map's text for a homework: ``"Homework 3"`` when its heading repeats the chapter's title."""
    head, sep, rest = homework.title.partition(" · ")
    return head if sep and rest.strip() == chapter.title else homework.title


def render_site_index(root: Path, pages: list[Page], title: str) -> str:
    """Return the HTML of the site's ``index.html``: title, introduction, course map, data page link."""
    homework = {p.number: p for p in pages if p.kind == "homework"}
    rows = []
    for page in (p for p in pages if p.kind == "chapter"):
        work = homework.get(page.number)
        rows.append({
            "number": page.number if page.number is not None else "",
            "cells": [{"href": page.target, "text": page.title, "title": page.heading},
                      {"href": work.target, "text": homework_link_text(work, page), "title": work.heading}
                      if work else {"href": None, "text": t("publish.site.no_homework")}],
        })
    data = next((p for p in pages if p.kind == "data"), None)
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    return env.from_string(INDEX_TEMPLATE).render(
        lang=get_language(), title=title, lead=course_introduction(root),
        intro=[t("publish.site.intro"), t("publish.site.howto")],
        map_heading=t("publish.site.map"),
        columns=[t("publish.site.col.number"), t("publish.site.col.chapter"), t("publish.site.col.homework")],
        rows=rows, data={"href": data.target, "text": t("publish.site.data")} if data else None,
        footer=t("publish.site.footer"),
    )


def build_site(out: Path | str = "_site", root: Path | str | None = None, *, verbose: bool = False) -> BuildReport:
    """Build the offline course site from the committed notebooks (nothing is executed).

    Parameters
    ----------
    out : path
        Output folder (default ``_site``). A previous build there is replaced; a folder of other files
        is refused.
    root : path, optional
        Course checkout (default: the one this package is installed from).
    verbose : bool
        Print each page as it is written.

    Returns
    -------
    BuildReport
        The pages written, the total size and the time taken.
    """
    start = time.perf_counter()
    root, out = find_course_root(root), Path(out).resolve()
    pages = course_pages(root)
    title = course_title(root)
    prepare_output_folder(out, clean=True)
    copy_plotly_js(out)
    report = BuildReport(out)
    exporter = site_exporter()
    for page in pages:
        target = out / page.target
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_site_page(page, pages, exporter, title), encoding="utf-8")
        if page.kind in ("chapter", "homework"):  # the notebook itself, to download and run
            shutil.copyfile(page.source, out / page.source_name)
        report.pages.append(target)
        if verbose:
            print(f"  {page.target}", flush=True)
    write_shared_stylesheets(exporter, out / "assets")
    index = out / "index.html"
    index.write_text(render_site_index(root, pages, title), encoding="utf-8")
    report.pages.append(index)
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


def find_chapter_notebook(name: Path | str, root: Path) -> Path:
    """Return the chapter notebook ``name`` names: a path, a path in the course, or a file name/stem.

    A chapter number (``3`` or ``03``) names ``notebooks/03_*.ipynb``.

    Raises
    ------
    PublishError
        If no such notebook exists.
    """
    name = Path(name)
    candidates = [name, root / name, root / "notebooks" / name.name,
                  root / "notebooks" / f"{name.name}.ipynb"]
    if re.fullmatch(r"\d{1,2}", name.name):  # a chapter number, as for `ircourse dashboard 03`
        candidates += sorted((root / "notebooks").glob(f"{int(name.name):02d}_*.ipynb"))
    for candidate in candidates:
        if candidate.is_file() and candidate.suffix == ".ipynb":
            return candidate.resolve()
    raise PublishError(f"no such notebook: {name} (looked in the current folder and in {root / 'notebooks'}; "
                       "give a chapter number such as 03, a notebook name or a path)")


def slides_index_html(decks: list[tuple[str, str]], title: str) -> str:
    """Return a small ``index.html`` listing the decks (``(file name, title)`` pairs)."""
    items = "\n".join(f'<li><a href="{html.escape(name)}">{html.escape(deck)}</a></li>' for name, deck in decks)
    heading = html.escape(t("publish.slides.title", course=title))
    return f"""<!DOCTYPE html>
<html lang="{get_language()}">
<head><meta charset="utf-8"><title>{heading}</title>
<style>body {{ font-family: system-ui, sans-serif; max-width: 900px; margin: 2em auto; padding: 0 1em;
font-size: 1.2em; line-height: 1.6; color: #1b2733 }} a {{ color: #1759a6 }}</style></head>
<body>
<h1>{heading}</h1>
<p>{html.escape(t("publish.slides.intro"))}</p>
<ul>
{items}
</ul>
</body>
</html>
"""


def build_slides(out: Path | str = "_slides", notebooks: list[Path | str] | None = None,
                 root: Path | str | None = None, *, verbose: bool = False) -> BuildReport:
    """Build one reveal.js deck per chapter, working offline, from the committed notebooks.

    Parameters
    ----------
    out : path
        Output folder (default ``_slides``). Decks of other chapters already there are kept.
    notebooks : list of path, optional
        Chapters to build (default: every ``notebooks/*.ipynb``).
    root : path, optional
        Course checkout (default: the one this package is installed from).
    verbose : bool
        Print each deck as it is written.

    Returns
    -------
    BuildReport
        The decks written (and ``index.html``), the total size and the time taken.
    """
    start = time.perf_counter()
    root, out = find_course_root(root), Path(out).resolve()
    paths = ([find_chapter_notebook(p, root) for p in notebooks] if notebooks
             else sorted((root / "notebooks").glob("*.ipynb")))
    title = course_title(root)
    prepare_output_folder(out, clean=False)
    copy_plotly_js(out)
    reveal = out / "assets" / "reveal"
    if reveal.exists():
        shutil.rmtree(reveal)
    shutil.copytree(REVEAL_ASSETS, reveal, ignore=shutil.ignore_patterns("README.md"))
    exporter = slides_exporter()
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
                     "ircourse": {"plotly_src": "assets/plotly.min.js", "assets_url": "assets/", "css": SLIDES_CSS}}
        body, _ = exporter.from_notebook_node(nb, resources=resources)
        body = rewrite_course_links(body, f"notebooks/{path.name}", name, link_map)
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
    (out / "index.html").write_text(slides_index_html(decks, title), encoding="utf-8")
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
        "site", help="build the static course site (index, chapters, homework, data sources)",
        description="Build index.html, one page per chapter and per student homework notebook (never the "
                    "solutions), and the data sources page. Plotly charts are interactive, drawn by one "
                    "shared assets/plotly.min.js. A previous build in --out is replaced.")
    site.add_argument("--out", type=Path, default=Path("_site"), help="output folder (default: %(default)s)")
    slides = commands.add_parser(
        "slides", help="build one reveal.js slide deck per chapter",
        description="Build NN_topic.slides.html per chapter: a slide per ## section, charts on their own "
                    "sub-slides, code hidden, teacher notes in the speaker view (S). reveal.js and "
                    "plotly.js are copied next to the decks.")
    slides.add_argument("notebooks", nargs="*", type=Path, metavar="CHAPTER",
                        help="chapter numbers (03), notebook names or paths "
                             "(default: every notebooks/*.ipynb)")
    slides.add_argument("--out", type=Path, default=Path("_slides"), help="output folder (default: %(default)s)")
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
            report = build_site(args.out, args.root, verbose=args.verbose)
            entry = report.out / "index.html"
        else:
            report = build_slides(args.out, args.notebooks, args.root, verbose=args.verbose)
            entry = report.out / "index.html"
    except (PublishError, FileNotFoundError) as exc:
        print(f"{prog} {args.command}: error: {exc}", file=sys.stderr)
        return 1
    print(f"{args.command}: {len(report.pages)} pages, {report.total_bytes / 1e6:.1f} MB in {report.out} "
          f"({report.seconds:.1f} s)\nopen {entry.as_uri()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
