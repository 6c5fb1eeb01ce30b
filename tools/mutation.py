"""Mutation testing of the modules where a bug costs a student a grade or a fact (issue 16).

Usage (from the repository root, in the development environment of ``requirements-test.txt``)::

    python tools/mutation.py                        # every module of MODULES, one after the other
    python tools/mutation.py years conflicts        # only these modules
    python tools/mutation.py years --label before   # name the run in the report's history
    python tools/mutation.py --report               # rewrite the report from the recorded results
    python tools/mutation.py --list                 # the modules and the tests that measure them

A mutant is a copy of a module with one small deliberate bug (``<`` for ``<=``, ``+ 1``, a string
changed, an argument dropped...) made by `mutmut <https://mutmut.readthedocs.io>`_ (version 3). The
tests of the module are run against each mutant: a mutant that makes a test fail is *killed*, one
that passes every test *survived*, i.e. the tests would not notice that bug. The score of a module
is killed / total; the target is at least 85 %, and every survivor is either killed by a new test or
explained as equivalent (a change that cannot alter behaviour) in ``tools/mutation-equivalents.toml``.

How a module is run
-------------------
Each module is run on its own, in a scratch folder (``$TMPDIR/ircourse-mutation/<name>``, or
``--workdir``), which holds symbolic links to ``src/``, ``tests/``, ``data/`` and ``exercises/`` (the
homework's solution notebooks, read by the grader's tests) of this checkout,
to ``../shared`` (the raw data sources, for the build tests) and a ``pyproject.toml`` with the
module's ``[tool.mutmut]`` settings: only that file is mutated, and only the module's own test files
are used (mutmut then runs, for each mutant, only the tests that call the mutated function). The
committed ``pyproject.toml`` is not changed. Tests marked ``browser`` or ``slow`` are left out, and
so are the snapshot comparisons listed in :data:`SNAPSHOTS` (rebuilding ``data/`` and comparing
bytes would catch any change of output without naming the behaviour; the score measures the tests
that name one). By default mutmut runs one mutant at a time (``--jobs``), as the machine is shared.

The results go to ``benchmarks/mutation-results.json`` (one entry per module: counts, the surviving
mutants with their diffs, and the history of runs) and the report ``benchmarks/mutation-report.md``
is rewritten from it, so running one module updates only that module's section.

Adding a module
---------------
Add one :class:`Module` line to :data:`MODULES`: a short name, the file to mutate and the test files
that measure it. E.g. for the homework checker::

    Module("checks", "src/ircourse/checks.py", ("tests/test_checks.py",)),

Time: a module with ~200 mutants whose tests take ~0.1 s per mutant runs in a few minutes on one core.

Writing tests that mutation testing can see
-------------------------------------------
mutmut records which tests call each function and runs only those against its mutants. A fixture
with ``scope="module"`` that calls the module under test is computed during the first test that
uses it, so the other tests are not run against the mutants of that function: such fixtures must be
function-scoped (see ``membership`` in ``tests/test_build_organizations.py``). Code run in a
subprocess (``python -m ...``) is not seen either; test the functions in-process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "mutation-results.json"
REPORT = ROOT / "benchmarks" / "mutation-report.md"
EQUIVALENTS = ROOT / "tools" / "mutation-equivalents.toml"
TARGET = 0.85


@dataclass(frozen=True)
class Module:
    """One module measured by mutation testing.

    Parameters
    ----------
    name : str
        Short name, used on the command line and in the report.
    source : str
        The file to mutate, relative to the repository root.
    tests : tuple of str
        Test files (or pytest node ids) that measure it, relative to the repository root.
    """

    name: str
    source: str
    tests: tuple[str, ...]


#: The modules measured, in the order they are run.
MODULES: list[Module] = [
    Module("years", "src/ircourse/years.py",
           ("tests/test_years.py", "tests/test_years_i18n.py", "tests/test_doctests.py")),
    Module("conflicts", "src/ircourse/conflicts.py",
           ("tests/test_conflicts.py", "tests/test_figures_wars_alliances.py", "tests/test_doctests.py")),
    Module("alliances", "src/ircourse/build/alliances.py",
           ("tests/test_build_alliances.py", "tests/test_data.py", "tests/test_maps.py",
            "tests/test_doctests.py")),
    Module("organizations", "src/ircourse/build/organizations.py",
           ("tests/test_build_organizations.py", "tests/test_data.py", "tests/test_data_facts_secondary.py",
            "tests/test_doctests.py")),
    Module("judge", "src/ircourse/homework/judge.py",
           ("tests/test_judge.py", "tests/test_judge_mutants.py", "tests/test_answers_session.py",
            "tests/test_grading.py", "tests/test_grader_units.py", "tests/test_review_report.py",
            "tests/test_doctests.py")),
    Module("answers", "src/ircourse/homework/answers.py",
           ("tests/test_answers_session.py", "tests/test_answers_units.py", "tests/test_judge.py",
            "tests/test_judge_mutants.py", "tests/test_grading.py", "tests/test_doctests.py")),
    Module("variants", "src/ircourse/homework/variants.py",
           ("tests/test_answers_session.py", "tests/test_variants_units.py", "tests/test_judge.py",
            "tests/test_grading.py", "tests/test_grader_units.py", "tests/test_doctests.py")),
    Module("grader", "src/ircourse/homework/grader.py",
           ("tests/test_grading.py", "tests/test_grader_units.py", "tests/test_gradebook_units.py",
            "tests/test_review_report.py", "tests/test_doctests.py")),
    Module("gradebook", "src/ircourse/homework/gradebook.py",
           ("tests/test_grading.py", "tests/test_gradebook_units.py", "tests/test_review_report.py",
            "tests/test_doctests.py")),
]

#: Modules of the same concerns that are deliberately not mutated, with the reason (shown in the report).
NOT_MEASURED = (
    ("src/ircourse/homework/sandbox.py, runner.py, expected.py",
     ("they need a Jupyter kernel or bubblewrap for every test run; they are measured by the slow attack "
     "tests (`tests/test_grading.py`, `tests/test_sandbox*.py`, `tests/test_homework_content.py`), not by "
     "mutation. The homework modules' runs do not use `tests/test_homework_content.py` either (it reads "
     "the trusted run of every solution)")),
)

#: Snapshot comparisons left out of every mutation run (see the module docstring).
SNAPSHOTS = (
    "tests/test_data.py::test_build_reproduces_data_exactly",
    "tests/test_build_end_to_end.py",
)

#: Pytest options of every mutation run.
PYTEST_ARGS = ["-p", "no:cacheprovider", "-m", "not browser and not slow", "-q"]


# --------------------------------------------------------------------------------------------------
# Running mutmut on one module
# --------------------------------------------------------------------------------------------------

def _toml_list(values: list[str]) -> str:
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"


def _without_mutmut_table(pyproject: str) -> str:
    """Return ``pyproject.toml`` without a ``[tool.mutmut]`` table (this tool writes its own)."""
    return re.sub(r"(?ms)^\[tool\.mutmut\]\n.*?(?=^\[|\Z)", "", pyproject)


def prepare(module: Module, workdir: Path, snapshots: bool = False) -> list[str]:
    """Set up the scratch folder of ``module``; return the test paths used (missing ones are reported).

    With ``snapshots``, the snapshot comparisons of :data:`SNAPSHOTS` are not deselected.
    """
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    for name in ("src", "tests", "data", "exercises"):
        (workdir / name).symlink_to(ROOT / name, target_is_directory=True)
    shared = ROOT.parent / "shared"
    if shared.is_dir():  # the tests find the raw sources at ROOT.parent / "shared"; ROOT is mutants/ there
        (workdir / "shared").symlink_to(shared, target_is_directory=True)
    tests = [t for t in module.tests if (ROOT / t.split("::")[0]).exists()]
    for missing in sorted(set(module.tests) - set(tests)):
        print(f"  note: {missing} does not exist; not used", flush=True)
    deselect = [] if snapshots else [arg for snap in SNAPSHOTS for arg in ("--deselect", snap)]
    settings = "\n".join([
        "[tool.mutmut]",
        'source_paths = ["src/ircourse"]',
        f"only_mutate = {_toml_list([module.source])}",
        'also_copy = ["data", "exercises"]',
        f"pytest_add_cli_args = {_toml_list(PYTEST_ARGS + deselect)}",
        f"pytest_add_cli_args_test_selection = {_toml_list(tests)}",
        "use_git_change_detection = false",
        "",
    ])
    pyproject = _without_mutmut_table((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (workdir / "pyproject.toml").write_text(pyproject.rstrip() + "\n\n" + settings, encoding="utf-8")
    return tests


def _mutmut(workdir: Path, *args: str, log: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``mutmut ARGS`` in ``workdir``; its output goes to ``log`` if given, else it is returned."""
    env = {k: v for k, v in os.environ.items() if k not in ("IRCOURSE_DATA", "IRCOURSE_EXERCISES")}
    command = [sys.executable, "-m", "mutmut", *args]
    if log is None:
        return subprocess.run(command, cwd=workdir, env=env, text=True, capture_output=True)
    with log.open("w", encoding="utf-8") as out:
        return subprocess.run(command, cwd=workdir, env=env, text=True, stdout=out, stderr=subprocess.STDOUT)


