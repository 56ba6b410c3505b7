"""Turn one snippet run into the problems a contributor must fix.

The build (MkDocs hooks), the tests (Sybil) and ``update-outputs`` all call
:func:`evaluate`, so a snippet fails in the same way, with the same message,
wherever it is run.  Every message starts with the page and line of the fence
and names the snippet, and says what to do about it.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from sitetools import interpreters, programs, sameness, verdict
from sitetools.capabilities import clock_for
from sitetools.determinism import Diagnosis, diagnose
from sitetools.fences import SnippetFence
from sitetools.matrix import is_current, read_matrix
from sitetools.records import output_diff, read_record, record_path
from sitetools.runner import MAX_OUTPUT_BYTES, RunResult

if TYPE_CHECKING:
    from sitetools.project import Project

#: How much of a failing run's output goes into an error message.
_SHOWN_LINES = 30


@dataclasses.dataclass(frozen=True)
class Outcome:
    """A fence, the run behind it (if the snippet exists) and what is wrong."""

    fence: SnippetFence
    result: RunResult | None
    record: str | None
    problems: tuple[str, ...]
    clock_reason: str = ""
    cached: bool = False
    skipped: str = ""  # why it was not run here (an interpreter this machine lacks)
    #: When two runs printed different things: the likely cause (the program is not deterministic).
    unstable: Diagnosis | None = None
    #: When the page's Python is missing here and another one ran the snippet: which, and why.
    stand_in: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


def evaluate(
    fence: SnippetFence,
    project: Project,
    *,
    refresh: bool = False,
    clock: str | None = None,
    store: bool = True,
    check_record: bool = True,
) -> Outcome:
    """Run (or reuse from the cache) the snippet a fence refers to and check it.

    ``refresh`` runs it again even if the cache has it; ``clock`` overrides
    the clock the fence and the snippet's source would choose; ``store=False``
    keeps the run out of the cache (a run for another purpose than the build's);
    ``check_record=False`` checks how the run ended, not what it printed
    (``make update-outputs``, which is about to replace the record).

    A run whose check fails is run again before it is reported: a failure
    must not come from the cache, nor from one busy moment.  If the second
    run passes, it is the outcome; if it fails too, the failure is reported
    and dropped from the cache, and if the two runs printed different
    things, the message says so and names the likely cause.
    """
    path = project.snippets_dir / fence.snippet
    if not path.is_file():
        return Outcome(fence, None, None, (missing_snippet_message(fence, project.snippets_dir),))
    record = read_record(path)
    python, stand_in = interpreter_for(fence)
    if python is None:
        if os.environ.get("CI") == "true":  # CI must never pass by skipping
            return Outcome(fence, None, record, (f"{fence.where}: snippet {fence.snippet}: {stand_in}",))
        return Outcome(fence, None, record, (), skipped=stand_in)
    source = path.read_text(encoding="utf-8")
    if clock is None:
        clock, why = clock_for(source, fence.clock)
    else:
        why = "chosen for this check"
    # The page's run records the tasks' timeline too; the version matrix's runs do not,
    # so the two together show that recording changes nothing in the output.
    options = {"timeout": fence.timeout, "clock": clock, "python": python, "timeline": True}
    result, cached = project.cache.run(path, refresh=refresh, store=store, **options)
    expected = record if check_record else None
    problems = check(fence, result, expected, project.snippets_dir, check_record)
    if problems and stand_in and not run_problems(fence, result) and _as_its_versions_say(fence, project, result):
        problems = []  # the stand-in prints what the version matrix says it prints: no news
    if not problems:
        return Outcome(fence, result, record, (), clock_reason=why, cached=cached, stand_in=stand_in)
    if result.timed_out and result.exit_status is None and clock == "virtual" and not cached:
        # A hang on the virtual clock does not depend on the machine's speed: running it again costs its timeout.
        return Outcome(fence, result, record, tuple(problems), clock_reason=why)
    again, _ = project.cache.run(path, refresh=True, store=store, **options)
    again_problems = check(fence, again, expected, project.snippets_dir, check_record)
    if not again_problems:
        return Outcome(fence, again, record, (), clock_reason=why, stand_in=stand_in)
    if store:
        project.cache.forget(path, **options)
    unstable = None
    if not (result.timed_out or again.timed_out) and not sameness.same(result.output, again.output, clock=clock):
        unstable = diagnose([result.output, again.output], source, clock, ["first run", "second run"])
    if unstable is not None:
        again_problems = [unstable_message(fence, unstable)]
    return Outcome(fence, again, record, tuple(again_problems), clock_reason=why, unstable=unstable, stand_in=stand_in)


def interpreter_for(fence: SnippetFence) -> tuple[str | None, str]:
    """The interpreter a fence's snippet runs with, and why it is another one or none ("" when all is well).

    That is the fence's ``python=``, or else :data:`interpreters.RECORDING`,
    the Python the pages show.  Where the page's Python is missing, the one
    running the tools stands in (except under ``CI=true``, which must have
    it): a contributor with one Python can still build, preview and test.
    """
    wanted = fence.python or interpreters.RECORDING
    found = interpreters.find(wanted)
    if found is not None:
        return found, ""
    reason = interpreters.missing_reason(wanted)
    if fence.python is None and os.environ.get("CI") != "true":
        here = ".".join(map(str, sys.version_info[:3]))
        return sys.executable, f"{reason.split(';')[0]}; Python {here} ran it instead"
    return None, reason


def _as_its_versions_say(fence: SnippetFence, project: Project, result: RunResult) -> bool:
    """Whether a stand-in's output is the one the committed version matrix records for its version."""

    path = project.snippets_dir / fence.snippet
    matrix = read_matrix(path)
    if not is_current(matrix, fence, path):
        return False
    cell = matrix.cells.get(".".join(result.python_version.split(".")[:2]))  # type: ignore[union-attr]
    return (
        cell is not None
        and cell.status == "different"
        and sameness.same(cell.output, result.output, clock=result.clock)
    )


def check(
    fence: SnippetFence, result: RunResult, record: str | None, snippets_dir: Path, check_record: bool = True
) -> list[str]:
    """Everything wrong with one run: how it ended, and (``check_record``) whether it printed its record."""
    problems = run_problems(fence, result)
    if check_record:
        problems += record_problems(fence, result, record, snippets_dir)
    return problems


def unstable_message(fence: SnippetFence, diagnosis: Diagnosis) -> str:
    return (
        f"{fence.where}: snippet {fence.snippet} printed something different each time it was run (twice "
        f"here), so no record can hold. Do not record it as it is.\n"
        + diagnosis.explain()
        + f"\nThen `make update-outputs SNIPPETS={fence.snippet}` checks that it prints the same in every run."
    )


def missing_snippet_message(fence: SnippetFence, snippets_dir: Path) -> str:
    known = sorted(p.relative_to(snippets_dir).as_posix() for p in snippets_dir.rglob("*.py"))
    close = difflib.get_close_matches(fence.snippet, known, n=1)
    hint = f" Did you mean {close[0]}?" if close else ""
    return (
        f"{fence.where}: snippet {fence.snippet} does not exist "
        f"(looked for {(snippets_dir / fence.snippet).as_posix()}).{hint}"
    )


def run_problems(fence: SnippetFence, result: RunResult) -> list[str]:
    """What went wrong with the run itself, whatever the record says (:func:`sitetools.verdict.ending`)."""
    how = verdict.ending(fence, result)
    if not how:
        return []
    head = f"{fence.where}: snippet {fence.snippet}"
    shown = _tail(result.output)
    if how in (verdict.HUNG, verdict.OUTLIVED):
        if how == verdict.OUTLIVED:
            why = (
                f"exited with status {result.exit_status}, but a process it started kept "
                f"running until the {fence.timeout:g} s timeout and was killed"
            )
        else:
            why = f"did not finish within its {fence.timeout:g} s timeout and was killed"
        return [
            f'{head} {why} (raise it with timeout="..." on the fence if the example '
            f"really needs longer; on the virtual clock, a loop that busy-waits on "
            f'time.perf_counter(), or a pool thread that waits for the loop, never ends: declare clock="real"). '
            f"Output before it was stopped:\n{shown}"
        ]
    if how == verdict.RUNAWAY:
        return [
            f"{head} printed more than {MAX_OUTPUT_BYTES} bytes and was stopped: an example "
            f"should print what a reader can read. The output began:\n{_head(result.output)}"
        ]
    if how == verdict.FAILED:
        missing = _MISSING_FILE.search(result.output)
        if missing:
            name = missing.group("name")
            if programs.is_folder_example(Path(fence.snippet)):
                where = f"put {name} in snippets/{fence.snippet.rpartition('/')[0]}/, beside it"
            else:
                where = (
                    f"move it into a folder of its own, snippets/{_folder_example(fence.snippet)} (and its fence "
                    f"to {_folder_example(fence.snippet)}), and put {name} beside it there"
                )
            return [
                f"{head} failed: it could not open {name}, which is not in the directory it runs in. An "
                f"example runs in an empty temporary directory that holds only itself and the files that "
                f"live with it: {where} (README: Files beside an example). Output:\n{shown}"
            ]
        return [
            f"{head} failed with exit status {result.exit_status}. If the failure is the "
            f'point of the example, declare it on the fence with raises="ExceptionName". '
            f"Output:\n{shown}"
        ]
    if how == verdict.NO_EXCEPTION:
        return [f'{head} is declared raises="{fence.raises}" but exited normally. Output:\n{shown}']
    return [
        f'{head} is declared raises="{fence.raises}" but ended with a different '
        f"error (exit status {result.exit_status}). Output:\n{shown}"
    ]


def record_problems(fence: SnippetFence, result: RunResult, record: str | None, snippets_dir: Path) -> list[str]:
    """Whether the run's output matches the recorded output beside the snippet."""
    if result.timed_out or result.truncated:
        return []  # already reported; a partial output says nothing about the record
    name = (snippets_dir / fence.snippet).relative_to(snippets_dir.parent).as_posix()
    record_name = record_path(Path(name)).as_posix()
    if record is None:
        return [
            f"{fence.where}: snippet {fence.snippet} has no recorded output yet "
            f"({record_name}); run `make update-outputs` to record it. It printed:\n{_tail(result.output)}"
        ]
    if not sameness.same(record, result.output, clock=result.clock):
        diff = output_diff(record, result.output, record_name)
        if result.clock == "real":
            next_step = (
                "It runs on the real clock, and it printed this twice here. If you changed the program and the "
                f"new output is right, run `make update-outputs SNIPPETS={fence.snippet}` (it checks the output "
                "also holds on a machine twice as slow) and commit the record. If you did not, what it prints "
                "depends on this machine's speed: make it print what holds on a slower machine too (a coarse "
                "comparison with a wide margin), then record it."
            )
        else:
            next_step = (
                f"If the new output is right, run `make update-outputs SNIPPETS={fence.snippet}` (it checks that "
                "the program prints the same in every run) and commit the record."
            )
        return [
            f"{fence.where}: snippet {fence.snippet}: its output differs from the record "
            f"{record_name} (ran with Python {result.python_version}, {result.clock} clock). {next_step}\n{diff}"
        ]
    return []


def _folder_example(snippet: str) -> str:
    """Where a one-file snippet goes when it gets files of its own: page/name.py -> page/name/name.py."""
    page, _, name = snippet.rpartition("/")
    stem = name.removesuffix(".py")
    return f"{page}/{stem}/{name}" if page else f"{stem}/{name}"


#: The last line of a program that could not open a file by a relative name.
_MISSING_FILE = re.compile(
    r"^FileNotFoundError: \[Errno 2\] No such file or directory: (?P<name>'[^'/][^']*')\s*\Z", re.MULTILINE
)


def _tail(output: str) -> str:
    lines = output.splitlines() or ["(no output)"]
    if len(lines) > _SHOWN_LINES:
        lines = [f"... ({len(lines) - _SHOWN_LINES} lines above not shown)"] + lines[-_SHOWN_LINES:]
    return textwrap.indent("\n".join(lines), "    ")


def _head(output: str) -> str:
    lines = output.splitlines()[:5]
    return textwrap.indent("\n".join(line[:200] for line in lines), "    ")
