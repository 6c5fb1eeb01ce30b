"""``python -m ircourse.build`` end to end: the maintainers' command rebuilds ``data/`` byte for byte.

The command runs in a subprocess, as a maintainer runs it, against ``../shared/data-sources`` (present
on the maintainers' machines and in CI; the tests that need it are skipped, with the reason, where it
is absent, as on Binder). Its output goes to a temporary folder and is compared with the committed
``data/``: this is a snapshot comparison, so it says *that* the data changed; the tests of
``tests/test_build_*.py`` and the fact tests say *what* is wrong.
"""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import RAW, ROOT

DATA = ROOT / "data"
needs_raw = pytest.mark.skipif(not RAW.is_dir(),
                               reason="../shared/data-sources is not here (it is not on Binder)")


def build(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ircourse.build", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=600)


@needs_raw
def test_the_command_rebuilds_data_exactly(tmp_path):
    out = tmp_path / "data"
    done = build("--out", str(out), cwd=tmp_path)  # default --sources: ../shared/data-sources of the checkout
    assert done.returncode == 0, done.stdout + done.stderr
    catalogue = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in catalogue["resources"]]
    assert f"wrote {len(names)} datasets, datapackage.json and README.md to {out}" in done.stdout
    for name in names:   # one line per dataset with its row count
        assert any(line.split()[:1] == [name] for line in done.stdout.splitlines()), name
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in DATA.iterdir())
    _, mismatch, errors = filecmp.cmpfiles(out, DATA, [p.name for p in DATA.iterdir()], shallow=False)
    assert not mismatch and not errors, f"data/ is stale: run `python -m ircourse.build` ({mismatch})"


@needs_raw
def test_only_rebuilds_the_named_datasets(tmp_path):
    out = tmp_path / "data"
    shutil.copytree(DATA, out)
    for name in ("un_members.csv", "nato_members.csv"):   # make both stale: drop their last row
        lines = (out / name).read_text(encoding="utf-8").splitlines(keepends=True)
        (out / name).write_text("".join(lines[:-1]), encoding="utf-8")
    stale = (out / "un_members.csv").read_text(encoding="utf-8")
    done = build("--sources", str(RAW), "--out", str(out), "--only", "nato_members")
    assert done.returncode == 0, done.stdout + done.stderr
    assert filecmp.cmp(out / "nato_members.csv", DATA / "nato_members.csv", shallow=False)
    assert (out / "un_members.csv").read_text(encoding="utf-8") == stale     # not rebuilt
    catalogue = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    rows = {r["name"]: r["rows"] for r in catalogue["resources"]}
    assert rows["nato_members"] == 32 and rows["un_members"] == 192   # the catalogue describes the files


def test_missing_sources_are_a_clear_error(tmp_path):
    done = build("--sources", str(tmp_path / "nowhere"), "--out", str(tmp_path / "data"))
    assert done.returncode == 2
    message = done.stdout + done.stderr
    assert message.startswith("error: ") and "raw source files are missing" in message
    assert "missing " in message and "download https://" in message  # each file, and where to get it
    assert "Traceback" not in message
    assert not (tmp_path / "data").exists()
