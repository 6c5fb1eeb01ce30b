"""The offline course site and the slide decks (``python -m ircourse.publish site|slides``).

The site and a deck are built once per module into pytest's temporary folder. The browser tests
open them from ``file://`` in Debian's Chromium with every non-file request aborted, and save
screenshots into the folder named by ``IRCOURSE_SCREENSHOTS`` (default: pytest's temporary folder):
``site_index.png``, ``site_03.png``, ``site_06.png``, ``slides_03.png``.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import shutil
import time
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from ircourse import publish

from .conftest import CHROMIUM, CHROMIUM_ARGS, ROOT
from .test_geometry import GEOMETRY_JS, chart_problems

DECK_STEM = "03_war_across_5500_years"
RENDERED = """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
  .filter(g => g.querySelector('.main-svg')).length"""
REMOTE = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _plotly_outputs(path: Path) -> int:
    nb = nbformat.read(path, as_version=4)
    return sum(publish.PLOTLY_MIMETYPE in (output.get("data") or {})
               for cell in nb.cells for output in cell.get("outputs", []))


def _widget_only_outputs(path: Path) -> int:
    nb = nbformat.read(path, as_version=4)
    return sum(publish.WIDGET_MIMETYPE in (o.get("data") or {}) and publish.PLOTLY_MIMETYPE not in o["data"]
               for cell in nb.cells if not {"notebook-only", "live-only"} & set(cell.metadata.get("tags", []))
               for o in cell.get("outputs", []))


def _text(path: Path) -> str:
    """Visible text of a page (code is highlighted into many spans, so compare text, not markup)."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for tag in soup(["script", "style"]):
        tag.decompose()
    return " ".join(soup.get_text(" ").split())


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _notebook_text(path: Path) -> str:
    """Every cell source and text output of a notebook, without whitespace."""
    parts = []
    for cell in nbformat.read(path, as_version=4).cells:
        parts.append(cell.source)
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("text", "")))
            parts += ["".join(v) for v in (output.get("data") or {}).values() if isinstance(v, (str, list))]
    return _squash(" ".join(parts))


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """A snapshot of the course's notebooks and data README: the builds and the checks read the same files."""
    root = tmp_path_factory.mktemp("course")
    for pattern in ("notebooks/*.ipynb", "exercises/*.ipynb", "exercises/solutions/*.ipynb", "data/README.md"):
        for path in ROOT.glob(pattern):
            target = root / path.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    return root


@pytest.fixture(scope="module")
def sources(course) -> dict[str, list[Path]]:
    return {"chapters": sorted((course / "notebooks").glob("*.ipynb")),
            "homework": sorted((course / "exercises").glob("*.ipynb")),
            "solutions": sorted((course / "exercises" / "solutions").glob("*.ipynb"))}


@pytest.fixture(scope="module")
def sources_before(course) -> dict[Path, str]:
    """Digests of the notebooks before anything is built (the builds must not change them)."""
    return {path: _digest(path) for path in course.rglob("*.ipynb")}


@pytest.fixture(scope="module")
def site(tmp_path_factory, course, sources_before):
    out = tmp_path_factory.mktemp("publish") / "_site"
    publish.build_site(out, course)  # its build time is measured by benchmarks/publish.py, not here
    return out


@pytest.fixture(scope="module")
def deck_chapter(course) -> Path:
    return course / "notebooks" / f"{DECK_STEM}.ipynb"


@pytest.fixture(scope="module")
def slides(tmp_path_factory, course, deck_chapter, sources_before):
    out = tmp_path_factory.mktemp("publish") / "_slides"
    publish.build_slides(out, [deck_chapter], course)
    return out


