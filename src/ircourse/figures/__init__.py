"""One function per course chart: data in, ``plotly.graph_objects.Figure`` out.

Every figure has a title, axis titles with units, and a source line under the plot, laid out by one
frame (:func:`ircourse.figures.common.frame`: title and subtitle wrapped, legend under them, source
under the axis, at most one screen tall), so that nothing overlaps or is cut from about 640 px to
1,200 px wide. No function calls ``fig.show()``: the notebook decides how to display the figure. Modules follow the chapters:
``thought`` (1), ``globalization`` (2), ``wars`` (3), ``organizations`` (4), ``interwar`` (5),
``alliances`` and ``power`` (6), ``civilizations`` (7), ``synthesis`` (8).
"""

from .alliances import alliance_growth, membership_timeline
from .civilizations import civilization_pairs, cross_civilization_share
from .common import add_source
from .globalization import (africa_loans_by_year, chinese_lending_by_region, gapminder_bubbles, gdp_by_continent,
                            top_recipients, trade_since_1800)
from .interwar import interwar_timeline
from .organizations import founding_timeline, membership_growth
from .power import power_concentration, power_shares
from .synthesis import cumulative_payoffs, nuclear_stockpiles
from .thought import ir_timeline
from .wars import peace_bars, war_frequency

__all__ = [
    "add_source", "africa_loans_by_year", "alliance_growth", "chinese_lending_by_region", "civilization_pairs",
    "cross_civilization_share", "cumulative_payoffs", "founding_timeline", "gapminder_bubbles",
    "gdp_by_continent", "interwar_timeline", "ir_timeline", "membership_growth", "membership_timeline",
    "nuclear_stockpiles", "peace_bars", "power_concentration", "power_shares", "top_recipients",
    "trade_since_1800", "war_frequency",
]
