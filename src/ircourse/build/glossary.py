"""The course glossary: every term a chapter defines, in English, Uzbek and Russian.

The glossary is authored, not derived: one UTF-8 CSV per chapter in ``src/ircourse/build/glossary/``
(``ch00.csv`` ... ``ch08.csv``), with the columns ``term_en, term_uz, term_ru, definition_en, chapter``.
A term is listed once, in the chapter where the course first uses and defines it. The build checks
the files and joins them into the dataset ``glossary``:

* the columns are exactly the five above, and no cell is empty;
* ``chapter`` is the number in the file name (``ch03.csv`` holds chapter 3's terms);
* a term (``term_en``, compared without case) is defined in one chapter only;
* Uzbek is written in the official Latin alphabet: *oʻ* and *gʻ* with U+02BB (ʻ, "turned comma"), the
  tutuq belgisi with U+02BC (ʼ, "apostrophe"). ASCII ``'``, backquote and the typographic quotes
  U+2018/U+2019 are refused in ``term_uz``, since they are the usual wrong substitutes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from . import Field, Resource, Source

GLOSSARY_DIR = Path(__file__).with_name("glossary")
COLUMNS = ["term_en", "term_uz", "term_ru", "definition_en", "chapter"]
_FILE = re.compile(r"^ch(\d\d)\.csv$")
#: Characters that stand in, wrongly, for U+02BB or U+02BC in Uzbek Latin text.
WRONG_APOSTROPHES = "'`‘’"


def read_chapter_file(path: Path) -> pd.DataFrame:
    """Read and check one ``chNN.csv`` glossary file.

    Parameters
    ----------
    path : Path
        A file named ``chNN.csv``.

    Returns
    -------
    pandas.DataFrame
        The file's rows, columns :data:`COLUMNS`.

    Raises
    ------
    ValueError
        If the name, the columns, an empty cell, the chapter number or an Uzbek apostrophe is wrong; the
        message names the file and the row.
    """
    match = _FILE.match(path.name)
    if not match:
        raise ValueError(f"glossary file {path.name}: the name must be chNN.csv (ch00.csv ... ch08.csv)")
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    if list(df.columns) != COLUMNS:
        raise ValueError(f"glossary file {path.name}: columns {list(df.columns)}, expected {COLUMNS}")
    df = df.apply(lambda col: col.str.strip())
    for i, row in df.iterrows():
        where = f"glossary file {path.name}, row {i + 2} ({row['term_en'] or 'no term'})"
        empty = [c for c in COLUMNS if not row[c]]
        if empty:
            raise ValueError(f"{where}: empty {', '.join(empty)}")
        if row["chapter"] != str(int(match.group(1))):
            raise ValueError(f"{where}: chapter {row['chapter']} in the file of chapter {int(match.group(1))}")
        wrong = sorted({c for c in row["term_uz"] if c in WRONG_APOSTROPHES})
        if wrong:
            raise ValueError(
                f"{where}: term_uz {row['term_uz']!r} uses {wrong}; write oʻ/gʻ with U+02BB (ʻ) and the "
                "tutuq belgisi with U+02BC (ʼ)"
            )
    return df


def build_glossary(raw: Path, folder: Path = GLOSSARY_DIR) -> pd.DataFrame:
    """Join the chapter glossaries into one table, by chapter then in the authored order.

    Parameters
    ----------
    raw : Path
        The ``shared/data-sources`` folder (not used: the glossary is authored in the package).
    folder : Path
        The folder of ``chNN.csv`` files.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`.

    Raises
    ------
    ValueError
        If a file is wrong (see :func:`read_chapter_file`) or a term is defined in two chapters.
    """
    frames = [read_chapter_file(p) for p in sorted(folder.glob("*.csv"))]
    if not frames:
        raise ValueError(f"no glossary files in {folder}")
    df = pd.concat(frames, ignore_index=True)
    key = df["term_en"].str.casefold()
    twice = df[key.duplicated(keep=False)]
    if not twice.empty:
        listed = "; ".join(f"{r.term_en} (chapter {r.chapter})" for r in twice.itertuples())
        raise ValueError(f"glossary terms defined more than once: {listed}. Keep each in the chapter of first use.")
    df["chapter"] = df["chapter"].astype(int)
    return df.sort_values("chapter", kind="stable").reset_index(drop=True)


RESOURCES = [
    Resource(
        name="glossary",
        title="Course glossary: terms in English, Uzbek and Russian, with definitions",
        description=(
            "One row per term the course defines: the English term, its Uzbek (official Latin alphabet) "
            "and Russian equivalents, a short English definition, and the chapter (0-8) where it is first "
            "used and defined. Shown at the end of each chapter by ircourse.glossary.show(chapter)."
        ),
        build=build_glossary,
        fields=(
            Field("term_en", "string", "The term in English, as the chapter uses it.", required=True),
            Field("term_uz", "string", "Uzbek equivalent in the official Latin alphabet (oʻ, gʻ with U+02BB; "
                  "tutuq belgisi U+02BC).", required=True),
            Field("term_ru", "string", "Russian equivalent (the standard term of Russian-language textbooks).",
                  required=True),
            Field("definition_en", "string", "Short definition in plain English.", required=True),
            Field("chapter", "integer", "Chapter of first use and definition (0 = start here).", required=True),
        ),
        sources=(
            Source(
                title=(
                    "Course glossary written by the course authors (src/ircourse/build/glossary/chNN.csv); "
                    "definitions follow the works cited in each chapter"
                ),
                path="src/ircourse/build/glossary",
            ),
        ),
        licence="Course text, CC BY 4.0",
        short_source="Course glossary",
        primary_key=("term_en",),
        caveats=(
            "The Uzbek and Russian equivalents are the authors' renderings of standard usage; where a term has "
            "no settled Uzbek equivalent (e.g. 'polemomythology') the Uzbek column gives a transliteration. "
            "Corrections from Uzbek- and Russian-speaking teachers are welcome.",
        ),
    ),
]
