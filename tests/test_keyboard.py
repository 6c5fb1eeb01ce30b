"""Explorers by keyboard only, in the projector dashboard (Voila), and axe-core on a dashboard page.

For one explorer per chapter, the test opens the chapter with ``python -m ircourse.dashboard NN``
(the fixture of ``test_dashboard``), then uses nothing but the keyboard: it presses Tab from the top of
the page until the chapter's chosen control has the focus, and on the way checks every control of an
explorer it reaches:

* the control shows a visible focus indicator (a computed outline at least 2 px wide, or a box
  shadow), and
* it has an accessible name (Chromium's accessibility tree, read with Playwright's
  ``aria_snapshot``).

On the chosen control it presses the keys a student would (an arrow on a slider, a list or a drop-down,
Enter on a toggle button, Space on a checkbox) and waits until the chart's data changes and the
caption under it (the chart's ``layout.meta["summary"]``) says something new.

``test_jupyterlab_leaves_the_arrow_keys_to_the_explorer``: in JupyterLab the same keys must work
(the notebook's command-mode shortcuts, e.g. ArrowDown for "next cell", are matched on the focused
element before a control sees the key).

``test_no_serious_axe_violation_in_the_explorers`` runs axe-core (bundled by axe-playwright-python)
on the dashboard of a chapter whose explorer has every kind of control (drop-downs, sliders, number
fields) and fails on any serious or critical violation inside an explorer. Violations elsewhere on
the page (the Voila template, the chapter's text) are printed, not asserted: they belong to the pages.
"""

from __future__ import annotations

import re
import time

import pytest

from ircourse import dashboard

