"""The organization tables (``ircourse.build.organizations``), each build function called directly.

Expected values come from outside the build module:

* the raw files in ``../shared/data-sources``, read here with plain pandas (tests that need them are
  skipped, with the reason, where that folder is absent, as on Binder);
* the UN's published year-end counts (un.org, "Growth in United Nations membership, 1945-present",
  = course fact sheet Table C) and the UN's notes on former members (un.org, "Member States of the
  United Nations"): Czechoslovakia (original member, dissolved 31 Dec 1992), Yugoslavia (original
  member; the FRY admitted 1 Nov 2000), the United Arab Republic (21 Feb 1958 - 13 Oct 1961),
  Zanzibar (16 Dec 1963 - 26 Apr 1964), Indonesia's withdrawal (1 Mar 1965 - 28 Sep 1966), Democratic
  Yemen (14 Dec 1967 - 22 May 1990) and the German Democratic Republic (18 Sep 1973 - 3 Oct 1990);
* founding dates and memberships of ASEAN (Bangkok Declaration, 8 Aug 1967; asean.org), the League of
  Arab States (Pact of 22 Mar 1945; las.int), the ILO (Treaty of Versailles, Part XIII, 1919), the IMF
  (Bretton Woods, July 1944), the UN (Charter signed 26 Jun 1945), the WFTU (Paris, 3 Oct 1945) and
  the WHO (Constitution signed 22 Jul 1946).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ircourse.build import organizations as orgs

from .conftest import RAW

NO_RAW = "../shared/data-sources is not here (it is not on Binder)"
needs_raw = pytest.mark.skipif(not RAW.is_dir(), reason=NO_RAW)
UN_RAW = RAW / "un-member-states" / "un_members.csv"
IGO_RAW = RAW / "cow-igo-v3-selected" / "igo_full_member_counts_by_year.csv"

#: un.org "Growth in United Nations membership": members at the end of the year (fact sheet Table C).
UN_TABLE_C = {1945: 51, 1946: 55, 1950: 60, 1955: 76, 1960: 99, 1965: 117, 1970: 127, 1975: 144, 1980: 154,
              1985: 159, 1990: 159, 1995: 185, 2000: 189, 2002: 191, 2006: 192, 2011: 193}
#: Seats the list of today's members cannot show (UN notes on former members):
#: (first year counted, last year counted, +1 or -1).
FORMER_SEATS = {"Czechoslovakia": (1945, 1992, +1), "Yugoslavia": (1945, 1999, +1),
                "Egypt and Syria": (1958, 1960, -1), "Zanzibar": (1963, 1963, +1),
                "Indonesia": (1965, 1965, -1),
                "Democratic Yemen": (1967, 1989, +1), "German Democratic Republic": (1973, 1989, +1)}


@pytest.fixture(scope="module")
def raw_un() -> pd.DataFrame:
    return pd.read_csv(UN_RAW)


def _raw_copy(tmp_path: Path, edit) -> Path:
    """A copy of the UN raw folder with ``edit(df) -> df`` applied to the member list."""
    folder = tmp_path / "un-member-states"
    folder.mkdir()
    edit(pd.read_csv(UN_RAW)).to_csv(folder / "un_members.csv", index=False)
    return tmp_path


# --------------------------------------------------------------------------------------------- UN list

@pytest.mark.parametrize("note, former", [
    ("Former member: Yugoslavia (original member)", "Yugoslavia (original member)"),
    ("Former member: Union of Soviet Socialist Republics (original member) and Armenia and the "
     "United Nations",
     "Union of Soviet Socialist Republics (original member)"),
    ("Former member: Union of Soviet Socialist Republics (original member), and Azerbaijan and the "
     "United Nations",
     "Union of Soviet Socialist Republics (original member)"),
    ("Former member: Union of Soviet Socialist Republics (Soviet Union and the United Nations) and "
     "Russia and the United Nations", "Union of Soviet Socialist Republics"),
    ("Former member: German Democratic Republic and Germany and the United Nations",
     "German Democratic Republic"),
    ("Former member: Yugoslavia (original member), Serbia and Montenegro, and Serbia and the United Nations",
     "Yugoslavia (original member), Serbia and Montenegro"),
    ("Former members: Yemen and People's Democratic Republic of Yemen",
     "Yemen and People's Democratic Republic of Yemen"),
    ("On December 1, 2021, the nine-nation Credentials Committee ...", ""),   # not about former members
    # Only the first colon ends the label.
    ("Former member: Zanzibar: united with Tanganyika", "Zanzibar: united with Tanganyika"),
    (float("nan"), ""),
    (None, ""),
])
def test_former_members_read_from_the_raw_notes(note, former):
    assert orgs._former_members(note) == former


@needs_raw
def test_un_members_equal_the_raw_list(raw_un):
    built = orgs.build_un_members(RAW)
    assert list(built.columns) == ["country", "admission_date", "admission_year", "original_member",
                                   "former_members"]
    expected = raw_un.assign(country=raw_un["country"].str.strip()).sort_values(["admission_date", "country"])
    assert built["country"].tolist() == expected["country"].tolist()
    assert built["admission_date"].tolist() == expected["admission_date"].tolist()
    assert built["admission_year"].tolist() == expected["admission_year"].tolist()
    assert built["admission_year"].dtype.kind == "i"
    assert built["original_member"].tolist() == (expected["original_member"] == "Yes").tolist()
    assert built.index.tolist() == list(range(193))
    assert int(built["original_member"].sum()) == 49   # 51 founders minus Czechoslovakia and Yugoslavia
    former = dict(zip(built["country"], built["former_members"]))
    assert former["Czechia"] == "Czechoslovakia (original member)" and former["Chad"] == ""
    assert former["Russian Federation"] == "Union of Soviet Socialist Republics"


@needs_raw
def test_un_members_strip_names_and_normalise_dates(tmp_path):
    def edit(df):
        df.loc[df["country"] == "Chad", "country"] = "  Chad "
        return df
    built = orgs.build_un_members(_raw_copy(tmp_path, edit))
    assert "Chad" in set(built["country"]) and "  Chad " not in set(built["country"])


@needs_raw
def test_un_members_refuse_an_unknown_original_member_flag(tmp_path):
    def edit(df):
        df.loc[df["country"] == "Chad", "original_member"] = "Maybe"
        return df
    with pytest.raises(ValueError) as error:
        orgs.build_un_members(_raw_copy(tmp_path, edit))
    assert str(error.value) == "un_members: original_member is neither 'Yes' nor 'No' in some rows"


@needs_raw
def test_un_members_refuse_dates_that_are_not_iso(tmp_path):
    """Dates written otherwise ("19 November 1946") are refused, not guessed (day and month could swap)."""
    def edit(df):
        df["admission_date"] = df["date"]   # the raw file's dates as written in words
        return df
    with pytest.raises(ValueError, match="doesn't match format"):
        orgs.build_un_members(_raw_copy(tmp_path, edit))


# ----------------------------------------------------------------------------------- UN year by year

# Function scope on purpose: mutation testing (tools/mutation.py) runs, for each mutant, the tests that
# call the mutated function; a module-scoped fixture would tie the build to the first test only.
@pytest.fixture
def membership() -> pd.DataFrame:
    if not RAW.is_dir():
        pytest.skip(NO_RAW)
    return orgs.build_un_membership(RAW)


def test_un_membership_columns(membership):
    assert list(membership.columns) == ["year", "members", "change", "admitted", "note", "checkpoint",
                                        "source"]
    assert membership["year"].tolist() == list(range(1945, 2026))
    assert membership.index.tolist() == list(range(len(membership)))


def test_un_membership_reproduces_every_published_count(membership):
    counts = dict(zip(membership["year"], membership["members"]))
    for year, members in UN_TABLE_C.items():
        assert counts[year] == members, year
    assert membership.loc[membership["checkpoint"], "year"].tolist() == sorted(UN_TABLE_C)


def test_un_membership_every_year_from_admissions_and_former_seats(membership, raw_un):
    """Independent reconstruction: today's members admitted by the end of the year, plus the former seats."""
    for row in membership.itertuples():
        expected = int((raw_un["admission_year"] <= row.year).sum())
        expected += sum(seats for first, last, seats in FORMER_SEATS.values() if first <= row.year <= last)
        assert row.members == expected, row.year
        assert row.admitted == int((raw_un["admission_year"] == row.year).sum()), row.year
    assert membership["change"].tolist() == membership["members"].diff().fillna(51).astype(int).tolist()
    assert membership["change"].sum() == 193


