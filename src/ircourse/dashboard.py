"""Show a chapter's interactive charts on the projector: the chapter in Voila, with the code hidden.

::

    python -m ircourse.dashboard 03                       # chapter 3: notebooks/03_*.ipynb
    python -m ircourse.dashboard notebooks/06_bipolar_world_and_nato.ipynb
    python -m ircourse.dashboard 06 --theme dark --port 8900 --no-browser
    python -m ircourse.dashboard 03 --lang uz             # notebooks/uz/03_*.ipynb, in Uzbek

Voila runs the chapter top to bottom in a fresh kernel and shows its text, tables, charts and
controls, as the site and the decks do (:func:`ircourse.publish.for_readers`): cells tagged
``notebook-only`` are left out, and code is hidden except above a printout (a cell whose outputs
are only printed text), which means nothing without it. Voila runs in this package's own process
(``python -m ircourse.dashboard --serve``) so that it can prepare each notebook before it runs
(:func:`prelaunch_hook`), with a page template that loads nothing from the internet
(:data:`TEMPLATE`: Voila's ``lab`` template without its FontAwesome stylesheets from a CDN; the
course uses no icon font). The server listens on 127.0.0.1 only and prints
the address to open; Ctrl-C stops it and its kernels. Every page load starts one kernel: closed or
reloaded pages free theirs after a few idle minutes, an open page keeps its kernel (so a dashboard left
on the projector never goes dead).

``--lang uz`` (or ``ru``) runs the chapter of ``notebooks/<lang>/``: its kernel starts in that folder with
``IRCOURSE_LANG`` set, so its charts, numbers and messages are in that language, and the page says so
(``<html lang>``).

Extra Voila options go after ``--``: ``python -m ircourse.dashboard 03 -- --show_tracebacks=True``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .i18n import COURSE_LANGUAGES, DEFAULT_LANGUAGE, LANGUAGE_VARIABLE

_PACKAGE = Path(__file__).resolve().parent
DEFAULT_PORT = 8866
HOST = "127.0.0.1"
#: A page that was closed or reloaded frees its kernel after this many idle seconds.
CULL_IDLE_SECONDS = 300
#: Name of the course's Voila template.
TEMPLATE_NAME = "ircourse"
#: Rules the page adds to JupyterLab's light theme, for WCAG 2.1 AA: links in text are underlined
#: (told apart from the text by more than colour), the code colours that read at less than 4.5:1 are
#: darkened (:data:`ircourse.publish.SITE_CSS` does the same on the site), and the claims register's
#: verdict badge on the Okabe-Ito blue gets white text (black reads at 4.0:1 on it).
ACCESSIBLE_CSS = """
body .jp-RenderedHTMLCommon a:link, body .jp-RenderedHTMLCommon a:visited { text-decoration: underline; }
body.jp-Notebook { --jp-mirror-editor-keyword-color: #006e00; --jp-mirror-editor-builtin-color: #006e00;
  --jp-mirror-editor-number-color: #006e00; --jp-mirror-editor-variable-3-color: #007548;
  --jp-mirror-editor-operator-color: #8b1ad9; --jp-mirror-editor-meta-color: #8b1ad9;
  --jp-mirror-editor-comment-color: #356a6a; --jp-mirror-editor-atom-color: #5050e0;
  --jp-mirror-editor-bracket-color: #6d6d3a; --jp-mirror-editor-quote-color: #007a00;
  --jp-mirror-editor-error-color: #d00000; --jp-content-font-color2: rgba(0, 0, 0, 0.72);
  --jp-content-font-color3: rgba(0, 0, 0, 0.66); --jp-ui-font-color2: rgba(0, 0, 0, 0.72);
  --jp-ui-font-color3: rgba(0, 0, 0, 0.66); }
