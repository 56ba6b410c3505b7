"""The fix: start all the downloads first, then wait for all of them."""
import asyncio
import time


async def download(url):
    await asyncio.sleep(1)  # waiting for the server
    return f"{url}: 200 OK"


async def main():
    start = time.perf_counter()
    urls = ["a.example", "b.example", "c.example"]
    results = await asyncio.gather(*(download(url) for url in urls))
    print(results)
    print(f"took {time.perf_counter() - start:.2f} s")


asyncio.run(main())
