"""Every user-visible string of the figures, widgets and exercise feedback, keyed by id.

The strings live in ``locales/<lang>/*.json`` (one file per topic: ``checks.json``,
``wars.json``...; the files of a language are merged). English (``en``) is complete; a translation
(``uz``, ``ru``...) is a new folder with the same keys. Missing keys fall back to English, so a
partial translation still works. Figure and feedback code never holds display text itself: it calls
:func:`t` with a key.

Examples
--------
>>> from ircourse.i18n import t
>>> t("check.correct", qid="hw1_q1")
'✅ hw1_q1: correct'
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

LOCALES = Path(__file__).with_name("locales")
DEFAULT_LANGUAGE = "en"
_language = DEFAULT_LANGUAGE


def languages() -> list[str]:
    """Return the language codes that have a catalogue."""
    return sorted(p.name for p in LOCALES.iterdir() if p.is_dir() and any(p.glob("*.json")))


@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict[str, str]:
    """Return the string catalogue of ``lang`` (key -> template)."""
    files = sorted((LOCALES / lang).glob("*.json"))
    if not files:
        raise ValueError(f"no catalogue for language {lang!r}; available: {', '.join(languages())}")
    merged: dict[str, str] = {}
    for path in files:
        strings = json.loads(path.read_text(encoding="utf-8"))
        twice = merged.keys() & strings.keys()
        if twice:
            raise ValueError(f"i18n keys defined twice ({path.name}): {sorted(twice)}")
        merged.update(strings)
    return merged


def set_language(lang: str) -> None:
    """Switch the language of figures and feedback for this session.

    Parameters
    ----------
    lang : str
        A code from :func:`languages`, e.g. ``"en"``.
    """
    global _language
    catalogue(lang)  # raises a clear error for an unknown language
    _language = lang


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
