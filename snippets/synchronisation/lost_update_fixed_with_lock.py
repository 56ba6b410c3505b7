"""A lost update at an await, and asyncio.Lock to prevent it."""
import asyncio

counter = 0


async def add_one(name):
    global counter
    value = counter  # read
    print(f"  {name} read {value}")
    await asyncio.sleep(0)  # any await: other tasks may run here
    counter = value + 1  # write back
    print(f"  {name} wrote {counter}")


async def worker(name, lock):
    for _ in range(2):
        if lock is None:
            await add_one(name)
        else:
            async with lock:  # one task at a time in this block
                await add_one(name)


async def main(use_lock):
    global counter
    counter = 0
    lock = asyncio.Lock() if use_lock else None
    await asyncio.gather(worker("A", lock), worker("B", lock))
    print(f"  2 tasks x 2 additions: counter = {counter}")


print("without a lock:")
asyncio.run(main(use_lock=False))
print("with asyncio.Lock():")
asyncio.run(main(use_lock=True))
