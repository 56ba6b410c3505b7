"""The loop's ready queue: callbacks and task steps run in turn, first in, first out."""
import asyncio


async def worker():
    print("worker: step 1")
    await asyncio.sleep(0)  # give the loop a turn
    print("worker: step 2")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(print, "callback 1")
    task = asyncio.create_task(worker())  # its first step is queued too
    loop.call_soon(print, "callback 2")
    print("main: queued three things; none of them has run yet")

    await asyncio.sleep(0)  # main's next step joins the end of the queue
    print("main: my turn again")
    await task


asyncio.run(main())
