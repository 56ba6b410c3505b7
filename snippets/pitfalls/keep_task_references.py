"""The fix: keep a reference to each task until it is done."""
import asyncio
import gc

background_tasks = set()


async def listen():
    message = asyncio.Event()  # stands for a connection nothing else refers to
    print("listener: waiting")
    await message.wait()
    print("listener: got a message")


async def main():
    task = asyncio.create_task(listen(), name="listener")
    background_tasks.add(task)  # a strong reference...
    task.add_done_callback(background_tasks.discard)  # ...dropped when it is done
    await asyncio.sleep(0)  # the listener starts and waits
    gc.collect()
    names = sorted(task.get_name() for task in asyncio.all_tasks())
    print("tasks still alive:", names)


asyncio.run(main())
