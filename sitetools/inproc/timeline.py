"""Record what the event loop did while a snippet ran: a timeline of its tasks.

Installed by the bootstrap (after the virtual clock, so times are on the
snippet's own clock) when the runner asks for a timeline.  It records, for
each task: when it was created and by which task, each slice in which it ran
(resumed until suspended), what it was waiting for when it was suspended,
and how it ended; and each piece of output with the task that wrote it.  At
exit the record is written, as JSON, to the file named by the runner.

How, without changing anything the snippet prints (tracebacks included):

* ``loop.create_task`` is wrapped, to note each task's birth and parent;
* a profile hook (``sys.setprofile``) sees a task's coroutine frame resume
  (``call``) and suspend or finish (``return``): those are the slices;
* what a task waits for is read once it is suspended: the future it waits
  on, and the chain of coroutines it is awaiting (``cr_await``);
* ``sys.stdout`` and ``sys.stderr`` pass everything through, noting when.

Standard library only; Python 3.6 and newer.
"""
import asyncio
import asyncio.base_events as _base_events
import asyncio.events as _events
import atexit
import dis
import json
import sys
import time
import weakref

#: At most this many slices and prints are kept: a busy program's timeline
#: would be unreadable anyway.
LIMIT = 2000
_COROUTINE_FLAGS = 0x80 | 0x100  # CO_COROUTINE, CO_ITERABLE_COROUTINE

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


# What the frame of a coroutine was doing when it gave control back: a
# suspension (the instruction is a yield, or 3.13's RESUME after it, or in
# 3.6-3.10 the LOAD_CONST before YIELD_FROM), or else a return or a raise.
_SUSPENDED = {"YIELD_VALUE", "RESUME", "suspended"}
_RETURNED = {"RETURN_VALUE", "RETURN_CONST"}
_OPERATIONS = {}


def _operation(frame):
    code = frame.f_code
    table = _OPERATIONS.get(code)
    if table is None:
        instructions = list(dis.get_instructions(code))
        table = _OPERATIONS[code] = {}
        for instruction, following in zip(instructions, instructions[1:] + [None]):
            name = instruction.opname
            if following is not None and following.opname == "YIELD_FROM" and name == "LOAD_CONST":
                name = "suspended"
            table[instruction.offset] = name
    return table.get(frame.f_lasti)


def _current_task():
    loop = _events._get_running_loop()
    if loop is None:
        return None
    if hasattr(asyncio, "current_task"):
        return asyncio.current_task(loop)
    return asyncio.Task.current_task(loop)  # 3.6


def _coro(task):
    return task.get_coro() if hasattr(task, "get_coro") else getattr(task, "_coro", None)


class Recorder(object):
    def __init__(self, path):
        # Opened now, before the bootstrap's write guard, which would refuse
        # a file outside the snippet's directory at exit.
        self.out = open(path, "w", encoding="utf-8")
        self.start = time.monotonic()
        self.tasks = []  # one dict per task, in order of birth
        self.ids = weakref.WeakKeyDictionary()  # task -> index; never keeps a task alive
        self.refs = []  # weak references, to read names and ends at exit
        self.slices = []  # [task, start, end, waiting for]
        self.open = {}  # top frame id -> (task index, start)
        self.unsettled = []  # (slice, task ref): slices whose "waiting for" is read later
        self.prints = []  # [time, task or None, text]
        self.dropped = 0

    def now(self):
        return round(time.monotonic() - self.start, 6)

    def index(self, task, parent=None):
        index = self.ids.get(task)
        if index is None:
            index = self.ids[task] = len(self.tasks)
            coro = _coro(task)
            self.tasks.append({
                "name": task.get_name() if hasattr(task, "get_name") else "Task-%d" % (index + 1),
                "coro": getattr(coro, "__qualname__", type(coro).__name__),
                "created": self.now(),
                "parent": parent,
                "end": None,
                "how": None,
            })
            self.refs.append(weakref.ref(task))
        return index

    def settle(self):
        """Say what each task that ran last waits for, now that it is suspended,
        or how it ended, if it did (its last slice ends when it ends)."""
        for entry, ref in self.unsettled:
            task, info = ref(), self.tasks[entry[0]]
            if task is None:
                if info["end"] is not None and info["how"] is None:
                    info["how"] = "ended with an exception"  # gone before we could ask which
                continue
            if task.done():
                self.ended(entry[0], task, entry[2])
            elif info["end"] is None:
                entry[3] = waiting_for(task)
        self.unsettled = []

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

    def profile(self, frame, event, arg):
        if self.unsettled:  # the first event after a task gave control back
            self.settle()
        if event == "call":
            if frame.f_code.co_flags & _COROUTINE_FLAGS:
                task = _current_task()
                if task is not None and getattr(_coro(task), "cr_frame", None) is frame:
                    self.open[id(frame)] = (self.index(task), self.now())
        elif event == "return" and id(frame) in self.open:
            index, started = self.open.pop(id(frame))
            entry = [index, started, self.now(), None]
            if len(self.slices) < LIMIT:
                self.slices.append(entry)
            else:
                self.dropped += 1
            info = self.tasks[index]
            operation = _operation(frame)
            if operation in _SUSPENDED:
                self.unsettled.append((entry, self.refs[index]))
            else:  # the coroutine is done: note it now, the task may be gone soon
                info["end"] = entry[2]
                info["how"] = "returned" if operation in _RETURNED else None
                self.unsettled.append((entry, self.refs[index]))

    def printed(self, text):
        if len(self.prints) < LIMIT:
            task = _current_task()
            self.prints.append([self.now(), self.ids.get(task) if task is not None else None, text])
        else:
            self.dropped += 1

    def dump(self):
        sys.setprofile(None)
        self.settle()
        ends = {}
        for entry in self.slices:
            ends[entry[0]] = entry[2]
        for index, ref in enumerate(self.refs):
            task, info = ref(), self.tasks[index]
            if task is None:
                continue  # gone: named and ended (or destroyed while pending) already
            if hasattr(task, "get_name"):
                info["name"] = task.get_name()
            if task.done() and (info["end"] is None or info["how"] is None):
                end = info["end"] if info["end"] is not None else ends.get(index, info["created"])
                self.ended(index, task, end)
        record = {"end": self.now(), "tasks": self.tasks, "slices": self.slices, "prints": self.prints, "dropped": self.dropped}
        with self.out:
            json.dump(record, self.out)


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


def install(path):
    recorder = Recorder(path)
    create_task = _base_events.BaseEventLoop.create_task

    def recorded_create_task(self, *args, **kwargs):
        parent = _current_task()
        parent_index = recorder.ids.get(parent) if parent is not None else None
        task = create_task(self, *args, **kwargs)
        # In debug mode a task notes where it was created: here, not in this wrapper.
        stack = getattr(task, "_source_traceback", None)
        if stack:
            stack[:] = [entry for entry in stack if entry[0] != __file__]
        index = recorder.index(task, parent_index)
        if recorder.tasks[index]["parent"] is None:  # an eager task (3.12+) ran, and was noted, already
            recorder.tasks[index]["parent"] = parent_index
        return task

    _base_events.BaseEventLoop.create_task = recorded_create_task
    sys.stdout = _Tee(sys.stdout, recorder)
    sys.stderr = _Tee(sys.stderr, recorder)
    sys.setprofile(recorder.profile)
    atexit.register(recorder.dump)  # registered first, so it runs last
    return recorder
