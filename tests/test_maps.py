"""Offline world maps (``ircourse.maps``): shapes, figure structure, and a real render with no network.

The browser test serves the figure's HTML from a loopback HTTP server (as Jupyter, Voila and Binder
serve notebooks) and opens it in headless Chromium with every other request aborted. It does not use
a ``file://`` URL on purpose: MapLibre (plotly.js >= 3) parses its sources in a module web worker
made from a ``blob:`` URL, which Chromium refuses to start in a ``file://`` page (opaque origin), so
a map HTML opened from disk stays blank in Chromium unless it runs with
``--allow-file-access-from-files``.

Run: ``pytest tests/test_maps.py`` (unit tests) and ``pytest tests/test_maps.py -m browser``.
Set ``IRCOURSE_MAP_SCREENSHOT=/tmp/map_1960.png`` to keep the screenshot of the browser test.
"""

from __future__ import annotations

import base64
import functools
import http.server
import itertools
import json
import math
import os
import re
import shutil
import threading
import time
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from ircourse import maps
from ircourse.maps import (
    BLOC_CODES,
    BLOCS,
    MAP_CONFIG,
    NO_BLOC_COLOR,
    bloc_codes,
    bloc_locations,
    bloc_map_figure,
    country_names,
    country_shapes,
    update_bloc_map,
)

from .conftest import CHROMIUM, CHROMIUM_ARGS
from ircourse.theme import ACTOR_COLORS

NATO_2024 = ["ALB", "BEL", "BGR", "CAN", "HRV", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "ISL",
             "ITA", "LVA", "LTU", "LUX", "MNE", "NLD", "MKD", "NOR", "POL", "PRT", "ROU", "SVK", "SVN", "ESP",
             "SWE", "TUR", "GBR", "USA"]
NATO_1960 = ["BEL", "CAN", "DNK", "FRA", "GBR", "GRC", "ISL", "ITA", "LUX", "NLD", "NOR", "PRT", "TUR", "USA"]
WARSAW_1960 = ["ALB", "BGR", "CZE", "SVK", "HUN", "POL", "ROU", "RUS", "UKR", "BLR", "EST", "LVA", "LTU",
               "MDA", "GEO", "ARM", "AZE", "KAZ", "UZB", "TKM", "KGZ", "TJK"]


def hand_made_blocs() -> pd.DataFrame:
    """1960 (Germany divided) and 2024 (32 NATO members, Greenland drawn with Denmark)."""
    rows = [(1960, c, "NATO") for c in NATO_1960 + ["GRL"]]
    rows += [(1960, c, "Warsaw Pact") for c in WARSAW_1960]
    rows += [(1960, "DEU", "Divided Germany")]
    rows += [(2024, c, "NATO") for c in NATO_2024 + ["GRL"]]
    return pd.DataFrame(rows, columns=["year", "iso3", "bloc"])


def color_of(code: int, fig: go.Figure) -> str:
    """The colour the stepped colour scale of trace 0 gives to bloc code ``code``."""
    tr = fig.data[0]
    pos = (code - tr.zmin) / (tr.zmax - tr.zmin)
    for (lo, c_lo), (hi, c_hi) in zip(tr.colorscale[:-1], tr.colorscale[1:]):
        if lo <= pos <= hi and c_lo == c_hi:
            return c_lo
    raise AssertionError(f"no flat step of the colour scale at {pos}")


# --- shapes -------------------------------------------------------------------------------------------


def test_shapes_file_is_small_and_well_formed():
    assert maps.SHAPES_FILE.stat().st_size < 250_000
    shapes = country_shapes()
    assert shapes["type"] == "FeatureCollection"
    ids = [f["id"] for f in shapes["features"]]
    assert len(ids) == len(set(ids)) == 176
    assert all(re.fullmatch(r"[A-Z]{3}", i) for i in ids)
    assert "ATA" not in ids  # Antarctica dropped
    assert {"XKX", "XNC", "XSL"} <= set(ids)  # made-up codes, drawn as background only
    assert set(NATO_2024 + WARSAW_1960 + ["GRL", "DEU"]) <= set(ids)
    for f in shapes["features"]:
        assert f["geometry"]["type"] in {"Polygon", "MultiPolygon"}
        assert f["properties"]["name"]


