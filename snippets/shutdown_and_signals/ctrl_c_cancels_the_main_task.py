"""Ctrl-C in asyncio.run(): the main task is cancelled, finally blocks run, then KeyboardInterrupt."""
import asyncio
import os
import signal


async def download(name):
    try:
        print(f"{name}: downloading")
        await asyncio.sleep(10)
        print(f"{name}: done")
    except asyncio.CancelledError:
        print(f"{name}: cancelled")
        raise  # let the cancellation go on
    finally:
        print(f"{name}: finally, deleting the partial file")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0.25, os.kill, os.getpid(), signal.SIGINT)  # as if you pressed Ctrl-C at 0.25 s
    task = asyncio.create_task(download("data.zip"))
    try:
        await task
    finally:
        print("main: finally")


asyncio.run(main())
print("after asyncio.run()")  # never printed: asyncio.run() raises KeyboardInterrupt