def collect(module: Module, workdir: Path, untested: bool = False) -> dict:
    """Read mutmut's results for ``module`` from its scratch folder.

    With ``untested`` (mutmut stopped because no selected test calls the module), every generated
    mutant counts as ``no tests``.
    """
    from mutmut.stats import status_by_exit_code

    meta = workdir / "mutants" / (module.source + ".meta")
    exit_codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    statuses = {name: "no tests" if untested else status_by_exit_code[code]
                for name, code in exit_codes.items()}
    counts: dict[str, int] = {}
    for status in statuses.values():
        counts[status] = counts.get(status, 0) + 1
    survivors = {}
    for name in sorted(n for n, s in statuses.items() if s not in ("killed", "timeout")):
        shown = "" if untested else _mutmut(workdir, "show", name).stdout
        diff = "\n".join(line for line in shown.splitlines() if not line.startswith("# "))
        survivors[name] = {"status": statuses[name], "diff": diff}
    return {"counts": counts, "total": len(statuses),
            "killed": counts.get("killed", 0) + counts.get("timeout", 0), "survivors": survivors}


def run_module(module: Module, workdir: Path, jobs: int, snapshots: bool = False) -> dict:
    """Run mutmut on ``module``; return its results (see :func:`collect`)."""
    print(f"== {module.name}: mutating {module.source}", flush=True)
    tests = prepare(module, workdir, snapshots)
    print(f"   tests: {' '.join(tests)}", flush=True)
    start = time.monotonic()
    log = workdir / "mutmut.log"
    print(f"   running mutmut (output: {log}) ...", flush=True)
    done = _mutmut(workdir, "run", "--max-children", str(jobs), log=log)
    output = log.read_text(encoding="utf-8", errors="replace")
    untested = done.returncode != 0 and "Unable to force test failures" in output
    if done.returncode != 0 and not untested:
        raise SystemExit(f"{output[-4000:]}\nmutmut failed on {module.name} (exit {done.returncode}); "
                         f"its log: {log}")
    if untested:  # no selected test calls the module at all: every mutant survives, untested
        print(f"   no test calls {module.source}: every mutant is untested", flush=True)
    result = collect(module, workdir, untested=untested)
    result.update(source=module.source, tests=tests, seconds=round(time.monotonic() - start))
    print(f"   {module.name}: {result['killed']}/{result['total']} killed "
          f"({100 * result['killed'] / max(1, result['total']):.1f} %) in {result['seconds']} s", flush=True)
    return result


