"""Exercise: print the whole chain of coroutines each task is suspended in (see the page)."""
import asyncio
import os


def await_chain(task):
    """The coroutines the task is suspended in, outermost first, joined with " -> "."""
    # Start from task.get_coro(). While asyncio.iscoroutine() says it is a coroutine:
    # add "NAME() at FILE:LINE" (from its cr_frame), then go on to its cr_await.
    return ""


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
    # Print "NAME: CHAIN" for every task except the current one, sorted by name.
    for task in tasks:  # only our own: in a browser, one more task is running this program
        task.cancel()


asyncio.run(main())
