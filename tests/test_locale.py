"""Numbers, dates, country names and plotly settings in uz/ru come from CLDR (Babel), checked against cited facts.

Expected values are CLDR data as measured in shared/design/languages.md (Babel 2.19) and in the issue
("Polsha", "Польша", "1 234 567,891" with U+00A0), not values computed by the code under test.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import plotly.io as pio
import pytest

from ircourse import locale
from ircourse.locale import (HISTORICAL_STATES, UnknownCountry, country_code, country_from_answer, country_name,
                             country_names, format_date, format_number, format_percent, normalize_answer,
                             plotly_config, plotly_separators, same_country, uzbek_marks)

from .conftest import ROOT

NBSP = "\u00a0"


@pytest.mark.parametrize("lang, expected", [("uz", "Polsha"), ("ru", "Польша"), ("en", "Poland")])
def test_country_names_are_cldrs(lang, expected):
    assert country_name("PL", lang) == expected
    assert country_name("Poland", lang) == expected


def test_uzbek_names_use_the_official_letter_mark():
    # CLDR writes "Amerika Qo‘shma Shtatlari" with U+2018; the course shows U+02BB (design/languages.md)
    assert country_name("United States", "uz") == "Amerika Qo\u02bbshma Shtatlari"
    assert country_name("UZ", "uz") == "O\u02bbzbekiston"
    assert country_name("US", "ru") == "Соединенные Штаты"
    assert uzbek_marks("Noma\u2019lum") == "Noma\u02bclum"


@pytest.mark.parametrize("lang", ["uz", "ru"])
def test_numbers_use_a_no_break_space_and_a_decimal_comma(lang):
    assert format_number(1234567.891, lang) == f"1{NBSP}234{NBSP}567,891"
    assert format_number(0.5, lang, decimals=2) == "0,50"


def test_english_numbers_percent_and_dates():
    assert format_number(1234567.891, "en") == "1,234,567.891"
    assert format_percent(0.64, "en") == "64%"
    assert format_date(dt.date(1949, 4, 4), "en") == "April 4, 1949"


def test_percent_and_dates_follow_cldr():
    assert format_percent(0.64, "uz") == "64%"
    assert format_percent(0.64, "ru") == f"64{NBSP}%"
    assert format_percent(0.6412, "ru", decimals=1) == f"64,1{NBSP}%"
    assert format_date(dt.date(1949, 4, 4), "uz") == "4-aprel, 1949"
    # CLDR puts a narrow no-break space (U+202F) before "г." (languages.md shows it as a space)
    assert format_date("1949-04-04", "ru") == "4 апреля 1949\u202fг."


def test_plotly_separators_and_locale():
    assert plotly_separators("en") == ".,"
    assert plotly_separators("uz") == "," + NBSP
    assert plotly_separators("ru") == "," + NBSP
    assert plotly_config("en") == {}
    ru = plotly_config("ru")["locales"]["ru"]["format"]
    assert ru["months"][3] == "апреля" and ru["shortMonths"][0] == "янв."
    assert ru["days"][0] == "воскресенье"  # d3 and plotly start the week on Sunday
    assert (ru["decimal"], ru["thousands"]) == (",", NBSP)
    assert plotly_config("uz")["locales"]["uz"]["format"]["months"][3] == "aprel"


def test_use_plotly_sets_and_clears_the_renderers_config():
    renderer = pio.renderers["plotly_mimetype"]
    try:
        locale.use_plotly("uz")
        assert renderer.config["locale"] == "uz"
        assert renderer.config["locales"]["uz"]["format"]["decimal"] == ","
        fig_bundle = renderer.to_mimebundle({"data": [], "layout": {}})
        assert fig_bundle["application/vnd.plotly.v1+json"]["config"]["locale"] == "uz"
        locale.use_plotly("en")
        assert "locale" not in renderer.config and "locales" not in renderer.config
    finally:
        locale.use_plotly("en")


def test_unknown_language_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown course language 'fr'"):
        format_number(1, "fr")


@pytest.mark.parametrize("name, code", [
    ("Czech Republic (Czechia)", "CZ"), ("Turkey (Türkiye)", "TR"), ("Bosnia and Herzegovina", "BA"),
    ("St. Kitts and Nevis", "KN"), ("Saint Lucia", "LC"), ("Côte d'Ivoire", "CI"), ("Democratic Republic of the Congo", "CD"),
    ("Congo", "CG"), ("United States of America", "US"), ("Russian Federation", "RU"), ("PL", "PL"),
])
def test_dataset_spellings_map_to_iso_codes(name, code):
    assert country_code(name) == code


def test_every_country_of_the_datasets_has_uz_and_ru_names():
    columns = {"arab_league_members": ["member"], "asean_members": ["member"], "chinese_lending": ["country"],
               "chinese_loans_africa": ["country"], "cinc_major_powers": ["state_name"],
               "civilizations": ["state_name"], "nato_members": ["country"], "nuclear_stockpiles": ["country"],
               "un_members": ["country"], "warsaw_pact_members": ["country"]}
    unknown = set()
    for name, cols in columns.items():
        frame = pd.read_csv(ROOT / "data" / f"{name}.csv")
        for col in cols:
            for value in frame[col].dropna().unique():
                if value == "Regional":  # chinese_lending's multi-country projects: not a country
                    continue
                try:
                    assert country_name(value, "uz") and country_name(value, "ru")
                except UnknownCountry:
                    unknown.add(value)
    assert unknown == set()


def test_historical_states_are_in_the_table_and_flagged_for_review():
    assert country_name("USSR", "ru") == "СССР" and country_name("USSR", "uz") == "SSSR"
    assert country_name("German Democratic Republic", "ru") == "Германская Демократическая Республика"
    assert country_name("South Yemen", "ru") == country_name("Yemen People's Republic", "ru")
    assert all(entry["review"] for entry in HISTORICAL_STATES.values())
    assert "СССР" in country_names("USSR") and "Soviet Union" in country_names("USSR")


def test_english_keeps_the_course_spelling():
    assert country_name("Czech Republic (Czechia)", "en") == "Czech Republic (Czechia)"
    assert country_name("CZ", "en") == "Czechia"


def test_unknown_country_is_a_clear_error():
    with pytest.raises(UnknownCountry, match="unknown country 'Atlantis'"):
        country_name("Atlantis", "ru")
    with pytest.raises(UnknownCountry, match="non-empty text"):
        country_code("  ")


def test_accepted_names_in_three_languages():
    assert {"Poland", "Polsha", "Польша"} <= country_names("Poland")
    assert {"Turkey (Türkiye)", "Turkiya", "Турция", "Türkiye"} <= country_names("Turkey (Türkiye)")
    for answer in ("Polsha", "Польша", "poland", " POLAND "):
        assert same_country(answer, "Poland"), answer
    assert not same_country("Vengriya", "Poland")
    assert same_country("Vengriya", "Hungary")
    assert same_country("Amerika Qo'shma Shtatlari", "United States of America")
    assert same_country("Соединённые Штаты", "United States")  # ё = е
    assert country_from_answer("Ozbekiston") is None  # the letter mark is part of the name
    assert country_from_answer(42) is None


def test_no_accepted_name_belongs_to_two_countries():
    owners: dict[str, set] = {}
    for code in [c for c in locale._babel_locale("en").territories if len(c) == 2 and c.isalpha()] + list(HISTORICAL_STATES):
        for name in country_names(code):
            if len(name) > 2:
                owners.setdefault(normalize_answer(name), set()).add(code)
    assert {n: c for n, c in owners.items() if len(c) > 1} == {}


@pytest.mark.parametrize("a, b", [
    ("O'zbekiston", "Oʻzbekiston"), ("O‘zbekiston", "O`zbekiston"), ("taʼlim", "ta'lim"), ("ta’lim", "ta´lim"),
    ("  Xalqaro   munosabatlar ", "xalqaro munosabatlar"), ("Ёлка", "елка"), ("Austria–Hungary", "Austria-Hungary"),
])
def test_normalize_answer_treats_mark_forms_as_equal(a, b):
    assert normalize_answer(a) == normalize_answer(b)


def test_normalize_answer_keeps_real_differences():
    assert normalize_answer("Ozbekiston") != normalize_answer("O'zbekiston")
    assert normalize_answer("Polsha") != normalize_answer("Polshа")  # Latin a vs Cyrillic а


# --------------------------------------------------------------------------------------------------
# irc.fmt: numbers in printed output follow the session language
# --------------------------------------------------------------------------------------------------

from ircourse import fmt, i18n  # noqa: E402


@pytest.mark.parametrize("lang, number, decimal, percent, percent1", [
    ("en", "3,708", "6.2", "64%", "12.3%"),
    ("uz", f"3{NBSP}708", "6,2", "64%", "12,3%"),
    ("ru", f"3{NBSP}708", "6,2", f"64{NBSP}%", f"12,3{NBSP}%"),
])
def test_fmt_writes_cldr_numbers_in_each_language(lang, number, decimal, percent, percent1):
    """CLDR (design/languages.md): uz and ru group with U+00A0 and use a decimal comma; ru puts U+00A0 before %."""
    assert fmt.number(3708, lang) == number
    assert fmt.decimal(6.2, 1, lang) == decimal
    assert fmt.percent(0.64, lang=lang) == percent
    assert fmt.percent(0.1234, 1, lang) == percent1


@pytest.mark.parametrize("lang, expected", [("en", "4 April 1949"), ("uz", "4-aprel, 1949"),
                                            ("ru", "4 апреля 1949\u202fг.")])  # CLDR: U+202F before г.
def test_fmt_dates(lang, expected):
    """The North Atlantic Treaty was signed on 4 April 1949; English in the course's British order."""
    assert fmt.date("1949-04-04", lang) == expected
    assert fmt.date(dt.date(1949, 4, 4), lang) == expected
    assert fmt.date(pd.Timestamp("1949-04-04"), lang) == expected


