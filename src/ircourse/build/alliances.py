"""Alliances of the bipolar world: NATO (1949-) and the Warsaw Pact (1955-1991).

The membership facts are not in any raw file (COW's IGO data stop in 2014): they are the dated
tables A and B of the course fact sheet, each row with its source.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import Field, Resource, Source

NATO_SOURCE = "NATO, 'NATO member countries' (nato.int); North Atlantic Treaty, Washington, 4 April 1949"
WARSAW_SOURCE = (
    "Treaty of Friendship, Co-operation and Mutual Assistance, Warsaw, 14 May 1955 (Avalon Project); "
    "V. Mastny & M. Byrne (eds.), A Cardboard Castle? An Inside History of the Warsaw Pact 1955-1991 "
    "(CEU Press, 2005); Britannica, 'Warsaw Pact'"
)

#: Fact sheet Table A: (member, ISO-3, accession date, note). Founders are dated by the signature.
NATO = [
    ("Belgium", "BEL", "1949-04-04", ""),
    ("Canada", "CAN", "1949-04-04", ""),
    ("Denmark", "DNK", "1949-04-04", "Greenland is covered as part of the Kingdom of Denmark"),
    ("France", "FRA", "1949-04-04", "Left the integrated military command in 1966; fully rejoined in 2009"),
    ("Iceland", "ISL", "1949-04-04", "No armed forces"),
    ("Italy", "ITA", "1949-04-04", ""),
    ("Luxembourg", "LUX", "1949-04-04", ""),
    ("Netherlands", "NLD", "1949-04-04", ""),
    ("Norway", "NOR", "1949-04-04", ""),
    ("Portugal", "PRT", "1949-04-04", ""),
    ("United Kingdom", "GBR", "1949-04-04", ""),
    ("United States", "USA", "1949-04-04", "Depositary of the treaty"),
    ("Greece", "GRC", "1952-02-18", "Out of the military structure 1974-1980"),
    ("Turkey (Türkiye)", "TUR", "1952-02-18", ""),
    ("Germany", "DEU", "1955-05-06",
     "Joined as West Germany (FRG); some sources give 9 May 1955 (flag raised at NATO HQ); "
     "reunified Germany since 3 October 1990"),
    ("Spain", "ESP", "1982-05-30", ""),
    ("Czech Republic (Czechia)", "CZE", "1999-03-12", ""),
    ("Hungary", "HUN", "1999-03-12", ""),
    ("Poland", "POL", "1999-03-12", ""),
    ("Bulgaria", "BGR", "2004-03-29", ""),
    ("Estonia", "EST", "2004-03-29", ""),
    ("Latvia", "LVA", "2004-03-29", ""),
    ("Lithuania", "LTU", "2004-03-29", ""),
    ("Romania", "ROU", "2004-03-29", ""),
    ("Slovakia", "SVK", "2004-03-29", ""),
    ("Slovenia", "SVN", "2004-03-29", ""),
    ("Albania", "ALB", "2009-04-01", ""),
    ("Croatia", "HRV", "2009-04-01", ""),
    ("Montenegro", "MNE", "2017-06-05", ""),
    ("North Macedonia", "MKD", "2020-03-27", ""),
    ("Finland", "FIN", "2023-04-04", "With Finland NATO had 31 members, the article's count"),
    ("Sweden", "SWE", "2024-03-07", ""),
]

WARSAW_DISSOLVED = "1991-07-01"

#: Fact sheet Table B: (member, ISO-3 codes of today's states on its territory, joined, left, note).
WARSAW = [
    ("USSR", "RUS;UKR;BLR;MDA;EST;LVA;LTU;GEO;ARM;AZE;KAZ;UZB;TKM;KGZ;TJK", "1955-05-14", WARSAW_DISSOLVED,
     "Signed by N. A. Bulganin"),
    ("Poland", "POL", "1955-05-14", WARSAW_DISSOLVED,
     "Signed by J. Cyrankiewicz; the Pact was signed in Warsaw. Omitted from the article's list"),
    ("Czechoslovakia", "CZE;SVK", "1955-05-14", WARSAW_DISSOLVED, "Invaded by Pact forces 20-21 August 1968"),
    ("Hungary", "HUN", "1955-05-14", WARSAW_DISSOLVED,
     "Nagy declared withdrawal on 1 November 1956; reversed after the Soviet intervention of 4 November 1956"),
    ("Romania", "ROU", "1955-05-14", WARSAW_DISSOLVED, "Did not join the 1968 invasion of Czechoslovakia"),
    ("Bulgaria", "BGR", "1955-05-14", WARSAW_DISSOLVED, "Ratification deposited 31 May 1955"),
    ("German Democratic Republic", "DEU", "1955-05-14", "1990-09-24",
     "Its army joined the Unified Armed Forces in January 1956 (hence '1956' in some lists); withdrew before "
     "reunification on 3 October 1990 (day: medium-high confidence)"),
    ("Albania", "ALB", "1955-05-14", "1968-09-13",
     "Stopped participating 1961-62; formal withdrawal 13 September 1968 (day: medium-high confidence)"),
]

#: Today's territories shown for a member on a modern-borders map, beyond its own ISO-3 code.
MAP_EXTRA_TERRITORIES = {"DNK": ["GRL"]}


def nato_members(raw: Path | None = None) -> pd.DataFrame:
    """Return NATO's 32 members with accession dates (resource ``nato_members``)."""
    df = pd.DataFrame(NATO, columns=["country", "iso3", "accession_date", "note"])
    df["accession_year"] = df["accession_date"].str[:4].astype(int)
    df["enlargement_round"] = df["accession_year"]
    df["founding_member"] = df["accession_year"] == 1949
    df["source"] = NATO_SOURCE
    cols = ["country", "iso3", "accession_date", "accession_year", "enlargement_round", "founding_member",
            "note", "source"]
    return df[cols].sort_values(["accession_date", "country"], kind="stable").reset_index(drop=True)


