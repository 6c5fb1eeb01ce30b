"""The interactive explorer of the chapter "Actors: states and international organizations"."""

from __future__ import annotations

import ipywidgets as W
import pandas as pd

from ..figures.common import describe
from ..figures.organizations import (GROWTH_ORGS, _yaxis, founding_y, growth_header, growth_summary, growth_table,
                                     membership_growth)
from ..i18n import t
from .access import explorer_box
from .figure import CourseFigure


class MembershipExplorer:
    """Membership of the UN, ASEAN and the League of Arab States, with a choice of organizations and scale.

    Parameters
    ----------
    series : DataFrame
        Output of :func:`ircourse.figures.organizations.membership_series`.
    cow : DataFrame, optional
        Output of :func:`ircourse.figures.organizations.cow_series`; enables the COW comparison checkbox.
    organizations : sequence of str
        The organizations shown first (keys of :data:`~ircourse.figures.organizations.GROWTH_ORGS`).
    relative : bool
        Start with the "% of today's size" scale.

    Attributes
    ----------
    figure : CourseFigure
        The chart, built once; the controls update its traces in place.
    controls : dict of str to ipywidgets.Widget
        ``organizations`` (SelectMultiple), ``scale`` (ToggleButtons: ``"abs"`` or ``"pct"``) and,
        with ``cow``, ``cow`` (Checkbox).

    Examples
    --------
    >>> explorer = MembershipExplorer(series)   # doctest: +SKIP
    >>> explorer.widget()                       # doctest: +SKIP
    """

    def __init__(self, series: pd.DataFrame, cow: pd.DataFrame | None = None,
                 organizations: tuple[str, ...] | list[str] = GROWTH_ORGS, relative: bool = False) -> None:
        self.series = series
        self.cow = cow
        self.figure = CourseFigure(membership_growth(series, organizations, relative, cow=cow))
        self.controls = {
            "organizations": W.SelectMultiple(
                options=[(t(f"orgs.name.{o}"), o) for o in GROWTH_ORGS], value=list(organizations),
                rows=len(GROWTH_ORGS), description=t("orgs.controls.organizations"),
                style={"description_width": "initial"}, layout=W.Layout(width="330px"),
            ),
            "scale": W.ToggleButtons(
                options=[(t("orgs.controls.scale.abs"), "abs"), (t("orgs.controls.scale.pct"), "pct")],
                value="pct" if relative else "abs", description=t("orgs.controls.scale"),
            ),
        }
        if cow is not None:
            self.controls["cow"] = W.Checkbox(value=False, description=t("orgs.controls.cow"),
                                              layout=W.Layout(width="420px"))
        for control in self.controls.values():
            control.observe(self.update, names="value")

    def update(self, change: dict | None = None) -> None:
        """Show the chosen organizations on the chosen scale, updating the traces in one batch."""
        chosen = set(self.controls["organizations"].value)
        relative = self.controls["scale"].value == "pct"
        show_cow = "cow" in self.controls and self.controls["cow"].value
        y = "pct_today" if relative else "members"
        with self.figure.batch_update():
            for trace in self.figure.data:
                actor, part = trace.meta.split("|")
                if part == "cow":
                    c = self.cow[self.cow["organization"] == actor]
                    trace.y = c[y].tolist()
                    trace.visible = True if (actor in chosen and show_cow) else "legendonly"
                    continue
                rows = self.series[self.series["organization"] == actor]
                if part == "founding":
                    start = rows[rows["kind"] == "founding"].iloc[0]
                    trace.y = founding_y(start[y], actor, relative)
                else:
                    trace.y = rows[y].tolist()
                trace.visible = True if actor in chosen else "legendonly"
            self.figure.layout.yaxis.update(_yaxis(relative))
            self.figure.update_layout(growth_header(relative))
            describe(self.figure, growth_summary(self.series, chosen, relative), growth_table(self.series, chosen))

    def widget(self) -> W.Widget:
        """Return the controls and the chart as one ipywidgets box, with the chart's summary under it."""
        c = self.controls
        side = [c["scale"]] + ([c["cow"]] if "cow" in c else [])
        return explorer_box([W.HBox([c["organizations"], W.VBox(side)]), self.figure], self.figure)