def test_un_membership_notes_name_the_admissions_and_the_former_seats(membership, raw_un):
    notes = dict(zip(membership["year"], membership["note"]))
    assert notes[1945] == ("49 of today's members are original members (admitted 1945); "
                           "+2: Czechoslovakia and Yugoslavia, original members that no longer exist")
    assert notes[1946] == "Admitted (4): Afghanistan, Iceland, Sweden, Thailand"
    assert notes[1951] == ""
    for year in range(1946, 2026):
        names = sorted(raw_un.loc[raw_un["admission_year"] == year, "country"])
        if names:
            assert notes[year].startswith(f"Admitted ({len(names)}): {', '.join(names)}"), year
    changes = {}   # the year a seat starts (or stops) being counted, and the year it ends (or resumes)
    for name, (first, last, seats) in FORMER_SEATS.items():
        if first != 1945:
            changes.setdefault(first, []).append(f"{seats:+d}: {name}")
        changes.setdefault(last + 1, []).append(f"{-seats:+d}: {name}")
    for year in range(1946, 2026):
        fragments = changes.get(year, [])
        for fragment in fragments:
            assert fragment in notes[year], (year, fragment)
        assert notes[year].count("+1: ") + notes[year].count("-1: ") == len(fragments), year
    assert notes[1958] == ("Admitted (1): Guinea; -1: Egypt and Syria form the United Arab Republic "
                           "(21 Feb 1958) and hold one seat until Syria resumes separate membership on "
                           "13 Oct 1961")


