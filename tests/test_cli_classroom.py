"""The classroom commands through the ``ircourse`` command (``cli.main``): site, slides, dashboard.

``ircourse site|slides`` hand over to ``ircourse.publish`` and ``ircourse dashboard`` to
``ircourse.dashboard``; these tests go through ``cli.main`` as a teacher's command line does. The
site and decks are built from a small copy of the course (two chapters, one homework) to keep the
tests quick; what the full site holds is tested in ``tests/test_publish.py``. Voila is never started:
the dashboard's process is replaced by a stand-in that records the command line.

Also here: the publish step refuses a page that would load anything from the network.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from ircourse import cli, dashboard, publish

from .conftest import ROOT

CHAPTER = "03_war_across_5500_years"


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """A small course: the start-here notebook, chapter 3 and homework 3, and the data README."""
    root = tmp_path_factory.mktemp("course")
    for relative in ("notebooks/00_start_here.ipynb", f"notebooks/{CHAPTER}.ipynb",
                     f"exercises/{CHAPTER}.ipynb", "data/README.md"):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / relative, root / relative)
    return root


# ------------------------------------------------------------------------------------ site and slides

def test_ircourse_site_builds_the_site(course, tmp_path, capsys):
    out = tmp_path / "_site"
    assert cli.main(["site", "--out", str(out), "--root", str(course)]) == 0
    printed = capsys.readouterr().out
    assert f"open {(out / 'index.html').as_uri()}" in printed
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert pages == ["data/README.html", "exercises/03_war_across_5500_years.html", "index.html",
                     "notebooks/00_start_here.html", f"notebooks/{CHAPTER}.html"]
    assert (out / "assets" / "plotly.min.js").is_file()


def test_ircourse_site_refuses_a_folder_of_other_files(course, tmp_path, capsys):
    out = tmp_path / "thesis"
    out.mkdir()
    (out / "chapter1.docx").write_text("precious")
    assert cli.main(["site", "--out", str(out), "--root", str(course)]) == 1
    assert "refusing to write into it" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["chapter1.docx"]


def test_ircourse_slides_builds_a_deck(course, tmp_path, capsys):
    out = tmp_path / "_slides"
    assert cli.main(["slides", CHAPTER, "--out", str(out), "--root", str(course)]) == 0
    assert (out / f"{CHAPTER}.slides.html").is_file() and (out / "index.html").is_file()
    assert (out / "assets" / "reveal").is_dir()
    assert cli.main(["slides", "99_no_such_chapter", "--out", str(out), "--root", str(course)]) == 1
    assert "no such notebook: 99_no_such_chapter" in capsys.readouterr().err


def test_ircourse_site_without_a_course_is_a_clear_error(tmp_path, capsys):
    assert cli.main(["site", "--out", str(tmp_path / "_site"), "--root", str(tmp_path)]) == 1
    assert "no notebooks/*.ipynb in" in capsys.readouterr().err


# ------------------------------------------------------------------------------------------ dashboard

class FakeVoila:
    """Stands in for the Voila process: records its command line and exits at once."""

    commands: list[list[str]] = []

    def __init__(self, command, cwd=None, env=None):
        FakeVoila.commands.append(list(command))
        self.cwd = cwd

    def poll(self):
        return 0

    def wait(self, timeout=None):
        return 0


def test_ircourse_dashboard_starts_voila_on_the_chapter(monkeypatch, capsys):
    FakeVoila.commands = []
    monkeypatch.setattr(dashboard.subprocess, "Popen", FakeVoila)
    argv = ["dashboard", "3", "--no-browser", "--theme", "dark", "--", "--show_tracebacks=True"]
    assert cli.main(argv) == 0
    [command] = FakeVoila.commands
    notebook = (ROOT / "notebooks" / f"{CHAPTER}.ipynb").resolve()
    # Voila runs through the course's own entry point (its template and the prelaunch hook that hides code)
    assert command[:5] == [sys.executable, "-m", "ircourse.dashboard", "--serve", str(notebook)]
    assert "--template=ircourse" in command
    assert "--Voila.ip=127.0.0.1" in command                 # listens on this machine only
    assert "--theme=dark" in command and "--Voila.open_browser=False" in command
    assert command[-1] == "--show_tracebacks=True"           # options after -- go to Voila
    assert any(arg.startswith("--port=") for arg in command)
    assert f"Dashboard of {CHAPTER}.ipynb (3. War across 5,500 years)" in capsys.readouterr().out


def test_ircourse_dashboard_unknown_chapter_lists_the_chapters(monkeypatch, capsys):
    FakeVoila.commands = []
    monkeypatch.setattr(dashboard.subprocess, "Popen", FakeVoila)
    assert cli.main(["dashboard", "42"]) == 2
    err = capsys.readouterr().err
    assert "unknown chapter '42'" in err and "03  3. War across 5,500 years" in err
    assert FakeVoila.commands == []


def test_ircourse_dashboard_port_in_use(monkeypatch, capsys):
    import socket

    FakeVoila.commands = []
    monkeypatch.setattr(dashboard.subprocess, "Popen", FakeVoila)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert cli.main(["dashboard", "03", "--port", str(port)]) == 2
    assert f"port {port} is in use" in capsys.readouterr().err and FakeVoila.commands == []


def test_the_installed_command_dispatches():
    """``python -m ircourse.cli`` (what the ``ircourse`` script runs) reaches the classroom commands."""
    done = subprocess.run([sys.executable, "-m", "ircourse.cli", "dashboard", "42"], capture_output=True,
                          text=True, cwd=ROOT)
    assert done.returncode == 2 and "unknown chapter '42'" in done.stderr


# ------------------------------------------------------------------------- nothing from the network

@pytest.mark.parametrize("markup, address", [
    ('<img src="https://example.org/map.png" alt="a map">', "https://example.org/map.png"),
    ('<script src="//cdn.example.org/lib.js"></script>', "//cdn.example.org/lib.js"),
    ('<link rel="stylesheet" href="http://example.org/style.css">', "http://example.org/style.css"),
    ("<style>@import url('https://fonts.example.org/font.css');</style>", "https://fonts.example.org/font.css"),
])
def test_network_references_are_found(markup, address):
    assert publish.network_references(f"<p>text</p>{markup}") == [address]


def test_links_to_read_elsewhere_are_not_network_references():
    page = '<a href="https://www.un.org/en/about-us/member-states">UN members</a><img src="assets/map.png">'
    assert publish.network_references(page) == []


def _course_with(tmp_path: Path, markdown: str) -> Path:
    root = tmp_path / "course"
    (root / "notebooks").mkdir(parents=True)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 1. A chapter\n\n" + markdown)])
    nbformat.write(nb, root / "notebooks" / "01_chapter.ipynb")
    return root


def test_site_refuses_a_page_that_loads_from_the_network(tmp_path, capsys):
    root = _course_with(tmp_path, '<img src="https://example.org/map.png">')
    with pytest.raises(publish.PublishError, match="would load from the network: https://example.org/map.png"):
        publish.build_site(tmp_path / "_site", root)
    assert cli.main(["site", "--out", str(tmp_path / "_site2"), "--root", str(root)]) == 1
    assert "notebooks/01_chapter.html would load from the network" in capsys.readouterr().err


def test_slides_refuse_a_deck_that_loads_from_the_network(tmp_path):
    root = _course_with(tmp_path, '<script src="//cdn.example.org/lib.js"></script>')
    with pytest.raises(publish.PublishError, match="01_chapter.slides.html would load from the network"):
        publish.build_slides(tmp_path / "_slides", None, root)
    assert not (tmp_path / "_slides" / "01_chapter.slides.html").exists()


def test_a_plain_link_to_a_source_is_published(tmp_path):
    root = _course_with(tmp_path, "Source: [UN member states](https://www.un.org/en/about-us/member-states).")
    publish.build_site(tmp_path / "_site", root)
    page = (tmp_path / "_site" / "notebooks" / "01_chapter.html").read_text(encoding="utf-8")
    assert 'href="https://www.un.org/en/about-us/member-states"' in page
