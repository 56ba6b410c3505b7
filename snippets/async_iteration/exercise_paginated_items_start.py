"""Exercise: an async generator over a paginated API (see the page)."""
import asyncio
import contextlib
import time

PAGES = [["a", "b", "c"], ["d", "e", "f"], ["g", "h"]]


async def fetch_page(number):
    print(f"  fetching page {number}")
    await asyncio.sleep(0.5)  # a request to the API
    return PAGES[number] if number < len(PAGES) else []  # [] after the last page


# Write items(): an async generator that yields the items one by one, fetching
# page 0, 1, 2, ... only when it needs the next item, until a page is empty.


async def main():
    start = time.perf_counter()
    # 1. Print items with async for until you reach "d", then stop, closing the
    #    generator properly.
    print(f"first four items: {time.perf_counter() - start:.2f} s")

    start = time.perf_counter()
    # 2. Collect all the items into a list with an async comprehension.
    everything = []
    print(everything, f"{time.perf_counter() - start:.2f} s")


asyncio.run(main())
