"""The sandbox's command line, its absence, and the ``--no-sandbox`` path."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ircourse.homework import sandbox

from .conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "submissions"


@pytest.fixture()
def no_bwrap(monkeypatch):
    sandbox.check_available.cache_clear()
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    yield
    sandbox.check_available.cache_clear()


def test_missing_bubblewrap_is_explained(no_bwrap):
    with pytest.raises(sandbox.SandboxUnavailable) as info:
        sandbox.check_available()
    message = str(info.value)
    assert "apt-get install bubblewrap" in message and "--no-sandbox" in message and "Docker" in message


def test_grade_refuses_without_bubblewrap_and_says_how_to_get_it(tmp_path):
    folder = tmp_path / "subs"
    folder.mkdir()
    shutil.copy(FIXTURES / "good.ipynb", folder)
    empty = tmp_path / "bin"
    empty.mkdir()
    result = subprocess.run([sys.executable, "-m", "ircourse.cli", "grade", str(folder), "--out",
                             str(tmp_path / "g.csv")], capture_output=True, text=True,
                            env=dict(os.environ, PATH=str(empty)), timeout=120)
    assert result.returncode == 1
    assert "bubblewrap" in result.stderr and "--no-sandbox" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "g.csv").exists()


def test_the_command_binds_only_what_the_student_may_read(tmp_path):
    command = sandbox.bwrap_command(tmp_path / "job.json", tmp_path / "out", sandbox.Limits())
    text = " ".join(command)
    binds = [command[i + 1] for i, arg in enumerate(command) if arg in ("--ro-bind", "--bind")]
    assert str(ROOT / "exercises") not in binds and all("solutions" not in b for b in binds)
    assert str(ROOT) not in binds  # the checkout as a whole is never visible
    assert not any(Path(b) == Path.home() for b in binds)
    keys = str(Path(sandbox.__file__).parent / "keys")
    assert command[command.index(keys) - 1] == "--tmpfs"  # the formative keys are hidden
    assert command.index("--tmpfs") < command.index("--ro-bind")  # /tmp first, or it would hide later binds
    for flag in ("--unshare-all", "--die-with-parent", "--new-session", "--clearenv"):
        assert flag in command
    assert "--share-net" not in text and "/etc/shadow" not in text


@pytest.mark.slow
def test_no_sandbox_keeps_a_clean_environment_a_temporary_home_and_the_limits(tmp_path, monkeypatch):
    monkeypatch.setenv("IRCOURSE_TEST_SECRET", "s3cret")
    job = {"cells": [
        {"role": "answer", "qid": "env", "source": "import os\nanswer = os.environ.get('IRCOURSE_TEST_SECRET', 'none')"},
        {"role": "answer", "qid": "home", "source": "import os\nanswer = os.path.expanduser('~')"},
        {"role": "answer", "qid": "memory", "source": "x = bytearray(3 * 1024 ** 3)\nanswer = 1"},
        {"role": "answer", "qid": "child", "source":
         "import subprocess\np = subprocess.Popen(['sleep', '600'])\nanswer = p.pid"},
    ], "cell_timeout": 60}
    run = sandbox.run(job, sandbox.Limits(memory_mb=2048), 120, sandbox=False)
    records = {r["qid"]: r for r in run.records if "qid" in r}
    assert records["env"]["value"]["v"] == "none"
    home = records["home"]["value"]["v"]
    assert home != str(Path.home()) and not Path(home).exists()  # a temporary HOME, removed afterwards
    assert records["memory"]["status"] == "error" and "MemoryError" in records["memory"]["error"]
    psutil = pytest.importorskip("psutil")
    child = records["child"]["value"]["v"]
    try:  # killed with the run's process tree (at most a zombie waiting for init)
        assert psutil.Process(child).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        pass
    assert run.contained is None  # without the sandbox, containment is not proven


@pytest.mark.slow
def test_grade_with_no_sandbox_warns_and_grades(tmp_path):
    folder = tmp_path / "subs"
    folder.mkdir()
    shutil.copy(FIXTURES / "good.ipynb", folder)
    result = subprocess.run([sys.executable, "-m", "ircourse.cli", "grade", str(folder), "--out",
                             str(tmp_path / "g.csv"), "--no-sandbox", "--quiet"], capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr
    assert "--no-sandbox" in result.stderr and "without isolation" in result.stderr
    assert "good.ipynb,good,1,1,1,1,1,1,1,,7,9,ok" in (tmp_path / "g.csv").read_text(encoding="utf-8")
