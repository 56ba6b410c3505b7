"""At most two at a time: a Semaphore(2) makes the other tasks wait for a free place."""
import asyncio
import time


async def download(name, limit):
    async with limit:  # waits while two tasks are inside
        print(f"{time.perf_counter() - start:.1f} s  {name} starts")
        await asyncio.sleep(1)


async def main():
    limit = asyncio.Semaphore(2)
    await asyncio.gather(*(download(name, limit) for name in "abcde"))
    print(f"{time.perf_counter() - start:.1f} s  all done")


start = time.perf_counter()
asyncio.run(main())
