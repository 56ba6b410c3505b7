"""Ask three mirrors, keep the first answer, cancel the others."""
import asyncio
import time


async def fetch(mirror, seconds):
    await asyncio.sleep(seconds)
    return f"data from {mirror}"


async def main():
    start = time.perf_counter()
    tasks = [
        asyncio.create_task(fetch(mirror, seconds), name=mirror)
        for mirror, seconds in [("eu", 1.5), ("us", 0.5), ("asia", 2)]
    ]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()  # nobody needs their answers any more
    await asyncio.gather(*pending, return_exceptions=True)  # wait until they stop
    winner = done.pop()
    print(f"{time.perf_counter() - start:.2f} s  {winner.result()}")
    for task in tasks:
        print(f"  {task.get_name()}: cancelled={task.cancelled()}")


asyncio.run(main())
