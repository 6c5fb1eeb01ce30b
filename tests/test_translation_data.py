"""Data translated in PO files: the claims register, the glossary's definitions, the datasets' titles.

Each test works on a copy of the locales folder (and, where the English must change, of the claims and
glossary datasets), so the repository's PO files are never touched. Expected texts come from the CSV
files read with pandas and from the translations the test writes itself.
"""

from __future__ import annotations

import json
import shutil
from html import escape

import pandas as pd
import polib
import pytest

from ircourse import i18n, translation
from ircourse.claims import box_html, table
from ircourse.data import datasets
from ircourse.glossary import show
from ircourse.translation import DATA, catalogs

from .conftest import ROOT

CLAIMS = pd.read_csv(ROOT / "data" / "claims.csv", dtype=str, keep_default_na=False)
GLOSSARY = pd.read_csv(ROOT / "data" / "glossary.csv", dtype=str, keep_default_na=False)
PACKAGE = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
ROW = CLAIMS.set_index("claim_id").loc["9.9"]

UZ_FACT = ("Manba: Varshava shartnomasi matni, 1955-yil 14-may.\n"
           "Polsha shartnomani imzolagan sakkiz davlatdan biri edi; maqoladagi roʻyxatda u yoʻq.")
RU_FACT = ("Источник: текст Варшавского договора, 14 мая 1955 года.\n"
           "Польша была одной из восьми подписавших договор стран; в списке статьи её нет.")
UZ_CLAIM = "Maqolada Varshava shartnomasi aʼzolari sanab oʻtilgan, lekin Polsha tushib qolgan."
RU_CLAIM = "В статье перечислены участники Варшавского договора, но Польша пропущена."
RU_DEFINITION = "Пара государств; в данных о войнах — два государства, воевавшие на противоположных сторонах."
RU_TITLE = "Реестр утверждений статьи"


def _clear_caches():
    for cached in (i18n.catalogue, i18n.translated_entries, i18n.data_catalogue):
        cached.cache_clear()


@pytest.fixture
def locales(tmp_path, monkeypatch):
    """A copy of the package's locales folder that both the machinery and the kernel side read."""
    folder = tmp_path / "locales"
    shutil.copytree(i18n.LOCALES, folder)
    for lang in translation.TARGET_LANGUAGES:
        (folder / lang / i18n.DATA_PO).unlink(missing_ok=True)
    (folder / "templates" / "data.pot").unlink(missing_ok=True)
    monkeypatch.setattr(i18n, "LOCALES", folder)
    monkeypatch.setattr(translation, "LOCALES", folder)
    monkeypatch.setattr(translation, "TEMPLATES", folder / "templates")
    monkeypatch.setattr(translation, "STRINGS_POT", folder / "templates" / "strings.pot")
    monkeypatch.setattr(translation, "DATA_POT", folder / "templates" / "data.pot")
    _clear_caches()
    yield folder
    i18n.set_language("en")
    _clear_caches()


def _fill(lang: str, table_: dict) -> None:
    path = translation.data_po(lang)
    po = catalogs.read(path)
    for entry in po:
        if entry.msgctxt in table_:
            entry.msgstr = table_[entry.msgctxt]
    catalogs.write(po, path)
    _clear_caches()


def _expected_contexts() -> list[str]:
    """The data fields, from the CSV files and datapackage.json (independently of i18n.data_source_strings)."""
    found = [f"claims:{row.claim_id}:{column}" for row in CLAIMS.itertuples()
             for column in ("claim_en", "verdict_note", "fact_en", "confidence") if getattr(row, column).strip()]
    found += [f"glossary:{term}:definition" for term in GLOSSARY["term_en"]]
    found += [f"datasets:{r['name']}:{f}" for r in PACKAGE["resources"] for f in ("title", "description")
              if r.get(f)]
    return found


