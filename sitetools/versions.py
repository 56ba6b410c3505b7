"""The version matrix: every snippet run on every Python from 3.6 up, and in the browser's Python.

A run in each column is judged by :mod:`sitetools.verdict` (``same``,
``different`` or ``failed``; the browser column also decides the Run button)
and committed beside the snippet as ``NAME.versions.json``, so a machine with
one interpreter still shows every result.  A snippet's minimum Python is
derived from these runs, never typed by hand: the oldest version from which
it passes on every newer one.  A fence may state what it expects
(``needs="3.11"``); a statement the runs contradict is a problem, and so is a
result that is not monotonic (passes on 3.9, fails on 3.10).

**Incremental, and honest about it.**  Each committed cell records what it was
run on (:mod:`sitetools.provenance`): the program's digest (its meaning, the
files beside it, its fence's options and its record), the interpreter's exact
version, and the fingerprint of the code that runs and judges it.
:func:`plan` re-runs only the cells whose inputs changed here or were never
run, and says why for each; every other cell comes from the record.
``SITETOOLS_FULL=1`` (the weekly CI run, ``make test FULL=1``) runs every
cell.  A result that disagrees with the committed one is run once more,
alone, before it counts (:func:`confirmed`): a verdict must not depend on how
busy the machine is.

``make versions`` rewrites the files with the cells it ran and **keeps every
other column** (:func:`merge`).  On a machine without some Python, a cell of
a program that changed since is kept from the older program; such a cell,
and a version never run, fails only under ``CI=true``, where every interpreter
is present.
"""

from __future__ import annotations

import collections
import concurrent.futures
import dataclasses
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from sitetools import interpreters, provenance
from sitetools.capabilities import clock_for
from sitetools.fences import FenceError, SnippetFence
from sitetools.interpreter import PYODIDE, interpreter
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
    source_digest,
    version_key,
)
from sitetools.records import read_record
from sitetools.verdict import (
    browser_reason_before_running,
    classify,
    classify_browser,
    decided_before_running,
    unchanged,
)

if TYPE_CHECKING:
    from sitetools.project import Project

#: ``SITETOOLS_FULL=1`` runs every cell, whatever the record says (and takes no browser check from the record).
FULL = "SITETOOLS_FULL"
#: A folder of results that the CI's matrix jobs made (one file per column): judged instead of run here.
RESULTS = "SITETOOLS_MATRIX_RESULTS"

#: Why a cell runs (:class:`Job`), in the order the report lists them.
NEVER_RUN = "never run"
PROGRAM_CHANGED = "the program, its files, its record or its fence changed"
TOOLS_CHANGED = "the code that runs and judges it changed"
PYTHON_CHANGED = "another release of its Python is here"
FULL_RUN = "this is a full run (SITETOOLS_FULL=1)"
REASONS = (NEVER_RUN, PROGRAM_CHANGED, PYTHON_CHANGED, TOOLS_CHANGED, FULL_RUN)


def distinct_fences(project: Project) -> dict[str, SnippetFence]:
    """One fence per existing snippet (the audit makes sure all of its fences agree)."""
    found: dict[str, SnippetFence] = {}
    for fence in project.fences():
        if not isinstance(fence, FenceError) and (project.snippets_dir / fence.snippet).is_file():
            found.setdefault(fence.snippet, fence)
    return found


# --- which cells run ------------------------------------------------------------------------


def exact_version(python: str) -> str:
    """What a cell's ``python`` says when it was run on this interpreter ("3.12.1", "3.14.2 (Pyodide)")."""
    version = interpreter(python).facts()[0]
    return f"{version} (Pyodide)" if python == PYODIDE else version


def tools_fingerprint(python: str) -> str:
    """The fingerprint a cell run on ``python`` is stamped with: our code's, and the interpreter kind's."""
    return provenance.short(provenance.tools_fingerprint() + interpreter(python).fingerprint())


@dataclasses.dataclass(frozen=True)
class Job:
    """One cell to run, and why."""

    fence: SnippetFence
    column: str
    python: str
    reason: str


@dataclasses.dataclass
class Plan:
    """Which cells of the matrix run here, and which come from the record."""

    jobs: list[Job]
    #: snippet -> column -> the committed cell, reused: everything it was run on is what is here.
    reused: dict[str, dict[str, Cell]]
    #: The digest each snippet's cells are current for (provenance.program_digest).
    digests: dict[str, str]
    #: The columns run here: "3.X" (and BROWSER) -> interpreter.
    columns: dict[str, str]

    def counts(self) -> collections.Counter[str]:
        return collections.Counter(job.reason for job in self.jobs)


