"""The course's plotly look: one registered template and fixed colours that mean the same everywhere.

The palette is Okabe & Ito's colour-blind-safe set (Okabe, M. & Ito, K., "Color Universal Design",
2002/2008). A colour keeps its meaning across chapters: NATO is always blue, the Warsaw Pact always
vermilion, each data source and each great power always its own colour.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

TEMPLATE_NAME = "ircourse"

#: Okabe-Ito colour-blind-safe palette.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermilion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#7F7F7F",
}
_C = OKABE_ITO

#: Fixed colour per actor (alliances, organizations, great powers).
ACTOR_COLORS = {
    "NATO": _C["blue"],
    "Warsaw Pact": _C["vermilion"],
    "Divided Germany": _C["reddish_purple"],
    "UN": _C["sky_blue"],
    "ASEAN": _C["bluish_green"],
    "Arab League": _C["orange"],
    "United States": _C["blue"],
    "Russia/USSR": _C["vermilion"],
    "United Kingdom": _C["sky_blue"],
    "France": _C["reddish_purple"],
    "Germany": _C["black"],
    "Japan": _C["orange"],
    "China": _C["yellow"],
    "Italy": _C["bluish_green"],
    "Austria-Hungary": _C["grey"],
}

#: Fixed colour per data source.
SOURCE_COLORS = {
    "HCED": _C["orange"],
    "Wikipedia battles": _C["reddish_purple"],
    "Brecke": _C["bluish_green"],
    "COW": _C["blue"],
    "UCDP/PRIO": _C["vermilion"],
}

#: Colour of a series where one source gives two: HCED's wars are black, its battles its orange.
SERIES_COLORS = {
    "HCED|war": _C["black"],
}


def series_color(key: str) -> str:
    """Return the colour of a series ``"source|unit"``: its own (:data:`SERIES_COLORS`), else its source's."""
    return SERIES_COLORS.get(key) or SOURCE_COLORS[key.split("|")[0]]


FONT_FAMILY = "Open Sans, Verdana, Arial, sans-serif"

#: Text sizes in pixels: titles, body text (axes, legends, subtitles), source lines.
TITLE_SIZE = 20
TEXT_SIZE = 15
SUBTITLE_SIZE = TEXT_SIZE
SOURCE_SIZE = 12
#: Smallest text a chart may use for dense labels (row labels of a heat map, hover notes).
SMALL_SIZE = 13

#: One screen of a classroom projector (1366 x 768) in CSS pixels: no chart is taller, unless it is
#: marked as a scrolling timeline (:func:`ircourse.figures.common.mark_scrolling`).
SCREEN_HEIGHT = 768


def stacked_area_style(color: str) -> dict:
    """Return the line and fill of one stacked area in ``color``, at full strength.

    plotly fills stacked areas with a pale tint of the line colour by default, in which the
    palette's neighbours (sky blue and blue, orange and vermilion) look alike on a projector.
    """
    return {"line": dict(width=0.6, color=color), "fillcolor": color}


def template() -> go.layout.Template:
    """Return the course template: large readable fonts for a projector, light grid, the palette."""
    return go.layout.Template(
        layout=dict(
            font=dict(family=FONT_FAMILY, size=TEXT_SIZE, color="#222222"),
            title=dict(font=dict(size=TITLE_SIZE), x=0.0, xanchor="left",
                       subtitle=dict(font=dict(size=SUBTITLE_SIZE, color="#444444"))),
            colorway=[_C[c] for c in ("blue", "vermilion", "bluish_green", "orange", "reddish_purple",
                                      "sky_blue", "black", "yellow")],
            paper_bgcolor="white",
            plot_bgcolor="white",
            # Tick labels are never rotated, so that the lines under a plot have a known height (the
            # source line is placed from it); the figure functions choose ticks that fit instead.
            xaxis=dict(showgrid=True, gridcolor="#E5E5E5", linecolor="#444444", ticks="outside",
                       zeroline=False, title=dict(standoff=8), tickangle=0, automargin=True),
            yaxis=dict(showgrid=True, gridcolor="#E5E5E5", linecolor="#444444", ticks="outside",
                       zeroline=False, title=dict(standoff=8), automargin=True),
            legend=dict(bgcolor="rgba(255,255,255,0.8)", font=dict(size=SMALL_SIZE)),
            margin=dict(l=70, r=30, t=80, b=95),
            hoverlabel=dict(font=dict(size=14)),
        )
    )


#: Options of every chart a notebook shows: follow the width of the page when the window is resized
#: (JupyterLab resizes a chart itself; Voila and the exported pages need plotly's ``responsive``).
CONFIG = {"responsive": True, "displaylogo": False}


def use() -> None:
    """Register the course template and make it plotly's default for this session.

    The notebook renderer (``plotly_mimetype``) also gets :data:`CONFIG`, saved with each chart.
    """
    pio.templates[TEMPLATE_NAME] = template()
    pio.templates.default = TEMPLATE_NAME
    pio.renderers["plotly_mimetype"].config = dict(CONFIG)
