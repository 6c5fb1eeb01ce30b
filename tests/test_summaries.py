"""Every chart's text alternative (``layout.meta["summary"]``) says what the data says.

For every figure function of :mod:`ircourse.figures`, the numbers of its summary are computed here
again, independently, with pandas on the course dataset, and written the way English (or Uzbek,
Russian) writes them with plain Python formatting (:func:`num`, :func:`pct`): the summary must contain
each of them as a whole number (not as part of a longer one). The explorers must describe their chart
again after every change of a control, as the figure function would for the same choice, and show it
under the chart. The contract of ``layout.meta`` (:mod:`ircourse.figures.common`) is tested on its own.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import pytest

import ircourse as irc
from ircourse import i18n, widgets
from ircourse.conflicts import count_started, peace_years
from ircourse.cooperation import play
from ircourse.figures import civilizations as civ
from ircourse.figures import common
from ircourse.figures import organizations as orgs_fig
from ircourse.figures.common import data_of, describe, summary_of

F = irc.figures
load = irc.load
NBSP = "\u00a0"


# ---------------------------------------------------------------- independent formatting

def num(value, lang: str = "en", digits: int = 0) -> str:
    """A number as ``lang`` writes it: 3,708.5 (en); 3 708,5 with a no-break space (uz, ru)."""
    text = f"{value:,.{digits}f}"
    return text if lang == "en" else text.replace(",", NBSP).replace(".", ",")


def pct(share, lang: str = "en") -> str:
    """A share (0.64) as a whole percentage: 64% (en, uz), 64 % with a no-break space (ru)."""
    return num(100 * share, lang) + (NBSP + "%" if lang == "ru" else "%")


def assert_contains(summary: str, *expected: str) -> None:
    """Every expected value is in the summary, a number as a whole number, not part of a longer one."""
    missing = []
    for value in expected:
        value = str(value)
        if re.match(r"^[\d\s\u00a0.,%]+$", value):
            found = re.search(rf"(?<![\d.,\u00a0]){re.escape(value)}(?![\d]|[.,\u00a0]\d)", summary)
        else:
            found = value in summary
        if not found:
            missing.append(value)
    assert not missing, f"{missing} not in {summary!r}"


@pytest.fixture
def lang(request):
    """Run a test in a course language, and go back to English after it."""
    language = getattr(request, "param", "en")
    i18n.set_language(language)
    yield language
    i18n.set_language("en")


# ---------------------------------------------------------------- the datasets

@pytest.fixture(scope="module")
def gap():
    return px.data.gapminder()


def _wars(events: pd.DataFrame, width: int, first: int, last: int) -> pd.DataFrame:
    """Starts per source and period, by pandas: the floor of the start year to the period."""
    inside = events[events["start_year"].between(first, last)]
    return (inside.assign(series=inside["source"] + "|" + inside["unit"],
                          period=(inside["start_year"] // width) * width)
            .groupby(["series", "period"]).size().rename("count").reset_index())


# ---------------------------------------------------------------- chapter 0 and 6: alliances, power

@pytest.mark.parametrize("lang", ["en", "uz", "ru"], indirect=True)
def test_alliance_growth(lang):
    changes = load("alliance_size")
    nato = changes[changes["alliance"] == "NATO"].sort_values("date")
    rises = nato["members"].diff()
    wp = changes[changes["alliance"] == "Warsaw Pact"]
    summary = summary_of(F.alliance_growth(changes))
    assert_contains(summary, num(nato["members"].iloc[0], lang), nato["year"].iloc[0],
                    num(nato["members"].iloc[-1], lang), nato["year"].iloc[-1], num((rises > 0).sum(), lang),
                    nato.loc[rises.idxmax(), "year"], num(rises.max(), lang), num(wp["members"].max(), lang),
                    wp["year"].max())
    if lang == "en":
        assert summary.startswith("NATO grew from 12 members in 1949 to 32 in 2024 in 10 enlargement rounds; "
                                  "the largest, in 2004, added 7.")  # the example, from the data


def test_membership_timeline():
    nato, warsaw = load("nato_members"), load("warsaw_pact_members")
    summary = summary_of(F.membership_timeline(nato, warsaw))
    years = nato["accession_date"].str[:4].astype(int)
    assert_contains(summary, num(len(nato)), years.min(), years.max(), num((years == years.min()).sum()),
                    num(len(warsaw)), warsaw["joined_date"].str[:4].min(), warsaw["left_date"].str[:4].max())
    table = pd.DataFrame(data_of(F.membership_timeline(nato, warsaw)))
    assert sorted(table["country"]) == sorted([*nato["country"], *warsaw["country"]])


def test_bloc_map_summary_counts_todays_countries_per_bloc():
    blocs = load("bloc_map")
    explorer = widgets.BlocMapExplorer(blocs, year=1960)
    for year in (1960, 1991):
        explorer.slider.value = year
        rows = blocs[blocs["year"] == year]
        count = rows.groupby("bloc")["iso3"].nunique()
        summary = summary_of(explorer.figure)
        assert_contains(summary, f"31 December {year}", num(count.get("NATO", 0)), num(count.get("Warsaw Pact", 0)))
        assert ("Germany was divided" in summary) == ("Divided Germany" in set(rows["bloc"]))
        assert sorted(r["iso3"] for r in data_of(explorer.figure)) == sorted(rows["iso3"])


@pytest.mark.parametrize("lang", ["en", "ru"], indirect=True)
def test_power_shares(lang):
    cinc = load("cinc_major_powers")
    table = cinc.pivot_table(index="year", columns="name", values="cinc_share_of_majors")
    first, last = table.index.min(), table.index.max()
    superpowers = table.loc[1945:1991, ["United States", "Russia/USSR"]].sum(axis=1)
    summary = summary_of(F.power_shares(cinc))
    assert_contains(summary, first, pct(table.loc[first].max(), lang), last, pct(table.loc[last].max(), lang),
                    pct(superpowers.min(), lang), pct(superpowers.max(), lang))
    if lang == "en":
        assert_contains(summary, table.loc[first].idxmax(), table.loc[last].idxmax())
    else:
        assert "Великобритания" in summary and "Китай" in summary  # CLDR's names of the leaders


def test_power_concentration():
    c = load("power_concentration")
    top = c.set_index("year")["top_share"]
    summary = summary_of(F.power_concentration(c))
    assert_contains(summary, top.idxmax(), pct(top.max()), top.idxmin(), pct(top.min()), c["year"].max(),
                    pct(top.loc[c["year"].max()]), c.set_index("year").loc[top.idxmax(), "top_power"])


# ---------------------------------------------------------------- chapter 1: IR thought

def test_ir_timeline():
    df = load("ir_thought_timeline")
    summary = summary_of(F.ir_timeline(df))
    counts = df["kind"].value_counts()
    assert_contains(summary, f"{len(df)} milestones", *(f": {n}" for n in counts),
                    df.sort_values("year")["label"].iloc[0])
    recent = df[df["year"].between(1900, 2000)]
    summary = summary_of(F.ir_timeline(df, first=1900, last=2000))
    assert_contains(summary, f"{len(recent)} milestones", "from 1900 to 2000",
                    recent.sort_values("year")["label"].iloc[0])
    assert len(data_of(F.ir_timeline(df, first=1900, last=2000))) == len(recent)


# ---------------------------------------------------------------- chapter 2: globalization

@pytest.mark.parametrize("lang", ["en", "uz", "ru"], indirect=True)
def test_trade_since_1800(lang):
    trade = load("world_trade")
    volume = trade.dropna(subset=["trade_volume_index"]).set_index("year")["trade_volume_index"]
    share = trade.dropna(subset=["trade_share_gdp"]).set_index("year")["trade_share_gdp"]
    summary = summary_of(F.trade_since_1800(trade))
    assert_contains(summary, num(round(volume.iloc[-1] / volume.iloc[0]), lang), volume.index[0], volume.index[-1],
                    num(volume.iloc[0], lang, 1), num(volume.iloc[-1], lang), pct(share.iloc[0] / 100, lang),
                    share.index[0], pct(share.iloc[-1] / 100, lang), share.index[-1])
    if lang != "en":
        assert NBSP in num(volume.iloc[-1], lang)  # the test formats a thousands separator the language's way


def test_gdp_by_continent(gap):
    medians = gap.groupby(["year", "continent"])["gdpPercap"].median().unstack()
    first, last = medians.index.min(), medians.index.max()
    end = medians.loc[last]
    summary = summary_of(F.gdp_by_continent(gap))
    assert_contains(summary, first, last, f"{(medians.loc[last] > medians.loc[first]).sum()} of {len(end)}",
                    "$" + num(end.min()), end.idxmin(), "$" + num(end.max()), end.idxmax(),
                    num(end.max() / end.min(), digits=1))


@pytest.mark.parametrize("lang", ["en", "uz"], indirect=True)
def test_gapminder_bubbles(gap, lang):
    for year in (1952, 2007):
        part = gap[gap["year"] == year].set_index("country")
        summary = summary_of(F.gapminder_bubbles(gap, year))
        assert_contains(summary, year, num(len(part), lang), num(part["lifeExp"].min(), lang, 1),
                        part["lifeExp"].idxmin(), num(part["lifeExp"].max(), lang, 1), part["lifeExp"].idxmax(),
                        "$" + num(part["gdpPercap"].min(), lang), part["gdpPercap"].idxmin(),
                        "$" + num(part["gdpPercap"].max(), lang), part["gdpPercap"].idxmax())


@pytest.mark.parametrize("lang", ["en", "ru"], indirect=True)
def test_chinese_lending_by_region(lang):
    lending = load("chinese_lending")
    for amount in ("total_adj_usd_m", "oda_adj_usd_m"):
        by_year = lending.groupby("year")[amount].sum() / 1000
        by_region = lending.groupby("region")[amount].sum() / 1000
        summary = summary_of(F.chinese_lending_by_region(lending, amount))
        assert_contains(summary, "$" + num(by_region.sum(), lang), by_year.index.min(), by_year.index.max(),
                        by_year.idxmax(), "$" + num(by_year.max(), lang, 1),
                        pct(by_region.max() / by_region.sum(), lang))
    africa = lending[lending["region"] == "Africa"].groupby("year")["total_adj_usd_m"].sum() / 1000
    summary = summary_of(F.chinese_lending_by_region(lending, regions=["Africa"]))
    assert_contains(summary, "$" + num(africa.sum(), lang), africa.idxmax(), "$" + num(africa.max(), lang, 1))
    assert "%" not in summary  # one region: no share of the total to give


def test_top_recipients():
    lending = load("chinese_lending")
    totals = lending.groupby("country")["total_adj_usd_m"].sum().sort_values(ascending=False) / 1000
    top = totals.head(15)
    summary = summary_of(F.top_recipients(lending, n=15))
    assert_contains(summary, "15", "$" + num(top.sum()), top.index[0], "$" + num(top.iloc[0], digits=1),
                    top.index[-1], "$" + num(top.iloc[-1], digits=1))


@pytest.mark.parametrize("lang", ["en", "uz", "ru"], indirect=True)
def test_africa_loans_by_year(lang):
    loans = load("chinese_loans_africa")
    by_year = loans.groupby("year")["amount_usd_million"].sum() / 1000
    chexim = loans.loc[loans["lender"] == "CHEXIM", "amount_usd_million"].sum() / 1000
    summary = summary_of(F.africa_loans_by_year(loans))
    assert_contains(summary, num(len(loans), lang), "$" + num(by_year.sum(), lang), loans["year"].min(),
                    loans["year"].max(), by_year.idxmax(), "$" + num(by_year.max(), lang, 1),
                    pct(chexim / by_year.sum(), lang))
    if lang != "en":
        assert f"1{NBSP}188" in num(len(loans), lang)


# ---------------------------------------------------------------- chapter 3: wars

@pytest.mark.parametrize("lang", ["en", "ru"], indirect=True)
def test_war_frequency(lang):
    events = load("wars_long_run")
    counts = _wars(events, 100, -2600, 2023)
    peak = counts.loc[counts["count"].idxmax()]
    summary = summary_of(F.war_frequency(count_started(events, width=100), width=100, log_y=True))
    assert_contains(summary, num(counts["series"].nunique(), lang), num(counts["count"].sum(), lang),
                    num(peak["count"], lang), F.wars.series_name(peak["series"]))
    if lang == "en":
        assert_contains(summary, "2600 BCE", "2023", f"{peak['period']}s")
    # Only the series shown count.
    cow = _wars(events, 10, 1800, 2000).query("series == 'COW|war'")
    fig = F.war_frequency(count_started(events, 10, 1800, 2000), 10, 1800, 2000, visible=["COW|war"])
    assert_contains(summary_of(fig), num(cow["count"].sum(), lang), num(cow["count"].max(), lang))
    assert {r["series"] for r in data_of(fig)} == {"COW|war"}


def test_peace_bars():
    peace = peace_years(load("wars_long_run"))
    share = peace["peace_years"] / peace["years"]
    summary = summary_of(F.peace_bars(peace))
    assert_contains(summary, pct(share.max()), F.wars.series_name(peace.loc[share.idxmax(), "series"]),
                    pct(share.min()), f"{(peace['peace_years'] == 0).sum()} of the {len(peace)}")


# ---------------------------------------------------------------- chapter 4: organizations

def _series():
    orgs = load("organizations")
    return orgs_fig.membership_series(load("un_membership"), load("asean_members"), load("arab_league_members"),
                                      orgs)


def test_membership_growth():
    un, asean, arab = load("un_membership"), load("asean_members"), load("arab_league_members")
    series = _series()
    summary = summary_of(F.membership_growth(series))
    un = un.sort_values("year")
    assert_contains(summary,
                    f"United Nations {un['members'].iloc[0]} ({un['year'].iloc[0]}) to {un['members'].iloc[-1]}")
    for name, table in (("ASEAN", asean), ("League of Arab States", arab)):
        table = table.sort_values("admission_date")
        first = table[table["admission_date"] == table["admission_date"].min()]
        assert_contains(summary, f"{name} {first['members_after'].iloc[-1]} ({first['year'].iloc[0]}) to "
                                 f"{table['members_after'].iloc[-1]}")
    relative = summary_of(F.membership_growth(series, ["ASEAN"], relative=True))
    assert "United Nations" not in relative and "percentage" in relative and "ASEAN" in relative


def test_founding_timeline():
    orgs = load("organizations")
    summary = summary_of(F.founding_timeline(orgs))
    order = orgs.sort_values(["founded_year", "founded"])
    largest = orgs.loc[orgs["members_current"].dropna().astype(int).idxmax()]
    assert_contains(summary, f"{len(orgs)} organizations",
                    f"{order['founded_year'].iloc[0]} ({order['organization'].iloc[0]})",
                    f"{order['founded_year'].iloc[-1]} ({order['organization'].iloc[-1]})",
                    f"{orgs['intergovernmental'].sum()} are intergovernmental",
                    f"{(~orgs['intergovernmental'].astype(bool)).sum()} non-governmental",
                    largest["organization"], num(largest["members_current"]))


# ---------------------------------------------------------------- chapter 5: the interwar order

@pytest.mark.parametrize("lang", ["en", "uz"], indirect=True)
def test_interwar_timeline(lang):
    events = load("interwar_events").sort_values("date", kind="stable")
    summary = summary_of(F.interwar_timeline(events))
    counts = events["category"].value_counts()
    assert_contains(summary, num(len(events), lang), *(f": {n}" for n in counts))
    months = {"en": "June", "uz": "iyun"}
    assert_contains(summary, f"28{'-' if lang == 'uz' else ' '}{months[lang]}")  # the first event, dated to the day
    assert events["date"].iloc[0] == "1919-06-28"
    later = events[events["year"].between(1933, 1936)]
    summary = summary_of(F.interwar_timeline(events, first=1933, last=1936))
    assert_contains(summary, num(len(later), lang), "1933", "1936")


# ---------------------------------------------------------------- chapter 7: civilizations

def _coded_by_pandas() -> pd.DataFrame:
    dyads, civs = load("interstate_war_dyads"), load("civilizations")
    civ_of = civs.set_index("ccode")["civilization"].astype(str)
    out = dyads.assign(a=dyads["ccode_a"].map(civ_of), b=dyads["ccode_b"].map(civ_of))
    return out[(out["a"] != "unassigned") & (out["b"] != "unassigned")]


def test_cross_civilization_share():
    known = _coded_by_pandas()
    different = known["a"] != known["b"]
    after = known["start_year"] >= 1990
    coded = civ.code_dyads(load("interstate_war_dyads"), load("civilizations"))
    summary = summary_of(F.cross_civilization_share(civ.shares_by_period(coded, 10, "dyads")))
    assert_contains(summary, "1816", "2007", pct(different.mean()), num(len(known)), pct(different[after].mean()),
                    "1990s–2000s")


def test_civilization_pairs():
    known = _coded_by_pandas()
    pair = known.apply(lambda r: " – ".join(sorted([r["a"], r["b"]])), axis=1)
    counts = pd.DataFrame({"total": pair.value_counts(),
                           "after": pair[known["start_year"] >= 1990].value_counts()}).fillna(0)
    top = counts.sort_values(["total", "after"], ascending=False).index[0]
    coded = civ.code_dyads(load("interstate_war_dyads"), load("civilizations"))
    summary = summary_of(F.civilization_pairs(coded, split_year=1990))
    before = int(counts.loc[top, "total"] - counts.loc[top, "after"])
    assert_contains(summary, top, num(counts.loc[top, "total"]), num(before), num(counts.loc[top, "after"]), "1990")


# ---------------------------------------------------------------- chapter 8: synthesis

@pytest.mark.parametrize("lang", ["en", "ru"], indirect=True)
def test_nuclear_stockpiles(lang):
    stock = load("nuclear_stockpiles")
    total = stock.groupby("year")["warheads"].sum()
    last = total.index.max()
    big_two = stock[(stock["year"] == last) & stock["country"].isin(["United States", "Russia"])]["warheads"].sum()
    summary = summary_of(F.nuclear_stockpiles(stock))
    assert_contains(summary, num(total.max(), lang), total.idxmax(), last, num(total[last], lang),
                    pct(big_two / total[last], lang))


def test_cumulative_payoffs():
    for a, b, rounds in (("tit_for_tat", "always_defect", 100), ("tit_for_tat", "tit_for_tat", 500)):
        match = play(a, b, rounds=rounds)
        summary = summary_of(F.cumulative_payoffs(match, a, b))
        both = ((match["move_a"] == "C") & (match["move_b"] == "C")).mean()
        assert_contains(summary, num(len(match)), num(match["payoff_a"].sum()), num(match["payoff_b"].sum()),
                        pct(both))


# ---------------------------------------------------------------- every figure, every explorer state

def test_every_public_figure_function_is_covered_and_describes_its_chart():
    """Every chart every public figure function draws, and every explorer state, has a summary."""
    from .test_geometry import course_figures

    made = course_figures()
    public = {name for name in F.__all__ if name != "add_source"}
    assert public <= {name for name, _ in made}, public - {name for name, _ in made}
    empty = [name for name, fig in made if len(summary_of(fig)) < 30]
    assert not empty, f"no summary: {empty}"
    # Sentences of text, no markup, numbers written out (no "nan", no "None").
    bad = [(name, summary_of(fig)) for name, fig in made
           if re.search(r"<|>|\bnan\b|\bNone\b|\{|\}", summary_of(fig))]
    assert not bad, bad


@pytest.mark.parametrize("lang", ["uz", "ru"], indirect=True)
def test_every_figure_has_a_summary_in_uzbek_and_russian(lang, gap):
    """Under IRCOURSE_LANG=uz or ru every figure is described, its numbers in the language's format."""
    from .test_geometry import course_figures

    made = course_figures()
    assert all(len(summary_of(fig)) >= 30 for _, fig in made)
    loans = load("chinese_loans_africa")
    summary = summary_of(F.africa_loans_by_year(loans))
    assert num(len(loans), lang) in summary and f"{len(loans):,}" not in summary
    assert re.search(r"\d,\d", summary_of(F.gapminder_bubbles(gap, 2007)))  # decimal comma: 39,6


