"""The PO pipeline: units, round trip, fuzzy marking, generated notebooks, links, language selection."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import polib
import pytest

from ircourse import i18n, translation
from ircourse.translation import Source, catalogs, rewrite_link, terms
from ircourse.translation.units import apply_translations, cell_units

from .conftest import ROOT

ENGLISH = sorted([*(ROOT / "notebooks").glob("*.ipynb"), *(ROOT / "exercises").glob("*.ipynb"),
                  *(ROOT / "exercises" / "solutions").glob("*.ipynb")])


# --------------------------------------------------------------------------------------------------
# Units
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ENGLISH, ids=[str(p.relative_to(ROOT)) for p in ENGLISH])
def test_identity_translation_reproduces_every_cell(path):
    """Putting every unit's English back gives the English cell, byte for byte (the round trip)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for index, cell in enumerate(nb["cells"]):
        units = cell_units(cell, path.stem, index)
        text, kept = apply_translations(cell, units, lambda u: (u.text, ""))
        assert kept == [] and text == "".join(cell["source"]), (cell.get("id"), kept)


MARKDOWN = """# A title

First paragraph, one sentence.
Second line of it.

* item one
* item **two**
  continued
  1. nested

> quoted words

| a | b |
|---|---|
| one | two |

```python
x = 1  # set x
```

---
"""

CODE = '''# Load the data
# and draw it
frame = irc.load("nato_members")
print("Members:", len(frame), f"{share:.0%} of all")
fig = px.line(frame, x="year", y="n", title='NATO members', labels={"n": "count"})
fig.add_annotation(text="peak", x=1, y=2)
frame.rename("members added")  # not displayed
'''


def _units(cell_type, source):
    return cell_units({"cell_type": cell_type, "id": "c1", "metadata": {}, "source": source}, "nb", 0)


def test_markdown_units_are_paragraphs_items_rows_without_their_marks():
    texts = [u.text for u in _units("markdown", MARKDOWN)]
    assert texts == ["A title", "First paragraph, one sentence.\nSecond line of it.", "item one",
                     "item **two**\ncontinued", "nested", "quoted words", "| a | b |", "| one | two |", "set x"]
    assert {u.context for u in _units("markdown", MARKDOWN)} == {"nb#c1"}


def test_code_units_are_comments_and_displayed_strings_only():
    units = _units("code", CODE)
    assert [(u.kind, u.text) for u in units] == [
        ("comment", "Load the data\nand draw it"), ("string", "Members:"), ("f-string", "{share:.0%} of all"),
        ("string", "NATO members"), ("string", "count"), ("string", "peak"), ("comment", "not displayed")]


def _apply(cell_type, source, table):
    cell = {"cell_type": cell_type, "id": "c1", "metadata": {}, "source": source}
    return apply_translations(cell, cell_units(cell, "nb", 0), lambda u: (table.get(u.text), "missing"))


def test_translations_go_back_in_place_with_their_marks():
    text, kept = _apply("markdown", MARKDOWN, {
        "A title": "Sarlavha", "item **two**\ncontinued": "ikkinchi **band**\ndavomi\nva yana",
        "quoted words": "iqtibos", "| one | two |": "| bir | ikki |", "set x": "x ni belgilash"})
    assert text.startswith("# Sarlavha\n")
    assert "* ikkinchi **band**\n  davomi\n  va yana\n  1. nested" in text
    assert "> iqtibos" in text and "| bir | ikki |\n" in text and "|---|---|" in text
    assert "x = 1  # x ni belgilash" in text
    assert [u.text for u, reason in kept] == ["First paragraph, one sentence.\nSecond line of it.", "item one",
                                              "nested", "| a | b |"]


def test_code_stays_identical_and_quotes_are_escaped():
    text, kept = _apply("code", CODE, {
        "Load the data\nand draw it": "Ma'lumotlarni yuklab,\nchizamiz", "Members:": "A'zolar:",
        "{share:.0%} of all": "hammasining {share:.0%}", "NATO members": "NATO a'zolari"})
    assert "# Ma'lumotlarni yuklab,\n# chizamiz\n" in text
    assert "print(\"A'zolar:\", len(frame), f\"hammasining {share:.0%}\")" in text
    assert "title='NATO a\\'zolari'" in text
    assert _strip(text) == _strip(CODE)
    assert [u.text for u, _ in kept] == ["count", "peak", "not displayed"]


