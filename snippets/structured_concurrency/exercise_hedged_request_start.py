"""Exercise: a hedged request in a TaskGroup; no task outlives it (see the page)."""
import asyncio
import time

START = time.perf_counter()


def log(message):
    print(f"{time.perf_counter() - START:.2f} s  {message}")


async def fetch(server, seconds):
    await asyncio.sleep(seconds)
    return f"price from {server}"


async def hedged(primary, backup, delay):
    """Ask primary = (server, seconds); after `delay` s without an answer, ask backup too; return the first answer."""
    # In a TaskGroup: log "<server>: asked" when a server is asked, and "<server>: cancelled"
    # when its request is cancelled. The first answer stops the group, which cancels the other request.
    return "no answer yet"


async def main():
    before = asyncio.all_tasks()  # the tasks that are not requests

    log("1. the primary answers within 0.5 s")
    log(f"  -> {await hedged(('primary', 0.3), ('backup', 1), delay=0.5)}")

    log("2. the primary is slow")
    log(f"  -> {await hedged(('primary', 3), ('backup', 1), delay=0.5)}")

    log("3. the caller gives up after 0.4 s")
    try:
        async with asyncio.timeout(0.4):
            log(f"  -> {await hedged(('primary', 3), ('backup', 1), delay=0.5)}, but no TimeoutError")
    except TimeoutError:
        left = [task for task in asyncio.all_tasks() - before if not task.done()]
        log(f"  -> TimeoutError; requests still running: {len(left)}")


asyncio.run(main())
