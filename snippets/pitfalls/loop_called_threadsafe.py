"""The fix: call_soon_threadsafe() and run_coroutine_threadsafe() wake the loop."""
import asyncio
import threading
import time


def stamp(start):
    """Seconds since start, to the nearest half second: a busy machine makes
    these times late, by far less than a quarter of a second."""
    return f"{round((time.monotonic() - start) * 2) / 2:.1f} s"


def worker(loop, start):
    time.sleep(0.5)  # blocking work in the thread
    print(f"{stamp(start)}  worker: done, telling the loop")
    loop.call_soon_threadsafe(report, start)
    future = asyncio.run_coroutine_threadsafe(save("results"), loop)
    result = future.result()  # blocks this thread (not the loop) until saved
    print(f"{stamp(start)}  worker: {result}")


def report(start):
    print(f"{stamp(start)}  loop: got the news")


async def save(what):
    await asyncio.sleep(0.5)  # runs on the loop, as a task
    return f"{what} saved"


async def main():
    start = time.monotonic()
    loop = asyncio.get_running_loop()
    threading.Thread(target=worker, args=(loop, start)).start()
    await asyncio.sleep(1.5)
    print(f"{stamp(start)}  main: done")


asyncio.run(main())
