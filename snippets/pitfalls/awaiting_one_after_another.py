"""One await after another: each download starts when the previous one ends."""
import asyncio
import time


async def download(url):
    await asyncio.sleep(1)  # waiting for the server
    return f"{url}: 200 OK"


async def main():
    start = time.perf_counter()
    results = []
    for url in ["a.example", "b.example", "c.example"]:
        results.append(await download(url))  # waits before the next one starts
    print(results)
    print(f"took {time.perf_counter() - start:.2f} s")


asyncio.run(main())
