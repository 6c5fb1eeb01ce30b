"""What the headline charts and explorers show, trace by trace, against pandas on the datasets.

The figure tests in ``test_figures_*.py`` check structure (trace types, titles, sources). Here every
plotted value is compared with an independent computation on the course dataset (a filter, a pivot
or a sum written in this file), so that a chart that drops a bar, a power, a member or an update
fails a test that names it, not only the strict comparison of a notebook's saved outputs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.express as px
import pytest

import ircourse as irc
from ircourse.conflicts import peace_years
from ircourse.figures.globalization import CONTINENTS, LENDING_REGIONS, gapminder_bubbles
from ircourse.widgets.globalization import GapminderExplorer, LendingExplorer


def _years_to_values(trace) -> dict:
    return dict(zip(trace.x, trace.y))


# ------------------------------------------------------------------------------------ years of peace

@pytest.fixture(scope="module")
def peace() -> pd.DataFrame:
    return peace_years(irc.load("wars_long_run"))


def test_peace_bars_show_one_bar_per_series_with_its_share(peace):
    fig = irc.figures.peace_bars(peace)
    bars = fig.data[0]
    events = irc.load("wars_long_run")
    n_series = (events["source"] + "|" + events["unit"]).nunique()
    assert len(bars.x) == len(bars.y) == n_series == len(peace)
    assert list(bars.x) == pytest.approx((100 * peace["peace_years"] / peace["years"]).round(2).tolist())
    assert [list(c) for c in bars.customdata] == peace[["peace_years", "years"]].values.tolist()
    assert list(bars.text) == [f"{p:,} of {n:,} years" for p, n in zip(peace["peace_years"], peace["years"])]
    # Each bar is labelled with its source and the years it covers.
    assert "BCE" in bars.y[0] and "2022" in " ".join(bars.y)


# ------------------------------------------------------------------------------------------ polarity

def test_power_shares_plot_every_major_power_in_every_year():
    cinc = irc.load("cinc_major_powers")
    fig = irc.figures.power_shares(cinc)
    assert sorted(tr.name for tr in fig.data) == sorted(cinc["name"].unique())
    assert {"Austria-Hungary", "Italy"} <= {tr.name for tr in fig.data}     # powers that left before 1950
    for trace in fig.data:
        part = cinc[cinc["name"] == trace.name].sort_values("year")
        assert list(trace.x) == part["year"].tolist(), trace.name
        assert list(trace.y) == pytest.approx((100 * part["cinc_share_of_majors"]).tolist(), abs=0.006)
    totals = pd.DataFrame([_years_to_values(tr) for tr in fig.data]).sum()
    assert totals.sub(100).abs().max() < 0.1                                 # each year stacks to 100 %
    first_year = cinc.groupby("name")["year"].min()
    assert [tr.name for tr in fig.data] == first_year.sort_values(kind="stable").index.tolist()


def test_power_concentration_lines_are_the_dataset():
    conc = irc.load("power_concentration").sort_values("year")
    fig = irc.figures.power_concentration(conc)
    for trace, column in zip(fig.data, ("top2_share", "top_share", "hhi_majors")):
        assert list(trace.x) == conc["year"].tolist()
        assert list(trace.y) == pytest.approx((100 * conc[column]).tolist(), abs=0.006), column


# ---------------------------------------------------------------------------------------- alliances

def test_alliance_growth_steps_are_the_recorded_changes():
    changes = irc.load("alliance_size")
    fig = irc.figures.alliance_growth(changes, until="2025-12-31")
    nato = changes[changes["alliance"] == "NATO"].sort_values("date")
    wp = changes[changes["alliance"] == "Warsaw Pact"].sort_values("date")
    assert list(fig.data[0].x) == nato["date"].tolist() + ["2025-12-31"]
    assert list(fig.data[0].y) == nato["members"].tolist() + [nato["members"].iloc[-1]]
    assert list(fig.data[1].x) == wp["date"].tolist() and list(fig.data[1].y) == wp["members"].tolist()
    labels = [(a.x, a.text) for a in fig.layout.annotations if a.text.startswith("<b>")]
    # Every NATO step is labelled with its count, except a step followed within two years by the next one
    # (2023's 31, eleven months before 32): the labels would overlap; the shaded window names it.
    dates = pd.to_datetime(nato["date"])
    spaced = (dates.shift(-1) - dates).isna() | ((dates.shift(-1) - dates) >= pd.Timedelta(days=730))
    assert labels == [(d, f"<b>{m}</b>") for d, m in zip(nato["date"][spaced], nato["members"][spaced])] + \
        [(wp["date"].iloc[0], f"<b>{wp['members'].iloc[0]}</b>")]
    assert "2023-04-04" not in [x for x, _ in labels] and ("2024-03-07", "<b>32</b>") in labels


def test_membership_timeline_rows_are_every_member_of_both_alliances():
    nato, warsaw = irc.load("nato_members"), irc.load("warsaw_pact_members")
    fig = irc.figures.membership_timeline(nato, warsaw, first=1949, last=2025)
    heat = fig.data[0]
    assert [tr.name for tr in fig.data] == ["not a member", "NATO", "Warsaw Pact"]
    assert list(heat.x) == list(range(1949, 2026))
    expected_rows = [f"{c} (WP)" for c in warsaw["country"]]
    newest_first = nato.sort_values(["accession_date", "country"], ascending=[False, True])
    expected_rows += newest_first["country"].tolist()
    assert list(heat.y) == expected_rows and len(heat.y) == 8 + 32
    # One trace per status: each cell is filled (with its status) in exactly one of the three traces.
    grids = [np.asarray(tr.z, dtype=float) for tr in fig.data]
    filled = sum(~np.isnan(g) for g in grids)
    assert (filled == 1).all()
    status = np.nansum(np.stack(grids), axis=0)
    z = dict(zip(heat.y, (list(row) for row in status)))
    for m in warsaw.itertuples():       # 2 = member of the Warsaw Pact on 31 December
        assert z[f"{m.country} (WP)"] == [2 if m.joined_date <= f"{y}-12-31" < m.left_date else 0
                                          for y in range(1949, 2026)], m.country
    for m in nato.itertuples():         # 1 = member of NATO on 31 December
        expected = [1 if m.accession_date <= f"{y}-12-31" else 0 for y in range(1949, 2026)]
        assert z[m.country] == expected, m.country
    assert z["Albania (WP)"][1968 - 1949] == 0 and z["Albania (WP)"][1967 - 1949] == 2   # left 13 Sep 1968
    assert z["Sweden"][2024 - 1949] == 1 and z["Sweden"][2023 - 1949] == 0


def test_bloc_map_explorer_colours_the_dataset_year():
    from ircourse.maps import BLOC_CODES

    blocs = irc.load("bloc_map")
    explorer = irc.widgets.BlocMapExplorer(blocs, 1960)
    for year in (2024, 1968, 1990):
        explorer.slider.value = year
        shown = dict(zip(explorer.figure.data[0].locations, explorer.figure.data[0].z))
        part = blocs[blocs["year"] == year]
        expected = {code: BLOC_CODES[bloc] for code, bloc in zip(part["iso3"], part["bloc"]) if code in shown}
        assert {c: z for c, z in shown.items() if z} == expected, year
        assert str(year) in explorer.figure.layout.title.text


# ------------------------------------------------------------------------------------ Gapminder

@pytest.fixture(scope="module")
def gap() -> pd.DataFrame:
    return px.data.gapminder()


def _bubbles(gap: pd.DataFrame, year: int, continent: str) -> dict:
    """Independent: the continent's countries in ``year``, most populous first (drawn below the others)."""
    part = gap[(gap["year"] == year) & (gap["continent"] == continent)].sort_values("pop", ascending=False)
    return {"x": part["gdpPercap"].round(0).tolist(), "y": part["lifeExp"].round(1).tolist(),
            "text": part["country"].tolist(), "customdata": (part["pop"] / 1e6).round(1).tolist(),
            # marker area proportional to population: diameter 60 px for the largest population of the data
            "size": np.maximum(6, 60 * np.sqrt(part["pop"] / gap["pop"].max())).tolist()}


