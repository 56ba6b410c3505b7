"""Common mistake: signal.signal() instead of loop.add_signal_handler(): the loop hears of it late."""
import asyncio
import os
import signal
import subprocess
import sys


async def housekeeping():
    while True:
        await asyncio.sleep(2)  # the only thing that wakes the loop: a timer, every 2 s


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    stop = asyncio.Event()

    def on_sigterm(signum, frame):
        print(f"on_sigterm: SIGTERM at {loop.time() - start:.0f} s, setting the event")
        stop.set()

    signal.signal(signal.SIGTERM, on_sigterm)  # BUG: use loop.add_signal_handler(signal.SIGTERM, ...)
    cleaner = asyncio.create_task(housekeeping())
    # Another process sends SIGTERM at 1 s, as `kill PID` in another terminal would.
    code = f"import os, time; time.sleep(1); os.kill({os.getpid()}, {int(signal.SIGTERM)})"
    sender = subprocess.Popen([sys.executable, "-c", code])
    await stop.wait()
    print(f"main: saw the event at {loop.time() - start:.0f} s")
    cleaner.cancel()
    sender.wait()


asyncio.run(main())
