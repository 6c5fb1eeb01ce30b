"""Every user-visible string of the figures, widgets, exercise feedback and tools, keyed by id, in three languages.

Where the strings live
----------------------
* English, the source: ``locales/en/*.json`` (one file per topic: ``checks.json``, ``wars.json``...;
  the files are merged). Developers add and change strings here, and only here.
* Uzbek and Russian: ``locales/uz/strings.po`` and ``locales/ru/strings.po``, gettext PO files (the
  format of Poedit, Weblate, Lokalize), one entry per key: ``msgctxt`` is the key, ``msgid`` the English
  template, ``msgstr`` the translation. The homework texts of the public question files and keys
  (hints, personalised questions, options, feedback sentences) are entries ``hw.<question id>.<field>``
  of the same files (:func:`homework_strings`). The template ``locales/templates/strings.pot`` is generated
  from the JSON by ``ircourse translations update``, which also marks a translation *fuzzy* when its
  English changed (see :mod:`ircourse.translation`).

Data shown to students (the claims register's claims and facts, the glossary's definitions, the
datasets' titles) is translated the same way, in ``locales/<lang>/data.po`` (template
``locales/templates/data.pot``), one entry per field of a row: ``msgctxt`` ``claims:<id>:<column>``,
``glossary:<term_en>:definition`` or ``datasets:<name>:title``. :func:`data_text` returns a field in
the session language, or its English when the field has no usable translation (missing, fuzzy, or
made for an English text that has changed since). The Uzbek quotation of the article and the
sources are never translated.

A translation is used only when it is not fuzzy and keeps the English placeholders (``{qid}``,
plotly's ``%{y}``); otherwise the English text is shown. Missing keys fall back to English too, so a
partial translation always works. Figure and feedback code never holds display text itself: it calls
:func:`t` with a key.

Which language
--------------
The team convention: ``IRCOURSE_LANG`` if set, else the name of the kernel's working folder if it is a
course language (``uz``, ``ru``), else English. A notebook in ``notebooks/uz/`` therefore gets Uzbek
chart strings and check messages with code identical to the English notebook's. The language is read
once, when the package is imported; :func:`set_language` changes it for the session. Choosing a
language also sets plotly's locale (month names, decimal and thousands separators) through
:func:`ircourse.locale.use_plotly`.

Examples
--------
>>> from ircourse.i18n import t
>>> t("check.correct", qid="hw1_q1", lang="en")
'✅ hw1_q1: correct'
"""

from __future__ import annotations

import json
import os
import re
import string
import warnings
from functools import lru_cache
from pathlib import Path

LOCALES = Path(__file__).with_name("locales")
DEFAULT_LANGUAGE = "en"
#: The languages of the course; the first is the source.
COURSE_LANGUAGES = ("en", "uz", "ru")
#: Environment variable that chooses the language (overrides the working folder).
LANGUAGE_VARIABLE = "IRCOURSE_LANG"
#: File name of a language's string catalogue (``locales/<lang>/strings.po``).
STRINGS_PO = "strings.po"


def detect_language(environ: dict | None = None, cwd: Path | str | None = None) -> str:
    """Return the language the convention gives: ``IRCOURSE_LANG``, else the working folder, else English.

    Parameters
    ----------
    environ : mapping, optional
        Environment to read (default ``os.environ``).
    cwd : path-like, optional
        Working folder (default the current one).

    Returns
    -------
    str
        ``"en"``, ``"uz"`` or ``"ru"``. An ``IRCOURSE_LANG`` that is not a course language gives English
        with a warning (the package must still import).
    """
    environ = os.environ if environ is None else environ
    chosen = (environ.get(LANGUAGE_VARIABLE) or "").strip().lower()
    if chosen:
        if chosen in COURSE_LANGUAGES:
            return chosen
        warnings.warn(f"{LANGUAGE_VARIABLE}={chosen!r} is not a course language "
                      f"({', '.join(COURSE_LANGUAGES)}); using English", stacklevel=2)
        return DEFAULT_LANGUAGE
    try:
        folder = Path(cwd if cwd is not None else os.getcwd()).name
    except OSError:  # the working folder was deleted
        return DEFAULT_LANGUAGE
    return folder if folder in COURSE_LANGUAGES[1:] else DEFAULT_LANGUAGE


