"""Python 3.8: tasks have names, for logs and debugging."""
import asyncio


async def fetch():
    await asyncio.sleep(0.1)
    return asyncio.current_task().get_name()


async def main():
    task = asyncio.create_task(fetch(), name="fetch-user-42")
    print("the task calls itself", await task)


asyncio.run(main())
