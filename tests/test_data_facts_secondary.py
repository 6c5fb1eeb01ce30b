"""Fact tests for the organization, event, power and globalization datasets.

Each test loads a built dataset with ``ircourse.load`` and checks a fact that must hold in it: a number
from the course fact sheet, a property of the derivation (shares summing to 1) or a value read from the
raw data when the dataset was written. The expected values are written out here, independently of the
build code, so that a wrong build or a changed raw file makes a test fail. Values marked "snapshot" were
read off the data (no outside source states them); each is recomputed from the raw file with plain
pandas in ``tests/test_data_sources.py``.
"""

from __future__ import annotations

import pandas as pd
import pytest

import ircourse as irc

# Fact sheet Table C: UN members at the end of each listed year (un.org, "Growth in UN membership").
UN_TABLE_C = {
    1945: 51, 1946: 55, 1950: 60, 1955: 76, 1960: 99, 1965: 117, 1970: 127, 1975: 144, 1980: 154,
    1985: 159, 1990: 159, 1995: 185, 2000: 189, 2002: 191, 2006: 192, 2011: 193,
}


def _one(df: pd.DataFrame, **where) -> pd.Series:
    """Return the single row of ``df`` matching all ``column=value`` conditions."""
    mask = pd.Series(True, index=df.index)
    for column, value in where.items():
        mask &= df[column] == value
    rows = df[mask]
    assert len(rows) == 1, f"expected one row for {where}, found {len(rows)}"
    return rows.iloc[0]


# ----------------------------------------------------------------------------------------------- UN


def test_un_membership_matches_every_table_c_count():
    un = irc.load("un_membership").set_index("year")
    for year, members in UN_TABLE_C.items():
        assert un.loc[year, "members"] == members, year
    assert un.loc[1945, "members"] == 51


def test_un_membership_is_193_from_2011_on():
    un = irc.load("un_membership")
    assert list(un["year"]) == list(range(1945, 2026))
    assert (un.loc[un["year"] >= 2011, "members"] == 193).all()
    assert (un.loc[un["year"] < 2011, "members"] < 193).all()


def test_un_membership_changes_add_up():
    un = irc.load("un_membership")
    assert un["change"].sum() == 193
    assert un.loc[un["checkpoint"], "year"].tolist() == sorted(UN_TABLE_C)


def test_un_members_list():
    members = irc.load("un_members")
    assert len(members) == 193
    assert members["country"].is_unique
    assert int(members["original_member"].sum()) == 49
    assert _one(members, country="South Sudan")["admission_date"] == "2011-07-14"
    assert members["admission_year"].max() == 2011


# ----------------------------------------------------------------------------- ASEAN, Arab League


def test_asean_five_founders_and_eleven_after_timor_leste():
    asean = irc.load("asean_members")
    founders = asean[asean["admission_date"] == "1967-08-08"]
    assert sorted(founders["member"]) == ["Indonesia", "Malaysia", "Philippines", "Singapore", "Thailand"]
    assert (founders["members_after"] == 5).all()
    timor = _one(asean, member="Timor-Leste")
    assert timor["admission_date"] == "2025-10-26"
    assert timor["members_after"] == 11
    assert len(asean) == 11
    assert asean["members_after"].is_monotonic_increasing


def test_arab_league_is_22_with_comoros_last():
    league = irc.load("arab_league_members")
    assert league["admission_date"].is_monotonic_increasing
    last = league.iloc[-1]
    assert last["member"] == "Comoros"
    assert last["admission_date"] == "1993-11-20"
    assert last["members_after"] == 22
    unification = _one(league, admission_date="1990-05-22")
    assert unification["members_after"] == 21
    assert (league.loc[league["admission_date"] == "1945-03-22", "members_after"] == 6).all()
    assert _one(league, admission_date="1945-05-05")["members_after"] == 7


# ---------------------------------------------------------------------------------- organizations


