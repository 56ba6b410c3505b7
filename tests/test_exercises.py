"""Exercises checked in the page: the conditions, the fences, and every exercise solvable and not already solved."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest

from sitetools import exercises
from sitetools.cli import exercise_problems
from sitetools.project import Project
from sitetools.runner import ForkServers
from tests.sites import REPO

TIMELINE = {
    "end": 2.5,
    "tasks": [
        {"coro": "main", "created": 0.0, "end": 2.5, "how": "returned"},
        {"coro": "download", "created": 0.0, "end": 1.0, "how": "returned"},
        {"coro": "download", "created": 0.0, "end": 2.0, "how": "returned"},
        {"coro": "download", "created": 1.0, "end": 2.5, "how": "returned"},
        {"coro": "main.<locals>.slow", "created": 0.0, "end": 0.5, "how": "cancelled"},
    ],
}
OUTPUT = "start\na done\nb done\nend\n"


def one(
    condition: dict[str, Any], output: str = OUTPUT, exit_status: int = 0, timeline: Any = TIMELINE
) -> dict[str, Any]:
    [result] = exercises.check(
        [{"says": "s", "hint": "h", **condition}], output, exit_status, timeline, expected=OUTPUT
    )
    return result


@pytest.mark.parametrize(
    ("condition", "passed"),
    [
        ({"output": "exact"}, True),
        ({"lines": ["start", "b done", "end"]}, True),
        ({"lines": ["b done", "a done"]}, False),  # out of order
        ({"absent": ["Traceback"]}, True),
        ({"absent": ["a done"]}, False),
        ({"count": {"text": "done", "times": 2}}, True),
        ({"count": {"text": "done", "times": 1}}, False),
        ({"exit": 0}, True),
        ({"exit": 1}, False),
        ({"ends_between": [2.4, 3.0]}, True),
        ({"ends_between": [1.0, 2.0]}, False),
        ({"at_most_at_once": {"coro": "download", "count": 2}}, True),  # the third starts as the first ends
        ({"at_most_at_once": {"coro": "download", "count": 1}}, False),
        ({"at_least_at_once": {"coro": "download", "count": 2}}, True),
        ({"at_least_at_once": {"coro": "download", "count": 3}}, False),
        ({"at_least_at_once": {"coro": "upload", "count": 1}}, False),  # no such task at all
        ({"cancelled": "slow"}, True),  # a nested coroutine is named by its own name
        ({"cancelled": "download"}, False),
    ],
)
def test_each_condition_passes_and_fails(condition: dict[str, Any], passed: bool) -> None:
    result = one(condition)
    assert result["passed"] is passed, result
    assert bool(result["why"]) is not passed  # a failure says what the run did instead


def test_without_a_timeline_a_schedule_check_fails_and_says_why() -> None:
    assert one({"ends_between": [0, 9]}, timeline=None)["why"] == "what its tasks did was not recorded"


def test_the_page_gets_json_in_and_out() -> None:
    import json

    found = json.loads(
        exercises.check_json(json.dumps([{"says": "s", "hint": "h", "exit": 0}]), "", 0, json.dumps(TIMELINE))
    )
    assert found == [{"says": "s", "hint": "h", "passed": True, "why": ""}]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('start = "a/b.py"\n', "names its solution program"),
        ('start = "a/b.py"\nsolution = "a/c.py"\n', "at least one [[checks]]"),
        ('start = "a/b.py"\nsolution = "a/c.py"\n[[checks]]\nsays = "x"\nhint = "y"\n', "has 0 conditions"),
        ('start = "a/b.py"\nsolution = "a/c.py"\n[[checks]]\nsays = "x"\nexit = 0\n', 'needs hint = "..."'),
        ("start = [", "is not TOML"),
    ],
)
def test_an_unreadable_exercise_fence_is_an_error_naming_page_and_line(body: str, message: str) -> None:
    [found] = exercises.page_exercises(f"# Page\n\n```exercise\n{body}```\n", "docs/page.md")
    assert isinstance(found, exercises.ExerciseError)
    assert str(found).startswith("docs/page.md:3: ") and message in str(found), found


def test_every_page_with_an_exercise_checks_it_in_the_page() -> None:
    project = Project.at(REPO)
    pages = {
        page.relative_to(REPO).as_posix()
        for page in project.pages()
        if "\n## Exercise" in page.read_text(encoding="utf-8")
    }
    fenced = {exercise["where"].split(":")[0] for exercise in project.exercises() if isinstance(exercise, dict)}
    assert pages and pages <= fenced, sorted(pages - fenced)


def test_every_solution_passes_its_checks_and_every_start_fails_one() -> None:
    """The same checks as the page's Check button, on the build's runs of the solution and of the start."""
    with ForkServers() as servers:
        report, problems = exercise_problems(dataclasses.replace(Project.at(REPO), servers=servers), [])
    assert problems == []
    assert len(report) == len([e for e in Project.at(REPO).exercises() if isinstance(e, dict)]) > 0
    assert all(re.search(r"the start fails [1-9]", line) for line in report), report
