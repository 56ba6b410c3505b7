"""asyncio.Barrier(3): nobody goes on until all three have arrived."""
import asyncio
import time

START = time.perf_counter()


def now():
    return f"{time.perf_counter() - START:.2f}"


async def player(name, load_seconds, barrier):
    for level in (1, 2):
        await asyncio.sleep(load_seconds)
        print(f"{now()} {name} loaded level {level}, waits")
        await barrier.wait()
        print(f"{now()} {name} plays level {level}")


async def main():
    barrier = asyncio.Barrier(3)
    await asyncio.gather(player("A", 0.5, barrier), player("B", 2, barrier),
                         player("C", 1, barrier))
    print(f"{now()} game over")


asyncio.run(main())
