"""Terminology: the glossary is the translators' term base, and translations must use its terms.

The glossary is authored in ``src/ircourse/build/glossary/chNN.csv`` (columns ``term_en, term_uz,
term_ru, definition_en, chapter``). :func:`problems` lists every translated unit whose English uses a
glossary term while its translation uses no accepted rendering of it, in any chapter, so a term is
rendered the same way across the whole course. The rule, step by step:

1. **What is compared.** Inline code (```verdict```), link targets, HTML tags, URLs and f-string fields
   (``{alliance}``) are removed from the English and from the translation: they are code or addresses,
   not words of the text. A *citation* is removed from the English: a list of sources (from
   ``Sources:`` to the end of its line), a span in ``*...*``, ``_..._``,
   quotation marks or brackets that the translation reproduces verbatim (a cited title such as
   *The Clash of Civilizations?*), and any run of three English words or more, with a word besides
   the term that is not a function word, that the translation reproduces verbatim (``A History of
   the League of Nations``, ``Run All Cells`` as JupyterLab's menu says).
2. **When the English uses a term.** The words of ``term_en`` occur consecutively (case ignored; a
   plural ``s``/``es`` and a possessive ``'s`` allowed).
3. **What renders it.** Each ``|``-separated variant of ``term_uz``/``term_ru`` (``война|войны``). A
   bracketed gloss is optional: ``блокнот Jupyter (ноутбук)`` is rendered by ``блокнот Jupyter``. The
   gloss alone also renders the term when the glossary gives it as an alternative in the target
   language (``ноутбук``, ``альянс``, ``YaIM``), not when it is the English term itself
   (``Jupyter daftari (notebook)`` is not rendered by ``notebook``). A gloss inside the term
   (``актор (участник) международных отношений``) may replace the word before it
   (``участник международных отношений``).
4. **Inflection** (Russian endings, Uzbek suffixes): each word of the rendering must be matched, in
   order and consecutively, by a word of the translation that starts with its first
   ``max(3, len - 2)`` letters (:func:`stem`): ``холодная война`` matches ``холодной войны``,
   ``союз`` matches ``союзов``, ``ittifoq`` matches ``ittifoqlar``. Uzbek letter marks and Russian
   ``ё`` are compared through :func:`ircourse.locale.normalize_answer`. A Russian fleeting vowel may
   drop (``базовый уровень`` matches ``базового уровня``).
5. **Exceptions a translator states.** A word can have another sense in one place (English *claim* as a
   territorial claim, not the glossary's statement). A translator comment line
   ``glossary-ignore: claim; unipolar world`` in the PO entry exempts that unit from those terms;
   the comment stays in the file for a reviewer to see.

The rule is deliberately simple and documented, and it still fails on a different word: a Russian
unit that calls an alliance ``блок`` where the glossary says ``союз (альянс)`` is reported. A form the
prefix rule cannot match (a suppletive or strongly alternating form) goes into the glossary as a
``|`` variant (``term_ru = "война|войны"``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from ..locale import normalize_answer

GLOSSARY_DIR = Path(__file__).resolve().parents[1] / "build" / "glossary"
#: Shortest verbatim run of English words in a translation that counts as a citation kept as written.
CITATION_WORDS = 3


@dataclass(frozen=True)
class Term:
    """One glossary entry: the English term and its renderings (``|``-separated variants)."""

    en: str
    uz: str
    ru: str
    chapter: str = ""

    def rendering(self, lang: str) -> list[str]:
        """The accepted renderings of the term in ``lang`` (see :func:`renderings`)."""
        return renderings(getattr(self, lang), self.en)


def read_glossary(folder: Path | str = GLOSSARY_DIR) -> list[Term]:
    """Read every ``chNN.csv`` of the glossary folder (an empty list when there is none yet)."""
    terms = []
    for path in sorted(Path(folder).glob("ch*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row.get("term_en") and row.get("term_uz") and row.get("term_ru"):
                    terms.append(Term(row["term_en"], row["term_uz"], row["term_ru"], row.get("chapter", "")))
    return terms


_WORD = re.compile(r"[\w']+")
_BRACKET = re.compile(r"\s*\(([^()]*)\)")


def _words(text: str) -> list[str]:
    return _WORD.findall(normalize_answer(text))


def _is_english_term(gloss: str, term_en: str) -> bool:
    """True when a bracketed gloss is the English term (or part of it), not a target-language alternative."""
    words = _words(gloss)
    english = set(_words(term_en))
    return bool(words) and all(w in english for w in words)


def renderings(rendering: str, term_en: str = "") -> list[str]:
    """Return the accepted forms of a glossary rendering (rule 3 of the module docstring).

    Examples
    --------
    >>> renderings("блокнот Jupyter (ноутбук)", "notebook")
    ['блокнот Jupyter', 'ноутбук']
    >>> renderings("Jupyter daftari (notebook)", "notebook")
    ['Jupyter daftari']
    >>> renderings("актор (участник) международных отношений", "actor")
    ['актор международных отношений', 'участник международных отношений']
    """
    found: list[str] = []
    for variant in (v.strip() for v in rendering.split("|")):
        if not variant:
            continue
        bare = " ".join(_BRACKET.sub(" ", variant).split())
        forms = [bare] if bare else []
        for match in _BRACKET.finditer(variant):
            gloss = match.group(1).strip()
            if not gloss or _is_english_term(gloss, term_en):
                continue
            before, after = variant[: match.start()], variant[match.end():]
            if after.strip():  # a gloss inside the term replaces the word before it
                head = before.rsplit(None, 1)[0] if len(before.split()) > 1 else ""
                forms.append(" ".join(f"{head} {gloss} {_BRACKET.sub(' ', after)}".split()))
            else:
                forms.append(gloss)
        found += [f for f in forms if f not in found]
    return found


def stem(word: str) -> str:
    """Return the part of a (normalized) Uzbek or Russian word that an inflected form must start with."""
    return word[: max(3, len(word) - 2)]


#: A Russian fleeting vowel: е/о before a final consonant (and soft sign), as in уровень/уровня,
#: рынок/рынка, отец/отца.
_FLEETING = re.compile(r"(?<=[бвгджзклмнпрстфхцчшщ])[ео](?=[бвгджзклмнпрстфхцчшщ]ь?$)")


def _word_matches(word: str, term_word: str, lang: str) -> bool:
    if lang == "en":
        word = word.removesuffix("'s")
        return word in (term_word, term_word + "s", term_word + "es")
    if word.startswith(stem(term_word)):
        return True
    if lang == "ru":
        short = _FLEETING.sub("", term_word)
        return short != term_word and word.startswith(stem(short))
    return False


def _find(words: list[str], term: str, lang: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` word positions where ``term`` (one form) occurs in ``words``."""
    wanted = _words(term)
    if not wanted:
        return []
    return [(start, start + len(wanted)) for start in range(len(words) - len(wanted) + 1)
            if all(_word_matches(words[start + i], w, lang) for i, w in enumerate(wanted))]


