"""The cheat sheet: every asyncio API the examples use, found in their code.

Written by hand, a cheat sheet drifts from the site; this one is generated
at build time from the snippets themselves.  It finds ``asyncio.NAME`` and
``from asyncio import NAME`` in every snippet a page uses, plus a short list
of methods whose names belong to asyncio alone (``loop.call_soon``,
``task.add_done_callback``, ...), and links each to the pages whose examples
use it and to its entry in the official documentation, whose page is known
from the module that defines it.
"""

from __future__ import annotations

import ast
import asyncio
import functools
import inspect
import re
from collections import defaultdict
from pathlib import Path

from sitetools.fences import FenceError
from sitetools.project import Project

DOCS = "https://docs.python.org/3/library/"

#: Module that defines an API -> (documentation page, section title).
_SECTIONS = {
    "runners": ("asyncio-runner", "Running asyncio code"),
    "tasks": ("asyncio-task", "Coroutines and tasks"),
    "taskgroups": ("asyncio-task", "Coroutines and tasks"),
    "timeouts": ("asyncio-task", "Coroutines and tasks"),
    "threads": ("asyncio-task", "Coroutines and tasks"),
    "coroutines": ("asyncio-task", "Coroutines and tasks"),
    "locks": ("asyncio-sync", "Synchronisation"),
    "queues": ("asyncio-queue", "Queues"),
    "subprocess": ("asyncio-subprocess", "Subprocesses"),
    "streams": ("asyncio-stream", "Streams"),
    "events": ("asyncio-eventloop", "The event loop"),
    "base_events": ("asyncio-eventloop", "The event loop"),
    "exceptions": ("asyncio-exceptions", "Exceptions"),
    "futures": ("asyncio-future", "Futures"),
}
#: Names documented on another page than their module's: name -> (documentation page, section title).
_DOCUMENTED_ELSEWHERE = {
    name: ("asyncio-policy", "The event loop")
    for name in (
        "get_event_loop_policy",
        "set_event_loop_policy",
        "AbstractEventLoopPolicy",
        "DefaultEventLoopPolicy",
        "EventLoopPolicy",
    )
} | {
    name: ("asyncio-graph", "Coroutines and tasks")
    for name in (
        "capture_call_graph",
        "format_call_graph",
        "print_call_graph",
        "FutureCallGraph",
        "FrameCallGraphEntry",
    )
}
#: Names defined in C (module ``_asyncio``) or newer than the build's Python.
_KNOWN_MODULES = {
    "get_running_loop": "events",
    "get_event_loop": "events",
    "Future": "futures",
    "Task": "tasks",
    "current_task": "tasks",
    "eager_task_factory": "tasks",
    "create_eager_task_factory": "tasks",
    "QueueShutDown": "queues",
    "ALL_COMPLETED": "tasks",
    "FIRST_COMPLETED": "tasks",
    "FIRST_EXCEPTION": "tasks",
}
#: Methods that only asyncio objects have: attribute name -> documented name.
METHODS = {
    "add_done_callback": "Task.add_done_callback",
    "call_soon": "loop.call_soon",
    "call_later": "loop.call_later",
    "call_at": "loop.call_at",
    "call_soon_threadsafe": "loop.call_soon_threadsafe",
    "run_in_executor": "loop.run_in_executor",
    "run_until_complete": "loop.run_until_complete",
    "set_debug": "loop.set_debug",
    "task_done": "Queue.task_done",
    "get_coro": "Task.get_coro",
    "get_stack": "Task.get_stack",
    "print_stack": "Task.print_stack",
    "get_name": "Task.get_name",
    "set_name": "Task.set_name",
    "cancelling": "Task.cancelling",
    "uncancel": "Task.uncancel",
    "wait_closed": "StreamWriter.wait_closed",
    "communicate": "asyncio.subprocess.Process.communicate",
}
_METHOD_SECTIONS = {
    "Task": "tasks",
    "loop": "events",
    "Queue": "queues",
    "StreamWriter": "streams",
    "asyncio.subprocess.Process": "subprocess",
    "asyncio.subprocess": "subprocess",
}


