"""What a test session starts before its first test: the built site, and the pages' checks beside the tests.

The slowest work of a session is done once, and early, so that it overlaps
the tests that do not need it (``conftest.py`` at the root calls these as
soon as the tests are collected):

* :func:`build_site`: the strict build of the site, as ``make build`` runs
  it, for every test that takes ``built_site``.  It runs every example on all
  cores and renders the pages as their runs come in; the Sybil tests of the
  pages then read the same runs from the run cache.
* :class:`PageSweep`: every page's checks (console, axe-core, the content
  column and the timeline labels at 390 and 1280 px) in a thread of their
  own, with a Chromium of their own, while the other tests go on; the
  ``page_reports`` fixture waits for it.  A page whose checks passed on the
  very same files is not visited (:mod:`tests.verdicts`).
"""

from __future__ import annotations

import dataclasses
import os
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
