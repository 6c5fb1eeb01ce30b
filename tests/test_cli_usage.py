"""The ``ircourse`` command is consistent: a chapter number works everywhere, and usage and error
messages name the command the user typed (``ircourse slides``, not ``python -m ircourse.publish``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ircourse import cli, dashboard, publish

from .conftest import ROOT

CHAPTER_03 = next((ROOT / "notebooks").glob("03_*.ipynb"))


@pytest.mark.parametrize("number", ["03", "3"])
def test_slides_accepts_a_chapter_number_like_the_dashboard(number):
    assert publish.find_chapter_notebook(number, ROOT) == CHAPTER_03.resolve()
    assert dashboard.resolve(number) == CHAPTER_03.resolve()


def test_slides_still_accepts_names_and_paths():
    assert publish.find_chapter_notebook(CHAPTER_03.stem, ROOT) == CHAPTER_03.resolve()
    assert publish.find_chapter_notebook(f"notebooks/{CHAPTER_03.name}", ROOT) == CHAPTER_03.resolve()


def test_ircourse_slides_03_builds_the_deck_of_chapter_3(tmp_path, capsys):
    assert cli.main(["slides", "03", "--out", str(tmp_path / "deck")]) == 0
    decks = sorted(p.name for p in (tmp_path / "deck").glob("*.slides.html"))
    assert decks == [f"{CHAPTER_03.stem}.slides.html"]


@pytest.mark.parametrize(("argv", "prefix"), [
    (["slides", "42"], "ircourse slides: error: no such notebook: 42"),
    (["site", "--root", "/nonexistent-course"], "ircourse site: error: no notebooks/*.ipynb"),
    (["dashboard", "42", "--no-browser"], "ircourse dashboard: unknown chapter '42'"),
])
def test_errors_name_the_ircourse_command(argv, prefix, capsys):
    assert cli.main(argv) in (1, 2)
    assert capsys.readouterr().err.startswith(prefix)


@pytest.mark.parametrize(("module", "argv", "prefix"), [
    (publish, ["slides", "42"], "python -m ircourse.publish slides: error: no such notebook: 42"),
    (dashboard, ["42", "--no-browser"], "python -m ircourse.dashboard: unknown chapter '42'"),
])
def test_errors_of_the_modules_name_the_module(module, argv, prefix, capsys):
    assert module.main(argv) in (1, 2)
    assert capsys.readouterr().err.startswith(prefix)


@pytest.mark.parametrize(("argv", "usage"), [
    (["slides", "--help"], "usage: ircourse slides "),
    (["site", "--help"], "usage: ircourse site "),
    (["dashboard", "--help"], "usage: ircourse dashboard "),
    (["grade", "--help"], "usage: ircourse grade "),
])
def test_usage_names_the_ircourse_command(argv, usage, capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(argv)
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(usage), out[:200]
    assert "python -m" not in out


def test_the_installed_command_says_ircourse_slides():
    """What a user types in a terminal: the console script installed by pip."""
    script = Path(sys.executable).with_name("ircourse")
    if not script.exists():
        pytest.skip(f"no console script beside {sys.executable} (package not installed with pip)")
    result = subprocess.run([str(script), "slides", "42"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.startswith("ircourse slides: error: no such notebook: 42"), result.stderr
