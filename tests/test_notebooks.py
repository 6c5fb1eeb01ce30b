"""Every chapter runs top to bottom in a fresh kernel and reproduces its committed outputs (strict nbval)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import ROOT, TESTS

CHAPTERS = sorted((ROOT / "notebooks").glob("*.ipynb"))
MAX_BYTES = 300_000


@pytest.mark.parametrize("notebook", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_chapter_passes_strict_nbval(notebook):
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval", str(notebook), "-q", "-p", "no:cacheprovider",
         "--nbval-sanitize-with", str(TESTS / "nbval_sanitize.cfg"), "--nbval-cell-timeout", "300"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


@pytest.mark.parametrize("notebook", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_chapter_is_committed_executed_small_and_clean(notebook):
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(c.get("execution_count") for c in code), "run the notebook: python tools/run_notebooks.py ..."
    assert "widgets" not in nb["metadata"], "widget state must be stripped (tools/run_notebooks.py does it)"
    assert notebook.stat().st_size < MAX_BYTES


@pytest.mark.parametrize("notebook", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_chapter_skeleton(notebook):
    """Learning objectives and time first; key points at the end."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    md = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"
          and "language-line" not in c["metadata"].get("tags", [])]  # the generated links to other languages
    assert "Time:" in md[0] and ("you can" in md[0] or "objectives" in md[0].lower()), notebook.name
    if not notebook.stem.startswith("00_"):
        assert "Key points" in md[-1] or "Key points" in md[-2], notebook.name
