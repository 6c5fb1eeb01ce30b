"""Accessibility, measured with axe-core (the copy bundled by axe-playwright-python) in Debian's Chromium.

Zero violations of impact *serious* or *critical* (contrast at WCAG 2.1 AA included) on:

* every page of the offline site, in every language (and the page's ``lang`` is the language of its
  folder);
* the Voila dashboard of chapters 3 and 6, and of chapter 3 in Uzbek (whose charts must then be in
  Uzbek);
* the teacher's class report and review sheet, from a small gradebook written here.

Violations of lower impact are printed with their counts (``pytest -s``), as is the time of each part.
The keyboard test walks the top bar of a chapter page with Tab: skip link first, every link reachable,
each with a visible focus mark, and no notebook cell in the way.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from pathlib import Path

import nbformat
import pytest

from ircourse import publish

from .conftest import ROOT
from .test_dashboard import ALL_RENDERED, voila_dashboard  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser]

LANGS = ["en", "uz", "ru"]
FAILING = {"serious", "critical"}


def axe(page) -> list[dict]:
    """Return axe-core's violations on the page open in ``page`` (every rule but the experimental ones)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, options={"resultTypes": ["violations"]}).response["violations"]


def summary(violations: list[dict]) -> Counter:
    """Return ``{(rule, impact): elements}`` of a page's violations."""
    return Counter({(v["id"], v["impact"]): len(v["nodes"]) for v in violations})


def failures(label: str, violations: list[dict]) -> list[str]:
    """Return one line per serious or critical violation, with its first elements."""
    lines = []
    for v in violations:
        if v["impact"] in FAILING:
            where = "; ".join(n["html"][:100] for n in v["nodes"][:3])
            lines.append(f"{label}: {v['id']} ({v['impact']}, {len(v['nodes'])} elements): {v['help']} — {where}")
    return lines


def site_pages(site: Path, lang: str) -> list[Path]:
    base = site if lang == "en" else site / lang
    return [base / "index.html", *sorted((base / "notebooks").glob("*.html")),
            *sorted((base / "exercises").glob("*.html")), base / "data" / "README.html"]


# ---------------------------------------------------------------------------------------------- the site

@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_every_site_page_passes_axe(site, chromium, lang):
    start = time.monotonic()
    page = chromium.new_page(viewport={"width": 1366, "height": 768})
    problems, others = [], Counter()
    pages = site_pages(site, lang)
    for path in pages:
        label = str(path.relative_to(site))
        page.goto(path.as_uri())
        expected = page.evaluate("document.querySelectorAll('.ir-plot').length")
        page.wait_for_function("(n) => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n",
                               arg=expected, timeout=60_000)
        if page.evaluate("document.documentElement.lang") != lang:
            problems.append(f"{label}: <html lang> is {page.evaluate('document.documentElement.lang')!r}")
        violations = axe(page)
        problems += failures(label, violations)
        others.update({k: n for k, n in summary(violations).items() if k[1] not in FAILING})
    page.close()
    print(f"\n{lang}: {len(pages)} pages in {time.monotonic() - start:.1f} s; "
          f"other violations: {dict(others) or 'none'}")
    assert not problems, "\n".join(problems)


def test_the_top_bar_works_with_the_keyboard(site, chromium):
    page = chromium.new_page(viewport={"width": 1366, "height": 768})
    page.goto((site / "uz" / "notebooks" / "03_war_across_5500_years.html").as_uri())
    expected = page.evaluate("Array.from(document.querySelectorAll('.ir-bar nav > a, .ir-bar .ir-links a, "
                             ".ir-bar nav > .ir-langs a')).map(a => a.getAttribute('href'))")
    assert len(expected) >= 6
    reached, marks = [], []
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "ir-skip"
    assert page.evaluate("document.activeElement.getBoundingClientRect().left") >= 0  # shown when focused
    for _ in expected:
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.getAttribute('href')"))
        marks.append(page.evaluate("(() => { const s = getComputedStyle(document.activeElement);"
                                   " return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; })()"))
    assert reached == expected and all(marks)
    # After the bar, the content's own links: no notebook cell is a tab stop.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null && document.activeElement.tagName") in (
        "A", "SUMMARY", "BUTTON")
    page.close()


# ---------------------------------------------------------------------------------------------- the dashboard