from .test_browser import PANEL, _delete_sessions, browser, lab, open_and_run_all  # noqa: F401 (fixtures)
from .test_dashboard import ALL_RENDERED, _expected_charts, voila_dashboard  # noqa: F401 (a fixture)
from .test_geometry import CHART_STATE_JS, screenshots_folder

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: For each chapter: how to recognise the control to operate once Tab has reached it (a JS predicate on
#: the focused element), the keys to press on it, what the control is (for the messages), and whether
#: the chart's summary must change too (ringing the article's events changes no number it gives).
PLANS = {
    "01": ("e => e.matches('.widget-toggle-buttons button:not(.mod-active)')", ["Enter"], "era toggle button", True),
    "02": ("e => e.getAttribute('role') === 'slider'", ["ArrowRight"], "year slider (Gapminder)", True),
    "03": ("e => e.getAttribute('role') === 'slider'", ["ArrowRight"], "years range slider", True),
    "04": ("e => e.matches('select[multiple]')", ["ArrowDown"], "organizations list", True),
    "05": ("e => e.matches('input[type=checkbox]')", ["Space"], "article checkbox", False),
    "06": ("e => e.getAttribute('role') === 'slider'", ["ArrowRight"], "year slider (bloc map)", True),
    "07": ("e => e.matches('select:not([multiple])')", ["ArrowDown"], "civilization drop-down", True),
    "08": ("e => e.getAttribute('role') === 'slider'", ["ArrowRight"], "rounds slider", True),
}

#: The focused element: inside an explorer? does it match the plan? its focus indicator, and how opaque
#: it is drawn (the product of its ancestors' opacities: 0 when a hidden tool bar holds it). It is
#: marked as seen (``data-keyboard-seen``).
FOCUSED_JS = """(match) => { const e = document.activeElement; if (!e || e === document.body) { return null; }
  const cs = getComputedStyle(e);
  let opacity = 1;
  for (let n = e; n && n.nodeType === 1; n = n.parentElement) { opacity *= parseFloat(getComputedStyle(n).opacity); }
  e.setAttribute('data-keyboard-seen', '1');
  const box = e.closest('.ircourse-explorer');
  return {explorer: !!box, box: box ? Array.from(document.querySelectorAll('.ircourse-explorer')).indexOf(box) : -1,
          target: (eval(match))(e), tag: e.tagName.toLowerCase(), classes: String(e.className || ''),
          text: (e.textContent || '').trim().slice(0, 40),
          outline: cs.outlineStyle === 'none' ? 0 : parseFloat(cs.outlineWidth) || 0,
          shadow: cs.boxShadow && cs.boxShadow !== 'none' ? cs.boxShadow : '',
          opacity, visible: cs.visibility === 'visible' && e.getClientRects().length > 0}; }"""

#: The controls of an explorer a keyboard must reach (shown, enabled, not taken out of the tab order)
#: that no Tab press focused.
MISSED_JS = """(index) => { const box = document.querySelectorAll('.ircourse-explorer')[index];
  const controls = 'select, input, textarea, button, a[href], [role="slider"], [contenteditable="true"], [tabindex]';
  return Array.from(box.querySelectorAll(controls))
    .filter(e => e.getClientRects().length > 0 && !e.disabled && e.tabIndex >= 0
                 && !e.hasAttribute('data-keyboard-seen'))
    .map(e => e.outerHTML.slice(0, 100)); }"""

#: The chart and caption of the explorer that holds the focus.
EXPLORER_STATE_JS = """(state) => { const box = document.activeElement.closest('.ircourse-explorer');
  const gd = box.querySelector('.js-plotly-plot'); const caption = box.querySelector('.ircourse-caption');
  return {chart: (eval(state))(gd), caption: caption ? caption.textContent : null}; }"""

#: Every explorer of the page has its caption and its enhanced chart (the page-side fixes ran).
ENHANCED_JS = """() => { const boxes = Array.from(document.querySelectorAll('.ircourse-explorer'));
  return boxes.length > 0 && boxes.every(b => b.querySelector('.ircourse-caption')
    && b.querySelector('.js-plotly-plot[role="figure"][aria-describedby]')
    && (b.querySelector('.ircourse-caption').textContent || '').length > 20); }"""

_NAME = re.compile(r'^- \'?[\w-]+ "((?:[^"\\]|\\.)+)"', re.MULTILINE)


def accessible_name(page) -> str:
    """Return the accessible name of the focused element, from Chromium's accessibility tree."""
    snapshot = page.locator(":focus").aria_snapshot()
    found = _NAME.search(snapshot)
    return found.group(1) if found else ""


def open_dashboard(page, url: str, chapter: str) -> None:
    """Open a chapter's dashboard and wait until its cells ran, its charts drew and its explorers are enhanced."""
    page.goto(url, timeout=120_000)
    page.wait_for_function(
        "() => { const el = document.getElementById('rendered_cells');"
        "        return el && el.style.display !== 'none'; }", timeout=180_000)
    expected = _expected_charts(dashboard.resolve(chapter))
    page.wait_for_function(f"(n) => ({ALL_RENDERED})() >= n", arg=expected, timeout=90_000)
    page.wait_for_function(ENHANCED_JS, timeout=60_000)


def check_focused(page, focused: dict) -> list[str]:
    """Return what is wrong with the focused explorer control: no visible focus indicator, no name."""
    what = f"{focused['tag']}.{focused['classes'][:40]} {focused['text']!r}"
    problems = []
    if (focused["outline"] < 2 and not focused["shadow"]) or focused["opacity"] < 0.5 or not focused["visible"]:
        problems.append(f"no visible focus indicator on {what} (outline {focused['outline']} px, "
                        f"shadow {focused['shadow'] or 'none'}, opacity {focused['opacity']:.2f})")
    if not accessible_name(page):
        problems.append(f"no accessible name on {what}: {page.locator(':focus').aria_snapshot()!r}")
    return problems


def tab_to_target(page, match: str, limit: int = 400) -> tuple[dict, list[str]]:
    """Press Tab from the top of the page until the focused element matches; check every explorer control met.

    Returns the focused element's description and the problems found (no visible focus, no name).
    """
    problems: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS, match)
        if not focused or not focused["explorer"]:
            continue
        problems += check_focused(page, focused)
        if focused["target"]:
            return focused, problems
    pytest.fail(f"{limit} presses of Tab never reached the control ({match}); problems on the way: {problems}")


def tab_out_of(page, box: int, limit: int = 100) -> list[str]:
    """Press Tab until the focus leaves explorer ``box``, checking each control; return the problems."""
    problems: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS, "e => false")
        if not focused or focused["box"] != box:
            return problems
        problems += check_focused(page, focused)
    return problems + [f"{limit} presses of Tab did not leave the explorer"]