@pytest.fixture
def screenshots(tmp_path) -> Path:
    folder = Path(os.environ.get("IRCOURSE_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# ---------------------------------------------------------------------------------------------------
# The site, without a browser
# ---------------------------------------------------------------------------------------------------

def _course_map() -> dict[str, tuple[int, str]]:
    """The README's course map: chapter notebook stem -> (number, title), e.g. "Globalization"."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| \[([^\]]+)\]\(notebooks/([\w-]+)\.ipynb\)", readme, re.MULTILINE)
    return {stem: (int(number), title) for number, title, stem in rows}


def test_index_lists_every_chapter_and_homework(site, course, sources):
    index = (site / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(index, "html.parser")
    links = {a["href"]: (" ".join(a.get_text().split()), a.get("title")) for a in soup.find_all("a", href=True)}
    # Expected titles from outside the publish code: the course's name and the README's course map.
    assert soup.h1.get_text(strip=True) == "International Relations in the Era of Globalization"
    chapters = _course_map()
    assert sorted(chapters) == [p.stem for p in sources["chapters"] if p.stem[:2].isdigit()]
    for path in sources["chapters"] + sources["homework"]:
        href = f"{path.parent.name}/{path.stem}.html"
        assert href in links, f"index.html has no link to {href}"
        assert (site / href).is_file()
        if path.stem not in chapters:  # a reference page (claims register, glossary): linked, not numbered
            continue
        number, chapter = chapters[path.stem]
        text, tooltip = links[href]
        if path.parent.name == "notebooks":  # "Globalization", with "2. Globalization" (the heading) as tooltip
            assert (text, tooltip) == (chapter, f"{number}. {chapter}"), href
        else:  # "Homework 2" next to its chapter, the full heading as tooltip
            assert (text, tooltip) == (f"Homework {number}", f"Homework {number} · {chapter}"), href
    assert "data/README.html" in links and (site / "data" / "README.html").is_file()


def test_no_solution_is_published(site, sources):
    solutions = sources["solutions"]
    published = list(site.rglob("*"))
    assert not [p for p in published if "solution" in p.name.lower() or "solutions" in p.parts]
    solution_digests = {_digest(p) for p in solutions}
    assert not [p for p in published if p.is_file() and _digest(p) in solution_digests]

    # Lines that only a solution notebook holds: marked "# SOLUTION" or inside BEGIN/END SOLUTION.
    public = " ".join(_notebook_text(p) for p in sources["chapters"] + sources["homework"])
    secrets: set[str] = set()
    keys: list[str] = []
    for path in solutions:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "raw" and any(tag.startswith("key:") for tag in cell.metadata.get("tags", [])):
                keys.append(_squash(cell.source))
            if cell.cell_type != "code":
                continue
            inside = False
            for line in cell.source.splitlines():
                marker = line.strip()
                if marker.startswith("# BEGIN SOLUTION"):
                    inside = True
                elif marker.startswith("# END SOLUTION"):
                    inside = False
                elif inside or re.search(r"#\s*SOLUTION\s*$", line):
                    code = _squash(re.sub(r"#\s*SOLUTION\s*$", "", line))
                    if len(code) >= 8 and not code.startswith("#") and code not in public:
                        secrets.add(code)
    if solutions:
        assert secrets, "no solution lines found: has the solution marker changed?"
        # The detector works on rendered pages: a page made from a solution notebook is caught.
        rendered, _ = publish.site_exporter().from_filename(str(solutions[0]), resources={
            "ircourse": {"plotly_src": "", "css": "", "nav": "", "footer_nav": "", "assets_url": ""}})
        rendered_text = _squash(" ".join(BeautifulSoup(rendered, "html.parser").get_text(" ").split()))
        assert any(secret in rendered_text for secret in secrets)
    pages = {p: _squash(_text(p)) for p in site.rglob("*.html")}
    pages |= {p: _notebook_text(p) for p in site.rglob("*.ipynb")}
    for page, text in pages.items():
        leaked = sorted(s for s in secrets if s in text)
        assert not leaked, f"{page.relative_to(site)} shows solution code: {leaked[:3]}"
        assert not [k for k in keys if k and k in text], f"{page.relative_to(site)} shows an answer key"


def test_exactly_one_plotly_js_shared_by_every_page(site, sources):
    copies = sorted(site.rglob("plotly*.js"))
    assert copies == [site / "assets" / "plotly.min.js"]
    assert copies[0].read_bytes() == publish.plotly_js_path().read_bytes()
    bundle_start = publish.plotly_js_path().read_text(encoding="utf-8")[:200]
    for path in sources["chapters"] + sources["homework"]:
        page = site / path.parent.name / f"{path.stem}.html"
        markup = page.read_text(encoding="utf-8")
        scripts = [s.get("src") for s in BeautifulSoup(markup, "html.parser").find_all("script") if s.get("src")]
        assert scripts == ["../assets/plotly.min.js"], page
        assert bundle_start not in markup, f"{page} embeds plotly.js"
        assert markup.count('irChart("') == _plotly_outputs(path), page  # one call per chart, no plotly.js
        assert publish.PLOTLY_MIMETYPE not in markup
        assert page.stat().st_size < 1_000_000, f"{page} is {page.stat().st_size:,} bytes"


def test_pages_load_nothing_from_the_network(site):
    for page in [site / "index.html", *site.rglob("*/*.html")]:
        markup = page.read_text(encoding="utf-8")
        soup = BeautifulSoup(markup, "html.parser")
        for tag in soup.find_all(["script", "link", "img", "iframe", "source", "video", "audio", "embed"]):
            address = tag.get("src") or (tag.get("href") if tag.name == "link" else None)
            if not address:
                continue
            assert not REMOTE.match(address), f"{page.relative_to(site)} loads {address}"
            assert address.startswith("data:") or (page.parent / address.split("#")[0]).is_file(), \
                f"{page.relative_to(site)}: {address} is missing"
        lowered = markup.lower()
        for cdn in ("mathjax", "require.min.js", "cdnjs", "unpkg.com", "jsdelivr", "@import url(http"):
            assert cdn not in lowered, f"{page.relative_to(site)} mentions {cdn}"
        for sheet in soup.find_all("style"):
            assert not re.search(r"url\(\s*['\"]?(https?:)?//", sheet.get_text()), page


def test_links_between_notebooks_point_at_pages(site, sources):
    for page in site.rglob("*/*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for anchor in soup.find_all("a", href=True):
            href = anchor["href"]
            if REMOTE.match(href) or href.startswith(("#", "mailto:")) or re.match(r"^[a-z]+:", href):
                continue
            target = page.parent / href.split("#")[0]
            assert target.is_file(), f"{page.relative_to(site)}: link {href} leads nowhere"
            if href.split("#")[0].endswith(".ipynb"):  # only the download links, never a course link
                assert anchor.has_attr("data-ir-nav"), f"{page.relative_to(site)}: link {href} not rewritten"
    # Links into another notebook's section keep their anchor, and the anchor exists there.
    checked = 0
    for path in sources["chapters"]:
        markup = (site / "notebooks" / f"{path.stem}.html").read_text(encoding="utf-8")
        for cell in nbformat.read(path, as_version=4).cells:
            for stem, anchor in re.findall(r"\]\(([\w-]+)\.ipynb#([^)\s]+)\)", cell.source):
                assert f'href="{stem}.html#{anchor}"' in markup, (path.name, stem, anchor)
                target = (site / "notebooks" / f"{stem}.html").read_text(encoding="utf-8")
                assert f'id="{anchor}"' in target, f"{stem}.html has no section {anchor}"
                checked += 1
    assert checked, "no chapter links into another chapter's section any more: adapt this test"


def test_widget_outputs_become_a_note(site, sources):
    note = publish.t("publish.widget_note")
    for path in sources["chapters"]:
        markup = (site / "notebooks" / f"{path.stem}.html").read_text(encoding="utf-8")
        assert publish.WIDGET_MIMETYPE not in markup
        assert markup.count(note) == _widget_only_outputs(path), path.name


def test_inline_mathematics_without_mathjax():
    assert publish.inline_math_to_html("share $\\sum k(k-1) / n(n-1)$ of $n$ pairs") == (
        'share <span class="ir-math">∑ <i>k</i>(<i>k</i>−1) / <i>n</i>(<i>n</i>−1)</span> of '
        '<span class="ir-math"><i>n</i></span> pairs')
    money = "AidData: **$1.34 trillion** in 165 countries; about **$182.3 billion** to Africa; `f\"$ {x}$\"`"
    assert publish.inline_math_to_html(money) == money


def test_site_rebuilds_identically_and_refuses_foreign_folders(site, course, tmp_path):
    again = tmp_path / "again"
    publish.build_site(again, course)
    for page in site.rglob("*.html"):
        assert page.read_bytes() == (again / page.relative_to(site)).read_bytes(), page
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "thesis.docx").write_text("precious")
    with pytest.raises(publish.PublishError, match="refusing"):
        publish.build_site(foreign, course)
    assert (foreign / "thesis.docx").read_text() == "precious"


def test_command_line(course, tmp_path, capsys):
    assert publish.main(["slides", "--out", str(tmp_path / "decks"), "--root", str(course), DECK_STEM]) == 0
    assert (tmp_path / "decks" / f"{DECK_STEM}.slides.html").is_file()
    assert publish.main(["slides", "--out", str(tmp_path / "decks"), "--root", str(course), "no_such"]) == 1
    assert "no such notebook" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------------
# Slides, without a browser
# ---------------------------------------------------------------------------------------------------

def test_slide_types_are_assigned_in_a_copy(deck_chapter):
    # The chapter as a deck gets it: without its notebook-only cells (the language line first of all).
    nb = publish.for_readers(nbformat.read(deck_chapter, as_version=4), hide_code=False)
    before = copy.deepcopy(nb)
    deck = publish.assign_slide_types(nb)
    assert nb == before, "assign_slide_types changed the notebook it was given"
    kinds = [cell.metadata.slideshow.slide_type for cell in deck.cells]
    assert set(kinds) <= {"slide", "subslide", "fragment", "-", "skip", "notes"}
    assert kinds[0] == "slide"
    for cell, kind in zip(deck.cells, kinds):
        first = cell.source.lstrip()
        if cell.cell_type == "markdown" and re.match(r"##?\s", first):
            assert kind == "slide", first[:40]
        if cell.cell_type == "markdown" and first.startswith("> **Teacher note"):
            assert kind == "notes"
        outputs = cell.get("outputs", [])
        if any(publish.PLOTLY_MIMETYPE in (o.get("data") or {}) for o in outputs):
            assert kind == "subslide"
        if cell.cell_type == "code" and not outputs:
            assert kind == "skip"
    # Every "## " heading of the chapter starts a slide, even one in the middle of a cell.
    sections = [line for cell in nb.cells if cell.cell_type == "markdown"
                for line in cell.source.splitlines() if line.startswith("## ")]
    assert kinds.count("slide") == len(sections) + 1


def test_deck_is_offline_and_hides_code(slides, deck_chapter, sources_before):
    deck = slides / f"{DECK_STEM}.slides.html"
    markup = deck.read_text(encoding="utf-8")
    soup = BeautifulSoup(markup, "html.parser")
    # Code is hidden, except above a printout (its code is what makes it readable).
    shown = [cell for cell in nbformat.read(deck_chapter, as_version=4).cells if publish.shows_code(cell)]
    assert shown, "the deck chapter has no printout: the test proves nothing"
    inputs = soup.select(".jp-CodeCell .jp-InputArea")
    assert len(inputs) == len(shown), "code inputs other than the printouts' are shown in the deck"
    for area, cell in zip(inputs, shown):
        assert _squash(area.get_text()) == _squash(cell.source)
    assert soup.select(".jp-MarkdownCell"), "the deck has no text"
    for anchor in soup.find_all("a", href=True):
        href = anchor["href"]
        if not (REMOTE.match(href) or href.startswith("#") or re.match(r"^[a-z]+:", href)):
            assert (slides / href.split("#")[0]).is_file(), f"deck link {href} leads nowhere"
    assert markup.count("Plotly.newPlot(") == _plotly_outputs(deck_chapter)
    assert sorted(slides.rglob("plotly*.js")) == [slides / "assets" / "plotly.min.js"]
    for tag in soup.find_all(["script", "link"]):
        address = tag.get("src") or tag.get("href")
        if address:
            assert not REMOTE.match(address), address
            assert (slides / address).is_file(), f"{address} is missing"
    assert 'class="notes"' in markup, "teacher notes should be in the speaker notes"
    for path, digest in sources_before.items():
        assert _digest(path) == digest, f"{path.name} was modified by the build"


def _tagged_notebook() -> nbformat.NotebookNode:
    """A small chapter: a notebook-only instruction, a printout, a table, a notebook-only printout."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 9. A chapter\n\nText every reader sees."),
        nbformat.v4.new_markdown_cell("Run the cells below, then move the slider.", metadata={"tags": ["notebook-only"]}),
        nbformat.v4.new_code_cell("print(counts_by_kind)", outputs=[nbformat.v4.new_output(
            "stream", name="stdout", text="war    3\nName: count, dtype: Int64\n")], execution_count=1),
        nbformat.v4.new_code_cell("table_of_wars", outputs=[nbformat.v4.new_output(
            "execute_result", data={"text/html": "<table><tr><td>1</td></tr></table>", "text/plain": "1"},
            execution_count=2)], execution_count=2),
        nbformat.v4.new_code_cell("debug_printout()", metadata={"tags": ["notebook-only"]}, outputs=[
            nbformat.v4.new_output("stream", name="stdout", text="only for the notebook\n")], execution_count=3),
        nbformat.v4.new_code_cell("shown_on_purpose", metadata={"tags": ["show-code"]}, outputs=[
            nbformat.v4.new_output("execute_result", data={"text/html": "<b>x</b>", "text/plain": "x"},
                                   execution_count=4)], execution_count=4),
    ]
    return nb


