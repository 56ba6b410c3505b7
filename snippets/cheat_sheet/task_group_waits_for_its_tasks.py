"""Python 3.11+: a TaskGroup's tasks run at the same time; the block ends when all are done."""
import asyncio
import time


async def fetch(name, seconds):
    await asyncio.sleep(seconds)  # stands in for a download
    return f"{name} ({seconds} s)"


async def main():
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(fetch("a", 2))
        b = tg.create_task(fetch("b", 1))
    # Here both tasks are done (had one failed, the other would have been cancelled).
    print(a.result(), b.result(), f"after {time.perf_counter() - start:.1f} s")


asyncio.run(main())
