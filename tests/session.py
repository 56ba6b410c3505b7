"""What a test session starts before its first test: the built site, and the pages' checks beside the tests.

The slowest work of a session is done once, and early, so that it overlaps
the tests that do not need it (``conftest.py`` at the root calls these as
soon as the tests are collected):

* :func:`build_site`: the strict build of the site, as ``make build`` runs
  it, for every test that takes ``built_site``.  It runs every example on all
  cores and renders the pages as their runs come in; the Sybil tests of the
  pages then read the same runs from the run cache.
* :class:`Background`: the Zensical build of the same site, in a process of
  its own (it takes the examples' runs from the run cache), for the test
  that compares every example under the two engines.
* :class:`PageSweep`: every page's checks (console, axe-core, the content
  column and the timeline labels at 390 and 1280 px) in a thread of their
  own, with a Chromium of their own, while the other tests go on; the
  ``page_reports`` fixture waits for it.  A page whose checks passed on the
  very same files is not visited (:mod:`tests.verdicts`).
"""

from __future__ import annotations

import dataclasses
import functools
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from tests import verdicts
from tests.browser import AXE, PageReport, chromium_version, context_for, launch, serve, sweep_page
from tests.sites import REPO, SOURCE_DATE_EPOCH, build_limit

#: The code of the browser checks: a change to it runs them all again.
BROWSER_CODE = [Path(__file__).with_name("browser.py"), Path(__file__).with_name("conftest.py"), Path(__file__), AXE]


@dataclasses.dataclass(frozen=True)
class SiteBuild:
    """The session's build of the site: where it is, and how the build ended."""

    path: Path
    returncode: int
    log: str


def build_site() -> SiteBuild:
    """``mkdocs build --strict`` of the real site into a temporary folder (removed when the session ends)."""
    site = Path(tempfile.mkdtemp(prefix="asyncio-by-example-site-"))
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=REPO,
        env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=build_limit(REPO),
    )
    return SiteBuild(site, completed.returncode, completed.stdout)


class Background:
    """A command started now, in a process of its own; the test that needs it waits for it."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        self.log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # no pipe to fill while nobody reads it
        self.process = subprocess.Popen(command, cwd=cwd, stdout=self.log, stderr=subprocess.STDOUT, text=True)

    def result(self, timeout: float) -> tuple[int, str]:
        """(its exit status, what it printed), once it has ended."""
        self.process.wait(timeout=timeout)
        self.log.seek(0)
        return self.process.returncode, self.log.read()


#: Where the Zensical build of the site goes (Zensical writes only inside the project).
ZENSICAL_SITE = REPO / ".cache" / "tests" / "zensical-site"


def start_zensical_build() -> Background:
    """``make build ENGINE=zensical``, into :data:`ZENSICAL_SITE`."""
    shutil.rmtree(ZENSICAL_SITE, ignore_errors=True)
    command = [sys.executable, "-m", "sitetools.zensical_build", "--site-dir", str(ZENSICAL_SITE)]
    return Background(command, REPO)


# --- tests that read the whole of the sources ------------------------------------------------------

#: What a build of the site is made from: pages, programs, tooling, theme overrides, configuration, packages.
SOURCES = ("docs", "snippets", "sitetools", "overrides", "mkdocs.yml", "requirements.lock", "js/package-lock.json")


def source_files() -> list[str]:
    """Every file a build of the site reads, relative to the repository."""
    found = []
    for name in SOURCES:
        path = REPO / name
        files = (
            [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        )
        found += [file.relative_to(REPO).as_posix() for file in files]
    return sorted(found)


@functools.cache
def tool_versions() -> tuple[str, ...]:
    """The pages' Python, Chromium and Node.js, as they name themselves ("" for one that is missing)."""
    from sitetools import interpreters
    from sitetools.interpreter import interpreter_facts

    pages_python = interpreter_facts(interpreters.find(interpreters.RECORDING) or sys.executable)[0]
    found = [pages_python]
    for command in (["chromium", "--version"], ["node", "--version"]):
        path = shutil.which(command[0])
        found.append(
            subprocess.run([path, *command[1:]], capture_output=True, text=True).stdout.strip() if path else ""
        )
    return tuple(found)


def sources_record() -> verdicts.Verdicts:
    return verdicts.Verdicts(REPO / ".cache" / "verdicts", REPO)


def sources_key(nodeid: str, test_file: Path) -> list[str]:
    """What a test of the whole sources is keyed on besides them: itself, its helpers and the tools."""
    code = [Path(__file__).with_name("conftest.py"), Path(__file__).with_name("sites.py"), Path(__file__), test_file]
    return [nodeid, verdicts.code_digest(code), *tool_versions()]


def passed_on_these_sources(nodeid: str, test_file: Path) -> bool:
    return sources_record().passed("build", sources_key(nodeid, test_file)) is not None


class PageSweep(threading.Thread):
    """Every page's checks, one visit each, in a thread of its own (Playwright's sync API: one per thread)."""

    def __init__(self, site: Path, pages: list[str]) -> None:
        super().__init__(name="page sweep", daemon=True)
        self.site = site
        self.pages = pages
        self.reports: dict[str, PageReport] = {}
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.reports = sweep_site(self.site, self.pages)
        except BaseException as error:  # noqa: BLE001 - handed to the test that waits (a skip, under CI a failure)
            self.error = error

    def result(self) -> dict[str, PageReport]:
        self.join()
        if self.error is not None:
            raise self.error
        return self.reports


def sweep_site(site: Path, pages: list[str]) -> dict[str, PageReport]:
    """The checks of every page of the built ``site``, each from the record where it passed on the same files."""
    record = verdicts.Verdicts(REPO / ".cache" / "verdicts", site)
    key = [verdicts.code_digest(BROWSER_CODE), chromium_version()]
    reports: dict[str, PageReport] = {}
    todo = []
    for path in pages:
        recorded = record.passed(f"page /{path}", key)
        if recorded is not None:
            reports[path] = PageReport.from_record(recorded)
        else:
            todo.append(path)
    if not todo:
        return reports
    with serve(site) as url, launch() as browser:
        context = context_for(browser, url)
        for path in todo:
            report = sweep_page(context, url, path)
            reports[path] = report
            if report.ok:
                record.record(f"page /{path}", key, report.loaded, {"timelines": report.timelines})
        context.close()
    return reports