def plan(
    project: Project, fences: Iterable[SnippetFence], columns: dict[str, str], *, full: bool | None = None
) -> Plan:
    """Decide, for every snippet and every column here, whether its committed cell holds or it runs again.

    A cell is reused when it was run on this very program digest, on this
    exact release of the column's Python, with this fingerprint of the code
    that runs and judges it.  ``full`` (default: ``SITETOOLS_FULL=1``)
    runs everything.
    """
    if full is None:
        full = os.environ.get(FULL) == "1"
    here = {column: (exact_version(python), tools_fingerprint(python)) for column, python in columns.items()}
    jobs: list[Job] = []
    reused: dict[str, dict[str, Cell]] = {}
    digests: dict[str, str] = {}
    for fence in fences:
        path = project.snippets_dir / fence.snippet
        committed = read_matrix(path)
        digest = source_digest(path, fence, committed)
        digests[fence.snippet] = digest
        old_columns = committed.columns() if committed is not None else {}
        reused[fence.snippet] = {}
        for column, python in columns.items():
            old = old_columns.get(column)
            version, tools = here[column]
            if full:
                reason = FULL_RUN
            elif old is None:
                reason = NEVER_RUN
            elif old.source != digest:
                reason = PROGRAM_CHANGED
            elif old.python != version:
                reason = PYTHON_CHANGED
            elif old.tools != tools:
                reason = TOOLS_CHANGED
            else:
                reused[fence.snippet][column] = old
                continue
            jobs.append(Job(fence, column, python, reason))
    return Plan(jobs, reused, digests, dict(columns))


# --- running cells -----------------------------------------------------------------------------


def run_jobs(
    project: Project, jobs: list[Job], *, workers: int | None = None
) -> tuple[dict[str, dict[str, Cell]], int]:
    """Run the cells of ``jobs`` in parallel, through the run cache; stamp each with what it was run on.

    Returns the cells by snippet and column, and how many came from the run
    cache.  Pass a project with fork servers (:meth:`Project.running`), as
    every caller does.
    """
    cells: dict[str, dict[str, Cell]] = collections.defaultdict(dict)
    hits = 0
    # Oldest Pythons first: they have no fork server, so their runs are the slowest.
    ordered = sorted(jobs, key=lambda job: column_key(job.column) if job.column != BROWSER else (0,))
    # The browser column runs in real time, after the CPython runs and with
    # fewer at once, so that a busy machine does not shift its printed times.
    for browser in (False, True):
        chosen = [job for job in ordered if (job.column == BROWSER) == browser]
        if not chosen:
            continue
        if browser:
            from sitetools import pyodide

            pyodide.ensure_snapshot()  # once, before the parallel runs start from it
        size = (workers or 2 * (os.cpu_count() or 1)) // (2 if browser else 1) or 1
        with concurrent.futures.ThreadPoolExecutor(max_workers=size, thread_name_prefix="matrix") as pool:
            futures = {job: pool.submit(run_cell, project, job.fence, job.column, job.python) for job in chosen}
            for job, future in futures.items():
                cells[job.fence.snippet][job.column], cached = future.result()
                hits += cached
    # A browser run that does not match gets one more try, alone: with the
    # other runs going, timers fire late on a busy machine.
    for job in jobs:
        cell = cells[job.fence.snippet].get(BROWSER) if job.column == BROWSER else None
        if cell is not None and not cell.runs_in_browser and not decided_before_running(cell.reason):
            cells[job.fence.snippet][BROWSER] = run_cell(project, job.fence, BROWSER, job.python, refresh=True)[0]
    return dict(cells), hits


def run_cell(
    project: Project, fence: SnippetFence, column: str, python: str, *, refresh: bool = False
) -> tuple[Cell, bool]:
    """One snippet on one column (through the run cache), judged and stamped; and whether it came from the cache."""
    path = project.snippets_dir / fence.snippet
    source = path.read_text(encoding="utf-8")
    record = read_record(path)
    if column == BROWSER:
        reason = browser_reason_before_running(source, _virtual_timeline(project, fence))
        result, cached = project.cache.run(path, timeout=fence.timeout, clock="real", python=python, refresh=refresh)
        cell = classify_browser(fence, result, record, reason)
    else:
        clock = clock_for(source, fence.clock)[0]
        result, cached = project.cache.run(path, timeout=fence.timeout, clock=clock, python=python, refresh=refresh)
        cell = classify(fence, result, record)
    stamped = dataclasses.replace(
        cell, source=source_digest(path, fence, read_matrix(path)), tools=tools_fingerprint(python)
    )
    return stamped, cached


def _virtual_timeline(project: Project, fence: SnippetFence) -> dict[str, object] | None:
    """The tasks' timeline of the build's run of a snippet on the virtual clock (from the cache), if any."""
    path = project.snippets_dir / fence.snippet
    clock = clock_for(path.read_text(encoding="utf-8"), fence.clock)[0]
    if clock != "virtual":
        return None
    result, _ = project.cache.run(path, timeout=fence.timeout, clock=clock, python=sys.executable, timeline=True)
    return result.timeline


