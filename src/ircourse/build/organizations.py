"""International organizations: UN, ASEAN, Arab League membership and the organizations the article names.

Two kinds of tables are built here:

* tables derived from raw files: the 193 current UN members (``un_members``), the yearly UN
  membership count (``un_membership``, reconstructed from the admission dates plus the documented
  changes of former members and checked against every count the UN publishes in the fact sheet) and
  the COW IGO membership counts (``igo_membership_counts``);
* dated fact tables written out below as Python literals, one source per row: ASEAN
  (``asean_members``), the League of Arab States (``arab_league_members``) and the organizations the
  article names (``organizations``), all from the course fact sheet (Data Tables C-F).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from . import Field, Resource, Source

FACTSHEET = "shared/reference/article-factsheet.md"
UN_RAW = "un-member-states/un_members.csv"
IGO_RAW = "cow-igo-v3-selected/igo_full_member_counts_by_year.csv"

#: The last year of the yearly UN series; the fact sheet checked the count of 193 in early 2026.
UN_LAST_YEAR = 2025

UN_GROWTH = "United Nations, 'Growth in United Nations membership, 1945-present' (un.org)"
UN_MEMBER_NOTES = "United Nations, 'Member States of the United Nations' (un.org), notes on former members"


def _factsheet(table: str) -> Source:
    return Source(
        title=(
            "Course fact sheet on A. Okmamatov, 'Globallashayotgan davrda xalqaro munosabatlar' (checked "
            f"against sources up to early 2026), {table}"
        ),
        path=FACTSHEET,
    )


# --------------------------------------------------------------------------------------------------
# United Nations
# --------------------------------------------------------------------------------------------------

#: Fact sheet Table C: UN members at the end of each listed year (source: un.org "Growth in United
#: Nations membership"; Britannica "Members of the United Nations").
UN_CHECKPOINTS: dict[int, tuple[int, str]] = {
    1945: (51, "Original members"),
    1946: (55, "Afghanistan, Iceland, Sweden, Thailand"),
    1950: (60, "Pakistan and Yemen (1947), Burma (1948), Israel (1949), Indonesia (1950)"),
    1955: (76, "16 admitted on 14 Dec 1955 in a 'package deal'"),
    1960: (99, "17 admitted in 1960: 16 African states plus Cyprus"),
    1965: (117, "Indonesia's temporary withdrawal (1965-66)"),
    1970: (127, "Fiji"),
    1975: (144, ""),
    1980: (154, "Zimbabwe, St Vincent and the Grenadines"),
    1985: (159, "Brunei (1984)"),
    1990: (159, "+Namibia and Liechtenstein; -1 for Yemen's unification; -1 for German reunification"),
    1995: (185, "Post-Soviet and post-Yugoslav states; Palau (1994)"),
    2000: (189, "Tuvalu"),
    2002: (191, "Switzerland, Timor-Leste"),
    2006: (192, "Montenegro"),
    2011: (193, "South Sudan (14 July 2011); unchanged since"),
}


class FormerSeat(NamedTuple):
    """A seat the UN counted in past years that the list of today's 193 members cannot show.

    ``seats`` (+1 or -1) is added to the count at the end of every year from ``first_year`` to
    ``last_year``: a former member, a merger or a withdrawal.
    """

    first_year: int
    last_year: int
    seats: int
    explanation: str


UN_FORMER_SEATS: tuple[FormerSeat, ...] = (
    FormerSeat(
        first_year=1945,
        last_year=1992,
        seats=+1,
        explanation=(
            "Czechoslovakia, an original member, counted until its dissolution on 31 Dec 1992 (Czechia and "
            "Slovakia admitted 19 Jan 1993)"
        ),
    ),
    FormerSeat(
        first_year=1945,
        last_year=1999,
        seats=+1,
        explanation=(
            "Yugoslavia, an original member: the UN count keeps one Yugoslav seat until the Federal Republic "
            "of Yugoslavia (today Serbia) was admitted on 1 Nov 2000"
        ),
    ),
    FormerSeat(
        first_year=1958,
        last_year=1960,
        seats=-1,
        explanation=(
            "Egypt and Syria form the United Arab Republic (21 Feb 1958) and hold one seat until Syria "
            "resumes separate membership on 13 Oct 1961"
        ),
    ),
    FormerSeat(
        first_year=1963,
        last_year=1963,
        seats=+1,
        explanation=(
            "Zanzibar, admitted 16 Dec 1963, unites with Tanganyika on 26 Apr 1964 (one seat, today the "
            "United Republic of Tanzania)"
        ),
    ),
    FormerSeat(
        first_year=1965,
        last_year=1965,
        seats=-1,
        explanation="Indonesia withdraws (effective 1 Mar 1965) and resumes participation on 28 Sep 1966",
    ),
    FormerSeat(
        first_year=1967,
        last_year=1989,
        seats=+1,
        explanation="Democratic Yemen (South Yemen), admitted 14 Dec 1967, merges with Yemen on 22 May 1990",
    ),
    FormerSeat(
        first_year=1973,
        last_year=1989,
        seats=+1,
        explanation=(
            "German Democratic Republic, admitted 18 Sep 1973 with the Federal Republic, accedes to it on 3 "
            "Oct 1990"
        ),
    ),
)


def _former_members(note: object) -> str:
    """Return the predecessor members named in a raw ``notes`` cell ("Former member: ..."), else ``""``.

    The raw notes also hold link captions such as "Armenia and the United Nations" (names of Wikipedia
    articles); those are dropped.
    """
    if not isinstance(note, str) or not note.startswith("Former member"):
        return ""
    text = note.split(":", 1)[1].strip()
    text = re.sub(r"\s*\([^()]*and the United Nations\)", "", text)
    return re.sub(r",?\s+and\s+[^,]+\s+and the United Nations$", "", text).strip()


def build_un_members(raw: Path) -> pd.DataFrame:
    """One row per current UN member state (193), with its admission date.

    Parameters
    ----------
    raw : Path
        The ``shared/data-sources`` folder.

    Returns
    -------
    pandas.DataFrame
        Columns as declared in :data:`UN_MEMBERS_FIELDS`, sorted by admission date then country.
    """
    src = pd.read_csv(raw / UN_RAW)
    df = pd.DataFrame(
        {
            "country": src["country"].str.strip(),
            "admission_date": pd.to_datetime(src["admission_date"], format="%Y-%m-%d").dt.strftime(
                "%Y-%m-%d"
            ),
            "admission_year": src["admission_year"].astype(int),
            "original_member": src["original_member"].map({"Yes": True, "No": False}),
            "former_members": src["notes"].map(_former_members),
        }
    )
    if df["original_member"].isna().any():
        raise ValueError("un_members: original_member is neither 'Yes' nor 'No' in some rows")
    return df.sort_values(["admission_date", "country"]).reset_index(drop=True)


def _un_yearly_counts(members: pd.DataFrame, last_year: int) -> pd.DataFrame:
    """Count UN members at the end of each year from admissions plus :data:`UN_FORMER_SEATS`."""
    years = range(1945, last_year + 1)
    admitted = members.groupby("admission_year")["country"].agg(list).reindex(years)
    rows = []
    previous = 0
    for year in years:
        names = admitted.loc[year] if isinstance(admitted.loc[year], list) else []
        count = int((members["admission_year"] <= year).sum())
        notes = []
        if year == 1945:
            notes.append(f"{len(names)} of today's members are original members (admitted 1945)")
        elif names:
            notes.append(f"Admitted ({len(names)}): " + ", ".join(sorted(names)))
        for first, last, seats, why in UN_FORMER_SEATS:
            if first <= year <= last:
                count += seats
            if year == first and year != 1945:  # the seat starts (or stops) being counted
                notes.append(f"{seats:+d}: {why}")
            elif year == last + 1:  # ... and ends (or resumes)
                notes.append(f"{-seats:+d}: {why}")
        if year == 1945:
            notes.append("+2: Czechoslovakia and Yugoslavia, original members that no longer exist")
        rows.append(
            {
                "year": year,
                "members": count,
                "change": count - previous,
                "admitted": len(names),
                "note": "; ".join(notes),
            }
        )
        previous = count
    return pd.DataFrame(rows)


def build_un_membership(raw: Path) -> pd.DataFrame:
    """One row per year 1945-2025: the number of UN member states at the end of the year.

    The count is reconstructed from the admission years of today's 193 members (raw file) plus the
    seats of former members and mergers (:data:`UN_FORMER_SEATS`), and must equal every year-end count
    of fact sheet Table C; the build fails otherwise.

    Parameters
    ----------
    raw : Path
        The ``shared/data-sources`` folder.

    Returns
    -------
    pandas.DataFrame
        Columns as declared in :data:`UN_MEMBERSHIP_FIELDS`, sorted by year.

    Raises
    ------
    ValueError
        If the reconstructed count differs from a Table C checkpoint.
    """
    df = _un_yearly_counts(build_un_members(raw), UN_LAST_YEAR)
    df["checkpoint"] = df["year"].isin(UN_CHECKPOINTS)
    for year, (expected, _) in UN_CHECKPOINTS.items():
        got = int(df.loc[df["year"] == year, "members"].iloc[0])
        if got != expected:
            raise ValueError(
                f"un_membership: reconstructed {got} members in {year}, fact sheet Table C says {expected}"
            )
    derived = (
        f"Derived: admission dates of the 193 current members (shared/data-sources/{UN_RAW}) plus the seats "
        f"of former members ({UN_MEMBER_NOTES})"
    )
    df["source"] = [
        f"{UN_GROWTH} (fact sheet Table C), reproduced by the derivation" if c else derived
        for c in df["checkpoint"]
    ]
    return df[[f.name for f in UN_MEMBERSHIP_FIELDS]]


UN_MEMBERS_FIELDS = (
    Field(
        "country",
        "string",
        "Member state, as the UN names it today (e.g. 'Türkiye', 'Viet Nam').",
        required=True,
    ),
    Field(
        "admission_date",
        "date",
        "Date of admission to the UN (ISO YYYY-MM-DD). Original members: the date their ratification took "
        "effect (24 Oct 1945 or later in 1945).",
        required=True,
    ),
    Field("admission_year", "integer", "Year of admission.", unit="year", required=True),
    Field(
        "original_member",
        "boolean",
        "True for the 49 of today's members that are among the 51 original members of 1945 (the other two, "
        "Czechoslovakia and Yugoslavia, no longer exist; their successors are False).",
        required=True,
    ),
    Field(
        "former_members",
        "string",
        "Former UN members the source names as this state's predecessors or earlier names (e.g. 'Union of "
        "Soviet Socialist Republics (original member)'); empty if none.",
    ),
)

UN_MEMBERSHIP_FIELDS = (
    Field("year", "integer", "Year (the count is at the end of this year).", unit="year", required=True),
    Field(
        "members", "integer", "UN member states at the end of the year.", unit="member states", required=True
    ),
    Field(
        "change",
        "integer",
        "Change from the previous year-end (1945: the 51 original members).",
        unit="member states",
        required=True,
    ),
    Field(
        "admitted",
        "integer",
        "How many of today's 193 members were admitted in this year (the raw file's admission dates; former "
        "members not included).",
        unit="member states",
        required=True,
    ),
    Field("note", "string", "Admissions of the year and the changes of former members that move the count."),
    Field(
        "checkpoint",
        "boolean",
        "True where fact sheet Table C (un.org) gives this year's count; the build checks that the "
        "reconstruction equals it.",
        required=True,
    ),
    Field("source", "string", "Where this row's count comes from.", required=True),
)


# --------------------------------------------------------------------------------------------------
# ASEAN (fact sheet Table D)
# --------------------------------------------------------------------------------------------------

_ASEAN_SRC = "asean.org (fact sheet Table D)"
_ASEAN_DECL = "ASEAN (Bangkok) Declaration, 8 Aug 1967; asean.org (fact sheet Table D)"


class Admission(NamedTuple):
    """One admission to a regional organization, with the number of members after it."""

    member: str
    admission_date: str
    members_after: int
    note: str
    source: str


ASEAN_MEMBERS: tuple[Admission, ...] = (
    Admission(
        member="Indonesia",
        admission_date="1967-08-08",
        members_after=5,
        note="Founder: signed the ASEAN (Bangkok) Declaration",
        source=_ASEAN_DECL,
    ),
    Admission(
        member="Malaysia",
        admission_date="1967-08-08",
        members_after=5,
        note="Founder: signed the ASEAN (Bangkok) Declaration",
        source=_ASEAN_DECL,
    ),
    Admission(
        member="Philippines",
        admission_date="1967-08-08",
        members_after=5,
        note="Founder: signed the ASEAN (Bangkok) Declaration",
        source=_ASEAN_DECL,
    ),
    Admission(
        member="Singapore",
        admission_date="1967-08-08",
        members_after=5,
        note="Founder: signed the ASEAN (Bangkok) Declaration",
        source=_ASEAN_DECL,
    ),
    Admission(
        member="Thailand",
        admission_date="1967-08-08",
        members_after=5,
        note="Founder: signed the ASEAN (Bangkok) Declaration",
        source=_ASEAN_DECL,
    ),
    Admission(
        member="Brunei Darussalam",
        admission_date="1984-01-07",
        members_after=6,
        note="Joined a week after independence (confidence: high for the year, medium-high for the day)",
        source=_ASEAN_SRC,
    ),
    Admission(member="Vietnam", admission_date="1995-07-28", members_after=7, note="", source=_ASEAN_SRC),
    Admission(
        member="Laos",
        admission_date="1997-07-23",
        members_after=9,
        note="Admitted together with Myanmar",
        source=_ASEAN_SRC,
    ),
    Admission(
        member="Myanmar",
        admission_date="1997-07-23",
        members_after=9,
        note="Admitted together with Laos",
        source=_ASEAN_SRC,
    ),
    Admission(
        member="Cambodia",
        admission_date="1999-04-30",
        members_after=10,
        note="Admission delayed from 1997 by the coup in Cambodia",
        source=_ASEAN_SRC,
    ),
    Admission(
        member="Timor-Leste",
        admission_date="2025-10-26",
        members_after=11,
        note="Admitted at the 47th ASEAN Summit, Kuala Lumpur; applied in 2011, observer status in 2022",
        source=(
            "Declaration on the Admission of Timor-Leste into ASEAN, 26 Oct 2025; asean.org (fact sheet "
            "Table D)"
        ),
    ),
)


def build_asean_members(raw: Path) -> pd.DataFrame:
    """One row per ASEAN member state, with its admission date and the membership count after it.

    Parameters
    ----------
    raw : Path
        Unused (the table is a dated fact table); kept for the common build signature.

    Returns
    -------
    pandas.DataFrame
        Sorted by admission date then member.
    """
    df = pd.DataFrame(ASEAN_MEMBERS, columns=list(Admission._fields))
    df.insert(2, "year", df["admission_date"].str[:4].astype(int))
    return df.sort_values(["admission_date", "member"]).reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# League of Arab States (fact sheet Table E)
# --------------------------------------------------------------------------------------------------

_LAS_SRC = "Pact of the League of Arab States (Avalon Project); las.int (fact sheet Table E)"
_LAS_FOUNDER = "Founder: signed the Pact in Cairo on 22 Mar 1945"

#: The Yemeni unification row lowers the count.
ARAB_LEAGUE_MEMBERS: tuple[Admission, ...] = (
    Admission(
        member="Egypt",
        admission_date="1945-03-22",
        members_after=6,
        note=_LAS_FOUNDER + "; suspended 1979-1989",
        source=_LAS_SRC,
    ),
    Admission(member="Iraq", admission_date="1945-03-22", members_after=6, note=_LAS_FOUNDER, source=_LAS_SRC),
    Admission(
        member="Jordan (Transjordan)",
        admission_date="1945-03-22",
        members_after=6,
        note=_LAS_FOUNDER + " as Transjordan",
        source=_LAS_SRC,
    ),
    Admission(
        member="Lebanon", admission_date="1945-03-22", members_after=6, note=_LAS_FOUNDER, source=_LAS_SRC
    ),
    Admission(
        member="Saudi Arabia", admission_date="1945-03-22", members_after=6, note=_LAS_FOUNDER, source=_LAS_SRC
    ),
    Admission(
        member="Syria",
        admission_date="1945-03-22",
        members_after=6,
        note=_LAS_FOUNDER + "; suspended Nov 2011, readmitted 7 May 2023",
        source=_LAS_SRC,
    ),
    Admission(
        member="Yemen (North Yemen)",
        admission_date="1945-05-05",
        members_after=7,
        note="Seventh founder: signed the Pact on 5 May 1945",
        source=_LAS_SRC,
    ),
    Admission(
        member="Libya",
        admission_date="1953-03-28",
        members_after=8,
        note="Suspended Feb-Aug 2011",
        source=_LAS_SRC,
    ),
    Admission(member="Sudan", admission_date="1956-01-19", members_after=9, note="", source=_LAS_SRC),
    Admission(
        member="Morocco",
        admission_date="1958-10-01",
        members_after=11,
        note="Admitted together with Tunisia",
        source=_LAS_SRC,
    ),
    Admission(
        member="Tunisia",
        admission_date="1958-10-01",
        members_after=11,
        note="Admitted together with Morocco",
        source=_LAS_SRC,
    ),
    Admission(member="Kuwait", admission_date="1961-07-20", members_after=12, note="", source=_LAS_SRC),
    Admission(member="Algeria", admission_date="1962-08-16", members_after=13, note="", source=_LAS_SRC),
    Admission(
        member="South Yemen",
        admission_date="1967-12-12",
        members_after=14,
        note="Merged with North Yemen on 22 May 1990 (confidence: medium for the admission date)",
        source=_LAS_SRC,
    ),
    Admission(
        member="Bahrain",
        admission_date="1971-09-11",
        members_after=16,
        note="Admitted together with Qatar",
        source=_LAS_SRC,
    ),
    Admission(
        member="Qatar",
        admission_date="1971-09-11",
        members_after=16,
        note="Admitted together with Bahrain",
        source=_LAS_SRC,
    ),
    Admission(member="Oman", admission_date="1971-09-29", members_after=17, note="", source=_LAS_SRC),
    Admission(
        member="United Arab Emirates", admission_date="1971-12-06", members_after=18, note="", source=_LAS_SRC
    ),
    Admission(member="Mauritania", admission_date="1973-11-26", members_after=19, note="", source=_LAS_SRC),
    Admission(member="Somalia", admission_date="1974-02-14", members_after=20, note="", source=_LAS_SRC),
    Admission(
        member="Palestine (PLO)",
        admission_date="1976-09-09",
        members_after=21,
        note="Admitted as the Palestine Liberation Organization",
        source=_LAS_SRC,
    ),
    Admission(member="Djibouti", admission_date="1977-09-04", members_after=22, note="", source=_LAS_SRC),
    Admission(
        member="Yemen (unification)",
        admission_date="1990-05-22",
        members_after=21,
        note="North and South Yemen unite: two seats become one (-1)",
        source=_LAS_SRC,
    ),
    Admission(
        member="Comoros",
        admission_date="1993-11-20",
        members_after=22,
        note="The latest member",
        source=_LAS_SRC,
    ),
)


def build_arab_league_members(raw: Path) -> pd.DataFrame:
    """One row per admission to the League of Arab States, plus the Yemeni unification that lowers the count.

    Parameters
    ----------
    raw : Path
        Unused (the table is a dated fact table); kept for the common build signature.

    Returns
    -------
    pandas.DataFrame
        Sorted by date then member.
    """
    df = pd.DataFrame(ARAB_LEAGUE_MEMBERS, columns=list(Admission._fields))
    df.insert(2, "year", df["admission_date"].str[:4].astype(int))
    return df.sort_values(["admission_date", "member"]).reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# The organizations the article names (fact sheet Table F and section 6.3)
# --------------------------------------------------------------------------------------------------

ORGANIZATIONS: tuple[dict, ...] = (
    {
        "organization": "UN",
        "full_name": "United Nations",
        "founded": "1945-06-26",
        "in_force": "1945-10-24",
        "founding_event": "Charter signed 26 Jun 1945; in force 24 Oct 1945",
        "members_current": 193,
        "members_note": "193 member states since 14 Jul 2011, plus 2 non-member observer states (Holy See, "
        "Palestine)",
        "type": "intergovernmental: universal",
        "intergovernmental": True,
        "source": "UN Charter; un.org 'Growth in United Nations membership' (fact sheet Table F)",
    },
    {
        "organization": "ASEAN",
        "full_name": "Association of Southeast Asian Nations",
        "founded": "1967-08-08",
        "in_force": "",
        "founding_event": "ASEAN (Bangkok) Declaration signed 8 Aug 1967",
        "members_current": 11,
        "members_note": "11 since Timor-Leste's admission on 26 Oct 2025",
        "type": "intergovernmental: regional",
        "intergovernmental": True,
        "source": "ASEAN (Bangkok) Declaration; asean.org (fact sheet Table F)",
    },
    {
        "organization": "League of Arab States",
        "full_name": "League of Arab States (Arab League)",
        "founded": "1945-03-22",
        "in_force": "",
        "founding_event": "Pact of the League of Arab States signed in Cairo 22 Mar 1945",
        "members_current": 22,
        "members_note": "22 since Comoros joined on 20 Nov 1993",
        "type": "intergovernmental: regional",
        "intergovernmental": True,
        "source": "Pact of the League of Arab States (Avalon Project); las.int (fact sheet Table F)",
    },
    {
        "organization": "WHO",
        "full_name": "World Health Organization",
        "founded": "1946-07-22",
        "in_force": "1948-04-07",
        "founding_event": "Constitution signed 22 Jul 1946; in force 7 Apr 1948",
        "members_current": None,
        "members_note": "Uncertain: 194 member states up to 2025; the US withdrawal took effect on 22 Jan "
        "2026 (per the US) and Argentina says its withdrawal took effect in about Mar 2026, "
        "but the Constitution has no general withdrawal clause, so 192-194 depending on "
        "treatment (re-check who.int)",
        "type": "intergovernmental: UN specialized agency",
        "intergovernmental": True,
        "source": "WHO Constitution; official WHO member list; news on the US and Argentine withdrawals "
        "(fact sheet Table F, section 6.3)",
    },
    {
        "organization": "ILO",
        "full_name": "International Labour Organization",
        "founded": "1919",
        "in_force": "1920-01-10",
        "founding_event": "Founded 1919 by Part XIII of the Treaty of Versailles (in force 10 Jan 1920); UN "
        "specialized agency since 1946; Nobel Peace Prize 1969",
        "members_current": 187,
        "members_note": "187 member states",
        "type": "intergovernmental: UN specialized agency (tripartite)",
        "intergovernmental": True,
        "source": "ILO Constitution (Treaty of Versailles, Part XIII); official ILO member list (fact sheet "
        "Table F, sections 6.3 and 7.1)",
    },
    {
        "organization": "IMF",
        "full_name": "International Monetary Fund",
        "founded": "1944-07",
        "in_force": "1945-12-27",
        "founding_event": "Agreed at Bretton Woods, July 1944; Articles of Agreement in force 27 Dec 1945; "
        "operations from 1 Mar 1947",
        "members_current": 191,
        "members_note": "191 since Liechtenstein joined on 21 Oct 2024",
        "type": "intergovernmental: UN specialized agency",
        "intergovernmental": True,
        "source": "IMF Articles of Agreement; official IMF member list (fact sheet Table F)",
    },
    {
        "organization": "WFTU",
        "full_name": "World Federation of Trade Unions",
        "founded": "1945-10-03",
        "in_force": "",
        "founding_event": "Founded in Paris 3 Oct 1945; Western unions left to form the ICFTU in Dec 1949; "
        "headquarters Paris, Vienna, Prague, Athens (since 2006)",
        "members_current": None,
        "members_note": "Not a count of states: its members are trade unions. Claims about 105 million "
        "individual members (2022, self-reported); older figures 80-92 million (confidence "
        "low)",
        "type": "international non-governmental federation (trade unions)",
        "intergovernmental": False,
        "source": "wftucentral.org (fact sheet Table F, section 6.3; confidence medium for the founding, low "
        "for membership)",
    },
)


def build_organizations(raw: Path) -> pd.DataFrame:
    """One row per organization the article names: founding, current membership, kind.

    Parameters
    ----------
    raw : Path
        Unused (the table is a dated fact table); kept for the common build signature.

    Returns
    -------
    pandas.DataFrame
        Sorted by founding date then organization.
    """
    df = pd.DataFrame(list(ORGANIZATIONS))
    df.insert(3, "founded_year", df["founded"].str[:4].astype(int))
    df["members_current"] = df["members_current"].astype("Int64")
    df = df.sort_values(["founded", "organization"]).reset_index(drop=True)
    return df[[f.name for f in ORGANIZATIONS_FIELDS]]


ORGANIZATIONS_FIELDS = (
    Field("organization", "string", "Short name or acronym.", required=True),
    Field("full_name", "string", "Official name.", required=True),
    Field(
        "founded",
        "string",
        "Date the founding instrument was signed or the organization set up, as an ISO 8601 date at the "
        "precision the sources give (YYYY-MM-DD, YYYY-MM or YYYY).",
        required=True,
    ),
    Field("founded_year", "integer", "Year of 'founded'.", unit="year", required=True),
    Field(
        "in_force",
        "date",
        "Date the founding treaty entered into force (YYYY-MM-DD), if different from 'founded' and given by "
        "the sources; empty otherwise.",
    ),
    Field("founding_event", "string", "The founding steps in words.", required=True),
    Field(
        "members_current",
        "integer",
        "Current number of member states (as checked in early 2026); empty where the number is uncertain or "
        "the members are not states (see members_note).",
        unit="member states",
    ),
    Field("members_note", "string", "Since when the count holds, or why it is left empty.", required=True),
    Field(
        "type",
        "string",
        "Kind of organization: 'intergovernmental: ...' (members are states) or 'international "
        "non-governmental federation ...'.",
        required=True,
    ),
    Field("intergovernmental", "boolean", "True if the members are states (an IGO).", required=True),
    Field("source", "string", "Where the row's facts come from.", required=True),
)


# --------------------------------------------------------------------------------------------------
# COW IGO v3 membership counts
# --------------------------------------------------------------------------------------------------


def build_igo_membership_counts(raw: Path) -> pd.DataFrame:
    """One row per IGO and year: the number of full member states COW IGO v3 codes.

    Parameters
    ----------
    raw : Path
        The ``shared/data-sources`` folder.

    Returns
    -------
    pandas.DataFrame
        Columns ``ioname, orgname, year, full_members``, sorted by IGO then year.
    """
    src = pd.read_csv(raw / IGO_RAW)
    df = src.rename(columns={"n_full_members": "full_members"})[["ioname", "orgname", "year", "full_members"]]
    if df.duplicated(["ioname", "year"]).any():
        raise ValueError("igo_membership_counts: duplicate IGO-years in the raw file")
    return df.sort_values(["ioname", "year"]).reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# Declarations
# --------------------------------------------------------------------------------------------------

_UN_RAW_SOURCE = Source(
    title=(
        "English Wikipedia, 'Member states of the United Nations' (following the UN list at "
        "un.org/en/about-us/member-states), as converted to JSON by GitHub ohwada/World_Countries "
        "(un_member_states/json/un_members.json, commit 69c214a) and flattened to CSV"
    ),
    path=f"shared/data-sources/{UN_RAW}",
)

RESOURCES = [
    Resource(
        name="un_members",
        title="Current UN member states and their admission dates",
        description=(
            "One row per current member state of the United Nations (193): admission date, whether it is one "
            "of the original members of 1945, and the former members the source names as its predecessors."
        ),
        build=build_un_members,
        fields=UN_MEMBERS_FIELDS,
        sources=(_UN_RAW_SOURCE,),
        licence="CC BY-SA 4.0 (Wikipedia text); the ohwada/World_Countries repository states no licence",
        short_source="UN member states list (Wikipedia / un.org)",
        primary_key=("country",),
        caveats=(
            (
                "Current members only: states that ceased to exist (USSR, Yugoslavia, Czechoslovakia, GDR, "
                "South Yemen, Zanzibar, the United Arab Republic) are not rows; some appear in "
                "former_members."
            ),
            (
                "Counting admissions by year therefore undercounts the UN before 2000; use un_membership for "
                "the yearly total."
            ),
            (
                "The Russian Federation holds the USSR's seat (original member); Belarus and Ukraine were "
                "original members as Soviet republics."
            ),
        ),
        year_field="admission_year",
    ),
    Resource(
        name="un_membership",
        title="UN membership, year by year (1945-2025)",
        description=(
            "One row per year: the number of UN member states at the end of the year. Reconstructed from the "
            "admission dates of today's 193 members plus the seats of former members and mergers "
            "(Czechoslovakia, Yugoslavia, the United Arab Republic, Zanzibar, Indonesia's 1965-66 "
            "withdrawal, South Yemen, the GDR); the reconstruction equals every year-end count the UN "
            "publishes in fact sheet Table C (16 checkpoints, flagged in 'checkpoint')."
        ),
        build=build_un_membership,
        fields=UN_MEMBERSHIP_FIELDS,
        sources=(
            _UN_RAW_SOURCE,
            Source(
                title=UN_GROWTH + "; Britannica, 'Members of the United Nations' (year-end counts, fact "
                "sheet Table C)",
                path=FACTSHEET,
            ),
            Source(title=UN_MEMBER_NOTES + " (dates of the former members' seats)"),
        ),
        licence="CC BY-SA 4.0 (Wikipedia list of members); UN counts are public facts cited to un.org",
        short_source="United Nations, 'Growth in UN membership'; UN member list",
        primary_key=("year",),
        caveats=(
            (
                "Counts are at the end of each year (31 Dec), as in the UN's own table; mid-year changes are "
                "dated in the note."
            ),
            (
                "Years between the checkpoints are derived, not published counts: they rest on the admission "
                "dates and on the seven former-member corrections listed in the build code (UN_FORMER_SEATS)."
            ),
            (
                "The UN count keeps one Yugoslav seat until 2000 (Federal Republic of Yugoslavia admitted 1 "
                "Nov 2000); other conventions give different totals for 1992-1999."
            ),
            (
                "Indonesia is not counted at the end of 1965 (withdrawal effective 1 Mar 1965, return 28 Sep "
                "1966)."
            ),
            "2012-2025: unchanged at 193 (fact sheet, checked early 2026).",
        ),
        year_field="year",
    ),
    Resource(
        name="asean_members",
        title="ASEAN members and admission dates",
        description=(
            "One row per member state of the Association of Southeast Asian Nations: date of admission and "
            "the number of members after it (5 founders in 1967, 11 since Timor-Leste on 26 Oct 2025)."
        ),
        build=build_asean_members,
        fields=(
            Field("member", "string", "Member state.", required=True),
            Field(
                "admission_date",
                "date",
                "Date of admission (founders: the Bangkok Declaration).",
                required=True,
            ),
            Field("year", "integer", "Year of admission.", unit="year", required=True),
            Field(
                "members_after",
                "integer",
                "Number of members after this admission.",
                unit="member states",
                required=True,
            ),
            Field("note", "string", "Context and confidence."),
            Field("source", "string", "Where the row's facts come from.", required=True),
        ),
        sources=(
            _factsheet("Data Table D"),
            Source(
                title=(
                    "ASEAN (Bangkok) Declaration, 8 Aug 1967; asean.org; Declaration on the Admission of "
                    "Timor-Leste into ASEAN, 26 Oct 2025"
                )
            ),
        ),
        licence="Public facts (dates of admission) compiled for the course from the cited sources",
        short_source="ASEAN; course fact sheet Table D",
        primary_key=("member",),
        caveats=("Brunei's day (7 Jan 1984) has medium-high confidence; the year is certain.",),
        year_field="year",
    ),
    Resource(
        name="arab_league_members",
        title="League of Arab States: admissions and membership count",
        description=(
            "One row per admission to the League of Arab States, plus the Yemeni unification of 22 May 1990 "
            "that merged two seats; members_after is the number of members after the row (7 founders in 1945, "
            "22 since Comoros in 1993)."
        ),
        build=build_arab_league_members,
        fields=(
            Field("member", "string", "Member state (or the unification event).", required=True),
            Field(
                "admission_date",
                "date",
                "Date of admission (founders: signature of the Pact).",
                required=True,
            ),
            Field("year", "integer", "Year of the admission.", unit="year", required=True),
            Field(
                "members_after",
                "integer",
                "Number of members after this row.",
                unit="member states",
                required=True,
            ),
            Field("note", "string", "Suspensions, mergers and confidence."),
            Field("source", "string", "Where the row's facts come from.", required=True),
        ),
        sources=(
            _factsheet("Data Table E"),
            Source(
                title=(
                    "Pact of the League of Arab States, Cairo, 22 Mar 1945 (Avalon Project); las.int; "
                    "Wikipedia, 'Member states of the Arab League'"
                )
            ),
        ),
        licence="Public facts (dates of admission) compiled for the course from the cited sources",
        short_source="League of Arab States; course fact sheet Table E",
        primary_key=("member",),
        caveats=(
            "Traditionally 7 founders: six signed on 22 Mar 1945, Yemen on 5 May 1945.",
            "Suspensions (Egypt 1979-89, Libya 2011, Syria 2011-23) do not change members_after.",
            "South Yemen's admission day (12 Dec 1967) has medium confidence.",
        ),
        year_field="year",
    ),
    Resource(
        name="organizations",
        title="The international organizations the article names",
        description=(
            "One row per organization the article names (UN, ASEAN, League of Arab States, WHO, ILO, IMF, "
            "WFTU): founding dates, current membership and what kind of organization it is. WHO, ILO and IMF "
            "are intergovernmental UN specialized agencies; only the WFTU is non-governmental (the article "
            "calls all four 'social and professional organizations')."
        ),
        build=build_organizations,
        fields=ORGANIZATIONS_FIELDS,
        sources=(
            _factsheet("Data Table F and section 6.3"),
            Source(
                title=(
                    "Founding instruments (UN Charter, Bangkok Declaration, Pact of the League of Arab "
                    "States, WHO Constitution, ILO Constitution, IMF Articles of Agreement) and the official "
                    "member lists of each organization; wftucentral.org"
                )
            ),
        ),
        licence="Public facts compiled for the course from the cited sources",
        short_source="Official sources of each organization; course fact sheet Table F",
        primary_key=("organization",),
        caveats=(
            "Membership counts change: they were checked in early 2026 (re-check before quoting).",
            (
                "WHO's count is left empty: 192-194 depending on how the 2025-26 US and Argentine "
                "withdrawals are treated."
            ),
            (
                "WFTU members are trade unions, not states; its membership figure (about 105 million, 2022) "
                "is self-reported."
            ),
            "NATO and the Warsaw Pact are in the alliance tables, not here.",
        ),
        year_field="founded_year",
    ),
    Resource(
        name="igo_membership_counts",
        title="Full member states of selected IGOs by year (COW IGO v3)",
        description=(
            "One row per intergovernmental organization and year: the number of states coded as full members "
            "in the Correlates of War IGO data v3 (UN, League of Nations, NATO, Warsaw Pact, ASEAN, Arab "
            "League, WHO, ILO, IMF, WTO, EU, SEATO, CENTO, OAU, AU, SCO, CMEA, OAS, UNESCO), 1890-2014."
        ),
        build=build_igo_membership_counts,
        fields=(
            Field(
                "ioname",
                "string",
                "COW IGO short name (e.g. 'UN', 'LoN' League of Nations, 'LOAS' Arab League, 'WPact' Warsaw "
                "Pact, 'WTO' World Trade Organization).",
                required=True,
            ),
            Field("orgname", "string", "COW IGO organization name.", required=True),
            Field("year", "integer", "Year.", unit="year", required=True),
            Field(
                "full_members",
                "integer",
                "Number of COW system member states coded as full members (status 1) in that year.",
                unit="member states",
                required=True,
            ),
        ),
        sources=(
            Source(
                title=(
                    "Pevehouse, Jon C. W., Timothy Nordstrom, Roseanne W. McManus and Anne Spencer Jamison "
                    "(2020). 'Tracking Organizations in the World: The Correlates of War IGO Version 3.0 "
                    "Datasets.' Journal of Peace Research 57(3): 492-503. Data: igo_year_format_3 as shipped "
                    "in the igoR R package (GitHub dieghernan/igoR, data/igo_year_format3.rda)"
                ),
                path=f"shared/data-sources/{IGO_RAW}",
                version="3.0",
            ),
        ),
        licence="COW terms: free with citation (cite Pevehouse et al. 2020); igoR code is GPL-3",
        short_source="COW Intergovernmental Organizations v3.0",
        primary_key=("ioname", "year"),
        caveats=(
            (
                "Only states in the COW state system are coded, so counts can be below the official ones: "
                "the UN has 44 in 1945 and 51 in 1946, the Arab League 21 at most (Palestine is not a COW "
                "state)."
            ),
            "The data end in 2014: ASEAN shows 10 members and NATO 28; later accessions are missing.",
            (
                "The counts in this copy are annual (the raw file's PROVENANCE says 5-yearly before 1965, "
                "but every IGO has a row for every year and e.g. the League of Nations count changes year by "
                "year)."
            ),
            "A year with no row means the IGO did not exist (or had no coded members) that year.",
        ),
        year_field="year",
    ),
]