def test_update_new_data_writes_the_template_and_only_that_languages_po(locales):
    written = translation.update(ROOT, ["ru"], new=[DATA], only=[])
    assert written == [translation.DATA_POT, translation.data_po("ru")]
    assert not translation.data_po("uz").exists()
    pot = catalogs.read(translation.DATA_POT)
    assert [e.msgctxt for e in pot] == _expected_contexts()
    assert pot.find("claims:9.9:fact_en", by="msgctxt").msgid == ROW["fact_en"]
    assert "quote_uz" not in " ".join(e.msgctxt for e in pot) and ":sources" not in " ".join(e.msgctxt for e in pot)
    status = translation.data_status("ru")
    assert status.has_po and status.count("missing") == len(_expected_contexts()) and status.coverage == 0


def test_a_box_in_uzbek_and_in_russian_shows_the_translated_fact(locales):
    english_box = box_html("9.9")
    translation.update(ROOT, ["uz", "ru"], new=[DATA], only=[])
    _fill("uz", {"claims:9.9:fact_en": UZ_FACT, "claims:9.9:claim_en": UZ_CLAIM})
    _fill("ru", {"claims:9.9:fact_en": RU_FACT, "claims:9.9:claim_en": RU_CLAIM})
    boxes = {}
    for lang in ("uz", "ru"):
        i18n.set_language(lang)
        boxes[lang] = box_html("9.9")
    i18n.set_language("en")
    assert box_html("9.9") == english_box  # English is the source: no PO file changes it

    uz, ru = boxes["uz"], boxes["ru"]
    assert "<li><strong>Manba:</strong> Varshava shartnomasi matni, 1955-yil 14-may.</li>" in uz
    assert "<li><strong>Источник:</strong> текст Варшавского договора, 14 мая 1955 года.</li>" in ru
    assert UZ_CLAIM in uz and RU_CLAIM in ru
    for box in (uz, ru):
        assert escape(ROW["fact_en"].split("\n")[0][:40]) not in box and escape(ROW["claim_en"]) not in box
        assert escape(ROW["quote_uz"]) in box  # the article's own words, never translated
    # the label of a translated claim no longer says "In English"
    assert f"<strong>{i18n.t('claims.box.claim', lang='en')}:</strong>" not in uz
    assert f"<strong>{i18n.t('claims.box.claim_translated', lang='ru')}:</strong>" in ru
    # the verdict note has no translation: English, marked as such
    assert f'<span lang="en">{escape(ROW["verdict_note"])}</span>' in ru
    assert '<ul lang="en"' not in ru and '<ul lang="en"' in box_html_in("ru", "9.7")


def box_html_in(lang: str, claim_id: str) -> str:
    i18n.set_language(lang)
    try:
        return box_html(claim_id)
    finally:
        i18n.set_language("en")


def test_every_field_falls_back_to_english_on_its_own(locales):
    translation.update(ROOT, ["ru"], new=[DATA], only=[])
    _fill("ru", {"claims:9.9:fact_en": RU_FACT})
    box = box_html_in("ru", "9.9")
    assert "Источник:" in box and escape(ROW["claim_en"]) in box  # fact translated, claim in English
    assert f"<strong>{i18n.t('claims.box.claim', lang='ru')}:</strong>" in box
    other = CLAIMS.set_index("claim_id").loc["9.7"]
    assert escape(other["fact_en"].split("\n")[0].split(":", 1)[-1].strip()[:30]) in box_html_in("ru", "9.7")
    assert i18n.data_text("claims:9.9:fact_en", ROW["fact_en"], lang="uz") == ROW["fact_en"]  # no uz PO


