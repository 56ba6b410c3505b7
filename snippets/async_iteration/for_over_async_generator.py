"""A plain for loop cannot consume an async generator."""
import asyncio


async def ticks(count):
    for number in range(count):
        await asyncio.sleep(0.5)
        yield number


async def main():
    for number in ticks(3):  # BUG: should be `async for`
        print(number)


asyncio.run(main())
