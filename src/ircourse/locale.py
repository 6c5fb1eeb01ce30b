"""Numbers, dates, country names and chart settings in the course languages, from CLDR through Babel.

Nothing here is a hand-written translation table except :data:`HISTORICAL_STATES` (states that no longer
exist, for which CLDR has no entry) and :data:`NAME_ALIASES` (the spellings the course datasets use
where they differ from CLDR's English name; each maps to an ISO 3166-1 code, whose uz/ru names come
from CLDR). Everything else (country names, separators, month names, percent signs) is CLDR data as
shipped by Babel, so that a chart in Uzbek shows ``1 234 567,891`` and "Polsha" exactly as an Uzbek
reader expects.

Uzbek letter marks
------------------
The official Uzbek Latin alphabet writes the letters oʻ and gʻ with U+02BB (MODIFIER LETTER TURNED COMMA)
and the tutuq belgisi (the "apostrophe" of taʼlim) with U+02BC (MODIFIER LETTER APOSTROPHE). CLDR is not
consistent (it has "Amerika Qo‘shma Shtatlari" with U+2018 and "Noma’lum" with U+2019), and students type
the ASCII apostrophe. Hence two functions:

* :func:`uzbek_marks` for what the course *shows* (CLDR's U+2018 becomes U+02BB, U+2019 becomes U+02BC);
* :func:`normalize_answer` for *comparing* answers: every form of the mark (U+02BB, U+02BC, U+2018, U+2019,
  U+0060, U+00B4 and the ASCII apostrophe) counts as the same, case and spacing do not matter, and
  Russian "ё" equals "е". The homework checker uses it so that "O'zbekiston" and "Oʻzbekiston" are
  equal answers ("Ozbekiston", without the mark, is not).

Examples
--------
>>> format_number(1234567.891, "ru")
'1\\xa0234\\xa0567,891'
>>> country_name("Poland", "uz"), country_name("PL", "ru")
('Polsha', 'Польша')
>>> "Польша" in country_names("Poland")
True
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from functools import lru_cache
from numbers import Real

from babel import Locale, dates, numbers

#: The languages of the course (English is the source).
LANGUAGES = ("en", "uz", "ru")

# --------------------------------------------------------------------------------------------------
# Uzbek letter marks and answer comparison
# --------------------------------------------------------------------------------------------------

OKINA = "\u02bb"  # MODIFIER LETTER TURNED COMMA: oʻ, gʻ
TUTUQ = "\u02bc"  # MODIFIER LETTER APOSTROPHE: the tutuq belgisi (taʼlim)
#: Every character a writer or a keyboard uses for the Uzbek letter mark or the tutuq belgisi.
MARK_FORMS = "'`\u00b4\u2018\u2019\u02bb\u02bc"
_MARKS = re.compile(f"[{re.escape(MARK_FORMS)}]")


def uzbek_marks(text: str) -> str:
    """Return ``text`` with CLDR's typographic quotes replaced by the official Uzbek marks.

    U+2018 (‘), which CLDR uses for oʻ/gʻ, becomes U+02BB; U+2019 (’), which CLDR uses for the tutuq
    belgisi, becomes U+02BC. Other characters are left alone (ASCII apostrophes in quotations stay as
    their authors wrote them).
    """
    return text.replace("\u2018", OKINA).replace("\u2019", TUTUQ)


def normalize_answer(text: str) -> str:
    """Return the form of ``text`` used to compare a student's answer with an expected one.

    Unicode NFC, case folded, every Uzbek mark form (see :data:`MARK_FORMS`) made one character, Russian
    ``ё`` read as ``е``, dashes unified, runs of spaces (including no-break spaces) made one space, and
    the ends trimmed. Two answers are the same when their normalized forms are equal.

    Examples
    --------
    >>> normalize_answer("O'zbekiston") == normalize_answer("Oʻzbekiston")
    True
    >>> normalize_answer("Соединённые  Штаты") == normalize_answer("соединенные штаты")
    True
    """
    text = unicodedata.normalize("NFC", str(text)).casefold()
    text = _MARKS.sub("'", text).replace("ё", "е")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return " ".join(text.split())


# --------------------------------------------------------------------------------------------------
# Numbers and dates
# --------------------------------------------------------------------------------------------------


def _locale(lang: str | None) -> Locale:
    from .i18n import get_language

    lang = lang or get_language()
    if lang not in LANGUAGES:
        raise ValueError(f"unknown course language {lang!r}; the course languages are {', '.join(LANGUAGES)}")
    return _babel_locale(lang)


@lru_cache(maxsize=None)
def _babel_locale(lang: str) -> Locale:
    return Locale.parse(lang)


def format_number(value: Real, lang: str | None = None, decimals: int | None = None) -> str:
    """Return ``value`` written the way readers of ``lang`` write numbers (CLDR).

    Parameters
    ----------
    value : number
        The number.
    lang : str, optional
        ``"en"``, ``"uz"`` or ``"ru"``; default the session language (:func:`ircourse.i18n.get_language`).
    decimals : int, optional
        Exactly this many decimals; default: as many as the value has (up to 3, CLDR's pattern).

    Examples
    --------
    >>> format_number(1234567.891, "en"), format_number(0.5, "uz", decimals=2)
    ('1,234,567.891', '0,50')
    """
    locale = _locale(lang)
    if decimals is None:
        return numbers.format_decimal(value, locale=locale)
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return numbers.format_decimal(value, format=pattern, locale=locale, decimal_quantization=True)


def format_percent(share: Real, lang: str | None = None, decimals: int = 0) -> str:
    """Return a share (0.64) as a percentage in ``lang``: ``64%`` (en, uz), ``64 %`` (ru, no-break space)."""
    locale = _locale(lang)
    pattern = locale.percent_formats[None].pattern  # "#,##0%" (en, uz), "#,##0\u00a0%" (ru)
    if decimals > 0:
        pattern = pattern.replace("#,##0", "#,##0." + "0" * decimals, 1)
    return numbers.format_percent(share, format=pattern, locale=locale, decimal_quantization=True)


def format_date(value: _dt.date | str, lang: str | None = None, style: str = "long") -> str:
    """Return a date in ``lang``: ``4 April 1949`` style dates from CLDR.

    Parameters
    ----------
    value : datetime.date or str
        A date or an ISO date text (``"1949-04-04"``).
    lang : str, optional
        Default: the session language.
    style : {"short", "medium", "long", "full"}
        CLDR's date lengths: long is ``April 4, 1949`` (en), ``4-aprel, 1949`` (uz),
        ``4 апреля 1949 г.`` (ru).
    """
    if isinstance(value, str):
        value = _dt.date.fromisoformat(value[:10])
    text = dates.format_date(value, format=style, locale=_locale(lang))
    return uzbek_marks(text) if _locale(lang).language == "uz" else text


def month_names(lang: str | None = None, width: str = "wide") -> list[str]:
    """Return the twelve month names of ``lang`` as used inside a date (CLDR "format" context).

    In Russian that is the genitive (``апреля``), which is what "4 апреля" needs.
    """
    names = dates.get_month_names(width, "format", locale=_locale(lang))
    return [uzbek_marks(names[m]) for m in range(1, 13)]


def day_names(lang: str | None = None, width: str = "wide") -> list[str]:
    """Return the day names of ``lang``, Sunday first (plotly's and d3's order)."""
    names = dates.get_day_names(width, "format", locale=_locale(lang))
    return [uzbek_marks(names[d]) for d in (6, 0, 1, 2, 3, 4, 5)]  # Babel: 0 = Monday


# --------------------------------------------------------------------------------------------------
# Plotly
# --------------------------------------------------------------------------------------------------


def plotly_separators(lang: str | None = None) -> str:
    """Return plotly's ``layout.separators`` for ``lang``: the decimal mark, then the thousands separator.

    ``".,"`` for English, ``",\\u00a0"`` (comma, no-break space) for Uzbek and Russian (CLDR).
    """
    symbols = _locale(lang).number_symbols["latn"]
    return symbols["decimal"] + symbols["group"]


def plotly_locale(lang: str | None = None) -> dict:
    """Return a plotly.js locale dictionary for ``lang`` built from CLDR.

    plotly.js takes it in its ``config`` (``{"locale": lang, "locales": {lang: ...}}``, see
    :func:`plotly_config`); it sets the month and day names of date axes and hover labels (``%b``,
    ``%B``, ``%a``) and, through ``decimal``/``thousands``, the default of ``layout.separators``.
    """
    separators = plotly_separators(lang)
    return {
        "format": {
            "months": month_names(lang, "wide"),
            "shortMonths": month_names(lang, "abbreviated"),
            "days": day_names(lang, "wide"),
            "shortDays": day_names(lang, "abbreviated"),
            "decimal": separators[0],
            "thousands": separators[1],
        }
    }


def plotly_config(lang: str | None = None) -> dict:
    """Return the plotly ``config`` entries that localize a chart to ``lang`` (empty for English)."""
    lang = _locale(lang).language
    if lang == "en":
        return {}
    return {"locale": lang, "locales": {lang: plotly_locale(lang)}}


def use_plotly(lang: str | None = None) -> None:
    """Make every plotly renderer of this session localize its charts to ``lang``.

    Sets the ``config`` of plotly's renderers (``fig.show()`` in a notebook writes it next to the chart's
    data, so the saved notebook, the site and the slides show Uzbek or Russian month names and
    separators). English removes the settings again.
    """
    import plotly.io as pio

    extra = plotly_config(lang)
    for name in list(pio.renderers):
        renderer = pio.renderers[name]
        config = getattr(renderer, "config", None)
        if not isinstance(config, dict):
            continue
        config.pop("locale", None)
        config.pop("locales", None)
        config.update(extra)


# --------------------------------------------------------------------------------------------------
# Country names
# --------------------------------------------------------------------------------------------------

#: Spellings used by the course datasets (COW, UN, World Bank, NATO lists...) that are not CLDR's
#: English name, mapped to their ISO 3166-1 alpha-2 code. Spelling rules applied before this table:
#: "and" = "&", "Saint" = "St.", a bracketed part is tried without the brackets ("Turkey (Türkiye)").
NAME_ALIASES = {
    "Brunei Darussalam": "BN", "Cabo Verde": "CV", "Congo": "CG", "Republic of Congo": "CG",
    "Cote d'Ivoire": "CI", "Côte d'Ivoire": "CI", "Ivory Coast": "CI", "Czech Republic": "CZ",
    "Democratic People's Republic of Korea": "KP", "North Korea": "KP", "Republic of Korea": "KR",
    "South Korea": "KR", "Democratic Republic of Congo": "CD", "Democratic Republic of the Congo": "CD",
    "East Timor": "TL", "Federated States of Micronesia": "FM", "Micronesia": "FM",
    "Islamic Republic of Iran": "IR", "Lao People's Democratic Republic": "LA", "Laos": "LA",
    "Macedonia": "MK", "North Macedonia": "MK", "Myanmar": "MM", "Burma": "MM",
    "Bolivarian Republic of Venezuela": "VE", "Plurinational State of Bolivia": "BO",
    "Republic of Moldova": "MD", "Russian Federation": "RU", "St. Lucia": "LC",
    "Sao Tome and Principe": "ST", "Swaziland": "SZ", "Syrian Arab Republic": "SY", "The Gambia": "GM",
    "Turkey": "TR", "United Kingdom of Great Britain and Northern Ireland": "GB", "Great Britain": "GB",
    "United Republic of Tanzania": "TZ", "United States of America": "US", "USA": "US",
    "Viet Nam": "VN", "Palestine": "PS", "Palestine (PLO)": "PS", "Yemen (unification)": "YE",
    "St. Vincent and the Grenadines": "VC", "Saint Vincent and the Grenadines": "VC",
    "Jordan (Transjordan)": "JO",
}

#: States that no longer exist (CLDR has no names for them), keyed by the course's English name, with
#: the names the course shows in Uzbek and Russian and other accepted spellings (any language).
#: ``review``: True until a native speaker has checked the uz and ru names (see the README).
HISTORICAL_STATES = {
    "USSR": {"uz": "SSSR", "ru": "СССР", "review": True,
             "also": ["Soviet Union", "Sovet Ittifoqi", "Советский Союз",
                      "Sovet Sotsialistik Respublikalari Ittifoqi",
                      "Союз Советских Социалистических Республик"]},
    "Russia/USSR": {"uz": "Rossiya/SSSR", "ru": "Россия/СССР", "review": True, "also": []},
    "Austria-Hungary": {"uz": "Avstriya-Vengriya", "ru": "Австро-Венгрия", "review": True, "also": []},
    "German Democratic Republic": {"uz": "Germaniya Demokratik Respublikasi",
                                   "ru": "Германская Демократическая Республика", "review": True,
                                   "also": ["East Germany", "GDR", "GDR (East Germany)", "Sharqiy Germaniya",
                                            "GDR", "ГДР", "Восточная Германия"]},
    "German Federal Republic": {"uz": "Germaniya Federativ Respublikasi", "ru": "Федеративная Республика Германия",
                                "review": True,
                                "also": ["West Germany", "FRG", "Federal Republic of Germany", "GFR",
                                         "Gʻarbiy Germaniya", "ФРГ", "Западная Германия"]},
    "Czechoslovakia": {"uz": "Chexoslovakiya", "ru": "Чехословакия", "review": True, "also": []},
    "Yugoslavia": {"uz": "Yugoslaviya", "ru": "Югославия", "review": True, "also": []},
    "Korea": {"uz": "Koreya", "ru": "Корея", "review": True, "also": ["Joseon", "Корея (Чосон)"]},
    "Republic of Vietnam": {"uz": "Vyetnam Respublikasi", "ru": "Республика Вьетнам", "review": True,
                            "also": ["South Vietnam", "Janubiy Vyetnam", "Южный Вьетнам"]},
    "Yemen Arab Republic": {"uz": "Yaman Arab Respublikasi", "ru": "Йеменская Арабская Республика",
                            "review": True, "also": ["North Yemen", "Yemen (North Yemen)", "Shimoliy Yaman",
                                                     "Северный Йемен"]},
    "Yemen People's Republic": {"uz": "Yaman Xalq Demokratik Respublikasi",
                                "ru": "Народная Демократическая Республика Йемен", "review": True,
                                "also": ["South Yemen", "Janubiy Yaman", "Южный Йемен"]},
    "Zanzibar": {"uz": "Zanzibar", "ru": "Занзибар", "review": True, "also": []},
    "Baden": {"uz": "Baden", "ru": "Баден", "review": True, "also": []},
    "Bavaria": {"uz": "Bavariya", "ru": "Бавария", "review": True, "also": []},
    "Hanover": {"uz": "Gannover", "ru": "Ганновер", "review": True, "also": []},
    "Hesse Electoral": {"uz": "Gessen kurfyurstligi", "ru": "Курфюршество Гессен", "review": True,
                        "also": ["Hesse-Kassel", "Гессен-Кассель"]},
    "Hesse Grand Ducal": {"uz": "Gessen buyuk gertsogligi", "ru": "Великое герцогство Гессен", "review": True,
                          "also": ["Hesse-Darmstadt", "Гессен-Дармштадт"]},
    "Mecklenburg Schwerin": {"uz": "Meklenburg-Shverin", "ru": "Мекленбург-Шверин", "review": True,
                             "also": ["Mecklenburg-Schwerin"]},
    "Saxony": {"uz": "Saksoniya", "ru": "Саксония", "review": True, "also": []},
    "Wuerttemburg": {"uz": "Vyurtemberg", "ru": "Вюртемберг", "review": True,
                     "also": ["Württemberg", "Wurttemberg", "Wuerttemberg"]},
    "Modena": {"uz": "Modena", "ru": "Модена", "review": True, "also": []},
    "Parma": {"uz": "Parma", "ru": "Парма", "review": True, "also": []},
    "Papal States": {"uz": "Papa davlati", "ru": "Папская область", "review": True, "also": []},
    "Tuscany": {"uz": "Toskana", "ru": "Тоскана", "review": True, "also": []},
    "Two Sicilies": {"uz": "Ikki Sitsiliya qirolligi", "ru": "Королевство Обеих Сицилий", "review": True,
                     "also": ["Kingdom of the Two Sicilies"]},
}
# Two names used by the datasets for the same historical state.
HISTORICAL_ALIASES = {"South Yemen": "Yemen People's Republic", "Yemen (North Yemen)": "Yemen Arab Republic"}


class UnknownCountry(ValueError):
    """A name that is neither a CLDR country, a known spelling, nor a historical state of the course."""


def _spellings(name: str) -> list[str]:
    """Return ``name`` and the spelling variants tried against CLDR's English names."""
    name = " ".join(name.split())
    variants = [name]
    bare = re.sub(r"\s*\([^)]*\)\s*$", "", name)
    if bare != name:
        variants.append(bare)
        inner = re.search(r"\(([^)]*)\)\s*$", name)
        variants.append(inner.group(1))
    more = []
    for v in variants:
        more += [v.replace(" and ", " & "), re.sub(r"^Saint ", "St. ", v),
                 re.sub(r"^Saint ", "St. ", v).replace(" and ", " & ")]
    return variants + more


