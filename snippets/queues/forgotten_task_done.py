"""A worker that forgets task_done(): join() waits forever."""
import asyncio


async def worker(queue):
    while True:
        job = await queue.get()
        await asyncio.sleep(0.5)
        print(f"finished {job}")
        # Bug: no queue.task_done() here.


async def main():
    queue = asyncio.Queue()
    for job in ["a", "b", "c"]:
        queue.put_nowait(job)
    task = asyncio.create_task(worker(queue))

    try:
        async with asyncio.timeout(5):  # without it, this program never ends
            await queue.join()
        print("join() returned")
    except TimeoutError:
        print(f"join() still waiting after 5 s, with {queue.qsize()} jobs in the queue")

    task.cancel()


asyncio.run(main())
