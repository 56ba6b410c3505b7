"""On SIGTERM: stop accepting jobs, let the workers finish the queue for up to 0.5 s, then cancel them."""
import asyncio
import os
import signal


async def accept_jobs(queue):
    job = 0
    while True:  # a new job every 0.2 s, until this task is cancelled
        job += 1
        queue.put_nowait(job)
        print(f"accepted job {job}")
        await asyncio.sleep(0.2)


async def worker(name, queue):
    while True:
        job = await queue.get()
        try:
            await asyncio.sleep(0.5)  # the work: 0.5 s per job
            print(f"{name}: finished job {job}")
        except asyncio.CancelledError:
            print(f"{name}: cancelled in the middle of job {job}")
            raise
        finally:
            queue.task_done()


async def main():
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)  # Unix only
    loop.call_later(0.9, os.kill, os.getpid(), signal.SIGTERM)  # as `kill PID` would, at 0.9 s

    queue = asyncio.Queue()
    workers = [asyncio.create_task(worker(f"worker-{n}", queue)) for n in (1, 2)]
    acceptor = asyncio.create_task(accept_jobs(queue))

    await stop.wait()  # until SIGTERM arrives
    acceptor.cancel()  # 1. accept no new jobs
    print(f"SIGTERM: no new jobs; {queue.qsize()} waiting in the queue")
    try:
        await asyncio.wait_for(queue.join(), timeout=0.5)  # 2. finish the queue, for up to 0.5 s
        print("all jobs done")
    except asyncio.TimeoutError:
        print("0.5 s is up: cancelling the workers")
    for task in workers:  # 3. cancel the workers, busy or idle, and wait for them
        task.cancel()
    await asyncio.gather(*workers, acceptor, return_exceptions=True)
    print("main: clean exit")


asyncio.run(main())