def test_an_f_string_translation_that_changes_a_field_is_not_used():
    text, kept = _apply("code", CODE, {"{share:.0%} of all": "hammasining {share:.1%}"})
    assert "{share:.0%} of all" in text
    assert ("{share:.0%} of all", "invalid") in [(u.text, reason) for u, reason in kept]


def test_an_f_string_translation_may_reorder_its_fields():
    """Uzbek and Russian put the fields where their word order needs them; the code stays the same."""
    code = 'print(f"{n:,} wars in {years} years ({share:.0%})")\n'
    text, kept = _apply("code", code, {"{n:,} wars in {years} years ({share:.0%})":
                                       "{years} yil ichida {n:,} ta urush ({share:.0%})"})
    assert kept == []
    assert text == 'print(f"{years} yil ichida {n:,} ta urush ({share:.0%})")\n'
    assert _strip(text) == _strip(code)


@pytest.mark.parametrize("changed", [
    'print(f"{years} yil ichida {n} ta urush ({share:.0%})")',          # a format spec dropped
    'print(f"{years} yil ichida {n:,} ta urush")',                     # a field dropped
    'print(f"{years} yil, {years} ichida {n:,} ta urush ({share:.0%})")',  # a field twice
    'print(f"{years} yil ichida {n:,} ta urush ({share:.0%})", end="")',  # the code changed
])
def test_the_code_skeleton_still_catches_a_changed_field_or_code(changed):
    assert _strip(changed) != _strip('print(f"{n:,} wars in {years} years ({share:.0%})")')


def test_a_claims_box_note_and_plotly_labels_are_units():
    code = ('irc.claims.box("4.6", note=f"Trade rose to {share:.0f}% of GDP.")\n'
            'px.bar(df, x="gold", labels={"gold": "Billion gold marks", "part": ""}, title="Reparations")\n'
            'pd.cut(s, bins=[0, 1], labels=["low band"])\n'
            'describe(fig, data=table, summary="Reparations: 132 in all.")\n')
    assert [(u.kind, u.text) for u in _units("code", code)] == [
        ("f-string", "Trade rose to {share:.0f}% of GDP."), ("string", "Billion gold marks"),
        ("string", "Reparations"), ("string", "Reparations: 132 in all.")]


def _strip(code: str) -> str:
    """The code without comments and with every string emptied: what must not change across languages.

    Uses the gate's skeleton (string literals masked, an f-string's fields compared as a multiset).
    """
    from .test_translation_gate import _skeleton

    return _skeleton(code)


# --------------------------------------------------------------------------------------------------
# Updating PO files: fuzzy marking
# --------------------------------------------------------------------------------------------------


def _pot(*entries):
    return catalogs.template([(ctx, msgid, "") for ctx, msgid in entries], "test")


def _po(*entries):
    po = catalogs.new_file("uz", "test")
    for ctx, msgid, msgstr in entries:
        po.append(polib.POEntry(msgctxt=ctx, msgid=msgid, msgstr=msgstr))
    return po


def test_a_changed_paragraph_becomes_fuzzy_with_the_old_english_kept():
    old = _po(("nb#a", "NATO had 31 members when the article was written.", "Maqola yozilganda NATOda 31 aʼzo bor edi."),
              ("nb#a", "A second paragraph.", "Ikkinchi xatboshi."),
              ("nb#b", "Gone paragraph.", "Yoʻqolgan xatboshi."))
    merged = catalogs.merge(old, _pot(("nb#a", "NATO had 31 members when the article was probably written."),
                                      ("nb#a", "A second paragraph."), ("nb#c", "A new paragraph.")))
    live = catalogs.lookup(merged)
    changed = live[("nb#a", "NATO had 31 members when the article was probably written.")]
    assert changed.fuzzy and changed.msgstr == "Maqola yozilganda NATOda 31 aʼzo bor edi."
    assert changed.previous_msgid == "NATO had 31 members when the article was written."
    kept = live[("nb#a", "A second paragraph.")]
    assert not kept.fuzzy and kept.msgstr == "Ikkinchi xatboshi."
    assert live[("nb#c", "A new paragraph.")].msgstr == ""
    obsolete = [e for e in merged if e.obsolete]
    assert [(e.msgid, e.msgstr) for e in obsolete] == [("Gone paragraph.", "Yoʻqolgan xatboshi.")]
    assert '#| msgid "NATO had 31 members when the article was written."' in str(merged)
    assert "#~ msgid \"Gone paragraph.\"" in str(merged)