@functools.lru_cache(maxsize=1024)  # every build asks again; parsing every snippet costs ~0.1 s
def used_names(source: str) -> frozenset[str]:
    """The documented asyncio names a program uses, e.g. ``gather``, ``loop.call_soon``."""
    found: set[str] = set()
    try:
        tree = ast.parse(source)
    except SyntaxError:  # an example of a syntax error uses nothing
        return frozenset()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            parent = node.value
            if isinstance(parent, ast.Name) and parent.id == "asyncio" and not node.attr.startswith("_"):
                if not inspect.ismodule(getattr(asyncio, node.attr, None)):
                    found.add(node.attr)
            elif (  # asyncio.subprocess.PIPE
                isinstance(parent, ast.Attribute)
                and isinstance(parent.value, ast.Name)
                and parent.value.id == "asyncio"
                and inspect.ismodule(getattr(asyncio, parent.attr, None))
            ):
                found.add(f"asyncio.{parent.attr}.{node.attr}")
            elif node.attr in METHODS:
                found.add(METHODS[node.attr])
        elif isinstance(node, ast.ImportFrom) and node.module == "asyncio":
            found.update(alias.name for alias in node.names if alias.name != "*")
    return frozenset(found)


def _section(name: str) -> tuple[str, str]:
    if name in _DOCUMENTED_ELSEWHERE:
        return _DOCUMENTED_ELSEWHERE[name]
    if "." in name:
        owner = name.rsplit(".", 1)[0]
        return _SECTIONS[_METHOD_SECTIONS.get(owner, "tasks")]
    module = _KNOWN_MODULES.get(name) or getattr(getattr(asyncio, name, None), "__module__", "") or ""
    return _SECTIONS.get(module.rsplit(".", 1)[-1], ("asyncio", "Other"))


def _anchor(name: str) -> str:
    if name.startswith("asyncio."):
        return name
    return f"asyncio.{name}"


def _resolve(name: str) -> object:
    """The object a documented name stands for, in the Python running the build."""
    target: object = asyncio
    if name.startswith("loop."):
        target, name = asyncio.base_events.BaseEventLoop, name[len("loop.") :]
    for part in name.removeprefix("asyncio.").split("."):
        target = getattr(target, part, None)
    return target


def _summary(name: str) -> str:
    target = _resolve(name)
    if not (callable(target) or inspect.isclass(target)):
        return ""  # a constant (its docstring would be that of str or int), or newer than this Python
    doc = (getattr(target, "__doc__", None) or "").strip()
    first = re.split(r"(?<=\.)\s", doc.split("\n\n")[0].replace("\n", " "), maxsplit=1)[0]
    return first if 10 < len(first) < 160 else ""


#: The order of the sections: the order in which the site teaches them.
_ORDER = [
    "Running asyncio code",
    "Coroutines and tasks",
    "Synchronisation",
    "Queues",
    "Subprocesses",
    "Streams",
    "The event loop",
    "Futures",
    "Exceptions",
    "Other",
]


def _title(page: Path) -> str:
    if page.name == "index.md":
        return "Home"
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return page.stem


def table(project: Project) -> str:
    """The cheat sheet's Markdown: one table per documentation section."""
    pages_using: dict[str, set[Path]] = defaultdict(set)
    for fence in project.fences():
        if isinstance(fence, FenceError):
            continue
        path = project.snippets_dir / fence.snippet
        if not path.is_file():
            continue
        page = project.root / fence.page
        for name in used_names(path.read_text(encoding="utf-8")):
            pages_using[name].add(page)
    sections: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name in sorted(pages_using, key=str.lower):
        doc_page, title = _section(name)
        links = ", ".join(
            f"[{_title(page)}]({page.relative_to(project.docs_dir).as_posix()})" for page in sorted(pages_using[name])
        )
        target = _resolve(name)
        is_function = callable(target) and not inspect.isclass(target)
        call = f"{name}()" if is_function or name in METHODS.values() else name
        sections[doc_page, title].append(
            f"| [`{call}`]({DOCS}{doc_page}.html#{_anchor(name)}) | {_summary(name)} | {links} |"
        )
    out = []
    for (_, title), rows in sorted(sections.items(), key=lambda item: _ORDER.index(item[0][1])):
        out += [f"## {title}", "", "| API | what it does (from its docstring) | used on |", "|---|---|---|", *rows, ""]
    return "\n".join(out)
