"""Recording proves determinism: a program that prints something else in another run is refused, with its cause.

The five programs below are written as contributors write them, most of them
taken from the asyncio documentation.  Each prints something different from
run to run, and ``make update-outputs`` must refuse each one, naming the
cause and its fix; after the fix, each records, builds and passes the
real-time check.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitetools import determinism
from sitetools.cli import main, update_outputs, verify_real_time
from sitetools.project import Project
from tests.sites import build, fence, make_site

WALL_CLOCK = """import asyncio
import time


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    print(f"started at {time.strftime('%X')}")
    await say_after(1, 'hello')
    await say_after(2, 'world')
    print(f"finished at {time.strftime('%X')}")

asyncio.run(main())
"""
WALL_CLOCK_FIXED = WALL_CLOCK.replace(
    "    print(f\"started at {time.strftime('%X')}\")", "    start = time.perf_counter()"
).replace(
    "    print(f\"finished at {time.strftime('%X')}\")",
    '    print(f"finished after {time.perf_counter() - start:.1f} s")',
)

RANDOM = """import asyncio
import random


async def worker(name, queue):
    while True:
        sleep_for = await queue.get()
        await asyncio.sleep(sleep_for)
        queue.task_done()
        print(f'{name} has slept for {sleep_for:.2f} seconds')


async def main():
    queue = asyncio.Queue()
    for _ in range(6):
        queue.put_nowait(random.uniform(0.05, 1.0))
    tasks = [asyncio.create_task(worker(f'worker-{i}', queue)) for i in range(3)]
    await queue.join()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)

asyncio.run(main())
"""
# Seeded; and with this seed no two workers finish less than 0.1 s apart (a seed that makes them does is refused too).
RANDOM_FIXED = RANDOM.replace("import random\n", "import random\n\nrandom.seed(3)\n")

DEFAULT_REPR = """import asyncio


async def example_barrier():
    b = asyncio.Barrier(3)
    asyncio.create_task(b.wait())
    asyncio.create_task(b.wait())
    await asyncio.sleep(0)
    print(b)
    await b.wait()
    print(b)
    print("barrier passed")

asyncio.run(example_barrier())
"""
DEFAULT_REPR_FIXED = DEFAULT_REPR.replace("    print(b)\n", '    print(f"{b.n_waiting} of {b.parties} waiting")\n')

CLIENT_PORT = """import asyncio


async def handle_echo(reader, writer):
    data = await reader.read(100)
    addr = writer.get_extra_info('peername')
    print(f"Received {data.decode()!r} from {addr!r}")
    writer.write(data)
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle_echo, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        reader, writer = await asyncio.open_connection('127.0.0.1', port)
        writer.write(b'Hello World!')
        await writer.drain()
        print(f'Received: {(await reader.read(100)).decode()!r}')
        writer.close()
        await writer.wait_closed()

asyncio.run(main())
"""
CLIENT_PORT_FIXED = CLIENT_PORT.replace(
    """    addr = writer.get_extra_info('peername')
    print(f"Received {data.decode()!r} from {addr!r}")""",
    """    print(f"Received {data.decode()!r} from a client")""",
)

THREADS_PRINT = """import asyncio
import time


def blocking_io(name):
    print(f"{name}: start blocking_io")
    time.sleep(1)
    print(f"{name}: blocking_io complete")


async def main():
    await asyncio.gather(
        asyncio.to_thread(blocking_io, "a"),
        asyncio.to_thread(blocking_io, "b"),
    )

asyncio.run(main())
"""
THREADS_PRINT_FIXED = """import asyncio
import time


def blocking_io(name):
    time.sleep(1)
    return f"{name}: blocking_io complete"


async def main():
    start = time.perf_counter()
    results = await asyncio.gather(
        asyncio.to_thread(blocking_io, "a"),
        asyncio.to_thread(blocking_io, "b"),
    )
    for line in results:
        print(line)
    print(f"both done after {time.perf_counter() - start:.1f} s")