def test_a_rewritten_paragraph_is_not_matched_to_an_unrelated_one():
    old = _po(("nb#a", "The Warsaw Pact was dissolved in 1991.", "Varshava shartnomasi 1991-yilda tarqatildi."))
    merged = catalogs.merge(old, _pot(("nb#a", "Huntington's thesis predicts wars between civilizations.")))
    entry = catalogs.lookup(merged)[("nb#a", "Huntington's thesis predicts wars between civilizations.")]
    assert entry.msgstr == "" and not entry.fuzzy


def test_a_moved_unit_keeps_its_translation_and_a_fuzzy_one_stays_fuzzy():
    old = _po(("nb#a", "Same words.", "Oʻsha soʻzlar."), ("nb#a", "Changed once.", "Bir marta oʻzgargan."))
    old[1].flags.append("fuzzy")
    old[1].previous_msgid = "Changed once before."
    merged = catalogs.merge(old, _pot(("nb#z", "Same words."), ("nb#a", "Changed once.")))
    live = catalogs.lookup(merged)
    assert live[("nb#z", "Same words.")].msgstr == "Oʻsha soʻzlar." and not live[("nb#z", "Same words.")].fuzzy
    assert live[("nb#a", "Changed once.")].fuzzy
    assert live[("nb#a", "Changed once.")].previous_msgid == "Changed once before."


# --------------------------------------------------------------------------------------------------
# The whole pipeline on a small course in a temporary folder
# --------------------------------------------------------------------------------------------------


@pytest.fixture
def course(tmp_path, monkeypatch):
    """A checkout with one chapter and one homework notebook, and its own locales folder."""
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "exercises").mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("## Alliances\n\nNATO grew.\n\nSee [the data](../data/README.md), "
                                      "[homework](../exercises/06_x.ipynb) and [next](01_next.ipynb#top).",
                                      id="m1"),
        nbformat.v4.new_code_cell("# count the members\nprint('Members:', 32)", id="c1"),
    ]
    nbformat.write(nb, tmp_path / "notebooks" / "00_demo.ipynb")
    hw = nbformat.v4.new_notebook()
    hw.cells = [nbformat.v4.new_markdown_cell("**hw6_q1** How many members?", id="q1"),
                nbformat.v4.new_code_cell("answer = ...", id="a1", metadata={"tags": ["answer:hw6_q1"]})]
    nbformat.write(hw, tmp_path / "exercises" / "06_x.ipynb")
    locales = tmp_path / "locales"
    monkeypatch.setattr(translation, "LOCALES", locales)
    monkeypatch.setattr(translation, "TEMPLATES", locales / "templates")
    monkeypatch.setattr(translation, "STRINGS_POT", locales / "templates" / "strings.pot")
    monkeypatch.setattr(translation, "DATA_POT", locales / "templates" / "data.pot")
    return tmp_path


def _translate(path: Path, table: dict) -> None:
    po = catalogs.read(path)
    for entry in po:
        if entry.msgid in table:
            entry.msgstr = table[entry.msgid]
    catalogs.write(po, path)


def _body(nb) -> list:
    """The cells of a chapter without its generated language line (links to the other languages)."""
    return [c for c in nb.cells if "language-line" not in c.metadata.get("tags", [])]


