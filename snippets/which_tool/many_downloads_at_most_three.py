"""Many downloads at once, at most three at a time: TaskGroup + Semaphore."""
import asyncio
import time


async def download(url, limit, start):
    async with limit:  # waits while three downloads hold the semaphore
        print(f"{time.perf_counter() - start:.2f} s  start {url}")
        await asyncio.sleep(1)  # the transfer
    return f"{url}: 200 OK"


async def main():
    start = time.perf_counter()
    limit = asyncio.Semaphore(3)
    urls = [f"file{n}.zip" for n in range(1, 8)]
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(download(url, limit, start)) for url in urls]
    # The block ended once every task was done. Had one failed, the others
    # would have been cancelled and its exception raised here.
    print([task.result() for task in tasks])
    print(f"took {time.perf_counter() - start:.2f} s")


asyncio.run(main())
