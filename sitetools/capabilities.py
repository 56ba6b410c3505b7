"""What a program uses, read once from its syntax tree: the clock it runs on, what the browser lacks.

One scan of a snippet's code, never of its comments, docstrings or strings
(a docstring that says "unlike a socket server" opens no socket), answers
every question the site asks of a program before running it:

* which **clock** it runs on (:func:`clock_for`): the virtual clock follows
  asyncio's timers, ``time.sleep`` and thread pools; a program that starts
  threads of its own, other processes, opens sockets or handles signals runs
  in real time;
* what the **browser's Python lacks** that it is built on (:func:`browser_limit`):
  threads (thread pools included), processes, sockets, signals, a blocking
  ``time.sleep``;
* what could make its output **differ from run to run** (:class:`Capabilities`'s
  ``wall_clock``, ``random``, ``process_ids`` and ``addresses``), which
  :mod:`sitetools.determinism` names when a program is refused.

Each finding is kept as evidence, the name and the line it was found on
(``threading.Thread (line 12)``), so messages can point at the code.
"""

from __future__ import annotations

import ast
import dataclasses
import functools

#: Modules whose import alone says what a program does (a package's modules included).
_MODULES = {
    "threading": "threads",
    "_thread": "threads",
    "multiprocessing": "processes",
    "subprocess": "processes",
    "socket": "sockets",
    "selectors": "sockets",
    "ssl": "sockets",
    "socketserver": "sockets",
    "http.client": "sockets",
    "http.server": "sockets",
    "urllib.request": "sockets",
    "signal": "signals",
}
#: Names (called or imported, on any object) and what they use.
_NAMES = {
    # thread pools: the virtual clock follows them; the browser has no threads
    "to_thread": "thread_pools",
    "run_in_executor": "thread_pools",
    "ThreadPoolExecutor": "thread_pools",
    # threads that are not a thread pool's
    "InterpreterPoolExecutor": "threads",
    "run_coroutine_threadsafe": "threads",
    # other processes
    "ProcessPoolExecutor": "processes",
    "create_subprocess_exec": "processes",
    "create_subprocess_shell": "processes",
    "subprocess_exec": "processes",
    "subprocess_shell": "processes",
    # sockets
    "open_connection": "sockets",
    "start_server": "sockets",
    "open_unix_connection": "sockets",
    "start_unix_server": "sockets",
    "create_connection": "sockets",
    "create_server": "sockets",
    "create_unix_connection": "sockets",
    "create_unix_server": "sockets",
    "create_datagram_endpoint": "sockets",
    "getaddrinfo": "sockets",
    "getnameinfo": "sockets",
    "sock_connect": "sockets",
    "sock_accept": "sockets",
    "sock_recv": "sockets",
    "sock_sendall": "sockets",
    # signals
    "add_signal_handler": "signals",
    # what differs from run to run
    "getpid": "process_ids",
    "getppid": "process_ids",
    "get_extra_info": "addresses",
    "getsockname": "addresses",
    "getpeername": "addresses",
}
#: ``module.function`` calls that read the time of day.
_WALL_CLOCK = {
    ("time", "time"),
    ("time", "time_ns"),
    ("time", "ctime"),
    ("time", "localtime"),
    ("time", "gmtime"),
    ("time", "asctime"),
    ("time", "strftime"),
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("date", "today"),
}
#: What a program may take from ``random`` that draws a number.
_SEEDING = {"seed", "Random", "SystemRandom"}


@dataclasses.dataclass(frozen=True)
class Capabilities:
    """What a program's code uses: for each kind, the first place found ("" when it does not)."""

    threads: str = ""  # threads of its own (threading, run_coroutine_threadsafe, ...)
    thread_pools: str = ""  # to_thread, run_in_executor, ThreadPoolExecutor
    processes: str = ""
    sockets: str = ""
    signals: str = ""
    blocking_sleep: str = ""  # time.sleep
    wall_clock: str = ""  # the time of day: time.strftime, datetime.now, ...
    random: str = ""  # random numbers from an unseeded generator
    process_ids: str = ""  # os.getpid, proc.pid
    addresses: str = ""  # a socket's address or port, an object's id()
    compiles: bool = True

    @property
    def real_time(self) -> str:
        """Why the virtual clock cannot follow this program ("" when it can)."""
        return self.threads or self.processes or self.sockets or self.signals