def mentions(text: str, term: str, lang: str) -> bool:
    """Return True when ``text`` uses ``term`` (any of its ``|`` variants) in ``lang``, inflected or not."""
    words = _words(_mask_code(text))
    return any(_find(words, variant, lang) for variant in term.split("|"))


# --------------------------------------------------------------------------------------------------
# What is not text: code, addresses, citations
# --------------------------------------------------------------------------------------------------

_CODE = re.compile(r"(`+)(.+?)\1", re.S)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_URL = re.compile(r"\b(?:https?|ftp)://\S+")
_FIELD = re.compile(r"\{[^{}\n]*\}")
#: Delimited spans that may be citations: emphasis, quotations, brackets.
_SPANS = re.compile(r"\*+([^*\n]+?)\*+|(?<!\w)_([^_\n]+?)_(?!\w)|\"([^\"\n]+)\"|“([^”\n]+)”|«([^»\n]+)»"
                    r"|„([^“\n]+)“|\(([^()\n]+)\)")


def _mask_code(text: str) -> str:
    for pattern in (_CODE, _URL, _TAG, _FIELD):
        text = pattern.sub(" ", text)
    return _LINK_TARGET.sub("] ", text)


def _flat(text: str) -> str:
    return " ".join(_words(text))


#: A list of sources, to the end of its line: bibliography, not the course's own wording.
_SOURCES = re.compile(r"\bSources?:[^\n]*", re.IGNORECASE)


