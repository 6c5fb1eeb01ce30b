"""A simulation of Binder's install, without Docker: fresh venv, base image packages, then the repository.

repo2docker (python-3.11 from runtime.txt) starts from a conda environment that already holds the
notebook stack, then, in the repository folder, runs::

    pip install --no-cache-dir -r requirements.txt      # our file contains "-e ." (editable ircourse)
    pip install --no-cache-dir .                        # as pyproject.toml has [project] and [build-system]

This test rebuilds that on this machine: a fresh virtual environment with the base environment's
top-level packages at the versions of repo2docker's own lock file (pip 25.2, notebook 7.4.7,
jupyterlab 4.4.9, jupyter_server, ipykernel, ipywidgets, jupyterhub, jupyter-resource-usage,
jupyter-offlinenotebook), then the two commands above, run in a copy of the working tree (the files git
would commit), then ``pip check``. Last, a chapter is executed with ``jupyter nbconvert --execute`` from
a folder outside the repository, so the datasets must come from inside the installed package.

pip's cache is used (Binder uses ``--no-cache-dir``; that changes only the time). The time of each step
is printed (``pytest -s``): the first run downloads ~150 MB, repeats take a fraction of that.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT, working_tree_copy

pytestmark = pytest.mark.slow

#: Chapter executed in the simulated Binder environment (datasets, plotly figures, FigureWidget, the map).
CHAPTER = "06_bipolar_world_and_nato.ipynb"
#: Top-level packages of repo2docker's python-3.11 base environment (environment.py-3.11.yml), with the
#: versions of its linux-64 lock file; read from the installed repo2docker when it is there.
BASE = {"pip": "25.2", "notebook": "7.4.7", "jupyterlab": "4.4.9", "jupyter_server": "2.17.0",
        "ipykernel": "7.0.1", "ipywidgets": "8.1.7", "jupyterhub": "5.4.0", "jupyter-resource-usage": "1.2.0",
        "jupyter-offlinenotebook": "0.3.2"}
CONDA_NAMES = {"jupyterhub": "jupyterhub-base"}


def base_versions() -> dict[str, str]:
    """Return BASE, with the versions taken from repo2docker's python-3.11 lock file when it is installed."""
    versions = dict(BASE)
    try:
        import repo2docker
    except ImportError:
        return versions
    lock = Path(repo2docker.__file__).parent / "buildpacks" / "conda" / "environment.py-3.11-linux-64.lock"
    if not lock.is_file():
        return versions
    text = lock.read_text()
    for name in versions:
        conda = CONDA_NAMES.get(name, name)
        found = re.search(rf"/{re.escape(conda)}-(\d[^-/]*)-[^/]+\.(?:conda|tar\.bz2)", text)
        if found:
            versions[name] = found.group(1)
    return versions


def test_binder_install_passes_pip_check_and_runs_a_chapter(tmp_path):
    repo = working_tree_copy(tmp_path / "repo")
    venv = tmp_path / "venv"
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    bindir = venv / "bin"
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH", "IRCOURSE_DATA"}}
    env |= {"PATH": f"{bindir}{os.pathsep}{env.get('PATH', '')}", "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "PYTHONNOUSERSITE": "1", "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config"),
            "JUPYTER_DATA_DIR": str(tmp_path / "jupyter-data"),
            "JUPYTER_RUNTIME_DIR": str(tmp_path / "jupyter-runtime")}
    timings: dict[str, float] = {}

    def run(step: str, args: list[str], cwd: Path, timeout: float = 900) -> str:
        start = time.monotonic()
        result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
                                check=False)
        timings[step] = time.monotonic() - start
        output = result.stdout + result.stderr
        assert result.returncode == 0, f"{step} failed ({result.returncode}):\n{output[-4000:]}"
        return output

    python = str(bindir / "python")
    run("venv", [sys.executable, "-m", "venv", str(venv)], cwd=tmp_path)
    versions = base_versions()
    run("base pip", [python, "-m", "pip", "install", f"pip=={versions.pop('pip')}"], cwd=tmp_path)
    run("base image packages", [python, "-m", "pip", "install", *(f"{n}=={v}" for n, v in versions.items())],
        cwd=tmp_path)
    # Binder's two commands, in the repository folder (relative paths like "-e ." resolve from there).
    requirements = run("pip install -r requirements.txt",
                       [python, "-m", "pip", "install", "-r", "requirements.txt"], cwd=repo)
    assert "dependency conflicts" not in requirements, requirements[-3000:]
    package = run("pip install .", [python, "-m", "pip", "install", "."], cwd=repo)
    assert "dependency conflicts" not in package, package[-3000:]
    check = run("pip check", [python, "-m", "pip", "check"], cwd=tmp_path)
    assert "No broken requirements found" in check, check

    # What the student's kernel imports: the non-editable copy, with the datasets inside the package.
    where = json.loads(run("where", [python, "-c", (
        "import json, ircourse, ircourse.data as d, jupyterlab, notebook; print(json.dumps({'package': "
        "ircourse.__file__, 'data': str(d.data_dir()), 'jupyterlab': jupyterlab.__version__, "
        "'notebook': notebook.__version__}))")], cwd=outside).strip().splitlines()[-1])
    site = str(venv / "lib")
    assert where["package"].startswith(site), f"ircourse is not the installed copy: {where}"
    assert where["data"].startswith(site) and where["data"].endswith("_data"), where
    pins = dict(line.split("#")[0].strip().split("==") for line in (ROOT / "requirements.txt").read_text()
                .splitlines() if "==" in line.split("#")[0])
    assert where["jupyterlab"] == pins["jupyterlab"] and where["notebook"] == pins["notebook"], where
    kernels = json.loads(run("kernelspec", [python, "-m", "jupyter", "kernelspec", "list", "--json"],
                             cwd=outside))
    python3 = kernels["kernelspecs"]["python3"]
    assert python3["resource_dir"].startswith(str(venv)), python3  # the kernel runs in the simulated env

    # Run a chapter from outside the repository.
    notebook = outside / CHAPTER
    shutil.copy(repo / "notebooks" / CHAPTER, notebook)
    run("execute chapter", [python, "-m", "jupyter", "nbconvert", "--execute", "--to", "notebook",
                            "--output", "executed.ipynb", "--output-dir", str(outside),
                            "--ExecutePreprocessor.timeout=300", str(notebook)], cwd=outside, timeout=600)
    executed = json.loads((outside / "executed.ipynb").read_text())
    errors = [o for c in executed["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, errors[0]
    plots = sum("application/vnd.plotly.v1+json" in o.get("data", {})
                for c in executed["cells"] for o in c.get("outputs", []))
    assert plots >= 1

    report = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in timings.items())
    print(f"\nBinder simulation: {report}; total {sum(timings.values()):.1f} s")
