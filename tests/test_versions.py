"""The version matrix: derived minimum versions, committed results kept up to date."""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path

import pytest

from sitetools import cli, interpreters, pyodide, sameness, verdict, versions
from sitetools.fences import FenceError, parse_snippet_fence
from sitetools.interpreter import PYODIDE
from sitetools.matrix import (
    BROWSER,
    Cell,
    Matrix,
    groups,
    matrix_options,
    matrix_path,
    minimum,
    read_matrix,
    source_digest,
)
from sitetools.project import Project
from sitetools.runner import RunResult
from tests.sites import MATRIX_REPORT, REPO, fence, make_site

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

    assert verdict.classify(plain, run("hi\n", 0), "hi\n") == Cell("same", "3.9.1")
    assert verdict.classify(plain, run("ho\n", 0), "hi\n") == Cell("different", "3.9.1", output="ho\n")
    traceback = "Traceback (most recent call last):\n  ...\nAttributeError: module 'asyncio' has no attribute 'run'\n"
    failed = verdict.classify(plain, run(traceback, 1), "hi\n")
    assert (failed.status, failed.error) == ("failed", "AttributeError: module 'asyncio' has no attribute 'run'")
    assert verdict.classify(raising, run("fine\n", 0), None).error == "exits normally instead of raising ValueError"


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
    assert sameness.same(on_3_10, on_3_12)
    assert sameness.same("<Task cb=[<object at 0x7fa15a022f40>()]>", "<Task cb=[<object at 0x7f76afc6cf40>()]>")
    assert not sameness.same(on_3_10, on_3_10.replace("boom", "bang"))
    assert not sameness.same(on_3_10, on_3_10.replace('"x.py", line 9', '"x.py", line 8'))


def test_versions_with_the_same_result_are_grouped() -> None:
    spans = [span for span, _ in groups(cells("xx====~~"))]
    assert spans == ["3.6–3.7", "3.8–3.11", "3.12–3.13"]


def test_the_badge_opens_on_what_each_version_does() -> None:
    from sitetools.render import versions_html

    matrix = Matrix("hash", {}, cells("x======="))
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
    monkeypatch.setattr(pyodide, "missing", lambda: "left out of this test")  # about needs=, not the browser
    monkeypatch.delenv("CI", raising=False)  # a machine with two Pythons: the others are CI's to run
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
    assert read_matrix(root / "snippets/p/hello.py").cells["3.10"].status == "same"

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


