"""War and conflict datasets: the long-run timeline across sources, COW wars, UCDP/PRIO, Brecke."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..conflicts import SERIES
from . import YEAR_CONVENTION, Field, Resource, Source

HCED = Source(
    "Charles Miller & K. Shuvo Bakar, 'Conflict Events Worldwide Since 1468BC: Introducing the Historical "
    "Conflict Event Dataset', Journal of Conflict Resolution 67(2-3), 2023, pp. 522-554, "
    "doi:10.1177/00220027221119085; data: Miller, 'Historical Conflict Event Dataset', Harvard Dataverse, "
    "2022, doi:10.7910/DVN/6ZFC0V (coding Tony Jaques, Dictionary of Battles and Sieges, 2007)",
    "shared/data-sources/hced-historical-conflict-events/hced_data.csv",
)
WIKIPEDIA_BATTLES = Source(
    "English Wikipedia, 'List of battles before 301', '... 301-1300', '... 1301-1600', '... 1601-1800', "
    "'... 1801-1900', '... 1901-2000', '... 2001-current', scraped by the battlemaps project "
    "(GitHub ellis3684/battlemaps, commit a1fd3a3c); years parsed by the course's data sources folder",
    "shared/data-sources/wikipedia-battles/battles_with_parsed_year.csv",
)
BRECKE = Source(
    "Peter Brecke, 'Violent Conflicts 1400 A.D. to the Present in Different Regions of the World', paper "
    "at the 1999 Meeting of the Peace Science Society (International); Conflict Catalog, 18-variable file",
    "shared/data-sources/brecke-conflict-catalog/conflict_catalog_18vars.csv",
)
COW = Source(
    "Meredith Reid Sarkees & Frank Wayman, Resort to War: 1816-2007 (Washington DC: CQ Press, 2010); "
    "Correlates of War Project, Inter-State War Data v4.0, Intra-State War Data v4.1, "
    "Extra-State War Data v4.0, Non-State War Data v4.0",
    "shared/data-sources/cow-wars/",
    "4.0 (intra-state 4.1)",
)
UCDP = Source(
    "Nils Petter Gleditsch, Peter Wallensteen, Mikael Eriksson, Margareta Sollenberg & Håvard Strand, "
    "'Armed Conflict 1946-2001: A New Dataset', Journal of Peace Research 39(5), 2002; Shawn Davies et al., "
    "'Organized violence 1989-2023, and the prevalence of organized crime groups', Journal of Peace "
    "Research 61(4), 2024; UCDP/PRIO Armed Conflict Dataset v24.1",
    "shared/data-sources/ucdp-prio/UcdpPrioConflict_v24_1.csv",
    "24.1",
)

COW_TERMS = "COW: free for research and teaching with citation (not an open licence in the CC sense)"

#: COW war type codes (Sarkees & Wayman 2010) -> (family, label).
COW_WAR_TYPES = {
    1: ("inter-state", "inter-state war"),
    2: ("extra-state", "colonial war (against a colony)"),
    3: ("extra-state", "imperial war (against an independent non-state entity)"),
    4: ("intra-state", "civil war for central control"),
    5: ("intra-state", "civil war over local issues"),
    6: ("intra-state", "regional internal war"),
    7: ("intra-state", "intercommunal war"),
    8: ("non-state", "war in non-state territory"),
    9: ("non-state", "war across state borders"),
}

#: UCDP type_of_conflict and region codes (UCDP/PRIO ACD codebook v24.1).
UCDP_TYPES = {1: "extrasystemic", 2: "interstate", 3: "intrastate", 4: "internationalized intrastate"}
UCDP_REGIONS = {1: "Europe", 2: "Middle East", 3: "Asia", 4: "Africa", 5: "Americas"}


def _no_year_zero(years: pd.Series, what: str) -> pd.Series:
    if (years == 0).any():
        raise ValueError(f"{what}: year 0 found, which the course's year convention does not allow")
    return years


# --------------------------------------------------------------------------------------------- HCED
def parse_hced_year(text: object) -> tuple[int | None, int | None]:
    """Return (start, end) years from an HCED ``Year`` cell such as ``"-216"`` or ``"1218-1219"``.

    Negative numbers are BCE. A range ``"193-196"`` gives its two ends; a blank cell gives
    ``(None, None)``.

    Examples
    --------
    >>> parse_hced_year("-216"), parse_hced_year("1218-1219"), parse_hced_year(None)
    ((-216, -216), (1218, 1219), (None, None))
    """
    if not isinstance(text, str) or not text.strip():
        return None, None
    m = re.fullmatch(r"\s*(-?\d+)\s*(?:-\s*(-?\d+))?\s*", text)
    if not m:
        return None, None
    start = int(m.group(1))
    end = int(m.group(2)) if m.group(2) else start
    return start, max(start, end)


def hced_battles(raw: Path) -> pd.DataFrame:
    """Return HCED battles with parsed start and end years (rows without a year dropped)."""
    h = pd.read_csv(raw / "hced-historical-conflict-events/hced_data.csv", sep=";", encoding="utf-8")
    years = h["Year"].map(parse_hced_year)
    h["start_year"] = [y[0] for y in years]
    h["end_year"] = [y[1] for y in years]
    h = h.dropna(subset=["start_year"])
    return h


def _timeline_hced(raw: Path) -> pd.DataFrame:
    h = hced_battles(raw)
    battles = pd.DataFrame(
        {"source": "HCED", "unit": "battle", "name": h["Battle"].str.strip().fillna("(battle unnamed in HCED)"),
         "start_year": h["start_year"], "end_year": h["end_year"], "region": ""}
    )
    wars = (
        h.assign(War=h["War"].str.strip())
        .groupby("War")
        .agg(start_year=("start_year", "min"), end_year=("end_year", "max"))
        .reset_index()
        .rename(columns={"War": "name"})
        .assign(source="HCED", unit="war", region="")
    )
    return pd.concat([battles, wars], ignore_index=True)


# --------------------------------------------------------------------------------------- Wikipedia
def _timeline_wikipedia(raw: Path) -> pd.DataFrame:
    w = pd.read_csv(raw / "wikipedia-battles/battles_with_parsed_year.csv", encoding="utf-8")
    w = w.dropna(subset=["year_parsed"])
    w = w.drop_duplicates(subset=["link"])  # 20 battles are listed on two pages
    return pd.DataFrame(
        {"source": "Wikipedia battles", "unit": "battle", "name": w["battle"].str.strip(),
         "start_year": w["year_parsed"].astype(int), "end_year": w["year_parsed"].astype(int), "region": ""}
    )


# ------------------------------------------------------------------------------------------ Brecke
def brecke(raw: Path) -> pd.DataFrame:
    """Return Brecke's conflicts, one row each (resource ``brecke_conflicts``)."""
    b = pd.read_csv(raw / "brecke-conflict-catalog/conflict_catalog_18vars.csv", encoding="utf-8")
    out = pd.DataFrame(
        {
            "conflict": b["Name"].str.strip(),
            "start_year": b["StartYear"],
            "end_year": b["EndYear"].fillna(b["StartYear"]),
            "end_year_known": b["EndYear"].notna(),
            "number_of_actors": b["NumberActors"],
            "military_fatalities": b["MilFatalities"],
            "total_fatalities": b["TotalFatalities"],
        }
    )
    out["end_year"] = out[["start_year", "end_year"]].max(axis=1)
    out = out.sort_values(["start_year", "conflict"], kind="stable").reset_index(drop=True)
    out.insert(0, "conflict_num", range(1, len(out) + 1))
    return out


