"""task.cancel(): CancelledError is raised inside the task, finally still runs."""
import asyncio
import time

START = time.perf_counter()


def now():
    return f"{time.perf_counter() - START:.2f}"


async def download():
    print(f"{now()} download: connected")
    try:
        for chunk in range(1, 6):
            try:
                await asyncio.sleep(1)
                print(f"{now()} download: chunk {chunk}")
            except Exception as exc:  # does not catch CancelledError
                print(f"{now()} download: {exc!r}, retrying")
    finally:  # runs on success, on error and on cancellation
        await asyncio.sleep(0.2)  # cleanup may await, too
        print(f"{now()} download: connection closed")


async def main():
    task = asyncio.create_task(download())
    await asyncio.sleep(2.5)
    task.cancel()
    print(f"{now()} main: cancel() requested; task done? {task.done()}")
    try:
        await task
    except asyncio.CancelledError:
        print(f"{now()} main: task cancelled? {task.cancelled()}")
    names = [cls.__name__ for cls in asyncio.CancelledError.__mro__]
    print("CancelledError derives from:", " -> ".join(names))


asyncio.run(main())
