"""Record what the event loop did while a snippet ran: a timeline of its tasks.

Installed by the bootstrap (after the virtual clock, so times are on the
snippet's own clock) when the runner asks for a timeline.  It records, for
each task: when it was created and by which task, each slice in which it ran
(resumed until suspended), what it was waiting for when it was suspended,
and how it ended; and each piece of output with the task that wrote it.  At
exit the record is written, as JSON, to the file named by the runner.

How, without changing anything the snippet prints (tracebacks, and debug
mode's "Coroutine created at" stacks, included: no frame of ours is ever on
the stack while a task runs) and without slowing down the code in a task:

* ``loop.create_task`` is wrapped, to note each task's birth and parent;
* the loop's queue of ready callbacks is a deque that notes what the loop
  takes from it: when a callback is a task's step (its coroutine resumed
  until it gives control back), that is a slice of the task, which ends when
  the loop next looks at the queue;
* right after a slice, the task says what it waits for (the future it waits
  on, and the chain of coroutines it is awaiting) or how it ended;
* ``sys.stdout`` and ``sys.stderr`` pass everything through, noting when.

Standard library only; Python 3.6 and newer.
"""

import asyncio
import asyncio.base_events as _base_events
import asyncio.events as _events
import atexit
import collections
import gc
import json
import os
import sys
import time
import weakref

#: At most this many slices and prints are kept: a busy program's timeline
#: would be unreadable anyway.
LIMIT = 2000

#: Coroutines of asyncio whose name says what a task waits for.
_WAITS = (
    ("sleep", "sleep"),
    ("Lock.acquire", "a lock"),
    ("Semaphore.acquire", "a semaphore"),
    ("Condition.wait", "a condition"),
    ("Event.wait", "an event"),
    ("Barrier.", "a barrier"),
    ("Queue.", "a queue"),
    ("StreamReader.", "I/O"),
    ("StreamWriter.", "I/O"),
    ("Process.", "a child process"),
    ("TaskGroup.__aexit__", "its task group"),
    ("wait_for", "wait_for()"),
    ("as_completed", "as_completed()"),
    ("wait", "wait()"),
    ("to_thread", "a thread"),
)


def _current_task():
    loop = _events._get_running_loop()
    if loop is None:
        return None
    if hasattr(asyncio, "current_task"):
        return asyncio.current_task(loop)
    return asyncio.Task.current_task(loop)  # 3.6


def _task_of(callback):
    """The task whose step a loop callback is, or None for any other callback."""
    kind = type(callback).__name__
    if kind in ("TaskStepMethWrapper", "TaskWakeupMethWrapper") or getattr(callback, "__name__", "") in (
        "task_wakeup",
        "_step",
        "_wakeup",
        "__step",
        "__wakeup",
    ):
        owner = getattr(callback, "__self__", None)
        if owner is None:  # 3.6's wake-up wrapper does not say: ask the garbage collector
            owner = next((o for o in gc.get_referents(callback) if isinstance(o, asyncio.Task)), None)
        if isinstance(owner, asyncio.Task):
            return owner
    return None


def _coro(task):
    # The _coro member, not get_coro(): on 3.12.1, get_coro() of an eager task
    # that finished at once crashes the interpreter; the member gives None.
    return getattr(task, "_coro", None)


class Recorder(object):
    def __init__(self, path):
        # Opened now, before the bootstrap's write guard, which would refuse
        # a file outside the snippet's directory at exit.  Without a path
        # (Pyodide), dump() returns the record instead.
        self.out = open(path, "w", encoding="utf-8") if path else None
        self.start = time.monotonic()
        self.tasks = []  # one dict per task, in order of birth
        self.ids = weakref.WeakKeyDictionary()  # task -> index; never keeps a task alive
        self.refs = []  # weak references, to read names and ends at exit
        self.slices = []  # [task, start, end, waiting for]
        self.prints = []  # [time, task or None, text]
        self.dropped = 0

    def now(self):
        return round(time.monotonic() - self.start, 6)

    def index(self, task, parent=None, coro=None, internal=False):
        index = self.ids.get(task)
        if index is None:
            index = self.ids[task] = len(self.tasks)
            coro = coro if coro is not None else _coro(task)
            self.tasks.append(
                {
                    "name": task.get_name() if hasattr(task, "get_name") else "Task-%d" % (index + 1),
                    "coro": getattr(coro, "__qualname__", type(coro).__name__),
                    "args": _arguments(coro),
                    "internal": internal,
                    "created": self.now(),
                    "parent": parent,
                    "end": None,
                    "how": None,
                }
            )
            self.refs.append(weakref.ref(task))
        return index

    def ran(self, task, started):
        """A slice of ``task`` ended now: note it, and what the task waits for or how it ended."""
        index = self.index(task)
        if hasattr(task, "get_name"):  # named after it was created (TaskGroup.create_task before 3.12)
            self.tasks[index]["name"] = task.get_name()
        entry = [index, started, self.now(), None, None]
        if task.done():
            self.ended(index, task, entry[2])
        else:
            entry[3] = waiting_for(task)
            entry[4] = awaited_at(task)
        if len(self.slices) < LIMIT:
            self.slices.append(entry)
        else:
            self.dropped += 1

    def ended(self, index, task, when):
        info = self.tasks[index]
        info["end"] = when
        # Not task.exception(): it would mark the error as seen, and asyncio
        # would no longer log "Task exception was never retrieved".
        error = getattr(task, "_exception", None)
        if task.cancelled():
            info["how"] = "cancelled"
        elif error is not None:
            info["how"] = "raised " + type(error).__name__
        else:
            info["how"] = "returned"

    def printed(self, text):
        if len(self.prints) < LIMIT:
            task = _current_task()
            self.prints.append([self.now(), self.ids.get(task) if task is not None else None, text])
        else:
            self.dropped += 1

    def dump(self):
        for index, ref in enumerate(self.refs):
            task = ref()
            if task is not None and hasattr(task, "get_name"):
                self.tasks[index]["name"] = task.get_name()  # renamed after it was created
        record = {
            "end": self.now(),
            "tasks": self.tasks,
            "slices": self.slices,
            "prints": self.prints,
            "dropped": self.dropped,
        }
        if self.out is None:
            return json.dumps(record)
        with self.out:
            json.dump(record, self.out)
        return None


