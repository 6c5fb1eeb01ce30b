"""Rewrite the format specs of printed numbers in the English chapters to ``irc.fmt`` calls (issue 14).

Python's format specs write English numbers (``3,708``, ``6.2``); in Uzbek and Russian the comma is the
decimal mark. The chapters should print numbers through :mod:`ircourse.fmt`, which follows the session
language. This tool makes that change in the English chapters, and the same change in their PO files so
that no translation turns fuzzy or invalid.

Usage (from the repository root)::

    python tools/localize_numbers.py                       # report every change; nothing is written
    python tools/localize_numbers.py --write               # rewrite notebooks/*.ipynb and their PO files
    python tools/localize_numbers.py notebooks/03_war_across_5500_years.ipynb --write

Rules, for each field of a *displayed* f-string (``print(...)``, ``title=``, ``note=``...: the units of
:mod:`ircourse.translation.units`)::

    {x:,}  {x:,d}  {x:d}  {x:,.0f}  {x:.0f}    ->  {irc.fmt.number(x)}
    {x:.1f}  {x:,.2f} ...                       ->  {irc.fmt.decimal(x, 1)}, {irc.fmt.decimal(x, 2)}
    {x:.0%}  {x:,.1%} ...                       ->  {irc.fmt.percent(x)}, {irc.fmt.percent(x, 1)}
    {x:.0f}%  {x:.1f} %  (a number of percent)  ->  {irc.fmt.percent(x / 100)}, ... (the % sign goes)

Any other field (a width, a sign, ``e``/``g``, ``!r``, ``=``, a nested ``{...}`` in the spec) is left as
it is and listed. In English, ``irc.fmt`` gives exactly what the spec gave (tests/test_locale.py), except
that a spec without ``,`` (``.0f``, ``.1f``, ``d``) did not group thousands and CLDR does: a value of 1000
or more then prints as ``1,234`` instead of ``1234``.

In the PO files (``locales/templates/notebooks/NN.pot`` and ``locales/<lang>/notebooks/NN.po``) the entry
of each changed f-string gets the new English as ``msgid`` and the same rewrite in its ``msgstr``
(``{x:.0f} %`` and ``{x:.0f}\u00a0%`` count as a number of percent too). A translation whose fields
cannot be rewritten like the English ones is listed; ``ircourse translations check`` then reports it as
invalid until a translator fixes it.

After ``--write``: re-execute the changed chapters (``python tools/run_notebooks.py ...``), then
``ircourse translations build`` (the generated notebooks change with their English).
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ircourse.translation import catalogs
from ircourse.translation.units import cell_context, cell_units, rewrite_fstrings

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "src" / "ircourse" / "locales"
IMPORT = re.compile(r"^\s*import\s+ircourse\s+as\s+irc\b", re.MULTILINE)

_NUMBER = re.compile(r"^(,|,d|d|,?\.0f)$")
_DECIMAL = re.compile(r"^,?\.([1-9])f$")
_PERCENT = re.compile(r"^,?\.(\d)%$")
_PERCENT_SIGN = re.compile(r"^[ \u00a0\u202f]?%")


@dataclass
class Field:
    """One replacement field of an f-string's text: ``{expression!conversion:spec}``."""

    start: int
    end: int
    expression: str
    conversion: str
    spec: str

    @property
    def text(self) -> str:
        return ("{" + self.expression + (f"!{self.conversion}" if self.conversion else "")
                + (f":{self.spec}" if self.spec else "") + "}")


