"""The cheat sheet is generated from what the examples really use."""

from __future__ import annotations

from pathlib import Path

from sitetools.apis import table, used_names
from tests.sites import fence, make_site

PROGRAM = """
import asyncio
from asyncio import TaskGroup

async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(1, print, "later")
    task = asyncio.create_task(asyncio.sleep(1))
    task.add_done_callback(print)
    d = {}
    d.get("not asyncio")
    await task

asyncio.run(main())
"""


def test_used_names_finds_module_functions_imports_and_asyncio_only_methods() -> None:
    assert used_names(PROGRAM) == {
        "TaskGroup",
        "get_running_loop",
        "loop.call_later",
        "create_task",
        "sleep",
        "Task.add_done_callback",
        "run",
    }


def test_the_table_links_the_official_reference_and_the_pages(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"tasks.md": "# Tasks\n\n" + fence("tasks/demo.py")}, {"tasks/demo.py": PROGRAM})
    from sitetools.project import Project

    text = table(Project.at(root))
    assert "## Running asyncio code" in text and text.index("## Running asyncio code") < text.index("## The event loop")
    row = next(line for line in text.splitlines() if "create_task()" in line)
    assert "(https://docs.python.org/3/library/asyncio-task.html#asyncio.create_task)" in row
    assert row.endswith("| [Tasks](tasks.md) |")
    assert (
        "[`loop.call_later()`](https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.call_later) | Arrange for a callback"
        in text
    )
