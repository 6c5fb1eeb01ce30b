"""The numbers chapters 4-7 state in their prose, recomputed independently from the datasets.

Each test reads the built CSV files in ``data/`` with plain pandas (never through the code that built
them or through the chapter's own cells), computes the figure the chapter states, and checks the
chapter's text or outputs against it. Facts taken from cited sources (dates of events) are written out
here with their source.
"""

from __future__ import annotations

import json
import re
from itertools import combinations

import pandas as pd
import pytest

from .conftest import RAW, ROOT

DATA = ROOT / "data"
NOTEBOOKS = ROOT / "notebooks"


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / f"{name}.csv", keep_default_na=False, na_values=[""])


def _text(stem: str) -> str:
    """All markdown and all printed/plain outputs of a chapter, as one string."""
    nb = json.loads((NOTEBOOKS / f"{stem}.ipynb").read_text(encoding="utf-8"))
    parts = []
    for cell in nb["cells"]:
        parts.append("".join(cell["source"]) if cell["cell_type"] == "markdown" else "")
        for out in cell.get("outputs", []):
            parts.append("".join(out.get("text", "")))
            parts.append("".join(out.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


def _coded_pairs() -> pd.DataFrame:
    civ = _csv("civilizations").set_index("ccode")["civilization"]
    dyads = _csv("interstate_war_dyads")
    return dyads.assign(civ_a=dyads["ccode_a"].map(civ), civ_b=dyads["ccode_b"].map(civ))


# ------------------------------------------------------------------------------ chapter 7: Korea


def _korea_counts() -> dict[str, int]:
    korea = _coded_pairs().query("war_name == 'Korean'")
    unassigned = (korea["civ_a"] == "unassigned") | (korea["civ_b"] == "unassigned")
    same = (korea["civ_a"] == korea["civ_b"]) & ~unassigned
    return {"pairs": len(korea), "unassigned": int(unassigned.sum()), "same": int(same.sum()),
            "across": int((~unassigned & ~same).sum())}


def test_korean_war_pairs_follow_from_the_two_coalitions():
    korea = _coded_pairs().query("war_name == 'Korean'")
    # COW pairs every state with every enemy: the side of North Korea (731) and China (710) against the rest.
    communist = {710, 731}
    other_side = set(korea["ccode_a"]).union(korea["ccode_b"]) - communist
    assert len(korea) == len(other_side) * len(communist)
    counts = _korea_counts()
    assert counts["pairs"] == counts["unassigned"] + counts["same"] + counts["across"]
    # Ethiopia (530) is the only unassigned state; the Sinic-Sinic pairs all involve South Korea (732).
    civ = _csv("civilizations").set_index("ccode")["civilization"]
    unassigned_states = {c for c in other_side | communist if civ[c] == "unassigned"}
    assert unassigned_states == {530}
    assert counts["unassigned"] == len(communist)
    sinic_on_other_side = {c for c in other_side if civ[c] == "Sinic"}
    assert counts["same"] == len(sinic_on_other_side) * len(communist)


def test_chapter_7_states_the_korean_numbers_the_data_give():
    counts = _korea_counts()
    text = _text("07_clash_of_civilizations")
    assert f"pairs in the Korean War:           {counts['pairs']}" in text
    assert f"with an unassigned state:          {counts['unassigned']}" in text
    assert f"same civilization:                 {counts['same']}" in text
    assert f"across civilizations:              {counts['across']}" in text
    assert (f"The Korean War alone gives {counts['pairs']} pairs, {counts['across']} of them across "
            "civilizations") in text
    assert "about thirty" not in text


def test_chapter_7_cold_war_share_of_korea():
    pairs = _coded_pairs()
    known = pairs[(pairs["civ_a"] != "unassigned") & (pairs["civ_b"] != "unassigned")]
    cold_war = known[known["start_year"].between(1946, 1989)]
    across = int((cold_war["civ_a"] != cold_war["civ_b"]).sum())
    share = _korea_counts()["across"] / across
    assert f"share of the Cold War's {across} across-civilization pairs: {share:.0%}" in _text(
        "07_clash_of_civilizations")
    assert 0.35 < share < 0.40  # the prose says "almost two in five"


# ----------------------------------------------------------------- chapter 7: the baselines


def _state_years() -> pd.DataFrame:
    states = pd.read_csv(RAW / "cow-state-system" / "states2016.csv")
    rows = {(int(s.ccode), y) for s in states.itertuples() for y in range(s.styear, s.endyear + 1)}
    return pd.DataFrame(sorted(rows), columns=["ccode", "year"])


@pytest.mark.skipif(not RAW.is_dir(), reason="../shared/data-sources is not here (it is not on Binder)")
@pytest.mark.parametrize("year", [1816, 1939, 1946, 1992, 2016])
def test_baseline_share_by_brute_force(year):
    """Enumerate every pair of states in the system that year and compare the two codes."""
    civ = _csv("civilizations").set_index("ccode")["civilization"]
    majors = _csv("cinc_major_powers")
    major = set(majors.loc[majors["year"] == year, "ccode"])
    present = [c for c in _state_years().query("year == @year")["ccode"] if civ[c] != "unassigned"]
    all_pairs = list(combinations(present, 2))
    major_pairs = [p for p in all_pairs if p[0] in major or p[1] in major]
    row = _csv("civilization_baseline").set_index("year").loc[year]
    assert row["states"] == len(present)
    assert row["pairs"] == len(all_pairs)
    assert row["major_pairs"] == len(major_pairs)
    assert row["major_powers"] == len(major)
    assert row["across_share"] == pytest.approx(sum(civ[a] != civ[b] for a, b in all_pairs) / len(all_pairs),
                                                abs=1e-6)
    assert row["major_across_share"] == pytest.approx(
        sum(civ[a] != civ[b] for a, b in major_pairs) / len(major_pairs), abs=1e-6)


@pytest.mark.skipif(not RAW.is_dir(), reason="../shared/data-sources is not here (it is not on Binder)")
def test_baseline_respects_gaps_between_spells():
    # Estonia (366) is in the COW system 1918-1940 and again from 1991: absent in 1960.
    years = _state_years()
    assert not ((years["ccode"] == 366) & (years["year"] == 1960)).any()
    baseline = _csv("civilization_baseline").set_index("year")
    civ = _csv("civilizations").set_index("ccode")["civilization"]
    in_1960 = [c for c in years.query("year == 1960")["ccode"] if civ[c] != "unassigned"]
    assert baseline.loc[1960, "states"] == len(in_1960)


def test_chapter_7_compares_war_pairs_with_their_years_baseline():
    pairs = _coded_pairs()
    known = pairs[(pairs["civ_a"] != "unassigned") & (pairs["civ_b"] != "unassigned")]
    base = _csv("civilization_baseline").set_index("year")
    majors = _csv("cinc_major_powers")
    major = set(zip(majors["ccode"], majors["year"]))
    after = known[known["start_year"] >= 1990]
    expected_all = after["start_year"].map(base["across_share"]).mean()
    observed_all = (after["civ_a"] != after["civ_b"]).mean()
    with_major = after[[(a, y) in major or (b, y) in major
                        for a, b, y in zip(after["ccode_a"], after["ccode_b"], after["start_year"])]]
    observed_major = (with_major["civ_a"] != with_major["civ_b"]).mean()
    chance = with_major["start_year"].map(base["major_across_share"]).prod()
    text = _text("07_clash_of_civilizations")
    assert f"{observed_all:.2f} against {expected_all:.2f}" in text
    assert f"All {len(with_major)} war pairs with a major power crossed civilizations" in text
    assert observed_major == 1.0
    assert f"chance that all of them cross if each were drawn at random: {chance:.2f}" in text
    assert with_major["war_name"].nunique() == 4 and "from four wars" in text


# ------------------------------------------------------------------------ chapter 5: interwar


#: The six events added to ``interwar_events`` (dates from the works cited in each row).
NEW_INTERWAR = {
    # date: (category, end_date, word in the event text)
    "1923-01-11": ("crisis", None, "Ruhr"),  # Marks 1978; Steiner 2005
    "1931-09-18": ("crisis", None, "Mukden"),  # Walters 1952; Steiner 2005; Lytton Report 1932
    "1933-10-14": ("crisis", None, "leaving the League"),  # Evans 2005; Steiner 2011
    "1935-10-03": ("crisis", None, "Abyssinia"),  # Steiner 2011; Walters 1952
    "1939-03-22": ("annexation", "1939-03-23", "Memel"),  # Versailles Art. 99; Weinberg 1980
    "1939-08-23": ("treaty", None, "Molotov-Ribbentrop"),  # Avalon Project; Weinberg 1980
}


def test_new_interwar_events_are_pinned():
    events = _csv("interwar_events")
    for date, (category, end, word) in NEW_INTERWAR.items():
        row = events[events["date"] == date]
        assert len(row) == 1, date
        row = row.iloc[0]
        assert row["category"] == category, date
        assert word in row["event"], date
        assert (None if pd.isna(row["end_date"]) else row["end_date"]) == end, date
        assert row["precision"] == "day"
        assert isinstance(row["source"], str) and len(row["source"]) > 20
    assert set(events.loc[events["category"] == "crisis", "date"]) == {
        d for d, v in NEW_INTERWAR.items() if v[0] == "crisis"}


def test_new_interwar_events_keep_the_homework_lookups_unique():
    # Homework 5 finds rows by a word of the event text: each must stay unique.
    events = _csv("interwar_events")
    for word in ("Munich", "Prague", "132"):
        assert events["event"].str.contains(word).sum() == 1, word
    # ... and the list of events that breached Versailles (homework 5, question 2) is unchanged.
    assert events.loc[events["date"].isin(list(NEW_INTERWAR)), "breached"].isna().all()


def test_chapter_5_shows_the_new_events_and_the_day_counts():
    events = _csv("interwar_events")
    text = _text("05_versailles_system")
    assert f"{len(events)} events" in text
    pact = pd.Timestamp(events.loc[events["event"].str.contains("Molotov"), "date"].item())
    munich = pd.Timestamp(events.loc[events["event"].str.contains("Munich"), "end_date"].item())
    war = pd.Timestamp(events.loc[events["event"] == "Germany invades Poland", "date"].item())
    assert f"{(pact - munich).days} days from the Munich Agreement to the pact" in text
    assert f"{(war - pact).days} days from the pact to the invasion of Poland" in text
    assert "nine days later" in text and (war - pact).days == 9
    march = events[events["date"].between("1939-03-01", "1939-03-31")]
    assert len(march) == 5 and "Five events in nine days" in text
    for word in ("Ruhr", "Mukden", "Abyssinia", "Memel", "Molotov"):
        assert word in text, word


# -------------------------------------------------------------------------- chapter 6: NATO


def test_chapter_6_enlargement_numbers():
    nato = _csv("nato_members")
    pact = _csv("warsaw_pact_members")
    at_end_of_ussr = int((nato["accession_date"] <= "1991-12-26").sum())
    new = nato[nato["accession_date"] > "1991-12-26"]
    east = set(";".join(pact["iso3_today"]).split(";"))
    soviet = set(pact.loc[pact["country"] == "USSR", "iso3_today"].item().split(";"))
    text = _text("06_bipolar_world_and_nato")
    assert at_end_of_ussr == 16  # fact sheet 9.13: "NATO grew from 16 members (1991)"
    assert f"members when the USSR ended: {at_end_of_ussr}" in text
    assert f"joined since: {len(new)}" in text
    assert f"of them in the Warsaw Pact's area: {int(new['iso3'].isin(east).sum())}" in text
    assert f"of them former Soviet republics: {int(new['iso3'].isin(soviet).sum())}" in text


def test_chapter_6_wars_between_major_powers():
    dyads = _csv("interstate_war_dyads")
    majors = _csv("cinc_major_powers")
    major = set(zip(majors["ccode"], majors["year"]))
    both = dyads[[(a, y) in major and (b, y) in major
                  for a, b, y in zip(dyads["ccode_a"], dyads["ccode_b"], dyads["start_year"])]]
    era = pd.cut(both["start_year"], bins=[1815, 1945, 1989, 2007], labels=["before", "cold", "after"])
    wars = both.groupby(era, observed=False)["warnum"].nunique()
    assert wars["cold"] == 1 and set(both.loc[era == "cold", "war_name"]) == {"Korean"}
    assert wars["after"] == 0
    # the US (2) and the USSR (365) never fought each other in a COW inter-state war
    assert not ((dyads["ccode_a"] == 2) & (dyads["ccode_b"] == 365)).any()
    text = _text("06_bipolar_world_and_nato")
    assert re.search(rf"1816–1945\s+{wars['before']}\b", text)
    assert f"{wars['before']} wars" in text


def test_chapter_6_china_first_in_cinc():
    conc = _csv("power_concentration")
    first = int(conc.loc[conc["top_power"] == "China", "year"].min())
    assert f"First year China ranks first: {first}" in _text("06_bipolar_world_and_nato")
    assert first == 1995  # data/README caveat of power_concentration


# ------------------------------------------------------------------------------ readability


@pytest.mark.parametrize("stem", ["04_actors_and_organizations", "05_versailles_system",
                                  "06_bipolar_world_and_nato", "07_clash_of_civilizations"])
def test_new_sections_quote_the_article_exactly(stem):
    """Every Uzbek quotation in italics is a verbatim passage of the article (whitespace normalised)."""
    article = re.sub(r"\s+", " ", (ROOT.parent / "shared" / "reference" / "article.txt").read_text(
        encoding="utf-8")) if (ROOT.parent / "shared" / "reference" / "article.txt").is_file() else None
    if article is None:
        pytest.skip("the reference article is not here")
    nb = json.loads((NOTEBOOKS / f"{stem}.ipynb").read_text(encoding="utf-8"))
    md = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    quotes = re.findall(r'^> \*"(?:\.\.\. )?(.+?)(?: \.\.\.)?"\*$', md, flags=re.M)
    assert quotes, stem
    for q in quotes:
        for part in q.split(" ... "):
            assert part.strip(" .") in article, part[:80]