def test_fmt_follows_the_session_language():
    try:
        i18n.set_language("ru")
        assert (fmt.number(12345), fmt.decimal(0.5, 2), fmt.percent(0.5)) == (
            f"12{NBSP}345", "0,50", f"50{NBSP}%")
        i18n.set_language("uz")
        assert fmt.date("2024-03-07") == "7-mart, 2024"
    finally:
        i18n.set_language("en")
    assert (fmt.number(12345), fmt.decimal(0.5, 2), fmt.percent(0.5)) == ("12,345", "0.50", "50%")


VALUES = [0.0, 0.5, 1.5, 2.5, 0.125, 0.155, 0.145, 2.675, -0.04, 6.25, 123456.789, 0.9995, 1 / 3, 2 / 3,
          31 / 68, 3708, 12, 0.05, 1e6 + 0.5, 99.95, -1234.5]


@pytest.mark.parametrize("value", VALUES)
def test_fmt_in_english_is_exactly_pythons_format_spec(value):
    """The rewrite of the chapters must not change an English output: Python's own formatter is the reference."""
    assert fmt.number(value, "en") == f"{value:,.0f}"
    assert fmt.decimal(value, 1, "en") == f"{value:,.1f}"
    assert fmt.decimal(value, 2, "en") == f"{value:,.2f}"
    assert fmt.percent(value, lang="en") == f"{value:,.0%}"
    assert fmt.percent(value, 1, "en") == f"{value:,.1%}"