def test_pipeline_update_build_change_and_status(course):
    chapter, homework = Source("notebooks", "00_demo"), Source("exercises", "06_x")
    translation.update(course, ["uz"], [chapter, homework])
    assert chapter.pot().is_file() and chapter.po("uz").is_file() and translation.strings_po("uz").is_file()
    assert [e.msgid for e in catalogs.read(chapter.pot())] == [
        "Alliances", "NATO grew.", "See [the data](../data/README.md), [homework](../exercises/06_x.ipynb) and "
        "[next](01_next.ipynb#top).", "count the members", "Members:"]
    _translate(chapter.po("uz"), {"Alliances": "Ittifoqlar", "NATO grew.": "NATO kengaydi.",
                                  "count the members": "aʼzolarni sanaymiz", "Members:": "Aʼzolar:",
                                  "See [the data](../data/README.md), [homework](../exercises/06_x.ipynb) and "
                                  "[next](01_next.ipynb#top).":
                                  "[Maʼlumotlar](../data/README.md), [uy vazifasi](../exercises/06_x.ipynb) va "
                                  "[keyingisi](01_next.ipynb#top)."})
    _translate(homework.po("uz"), {"**hw6_q1** How many members?": "**hw6_q1** Nechta aʼzo bor?"})
    done = translation.build(course, ["uz"], run=False)
    generated = nbformat.read(course / "notebooks" / "uz" / "00_demo.ipynb", as_version=4)
    english = nbformat.read(course / "notebooks" / "00_demo.ipynb", as_version=4)
    assert [c.id for c in generated.cells] == [c.id for c in english.cells]
    assert _body(generated)[0].source == ("## Ittifoqlar\n\nNATO kengaydi.\n\n[Maʼlumotlar](../../data/README.md), "
                                         "[uy vazifasi](../../exercises/uz/06_x.ipynb) va [keyingisi](../01_next.ipynb#top).")
    assert _body(generated)[1].source == "# aʼzolarni sanaymiz\nprint('Aʼzolar:', 32)"
    assert generated.metadata["ircourse"]["translation"]["language"] == "uz"
    assert all(english == [] for english in done.values())
    assert translation.stale(course, ["uz"]) == [  # built with run=False: fresh, but a chapter must be executed
        "notebooks/uz/00_demo.ipynb: not executed (run `ircourse translations build --lang uz`)"]
    status = translation.notebook_status(chapter, course, "uz")
    assert (status.count("translated"), status.count("fuzzy"), status.coverage) == (5, 0, 1.0)

    # English changes: the unit turns fuzzy after update, falls back to English, and everything says so
    _body(english)[0].source = _body(english)[0].source.replace("NATO grew.", "NATO grew from 12 members.")
    nbformat.write(english, course / "notebooks" / "00_demo.ipynb")
    assert translation.stale(course, ["uz"]) == ["notebooks/uz/00_demo.ipynb: stale (run `ircourse translations "
                                                 "build --lang uz`)"]
    assert translation.notebook_status(chapter, course, "uz").problems() == [
        "uz notebooks/00_demo [missing] 00_demo#m1: 'NATO grew from 12 members.'"]
    translation.update(course, ["uz"])
    entry = catalogs.lookup(catalogs.read(chapter.po("uz")))[("00_demo#m1", "NATO grew from 12 members.")]
    assert entry.fuzzy and entry.previous_msgid == "NATO grew." and entry.msgstr == "NATO kengaydi."
    assert translation.notebook_status(chapter, course, "uz").problems() == [
        "uz notebooks/00_demo [fuzzy] 00_demo#m1: 'NATO grew from 12 members.'"]
    done = translation.build(course, ["uz"], run=False)
    generated = nbformat.read(course / "notebooks" / "uz" / "00_demo.ipynb", as_version=4)
    assert "NATO grew from 12 members." in _body(generated)[0].source
    assert [(u.text, reason) for u, reason in done[course / "notebooks" / "uz" / "00_demo.ipynb"]] == [
        ("NATO grew from 12 members.", "fuzzy")]


def test_build_never_overwrites_a_students_answers(course):
    homework = Source("exercises", "06_x")
    translation.update(course, ["uz"], [homework])
    translation.build(course, ["uz"], run=False)
    target = course / "exercises" / "uz" / "06_x.ipynb"
    nb = nbformat.read(target, as_version=4)
    nb.cells[1].source = "answer = 16"
    nbformat.write(nb, target)
    with pytest.raises(translation.TranslationError, match="holds answers"):
        translation.build(course, ["uz"], run=False)
    assert "answer = 16" in target.read_text(encoding="utf-8")
    assert translation.stale(course, ["uz"]) == []  # an answered homework is not stale
    translation.build(course, ["uz"], run=False, force=True)
    assert "answer = 16" not in target.read_text(encoding="utf-8")


def test_build_without_a_po_file_is_a_clear_error(course):
    with pytest.raises(translation.TranslationError, match="has no translation into ru"):
        translation.translated_notebook(Source("notebooks", "00_demo"), course, "ru")


# --------------------------------------------------------------------------------------------------
# The command line: one language, one file, options in any order
# --------------------------------------------------------------------------------------------------


def _cli(course, *argv):
    from ircourse.translation import cli

    return cli.main(["--root", str(course), *argv])


