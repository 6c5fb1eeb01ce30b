"""The environment overrides for maintainers: ``IRCOURSE_DATA`` and ``IRCOURSE_EXERCISES``.

``IRCOURSE_DATA`` points ``ircourse.load`` at another data folder (e.g. a rebuild to try out);
``IRCOURSE_EXERCISES`` points the grader at another folder of solution notebooks. A folder that does
not hold what is needed is passed over, and the usual places are used.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

import ircourse as irc
from ircourse import data
from ircourse.homework import authoring as exercises

from .conftest import ROOT

DATA = ROOT / "data"


@pytest.fixture
def rebuilt(tmp_path):
    """A copy of data/ in which NATO has lost its newest member (a rebuild a maintainer wants to look at)."""
    folder = tmp_path / "rebuilt"
    shutil.copytree(DATA, folder)
    lines = (folder / "nato_members.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[-1].startswith("Sweden,")
    (folder / "nato_members.csv").write_text("".join(lines[:-1]), encoding="utf-8")
    return folder


def test_ircourse_data_overrides_the_data_folder(rebuilt, monkeypatch):
    monkeypatch.setenv("IRCOURSE_DATA", str(rebuilt))
    assert data.data_dir() == rebuilt
    nato = irc.load("nato_members")
    assert len(nato) == 31 and "Sweden" not in set(nato["country"])
    monkeypatch.delenv("IRCOURSE_DATA")
    assert data.data_dir() == DATA and len(irc.load("nato_members")) == 32


def test_ircourse_data_in_a_new_process(rebuilt):
    env = {"IRCOURSE_DATA": str(rebuilt), "PATH": "/usr/bin:/bin"}
    code = "import ircourse as irc; print(len(irc.load('nato_members')))"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=rebuilt)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "31"


def test_ircourse_data_without_a_catalogue_is_passed_over(tmp_path, monkeypatch):
    monkeypatch.setenv("IRCOURSE_DATA", str(tmp_path))        # an empty folder: no datapackage.json
    assert data.data_dir() == DATA
    monkeypatch.setenv("IRCOURSE_DATA", "")                    # set but empty: ignored
    assert data.data_dir() == DATA


def test_no_data_folder_anywhere_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("IRCOURSE_DATA", str(tmp_path / "nowhere"))
    monkeypatch.setattr(data, "_PACKAGE", tmp_path / "site" / "ircourse")
    with pytest.raises(FileNotFoundError, match="the course datasets were not found") as error:
        data.data_dir()
    assert str(tmp_path / "nowhere") in str(error.value)      # every place searched is named


def test_ircourse_exercises_overrides_the_solutions(tmp_path, monkeypatch):
    solutions = tmp_path / "course" / "exercises" / "solutions"
    solutions.mkdir(parents=True)
    shutil.copy2(next((ROOT / "exercises" / "solutions").glob("*.ipynb")), solutions)
    monkeypatch.setenv("IRCOURSE_EXERCISES", str(tmp_path / "course" / "exercises"))
    assert exercises.installed_solutions_dir() == solutions
    monkeypatch.setenv("IRCOURSE_EXERCISES", str(tmp_path / "empty"))   # no notebooks there: passed over
    assert exercises.installed_solutions_dir() == ROOT / "exercises" / "solutions"
