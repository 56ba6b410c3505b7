"""Cancel a task: cancel() throws CancelledError into it; the task cleans up and re-raises it."""
import asyncio


async def worker():
    try:
        while True:
            await asyncio.sleep(1)
            print("working")
    except asyncio.CancelledError:
        print("worker: cleaning up")
        raise  # re-raise, so that the task ends cancelled


async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(2.5)
    task.cancel()
    try:
        await task  # wait until it has stopped
    except asyncio.CancelledError:
        print("main: cancelled() =", task.cancelled())


asyncio.run(main())