def _assert_bubbles(fig, gap, year):
    assert [tr.meta for tr in fig.data] == list(CONTINENTS)
    for trace in fig.data:
        expected = _bubbles(gap, year, trace.meta)
        assert list(trace.x) == expected["x"], trace.meta
        assert list(trace.y) == expected["y"], trace.meta
        assert list(trace.text) == expected["text"], trace.meta
        assert list(trace.customdata) == expected["customdata"], trace.meta
        assert list(trace.marker.size) == pytest.approx(expected["size"], abs=0.006), trace.meta


def test_gapminder_bubbles_are_the_year_of_the_data(gap):
    _assert_bubbles(gapminder_bubbles(gap, 1977), gap, 1977)


def test_gapminder_explorer_moves_x_y_size_and_labels(gap):
    explorer = GapminderExplorer(gap, year=1952)
    _assert_bubbles(explorer.figure, gap, 1952)
    for year in (2007, 1982):
        explorer.slider.value = year
        _assert_bubbles(explorer.figure, gap, year)
        assert [a.text for a in explorer.figure.layout.annotations if a.name == "year"] == [str(year)]
        assert str(year) in explorer.figure.layout.title.text


def test_gdp_by_continent_lines_are_the_medians(gap):
    fig = irc.figures.gdp_by_continent(gap)
    medians = gap.groupby(["continent", "year"])["gdpPercap"].median()
    for trace in fig.data:
        assert list(trace.x) == sorted(gap["year"].unique())
        assert list(trace.y) == medians[trace.meta].round(0).tolist(), trace.meta