def _snapshot(folder: Path) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_update_new_writes_only_that_notebooks_template_and_that_languages_po(course, capsys):
    chapter, homework = Source("notebooks", "00_demo"), Source("exercises", "06_x")
    translation.update(course, ["uz", "ru"], [chapter])
    for stale_file in (translation.STRINGS_POT, chapter.pot(), chapter.po("ru"), translation.strings_po("uz")):
        stale_file.write_text(stale_file.read_text(encoding="utf-8") + "# stale on purpose\n", encoding="utf-8")
    before = _snapshot(course / "locales")
    assert _cli(course, "update", "--new", "uz", "exercises/06_x.ipynb") == 0
    after = _snapshot(course / "locales")
    changed = {path for path in after if before.get(path) != after[path]}
    assert changed == {Path("templates/exercises/06_x.pot"), Path("uz/exercises/06_x.po")}
    assert not homework.po("ru").exists()
    assert capsys.readouterr().out.splitlines() == [
        f"wrote {homework.pot().relative_to(course)}", f"wrote {homework.po('uz').relative_to(course)}"]


def test_update_with_lang_touches_no_file_of_the_other_language(course):
    chapter = Source("notebooks", "00_demo")
    translation.update(course, ["uz", "ru"], [chapter])
    _translate(chapter.po("uz"), {"NATO grew.": "NATO kengaydi."})
    _translate(chapter.po("ru"), {"NATO grew.": "НАТО расширилось."})
    english = nbformat.read(course / "notebooks" / "00_demo.ipynb", as_version=4)
    _body(english)[0].source = _body(english)[0].source.replace("NATO grew.", "NATO grew fast.")
    nbformat.write(english, course / "notebooks" / "00_demo.ipynb")
    uz_before = _snapshot(course / "locales" / "uz")
    assert _cli(course, "update", "--lang", "ru") == 0
    assert _snapshot(course / "locales" / "uz") == uz_before
    assert catalogs.lookup(catalogs.read(chapter.po("ru")))[("00_demo#m1", "NATO grew fast.")].fuzzy
    assert _cli(course, "update", "notebooks/00_demo.ipynb", "--lang", "uz") == 0  # one file, one language
    assert catalogs.lookup(catalogs.read(chapter.po("uz")))[("00_demo#m1", "NATO grew fast.")].fuzzy


@pytest.mark.parametrize("argv", [
    ["build", "--lang", "ru", "notebooks/00_demo.ipynb", "--no-run"],
    ["build", "notebooks/00_demo.ipynb", "--no-run", "--lang", "ru"],
    ["build", "--no-run", "--lang=ru", "notebooks/00_demo.ipynb"],
])
def test_build_takes_options_and_notebooks_in_any_order(course, argv):
    chapter = Source("notebooks", "00_demo")
    translation.update(course, ["uz", "ru"], [chapter, Source("exercises", "06_x")])
    assert _cli(course, *argv) == 0
    assert [p.relative_to(course) for p in sorted(course.rglob("*.ipynb")) if p.parent.name in ("uz", "ru")] == [
        Path("notebooks/ru/00_demo.ipynb")]


@pytest.mark.parametrize("argv, message", [
    (["status", "--lang", "uz", "ru"], "'ru' is a language, not a file"),
    (["build", "--lang", "en"], "English is the source"),
    (["check", "--lang", "fr"], "'fr' is not a translated language"),
    (["status", "--bogus"], "unrecognized arguments: --bogus"),
])
def test_a_wrong_command_line_is_a_clear_usage_error(course, capsys, argv, message):
    with pytest.raises(SystemExit) as stop:
        _cli(course, *argv)
    assert stop.value.code == 2 and message in capsys.readouterr().err


def test_lang_accepts_a_comma_list_and_repeats():
    from ircourse.translation import cli

    assert cli.parse(["status", "--lang", "ru,uz"]).lang == ["ru", "uz"]
    assert cli.parse(["check", "--lang", "uz", "--lang", "ru", "--lang", "uz"]).lang == ["uz", "ru"]
    assert cli.parse(["check"]).lang is None


@pytest.mark.parametrize("target, expected", [
    ("../data/README.md", "../../data/README.md"),
    ("01_next.ipynb", "../01_next.ipynb"),
    ("00_start_here.ipynb#map", "00_start_here.ipynb#map"),
    ("../exercises/06_x.ipynb", "../../exercises/06_x.ipynb"),
    ("https://example.org/a.ipynb", "https://example.org/a.ipynb"),
    ("#section", "#section"),
    ("<../data/README.md>", "<../../data/README.md>"),
])
def test_relative_links_still_work_from_the_language_folder(target, expected):
    translated = {Source("notebooks", "00_start_here")}
    assert rewrite_link(target, Source("notebooks", "00_start_here"), "uz", translated) == expected


