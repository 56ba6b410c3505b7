"""From a run and its record to the messages a contributor reads."""

from __future__ import annotations

from pathlib import Path

from sitetools.checks import record_problems, run_problems
from sitetools.fences import SnippetFence
from sitetools.runner import RunResult
from sitetools.verdict import raised

FENCE = SnippetFence(snippet="page/demo.py", page="docs/page.md", line=12)
TRACEBACK = 'Traceback (most recent call last):\n  File "demo.py", line 3, in <module>\nValueError: boom\n'


def result(output: str = "hello\n", exit_status: int | None = 0, **kwargs: bool) -> RunResult:
    return RunResult(output=output, exit_status=exit_status, duration=0.1, python_version="3.11.7", **kwargs)


def test_a_clean_run_has_no_problems() -> None:
    assert run_problems(FENCE, result()) == []


def test_undeclared_failure_names_the_snippet_and_suggests_the_declaration() -> None:
    [message] = run_problems(FENCE, result(TRACEBACK, 1))
    assert message.startswith("docs/page.md:12: snippet page/demo.py failed with exit status 1")
    assert 'raises="ExceptionName"' in message
    assert "ValueError: boom" in message


def test_declared_failure_passes_only_with_that_exception() -> None:
    declared = SnippetFence(snippet="page/demo.py", raises="ValueError", page="docs/page.md", line=12)
    assert run_problems(declared, result(TRACEBACK, 1)) == []
    assert "exited normally" in run_problems(declared, result("fine\n", 0))[0]
    other = SnippetFence(snippet="page/demo.py", raises="KeyError", page="docs/page.md", line=12)
    assert "different error" in run_problems(other, result(TRACEBACK, 1))[0]


def test_timeout_and_runaway_messages() -> None:
    [message] = run_problems(FENCE, result("started\n", None, timed_out=True))
    assert "did not finish within its 30 s timeout" in message and "started" in message
    [message] = run_problems(FENCE, result("x" * 50, None, truncated=True))
    assert "printed more than" in message


def test_raised_finds_exceptions_in_groups_and_qualified_names() -> None:
    group = (
        "  + Exception Group Traceback (most recent call last):\n"
        "  | ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)\n"
        "  +-+---------------- 1 ----------------\n"
        "    | Traceback (most recent call last):\n"
        "    | ValueError: boom\n"
        "    +------------------------------------\n"
    )
    assert raised("Traceback (most recent call last):\n" + group, "ExceptionGroup")
    assert raised("Traceback (most recent call last):\n" + group, "ValueError")
    assert raised("Traceback (most recent call last):\nasyncio.exceptions.CancelledError\n", "CancelledError")
    assert not raised("ValueError: printed, not raised\n", "ValueError")
    assert raised(
        "  File \"broken.py\", line 2\n    await x\n    ^^^^^^^\nSyntaxError: 'await' outside function\n", "SyntaxError"
    )


def test_record_diff_names_the_record_and_shows_both_sides(tmp_path: Path) -> None:
    snippets = tmp_path / "snippets"
    [message] = record_problems(FENCE, result("Task 1 done\n"), "Task 1 completed\n", snippets)
    assert message.startswith(
        "docs/page.md:12: snippet page/demo.py: its output differs from the record snippets/page/demo.out"
    )
    assert "-Task 1 completed" in message and "+Task 1 done" in message
    assert "make update-outputs" in message
    [missing] = record_problems(FENCE, result(), None, snippets)
    assert "has no recorded output yet" in missing
    assert record_problems(FENCE, result(), "hello\n", snippets) == []
