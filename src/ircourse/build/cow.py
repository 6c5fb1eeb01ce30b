"""Shared readers of the Correlates of War state system list (``cow-state-system/states2016.csv``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

STATES_RAW = "cow-state-system/states2016.csv"


def state_names(raw: Path) -> pd.Series:
    """Return the COW state name by ccode (the name of the state's last spell).

    Parameters
    ----------
    raw : Path
        The ``shared/data-sources`` folder.
    """
    states = pd.read_csv(raw / STATES_RAW)
    return (
        states.sort_values(["ccode", "styear"])
        .drop_duplicates("ccode", keep="last")
        .set_index("ccode")["statenme"]
    )
