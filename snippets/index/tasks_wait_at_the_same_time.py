"""Two tasks wait at the same time: two waits of 1 s take 1 s in all."""
import asyncio
import time

async def fetch(name):
    await asyncio.sleep(1)  # stands in for waiting on a server's reply
    print(f"{name} got its reply at {time.perf_counter() - start:.1f} s")

async def main():
    await asyncio.gather(fetch("A"), fetch("B"))  # both wait at once

start = time.perf_counter()
asyncio.run(main())
