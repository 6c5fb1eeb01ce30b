"""The course in three languages: the site, the decks, the dashboard and the chapters' language line.

The site is built once for the module from the repository (English at the root, ``uz/`` and ``ru/``
from the generated notebooks). Expected texts come from outside the code under test: the notebooks
themselves, and the translations read from the PO files with polib.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import polib
import pytest
from bs4 import BeautifulSoup

from ircourse import dashboard, i18n, publish, translation
from ircourse.translation import Source
from ircourse.translation.units import notebook_units

from .conftest import ROOT

LANGS = ["en", "uz", "ru"]
NAMES = {"en": "English", "uz": "Oʻzbekcha", "ru": "Русский"}
REMOTE = re.compile(r"^\s*([a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


def folder(kind: str, lang: str) -> Path:
    return ROOT / kind if lang == "en" else ROOT / kind / lang


def prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


def po_string(lang: str, key: str) -> str:
    """The translation of a catalogue key, read from the PO file (English when there is none)."""
    for entry in polib.pofile(str(i18n.LOCALES / lang / "strings.po")):
        if entry.msgctxt == key and entry.msgstr and "fuzzy" not in entry.flags:
            return entry.msgstr
    return i18n.english_catalogue()[key]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def pages_of(site: Path, lang: str) -> list[Path]:
    """The chapter and homework pages of a language: one per notebook of its folders."""
    return [site / prefix(lang) / kind / f"{nb.stem}.html"
            for kind in ("notebooks", "exercises") for nb in sorted(folder(kind, lang).glob("*.ipynb"))]


# ---------------------------------------------------------------------------------------------- the site

@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_every_notebook_has_a_page_in_its_language(site, lang):
    pages = pages_of(site, lang)
    assert len(pages) >= 19, "the course has 11 chapters and 8 homework notebooks"
    for page in [*pages, site / prefix(lang) / "index.html", site / prefix(lang) / "data" / "README.html"]:
        assert page.is_file(), page
        assert soup(page).html["lang"] == lang, f"{page.relative_to(site)} is not marked as {lang}"
    # Only English at the root, each translation in its folder; one plotly.js for all.
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("plotly*.js")) == ["assets/plotly.min.js"]


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_every_page_links_the_same_page_in_the_other_languages(site, lang):
    checked = 0
    for page in [*pages_of(site, lang), site / prefix(lang) / "index.html", site / prefix(lang) / "data" / "README.html"]:
        doc = soup(page)
        switchers = doc.select(".ir-langs")
        assert switchers, f"{page.relative_to(site)} has no language switcher"
        for switcher in switchers:
            current = switcher.select("[aria-current]")
            assert [(c.get_text(), c["lang"]) for c in current] == [(NAMES[lang], lang)]
            links = {a["hreflang"]: a for a in switcher.find_all("a")}
            assert sorted(links) == sorted(set(LANGS) - {lang}), page
            for other, anchor in links.items():
                assert anchor.get_text() == NAMES[other] and anchor["lang"] == other
                target = (page.parent / anchor["href"]).resolve()
                # The same page: same file name, in the other language's folder.
                expected = (site / prefix(other) / page.relative_to(site / prefix(lang))).resolve()
                assert target == expected, (page, anchor["href"])
                assert target.is_file()
                checked += 1
    assert checked >= 2 * 21


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["uz", "ru"])
def test_site_strings_come_from_the_catalogue_of_the_page_language(site, lang):
    chapter = site / lang / "notebooks" / "03_war_across_5500_years.html"
    doc = soup(chapter)
    bar = doc.select_one("header.ir-bar nav")
    assert bar.select_one("a.ir-home").get_text() == po_string(lang, "publish.nav.home")
    assert po_string(lang, "publish.nav.home") != i18n.english_catalogue()["publish.nav.home"]
    texts = [a.get_text() for a in bar.select(".ir-links a")]
    assert po_string(lang, "publish.nav.homework") in texts and po_string(lang, "publish.nav.download") in texts
    # Previous/next name the neighbouring chapters by their translated headings.
    neighbour = nbformat.read(folder("notebooks", lang) / "02_globalization.ipynb", as_version=4)
    heading = publish.strip_heading_number(publish.notebook_headings(neighbour)[0])
    assert po_string(lang, "publish.nav.previous").replace("{title}", heading) in texts
    index = soup(site / lang / "index.html")
    assert index.h2.get_text() == po_string(lang, "publish.site.map")
    start = nbformat.read(folder("notebooks", lang) / "00_start_here.ipynb", as_version=4)
    assert index.h1.get_text() == publish.notebook_headings(start)[0]
    # The chapter's homework link leads to the homework in the same language.
    assert doc.find("a", href="../exercises/03_war_across_5500_years.html") is not None


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_links_stay_in_the_site_and_lead_somewhere(site, lang):
    for page in [*pages_of(site, lang), site / prefix(lang) / "index.html"]:
        for anchor in soup(page).find_all("a", href=True):
            href = anchor["href"]
            if REMOTE.match(href) or href.startswith("#"):
                continue
            target = (page.parent / href.split("#")[0]).resolve()
            assert target.is_file(), f"{page.relative_to(site)}: {href} leads nowhere"
            assert site.resolve() in target.parents, f"{page.relative_to(site)}: {href} leaves the site"
            if lang != "en" and not anchor.has_attr("hreflang") and target.suffix == ".html":
                # A translated page links translated pages, but for the data page (English only).
                inside = target.relative_to(site.resolve()).as_posix()
                assert inside.startswith(f"{lang}/"), f"{page.relative_to(site)}: {href} is not in {lang}"


@pytest.mark.slow
def test_the_data_page_says_it_is_in_english(site):
    for lang in ("uz", "ru"):
        doc = soup(site / lang / "data" / "README.html")
        assert doc.html["lang"] == lang and doc.find("main")["lang"] == "en"
        note = doc.select_one(".ir-lang-note")
        assert note["lang"] == lang and note.get_text() == po_string(lang, "publish.site.in_english")
    assert soup(site / "data" / "README.html").select_one(".ir-lang-note") is None


# ---------------------------------------------------------------------------------------------- language line

CHAPTERS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("notebook", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_every_english_chapter_opens_with_its_language_line(notebook):
    nb = nbformat.read(notebook, as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.id == "language-line"
    assert set(first.metadata["tags"]) == {"language-line", "notebook-only"}
    links = re.findall(r"\[([^\]]+)\]\(([^)]+)\)", first.source)
    translated = [lang for lang in ("uz", "ru") if (folder("notebooks", lang) / notebook.name).is_file()]
    assert [name for name, _ in links] == [NAMES[lang] for lang in translated]
    for _, href in links:
        assert (notebook.parent / href).is_file(), href
        assert Path(href).name == notebook.name
    assert first.source.startswith("**English**")
    # Never a translation unit: translators do not see it.
    assert not [u for u in notebook_units(nb, notebook.stem) if u.context.endswith("#language-line")]
    assert "#language-line" not in (translation.TEMPLATES / "notebooks" / f"{notebook.stem}.pot").read_text(
        encoding="utf-8")


def test_the_english_language_lines_are_up_to_date():
    assert translation.stale_english_language_lines(ROOT) == []


def test_a_generated_chapter_gets_the_language_line_of_its_language():
    source = Source("notebooks", "03_war_across_5500_years")
    for lang in ("uz", "ru"):
        nb, _ = translation.translated_notebook(source, ROOT, lang)
        first = nb.cells[0]
        assert first.id == "language-line" and "notebook-only" in first.metadata["tags"]
        assert f"**{NAMES[lang]}**" in first.source
        others = dict(re.findall(r"\[([^\]]+)\]\(([^)]+)\)", first.source))
        assert set(others) == {NAMES[x] for x in LANGS if x != lang}
        code_of = {name: code for code, name in NAMES.items()}
        for name, href in others.items():
            expected = folder("notebooks", code_of[name]) / f"{source.stem}.ipynb"
            assert (folder("notebooks", lang) / href).resolve() == expected.resolve(), href
        # Exactly one language line, and the English chapter's cells otherwise in the same order.
        english = nbformat.read(source.path(ROOT), as_version=4)
        assert [c.id for c in nb.cells] == [c.id for c in english.cells]


def test_the_language_line_is_written_and_refreshed_in_a_course_copy(tmp_path, monkeypatch):
    """``update`` writes the line into an English chapter, keeps its outputs, and ``stale`` notices an old one."""
    (tmp_path / "notebooks").mkdir()
    chapter = tmp_path / "notebooks" / "05_demo.ipynb"
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 5. Demo\n\nText.", id="title"),
        nbformat.v4.new_code_cell("1 + 1", id="code", execution_count=1, outputs=[
            nbformat.v4.new_output("execute_result", data={"text/plain": "2"}, execution_count=1)])])
    nbformat.write(nb, chapter)
    locales = tmp_path / "locales"
    monkeypatch.setattr(translation, "LOCALES", locales)
    monkeypatch.setattr(translation, "TEMPLATES", locales / "templates")
    monkeypatch.setattr(translation, "STRINGS_POT", locales / "templates" / "strings.pot")
    monkeypatch.setattr(translation, "DATA_POT", locales / "templates" / "data.pot")
    source = Source("notebooks", "05_demo")
    assert translation.stale_english_language_lines(tmp_path) == []  # one language: no line at all
    translation.update(tmp_path, ["ru"], [source])
    written = nbformat.read(chapter, as_version=4)
    assert written.cells[0].source == "**English** · [Русский](ru/05_demo.ipynb)"
    assert [c.id for c in written.cells] == ["language-line", "title", "code"]
    assert written.cells[2].outputs[0]["data"]["text/plain"] == "2"
    assert translation.stale_english_language_lines(tmp_path) == []
    translation.update(tmp_path, ["uz"], [source])  # a second translation starts: the line grows
    assert nbformat.read(chapter, as_version=4).cells[0].source == (
        "**English** · [Oʻzbekcha](uz/05_demo.ipynb) · [Русский](ru/05_demo.ipynb)")
    stale = nbformat.read(chapter, as_version=4)
    stale.cells[0].source = "**English**"
    nbformat.write(stale, chapter)
    assert translation.stale_english_language_lines(tmp_path) == [source]
    assert any("language line is out of date" in p for p in translation.stale(tmp_path, ["uz"]))


# ---------------------------------------------------------------------------------------------- slides, dashboard

def test_slides_in_another_language_come_from_its_notebooks(tmp_path):
    report = publish.build_slides(tmp_path / "decks", ["03"], lang="uz")
    deck = tmp_path / "decks" / "03_war_across_5500_years.slides.html"
    assert deck in report.pages
    doc = soup(deck)
    assert doc.html["lang"] == "uz"
    uzbek = nbformat.read(folder("notebooks", "uz") / "03_war_across_5500_years.ipynb", as_version=4)
    text = " ".join(doc.get_text(" ").split())
    assert publish.notebook_headings(uzbek)[1] in text   # "## ..." of the Uzbek chapter
    english = nbformat.read(ROOT / "notebooks" / "03_war_across_5500_years.ipynb", as_version=4)
    assert publish.notebook_headings(english)[1] not in text
    index = soup(tmp_path / "decks" / "index.html")
    assert index.html["lang"] == "uz" and index.p.get_text() == po_string("uz", "publish.slides.intro")
    assert publish.default_slides_folder("ru") == Path("_slides") / "ru"
    with pytest.raises(SystemExit) as usage:
        publish.main(["slides", "--lang", "xx", "03"])
    assert usage.value.code == 2


def test_the_dashboard_runs_the_chapter_of_its_language(tmp_path, monkeypatch):
    assert dashboard.resolve("03", lang="ru") == (folder("notebooks", "ru") / "03_war_across_5500_years.ipynb").resolve()
    assert dashboard.resolve("3") == (ROOT / "notebooks" / "03_war_across_5500_years.ipynb").resolve()
    command = dashboard.command(dashboard.resolve("03", lang="uz"), 8999, lang="uz")
    assert "--VoilaExporter.language_code=uz" in command
    started = {}

    class Voila:  # records how the dashboard would start Voila, and stops at once
        def __init__(self, args, cwd, env):
            started.update(args=args, cwd=Path(cwd), env=env)
            self.returncode = 0

        def poll(self):
            return 0

        def wait(self, timeout=None):
            return 0

    monkeypatch.setattr(dashboard.subprocess, "Popen", Voila)
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.delenv("IRCOURSE_LANG", raising=False)
    assert dashboard.main(["06", "--lang", "ru", "--no-browser", "--port", "0"]) == 0
    assert started["cwd"] == folder("notebooks", "ru").resolve()
    assert started["env"]["IRCOURSE_LANG"] == "ru" and "--VoilaExporter.language_code=ru" in started["args"]
    assert str(folder("notebooks", "ru") / "06_bipolar_world_and_nato.ipynb") in started["args"]
    # A path into a language folder speaks that language without --lang.
    assert dashboard.main([str(folder("notebooks", "uz") / "03_war_across_5500_years.ipynb"), "--no-browser",
                           "--port", "0"]) == 0
    assert started["env"]["IRCOURSE_LANG"] == "uz"
    assert dashboard.main(["03", "--no-browser", "--port", "0"]) == 0
    assert started["env"]["IRCOURSE_LANG"] == "en" and started["cwd"] == (ROOT / "notebooks").resolve()
