"""Exercise: crawl a small site with three workers sharing a queue, each page once (see the page)."""
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
    """Forever: take a page from the queue, fetch it, queue its new links, mark the page done."""
    # Think about when to call queue.task_done(): before or after queuing the new links?


async def main():
    start = time.perf_counter()
    # Put "/" on a queue, start three worker tasks, and let queue.join() say when the crawl is over.
    # A set of the pages already queued keeps any page from being queued twice.
    # Then cancel the workers, and print "crawled N pages in T s".
    print(f"nothing crawled yet, after {time.perf_counter() - start:.2f} s")


asyncio.run(main())
