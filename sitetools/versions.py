"""The version matrix: every snippet run on every Python from 3.6 up.

For each snippet and each interpreter found here (:mod:`sitetools.interpreters`)
the run is classified, against what the snippet's fence declares:

* ``same``: it behaves as declared (exits normally, or ends with the
  ``raises=`` exception) and prints its recorded output (tracebacks may
  differ in the frames inside Python's own files: see :func:`essential`);
* ``different``: it behaves as declared but prints something else;
* ``failed``: it does not behave as declared; the exact last line of what it
  printed (``AttributeError: module 'asyncio' has no attribute 'run'``) is kept.

One more column, ``browser``, runs each snippet in Pyodide, the Python of the
reader's browser (:mod:`sitetools.pyodide`), in real time.  It is ``same``
when the output matches the record (printed durations within tolerance), and
otherwise carries a one-line ``reason`` the page shows instead of a Run button.

A snippet's minimum Python is derived from these runs, never typed by hand:
the oldest version from which it passes on every newer one.  A fence may
state what it expects (``needs="3.11"``); a statement the runs contradict is
a problem, and so is a result that is not monotonic (passes on 3.9, fails on
3.10).

The results are committed beside each snippet as ``NAME.versions.json``, so a
machine with one interpreter still shows them; ``make versions`` rewrites
them, and the tests re-run the matrix where the interpreters exist and fail
when the committed results are out of date.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import hashlib
import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sitetools.checks import run_problems
from sitetools.fences import FenceError, SnippetFence
from sitetools.records import read_record
from sitetools.runner import PYODIDE, RunResult, choose_clock

if TYPE_CHECKING:
    from sitetools.project import Project

SUFFIX = ".versions.json"
STATUSES = ("same", "different", "failed")
#: The column of the matrix that runs in the browser's Python (Pyodide).
BROWSER = "browser"
#: Printed durations in a real-time run may differ from the record by this much.
TOLERANCE_SECONDS = 0.05
TOLERANCE_RELATIVE = 0.05
_DECIMAL = re.compile(r"\d+\.\d+")


@dataclasses.dataclass(frozen=True)
class Cell:
    """One snippet on one Python."""

    status: str  # one of STATUSES
    python: str  # the full version it ran with, such as 3.6.15
    error: str = ""  # failed: the last line it printed
    output: str = ""  # different or failed: everything it printed
    reason: str = ""  # the browser column, when it does not match: why, in one line

    @property
    def passed(self) -> bool:
        return self.status != "failed"

    def same_browser_result(self, other: Cell) -> bool:
        """For the browser column, where runs are in real time: printed numbers may differ."""
        return (self.status, self.runs_in_browser) == (other.status, other.runs_in_browser) and (
            _DECIMAL.split(essential(self.output)) == _DECIMAL.split(essential(other.output))
        )

    @property
    def runs_in_browser(self) -> bool:
        """For the browser column: it prints the record, and by the same means as CPython."""
        return self.status == "same" and not self.reason

    def same_result(self, other: Cell) -> bool:
        """Equal in what the page shows; another patch release of the same Python is no change."""
        return (self.status, self.error, essential(self.output)) == (other.status, other.error, essential(other.output))


@dataclasses.dataclass(frozen=True)
class Matrix:
    """The committed results for one snippet: which source and options they are for."""

    source: str  # sha256 of the snippet's bytes
    options: dict[str, object]  # the fence's run options, minus the interpreter
    cells: dict[str, Cell]  # "3.6" -> Cell, oldest first
    browser: Cell | None = None  # the same snippet in Pyodide, if it was run

    def to_json(self) -> str:
        data = {
            "source_sha256": self.source,
            "options": self.options,
            "minimum": minimum(self.cells)[0],
            "versions": {version: _cell_json(cell) for version, cell in self.cells.items()},
        }
        if self.browser is not None:
            data[BROWSER] = _cell_json(self.browser)
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Matrix:
        data = json.loads(text)
        cells = {version: Cell(**cell) for version, cell in data["versions"].items()}
        browser = Cell(**data[BROWSER]) if BROWSER in data else None
        return cls(source=data["source_sha256"], options=data["options"], cells=cells, browser=browser)


def _cell_json(cell: Cell) -> dict[str, str]:
    return {key: value for key, value in dataclasses.asdict(cell).items() if value}


def matrix_path(snippet: Path) -> Path:
    return snippet.with_suffix(SUFFIX)


def read_matrix(snippet: Path) -> Matrix | None:
    path = matrix_path(snippet)
    if not path.is_file():
        return None
    try:
        return Matrix.from_json(path.read_text(encoding="utf-8"))
    except (ValueError, KeyError, TypeError):
        return None  # reported as out of date, and rewritten by `make versions`


def source_hash(snippet: Path) -> str:
    return hashlib.sha256(snippet.read_bytes()).hexdigest()


def matrix_options(fence: SnippetFence) -> dict[str, object]:
    return {"timeout": fence.timeout, "raises": fence.raises, "clock": fence.clock}


def classify(fence: SnippetFence, result: RunResult, record: str | None) -> Cell:
    if run_problems(fence, result):
        lines = result.output.strip().splitlines()
        last = lines[-1].strip() if lines else f"(no output; exit status {result.exit_status})"
        if result.timed_out and result.exit_status is None:
            last = f"did not finish within {fence.timeout:g} s"
        elif result.timed_out:
            last += f" (then a process it started outlived the {fence.timeout:g} s timeout)"
        elif fence.raises is not None and result.exit_status == 0:
            last = f"exits normally instead of raising {fence.raises}"
        return Cell("failed", result.python_version, error=last, output=result.output)
    if record is not None and essential(result.output) == essential(record):
        return Cell("same", result.python_version)
    return Cell("different", result.python_version, output=result.output)


def same_within_tolerance(recorded: str, actual: str) -> bool:
    """Equal text, except decimal numbers (durations) may differ by the stated tolerance."""
    if _DECIMAL.split(recorded) != _DECIMAL.split(actual):
        return False
    for want, got in zip(_DECIMAL.findall(recorded), _DECIMAL.findall(actual)):
        expected, measured = float(want), float(got)
        if abs(measured - expected) > TOLERANCE_SECONDS + TOLERANCE_RELATIVE * abs(expected):
            return False
    return True


#: What the browser's Python lacks, found in a snippet's source, and how the page says so.
_BROWSER_LIMITS = (
    (
        re.compile(r"\b(subprocess|create_subprocess_\w+|ProcessPoolExecutor|multiprocessing)\b"),
        "it starts other processes, which a browser cannot",
    ),
    (
        re.compile(r"\b(threading|to_thread|run_in_executor|ThreadPoolExecutor)\b"),
        "it uses threads, which the browser's Python does not have",
    ),
    (
        re.compile(r"\b(socket|open_connection|start_server|open_unix_connection)\b"),
        "it opens network sockets, which the browser's Python cannot",
    ),
    (
        re.compile(r"\btime\.sleep\b"),
        "time.sleep() does not block the browser's event loop as it blocks CPython's, so the output differs",
    ),
)


def classify_browser(fence: SnippetFence, result: RunResult, record: str | None, source: str) -> Cell:
    """The browser column: the same output as the record (durations within tolerance), or why not.

    An example built on what the browser lacks (threads, processes, sockets,
    a blocking ``time.sleep``) gets its reason even when its output matches:
    there, the same lines come from other means, and would teach the wrong thing.
    """
    python = f"{result.python_version} (Pyodide)"
    limit = browser_limit(source)
    if (
        not run_problems(fence, result)
        and record is not None
        and same_within_tolerance(essential(record), essential(result.output))
    ):
        return Cell("same", python, reason=limit)
    cell = classify(fence, result, None)
    return Cell(
        cell.status,
        python,
        error=cell.error,
        output=result.output,
        reason=limit or _why_not(fence, result, record, cell),
    )


def browser_limit(source: str) -> str:
    """What the browser lacks that this source is built on, as the page says it ("" if nothing)."""
    return next((why for pattern, why in _BROWSER_LIMITS if pattern.search(source)), "")


def _why_not(fence: SnippetFence, result: RunResult, record: str | None, cell: Cell) -> str:
    if cell.status == "failed" and fence.raises is not None and result.exit_status == 0:
        return f"in the browser it does not raise {fence.raises}"
    if cell.status == "failed":
        error = next((line for line in reversed(result.output.splitlines()) if _EXCEPTION_LINE.match(line)), "")
        return (
            f"in the browser it fails with {_short(error)}"
            if error
            else "in the browser, Pyodide stops with an error of its own"
        )
    return _first_difference(record or "", result.output)


_EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Warning|Exit|Interrupt|Group)\b")


def _short(text: str, limit: int = 70) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _first_difference(record: str, output: str) -> str:
    """'in the browser it prints "B" where CPython prints "A"', for the first line that differs."""
    want, got = essential(record).splitlines(), essential(output).splitlines()
    for index in range(max(len(want), len(got))):
        a = want[index] if index < len(want) else ""
        b = got[index] if index < len(got) else ""
        if not same_within_tolerance(a, b):
            if not b:
                return f'in the browser it stops before "{_short(a)}"'
            if not a:
                return f'in the browser it goes on to print "{_short(b)}"'
            return f'in the browser it prints "{_short(b)}" where CPython prints "{_short(a)}"'
    return "it prints something else in the browser"


#: A traceback frame inside the standard library, and its source line.
_STDLIB_FRAME = re.compile(
    r'^(?P<indent>[ |]*)File "\.\.\./lib/python3\.\d+/[^"]*", line \d+, in .*\n(?:(?P=indent)  +\S.*\n)?', re.MULTILINE
)
#: The carets (3.11+) that point into a line of a traceback.
_CARETS = re.compile(r"^[ |]*[~^]+ *\n", re.MULTILINE)


#: A memory address in a repr, different in every run.
_ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")


def essential(output: str) -> str:
    """The output without what differs between runs or Pythons but not for the
    reader: memory addresses in reprs, the frames of Python's own files in a
    traceback (their line numbers move from release to release) and the carets
    3.11 added under traceback lines."""
    return _ADDRESS.sub("0x...", _CARETS.sub("", _STDLIB_FRAME.sub("", output)))


def minimum(cells: dict[str, Cell]) -> tuple[str | None, list[str]]:
    """The oldest version from which every newer one passes, and what contradicts that.

    ``cells`` must hold consecutive versions.  Problems: the newest version
    fails (no minimum at all), or an older version passes below a failure.
    """
    versions = sorted(cells, key=version_key)
    if not versions or not cells[versions[-1]].passed:
        newest = versions[-1] if versions else "any Python"
        return None, [f"fails on the newest Python it ran on ({newest})"]
    oldest = versions[-1]
    for version in reversed(versions):
        if not cells[version].passed:
            break
        oldest = version
    problems = []
    below = versions[: versions.index(oldest)]
    for lower in below:
        if cells[lower].passed:
            failing = next(v for v in below if version_key(v) > version_key(lower) and not cells[v].passed)
            problems.append(
                f"passes on {lower} but fails on {failing} ({cells[failing].error}): "
                f"a result that is not monotonic is a bug in the snippet or in Python"
            )
            break
    return oldest, problems


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def distinct_fences(project: Project) -> dict[str, SnippetFence]:
    """One fence per existing snippet (the audit makes sure all of its fences agree)."""
    found: dict[str, SnippetFence] = {}
    for fence in project.fences():
        if not isinstance(fence, FenceError) and (project.snippets_dir / fence.snippet).is_file():
            found.setdefault(fence.snippet, fence)
    return found


def run_matrix(
    project: Project, fences: list[SnippetFence], versions: dict[str, str], *, workers: int | None = None
) -> tuple[dict[str, dict[str, Cell]], int]:
    """Run every fence's snippet on every interpreter given, in parallel and cached.

    Returns the cells by snippet and version, and how many came from the cache.
    """
    cache = project.cache

    def one(fence: SnippetFence, python: str) -> tuple[Cell, bool]:
        path = project.snippets_dir / fence.snippet
        source = path.read_text(encoding="utf-8")
        if python == PYODIDE:
            result, cached = cache.run(path, timeout=fence.timeout, clock="real", python=python)
            return classify_browser(fence, result, read_record(path), source), cached
        clock = choose_clock(source, fence.clock)[0]
        result, cached = cache.run(path, timeout=fence.timeout, clock=clock, python=python)
        return classify(fence, result, read_record(path)), cached

    jobs = [(fence, version, python) for fence in fences for version, python in versions.items()]
    # Oldest Pythons first: they have no fork server, so their runs are the slowest.
    jobs.sort(key=lambda job: column_key(job[1]) if job[1] != BROWSER else (0,))
    cells: dict[str, dict[str, Cell]] = {fence.snippet: {} for fence in fences}
    hits = 0
    # The browser column runs in real time, after the CPython runs and with
    # fewer at once, so that a busy machine does not shift its printed times.
    for phase in (False, True):
        chosen = [job for job in jobs if (job[1] == BROWSER) == phase]
        if not chosen:
            continue
        if phase:
            from sitetools import pyodide

            pyodide.ensure_snapshot()  # once, before the parallel runs start from it
        size = workers or 2 * (os.cpu_count() or 1)
        with concurrent.futures.ThreadPoolExecutor(max_workers=size) as pool:
            futures = {(fence.snippet, version): pool.submit(one, fence, python) for fence, version, python in chosen}
            for (snippet, version), future in futures.items():
                cells[snippet][version], cached = future.result()
                hits += cached
    # A browser run whose only difference is a printed time gets one quiet
    # retry, alone: with the other runs going, timers fire late on 2 cores.
    by_snippet = {fence.snippet: fence for fence in fences}
    for snippet, found in cells.items():
        cell = found.get(BROWSER)
        if (
            cell is None
            or cell.status != "different"
            or browser_limit((project.snippets_dir / snippet).read_text(encoding="utf-8"))
        ):
            continue
        if _only_times_differ(project, by_snippet[snippet], cell):
            found[BROWSER] = recheck_browser(project, by_snippet[snippet])
    return {
        snippet: dict(sorted(found.items(), key=lambda item: column_key(item[0]))) for snippet, found in cells.items()
    }, hits


def _only_times_differ(project: Project, fence: SnippetFence, cell: Cell) -> bool:
    record = read_record(project.snippets_dir / fence.snippet)
    return record is not None and _DECIMAL.split(essential(record)) == _DECIMAL.split(essential(cell.output))


def recheck_browser(project: Project, fence: SnippetFence) -> Cell:
    """Run one snippet in the browser's Python again, alone and afresh.

    A browser run is in real time: on a machine busy with other runs, its
    printed times can drift past the tolerance.  A mismatch gets one quiet retry.
    """
    path = project.snippets_dir / fence.snippet
    result, _ = project.cache.run(path, timeout=fence.timeout, clock="real", python=PYODIDE, refresh=True)
    return classify_browser(fence, result, read_record(path), path.read_text(encoding="utf-8"))


def column_key(column: str) -> tuple[int, ...]:
    """Versions in order, the browser last."""
    return (99,) if column == BROWSER else version_key(column)


def problems(project: Project, fence: SnippetFence, fresh: dict[str, Cell] | None) -> list[str]:
    """What is wrong with one snippet's committed matrix, given fresh runs here (if any)."""
    path = project.snippets_dir / fence.snippet
    name = f"snippets/{fence.snippet}"
    committed = read_matrix(path)
    refresh = f"run `make versions SNIPPETS={fence.snippet}` and commit {name.removesuffix('.py')}{SUFFIX}"
    if committed is None:
        return [f"{fence.where}: {name} has no version matrix yet: {refresh}"]
    if committed.source != source_hash(path) or committed.options != matrix_options(fence):
        return [
            f"{fence.where}: the version matrix of {name} is out of date (the snippet or its fence changed): {refresh}"
        ]
    found = []
    for version, cell in (fresh or {}).items():
        old = committed.browser if version == BROWSER else committed.cells.get(version)
        if version == BROWSER and old is not None:
            # What the page shows is a Run button or not: a printed time that
            # moved in an example without one is no change.
            if old.runs_in_browser == cell.runs_in_browser:
                continue
        if old is None or not old.same_result(cell):
            was = "not run" if old is None else _describe(old)
            where = "in the browser (Pyodide)" if version == BROWSER else f"on Python {cell.python}"
            found.append(
                f"{fence.where}: {where}, {name} now {_describe(cell)}; the committed matrix says it {was}: {refresh}"
            )
    if found:
        return found
    derived, contradictions = minimum(committed.cells)
    found += [f"{fence.where}: {name} {text}" for text in contradictions]
    if fence.needs is not None and derived is not None and derived != fence.needs:
        found.append(
            f'{fence.where}: {name} states needs="{fence.needs}", but the runs say it needs Python {derived} '
            f"({_why(committed.cells, derived, fence.needs)}); fix the snippet or the statement"
        )
    return found


def _describe(cell: Cell) -> str:
    if cell.status == "same":
        return "prints its recorded output"
    if cell.status == "different":
        return "runs but prints another output"
    return f"fails with: {cell.error}"


def _why(cells: dict[str, Cell], derived: str, needs: str) -> str:
    if version_key(derived) > version_key(needs):
        last_failure = max((v for v in cells if version_key(v) < version_key(derived)), key=version_key)
        return f"on {last_failure} it fails with: {cells[last_failure].error}"
    return f"it already passes on {derived}"


def badge(cells: dict[str, Cell]) -> str:
    """The badge text: ``Python 3.11+``."""
    derived, _ = minimum(cells)
    return "no Python passes" if derived is None else f"Python {derived}+"


def groups(cells: dict[str, Cell]) -> list[tuple[str, Cell]]:
    """Consecutive versions with the same result, as ("3.7–3.10", cell)."""
    out: list[tuple[list[str], Cell]] = []
    for version, cell in cells.items():
        if out and out[-1][1].same_result(cell):
            out[-1][0].append(version)
        else:
            out.append(([version], cell))
    return [(versions[0] if len(versions) == 1 else f"{versions[0]}–{versions[-1]}", cell) for versions, cell in out]
