"""PO and POT files (read and written with polib): templates, updates with fuzzy marking, unit status.

Update rules (what ``msgmerge`` does, with the notebook's cell as the unit of similarity):

* a unit whose context and English are unchanged keeps its translation (and its fuzzy flag);
* a unit whose English changed takes the translation of the most similar old entry *of the same cell*
  (difflib ratio at least :data:`FUZZY_RATIO`; any ratio for a data field, whose context names one
  field), flagged ``fuzzy`` with the old English kept as
  ``#| msgid`` so the translator sees what changed; Poedit and Weblate show that difference;
* a unit whose English is unchanged but whose cell moved (new cell id) keeps its translation;
* a new unit is added untranslated; old entries no longer used are kept as obsolete ``#~`` entries.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import polib

#: Smallest difflib similarity for an old translation to be offered (fuzzy) for a changed unit.
FUZZY_RATIO = 0.5
#: Line width of written PO files (that of msgmerge and Poedit).
WRAP_WIDTH = 79

STATUSES = ("translated", "fuzzy", "missing", "invalid")

_PLURAL = {"uz": "nplurals=2; plural=(n != 1);",
           "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"}


def new_file(lang: str | None, title: str) -> polib.POFile:
    """Return an empty POT (``lang`` None) or PO file with the course's header."""
    po = polib.POFile(wrapwidth=WRAP_WIDTH)
    po.header = f"{title}\nInternational Relations in the Era of Globalization (ircourse). CC BY 4.0 / MIT."
    po.metadata = {
        "Project-Id-Version": "ircourse",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": "",
        "Language": lang or "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    if lang in _PLURAL:
        po.metadata["Plural-Forms"] = _PLURAL[lang]
    return po


def template(entries: list[tuple[str, str, str]], title: str) -> polib.POFile:
    """Return a POT from ``(msgctxt, msgid, note)`` triples (duplicates merged, order kept)."""
    pot = new_file(None, title)
    seen = set()
    for context, msgid, note in entries:
        if (context, msgid) in seen:
            continue
        seen.add((context, msgid))
        pot.append(polib.POEntry(msgctxt=context, msgid=msgid, msgstr="", comment=note))
    return pot


def read(path: Path | str) -> polib.POFile:
    """Read a PO or POT file (a malformed file raises ``OSError`` / ``ValueError`` with polib's message)."""
    return polib.pofile(str(path), wrapwidth=WRAP_WIDTH)


def render(po: polib.POFile) -> str:
    """Return the exact text written for ``po``."""
    text = str(po)
    return text if text.endswith("\n") else text + "\n"


def write(po: polib.POFile, path: Path | str) -> bool:
    """Write ``po`` to ``path`` if its text changed; return True when the file was written."""
    path = Path(path)
    text = render(po)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    return True


def _context_stem(context: str | None) -> str:
    return (context or "").split("#", 1)[0]


def merge(po: polib.POFile, pot: polib.POFile, min_ratio: float = FUZZY_RATIO) -> polib.POFile:
    """Return ``po`` brought up to date with ``pot`` (see the module docstring for the rules).

    ``min_ratio`` is the similarity an old entry of the same context needs to be offered as a fuzzy
    translation. Where a context names one field (``data.po``: ``claims:9.9:fact_en``) the old entry
    is that field's previous text whatever changed, and ``min_ratio=0`` offers it always.
    """
    old = [e for e in po if not e.obsolete and e.msgid]
    exact = {(e.msgctxt, e.msgid): e for e in old}
    by_text: dict[str, polib.POEntry] = {}
    for e in old:
        if e.msgstr and not e.fuzzy:
            by_text.setdefault(e.msgid, e)
    pot_keys = {(e.msgctxt, e.msgid) for e in pot}
    used = set()
    merged = new_file(po.metadata.get("Language") or None, po.header.split("\n", 1)[0] if po.header else "")
    merged.metadata.update({k: v for k, v in po.metadata.items() if k not in ("POT-Creation-Date",)})
    for unit in pot:
        entry = polib.POEntry(msgctxt=unit.msgctxt, msgid=unit.msgid, msgstr="", comment=unit.comment)
        previous = exact.get((unit.msgctxt, unit.msgid))
        if previous is not None:
            entry.msgstr, entry.tcomment = previous.msgstr, previous.tcomment
            entry.flags = [f for f in previous.flags]
            entry.previous_msgid = previous.previous_msgid if previous.fuzzy else None
            used.add(id(previous))
        else:
            candidates = [e for e in old if e.msgctxt == unit.msgctxt and e.msgstr
                          and (e.msgctxt, e.msgid) not in pot_keys]
            best, best_ratio = None, min_ratio
            for candidate in candidates:
                ratio = difflib.SequenceMatcher(None, candidate.msgid, unit.msgid, autojunk=False).ratio()
                if ratio >= best_ratio:
                    best, best_ratio = candidate, ratio
            if best is not None:
                entry.msgstr, entry.tcomment = best.msgstr, best.tcomment
                entry.flags = ["fuzzy"]
                entry.previous_msgid = best.previous_msgid if best.fuzzy and best.previous_msgid else best.msgid
                used.add(id(best))
            elif unit.msgid in by_text and _context_stem(by_text[unit.msgid].msgctxt) == _context_stem(unit.msgctxt):
                moved = by_text[unit.msgid]
                entry.msgstr, entry.tcomment = moved.msgstr, moved.tcomment
                used.add(id(moved))
        merged.append(entry)
    keys = {(e.msgctxt, e.msgid) for e in merged}
    for e in [*old, *(e for e in po if e.obsolete)]:
        if e.msgstr and id(e) not in used and (e.msgctxt, e.msgid) not in keys:
            keys.add((e.msgctxt, e.msgid))
            merged.append(polib.POEntry(msgctxt=e.msgctxt, msgid=e.msgid, msgstr=e.msgstr, obsolete=True,
                                        tcomment=e.tcomment))
    return merged


def lookup(po: polib.POFile | None) -> dict[tuple[str, str], polib.POEntry]:
    """Return the live entries of ``po`` by ``(msgctxt, msgid)``."""
    if po is None:
        return {}
    return {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}


def status(entry: polib.POEntry | None, valid=None) -> str:
    """Return the status of one unit's entry: translated, fuzzy, missing or invalid.

    ``valid(msgstr) -> bool`` checks a translation (placeholders); None accepts every translation.
    """
    if entry is None or not entry.msgstr:
        return "missing"
    if entry.fuzzy:
        return "fuzzy"
    if valid is not None and not valid(entry.msgstr):
        return "invalid"
    return "translated"
