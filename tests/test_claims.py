"""The claims register: built from the fact sheet row for row, rendered as boxes and tables."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import ircourse as irc
from ircourse.claims import VERDICT_STYLE, ClaimNotFound, box_html, counts, table

from .conftest import ROOT

FACTSHEET = ROOT.parent / "shared" / "reference" / "article-factsheet.md"
needs_factsheet = pytest.mark.skipif(not FACTSHEET.is_file(), reason="shared/reference is not here")

#: Fact sheet, "Verdicts used".
SCALE = ["correct", "imprecise", "wrong", "unverifiable", "opinion"]
#: Counted by hand in the fact sheet, sections 1-11: 1 + 7 + 6 + 7 + 1 + 3 + 13 + 5 + 13 + 9 + 3.
FACTSHEET_CLAIMS = 68
#: Fact sheet, section 0: problem 2 (NATO "31", claim 9.7) and problem 13 (Rhineland "first", 8.1) are
#: "imprecise", though their verdict cells begin with "correct" for another part of the claim.
HEADLINE = {"9.7": "imprecise", "8.1": "imprecise"}


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    return irc.load("claims")


def _factsheet_verdicts() -> dict[str, str]:
    """First verdict word of every claim row, read line by line (independently of the build's parser)."""
    out = {}
    for line in FACTSHEET.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\| (\d+\.\d+|R\d+) \|", line)
        if not match:
            continue
        cells = line.strip().strip("|").split("|")
        cell = cells[-2] if match.group(1).startswith("R") else cells[-3]
        out[match.group(1)] = re.match(r"\s*(\w+)", cell).group(1)
    return out


@needs_factsheet
def test_one_row_per_claim_of_the_factsheet_in_its_order(claims):
    ids = list(_factsheet_verdicts())
    assert len(ids) == FACTSHEET_CLAIMS
    assert claims["claim_id"].tolist() == ids


@needs_factsheet
def test_verdict_counts_match_the_factsheet(claims):
    verdicts = _factsheet_verdicts() | HEADLINE
    expected = pd.Series(verdicts).value_counts().sort_index()
    assert claims["verdict"].value_counts().sort_index().to_dict() == expected.to_dict()
    assert dict(zip(claims["claim_id"], claims["verdict"])) == verdicts


def test_verdicts_are_the_five_levels_and_counts_sum_to_the_rows(claims):
    assert set(claims["verdict"]) <= set(SCALE)
    assert list(counts().index) == SCALE
    assert counts().sum() == len(claims) == FACTSHEET_CLAIMS
    assert counts(chapter=6).sum() == (claims["chapter"] == 6).sum()


def test_claims_are_mapped_to_the_chapters_that_discuss_them(claims):
    chapter = dict(zip(claims["claim_id"], claims["chapter"]))
    assert set(chapter.values()) == set(range(1, 9))
    assert chapter["1.1"] == chapter["2.7"] == chapter["4.1"] == 1   # Skaryna, Kennedy, Thucydides
    assert chapter["3.6"] == 2 and chapter["5.1"] == 3 and chapter["6.3"] == 4
    assert chapter["7.7"] == chapter["8.4"] == 5 and chapter["9.9"] == 6 and chapter["10.8"] == chapter["R1"] == 7
    assert chapter["4.5"] == chapter["4.6"] == chapter["4.7"] == 8   # Palmerston, interdependence, weapons


def test_rows_keep_quotation_fact_and_sources(claims):
    row = claims.set_index("claim_id").loc["9.9"]
    assert "Varshava shartnomasi" in row["quote_uz"] and not row["quote_uz"].startswith('"')
    assert "Poland is missing" in row["fact_en"] and "**" not in row["fact_en"]
    assert row["verdict"] == "wrong" and row["verdict_note"] == "membership; correct (date, place, purpose)"
    assert "Mastny" in row["sources"] and row["confidence"].startswith("high")
    # <br> became line breaks: 1.1 lists author, source, original, literal English, differences
    assert claims.set_index("claim_id").loc["1.1", "fact_en"].count("\n") == 4
    assert not claims["fact_en"].str.contains("<br>").any()


def test_the_course_overrides_the_chemical_weapons_wording(claims):
    fact = claims.set_index("claim_id").loc["4.7", "fact_en"]
    assert "Since the CWC entered into force (1997)" in fact
    assert "now continue" not in fact


def test_the_checker_is_named_not_i(claims):
    text = " ".join(claims["fact_en"])
    assert not re.search(r"\bI could\b|\bmy knowledge\b", text)
    assert "The fact sheet could not verify that the book exists" in claims.set_index("claim_id").loc["R2", "fact_en"]


# ------------------------------------------------------------------------------------------- boxes
@pytest.mark.parametrize("claim_id", ["1.1", "3.6", "5.1", "9.9", "R1"])
def test_box_shows_verdict_colour_quotation_claim_and_facts(claims, claim_id):
    row = claims.set_index("claim_id").loc[claim_id]
    html = box_html(claim_id)
    colour = VERDICT_STYLE[row["verdict"]][0]
    assert f"border-left:6px solid {colour}" in html
    assert f"{VERDICT_STYLE[row['verdict']][2]} {row['verdict']}" in html
    assert row["quote_uz"].replace("'", "&#x27;")[:40] in html
    assert "Check the article" in html and f"claim {claim_id}" in html


def test_box_never_leaves_a_dollar_sign_for_mathjax():
    html = box_html("3.6", note="Asia and Africa: $855 bn of $1,325 bn")
    assert "$" not in html
    assert html.count("<span>&#36;</span>") == 4   # two in the facts, two in the note


def test_box_prints_the_chapter_note():
    assert "In this course:</strong> 64% by continent" in box_html("3.6", note="64% by continent")
    assert "In this course" not in box_html("3.6")


def test_box_is_an_ipython_display_and_reachable_from_the_package():
    from IPython.display import HTML

    shown = irc.claims.box("9.9", note="eight signatories")
    assert isinstance(shown, HTML)
    assert shown.data == box_html("9.9", note="eight signatories")


@pytest.mark.parametrize("bad", ["9.99", "99", None, 9.9, ""])
def test_unknown_claim_gets_a_clear_message(bad):
    with pytest.raises(ClaimNotFound, match="is not an item of the claims register"):
        box_html(bad)


def test_a_number_is_refused_because_7_10_would_become_7_1():
    with pytest.raises(ClaimNotFound, match='in quotes, e.g. "7.10"'):
        box_html(7.10)


def test_close_id_is_suggested():
    with pytest.raises(ClaimNotFound, match="Did you mean '9.9'"):
        box_html("9.99")


# ------------------------------------------------------------------------------------------ tables
def test_table_of_a_chapter_has_its_claims_only(claims):
    shown = table(chapter=8)
    assert shown.data["item"].tolist() == claims.loc[claims["chapter"] == 8, "claim_id"].tolist()
    assert len(table().data) == len(claims)
    assert "the facts" in table(full=True).data.columns and "the facts" not in shown.data.columns


def test_table_html_colours_verdicts_and_escapes_dollars():
    html = table(chapter=2, full=True).to_html()
    assert "$" not in html
    assert VERDICT_STYLE["correct"][1] in html and "✔ correct" in html


def test_table_html_colours_each_verdict_cell_by_its_own_verdict():
    import re
    shown = table()
    html = shown.to_html()
    # every verdict cell carries its verdict's class, and that class's rule carries the verdict's colours
    cells = re.findall(r'<td class="[^"]*verdict-(\w+)" >([^<]*)</td>', html)
    expected = [(v, f"{VERDICT_STYLE[v][2]} {v}") for v in irc.claims.register().sort_values(
        "chapter", kind="stable")["verdict"]]
    assert cells == expected
    for verdict, (line, background, _badge) in VERDICT_STYLE.items():
        rule = re.search(r"td\.verdict-" + verdict + r" \{([^}]*)\}", html).group(1)
        assert background in rule and line in rule
    assert html.count("verdict-") == len(expected) + len(VERDICT_STYLE)  # no other cell is coloured
    assert ' id="T_claims_all_row' not in html  # no per-cell ids: the saved table stays small


@pytest.mark.parametrize("bad", [0, 9, "2", 2.0, True])
def test_table_rejects_a_bad_chapter(bad):
    with pytest.raises(ValueError, match="chapter must be a whole number from 1 to 8"):
        table(chapter=bad)


def test_scale_lists_the_five_verdicts_in_order():
    html = irc.claims.scale_html()
    positions = [html.index(f"{VERDICT_STYLE[v][2]} {v}") for v in SCALE]
    assert positions == sorted(positions)


def _contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio, written out here independently of the package."""
    def lum(colour):
        colour = colour.lstrip("#")
        if len(colour) == 3:
            colour = "".join(c * 2 for c in colour)
        values = []
        for i in (0, 2, 4):
            c = int(colour[i:i + 2], 16) / 255
            values.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * values[0] + 0.7152 * values[1] + 0.0722 * values[2]
    high, low = sorted([lum(a), lum(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_verdict_badge_is_readable_at_wcag_aa():
    # Black on the Okabe-Ito blue #0072B2 is 4.0:1 (WebAIM's contrast checker), under AA's 4.5:1: axe-core
    # flagged the "opinion" badge. Every badge's text must reach 4.5:1 on its own background.
    assert round(_contrast("#000000", "#0072B2"), 1) == 4.0
    for verdict in VERDICT_STYLE:
        html = box_html(irc.claims.register().query("verdict == @verdict")["claim_id"].iloc[0])
        badge = re.search(r'<span style="background:(#\w+); color:(#\w+);', html)
        assert badge, verdict
        assert _contrast(badge.group(1), badge.group(2)) >= 4.5, (verdict, badge.groups())