def test_printouts_keep_their_code_and_notebook_only_cells_go():
    nb = _tagged_notebook()
    assert [publish.is_notebook_only(c) for c in nb.cells] == [False, True, False, False, True, False]
    assert [publish.shows_code(c) for c in nb.cells] == [False, False, True, False, True, True]
    readers = publish.for_readers(copy.deepcopy(nb), hide_code=True)
    assert [c.source.split("(")[0] for c in readers.cells[1:]] == ["print", "table_of_wars", "shown_on_purpose"]
    hidden = [c.metadata.get("transient", {}).get("remove_source", False) for c in readers.cells[1:]]
    assert hidden == [False, True, False]


def test_site_page_and_deck_leave_out_notebook_only_cells():
    nb = _tagged_notebook()
    res = {"ircourse": {"plotly_src": "p.js", "assets_url": "assets/", "css": "", "nav": "", "footer_nav": ""}}
    page, _ = publish.site_exporter().from_notebook_node(copy.deepcopy(nb), resources=copy.deepcopy(res))
    deck, _ = publish.slides_exporter().from_notebook_node(
        publish.assign_slide_types(publish.for_readers(copy.deepcopy(nb), hide_code=False)),
        resources={"ircourse": {"plotly_src": "p.js", "assets_url": "assets/", "css": ""}})
    for markup in (page, deck):
        text = " ".join(BeautifulSoup(markup, "html.parser").get_text(" ").split())
        assert "Text every reader sees" in text and "Name: count" in text
        assert "Run the cells below" not in text and "only for the notebook" not in text
    deck_text = " ".join(BeautifulSoup(deck, "html.parser").get_text(" ").split())
    assert "print ( counts_by_kind )" in deck_text or "print(counts_by_kind)" in deck_text
    assert "shown_on_purpose" in deck_text and "table_of_wars" not in deck_text


