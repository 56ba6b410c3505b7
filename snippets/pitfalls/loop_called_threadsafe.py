"""The fix: call_soon_threadsafe() and run_coroutine_threadsafe() wake the loop."""
import asyncio
import threading
import time


def worker(loop, start):
    time.sleep(0.2)  # blocking work in the thread
    print(f"{time.monotonic() - start:.1f} s  worker: done, telling the loop")
    loop.call_soon_threadsafe(report, start)
    future = asyncio.run_coroutine_threadsafe(save("results"), loop)
    result = future.result()  # blocks this thread (not the loop) until saved
    print(f"{time.monotonic() - start:.1f} s  worker: {result}")


def report(start):
    print(f"{time.monotonic() - start:.1f} s  loop: got the news")


async def save(what):
    await asyncio.sleep(0.3)  # runs on the loop, as a task
    return f"{what} saved"


async def main():
    start = time.monotonic()
    loop = asyncio.get_running_loop()
    threading.Thread(target=worker, args=(loop, start)).start()
    await asyncio.sleep(0.6)
    print(f"{time.monotonic() - start:.1f} s  main: done")


asyncio.run(main())
