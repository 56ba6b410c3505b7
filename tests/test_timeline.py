"""Task timelines: recorded in the run whose output is shown, drawn as SVG."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from sitetools import interpreters
from sitetools import timeline_drawing as timeline
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
    assert ends(recorded)["failing"] == 0.0  # the name the program gave it


@pytest.mark.matrix
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
        "task1() (Task-2) starts at 0.00 s, runs at 0.00 s, 1.00 s, awaits sleep, "
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


DOWNLOADS = """
import asyncio

async def download(name, seconds):
    await asyncio.sleep(seconds)
    return name

async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(download("a.zip", 1))
        tg.create_task(download("b.zip", 2), name="the big one")
        tg.create_task(asyncio.sleep(0.5))

asyncio.run(main())
"""


def test_lanes_are_named_as_the_program_names_them_and_say_what_it_awaited(tmp_path: Path) -> None:
    record = run(tmp_path, DOWNLOADS).timeline
    assert record is not None
    sources = {"program.py": textwrap.dedent(DOWNLOADS)}
    lanes = {lane.label: lane for lane in timeline.lanes(record, sources)}
    # The coroutine and its arguments; the name the program gave; asyncio's own sleep() task is one too.
    assert list(lanes) == ["main()", "download('a.zip', 1)", "the big one", "sleep(0.5)"]
    assert lanes["the big one"].detail == "download('b.zip', 2)"
    assert lanes["download('a.zip', 1)"].slices[0][2] == "asyncio.sleep(seconds)"  # the line's own words
    assert lanes["main()"].slices[0][2] == "end of async with asyncio.TaskGroup()"


def test_asyncios_own_helper_tasks_are_folded_away(tmp_path: Path) -> None:
    source = """
    import asyncio, sys

    async def main():
        proc = await asyncio.create_subprocess_exec(sys.executable, "-c", "print(1)", stdout=asyncio.subprocess.PIPE)
        print((await proc.communicate())[0])

    asyncio.run(main())
    """
    record = run(tmp_path, source, clock="real").timeline
    assert record is not None
    assert any(task["internal"] for task in record["tasks"])  # _connect_pipes, _read_stream...
    assert [lane.label for lane in timeline.lanes(record)] == ["main()"]


def test_a_crowd_of_one_coroutine_is_one_lane() -> None:
    tasks = [{"name": "Task-1", "coro": "main", "args": [], "created": 0.0, "end": 1.0, "how": "returned"}]
    tasks += [
        {"name": f"Task-{i + 2}", "coro": "fetch", "args": [str(i)], "created": 0.0, "end": 1.0, "how": "returned"}
        for i in range(12)
    ]
    tasks[5]["how"] = "raised ValueError"
    lanes = timeline.lanes({"tasks": tasks, "slices": [], "prints": []})
    assert [lane.label for lane in lanes] == ["main()", "fetch(…) ×12"]
    assert lanes[1].endings == {"returned": 11, "raised ValueError": 1}


@pytest.mark.parametrize(
    ("end", "labels"),
    [
        (2.0, ["0.0 s", "0.5 s", "1.0 s", "1.5 s", "2.0 s"]),
        (3.0, ["0.0 s", "0.5 s", "1.0 s", "1.5 s", "2.0 s", "2.5 s", "3.0 s"]),
        (0.3, ["0.0 s", "0.1 s", "0.2 s", "0.3 s"]),
        (12.0, ["0 s", "2 s", "4 s", "6 s", "8 s", "10 s", "12 s"]),
    ],
)
def test_axis_ticks_are_even_and_written_alike(end: float, labels: list[str]) -> None:
    step, decimals, span = timeline.ticks(end, timeline.WIDTH - timeline.LEFT - timeline.RIGHT)
    assert [f"{n * step:.{decimals}f} s" for n in range(round(span / step) + 1)] == labels


def test_every_label_is_placed_inside_the_drawing() -> None:
    """The build places text where it fits (monospace has a known width); the browser test measures it."""
    from html.parser import HTMLParser

    record = run_snippet(REPO / "snippets/running_concurrently/task_group_waits_for_all.py", timeline=True).timeline
    assert record is not None
    sizes = {"tl-name": timeline.NAME_SIZE, "tl-why": timeline.LABEL_SIZE, "tl-axis": timeline.AXIS_SIZE}
    placed: list[tuple[str, float, str]] = []

    class Texts(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found = dict(attrs)
            if tag == "text" and found.get("class") in sizes:
                placed.append((found["class"] or "", float(found["x"] or 0), found.get("text-anchor") or "start"))

        def handle_data(self, data: str) -> None:
            if placed and len(placed[-1]) == 3:
                kind, x, anchor = placed.pop()
                width = timeline._width(data, sizes[kind])
                left = x - (width if anchor == "end" else width / 2 if anchor == "middle" else 0)
                assert 0 <= left and left + width <= timeline.WIDTH, (data, left, width)
                placed.append((kind, x, anchor, data))  # type: ignore[arg-type]

    Texts().feed(timeline.svg(record, ident="t", title="t", sources={}))
    assert len(placed) > 8
