"""The cheat sheet's reference: every asyncio API the examples use, found in their code.

Written by hand, a list of APIs drifts from the site; this one is made at
build time from the snippets themselves.  :func:`used_names` reads a
program and finds

* ``asyncio.NAME``, ``asyncio.subprocess.NAME`` and ``from asyncio import NAME``;
* the methods (and documented attributes) of asyncio's classes, such as
  ``task.cancel()``, ``queue.join()`` or ``writer.drain()``.  A method's
  class is told from the code: what its receiver was assigned from
  (``queue = asyncio.Queue()``, ``reader, writer = await
  asyncio.open_connection(...)``, ``async with asyncio.TaskGroup() as tg``,
  ``for task in tasks`` where ``tasks`` holds tasks, ...), a parameter's
  annotation or conventional name (``queue``, ``writer``, ``proc``, ...),
  or, when nothing else tells, a method name that only one asyncio class
  has and no common non-asyncio type has either (``drain``, ``call_soon``).
  A call whose class cannot be told is left out, never guessed:
  :func:`undetermined` lists those.

What the reference says of each API (a description, the Python it appeared
in, deprecated or removed since when, what to use instead) is written by
people, in ``docs/apis.toml``: an API the examples use without an entry
there is a problem the build reports (and ``--strict`` fails on), naming the
API; so is an entry no example uses.  The link to the official
documentation is made from the name: the page from the module or class
that defines it, the anchor from the name, as Sphinx makes them.
"""

from __future__ import annotations

import ast
import asyncio
import asyncio.subprocess
import builtins
import concurrent.futures
import contextlib
import dataclasses
import functools
import inspect
import io
import logging
import queue
import re
import socket
import subprocess
import threading
import tomllib
import types
import unittest
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Union

from sitetools import programs
from sitetools.fences import FenceError
from sitetools.interpreters import SUPPORTED
from sitetools.project import Project

DOCS = "https://docs.python.org/3/library/"
#: Where a page wants the reference (sitetools/mkdocs_hooks.py replaces it with :func:`table`).
MARKER = "<!-- API TABLE -->"
#: Where the descriptions live, under docs/ (excluded from the site by mkdocs.yml's exclude_docs: *.toml).
DATA = "apis.toml"
#: The build's logger (the same as sitetools.build's): a warning fails ``mkdocs build --strict``.
log = logging.getLogger("mkdocs.plugins.snippets")

# ---------------------------------------------------------------------------
# Which documentation page documents a name.

#: Module that defines an API -> documentation page.
_MODULE_PAGES = {
    "runners": "asyncio-runner",
    "tasks": "asyncio-task",
    "taskgroups": "asyncio-task",
    "timeouts": "asyncio-task",
    "threads": "asyncio-task",
    "coroutines": "asyncio-task",
    "locks": "asyncio-sync",
    "queues": "asyncio-queue",
    "subprocess": "asyncio-subprocess",
    "streams": "asyncio-stream",
    "events": "asyncio-eventloop",
    "base_events": "asyncio-eventloop",
    "exceptions": "asyncio-exceptions",
    "futures": "asyncio-future",
}
#: Names documented on another page than their module's, or that the build's Python
#: (3.11) does not have, or defines in C: name -> documentation page.
_NAME_PAGES = {
    **dict.fromkeys(
        ("BaseProtocol", "Protocol", "DatagramProtocol", "SubprocessProtocol", "BufferedProtocol"), "asyncio-protocol"
    ),
    **dict.fromkeys(
        (
            "get_event_loop_policy",
            "set_event_loop_policy",
            "AbstractEventLoopPolicy",
            "DefaultEventLoopPolicy",
            "EventLoopPolicy",
        ),
        "asyncio-policy",
    ),
    **dict.fromkeys(
        ("capture_call_graph", "format_call_graph", "print_call_graph", "FutureCallGraph", "FrameCallGraphEntry"),
        "asyncio-graph",
    ),
    **dict.fromkeys(("get_running_loop", "get_event_loop", "new_event_loop", "set_event_loop"), "asyncio-eventloop"),
    **dict.fromkeys(
        ("Future", "wrap_future", "isfuture", "ensure_future"),
        "asyncio-future",
    ),
    **dict.fromkeys(
        (
            "Task",
            "current_task",
            "all_tasks",
            "eager_task_factory",
            "create_eager_task_factory",
            "ALL_COMPLETED",
            "FIRST_COMPLETED",
            "FIRST_EXCEPTION",
            "coroutine",
            "iscoroutine",
        ),
        "asyncio-task",
    ),
    **dict.fromkeys(("QueueShutDown", "QueueEmpty", "QueueFull"), "asyncio-queue"),
    **dict.fromkeys(
        ("TimeoutError", "CancelledError", "InvalidStateError", "IncompleteReadError", "LimitOverrunError"),
        "asyncio-exceptions",
    ),
}
#: The section of the reference each documentation page's names go in, in the order the site teaches them.
_SECTIONS = {
    "asyncio-runner": "Running asyncio code",
    "asyncio-task": "Coroutines and tasks",
    "asyncio-graph": "Coroutines and tasks",
    "asyncio-sync": "Synchronisation",
    "asyncio-queue": "Queues",
    "asyncio-subprocess": "Subprocesses",
    "asyncio-stream": "Streams",
    "asyncio-eventloop": "The event loop",
    "asyncio-policy": "The event loop",
    "asyncio-future": "Futures",
    "asyncio-exceptions": "Exceptions",
    "asyncio": "Other",
}
_ORDER = list(dict.fromkeys(_SECTIONS.values()))

# ---------------------------------------------------------------------------
# asyncio's classes and their members.

