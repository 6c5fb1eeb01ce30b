"""Execute course notebooks in place, deterministically, and strip what must not be committed.

Usage (from the repository root)::

    python tools/run_notebooks.py notebooks/03_war_across_5500_years.ipynb [more.ipynb ...]
    python tools/run_notebooks.py --all          # every chapter and every solution notebook
    python tools/run_notebooks.py --metadata-only --all   # fix the metadata only, run nothing

Each notebook runs top to bottom in a fresh kernel with its folder as working directory. Afterwards
widget state (``metadata.widgets``, several MB of FigureWidget JavaScript state) and timing metadata
are removed, so the committed file holds only the outputs that nbval compares.

The notebook metadata is set to exactly what JupyterLab writes when it opens the notebook and its
kernel starts: ``kernelspec`` (name, display name and language of the installed ``python3`` kernel)
and ``language_info`` (the kernel's own report, Python version included). JupyterLab replaces both
on opening and marks the notebook modified when they differ, so a student who only reads would be
asked to save on close. With ``--metadata-only`` nothing is executed: only these two entries (and
widget state) are rewritten, from the kernel of the Python that runs this script.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import start_new_kernel
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
KERNEL = "python3"
#: Kernel channels encrypted with CurveZMQ keys (ipykernel declares support): no "Kernel is running
#: over TCP without encryption" warning in the terminal.
ENCRYPTION = "auto"


def kernel_metadata(kernel_name: str = KERNEL) -> dict:
    """Return the ``kernelspec`` and ``language_info`` JupyterLab writes for ``kernel_name``.

    ``language_info`` is asked from a running kernel (as JupyterLab does); ``kernelspec`` is the
    installed spec's name, display name and language (JupyterLab's ``_updateSpec``).
    """
    spec = KernelSpecManager().get_kernel_spec(kernel_name)
    manager, client = start_new_kernel(kernel_name=kernel_name, transport_encryption=ENCRYPTION)
    try:
        reply = client.kernel_info(reply=True, timeout=60)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    return {
        "kernelspec": {"display_name": spec.display_name, "language": spec.language, "name": kernel_name},
        "language_info": reply["content"]["language_info"],
    }


def clean(nb: nbformat.NotebookNode, metadata: dict) -> nbformat.NotebookNode:
    """Set the kernel metadata JupyterLab would write and strip widget state and timing, in place."""
    nb.metadata.pop("widgets", None)
    for key, value in metadata.items():
        nb.metadata[key] = nbformat.from_dict(value)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    return nb


def write(nb: nbformat.NotebookNode, path: Path) -> None:
    """Write a notebook as JupyterLab saves it: nbformat JSON, one space indent, a final newline."""
    text = nbformat.writes(nb, version=4)
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8", newline="\n")


def run(path: Path, timeout: int = 300, metadata: dict | None = None) -> None:
    """Execute ``path`` in place, then :func:`clean` it."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name=KERNEL, record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute(transport_encryption=ENCRYPTION)
    write(clean(nb, metadata or kernel_metadata()), path)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--all", action="store_true", help="run every chapter and solution notebook")
    parser.add_argument("--metadata-only", action="store_true",
                        help="run nothing: only set the kernel metadata and strip widget state")
    args = parser.parse_args(argv)
    paths = list(args.notebooks)
    if args.all:
        paths += sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "exercises/solutions").glob("*.ipynb"))
    metadata = kernel_metadata()
    for path in paths:
        if args.metadata_only:
            nb = nbformat.read(path, as_version=4)
            before = nbformat.writes(nb, version=4)
            clean(nb, metadata)
            if nbformat.writes(nb, version=4) != before:
                print(f"metadata fixed: {path}", flush=True)
                write(nb, path)
            continue
        print(f"running {path}", flush=True)
        run(path, metadata=metadata)
    return 0


if __name__ == "__main__":
    sys.exit(main())
