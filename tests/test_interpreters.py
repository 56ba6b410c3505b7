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
