"""The alliance tables (``ircourse.build.alliances``) against the dated facts of NATO and the Warsaw Pact.

The facts are written out here from their sources, independently of the build module:

* NATO accessions: NATO, "NATO member countries" (nato.int, checked early 2026); the 12 founders
  signed the North Atlantic Treaty in Washington on 4 April 1949.
* Warsaw Pact: Treaty of Friendship, Co-operation and Mutual Assistance, Warsaw, 14 May 1955 (eight
  signatories); Albania's formal withdrawal on 13 September 1968; the GDR's withdrawal on
  24 September 1990 before German reunification; dissolution on 1 July 1991 (Prague protocol).
  V. Mastny & M. Byrne (eds.), *A Cardboard Castle?* (CEU Press, 2005).

Each test calls a build function directly and compares its table with these facts, so a bug in the
build fails a named test, not only the byte comparison of ``data/`` (``tests/test_data.py``).
"""

from __future__ import annotations

import pytest

from ircourse.build import alliances
from ircourse.build.alliances import (
    alliance_size,
    alliance_size_by_year,
    bloc_map,
    members_on,
    nato_members,
    warsaw_pact_members,
)

#: NATO accession rounds (nato.int): date -> members joining that day.
NATO_ROUNDS = {
    "1949-04-04": ["Belgium", "Canada", "Denmark", "France", "Iceland", "Italy", "Luxembourg", "Netherlands",
                   "Norway", "Portugal", "United Kingdom", "United States"],
    "1952-02-18": ["Greece", "Turkey (Türkiye)"],
    "1955-05-06": ["Germany"],
    "1982-05-30": ["Spain"],
    "1999-03-12": ["Czech Republic (Czechia)", "Hungary", "Poland"],
    "2004-03-29": ["Bulgaria", "Estonia", "Latvia", "Lithuania", "Romania", "Slovakia", "Slovenia"],
    "2009-04-01": ["Albania", "Croatia"],
    "2017-06-05": ["Montenegro"],
    "2020-03-27": ["North Macedonia"],
    "2023-04-04": ["Finland"],
    "2024-03-07": ["Sweden"],
}
NATO_ISO3 = {
    "Belgium": "BEL", "Canada": "CAN", "Denmark": "DNK", "France": "FRA", "Iceland": "ISL", "Italy": "ITA",
    "Luxembourg": "LUX", "Netherlands": "NLD", "Norway": "NOR", "Portugal": "PRT", "United Kingdom": "GBR",
    "United States": "USA", "Greece": "GRC", "Turkey (Türkiye)": "TUR", "Germany": "DEU", "Spain": "ESP",
    "Czech Republic (Czechia)": "CZE", "Hungary": "HUN", "Poland": "POL", "Bulgaria": "BGR", "Estonia": "EST",
    "Latvia": "LVA", "Lithuania": "LTU", "Romania": "ROU", "Slovakia": "SVK", "Slovenia": "SVN",
    "Albania": "ALB", "Croatia": "HRV", "Montenegro": "MNE", "North Macedonia": "MKD", "Finland": "FIN",
    "Sweden": "SWE",
}
DISSOLVED = "1991-07-01"
#: The eight signatories of 14 May 1955 and the day each left (the dissolution for six of them).
WARSAW_LEFT = {"USSR": DISSOLVED, "Poland": DISSOLVED, "Czechoslovakia": DISSOLVED, "Hungary": DISSOLVED,
               "Romania": DISSOLVED, "Bulgaria": DISSOLVED, "German Democratic Republic": "1990-09-24",
               "Albania": "1968-09-13"}
#: Today's states on each signatory's territory (for the modern-borders map): the USSR's 15 successors.
USSR_SUCCESSORS = {"RUS", "UKR", "BLR", "MDA", "EST", "LVA", "LTU", "GEO", "ARM", "AZE", "KAZ", "UZB", "TKM",
                   "KGZ", "TJK"}
WARSAW_TERRITORY = {"USSR": USSR_SUCCESSORS, "Poland": {"POL"}, "Czechoslovakia": {"CZE", "SVK"},
                    "Hungary": {"HUN"}, "Romania": {"ROU"}, "Bulgaria": {"BGR"},
                    "German Democratic Republic": {"DEU"}, "Albania": {"ALB"}}


def nato_on(date: str) -> set[str]:
    return {c for day, joined in NATO_ROUNDS.items() if day <= date for c in joined}


def warsaw_on(date: str) -> set[str]:
    return {c for c, left in WARSAW_LEFT.items() if "1955-05-14" <= date < left}


# ------------------------------------------------------------------------------------------- members

