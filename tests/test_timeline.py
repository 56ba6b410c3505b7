"""Task timelines: recorded in the run whose output is shown, drawn as SVG."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from sitetools import interpreters, timeline
from sitetools.fences import FenceError, parse_snippet_fence
from sitetools.runner import RunResult, run_snippet
from tests.sites import REPO


def run(tmp_path: Path, source: str, **options: object) -> RunResult:
    path = tmp_path / "program.py"
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return run_snippet(path, timeline=True, **options)  # type: ignore[arg-type]


def ends(result: RunResult) -> dict[str, float | None]:
    assert result.timeline is not None
    return {lane.label: lane.end for lane in timeline.lanes(result.timeline)}


def test_the_gather_example_has_three_lanes_ending_at_1_and_2_seconds() -> None:
    result = run_snippet(REPO / "snippets/first_examples/two_tasks_with_gather.py", timeline=True)
    assert ends(result) == {"main()": 2.0, "task1()": 1.0, "task2()": 2.0}
    lanes = {lane.label: lane for lane in timeline.lanes(result.timeline or {})}
    assert {waiting for _, _, waiting in lanes["task1()"].slices} == {"sleep", None}
    assert lanes["main()"].slices[0][2] == "gather()"
    assert lanes["task1()"].prints == [(1.0, "Task 1 completed")]


def test_awaiting_one_after_the_other_ends_at_3_seconds() -> None:
    result = run_snippet(REPO / "snippets/first_examples/two_coroutines_one_after_another.py", timeline=True)
    assert ends(result) == {"main()": 3.0}


def test_a_blocking_call_is_a_slice_that_holds_the_loop() -> None:
    result = run_snippet(REPO / "snippets/blocking_code/time_sleep_blocks_the_loop.py", timeline=True)
    lanes = {lane.label: lane for lane in timeline.lanes(result.timeline or {})}
    held = [(start, stop) for start, stop, _ in lanes["main()"].slices if stop > start]
    assert held == [(1.2, 3.2)]
    assert not [s for s in lanes["ticker()"].slices if 1.2 < s[0] < 3.2]  # the ticker waits meanwhile
    assert lanes["ticker()"].how == "cancelled"


def test_recording_changes_nothing_the_program_prints(tmp_path: Path) -> None:
    """Errors never retrieved, tasks destroyed while pending, debug mode's notes: all as without it."""
    source = """
    import asyncio, gc

    async def fail():
        raise ValueError("boom")

    async def forever():
        await asyncio.Event().wait()

    async def main():
        task = asyncio.create_task(fail(), name="failing")
        await asyncio.sleep(0.1)
        print(task)
        del task
        lost = asyncio.create_task(forever())
        await asyncio.sleep(0.1)
        print(lost)

    asyncio.run(main(), debug=True)
    gc.collect()
    print("end")
    """
    recorded = run(tmp_path, source)
    plain = run_snippet(tmp_path / "program.py")
    assert recorded.output == plain.output
    assert "Task exception was never retrieved" in plain.output
    assert ends(recorded)["fail()"] == 0.0


@pytest.mark.parametrize("version", interpreters.SUPPORTED)
def test_every_python_records_a_timeline(tmp_path: Path, version: str) -> None:
    python = interpreters.find(version)
    if python is None:
        if os.environ.get("CI") == "true":
            pytest.fail(interpreters.missing_reason(version))
        pytest.skip(interpreters.missing_reason(version))
    source = """
    import asyncio

    async def nap(seconds):
        await asyncio.sleep(seconds)

    async def main():
        await asyncio.gather(nap(1), nap(2))

    loop = asyncio.new_event_loop()  # no asyncio.run() before 3.7
    loop.run_until_complete(main())
    loop.close()
    """
    result = run(tmp_path, source, python=python)
    assert result.output == "" and result.exit_status == 0
    assert sorted(lane.end for lane in timeline.lanes(result.timeline or {}) if lane.end is not None) == [1.0, 2.0, 2.0]


def test_the_same_run_gives_the_same_svg_with_its_facts_as_text() -> None:
    record = run_snippet(REPO / "snippets/first_examples/two_tasks_with_gather.py", timeline=True).timeline
    assert record is not None
    first = timeline.figure(record, ident="t", name="two_tasks_with_gather.py")
    assert first == timeline.figure(dict(record), ident="t", name="two_tasks_with_gather.py")
    assert 'role="img" aria-labelledby="t-title t-desc"' in first
    assert (
        "task1() (Task-2) starts at 0.00 s, runs at 0.00 s, 1.00 s, waits for sleep, "
        'prints "Task 1 completed" at 1.00 s, and returned at 1.00 s.' in timeline.describe(record)
    )
    assert "<li>task1() (Task-2) starts at 0.00 s" in first  # the same sentences, as a list under the drawing
    assert timeline.worth_drawing(record)
    assert not timeline.worth_drawing({"tasks": [record["tasks"][0]], "slices": [], "prints": []})


def test_the_timeline_option() -> None:
    assert parse_snippet_fence('snippet timeline="off"', "a/b.py").timeline == "off"
    assert parse_snippet_fence("snippet", "a/b.py").timeline == "auto"
    with pytest.raises(FenceError, match='timeline="yes" must be one of auto, on, off'):
        parse_snippet_fence('snippet timeline="yes"', "a/b.py")
