"""What the class sees: the geometry of every course chart, measured in a real browser.

:data:`GEOMETRY_JS` reads, for every plotly chart on a page, the boxes plotly drew
(``getBoundingClientRect()`` of the legend, title, subtitle, annotations, axis titles, source line, tick
labels and marker labels) and reports what a student would see as a defect: pieces overlapping each
other, text or markers cut by an edge, a category axis that drops labels. :func:`chart_problems`
adds the rules on the whole chart: as wide as its output area (at least 95%, never wider), at most one
screen tall unless marked as a scrolling timeline, no empty band under the header, never an empty
plot. ``test_browser`` and ``test_dashboard`` apply the same checks in JupyterLab, on the offline site
and in Voila.

This module's own browser test draws every figure the course's functions and explorers make, from
the datasets, on a bare page with plotly.js, at the output width of JupyterLab at 1366 x 768 (934 px)
and at 125% zoom (660 px). The other tests are plain unit tests of the frame (:mod:`ircourse.figures.common`).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import plotly.express as px
import plotly.io as pio
import pytest

import ircourse as irc
from ircourse.figures import common
from ircourse.theme import SCREEN_HEIGHT

from .conftest import CHROMIUM, CHROMIUM_ARGS

#: Output width of a chart in JupyterLab at 1366 x 768 (file browser closed), and at 125% zoom.
WIDTHS = {"1366": 934, "125%": 660}
#: Largest empty band between the header (title, subtitle, legend) and the plot area, in pixels.
MAX_BAND = 30

GEOMETRY_JS = r"""(root) => {
  const TOL = 1.5;
  const box = (el) => { const r = el.getBoundingClientRect(); return {x: r.left, y: r.top, r: r.right, b: r.bottom, w: r.width, h: r.height}; };
  const inter = (a, b) => Math.max(0, Math.min(a.r, b.r) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.b, b.b) - Math.max(a.y, b.y));
  const inside = (a, c, tol) => a.x >= c.x - tol && a.r <= c.r + tol && a.y >= c.y - tol && a.b <= c.b + tol;
  const text = (el) => (el.textContent || '').trim().slice(0, 60);
  // Text boxes include the line gap above and below the glyphs: two lines of text collide when
  // their boxes share more than 2 px both ways.
  const overlapsText = (a, b) => Math.min(a.r, b.r) - Math.max(a.x, b.x) > 2 && Math.min(a.b, b.b) - Math.max(a.y, b.y) > 2;
  const out = [];
  const scope = root ? document.querySelector(root) : document;
  if (!scope) { return out; }
  scope.querySelectorAll('.js-plotly-plot').forEach((gd, index) => {
    const svg = gd.querySelector('.svg-container');
    if (!svg || !gd._fullLayout) { return; }
    const fig = box(svg);
    const holder = gd.closest('.jp-OutputArea-output') || gd.closest('.ir-chart') || gd.parentElement;
    const layout = gd.layout || {};
    const meta = layout.meta || {};
    const items = [];
    const add = (kind, el, label) => { const b = box(el); if (b.w > 0.5 && b.h > 0.5) { items.push({kind, label: label || text(el), ...b}); } };
    gd.querySelectorAll('.infolayer g[class^="legend"]').forEach((g) => {
      const bg = g.querySelector(':scope > rect.bg'); if (bg) { add('legend', bg, 'legend'); } });
    gd.querySelectorAll('.infolayer text.gtitle').forEach((el) => add('title', el));
    gd.querySelectorAll('.infolayer text.gtitle-subtitle').forEach((el) => add('subtitle', el));
    gd.querySelectorAll('.infolayer text[class$="title"]:not(.gtitle):not(.gtitle-subtitle)').forEach((el) => add('axis title', el));
    const annotations = gd._fullLayout.annotations || [];
    gd.querySelectorAll('.annotation').forEach((g) => {
      const a = annotations[+g.getAttribute('data-index')] || {};
      add(a.name === 'source' ? 'source' : 'annotation', g.querySelector('.annotation-text-g') || g, text(g));
    });
    const problems = [];
    for (let i = 0; i < items.length; i++) {
      if (!inside(items[i], fig, TOL)) { problems.push(`cut by the chart's edge: ${items[i].kind} "${items[i].label}"`); }
      for (let j = i + 1; j < items.length; j++) {
        const o = inter(items[i], items[j]);
        if (o > 4) { problems.push(`overlap: ${items[i].kind} "${items[i].label}" and ${items[j].kind} "${items[j].label}" (${Math.round(o)} px²)`); }
      }
    }
    const labels = [];
    gd.querySelectorAll('.xaxislayer-above text, .yaxislayer-above text, .textpoint text, text.bartext').forEach((el) => {
      const b = box(el);
      if (b.w <= 0.5) { return; }
      if (!inside(b, fig, TOL)) { problems.push(`cut by the chart's edge: text "${text(el)}"`); }
      labels.push({...b, label: text(el)});
    });
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        if (overlapsText(labels[i], labels[j])) { problems.push(`overlap: text "${labels[i].label}" and text "${labels[j].label}"`); }
      }
      for (const it of items) {
        if (overlapsText(labels[i], it)) { problems.push(`overlap: text "${labels[i].label}" and ${it.kind} "${it.label}"`); }
      }
    }
    Object.keys(gd._fullLayout).filter((k) => /^[xy]axis\d*$/.test(k)).forEach((k) => {
      const ax = gd._fullLayout[k];
      if (ax.type !== 'category' || !ax._categories || ax.showticklabels === false || !ax.visible) { return; }
      const lo = Math.min(...ax.range), hi = Math.max(...ax.range);
      const expected = ax._categories.filter((c, i) => i >= lo && i <= hi).length;
      const drawn = gd.querySelectorAll(`.${ax._id}tick text`).length;
      if (drawn < expected) { problems.push(`${k}: ${drawn} of ${expected} category labels drawn`); }
    });
    const plots = Array.from(gd.querySelectorAll('.draglayer .nsewdrag')).map(box);
    gd.querySelectorAll('.scatterlayer g.trace').forEach((tg) => {
      const cd = tg.__data__; const trace = cd && cd[0] && cd[0].trace;
      if (!trace || trace.cliponaxis === false || trace.visible !== true) { return; }
      tg.querySelectorAll('path.point').forEach((p) => {
        const b = box(p); if (b.w < 0.5) { return; }
        const cx = (b.x + b.r) / 2, cy = (b.y + b.b) / 2;
        const plot = plots.find((q) => cx >= q.x && cx <= q.r && cy >= q.y && cy <= q.b);
        if (plot && !inside(b, plot, TOL)) { problems.push(`marker cut by the plot's edge: "${trace.name}" at (${Math.round(cx - plot.x)}, ${Math.round(cy - plot.y)})`); }
      });
    });
    const top = plots.length ? Math.min(...plots.map((q) => q.y)) : (gd.querySelector('.map, .mapboxgl-map, .maplibregl-map') ? box(gd.querySelector('.map, .mapboxgl-map, .maplibregl-map')).y : fig.y);
    const header = items.filter((it) => it.b <= top + TOL && ['title', 'subtitle', 'legend', 'annotation'].includes(it.kind));
    const headerBottom = header.length ? Math.max(...header.map((it) => it.b)) : fig.y;
    const shown = (gd.data || []).filter((t) => t.visible === undefined || t.visible === true);
    const size = (v) => (v ? (v.length || (v.bdata ? v.bdata.length : 0) || 0) : 0);
    out.push({
      index, title: ((layout.title && layout.title.text) || '').replace(/<br>/g, ' ').slice(0, 70),
      width: fig.w, height: fig.h, area: box(holder).w, band: top - headerBottom, scroll: !!meta.scroll, problems,
      traces: (gd.data || []).length,
      empty: !shown.some((t) => ['x', 'y', 'z', 'locations'].some((k) => size(t[k]) > 0)),
    });
  });
  return out;
}"""

#: The data a control can change: traces, axis types and ranges, the title (a scale toggle changes
#: only the axis; a year toggle may change only the title). JSON, per chart, for ``page.evaluate``.
CHART_STATE_JS = """(gd) => JSON.stringify([(gd.data || []).map(t => [t.x, t.y, t.z, t.locations, t.visible]),
  ((gd.layout || {}).title || {}).text,
  Object.keys(gd.layout || {}).filter(k => /^[xy]axis/.test(k)).map(k => [gd.layout[k].type, gd.layout[k].range])])"""


#: Where every chart under ``root`` stands: ``null`` while a chart is not drawn at the width of its box
#: (plotly redraws a resized chart late), else the positions of its pieces, as a string.
SETTLED_JS = """(root) => { const charts = Array.from((root ? document.querySelector(root) : document)
    .querySelectorAll('.js-plotly-plot'));
  const parts = [];
  for (const gd of charts) {
    const svg = gd.querySelector('.main-svg');
    if (!svg) { continue; }
    if (Math.abs(+svg.getAttribute('width') - gd.clientWidth) > 1) { return null; }
    for (const el of gd.querySelectorAll('.gtitle, .legend, .annotation, [class$="title"], .xtick, .ytick')) {
      const r = el.getBoundingClientRect(); parts.push([r.left, r.top, r.width, r.height].map(Math.round).join(','));
    }
  }
  return parts.join(';'); }"""


def wait_until_settled(page, root: str, timeout: float = 30_000) -> None:
    """Wait until every chart under ``root`` is drawn at the width of its box and stays still for 0.6 s."""
    deadline = time.monotonic() + timeout / 1000
    last, still = None, 0
    while time.monotonic() < deadline:
        now = page.evaluate(SETTLED_JS, root)
        still = still + 1 if now is not None and now == last else 0
        if still >= 3:
            return
        last = now
        page.wait_for_timeout(200)
    raise TimeoutError(f"the charts under {root!r} did not settle within {timeout / 1000:.0f} s")


def chart_problems(result: dict, min_ratio: float = 0.95) -> list[str]:
    """Return what is wrong with one chart measured by :data:`GEOMETRY_JS` (empty list: nothing)."""
    problems = list(result["problems"])
    width, area = result["width"], result["area"]
    if width < min_ratio * area - 0.5 or width > area + 1:
        problems.append(f"{width:.0f} px wide in an output area of {area:.0f} px")
    if result["height"] > SCREEN_HEIGHT + 0.5 and not result["scroll"]:
        problems.append(f"{result['height']:.0f} px tall: more than one screen ({SCREEN_HEIGHT} px) "
                        "and not marked as a scrolling timeline")
    if result["band"] > MAX_BAND:
        problems.append(f"an empty band of {result['band']:.0f} px under the title")
    if result["empty"]:
        problems.append("an empty plot")
    return [f"chart {result['index']} ({result['title'] or 'no title'}): {p}" for p in problems]


def screenshots_folder(tmp_path: Path) -> Path:
    """Return the folder for screenshots: ``IRCOURSE_SCREENSHOTS`` or pytest's temporary folder."""
    folder = Path(os.environ.get("IRCOURSE_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# ---------------------------------------------------------------- unit tests of the frame (no browser)

def test_wrap_keeps_tags_and_balances_lines():
    text = "The Versailles order and its collapse, 1919–1939: 31 events"
    wrapped = common.wrap(text, common.TITLE_CHARS)
    lines = wrapped.split("<br>")
    assert len(lines) == 2 and " ".join(lines) == text
    assert max(len(x) for x in lines) - min(len(x) for x in lines) <= 6      # no lone last word
    assert common.wrap("<b>Treaty of Versailles</b> signed", 12).split("<br>")[0].count("<b>") == 1
    assert common.wrap("a<br>b", 10) == "a<br>b"
    assert all(common.visible_length(x) <= 20 for x in common.wrap("word " * 30, 20).split("<br>"))


def test_split_title_makes_the_detail_a_subtitle():
    assert common.split_title("Main<br><sup>detail here</sup>") == ("Main", "detail here")
    assert common.split_title("Only a title") == ("Only a title", "")


def test_header_puts_the_legend_under_the_title_and_subtitle():
    one = common.header("Short title", 600)
    two = common.header("A title long enough to need a second line when it is wrapped", 600,
                        subtitle="and a subtitle")
    assert one["title"]["yref"] == "container" and one["legend"]["yref"] == "container"
    assert one["legend"]["yanchor"] == "top" and one["legend"]["orientation"] == "h"
    # A taller header moves the legend and the plot further down.
    assert two["legend"]["y"] < one["legend"]["y"] and two["margin"]["t"] > one["margin"]["t"]
    assert two["title"]["subtitle"]["text"] == "and a subtitle"
    assert common.header("Short title", 600, legend=False).keys() == {"title", "margin"}


def test_footer_moves_the_source_below_two_line_tick_labels():
    one, two = common.footer("X", tick_lines=1), common.footer("X", tick_lines=2)
    assert one["annotation"]["name"] == "source" and one["annotation"]["text"] == "Source: X"
    assert two["annotation"]["yshift"] < one["annotation"]["yshift"] and two["margin_b"] > one["margin_b"]
    assert one["annotation"]["xanchor"] == "right"          # never pushed off by wide row labels


def test_year_axis_title_names_the_eras_only_across_year_zero():
    assert common.year_axis_title(-2600, 2023) == irc.i18n.t("axis.year")
    assert "BCE" not in common.year_axis_title(1816, 2016)
    assert "BCE" not in common.year_axis_title(1945, 2023)
    cinc = irc.figures.power_shares(irc.load("cinc_major_powers"))
    nuclear = irc.figures.nuclear_stockpiles(irc.load("nuclear_stockpiles"))
    wars = irc.figures.war_frequency(irc.conflicts.count_started(irc.load("wars_long_run")), log_y=True)
    assert "BCE" not in cinc.layout.xaxis.title.text and "BCE" not in nuclear.layout.xaxis.title.text
    assert "BCE" in wars.layout.xaxis.title.text


def test_fit_rows_and_the_scrolling_mark():
    assert common.fit_rows(10, 200, 30, 16) == (500, False)
    height, scroll = common.fit_rows(60, 200, 30, 16)
    assert height == 200 + 60 * 16 and scroll
    fig = irc.figures.alliance_growth(irc.load("alliance_size"))
    assert not common.is_scrolling(fig.layout)
    assert common.is_scrolling(common.mark_scrolling(fig).layout)
    assert fig.layout.height <= SCREEN_HEIGHT


def test_tall_timelines_fit_one_screen():
    thought = irc.figures.ir_timeline(irc.load("ir_thought_timeline"))
    interwar = irc.figures.interwar_timeline(irc.load("interwar_events"))
    nato, warsaw = irc.load("nato_members"), irc.load("warsaw_pact_members")
    heat = irc.figures.membership_timeline(nato, warsaw)
    for fig in (thought, interwar, heat):
        assert fig.layout.height <= SCREEN_HEIGHT and not common.is_scrolling(fig.layout)
    assert heat.layout.yaxis.tickfont.size >= 13


def test_stacked_areas_are_filled_at_full_strength():
    fig = irc.figures.power_shares(irc.load("cinc_major_powers"))
    for trace in fig.data:
        assert trace.fillcolor == trace.line.color and trace.fillcolor.startswith("#")


def test_no_two_series_of_a_chart_share_a_colour():
    events = irc.load("wars_long_run")
    figs = [irc.figures.war_frequency(irc.conflicts.count_started(events)),
            irc.figures.nuclear_stockpiles(irc.load("nuclear_stockpiles")),
            irc.figures.power_shares(irc.load("cinc_major_powers"))]
    for fig in figs:
        colours = [trace.line.color for trace in fig.data if trace.showlegend is not False]
        assert len(colours) == len(set(colours)), fig.layout.title.text
    peace = irc.figures.peace_bars(irc.conflicts.peace_years(events))
    assert len(set(peace.data[0].marker.color)) == len(peace.data[0].marker.color)


def test_thought_legend_keys_do_not_depend_on_the_era():
    from ircourse.widgets.thought import ThoughtTimelineExplorer

    explorer = ThoughtTimelineExplorer(irc.load("ir_thought_timeline"), era="antiquity")
    keys = lambda: [(tr.name, tr.marker.symbol) for tr in explorer.figure.data if tr.showlegend is not False]  # noqa: E731
    before = keys()
    explorer.controls["era"].value = "1900"
    assert keys() == before and all(symbol == "circle" for _, symbol in before) and len(before) == 3


# ---------------------------------------------------------------- every course figure in a browser

def course_figures() -> list[tuple[str, dict]]:
    """Return ``(name, figure dict)`` for every chart the course functions make, and each explorer state.

    Every explorer control is set to another value once, in turn, and the chart recorded after each.
    """
    import ipywidgets as W

    from ircourse import widgets
    from ircourse.conflicts import count_started, peace_years
    from ircourse.cooperation import play
    from ircourse.figures import civilizations as civ
    from ircourse.figures import organizations as orgs_fig

    f = irc.figures
    load = irc.load
    gap = px.data.gapminder()
    events, lending = load("wars_long_run"), load("chinese_lending")
    orgs = load("organizations")
    series = orgs_fig.membership_series(load("un_membership"), load("asean_members"),
                                        load("arab_league_members"), orgs)
    cow = orgs_fig.cow_series(load("igo_membership_counts"), series)
    coded = civ.code_dyads(load("interstate_war_dyads"), load("civilizations"))
    figs = {
        "alliance_growth": f.alliance_growth(load("alliance_size")),
        "ir_timeline": f.ir_timeline(load("ir_thought_timeline")),
        "trade_since_1800": f.trade_since_1800(load("world_trade")),
        "gdp_by_continent": f.gdp_by_continent(gap),
        "gapminder_bubbles": f.gapminder_bubbles(gap, 2007),
        "chinese_lending_by_region": f.chinese_lending_by_region(lending),
        "top_recipients": f.top_recipients(lending, n=15),
        "africa_loans_by_year": f.africa_loans_by_year(load("chinese_loans_africa")),
        "war_frequency": f.war_frequency(count_started(events, width=100), width=100, log_y=True),
        "peace_bars": f.peace_bars(peace_years(events)),
        "founding_timeline": f.founding_timeline(orgs),
        "membership_growth": f.membership_growth(series, cow=cow),
        "interwar_timeline": f.interwar_timeline(load("interwar_events")),
        "membership_timeline": f.membership_timeline(load("nato_members"), load("warsaw_pact_members")),
        "power_shares": f.power_shares(load("cinc_major_powers")),
        "power_concentration": f.power_concentration(load("power_concentration")),
        "cross_civilization_share": f.cross_civilization_share(civ.shares_by_period(coded, 10, "dyads")),
        "civilization_pairs": f.civilization_pairs(coded, split_year=1990),
        "nuclear_stockpiles": f.nuclear_stockpiles(load("nuclear_stockpiles")),
        "cumulative_payoffs": f.cumulative_payoffs(play("tit_for_tat", "always_defect", rounds=100),
                                                   "tit_for_tat", "always_defect"),
    }
    def plain(fig) -> dict:
        return json.loads(pio.to_json(fig, validate=False))

    out = [(name, plain(fig)) for name, fig in figs.items()]
    explorers = {
        "ThoughtTimelineExplorer": widgets.ThoughtTimelineExplorer(load("ir_thought_timeline"), era="1900"),
        "GapminderExplorer": widgets.GapminderExplorer(gap, year=1952),
        "LendingExplorer": widgets.LendingExplorer(lending),
        "WarExplorer": widgets.WarExplorer(events, width=100, log_y=True),
        "MembershipExplorer": widgets.MembershipExplorer(series, cow=cow),
        "InterwarExplorer": widgets.InterwarExplorer(load("interwar_events")),
        "CivilizationWarExplorer": widgets.CivilizationWarExplorer(load("interstate_war_dyads"),
                                                                   load("civilizations")),
        "PrisonersDilemmaExplorer": widgets.PrisonersDilemmaExplorer("tit_for_tat", "always_defect", rounds=100),
    }
    for name, explorer in explorers.items():
        controls = dict(getattr(explorer, "controls", {}))
        if hasattr(explorer, "slider"):
            controls["slider"] = explorer.slider
        out.append((f"{name} (first view)", plain(explorer.figure)))
        for key, control in controls.items():
            options = [o[1] if isinstance(o, tuple) else o for o in getattr(control, "options", ())]
            if isinstance(control, W.SelectMultiple):
                control.value = tuple(options[:1])
            elif options:
                control.value = [o for o in options if o != control.value][-1]
            elif isinstance(control, W.Checkbox):
                control.value = not control.value
            elif isinstance(control, W.IntRangeSlider):
                control.value = (control.min + (control.max - control.min) // 3, control.max)
            else:
                control.value = control.max if control.value != control.max else control.min
            out.append((f"{name} ({key} = {control.value!r})", plain(explorer.figure)))
    return out


@pytest.fixture(scope="module")
def bare_page(tmp_path_factory):
    """A page in Chromium with plotly.js and nothing else (a chart fills a box of a set width)."""
    from playwright.sync_api import sync_playwright

    from ircourse.publish import plotly_js_path

    folder = tmp_path_factory.mktemp("bare")
    (folder / "plotly.min.js").write_bytes(plotly_js_path().read_bytes())
    page_file = folder / "page.html"
    page_file.write_text('<!DOCTYPE html><html><head><meta charset="utf-8"><script src="plotly.min.js"></script>'
                         '</head><body style="margin:0"><div id="host"></div></body></html>', encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(page_file.as_uri())
        yield page
        browser.close()


DRAW_JS = """([width, data, layout]) => { const host = document.getElementById('host'); host.innerHTML = '';
  const box = document.createElement('div'); box.className = 'ir-chart'; box.style.width = width + 'px';
  host.appendChild(box); const gd = document.createElement('div'); box.appendChild(gd);
  return Plotly.newPlot(gd, data, layout, {responsive: true}).then(() => true); }"""


@pytest.mark.browser
@pytest.mark.slow
def test_every_course_figure_is_laid_out_cleanly(bare_page, tmp_path):
    """Every chart and every explorer state at both widths: no overlap, nothing cut, fits a screen."""
    shots = screenshots_folder(tmp_path) / "figures"
    shots.mkdir(exist_ok=True)
    failures = []
    for name, fig in course_figures():
        layout = dict(fig.get("layout") or {})
        layout.pop("width", None)
        for view, width in WIDTHS.items():
            bare_page.evaluate(DRAW_JS, [width, fig.get("data", []), layout])
            results = bare_page.evaluate(GEOMETRY_JS, "#host")
            assert len(results) == 1, name
            problems = chart_problems(results[0])
            if problems:
                slug = "".join(c if c.isalnum() else "_" for c in name)[:60]
                bare_page.locator(".ir-chart").screenshot(path=str(shots / f"{slug}_{view}.png"))
                failures += [f"{name} at {view} ({width} px): {p}" for p in problems]
    assert not failures, "\n".join(failures)


@pytest.mark.browser
def test_the_checks_catch_what_the_class_saw(bare_page):
    """The geometry checks fail on the defects of the issue (a test that cannot fail proves nothing)."""
    fig = irc.figures.power_shares(irc.load("cinc_major_powers")).to_plotly_json()
    # Before the fix: the legend anchored on the plot's top edge, the title above it, 660 px wide.
    broken = dict(fig["layout"], legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, xref="paper",
                                             yref="paper"), margin=dict(t=80))
    bare_page.evaluate(DRAW_JS, [660, fig["data"], broken])
    problems = chart_problems(bare_page.evaluate(GEOMETRY_JS, "#host")[0])
    assert any("overlap: legend" in p and "title" in p for p in problems), problems
    # A chart drawn at 700 px in a 934 px output area, and a 900 px tall one.
    tall = dict(fig["layout"], height=900, width=700)
    bare_page.evaluate(DRAW_JS, [934, fig["data"], tall])
    problems = chart_problems(bare_page.evaluate(GEOMETRY_JS, "#host")[0])
    assert any("700 px wide in an output area of 934 px" in p for p in problems), problems
    assert any("more than one screen" in p for p in problems), problems
    # ... unless the chart is marked as a scrolling timeline.
    marked = dict(tall, meta={"scroll": True})
    bare_page.evaluate(DRAW_JS, [934, fig["data"], marked])
    assert not any("more than one screen" in p for p in chart_problems(bare_page.evaluate(GEOMETRY_JS, "#host")[0]))
    # A marker on the plot's edge; a cut tick label.
    edge = {"data": [{"type": "scatter", "x": [0, 1], "y": [0, 1], "mode": "markers", "marker": {"size": 14}}],
            "layout": {"xaxis": {"range": [0, 1]}, "yaxis": {"range": [0, 1]}, "height": 300,
                       "margin": {"l": 0}}}
    bare_page.evaluate(DRAW_JS, [500, edge["data"], edge["layout"]])
    problems = chart_problems(bare_page.evaluate(GEOMETRY_JS, "#host")[0])
    assert any("marker cut" in p for p in problems) and any("cut by the chart's edge: text" in p for p in problems)



def test_charts_shown_by_a_notebook_follow_the_window():
    """A chart's saved config asks plotly to follow the window (Voila does not resize it itself)."""
    import plotly.graph_objects as go

    bundle = pio.renderers["plotly_mimetype"].to_mimebundle(go.Figure().to_dict())
    assert bundle["application/vnd.plotly.v1+json"]["config"]["responsive"] is True
    from ircourse.widgets.figure import CourseFigure

    assert CourseFigure()._config["responsive"] is True


def test_peace_bars_label_every_bar_even_an_empty_one():
    events = irc.load("wars_long_run")
    peace = irc.conflicts.peace_years(events)
    fig = irc.figures.peace_bars(peace)
    bars = fig.data[0]
    assert len(bars.text) == len(peace) and all(f"{n:,} years" in text for text, n in zip(bars.text, peace["years"]))
    zero = [i for i, share in enumerate(peace["peace_share"]) if share == 0]
    assert zero and all(bars.textposition[i] == "outside" for i in zero)   # "0 of 601 years" is drawn
