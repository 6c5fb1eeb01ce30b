"""A newcomer's first hour: the README's course command, run as written in a fresh copy of the repository.

The module runs the README's one-line course command (with ``--no-browser``, and ``--allow-root`` when
the tests run as root, as the README says) in bash, in a copy of the files git would commit: it makes a
new virtual environment from the lock, installs it and starts JupyterLab. Then:

* the fresh environment passes ``pip check`` and holds exactly the versions of the lock file (nothing
  floats); afterwards the test lock installs into it the same way;
* the address printed in the terminal opens the start-here notebook, and its links open a homework
  notebook and ``data/README.md`` (the repository is the server's root);
* a chapter opened in JupyterLab is not marked modified once its kernel has started.

Everything is isolated in pytest's temporary folder (Jupyter configuration, runtime and data folders,
workspaces); pip's download cache is shared. Install times are printed (``pytest -s``).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT, working_tree_copy
from .test_browser import browser  # noqa: F401 (a fixture)
from .test_locks import lock
from .test_readme import course_command

pytestmark = [pytest.mark.slow]

URL = re.compile(r"(http://127\.0\.0\.1:\d+/lab/tree/notebooks/00_start_here\.ipynb\?token=\w+)")
CHAPTER = "notebooks/03_war_across_5500_years.ipynb"
HOMEWORK = "exercises/01_why_ir_exists.ipynb"
#: The documents open in JupyterLab's main area, and those marked modified (the dot on the tab).
DIRTY_TABS = "() => document.querySelectorAll('#jp-main-dock-panel li.lm-TabBar-tab.jp-mod-dirty').length"
TAB_LABELS = ("() => Array.from(document.querySelectorAll('#jp-main-dock-panel li.lm-TabBar-tab .lm-TabBar-tabLabel'))"
              ".map(e => e.textContent)")


def _newcomer_env(home: Path) -> dict[str, str]:
    """The environment of a terminal outside any virtual environment, with Jupyter's folders in ``home``."""
    venv = Path(sys.prefix) / "bin"
    path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep) if Path(p) != venv)
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"}}
    return env | {"PATH": path, "PYTHONNOUSERSITE": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1",
                  "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_DATA_DIR": str(home / "data"),
                  "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
                  "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces")}


