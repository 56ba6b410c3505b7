"""Waiting overlaps under asyncio: three waits take as long as one."""
import asyncio
import time


async def wait():
    await asyncio.sleep(0.3)  # while this task waits, the loop runs others


async def one_after_another():
    for _ in range(3):
        await wait()


async def with_gather():
    await asyncio.gather(wait(), wait(), wait())


for main in (one_after_another, with_gather):
    start = time.perf_counter()
    asyncio.run(main())
    print(f"3 x wait(), {main.__name__}: took {time.perf_counter() - start:.2f} s")