# --------------------------------------------------------------------------------------------------
# Results and report
# --------------------------------------------------------------------------------------------------

def _git_commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return done.stdout.strip() + ("+changes" if dirty else "")


def load_results() -> dict:
    return json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}


def record(results: dict, name: str, result: dict, label: str | None) -> None:
    """Store ``result`` as the latest of module ``name`` and add a line to its history."""
    history = results.get(name, {}).get("history", [])
    history.append(_history_line(result, label))
    results[name] = {**result, "history": history}


def _history_line(result: dict, label: str | None) -> dict:
    return {"date": dt.date.today().isoformat(), "commit": _git_commit(), "label": label or "",
            "killed": result["killed"], "total": result["total"], "tests": result["tests"]}


def load_equivalents() -> dict[str, dict]:
    """Return the explanations of equivalent mutants: name -> {"match": ..., "reason": ...}."""
    if not EQUIVALENTS.exists():
        return {}
    import tomllib

    return tomllib.loads(EQUIVALENTS.read_text(encoding="utf-8"))


def explanation(name: str, diff: str, equivalents: dict[str, dict]) -> str | None:
    """Return the stored reason why mutant ``name`` is equivalent, if it still describes this diff."""
    entry = equivalents.get(name)
    if not entry:
        return None
    added = [line[1:].strip() for line in diff.splitlines()
             if line.startswith("+") and not line.startswith("+++")]
    if not any(entry["match"].strip() in line for line in added):
        return None  # the mutant of that name is another change now: the explanation is stale
    return entry["reason"]


