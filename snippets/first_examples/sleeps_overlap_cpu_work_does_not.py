"""Waiting overlaps under asyncio; computing does not."""
import asyncio
import time


async def wait():
    await asyncio.sleep(0.3)  # while this task waits, the loop runs others


async def compute():
    # Stands in for real computation: keeps the CPU busy for 0.3 s and
    # never awaits, so no other task can run in the meantime.
    end = time.perf_counter() + 0.3
    while time.perf_counter() < end:
        pass


async def one_after_another(job):
    for _ in range(3):
        await job()


async def with_gather(job):
    await asyncio.gather(job(), job(), job())


def timed(label, coroutine):
    start = time.perf_counter()
    asyncio.run(coroutine)
    print(f"{label:<34} took {time.perf_counter() - start:.1f} s")


timed("3 x wait(), one after another:", one_after_another(wait))
timed("3 x wait(), with gather():", with_gather(wait))
timed("3 x compute(), one after another:", one_after_another(compute))
timed("3 x compute(), with gather():", with_gather(compute))
