"""asyncio.wrap_future(): a coroutine awaits a concurrent.futures.Future without blocking the loop."""
import asyncio
import concurrent.futures
import time

START = time.monotonic()


def log(message):
    print(f"{time.monotonic() - START:.1f} s  {message}")


def convert(name):
    """Synchronous work, run by a thread pool that the rest of the program shares."""
    time.sleep(1)
    return name.replace(".doc", ".pdf")


async def ticker():
    while True:
        await asyncio.sleep(0.4)
        log("tick")


async def main(pool):
    tick = asyncio.create_task(ticker())
    future = pool.submit(convert, "report.doc")  # a concurrent.futures.Future
    log(f"submitted, got a {type(future)}")
    result = await asyncio.wrap_future(future)  # an asyncio Future: await it
    log(f"converted: {result}")
    tick.cancel()


with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
    asyncio.run(main(pool))
