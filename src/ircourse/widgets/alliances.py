"""The interactive map of the chapter "The bipolar world and NATO"."""

from __future__ import annotations

import ipywidgets as W
import pandas as pd

from .. import maps
from ..figures.alliances import bloc_map_summary
from ..figures.common import describe
from ..i18n import t
from .access import explorer_box
from .figure import CourseFigure


class BlocMapExplorer:
    """World map of NATO and the Warsaw Pact with a year slider.

    Parameters
    ----------
    blocs : DataFrame
        The ``bloc_map`` dataset (``year``, ``iso3``, ``bloc``).
    year : int
        The year shown first.

    Attributes
    ----------
    figure : CourseFigure
        The map; a slider change recolours it in place (the country shapes are sent once).
    slider : ipywidgets.IntSlider
        The year control.
    jumps : ipywidgets.ToggleButtons
        One-click jumps to the turning points (for the projector): 1949, 1955, 1968, 1990, 1991, 2004, 2024.
    """

    KEY_YEARS = (1949, 1955, 1968, 1990, 1991, 2004, 2024)

    def __init__(self, blocs: pd.DataFrame, year: int = 1960) -> None:
        self.blocs = blocs
        self.figure = CourseFigure(maps.bloc_map_figure(blocs, year))
        self._describe(year)
        self.slider = W.IntSlider(value=year, min=int(blocs["year"].min()), max=int(blocs["year"].max()),
                                  description=t("map.controls.year"), continuous_update=True,
                                  layout=W.Layout(width="600px"))
        self.slider.observe(self.update, names="value")
        self.jumps = W.ToggleButtons(options=[str(y) for y in self.KEY_YEARS], value=None,
                                     description=t("map.controls.jump"), style={"button_width": "60px"})
        self.jumps.observe(self._jump, names="value")
        self.figure._config = {**self.figure._config, **maps.MAP_CONFIG}  # the wheel scrolls the page, not the map

    def _jump(self, change: dict) -> None:
        if change["new"]:
            self.slider.value = int(change["new"])

    def _describe(self, year: int) -> None:
        rows = self.blocs[self.blocs["year"] == year].sort_values(["bloc", "iso3"])
        describe(self.figure, bloc_map_summary(self.blocs, year), rows[["iso3", "bloc"]])

    def update(self, change: dict | None = None) -> None:
        """Recolour the map for the slider's year and describe it again."""
        year = self.slider.value
        with self.figure.batch_update():
            maps.update_bloc_map(self.figure, self.blocs, year)
            self._describe(year)

    def widget(self) -> W.Widget:
        """Return the slider and the map as one box, with the map's summary under it."""
        return explorer_box([self.jumps, self.slider, self.figure], self.figure)
