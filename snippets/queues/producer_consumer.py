"""A producer puts jobs on a queue; two workers take them off, one at a time."""
import asyncio
import time

START = time.perf_counter()
JOBS = {"a": 1.0, "b": 0.6, "c": 0.3, "d": 0.8, "e": 0.5}  # job -> seconds of work


def log(message):
    print(f"{time.perf_counter() - START:.1f} s  {message}")


async def worker(name, queue):
    while True:
        job = await queue.get()  # waits while the queue is empty
        log(f"{name} starts {job}")
        await asyncio.sleep(JOBS[job])
        log(f"{name} finished {job}")
        queue.task_done()  # one job fully handled


async def main():
    queue = asyncio.Queue()
    workers = [asyncio.create_task(worker(f"worker-{n}", queue)) for n in (1, 2)]

    for job in JOBS:  # the producer
        await queue.put(job)
    log(f"producer done, {queue.qsize()} jobs waiting")

    await queue.join()  # until task_done() was called once per job
    log("all jobs done")

    for task in workers:  # the workers loop forever: stop them
        task.cancel()
    await asyncio.gather(*workers, return_exceptions=True)


asyncio.run(main())
