"""Browser checks that passed, kept with everything they read: an unchanged check is not run again.

A browser check opens the built site in headless Chromium, where nothing can
leave the site (:func:`tests.browser.context_for`).  What it finds depends on
the built files it loads, its own code and the browser, nothing else.  So,
as the run cache does for examples, a check that **passed** is recorded in
``.cache/verdicts/`` under the digest of all of that, and a later run on the
very same inputs reports it as skipped, "unchanged since it passed", instead
of opening the browser again.  A failure is never recorded: it always runs
again.

What a check depends on is listed when it runs: for a page's checks, the page
and every file the browser fetched for it (as a build system's depfile lists
a compilation's headers); for a test that moves around the site, the whole
built site.  Under ``CI=true`` (CI must never pass by skipping) and with
``SITETOOLS_FULL=1`` (``make test FULL=1``, the weekly full run) nothing is
taken from the record.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sitetools.cache import write_atomically

#: The reason a check is reported as skipped when its pass is taken from the record.
UNCHANGED = (
    "unchanged since it passed: the same built files, the same check and the same Chromium "
    "(recorded in .cache/verdicts/; `make test FULL=1` runs it anyway)"
)
#: ``SITETOOLS_FULL=1``: take nothing from any record (the version matrix's included: sitetools.versions.FULL).
FULL = "SITETOOLS_FULL"


def reuse_allowed() -> bool:
    """Whether passes may be taken from the record here: never in CI, never in a full run."""
    return os.environ.get("CI") != "true" and os.environ.get(FULL) != "1"


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def tree_digest(root: Path) -> str:
    """One digest of every file under ``root``, with their paths."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def code_digest(paths: Iterable[Path]) -> str:
    """The digest of a check's own code (its test module, the browser helpers, axe-core)."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"missing") + b"\0")
    return digest.hexdigest()[:16]


@dataclasses.dataclass(frozen=True)
class Verdicts:
    """The record of passed checks, under ``directory``; files read are relative to ``base`` (the built site).

    Whether the record may be used is decided when it is made (a test that sets
    ``CI`` meanwhile, in another thread, changes nothing).
    """

    directory: Path
    base: Path
    reuse: bool = dataclasses.field(default_factory=reuse_allowed)

    def _entry(self, name: str, key: Iterable[str]) -> Path:
        identity = json.dumps([name, *key]).encode()
        return self.directory / f"{hashlib.sha256(identity).hexdigest()}.json"

    def passed(self, name: str, key: Iterable[str]) -> dict[str, Any] | None:
        """What the check recorded when it passed on these inputs (its ``data``), or None: run it."""
        if not self.reuse:
            return None
        entry = self._entry(name, key)
        try:
            recorded = json.loads(entry.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        for relative, digest in recorded["depends"].items():
            path = self.base / relative
            if not path.is_file() or file_digest(path) != digest:
                return None
        return recorded.get("data") or {}

    def record(self, name: str, key: Iterable[str], depends: Iterable[str], data: dict[str, Any] | None = None) -> None:
        """Record a pass, with the digest of every file (relative to ``base``) it read."""
        if not self.reuse:
            return
        files = {relative: file_digest(self.base / relative) for relative in sorted(set(depends))}
        entry = {"name": name, "when": time.strftime("%Y-%m-%d %H:%M:%S"), "depends": files, "data": data or {}}
        write_atomically(self._entry(name, key), json.dumps(entry, indent=1, sort_keys=True))