#: The classes whose methods the reference lists, by the name the official
#: documentation gives them (the event loop's methods are ``loop.NAME`` there).
CLASSES: dict[str, type] = {
    "Task": asyncio.Task,
    "Future": asyncio.Future,
    "Queue": asyncio.Queue,
    "Lock": asyncio.Lock,
    "Event": asyncio.Event,
    "Condition": asyncio.Condition,
    "Semaphore": asyncio.Semaphore,
    "Barrier": asyncio.Barrier,
    "StreamReader": asyncio.StreamReader,
    "StreamWriter": asyncio.StreamWriter,
    "Server": asyncio.Server,
    "loop": asyncio.AbstractEventLoop,
    "Process": asyncio.subprocess.Process,
    "TaskGroup": asyncio.TaskGroup,
    "Runner": asyncio.Runner,
    "Timeout": asyncio.Timeout,
    "Handle": asyncio.Handle,
    "TimerHandle": asyncio.TimerHandle,
}
#: Kinds documented with their base class's methods: a PriorityQueue's get() is Queue.get().
_KINDS = {"PriorityQueue": "Queue", "LifoQueue": "Queue", "BoundedSemaphore": "Semaphore"}
#: Members that the build's Python (3.11) cannot show: newer ones, and attributes
#: set on the instance.  Attributes (not methods) are listed in _ATTRIBUTES too.
_MORE_MEMBERS = {
    "Task": {"get_context"},  # 3.12
    "Handle": {"get_context"},  # 3.12
    "TimerHandle": {"get_context"},  # 3.12
    "Queue": {"shutdown"},  # 3.13
    "Server": {"close_clients", "abort_clients"},  # 3.13
    "TaskGroup": {"cancel"},  # 3.15
    "Process": {"pid", "stdin", "stdout", "stderr"},
}
_ATTRIBUTES = {"Process": {"pid", "stdin", "stdout", "stderr"}}
#: Members of Task that its documentation leaves to Future's (a task's result is
#: set by its coroutine, not by set_result()).
_TASK_USES_FUTURE_DOCS = {"set_result", "set_exception", "get_loop"}
#: Class -> its documentation page, for its members.
_CLASS_PAGES = {
    "Task": "asyncio-task",
    "TaskGroup": "asyncio-task",
    "Timeout": "asyncio-task",
    "Future": "asyncio-future",
    "Queue": "asyncio-queue",
    "Lock": "asyncio-sync",
    "Event": "asyncio-sync",
    "Condition": "asyncio-sync",
    "Semaphore": "asyncio-sync",
    "Barrier": "asyncio-sync",
    "StreamReader": "asyncio-stream",
    "StreamWriter": "asyncio-stream",
    "Server": "asyncio-eventloop",
    "loop": "asyncio-eventloop",
    "Handle": "asyncio-eventloop",
    "TimerHandle": "asyncio-eventloop",
    "Process": "asyncio-subprocess",
    "Runner": "asyncio-runner",
}
#: Class -> the prefix of its members' anchors in the official documentation.
_ANCHOR_PREFIXES = {"loop": "asyncio.loop", "Process": "asyncio.subprocess.Process"}


def _public_members(cls: type) -> set[str]:
    return {name for name in dir(cls) if not name.startswith("_")}


@functools.cache
def members(cls_name: str) -> frozenset[str]:
    """The public methods and attributes of an asyncio class, on any Python the site runs."""
    cls_name = _KINDS.get(cls_name, cls_name)
    return frozenset(_public_members(CLASSES[cls_name]) | _MORE_MEMBERS.get(cls_name, set()))


def documented_name(cls_name: str, member: str) -> str:
    """The name the reference gives a member: ``Task.cancel``, ``loop.call_soon``, ``Queue.get``."""
    cls_name = _KINDS.get(cls_name, cls_name)
    if cls_name == "Task" and member in _TASK_USES_FUTURE_DOCS:
        cls_name = "Future"
    if cls_name == "TimerHandle" and member != "when":  # the rest is documented on Handle, its base
        cls_name = "Handle"
    return f"{cls_name}.{member}"


#: Types that are not asyncio's but have methods named like asyncio's (a file's
#: read(), a thread's join(), a coroutine's close(), a string's join()...):
#: a member they have too is never taken for asyncio's without knowing the receiver.
_COMMON_TYPES: tuple[type, ...] = (
    object,
    str,
    bytes,
    bytearray,
    list,
    dict,
    set,
    frozenset,
    tuple,
    int,
    float,
    io.TextIOWrapper,
    io.BufferedReader,
    io.BufferedWriter,
    io.BytesIO,
    io.StringIO,
    threading.Thread,
    threading.Event,
    type(threading.Lock()),
    type(threading.RLock()),
    threading.Condition,
    threading.Semaphore,
    threading.Barrier,
    threading.Timer,
    queue.Queue,
    concurrent.futures.Future,
    concurrent.futures.ThreadPoolExecutor,
    concurrent.futures.ProcessPoolExecutor,
    subprocess.Popen,
    socket.socket,
    # asyncio's transports and protocols are not in the reference: their methods (get_extra_info,
    # close...) must not be taken for a stream's when the receiver cannot be told.
    asyncio.BaseTransport,
    asyncio.Transport,
    asyncio.DatagramTransport,
    asyncio.SubprocessTransport,
    asyncio.BaseProtocol,
    types.CoroutineType,
    types.GeneratorType,
    types.AsyncGeneratorType,
    contextlib.ExitStack,
    contextlib.AsyncExitStack,
    unittest.TestCase,
    unittest.IsolatedAsyncioTestCase,
    logging.Logger,
)


@functools.cache
def _distinctive() -> dict[str, str]:
    """Member name -> its class, for names that only one asyncio class has and no common type has."""
    owners: dict[str, set[str]] = defaultdict(set)
    for cls_name in CLASSES:
        for member in members(cls_name):
            owners[member].add(cls_name)
    common = set().union(*(_public_members(t) for t in _COMMON_TYPES))
    return {member: next(iter(found)) for member, found in owners.items() if len(found) == 1 and member not in common}


@functools.cache
def _all_members() -> frozenset[str]:
    return frozenset().union(*(members(cls_name) for cls_name in CLASSES))


# ---------------------------------------------------------------------------
# Telling the class of an expression.
#
# A type, as far as the code tells, is one of:
#   "Task", "loop", "PriorityQueue"...  an instance of a class of CLASSES (or a kind of _KINDS);
#   Maker("Queue")                      an asyncio class itself (calling it makes a "Queue");
#   AsyncioFunction("gather")           an asyncio function;
#   Module("asyncio")                   a module;
#   Method("TaskGroup", "create_task")  a method of an asyncio object, as a value (tg.create_task);
#   Items(t) / Tuple((t1, t2))          a collection whose items have type t / a tuple;
#   Mapping(t)                          a dict whose values have type t;
#   Function(...)                       a function the program defines;
#   FOREIGN                             anything that is not asyncio's: a string, a file, a thread,
#                                       a coroutine object, an instance of the program's own class;
#   COROUTINE                           a coroutine object (FOREIGN, but asyncio.ensure_future() makes a Task of it);
#   UNKNOWN                             nothing the code tells;
#   PENDING                             a name whose type is being worked out (a cycle, like
#                                       ``pending = wait(pending)``): it tells nothing, and agrees with anything.

