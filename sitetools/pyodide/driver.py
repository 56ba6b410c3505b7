"""Run one snippet inside Pyodide, the way the site's runner runs it in CPython.

The same file runs in Node.js (``run.mjs``, the browser column of the version
matrix) and in the reader's browser (``docs/javascripts/run-in-browser.js``),
so what the matrix checks is what the Run button does.  Pyodide's Python has
no ``python FILE``: this module plays that part.  ``await run(...)`` returns
the exit status ``python FILE`` would have had.

Two modes, because ``asyncio.run()`` can block only where WebAssembly can
switch stacks (JSPI):

* ``asyncio.run``: the snippet runs unchanged, through the site's own
  ``inproc/bootstrap.py`` (bare file names in tracebacks, its own frames cut);
* ``await``: without JSPI, each top-level ``asyncio.run(x)`` becomes
  ``await asyncio.ensure_future(x)`` (``x`` runs as a task, as under
  ``asyncio.run()``; the line numbers stay the same), and the module runs
  with a top-level ``await``.

Either way, the tasks still running when the program ends are cancelled and
awaited, as ``asyncio.run()`` does in CPython, so nothing outlives a run.
"""

import ast
import asyncio
import os
import sys
import traceback

OWN_FILE = __file__ if "__file__" in globals() else "driver.py"


def can_block() -> bool:
    """Whether ``asyncio.run()`` works here (JSPI present)."""
    try:
        from pyodide.ffi import can_run_sync
    except ImportError:
        return False
    return bool(can_run_sync())


async def run(
    name: str, workdir: str, bootstrap: str, mode: str = "auto", record: bool = False
) -> tuple[int, str, str]:
    """Run ``workdir/name`` as ``__main__``; return (exit status, mode used, timeline record).

    With ``record``, what the tasks did is recorded as the site's runner
    records it (``inproc/task_recorder.py``, found beside the bootstrap) and
    returned as JSON, for the page to draw the reader's own timeline; else "".
    """
    os.chdir(workdir)
    if mode == "auto":
        mode = "asyncio.run" if can_block() else "await"
    recorder = None
    if record:
        if os.path.dirname(bootstrap) not in sys.path:
            sys.path.insert(0, os.path.dirname(bootstrap))
        sys.modules.pop("task_recorder", None)  # imported afresh: it notes the run's directory
        import task_recorder

        recorder = task_recorder.install_in_pyodide()
    try:
        if mode == "asyncio.run":
            status = _run_bootstrap(name, bootstrap)
        else:
            status = await _run_with_await(name, workdir)
    finally:
        await _cancel_leftovers()
        sys.stdout.flush()
        sys.stderr.flush()
        timeline = recorder.finish() if recorder is not None else ""
    return status, mode, timeline


def _exit_status(exit: SystemExit) -> int:
    code = exit.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _run_bootstrap(name: str, bootstrap: str) -> int:
    sys.argv = [bootstrap, name, "real"]
    sys.path.insert(0, os.path.dirname(bootstrap))  # the bootstrap replaces sys.path[0] with the working directory
    with open(bootstrap, encoding="utf-8") as handle:
        code = compile(handle.read(), bootstrap, "exec")
    try:
        exec(code, {"__name__": "__main__", "__file__": bootstrap, "__builtins__": __builtins__})
    except SystemExit as exit:
        return _exit_status(exit)
    return 0


class _AwaitInsteadOfRun(ast.NodeTransformer):
    """``asyncio.run(x)`` at the top level of the module becomes ``await asyncio.ensure_future(x)``."""

    def visit_Call(self, node: ast.Call) -> ast.AST:
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "run"
            and isinstance(func.value, ast.Name)
            and func.value.id == "asyncio"
            and len(node.args) == 1
        ):
            # await asyncio.ensure_future(x): x runs as a task, as asyncio.run() runs it (and its timeline shows it)
            ensure = ast.Attribute(value=func.value, attr="ensure_future", ctx=ast.Load())
            call = ast.Call(func=ensure, args=[node.args[0]], keywords=[])
            return ast.copy_location(ast.Await(value=call), node)
        return self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.AST) -> ast.AST:
        return node  # inside a function, leave it alone

    visit_AsyncFunctionDef = visit_ClassDef = visit_Lambda = visit_FunctionDef


async def _run_with_await(name: str, workdir: str) -> int:
    import types

    with open(name, encoding="utf-8") as handle:
        source = handle.read()
    sys.argv = [name]
    module = types.ModuleType("__main__")
    module.__file__ = name
    sys.modules["__main__"] = module
    try:
        tree = _AwaitInsteadOfRun().visit(ast.parse(source, name))
        code = compile(ast.fix_missing_locations(tree), name, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    except SyntaxError as error:
        traceback.print_exception(type(error), error, None)
        return 1
    try:
        result = eval(code, module.__dict__)
        if asyncio.iscoroutine(result):
            await result
    except SystemExit as exit:
        return _exit_status(exit)
    except BaseException as error:
        tb = error.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename == OWN_FILE:
            tb = tb.tb_next
        traceback.print_exception(type(error), error, tb)
        return 1
    return 0


async def _cancel_leftovers() -> None:
    current = asyncio.current_task()
    leftovers = [task for task in asyncio.all_tasks() if task is not current and not task.done()]
    for task in leftovers:
        task.cancel()
    if leftovers:
        await asyncio.gather(*leftovers, return_exceptions=True)
