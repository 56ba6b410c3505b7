"""Throw-away copies of the site for tests: same mkdocs.yml, own pages and snippets."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


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


def build(root: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of a site, as ``make build`` runs it."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # warnings go to stderr, "Aborted with..." to stdout
        text=True,
        timeout=build_limit(root),
        cwd=root,
    )


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
