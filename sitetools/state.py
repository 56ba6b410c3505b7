"""What the MkDocs hooks learned about the site, for the formatter to read.

superfences calls the formatter with the fence alone, without the page or
the MkDocs configuration, so the hooks keep both here.  Outcomes are
memoised for one build (the same snippet on two pages runs once); the memo
is dropped at the start of every build, so ``mkdocs serve`` never shows a
stale output.
"""

from __future__ import annotations

import logging
from pathlib import Path

import time

from sitetools.checks import Outcome, evaluate, evaluate_all
from sitetools.fences import SnippetFence
from sitetools.project import Project

log = logging.getLogger("mkdocs.plugins.snippets")  # under "mkdocs": counted by --strict

_project: Project | None = None
_page = "<unknown page>"
_outcomes: dict[tuple[str, tuple[tuple[str, object], ...]], Outcome] = {}


def start_build(project: Project) -> None:
    global _project
    _project = project
    _outcomes.clear()


def project() -> Project:
    if _project is None:
        raise RuntimeError("the sitetools MkDocs hooks are not enabled in mkdocs.yml (hooks: sitetools/mkdocs_hooks.py)")
    return _project


def snippets_dir() -> Path:
    return project().snippets_dir


def set_current_page(label: str) -> None:
    global _page
    _page = label


def current_page() -> str:
    return _page


def prepare(fences: list[SnippetFence]) -> None:
    """Run every example of the site at once, on all cores, before any page renders."""
    started = time.perf_counter()
    outcomes = evaluate_all(fences, project())
    for outcome in outcomes.values():
        for problem in outcome.problems:
            log.warning(problem)
    _outcomes.update(outcomes)
    ran = sum(1 for outcome in outcomes.values() if outcome.result is not None and not outcome.cached)
    log.info(f"snippets: {len(outcomes)} examples, {ran} run, {len(outcomes) - ran} from the cache, in {time.perf_counter() - started:.2f} s")


def outcome_for(fence: SnippetFence) -> Outcome:
    """Run (once per build) and check the snippet a fence refers to.

    Problems are logged as warnings the first time, so ``mkdocs build
    --strict`` fails and names every broken example, not just the first.
    """
    key = (fence.snippet, fence.run_options)
    if key not in _outcomes:
        outcome = evaluate(fence, project())
        for problem in outcome.problems:
            log.warning(problem)
        _outcomes[key] = outcome
    return _outcomes[key]
