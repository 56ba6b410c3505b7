"""asyncio.Event: many tasks wait until one task says "go"."""
import asyncio
import time

START = time.perf_counter()


def now():
    return f"{time.perf_counter() - START:.2f}"


async def runner(name, go):
    print(f"{now()} {name} is waiting")
    await go.wait()
    print(f"{now()} {name} goes")


async def main():
    go = asyncio.Event()
    runners = [asyncio.create_task(runner(n, go)) for n in "ABC"]
    await asyncio.sleep(1.5)
    print(f"{now()} main sets the event: go!")
    go.set()
    await asyncio.gather(*runners)

    print(f"{now()} is_set(): {go.is_set()}; a late runner:")
    await runner("D", go)  # already set: no waiting at all
    go.clear()
    print(f"{now()} after clear(), is_set(): {go.is_set()}")


asyncio.run(main())