FOREIGN = "<not asyncio>"
COROUTINE = "<a coroutine object>"
UNKNOWN = None
PENDING = "<being worked out>"
#: The type of a class the program defines (calling it makes a FOREIGN object).
PROGRAM_CLASS = "<a class of the program>"


@dataclasses.dataclass(frozen=True)
class Maker:
    cls_name: str


@dataclasses.dataclass(frozen=True)
class AsyncioFunction:
    name: str


@dataclasses.dataclass(frozen=True)
class Module:
    name: str


@dataclasses.dataclass(frozen=True)
class Method:
    cls_name: str  # a method of a class of CLASSES, not called yet: tg.create_task
    name: str


@dataclasses.dataclass(frozen=True)
class Items:
    item: Type


@dataclasses.dataclass(frozen=True)
class Tuple:
    items: tuple[Type, ...]


@dataclasses.dataclass(frozen=True)
class Mapping:
    value: Type


@dataclasses.dataclass(frozen=True)
class Function:
    node: ast.AST  # its def (or lambda)
    is_async: bool  # calling it makes a coroutine object


Type = Union[str, Maker, AsyncioFunction, Module, Method, Items, Tuple, Mapping, Function, None]

#: asyncio functions -> the type of what they return.
_RETURNS: dict[str, Type] = {
    "create_task": "Task",
    "current_task": "Task",
    "all_tasks": Items("Task"),
    "get_running_loop": "loop",
    "get_event_loop": "loop",
    "new_event_loop": "loop",
    "timeout": "Timeout",
    "timeout_at": "Timeout",
    "wrap_future": "Future",
    "run_coroutine_threadsafe": FOREIGN,  # a concurrent.futures.Future
}
#: asyncio coroutine functions -> the type of what awaiting their call gives.
_AWAITED: dict[str, Type] = {
    "open_connection": Tuple(("StreamReader", "StreamWriter")),
    "open_unix_connection": Tuple(("StreamReader", "StreamWriter")),
    "start_server": "Server",
    "start_unix_server": "Server",
    "create_subprocess_exec": "Process",
    "create_subprocess_shell": "Process",
}
#: (class, method) -> the type of what the method returns.
_METHOD_RETURNS: dict[tuple[str, str], Type] = {
    ("TaskGroup", "create_task"): "Task",
    ("loop", "create_task"): "Task",
    ("loop", "create_future"): "Future",
    ("loop", "run_in_executor"): "Future",
    ("loop", "call_soon"): "Handle",
    ("loop", "call_soon_threadsafe"): "Handle",
    ("loop", "call_later"): "TimerHandle",
    ("loop", "call_at"): "TimerHandle",
    ("Runner", "get_loop"): "loop",
    ("Task", "get_loop"): "loop",
    ("Future", "get_loop"): "loop",
    ("Server", "get_loop"): "loop",
}
#: (class, method) -> the type of what awaiting the method's call gives.
_METHOD_AWAITED: dict[tuple[str, str], Type] = {("loop", "create_server"): "Server"}
#: (class, attribute) -> its type.
_ATTRIBUTE_TYPES: dict[tuple[str, str], Type] = {
    ("Process", "stdout"): "StreamReader",
    ("Process", "stderr"): "StreamReader",
    ("Process", "stdin"): "StreamWriter",
}
#: The classes whose `with X as name` / `async with X as name` binds X itself (the others bind None).
_ENTERED_AS_ITSELF = {"TaskGroup", "Timeout", "Runner", "Server"}
#: The names a parameter conventionally has when it holds an asyncio object.
CONVENTIONAL_NAMES = {
    "task": "Task",
    "future": "Future",
    "fut": "Future",
    "queue": "Queue",
    "lock": "Lock",
    "event": "Event",
    "condition": "Condition",
    "semaphore": "Semaphore",
    "sem": "Semaphore",
    "barrier": "Barrier",
    "reader": "StreamReader",
    "writer": "StreamWriter",
    "server": "Server",
    "loop": "loop",
    "proc": "Process",
    "process": "Process",
    "tg": "TaskGroup",
    "group": "TaskGroup",
    "task_group": "TaskGroup",
    "runner": "Runner",
}
#: Builtins that make a collection of their argument's items.
_COLLECTING = {"list", "set", "frozenset", "tuple", "sorted", "reversed", "iter"}
#: Builtins whose result can be anything (the others make strings, numbers, files...: never asyncio's).
_ANY_BUILTINS = {
    "super",
    "getattr",
    "next",
    "anext",
    "max",
    "min",
    "type",
    "vars",
    "eval",
    "globals",
    "locals",
    "__import__",
}
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _asyncio_class(kind: Type) -> str | None:
    """The class of CLASSES a type is an instance of (a queue kind counts as a Queue), if it is one."""
    if isinstance(kind, str) and (kind in CLASSES or kind in _KINDS):
        return _KINDS.get(kind, kind)
    return None


def _family(kind: Type) -> Type:
    """Kinds of one class agree: a LifoQueue and a PriorityQueue are both Queues."""
    if isinstance(kind, str) and kind in _KINDS:
        return _KINDS[kind]
    if isinstance(kind, Maker) and kind.cls_name in _KINDS:
        return Maker(_KINDS[kind.cls_name])
    return FOREIGN if kind == COROUTINE else kind