def warsaw_pact_members(raw: Path | None = None) -> pd.DataFrame:
    """Return the eight Warsaw Pact states with join and leave dates (resource ``warsaw_pact_members``)."""
    df = pd.DataFrame(WARSAW, columns=["country", "iso3_today", "joined_date", "left_date", "note"])
    df["left_year"] = df["left_date"].str[:4].astype(int)
    df["founding_member"] = df["joined_date"] == "1955-05-14"
    df["source"] = WARSAW_SOURCE
    cols = ["country", "iso3_today", "joined_date", "left_date", "left_year", "founding_member", "note", "source"]
    return df[cols]


def alliance_size(raw: Path | None = None) -> pd.DataFrame:
    """Return each alliance's member count after every change of membership (resource ``alliance_size``)."""
    rows = []
    nato = nato_members()
    count = 0
    for date, group in nato.groupby("accession_date", sort=True):
        count += len(group)
        joined = ", ".join(group["country"])
        event = ("North Atlantic Treaty signed by 12 founders" if date == "1949-04-04"
                 else f"{joined} join" + ("s" if len(group) == 1 else ""))
        rows.append(("NATO", date, count, event))
    wp = warsaw_pact_members()
    rows.append(("Warsaw Pact", "1955-05-14", len(wp), "Warsaw Treaty signed by 8 states"))
    count = len(wp)
    for date, group in wp[wp["left_date"] < WARSAW_DISSOLVED].groupby("left_date", sort=True):
        count -= len(group)
        rows.append(("Warsaw Pact", date, count, ", ".join(group["country"]) + (" leaves" if len(group) == 1 else " leave")))
    rows.append(("Warsaw Pact", WARSAW_DISSOLVED, 0, "Warsaw Pact dissolved in Prague"))
    df = pd.DataFrame(rows, columns=["alliance", "date", "members", "event"])
    df["year"] = df["date"].str[:4].astype(int)
    df["source"] = df["alliance"].map({"NATO": NATO_SOURCE, "Warsaw Pact": WARSAW_SOURCE})
    return df[["alliance", "date", "year", "members", "event", "source"]]