def languages() -> list[str]:
    """Return the language codes that have a catalogue (English, and each language with a strings.po)."""
    return sorted({DEFAULT_LANGUAGE} | {p.parent.name for p in LOCALES.glob(f"*/{STRINGS_PO}")})


def english_catalogue() -> dict[str, str]:
    """Return the English strings of ``locales/en/*.json`` (key -> template).

    Raises
    ------
    ValueError
        If a key is defined in two files.
    """
    merged: dict[str, str] = {}
    for path in sorted((LOCALES / DEFAULT_LANGUAGE).glob("*.json")):
        strings = json.loads(path.read_text(encoding="utf-8"))
        twice = merged.keys() & strings.keys()
        if twice:
            raise ValueError(f"i18n keys defined twice ({path.name}): {sorted(twice)}")
        merged.update(strings)
    return merged


def homework_strings() -> dict[str, str]:
    """Return the homework texts a student reads outside the notebooks' cells, key -> English.

    From the public question files (``homework/public/*.json``): ``hw.<qid>.hint``, ``hw.<qid>.text``
    (the personalised question), ``hw.<qid>.option<n>`` and, for each variant ``k``, the parameters
    meant for display (``hw.<qid>.v<k>.<name>`` for names ending in ``_text``). From the answer keys
    (``homework/keys/*.json``): the sentences said about known wrong answers and wrong options,
    ``hw.<qid>.say.<digest>``. They are translated in the same PO files as the other strings;
    :func:`homework_text` looks them up.
    """
    out: dict[str, str] = {}
    homework = Path(__file__).with_name("homework")
    for path in sorted((homework / "public").glob("*.json")):
        for qid, q in json.loads(path.read_text(encoding="utf-8")).get("questions", {}).items():
            for field in ("hint", "text"):
                if q.get(field):
                    out[f"hw.{qid}.{field}"] = q[field]
            for n, option in enumerate(q.get("options", [])):
                out[f"hw.{qid}.option{n}"] = option
            for k, params in enumerate(q.get("variants", [])):
                for name, value in params.items():
                    if name.endswith("_text") and isinstance(value, str):
                        out[f"hw.{qid}.v{k}.{name}"] = value
    for path in sorted((homework / "keys").glob("*.json")):
        for qid, entries in json.loads(path.read_text(encoding="utf-8")).get("questions", {}).items():
            for entry in entries:
                for text in [*entry.get("why", {}).values(), *entry.get("feedback", {}).values(),
                             *entry.get("value", {}).get("feedback", {}).values()]:
                    out[f"hw.{qid}.say.{say_key(text)}"] = text
    return out


def say_key(text: str) -> str:
    """A short stable key for a sentence said about a wrong answer (the digest of its English)."""
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def source_strings() -> dict[str, str]:
    """Return everything the string PO files translate: :func:`english_catalogue` plus :func:`homework_strings`."""
    return {**english_catalogue(), **homework_strings()}


_FIELDS = string.Formatter()
_PLOTLY_FIELD = re.compile(r"%\{[^}]*\}")


def placeholders(template: str) -> list[str]:
    """Return the sorted placeholders of a template: ``{name}`` fields and plotly's ``%{...}`` fields.

    A translation must have exactly the placeholders of its English template.
    """
    plotly = _PLOTLY_FIELD.findall(template)
    rest = _PLOTLY_FIELD.sub("", template)
    try:
        fields = [f"{{{name}}}" for _, name, _, _ in _FIELDS.parse(rest) if name is not None]
    except ValueError:
        fields = ["<unbalanced braces>"]
    return sorted(plotly + fields)


