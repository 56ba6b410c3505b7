"""Python 3.13+: `async for` over as_completed() yields the tasks you passed in."""
import asyncio
import time


async def download(name, seconds):
    await asyncio.sleep(seconds)
    return f"{seconds * 100} kB"  # no name needed: you get the task back


async def main():
    start = time.perf_counter()
    tasks = [
        asyncio.create_task(download(name, seconds), name=name)
        for name, seconds in [("slow.txt", 3), ("fast.txt", 1), ("medium.txt", 2)]
    ]
    async for task in asyncio.as_completed(tasks):
        assert task in tasks  # the very same Task object, already done
        print(f"{time.perf_counter() - start:.2f} s  {task.get_name()}: {task.result()}")


asyncio.run(main())
