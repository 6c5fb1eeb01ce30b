"""Interactive explorers: ipywidgets controls driving a chart (:class:`~ircourse.widgets.figure.CourseFigure`).

Each explorer builds its figure once, with the course figure function, and on every control change
updates the existing traces inside ``fig.batch_update()``: it never rebuilds the figure. A change
that alters the title or the height goes through the same frame functions as the static chart
(:mod:`ircourse.figures.common`). The chart is a ``go.FigureWidget`` that always loads and always
fills the width of its output area, also after a resize (:mod:`ircourse.widgets.figure`). Notebooks
show the static figure first, so a chart is visible before the kernel runs. Call ``.widget()`` to
display the controls with the chart.

Every explorer describes its chart again after each change (``layout.meta["summary"]``, see
:mod:`ircourse.figures.common`), and ``.widget()`` shows that summary under the chart, announced to
screen readers, in a box whose controls are named and show their focus for keyboard users
(:mod:`ircourse.widgets.access`).
"""

from .access import ChartCaption, explorer_box
from .alliances import BlocMapExplorer
from .civilizations import CivilizationWarExplorer
from .globalization import GapminderExplorer, LendingExplorer
from .interwar import InterwarExplorer
from .organizations import MembershipExplorer
from .synthesis import PrisonersDilemmaExplorer
from .thought import ThoughtTimelineExplorer
from .wars import WarExplorer

__all__ = [
    "BlocMapExplorer", "ChartCaption", "CivilizationWarExplorer", "GapminderExplorer", "InterwarExplorer",
    "LendingExplorer", "MembershipExplorer", "PrisonersDilemmaExplorer", "ThoughtTimelineExplorer", "WarExplorer",
    "explorer_box",
]
