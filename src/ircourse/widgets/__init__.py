"""Interactive explorers: ipywidgets controls driving a ``plotly.graph_objects.FigureWidget``.

Each explorer builds its figure once, with the course figure function, and on every control change
updates the existing traces inside ``fig.batch_update()``: it never rebuilds the figure. Notebooks
show the static figure first, so a chart is visible before the kernel runs.
"""

from .alliances import BlocMapExplorer
from .wars import WarExplorer

__all__ = ["BlocMapExplorer", "WarExplorer"]
