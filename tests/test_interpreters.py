"""Examples of newer features run with the Python the fence names (python="3.13")."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitetools import interpreters
from sitetools.checks import evaluate
from sitetools.fences import FenceError, parse_snippet_fence
from sitetools.project import Project
from tests.sites import fence, make_site

NEWER = "import sys\nprint(sys.version_info[:2] >= (3, 13))\n"


def test_the_python_option() -> None:
    assert parse_snippet_fence('snippet python="3.13"', "a/b.py").python == "3.13"
    with pytest.raises(FenceError, match='python="3.99" must be one of'):
        parse_snippet_fence('snippet python="3.99"', "a/b.py")


def test_a_fence_runs_with_the_python_it_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if interpreters.find("3.13") is None:
        if __import__("os").environ.get("CI") == "true":
            pytest.fail("Python 3.13 must be installed in CI")
        pytest.skip(interpreters.missing_reason("3.13"))
    root = make_site(
        tmp_path, {"index.md": fence("p/newer.py", python="3.13")}, {"p/newer.py": NEWER}, {"p/newer.out": "True\n"}
    )
    outcome = evaluate(parse_snippet_fence('snippet python="3.13"', "p/newer.py"), Project.at(root))
    assert outcome.ok and outcome.result is not None
    assert outcome.result.python_version.startswith("3.13.")


def test_a_missing_python_skips_here_but_fails_in_ci(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_site(
        tmp_path, {"index.md": fence("p/newer.py", python="3.12")}, {"p/newer.py": NEWER}, {"p/newer.out": "True\n"}
    )
    monkeypatch.setattr(interpreters, "find", lambda version: None)
    spec = parse_snippet_fence('snippet python="3.12"', "p/newer.py", page="docs/index.md", line=1)
    monkeypatch.delenv("CI", raising=False)
    skipped = evaluate(spec, Project.at(root))
    assert skipped.ok and "Python 3.12 is not installed here" in skipped.skipped
    monkeypatch.setenv("CI", "true")
    failed = evaluate(spec, Project.at(root))
    assert (
        failed.problems
        and "docs/index.md:1: snippet p/newer.py: Python 3.12 is not installed here" in failed.problems[0]
    )


def test_configured_interpreters_replace_the_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """SITETOOLS_PYTHONS names the interpreters; versions not in it are not found."""
    import sys

    other = next((path for version, path in interpreters.available().items() if path != sys.executable), None)
    if other is None:
        pytest.skip("needs a second Python besides the one running the tests")
    monkeypatch.setenv(interpreters.CONFIGURED, other)
    interpreters.find.cache_clear()
    try:
        found = interpreters.available()
        assert set(found.values()) == {other, sys.executable}
        assert "in SITETOOLS_PYTHONS" in interpreters.missing_reason("3.6" if "3.6" not in found else "3.13")
        monkeypatch.setenv(interpreters.CONFIGURED, "/no/such/python")
        interpreters.find.cache_clear()
        with pytest.raises(SystemExit, match="/no/such/python does not run"):
            interpreters.available()
    finally:
        interpreters.find.cache_clear()


def test_without_the_pages_python_the_tools_python_stands_in_but_not_in_ci(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A contributor with one Python builds, previews and tests; CI must have the pages' Python."""
    import sys

    root = make_site(
        tmp_path, {"index.md": fence("p/hello.py")}, {"p/hello.py": "print('hi')\n"}, {"p/hello.out": "hi\n"}
    )
    real_find = interpreters.find
    monkeypatch.setattr(
        interpreters, "find", lambda version: None if version == interpreters.RECORDING else real_find(version)
    )
    spec = parse_snippet_fence("snippet", "p/hello.py", page="docs/index.md", line=1)
    monkeypatch.delenv("CI", raising=False)
    outcome = evaluate(spec, Project.at(root))
    assert outcome.ok and outcome.result is not None and outcome.result.python_version == sys.version.split()[0]
    assert f"Python {interpreters.RECORDING} is not installed here" in outcome.stand_in
    monkeypatch.setenv("CI", "true")
    failed = evaluate(spec, Project.at(root))
    assert failed.problems and f"Python {interpreters.RECORDING} is not installed here" in failed.problems[0]


def _provided(version: str) -> str:
    from sitetools import pythons

    path = interpreters.find(version)
    if path is None or (version in pythons.PROVIDED and path != str(pythons.launcher(version))):
        reason = f"Python {version} is not provided by `make pythons` here"
        if path is None and __import__("os").environ.get("CI") == "true":
            pytest.fail(reason + ": CI must have it")
        pytest.skip(reason if path is None else f"Python {version} comes from {path} here, not from `make pythons`")
    return path


@pytest.mark.matrix
@pytest.mark.parametrize("version", ["3.14", "3.15"])
def test_a_provided_python_runs_programs_that_start_python_and_leaves_no_mount_behind(
    tmp_path: Path, version: str
) -> None:
    import subprocess

    from sitetools import pythons

    python = _provided(version)
    program = tmp_path / "child.py"
    program.write_text(
        "import subprocess, sys\n"
        "child = subprocess.run([sys.executable, '-c', 'import sys; print(sys.version_info[:2])'],"
        " capture_output=True, text=True)\n"
        "print(child.stdout.strip(), open('data.txt').read())\n",
        encoding="utf-8",
    )
    (tmp_path / "data.txt").write_text("read from the host's folder", encoding="utf-8")
    done = subprocess.run([python, str(program)], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    major, minor = version.split(".")
    assert done.stdout == f"({major}, {minor}) read from the host's folder\n", done.stderr
    with open("/proc/self/mountinfo", encoding="utf-8") as mounts:
        assert str(pythons.ROOT) not in mounts.read()  # the mounts lived in the run's own namespace


def test_make_pythons_says_why_it_cannot_and_fails_only_in_ci(monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from sitetools import pythons

    monkeypatch.setattr(pythons, "missing", lambda: list(pythons.PROVIDED))
    monkeypatch.setattr(interpreters, "find", lambda version, provided=True: None)
    monkeypatch.setattr(pythons.os, "geteuid", lambda: 1000)
    monkeypatch.delenv("CI", raising=False)
    assert pythons.provide() == 0
    out = capsys.readouterr().out
    assert "Python 3.14, 3.15 cannot be provided here: it needs root" in out and "sudo make pythons" in out
    monkeypatch.setenv("CI", "true")
    assert pythons.provide() == 1
