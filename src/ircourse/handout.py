"""Paper handouts: a chapter to read, or a homework to answer by hand, as a PDF.

::

    ircourse handout 03                      # chapter 3   -> _handouts/03_war_across_5500_years.pdf
    ircourse handout 03 --homework           # homework 3  -> _handouts/03_war_across_5500_years.homework.pdf
    ircourse handout 03 --homework --hints   # with the hint of each question
    ircourse handout --all --lang uz         # every chapter and homework in Uzbek -> _handouts/uz/

A handout is printed from the committed notebook (nothing is executed) by the Chromium the course
already drives through Playwright (Debian's ``/usr/bin/chromium``; no other PDF engine), on A4:

* **Chapter**: what the offline site shows, for reading: the text, the tables and every chart, code
  hidden except above printouts (:func:`ircourse.publish.for_readers`); cells tagged ``notebook-only``
  or ``live-only`` are left out, and an explorer's controls become a one-line note. Charts are drawn
  by plotly.js as static vector graphics at :data:`CHART_WIDTH` pixels (the width the course's charts
  are laid out and tested for), with their text alternative under them, and a page break never
  falls inside a chart or a table.
* **Homework**: the questions (every markdown cell), then under each question an empty box to write
  the answer in (a large one for the written fact-check); with ``--hints``, the question's hint and
  the notebook's own hints (its ``<details>``, opened), without them neither; a line for the
  student's name and id on top; no code. A personal question (its year or country depends on the
  student id) is printed as the notebook words it, without the student's own values.

Pages are numbered in the footer. The PDF is tagged (headings, paragraphs, the language of the
notebook) and has an outline, for screen readers and PDF viewers.
"""

from __future__ import annotations

import argparse
import copy
import html
import json
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from jinja2 import DictLoader
from markupsafe import Markup
from nbconvert import HTMLExporter

from . import publish
from .i18n import COURSE_LANGUAGES, DEFAULT_LANGUAGE, homework_text, t

#: Width in CSS pixels of a chart on paper: the width the course's frame wraps its texts for, which
#: fits the 180 mm between the margins of an A4 page (680 px at 96 px per inch).
CHART_WIDTH = 660
#: Page margins (top, right, bottom, left) for Chromium's print to PDF.
MARGINS = {"top": "16mm", "right": "15mm", "bottom": "18mm", "left": "15mm"}
#: Height of an answer box: a value, and a written fact-check of 3-5 sentences.
ANSWER_HEIGHT = {"value": "3.2cm", "written": "9cm"}
#: Longest time to wait for the charts of a page to be drawn, in milliseconds.
DRAW_TIMEOUT = 60_000