@lru_cache(maxsize=None)
def translated_entries(lang: str) -> dict[str, tuple[str, str, bool]]:
    """Return ``key -> (English msgid, translation, fuzzy)`` from ``locales/<lang>/strings.po`` (may be empty)."""
    path = LOCALES / lang / STRINGS_PO
    if not path.is_file():
        return {}
    import polib

    entries = {}
    for entry in polib.pofile(str(path)):
        if entry.obsolete or not entry.msgctxt:
            continue
        entries[entry.msgctxt] = (entry.msgid, entry.msgstr, "fuzzy" in entry.flags)
    return entries


@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict[str, str]:
    """Return the usable strings of ``lang`` (key -> template).

    English: every key of the JSON files. Another language: the translations of its PO file that are
    not fuzzy, whose English still matches the current English, and that keep the placeholders.

    Raises
    ------
    ValueError
        If ``lang`` has no catalogue.
    """
    if lang == DEFAULT_LANGUAGE:
        return english_catalogue()
    if lang not in languages():
        raise ValueError(f"no catalogue for language {lang!r}; available: {', '.join(languages())}")
    english = source_strings()
    usable = {}
    for key, (msgid, msgstr, fuzzy) in translated_entries(lang).items():
        if msgstr and not fuzzy and msgid == english.get(key) and placeholders(msgstr) == placeholders(msgid):
            usable[key] = msgstr
    return usable


# --------------------------------------------------------------------------------------------------
# Data fields (data.po)
# --------------------------------------------------------------------------------------------------

#: File name of a language's data translations (``locales/<lang>/data.po``).
DATA_PO = "data.po"
#: Columns of the claims register translated in data.po (``quote_uz`` is the article's own text and
#: ``sources`` are citations: never translated).
CLAIM_FIELDS = ("claim_en", "verdict_note", "fact_en", "confidence")
#: Fields of the data package catalogue (``irc.datasets()``) translated in data.po.
DATASET_FIELDS = ("title", "description")

_DATA_NOTES = {
    "claim_en": "Claims register, item {key}: the article's claim restated (shown next to the Uzbek "
                "original in the 'Check the article' box and the register table).",
    "verdict_note": "Claims register, item {key}: the short qualifier printed after the verdict word.",
    "fact_en": "Claims register, item {key}: the facts. One fact per line; a line 'Label: text' shows "
               "the label in bold, so keep a colon after a translated label. Keep numbers, dates, names, "
               "quotations and the titles of sources as they are.",
    "confidence": "Claims register, item {key}: how sure the check is (high / medium / low, and what "
                  "each part refers to).",
    "definition": "Glossary, the definition of '{key}' (term_uz: {uz}; term_ru: {ru}). Use the glossary's "
                  "own renderings of the terms.",
    "title": "Course dataset {key}: its title, shown by irc.datasets().",
    "description": "Course dataset {key}: its description, shown by irc.datasets().",
}


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def data_source_strings() -> list[tuple[str, str, str]]:
    """Return every data field that ``data.po`` translates, as ``(msgctxt, English, note)``.

    In the order of the datasets: the claims register (:data:`CLAIM_FIELDS` of every row, empty fields
    skipped), the glossary (every definition), then the catalogue of datasets (:data:`DATASET_FIELDS`).
    """
    from .data import catalogue, load

    entries = []
    for _, row in load("claims").iterrows():
        for field in CLAIM_FIELDS:
            if _text(row[field]).strip():
                entries.append((f"claims:{row['claim_id']}:{field}", row[field],
                                _DATA_NOTES[field].format(key=row["claim_id"])))
    for _, row in load("glossary").iterrows():
        if _text(row["definition_en"]).strip():
            entries.append((f"glossary:{row['term_en']}:definition", row["definition_en"],
                            _DATA_NOTES["definition"].format(key=row["term_en"], uz=row["term_uz"],
                                                             ru=row["term_ru"])))
    for resource in catalogue()["resources"]:
        for field in DATASET_FIELDS:
            if _text(resource.get(field)).strip():
                entries.append((f"datasets:{resource['name']}:{field}", resource[field],
                                _DATA_NOTES[field].format(key=resource["name"])))
    return entries


