"""What a snippet is on disk: its program and the files that live with it.

Most snippets are one file, ``snippets/<page>/<what_it_shows>.py``.  An
example that reads a data file, or imports a module of its own, lives in a
folder named like its program instead::

    snippets/files/count_words_in_a_file/
        count_words_in_a_file.py     <- the program (the fence names this file)
        count_words_in_a_file.out    <- its record, as for any snippet
        poem.txt                     <- copied into its working directory
        data/numbers.csv             <- likewise, as data/numbers.csv

Everything in the folder except the program's own records is a *companion*:
copied beside the program into the empty directory it runs in, part of what
the run cache and the version matrix key on, and shown under the program on
the page.  A ``.py`` companion is a module the program imports, not a
snippet of its own.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

#: Files that belong to the program's records, not its working directory.
RECORD_SUFFIXES = (".out", ".versions.json")
_SKIPPED_PARTS = {"__pycache__", ".DS_Store"}


def is_folder_example(program: Path) -> bool:
    """Whether ``program`` is ``NAME/NAME.py``: a program with files beside it."""
    return program.parent.name == program.stem


def companions(program: Path) -> list[Path]:
    """The files that live with a program (none for a snippet that is one file), sorted."""
    if not is_folder_example(program) or not program.parent.is_dir():
        return []
    found = []
    for path in sorted(program.parent.rglob("*")):
        relative = path.relative_to(program.parent)
        if (
            not path.is_file()
            or path == program
            or any(part in _SKIPPED_PARTS or part.startswith(".") for part in relative.parts)
            or (len(relative.parts) == 1 and path.name in {program.stem + suffix for suffix in RECORD_SUFFIXES})
        ):
            continue
        found.append(path)
    return found


def is_companion(path: Path, snippets_dir: Path) -> bool:
    """Whether a ``.py`` file under ``snippets/`` is a module of a folder example, not a snippet."""
    for folder in path.relative_to(snippets_dir).parents:
        if folder != Path(".") and (snippets_dir / folder / f"{folder.name}.py") != path:
            if (snippets_dir / folder / f"{folder.name}.py").is_file():
                return True
    return False


def digest(program: Path) -> str:
    """sha256 of the program's bytes, and of each companion's name and bytes.

    A snippet without companions keeps the plain hash of its file, so committed
    version matrices of one-file snippets stay valid.
    """
    hasher = hashlib.sha256(program.read_bytes())
    extra = companions(program)
    if not extra:
        return hasher.hexdigest()
    for path in extra:
        hasher.update(b"\0" + path.relative_to(program.parent).as_posix().encode() + b"\0" + path.read_bytes())
    return hasher.hexdigest()


def copy_into(program: Path, workdir: Path) -> None:
    """Put the program and its companions into the (empty) directory it runs in."""
    shutil.copyfile(program, workdir / program.name)
    for path in companions(program):
        target = workdir / path.relative_to(program.parent)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def companion_names(program: Path) -> list[str]:
    """The companions as the program sees them: paths relative to its working directory."""
    return [path.relative_to(program.parent).as_posix() for path in companions(program)]
