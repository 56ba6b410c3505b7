"""Find the Python interpreters on this machine, by minor version.

Looked for in ``$PYENV_ROOT/versions`` (or ``~/.pyenv/versions``), then as
``python3.X`` on ``PATH``, then among the launchers ``make pythons`` writes
(:mod:`sitetools.pythons`: 3.14 and 3.15 from Debian sid, where nothing else
provides them); the newest patch release wins.  A machine can name its
interpreters instead, in ``SITETOOLS_PYTHONS`` (paths separated by
``os.pathsep``): then only those are used, beside the one running the tools.

The site's outputs are recorded and checked with :data:`RECORDING` (3.14, the
Python readers install and the one the Run button runs), where it is found;
a fence can ask for another one with ``python="3.15"``, and the version
matrix runs every snippet on every supported version found here.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

SUPPORTED = tuple(f"3.{minor}" for minor in range(6, 16))
#: The Python whose outputs the pages show: every record is made with it.
RECORDING = "3.14"
#: Interpreters named by hand, instead of searching (paths joined by os.pathsep).
CONFIGURED = "SITETOOLS_PYTHONS"


def _minor(info: tuple[int, ...]) -> str:
    return f"{info[0]}.{info[1]}"


@functools.cache
def find(version: str, provided: bool = True) -> str | None:
    """The path of an interpreter for ``"3.X"``, or None if there is none here.

    ``provided=False`` leaves out the launchers of ``make pythons``.
    """
    if version == _minor(sys.version_info):
        return sys.executable
    configured = os.environ.get(CONFIGURED)
    if configured:
        return _configured(configured).get(version)
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    if root.is_dir():
        candidates = [
            p
            for p in root.glob(f"{version}.*/bin/python")
            if re.fullmatch(rf"{re.escape(version)}\.\d+", p.parent.parent.name)
        ]
        if candidates:
            newest = max(candidates, key=lambda p: int(p.parent.parent.name.rsplit(".", 1)[1]))
            return str(newest)
    on_path = shutil.which(f"python{version}")
    if on_path or not provided:
        return on_path
    from sitetools import pythons

    launcher = pythons.launcher(version)
    return str(launcher) if version in pythons.PROVIDED and launcher.is_file() else None


@functools.cache
def _configured(value: str) -> dict[str, str]:
    """Ask each configured interpreter its version; a path that does not run is an error."""
    found: dict[str, str] = {}
    for path in filter(None, value.split(os.pathsep)):
        try:
            out = subprocess.run(
                [path, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                capture_output=True,
                text=True,
                check=True,
                timeout=30,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError) as error:
            raise SystemExit(f"{CONFIGURED}: {path} does not run as a Python interpreter ({error})") from None
        found.setdefault(out, path)
    return found


def available() -> dict[str, str]:
    """Every supported version found here, oldest first, with its path."""
    return {version: path for version in SUPPORTED if (path := find(version)) is not None}


def missing_reason(version: str) -> str:
    from sitetools import pythons

    if os.environ.get(CONFIGURED):
        where = f"in {CONFIGURED}"
    else:
        where = f"in pyenv's versions and for python{version} on PATH"
        if version in pythons.PROVIDED:
            where += f", and for {pythons.launcher(version)} (`make pythons`)"
    return f"Python {version} is not installed here (looked {where}); install it to run this example"
