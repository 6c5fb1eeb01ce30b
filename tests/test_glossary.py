"""The glossary: authored per chapter, checked by the build, shown at the end of each chapter."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from ircourse.claims import escape

import ircourse as irc
from ircourse.build.glossary import COLUMNS, build_glossary
from ircourse.glossary import TermNotFound, lookup, show, terms

from .conftest import ROOT

NOTEBOOKS = {int(p.name[:2]): p for p in (ROOT / "notebooks").glob("0[0-8]_*.ipynb")}
HEADER = ",".join(COLUMNS) + "\n"


@pytest.fixture(scope="module")
def glossary() -> pd.DataFrame:
    return irc.load("glossary")


def _write(folder, name, rows):
    (folder / name).write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")


# ---------------------------------------------------------------------------------------- the build
def test_build_joins_the_chapter_files_in_chapter_order(tmp_path):
    _write(tmp_path, "ch02.csv", ["calque,kalka,калька,A word translated part by part.,2"])
    _write(tmp_path, "ch01.csv", ["realism,siyosiy realizm,политический реализм,A school of IR.,1",
                                  "alliance,ittifoq,союз,A pact of states.,1"])
    df = build_glossary(tmp_path, folder=tmp_path)
    assert df["term_en"].tolist() == ["realism", "alliance", "calque"]
    assert df["chapter"].tolist() == [1, 1, 2]


@pytest.mark.parametrize("term_uz", ["o'zaro bog'liqlik", "oʼzaro", "o‘zaro", "o’zaro", "o`zaro"])
def test_build_refuses_a_wrong_uzbek_apostrophe(tmp_path, term_uz):
    _write(tmp_path, "ch08.csv", [f"interdependence,{term_uz},взаимозависимость,Mutual dependence.,8"])
    if "ʼ" in term_uz:   # U+02BC is right for the tutuq belgisi, so this spelling passes the check
        assert build_glossary(tmp_path, folder=tmp_path)["term_uz"].item() == term_uz
        return
    with pytest.raises(ValueError, match="U\\+02BB"):
        build_glossary(tmp_path, folder=tmp_path)


def test_build_refuses_a_term_in_two_chapters(tmp_path):
    _write(tmp_path, "ch01.csv", ["Hegemony,gegemonlik,гегемония,Dominance.,1"])
    _write(tmp_path, "ch06.csv", ["hegemony,gegemonlik,гегемония,Dominance.,6"])
    with pytest.raises(ValueError, match="defined more than once: Hegemony \\(chapter 1\\); hegemony \\(chapter 6\\)"):
        build_glossary(tmp_path, folder=tmp_path)


@pytest.mark.parametrize("name,row,message", [
    ("ch03.csv", "dyad,diada,диада,A pair.,4", "chapter 4 in the file of chapter 3"),
    ("ch03.csv", "dyad,,диада,A pair.,3", "empty term_uz"),
    ("chapter3.csv", "dyad,diada,диада,A pair.,3", "the name must be chNN.csv"),
])
def test_build_names_the_file_and_row_of_a_mistake(tmp_path, name, row, message):
    _write(tmp_path, name, [row])
    with pytest.raises(ValueError, match=re.escape(message)):
        build_glossary(tmp_path, folder=tmp_path)


def test_build_refuses_wrong_columns(tmp_path):
    (tmp_path / "ch01.csv").write_text("term,uz,ru,definition,chapter\nx,x,x,x,1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="columns"):
        build_glossary(tmp_path, folder=tmp_path)


# ----------------------------------------------------------------------------------------- the data
def test_uzbek_uses_the_official_apostrophes(glossary):
    assert not glossary["term_uz"].str.contains("['`‘’]").any()
    assert glossary["term_uz"].str.contains("ʻ").any()      # oʻ, gʻ are in use (U+02BB)


def test_my_chapters_have_terms(glossary):
    assert set(glossary["chapter"]) >= {0, 1, 2, 3, 8}
    assert glossary["term_en"].str.casefold().is_unique


@pytest.mark.parametrize("chapter", range(9))
def test_every_term_appears_in_its_chapter_and_the_chapter_shows_its_glossary(glossary, chapter):
    own = glossary[glossary["chapter"] == chapter]
    assert not own.empty, f"no glossary terms for chapter {chapter}: add src/ircourse/build/glossary/ch{chapter:02d}.csv"
    nb = json.loads(NOTEBOOKS[chapter].read_text(encoding="utf-8"))
    prose = " ".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    prose = re.sub(r"[*_`]", "", prose).casefold()
    # "official development assistance (ODA)" is found as "official development assistance"
    missing = [term for term in own["term_en"] if re.sub(r"\s*\(.*\)$", "", term).casefold() not in prose]
    assert not missing, f"{NOTEBOOKS[chapter].name} never uses: {missing}"
    code = " ".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert f"irc.glossary.show({chapter})" in code


# ------------------------------------------------------------------------------------------ display
def test_show_a_chapter_lists_its_terms_only(glossary):
    shown = show(0)
    assert shown.data["term"].tolist() == glossary.loc[glossary["chapter"] == 0, "term_en"].tolist()
    assert list(shown.data.columns) == ["term", "oʻzbekcha", "по-русски", "meaning"]
    assert len(show().data) == len(glossary) and "chapter" in show().data.columns


def test_show_html_escapes_dollars():
    assert "$" not in show().to_html()


def test_show_html_sets_the_term_column_in_bold_without_per_cell_styles(glossary):
    import re
    html = show().to_html()
    bold = re.search(r"td\.c0 \{([^}]*)\}", html).group(1)
    assert "font-weight: bold" in bold
    first_cells = re.findall(r'<td class="d r\d+ c0" >([^<]*)</td>', html)
    assert first_cells == [escape(v) for v in glossary["term_en"]]
    assert html.count("font-weight") == 1 and ' id="T_glossary_all_row' not in html


@pytest.mark.parametrize("bad", [-1, 9, "3", True])
def test_show_rejects_a_bad_chapter(bad):
    with pytest.raises(ValueError, match="chapter must be a whole number from 0 to 8"):
        terms(bad)


def test_lookup_ignores_case_and_suggests_a_close_term():
    assert lookup("dataframe")["term_ru"].startswith("датафрейм")
    with pytest.raises(TermNotFound, match="Did you mean 'dataset'"):
        lookup("datasett")
