"""A blocking call inside a coroutine holds up every task, timers included."""
import asyncio
import time


def load_report():  # a blocking library call
    time.sleep(1)
    return "report loaded"


async def ticker(loop, start):
    while True:
        due = loop.time() + 0.3
        await asyncio.sleep(0.3)
        print(f"{loop.time() - start:.2f} s  tick (due at {due - start:.2f} s)")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    ticks = asyncio.create_task(ticker(loop, start))
    await asyncio.sleep(0)  # let the ticker start
    report = load_report()  # BUG: blocks the event loop for 1 s
    print(f"{loop.time() - start:.2f} s  {report}")
    await asyncio.sleep(0.1)
    ticks.cancel()


asyncio.run(main())
