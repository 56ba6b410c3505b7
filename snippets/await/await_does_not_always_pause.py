"""An `await` lets other tasks run only if it really has to wait."""
import asyncio


async def add(a, b):
    return a + b  # finishes at once: never waits for anything


async def other_task():
    print("other task: my turn")


async def main():
    task = asyncio.create_task(other_task())
    total = 0
    for n in range(1000):
        total = await add(total, n)  # 1000 awaits, and none of them waits
    print("main: 1000 awaits done, total", total)
    await asyncio.sleep(0)  # an await that does pause, for a moment
    print("main: back after sleep(0)")
    await task


asyncio.run(main())