@pytest.mark.parametrize("voila_dashboard", sorted(PLANS), indirect=True)
def test_an_explorer_works_by_keyboard_alone(voila_dashboard, browser, tmp_path):  # noqa: F811
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    chapter, url = voila_dashboard
    match, keys, what, summary_changes = PLANS[chapter]
    shots = screenshots_folder(tmp_path)
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    start = time.monotonic()
    open_dashboard(page, url, chapter)

    focused, problems = tab_to_target(page, match)
    assert not problems, "\n".join(problems)
    name = accessible_name(page)
    before = page.evaluate(EXPLORER_STATE_JS, CHART_STATE_JS)
    assert before["caption"], "the explorer shows no summary under its chart"
    page.evaluate("() => document.activeElement.setAttribute('data-keyboard-test', 'pressed')")
    for key in keys:
        page.keyboard.press(key)
    try:
        page.wait_for_function(
            f"([before, state, caption]) => {{ const now = ({EXPLORER_STATE_JS})(state);"
            "  return now.chart !== before.chart && (!caption || now.caption !== before.caption); }",
            arg=[before, CHART_STATE_JS, summary_changes], timeout=30_000)
    except PlaywrightTimeout:
        page.screenshot(path=str(shots / f"keyboard_{chapter}_no_change.png"))
        now = page.evaluate(EXPLORER_STATE_JS, CHART_STATE_JS)
        changed = [part for part in ("chart", "caption") if now[part] != before[part]] or ["nothing"]
        pytest.fail(f"chapter {chapter}: {'+'.join(keys)} on the {what} ({name!r}) changed only "
                    f"{' and '.join(changed)} (page errors: {errors[:3]})")
    after = page.evaluate(EXPLORER_STATE_JS, CHART_STATE_JS)
    # The focus stayed on the control: the student can press the key again.
    assert page.evaluate("() => document.activeElement.getAttribute('data-keyboard-test') === 'pressed'"), \
        "the focus left the control after the key press"
    page.screenshot(path=str(shots / f"keyboard_{chapter}.png"))
    # The rest of the explorer, up to the next thing on the page: every control reached, each visible and named.
    problems = tab_out_of(page, focused["box"])
    assert not problems, "\n".join(problems)
    missed = page.evaluate(MISSED_JS, focused["box"])
    assert not missed, f"controls Tab never reached: {missed}"
    assert not [e for e in errors if "widget" in e.lower() or "plotly" in e.lower()], errors
    print(f"chapter {chapter}: {'+'.join(keys)} on {what} {name!r}: summary now {after['caption']!r} "
          f"({time.monotonic() - start:.1f} s)")
    page.close()


#: Chapter 8's explorer has drop-downs, sliders, number fields and a label; chapter 3's a list, toggle
#: buttons, a checkbox and a range slider.
AXE_CHAPTERS = ["08", "03"]


@pytest.mark.parametrize("voila_dashboard", AXE_CHAPTERS, indirect=True)
def test_no_serious_axe_violation_in_the_explorers(voila_dashboard, browser):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    chapter, url = voila_dashboard
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    open_dashboard(page, url, chapter)
    results = Axe().run(page).response
    assert results["testEngine"]["name"] == "axe-core" and results["passes"] is not None
    inside, elsewhere = [], []
    for violation in results["violations"]:
        for node in violation["nodes"]:
            in_explorer = page.evaluate(
                "(sel) => { const e = document.querySelector(sel);"
                " return !!(e && e.closest('.ircourse-explorer')); }",
                node["target"][0] if isinstance(node["target"][0], str) else "")
            entry = f"{violation['id']} [{violation['impact']}] {node['html'][:120]}"
            (inside if in_explorer else elsewhere).append((violation["impact"], entry))
    print(f"chapter {chapter}: axe-core {results['testEngine']['version']}; outside the explorers: "
          + "; ".join(sorted({e.split(' <')[0] for _, e in elsewhere})))
    serious = [entry for impact, entry in inside if impact in ("serious", "critical")]
    assert not serious, "\n".join(serious)
    page.close()


def test_jupyterlab_leaves_the_arrow_keys_to_the_explorer(lab, browser):  # noqa: F811
    """ArrowDown on an explorer's list changes the chart; the notebook does not move to the next cell."""
    base, token = lab
    _delete_sessions(base, token)
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    open_and_run_all(page, base, token, f"notebooks/{dashboard.resolve('04').name}")
    page.wait_for_function(ENHANCED_JS, timeout=60_000)
    active = f"""() => {{ const c = document.querySelector('{PANEL} .jp-Cell.jp-mod-active');
      return Array.from(c.parentElement.children).indexOf(c); }}"""
    page.locator(f"{PANEL} .ircourse-explorer select[multiple]").first.focus()  # where Tab would bring it
    cell = page.evaluate(active)
    before = page.evaluate(EXPLORER_STATE_JS, CHART_STATE_JS)
    page.keyboard.press("ArrowDown")
    page.wait_for_function(
        f"([before, state]) => {{ const box = document.activeElement.closest('.ircourse-explorer');"
        f"  return box && ({EXPLORER_STATE_JS})(state).caption !== before.caption; }}",
        arg=[before, CHART_STATE_JS], timeout=30_000)
    after = page.evaluate(EXPLORER_STATE_JS, CHART_STATE_JS)
    assert after["chart"] != before["chart"]
    assert page.evaluate(active) == cell, "ArrowDown moved the notebook to another cell"
    assert page.evaluate("() => document.activeElement.matches('select[multiple]')")
    page.close()
    _delete_sessions(base, token)
