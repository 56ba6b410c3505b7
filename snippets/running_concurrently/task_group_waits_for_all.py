"""Python 3.11+: a TaskGroup's `async with` block ends when all its tasks are done."""
import asyncio
import time


async def download(name, seconds):
    await asyncio.sleep(seconds)
    print(f"{time.perf_counter() - start:.2f} s  {name} finished")
    return f"{name}: {seconds * 100} kB"


async def main():
    async with asyncio.TaskGroup() as tg:
        slow = tg.create_task(download("slow.txt", 3))
        fast = tg.create_task(download("fast.txt", 1))
        medium = tg.create_task(download("medium.txt", 2))
        print(f"{time.perf_counter() - start:.2f} s  3 tasks started, end of the block")
    # Here, and not before, every task of the group is done.
    print(f"{time.perf_counter() - start:.2f} s  after the block")
    print("   ", slow.result(), "|", fast.result(), "|", medium.result())


start = time.perf_counter()
asyncio.run(main())
