"""A lock binds to the first event loop that makes a task wait for it: a second asyncio.run() cannot use it."""
import asyncio

lock = asyncio.Lock()  # one lock for the whole module


async def worker(name):
    async with lock:
        print(f"  {name} has the lock")
        await asyncio.sleep(0.1)


async def main():
    await asyncio.gather(worker("A"), worker("B"))


for run in ("first", "second"):
    print(f"{run} asyncio.run():")
    try:
        asyncio.run(main())  # each call runs a new event loop
    except RuntimeError as error:
        message = str(error).replace(hex(id(lock)), "0x...")  # the lock's address changes every run
        print(f"  RuntimeError: {message}")
