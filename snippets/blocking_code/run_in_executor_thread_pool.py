"""loop.run_in_executor() with a pool of two threads: at most two calls run at once."""
import asyncio
import functools
import time
from concurrent.futures import ThreadPoolExecutor

START = time.perf_counter()


def resize(name, seconds, *, width):
    """A synchronous function that blocks its thread for a while."""
    time.sleep(seconds)
    return f"{name} at {width}px"


async def resize_in(pool, name, seconds):
    loop = asyncio.get_running_loop()
    # run_in_executor() passes positional arguments only: use partial for the rest.
    call = functools.partial(resize, name, seconds, width=200)
    result = await loop.run_in_executor(pool, call)
    print(f"{time.perf_counter() - START:.1f} s  {result}")
    return result


async def main():
    with ThreadPoolExecutor(max_workers=2) as pool:
        await asyncio.gather(
            resize_in(pool, "a.png", 0.4),
            resize_in(pool, "b.png", 0.6),
            resize_in(pool, "c.png", 0.4),
            resize_in(pool, "d.png", 0.6),
        )
    print(f"took {time.perf_counter() - START:.1f} s")


asyncio.run(main())