def test_un_membership_sources(membership):
    checkpoint = membership[membership["checkpoint"]]
    derived = membership[~membership["checkpoint"]]
    assert len(checkpoint) == 16 and len(derived) == len(membership) - 16
    for source in checkpoint["source"]:
        assert source.startswith("United Nations, 'Growth in United Nations membership")
        assert "Table C" in source
    for source in derived["source"]:
        assert source.startswith("Derived: admission dates of the 193 current members")
        assert "shared/data-sources/un-member-states/un_members.csv" in source
        assert "notes on former members" in source


@needs_raw
def test_un_membership_refuses_a_count_that_differs_from_the_un(tmp_path):
    raw = _raw_copy(tmp_path, lambda df: df[df["country"] != "South Sudan"])
    with pytest.raises(ValueError, match="reconstructed 192 members in 2011, fact sheet Table C says 193"):
        orgs.build_un_membership(raw)


# ------------------------------------------------------------------------------ ASEAN and Arab League

def test_asean_members():
    asean = orgs.build_asean_members(None)
    assert list(asean.columns) == ["member", "admission_date", "year", "members_after", "note", "source"]
    assert asean["member"].tolist() == ["Indonesia", "Malaysia", "Philippines", "Singapore", "Thailand",
                                        "Brunei Darussalam", "Vietnam", "Laos", "Myanmar", "Cambodia",
                                        "Timor-Leste"]
    assert (asean["year"] == asean["admission_date"].str[:4].astype(int)).all()
    assert asean["year"].dtype.kind == "i"
    # Members after each admission, counted here: every member admitted on or before that day.
    dates = asean["admission_date"]
    assert asean["members_after"].tolist() == [int((dates <= d).sum()) for d in dates]
    assert asean.index.tolist() == list(range(11))
    assert asean.loc[asean["year"] == 1967, "source"].str.contains("Bangkok").all()