class Course:
    """The README's course command running in bash; its output is collected in a background thread."""

    def __init__(self, repo: Path, env: dict[str, str]):
        command = course_command() + " --no-browser" + (" --allow-root" if os.geteuid() == 0 else "")
        self.repo, self.env, self.command = repo, env, command
        self.lines: list[str] = []
        self.started = time.monotonic()
        self.process = subprocess.Popen(["bash", "-c", command], cwd=repo, env=env, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, start_new_session=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def wait_for_url(self, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = URL.search(self.output)
            if found:
                return found.group(1)
            if self.process.poll() is not None:
                pytest.fail(f"the course command exited with {self.process.returncode}:\n{self.output[-4000:]}")
            time.sleep(0.5)
        pytest.fail(f"no start-here address printed within {timeout:.0f} s:\n{self.output[-4000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("first-hour")
    repo = working_tree_copy(root / "repo")
    running = Course(repo, _newcomer_env(root / "home"))
    try:
        running.url = running.wait_for_url(timeout=900)
        running.ready = time.monotonic() - running.started
        print(f"\nREADME course command: start-here address printed after {running.ready:.0f} s")
        yield running
    finally:
        running.stop()


def _pip(course: Course, *args: str) -> subprocess.CompletedProcess:
    python = course.repo / ".venv" / "bin" / "python"
    return subprocess.run([str(python), "-m", "pip", *args], cwd=course.repo, env=course.env,
                          capture_output=True, text=True, timeout=900)


def _assert_environment_is_the_lock(course: Course, lock_file: str) -> None:
    check = _pip(course, "check")
    assert check.returncode == 0 and "No broken requirements found" in check.stdout, check.stdout + check.stderr
    freeze = _pip(course, "freeze", "--all", "--exclude-editable").stdout
    installed = {re.sub(r"[-_.]+", "-", n).lower(): v for n, v in re.findall(r"^([^=\s#]+)==(\S+)$", freeze, re.M)}
    installed = {n: v for n, v in installed.items() if n not in {"pip", "setuptools"}}  # venv's own tools
    locked = {name: version for name, (version, _) in lock(ROOT / lock_file).items()}
    assert installed == locked, {"not in the lock": sorted(set(installed) - set(locked)),
                                 "missing": sorted(set(locked) - set(installed)),
                                 "other version": {n: (installed[n], locked[n]) for n in installed.keys() & locked.keys()
                                                   if installed[n] != locked[n]}}
    where = subprocess.run([str(course.repo / ".venv" / "bin" / "python"), "-c", "import ircourse; print(ircourse.__file__)"],
                           env=course.env, capture_output=True, text=True, cwd="/")
    assert where.stdout.strip().startswith(str(course.repo / "src")), where  # the editable course package


def test_the_course_command_installs_exactly_the_runtime_lock(course):
    _assert_environment_is_the_lock(course, "requirements.txt")


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell", timeout=120_000)
    page.wait_for_function("() => document.querySelector('#jp-main-statusbar')?.textContent.includes('Idle')",
                           timeout=120_000)


@pytest.mark.browser
def test_the_printed_address_opens_start_here_and_its_links_reach_homework_and_data(course, browser):  # noqa: F811
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    _open(page, course.url)
    assert page.evaluate(TAB_LABELS) == ["00_start_here.ipynb"]
    # The server's root is the repository (chapters, homework and data side by side), not notebooks/.
    base, token = course.url.split("/lab/")[0], course.url.split("token=")[1]
    root = json.load(urllib.request.urlopen(f"{base}/api/contents/?token={token}", timeout=30))
    assert {"data", "exercises", "notebooks"} <= {item["name"] for item in root["content"]}

    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    # JupyterLab resolves a markdown link against the notebook's folder: ../exercises/... -> /files/exercises/...
    panel.locator(f'a[href*="/files/{HOMEWORK}?"]').first.click()
    page.wait_for_function(f"() => ({TAB_LABELS})().includes('{Path(HOMEWORK).name}')", timeout=60_000)
    # The homework's own text, once its content has loaded (an empty panel shows first).
    page.wait_for_function("() => document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)')"
                           "?.textContent.includes('Homework 1')", timeout=120_000)

    page.locator("#jp-main-dock-panel li.lm-TabBar-tab", has_text="00_start_here.ipynb").click()
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").locator('a[href*="/files/data/README.md?"]').first.click()
    page.wait_for_function(f"() => ({TAB_LABELS})().includes('README.md')", timeout=60_000)
    page.wait_for_function("() => document.querySelector('.jp-MainAreaWidget:not(.lm-mod-hidden)')"
                           "?.textContent.includes('Course datasets')", timeout=60_000)
    errors = [text for text in page.locator(".jp-Dialog").all_inner_texts() if text.strip()]
    assert not errors, errors  # e.g. "Cannot open: file outside the server's root"
    page.close()


def _dirty_after_opening(page, url: str) -> int:
    _open(page, url)
    for _ in range(40):  # scroll through the whole notebook: every output is rendered
        page.mouse.move(700, 500)
        page.mouse.wheel(0, 1500)
        page.wait_for_timeout(100)
    page.wait_for_timeout(3000)
    return page.evaluate(DIRTY_TABS)


@pytest.mark.browser
def test_a_chapter_is_not_marked_modified_after_opening(course, browser):  # noqa: F811
    committed = json.loads((ROOT / CHAPTER).read_text())["metadata"]["language_info"]["version"]
    kernel = subprocess.run([str(course.repo / ".venv" / "bin" / "python"), "-c",
                             "import platform; print(platform.python_version())"],
                            capture_output=True, text=True).stdout.strip()
    if kernel != committed:
        pytest.skip(f"the notebooks were executed with Python {committed}, the kernel here is {kernel}: "
                    "JupyterLab records the kernel's version, so they open modified on this machine")
    base = course.url.split("/lab/")[0]
    token = course.url.split("token=")[1]
    # Control: a copy whose recorded Python version differs is marked modified, so the check can see it.
    control = json.loads((course.repo / CHAPTER).read_text())
    control["metadata"]["language_info"]["version"] = "3.11.0"
    (course.repo / "notebooks" / "zz_control.ipynb").write_text(json.dumps(control))
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    assert _dirty_after_opening(page, f"{base}/lab/tree/notebooks/zz_control.ipynb?reset&token={token}") == 1
    page.close()
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    assert _dirty_after_opening(page, f"{base}/lab/tree/{CHAPTER}?reset&token={token}") == 0
    page.close()


@pytest.mark.browser
def test_a_homework_notebook_is_not_marked_modified_after_opening(course, browser):  # noqa: F811
    base = course.url.split("/lab/")[0]
    token = course.url.split("token=")[1]
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        assert _dirty_after_opening(page, f"{base}/lab/tree/{HOMEWORK}?reset&token={token}") == 0
    finally:
        page.close()


def test_the_course_terminal_shows_no_avoidable_warning(course):
    """No ipykernel warning about unencrypted channels, no DeprecationWarning (jupyter_course_config.py)."""
    base, token = course.url.split("/lab/")[0], course.url.split("token=")[1]
    request = urllib.request.Request(f"{base}/api/kernels?token={token}", data=b'{"name": "python3"}',
                                     method="POST", headers={"Content-Type": "application/json"})
    kernel = json.load(urllib.request.urlopen(request, timeout=60))
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            state = json.load(urllib.request.urlopen(f"{base}/api/kernels/{kernel['id']}?token={token}", timeout=10))
            if state["execution_state"] == "idle":
                break
            time.sleep(0.5)
        time.sleep(2)
    finally:
        urllib.request.urlopen(urllib.request.Request(f"{base}/api/kernels/{kernel['id']}?token={token}",
                                                      method="DELETE"), timeout=60)
    assert f"Kernel started: {kernel['id']}" in course.output
    assert "without encryption" not in course.output, course.output[-3000:]
    assert "DeprecationWarning" not in course.output, course.output[-3000:]


def test_the_test_lock_installs_on_top_the_same_way(course):
    start = time.monotonic()
    result = _pip(course, "install", "-q", "-r", "requirements-test.txt")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    print(f"\nrequirements-test.txt on top: {time.monotonic() - start:.0f} s")
    _assert_environment_is_the_lock(course, "requirements-test.txt")