def _unify(found: Iterable[Type]) -> Type:
    """One type for several: what they agree on (PENDING agrees with anything), or UNKNOWN."""
    kinds = {kind for kind in found if kind != PENDING}
    if not kinds:
        return PENDING
    if len(kinds) > 1:
        kinds = {_family(kind) for kind in kinds}
    if len(kinds) == 1:
        return kinds.pop()
    if all(isinstance(kind, Items) for kind in kinds):
        return Items(_unify(kind.item for kind in kinds))  # type: ignore[union-attr]
    if all(isinstance(kind, Mapping) for kind in kinds):
        return Mapping(_unify(kind.value for kind in kinds))  # type: ignore[union-attr]
    sizes = {len(kind.items) if isinstance(kind, Tuple) else -1 for kind in kinds}
    if len(sizes) == 1 and sizes != {-1}:
        return Tuple(tuple(_unify(items) for items in zip(*(kind.items for kind in kinds))))  # type: ignore[union-attr]
    return UNKNOWN


def _item(container: Type) -> Type:
    """The type of the items of a collection."""
    if isinstance(container, Items):
        return container.item
    if isinstance(container, Tuple):
        return _unify(container.items)
    return PENDING if container == PENDING else UNKNOWN


@dataclasses.dataclass
class _Binding:
    """One way a scope gives a name a value."""

    kind: str  # value, awaited, for, async for, with, param, import, def, item added, foreign, unknown
    node: ast.AST | None = None
    path: tuple[int, ...] = ()  # for tuple targets (a, b = ...): the position of the name
    extra: object = None