def test_fmt_takes_numpy_and_pandas_numbers():
    import numpy as np

    series = pd.Series([0.155, 3708.0])
    assert fmt.percent(series.iloc[0], lang="en") == f"{series.iloc[0]:.0%}" == "16%"
    assert fmt.number(np.int64(3708), "ru") == f"3{NBSP}708"
    assert fmt.number(series.sum(), "en") == f"{series.sum():,.0f}"


@pytest.mark.parametrize("call, error, message", [
    (lambda: fmt.number("3708"), TypeError, "irc.fmt.number() formats a number, not str '3708'"),
    (lambda: fmt.percent(None), TypeError, "irc.fmt.percent() formats a number, not NoneType None"),
    (lambda: fmt.decimal(1.5, -1), ValueError, "digits must be a whole number from 0 to 10"),
    (lambda: fmt.date("4 April 1949"), ValueError, "is not an ISO date"),
    (lambda: fmt.date(1949), TypeError, "formats a date, not int"),
    (lambda: fmt.number(5, "fr"), ValueError, "unknown course language 'fr'"),
])
def test_fmt_bad_input_is_a_clear_message(call, error, message):
    with pytest.raises(error, match=re.escape(message)):
        call()


def test_fmt_is_reachable_as_irc_fmt_in_a_fresh_kernel(tmp_path):
    """The chapters call irc.fmt.number(...) after `import ircourse as irc` and nothing else."""
    import os
    import subprocess
    import sys

    code = "import ircourse as irc; print(irc.fmt.number(3708), irc.fmt.percent(0.64))"
    (tmp_path / "ru").mkdir()
    env = {k: v for k, v in os.environ.items() if k != "IRCOURSE_LANG"}
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path / "ru", env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"3{NBSP}708 64{NBSP}%\n"  # a kernel in notebooks/ru/ prints Russian numbers