HANDOUT_CSS = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
html, body { background: #fff; }
body.jp-Notebook { margin: 0; padding: 0; overflow: visible; font-size: 11pt; }
main { width: 680px; margin: 0; }
.jp-Cell { padding: 0 !important; }
.jp-Cell-inputWrapper, .jp-Cell-outputWrapper { display: block; }
.jp-RenderedHTMLCommon { padding-right: 0 !important; font-size: 11pt; }
.jp-RenderedHTMLCommon a:link, .jp-RenderedHTMLCommon a:visited { color: #0d47a1; text-decoration: underline; }
.jp-RenderedHTMLCommon h1, .jp-RenderedHTMLCommon h2, .jp-RenderedHTMLCommon h3, .jp-RenderedHTMLCommon h4
  { break-after: avoid; page-break-after: avoid; }
.ir-figure, .ir-answer-block, table, blockquote, pre, .ir-box { break-inside: avoid; page-break-inside: avoid; }
.ir-figure { margin: 0.4em 0 0.8em; }
.ir-plot { width: 660px; }
.ir-caption { font-size: 9.5pt; color: #333; margin-top: 0.2em; }
.ir-widget-note { margin: 0.3em 0; padding: 0.3em 0.8em; border-left: 3px solid #8a9bb0; font-style: italic; color: #33475b; }
.ir-math { font-family: "Cambria Math", "STIX Two Math", "Times New Roman", serif; white-space: nowrap; }
.ir-student { display: flex; gap: 2em; margin: 0 0 1.2em; font-size: 11pt; }
.ir-student span { flex: 1; border-bottom: 1px solid #333; padding-bottom: 0.2em; }
.ir-answer-block { margin: 0.4em 0 1.2em; }
.ir-answer-label { font-size: 9.5pt; color: #333; margin-bottom: 0.2em; }
.ir-answer { border: 1.5px solid #333; border-radius: 3px; }
.ir-hint { font-size: 10pt; color: #333; border-left: 3px solid #8a9bb0; padding-left: 0.6em; margin: 0.3em 0; }
.jp-InputArea pre, .jp-OutputArea-output pre { white-space: pre-wrap; overflow-wrap: anywhere; }
"""

#: Script of a handout printed with its hints: every ``<details>`` of the notebook (the hints of a
#: homework's questions) is opened.
OPEN_DETAILS = ("document.addEventListener('DOMContentLoaded', function () {"
                " document.querySelectorAll('details').forEach(function (d) { d.open = true; }); });")

TEMPLATE = """{%- extends 'index.html.j2' -%}
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
<main>
{{ resources.ircourse.top }}
{%- endblock body_header -%}
{% block body_footer %}
</main>
</body>
{% endblock body_footer %}
"""


class HandoutError(publish.PublishError):
    """A handout cannot be made (no such chapter or homework, no browser...)."""


@dataclass
class HandoutReport:
    """What :func:`build_handouts` wrote: the PDFs, their page counts, and the time taken."""

    files: list[Path] = field(default_factory=list)
    pages: dict[Path, int] = field(default_factory=dict)
    seconds: float = 0.0


def pdf_page_count(pdf: bytes) -> int:
    """Return the number of pages of a PDF written by Chromium (its page tree's ``/Count``)."""
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
    counts += [int(n) for n in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf)]
    return max(counts) if counts else 0


# --------------------------------------------------------------------------------------------------
# Finding the notebooks
# --------------------------------------------------------------------------------------------------

def find_notebook(name: str | Path, root: Path, kind: str = "chapter", lang: str = DEFAULT_LANGUAGE) -> Path:
    """Return the chapter (``kind="chapter"``) or student homework notebook that ``name`` names.

    ``name`` is a chapter number (``3``, ``03``), a file name or stem, or a path. A path into
    ``exercises/`` is a homework whatever ``kind`` says.

    Raises
    ------
    HandoutError
        If there is no such notebook (the message lists the choices).
    """
    folder = publish.language_folder(root, "notebooks" if kind == "chapter" else "exercises", lang)
    path = Path(name)
    candidates = [path, root / path, folder / path.name, folder / f"{path.name}.ipynb"]
    if re.fullmatch(r"\d{1,2}", path.name):
        candidates += sorted(folder.glob(f"{int(path.name):02d}_*.ipynb"))
    for candidate in candidates:
        if candidate.is_file() and candidate.suffix == ".ipynb" and "solutions" not in candidate.parts:
            return candidate.resolve()
    choices = ", ".join(p.stem for p in sorted(folder.glob("*.ipynb"))) or f"none in {folder}"
    raise HandoutError(f"no {kind} {name!r} in {folder} (choose a number such as 03, or one of: {choices})")


def notebook_kind(path: Path) -> str:
    """Return ``"homework"`` for a notebook under ``exercises/``, else ``"chapter"``."""
    return "homework" if "exercises" in Path(path).parts else "chapter"


def notebook_language(path: Path) -> str:
    """Return the language of a course notebook from its folder (``notebooks/uz/`` -> ``"uz"``)."""
    folder = Path(path).parent.name
    return folder if folder in COURSE_LANGUAGES else DEFAULT_LANGUAGE


def handout_path(notebook: Path, out: Path, lang: str) -> Path:
    """Return where the handout of ``notebook`` goes: ``out/[lang/]stem.pdf`` (``stem.homework.pdf`` for homework)."""
    folder = out if lang == DEFAULT_LANGUAGE else out / lang
    suffix = ".homework.pdf" if notebook_kind(notebook) == "homework" else ".pdf"
    return folder / f"{notebook.stem}{suffix}"


# --------------------------------------------------------------------------------------------------
# The notebook made ready for paper
# --------------------------------------------------------------------------------------------------

def _markdown(text: str, cell_id: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_markdown_cell(text, id=cell_id)


def _homework_questions(notebook: Path) -> dict:
    """Return the public question file of a homework (kind, hint... per question id), or ``{}``."""
    public = Path(publish.PACKAGE) / "homework" / "public" / f"{notebook.stem}.json"
    if not public.is_file():
        return {}
    return json.loads(public.read_text(encoding="utf-8")).get("questions", {})


def chapter_for_paper(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return a chapter as it is read on paper: no notebook-only or live-only cell, code hidden but printouts'."""
    return publish.for_readers(copy.deepcopy(nb), hide_code=True)


def homework_for_paper(nb: nbformat.NotebookNode, notebook: Path, lang: str, hints: bool = False
                       ) -> nbformat.NotebookNode:
    """Return a homework as it is answered on paper: its text, and an empty box under each question.

    Every markdown cell is kept (but ``notebook-only`` and ``live-only`` ones); the code cells go,
    and each answer cell (tagged ``answer:<question id>``) becomes a labelled box to write in, large
    for a written question. With ``hints``, the question's hint (from the homework's public question
    file, in ``lang``) comes before its box.
    """
    from .homework.authoring import cell_role

    questions = _homework_questions(notebook)
    cells = []
    for cell in publish.reader_cells(nb):
        if cell.cell_type == "markdown":
            cells.append(copy.deepcopy(cell))
            continue
        role, qid = cell_role(cell)
        if cell.cell_type != "code" or role != "answer":
            continue
        spec = questions.get(qid, {})
        blocks = []
        if hints and spec.get("hint"):
            hint = homework_text(notebook.stem, qid, "hint", spec["hint"], lang=lang)
            blocks.append(f'<p class="ir-hint"><b>{html.escape(t("handout.hint", lang=lang))}</b> '
                          f"{html.escape(hint)}</p>")
        height = ANSWER_HEIGHT["written" if spec.get("kind") == "written" else "value"]
        label = html.escape(t("handout.answer", lang=lang, qid=qid))
        blocks.append(f'<div class="ir-answer-block"><div class="ir-answer-label">{label}</div>'
                      f'<div class="ir-answer" data-question="{html.escape(qid)}" style="height: {height}"></div></div>')
        cells.append(_markdown("\n".join(blocks), f"answer-box-{qid}"))
    paper = copy.deepcopy(nb)
    paper.cells = cells
    return paper


def handout_exporter(lang: str) -> HTMLExporter:
    """Return the exporter of handout pages: the ``lab`` template, CSS inlined, charts static and fixed-width."""
    exporter = HTMLExporter(template_name="lab", extra_loaders=[DictLoader({"ircourse_handout.html.j2": TEMPLATE})],
                            template_file="ircourse_handout.html.j2", language_code=lang,
                            exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.register_preprocessor(publish.NotebookOnlyPreprocessor(), enabled=True)
    exporter.register_preprocessor(publish.InlineMathPreprocessor(), enabled=True)
    exporter.register_preprocessor(publish.WidgetNotePreprocessor(), enabled=True)
    exporter.register_preprocessor(publish.PlotlyToHTMLPreprocessor(), enabled=True)
    return exporter


def handout_html(notebook: Path, lang: str | None = None, hints: bool = False) -> tuple[str, int]:
    """Return the HTML page of a handout, and how many charts it draws.

    Parameters
    ----------
    notebook : Path
        A chapter (``notebooks/``) or a student homework notebook (``exercises/``).
    lang : str, optional
        Language of the handout's own strings (default: the notebook's folder's).
    hints : bool
        Homework: print each question's hint.
    """
    lang = lang or notebook_language(notebook)
    nb = nbformat.read(notebook, as_version=4)
    kind = notebook_kind(notebook)
    if kind == "homework":
        paper = homework_for_paper(nb, notebook, lang, hints)
        top = ('<p class="ir-student">'
               f'<span>{html.escape(t("handout.name", lang=lang))}:</span>'
               f'<span>{html.escape(t("handout.student", lang=lang))}:</span></p>')
    else:
        paper = chapter_for_paper(nb)
        top = ""
    root = notebook.parents[2] if notebook.parent.name in COURSE_LANGUAGES else notebook.parents[1]
    title = publish.course_title(root, lang) if (root / "notebooks").is_dir() else ""
    heading = publish.notebook_title(paper, notebook.stem, skip=(title,))
    paper.metadata["title"] = f"{heading} · {title}" if title else heading
    # The notebooks' own hints are <details> that a reader opens: on paper, open with --hints, else left out.
    css = HANDOUT_CSS + ("" if hints else "\ndetails { display: none; }\n")
    script = OPEN_DETAILS if hints else ""
    resources = {"metadata": {"name": notebook.stem, "path": str(notebook.parent)},
                 "ircourse": {"plotly_src": publish.plotly_js_path().as_uri(), "css": css, "script": Markup(script),
                              "top": top, "lang": lang, "static_width": CHART_WIDTH}}
    body, _ = handout_exporter(lang).from_notebook_node(paper, resources=resources)
    charts = sum(publish.PLOTLY_MIMETYPE in (o.get("data") or {})
                 for c in publish.reader_cells(paper) if c.cell_type == "code" for o in c.get("outputs", []))
    return body, charts


# --------------------------------------------------------------------------------------------------
# Printing
# --------------------------------------------------------------------------------------------------

def footer_template(title: str) -> str:
    """Return Chromium's page footer: the handout's title, and the page number out of the total."""
    return ('<div style="width: 100%; font-size: 8pt; color: #444; padding: 0 15mm; display: flex; '
            'justify-content: space-between; font-family: sans-serif;">'
            f'<span>{html.escape(title)}</span>'
            '<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>')


def print_pdf(page_html: str, charts: int, target: Path, title: str, browser) -> int:
    """Print a handout page to ``target`` with a Playwright ``browser``; return the number of pages.

    The page is opened from a file (plotly.js from the installed package), every chart is awaited,
    then Chromium prints it on A4 with numbered pages, tagged, with an outline.
    """
    with tempfile.TemporaryDirectory(prefix="ircourse-handout-") as folder:
        source = Path(folder) / "handout.html"
        source.write_text(page_html, encoding="utf-8")
        page = browser.new_page(viewport={"width": 794, "height": 1123})
        try:
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(source.as_uri())
            page.wait_for_function(
                "(n) => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n",
                arg=charts, timeout=DRAW_TIMEOUT)
            page.evaluate("document.fonts.ready")
            if errors:
                raise HandoutError(f"{target.name}: the page failed to draw: {errors[0]}")
            page.emulate_media(media="print")
            target.parent.mkdir(parents=True, exist_ok=True)
            pdf = page.pdf(path=str(target), format="A4", margin=MARGINS, print_background=True,
                           display_header_footer=True, header_template="<span></span>",
                           footer_template=footer_template(title), tagged=True, outline=True)
        finally:
            page.close()
    return pdf_page_count(pdf)


def chromium():
    """Start Playwright and Debian's Chromium (never a downloaded browser); return ``(playwright, browser)``.

    Raises
    ------
    HandoutError
        If ``/usr/bin/chromium`` is missing.
    """
    from playwright.sync_api import sync_playwright

    executable = Path("/usr/bin/chromium")
    if not executable.exists():
        raise HandoutError("handouts are printed by Chromium: install Debian's chromium (apt-get install chromium)")
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=str(executable), headless=True,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
              "--disable-sync", "--no-first-run"])
    return playwright, browser


def build_handouts(notebooks: list[Path], out: Path | str = "_handouts", *, lang: str | None = None,
                   hints: bool = False, verbose: bool = False) -> HandoutReport:
    """Print a handout of each notebook (chapters and homework) into ``out``; return what was written.

    Parameters
    ----------
    notebooks : list of Path
        Chapters and student homework notebooks (:func:`find_notebook`).
    out : path
        Output folder: English handouts at its root, others in ``out/<lang>/`` (:func:`handout_path`).
    lang : str, optional
        Language of the handouts' own strings (default: each notebook's).
    hints : bool
        Homework: print each question's hint.
    verbose : bool
        Print each file as it is written, with its page count.
    """
    start = time.perf_counter()
    out = Path(out)
    report = HandoutReport()
    playwright, browser = chromium()
    try:
        for notebook in notebooks:
            language = lang or notebook_language(notebook)
            page_html, charts = handout_html(notebook, language, hints)
            match = re.search(r"<title>(.*?)</title>", page_html, re.DOTALL)
            title = html.unescape(match.group(1)).strip() if match else notebook.stem
            target = handout_path(notebook, out, language)
            report.pages[target] = print_pdf(page_html, charts, target, title, browser)
            report.files.append(target)
            if verbose:
                print(f"  {target} ({report.pages[target]} pages)", flush=True)
    finally:
        browser.close()
        playwright.stop()
    report.seconds = time.perf_counter() - start
    return report


# --------------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------------

PROG = "python -m ircourse.handout"


def command_line_parser(prog: str = PROG) -> argparse.ArgumentParser:
    """Return the parser of ``ircourse handout``."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Print a chapter (to read: code hidden, static charts) or a homework (its questions, "
                    "an empty box per answer) as an A4 PDF, with Chromium. Cells tagged notebook-only or "
                    "live-only are left out.")
    parser.add_argument("items", nargs="*", metavar="CHAPTER",
                        help="chapter numbers (03), notebook names or paths")
    parser.add_argument("--homework", action="store_true",
                        help="the homework of these chapters instead of the chapters (exercises/)")
    parser.add_argument("--all", action="store_true", help="every chapter and every homework")
    parser.add_argument("--hints", action="store_true", help="homework: print each question's hint")
    parser.add_argument("--lang", choices=COURSE_LANGUAGES, default=DEFAULT_LANGUAGE,
                        help="language: notebooks/<lang>/ and exercises/<lang>/ (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=Path("_handouts"),
                        help="output folder; other languages go into <out>/<lang>/ (default: %(default)s)")
    parser.add_argument("--root", type=Path, default=None,
                        help="course checkout (default: the one this package is installed from)")
    parser.add_argument("--quiet", action="store_true", help="do not list the files written")
    return parser


def main(argv: list[str] | None = None, prog: str = PROG) -> int:
    """Run ``ircourse handout``; return its exit status (0 ok, 1 failure, 2 usage error)."""
    parser = command_line_parser(prog)
    args = parser.parse_args(argv)
    if not args.items and not args.all:
        parser.error("give a chapter (e.g. 03) or --all")
    try:
        root = publish.find_course_root(args.root)
        if args.all:
            notebooks = [*sorted(publish.language_folder(root, "notebooks", args.lang).glob("*.ipynb")),
                         *sorted(publish.language_folder(root, "exercises", args.lang).glob("*.ipynb"))]
            if not notebooks:
                raise HandoutError(f"no notebooks in {publish.language_folder(root, 'notebooks', args.lang)}")
        else:
            kind = "homework" if args.homework else "chapter"
            notebooks = [find_notebook(item, root, kind, args.lang) for item in args.items]
        report = build_handouts(notebooks, args.out, lang=args.lang, hints=args.hints, verbose=not args.quiet)
    except (publish.PublishError, FileNotFoundError) as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 1
    total = sum(report.pages.values())
    print(f"handout: {len(report.files)} PDF, {total} pages in {Path(args.out).resolve()} ({report.seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
