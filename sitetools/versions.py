"""The version matrix: every snippet run on every Python from 3.6 up.

For each snippet and each interpreter found here (:mod:`sitetools.interpreters`)
the run is classified, against what the snippet's fence declares:

* ``same``: it behaves as declared (exits normally, or ends with the
  ``raises=`` exception) and prints its recorded output, in the one meaning of
  "the same" (:mod:`sitetools.sameness`: tracebacks may differ in the frames
  inside Python's own files);
* ``different``: it behaves as declared but prints something else;
* ``failed``: it does not behave as declared; the exact last line of what it
  printed (``AttributeError: module 'asyncio' has no attribute 'run'``) is kept.

One more column, ``browser``, is about the Python of the reader's browser
(:mod:`sitetools.pyodide`).  It is ``same``, with no ``reason``, when the
page may offer a Run button: the program is not built on what the browser
lacks (:func:`sitetools.capabilities.browser_limit`), its output does not
hang on two tasks printing closer together than real timers keep their order
(:func:`sitetools.sameness.racing_prints`), and it prints its record in
Pyodide, in real time (durations within the tolerance).  Otherwise it
carries a one-line ``reason`` the page shows instead.  The first two are
read from the program and its virtual-clock run, so they never change from
one ``make versions`` to the next; a Pyodide run that does not match gets one
more, quiet try before it counts.

A snippet's minimum Python is derived from these runs, never typed by hand:
the oldest version from which it passes on every newer one.  A fence may
state what it expects (``needs="3.11"``); a statement the runs contradict is
a problem, and so is a result that is not monotonic (passes on 3.9, fails on
3.10).

The results are committed beside each snippet as ``NAME.versions.json``, so a
machine with one interpreter still shows them.  ``make versions`` rewrites
them with the interpreters it has and **keeps every other column**
(:func:`merge`): a column it could not run for the snippet's current source
is kept and marked ``older_source``.  The tests re-run the matrix where the
interpreters exist and fail when the committed results are out of date; an
``older_source`` column or a version never run fails only under ``CI=true``,
where every interpreter is present.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from sitetools import interpreters, sameness
from sitetools.capabilities import browser_limit, clock_for
from sitetools.checks import run_problems
from sitetools.fences import FenceError, SnippetFence
from sitetools.matrix import (
    BROWSER,
    SUFFIX,
    Cell,
    Matrix,
    column_key,
    is_current,
    matrix_options,
    minimum,
    read_matrix,
    source_hash,
    version_key,
)
from sitetools.records import read_record
from sitetools.runner import RunResult

if TYPE_CHECKING:
    from sitetools.project import Project


# --- classifying one run ----------------------------------------------------------


def classify(fence: SnippetFence, result: RunResult, record: str | None) -> Cell:
    if run_problems(fence, result):
        last = last_error(result.output) or f"(no output; exit status {result.exit_status})"
        if result.timed_out and result.exit_status is None:
            last = f"did not finish within {fence.timeout:g} s"
        elif result.timed_out:
            last += f" (then a process it started outlived the {fence.timeout:g} s timeout)"
        elif fence.raises is not None and result.exit_status == 0:
            last = f"exits normally instead of raising {fence.raises}"
        return Cell("failed", result.python_version, error=last, output=result.output)
    if record is not None and sameness.same(record, result.output, clock=result.clock):
        return Cell("same", result.python_version)
    return Cell("different", result.python_version, output=result.output)


def browser_reason_before_running(source: str, timeline: dict[str, object] | None) -> str:
    """Why the page gives no Run button, as far as the program and its virtual-clock run tell ("" if nothing)."""
    limit = browser_limit(source)
    if limit:
        return limit
    race = sameness.racing_prints(timeline) if timeline else None
    if race:
        gap, first, second = race
        return (
            f'its output hangs on two tasks printing {gap:.2f} s apart ("{_short(first, 30)}", then '
            f'"{_short(second, 30)}"), closer than a browser\'s timers keep their order'
        )
    return ""


def classify_browser(fence: SnippetFence, result: RunResult, record: str | None, reason: str = "") -> Cell:
    """The browser column: the same output as the record (durations within tolerance), or why not.

    ``reason`` is what the program is built on that the browser lacks, found
    before running it: the cell keeps it even when the output matches, since
    there the same lines come from other means and would teach the wrong thing.
    """
    python = f"{result.python_version} (Pyodide)"
    if not run_problems(fence, result) and record is not None and sameness.same(record, result.output, clock="real"):
        return Cell("same", python, reason=reason)
    cell = classify(fence, result, None)
    return Cell(
        cell.status, python, error=cell.error, output=result.output, reason=reason or _why_not(fence, result, record)
    )


def _why_not(fence: SnippetFence, result: RunResult, record: str | None) -> str:
    if run_problems(fence, result):
        if fence.raises is not None and result.exit_status == 0:
            return f"in the browser it does not raise {fence.raises}"
        error = last_error(result.output, exceptions_only=True)
        return (
            f"in the browser it fails with {_short(error)}"
            if error
            else "in the browser, Pyodide stops with an error of its own"
        )
    for want, got in sameness.differing_lines(record or "", result.output, clock="real"):
        if not got:
            return f'in the browser it stops before "{_short(want)}"'
        if not want:
            return f'in the browser it goes on to print "{_short(got)}"'
        return f'in the browser it prints "{_short(got)}" where CPython prints "{_short(want)}"'
    return "it prints something else in the browser"


def _is_exception_line(line: str) -> bool:
    head = line.split(":", 1)[0].split(".")[-1]
    return head.isidentifier() and head.endswith(("Error", "Exception", "Warning", "Exit", "Interrupt", "Group"))


def last_error(output: str, *, exceptions_only: bool = False) -> str:
    """The line that names what went wrong: the last exception line, inside an exception group too
    (``AttributeError: ...`` rather than the group's closing ``+-----``); else the last line printed."""
    lines = [line.strip().lstrip("|+ ").strip() for line in output.strip().splitlines()]
    lines = [line for line in lines if line and set(line) - set("-+|")]
    found = next((line for line in reversed(lines) if _is_exception_line(line)), "")
    return found or ("" if exceptions_only else (lines[-1] if lines else ""))


def _short(text: str, limit: int = 70) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- the minimum Python -------------------------------------------------------------


def distinct_fences(project: Project) -> dict[str, SnippetFence]:
    """One fence per existing snippet (the audit makes sure all of its fences agree)."""
    found: dict[str, SnippetFence] = {}
    for fence in project.fences():
        if not isinstance(fence, FenceError) and (project.snippets_dir / fence.snippet).is_file():
            found.setdefault(fence.snippet, fence)
    return found


# --- running the matrix ---------------------------------------------------------------


def run_matrix(
    project: Project, fences: list[SnippetFence], columns: dict[str, str], *, workers: int | None = None
) -> tuple[dict[str, dict[str, Cell]], int]:
    """Run every fence's snippet on every interpreter given, in parallel and cached.

    ``columns`` maps "3.X" (and :data:`BROWSER`) to an interpreter.  Returns
    the cells by snippet and column, and how many came from the cache.
    Pass a project with fork servers (:meth:`Project.running`), as every caller does.
    """
    cache = project.cache

    def one(fence: SnippetFence, column: str, python: str) -> tuple[Cell, bool]:
        path = project.snippets_dir / fence.snippet
        source = path.read_text(encoding="utf-8")
        if column == BROWSER:
            return _browser_cell(project, fence, python, refresh=False)
        result, cached = cache.run(path, timeout=fence.timeout, clock=clock_for(source, fence.clock)[0], python=python)
        return classify(fence, result, read_record(path)), cached

    jobs = [(fence, column, python) for fence in fences for column, python in columns.items()]
    # Oldest Pythons first: they have no fork server, so their runs are the slowest.
    jobs.sort(key=lambda job: column_key(job[1]) if job[1] != BROWSER else (0,))
    cells: dict[str, dict[str, Cell]] = {fence.snippet: {} for fence in fences}
    hits = 0
    # The browser column runs in real time, after the CPython runs and with
    # fewer at once, so that a busy machine does not shift its printed times.
    for browser in (False, True):
        chosen = [job for job in jobs if (job[1] == BROWSER) == browser]
        if not chosen:
            continue
        if browser:
            from sitetools import pyodide

            pyodide.ensure_snapshot()  # once, before the parallel runs start from it
        size = (workers or 2 * (os.cpu_count() or 1)) // (2 if browser else 1) or 1
        with concurrent.futures.ThreadPoolExecutor(max_workers=size) as pool:
            futures = {(f.snippet, column): pool.submit(one, f, column, python) for f, column, python in chosen}
            for (snippet, column), future in futures.items():
                cells[snippet][column], cached = future.result()
                hits += cached
    # A browser run that does not match gets one more try, alone: with the
    # other runs going, timers fire late on a busy machine.
    by_snippet = {fence.snippet: fence for fence in fences}
    for snippet, found in cells.items():
        cell = found.get(BROWSER)
        if cell is not None and not cell.runs_in_browser and not decided_before_running(cell.reason):
            found[BROWSER] = _browser_cell(project, by_snippet[snippet], columns[BROWSER], refresh=True)[0]
    return {
        snippet: dict(sorted(found.items(), key=lambda item: column_key(item[0]))) for snippet, found in cells.items()
    }, hits


def confirmed(project: Project, fences: list[SnippetFence], columns: dict[str, str]) -> dict[str, dict[str, Cell]]:
    """:func:`run_matrix`, with every result that disagrees with the committed matrix run once more, alone.

    A verdict must not depend on the machine's speed: a mismatch counts only
    if it holds twice.  The runs are made as ``make versions`` makes them, forked
    from warm interpreters (:meth:`Project.running`): on Python 3.8 the repr
    of a task collected as garbage depends on how its process started.
    """
    with project.running() as project:
        fresh, _ = run_matrix(project, fences, columns)
        for fence in fences:
            committed = read_matrix(project.snippets_dir / fence.snippet)
            old_columns = committed.columns() if committed is not None else {}
            for column, cell in fresh[fence.snippet].items():
                old = old_columns.get(column)
                if old is not None and not _unchanged(column, old, cell):
                    fresh[fence.snippet][column] = recheck(project, fence, column, columns[column])
    return fresh


def decided_before_running(reason: str) -> bool:
    """Whether a browser cell's reason was read from the program (and its virtual-clock run), not from Pyodide."""
    return bool(reason) and not reason.startswith(("in the browser", "it prints something else"))


def _browser_cell(project: Project, fence: SnippetFence, python: str, *, refresh: bool) -> tuple[Cell, bool]:
    """Run a snippet in the browser's Python and decide on its Run button."""
    path = project.snippets_dir / fence.snippet
    source = path.read_text(encoding="utf-8")
    reason = browser_reason_before_running(source, _virtual_timeline(project, fence))
    result, cached = project.cache.run(path, timeout=fence.timeout, clock="real", python=python, refresh=refresh)
    return classify_browser(fence, result, read_record(path), reason), cached


def _virtual_timeline(project: Project, fence: SnippetFence) -> dict[str, object] | None:
    """The tasks' timeline of the build's run of a snippet on the virtual clock (from the cache), if any."""
    path = project.snippets_dir / fence.snippet
    clock = clock_for(path.read_text(encoding="utf-8"), fence.clock)[0]
    if clock != "virtual":
        return None
    result, _ = project.cache.run(path, timeout=fence.timeout, clock=clock, python=sys.executable, timeline=True)
    return result.timeline


def recheck(project: Project, fence: SnippetFence, column: str, python: str) -> Cell:
    """Run one snippet on one column again, afresh: a mismatch must hold twice before it is reported."""
    path = project.snippets_dir / fence.snippet
    if column == BROWSER:
        return _browser_cell(project, fence, python, refresh=True)[0]
    clock = clock_for(path.read_text(encoding="utf-8"), fence.clock)[0]
    result, _ = project.cache.run(path, timeout=fence.timeout, clock=clock, python=python, refresh=True)
    return classify(fence, result, read_record(path))


# --- keeping the committed results ------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Merged:
    """A snippet's new matrix, and which of its columns came from an older source."""

    matrix: Matrix
    kept: tuple[str, ...]  # columns not run here, kept from the committed matrix
    older: tuple[str, ...]  # of those, the ones run on an older version of the snippet


def merge(fence: SnippetFence, path: Path, fresh: dict[str, Cell], committed: Matrix | None) -> Merged:
    """The new matrix: fresh results where they were run, the committed ones everywhere else.

    A committed column that was not run here is kept; if the snippet or its
    options changed since, it is marked ``older_source`` (CI, which has every
    interpreter, refreshes it).  A fresh result equal to the committed one
    keeps the committed cell, so outputs that only differ in what never
    matters (an address, a patch release) make no diff.
    """
    current = committed is not None and is_current(committed, fence, path)
    old_columns = committed.columns() if committed is not None else {}
    columns: dict[str, Cell] = {}
    kept, older = [], []
    for column in sorted({*old_columns, *fresh}, key=column_key):
        old, new = old_columns.get(column), fresh.get(column)
        if new is None:
            assert old is not None
            kept.append(column)
            if not current or old.older_source:
                older.append(column)
            columns[column] = old if current else dataclasses.replace(old, older_source=True)
        elif old is not None and not old.older_source and current and _unchanged(column, old, new):
            columns[column] = old
        else:
            columns[column] = new
    browser = columns.pop(BROWSER, None)
    matrix = Matrix(source_hash(path), matrix_options(fence), columns, browser)
    return Merged(matrix, tuple(kept), tuple(older))


def _unchanged(column: str, old: Cell, new: Cell) -> bool:
    """Whether a fresh result says what the committed one says (for the browser: the same Run decision)."""
    if column != BROWSER:
        return old.same_result(new)
    if old.runs_in_browser or new.runs_in_browser:
        return old.runs_in_browser == new.runs_in_browser
    if decided_before_running(old.reason) or decided_before_running(new.reason):
        return old.reason == new.reason
    # No button either way: the first difference it quotes may have a printed time that moved
    # with the machine's speed (no change), or quote another record (a change).
    return sameness.only_numbers_differ(old.reason, new.reason)


# --- what is wrong with a committed matrix -------------------------------------------------


def problems(project: Project, fence: SnippetFence, fresh: dict[str, Cell] | None) -> list[str]:
    """What is wrong with one snippet's committed matrix, given fresh runs here (if any).

    Under ``CI=true``, where every interpreter is present, a column kept from
    an older source or a version never run is a problem too.
    """
    path = project.snippets_dir / fence.snippet
    name = f"snippets/{fence.snippet}"
    committed = read_matrix(path)
    refresh = f"run `make versions SNIPPETS={fence.snippet}` and commit {name.removesuffix('.py')}{SUFFIX}"
    if committed is None:
        return [f"{fence.where}: {name} has no version matrix yet: {refresh}"]
    if not is_current(committed, fence, path):
        return [
            f"{fence.where}: the version matrix of {name} is out of date (the snippet or its fence changed): {refresh}"
        ]
    found = []
    for column, cell in (fresh or {}).items():
        old = committed.columns().get(column)
        if old is not None and _unchanged(column, old, cell):
            continue
        was = "not run" if old is None else _describe(old, column)
        where = "in the browser (Pyodide)" if column == BROWSER else f"on Python {cell.python}"
        found.append(
            f"{fence.where}: {where}, {name} now {_describe(cell, column)}; "
            f"the committed matrix says it {was}: {refresh}"
        )
    if found:
        return found
    if os.environ.get("CI") == "true":
        found += incomplete(fence, committed)
    derived, contradictions = minimum(committed.cells)
    found += [f"{fence.where}: {name} {text}" for text in contradictions]
    if fence.needs is not None and derived is not None and derived != fence.needs:
        found.append(
            f'{fence.where}: {name} states needs="{fence.needs}", but the runs say it needs Python {derived} '
            f"({_why(committed.cells, derived, fence.needs)}); fix the snippet or the statement"
        )
    return found


def incomplete(fence: SnippetFence, committed: Matrix) -> list[str]:
    """Columns kept from an older version of the snippet, and versions never run: CI has them all."""
    older = [column for column, cell in committed.columns().items() if cell.older_source]
    never = [version for version in interpreters.SUPPORTED if version not in committed.cells]
    if committed.browser is None:
        never.append(BROWSER)
    found = []
    command = f"`make versions SNIPPETS={fence.snippet}` on a machine that has them (CI has every one)"
    if older:
        found.append(
            f"{fence.where}: the version matrix of snippets/{fence.snippet} keeps results from an older version "
            f"of the snippet for {_columns(older)}: run {command}, and commit the result"
        )
    if never:
        found.append(
            f"{fence.where}: snippets/{fence.snippet} was never run on {_columns(never)}: run {command}, "
            "and commit the result"
        )
    return found


def _columns(columns: Iterable[str]) -> str:
    return ", ".join("the browser's Python" if column == BROWSER else f"Python {column}" for column in columns)


def _describe(cell: Cell, column: str = "") -> str:
    if column == BROWSER:
        return "gets a Run button" if cell.runs_in_browser else f"gets no Run button ({cell.reason})"
    if cell.status == "same":
        return "prints its recorded output"
    if cell.status == "different":
        return "runs but prints another output"
    return f"fails with: {cell.error}"


def _why(cells: dict[str, Cell], derived: str, needs: str) -> str:
    if version_key(derived) > version_key(needs):
        below = [v for v in cells if version_key(v) < version_key(derived)]
        if not below:
            return f"it was not run on any Python older than {derived} here"
        last_failure = max(below, key=version_key)
        return f"on {last_failure} it fails with: {cells[last_failure].error}"
    return f"it already passes on {derived}"


# --- what the page shows ----------------------------------------------------------------
