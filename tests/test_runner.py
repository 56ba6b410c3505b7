"""The runner: isolation, capture in order, timeouts, limits, no writes outside."""

from __future__ import annotations

import os
import platform
import sys
import textwrap
import time
from pathlib import Path

import pytest

from sitetools.interpreter import normalise_paths
from sitetools.runner import ForkServers, RunResult, run_snippet

REPO = Path(__file__).resolve().parents[1]


def run(tmp_path: Path, source: str, **kwargs: object) -> RunResult:
    path = tmp_path / "program.py"
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return run_snippet(path, **kwargs)  # type: ignore[arg-type]


def test_everything_written_is_captured_in_order(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        """
        import logging, sys, warnings
        print("a", "b", sep="-")
        print("to stderr", file=sys.stderr)
        sys.stdout.write("stdout write\\n")
        sys.stderr.write("stderr write\\n")
        logging.warning("logged")
        warnings.warn("careful")
        print("last")
        """,
    )
    assert result.exit_status == 0
    assert result.output == (
        "a-b\nto stderr\nstdout write\nstderr write\nWARNING:root:logged\n"
        'program.py:8: UserWarning: careful\n  warnings.warn("careful")\nlast\n'
    )


def test_runs_as_main_in_a_temporary_directory(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        """
        import os, sys
        print(__name__, __file__, sys.argv)
        print(os.getcwd())
        print(sorted(os.listdir(".")))
        """,
    )
    assert result.output == "__main__ program.py ['program.py']\n/tmp/example\n['program.py']\n"


def test_uncaught_exception_prints_the_programs_own_traceback(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        """
        import asyncio

        async def main():
            raise ValueError("boom")

        asyncio.run(main())
        """,
    )
    assert result.exit_status == 1
    lines = result.output.splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert lines[1] == '  File "program.py", line 7, in <module>'
    assert lines[-1] == "ValueError: boom"
    assert "bootstrap" not in result.output  # our own frames are not the reader's program
    minor = f"python{sys.version_info[0]}.{sys.version_info[1]}"
    assert f'File ".../lib/{minor}/asyncio/runners.py"' in result.output


def test_syntax_error_is_reported_like_python_does(tmp_path: Path) -> None:
    result = run(tmp_path, "def broken(:\n    pass\n")
    assert result.exit_status == 1
    assert result.output.startswith('  File "program.py", line 1\n')
    assert "SyntaxError" in result.output.splitlines()[-1]


def test_a_hanging_program_is_killed_at_its_timeout_with_partial_output(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        """
        import asyncio
        print("started", flush=True)
        asyncio.run(asyncio.Event().wait())
        """,
        timeout=1.0,
    )
    assert result.timed_out
    assert result.exit_status is None
    assert result.output == "started\n"
    assert result.duration >= 1.0  # it was let run until its timeout, however busy the machine


def test_a_process_left_running_is_killed(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        """
        import subprocess, sys
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        print(child.pid)
        """,
        timeout=1.0,
    )
    assert result.timed_out and result.exit_status == 0  # it exited; its child held the output open
    pid = int(result.output.split()[0])
    deadline = time.monotonic() + 5  # SIGKILL is delivered asynchronously
    while _running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(pid)


