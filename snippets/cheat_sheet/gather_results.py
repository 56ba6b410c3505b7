"""Run coroutines at the same time with gather(); the results come in the order given."""
import asyncio
import time


async def fetch(name, seconds):
    await asyncio.sleep(seconds)  # stands in for a download
    return f"{name} ({seconds} s)"


async def main():
    start = time.perf_counter()
    results = await asyncio.gather(fetch("a", 2), fetch("b", 1), fetch("c", 3))
    print(results)
    print(f"took {time.perf_counter() - start:.1f} s, not 6")


asyncio.run(main())