def test_language_versions_for_a_switcher():
    versions = translation.language_versions("notebooks/uz/00_start_here.ipynb", ROOT)
    assert versions == {"en": ROOT / "notebooks" / "00_start_here.ipynb",
                        "uz": ROOT / "notebooks" / "uz" / "00_start_here.ipynb",
                        "ru": ROOT / "notebooks" / "ru" / "00_start_here.ipynb"}
    assert translation.language_versions(ROOT / "notebooks" / "08_synthesis.ipynb", ROOT) == {
        lang: ROOT / "notebooks" / sub / "08_synthesis.ipynb" for lang, sub in (("en", ""), ("uz", "uz"), ("ru", "ru"))}


# --------------------------------------------------------------------------------------------------
# Language selection and the string catalogue
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("env, folder, expected", [
    ({}, "notebooks", "en"), ({}, "uz", "uz"), ({}, "ru", "ru"), ({"IRCOURSE_LANG": "ru"}, "uz", "ru"),
    ({"IRCOURSE_LANG": "en"}, "uz", "en"), ({}, "en", "en"),
])
def test_language_convention(env, folder, expected, tmp_path):
    assert i18n.detect_language(env, tmp_path / folder) == expected


def test_an_unknown_language_variable_warns_and_gives_english(tmp_path):
    with pytest.warns(UserWarning, match="not a course language"):
        assert i18n.detect_language({"IRCOURSE_LANG": "fr"}, tmp_path / "uz") == "en"


def test_a_kernel_in_an_uz_folder_gets_uzbek_check_messages(tmp_path):
    """Identical code, different folder: the convention in a real Python process."""
    code = "import ircourse as irc; irc.check('hw6_q1', 31); irc.check('no_such_id', 1)"
    env = {k: v for k, v in os.environ.items() if k != "IRCOURSE_LANG"}
    lines = {}
    for lang in ("uz", "ru", "en"):
        (tmp_path / lang).mkdir()
        result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path / lang, env=env, capture_output=True,
                                text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        lines[lang] = result.stdout.splitlines()
    assert lines["en"][1].startswith("❌ no_such_id: unknown question id")
    assert lines["uz"][1].startswith("❌ no_such_id: bunday savol identifikatori yoʻq")
    assert lines["ru"][1].startswith("❌ no_such_id: неизвестный идентификатор вопроса")
    assert lines["uz"][0].startswith("❌ hw6_q1: hali emas - ") and lines["ru"][0].startswith("❌ hw6_q1: пока нет - ")


def test_the_catalogue_uses_only_valid_current_translations(tmp_path, monkeypatch):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "a.json").write_text(json.dumps({
        "x": "hello {name}", "y": "only English", "f": "fuzzy one", "p": "{n} members", "s": "new English"}))
    po = catalogs.new_file("uz", "test")
    po.append(polib.POEntry(msgctxt="x", msgid="hello {name}", msgstr="salom {name}"))
    po.append(polib.POEntry(msgctxt="f", msgid="fuzzy one", msgstr="noaniq", flags=["fuzzy"]))
    po.append(polib.POEntry(msgctxt="p", msgid="{n} members", msgstr="{son} aʼzo"))
    po.append(polib.POEntry(msgctxt="s", msgid="old English", msgstr="eski"))
    (tmp_path / "uz").mkdir()
    catalogs.write(po, tmp_path / "uz" / "strings.po")
    monkeypatch.setattr(i18n, "LOCALES", tmp_path)
    monkeypatch.setattr(i18n, "homework_strings", dict)
    for cached in (i18n.catalogue, i18n.translated_entries):
        cached.cache_clear()
    try:
        assert i18n.languages() == ["en", "uz"]
        assert i18n.t("x", lang="uz", name="Anvar") == "salom Anvar"
        assert i18n.t("y", lang="uz") == "only English"
        assert i18n.t("f", lang="uz") == "fuzzy one"
        assert i18n.t("p", lang="uz", n=3) == "3 members"
        assert i18n.t("s", lang="uz") == "new English"
    finally:
        for cached in (i18n.catalogue, i18n.translated_entries):
            cached.cache_clear()


def test_placeholders_include_plotly_fields():
    assert i18n.placeholders("%{x|%d %b %Y}<br>{n} members") == ["%{x|%d %b %Y}", "{n}"]
    assert i18n.placeholders("{a} and {a:.0f}") == ["{a}", "{a}"]


