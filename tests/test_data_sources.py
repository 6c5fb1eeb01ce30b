"""The snapshot numbers of the fact tests, recomputed from the raw source files with plain pandas.

``tests/test_data_facts_secondary.py`` checks numbers read off the built datasets when they were
written (the USA's CINC in 1945, the nuclear stockpile peak, the totals of Chinese lending...). Those
are snapshots: on their own they would only notice a change. Here each one is recomputed from the raw
file in ``../shared/data-sources`` without the build code, so a snapshot is also an independent
check. Skipped, with the reason, where that folder is absent (as on Binder).
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import ircourse as irc

from .conftest import RAW

pytestmark = pytest.mark.skipif(not RAW.is_dir(),
                                reason="../shared/data-sources is not here (it is not on Binder)")


def test_cinc_of_the_united_states_in_1945():
    nmc = pd.read_csv(RAW / "cow-nmc-v6" / "NMC-60-abridged.csv")
    raw = nmc.loc[(nmc["ccode"] == 2) & (nmc["year"] == 1945), "cinc"].item()
    cinc = irc.load("cinc_major_powers")
    built = cinc.loc[(cinc["name"] == "United States") & (cinc["year"] == 1945), "cinc"].item()
    assert built == pytest.approx(raw, abs=5e-7)
    assert raw == pytest.approx(0.383864, abs=5e-7)             # the snapshot in test_data_facts_secondary
    majors_1945 = cinc.loc[cinc["year"] == 1945, "ccode"]
    assert raw == nmc.loc[(nmc["year"] == 1945) & nmc["ccode"].isin(majors_1945), "cinc"].max()


def test_nuclear_stockpiles_from_the_raw_series():
    raw = pd.read_csv(RAW / "nuclear-warheads" / "nuclear_weapons_stockpiles.csv")
    countries = raw[raw["country_name"] != "World"]
    world = countries.groupby("year")["nuclear_weapons_stockpile"].sum()
    assert (world.idxmax(), world.max()) == (1986, 64452)
    assert world.loc[2023] == 9576
    by_country = countries.set_index("year").groupby("country_name")["nuclear_weapons_stockpile"]
    us, ru = by_country.get_group("United States"), by_country.get_group("Russia")
    assert (us.idxmax(), us.max()) == (1967, 31255) and (ru.idxmax(), ru.max()) == (1986, 40159)
    built = irc.load("nuclear_stockpiles")
    assert built.groupby("year")["warheads"].sum().to_dict() == world.to_dict()
    # The raw "World" row is OWID's total inventory (retired warheads included): 12,512 in 2023 (FAS); the
    # dataset leaves it out and sums the military stockpiles of the nine states instead.
    world_row = raw[raw["country_name"] == "World"].set_index("year")["nuclear_weapons_stockpile"]
    assert world_row.loc[2023] == 12512


def test_chinese_lending_totals_from_aiddata():
    raw = pd.read_csv(RAW / "china-overseas-lending" / "aiddata_gcdf3_country_year_cow.csv")
    total = (raw["oof_adj"] + raw["oda_adj"] + raw["vof_adj"]).sum() / 1e12
    assert total == pytest.approx(1.325, abs=0.0005) and raw["ccode"].nunique() == 138
    lending = irc.load("chinese_lending")
    assert lending["total_adj_usd_m"].sum() / 1e6 == pytest.approx(total, rel=1e-6)
    assert (lending["year"].min(), lending["year"].max()) == (raw["year"].min(), raw["year"].max())
    assert raw["year"].max() == 2021


def _million(text: str) -> float:
    """"$90M" -> 90, "$2.5B" -> 2500 (written here, not taken from the build)."""
    number, unit = re.fullmatch(r"\$([\d,.]+)([MB])", text.strip()).groups()
    return float(number.replace(",", "")) * (1000 if unit == "B" else 1)


def test_chinese_loans_to_africa_from_the_scrape():
    raw = pd.read_csv(RAW / "china-overseas-lending" / "chinese_loans_to_africa.csv")
    amounts = raw["$ Allocation"].map(_million)
    assert len(raw) == 1188 and amounts.sum() == pytest.approx(159811)
    biggest = raw.loc[amounts.idxmax()]
    assert (biggest["Country"].strip(), int(biggest["Year"]), amounts.max()) == ("Angola", 2016, 10000)
    loans = irc.load("chinese_loans_africa")
    assert loans["amount_usd_million"].sum() == pytest.approx(amounts.sum())
    assert sorted(loans["loan_id"]) == sorted(raw["S.no"].astype(int))
