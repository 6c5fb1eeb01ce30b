"""How long a teacher waits to grade a class of 30 homework submissions.

Copies the fixture submissions of homework 06 into a temporary folder as a class of 30 (mostly good and
partial work, plus the awkward cases: an endless loop, sys.exit, a huge print, a broken file...), grades
the folder the way ``ircourse grade`` does, and compares the wall time with the slowest single
submission graded on its own. The promise of the design: a class takes not minutes more than its
slowest submission.

Usage::

    python benchmarks/grade_30.py [--jobs N] [--timeout S] [--no-loop] [--no-sandbox]

The budget of the course: 30 submissions graded in under 2 minutes on 2 cores, with the sandbox on.

This is a benchmark, not a test: the numbers depend on the machine and on what else runs on it (the
load average is printed alongside).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from ircourse.homework import grader

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "submissions"
HOMEWORK = "06_bipolar_world_and_nato"

#: A class of 30: fixture -> how many students handed in something like it.
CLASS = {
    "good.ipynb": 10,
    "partial.ipynb": 6,
    "reordered_cells.ipynb": 2,
    "duplicated_cells.ipynb": 2,
    "edited_cells.ipynb": 2,
    "deleted_cells.ipynb": 2,
    "huge_print.ipynb": 1,
    "writes_file.ipynb": 1,
    "sys_exit.ipynb": 1,
    "blank.ipynb": 1,
    "broken_json.ipynb": 1,
    "infinite_loop.ipynb": 1,
}


def make_class(folder: Path, with_loop: bool) -> list[Path]:
    """Write the 30 submissions into ``folder`` (``student_01.ipynb``...); return their paths."""
    mix = dict(CLASS)
    if not with_loop:
        mix["good.ipynb"] += mix.pop("infinite_loop.ipynb")
    paths = []
    for fixture, count in mix.items():
        for _ in range(count):
            path = folder / f"student_{len(paths) + 1:02d}.ipynb"
            shutil.copy(FIXTURES / fixture, path)
            paths.append(path)
    assert len(paths) == 30, len(paths)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count(), help="parallel submissions (default: cores)")
    parser.add_argument("--timeout", type=float, default=grader.DEFAULT_CELL_TIMEOUT,
                        help="per-cell timeout in seconds (default: the grader's, %(default)s)")
    parser.add_argument("--no-loop", action="store_true", help="leave the endless-loop submission out")
    parser.add_argument("--no-sandbox", action="store_true", help="grade without bubblewrap (for comparison)")
    args = parser.parse_args(argv)

    options = grader.Options(cell_timeout=args.timeout, sandbox=not args.no_sandbox)
    homeworks = grader.load_homeworks()
    expectations = grader.Expected()
    start = time.perf_counter()
    expectations.entries(homeworks[HOMEWORK])  # the trusted run (cached after the first time)
    trusted = time.perf_counter() - start
    with tempfile.TemporaryDirectory(prefix="ircourse-bench-") as tmp:
        folder = Path(tmp) / "submissions"
        folder.mkdir()
        make_class(folder, with_loop=not args.no_loop)
        load_before = os.getloadavg()[0]
        start = time.perf_counter()
        results = grader.grade_folder(folder, homework=HOMEWORK, jobs=args.jobs, options=options,
                                      homeworks=homeworks, progress=False)
        wall = time.perf_counter() - start
        slowest = max(results, key=lambda r: r.seconds)
        alone = grader.grade_notebook(folder / slowest.file, homeworks, HOMEWORK, options, expectations=expectations)
        good = grader.grade_notebook(folder / "student_01.ipynb", homeworks, HOMEWORK, options,
                                     expectations=expectations)

    serial = sum(r.seconds for r in results)
    statuses = {s: sum(r.status == s for r in results) for s in grader.STATUSES}
    mode = "without the sandbox" if args.no_sandbox else "in the bubblewrap sandbox"
    print(f"\n30 submissions of {HOMEWORK} {mode}, {args.jobs} jobs, cell timeout {args.timeout:g} s, "
          f"{os.cpu_count()} cores, load average {load_before:.1f} before / {os.getloadavg()[0]:.1f} after")
    print(f"  statuses:                               {statuses}")
    print(f"  trusted run of the solution (expected): {trusted:6.1f} s")
    print(f"  wall time for the class:                {wall:6.1f} s   (budget: 120 s)")
    print(f"  slowest submission ({slowest.file}), graded alone: {alone.seconds:6.1f} s"
          f"   (in the class run: {slowest.seconds:.1f} s)")
    print(f"  a typical good submission, alone:       {good.seconds:6.1f} s")
    print(f"  sum of per-submission times:            {serial:6.1f} s   (speed-up {serial / wall:.1f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
