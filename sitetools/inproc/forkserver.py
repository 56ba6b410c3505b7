"""A fork server: one warm interpreter that forks a fresh child per snippet.

Starting Python and importing asyncio costs about 0.1 s per run, most of a
snippet's cost on the virtual clock.  This server imports asyncio (and the
virtual clock) once; for each request it forks, and the child runs the
snippet through the bootstrap exactly as a fresh ``python bootstrap.py``
would: its own process and process group, working directory, environment
variables and output pipe.  What differs from a fresh interpreter is only
that asyncio and its imports are already in ``sys.modules``.

Protocol, on a Unix socket whose path is ``argv[1]`` (one connection per run):
the runner sends one JSON line ``{"file", "clock", "workdir", "timeline"}`` with the write
end of its output pipe attached (SCM_RIGHTS); the server answers
``pid N\\n`` at once and ``exit STATUS\\n`` when the child has ended (a
negative status is the signal that killed it).  The server exits when the
lifeline pipe (``argv[2]``) is closed, that is when the runner's process ends.

Standard library only; Python 3.6+ on a system with ``os.fork``.
"""

import array
import asyncio  # noqa: F401 - imported once here, inherited by every child
import gc
import json
import os
import selectors
import signal
import socket
import sys

import bootstrap
import task_recorder  # noqa: F401 - likewise
import virtualclock  # noqa: F401 - likewise


def _receive(conn):
    """Read the request line and the file descriptor sent with it."""
    fds = array.array("i")
    data = b""
    while not data.endswith(b"\n"):
        chunk, ancillary, _, _ = conn.recvmsg(65536, socket.CMSG_LEN(fds.itemsize))
        if not chunk:
            raise EOFError("the runner closed the connection")
        data += chunk
        for level, kind, payload in ancillary:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                fds.frombytes(payload[: len(payload) - len(payload) % fds.itemsize])
    return json.loads(data.decode("utf-8")), fds[0]


def _status(raw):
    if os.WIFSIGNALED(raw):
        return -os.WTERMSIG(raw)
    return os.WEXITSTATUS(raw)


def _child(request, output, close):
    """In the forked child: become a fresh snippet process, then run it."""
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    for thing in close:
        if isinstance(thing, int):
            os.close(thing)
        else:
            thing.close()
    os.setsid()  # its own process group, killed as a whole by the runner
    os.dup2(output, 1)
    os.dup2(output, 2)
    os.close(output)
    workdir = request["workdir"]
    os.chdir(workdir)
    os.environ["HOME"] = os.environ["TMPDIR"] = workdir
    sys.argv = [bootstrap.__file__, request["file"], request["clock"]]
    if request.get("timeline"):
        sys.argv.append(request["timeline"])
    sys.path[0] = os.path.dirname(os.path.abspath(bootstrap.__file__))
    return bootstrap.main()


def serve(path, lifeline):
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ)
    selector.register(lifeline, selectors.EVENT_READ)
    selector.register(wake_read, selectors.EVENT_READ)
    waiting = {}
    # The server's own objects (asyncio and its imports) will never be
    # garbage: freezing them halves the time a child's interpreter shutdown
    # takes, and objects the snippet creates are collected as usual.
    if hasattr(gc, "freeze"):  # 3.7+
        gc.freeze()
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while True:
        for key, _ in selector.select():
            if key.fileobj is listener:
                conn, _ = listener.accept()
                try:
                    request, output = _receive(conn)
                except (OSError, ValueError, EOFError, IndexError):
                    conn.close()
                    continue
                pid = os.fork()
                if pid == 0:
                    # Never returns into this loop: the child's exit status
                    # ends the interpreter, with its normal shutdown.
                    sys.exit(_child(request, output, [selector, listener, conn, lifeline, wake_read, wake_write]))
                os.close(output)
                conn.sendall(("pid %d\n" % pid).encode())
                waiting[pid] = conn
            elif key.fileobj == lifeline:
                if not os.read(lifeline, 1):
                    for pid in waiting:
                        try:
                            os.killpg(pid, signal.SIGKILL)
                        except OSError:
                            pass
                    return 0
            else:
                os.read(wake_read, 4096)
                while waiting:
                    pid, raw = os.waitpid(-1, os.WNOHANG)
                    if pid == 0:
                        break
                    conn = waiting.pop(pid, None)
                    if conn is not None:
                        try:
                            conn.sendall(("exit %d\n" % _status(raw)).encode())
                        except OSError:
                            pass
                        conn.close()


if __name__ == "__main__":
    sys.exit(serve(sys.argv[1], int(sys.argv[2])))
