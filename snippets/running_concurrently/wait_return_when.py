"""asyncio.wait() returns two sets, (done, pending), at the moment return_when says."""
import asyncio
import time


async def download(name, seconds):
    await asyncio.sleep(seconds)
    if name == "b.txt":
        raise ConnectionError(f"{name}: connection reset")
    return f"{name}: {seconds * 100} kB"


def names(tasks):
    """Sets have no order: sort the names, and mark the tasks that failed."""
    return sorted(
        task.get_name() + (" (failed)" if task.exception() else "") for task in tasks
    )


async def main(return_when):
    start = time.perf_counter()
    tasks = [
        asyncio.create_task(download(name, seconds), name=name)
        for name, seconds in [("a.txt", 1), ("b.txt", 2), ("c.txt", 3)]
    ]
    done, pending = await asyncio.wait(tasks, return_when=return_when)
    print(f"{return_when}: returned after {time.perf_counter() - start:.2f} s")
    print("    done:   ", names(done))
    print("    pending:", sorted(task.get_name() for task in pending))
    for task in pending:
        task.cancel()  # wait() leaves them running: here we stop them


for return_when in (asyncio.FIRST_COMPLETED, asyncio.FIRST_EXCEPTION, asyncio.ALL_COMPLETED):
    asyncio.run(main(return_when))
