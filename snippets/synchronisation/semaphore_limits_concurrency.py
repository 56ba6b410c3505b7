"""asyncio.Semaphore(2): at most two downloads at once."""
import asyncio
import time

START = time.perf_counter()
running = 0


def now():
    return f"{time.perf_counter() - START:.2f}"


async def download(name, seconds, limit):
    global running
    async with limit:  # waits here while two downloads are running
        running += 1
        print(f"{now()} {name} starts  (running: {running})")
        await asyncio.sleep(seconds)
        running -= 1
        print(f"{now()} {name} ends")


async def main():
    limit = asyncio.Semaphore(2)
    jobs = {"a": 1, "b": 2, "c": 1.5, "d": 1, "e": 0.8}
    await asyncio.gather(*(download(n, s, limit) for n, s in jobs.items()))
    print(f"{now()} all done")


asyncio.run(main())
