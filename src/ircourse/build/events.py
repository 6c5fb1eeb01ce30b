"""Dated events: the rise and collapse of the Versailles order (1919-1939) and milestones of IR thought.

Both tables are dated fact tables written out below as Python literals, one source per row. The facts
come from the course fact sheet (sections 2-4, 6-10 and Data Table F); the few facts the fact sheet does
not give (the Peace of Westphalia, Waltz 1979, the parties to the Paris peace treaties) are standard
facts cited to the primary text itself. Six interwar events the article does not mention (the Ruhr
occupation, Manchuria, Germany leaving the League, Abyssinia, Memel, the Molotov-Ribbentrop Pact) are
cited to the treaty texts and the standard histories named in their rows.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pandas as pd

from . import YEAR_CONVENTION, Field, Resource, Source

FACTSHEET = "shared/reference/article-factsheet.md"

_VERSAILLES = (
    "Treaty of Versailles, 28 Jun 1919 (Avalon Project, Yale Law School; UK Treaty Series 1919 No. 4)"
)
_COVENANT = "Covenant of the League of Nations (Avalon Project)"
_STEINER = (
    "Z. Steiner, The Triumph of the Dark (2011); G. Weinberg, The Foreign Policy of Hitler's Germany "
    "(1970/1980)"
)
_EVANS = "R. J. Evans, The Third Reich in Power (2005)"
_WEINBERG_EVANS = (
    "G. Weinberg, The Foreign Policy of Hitler's Germany (1980); R. J. Evans, The Third Reich in Power (2005)"
)
_WALTERS = "F. P. Walters, A History of the League of Nations (Oxford University Press, 1952)"

# --------------------------------------------------------------------------------------------------
# Interwar events
# --------------------------------------------------------------------------------------------------

#: Article claims (English paraphrase of the Uzbek text, as in the fact sheet's "Article claim" column).
_CLAIM_VERSAILLES = "A peace treaty between the victors and Germany, signed at Versailles on 28 June 1919."
_CLAIM_COVENANT = "Every treaty of the Versailles system began with the League of Nations Covenant."
_CLAIM_REPARATIONS = (
    "Germany was found guilty of WWI and had to pay the Entente 132 billion marks in reparations (under the "
    "treaty)."
)
_CLAIM_RHINELAND = (
    "German troops entered the demilitarised Rhineland in March 1936, the 'first ominous test' of Versailles."
)
_CLAIM_ANSCHLUSS = "The Anschluss, the open annexation of Austria, in March 1938."
_CLAIM_MUNICH = (
    "At the end of September 1938, with British and French consent (the Munich agreement), Germany took the "
    "Sudetenland."
)
_CLAIM_MARCH_1939 = "In March 1939 the whole of Czechoslovakia was conquered."
_CLAIM_WW2 = "Then WWII began, putting an end to the Versailles system."


class InterwarEvent(NamedTuple):
    """One dated event of the Versailles order (see the fields of ``interwar_events``).

    For month or year precision ``date`` is the first day of the month or year.
    """

    date: str
    precision: str
    end_date: str
    event: str
    category: str
    breached: str
    article_claim: str
    source: str


INTERWAR_EVENTS: tuple[InterwarEvent, ...] = (
    InterwarEvent(
        date="1919-06-28",
        precision="day",
        end_date="",
        event=(
            "Treaty of Versailles signed in the Hall of Mirrors (440 articles in 15 Parts; Part I is the "
            "League of Nations Covenant, Part XIII founds the ILO); China refuses to sign"
        ),
        category="treaty",
        breached="",
        article_claim=_CLAIM_VERSAILLES,
        source=f"{_VERSAILLES} (claims register 7.1, 7.9, Table F)",
    ),
    InterwarEvent(
        date="1919-09-10",
        precision="day",
        end_date="",
        event="Treaty of Saint-Germain with Austria signed; its Part I is the League Covenant",
        category="treaty",
        breached="",
        article_claim=_CLAIM_COVENANT,
        source=f"{_COVENANT}; Treaty of Saint-Germain (claims register 7.9)",
    ),
    InterwarEvent(
        date="1919-11-27",
        precision="day",
        end_date="",
        event="Treaty of Neuilly with Bulgaria signed; its Part I is the League Covenant",
        category="treaty",
        breached="",
        article_claim=_CLAIM_COVENANT,
        source=f"{_COVENANT}; Treaty of Neuilly (claims register 7.9)",
    ),
    InterwarEvent(
        date="1920-01-10",
        precision="day",
        end_date="",
        event="Treaty of Versailles enters into force (the US Senate never ratifies it)",
        category="treaty",
        breached="",
        article_claim="",
        source=f"{_VERSAILLES} (claims register 7.1)",
    ),
    InterwarEvent(
        date="1920-06-04",
        precision="day",
        end_date="",
        event="Treaty of Trianon with Hungary signed; its Part I is the League Covenant",
        category="treaty",
        breached="",
        article_claim=_CLAIM_COVENANT,
        source=f"{_COVENANT}; Treaty of Trianon (claims register 7.9)",
    ),
    InterwarEvent(
        date="1920-08-10",
        precision="day",
        end_date="",
        event=(
            "Treaty of Sèvres with the Ottoman Empire signed (never ratified); its Part I is the League "
            "Covenant"
        ),
        category="treaty",
        breached="",
        article_claim=_CLAIM_COVENANT,
        source=f"{_COVENANT}; Treaty of Sèvres (claims register 7.9)",
    ),
    InterwarEvent(
        date="1921-05-05",
        precision="day",
        end_date="",
        event=(
            "London Schedule of Payments fixes reparations at 132 billion gold marks (A+B bonds 50 billion, "
            "C bonds 82 billion, the latter largely notional); the treaty itself fixed no total (Arts. 233, "
            "235)"
        ),
        category="treaty",
        breached="",
        article_claim=_CLAIM_REPARATIONS,
        source=(
            "Treaty of Versailles, Arts. 231-235; Sally Marks, 'The Myths of Reparations', Central European "
            "History 11(3), 1978 (claims register 7.7)"
        ),
    ),
    InterwarEvent(
        date="1921-08-25",
        precision="day",
        end_date="",
        event="Treaty of Berlin: separate peace between the United States and Germany",
        category="treaty",
        breached="",
        article_claim="",
        source=f"{_VERSAILLES} (claims register 7.1)",
    ),
    InterwarEvent(
        date="1923-01-11",
        precision="day",
        end_date="",
        event=(
            "French and Belgian troops occupy the Ruhr, Germany's main industrial region, after Germany "
            "falls behind on its reparation deliveries"
        ),
        category="crisis",
        breached="",
        article_claim="",
        source=(
            "Sally Marks, 'The Myths of Reparations', Central European History 11(3), 1978; Z. Steiner, The "
            "Lights that Failed (2005) (not in the claims register)"
        ),
    ),
    InterwarEvent(
        date="1923-01-01",
        precision="year",
        end_date="",
        event="Treaty of Lausanne: unlike the Paris peace treaties it does not contain the League Covenant",
        category="treaty",
        breached="",
        article_claim=_CLAIM_COVENANT,
        source=f"{_COVENANT} (claims register 7.9)",
    ),
    InterwarEvent(
        date="1924-01-01",
        precision="year",
        end_date="",
        event="Dawes Plan revises the reparation payments",
        category="revision",
        breached="",
        article_claim="",
        source="Sally Marks, 'The Myths of Reparations' (1978) (claims register 7.7)",
    ),
    InterwarEvent(
        date="1925-12-01",
        precision="day",
        end_date="",
        event="Locarno Treaties signed, including the Rhineland Pact",
        category="treaty",
        breached="",
        article_claim="",
        source="Locarno Treaties (claims register 8.1)",
    ),
    InterwarEvent(
        date="1929-01-01",
        precision="year",
        end_date="",
        event="Young Plan revises the reparation payments again",
        category="revision",
        breached="",
        article_claim="",
        source="Sally Marks, 'The Myths of Reparations' (1978) (claims register 7.7)",
    ),
    InterwarEvent(
        date="1931-09-18",
        precision="day",
        end_date="",
        event=(
            "Mukden incident: Japanese officers stage an explosion on the South Manchuria Railway, and "
            "Japan's army goes on to occupy Manchuria; China, a League member, appeals to the League"
        ),
        category="crisis",
        breached="",
        article_claim="",
        source=(
            f"Z. Steiner, The Lights that Failed (2005); {_WALTERS}; League of Nations, Report of the "
            "Commission of Enquiry (Lytton Report, 1932) (not in the claims register)"
        ),
    ),
    InterwarEvent(
        date="1932-01-01",
        precision="year",
        end_date="",
        event="Lausanne Conference effectively ends reparations",
        category="revision",
        breached="",
        article_claim="",
        source="Sally Marks, 'The Myths of Reparations' (1978) (claims register 7.7, 7.13)",
    ),
    InterwarEvent(
        date="1933-10-14",
        precision="day",
        end_date="",
        event=(
            "Germany announces that it is leaving the League of Nations and the Disarmament Conference "
            "(under Covenant Art. 1, a withdrawal takes effect two years after notice)"
        ),
        category="crisis",
        breached="",
        article_claim="",
        source=(
            f"{_COVENANT}, Art. 1; {_EVANS}; Z. Steiner, The Triumph of the Dark (2011) (not in the claims "
            "register)"
        ),
    ),
    InterwarEvent(
        date="1935-03-01",
        precision="month",
        end_date="",
        event="Germany announces its air force (Luftwaffe)",
        category="breach",
        breached="Versailles Art. 198 (no military air force)",
        article_claim="",
        source=f"Treaty of Versailles, Art. 198; {_STEINER} (claims register 7.6, 7.13, 8.1)",
    ),
    InterwarEvent(
        date="1935-03-16",
        precision="day",
        end_date="",
        event="Germany reintroduces conscription, a year before it remilitarises the Rhineland",
        category="breach",
        breached="Versailles Art. 173 (compulsory military service abolished)",
        article_claim="",
        source=f"Treaty of Versailles, Arts. 160, 173; {_EVANS} (claims register 7.6, 8.1)",
    ),
    InterwarEvent(
        date="1935-06-18",
        precision="day",
        end_date="",
        event="Anglo-German Naval Agreement: Britain accepts a German navy beyond the Versailles limits",
        category="revision",
        breached="",
        article_claim="",
        source=f"{_STEINER} (claims register 7.13)",
    ),
    InterwarEvent(
        date="1935-10-03",
        precision="day",
        end_date="",
        event=(
            "Italy invades Abyssinia (Ethiopia), a member of the League; the League names Italy the "
            "aggressor and votes limited economic sanctions"
        ),
        category="crisis",
        breached="",
        article_claim="",
        source=(
            f"Z. Steiner, The Triumph of the Dark (2011); {_WALTERS} (not in the claims register)"
        ),
    ),
    InterwarEvent(
        date="1936-03-07",
        precision="day",
        end_date="",
        event="German troops enter the demilitarised Rhineland",
        category="breach",
        breached="Versailles Arts. 42-44; Locarno Rhineland Pact (1925)",
        article_claim=_CLAIM_RHINELAND,
        source=f"Treaty of Versailles, Arts. 42-44; Locarno Treaties; {_EVANS} (claims register 8.1)",
    ),
    InterwarEvent(
        date="1936-10-01",
        precision="month",
        end_date="1936-11-30",
        event="Rome-Berlin Axis formed (Oct-Nov 1936)",
        category="treaty",
        breached="",
        article_claim="",
        source="Z. Steiner, The Triumph of the Dark (2011) (claims register 7.12)",
    ),
    InterwarEvent(
        date="1936-11-25",
        precision="day",
        end_date="",
        event="Anti-Comintern Pact signed",
        category="treaty",
        breached="",
        article_claim="",
        source="Z. Steiner, The Triumph of the Dark (2011) (claims register 7.12)",
    ),
    InterwarEvent(
        date="1938-03-12",
        precision="day",
        end_date="",
        event="Anschluss: German troops cross into Austria",
        category="annexation",
        breached="Versailles Art. 80; Saint-Germain Art. 88",
        article_claim=_CLAIM_ANSCHLUSS,
        source=f"Avalon Project documents; {_EVANS} (claims register 8.2)",
    ),
    InterwarEvent(
        date="1938-03-13",
        precision="day",
        end_date="",
        event="Union law: Austria declared part of the German Reich",
        category="annexation",
        breached="Versailles Art. 80; Saint-Germain Art. 88",
        article_claim=_CLAIM_ANSCHLUSS,
        source=f"Avalon Project documents; {_EVANS} (claims register 8.2)",
    ),
    InterwarEvent(
        date="1938-04-10",
        precision="day",
        end_date="",
        event="Plebiscite on the Anschluss",
        category="annexation",
        breached="",
        article_claim=_CLAIM_ANSCHLUSS,
        source=f"Avalon Project documents; {_EVANS} (claims register 8.2)",
    ),
    InterwarEvent(
        date="1938-09-29",
        precision="day",
        end_date="1938-09-30",
        event=(
            "Munich Agreement, dated 29 Sep and signed about 00:30-01:30 on 30 Sep by Hitler, Chamberlain, "
            "Daladier and Mussolini; Czechoslovakia is not a party"
        ),
        category="treaty",
        breached="",
        article_claim=_CLAIM_MUNICH,
        source=(
            "Munich Agreement text (Avalon Project); W. Shirer, Berlin Diary, 30 Sep 1938 (claims register "
            "8.3)"
        ),
    ),
    InterwarEvent(
        date="1938-10-01",
        precision="day",
        end_date="1938-10-10",
        event="German occupation of the Sudetenland (1-10 Oct 1938)",
        category="annexation",
        breached="",
        article_claim=_CLAIM_MUNICH,
        source="Munich Agreement text (Avalon Project); W. Shirer, Berlin Diary (claims register 8.3)",
    ),
    InterwarEvent(
        date="1939-03-14",
        precision="day",
        end_date="",
        event="Slovak State proclaimed under German pressure (a client state)",
        category="annexation",
        breached="",
        article_claim=_CLAIM_MARCH_1939,
        source=f"{_WEINBERG_EVANS} (claims register 8.4)",
    ),
    InterwarEvent(
        date="1939-03-15",
        precision="day",
        end_date="",
        event="The Wehrmacht enters Prague",
        category="annexation",
        breached="",
        article_claim=_CLAIM_MARCH_1939,
        source=f"{_WEINBERG_EVANS} (claims register 8.4)",
    ),
    InterwarEvent(
        date="1939-03-15",
        precision="day",
        end_date="1939-03-18",
        event="Hungary seizes Carpatho-Ukraine (15-18 Mar 1939)",
        category="annexation",
        breached="",
        article_claim=_CLAIM_MARCH_1939,
        source=f"{_WEINBERG_EVANS} (claims register 8.4)",
    ),
    InterwarEvent(
        date="1939-03-16",
        precision="day",
        end_date="",
        event="Protectorate of Bohemia and Moravia declared",
        category="annexation",
        breached="",
        article_claim=_CLAIM_MARCH_1939,
        source=f"{_WEINBERG_EVANS} (claims register 8.4)",
    ),
    InterwarEvent(
        date="1939-03-22",
        precision="day",
        end_date="1939-03-23",
        event=(
            "Memel: under a German ultimatum, Lithuania cedes the Memel territory (Klaipėda), which the "
            "Treaty of Versailles had taken from Germany (Art. 99); German troops enter on 23 March"
        ),
        category="annexation",
        breached="",
        article_claim="",
        source=(
            f"Treaty of Versailles, Art. 99; {_WEINBERG_EVANS} (not in the claims register)"
        ),
    ),
    InterwarEvent(
        date="1939-05-22",
        precision="day",
        end_date="",
        event="Pact of Steel between Germany and Italy",
        category="treaty",
        breached="",
        article_claim="",
        source="Z. Steiner, The Triumph of the Dark (2011) (claims register 7.12)",
    ),
    InterwarEvent(
        date="1939-08-23",
        precision="day",
        end_date="",
        event=(
            "Molotov-Ribbentrop Pact: a German-Soviet non-aggression treaty, with a secret protocol dividing "
            "Eastern Europe into German and Soviet spheres of influence"
        ),
        category="treaty",
        breached="",
        article_claim="",
        source=(
            "Treaty of Non-aggression between Germany and the USSR and Secret Additional Protocol, 23 Aug "
            "1939 (Avalon Project); G. Weinberg, The Foreign Policy of Hitler's Germany (1980) (not in the "
            "claims register)"
        ),
    ),
    InterwarEvent(
        date="1939-09-01",
        precision="day",
        end_date="",
        event="Germany invades Poland",
        category="war",
        breached="",
        article_claim=_CLAIM_WW2,
        source="Standard chronology (claims register 8.5)",
    ),
    InterwarEvent(
        date="1939-09-03",
        precision="day",
        end_date="",
        event="Britain and France declare war on Germany",
        category="war",
        breached="",
        article_claim=_CLAIM_WW2,
        source="Standard chronology (claims register 8.5)",
    ),
)

INTERWAR_CATEGORIES = ("treaty", "revision", "crisis", "breach", "annexation", "war")
PRECISIONS = ("day", "month", "year")


def build_interwar_events(raw: Path) -> pd.DataFrame:
    """One row per dated event of the Versailles order, 1919-1939.

    Parameters
    ----------
    raw : Path
        Unused (the table is a dated fact table); kept for the common build signature.

    Returns
    -------
    pandas.DataFrame
        Sorted by date then event.

    Raises
    ------
    ValueError
        If a date is not ISO, a month/year date is not the first of its period, or an end date precedes
        its start.
    """
    df = pd.DataFrame(INTERWAR_EVENTS, columns=list(InterwarEvent._fields))
    start = pd.to_datetime(df["date"], format="%Y-%m-%d")
    end = pd.to_datetime(df["end_date"].replace("", None), format="%Y-%m-%d")
    if ((df["precision"] == "month") & (start.dt.day != 1)).any() or (
        (df["precision"] == "year") & ((start.dt.day != 1) | (start.dt.month != 1))
    ).any():
        raise ValueError("interwar_events: month/year precision dates must be the first of the month/year")
    if (end < start).any():
        raise ValueError("interwar_events: an end_date precedes its date")
    df.insert(3, "year", start.dt.year)
    return df.sort_values(["date", "event"]).reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# Milestones of IR thought and of the state system
# --------------------------------------------------------------------------------------------------


class Milestone(NamedTuple):
    """One milestone of IR thought or of the state system (negative years are BCE; there is no year 0)."""

    year: int
    precision: str
    label: str
    kind: str
    note: str
    source: str


IR_THOUGHT: tuple[Milestone, ...] = (
    Milestone(
        year=-1350,
        precision="century",
        label="Amarna letters: diplomatic correspondence of the Near Eastern powers",
        kind="state system",
        note="14th century BCE; relations between polities long predate the word 'international'",
        source="Fact sheet 2.2",
    ),
    Milestone(
        year=-431,
        precision="circa",
        label="Thucydides, History of the Peloponnesian War",
        kind="thinker/book",
        note=(
            "Written c. 431-400 BCE (the war began in 431 BCE); Thucydides lived c. 460 - c. 400 BCE. Often "
            "called the first 'realist' (Melian Dialogue, V.84-116), but he did not coin the term "
            "'international relations'"
        ),
        source="Thucydides, History of the Peloponnesian War (fact sheet 4.1)",
    ),
    Milestone(
        year=1648,
        precision="year",
        label="Peace of Westphalia",
        kind="state system",
        note=(
            "Treaties of Osnabrück and Münster, 24 Oct 1648; the conventional (and debated) starting point "
            "of the system of sovereign states in IR textbooks"
        ),
        source=(
            "Instrumentum Pacis Osnabrugensis and Instrumentum Pacis Monasteriensis, 24 Oct 1648 (not in the "
            "fact sheet)"
        ),
    ),
    Milestone(
        year=1780,
        precision="year",
        label="Jeremy Bentham coins the word 'international'",
        kind="thinker/book",
        note=(
            "In An Introduction to the Principles of Morals and Legislation, ch. XVII: printed 1780, "
            "published 1789 ('The word international, it must be acknowledged, is a new one')"
        ),
        source=(
            "J. Bentham, An Introduction to the Principles of Morals and Legislation (1789), ch. XVII; H. "
            "Suganami, 'A Note on the Origin of the Word International', British Journal of International "
            "Studies 4(3), 1978 (fact sheet 4.1)"
        ),
    ),
    Milestone(
        year=1919,
        precision="year",
        label="Woodrow Wilson Chair of International Politics, Aberystwyth",
        kind="institution",
        note="The first chair of the discipline: IR as an academic field dates from 1919",
        source=(
            "Aberystwyth University department history; B. C. Schmidt, The Political Discourse of Anarchy "
            "(1998) (fact sheet 2.2)"
        ),
    ),
    Milestone(
        year=1919,
        precision="year",
        label="Covenant of the League of Nations",
        kind="institution",
        note="Part I of the Treaty of Versailles (28 Jun 1919) and of the other Paris peace treaties",
        source="Covenant of the League of Nations (Avalon Project) (fact sheet 7.9)",
    ),
    Milestone(
        year=1919,
        precision="year",
        label="The Versailles(-Washington) system",
        kind="state system",
        note=(
            "The post-WWI order built at Paris (1919-20) and Washington (1921-22); it lasted about 20 years "
            "(1919-1939)"
        ),
        source=(
            "A. D. Bogaturov (ed.), Системная история международных отношений (2000-2004); Z. Steiner, The "
            "Lights that Failed (2005) (fact sheet 7.8, 7.12)"
        ),
    ),
    Milestone(
        year=1939,
        precision="year",
        label="E. H. Carr, The Twenty Years' Crisis",
        kind="thinker/book",
        note="A founding text of classical realism",
        source="E. H. Carr, The Twenty Years' Crisis, 1919-1939 (1939) (fact sheet 2.4)",
    ),
    Milestone(
        year=1945,
        precision="year",
        label="Charter of the United Nations",
        kind="institution",
        note="Signed 26 Jun 1945, in force 24 Oct 1945; 51 original members",
        source="UN Charter (un.org) (fact sheet Table C, Table F)",
    ),
    Milestone(
        year=1945,
        precision="year",
        label="The Yalta-Potsdam system: a bipolar world order",
        kind="state system",
        note="Yalta Conference 4-11 Feb 1945, Potsdam Conference 17 Jul - 2 Aug 1945",
        source="FRUS, Conferences at Malta and Yalta; Conference of Berlin (Potsdam) (fact sheet 9.1)",
    ),
    Milestone(
        year=1948,
        precision="year",
        label="Hans J. Morgenthau, Politics Among Nations",
        kind="thinker/book",
        note="The classic statement of post-war realism",
        source="H. J. Morgenthau, Politics Among Nations (1948) (fact sheet 2.4)",
    ),
    Milestone(
        year=1959,
        precision="year",
        label="Stanley Hoffmann, 'International Relations: The Long Road to Theory'",
        kind="thinker/book",
        note="Hoffmann criticises 'short cuts' to a general theory of IR",
        source=(
            "S. Hoffmann, 'International Relations: The Long Road to Theory', World Politics 11(3), 1959, "
            "pp. 346-377 (fact sheet 2.3)"
        ),
    ),
    Milestone(
        year=1972,
        precision="year",
        label="Robert O. Keohane and Joseph S. Nye (eds.), Transnational Relations and World Politics",
        kind="thinker/book",
        note="Non-state actors (companies, NGOs) enter IR theory",
        source=(
            "R. O. Keohane & J. S. Nye (eds.), Transnational Relations and World Politics (1972) (fact sheet "
            "6.1)"
        ),
    ),
    Milestone(
        year=1977,
        precision="year",
        label="Robert O. Keohane and Joseph S. Nye, Power and Interdependence",
        kind="thinker/book",
        note="Complex interdependence: the liberal answer to realism",
        source="R. O. Keohane & J. S. Nye, Power and Interdependence (1977) (fact sheet 4.6)",
    ),
    Milestone(
        year=1979,
        precision="year",
        label="Kenneth N. Waltz, Theory of International Politics",
        kind="thinker/book",
        note=(
            "Neorealism: the structure of the international system (anarchy, polarity) explains state "
            "behaviour"
        ),
        source=(
            "K. N. Waltz, Theory of International Politics (Reading, MA: Addison-Wesley, 1979) (not in the "
            "fact sheet)"
        ),
    ),
    Milestone(
        year=1983,
        precision="year",
        label="Theodore Levitt, 'The Globalization of Markets'",
        kind="thinker/book",
        note="Popularised the word 'globalization' in its economic sense",
        source=(
            "T. Levitt, 'The Globalization of Markets', Harvard Business Review, May-June 1983 (fact sheet "
            "3.1)"
        ),
    ),
    Milestone(
        year=1986,
        precision="year",
        label="Seville Statement on Violence",
        kind="thinker/book",
        note=(
            "Scientists call the claim that war is genetically programmed 'scientifically incorrect'; "
            "endorsed by the UNESCO General Conference in 1989"
        ),
        source="UNESCO, Seville Statement on Violence (1986/1989) (fact sheet 2.1)",
    ),
    Milestone(
        year=1990,
        precision="year",
        label="Joseph S. Nye, Bound to Lead: 'soft power'",
        kind="thinker/book",
        note="Introduces 'soft power' (the term 'hard power' is defined in contrast to it)",
        source="J. S. Nye, Bound to Lead (1990) (fact sheet 2.5)",
    ),
    Milestone(
        year=1991,
        precision="year",
        label="Dissolution of the USSR ends the bipolar system",
        kind="state system",
        note="The Soviet of Republics dissolved the USSR on 26 Dec 1991",
        source="Declaration No. 142-Н of 26 Dec 1991 (fact sheet 9.3)",
    ),
    Milestone(
        year=1993,
        precision="year",
        label="Samuel P. Huntington, 'The Clash of Civilizations?'",
        kind="thinker/book",
        note="Foreign Affairs 72(3), Summer 1993, pp. 22-49; the thesis is heavily contested",
        source=(
            "S. P. Huntington, 'The Clash of Civilizations?', Foreign Affairs 72(3), 1993 (fact sheet 10.1)"
        ),
    ),
    Milestone(
        year=1996,
        precision="year",
        label="Samuel P. Huntington, The Clash of Civilizations and the Remaking of World Order",
        kind="thinker/book",
        note="New York: Simon & Schuster; the article's source (cited as 'new world order', 2023)",
        source=(
            "S. P. Huntington, The Clash of Civilizations and the Remaking of World Order (Simon & Schuster, "
            "1996) (fact sheet 10.1, R1)"
        ),
    ),
)

IR_KINDS = ("thinker/book", "institution", "state system")
IR_PRECISIONS = ("year", "circa", "century")


def build_ir_thought_timeline(raw: Path) -> pd.DataFrame:
    """One row per milestone of IR thought or of the state system, from the Amarna letters to Huntington.

    Parameters
    ----------
    raw : Path
        Unused (the table is a dated fact table); kept for the common build signature.

    Returns
    -------
    pandas.DataFrame
        Sorted by year then label.

    Raises
    ------
    ValueError
        If a year is 0 (the convention has no year 0).
    """
    df = pd.DataFrame(IR_THOUGHT, columns=list(Milestone._fields))
    if (df["year"] == 0).any():
        raise ValueError("ir_thought_timeline: there is no year 0")
    return df.sort_values(["year", "label"]).reset_index(drop=True)


_FACTSHEET_SOURCE = Source(
    title=(
        "Course fact sheet on A. Okmamatov, 'Globallashayotgan davrda xalqaro munosabatlar' (checked against "
        "sources up to early 2026)"
    ),
    path=FACTSHEET,
)

RESOURCES = [
    Resource(
        name="interwar_events",
        title="The Versailles order, 1919-1939: treaties, revisions, breaches, annexations",
        description=(
            "One row per dated event from the signing of the Treaty of Versailles (28 Jun 1919) to the "
            "outbreak of the Second World War (3 Sep 1939): the peace treaties, the revisions of "
            "reparations, the crises of the League order (the Ruhr, Manchuria, Abyssinia), Germany's "
            "breaches of Versailles and Locarno (with the article breached), the annexations of 1938-39, the "
            "Molotov-Ribbentrop Pact and the start of the war, with what the article under study says about "
            "each, where it says something."
        ),
        build=build_interwar_events,
        fields=(
            Field(
                "date",
                "date",
                "Date of the event (ISO YYYY-MM-DD); for month or year precision the first day of the month "
                "or year.",
                required=True,
            ),
            Field("precision", "string", "How precise 'date' is.", required=True, enum=PRECISIONS),
            Field("end_date", "date", "Last day, for an event that spans several days; empty otherwise."),
            Field("year", "integer", "Year of the event.", unit="year", required=True),
            Field("event", "string", "What happened.", required=True),
            Field(
                "category",
                "string",
                "treaty (signed or in force), revision (of the Versailles terms by agreement), crisis (a "
                "blow to the order other than a German breach of Versailles: the Ruhr occupation, aggression "
                "against League members, leaving the League), breach (unilateral violation of Versailles or "
                "Locarno by Germany), annexation (of territory), war.",
                required=True,
                enum=INTERWAR_CATEGORIES,
            ),
            Field(
                "breached",
                "string",
                "The article(s) of Versailles, Saint-Germain or Locarno the event breached; empty if none.",
            ),
            Field(
                "article_claim",
                "string",
                "What the article under study (Okmamatov) says about this event, in English paraphrase; "
                "empty if it does not mention it.",
            ),
            Field("source", "string",
                  "Sources for the row, with the claims-register item (= fact-sheet item).", required=True),
        ),
        sources=(
            _FACTSHEET_SOURCE,
            Source(
                title=(
                    "Treaty of Versailles, 28 Jun 1919, and the other treaties cited (Avalon Project, Yale "
                    "Law School)"
                )
            ),
            Source(
                title=(
                    "Z. Steiner, The Lights that Failed (2005) and The Triumph of the Dark (2011); G. "
                    "Weinberg, The Foreign Policy of Hitler's Germany (1970/1980); R. J. Evans, The Third "
                    "Reich in Power (2005); S. Marks, 'The Myths of Reparations', Central European History "
                    "11(3), 1978"
                )
            ),
        ),
        licence="Public historical facts compiled for the course from the cited sources",
        short_source="Treaty texts (Avalon Project); Steiner, Weinberg, Evans; course fact sheet",
        primary_key=("date", "event"),
        caveats=(
            (
                "The Luftwaffe announcement is dated to the month only (March 1935), as in the fact sheet; "
                "the Dawes Plan, Young Plan, Lausanne Conference and Treaty of Lausanne to the year only: "
                "their 'date' is the first of the month or year, so sort by date with care."
            ),
            (
                "Two events of the period have no single date in the fact sheet and are left out: the Little "
                "Entente (1920-21) and the Washington Conference treaties (1921-22)."
            ),
            (
                "The London Schedule is classed as 'treaty' (it fixed the sum the treaty left open), not "
                "'revision'."
            ),
            (
                "Six events are not in the fact sheet (nor the claims register) and are cited to the treaty "
                "texts and standard histories in their 'source': the Ruhr occupation (1923), the Mukden "
                "incident (1931), "
                "Germany leaving the League (1933), the invasion of Abyssinia (1935), Memel (1939) and the "
                "Molotov-Ribbentrop Pact (1939). Only their first day is recorded (the Ruhr occupation "
                "lasted until 1925; the end dates of the others are not given)."
            ),
            (
                "'crisis' groups blows to the order that are not German breaches of Versailles: an "
                "occupation to enforce reparations, aggression by Japan and Italy against League members, "
                "and Germany's notice of leaving the League (lawful under Covenant Art. 1)."
            ),
        ),
        year_field="year",
    ),
    Resource(
        name="ir_thought_timeline",
        title="Milestones of IR thought and of the state system",
        description=(
            "One row per milestone: books and articles that shaped the discipline (thinker/book), the "
            "institutions of the field and of world politics (institution), and the orders of the state "
            "system (state system), from the Amarna letters (14th century BCE) to Huntington (1996). "
            + YEAR_CONVENTION
        ),
        build=build_ir_thought_timeline,
        fields=(
            Field(
                "year",
                "integer",
                "Year of the milestone; negative = BCE, no year 0.",
                unit="year",
                required=True,
            ),
            Field(
                "precision",
                "string",
                "year: exact; circa: approximate (see note); century: the year stands for a century (-1350 = "
                "14th century BCE).",
                required=True,
                enum=IR_PRECISIONS,
            ),
            Field("label", "string", "The milestone, as a chart label.", required=True),
            Field(
                "kind", "string", "thinker/book, institution or state system.", required=True, enum=IR_KINDS
            ),
            Field("note", "string", "Dates in full and why the milestone matters."),
            Field(
                "source",
                "string",
                "The work itself or the document, with the fact-sheet section.",
                required=True,
            ),
        ),
        sources=(
            _FACTSHEET_SOURCE,
            Source(
                title=(
                    "The works and documents cited in each row (bibliographic facts), e.g. K. N. Waltz, "
                    "Theory of International Politics (Reading, MA: Addison-Wesley, 1979)"
                )
            ),
        ),
        licence="Public bibliographic and historical facts compiled for the course from the cited sources",
        short_source="Cited works; course fact sheet",
        primary_key=("year", "label"),
        caveats=(
            (
                "A selection for the course, not a canon: the milestones are those the article and the fact "
                "sheet discuss, plus Westphalia (1648) and Waltz (1979)."
            ),
            (
                "The Amarna letters (-1350) stand for the 14th century BCE and Thucydides (-431) for c. "
                "431-400 BCE; see 'precision'."
            ),
            "Bentham's word is dated to 1780, when the book was printed; it was published in 1789.",
        ),
        year_field="year",
    ),
]
