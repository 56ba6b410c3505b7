"""Exercise solution: crawl a small site with three workers, each page once."""
import asyncio
import time

SITE = {  # page -> the links on it
    "/": ["/a", "/b", "/c"],
    "/a": ["/a/1", "/a/2", "/"],
    "/b": ["/b/1", "/a"],
    "/c": [],
    "/a/1": ["/"],
    "/a/2": [],
    "/b/1": ["/c"],
}


async def fetch(page):
    await asyncio.sleep(0.5)  # a network request
    return SITE[page]


async def worker(queue, seen):
    while True:
        page = await queue.get()
        for link in await fetch(page):
            if link not in seen:
                seen.add(link)
                queue.put_nowait(link)  # new work goes in before...
        queue.task_done()  # ...this page counts as done


async def main():
    start = time.perf_counter()
    queue, seen = asyncio.Queue(), {"/"}
    queue.put_nowait("/")
    workers = [asyncio.create_task(worker(queue, seen)) for _ in range(3)]
    await queue.join()
    for task in workers:
        task.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    print(f"crawled {len(seen)} pages in {time.perf_counter() - start:.2f} s")
    print(sorted(seen))


asyncio.run(main())
