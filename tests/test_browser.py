"""Real-browser checks: JupyterLab in Debian's Chromium, driven by Playwright.

For every chapter: the notebook runs to the end in a fresh kernel, its plotly charts render, and
moving one interactive control changes a chart's data. Screenshots are written to the folder named
by ``IRCOURSE_SCREENSHOTS`` (default: pytest's temporary folder).
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import CHROMIUM, CHROMIUM_ARGS, ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHAPTERS = sorted((ROOT / "notebooks").glob("*.ipynb"))
#: Notebooks with charts but no interactive explorer (the course's front door).
WITHOUT_CONTROLS = {"00_start_here"}
SNAPSHOT = """() => Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .js-plotly-plot'))
  .map(g => JSON.stringify((g.data || []).map(t => [t.x, t.y, t.z, t.locations, t.visible])))"""
RENDERED = """() => Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .js-plotly-plot'))
  .filter(g => g.querySelector('.main-svg')).length"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on 127.0.0.1 serving the repository, isolated from the user's settings."""
    home = tmp_path_factory.mktemp("jupyter")
    settings = home / "config" / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    notebook_settings = home / "config" / "lab" / "user-settings" / "@jupyterlab" / "notebook-extension"
    notebook_settings.mkdir(parents=True)
    # Keep every cell in the DOM, so that a chart scrolled out of view can still be inspected.
    (notebook_settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    docmanager = home / "config" / "lab" / "user-settings" / "@jupyterlab" / "docmanager-extension"
    docmanager.mkdir(parents=True)
    # Never write the committed notebooks back: the test only runs them.
    (docmanager / "plugin.jupyterlab-settings").write_text(json.dumps({"autosave": False}))
    port, token = _free_port(), secrets.token_hex(16)
    env = os.environ | {"JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_RUNTIME_DIR": str(home / "run"),
                        "JUPYTERLAB_SETTINGS_DIR": str(home / "config" / "lab" / "user-settings"),
                        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces")}
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", "--ServerApp.open_browser=False",
         "--allow-root", "--LabApp.news_url=None", f"--ServerApp.root_dir={ROOT}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=1)
            break
        except OSError:
            time.sleep(0.5)
    else:
        server.terminate()
        pytest.fail("JupyterLab did not start within 60 s")
    yield base, token
    server.terminate()
    server.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _delete_sessions(base: str, token: str) -> None:
    sessions = json.load(urllib.request.urlopen(f"{base}/api/sessions?token={token}"))
    for s in sessions:
        req = urllib.request.Request(f"{base}/api/sessions/{s['id']}?token={token}", method="DELETE")
        urllib.request.urlopen(req)


def _move_a_control(page) -> str:
    """Move the first interactive control found; return what was moved."""
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    toggles = panel.locator(".widget-toggle-buttons button:not(.mod-active)")
    if toggles.count():
        toggles.first.scroll_into_view_if_needed()
        toggles.first.click()
        return "toggle button"
    handles = panel.locator(".widget-slider .noUi-handle")
    if handles.count():
        handles.first.scroll_into_view_if_needed()
        handles.first.focus()
        for _ in range(3):
            handles.first.press("ArrowRight")
        return "slider"
    dropdowns = panel.locator(".widget-dropdown select")
    if dropdowns.count():
        dropdowns.first.scroll_into_view_if_needed()
        dropdowns.first.select_option(index=1)
        return "dropdown"
    return "none"


@pytest.mark.parametrize("notebook", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_chapter_runs_renders_and_responds(lab, browser, notebook, tmp_path):
    base, token = lab
    _delete_sessions(base, token)
    shots = Path(os.environ.get("IRCOURSE_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    rel = notebook.relative_to(ROOT).as_posix()
    page.goto(f"{base}/lab/tree/{rel}?reset&token={token}")
    page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell", timeout=60_000)
    page.wait_for_function("() => document.querySelector('#jp-main-statusbar')?.textContent.includes('Idle')",
                           timeout=60_000)
    page.click("text=Run", timeout=10_000)
    page.click("li.lm-Menu-item[data-command='runmenu:run-all']")
    page.wait_for_timeout(1500)
    page.wait_for_function(
        """() => { const p = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
                   const busy = Array.from(p.querySelectorAll('.jp-InputPrompt')).some(e => e.textContent.includes('*'));
                   return !busy && document.querySelector('#jp-main-statusbar').textContent.includes('Idle'); }""",
        timeout=240_000)
    failed = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output[data-mime-type*='error']")
    assert failed.count() == 0, f"a cell raised: {failed.first.inner_text()[:2000]}"
    page.wait_for_function(f"() => ({RENDERED})() > 0", timeout=60_000)
    n_charts = page.evaluate(RENDERED)
    page.screenshot(path=str(shots / f"{notebook.stem}_after_run.png"))

    assert n_charts >= 1
    if notebook.stem in WITHOUT_CONTROLS:
        page.close()
        return
    before = page.evaluate(SNAPSHOT)
    moved = _move_a_control(page)
    assert moved != "none", "no interactive control found"
    try:
        page.wait_for_function(f"(before) => JSON.stringify(({SNAPSHOT})()) !== JSON.stringify(before)",
                               arg=before, timeout=30_000)
    except Exception:
        page.screenshot(path=str(shots / f"{notebook.stem}_no_change.png"))
        readouts = page.locator(".widget-readout").all_inner_texts()
        pytest.fail(f"moving a {moved} changed no chart ({len(before)} charts; readouts {readouts}; "
                    f"page errors {errors[:3]})")
    page.wait_for_timeout(500)
    page.screenshot(path=str(shots / f"{notebook.stem}_after_{moved.replace(' ', '_')}.png"))
    assert not [e for e in errors if "plotly" in e.lower() or "widget" in e.lower()], errors
    page.close()
