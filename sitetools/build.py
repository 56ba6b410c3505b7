"""One build of the site: its runs, its reports, the HTML of its examples.

A :class:`Build` is made when a build starts and dropped when it ends; it
holds what used to be module-level state, so two builds in one process
(``make serve`` rebuilding, the tests building several sites) never see
each other's runs.  Under MkDocs the hooks make it in ``on_config`` and bind
it to the fence's validator and formatter; under Zensical, which runs no
hooks, the formatter makes it on the first example it meets and keeps it in
that build's configuration (:func:`sitetools.engine.build_of`).

* the runs: every example starts on all cores when the build starts, and a
  page waits only for its own (the same snippet on two pages runs once);
  unchanged examples come back from the run cache;
* the reports: each problem is logged once, as a warning, so ``mkdocs build
  --strict`` fails and names every broken example, not just the first;
* the rendered HTML of each example, cached in ``.cache/html/`` under a key
  of everything it depends on.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import hashlib
import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from sitetools.batches import RunKey, make_pools, submit_all
from sitetools.cache import write_atomically
from sitetools.checks import Outcome, evaluate
from sitetools.fences import SnippetFence
from sitetools.runner import ForkServers
from sitetools.site import Site

log = logging.getLogger("mkdocs.plugins.snippets")  # under "mkdocs": counted by --strict

#: The packages whose versions change an example's HTML.
_RENDERING_PACKAGES = ("markdown-exec", "pymdown-extensions", "markdown", "pygments")


class Build:
    """The runs and the rendered examples of one build of ``site``."""

    def __init__(self, site: Site, markdown_settings: object) -> None:
        self.servers = ForkServers()
        self.site: Site = dataclasses.replace(site, servers=self.servers)
        self.fingerprint = _render_fingerprint(markdown_settings)
        self._futures: dict[RunKey, concurrent.futures.Future[Outcome]] = {}
        self._reported: set[RunKey] = set()
        self._lock = threading.Lock()
        self._pools: tuple[concurrent.futures.ThreadPoolExecutor, ...] = ()
        self._started = time.perf_counter()
        self._last_progress = 0.0
        #: For llms.txt: each page's URL, title and description, in the navigation's order.
        self.pages: dict[str, tuple[str, str]] = {}
        self.order: list[str] = []

    def start_runs(self, fences: list[SnippetFence] | None = None) -> None:
        """Start every example (or ``fences``) while the build goes on: those on the
        virtual clock on all cores, the real-time ones (which mostly wait) all
        at once beside them.  A progress line appears every few seconds."""
        fences = self.site.snippet_fences() if fences is None else fences
        # Two runs per core: a run's process and the thread that reads it take turns.
        pool, waiting_pool = make_pools(fences, self.site, workers=2 * (os.cpu_count() or 1))
        self._pools += (pool, waiting_pool)
        futures = submit_all(fences, self.site, pool, waiting_pool)
        with self._lock:
            self._futures.update(futures)
        for future in futures.values():
            future.add_done_callback(self._progress)

    def _progress(self, _: object) -> None:
        futures = list(self._futures.items())
        done = sum(future.done() for _, future in futures)
        now = time.perf_counter()
        if now - self._last_progress >= 2.0 and now - self._started >= 2.0 and done < len(futures):
            self._last_progress = now
            running = [snippet for (snippet, _), future in futures if future.running()]
            log.info(
                f"snippets: {done}/{len(futures)} done after {now - self._started:.0f} s; running: {', '.join(running)}"
            )

    def outcome_for(self, fence: SnippetFence) -> Outcome:
        """The checked run of the snippet a fence refers to (once per build); its problems logged once."""
        key = (fence.snippet, fence.run_options)
        with self._lock:
            future = self._futures.get(key)
        if future is None:  # a fence the build did not see coming: run it now
            future = concurrent.futures.Future()
            future.set_result(evaluate(fence, self.site))
            with self._lock:
                future = self._futures.setdefault(key, future)
        outcome = future.result()
        with self._lock:
            first = key not in self._reported
            self._reported.add(key)
        if first:
            for problem in outcome.problems:
                log.warning(problem)
        return outcome

    def forget(self, snippets: set[str]) -> None:
        """Drop the runs of ``snippets`` (the preview, after they changed): the next page asks again."""
        with self._lock:
            for key in [key for key in self._futures if key[0] in snippets]:
                del self._futures[key]
                self._reported.discard(key)

    def finish(self) -> None:
        """Report what no page asked for, end the pools and the fork servers, and sum up."""
        with self._lock:
            futures = list(self._futures.values())
        outcomes = [self.outcome_for(future.result().fence) for future in futures]
        for pool in self._pools:
            pool.shutdown()
        self._pools = ()
        self.servers.close()
        ran = sum(1 for outcome in outcomes if outcome.result is not None and not outcome.cached)
        log.info(
            f"snippets: {len(outcomes)} examples, {ran} run, {len(outcomes) - ran} from the cache, "
            f"in {time.perf_counter() - self._started:.2f} s"
        )

    def rendered_html(self, identity: object, render: Callable[[], str]) -> str:
        """The HTML of one example, from ``.cache/html/`` when nothing it depends on changed.

        Rendering an example with a fresh Markdown instance is most of a warm
        build's cost; the HTML depends only on the run result, the source, the
        fence, the Markdown configuration and our rendering code, all in the key.
        """
        key = hashlib.sha256(json.dumps([self.fingerprint, identity], default=repr).encode()).hexdigest()
        entry = self.site.root / ".cache" / "html" / f"{key}.html"
        if entry.is_file():
            return entry.read_text(encoding="utf-8")
        html = str(render())
        write_atomically(entry, html)
        return html


def _render_fingerprint(markdown_settings: object) -> str:
    """What every example's HTML depends on besides the example: settings, our code, the packages."""
    digest = hashlib.sha256(json.dumps(markdown_settings, sort_keys=True, default=_stable_repr).encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):  # all of our own code: no list to keep up to date
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    digest.update(" ".join(f"{name}={version(name)}" for name in _RENDERING_PACKAGES).encode())
    return digest.hexdigest()


def _stable_repr(value: object) -> str:
    """A repr without memory addresses, so the key is the same in every process."""
    name = getattr(value, "__qualname__", None)
    if name is not None:
        return f"{getattr(value, '__module__', '')}.{name}"
    return re.sub(r" at 0x[0-9a-fA-F]+", "", repr(value))
