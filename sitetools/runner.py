"""Run one snippet in its own interpreter process and describe what happened.

This is the one runner behind the build, the tests and ``update-outputs``: all
of them call :func:`run_snippet` and get the same :class:`RunResult`, a plain
record (JSON-serialisable, so it can be cached) of the output, exit status and
duration.  Isolation is by process: each run gets a fresh interpreter, a fresh
temporary working directory (also its ``HOME`` and ``TMPDIR``), a small fixed
environment, a timeout and an output limit.  The process group is killed at
the end, so nothing the snippet started is left running.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BOOTSTRAP = Path(__file__).parent / "inproc" / "bootstrap.py"
DEFAULT_TIMEOUT = 30.0
#: Output beyond this many bytes is cut and the snippet is stopped: an example
#: that prints this much is a runaway, not a lesson.
MAX_OUTPUT_BYTES = 100_000


@dataclasses.dataclass(frozen=True)
class RunResult:
    """Everything the build and the tests need to know about one run."""

    output: str
    exit_status: int | None  # None when the program was still running and we killed it
    duration: float  # wall-clock seconds
    python_version: str  # for example "3.11.7"
    clock: str = "real"  # "virtual": sleeps skipped, printed times exact (inproc/virtualclock.py)
    timed_out: bool = False
    truncated: bool = False

    @property
    def python_label(self) -> str:
        return f"Python {self.python_version}"

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> RunResult:
        return cls(**json.loads(text))


@functools.cache
def interpreter_facts(python: str) -> tuple[str, str]:
    """Return (version, standard-library directory) of an interpreter."""
    if python == sys.executable:
        import sysconfig

        return _version_string(sys.version_info), sysconfig.get_paths()["stdlib"]
    probe = (
        "import sys, sysconfig; "
        "print('.'.join(map(str, sys.version_info[:3]))); "
        "print(sysconfig.get_paths()['stdlib'])"
    )
    out = subprocess.run(
        [python, "-c", probe], capture_output=True, text=True, check=True, timeout=30
    ).stdout.splitlines()
    return out[0], out[1]


def _version_string(info: tuple[int, ...]) -> str:
    return ".".join(str(part) for part in info[:3])


def run_snippet(
    path: Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    python: str = sys.executable,
    max_output: int = MAX_OUTPUT_BYTES,
    clock: str = "virtual",
) -> RunResult:
    """Run ``path`` as ``__main__`` and capture everything it writes, in order.

    stdout and stderr are one pipe and the child is unbuffered, so prints,
    logging, warnings and tracebacks appear in the order they were written.
    ``clock`` is "virtual" (sleeps skipped) or "real"; :func:`choose_clock`
    decides which one a snippet can be trusted with.
    """
    if clock not in ("virtual", "real"):
        raise ValueError(f"clock must be 'virtual' or 'real', not {clock!r}")
    version, stdlib = interpreter_facts(python)
    with tempfile.TemporaryDirectory(prefix="example-") as workdir:
        shutil.copyfile(path, Path(workdir) / path.name)
        started = time.perf_counter()
        proc = subprocess.Popen(
            [python, "-s", "-u", str(BOOTSTRAP), path.name, clock],
            cwd=workdir,
            env=_child_environment(workdir),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, killed as a whole
        )
        try:
            raw, timed_out, truncated = _read_output(proc, started + timeout, max_output)
            # Did the program itself finish? (A process it started may still hold the pipe.)
            exit_status = None if truncated else proc.poll()
        finally:
            _kill_group(proc)
        duration = time.perf_counter() - started
        text = raw.decode("utf-8", errors="replace")
        text = normalise_paths(text, workdir=workdir, stdlib=stdlib)
    return RunResult(
        output=text,
        exit_status=exit_status,
        duration=round(duration, 3),
        python_version=version,
        clock=clock,
        timed_out=timed_out,
        truncated=truncated,
    )


def _child_environment(workdir: str) -> dict[str, str]:
    """A small fixed environment: the same output on every machine."""
    return {
        "PATH": os.environ.get("PATH", os.defpath),
        "HOME": workdir,
        "TMPDIR": workdir,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONUNBUFFERED": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": "0",  # set and dict-of-str ordering identical on every run
        "PYTHON_COLORS": "0",
        "NO_COLOR": "1",
        "TERM": "dumb",
        "COLUMNS": "80",
    }


def _read_output(proc: subprocess.Popen[bytes], deadline: float, limit: int) -> tuple[bytes, bool, bool]:
    """Read until EOF, the deadline or the output limit, whichever comes first."""
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    buffer = bytearray()
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                return bytes(buffer), True, False
            if not selector.select(remaining):
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            buffer += chunk
            if len(buffer) > limit:
                return bytes(buffer[:limit]), False, True
    # EOF: every writer closed the pipe; the process is exiting.
    try:
        proc.wait(timeout=max(0.0, deadline - time.perf_counter()))
    except subprocess.TimeoutExpired:
        return bytes(buffer), True, False
    return bytes(buffer), False, False


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill the snippet and anything it started, then reap it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()
    if proc.stdout is not None:
        proc.stdout.close()


def normalise_paths(text: str, *, workdir: str, stdlib: str) -> str:
    """Replace machine-specific paths with stable ones.

    The standard library's location differs between machines (pyenv, Debian,
    a venv...), and so would every recorded traceback through ``asyncio``.
    ``/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/runners.py`` becomes
    ``.../lib/python3.11/asyncio/runners.py``; the temporary working directory
    becomes ``/tmp/example``.
    """
    for real in {stdlib, os.path.realpath(stdlib)}:
        head, tail = os.path.split(real)  # tail: "python3.11"
        lib = os.path.basename(head)  # "lib"
        text = text.replace(real + os.sep, f".../{lib}/{tail}/")
    for real in {workdir, os.path.realpath(workdir)}:
        text = re.sub(re.escape(real) + r"(?=[/\s\"']|$)", "/tmp/example", text)
    return text


#: What the virtual clock cannot follow: work in other threads or processes,
#: and I/O whose answer arrives in real time.  Found in a snippet's source,
#: any of these makes it run in real time.
_REAL_TIME_NEEDS = re.compile(
    r"\b(?P<what>to_thread|run_in_executor|threading|concurrent\.futures|ThreadPoolExecutor|"
    r"ProcessPoolExecutor|multiprocessing|subprocess|create_subprocess_\w+|open_connection|"
    r"start_server|open_unix_connection|start_unix_server|socket|sock_\w+|getaddrinfo|"
    r"create_connection|create_server|create_datagram_endpoint|signal)\b"
)


def choose_clock(source: str, declared: str = "auto") -> tuple[str, str]:
    """Return the clock a snippet runs on, and why.

    ``declared`` comes from the fence (``clock="real"`` / ``clock="virtual"``);
    with "auto", a snippet that uses threads, processes or real I/O runs in
    real time and every other one on the virtual clock.
    """
    if declared in ("virtual", "real"):
        return declared, "declared on the fence"
    found = _REAL_TIME_NEEDS.search(source)
    if found:
        return "real", f"uses {found.group('what')}"
    return "virtual", "only waits on asyncio timers and time.sleep"