asyncio.run(main())
"""

# name -> (program, its fix, what the refusal must say: the cause, and the start of its fix)
CASES = {
    "say_after_with_strftime": (
        WALL_CLOCK,
        WALL_CLOCK_FIXED,
        "prints the time of day (time.strftime",
        "print how long",
    ),
    "queue_workers_sleep_at_random": (RANDOM, RANDOM_FIXED, "never seeded (random.uniform", "seed it once"),
    "barrier_printed_by_its_repr": (DEFAULT_REPR, DEFAULT_REPR_FIXED, "prints a memory address", "give its class a"),
    "echo_server_prints_the_client": (CLIENT_PORT, CLIENT_PORT_FIXED, "prints a port, a process id", "'a client"),
    "two_threads_print": (THREADS_PRINT, THREADS_PRINT_FIXED, "its threads or processes (to_thread", "print from one"),
}


def _site(root: Path, fixed: bool) -> Path:
    snippets = {f"p/{name}.py": program[1 if fixed else 0] for name, program in CASES.items()}
    return make_site(root, {"index.md": "# Examples\n\n" + "\n".join(fence(name) for name in snippets)}, snippets)


@pytest.fixture(scope="module")
def refusals(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = _site(tmp_path_factory.mktemp("nondeterministic"), fixed=False)
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert update_outputs(Project.at(root), []) == 1
    return root, out.getvalue()


@pytest.mark.parametrize("name", CASES)
def test_a_program_that_prints_something_else_in_another_run_is_refused_with_its_cause(
    refusals: tuple[Path, str], name: str
) -> None:
    root, log = refusals
    message = next(
        block for block in log.split("error: ") if f"snippet p/{name}.py prints something different" in block
    )
    _, _, cause, fix = CASES[name]
    assert cause in message.split("Likely cause: ")[1].splitlines()[0], message
    assert fix in message.split("Fix: ")[1].splitlines()[0], message
    assert "---" in message and "+++ shaken run" in message  # the lines that differ, as a diff
    assert f"Then run `make update-outputs SNIPPETS=p/{name}.py` again." in message
    assert not (root / "snippets" / "p" / f"{name}.out").exists()  # nothing recorded


def test_after_the_fix_each_records_builds_and_matches_in_real_time(tmp_path: Path) -> None:
    root = _site(tmp_path, fixed=True)
    assert main(["--root", str(root), "update-outputs"]) == 0
    assert all((root / "snippets" / "p" / f"{name}.out").is_file() for name in CASES)
    assert build(root).returncode == 0
    assert verify_real_time(Project.at(root), []) == 0


def test_a_proven_program_is_not_shaken_again_until_it_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_site(tmp_path, {"index.md": fence("p/hello.py")}, {"p/hello.py": "print('hello')\n"})
    project = Project.at(root)
    assert update_outputs(project, []) == 0
    shaken: list[str] = []
    original = determinism.prove_all
    monkeypatch.setattr(
        determinism,
        "prove_all",
        lambda project, firsts, python: shaken.extend(firsts) or original(project, firsts, python),
    )
    assert update_outputs(project, []) == 0
    assert shaken == []
    (root / "snippets/p/hello.py").write_text("print('hello, again')\n", encoding="utf-8")
    assert update_outputs(project, []) == 0
    assert shaken == ["p/hello.py"]


def test_two_tasks_printing_closer_than_the_order_margin_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On the virtual clock 0.02 s apart is an exact order; in real time it is a coin toss."""
    program = (
        "import asyncio\n\nasync def say(text, delay):\n    await asyncio.sleep(delay)\n    print(text)\n\n"
        "async def main():\n    await asyncio.gather(say('first', 1.0), say('second', 1.02))\n\nasyncio.run(main())\n"
    )
    root = make_site(tmp_path, {"index.md": fence("p/race.py")}, {"p/race.py": program})
    assert update_outputs(Project.at(root), []) == 1
    out = capsys.readouterr().out
    assert 'two of its tasks print 0.020 s apart ("first", then "second")' in out
    assert "at least 0.1 s apart" in out


@pytest.mark.parametrize(
    ("outputs", "source", "clock", "cause"),
    [
        (["{'b', 'a', 'c'}\n", "{'a', 'c', 'b'}\n"], "print({'a', 'b', 'c'})", "virtual", "a set (or what was built"),
        (["pid 4411\n", "pid 4417\n"], "import os\nprint('pid', os.getpid())", "virtual", "a port, a process id"),
        (["took less than 1 s? True\n", "took less than 1 s? False\n"], "import subprocess", "real", "how fast the"),
        (["a\nb\n", "b\na\n"], "import threading", "real", "print in whatever order"),
        (["x 1\n", "x 2\n"], "print(1)", "virtual", "something different from run to run"),
    ],
)
def test_the_likely_cause_is_read_from_the_lines_and_the_code(
    outputs: list[str], source: str, clock: str, cause: str
) -> None:
    diagnosis = determinism.diagnose(outputs, source, clock)
    assert diagnosis is not None and cause in diagnosis.cause


def test_runs_that_agree_and_show_no_address_are_proven() -> None:
    assert determinism.diagnose(["took 2.00 s\n", "took 2.00 s\n"], "", "virtual") is None
    assert determinism.diagnose(["took 2.00 s\n", "took 2.03 s\n"], "", "real") is None  # within the tolerance
    assert determinism.diagnose(["took 2.00 s\n", "took 2.03 s\n"], "", "virtual") is not None  # exact
    # The same address in every run is still an address: another interpreter prints another one.
    same_address = "<Foo object at 0x7f3a2c1b9d30>\n"
    assert "memory address" in determinism.diagnose([same_address, same_address], "", "virtual").cause