_ASYNCIO = os.path.dirname(os.path.abspath(asyncio.__file__))
_HERE = os.getcwd()  # the snippet's working directory, where its own modules are


def _is_asyncios(code):
    """Whether code is asyncio's own."""
    filename = getattr(code, "co_filename", "")
    return os.path.isabs(filename) and os.path.dirname(os.path.abspath(filename)).startswith(_ASYNCIO)


#: asyncio's functions that make tasks for their caller: a task they make is the caller's.
_MAKING_TASKS = {
    "create_task",
    "ensure_future",
    "_ensure_future",
    "gather",
    "wait",
    "_wait",
    "as_completed",
    "__init__",
    "wait_for",
    "shield",
    "run_until_complete",
    "run",
    "_run_once",
}


def is_helper(coro, frame):
    """Whether a task is asyncio's own helper (a subprocess's pipes, the loop's shutdown), not the program's.

    Its coroutine is asyncio's, and the code that asked for it is asyncio's too:
    ``tg.create_task(asyncio.sleep(1))`` in the program makes a task of the program's.
    """
    if not _is_asyncios(getattr(coro, "cr_code", None) or getattr(coro, "gi_code", None)):
        return False
    while frame is not None:
        if not _is_asyncios(frame.f_code):
            return False  # the program (or another library) asked for it
        if frame.f_code.co_name not in _MAKING_TASKS:
            return True
        frame = frame.f_back
    return True


def _is_programs(code):
    """Whether code belongs to the program: the snippet (a bare file name) or a module beside it."""
    filename = getattr(code, "co_filename", "")
    return not os.path.isabs(filename) or os.path.dirname(filename) == _HERE


#: Argument values shown in a lane's name: short, and the same in every run (no reprs with addresses).
_SHOWN_TYPES = (bool, int, float, str, type(None))


def _arguments(coro):
    """The coroutine's arguments, as the program passed them: ["'a.zip'", "3"], "…" for any other value."""
    frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
    code = getattr(coro, "cr_code", None) or getattr(coro, "gi_code", None)
    if frame is None or code is None:
        return None
    names = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
    try:
        values = frame.f_locals
    except Exception:  # noqa: BLE001 - a name is a nicety; never fail the program for it
        return None
    shown = []
    for position, name in enumerate(names):
        if position == 0 and name in ("self", "cls"):
            continue
        value = values.get(name)
        text = repr(value) if isinstance(value, _SHOWN_TYPES) else "…"
        shown.append(text if len(text) <= 24 else "…")
    while shown and shown[-1] == "None":  # most likely a default the program did not pass
        shown.pop()
    return shown


def awaited_at(task):
    """Where the program's own code is suspended: [file name, line] of its innermost await, or None."""
    found = None
    node = _coro(task)
    depth = 0
    while node is not None and depth < 50:
        code = getattr(node, "cr_code", None) or getattr(node, "gi_code", None) or getattr(node, "ag_code", None)
        frame = getattr(node, "cr_frame", None) or getattr(node, "gi_frame", None) or getattr(node, "ag_frame", None)
        if code is not None and frame is not None and _is_programs(code):
            found = [os.path.basename(code.co_filename), frame.f_lineno]
        node = getattr(node, "cr_await", None) or getattr(node, "gi_yieldfrom", None) or getattr(node, "ag_await", None)
        depth += 1
    return found


