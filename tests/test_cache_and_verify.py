"""The shared run cache, parallel evaluation, and the real-time verification."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitetools.batches import evaluate_all
from sitetools.cache import RunCache, cache_key
from sitetools.checks import evaluate, interpreter_for
from sitetools.cli import verify_real_time
from sitetools.fences import SnippetFence
from sitetools.project import Project
from sitetools.sameness import same
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
    records = {f"p/s{i}.out": f"{i}\n" for i in range(4)}
    root = make_site(tmp_path, {"index.md": "".join(fence(name) for name in snippets)}, snippets, records)
    project = Project.at(root)
    fences = [SnippetFence(snippet=name) for name in snippets] * 2
    outcomes = evaluate_all(fences, project)
    assert len(outcomes) == 4 and not any(o.cached for o in outcomes.values())
    assert all(evaluate(SnippetFence(snippet=name), project).cached for name in snippets)


@pytest.mark.parametrize(
    ("recorded", "actual", "expected"),
    [
        ("took 2.00 s\n", "took 2.03 s\n", True),
        ("took 2.00 s\n", "took 2.20 s\n", False),
        ("took 0.0 s\n", "took 0.6 s\n", False),
        ("Task 1 completed\n", "Task 2 completed\n", False),
        ("3 tasks\n", "3 tasks\n", True),
        ("a 1.0\n", "a 1.0\nb\n", False),
    ],
)
def test_durations_may_differ_within_the_tolerance_on_the_real_clock_only(
    recorded: str, actual: str, expected: bool
) -> None:
    assert same(recorded, actual, clock="real") is expected
    assert same(recorded, actual, clock="virtual") is (recorded == actual)  # exact on the virtual clock


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


def test_a_failure_in_the_cache_is_run_again_and_never_kept(tmp_path: Path) -> None:
    """A cached run whose check fails is not the truth: it is run again, and a real failure is dropped."""
    import dataclasses

    root = make_site(
        tmp_path, {"index.md": fence("p/hello.py")}, {"p/hello.py": "print('hello')\n"}, {"p/hello.out": "hello\n"}
    )
    project = Project.at(root)
    path = root / "snippets/p/hello.py"
    python = interpreter_for(SnippetFence(snippet="p/hello.py"))[0]
    options = {"timeout": 30.0, "clock": "virtual", "python": python, "timeline": True}
    good, _ = project.cache.run(path, **options)
    # As if a busy moment had once made it print something else, and that run had been kept.
    entry = project.cache.entry(path, **options)
    entry.write_text(dataclasses.replace(good, output="hello?\n").to_json(), encoding="utf-8")
    outcome = evaluate(SnippetFence(snippet="p/hello.py"), project)
    assert outcome.ok and outcome.result.output == "hello\n"
    assert "hello?" not in entry.read_text(encoding="utf-8")  # the passing run replaced it

    (root / "snippets/p/hello.out").write_text("goodbye\n", encoding="utf-8")  # now it really fails
    outcome = evaluate(SnippetFence(snippet="p/hello.py"), project)
    assert not outcome.ok and "its output differs from the record" in outcome.problems[0]
    assert not entry.exists()  # the next build runs it again instead of serving the failure


def test_verify_real_time_never_replaces_what_the_build_uses(tmp_path: Path) -> None:
    program = "import asyncio, time\nt = time.perf_counter()\nasyncio.run(asyncio.sleep(0.2))\nprint(f'{time.perf_counter() - t:.1f}')\n"
    real = "import subprocess\n" + program  # on the real clock for the build too
    root = make_site(
        tmp_path,
        {"index.md": fence("p/virtual.py") + fence("p/real.py")},
        {"p/virtual.py": program, "p/real.py": real},
        {"p/virtual.out": "0.2\n", "p/real.out": "0.2\n"},
    )
    project = Project.at(root)
    assert all(o.ok for o in evaluate_all(project.fences(), project).values())  # type: ignore[arg-type]
    before = {p.name: p.read_bytes() for p in (root / ".cache" / "runs").iterdir()}
    assert verify_real_time(project, []) == 0
    after = {p.name: p.read_bytes() for p in (root / ".cache" / "runs").iterdir()}
    assert after == before


def test_a_program_that_prints_something_else_each_time_is_named_as_such_in_the_build(tmp_path: Path) -> None:
    """Two runs that disagree: the message names the likely cause, not `make update-outputs`."""
    program = "import random\nprint(random.random())\n"
    root = make_site(tmp_path, {"index.md": fence("p/dice.py")}, {"p/dice.py": program}, {"p/dice.out": "0.5\n"})
    outcome = evaluate(SnippetFence(snippet="p/dice.py"), Project.at(root))
    assert outcome.unstable is not None
    assert "printed something different each time it was run" in outcome.problems[0]
    assert "never seeded (random.random (line 2))" in outcome.problems[0]
