"""The year convention helpers and the string catalogue."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from ircourse import i18n
from ircourse.years import calendar_years, period_label, period_start, year_label, year_ticks, years_covered


def test_year_labels_across_the_eras():
    assert [year_label(y) for y in (-2600, -1, 0, 1, 476, 1648)] == [
        "2600 BCE", "1 BCE", "1 CE", "1 CE", "476 CE", "1648"]


def test_periods_have_no_year_zero_problem():
    assert period_start(np.array([-101, -100, -1, 1, 99, 100]), 100).tolist() == [-200, -100, -100, 0, 0, 100]
    assert period_label(-100, 100) == "100s BCE" and period_label(1800, 100) == "1800s"


def test_calendar_skips_year_zero():
    years = calendar_years(-3, 3)
    assert 0 not in years and len(years) == 6
    covered = years_covered([(-2, 1)], -3, 3)
    assert covered.tolist() == [False, True, True, True, False, False]


def test_ticks_are_round_and_labelled():
    values, labels = year_ticks(1816, 2016)
    assert all(v % 25 == 0 for v in values) and len(values) <= 10
    assert labels[0] == str(values[0])


def test_every_locale_file_is_valid_and_keys_are_unique():
    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        assert not twice, f"keys defined twice in one file: {twice}"
        return dict(pairs)

    # English is the developers' source, in JSON files; translations are PO files (tests/test_translation*.py)
    files = sorted((i18n.LOCALES / "en").glob("*.json"))
    per_file = [json.loads(f.read_text(encoding="utf-8"), object_pairs_hook=no_duplicates) for f in files]
    merged = i18n.catalogue("en")            # raises if a key is in two files
    assert len(merged) == sum(len(strings) for strings in per_file)
    for lang in i18n.languages():
        assert all(isinstance(v, str) for v in i18n.catalogue(lang).values())
    assert "source.prefix" in merged and "year.bce" in merged


def test_a_key_defined_in_two_files_is_a_clear_error(tmp_path, monkeypatch):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "a.json").write_text(json.dumps({"x": "one", "y": "why"}))
    (tmp_path / "en" / "b.json").write_text(json.dumps({"x": "two"}))
    monkeypatch.setattr(i18n, "LOCALES", tmp_path)
    i18n.catalogue.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"i18n keys defined twice \(b.json\): \['x'\]"):
            i18n.catalogue("en")
    finally:
        i18n.catalogue.cache_clear()


def test_missing_key_is_a_clear_error():
    with pytest.raises(KeyError, match="missing i18n key"):
        i18n.t("no.such.key")


def test_unknown_language_is_a_clear_error():
    with pytest.raises(ValueError, match="no catalogue for language 'xx'"):
        i18n.set_language("xx")


def test_figure_and_widget_code_holds_no_display_strings_outside_the_catalogue():
    """Every t("...") key used in the package exists in the English catalogue."""
    from pathlib import Path

    keys = set(i18n.catalogue("en"))
    package = Path(i18n.__file__).parent
    used = set()
    for path in package.rglob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_.]+[a-z0-9_])["']\s*[,)]""", path.read_text(encoding="utf-8")))
    assert used - keys == set()


def test_a_translation_overrides_and_falls_back(tmp_path, monkeypatch):
    """Translations live in locales/<lang>/strings.po (gettext); a missing key falls back to English."""
    import polib

    (tmp_path / "en").mkdir()
    (tmp_path / "uz").mkdir()
    (tmp_path / "en" / "a.json").write_text(json.dumps({"x": "hello {name}", "y": "only English"}))
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgctxt="x", msgid="hello {name}", msgstr="salom {name}"))
    po.save(str(tmp_path / "uz" / "strings.po"))
    monkeypatch.setattr(i18n, "LOCALES", tmp_path)
    monkeypatch.setattr(i18n, "homework_strings", dict)
    i18n.catalogue.cache_clear()
    i18n.translated_entries.cache_clear()
    try:
        assert i18n.t("x", lang="uz", name="Anvar") == "salom Anvar"
        assert i18n.t("y", lang="uz") == "only English"
    finally:
        i18n.catalogue.cache_clear()
        i18n.translated_entries.cache_clear()
