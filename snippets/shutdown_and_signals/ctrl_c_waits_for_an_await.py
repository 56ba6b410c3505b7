"""Since Python 3.11, Ctrl-C during code that does not await takes effect at the next await."""
import asyncio
import os
import signal
import time


def crunch():
    print("crunch: 0.5 s of work that does not await")
    os.kill(os.getpid(), signal.SIGINT)  # as if you pressed Ctrl-C now
    time.sleep(0.5)  # blocking: the event loop cannot run until it returns
    print("crunch: done")


async def main():
    try:
        crunch()
        print("main: reaches an await")
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("main: cancelled")
        raise
    finally:
        print("main: finally")


asyncio.run(main())
