"""Pieces every course figure shares: the source line."""

from __future__ import annotations

import plotly.graph_objects as go

from ..i18n import t


def add_source(fig: go.Figure, source: str) -> go.Figure:
    """Write ``Source: <source>`` under the plot area of ``fig`` and return ``fig``.

    Parameters
    ----------
    fig : go.Figure
        The figure to annotate (changed in place).
    source : str
        Short citation of the data, e.g. ``"UCDP/PRIO Armed Conflict Dataset v24.1"``.
    """
    fig.add_annotation(
        text=t("source.prefix", source=source), showarrow=False, xref="paper", yref="paper",
        x=0, y=0, yshift=-78, xanchor="left", yanchor="top", align="left",
        font=dict(size=12, color="#555555"), name="source",
    )
    return fig
