"""A blocking call stops every task: the ticker cannot tick during time.sleep()."""
import asyncio
import time

START = time.perf_counter()


def log(message):
    print(f"{time.perf_counter() - START:.2f} s  {message}")


async def ticker():
    while True:
        log("tick")
        await asyncio.sleep(0.5)


def fetch_report():
    """Stands in for a synchronous library call, such as an HTTP request."""
    time.sleep(2)  # blocks the whole thread, and with it the event loop
    return "report"


async def main():
    tick = asyncio.create_task(ticker())
    await asyncio.sleep(1.2)
    log("main: calling fetch_report()")
    result = fetch_report()
    log(f"main: got {result}")
    await asyncio.sleep(1.2)
    tick.cancel()


asyncio.run(main())
