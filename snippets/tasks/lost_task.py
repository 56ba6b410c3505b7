"""A task nobody keeps a reference to can be destroyed before it is done."""
import asyncio
import gc


async def listen():
    wake_up = asyncio.Event()  # nothing outside this task refers to it
    print("listener: waiting to be woken up")
    await wake_up.wait()
    print("listener: woken up")  # never printed


async def main():
    asyncio.create_task(listen())  # the Task object is thrown away
    await asyncio.sleep(0)  # the listener starts, then waits
    gc.collect()  # the garbage collector may run at any moment: here, now
    await asyncio.sleep(1)
    print("main: done")


asyncio.run(main())
