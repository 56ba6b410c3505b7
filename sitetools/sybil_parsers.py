"""Sybil parsers: every example on every page becomes a pytest test.

* ``snippet`` fences run the snippet through the same runner and checks as
  the build, and fail with the same message (a diff against the record);
* ``pycon`` blocks are doctests where top-level ``await`` works, as in the
  ``python -m asyncio`` REPL;
* ``python`` blocks are executed, unless a ``<!-- skip: next "reason" -->``
  comment before them says why not (a skip without a reason is an error).

Fences are found by :func:`sitetools.fences.iter_fences`, the lexer the build
uses, so a fence with attributes (```` ```python title="x" ````) is collected
instead of silently ignored, as Sybil's stock Markdown lexer would.
"""

from __future__ import annotations

import ast
import asyncio
import contextlib
import doctest
import inspect
import io
import threading
import traceback
import unittest
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sybil import Document, Example, Region, Sybil
from sybil.parsers.abstract.doctest import DocTestStringParser
from sybil.parsers.markdown import SkipParser

from sitetools.checks import evaluate
from sitetools.fences import (
    LANGUAGE,
    FenceError,
    RawFence,
    iter_fences,
    parse_snippet_fence,
)
from sitetools.project import Project

_LOOP = "__pycon_event_loop__"
_DOCTEST_FLAGS = doctest.ELLIPSIS


class SnippetParser:
    def __init__(self, project: Project) -> None:
        self.project = project

    def __call__(self, document: Document) -> Iterable[Region]:
        page = self.project.label(Path(document.path))
        for fence in iter_fences(document.text, document.path):
            if fence.language != LANGUAGE:
                continue
            try:
                parsed: Any = parse_snippet_fence(fence.info, fence.body, page=page, line=fence.line)
            except FenceError as error:
                parsed = error
            yield Region(fence.start, fence.end, parsed, self.evaluate)

    def evaluate(self, example: Example) -> str | None:
        if isinstance(example.parsed, FenceError):
            return str(example.parsed)
        outcome = evaluate(example.parsed, self.project)
        if outcome.skipped:
            raise unittest.SkipTest(outcome.skipped)
        return "\n\n".join(outcome.problems) or None


class PythonBlockParser:
    """Plain ```python blocks are run in the page's namespace."""

    def __call__(self, document: Document) -> Iterable[Region]:
        for fence in iter_fences(document.text, document.path):
            if fence.language == "python":
                yield Region(fence.start, fence.end, fence, self.evaluate)

    def evaluate(self, example: Example) -> None:
        fence: RawFence = example.parsed
        # Pad with newlines so a traceback's line numbers are the page's.
        code = compile("\n" * fence.line + fence.body, example.path, "exec", dont_inherit=True)
        exec(code, example.namespace)


class PyconParser:
    """```pycon blocks: doctests with top-level await, one event loop per page."""

    def __init__(self) -> None:
        self.doctests = DocTestStringParser()

    def __call__(self, document: Document) -> Iterable[Region]:
        for fence in iter_fences(document.text, document.path):
            if fence.language != "pycon":
                continue
            body_start = document.text.index("\n", fence.start) + 1
            for region in self.doctests(fence.body, document.path):
                region.start += body_start
                region.end += body_start
                region.parsed.lineno += fence.line  # type: ignore[union-attr]
                region.evaluator = self.evaluate
                yield region

    def evaluate(self, example: Example) -> str | None:
        test: doctest.Example = example.parsed
        namespace = example.namespace
        loop = namespace.get(_LOOP)
        if loop is None:
            loop = namespace[_LOOP] = asyncio.new_event_loop()
        code = compile(test.source, example.path, "single", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)

        async def run() -> None:
            # Like the asyncio REPL: the statement runs inside the event loop.
            value = eval(code, namespace)
            if inspect.iscoroutine(value):
                await value

        got = io.StringIO()
        outcome: list[BaseException] = []

        def in_its_thread() -> None:
            try:
                loop.run_until_complete(run())
            except Exception as error:  # noqa: BLE001 - a doctest may expect any exception
                outcome.append(error)

        # The page's loop runs in a thread of its own, as the asyncio REPL keeps its loop apart from
        # its console: whatever else this process runs (the browser tests' Playwright keeps a loop
        # running in the main thread) never meets it.
        with contextlib.redirect_stdout(got):
            worker = threading.Thread(target=in_its_thread, name="pycon")
            worker.start()
            worker.join()
        exception = outcome[0] if outcome else None
        checker = doctest.OutputChecker()
        if exception is not None:
            exc_line = traceback.format_exception_only(type(exception), exception)[-1]
            if test.exc_msg is None:
                return f"unexpected exception in {example.path}, line {test.lineno + 1}:\n{exc_line}"
            if not checker.check_output(test.exc_msg, exc_line, _DOCTEST_FLAGS):
                return checker.output_difference(doctest.Example(test.source, test.exc_msg), exc_line, _DOCTEST_FLAGS)
            return None
        if not checker.check_output(test.want, got.getvalue(), _DOCTEST_FLAGS):
            return checker.output_difference(test, got.getvalue(), _DOCTEST_FLAGS)
        return None


class ReasonedSkipParser(SkipParser):
    """Sybil's skip comments, but a skip must say why."""

    def __call__(self, document: Document) -> Iterable[Region]:
        for region in super().__call__(document):
            action, reason = region.parsed
            if action in ("next", "start") and not reason:
                line = document.text.count("\n", 0, region.start) + 1
                raise ValueError(
                    f'{document.path}:{line}: "skip: {action}" needs a reason: <!-- skip: {action} "why" -->'
                )
            yield region


def _close_loop(namespace: dict[str, Any]) -> None:
    loop = namespace.pop(_LOOP, None)
    if loop is not None:
        loop.close()


def make_sybil(project: Project) -> Sybil:
    return Sybil(
        parsers=[ReasonedSkipParser(), SnippetParser(project), PyconParser(), PythonBlockParser()],
        path=str(project.docs_dir),
        patterns=["*.md"],
        teardown=_close_loop,
    )