# ---------------------------------------------------------------------------------------------------
# In a real browser, offline
# ---------------------------------------------------------------------------------------------------

class OfflineBrowser:
    """Chromium with every request that is not a local file aborted; records what went wrong."""

    def __init__(self, playwright):
        self.blocked: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                                  args=CHROMIUM_ARGS)
        self.context = self.browser.new_context(viewport={"width": 1366, "height": 900})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url}: {r.failure}"))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route):
        if route.request.url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def rendered_charts(self, expected: int, timeout: float = 20) -> int:
        deadline = time.monotonic() + timeout
        while True:
            count = self.page.evaluate(RENDERED)
            if count >= expected or time.monotonic() > deadline:
                return count
            self.page.wait_for_timeout(100)

    def assert_clean(self):
        assert not self.blocked, f"requests the page needed were blocked: {self.blocked}"
        assert not self.failed, f"requests failed: {self.failed}"
        assert not self.errors, f"JavaScript errors: {self.errors}"


@pytest.fixture
def offline():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = OfflineBrowser(playwright)
        try:
            yield browser
        finally:
            browser.browser.close()


@pytest.mark.browser
def test_site_charts_render_offline(site, course, offline, screenshots):
    page = offline.page
    page.goto((site / "index.html").as_uri())
    page.screenshot(path=str(screenshots / "site_index.png"), full_page=True)
    for stem, shot in (("03_war_across_5500_years", "site_03.png"), ("06_bipolar_world_and_nato", "site_06.png")):
        page.goto((site / "index.html").as_uri())
        with page.expect_navigation():
            page.click(f'a[href="notebooks/{stem}.html"]')
        assert page.url.endswith(f"notebooks/{stem}.html")
        expected = _plotly_outputs(course / "notebooks" / f"{stem}.ipynb")
        assert expected > 0
        assert offline.rendered_charts(expected) == expected, stem
        assert page.evaluate("document.querySelectorAll('.js-plotly-plot').length") == expected
        # Interactive, not a picture: plotly's hover layer and modebar are there.
        assert page.evaluate("document.querySelectorAll('.js-plotly-plot .modebar-container').length") == expected
        page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
        page.screenshot(path=str(screenshots / shot))
    offline.assert_clean()


