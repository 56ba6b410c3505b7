"""loop.call_soon() from another thread: the sleeping loop does not notice."""
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
    try:
        loop.call_soon(report, start)  # BUG: not thread-safe
    except RuntimeError as error:  # raised in debug mode only
        print(f"{stamp(start)}  worker: RuntimeError: {error}")


def report(start):
    print(f"{stamp(start)}  loop: got the news")


async def main():
    start = time.monotonic()
    loop = asyncio.get_running_loop()
    threading.Thread(target=worker, args=(loop, start)).start()
    await asyncio.sleep(1)  # the loop sleeps until this timer is due
    print(f"{stamp(start)}  main: done")


for debug in (False, True):
    print(f"debug={debug}")
    asyncio.run(main(), debug=debug)