# --------------------------------------------------------------------------------------------- COW
def _known(values: pd.Series) -> pd.Series:
    """Return numeric values with COW's missing codes (-7, -8, -9) as NaN; "1,500" is read as 1500."""
    numbers = pd.to_numeric(values.astype(str).str.replace(",", "", regex=False), errors="coerce")
    return numbers.where(numbers >= 0)


def cow_wars(raw: Path) -> pd.DataFrame:
    """Return one row per COW war (v4), all four types (resource ``cow_wars``)."""
    folder = raw / "cow-wars"
    read = lambda name: pd.read_csv(folder / name, encoding="latin-1")  # noqa: E731 - COW files are Latin-1
    inter = read("Inter-StateWarData_v4.0.csv")
    intra = read("Intra-StateWarData_v4.1.csv")
    extra = read("Extra-StateWarData_v4.0.csv")
    extra.columns = extra.columns.str.strip()
    non = read("Non-StateWarData_v4.0.csv")

    frames = []
    for df, deaths in (
        (inter, _known(inter["BatDeath"])),
        (intra, _known(intra["SideADeaths"]).add(_known(intra["SideBDeaths"]), fill_value=0)
         .where(_known(intra["SideADeaths"]).notna() | _known(intra["SideBDeaths"]).notna())),
        (extra, _known(extra["BatDeath"]).add(_known(extra["NonStateDeaths"]), fill_value=0)
         .where(_known(extra["BatDeath"]).notna() | _known(extra["NonStateDeaths"]).notna())),
    ):
        ends = pd.concat([df["EndYear1"], df["EndYear2"]], axis=1)
        frames.append(
            pd.DataFrame(
                {
                    "war_num": df["WarNum"],
                    "war_name": df["WarName"].str.strip(),
                    "war_type_code": df["WarType"],
                    "start_year": df["StartYear1"],
                    "end_year": ends.where(ends > 0).max(axis=1),
                    "ongoing_2007": (ends == -7).any(axis=1),
                    "deaths": deaths,
                }
            )
        )
    frames.append(
        pd.DataFrame(
            {
                "war_num": non["WarNum"],
                "war_name": non["WarName"].str.strip(),
                "war_type_code": non["WarType"],
                "start_year": non["StartYear"],
                "end_year": non["EndYear"].where(non["EndYear"] > 0),
                "ongoing_2007": non["EndYear"] == -7,
                "deaths": _known(non["TotalCombatDeaths"]),
            }
        )
    )
    rows = pd.concat(frames, ignore_index=True)
    wars = (
        rows.groupby("war_num")
        .agg(
            war_name=("war_name", "first"),
            war_type_code=("war_type_code", "first"),
            start_year=("start_year", "min"),
            end_year=("end_year", "max"),
            ongoing_2007=("ongoing_2007", "any"),
            battle_deaths=("deaths", lambda s: s.sum(min_count=1)),
        )
        .reset_index()
    )
    wars.loc[wars["ongoing_2007"], "end_year"] = 2007
    wars["end_year"] = wars["end_year"].fillna(wars["start_year"])
    wars["war_family"] = wars["war_type_code"].map(lambda c: COW_WAR_TYPES[c][0])
    wars["war_type"] = wars["war_type_code"].map(lambda c: COW_WAR_TYPES[c][1])
    cols = ["war_num", "war_name", "war_family", "war_type", "war_type_code", "start_year", "end_year",
            "ongoing_2007", "battle_deaths"]
    return wars[cols].sort_values("war_num").reset_index(drop=True)


