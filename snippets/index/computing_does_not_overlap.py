"""Computing does not overlap: gather() cannot share one CPU between tasks."""
import asyncio
import time


async def compute():
    # Stands in for real computation: keeps the CPU busy for 0.1 s and
    # never awaits, so no other task can run in the meantime.
    end = time.perf_counter() + 0.1
    while time.perf_counter() < end:
        pass


async def one_after_another():
    for _ in range(3):
        await compute()


async def with_gather():
    await asyncio.gather(compute(), compute(), compute())


for main in (one_after_another, with_gather):
    start = time.perf_counter()
    asyncio.run(main())
    print(f"3 x compute(), {main.__name__}: took {time.perf_counter() - start:.1f} s")