def test_who_ilo_imf_are_intergovernmental_and_wftu_is_not():
    orgs = irc.load("organizations").set_index("organization")
    for name in ("WHO", "ILO", "IMF", "UN", "ASEAN", "League of Arab States"):
        assert bool(orgs.loc[name, "intergovernmental"]), name
    assert not bool(orgs.loc["WFTU", "intergovernmental"])
    assert "non-governmental" in orgs.loc["WFTU", "type"]


def test_organization_founding_years_and_members():
    orgs = irc.load("organizations").set_index("organization")
    assert orgs.loc["ILO", "founded_year"] == 1919
    assert orgs.loc["WFTU", "founded"] == "1945-10-03"
    assert orgs.loc["IMF", "members_current"] == 191
    assert orgs.loc["ILO", "members_current"] == 187
    assert orgs.loc["UN", "members_current"] == 193
    assert orgs.loc["ASEAN", "members_current"] == 11
    assert orgs.loc["League of Arab States", "members_current"] == 22
    assert pd.isna(orgs.loc["WHO", "members_current"])  # 192-194: uncertain, so left empty
    assert "192-194" in orgs.loc["WHO", "members_note"]


def test_igo_counts_cow_coding():
    igo = irc.load("igo_membership_counts")
    un = igo[igo["ioname"] == "UN"].set_index("year")["full_members"]
    assert un.loc[2011] == 193 and un.loc[2014] == 193
    assert _one(igo, ioname="NATO", year=2014)["full_members"] == 28
    assert igo["year"].max() == 2014


# ----------------------------------------------------------------------------------------- events


def test_interwar_events_in_chronological_order():
    events = irc.load("interwar_events")
    assert events["date"].is_monotonic_increasing
    assert events.iloc[0]["date"] == "1919-06-28"
    assert events["year"].between(1919, 1939).all()
    assert set(events["category"]) <= {"treaty", "revision", "crisis", "breach", "annexation", "war"}


def test_conscription_breach_comes_before_the_rhineland():
    events = irc.load("interwar_events")
    conscription = events[events["event"].str.contains("conscription")]
    rhineland = events[events["event"].str.contains("enter the demilitarised Rhineland")]
    assert conscription["date"].tolist() == ["1935-03-16"]
    assert rhineland["date"].tolist() == ["1936-03-07"]
    assert conscription.index[0] < rhineland.index[0]
    assert "42-44" in rhineland.iloc[0]["breached"]
    assert "173" in conscription.iloc[0]["breached"]


def test_interwar_key_dates():
    events = irc.load("interwar_events")
    dates = set(events["date"])
    for date in ("1920-01-10", "1921-05-05", "1923-01-11", "1925-12-01", "1931-09-18", "1933-10-14",
                 "1935-10-03", "1938-03-12", "1938-09-29", "1938-10-01", "1939-03-14", "1939-03-15",
                 "1939-03-16", "1939-03-22", "1939-08-23", "1939-09-01", "1939-09-03"):
        assert date in dates, date
    luftwaffe = events[events["event"].str.contains("Luftwaffe")].iloc[0]
    assert (luftwaffe["date"], luftwaffe["precision"]) == ("1935-03-01", "month")
    london = _one(events, date="1921-05-05")
    assert "132 billion gold marks" in london["event"]


def test_ir_thought_timeline_year_convention():
    timeline = irc.load("ir_thought_timeline")
    assert (timeline["year"] != 0).all()
    assert timeline["year"].is_monotonic_increasing
    years = dict(zip(timeline["label"], timeline["year"], strict=True))
    assert years["Kenneth N. Waltz, Theory of International Politics"] == 1979
    assert years["Peace of Westphalia"] == 1648
    amarna = timeline[timeline["label"].str.startswith("Amarna")].iloc[0]
    assert (amarna["year"], amarna["precision"]) == (-1350, "century")
    assert timeline[timeline["label"].str.startswith("Thucydides")].iloc[0]["year"] == -431


# ------------------------------------------------------------------------------------------ power


def test_cinc_shares_of_majors_sum_to_one_each_year():
    cinc = irc.load("cinc_major_powers")
    sums = cinc.groupby("year")["cinc_share_of_majors"].sum()
    assert sums.index.min() == 1816 and sums.index.max() == 2016 and len(sums) == 201
    assert sums.sub(1).abs().max() < 1e-4
    assert cinc["cinc"].between(0, 1).all()


