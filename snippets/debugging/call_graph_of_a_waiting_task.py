"""Python 3.14+: capture_call_graph() shows every coroutine a task waits in, and which task awaits it."""
import asyncio
import re


async def read_reply(url):
    reply = asyncio.get_running_loop().create_future()
    return await reply  # nobody ever sets it: a server that never answers


async def fetch(url):
    return await read_reply(url)


async def crawl(urls):
    async with asyncio.TaskGroup() as group:
        for url in urls:
            group.create_task(fetch(url), name=f"fetch {url}")


def show(graph, indent=""):
    """Print a FutureCallGraph: its task, the task's frames in this file, and who awaits it."""
    print(f"{indent}{graph.future.get_name()}")
    for entry in graph.call_stack:  # innermost first
        frame = entry.frame
        if frame.f_code.co_filename == __file__:  # leave out asyncio's own frames
            print(f"{indent}  in {frame.f_code.co_qualname}(), line {frame.f_lineno}")
    for awaiter in graph.awaited_by:
        print(f"{indent}  awaited by")
        show(awaiter, indent + "    ")


async def main():
    crawler = asyncio.create_task(crawl(["/a", "/b"]), name="crawler")
    await asyncio.sleep(1)
    fetch_a = next(task for task in asyncio.all_tasks() if task.get_name() == "fetch /a")
    show(asyncio.capture_call_graph(fetch_a))
    print()
    text = asyncio.format_call_graph(fetch_a)  # the text that print_call_graph(fetch_a) prints
    print(re.sub(r"id=0x[0-9a-f]+", "id=0x…", text))  # an id is a memory address, new in every run
    crawler.cancel()


asyncio.run(main())