def test_nato_members_table():
    nato = nato_members()
    assert list(nato.columns) == ["country", "iso3", "accession_date", "accession_year", "enlargement_round",
                                  "founding_member", "note", "source"]
    expected = sorted((day, c) for day, joined in NATO_ROUNDS.items() for c in joined)
    assert list(zip(nato["accession_date"], nato["country"])) == expected     # by date, then name
    assert nato.index.tolist() == list(range(32))
    assert dict(zip(nato["country"], nato["iso3"])) == NATO_ISO3
    assert (nato["accession_year"] == nato["accession_date"].str[:4].astype(int)).all()
    assert nato["accession_year"].dtype.kind == "i"
    assert (nato["enlargement_round"] == nato["accession_year"]).all()
    assert set(nato.loc[nato["founding_member"], "country"]) == set(NATO_ROUNDS["1949-04-04"])
    assert nato["founding_member"].sum() == 12
    assert all("nato.int" in source and "4 April 1949" in source for source in nato["source"])


def test_warsaw_pact_members_table():
    wp = warsaw_pact_members()
    assert list(wp.columns) == ["country", "iso3_today", "joined_date", "left_date", "left_year",
                                "founding_member", "note", "source"]
    assert dict(zip(wp["country"], wp["left_date"])) == WARSAW_LEFT
    assert (wp["joined_date"] == "1955-05-14").all() and wp["founding_member"].tolist() == [True] * 8
    assert (wp["left_year"] == wp["left_date"].str[:4].astype(int)).all()
    assert wp["left_year"].dtype.kind == "i"
    assert {c: set(codes.split(";")) for c, codes in zip(wp["country"], wp["iso3_today"])} == WARSAW_TERRITORY
    assert all("14 May 1955" in source and "Mastny" in source for source in wp["source"])


@pytest.mark.parametrize("date", ["1949-04-03", "1949-04-04", "1952-02-17", "1952-02-18", "1955-05-13",
                                  "1955-05-14", "1968-09-12", "1968-09-13", "1990-09-23", "1990-09-24",
                                  "1991-06-30", "1991-07-01", "2023-04-04", "2024-03-06", "2024-03-07",
                                  "2025-12-31"])
def test_members_on_a_day_count_the_day_itself(date):
    """A state is a member from its accession day on, and no longer on the day it leaves."""
    members = members_on(date)
    assert set(members) == {"NATO", "Warsaw Pact"}
    assert set(members["NATO"]) == nato_on(date) and len(members["NATO"]) == len(nato_on(date))
    assert set(members["Warsaw Pact"]) == warsaw_on(date)


def test_members_on_the_days_of_the_article():
    assert "Sweden" in members_on("2024-03-07")["NATO"] and len(members_on("2024-03-07")["NATO"]) == 32
    assert "Sweden" not in members_on("2024-03-06")["NATO"] and len(members_on("2024-03-06")["NATO"]) == 31
    assert "Albania" in members_on("1968-09-12")["Warsaw Pact"]
    assert "Albania" not in members_on("1968-09-13")["Warsaw Pact"]
    assert members_on("1991-07-01")["Warsaw Pact"] == []


# ---------------------------------------------------------------------------------------- sizes

def test_alliance_size_is_the_dated_record_of_changes():
    expected = [
        ("NATO", "1949-04-04", 1949, 12, "North Atlantic Treaty signed by 12 founders"),
        ("NATO", "1952-02-18", 1952, 14, "Greece, Turkey (Türkiye) join"),
        ("NATO", "1955-05-06", 1955, 15, "Germany joins"),
        ("NATO", "1982-05-30", 1982, 16, "Spain joins"),
        ("NATO", "1999-03-12", 1999, 19, "Czech Republic (Czechia), Hungary, Poland join"),
        ("NATO", "2004-03-29", 2004, 26,
         "Bulgaria, Estonia, Latvia, Lithuania, Romania, Slovakia, Slovenia join"),
        ("NATO", "2009-04-01", 2009, 28, "Albania, Croatia join"),
        ("NATO", "2017-06-05", 2017, 29, "Montenegro joins"),
        ("NATO", "2020-03-27", 2020, 30, "North Macedonia joins"),
        ("NATO", "2023-04-04", 2023, 31, "Finland joins"),
        ("NATO", "2024-03-07", 2024, 32, "Sweden joins"),
        ("Warsaw Pact", "1955-05-14", 1955, 8, "Warsaw Treaty signed by 8 states"),
        ("Warsaw Pact", "1968-09-13", 1968, 7, "Albania leaves"),
        ("Warsaw Pact", "1990-09-24", 1990, 6, "German Democratic Republic leaves"),
        ("Warsaw Pact", "1991-07-01", 1991, 0, "Warsaw Pact dissolved in Prague"),
    ]
    size = alliance_size()
    assert list(size.columns) == ["alliance", "date", "year", "members", "event", "source"]
    rows = size[["alliance", "date", "year", "members", "event"]].itertuples(index=False, name=None)
    assert list(rows) == expected
    assert size["year"].dtype.kind == "i" and size["members"].dtype.kind == "i"
    nato, wp = size["alliance"] == "NATO", size["alliance"] == "Warsaw Pact"
    assert all("nato.int" in source for source in size.loc[nato, "source"])
    assert all("Warsaw, 14 May 1955" in source for source in size.loc[wp, "source"])


def test_alliance_size_counts_agree_with_the_member_lists():
    size = alliance_size()
    for row in size.itertuples():
        members = members_on(row.date)["NATO" if row.alliance == "NATO" else "Warsaw Pact"]
        assert len(members) == row.members, (row.alliance, row.date)


