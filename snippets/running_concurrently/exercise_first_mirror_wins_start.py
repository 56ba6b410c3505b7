"""Exercise: ask four mirrors at once, and use the first answer that is not an error (see the page)."""
import asyncio
import time

MIRRORS = {"eu": 3, "us": 1, "asia": 2, "backup": 5}  # mirror: seconds to answer


async def fetch(mirror, seconds):
    await asyncio.sleep(seconds)
    if mirror == "us":
        raise ConnectionError(f"{mirror}: connection refused")
    return f"python.tar.xz from {mirror}"


async def main():
    start = time.perf_counter()
    # 1. Start a task for each mirror, all at the same time.
    # 2. As each one finishes: print its error, with the time, or keep its answer and stop waiting.
    # 3. Cancel the mirrors that are still working; if every mirror failed, raise an error.
    # 4. Print the answer and the time it took.
    print(f"{time.perf_counter() - start:.2f} s  no mirror asked yet")


asyncio.run(main())
