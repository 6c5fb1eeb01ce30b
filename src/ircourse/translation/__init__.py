"""The course in Uzbek and Russian from one English source: gettext PO files and generated notebooks.

What is translated, and where the translations live
---------------------------------------------------
English stays the only source. Everything a translator works on is a gettext PO file under
``src/ircourse/locales/`` (Poedit, Weblate and Lokalize open them; :mod:`polib` reads and writes them):

=====================================================  ==============================================
``locales/templates/strings.pot``                      template of the string catalogue: chart, widget,
                                                       check, grader, CLI and site strings
                                                       (``locales/en/*.json``) and homework hints
                                                       (``keys/*.json``); ``msgctxt`` = the key
``locales/templates/notebooks/NN_name.pot``            template of a chapter (once its translation starts)
``locales/templates/exercises/NN_name.pot``            template of a homework notebook
``locales/templates/data.pot``                         template of the data shown to students (once
                                                       started): the claims register's ``claim_en``,
                                                       ``verdict_note``, ``fact_en`` and ``confidence``
                                                       (``msgctxt`` ``claims:<id>:<column>``), the
                                                       glossary's definitions (``glossary:<term_en>:
                                                       definition``) and the datasets' titles and
                                                       descriptions (``datasets:<name>:title``)
``locales/<lang>/strings.po``                          the catalogue in ``uz`` or ``ru``
``locales/<lang>/data.po``                             the data in ``uz`` or ``ru`` (read at run time by
                                                       :func:`ircourse.i18n.data_text`)
``locales/<lang>/notebooks/NN_name.po``                a chapter in ``uz`` or ``ru``
``locales/<lang>/exercises/NN_name.po``                a homework notebook in ``uz`` or ``ru``
=====================================================  ==============================================

Notebook units (paragraphs, list items, table rows, code comments, displayed strings) are defined in
:mod:`ircourse.translation.units`; each has ``msgctxt`` ``<notebook stem>#<cell id>``.

Generated notebooks
-------------------
``notebooks/<lang>/NN_name.ipynb`` and ``exercises/<lang>/NN_name.ipynb`` are generated from the English
notebook and the PO file; they are never edited by hand. Cells keep their ids (the grader finds
answer cells by id) and their code; prose, comments and displayed strings are replaced by their
translations. A unit that is missing, fuzzy or invalid stays English and is listed by ``build``.
Relative links are rewritten for the deeper folder (``../data/README.md`` becomes
``../../data/README.md``) and point to the translated notebook when one exists in that language.
Chapters are executed (in their folder, so the kernel's language is the folder's) and committed with
outputs, like the English chapters; homework notebooks are written blank, like the English ones, and
never replace a file that holds a student's answers (``--force`` does).

The language line
-----------------
Every chapter notebook (``notebooks/``) opens with a *language line*: a markdown cell tagged
``language-line`` (and ``notebook-only``: the site, the decks, the dashboard and the handouts have a
switcher of their own, or none) that links the same chapter in the other languages, each language
named in itself, e.g. ``**English** · [Oʻzbekcha](uz/03_war.ipynb) · [Русский](ru/03_war.ipynb)``
(:func:`language_line`). It is generated, never translated (it is not a unit): ``build`` writes it
into each generated chapter, and ``update`` into the English chapters (committed with them; a
markdown cell changes no output). ``stale`` reports an English chapter whose line is out of date.

Commands (``ircourse translations --help``)
-------------------------------------------
::

    ircourse translations update                 # English changed: refresh POTs, mark changed units fuzzy
    ircourse translations update --new uz notebooks/01_why_ir_exists.ipynb   # start a translation
    ircourse translations update --lang ru notebooks/05_versailles_system.ipynb   # one file, one language
    ircourse translations update --new ru data   # start translating the claims register and glossary
    ircourse translations build --lang uz        # generate (and execute) notebooks/uz/, exercises/uz/
    ircourse translations status                 # coverage per language and file
    ircourse translations check                  # exit 1 listing every missing, fuzzy or invalid unit

Every subcommand takes ``--lang`` (repeatable) and does nothing to the other language's files.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
import polib

from .. import i18n
from . import catalogs
from .units import LANGUAGE_LINE, Unit, apply_translations, cell_units, notebook_units, render_unit

#: Languages translated from English.
TARGET_LANGUAGES = tuple(lang for lang in i18n.COURSE_LANGUAGES if lang != i18n.DEFAULT_LANGUAGE)
#: Folders whose notebooks are translated (``exercises/solutions`` is not: the grader uses English).
SOURCE_FOLDERS = ("notebooks", "exercises")
LOCALES = i18n.LOCALES
TEMPLATES = LOCALES / "templates"
#: Each course language named in itself (the language line, the site's language switcher).
LANGUAGE_NAMES = {"en": "English", "uz": "Oʻzbekcha", "ru": "Русский"}
#: Cell id of the language line (one per chapter notebook, in every language).
LANGUAGE_LINE_ID = "language-line"


class TranslationError(ValueError):
    """A translation file or a generated notebook cannot be used (the message says which and why)."""


@dataclass(frozen=True)
class Source:
    """An English notebook that can be translated."""

    folder: str
    stem: str

    @property
    def name(self) -> str:
        """``notebooks/00_start_here`` style name used in reports."""
        return f"{self.folder}/{self.stem}"

    def path(self, root: Path) -> Path:
        """The English notebook."""
        return Path(root) / self.folder / f"{self.stem}.ipynb"

    def output(self, root: Path, lang: str) -> Path:
        """The generated notebook in ``lang``."""
        return Path(root) / self.folder / lang / f"{self.stem}.ipynb"

    def pot(self) -> Path:
        """Its template."""
        return TEMPLATES / self.folder / f"{self.stem}.pot"

    def po(self, lang: str) -> Path:
        """Its translation into ``lang``."""
        return LOCALES / lang / self.folder / f"{self.stem}.po"


def project_root() -> Path:
    """Return the course checkout (the folder with ``notebooks/`` next to the package)."""
    root = Path(__file__).resolve().parents[3]
    if (root / "notebooks").is_dir():
        return root
    raise FileNotFoundError(f"no notebooks/ folder at {root}: run from a checkout of the course, or pass --root")


def sources(root: Path) -> list[Source]:
    """Return every translatable English notebook of the checkout."""
    return [Source(folder, p.stem) for folder in SOURCE_FOLDERS
            for p in sorted((Path(root) / folder).glob("*.ipynb"))]


def source_of(path: Path | str, root: Path) -> Source:
    """Return the :class:`Source` of an English notebook path (``notebooks/00_start_here.ipynb``).

    A relative path is taken from the working folder, or else from ``root``.
    """
    path = Path(path)
    if not path.is_absolute() and not path.exists() and (Path(root) / path).exists():
        path = Path(root) / path
    path = path.resolve()
    for source in sources(root):
        if source.path(root).resolve() == path:
            return source
    raise TranslationError(f"{path} is not an English notebook of notebooks/ or exercises/")


def strings_po(lang: str) -> Path:
    """The string catalogue of ``lang``."""
    return LOCALES / lang / i18n.STRINGS_PO


def data_po(lang: str) -> Path:
    """The data translations (claims register, glossary definitions, dataset titles) of ``lang``."""
    return LOCALES / lang / i18n.DATA_PO


STRINGS_POT = TEMPLATES / "strings.pot"
DATA_POT = TEMPLATES / "data.pot"
#: Names of the two files that are not notebooks, as the command line and reports write them.
STRINGS, DATA = "strings", "data"


# --------------------------------------------------------------------------------------------------
# Templates and updates
# --------------------------------------------------------------------------------------------------


def _strings_note(key: str, english: str) -> str:
    keep = i18n.placeholders(english)
    note = "Homework text shown by irc.check() or hw.show()." if key.startswith("hw.") else f"Key {key}."
    return note + (f" Keep: {' '.join(keep)}" if keep else "")


def strings_template() -> polib.POFile:
    """Return the POT of the string catalogue (``msgctxt`` = key, ``msgid`` = English template)."""
    entries = [(key, english, _strings_note(key, english)) for key, english in i18n.source_strings().items()]
    return catalogs.template(entries, "Strings of the ircourse package (charts, checks, tools, site).")


def data_template() -> polib.POFile:
    """Return the POT of the data shown to students (``msgctxt`` = ``claims:<id>:<column>``...).

    See :func:`ircourse.i18n.data_source_strings` for the fields.
    """
    title = "Data of the ircourse course: claims register, glossary definitions, dataset titles."
    return catalogs.template(i18n.data_source_strings(), title)


def notebook_template(source: Source, root: Path) -> polib.POFile:
    """Return the POT of one English notebook."""
    nb = nbformat.read(source.path(root), as_version=4)
    entries = [(u.context, u.text, u.note) for u in notebook_units(nb, source.stem)]
    return catalogs.template(entries, f"{source.folder}/{source.stem}.ipynb of the ircourse course.")


def _pot_path(target) -> Path:
    return {STRINGS: STRINGS_POT, DATA: DATA_POT}[target] if isinstance(target, str) else target.pot()


def _po_path(target, lang: str) -> Path:
    if target == STRINGS:
        return strings_po(lang)
    return data_po(lang) if target == DATA else target.po(lang)


def _started(target) -> bool:
    """A notebook or the data have a template once a PO file exists in any language."""
    return any(_po_path(target, lang).is_file() for lang in TARGET_LANGUAGES)


def update(root: Path, langs=TARGET_LANGUAGES, new=(), only=None) -> list[Path]:
    """Regenerate POT files and bring PO files up to date (see :mod:`.catalogs`).

    A notebook (and the data) gets a template once its translation is started (``new``, or a PO file
    in any language), so editing an English chapter nobody translates yet changes no translation file.

    Parameters
    ----------
    root : Path
        The course checkout.
    langs : sequence of str
        Languages whose PO files are updated (and created, for the files in ``new``); no other
        language's file is touched.
    new : sequence
        Files whose PO files are created in ``langs`` if missing, to start a translation: a
        :class:`Source`, or :data:`DATA`.
    only : sequence, optional
        Update only these files (``Source`` objects, :data:`STRINGS`, :data:`DATA`) and those in
        ``new``: their templates and their PO files in ``langs``. Default: everything, i.e. the string
        catalogue (its PO file created in ``langs`` if missing), the data and every notebook whose
        translation has started; templates of notebooks no longer translated are removed.

    Returns
    -------
    list of Path
        The files written or removed (unchanged files are not rewritten).
    """
    new = list(new)
    if only is None:
        targets = [STRINGS, *([DATA] if DATA in new or _started(DATA) else []),
                   *(s for s in sources(root) if s in new or _started(s))]
    else:
        targets = list(dict.fromkeys([*only, *new]))
    written = []
    pots = {}
    for target in targets:
        if target == STRINGS:
            pots[target] = strings_template()
        elif target == DATA:
            pots[target] = data_template()
        else:
            pots[target] = notebook_template(target, root)
        if catalogs.write(pots[target], _pot_path(target)):
            written.append(_pot_path(target))
    if only is None:
        stale_pots = [p for p in sorted(TEMPLATES.glob("*/*.pot")) if p.parent.name in SOURCE_FOLDERS
                      and Source(p.parent.name, p.stem) not in pots]
        stale_pots += [DATA_POT] if DATA not in pots and DATA_POT.is_file() else []
        for stale_pot in stale_pots:
            stale_pot.unlink()
            written.append(stale_pot)
    for lang in langs:
        for target, pot in pots.items():
            path = _po_path(target, lang)
            if not path.is_file() and target != STRINGS and target not in new:
                continue
            po = catalogs.read(path) if path.is_file() else catalogs.new_file(lang, pot.header.split("\n")[0])
            merged = catalogs.merge(po, pot, min_ratio=0.0 if target == DATA else catalogs.FUZZY_RATIO)
            if catalogs.write(merged, path):
                written.append(path)
    chapters = [t for t in targets if isinstance(t, Source)] if only is not None else None
    written += write_english_language_lines(root, chapters)
    return written


# --------------------------------------------------------------------------------------------------
# Status of every unit
# --------------------------------------------------------------------------------------------------


@dataclass
class FileStatus:
    """Coverage of one file (the string catalogue or a notebook) in one language."""

    lang: str
    name: str
    has_po: bool
    units: list[tuple[str, str, str]]  # (status, msgctxt, msgid)

    def count(self, status: str) -> int:
        """Number of units with ``status``."""
        return sum(s == status for s, _, _ in self.units)

    @property
    def coverage(self) -> float:
        """Share of units translated (1.0 for a file without units)."""
        return self.count("translated") / len(self.units) if self.units else 1.0

    def problems(self) -> list[str]:
        """One line per unit that is not translated."""
        return [f"{self.lang} {self.name} [{s}] {ctx}: {msgid[:70]!r}" for s, ctx, msgid in self.units
                if s != "translated"]


def _valid_string(english: str):
    return lambda msgstr: i18n.placeholders(msgstr) == i18n.placeholders(english)


def _valid_unit(unit: Unit):
    if unit.kind in ("string", "f-string"):
        return lambda msgstr: render_unit(unit, msgstr) is not None
    return None


def strings_status(lang: str) -> FileStatus:
    """Return the status of every string of the catalogue in ``lang``."""
    path = strings_po(lang)
    entries = catalogs.lookup(catalogs.read(path) if path.is_file() else None)
    rows = []
    for key, english in i18n.source_strings().items():
        entry = entries.get((key, english))
        rows.append((catalogs.status(entry, _valid_string(english)), key, english))
    return FileStatus(lang, "strings", path.is_file(), rows)


def data_status(lang: str) -> FileStatus:
    """Return the status of every data field (claims register, glossary, dataset titles) in ``lang``."""
    path = data_po(lang)
    entries = catalogs.lookup(catalogs.read(path) if path.is_file() else None)
    rows = [(catalogs.status(entries.get((context, english))), context, english)
            for context, english, _ in i18n.data_source_strings()]
    return FileStatus(lang, DATA, path.is_file(), rows)


def notebook_status(source: Source, root: Path, lang: str) -> FileStatus:
    """Return the status of every unit of an English notebook in ``lang`` (all missing without a PO file)."""
    path = source.po(lang)
    entries = catalogs.lookup(catalogs.read(path) if path.is_file() else None)
    nb = nbformat.read(source.path(root), as_version=4)
    rows = []
    seen = set()
    for unit in notebook_units(nb, source.stem):
        if (unit.context, unit.text) in seen:
            continue
        seen.add((unit.context, unit.text))
        rows.append((catalogs.status(entries.get((unit.context, unit.text)), _valid_unit(unit)),
                     unit.context, unit.text))
    return FileStatus(lang, source.name, path.is_file(), rows)


def translated_units(root: Path, lang: str) -> list[tuple[str, str, str, str]]:
    """Return ``(context, English, translation, translator comment)`` of every translated unit in ``lang``.

    Every notebook with a PO file in ``lang``, then the data translations (``data.po``) if any.
    """
    found = []
    for source in sorted(translated_sources(lang, root), key=lambda s: s.name):
        entries = catalogs.lookup(catalogs.read(source.po(lang)))
        nb = nbformat.read(source.path(root), as_version=4)
        for unit in notebook_units(nb, source.stem):
            entry = entries.get((unit.context, unit.text))
            if catalogs.status(entry, _valid_unit(unit)) == "translated":
                found.append((unit.context, unit.text, entry.msgstr, entry.tcomment or ""))
    if data_po(lang).is_file():
        entries = catalogs.lookup(catalogs.read(data_po(lang)))
        for context, english, _ in i18n.data_source_strings():
            entry = entries.get((context, english))
            if catalogs.status(entry) == "translated":
                found.append((context, english, entry.msgstr, entry.tcomment or ""))
    return found


def report(root: Path, langs=TARGET_LANGUAGES) -> list[FileStatus]:
    """Return the status of the string catalogue, the data and every notebook, per language."""
    rows = []
    for lang in langs:
        rows += [strings_status(lang), data_status(lang)]
        rows += [notebook_status(source, root, lang) for source in sources(root)]
    return rows


# --------------------------------------------------------------------------------------------------
# Generating the translated notebooks
# --------------------------------------------------------------------------------------------------

_MD_LINK = re.compile(r"(\]\()(?P<target><[^>]*>|[^)\s]+)")
_HTML_LINK = re.compile(r"""(\b(?:href|src)=)(?P<q>["'])(?P<target>[^"']+)(?P=q)""")
_REF_LINK = re.compile(r"^(?P<lead> {0,3}\[[^\]]+\]:\s*)(?P<target>\S+)", re.MULTILINE)


def rewrite_link(target: str, source: Source, lang: str, translated: set[Source]) -> str:
    """Return ``target`` (a link in ``source``) as seen from the translated notebook in ``lang``.

    External links, anchors and absolute paths are unchanged. A link to an English notebook that has
    a translation in ``lang`` points to the translation; any other relative link points to the same
    file as before, one folder up.
    """
    bare = target[1:-1] if target.startswith("<") and target.endswith(">") else target
    if not bare or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", bare) or bare.startswith(("#", "/")):
        return target
    path, hash_, anchor = bare.partition("#")
    resolved = posixpath.normpath(posixpath.join(source.folder, path))
    folder, _, file_name = resolved.rpartition("/")
    if file_name.endswith(".ipynb") and Source(folder, file_name[:-6]) in translated:
        resolved = f"{folder}/{lang}/{file_name}"
    new = posixpath.relpath(resolved, f"{source.folder}/{lang}") + hash_ + anchor
    return f"<{new}>" if target.startswith("<") else new


def _rewrite_links(text: str, source: Source, lang: str, translated: set[Source]) -> str:
    def swap(match: re.Match) -> str:
        target = match.group("target")
        return match.group(0).replace(target, rewrite_link(target, source, lang, translated), 1)

    for pattern in (_MD_LINK, _HTML_LINK, _REF_LINK):
        text = pattern.sub(swap, text)
    return text


def language_versions(path: Path | str, root: Path) -> dict[str, Path]:
    """Return ``{language: notebook}`` for every existing version of a notebook (for a language switcher).

    ``path`` may be the English notebook or one of its translations; English is always first.

    Examples
    --------
    ``language_versions("notebooks/uz/00_start_here.ipynb", root)`` gives
    ``{"en": .../notebooks/00_start_here.ipynb, "uz": .../notebooks/uz/00_start_here.ipynb, "ru": ...}``.
    """
    path = Path(root) / Path(path) if not Path(path).is_absolute() else Path(path)
    english = path.parent.parent / path.name if path.parent.name in TARGET_LANGUAGES else path
    versions = {i18n.DEFAULT_LANGUAGE: english}
    for lang in TARGET_LANGUAGES:
        candidate = english.parent / lang / english.name
        if candidate.is_file():
            versions[lang] = candidate
    return versions


def notebook_languages(source: Source) -> list[str]:
    """Return the languages a notebook exists in: English, then each language with a PO file for it."""
    return [i18n.DEFAULT_LANGUAGE, *(lang for lang in TARGET_LANGUAGES if source.po(lang).is_file())]


def language_line(stem: str, lang: str, langs) -> str:
    """Return the markdown of the language line of chapter ``stem`` in ``lang``.

    The current language is in bold; every other language of ``langs`` links to its version of the
    chapter, relative to the chapter's folder (``notebooks/`` for English, ``notebooks/<lang>/``
    otherwise).

    Examples
    --------
    >>> language_line("03_war", "uz", ["en", "uz", "ru"])
    '[English](../03_war.ipynb) · **Oʻzbekcha** · [Русский](../ru/03_war.ipynb)'
    """
    here = "." if lang == i18n.DEFAULT_LANGUAGE else lang
    parts = []
    for other in langs:
        name = LANGUAGE_NAMES.get(other, other)
        if other == lang:
            parts.append(f"**{name}**")
        else:
            there = f"{stem}.ipynb" if other == i18n.DEFAULT_LANGUAGE else f"{other}/{stem}.ipynb"
            parts.append(f"[{name}]({posixpath.relpath(there, here)})")
    return " · ".join(parts)


def is_language_line(cell) -> bool:
    """Return whether a cell is a language line (tagged ``language-line``)."""
    return LANGUAGE_LINE in ((cell.get("metadata") or {}).get("tags") or [])


def set_language_line(nb: nbformat.NotebookNode, stem: str, lang: str, langs) -> nbformat.NotebookNode:
    """Put the language line of ``stem`` in ``lang`` at the top of ``nb`` (in place; returned).

    Any other language line is removed first; with a single language there is no line at all.
    """
    nb.cells = [cell for cell in nb.cells if not is_language_line(cell)]
    langs = list(langs)
    if len(langs) > 1:
        nb.cells.insert(0, nbformat.v4.new_markdown_cell(
            language_line(stem, lang, langs), id=LANGUAGE_LINE_ID,
            metadata={"tags": [LANGUAGE_LINE, "notebook-only"]}))
    return nb


def stale_english_language_lines(root: Path, chapters: list[Source] | None = None) -> list[Source]:
    """Return the English chapters (``notebooks/``) whose language line is missing or out of date."""
    found = []
    for source in chapters if chapters is not None else sources(root):
        if source.folder != "notebooks" or not source.path(root).is_file():
            continue
        nb = nbformat.read(source.path(root), as_version=4)
        expected = set_language_line(nbformat.v4.new_notebook(), source.stem, i18n.DEFAULT_LANGUAGE,
                                     notebook_languages(source))
        lines = [(c.source, c.get("id"), c.metadata.get("tags")) for c in nb.cells if is_language_line(c)]
        want = [(c.source, c.get("id"), c.metadata.get("tags")) for c in expected.cells]
        on_top = not want or (nb.cells and is_language_line(nb.cells[0]))
        if lines != want or not on_top:
            found.append(source)
    return found


def write_english_language_lines(root: Path, chapters: list[Source] | None = None) -> list[Path]:
    """Bring the language line of the English chapters up to date; return the notebooks written.

    Only the language line cell changes (outputs and every other cell are kept as they are), so a
    chapter stays executed.
    """
    written = []
    for source in stale_english_language_lines(root, chapters):
        path = source.path(root)
        nb = nbformat.read(path, as_version=4)
        _write_notebook(set_language_line(nb, source.stem, i18n.DEFAULT_LANGUAGE, notebook_languages(source)), path)
        written.append(path)
    return written


def translated_sources(lang: str, root: Path) -> set[Source]:
    """Return the notebooks that have a PO file in ``lang`` (and hence a generated translation)."""
    return {s for s in sources(root) if s.po(lang).is_file()}


def translated_notebook(source: Source, root: Path, lang: str) -> tuple[nbformat.NotebookNode, list[tuple[Unit, str]]]:
    """Return the notebook of ``source`` in ``lang`` (no outputs) and the units left in English.

    Raises
    ------
    TranslationError
        If ``source`` has no PO file in ``lang``.
    """
    path = source.po(lang)
    if not path.is_file():
        raise TranslationError(f"{source.name} has no translation into {lang} ({path} is missing): "
                               f"start one with `ircourse translations update --new {lang} {source.folder}/"
                               f"{source.stem}.ipynb`")
    entries = catalogs.lookup(catalogs.read(path))
    nb = nbformat.read(source.path(root), as_version=4)
    translated = translated_sources(lang, root)
    english: list[tuple[Unit, str]] = []

    def translate(unit: Unit):
        entry = entries.get((unit.context, unit.text))
        state = catalogs.status(entry)
        return (entry.msgstr, "") if state == "translated" else (None, state)

    for index, cell in enumerate(nb.cells):
        if is_language_line(cell):
            continue  # replaced below
        units = cell_units(cell, source.stem, index)
        text, kept = apply_translations(cell, units, translate)
        english += kept
        if cell.cell_type == "markdown":
            text = _rewrite_links(text, source, lang, translated)
        cell.source = text
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            cell.metadata.pop("execution", None)
    if source.folder == "notebooks":
        set_language_line(nb, source.stem, lang, notebook_languages(source))
    nb.metadata.pop("widgets", None)
    meta = dict(nb.metadata.get("ircourse", {}))
    meta["translation"] = {
        "language": lang, "source": f"{source.folder}/{source.stem}.ipynb",
        "note": "Generated by `ircourse translations build` from the English notebook and "
                f"src/ircourse/locales/{lang}/{source.folder}/{source.stem}.po: translate there, not here.",
    }
    nb.metadata["ircourse"] = meta
    return nb, english


def _skeleton(nb: dict) -> list:
    """What a generated notebook must match, whatever its outputs and answers: cells, ids, metadata."""
    from ..homework.authoring import cell_role

    cells = []
    for cell in nb["cells"]:
        source = cell.get("source", "") if cell_role(cell)[0] != "answer" else ""
        metadata = {k: v for k, v in cell.get("metadata", {}).items() if k != "execution"}
        cells.append((cell.get("cell_type"), cell.get("id"), "".join(source) if isinstance(source, list) else source,
                      metadata))
    return [cells, nb.get("metadata", {}).get("ircourse")]


def execute(path: Path, lang: str, timeout: int = 300) -> None:
    """Run a generated notebook top to bottom in its folder, in ``lang``, and save it with its outputs.

    As ``tools/run_notebooks.py`` does: nbclient, no timing metadata, widget state stripped.
    """
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    saved = os.environ.get(i18n.LANGUAGE_VARIABLE)
    os.environ[i18n.LANGUAGE_VARIABLE] = lang
    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    finally:
        if saved is None:
            os.environ.pop(i18n.LANGUAGE_VARIABLE, None)
        else:
            os.environ[i18n.LANGUAGE_VARIABLE] = saved
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    _write_notebook(nb, path)


def _write_notebook(nb: nbformat.NotebookNode, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = nbformat.writes(nb, version=4)
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8", newline="\n")


def build(root: Path, langs=TARGET_LANGUAGES, only: list[Source] | None = None, run: bool = True,
          force: bool = False, progress=None) -> dict[Path, list[tuple[Unit, str]]]:
    """Generate the translated notebooks of every source that has a PO file, and execute the chapters.

    Parameters
    ----------
    root : Path
        The course checkout.
    langs : sequence of str
        Languages to build.
    only : list of Source, optional
        Build only these notebooks (default: every notebook with a PO file).
    run : bool
        Execute the generated chapters (homework notebooks are never executed: they stay blank).
    force : bool
        Replace a homework notebook even when it holds answers.
    progress : callable, optional
        Called with a line of text per step.

    Returns
    -------
    dict
        Generated path -> units left in English with their reason.

    Raises
    ------
    TranslationError
        If a generated homework notebook holds answers (nothing of it is overwritten).
    """
    from ..homework.authoring import answered_cells

    done = {}
    for lang in langs:
        for source in sorted(translated_sources(lang, root), key=lambda s: s.name):
            if only is not None and source not in only:
                continue
            nb, english = translated_notebook(source, root, lang)
            target = source.output(root, lang)
            if source.folder == "exercises" and target.exists() and not force:
                answered = answered_cells(target, nb)
                if answered:
                    raise TranslationError(f"{target} holds answers ({', '.join(answered)}): it was not "
                                           "overwritten. Move it elsewhere first, or pass --force.")
            _write_notebook(nb, target)
            if progress:
                progress(f"wrote {target.relative_to(root)} ({len(english)} units in English)")
            if run and source.folder == "notebooks":
                if progress:
                    progress(f"running {target.relative_to(root)} ...")
                execute(target, lang)
            done[target] = english
    return done


def stale(root: Path, langs=TARGET_LANGUAGES) -> list[str]:
    """Return the generated notebooks that are missing, out of date (sources or ids), or not executed.

    Homework notebooks are compared without their answer cells' sources (a student may have answered).
    """
    problems = [f"{s.path(root).relative_to(root)}: its language line is out of date (run `ircourse "
                "translations update`)" for s in stale_english_language_lines(root)]
    for lang in langs:
        translated = translated_sources(lang, root)
        for source in sorted(translated, key=lambda s: s.name):
            target = source.output(root, lang)
            relative = target.relative_to(root)
            if not target.is_file():
                problems.append(f"{relative}: missing (run `ircourse translations build --lang {lang}`)")
                continue
            fresh, _ = translated_notebook(source, root, lang)
            current = nbformat.read(target, as_version=4)
            if _skeleton(current) != _skeleton(fresh):
                problems.append(f"{relative}: stale (run `ircourse translations build --lang {lang}`)")
            elif source.folder == "notebooks" and not all(
                    c.get("execution_count") for c in current.cells if c.cell_type == "code"):
                problems.append(f"{relative}: not executed (run `ircourse translations build --lang {lang}`)")
        for folder in SOURCE_FOLDERS:
            for path in sorted((Path(root) / folder / lang).glob("*.ipynb")):
                if Source(folder, path.stem) not in translated:
                    problems.append(f"{path.relative_to(root)}: no PO file generates it (delete it?)")
    return problems