@pytest.mark.browser
def test_slides_open_offline(slides, deck_chapter, offline, screenshots):
    page = offline.page
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto((slides / f"{DECK_STEM}.slides.html").as_uri())
    page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=20_000)
    assert page.evaluate("Reveal.getTotalSlides()") > 5
    expected = _plotly_outputs(deck_chapter)
    assert offline.rendered_charts(expected) == expected
    # Go to the first chart's slide, as a teacher would with the arrow keys.
    for _ in range(60):
        if page.evaluate("!!Reveal.getCurrentSlide().querySelector('.js-plotly-plot .main-svg')"):
            break
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(50)
    else:
        pytest.fail("no slide with a chart reached with the arrow keys")
    page.wait_for_timeout(900)  # the slide transition
    width = page.evaluate("Reveal.getCurrentSlide().querySelector('.js-plotly-plot').getBoundingClientRect().width")
    assert width > 900, f"the chart is {width:.0f} px wide on a 1280 px slide"
    # The geometry checks of test_geometry on the chart of this slide: as wide as its output, clean.
    page.evaluate("Reveal.getCurrentSlide().setAttribute('data-ir-current', '1')")
    problems = [p for r in page.evaluate(GEOMETRY_JS, "[data-ir-current]") for p in chart_problems(r)]
    assert not problems, "\n".join(problems)
    page.screenshot(path=str(screenshots / "slides_03.png"))
    offline.assert_clean()