@dataclasses.dataclass
class Checked:
    """The cells run here (each confirmed when it disagreed with the record), and the plan behind them."""

    plan: Plan
    fresh: dict[str, dict[str, Cell]]
    rechecked: int = 0
    cache_hits: int = 0


def confirmed(
    project: Project, fences: list[SnippetFence], columns: dict[str, str], *, full: bool | None = None
) -> Checked:
    """Run what :func:`plan` says must run; a result that disagrees with the committed one runs once more, alone.

    A verdict must not depend on the machine's speed: a mismatch counts only
    if it holds twice.  The runs are made as ``make versions`` makes them, forked
    from warm interpreters (:meth:`Project.running`): on Python 3.8 the repr
    of a task collected as garbage depends on how its process started.
    """
    planned = plan(project, fences, columns, full=full)
    with project.running() as project:
        fresh, hits = run_jobs(project, planned.jobs)
        rechecked = 0
        for job in planned.jobs:
            committed = read_matrix(project.snippets_dir / job.fence.snippet)
            old = committed.columns().get(job.column) if committed is not None else None
            cell = fresh[job.fence.snippet][job.column]
            if old is not None and not unchanged(job.column, old, cell):
                fresh[job.fence.snippet][job.column] = run_cell(
                    project, job.fence, job.column, job.python, refresh=True
                )[0]
                rechecked += 1
    return Checked(planned, fresh, rechecked, hits)


# --- results made elsewhere (CI's matrix jobs) ---------------------------------------------------


def write_results(directory: Path, column: str, checked: Checked) -> Path:
    """One column's results, as a matrix job of the CI writes them for the job that judges them all."""
    data = {
        "column": column,
        "python": exact_version(checked.plan.columns[column]),
        "ran": {
            snippet: {"reason": job.reason, "cell": dataclasses.asdict(checked.fresh[snippet][column])}
            for job in checked.plan.jobs
            if job.column == column
            for snippet in [job.fence.snippet]
        },
        "reused": sorted(snippet for snippet, found in checked.plan.reused.items() if column in found),
    }
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{column}.json"
    target.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return target


def read_results(directory: Path, project: Project, fences: list[SnippetFence]) -> Checked:
    """Every column's results from the matrix jobs, as :func:`confirmed` would have made them here.

    A snippet missing from a column's file (the job ran an older commit, or
    failed to write) is a run that never happened: it fails, it is not skipped.
    """
    jobs: list[Job] = []
    reused: dict[str, dict[str, Cell]] = {fence.snippet: {} for fence in fences}
    fresh: dict[str, dict[str, Cell]] = collections.defaultdict(dict)
    columns: dict[str, str] = {}
    by_snippet = {fence.snippet: fence for fence in fences}
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        column = data["column"]
        columns[column] = data["python"]
        for snippet, ran in data["ran"].items():
            if snippet in by_snippet:
                jobs.append(Job(by_snippet[snippet], column, data["python"], ran["reason"]))
                fresh[snippet][column] = Cell(**ran["cell"])
        for snippet in data["reused"]:
            committed = read_matrix(project.snippets_dir / snippet)
            if snippet in reused and committed is not None and column in committed.columns():
                reused[snippet][column] = committed.columns()[column]
    digests = {
        fence.snippet: source_digest(
            project.snippets_dir / fence.snippet, fence, read_matrix(project.snippets_dir / fence.snippet)
        )
        for fence in fences
    }
    return Checked(Plan(jobs, reused, digests, columns), dict(fresh))


def unaccounted(checked: Checked, fences: list[SnippetFence]) -> list[str]:
    """Cells of the columns that ran that neither ran nor were reused: a matrix job that left something out."""
    missing = []
    for fence in fences:
        for column in checked.plan.columns:
            if column not in checked.fresh.get(fence.snippet, {}) and column not in checked.plan.reused[fence.snippet]:
                missing.append(f"{fence.where}: snippets/{fence.snippet} has no result for {_columns([column])}")
    return missing


# --- the report ----------------------------------------------------------------------------------


