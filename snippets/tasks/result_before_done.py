"""task.result() does not wait: before the task is done, it raises."""
import asyncio


async def brew():
    await asyncio.sleep(1)
    return "coffee"


async def main():
    task = asyncio.create_task(brew(), name="brew")
    print(task.get_name(), "done?", task.done())
    print(task.result())  # should have been: await task


asyncio.run(main())
