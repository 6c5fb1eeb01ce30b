"""Committed notebooks open in JupyterLab without being marked modified.

When JupyterLab opens a notebook and its kernel starts, it writes the kernel's ``language_info`` and
the kernel's spec (``kernelspec``) into the notebook's metadata; any difference marks the document
modified, and a student who only read it is asked to save on close. So every committed notebook must
carry the complete ``language_info`` a Python kernel reports, all of them the same one (the Python
the course is executed with, the minor version of runtime.txt), and the standard ``kernelspec``.
``tools/run_notebooks.py`` writes exactly that; ``python tools/run_notebooks.py --metadata-only --all``
repairs chapters and solutions without running them.

The browser check of the effect (the document is not marked modified) is in test_first_hour.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

CHAPTERS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SOLUTIONS = sorted((ROOT / "exercises" / "solutions").glob("*.ipynb"))
HOMEWORK = sorted((ROOT / "exercises").glob("*.ipynb"))
#: What ipykernel reports in ``kernel_info_reply.language_info`` (and JupyterLab writes on opening).
LANGUAGE_INFO_KEYS = {"name", "version", "mimetype", "codemirror_mode", "pygments_lexer", "nbconvert_exporter",
                      "file_extension"}
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _metadata(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))["metadata"]


def _reference() -> dict:
    """The language_info of the first chapter: every committed notebook must carry the same."""
    return _metadata(CHAPTERS[0])["language_info"]


def _params():
    for path in CHAPTERS + SOLUTIONS + HOMEWORK:  # student notebooks copy their solution's (authoring.py)
        yield pytest.param(path, id=path.relative_to(ROOT).as_posix())


@pytest.mark.parametrize("path", list(_params()))
def test_notebook_metadata_is_what_jupyterlab_writes_on_opening(path):
    metadata = _metadata(path)
    assert "widgets" not in metadata, "widget state is committed (run tools/run_notebooks.py)"
    assert metadata.get("kernelspec") == KERNELSPEC
    info = metadata.get("language_info", {})
    assert set(info) == LANGUAGE_INFO_KEYS, f"incomplete language_info {info}: JupyterLab will rewrite it"
    assert info == _reference(), (f"{path.name} was executed with Python {info.get('version')}, the chapters "
                                  f"with {_reference().get('version')}: run tools/run_notebooks.py with one Python")


def test_the_notebooks_were_executed_with_the_python_of_runtime_txt():
    minor = (ROOT / "runtime.txt").read_text().strip().removeprefix("python-")
    version = _reference()["version"]
    assert version.startswith(minor + "."), f"notebooks executed with Python {version}, runtime.txt says {minor}"


def test_the_repair_tool_writes_what_the_kernel_reports(tmp_path):
    """tools/run_notebooks.py --metadata-only turns a stripped notebook into a clean one, without running it."""
    import nbformat

    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import run_notebooks
    finally:
        sys.path.remove(str(ROOT / "tools"))
    nb = nbformat.v4.new_notebook(metadata={"language_info": {"name": "python"}, "widgets": {"state": {}}})
    nb.cells = [nbformat.v4.new_code_cell("1 + 1", id="only")]
    path = tmp_path / "stripped.ipynb"
    nbformat.write(nb, path)
    assert run_notebooks.main(["--metadata-only", str(path)]) == 0
    metadata = _metadata(path)
    assert "widgets" not in metadata
    assert metadata["kernelspec"] == KERNELSPEC
    info = metadata["language_info"]
    assert set(info) == LANGUAGE_INFO_KEYS
    assert info["version"] == ".".join(map(str, sys.version_info[:3]))  # the kernel is this Python's
    assert json.loads(path.read_text())["cells"][0].get("outputs") == []  # nothing was executed
