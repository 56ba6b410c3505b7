"""Python 3.15+: TaskGroup.cancel() stops a group early, and the block ends without an error."""
import asyncio
import time

SHARDS = {"shard-1": 0.5, "shard-2": 1.5, "shard-3": 2.5, "shard-4": 4}  # shard: seconds to search it
ORDER_IS_ON = "shard-2"


def log(message):
    print(f"{time.perf_counter() - start:.2f} s  {message}")


async def search(shard, seconds, tg, found):
    await asyncio.sleep(seconds)
    if shard != ORDER_IS_ON:
        log(f"{shard}: not here")
        return
    log(f"{shard}: found it, cancelling the group")
    found.append(shard)
    tg.cancel()  # cancels the body and every task of the group not done yet, this one too


def state(task):
    return "cancelled" if task.cancelled() else "ok"


async def main():
    found = []
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(search(shard, s, tg, found), name=shard) for shard, s in SHARDS.items()]
        while not all(task.done() for task in tasks):  # the body: a report every second
            await asyncio.sleep(1)
            log(f"body: {sum(task.done() for task in tasks)} of {len(tasks)} shards searched")
    log(f"after the block, no exception: found on {found}")
    log("  ".join(f"{task.get_name()} {state(task)}" for task in tasks))


start = time.perf_counter()
asyncio.run(main())
