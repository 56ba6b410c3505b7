"""Exercise solution: use the first mirror that answers without an error."""
import asyncio
import time

MIRRORS = {"eu": 3, "us": 1, "asia": 2, "backup": 5}  # mirror: seconds to answer


async def fetch(mirror, seconds):
    await asyncio.sleep(seconds)
    if mirror == "us":
        raise ConnectionError(f"{mirror}: connection refused")
    return f"python.tar.xz from {mirror}"


async def first_success(tasks):
    pending = set(tasks)
    while pending:
        done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        for task in sorted(done, key=lambda task: task.get_name()):
            if task.exception() is None:
                for other in pending:
                    other.cancel()
                return task.result()
            print(f"{time.perf_counter() - start:.2f} s  {task.exception()}")
    raise ConnectionError("every mirror failed")


async def main():
    tasks = [asyncio.create_task(fetch(m, s), name=m) for m, s in MIRRORS.items()]
    result = await first_success(tasks)
    print(f"{time.perf_counter() - start:.2f} s  got {result}")
    await asyncio.wait(tasks)  # give the cancelled tasks a moment to finish
    for task in tasks:
        print(f"    {task.get_name()}: cancelled={task.cancelled()}")


start = time.perf_counter()
asyncio.run(main())
