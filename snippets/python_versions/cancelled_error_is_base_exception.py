"""Python 3.8: asyncio.CancelledError is no longer an Exception.

So `except Exception` around an await no longer swallows a cancellation.
"""
import asyncio


async def worker():
    try:
        await asyncio.sleep(10)
    except Exception:
        print("worker: caught the cancellation as an Exception, and carries on")
        return "not cancelled"


async def main():
    task = asyncio.ensure_future(worker())
    await asyncio.sleep(0.1)
    task.cancel()
    try:
        print("worker returned:", await task)
    except asyncio.CancelledError:
        print("worker was cancelled")
    print("CancelledError is an Exception:", issubclass(asyncio.CancelledError, Exception))


asyncio.run(main())