# -------------------------------------------------------------------------------------------- UCDP
def ucdp_conflicts(raw: Path) -> pd.DataFrame:
    """Return UCDP/PRIO conflict-years (resource ``ucdp_conflicts``)."""
    u = pd.read_csv(raw / "ucdp-prio/UcdpPrioConflict_v24_1.csv", encoding="utf-8")
    first_region = u["region"].astype(str).str.split(",").str[0].astype(int)
    out = pd.DataFrame(
        {
            "conflict_id": u["conflict_id"],
            "year": u["year"],
            "location": u["location"].str.strip(),
            "side_a": u["side_a"].str.strip(),
            "side_b": u["side_b"].str.strip(),
            "type_of_conflict": u["type_of_conflict"].map(UCDP_TYPES),
            "intensity": u["intensity_level"].map({1: "minor", 2: "war"}),
            "region": first_region.map(UCDP_REGIONS),
            "regions_all": u["region"].astype(str).str.replace(" ", "").str.split(",")
            .map(lambda codes: "; ".join(UCDP_REGIONS[int(c)] for c in codes)),
            "start_date": u["start_date"],
        }
    )
    return out.sort_values(["conflict_id", "year"]).reset_index(drop=True)


# ---------------------------------------------------------------------------------------- timeline
def wars_long_run(raw: Path) -> pd.DataFrame:
    """Return the long-run timeline: every war, battle or conflict of every source, one row each."""
    b = brecke(raw)
    c = cow_wars(raw)
    u = ucdp_conflicts(raw)
    spells = u.groupby("conflict_id").agg(start_year=("year", "min"), end_year=("year", "max"),
                                          name=("location", "first"), region=("region", "first"))
    parts = [
        _timeline_wikipedia(raw),
        _timeline_hced(raw),
        pd.DataFrame({"source": "Brecke", "unit": "conflict", "name": b["conflict"],
                      "start_year": b["start_year"], "end_year": b["end_year"], "region": ""}),
        pd.DataFrame({"source": "COW", "unit": "war", "name": c["war_name"], "start_year": c["start_year"],
                      "end_year": c["end_year"], "region": ""}),
        pd.DataFrame({"source": "UCDP/PRIO", "unit": "conflict",
                      "name": spells["name"] + " (UCDP " + spells.index.astype(str) + ")",
                      "start_year": spells["start_year"], "end_year": spells["end_year"],
                      "region": spells["region"]}),
    ]
    df = pd.concat(parts, ignore_index=True)
    df["start_year"] = _no_year_zero(df["start_year"].astype(int), "wars_long_run.start_year")
    df["end_year"] = df["end_year"].astype(int)
    order = {s: i for i, s in enumerate(SERIES)}  # rows in legend order
    df["_order"] = [order[(s, u)] for s, u in zip(df["source"], df["unit"])]
    df = df.sort_values(["_order", "start_year", "name"], kind="stable").drop(columns="_order")
    return df[["source", "unit", "name", "start_year", "end_year", "region"]].reset_index(drop=True)



