"""Condition.notify_all() outside `async with condition:` raises RuntimeError."""
import asyncio
import time

START = time.perf_counter()
balance = 0


def now():
    return f"{time.perf_counter() - START:.2f}"


async def buyer(price, changed):
    global balance
    async with changed:
        print(f"{now()} buyer waits until the balance is at least {price}")
        await changed.wait_for(lambda: balance >= price)
        balance -= price
        print(f"{now()} buyer pays {price}")


async def depositor(changed):
    global balance
    await asyncio.sleep(1)
    balance += 50
    print(f"{now()} deposit 50, balance {balance}")
    changed.notify_all()  # BUG: outside `async with changed:`


async def main():
    changed = asyncio.Condition()
    await asyncio.gather(buyer(30, changed), depositor(changed))


asyncio.run(main())
