"""Python 3.12+: a process pool that forks once asyncio has started a thread gets a DeprecationWarning."""
import asyncio
import multiprocessing
import re
import threading
import warnings
from concurrent.futures import ProcessPoolExecutor


def square(n):
    return n * n


def read_config():
    return {"retries": 3}


async def square_in_a_pool(start_method):
    """Square 7 in a pool of one process, started with start_method; print what it warned."""
    loop = asyncio.get_running_loop()
    context = multiprocessing.get_context(start_method)  # None: the default start method
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # show every warning, as pytest and `python -X dev` do
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            await loop.run_in_executor(pool, square, 7)
    name = context.get_start_method()
    if not caught:
        print(f"  {name}: no warning")
    for warning in caught:
        message = re.sub(r"pid=\d+", "pid=...", str(warning.message))  # the pid changes every run
        print(f"  {name}: {warning.category.__name__}: {message}")


async def main():
    print(f"threads: {threading.active_count()}")
    await square_in_a_pool("fork")

    await asyncio.to_thread(read_config)  # the loop starts its default executor's first thread
    print(f"threads after to_thread(): {threading.active_count()}")
    await square_in_a_pool("fork")
    await square_in_a_pool(None)


if __name__ == "__main__":  # the pool's processes may import this file
    asyncio.run(main())
