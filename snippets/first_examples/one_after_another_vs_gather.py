"""Time the same two coroutines awaited in turn, then with gather()."""
import asyncio
import time


async def task1():
    await asyncio.sleep(1)
    print("Task 1 completed")


async def task2():
    await asyncio.sleep(2)
    print("Task 2 completed")


async def one_after_another():
    await task1()  # task2 has not started yet
    await task2()


async def with_gather():
    await asyncio.gather(task1(), task2())


for main in (one_after_another, with_gather):
    print(f"--- {main.__name__}")
    start = time.perf_counter()
    asyncio.run(main())
    print(f"took {time.perf_counter() - start:.1f} s")
