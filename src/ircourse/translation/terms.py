"""Terminology: the glossary is the translators' term base, and translations must use its terms.

The glossary is authored in ``src/ircourse/build/glossary/chNN.csv`` (columns ``term_en, term_uz,
term_ru, definition_en, chapter``). :func:`problems` lists every translated unit whose English uses a
glossary term while its translation does not use the glossary's rendering of it, in any chapter, so a
term is rendered the same way across the whole course.

Matching allows for inflection, since Uzbek adds suffixes and Russian changes endings: each word of a
term matches a word of the text that starts with the term word less its last two letters (the whole
word for words of five letters or fewer; in Uzbek a final k or q may also have become g or gʻ, as in
"ittifoq" -> "ittifoqi"). English matches whole words, plural s allowed. This is a deliberately simple,
documented rule: a term it cannot match (a suppletive form) goes into the glossary with its variants
separated by ``|`` (``term_ru = "война|войны"``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from ..locale import normalize_answer

GLOSSARY_DIR = Path(__file__).resolve().parents[1] / "build" / "glossary"


@dataclass(frozen=True)
class Term:
    """One glossary entry: the English term and its renderings (``|``-separated variants)."""

    en: str
    uz: str
    ru: str
    chapter: str = ""

    def rendering(self, lang: str) -> list[str]:
        """The accepted renderings of the term in ``lang``."""
        return [v.strip() for v in getattr(self, lang).split("|") if v.strip()]


def read_glossary(folder: Path | str = GLOSSARY_DIR) -> list[Term]:
    """Read every ``chNN.csv`` of the glossary folder (an empty list when there is none yet)."""
    terms = []
    for path in sorted(Path(folder).glob("ch*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row.get("term_en") and row.get("term_uz") and row.get("term_ru"):
                    terms.append(Term(row["term_en"], row["term_uz"], row["term_ru"], row.get("chapter", "")))
    return terms


def _words(text: str) -> list[str]:
    return re.findall(r"[\w']+", normalize_answer(text))


def _stem(word: str, lang: str) -> str:
    if lang == "en" or len(word) <= 5:
        return word
    return word[:-2]


def mentions(text: str, term: str, lang: str) -> bool:
    """Return True when ``text`` uses ``term`` (any of its ``|`` variants) in ``lang``, inflected or not."""
    words = _words(text)
    for variant in term.split("|"):
        wanted = _words(variant)
        if not wanted:
            continue
        for start in range(len(words) - len(wanted) + 1):
            if all(_word_matches(words[start + i], w, lang) for i, w in enumerate(wanted)):
                return True
    return False


def _word_matches(word: str, term_word: str, lang: str) -> bool:
    if lang == "en":
        return word in (term_word, term_word + "s", term_word + "es")
    stem = _stem(term_word, lang)
    if word.startswith(stem):
        return True
    if lang == "uz" and term_word[-1:] in ("k", "q") and len(term_word) > 2:
        base = term_word[:-1]
        return any(word.startswith(base + ending) for ending in ("g", "g'"))
    return False


def problems(terms: list[Term], lang: str, units: list[tuple[str, str, str]]) -> list[str]:
    """Return one line per translated unit that does not render a glossary term its English uses.

    Parameters
    ----------
    terms : list of Term
        The glossary.
    lang : str
        ``"uz"`` or ``"ru"``.
    units : list of (name, English, translation)
        Translated units (untranslated ones are the coverage check's business, not this one's). A unit
        whose translation is its English (a quotation of the article kept as written) is skipped.
    """
    found = []
    for name, english, translation in units:
        if translation == english:  # kept as written: a quotation or a name
            continue
        for term in terms:
            if mentions(english, term.en, "en") and not any(mentions(translation, r, lang) for r in term.rendering(lang)):
                found.append(f"{lang} {name}: uses {term.en!r} but not {getattr(term, lang)!r}: {translation[:80]!r}")
    return found
