"""Exercise solution: an async generator over a paginated API."""
import asyncio
import contextlib
import time

PAGES = [["a", "b", "c"], ["d", "e", "f"], ["g", "h"]]


async def fetch_page(number):
    print(f"  fetching page {number}")
    await asyncio.sleep(0.5)  # a request to the API
    return PAGES[number] if number < len(PAGES) else []  # [] after the last page


async def items():
    number = 0
    while page := await fetch_page(number):  # fetch only when needed
        for item in page:
            yield item
        number += 1


async def main():
    start = time.perf_counter()
    async with contextlib.aclosing(items()) as stream:
        async for item in stream:
            print(item)
            if item == "d":
                break
    print(f"first four items: {time.perf_counter() - start:.2f} s")

    start = time.perf_counter()
    everything = [item async for item in items()]
    print(everything, f"{time.perf_counter() - start:.2f} s")


asyncio.run(main())
