"""Fixtures shared by the tests of the built site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.sites import REPO, build_limit


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A strict build of the real site, as `make build` runs it (into a temporary folder)."""
    site = tmp_path_factory.mktemp("site")
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=build_limit(REPO),
    )
    assert completed.returncode == 0, completed.stdout
    return site
