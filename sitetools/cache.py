"""A cache of run results, shared by the build, the preview (``make serve``) and the tests.

A result is reused only when nothing that could change it changed: the
snippet's bytes and file name, the interpreter's version, the runner's own
code (``runner.py``, what it imports, and everything in ``inproc/``: :func:`sitetools.provenance.run_fingerprint`), and the run options
(timeout, clock, whether the timeline is recorded).  Entries are JSON files named by that key, under
``.cache/runs/`` at the repository root (ignored by git).  Runs that were
cut short (a program still running at its timeout, runaway output) are never
stored: they may depend on how busy the machine was.  A run whose check
failed is not kept either: :func:`sitetools.checks.evaluate` runs it again,
and :meth:`RunCache.forget` drops it, so the next build runs it afresh
instead of serving the failure as the truth.  Runs made for another purpose
than the build's (``make verify-real-time``, the shaken runs of
``make update-outputs``) are never stored, so they cannot replace what the
build uses.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

from sitetools import programs, provenance
from sitetools.interpreter import interpreter
from sitetools.runner import ForkServers, RunResult, run_snippet


def runner_fingerprint() -> str:
    """The runner and the code inside the snippet's process, followed by their imports (no list to keep)."""
    return provenance.run_fingerprint()


def cache_key(path: Path, *, timeout: float, clock: str, python: str, timeline: bool = False) -> str:
    identity = [
        runner_fingerprint(),
        path.name,
        programs.digest(path),  # the program and the files that live with it
        interpreter(python).facts()[0],
        interpreter(python).fingerprint(),
        timeout,
        clock,
        timeline,
    ]
    return hashlib.sha256(json.dumps(identity).encode()).hexdigest()


class RunCache:
    def __init__(self, directory: Path, servers: ForkServers | None = None) -> None:
        self.directory = directory
        self.servers = servers  # the warm interpreters of the batch this cache serves, if any

    def entry(self, path: Path, *, timeout: float, clock: str, python: str, timeline: bool) -> Path:
        key = cache_key(path, timeout=timeout, clock=clock, python=python, timeline=timeline)
        return self.directory / f"{key}.json"

    def run(
        self,
        path: Path,
        *,
        timeout: float,
        clock: str,
        python: str = sys.executable,
        refresh: bool = False,
        timeline: bool = False,
        store: bool = True,
    ) -> tuple[RunResult, bool]:
        """Return (result, whether it came from the cache).

        ``refresh`` always runs; ``store=False`` runs without reading or
        writing the cache (a run for another purpose than the build's).
        """
        entry = self.entry(path, timeout=timeout, clock=clock, python=python, timeline=timeline)
        if entry.is_file() and not refresh and store:
            try:
                return RunResult.from_json(entry.read_text(encoding="utf-8")), True
            except (ValueError, TypeError):
                pass  # a damaged entry is simply run again
        result = run_snippet(path, timeout=timeout, clock=clock, python=python, timeline=timeline, servers=self.servers)
        # A run stopped by the timeout may depend on how busy the machine was;
        # one whose own process had ended (a child outlived it) does not.
        if store and not (result.truncated or result.timed_out and result.exit_status is None):
            write_atomically(entry, result.to_json())
        return result, False

    def forget(self, path: Path, *, timeout: float, clock: str, python: str, timeline: bool) -> None:
        """Drop a run whose check failed, so that no later build takes it for the truth."""
        self.entry(path, timeout=timeout, clock=clock, python=python, timeline=timeline).unlink(missing_ok=True)


def write_atomically(path: Path, text: str) -> None:
    """Write a cache entry so that parallel readers never see half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(temporary, path)
