"""What a result was made from: the program's meaning, and the code that runs and judges it.

A committed cell of the version matrix is reused, instead of run again, only
while everything that could change it is what it was run on
(:mod:`sitetools.versions`).  This module computes those inputs:

* :func:`program_digest`: the program, read as Python reads it.  Comments,
  blank lines and the layout of a line do not change what a program does,
  so they are left out, *unless the program could see them*: a traceback,
  a warning or a task's repr quotes the file and its line numbers, and code
  that reads its own frames or file can print them.  Such a program is
  hashed byte for byte.  The files that live with it, its fence's options and
  its record are part of the digest too (a cell says whether the run printed
  the record).
* :func:`code_fingerprint`: the tooling's own code that a result depends on,
  found by following the imports of a module inside ``sitetools`` (no list
  to keep up to date: a module moved or added is followed), and every file of
  the folders whose code runs inside the snippet's process.

Digests are short (16 hex digits, 64 bits): they tell versions of one file
apart, they are not a defence against forgery.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import io
import json
import tokenize
from collections.abc import Iterable
from pathlib import Path

from sitetools import programs

PACKAGE = Path(__file__).resolve().parent
#: Length of a digest in hex digits.
SHORT = 16

#: Names by which a program can see its own text or line numbers: where its code (not a comment) uses
#: one, every byte of the program counts.
SELF_OBSERVING_NAMES = frozenset(
    {
        "__file__", "argv", "__code__", "__traceback__", "exc_info",
        "_getframe", "currentframe", "getframeinfo", "f_back", "f_code", "f_lineno", "f_locals",
        "tb_frame", "tb_lineno", "tb_next", "cr_frame", "gi_frame", "ag_frame",
        "inspect", "traceback", "linecache", "getsource", "getsourcelines", "warnings", "faulthandler",
        "get_stack", "print_stack", "extract_stack", "format_stack", "walk_stack",
        "settrace", "setprofile", "dis", "trace", "pdb", "lineno",
    }
)  # fmt: skip
#: Name prefixes that read a code object (co_firstlineno, co_positions, co_lines).
SELF_OBSERVING_PREFIXES = ("co_",)
#: Words in a string that ask for a line number or a file name (logging's "%(lineno)d", a format).
SELF_OBSERVING_WORDS = ("lineno", "filename", "pathname", "__file__")


def short(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()[:SHORT]


def meaningful_tokens(source: bytes) -> list[str] | None:
    """The program's tokens without comments, blank lines and layout; None if it does not tokenize.

    An f-string is one token, as Python 3.11's tokenizer gives it (3.12 splits
    it into parts): the same program gives the same list whichever Python runs
    the tools.
    """
    found: list[str] = []
    lines = source.decode("utf-8", errors="surrogateescape").splitlines(keepends=True)
    fstring_start: tuple[int, int] | None = None
    depth = 0
    try:
        for token in tokenize.tokenize(io.BytesIO(source).readline):
            name = tokenize.tok_name[token.type]
            if name == "FSTRING_START":
                if depth == 0:
                    fstring_start = token.start
                depth += 1
                continue
            if name == "FSTRING_END":
                depth -= 1
                if depth == 0 and fstring_start is not None:
                    found.append("STRING " + _span(lines, fstring_start, token.end))
                continue
            if depth:
                continue  # inside an f-string: kept as a whole above
            if name in ("COMMENT", "NL", "ENCODING", "ENDMARKER"):
                continue
            if name in ("INDENT", "DEDENT", "NEWLINE"):
                found.append(name)  # the indentation's width is layout; its place is not
            else:
                found.append(f"{name} {token.string}")
    except (tokenize.TokenError, SyntaxError, IndentationError, UnicodeDecodeError):
        return None
    return found


def _span(lines: list[str], start: tuple[int, int], end: tuple[int, int]) -> str:
    (first_row, first_col), (last_row, last_col) = start, end
    if first_row == last_row:
        return lines[first_row - 1][first_col:last_col]
    middle = lines[first_row : last_row - 1]
    return lines[first_row - 1][first_col:] + "".join(middle) + lines[last_row - 1][:last_col]


def sees_itself(tokens: list[str]) -> str:
    """The first name or word by which a program could see its own text or line numbers ("" if none)."""
    for token in tokens:
        kind, _, text = token.partition(" ")
        if kind == "NAME" and (text in SELF_OBSERVING_NAMES or text.startswith(SELF_OBSERVING_PREFIXES)):
            return text
        if kind == "STRING":
            for word in SELF_OBSERVING_WORDS:
                if word in text:
                    return word
    return ""


def program_digest(program: Path, options: dict[str, object], record: str | None, outputs: Iterable[str] = ()) -> str:
    """What a matrix cell of ``program`` was run on: ``meaning:…`` or ``bytes:…``.

    ``outputs`` are every output the committed matrix keeps for the program:
    if one of them, or the record, names the program's file, its line numbers
    are part of what it prints, and the digest is of its bytes.
    """
    source = program.read_bytes()
    tokens = meaningful_tokens(source)
    named = any(program.name in text for text in (record or "", *outputs))
    if tokens is None or named or sees_itself(tokens):
        kind, body = "bytes", source
    else:
        kind, body = "meaning", "\n".join(tokens).encode("utf-8", errors="surrogateescape")
    digest = hashlib.sha256(body)
    for path in programs.companions(program):  # a module beside it: its bytes (its tracebacks quote it)
        digest.update(b"\0" + path.relative_to(program.parent).as_posix().encode() + b"\0" + path.read_bytes())
    digest.update(json.dumps(options, sort_keys=True).encode())
    digest.update(b"\0no record" if record is None else b"\0" + record.encode("utf-8", errors="surrogateescape"))
    return f"{kind}:{digest.hexdigest()[:SHORT]}"


# --- the tooling's own code ------------------------------------------------------------------------


def _module_path(name: str) -> Path | None:
    """The file of a ``sitetools`` module, or None for anything else."""
    if name != "sitetools" and not name.startswith("sitetools."):
        return None
    parts = name.split(".")[1:]
    base = PACKAGE.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports(path: Path) -> set[str]:
    """The ``sitetools`` modules a file imports when it runs (imports for type checkers only are left out)."""
    tree = ast.parse(path.read_bytes())
    found: set[str] = set()
    package = ".".join(("sitetools", *path.relative_to(PACKAGE).with_suffix("").parts))
    if path.name == "__init__.py":
        package = package.removesuffix(".__init__")
    else:
        package = package.rpartition(".")[0]

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)  # `from sitetools import runner`
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return {name for name in found if _module_path(name) is not None}


def module_closure(*roots: str) -> list[Path]:
    """The files of ``roots`` and of every ``sitetools`` module they import, directly or not (parents too)."""
    seen: dict[Path, None] = {}
    pending = list(roots)
    while pending:
        name = pending.pop()
        parts = name.split(".")
        for end in range(1, len(parts) + 1):  # importing a.b.c runs a/__init__ and a/b/__init__ too
            path = _module_path(".".join(parts[:end]))
            if path is not None and path not in seen:
                seen[path] = None
                pending.extend(_imports(path))
    return sorted(seen)


@functools.cache
def code_fingerprint(roots: tuple[str, ...], folders: tuple[str, ...] = ()) -> str:
    """A digest of the modules ``roots`` import (see :func:`module_closure`) and of every file in ``folders``.

    ``folders`` (relative to the package) hold code that is not imported but
    run: the snippet's own process's (``inproc``), the browser's (``pyodide``).
    """
    files = set(module_closure(*roots))
    for folder in folders:
        files.update(
            path for path in (PACKAGE / folder).rglob("*") if path.is_file() and "__pycache__" not in path.parts
        )
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:SHORT]


#: What a run's result depends on: the runner and the code that runs inside the snippet's process.
RUN_CODE = (("sitetools.runner",), ("inproc", "pyodide"))
#: What a matrix cell's verdict depends on besides the run: how a run is judged against its fence and record.
VERDICT_CODE = (("sitetools.verdict",), ())


def run_fingerprint() -> str:
    return code_fingerprint(*RUN_CODE)


def tools_fingerprint() -> str:
    """The code a matrix cell depends on: the runner's, and the verdict's."""
    return short(run_fingerprint() + code_fingerprint(*VERDICT_CODE))
