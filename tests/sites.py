"""Throw-away copies of the site for tests (same mkdocs.yml, own pages and snippets), built in this process."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import logging
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _pages() -> list[str]:
    from sitetools.project import Project

    return ["" if page.stem == "index" else f"{page.stem}/" for page in Project.at(REPO).pages()]


#: Every page of the site, as a path under the site's root ("" is the home page).
PAGES = _pages()
#: The build date of the session's site (its sitemap's dates): fixed, so two builds can be compared.
SOURCE_DATE_EPOCH = "1700000000"
#: The version matrix's summary, for the end of the test report (tests/conftest.py prints it).
MATRIX_REPORT = pytest.StashKey[str]()
#: The session's build of the site, and its pages' checks, started when the tests are collected (tests/session.py).
SITE_BUILD = pytest.StashKey["Any"]()
SWEEP = pytest.StashKey["Any"]()
ZENSICAL = pytest.StashKey["Any"]()


def make_site(
    root: Path, pages: dict[str, str], snippets: dict[str, str], records: dict[str, str] | None = None
) -> Path:
    """Write a site under ``root`` using the real mkdocs.yml without its nav."""
    root.mkdir(parents=True, exist_ok=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config[: config.index("\nnav:")] + "\n"
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "sitetools").symlink_to(REPO / "sitetools")
    (root / "overrides").symlink_to(REPO / "overrides")
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "stylesheets").symlink_to(REPO / "docs" / "stylesheets")
    (root / "docs" / "javascripts").symlink_to(REPO / "docs" / "javascripts")
    for name, text in pages.items():
        _write(root / "docs" / name, text)
    (root / "snippets").mkdir(exist_ok=True)
    for name, text in snippets.items():
        _write(root / "snippets" / name, text)
    for name, text in (records or {}).items():
        _write(root / "snippets" / name, text)
    return root


@dataclasses.dataclass(frozen=True)
class Built:
    """What a build of a test site ended with, as ``mkdocs build`` would say it (``stdout``: its log)."""

    returncode: int
    stdout: str


def build(root: Path, *, strict: bool = True) -> Built:
    """``mkdocs build --strict`` of a site, in this process: MkDocs' own build, without a new interpreter.

    The log is what the command prints (``WARNING -  ...`` lines, then
    ``Aborted with N warnings in strict mode!``).  Everything a build keeps is
    in its own configuration (:class:`sitetools.build.Build`), so builds in
    one process never see each other's runs.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    code = 0
    try:
        with contextlib.chdir(root):
            config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"), strict=strict)
            mkdocs_build(config)
    except Abort as abort:
        stream.write(f"{abort}\n")
        code = 1
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return Built(code, stream.getvalue())


def build_limit(root: Path) -> float:
    """How long a build of a site may take, whatever the machine's speed: as if every run took its whole timeout.

    Each snippet's run is bounded by its own timeout; only a build that hangs
    outside them (a bug in the tools) ever reaches this.
    """
    from sitetools.fences import FenceError
    from sitetools.project import Project

    fences = {f.snippet: f for f in Project.at(root).fences() if not isinstance(f, FenceError)}
    return 300 + 2 * sum(fence.timeout for fence in fences.values())  # a failing check is run twice


def fence(snippet: str, **options: str) -> str:
    info = " ".join(["snippet", *(f'{key}="{value}"' for key, value in options.items())])
    return f"```{info}\n{snippet}\n```\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