def test_shapes_are_rounded_closed_and_unwrapped():
    for f in country_shapes()["features"]:
        g = f["geometry"]
        polygons = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        for polygon in polygons:
            for ring in polygon:
                assert ring[0] == ring[-1] and len(ring) >= 4, f["id"]
                for lon, lat in ring:
                    assert round(lon, 1) == lon and round(lat, 1) == lat
                    assert -85 < lat < 85
                # no jump across the map: a ring crossing 180 goes on past it (Russia, Fiji)
                assert all(abs(a[0] - b[0]) < 180 for a, b in itertools.pairwise(ring)), f["id"]


def test_shapes_are_cached():
    assert country_shapes() is country_shapes()
    assert country_names()["DEU"] == "Germany"
    assert country_names()["MKD"] == "North Macedonia"


# --- bloc locations -----------------------------------------------------------------------------------


def test_bloc_locations_1960():
    locs = bloc_locations(hand_made_blocs(), 1960)
    assert list(locs) == list(BLOCS)
    assert locs["Divided Germany"] == ["DEU"]
    assert "POL" in locs["Warsaw Pact"] and "RUS" in locs["Warsaw Pact"]
    assert "USA" in locs["NATO"] and "DEU" not in locs["NATO"]
    assert len(locs["Warsaw Pact"]) == 22


def test_bloc_locations_2024_nato_and_greenland():
    locs = bloc_locations(hand_made_blocs(), 2024)
    assert len(locs["NATO"]) == 33 and "GRL" in locs["NATO"]
    assert sorted(set(locs["NATO"]) - {"GRL"}) == sorted(NATO_2024)
    assert locs["Warsaw Pact"] == [] and locs["Divided Germany"] == []
    assert set(locs["NATO"]) <= set(country_names())  # every member is drawn at 1:110m


def test_bloc_codes_align_with_locations():
    z = bloc_codes(hand_made_blocs(), 1960, ["DEU", "POL", "USA", "CHN", "???"])
    assert z == [BLOC_CODES["Divided Germany"], BLOC_CODES["Warsaw Pact"], BLOC_CODES["NATO"], 0, 0]


def test_bad_input_is_rejected():
    with pytest.raises(ValueError, match="columns"):
        bloc_locations(pd.DataFrame({"year": [1960], "iso3": ["USA"]}), 1960)
    with pytest.raises(ValueError, match="unknown bloc"):
        bloc_locations(pd.DataFrame({"year": [1960], "iso3": ["USA"], "bloc": ["SEATO"]}), 1960)


def test_course_dataset_codes_all_have_shapes():
    """The ``bloc_map`` dataset's builder uses today's ISO-3 codes that the map can draw."""
    from ircourse.build.alliances import bloc_map

    blocs = bloc_map()
    assert set(blocs["iso3"]) <= set(country_names())
    assert bloc_locations(blocs, 1960)["Divided Germany"] == ["DEU"]
    assert len(bloc_locations(blocs, 2024)["NATO"]) == 33


# --- figure -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fig_1960() -> go.Figure:
    return bloc_map_figure(hand_made_blocs(), 1960)


def test_figure_structure(fig_1960):
    fig = fig_1960
    assert [tr.type for tr in fig.data] == ["choroplethmap"] + ["scattermap"] * len(BLOCS)
    main = fig.data[0]
    assert main.featureidkey == "id"
    # The shapes are embedded once: only the map trace carries them; the legend keys draw nothing.
    spec = fig.to_plotly_json()["data"]
    assert [("geojson" in trace) for trace in spec] == [True] + [False] * len(BLOCS)
    assert all(list(tr.lat) == [None] and list(tr.lon) == [None] for tr in fig.data[1:])
    assert list(main.locations) == list(country_names())
    assert main.showscale is False and main.showlegend is False
    assert fig.layout.map.style == "white-bg"
    assert fig.layout.map.zoom == maps.ZOOM and fig.layout.map.center.lon == maps.CENTER["lon"]
    assert "1960" in fig.layout.title.text
    assert any("Natural Earth" in a.text for a in fig.layout.annotations)


