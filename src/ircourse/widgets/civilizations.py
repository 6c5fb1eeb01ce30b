"""The interactive explorer of the chapter "The clash of civilizations"."""

from __future__ import annotations

import ipywidgets as W
import pandas as pd

from ..figures.civilizations import (
    CIVILIZATIONS_ORDER,
    code_dyads,
    cross_civilization_share,
    shares_by_period,
    update_share_figure,
)
from ..i18n import t
from .access import explorer_box
from .figure import CourseFigure


class CivilizationWarExplorer:
    """Share of inter-state war pairs (or wars) between different civilizations, with controls.

    Parameters
    ----------
    dyads : DataFrame
        The ``interstate_war_dyads`` dataset.
    civilizations : DataFrame
        The ``civilizations`` dataset.
    width : {10, 25}
        Initial bin width in years.
    unit : {"dyads", "wars"}
        Initial counting unit.

    Attributes
    ----------
    figure : CourseFigure
        The chart; its traces are updated in place inside ``batch_update``.
    controls : dict of str to ipywidgets.Widget
        ``width`` (ToggleButtons), ``unit`` (ToggleButtons), ``civilization`` (Dropdown) and
        ``drop_low`` (Checkbox: drop pairs with a low-confidence civilization code).

    Examples
    --------
    >>> dyads, civs = irc.load("interstate_war_dyads"), irc.load("civilizations")  # doctest: +SKIP
    >>> CivilizationWarExplorer(dyads, civs).widget()                             # doctest: +SKIP
    """

    def __init__(self, dyads: pd.DataFrame, civilizations: pd.DataFrame, width: int = 10,
                 unit: str = "dyads") -> None:
        self.coded = code_dyads(dyads, civilizations)
        shares = shares_by_period(self.coded, width, unit)
        self.figure = CourseFigure(cross_civilization_share(shares, width, unit))
        present = set(self.coded["civ_a"]) | set(self.coded["civ_b"])
        self.controls = {
            "width": W.ToggleButtons(options=[(t(f"civ.controls.width.{w}"), w) for w in (10, 25)],
                                     value=width,
                                     description=t("civ.controls.width")),
            "unit": W.ToggleButtons(options=[(t(f"civ.controls.unit.{u}"), u) for u in ("dyads", "wars")],
                                    value=unit, description=t("civ.controls.unit")),
            "civilization": W.Dropdown(
                options=[(t("civ.controls.all"), "")] + [(c, c) for c in CIVILIZATIONS_ORDER if c in present],
                value="", description=t("civ.controls.civilization"),
            ),
            "drop_low": W.Checkbox(value=False, description=t("civ.controls.drop_low"), indent=False,
                                   layout=W.Layout(width="360px")),
        }
        for control in self.controls.values():
            control.observe(self.update, names="value")

    def update(self, change: dict | None = None) -> None:
        """Recount for the current controls and update the traces in one batch."""
        c = self.controls
        width, unit, civ = c["width"].value, c["unit"].value, c["civilization"].value or None
        shares = shares_by_period(self.coded, width, unit, civ, "medium" if c["drop_low"].value else "low")
        with self.figure.batch_update():
            update_share_figure(self.figure, shares, width, unit, civ)

    def widget(self) -> W.Widget:
        """Return the controls and the chart as one ipywidgets box."""
        c = self.controls
        return explorer_box([W.HBox([c["width"], c["unit"]]), W.HBox([c["civilization"], c["drop_low"]]),
                             self.figure], self.figure)