@pytest.mark.slow
@pytest.mark.parametrize("voila_dashboard", ["03", "06", "03:uz"], indirect=True)
def test_the_dashboard_passes_axe(voila_dashboard, chromium):  # noqa: F811
    chapter, url = voila_dashboard
    number, _, lang = chapter.partition(":")
    lang = lang or "en"
    start = time.monotonic()
    page = chromium.new_page(viewport={"width": 1366, "height": 768})
    page.goto(url, timeout=120_000)
    page.wait_for_function("() => { const el = document.getElementById('rendered_cells');"
                           " return el && el.style.display !== 'none'; }", timeout=180_000)
    notebook = next((ROOT / "notebooks" / ("" if lang == "en" else lang)).glob(f"{number}_*.ipynb"))
    charts = sum(any(k in o.get("data", {}) for k in (publish.PLOTLY_MIMETYPE, publish.WIDGET_MIMETYPE))
                 for c in nbformat.read(notebook, as_version=4).cells for o in c.get("outputs", []))
    page.wait_for_function(f"(n) => ({ALL_RENDERED})() >= n", arg=charts, timeout=60_000)
    page.wait_for_timeout(500)
    assert page.evaluate("document.documentElement.lang") == lang
    if lang != "en":  # the kernel speaks the chapter's language: its charts are those of the saved chapter
        saved = [publish.chart_summary({"layout": {"title": o["data"][publish.PLOTLY_MIMETYPE]["layout"].get("title")}})
                 for c in nbformat.read(notebook, as_version=4).cells for o in c.get("outputs", [])
                 if publish.PLOTLY_MIMETYPE in o.get("data", {})]
        shown = page.evaluate("Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd =>"
                              " [gd.layout.title.text || '', (gd.layout.title.subtitle || {}).text || '']"
                              ".join(' ').replace(/<[^>]+>/g, ' ').split(/\\s+/).join(' ').trim())")
        assert saved and saved[0] == shown[0]
    violations = axe(page)
    page.close()
    print(f"\ndashboard {chapter}: {dict(summary(violations)) or 'no violations'} "
          f"({time.monotonic() - start:.1f} s)")
    assert not failures(f"dashboard {chapter}", violations)


# ---------------------------------------------------------------------------------------------- teacher pages

@pytest.fixture(scope="module")
def gradebook(tmp_path_factory) -> Path:
    """A small graded class written by hand in the gradebook's layout (no grading run needed)."""
    folder = tmp_path_factory.mktemp("class")
    book = folder / "gradebook.csv"
    questions = ["hw6_q1", "hw6_q2", "hw6_q3", "hw6_q8"]
    rows = [["a.ipynb", "s01", "1", "1", "0", "2", "4", "5", "ok", "", ""],
            ["b.ipynb", "s02", "1", "0", "0", "1", "2", "5", "partial", "", ""],
            ["c.ipynb", "s03", "0", "1", "1", "", "2", "5", "partial", "edited a locked cell", ""],
            ["d.ipynb", "s04", "", "", "", "", "", "5", "not attempted", "", ""],
            ["e.ipynb", "", "", "", "", "", "", "", "error", "", "not a notebook"],
            ["f.ipynb", "s05", "1", "1", "1", "2", "5", "5", "ok", "", ""]]
    with open(book, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "student", *questions, "total", "max", "status", "flags", "message"])
        writer.writerows(rows)
    with open(folder / "gradebook_answers.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "student", "question", "status", "points", "answer"])
        writer.writerows([["b.ipynb", "s02", "hw6_q2", "wrong", "0", "1955"],
                          ["c.ipynb", "s03", "hw6_q1", "wrong", "0", "12"]])
    with open(folder / "gradebook_written.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "student", "question", "verdict", "text"])
        writer.writerows([["a.ipynb", "s01", "hw6_q8", "wrong", "NATO had 32 members in 2024, not 31."],
                          ["b.ipynb", "s02", "hw6_q8", "imprecise", "It was 31 for eleven months only."]])
    return book


def test_the_class_report_and_review_sheet_pass_axe(gradebook, chromium, tmp_path):
    from ircourse.homework import report, review

    pages = {"class report": report.write_report(gradebook, tmp_path / "report.html"),
             "review sheet": review.write_sheet(gradebook, tmp_path / "review.html")[0]}
    page = chromium.new_page(viewport={"width": 1366, "height": 768})
    problems = []
    for label, path in pages.items():
        page.goto(path.as_uri())
        page.wait_for_timeout(500)
        assert page.evaluate("document.documentElement.lang") == "en"
        violations = axe(page)
        print(f"\n{label}: {dict(summary(violations)) or 'no violations'}")
        problems += failures(label, violations)
    # On a phone too: the report's tables scroll in their own box, never the page.
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(pages["class report"].as_uri())
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    problems += failures("class report at 360 px", axe(page))
    page.close()
    assert not problems, "\n".join(problems)


def test_axe_catches_what_the_course_fixed(chromium, tmp_path):
    """The measure can fail: JupyterLab's own code colours and an unnamed slider are caught."""
    page = chromium.new_page()
    (tmp_path / "bad.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main>'
        '<pre style="background:#f5f5f5"><span style="color:#408080">note: a comment in code</span></pre>'
        '<p>Text and <a href="#x" style="color:#0d47a1;text-decoration:none">a link</a> in it.</p>'
        '<div role="slider" tabindex="0" aria-valuenow="3" aria-valuemin="0" aria-valuemax="9"></div>'
        "</main></body></html>", encoding="utf-8")
    page.goto((tmp_path / "bad.html").as_uri())
    found = {v["id"] for v in axe(page) if v["impact"] in FAILING}
    page.close()
    assert {"color-contrast", "aria-input-field-name"} <= found, found
