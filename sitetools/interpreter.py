"""The two kinds of interpreter a snippet runs in, behind one interface.

CPython (any of 3.6 to 3.15, by the path of its executable) and Pyodide (the
reader's in-browser Python, run under Node.js: :mod:`sitetools.pyodide`)
differ in how a run starts, in what the output says about the machine, in
what a cached run depends on, and in what they can do (fork from a warm
interpreter, follow the virtual clock, record a timeline).  The runner asks
:func:`interpreter` for one and never tests which kind it has.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
import subprocess
import sys
from pathlib import Path

from sitetools import pyodide

INPROC = Path(__file__).parent / "inproc"
BOOTSTRAP = INPROC / "bootstrap.py"
#: The interpreter name that runs a snippet in Pyodide, the reader's in-browser Python (sitetools/pyodide).
PYODIDE = "pyodide"


@dataclasses.dataclass(frozen=True)
class CPython:
    """An executable of CPython: forks from a warm server, follows the virtual clock, records timelines."""

    path: str
    forks: bool = True
    #: Whether a run can use the virtual clock, record a timeline, and be shaken.
    instrumented: bool = True

    def facts(self) -> tuple[str, str, str]:
        """(version, standard-library directory, ``sys.executable``), as the interpreter sees them."""
        return interpreter_facts(self.path)

    def command(self, name: str, clock: str, timeline: str) -> list[str]:
        return [self.path, "-s", "-u", str(BOOTSTRAP), name, clock, *([timeline] if timeline else [])]

    def environment(self) -> dict[str, str]:
        return {}

    def normalise(self, text: str, workdir: str) -> str:
        _, stdlib, executable = self.facts()
        return normalise_paths(text, workdir=workdir, stdlib=stdlib, executables=(self.path, executable))

    def fingerprint(self) -> str:
        """What a cached run depends on besides the program and the version: nothing more."""
        return ""


@dataclasses.dataclass(frozen=True)
class Pyodide:
    """CPython compiled to WebAssembly, run by Node.js: real time only, no fork, no recorder yet."""

    path: str = PYODIDE
    forks: bool = False
    instrumented: bool = False

    def facts(self) -> tuple[str, str, str]:
        return pyodide.facts()[0], pyodide.STDLIB_IN_PYODIDE.rstrip("/"), ""

    def command(self, name: str, clock: str, timeline: str) -> list[str]:
        return pyodide.command(name)

    def environment(self) -> dict[str, str]:
        return pyodide.environment()

    def normalise(self, text: str, workdir: str) -> str:
        _, stdlib, _ = self.facts()
        return normalise_paths(pyodide.normalise(text), workdir=workdir, stdlib=stdlib)

    def fingerprint(self) -> str:
        """The Pyodide package, Node.js and our scripts (:func:`sitetools.pyodide.fingerprint`)."""
        return pyodide.fingerprint()


def interpreter(python: str) -> CPython | Pyodide:
    """The interpreter a runner option names: :data:`PYODIDE`, or the path of a CPython executable."""
    return Pyodide() if python == PYODIDE else CPython(python)


@functools.cache
def interpreter_facts(python: str) -> tuple[str, str, str]:
    """Return (version, standard-library directory, ``sys.executable``) of an interpreter, as it sees them.

    For a launcher of ``make pythons`` the last two are paths inside its own
    root filesystem (``/usr/lib/python3.14``, ``/usr/bin/python3.14``).
    """
    if python == sys.executable:
        import sysconfig

        return _version_string(sys.version_info), sysconfig.get_paths()["stdlib"], sys.executable
    probe = (
        "import sys, sysconfig; print('.'.join(map(str, sys.version_info[:3]))); "
        "print(sysconfig.get_paths()['stdlib']); print(sys.executable)"
    )
    out = subprocess.run(
        [python, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    ).stdout.splitlines()
    return out[0], out[1], out[2]


def _version_string(info: tuple[int, ...]) -> str:
    return ".".join(str(part) for part in info[:3])


_OWN_FRAME = re.compile(
    r'^(?P<indent> *)File "' + re.escape(str(INPROC)) + r'/[^"]+", line \d+, in .*\n(?:(?P=indent)  +\S.*\n)?',
    re.MULTILINE,
)


def normalise_paths(text: str, *, workdir: str, stdlib: str, executables: tuple[str, ...] = ()) -> str:
    """Replace machine-specific paths with stable ones.

    The standard library's location differs between machines (pyenv, Debian,
    a venv...), and so would every recorded traceback through ``asyncio``.
    ``/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/runners.py`` becomes
    ``.../lib/python3.11/asyncio/runners.py``; the interpreter itself (as
    ``sys.executable`` in a command line) becomes ``.../bin/python3.11``; the
    temporary working directory becomes ``/tmp/example``.
    """
    # Frames of the bootstrap and the fork server: `python FILE` has none.
    # (A traceback is already cut by the bootstrap; this is for the other
    # stacks a program can print, such as debug mode's "Coroutine created at".)
    text = _OWN_FRAME.sub("", text)
    # Any other mention of the site's own in-process code (a warning attributed to the
    # bootstrap's line that runs the program) names it without the machine's path.
    text = text.replace(str(INPROC) + os.sep, "<sitetools>/")
    minor = os.path.basename(stdlib)  # "python3.11"
    names = {name for executable in executables if executable for name in (executable, os.path.realpath(executable))}
    for real in sorted(names, key=len, reverse=True):
        text = re.sub(re.escape(real) + r"(?![\w.-])", f".../bin/{minor}", text)
    for real in {stdlib, os.path.realpath(stdlib)}:
        head, tail = os.path.split(real)  # tail: "python3.11"
        lib = os.path.basename(head)  # "lib"
        text = text.replace(real + os.sep, f".../{lib}/{tail}/")
    for real in {workdir, os.path.realpath(workdir)}:
        text = re.sub(re.escape(real) + r"(?=[/\s\"']|$)", "/tmp/example", text)
    return text
