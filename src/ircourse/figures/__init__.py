"""One function per course chart: data in, ``plotly.graph_objects.Figure`` out.

Every figure has a title, axis titles with units, and a source line under the plot. No function
calls ``fig.show()``: the notebook decides how to display the figure.
"""

from .alliances import alliance_growth, membership_timeline
from .common import add_source
from .power import power_concentration, power_shares
from .wars import peace_bars, war_frequency

__all__ = ["add_source", "alliance_growth", "membership_timeline", "peace_bars", "power_concentration", "power_shares", "war_frequency"]