def _running(pid: int) -> bool:
    """True if the process exists and is not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")


def test_runaway_output_is_cut_at_the_limit(tmp_path: Path) -> None:
    result = run(tmp_path, "while True:\n    print('x' * 99)\n", max_output=10_000)
    assert result.truncated
    assert result.exit_status is None
    assert len(result.output) == 10_000


def test_writes_stay_in_the_working_directory(tmp_path: Path) -> None:
    target = tmp_path / "outside.txt"
    result = run(
        tmp_path,
        f"""
        import tempfile
        open("inside.txt", "w").write("fine")
        tempfile.mkstemp()
        print("inside ok")
        open({str(target)!r}, "w").write("not fine")
        """,
    )
    assert result.output.startswith("inside ok\n")
    assert "PermissionError" in result.output
    assert "may write only inside its own temporary working directory" in result.output
    assert result.exit_status == 1
    assert not target.exists()


@pytest.mark.matrix
@pytest.mark.parametrize("version", ["3.6", "3.7"])
def test_the_write_guard_of_old_pythons_keeps_pathlib_working(tmp_path: Path, version: str) -> None:
    """Before 3.8 (no audit hooks) the guard wraps os.open, which pathlib stores in a class."""
    from sitetools import interpreters

    python = interpreters.find(version)
    if python is None:
        if os.environ.get("CI") == "true":
            pytest.fail(interpreters.missing_reason(version))
        pytest.skip(interpreters.missing_reason(version))
    target = tmp_path / "outside.txt"
    source = f"import pathlib\npathlib.Path('in.txt').write_text('ok')\nprint(open('in.txt').read())\npathlib.Path({str(target)!r}).write_text('no')\n"
    result = run(tmp_path, source, python=python)
    assert result.output.startswith("ok\n") and "PermissionError" in result.output
    assert not target.exists()


def test_the_repository_cannot_be_deleted_from(tmp_path: Path) -> None:
    result = run(tmp_path, f"import os\nos.remove({str(REPO / 'pyproject.toml')!r})\n")
    assert result.exit_status == 1 and "PermissionError" in result.output
    assert (REPO / "pyproject.toml").exists()


def test_result_round_trips_through_json(tmp_path: Path) -> None:
    result = run(tmp_path, "print('hi')\n")
    assert RunResult.from_json(result.to_json()) == result
    assert result.python_version == ".".join(map(str, sys.version_info[:3]))


def test_normalise_paths_hides_where_the_interpreter_is() -> None:
    text = "/opt/py/bin/python: No module named asyncio.__main__\n['/opt/py/bin/python', '-m']\n"
    assert normalise_paths(
        text, workdir="/tmp/x", stdlib="/opt/py/lib/python3.7", executables=("/opt/py/bin/python",)
    ) == (".../bin/python3.7: No module named asyncio.__main__\n['.../bin/python3.7', '-m']\n")


def test_a_printed_stack_shows_no_frame_of_ours(tmp_path: Path) -> None:
    """As with `python FILE`: the stack starts at the program, not in the bootstrap or fork server."""
    result = run(tmp_path, "import traceback\ndef f():\n    traceback.print_stack()\nf()\n")
    assert "inproc" not in result.output and "bootstrap" not in result.output
    assert result.output.splitlines()[0] == '  File "program.py", line 4, in <module>'


def test_normalise_paths() -> None:
    text = 'File "/opt/py/lib/python3.12/asyncio/tasks.py", line 1\ncwd /tmp/example-abc/x\n'
    assert normalise_paths(text, workdir="/tmp/example-abc", stdlib="/opt/py/lib/python3.12") == (
        'File ".../lib/python3.12/asyncio/tasks.py", line 1\ncwd /tmp/example/x\n'
    )


def test_the_fork_server_and_a_fresh_interpreter_print_the_same(tmp_path: Path) -> None:
    """The fork server is an optimisation only: every observable stays the same."""
    source = """
        import asyncio, os, sys, warnings
        print(__name__, sys.argv, os.getcwd(), os.environ["HOME"], sorted(os.listdir(".")))
        async def forgotten():
            pass
        async def main():
            forgotten()
            await asyncio.sleep(1)
            raise ValueError("boom")
        asyncio.run(main())
        """
    with ForkServers() as servers:
        forked = run(tmp_path, source, servers=servers)
        assert servers.get(sys.executable, platform.python_version()) is not None  # it did fork
    fresh = run(tmp_path, source)
    assert forked.output == fresh.output
    assert forked.exit_status == fresh.exit_status == 1
    assert "was never awaited" in forked.output and forked.output.endswith("ValueError: boom\n")


def test_fork_servers_end_with_their_owner() -> None:
    with ForkServers() as servers:
        server = servers.get(sys.executable, platform.python_version())
        assert server is not None and server.process.poll() is None
    assert server.process.poll() is not None  # closed with the batch, not left to the end of the process


@pytest.mark.parametrize("forked", [True, False])
def test_ctrl_c_works_when_the_build_runs_in_the_background(tmp_path: Path, forked: bool) -> None:
    """A shell's background job (``make build &``) ignores SIGINT; the snippet must not inherit that."""
    import signal

    source = """
        import asyncio, os, signal
        async def main():
            asyncio.get_running_loop().call_later(0.1, os.kill, os.getpid(), signal.SIGINT)
            await asyncio.sleep(5)
            print("never")
        asyncio.run(main())
        """
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with ForkServers() as servers:  # a server started now inherits the ignored SIGINT
            result = run(tmp_path, source, servers=servers if forked else None)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert "never" not in result.output
    assert result.output.rstrip().endswith("KeyboardInterrupt")
