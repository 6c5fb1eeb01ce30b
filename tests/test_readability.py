"""Plain English for second-year students: the prose of every chapter averages under 18 words a sentence.

The measure is ``benchmarks/readability.py`` (its docstring states the rules); the tests below pin those
rules, then hold every chapter to the target.
"""

from __future__ import annotations

import importlib.util

import pytest

from .conftest import ROOT

_spec = importlib.util.spec_from_file_location("readability", ROOT / "benchmarks" / "readability.py")
readability = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(readability)

CHAPTERS = sorted((ROOT / "notebooks").glob("0[0-8]_*.ipynb"))
TARGET = 18.0


# --------------------------------------------------------------------------------------- the rules
def test_sentences_end_at_full_stops_but_not_after_abbreviations_initials_or_decimals():
    text = ("P. V. Vladimirov printed it in 1888, p. 156, e.g. in St Petersburg. It cost $1.34 trillion. "
            "Was it c. 1519? Yes!")
    assert readability.sentences(text) == [
        "P. V. Vladimirov printed it in 1888, p. 156, e.g. in St Petersburg.",
        "It cost $1.34 trillion.", "Was it c. 1519?", "Yes!"]


def test_code_tables_headings_and_citations_are_not_prose():
    text = ("## A heading of many many words here\n\nOne short sentence. Uses `irc.load(name)` here.\n\n"
            "| a | table row with many words in it |\n|---|---|\n\n```python\nx = 1. Not prose.\n```\n\n"
            "*Source: course fact sheet, item 3.1 (OED; Levitt 1983).*")
    assert readability.sentences(text) == ["One short sentence.", "Uses code here."]


def test_quotations_are_ignored_but_teacher_notes_count():
    text = ('> *"Ayrim tarixiy man\'balarning guvohlik berishicha, ..."*\n>\n> "According to some sources..."\n\n'
            "> **Teacher note.** Ask the class why. Then wait.\n\n"
            'The article says *"Xitoyning Osiyo va Afrikaning ayrim davlatlariga katta qarzlarni berish"* here.')
    found = readability.sentences(text)
    assert found == ["Teacher note.", "Ask the class why.", "Then wait.", "The article says quotation here."]
    assert readability.words(found[-1]) == 5


def test_every_list_item_ends_a_sentence():
    text = "Try this:\n\n* Set the years to 1800\n* Show only the battles\n1. Count them"
    assert readability.sentences(text) == ["Try this:", "Set the years to 1800", "Show only the battles",
                                           "Count them"]


def test_words_are_runs_with_a_letter_or_digit():
    assert readability.words("In 2016 it lent 1,306 loans — US$ 182.3 bn (49 states).") == 11


def test_measure_averages_over_markdown_cells_only(tmp_path):
    nb = tmp_path / "x.ipynb"
    nb.write_text('{"cells": [{"cell_type": "markdown", "source": ["One two three. Four five six seven."]},'
                  '{"cell_type": "code", "source": ["a = 1. b = 2. c = 3."]}]}', encoding="utf-8")
    m = readability.measure(nb)
    assert (m["sentences"], m["words"], m["average"]) == (2, 7, 3.5)


# ------------------------------------------------------------------------------------- the chapters
def test_every_chapter_is_measured():
    assert [p.name[:2] for p in CHAPTERS] == [f"{i:02d}" for i in range(9)]


@pytest.mark.parametrize("notebook", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_chapter_prose_averages_under_18_words_a_sentence(notebook):
    m = readability.measure(notebook)
    longest = sorted(m["all"], key=readability.words, reverse=True)[:3]
    assert m["average"] < TARGET, (
        f"{notebook.name}: {m['average']:.1f} words per sentence (target < {TARGET:g}); longest: "
        + " | ".join(f"[{readability.words(s)}] {s}" for s in longest))
