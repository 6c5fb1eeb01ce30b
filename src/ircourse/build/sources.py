"""The raw sources of the build: where each file comes from, and a check that it is the right file.

``sources.toml`` (beside this module) lists every raw file that ``python -m ircourse.build`` reads
from the shared folder beside the checkout (``../shared/data-sources/...``, ``../shared/reference/...``):
its download address, version, licence, size and SHA-256. :func:`verify` compares the files on disk
with the list before a build, so that a maintainer who lacks a file, or holds another version of it,
is told which file and where to get it instead of meeting a pandas error halfway through the build.

::

    python -m ircourse.build --check-sources     # verify only, print the list
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

MANIFEST = Path(__file__).with_name("sources.toml")


class SourcesError(FileNotFoundError):
    """Raw source files are missing or differ from the ones ``data/`` was built from."""


@dataclass(frozen=True)
class RawFile:
    """One raw file of the build, as listed in ``sources.toml``.

    Attributes
    ----------
    file : str
        Path under the shared folder, with ``/`` separators (``"data-sources/cow-wars/..."``).
    download : str
        Where to download it, or ``""`` when it is not published (then ``obtain`` says how).
    version, licence, original : str
        The dataset version, its terms as stated by the source, and the original publisher.
    bytes : int
        Size of the expected file.
    sha256 : str
        SHA-256 of the expected file, in hexadecimal.
    made_here : str
        How the file was made from the download, when it is not the downloaded file itself.
    obtain : str
        How to obtain the file when there is no download address.
    """

    file: str
    download: str
    version: str
    licence: str
    original: str
    bytes: int
    sha256: str
    made_here: str = ""
    obtain: str = ""

    def where(self) -> str:
        """Return how to get the file: the download address, and how the file was made from it."""
        if not self.download:
            return self.obtain or "no download address is recorded"
        text = f"download {self.download}"
        return f"{text}; then: {self.made_here}" if self.made_here else text


def manifest(path: Path = MANIFEST) -> list[RawFile]:
    """Return the raw files listed in ``sources.toml``."""
    with open(path, "rb") as f:
        entries = tomllib.load(f)["source"]
    return [RawFile(**entry) for entry in entries]


def sha256(path: Path) -> str:
    """Return the SHA-256 of a file, in hexadecimal."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def problems(shared: Path, files: list[RawFile] | None = None) -> list[str]:
    """Return one line per listed file that is missing or differs under ``shared`` (empty: all good).

    Parameters
    ----------
    shared : Path
        The shared folder (the parent of ``data-sources``).
    files : list of RawFile, optional
        The files to check (default: every file of ``sources.toml``).
    """
    out = []
    for raw in manifest() if files is None else files:
        path = Path(shared) / raw.file
        if not path.is_file():
            out.append(f"missing {path}: {raw.where()}")
            continue
        size = path.stat().st_size
        if size != raw.bytes or sha256(path) != raw.sha256:
            out.append(f"different {path} ({size} bytes, sha256 {sha256(path)[:12]}…; expected {raw.bytes} "
                       f"bytes, sha256 {raw.sha256[:12]}…): {raw.where()}")
    return out


def verify(shared: Path, files: list[RawFile] | None = None) -> None:
    """Raise :class:`SourcesError` naming every missing or different raw file, with where to get it."""
    found = problems(shared, files)
    if found:
        listed = "\n  ".join(found)
        raise SourcesError(
            f"{len(found)} of {len(manifest() if files is None else files)} raw source files are missing or "
            f"are not the ones data/ was built from. The build reads them from the shared folder beside "
            f"the checkout ({Path(shared)}: data-sources/ and reference/; present on the maintainers' "
            f"machines and in CI, not on Binder); src/ircourse/build/sources.toml lists them all:"
            f"\n  {listed}")
