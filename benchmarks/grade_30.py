"""How long a teacher waits to grade a class of 30 homework submissions.

Copies the fixture submissions of homework 06 into a temporary folder as a class of 30 (mostly good and
partial work, plus the awkward cases: an endless loop, sys.exit, a huge print, a broken file...), grades
the folder the way ``ircourse grade`` does, and compares the wall time with the slowest single
submission graded on its own. The promise of the design: a class takes not minutes more than its
slowest submission.

Usage::

    python benchmarks/grade_30.py [--jobs N] [--timeout S] [--no-loop]

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

from ircourse import grading

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
    parser.add_argument("--timeout", type=float, default=grading.DEFAULT_CELL_TIMEOUT,
                        help="per-cell timeout in seconds (default: the grader's, %(default)s)")
    parser.add_argument("--no-loop", action="store_true", help="leave the endless-loop submission out")
    args = parser.parse_args(argv)

    homeworks = grading.load_homeworks()
    with tempfile.TemporaryDirectory(prefix="ircourse-bench-") as tmp:
        folder = Path(tmp) / "submissions"
        folder.mkdir()
        make_class(folder, with_loop=not args.no_loop)
        load_before = os.getloadavg()[0]
        start = time.perf_counter()
        results = grading.grade_folder(folder, homework=HOMEWORK, jobs=args.jobs, cell_timeout=args.timeout,
                                       homeworks=homeworks)
        wall = time.perf_counter() - start
        slowest = max(results, key=lambda r: r.seconds)
        alone = grading.grade_notebook(folder / slowest.file, homeworks, HOMEWORK, cell_timeout=args.timeout)
        good = grading.grade_notebook(folder / "student_01.ipynb", homeworks, HOMEWORK, cell_timeout=args.timeout)

    serial = sum(r.seconds for r in results)
    statuses = {s: sum(r.status == s for r in results) for s in grading.STATUSES}
    print(f"\n30 submissions of {HOMEWORK}, {args.jobs} jobs, cell timeout {args.timeout:g} s, "
          f"{os.cpu_count()} cores, load average {load_before:.1f} before / {os.getloadavg()[0]:.1f} after")
    print(f"  statuses:                               {statuses}")
    print(f"  wall time for the class:                {wall:6.1f} s")
    print(f"  slowest submission ({slowest.file}), graded alone: {alone.seconds:6.1f} s"
          f"   (in the class run: {slowest.seconds:.1f} s)")
    print(f"  class minus its slowest submission:     {wall - alone.seconds:6.1f} s")
    print(f"  a typical good submission, alone:       {good.seconds:6.1f} s")
    print(f"  sum of per-submission times:            {serial:6.1f} s   (speed-up {serial / wall:.1f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