def test_arab_league_members():
    league = orgs.build_arab_league_members(None)
    assert list(league.columns) == ["member", "admission_date", "year", "members_after", "note", "source"]
    assert league[["admission_date", "member"]].apply(tuple, axis=1).is_monotonic_increasing  # date, name
    assert (league["year"] == league["admission_date"].str[:4].astype(int)).all()
    assert league["year"].dtype.kind == "i"
    admissions = league[league["member"] != "Yemen (unification)"]
    merged = lambda d: int(d >= "1990-05-22")                               # noqa: E731  two Yemeni seats became one
    expected = [int((admissions["admission_date"] <= d).sum()) - merged(d) for d in league["admission_date"]]
    assert league["members_after"].tolist() == expected
    assert league["members_after"].iloc[-1] == 22 and league["member"].iloc[-1] == "Comoros"
    assert league.index.tolist() == list(range(len(league)))


# -------------------------------------------------------------------------------------- organizations

def test_organizations_table():
    table = orgs.build_organizations(None)
    assert list(table.columns) == ["organization", "full_name", "founded", "founded_year", "in_force",
                                   "founding_event", "members_current", "members_note", "type",
                                   "intergovernmental", "source"]
    # Oldest first: ILO 1919, IMF July 1944, Arab League 22 Mar 1945, UN 26 Jun 1945, WFTU 3 Oct 1945,
    # WHO 22 Jul 1946, ASEAN 8 Aug 1967.
    assert table["organization"].tolist() == ["ILO", "IMF", "League of Arab States", "UN", "WFTU", "WHO",
                                              "ASEAN"]
    assert table["founded_year"].tolist() == [1919, 1944, 1945, 1945, 1945, 1946, 1967]
    assert table["founded_year"].dtype.kind == "i"
    members = dict(zip(table["organization"], table["members_current"]))
    assert str(table["members_current"].dtype) == "Int64"
    assert pd.isna(members["WHO"]) and pd.isna(members["WFTU"])       # uncertain / not states
    assert (members["UN"], members["ASEAN"], members["League of Arab States"]) == (193, 11, 22)
    assert table.index.tolist() == list(range(7))


# ------------------------------------------------------------------------------------------- COW IGO

@needs_raw
def test_igo_counts_equal_the_raw_file():
    built = orgs.build_igo_membership_counts(RAW)
    raw = pd.read_csv(IGO_RAW).sort_values(["ioname", "year"])
    assert list(built.columns) == ["ioname", "orgname", "year", "full_members"]
    assert built.values.tolist() == raw[["ioname", "orgname", "year", "n_full_members"]].values.tolist()
    assert built.index.tolist() == list(range(len(raw)))


@needs_raw
def test_igo_counts_refuse_a_duplicated_year(tmp_path):
    folder = tmp_path / "cow-igo-v3-selected"
    folder.mkdir()
    raw = pd.read_csv(IGO_RAW)
    # The same IGO-year again, with another count.
    twice = raw.iloc[[0]].assign(n_full_members=raw["n_full_members"].iloc[0] + 1)
    pd.concat([raw, twice]).to_csv(folder / IGO_RAW.name, index=False)
    with pytest.raises(ValueError) as error:
        orgs.build_igo_membership_counts(tmp_path)
    assert str(error.value) == "igo_membership_counts: duplicate IGO-years in the raw file"


def test_fact_sheet_citation():
    source = orgs._factsheet("Data Table D")
    assert source.path == "shared/reference/article-factsheet.md"
    assert source.title.startswith("Course fact sheet on A. Okmamatov, 'Globallashayotgan davrda xalqaro "
                                   "munosabatlar'")
    assert source.title.endswith("Data Table D")
    if RAW.is_dir():  # the fact sheet sits beside the raw sources
        assert (RAW.parents[1] / source.path).is_file()