def test_figure_colours_and_legend(fig_1960):
    fig = fig_1960
    z = dict(zip(fig.data[0].locations, fig.data[0].z))
    assert color_of(z["DEU"], fig) == ACTOR_COLORS["Divided Germany"]
    assert color_of(z["POL"], fig) == ACTOR_COLORS["Warsaw Pact"]
    assert color_of(z["RUS"], fig) == ACTOR_COLORS["Warsaw Pact"]
    assert color_of(z["USA"], fig) == ACTOR_COLORS["NATO"]
    assert color_of(z["GRL"], fig) == ACTOR_COLORS["NATO"]
    assert color_of(z["CHN"], fig) == NO_BLOC_COLOR
    legend = [(tr.name, tr.marker.color) for tr in fig.data[1:]]
    assert legend == [(b, ACTOR_COLORS[b]) for b in BLOCS]
    assert all(tr.showlegend for tr in fig.data[1:])
    text = dict(zip(fig.data[0].locations, fig.data[0].text))
    assert text["POL"] == "Poland: Warsaw Pact" and text["CHN"] == "China"


def test_figure_fetches_nothing(fig_1960):
    """No URL in the figure: shapes inline, a style without sources (its unused glyphs URL aside)."""
    spec = fig_1960.to_plotly_json()
    assert isinstance(spec["data"][0]["geojson"], dict)
    assert "http" not in json.dumps(spec["layout"])
    assert MAP_CONFIG["scrollZoom"] is False


def test_figure_json_stays_small(fig_1960):
    """The shapes are embedded once (a trace per bloc would repeat them: about 560 KB)."""
    size = len(fig_1960.to_json())
    assert size < 200_000, size


def test_update_changes_only_colours_text_and_title():
    blocs = hand_made_blocs()
    fig = bloc_map_figure(blocs, 1960, title="Blocs, {year}")
    geojson = fig.data[0].geojson
    update_bloc_map(fig, blocs, 2024)
    z = dict(zip(fig.data[0].locations, fig.data[0].z))
    assert z["DEU"] == z["POL"] == BLOC_CODES["NATO"] and z["RUS"] == 0
    assert fig.layout.title.text == "Blocs, 2024"
    assert fig.data[0].geojson is geojson or fig.data[0].geojson == geojson


def test_update_works_on_a_figure_widget():
    pytest.importorskip("anywidget")
    blocs = hand_made_blocs()
    fw = go.FigureWidget(bloc_map_figure(blocs, 1960))
    update_bloc_map(fw, blocs, 2024)
    assert "2024" in fw.layout.title.text
    assert sum(1 for v in fw.data[0].z if v == BLOC_CODES["NATO"]) == 33


# --- real render in headless Chromium, no network ----------------------------------------------------

#: Besides the shared flags: no host name resolves, so nothing can leave even if a request escaped routing.
MAP_ARGS = [*CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]

#: In-page decoding of a PNG screenshot: colours at points, and pixels near each reference colour.
PIXELS_JS = """async ([png, points, refs]) => {
  const img = new Image();
  img.src = 'data:image/png;base64,' + png;
  await img.decode();
  const c = document.createElement('canvas');
  c.width = img.width; c.height = img.height;
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const d = ctx.getImageData(0, 0, c.width, c.height).data;
  const at = ([x, y]) => {
    const i = 4 * (Math.round(y) * c.width + Math.round(x));
    return [d[i], d[i + 1], d[i + 2]];
  };
  const counts = refs.map(() => 0);
  for (let i = 0; i < d.length; i += 4) {
    refs.forEach((r, k) => {
      if (Math.abs(d[i] - r[0]) + Math.abs(d[i + 1] - r[1]) + Math.abs(d[i + 2] - r[2]) < 40) counts[k]++;
    });
  }
  return {samples: points.map(at), counts};
}"""


def rgb(hex_color: str) -> tuple[int, int, int]:
    return tuple(int(hex_color[i:i + 2], 16) for i in (1, 3, 5))


def close(a, b, tol: int = 40) -> bool:
    return sum(abs(x - y) for x, y in zip(a, b)) < tol


