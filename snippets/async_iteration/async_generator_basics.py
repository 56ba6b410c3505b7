"""An async generator, consumed with async for, an async comprehension and anext()."""
import asyncio
import time

START = time.perf_counter()


async def ticks(count):
    """Yield 0, 1, 2, ... waiting half a second before each value."""
    for number in range(count):
        await asyncio.sleep(0.5)  # async def + yield: an async generator
        yield number


async def main():
    async for number in ticks(3):
        print(f"{time.perf_counter() - START:.1f} s  async for got {number}")

    squares = [n * n async for n in ticks(3)]
    print(f"{time.perf_counter() - START:.1f} s  comprehension: {squares}")

    numbers = aiter(ticks(2))  # the same as ticks(2).__aiter__()
    print("anext:", await anext(numbers))  # one value, by hand
    print("anext:", await anext(numbers))
    print("anext:", await anext(numbers, "no more"))  # default when exhausted


asyncio.run(main())
