"""Run one snippet as ``__main__``, the way ``python snippet.py`` would.

The runner starts ``python -s -u bootstrap.py FILE CLOCK [TIMELINE]`` in a fresh temporary
working directory that holds a copy of the snippet.  This script exists for
three reasons that a plain ``python FILE`` cannot meet:

* tracebacks and warnings name the snippet by its bare file name
  (``File "gather.py", line 9``) instead of a temporary absolute path, so the
  recorded output is the same on every machine;
* the bootstrap's own frame is dropped from tracebacks, so the reader sees
  exactly the frames Python would print for their own program;
* with CLOCK ``virtual``, sleeps cost no real time (see virtualclock.py);
* with a TIMELINE path, what the tasks did is recorded there (see task_recorder.py);
* when the runner asks for a shaken run, what a deterministic program never
  depends on is changed (see shake.py);
* on Python 3.8+ an audit hook refuses writes outside the working directory,
  so an example can never modify the repository it came from.

Standard library only; must run on Python 3.6 and newer.
"""

import errno
import linecache
import os
import signal
import sys
import types

# Audit events that change the file system, with the positions of their path
# arguments.  ``open`` is handled separately because it also covers reads.
_WRITE_EVENTS = {
    "os.mkdir": (0,),
    "os.remove": (0,),
    "os.rename": (0, 1),
    "os.rmdir": (0,),
    "os.truncate": (0,),
    "os.chmod": (0,),
    "os.chown": (0,),
    "os.link": (0, 1),
    "os.symlink": (1,),
    "os.utime": (0,),
    "shutil.rmtree": (0,),
}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_ALLOWED_FILES = {os.devnull, "/dev/stdout", "/dev/stderr"}


def _is_write(mode, flags):
    if isinstance(mode, str):
        return any(ch in mode for ch in "wax+")
    return isinstance(flags, int) and bool(flags & _WRITE_FLAGS)


def _make_write_guard(workdir):
    """Return an audit hook that refuses writes outside ``workdir``."""
    roots = [os.path.realpath(workdir)]

    def check(path):
        root = roots[0]
        if path is None or isinstance(path, int):
            return  # a file descriptor: it was checked when it was opened
        try:
            name = os.fsdecode(os.fspath(path))
        except TypeError:
            return
        full = os.path.realpath(os.path.join(root, name))
        if full == root or full.startswith(root + os.sep) or full in _ALLOWED_FILES:
            return
        raise PermissionError(
            errno.EACCES,
            "asyncio-by-example: an example may write only inside its own temporary working directory, not",
            name,
        )

    def hook(event, args):
        if event == "open":
            if len(args) >= 3 and _is_write(args[1], args[2]):
                check(args[0])
        elif event in _WRITE_EVENTS:
            for index in _WRITE_EVENTS[event]:
                if index < len(args):
                    check(args[index])

    hook.roots = roots  # where writes may go: the next run's directory, in a process that runs several (Pyodide)
    return hook


def _install_fallback_guard(hook):
    """Before Python 3.8 (no audit hooks): wrap the common write functions.

    Weaker than an audit hook (C code and child processes are not covered),
    but it keeps the plain ``open(path, "w")`` of an example out of the
    repository on the old interpreters the version matrix runs.
    """
    import builtins
    import functools
    import io

    class guarded(object):
        """A wrapper that, like the built-in it replaces, is not a descriptor.

        A plain function would become a method where a class stores it, as
        pathlib's ``_NormalAccessor.open = os.open`` does on 3.6 and 3.7.
        """

        def __init__(self, func, event, mode_arg=None):
            functools.update_wrapper(self, func)
            self.func, self.event, self.mode_arg = func, event, mode_arg

        def __call__(self, *args, **kwargs):
            if self.event == "open":
                mode = args[1] if len(args) > 1 else kwargs.get("mode", "r")
                if self.mode_arg is None:  # os.open(path, flags)
                    hook("open", (args[0], None, args[1] if len(args) > 1 else kwargs.get("flags", 0)))
                else:
                    hook("open", (args[0], mode, 0))
            else:
                hook(self.event, args)
            return self.func(*args, **kwargs)

    builtins.open = io.open = guarded(io.open, "open", mode_arg=1)
    os.open = guarded(os.open, "open")
    for name, event in (
        ("remove", "os.remove"),
        ("unlink", "os.remove"),
        ("rename", "os.rename"),
        ("replace", "os.rename"),
        ("rmdir", "os.rmdir"),
        ("mkdir", "os.mkdir"),
    ):
        setattr(os, name, guarded(getattr(os, name), event))


