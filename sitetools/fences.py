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
so the build and the tests can never disagree about which fences exist (the lexer follows
Sybil's own Markdown fence rules, without importing Sybil into the build).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from sitetools.interpreters import SUPPORTED
from sitetools.runner import DEFAULT_TIMEOUT

LANGUAGE = "snippet"
#: Every option a snippet fence accepts, with what it means.
OPTIONS = {
    "timeout": "seconds before the run is killed (default 30)",
    "raises": "the exception the program is expected to end with, e.g. ValueError",
    "clock": "virtual, real or auto (default): auto runs in real time only what the virtual clock cannot follow",
    "python": "the Python to run it with, such as 3.13, for a feature newer than the build's Python",
    "needs": "the oldest Python the example is meant to run on, such as 3.11; the version matrix checks it",
    "timeline": "on, off or auto (default): auto draws the tasks' timeline under an example with more than one task",
}
TIMELINES = ("auto", "on", "off")
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
    python: str | None = None  # "3.13": run with that interpreter instead of the build's
    needs: str | None = None  # "3.11": the stated minimum Python, checked against the version matrix
    timeline: str = "auto"  # draw the tasks' timeline: on, off, or auto (when there is more than one task)
    page: str = "<unknown page>"  # for messages: docs/first-examples.md
    line: int = 0  # 1-based line of the opening fence

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"

    @property
    def run_options(self) -> tuple[tuple[str, object], ...]:
        """The options that change how the snippet runs (part of its identity)."""
        return (("timeout", self.timeout), ("raises", self.raises), ("clock", self.clock), ("python", self.python))


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


#: An opening or closing fence, after an optional blockquote or list-item
#: prefix (the same pattern as Sybil's Markdown lexer).
_FENCE = re.compile(
    r"^(?P<prefix>(?:[ \t]*>)+[ \t]*|[ \t]*(?:[-*+]|\d+[.)])[ \t]+|[ \t]*)"
    r"(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)",
    re.MULTILINE,
)


def iter_fences(text: str, path: str = "<page>") -> Iterator[RawFence]:
    """Yield every fenced code block of a Markdown page, in document order.

    A fence closes on a line of the same character, at least as long, with
    the same prefix width and no info string; a fence never closed runs to
    the end of the page.  Fences inside an open fence are not fences.
    Standard library only, so the build does not import Sybil.
    """
    found: list[RawFence] = []
    position = 0
    while (opening := _FENCE.search(text, position)) is not None:
        body_start = text.find("\n", opening.end())
        body_start = len(text) if body_start < 0 else body_start + 1
        closing = _closing_fence(text, body_start, opening)
        body_end, end = (closing.start(), closing.end()) if closing else (len(text), len(text))
        found.append(
            RawFence(
                info=opening.group("info").strip(),
                body=_strip_prefix(text[body_start:body_end], len(opening.group("prefix"))),
                line=text.count("\n", 0, opening.start()) + 1,
                start=opening.start(),
                end=end,
            )
        )
        position = end if end > opening.end() else opening.end()
    return iter(found)


def _closing_fence(text: str, start: int, opening: re.Match[str]) -> re.Match[str] | None:
    fence = opening.group("fence")
    for candidate in _FENCE.finditer(text, start):
        if (
            candidate.group("fence")[0] == fence[0]
            and len(candidate.group("fence")) >= len(fence)
            and len(candidate.group("prefix")) == len(opening.group("prefix"))
            and not candidate.group("info").strip()
        ):
            return candidate
    return None


def _strip_prefix(body: str, width: int) -> str:
    """Remove the list-item or blockquote indentation from each body line."""
    if not width:
        return body
    return "".join(line[width:] if line[:width].strip(" \t>") == "" else line for line in body.splitlines(True))


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
    python = options.get("python")
    if python is not None and python not in SUPPORTED:
        raise FenceError(f'{where}: python="{python}" must be one of {", ".join(SUPPORTED)}')
    needs = options.get("needs")
    if needs is not None and needs not in SUPPORTED:
        raise FenceError(f'{where}: needs="{needs}" must be one of {", ".join(SUPPORTED)}')
    timeline = options.get("timeline", "auto")
    if timeline not in TIMELINES:
        raise FenceError(f'{where}: timeline="{timeline}" must be one of {", ".join(TIMELINES)}')
    return SnippetFence(
        snippet=snippet,
        timeout=timeout,
        raises=raises,
        clock=clock,
        python=python,
        needs=needs,
        timeline=timeline,
        page=page,
        line=line,
    )


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
