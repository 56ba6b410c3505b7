"""Pyodide, the Python of the reader's browser, as one more interpreter for the runner.

``runner.run_snippet(path, python=PYODIDE)`` runs a snippet in Pyodide under
Node.js (``run.mjs``), with the same timeout, output limit, cache and result
record as a CPython run.  The pinned npm package ``pyodide`` (installed by
``npm ci --prefix js``, the site's own JavaScript) is both what Node runs here and what the site
serves to readers (see :func:`site_files`), so the browser column of the
version matrix checks the very files the Run button loads.

Node 20 needs ``--experimental-wasm-stack-switching`` for JSPI, without which
``asyncio.run()`` cannot block; newer Nodes take ``--experimental-wasm-jspi``
or need no flag.  :func:`node_command` finds out which.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent  # resolved: the benchmark runs the tools through a symlink
ROOT = HERE.parents[1]
PACKAGE = ROOT / "js" / "node_modules" / "pyodide"
RUN_SCRIPT = HERE / "run.mjs"
DRIVER = HERE / "driver.py"
INPROC = HERE.parent / "inproc"
SNAPSHOTS = ROOT / ".cache" / "pyodide"
#: What the page needs to start Pyodide (the package's other files are for Node or for types).
SITE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
#: Where Pyodide keeps its standard library, and the stable name the outputs use for it.
STDLIB_IN_PYODIDE = "/lib/python314.zip/"
_JSPI_FLAGS = ("--experimental-wasm-stack-switching", "--experimental-wasm-jspi", None)


def missing() -> str | None:
    """Why Pyodide cannot run here, or None."""
    if shutil.which("node") is None:
        return "Node.js is not installed (apt-get install -y nodejs)"
    if not (PACKAGE / "pyodide.mjs").is_file():
        return "the pyodide npm package is not installed (npm ci --prefix js)"
    return None


@functools.cache
def package_version() -> str:
    return json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]


@functools.cache
def node_command() -> tuple[str, ...]:
    """``node`` with the flag that turns on JSPI, if this Node needs one."""
    node = shutil.which("node") or "node"
    for flag in _JSPI_FLAGS:
        command = (node, flag) if flag else (node,)
        probe = subprocess.run(
            [*command, "-e", "process.exit('Suspending' in WebAssembly || 'Suspender' in WebAssembly ? 0 : 1)"],
            capture_output=True,
            timeout=60,
        )
        if probe.returncode == 0:
            return command
    return (node,)  # no JSPI: runs use the top-level-await mode


def environment() -> dict[str, str]:
    return {
        "SITETOOLS_PYODIDE_DIR": str(PACKAGE),
        "SITETOOLS_PYODIDE_SNAPSHOT": str(snapshot_path()),
        "SITETOOLS_INPROC": str(INPROC),
    }


@functools.cache
def fingerprint() -> str:
    """What a cached Pyodide run depends on beyond the snippet: package, Node, our scripts."""
    digest = hashlib.sha256(" ".join([package_version(), *node_command()[1:]]).encode())
    for path in (RUN_SCRIPT, DRIVER):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def snapshot_path() -> Path:
    return SNAPSHOTS / f"snapshot-{package_version()}-{fingerprint()}.bin"


def ensure_snapshot() -> None:
    """Write the memory snapshot every run starts from, once (about 3 s)."""
    if not snapshot_path().is_file():
        subprocess.run(
            [*node_command(), str(RUN_SCRIPT), "--make-snapshot", str(snapshot_path())],
            env={**os.environ, **environment()},
            check=True,
            capture_output=True,
            timeout=300,
        )


@functools.cache
def facts() -> tuple[str, str]:
    """(Python version inside Pyodide, Pyodide version)."""
    ensure_snapshot()
    with tempfile.TemporaryDirectory() as workdir:
        out = subprocess.run(
            [*node_command(), str(RUN_SCRIPT), "--version"],
            cwd=workdir,
            env={**os.environ, **environment()},
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
    python, version = out.stdout.split()
    return python, version


def command(name: str) -> list[str]:
    return [*node_command(), str(RUN_SCRIPT), name]


def normalise(text: str) -> str:
    """Pyodide's zipped standard library looks like any other in an output."""
    python = ".".join(facts()[0].split(".")[:2])
    return text.replace(STDLIB_IN_PYODIDE, f".../lib/python{python}/")


def site_files() -> list[Path]:
    """The files the site serves under ``pyodide/``, so no request leaves its origin."""
    return [PACKAGE / name for name in SITE_FILES]