@functools.lru_cache(maxsize=1024)  # asked several times per fence and build; parsing costs ~1 ms
def scan(source: str) -> Capabilities:
    """Read what a program uses from its syntax tree."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return Capabilities(compiles=False)
    found: dict[str, str] = {}
    seeded = False
    draws = ""

    def note(kind: str, name: str, node: ast.AST) -> None:
        found.setdefault(kind, f"{name} (line {getattr(node, 'lineno', '?')})")

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                module, kind = _module_kind(alias.name)
                if kind:
                    note(kind, module, node)
        elif isinstance(node, ast.ImportFrom):
            top = (node.module or "").split(".")[0]
            for alias in node.names:
                # from threading import Thread; from urllib import request
                module, kind = _module_kind(f"{node.module}.{alias.name}" if node.module else alias.name)
                if kind:
                    note(kind, module, node)
                if alias.name in _NAMES:
                    note(_NAMES[alias.name], alias.name, node)
                if top == "time" and alias.name == "sleep":
                    note("blocking_sleep", "time.sleep", node)
                if top == "random" and alias.name in _SEEDING:
                    seeded = seeded or alias.name != "seed"  # Random(...) is checked where it is called
                elif top == "random":
                    draws = draws or f"random.{alias.name} (line {node.lineno})"
        elif isinstance(node, ast.Attribute):
            if node.attr in _NAMES:
                note(_NAMES[node.attr], node.attr, node)
            owner = node.value.id if isinstance(node.value, ast.Name) else getattr(node.value, "attr", "")
            if (owner, node.attr) == ("time", "sleep"):
                note("blocking_sleep", "time.sleep", node)
            if (owner, node.attr) in _WALL_CLOCK:
                note("wall_clock", f"{owner}.{node.attr}", node)
            if owner == "random":
                if node.attr in _SEEDING:
                    seeded = True
                else:
                    draws = draws or f"random.{node.attr} (line {node.lineno})"
            if node.attr == "pid":
                note("process_ids", "the .pid of a process", node)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in _NAMES:
                note(_NAMES[node.func.id], node.func.id, node)
            if node.func.id == "id":
                note("addresses", "id()", node)
            if node.func.id == "Random" and not node.args:
                draws = draws or f"Random() (line {node.lineno})"
    if draws and not seeded:
        found["random"] = draws
    return Capabilities(**found)


def _module_kind(name: str) -> tuple[str, str]:
    """The known module that ``name`` is or is in, and what importing it says ("", "" if nothing)."""
    parts = name.split(".")
    for length in range(len(parts), 0, -1):
        module = ".".join(parts[:length])
        if module in _MODULES:
            return module, _MODULES[module]
    return "", ""


def clock_for(source: str, declared: str = "auto") -> tuple[str, str]:
    """The clock a snippet runs on, and why.

    ``declared`` comes from the fence (``clock="real"`` / ``clock="virtual"``);
    with "auto", a program that starts threads of its own, other processes,
    opens sockets or handles signals runs in real time, and every other one
    (thread pools included) on the virtual clock.
    """
    if declared in ("virtual", "real"):
        return declared, "declared on the fence"
    found = scan(source)
    if not found.compiles:
        return "virtual", "does not compile; it will fail on any clock"
    if found.real_time:
        return "real", f"uses {found.real_time}"
    return "virtual", "only waits on asyncio timers and time.sleep"


#: What the browser's Python lacks, and how the page says so, in the order the page names them.
_BROWSER_LIMITS = (
    ("processes", "it starts other processes, which a browser cannot"),
    ("threads", "it uses threads, which the browser's Python does not have"),
    ("thread_pools", "it uses threads, which the browser's Python does not have"),
    ("sockets", "it opens network sockets, which the browser's Python cannot"),
    ("signals", "it handles signals, which a browser never sends"),
    (
        "blocking_sleep",
        "time.sleep() does not block the browser's event loop as it blocks CPython's, so the output differs",
    ),
)


def browser_limit(source: str) -> str:
    """What the browser lacks that this program is built on, as the page says it ("" if nothing)."""
    found = scan(source)
    return next((why for kind, why in _BROWSER_LIMITS if getattr(found, kind)), "")