@lru_cache(maxsize=None)
def _english_codes() -> dict[str, str]:
    """CLDR's English territory name -> code, for countries only (two-letter codes)."""
    return {name: code for code, name in _babel_locale("en").territories.items() if len(code) == 2}


def country_code(name: str) -> str:
    """Return the ISO 3166-1 code of a country name in the course's English (or the name of a historical state).

    Parameters
    ----------
    name : str
        A name as the datasets write it ("Czech Republic (Czechia)", "Turkey (Türkiye)", "Poland") or an
        ISO code ("PL").

    Returns
    -------
    str
        The two-letter code, or for a state in :data:`HISTORICAL_STATES` its English course name.

    Raises
    ------
    UnknownCountry
        If the name is not known.
    """
    if not isinstance(name, str) or not name.strip():
        raise UnknownCountry(f"a country name must be a non-empty text, got {name!r}")
    name = " ".join(name.split())
    if name.upper() == name and len(name) == 2 and name in _babel_locale("en").territories:
        return name
    name = HISTORICAL_ALIASES.get(name, name)
    if name in HISTORICAL_STATES:
        return name
    codes = _english_codes()
    for variant in _spellings(name):
        if variant in NAME_ALIASES:
            return NAME_ALIASES[variant]
        if variant in codes:
            return codes[variant]
    raise UnknownCountry(f"unknown country {name!r}: not a CLDR name, not in locale.NAME_ALIASES, "
                         "not in locale.HISTORICAL_STATES")