def waiting_for(task):
    """A few words on what a suspended task waits for."""
    if task.done():
        return None
    waiter = getattr(task, "_fut_waiter", None)
    if isinstance(waiter, asyncio.Task):
        return "task " + (waiter.get_name() if hasattr(waiter, "get_name") else "")
    if type(waiter).__name__ == "_GatheringFuture":
        return "gather()"
    names = []
    node = _coro(task)
    while node is not None and len(names) < 50:
        names.append(getattr(node, "__qualname__", ""))
        node = getattr(node, "cr_await", None) or getattr(node, "gi_yieldfrom", None) or getattr(node, "ag_await", None)
    for name in reversed(names):
        for key, words in _WAITS:
            if name == key or name.startswith(key) or name.endswith("." + key):
                return words
    if waiter is None:
        return "its next turn"
    return "a future"


class _Ready(collections.deque):
    """The loop's ready queue: each callback taken from it starts a slice if
    it is a task's step; the loop's next look at the queue ends the slice."""

    def __init__(self, items, recorder):
        super(_Ready, self).__init__(items)
        self._recorder = recorder
        self._running = None  # (task, started) of the step the loop took last

    def _end(self):
        if self._running is not None:
            task, started = self._running
            self._running = None
            self._recorder.ran(task, started)

    def popleft(self):
        self._end()
        handle = super(_Ready, self).popleft()
        task = None if getattr(handle, "_cancelled", False) else _task_of(getattr(handle, "_callback", None))
        if task is not None:
            self._running = (task, self._recorder.now())
        return handle

    def __len__(self):
        self._end()
        return super(_Ready, self).__len__()

    def __bool__(self):
        self._end()
        return super(_Ready, self).__len__() > 0


class _Tee(object):
    """Passes everything to the real stream, noting what was written when."""

    def __init__(self, stream, recorder):
        self._stream = stream
        self._recorder = recorder

    def write(self, text):
        if text:
            self._recorder.printed(text)
        return self._stream.write(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)


def _recording_create_task(recorder, create_task):
    """``create_task`` of a loop class, noting each task's birth and parent."""

    def recorded_create_task(self, *args, **kwargs):
        parent = _current_task()
        parent_index = recorder.ids.get(parent) if parent is not None else None
        coro = args[0] if args else kwargs.get("coro")
        task = create_task(self, *args, **kwargs)
        # In debug mode a task notes where it was created: here, not in this wrapper.
        stack = getattr(task, "_source_traceback", None)
        if stack:
            stack[:] = [entry for entry in stack if entry[0] != __file__]
        index = recorder.index(task, parent_index, coro, is_helper(coro, sys._getframe(1)))
        if task.done():  # an eager task (3.12+) that finished without ever waiting
            recorder.ended(index, task, recorder.now())
        return task

    return recorded_create_task


def install(path):
    recorder = Recorder(path)
    _base_events.BaseEventLoop.create_task = _recording_create_task(recorder, _base_events.BaseEventLoop.create_task)
    loop_init = _base_events.BaseEventLoop.__init__

    def recorded_loop_init(self, *args, **kwargs):
        loop_init(self, *args, **kwargs)
        self._ready = _Ready(self._ready, recorder)

    _base_events.BaseEventLoop.__init__ = recorded_loop_init
    sys.stdout = _Tee(sys.stdout, recorder)
    sys.stderr = _Tee(sys.stderr, recorder)
    atexit.register(recorder.dump)  # registered first, so it runs last
    return recorder


def install_in_pyodide():
    """Record a run in Pyodide, whose page lives on after the program: returns the recorder,
    whose ``finish()`` puts everything back and returns the record, as JSON.

    Pyodide's loop (``pyodide.webloop.WebLoop``) has no queue of ready
    callbacks: each one is a handle that a JavaScript timer runs.  A slice
    is one run of a handle whose callback is a task's step.
    """
    from pyodide.webloop import WebLoop

    recorder = Recorder(None)
    saved = [(WebLoop, "create_task", WebLoop.create_task), (_events.Handle, "_run", _events.Handle._run)]
    saved_streams = (sys.stdout, sys.stderr)
    run_handle = _events.Handle._run

    def recorded_run(handle):
        task = None if getattr(handle, "_cancelled", False) else _task_of(getattr(handle, "_callback", None))
        if task is None:
            return run_handle(handle)
        started = recorder.now()
        try:
            return run_handle(handle)
        finally:
            recorder.ran(task, started)

    WebLoop.create_task = _recording_create_task(recorder, WebLoop.create_task)
    _events.Handle._run = recorded_run
    sys.stdout = _Tee(sys.stdout, recorder)
    sys.stderr = _Tee(sys.stderr, recorder)

    def finish():
        for owner, name, original in saved:
            setattr(owner, name, original)
        sys.stdout, sys.stderr = saved_streams
        return recorder.dump()

    recorder.finish = finish
    return recorder
