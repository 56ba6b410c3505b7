"""The loop keeps only a weak reference to a task: keep your own."""
import asyncio
import gc


async def listen():
    message = asyncio.Event()  # stands for a connection nothing else refers to
    print("listener: waiting")
    await message.wait()
    print("listener: got a message")  # never printed


async def main():
    asyncio.create_task(listen(), name="listener")  # BUG: the Task is dropped
    await asyncio.sleep(0)  # the listener starts and waits
    gc.collect()  # the garbage collector can run at any moment: here, now
    names = sorted(task.get_name() for task in asyncio.all_tasks())
    print("tasks still alive:", names)


asyncio.run(main())