def members_on(date: str) -> dict[str, list[str]]:
    """Return the members of each alliance on ``date`` (ISO ``YYYY-MM-DD``).

    Examples
    --------
    >>> len(members_on("2024-03-07")["NATO"]), len(members_on("1956-01-01")["Warsaw Pact"])
    (32, 8)
    """
    nato = nato_members()
    wp = warsaw_pact_members()
    return {
        "NATO": nato.loc[nato["accession_date"] <= date, "country"].tolist(),
        "Warsaw Pact": wp.loc[(wp["joined_date"] <= date) & (wp["left_date"] > date), "country"].tolist(),
    }


LAST_YEAR = 2025


def alliance_size_by_year(raw: Path | None = None) -> pd.DataFrame:
    """Return members on 31 December of each year (resource ``alliance_size_by_year``)."""
    rows = []
    for year in range(1949, LAST_YEAR + 1):
        members = members_on(f"{year}-12-31")
        rows.append(("NATO", year, len(members["NATO"])))
        if 1955 <= year <= 1991:
            rows.append(("Warsaw Pact", year, len(members["Warsaw Pact"])))
    return pd.DataFrame(rows, columns=["alliance", "year", "members"]).sort_values(
        ["alliance", "year"]).reset_index(drop=True)


def bloc_map(raw: Path | None = None) -> pd.DataFrame:
    """Return, for each year, the bloc of each of today's states on a world map (resource ``bloc_map``)."""
    nato = nato_members()
    wp = warsaw_pact_members()
    rows = []
    for year in range(1949, LAST_YEAR + 1):
        date = f"{year}-12-31"
        blocs: dict[str, str] = {}
        for _, m in wp[(wp["joined_date"] <= date) & (wp["left_date"] > date)].iterrows():
            for code in m["iso3_today"].split(";"):
                blocs[code] = "Warsaw Pact"
        for _, m in nato[nato["accession_date"] <= date].iterrows():
            for code in [m["iso3"], *MAP_EXTRA_TERRITORIES.get(m["iso3"], [])]:
                blocs[code] = "Divided Germany" if blocs.get(code) == "Warsaw Pact" else "NATO"
        rows += [(year, code, bloc) for code, bloc in blocs.items()]
    df = pd.DataFrame(rows, columns=["year", "iso3", "bloc"])
    return df.sort_values(["year", "bloc", "iso3"]).reset_index(drop=True)


_SOURCES = (
    Source(NATO_SOURCE + "; as tabulated in the course fact sheet, Table A"),
    Source(WARSAW_SOURCE + "; as tabulated in the course fact sheet, Table B"),
)
_LICENCE = "Facts (dates of treaties and accessions); compiled by the course, MIT"