# --------------------------------------------------------------------------------------------------
# Terminology
# --------------------------------------------------------------------------------------------------

DEMO_TERMS = [
    terms.Term("international relations", "xalqaro munosabatlar", "международные отношения"),
    terms.Term("globalization", "globallashuv", "глобализация"),
    terms.Term("dataset", "maʼlumotlar toʻplami", "набор данных"),
    terms.Term("homework", "uy vazifasi", "домашнее задание"),
    terms.Term("licence", "litsenziya", "лицензия"),
]


@pytest.mark.parametrize("text, term, lang, expected", [
    ("Xalqaro munosabatlarning tarixi", "xalqaro munosabatlar", "uz", True),
    ("в истории международных отношений", "международные отношения", "ru", True),
    ("Harbiy ittifoqi", "ittifoq", "uz", True),
    ("ittifog'i", "ittifoq", "uz", True),
    ("внешняя политика", "международные отношения", "ru", False),
    ("Datasets of the course", "dataset", "en", True),
    ("data set", "dataset", "en", False),
    ("войны и мир", "война|войны", "ru", True),
])
def test_term_matching_allows_inflection(text, term, lang, expected):
    assert terms.mentions(text, term, lang) is expected


@pytest.mark.parametrize("lang", translation.TARGET_LANGUAGES)
def test_the_demo_chapter_renders_the_demo_terms_consistently(lang):
    """Exercised on 00_start_here now; the real glossary is checked by test_translation_gate.py."""
    units = translation.translated_units(ROOT, lang)
    assert any(u[0].startswith("00_start_here#") for u in units)
    assert terms.problems(DEMO_TERMS, lang, units) == []


def test_a_term_rendered_otherwise_is_reported():
    units = [("nb#a", "International relations began with letters.", "Xorijiy aloqalar maktublardan boshlangan.")]
    assert terms.problems(DEMO_TERMS, "uz", units) == [
        "uz nb#a: uses 'international relations' but not 'xalqaro munosabatlar': "
        "'Xorijiy aloqalar maktublardan boshlangan.'"]


GLOSSARY_LIKE = [
    terms.Term("alliance", "ittifoq", "союз (альянс)"),
    terms.Term("notebook", "Jupyter daftari (notebook)", "блокнот Jupyter (ноутбук)"),
    terms.Term("Cold War", "Sovuq urush", "холодная война"),
    terms.Term("verdict", "xulosa (hukm)", "вердикт (заключение)"),
    terms.Term("actor", "xalqaro munosabatlar ishtirokchisi (aktor)", "актор (участник) международных отношений"),
    terms.Term("baseline", "taqqoslash asosi (bazaviy daraja)", "базовый уровень (точка отсчёта)"),
    terms.Term("League of Nations", "Millatlar Ligasi", "Лига Наций"),
    terms.Term("civilization", "sivilizatsiya", "цивилизация"),
]


def _reported(lang, english, translation, comment=""):
    return terms.problems(GLOSSARY_LIKE, lang, [("nb#a", english, translation, comment)])


@pytest.mark.parametrize("rendering, term_en, expected", [
    ("блокнот Jupyter (ноутбук)", "notebook", ["блокнот Jupyter", "ноутбук"]),
    ("Jupyter daftari (notebook)", "notebook", ["Jupyter daftari"]),
    ("присоединение к сильному (bandwagoning)", "bandwagoning", ["присоединение к сильному"]),
    ("yalpi ichki mahsulot (YaIM)", "GDP", ["yalpi ichki mahsulot", "YaIM"]),
    ("актор (участник) международных отношений", "actor",
     ["актор международных отношений", "участник международных отношений"]),
    ("война|войны", "war", ["война", "войны"]),
])
def test_renderings_make_the_bracketed_gloss_optional(rendering, term_en, expected):
    assert terms.renderings(rendering, term_en) == expected