def test_the_register_table_glossary_and_datasets_follow_the_session_language(locales):
    translation.update(ROOT, ["ru"], new=[DATA], only=[])
    _fill("ru", {"claims:9.9:claim_en": RU_CLAIM, "glossary:dyad:definition": RU_DEFINITION,
                 "datasets:claims:title": RU_TITLE})
    i18n.set_language("ru")
    try:
        shown = table(chapter=6).data
        glossary = show(7).data
        catalogue = datasets()
    finally:
        i18n.set_language("en")
    by_id = dict(zip(shown.iloc[:, 0], shown.iloc[:, 2]))  # columns: id, chapter, claim, verdict, note
    chapter6 = CLAIMS[CLAIMS["chapter"] == "6"].set_index("claim_id")
    assert by_id["9.9"] == RU_CLAIM
    assert all(by_id[i] == chapter6.loc[i, "claim_en"] for i in chapter6.index if i != "9.9")
    definitions = dict(zip(glossary.iloc[:, 0], glossary.iloc[:, 3]))
    assert definitions["dyad"] == RU_DEFINITION
    assert definitions["coding"] == GLOSSARY.set_index("term_en").loc["coding", "definition_en"]
    titles = dict(zip(catalogue["name"], catalogue["title"]))
    assert titles["claims"] == RU_TITLE
    assert titles["glossary"] == next(r["title"] for r in PACKAGE["resources"] if r["name"] == "glossary")
    assert datasets().set_index("name").loc["claims", "title"] != RU_TITLE  # English again


def test_a_changed_english_fact_turns_fuzzy_and_shows_english_until_revised(locales, tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    for name in ("datapackage.json", "claims.csv", "glossary.csv"):
        shutil.copy(ROOT / "data" / name, data / name)
    monkeypatch.setenv("IRCOURSE_DATA", str(data))
    translation.update(ROOT, ["uz"], new=[DATA], only=[])
    _fill("uz", {"claims:9.9:fact_en": UZ_FACT})
    assert "Varshava shartnomasi matni" in box_html_in("uz", "9.9")

    changed = CLAIMS.copy()
    new_fact = ROW["fact_en"] + "\nNote: Albania left the Pact in 1968."
    changed.loc[changed["claim_id"] == "9.9", "fact_en"] = new_fact
    changed.to_csv(data / "claims.csv", index=False)
    box = box_html_in("uz", "9.9")
    assert "Varshava shartnomasi matni" not in box and "Albania left the Pact in 1968." in box  # old one unused

    written = translation.update(ROOT, ["uz"], only=[DATA])
    assert written == [translation.DATA_POT, translation.data_po("uz")]
    entry = catalogs.lookup(catalogs.read(translation.data_po("uz")))[("claims:9.9:fact_en", new_fact)]
    assert entry.fuzzy and entry.msgstr == UZ_FACT and entry.previous_msgid == ROW["fact_en"]
    assert translation.data_status("uz").problems() == [
        f"uz data [{'fuzzy' if ctx == 'claims:9.9:fact_en' else 'missing'}] {ctx}: {english[:70]!r}"
        for ctx, english, _ in i18n.data_source_strings()]
    _clear_caches()
    assert "Varshava shartnomasi matni" not in box_html_in("uz", "9.9")  # fuzzy: English until revised


def test_a_rewritten_fact_is_still_offered_as_fuzzy(locales):
    """A data context names one field: its old translation is offered however much the English changed."""
    po = catalogs.new_file("uz", "test")
    po.append(polib.POEntry(msgctxt="claims:9.9:fact_en", msgid="Poland is missing.", msgstr="Polsha yoʻq."))
    pot = catalogs.template([("claims:9.9:fact_en", "An entirely different sentence about the Pact.", "")], "t")
    assert catalogs.merge(po, pot).find("claims:9.9:fact_en", by="msgctxt").msgstr == ""
    merged = catalogs.merge(po, pot, min_ratio=0.0).find("claims:9.9:fact_en", by="msgctxt")
    assert merged.fuzzy and merged.msgstr == "Polsha yoʻq."


def test_status_and_check_report_the_data(locales, capsys):
    from ircourse.translation import cli

    translation.update(ROOT, ["ru"], new=[DATA], only=[])
    _fill("ru", {"claims:9.9:fact_en": RU_FACT})
    assert cli.main(["status", "--lang", "ru"]) == 0
    total = len(_expected_contexts())
    line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("ru    data"))
    assert line.split()[2:6] == [str(total), "1", "0", str(total - 1)]
    assert cli.main(["check", "--lang", "ru"]) == 1
    assert "ru data [missing] claims:9.9:claim_en" in capsys.readouterr().out
