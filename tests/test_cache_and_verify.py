"""The shared run cache, parallel evaluation, and the real-time verification."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitetools.cache import RunCache, cache_key
from sitetools.checks import evaluate, evaluate_all
from sitetools.cli import same_within_tolerance, verify_real_time
from sitetools.fences import SnippetFence
from sitetools.project import Project
from tests.sites import fence, make_site


def test_a_result_is_reused_until_something_that_matters_changes(tmp_path: Path) -> None:
    snippet = tmp_path / "hello.py"
    snippet.write_text("import random\nprint(random.random())\n", encoding="utf-8")
    cache = RunCache(tmp_path / "cache")
    first, cached = cache.run(snippet, timeout=30, clock="virtual")
    assert not cached
    again, cached = cache.run(snippet, timeout=30, clock="virtual")
    assert cached and again == first  # a random number: equal only because it was reused
    fresh, cached = cache.run(snippet, timeout=30, clock="virtual", refresh=True)
    assert not cached and fresh.output != first.output
    key = cache_key(snippet, timeout=30, clock="virtual", python=__import__("sys").executable)
    assert key != cache_key(snippet, timeout=30, clock="real", python=__import__("sys").executable)
    assert key != cache_key(snippet, timeout=5, clock="virtual", python=__import__("sys").executable)
    snippet.write_text("import random\nprint(random.random())  # edited\n", encoding="utf-8")
    assert cache.run(snippet, timeout=30, clock="virtual")[1] is False


def test_cut_short_runs_are_not_cached(tmp_path: Path) -> None:
    snippet = tmp_path / "hang.py"
    snippet.write_text("import asyncio\nasyncio.run(asyncio.Event().wait())\n", encoding="utf-8")
    cache = RunCache(tmp_path / "cache")
    result, _ = cache.run(snippet, timeout=0.5, clock="virtual")
    assert result.timed_out
    assert not list((tmp_path / "cache").glob("*.json"))


def test_evaluate_all_runs_each_distinct_snippet_once(tmp_path: Path) -> None:
    snippets = {f"p/s{i}.py": f"import asyncio\nasyncio.run(asyncio.sleep({i}))\nprint({i})\n" for i in range(4)}
    root = make_site(tmp_path, {"index.md": "".join(fence(name) for name in snippets)}, snippets)
    project = Project.at(root)
    fences = [SnippetFence(snippet=name) for name in snippets] * 2
    outcomes = evaluate_all(fences, project)
    assert len(outcomes) == 4 and not any(o.cached for o in outcomes.values())
    assert all(evaluate(SnippetFence(snippet=name), project).cached for name in snippets)


@pytest.mark.parametrize(
    ("recorded", "actual", "same"),
    [
        ("took 2.00 s\n", "took 2.03 s\n", True),
        ("took 2.00 s\n", "took 2.20 s\n", False),
        ("took 0.0 s\n", "took 0.6 s\n", False),
        ("Task 1 completed\n", "Task 2 completed\n", False),
        ("3 tasks\n", "3 tasks\n", True),
        ("a 1.0\n", "a 1.0\nb\n", False),
    ],
)
def test_tolerance(recorded: str, actual: str, same: bool) -> None:
    assert same_within_tolerance(recorded, actual) is same


def test_verify_real_time_catches_output_the_virtual_clock_got_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cpu = (
        "import time\nstart = time.perf_counter()\nsum(i * i for i in range(10_000_000))\n"
        'print(f"computed in {time.perf_counter() - start:.1f} s")\n'
    )
    sleeps = "import asyncio, time\nt = time.perf_counter()\nasyncio.run(asyncio.sleep(0.3))\nprint(f'{time.perf_counter() - t:.1f}')\n"
    root = make_site(
        tmp_path,
        {"index.md": fence("p/cpu.py", clock="virtual") + fence("p/sleeps.py")},
        {"p/cpu.py": cpu, "p/sleeps.py": sleeps},
        {"p/cpu.out": "computed in 0.0 s\n", "p/sleeps.out": "0.3\n"},
    )
    assert evaluate(
        SnippetFence(snippet="p/cpu.py", clock="virtual"), Project.at(root)
    ).ok  # the virtual clock says 0.0
    assert verify_real_time(Project.at(root), []) == 1
    out = capsys.readouterr().out
    assert "snippet p/cpu.py prints something else in real time" in out and 'declare clock="real"' in out
    assert "matches  snippets/p/sleeps.py" in out
