"""Python 3.13+: shutdown() lets workers finish the queue, then stop by themselves."""
import asyncio
import time

START = time.perf_counter()
JOBS = {"a": 1.0, "b": 1.5, "c": 0.3}  # job -> seconds of work


def log(message):
    print(f"{time.perf_counter() - START:.1f} s  {message}")


async def worker(name, queue):
    while True:
        try:
            job = await queue.get()
        except asyncio.QueueShutDown:  # shut down *and* empty
            log(f"{name}: queue shut down, stopping")
            return
        await asyncio.sleep(JOBS[job])
        log(f"{name}: finished {job}")
        queue.task_done()


async def main():
    queue = asyncio.Queue()
    workers = [asyncio.create_task(worker(f"worker-{n}", queue)) for n in (1, 2)]
    for job in JOBS:
        await queue.put(job)
    queue.shutdown()  # no more puts; gets go on until the queue is empty
    log(f"shut down with {queue.qsize()} jobs in the queue")
    try:
        await queue.put("d")
    except asyncio.QueueShutDown:
        log("put() after shutdown() raised QueueShutDown")
    await asyncio.gather(*workers)  # no cancel() needed


asyncio.run(main())
