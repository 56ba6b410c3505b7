"""The one meaning of "the same output", for every check on the site.

The build, the Sybil tests, ``make verify-real-time``, the version matrix and
its browser column all ask one question: does this run print what the record
says?  They all ask :func:`same`, so an output cannot pass in one place and
fail in another.  Two outputs are the same when they are equal once what
never matters to a reader is set aside (:func:`canonical`):

* a **memory address** in a default repr (``<Foo object at 0x7f3a...>``)
  differs in every run; it counts as ``0x…``.  A record may not contain one
  (``make update-outputs`` refuses it, see :mod:`sitetools.determinism`), so
  this only forgives what older Pythons print on their own, such as the
  ``TaskWakeupMethWrapper`` of a pending task's repr on 3.7 to 3.9;
* a **traceback frame inside Python's own files** and the **carets** under a
  traceback line (3.11+): their line numbers and positions move from release
  to release, while the program's own frames and the error do not; likewise
  the release and line number of a place in Python's own files that a
  warning, a repr or a call graph names (``.../lib/python3.14/unittest/case.py:725``);

and, for a run on the **real clock** only, a **printed number with a decimal
point** (a duration) may differ from the record by :data:`TOLERANCE_SECONDS`
plus :data:`TOLERANCE_RELATIVE` of the recorded value.  On the virtual clock
durations are exact, and so is the comparison.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

#: A printed duration on the real clock may differ by this many seconds...
TOLERANCE_SECONDS = 0.05
#: ... plus this fraction of the recorded value.
TOLERANCE_RELATIVE = 0.05
#: How the pages and messages state the tolerance.
TOLERANCE_TEXT = f"{TOLERANCE_SECONDS:g} s + {TOLERANCE_RELATIVE:.0%}"

#: Two tasks' lines closer together than this (on the virtual clock) may come in either order in real time.
ORDER_MARGIN = 0.1

_DECIMAL = re.compile(r"\d+\.\d+")
#: A memory address, as a default repr prints it.
ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")
#: A traceback frame inside the standard library (paths already made stable
#: by the runner: ``.../lib/python3.11/...``), and the lines shown under it: its
#: source, which 3.13+ may show over several lines (``...<2 lines>...``), and carets.
_STDLIB_FRAME = re.compile(
    r'^(?P<indent>[ |]*)File "\.\.\./lib/python3\.\d+/[^"]*", line \d+, in .*\n(?:(?P=indent)  +\S.*\n)*', re.MULTILINE
)
#: The carets (3.11+) that point into a line of a traceback.
_CARETS = re.compile(r"^[ |]*[~^]+ *\n", re.MULTILINE)


#: A place in Python's own files outside a traceback (a warning's, a repr's "created at"): which release, which line.
_STDLIB_PLACE = re.compile(
    r"\.\.\./lib/python3\.\d+/(?P<file>[\w./-]+\.py)(?:(?P<colon>:)\d+|(?P<quote>['\"]), line \d+)?"
)


def _stdlib_place(match: re.Match[str]) -> str:
    line = ":…" if match.group("colon") else (f"{match.group('quote')}, line …" if match.group("quote") else "")
    return f".../lib/python3/{match.group('file')}{line}"


def canonical(output: str) -> str:
    """The output with addresses, Python's own traceback frames and carets set aside."""
    text = _CARETS.sub("", _STDLIB_FRAME.sub("", output))
    return ADDRESS.sub("0x…", _STDLIB_PLACE.sub(_stdlib_place, text))


def same(expected: str, actual: str, *, clock: str = "virtual") -> bool:
    """Whether ``actual`` prints what ``expected`` records, for a run on ``clock``."""
    want, got = canonical(expected), canonical(actual)
    if want == got:
        return True
    return clock == "real" and _within_tolerance(want, got)


def same_line(expected: str, actual: str, *, clock: str = "virtual") -> bool:
    """:func:`same` for one line (no trailing newline needed)."""
    return same(expected + "\n", actual + "\n", clock=clock)


def _within_tolerance(want: str, got: str) -> bool:
    if _DECIMAL.split(want) != _DECIMAL.split(got):
        return False
    for recorded, measured in zip(_DECIMAL.findall(want), _DECIMAL.findall(got)):
        if abs(float(measured) - float(recorded)) > TOLERANCE_SECONDS + TOLERANCE_RELATIVE * float(recorded):
            return False
    return True


def only_numbers_differ(expected: str, actual: str) -> bool:
    """Whether the two outputs differ in their printed numbers with a decimal point alone."""
    return _DECIMAL.split(canonical(expected)) == _DECIMAL.split(canonical(actual))


def differing_lines(expected: str, actual: str, *, clock: str = "virtual") -> Iterator[tuple[str, str]]:
    """Pairs of (expected line, actual line) that are not the same, in order ("" for a missing line).

    Lines are matched by difflib, so one added line does not make every later one differ.
    """
    want, got = canonical(expected).splitlines(), canonical(actual).splitlines()
    matcher = difflib.SequenceMatcher(a=want, b=got, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            continue
        old, new = want[a0:a1], got[b0:b1]
        for index in range(max(len(old), len(new))):
            line_a = old[index] if index < len(old) else ""
            line_b = new[index] if index < len(new) else ""
            if not same_line(line_a, line_b, clock=clock):
                yield line_a, line_b


def diff(expected: str, actual: str, expected_name: str, actual_name: str) -> str:
    """A unified diff between two outputs, for messages."""
    lines = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        fromfile=expected_name,
        tofile=actual_name,
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def racing_prints(timeline: dict[str, Any]) -> tuple[float, str, str] | None:
    """The closest call in a run's output order: two tasks printing less than :data:`ORDER_MARGIN` apart.

    On the virtual clock, a task that prints at 1.20 s always prints before
    one that prints at 1.25 s.  In real time (``make verify-real-time``, the
    reader's browser) each task's timers come late by their own few
    milliseconds, more on a busy machine, so the order of two such lines is
    not something the output can promise.  Returns (gap in seconds, first
    line, second line) for the closest such pair, or None.  Prints at the
    very same moment are not a race: the loop runs what is due in the order
    it was scheduled, on every clock.
    """
    lines = [(when, task, text.strip()) for when, task, text in timeline.get("prints", []) if text.strip()]
    closest = None
    for (t1, task1, text1), (t2, task2, text2) in zip(lines, lines[1:]):
        gap = round(t2 - t1, 6)
        if task1 != task2 and 0 < gap < ORDER_MARGIN:
            if closest is None or gap < closest[0]:
                closest = (gap, text1, text2)
    return closest
