"""The virtual clock: exact times, skipped sleeps, blocking that still blocks."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from sitetools import interpreters, sameness
from sitetools.capabilities import clock_for
from sitetools.runner import RunResult, run_snippet

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

# Blocking calls in a pool of two threads beside a ticking task: the third
# call waits for a free thread, and the ticker runs on in the meantime.
THREAD_POOL = """
import asyncio, time
from concurrent.futures import ThreadPoolExecutor

def blocking(name, seconds):
    time.sleep(seconds)
    return name

START = time.perf_counter()

def log(message):
    print(f"{time.perf_counter() - START:.2f} {message}")

async def ticker():
    while True:
        await asyncio.sleep(0.25)
        log("tick")

async def call(pool, name, seconds):
    log(await asyncio.get_running_loop().run_in_executor(pool, blocking, name, seconds))

async def main():
    tick = asyncio.create_task(ticker())
    with ThreadPoolExecutor(max_workers=2) as pool:
        await asyncio.gather(call(pool, "a", 0.4), call(pool, "b", 0.6), call(pool, "c", 0.3))
    tick.cancel()
    log(await asyncio.get_running_loop().run_in_executor(None, blocking, "default pool", 0.1))

asyncio.run(main())
"""
THREAD_POOL_OUTPUT = "0.25 tick\n0.40 a\n0.50 tick\n0.60 b\n0.70 c\n0.80 default pool\n"


def run(tmp_path: Path, source: str, **kwargs: object) -> RunResult:
    path = tmp_path / "program.py"
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return run_snippet(path, **kwargs)  # type: ignore[arg-type]


def test_gather_prints_exact_times(tmp_path: Path) -> None:
    result = run(tmp_path, GATHER)
    assert (result.clock, result.exit_status, result.output) == ("virtual", 0, GATHER_OUTPUT)


def test_long_sleeps_cost_no_real_time(tmp_path: Path) -> None:
    result = run(
        tmp_path, "import asyncio, time\nasyncio.run(asyncio.sleep(3600))\nprint(time.monotonic())\n", timeout=30
    )
    assert result.output == "3600.0\n" and not result.timed_out  # an hour of sleep within a 30 s timeout


def test_thread_pools_follow_the_clock(tmp_path: Path) -> None:
    """A worker's time.sleep parks it until the clock gets there; the order is the real one."""
    result = run(tmp_path, THREAD_POOL, timeout=10)
    assert (result.clock, result.exit_status, result.output) == ("virtual", 0, THREAD_POOL_OUTPUT)


def test_a_worker_thread_sleeping_an_hour_costs_no_real_time(tmp_path: Path) -> None:
    program = (
        "import asyncio, time\n"
        "async def main():\n    await asyncio.gather(asyncio.to_thread(time.sleep, 3600), asyncio.sleep(1800))\n"
        "asyncio.run(main())\nprint(time.monotonic())\n"
    )
    result = run(tmp_path, program, timeout=30)
    assert result.output == "3600.0\n" and not result.timed_out  # an hour in a worker, within a 30 s timeout


def test_thread_pools_match_a_real_run(tmp_path: Path) -> None:
    """A real run prints what the virtual clock prints, durations within the tolerance.

    As every check of a real-time run on this site, a mismatch counts only if it
    holds on a second and a third run: a busy moment makes one real run's
    timers late by more than the tolerance, not three in a row.
    """
    outputs = []
    for _ in range(3):
        outputs.append(run(tmp_path, THREAD_POOL, clock="real").output)
        if sameness.same(THREAD_POOL_OUTPUT, outputs[-1], clock="real"):
            return
    pytest.fail("three real runs differ from the virtual clock's output:\n" + "\n".join(outputs))


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
        ("await asyncio.to_thread(f)", "auto", ("virtual", "only waits on asyncio timers and time.sleep")),
        ("import subprocess", "auto", ("real", "uses subprocess (line 1)")),
        ("reader, writer = await asyncio.open_connection(host, 80)", "auto", ("real", "uses open_connection (line 1)")),
        ("await asyncio.sleep(1)", "real", ("real", "declared on the fence")),
        ("import threading", "virtual", ("virtual", "declared on the fence")),
        (
            "from concurrent.futures import ThreadPoolExecutor",
            "auto",
            ("virtual", "only waits on asyncio timers and time.sleep"),
        ),
        ("from concurrent.futures import ProcessPoolExecutor", "auto", ("real", "uses ProcessPoolExecutor (line 1)")),
        ("concurrent.futures.ProcessPoolExecutor()", "auto", ("real", "uses ProcessPoolExecutor (line 1)")),
        ("from threading import Thread", "auto", ("real", "uses threading (line 1)")),
        (
            "signal = asyncio.Event()\nprint('to_thread')",
            "auto",
            ("virtual", "only waits on asyncio timers and time.sleep"),
        ),
        ("hasattr(asyncio, 'to_thread')", "auto", ("virtual", "only waits on asyncio timers and time.sleep")),
    ],
)
def test_the_clock_is_chosen_from_the_code(source: str, declared: str, expected: tuple[str, str]) -> None:
    assert clock_for(source, declared) == expected


@pytest.mark.matrix
@pytest.mark.parametrize("version", [f"3.{minor}" for minor in range(7, 16)])
def test_the_same_exact_output_on_every_interpreter(tmp_path: Path, version: str) -> None:
    python = interpreters.find(version)
    if python is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Python {version} is not installed; CI must run the virtual clock on every version from 3.7")
        pytest.skip(f"Python {version} is not installed here (pyenv or python{version} on PATH)")
    result = run(tmp_path, GATHER, python=python)
    assert result.python_version.startswith(version + ".")
    assert result.output == GATHER_OUTPUT
    assert run(tmp_path, THREAD_POOL, python=python, timeout=10).output == THREAD_POOL_OUTPUT
