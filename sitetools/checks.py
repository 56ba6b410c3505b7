"""Turn one snippet run into the problems a contributor must fix.

The build (MkDocs hooks), the tests (Sybil) and ``update-outputs`` all call
:func:`evaluate`, so a snippet fails in the same way, with the same message,
wherever it is run.  Every message starts with the page and line of the fence
and names the snippet, and says what to do about it.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import difflib
import os
import re
import sys
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitetools import interpreters
from sitetools.fences import SnippetFence
from sitetools.records import output_diff, read_record, record_path
from sitetools.runner import MAX_OUTPUT_BYTES, RunResult, choose_clock

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

    @property
    def ok(self) -> bool:
        return not self.problems


def evaluate(fence: SnippetFence, project: Project, *, refresh: bool = False, clock: str | None = None) -> Outcome:
    """Run (or reuse from the cache) the snippet a fence refers to and check it.

    ``refresh`` runs it again even if the cache has it; ``clock`` overrides
    the clock the fence and the snippet's source would choose.
    """
    path = project.snippets_dir / fence.snippet
    if not path.is_file():
        return Outcome(fence, None, None, (missing_snippet_message(fence, project.snippets_dir),))
    record = read_record(path)
    python = sys.executable
    if fence.python is not None:
        found = interpreters.find(fence.python)
        if found is None:
            reason = interpreters.missing_reason(fence.python)
            if os.environ.get("CI") == "true":  # CI must never pass by skipping
                return Outcome(fence, None, record, (f"{fence.where}: snippet {fence.snippet}: {reason}",))
            return Outcome(fence, None, record, (), skipped=reason)
        python = found
    if clock is None:
        clock, why = choose_clock(path.read_text(encoding="utf-8"), fence.clock)
    else:
        why = "chosen for this check"
    # The page's run records the tasks' timeline too; the version matrix's runs do not,
    # so the two together show that recording changes nothing in the output.
    result, cached = project.cache.run(
        path, timeout=fence.timeout, clock=clock, refresh=refresh, python=python, timeline=True
    )
    problems = run_problems(fence, result) + record_problems(fence, result, record, project.snippets_dir)
    return Outcome(fence, result, record, tuple(problems), clock_reason=why, cached=cached)


RunKey = tuple[str, tuple[tuple[str, object], ...]]


def runs_in_real_time(fence: SnippetFence, project: Project) -> bool:
    """Whether the fence's snippet will run on the real clock (decided from its source)."""
    path = project.snippets_dir / fence.snippet
    return path.is_file() and choose_clock(path.read_text(encoding="utf-8"), fence.clock)[0] == "real"


def submit_all(
    fences: Iterable[SnippetFence],
    project: Project,
    pool: concurrent.futures.Executor,
    waiting_pool: concurrent.futures.Executor | None = None,
    **options: Any,
) -> dict[RunKey, concurrent.futures.Future[Outcome]]:
    """Start evaluating every distinct (snippet, options) once; return the futures.

    Runs are separate processes, so threads are enough to keep every core
    busy; cache hits cost a file read.  Real-time runs spend their time
    waiting (on threads, children, sockets), so with a ``waiting_pool`` they
    all start at once there, instead of queueing behind each other on the
    cores; they start first.
    """
    distinct = {(f.snippet, f.run_options): f for f in fences}
    waiting = set()
    if waiting_pool is not None and options.get("clock") is None:
        waiting = {key for key, fence in distinct.items() if runs_in_real_time(fence, project)}
    futures = {key: waiting_pool.submit(evaluate, distinct[key], project, **options) for key in waiting}  # type: ignore[union-attr]
    futures.update(
        {key: pool.submit(evaluate, fence, project, **options) for key, fence in distinct.items() if key not in waiting}
    )
    return futures


def evaluate_all(
    fences: Iterable[SnippetFence], project: Project, *, workers: int | None = None, **options: Any
) -> dict[RunKey, Outcome]:
    """Evaluate every distinct (snippet, options) once, on all cores, and wait.

    Real-time runs all start at once beside the pool (see :func:`submit_all`),
    except when ``clock`` is forced for everything, as ``make verify-real-time``
    does: that run measures, so it keeps to one run per core.
    """
    fences = list(fences)
    pool, waiting_pool = make_pools(fences, project, workers)
    with pool, waiting_pool:
        futures = submit_all(fences, project, pool, waiting_pool, **options)
        return {key: future.result() for key, future in futures.items()}


def make_pools(
    fences: list[SnippetFence], project: Project, workers: int | None = None, prefix: str = "snippet"
) -> tuple[concurrent.futures.ThreadPoolExecutor, concurrent.futures.ThreadPoolExecutor]:
    """One worker per core for runs on the virtual clock; one per real-time run beside them."""
    waiting = sum(runs_in_real_time(fence, project) for fence in fences)
    return (
        concurrent.futures.ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1, thread_name_prefix=prefix),
        concurrent.futures.ThreadPoolExecutor(max_workers=max(waiting, 1), thread_name_prefix=f"real-time {prefix}"),
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
    """What went wrong with the run itself, whatever the record says."""
    head = f"{fence.where}: snippet {fence.snippet}"
    shown = _tail(result.output)
    if result.timed_out:
        if result.exit_status is not None:
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
    if result.truncated:
        return [
            f"{head} printed more than {MAX_OUTPUT_BYTES} bytes and was stopped: an example "
            f"should print what a reader can read. The output began:\n{_head(result.output)}"
        ]
    if fence.raises is None and result.exit_status != 0:
        return [
            f"{head} failed with exit status {result.exit_status}. If the failure is the "
            f'point of the example, declare it on the fence with raises="ExceptionName". '
            f"Output:\n{shown}"
        ]
    if fence.raises is not None:
        if result.exit_status == 0:
            return [f'{head} is declared raises="{fence.raises}" but exited normally. Output:\n{shown}']
        if not raised(result.output, fence.raises):
            return [
                f'{head} is declared raises="{fence.raises}" but ended with a different '
                f"error (exit status {result.exit_status}). Output:\n{shown}"
            ]
    return []


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
    if record != result.output:
        diff = output_diff(record, result.output, record_name)
        return [
            f"{fence.where}: snippet {fence.snippet}: its output differs from the record "
            f"{record_name} (ran with Python {result.python_version}). If the new output is "
            f"right, run `make update-outputs` and commit the record.\n{diff}"
        ]
    return []


def raised(output: str, name: str) -> bool:
    """Whether the output shows an uncaught ``name`` exception (also inside a group).

    A traceback starts with its header; a syntax error in the program itself
    is printed without one, as ``  File "x.py", line 3`` and the message.
    """
    pattern = re.compile(rf"^[ |+]*(?:[\w.]+\.)?{re.escape(name)}(?::|$)", re.MULTILINE)
    started = "Traceback (most recent call last)" in output or bool(_COMPILE_ERROR.match(output))
    return started and bool(pattern.search(output))


_COMPILE_ERROR = re.compile(r'  File "[^"]+", line \d+\n')


def _tail(output: str) -> str:
    lines = output.splitlines() or ["(no output)"]
    if len(lines) > _SHOWN_LINES:
        lines = [f"... ({len(lines) - _SHOWN_LINES} lines above not shown)"] + lines[-_SHOWN_LINES:]
    return textwrap.indent("\n".join(lines), "    ")


def _head(output: str) -> str:
    lines = output.splitlines()[:5]
    return textwrap.indent("\n".join(line[:200] for line in lines), "    ")
