"""Globalization: world trade since 1800 and Chinese overseas lending since 2000.

* ``world_trade``: one row per year 1800-2014 with the Federico & Tena-Junguito world trade volume index
  (1913 = 100) and, from 1950, world trade as a share of world GDP (Penn World Table 9.0);
* ``chinese_lending``: AidData's Global Chinese Development Finance Dataset v3.0, aggregated to
  recipient country and year (2000-2021), with the COW region and the UN M49 continent of the recipient;
* ``chinese_loans_africa``: the individual Chinese loans to African governments listed by the Boston
  University Global Development Policy Center (a third-party scrape, 2000-2020).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from . import Field, Resource, Source
from .cow import STATES_RAW, state_names

TRADE_VOLUME_RAW = "owid-globalization/trade_openness_giovanni_tena_junguito_2016.csv"
TRADE_SHARE_RAW = "owid-globalization/globalization_over_5_centuries.csv"
GCDF_RAW = "china-overseas-lending/aiddata_gcdf3_country_year_cow.csv"
AFRICA_RAW = "china-overseas-lending/chinese_loans_to_africa.csv"

TRADE_FIRST_YEAR, TRADE_LAST_YEAR = 1800, 2014

# --------------------------------------------------------------------------------------------------
# World trade
# --------------------------------------------------------------------------------------------------


def build_world_trade(raw: Path) -> pd.DataFrame:
    """One row per year 1800-2014: world trade volume index (1913 = 100) and trade as % of world GDP.

    Years the sources do not cover keep empty cells (the volume index has no values for 1939-1949, the
    GDP share none before 1950), so that charts show the gaps instead of bridging them.

    Parameters
    ----------
    raw : Path
        The ``shared/data-sources`` folder.

    Returns
    -------
    pandas.DataFrame
        Columns ``year, trade_volume_index, trade_share_gdp``, sorted by year.

    Raises
    ------
    ValueError
        If the volume index is not 100 in 1913 or a raw file holds another entity than "World".
    """
    volume = pd.read_csv(raw / TRADE_VOLUME_RAW)
    share = pd.read_csv(raw / TRADE_SHARE_RAW)
    for name, src in (("volume", volume), ("share", share)):
        if set(src["Entity"]) != {"World"}:
            raise ValueError(f"world_trade: the {name} file holds entities other than 'World'")
    volume = volume.set_index("Year").iloc[:, -1]
    share = share.set_index("Year").iloc[:, -1]
    if round(float(volume.loc[1913]), 6) != 100.0:
        raise ValueError(f"world_trade: volume index is {volume.loc[1913]} in 1913, expected 100")
    years = pd.Index(range(TRADE_FIRST_YEAR, TRADE_LAST_YEAR + 1), name="year")
    df = pd.DataFrame({"trade_volume_index": volume.reindex(years), "trade_share_gdp": share.reindex(years)})
    return df.reset_index()


# --------------------------------------------------------------------------------------------------
# Chinese lending (AidData GCDF 3.0)
# --------------------------------------------------------------------------------------------------

#: COW state-code ranges and the regions they conventionally stand for (COW numbers states by region).
COW_REGIONS: tuple[tuple[int, int, str], ...] = (
    (2, 165, "Americas"),
    (200, 395, "Europe"),
    (400, 626, "Africa"),
    (630, 698, "Middle East"),
    (700, 990, "Asia & Oceania"),
)

#: UN M49 regions ("continents") of the United Nations Statistics Division, "Standard country or area
#: codes for statistical use (M49)": Africa, Americas, Asia, Europe, Oceania.
M49_CONTINENTS = ("Africa", "Americas", "Asia", "Europe", "Oceania")

#: Where the M49 region differs from the COW code range: COW's "Europe" holds Cyprus (352), Armenia
#: (371), Georgia (372) and Azerbaijan (373), which M49 puts in Western Asia; COW's "Middle East" is
#: Western Asia (and Iran, Southern Asia) except Egypt (651), which M49 puts in Northern Africa; COW's
#: "Asia & Oceania" splits at 900 (Australia), the first Oceanian code.
M49_EXCEPTIONS = {352: "Asia", 371: "Asia", 372: "Asia", 373: "Asia", 651: "Africa"}
_COW_TO_M49 = {"Americas": "Americas", "Europe": "Europe", "Africa": "Africa", "Middle East": "Asia"}

#: Raw GCDF column -> course column; amounts go from USD to million USD.
GCDF_AMOUNTS = {
    "oof_amt": "oof_usd_m",
    "oof_adj": "oof_adj_usd_m",
    "oda_amt": "oda_usd_m",
    "oda_adj": "oda_adj_usd_m",
    "vof_amt": "vof_usd_m",
    "vof_adj": "vof_adj_usd_m",
}


def cow_region(ccode: int) -> str:
    """Return the region a COW state code belongs to by the COW numbering convention.

    Parameters
    ----------
    ccode : int
        Correlates of War state code.

    Returns
    -------
    str
        ``"Americas"``, ``"Europe"``, ``"Africa"``, ``"Middle East"`` or ``"Asia & Oceania"``.

    Raises
    ------
    ValueError
        If the code falls outside the COW ranges.
    """
    for low, high, region in COW_REGIONS:
        if low <= ccode <= high:
            return region
    raise ValueError(f"COW code {ccode} is outside the COW regional ranges")


def m49_continent(ccode: int) -> str:
    """Return the UN M49 region (continent) of a state, from its COW code.

    The COW code ranges follow world regions, and M49 differs from them only for the states of
    :data:`M49_EXCEPTIONS` and at the Asia/Oceania boundary (code 900). For the 138 recipients of
    ``chinese_lending`` the result was checked against the M49 sub-regions listed in the PyPI package
    country_converter 1.3.2 (column ``UNregion``, joined on Gleditsch-Ward codes): no differences.

    Parameters
    ----------
    ccode : int
        Correlates of War state code.

    Returns
    -------
    str
        ``"Africa"``, ``"Americas"``, ``"Asia"``, ``"Europe"`` or ``"Oceania"``.

    Raises
    ------
    ValueError
        If the code falls outside the COW ranges.
    """
    if ccode in M49_EXCEPTIONS:
        return M49_EXCEPTIONS[ccode]
    region = cow_region(ccode)
    if region == "Asia & Oceania":
        return "Oceania" if ccode >= 900 else "Asia"
    return _COW_TO_M49[region]


def build_chinese_lending(raw: Path) -> pd.DataFrame:
    """One row per recipient country and year with recorded Chinese official finance commitments, 2000-2021.

    Parameters
    ----------
    raw : Path
        The ``shared/data-sources`` folder.

    Returns
    -------
    pandas.DataFrame
        Amounts in million constant 2021 USD, sorted by year then ccode.
    """
    src = pd.read_csv(raw / GCDF_RAW)
    names = state_names(raw)
    df = src[["ccode", "year"]].copy()
    df.insert(1, "country", df["ccode"].map(names).fillna(df["ccode"].astype(str)))
    df.insert(2, "region", df["ccode"].map(cow_region))
    df.insert(3, "continent", df["ccode"].map(m49_continent))
    for old, new in GCDF_AMOUNTS.items():
        df[new] = src[old] / 1e6
    df["total_adj_usd_m"] = df[["oof_adj_usd_m", "oda_adj_usd_m", "vof_adj_usd_m"]].sum(axis=1)
    return df.sort_values(["year", "ccode"]).reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# Chinese loans to Africa (BU GDP Center / CARI, third-party scrape)
# --------------------------------------------------------------------------------------------------

_AMOUNT = re.compile(r"^\$(?P<number>[0-9][0-9,]*(?:\.[0-9]+)?)(?P<unit>[MB])$")


def parse_amount(text: str) -> float:
    """Parse a scraped amount such as ``"$90M"``, ``"$1,000M"`` or ``"$2.5B"`` into million USD.

    Parameters
    ----------
    text : str
        The amount as published.

    Returns
    -------
    float
        The amount in million US dollars.

    Raises
    ------
    ValueError
        If the text is not a dollar amount in millions (M) or billions (B).
    """
    match = _AMOUNT.match(text.strip())
    if not match:
        raise ValueError(f"unparseable amount: {text!r}")
    number = float(match["number"].replace(",", ""))
    return number * (1000.0 if match["unit"] == "B" else 1.0)


def build_chinese_loans_africa(raw: Path) -> pd.DataFrame:
    """One row per Chinese loan to an African government or regional institution, 2000-2020.

    Parameters
    ----------
    raw : Path
        The ``shared/data-sources`` folder.

    Returns
    -------
    pandas.DataFrame
        Sorted by year, country, then loan_id.
    """
    src = pd.read_csv(raw / AFRICA_RAW)
    df = pd.DataFrame(
        {
            "loan_id": src["S.no"].astype(int),
            "year": src["Year"].astype(int),
            "country": src["Country"].str.strip(),
            "lender": src["Lender"].str.strip(),
            "project": src["Project"].str.strip(),
            "amount_usd_million": src["$ Allocation"].map(parse_amount),
            "amount_as_published": src["$ Allocation"].str.strip(),
            "sector": src["Invested On"].str.strip(),
        }
    )
    return df.sort_values(["year", "country", "loan_id"]).reset_index(drop=True)


_GCDF_AMOUNT_DOC = {
    "oof": "other official flows (OOF-like: mostly loans on near-commercial terms)",
    "oda": "official development assistance (ODA-like: grants and concessional loans)",
    "vof": "vague official flows (terms too unclear to classify as ODA or OOF)",
}


def _gcdf_fields() -> tuple[Field, ...]:
    fields = [
        Field("ccode", "integer", "COW state code of the recipient.", required=True),
        Field(
            "country",
            "string",
            "COW state name of the recipient (states2016; the code itself if not found).",
            required=True,
        ),
        Field(
            "region",
            "string",
            "Region by the COW code-range convention: 2-165 Americas, 200-395 Europe, 400-626 Africa, "
            "630-698 Middle East (incl. Egypt, Turkey, Iran), 700-990 Asia & Oceania (incl. Central Asia).",
            required=True,
            enum=tuple(r for _, _, r in COW_REGIONS),
        ),
        Field(
            "continent",
            "string",
            "Continent by the UN M49 standard (UN Statistics Division): Egypt in Africa; Turkey, Iran, the "
            "Arab states of Asia, Israel, Cyprus and the Caucasus in Asia; Russia in Europe; Australia and "
            "the Pacific islands in Oceania.",
            required=True,
            enum=M49_CONTINENTS,
        ),
        Field("year", "integer", "Commitment year.", unit="year", required=True),
    ]
    for flow, doc in _GCDF_AMOUNT_DOC.items():
        fields.append(
            Field(
                f"{flow}_usd_m",
                "number",
                f"Commitments of {doc}: AidData 'amount'.",
                unit="million constant 2021 USD",
                required=True,
            )
        )
        fields.append(
            Field(
                f"{flow}_adj_usd_m",
                "number",
                f"Commitments of {doc}: AidData 'adjusted amount' (recommended for totals).",
                unit="million constant 2021 USD",
                required=True,
            )
        )
    fields.append(
        Field(
            "total_adj_usd_m",
            "number",
            "Sum of the three adjusted amounts: all recorded Chinese official finance committed to the "
            "recipient in the year.",
            unit="million constant 2021 USD",
            required=True,
        )
    )
    return tuple(fields)


RESOURCES = [
    Resource(
        name="world_trade",
        title="World trade since 1800: volume index and share of world GDP",
        description=(
            "One row per year 1800-2014: the volume of world trade as an index (world exports at constant "
            "prices, 1913 = 100; Federico & Tena-Junguito) and, from 1950, the sum of world exports and "
            "imports as a percentage of world GDP (Penn World Table 9.0). Empty cells where a series has no "
            "value."
        ),
        build=build_world_trade,
        fields=(
            Field("year", "integer", "Year.", unit="year", required=True),
            Field(
                "trade_volume_index",
                "number",
                "World exports at constant prices relative to 1913 (a volume index, not a share of GDP); "
                "empty for 1939-1949.",
                unit="index, 1913 = 100",
            ),
            Field(
                "trade_share_gdp",
                "number",
                "World exports plus imports as a share of world GDP (PWT 9.0); empty before 1950.",
                unit="% of world GDP",
            ),
        ),
        sources=(
            Source(
                title=(
                    "Federico, Giovanni and Antonio Tena-Junguito (2016). 'A tale of two globalizations: "
                    "gains from trade and openness 1800-2010.' CEPR Discussion Paper 11128; data appendix: "
                    "'World trade, 1800-1938: a new data-set', EHES Working Paper 93. Series 'World Trade "
                    "(relative to 1913)' as exported by Our World in Data (GitHub owid/owid-datasets, 'Trade "
                    "- Giovanni and Tena-Junguito (2016)', commit 48c9992)"
                ),
                path=f"shared/data-sources/{TRADE_VOLUME_RAW}",
            ),
            Source(
                title=(
                    "Feenstra, Robert C., Robert Inklaar and Marcel P. Timmer (2015). 'The Next Generation "
                    "of the Penn World Table.' American Economic Review 105(10): 3150-3182 (PWT 9.0). Series "
                    "'World trade (% of GDP) (PWT 9.0)' as exported by Our World in Data (GitHub "
                    "owid/owid-datasets, 'Globalization over 5 centuries', commit 48c9992)"
                ),
                path=f"shared/data-sources/{TRADE_SHARE_RAW}",
                version="PWT 9.0",
            ),
        ),
        licence=(
            "CC BY 4.0 (Our World in Data's compilation); cite Federico & Tena-Junguito (2016) and Feenstra, "
            "Inklaar & Timmer (2015)"
        ),
        short_source="Federico & Tena-Junguito (2016); Penn World Table 9.0; via Our World in Data",
        primary_key=("year",),
        caveats=(
            (
                "The volume index measures quantities (exports at constant prices), not openness: it rises "
                "with world output as well as with globalization. Use trade_share_gdp for openness (from "
                "1950 only)."
            ),
            "No volume values for 1939-1949 (the Second World War and its aftermath): do not bridge the gap.",
            (
                "After 1950 the index is a spliced series: 1950-1979 are whole numbers of a 1970 = 100 index "
                "rescaled by 7.1627 (so values move in steps of about 7), and the 2011-2014 values come from "
                "a different extension that falls 7.5% in 2011, a drop other trade statistics do not show. "
                "Treat 2011-2014 with caution."
            ),
            (
                "The 'Globalization over 5 centuries' export holds only the PWT series despite its title; "
                "the pre-1950 openness estimates (Klasing & Milionis 2014; Estevadeordal, Frantz & Taylor "
                "2003) are not included."
            ),
        ),
        year_field="year",
    ),
    Resource(
        name="chinese_lending",
        title="Chinese official development finance by recipient and year, 2000-2021 (AidData GCDF 3.0)",
        description=(
            "One row per recipient country and year in which AidData records Chinese official finance "
            "commitments, 2000-2021: amounts by flow class (OOF-like loans, ODA-like aid, vague flows), in "
            "million constant 2021 USD, with the recipient's COW code, name, COW region and UN M49 continent."
        ),
        build=build_chinese_lending,
        fields=_gcdf_fields(),
        sources=(
            Source(
                title=(
                    "Custer, S., A. Dreher, T. B. Elston, B. Escobar, R. Fedorochko, A. Fuchs, S. Ghose, J. "
                    "Lin, A. Malik, B. C. Parks, K. Solomon, A. Strange, M. J. Tierney, L. Vlasto, K. Walsh, "
                    "F. Wang, L. Zaleski and S. Zhang (2023). Tracking Chinese Development Finance: An "
                    "Application of AidData's TUFF 3.0 Methodology. Williamsburg, VA: AidData at William & "
                    "Mary. Data: AidData's Global Chinese Development Finance Dataset, Version 3.0, projects "
                    "'recommended for aggregates', summed to COW country-year by Miles D. Williams, odadata "
                    "(GitHub milesdwilliams15/odadata, data/cow_gcdf.csv, commit 3c1f895)"
                ),
                path=f"shared/data-sources/{GCDF_RAW}",
                version="GCDF 3.0",
            ),
            Source(
                title=(
                    "Correlates of War Project (2017). 'State System Membership List, v2016' (country names)"
                ),
                path=f"shared/data-sources/{STATES_RAW}",
            ),
            Source(
                title=(
                    "United Nations Statistics Division. 'Standard country or area codes for statistical use "
                    "(M49)': regions Africa, Americas, Asia, Europe, Oceania (column continent)"
                ),
                path="https://unstats.un.org/unsd/methodology/m49/",
            ),
        ),
        licence=(
            "NOT VERIFIED: AidData asks users to cite GCDF 3.0 (Custer et al. 2023), but its licence was not "
            "checked; the odadata aggregation code is MIT. Check AidData's terms before republishing"
        ),
        short_source="AidData Global Chinese Development Finance Dataset v3.0",
        primary_key=("ccode", "year"),
        caveats=(
            (
                "Commitments, not disbursements, in constant 2021 USD. Use the adjusted amounts for totals "
                "(AidData's recommendation); the unadjusted OOF amounts are larger (about $1.28 trillion vs "
                "$1.12 trillion)."
            ),
            (
                "Only recipients with a COW code are included (138): regional and multi-country projects and "
                "non-COW territories are missing, and so is Serbia (its ISO code got no COW code in the "
                "aggregation). The adjusted total is about $1.33 trillion vs AidData's headline $1.34 "
                "trillion for 165 countries."
            ),
            (
                "Rows exist only for recipient-years with at least one recorded project (a few rows are all "
                "zeros: projects with no amount); a missing recipient-year means no recorded commitment."
            ),
            (
                "Two regional classifications: 'region' follows the COW code ranges (Egypt, 651, in the "
                "Middle East; the Caucasus in Europe; Central Asia in Asia & Oceania); 'continent' follows "
                "the UN M49 standard, the one to use for 'Asia' and 'Africa' as continents."
            ),
            "Country names are COW's (e.g. 'Ivory Coast', 'East Timor', 'Macedonia').",
        ),
        year_field="year",
    ),
    Resource(
        name="chinese_loans_africa",
        title="Chinese loans to Africa, loan by loan, 2000-2020 (BU GDP Center / CARI, scraped)",
        description=(
            "One row per loan from a Chinese lender to an African government, state-owned company or "
            "regional institution, 2000-2020, as listed in the Boston University Global Development Policy "
            "Center's Chinese Loans to Africa Database (formerly SAIS China Africa Research Initiative) and "
            "scraped by a third party: year, borrower country, lender, project, amount in million USD, "
            "sector."
        ),
        build=build_chinese_loans_africa,
        fields=(
            Field("loan_id", "integer", "Row number in the scraped file ('S.no').", required=True),
            Field("year", "integer", "Year of the loan commitment.", unit="year", required=True),
            Field(
                "country",
                "string",
                "Borrowing country ('Regional' for regional institutions such as Afreximbank, TDB or BOAD).",
                required=True,
            ),
            Field(
                "lender",
                "string",
                "Chinese lender as published (CHEXIM = Export-Import Bank of China, CDB = China Development "
                "Bank, CIDCA = China International Development Cooperation Agency / government, ICBC, BoC, "
                "CCB, companies...).",
                required=True,
            ),
            Field("project", "string", "Project description as published.", required=True),
            Field(
                "amount_usd_million",
                "number",
                "Loan amount parsed from amount_as_published.",
                unit="million current USD (nominal)",
                required=True,
            ),
            Field(
                "amount_as_published",
                "string",
                "Amount text as scraped ('$90M', '$2.5B', '$1,000M').",
                required=True,
            ),
            Field("sector", "string", "Sector as published ('Invested On').", required=True),
        ),
        sources=(
            Source(
                title=(
                    "Boston University Global Development Policy Center, Chinese Loans to Africa Database "
                    "(originally the SAIS China Africa Research Initiative, CARI); rows as scraped for the "
                    "Streamlit app GitHub OOlajide/debt-trap-diplomacy (data/africa.csv, commit 2a4fa7e)"
                ),
                path=f"shared/data-sources/{AFRICA_RAW}",
            ),
        ),
        licence=(
            "NOT VERIFIED: the scraping repository states no licence and the BU GDP Center's terms were not "
            "checked; cite BU GDP Center / CARI and check its terms before republishing"
        ),
        short_source="Boston University GDP Center, Chinese Loans to Africa Database (third-party scrape)",
        primary_key=("loan_id",),
        caveats=(
            (
                "A third-party scrape of an older version of the database: 1,188 loans 2000-2020 totalling "
                "about $160 billion, vs the current database's 1,306 loans and $182.3 billion for 2000-2023. "
                "Check figures against the BU GDP Center before quoting."
            ),
            (
                "Amounts are nominal (current) USD as published, rounded to the million ('$90M') or to $0.1 "
                "billion ('$2.5B', so +/- $50 million): not comparable with AidData's constant-2021 amounts."
            ),
            (
                "Two pairs of identical rows (Egypt 2002 and Gabon 2010, 'Unknown' $12M CIDCA loans) are "
                "kept as separate loans, as in the source list."
            ),
            "'Regional' rows are loans to regional institutions, not to a country.",
        ),
        year_field="year",
    ),
]
