"""The projector dashboard: ``python -m ircourse.dashboard NN`` serves a chapter in Voila, code hidden.

The browser test starts the dashboard command itself on a free port, opens the page in Debian's
Chromium (headless, Playwright), waits for every chart to render, checks that no code is shown, clicks
a toggle button of the chapter's explorer and waits for a chart's data to change. The dashboard is
stopped with SIGTERM to its process group (what ``kill`` sends; SIGINT, Ctrl-C,
is ignored by a process started without job control, as under ``nohup`` or a CI runner), and the test
waits until Voila has shut down the kernel the page started. Everything the run writes (log, Voila's
connection files, screenshots) goes to pytest's temporary folder; set ``IRCOURSE_SCREENSHOTS`` to keep
the screenshots elsewhere.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ircourse import dashboard

from .conftest import ROOT
from .test_browser import RENDERED, SNAPSHOT, _free_port, browser  # noqa: F401 (browser is a fixture)

#: The JupyterLab selectors of test_browser, for a Voila page (no notebook panel: the whole document).
ALL_PLOTS = SNAPSHOT.replace(".jp-NotebookPanel:not(.lm-mod-hidden) ", "")
ALL_RENDERED = RENDERED.replace(".jp-NotebookPanel:not(.lm-mod-hidden) ", "")
CODE_SHOWN = """() => Array.from(document.querySelectorAll(
    '.jp-CodeCell .jp-InputArea, .jp-InputArea-editor, .cm-editor, .CodeMirror, .jp-InputPrompt'))
  .filter(e => e.offsetParent !== null).length"""


# ---------------------------------------------------------------- resolving chapters (fast, no browser)

def test_chapter_numbers_resolve_to_notebooks():
    assert dashboard.resolve("03").name.startswith("03_")
    assert dashboard.resolve("3") == dashboard.resolve("03")
    nb = ROOT / "notebooks" / "06_bipolar_world_and_nato.ipynb"
    assert dashboard.resolve(str(nb)) == nb.resolve()
    assert dashboard.resolve("06_bipolar_world_and_nato") == nb.resolve()


def test_unknown_chapter_lists_the_chapters(capsys):
    assert dashboard.main(["42", "--no-browser"]) == 2
    err = capsys.readouterr().err
    assert "unknown chapter '42'" in err
    assert "03" in err and "War across" in err
    with pytest.raises(dashboard.ChapterNotFound, match="no notebook at"):
        dashboard.resolve("missing.ipynb")


def test_the_voila_command_hides_code_and_listens_locally():
    cmd = dashboard.command(dashboard.resolve("03"), 8999)
    assert "--strip_sources=True" in cmd
    assert "--Voila.ip=127.0.0.1" in cmd and "--port=8999" in cmd and "--Voila.port_retries=0" in cmd


def test_the_chapter_is_trusted_in_a_signature_store_of_the_dashboards_own(tmp_path, monkeypatch):
    from nbformat import read
    from nbformat.sign import NotebookNotary

    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    notebook = dashboard.resolve("03")
    options = dict(arg.removeprefix("--NotebookNotary.").split("=", 1) for arg in dashboard.trust_options(notebook))
    assert Path(options["db_file"]).parent == tmp_path / "runtime" / "ircourse-dashboard"
    notary = NotebookNotary(**options)
    assert notary.check_signature(read(notebook, as_version=4))
    assert not NotebookNotary(db_file=":memory:", secret_file=str(tmp_path / "other")).check_signature(
        read(notebook, as_version=4))  # another store (the teacher's JupyterLab) does not trust it
    notary.store.close()


# ---------------------------------------------------------------- the dashboard in a real browser

def _code_lines(notebook: Path) -> list[str]:
    """Distinctive first lines of the chapter's code cells (must never appear on the page)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    lines = []
    for cell in cells:
        if cell["cell_type"] == "code" and cell["source"]:
            first = "".join(cell["source"]).strip().splitlines()[0].strip()
            if len(first) > 12:
                lines.append(first)
    return lines


