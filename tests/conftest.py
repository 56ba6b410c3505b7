"""Fixtures shared by the tests: the built site and the browser, each made once per test session.

Every test that needs the real site built takes ``built_site`` (one strict
``mkdocs build``, as ``make build`` runs it); every browser test takes
``chromium_browser`` (one headless Chromium), and ``page_reports`` visits
every page once for all the per-page checks.  A browser check that passed on
the very same built files, code and Chromium is not run again
(:mod:`tests.verdicts`).  At the end, the report says how many cells of the
version matrix ran and how many came from the record.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import session as prepared
from tests import verdicts
from tests.browser import PageReport, chromium_version, launch, serve, skip_or_fail
from tests.session import BROWSER_CODE
from tests.sites import MATRIX_REPORT, PAGES, REPO, SITE_BUILD, SWEEP, ZENSICAL, build_limit

#: Set on a test item when its call passed (read by ``unchanged_since_passed``).
PASSED = pytest.StashKey[bool]()


@pytest.fixture(scope="session")
def built_site(request: pytest.FixtureRequest) -> Path:
    """A strict build of the real site, as `make build` runs it (into a temporary folder), once per session.

    Made as soon as the tests are collected (:mod:`tests.session`), or here when
    a test asks for it first.
    """
    build = request.config.stash.get(SITE_BUILD, None)
    if build is None:
        build = request.config.stash[SITE_BUILD] = prepared.build_site()
    if build.returncode != 0:
        # Said once, in full, at the end of the report (pytest_terminal_summary), not once for every test.
        pytest.fail(
            "the strict build of the site failed, so this test of the built site cannot run: the build's log is "
            "at the end of this report, under 'the build of the site'",
            pytrace=False,
        )
    return build.path


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The session's built site, served on 127.0.0.1."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Any]:
    """One headless Chromium for every browser test (skipped with the reason where it is missing; CI fails)."""
    with launch() as browser:
        yield browser


@pytest.fixture(scope="session")
def verdict_record(built_site: Path) -> verdicts.Verdicts:
    """The record of browser checks that passed, for files of the session's built site."""
    return verdicts.Verdicts(REPO / ".cache" / "verdicts", built_site)


@pytest.fixture(scope="session")
def site_digest(built_site: Path) -> str:
    """One digest of every file of the session's built site."""
    return verdicts.tree_digest(built_site)


@pytest.fixture(scope="session")
def page_reports(request: pytest.FixtureRequest, built_site: Path) -> dict[str, PageReport]:
    """Every page's checks (console, axe, the content column and timeline labels at 390 and 1280 px), one visit each.

    They run beside the other tests, from the moment the site is built
    (:class:`tests.session.PageSweep`). A page whose checks passed before on the
    very same files (the page and everything it loaded: :mod:`tests.verdicts`)
    is not visited: its report says ``recorded``.
    """
    sweep = request.config.stash.get(SWEEP, None)
    if sweep is None:
        return prepared.sweep_site(built_site, PAGES)
    return sweep.result()


@pytest.fixture
def unchanged_since_passed(
    request: pytest.FixtureRequest, site_digest: str, verdict_record: verdicts.Verdicts
) -> Iterator[None]:
    """For a browser test of the session's site: skipped if it passed on the very same site, code and Chromium."""
    code = [*BROWSER_CODE, Path(str(request.node.path))]
    key = [request.node.nodeid, site_digest, verdicts.code_digest(code), chromium_version()]
    if verdict_record.passed("test", key) is not None:
        pytest.skip(verdicts.UNCHANGED)
    yield
    if request.node.stash.get(PASSED, False):
        verdict_record.record("test", key, [])


@pytest.fixture
def unchanged_sources(request: pytest.FixtureRequest) -> Iterator[None]:
    """For a test of whole builds, or of the tooling on its own sites: skipped if it passed on the very same
    sources (pages, programs, tooling, packages), test code, Python, Chromium and Node.js."""
    record = prepared.sources_record()
    key = prepared.sources_key(request.node.nodeid, Path(str(request.node.path)))
    if record.passed("build", key) is not None:
        pytest.skip(verdicts.UNCHANGED.replace("built files", "sources"))
    yield
    if request.node.stash.get(PASSED, False):
        record.record("build", key, prepared.source_files())


@pytest.fixture(scope="session")
def zensical_site(request: pytest.FixtureRequest) -> Path:
    """The real site built by Zensical, as ``make build ENGINE=zensical`` runs it (started when the tests were
    collected, in a process of its own, where a test needs it)."""
    if importlib.util.find_spec("zensical") is None:
        skip_or_fail("Zensical is not installed (make install puts it in .venv from requirements.lock)")
    build = request.config.stash.get(ZENSICAL, None) or prepared.start_zensical_build()
    returncode, log = build.result(timeout=build_limit(REPO))
    assert returncode == 0, log
    return prepared.ZENSICAL_SITE


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    report = yield
    if report.when == "call":
        item.stash[PASSED] = report.passed
    return report


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    """The site's build log where it failed; how many cells of the version matrix ran, from the record, and why."""
    build = config.stash.get(SITE_BUILD, None)
    if build is not None and build.returncode != 0:
        terminalreporter.section("the build of the site")
        terminalreporter.write_line(build.log.rstrip())
    found = config.stash.get(MATRIX_REPORT, None)
    if found:
        terminalreporter.section("version matrix")
        terminalreporter.write_line(found)
