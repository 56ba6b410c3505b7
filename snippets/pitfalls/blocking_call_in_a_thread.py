"""The fix: run the blocking call in a thread with asyncio.to_thread()."""
import asyncio
import time


def load_report():  # a blocking library call
    time.sleep(1)
    return "report loaded"


async def ticker(loop, start):
    while True:
        due = loop.time() + 0.3
        await asyncio.sleep(0.3)
        print(f"{loop.time() - start:.1f} s  tick (due at {due - start:.1f} s)")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    ticks = asyncio.create_task(ticker(loop, start))
    await asyncio.sleep(0)  # let the ticker start
    report = await asyncio.to_thread(load_report)  # the loop keeps running
    print(f"{loop.time() - start:.1f} s  {report}")
    await asyncio.sleep(0.1)
    ticks.cancel()


asyncio.run(main())
