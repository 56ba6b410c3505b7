"""Python 3.10: the built-ins aiter() and anext(), the async forms of iter() and next()."""
import asyncio


async def countdown(start):
    for number in range(start, 0, -1):
        await asyncio.sleep(0.1)
        yield number


async def main():
    numbers = aiter(countdown(3))
    print("first:", await anext(numbers))
    print("the rest:", [n async for n in numbers])
    print("past the end:", await anext(numbers, "done"))  # a default instead of StopAsyncIteration


asyncio.run(main())