def test_live_only_cells_stay_where_a_kernel_runs_and_leave_static_pages():
    """``live-only`` (move the slider...): in Voila, not on the site, the decks or the handouts."""
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("Title"),
        nbformat.v4.new_markdown_cell("Run all cells first.", metadata={"tags": ["notebook-only"]}),
        nbformat.v4.new_markdown_cell("Move the slider below.", metadata={"tags": ["live-only"]}),
        nbformat.v4.new_code_cell("explorer.widget()"),
    ])
    live = publish.for_readers(copy.deepcopy(nb), hide_code=True, live=True)
    static = publish.for_readers(copy.deepcopy(nb), hide_code=True)
    assert [c.source for c in live.cells] == ["Title", "Move the slider below.", "explorer.widget()"]
    assert [c.source for c in static.cells] == ["Title", "explorer.widget()"]
    preprocessed, _ = publish.NotebookOnlyPreprocessor().preprocess(copy.deepcopy(nb), {})
    assert [c.source for c in preprocessed.cells] == ["Title", "explorer.widget()"]


# ---------------------------------------------------------------------------------------------------
# Text alternatives and the charts' data
# ---------------------------------------------------------------------------------------------------

def _plain(text) -> str:
    """A plotly text as a reader hears it: line breaks as spaces, no tags, single spaces."""
    return " ".join(re.sub(r"<[^>]+>", " ", re.sub(r"<br\s*/?>", " ", str(text or ""))).split())


def _decoded(value) -> list:
    """A plotly array: a list, or a typed array (base64 ``bdata``) decoded here with numpy."""
    import base64

    import numpy as np

    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        if value.get("shape"):
            array = array.reshape([int(n) for n in str(value["shape"]).split(",")])
        return array.tolist()
    return list(value) if isinstance(value, (list, tuple)) else []


def _figures(path: Path) -> list[dict]:
    nb = nbformat.read(path, as_version=4)
    return [o["data"][publish.PLOTLY_MIMETYPE] for c in nb.cells
            if not {"notebook-only", "live-only"} & set(c.metadata.get("tags", []))
            for o in c.get("outputs", []) if publish.PLOTLY_MIMETYPE in (o.get("data") or {})]


def test_every_chart_is_named_by_its_summary_and_its_data_is_one_click_away(site, sources):
    import csv as csv_module

    checked = 0
    for path in sources["chapters"]:
        page = site / "notebooks" / f"{path.stem}.html"
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        figures = doc.select("figure.ir-figure")
        expected = _figures(path)
        assert len(figures) == len(expected), page
        for figure, saved in zip(figures, expected):
            layout = saved.get("layout") or {}
            meta = layout.get("meta") if isinstance(layout.get("meta"), dict) else {}
            title = layout.get("title") or {}
            name = meta.get("summary") or _plain(f"{title.get('text', '')} {(title.get('subtitle') or {}).get('text', '')}")
            assert figure["aria-label"] == " ".join(name.split()), page
            shown = figure.select_one(".ir-summary")
            assert (shown.get_text() if shown else None) == (meta.get("summary") or None)
            link = figure.select_one("a.ir-data")
            with open(page.parent / link["href"], encoding="utf-8", newline="") as handle:
                rows = list(csv_module.DictReader(handle))
            if meta.get("data"):
                assert rows == [{k: "" if v is None else str(v) for k, v in r.items()} for r in meta["data"]]
            else:  # one row per point of each trace (per cell of a heat map)
                points = 0
                for trace in saved["data"]:
                    z = _decoded(trace.get("z"))
                    points += sum(len(r) for r in z) if z and isinstance(z[0], list) else max(
                        [len(_decoded(trace.get(k))) for k in ("x", "y", "z", "locations", "values")] or [0])
                assert len(rows) == points, link["href"]
                first = saved["data"][0]
                ys = _decoded(first.get("y"))
                if ys and not isinstance(_decoded(first.get("z"))[:1] or None, list) and all(
                        isinstance(v, (int, float)) for v in ys):
                    assert [float(r["y"]) for r in rows[:len(ys)]] == pytest.approx([float(v) for v in ys])
            checked += 1
    assert checked >= 15


