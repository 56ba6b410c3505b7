"""The same two coroutines, awaited one after the other: 3 seconds, not 2."""
import asyncio


async def task1():
    await asyncio.sleep(1)
    print("Task 1 completed")


async def task2():
    await asyncio.sleep(2)
    print("Task 2 completed")


async def main():
    await task1()  # runs task1 to the end, like a function call...
    await task2()  # ...and only then starts task2


asyncio.run(main())