def test_a_committed_result_that_no_longer_holds_fails_naming_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cell that runs again (here: recorded by other tools) and prints something else than it says."""
    found = {"3.11": sys.executable} if sys.version_info[:2] == (3, 11) else _need("3.11")
    monkeypatch.setattr(interpreters, "available", lambda: found)
    root = make_site(
        tmp_path, {"index.md": fence("p/hello.py")}, {"p/hello.py": PASSES_ON_3_7}, {"p/hello.out": "hello\n"}
    )
    project = Project.at(root)
    spec = next(f for f in project.fences() if not isinstance(f, FenceError))
    path = root / "snippets/p/hello.py"
    digest = source_digest(path, spec, None)
    claims = Cell("same", interpreters_version(found["3.11"]), source=digest, tools="recorded-by-older-tools")
    matrix_path(path).write_text(Matrix(digest, matrix_options(spec), {"3.11": claims}).to_json(), encoding="utf-8")
    checked = versions.confirmed(project, [spec], found)
    assert [job.reason for job in checked.plan.jobs] == [versions.TOOLS_CHANGED]
    assert checked.rechecked == 1  # it disagreed, so it ran once more, alone
    problems = versions.problems(project, spec, checked.fresh[spec.snippet])
    assert len(problems) == 1 and problems[0].startswith("docs/index.md:1: on Python 3.11.")
    assert "now runs but prints another output; the committed matrix says it prints its recorded output" in problems[0]
    assert problems[0].endswith("run `make versions SNIPPETS=p/hello.py` and commit snippets/p/hello.versions.json")


def interpreters_version(python: str) -> str:
    return versions.exact_version(python)


# --- the site's own matrix ----------------------------------------------------

FENCES = versions.distinct_fences(PROJECT)


@pytest.fixture(scope="module")
def checked_matrix(request: pytest.FixtureRequest) -> versions.Checked:
    """The cells of the site's matrix whose inputs changed here (or were never run), run once, in parallel.

    Every other cell comes from the record: it was run on this very program,
    this exact release of its Python, and this tooling.  A result that
    disagrees with the committed one is run once more, alone
    (:func:`versions.confirmed`).  Where CI's matrix jobs ran the columns
    (``SITETOOLS_MATRIX_RESULTS``), their results are judged instead.  The
    test report ends with how many cells ran, how many came from the record,
    and why.
    """
    fences = list(FENCES.values())
    results = os.environ.get(versions.RESULTS)
    if results:
        checked = versions.read_results(Path(results), PROJECT, fences)
    else:
        columns = {**interpreters.available(), **({} if pyodide.missing() else {BROWSER: PYODIDE})}
        checked = versions.confirmed(PROJECT, fences, columns)
    request.config.stash[MATRIX_REPORT] = versions.report(checked, versions.unaccounted(checked, fences))
    return checked


@pytest.mark.matrix
@pytest.mark.parametrize("snippet", sorted(FENCES))
def test_the_committed_version_matrix_holds(snippet: str, checked_matrix: versions.Checked) -> None:
    problems = versions.problems(PROJECT, FENCES[snippet], checked_matrix.fresh.get(snippet, {}))
    problems += [line for line in versions.unaccounted(checked_matrix, [FENCES[snippet]])]
    assert not problems, "\n".join(problems)


@pytest.mark.matrix
def test_ci_judges_every_column_of_the_matrix(checked_matrix: versions.Checked) -> None:
    """Under CI=true every column is run or taken from the record: none is left out."""
    columns = set(checked_matrix.plan.columns)
    missing = [column for column in (*interpreters.SUPPORTED, BROWSER) if column not in columns]
    if missing:
        reason = f"the version matrix was judged without {', '.join(missing)}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


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
        return RunResult(output, status, 0.1, "3.14.2", clock="real")

    def decide(output: str, status: int = 0, source: str = "", fence: object = plain) -> Cell:
        reason = verdict.browser_reason_before_running(source, None)
        return verdict.classify_browser(fence, run(output, status), record, reason)  # type: ignore[arg-type]

    record = "0.00 s  start\n1.00 s  done\n"
    assert decide("0.01 s  start\n1.04 s  done\n").runs_in_browser
    late = decide("0.01 s  start\n1.30 s  done\n")
    assert late.reason == 'in the browser it prints "1.30 s  done" where CPython prints "1.00 s  done"'
    threads = decide("RuntimeError: can't start new thread\n", 1, "await asyncio.to_thread(f)")
    assert threads.reason == "it uses threads, which the browser's Python does not have"
    same_by_other_means = decide(record, source="await asyncio.to_thread(f)")
    assert same_by_other_means.status == "same" and not same_by_other_means.runs_in_browser
    assert "does not block" in decide("x\n", source="import time\ntime.sleep(1)").reason
    assert decide("fine\n", fence=raising).reason == "in the browser it does not raise RuntimeError"
    crashed = decide("ok\nfile:///pyodide.asm.mjs:1\nasync function _createPyodideModule(){...}\n", 7)
    assert crashed.reason == "in the browser, Pyodide stops with an error of its own"


def test_only_the_code_decides_what_the_browser_lacks() -> None:
    """A docstring or a string that names a socket or to_thread() opens none and starts none."""
    docstring = '"""Unlike a socket server, this uses no threading and no asyncio.to_thread()."""\nimport asyncio\n'
    assert verdict.browser_reason_before_running(docstring, None) == ""
    assert verdict.browser_reason_before_running("print('time.sleep(1)')\n", None) == ""
    assert "sockets" in verdict.browser_reason_before_running("import socket\n", None)


def test_two_tasks_printing_closer_than_the_tolerance_get_no_run_button() -> None:
    """The decision rests on the virtual-clock run, which is the same every time, not on a race in real time."""
    timeline = {"prints": [[1.2, 1, "worker 1: done"], [1.2, 1, "\n"], [1.254, 2, "worker 2: done"]]}
    reason = verdict.browser_reason_before_running("", timeline)
    assert reason.startswith('its output hangs on two tasks printing 0.05 s apart ("worker 1: done", then')
    apart = {"prints": [[1.2, 1, "worker 1: done"], [1.5, 2, "worker 2: done"]]}
    one_task = {"prints": [[1.2, 1, "a"], [1.21, 1, "b"]]}
    at_once = {"prints": [[1.0, 1, "a"], [1.0, 2, "b"]]}  # due together: the order they were scheduled in
    assert [verdict.browser_reason_before_running("", t) for t in (apart, one_task, at_once)] == ["", "", ""]


def test_every_supported_python_is_here_in_ci() -> None:
    missing = [version for version in interpreters.SUPPORTED if version not in interpreters.available()]
    if missing:
        reason = f"the version matrix ran without Python {', '.join(missing)}: " + interpreters.missing_reason(
            missing[0]
        )
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


def _committed(root: Path, snippet: str, status: str = "same") -> Matrix:
    """A matrix as CI writes it: every supported Python and the browser, for the program as it is now."""
    path = root / "snippets" / snippet
    spec = parse_snippet_fence("snippet", snippet)
    digest = source_digest(path, spec, None)
    cells = {v: Cell(status, f"{v}.0", source=digest, tools="t") for v in interpreters.SUPPORTED}
    matrix = Matrix(digest, matrix_options(spec), cells, Cell("same", "3.14.2 (Pyodide)", source=digest, tools="t"))
    matrix_path(path).write_text(matrix.to_json(), encoding="utf-8")
    return matrix


def test_make_versions_with_one_python_keeps_every_other_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Change the program, run the matrix with one interpreter: nothing is lost, and what is old says so."""
    monkeypatch.delenv("CI", raising=False)  # a contributor's machine
    import subprocess

    root = make_site(
        tmp_path, {"index.md": fence("p/hello.py")}, {"p/hello.py": PASSES_ON_3_7}, {"p/hello.out": "hi\n"}
    )
    _committed(root, "p/hello.py")
    (root / "snippets/p/hello.py").write_text(PASSES_ON_3_7.replace("'hi'", '"hi"'), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    completed = subprocess.run(
        [sys.executable, "-m", "sitetools", "--root", str(root), "versions"],
        env={**env, interpreters.CONFIGURED: sys.executable},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    matrix = read_matrix(root / "snippets/p/hello.py")
    here = f"{sys.version_info[0]}.{sys.version_info[1]}"
    assert list(matrix.cells) == list(interpreters.SUPPORTED) and matrix.browser is not None
    assert matrix.source == source_digest(
        root / "snippets/p/hello.py", parse_snippet_fence("snippet", "p/hello.py"), matrix
    )
    assert matrix.cells[here].source == matrix.source and matrix.cells[here].python.startswith(here + ".")
    assert all(cell.source != matrix.source and cell.status == "same" for v, cell in matrix.cells.items() if v != here)
    assert "kept" in completed.stdout and "from an older version of the program" in completed.stdout
    spec = next(f for f in Project.at(root).fences() if not isinstance(f, FenceError))
    assert versions.problems(Project.at(root), spec, None) == []  # a contributor's machine: fine


def test_columns_from_an_older_source_and_versions_never_run_fail_only_in_ci(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_site(
        tmp_path, {"index.md": fence("p/hello.py")}, {"p/hello.py": PASSES_ON_3_7}, {"p/hello.out": "hi\n"}
    )
    matrix = _committed(root, "p/hello.py")
    cells = dict(matrix.cells)
    cells["3.8"] = dataclasses.replace(cells["3.8"], source="meaning:an-older-program")
    del cells["3.6"]
    path = root / "snippets/p/hello.py"
    matrix_path(path).write_text(dataclasses.replace(matrix, cells=cells).to_json(), encoding="utf-8")
    project = Project.at(root)
    spec = next(f for f in project.fences() if not isinstance(f, FenceError))
    monkeypatch.delenv("CI", raising=False)
    assert versions.problems(project, spec, None) == []
    monkeypatch.setenv("CI", "true")
    found = versions.problems(project, spec, None)
    assert any("keeps results from an older version of the program for Python 3.8" in p for p in found), found
    assert any("was never run on Python 3.6" in p for p in found), found


def test_a_stated_minimum_with_no_older_run_is_a_message_not_a_crash(tmp_path: Path) -> None:
    cells = {"3.11": Cell("same", "3.11.7")}
    assert "not run on any Python older than 3.11" in versions._why(cells, "3.11", "3.9")