def report(checked: Checked, missing: Iterable[str] = (), *, recording: bool = False) -> str:
    """How many cells ran, how many came from the record, and why: a few lines for the test report."""
    planned = checked.plan
    reused = sum(len(found) for found in planned.reused.values())
    total = reused + len(planned.jobs)
    lines = [
        f"version matrix: {total} cells ({len(planned.reused)} snippets x {len(planned.columns)} columns here): "
        f"{len(planned.jobs)} ran, {reused} from the record"
        + (f"; {checked.rechecked} disagreed with the record and ran once more, alone" if checked.rechecked else "")
    ]
    by_reason: dict[str, list[Job]] = collections.defaultdict(list)
    for job in planned.jobs:
        by_reason[job.reason].append(job)
    for reason in REASONS:
        found = by_reason.get(reason)
        if not found:
            continue
        snippets = sorted({job.fence.snippet for job in found})
        columns = sorted({job.column for job in found}, key=column_key)
        shown = ", ".join(snippets[:4]) + (f" and {len(snippets) - 4} more" if len(snippets) > 4 else "")
        lines.append(f"  {len(found)} ran because {reason}: {shown} (on {', '.join(columns)})")
    if not recording and (by_reason.get(TOOLS_CHANGED) or by_reason.get(PYTHON_CHANGED)):
        lines.append(
            "  the cells that ran for a new tooling or Python release still hold if no test failed; "
            "`make versions` records them as run here, so the next run takes them from the record"
        )
    absent = [version for version in interpreters.SUPPORTED if version not in planned.columns]
    if BROWSER not in planned.columns:
        absent.append(BROWSER)
    if absent:
        lines.append(f"  not run here (no interpreter): {_columns(absent)}")
    lines += [f"  {line}" for line in missing]
    return "\n".join(lines)


# --- keeping the committed results ---------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Merged:
    """A snippet's new matrix, and which of its columns came from an older program."""

    matrix: Matrix
    kept: tuple[str, ...]  # columns not run here, kept from the committed matrix
    older: tuple[str, ...]  # of those, the ones run on an older version of the program


def merge(fence: SnippetFence, path: Path, fresh: dict[str, Cell], committed: Matrix | None) -> Merged:
    """The new matrix: fresh results where they were run, the committed ones everywhere else.

    A committed column that was not run here is kept as it is: its ``source``
    says which program it was run on, so where the program changed since, it
    is stale (CI, which has every interpreter, fails until it is run again).
    A fresh result equal to the committed one keeps the committed result
    (outputs that only differ in what never matters, an address or a patch
    release, make no diff) with what it was run on now.
    """
    old_columns = committed.columns() if committed is not None else {}
    columns: dict[str, Cell] = {}
    for column in sorted({*old_columns, *fresh}, key=column_key):
        old, new = old_columns.get(column), fresh.get(column)
        if new is None:
            assert old is not None
            columns[column] = old
        elif old is not None and unchanged(column, old, new):
            columns[column] = dataclasses.replace(old, python=new.python, source=new.source, tools=new.tools)
        else:
            columns[column] = new
    browser = columns.pop(BROWSER, None)
    draft = Matrix("", matrix_options(fence), columns, browser)
    # The digest depends on the outputs kept (a traceback that names the file makes every byte count):
    # stamp the fresh cells with the digest of the matrix as written.
    digest = source_digest(path, fence, draft)
    restamp = {column for column in fresh}
    cells = {
        column: dataclasses.replace(cell, source=digest) if column in restamp else cell
        for column, cell in columns.items()
    }
    if browser is not None and BROWSER in restamp:
        browser = dataclasses.replace(browser, source=digest)
    matrix = Matrix(digest, matrix_options(fence), cells, browser)
    kept = tuple(column for column in matrix.columns() if column not in fresh)
    older = tuple(column for column in kept if matrix.columns()[column].source != digest)
    return Merged(matrix, kept, older)


# --- what is wrong with a committed matrix ---------------------------------------------------------


def problems(project: Project, fence: SnippetFence, fresh: dict[str, Cell] | None) -> list[str]:
    """What is wrong with one snippet's committed matrix, given the cells run here (if any).

    Under ``CI=true``, where every interpreter is present, a column kept from
    an older program or a version never run is a problem too.
    """
    path = project.snippets_dir / fence.snippet
    name = f"snippets/{fence.snippet}"
    committed = read_matrix(path)
    refresh = f"run `make versions SNIPPETS={fence.snippet}` and commit {name.removesuffix('.py')}{SUFFIX}"
    if committed is None:
        return [f"{fence.where}: {name} has no version matrix yet: {refresh}"]
    if not is_current(committed, fence, path):
        return [
            f"{fence.where}: the version matrix of {name} is out of date (the program, its record or its fence "
            f"changed): {refresh}"
        ]
    found = []
    for column, cell in (fresh or {}).items():
        old = committed.columns().get(column)
        if old is not None and unchanged(column, old, cell):
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
    """Columns kept from an older version of the program, and versions never run: CI has them all."""
    older = [column for column, cell in committed.columns().items() if cell.source != committed.source]
    never = [version for version in interpreters.SUPPORTED if version not in committed.cells]
    if committed.browser is None:
        never.append(BROWSER)
    found = []
    command = f"`make versions SNIPPETS={fence.snippet}` on a machine that has them (CI has every one)"
    if older:
        found.append(
            f"{fence.where}: the version matrix of snippets/{fence.snippet} keeps results from an older version "
            f"of the program for {_columns(older)}: run {command}, and commit the result"
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
