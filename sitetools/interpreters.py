"""Find the Python interpreters on this machine, by minor version.

Looked for in ``$PYENV_ROOT/versions`` (or ``~/.pyenv/versions``), then as
``python3.X`` on ``PATH``; the newest patch release wins.  The site builds
with the interpreter running MkDocs; a fence can ask for another one with
``python="3.13"`` (an example of a feature newer than the build's Python).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import sys
from pathlib import Path

SUPPORTED = tuple(f"3.{minor}" for minor in range(6, 14))


@functools.cache
def find(version: str) -> str | None:
    """The path of an interpreter for ``"3.X"``, or None if there is none here."""
    if version == f"{sys.version_info[0]}.{sys.version_info[1]}":
        return sys.executable
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    if root.is_dir():
        candidates = [p for p in root.glob(f"{version}.*/bin/python") if re.fullmatch(rf"{re.escape(version)}\.\d+", p.parent.parent.name)]
        if candidates:
            newest = max(candidates, key=lambda p: int(p.parent.parent.name.rsplit(".", 1)[1]))
            return str(newest)
    return shutil.which(f"python{version}")


def missing_reason(version: str) -> str:
    return (
        f"Python {version} is not installed here (looked in pyenv's versions and for python{version} "
        f"on PATH); install it to run this example"
    )