def _expected_charts(notebook: Path) -> int:
    """Charts the chapter shows: one per saved plotly output and one per explorer (widget) output."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    n = 0
    for cell in cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            n += any(k in data for k in ("application/vnd.plotly.v1+json",
                                         "application/vnd.jupyter.widget-view+json"))
    return n


@pytest.fixture
def voila_dashboard(request, tmp_path):
    """Start ``python -m ircourse.dashboard CHAPTER`` on a free port; stop it with SIGTERM afterwards."""
    import psutil

    chapter = request.param
    port = _free_port()
    log = open(tmp_path / f"dashboard_{chapter}.log", "w")  # noqa: SIM115
    temp = tmp_path / "tmp"  # Voila's connection files (voila_*), even when a run is killed
    temp.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "ircourse.dashboard", chapter, "--no-browser", "--port", str(port),
         "--", "--show_tracebacks=True"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        env=os.environ | {"TMPDIR": str(temp), "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")},
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.close()
            output = Path(log.name).read_text()[-2000:]
            pytest.fail(f"the dashboard exited with {process.returncode}: {output}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.2)
    else:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail("Voila did not listen within 60 s")
    yield chapter, f"http://127.0.0.1:{port}/"
    # The command and Voila (its child) both get SIGTERM; wait for every process of the group, so that
    # Voila has shut its kernel down and removed its connection files before the log is read.
    group = [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
    os.killpg(process.pid, signal.SIGTERM)
    _, alive = psutil.wait_procs(group, timeout=30)
    if alive:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    log.close()
    text = Path(log.name).read_text()
    assert not alive, f"still running 30 s after SIGTERM: {alive}\n{text[-2000:]}"
    assert "Handle signal 15" in text and "Kernel shutdown" in text, text[-2000:]
    # The noise a teacher used to see in the terminal.
    assert "is not trusted" not in text and "without encryption" not in text, text[-2000:]
    assert not list(temp.glob("voila_*")), "Voila left its connection files behind"


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("voila_dashboard", ["03", "06"], indirect=True)
def test_dashboard_hides_code_renders_charts_and_responds(voila_dashboard, browser, tmp_path):  # noqa: F811
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    chapter, url = voila_dashboard
    notebook = dashboard.resolve(chapter)
    shots = Path(os.environ.get("IRCOURSE_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    start = time.monotonic()
    # "commit", not "load": the template asks a CDN for icons, which this offline machine cannot reach.
    page.goto(url, wait_until="commit", timeout=120_000)
    # Voila shows the cells once the whole chapter has run (window.voila_finish).
    page.wait_for_function(
        "() => { const el = document.getElementById('rendered_cells');"
        "        return el && el.style.display !== 'none'; }",
        timeout=180_000)
    expected = _expected_charts(notebook)
    page.wait_for_function(f"(n) => ({ALL_RENDERED})() >= n", arg=expected, timeout=60_000)
    ready = time.monotonic() - start
    body = page.inner_text("body")
    assert "There was an error" not in body and "Traceback" not in body, body[:3000]

    # Code hidden: no input areas or editors, and no line of the chapter's code in the page text.
    assert page.evaluate(CODE_SHOWN) == 0
    shown = [line for line in _code_lines(notebook) if line in body]
    assert not shown, f"code visible on the dashboard: {shown[:3]}"

    # Move a control: the first toggle button that is not already selected (a bin width, a jump year).
    button = page.locator(".widget-toggle-buttons button:not(.mod-active)").first
    button.evaluate("b => b.scrollIntoView({block: 'start'})")  # the explorer: controls and chart
    page.wait_for_timeout(500)
    page.screenshot(path=str(shots / f"dashboard_{chapter}.png"))
    before = page.evaluate(ALL_PLOTS)
    label = button.inner_text()
    clicked = time.monotonic()
    button.click()
    try:
        page.wait_for_function(f"(before) => JSON.stringify(({ALL_PLOTS})()) !== JSON.stringify(before)",
                               arg=before, timeout=30_000)
    except PlaywrightTimeout:
        page.screenshot(path=str(shots / f"dashboard_{chapter}_no_change.png"))
        pytest.fail(f"clicking {label!r} changed no chart (page errors: {errors[:3]})")
    changed = time.monotonic() - clicked
    page.wait_for_timeout(500)
    page.screenshot(path=str(shots / f"dashboard_{chapter}_after_click.png"))
    assert not [e for e in errors if "plotly" in e.lower() or "widget" in e.lower()], errors
    print(f"chapter {chapter}: {page.evaluate(ALL_RENDERED)} charts ready {ready:.1f} s after page open; "
          f"clicking {label!r} changed a chart in {changed:.2f} s; test {time.monotonic() - start:.1f} s")
    page.close()
