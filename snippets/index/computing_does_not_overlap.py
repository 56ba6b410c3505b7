"""Computing does not overlap: gather() cannot share one CPU between tasks."""
import asyncio
import time

COMPUTE_SECONDS = 0.05


async def compute():
    # Stands in for real computation: keeps the CPU busy and never awaits,
    # so no other task can run in the meantime.
    end = time.perf_counter() + COMPUTE_SECONDS
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
    took = (time.perf_counter() - start) / COMPUTE_SECONDS
    print(f"3 x compute(), {main.__name__}: took {took:.0f} x as long as one compute()")
