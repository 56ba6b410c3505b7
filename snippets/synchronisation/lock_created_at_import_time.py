"""A lock created at import time, outside asyncio.run(): fine since Python 3.10, an error before."""
import asyncio

lock = asyncio.Lock()  # created when the module is imported, before any event loop runs


async def worker(name):
    async with lock:  # B has to wait here for A
        print(f"{name} has the lock")
        await asyncio.sleep(0.1)
    print(f"{name} released it")


async def main():
    await asyncio.gather(worker("A"), worker("B"))


asyncio.run(main())
