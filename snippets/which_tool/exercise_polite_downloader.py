"""Solution: at most two downloads at a time, 1.5 s each at most, all reported."""
import asyncio
import time

SECONDS = {"a.zip": 1, "b.zip": 2, "c.zip": 0.4, "d.zip": 1, "e.zip": 3, "f.zip": 0.4}


async def download(name, limit, start):
    async with limit:  # the clock for the timeout starts once we have a slot
        try:
            async with asyncio.timeout(1.5):
                await asyncio.sleep(SECONDS[name])  # the transfer
        except TimeoutError:  # handled here, so the TaskGroup goes on
            print(f"{time.perf_counter() - start:.2f} s  {name} timed out")
            return False
    print(f"{time.perf_counter() - start:.2f} s  {name} ok")
    return True


async def main():
    start = time.perf_counter()
    limit = asyncio.Semaphore(2)
    async with asyncio.TaskGroup() as group:
        tasks = {name: group.create_task(download(name, limit, start)) for name in SECONDS}
    ok = [name for name, task in tasks.items() if task.result()]
    failed = [name for name, task in tasks.items() if not task.result()]
    print(f"ok: {ok}, timed out: {failed}, took {time.perf_counter() - start:.2f} s")


asyncio.run(main())
