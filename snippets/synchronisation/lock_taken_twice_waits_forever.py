"""asyncio.Lock is not reentrant: a task that holds it and takes it again waits for itself."""
import asyncio
import time

START = time.perf_counter()
balance = 0


def now():
    return f"{time.perf_counter() - START:.2f}"


async def deposit(lock, amount):
    global balance
    async with lock:
        balance += amount


async def deposit_with_fee(lock, amount):
    async with lock:
        print(f"{now()} deposit_with_fee() holds the lock")
        await deposit(lock, amount)  # BUG: deposit() takes the lock this task already holds
        await deposit(lock, -1)
        print(f"{now()} deposit_with_fee() is done")


async def main():
    lock = asyncio.Lock()
    try:
        await asyncio.wait_for(deposit_with_fee(lock, 100), timeout=2)
    except asyncio.TimeoutError:
        print(f"{now()} gave up: deposit() never got the lock, balance {balance}")
    print(f"{now()} the lock is held: {lock.locked()}")


asyncio.run(main())