def fields(text: str) -> list[Field]:
    """Return the replacement fields of an f-string's text (between its quotes), ``{{``/``}}`` skipped.

    Raises
    ------
    ValueError
        If a brace is not closed.
    """
    found, i = [], 0
    while i < len(text):
        char = text[i]
        if char in "{}" and text[i + 1: i + 2] == char:
            i += 2
            continue
        if char != "{":
            i += 1
            continue
        depth, j, quote, split = 0, i + 1, "", None
        while j < len(text):
            c = text[j]
            if quote:
                if c == "\\":
                    j += 1
                elif text.startswith(quote, j):
                    j += len(quote) - 1
                    quote = ""
            elif c in "'\"":
                quote = c * 3 if text[j: j + 3] == c * 3 else c
                j += len(quote) - 1
            elif c in "([{":
                depth += 1
            elif c in ")]}":
                if depth == 0 and c == "}":
                    break
                depth -= 1
            elif depth == 0 and split is None and (c == ":" or (c == "!" and text[j + 1: j + 2] != "=")):
                split = j
            j += 1
        if j >= len(text):
            raise ValueError(f"unclosed {{ in {text!r}")
        inner = text[i + 1: j]
        expression, conversion, spec = inner, "", ""
        if split is not None:
            head, rest = inner[: split - i - 1], inner[split - i - 1:]
            expression = head
            if rest.startswith("!"):
                conversion, _, spec = rest[1:].partition(":")
            else:
                spec = rest[1:]
        found.append(Field(i, j + 1, expression, conversion, spec))
        i = j + 1
    return found


def _operand(expression: str) -> str:
    """``expression`` as the left operand of ``/``: bracketed unless it is a name, item, attribute or call."""
    try:
        node = ast.parse(expression.strip(), mode="eval").body
    except SyntaxError:
        return f"({expression})"
    atom = isinstance(node, (ast.Name, ast.Attribute, ast.Subscript, ast.Call, ast.Constant))
    return expression if atom else f"({expression})"


def _call(field_: Field, after: str) -> tuple[str, int] | None:
    """Return the ``irc.fmt`` field for ``field_`` and how many characters after it it swallows, or None."""
    if field_.conversion or "{" in field_.spec or field_.expression.rstrip().endswith("="):
        return None
    expression = field_.expression.strip()
    spec = field_.spec
    sign = _PERCENT_SIGN.match(after)
    match = re.fullmatch(r",?\.(\d)f", spec)
    if match and sign:
        digits = int(match.group(1))
        call = f"irc.fmt.percent({_operand(expression)} / 100{f', {digits}' if digits else ''})"
        return "{" + call + "}", sign.end()
    if _NUMBER.match(spec):
        return "{" + f"irc.fmt.number({expression})" + "}", 0
    match = _DECIMAL.match(spec)
    if match:
        return "{" + f"irc.fmt.decimal({expression}, {match.group(1)})" + "}", 0
    match = _PERCENT.match(spec)
    if match:
        digits = int(match.group(1))
        return "{" + f"irc.fmt.percent({expression}{f', {digits}' if digits else ''})" + "}", 0
    return None


def rewrite(text: str) -> tuple[str, list[tuple[str, str]], list[str]]:
    """Return an f-string's text with its numeric fields rewritten, the changes, and the fields left alone.

    Examples
    --------
    >>> rewrite("{n:,} wars, {share:.0%} of all, {rate:.1f} a year, {pct:.0f}% of GDP")[0]
    '{irc.fmt.number(n)} wars, {irc.fmt.percent(share)} of all, {irc.fmt.decimal(rate, 1)} a year, \
{irc.fmt.percent(pct / 100)} of GDP'
    """
    out, changes, left, last = [], [], [], 0
    for field_ in fields(text):
        if not field_.spec and not field_.conversion:
            continue
        new = _call(field_, text[field_.end:])
        if new is None:
            left.append(field_.text)
            continue
        replacement, swallowed = new
        out.append(text[last: field_.start] + replacement)
        changes.append((text[field_.start: field_.end + swallowed], replacement))
        last = field_.end + swallowed
    return "".join(out) + text[last:], changes, left


def _field_set(text: str) -> Counter:
    return Counter(" ".join(f.text.split()) for f in fields(text))


@dataclass
class NotebookReport:
    """What changes in one notebook."""

    path: Path
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (cell id, old, new)
    left: list[tuple[str, str]] = field(default_factory=list)  # (cell id, field)
    errors: list[str] = field(default_factory=list)
    strings: dict[tuple[str, str], str] = field(default_factory=dict)  # (msgctxt, old msgid) -> new msgid


