"""World maps that render with no network: NATO and the Warsaw Pact, year by year.

plotly's ``go.Choropleth`` (the ``geo`` subplot) downloads its country outlines from a CDN when the
figure is drawn, so it shows an empty frame offline. The maps of this module instead carry their own
shapes: Natural Earth 1:110m countries (public domain) shipped in ``ircourse/assets`` as GeoJSON whose
feature ids are ISO 3166-1 alpha-3 codes (see ``assets/README.md``). They are drawn with
``go.Choroplethmap`` (MapLibre) on the ``"white-bg"`` style, which has no tiles, sprites or fonts to
fetch.

A saved figure must stay small in a notebook, and plotly stores the whole GeoJSON in every trace
that uses it. So the map is ONE choropleth trace holding every country, coloured by a numeric bloc
code through a stepped colour scale (0 no bloc, 1 NATO, 2 Warsaw Pact, 3 Divided Germany); the legend
entries are empty ``scattermap`` traces. A year slider therefore only changes ``z`` and the hover text
of trace 0 (:func:`update_bloc_map`), never the shapes.

Usage in a notebook::

    import ircourse as irc
    from ircourse.maps import MAP_CONFIG, bloc_map_figure, update_bloc_map

    blocs = irc.load("bloc_map")                      # year, iso3, bloc
    bloc_map_figure(blocs, 1960).show(config=MAP_CONFIG)

    fw = go.FigureWidget(bloc_map_figure(blocs, 1949))
    fw._config = MAP_CONFIG                           # before display: no wheel zoom
    slider.observe(lambda change: update_bloc_map(fw, blocs, change["new"]), names="value")
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from .figures.common import frame, header
from .i18n import t
from .theme import ACTOR_COLORS

ASSETS = Path(__file__).with_name("assets")
SHAPES_FILE = ASSETS / "countries_110m.geojson"

#: The blocs a map can show, in legend order, with their numeric code on the map (0 = none).
BLOCS = ("NATO", "Warsaw Pact", "Divided Germany")
BLOC_CODES = {bloc: i for i, bloc in enumerate(BLOCS, start=1)}

#: Fill of the countries in no bloc, and of the borders.
NO_BLOC_COLOR = "#DDDDDD"
BORDER_COLOR = "#FFFFFF"

#: The region every map shows whole, ``[west, south, east, north]`` in degrees: both blocs, from Alaska
#: to Chukotka (east of 180, so 190) and from Florida and Turkey to the Arctic coasts. An explorer
#: fits it to the chart's width whenever that changes (``layout.meta["fitbounds"]``, see
#: :mod:`ircourse.widgets.figure`).
BOUNDS = (-170.0, 24.0, 190.0, 78.0)
#: The view of a static map, which cannot refit itself: :data:`BOUNDS` at about 900 px (MapLibre zoom:
#: the world is 512 * 2**zoom px wide).
CENTER = {"lon": 10.0, "lat": 60.0}
ZOOM = 0.8
#: Height of a map: the whole region is about three times as wide as it is tall.
HEIGHT = 470

#: plotly config for the map: no zooming by the mouse wheel while a student scrolls the notebook.
MAP_CONFIG = {"scrollZoom": False, "displaylogo": False}



@lru_cache(maxsize=1)
def country_shapes() -> dict:
    """Return the world's country outlines as a GeoJSON FeatureCollection (loaded once, then cached).

    Returns
    -------
    dict
        ``{"type": "FeatureCollection", "features": [...]}``: 176 features (Natural Earth 1:110m
        Admin 0 units without Antarctica), each with ``id`` = ISO 3166-1 alpha-3 code (``"XKX"``
        Kosovo, ``"XNC"`` N. Cyprus and ``"XSL"`` Somaliland are user-assigned codes) and
        ``properties.name``; lon/lat rounded to 0.1 degree. The same object is returned on every
        call: treat it as read-only.

    Notes
    -----
    Very small states (Andorra, Liechtenstein, Malta, Monaco, San Marino, Singapore...) are not at
    this scale; a map silently leaves them out.
    """
    return json.loads(SHAPES_FILE.read_text(encoding="utf-8"))


def country_names() -> dict[str, str]:
    """Return ``{iso3: name}`` for every country of :func:`country_shapes`, sorted by code."""
    return {f["id"]: f["properties"]["name"] for f in country_shapes()["features"]}


def _check(blocs: pd.DataFrame) -> None:
    missing = {"year", "iso3", "bloc"} - set(blocs.columns)
    if missing:
        raise ValueError(f"blocs needs the columns year, iso3, bloc; missing: {', '.join(sorted(missing))}")
    unknown = set(blocs["bloc"].dropna()) - set(BLOCS)
    if unknown:
        raise ValueError(f"unknown bloc(s) {sorted(unknown)}; expected one of {list(BLOCS)}")


def bloc_locations(blocs: pd.DataFrame, year: int) -> dict[str, list[str]]:
    """Return the ISO-3 codes in each bloc in ``year``.

    Parameters
    ----------
    blocs : DataFrame
        Columns ``year``, ``iso3``, ``bloc`` (``"NATO"``, ``"Warsaw Pact"`` or ``"Divided Germany"``),
        one row per year and country in a bloc: the ``bloc_map`` dataset.
    year : int
        The year to show.

    Returns
    -------
    dict of str to list of str
        Every bloc of :data:`BLOCS` as a key, in that order (an empty list when the bloc has no
        member that year), with its sorted ISO-3 codes. Codes that have no shape at 1:110m are
        kept here; the map just does not draw them.

    Raises
    ------
    ValueError
        If a column is missing or a bloc is not one of :data:`BLOCS`.

    Examples
    --------
    >>> df = pd.DataFrame({"year": [1960, 1960, 1960], "iso3": ["POL", "USA", "DEU"],
    ...                    "bloc": ["Warsaw Pact", "NATO", "Divided Germany"]})
    >>> bloc_locations(df, 1960)
    {'NATO': ['USA'], 'Warsaw Pact': ['POL'], 'Divided Germany': ['DEU']}
    """
    _check(blocs)
    rows = blocs[blocs["year"] == year]
    return {bloc: sorted(rows.loc[rows["bloc"] == bloc, "iso3"].astype(str).unique()) for bloc in BLOCS}


def bloc_codes(blocs: pd.DataFrame, year: int, locations: Iterable[str] | None = None) -> list[int]:
    """Return the map's numeric bloc code of each country in ``year`` (0 none, then :data:`BLOC_CODES`).

    Parameters
    ----------
    blocs : DataFrame
        As for :func:`bloc_locations`.
    year : int
        The year to show.
    locations : iterable of str, optional
        ISO-3 codes in trace order; by default every country of :func:`country_shapes`.

    Returns
    -------
    list of int
        One code per location, aligned with ``locations``: the ``z`` of the map trace.
    """
    code = {iso3: BLOC_CODES[bloc] for bloc, codes in bloc_locations(blocs, year).items() for iso3 in codes}
    if locations is None:
        locations = country_names()
    return [code.get(iso3, 0) for iso3 in locations]


def _label(bloc: str) -> str:
    return t(f"alliances.name.{bloc}")


def _hover_text(names: dict[str, str], z: list[int]) -> list[str]:
    return [name if code == 0 else f"{name}: {_label(BLOCS[code - 1])}"
            for name, code in zip(names.values(), z)]


def _colorscale() -> list[list]:
    """A stepped scale: code k in [k - 0.5, k + 0.5] gets exactly one colour (with zmin=-0.5, zmax=3.5)."""
    colors = [NO_BLOC_COLOR] + [ACTOR_COLORS[bloc] for bloc in BLOCS]
    n = len(colors)
    scale = []
    for k, color in enumerate(colors):
        scale += [[k / n, color], [(k + 1) / n, color]]
    return scale


def bloc_map_figure(blocs: pd.DataFrame, year: int, title: str | None = None, source: str | None = None,
                    height: int = HEIGHT, zoom: float | None = None, center: dict | None = None) -> go.Figure:
    """World map of the Cold War blocs in ``year`` on today's borders, drawn with no network access.

    Parameters
    ----------
    blocs : DataFrame
        Columns ``year``, ``iso3``, ``bloc`` (values of :data:`BLOCS`): the ``bloc_map`` dataset.
    year : int
        The year to show.
    title : str, optional
        Title; ``{year}`` in it is replaced by the year (kept for :func:`update_bloc_map`). Default: the
        catalogue's ``map.title``.
    source : str, optional
        Source line written under the map. Default: the catalogue's ``map.source``.
    height : int
        Figure height in pixels (the width follows the notebook).
    zoom, center : optional
        MapLibre zoom and ``{"lon": ..., "lat": ...}`` of the static view; by default :data:`ZOOM` and
        :data:`CENTER`, which show :data:`BOUNDS` at about 900 px. Shown by an explorer
        (:class:`ircourse.widgets.BlocMapExplorer`), the map fits :data:`BOUNDS` to any width.

    Returns
    -------
    go.Figure
        ``data[0]``: one ``go.Choroplethmap`` with every country of :func:`country_shapes`
        (``geojson`` embedded once, ``featureidkey="id"``, ``locations`` = ISO-3 codes, ``z`` = bloc
        code, stepped colour scale, no colour bar). ``data[1:]``: one empty ``go.Scattermap`` per
        bloc, only for the legend. ``layout.map``: style ``"white-bg"`` (no tiles, sprites or fonts
        are fetched). ``layout.meta``: ``{"title": <title template>, "fitbounds": BOUNDS}``. Show it
        with ``fig.show(config=MAP_CONFIG)`` so that the mouse wheel scrolls the page, not the map.

    Examples
    --------
    >>> df = pd.DataFrame({"year": [1960], "iso3": ["USA"], "bloc": ["NATO"]})
    >>> fig = bloc_map_figure(df, 1960)
    >>> [tr.type for tr in fig.data]
    ['choroplethmap', 'scattermap', 'scattermap', 'scattermap']
    """
    title = title or t("map.title")
    source = source or t("map.source")
    names = country_names()
    z = bloc_codes(blocs, year, names)
    fig = go.Figure()
    fig.add_trace(go.Choroplethmap(
        geojson=country_shapes(), featureidkey="id", locations=list(names), z=z,
        text=_hover_text(names, z), hovertemplate="%{text}<extra></extra>", name="",
        colorscale=_colorscale(), zmin=-0.5, zmax=len(BLOCS) + 0.5, showscale=False, showlegend=False,
        marker=dict(line=dict(color=BORDER_COLOR, width=0.6)),
    ))
    for bloc in BLOCS:  # legend keys: a map trace with no points draws nothing on the map
        fig.add_trace(go.Scattermap(
            lat=[None], lon=[None], mode="markers", name=_label(bloc), hoverinfo="skip",
            marker=dict(size=14, color=ACTOR_COLORS[bloc]), showlegend=True,
        ))
    fig.update_layout(
        meta={"title": title, "fitbounds": list(BOUNDS)},
        margin=dict(l=10, r=10),
        map=dict(style="white-bg", center=center or CENTER, zoom=ZOOM if zoom is None else zoom),
        uirevision="bloc-map",  # keep the reader's pan and zoom when a slider changes the year
    )
    # The legend goes under the title, as on every course chart: on the map it would hide a country.
    return frame(fig, title.format(year=year), source, height=height, tick_lines=0)


def update_bloc_map(fig: go.Figure, blocs: pd.DataFrame, year: int) -> None:
    """Show ``year`` on a figure made by :func:`bloc_map_figure`, changing only colours, hover text and title.

    Parameters
    ----------
    fig : go.Figure or go.FigureWidget
        A figure from :func:`bloc_map_figure` (changed in place, in one ``batch_update`` so a
        ``FigureWidget`` sends a single small message; the shapes are not sent again).
    blocs : DataFrame
        As for :func:`bloc_map_figure`.
    year : int
        The year to show.
    """
    names = country_names()
    locations = list(fig.data[0].locations)
    z = bloc_codes(blocs, year, locations)
    text = _hover_text({iso3: names.get(iso3, iso3) for iso3 in locations}, z)
    title = (fig.layout.meta or {}).get("title") or t("map.title")
    with fig.batch_update():
        fig.data[0].z = z
        fig.data[0].text = text
        fig.update_layout(header(title.format(year=year), fig.layout.height or HEIGHT))
