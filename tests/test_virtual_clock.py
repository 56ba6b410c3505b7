"""The virtual clock: exact times, skipped sleeps, blocking that still blocks."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from sitetools import interpreters
from sitetools.runner import RunResult, choose_clock, run_snippet

GATHER = """
import asyncio, time

async def task(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} done at {time.perf_counter():.2f}")

async def main():
    start = time.perf_counter()
    await asyncio.gather(task("one", 1), task("two", 2))
    print(f"finished in {time.perf_counter() - start:.2f} s")

asyncio.run(main())
"""
GATHER_OUTPUT = "one done at 1.00\ntwo done at 2.00\nfinished in 2.00 s\n"


def run(tmp_path: Path, source: str, **kwargs: object) -> RunResult:
    path = tmp_path / "program.py"
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return run_snippet(path, **kwargs)  # type: ignore[arg-type]


def test_gather_prints_exact_times(tmp_path: Path) -> None:
    result = run(tmp_path, GATHER)
    assert (result.clock, result.exit_status, result.output) == ("virtual", 0, GATHER_OUTPUT)


def test_long_sleeps_cost_no_real_time(tmp_path: Path) -> None:
    result = run(tmp_path, "import asyncio, time\nasyncio.run(asyncio.sleep(3600))\nprint(time.monotonic())\n", timeout=30)
    assert result.output == "3600.0\n" and not result.timed_out  # an hour of sleep within a 30 s timeout


def test_time_sleep_advances_the_clock_and_holds_the_loop(tmp_path: Path) -> None:
    source = """
    import asyncio, time

    async def blocker():
        time.sleep(1)  # blocks the event loop: the ticker cannot run meanwhile
        print(f"blocker done at {time.perf_counter():.1f}")

    async def ticker():
        await asyncio.sleep(0.5)
        print(f"ticker woke at {time.perf_counter():.1f}, wanted 0.5")

    async def main():
        await asyncio.gather(ticker(), blocker())

    asyncio.run(main())
    """
    assert run(tmp_path, source).output == "blocker done at 1.0\nticker woke at 1.0, wanted 0.5\n"


def test_timeouts_and_wall_clock_follow_the_virtual_clock(tmp_path: Path) -> None:
    source = """
    import asyncio, time
    wall = time.time()

    async def main():
        try:
            await asyncio.wait_for(asyncio.sleep(10), timeout=0.25)
        except asyncio.TimeoutError:
            print("timed out at", asyncio.get_running_loop().time())
        print(round(time.time() - wall, 6), time.perf_counter_ns())

    asyncio.run(main())
    """
    assert run(tmp_path, source).output == "timed out at 0.25\n0.25 250000000\n"


def test_waiting_forever_still_hangs_and_is_stopped(tmp_path: Path) -> None:
    result = run(tmp_path, "import asyncio\nasyncio.run(asyncio.Event().wait())\n", timeout=1)
    assert result.timed_out


def test_the_real_clock_is_real(tmp_path: Path) -> None:
    result = run(tmp_path, "import time\ntime.sleep(0.2)\nprint(time.perf_counter() > 1e-3)\n", clock="real")
    assert result.clock == "real" and result.output == "True\n" and result.duration >= 0.2


@pytest.mark.parametrize(
    ("source", "declared", "expected"),
    [
        ("await asyncio.sleep(1)", "auto", ("virtual", "only waits on asyncio timers and time.sleep")),
        ("await asyncio.to_thread(f)", "auto", ("real", "uses to_thread")),
        ("import subprocess", "auto", ("real", "uses subprocess")),
        ("reader, writer = await asyncio.open_connection(host, 80)", "auto", ("real", "uses open_connection")),
        ("await asyncio.sleep(1)", "real", ("real", "declared on the fence")),
        ("import threading", "virtual", ("virtual", "declared on the fence")),
        ("from concurrent.futures import ThreadPoolExecutor", "auto", ("real", "uses concurrent")),
        ("loop.run_in_executor(None, f)", "auto", ("real", "uses run_in_executor")),
        ("signal = asyncio.Event()\nprint('to_thread')", "auto", ("virtual", "only waits on asyncio timers and time.sleep")),
        ("hasattr(asyncio, 'to_thread')", "auto", ("virtual", "only waits on asyncio timers and time.sleep")),
    ],
)
def test_choose_clock(source: str, declared: str, expected: tuple[str, str]) -> None:
    assert choose_clock(source, declared) == expected


@pytest.mark.parametrize("version", [f"3.{minor}" for minor in range(7, 14)])
def test_the_same_exact_output_on_every_interpreter(tmp_path: Path, version: str) -> None:
    python = interpreters.find(version)
    if python is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Python {version} is not installed; CI must run the virtual clock on every version from 3.7")
        pytest.skip(f"Python {version} is not installed here (pyenv or python{version} on PATH)")
    result = run(tmp_path, GATHER, python=python)
    assert result.python_version.startswith(version + ".")
    assert result.output == GATHER_OUTPUT
