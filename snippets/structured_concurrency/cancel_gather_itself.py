"""Cancelling gather() itself cancels every child not done yet, with return_exceptions=True too."""
import asyncio
import time

START = time.perf_counter()


def log(message):
    print(f"{time.perf_counter() - START:.2f} s  {message}")


async def fetch(name, seconds):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        await asyncio.sleep(seconds / 5)  # closing the connection takes a moment
        log(f"  {name}: cancelled, connection closed")
        raise
    log(f"  {name}: done")
    return name


JOBS = (("a", 1), ("b", 2), ("c", 3))


async def main():
    for return_exceptions in (False, True):
        log(f"gather(..., return_exceptions={return_exceptions}) in a 1.5 s timeout")
        try:
            async with asyncio.timeout(1.5):
                results = await asyncio.gather(*(fetch(*job) for job in JOBS), return_exceptions=return_exceptions)
            log(f"  results: {results}")
        except TimeoutError:
            log("  TimeoutError, and no results at all")
        await asyncio.sleep(2)  # b and c would finish by now, if they still ran

    log("TaskGroup in a 1.5 s timeout")
    try:
        async with asyncio.timeout(1.5):
            async with asyncio.TaskGroup() as tg:
                tasks = [tg.create_task(fetch(*job)) for job in JOBS]
    except TimeoutError:
        log(f"  TimeoutError, but the tasks are still yours: a.result() is {tasks[0].result()!r}")


asyncio.run(main())
