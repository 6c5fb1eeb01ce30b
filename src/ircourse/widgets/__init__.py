"""Interactive explorers: ipywidgets controls driving a ``plotly.graph_objects.FigureWidget``.

Each explorer builds its figure once, with the course figure function, and on every control change
updates the existing traces inside ``fig.batch_update()``: it never rebuilds the figure. Notebooks
show the static figure first, so a chart is visible before the kernel runs. Call ``.widget()`` to
display the controls with the chart.
"""

from .alliances import BlocMapExplorer
from .civilizations import CivilizationWarExplorer
from .globalization import GapminderExplorer, LendingExplorer
from .interwar import InterwarExplorer
from .organizations import MembershipExplorer
from .synthesis import PrisonersDilemmaExplorer
from .thought import ThoughtTimelineExplorer
from .wars import WarExplorer

__all__ = [
    "BlocMapExplorer", "CivilizationWarExplorer", "GapminderExplorer", "InterwarExplorer", "LendingExplorer",
    "MembershipExplorer", "PrisonersDilemmaExplorer", "ThoughtTimelineExplorer", "WarExplorer",
]
