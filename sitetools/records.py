"""Recorded outputs: the expected output of each snippet, kept beside it.

``snippets/first_examples/async_function.py`` is recorded in
``snippets/first_examples/async_function.out``: plain text, exactly what the
program printed, so a pull request that changes an output shows it as a diff.
``make update-outputs`` rewrites the records from fresh runs.
"""

from __future__ import annotations

from pathlib import Path

from sitetools import sameness

SUFFIX = ".out"


def record_path(snippet: Path) -> Path:
    return snippet.with_suffix(SUFFIX)


def read_record(snippet: Path) -> str | None:
    """The recorded output, or None when the snippet has never been recorded."""
    path = record_path(snippet)
    if not path.is_file():
        return None
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def write_record(snippet: Path, output: str) -> bool:
    """Write the record; return True when it changed."""
    if read_record(snippet) == output:
        return False
    with record_path(snippet).open("w", encoding="utf-8", newline="") as handle:
        handle.write(output)
    return True


def output_diff(recorded: str, actual: str, name: str) -> str:
    """A unified diff from the record to the new output, for error messages."""
    return sameness.diff(recorded, actual, f"{name} (recorded)", f"{name} (this run)")
