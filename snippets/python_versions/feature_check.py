"""Which asyncio features does the Python running this file have?

Written without f-strings or `async` syntax, so that even old interpreters
can run it and report what they lack.
"""
import asyncio
import importlib.util
import sys

FEATURES = [
    # (what to look for, Python version that added it, is it there?)
    ("asyncio.run()", "3.7", hasattr(asyncio, "run")),
    ("asyncio.create_task()", "3.7", hasattr(asyncio, "create_task")),
    ("python -m asyncio (REPL)", "3.8",
     importlib.util.find_spec("asyncio.__main__") is not None),
    ("asyncio.to_thread()", "3.9", hasattr(asyncio, "to_thread")),
    ("asyncio.TaskGroup", "3.11", hasattr(asyncio, "TaskGroup")),
    ("asyncio.timeout()", "3.11", hasattr(asyncio, "timeout")),
    ("asyncio.eager_task_factory", "3.12",
     hasattr(asyncio, "eager_task_factory")),
    ("asyncio.Queue.shutdown()", "3.13", hasattr(asyncio.Queue, "shutdown")),
    ("asyncio.capture_call_graph()", "3.14",
     hasattr(asyncio, "capture_call_graph")),
]

print("Python %d.%d" % sys.version_info[:2])
print("%-30s %-6s %s" % ("feature", "since", "here?"))
for name, since, present in FEATURES:
    print("%-30s %-6s %s" % (name, since, "yes" if present else "no"))

if hasattr(asyncio, "run"):
    print("This Python can run the examples on this site.")
else:
    print("This Python is too old for the examples on this site (3.7+).")
