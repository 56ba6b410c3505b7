"""Exercise: two workers that finish the job in hand and stop on SIGTERM (see the page)."""
import asyncio
import os
import signal


async def worker(name, queue, stopping):
    """Until `stopping` is set: take a job without waiting, sleep its seconds, print "<name>: finished job N"."""
    # Look at `stopping` before taking each new job, never during one; return when the queue is empty.


async def main():
    loop = asyncio.get_running_loop()
    # Make a `stopping` event, and have SIGTERM set it with loop.add_signal_handler().
    loop.call_later(0.7, os.kill, os.getpid(), signal.SIGTERM)  # as `kill PID` would, at 0.7 s

    queue = asyncio.Queue()
    for job in range(1, 7):
        queue.put_nowait((job, 0.3 if job % 2 else 0.5))  # (job number, seconds)
    # Start two workers, wait for both, then print the jobs never started: "jobs never started: [...]".


asyncio.run(main())
