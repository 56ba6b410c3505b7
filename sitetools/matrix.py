"""The version matrix's data: what each Python did with a snippet, as committed beside it.

``NAME.versions.json`` holds one :class:`Cell` per column (a Python version,
or ``browser`` for Pyodide).  Each cell says what it was run on: the
program's digest (its meaning, its files, its fence's options and its record:
:func:`sitetools.provenance.program_digest`), the interpreter's exact
version, and the fingerprint of the tooling that ran and judged it
(:func:`sitetools.provenance.tools_fingerprint`); a cell whose inputs are all
still those is reused instead of run again.  This module reads the file, says
whether it is current for a fence, derives the minimum Python from it and
groups it for the badge; running the matrix and judging its results is
:mod:`sitetools.versions`.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import TYPE_CHECKING

from sitetools import provenance, sameness
from sitetools.records import read_record

if TYPE_CHECKING:
    from sitetools.fences import SnippetFence

SUFFIX = ".versions.json"


STATUSES = ("same", "different", "failed")


#: The column of the matrix that runs in the browser's Python (Pyodide).
BROWSER = "browser"


@dataclasses.dataclass(frozen=True)
class Cell:
    """One snippet on one Python."""

    status: str  # one of STATUSES
    python: str  # the full version it ran with, such as 3.6.15
    error: str = ""  # failed: the last line it printed
    output: str = ""  # different or failed: everything it printed
    reason: str = ""  # the browser column, when it gives no Run button: why, in one line
    source: str = ""  # the program's digest when it was run (provenance.program_digest)
    tools: str = ""  # the tooling's fingerprint when it was run (provenance.tools_fingerprint)

    @property
    def passed(self) -> bool:
        return self.status != "failed"

    @property
    def runs_in_browser(self) -> bool:
        """For the browser column: the page may offer a Run button."""
        return self.status == "same" and not self.reason

    def same_result(self, other: Cell) -> bool:
        """Equal in what the page shows; another patch release of the same Python is no change."""
        return (
            (self.status, self.reason) == (other.status, other.reason)
            and sameness.same(self.error, other.error)  # an address in the last line is no change
            # A failure shows its error line only: the rest of what it printed (a child's traceback
            # interleaved with the program's lines) is no change.
            and (self.status == "failed" or sameness.same(self.output, other.output))
        )


@dataclasses.dataclass(frozen=True)
class Matrix:
    """The committed results for one snippet: which source and options they are for."""

    source: str  # the program's digest when `make versions` last wrote it (provenance.program_digest)
    options: dict[str, object]  # the fence's run options, minus the interpreter
    cells: dict[str, Cell]  # "3.6" -> Cell, oldest first
    browser: Cell | None = None  # the same snippet in Pyodide, if it was run

    def to_json(self) -> str:
        data = {
            "source": self.source,
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
        cells = {version: _cell(cell) for version, cell in data["versions"].items()}
        browser = _cell(data[BROWSER]) if BROWSER in data else None
        # "source_sha256": a matrix written before cells said what they were run on; all of its cells run again.
        source = data["source"] if "source" in data else data["source_sha256"]
        return cls(source=source, options=data["options"], cells=cells, browser=browser)

    def columns(self) -> dict[str, Cell]:
        """Every column: the versions, then the browser."""
        return {**self.cells, **({BROWSER: self.browser} if self.browser is not None else {})}

    def outputs(self) -> list[str]:
        """What the page and the verdicts read of what the program printed (for :func:`provenance.program_digest`).

        A failed cell is judged, and shown, by its error line alone (the rest of its
        traceback, with its line numbers, is kept but never compared); a cell that
        prints another output, by all of it; the browser's, also by its reason, which
        may quote a line.
        """
        found = []
        for cell in self.columns().values():
            found += [cell.error] if cell.status == "failed" else [cell.output] if cell.status == "different" else []
            found.append(cell.reason)
        return [text for text in found if text]


def _cell(data: dict[str, object]) -> Cell:
    fields = {field.name for field in dataclasses.fields(Cell)}
    return Cell(**{key: value for key, value in data.items() if key in fields})  # type: ignore[arg-type]


def _cell_json(cell: Cell) -> dict[str, object]:
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


def matrix_options(fence: SnippetFence) -> dict[str, object]:
    return {"timeout": fence.timeout, "raises": fence.raises, "clock": fence.clock}


def source_digest(snippet: Path, fence: SnippetFence, matrix: Matrix | None) -> str:
    """The digest a cell of this snippet is current for, here and now (beside its committed ``matrix``)."""
    outputs = matrix.outputs() if matrix is not None else ()
    return provenance.program_digest(snippet, matrix_options(fence), read_record(snippet), outputs)


def is_current(matrix: Matrix | None, fence: SnippetFence, path: Path) -> bool:
    """Whether a committed matrix was written for this very program, record and options."""
    return matrix is not None and matrix.source == source_digest(path, fence, matrix)


def minimum(cells: dict[str, Cell]) -> tuple[str | None, list[str]]:
    """The oldest version from which every newer one passes, and what contradicts that.

    Problems: the newest version fails (no minimum at all), or an older
    version passes below a failure.  Versions missing from ``cells`` are
    skipped (:func:`problems` reports them where they count).
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


def column_key(column: str) -> tuple[int, ...]:
    """Versions in order, the browser last."""
    return (99,) if column == BROWSER else version_key(column)


def badge(cells: dict[str, Cell]) -> str:
    """The badge text: ``Python 3.11+``."""
    derived, _ = minimum(cells)
    return "no Python passes" if derived is None else f"Python {derived}+"


def groups(cells: dict[str, Cell]) -> list[tuple[str, Cell]]:
    """Consecutive versions with the same result, as ("3.7–3.10", cell)."""
    out: list[tuple[list[str], Cell]] = []
    for version, cell in cells.items():
        if out and out[-1][1].same_result(cell) and _next(out[-1][0][-1]) == version:
            out[-1][0].append(version)
        else:
            out.append(([version], cell))
    return [(versions[0] if len(versions) == 1 else f"{versions[0]}–{versions[-1]}", cell) for versions, cell in out]


def _next(version: str) -> str:
    major, minor = version_key(version)[:2]
    return f"{major}.{minor + 1}"