RESOURCES = [
    Resource(
        name="nato_members",
        title="NATO members with accession dates (32, since 7 March 2024)",
        description="One row per NATO member state: when it joined and in which enlargement round.",
        build=nato_members,
        fields=(
            Field("country", "string", "Member state (today's name)", required=True),
            Field("iso3", "string", "ISO 3166-1 alpha-3 code, for maps", required=True),
            Field("accession_date", "date", "Date of accession (founders: signature, 4 April 1949)",
                  required=True),
            Field("accession_year", "integer", "Year of accession", "year", required=True),
            Field("enlargement_round", "integer", "Enlargement round, named by its year", "year", required=True),
            Field("founding_member", "boolean", "One of the 12 founders", required=True),
            Field("note", "string", "Remarks"),
            Field("source", "string", "Where the fact comes from", required=True),
        ),
        sources=_SOURCES[:1],
        licence=_LICENCE,
        short_source="NATO, 'NATO member countries'",
        primary_key=("country",),
        caveats=("Membership can change: re-check nato.int (verified to early 2026).",),
        year_field="accession_year",
    ),
    Resource(
        name="warsaw_pact_members",
        title="Warsaw Pact members with join and leave dates (8 signatories, 1955-1991)",
        description="One row per signatory of the Warsaw Treaty of 14 May 1955, with the date it left.",
        build=warsaw_pact_members,
        fields=(
            Field("country", "string", "Member state (name at the time)", required=True),
            Field("iso3_today", "string", "ISO-3 codes of today's states on its territory, ';'-separated "
                  "(for a modern-borders map)", required=True),
            Field("joined_date", "date", "Date it joined", required=True),
            Field("left_date", "date", "Date it left, or the Pact's dissolution (1 July 1991)", required=True),
            Field("left_year", "integer", "Year it left", "year", required=True),
            Field("founding_member", "boolean", "Signed on 14 May 1955", required=True),
            Field("note", "string", "Remarks"),
            Field("source", "string", "Where the fact comes from", required=True),
        ),
        sources=_SOURCES[1:],
        licence=_LICENCE,
        short_source="Warsaw Treaty 1955; Mastny & Byrne (2005)",
        primary_key=("country",),
        caveats=("Observers (PR China, Mongolia, North Korea, Vietnam) are not members and are not listed.",),
    ),
    Resource(
        name="alliance_size",
        title="NATO and Warsaw Pact: member count after each change",
        description="One row per date on which an alliance's membership changed, with the count after it.",
        build=alliance_size,
        fields=(
            Field("alliance", "string", "Alliance", required=True, enum=("NATO", "Warsaw Pact")),
            Field("date", "date", "Date of the change", required=True),
            Field("year", "integer", "Year of the change", "year", required=True),
            Field("members", "integer", "Members after the change", "states", required=True),
            Field("event", "string", "What changed", required=True),
            Field("source", "string", "Where the fact comes from", required=True),
        ),
        sources=_SOURCES,
        licence=_LICENCE,
        short_source="NATO; Warsaw Treaty 1955; Mastny & Byrne (2005)",
        primary_key=("alliance", "date"),
        year_field="year",
    ),
    Resource(
        name="alliance_size_by_year",
        title="NATO and Warsaw Pact: members on 31 December of each year",
        description=("One row per alliance and year: the number of members on 31 December "
                     f"(NATO 1949-{LAST_YEAR}; Warsaw Pact 1955-1991, 0 in 1991 after its dissolution)."),
        build=alliance_size_by_year,
        fields=(
            Field("alliance", "string", "Alliance", required=True, enum=("NATO", "Warsaw Pact")),
            Field("year", "integer", "Year", "year", required=True),
            Field("members", "integer", "Members on 31 December", "states", required=True),
        ),
        sources=_SOURCES,
        licence=_LICENCE,
        short_source="NATO; Warsaw Treaty 1955; Mastny & Byrne (2005)",
        primary_key=("alliance", "year"),
        year_field="year",
    ),
    Resource(
        name="bloc_map",
        title="Bloc of each of today's states on 31 December, 1949-2025, for a world map",
        description=(
            "One row per year and today's state (ISO-3) that lay in NATO or the Warsaw Pact on 31 December. "
            "The Soviet Union is shown as its 15 successor states and Czechoslovakia as Czechia and Slovakia; "
            "Germany 1955-1989, split between West Germany (NATO) and the GDR (Warsaw Pact), is 'Divided "
            "Germany'."
        ),
        build=bloc_map,
        fields=(
            Field("year", "integer", "Year", "year", required=True),
            Field("iso3", "string", "ISO-3 code of today's state", required=True),
            Field("bloc", "string", "Bloc on 31 December", required=True,
                  enum=("NATO", "Warsaw Pact", "Divided Germany")),
        ),
        sources=_SOURCES,
        licence=_LICENCE,
        short_source="NATO; Warsaw Treaty 1955; Mastny & Byrne (2005)",
        primary_key=("year", "iso3"),
        caveats=(
            "A modern-borders map of a historical alliance is an approximation: the Baltic states, for "
            "instance, were annexed by the USSR, an annexation many Western states never recognised.",
        ),
        year_field="year",
    ),
]