def rewrite_notebook(path: Path) -> tuple[nbformat.NotebookNode, NotebookReport]:
    """Return the rewritten notebook and what changed (the notebook on disk is not touched)."""
    nb = nbformat.read(path, as_version=4)
    report = NotebookReport(path)
    imports = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and IMPORT.search(c.source)]
    first_import = imports[0] if imports else None
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        cell_changes = []
        for unit in cell_units(cell, path.stem, index):
            if unit.kind != "f-string":
                continue
            new, changes, left = rewrite(unit.text)
            cell_changes += changes
            report.left += [(cell.get("id", f"cell-{index}"), f) for f in left]
            if new != unit.text:
                report.strings[(unit.context, unit.text)] = new
        source, changed = rewrite_fstrings(cell, path.stem, index, lambda text: rewrite(text)[0])
        if not changed:
            continue
        try:
            ast.parse(source)
        except SyntaxError as exc:
            report.errors.append(f"{cell.id}: the rewritten cell does not parse ({exc.msg}); left as it is")
            for old, _ in changed:
                report.strings.pop((cell_context(path.stem, cell, index), old), None)
            continue
        if first_import is None or first_import > index:
            report.errors.append(f"{cell.id}: no `import ircourse as irc` before this cell; left as it is")
            for old, _ in changed:
                report.strings.pop((cell_context(path.stem, cell, index), old), None)
            continue
        cell.source = source
        report.changes += [(cell.id, old, new) for old, new in cell_changes]
    return nb, report


def rewrite_po(path: Path, strings: dict[tuple[str, str], str]) -> tuple[object, int, list[str]]:
    """Return the PO/POT file rewritten, how many entries changed, and the translations left as they were."""
    po = catalogs.read(path)
    changed, problems = 0, []
    for entry in po:
        if entry.obsolete or (entry.msgctxt, entry.msgid) not in strings:
            continue
        new_id = strings[(entry.msgctxt, entry.msgid)]
        entry.msgid = new_id
        if entry.previous_msgid:
            entry.previous_msgid = rewrite(entry.previous_msgid)[0]
        if entry.msgstr:
            new_str = rewrite(entry.msgstr)[0]
            if _field_set(new_str) == _field_set(new_id):
                entry.msgstr = new_str
            else:
                problems.append(f"{path.relative_to(ROOT)} {entry.msgctxt}: the translation's fields differ "
                                f"from the English after the rewrite: {entry.msgstr[:70]!r}")
        changed += 1
    return po, changed, problems


def po_files(stem: str) -> list[Path]:
    """The template and the translations of the chapter ``stem`` that exist."""
    return [p for p in [LOCALES / "templates" / "notebooks" / f"{stem}.pot",
                        *sorted(LOCALES.glob(f"*/notebooks/{stem}.po"))] if p.is_file()]


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: report (and with --write, make) the changes; exit 1 on an error."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="English chapters (default: notebooks/*.ipynb)")
    parser.add_argument("--write", action="store_true", help="write the notebooks and PO files")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    total, errors = 0, 0
    for path in paths:
        nb, report = rewrite_notebook(path)
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"{shown}: {len(report.changes)} place(s)")
        for cell_id, old, new in report.changes:
            print(f"  {cell_id}: {old}  ->  {new}")
        for cell_id, kept in report.left:
            print(f"  {cell_id}: left as it is: {kept}")
        for line in report.errors:
            print(f"  ERROR {line}")
        total += len(report.changes)
        errors += len(report.errors)
        if not report.changes:
            continue
        for po_path in po_files(path.stem):
            po, count, problems = rewrite_po(po_path, report.strings)
            print(f"  {po_path.relative_to(ROOT)}: {count} entr{'y' if count == 1 else 'ies'}")
            for line in problems:
                print(f"  TRANSLATOR {line}")
            if args.write and count:
                catalogs.write(po, po_path)
        if args.write:
            nbformat.write(nb, path)
    print(f"{total} place(s) in {len(paths)} notebook(s)"
          + ("" if args.write else " (nothing written: --write)"))
    if args.write and total:
        print("next: python tools/run_notebooks.py <the changed chapters>; ircourse translations build")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
