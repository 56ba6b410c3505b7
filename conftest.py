"""Collect every example on every page of docs/ as a pytest test (Sybil).

This conftest sits at the repository root because Sybil only collects files
under the conftest's own folder.  Test ids name the page and the line:
``docs/first-examples.md::line:12,column:1``.
"""

from pathlib import Path

from sitetools.project import Project
from sitetools.sybil_parsers import make_sybil

pytest_collect_file = make_sybil(Project.at(Path(__file__).parent)).pytest()
