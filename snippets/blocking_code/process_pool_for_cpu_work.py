"""CPU-bound work: in the event loop it stops the ticker; in a process pool it does not."""
import asyncio
from concurrent.futures import ProcessPoolExecutor

ticks = 0


def count_primes(limit):
    """Pure computation: it never waits, so it never gives the loop a turn."""
    count = 0
    for n in range(2, limit):
        if all(n % d for d in range(2, int(n**0.5) + 1)):
            count += 1
    return count


async def ticker():
    global ticks
    while True:
        ticks += 1
        await asyncio.sleep(0.01)


async def main():
    tick = asyncio.create_task(ticker())
    await asyncio.sleep(0.05)  # the ticker is running

    before = ticks
    results = [count_primes(50_000), count_primes(50_000)]
    print(f"in the event loop: {results}, ticker ticked meanwhile: {ticks > before}")

    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(max_workers=2) as pool:
        before = ticks
        results = await asyncio.gather(
            loop.run_in_executor(pool, count_primes, 50_000),
            loop.run_in_executor(pool, count_primes, 50_000),
        )
    print(f"in a process pool: {results}, ticker ticked meanwhile: {ticks > before}")
    tick.cancel()


if __name__ == "__main__":  # the pool's processes may import this file
    asyncio.run(main())
