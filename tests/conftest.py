"""Shared pytest configuration: nbval's sanitizer file, and markers for browser tests."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
RAW = ROOT.parent / "shared" / "data-sources"
CHROMIUM = Path("/usr/bin/chromium")
#: Headless Chromium as root on a machine with no network beyond the package registries and no GPU.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic",
                 "--use-angle=swiftshader", "--enable-unsafe-swiftshader"]  # WebGL on the CPU, for MapLibre

def working_tree_copy(dest: Path) -> Path:
    """Copy the files git would commit (tracked and untracked, not ignored) to ``dest``: what a clone holds."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():  # a deleted, not yet committed file is still listed by --cached
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return dest


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The offline course site in every language, built from the committed notebooks (one per test module)."""
    from ircourse import publish

    out = tmp_path_factory.mktemp("site") / "_site"
    publish.build_site(out)
    return out


@pytest.fixture(scope="module")
def chromium():
    """Debian's headless Chromium through Playwright (one per test module)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


#: The grader's fixture submissions are data, not tests (one of them loops forever on purpose).
collect_ignore_glob = ["fixtures/*"]


def pytest_configure(config: pytest.Config) -> None:
    """Pin nbval's sanitizer file to an absolute path (nbval resolves it from the working directory)."""
    if hasattr(config.option, "nbval_sanitize_with"):
        config.option.nbval_sanitize_with = str(TESTS / "nbval_sanitize.cfg")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip browser tests, with the reason, when Debian's Chromium is not installed."""
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
