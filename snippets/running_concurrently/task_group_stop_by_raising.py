"""Python 3.11+: stop a TaskGroup early with an exception of your own, caught outside the block."""
import asyncio
import time

SHARDS = {"shard-1": 0.5, "shard-2": 1.5, "shard-3": 2.5, "shard-4": 4}  # shard: seconds to search it
ORDER_IS_ON = "shard-2"


class Found(Exception):
    """Raised by the search that finds the order, to stop the group."""


def log(message):
    print(f"{time.perf_counter() - start:.2f} s  {message}")


async def search(shard, seconds):
    await asyncio.sleep(seconds)
    if shard != ORDER_IS_ON:
        log(f"{shard}: not here")
        return
    log(f"{shard}: found it, raising Found")
    raise Found(shard)  # the group cancels the body and the tasks not done yet


def state(task):
    if task.cancelled():
        return "cancelled"
    return f"raised {task.exception()!r}" if task.exception() else "ok"


async def main():
    found = []
    try:
        async with asyncio.TaskGroup() as tg:
            tasks = [tg.create_task(search(shard, s), name=shard) for shard, s in SHARDS.items()]
            while not all(task.done() for task in tasks):  # the body: a report every second
                await asyncio.sleep(1)
                log(f"body: {sum(task.done() for task in tasks)} of {len(tasks)} shards searched")
    except* Found as group:  # only Found: any other error still comes out
        found = [error.args[0] for error in group.exceptions]
    log(f"after the block: found on {found}")
    log("  ".join(f"{task.get_name()} {state(task)}" for task in tasks))


start = time.perf_counter()
asyncio.run(main())