class _Program:
    """One program's scopes, its names' bindings, and the types they tell."""

    def __init__(self, tree: ast.Module) -> None:
        self.tree = tree
        self.scope_of: dict[int, ast.AST] = {}  # id(node) -> the scope it is in
        self.parent_scope: dict[int, ast.AST | None] = {id(tree): None}
        self.bindings: dict[int, dict[str, list[_Binding]]] = defaultdict(lambda: defaultdict(list))
        self.globals_of: dict[int, set[str]] = defaultdict(set)
        self.calls_by_name: dict[str, list[ast.Call]] = defaultdict(list)
        self.additions: dict[str, list[tuple[ast.AST, _Binding]]] = defaultdict(list)
        self._in_progress: set[tuple[int, str]] = set()
        self._visit(tree, tree)

    # -- scopes and bindings -------------------------------------------------

    def _visit(self, node: ast.AST, scope: ast.AST) -> None:
        self.scope_of[id(node)] = scope
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            if not isinstance(node, ast.Lambda):
                self._bind(scope, node.name, _Binding("def", node))
                for child in [*node.decorator_list, *([node.returns] if node.returns else [])]:
                    self._visit(child, scope)
            args = node.args
            for default in [*args.defaults, *(d for d in args.kw_defaults if d is not None)]:
                self._visit(default, scope)
            self.parent_scope[id(node)] = scope
            every = [*args.posonlyargs, *args.args, args.vararg, *args.kwonlyargs, args.kwarg]
            for arg in every:
                if arg is not None:
                    if arg.annotation is not None:
                        self._visit(arg.annotation, scope)
                    self._bind(node, arg.arg, _Binding("param", arg, extra=node))
            for child in node.body if isinstance(node.body, list) else [node.body]:
                self._visit(child, node)
            return
        if isinstance(node, ast.ClassDef):
            self._bind(scope, node.name, _Binding("def", node))
            for child in [*node.decorator_list, *node.bases, *node.keywords]:
                self._visit(child, scope)
            self.parent_scope[id(node)] = scope
            for child in node.body:
                self._visit(child, node)
            return
        if isinstance(node, _COMPREHENSIONS):
            self.parent_scope[id(node)] = scope
            for generator in node.generators:
                kind = "async for" if generator.is_async else "for"
                self._target(node, generator.target, _Binding(kind, generator.iter))
                for child in [generator.target, generator.iter, *generator.ifs]:
                    self._visit(child, node)
            for field in ("elt", "key", "value"):
                child = getattr(node, field, None)
                if child is not None:
                    self._visit(child, node)
            return
        if isinstance(node, ast.Assign):
            for target in node.targets:
                self._target(scope, target, self._value_binding(node.value))
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            self._target(scope, node.target, self._value_binding(node.value))
        elif isinstance(node, ast.AugAssign):
            self._target(scope, node.target, _Binding("foreign"))
        elif isinstance(node, ast.NamedExpr):
            self._target(scope, node.target, self._value_binding(node.value))
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            kind = "async for" if isinstance(node, ast.AsyncFor) else "for"
            self._target(scope, node.target, _Binding(kind, node.iter))
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if item.optional_vars is not None:
                    self._target(scope, item.optional_vars, _Binding("with", item.context_expr))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                if alias.name == "*":
                    continue
                if isinstance(node, ast.ImportFrom):
                    bound, module = alias.asname or alias.name, f"{node.module}.{alias.name}"
                elif alias.asname:
                    bound, module = alias.asname, alias.name
                else:  # import asyncio.subprocess binds asyncio
                    bound = module = alias.name.split(".")[0]
                self._bind(scope, bound, _Binding("import", extra=module))
        elif isinstance(node, ast.ExceptHandler) and node.name:
            self._bind(scope, node.name, _Binding("foreign"))
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            self.globals_of[id(scope)].update(node.names)
        elif isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name):
                self.calls_by_name[node.func.id].append(node)
            elif (  # tasks.append(task): the list holds what is added to it
                isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.attr in ("append", "add")
                and len(node.args) == 1
            ):
                self._bind(scope, node.func.value.id, _Binding("item added", node.args[0]), only_if_bound=True)
        for child in ast.iter_child_nodes(node):
            self._visit(child, scope)

    def _value_binding(self, value: ast.AST) -> _Binding:
        if isinstance(value, ast.Await):
            return _Binding("awaited", value.value)
        return _Binding("value", value)

    def _target(self, scope: ast.AST, target: ast.AST, binding: _Binding) -> None:
        if isinstance(target, ast.Name):
            self._bind(scope, target.id, binding)
        elif isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
            # state["task"] = task: the dict holds what is stored in it
            self._bind(
                scope, target.value.id, dataclasses.replace(binding, kind=f"stored {binding.kind}"), only_if_bound=True
            )
        elif isinstance(target, (ast.Tuple, ast.List)):
            for position, element in enumerate(target.elts):
                if isinstance(element, ast.Starred):  # first, *rest = ...: rest is a list of what?
                    self._target(scope, element.value, _Binding("unknown"))
                else:
                    self._target(scope, element, dataclasses.replace(binding, path=(*binding.path, position)))

    def _bind(self, scope: ast.AST, name: str, binding: _Binding, only_if_bound: bool = False) -> None:
        """Record a binding; ``only_if_bound``: one that adds to a name bound elsewhere (a list's append)."""
        if only_if_bound:  # resolved where the name is bound, whichever scope that is
            self.additions[name].append((scope, binding))
            return
        self.bindings[id(scope)][name].append(binding)

    def _binding_scope(self, name: str, scope: ast.AST | None) -> ast.AST | None:
        """The scope whose binding of ``name`` a use in ``scope`` sees."""
        first = scope
        while scope is not None:
            if name in self.globals_of[id(scope)]:
                scope = self.tree
            # a class body's names are not seen from the functions inside it
            if name in self.bindings[id(scope)] and not (isinstance(scope, ast.ClassDef) and scope is not first):
                return scope
            scope = self.parent_scope.get(id(scope))
        return None

    # -- types ----------------------------------------------------------------

    def name_type(self, name: str, scope: ast.AST) -> Type:
        """The type of a name used in ``scope``: what all its bindings agree on."""
        where = self._binding_scope(name, scope)
        if where is None:
            return FOREIGN if hasattr(builtins, name) else UNKNOWN
        key = (id(where), name)
        if key in self._in_progress:
            return PENDING
        self._in_progress.add(key)
        try:
            found = [self._binding_type(binding, where) for binding in self.bindings[id(where)][name]]
            for added_in, binding in self.additions.get(name, []):
                if self._binding_scope(name, added_in) is where:
                    found.append(self._binding_type(binding, added_in))
            return _unify(found)
        finally:
            self._in_progress.discard(key)

    def _binding_type(self, binding: _Binding, scope: ast.AST) -> Type:
        kind, node = binding.kind, binding.node
        if kind in ("foreign", "stored foreign"):  # x += 1, d[k] += 1, except ... as x
            return Mapping(FOREIGN) if kind == "stored foreign" else FOREIGN
        if kind == "import":
            module = str(binding.extra)
            if module.startswith("asyncio.") and module.count(".") == 1:
                return self._asyncio_attribute(module.removeprefix("asyncio."))
            return Module(module)
        if kind == "def":
            if isinstance(node, ast.ClassDef):
                return PROGRAM_CLASS
            return Function(node, isinstance(node, ast.AsyncFunctionDef))  # type: ignore[arg-type]
        if kind == "param":
            return self._param_type(node, binding.extra)  # type: ignore[arg-type]
        if node is None:  # first, *rest = ...: what rest holds is not known
            return UNKNOWN
        stored = kind.startswith("stored ")
        kind = kind.removeprefix("stored ")
        if kind == "value":
            found = self.type_of(node, scope)
        elif kind == "awaited":
            found = self.awaited_type(node, scope)
        elif kind in ("for", "async for"):
            found = self._iterated(node, scope, kind == "async for")
        elif kind == "with":
            entered = self.type_of(node, scope)
            found = entered if entered in _ENTERED_AS_ITSELF else (FOREIGN if entered == FOREIGN else UNKNOWN)
        elif kind == "item added":
            return Items(self.type_of(node, scope))
        else:
            return UNKNOWN
        for position in binding.path:
            if isinstance(found, Tuple) and position < len(found.items):
                found = found.items[position]
            else:
                found = _item(found)
        return Mapping(found) if stored else found

    def _param_type(self, arg: ast.arg, function: ast.AST) -> Type:
        """A parameter's type: from its annotation, its callers' arguments, or its conventional name."""
        if arg.annotation is not None:  # queue: asyncio.Queue
            annotated = self.type_of(arg.annotation, function)
            if isinstance(annotated, Maker):
                return annotated.cls_name
            return FOREIGN if annotated in (FOREIGN, PROGRAM_CLASS) else UNKNOWN
        owner = self.parent_scope.get(id(function))
        args = function.args  # type: ignore[attr-defined]
        positional = [*args.posonlyargs, *args.args]
        if isinstance(owner, ast.ClassDef):
            if positional and arg is positional[0]:  # self: an asyncio class's only if the class derives from one
                bases = [self.type_of(base, owner) for base in owner.bases]
                return next((base.cls_name for base in bases if isinstance(base, Maker)), FOREIGN)
        elif not isinstance(function, ast.Lambda):
            from_callers = self._argument_type(arg, function, positional)
            if from_callers not in (UNKNOWN, PENDING):
                return from_callers
        return CONVENTIONAL_NAMES.get(arg.arg, UNKNOWN)

    def _argument_type(self, arg: ast.arg, function: ast.AST, positional: list[ast.arg]) -> Type:
        """What the program's calls of a function pass for one of its parameters (all of them must agree)."""
        name = function.name  # type: ignore[attr-defined]
        found = []
        for call in self.calls_by_name.get(name, []):
            scope = self.scope_of[id(call)]
            if self._binding_scope(name, scope) is not self.parent_scope.get(id(function)):
                continue  # another function of that name
            if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
                return UNKNOWN
            passed = next((k.value for k in call.keywords if k.arg == arg.arg), None)
            if passed is None and arg in positional and positional.index(arg) < len(call.args):
                passed = call.args[positional.index(arg)]
            if passed is None:
                return UNKNOWN  # its default, or *args
            found.append(self.type_of(passed, scope))
        return _unify(found) if found else UNKNOWN

    def _asyncio_attribute(self, name: str) -> Type:
        """What ``asyncio.NAME`` is."""
        value = getattr(asyncio, name, None)
        if inspect.ismodule(value):
            return Module(f"asyncio.{name}")
        if name in CLASSES or name in _KINDS:
            return Maker(name)
        return AsyncioFunction(name)

    def type_of(self, node: ast.AST, scope: ast.AST) -> Type:
        """The type of an expression's value."""
        if isinstance(node, ast.Name):
            return self.name_type(node.id, self.scope_of.get(id(node), scope))
        if isinstance(node, ast.Attribute):
            owner = self.type_of(node.value, scope)
            if isinstance(owner, Module):
                if owner.name == "asyncio":
                    return self._asyncio_attribute(node.attr)
                if owner.name == "asyncio.subprocess" and node.attr == "Process":
                    return Maker("Process")
                return FOREIGN if not owner.name.startswith("asyncio") else UNKNOWN
            if owner in (FOREIGN, COROUTINE):
                return FOREIGN
            cls_name = _asyncio_class(owner)
            if cls_name and (cls_name, node.attr) in _ATTRIBUTE_TYPES:
                return _ATTRIBUTE_TYPES[cls_name, node.attr]
            if cls_name and node.attr in members(cls_name):
                return Method(cls_name, node.attr)
            return UNKNOWN
        if isinstance(node, ast.Call):
            return self._call_type(node, scope)
        if isinstance(node, (ast.Constant, ast.JoinedStr, ast.Compare)):
            return FOREIGN
        if isinstance(node, (ast.List, ast.Set)):
            return Items(_unify(self.type_of(element, scope) for element in node.elts))
        if isinstance(node, ast.Tuple):
            return Tuple(tuple(self.type_of(element, scope) for element in node.elts))
        if isinstance(node, ast.Dict):
            return Mapping(_unify(self.type_of(value, scope) for value in node.values))
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp)):
            return Items(self.type_of(node.elt, node))
        if isinstance(node, ast.DictComp):
            return Mapping(self.type_of(node.value, node))
        if isinstance(node, ast.Subscript):
            container = self.type_of(node.value, scope)
            if isinstance(node.slice, ast.Slice):
                return container if isinstance(container, Items) else UNKNOWN
            index = node.slice.value if isinstance(node.slice, ast.Constant) else None
            if (
                isinstance(container, Tuple)
                and isinstance(index, int)
                and -len(container.items) <= index < len(container.items)
            ):
                return container.items[index]
            if isinstance(container, Mapping):
                return container.value
            return _item(container) if isinstance(container, (Items, Tuple)) else UNKNOWN
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.BitOr, ast.BitAnd)):
            left = self.type_of(node.left, scope)
            if isinstance(left, Items):  # tasks - {current}, done | pending
                right = self.type_of(node.right, scope)
                return left if isinstance(node.op, ast.Sub) else _unify([left, right])
            return FOREIGN if left == FOREIGN else UNKNOWN
        if isinstance(node, ast.IfExp):
            return _unify([self.type_of(node.body, scope), self.type_of(node.orelse, scope)])
        if isinstance(node, ast.NamedExpr):
            return self.type_of(node.value, scope)
        if isinstance(node, ast.Await):
            return self.awaited_type(node.value, scope)
        return UNKNOWN

    def _call_type(self, node: ast.Call, scope: ast.AST) -> Type:
        func = self.type_of(node.func, scope)
        if isinstance(func, Maker):
            return func.cls_name  # asyncio.Queue() makes a Queue
        if isinstance(func, AsyncioFunction):
            if func.name == "ensure_future" and node.args:  # a Task for a coroutine; a task or future as it is
                given = self.type_of(node.args[0], scope)
                return (
                    "Task" if given == COROUTINE else given if _asyncio_class(given) in ("Task", "Future") else UNKNOWN
                )
            return _RETURNS.get(func.name, UNKNOWN)
        if isinstance(func, Method):
            return _METHOD_RETURNS.get((func.cls_name, func.name), UNKNOWN)
        if isinstance(func, Function):
            return COROUTINE if func.is_async else UNKNOWN  # a function of the program returns anything
        if func == PROGRAM_CLASS:
            return FOREIGN  # an instance of a class of the program
        if func == FOREIGN:
            if isinstance(node.func, ast.Name) and hasattr(builtins, node.func.id):
                name = node.func.id
                if name in _COLLECTING and node.args:
                    return Items(self._iterated(node.args[0], scope, False))
                if name == "enumerate" and node.args:
                    return Items(Tuple((FOREIGN, self._iterated(node.args[0], scope, False))))
                if name == "zip":
                    return Items(Tuple(tuple(self._iterated(arg, scope, False) for arg in node.args)))
                if name in ("next", "max", "min") and len(node.args) == 1:
                    return self._iterated(node.args[0], scope, False)
                if name in _ANY_BUILTINS:
                    return UNKNOWN
            return FOREIGN
        if isinstance(node.func, ast.Attribute):
            owner = self.type_of(node.func.value, scope)
            method = node.func.attr
            if isinstance(owner, Items) and method in ("pop", "copy"):
                return owner.item if method == "pop" else owner
            if isinstance(owner, Mapping):
                if method in ("get", "pop", "setdefault"):
                    return owner.value
                if method == "values":
                    return Items(owner.value)
                if method == "items":
                    return Items(Tuple((UNKNOWN, owner.value)))
        return UNKNOWN

    def awaited_type(self, node: ast.AST, scope: ast.AST) -> Type:
        """The type of ``await node``."""
        if isinstance(node, ast.Call):
            func = self.type_of(node.func, scope)
            if isinstance(func, AsyncioFunction):
                if func.name == "wait" and node.args:  # done, pending = await asyncio.wait(tasks)
                    done = Items(self._iterated(node.args[0], scope, False))
                    return Tuple((done, done))
                return _AWAITED.get(func.name, UNKNOWN)
            if isinstance(func, Method):
                return _METHOD_AWAITED.get((func.cls_name, func.name), UNKNOWN)
        return UNKNOWN

    def _iterated(self, node: ast.AST, scope: ast.AST, is_async: bool) -> Type:
        """The type of the items that iterating over ``node`` gives."""
        if isinstance(node, ast.Call) and self.type_of(node.func, scope) == AsyncioFunction("as_completed"):
            # Since 3.13, `async for` over as_completed() gives the tasks (or futures) it was given;
            # a plain `for` gives awaitables to await.
            return self._iterated(node.args[0], scope, False) if is_async and node.args else UNKNOWN
        return _item(self.type_of(node, scope))


