"""Awaiting a coroutine runs it then; a Task starts running on its own."""
import asyncio
import time


def log(start, message):
    print(f"  {time.perf_counter() - start:.2f} s  {message}")


async def child(start):
    log(start, "child starts, waits 0.2 s")
    await asyncio.sleep(0.2)
    log(start, "child ends")
    return "result"


async def main():
    print("Awaiting a coroutine:")
    start = time.perf_counter()
    coro = child(start)
    log(start, "parent created the coroutine, works 0.1 s")
    await asyncio.sleep(0.1)  # the parent's own work
    log(start, "parent awaits the coroutine")
    log(start, f"parent got {await coro!r}")

    print("Awaiting a task:")
    start = time.perf_counter()
    task = asyncio.create_task(child(start))
    log(start, "parent created the task, works 0.1 s")
    await asyncio.sleep(0.1)  # the same work
    log(start, "parent awaits the task")
    log(start, f"parent got {await task!r}")


asyncio.run(main())