@lru_cache(maxsize=None)
def data_catalogue(lang: str) -> dict[tuple[str, str], str]:
    """Return the usable data translations of ``lang``: ``(msgctxt, English) -> translation``.

    Only entries that are translated and not fuzzy; keyed by their English, so a translation made for
    an English text that has changed since is not found (the English is shown until it is revised).
    """
    path = LOCALES / lang / DATA_PO
    if lang == DEFAULT_LANGUAGE or not path.is_file():
        return {}
    import polib

    return {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(path))
            if not e.obsolete and e.msgctxt and e.msgstr and "fuzzy" not in e.flags}


def data_text(context: str, english, lang: str | None = None) -> str:
    """Return a data field in ``lang`` (default: the session language), or its English.

    Parameters
    ----------
    context : str
        The field's ``msgctxt``: ``"claims:9.9:fact_en"``, ``"glossary:dyad:definition"``,
        ``"datasets:claims:title"``.
    english : str
        The field's current English text (a missing value gives ``""``).
    lang : str, optional
        Override the session language.

    Examples
    --------
    >>> data_text("claims:9.9:claim_en", "A claim in English.", lang="en")
    'A claim in English.'
    """
    english = _text(english)
    lang = lang or _language
    if not english or lang == DEFAULT_LANGUAGE:
        return english
    return data_catalogue(lang).get((context, english), english)


def is_translated(context: str, english, lang: str | None = None) -> bool:
    """Return True when :func:`data_text` gives a translation (not the English fallback)."""
    english = _text(english)
    lang = lang or _language
    return bool(english) and lang != DEFAULT_LANGUAGE and (context, english) in data_catalogue(lang)


_language = DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    """Switch the language of figures, feedback and plotly's locale for this session.

    Parameters
    ----------
    lang : str
        A code from :func:`languages`, e.g. ``"uz"``.
    """
    global _language
    if lang != DEFAULT_LANGUAGE:
        catalogue(lang)  # raises a clear error for an unknown language
    _language = lang
    from .locale import use_plotly

    use_plotly(lang)


def get_language() -> str:
    """Return the current language code."""
    return _language


def t(key: str, /, lang: str | None = None, **values) -> str:
    """Return the string ``key`` in the current language, formatted with ``values``.

    Parameters
    ----------
    key : str
        Catalogue key such as ``"fig.nato.title"``.
    lang : str, optional
        Override the session language.
    **values
        Values for the ``{placeholders}`` of the template.

    Raises
    ------
    KeyError
        If no catalogue, not even English, has ``key`` (a bug in the course, caught by the tests).
    """
    lang = lang or _language
    template = catalogue(lang).get(key)
    if template is None:
        template = catalogue(DEFAULT_LANGUAGE).get(key)
    if template is None:
        raise KeyError(f"missing i18n key {key!r} in locales/{DEFAULT_LANGUAGE}/")
    return template.format(**values) if values else template


def homework_text(homework: str, qid: str, field: str, english: str, lang: str | None = None) -> str:
    """Return a homework text (a question's personalised text, an option, a hint) in the current language.

    Parameters
    ----------
    homework, qid, field : str
        Which text: e.g. ``("06_bipolar_world_and_nato", "hw6_q6", "option2")``.
    english : str
        The English source text (from the homework's public file).
    lang : str, optional
        Override the session language.

    Returns
    -------
    str
        The translation if the language's catalogue has one (key ``hw.<qid>.<field>``), else ``english``.
    """
    lang = lang or _language
    if lang == DEFAULT_LANGUAGE or not english:
        return english
    return catalogue(lang).get(f"hw.{qid}.{field}") or english


def _start() -> None:
    """Take the language of this session from the convention (see the module docstring)."""
    lang = detect_language()
    if lang != DEFAULT_LANGUAGE:
        if lang in languages():
            set_language(lang)
        else:
            warnings.warn(f"no translation of the course strings into {lang!r} yet; using English", stacklevel=2)


_start()