span[style*="background:#0072B2"][style*="color:#000"] { color: #fff !important; }
"""
#: Script run as the page's widgets appear: names the handles of a range slider after the slider's
#: label (ipywidgets draws them as ARIA sliders without a name), and turns an empty table header
#: cell (the corner of a pandas table) into a plain cell.
ACCESSIBLE_SCRIPT = """
(function () {
  function tidy() {
    document.querySelectorAll('.widget-slider, .widget-hslider, .widget-vslider').forEach(function (box) {
      var label = box.querySelector('.widget-label');
      var name = (label && label.textContent.trim()) || box.getAttribute('title') || '';
      var handles = box.querySelectorAll('[role=slider]:not([aria-label]):not([aria-labelledby])');
      handles.forEach(function (handle, i) {
        handle.setAttribute('aria-label', (name || 'slider') + (handles.length > 1 ? ' ' + (i + 1) : ''));
      });
    });
    document.querySelectorAll('th').forEach(function (th) {
      if (th.textContent.trim() === '' && !th.querySelector('img, svg')) {
        var td = document.createElement('td');
        Array.prototype.forEach.call(th.attributes, function (a) { td.setAttribute(a.name, a.value); });
        th.replaceWith(td);
      }
    });
  }
  var pending = false;
  function later() {
    if (!pending) { pending = true; requestAnimationFrame(function () { pending = false; tidy(); }); }
  }
  new MutationObserver(later).observe(document.documentElement, {subtree: true, childList: true});
  document.addEventListener('DOMContentLoaded', tidy);
})();
"""
#: The course's Voila template: Voila's ``lab`` template, less the FontAwesome stylesheets it asks a
#: CDN for (a classroom may have no internet; an offline page waited for them, then drew no icons)
#: and less the mermaid loader (also from a CDN; the course draws no mermaid diagrams); plus one CSS
#: rule that keeps a resized chart's box as tall as the chart, the page's content in a ``<main>``
#: landmark, and :data:`ACCESSIBLE_CSS` and :data:`ACCESSIBLE_SCRIPT`.
TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block notebook_css -%}
{%- set css = super() -%}
{%- for line in css.split('\\n') -%}
{%- if 'fontawesome' not in line and 'font-awesome' not in line %}
{{ line }}
{%- endif -%}
{%- endfor %}
<style>
/* After a window resize plotly sizes a responsive chart's box to 100% of a parent that has no height
   (the box collapses and the text below runs over the chart): let the chart itself give the height. */
.js-plotly-plot .svg-container > svg.main-svg:first-of-type { position: relative !important; display: block; }
""" + ACCESSIBLE_CSS + """
</style>
{%- endblock notebook_css -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block body_header -%}
{{ super() }}
<main>
{%- endblock body_header -%}
{%- block body_footer -%}
</main>
{{ super() }}
<script>""" + ACCESSIBLE_SCRIPT + """</script>
{%- endblock body_footer -%}
"""


class ChapterNotFound(ValueError):
    """Raised by :func:`resolve` for a chapter that is not one of the course notebooks."""


def notebooks_dir(lang: str = DEFAULT_LANGUAGE) -> Path | None:
    """Return the chapters folder in ``lang``: ``./notebooks`` first, then the one of the checkout the package is in.

    Another language than English is the ``<lang>`` folder inside it (``notebooks/uz``).
    """
    for folder in (Path.cwd() / "notebooks", _PACKAGE.parents[1] / "notebooks"):
        if lang != DEFAULT_LANGUAGE:
            folder = folder / lang
        if any(folder.glob("[0-9][0-9]_*.ipynb")):
            return folder
    return None


def chapters(folder: Path | None = None, lang: str = DEFAULT_LANGUAGE) -> dict[str, Path]:
    """Return the chapter notebooks by their two-digit number, e.g. ``{"03": .../03_war_....ipynb}``."""
    folder = folder or notebooks_dir(lang)
    if folder is None:
        return {}
    return {p.name[:2]: p for p in sorted(folder.glob("[0-9][0-9]_*.ipynb"))}


def notebook_language(notebook: Path) -> str:
    """Return the language of a chapter notebook: its folder's (``notebooks/uz/``), else English."""
    folder = Path(notebook).parent.name
    return folder if folder in COURSE_LANGUAGES and folder != DEFAULT_LANGUAGE else DEFAULT_LANGUAGE


def title(notebook: Path) -> str:
    """Return the first Markdown heading of a notebook (or its file name)."""
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return notebook.stem
    for cell in cells:
        if cell.get("cell_type") == "markdown":
            for line in "".join(cell.get("source", "")).splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return notebook.stem


def resolve(chapter: str, folder: Path | None = None, lang: str = DEFAULT_LANGUAGE) -> Path:
    """Return the notebook for ``chapter``: a number (``3``, ``03``), a chapter name or a notebook path.

    Numbers and names are looked up in the chapters of ``lang`` (``notebooks/<lang>/``).

    Raises
    ------
    ChapterNotFound
        With the chapters there are to choose from.
    """
    path = Path(chapter).expanduser()
    if path.suffix == ".ipynb":
        if path.is_file():
            return path.resolve()
        raise ChapterNotFound(f"no notebook at {path}")
    found = chapters(folder, lang)
    if not found and lang != DEFAULT_LANGUAGE:
        raise ChapterNotFound(
            f"unknown chapter {chapter!r}: no notebooks/{lang}/ folder with chapters here (build the "
            f"translations with `ircourse translations build --lang {lang}`, or give the path of a notebook)")
    key = chapter.strip()
    if re.fullmatch(r"\d{1,2}", key):
        key = f"{int(key):02d}"
    if key in found:
        return found[key].resolve()
    for notebook in found.values():  # a chapter name: 03_war_across_5500_years
        if notebook.stem == key:
            return notebook.resolve()
    if not found:
        raise ChapterNotFound(
            f"unknown chapter {chapter!r}: no notebooks/ folder here; run the command from the course "
            "folder or give the path of a notebook (.ipynb)")
    choices = "\n".join(f"  {number}  {title(nb)}" for number, nb in found.items())
    raise ChapterNotFound(f"unknown chapter {chapter!r}. The chapters are:\n{choices}\n"
                          "or give the path of a notebook (.ipynb)")


def _port_is_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind((HOST, port))
        except OSError:
            return False
    return True


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def prelaunch_hook(request, notebook, cwd):
    """Prepare a chapter for the dashboard before Voila runs it (Voila's ``prelaunch_hook``).

    Cells tagged ``notebook-only`` are left out (``live-only`` cells stay: the controls work here);
    code is hidden except above printouts and in cells tagged ``show-code``
    (:func:`ircourse.publish.for_readers`).
    """
    from .publish import for_readers

    return for_readers(notebook, hide_code=True, live=True)


def template_folder() -> Path:
    """Write the course's Voila template (:data:`TEMPLATE`) into a new folder; return the folder for ``JUPYTER_PATH``."""
    folder = Path(tempfile.mkdtemp(prefix="ircourse-voila-"))
    template = folder / "voila" / "templates" / TEMPLATE_NAME
    template.mkdir(parents=True)
    (template / "conf.json").write_text(json.dumps({"base_template": "lab"}), encoding="utf-8")
    (template / "index.html.j2").write_text(TEMPLATE, encoding="utf-8")
    return folder


def serve(argv: list[str]) -> int:
    """Run Voila in this process with :func:`prelaunch_hook` and the course template (blocks until stopped)."""
    folder = template_folder()
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(folder), os.environ.get("JUPYTER_PATH")) if p)
    from voila.app import Voila

    app = Voila()
    app.initialize(argv)
    app.voila_configuration.prelaunch_hook = prelaunch_hook
    app.start()
    return 0