def mercator_px(lon: float, lat: float, center: dict, zoom: float, width: float, height: float):
    """Pixel of (lon, lat) in a MapLibre canvas of ``width`` x ``height`` (Web Mercator, 512 px tiles)."""
    world = 512 * 2 ** zoom

    def xy(lo, la):
        return (world * (lo + 180) / 360,
                world * (1 - math.log(math.tan(math.pi / 4 + math.radians(la) / 2)) / math.pi) / 2)

    (x, y), (cx, cy) = xy(lon, lat), xy(center["lon"], center["lat"])
    return width / 2 + x - cx, height / 2 + y - cy


@pytest.fixture
def http_root(tmp_path):
    """Serve ``tmp_path`` on a loopback port, as Jupyter serves a notebook; yield (folder, base URL)."""
    handler = functools.partial(_QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(),
                    reason="needs Debian's /usr/bin/chromium (apt-get install chromium)")
def test_map_renders_in_chromium_without_network(http_root):
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs the python package playwright")
    from ircourse.build.alliances import bloc_map

    folder, base = http_root
    fig = bloc_map_figure(bloc_map(), 1960)
    fig.write_html(folder / "map.html", include_plotlyjs=True, config=MAP_CONFIG)  # plotly.js inline

    requests, blocked, failed, errors = [], [], [], []

    def route(r):
        url = r.request.url
        if url.startswith((base + "/", "data:", "blob:")):
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    # name -> (lon, lat) well inside the country, expected colour
    probes = {
        "United States": (-98, 39, ACTOR_COLORS["NATO"]),
        "Canada": (-105, 58, ACTOR_COLORS["NATO"]),
        "Poland": (19.4, 52.1, ACTOR_COLORS["Warsaw Pact"]),
        "Russia (Urals)": (60, 60, ACTOR_COLORS["Warsaw Pact"]),
        "Germany": (10.3, 51.0, ACTOR_COLORS["Divided Germany"]),
        "China": (103, 35, NO_BLOC_COLOR),
        "Atlantic": (-40, 35, "#FFFFFF"),
    }
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=MAP_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1100, "height": 650}, device_scale_factor=1)
            context.route("**/*", route)
            context.on("request", lambda r: requests.append(r.url))
            context.on("requestfailed", lambda r: failed.append(f"{r.url} {r.failure}"))
            page = context.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"{base}/map.html")
            canvas = page.locator(".js-plotly-plot .maplibregl-canvas")
            canvas.wait_for(state="visible", timeout=30_000)
            box = canvas.bounding_box()
            points = {name: mercator_px(lon, lat, maps.CENTER, maps.ZOOM, box["width"], box["height"])
                      for name, (lon, lat, _) in probes.items()}
            refs = [rgb(ACTOR_COLORS[b]) for b in BLOCS]
            checker = context.new_page()  # a blank page decodes the screenshots
            deadline = time.monotonic() + 40
            while True:  # MapLibre draws asynchronously (worker + software WebGL): poll until it has
                png = canvas.screenshot()
                args = [base64.b64encode(png).decode(), list(points.values()), refs]
                result = checker.evaluate(PIXELS_JS, args)
                got = dict(zip(points, result["samples"]))
                if all(close(got[n], rgb(probes[n][2])) for n in probes) or time.monotonic() > deadline:
                    break
                page.wait_for_timeout(500)
            shot = page.screenshot()
        finally:
            browser.close()

    target = os.environ.get("IRCOURSE_MAP_SCREENSHOT")
    (folder / "map_1960.png").write_bytes(shot)
    if target:
        shutil.copyfile(folder / "map_1960.png", target)

    assert not blocked, f"the map tried to reach the network: {blocked}"
    assert not failed, f"failed requests: {failed}"
    assert all(u.startswith((base + "/", "data:", "blob:")) for u in requests), requests
    assert not errors, errors
    wrong = {n: (got[n], probes[n][2]) for n in probes if not close(got[n], rgb(probes[n][2]))}
    assert not wrong, f"colour at probe (got RGB, expected): {wrong}"
    nato, warsaw, germany = result["counts"]
    assert nato > 20_000 and warsaw > 20_000 and germany > 200, result["counts"]
