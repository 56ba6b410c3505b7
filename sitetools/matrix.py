"""The version matrix's data: what each Python did with a snippet, as committed beside it.

``NAME.versions.json`` holds one :class:`Cell` per column (a Python version,
or ``browser`` for Pyodide) and the hash of the source it was run on.  This
module reads it, says whether it is current for a fence, derives the
minimum Python from it and groups it for the badge; running the matrix and
judging its results is :mod:`sitetools.versions`.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from sitetools import programs, sameness
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
    older_source: bool = False  # kept from a run of an older version of the snippet (not run here since)

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

    source: str  # programs.digest() of the snippet (and the files that live with it)
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

    def columns(self) -> dict[str, Cell]:
        """Every column: the versions, then the browser."""
        return {**self.cells, **({BROWSER: self.browser} if self.browser is not None else {})}


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


def source_hash(snippet: Path) -> str:
    return programs.digest(snippet)


def matrix_options(fence: SnippetFence) -> dict[str, object]:
    return {"timeout": fence.timeout, "raises": fence.raises, "clock": fence.clock}


def is_current(matrix: Matrix | None, fence: SnippetFence, path: Path) -> bool:
    """Whether a committed matrix is for this very source and these options."""
    return matrix is not None and matrix.source == source_hash(path) and matrix.options == matrix_options(fence)


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