def _print_exception(exc_type, exc, tb):
    """Print like the interpreter does, minus this bootstrap's frames.

    The frames of ``main`` (above the snippet) and of the write guard (below
    it) are not the reader's program, so they are cut out of the chain.
    """
    own_file = main.__code__.co_filename
    kept = []
    while tb is not None:
        if tb.tb_frame.f_code.co_filename != own_file:
            kept.append(tb)
        tb = tb.tb_next
    if sys.version_info >= (3, 7):  # tb_next became writable in 3.7
        for current, following in zip(kept, kept[1:] + [None]):
            current.tb_next = following
    head = kept[0] if kept else None
    # The interpreter prints ``exc.__traceback__``, not the ``tb`` argument.
    sys.excepthook(exc_type, exc.with_traceback(head), head)


def _signals_as_in_a_terminal():
    """Ctrl-C and termination behave as for ``python FILE`` typed in a terminal.

    A build started in the background (``make build &``, nohup, some CI
    runners) inherits SIGINT ignored, and Python then installs no
    KeyboardInterrupt handler, so a snippet that sends itself SIGINT would run
    on as if nothing happened and print something else than its record.
    """
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for name in ("SIGTERM", "SIGHUP", "SIGQUIT"):
        signal.signal(getattr(signal, name), signal.SIG_DFL)


def main():
    filename, clock = sys.argv[1], sys.argv[2]
    _signals_as_in_a_terminal()
    record = sys.argv[3] if len(sys.argv) > 3 else ""
    workdir = os.getcwd()
    shaken = None
    if os.environ.get("SITETOOLS_SHAKE"):
        import shake  # beside this file; before the clock, whose time.sleep is not real

        shaken = shake.read()
        shake.install(shaken[1], shaken[2])
    if clock == "virtual":
        import virtualclock  # beside this file: sys.path[0] until replaced below

        virtualclock.install(epoch_shift=shaken[0] if shaken else 0.0)
    if record:
        import task_recorder  # after the clock: it records times on the snippet's clock

        task_recorder.install(record)
    with open(filename, encoding="utf-8") as handle:
        source = handle.read()

    # Look like ``python FILE`` run from the working directory.
    sys.argv = [filename]
    sys.path[0] = workdir
    module = types.ModuleType("__main__")
    module.__file__ = filename
    module.__builtins__ = __builtins__
    sys.modules["__main__"] = module
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)

    guard = _make_write_guard(workdir)
    installed = getattr(sys, "_asyncio_by_example_guard", None)
    if installed is not None:
        # An audit hook cannot be removed: where one process runs program after program (the
        # page's Pyodide), the guard the first run installed follows each run's directory.
        installed.roots[0] = guard.roots[0]
    elif hasattr(sys, "addaudithook"):
        sys._asyncio_by_example_guard = guard
        sys.addaudithook(guard)
    else:
        _install_fallback_guard(guard)

    try:
        code = compile(source, filename, "exec", dont_inherit=True)
    except SyntaxError:
        exc_type, exc, _ = sys.exc_info()
        # Python prints a syntax error without a traceback header.
        sys.excepthook(exc_type, exc.with_traceback(None), None)
        return 1
    try:
        exec(code, module.__dict__)
    except SystemExit:
        raise
    except BaseException:
        _print_exception(*sys.exc_info())
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