@dataclasses.dataclass(frozen=True)
class Uses:
    """What one program uses of asyncio."""

    names: frozenset[str]  # documented names: asyncio.gather, Task.cancel, loop.call_soon...
    called: frozenset[str]  # those of them that the program calls
    undetermined: frozenset[tuple[str, str]]  # (member, receiver): asyncio-like calls whose class cannot be told


@functools.lru_cache(maxsize=1024)  # every build asks again; parsing every snippet costs ~0.1 s
def analyse(source: str) -> Uses:
    """The asyncio names a program uses, and the calls whose class it cannot tell."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # an example of a syntax error uses nothing
        return Uses(frozenset(), frozenset(), frozenset())
    program = _Program(tree)
    found: set[str] = set()
    called: set[str] = set()
    undetermined: set[tuple[str, str]] = set()
    calls = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    for node in ast.walk(tree):
        name = None
        if isinstance(node, ast.ImportFrom) and node.module in ("asyncio", "asyncio.subprocess"):
            for alias in node.names:
                if alias.name != "*" and not inspect.ismodule(getattr(asyncio, alias.name, None)):
                    found.add(f"{node.module}.{alias.name}")
            continue
        if isinstance(node, ast.Attribute) and not node.attr.startswith("_"):
            scope = program.scope_of.get(id(node), tree)
            owner = program.type_of(node.value, scope)
            if isinstance(owner, Module):
                if owner.name == "asyncio" and not inspect.ismodule(getattr(asyncio, node.attr, None)):
                    name = f"asyncio.{node.attr}"
                elif owner.name.startswith("asyncio."):
                    name = f"{owner.name}.{node.attr}"
            elif node.attr in _all_members():
                if _asyncio_class(owner):
                    if node.attr in members(owner):  # type: ignore[arg-type]
                        name = documented_name(owner, node.attr)  # type: ignore[arg-type]
                elif owner in (UNKNOWN, PENDING):
                    distinctive = _distinctive().get(node.attr)
                    if distinctive:
                        name = documented_name(distinctive, node.attr)
                    else:
                        undetermined.add((node.attr, ast.unparse(node.value)))
        if name:
            found.add(name)
            if id(node) in calls:
                called.add(name)
    return Uses(frozenset(found), frozenset(called), frozenset(undetermined))


def used_names(source: str) -> frozenset[str]:
    """The documented asyncio names a program uses, e.g. ``asyncio.gather``, ``Task.cancel``, ``loop.call_soon``."""
    return analyse(source).names


def undetermined(source: str) -> frozenset[tuple[str, str]]:
    """The attribute uses named like an asyncio method whose class the code does not tell: (member, receiver)."""
    return analyse(source).undetermined


# ---------------------------------------------------------------------------
# The descriptions, written by people.

_RELEASE = re.compile(r"3\.\d+(\.\d+)?")


@dataclasses.dataclass(frozen=True)
class Entry:
    """What the reference says of one API (an entry of docs/apis.toml)."""

    name: str
    what: str
    since: str
    deprecated: str | None = None  # the release that deprecated it
    removed: str | None = None  # the release that removed it, or will (after NEWEST: a removal to come)
    instead: str | None = None  # what to use instead, in Markdown
    docs: str | None = None  # the documentation's version to link to, for a removed API: "3.10"


_KEYS = {field.name for field in dataclasses.fields(Entry)} - {"name"}


def read_entries(path: Path) -> tuple[dict[str, Entry], list[str]]:
    """The entries of the data file, and what is wrong with them."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, [f"docs/{DATA} is missing: it holds the cheat sheet's descriptions"]
    except tomllib.TOMLDecodeError as error:
        return {}, [f"docs/{DATA}: {error}"]
    entries: dict[str, Entry] = {}
    problems: list[str] = []
    for name, fields in data.items():
        if not isinstance(fields, dict):
            problems.append(f'docs/{DATA}: {name} must be a table (["{name}"] with what = ..., since = ...)')
            continue
        unknown = set(fields) - _KEYS
        missing = {"what", "since"} - set(fields)
        if unknown or missing:
            problems.append(
                f"docs/{DATA}: [{name!r}] "
                + "; ".join(
                    [f"unknown key {key!r} (known: {', '.join(sorted(_KEYS))})" for key in sorted(unknown)]
                    + [f"needs {key} = ..." for key in sorted(missing)]
                )
            )
            continue
        for key in ("since", "deprecated", "removed", "docs"):
            value = fields.get(key)
            if value is not None and not (isinstance(value, str) and _RELEASE.fullmatch(value)):
                problems.append(f'docs/{DATA}: [{name!r}] {key} = {value!r} is not a release such as "3.11"')
        if (fields.get("deprecated") or fields.get("removed")) and not fields.get("instead"):
            problems.append(
                f"docs/{DATA}: [{name!r}] is deprecated or removed: say what to use instead (instead = ...)"
            )
        entries[name] = Entry(name=name, **fields)
    return entries, problems


