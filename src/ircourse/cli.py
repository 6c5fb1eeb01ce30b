"""The ``ircourse`` command: teacher and student tools for the homework notebooks.

::

    ircourse check exercises/06_bipolar_world_and_nato.ipynb     # student: my score and hints
    ircourse grade submissions/ --out gradebook.csv              # teacher: grade a folder (sandboxed)
    ircourse review gradebook.csv                                # teacher: score the written answers
    ircourse report gradebook.csv                                # teacher: the class report (HTML)
    ircourse build-exercises [--check] [--execute]               # maintainer: regenerate from solutions
    ircourse site [--out _site]                                  # offline HTML site, in every language
    ircourse slides [CHAPTER ...] [--lang uz] [--out _slides]    # reveal.js decks for the projector (03, ...)
    ircourse dashboard 03 [--lang uz]                            # a chapter's charts in Voila, code hidden
    ircourse handout 03 [--homework] [--all] [--lang uz]         # a chapter or homework as a PDF for paper

Run ``ircourse <command> --help`` for the options of each command.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from .homework import authoring, grader, sandbox
from .i18n import t


def _positive(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not math.isfinite(number) or number <= 0:
        raise argparse.ArgumentTypeError("must be a finite number greater than 0")
    return number


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


_jobs = _count


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ircourse",
        description="Homework tools of the course 'International Relations in the Era of Globalization'.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    limits = sandbox.Limits()

    grade = commands.add_parser(
        "grade", help="grade a folder of submitted notebooks into a gradebook CSV",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
        description=(
            "Grade every entry under FOLDER whose name ends in .ipynb. Each submission's answer cells "
            "run in a bubblewrap sandbox (no network, no access to your files, the other submissions, the "
            "solutions or the gradebook; limits on memory, CPU, files and processes); only the value of "
            "`answer` after each answer cell comes back, and it is judged outside the sandbox against the "
            "expected answer of the student's own variant, computed from the solution notebook. Writes one "
            "CSV row per file, a table of answers for `ircourse report`, and one feedback .txt per file. "
            "Submissions are only read, never modified or run as they are."
        ),
    )
    grade.add_argument("folder", type=Path, help="folder of submitted notebooks (subfolders included)")
    grade.add_argument("--out", type=Path, default=Path("gradebook.csv"), help="gradebook CSV to write")
    grade.add_argument("--feedback", type=Path, default=None,
                       help="folder for the per-student feedback files (default: <out>_feedback next to the CSV)")
    grade.add_argument("--homework", default=None,
                       help="homework to grade against, e.g. 06_bipolar_world_and_nato (default: the one "
                            "most submissions belong to)")
    grade.add_argument("--roster", type=Path, default=None,
                       help="CSV of the class's student ids (column 'student' or 'id'); ids not in it are flagged")
    grade.add_argument("--jobs", type=_count, default=None,
                       help="submissions graded in parallel (default: number of CPU cores)")
    grade.add_argument("--timeout", type=_positive, default=grader.DEFAULT_CELL_TIMEOUT,
                       help="seconds one cell may run before it is stopped")
    grade.add_argument("--total-timeout", type=_positive, default=grader.DEFAULT_TOTAL_TIMEOUT,
                       help="seconds one whole submission may take before its sandbox is killed")
    grade.add_argument("--memory", type=_count, default=limits.memory_mb, metavar="MB",
                       help="memory of the student's code (per process, and all processes together)")
    grade.add_argument("--cpu", type=_count, default=limits.cpu_seconds, metavar="SECONDS",
                       help="CPU time of each process of the student's code")
    grade.add_argument("--file-size", type=_count, default=limits.file_mb, metavar="MB",
                       help="largest file the student's code may write (in its throw-away folder)")
    grade.add_argument("--processes", type=_count, default=limits.processes, metavar="N",
                       help="most processes the student's code may run at once")
    grade.add_argument("--output", type=_count, default=limits.output_kb, metavar="KB",
                       help="most answer data read back from one submission")
    grade.add_argument("--disk", type=_count, default=limits.disk_mb, metavar="MB",
                       help="most files the student's code may write in its throw-away folders (they are in memory)")
    grade.add_argument("--no-sandbox", action="store_true",
                       help="grade without bubblewrap (macOS, Windows, containers): keeps a clean environment, a "
                            "temporary HOME, the limits and the process-group kill, but the student's code can "
                            "read your files. Only for code you trust")
    grade.add_argument("--quiet", action="store_true", help="no progress bar")

    check = commands.add_parser(
        "check", help="check my homework notebook: score and a hint per question",
        description=(
            "Run the answer cells of your saved homework notebook the way the teacher's grader does "
            "(after the homework's own setup cells, with the student id of its first cell) and print one "
            "line per question, judged with the same answer key as the check cells. Save the notebook "
            "first: the saved file is checked. The file is not changed."
        ),
    )
    check.add_argument("notebook", type=Path,
                       help="your homework notebook, e.g. exercises/06_bipolar_world_and_nato.ipynb")
    check.add_argument("--timeout", type=_positive, default=grader.DEFAULT_CELL_TIMEOUT,
                       help="seconds one cell may run before it is stopped (default: %(default)s)")

    review = commands.add_parser(
        "review", help="the written answers of a graded class, for the teacher to score",
        description=(
            "From a gradebook written by `ircourse grade`, write an HTML review sheet with the written "
            "answers, one question at a time across students, with the rubric and a score field, and a "
            "scores CSV to fill in. With --scores, merge the scores you entered (the CSV, or the sheet's "
            "export) back into the gradebook."
        ),
    )
    review.add_argument("gradebook", type=Path, help="the gradebook CSV written by `ircourse grade`")
    review.add_argument("--scores", type=Path, default=None,
                        help="the scores CSV you filled in: merge it into the gradebook")
    review.add_argument("--out", type=Path, default=None, help="review sheet to write (default: <gradebook>_review.html)")

    report = commands.add_parser(
        "report", help="a class report (HTML) from a gradebook, or an export for a learning platform",
        description=(
            "Write one self-contained, offline HTML page with charts of the class's results: score "
            "distribution, success rate and discrimination of each question, the most common wrong "
            "answers, and who did not attempt. With --lms, export the gradebook in the grade-import "
            "layout of Moodle or Canvas instead."
        ),
    )
    report.add_argument("gradebook", type=Path, help="the gradebook CSV written by `ircourse grade`")
    report.add_argument("--out", type=Path, default=None, help="file to write (default: next to the gradebook)")
    report.add_argument("--lms", choices=["moodle", "canvas"], default=None,
                        help="export for a learning platform's grade import instead of the HTML report")

    build = commands.add_parser(
        "build-exercises", help="regenerate the student notebooks, question files and answer keys from the solutions",
        description=(
            "Read every exercises/solutions/NN_topic.ipynb, run its answers for every variant (a trusted "
            "run, cached), and write the student notebook exercises/NN_topic.ipynb, the public question "
            "file and the hashed answer key in src/ircourse/homework/. With --check, write nothing and "
            "fail if a generated file is stale or a solution notebook is not saved with its check outputs."
        ),
    )
    build.add_argument("--check", action="store_true", help="only verify that the generated files are fresh")
    build.add_argument("--execute", action="store_true",
                       help="also run every solution notebook and save it with its outputs (needed after "
                            "changing a question, so that its check cells show the expected lines)")
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
    "handout": "print a chapter (to read) or a homework (to answer by hand) as a PDF",
    "translations": "Uzbek and Russian: update the PO files, build the translated notebooks, coverage",
}


def main(argv: list[str] | None = None) -> int:
    """Run the ``ircourse`` command; return its exit status (0 ok, 1 failure, 2 usage error, 130 interrupted)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in ("site", "slides"):
        from . import publish

        return publish.main(argv, prog="ircourse")
    if argv and argv[0] == "dashboard":
        from . import dashboard

        return dashboard.main(argv[1:], prog="ircourse dashboard")
    if argv and argv[0] == "handout":
        from . import handout

        return handout.main(argv[1:], prog="ircourse handout")
    if argv and argv[0] == "translations":
        from .translation import cli as translation_cli

        return translation_cli.main(argv[1:])
    args = _parser().parse_args(argv)
    try:
        if args.command == "grade":
            return _grade(args)
        if args.command == "check":
            return _check(args)
        if args.command == "review":
            return _review(args)
        if args.command == "report":
            return _report(args)
        return _build(args)
    except (grader.GradingError, authoring.ExerciseError, sandbox.SandboxUnavailable, FileNotFoundError) as exc:
        print(f"ircourse {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"ircourse {args.command}: interrupted", file=sys.stderr)
        return 130


def _grade(args: argparse.Namespace) -> int:
    from .homework import gradebook

    feedback = args.feedback or args.out.with_name(args.out.stem + "_feedback")
    if not args.folder.is_dir():
        raise grader.GradingError(f"{args.folder} is not a folder")
    gradebook.check_targets(args.folder, args.out, feedback)
    options = grader.Options(
        cell_timeout=args.timeout, total_timeout=args.total_timeout, sandbox=not args.no_sandbox,
        limits=sandbox.Limits(memory_mb=args.memory, cpu_seconds=args.cpu, file_mb=args.file_size,
                              processes=args.processes, output_kb=args.output, disk_mb=args.disk),
    )
    if args.no_sandbox:
        print("ircourse grade: warning: --no-sandbox: the students' code runs without isolation and can read "
              "your files; grade only code you trust this way.", file=sys.stderr)
    else:
        sandbox.check_available()
    roster = grader.read_roster(args.roster) if args.roster else None
    entries = grader.find_submissions(args.folder)
    if not entries:
        raise grader.GradingError(f"no .ipynb files under {args.folder}")
    homeworks = grader.load_homeworks()
    homework = args.homework or grader.majority_homework([e for e in entries if e.problem is None], homeworks)
    if homework not in homeworks:
        raise grader.GradingError(f"unknown homework {homework!r}; known: {', '.join(sorted(homeworks))}")
    writer = gradebook.Writer(args.out, feedback, homeworks[homework].question_ids)
    results = grader.grade_folder(args.folder, homework=homework, jobs=args.jobs, options=options,
                                  homeworks=homeworks, progress=not args.quiet, on_result=writer.append,
                                  roster=roster)
    writer.finish(results)
    counts = {s: sum(r.status == s for r in results) for s in grader.STATUSES}
    flagged = sum(bool(r.flags) for r in results)
    written = sum(bool(r.written) for r in results)
    print(f"graded {len(results)} submissions of {homework}: "
          + ", ".join(f"{n} {s}" for s, n in counts.items())
          + (f"; {flagged} flagged for a look" if flagged else "")
          + f"\ngradebook: {args.out}\nanswers:   {writer.answers}\nfeedback:  {feedback}/"
          + (f"\nwritten answers to score: ircourse review {args.out}" if written else ""))
    return 0


def _check(args: argparse.Namespace) -> int:
    from .homework import gradebook

    if not args.notebook.is_file():
        raise FileNotFoundError(f"{args.notebook} is not a file")
    print(t("grade.checking", file=args.notebook), flush=True)
    result = grader.grade_notebook(args.notebook, options=grader.Options(cell_timeout=args.timeout, sandbox=False),
                                   name=args.notebook.name, expectations=grader.FormativeExpected())
    print(gradebook.feedback_text(result), end="")
    return 1 if result.status == "error" else 0


def _review(args: argparse.Namespace) -> int:
    from .homework import review

    if args.scores:
        path = review.merge_scores(args.gradebook, args.scores)
        print(f"merged the scores of {args.scores} into {path}")
        return 0
    sheet, scores = review.write_sheet(args.gradebook, args.out)
    print(f"review sheet: {sheet}\nscores to fill in: {scores}\nthen: ircourse review {args.gradebook} --scores {scores}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from .homework import report

    if args.lms:
        path = report.export_lms(args.gradebook, args.lms, args.out)
        print(f"{args.lms} grade import file: {path}")
        return 0
    path = report.write_report(args.gradebook, args.out)
    print(f"class report: {path}")
    return 0


def _build(args: argparse.Namespace) -> int:
    root = args.root.resolve() if args.root else authoring.project_root()
    if args.check:
        problems = authoring.stale(root)
        for path in sorted(authoring.solutions_dir(root).glob("*.ipynb")):
            missing = authoring.unexecuted_checks(authoring.read_solution(path))
            if missing:
                problems.append(f"{path.relative_to(root)}: check cells of {', '.join(missing)} do not show their "
                                "expected line (run `ircourse build-exercises --execute`)")
        for problem in problems:
            print(problem)
        if not problems:
            print("the student notebooks, question files and answer keys are up to date")
        return 1 if problems else 0
    if args.execute:
        # the check cells need the fresh public files and keys: build, run the solutions, build again
        authoring.build(root, force=args.force)
        for path in sorted(authoring.solutions_dir(root).glob("*.ipynb")):
            print(f"running {path.relative_to(root)} ...", flush=True)
            authoring.execute_solution(path)
    for path in authoring.build(root, force=args.force):
        print(f"wrote {path.relative_to(root)}")
    if args.execute:
        for path in sorted(authoring.solutions_dir(root).glob("*.ipynb")):
            missing = authoring.unexecuted_checks(authoring.read_solution(path))
            if missing:
                print(f"  {path.name}: check cells not as expected: {', '.join(missing)}", file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