def command(notebook: Path, port: int, open_browser: bool = False, theme: str = "light",
            extra: list[str] | None = None, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """Return the command line that serves ``notebook`` in Voila, prepared for readers (code hidden).

    ``lang`` is the language of the page (``<html lang>``); the kernel's language is set by the
    environment (:func:`main`).
    """
    return [
        sys.executable, "-m", "ircourse.dashboard", "--serve", str(notebook),
        f"--template={TEMPLATE_NAME}",
        # Code is hidden cell by cell (prelaunch_hook), never the prompts' numbers: no prompts at all.
        "--strip_sources=False",
        "--VoilaExporter.exclude_input_prompt=True", "--VoilaExporter.exclude_output_prompt=True",
        f"--Voila.ip={HOST}", f"--port={port}", "--Voila.port_retries=0",
        f"--theme={theme}",
        f"--VoilaExporter.language_code={lang}",
        f"--Voila.open_browser={open_browser}",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_SECONDS}",
        "--MappingKernelManager.cull_interval=60",
        "--MappingKernelManager.cull_connected=False",
        # Kernel channels encrypted (ipykernel supports it): no "running over TCP without encryption" warning.
        "--KernelManager.transport_encryption=auto",
        *(extra or []),
    ]


def trust_options(notebook: Path) -> list[str]:
    """Return the Voila options under which ``notebook`` counts as trusted (no "is not trusted" warning).

    Voila reads the chapter through Jupyter's contents manager, which warns about every notebook not
    signed on this machine. Voila runs the chapter anew and never shows its saved outputs, so the chapter
    is signed in a signature store of the dashboard's own (in Jupyter's runtime folder), not in the
    teacher's: it does not become trusted in JupyterLab.
    """
    from jupyter_core.paths import jupyter_runtime_dir
    from nbformat import read
    from nbformat.sign import NotebookNotary

    folder = Path(jupyter_runtime_dir()) / "ircourse-dashboard"
    folder.mkdir(parents=True, exist_ok=True)
    options = {"db_file": str(folder / "signatures.db"), "secret_file": str(folder / "secret")}
    notary = NotebookNotary(**options)
    notary.sign(read(notebook, as_version=4))
    notary.store.close()
    return [f"--NotebookNotary.{name}={value}" for name, value in options.items()]


