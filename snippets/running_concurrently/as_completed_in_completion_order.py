"""as_completed() hands you the results in the order the downloads finish."""
import asyncio
import time


async def download(name, seconds):
    await asyncio.sleep(seconds)
    return f"{name}: {seconds * 100} kB"


async def main():
    start = time.perf_counter()
    downloads = [download("slow.txt", 3), download("fast.txt", 1), download("medium.txt", 2)]
    for next_done in asyncio.as_completed(downloads):
        result = await next_done  # the earliest result not handed out yet
        print(f"{time.perf_counter() - start:.2f} s  {result}")


asyncio.run(main())
