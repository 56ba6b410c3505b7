"""Running many examples at once: the pools, the real-time ones beside them, the batches.

Runs are separate processes, so threads are enough to keep every core busy.
Examples on the virtual clock share one worker per core; the ones that run
in real time (mostly waiting on timers, children and sockets) all start at
once in a pool of their own, first, so that none waits behind the others.
Each run is :func:`sitetools.checks.evaluate`: from the cache, or run (with
its retry) and checked.
"""

from __future__ import annotations

import concurrent.futures
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sitetools.capabilities import clock_for
from sitetools.checks import Outcome, evaluate
from sitetools.fences import SnippetFence

if TYPE_CHECKING:
    from sitetools.project import Project


RunKey = tuple[str, tuple[tuple[str, object], ...]]


def runs_in_real_time(fence: SnippetFence, project: Project) -> bool:
    """Whether the fence's snippet will run on the real clock (decided from its code)."""
    path = project.snippets_dir / fence.snippet
    return path.is_file() and clock_for(path.read_text(encoding="utf-8"), fence.clock)[0] == "real"


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
    with project.running() as project, pool, waiting_pool:
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
