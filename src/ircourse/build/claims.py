"""The claims register: every checkable claim of the article, with the fact sheet's verdict and evidence.

``claims`` is derived from the course fact sheet, ``shared/reference/article-factsheet.md`` (beside
``shared/data-sources``), which checks the article claim by claim in numbered Markdown tables. The
build reads those tables; nothing is typed in by hand except three documented things:

* :data:`CHAPTER_OF_SECTION` / :data:`CHAPTER_OF_CLAIM`: where the course discusses each claim;
* :data:`HEADLINE_VERDICTS`: the two claims whose primary verdict is taken from the fact sheet's own
  summary ("the 13 most important problems", section 0) rather than from the first word of the cell;
* :data:`OVERRIDES`: where the course deliberately departs from the fact sheet's wording, and why.

Which rows count as claims: every row of a table whose first header cell is ``#`` and whose id is a
section item (``"1.1"``, ``"10.9"``) or a reference (``"R1"``). The summary table of section 0
(ids 1-13), the provenance tables of section 5 and the data tables A-F are not claims and are skipped,
and so is the reference section's "General" remark (no id).

How a cell becomes text: ``**bold**`` and ``*italic*`` markers are removed, ``<br>`` becomes a line
break, the straight quotation marks around an Uzbek quotation are dropped, and the checker's first
person ("I could not verify", "to my knowledge") is named: "the fact sheet could not verify", "to the
fact sheet's knowledge" (:data:`FIRST_PERSON`), so that a reader of a box knows who speaks. The Uzbek
text is kept exactly as the fact sheet gives it (its apostrophes are ASCII ``'``, as in the article).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from . import Field, Resource, Source

FACTSHEET = "article-factsheet.md"

#: The five verdicts of the fact sheet ("Verdicts used"), in the order the course shows them.
VERDICTS = ("correct", "imprecise", "wrong", "unverifiable", "opinion")

#: Fact-sheet section -> course chapter where its claims are discussed.
CHAPTER_OF_SECTION = {
    "1": 1,   # the epigraph (Skaryna)
    "2": 1,   # opening, theory, the Cold War aside
    "3": 2,   # globalization
    "4": 1,   # the concept of IR (4.5-4.7: chapter 8, below)
    "5": 3,   # 300 peaceful years, 15,000 wars
    "6": 4,   # actors and organizations
    "7": 5,   # Versailles
    "8": 5,   # collapse of the Versailles order
    "9": 6,   # Yalta-Potsdam, bipolarity, NATO, Warsaw Pact
    "10": 7,  # Huntington
    "R": 8,   # the reference list (R1, Huntington's book: chapter 7, below)
}

#: Single claims discussed in another chapter than the rest of their section.
CHAPTER_OF_CLAIM = {
    "4.5": 8,  # Palmerston: "no friends or enemies, only interests"
    "4.6": 8,  # interdependence
    "4.7": 8,  # nuclear and chemical weapons
    "R1": 7,   # Huntington's book
}

#: Claims whose primary verdict is the headline verdict of the fact sheet's section 0 ("the 13 most
#: important problems"), not the first verdict of the cell: (verdict, reason).
HEADLINE_VERDICTS = {
    "9.7": ("imprecise", "fact sheet, section 0, problem 2: NATO '31 members' is 'imprecise (outdated)'"),
    "8.1": ("imprecise", "fact sheet, section 0, problem 13: the Rhineland as the 'first' breach is 'imprecise'"),
}

#: Where the course departs from the fact sheet: claim id -> (column, old text, new text, reason).
OVERRIDES = {
    "4.7": (
        "fact_en",
        "Production and use now continue only illicitly (Syria; the Novichok cases of 2018 and 2020)",
        "Since the CWC entered into force (1997), chemical weapons have been produced and used only "
        "illicitly (Syria; the Novichok cases of 2018 and 2020)",
        "The Syrian attacks (to 2018), Salisbury (2018) and Navalny (2020) all came before the OPCW's "
        "verification of 7 July 2023, so 'now' (after July 2023) misdates them (course issue 10).",
    ),
    "5.1": (
        "fact_en",
        "See the provenance table below.",
        "The fact sheet traces its versions in a provenance table, reproduced in chapter 3.",
        "'Below' points inside the fact sheet; the register is read without it.",
    ),
}

#: The checker's first person, named (a box is read without the fact sheet around it).
FIRST_PERSON = (
    (re.compile(r"\bI could not\b"), "The fact sheet could not"),
    (re.compile(r"\bTo my knowledge\b"), "To the fact sheet's knowledge"),
)

_ID = re.compile(r"^(?:\d+\.\d+|R\d+)$")
_CLAIM_HEADERS = {
    # header of the section tables: (claim, quote, fact, verdict, confidence, sources)
    ("#", "Article claim", "Original (Uzbek)", "Correct fact", "Verdict", "Conf.", "Source"):
        (1, 2, 3, 4, 5, 6),
    ("#", "Article claim (EN paraphrase)", "Original (Uzbek)", "Correct fact", "Verdict", "Conf.",
     "Source for students"): (1, 2, 3, 4, 5, 6),
    # the reference list: the item "as given" is both the claim and the quotation; no source column
    ("#", "As given", "Correct / verified data", "Verdict", "Conf."): (1, 1, 2, 3, 4, None),
}


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def plain(text: str) -> str:
    """Return the text of a fact-sheet cell without Markdown emphasis, ``<br>`` as a line break.

    Parameters
    ----------
    text : str
        One Markdown table cell.

    Returns
    -------
    str
        Plain text; an em dash alone (the fact sheet's "nothing") becomes the empty string.
    """
    text = text.replace("<br>", "\n").replace("**", "")
    text = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", r"\1", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    for pattern, named in FIRST_PERSON:
        text = pattern.sub(named, text)  # both phrases open a sentence in the fact sheet
    return "" if text in {"—", "-", "–"} else text


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1]
    return text


def split_verdict(cell: str) -> tuple[str, str]:
    """Split a verdict cell into its primary verdict (the first of the five) and the rest.

    Parameters
    ----------
    cell : str
        The verdict cell, e.g. ``"wrong (chronology); imprecise (title); correct (35th)"``.

    Returns
    -------
    tuple of str
        ``("wrong", "chronology; imprecise (title); correct (35th)")``: the qualifier of the primary
        verdict comes first, then the other verdicts; ``"opinion / unverifiable"`` gives
        ``("opinion", "or unverifiable")``.

    Raises
    ------
    ValueError
        If the cell does not start with one of the five verdicts.
    """
    text = plain(cell)
    match = re.match(r"^(correct|imprecise|wrong|unverifiable|opinion)\b\s*(.*)$", text, flags=re.S)
    if not match:
        raise ValueError(f"verdict cell does not start with one of {VERDICTS}: {cell!r}")
    verdict, rest = match.group(1), match.group(2).strip()
    qualifier = re.match(r"^\((?P<inner>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*(?P<tail>.*)$", rest, flags=re.S)
    if qualifier:
        tail = qualifier["tail"].lstrip(";, ").strip()
        rest = qualifier["inner"] + (f"; {tail}" if tail else "")
    elif rest.startswith("/"):
        rest = "or " + rest.lstrip("/ ").strip()
    else:
        rest = rest.lstrip(";, ").strip()
    return verdict, rest


def chapter_of(claim_id: str) -> int:
    """Return the course chapter (1-8) where claim ``claim_id`` is discussed.

    Raises
    ------
    ValueError
        If the claim's section has no chapter in :data:`CHAPTER_OF_SECTION`.
    """
    if claim_id in CHAPTER_OF_CLAIM:
        return CHAPTER_OF_CLAIM[claim_id]
    section = "R" if claim_id.startswith("R") else claim_id.split(".")[0]
    if section not in CHAPTER_OF_SECTION:
        raise ValueError(f"claim {claim_id}: section {section} has no course chapter")
    return CHAPTER_OF_SECTION[section]


def parse_factsheet(text: str) -> pd.DataFrame:
    """Return one row per claim of the fact sheet's section tables, in the fact sheet's order.

    Parameters
    ----------
    text : str
        The Markdown of the fact sheet.

    Returns
    -------
    pandas.DataFrame
        Columns ``claim_id, claim, quote, fact, verdict_cell, confidence, sources`` (raw cells).

    Raises
    ------
    ValueError
        If a claim row has the wrong number of cells or an id appears twice.
    """
    rows, layout, width = [], None, 0
    for line in text.splitlines():
        if not line.startswith("|"):
            layout = None
            continue
        cells = _cells(line)
        if tuple(cells) in _CLAIM_HEADERS:
            layout, width = _CLAIM_HEADERS[tuple(cells)], len(cells)
            continue
        if layout is None or not _ID.match(cells[0]):
            continue
        if len(cells) != width:
            raise ValueError(f"claim {cells[0]}: {len(cells)} cells, expected {width}: {line[:80]}...")
        claim, quote, fact, verdict, conf, src = layout
        rows.append({
            "claim_id": cells[0],
            "claim": cells[claim],
            "quote": cells[quote],
            "fact": cells[fact],
            "verdict_cell": cells[verdict],
            "confidence": cells[conf],
            "sources": cells[src] if src is not None else "",
        })
    df = pd.DataFrame(rows)
    if df.empty:
        raise ValueError("no claim tables found in the fact sheet")
    twice = df.loc[df["claim_id"].duplicated(), "claim_id"].tolist()
    if twice:
        raise ValueError(f"claim ids listed twice in the fact sheet: {twice}")
    return df


def factsheet_path(raw: Path) -> Path:
    """Return the fact sheet's path: ``shared/reference`` beside ``shared/data-sources``."""
    return Path(raw).parent / "reference" / FACTSHEET


def build_claims(raw: Path) -> pd.DataFrame:
    """One row per checkable claim of the article, from the fact sheet (see the module docstring).

    Parameters
    ----------
    raw : Path
        The ``shared/data-sources`` folder; the fact sheet is read from ``../reference``.

    Returns
    -------
    pandas.DataFrame
        Columns ``claim_id, chapter, quote_uz, claim_en, verdict, verdict_note, fact_en, sources,
        confidence``, in the fact sheet's order.

    Raises
    ------
    ValueError
        If an override no longer matches the fact sheet's text (the fact sheet changed: review it).
    """
    src = parse_factsheet(factsheet_path(raw).read_text(encoding="utf-8"))
    out = []
    for row in src.itertuples(index=False):
        verdict, note = split_verdict(row.verdict_cell)
        if row.claim_id in HEADLINE_VERDICTS:
            verdict, note = HEADLINE_VERDICTS[row.claim_id][0], plain(row.verdict_cell)
        reference = row.claim_id.startswith("R")
        quote = _unquote(plain(row.quote))
        out.append({
            "claim_id": row.claim_id,
            "chapter": chapter_of(row.claim_id),
            "quote_uz": quote,
            "claim_en": f"The article's reference list cites: {quote}" if reference else plain(row.claim),
            "verdict": verdict,
            "verdict_note": note,
            "fact_en": plain(row.fact),
            "sources": plain(row.sources),
            "confidence": plain(row.confidence),
        })
    df = pd.DataFrame(out)
    for claim_id, (column, old, new, _reason) in OVERRIDES.items():
        where = df["claim_id"] == claim_id
        if where.sum() != 1 or old not in df.loc[where, column].item():
            raise ValueError(f"override of {claim_id}.{column} no longer matches the fact sheet: review it")
        df.loc[where, column] = df.loc[where, column].item().replace(old, new)
    return df


_OVERRIDE_NOTES = tuple(
    f"Claim {cid}, {col}: the course departs from the fact sheet. {reason}"
    for cid, (col, _old, _new, reason) in OVERRIDES.items()
) + tuple(
    f"Claim {cid}: primary verdict '{verdict}' from the fact sheet's summary ({reason})."
    for cid, (verdict, reason) in HEADLINE_VERDICTS.items()
)

RESOURCES = [
    Resource(
        name="claims",
        title="The claims register: the article's checkable claims with verdicts and evidence",
        description=(
            "One row per checkable claim of Okmamatov's article 'Globallashayotgan davrda xalqaro "
            "munosabatlar', as numbered in the course fact sheet (1.1 ... 10.9, R1-R3): the chapter that "
            "discusses it, the Uzbek original, an English paraphrase, the verdict on the fact sheet's "
            "five-level scale, the correct fact, the sources for students and the checker's confidence. "
            "The 'Check the article' boxes of the chapters are drawn from this table "
            "(ircourse.claims.box)."
        ),
        build=build_claims,
        fields=(
            Field("claim_id", "string", "The fact sheet's item number as text ('1.1', '5.1', '9.9', 'R1').",
                  required=True),
            Field("chapter", "integer", "Course chapter (1-8) where the claim is discussed.", required=True),
            Field("quote_uz", "string", "The article's words in Uzbek, as the fact sheet quotes them "
                  "('...' marks a cut).", required=True),
            Field("claim_en", "string", "English paraphrase of the claim (the fact sheet's).", required=True),
            Field("verdict", "string", "Primary verdict: the first verdict of the fact sheet's verdict cell "
                  "(two claims: the headline verdict of its section 0).", required=True, enum=VERDICTS),
            Field("verdict_note", "string", "The rest of the verdict cell: what the verdict applies to, and "
                  "other verdicts for other parts of the claim (may be empty)."),
            Field("fact_en", "string", "The correct fact, with the evidence (line breaks separate points).",
                  required=True),
            Field("sources", "string", "Sources for students, as the fact sheet gives them (empty if none; "
                  "the reference list items R1-R3 have none)."),
            Field("confidence", "string", "The fact sheet's confidence: high, medium or low, sometimes per "
                  "part of the claim (empty if not given)."),
        ),
        sources=(
            Source(
                title=(
                    "Course fact sheet: 'Fact sheet: Okmamatov Anvar, \"Globallashayotgan davrda xalqaro "
                    "munosabatlar\"', checked against sources available to early 2026 (sections 1-11); each "
                    "row names its own sources"
                ),
                path=f"shared/reference/{FACTSHEET}",
            ),
            Source(
                title=(
                    "Okmamatov, Anvar. 'Globallashayotgan davrda xalqaro munosabatlar' [International "
                    "relations in the era of globalization]. Student article, Bukhara State University, "
                    "Faculty of History and Law; no journal, year or pages given (written c. April 2023 - "
                    "March 2024). Quoted in short extracts for criticism and review"
                ),
                path="shared/reference/article.txt",
            ),
        ),
        licence=(
            "Course text, CC BY 4.0 (the fact sheet was written for the course); the Uzbek extracts are short "
            "quotations of the article for criticism and review, with full citation"
        ),
        short_source="Course fact sheet on Okmamatov's article (claims register)",
        primary_key=("claim_id",),
        caveats=(
            "Verdicts and facts are the fact sheet's, checked against sources available to early 2026; "
            "membership counts that can change (NATO, WHO, ASEAN) should be re-checked.",
            "Confidence 'low' or 'medium' marks facts the checker could not confirm in a primary source: "
            "see the fact sheet's list of what could not be verified.",
        ) + _OVERRIDE_NOTES,
    ),
]