# ---------------------------------------------------------------------------
# The reference's Markdown.


def _page(name: str) -> str:
    """The official documentation page of a documented name."""
    if "." in name and not name.startswith("asyncio."):
        return _CLASS_PAGES[name.split(".")[0]]
    if name.startswith("asyncio.subprocess."):
        return "asyncio-subprocess"
    short = name.removeprefix("asyncio.")
    if short in _NAME_PAGES:
        return _NAME_PAGES[short]
    module = getattr(getattr(asyncio, short, None), "__module__", "") or ""
    return _MODULE_PAGES.get(module.rsplit(".", 1)[-1], "asyncio")


def anchor(name: str) -> str:
    """The official documentation's anchor of a documented name."""
    if name.startswith("asyncio."):
        return name
    cls_name, _, member = name.partition(".")
    return f"{_ANCHOR_PREFIXES.get(cls_name, f'asyncio.{cls_name}')}.{member}"


def link(name: str, entry: Entry | None = None) -> str:
    """The address of a name's entry in the official documentation."""
    base = DOCS if entry is None or entry.docs is None else f"https://docs.python.org/{entry.docs}/library/"
    return f"{base}{_page(name)}.html#{anchor(name)}"


def _resolve(name: str) -> object:
    """The object a documented name stands for, in the Python running the build (None if it has none)."""
    if not name.startswith("asyncio."):
        cls_name, _, member = name.partition(".")
        return getattr(CLASSES[cls_name], member, None)
    target: object = asyncio
    for part in name.removeprefix("asyncio.").split("."):
        target = getattr(target, part, None)
    return target


