"""The verdict on one run: how it ended against its fence, and a version-matrix cell.

Every check that judges a run asks this module, so the build's messages
(:mod:`sitetools.checks`) and the version matrix (:mod:`sitetools.versions`)
never disagree on whether a run failed.  It is kept apart, and small, because
a committed matrix cell is reused only while the code that judged it is
unchanged (:func:`sitetools.provenance.tools_fingerprint` follows this
module's imports): a change to a message elsewhere does not make every cell
run again.

For each snippet and each interpreter, a run is classified against what its
fence declares:

* ``same``: it behaves as declared (exits normally, or ends with the
  ``raises=`` exception) and prints its recorded output, in the one meaning of
  "the same" (:mod:`sitetools.sameness`);
* ``different``: it behaves as declared but prints something else;
* ``failed``: it does not behave as declared; the exact last line of what it
  printed (``AttributeError: module 'asyncio' has no attribute 'run'``) is kept.

The ``browser`` column is ``same`` with no ``reason`` when the page may offer
a Run button; otherwise its one-line ``reason`` says why not.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sitetools import sameness
from sitetools.capabilities import browser_limit
from sitetools.matrix import BROWSER, Cell

if TYPE_CHECKING:
    from sitetools.fences import SnippetFence
    from sitetools.runner import RunResult

#: How a run can end otherwise than its fence declares (:func:`ending`).
HUNG = "hung"  # still running at its timeout
OUTLIVED = "outlived"  # ended, but a process it started ran on until the timeout
RUNAWAY = "runaway"  # printed more than the output limit
FAILED = "failed"  # exited with a non-zero status, and the fence declares no exception
NO_EXCEPTION = "no exception"  # declared raises=, but exited normally
OTHER_EXCEPTION = "other exception"  # declared raises=, but ended with another error


def ending(fence: SnippetFence, result: RunResult) -> str:
    """How the run ended against what the fence declares: "" when as declared, else one of the names above."""
    if result.timed_out:
        return OUTLIVED if result.exit_status is not None else HUNG
    if result.truncated:
        return RUNAWAY
    if fence.raises is None:
        return FAILED if result.exit_status != 0 else ""
    if result.exit_status == 0:
        return NO_EXCEPTION
    return "" if raised(result.output, fence.raises) else OTHER_EXCEPTION


def raised(output: str, name: str) -> bool:
    """Whether the output shows an uncaught ``name`` exception (also inside a group).

    A traceback starts with its header; a syntax error in the program itself
    is printed without one, as ``  File "x.py", line 3`` and the message.
    """
    pattern = re.compile(rf"^[ |+]*(?:[\w.]+\.)?{re.escape(name)}(?::|$)", re.MULTILINE)
    started = "Traceback (most recent call last)" in output or bool(_COMPILE_ERROR.match(output))
    return started and bool(pattern.search(output))


_COMPILE_ERROR = re.compile(r'  File "[^"]+", line \d+\n')


# --- a cell of the version matrix --------------------------------------------------------------


def classify(fence: SnippetFence, result: RunResult, record: str | None) -> Cell:
    how = ending(fence, result)
    if how:
        last = last_error(result.output) or f"(no output; exit status {result.exit_status})"
        if how == HUNG:
            last = f"did not finish within {fence.timeout:g} s"
        elif how == OUTLIVED:
            last += f" (then a process it started outlived the {fence.timeout:g} s timeout)"
        elif how == NO_EXCEPTION:
            last = f"exits normally instead of raising {fence.raises}"
        return Cell("failed", result.python_version, error=last, output=result.output)
    if record is not None and sameness.same(record, result.output, clock=result.clock):
        return Cell("same", result.python_version)
    return Cell("different", result.python_version, output=result.output)


#: The causes of a browser cell's reason that come from Pyodide's run, not from the program's code.
RAN_IN_THE_BROWSER = ("in the browser", "it prints something else")


def browser_reason_before_running(source: str, timeline: dict[str, Any] | None) -> str:
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


def decided_before_running(reason: str) -> bool:
    """Whether a browser cell's reason was read from the program (and its virtual-clock run), not from Pyodide."""
    return bool(reason) and not reason.startswith(RAN_IN_THE_BROWSER)


def classify_browser(fence: SnippetFence, result: RunResult, record: str | None, reason: str = "") -> Cell:
    """The browser column: the same output as the record (durations within tolerance), or why not.

    ``reason`` is what the program is built on that the browser lacks, found
    before running it: the cell keeps it even when the output matches, since
    there the same lines come from other means and would teach the wrong thing.
    """
    python = f"{result.python_version} (Pyodide)"
    if not ending(fence, result) and record is not None and sameness.same(record, result.output, clock="real"):
        return Cell("same", python, reason=reason)
    cell = classify(fence, result, None)
    return Cell(
        cell.status, python, error=cell.error, output=result.output, reason=reason or _why_not(fence, result, record)
    )


def _why_not(fence: SnippetFence, result: RunResult, record: str | None) -> str:
    how = ending(fence, result)
    if how:
        if how == NO_EXCEPTION:
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


def unchanged(column: str, old: Cell, new: Cell) -> bool:
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