def _mask_citations(english: str, translation: str) -> str:
    """Return ``english`` without its lists of sources and the delimited spans ``translation`` keeps."""
    english = _SOURCES.sub(" ", english)
    kept = f" {_flat(translation)} "

    def blank(match: re.Match) -> str:
        inner = next(g for g in match.groups() if g is not None)
        flat = _flat(inner)
        return " " if flat and f" {flat} " in kept else match.group(0)

    return _SPANS.sub(blank, english)


#: English words that do not make a run of words a citation by themselves ("the League of Nations").
_FUNCTION_WORDS = frozenset("a an the of and or in on to for with by at from as".split())
#: How many words around a term a citation run may add.
_CITATION_REACH = 6


def _verbatim(words: list[str], start: int, end: int, translated: list[str]) -> bool:
    """True when English words ``start:end`` lie inside a longer run found verbatim in ``translated``.

    The run has at least :data:`CITATION_WORDS` words, and at least one word besides the term that is
    not a function word, so an English term left untranslated on its own ("The League of Nations
    failed") is still reported.
    """
    kept = f" {' '.join(translated)} "
    for a in range(max(0, start - _CITATION_REACH), start + 1):
        for b in range(end, min(len(words), end + _CITATION_REACH) + 1):
            extra = words[a:start] + words[end:b]
            if (b - a >= CITATION_WORDS and any(w not in _FUNCTION_WORDS for w in extra)
                    and f" {' '.join(words[a:b])} " in kept):
                return True
    return False


def uses_term(english: str, translation: str, term_en: str) -> bool:
    """Return True when ``english`` uses ``term_en`` outside code and citations that ``translation`` keeps."""
    text = _mask_citations(_mask_code(english), _mask_code(translation))
    words = _words(text)
    translated = _words(_mask_code(translation))
    return any(not _verbatim(words, start, end, translated)
               for variant in term_en.split("|") for start, end in _find(words, variant, "en"))


def renders_term(translation: str, term: Term, lang: str) -> bool:
    """Return True when ``translation`` uses an accepted rendering of ``term`` in ``lang``."""
    words = _words(_mask_code(translation))
    return any(_find(words, form, lang) for form in term.rendering(lang))


_IGNORE = re.compile(r"^\s*glossary-ignore:\s*(.+)$", re.MULTILINE)


def ignored_terms(comment: str | None) -> set[str]:
    """Return the English terms a translator comment exempts (``glossary-ignore: a; b``), case-folded."""
    found = set()
    for match in _IGNORE.finditer(comment or ""):
        found |= {t.strip().casefold() for t in match.group(1).split(";") if t.strip()}
    return found


def problems(terms: list[Term], lang: str, units: list[tuple]) -> list[str]:
    """Return one line per translated unit that does not render a glossary term its English uses.

    Parameters
    ----------
    terms : list of Term
        The glossary.
    lang : str
        ``"uz"`` or ``"ru"``.
    units : list of (name, English, translation) or (name, English, translation, translator comment)
        Translated units (untranslated ones are the coverage check's business, not this one's). A unit
        whose translation is its English (a quotation of the article kept as written) is skipped.
    """
    found = []
    for name, english, translation, *comment in units:
        if translation == english:  # kept as written: a quotation or a name
            continue
        exempt = ignored_terms(comment[0] if comment else "")
        for term in terms:
            if term.en.casefold() in exempt:
                continue
            if uses_term(english, translation, term.en) and not renders_term(translation, term, lang):
                found.append(f"{lang} {name}: uses {term.en!r} but not {getattr(term, lang)!r}: {translation[:80]!r}")
    return found