@pytest.mark.parametrize("lang, english, translation", [
    ("ru", "Open the notebook.", "Откройте блокнот Jupyter."),             # without the gloss
    ("ru", "Save the notebook.", "Сохраните ноутбук."),                    # the gloss as the alternative
    ("ru", "After the Cold War.", "После холодной войны."),                # inflected short words
    ("ru", "Two alliances.", "Два союза."),
    ("ru", "There is an objection to this baseline.", "У этого базового уровня есть слабое место."),  # уровень/уровня
    ("uz", "Two alliances.", "Ikki ittifoqlar."),
    ("uz", "The verdict.", "Hukm."),
    ("uz", "After the Cold War.", "Sovuq urushdan keyin."),
    ("ru", "The column `verdict` holds the result.", "Столбец `verdict` содержит результат."),  # code
    ("ru", "Huntington, *The Clash of Civilizations?* (1996).", "Хантингтон, *The Clash of Civilizations?* (1996)."),
    ("ru", "*Sources: Covenant of the League of Nations, preamble.*",
     "*Источники: Covenant of the League of Nations, преамбула.*"),
    ("uz", "Use Run ▸ Run All Cells.", "Run ▸ Run All Cells buyrugʻini tanlang."),  # a menu kept verbatim
    ("ru", "{alliance} members", "члены {alliance}"),                      # an f-string field
])
def test_sound_renderings_are_not_reported(lang, english, translation):
    assert _reported(lang, english, translation) == []


@pytest.mark.parametrize("lang, english, translation, term", [
    ("ru", "NATO is an alliance.", "НАТО — военный блок.", "alliance"),          # another word
    ("ru", "The Warsaw Pact was an alliance.", "Варшавский договор был alliance.", "alliance"),  # left in English
    ("uz", "Open the notebook.", "notebook ni oching.", "notebook"),             # only the English gloss
    ("ru", "The verdict is in the column.", "Результат — в столбце.", "verdict"),
    ("ru", "The League of Nations failed.", "The League of Nations потерпела неудачу.", "League of Nations"),
    ("ru", "Huntington's civilizations.", "Цивилизованные страны Хантингтона.", "civilization"),
])
def test_a_different_word_is_still_reported(lang, english, translation, term):
    assert [line.split(":")[1].strip() for line in _reported(lang, english, translation)] == [
        f"uses {term!r} but not {getattr(next(t for t in GLOSSARY_LIKE if t.en == term), lang)!r}"]


def test_a_translator_can_exempt_one_unit_from_one_term():
    english, russian = "Western writers called this claim of the alliance a doctrine.", "Западные авторы назвали это блок."
    assert len(_reported("ru", english, russian)) == 1
    assert _reported("ru", english, russian, "Here a bloc in the Soviet sense.\nglossary-ignore: alliance") == []
    assert len(_reported("ru", english, russian, "glossary-ignore: Cold War")) == 1  # only the named term


# --------------------------------------------------------------------------------------------------
# Implicit concatenation: one displayed text written over several literals
# --------------------------------------------------------------------------------------------------

GROUP = ('irc.claims.box("5.1", note=f"Brecke starts {per_year:.1f} conflicts a year. At even 3 a year, "\n'
         '                          "5,500 years exceed 15,000 {so} the order is not absurd.")\n')


def test_a_concatenated_note_is_one_unit_with_its_parts_joined():
    assert [(u.kind, u.text) for u in _units("code", GROUP)] == [
        ("f-string", "Brecke starts {per_year:.1f} conflicts a year. At even 3 a year, "
                     "5,500 years exceed 15,000 {{so}} the order is not absurd.")]


def test_a_concatenation_translated_keeps_its_layout_and_code():
    english = _units("code", GROUP)[0].text
    russian = ("Каталог Брекке начинается с {per_year:.1f} конфликта в год. Даже при 3 в год за 5500 лет "
               "набирается больше 15 000 {{so}}, так что порядок величины не абсурден.")
    text, kept = _apply("code", GROUP, {english: russian})
    assert kept == []
    lines = text.splitlines()
    assert lines[0].startswith('irc.claims.box("5.1", note=f"Каталог Брекке начинается с {per_year:.1f}')
    assert all(line.startswith(" " * 26 + '"') or line.startswith(" " * 26 + 'f"') for line in lines[1:])
    assert "{so}" in text and "{{so}}" not in text  # a part without a field is a plain literal
    assert _strip(text) == _strip(GROUP)
    namespace = {"per_year": 6.2}
    shown = eval("(" + text.split("note=", 1)[1].rsplit(")", 1)[0] + ")", {}, namespace)  # noqa: S307
    assert shown == russian.replace("{per_year:.1f}", "6.2").replace("{{so}}", "{so}")


def test_a_comment_between_concatenated_parts_is_not_a_string_unit():
    code = 'print("first part "  # why\n      "second part")\n'
    assert [(u.kind, u.text) for u in _units("code", code)] == [("comment", "why")]
