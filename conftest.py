"""Collect every example on every page of docs/ as a pytest test (Sybil).

This conftest sits at the repository root because Sybil only collects files
under the conftest's own folder.  Test ids name the page and the line:
``docs/first-examples.md::line:12,column:1``.  Before the tests run, every
snippet is run once on all cores (results land in the shared cache), so each
example test then only compares.
"""

import dataclasses
from pathlib import Path

import pytest

from sitetools.batches import evaluate_all
from sitetools.fences import FenceError
from sitetools.project import Project
from sitetools.runner import ForkServers
from sitetools.sybil_parsers import make_sybil

# Warm interpreters for the session's runs; they end with the pytest process.
PROJECT = dataclasses.replace(Project.at(Path(__file__).parent), servers=ForkServers())

pytest_collect_file = make_sybil(PROJECT).pytest()


def pytest_collection_finish(session: pytest.Session) -> None:
    if any(item.nodeid.startswith("docs/") for item in session.items):
        evaluate_all([f for f in PROJECT.fences() if not isinstance(f, FenceError)], PROJECT)