def test_explorers_describe_each_state_as_the_figure_function_does(gap):
    """After a control changes, the explorer's summary is the figure function's for the same choice."""
    lending, events = load("chinese_lending"), load("wars_long_run")
    explorer = widgets.GapminderExplorer(gap, year=1952)
    caption = explorer.widget().children[-1]
    explorer.slider.value = 2007
    assert summary_of(explorer.figure) == summary_of(F.gapminder_bubbles(gap, 2007)) == caption.text
    assert data_of(explorer.figure) == data_of(F.gapminder_bubbles(gap, 2007))

    explorer = widgets.LendingExplorer(lending)
    explorer.controls["amount"].value = "oda_adj_usd_m"
    explorer.controls["regions"].value = ("Africa", "Europe")
    expected = F.chinese_lending_by_region(lending, "oda_adj_usd_m", ["Africa", "Europe"])
    assert summary_of(explorer.figure) == summary_of(expected)
    assert data_of(explorer.figure) == data_of(expected)

    explorer = widgets.WarExplorer(events, width=100, log_y=True)
    explorer.controls["width"].value = 10
    explorer.controls["years"].value = (1800, 2000)
    explorer.controls["series"].value = ("COW|war",)
    expected = F.war_frequency(count_started(events, 10, 1800, 2000), 10, 1800, 2000, visible=["COW|war"])
    assert summary_of(explorer.figure) == summary_of(expected)
    explorer.controls["series"].value = ()
    assert "No series" in summary_of(explorer.figure) and not data_of(explorer.figure)

    df = load("ir_thought_timeline")
    explorer = widgets.ThoughtTimelineExplorer(df, era="1900")
    explorer.controls["era"].value = "antiquity"
    assert summary_of(explorer.figure) == summary_of(F.ir_timeline(df, first=-1500, last=500))

    series = _series()
    explorer = widgets.MembershipExplorer(series)
    explorer.controls["organizations"].value = ("UN",)
    explorer.controls["scale"].value = "pct"
    assert summary_of(explorer.figure) == summary_of(F.membership_growth(series, ["UN"], relative=True))

    interwar = load("interwar_events")
    explorer = widgets.InterwarExplorer(interwar)
    explorer.controls["years"].value = (1933, 1936)
    explorer.controls["categories"].value = ("breach", "war")
    assert summary_of(explorer.figure) == summary_of(F.interwar_timeline(interwar, ["breach", "war"], 1933, 1936))

    dyads, civs = load("interstate_war_dyads"), load("civilizations")
    explorer = widgets.CivilizationWarExplorer(dyads, civs)
    explorer.controls["unit"].value = "wars"
    explorer.controls["civilization"].value = "Islamic"
    coded = civ.code_dyads(dyads, civs)
    expected = F.cross_civilization_share(civ.shares_by_period(coded, 10, "wars", "Islamic"), 10, "wars", "Islamic")
    assert summary_of(explorer.figure) == summary_of(expected)

    explorer = widgets.PrisonersDilemmaExplorer("tit_for_tat", "always_defect", rounds=100)
    caption = explorer.widget().children[-1]
    explorer.controls["b"].value = "tit_for_tat"
    expected = F.cumulative_payoffs(play("tit_for_tat", "tit_for_tat", rounds=100), "tit_for_tat", "tit_for_tat")
    assert summary_of(explorer.figure) == summary_of(expected) == caption.text