RESOURCES = [
    Resource(
        name="wars_long_run",
        title="Wars, battles and conflicts from c. 2600 BCE to 2023, five sources side by side",
        description=(
            "One row per recorded war, battle or conflict, from five sources with different units and "
            "thresholds: Wikipedia's battle lists (battles, c. 2600 BCE-2022), HCED (battles and sieges "
            "1468 BCE-2003, and wars = HCED war labels spanning their first to last battle), Brecke "
            "(conflicts with at least 32 deaths a year, 1400-2000), COW (wars with at least 1,000 battle "
            "deaths, 1816-2007) and UCDP/PRIO (armed conflicts with at least 25 battle deaths in a year, "
            "1946-2023). Counting rows of different sources together is meaningless: compare shapes. "
            + YEAR_CONVENTION
        ),
        build=wars_long_run,
        fields=(
            Field("source", "string", "Dataset the row comes from", required=True,
                  enum=("Wikipedia battles", "HCED", "Brecke", "COW", "UCDP/PRIO")),
            Field("unit", "string", "What the row counts: a battle, a war, or an armed conflict", required=True,
                  enum=("battle", "war", "conflict")),
            Field("name", "string", "Name as given by the source", required=True),
            Field("start_year", "integer", "First year (negative = BCE)", "year", required=True),
            Field("end_year", "integer", "Last year (negative = BCE); equals start_year for one-year events",
                  "year", required=True),
            Field("region", "string", "UCDP region for UCDP/PRIO rows; empty for the other sources"),
        ),
        sources=(WIKIPEDIA_BATTLES, HCED, BRECKE, COW, UCDP),
        licence=(
            "Mixed, per source: Wikipedia CC BY-SA 4.0; HCED not verified (cite Miller & Bakar 2023); "
            "Brecke CC BY 4.0 per Our World in Data (verify); COW free with citation; UCDP CC BY 4.0"
        ),
        short_source="Wikipedia battle lists; HCED (Miller & Bakar 2023); Brecke (1999); COW v4; UCDP/PRIO v24.1",
        caveats=(
            "No source reaches back 5,500 years: the earliest row is Wikipedia's 'Siege of Aratta' "
            "(c. 2600 BCE, a legendary episode), and HCED starts at Megiddo (1468 BCE).",
            "Recording bias: the lists follow what English-language historians recorded, so Europe and "
            "recent centuries dominate; more rows in a century does not mean more fighting.",
            "Units differ: a battle is not a war; HCED 'wars' are labels grouping its battles, with spelling "
            "variants, so their number is approximate.",
            "Wikipedia years were parsed from free text by a heuristic (first number; 'BC' made negative); "
            "duplicate battles (same article link) were dropped.",
            "HCED year ranges such as '1218-1219' give start and end; two HCED battles without a year are "
            "dropped. Brecke conflicts with no end year are treated as one-year conflicts.",
            "UCDP rows are conflicts spanning their first to last active year; a conflict may have been "
            "inactive in some years in between.",
        ),
        year_field="start_year",
    ),
    Resource(
        name="cow_wars",
        title="Correlates of War: all wars 1816-2007 (inter-, extra-, intra- and non-state), one row per war",
        description=(
            "One row per war of the COW war data v4 (95 inter-state, 163 extra-state, 334 intra-state, "
            "62 non-state wars). A COW war has at least 1,000 battle-related deaths among all participants "
            "within twelve months. Years are the first start and last end over all participants."
        ),
        build=cow_wars,
        fields=(
            Field("war_num", "integer", "COW war number", required=True),
            Field("war_name", "string", "COW war name", required=True),
            Field("war_family", "string", "Family of war", required=True,
                  enum=("inter-state", "extra-state", "intra-state", "non-state")),
            Field("war_type", "string", "COW war type (label)", required=True),
            Field("war_type_code", "integer", "COW war type code (1-9)", required=True),
            Field("start_year", "integer", "Year the war started", "year", required=True),
            Field("end_year", "integer", "Year the war ended (2007 if ongoing at the end of the data)", "year",
                  required=True),
            Field("ongoing_2007", "boolean", "Still ongoing at the end of the data (COW code -7)", required=True),
            Field("battle_deaths", "number",
                  "Sum of the battle deaths COW gives for the participants; empty when none is known; a "
                  "lower bound when some participants' deaths are unknown (-9)", "battle deaths"),
        ),
        sources=(COW,),
        licence=COW_TERMS,
        short_source="Correlates of War war data v4 (Sarkees & Wayman 2010)",
        primary_key=("war_num",),
        caveats=(
            "Intra-state wars are version 4.1, not the newer 5.1, which was not available.",
            "The files are third-party copies (read as Latin-1, CR line ends); they were not byte-compared "
            "with correlatesofwar.org.",
            "Two intra-state wars have no end year; they are treated as ending in their start year.",
        ),
        year_field="start_year",
    ),
    Resource(
        name="ucdp_conflicts",
        title="UCDP/PRIO armed conflicts 1946-2023, one row per conflict-year",
        description=(
            "One row per armed conflict and year of the UCDP/PRIO Armed Conflict Dataset v24.1: a contested "
            "incompatibility over government or territory in which armed force between two parties, at least "
            "one a state government, causes at least 25 battle-related deaths in the year."
        ),
        build=ucdp_conflicts,
        fields=(
            Field("conflict_id", "integer", "UCDP conflict id", required=True),
            Field("year", "integer", "Calendar year", "year", required=True),
            Field("location", "string", "Government(s) whose territory is disputed or fought over", required=True),
            Field("side_a", "string", "Side A (always a government)", required=True),
            Field("side_b", "string", "Side B (a government or a rebel group)", required=True),
            Field("type_of_conflict", "string", "UCDP type", required=True, enum=tuple(UCDP_TYPES.values())),
            Field("intensity", "string", "minor = 25-999 battle deaths in the year; war = 1,000 or more",
                  required=True, enum=("minor", "war")),
            Field("region", "string", "UCDP region (the first listed when several)", required=True,
                  enum=tuple(UCDP_REGIONS.values())),
            Field("regions_all", "string", "All UCDP regions of the conflict, separated by '; '", required=True),
            Field("start_date", "string", "Date of the first battle death of the conflict (YYYY-MM-DD)"),
        ),
        sources=(UCDP,),
        licence="UCDP: CC BY 4.0 (per the UCDP downloads page)",
        short_source="UCDP/PRIO Armed Conflict Dataset v24.1",
        primary_key=("conflict_id", "year"),
        caveats=(
            "Country codes in the raw file are Gleditsch-Ward, not COW: they are not joined to COW data here.",
            "A third-party copy of the v24.1 release; not byte-compared with ucdp.uu.se.",
        ),
        year_field="year",
    ),
    Resource(
        name="brecke_conflicts",
        title="Brecke Conflict Catalog: violent conflicts 1400-2000",
        description=(
            "One row per violent conflict of Peter Brecke's Conflict Catalog (18-variable file): conflicts "
            "with at least 32 deaths a year, all regions of the world, 1400-2000."
        ),
        build=brecke,
        fields=(
            Field("conflict_num", "integer", "Row number in start-year order (a course id, not Brecke's)",
                  required=True),
            Field("conflict", "string", "Conflict name as given by Brecke", required=True),
            Field("start_year", "integer", "Start year", "year", required=True),
            Field("end_year", "integer", "End year (the start year when Brecke gives none)", "year", required=True),
            Field("end_year_known", "boolean", "Whether Brecke gives an end year", required=True),
            Field("number_of_actors", "integer", "Number of actors"),
            Field("military_fatalities", "number", "Military fatalities, where given", "deaths"),
            Field("total_fatalities", "number", "Total fatalities, where given", "deaths"),
        ),
        sources=(BRECKE,),
        licence="CC BY 4.0 according to Our World in Data's metadata; Brecke's own page not checked (verify)",
        short_source="Brecke Conflict Catalog (1999)",
        primary_key=("conflict_num",),
        caveats=(
            "Brecke calls the catalog 'an unfinished product'; errors are more likely further back in time.",
            "Total fatalities are given for only about a third of the conflicts.",
            "Brecke's region codes are left out: their labels are not documented in the copy available.",
        ),
        year_field="start_year",
    ),
]
