"""Binder accepts the repository's configuration (repo2docker, without building an image)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT


@pytest.mark.binder
def test_repo2docker_accepts_the_configuration():
    result = subprocess.run([sys.executable, "-m", "repo2docker", "--no-build", "--debug", str(ROOT)],
                            capture_output=True, text=True, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "python=3.11" in output
    assert "requirements.txt" in output and "pip install" in output


def test_binder_files_are_at_the_root():
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.11"
    assert not (ROOT / "binder").exists(), "a binder/ folder would hide the root configuration files"
    pins = (ROOT / "requirements.txt").read_text()
    assert "jupyterlab==" in pins and "notebook==" in pins  # Binder's base image ships an older notebook