def test_explorer_boxes_end_with_a_caption_that_names_terse_controls():
    explorer = widgets.PrisonersDilemmaExplorer()
    box = explorer.widget()
    assert "ircourse-explorer" in box._dom_classes and box.children[-2] is explorer.figure
    caption = box.children[-1]
    assert isinstance(caption, widgets.access.ChartCaption)
    assert caption.text == summary_of(explorer.figure)
    assert set(caption.names) == {"T", "R", "P", "S"} and "temptation" in caption.names["T"]
    assert caption.words["from"] and caption.words["to"]


# ---------------------------------------------------------------- the contract of layout.meta

def test_describe_keeps_other_meta_and_drops_a_table_that_became_too_big():
    fig = go.Figure(layout=dict(meta={"scroll": True, "fitbounds": [1, 2, 3, 4]}))
    describe(fig, "Two sentences.  About a chart.", pd.DataFrame({"year": [1949, 2024], "n": [12, np.nan]}))
    assert fig.layout.meta == {"scroll": True, "fitbounds": [1, 2, 3, 4], "summary": "Two sentences. About a chart.",
                               "data": [{"year": 1949, "n": 12.0}, {"year": 2024, "n": None}]}
    big = pd.DataFrame({"year": range(common.MAX_DATA_BYTES // 10)})
    describe(fig, "Another summary.", big)
    assert "data" not in fig.layout.meta and fig.layout.meta["scroll"] is True
    describe(fig, "Small again.", big.head(3))
    assert [r["year"] for r in data_of(fig)] == [0, 1, 2]
    assert summary_of(fig.to_plotly_json()) == "Small again." and summary_of(go.Figure()) == ""


@pytest.mark.parametrize("text", ["", "   ", "<b>bold</b> summary", "one line\nand another"])
def test_describe_refuses_what_a_screen_reader_cannot_read_as_it_is(text):
    with pytest.raises(ValueError, match="plain text"):
        describe(go.Figure(), text)


def test_every_figure_table_is_small_and_tidy():
    from .test_geometry import course_figures

    for name, fig in course_figures():
        table = data_of(fig)
        if not table:
            continue
        assert all(list(row) == list(table[0]) for row in table), name
        assert all(re.fullmatch(r"[a-z][a-z0-9_]*", key) for key in table[0]), name
        assert len(str(table)) < 2 * common.MAX_DATA_BYTES, name


# ---------------------------------------------------------------- the committed notebooks

def _charts(path):
    import json

    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            figure = (output.get("data") or {}).get("application/vnd.plotly.v1+json")
            if figure:
                yield cell.get("id"), figure


@pytest.mark.parametrize("lang", ["en", "uz", "ru"])
def test_every_chart_of_every_committed_chapter_has_a_text_alternative(lang):
    from .conftest import ROOT

    folder = ROOT / "notebooks" / ("" if lang == "en" else lang)
    charts = missing = 0
    for path in sorted(folder.glob("*.ipynb")):
        for cell_id, figure in _charts(path):
            charts += 1
            summary = (figure["layout"].get("meta") or {}).get("summary", "")
            if len(summary.split()) < 8:
                missing += 1
                print(f"{path.name} {cell_id}: no text alternative")
    assert charts >= 20 and missing == 0


def test_the_reparations_chart_says_what_its_table_says():
    """Chapter 5's hand-made chart (px.bar in the notebook): the summary's numbers are the table's."""
    from .conftest import ROOT

    for lang in ["en", "uz", "ru"]:
        folder = ROOT / "notebooks" / ("" if lang == "en" else lang)
        (_, figure), = [c for c in _charts(folder / "05_versailles_system.ipynb") if c[0] == "versailles-07"]
        meta = figure["layout"]["meta"]
        table = pd.DataFrame(meta["data"])
        numbers = {int(n) for n in re.findall(r"\d+", meta["summary"])}
        london = table[table["instrument"].str.contains("1921")]["billion_gold_marks"]
        # Treaty Art. 235: 20 bn interim; London Schedule: 50 (A, B) + 82 (C) = 132 (Marks 1978)
        assert set(table["billion_gold_marks"]) | {int(london.sum()), 1919, 1921} == numbers == {20, 50, 82, 132, 1919, 1921}


@pytest.mark.parametrize("columns", [["year"], ["series", "period", "count"], ["a"]])
def test_a_table_is_dropped_exactly_when_its_json_is_too_big(columns):
    """The shortcut that skips converting a big table never drops one whose JSON fits."""
    import json

    for rows in range(1, common.MAX_DATA_BYTES, 37):
        table = pd.DataFrame({c: [7] * rows for c in columns})
        size = len(json.dumps(table.to_dict("records"), separators=(",", ":")))
        kept = common.records(table)
        assert (kept is None) == (size > common.MAX_DATA_BYTES), (columns, rows, size)
        if size > common.MAX_DATA_BYTES + 200:
            break