def test_usa_is_top_power_in_1945_by_cinc():
    cinc = irc.load("cinc_major_powers")
    y1945 = cinc[cinc["year"] == 1945].sort_values("cinc", ascending=False)
    assert y1945.iloc[0]["name"] == "United States"
    assert y1945.iloc[0]["cinc"] == pytest.approx(0.383864, abs=1e-6)  # snapshot of COW NMC v6.0
    assert sorted(y1945["name"]) == sorted(
        ["United States", "United Kingdom", "France", "Germany", "Russia/USSR", "Japan"]
    )


def test_power_concentration():
    conc = irc.load("power_concentration").set_index("year")
    assert conc.loc[1945, "top_power"] == "United States"
    assert conc.loc[1816, "top_power"] == "United Kingdom"
    assert conc.loc[2016, "top_power"] == "China"
    assert (conc["hhi_majors"] >= 1 / conc["n_majors"] - 1e-9).all()
    assert (conc["hhi_majors"] <= 1).all()
    assert conc["n_majors"].between(4, 8).all()


def test_nuclear_stockpile_peak():
    nukes = irc.load("nuclear_stockpiles")
    assert "World" not in set(nukes["country"])
    assert "North Korea" in set(nukes["country"])
    world = nukes.groupby("year")["warheads"].sum()
    assert world.idxmax() == 1986
    assert world.max() == 64452  # snapshot (FAS via OWID; the raw 'World' row, 70,374, adds retired warheads)
    # FAS, "Status of World Nuclear Forces 2023": about 9,576 warheads in military stockpiles (12,512 in all).
    assert world.loc[2023] == 9576
    us = nukes[nukes["country"] == "United States"].set_index("year")["warheads"]
    # US DoD, "Increasing Transparency in the U.S. Nuclear Weapons Stockpile" (3 May 2010): 31,255 in 1967.
    assert (us.idxmax(), us.max()) == (1967, 31255)
    russia = nukes[nukes["country"] == "Russia"].set_index("year")["warheads"]
    assert (russia.idxmax(), russia.max()) == (1986, 40159)  # snapshot (FAS estimate via OWID)


# ---------------------------------------------------------------------------------- globalization


def test_world_trade_index_is_100_in_1913():
    trade = irc.load("world_trade").set_index("year")
    assert list(trade.index) == list(range(1800, 2015))
    assert trade.loc[1913, "trade_volume_index"] == pytest.approx(100.0)
    assert trade.loc[1939:1949, "trade_volume_index"].isna().all()
    assert trade["trade_share_gdp"].first_valid_index() == 1950
    assert trade.loc[:1949, "trade_share_gdp"].isna().all()


def test_chinese_lending_covers_2000_to_2021():
    lending = irc.load("chinese_lending")
    assert lending["year"].min() == 2000 and lending["year"].max() == 2021
    assert lending["ccode"].nunique() == 138  # snapshot: COW states (AidData counts 165 countries)
    total_trillion = lending["total_adj_usd_m"].sum() / 1e6
    assert total_trillion == pytest.approx(1.325, abs=0.005)  # snapshot (AidData's headline: $1.34 trillion)
    assert _one(lending, ccode=540, year=2016)["region"] == "Africa"  # Angola
    assert set(lending["region"]) == {"Americas", "Europe", "Africa", "Middle East", "Asia & Oceania"}


def test_chinese_loans_africa_amounts():
    loans = irc.load("chinese_loans_africa")
    assert len(loans) == 1188  # snapshot, as the two totals below
    assert loans["year"].min() == 2000 and loans["year"].max() == 2020
    assert loans["amount_usd_million"].sum() == pytest.approx(159811)
    biggest = loans.loc[loans["amount_usd_million"].idxmax()]
    assert (biggest["country"], biggest["year"], biggest["amount_usd_million"]) == ("Angola", 2016, 10000)
    by_year = loans.groupby("year")["amount_usd_million"].sum()
    assert by_year.idxmax() == 2016