# -------------------------------------------------------------------------------- Chinese lending

@pytest.mark.parametrize("amount", ["oda_adj_usd_m", "oof_adj_usd_m", "total_adj_usd_m"])
def test_lending_explorer_bars_are_the_yearly_sums(amount):
    lending = irc.load("chinese_lending")
    explorer = LendingExplorer(lending)
    explorer.controls["amount"].value = amount
    years = range(int(lending["year"].min()), int(lending["year"].max()) + 1)
    assert [tr.meta for tr in explorer.figure.data] == list(LENDING_REGIONS)
    for trace in explorer.figure.data:
        sums = lending[lending["region"] == trace.meta].groupby("year")[amount].sum() / 1000
        expected = [round(sums.get(y, 0.0), 3) for y in years]
        assert list(trace.y) == pytest.approx(expected, abs=0.0006), trace.meta
    total = lending[amount].sum() / 1000
    title = explorer.figure.layout.title
    assert f"{total:,.0f}" in f"{title.text} {title.subtitle.text}"


# ---------------------------------------------------------------------------------- nuclear weapons

def test_nuclear_stockpiles_areas_are_the_countries_series():
    data = irc.load("nuclear_stockpiles")
    fig = irc.figures.nuclear_stockpiles(data)
    assert len(fig.data) == data["country"].nunique()
    order = data.groupby("country")["warheads"].max().sort_values(ascending=False, kind="stable").index
    assert [tr.name.split(" ")[0] for tr in fig.data][:2] == [order[0].split(" ")[0], order[1].split(" ")[0]]
    by_country = {c: part.sort_values("year") for c, part in data.groupby("country")}
    for trace, country in zip(fig.data, order):
        assert list(trace.x) == by_country[country]["year"].tolist(), country
        assert list(trace.y) == by_country[country]["warheads"].astype(int).tolist(), country


# ------------------------------------------------------------------------- wars between civilizations

def _wars_by_kind(width: int, civilization: str | None = None) -> dict[str, dict[int, int]]:
    """Independent: wars by first year, "different" if one pair of states is of two civilizations, else
    "same" if one pair is of one civilization, else "unassigned"; counted per 25-year period from 1816."""
    dyads, civs = irc.load("interstate_war_dyads"), irc.load("civilizations")
    civ = dict(zip(civs["ccode"], civs["civilization"]))
    rows = []
    for war, pairs in dyads.groupby("warnum"):
        kinds = set()
        for a, b in zip(pairs["ccode_a"], pairs["ccode_b"]):
            if civilization and civilization not in (civ[a], civ[b]):
                continue
            kinds.add("unassigned" if "unassigned" in (civ[a], civ[b]) else
                      "different" if civ[a] != civ[b] else "same")
        if kinds:
            kind = next(k for k in ("different", "same", "unassigned") if k in kinds)
            rows.append((int(pairs["start_year"].min()), kind))
    out = {k: {} for k in ("different", "same", "unassigned")}
    for start, kind in rows:
        period = 1816 + (start - 1816) // width * width
        out[kind][period] = out[kind].get(period, 0) + 1
    return out


