"""Collect every example on every page of docs/ as a pytest test (Sybil), and start the session's slow work.

This conftest sits at the repository root because Sybil only collects files
under the conftest's own folder.  Test ids name the page and the line:
``docs/first-examples.md::line:12,column:1``.

As soon as the tests are collected, what they will need starts
(:mod:`tests.session`): where a test needs the built site, the strict build
of the site, which runs every example on all cores (the Sybil tests then
only compare, from the run cache), and the pages' browser checks, in a
thread of their own beside the other tests; where only the pages' examples
are tested, their snippets are run once on all cores.
"""

import dataclasses
import shutil
from pathlib import Path

import pytest

from sitetools.batches import evaluate_all
from sitetools.fences import FenceError
from sitetools.project import Project
from sitetools.runner import ForkServers
from sitetools.sybil_parsers import make_sybil
from tests import session as prepared
from tests.sites import PAGES, SITE_BUILD, SWEEP, ZENSICAL

# Warm interpreters for the session's runs; they end with the pytest process.
PROJECT = dataclasses.replace(Project.at(Path(__file__).parent), servers=ForkServers())

pytest_collect_file = make_sybil(PROJECT).pytest()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The browser tests last, the pages' checks very last: the checks run in their own thread from the
    start, so the longer the other tests take, the less anyone waits for them (a stable sort: the order
    within each group is pytest's)."""

    def group(item: pytest.Item) -> int:
        if "page_reports" in getattr(item, "fixturenames", ()):
            return 2
        return 1 if item.get_closest_marker("browser") else 0

    items.sort(key=group)


def pytest_collection_finish(session: pytest.Session) -> None:
    wanted = {name for item in session.items for name in getattr(item, "fixturenames", ())}
    if "built_site" in wanted:
        build = session.config.stash[SITE_BUILD] = prepared.build_site()
        if build.returncode == 0 and "page_reports" in wanted:
            sweep = session.config.stash[SWEEP] = prepared.PageSweep(build.path, PAGES)
            sweep.start()
        comparing = [item for item in session.items if item.get_closest_marker("zensical")]
        if comparing and not all(prepared.passed_on_these_sources(i.nodeid, Path(str(i.path))) for i in comparing):
            session.config.stash[ZENSICAL] = prepared.start_zensical_build()
        return
    pages = {str(item.path) for item in session.items if item.nodeid.startswith("docs/")}
    if pages:
        fences = [f for f in PROJECT.fences() if not isinstance(f, FenceError)]
        evaluate_all([f for f in fences if str(PROJECT.root / f.page) in pages], PROJECT)


def pytest_sessionfinish(session: pytest.Session) -> None:
    sweep = session.config.stash.get(SWEEP, None)
    if sweep is not None:
        sweep.join()
    build = session.config.stash.get(SITE_BUILD, None)
    if build is not None:
        shutil.rmtree(build.path, ignore_errors=True)
    zensical = session.config.stash.get(ZENSICAL, None)
    if zensical is not None and zensical.process.poll() is None:
        zensical.process.kill()  # its test was not run (a failure stopped the session)
        zensical.process.wait()
