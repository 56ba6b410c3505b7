"""asyncio.wait() takes tasks; since Python 3.11 it refuses coroutines."""
import asyncio


async def download(name, seconds):
    await asyncio.sleep(seconds)
    return f"{name}: {seconds * 100} kB"


async def main():
    # BUG: coroutines, not tasks. Wrap each one in asyncio.create_task().
    done, pending = await asyncio.wait([download("a.txt", 1), download("b.txt", 2)])


asyncio.run(main())
