"""The ``ircourse`` command: teacher and student tools for the homework notebooks.

::

    ircourse check exercises/06_bipolar_world_and_nato.ipynb     # student: my score and hints
    ircourse grade submissions/ --out gradebook.csv              # teacher: grade a folder
    ircourse build-exercises [--check] [--execute]               # maintainer: regenerate from solutions
    ircourse site [--out _site]                                  # offline HTML site of the course
    ircourse slides [CHAPTER ...] [--out _slides]                # reveal.js decks for the projector (03, ...)
    ircourse dashboard 03                                        # a chapter's charts in Voila, code hidden

Run ``ircourse <command> --help`` for the options of each command.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import exercises, grading
from .i18n import t


def _positive(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if number <= 0:
        raise argparse.ArgumentTypeError("must be greater than 0")
    return number


def _jobs(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ircourse",
        description="Homework tools of the course 'International Relations in the Era of Globalization'.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    grade = commands.add_parser(
        "grade", help="grade a folder of submitted notebooks into a gradebook CSV",
        description=(
            "Grade every .ipynb under FOLDER. Each submission's answer cells are put into the pristine "
            "solution notebook and validated with pytest --nbval-lax in a temporary folder; the "
            "submission's own check cells and outputs are never used. Writes one CSV row per file "
            "(file, one column per question, total, status ok/partial/error, message) and one feedback "
            ".txt per file. Submissions are only read, never modified."
        ),
    )
    grade.add_argument("folder", type=Path, help="folder of submitted notebooks (subfolders included)")
    grade.add_argument("--out", type=Path, default=Path("gradebook.csv"),
                       help="gradebook CSV to write (default: %(default)s)")
    grade.add_argument("--feedback", type=Path, default=None,
                       help="folder for the per-student feedback files (default: <out>_feedback next to the CSV)")
    grade.add_argument("--homework", default=None,
                       help="homework to grade against, e.g. 06_bipolar_world_and_nato (default: the one "
                            "most submissions belong to)")
    grade.add_argument("--jobs", type=_jobs, default=None,
                       help="submissions graded in parallel (default: number of CPU cores)")
    grade.add_argument("--timeout", type=_positive, default=grading.DEFAULT_CELL_TIMEOUT,
                       help="seconds one cell may run before it is stopped (default: %(default)s)")
    grade.add_argument("--total-timeout", type=_positive, default=grading.DEFAULT_TOTAL_TIMEOUT,
                       help="seconds one whole submission may take (default: %(default)s)")
    grade.add_argument("--quiet", action="store_true", help="no progress bar")

    check = commands.add_parser(
        "check", help="check my homework notebook: score and a hint per question",
        description=(
            "Run the answer cells of your saved homework notebook the way the teacher's grader does "
            "(after the homework's own setup cell, with the original check cells) and print one line "
            "per question. Save the notebook first: the saved file is checked. The file is not changed."
        ),
    )
    check.add_argument("notebook", type=Path, help="your homework notebook, e.g. exercises/06_bipolar_world_and_nato.ipynb")
    check.add_argument("--timeout", type=_positive, default=grading.DEFAULT_CELL_TIMEOUT,
                       help="seconds one cell may run before it is stopped (default: %(default)s)")

    build = commands.add_parser(
        "build-exercises", help="regenerate the student notebooks and answer keys from the solutions",
        description=(
            "Read every exercises/solutions/NN_topic.ipynb and write the student notebook "
            "exercises/NN_topic.ipynb and the answer key src/ircourse/keys/NN_topic.json. "
            "With --check, write nothing and fail if a generated file is stale or a solution notebook "
            "is not saved with its check outputs."
        ),
    )
    build.add_argument("--check", action="store_true", help="only verify that the generated files are fresh")
    build.add_argument("--execute", action="store_true",
                       help="also run every solution notebook and save it with its outputs (needed after "
                            "changing a question, so that the grader has the expected check lines)")
    build.add_argument("--force", action="store_true",
                       help="overwrite student notebooks even when they hold answers (their work is lost)")
    build.add_argument("--root", type=Path, default=None,
                       help="course checkout to work on (default: the one this package is installed from)")
    for name, summary in DELEGATED.items():
        commands.add_parser(name, help=summary, add_help=False)
    return parser


#: Classroom commands that live in their own modules (each parses its own options).
DELEGATED = {
    "site": "build the offline course site (every chart interactive, no network needed)",
    "slides": "build a reveal.js slide deck per chapter for the projector",
    "dashboard": "show a chapter's interactive charts in Voila with the code hidden",
}


def main(argv: list[str] | None = None) -> int:
    """Run the ``ircourse`` command; return its exit status (0 ok, 1 failure, 2 usage error)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in ("site", "slides"):
        from . import publish

        return publish.main(argv, prog="ircourse")
    if argv and argv[0] == "dashboard":
        from . import dashboard

        return dashboard.main(argv[1:], prog="ircourse dashboard")
    args = _parser().parse_args(argv)
    try:
        if args.command == "grade":
            return _grade(args)
        if args.command == "check":
            return _check(args)
        return _build(args)
    except (grading.GradingError, exercises.ExerciseError, FileNotFoundError) as exc:
        print(f"ircourse {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"ircourse {args.command}: interrupted", file=sys.stderr)
        return 130


def _grade(args: argparse.Namespace) -> int:
    homeworks = grading.load_homeworks()
    results = grading.grade_folder(
        args.folder, homework=args.homework, jobs=args.jobs, cell_timeout=args.timeout,
        total_timeout=args.total_timeout, homeworks=homeworks, progress=not args.quiet,
    )
    graded_as = next((r.homework for r in results if r.homework), args.homework)
    question_ids = homeworks[graded_as].question_ids if graded_as in homeworks else []
    grading.write_gradebook(results, args.out, question_ids)
    feedback = args.feedback or args.out.with_name(args.out.stem + "_feedback")
    grading.write_feedback(results, feedback)
    counts = {s: sum(r.status == s for r in results) for s in grading.STATUSES}
    print(f"graded {len(results)} submissions of {graded_as}: "
          + ", ".join(f"{n} {s}" for s, n in counts.items())
          + f"\ngradebook: {args.out}\nfeedback:  {feedback}/")
    return 0


def _check(args: argparse.Namespace) -> int:
    if not args.notebook.is_file():
        raise FileNotFoundError(f"{args.notebook} is not a file")
    print(t("grade.checking", file=args.notebook), flush=True)
    result = grading.grade_notebook(args.notebook, cell_timeout=args.timeout, name=args.notebook.name)
    print(grading.feedback_text(result), end="")
    return 1 if result.status == "error" else 0


def _build(args: argparse.Namespace) -> int:
    root = args.root.resolve() if args.root else exercises.project_root()
    if args.check:
        problems = exercises.stale(root)
        for path in sorted(exercises.solutions_dir(root).glob("*.ipynb")):
            missing = exercises.unexecuted_checks(exercises.read_solution(path))
            if missing:
                problems.append(f"{path.relative_to(root)}: check cells of {', '.join(missing)} do not show ✅ "
                                "(run `ircourse build-exercises --execute`)")
        for problem in problems:
            print(problem)
        if not problems:
            print("the student notebooks and answer keys are up to date")
        return 1 if problems else 0
    for path in exercises.build(root, force=args.force):
        print(f"wrote {path.relative_to(root)}")
    if args.execute:
        for path in sorted(exercises.solutions_dir(root).glob("*.ipynb")):
            print(f"running {path.relative_to(root)} ...", flush=True)
            exercises.execute_solution(path)
            missing = exercises.unexecuted_checks(exercises.read_solution(path))
            if missing:
                print(f"  check cells not ✅: {', '.join(missing)}", file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
