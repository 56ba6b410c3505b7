"""Exercises checked in the page: what a correct program does, as checks a run can pass.

A page's exercise is a fence of its own (TOML), beside its solution:

    ```exercise
    start = "tasks/exercise_progress_monitor_start.py"
    solution = "tasks/exercise_progress_monitor.py"

    [[checks]]
    says = "prints each result in the order the tasks were started"
    lines = ["a.txt:", "b.txt:", "c.txt:"]
    hint = "Collect the results after the loop, from the list of tasks, with result()."
    ```

Each check has ``says`` (what a correct program does, shown before the
reader runs anything), one condition, and a ``hint`` shown when it is the
first to fail.  The conditions read the run's output, its exit status and
its timeline (what the tasks did, recorded by ``inproc/task_recorder.py``):

* ``output = "exact"``: prints exactly what the solution prints (its record);
* ``lines = [...]``: each text appears in the output, each on a later line than the one before;
* ``absent = [...]``: none of these texts appears;
* ``count = {text = "fetching", times = 6}``: the text appears on exactly this many lines;
* ``exit = N``: the program ends with this exit status;
* ``ends_between = [low, high]``: the run lasts between these many seconds;
* ``at_most_at_once = {coro = "download", count = 3}``: tasks running that
  coroutine exist, and never more than ``count`` at once;
* ``at_least_at_once = {coro = "download", count = 2}``: at some moment at
  least ``count`` of them are alive together;
* ``cancelled = "slow"``: a task running that coroutine ends cancelled.

The same function checks the reader's attempt in the browser (in Pyodide: this
module is standard library only, and copied beside the driver) and, in the
tests, the solution (which must pass every check) and the starting point
(which must fail one), so no exercise is unsolvable or already solved.
"""

from __future__ import annotations

import json
from typing import Any

#: The conditions a check may have, each with what it reads.
CONDITIONS = (
    "output",
    "lines",
    "absent",
    "count",
    "exit",
    "ends_between",
    "at_most_at_once",
    "at_least_at_once",
    "cancelled",
)


class ExerciseError(ValueError):
    """An exercise fence that cannot be understood; the message names what is wrong."""


#: The fence's language: ```exercise
LANGUAGE = "exercise"


def page_exercises(text: str, page: str) -> list[dict[str, Any] | ExerciseError]:
    """Every exercise fence of a page, parsed (``where`` added); unreadable ones come back as errors."""
    import tomllib  # the tooling's Python (3.11+); the page's Python gets the checks as JSON

    from sitetools.fences import iter_fences

    found: list[dict[str, Any] | ExerciseError] = []
    for fence in iter_fences(text, page):
        if fence.language != LANGUAGE:
            continue
        where = f"{page}:{fence.line}"
        try:
            spec = tomllib.loads(fence.body)
        except tomllib.TOMLDecodeError as error:
            found.append(ExerciseError(f"{where}: the exercise fence is not TOML: {error}"))
            continue
        try:
            found.append({**parse(spec, where), "where": where, "body": fence.body})
        except ExerciseError as error:
            found.append(error)
    return found


def parse(spec: dict[str, Any], where: str) -> dict[str, Any]:
    """Validate an exercise's spec (from its fence's TOML); raise :class:`ExerciseError` naming ``where``."""
    for key in ("start", "solution"):
        if not isinstance(spec.get(key), str) or not spec[key].endswith(".py"):
            raise ExerciseError(f'{where}: an exercise names its {key} program: {key} = "page/file.py"')
    checks = spec.get("checks")
    if not isinstance(checks, list) or not checks:
        raise ExerciseError(f"{where}: an exercise has at least one [[checks]] table")
    for number, check in enumerate(checks, 1):
        found = [name for name in CONDITIONS if name in check]
        if len(found) != 1:
            raise ExerciseError(
                f"{where}: check {number} has {len(found)} conditions; each has exactly one of {', '.join(CONDITIONS)}"
            )
        for key in ("says", "hint"):
            if not isinstance(check.get(key), str) or not check[key].strip():
                raise ExerciseError(f'{where}: check {number} needs {key} = "..." (what a reader reads)')
        unknown = set(check) - {"says", "hint", *CONDITIONS}
        if unknown:
            raise ExerciseError(f"{where}: check {number} has unknown keys: {', '.join(sorted(unknown))}")
    unknown = set(spec) - {"start", "solution", "checks"}
    if unknown:
        raise ExerciseError(f"{where}: unknown exercise keys: {', '.join(sorted(unknown))}")
    return spec


