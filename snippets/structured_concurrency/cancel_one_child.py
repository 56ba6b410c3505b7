"""Cancel one child: gather() raises CancelledError in a task nobody cancelled; a TaskGroup goes on."""
import asyncio
import time

START = time.perf_counter()


def log(message):
    print(f"{time.perf_counter() - START:.2f} s  {message}")


async def fetch(name, seconds):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        log(f"  {name}: cancelled")
        raise
    log(f"  {name}: done")
    return name


def start_all(create_task):
    tasks = [create_task(fetch(name, seconds)) for name, seconds in (("a", 1), ("b", 2), ("c", 3))]
    asyncio.get_running_loop().call_later(1.5, tasks[1].cancel)  # someone cancels b at 1.5 s
    return tasks


async def main():
    me = asyncio.current_task()
    for return_exceptions in (False, True):
        log(f"gather(..., return_exceptions={return_exceptions})")
        try:
            results = await asyncio.gather(*start_all(asyncio.create_task), return_exceptions=return_exceptions)
            log(f"  results: {', '.join(r if isinstance(r, str) else type(r).__name__ for r in results)}")
        except asyncio.CancelledError:
            log(f"  main: CancelledError, though main.cancelling() is {me.cancelling()}")
        await asyncio.sleep(2)  # let c finish, if it still runs

    log("TaskGroup")
    async with asyncio.TaskGroup() as tg:
        tasks = start_all(tg.create_task)
    log(f"  after the block: {', '.join('cancelled' if t.cancelled() else t.result() for t in tasks)}")


asyncio.run(main())
