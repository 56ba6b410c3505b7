"""A queue with workers: they take jobs until join() sees every job marked done."""
import asyncio


async def worker(name, queue):
    while True:
        seconds = await queue.get()
        await asyncio.sleep(seconds)  # the job
        print(f"{name} did a {seconds} s job")
        queue.task_done()


async def main():
    queue = asyncio.Queue()
    for seconds in [3, 1, 1.5, 1]:
        queue.put_nowait(seconds)
    workers = [asyncio.create_task(worker(f"worker {n}", queue)) for n in (1, 2)]
    await queue.join()  # every job taken and marked with task_done()
    for task in workers:
        task.cancel()  # they would wait for more jobs for ever
    print("all jobs done")


asyncio.run(main())