def country_name(name: str, lang: str | None = None) -> str:
    """Return the name of a country in ``lang`` (CLDR; the course's own table for historical states).

    Parameters
    ----------
    name : str
        The course's English name or an ISO code, e.g. ``"Poland"``, ``"PL"``, ``"USSR"``.
    lang : str, optional
        ``"en"``, ``"uz"``, ``"ru"``; default the session language. English returns the name as given
        (the course's English is the source) and CLDR's English name for an ISO code.

    Examples
    --------
    >>> country_name("Turkey (Türkiye)", "ru"), country_name("United States", "uz")
    ('Турция', 'Amerika Qoʻshma Shtatlari')
    """
    code = country_code(name)
    lang = _locale(lang).language
    if lang == "en" and code != name.strip():
        return " ".join(name.split())  # English is the course's source: its own spelling stays
    if code in HISTORICAL_STATES:
        return code if lang == "en" else HISTORICAL_STATES[code][lang]
    text = _babel_locale(lang).territories[code]
    return uzbek_marks(text) if lang == "uz" else text


def country_names(name: str) -> frozenset[str]:
    """Return every accepted name of a country in English, Uzbek and Russian (for checking answers).

    The set holds CLDR's names in the three languages (Uzbek in CLDR's spelling and in the official
    one), the dataset spellings of :data:`NAME_ALIASES`, and the names of :data:`HISTORICAL_STATES`.
    Compare answers with :func:`same_country` or through :func:`normalize_answer`.

    Examples
    --------
    >>> {"Poland", "Polsha", "Польша"} <= country_names("Poland")
    True
    """
    code = country_code(name)
    if code in HISTORICAL_STATES:
        entry = HISTORICAL_STATES[code]
        found = {code, entry["uz"], entry["ru"], *entry["also"]}
        found |= {alias for alias, target in HISTORICAL_ALIASES.items() if target == code}
        return frozenset(found)
    found = {code}
    for lang in LANGUAGES:
        text = _babel_locale(lang).territories[code]
        found |= {text, uzbek_marks(text)}
    found |= {alias for alias, target in NAME_ALIASES.items() if target == code}
    if name.strip() and len(name.strip()) > 2:
        found.add(" ".join(name.split()))
    return frozenset(found)


@lru_cache(maxsize=None)
def _answer_index() -> dict[str, str]:
    """normalize_answer(accepted name) -> code, over every CLDR country and every course name."""
    index: dict[str, str] = {}
    keys = [c for c in _babel_locale("en").territories if len(c) == 2 and c.isalpha()]
    for key in [*keys, *HISTORICAL_STATES]:
        for accepted in country_names(key):
            if len(accepted) > 2:  # codes are not answers
                index.setdefault(normalize_answer(accepted), key)
    return index


def country_from_answer(answer: str) -> str | None:
    """Return the code (or historical name) of the country a student's answer names, or None.

    The answer may be in English, Uzbek (with any apostrophe form) or Russian: ``"Polsha"``,
    ``"Польша"`` and ``"poland"`` all give ``"PL"``.
    """
    if not isinstance(answer, str):
        return None
    return _answer_index().get(normalize_answer(answer))


def same_country(answer: str, expected: str) -> bool:
    """Return True when ``answer`` (en, uz or ru) names the country ``expected`` (the course's English name)."""
    code = country_from_answer(answer)
    return code is not None and code == country_code(expected)
