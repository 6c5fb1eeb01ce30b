"""``ircourse translations``: keep the Uzbek and Russian PO files and notebooks in step with English.

::

    ircourse translations update [--lang uz ru] [--new LANG NOTEBOOK ...]
    ircourse translations build [--lang uz ru] [NOTEBOOK ...] [--no-run] [--force]
    ircourse translations status [--lang uz ru] [--all]
    ircourse translations check [--lang uz ru]

See :mod:`ircourse.translation` for the files and the rules.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import (TARGET_LANGUAGES, TranslationError, build, notebook_status, project_root, report, source_of,
               sources, stale, strings_status, translated_sources, update)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ircourse translations",
        description="Translate the course: gettext PO files in src/ircourse/locales/, notebooks generated "
                    "into notebooks/<lang>/ and exercises/<lang>/.",
    )
    parser.add_argument("--root", type=Path, default=None, help="course checkout (default: this package's)")
    commands = parser.add_subparsers(dest="action", metavar="ACTION")
    commands.required = True
    langs = dict(nargs="+", choices=TARGET_LANGUAGES, default=list(TARGET_LANGUAGES),
                 help="languages (default: %(default)s)")

    up = commands.add_parser("update", help="regenerate the POT templates; mark changed units fuzzy in the PO files",
                             description="Extract the units of every English notebook and of the string "
                                         "catalogue into POT templates, and merge them into the existing PO "
                                         "files: new units are added, changed units marked fuzzy (the old "
                                         "English kept as #| msgid), removed units kept as obsolete #~.")
    up.add_argument("--lang", **langs)
    up.add_argument("--new", nargs="+", metavar=("LANG", "NOTEBOOK"), action="append", default=[],
                    help="start translating NOTEBOOK(s) into LANG (creates their PO files)")

    bd = commands.add_parser("build", help="generate the translated notebooks and execute the chapters",
                             description="Write notebooks/<lang>/ and exercises/<lang>/ from the English "
                                         "notebooks and the PO files; untranslated, fuzzy or invalid units "
                                         "stay English and are listed.")
    bd.add_argument("notebooks", nargs="*", type=Path, help="English notebooks (default: all with a PO file)")
    bd.add_argument("--lang", **langs)
    bd.add_argument("--no-run", action="store_true", help="do not execute the generated chapters")
    bd.add_argument("--force", action="store_true", help="replace homework notebooks even when they hold answers")
    bd.add_argument("--verbose", "-v", action="store_true", help="list every unit left in English")

    st = commands.add_parser("status", help="coverage per language and notebook")
    st.add_argument("--lang", **langs)
    st.add_argument("--all", action="store_true", help="also list notebooks without a PO file")

    ck = commands.add_parser("check", help="fail listing every missing, fuzzy or invalid unit of the PO files "
                                           "and every stale generated notebook")
    ck.add_argument("--lang", **langs)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``ircourse translations``; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        root = args.root.resolve() if args.root else project_root()
        return {"update": _update, "build": _build, "status": _status, "check": _check}[args.action](args, root)
    except (TranslationError, FileNotFoundError, OSError, ValueError) as exc:
        print(f"ircourse translations {args.action}: error: {exc}", file=sys.stderr)
        return 1


def _update(args, root: Path) -> int:
    wanted: dict[str, list] = {}
    for group in args.new:
        if len(group) < 2 or group[0] not in TARGET_LANGUAGES:
            raise TranslationError(f"--new takes a language ({', '.join(TARGET_LANGUAGES)}) and notebooks, got {group}")
        wanted.setdefault(group[0], []).extend(source_of(p, root) for p in group[1:])
    written = []
    for lang in sorted(set(args.lang) | set(wanted)):
        written += update(root, [lang], wanted.get(lang, []))
    for path in dict.fromkeys(written):
        print(f"{'wrote' if Path(path).exists() else 'removed'} {_show(path, root)}")
    if not written:
        print("the templates and PO files are up to date")
    return 0


def _show(path: Path, root: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(root))
    except ValueError:
        return str(path)


def _build(args, root: Path) -> int:
    only = [source_of(p, root) for p in args.notebooks] or None
    done = build(root, args.lang, only=only, run=not args.no_run, force=args.force,
                 progress=lambda line: print(line, flush=True))
    for path, english in done.items():
        if english and args.verbose:
            for unit, reason in english:
                print(f"  {_show(path, root)} [{reason}] {unit.context}: {unit.text[:70]!r}")
    if not done:
        print("no notebook has a PO file in " + ", ".join(args.lang))
    return 0


def _status(args, root: Path) -> int:
    rows = report(root, args.lang)
    print(f"{'lang':4}  {'file':45} {'units':>6} {'done':>6} {'fuzzy':>6} {'missing':>7} {'invalid':>7} {'coverage':>8}")
    for lang in args.lang:
        total = done = 0
        for row in (r for r in rows if r.lang == lang):
            total += len(row.units)
            done += row.count("translated")
            if not row.has_po and not args.all:
                continue
            print(f"{row.lang:4}  {row.name + ('' if row.has_po else ' (no PO)'):45} {len(row.units):6} "
                  f"{row.count('translated'):6} {row.count('fuzzy'):6} {row.count('missing'):7} "
                  f"{row.count('invalid'):7} {row.coverage:8.1%}")
        print(f"{lang:4}  {'whole course':45} {total:6} {done:6} {'':6} {'':7} {'':7} {done / total if total else 1:8.1%}")
    return 0


def _check(args, root: Path) -> int:
    problems = []
    for lang in args.lang:
        problems += strings_status(lang).problems()
        for source in sorted(translated_sources(lang, root), key=lambda s: s.name):
            problems += notebook_status(source, root, lang).problems()
    problems += stale(root, args.lang)
    for line in problems:
        print(line)
    if not problems:
        print("every PO file is complete and every generated notebook is fresh "
              f"({len(sources(root))} English notebooks; translated ones: "
              + ", ".join(f"{lang} {len(translated_sources(lang, root))}" for lang in args.lang) + ")")
    return 1 if problems else 0