def test_alliance_size_by_year_on_31_december():
    by_year = alliance_size_by_year()
    assert list(by_year.columns) == ["alliance", "year", "members"]
    expected = [("NATO", y, len(nato_on(f"{y}-12-31"))) for y in range(1949, 2026)]
    expected += [("Warsaw Pact", y, len(warsaw_on(f"{y}-12-31"))) for y in range(1955, 1992)]
    assert list(by_year.itertuples(index=False, name=None)) == sorted(expected)
    assert by_year.index.tolist() == list(range(len(expected)))
    table = by_year.set_index(["alliance", "year"])["members"]
    assert table[("NATO", 1949)] == 12 and table[("NATO", 2023)] == 31 and table[("NATO", 2025)] == 32
    assert table[("Warsaw Pact", 1968)] == 7 and table[("Warsaw Pact", 1990)] == 6
    assert table[("Warsaw Pact", 1991)] == 0


# ------------------------------------------------------------------------------------------ the map

def _expected_blocs(year: int) -> dict[str, str]:
    """Bloc of each of today's states on 31 December of ``year``, from the facts above."""
    date = f"{year}-12-31"
    blocs = {code: "Warsaw Pact" for member in warsaw_on(date) for code in WARSAW_TERRITORY[member]}
    for member in nato_on(date):
        # Greenland is drawn with Denmark (part of the Kingdom of Denmark).
        for code in [NATO_ISO3[member]] + (["GRL"] if member == "Denmark" else []):
            blocs[code] = "Divided Germany" if blocs.get(code) == "Warsaw Pact" else "NATO"
    return blocs


def test_bloc_map_every_year_from_the_facts():
    blocs = bloc_map()
    assert list(blocs.columns) == ["year", "iso3", "bloc"]
    assert (blocs["year"].min(), blocs["year"].max()) == (1949, 2025)
    for year, part in blocs.groupby("year"):
        assert dict(zip(part["iso3"], part["bloc"])) == _expected_blocs(year), year
    assert blocs.index.tolist() == list(range(len(blocs)))
    rows = list(blocs.itertuples(index=False, name=None))
    assert rows == sorted(rows, key=lambda r: (r[0], r[2], r[1]))      # by year, bloc, then country


@pytest.mark.parametrize("year, divided", [(1954, False), (1955, True), (1989, True), (1990, False)])
def test_bloc_map_divided_germany(year, divided):
    germany = bloc_map().query("year == @year and iso3 == 'DEU'")["bloc"].tolist()
    # West Germany joined NATO on 6 May 1955 and the GDR signed the Warsaw Treaty on 14 May 1955; the GDR
    # left on 24 September 1990. Before 1955 neither German state was in either alliance.
    assert germany == (["Divided Germany"] if divided else ([] if year < 1955 else ["NATO"]))


# ------------------------------------------------------------- the rules, on hypothetical membership tables

def test_states_leaving_on_the_same_day_are_one_change(monkeypatch):
    """Hypothetical: if Romania had left with Albania, the record would show one change of two states."""
    table = [(c, codes, joined, "1968-09-13" if c == "Romania" else left, note)
             for c, codes, joined, left, note in alliances.WARSAW]
    monkeypatch.setattr(alliances, "WARSAW", table)
    wp = alliance_size().query("alliance == 'Warsaw Pact'")
    assert wp[["date", "members", "event"]].values.tolist() == [
        ["1955-05-14", 8, "Warsaw Treaty signed by 8 states"],
        ["1968-09-13", 6, "Romania, Albania leave"],             # in the order of the fact sheet
        ["1990-09-24", 5, "German Democratic Republic leaves"],
        ["1991-07-01", 0, "Warsaw Pact dissolved in Prague"]]


def test_the_map_counts_members_on_31_december(monkeypatch):
    """Hypothetical dates on 31 December: joining that day counts for the year, leaving that day does not."""
    nato = [(c, iso, "1999-12-31" if c == "Spain" else day, note) for c, iso, day, note in alliances.NATO]
    warsaw = [(c, codes, "1955-12-31" if c == "Romania" else joined,
               "1960-12-31" if c == "Albania" else left, note)
              for c, codes, joined, left, note in alliances.WARSAW]
    monkeypatch.setattr(alliances, "NATO", nato)
    monkeypatch.setattr(alliances, "WARSAW", warsaw)
    blocs = bloc_map().set_index(["year", "iso3"])["bloc"]
    assert blocs.get((1998, "ESP")) is None and blocs[(1999, "ESP")] == "NATO"
    assert blocs[(1959, "ALB")] == "Warsaw Pact" and blocs.get((1960, "ALB")) is None
    assert blocs[(1955, "ROU")] == "Warsaw Pact"
    by_year = alliance_size_by_year().set_index(["alliance", "year"])["members"]
    assert by_year[("NATO", 1999)] == 19 and by_year[("NATO", 1998)] == 15
    assert by_year[("Warsaw Pact", 1960)] == 7
