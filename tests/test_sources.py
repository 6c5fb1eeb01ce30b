"""The manifest of raw sources (src/ircourse/build/sources.toml) and the build's check of it.

A maintainer who rebuilds data/ must be able to obtain every raw file the build reads, and must be
told which file is missing or different, with its download address, before the build starts.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

import pytest

from ircourse.build import build_all, sources

from .conftest import RAW, ROOT

SHARED = RAW.parent
needs_raw = pytest.mark.skipif(not RAW.is_dir(), reason=f"needs the raw sources in {RAW}")
GITHUB = re.compile(r"^https://raw\.githubusercontent\.com/([^/]+/[^/]+)/([0-9a-f]{40})/(.+)$")

#: Print every file under the shared folder that a full build opens (an audit hook sees every open()).
READ_BY_THE_BUILD = """
import json, os, sys
from pathlib import Path
shared, out = Path(sys.argv[1]).resolve(), sys.argv[2]
seen = set()
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        path = Path(os.fsdecode(args[0])).resolve()
        if path.is_relative_to(shared) and path.is_file():
            seen.add(path.relative_to(shared).as_posix())
sys.addaudithook(hook)
from ircourse.build import build_all
build_all(shared / "data-sources", Path(out))
print(json.dumps(sorted(seen)))
"""


def test_every_entry_says_where_to_get_the_file_and_under_which_terms():
    entries = sources.manifest()
    assert len({e.file for e in entries}) == len(entries), "a file is listed twice"
    for entry in entries:
        assert entry.download or entry.obtain, f"{entry.file}: no download address and no way to obtain it"
        if entry.download:
            assert GITHUB.match(entry.download), f"{entry.file}: not a pinned-commit address: {entry.download}"
        assert entry.version and entry.licence and entry.original, entry.file
        assert re.fullmatch(r"[0-9a-f]{64}", entry.sha256) and entry.bytes > 0, entry.file


def test_the_claims_fact_sheet_is_listed_as_a_reference_source():
    files = {e.file for e in sources.manifest()}
    assert "reference/article-factsheet.md" in files


@needs_raw
def test_every_download_address_is_the_one_recorded_in_the_provenance_notes():
    """The repository, commit and path of each address come from the folder's PROVENANCE.md."""
    for entry in sources.manifest():
        if not entry.file.startswith("data-sources/"):
            continue
        repo, commit, path = GITHUB.match(entry.download).groups()
        provenance = (SHARED / Path(entry.file).parent / "PROVENANCE.md").read_text(encoding="utf-8")
        rows = [line for line in provenance.splitlines() if line.startswith("|") and commit in line]
        assert any(repo in row and f"`{unquote(path)}`" in row for row in rows), (
            f"{entry.file}: {repo}@{commit}:{unquote(path)} is not in its PROVENANCE.md")


@needs_raw
def test_the_shared_files_are_the_ones_data_was_built_from():
    assert sources.problems(SHARED) == []
    for entry in sources.manifest():  # an independent reading of the checksums
        content = (SHARED / entry.file).read_bytes()
        assert (len(content), hashlib.sha256(content).hexdigest()) == (entry.bytes, entry.sha256), entry.file


@needs_raw
@pytest.mark.slow
def test_every_file_the_build_reads_is_listed(tmp_path):
    result = subprocess.run([sys.executable, "-c", READ_BY_THE_BUILD, str(SHARED), str(tmp_path / "data")],
                            capture_output=True, text=True, timeout=300, check=True)
    read = set(json.loads(result.stdout.strip().splitlines()[-1]))
    listed = {e.file for e in sources.manifest()}
    assert read, "the audit hook saw no file opened"
    assert read <= listed, f"read by the build but not in sources.toml: {sorted(read - listed)}"
    unused = {f for f in listed - read if f.startswith("data-sources/")}
    assert not unused, f"listed in sources.toml but never read by the build: {sorted(unused)}"


def _entry(tmp_path: Path, name: str, content: bytes, **extra) -> sources.RawFile:
    (tmp_path / "data-sources").mkdir(exist_ok=True)
    (tmp_path / "data-sources" / name).write_bytes(content)
    return sources.RawFile(file=f"data-sources/{name}", download=f"https://example.org/{name}", version="1",
                           licence="CC BY 4.0", original="someone", bytes=len(content),
                           sha256=hashlib.sha256(content).hexdigest(), **extra)


def test_missing_and_different_files_are_named_with_their_download_address(tmp_path):
    good = _entry(tmp_path, "good.csv", b"a,b\n1,2\n")
    changed = _entry(tmp_path, "changed.csv", b"a,b\n1,2\n")
    (tmp_path / changed.file).write_bytes(b"a,b\n1,3\n")  # same size, other content
    missing = _entry(tmp_path, "missing.csv", b"x\n", made_here="re-saved as CSV")
    (tmp_path / missing.file).unlink()
    unpublished = replace(_entry(tmp_path, "notes.md", b"# notes\n"), download="", obtain="ask the maintainers")
    (tmp_path / unpublished.file).unlink()

    found = sources.problems(tmp_path, [good, changed, missing, unpublished])
    assert len(found) == 3
    assert found[0].startswith(f"different {tmp_path / changed.file}") and "https://example.org/changed.csv" in found[0]
    assert found[1] == (f"missing {tmp_path / missing.file}: download https://example.org/missing.csv; "
                        "then: re-saved as CSV")
    assert found[2] == f"missing {tmp_path / unpublished.file}: ask the maintainers"
    with pytest.raises(sources.SourcesError, match="3 of 4 raw source files"):
        sources.verify(tmp_path, [good, changed, missing, unpublished])
    sources.verify(tmp_path, [good])  # nothing to say


@needs_raw
def test_the_build_stops_before_writing_when_a_raw_file_differs(tmp_path):
    shared = tmp_path / "shared"
    for entry in sources.manifest():
        (shared / entry.file).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SHARED / entry.file, shared / entry.file)  # CI's shared/ has no write bits
    victim = shared / "data-sources" / "cow-wars" / "Inter-StateWarData_v4.0.csv"
    victim.write_bytes(victim.read_bytes().replace(b"1823", b"1824", 1))
    out = tmp_path / "data"
    with pytest.raises(sources.SourcesError) as error:
        build_all(shared / "data-sources", out)
    assert str(victim) in str(error.value)
    assert "https://raw.githubusercontent.com/Labs123355/DAAN-881-FinalProj/" in str(error.value)
    assert not out.exists(), "the build wrote data before checking its sources"


def test_check_sources_command_lists_what_is_missing(tmp_path):
    result = subprocess.run([sys.executable, "-m", "ircourse.build", "--check-sources",
                             "--sources", str(tmp_path / "data-sources")],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 1
    total = len(sources.manifest())
    assert f"0 of {total} raw files present and verified" in result.stdout
    assert result.stderr.count("error: missing ") == total
