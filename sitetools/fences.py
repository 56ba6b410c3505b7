"""The one fence grammar: how a page refers to a snippet.

A snippet fence is a fenced code block whose info string starts with
``snippet`` and whose body is one line, the snippet's path relative to
``snippets/``::

    ```snippet timeout="5" raises="ValueError" clock="real"
    first_examples/uncaught_exception.py
    ```

Options are ``key="value"`` pairs, values always double-quoted (the form
pymdownx.superfences parses).  An unknown option, an unquoted value or a body
that is not one path is an error that names the page and line.  The MkDocs
hooks, the renderer and the Sybil parser all read fences through this module,
and they find fences with Sybil's own Markdown fence lexer, so the build and
the tests can never disagree about which fences exist.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from sybil import Document
from sybil.parsers.markdown.lexers import RawFencedCodeBlockLexer

from sitetools.runner import DEFAULT_TIMEOUT

LANGUAGE = "snippet"
#: Every option a snippet fence accepts, with what it means.
OPTIONS = {
    "timeout": "seconds before the run is killed (default 30)",
    "raises": "the exception the program is expected to end with, e.g. ValueError",
    "clock": "virtual, real or auto (default): auto runs in real time only what the virtual clock cannot follow",
}
CLOCKS = ("auto", "virtual", "real")
_OPTION = re.compile(r'\s*(?P<key>[A-Za-z][A-Za-z0-9_]*)="(?P<value>[^"]*)"')
_EXCEPTION_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")


class FenceError(ValueError):
    """A snippet fence that cannot be understood; the message names page and line."""


@dataclasses.dataclass(frozen=True)
class SnippetFence:
    """One reference from a page to a snippet, with its run options."""

    snippet: str  # path relative to snippets/, POSIX style
    timeout: float = DEFAULT_TIMEOUT
    raises: str | None = None
    clock: str = "auto"
    page: str = "<unknown page>"  # for messages: docs/first-examples.md
    line: int = 0  # 1-based line of the opening fence

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"

    @property
    def run_options(self) -> tuple[tuple[str, object], ...]:
        """The options that change how the snippet runs (part of its identity)."""
        return (("timeout", self.timeout), ("raises", self.raises), ("clock", self.clock))


@dataclasses.dataclass(frozen=True)
class RawFence:
    """A fenced code block as lexed from a page: info string, body, position."""

    info: str
    body: str
    line: int
    start: int
    end: int

    @property
    def language(self) -> str:
        return self.info.split(None, 1)[0] if self.info.strip() else ""


_LEXER = RawFencedCodeBlockLexer(info_pattern=re.compile(r"(?P<info>[^\n]*)$\n", re.MULTILINE))


def iter_fences(text: str, path: str = "<page>") -> Iterator[RawFence]:
    """Yield every fenced code block of a Markdown page, in document order."""
    document = Document(text, path)
    for region in sorted(_LEXER(document), key=lambda r: r.start):
        yield RawFence(
            info=region.lexemes["info"].strip(),
            body=str(region.lexemes["source"]),
            line=text.count("\n", 0, region.start) + 1,
            start=region.start,
            end=region.end,
        )


def parse_options(info_rest: str, where: str) -> dict[str, str]:
    """Parse ``key="value"`` pairs; anything else is an error naming ``where``."""
    options: dict[str, str] = {}
    position = 0
    rest = info_rest.rstrip()
    while position < len(rest):
        match = _OPTION.match(rest, position)
        if match is None:
            bad = rest[position:].split()[0]
            raise FenceError(
                f"{where}: cannot read {bad!r} in the snippet fence; "
                f'options are written key="value" with double quotes, '
                f"known options: {', '.join(OPTIONS)}"
            )
        key = match.group("key")
        if key not in OPTIONS:
            raise FenceError(
                f"{where}: unknown snippet fence option {key!r}; known options: "
                + "; ".join(f"{name} ({meaning})" for name, meaning in OPTIONS.items())
            )
        if key in options:
            raise FenceError(f"{where}: option {key!r} is given twice")
        options[key] = match.group("value")
        position = match.end()
    return options


def parse_snippet_fence(info: str, body: str, *, page: str = "<page>", line: int = 0) -> SnippetFence:
    """Read one snippet fence; raise :class:`FenceError` naming page and line."""
    where = f"{page}:{line}"
    language, _, rest = info.strip().partition(" ")
    if language != LANGUAGE:
        raise FenceError(f"{where}: not a snippet fence: {info!r}")
    options = parse_options(rest, where)
    lines = [text.strip() for text in body.strip().splitlines()]
    if len(lines) != 1 or not lines[0]:
        raise FenceError(
            f"{where}: a snippet fence holds exactly one line, the snippet's path "
            f"relative to snippets/ (for example first_examples/async_function.py); "
            f"found {len(lines)} lines"
        )
    snippet = lines[0]
    pure = PurePosixPath(snippet)
    if pure.is_absolute() or ".." in pure.parts or pure.suffix != ".py" or "\\" in snippet:
        raise FenceError(
            f"{where}: {snippet!r} is not a snippet path: write it relative to snippets/, "
            f"with forward slashes, ending in .py"
        )
    timeout = DEFAULT_TIMEOUT
    if "timeout" in options:
        try:
            timeout = float(options["timeout"])
        except ValueError:
            timeout = -1.0
        if not 0 < timeout <= 600:
            raise FenceError(f'{where}: timeout="{options["timeout"]}" must be a number of seconds, 0 < t <= 600')
    raises = options.get("raises")
    if raises is not None and not _EXCEPTION_NAME.match(raises):
        raise FenceError(f'{where}: raises="{raises}" must name an exception class, such as ValueError')
    clock = options.get("clock", "auto")
    if clock not in CLOCKS:
        raise FenceError(f'{where}: clock="{clock}" must be one of {", ".join(CLOCKS)}')
    return SnippetFence(snippet=snippet, timeout=timeout, raises=raises, clock=clock, page=page, line=line)


def snippet_fences(text: str, page: str) -> Iterator[SnippetFence | FenceError]:
    """Every snippet fence of a page, parsed; unreadable ones come back as errors."""
    for fence in iter_fences(text, page):
        if fence.language != LANGUAGE:
            continue
        try:
            yield parse_snippet_fence(fence.info, fence.body, page=page, line=fence.line)
        except FenceError as error:
            yield error


def page_label(path: Path, root: Path) -> str:
    """A page's path for messages: relative to the repository when possible."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
