"""Execute course notebooks in place, deterministically, and strip what must not be committed.

Usage (from the repository root)::

    python tools/run_notebooks.py notebooks/03_war_across_5500_years.ipynb [more.ipynb ...]
    python tools/run_notebooks.py --all          # every chapter and every solution notebook

Each notebook runs top to bottom in a fresh kernel with its folder as working directory. Afterwards
widget state (``metadata.widgets``, several MB of FigureWidget JavaScript state) and timing metadata
are removed, so the committed file holds only the outputs that nbval compares.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def run(path: Path, timeout: int = 300) -> None:
    """Execute ``path`` in place and strip widget state and execution metadata."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--all", action="store_true", help="run every chapter and solution notebook")
    args = parser.parse_args(argv)
    paths = list(args.notebooks)
    if args.all:
        paths += sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "exercises/solutions").glob("*.ipynb"))
    for path in paths:
        print(f"running {path}", flush=True)
        run(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
