"""The version matrix: every snippet run on every Python from 3.6 up.

For each snippet and each interpreter found here (:mod:`sitetools.interpreters`)
the run is classified, against what the snippet's fence declares:

* ``same``: it behaves as declared (exits normally, or ends with the
  ``raises=`` exception) and prints its recorded output (tracebacks may
  differ in the frames inside Python's own files: see :func:`essential`);
* ``different``: it behaves as declared but prints something else;
* ``failed``: it does not behave as declared; the exact last line of what it
  printed (``AttributeError: module 'asyncio' has no attribute 'run'``) is kept.

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
from sitetools.runner import RunResult, choose_clock

if TYPE_CHECKING:
    from sitetools.project import Project

SUFFIX = ".versions.json"
STATUSES = ("same", "different", "failed")


@dataclasses.dataclass(frozen=True)
class Cell:
    """One snippet on one Python."""

    status: str  # one of STATUSES
    python: str  # the full version it ran with, such as 3.6.15
    error: str = ""  # failed: the last line it printed
    output: str = ""  # different or failed: everything it printed

    @property
    def passed(self) -> bool:
        return self.status != "failed"

    def same_result(self, other: Cell) -> bool:
        """Equal in what the page shows; another patch release of the same Python is no change."""
        return (self.status, self.error, essential(self.output)) == (other.status, other.error, essential(other.output))


@dataclasses.dataclass(frozen=True)
class Matrix:
    """The committed results for one snippet: which source and options they are for."""

    source: str  # sha256 of the snippet's bytes
    options: dict[str, object]  # the fence's run options, minus the interpreter
    cells: dict[str, Cell]  # "3.6" -> Cell, oldest first

    def to_json(self) -> str:
        data = {
            "source_sha256": self.source,
            "options": self.options,
            "minimum": minimum(self.cells)[0],
            "versions": {version: _cell_json(cell) for version, cell in self.cells.items()},
        }
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Matrix:
        data = json.loads(text)
        cells = {version: Cell(**cell) for version, cell in data["versions"].items()}
        return cls(source=data["source_sha256"], options=data["options"], cells=cells)


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
        clock = choose_clock(path.read_text(encoding="utf-8"), fence.clock)[0]
        result, cached = cache.run(path, timeout=fence.timeout, clock=clock, python=python)
        return classify(fence, result, read_record(path)), cached

    jobs = [(fence, version, python) for fence in fences for version, python in versions.items()]
    # Oldest Pythons first: they have no fork server, so their runs are the slowest.
    jobs.sort(key=lambda job: version_key(job[1]))
    cells: dict[str, dict[str, Cell]] = {fence.snippet: {} for fence in fences}
    hits = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers or 2 * (os.cpu_count() or 1)) as pool:
        futures = {(fence.snippet, version): pool.submit(one, fence, python) for fence, version, python in jobs}
        for (snippet, version), future in futures.items():
            cells[snippet][version], cached = future.result()
            hits += cached
    return {snippet: dict(sorted(found.items(), key=lambda item: version_key(item[0]))) for snippet, found in cells.items()}, hits


def problems(project: Project, fence: SnippetFence, fresh: dict[str, Cell] | None) -> list[str]:
    """What is wrong with one snippet's committed matrix, given fresh runs here (if any)."""
    path = project.snippets_dir / fence.snippet
    name = f"snippets/{fence.snippet}"
    committed = read_matrix(path)
    refresh = f"run `make versions SNIPPETS={fence.snippet}` and commit {name.removesuffix('.py')}{SUFFIX}"
    if committed is None:
        return [f"{fence.where}: {name} has no version matrix yet: {refresh}"]
    if committed.source != source_hash(path) or committed.options != matrix_options(fence):
        return [f"{fence.where}: the version matrix of {name} is out of date (the snippet or its fence changed): {refresh}"]
    found = []
    for version, cell in (fresh or {}).items():
        old = committed.cells.get(version)
        if old is None or not old.same_result(cell):
            was = "not run" if old is None else _describe(old)
            found.append(
                f"{fence.where}: on Python {cell.python}, {name} now {_describe(cell)}; "
                f"the committed matrix says it {was}: {refresh}"
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
