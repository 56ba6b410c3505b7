"""The same downloads in a TaskGroup: the first error cancels the rest."""
import asyncio
import time

DOWNLOADS = {"a.txt": 1, "b.txt": 2, "c.txt": 4, "d.txt": 5}  # name: seconds it takes


def log(message):
    print(f"{time.perf_counter() - start:.2f} s  {message}")


async def download(name, seconds):
    await asyncio.sleep(seconds)
    if name == "b.txt":
        log(f"{name} fails")
        raise ConnectionError(f"{name}: connection reset")
    log(f"{name} downloaded")
    return f"{name}: {seconds * 100} kB"


def start_downloads(create_task):
    tasks = [create_task(download(name, s), name=name) for name, s in DOWNLOADS.items()]
    asyncio.get_running_loop().call_later(3, tasks[2].cancel)  # the user gives up on c.txt
    return tasks


def state(task):
    if not task.done():
        return "running"
    return "cancelled" if task.cancelled() else "FAILED" if task.exception() else "ok"


def report(tasks):
    log("  ".join(f"{task.get_name()} {state(task)}" for task in tasks))


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tasks = start_downloads(tg.create_task)
    except ExceptionGroup as group:
        log(f"the TaskGroup raised {group!r}")
    report(tasks)


start = time.perf_counter()
asyncio.run(main())
