"""Exercise solution: follow cr_await to see every coroutine a task is inside."""
import asyncio
import os


def await_chain(task):
    """The coroutines the task is suspended in, outermost first."""
    links = []
    awaitable = task.get_coro()
    while asyncio.iscoroutine(awaitable):
        frame = awaitable.cr_frame
        where = f"{os.path.basename(frame.f_code.co_filename)}:{frame.f_lineno}"
        links.append(f"{awaitable.__qualname__}() at {where}")
        awaitable = awaitable.cr_await  # what this coroutine is waiting on
    return " -> ".join(links)


async def fetch(url):
    await asyncio.sleep(60)  # stands in for a server that never answers


async def crawl(urls):
    for url in urls:
        await fetch(url)


async def heartbeat():
    while True:
        await asyncio.sleep(0.3)


async def main():
    tasks = [
        asyncio.create_task(crawl(["/a", "/b"]), name="crawler"),
        asyncio.create_task(heartbeat(), name="heartbeat"),
    ]
    await asyncio.sleep(1)
    others = asyncio.all_tasks() - {asyncio.current_task()}
    for task in sorted(others, key=lambda task: task.get_name()):
        print(f"{task.get_name()}: {await_chain(task)}")
    for task in tasks:  # only our own: in a browser, one more task is running this program
        task.cancel()


asyncio.run(main())