def check(
    checks: list[dict[str, Any]],
    output: str,
    exit_status: int | None,
    timeline: dict[str, Any] | None,
    expected: str = "",
) -> list[dict[str, Any]]:
    """Each check with ``passed`` (True or False) and, for a failure, ``why`` (what the run did instead)."""
    results = []
    for item in checks:
        passed, why = _one(item, output, exit_status, timeline, expected)
        results.append({"says": item["says"], "hint": item["hint"], "passed": passed, "why": "" if passed else why})
    return results


def check_json(checks: str, output: str, exit_status: int, timeline: str, expected: str = "") -> str:
    """:func:`check` for the page's script: JSON in, JSON out."""
    record = json.loads(timeline) if timeline else None
    return json.dumps(check(json.loads(checks), output, exit_status, record, expected))


def _one(
    item: dict[str, Any], output: str, exit_status: int | None, timeline: dict[str, Any] | None, expected: str
) -> tuple[bool, str]:
    lines = output.splitlines()
    if "output" in item:
        same = output.strip() == expected.strip()
        return same, "" if same else "it prints something else than a correct program"
    if "lines" in item:
        position = 0
        for text in item["lines"]:
            found = next((index for index in range(position, len(lines)) if text in lines[index]), None)
            if found is None:
                return False, f"no line with {text!r}" + (" after the ones before it" if position else "")
            position = found + 1
        return True, ""
    if "absent" in item:
        present = [text for text in item["absent"] if text in output]
        return not present, f"it prints {present[0]!r}" if present else ""
    if "count" in item:
        times = sum(item["count"]["text"] in line for line in lines)
        return times == item["count"]["times"], f"{times} lines with {item['count']['text']!r}"
    if "exit" in item:
        return exit_status == item["exit"], f"it ended with exit status {exit_status}"
    if timeline is None:
        return False, "what its tasks did was not recorded"
    if "ends_between" in item:
        low, high = item["ends_between"]
        took = float(timeline.get("end", 0.0))
        return low <= took <= high, f"it took {took:.1f} s"
    if "cancelled" in item:
        tasks = [task for task in timeline.get("tasks", []) if task.get("coro", "").split(".")[-1] == item["cancelled"]]
        if not tasks:
            return False, f"no task ran {item['cancelled']}()"
        ended = {task.get("how") for task in tasks}
        return "cancelled" in ended, f"{item['cancelled']}() ended: {', '.join(sorted(str(how) for how in ended))}"
    rule = item.get("at_most_at_once") or item.get("at_least_at_once")
    most = _most_at_once(timeline, rule["coro"])
    if most == 0:
        return False, f"no task ran {rule['coro']}()"
    if "at_most_at_once" in item:
        return most <= rule["count"], f"{most} ran {rule['coro']}() at once"
    return most >= rule["count"], f"at most {most} ran {rule['coro']}() at once"


def _most_at_once(timeline: dict[str, Any], coro: str) -> int:
    """The most tasks running ``coro`` alive at one moment (from creation to end)."""
    end = float(timeline.get("end", 0.0))
    events = []
    for task in timeline.get("tasks", []):
        if task.get("coro", "").split(".")[-1] == coro:
            events.append((float(task.get("created", 0.0)), 1))
            finished = task.get("end")
            events.append((float(finished) if finished is not None else end, -1))
    alive = most = 0
    for _, change in sorted(events, key=lambda event: (event[0], event[1])):  # an end before a start at one time
        alive += change
        most = max(most, alive)
    return most
