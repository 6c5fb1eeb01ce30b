"""``ircourse translations``: keep the Uzbek and Russian PO files and notebooks in step with English.

::

    ircourse translations update [FILE ...] [--lang LANG ...] [--new LANG FILE ...]
    ircourse translations build [NOTEBOOK ...] [--lang LANG ...] [--no-run] [--force] [-v]
    ircourse translations status [--lang LANG ...] [--all]
    ircourse translations check [--lang LANG ...]

``--lang`` takes one language and may be repeated (``--lang uz --lang ru``, or ``--lang uz,ru``); without
it every language is meant. Options and files may come in any order
(``build --lang ru notebooks/05_versailles_system.ipynb`` and ``build notebooks/05_versailles_system.ipynb
--lang ru`` are the same). A FILE is an English notebook, ``strings`` (the string catalogue) or ``data``
(the claims register, glossary definitions and dataset titles).

``update`` without FILE and without ``--new`` refreshes every template and every PO file of the chosen
languages. With FILEs or ``--new``, it writes only those files' templates and their PO files in the
chosen languages (``--new uz X`` alone: X's template and X's Uzbek PO file, nothing else).

See :mod:`ircourse.translation` for the files and the rules.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import (DATA, STRINGS, TARGET_LANGUAGES, TranslationError, build, data_po, data_status,
               notebook_status, project_root, report, source_of, sources, stale, strings_status,
               translated_sources, update)


def _language(value: str) -> list[str]:
    """``--lang`` value: one language, or several separated by commas."""
    langs = [v.strip() for v in value.split(",") if v.strip()]
    wrong = [v for v in langs if v not in TARGET_LANGUAGES]
    if not langs or wrong:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a translated language; choose from {', '.join(TARGET_LANGUAGES)} "
            "(English is the source)")
    return langs


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ircourse translations",
        description="Translate the course: gettext PO files in src/ircourse/locales/, notebooks generated "
                    "into notebooks/<lang>/ and exercises/<lang>/.",
    )
    parser.add_argument("--root", type=Path, default=None, help="course checkout (default: this package's)")
    commands = parser.add_subparsers(dest="action", metavar="ACTION")
    commands.required = True
    lang = dict(type=_language, action="append", default=None, metavar="LANG",
                help=f"one of {', '.join(TARGET_LANGUAGES)}; repeat for several (default: all)")

    up = commands.add_parser("update", help="regenerate the POT templates; mark changed units fuzzy in the PO files",
                             description="Extract the units of the English notebooks, the string catalogue and "
                                         "the data into POT templates, and merge them into the existing PO "
                                         "files: new units are added, changed units marked fuzzy (the old "
                                         "English kept as #| msgid), removed units kept as obsolete #~. "
                                         "With FILEs or --new, only those files are touched.")
    up.add_argument("files", nargs="*", metavar="FILE",
                    help="English notebooks, 'strings' or 'data' to update (default: everything)")
    up.add_argument("--lang", **lang)
    up.add_argument("--new", nargs="+", metavar=("LANG", "FILE"), action="append", default=[],
                    help="start translating FILE(s) (notebooks, or 'data') into LANG: creates their PO files")

    bd = commands.add_parser("build", help="generate the translated notebooks and execute the chapters",
                             description="Write notebooks/<lang>/ and exercises/<lang>/ from the English "
                                         "notebooks and the PO files; untranslated, fuzzy or invalid units "
                                         "stay English and are listed.")
    bd.add_argument("files", nargs="*", metavar="NOTEBOOK",
                    help="English notebooks (default: all with a PO file)")
    bd.add_argument("--lang", **lang)
    bd.add_argument("--no-run", action="store_true", help="do not execute the generated chapters")
    bd.add_argument("--force", action="store_true", help="replace homework notebooks even when they hold answers")
    bd.add_argument("--verbose", "-v", action="store_true", help="list every unit left in English")

    st = commands.add_parser("status", help="coverage per language and file")
    st.add_argument("--lang", **lang)
    st.add_argument("--all", action="store_true", help="also list notebooks without a PO file")

    ck = commands.add_parser("check", help="fail listing every missing, fuzzy or invalid unit of the PO files "
                                           "and every stale generated notebook")
    ck.add_argument("--lang", **lang)
    return parser


def parse(argv: list[str]) -> argparse.Namespace:
    """Parse the command line; options and files in any order. Exits with status 2 on a usage error."""
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    options = [e for e in extra if e.startswith("-")]
    if options:
        parser.error(f"unrecognized arguments: {' '.join(options)}")
    files = [*getattr(args, "files", []), *extra]
    languages = [f for f in files if f in TARGET_LANGUAGES or f == "en"]
    if languages:
        parser.error(f"{languages[0]!r} is a language, not a file: give each language its own --lang "
                     f"(--lang uz --lang ru) or separate them with commas (--lang uz,ru)")
    if extra and not hasattr(args, "files"):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if hasattr(args, "files"):
        args.files = files
    chosen = [lang for group in (args.lang or []) for lang in group]
    args.lang = list(dict.fromkeys(chosen)) or None
    return args


def main(argv: list[str] | None = None) -> int:
    """Run ``ircourse translations``; return the exit status."""
    args = parse(sys.argv[1:] if argv is None else list(argv))
    try:
        root = args.root.resolve() if args.root else project_root()
        return {"update": _update, "build": _build, "status": _status, "check": _check}[args.action](args, root)
    except (TranslationError, FileNotFoundError, OSError, ValueError) as exc:
        print(f"ircourse translations {args.action}: error: {exc}", file=sys.stderr)
        return 1


def _target(name, root: Path):
    """A FILE argument: ``strings``, ``data`` or an English notebook (a :class:`Source`)."""
    return name if str(name) in (STRINGS, DATA) else source_of(name, root)


def _update(args, root: Path) -> int:
    new: dict[str, list] = {}
    for group in args.new:
        if len(group) < 2 or group[0] not in TARGET_LANGUAGES:
            raise TranslationError(f"--new takes a language ({', '.join(TARGET_LANGUAGES)}) and files, "
                                   f"got {group}")
        new.setdefault(group[0], []).extend(_target(p, root) for p in group[1:])
    files = [_target(p, root) for p in args.files]
    started = [t for targets in new.values() for t in targets]
    only = None if not files and not new else [*files, *started]
    langs = args.lang or (list(new) if new else list(TARGET_LANGUAGES))
    written = []
    for lang in dict.fromkeys([*langs, *new]):
        written += update(root, [lang], new.get(lang, []), only=only)
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


def _langs(args) -> list[str]:
    return args.lang or list(TARGET_LANGUAGES)


def _build(args, root: Path) -> int:
    only = [source_of(p, root) for p in args.files] or None
    done = build(root, _langs(args), only=only, run=not args.no_run, force=args.force,
                 progress=lambda line: print(line, flush=True))
    for path, english in done.items():
        if english and args.verbose:
            for unit, reason in english:
                print(f"  {_show(path, root)} [{reason}] {unit.context}: {unit.text[:70]!r}")
    if not done:
        print("no notebook has a PO file in " + ", ".join(_langs(args)))
    return 0


def _status(args, root: Path) -> int:
    langs = _langs(args)
    rows = report(root, langs)
    print(f"{'lang':4}  {'file':45} {'units':>6} {'done':>6} {'fuzzy':>6} {'missing':>7} {'invalid':>7} {'coverage':>8}")
    for lang in langs:
        total = done = 0
        for row in (r for r in rows if r.lang == lang):
            total += len(row.units)
            done += row.count("translated")
            if not row.has_po and not args.all and row.name != DATA:
                continue
            print(f"{row.lang:4}  {row.name + ('' if row.has_po else ' (no PO)'):45} {len(row.units):6} "
                  f"{row.count('translated'):6} {row.count('fuzzy'):6} {row.count('missing'):7} "
                  f"{row.count('invalid'):7} {row.coverage:8.1%}")
        print(f"{lang:4}  {'whole course':45} {total:6} {done:6} {'':6} {'':7} {'':7} {done / total if total else 1:8.1%}")
    return 0


def _check(args, root: Path) -> int:
    langs = _langs(args)
    problems = []
    for lang in langs:
        problems += strings_status(lang).problems()
        if data_po(lang).is_file():
            problems += data_status(lang).problems()
        for source in sorted(translated_sources(lang, root), key=lambda s: s.name):
            problems += notebook_status(source, root, lang).problems()
    problems += stale(root, langs)
    for line in problems:
        print(line)
    if not problems:
        print("every PO file is complete and every generated notebook is fresh "
              f"({len(sources(root))} English notebooks; translated ones: "
              + ", ".join(f"{lang} {len(translated_sources(lang, root))}" for lang in langs) + ")")
    return 1 if problems else 0
