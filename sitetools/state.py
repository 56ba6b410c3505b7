"""The state of one build, shared by the MkDocs hooks and the formatter.

superfences calls the formatter with the fence alone, without the page or
the MkDocs configuration, so the hooks keep both here, with:

* the runs of this build: every example starts on all cores when the build
  starts, and a page waits only for its own (the same snippet on two pages
  runs once).  Everything is dropped when the next build starts, so
  ``mkdocs serve`` never shows a stale output; unchanged examples come back
  from the run cache instead;
* the rendered HTML of each example, cached in ``.cache/html/`` under a key
  of everything it depends on.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import logging
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

from sitetools.cache import write_atomically
from sitetools.checks import Outcome, RunKey, evaluate, make_pools, submit_all
from sitetools.fences import SnippetFence
from sitetools.project import Project

log = logging.getLogger("mkdocs.plugins.snippets")  # under "mkdocs": counted by --strict

_project: Project | None = None
_render_fingerprint = ""
_page = "<unknown page>"
_futures: dict[RunKey, concurrent.futures.Future[Outcome]] = {}
_reported: set[RunKey] = set()
_pool: concurrent.futures.ThreadPoolExecutor | None = None
_waiting_pool: concurrent.futures.ThreadPoolExecutor | None = None
_started = 0.0
_last_progress = 0.0


def start_build(project: Project, markdown_settings: object) -> None:
    """Forget the previous build; remember what rendered HTML depends on."""
    global _project, _render_fingerprint
    _project = project
    _futures.clear()
    _reported.clear()
    digest = hashlib.sha256(json.dumps(markdown_settings, sort_keys=True, default=_stable_repr).encode())
    # what makes an example's HTML
    for module in ("render.py", "state.py", "timeline.py", "versions.py", "history.py", "programs.py", "sameness.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    digest.update(_package_versions().encode())
    _render_fingerprint = digest.hexdigest()


def _stable_repr(value: object) -> str:
    """A repr without memory addresses, so the key is the same in every process."""
    name = getattr(value, "__qualname__", None)
    if name is not None:
        return f"{getattr(value, '__module__', '')}.{name}"
    return re.sub(r" at 0x[0-9a-fA-F]+", "", repr(value))


def _package_versions() -> str:
    from importlib.metadata import version

    return " ".join(
        f"{name}={version(name)}" for name in ("markdown-exec", "pymdown-extensions", "markdown", "pygments")
    )


def rendered_html(identity: object, render: Callable[[], str]) -> str:
    """The HTML of one example, from ``.cache/html/`` when nothing it depends on changed.

    markdown-exec renders each block with a fresh Markdown instance, which is
    most of a warm build's cost; the HTML depends only on the run result, the
    source, the fence and the Markdown configuration, all in the key.
    """
    key = hashlib.sha256(json.dumps([_render_fingerprint, identity], default=repr).encode()).hexdigest()
    entry = project().root / ".cache" / "html" / f"{key}.html"
    if entry.is_file():
        return entry.read_text(encoding="utf-8")
    html = str(render())
    write_atomically(entry, html)
    return html


def project() -> Project:
    if _project is None:
        raise RuntimeError(
            "the sitetools MkDocs hooks are not enabled in mkdocs.yml (hooks: sitetools/mkdocs_hooks.py)"
        )
    return _project


def snippets_dir() -> Path:
    return project().snippets_dir


def set_current_page(label: str) -> None:
    global _page
    _page = label


def current_page() -> str:
    return _page


def start_runs(fences: list[SnippetFence]) -> None:
    """Start every example of the site while MkDocs goes on building: those on
    the virtual clock on all cores, the real-time ones (which mostly wait) all
    at once beside them.

    A page waits only for its own examples (:func:`outcome_for`); a progress
    line appears every few seconds while runs are still going.
    """
    global _pool, _waiting_pool, _started
    # Two runs per core: a run's process and the thread that reads it take turns.
    _pool, _waiting_pool = make_pools(fences, project(), workers=2 * (os.cpu_count() or 1))
    _started = time.perf_counter()
    _futures.update(submit_all(fences, project(), _pool, _waiting_pool))
    for future in _futures.values():
        future.add_done_callback(_progress)


def _progress(_: object) -> None:
    global _last_progress
    done = sum(future.done() for future in _futures.values())
    now = time.perf_counter()
    if now - _last_progress >= 2.0 and now - _started >= 2.0 and done < len(_futures):
        _last_progress = now
        running = [snippet for (snippet, _), future in _futures.items() if future.running()]
        log.info(f"snippets: {done}/{len(_futures)} done after {now - _started:.0f} s; running: {', '.join(running)}")


def outcome_for(fence: SnippetFence) -> Outcome:
    """The checked run of the snippet a fence refers to (once per build).

    Problems are logged as warnings the first time, so ``mkdocs build
    --strict`` fails and names every broken example, not just the first.
    """
    key = (fence.snippet, fence.run_options)
    if key not in _futures:  # a fence the hooks did not see: run it now
        _futures[key] = concurrent.futures.Future()
        _futures[key].set_result(evaluate(fence, project()))
    outcome = _futures[key].result()
    if key not in _reported:
        _reported.add(key)
        for problem in outcome.problems:
            log.warning(problem)
    return outcome


def finish_runs() -> None:
    """Report what no page asked for, stop the pool, and sum up."""
    outcomes = [outcome_for(future.result().fence) for future in list(_futures.values())]
    for pool in (_pool, _waiting_pool):
        if pool is not None:
            pool.shutdown()
    ran = sum(1 for outcome in outcomes if outcome.result is not None and not outcome.cached)
    log.info(
        f"snippets: {len(outcomes)} examples, {ran} run, {len(outcomes) - ran} from the cache, "
        f"in {time.perf_counter() - _started:.2f} s"
    )
