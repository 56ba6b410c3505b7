"""Exercise: start three downloads as named tasks, then report on them (see the page)."""
import asyncio


async def download(file, seconds):
    await asyncio.sleep(seconds)
    return f"{file}: {seconds * 100:.0f} kB"


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    # Start a.txt (1.5 s), b.txt (0.5 s) and c.txt (2.5 s) as tasks named after their files.
    # 1. As each finishes, print the time and its name (a done callback).
    # 2. Every second until all are done, print the names of those still running.
    # 3. At the end, print each result, in the order the tasks were started.
    print(f"{loop.time() - start:.2f} s  nothing started yet")


asyncio.run(main())
