"""The version matrix: derived minimum versions, committed results kept up to date."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from sitetools import cli, interpreters, pyodide, versions
from sitetools.fences import FenceError, parse_snippet_fence
from sitetools.project import Project
from sitetools.runner import PYODIDE, RunResult
from sitetools.versions import Cell, minimum
from tests.sites import REPO, fence, make_site

PROJECT = Project.at(REPO)


def cells(pattern: str, first: int = 6) -> dict[str, Cell]:
    """``"xx=="`` -> 3.6 and 3.7 fail, 3.8 and 3.9 print the record."""
    status = {"=": "same", "~": "different", "x": "failed"}
    return {
        f"3.{first + i}": Cell(status[s], f"3.{first + i}.0", error="E" if s == "x" else "")
        for i, s in enumerate(pattern)
    }


@pytest.mark.parametrize(
    ("pattern", "derived", "problem"),
    [
        ("========", "3.6", None),
        ("x=======", "3.7", None),
        ("xxxxx===", "3.11", None),
        ("x~~~====", "3.7", None),  # another output is still a pass
        ("xxx=x===", "3.11", "passes on 3.9 but fails on 3.10 (E)"),
        ("=======x", None, "fails on the newest Python it ran on (3.13)"),
    ],
)
def test_the_minimum_is_the_oldest_version_from_which_every_newer_one_passes(
    pattern: str, derived: str | None, problem: str | None
) -> None:
    found, problems = minimum(cells(pattern))
    assert found == derived
    assert problems == [] if problem is None else problem in problems[0]


def test_each_run_is_classified_against_the_fence() -> None:
    plain = parse_snippet_fence("snippet", "a/b.py")
    raising = parse_snippet_fence('snippet raises="ValueError"', "a/b.py")

    def run(output: str, status: int) -> RunResult:
        return RunResult(output, status, 0.1, "3.9.1")

    assert versions.classify(plain, run("hi\n", 0), "hi\n") == Cell("same", "3.9.1")
    assert versions.classify(plain, run("ho\n", 0), "hi\n") == Cell("different", "3.9.1", output="ho\n")
    traceback = "Traceback (most recent call last):\n  ...\nAttributeError: module 'asyncio' has no attribute 'run'\n"
    failed = versions.classify(plain, run(traceback, 1), "hi\n")
    assert (failed.status, failed.error) == ("failed", "AttributeError: module 'asyncio' has no attribute 'run'")
    assert versions.classify(raising, run("fine\n", 0), None).error == "exits normally instead of raising ValueError"


def test_frames_inside_python_and_carets_do_not_make_an_output_different() -> None:
    on_3_10 = (
        'Traceback (most recent call last):\n  File "x.py", line 9, in <module>\n    asyncio.run(main())\n'
        '  File ".../lib/python3.10/asyncio/runners.py", line 44, in run\n    return loop.run_until_complete(main)\n'
        "ValueError: boom\n"
    )
    on_3_12 = (
        'Traceback (most recent call last):\n  File "x.py", line 9, in <module>\n    asyncio.run(main())\n'
        '  File ".../lib/python3.12/asyncio/runners.py", line 194, in run\n    return runner.run(main)\n'
        "           ^^^^^^^^^^^^^^^^\nValueError: boom\n"
    )
    assert versions.essential(on_3_10) == versions.essential(on_3_12)
    assert versions.essential("<Task cb=[<object at 0x7fa15a022f40>()]>") == versions.essential(
        "<Task cb=[<object at 0x7f76afc6cf40>()]>"
    )
    assert versions.essential(on_3_10) != versions.essential(on_3_10.replace("boom", "bang"))
    assert versions.essential(on_3_10) != versions.essential(on_3_10.replace('"x.py", line 9', '"x.py", line 8'))


def test_versions_with_the_same_result_are_grouped() -> None:
    spans = [span for span, _ in versions.groups(cells("xx====~~"))]
    assert spans == ["3.6–3.7", "3.8–3.11", "3.12–3.13"]


def test_the_badge_opens_on_what_each_version_does() -> None:
    from sitetools.render import versions_html

    matrix = versions.Matrix("hash", {}, cells("x======="))
    html = versions_html(matrix)
    assert '<span class="version-badge">Python 3.7+</span>' in html
    assert "<strong>Python 3.6</strong>: fails with <code>E</code>" in html
    assert "<strong>Python 3.7–3.13</strong>: prints the output shown below." in html
    assert "not checked yet" in versions_html(None)


def _need(*wanted: str) -> dict[str, str]:
    found = {version: path for version in wanted if (path := interpreters.find(version))}
    missing = [version for version in wanted if version not in found]
    if missing:
        reason = f"needs Python {', '.join(missing)}: " + interpreters.missing_reason(missing[0])
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return found


PASSES_ON_3_7 = "import asyncio\n\nasync def main():\n    print('hi')\n\nasyncio.run(main())\n"
NEEDS_3_11 = "import asyncio\n\nasync def main():\n    async with asyncio.TaskGroup():\n        print('hi')\n\nasyncio.run(main())\n"


def test_a_snippet_that_needs_more_than_it_states_fails_the_check_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    found = _need("3.10", "3.11")
    monkeypatch.setattr(interpreters, "available", lambda: found)
    root = make_site(
        tmp_path,
        {"index.md": fence("p/hello.py", needs="3.10")},
        {"p/hello.py": PASSES_ON_3_7},
        {"p/hello.out": "hi\n"},
    )
    project = Project.at(root)
    spec = next(f for f in project.fences() if not isinstance(f, FenceError))

    # Run on 3.10 and 3.11 only, the derived minimum is 3.10: the statement holds.
    assert cli.main(["--root", str(root), "versions"]) == 0
    assert versions.problems(project, spec, None) == []
    assert versions.read_matrix(root / "snippets/p/hello.py").cells["3.10"].status == "same"

    (root / "snippets/p/hello.py").write_text(NEEDS_3_11, encoding="utf-8")  # now uses TaskGroup
    stale = versions.problems(project, spec, None)
    assert stale and "docs/index.md:1: the version matrix of snippets/p/hello.py is out of date" in stale[0]

    cli.main(["--root", str(root), "versions"])
    capsys.readouterr()
    wrong = versions.problems(project, spec, None)
    assert len(wrong) == 1
    assert wrong[0].startswith(
        'docs/index.md:1: snippets/p/hello.py states needs="3.10", but the runs say it needs Python 3.11'
    )
    assert "AttributeError: module 'asyncio' has no attribute 'TaskGroup'" in wrong[0]


def test_a_committed_result_that_no_longer_holds_is_out_of_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = {"3.11": sys.executable} if sys.version_info[:2] == (3, 11) else _need("3.11")
    monkeypatch.setattr(interpreters, "available", lambda: found)
    root = make_site(
        tmp_path, {"index.md": fence("p/hello.py")}, {"p/hello.py": PASSES_ON_3_7}, {"p/hello.out": "hi\n"}
    )
    cli.main(["--root", str(root), "versions"])
    project = Project.at(root)
    spec = next(f for f in project.fences() if not isinstance(f, FenceError))
    (root / "snippets/p/hello.out").write_text("hello\n", encoding="utf-8")  # the record changed, not the snippet
    fresh, _ = versions.run_matrix(project, [spec], found)
    problems = versions.problems(project, spec, fresh[spec.snippet])
    assert (
        problems
        and "now runs but prints another output; the committed matrix says it prints its recorded output" in problems[0]
    )


# --- the site's own matrix ----------------------------------------------------

FENCES = versions.distinct_fences(PROJECT)


@pytest.fixture(scope="module")
def fresh_matrix() -> dict[str, dict[str, Cell]]:
    """Every snippet on every Python found here, and in Pyodide if it is here, once, in parallel (cached)."""
    columns = {**interpreters.available(), **({} if pyodide.missing() else {versions.BROWSER: PYODIDE})}
    fresh = versions.run_matrix(PROJECT, list(FENCES.values()), columns)[0]
    for snippet, found in fresh.items():
        committed = versions.read_matrix(PROJECT.snippets_dir / snippet)
        browser = found.get(versions.BROWSER)
        if browser and committed and committed.browser and committed.browser.runs_in_browser != browser.runs_in_browser:
            found[versions.BROWSER] = versions.recheck_browser(PROJECT, FENCES[snippet])
    return fresh


@pytest.mark.parametrize("snippet", sorted(FENCES))
def test_the_committed_version_matrix_holds(snippet: str, fresh_matrix: dict[str, dict[str, Cell]]) -> None:
    problems = versions.problems(PROJECT, FENCES[snippet], fresh_matrix[snippet])
    assert not problems, "\n".join(problems)


def test_the_browser_column_runs_here_in_ci() -> None:
    if pyodide.missing():
        reason = f"the browser column of the version matrix did not run: {pyodide.missing()}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


def test_the_browser_column_says_why_an_example_cannot_run_there() -> None:
    plain = parse_snippet_fence("snippet", "a/b.py")
    raising = parse_snippet_fence('snippet raises="RuntimeError"', "a/b.py")

    def run(output: str, status: int = 0) -> RunResult:
        return RunResult(output, status, 0.1, "3.14.2")

    record = "0.00 s  start\n1.00 s  done\n"
    assert versions.classify_browser(plain, run("0.01 s  start\n1.04 s  done\n"), record, "").status == "same"
    late = versions.classify_browser(plain, run("0.01 s  start\n1.30 s  done\n"), record, "")
    assert late.reason == 'in the browser it prints "1.30 s  done" where CPython prints "1.00 s  done"'
    threads = versions.classify_browser(
        plain, run("RuntimeError: can't start new thread\n", 1), record, "await asyncio.to_thread(f)"
    )
    assert threads.reason == "it uses threads, which the browser's Python does not have"
    same_by_other_means = versions.classify_browser(plain, run(record), record, "await asyncio.to_thread(f)")
    assert same_by_other_means.status == "same" and not same_by_other_means.runs_in_browser
    assert "does not block" in versions.classify_browser(plain, run("x\n"), record, "time.sleep(1)").reason
    assert (
        versions.classify_browser(raising, run("fine\n"), record, "").reason
        == "in the browser it does not raise RuntimeError"
    )
    crashed = versions.classify_browser(
        plain, run("ok\nfile:///pyodide.asm.mjs:1\nasync function _createPyodideModule(){...}\n", 7), record, ""
    )
    assert crashed.reason == "in the browser, Pyodide stops with an error of its own"


def test_every_supported_python_is_here_in_ci() -> None:
    missing = [version for version in interpreters.SUPPORTED if version not in interpreters.available()]
    if missing:
        reason = f"the version matrix ran without Python {', '.join(missing)}: " + interpreters.missing_reason(
            missing[0]
        )
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