def test_a_chart_summary_and_table_from_the_figure_reach_the_page(tmp_path):
    """A chart with ``layout.meta`` (the figures' contract) and one without, on a page of a small course."""
    import plotly.graph_objects as go

    described = go.Figure(go.Bar(x=["1949", "2024"], y=[12, 32], name="NATO"),
                          layout={"title": {"text": "NATO<br>members"},
                                  "meta": {"summary": "NATO grew from 12 members in 1949 to 32 in 2024.",
                                           "data": [{"year": 1949, "members": 12}, {"year": 2024, "members": None}]}})
    bare = go.Figure(go.Scatter(x=[1, 2, 3], y=[4.5, 5, 6], name="line"), layout={"title": {"text": "A <b>bare</b> chart"}})
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 1. Demo", id="title"),
        *[nbformat.v4.new_code_cell("fig", id=f"c{i}", execution_count=i, outputs=[nbformat.v4.new_output(
            "display_data", data={publish.PLOTLY_MIMETYPE: json.loads(fig.to_json())})]) for i, fig in
          enumerate((described, bare), start=1)]])
    (tmp_path / "course" / "notebooks").mkdir(parents=True)
    nbformat.write(nb, tmp_path / "course" / "notebooks" / "01_demo.ipynb")
    publish.build_site(tmp_path / "site", tmp_path / "course")
    page = tmp_path / "site" / "notebooks" / "01_demo.html"
    doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    first, second = doc.select("figure.ir-figure")
    assert first["aria-label"] == first.select_one(".ir-summary").get_text() == \
        "NATO grew from 12 members in 1949 to 32 in 2024."
    table = (page.parent / first.select_one("a.ir-data")["href"]).read_text(encoding="utf-8").splitlines()
    columns = table[0].split(",")  # in the order plotly saved the records' keys
    assert sorted(columns) == ["members", "year"]
    assert [dict(zip(columns, line.split(","))) for line in table[1:]] == [
        {"year": "1949", "members": "12"}, {"year": "2024", "members": ""}]
    assert second["aria-label"] == "A bare chart" and second.select_one(".ir-summary") is None
    assert (page.parent / second.select_one("a.ir-data")["href"]).read_text(encoding="utf-8") == \
        "series,x,y\nline,1,4.5\nline,2,5\nline,3,6\n"  # as plotly saved the numbers
    assert first.select_one("a.ir-data").get_text() == publish.t("publish.chart.data")


def test_decode_array_reads_plotly_typed_arrays():
    import base64
    import struct

    packed = {"dtype": "i2", "bdata": base64.b64encode(struct.pack("<4h", 1, -2, 3, 4)).decode(), "shape": "2, 2"}
    assert publish.decode_array(packed) == [[1, -2], [3, 4]]
    assert publish.decode_array([1, 2]) == [1, 2] and publish.decode_array(None) is None


# ---------------------------------------------------------------------------------------------------
# The phone layout of a chart
# ---------------------------------------------------------------------------------------------------

def _course_chart():
    import ircourse as irc

    return json.loads(irc.figures.power_shares(irc.load("cinc_major_powers")).to_json())


def test_the_phone_layout_rewraps_the_frame_and_grows_the_chart():
    figure = _course_chart()
    layout = figure["layout"]
    narrow = publish.narrow_figure(figure)["layout"]
    old_title, new_title = layout["title"]["text"], narrow["title"]["text"]
    assert _plain(new_title) == _plain(old_title)  # the same words...
    assert new_title.count("<br>") > old_title.count("<br>")  # ...on more lines
    budget = (publish.PHONE_CHART_WIDTH - publish.MODEBAR_WIDTH) / publish.FRAME_WIDTH * 56
    assert max(len(line) for line in new_title.split("<br>")) <= budget + 1
    # The plot keeps its height: the chart grows by what the header and footer grew.
    old_plot = layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]
    new_plot = narrow["height"] - narrow["margin"]["t"] - narrow["margin"]["b"]
    assert new_plot == pytest.approx(old_plot, abs=2) and narrow["height"] > layout["height"]
    # The legend starts below the (taller) title block, and the plot below the legend's rows.
    legend_top = (1 - narrow["legend"]["y"]) * narrow["height"]
    assert legend_top > (1 - layout["legend"]["y"]) * layout["height"]
    assert narrow["margin"]["t"] > legend_top + 2 * 1.6 * 13
    source = next(a for a in narrow["annotations"] if a.get("name") == "source")
    assert _plain(source["text"]) == _plain(next(a for a in layout["annotations"] if a.get("name") == "source")["text"])
    assert narrow["modebar"]["orientation"] == "v" and narrow["margin"]["r"] >= publish.MODEBAR_WIDTH
    assert figure["layout"] is layout and "modebar" not in layout  # the saved figure is not changed


