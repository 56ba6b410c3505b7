"""Exercise solution: on SIGTERM, each worker finishes the job in hand, takes no new one, and exits."""
import asyncio
import os
import signal


async def worker(name, queue, stopping):
    while not stopping.is_set():  # checked before each new job, never during one
        try:
            job, seconds = queue.get_nowait()
        except asyncio.QueueEmpty:
            return  # no work left
        await asyncio.sleep(seconds)  # the job in hand
        print(f"{name}: finished job {job}")
    print(f"{name}: stopping, as SIGTERM asked")


async def main():
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stopping.set)
    loop.call_later(0.7, os.kill, os.getpid(), signal.SIGTERM)  # as `kill PID` would, at 0.7 s

    queue = asyncio.Queue()
    for job in range(1, 7):
        queue.put_nowait((job, 0.3 if job % 2 else 0.5))  # odd jobs take 0.3 s, even ones 0.5 s
    workers = [asyncio.create_task(worker(f"worker-{n}", queue, stopping)) for n in (1, 2)]
    await asyncio.gather(*workers)

    never_started = [queue.get_nowait()[0] for _ in range(queue.qsize())]
    print(f"main: jobs never started: {never_started}")


asyncio.run(main())