def display(name: str, called: bool = False) -> str:
    """A name as the reference shows it: ``asyncio.gather()``, ``Task.cancel()``, ``asyncio.Queue``, ``Process.returncode``.

    ``called``: whether the examples call it, which tells for a name the build's Python does not have.
    """
    last = name.rsplit(".", 1)[-1]
    cls_name = name.split(".")[0]
    if last[:1].isupper() or last in _ATTRIBUTES.get(cls_name, ()):
        return name  # a class, a constant, an exception, or an attribute
    target = _resolve(name)
    if target is None:  # newer than the build's Python, or removed from it: as the examples use it
        return f"{name}()" if called else name
    if inspect.isclass(target) or isinstance(target, property) or not callable(target):
        return name
    return f"{name}()"


def _title(page: Path) -> str:
    if page.name == "index.md":
        return "Home"
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return page.stem


def _sources(project: Project, snippet: str) -> Iterator[str]:
    """The code of a snippet and of the modules that live with it."""
    path = project.snippets_dir / snippet
    if path.is_file():
        yield path.read_text(encoding="utf-8")
        for companion in programs.companions(path):
            if companion.suffix == ".py":
                yield companion.read_text(encoding="utf-8")


def uses(project: Project) -> tuple[dict[str, dict[Path, int]], set[str]]:
    """Documented name -> page -> how many of its examples use it; and the names some example calls."""
    found: dict[str, dict[Path, int]] = defaultdict(lambda: defaultdict(int))
    called: set[str] = set()
    for fence in project.fences():
        if isinstance(fence, FenceError):
            continue
        page = project.root / fence.page
        names: set[str] = set()
        for source in _sources(project, fence.snippet):
            program = analyse(source)
            names |= program.names
            called |= program.called
        for name in names:
            found[name][page] += 1
    return found, called


def undetermined_uses(project: Project) -> dict[str, set[tuple[str, str]]]:
    """Example -> the asyncio-like calls in it whose class cannot be told (left out of the reference).

    The examples the pages show, as the reference is made of (an exercise's starting point is not one).
    """
    found: dict[str, set[tuple[str, str]]] = {}
    for snippet in sorted({fence.snippet for fence in project.fences() if not isinstance(fence, FenceError)}):
        left = set().union(*(analyse(source).undetermined for source in _sources(project, snippet)))
        if left:
            found[snippet] = left
    return found


def problems(project: Project) -> list[str]:
    """What the build must report: APIs the examples use without a description, descriptions nobody uses, bad entries."""
    entries, found = read_entries(project.docs_dir / DATA)
    used, _ = uses(project)
    for name in sorted(set(used) - set(entries), key=str.lower):
        pages = ", ".join(sorted(project.label(page) for page in used[name]))
        found.append(
            f"cheat sheet: {name} is used by the examples ({pages}) but has no description: "
            f'add ["{name}"] with what = "..." and since = "3.x" to docs/{DATA}'
        )
    for name in sorted(set(entries) - set(used), key=str.lower):
        found.append(f"cheat sheet: docs/{DATA} describes {name}, which no example uses: remove it")
    return found


#: Pages listed under an API before the rest are counted.
MAX_PAGES = 3
#: The newest Python the site runs: a removal after it is still to come.
NEWEST = SUPPORTED[-1]


def _release_key(release: str) -> tuple[int, ...]:
    return tuple(int(part) for part in release.split("."))


def _status(entry: Entry) -> str:
    """The line that marks a deprecated or removed API, with what to use instead."""
    if not (entry.deprecated or entry.removed):
        return ""
    parts = []
    if entry.deprecated:
        parts.append(f"deprecated in {entry.deprecated}")
    if entry.removed:
        to_come = _release_key(entry.removed) > _release_key(NEWEST)
        parts.append(f"{'to be removed' if to_come else 'removed'} in {entry.removed}")
    return f"**{', '.join(parts).capitalize()}**: {entry.instead}"


def _since(entry: Entry) -> str:
    if entry.removed and _release_key(entry.removed) <= _release_key(NEWEST):
        last = _release_key(entry.removed)
        return f"Python {entry.since} to {last[0]}.{last[1] - 1}"
    return f"Python {entry.since}+"


def _pages_line(project: Project, pages: dict[Path, int], leave_out: set[Path]) -> str:
    """The pages that use an API: those that use it most first, at most MAX_PAGES of them."""
    ranked = sorted(
        (page for page in pages if page not in leave_out), key=lambda page: (-pages[page], _title(page).lower())
    )
    if not ranked:
        return ""
    shown = ", ".join(
        f"[{_title(page)}]({page.relative_to(project.docs_dir).as_posix()})" for page in ranked[:MAX_PAGES]
    )
    more = f" and {len(ranked) - MAX_PAGES} more" if len(ranked) > MAX_PAGES else ""
    return f"Used on {shown}{more}."


def table(project: Project, report: bool = True) -> str:
    """The reference's Markdown: a list of APIs for each part of the official documentation.

    Each item is the API's name, linked to its official documentation, the
    Python it needs, its description, a mark if it is deprecated or removed,
    and the pages whose examples use it.  With ``report``, every problem
    (see :func:`problems`) is logged as a warning, which fails the strict build.
    """
    if report:
        for problem in problems(project):
            log.warning(problem)
    entries, _ = read_entries(project.docs_dir / DATA)
    used, called = uses(project)
    # The cheat sheet's own examples (its patterns) are not a page to send the reader to.
    here = {page for page in project.pages() if MARKER in page.read_text(encoding="utf-8")}
    sections: dict[str, list[str]] = defaultdict(list)
    for name in sorted(used, key=lambda n: (n.removeprefix("asyncio.").lower(), n)):
        entry = entries.get(name)
        classes = ".api"
        if entry and entry.removed and _release_key(entry.removed) <= _release_key(NEWEST):
            classes += " .api-removed"
        elif entry and (entry.deprecated or entry.removed):
            classes += " .api-deprecated"
        lines = [f"- [`{display(name, name in called)}`]({link(name, entry)}){{ {classes} }}"]
        if entry:
            lines[0] += f" · {_since(entry)}"
            lines.append(entry.what)
            if _status(entry):
                lines.append(_status(entry))
        pages_line = _pages_line(project, used[name], here)
        if pages_line:
            lines.append(f'<span class="api-pages">{pages_line}</span>')
        sections[_SECTIONS.get(_page(name), "Other")].append("  \n  ".join(lines))
    out = []
    for title in sorted(sections, key=_ORDER.index):
        out += [f"### {title}", "", *sections[title], ""]
    return "\n".join(out)
