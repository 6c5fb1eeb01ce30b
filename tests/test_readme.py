"""The README's commands say what is true: the Python check, the fast test subset, the other systems."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def code_blocks(section: str, language: str) -> list[str]:
    """Return the ``language`` code blocks of the README section whose heading is ``section``."""
    start = README.index(f"## {section}")
    end = README.find("\n## ", start + 1)
    text = README[start:end if end > 0 else None]
    return [block.strip() for block in re.findall(rf"```{language}\n(.*?)```", text, re.DOTALL)]


def course_command() -> str:
    """The one-line course command for Linux and macOS, as written in the README."""
    return code_blocks("Run the course (one command)", "bash")[0]


def python_check(command: str) -> str:
    """The first step of a course command: the Python version check (``python3 -c "..."``)."""
    first = command.split(" && ")[0].splitlines()[0]
    assert " -c " in first, first
    return first.split(" -c ", 1)[1].strip().strip('"')


def older_python() -> Path | None:
    """A Python older than 3.11 on this machine (pyenv's or the system's), if there is one."""
    candidates = sorted(Path.home().glob(".pyenv/versions/3.1[0]*/bin/python")) + sorted(
        Path.home().glob(".pyenv/versions/3.[6-9]*/bin/python"))
    for name in ("python3.10", "python3.9"):
        found = shutil.which(name)
        if found:
            candidates.append(Path(found))
    for path in candidates:
        result = subprocess.run([str(path), "-c", "import sys; print(sys.version_info < (3, 11))"],
                                capture_output=True, text=True)
        if result.returncode == 0 and result.stdout.strip() == "True":
            return path
    return None


def test_the_course_command_opens_start_here_with_the_repository_as_root():
    command = course_command()
    assert command.count("\n") == 0, "the course command is one line"
    assert "python3 -m venv .venv" in command and "pip install -r requirements.txt" in command
    lab = command.split(" && ")[-1]
    # No notebook path argument (it would make notebooks/ the server's root): the course's configuration
    # sets the root and makes start-here the address printed and opened.
    assert lab == "jupyter lab --config=jupyter_course_config.py"
    config = (ROOT / "jupyter_course_config.py").read_text()
    assert 'c.LabApp.default_url = "/lab/tree/notebooks/00_start_here.ipynb"' in config
    assert "c.ServerApp.root_dir = str(Path(__file__).resolve().parent)" in config


@pytest.mark.parametrize("shell", ["bash", "powershell"])
def test_the_python_check_passes_on_this_python(shell):
    block = course_command() if shell == "bash" else code_blocks("Run the course (one command)", "powershell")[0]
    result = subprocess.run([sys.executable, "-c", python_check(block)], capture_output=True, text=True)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_an_older_python_stops_with_one_clear_line():
    python = older_python()
    if python is None:
        pytest.skip("no Python older than 3.11 on this machine")
    result = subprocess.run([str(python), "-c", python_check(course_command())], capture_output=True, text=True)
    version = subprocess.run([str(python), "-c", "import sys; print(sys.version.split()[0])"],
                             capture_output=True, text=True).stdout.strip()
    assert result.returncode == 1
    assert result.stderr == f"The course needs Python 3.11 or newer; this is Python {version}\n"


def test_other_systems_are_covered():
    section = README[README.index("## Run the course"):README.index("## Run the tests")]
    assert ".venv\\Scripts\\Activate.ps1" in code_blocks("Run the course (one command)", "powershell")[0]
    assert "python3-venv" in section
    assert "--allow-root" in section
    assert "--no-browser" in section
    ci = (ROOT / ".ci" / "run").read_text()
    assert "sudo" in ci and "Debian" in README[README.index("`.ci/run`"):]


def test_the_fast_subset_leaves_out_browser_binder_and_slow_tests():
    expression = re.search(r'-m "([^"]+)"', code_blocks("Run the tests (one command)", "bash")[1]).group(1)
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                             "-m", expression], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    selected = [line for line in result.stdout.splitlines() if "::" in line]
    assert len(selected) > 100
    for module in ("test_browser.py", "test_dashboard.py::test_dashboard_hides", "test_binder.py::test_repo2docker",
                   "test_binder_install.py", "test_first_hour.py::test_"):
        assert not any(module in line for line in selected), f"{module} is in the fast subset"


def test_the_feedback_folder_of_the_grader_is_mentioned():
    assert "gradebook_feedback/" in README
