"""loop.call_soon() from another thread: the sleeping loop does not notice."""
import asyncio
import threading
import time


def worker(loop, start):
    time.sleep(0.2)  # blocking work in the thread
    print(f"{time.monotonic() - start:.1f} s  worker: done, telling the loop")
    try:
        loop.call_soon(report, start)  # BUG: not thread-safe
    except RuntimeError as error:  # raised in debug mode only
        print(f"{time.monotonic() - start:.1f} s  worker: RuntimeError: {error}")


def report(start):
    print(f"{time.monotonic() - start:.1f} s  loop: got the news")


async def main():
    start = time.monotonic()
    loop = asyncio.get_running_loop()
    threading.Thread(target=worker, args=(loop, start)).start()
    await asyncio.sleep(0.5)  # the loop sleeps until this timer is due
    print(f"{time.monotonic() - start:.1f} s  main: done")


for debug in (False, True):
    print(f"debug={debug}")
    asyncio.run(main(), debug=debug)
