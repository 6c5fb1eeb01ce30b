"""What the class sees in tables: the dataset catalogue and the "years of peace" table, as a notebook shows them."""

from __future__ import annotations

import json
import re

import pandas as pd
from bs4 import BeautifulSoup

import ircourse as irc
from ircourse.conflicts import peace_years
from ircourse.i18n import t

from .conftest import ROOT


def _cells(html: str) -> list[list[str]]:
    soup = BeautifulSoup(html, "html.parser")
    return [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in soup.find_all("tr") if tr.find("td")]


def test_catalogue_shows_titles_and_licences_in_full():
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    shown = irc.datasets()[["name", "title", "rows", "years", "licence"]]
    rows = {row[0]: row for row in _cells(shown._repr_html_())}
    assert len(rows) == len(package["resources"])
    for resource in package["resources"]:
        name, title, _, _, licence = rows[resource["name"]]
        assert title == resource["title"] and licence == resource["licenses"][0]["title"]
        assert not title.endswith("...") and not licence.endswith("...")


def test_catalogue_gives_every_dataset_its_years():
    cat = irc.datasets().set_index("name")
    timeless = {"claims", "glossary"}  # the claims register and the glossary have no years
    assert (cat.drop(index=list(timeless))["years"] != "").all(), cat.index[cat["years"] == ""].tolist()
    assert (cat.loc[list(timeless), "years"] == "").all()
    # The Warsaw Pact's members: from the first accession to the last departure (pandas on the CSV).
    members = pd.read_csv(ROOT / "data" / "warsaw_pact_members.csv", dtype=str)
    first = int(members["joined_date"].str[:4].astype(int).min())
    last = int(members["left_date"].str[:4].astype(int).max())
    assert cat.loc["warsaw_pact_members", "years"] == f"{first}–{last}"
    assert cat.loc["wars_long_run", "years"].startswith("2600 BCE")


def test_peace_table_shows_names_and_rounded_shares_but_keeps_the_values():
    events = irc.load("wars_long_run")
    peace = peace_years(events)
    rows = _cells(peace._repr_html_())
    assert [r[0] for r in rows] == [t(f"wars.series.{k}") for k in peace["series"]]
    assert not any("|" in cell for row in rows for cell in row)
    for row, (_, r) in zip(rows, peace.iterrows()):
        assert row[-1] == f"{100 * r['peace_years'] / r['years']:.1f}"
        assert re.fullmatch(r"\d+(\.\d)?", row[-1])
    # The data are untouched: the chart and the homework use the exact share and the keys.
    assert peace.loc[0, "series"] == "Wikipedia battles|battle"
    assert peace.loc[0, "peace_share"] == 100 * peace.loc[0, "peace_years"] / peace.loc[0, "years"]
    assert type(peace.set_index("series")) is pd.DataFrame
