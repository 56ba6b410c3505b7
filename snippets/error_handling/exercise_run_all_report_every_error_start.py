"""Exercise: write run_all(), which lets every coroutine end, then reports every error (see the page)."""
import asyncio
import time


async def check(name, seconds):
    await asyncio.sleep(seconds)
    if name == "disk":
        raise OSError("disk: disk full")
    if name == "config":
        raise ValueError("config: port 'http' is not a number")
    print(f"{time.perf_counter() - start:.2f} s  {name} check passes")
    return f"{name}: ok"


async def run_all(*coros):
    # Run the coroutines concurrently, and let every one of them run to its end.
    # If none failed, return their results in order; otherwise raise one
    # exception group that holds every exception.
    return []


async def main():
    # 1. Run the memory (1 s) and network (2 s) checks with run_all() and print the results.
    # 2. Run the disk (3 s), config (4 s) and memory (5 s) checks with run_all(), and
    #    handle the OSErrors and the ValueErrors in separate except* clauses.
    print(f"{time.perf_counter() - start:.2f} s  no check run yet")


start = time.perf_counter()
asyncio.run(main())
