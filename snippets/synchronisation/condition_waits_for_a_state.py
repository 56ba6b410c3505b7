"""asyncio.Condition: each task waits until the shared state suits it."""
import asyncio
import time

START = time.perf_counter()
balance = 0


def now():
    return f"{time.perf_counter() - START:.2f}"


async def buyer(name, price, changed):
    global balance
    async with changed:  # a Condition holds a lock
        print(f"{now()} {name} waits until the balance is at least {price}")
        await changed.wait_for(lambda: balance >= price)
        balance -= price  # still holding the lock: nobody else can spend
        print(f"{now()} {name} pays {price}, balance {balance}")


async def depositor(changed):
    global balance
    for _ in range(4):
        await asyncio.sleep(1)
        async with changed:
            balance += 20
            print(f"{now()} deposit 20, balance {balance}")
            changed.notify_all()  # wake every waiter to check again


async def main():
    changed = asyncio.Condition()
    await asyncio.gather(buyer("A", 30, changed), buyer("B", 50, changed),
                         depositor(changed))


asyncio.run(main())
