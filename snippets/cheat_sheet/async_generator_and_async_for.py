"""Async iteration: an async generator awaits between values; async for takes them."""
import asyncio


async def ticks(count):
    for n in range(count):
        await asyncio.sleep(1)  # waits without blocking the loop
        yield n


async def main():
    async for n in ticks(2):
        print("tick", n)
    print([n * 10 async for n in ticks(3)])  # an async comprehension


asyncio.run(main())
