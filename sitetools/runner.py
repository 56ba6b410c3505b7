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

import array
import contextlib
import dataclasses
import json
import os
import select
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Protocol

from sitetools import programs
from sitetools.interpreter import INPROC, CPython, Pyodide, interpreter

FORK_SERVER = INPROC / "forkserver.py"
DEFAULT_TIMEOUT = 30.0
#: Output beyond this many bytes is cut and the snippet is stopped: an example
#: that prints this much is a runaway, not a lesson.
MAX_OUTPUT_BYTES = 100_000


@dataclasses.dataclass(frozen=True)
class Shake:
    """A run under changed conditions that a deterministic program never depends on (inproc/shake.py).

    A shaken run is a fresh interpreter (a fork server's children share its
    hash seed) in another time zone, with the virtual clock's wall time moved
    by ``epoch_shift`` seconds, and the writes of every other thread the
    program starts (those whose start number has ``parity``) held back ``delay`` s.
    """

    hash_seed: int
    time_zone: str  # POSIX TZ, such as "<+0517>-5:17"
    epoch_shift: float
    parity: int
    delay: float = 0.03

    def environment(self) -> dict[str, str]:
        return {
            "PYTHONHASHSEED": str(self.hash_seed),
            "TZ": self.time_zone,
            "SITETOOLS_SHAKE": f"{self.epoch_shift!r},{self.parity},{self.delay!r}",
        }


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
    #: What the tasks did, recorded in the run (inproc/task_recorder.py), when asked for.
    timeline: dict[str, Any] | None = None

    @property
    def python_label(self) -> str:
        return f"Python {self.python_version}"

    def to_json(self) -> str:
        # vars(), not dataclasses.asdict(): no deep copy of the timeline (the warm build calls this for every example)
        return json.dumps(vars(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> RunResult:
        return cls(**json.loads(text))


def run_snippet(
    path: Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    python: str = sys.executable,
    max_output: int = MAX_OUTPUT_BYTES,
    clock: str = "virtual",
    timeline: bool = False,
    shake: Shake | None = None,
    servers: ForkServers | None = None,
) -> RunResult:
    """Run ``path`` as ``__main__`` and capture everything it writes, in order.

    stdout and stderr are one pipe and the child is unbuffered, so prints,
    logging, warnings and tracebacks appear in the order they were written.
    ``clock`` is "virtual" (sleeps skipped) or "real";
    :func:`sitetools.capabilities.clock_for` decides which one a snippet can
    be trusted with.  With ``timeline``, the run also records what its tasks
    did (``RunResult.timeline``); with ``shake``, it runs under changed
    conditions (:class:`Shake`).  With ``servers`` (a build's
    :class:`ForkServers`), the process is forked from a warm interpreter
    instead of started from scratch: the same output, 30 to 50 ms sooner.  The files that live with a program
    (:mod:`sitetools.programs`) are copied beside it.
    """
    if clock not in ("virtual", "real"):
        raise ValueError(f"clock must be 'virtual' or 'real', not {clock!r}")
    kind = interpreter(python)
    version = kind.facts()[0]
    with (
        tempfile.TemporaryDirectory(prefix="example-") as workdir,
        tempfile.TemporaryDirectory(prefix="timeline-") as notes,
    ):
        programs.copy_into(path, Path(workdir))
        if not kind.instrumented:
            clock, timeline, shake = "real", False, None  # the browser has its own clock, and no recorder yet
        elif servers is not None and shake is None and kind.forks:
            servers.get(python, version)  # started once per build: not part of this run's duration
        record = os.path.join(notes, "timeline.json") if timeline else ""
        started = time.perf_counter()
        proc = _start(kind, version, path.name, clock, workdir, record, shake, servers)
        try:
            raw, timed_out, truncated = _read_output(proc, started + timeout, max_output)
            # Did the program itself finish? (A process it started may still hold the pipe.)
            exit_status = None if truncated else proc.poll()
        finally:
            _kill_group(proc)
        duration = time.perf_counter() - started
        text = kind.normalise(raw.decode("utf-8", errors="replace"), workdir)
        recorded = _read_timeline(record) if record and exit_status is not None else None
    return RunResult(
        output=text,
        exit_status=exit_status,
        duration=round(duration, 3),
        python_version=version,
        clock=clock,
        timed_out=timed_out,
        truncated=truncated,
        timeline=recorded,
    )


def _read_timeline(path: str) -> dict[str, Any] | None:
    """The recorded timeline, or None if the program never wrote it (it was killed)."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _start(
    kind: CPython | Pyodide,
    version: str,
    name: str,
    clock: str,
    workdir: str,
    timeline: str,
    shake: Shake | None,
    servers: ForkServers | None,
) -> _Process:
    """A fresh process for the snippet: forked from a warm server when possible."""
    environment = {**_child_environment(workdir), **kind.environment()}
    if shake is not None:
        environment.update(shake.environment())
    elif servers is not None and kind.forks:
        server = servers.get(kind.path, version)
        if server is not None:
            try:
                return server.spawn(name, clock, workdir, timeline)
            except OSError:
                servers.forget(kind.path)  # it died; the next run starts a new one
    command = kind.command(name, clock, timeline)
    return subprocess.Popen(
        command,
        cwd=workdir,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, killed as a whole
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


def _read_output(proc: _Process, deadline: float, limit: int) -> tuple[bytes, bool, bool]:
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


def _kill_group(proc: _Process) -> None:
    """Kill the snippet and anything it started, then reap it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()
    if proc.stdout is not None:
        proc.stdout.close()


class _Process(Protocol):
    """What the runner needs of a snippet's process: a Popen, or a forked child."""

    pid: int
    stdout: object

    def poll(self) -> int | None: ...

    def wait(self, timeout: float | None = None) -> int: ...


# --- The fork server (inproc/forkserver.py) -----------------------------------


class ForkServers:
    """One warm interpreter per Python executable, owned by whoever runs a batch.

    A build (or a command) makes one, passes it to every run, and closes it
    when it is done: no server outlives what started it, and two builds in
    one process (``make serve``) never share one.  SITETOOLS_FORK_SERVER=0
    turns them off (every run is then a fresh ``python bootstrap.py``, as on
    systems without fork).
    """

    def __init__(self) -> None:
        self._servers: dict[str, _ForkServer | None] = {}
        self._lock = threading.Lock()

    def get(self, python: str, version: str) -> _ForkServer | None:
        """The server for ``python``, started on first use; None where forking is not possible."""
        if not _fork_server_usable(version):
            return None
        with self._lock:
            if python not in self._servers:
                try:
                    self._servers[python] = _ForkServer(python)
                except (OSError, RuntimeError):
                    self._servers[python] = None  # fall back to fresh processes
            return self._servers[python]

    def forget(self, python: str) -> None:
        with self._lock:
            self._servers.pop(python, None)

    def close(self) -> None:
        """End every server (each also ends by itself when this process does)."""
        with self._lock:
            servers, self._servers = list(self._servers.values()), {}
        for server in servers:
            if server is not None:
                server.close()

    def __enter__(self) -> ForkServers:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _fork_server_usable(version: str) -> bool:
    major, minor = (int(part) for part in version.split(".")[:2])
    return hasattr(os, "fork") and (major, minor) >= (3, 6) and os.environ.get("SITETOOLS_FORK_SERVER", "1") != "0"


class _ForkServer:
    def __init__(self, python: str) -> None:
        self.home = tempfile.mkdtemp(prefix="forkserver-")
        self.address = os.path.join(self.home, "socket")
        lifeline_read, self._lifeline = os.pipe()  # closes when this process ends
        self.process = subprocess.Popen(
            [python, "-s", "-u", str(FORK_SERVER), self.address, str(lifeline_read)],
            cwd=self.home,
            env=_child_environment(self.home),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            pass_fds=(lifeline_read,),
        )
        os.close(lifeline_read)
        assert self.process.stdout is not None
        if self.process.stdout.readline() != b"ready\n":
            self.process.kill()
            raise RuntimeError(f"the fork server for {python} did not start")

    def close(self) -> None:
        os.close(self._lifeline)  # the server sees its lifeline close and exits
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        shutil.rmtree(self.home, ignore_errors=True)

    def spawn(self, name: str, clock: str, workdir: str, timeline: str = "") -> _ForkedProcess:
        read_end, write_end = os.pipe()
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            conn.connect(self.address)
            request = (
                json.dumps({"file": name, "clock": clock, "workdir": workdir, "timeline": timeline}).encode() + b"\n"
            )
            conn.sendmsg([request], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [write_end]))])
            os.close(write_end)
            child = _ForkedProcess(conn, os.fdopen(read_end, "rb", buffering=0))
        except BaseException:
            conn.close()
            os.close(read_end)
            with contextlib.suppress(OSError):
                os.close(write_end)
            raise
        return child


class _ForkedProcess:
    """A child of the fork server, with the parts of Popen the runner uses."""

    def __init__(self, conn: socket.socket, stdout: object) -> None:
        self._conn = conn
        self._buffer = b""
        self.stdout = stdout
        self.returncode: int | None = None
        line = self._line(timeout=30)
        if line is None or not line.startswith(b"pid "):
            raise OSError("the fork server did not start the snippet")
        self.pid = int(line.split()[1])

    def poll(self) -> int | None:
        if self.returncode is None:
            self._read_exit(timeout=0)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None and not self._read_exit(timeout):
            raise subprocess.TimeoutExpired("snippet", timeout or 0)
        assert self.returncode is not None
        return self.returncode

    def _read_exit(self, timeout: float | None) -> bool:
        line = self._line(timeout)
        if line is None:
            return False
        self.returncode = int(line.split()[1])  # "exit STATUS"
        self._conn.close()
        return True

    def _line(self, timeout: float | None) -> bytes | None:
        """One line from the server, or None if none came within ``timeout``."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while b"\n" not in self._buffer:
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not select.select([self._conn], [], [], remaining)[0]:
                return None
            chunk = self._conn.recv(4096)
            if not chunk:
                raise OSError("the fork server went away")
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line
