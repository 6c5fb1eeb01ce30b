"""Time to build the offline course site and the slide decks (moved here from ``tests/test_publish.py``).

Usage (from the repository root, in the development environment)::

    python benchmarks/publish.py            # the site and every deck, once each
    python benchmarks/publish.py --repeat 3 # the median of three builds

Figures:

site    ``ircourse.publish.build_site`` from the committed notebooks into a temporary folder. Target: < 60 s
        (the budget the site test used to assert, issue 16: timings belong in benchmarks, not in tests).
slides  ``ircourse.publish.build_slides`` of every chapter. Target: < 60 s.

This is a benchmark, not a test: it prints each figure with its target and PASS or MISS, with the load
average, and always exits 0. What the site and the decks contain is tested in ``tests/test_publish.py``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"site": 60.0, "slides": 60.0}


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}/{os.cpu_count()} cores"


def measure(kind: str, repeat: int) -> list[float]:
    """Build the site or the decks ``repeat`` times into temporary folders; return the wall times."""
    from ircourse import publish

    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            if kind == "site":
                publish.build_site(Path(tmp) / "_site", ROOT)
            else:
                publish.build_slides(Path(tmp) / "_slides", None, ROOT)
            times.append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="builds per figure (the median is reported)")
    args = parser.parse_args(argv)
    for kind, target in TARGETS.items():
        print(f"== {kind}  [{load()}]", flush=True)
        seconds = statistics.median(measure(kind, max(1, args.repeat)))
        mark = "PASS" if seconds < target else "MISS"
        print(f"  {mark}  {kind} build: {seconds:.1f} s   (target < {target:.0f} s)  [{load()}]", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
