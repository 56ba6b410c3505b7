"""The version history page: what changed in each release, checked by runs.

The changes are data (``docs/python-versions.toml``); the page gets a table
of them, from 3.4 to 3.15, where ``<!-- VERSION HISTORY -->`` stands, and a
count of examples by minimum Python where ``<!-- VERSION SUMMARY -->`` stands.

A change with a demonstrating snippet is a claim the version matrix checks:
the snippet must print its recorded output from the change's release on, and
not on the release before (:func:`problems`).  Releases not installed here
can only be documented, with their source.
"""

from __future__ import annotations

import dataclasses
import html
import tomllib
from collections import Counter
from pathlib import Path

from sitetools import interpreters, versions
from sitetools.matrix import Cell, minimum, read_matrix, version_key
from sitetools.project import Project

HISTORY_MARKER = "<!-- VERSION HISTORY -->"
SUMMARY_MARKER = "<!-- VERSION SUMMARY -->"
DATA = "python-versions.toml"  # in docs/
RELEASES = tuple(f"3.{minor}" for minor in range(4, 16))


@dataclasses.dataclass(frozen=True)
class Change:
    python: str
    what: str
    source: str
    snippet: str | None = None


def changes(project: Project) -> list[Change]:
    with (project.docs_dir / DATA).open("rb") as handle:
        data = tomllib.load(handle)
    return [Change(**entry) for entry in data.get("change", [])]


def shown_from(cells: dict[str, Cell]) -> str | None:
    """The oldest version from which every newer one prints the recorded output."""
    oldest = None
    for version in reversed(list(cells)):
        if cells[version].status != "same":
            break
        oldest = version
    return oldest


def problems(project: Project) -> list[str]:
    """Every claim of the history that the data or the runs contradict."""
    where = project.label(project.docs_dir / DATA)
    fences = versions.distinct_fences(project)
    found: list[str] = []
    for change in changes(project):
        if change.python not in RELEASES:
            found.append(f"{where}: python = {change.python!r} is not a release from 3.4 to 3.15")
            continue
        if change.snippet is None:
            if change.python in interpreters.SUPPORTED:
                found.append(
                    f"{where}: the {change.python} change {change.what[:40]!r}... has no snippet: releases from 3.6 are shown by a program"
                )
            continue
        if change.python not in interpreters.SUPPORTED:
            found.append(
                f"{where}: {change.python} is not run here, so its changes cannot have a snippet ({change.snippet})"
            )
            continue
        if change.snippet not in fences:
            found.append(f"{where}: snippet {change.snippet} is not shown on any page (or does not exist)")
            continue
        matrix = read_matrix(project.snippets_dir / change.snippet)
        if matrix is None:
            continue  # the version matrix tests report it
        start = shown_from(matrix.cells)
        first = next(iter(matrix.cells))
        if start != change.python and not (start == first and version_key(change.python) <= version_key(first)):
            found.append(
                f"{where}: the change {change.what[:50]!r}... is listed under {change.python}, but its example "
                f"snippets/{change.snippet} prints its recorded output from {start or 'no version'} on"
            )
    return found


def history_markdown(project: Project) -> str:
    """One table, a row per change, oldest release first."""
    fences = versions.distinct_fences(project)
    rows = ["| Python | What changed | Example | Checked |", "|---|---|---|---|"]
    ordered = sorted(changes(project), key=lambda change: version_key(change.python))
    for change in ordered:
        what = f"{change.what} ([source]({change.source}))"
        if change.snippet is None or change.snippet not in fences:
            rows.append(f"| {change.python} | {what} | | documented, not run: not installed here |")
            continue
        fence = fences[change.snippet]
        page = Path(fence.page).relative_to(project.label(project.docs_dir)).as_posix()
        name = change.snippet.rsplit("/", 1)[-1]
        link = f"[`{name}`]({page}#{example_id(change.snippet)})"
        rows.append(f"| {change.python} | {what} | {link} | {_checked(project, change.snippet)} |")
    return "\n".join(rows) + "\n"


def _checked(project: Project, snippet: str) -> str:
    matrix = read_matrix(project.snippets_dir / snippet)
    if matrix is None:
        return "not run yet"
    cells = matrix.cells
    names = list(cells)
    start = shown_from(cells)
    text = f"ran on {names[0]}–{names[-1]}: as shown from {start or 'no version'}"
    if start is not None and start != names[0]:
        before = names[names.index(start) - 1]
        cell = cells[before]
        if cell.status == "failed" and cell.error.startswith("exits normally instead of raising"):
            text += f"; {before} runs it without an error"
        elif cell.status == "failed":
            text += f"; {before} fails with `{_code(cell.error)}`"
        else:
            last = cell.output.strip().splitlines()[-1] if cell.output.strip() else "(nothing)"
            text += f"; {before} prints `{_code(last)}`"
    return text


def _code(text: str) -> str:
    """Text for inline code in a Markdown table cell."""
    return html.escape(text.replace("|", "\\|").replace("`", "'"), quote=False)


def summary_markdown(project: Project) -> str:
    """How many examples need each Python, from the version matrix."""
    counts: Counter[str] = Counter()
    for snippet in versions.distinct_fences(project):
        matrix = read_matrix(project.snippets_dir / snippet)
        counts[(minimum(matrix.cells)[0] or "none") if matrix else "not run yet"] += 1
    rows = ["| oldest Python that runs it | examples |", "|---|---|"]
    rows += [f"| {version} | {counts[version]} |" for version in sorted(counts, key=_order)]
    return "\n".join(rows) + "\n"


def _order(version: str) -> tuple[int, ...]:
    return version_key(version) if version[0].isdigit() else (99,)


def example_id(snippet: str) -> str:
    """The HTML id of an example on its page."""
    return "example-" + snippet.removesuffix(".py").replace("/", "-").replace("_", "-")
