"""Common mistake: main() catches the CancelledError that Ctrl-C causes, and carries on."""
import asyncio
import os
import signal


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0.25, os.kill, os.getpid(), signal.SIGINT)  # Ctrl-C at 0.25 s
    loop.call_later(1.0, os.kill, os.getpid(), signal.SIGINT)  # Ctrl-C again at 1 s
    for job in range(1, 5):
        try:
            await asyncio.sleep(0.5)  # a job that takes 0.5 s
            print(f"job {job}: done")
        except asyncio.CancelledError:  # BUG: no raise, so the cancellation stops here
            print(f"job {job}: cancelled, going on with the next job")


asyncio.run(main())
