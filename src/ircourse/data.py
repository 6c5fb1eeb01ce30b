"""Load the course datasets.

>>> import ircourse as irc
>>> nato = irc.load("nato_members")
>>> len(nato)                 # NATO's members since Sweden joined on 7 March 2024
32
>>> catalogue = irc.datasets()  # the catalogue: name, title, rows, years, source, licence
>>> "nato_members" in set(catalogue["name"])
True

The datasets are the CSV files in the repository's ``data/`` folder, described by
``data/datapackage.json``. They are found wherever the course is installed:

* editable install or plain checkout: ``<repo>/data``;
* ``pip install .`` (as Binder does it): a copy inside the package, ``ircourse/_data``;
* the environment variable ``IRCOURSE_DATA`` overrides both (for maintainers testing a rebuild).
"""

from __future__ import annotations

import difflib
import json
import os
from functools import lru_cache
from pathlib import Path

import pandas as pd

_PACKAGE = Path(__file__).resolve().parent
_TYPES = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean", "date": "string"}


class DatasetNotFound(KeyError):
    """Raised by :func:`load` for a name that is not a course dataset."""

    def __str__(self) -> str:  # KeyError would print the message with quotes
        return str(self.args[0])


def data_dir() -> Path:
    """Return the folder that holds ``datapackage.json`` and the dataset CSVs.

    Raises
    ------
    FileNotFoundError
        If no data folder can be found (with the places that were searched).
    """
    candidates = []
    if os.environ.get("IRCOURSE_DATA"):
        candidates.append(Path(os.environ["IRCOURSE_DATA"]))
    candidates += [_PACKAGE / "_data", _PACKAGE.parents[1] / "data"]
    for folder in candidates:
        if (folder / "datapackage.json").is_file():
            return folder
    searched = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"the course datasets were not found (searched: {searched})")


@lru_cache(maxsize=4)
def _catalogue(folder: Path) -> dict:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def catalogue() -> dict:
    """Return the Data Package descriptor (``datapackage.json``) as a dict."""
    return _catalogue(data_dir())


def _resource(name: str) -> dict:
    resources = {r["name"]: r for r in catalogue()["resources"]}
    if not isinstance(name, str) or name not in resources:
        valid = sorted(resources)
        close = difflib.get_close_matches(str(name), valid, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise DatasetNotFound(
            f"{name!r} is not a course dataset.{hint} Valid names: {', '.join(valid)}. "
            "See ircourse.datasets() for what each one holds."
        )
    return resources[name]


def load(name: str) -> pd.DataFrame:
    """Return the course dataset ``name`` as a tidy DataFrame, with its declared column types.

    Parameters
    ----------
    name : str
        A dataset name from :func:`datasets`, e.g. ``"nato_members"``.

    Returns
    -------
    pandas.DataFrame
        Integer columns are ``Int64`` (missing values allowed), text columns ``string``.
        ``df.attrs`` holds the dataset's ``title``, ``sources`` and ``licence``.

    Raises
    ------
    DatasetNotFound
        If ``name`` is not a course dataset; the message lists the valid names.
    """
    resource = _resource(name)
    dtypes = {f["name"]: _TYPES[f["type"]] for f in resource["schema"]["fields"]}
    df = pd.read_csv(data_dir() / resource["path"], dtype=dtypes, encoding="utf-8", keep_default_na=False,
                     na_values=[""])
    df.attrs.update(
        name=name,
        title=resource["title"],
        sources=[s["title"] for s in resource["sources"]],
        licence=resource["licenses"][0]["title"],
    )
    return df


class Catalogue(pd.DataFrame):
    """The dataset catalogue: a DataFrame that a notebook shows with every title and licence in full.

    pandas cuts long texts in a table to 50 characters ("Wars, battles and conflicts from c. 2600
    BCE t..."); a catalogue, and any selection of its columns, shows them whole.
    """

    @property
    def _constructor(self):
        return Catalogue

    def _repr_html_(self) -> str | None:
        with pd.option_context("display.max_colwidth", None):
            return super()._repr_html_()


def _covered_years(resource: dict) -> tuple[int, int] | None:
    """Return the first and last year of a dataset: declared in the catalogue, else read from its date columns."""
    if resource.get("years"):
        return int(resource["years"][0]), int(resource["years"][1])
    fields = [f["name"] for f in resource["schema"]["fields"]
              if f["type"] == "date" or f["name"] == "year" or f["name"].endswith("_year")]
    if not fields:
        return None
    table = pd.read_csv(data_dir() / resource["path"], usecols=fields, dtype=str, keep_default_na=False)
    years = pd.concat([table[f].str.extract(r"^(-?\d{1,4})")[0] for f in fields]).dropna().astype(int)
    return (int(years.min()), int(years.max())) if len(years) else None


def datasets() -> Catalogue:
    """Return the catalogue of course datasets, one row per dataset.

    Returns
    -------
    Catalogue
        A DataFrame with columns ``name``, ``title``, ``rows``, ``years`` (``"2600 BCE–2023"``: as
        declared in ``datapackage.json``, else the span of the dataset's date columns),
        ``description``, ``source``, ``licence``. In a notebook no text is cut. Titles and
        descriptions are in the session language when ``data.po`` translates them
        (:func:`ircourse.i18n.data_text`); names, sources and licences are shown as published.
    """
    from .i18n import data_text
    from .years import year_label

    rows = []
    for r in catalogue()["resources"]:
        years = _covered_years(r)
        rows.append(
            {
                "name": r["name"],
                "title": data_text(f"datasets:{r['name']}:title", r["title"]),
                "rows": r["rows"],
                "years": f"{year_label(years[0])}–{year_label(years[1])}" if years else "",
                "description": data_text(f"datasets:{r['name']}:description", r["description"]),
                "source": "; ".join(s["title"] for s in r["sources"]),
                "licence": r["licenses"][0]["title"],
            }
        )
    return Catalogue(rows)