#: How the command is called when run as a module; ``ircourse dashboard`` passes its own name.
PROG = "python -m ircourse.dashboard"


def _parser(prog: str = PROG) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Show a chapter's charts and controls for the projector (Voila, code hidden). "
                    "Extra Voila options go after --.",
    )
    parser.add_argument("chapter", help="chapter number (03), chapter name or path of a notebook")
    parser.add_argument("--port", type=int, default=None,
                        help=f"port to listen on (default: {DEFAULT_PORT}, or a free one if it is taken)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser tab")
    parser.add_argument("--theme", choices=("light", "dark"), default="light",
                        help="page theme (default: %(default)s)")
    parser.add_argument("--lang", choices=COURSE_LANGUAGES, default=None,
                        help="language: run the chapter of notebooks/<lang>/, its charts and messages in that "
                             "language (default: English, or the language folder of a notebook path)")
    return parser


def main(argv: list[str] | None = None, prog: str = PROG) -> int:
    """Start Voila on a chapter (blocks until Ctrl-C); return the exit status.

    ``prog`` is how the user called the command (``"ircourse dashboard"`` from the ``ircourse``
    command): usage and error messages name it.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--serve"]:
        return serve(argv[1:])
    extra: list[str] = []
    if "--" in argv:
        at = argv.index("--")
        argv, extra = argv[:at], argv[at + 1:]
    args = _parser(prog).parse_args(argv)
    try:
        notebook = resolve(args.chapter, lang=args.lang or DEFAULT_LANGUAGE)
    except ChapterNotFound as error:
        print(f"{prog}: {error}", file=sys.stderr)
        return 2
    if args.port is None:
        port = DEFAULT_PORT if _port_is_free(DEFAULT_PORT) else _free_port()
    elif _port_is_free(args.port):
        port = args.port
    else:
        print(f"{prog}: port {args.port} is in use (is a dashboard already running?); "
              "choose another with --port", file=sys.stderr)
        return 2
    url = f"http://{HOST}:{port}/"
    print(f"Dashboard of {notebook.name} ({title(notebook)}), code hidden.", flush=True)
    lang = args.lang or notebook_language(notebook)
    voila = command(notebook, port, not args.no_browser, args.theme, [*trust_options(notebook), *extra],
                    lang=lang)
    # The kernel inherits the environment: IRCOURSE_LANG makes its charts and messages the chapter's
    # language (its working folder, notebooks/<lang>/, would say the same).
    env = os.environ | {"PYTHONUNBUFFERED": "1", LANGUAGE_VARIABLE: lang}
    process = subprocess.Popen(voila, cwd=notebook.parent, env=env)
    try:
        deadline = time.monotonic() + 60
        while process.poll() is None and time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex((HOST, port)) == 0:
                    print(f"Open {url}  (the chapter runs when the page loads; Ctrl-C stops the dashboard)",
                          flush=True)
                    break
            time.sleep(0.2)
        return process.wait()
    except KeyboardInterrupt:  # Voila got the Ctrl-C too: let it shut its kernels down
        try:
            return process.wait(timeout=20)
        except (subprocess.TimeoutExpired, KeyboardInterrupt):
            process.terminate()
            return process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=20)


if __name__ == "__main__":
    sys.exit(main())