def test_civilization_explorer_counts_wars_by_kind():
    dyads, civilizations = irc.load("interstate_war_dyads"), irc.load("civilizations")
    explorer = irc.widgets.CivilizationWarExplorer(dyads, civilizations)
    explorer.controls["width"].value = 25
    explorer.controls["unit"].value = "wars"
    for civilization in ("", "Islamic"):
        explorer.controls["civilization"].value = civilization
        expected = _wars_by_kind(25, civilization or None)
        bars = explorer.figure.data[2:5]
        for trace, kind in zip(bars, ("different", "same", "unassigned")):
            periods = [int(x - 12.5) for x in trace.x]          # bars are drawn at the middle of the period
            assert dict(zip(periods, trace.y)) == {p: expected[kind].get(p, 0) for p in periods}, kind
            assert sum(trace.y) == sum(expected[kind].values()), kind
        assert sum(bars[0].y) > 0 and sum(bars[1].y) > 0
        known = [d + s for d, s in zip(bars[0].y, bars[1].y)]
        shares = [None if k == 0 else round(100 * d / k, 1) for d, k in zip(bars[0].y, known)]
        assert list(explorer.figure.data[0].y) == shares


# ------------------------------------------------------------------------------ the prisoner's dilemma

def test_prisoners_dilemma_explorer_totals_are_the_payoffs_of_the_moves():
    from ircourse.widgets.synthesis import PrisonersDilemmaExplorer

    explorer = PrisonersDilemmaExplorer("tit_for_tat", "always_defect", rounds=50)
    settings = [("b", "random"), ("noise", 0.1), ("seed", 7), ("T", 6), ("rounds", 30), ("a", "grim_trigger")]
    for control, value in settings:
        explorer.controls[control].value = value
        c = explorer.controls
        t_, r, p, s = c["T"].value, c["R"].value, c["P"].value, c["S"].value
        payoff = {("C", "C"): (r, r), ("C", "D"): (s, t_), ("D", "C"): (t_, s), ("D", "D"): (p, p)}
        match = explorer.match
        assert len(match) == c["rounds"].value
        gains = [payoff[(a, b)] for a, b in zip(match["move_a"], match["move_b"])]
        fig = explorer.figure
        assert list(fig.data[0].y) == list(np.cumsum([g[0] for g in gains])), control
        assert list(fig.data[1].y) == list(np.cumsum([g[1] for g in gains])), control
        assert list(fig.data[2].y) == [0, r * len(match)] and list(fig.data[3].y) == [0, p * len(match)]
        assert [list(row) for row in fig.data[4].z] == [[int(m == "C") for m in match["move_b"]],
                                                         [int(m == "C") for m in match["move_a"]]]


# ------------------------------------------------------------------------------ organizations' growth

def test_membership_explorer_lines_in_members_and_in_percent():
    from ircourse.figures.organizations import cow_series, membership_series
    from ircourse.widgets.organizations import MembershipExplorer

    un, asean = irc.load("un_membership"), irc.load("asean_members")
    series = membership_series(un, asean, irc.load("arab_league_members"), irc.load("organizations"))
    explorer = MembershipExplorer(series, cow_series(irc.load("igo_membership_counts"), series))
    lines = {tr.meta: tr for tr in explorer.figure.data}
    # Independent: the UN at the end of each year (its 51 founders in 1945); ASEAN after each admission
    # day, held to the end of 2025.
    un_members = un.sort_values("year")["members"].astype(int).tolist()
    days = sorted(set(asean["admission_date"]))
    asean_members = [int((asean["admission_date"] <= d).sum()) for d in days] + [len(asean)]
    assert list(lines["UN|line"].y) == un_members
    assert list(lines["UN|line"].x) == ["1945-10-24"] + [f"{y}-12-31" for y in range(1946, 2026)]
    assert list(lines["ASEAN|line"].y) == asean_members and asean_members[:2] == [5, 6]
    explorer.controls["scale"].value = "pct"
    assert list(lines["UN|line"].y) == [round(100 * m / 193, 1) for m in un_members]
    assert list(lines["ASEAN|line"].y) == [round(100 * m / 11, 1) for m in asean_members]
    explorer.controls["scale"].value = "abs"
    assert list(lines["UN|line"].y) == un_members