def write_report(results: dict) -> None:
    """Rewrite ``benchmarks/mutation-report.md`` from the recorded results."""
    equivalents = load_equivalents()
    order = [m.name for m in MODULES] + sorted(set(results) - {m.name for m in MODULES})
    lines = [
        "# Mutation testing report",
        "",
        "Written by `python tools/mutation.py` (see its docstring); do not edit by hand. A mutant is the "
        "module with one small deliberate bug; it is *killed* when a test fails. Snapshot comparisons "
        f"({', '.join(f'`{s}`' for s in SNAPSHOTS)}) and tests marked `browser` or `slow` are not used. "
        f"Target: at least {TARGET:.0%} killed in each module, and every survivor killed by a test or "
        "explained as equivalent below (explanations: `tools/mutation-equivalents.toml`).",
        "",
        *[f"Not measured by mutation: `{what}`: {why}." for what, why in NOT_MEASURED],
        "",
        "| module | file | killed / total | score | survivors explained as equivalent | unexplained |",
        "|---|---|---|---|---|---|",
    ]
    sections = []
    for name in order:
        if "survivors" not in results.get(name, {}):  # not run yet, or only with --with-snapshots
            continue
        r = results[name]
        explained = {n: explanation(n, s["diff"], equivalents) for n, s in r["survivors"].items()}
        unexplained = [n for n, why in explained.items() if not why]
        score = r["killed"] / max(1, r["total"])
        lines.append(f"| {name} | `{r['source']}` | {r['killed']} / {r['total']} | {score:.1%} | "
                     f"{len(explained) - len(unexplained)} | {len(unexplained)} |")
        tests = ", ".join(f"`{t}`" for t in r["tests"])
        part = [f"## {name}", "", f"File `{r['source']}`; tests: {tests}.", "",
                "| date | commit | run | killed / total | score |", "|---|---|---|---|---|"]
        for h in r["history"]:
            part.append(f"| {h['date']} | {h['commit']} | {h['label']} | {h['killed']} / {h['total']} | "
                        f"{h['killed'] / max(1, h['total']):.1%} |")
        part.append("")
        counts = ", ".join(f"{n} {status}" for status, n in sorted(r["counts"].items()))
        part += [f"Latest run: {counts} ({r['seconds']} s).", ""]
        if not r["survivors"]:
            part += ["No surviving mutant.", ""]
        for mutant, survivor in r["survivors"].items():
            why = explained[mutant]
            verdict = f"**equivalent**: {why}" if why else "**not explained**: a test should kill it"
            part += [f"### `{mutant}` ({survivor['status']})", "", verdict, "",
                     "```diff", survivor["diff"].strip(), "```", ""]
        sections += part
    REPORT.write_text("\n".join(lines + [""] + sections).rstrip() + "\n", encoding="utf-8")


# --------------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns 0 when every module run reaches the target with no
    unexplained survivor, 1 otherwise."""
    by_name = {m.name: m for m in MODULES}
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", metavar="module",
                        help=f"modules to run (default: all of {', '.join(by_name)})")
    parser.add_argument("--jobs", type=int, default=1,
                        help="mutants tested in parallel (default: %(default)s)")
    parser.add_argument("--label", default=None,
                        help="name of this run in the report's history, e.g. 'before'")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "ircourse-mutation",
                        help="scratch folder (default: %(default)s)")
    parser.add_argument("--report", action="store_true",
                        help="only rewrite the report from the recorded results")
    parser.add_argument("--with-snapshots", action="store_true",
                        help="also use the snapshot comparisons (for information: what only they catch); "
                             "the run is recorded in the history, not as the module's result")
    parser.add_argument("--list", action="store_true", help="list the modules and their tests")
    args = parser.parse_args(argv)
    if args.list:
        for m in MODULES:
            print(f"{m.name:14s} {m.source}\n{'':14s} tests: {' '.join(m.tests)}")
        return 0
    unknown = [name for name in args.modules if name not in by_name]
    if unknown:
        parser.error(f"unknown module(s) {', '.join(unknown)}; choose from {', '.join(by_name)}")
    results = load_results()
    chosen = [] if args.report else [by_name[n] for n in (args.modules or by_name)]
    for module in chosen:
        result = run_module(module, args.workdir / module.name, args.jobs, args.with_snapshots)
        if args.with_snapshots:
            label = f"{args.label or ''} with snapshot comparisons".strip()
            results.setdefault(module.name, {"history": []})["history"].append(
                _history_line(result, label))
        else:
            record(results, module.name, result, args.label)
        RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    write_report(results)
    print(f"report: {REPORT.relative_to(ROOT)}")
    equivalents = load_equivalents()
    ok = True
    for module in [] if args.with_snapshots else chosen:
        r = results[module.name]
        unexplained = [n for n, s in r["survivors"].items() if not explanation(n, s["diff"], equivalents)]
        if r["killed"] / max(1, r["total"]) < TARGET or unexplained:
            print(f"{module.name}: below target or {len(unexplained)} unexplained survivor(s)")
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