def test_the_phone_layout_drops_marker_labels_thins_ticks_and_leaves_unframed_charts_alone():
    framed = {"data": [{"type": "scatter", "mode": "markers+text", "textposition": "middle right", "x": [1], "y": [1]},
                       {"type": "scatter", "mode": "text", "textposition": "middle left", "x": [1], "y": [1]},
                       {"type": "bar", "textposition": "outside", "x": [1], "y": [1]},
                       {"type": "scatter", "mode": "lines", "x": [1], "y": [1]}],
              "layout": {"title": {"text": "A title", "yref": "container"}, "height": 400,
                         "margin": {"t": 60, "b": 80, "l": 60, "r": 20},
                         "xaxis": {"tickvals": [-2000, -1000, 0, 1000, 2000],
                                   "ticktext": ["2000 BCE", "1000 BCE", "1 CE", "1000", "2000"]},
                         "xaxis2": {"dtick": 5, "tick0": 1920}}}
    narrow = publish.narrow_figure(framed)
    assert narrow["traces"] == [{"mode": "markers"}, {"mode": "none"}, {"textposition": "inside"}, {}]
    axis = narrow["layout"]["xaxis"]
    assert 1 < len(axis["tickvals"]) < 5 and len(axis["ticktext"]) == len(axis["tickvals"])
    assert axis["ticktext"][0] == "2000 BCE"
    assert "dtick" not in narrow["layout"]["xaxis2"] and narrow["layout"]["xaxis2"]["nticks"] <= 6
    assert publish.narrow_figure({"data": [], "layout": {"title": {"text": "plotly express"}}}) is None


def test_the_phone_layout_keeps_only_the_ticks_inside_the_range_and_wraps_long_legend_names():
    """Chapter 3's year axis has ticks from 3000 BCE to 3000 for a range of 2600 BCE to 2023: thinning all
    seven left one label on screen. A Russian series name of 53 characters is wider than a phone."""
    long_name = "Вооружённые конфликты (UCDP/PRIO, ≥25 погибших в год)"
    framed = {"data": [{"type": "scatter", "mode": "lines", "name": "Wars", "x": [1], "y": [1]},
                       {"type": "scatter", "mode": "lines", "name": long_name, "x": [1], "y": [1]}],
              "layout": {"title": {"text": "A title", "yref": "container"}, "height": 400,
                         "margin": {"t": 100, "b": 80},
                         "legend": {"orientation": "h", "x": 0, "xref": "container", "y": 0.8, "yref": "container"},
                         "xaxis": {"range": [-2600, 2023], "tickvals": [-3000, -2000, -1000, 0, 1000, 2000, 3000],
                                   "ticktext": ["3000 BCE", "2000 BCE", "1000 BCE", "1 CE", "1000", "2000", "3000"]}}}
    narrow = publish.narrow_figure(framed, width=320)
    axis = narrow["layout"]["xaxis"]
    assert axis["tickvals"] == [-2000, 0, 2000] and axis["ticktext"] == ["2000 BCE", "1 CE", "2000"]
    assert narrow["traces"][0] == {}
    wrapped = narrow["traces"][1]["name"]
    assert wrapped.replace("<br>", " ") == long_name and wrapped.count("<br>") >= 1
    # each line fits the phone beside its legend symbol (about 0.62 em a character at 13 px)
    assert all(len(line) * 0.62 * 13 * 1.1 + 45 <= 320 - 34 for line in wrapped.split("<br>"))
    # the legend's rows push the plot down: the margin grows for the second line of the long name
    single = publish.narrow_figure({**framed, "data": framed["data"][:1] + [{**framed["data"][1], "name": "Short"}]},
                                   width=320)
    assert narrow["layout"]["margin"]["t"] > single["layout"]["margin"]["t"]
